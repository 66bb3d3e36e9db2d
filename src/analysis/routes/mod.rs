//! Ore-to-magnet routes: chains of facilities that together cover every stage from the first
//! stage (mining) to the magnet stage, avoiding excluded countries.
//!
//! A route walks a *stage path*: the stages from the start stage to the end stage, each one an
//! input of the next (`Stage.inputs`). Each facility on a route takes over at the first stage
//! not yet covered and keeps every following stage it also covers, so a mine that concentrates
//! and separates counts for all three. A hop from one facility to the next is
//! - a **link** when the model records material moving between them (a supplies or offtake
//!   link between the facilities or their firms),
//! - **same firm** when both facilities belong to one firm (in-house flow),
//! - **stage order** otherwise: the next facility makes the next stage, nothing more is known.
//!
//! A facility takes part only through the stages it really does: a stage it is listed for
//! counts unless its known products show otherwise (see [`super::plants::does_stage`]). Every
//! hop, of whatever kind, also needs what reaches the next facility to fit its products: a
//! rare earth in common where both are known (see [`products::feeds`]).
//!
//! A route exists only when every stage on the path keeps at least one facility and products
//! fit from end to end; when none does, the report names the stages left empty and why, or
//! the stage whose products feed nothing left after it. Routes only move forward along
//! the stage path, so cycles in the links can never make them loop. (A facility listed for two
//! stages that are not consecutive may appear twice on a route, once for each: material sent
//! out for the stage between and back, as in toll processing.)
//!
//! Routes multiply (one per combination of facilities), so they are counted, not listed: the
//! report holds the number that exist and the best few, ranked by
//! 1. fewest hops known only by stage order (an integrated facility needs no hop at all), so
//!    recorded routes come first,
//! 2. fewest facilities that are not yet operating (only with `--status all`),
//! 3. fewest facilities without a capacity figure at the stages they cover there.
//!
//! Capacities in different units are not ranked against each other: a route's bottleneck (its
//! smallest capacity) is named only when all its capacities are in one unit.
//!
//! Each score is a sum along the route, so the best routes can be found stage by stage from
//! the end, keeping only the best few continuations per facility (a k-best dynamic programme);
//! a facility with unknown products has one node for each product class that can reach it, as
//! it passes that on. The cost grows with facilities, links and product classes, not with the
//! number of routes.

mod graph;
pub mod products;
mod report;
mod score;
mod search;

use std::collections::BTreeSet;

pub use graph::{RouteGraph, StageOrderGroup, route_graph};
use products::ProductClasses;
pub use report::step_capacity;
use score::Score;
use search::PathSearch;

use super::ownership::ExcludeBy;
use crate::model::{CountryId, FacilityId, LinkId, Model, Party, StageId, Status, indexed};

/// Which facilities may be on a route, by status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatusFilter {
    /// Producing now: operating or ramping up.
    Operating,
    /// Anything not suspended, closed or cancelled: pilot, construction, announced, exploration
    /// and unknown too.
    All,
}

impl StatusFilter {
    pub fn admits(self, status: Status) -> bool {
        match self {
            StatusFilter::Operating => producing(status),
            StatusFilter::All => !status.is_stopped(),
        }
    }
}

/// Whether a facility with this status produces now.
pub fn producing(status: Status) -> bool {
    status.is_producing()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteQuery {
    /// Countries whose facilities a route may not use.
    pub excluded: BTreeSet<CountryId>,
    /// Whether a facility is in an excluded country by location, owner or either.
    pub by: ExcludeBy,
    pub status: StatusFilter,
}

impl RouteQuery {
    /// The same query admitting plants not yet producing too; None when it already does.
    pub fn widened(&self) -> Option<RouteQuery> {
        (self.status == StatusFilter::Operating).then(|| RouteQuery {
            status: StatusFilter::All,
            ..self.clone()
        })
    }
}

/// How many routes `find_routes` lists.
pub const DEFAULT_LIMIT: usize = 10;
/// Most routes a report lists, whatever is asked for: memory grows with facilities times this.
pub const MAX_LIMIT: usize = 100;
/// The stage routes end at by default.
pub const MAGNET_STAGE_ID: &str = "magnets";
/// Stage paths considered between the two ends (stage graphs are small; this bounds odd ones).
const MAX_STAGE_PATHS: usize = 16;

/// Where routes start and end, and how many to list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteOptions {
    pub limit: usize,
    /// Start stage; default the model's first stage.
    pub from: Option<StageId>,
    /// End stage; default the stage with id `magnets`, else the model's last stage.
    pub to: Option<StageId>,
}

