//! One pass over the YAML event stream with positions.
//!
//! serde gives no positions for values once deserialized, so this pass supplies them: the line
//! and column of each entity (for the editor and the cards) and of any path validation asks
//! about. It also catches what serde reports badly or not at all: duplicate keys, runaway
//! nesting, several documents, and control characters in any string.

use std::collections::{HashMap, HashSet};

use std::borrow::Cow;
use std::fmt::Write;

use saphyr_parser::{Event, Parser, Span, Tag};

use crate::model::limits;
use crate::text;

mod block;
pub use block::{EntityCounts, block_positions};

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
        keys: KeySet<'t>,
    },
    Seq {
        path_len: usize,
        index: usize,
    },
}

/// The keys of one mapping. Most mappings have a handful of keys, searched fastest in a list;
/// a large one (a `countries:` map of thousands) is also hashed, so a check stays linear.
#[derive(Default)]
struct KeySet<'t> {
    list: Vec<Cow<'t, str>>,
    hashed: HashSet<Cow<'t, str>>,
}

/// Keys a mapping has before they are also hashed.
const KEYS_LISTED: usize = 16;

impl<'t> KeySet<'t> {
    /// Adds a key, or hands it back when it was there already.
    fn insert(&mut self, key: Cow<'t, str>) -> Result<(), Cow<'t, str>> {
        if self.list.len() < KEYS_LISTED {
            if self.list.contains(&key) {
                return Err(key);
            }
            self.list.push(key);
            return Ok(());
        }
        if self.hashed.is_empty() {
            self.hashed.extend(self.list.iter().cloned());
        }
        if self.hashed.contains(&key) {
            return Err(key);
        }
        self.hashed.insert(key);
        Ok(())
    }

    fn len(&self) -> usize {
        self.list.len().max(self.hashed.len())
    }

    fn clear(&mut self) {
        self.list.clear();
        self.hashed.clear();
    }
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
    let mut scanner = Scanner {
        wanted,
        out: Scan::default(),
        stack: Vec::new(),
        path: String::new(),
        documents: 0,
        spare_keys: Vec::new(),
        expansion: Expansion::default(),
    };
    for item in Parser::new_from_str(text) {
        let (event, span) = match item {
            Ok(pair) => pair,
            Err(err) => {
                let mark = err.marker();
                let pos = Pos {
                    line: mark.line() as u32,
                    column: mark.col() as u32 + 1,
                };
                let message = if err.info().contains("recursion limit") {
                    "nesting deeper than the YAML reader allows: a chain model never needs this"
                        .to_string()
                } else {
                    format!("YAML syntax: {}", err.info())
                };
                let path = scanner.path.clone();
                return scanner.stop(pos, path, message);
            }
        };
        let pos = Pos::of(&span);
        let refused = match event {
            Event::DocumentStart(_) => scanner.document(),
            Event::Alias(anchor) => scanner.alias(anchor, pos),
            Event::Scalar(value, _, anchor, tag) => {
                scanner.scalar(value, anchor, tag.as_deref(), pos)
            }
            Event::MappingStart(anchor, ref tag) => {
                scanner.start(anchor, tag.as_deref(), true, pos)
            }
            Event::SequenceStart(anchor, ref tag) => {
                scanner.start(anchor, tag.as_deref(), false, pos)
            }
            Event::MappingEnd | Event::SequenceEnd => {
                scanner.end();
                None
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => None,
        };
        if let Some((path, message)) = refused {
            return scanner.stop(pos, path, message);
        }
    }
    scanner.out
}

/// The scan's state between events: where it is in the tree and what it found so far.
struct Scanner<'t, 'w> {
    wanted: &'w Wanted<'w>,
    out: Scan,
    stack: Vec<Frame<'t>>,
    path: String,
    documents: usize,
    /// Cleared key sets of closed mappings, reused by the next ones.
    spare_keys: Vec<KeySet<'t>>,
    expansion: Expansion,
}

/// A problem that ends the scan: the path where it is and what it is.
type Refusal = Option<(String, String)>;

impl<'t> Scanner<'t, '_> {
    /// Ends the scan with a problem the rest of the stream cannot be read past.
    fn stop(mut self, pos: Pos, path: String, message: String) -> Scan {
        self.out.problems.push(ScanProblem { pos, path, message });
        self.out.fatal = true;
        self.out
    }

    fn problem(&mut self, pos: Pos, message: String) {
        let path = self.path.clone();
        self.out.problems.push(ScanProblem { pos, path, message });
    }

    /// Records the position of the node just entered when it is wanted.
    fn record(&mut self, is_seq_item: bool, pos: Pos) {
        if self.wanted.wants(&self.path, self.stack.len(), is_seq_item) {
            self.out.positions.insert(self.path.clone(), pos);
        }
    }

    fn document(&mut self) -> Refusal {
        self.documents += 1;
        (self.documents > 1).then(|| {
            (
                String::new(),
                "a chain model is one YAML document; found a second `---`".into(),
            )
        })
    }

    fn alias(&mut self, anchor: usize, pos: Pos) -> Refusal {
        if self.expansion.alias(anchor) {
            return Some((self.path.clone(), ALIAS_BOMB.into()));
        }
        // An alias stands for a value; serde_yaml expands it (and refuses bombs).
        let is_seq_item = enter_value(&mut self.stack, &mut self.path);
        self.record(is_seq_item, pos);
        let over = self.over_ceiling(is_seq_item);
        leave_value(&mut self.stack);
        over
    }

    fn awaiting_key(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Frame::Map {
                awaiting_value: false,
                ..
            })
        )
    }

    fn scalar(
        &mut self,
        value: Cow<'t, str>,
        anchor: usize,
        tag: Option<&Tag>,
        pos: Pos,
    ) -> Refusal {
        self.expansion.scalar(anchor);
        if let Some(message) = unsafe_text(&value) {
            self.problem(pos, message);
        }
        if let Some(tag) = tag
            && !is_core(tag, "str")
        {
            self.problem(pos, refused_tag(tag));
        }
        if self.awaiting_key() {
            self.key(value, pos)
        } else {
            let is_seq_item = enter_value(&mut self.stack, &mut self.path);
            self.record(is_seq_item, pos);
            let over = self.over_ceiling(is_seq_item);
            leave_value(&mut self.stack);
            over
        }
    }

    /// The refusal of a list item past its top-level list's ceiling (`is_seq_item`: the node
    /// just entered is an item).
    fn over_ceiling(&self, is_seq_item: bool) -> Refusal {
        if !is_seq_item || self.stack.len() != 2 {
            return None;
        }
        let Some(Frame::Seq { path_len, index }) = self.stack.last() else {
            return None;
        };
        let section = &self.path[..*path_len];
        let max = limits::max_entries(section)?;
        (*index >= max).then(|| (self.path.clone(), limits::over_message(section, max, false)))
    }

    /// A mapping key: the path moves to it, and a repeated key is a problem.
    fn key(&mut self, value: Cow<'t, str>, pos: Pos) -> Refusal {
        let depth = self.stack.len();
        let Some(Frame::Map {
            path_len,
            awaiting_value,
            keys,
        }) = self.stack.last_mut()
        else {
            unreachable!()
        };
        let path = &mut self.path;
        path.truncate(*path_len);
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(&value);
        let duplicate = keys.insert(value).err();
        let section = if depth > 1 { &path[..*path_len] } else { "" };
        let max = limits::max_keys(section);
        let over = keys.len() > max;
        *awaiting_value = true;
        if over {
            let message = limits::over_message(section, max, true);
            return Some((path.clone(), message));
        }
        if let Some(value) = duplicate {
            self.problem(
                pos,
                format!("duplicate key `{value}`: each key may appear once in a mapping"),
            );
        }
        let wanted = self.wanted;
        let path = &mut self.path;
        if !wanted.extra.is_empty() {
            path.push_str("#key");
            if wanted.extra.contains(path.as_str()) {
                self.out.positions.insert(path.clone(), pos);
            }
            path.truncate(path.len() - 4);
        }
        if wanted.wants(path, depth, false) {
            self.out.positions.entry(path.clone()).or_insert(pos);
        }
        None
    }

    /// The start of a mapping (`map`) or a sequence.
    fn start(&mut self, anchor: usize, tag: Option<&Tag>, map: bool, pos: Pos) -> Refusal {
        self.expansion.start(anchor);
        if let Some(tag) = tag
            && !is_core(tag, if map { "map" } else { "seq" })
        {
            self.problem(pos, refused_tag(tag));
        }
        if self.awaiting_key() {
            return Some((
                self.path.clone(),
                "a mapping key must be plain text, not a list or mapping".into(),
            ));
        }
        let is_seq_item = enter_value(&mut self.stack, &mut self.path);
        self.record(is_seq_item, pos);
        if let Some(over) = self.over_ceiling(is_seq_item) {
            return Some(over);
        }
        if self.stack.len() >= MAX_DEPTH {
            return Some((
                String::new(),
                format!("nesting deeper than {MAX_DEPTH} levels: a chain model never needs this"),
            ));
        }
        let path_len = self.path.len();
        self.stack.push(if map {
            Frame::Map {
                path_len,
                awaiting_value: false,
                keys: self.spare_keys.pop().unwrap_or_default(),
            }
        } else {
            Frame::Seq { path_len, index: 0 }
        });
        None
    }

    fn end(&mut self) {
        self.expansion.end();
        if let Some(Frame::Map { mut keys, .. }) = self.stack.pop() {
            keys.clear();
            self.spare_keys.push(keys);
        }
        leave_value(&mut self.stack);
    }
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
