//! One pass over the YAML event stream with positions.
//!
//! serde gives no positions for values once deserialized, so this pass supplies them: the line
//! and column of each entity (for the editor and the cards) and of any path validation asks
//! about. It also catches what serde reports badly or not at all: duplicate keys, runaway
//! nesting, several documents, and control characters in any string.

use std::collections::{HashMap, HashSet};

use std::borrow::Cow;

use saphyr_parser::{Event, Parser, Span, Tag};

use crate::text;

/// Deeper nesting than any chain model needs; it stops hostile input early.
pub const MAX_DEPTH: usize = 64;

/// 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

impl Pos {
    fn of(span: &Span) -> Pos {
        Pos {
            line: span.start.line() as u32,
            column: span.start.col() as u32 + 1,
        }
    }
}

/// A problem found while scanning, with the path of the node where known.
#[derive(Debug, Clone)]
pub struct ScanProblem {
    pub pos: Pos,
    pub path: String,
    pub message: String,
}

#[derive(Debug, Default)]
pub struct Scan {
    /// Positions of the nodes that were asked for, by path (`firms[3].facilities[0]`).
    /// A path ending in `#key` is the position of that mapping key rather than its value.
    pub positions: HashMap<String, Pos>,
    pub problems: Vec<ScanProblem>,
    /// True when the stream could not be read to its end (a syntax error or a hard limit).
    pub fatal: bool,
}

enum Frame<'t> {
    Map {
        path_len: usize,
        /// Whether a key was read and its value is expected next.
        awaiting_value: bool,
        /// Keys seen so far, to catch duplicates (borrowed from the text where possible).
        keys: Vec<Cow<'t, str>>,
    },
    Seq {
        path_len: usize,
        index: usize,
    },
}

/// Which paths to record. Entity paths are recorded always; `extra` adds any others.
pub struct Wanted<'a> {
    pub extra: &'a HashSet<String>,
}

impl Wanted<'_> {
    fn wants(&self, path: &str, depth: usize, is_seq_item: bool) -> bool {
        // Top-level sections and their entries, plus list items two levels further down
        // (facilities inside firms, share blocks inside stages).
        depth <= 2
            || (depth == 4 && is_seq_item)
            || (!self.extra.is_empty() && self.extra.contains(path))
    }
}

