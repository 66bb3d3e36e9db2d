//! The smallest set of facilities whose loss breaks every route: a minimum vertex cut of the
//! route graph, found as a maximum flow with each facility split into an entry and an exit
//! joined by an edge of capacity one (Menger: the cut is as large as the number of
//! facility-disjoint routes).

use std::collections::VecDeque;

use crate::analysis::routes::RouteGraph;
use crate::model::{FacilityId, Id};

/// Which hops the routes may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hops {
    /// Only recorded ones: a material link or one firm.
    Recorded,
    /// Any, stage order included.
    Any,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cut {
    /// Facilities whose loss together breaks every route: as few as could be found.
    pub facilities: Vec<FacilityId>,
    /// Routes no two of which share a facility, each as its facilities in route order: as
    /// many as the cut has facilities when the cut is the smallest (Menger).
    pub disjoint: Vec<Vec<FacilityId>>,
    /// Facilities each of which alone breaks every route.
    pub single_points: Vec<FacilityId>,
}

const INFINITE: u32 = u32::MAX / 2;
/// Edges the exact search for a smallest cut may visit in all (some 30 ms of work).
const SEARCH_WORK: usize = 4_000_000;
const SOURCE: usize = 0;
const SINK: usize = 1;

/// A flow network: edge `e` and its reverse `e ^ 1` are stored side by side.
struct Network {
    head: Vec<u32>,
    capacity: Vec<u32>,
    /// The capacity each edge was built with (0 for reverse edges).
    built: Vec<u32>,
    out: Vec<Vec<u32>>,
}

impl Network {
    fn new(vertices: usize) -> Self {
        Network {
            head: Vec::new(),
            capacity: Vec::new(),
            built: Vec::new(),
            out: vec![Vec::new(); vertices],
        }
    }

    fn add_vertex(&mut self) -> usize {
        self.out.push(Vec::new());
        self.out.len() - 1
    }

    fn add_edge(&mut self, from: usize, to: usize, capacity: u32) {
        for (a, b, c) in [(from, to, capacity), (to, from, 0)] {
            self.out[a].push(self.head.len() as u32);
            self.head.push(b as u32);
            self.capacity.push(c);
            self.built.push(c);
        }
    }

    /// Dinic's algorithm: the flow from SOURCE to SINK, at most `bound`.
    fn max_flow(&mut self, bound: u32) -> u32 {
        let n = self.out.len();
        let mut flow = 0;
        let mut level = vec![u32::MAX; n];
        let mut next = vec![0usize; n];
        while flow < bound && self.levels(&mut level) {
            next.fill(0);
            loop {
                let pushed = self.push(bound - flow, &level, &mut next);
                if pushed == 0 {
                    break;
                }
                flow += pushed;
                if flow >= bound {
                    break;
                }
            }
        }
        flow
    }

    /// Breadth-first levels over edges with room; whether SINK is reached.
    fn levels(&self, level: &mut [u32]) -> bool {
        level.fill(u32::MAX);
        level[SOURCE] = 0;
        let mut queue = VecDeque::from([SOURCE]);
        while let Some(v) = queue.pop_front() {
            for &e in &self.out[v] {
                let w = self.head[e as usize] as usize;
                if self.capacity[e as usize] > 0 && level[w] == u32::MAX {
                    level[w] = level[v] + 1;
                    queue.push_back(w);
                }
            }
        }
        level[SINK] != u32::MAX
    }

    /// One augmenting path along increasing levels, found depth first with an explicit stack
    /// (a residual path can be long on a large model); the flow it adds.
    fn push(&mut self, limit: u32, level: &[u32], next: &mut [usize]) -> u32 {
        let mut stack = vec![SOURCE];
        let mut edges: Vec<usize> = Vec::new();
        while let Some(&v) = stack.last() {
            if v == SINK {
                let pushed = edges
                    .iter()
                    .map(|&e| self.capacity[e])
                    .fold(limit, u32::min);
                for &e in &edges {
                    self.capacity[e] -= pushed;
                    self.capacity[e ^ 1] += pushed;
                }
                return pushed;
            }
            let mut advanced = false;
            while next[v] < self.out[v].len() {
                let e = self.out[v][next[v]] as usize;
                let w = self.head[e] as usize;
                if self.capacity[e] > 0 && level[w] == level[v] + 1 {
                    stack.push(w);
                    edges.push(e);
                    advanced = true;
                    break;
                }
                next[v] += 1;
            }
            if !advanced {
                // A dead end: step back and skip the edge that led here.
                stack.pop();
                if edges.pop().is_none() {
                    return 0;
                }
                if let Some(&u) = stack.last() {
                    next[u] += 1;
                }
            }
        }
        0
    }

