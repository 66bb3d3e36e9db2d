//! One pass over the YAML event stream with positions.
//!
//! serde gives no positions for values once deserialized, so this pass supplies them: the line
//! and column of each entity (for the editor and the cards) and of any path validation asks
//! about. It also catches what serde reports badly or not at all: duplicate keys, runaway
//! nesting, several documents, and control characters in any string.

use std::collections::{HashMap, HashSet};

use std::borrow::Cow;

use saphyr_parser::{Event, Parser, Span};

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
            Event::Alias(_) => {
                // An alias stands for a value; serde_yaml expands it (and refuses bombs).
                let is_seq_item = enter_value(&mut stack, &mut path);
                if wanted.wants(&path, stack.len(), is_seq_item) {
                    out.positions.insert(path.clone(), pos);
                }
                leave_value(&mut stack);
            }
            Event::Scalar(value, _, _, _) => {
                if let Some(message) = unsafe_text(&value) {
                    out.problems.push(ScanProblem {
                        pos,
                        path: path.clone(),
                        message,
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
            Event::MappingStart(..) | Event::SequenceStart(..) => {
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

/// Characters that would act on the terminal rather than print: C0/C1 controls (but tab and
/// newline) and the bidirectional overrides that reorder what a reader sees.
pub fn is_unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn unsafe_text(value: &str) -> Option<String> {
    // Printable ASCII is by far the common case and needs no decoding.
    if value.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return None;
    }
    let bad = value.chars().find(|&c| is_unsafe_char(c))?;
    Some(format!(
        "text contains the control character U+{:04X}; it would act on the terminal (remove it)",
        bad as u32
    ))
}