pub fn scan(text: &str, wanted: &Wanted) -> Scan {
    let mut out = Scan::default();
    let mut stack: Vec<Frame> = Vec::new();
    let mut path = String::new();
    let mut documents = 0usize;
    let mut spare_keys: Vec<Vec<Cow<str>>> = Vec::new();
    let mut expansion = Expansion::default();

    for item in Parser::new_from_str(text) {
        let (event, span) = match item {
            Ok(pair) => pair,
            Err(err) => {
                let mark = err.marker();
                out.problems.push(ScanProblem {
                    pos: Pos {
                        line: mark.line() as u32,
                        column: mark.col() as u32 + 1,
                    },
                    path: path.clone(),
                    message: if err.info().contains("recursion limit") {
                        "nesting deeper than the YAML reader allows: a chain model never needs this"
                            .to_string()
                    } else {
                        format!("YAML syntax: {}", err.info())
                    },
                });
                out.fatal = true;
                return out;
            }
        };
        let pos = Pos::of(&span);
        match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    out.problems.push(ScanProblem {
                        pos,
                        path: String::new(),
                        message: "a chain model is one YAML document; found a second `---`".into(),
                    });
                    out.fatal = true;
                    return out;
                }
            }
            Event::Alias(anchor) => {
                if expansion.alias(anchor) {
                    out.problems.push(ScanProblem {
                        pos,
                        path: path.clone(),
                        message: ALIAS_BOMB.into(),
                    });
                    out.fatal = true;
                    return out;
                }
                // An alias stands for a value; serde_yaml expands it (and refuses bombs).
                let is_seq_item = enter_value(&mut stack, &mut path);
                if wanted.wants(&path, stack.len(), is_seq_item) {
                    out.positions.insert(path.clone(), pos);
                }
                leave_value(&mut stack);
            }
            Event::Scalar(value, _, anchor, tag) => {
                expansion.scalar(anchor);
                if let Some(message) = unsafe_text(&value) {
                    out.problems.push(ScanProblem {
                        pos,
                        path: path.clone(),
                        message,
                    });
                }
                if let Some(tag) = tag
                    && !is_core(&tag, "str")
                {
                    out.problems.push(ScanProblem {
                        pos,
                        path: path.clone(),
                        message: refused_tag(&tag),
                    });
                }
                let is_key = matches!(
                    stack.last(),
                    Some(Frame::Map {
                        awaiting_value: false,
                        ..
                    })
                );
                if is_key {
                    let Some(Frame::Map {
                        path_len,
                        awaiting_value,
                        keys,
                    }) = stack.last_mut()
                    else {
                        unreachable!()
                    };
                    path.truncate(*path_len);
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(&value);
                    if keys.contains(&value) {
                        out.problems.push(ScanProblem {
                            pos,
                            path: path.clone(),
                            message: format!(
                                "duplicate key `{value}`: each key may appear once in a mapping"
                            ),
                        });
                    } else {
                        keys.push(value);
                    }
                    *awaiting_value = true;
                    let depth = stack.len();
                    if !wanted.extra.is_empty() {
                        path.push_str("#key");
                        if wanted.extra.contains(path.as_str()) {
                            out.positions.insert(path.clone(), pos);
                        }
                        path.truncate(path.len() - 4);
                    }
                    if wanted.wants(&path, depth, false) {
                        out.positions.entry(path.clone()).or_insert(pos);
                    }
                } else {
                    let is_seq_item = enter_value(&mut stack, &mut path);
                    if wanted.wants(&path, stack.len(), is_seq_item) {
                        out.positions.insert(path.clone(), pos);
                    }
                    leave_value(&mut stack);
                }
            }
            Event::MappingStart(anchor, ref tag) | Event::SequenceStart(anchor, ref tag) => {
                expansion.start(anchor);
                let own = if matches!(event, Event::MappingStart(..)) {
                    "map"
                } else {
                    "seq"
                };
                if let Some(tag) = tag
                    && !is_core(tag, own)
                {
                    out.problems.push(ScanProblem {
                        pos,
                        path: path.clone(),
                        message: refused_tag(tag),
                    });
                }
                if matches!(
                    stack.last(),
                    Some(Frame::Map {
                        awaiting_value: false,
                        ..
                    })
                ) {
                    out.problems.push(ScanProblem {
                        pos,
                        path: path.clone(),
                        message: "a mapping key must be plain text, not a list or mapping".into(),
                    });
                    out.fatal = true;
                    return out;
                }
                let is_seq_item = enter_value(&mut stack, &mut path);
                if wanted.wants(&path, stack.len(), is_seq_item) {
                    out.positions.insert(path.clone(), pos);
                }
                if stack.len() >= MAX_DEPTH {
                    out.problems.push(ScanProblem {
                        pos,
                        path: String::new(),
                        message: format!(
                            "nesting deeper than {MAX_DEPTH} levels: a chain model never needs this"
                        ),
                    });
                    out.fatal = true;
                    return out;
                }
                let path_len = path.len();
                stack.push(if matches!(event, Event::MappingStart(..)) {
                    Frame::Map {
                        path_len,
                        awaiting_value: false,
                        keys: spare_keys.pop().unwrap_or_default(),
                    }
                } else {
                    Frame::Seq { path_len, index: 0 }
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                expansion.end();
                if let Some(Frame::Map { mut keys, .. }) = stack.pop() {
                    keys.clear();
                    spare_keys.push(keys);
                }
                leave_value(&mut stack);
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
        }
    }
    out
}

/// The refusal of an alias bomb, shared with the YAML library's own (later) limit.
pub const ALIAS_BOMB: &str =
    "aliases expand to too much data (a \"billion laughs\" pattern?): write the values out";

/// Expanded aliases past this many nodes (beyond the file's own) are refused.
const MAX_EXPANDED_NODES: u64 = 1_000_000;

