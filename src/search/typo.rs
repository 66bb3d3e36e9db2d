//! Typo matching: query words within a small edit distance of indexed words.

use super::literal::words;
use super::rank::{Rank, level, offer};
use super::session::Scratch;
use super::{Kind, Quality, SearchIndex};

impl SearchIndex {
    /// Entities whose fields hold every query word give or take a typo.
    pub(super) fn typo_matches(
        &self,
        cache: &mut Scratch,
        query_words: &[&str],
        kind: Option<Kind>,
    ) {
        let Some(reachable) = self.reachable_words(cache, query_words) else {
            return;
        };
        // Walk the texts of the query word with the fewest, checking the others in each.
        let Some(rarest) = (0..reachable.len()).min_by_key(|&i| {
            reachable[i]
                .iter()
                .map(|&(w, _)| self.texts_with_word(w).len())
                .sum::<usize>()
        }) else {
            return;
        };
        let typed: i64 = query_words.iter().map(|w| w.chars().count() as i64).sum();
        let mut seen_texts: Vec<u32> = Vec::new();
        for &(word, _) in &reachable[rarest] {
            for &t in self.texts_with_word(word) {
                seen_texts.push(t);
            }
        }
        seen_texts.sort_unstable();
        seen_texts.dedup();
        for t in seen_texts {
            let text = &self.texts[t as usize];
            let words = &self.text_words[text.words.0 as usize..text.words.1 as usize];
            let mut total = 0i64;
            let all = reachable.iter().all(|near| {
                let best = words
                    .iter()
                    .filter_map(|w| {
                        near.binary_search_by_key(w, |&(id, _)| id)
                            .ok()
                            .map(|i| near[i].1)
                    })
                    .min();
                if let Some(d) = best {
                    total += i64::from(d);
                }
                best.is_some()
            });
            if !all {
                continue;
            }
            for field_id in self.field_ids_of(t) {
                let field = &self.fields[field_id as usize];
                let entry = &self.entries[field.entry as usize];
                if kind.is_some_and(|k| k != entry.kind) {
                    continue;
                }
                let rank = Rank {
                    level: level(Quality::Typo, field.name.is_context()),
                    context: field.name.is_context(),
                    quality: Quality::Typo,
                    neg_score: total - typed,
                    kind: entry.kind,
                    len: text.chars,
                    entry: field.entry,
                };
                offer(cache, rank, field_id);
            }
        }
    }

    /// For each query word, the vocabulary words within its reach; None when one has none.
    fn reachable_words(
        &self,
        cache: &mut Scratch,
        query_words: &[&str],
    ) -> Option<Vec<Vec<(u32, u8)>>> {
        let mut reachable = Vec::with_capacity(query_words.len());
        for &word in query_words {
            let near = if let Some(near) = cache.typo_words.get(word) {
                near.clone()
            } else {
                let near = self.near_words(word);
                if cache.typo_words.len() > 256 {
                    cache.typo_words.clear();
                }
                cache.typo_words.insert(word.to_owned(), near.clone());
                near
            };
            if near.is_empty() {
                return None;
            }
            reachable.push(near);
        }
        Some(reachable)
    }

    /// Vocabulary words within typo distance of `word` (or whose start is), sorted by id.
    fn near_words(&self, word: &str) -> Vec<(u32, u8)> {
        let word: Vec<char> = word.chars().collect();
        let budget = typo_budget(word.len());
        let wanted = char_mask(&word);
        let mut distance = Distance::default();
        let mut near = Vec::new();
        for (id, candidate) in self.vocab.iter().enumerate() {
            // Each of the word's chars missing from the candidate costs at least one edit.
            if (wanted & !self.vocab_masks[id]).count_ones() as usize > budget {
                continue;
            }
            if let Some(d) = distance.within(&word, candidate, budget) {
                near.push((id as u32, d as u8));
            }
        }
        near
    }
}

/// Folded char positions of the words a typo match used.
pub(super) fn typo_positions(text: &str, query_words: &[&str]) -> Vec<usize> {
    let query_words: Vec<Vec<char>> = query_words.iter().map(|w| w.chars().collect()).collect();
    let mut distance = Distance::default();
    let mut positions = Vec::new();
    for (start_char, word) in words(text) {
        let word: Vec<char> = word.chars().collect();
        let near = query_words
            .iter()
            .any(|qw| distance.within(qw, &word, typo_budget(qw.len())).is_some());
        if near {
            positions.extend(start_char..start_char + word.len());
        }
    }
    positions
}

