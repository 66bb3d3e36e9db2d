//! Literal and scattered matching: which texts hold the query, and how well.

use super::session::Scratch;
use super::{Quality, SearchIndex};

/// What one query looks for, prepared once per keystroke.
struct Query<'q> {
    text: &'q str,
    words: &'q [&'q str],
    chars: Vec<char>,
    /// Scattered matches wider than this many chars are kept for the next keystroke but
    /// not shown.
    longest_span: usize,
}

impl SearchIndex {
    /// Sorts the texts that contain the query's characters in order into `by_quality` and
    /// returns every text worth looking at for a query that extends this one. With
    /// `extended`, the texts the previous query matched, only those are looked at.
    pub(super) fn classify_texts(
        &self,
        extended: Option<&[u32]>,
        scratch: &mut Scratch,
        query: &str,
        query_words: &[&str],
    ) -> Vec<u32> {
        let finder = memchr::memmem::Finder::new(query.as_bytes());
        let chars: Vec<char> = query.chars().collect();
        let q = Query {
            text: query,
            words: query_words,
            longest_span: 2 * chars.len() + 2,
            chars,
        };
        for list in &mut scratch.by_quality {
            list.clear();
        }
        let mut matched = Vec::with_capacity(extended.map_or(self.texts.len(), <[u32]>::len));
        if let Some(texts) = extended {
            for &t in texts {
                let literal = literal_quality(self.folded(t), query, &finder);
                self.sort_text(t, literal, &q, scratch, &mut matched);
            }
        } else {
            self.scan_literal(&mut scratch.literal, query, &finder);
            for t in 0..self.texts.len() {
                let literal = scratch.literal[t];
                self.sort_text(t as u32, literal, &q, scratch, &mut matched);
            }
        }
        matched
    }

    /// Files one text under how it matched (if at all) and keeps it for the next keystroke.
    fn sort_text(
        &self,
        t: u32,
        literal: Option<Quality>,
        q: &Query,
        scratch: &mut Scratch,
        matched: &mut Vec<u32>,
    ) {
        let quality = match literal {
            Some(quality) => quality,
            None if q.chars.len() < 2 => return,
            None => {
                let folded = self.folded(t);
                if q.words.len() > 1 && words_in_order(folded, q.words, None) {
                    Quality::Words
                } else {
                    // Kept for the next keystroke whenever the chars are all there, but
                    // shown only when they are close together: "lynas" strewn over a
                    // long title is noise, not a match.
                    match match_span(folded, q.text, &q.chars) {
                        None => return,
                        Some(span) if span > q.longest_span => {
                            matched.push(t);
                            return;
                        }
                        Some(_) => Quality::Fuzzy,
                    }
                }
            }
        };
        scratch.by_quality[quality as usize].push(t);
        matched.push(t);
    }

    /// The best literal quality of the query in every text, in one pass of the substring
    /// search over all of them at once.
    fn scan_literal(
        &self,
        literal: &mut Vec<Option<Quality>>,
        query: &str,
        finder: &memchr::memmem::Finder,
    ) {
        literal.clear();
        literal.resize(self.texts.len(), None);
        let haystack = self.folded.as_bytes();
        let (mut t, mut from) = (0, 0);
        while let Some(found) = finder.find(&haystack[from..]) {
            let at = from + found;
            while self.folded_at[t + 1] as usize <= at {
                t += 1;
            }
            let start = self.folded_at[t] as usize;
            let quality = occurrence_quality(self.folded(t as u32), at - start, query.len());
            let slot = &mut literal[t];
            *slot = Some(slot.map_or(quality, |q| q.min(quality)));
            // A later occurrence can only improve on a mid-word one.
            from = if quality < Quality::Substring {
                self.folded_at[t + 1] as usize
            } else {
                at + 1
            };
        }
    }
}

/// How many chars of `text` the query's chars span, taking the match that ends first and,
/// ending there, starts last; None when they do not all appear in order.
pub(super) fn match_span(text: &str, query: &str, query_chars: &[char]) -> Option<usize> {
    let (start, end) = if query.is_ascii() {
        // ASCII bytes never occur inside a multi-byte char, so bytes suffice.
        let bytes = text.as_bytes();
        let mut end = 0;
        for &b in query.as_bytes() {
            end += memchr::memchr(b, &bytes[end..])? + 1;
        }
        let mut start = end;
        for &b in query.as_bytes().iter().rev() {
            start = memchr::memrchr(b, &bytes[..start])?;
        }
        (start, end)
    } else {
        let mut wanted = query_chars.iter();
        let mut next = wanted.next();
        let mut end = 0;
        for (byte, c) in text.char_indices() {
            if next == Some(&c) {
                end = byte + c.len_utf8();
                next = wanted.next();
                if next.is_none() {
                    break;
                }
            }
        }
        if next.is_some() {
            return None;
        }
        let mut wanted = query_chars.iter().rev();
        let mut next = wanted.next();
        let mut start = end;
        for (byte, c) in text[..end].char_indices().rev() {
            if next == Some(&c) {
                start = byte;
                next = wanted.next();
                if next.is_none() {
                    break;
                }
            }
        }
        (start, end)
    };
    Some(text[start..end].chars().count())
}

