//! The k-best search along one stage path.

use std::collections::{BTreeSet, BinaryHeap};

use super::products::ProductClasses;
use super::report::describe_route;
use super::score::{Candidate, HeapItem, Score};
use super::{Hop, MaterialLinks, Route, RouteQuery, StageGap, Step, Via, producing};
use crate::analysis::plants::does_stage;
use crate::analysis::whatif::Exclusion;
use crate::model::{CountryId, FacilityId, Model, Party, StageId, Status, indexed};

pub(super) const NONE: u32 = u32::MAX;

/// A facility taking over a route at one position of the stage path.
pub(super) struct Node {
    pub(super) facility: FacilityId,
    /// First and last position of the stage path it covers.
    pub(super) entry: usize,
    pub(super) exit: usize,
    pub(super) own: Score,
    /// Product class of the facility (0: unknown).
    pub(super) class: u32,
    /// The class of what it passes on: its own, or for an unknown one what reaches it (a
    /// facility with unknown products has one node for each class that can reach it).
    pub(super) out: u32,
    /// Which of the lists entering `exit + 1` holds the nodes it can feed (that of `out`).
    pub(super) slot: u32,
}

/// A route's rest from a node: its score, the hop to the next node, and which continuation
/// of that node follows (its rank in the node's list).
#[derive(Clone, Copy)]
pub(super) struct Suffix {
    pub(super) score: Score,
    pub(super) via: Via,
    pub(super) next: u32,
    pub(super) rank: u32,
}

/// The continuations of a node, best first.
pub(super) enum Continuations {
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
pub(super) struct Entering {
    pub(super) score: Score,
    pub(super) node: u32,
    pub(super) rank: u32,
}

/// The k-best search along one stage path.
pub(super) struct PathSearch<'a> {
    pub(super) classes: &'a ProductClasses,
    pub(super) path: &'a [StageId],
    pub(super) nodes: Vec<Node>,
    /// Node indices by entry position.
    pub(super) at: Vec<Vec<u32>>,
    pub(super) continuations: Vec<Continuations>,
    /// The lists of `Continuations::Listed`, end to end.
    pub(super) listed: Vec<Suffix>,
    /// Best continuations entering each position, one list per slot: the nodes a product
    /// class among the nodes leaving the position before can feed.
    pub(super) entering: Vec<Vec<Vec<Entering>>>,
    /// The product class of each slot, by position; position 0 has one slot that takes all.
    pub(super) slots: Vec<Vec<u32>>,
    /// Routes from each node onwards (saturating).
    pub(super) counts: Vec<u128>,
    /// Recorded routes from each node onwards: every hop known (saturating).
    pub(super) recorded: Vec<u128>,
    pub(super) limit: usize,
}

impl<'a> PathSearch<'a> {
    pub(super) fn new(
        model: &Model,
        q: &RouteQuery,
        path: &'a [StageId],
        links: &MaterialLinks,
        classes: &'a ProductClasses,
        limit: usize,
        without: &BTreeSet<FacilityId>,
    ) -> Self {
        let len = path.len();
        let (nodes, at, slots) = place_nodes(model, q, path, classes, without);
        let known = KnownHops::new(model, links, classes, &nodes, &at, len);
        let mut search = PathSearch {
            path,
            continuations: (0..nodes.len()).map(|_| Continuations::End).collect(),
            counts: vec![0; nodes.len()],
            recorded: vec![0; nodes.len()],
            nodes,
            at,
            listed: Vec::new(),
            entering: vec![Vec::new(); len],
            slots,
            classes,
            limit,
        };
        search.rank(&known);
        search
    }

    /// Ranks every node's continuations and counts its routes, from the end of the path back.
    fn rank(&mut self, hops: &KnownHops) {
        let len = self.path.len();
        let limit = self.limit;
        let (known, known_start, widest) = (&hops.known, &hops.start, &hops.widest);
        // Routes entering each position, by slot; one way to end past the last.
        let mut total_entering: Vec<Vec<u128>> = vec![Vec::new(); len + 1];
        total_entering[len] = vec![1];
        let mut mark = vec![NONE; self.nodes.len()];
        let mut heap = BinaryHeap::new();
        let mut list = Vec::new();
        for p in (0..len).rev() {
            for i in 0..self.at[p].len() {
                let n = self.at[p][i] as usize;
                let exit = self.nodes[n].exit;
                let slot = if exit + 1 == len {
                    0
                } else {
                    self.nodes[n].slot
                };
                self.counts[n] = total_entering[exit + 1][slot as usize];
                let out = &known[known_start[n]..known_start[n + 1]];
                // Known hops go to later positions, whose counts are already set.
                self.recorded[n] = if exit + 1 == len {
                    1
                } else {
                    out.iter().fold(0u128, |sum, &(g, _)| {
                        sum.saturating_add(self.recorded[g as usize])
                    })
                };
                self.continuations[n] = if exit + 1 == len {
                    Continuations::End
                } else if out.is_empty() {
                    Continuations::StageOrder
                } else {
                    self.list_known(n, out, &mut mark, &mut heap, &mut list);
                    let start = self.listed.len() as u32;
                    self.listed.append(&mut list);
                    Continuations::Listed {
                        start,
                        len: self.listed.len() as u32 - start,
                    }
                };
            }
            total_entering[p] = self.slots[p]
                .iter()
                .map(|&class| {
                    self.at[p]
                        .iter()
                        .filter(|&&n| self.takes(n, class))
                        .fold(0u128, |sum, &n| sum.saturating_add(self.counts[n as usize]))
                })
                .collect();
            // Enough to fill a list after skipping the continuations of every known hop.
            let keep = limit.saturating_mul(widest[p] + 1);
            self.entering[p] = (0..self.slots[p].len())
                .map(|slot| self.merge_entering(p, slot, keep))
                .collect();
        }
    }

