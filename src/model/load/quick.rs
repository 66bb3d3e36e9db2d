//! The fast path for a valid file: a screen for what needs the full scan, and a parse in
//! sections that keeps a large file's peak memory near the size of the model.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::model::scan;
use crate::model::schema::{ChainFile, Sections};

/// Whether the text can skip the position scan's checks: it holds no character that would act
/// on the terminal (no control bytes but tab and line breaks, no C1 controls, line separators
/// or bidirectional overrides, and no backslash escape that could spell one of them in a
/// quoted string), no anchor, alias or tag,
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
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        i += 1;
        if !NOTABLE[b as usize] {
            continue;
        }
        let at = i - 1;
        match b {
            b'\\' => match safe_escape_len(&bytes[at..]) {
                Some(len) => i = at + len,
                None => return false,
            },
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
                let after_separator = at == 0
                    || matches!(
                        bytes[at - 1],
                        b' ' | b'\t' | b'\n' | b'[' | b'{' | b',' | b'-'
                    );
                let named = bytes
                    .get(at + 1)
                    .is_some_and(|&next| !matches!(next, b' ' | b'\t' | b'\r' | b'\n'));
                if after_separator && named {
                    return false;
                }
            }
            0xC2 => {
                if matches!(bytes.get(at + 1), Some(0x80..=0x9F)) {
                    return false;
                }
            }
            0xE2 => {
                if let (Some(0x80), Some(0xA8..=0xAE)) | (Some(0x81), Some(0xA6..=0xA9)) =
                    (bytes.get(at + 1), bytes.get(at + 2))
                {
                    return false;
                }
            }
            _ => return false,
        }
    }
    true
}

/// The length of the escape `text` starts with (`\\n`, `\\u2013`) when what it spells in a
/// double-quoted string is safe to show; None for any other, which the full scan then reads
/// in its context. Outside double quotes a backslash is itself, and safe either way.
fn safe_escape_len(text: &[u8]) -> Option<usize> {
    let digits = match text.get(1)? {
        b'\\' | b'"' | b'/' | b' ' | b'_' | b'n' | b't' => return Some(2),
        b'x' => 2,
        b'u' => 4,
        b'U' => 8,
        _ => return None,
    };
    let hex = std::str::from_utf8(text.get(2..2 + digits)?).ok()?;
    let code = u32::from_str_radix(hex, 16).ok()?;
    let spelled = char::from_u32(code)?;
    (!crate::text::is_unsafe(spelled)).then_some(2 + digits)
}

/// Parts of about this many bytes are parsed at a time: small enough to spread a large file
/// over the cores, large enough that each parse's setup is noise.
const SECTION_BYTES: usize = 256 * 1024;

/// A part of the text to parse on its own: a top-level section, or a run of a long list's
/// items behind the list's head line.
enum Part<'t> {
    Whole(&'t str),
    Run { head: &'t str, items: &'t str },
}

impl Part<'_> {
    fn parse(&self) -> Option<Sections> {
        let mut parsed: Sections = match self {
            Part::Whole(text) => serde_yaml::from_str(text).ok(),
            Part::Run { head, items } => serde_yaml::from_str(&format!("{head}{items}")).ok(),
        }?;
        // Lists read from YAML grow by doubling, a third of them slack at this scale.
        for firm in &mut parsed.firms {
            firm.facilities.shrink_to_fit();
        }
        Some(parsed)
    }
}

/// Parses a block-style file a part at a time: each top-level section, and long lists in runs
/// of items of about [`SECTION_BYTES`], the parts spread over the available cores. The YAML
/// library keeps every event of what it parses in memory, about twenty times the text, so
/// parsing in parts also keeps a large model's peak near the size of the result. Any doubt
/// (a shape it does not know, a repeated section, a part that does not parse) gives None, and
/// the whole text is parsed as one.
pub(super) fn parse_in_sections(text: &str) -> Option<ChainFile> {
    if text.len() <= SECTION_BYTES {
        return serde_yaml::from_str::<ChainFile>(text).ok();
    }
    let parts = split_parts(top_level_sections(text)?)?;
    let parsed = parse_parallel(&parts)?;
    let mut file = Sections::default();
    // Reserved whole, so that joining the parts never holds a list twice while it grows.
    file.firms
        .reserve_exact(parsed.iter().map(|p| p.firms.len()).sum());
    file.links
        .reserve_exact(parsed.iter().map(|p| p.links.len()).sum());
    file.events
        .reserve_exact(parsed.iter().map(|p| p.events.len()).sum());
    for part in parsed {
        merge(&mut file, part);
    }
    Some(ChainFile {
        version: file.version?,
        meta: file.meta?,
        sources: file.sources,
        countries: file.countries,
        units: file.units,
        conversions: file.conversions,
        elements: file.elements,
        stages: file.stages,
        firms: file.firms,
        links: file.links,
        events: file.events,
        demand: file.demand,
    })
}