impl Default for RouteOptions {
    fn default() -> Self {
        RouteOptions {
            limit: DEFAULT_LIMIT,
            from: None,
            to: None,
        }
    }
}

/// One facility on a route and the stages it covers there.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub facility: FacilityId,
    /// Consecutive stages of the stage path, in chain order.
    pub stages: Vec<StageId>,
}

/// How a route gets from one facility to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// A link that carries material between them or their firms.
    Link(LinkId),
    /// Both facilities belong to the same firm.
    SameFirm,
    /// Nothing recorded: the second facility makes the next stage.
    StageOrder,
}

impl Via {
    /// Whether the model records that material moves this way.
    pub fn is_known(self) -> bool {
        !matches!(self, Via::StageOrder)
    }

    /// The hop's kind as a key for JSON: `link`, `same firm` or `stage order`.
    pub fn as_str(self) -> &'static str {
        match self {
            Via::Link(_) => "link",
            Via::SameFirm => "same firm",
            Via::StageOrder => "stage order",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hop {
    pub from: FacilityId,
    pub to: FacilityId,
    pub via: Via,
}

/// The smallest capacity along a route, in one unit: as published when all are in it,
/// else converted to the unit of the route's last capacity.
#[derive(Debug, Clone, PartialEq)]
pub struct Bottleneck {
    pub facility: FacilityId,
    pub value: f64,
    pub unit: String,
    /// The conversions applied (index, backwards), empty when the figure is as published:
    /// the value is then a derived equivalent.
    pub conversions: Vec<(usize, bool)>,
    /// The figure as published, when converted.
    pub published: Option<(f64, String)>,
}

/// Why a route's capacities cannot be compared.
#[derive(Debug, Clone, PartialEq)]
pub enum NotComparable {
    /// The facility's source leaves the unit of its capacity unclear.
    UnclearUnit { facility: FacilityId },
    /// No chain of the model's conversions leads from one unit to the other.
    NoConversion { from: String, to: String },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    pub steps: Vec<Step>,
    /// One fewer than steps: `hops[i]` goes from `steps[i]` to `steps[i + 1]`.
    pub hops: Vec<Hop>,
    /// Countries of the facilities, each once, in route order.
    pub countries: Vec<CountryId>,
    /// None when no facility on the route has a capacity figure at the stages it covers, or
    /// when their units differ and do not convert.
    pub bottleneck: Option<Bottleneck>,
    /// Why no bottleneck is named although there are capacities.
    pub not_comparable: Option<NotComparable>,
    /// Units of the capacities along the route (trimmed), each once, in route order.
    pub units: Vec<String>,
    /// Facilities on the route with no capacity figure.
    pub without_capacity: Vec<FacilityId>,
    /// Facilities on the route that are not producing yet (planned, under construction…).
    pub not_producing: Vec<FacilityId>,
}

impl Route {
    pub fn facilities(&self) -> impl Iterator<Item = FacilityId> + '_ {
        self.steps.iter().map(|s| s.facility)
    }

    pub fn known_hops(&self) -> usize {
        self.hops.iter().filter(|h| h.via.is_known()).count()
    }

    /// Whether its capacities can be compared: none, all in one unit, or all converted.
    pub fn comparable(&self) -> bool {
        self.not_comparable.is_none()
    }
}

/// Why no route gets through.
#[derive(Debug, Clone, PartialEq)]
pub enum Break {
    /// The model has no stages at all.
    NoStages,
    /// Following stage inputs never leads from `from` to `to`.
    NoStagePath { from: StageId, to: StageId },
    /// No facility is left at a stage on every stage path.
    EmptyStage(StageGap),
    /// Every stage keeps facilities, but what those at `stage` make feeds none of the
    /// facilities left after them (their products name other rare earths), nor does anything
    /// before them lead to one that does.
    Products { stage: StageId },
}

/// A stage that keeps no facility, and what removed the ones it has.
#[derive(Debug, Clone, PartialEq)]
pub struct StageGap {
    pub stage: StageId,
    /// Facilities at this stage in the model.
    pub facilities: usize,
    /// Country and how many of the stage's facilities are there, for excluded countries.
    pub excluded: Vec<(CountryId, usize)>,
    /// Status and how many facilities (outside excluded countries) the status filter removed.
    pub filtered: Vec<(Status, usize)>,
    /// Facilities listed at the stage whose known products show they do not do it (a plant
    /// that makes only magnets listed for separation too).
    pub other_products: usize,
    /// Facilities taken out by id (`routes --exclude-facility`).
    pub removed: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RouteReport {
    /// Start and end stage; None when the model has no stages.
    pub ends: Option<(StageId, StageId)>,
    /// The stage paths routes follow, each from start to end.
    pub stage_paths: Vec<Vec<StageId>>,
    /// The best routes, best first, at most the limit asked for.
    pub routes: Vec<Route>,
    /// How many routes exist in all (saturating).
    pub total: u128,
    /// How many of them are recorded: every hop a recorded link or inside one firm.
    pub recorded: u128,
    /// Why there is no route; empty when there is one.
    pub breaks: Vec<Break>,
}

/// The best routes for the query (at most [`DEFAULT_LIMIT`]), how many exist, and when none
/// does, which stage breaks them.
pub fn find_routes(model: &Model, q: &RouteQuery) -> RouteReport {
    find_routes_with(model, q, &RouteOptions::default())
}

pub fn find_routes_with(model: &Model, q: &RouteQuery, options: &RouteOptions) -> RouteReport {
    find_routes_without(model, q, options, &BTreeSet::new())
}

/// The same, with the facilities in `without` taken out too: what is left when those plants
/// stop.
pub fn find_routes_without(
    model: &Model,
    q: &RouteQuery,
    options: &RouteOptions,
    without: &BTreeSet<FacilityId>,
) -> RouteReport {
    let Some((from, to)) = ends(model, options) else {
        return RouteReport {
            ends: None,
            stage_paths: Vec::new(),
            routes: Vec::new(),
            total: 0,
            recorded: 0,
            breaks: vec![Break::NoStages],
        };
    };
    let paths = stage_paths(model, from, to);
    let limit = options.limit.min(MAX_LIMIT);
    let links = MaterialLinks::new(model);
    let classes = ProductClasses::new(model);
    let mut scored: Vec<(Score, Route)> = Vec::new();
    let mut total: u128 = 0;
    let mut recorded: u128 = 0;
    let mut gaps: Vec<StageGap> = Vec::new();
    let mut mismatches: Vec<StageId> = Vec::new();
    for path in &paths {
        let search = PathSearch::new(model, q, path, &links, &classes, limit, without);
        if search.is_empty() {
            for gap in search.gaps(model, q, without) {
                if !gaps.iter().any(|g| g.stage == gap.stage) {
                    gaps.push(gap);
                }
            }
            continue;
        }
        if let Some(stage) = search.products_break()
            && !mismatches.contains(&stage)
        {
            mismatches.push(stage);
        }
        total = total.saturating_add(search.count());
        recorded = recorded.saturating_add(search.recorded_count());
        scored.extend(search.best(model));
    }
    // Stable: within equal scores, earlier stage paths and earlier facilities stay first.
    scored.sort_by_key(|s| std::cmp::Reverse(s.0));
    scored.truncate(limit);
    let routes: Vec<Route> = scored.into_iter().map(|(_, r)| r).collect();
    let breaks = if total > 0 {
        Vec::new()
    } else if paths.is_empty() {
        vec![Break::NoStagePath { from, to }]
    } else {
        gaps.sort_by_key(|g| g.stage);
        mismatches.sort_unstable();
        gaps.into_iter()
            .map(Break::EmptyStage)
            .chain(
                mismatches
                    .into_iter()
                    .map(|stage| Break::Products { stage }),
            )
            .collect()
    };
    RouteReport {
        ends: Some((from, to)),
        stage_paths: paths,
        routes,
        total,
        recorded,
        breaks,
    }
}

pub(crate) fn ends(model: &Model, options: &RouteOptions) -> Option<(StageId, StageId)> {
    let mut ids = model.stage_ids();
    let first = ids.next()?;
    let last = ids.next_back().unwrap_or(first);
    let from = options.from.filter(|&s| s <= last).unwrap_or(first);
    let to = options
        .to
        .filter(|&s| s <= last)
        .or_else(|| model.stage_by_id(MAGNET_STAGE_ID))
        .unwrap_or(last);
    Some((from, to))
}

/// Simple paths from `from` to `to` where each stage is an input of the next.
pub(crate) fn stage_paths(model: &Model, from: StageId, to: StageId) -> Vec<Vec<StageId>> {
    let n = model.stages().len();
    let mut consumers: Vec<Vec<StageId>> = vec![Vec::new(); n];
    for (s, stage) in indexed(model.stages()) {
        for &input in &stage.inputs {
            if !consumers[input].contains(&s) {
                consumers[input].push(s);
            }
        }
    }
    let mut paths = Vec::new();
    let mut path = vec![from];
    let mut on_path = vec![false; n];
    on_path[from] = true;
    walk_stages(&consumers, to, &mut path, &mut on_path, &mut paths);
    paths
}

fn walk_stages(
    consumers: &[Vec<StageId>],
    to: StageId,
    path: &mut Vec<StageId>,
    on_path: &mut [bool],
    paths: &mut Vec<Vec<StageId>>,
) {
    let Some(&here) = path.last() else { return };
    if here == to {
        paths.push(path.clone());
        return;
    }
    for &next in &consumers[here] {
        if paths.len() >= MAX_STAGE_PATHS {
            return;
        }
        if on_path[next] {
            continue;
        }
        on_path[next] = true;
        path.push(next);
        walk_stages(consumers, to, path, on_path, paths);
        path.pop();
        on_path[next] = false;
    }
}

/// Material links by the party they leave from.
struct MaterialLinks {
    from_facility: Vec<Vec<LinkId>>,
    from_firm: Vec<Vec<LinkId>>,
}

impl MaterialLinks {
    fn new(model: &Model) -> Self {
        let mut from_facility = vec![Vec::new(); model.facilities().len()];
        let mut from_firm = vec![Vec::new(); model.firms().len()];
        for (i, link) in indexed(model.links()) {
            // A suspended or ended link carries nothing now.
            if link.kind.carries_material() && link.is_active() {
                match link.from {
                    Party::Facility(x) => from_facility[x].push(i),
                    Party::Firm(f) => from_firm[f].push(i),
                }
            }
        }
        MaterialLinks {
            from_facility,
            from_firm,
        }
    }

    /// Links leaving the facility itself first, then those leaving its firm.
    fn leaving(&self, model: &Model, facility: FacilityId) -> impl Iterator<Item = LinkId> + '_ {
        let firm = model.facility(facility).firm;
        self.from_facility[facility]
            .iter()
            .chain(&self.from_firm[firm])
            .copied()
    }
}