    /// Vertices SOURCE reaches over edges with room left.
    fn reached(&self) -> Vec<bool> {
        self.reach(|e| self.capacity[e] > 0)
    }

    fn reach(&self, open: impl Fn(usize) -> bool) -> Vec<bool> {
        let mut seen = vec![false; self.out.len()];
        seen[SOURCE] = true;
        let mut stack = vec![SOURCE];
        while let Some(v) = stack.pop() {
            for &e in &self.out[v] {
                let w = self.head[e as usize] as usize;
                if !seen[w] && open(e as usize) {
                    seen[w] = true;
                    stack.push(w);
                }
            }
        }
        seen
    }

    /// Splits the flow into paths from SOURCE to SINK, each as the vertices it passes.
    fn paths(&self) -> Vec<Vec<usize>> {
        let mut left: Vec<u32> = (0..self.head.len())
            .map(|e| self.built[e].saturating_sub(self.capacity[e]))
            .collect();
        let mut paths = Vec::new();
        loop {
            let mut path = vec![SOURCE];
            let mut v = SOURCE;
            while v != SINK {
                let Some(&e) = self.out[v]
                    .iter()
                    .find(|&&e| self.built[e as usize] > 0 && left[e as usize] > 0)
                else {
                    break;
                };
                left[e as usize] -= 1;
                v = self.head[e as usize] as usize;
                // A loop in the flow carries nothing to the sink: drop it.
                if let Some(i) = path.iter().position(|&u| u == v) {
                    path.truncate(i);
                }
                path.push(v);
            }
            if v != SINK {
                return paths;
            }
            paths.push(path);
        }
    }
}

fn entry(x: usize) -> usize {
    2 + 2 * x
}

fn exit(x: usize) -> usize {
    3 + 2 * x
}

/// The unit a vertex is the entry of (hubs, past every unit, give none in range).
fn entered(v: usize, units: usize) -> Option<usize> {
    (v >= 2 && v.is_multiple_of(2))
        .then(|| (v - 2) / 2)
        .filter(|&u| u < units)
}

/// What one vertex of capacity one stands for in the network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// A facility, all its roles as one: every route is a path, but so may be a walk that
    /// joins two of a facility's roles as no route does.
    Facility,
    /// A role: the paths are exactly the routes, but a facility's roles count apart.
    Role,
}

/// A maximum flow and the minimum cut it proves, in facilities.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Flow {
    /// Facilities of the cut's vertices, sorted, each once.
    pub cut: Vec<FacilityId>,
    /// The flow's paths, each as the facilities it passes in order.
    pub paths: Vec<Vec<FacilityId>>,
}

struct Built {
    net: Network,
    /// The facility of each unit.
    facility: Vec<FacilityId>,
}

fn network(graph: &RouteGraph, hops: Hops, level: Level) -> Built {
    // At the facility level unit `u` is the model's `u`th facility.
    let facility: Vec<FacilityId> = match level {
        Level::Facility => (0..graph.facilities).map(Id::new).collect(),
        Level::Role => graph.roles.clone(),
    };
    let unit = |role: usize| match level {
        Level::Facility => graph.roles[role].index(),
        Level::Role => role,
    };
    let mut net = Network::new(2 + 2 * facility.len());
    for u in 0..facility.len() {
        net.add_edge(entry(u), exit(u), 1);
    }
    for &r in &graph.starts {
        net.add_edge(SOURCE, entry(unit(r)), INFINITE);
    }
    for &r in &graph.ends {
        net.add_edge(exit(unit(r)), SINK, INFINITE);
    }
    match hops {
        Hops::Recorded => {
            for &(a, b) in &graph.recorded {
                // Two roles of one facility are one vertex here: no edge from it to itself.
                if unit(a) != unit(b) {
                    net.add_edge(exit(unit(a)), entry(unit(b)), INFINITE);
                }
            }
        }
        Hops::Any => {
            for group in &graph.groups {
                // One hub per group keeps a complete hand-over linear in size.
                let hub = net.add_vertex();
                for &a in &group.from {
                    net.add_edge(exit(unit(a)), hub, INFINITE);
                }
                for &b in &group.to {
                    net.add_edge(hub, entry(unit(b)), INFINITE);
                }
            }
        }
    }
    Built { net, facility }
}

