//! The one rule for characters from a model that could act on a terminal, shared by the loader
//! (which refuses them) and every output (which never lets one through raw).
//!
//! Line breaks and tabs are text. Everything else that a terminal or a reader's eye would act
//! on is unsafe: C0 controls, DEL, C1 controls, the Unicode line and paragraph separators
//! (YAML readers disagree on whether they end a line), and the bidirectional overrides,
//! embeddings and isolates that reorder what is shown.

use std::borrow::Cow;

use std::fmt::Write;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Values longer than this many characters are shortened in messages.
pub const QUOTE_LIMIT: usize = 80;
/// How many characters of a shortened value are kept.
const QUOTE_KEEP: usize = 32;

/// Whether `c` must never reach a terminal raw. Tab and line feed are the only controls kept.
pub fn is_unsafe(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        // C0 and C1 controls, line and paragraph separators, bidirectional overrides.
        '\u{0}'..='\u{1f}'
        | '\u{7f}'..='\u{9f}'
        | '\u{2028}'
        | '\u{2029}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

/// Whether `c` shows nothing by itself: white space and the zero-width, joiner, direction-mark
/// and filler characters a name made only of them would look empty with.
pub fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || is_unsafe(c)
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2060}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF0}'..='\u{FFF8}'
                | '\u{1BCA0}'..='\u{1BCA3}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

/// Whether the text would show as nothing: empty, or only invisible characters.
pub fn is_blank(text: &str) -> bool {
    text.chars().all(is_invisible)
}

/// The first unsafe character and its index in chars, if any.
pub fn first_unsafe(text: &str) -> Option<(usize, char)> {
    // Printable ASCII is by far the common case and needs no decoding.
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return None;
    }
    text.chars().enumerate().find(|&(_, c)| is_unsafe(c))
}

/// Text for display: line breaks and tabs kept, every unsafe character replaced by U+FFFD so
/// that it shows as a visible mark and does nothing.
pub fn clean(text: &str) -> Cow<'_, str> {
    if first_unsafe(text).is_none() {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if is_unsafe(c) { '\u{FFFD}' } else { c })
            .collect(),
    )
}

/// Text for one line of output (a list row, a CLI line): as [`clean`], with line breaks and
/// tabs shown as spaces.
pub fn one_line(text: &str) -> Cow<'_, str> {
    if !text.contains(['\n', '\t']) {
        return clean(text);
    }
    Cow::Owned(
        clean(text)
            .chars()
            .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
            .collect(),
    )
}

/// Text for a message, inert: every control (line breaks and tabs included, since a message is
/// one line) and every other unsafe character is written as an escape (`\e`, `\n`, `\u{202e}`).
pub fn inert(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() || is_unsafe(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\u{1b}' => out.push_str("\\e"),
            '\u{7}' => out.push_str("\\a"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if c.is_control() || is_unsafe(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A long value cut to its start and its length: `xxxx… (1,000,000 chars)`.
pub fn shorten(text: &str) -> Cow<'_, str> {
    shorten_over(text, QUOTE_LIMIT)
}

fn shorten_over(text: &str, limit: usize) -> Cow<'_, str> {
    // Byte length bounds char count from above: short text needs no counting.
    if text.len() <= limit {
        return Cow::Borrowed(text);
    }
    let count = text.chars().count();
    if count <= limit {
        return Cow::Borrowed(text);
    }
    let head: String = text.chars().take(QUOTE_KEEP).collect();
    Cow::Owned(format!("{head}… ({} chars)", thousands(count)))
}

/// A value from the model as a message quotes it: shortened, then made inert.
pub fn quote(text: &str) -> String {
    inert(&shorten(text)).into_owned()
}

/// A whole message made safe to print: inert, and any backtick-quoted value that is too long
/// shortened (messages from the YAML library quote values whole).
pub fn inert_message(message: &str) -> Cow<'_, str> {
    let needs_shortening = message.len() > 2 * QUOTE_LIMIT;
    if !needs_shortening {
        return inert(message);
    }
    let mut out = String::with_capacity(4 * QUOTE_LIMIT);
    for (i, part) in message.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        // Odd parts are inside backticks; plain parts are the message's own words, unless
        // the YAML library quoted a value without backticks.
        let limit = if i % 2 == 1 {
            QUOTE_LIMIT
        } else {
            8 * QUOTE_LIMIT
        };
        out.push_str(&shorten_over(part, limit));
    }
    Cow::Owned(inert(&out).into_owned())
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// `text` cut to `width` display cells, with an ellipsis when cut.
pub fn fit(text: &str, width: usize) -> Cow<'_, str> {
    if text.width() <= width {
        return Cow::Borrowed(text);
    }
    if width == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::with_capacity(width + 3);
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_and_tabs_are_text_everything_else_unsafe() {
        for c in ['\n', '\t', 'a', 'é', '中', '\u{200F}', '\u{061C}'] {
            assert!(!is_unsafe(c), "{c:?}");
        }
        for c in [
            '\u{1b}', '\u{7}', '\r', '\0', '\u{7f}', '\u{85}', '\u{9b}', '\u{2028}', '\u{2029}',
            '\u{202E}', '\u{2066}', '\u{2069}',
        ] {
            assert!(is_unsafe(c), "{c:?}");
        }
    }

    #[test]
    fn clean_keeps_line_breaks_and_marks_the_rest() {
        assert_eq!(clean("plain"), Cow::Borrowed("plain"));
        assert_eq!(clean("a\nb\tc"), "a\nb\tc");
        assert_eq!(clean("a\u{1b}[31mb"), "a\u{FFFD}[31mb");
        assert_eq!(clean("x\u{202E}y\u{2028}"), "x\u{FFFD}y\u{FFFD}");
        assert_eq!(one_line("a\nb\tc\u{7}"), "a b c\u{FFFD}");
    }

    #[test]
    fn inert_escapes_every_control() {
        assert_eq!(
            inert("\u{1b}]0;pwned\u{7}\u{1b}]52;c;cHduZWQ=\u{7}"),
            "\\e]0;pwned\\a\\e]52;c;cHduZWQ=\\a"
        );
        assert_eq!(inert("a\nb\u{202e}\u{85}"), "a\\nb\\u{202e}\\u{85}");
        assert_eq!(inert("plain"), Cow::Borrowed("plain"));
    }

    #[test]
    fn long_values_are_shortened_with_their_length() {
        let long = "x".repeat(1_000_000);
        assert_eq!(
            quote(&long),
            format!("{}… (1,000,000 chars)", "x".repeat(32))
        );
        assert_eq!(quote("short"), "short");
        let message = format!("unknown variant `{long}`, expected `a`");
        let shown = inert_message(&message);
        assert!(shown.len() < 200, "{shown}");
        assert!(
            shown.ends_with("(1,000,000 chars)`, expected `a`"),
            "{shown}"
        );
    }

    #[test]
    fn invisible_only_text_is_blank() {
        assert!(is_blank(""));
        assert!(is_blank(" \u{200B}\u{200F}\u{061C}\u{FEFF} "));
        assert!(!is_blank("\u{200B}a"));
    }
}
