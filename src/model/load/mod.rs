//! Read, parse and validate a model file. The only module that knows the YAML library.
//!
//! Every outcome is a `Model` or a list of problems, each with `file:line:col` where the file
//! has lines. Nothing here panics on input, and hostile input (huge files, deep nesting,
//! alias bombs) is refused before it costs more than a linear scan.

mod quick;

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::Model;
use super::limits;
use super::problem::Problem;
use super::scan::{self, Wanted};
use super::schema::{self, ChainFile};
use super::validate::validate;
use crate::text;
use quick::{parse_in_sections, quick_screen};

/// The model compiled into the binary.
pub const EMBEDDED_YAML: &str = include_str!("../../../chain.yaml");

/// Most characters refused by the text rule that one check lists.
const MAX_RAW_PROBLEMS: usize = 100;

/// Larger files are refused: a chain model is a few hundred kilobytes; 100k entities fit in 32.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Where a model came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Embedded,
    File(PathBuf),
}

impl Origin {
    /// The model a command uses: the file named, else `./chain.yaml` when it exists, else
    /// the embedded one.
    pub fn choose(explicit: Option<&Path>) -> Origin {
        match explicit {
            Some(path) => Origin::File(path.to_owned()),
            None if Path::new("chain.yaml").is_file() => Origin::File(PathBuf::from("chain.yaml")),
            None => Origin::Embedded,
        }
    }

    pub fn path(&self) -> Option<&Path> {
        match self {
            Origin::Embedded => None,
            Origin::File(p) => Some(p),
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Embedded => f.write_str("<embedded>"),
            Origin::File(p) => f.write_str(&text::inert(&p.display().to_string())),
        }
    }
}

#[derive(Debug, Clone)]
pub struct LoadError {
    /// True when the file could not be read at all (missing, a directory, too large); false
    /// when it was read and is not a valid model.
    pub unreadable: bool,
    /// Errors and warnings, in file order where they have positions.
    pub problems: Vec<Problem>,
}

impl LoadError {
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.is_error())
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

/// Loads the model from where `origin` says.
pub fn load(origin: &Origin) -> Result<Model, LoadError> {
    match origin {
        Origin::Embedded => load_text(EMBEDDED_YAML, Origin::Embedded),
        Origin::File(path) => load_shared(Arc::from(read(path)?), origin.clone()),
    }
}

/// Reads a model file as UTF-8 text, refusing what cannot be a model before parsing it: the
/// one function that reads a model file, for the CLI and the app alike. Anything but a regular
/// file (after following symlinks) is refused before it is opened, so a FIFO or a device never
/// blocks the reader.
pub fn read(path: &Path) -> Result<String, LoadError> {
    let name = text::inert(&path.display().to_string()).into_owned();
    let unreadable = |message: String| LoadError {
        unreadable: true,
        problems: vec![named(Problem::error("", message), &name)],
    };
    let meta = std::fs::metadata(path).map_err(|e| unreadable(io_message(&e)))?;
    if let Some(what) = not_a_regular_file(&meta) {
        return Err(unreadable(format!("is {what}, not a model file")));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(unreadable(too_large(meta.len())));
    }
    let file = std::fs::File::open(path).map_err(|e| unreadable(io_message(&e)))?;
    // The path may have been replaced between the two looks: check what was opened.
    let opened = file.metadata().map_err(|e| unreadable(io_message(&e)))?;
    if let Some(what) = not_a_regular_file(&opened) {
        return Err(unreadable(format!("is {what}, not a model file")));
    }
    if opened.len() > MAX_FILE_BYTES {
        return Err(unreadable(too_large(opened.len())));
    }
    let mut bytes = Vec::with_capacity(opened.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(io_message(&e)))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(unreadable(format!(
            "grew past the {} MiB limit while being read",
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count() as u32
            + 1;
        LoadError {
            unreadable: false,
            problems: vec![named(
                Problem::error("", "the file is not UTF-8 text (save it as UTF-8)")
                    .at(line, column),
                &name,
            )],
        }
    })
}

/// What the file is when it is not a regular file (`a directory`, `a named pipe (FIFO)`).
fn not_a_regular_file(meta: &std::fs::Metadata) -> Option<&'static str> {
    let kind = meta.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some("a device");
        }
    }
    Some("not a regular file")
}

fn too_large(len: u64) -> String {
    format!(
        "is {} MiB; model files are limited to {} MiB",
        len / (1024 * 1024),
        MAX_FILE_BYTES / (1024 * 1024)
    )
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => text::inert(&e.to_string()).into_owned(),
    }
}

fn named(mut p: Problem, file: &str) -> Problem {
    file.clone_into(&mut p.file);
    p
}

/// Parses and validates model text. Problems are named after `origin`.
pub fn load_text(text: &str, origin: Origin) -> Result<Model, LoadError> {
    load_shared(Arc::from(text), origin)
}

