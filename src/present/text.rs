//! Model text made safe to show.

use std::borrow::Cow;

/// Replaces characters that must not reach a terminal raw: control characters (escape
/// sequences) and bidirectional overrides that could reorder what is shown.
pub fn clean(text: &str) -> Cow<'_, str> {
    let unsafe_char =
        |c: char| c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    if text.chars().any(unsafe_char) {
        Cow::Owned(
            text.chars()
                .map(|c| if unsafe_char(c) { '\u{FFFD}' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_replaces_escapes_and_bidi() {
        assert_eq!(clean("plain"), Cow::Borrowed("plain"));
        assert_eq!(clean("a\u{1b}[31mb"), "a\u{FFFD}[31mb");
        assert_eq!(clean("x\u{202E}y"), "x\u{FFFD}y");
    }
}
