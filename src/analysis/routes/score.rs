//! What ranks a route and the orders the k-best merge takes entries in.

use std::cmp::Ordering;

use super::Via;
use super::search::{Entering, Suffix};

/// What ranks a route (or the rest of one); greater is better.
#[derive(Debug, Clone, Copy)]
pub(super) struct Score {
    pub(super) not_producing: u32,
    pub(super) unknown_hops: u32,
    pub(super) missing_capacity: u32,
}

impl Score {
    /// This facility followed by `rest`, reached by a hop of kind `via`.
    pub(super) fn then(self, via: Via, rest: Score) -> Score {
        Score {
            not_producing: self.not_producing + rest.not_producing,
            unknown_hops: self.unknown_hops + rest.unknown_hops + u32::from(!via.is_known()),
            missing_capacity: self.missing_capacity + rest.missing_capacity,
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

/// A continuation waiting in a merge, with where its source goes on.
pub(super) struct Candidate {
    pub(super) suffix: Suffix,
    /// Index of the known hop it comes through, or NONE for stage order.
    pub(super) source: u32,
    /// Rank in the known hop's list, or index in the entering list.
    pub(super) cursor: u32,
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
pub(super) struct HeapItem(pub(super) Entering);

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
