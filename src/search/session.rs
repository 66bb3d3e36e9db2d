//! The state a search box keeps from one keystroke to the next.

use std::collections::HashMap;

use super::fold::fold_query;
use super::rank::Rank;
use super::{Hit, Kind, Quality, SearchIndex};

/// How many keystrokes of matched texts are kept for reuse.
const KEPT_LEVELS: usize = 32;

/// Work reused from one query to the next: the texts each earlier query matched and the
/// scratch space ranking needs. Owned by whoever types (the app's search box); a fresh one
/// gives the same results, only slower for a query that extends the last.
#[derive(Default)]
pub struct SearchSession {
    /// Queries typed so far, each a prefix of the next, with the texts that matched each.
    pub(super) levels: Vec<Level>,
    pub(super) scratch: Scratch,
}

/// The kept work is a cache, not part of the value: copies start empty and all sessions
/// compare equal.
impl Clone for SearchSession {
    fn clone(&self) -> Self {
        SearchSession::default()
    }
}

impl PartialEq for SearchSession {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for SearchSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchSession")
            .field("levels", &self.levels.len())
            .finish_non_exhaustive()
    }
}

#[derive(Default)]
pub(super) struct Scratch {
    /// Best literal quality per text, when every text is scanned.
    pub(super) literal: Vec<Option<Quality>>,
    /// Matching texts by how well they matched, indexed by `Quality as usize`.
    pub(super) by_quality: [Vec<u32>; Quality::All as usize],
    /// Best (rank, field) per entry; only `touched` slots are set.
    pub(super) best: Vec<Option<(Rank, u32)>>,
    pub(super) touched: Vec<u32>,
    /// Vocabulary words within reach of a query word, by query word.
    pub(super) typo_words: HashMap<String, Vec<(u32, u8)>>,
}

pub(super) struct Level {
    pub(super) query: String,
    pub(super) texts: Vec<u32>,
}

impl SearchSession {
    /// The best `limit` hits for `query` in `index`, optionally of one kind only. The
    /// session must be used with one index only; a new index needs a new session.
    pub fn search(
        &mut self,
        index: &SearchIndex,
        query: &str,
        limit: usize,
        kind: Option<Kind>,
    ) -> Vec<Hit> {
        if limit == 0 {
            return Vec::new();
        }
        let query = fold_query(query);
        if query.is_empty() {
            return index.browse(limit, kind);
        }
        let query_words: Vec<&str> = query.split(' ').collect();
        self.drop_unrelated(&query);
        let extended = self.levels.last().map(|level| level.texts.as_slice());
        let matched = index.classify_texts(extended, &mut self.scratch, &query, &query_words);
        self.remember(&query, matched);
        index.rank(&mut self.scratch, &query, &query_words, limit, kind)
    }

    /// Keeps only the earlier queries that this one extends.
    fn drop_unrelated(&mut self, query: &str) {
        while self
            .levels
            .last()
            .is_some_and(|level| !query.starts_with(level.query.as_str()))
        {
            self.levels.pop();
        }
    }

    fn remember(&mut self, query: &str, matched: Vec<u32>) {
        if self.levels.last().is_some_and(|level| level.query == query) {
            return;
        }
        if self.levels.len() == KEPT_LEVELS {
            self.levels.remove(0);
        }
        self.levels.push(Level {
            query: query.to_owned(),
            texts: matched,
        });
    }
}
