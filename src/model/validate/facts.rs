//! Provenance, element conventions, products, lifecycles and output.

use super::{Kind, Validator};
use crate::model::date::Date;
use crate::model::problem::did_you_mean;
use crate::model::product::{self, FORMS, GROUPS, MAGNET_FAMILIES};
use crate::model::schema::{ChainFile, Element, Facility, Source, SourceKind};

/// Stages whose facilities make rare-earth products; one that lists none must say why.
pub const RARE_EARTH_STAGES: [&str; 3] = ["separation", "metal-alloy", "magnets"];

/// Provenance, element conventions, products, lifecycles, output and ownership.
impl<'a> Validator<'a> {
    pub(super) fn dated_facts(&mut self, file: &'a ChainFile) {
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
                self.quantities(&path, facility, &symbols);
                self.owners(&path, None, &facility.owners);
            }
        }
    }

    pub(super) fn provenance(&mut self, id: &str, source: &Source) {
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

    pub(super) fn conventions(&mut self, i: usize, element: &Element) {
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

    pub(super) fn products(
        &mut self,
        path: &impl Fn() -> String,
        facility: &Facility,
        symbols: &[&str],
    ) {
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

    pub(super) fn lifecycle(&mut self, path: &impl Fn() -> String, facility: &Facility) {
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
            if let Some(checked) = &entry.checked {
                self.date(&format!("{}.checked", epath()), &checked.0);
                if !entry.planned {
                    self.error(
                        format!("{}.checked", epath()),
                        "`checked` is for a target (`planned: true`) whose outcome was looked for"
                            .into(),
                    );
                }
            }
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

    pub(super) fn nameplate_and_output(&mut self, path: &impl Fn() -> String, facility: &Facility) {
        if let Some(why) = &facility.capacity_unknown {
            if !facility.capacity.is_empty() {
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
}

/// The first day a partial date can mean, as (year, month, day).
pub(super) fn first_day(date: Date) -> (u16, u8, u8) {
    (date.year, date.month.unwrap_or(1), date.day.unwrap_or(1))
}

/// The last day a partial date can mean, as (year, month, day).
pub(super) fn last_day(date: Date) -> (u16, u8, u8) {
    let month = date.month.unwrap_or(12);
    (
        date.year,
        month,
        date.day.unwrap_or(Date::days_in_month(date.year, month)),
    )
}
