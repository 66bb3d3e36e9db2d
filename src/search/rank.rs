//! Ranking: matches in order of quality, field role and score, one hit per entity.

use fuzzy_matcher::FuzzyMatcher;

use super::literal::literal_positions;
use super::session::Scratch;
use super::typo::typo_positions;
use super::{FieldName, Hit, Kind, Quality, SearchIndex};

/// Ranking key; smaller is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Rank {
    /// The quality, one step lower for a match on a context field: a facility whose
    /// country is "China" ranks below the firm "China Northern" for the query "china".
    pub(super) level: u8,
    pub(super) context: bool,
    pub(super) quality: Quality,
    pub(super) neg_score: i64,
    pub(super) kind: Kind,
    pub(super) len: u32,
    pub(super) entry: u32,
}

impl SearchIndex {
    /// The best `limit` hits among the texts `classify_texts` sorted into `scratch`.
    pub(super) fn rank(
        &self,
        scratch: &mut Scratch,
        query: &str,
        query_words: &[&str],
        limit: usize,
        kind: Option<Kind>,
    ) -> Vec<Hit> {
        scratch.best.resize(self.entries.len(), None);
        scratch.touched.clear();
        // Whole buckets of (quality, field role) in rank order, until `limit` entities are
        // in: nothing in a later bucket can outrank them.
        let mut good = false;
        for bucket in 0..BUCKETS as u8 {
            let context = bucket % 2 == 1;
            let Some(quality) = (bucket / 2)
                .checked_sub(u8::from(context))
                .and_then(Quality::from_index)
            else {
                continue;
            };
            self.offer_bucket(scratch, query, quality, context, kind);
            good |= quality <= Quality::Substring && !scratch.touched.is_empty();
            if scratch.touched.len() >= limit {
                break;
            }
        }
        if !good {
            self.typo_matches(scratch, query_words, kind);
        }
        let mut ranked: Vec<(Rank, u32)> = scratch
            .touched
            .iter()
            .filter_map(|&e| scratch.best[e as usize].take())
            .collect();
        if ranked.len() > limit {
            ranked.select_nth_unstable(limit - 1);
            ranked.truncate(limit);
        }
        ranked.sort_unstable();
        ranked
            .into_iter()
            .map(|(rank, field)| self.hit(rank, field, query, query_words))
            .collect()
    }

    /// Offers every field of the texts that matched with `quality`, on a context field or
    /// not.
    fn offer_bucket(
        &self,
        scratch: &mut Scratch,
        query: &str,
        quality: Quality,
        context: bool,
        kind: Option<Kind>,
    ) {
        for i in 0..scratch.by_quality[quality as usize].len() {
            let t = scratch.by_quality[quality as usize][i];
            let len = self.texts[t as usize].chars;
            let mut score = None;
            for field_id in self.field_ids_of(t) {
                let field = &self.fields[field_id as usize];
                let entry_kind = self.entries[field.entry as usize].kind;
                if field.name.is_context() != context || kind.is_some_and(|k| k != entry_kind) {
                    continue;
                }
                // A literal match scores alike in every text, so only scattered ones need
                // the matcher to order them.
                let score = *score.get_or_insert_with(|| match quality {
                    Quality::Fuzzy => self
                        .matcher
                        .fuzzy_match(self.folded(t), query)
                        .unwrap_or_default(),
                    _ => 0,
                });
                let rank = Rank {
                    level: level(quality, context),
                    context,
                    quality,
                    neg_score: -score,
                    kind: entry_kind,
                    len,
                    entry: field.entry,
                };
                offer(scratch, rank, field_id);
            }
        }
    }

    pub(super) fn browse(&self, limit: usize, kind: Option<Kind>) -> Vec<Hit> {
        self.browse
            .iter()
            .map(|&e| &self.entries[e as usize])
            .filter(|entry| kind.is_none_or(|k| k == entry.kind))
            .take(limit)
            .map(|entry| Hit {
                entity: entry.entity,
                kind: entry.kind,
                field: if matches!(entry.kind, Kind::Event | Kind::Source) {
                    FieldName::Title
                } else {
                    FieldName::Name
                },
                text: self.texts[entry.name as usize].display.to_string(),
                detail: detail(entry.kind, None, &entry.context, ""),
                score: 0,
                quality: Quality::All,
                positions: Vec::new(),
            })
            .collect()
    }

    fn hit(&self, rank: Rank, field_id: u32, query: &str, words: &[&str]) -> Hit {
        let field = &self.fields[field_id as usize];
        let entry = &self.entries[field.entry as usize];
        let text = &self.texts[field.text as usize];
        let folded = self.folded(field.text);
        let folded_positions = match rank.quality {
            Quality::Typo => typo_positions(folded, words),
            Quality::Fuzzy => self
                .matcher
                .fuzzy_indices(folded, query)
                .map(|(_, p)| p)
                .unwrap_or_default(),
            _ => literal_positions(folded, query, words),
        };
        // Non-increasing down the list: the rank's bucket, then the score within it.
        let bucket = usize::from(rank.level) * 2 + usize::from(rank.context);
        let score = (BUCKETS - bucket) as i64 * SCORE_PER_BUCKET - rank.neg_score;
        let mut positions: Vec<usize> = folded_positions
            .into_iter()
            .filter_map(|p| {
                if text.origin.is_empty() {
                    (p < text.chars as usize).then_some(p)
                } else {
                    text.origin.get(p).map(|&o| o as usize)
                }
            })
            .collect();
        positions.dedup();
        let name = (!field.name.is_display_name())
            .then(|| &*self.texts[entry.name as usize].display)
            .filter(|name| *name != &*text.display);
        Hit {
            entity: entry.entity,
            kind: entry.kind,
            field: field.name,
            text: text.display.to_string(),
            detail: detail(entry.kind, name, &entry.context, &text.display),
            score,
            quality: rank.quality,
            positions,
        }
    }
}

/// Keeps the better of an entity's matches.
pub(super) fn offer(cache: &mut Scratch, rank: Rank, field: u32) {
    let slot = &mut cache.best[rank.entry as usize];
    match slot {
        None => {
            cache.touched.push(rank.entry);
            *slot = Some((rank, field));
        }
        Some((old, _)) if rank < *old => *slot = Some((rank, field)),
        Some(_) => {}
    }
}

pub(super) fn level(quality: Quality, context: bool) -> u8 {
    quality as u8 + u8::from(context)
}

/// Ranks grouped by (level, context), in rank order: bucket `level * 2 + context`.
const BUCKETS: usize = (Quality::All as usize + 1) * 2;

/// Score step between buckets, above any score within one (the matcher gives a query of
/// `MAX_QUERY_CHARS` at most a few thousand).
const SCORE_PER_BUCKET: i64 = 100_000;

fn detail(kind: Kind, name: Option<&str>, context: &str, matched: &str) -> String {
    let mut out = kind.as_str().to_owned();
    for part in [name.unwrap_or(""), context] {
        if !part.is_empty() && part != matched {
            out.push_str(" · ");
            out.push_str(part);
        }
    }
    out
}