/// A set of the chars in `word`: one bit per ASCII letter and digit, the rest hashed into
/// the remaining bits (a collision only makes the set larger).
pub(super) fn char_mask(word: &[char]) -> u64 {
    word.iter().fold(0u64, |mask, &c| {
        let bit = match c {
            'a'..='z' => c as u32 - 'a' as u32,
            '0'..='9' => 26 + c as u32 - '0' as u32,
            _ => 36 + c as u32 % 28,
        };
        mask | 1 << bit
    })
}

/// Edits allowed in a query word of this many chars.
fn typo_budget(chars: usize) -> usize {
    match chars {
        0..=2 => 0,
        3..=5 => 1,
        _ => 2,
    }
}

/// Edit distance with adjacent transpositions (optimal string alignment), reusing its table.
#[derive(Default)]
struct Distance {
    table: Vec<usize>,
}

impl Distance {
    /// The distance from a query word to `word`, or to the start of `word` one char shorter
    /// or longer than the query (so a half-typed word with a typo matches), if within
    /// `budget`. With no budget, the word must start with the query.
    fn within(&mut self, query: &[char], word: &[char], budget: usize) -> Option<usize> {
        if budget == 0 {
            return word.starts_with(query).then_some(0);
        }
        let (q, w) = (query.len(), word.len());
        if w + budget < q {
            return None;
        }
        // Columns needed: the whole word when it is short enough to match whole, else only
        // the prefixes.
        let whole = w <= q + budget;
        let cols = if whole { w } else { w.min(q + 1) };
        let last = self.last_row(query, &word[..cols]);
        let mut best = if whole { last[w] } else { usize::MAX };
        // Prefixes one shorter, as long as, and one longer than the query.
        let shortest = q.saturating_sub(1).max(1);
        let longest = (q + 1).min(cols).min(w.saturating_sub(1));
        if shortest <= longest {
            best = last[shortest..=longest].iter().fold(best, |b, &d| b.min(d));
        }
        (best <= budget).then_some(best)
    }

    /// The last row of the table from `query` to `word`: entry n is the distance from
    /// `query` to the first n chars of `word`.
    fn last_row(&mut self, query: &[char], word: &[char]) -> &[usize] {
        let (q, cols) = (query.len(), word.len());
        let width = cols + 1;
        self.table.clear();
        self.table.resize((q + 1) * width, 0);
        let t = &mut self.table;
        for (j, cell) in t[..width].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=q {
            t[i * width] = i;
            for j in 1..=cols {
                let cost = usize::from(query[i - 1] != word[j - 1]);
                let mut d = (t[(i - 1) * width + j] + 1)
                    .min(t[i * width + j - 1] + 1)
                    .min(t[(i - 1) * width + j - 1] + cost);
                if i > 1 && j > 1 && query[i - 1] == word[j - 2] && query[i - 2] == word[j - 1] {
                    d = d.min(t[(i - 2) * width + j - 2] + 1);
                }
                t[i * width + j] = d;
            }
        }
        &self.table[q * width..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn within(query: &str, word: &str, budget: usize) -> Option<usize> {
        let chars = |s: &str| s.chars().collect::<Vec<char>>();
        Distance::default().within(&chars(query), &chars(word), budget)
    }

    #[test]
    fn distance_allows_typos_and_half_typed_words() {
        assert_eq!(within("lyans", "lynas", 1), Some(1));
        assert_eq!(within("zink", "zinc", 1), Some(1));
        assert_eq!(within("realoys", "realloys", 2), Some(1));
        assert_eq!(within("lyan", "lynas", 1), Some(1));
        assert_eq!(within("realoy", "realloys", 2), Some(1));
        assert_eq!(within("korea", "zinc", 1), None);
        assert_eq!(within("zi", "zinc", 0), Some(0));
        assert_eq!(within("zc", "zinc", 0), None);
    }

    #[test]
    fn distance_of_whole_words_agrees_with_strsim() {
        let words = [
            "lynas", "lyans", "realloys", "realoys", "zinc", "zink", "korea", "kroea", "neo",
            "eon", "", "a", "ab", "ba", "abc", "ca", "magnet", "magnte", "manget", "信越", "越信",
        ];
        let mut distance = Distance::default();
        for a in words {
            for b in words {
                let (qa, wb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                let full = distance.last_row(&qa, &wb)[wb.len()];
                assert_eq!(full, strsim::osa_distance(a, b), "{a:?} {b:?}");
            }
        }
    }
}
