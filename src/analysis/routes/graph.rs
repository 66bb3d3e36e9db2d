//! The route graph: which facility, in which role, can follow which on a route, for cuts and
//! flows.
//!
//! A vertex is a **role**: a facility doing a run of stages and passing on one product class,
//! as the route search places it; a path through the graph from a role that can start a route
//! to one that can end one is a route. Most facilities have one role. One listed for stages
//! that are not consecutive, or with unknown products that passes on what reaches it, has
//! several: `several_roles` names them, since a cut counts facilities, not roles.

use std::collections::{BTreeSet, HashMap};

use super::products::ProductClasses;
use super::search::{KnownHops, place_nodes, takes};
use super::{MaterialLinks, RouteOptions, RouteQuery, ends, stage_paths};
use crate::model::{FacilityId, Model, StageId};

/// Roles that end one stage, and roles that can take up the next stage from any of them by
/// stage order: every `from` may hand on to every `to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageOrderGroup {
    pub from: Vec<usize>,
    pub to: Vec<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RouteGraph {
    /// Facilities in the model.
    pub facilities: usize,
    /// The facility of each role (vertex).
    pub roles: Vec<FacilityId>,
    /// Roles that can start a route, sorted.
    pub starts: Vec<usize>,
    /// Roles that can end a route, sorted.
    pub ends: Vec<usize>,
    /// Recorded hops (a material link or one firm) between roles, sorted, each once.
    pub recorded: Vec<(usize, usize)>,
    /// Every hop a route may take, recorded or not, between roles, as groups (a complete
    /// bipartite hand-over kept as two lists, so the graph stays linear in size).
    pub groups: Vec<StageOrderGroup>,
    /// Facilities with more than one role, sorted.
    pub several_roles: Vec<FacilityId>,
}

/// The graph of the routes `find_routes_without` counts for the same query, options and
/// facilities taken out.
pub fn route_graph(
    model: &Model,
    q: &RouteQuery,
    options: &RouteOptions,
    without: &BTreeSet<FacilityId>,
) -> RouteGraph {
    let mut graph = RouteGraph {
        facilities: model.facilities().len(),
        ..RouteGraph::default()
    };
    let Some((from, to)) = ends(model, options) else {
        return graph;
    };
    let links = MaterialLinks::new(model);
    let classes = ProductClasses::new(model);
    // Roles by (facility, entry stage, exit stage, class passed on): a role is the same on
    // every stage path that has it.
    let mut ids: HashMap<(FacilityId, StageId, StageId, u32), usize> = HashMap::new();
    for path in &stage_paths(model, from, to) {
        let len = path.len();
        let (nodes, at, slots) = place_nodes(model, q, path, &classes, without);
        if at.iter().any(Vec::is_empty) {
            // A stage keeps no facility: no route along this path.
            continue;
        }
        let known = KnownHops::new(model, &links, &classes, &nodes, &at, len);
        let role: Vec<usize> = nodes
            .iter()
            .map(|n| {
                let key = (n.facility, path[n.entry], path[n.exit], n.out);
                *ids.entry(key).or_insert_with(|| {
                    graph.roles.push(n.facility);
                    graph.roles.len() - 1
                })
            })
            .collect();
        // Facilities handing on into each position, by slot.
        let mut handing: Vec<Vec<Vec<usize>>> = slots
            .iter()
            .map(|list| vec![Vec::new(); list.len()])
            .collect();
        for (i, node) in nodes.iter().enumerate() {
            let next = node.exit + 1;
            if next == len {
                graph.ends.push(role[i]);
                continue;
            }
            if let Some(list) = handing[next].get_mut(node.slot as usize) {
                list.push(role[i]);
            }
            for &(g, _) in &known.known[known.start[i]..known.start[i + 1]] {
                graph.recorded.push((role[i], role[g as usize]));
            }
        }
        graph.starts.extend(at[0].iter().map(|&n| role[n as usize]));
        for (p, by_slot) in handing.into_iter().enumerate().skip(1) {
            for (slot, mut from) in by_slot.into_iter().enumerate() {
                let class = slots[p][slot];
                let mut to: Vec<usize> = at[p]
                    .iter()
                    .filter(|&&n| takes(&classes, &nodes[n as usize], class))
                    .map(|&n| role[n as usize])
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
    let mut by_facility = graph.roles.clone();
    by_facility.sort_unstable();
    graph.several_roles = by_facility
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| w[0])
        .collect();
    sort_dedup(&mut graph.several_roles);
    graph
}

fn sort_dedup<T: Ord>(list: &mut Vec<T>) {
    list.sort_unstable();
    list.dedup();
}
