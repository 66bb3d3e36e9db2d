//! How many entries a model may have: per top-level list, and in any one mapping.
//!
//! The ceilings are far above any real chain (ISO 3166 lists 249 countries) and keep a hostile
//! file of millions of keys from costing seconds and gigabytes before it is refused. The scan
//! refuses the first entry over a ceiling at its place; [`fits_at_a_glance`] lets a load skip
//! the quick path, which parses the whole file first, when a file may be over one.

/// Keys in any one mapping but `sources`: the `countries:` map and a share block's countries
/// are the largest a model has.
pub const MAX_MAP_KEYS: usize = 1_000;

/// Entries a top-level section may have (a 64 MiB file of the densest valid entities holds
/// fewer than these); None for one that has no ceiling of its own.
pub fn max_entries(section: &str) -> Option<usize> {
    Some(match section {
        "countries" | "elements" | "stages" => 1_000,
        "sources" | "firms" => 100_000,
        "links" | "events" => 200_000,
        _ => return None,
    })
}

/// Keys the mapping at `path` may have.
pub fn max_keys(path: &str) -> usize {
    max_entries(path).unwrap_or(MAX_MAP_KEYS)
}

/// Why the entry at `count` (one past the ceiling) in `section` is refused.
pub fn over_message(section: &str, ceiling: usize, is_map: bool) -> String {
    let what = if is_map { "keys" } else { "entries" };
    let whose = if section.is_empty() {
        "the top level".to_owned()
    } else {
        format!("`{section}`")
    };
    let why = match section {
        "countries" => " (ISO 3166 lists 249 countries)".to_owned(),
        "sources" | "elements" | "stages" | "firms" | "links" | "events" => {
            format!(": a model has at most {ceiling} {section}")
        }
        _ => String::new(),
    };
    format!("more than {ceiling} {what} in {whose}{why}; this is the first one over the limit")
}

/// Lines longer than this may hold a flow collection of any size: such a file is checked the
/// slow way, which counts what the line holds.
const LONG_LINE: usize = 64 * 1024;

/// Whether the text is surely within the ceilings, read from its lines alone: no line at one
/// indentation under one parent repeats more often than a mapping or its top-level list
/// allows, and no line is long enough to hide a large flow collection. False only costs the
/// slower load that places every entry (and refuses the first one over a ceiling).
pub fn fits_at_a_glance(text: &str) -> bool {
    // For each open indentation: its width and how many key and item lines it had so far.
    let mut open: Vec<(usize, usize, usize)> = Vec::new();
    let mut section = "";
    for raw in text.split('\n') {
        if raw.len() > LONG_LINE {
            return false;
        }
        let trimmed = raw.trim_start_matches(' ');
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed == "\r" {
            continue;
        }
        let indent = raw.len() - trimmed.len();
        let header = indent == 0 && !trimmed.starts_with('-');
        if header {
            section = trimmed.split(':').next().unwrap_or_default();
        }
        while open.last().is_some_and(|&(width, ..)| width > indent) {
            open.pop();
        }
        if open.last().is_none_or(|&(width, ..)| width < indent) {
            open.push((indent, 0, 0));
        }
        let entry = open.len() <= 2;
        let max = max_entries(section).filter(|_| entry);
        let Some((_, keys, items)) = open.last_mut() else {
            continue;
        };
        if header {
            // A list written without indentation has its items at the top level: each
            // section counts its own.
            *items = 0;
        }
        if trimmed.starts_with('-') {
            *items += 1;
            if max.is_some_and(|max| *items > max) {
                return false;
            }
        } else {
            *keys += 1;
            if *keys > max.unwrap_or(MAX_MAP_KEYS) {
                return false;
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_and_synthetic_models_fit_and_large_maps_do_not() {
        assert!(fits_at_a_glance(crate::model::load::EMBEDDED_YAML));
        assert!(fits_at_a_glance(&crate::synth::generate(20_000)));
        let wide = crate::synth::with_bad_country_codes(
            crate::model::load::EMBEDDED_YAML,
            MAX_MAP_KEYS + 1,
        );
        assert!(!fits_at_a_glance(&wide));
        // One long line may hold a flow mapping of any size.
        let flow = format!("countries: {{{}}}\n", "k: v, ".repeat(20_000));
        assert!(!fits_at_a_glance(&flow));
    }
}