/// The maximum flow through the route graph at one level, and the minimum cut it proves.
pub fn flow(graph: &RouteGraph, hops: Hops, level: Level) -> Flow {
    let Built { mut net, facility } = network(graph, hops, level);
    // Every route passes a vertex that starts one: the flow is at most their number.
    let bound = u32::try_from(graph.starts.len()).unwrap_or(u32::MAX);
    if net.max_flow(bound) == 0 {
        return Flow::default();
    }
    let reached = net.reached();
    let mut cut: Vec<FacilityId> = (0..facility.len())
        .filter(|&u| reached[entry(u)] && !reached[exit(u)])
        .map(|u| facility[u])
        .collect();
    cut.sort_unstable();
    cut.dedup();
    let paths = net
        .paths()
        .into_iter()
        .map(|path| {
            path.into_iter()
                .filter_map(|v| entered(v, facility.len()))
                .map(|u| facility[u])
                .collect()
        })
        .collect();
    Flow { cut, paths }
}

/// Whether routes are left through some facilities only, on the role-level graph (whose
/// paths are exactly the routes): one graph search per question.
pub struct RouteCheck {
    net: Network,
    /// The facility of each role.
    facility: Vec<FacilityId>,
}

impl RouteCheck {
    pub fn new(graph: &RouteGraph, hops: Hops) -> Self {
        let Built { net, facility } = network(graph, hops, Level::Role);
        RouteCheck { net, facility }
    }

    /// Whether a route is left using only the facilities `open` admits.
    pub fn route_left(&self, open: impl Fn(FacilityId) -> bool) -> bool {
        // Each role's own edge, entry to exit, was built first: edge 2u for role u.
        let roles = 2 * self.facility.len();
        let seen = self
            .net
            .reach(|e| self.net.built[e] > 0 && (e >= roles || open(self.facility[e / 2])));
        seen[SINK]
    }

    /// The facilities of one route using only the facilities `open` admits, in route order;
    /// None when no route is left.
    pub fn route(&self, open: impl Fn(FacilityId) -> bool) -> Option<Vec<FacilityId>> {
        let roles = 2 * self.facility.len();
        let net = &self.net;
        let mut parent = vec![u32::MAX; net.out.len()];
        parent[SOURCE] = 0;
        let mut queue = VecDeque::from([SOURCE]);
        while let Some(v) = queue.pop_front() {
            if v == SINK {
                break;
            }
            for &e in &net.out[v] {
                let (e, w) = (e as usize, net.head[e as usize] as usize);
                if parent[w] == u32::MAX
                    && net.built[e] > 0
                    && (e >= roles || open(self.facility[e / 2]))
                {
                    parent[w] = e as u32;
                    queue.push_back(w);
                }
            }
        }
        if parent[SINK] == u32::MAX {
            return None;
        }
        let mut route = Vec::new();
        let mut v = SINK;
        while v != SOURCE {
            let e = parent[v] as usize;
            if e < roles {
                route.push(self.facility[e / 2]);
            }
            // The reverse edge of e leads back to where e starts.
            v = net.head[e ^ 1] as usize;
        }
        route.reverse();
        Some(route)
    }

    /// Graph searches the search for a smallest cut may make on this graph.
    pub fn search_budget(&self) -> usize {
        (SEARCH_WORK / (self.net.head.len() + 1)).max(1)
    }

    /// A cut of at most `size` facilities, searched exactly: some facility of any route left
    /// must go, so each is tried in turn. None when there is none, or `budget` (graph searches)
    /// runs out first; `budget` then reads 0.
    pub fn cut_of_size(&self, size: usize, budget: &mut usize) -> Option<Vec<FacilityId>> {
        let mut gone = Vec::new();
        self.branch(&mut gone, size, budget)
    }

    fn branch(
        &self,
        gone: &mut Vec<FacilityId>,
        size: usize,
        budget: &mut usize,
    ) -> Option<Vec<FacilityId>> {
        if *budget == 0 {
            return None;
        }
        *budget -= 1;
        let Some(mut route) = self.route(|f| !gone.contains(&f)) else {
            return Some(gone.clone());
        };
        if gone.len() == size {
            return None;
        }
        route.sort_unstable();
        route.dedup();
        for x in route {
            gone.push(x);
            let found = self.branch(gone, size, budget);
            gone.pop();
            if found.is_some() {
                return found;
            }
            if *budget == 0 {
                return None;
            }
        }
        None
    }

    /// The facilities among `candidates` whose loss alone leaves no route.
    pub fn single_points(&self, candidates: &[FacilityId]) -> Vec<FacilityId> {
        candidates
            .iter()
            .copied()
            .filter(|&x| !self.route_left(|f| f != x))
            .collect()
    }
}
