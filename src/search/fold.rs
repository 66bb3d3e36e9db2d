//! Folding text for matching: case, accents, width and word joiners.

use super::MAX_QUERY_CHARS;

/// Folds text for matching: lowercase, Latin accents stripped (ß → ss), full-width forms to
/// ASCII, hyphens, control characters and whitespace runs to one space, trimmed. `origin` gets, per
/// folded char, the index of the char of `text` it came from.
pub(super) fn fold_into(text: &str, folded: &mut String, origin: &mut Vec<u32>) {
    folded.clear();
    origin.clear();
    let push = |c: char, i: usize, folded: &mut String, origin: &mut Vec<u32>| {
        if c.is_whitespace() || c.is_control() || is_joiner(c) {
            if folded.is_empty() || folded.ends_with(' ') {
                return;
            }
            folded.push(' ');
        } else {
            folded.push(c);
        }
        origin.push(i as u32);
    };
    for (i, c) in text.chars().enumerate() {
        if c.is_ascii() {
            push(c.to_ascii_lowercase(), i, folded, origin);
            continue;
        }
        let c = match c as u32 {
            // Full-width ASCII, as CJK input methods type it.
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        if c.is_ascii() {
            push(c.to_ascii_lowercase(), i, folded, origin);
        } else if is_latin(c)
            && let Some(plain) = deunicode::deunicode_char(c)
                .filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric()))
        {
            for p in plain.chars() {
                push(p.to_ascii_lowercase(), i, folded, origin);
            }
        } else {
            for lower in c.to_lowercase() {
                push(lower, i, folded, origin);
            }
        }
    }
    if folded.ends_with(' ') {
        folded.pop();
        origin.pop();
    }
}

/// Characters that join words ("Shin-Etsu", "`mt_weld`", "NdFeB/SmCo"): matched as spaces,
/// so "shin etsu" finds "Shin-Etsu" as written.
fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '_' | '/' | '\u{2010}'..='\u{2015}')
}

/// Latin letters with diacritics and ligatures, which fold to plain ASCII letters.
fn is_latin(c: char) -> bool {
    matches!(c as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF)
}

/// The query as matched: folded like the fields and cut to `MAX_QUERY_CHARS`.
pub(super) fn fold_query(query: &str) -> String {
    let cut = match query.char_indices().nth(MAX_QUERY_CHARS * 2) {
        Some((byte, _)) => &query[..byte],
        None => query,
    };
    let mut folded = String::new();
    let mut origin = Vec::new();
    fold_into(cut, &mut folded, &mut origin);
    if let Some((byte, _)) = folded.char_indices().nth(MAX_QUERY_CHARS) {
        folded.truncate(byte);
        folded.truncate(folded.trim_end().len());
    }
    folded
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> (String, Vec<u32>) {
        let (mut f, mut o) = (String::new(), Vec::new());
        fold_into(text, &mut f, &mut o);
        (f, o)
    }

    #[test]
    fn folding_strips_accents_and_keeps_cjk() {
        assert_eq!(folded("Société Générale").0, "societe generale");
        assert_eq!(folded("Straße").0, "strasse");
        assert_eq!(folded("信越化学工業").0, "信越化学工業");
        assert_eq!(folded("ＭＰ  Materials").0, "mp materials");
        assert_eq!(folded("  a\u{7}\tb  ").0, "a b");
    }

    #[test]
    fn folded_chars_map_back_to_original_chars() {
        let (f, origin) = folded("Straße X");
        assert_eq!(f, "strasse x");
        assert_eq!(origin, vec![0, 1, 2, 3, 4, 4, 5, 6, 7]);
    }

    #[test]
    fn query_is_cut_to_the_limit() {
        let long = "ab ".repeat(5000);
        assert!(fold_query(&long).chars().count() <= MAX_QUERY_CHARS);
        assert_eq!(fold_query("\u{1b}[31m"), "[31m");
    }
}
