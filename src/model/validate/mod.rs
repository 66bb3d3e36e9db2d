//! Semantic checks on a parsed file: ids, references, numbers, dates, sources.
//!
//! Every check runs; problems carry the path of the offending node and are given positions
//! afterwards by the loader. Paths are formatted only when a problem is found.

mod audit;
mod checks;
mod entities;
mod facts;
mod ids;
mod owners;
mod quantities;

use std::collections::{HashMap, HashSet};

use super::problem::{Problem, did_you_mean};
use super::schema::{ChainFile, SCHEMA_VERSION};
pub use audit::audit;
pub use facts::RARE_EARTH_STAGES;
use ids::IdHolder;

/// Most "did you mean" suggestions one check computes: each walks every id of its kind, and a
/// file full of unknown references would otherwise take time quadratic in its size.
const MAX_HINTS: usize = 200;

/// Percent shares may exceed 100 by this much before it is an error (published figures round).
const SHARE_ROUNDING: f64 = 0.5;

/// Most problems one validation lists: a file with millions of bad entries is reported in
/// seconds and in little memory, and nobody reads past the first thousand.
pub const MAX_PROBLEMS: usize = 1_000;

pub fn validate(file: &ChainFile) -> Vec<Problem> {
    let mut v = Validator::new(file);
    v.run(file);
    v.problems.finish()
}

/// The problems found, the first [`MAX_PROBLEMS`] kept and the rest only counted.
#[derive(Default)]
struct Found {
    kept: Vec<Problem>,
    more: usize,
}

impl Found {
    fn push(&mut self, problem: Problem) {
        if self.kept.len() < MAX_PROBLEMS {
            self.kept.push(problem);
        } else {
            self.more += 1;
        }
    }

    fn finish(mut self) -> Vec<Problem> {
        if self.more > 0 {
            self.kept.push(Problem::error(
                "",
                format!(
                    "{} more problems are not listed; fix the ones above first",
                    self.more
                ),
            ));
        }
        self.kept
    }
}

struct Validator<'a> {
    problems: Found,
    sources: HashSet<&'a str>,
    countries: HashSet<&'a str>,
    elements: HashSet<&'a str>,
    stages: HashSet<&'a str>,
    /// Firm and facility ids share one namespace: links may name either.
    firms: HashSet<&'a str>,
    facilities: HashSet<&'a str>,
    file: &'a ChainFile,
    hints_left: usize,
    /// Who first used each firm, facility, stage and source id: they share one namespace.
    id_holders: HashMap<&'a str, IdHolder>,
}

/// The entity that holds an id, by position in the file.

#[derive(Clone, Copy)]
enum Kind {
    Source,
    Country,
    Element,
    Stage,
    Party,
}

impl<'a> Validator<'a> {
    fn new(file: &'a ChainFile) -> Self {
        Validator {
            problems: Found::default(),
            sources: file.sources.keys().map(String::as_str).collect(),
            countries: file.countries.keys().map(String::as_str).collect(),
            elements: HashSet::new(),
            stages: HashSet::new(),
            firms: HashSet::new(),
            facilities: HashSet::new(),
            file,
            hints_left: MAX_HINTS,
            id_holders: HashMap::new(),
        }
    }

    /// A suggestion for an unknown name, while the budget for suggestions lasts.
    fn hint<'c>(&mut self, wrong: &str, candidates: impl IntoIterator<Item = &'c str>) -> String {
        if self.hints_left == 0 {
            return String::new();
        }
        self.hints_left -= 1;
        did_you_mean(wrong, candidates)
    }

    fn error(&mut self, path: String, message: String) {
        self.problems.push(Problem::error(path, message));
    }

    fn run(&mut self, file: &'a ChainFile) {
        if file.version != SCHEMA_VERSION {
            self.error(
                "version".into(),
                format!(
                    "unknown version {}; this rechain reads version {SCHEMA_VERSION}",
                    file.version
                ),
            );
        }
        self.required_text_with(|| "meta.title".into(), &file.meta.title);
        self.date("meta.as_of", &file.meta.as_of.0);
        self.sources(file);
        self.countries(file);
        self.units(file);
        self.elements(file);
        self.stages(file);
        self.firms(file);
        self.links(file);
        self.events(file);
        self.demand(file);
        self.dated_facts(file);
    }
}