/// The top-level sections in file order, each with its key; None when a key repeats or the
/// text holds more than one document.
fn top_level_sections(text: &str) -> Option<Vec<(&str, &str)>> {
    let mut sections: Vec<(&str, &str)> = Vec::new();
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
            sections.push((key, &text[start..at]));
        }
        key = name;
        start = at;
    }
    sections.push((key, &text[start..]));
    Some(sections)
}

/// The parts to parse: comment-only preambles dropped, long lists cut where an item starts.
fn split_parts<'t>(sections: Vec<(&'t str, &'t str)>) -> Option<Vec<Part<'t>>> {
    let mut parts = Vec::new();
    for (key, section) in sections {
        if key.is_empty()
            && section
                .lines()
                .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
        {
            continue;
        }
        if section.len() <= SECTION_BYTES || !LIST_SECTIONS.contains(&key) {
            parts.push(Part::Whole(section));
            continue;
        }
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
                parts.push(Part::Run {
                    head,
                    items: &items[run_start..at],
                });
                run_start = at;
            }
        }
        parts.push(Part::Run {
            head,
            items: &items[run_start..],
        });
    }
    Some(parts)
}

/// Parses the parts on up to one thread per core and returns them in order; None when any
/// part fails (the whole parse then reports where).
fn parse_parallel(parts: &[Part]) -> Option<Vec<Sections>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(parts.len());
    if threads <= 1 {
        return parts.iter().map(Part::parse).collect();
    }
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let work = || {
        let mut done = Vec::new();
        while !failed.load(Ordering::Relaxed) {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(part) = parts.get(i) else { break };
            match part.parse() {
                Some(parsed) => done.push((i, parsed)),
                None => failed.store(true, Ordering::Relaxed),
            }
        }
        done
    };
    let mut parsed: Vec<(usize, Sections)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut all = work();
        for helper in helpers {
            // A thread that panicked counts as a failed part: the whole parse reports it.
            all.extend(helper.join().unwrap_or_else(|_| {
                failed.store(true, Ordering::Relaxed);
                Vec::new()
            }));
        }
        all
    });
    if failed.load(Ordering::Relaxed) {
        return None;
    }
    parsed.sort_unstable_by_key(|(i, _)| *i);
    Some(parsed.into_iter().map(|(_, part)| part).collect())
}

const LIST_SECTIONS: [&str; 5] = ["elements", "stages", "firms", "links", "events"];

fn merge(into: &mut Sections, part: Sections) {
    into.version = into.version.or(part.version);
    into.meta = into.meta.take().or(part.meta);
    into.sources.extend(part.sources);
    into.countries.extend(part.countries);
    into.units.extend(part.units);
    into.conversions.extend(part.conversions);
    into.elements.extend(part.elements);
    into.stages.extend(part.stages);
    into.firms.extend(part.firms);
    into.links.extend(part.links);
    into.events.extend(part.events);
    into.demand.extend(part.demand);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load::to_yaml;

    #[test]
    fn escapes_that_spell_safe_characters_keep_the_quick_path() {
        let ok = |t: &str| quick_screen(t);
        assert!(ok("note: \"2021\\u20132023, \\\"quoted\\\", a\\nb\"\n"));
        assert!(ok("path: C:\\\\models\n"));
        // Escapes that spell a control, a line separator or a bidi override, or that the
        // screen does not know, go to the full scan.
        for bad in [
            "\\e",
            "\\u001b",
            "\\x1B",
            "\\U0000202E",
            "\\L",
            "\\N",
            "\\0",
            "\\u20",
            "\\uZZZZ",
        ] {
            assert!(!ok(&format!("note: \"a{bad}b\"\n")), "{bad}");
        }
        // The embedded model has an escaped dash and loads the quick way.
        assert!(ok(crate::model::load::EMBEDDED_YAML));
    }

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
