//! The what-if of excluding countries: what share of a stage is left without them.

use std::collections::BTreeSet;

use crate::model::{Model, ShareBlock};

/// Percent of world output left once the excluded countries' shares are taken out. The
/// unreported remainder counts as left: nothing says it comes from an excluded country.
pub fn remaining_percent(block: &ShareBlock, excluded: &BTreeSet<usize>) -> f64 {
    let gone: f64 = block
        .percents
        .iter()
        .filter(|(c, _)| excluded.contains(c))
        .map(|&(_, p)| p)
        .sum();
    (100.0 - gone).clamp(0.0, 100.0)
}

/// The codes of a set of countries, in code order, joined by commas ("CN,MY").
pub fn codes(model: &Model, excluded: &BTreeSet<usize>) -> String {
    sorted_codes(model, excluded).join(",")
}

/// The codes of the excluded countries, sorted.
pub fn sorted_codes<'m>(model: &'m Model, excluded: &BTreeSet<usize>) -> Vec<&'m str> {
    let mut codes: Vec<&str> = excluded
        .iter()
        .filter_map(|&c| model.countries.get(c).map(|c| c.code.as_str()))
        .collect();
    codes.sort_unstable();
    codes
}
