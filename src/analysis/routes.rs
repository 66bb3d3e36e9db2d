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
//! counts unless its known products show otherwise (see [`does_stage`]).
//!
//! Every facility that is not excluded can follow any facility of the stage before it, so a
//! route exists exactly when every stage on the path keeps at least one facility; when none
//! does, the report names those stages and why they are empty. Routes only move forward along
//! the stage path, so cycles in the links can never make them loop. (A facility listed for two
//! stages that are not consecutive may appear twice on a route, once for each: material sent
//! out for the stage between and back, as in toll processing.)
//!
//! Routes multiply (one per combination of facilities), so they are counted, not listed: the
//! report holds the number that exist and the best few, ranked by
//! 1. fewest hops known only by stage order (an integrated facility needs no hop at all), so
//!    recorded routes come first,
//! 2. fewest facilities that are not yet operating (only with `--status all`),
//! 3. fewest facilities without a capacity figure,
//! 4. largest bottleneck (smallest known capacity, whatever its unit).
//!
//! Each score is a sum or a minimum along the route, so the best routes can be found stage by
//! stage from the end, keeping only the best few continuations per facility (a k-best dynamic
//! programme); its cost grows with facilities and links, not with the number of routes.

use std::cmp::Ordering;
use std::collections::{BTreeSet, BinaryHeap};

use super::ownership::{ExcludeBy, excluded_by};
use super::plants::does_stage;
use crate::model::{Model, Party, Status};

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

    pub fn label(self) -> &'static str {
        match self {
            StatusFilter::Operating => "operating or ramping facilities only",
            StatusFilter::All => "all facilities that are not closed, suspended or cancelled",
        }
    }
}

