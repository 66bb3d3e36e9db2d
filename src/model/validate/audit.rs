//! Warnings that keep a valid model true over time: secondary sources, stale plans,
//! incomplete facilities, old citations and wording that must not reach readers.

use super::facts::{RARE_EARTH_STAGES, first_day, last_day};
use super::owners::current_owners;
use crate::model::date::Date;
use crate::model::problem::Problem;
use crate::model::schema::{
    ChainFile, Facility, Figure, LifecycleEntry, Owner, Source, SourceKind, Status,
};

/// Wording from how the model was compiled that must not reach what people read.
const INTERNAL_WORDING: [&str; 5] = [
    "seed-0",
    "seed 0",
    "quoted in seed",
    "fact sheet",
    "facts.md",
];

/// How a source was seen, written into its title instead of its `seen` field.
const SEEN_IN_TITLE: [&str; 6] = [
    "headline not seen",
    "headline only",
    "(quoted",
    "as quoted",
    "quoted by",
    "(via ",
];

/// Words of how the model was compiled that must not be part of a source id.
const INTERNAL_ID_WORDS: [&str; 2] = ["-via-", "seed-"];

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
/// them; `--strict` counts them as errors. With `today`, targets whose date has passed are
/// checked too. Assumes `validate` found no errors.
pub fn audit(file: &ChainFile, today: Option<Date>) -> Vec<Problem> {
    let mut warnings = Vec::new();
    let Ok(as_of) = file.meta.as_of.0.parse::<Date>() else {
        return warnings;
    };
    let citations = citations(file);
    for (id, source) in &file.sources {
        source_form(id, source, &mut warnings);
    }

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
            if let Some(today) = today {
                passed_targets(&path, facility, today, &mut warnings);
            }
            completeness(&path, facility, &mut warnings);
        }
    }

    for (i, event) in file.events.iter().enumerate() {
        if event.tags.is_empty() {
            warnings.push(Problem::warning(
                format!("events[{i}].title"),
                "has no `tags`, so no filter by topic finds it: add one or more (`rechain schema` lists them)"
                    .to_owned(),
            ));
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
    if was_checked(entry, date) {
        return;
    }
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

/// A target whose date is before `today` with nothing after it: what happened is unknown
/// to the model unless a `checked` date at or after the target says it was looked for.
fn passed_targets(path: &str, facility: &Facility, today: Date, warnings: &mut Vec<Problem>) {
    let last = facility.lifecycle.len().saturating_sub(1);
    for (k, entry) in facility.lifecycle.iter().enumerate() {
        if !entry.planned || k < last {
            continue;
        }
        let Some(date) = entry.date.as_ref().and_then(|d| d.0.parse::<Date>().ok()) else {
            continue;
        };
        if last_day(date) >= first_day(today) {
            continue;
        }
        if !was_checked(entry, date) {
            warnings.push(Problem::warning(
                format!("{path}.lifecycle[{k}].date"),
                format!(
                    "`{}` was to be {} by {date}, which has passed (today {today}): record \
                     what happened, a new target, or `checked: DATE` when it was looked for \
                     and not found",
                    facility.id,
                    entry.status.as_str()
                ),
            ));
        }
    }
}

/// Whether the outcome of a target dated `date` was looked for on or after that date.
fn was_checked(entry: &LifecycleEntry, date: Date) -> bool {
    entry
        .checked
        .as_ref()
        .and_then(|d| d.0.parse::<Date>().ok())
        .is_some_and(|c| last_day(c) >= last_day(date))
}

/// A source is one document, found again by its URL, titled as its publisher titled it.
fn source_form(id: &str, source: &Source, warnings: &mut Vec<Problem>) {
    let path = |field: &str| format!("sources.{id}.{field}");
    match &source.url {
        None => warnings.push(Problem::warning(
            format!("sources.{id}"),
            format!("`{id}` has no `url`: give the address of the document"),
        )),
        Some(url) if url.trim().contains([' ', ';']) => warnings.push(Problem::warning(
            path("url"),
            "more than one address: one source is one document, so split it into one id per document"
                .to_owned(),
        )),
        Some(_) => {}
    }
    if source.publisher.contains(';') {
        warnings.push(Problem::warning(
            path("publisher"),
            "a list of publishers: one source is one document, so split it into one id per document"
                .to_owned(),
        ));
    }
    let title = source.title.to_lowercase();
    if let Some(words) = SEEN_IN_TITLE.iter().find(|w| title.contains(*w)) {
        warnings.push(Problem::warning(
            path("title"),
            format!(
                "the title says how the source was seen (`{words}`): keep the publisher's title and \
                 say it in `seen` (or `headline_seen: false`)"
            ),
        ));
    }
    if let Some(word) = INTERNAL_ID_WORDS.iter().find(|w| id.contains(*w)) {
        warnings.push(Problem::warning(
            format!("sources.{id}"),
            format!("the id `{id}` carries `{word}`, a word of how the model was compiled: name it after the document"),
        ));
    }
}

/// A capacity that cannot be summed safely: no stage or no basis.
fn quantity_warnings(
    path: &str,
    facility: &Facility,
    capacity: &Figure,
    warnings: &mut Vec<Problem>,
) {
    if capacity.stage.is_none() {
        let last = facility.stages.last().map_or("", String::as_str);
        let message = if facility.stages.len() > 1 {
            format!(
                "`{}` works at {} stages: say which one its capacity measures (`stage: {last}`; \
                 until then it counts at `{last}` only)",
                facility.id,
                facility.stages.len()
            )
        } else {
            format!(
                "say which stage this capacity of `{}` measures (`stage: {last}`)",
                facility.id
            )
        };
        warnings.push(Problem::warning(format!("{path}.stage"), message));
    }
    if capacity.basis.is_none() {
        warnings.push(Problem::warning(
            format!("{path}.basis"),
            format!(
                "say what this capacity of `{}` is (`basis: nameplate`, design, expected, target, \
                 run-rate, or unknown when the source does not say)",
                facility.id
            ),
        ));
    }
    // An unclear unit is recorded with what the source says (validation requires the
    // text): a documented unknown, shown but never summed, so no warning.
}

/// What the model promises about every facility: rare-earth stages say what they make, and
/// built or building plants give a capacity or say why none is public.
fn completeness(path: &str, facility: &Facility, warnings: &mut Vec<Problem>) {
    for (k, capacity) in facility.capacity.iter().enumerate() {
        quantity_warnings(
            &format!("{path}.capacity[{k}]"),
            facility,
            capacity,
            warnings,
        );
    }
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
        && facility.capacity.is_empty()
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
                block.source.as_deref(),
                newest,
            );
        }
    }
    for (i, firm) in file.firms.iter().enumerate() {
        out.owners(&format!("firms[{i}]"), &firm.owners);
        for (j, x) in firm.facilities.iter().enumerate() {
            let path = format!("firms[{i}].facilities[{j}]");
            for (k, capacity) in x.capacity.iter().enumerate() {
                out.cite(
                    format!("{path}.capacity[{k}].source"),
                    capacity.source.as_deref(),
                    true,
                );
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
                    figure.source.as_deref(),
                    Some(k) == latest_output,
                );
            }
            for (k, figure) in x.figures.iter().enumerate() {
                out.cite(
                    format!("{path}.figures[{k}].source"),
                    figure.source.as_deref(),
                    true,
                );
            }
            let current = x.lifecycle.iter().rposition(|e| !e.planned);
            for (k, entry) in x.lifecycle.iter().enumerate() {
                let is_current = current.is_some_and(|c| k >= c);
                out.cite(
                    format!("{path}.lifecycle[{k}].source"),
                    entry.source.as_deref(),
                    is_current,
                );
            }
            out.owners(&path, &x.owners);
        }
    }
    for (i, link) in file.links.iter().enumerate() {
        out.cite(format!("links[{i}].source"), link.source.as_deref(), false);
    }
    for (i, event) in file.events.iter().enumerate() {
        out.cite(
            format!("events[{i}].source"),
            event.source.as_deref(),
            false,
        );
    }
    out.0
}