fn is_word_start(text: &str, byte: usize) -> bool {
    text[..byte]
        .chars()
        .next_back()
        .is_none_or(|prev| !prev.is_alphanumeric())
}

fn occurs_at_word_start(text: &str, needle: &str) -> Option<usize> {
    text.match_indices(needle)
        .map(|(i, _)| i)
        .find(|&i| is_word_start(text, i))
}

/// How well the query occurring at byte `at` of `text` matches.
fn occurrence_quality(text: &str, at: usize, query_len: usize) -> Quality {
    if at == 0 {
        if query_len == text.len() {
            Quality::Exact
        } else {
            Quality::Prefix
        }
    } else if is_word_start(text, at) {
        Quality::WordStart
    } else {
        Quality::Substring
    }
}

/// The best quality of the query's occurrences in `text`, if it occurs.
pub(super) fn literal_quality(
    text: &str,
    query: &str,
    finder: &memchr::memmem::Finder,
) -> Option<Quality> {
    if text.starts_with(query) {
        return Some(occurrence_quality(text, 0, query.len()));
    }
    let mut best = None;
    for at in finder.find_iter(text.as_bytes()) {
        let quality = occurrence_quality(text, at, query.len());
        if quality == Quality::WordStart {
            return Some(quality);
        }
        best = Some(quality);
    }
    best
}

/// Whether each word starts a word of `text`, in order; their byte offsets go to `starts`.
pub(super) fn words_in_order(
    text: &str,
    words: &[&str],
    mut starts: Option<&mut Vec<usize>>,
) -> bool {
    let mut from = 0;
    for word in words {
        let Some(at) = text[from..]
            .match_indices(word)
            .map(|(i, _)| from + i)
            .find(|&i| is_word_start(text, i))
        else {
            return false;
        };
        if let Some(starts) = starts.as_deref_mut() {
            starts.push(at);
        }
        from = at + word.len();
    }
    true
}

/// Folded char positions of the literal match that gave a hit its quality.
pub(super) fn literal_positions(text: &str, query: &str, words: &[&str]) -> Vec<usize> {
    let spans: Vec<(usize, usize)> =
        if let Some(at) = occurs_at_word_start(text, query).or_else(|| text.find(query)) {
            vec![(at, query.len())]
        } else {
            let mut starts = Vec::new();
            if words_in_order(text, words, Some(&mut starts)) {
                starts
                    .into_iter()
                    .zip(words.iter().map(|w| w.len()))
                    .collect()
            } else {
                Vec::new()
            }
        };
    let mut positions = Vec::new();
    for (char_index, (byte, _)) in text.char_indices().enumerate() {
        if spans.iter().any(|&(at, len)| byte >= at && byte < at + len) {
            positions.push(char_index);
        }
    }
    positions
}
/// Words of folded text (runs of letters and digits) with the char index each starts at.
pub(super) fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut chars = text.char_indices().enumerate().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, (_, c))) = chars.peek() {
            if c.is_alphanumeric() {
                break;
            }
            chars.next();
        }
        let (start_char, (start, _)) = chars.next()?;
        let mut end = text.len();
        while let Some(&(_, (byte, c))) = chars.peek() {
            if !c.is_alphanumeric() {
                end = byte;
                break;
            }
            chars.next();
        }
        Some((start_char, &text[start..end]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_on_punctuation() {
        let w: Vec<_> = words("lynas (kuantan) mt-weld").collect();
        assert_eq!(
            w,
            vec![(0, "lynas"), (7, "kuantan"), (16, "mt"), (19, "weld")]
        );
    }

    #[test]
    fn match_span_measures_the_tightest_late_match() {
        let span = |t: &str, q: &str| match_span(t, q, &q.chars().collect::<Vec<_>>());
        assert_eq!(span("mt weld", "mtwld"), Some(7));
        assert_eq!(span("a b a b c", "abc"), Some(5));
        assert_eq!(span("信越化学工業", "越学"), Some(3));
        assert_eq!(span("信越化学工業 ab", "化b"), Some(7));
        assert_eq!(span("lynas", "lyans"), None);
        assert_eq!(span("", "a"), None);
    }

    #[test]
    fn literal_quality_orders_occurrences() {
        let q =
            |t: &str, q: &str| literal_quality(t, q, &memchr::memmem::Finder::new(q.as_bytes()));
        assert_eq!(q("lynas", "lynas"), Some(Quality::Exact));
        assert_eq!(q("lynas rare earths", "lynas"), Some(Quality::Prefix));
        assert_eq!(q("lynas rare earths", "rare"), Some(Quality::WordStart));
        assert_eq!(q("a rare rare", "are"), Some(Quality::Substring));
        assert_eq!(q("flare rare", "are"), Some(Quality::Substring));
        assert_eq!(q("flare are", "are"), Some(Quality::WordStart));
        assert_eq!(q("lynas rare earths", "lynas earths"), None);
    }
}
