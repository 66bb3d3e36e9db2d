//! The smallest set of facilities whose loss breaks every route: a minimum vertex cut of the
//! route graph, found as a maximum flow with each facility split into an entry and an exit
//! joined by an edge of capacity one (Menger: the cut is as large as the number of
//! facility-disjoint routes).

use std::collections::VecDeque;

use crate::analysis::routes::RouteGraph;

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
    /// Facilities whose loss together breaks every route: as few as possible.
    pub facilities: Vec<usize>,
    /// As many routes as the cut has facilities, no two sharing a facility; each as its
    /// facilities in route order.
    pub disjoint: Vec<Vec<usize>>,
    /// Facilities each of which alone breaks every route.
    pub single_points: Vec<usize>,
}

const INFINITE: u32 = u32::MAX / 2;
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
            next.iter_mut().for_each(|i| *i = 0);
            loop {
                let pushed = self.push(SOURCE, bound - flow, &level, &mut next);
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
        level.iter_mut().for_each(|l| *l = u32::MAX);
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

    /// One augmenting path along increasing levels (depth-first; the route graph is layered
    /// by stage, so paths are short).
    fn push(&mut self, v: usize, limit: u32, level: &[u32], next: &mut [usize]) -> u32 {
        if v == SINK {
            return limit;
        }
        while next[v] < self.out[v].len() {
            let e = self.out[v][next[v]] as usize;
            let w = self.head[e] as usize;
            if self.capacity[e] > 0 && level[w] == level[v] + 1 {
                let pushed = self.push(w, limit.min(self.capacity[e]), level, next);
                if pushed > 0 {
                    self.capacity[e] -= pushed;
                    self.capacity[e ^ 1] += pushed;
                    return pushed;
                }
            }
            next[v] += 1;
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

/// The facility a vertex is the entry of (hubs, past every facility, give none in range).
fn entered(v: usize) -> Option<usize> {
    (v >= 2 && v.is_multiple_of(2)).then(|| (v - 2) / 2)
}

fn network(graph: &RouteGraph, hops: Hops) -> Network {
    let mut net = Network::new(2 + 2 * graph.facilities);
    let used = |x: usize| x < graph.facilities;
    for x in 0..graph.facilities {
        net.add_edge(entry(x), exit(x), 1);
    }
    for &x in graph.starts.iter().filter(|&&x| used(x)) {
        net.add_edge(SOURCE, entry(x), INFINITE);
    }
    for &x in graph.ends.iter().filter(|&&x| used(x)) {
        net.add_edge(exit(x), SINK, INFINITE);
    }
    match hops {
        Hops::Recorded => {
            for &(a, b) in graph.recorded.iter().filter(|&&(a, b)| used(a) && used(b)) {
                net.add_edge(exit(a), entry(b), INFINITE);
            }
        }
        Hops::Any => {
            for group in &graph.groups {
                // One hub per group keeps a complete hand-over linear in size.
                let hub = net.add_vertex();
                for &a in group.from.iter().filter(|&&a| used(a)) {
                    net.add_edge(exit(a), hub, INFINITE);
                }
                for &b in group.to.iter().filter(|&&b| used(b)) {
                    net.add_edge(hub, entry(b), INFINITE);
                }
            }
        }
    }
    net
}

/// The smallest set of facilities whose loss breaks every route of the graph, the disjoint
/// routes that show no smaller set can, and the single points of failure.
pub fn min_cut(graph: &RouteGraph, hops: Hops) -> Cut {
    let mut net = network(graph, hops);
    // Every route passes one facility that starts a route: the flow is at most their number.
    let bound = u32::try_from(graph.starts.len()).unwrap_or(u32::MAX);
    let flow = net.max_flow(bound);
    if flow == 0 {
        return Cut::default();
    }
    let reached = net.reached();
    let facilities: Vec<usize> = (0..graph.facilities)
        .filter(|&x| reached[entry(x)] && !reached[exit(x)])
        .collect();
    let disjoint: Vec<Vec<usize>> = net
        .paths()
        .into_iter()
        .map(|path| {
            path.into_iter()
                .filter_map(entered)
                .filter(|&x| x < graph.facilities)
                .collect()
        })
        .collect();
    // With one route left through every cut, each facility on it may be a single point.
    let single_points = if flow == 1 {
        disjoint
            .first()
            .into_iter()
            .flatten()
            .copied()
            .filter(|&x| {
                let blocked = net.out[entry(x)]
                    .iter()
                    .map(|&e| e as usize)
                    .find(|&e| net.head[e] as usize == exit(x));
                let seen = net.reach(|e| net.built[e] > 0 && Some(e) != blocked);
                !seen[SINK]
            })
            .collect()
    } else {
        Vec::new()
    };
    Cut {
        facilities,
        disjoint,
        single_points,
    }
}