struct Citations<'a>(Vec<Citation<'a>>);

impl<'a> Citations<'a> {
    fn cite(&mut self, path: String, source: Option<&'a str>, current: bool) {
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
                owner.source.as_deref(),
                is_current,
            );
        }
    }
}

/// Every text people read, with its path.
fn texts(file: &ChainFile) -> Vec<(String, &str)> {
    let mut out = Texts(Vec::new());
    out.add("meta.title".into(), Some(file.meta.title.as_str()));
    out.add("meta.description".into(), file.meta.description.as_deref());
    for (id, s) in &file.sources {
        out.add(
            format!("sources.{id}.publisher"),
            Some(s.publisher.as_str()),
        );
        out.add(format!("sources.{id}.title"), Some(s.title.as_str()));
        out.add(format!("sources.{id}.quotes"), s.quotes.as_deref());
        out.add(format!("sources.{id}.note"), s.note.as_deref());
    }
    for (code, name) in &file.countries {
        out.add(format!("countries.{code}"), Some(name));
    }
    for (i, e) in file.elements.iter().enumerate() {
        out.add(format!("elements[{i}].name"), Some(e.name.as_str()));
        out.add(
            format!("elements[{i}].magnet_role"),
            e.magnet_role.as_deref(),
        );
        out.add(format!("elements[{i}].note"), e.note.as_deref());
    }
    for (i, s) in file.stages.iter().enumerate() {
        out.add(format!("stages[{i}].name"), Some(s.name.as_str()));
        out.add(format!("stages[{i}].makes"), s.makes.as_deref());
        out.add(format!("stages[{i}].notes"), s.notes.as_deref());
        for (j, b) in s.shares.iter().enumerate() {
            out.add(
                format!("stages[{i}].shares[{j}].metric"),
                Some(b.metric.as_str()),
            );
            out.add(format!("stages[{i}].shares[{j}].note"), b.note.as_deref());
        }
    }
    for (i, f) in file.firms.iter().enumerate() {
        let path = format!("firms[{i}]");
        out.add(format!("{path}.name"), Some(f.name.as_str()));
        for (k, alias) in f.aliases.iter().enumerate() {
            out.add(format!("{path}.aliases[{k}]"), Some(alias));
        }
        out.add(format!("{path}.summary"), Some(f.summary.as_str()));
        out.add(format!("{path}.notes"), f.notes.as_deref());
        for (k, o) in f.owners.iter().enumerate() {
            out.owner(&format!("{path}.owners[{k}]"), o);
        }
        for (j, x) in f.facilities.iter().enumerate() {
            out.facility(&format!("{path}.facilities[{j}]"), x);
        }
    }
    for (i, l) in file.links.iter().enumerate() {
        out.add(format!("links[{i}].what"), l.what.as_deref());
        out.add(format!("links[{i}].note"), l.note.as_deref());
        if let Some(a) = &l.amount {
            out.add(format!("links[{i}].amount.note"), a.note.as_deref());
        }
    }
    for (i, e) in file.events.iter().enumerate() {
        out.add(format!("events[{i}].title"), Some(e.title.as_str()));
        out.add(format!("events[{i}].note"), e.note.as_deref());
        if let Some(a) = &e.amount {
            out.add(format!("events[{i}].amount.note"), a.note.as_deref());
        }
    }
    out.0
}

