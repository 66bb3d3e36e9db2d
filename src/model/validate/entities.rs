//! Each kind of entity in file order: ids, required text and references to other entities.

use std::collections::HashSet;

use super::ids::{IdHolder, bad_id, is_id};
use super::{Kind, Validator};
use crate::model::problem::Problem;
use crate::model::schema::{ChainFile, Link};
use crate::model::url::url_problem;
use crate::model::{Date, EventTag};
use crate::text;

impl<'a> Validator<'a> {
    /// Source ids, publisher, title, year, URL and access date.
    pub(super) fn sources(&mut self, file: &'a ChainFile) {
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
                && let Some(why) = url_problem(url)
            {
                self.error(
                    format!("{}.url", path()),
                    format!("the URL `{}` {why}", text::quote(url)),
                );
            }
            if let Some(accessed) = &source.accessed {
                self.date(&format!("{}.accessed", path()), &accessed.0);
            }
        }
    }

    /// Country codes are ISO alpha-2; a nameless country shows its code.
    pub(super) fn countries(&mut self, file: &'a ChainFile) {
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
    }

    /// Element symbols and atomic numbers, each once.
    pub(super) fn elements(&mut self, file: &'a ChainFile) {
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
    }

    /// Stage ids first (inputs may point forward), then inputs and share blocks.
    pub(super) fn stages(&mut self, file: &'a ChainFile) {
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
    }

    /// Demand series: known stages, a source, usable numbers, and one series per scenario.
    pub(super) fn demand(&mut self, file: &'a ChainFile) {
        let mut seen = HashSet::new();
        for (i, d) in file.demand.iter().enumerate() {
            let path = || format!("demand[{i}]");
            self.required_text_with(|| format!("{}.metric", path()), &d.metric);
            self.required_text_with(|| format!("{}.product", path()), &d.product);
            self.required_text_with(|| format!("{}.unit", path()), &d.unit);
            self.required_text_with(|| format!("{}.basis", path()), &d.basis);
            self.required_text_with(|| format!("{}.scenario", path()), &d.scenario);
            self.required_text_with(|| format!("{}.region", path()), &d.region);
            if d.stages.is_empty() {
                self.error(
                    format!("{}.stages", path()),
                    "names no stage: list the stages whose output meets this demand".into(),
                );
            }
            for (k, stage) in d.stages.iter().enumerate() {
                self.reference(
                    || format!("{}.stages[{k}]", path()),
                    "stage",
                    stage,
                    Kind::Stage,
                );
            }
            self.source(|| format!("{}.source", path()), d.source.as_deref());
            if d.values.is_empty() {
                self.error(format!("{}.values", path()), "holds no year".into());
            }
            for (&year, &value) in &d.values {
                self.year(|| format!("{}.values.{year}", path()), Some(year));
                self.number(|| format!("{}.values.{year}", path()), value);
            }
            let key = (
                &d.metric,
                &d.product,
                &d.unit,
                &d.scenario,
                &d.region,
                &d.source,
            );
            if !seen.insert(key) {
                self.error(
                    path(),
                    format!(
                        "repeats the series `{}` ({}, {}) of the same source: give its years in one series",
                        d.metric, d.scenario, d.region
                    ),
                );
            }
        }
    }

    /// Firm and facility ids first (owners may point forward), then the rest of each.
    pub(super) fn firms(&mut self, file: &'a ChainFile) {
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
                for (k, capacity) in facility.capacity.iter().enumerate() {
                    self.figure(|| format!("{}.capacity[{k}]", fpath()), capacity);
                    // An unknown stage is reported by the figure's own check.
                    if let Some(stage) = &capacity.stage
                        && self.stages.contains(&**stage)
                        && !facility.stages.iter().any(|s| **s == **stage)
                    {
                        self.error(
                            format!("{}.capacity[{k}].stage", fpath()),
                            format!(
                                "`{}` is not one of the facility's stages ({})",
                                crate::text::quote(stage),
                                facility.stages.join(", ")
                            ),
                        );
                    }
                }
                for (k, figure) in facility.figures.iter().enumerate() {
                    self.figure(|| format!("{}.figures[{k}]", fpath()), figure);
                }
            }
        }
    }

    /// Both ends of each link, its source, date and amount.
    pub(super) fn links(&mut self, file: &'a ChainFile) {
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
            self.link_end(&path(), link);
            if let Some(amount) = &link.amount {
                self.amount(|| format!("{}.amount", path()), amount);
            }
        }
    }

    /// A suspended or ended link says when, not before it began, and from which source.
    fn link_end(&mut self, path: &str, link: &'a Link) {
        use crate::model::LinkStatus;
        if let Some(end) = &link.end {
            self.date(&format!("{path}.end"), &end.0);
            let began = link.date.as_ref().and_then(|d| d.0.parse::<Date>().ok());
            if let (Some(began), Ok(ended)) = (began, end.0.parse::<Date>())
                && ended < began
            {
                self.error(
                    format!("{path}.end"),
                    format!("the link ends on {ended}, before it began on {began}"),
                );
            }
            if link.status == Some(LinkStatus::Active) {
                self.error(
                    format!("{path}.status"),
                    "an active link has no `end`: say `suspended` or `ended`, or drop `end`".into(),
                );
            }
        } else if matches!(link.status, Some(LinkStatus::Suspended | LinkStatus::Ended)) {
            self.error(
                format!("{path}.status"),
                "a suspended or ended link says since when: add `end: DATE`".into(),
            );
        }
        if link.end_source.is_some() {
            self.source(|| format!("{path}.end_source"), link.end_source.as_deref());
        }
    }

    /// Each event's id, date, title, parties, countries, elements and sources.
    pub(super) fn events(&mut self, file: &'a ChainFile) {
        for (i, event) in file.events.iter().enumerate() {
            let path = || format!("events[{i}]");
            if let Some(id) = &event.id {
                self.claim(id, IdHolder::Event(i));
                self.id(|| format!("{}.id", path()), id);
            }
            self.date(&format!("{}.date", path()), &event.date.0);
            self.required_text_with(|| format!("{}.title", path()), &event.title);
            for (k, tag) in event.tags.iter().enumerate() {
                if let Err(message) = EventTag::parse(tag) {
                    self.error(format!("{}.tags[{k}]", path()), message);
                }
            }
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
}
