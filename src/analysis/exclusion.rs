//! Naming the countries a what-if excludes: reading them from text, writing their codes.

use std::collections::BTreeSet;

use crate::model::{Model, problem};

/// Reads one country by code or name, as `parse_countries` reads each of a list.
pub fn parse_country(model: &Model, text: &str) -> Result<usize, String> {
    let set = parse_countries(model, text)?;
    match (set.len(), set.first()) {
        (1, Some(&c)) => Ok(c),
        _ => Err("give one country code or name".into()),
    }
}

/// Reads a comma-separated list of countries by code or name ("CN,MY", "China, malaysia").
/// Codes are matched as written, then codes and names ignoring case; every unknown one is
/// reported with the nearest known code or name.
pub fn parse_countries(model: &Model, list: &str) -> Result<BTreeSet<usize>, String> {
    let mut found = BTreeSet::new();
    let mut unknown = Vec::new();
    for code in list.split(',').map(str::trim).filter(|c| !c.is_empty()) {
        match find_country(model, code) {
            Some(c) => {
                found.insert(c);
            }
            None => unknown.push(unknown_country(model, code)),
        }
    }
    if unknown.is_empty() {
        Ok(found)
    } else {
        Err(unknown.join("; "))
    }
}

fn find_country(model: &Model, code: &str) -> Option<usize> {
    model.country(code).or_else(|| {
        model.countries.iter().position(|c| {
            c.code.eq_ignore_ascii_case(code) || c.name.to_lowercase() == code.to_lowercase()
        })
    })
}

fn unknown_country(model: &Model, code: &str) -> String {
    let shown = crate::text::quote(code);
    let known = model
        .countries
        .iter()
        .flat_map(|c| [c.code.as_str(), c.name.as_str()]);
    match problem::nearest(code, known) {
        Some(near) => format!("`{shown}`: did you mean `{near}`?"),
        None => format!("`{shown}`: no such country in the model"),
    }
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
