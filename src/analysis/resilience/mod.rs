//! Which plants hold the chain and how concentrated each stage is.
//!
//! - The **route cut**: the fewest facilities whose loss breaks every ore-to-magnet route
//!   left under the query, for recorded routes (every hop a link or one firm) and for every
//!   route (stage order too), with as many facility-disjoint routes as the cut is large, and
//!   the single points of failure.
//! - **Per stage**: HHI, the top country's share and what is left without it (N−1), from the
//!   stage's headline share block, against the thresholds in [`thresholds`].
//!
//! This returns data; the words are in `present::resilience`.

mod flow;
pub mod stages;
pub mod thresholds;

use std::collections::BTreeSet;

pub use flow::{Cut, Hops, min_cut};
pub use stages::{Coverage, NMinusOne, StageIndicators, coverage_of_demand, stage_indicators};

use super::routes::{RouteOptions, RouteQuery, find_routes_with, find_routes_without, route_graph};
use super::whatif::Exclusion;
use crate::model::Model;

/// The cut of one kind of route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteCut {
    /// How many routes of this kind there are (saturating).
    pub routes: u128,
    pub cut: Cut,
    /// Whether the cut is known to be the smallest: its disjoint routes are all real routes.
    /// False only when a facility with several roles lets the graph join roles no route joins.
    pub exact: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Resilience {
    /// Start and end stage of the routes; None when the model has no stages.
    pub ends: Option<(usize, usize)>,
    /// Routes whose every hop is recorded.
    pub recorded: RouteCut,
    /// Every route, those by stage order included.
    pub every: RouteCut,
    /// Facilities on the routes in more than one role (see `routes::RouteGraph`).
    pub several_roles: Vec<usize>,
    pub stages: Vec<StageIndicators>,
}

/// The route cuts under the query, and the indicators of `stages` (every stage when empty).
pub fn resilience(model: &Model, q: &RouteQuery, stages: &[usize]) -> Resilience {
    let options = RouteOptions {
        limit: 1,
        ..RouteOptions::default()
    };
    let report = find_routes_with(model, q, &options);
    let graph = route_graph(model, q, &options, &BTreeSet::new());
    let exclusion = Exclusion::new(&q.excluded, q.by);
    let stages: Vec<usize> = if stages.is_empty() {
        (0..model.stages.len()).collect()
    } else {
        stages.to_vec()
    };
    let cut_of = |hops: Hops, routes: u128| {
        let cut = min_cut(&graph, hops);
        let exact = cut
            .disjoint
            .iter()
            .all(|route| is_route(model, q, &graph.several_roles, route, hops));
        RouteCut { routes, cut, exact }
    };
    Resilience {
        ends: report.ends,
        recorded: cut_of(Hops::Recorded, report.recorded),
        every: cut_of(Hops::Any, report.total),
        several_roles: graph.several_roles,
        stages: stages
            .into_iter()
            .map(|s| stage_indicators(model, s, exclusion))
            .collect(),
    }
}

/// Whether a path of the route graph holds a route of its kind. One through facilities of a
/// single role each is one; otherwise the route search is asked, with only its facilities.
/// When every disjoint path of a cut holds a route, no smaller cut can break them all.
fn is_route(model: &Model, q: &RouteQuery, several: &[usize], path: &[usize], hops: Hops) -> bool {
    if !path.iter().any(|x| several.binary_search(x).is_ok()) {
        return true;
    }
    let keep: BTreeSet<usize> = path.iter().copied().collect();
    let without: BTreeSet<usize> = (0..model.facilities.len())
        .filter(|x| !keep.contains(x))
        .collect();
    let options = RouteOptions {
        limit: 1,
        ..RouteOptions::default()
    };
    let report = find_routes_without(model, q, &options, &without);
    match hops {
        Hops::Recorded => report.recorded > 0,
        Hops::Any => report.total > 0,
    }
}