struct Texts<'a>(Vec<(String, &'a str)>);

impl<'a> Texts<'a> {
    fn facility(&mut self, path: &str, x: &'a Facility) {
        self.add(format!("{path}.name"), Some(&x.name));
        self.add(format!("{path}.place"), x.place.as_deref());
        self.add(format!("{path}.notes"), x.notes.as_deref());
        self.add(format!("{path}.products_note"), x.products_note.as_deref());
        self.add(
            format!("{path}.capacity_unknown"),
            x.capacity_unknown.as_deref(),
        );
        for (k, c) in x.capacity.iter().enumerate() {
            self.figure(&format!("{path}.capacity[{k}]"), c);
        }
        for (k, f) in x.output.iter().enumerate() {
            self.figure(&format!("{path}.output[{k}]"), f);
        }
        for (k, f) in x.figures.iter().enumerate() {
            self.figure(&format!("{path}.figures[{k}]"), f);
        }
        for (k, e) in x.lifecycle.iter().enumerate() {
            self.add(format!("{path}.lifecycle[{k}].note"), e.note.as_deref());
        }
        for (k, o) in x.owners.iter().enumerate() {
            self.owner(&format!("{path}.owners[{k}]"), o);
        }
    }

    fn add(&mut self, path: String, text: Option<&'a str>) {
        if let Some(text) = text {
            self.0.push((path, text));
        }
    }

    fn figure(&mut self, path: &str, figure: &'a Figure) {
        self.add(format!("{path}.label"), figure.label.as_deref());
        self.add(format!("{path}.note"), figure.note.as_deref());
    }

    fn owner(&mut self, path: &str, owner: &'a Owner) {
        self.add(format!("{path}.name"), owner.name.as_deref());
        self.add(format!("{path}.note"), owner.note.as_deref());
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
