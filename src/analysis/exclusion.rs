//! Naming the countries a what-if excludes: reading them from text, writing their codes.

use std::collections::BTreeSet;

use crate::model::{CountryId, Model};

/// The codes of a set of countries, in code order, joined by commas ("CN,MY").
pub fn codes(model: &Model, excluded: &BTreeSet<CountryId>) -> String {
    sorted_codes(model, excluded).join(",")
}

/// The codes of the excluded countries, sorted.
pub fn sorted_codes<'m>(model: &'m Model, excluded: &BTreeSet<CountryId>) -> Vec<&'m str> {
    let mut codes: Vec<&str> = excluded
        .iter()
        .filter_map(|&c| model.get_country(c).map(|c| c.code.as_str()))
        .collect();
    codes.sort_unstable();
    codes
}
