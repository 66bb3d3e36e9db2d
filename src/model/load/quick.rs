//! The fast path for a valid file: a screen for what needs the full scan, and a parse in
//! sections that keeps a large file's peak memory near the size of the model.

use crate::model::scan;
use crate::model::schema::{ChainFile, Sections};

/// Whether the text can skip the position scan's checks: it holds no character that would act
/// on the terminal (no control bytes but tab and line breaks, no C1 controls, line separators
/// or bidirectional overrides, and no backslash, since an escape in a quoted string could
/// spell any of them), no anchor, alias or tag,
/// and its brackets never nest deeper than the scan allows (counted naively, quotes ignored:
/// the YAML library takes quadratic time on very deep flow nesting). Text that fails goes
/// through the full scan, which checks scalar by scalar and stops at the depth limit.
pub(super) fn quick_screen(text: &str) -> bool {
    /// Bytes that need a closer look; everything else is skipped with one table lookup.
    const NOTABLE: [bool; 256] = {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 0x20 {
            table[b] = !matches!(b as u8, b'\t' | b'\n' | b'\r');
            b += 1;
        }
        table[0x7f] = true;
        table[b'\\' as usize] = true;
        table[b'[' as usize] = true;
        table[b'{' as usize] = true;
        table[b']' as usize] = true;
        table[b'}' as usize] = true;
        table[0xC2] = true;
        table[0xE2] = true;
        table[b'&' as usize] = true;
        table[b'*' as usize] = true;
        table[b'!' as usize] = true;
        table
    };
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    for (i, &b) in bytes.iter().enumerate() {
        if !NOTABLE[b as usize] {
            continue;
        }
        match b {
            b'[' | b'{' => {
                depth += 1;
                if depth > scan::MAX_DEPTH {
                    return false;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'&' | b'*' | b'!' => {
                // An anchor, alias or tag (`&name`, `*name`, `!!int` after a separator) goes
                // through the scan, which measures what aliases expand to before the YAML
                // library does, and refuses tags.
                let after_separator = i == 0
                    || matches!(
                        bytes[i - 1],
                        b' ' | b'\t' | b'\n' | b'[' | b'{' | b',' | b'-'
                    );
                let named = bytes
                    .get(i + 1)
                    .is_some_and(|&next| !matches!(next, b' ' | b'\t' | b'\r' | b'\n'));
                if after_separator && named {
                    return false;
                }
            }
            0xC2 => {
                if matches!(bytes.get(i + 1), Some(0x80..=0x9F)) {
                    return false;
                }
            }
            0xE2 => {
                if let (Some(0x80), Some(0xA8..=0xAE)) | (Some(0x81), Some(0xA6..=0xA9)) =
                    (bytes.get(i + 1), bytes.get(i + 2))
                {
                    return false;
                }
            }
            _ => return false,
        }
    }
    true
}

/// Sections of about this many bytes are parsed at a time.
const SECTION_BYTES: usize = 512 * 1024;

/// Parses a block-style file a part at a time: each top-level section, and long lists in runs
/// of items of about [`SECTION_BYTES`]. The YAML library keeps every event of what it parses
/// in memory, about twenty times the text, so parsing in parts keeps a large model's peak
/// near the size of the result. Any doubt (a shape it does not know, a repeated section, a
/// part that does not parse) gives None, and the whole text is parsed as one.
pub(super) fn parse_in_sections(text: &str) -> Option<ChainFile> {
    if text.len() <= SECTION_BYTES {
        return serde_yaml::from_str::<ChainFile>(text).ok();
    }
    let mut parts: Vec<(&str, &str)> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    let mut start = 0;
    let mut key = "";
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let at = offset;
        offset += line.len();
        let first = line.as_bytes()[0];
        if matches!(first, b' ' | b'#' | b'-' | b'\n' | b'\r') {
            if first == b'-' && line.starts_with("---") {
                return None;
            }
            continue;
        }
        let (name, _) = line.split_once(':')?;
        if seen.contains(&name) {
            return None;
        }
        seen.push(name);
        if at > start {
            parts.push((key, &text[start..at]));
        }
        key = name;
        start = at;
    }
    parts.push((key, &text[start..]));

    let mut file = Sections::default();
    for (key, section) in parts {
        if key.is_empty()
            && section
                .lines()
                .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
        {
            continue;
        }
        if section.len() <= SECTION_BYTES || !LIST_SECTIONS.contains(&key) {
            merge(&mut file, serde_yaml::from_str::<Sections>(section).ok()?);
            continue;
        }
        // A long list: its head line, then runs of items cut where an item starts.
        let (head, items) = section.split_at(section.find('\n')? + 1);
        let indent = items.len() - items.trim_start_matches(' ').len();
        let mut run_start = 0;
        let mut offset = 0;
        for line in items.split_inclusive('\n') {
            let at = offset;
            offset += line.len();
            let is_item = line.len() > indent
                && line.as_bytes()[..indent].iter().all(|&b| b == b' ')
                && line.as_bytes()[indent] == b'-';
            if is_item && at - run_start >= SECTION_BYTES {
                let run = format!("{head}{}", &items[run_start..at]);
                merge(&mut file, serde_yaml::from_str::<Sections>(&run).ok()?);
                run_start = at;
            }
        }
        let run = format!("{head}{}", &items[run_start..]);
        merge(&mut file, serde_yaml::from_str::<Sections>(&run).ok()?);
    }
    Some(ChainFile {
        version: file.version?,
        meta: file.meta?,
        sources: file.sources,
        countries: file.countries,
        elements: file.elements,
        stages: file.stages,
        firms: file.firms,
        links: file.links,
        events: file.events,
    })
}

const LIST_SECTIONS: [&str; 5] = ["elements", "stages", "firms", "links", "events"];

fn merge(into: &mut Sections, part: Sections) {
    into.version = into.version.or(part.version);
    into.meta = into.meta.take().or(part.meta);
    into.sources.extend(part.sources);
    into.countries.extend(part.countries);
    into.elements.extend(part.elements);
    into.stages.extend(part.stages);
    into.firms.extend(part.firms);
    into.links.extend(part.links);
    into.events.extend(part.events);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load::to_yaml;

    #[test]
    fn parsing_in_sections_gives_what_one_parse_gives() {
        let text = crate::synth::generate(10_000);
        assert!(text.len() > 2 * SECTION_BYTES, "{}", text.len());
        let whole: ChainFile = serde_yaml::from_str(&text).unwrap();
        let commented = format!("# a model\n\n{text}");
        assert_eq!(parse_in_sections(&commented).as_ref(), Some(&whole));
        // The library's own export writes lists without indentation.
        let exported = to_yaml(&whole);
        assert_eq!(parse_in_sections(&exported).as_ref(), Some(&whole));
        let crlf = text.replace('\n', "\r\n");
        assert_eq!(parse_in_sections(&crlf).as_ref(), Some(&whole));
        // A repeated section is left to the whole parse, which reports it.
        let twice = format!("{text}firms: []\n");
        assert_eq!(parse_in_sections(&twice), None);
    }
}