/// [`load_text`] for text the caller hands over: the model keeps it without a copy, so a
/// large file is never held twice while it is parsed.
pub fn load_shared(text: Arc<str>, origin: Origin) -> Result<Model, LoadError> {
    let shared = match text.strip_prefix('\u{feff}') {
        Some(rest) => Arc::from(rest),
        None => text,
    };
    let name = origin.to_string();
    let fail = |problems: Vec<Problem>| refused(problems, &name);
    let text: &str = &shared;
    if text.trim().is_empty() {
        return Err(fail(vec![
            Problem::error(
                "",
                "the file is empty; `rechain init FILE` writes a starter model",
            )
            .at(1, 1),
        ]));
    }

    // A valid file needs one typed parse and validation; positions are found only when there
    // are problems to place, or when an entity's line is asked for. A file that may be over a
    // ceiling goes straight to the scan, which refuses the first entry over it before any
    // parse of the whole.
    if quick_screen(text)
        && limits::fits_at_a_glance(text)
        && let Some(file) = parse_in_sections(text)
        && validate(&file).is_empty()
    {
        return Ok(Model::build(file, origin, shared.clone(), None, Vec::new()));
    }

    let (outline, mut problems) = outline(text).map_err(fail)?;
    let file = match parse_typed(text, &outline, &problems) {
        Ok(file) => file,
        Err(problem) => {
            problems.extend(problem);
            return Err(fail(problems));
        }
    };

    problems.extend(validate(&file));
    place(&mut problems, text, &outline.positions, &name);

    if problems.iter().any(Problem::is_error) {
        return Err(fail(problems));
    }
    let mut warnings = problems;
    for w in &mut warnings {
        w.file.clone_from(&name);
        w.make_inert();
    }
    Ok(Model::build(
        file,
        origin,
        shared.clone(),
        Some(outline.positions),
        warnings,
    ))
}

/// The scan's outline of the text (paths and their positions) and its problems, or the
/// problems that stop the load before the typed parse.
fn outline(text: &str) -> Result<(scan::Scan, Vec<Problem>), Vec<Problem>> {
    // Characters both YAML readers must never see differently, or that would act on a
    // terminal in a comment or a value, are reported where they are before anything parses.
    let raw = scan::raw_problems(text, MAX_RAW_PROBLEMS);
    if !raw.is_empty() {
        return Err(raw
            .into_iter()
            .map(|s| Problem::error(s.path, s.message).at(s.pos.line, s.pos.column))
            .collect());
    }

    // The scan goes first: it stops hostile input (deep nesting, several documents) early.
    let no_extra = HashSet::new();
    let outline = scan::scan(text, &Wanted { extra: &no_extra });
    let problems: Vec<Problem> = outline
        .problems
        .iter()
        .map(|s| Problem::error(s.path.clone(), s.message.clone()).at(s.pos.line, s.pos.column))
        .collect();
    if outline.fatal {
        return Err(problems);
    }
    if outline.positions.is_empty() {
        return Err(vec![
            Problem::error(
                "",
                "the file has no content, only comments; `rechain init FILE` writes a starter model",
            )
            .at(1, 1),
        ]);
    }
    Ok((outline, problems))
}

/// A refused load: problems named after the file, made safe to print, in file order.
fn refused(mut problems: Vec<Problem>, name: &str) -> LoadError {
    for p in &mut problems {
        name.clone_into(&mut p.file);
        p.make_inert();
    }
    problems.sort_by_key(|p| (p.line.unwrap_or(0), p.column.unwrap_or(0)));
    LoadError {
        unreadable: false,
        problems,
    }
}

/// The file as its types, or the YAML library's complaint placed where it is (none when a
/// duplicate key the scan reported already explains it).
fn parse_typed(
    text: &str,
    outline: &scan::Scan,
    problems: &[Problem],
) -> Result<ChainFile, Option<Problem>> {
    let parsed =
        schema::with_duplicates_reported_elsewhere(|| serde_yaml::from_str::<ChainFile>(text));
    let e = match parsed {
        Ok(file) => return Ok(file),
        Err(e) => e,
    };
    let duplicate_reported = problems
        .iter()
        .any(|p| p.message.starts_with("duplicate key"));
    let message = e.to_string();
    if duplicate_reported && message.contains("duplicate") {
        return Err(None);
    }
    let mut problem = serde_problem(&e, text);
    if problem.line.is_none() {
        // The YAML library gave no place: use the node's, or the nearest
        // enclosing one's, or the top of the file.
        let known = |path: &str| outline.positions.get(path).copied();
        let pos = known(&problem.path)
            .or_else(|| nearest_ancestor(&problem.path, &known))
            .unwrap_or(scan::Pos { line: 1, column: 1 });
        problem = problem.at(pos.line, pos.column);
    }
    Err(Some(problem))
}

