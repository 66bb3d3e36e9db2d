//! Semantic checks on a parsed file: ids, references, numbers, dates, sources.
//!
//! Every check runs; problems carry the path of the offending node and are given positions
//! afterwards by the loader. Paths are formatted only when a problem is found.

use std::collections::{HashMap, HashSet};

use super::date::Date;
use super::problem::{Problem, did_you_mean};
use super::product::{self, FORMS, GROUPS, MAGNET_FAMILIES};
use super::schema::{
    Amount, ChainFile, Element, Facility, Figure, Owner, SCHEMA_VERSION, Source, SourceKind, Status,
};
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
    id_holders: HashMap<&'a str, IdHolder>,
}

/// The entity that holds an id, by position in the file.
#[derive(Clone, Copy)]
enum IdHolder {
    Source,
    Stage(usize),
    Firm(usize),
    Facility(usize, usize),
    Event(usize),
}

impl IdHolder {
    fn kind(self) -> &'static str {
        match self {
            IdHolder::Source => "source",
            IdHolder::Stage(_) => "stage",
            IdHolder::Firm(_) => "firm",
            IdHolder::Facility(..) => "facility",
            IdHolder::Event(_) => "event",
        }
    }

    /// Where the id is written: the value of `id`, or a source's key.
    fn path(self, id: &str) -> String {
        match self {
            IdHolder::Source => format!("sources.{id}#key"),
            IdHolder::Stage(i) => format!("stages[{i}].id"),
            IdHolder::Firm(i) => format!("firms[{i}].id"),
            IdHolder::Facility(i, j) => format!("firms[{i}].facilities[{j}].id"),
            IdHolder::Event(i) => format!("events[{i}].id"),
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
            id_holders: HashMap::new(),
        }
    }

    /// Records `owner` as the holder of `id`; a second holder is an error that names the first.
    fn claim(&mut self, id: &'a str, owner: IdHolder) {
        let Some(&first) = self.id_holders.get(id) else {
            self.id_holders.insert(id, owner);
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
                "id `{shown}` is already used by the {} at {}: firm, facility, stage, source and event ids must all differ",
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
            self.claim(id, IdHolder::Source);
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
            self.claim(&stage.id, IdHolder::Stage(i));
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
            self.claim(&firm.id, IdHolder::Firm(i));
            for (j, facility) in firm.facilities.iter().enumerate() {
                self.id(|| format!("firms[{i}].facilities[{j}].id"), &facility.id);
                self.facilities.insert(&facility.id);
                self.claim(&facility.id, IdHolder::Facility(i, j));
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
            if let Some(id) = &event.id {
                self.claim(id, IdHolder::Event(i));
                self.id(|| format!("{}.id", path()), id);
            }
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

        self.dated_facts(file);
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

/// Stages whose facilities make rare-earth products; one that lists none must say why.
pub const RARE_EARTH_STAGES: [&str; 3] = ["separation", "metal-alloy", "magnets"];

/// Provenance, element conventions, products, lifecycles, output and ownership.
impl<'a> Validator<'a> {
    fn dated_facts(&mut self, file: &'a ChainFile) {
        for (id, source) in &file.sources {
            self.provenance(id, source);
        }
        for (i, element) in file.elements.iter().enumerate() {
            self.conventions(i, element);
        }
        let symbols: Vec<&str> = file.elements.iter().map(|e| e.symbol.as_str()).collect();
        for (i, firm) in file.firms.iter().enumerate() {
            let firm_path = || format!("firms[{i}]");
            self.owners(&firm_path, Some(&firm.id), &firm.owners);
            for (j, facility) in firm.facilities.iter().enumerate() {
                let path = || format!("firms[{i}].facilities[{j}]");
                self.products(&path, facility, &symbols);
                self.lifecycle(&path, facility);
                self.nameplate_and_output(&path, facility);
                self.owners(&path, None, &facility.owners);
            }
        }
    }

    fn provenance(&mut self, id: &str, source: &Source) {
        let path = |field: &str| format!("sources.{id}.{field}");
        if let Some(date) = &source.date {
            match date.0.parse::<Date>() {
                Err(message) => self.error(path("date"), message),
                Ok(date) => {
                    if let Some(year) = source.year
                        && year != date.year
                    {
                        self.error(
                            path("date"),
                            format!("date {date} and year {year} disagree"),
                        );
                    }
                }
            }
        }
        let secondary = source.kind == Some(SourceKind::Secondary);
        if let Some(quotes) = &source.quotes {
            if !secondary {
                self.error(
                    path("quotes"),
                    "`quotes` is for secondary sources: add `kind: secondary`".into(),
                );
            }
            self.required_text_with(|| path("quotes"), quotes);
        }
        if let Some(primary) = &source.primary {
            if !secondary {
                self.error(
                    path("primary"),
                    "`primary` is for secondary sources: add `kind: secondary`".into(),
                );
            }
            if primary == id {
                self.error(path("primary"), "a source cannot be its own primary".into());
            } else if let Some(target) = self.file.sources.get(primary) {
                if target.kind == Some(SourceKind::Secondary) {
                    self.error(
                        path("primary"),
                        format!("`{primary}` is itself secondary; `primary` names the publisher's own document"),
                    );
                }
            } else {
                self.reference(|| path("primary"), "source", primary, Kind::Source);
            }
        }
    }

    fn conventions(&mut self, i: usize, element: &Element) {
        let tagged = element.usgs.is_some() || element.cn.is_some();
        match (element.group.is_some(), tagged) {
            (false, false) => self.error(
                format!("elements[{i}]"),
                format!(
                    "element `{}` needs its `usgs` and `cn` groups (or the older `group`)",
                    element.symbol
                ),
            ),
            (true, true) => self.error(
                format!("elements[{i}].group"),
                "`group` mixes with the `usgs` and `cn` tags, which group differently: drop `group`"
                    .into(),
            ),
            _ => {}
        }
        for (k, &number) in element.mofcom.iter().enumerate() {
            if number == 0 {
                self.error(
                    format!("elements[{i}].mofcom[{k}]"),
                    "an announcement number is 1 or more".into(),
                );
            }
        }
    }

    fn products(&mut self, path: &impl Fn() -> String, facility: &Facility, symbols: &[&str]) {
        for (k, text) in facility.products.iter().enumerate() {
            let Err(e) = product::parse(text, symbols) else {
                continue;
            };
            let hint = match e.misspelt() {
                Some((word, true)) => did_you_mean(word, FORMS),
                Some((word, false)) => did_you_mean(
                    word,
                    symbols
                        .iter()
                        .copied()
                        .chain(GROUPS)
                        .chain(MAGNET_FAMILIES.iter().map(|(name, _)| *name)),
                ),
                None => String::new(),
            };
            self.error(
                format!("{}.products[{k}]", path()),
                format!("{}{hint}", e.message(text)),
            );
        }
        if let Some(note) = &facility.products_note {
            self.required_text_with(|| format!("{}.products_note", path()), note);
        }
        let makes_rare_earths = facility
            .products
            .iter()
            .any(|p| product::parse(p, symbols).is_ok_and(|p| p.rare_earth));
        let parsed_all = facility
            .products
            .iter()
            .all(|p| product::parse(p, symbols).is_ok());
        if !facility.products.is_empty()
            && parsed_all
            && !makes_rare_earths
            && facility.products_note.is_none()
            && let Some(stage) = facility
                .stages
                .iter()
                .find(|s| RARE_EARTH_STAGES.contains(&s.as_str()))
        {
            self.error(
                format!("{}.products", path()),
                format!(
                    "`{}` is in the `{stage}` stage but none of its products is a rare earth; \
                     add `products_note` saying why",
                    facility.id
                ),
            );
        }
    }

    fn lifecycle(&mut self, path: &impl Fn() -> String, facility: &Facility) {
        match (facility.status.is_some(), facility.lifecycle.is_empty()) {
            (true, false) => self.error(
                format!("{}.status", path()),
                "give `status` or `lifecycle`, not both: the current status is the lifecycle's last entry that is not planned".into(),
            ),
            (false, true) => self.error(
                path(),
                format!(
                    "facility `{}` needs a `lifecycle` (or the older `status`)",
                    facility.id
                ),
            ),
            _ => {}
        }
        let mut previous: Option<Date> = None;
        for (k, entry) in facility.lifecycle.iter().enumerate() {
            let epath = || format!("{}.lifecycle[{k}]", path());
            match &entry.date {
                None => self.error(
                    epath(),
                    "a lifecycle entry needs a `date` (planned ones: the target date)".into(),
                ),
                Some(text) => match text.0.parse::<Date>() {
                    Err(message) => self.error(format!("{}.date", epath()), message),
                    Ok(date) => {
                        if let Some(before) = previous
                            && last_day(date) < first_day(before)
                        {
                            self.error(
                                format!("{}.date", epath()),
                                format!(
                                    "{date} is before the entry above it ({before}): list the lifecycle oldest first"
                                ),
                            );
                        }
                        previous = Some(date);
                    }
                },
            }
            self.source(|| format!("{}.source", epath()), entry.source.as_deref());
            if let Some(note) = &entry.note {
                self.required_text_with(|| format!("{}.note", epath()), note);
            }
        }
        if !facility.lifecycle.is_empty() && facility.lifecycle.iter().all(|e| e.planned) {
            self.error(
                format!("{}.lifecycle", path()),
                "every entry is `planned`: the lifecycle also needs the status the facility is in now (for instance `announced`, dated)".into(),
            );
        }
    }

    fn nameplate_and_output(&mut self, path: &impl Fn() -> String, facility: &Facility) {
        if let Some(why) = &facility.capacity_unknown {
            if facility.capacity.is_some() {
                self.error(
                    format!("{}.capacity_unknown", path()),
                    "give `capacity` or `capacity_unknown`, not both".into(),
                );
            }
            self.required_text_with(|| format!("{}.capacity_unknown", path()), why);
        }
        for (k, figure) in facility.output.iter().enumerate() {
            self.figure(|| format!("{}.output[{k}]", path()), figure);
        }
    }

    /// Owners of a firm (`own_id` is its id) or of a facility.
    fn owners(&mut self, path: &impl Fn() -> String, own_id: Option<&str>, owners: &[Owner]) {
        for (k, owner) in owners.iter().enumerate() {
            let opath = || format!("{}.owners[{k}]", path());
            let field = |name: &str| format!("{}.{name}", opath());
            let holders = [
                owner.firm.is_some(),
                owner.government.is_some(),
                owner.name.is_some(),
            ];
            match holders.iter().filter(|&&h| h).count() {
                1 => {}
                0 => self.error(
                    opath(),
                    "an owner needs one of `firm` (a firm id), `government` (a country code) or `name`".into(),
                ),
                _ => self.error(
                    opath(),
                    "an owner is one of `firm`, `government` or `name`, not several".into(),
                ),
            }
            if let Some(firm) = &owner.firm {
                if own_id == Some(firm.as_str()) {
                    self.error(field("firm"), format!("`{firm}` cannot own itself"));
                } else if !self.firms.contains(firm.as_str()) {
                    let hint = did_you_mean(firm, self.file.firms.iter().map(|f| f.id.as_str()));
                    self.error(field("firm"), format!("unknown firm `{firm}`{hint}"));
                }
            }
            if let Some(code) = &owner.government {
                self.reference(|| field("government"), "country", code, Kind::Country);
            }
            if let Some(name) = &owner.name {
                self.required_text_with(|| field("name"), name);
            }
            if let Some(code) = &owner.country {
                if owner.name.is_none() {
                    self.error(
                        field("country"),
                        "`country` goes with `name`: a firm has its `hq`, a government is its country".into(),
                    );
                } else {
                    self.reference(|| field("country"), "country", code, Kind::Country);
                }
            }
            match (owner.share, owner.control) {
                (Some(_), Some(_)) => self.error(
                    field("control"),
                    "give `share` or `control`, not both (`control` is for when the percentage is not public)".into(),
                ),
                (None, None) => self.error(
                    opath(),
                    "an owner needs `share` (percent) or `control` (controlling or minority)"
                        .into(),
                ),
                _ => {}
            }
            if let Some(share) = owner.share
                && self.number(|| field("share"), share)
                && share > 100.0
            {
                self.error(field("share"), format!("a share of {share}% is over 100%"));
            }
            match &owner.since {
                None => self.error(
                    opath(),
                    "an owner needs `since`: the date the holding held from".into(),
                ),
                Some(since) => self.date(&field("since"), &since.0),
            }
            self.source(|| field("source"), owner.source.as_deref());
            if let Some(note) = &owner.note {
                self.required_text_with(|| field("note"), note);
            }
        }
        let total: f64 = current_owners(owners)
            .filter_map(|o| o.share)
            .filter(|s| s.is_finite())
            .sum();
        if total > 100.0 + SHARE_ROUNDING {
            self.error(
                format!("{}.owners", path()),
                format!("current shares add up to {total:.1}%, over 100%"),
            );
        }
    }
}

/// Each holder's latest entry by `since` (the later listed on a tie).
fn current_owners(owners: &[Owner]) -> impl Iterator<Item = &Owner> {
    let since = |o: &Owner| o.since.as_ref().and_then(|d| d.0.parse::<Date>().ok());
    let holder = |o: &Owner| (o.firm.clone(), o.government.clone(), o.name.clone());
    owners.iter().enumerate().filter_map(move |(i, o)| {
        let superseded = owners.iter().enumerate().any(|(j, other)| {
            j != i
                && holder(other) == holder(o)
                && (since(other) > since(o) || (since(other) == since(o) && j > i))
        });
        (!superseded).then_some(o)
    })
}

/// The first day a partial date can mean, as (year, month, day).
fn first_day(date: Date) -> (u16, u8, u8) {
    (date.year, date.month.unwrap_or(1), date.day.unwrap_or(1))
}

/// The last day a partial date can mean, as (year, month, day).
fn last_day(date: Date) -> (u16, u8, u8) {
    let month = date.month.unwrap_or(12);
    (
        date.year,
        month,
        date.day.unwrap_or(Date::days_in_month(date.year, month)),
    )
}

/// Wording from how the model was compiled that must not reach what people read.
const INTERNAL_WORDING: [&str; 5] = [
    "seed-0",
    "seed 0",
    "quoted in seed",
    "fact sheet",
    "facts.md",
];

/// Sources accessed longer ago than this before `as_of` need checking again when they carry a
/// current figure.
const STALE_ACCESS_MONTHS: u16 = 18;

/// One place a source is cited.
struct Citation<'a> {
    path: String,
    source: &'a str,
    /// Whether the fact is current (a capacity, a current status) rather than history.
    current: bool,
}

/// Checks that keep a valid model true: they warn and never stop a load. `rechain check` runs
/// them; `--strict` counts them as errors. Assumes `validate` found no errors.
pub fn audit(file: &ChainFile) -> Vec<Problem> {
    let mut warnings = Vec::new();
    let Ok(as_of) = file.meta.as_of.0.parse::<Date>() else {
        return warnings;
    };
    let citations = citations(file);

    for c in &citations {
        if let Some(source) = file.sources.get(c.source)
            && source.kind == Some(SourceKind::Secondary)
            && let Some(primary) = &source.primary
        {
            warnings.push(Problem::warning(
                c.path.clone(),
                format!(
                    "cites `{}`, a secondary report of `{primary}`, which the model holds: cite `{primary}`",
                    c.source
                ),
            ));
        }
    }

    for (id, source) in &file.sources {
        let Some(accessed) = source
            .accessed
            .as_ref()
            .and_then(|d| d.0.parse::<Date>().ok())
        else {
            continue;
        };
        if !more_than_months_before(accessed, as_of, STALE_ACCESS_MONTHS) {
            continue;
        }
        let current: Vec<&str> = citations
            .iter()
            .filter(|c| c.current && c.source == id)
            .map(|c| c.path.as_str())
            .collect();
        if let Some(first) = current.first() {
            let more = match current.len() - 1 {
                0 => String::new(),
                n => format!(" and {n} more"),
            };
            warnings.push(Problem::warning(
                format!("sources.{id}.accessed"),
                format!(
                    "accessed {accessed}, more than {STALE_ACCESS_MONTHS} months before as_of {as_of}, \
                     yet the source of current figures ({first}{more}): check it again"
                ),
            ));
        }
    }

    for (i, firm) in file.firms.iter().enumerate() {
        for (j, facility) in firm.facilities.iter().enumerate() {
            let path = format!("firms[{i}].facilities[{j}]");
            stale_plan(&path, facility, as_of, &mut warnings);
            completeness(&path, facility, &mut warnings);
        }
    }

    for (path, text) in texts(file) {
        let lower = text.to_lowercase();
        if let Some(word) = INTERNAL_WORDING.iter().find(|w| lower.contains(*w)) {
            warnings.push(Problem::warning(
                path,
                format!(
                    "contains internal wording (`{word}`): name the real publisher, document or reason"
                ),
            ));
        }
    }
    warnings
}

/// A facility still in the pipeline whose target to start is more than a year before `as_of`.
fn stale_plan(path: &str, facility: &Facility, as_of: Date, warnings: &mut Vec<Problem>) {
    let Some(current) = facility.lifecycle.iter().rposition(|e| !e.planned) else {
        return;
    };
    let status = facility.lifecycle[current].status;
    if !status.is_pipeline() {
        return;
    }
    let target = facility.lifecycle.iter().enumerate().rev().find(|(_, e)| {
        e.planned
            && matches!(
                e.status,
                Status::Operating | Status::Ramping | Status::Commissioning
            )
    });
    let Some((k, entry)) = target else {
        return;
    };
    let Some(date) = entry.date.as_ref().and_then(|d| d.0.parse::<Date>().ok()) else {
        return;
    };
    let (y, m, d) = last_day(date);
    if (y + 1, m, d) < first_day(as_of) {
        warnings.push(Problem::warning(
            format!("{path}.lifecycle[{k}].date"),
            format!(
                "the target to be {} by {date} is more than a year before as_of {as_of}, \
                 and `{}` is still {}: record what happened or the new target",
                entry.status.as_str(),
                facility.id,
                status.as_str()
            ),
        ));
    }
}

/// What the model promises about every facility: rare-earth stages say what they make, and
/// built or building plants give a capacity or say why none is public.
fn completeness(path: &str, facility: &Facility, warnings: &mut Vec<Problem>) {
    if facility.products.is_empty()
        && let Some(stage) = facility
            .stages
            .iter()
            .find(|s| RARE_EARTH_STAGES.contains(&s.as_str()))
    {
        warnings.push(Problem::warning(
            format!("{path}.stages"),
            format!(
                "`{}` is in the `{stage}` stage but lists no `products`",
                facility.id
            ),
        ));
    }
    let status = match facility.lifecycle.iter().rev().find(|e| !e.planned) {
        Some(entry) => Some(entry.status),
        None => facility.status,
    };
    if let Some(status) = status
        && matches!(
            status,
            Status::Construction | Status::Commissioning | Status::Ramping | Status::Operating
        )
        && facility.capacity.is_none()
        && facility.capacity_unknown.is_none()
    {
        warnings.push(Problem::warning(
            path.to_owned(),
            format!(
                "`{}` ({}) has neither `capacity` nor `capacity_unknown` (why none is public)",
                facility.id,
                status.as_str()
            ),
        ));
    }
}

/// Every place the file cites a source for a fact.
fn citations(file: &ChainFile) -> Vec<Citation<'_>> {
    let mut out = Citations(Vec::new());
    for (i, stage) in file.stages.iter().enumerate() {
        for (j, block) in stage.shares.iter().enumerate() {
            let newest = !stage.shares.iter().any(|other| {
                other.metric == block.metric && other.year.unwrap_or(0) > block.year.unwrap_or(0)
            });
            out.cite(
                format!("stages[{i}].shares[{j}].source"),
                &block.source,
                newest,
            );
        }
    }
    for (i, firm) in file.firms.iter().enumerate() {
        out.owners(&format!("firms[{i}]"), &firm.owners);
        for (j, x) in firm.facilities.iter().enumerate() {
            let path = format!("firms[{i}].facilities[{j}]");
            if let Some(capacity) = &x.capacity {
                out.cite(format!("{path}.capacity.source"), &capacity.source, true);
            }
            let latest_output = x
                .output
                .iter()
                .enumerate()
                .max_by_key(|(k, f)| (f.year, *k))
                .map(|(k, _)| k);
            for (k, figure) in x.output.iter().enumerate() {
                out.cite(
                    format!("{path}.output[{k}].source"),
                    &figure.source,
                    Some(k) == latest_output,
                );
            }
            for (k, figure) in x.figures.iter().enumerate() {
                out.cite(format!("{path}.figures[{k}].source"), &figure.source, true);
            }
            let current = x.lifecycle.iter().rposition(|e| !e.planned);
            for (k, entry) in x.lifecycle.iter().enumerate() {
                let is_current = current.is_some_and(|c| k >= c);
                out.cite(
                    format!("{path}.lifecycle[{k}].source"),
                    &entry.source,
                    is_current,
                );
            }
            out.owners(&path, &x.owners);
        }
    }
    for (i, link) in file.links.iter().enumerate() {
        out.cite(format!("links[{i}].source"), &link.source, false);
    }
    for (i, event) in file.events.iter().enumerate() {
        out.cite(format!("events[{i}].source"), &event.source, false);
    }
    out.0
}

struct Citations<'a>(Vec<Citation<'a>>);

