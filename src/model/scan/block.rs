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
    let mut scan = BlockScan {
        expected,
        positions: HashMap::with_capacity(
            expected.sources.len()
                + expected.countries.len()
                + expected.elements
                + expected.stages
                + expected.firms.len()
                + expected.firms.iter().sum::<usize>()
                + expected.links
                + expected.events,
        ),
        section: "",
        item_indent: None,
        count: 0,
        firm_key_indent: 0,
        in_facilities: false,
        facility_indent: None,
        facility_counts: Vec::new(),
        keys: Vec::new(),
        seen_sections: Vec::new(),
    };
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
            scan.open_section(trimmed)?;
            continue;
        }
        match scan.section {
            "sources" | "countries" => scan.keyed_entry(trimmed, indent, line)?,
            "elements" | "stages" | "firms" | "links" | "events" => {
                scan.list_line(trimmed, indent, line)?;
            }
            _ => {}
        }
    }
    scan.finish()
}

/// The line-by-line state of [`block_positions`].
struct BlockScan<'t, 'e> {
    expected: &'e EntityCounts<'e>,
    positions: HashMap<String, Pos>,
    section: &'t str,
    item_indent: Option<usize>,
    count: usize,
    // Within a firm: the indent of its keys, whether its facilities list is open, and the
    // indent of that list's items.
    firm_key_indent: usize,
    in_facilities: bool,
    facility_indent: Option<usize>,
    facility_counts: Vec<usize>,
    keys: Vec<&'t str>,
    seen_sections: Vec<&'t str>,
}

impl<'t> BlockScan<'t, '_> {
    /// Whether the section just read holds what the model has.
    fn found(&self) -> bool {
        let expected = self.expected;
        match self.section {
            "sources" => self.keys == expected.sources,
            "countries" => self.keys == expected.countries,
            "elements" => self.count == expected.elements,
            "stages" => self.count == expected.stages,
            "firms" => self.facility_counts == expected.firms,
            "links" => self.count == expected.links,
            "events" => self.count == expected.events,
            _ => true,
        }
    }

    /// A top-level key: the section before it must be complete.
    fn open_section(&mut self, trimmed: &'t str) -> Option<()> {
        if !self.found() {
            return None;
        }
        let (key, rest) = trimmed.split_once(':')?;
        let rest = rest.split(" #").next().unwrap_or("").trim();
        self.section = match key {
            "sources" | "countries" | "elements" | "stages" | "firms" | "links" | "events" => {
                // Flow style (`firms: [...]`) is left to the full scan; empty is fine.
                if !rest.is_empty() && rest != "[]" && rest != "{}" {
                    return None;
                }
                self.seen_sections.push(key);
                key
            }
            _ => "",
        };
        self.item_indent = None;
        self.count = 0;
        self.keys.clear();
        self.facility_counts.clear();
        self.in_facilities = false;
        Some(())
    }

    /// A line of a keyed section (sources, countries): each key at the first indent is an entry.
    fn keyed_entry(&mut self, trimmed: &'t str, indent: usize, line: u32) -> Option<()> {
        let child = *self.item_indent.get_or_insert(indent);
        if indent == child {
            let key = trimmed.split_once(':')?.0;
            if key.starts_with(['"', '\'', '?', '-', '{', '[']) {
                return None;
            }
            self.positions.insert(
                format!("{}.{key}", self.section),
                Pos {
                    line,
                    column: indent as u32 + 1,
                },
            );
            self.keys.push(key);
        }
        Some(())
    }

    /// A line of a list section: items at the first indent are entries; inside firms, so are
    /// the items of each `facilities` list.
    fn list_line(&mut self, trimmed: &str, indent: usize, line: u32) -> Option<()> {
        let is_item = trimmed == "-" || trimmed.starts_with("- ");
        let items = *self.item_indent.get_or_insert(indent);
        if is_item && indent == items {
            let column = (indent + 3) as u32;
            let count = self.count;
            self.positions
                .insert(format!("{}[{count}]", self.section), Pos { line, column });
            self.count += 1;
            if self.section == "firms" {
                self.facility_counts.push(0);
                self.firm_key_indent = indent + 2;
                self.in_facilities = false;
                self.facility_indent = None;
                if trimmed[1..].trim_start().starts_with("facilities:") {
                    return None;
                }
            }
            return Some(());
        }
        if self.section != "firms" || self.count == 0 {
            return Some(());
        }
        self.firm_line(trimmed, indent, is_item, line)
    }

    /// A line inside a firm: a key of the firm, or an item of its facilities list.
    fn firm_line(&mut self, trimmed: &str, indent: usize, is_item: bool, line: u32) -> Option<()> {
        if indent == self.firm_key_indent && !is_item {
            self.in_facilities = trimmed.starts_with("facilities:");
            if self.in_facilities {
                let rest = trimmed["facilities:".len()..]
                    .split(" #")
                    .next()
                    .unwrap_or("");
                let rest = rest.trim();
                if !rest.is_empty() && rest != "[]" {
                    return None;
                }
            }
        } else if self.in_facilities && is_item && indent >= self.firm_key_indent {
            let items = *self.facility_indent.get_or_insert(indent);
            if indent == items {
                let firm = self.count - 1;
                let j = self.facility_counts[firm];
                self.positions.insert(
                    format!("firms[{firm}].facilities[{j}]"),
                    Pos {
                        line,
                        column: (indent + 3) as u32,
                    },
                );
                self.facility_counts[firm] += 1;
            }
        } else if indent <= self.firm_key_indent && !is_item {
            return None;
        }
        Some(())
    }

    /// The positions, when the last section is complete and no section with entries is missing.
    fn finish(self) -> Option<HashMap<String, Pos>> {
        if !self.found() {
            return None;
        }
        // A section the model has entries in but the file never opened cannot be right.
        let expected = self.expected;
        let missing = |name: &str, n: usize| n > 0 && !self.seen_sections.contains(&name);
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
        Some(self.positions)
    }
}
