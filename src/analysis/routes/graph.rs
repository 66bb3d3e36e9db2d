//! The route graph: which facility can follow which on a route, for cuts and flows.
//!
//! It is built from the same nodes and hops as the route search, with one vertex per
//! facility, so a path through it from a facility that can start a route to one that can end
//! one is a route. A facility that joins routes in more than one role (different stages, or
//! an unknown product line passing on different rare earths) is still one vertex: a path may
//! then enter it in one role and leave it in another, which no route does. `several_roles`
//! names such facilities, so that a cut computed on this graph can say it is exact only when
//! there are none.

use std::collections::BTreeSet;

use super::products::ProductClasses;
use super::search::{KnownHops, place_nodes, takes};
use super::{MaterialLinks, RouteOptions, RouteQuery, ends, stage_paths};
use crate::model::Model;

/// Facilities that end one stage, and facilities that can take up the next stage from any of
/// them by stage order: every `from` may hand on to every `to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageOrderGroup {
    pub from: Vec<usize>,
    pub to: Vec<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RouteGraph {
    /// Facilities in the model (vertices are facility indices below this).
    pub facilities: usize,
    /// Facilities that can start a route, sorted.
    pub starts: Vec<usize>,
    /// Facilities that can end a route, sorted.
    pub ends: Vec<usize>,
    /// Recorded hops (a material link or one firm) between facilities, sorted, each once.
    pub recorded: Vec<(usize, usize)>,
    /// Every hop a route may take, recorded or not, as groups (a complete bipartite hand-over
    /// kept as two lists, so the graph stays linear in size).
    pub groups: Vec<StageOrderGroup>,
    /// Facilities with more than one role on the routes (see the module comment), sorted.
    pub several_roles: Vec<usize>,
}

/// The graph of the routes `find_routes_without` counts for the same query, options and
/// facilities taken out.
pub fn route_graph(
    model: &Model,
    q: &RouteQuery,
    options: &RouteOptions,
    without: &BTreeSet<usize>,
) -> RouteGraph {
    let mut graph = RouteGraph {
        facilities: model.facilities.len(),
        ..RouteGraph::default()
    };
    let Some((from, to)) = ends(model, options) else {
        return graph;
    };
    let links = MaterialLinks::new(model);
    let classes = ProductClasses::new(model);
    // (facility, entry stage, exit stage, class passed on) of every node.
    let mut roles: Vec<(usize, usize, usize, u32)> = Vec::new();
    for path in &stage_paths(model, from, to) {
        let len = path.len();
        let (nodes, at, slots) = place_nodes(model, q, path, &classes, without);
        if at.iter().any(Vec::is_empty) {
            // A stage keeps no facility: no route along this path.
            continue;
        }
        let known = KnownHops::new(model, &links, &classes, &nodes, &at, len);
        // Facilities handing on into each position, by slot.
        let mut handing: Vec<Vec<Vec<usize>>> = slots
            .iter()
            .map(|list| vec![Vec::new(); list.len()])
            .collect();
        for (i, node) in nodes.iter().enumerate() {
            roles.push((node.facility, path[node.entry], path[node.exit], node.out));
            let next = node.exit + 1;
            if next == len {
                graph.ends.push(node.facility);
                continue;
            }
            if let Some(list) = handing[next].get_mut(node.slot as usize) {
                list.push(node.facility);
            }
            for &(g, _) in &known.known[known.start[i]..known.start[i + 1]] {
                graph
                    .recorded
                    .push((node.facility, nodes[g as usize].facility));
            }
        }
        graph
            .starts
            .extend(at[0].iter().map(|&n| nodes[n as usize].facility));
        for (p, by_slot) in handing.into_iter().enumerate().skip(1) {
            for (slot, mut from) in by_slot.into_iter().enumerate() {
                let class = slots[p][slot];
                let mut to: Vec<usize> = at[p]
                    .iter()
                    .map(|&n| &nodes[n as usize])
                    .filter(|n| takes(&classes, n, class))
                    .map(|n| n.facility)
                    .collect();
                if from.is_empty() || to.is_empty() {
                    continue;
                }
                sort_dedup(&mut from);
                sort_dedup(&mut to);
                graph.groups.push(StageOrderGroup { from, to });
            }
        }
    }
    sort_dedup(&mut graph.starts);
    sort_dedup(&mut graph.ends);
    sort_dedup(&mut graph.recorded);
    sort_dedup(&mut roles);
    graph.several_roles = roles
        .windows(2)
        .filter(|w| w[0].0 == w[1].0)
        .map(|w| w[0].0)
        .collect();
    sort_dedup(&mut graph.several_roles);
    graph
}

fn sort_dedup<T: Ord>(list: &mut Vec<T>) {
    list.sort_unstable();
    list.dedup();
}