/// Gives each problem without a position its node's (or nearest ancestor's), scanning again
/// for paths the outline did not record, and names the place an id was first used.
fn place(problems: &mut [Problem], text: &str, positions: &HashMap<String, scan::Pos>, name: &str) {
    // Positions the outline did not record, and their ancestors for fields that are missing.
    let mut unplaced: HashSet<String> = HashSet::new();
    for p in problems
        .iter()
        .filter(|p| p.line.is_none() && !p.path.is_empty())
    {
        let wanted = p.lookup_path();
        if let Some(alias) = single_capacity(&wanted) {
            unplaced.insert(alias);
        }
        if !positions.contains_key(&wanted) {
            let mut path = wanted.strip_suffix("#key").unwrap_or(&wanted);
            while let Some(cut) = path.rfind(['.', '[']) {
                path = &path[..cut];
                unplaced.insert(path.to_owned());
            }
            unplaced.insert(wanted);
        }
    }
    for first in problems.iter().filter_map(|p| p.first_place.as_ref()) {
        if !positions.contains_key(first) {
            unplaced.insert(first.clone());
        }
    }
    let detail = if unplaced.is_empty() {
        None
    } else {
        Some(scan::scan(text, &Wanted { extra: &unplaced }).positions)
    };
    let known = |path: &str| {
        positions
            .get(path)
            .or_else(|| detail.as_ref().and_then(|d| d.get(path)))
            .copied()
    };
    for p in problems
        .iter_mut()
        .filter(|p| p.line.is_none() && !p.path.is_empty())
    {
        let wanted = p.lookup_path();
        let alias = || single_capacity(&wanted).and_then(|a| known(&a));
        if let Some(pos) = known(&wanted)
            .or_else(alias)
            .or_else(|| nearest_ancestor(&wanted, &known))
        {
            p.line = Some(pos.line);
            p.column = Some(pos.column);
        }
    }

    for p in problems.iter_mut() {
        let Some(first) = p.first_place.take() else {
            continue;
        };
        let place = match known(&first) {
            Some(pos) => format!("{name}:{}:{}", pos.line, pos.column),
            None => "an earlier entry".to_owned(),
        };
        if let Some(cut) = p.message.rfind(Problem::FIRST_PLACE) {
            p.message
                .replace_range(cut..cut + Problem::FIRST_PLACE.len(), &place);
        }
    }
}

/// The path of a first capacity as older files write it, one mapping with no list around it
/// (`….capacity[0].unit` -> `….capacity.unit`).
pub(crate) fn single_capacity(path: &str) -> Option<String> {
    path.contains(".capacity[0]")
        .then(|| path.replacen(".capacity[0]", ".capacity", 1))
}

/// The closest enclosing node that has a known position (`firms[3].hq` -> `firms[3]`).
fn nearest_ancestor(path: &str, known: &impl Fn(&str) -> Option<scan::Pos>) -> Option<scan::Pos> {
    let mut path = path.strip_suffix("#key").unwrap_or(path);
    while let Some(cut) = path.rfind(['.', '[']) {
        path = &path[..cut];
        if let Some(pos) = known(path) {
            return Some(pos);
        }
    }
    None
}

/// A parse or type error from the YAML library, in our words and with our path.
fn serde_problem(e: &serde_yaml::Error, text: &str) -> Problem {
    let mut message = e.to_string();
    if let Some(cut) = message.find(" at line ") {
        message.truncate(cut);
    }
    let mut path = String::new();
    if let Some((head, rest)) = message.split_once(": ")
        && !head.contains(' ')
        && !head.is_empty()
    {
        let (head, rest) = (head.to_owned(), rest.to_owned());
        (path, message) = (head, rest);
    }
    if message.contains("expected struct ChainFile") {
        let found = text.trim_start().chars().next();
        let what = if found == Some('-') || found == Some('[') {
            "a list"
        } else {
            "a single value"
        };
        message = format!(
            "the top level must be a mapping with `version`, `meta`, `stages`, …; found {what}"
        );
    } else if message.contains("repetition limit exceeded") {
        message = scan::ALIAS_BOMB.into();
    } else if message.contains("recursion limit exceeded") {
        message =
            "nesting deeper than the YAML reader allows: a chain model never needs this".into();
    } else if message.contains("missing field `version`") {
        message = "no `version`: a chain model starts with `version: 1`".into();
    }
    let problem = Problem::error(path, message);
    match e.location() {
        Some(loc) => problem.at(loc.line() as u32, loc.column() as u32),
        None => problem,
    }
}

/// The file types as YAML text, for `export` and round trips.
pub fn to_yaml(file: &ChainFile) -> String {
    serde_yaml::to_string(file).unwrap_or_else(|e| format!("# export failed: {e}\n"))
}
