//! Checks shared by every kind: share blocks, figures, amounts, references, numbers, years,
//! dates and required text.

use super::ids::{bad_id, is_id};
use super::{Kind, SHARE_ROUNDING, Validator};
use crate::model::date::Date;
use crate::model::problem::Problem;
use crate::model::schema::{Amount, Figure, ShareBlock};
use crate::text;

impl Validator<'_> {
    pub(super) fn share_block(&mut self, i: usize, j: usize, block: &ShareBlock) {
        let path = || format!("stages[{i}].shares[{j}]");
        self.required_text_with(|| format!("{}.metric", path()), &block.metric);
        self.source(|| format!("{}.source", path()), block.source.as_deref());
        if let Some(id) = &block.quoted_by {
            self.reference(
                || format!("{}.quoted_by", path()),
                "source",
                id,
                Kind::Source,
            );
        }
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

    pub(super) fn figure(&mut self, path: impl Fn() -> String, figure: &Figure) {
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
        if let Some(stage) = &figure.stage {
            self.reference(|| format!("{}.stage", path()), "stage", stage, Kind::Stage);
        }
        self.year(|| format!("{}.year", path()), figure.year);
        if let Some(date) = &figure.date {
            let at = format!("{}.date", path());
            match date.0.parse::<Date>() {
                Err(message) => self.error(at, message),
                Ok(when) => {
                    if let Some(year) = figure.year
                        && year != when.year
                    {
                        self.error(
                            at,
                            format!("date {} is not in the figure's year {year}", date.0),
                        );
                    }
                }
            }
        }
        self.source(|| format!("{}.source", path()), figure.source.as_deref());
    }

    pub(super) fn amount(&mut self, path: impl Fn() -> String, amount: &Amount) {
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
    pub(super) fn source(&mut self, path: impl Fn() -> String, source: Option<&str>) {
        match source {
            None => self.error(
                path(),
                "no source: every figure and fact names one of `sources`".into(),
            ),
            Some(id) => self.reference(path, "source", id, Kind::Source),
        }
    }

    pub(super) fn reference(
        &mut self,
        path: impl Fn() -> String,
        what: &str,
        id: &str,
        kind: Kind,
    ) {
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
    pub(super) fn number(&mut self, path: impl Fn() -> String, value: f64) -> bool {
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

    pub(super) fn year(&mut self, path: impl Fn() -> String, year: Option<u16>) {
        if let Some(y) = year
            && !(1800..=2100).contains(&y)
        {
            self.error(path(), format!("year {y} is outside 1800–2100"));
        }
    }

    pub(super) fn date(&mut self, path: &str, text: &str) {
        if let Err(message) = text.parse::<Date>() {
            self.error(path.to_owned(), message);
        }
    }

    pub(super) fn id(&mut self, path: impl Fn() -> String, id: &str) {
        if !is_id(id) {
            self.error(path(), bad_id(id));
        }
    }

    pub(super) fn required_text_with(&mut self, path: impl Fn() -> String, value: &str) {
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
