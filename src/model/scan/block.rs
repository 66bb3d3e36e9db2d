//! Entity lines from indentation alone, for files written in block style.

use std::collections::HashMap;

use super::Pos;

/// How many entities of each kind the model holds, to check a quick outline against.
pub struct EntityCounts<'a> {
    pub sources: &'a [&'a str],
    pub countries: &'a [&'a str],
    pub elements: usize,
    pub stages: usize,
    /// Facilities of each firm.
    pub firms: &'a [usize],
    pub links: usize,
    pub events: usize,
}

/// Entity positions found from line indentation alone, for a file written in block style (as
/// `rechain init` and `export --format yaml` write it): one pass over the lines, no parser.
/// Returns None when the file does not have that shape or the entities found differ in any
/// way from the model's, and the full scan must be used instead.
pub fn block_positions(text: &str, expected: &EntityCounts) -> Option<HashMap<String, Pos>> {
    let mut positions = HashMap::with_capacity(
        expected.sources.len()
            + expected.countries.len()
            + expected.elements
            + expected.stages
            + expected.firms.len()
            + expected.firms.iter().sum::<usize>()
            + expected.links
            + expected.events,
    );
    let mut section = "";
    let mut item_indent: Option<usize> = None;
    let mut count = 0usize;
    // Within a firm: the indent of its keys, whether its facilities list is open, and the
    // indent of that list's items.
    let mut firm_key_indent = 0usize;
    let mut in_facilities = false;
    let mut facility_indent: Option<usize> = None;
    let mut facility_counts: Vec<usize> = Vec::new();
    let mut keys: Vec<&str> = Vec::new();
    let found = |section: &str, count: usize, keys: &[&str], facilities: &[usize]| match section {
        "sources" => keys == expected.sources,
        "countries" => keys == expected.countries,
        "elements" => count == expected.elements,
        "stages" => count == expected.stages,
        "firms" => facilities == expected.firms,
        "links" => count == expected.links,
        "events" => count == expected.events,
        _ => true,
    };
    let mut seen_sections: Vec<&str> = Vec::new();
    for (number, raw) in text.lines().enumerate() {
        let line = number as u32 + 1;
        let trimmed = raw.trim_start_matches(' ');
        let indent = raw.len() - trimmed.len();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed == "\r" {
            continue;
        }
        if trimmed.starts_with('\t') || trimmed.starts_with("---") || trimmed.starts_with('%') {
            return None;
        }
        if indent == 0 && !trimmed.starts_with('-') {
            if !found(section, count, &keys, &facility_counts) {
                return None;
            }
            let (key, rest) = trimmed.split_once(':')?;
            let rest = rest.split(" #").next().unwrap_or("").trim();
            section = match key {
                "sources" | "countries" | "elements" | "stages" | "firms" | "links" | "events" => {
                    // Flow style (`firms: [...]`) is left to the full scan; empty is fine.
                    if !rest.is_empty() && rest != "[]" && rest != "{}" {
                        return None;
                    }
                    seen_sections.push(key);
                    key
                }
                _ => "",
            };
            item_indent = None;
            count = 0;
            keys.clear();
            facility_counts.clear();
            in_facilities = false;
            continue;
        }
        match section {
            "sources" | "countries" => {
                let child = *item_indent.get_or_insert(indent);
                if indent == child {
                    let key = trimmed.split_once(':')?.0;
                    if key.starts_with(['"', '\'', '?', '-', '{', '[']) {
                        return None;
                    }
                    positions.insert(
                        format!("{section}.{key}"),
                        Pos {
                            line,
                            column: indent as u32 + 1,
                        },
                    );
                    keys.push(key);
                }
            }
            "elements" | "stages" | "firms" | "links" | "events" => {
                let is_item = trimmed == "-" || trimmed.starts_with("- ");
                let items = *item_indent.get_or_insert(indent);
                if is_item && indent == items {
                    let column = (indent + 3) as u32;
                    positions.insert(format!("{section}[{count}]"), Pos { line, column });
                    count += 1;
                    if section == "firms" {
                        facility_counts.push(0);
                        firm_key_indent = indent + 2;
                        in_facilities = false;
                        facility_indent = None;
                        if trimmed[1..].trim_start().starts_with("facilities:") {
                            return None;
                        }
                    }
                    continue;
                }
                if section != "firms" || count == 0 {
                    continue;
                }
                if indent == firm_key_indent && !is_item {
                    in_facilities = trimmed.starts_with("facilities:");
                    if in_facilities {
                        let rest = trimmed["facilities:".len()..]
                            .split(" #")
                            .next()
                            .unwrap_or("");
                        let rest = rest.trim();
                        if !rest.is_empty() && rest != "[]" {
                            return None;
                        }
                    }
                } else if in_facilities && is_item && indent >= firm_key_indent {
                    let items = *facility_indent.get_or_insert(indent);
                    if indent == items {
                        let firm = count - 1;
                        let j = facility_counts[firm];
                        positions.insert(
                            format!("firms[{firm}].facilities[{j}]"),
                            Pos {
                                line,
                                column: (indent + 3) as u32,
                            },
                        );
                        facility_counts[firm] += 1;
                    }
                } else if indent <= firm_key_indent && !is_item {
                    return None;
                }
            }
            _ => {}
        }
    }
    if !found(section, count, &keys, &facility_counts) {
        return None;
    }
    // A section the model has entries in but the file never opened cannot be right.
    let missing = |name: &str, n: usize| n > 0 && !seen_sections.contains(&name);
    if missing("sources", expected.sources.len())
        || missing("countries", expected.countries.len())
        || missing("elements", expected.elements)
        || missing("stages", expected.stages)
        || missing("firms", expected.firms.len())
        || missing("links", expected.links)
        || missing("events", expected.events)
    {
        return None;
    }
    Some(positions)
}
