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

use std::collections::{BTreeMap, BTreeSet};

pub use flow::{Cut, Flow, Hops, Level, RouteCheck, flow};
pub use stages::{
    Coverage, LeftCoverage, NMinusOne, StageIndicators, coverage_of_demand, stage_indicators,
};

use super::balance::{self, Assumptions, Balance, DEFAULT_YEARS};
use super::routes::{RouteGraph, RouteOptions, RouteQuery, find_routes_with, route_graph};
use super::whatif::Exclusion;
use crate::model::{CountryId, FacilityId, Model, StageId};

/// The cut of one kind of route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteCut {
    /// How many routes of this kind there are (saturating).
    pub routes: u128,
    pub cut: Cut,
    /// Whether the cut is known to be the smallest: as many facility-disjoint routes were
    /// found as it has facilities. Can be false only when some facility has several roles.
    pub exact: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Resilience {
    /// Start and end stage of the routes; None when the model has no stages.
    pub ends: Option<(StageId, StageId)>,
    /// Routes whose every hop is recorded.
    pub recorded: RouteCut,
    /// Every route, those by stage order included.
    pub every: RouteCut,
    /// Facilities on the routes in more than one role (see `routes::RouteGraph`).
    pub several_roles: Vec<FacilityId>,
    pub stages: Vec<StageIndicators>,
}

/// The route cuts under the query, and the indicators of `stages` (every stage when empty).
pub fn resilience(model: &Model, q: &RouteQuery, stages: &[StageId]) -> Resilience {
    let options = RouteOptions {
        limit: 1,
        ..RouteOptions::default()
    };
    let report = find_routes_with(model, q, &options);
    let graph = route_graph(model, q, &options, &BTreeSet::new());
    let exclusion = Exclusion::new(&q.excluded, q.by);
    let stages: Vec<StageId> = if stages.is_empty() {
        model.stage_ids().collect()
    } else {
        stages.to_vec()
    };
    let cut_of = |hops: Hops, routes: u128| route_cut(&graph, hops, routes);
    let mut stages: Vec<StageIndicators> = stages
        .into_iter()
        .map(|s| stage_indicators(model, s, exclusion))
        .collect();
    left_coverage(model, q, &mut stages);
    Resilience {
        ends: report.ends,
        recorded: cut_of(Hops::Recorded, report.recorded),
        every: cut_of(Hops::Any, report.total),
        several_roles: graph.several_roles,
        stages,
    }
}

/// Each stage's N−1 coverage of demand, from the balance with its largest country still in
/// excluded too (as the query excludes: by location, owner or either), with the default
/// assumptions; one balance per such country.
fn left_coverage(model: &Model, q: &RouteQuery, stages: &mut [StageIndicators]) {
    if model.demand().is_empty() {
        return;
    }
    let mut balances: BTreeMap<CountryId, Option<Balance>> = BTreeMap::new();
    for s in stages.iter_mut() {
        let Some(n) = s.n_minus_one else {
            continue;
        };
        let left = balances.entry(n.country).or_insert_with(|| {
            let mut out = q.excluded.clone();
            out.insert(n.country);
            balance::balance(
                model,
                &balance::Query {
                    exclusion: Exclusion::new(&out, q.by),
                    years: DEFAULT_YEARS,
                    scenarios: Vec::new(),
                    regions: Vec::new(),
                    stages: Vec::new(),
                    assumptions: Assumptions::default(),
                },
            )
            .ok()
        });
        if let Some(st) = left.as_ref().and_then(|b| b.stage(s.stage)) {
            s.coverage = coverage_of_demand(model, st);
        }
    }
}

/// Largest cut checked facility by facility for ones the others make up for (one graph
/// search each).
const MAX_PRUNED: usize = 64;

/// The smallest cut of one kind of route that the two levels of flow find, with the most
/// facility-disjoint routes they show, and the single points of failure.
fn route_cut(graph: &RouteGraph, hops: Hops, routes: u128) -> RouteCut {
    if routes == 0 {
        return RouteCut {
            routes,
            cut: Cut::default(),
            exact: true,
        };
    }
    let check = RouteCheck::new(graph, hops);
    // Facility level: its cut breaks every route; those of its paths that hold a route are
    // facility-disjoint routes (a path through facilities of one role each always does).
    let merged = flow(graph, hops, Level::Facility);
    let mut best = merged.cut;
    let mut disjoint: Vec<Vec<FacilityId>> = merged
        .paths
        .into_iter()
        .filter(|path| {
            !path
                .iter()
                .any(|x| graph.several_roles.binary_search(x).is_ok())
                || check.route_left(|f| path.contains(&f))
        })
        .collect();
    if !graph.several_roles.is_empty() {
        // Role level: its paths are routes; its cut's facilities break every route too.
        let by_role = flow(graph, hops, Level::Role);
        if by_role.cut.len() < best.len() {
            best = by_role.cut;
        }
        let mut used = BTreeSet::new();
        let apart: Vec<Vec<FacilityId>> = by_role
            .paths
            .into_iter()
            .filter(|path| {
                let free = path.iter().all(|x| !used.contains(x));
                if free {
                    used.extend(path.iter().copied());
                }
                free
            })
            .collect();
        if apart.len() > disjoint.len() {
            disjoint = apart;
        }
    }
    // A single point of failure lies on every route, so on any one.
    let single = if disjoint.len() <= 1 {
        let mut on_one: Vec<FacilityId> = Vec::new();
        for &x in disjoint.first().into_iter().flatten() {
            if !on_one.contains(&x) {
                on_one.push(x);
            }
        }
        check.single_points(&on_one)
    } else {
        Vec::new()
    };
    if let Some(&x) = single.first() {
        best = vec![x];
    }
    if best.len() > disjoint.len() && best.len() <= MAX_PRUNED {
        // Drop each facility whose loss the others make up for.
        for x in best.clone() {
            best.retain(|&y| y != x);
            if check.route_left(|f| !best.contains(&f)) {
                best.push(x);
            }
        }
        best.sort_unstable();
    }
    let mut exact = best.len() == disjoint.len();
    if !exact {
        // Between the two bounds: look for a smaller cut size by size, while the budget lasts.
        let mut budget = check.search_budget();
        for size in disjoint.len()..best.len() {
            if let Some(mut found) = check.cut_of_size(size, &mut budget) {
                found.sort_unstable();
                best = found;
                exact = true;
                break;
            }
            if budget == 0 {
                break;
            }
        }
        // Every smaller size searched to the end found nothing: the cut is the smallest.
        exact = exact || budget > 0;
    }
    RouteCut {
        routes,
        cut: Cut {
            facilities: best,
            disjoint,
            single_points: single,
        },
        exact,
    }
}
