//! Units and the quantities given in them: every capacity and output names one of the model's
//! units (a capacity per year), or says in `unit_unclear` what the source gives instead.

use super::{Kind, Validator};
use crate::model::problem::did_you_mean;
use crate::model::product;
use crate::model::schema::{ChainFile, ConversionKind, Facility, Figure};

/// How a capacity's unit says it is per year.
pub const PER_YEAR: &str = "/yr";

impl<'a> Validator<'a> {
    /// Each unit names a product as `products` write it.
    pub(super) fn units(&mut self, file: &'a ChainFile) {
        let symbols: Vec<&str> = file.elements.iter().map(|e| e.symbol.as_str()).collect();
        for (name, unit) in &file.units {
            let path = |field: &str| format!("units.{name}.{field}");
            if name.trim().is_empty() {
                self.error("units".into(), "a unit needs a name".into());
            } else if name.trim_end().ends_with(PER_YEAR) {
                self.error(
                    format!("units.{name}"),
                    format!("a unit is a quantity; capacities add `{PER_YEAR}` to it themselves"),
                );
            }
            if let Err(e) = product::parse(&unit.product, &symbols) {
                self.error(path("product"), e.message(&unit.product));
            }
            if let Some(note) = &unit.note {
                self.required_text_with(|| path("note"), note);
            }
        }
        self.conversions(file);
    }

    /// Each conversion joins two different units by a positive factor, and says where the
    /// factor comes from: a source, or the formula it is worked out by.
    fn conversions(&mut self, file: &'a ChainFile) {
        for (i, c) in file.conversions.iter().enumerate() {
            let path = |field: &str| format!("conversions[{i}].{field}");
            for (field, unit) in [("from", &c.from), ("to", &c.to)] {
                if !file.units.contains_key(unit.trim()) {
                    let hint = if self.hints_left > 0 {
                        self.hints_left -= 1;
                        did_you_mean(unit, file.units.keys().map(String::as_str))
                    } else {
                        String::new()
                    };
                    self.error(
                        path(field),
                        format!("unknown unit `{unit}`{hint}; a conversion joins two of `units`"),
                    );
                }
            }
            if c.from.trim() == c.to.trim() {
                self.error(path("to"), "a conversion joins two different units".into());
            }
            if self.number(|| path("factor"), c.factor) && c.factor == 0.0 {
                self.error(path("factor"), "a factor must be above 0".into());
            }
            if c.kind == ConversionKind::Published && c.source.is_none() {
                self.error(path("source"), "a published factor names its source".into());
            }
            if c.kind == ConversionKind::Stoichiometric && c.note.is_none() {
                self.error(
                    path("note"),
                    "a stoichiometric factor gives its formula in `note`".into(),
                );
            }
            if let Some(source) = &c.source {
                self.reference(|| path("source"), "source", source, Kind::Source);
            }
            if let Some(note) = &c.note {
                self.required_text_with(|| path("note"), note);
            }
        }
    }

    /// Each capacity and output: its product reads as a product, and its unit is one of the
    /// model's (per year for a capacity, with its year for an output) or is recorded as unclear.
    pub(super) fn quantities(
        &mut self,
        path: &impl Fn() -> String,
        facility: &'a Facility,
        symbols: &[&str],
    ) {
        for (k, figure) in facility.capacity.iter().enumerate() {
            let at = || format!("{}.capacity[{k}]", path());
            self.quantity(&at, figure, true, symbols);
        }
        for (k, figure) in facility.output.iter().enumerate() {
            let at = || format!("{}.output[{k}]", path());
            self.quantity(&at, figure, false, symbols);
            if figure.year.is_none() && !self.file.units.is_empty() {
                self.error(
                    format!("{}.year", at()),
                    "an output is what was made in a year: add `year`".into(),
                );
            }
        }
    }

    fn quantity(
        &mut self,
        path: &impl Fn() -> String,
        figure: &Figure,
        per_year: bool,
        symbols: &[&str],
    ) {
        if let Some(months) = figure.months
            && !(1..=12).contains(&months)
        {
            self.error(
                format!("{}.months", path()),
                format!("{months} is not a number of months (1 to 12)"),
            );
        }
        if let Some(text) = &figure.product
            && let Err(e) = product::parse(text, symbols)
        {
            self.error(format!("{}.product", path()), e.message(text));
        }
        let unit = figure.unit.trim();
        let (base, yearly) = match unit.strip_suffix(PER_YEAR) {
            Some(base) => (base.trim_end(), true),
            None => (unit, false),
        };
        let units = &self.file.units;
        let known = units.contains_key(base);
        if let Some(said) = &figure.unit_unclear {
            self.required_text_with(|| format!("{}.unit_unclear", path()), said);
            if known {
                self.error(
                    format!("{}.unit_unclear", path()),
                    format!("`{base}` is one of the model's units: drop `unit_unclear`"),
                );
            }
            return;
        }
        if units.is_empty() || unit.is_empty() {
            return;
        }
        let at = format!("{}.unit", path());
        if !known {
            let suffix = if per_year { PER_YEAR } else { "" };
            let names: Vec<String> = units.keys().map(|u| format!("{u}{suffix}")).collect();
            let hint = if self.hints_left > 0 {
                self.hints_left -= 1;
                did_you_mean(unit, names.iter().map(String::as_str))
            } else {
                String::new()
            };
            self.error(
                at,
                format!(
                    "unknown unit `{unit}`{hint}; the units are listed under `units:`, and where \
                     the source does not settle the unit, `unit_unclear` keeps what it says"
                ),
            );
        } else if per_year && !yearly {
            self.error(
                at,
                format!("a capacity is per year: write `{base}{PER_YEAR}`"),
            );
        } else if !per_year && yearly {
            self.error(
                at,
                format!("an output is what a year made: write `{base}` and give `year`"),
            );
        }
    }
}
