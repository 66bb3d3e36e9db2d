//! Published demand: sourced series of what the market needs of a product, year by year.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One published series: one metric, product, unit, scenario and region, as the source gives it.
/// Scenarios are never averaged: each is its own series.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DemandSeries {
    /// What is measured, in the source's words (`demand for magnet rare earths`).
    pub metric: String,
    /// The stages whose output meets this demand, by id.
    pub stages: Vec<String>,
    /// What is demanded (`magnet rare earths (Nd, Pr, Dy, Tb)`, `permanent magnets`).
    pub product: String,
    /// The unit of the values (`kt`, `t NdPr oxide`).
    pub unit: String,
    /// How the quantity is counted, exactly as published (`oxide or metal not stated`).
    pub basis: String,
    /// The source's scenario (`APS`, `STEPS`), or `reported` for a past year's figure.
    pub scenario: String,
    /// `World`, a country code, or a named group such as `EU`.
    #[serde(default = "world", skip_serializing_if = "is_world")]
    pub region: String,
    /// Year -> value, in `unit` per year.
    pub values: BTreeMap<u16, f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

fn world() -> String {
    "World".to_owned()
}

#[allow(
    clippy::ptr_arg,
    reason = "serde's skip_serializing_if passes a reference to the field"
)]
fn is_world(region: &String) -> bool {
    region == "World"
}