    /// Whether node `n` takes what reaches it as `class`: an unknown facility's node only
    /// the class it passes on, any other what fits its products.
    fn takes(&self, n: u32, class: u32) -> bool {
        takes(self.classes, &self.nodes[n as usize], class)
    }

    /// Whether some position keeps no facility (then no route exists).
    pub(super) fn is_empty(&self) -> bool {
        self.at.iter().any(Vec::is_empty)
    }

    pub(super) fn count(&self) -> u128 {
        self.at[0]
            .iter()
            .fold(0u128, |sum, &n| sum.saturating_add(self.counts[n as usize]))
    }

    pub(super) fn recorded_count(&self) -> u128 {
        self.at[0].iter().fold(0u128, |sum, &n| {
            sum.saturating_add(self.recorded[n as usize])
        })
    }

    /// When every position keeps a facility but no route gets through: the latest stage
    /// whose facilities all lack a continuation that their products feed.
    pub(super) fn products_break(&self) -> Option<StageId> {
        if self.is_empty() || self.count() > 0 {
            return None;
        }
        (0..self.path.len())
            .rev()
            .find(|&p| self.at[p].iter().all(|&n| self.counts[n as usize] == 0))
            .map(|p| self.path[p])
    }

    pub(super) fn suffix(&self, node: usize, rank: usize) -> Option<Suffix> {
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
                let e = self.entering[n.exit + 1][n.slot as usize].get(rank)?;
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
    pub(super) fn list_known(
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
        let entering = &self.entering[node.exit + 1][node.slot as usize];
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

    /// The best `keep` continuations over the nodes entering position `p` that the slot's
    /// class can feed.
    pub(super) fn merge_entering(&self, p: usize, slot: usize, keep: usize) -> Vec<Entering> {
        let class = self.slots[p][slot];
        let mut heap: BinaryHeap<HeapItem> = self.at[p]
            .iter()
            .filter(|&&n| self.takes(n, class))
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
    pub(super) fn best(&self, model: &Model) -> Vec<(Score, Route)> {
        self.entering[0][0]
            .iter()
            .take(self.limit)
            .map(|e| (e.score, self.route(model, e.node, e.rank)))
            .collect()
    }

    pub(super) fn route(&self, model: &Model, node: u32, rank: u32) -> Route {
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
    pub(super) fn gaps(
        &self,
        model: &Model,
        q: &RouteQuery,
        without: &BTreeSet<FacilityId>,
    ) -> Vec<StageGap> {
        let mut gaps = Vec::new();
        let rule = Exclusion::new(&q.excluded, q.by);
        for (p, &stage) in self.path.iter().enumerate() {
            if !self.at[p].is_empty() {
                continue;
            }
            let all = &model.stage(stage).facilities;
            let mut excluded: Vec<(CountryId, usize)> = Vec::new();
            let mut filtered: Vec<(Status, usize)> = Vec::new();
            let mut other_products = 0;
            let mut removed = 0;
            for &x in all {
                let f = &model.facility(x);
                if without.contains(&x) {
                    removed += 1;
                } else if let Some(why) = rule.takes_out(model, x) {
                    bump(&mut excluded, why.country());
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
                removed,
            });
        }
        gaps
    }
}

/// Whether `node` takes what reaches it as `class`: a node of an unknown facility only the
/// class it passes on, any other what fits its products.
pub(super) fn takes(classes: &ProductClasses, node: &Node, class: u32) -> bool {
    if node.class == 0 {
        node.out == class
    } else {
        classes.fits(class, node.class)
    }
}

fn bump<K: PartialEq>(counts: &mut Vec<(K, usize)>, key: K) {
    match counts.iter_mut().find(|(k, _)| *k == key) {
        Some((_, n)) => *n += 1,
        None => counts.push((key, 1)),
    }
}

/// The nodes of every admitted facility on the path, node indices by entry position (in
/// facility order), and the class of each slot by position: the classes passed on by the
/// nodes leaving the position before (position 0: one slot, class 0, that takes all).
/// Facilities in `without` take no part.
pub(super) fn place_nodes(
    model: &Model,
    q: &RouteQuery,
    path: &[StageId],
    classes: &ProductClasses,
    without: &BTreeSet<FacilityId>,
) -> (Vec<Node>, Vec<Vec<u32>>, Vec<Vec<u32>>) {
    let len = path.len();
    let admitted = |x: FacilityId| {
        !without.contains(&x)
            && !Exclusion::new(&q.excluded, q.by).is_out(model, x)
            && q.status.admits(model.facility(x).status)
    };
    let mut position = vec![usize::MAX; model.stages().len()];
    for (p, &stage) in path.iter().enumerate() {
        position[stage] = p;
    }
    // Facility and exit of each run a facility covers from each position on, by entry.
    let mut runs: Vec<Vec<(FacilityId, usize)>> = vec![Vec::new(); len];
    let mut covered: Vec<usize> = Vec::new();
    for (x, f) in indexed(model.facilities()) {
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
        for (i, &entry) in covered.iter().enumerate() {
            // Runs on through every following position it covers.
            let run = covered[i..]
                .iter()
                .enumerate()
                .take_while(|&(k, &p)| p == entry + k)
                .count();
            runs[entry].push((x, entry + run - 1));
        }
    }
    let mut nodes: Vec<Node> = Vec::new();
    let mut at: Vec<Vec<u32>> = vec![Vec::new(); len];
    let mut slots: Vec<Vec<u32>> = vec![Vec::new(); len];
    slots[0].push(0);
    // Positions in order: the slots entering p are complete once every node before is placed.
    for (entry, list) in runs.iter().enumerate() {
        for &(x, exit) in list {
            let f = &model.facility(x);
            let has_capacity = path[entry..=exit]
                .iter()
                .any(|&s| f.capacity_at(s).is_some());
            let own = Score {
                not_producing: u32::from(!producing(f.status)),
                unknown_hops: 0,
                missing_capacity: u32::from(!has_capacity),
            };
            let class = classes.class(x);
            // One node for each class that can reach an unknown facility (one, if none can:
            // it still counts as kept at its stage).
            let outs: Vec<u32> = if class == 0 && !slots[entry].is_empty() {
                slots[entry].clone()
            } else {
                vec![class]
            };
            for out in outs {
                let slot = match slots.get_mut(exit + 1) {
                    None => 0,
                    Some(next) => next.iter().position(|&c| c == out).map_or_else(
                        || {
                            next.push(out);
                            (next.len() - 1) as u32
                        },
                        |i| i as u32,
                    ),
                };
                at[entry].push(nodes.len() as u32);
                nodes.push(Node {
                    facility: x,
                    entry,
                    exit,
                    own,
                    class,
                    out,
                    slot,
                });
            }
        }
    }
    (nodes, at, slots)
}

/// Known hops out of node n, to nodes entering right after it:
/// `known[start[n]..start[n + 1]]`; `widest[p]` is the most out of any node into position p.
pub(super) struct KnownHops {
    pub(super) known: Vec<(u32, Via)>,
    pub(super) start: Vec<usize>,
    widest: Vec<usize>,
}

impl KnownHops {
    pub(super) fn new(
        model: &Model,
        links: &MaterialLinks,
        classes: &ProductClasses,
        nodes: &[Node],
        at: &[Vec<u32>],
        len: usize,
    ) -> KnownHops {
        // The node of facility x entering p that takes what a node passing on `out` sends.
        let node_at = |p: usize, x: FacilityId, out: u32| -> Option<u32> {
            let list = &at[p];
            let first = list.partition_point(|&n| nodes[n as usize].facility < x);
            list[first..]
                .iter()
                .take_while(|&&n| nodes[n as usize].facility == x)
                .find(|&&n| takes(classes, &nodes[n as usize], out))
                .copied()
        };

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
            let mut add = |x: FacilityId, via: Via| {
                if let Some(g) = node_at(next, x, node.out)
                    && added[g as usize] != n as u32
                {
                    added[g as usize] = n as u32;
                    known.push((g, via));
                }
            };
            for l in links.leaving(model, node.facility) {
                match model.link(l).to {
                    Party::Facility(x) => add(x, Via::Link(l)),
                    Party::Firm(firm) => {
                        for &x in &model.firm(firm).facilities {
                            add(x, Via::Link(l));
                        }
                    }
                }
            }
            for &x in &model.firm(model.facility(node.facility).firm).facilities {
                add(x, Via::SameFirm);
            }
            widest[next] = widest[next].max(known.len() - known_start[n]);
        }
        known_start.push(known.len());
        KnownHops {
            known,
            start: known_start,
            widest,
        }
    }
}
