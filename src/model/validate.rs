//! Semantic checks on a parsed file: ids, references, numbers, dates, sources.
//!
//! Every check runs; problems carry the path of the offending node and are given positions
//! afterwards by the loader. Paths are formatted only when a problem is found.

use std::collections::{HashMap, HashSet};

use super::date::Date;
use super::problem::{Problem, did_you_mean};
use super::schema::{Amount, ChainFile, Figure, SCHEMA_VERSION};
use crate::text;

/// Most "did you mean" suggestions one check computes: each walks every id of its kind, and a
/// file full of unknown references would otherwise take time quadratic in its size.
const MAX_HINTS: usize = 200;

/// Percent shares may exceed 100 by this much before it is an error (published figures round).
const SHARE_ROUNDING: f64 = 0.5;

pub fn validate(file: &ChainFile) -> Vec<Problem> {
    let mut v = Validator::new(file);
    v.run(file);
    v.problems
}

struct Validator<'a> {
    problems: Vec<Problem>,
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
    owners: HashMap<&'a str, Owner>,
}

/// The entity that holds an id, by position in the file.
#[derive(Clone, Copy)]
enum Owner {
    Source,
    Stage(usize),
    Firm(usize),
    Facility(usize, usize),
}

impl Owner {
    fn kind(self) -> &'static str {
        match self {
            Owner::Source => "source",
            Owner::Stage(_) => "stage",
            Owner::Firm(_) => "firm",
            Owner::Facility(..) => "facility",
        }
    }

    /// Where the id is written: the value of `id`, or a source's key.
    fn path(self, id: &str) -> String {
        match self {
            Owner::Source => format!("sources.{id}#key"),
            Owner::Stage(i) => format!("stages[{i}].id"),
            Owner::Firm(i) => format!("firms[{i}].id"),
            Owner::Facility(i, j) => format!("firms[{i}].facilities[{j}].id"),
        }
    }
}

impl<'a> Validator<'a> {
    fn new(file: &'a ChainFile) -> Self {
        Validator {
            problems: Vec::new(),
            sources: file.sources.keys().map(String::as_str).collect(),
            countries: file.countries.keys().map(String::as_str).collect(),
            elements: HashSet::new(),
            stages: HashSet::new(),
            firms: HashSet::new(),
            facilities: HashSet::new(),
            file,
            hints_left: MAX_HINTS,
            owners: HashMap::new(),
        }
    }

    /// Records `owner` as the holder of `id`; a second holder is an error that names the first.
    fn claim(&mut self, id: &'a str, owner: Owner) {
        let Some(&first) = self.owners.get(id) else {
            self.owners.insert(id, owner);
            return;
        };
        let shown = text::quote(id);
        let message = if first.kind() == owner.kind() {
            format!(
                "duplicate {} id `{shown}`, first used at {}",
                owner.kind(),
                Problem::FIRST_PLACE
            )
        } else {
            format!(
                "id `{shown}` is already used by the {} at {}: firm, facility, stage and source ids must all differ",
                first.kind(),
                Problem::FIRST_PLACE
            )
        };
        let here = owner.path(id);
        let mut problem = Problem::error(here.strip_suffix("#key").unwrap_or(&here), message);
        problem.on_key = here.ends_with("#key");
        problem.first_place = Some(first.path(id));
        self.problems.push(problem);
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

        for (id, source) in &file.sources {
            self.claim(id, Owner::Source);
            let path = || format!("sources.{id}");
            if !is_id(id) {
                self.problems
                    .push(Problem::error(path(), bad_id(id)).on_key());
            }
            self.required_text_with(|| format!("{}.publisher", path()), &source.publisher);
            self.required_text_with(|| format!("{}.title", path()), &source.title);
            self.year(|| format!("{}.year", path()), source.year);
            if let Some(url) = &source.url
                && !(url.starts_with("https://") || url.starts_with("http://"))
            {
                self.error(
                    format!("{}.url", path()),
                    format!("`{url}` is not an http(s) URL"),
                );
            }
            if let Some(accessed) = &source.accessed {
                self.date(&format!("{}.accessed", path()), &accessed.0);
            }
        }

        for (code, name) in &file.countries {
            let valid = code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase());
            if !valid {
                self.problems.push(
                    Problem::error(
                        format!("countries.{code}"),
                        format!(
                            "country code `{code}` is not two capital letters (ISO 3166 alpha-2)"
                        ),
                    )
                    .on_key(),
                );
            }
            if text::is_blank(name) {
                self.problems.push(Problem::warning(
                    format!("countries.{code}"),
                    format!("country `{code}` has no name; its code will be shown"),
                ));
            }
        }