/// Whether a facility with this status produces now.
pub fn producing(status: Status) -> bool {
    status.is_producing()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteQuery {
    /// Country indices whose facilities a route may not use.
    pub excluded: BTreeSet<usize>,
    /// Whether a facility is in an excluded country by location, owner or either.
    pub by: ExcludeBy,
    pub status: StatusFilter,
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
    pub from: Option<usize>,
    /// End stage; default the stage with id `magnets`, else the model's last stage.
    pub to: Option<usize>,
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
    pub facility: usize,
    /// Consecutive stages of the stage path, in chain order.
    pub stages: Vec<usize>,
}

/// How a route gets from one facility to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// A link (index into `Model::links`) that carries material between them or their firms.
    Link(usize),
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

    pub fn label(self) -> &'static str {
        match self {
            Via::Link(_) => "link",
            Via::SameFirm => "same firm",
            Via::StageOrder => "stage order",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hop {
    /// Facility indices.
    pub from: usize,
    pub to: usize,
    pub via: Via,
}

/// The smallest capacity along a route.
#[derive(Debug, Clone, PartialEq)]
pub struct Bottleneck {
    pub facility: usize,
    pub value: f64,
    pub unit: String,
    /// The capacities along the route are in more than one unit, so "smallest" compares
    /// numbers that measure different things.
    pub units_differ: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    pub steps: Vec<Step>,
    /// One fewer than steps: `hops[i]` goes from `steps[i]` to `steps[i + 1]`.
    pub hops: Vec<Hop>,
    /// Countries of the facilities, each once, in route order.
    pub countries: Vec<usize>,
    /// None when no facility on the route has a capacity figure.
    pub bottleneck: Option<Bottleneck>,
    /// Facilities on the route with no capacity figure.
    pub without_capacity: Vec<usize>,
    /// Facilities on the route that are not producing yet (planned, under construction…).
    pub not_producing: Vec<usize>,
}

impl Route {
    pub fn facilities(&self) -> impl Iterator<Item = usize> + '_ {
        self.steps.iter().map(|s| s.facility)
    }

    pub fn known_hops(&self) -> usize {
        self.hops.iter().filter(|h| h.via.is_known()).count()
    }
}

/// Why no route gets through.
#[derive(Debug, Clone, PartialEq)]
pub enum Break {
    /// The model has no stages at all.
    NoStages,
    /// Following stage inputs never leads from `from` to `to`.
    NoStagePath { from: usize, to: usize },
    /// No facility is left at a stage on every stage path.
    EmptyStage(StageGap),
}

/// A stage that keeps no facility, and what removed the ones it has.
#[derive(Debug, Clone, PartialEq)]
pub struct StageGap {
    pub stage: usize,
    /// Facilities at this stage in the model.
    pub facilities: usize,
    /// Country index and how many of the stage's facilities are there, for excluded countries.
    pub excluded: Vec<(usize, usize)>,
    /// Status and how many facilities (outside excluded countries) the status filter removed.
    pub filtered: Vec<(Status, usize)>,
    /// Facilities listed at the stage whose known products show they do not do it (a plant
    /// that makes only magnets listed for separation too).
    pub other_products: usize,
}

impl Break {
    /// One sentence saying what breaks the routes.
    pub fn describe(&self, model: &Model) -> String {
        match self {
            Break::NoStages => "the model has no stages".into(),
            Break::NoStagePath { from, to } => format!(
                "no stage path: following stage inputs from {} never reaches {}",
                model.stages[*from].name, model.stages[*to].name
            ),
            Break::EmptyStage(gap) => gap.describe(model),
        }
    }
}

impl StageGap {
    pub fn describe(&self, model: &Model) -> String {
        let name = &model.stages[self.stage].name;
        if self.facilities == 0 {
            return format!("{name}: the model has no facility at this stage");
        }
        let mut why = Vec::new();
        if !self.excluded.is_empty() {
            let n: usize = self.excluded.iter().map(|&(_, n)| n).sum();
            let each: Vec<String> = self
                .excluded
                .iter()
                .map(|&(c, n)| format!("{} {n}", model.countries[c].code))
                .collect();
            why.push(format!("{n} excluded ({})", each.join(", ")));
        }
        if !self.filtered.is_empty() {
            let n: usize = self.filtered.iter().map(|&(_, n)| n).sum();
            let each: Vec<String> = self
                .filtered
                .iter()
                .map(|&(s, n)| format!("{n} {}", s.as_str()))
                .collect();
            why.push(format!("{n} not admitted by status ({})", each.join(", ")));
        }
        if self.other_products > 0 {
            why.push(format!(
                "{} make{} nothing this stage makes",
                self.other_products,
                if self.other_products == 1 { "s" } else { "" }
            ));
        }
        format!(
            "{name}: none of its {} facilit{} is left: {}",
            self.facilities,
            if self.facilities == 1 { "y" } else { "ies" },
            why.join("; ")
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct RouteReport {
    /// Start and end stage; None when the model has no stages.
    pub ends: Option<(usize, usize)>,
    /// The stage paths routes follow, each from start to end.
    pub stage_paths: Vec<Vec<usize>>,
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
    let mut scored: Vec<(Score, Route)> = Vec::new();
    let mut total: u128 = 0;
    let mut recorded: u128 = 0;
    let mut gaps: Vec<StageGap> = Vec::new();
    for path in &paths {
        let search = PathSearch::new(model, q, path, &links, limit);
        if search.is_empty() {
            for gap in search.gaps(model, q) {
                if !gaps.iter().any(|g| g.stage == gap.stage) {
                    gaps.push(gap);
                }
            }
            continue;
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
        gaps.into_iter().map(Break::EmptyStage).collect()
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

fn ends(model: &Model, options: &RouteOptions) -> Option<(usize, usize)> {
    let last = model.stages.len().checked_sub(1)?;
    let from = options.from.filter(|&s| s <= last).unwrap_or(0);
    let to = options
        .to
        .filter(|&s| s <= last)
        .or_else(|| model.stage(MAGNET_STAGE_ID))
        .unwrap_or(last);
    Some((from, to))
}

/// Simple paths from `from` to `to` where each stage is an input of the next.
fn stage_paths(model: &Model, from: usize, to: usize) -> Vec<Vec<usize>> {
    let n = model.stages.len();
    let mut consumers: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (s, stage) in model.stages.iter().enumerate() {
        for &input in &stage.inputs {
            if input < n && !consumers[input].contains(&s) {
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
    consumers: &[Vec<usize>],
    to: usize,
    path: &mut Vec<usize>,
    on_path: &mut [bool],
    paths: &mut Vec<Vec<usize>>,
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
    from_facility: Vec<Vec<usize>>,
    from_firm: Vec<Vec<usize>>,
}

impl MaterialLinks {
    fn new(model: &Model) -> Self {
        let mut from_facility = vec![Vec::new(); model.facilities.len()];
        let mut from_firm = vec![Vec::new(); model.firms.len()];
        for (i, link) in model.links.iter().enumerate() {
            if link.kind.carries_material() {
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
    fn leaving(&self, model: &Model, facility: usize) -> impl Iterator<Item = usize> + '_ {
        let firm = model.facilities[facility].firm;
        self.from_facility[facility]
            .iter()
            .chain(&self.from_firm[firm])
            .copied()
    }
}

/// What ranks a route (or the rest of one); greater is better.
#[derive(Debug, Clone, Copy)]
struct Score {
    not_producing: u32,
    unknown_hops: u32,
    missing_capacity: u32,
    /// Smallest known capacity value; infinite when none is known.
    floor: f64,
}

impl Score {
    /// This facility followed by `rest`, reached by a hop of kind `via`.
    fn then(self, via: Via, rest: Score) -> Score {
        Score {
            not_producing: self.not_producing + rest.not_producing,
            unknown_hops: self.unknown_hops + rest.unknown_hops + u32::from(!via.is_known()),
            missing_capacity: self.missing_capacity + rest.missing_capacity,
            floor: self.floor.min(rest.floor),
        }
    }
}

impl Ord for Score {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .unknown_hops
            .cmp(&self.unknown_hops)
            .then(other.not_producing.cmp(&self.not_producing))
            .then(other.missing_capacity.cmp(&self.missing_capacity))
            .then(self.floor.total_cmp(&other.floor))
    }
}

impl PartialOrd for Score {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Score {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Score {}

const NONE: u32 = u32::MAX;

/// A facility taking over a route at one position of the stage path.
struct Node {
    facility: usize,
    /// First and last position of the stage path it covers.
    entry: usize,
    exit: usize,
    own: Score,
}

/// A route's rest from a node: its score, the hop to the next node, and which continuation
/// of that node follows (its rank in the node's list).
#[derive(Clone, Copy)]
struct Suffix {
    score: Score,
    via: Via,
    next: u32,
    rank: u32,
}

/// The continuations of a node, best first.
enum Continuations {
    /// The node ends the stage path.
    End,
    /// No known hop leaves the node: its continuations are the best ones entering the next
    /// position, by stage order (kept implicit; most nodes are like this).
    StageOrder,
    /// `listed[start..start + len]`.
    Listed { start: u32, len: u32 },
}

/// An entry of the best continuations entering a position.
#[derive(Clone, Copy)]
struct Entering {
    score: Score,
    node: u32,
    rank: u32,
}

/// The k-best search along one stage path.
struct PathSearch<'a> {
    path: &'a [usize],
    nodes: Vec<Node>,
    /// Node indices by entry position.
    at: Vec<Vec<u32>>,
    continuations: Vec<Continuations>,
    /// The lists of `Continuations::Listed`, end to end.
    listed: Vec<Suffix>,
    /// Best continuations over every node entering each position.
    entering: Vec<Vec<Entering>>,
    /// Routes from each node onwards (saturating).
    counts: Vec<u128>,
    /// Recorded routes from each node onwards: every hop known (saturating).
    recorded: Vec<u128>,
    limit: usize,
}

impl<'a> PathSearch<'a> {
    fn new(
        model: &Model,
        q: &RouteQuery,
        path: &'a [usize],
        links: &MaterialLinks,
        limit: usize,
    ) -> Self {
        let len = path.len();
        let admitted = |x: usize| {
            excluded_by(model, &q.excluded, q.by, x).is_none()
                && q.status.admits(model.facilities[x].status)
        };
        let mut position = vec![usize::MAX; model.stages.len()];
        for (p, &stage) in path.iter().enumerate() {
            position[stage] = p;
        }
        let mut nodes = Vec::new();
        // Node indices by entry position, in facility order.
        let mut at: Vec<Vec<u32>> = vec![Vec::new(); len];
        // A facility's nodes are consecutive, from first_node[x].
        let mut first_node = vec![NONE; model.facilities.len()];
        let mut covered: Vec<usize> = Vec::new();
        for (x, f) in model.facilities.iter().enumerate() {
            covered.clear();
            covered.extend(
                f.stages
                    .iter()
                    .filter(|&&s| position[s] != usize::MAX && does_stage(model, x, s))
                    .map(|&s| position[s]),
            );
            if covered.is_empty() || !admitted(x) {
                continue;
            }
            covered.sort_unstable();
            covered.dedup();
            first_node[x] = nodes.len() as u32;
            for (i, &entry) in covered.iter().enumerate() {
                // Runs on through every following position it covers.
                let run = covered[i..]
                    .iter()
                    .enumerate()
                    .take_while(|&(k, &p)| p == entry + k)
                    .count();
                at[entry].push(nodes.len() as u32);
                nodes.push(Node {
                    facility: x,
                    entry,
                    exit: entry + run - 1,
                    own: Score {
                        not_producing: u32::from(!producing(f.status)),
                        unknown_hops: 0,
                        missing_capacity: u32::from(f.capacity.is_none()),
                        floor: f.capacity.as_ref().map_or(f64::INFINITY, |c| c.value),
                    },
                });
            }
        }
        let node_at = |p: usize, x: usize| -> Option<u32> {
            let first = first_node[x];
            if first == NONE {
                return None;
            }
            (first as usize..nodes.len())
                .take_while(|&n| nodes[n].facility == x)
                .find(|&n| nodes[n].entry == p)
                .map(|n| n as u32)
        };

        // Known hops out of node n, to nodes entering right after it:
        // known[known_start[n]..known_start[n + 1]].
        let mut known: Vec<(u32, Via)> = Vec::new();
        let mut known_start: Vec<usize> = Vec::with_capacity(nodes.len() + 1);
        let mut widest = vec![0usize; len];
        // added[g] == n once node g is among n's known hops: the first (best) way wins.
        let mut added = vec![NONE; nodes.len()];
        for (n, node) in nodes.iter().enumerate() {
            known_start.push(known.len());
            let next = node.exit + 1;
            if next >= len {
                continue;
            }
            let mut add = |x: usize, via: Via| {
                if let Some(g) = node_at(next, x)
                    && added[g as usize] != n as u32
                {
                    added[g as usize] = n as u32;
                    known.push((g, via));
                }
            };
            for l in links.leaving(model, node.facility) {
                match model.links[l].to {
                    Party::Facility(x) => add(x, Via::Link(l)),
                    Party::Firm(firm) => {
                        for &x in &model.firms[firm].facilities {
                            add(x, Via::Link(l));
                        }
                    }
                }
            }
            for &x in &model.firms[model.facilities[node.facility].firm].facilities {
                add(x, Via::SameFirm);
            }
            widest[next] = widest[next].max(known.len() - known_start[n]);
        }
        known_start.push(known.len());

        let mut search = PathSearch {
            path,
            nodes,
            at,
            continuations: Vec::new(),
            listed: Vec::new(),
            entering: vec![Vec::new(); len],
            counts: Vec::new(),
            recorded: Vec::new(),
            limit,
        };
        search.continuations = (0..search.nodes.len())
            .map(|_| Continuations::End)
            .collect();
        search.counts = vec![0; search.nodes.len()];
        search.recorded = vec![0; search.nodes.len()];
        let mut total_entering = vec![0u128; len + 1];
        total_entering[len] = 1;
        let mut mark = vec![NONE; search.nodes.len()];
        let mut heap = BinaryHeap::new();
        let mut list = Vec::new();
        for p in (0..len).rev() {
            let mut total = 0u128;
            for i in 0..search.at[p].len() {
                let n = search.at[p][i] as usize;
                let exit = search.nodes[n].exit;
                search.counts[n] = total_entering[exit + 1];
                total = total.saturating_add(search.counts[n]);
                let out = &known[known_start[n]..known_start[n + 1]];
                // Known hops go to later positions, whose counts are already set.
                search.recorded[n] = if exit + 1 == len {
                    1
                } else {
                    out.iter().fold(0u128, |sum, &(g, _)| {
                        sum.saturating_add(search.recorded[g as usize])
                    })
                };
                search.continuations[n] = if exit + 1 == len {
                    Continuations::End
                } else if out.is_empty() {
                    Continuations::StageOrder
                } else {
                    search.list_known(n, out, &mut mark, &mut heap, &mut list);
                    let start = search.listed.len() as u32;
                    search.listed.append(&mut list);
                    Continuations::Listed {
                        start,
                        len: search.listed.len() as u32 - start,
                    }
                };
            }
            total_entering[p] = total;
            // Enough to fill a list after skipping the continuations of every known hop.
            let keep = limit.saturating_mul(widest[p] + 1);
            search.entering[p] = search.merge_entering(p, keep);
        }
        search
    }

    /// Whether some position keeps no facility (then no route exists).
    fn is_empty(&self) -> bool {
        self.at.iter().any(Vec::is_empty)
    }

    fn count(&self) -> u128 {
        self.at[0]
            .iter()
            .fold(0u128, |sum, &n| sum.saturating_add(self.counts[n as usize]))
    }

    fn recorded_count(&self) -> u128 {
        self.at[0].iter().fold(0u128, |sum, &n| {
            sum.saturating_add(self.recorded[n as usize])
        })
    }

    fn suffix(&self, node: usize, rank: usize) -> Option<Suffix> {
        let n = &self.nodes[node];
        match &self.continuations[node] {
            Continuations::End => (rank == 0).then_some(Suffix {
                score: n.own,
                via: Via::StageOrder,
                next: NONE,
                rank: 0,
            }),
            Continuations::StageOrder => {
                if rank >= self.limit {
                    return None;
                }
                let e = self.entering[n.exit + 1].get(rank)?;
                Some(Suffix {
                    score: n.own.then(Via::StageOrder, e.score),
                    via: Via::StageOrder,
                    next: e.node,
                    rank: e.rank,
                })
            }
            &Continuations::Listed { start, len } => {
                (rank < len as usize).then(|| self.listed[start as usize + rank])
            }
        }
    }

    /// The best continuations of a node with known hops: through each known hop, or by
    /// stage order to any other node entering next. Each source is already sorted, so they
    /// are merged lazily and only `limit` entries are ever built (into `list`).
    fn list_known(
        &self,
        n: usize,
        known: &[(u32, Via)],
        mark: &mut [u32],
        heap: &mut BinaryHeap<Candidate>,
        list: &mut Vec<Suffix>,
    ) {
        let node = &self.nodes[n];
        let stamp = n as u32;
        heap.clear();
        for (i, &(g, via)) in known.iter().enumerate() {
            mark[g as usize] = stamp;
            if let Some(s) = self.suffix(g as usize, 0) {
                heap.push(Candidate {
                    suffix: Suffix {
                        score: node.own.then(via, s.score),
                        via,
                        next: g,
                        rank: 0,
                    },
                    source: i as u32,
                    cursor: 0,
                });
            }
        }
        let entering = &self.entering[node.exit + 1];
        // The next stage-order continuation at or after `from` that no known hop covers.
        let by_stage_order = |from: usize| {
            entering[from.min(entering.len())..]
                .iter()
                .position(|e| mark[e.node as usize] != stamp)
                .map(|i| {
                    let e = &entering[from + i];
                    Candidate {
                        suffix: Suffix {
                            score: node.own.then(Via::StageOrder, e.score),
                            via: Via::StageOrder,
                            next: e.node,
                            rank: e.rank,
                        },
                        source: NONE,
                        cursor: (from + i) as u32,
                    }
                })
        };
        heap.extend(by_stage_order(0));
        list.clear();
        while list.len() < self.limit {
            let Some(top) = heap.pop() else { break };
            list.push(top.suffix);
            let cursor = top.cursor as usize + 1;
            if top.source == NONE {
                heap.extend(by_stage_order(cursor));
            } else if let Some(s) = self.suffix(top.suffix.next as usize, cursor) {
                let via = top.suffix.via;
                heap.push(Candidate {
                    suffix: Suffix {
                        score: node.own.then(via, s.score),
                        via,
                        next: top.suffix.next,
                        rank: cursor as u32,
                    },
                    source: top.source,
                    cursor: cursor as u32,
                });
            }
        }
    }

    /// The best `keep` continuations over all nodes entering position `p`.
    fn merge_entering(&self, p: usize, keep: usize) -> Vec<Entering> {
        let mut heap: BinaryHeap<HeapItem> = self.at[p]
            .iter()
            .filter_map(|&n| {
                self.suffix(n as usize, 0).map(|s| {
                    HeapItem(Entering {
                        score: s.score,
                        node: n,
                        rank: 0,
                    })
                })
            })
            .collect();
        let mut best = Vec::with_capacity(keep.min(heap.len()));
        while best.len() < keep {
            let Some(HeapItem(top)) = heap.pop() else {
                break;
            };
            best.push(top);
            let rank = top.rank + 1;
            if let Some(s) = self.suffix(top.node as usize, rank as usize) {
                heap.push(HeapItem(Entering {
                    score: s.score,
                    node: top.node,
                    rank,
                }));
            }
        }
        best
    }

    /// The best routes along this path, with their scores.
    fn best(&self, model: &Model) -> Vec<(Score, Route)> {
        self.entering[0]
            .iter()
            .take(self.limit)
            .map(|e| (e.score, self.route(model, e.node, e.rank)))
            .collect()
    }

    fn route(&self, model: &Model, node: u32, rank: u32) -> Route {
        let mut steps = Vec::new();
        let mut hops = Vec::new();
        let (mut node, mut rank) = (node as usize, rank as usize);
        loop {
            let n = &self.nodes[node];
            steps.push(Step {
                facility: n.facility,
                stages: self.path[n.entry..=n.exit].to_vec(),
            });
            let Some(s) = self.suffix(node, rank) else {
                break;
            };
            if s.next == NONE {
                break;
            }
            let next = s.next as usize;
            hops.push(Hop {
                from: n.facility,
                to: self.nodes[next].facility,
                via: s.via,
            });
            (node, rank) = (next, s.rank as usize);
        }
        describe_route(model, steps, hops)
    }

    /// The positions that keep no facility, and what removed theirs.
    fn gaps(&self, model: &Model, q: &RouteQuery) -> Vec<StageGap> {
        let mut gaps = Vec::new();
        for (p, &stage) in self.path.iter().enumerate() {
            if !self.at[p].is_empty() {
                continue;
            }
            let all = &model.stages[stage].facilities;
            let mut excluded: Vec<(usize, usize)> = Vec::new();
            let mut filtered: Vec<(Status, usize)> = Vec::new();
            let mut other_products = 0;
            for &x in all {
                let f = &model.facilities[x];
                if let Some(c) = excluded_by(model, &q.excluded, q.by, x) {
                    bump(&mut excluded, c);
                } else if !does_stage(model, x, stage) {
                    other_products += 1;
                } else if !q.status.admits(f.status) {
                    bump(&mut filtered, f.status);
                }
            }
            excluded.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            filtered.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            gaps.push(StageGap {
                stage,
                facilities: all.len(),
                excluded,
                filtered,
                other_products,
            });
        }
        gaps
    }
}

fn bump<K: PartialEq>(counts: &mut Vec<(K, usize)>, key: K) {
    match counts.iter_mut().find(|(k, _)| *k == key) {
        Some((_, n)) => *n += 1,
        None => counts.push((key, 1)),
    }
}

/// A continuation waiting in a merge, with where its source goes on.
struct Candidate {
    suffix: Suffix,
    /// Index of the known hop it comes through, or NONE for stage order.
    source: u32,
    /// Rank in the known hop's list, or index in the entering list.
    cursor: u32,
}

/// Best first; ties go to the earlier next node, then its lower rank.
impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.suffix
            .score
            .cmp(&other.suffix.score)
            .then(other.suffix.next.cmp(&self.suffix.next))
            .then(other.suffix.rank.cmp(&self.suffix.rank))
    }
}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Candidate {}

/// Orders heap entries best first; ties go to the earlier node, then the lower rank.
struct HeapItem(Entering);

impl Ord for HeapItem {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0
            .score
            .cmp(&other.0.score)
            .then(other.0.node.cmp(&self.0.node))
            .then(other.0.rank.cmp(&self.0.rank))
    }
}

impl PartialOrd for HeapItem {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for HeapItem {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for HeapItem {}

/// Fills in what a route's readers want from its facilities.
fn describe_route(model: &Model, steps: Vec<Step>, hops: Vec<Hop>) -> Route {
    let mut countries = Vec::new();
    let mut without_capacity = Vec::new();
    let mut not_producing = Vec::new();
    let mut bottleneck: Option<Bottleneck> = None;
    let mut units: Vec<&str> = Vec::new();
    for step in &steps {
        let f = &model.facilities[step.facility];
        if !countries.contains(&f.country) {
            countries.push(f.country);
        }
        if !producing(f.status) {
            not_producing.push(step.facility);
        }
        let Some(cap) = &f.capacity else {
            without_capacity.push(step.facility);
            continue;
        };
        if !units.contains(&cap.unit.as_str()) {
            units.push(&cap.unit);
        }
        if bottleneck.as_ref().is_none_or(|b| cap.value < b.value) {
            bottleneck = Some(Bottleneck {
                facility: step.facility,
                value: cap.value,
                unit: cap.unit.clone(),
                units_differ: false,
            });
        }
    }
    if let Some(b) = &mut bottleneck {
        b.units_differ = units.len() > 1;
    }
    Route {
        steps,
        hops,
        countries,
        bottleneck,
        without_capacity,
        not_producing,
    }
}