impl<'a> Citations<'a> {
    fn cite(&mut self, path: String, source: &'a Option<String>, current: bool) {
        if let Some(source) = source {
            self.0.push(Citation {
                path,
                source,
                current,
            });
        }
    }

    fn owners(&mut self, path: &str, owners: &'a [Owner]) {
        let current: Vec<&Owner> = current_owners(owners).collect();
        for (k, owner) in owners.iter().enumerate() {
            let is_current = current.iter().any(|c| std::ptr::eq(*c, owner));
            self.cite(
                format!("{path}.owners[{k}].source"),
                &owner.source,
                is_current,
            );
        }
    }
}

/// Every text people read, with its path.
fn texts(file: &ChainFile) -> Vec<(String, &str)> {
    let mut out = Texts(Vec::new());
    out.add("meta.title".into(), Some(&file.meta.title));
    out.add("meta.description".into(), file.meta.description.as_ref());
    for (id, s) in &file.sources {
        out.add(format!("sources.{id}.publisher"), Some(&s.publisher));
        out.add(format!("sources.{id}.title"), Some(&s.title));
        out.add(format!("sources.{id}.quotes"), s.quotes.as_ref());
        out.add(format!("sources.{id}.note"), s.note.as_ref());
    }
    for (code, name) in &file.countries {
        out.add(format!("countries.{code}"), Some(name));
    }
    for (i, e) in file.elements.iter().enumerate() {
        out.add(format!("elements[{i}].name"), Some(&e.name));
        out.add(format!("elements[{i}].magnet_role"), e.magnet_role.as_ref());
        out.add(format!("elements[{i}].note"), e.note.as_ref());
    }
    for (i, s) in file.stages.iter().enumerate() {
        out.add(format!("stages[{i}].name"), Some(&s.name));
        out.add(format!("stages[{i}].makes"), s.makes.as_ref());
        out.add(format!("stages[{i}].notes"), s.notes.as_ref());
        for (j, b) in s.shares.iter().enumerate() {
            out.add(format!("stages[{i}].shares[{j}].metric"), Some(&b.metric));
            out.add(format!("stages[{i}].shares[{j}].note"), b.note.as_ref());
        }
    }
    for (i, f) in file.firms.iter().enumerate() {
        let path = format!("firms[{i}]");
        out.add(format!("{path}.name"), Some(&f.name));
        for (k, alias) in f.aliases.iter().enumerate() {
            out.add(format!("{path}.aliases[{k}]"), Some(alias));
        }
        out.add(format!("{path}.summary"), Some(&f.summary));
        out.add(format!("{path}.notes"), f.notes.as_ref());
        for (k, o) in f.owners.iter().enumerate() {
            out.owner(format!("{path}.owners[{k}]"), o);
        }
        for (j, x) in f.facilities.iter().enumerate() {
            let path = format!("{path}.facilities[{j}]");
            out.add(format!("{path}.name"), Some(&x.name));
            out.add(format!("{path}.place"), x.place.as_ref());
            out.add(format!("{path}.notes"), x.notes.as_ref());
            out.add(format!("{path}.products_note"), x.products_note.as_ref());
            out.add(
                format!("{path}.capacity_unknown"),
                x.capacity_unknown.as_ref(),
            );
            if let Some(c) = &x.capacity {
                out.figure(format!("{path}.capacity"), c);
            }
            for (k, f) in x.output.iter().enumerate() {
                out.figure(format!("{path}.output[{k}]"), f);
            }
            for (k, f) in x.figures.iter().enumerate() {
                out.figure(format!("{path}.figures[{k}]"), f);
            }
            for (k, e) in x.lifecycle.iter().enumerate() {
                out.add(format!("{path}.lifecycle[{k}].note"), e.note.as_ref());
            }
            for (k, o) in x.owners.iter().enumerate() {
                out.owner(format!("{path}.owners[{k}]"), o);
            }
        }
    }
    for (i, l) in file.links.iter().enumerate() {
        out.add(format!("links[{i}].what"), l.what.as_ref());
        out.add(format!("links[{i}].note"), l.note.as_ref());
        if let Some(a) = &l.amount {
            out.add(format!("links[{i}].amount.note"), a.note.as_ref());
        }
    }
    for (i, e) in file.events.iter().enumerate() {
        out.add(format!("events[{i}].title"), Some(&e.title));
        out.add(format!("events[{i}].note"), e.note.as_ref());
        if let Some(a) = &e.amount {
            out.add(format!("events[{i}].amount.note"), a.note.as_ref());
        }
    }
    out.0
}

struct Texts<'a>(Vec<(String, &'a str)>);

impl<'a> Texts<'a> {
    fn add(&mut self, path: String, text: Option<&'a String>) {
        if let Some(text) = text {
            self.0.push((path, text.as_str()));
        }
    }

    fn figure(&mut self, path: String, figure: &'a Figure) {
        self.add(format!("{path}.label"), figure.label.as_ref());
        self.add(format!("{path}.note"), figure.note.as_ref());
    }

    fn owner(&mut self, path: String, owner: &'a Owner) {
        self.add(format!("{path}.name"), owner.name.as_ref());
        self.add(format!("{path}.note"), owner.note.as_ref());
    }
}

/// Whether `earlier` (read at its latest day) plus `months` is still before `later` (read at
/// its earliest day), so a partial date never makes the gap look longer than it was.
fn more_than_months_before(earlier: Date, later: Date, months: u16) -> bool {
    let (y, m, d) = last_day(earlier);
    let total = u32::from(y) * 12 + u32::from(m) - 1 + u32::from(months);
    let (year, month) = ((total / 12) as u16, (total % 12) as u8 + 1);
    let day = d.min(Date::days_in_month(year, month));
    (year, month, day) < first_day(later)
}