        let mut numbers = HashSet::new();
        for (i, element) in file.elements.iter().enumerate() {
            let path = || format!("elements[{i}]");
            let symbol = element.symbol.as_str();
            let shaped = matches!(symbol.len(), 1 | 2)
                && symbol
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_uppercase())
                && symbol.chars().skip(1).all(|c| c.is_ascii_lowercase());
            if !shaped {
                self.error(
                    format!("{}.symbol", path()),
                    format!("`{symbol}` is not an element symbol (like `Nd` or `Y`)"),
                );
            } else if !self.elements.insert(symbol) {
                self.error(
                    format!("{}.symbol", path()),
                    format!("duplicate element `{symbol}`"),
                );
            }
            if !(1..=118).contains(&element.number) || !numbers.insert(element.number) {
                self.error(
                    format!("{}.number", path()),
                    format!(
                        "atomic number {} is out of range or repeated",
                        element.number
                    ),
                );
            }
            self.required_text_with(|| format!("{}.name", path()), &element.name);
        }

        for (i, stage) in file.stages.iter().enumerate() {
            self.id(|| format!("stages[{i}].id"), &stage.id);
            self.stages.insert(&stage.id);
            self.claim(&stage.id, Owner::Stage(i));
            self.required_text_with(|| format!("stages[{i}].name"), &stage.name);
        }
        for (i, stage) in file.stages.iter().enumerate() {
            for (k, input) in stage.inputs.iter().flatten().enumerate() {
                let path = || format!("stages[{i}].inputs[{k}]");
                if input == &stage.id {
                    self.error(path(), format!("stage `{input}` cannot be its own input"));
                } else {
                    self.reference(path, "stage", input, Kind::Stage);
                }
            }
            for (j, block) in stage.shares.iter().enumerate() {
                self.share_block(i, j, block);
            }
        }

        for (i, firm) in file.firms.iter().enumerate() {
            let path = || format!("firms[{i}]");
            self.id(|| format!("{}.id", path()), &firm.id);
            self.firms.insert(&firm.id);
            self.claim(&firm.id, Owner::Firm(i));
            for (j, facility) in firm.facilities.iter().enumerate() {
                self.id(|| format!("firms[{i}].facilities[{j}].id"), &facility.id);
                self.facilities.insert(&facility.id);
                self.claim(&facility.id, Owner::Facility(i, j));
            }
        }
        for (i, firm) in file.firms.iter().enumerate() {
            let path = || format!("firms[{i}]");
            self.required_text_with(|| format!("{}.name", path()), &firm.name);
            self.required_text_with(|| format!("{}.summary", path()), &firm.summary);
            for (k, alias) in firm.aliases.iter().enumerate() {
                self.required_text_with(|| format!("{}.aliases[{k}]", path()), alias);
            }
            self.reference(
                || format!("{}.hq", path()),
                "country",
                &firm.hq,
                Kind::Country,
            );
            for (k, source) in firm.sources.iter().enumerate() {
                self.reference(
                    || format!("{}.sources[{k}]", path()),
                    "source",
                    source,
                    Kind::Source,
                );
            }
            for (j, facility) in firm.facilities.iter().enumerate() {
                let fpath = || format!("firms[{i}].facilities[{j}]");
                self.required_text_with(|| format!("{}.name", fpath()), &facility.name);
                self.reference(
                    || format!("{}.country", fpath()),
                    "country",
                    &facility.country,
                    Kind::Country,
                );
                if facility.stages.is_empty() {
                    self.error(
                        format!("{}.stages", fpath()),
                        "a facility needs at least one stage".into(),
                    );
                }
                for (k, stage) in facility.stages.iter().enumerate() {
                    self.reference(
                        || format!("{}.stages[{k}]", fpath()),
                        "stage",
                        stage,
                        Kind::Stage,
                    );
                }
                if let Some(capacity) = &facility.capacity {
                    self.figure(|| format!("{}.capacity", fpath()), capacity);
                }
                for (k, figure) in facility.figures.iter().enumerate() {
                    self.figure(|| format!("{}.figures[{k}]", fpath()), figure);
                }
            }
        }

        for (i, link) in file.links.iter().enumerate() {
            let path = || format!("links[{i}]");
            self.reference(
                || format!("{}.from", path()),
                "firm or facility",
                &link.from,
                Kind::Party,
            );
            self.reference(
                || format!("{}.to", path()),
                "firm or facility",
                &link.to,
                Kind::Party,
            );
            if link.from == link.to {
                self.error(
                    format!("{}.to", path()),
                    format!("a link from `{}` to itself", link.to),
                );
            }
            self.source(|| format!("{}.source", path()), link.source.as_deref());
            if let Some(date) = &link.date {
                self.date(&format!("{}.date", path()), &date.0);
            }
            if let Some(amount) = &link.amount {
                self.amount(|| format!("{}.amount", path()), amount);
            }
        }

        for (i, event) in file.events.iter().enumerate() {
            let path = || format!("events[{i}]");
            self.date(&format!("{}.date", path()), &event.date.0);
            self.required_text_with(|| format!("{}.title", path()), &event.title);
            for (k, party) in event.parties.iter().enumerate() {
                self.reference(
                    || format!("{}.parties[{k}]", path()),
                    "firm or facility",
                    party,
                    Kind::Party,
                );
            }
            for (k, country) in event.countries.iter().enumerate() {
                self.reference(
                    || format!("{}.countries[{k}]", path()),
                    "country",
                    country,
                    Kind::Country,
                );
            }
            for (k, element) in event.elements.iter().enumerate() {
                self.reference(
                    || format!("{}.elements[{k}]", path()),
                    "element",
                    element,
                    Kind::Element,
                );
            }
            self.source(|| format!("{}.source", path()), event.source.as_deref());
            for (k, source) in event.see_also.iter().enumerate() {
                self.reference(
                    || format!("{}.see_also[{k}]", path()),
                    "source",
                    source,
                    Kind::Source,
                );
            }
            if let Some(amount) = &event.amount {
                self.amount(|| format!("{}.amount", path()), amount);
            }
        }
    }

    fn share_block(&mut self, i: usize, j: usize, block: &super::schema::ShareBlock) {
        let path = || format!("stages[{i}].shares[{j}]");
        self.required_text_with(|| format!("{}.metric", path()), &block.metric);
        self.source(|| format!("{}.source", path()), block.source.as_deref());
        self.year(|| format!("{}.year", path()), block.year);
        let mut sum = 0.0;
        for (code, &value) in &block.countries {
            let vpath = || format!("{}.countries.{code}", path());
            if !self.countries.contains(code.as_str()) {
                let file = self.file;
                let hint = self.hint(code, file.countries.keys().map(String::as_str));
                self.problems.push(
                    Problem::error(vpath(), format!("unknown country `{code}`{hint}")).on_key(),
                );
            }
            if self.number(vpath, value) {
                sum += value;
            }
        }
        match (&block.unit, block.total) {
            (None, None) => {
                if sum > 100.0 + SHARE_ROUNDING {
                    self.error(
                        format!("{}.countries", path()),
                        format!("shares add up to {sum:.1}%, over 100%"),
                    );
                }
            }
            (None, Some(_)) => self.error(
                format!("{}.total", path()),
                "`total` needs a `unit`: without one, values are percent".into(),
            ),
            (Some(unit), None) => self.error(
                format!("{}.unit", path()),
                format!("values in `{unit}` need the world `total` they are shares of"),
            ),
            (Some(unit), Some(total)) => {
                if self.number(|| format!("{}.total", path()), total) {
                    if total == 0.0 {
                        self.error(
                            format!("{}.total", path()),
                            "the world total is zero".into(),
                        );
                    } else if sum > total + rounding_allowance(total) {
                        self.error(
                            format!("{}.countries", path()),
                            format!(
                                "countries add up to {sum} {unit}, more than the total {total} ({:.1}%)",
                                sum / total * 100.0
                            ),
                        );
                    }
                }
            }
        }
    }

    fn figure(&mut self, path: impl Fn() -> String, figure: &Figure) {
        let value_ok = self.number(|| format!("{}.value", path()), figure.value);
        if let Some(max) = figure.max
            && self.number(|| format!("{}.max", path()), max)
            && value_ok
            && max < figure.value
        {
            self.error(
                format!("{}.max", path()),
                format!(
                    "range upper end {max} is below its lower end {}",
                    figure.value
                ),
            );
        }
        self.required_text_with(|| format!("{}.unit", path()), &figure.unit);
        self.year(|| format!("{}.year", path()), figure.year);
        self.source(|| format!("{}.source", path()), figure.source.as_deref());
    }

    fn amount(&mut self, path: impl Fn() -> String, amount: &Amount) {
        self.number(|| format!("{}.value", path()), amount.value);
        let c = &amount.currency;
        if !(c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase())) {
            self.error(
                format!("{}.currency", path()),
                format!("`{c}` is not a currency code (three capitals, like USD)"),
            );
        }
    }

    /// A figure must name its source, and the source must exist.
    fn source(&mut self, path: impl Fn() -> String, source: Option<&str>) {
        match source {
            None => self.error(
                path(),
                "no source: every figure and fact names one of `sources`".into(),
            ),
            Some(id) => self.reference(path, "source", id, Kind::Source),
        }
    }

    fn reference(&mut self, path: impl Fn() -> String, what: &str, id: &str, kind: Kind) {
        let known = match kind {
            Kind::Source => self.sources.contains(id),
            Kind::Country => self.countries.contains(id),
            Kind::Element => self.elements.contains(id),
            Kind::Stage => self.stages.contains(id),
            Kind::Party => self.firms.contains(id) || self.facilities.contains(id),
        };
        if known {
            return;
        }
        let file = self.file;
        let hint = match kind {
            Kind::Source => self.hint(id, file.sources.keys().map(String::as_str)),
            Kind::Country => self.hint(id, file.countries.keys().map(String::as_str)),
            Kind::Element => self.hint(id, file.elements.iter().map(|e| e.symbol.as_str())),
            Kind::Stage => self.hint(id, file.stages.iter().map(|s| s.id.as_str())),
            Kind::Party => self.hint(
                id,
                file.firms.iter().flat_map(|f| {
                    std::iter::once(f.id.as_str()).chain(f.facilities.iter().map(|x| x.id.as_str()))
                }),
            ),
        };
        self.error(path(), format!("unknown {what} `{id}`{hint}"));
    }

    /// Returns whether the number is usable (finite and not negative).
    fn number(&mut self, path: impl Fn() -> String, value: f64) -> bool {
        if !value.is_finite() {
            self.error(path(), format!("{value} is not a finite number"));
            false
        } else if value < 0.0 {
            self.error(path(), format!("{value} is negative"));
            false
        } else {
            true
        }
    }

    fn year(&mut self, path: impl Fn() -> String, year: Option<u16>) {
        if let Some(y) = year
            && !(1800..=2100).contains(&y)
        {
            self.error(path(), format!("year {y} is outside 1800–2100"));
        }
    }

    fn date(&mut self, path: &str, text: &str) {
        if let Err(message) = text.parse::<Date>() {
            self.error(path.to_owned(), message);
        }
    }

    fn id(&mut self, path: impl Fn() -> String, id: &str) {
        if !is_id(id) {
            self.error(path(), bad_id(id));
        }
    }

    fn required_text_with(&mut self, path: impl Fn() -> String, value: &str) {
        if text::is_blank(value) {
            let message = if value.is_empty() || value.trim().is_empty() {
                "must not be empty"
            } else {
                "must not be empty (it holds only invisible characters)"
            };
            self.error(path(), message.into());
        }
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Source,
    Country,
    Element,
    Stage,
    Party,
}

/// How far listed quantities may exceed a world total that the source rounded: half the total's
/// last significant place (USGS rounds 392,850 t to 390,000 t), and never less than 0.5%.
fn rounding_allowance(total: f64) -> f64 {
    let mut place: f64 = 1.0;
    if total.fract() == 0.0 && (1.0..1e18).contains(&total) {
        let mut digits = total as u64;
        while digits.is_multiple_of(10) {
            digits /= 10;
            place *= 10.0;
        }
    }
    (place / 2.0).max(total * SHARE_ROUNDING / 100.0)
}

fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.')
        })
}

fn bad_id(id: &str) -> String {
    format!("id `{id}` must be lowercase letters, digits, `-`, `_` or `.` (no spaces)")
}