/// How many nodes the document has once every alias is replaced by its anchor's node: the
/// cost a reader that expands aliases pays, known here without expanding anything.
#[derive(Default)]
struct Expansion {
    /// Nodes counted so far, aliases expanded.
    total: u64,
    /// Nodes in the file itself.
    own: u64,
    /// Size of each anchored node, by anchor id.
    sizes: HashMap<usize, u64>,
    /// For each open collection: the total at its start, and its anchor id (0 for none).
    open: Vec<(u64, usize)>,
}

impl Expansion {
    fn scalar(&mut self, anchor: usize) {
        self.total += 1;
        self.own += 1;
        if anchor > 0 {
            self.sizes.insert(anchor, 1);
        }
    }

    fn start(&mut self, anchor: usize) {
        self.total += 1;
        self.own += 1;
        self.open.push((self.total, anchor));
    }

    fn end(&mut self) {
        if let Some((start, anchor)) = self.open.pop()
            && anchor > 0
        {
            self.sizes.insert(anchor, self.total - start + 1);
        }
    }

    /// Adds an alias; returns whether the expansion is now too large.
    fn alias(&mut self, anchor: usize) -> bool {
        let size = self.sizes.get(&anchor).copied().unwrap_or(1);
        self.total = self.total.saturating_add(size);
        self.total - self.own > MAX_EXPANDED_NODES.max(self.own)
    }
}

/// Moves `path` to the node about to start; returns whether it is a list item.
fn enter_value(stack: &mut [Frame<'_>], path: &mut String) -> bool {
    match stack.last_mut() {
        Some(Frame::Seq { path_len, index }) => {
            path.truncate(*path_len);
            use std::fmt::Write;
            let _ = write!(path, "[{index}]");
            true
        }
        // A map value: the path already ends with its key.
        Some(Frame::Map { .. }) | None => false,
    }
}

/// Called when a value (scalar, or a collection at its end) is complete.
fn leave_value(stack: &mut [Frame<'_>]) {
    match stack.last_mut() {
        Some(Frame::Seq { index, .. }) => *index += 1,
        Some(Frame::Map { awaiting_value, .. }) => *awaiting_value = false,
        None => {}
    }
}

/// Whether the tag is the core schema's `!!name`, which only restates what the node is.
fn is_core(tag: &Tag, name: &str) -> bool {
    tag.is_yaml_core_schema() && tag.suffix == name
}

/// A chain model never needs a YAML tag; one that is silently ignored could change what a
/// value means to one reader and not to another.
fn refused_tag(tag: &Tag) -> String {
    let shown = if tag.is_yaml_core_schema() {
        format!("!!{}", tag.suffix)
    } else {
        tag.to_string()
    };
    format!(
        "YAML tag `{}` is not used in a chain model: write the value without it",
        text::quote(&shown)
    )
}

fn unsafe_text(value: &str) -> Option<String> {
    let (_, bad) = text::first_unsafe(value)?;
    Some(unsafe_message(bad))
}

/// Why an unsafe character is refused.
pub fn unsafe_message(c: char) -> String {
    if matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}') {
        format!(
            "the line separator U+{:04X} is not allowed anywhere in a model, not even in a comment: \
             YAML readers disagree on whether it ends a line (use a line break or a space)",
            c as u32
        )
    } else {
        format!(
            "text contains the control character U+{:04X}; it would act on the terminal (remove it)",
            c as u32
        )
    }
}

/// Every character in the raw text that the text rule refuses, at its line and column. Carriage
/// returns are left to the parsers, which both read them as line ends.
pub fn raw_problems(text: &str, limit: usize) -> Vec<ScanProblem> {
    let mut out = Vec::new();
    let mut line = 1u32;
    let mut column = 0u32;
    for c in text.chars() {
        column += 1;
        if c == '\n' {
            line += 1;
            column = 0;
            continue;
        }
        if c == '\r' || !text::is_unsafe(c) {
            continue;
        }
        if out.len() == limit {
            out.push(ScanProblem {
                pos: Pos { line, column: 1 },
                path: String::new(),
                message: "more characters like these follow; fix the ones above first".into(),
            });
            break;
        }
        out.push(ScanProblem {
            pos: Pos { line, column },
            path: String::new(),
            message: unsafe_message(c),
        });
    }
    out
}

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
