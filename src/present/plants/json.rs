//! The plants table as JSON, with the query that chose its rows.

use serde::Serialize;

use super::plants_caveats;
use crate::analysis::exclusion::sorted_codes;
use crate::analysis::ownership::owner_countries;
use crate::analysis::plants::PlantQuery;
use crate::model::{Basis, Facility, FacilityId, Figure, Model, StageId};

#[derive(Serialize)]
pub struct PlantsJson<'a> {
    pub stage: &'a str,
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product: Option<&'a str>,
    pub excluded: Vec<&'a str>,
    pub by: &'static str,
    pub control: u8,
    pub sort: &'static str,
    pub reverse: bool,
    pub plants: Vec<PlantJson<'a>>,
    pub caveats: Vec<String>,
}

#[derive(Serialize)]
pub struct PlantJson<'a> {
    pub facility: &'a str,
    pub name: &'a str,
    pub firm: &'a str,
    pub country: &'a str,
    pub owners: Vec<&'a str>,
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_source: Option<&'a str>,
    pub products: Vec<&'a str>,
    pub capacity: Option<CapacityJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capacity_unknown: Option<&'a str>,
}

#[derive(Serialize)]
pub struct CapacityJson<'a> {
    pub value: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    pub unit: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    /// The month or day it applies to, when known that finely.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// nameplate, design, expected, target, run-rate, output or basis unknown.
    pub basis: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product: Option<&'a str>,
    /// What the source says when it leaves the unit unclear; such a figure is never summed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit_unclear: Option<&'a str>,
    pub source: &'a str,
    /// Output of the capacity's year and unit as a percent of it, where both are given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub utilisation: Option<UtilisationJson<'a>>,
}

#[derive(Serialize)]
pub struct UtilisationJson<'a> {
    pub percent: f64,
    pub output: f64,
    pub year: Option<u16>,
    pub source: &'a str,
}

/// The facility's capacity at `stage`, if it gives one there.
pub fn figure_json<'a>(m: &'a Model, f: &'a Facility, stage: StageId) -> Option<CapacityJson<'a>> {
    f.capacity_at(stage).map(|c| capacity_json(m, f, c))
}

/// One capacity entry of facility `f`.
pub fn capacity_json<'a>(m: &'a Model, f: &'a Facility, c: &'a Figure) -> CapacityJson<'a> {
    CapacityJson {
        value: c.value,
        max: c.max,
        unit: &c.unit,
        year: c.year,
        date: c.date.map(|d| d.to_string()),
        basis: c.basis.unwrap_or(Basis::Nameplate).as_str(),
        product: c.product.as_deref(),
        unit_unclear: c.unit_unclear.as_deref(),
        source: &m.source(c.source).id,
        utilisation: crate::analysis::capacity::utilisation(f, c).map(|u| UtilisationJson {
            percent: u.percent,
            output: u.output.value,
            year: u.output.year,
            source: &m.source(u.output.source).id,
        }),
    }
}

pub fn plants_json<'a>(
    m: &'a Model,
    stage: StageId,
    q: &'a PlantQuery,
    list: &[FacilityId],
) -> PlantsJson<'a> {
    PlantsJson {
        stage: &m.stage(stage).id,
        status: q.status.as_str(),
        country: q.country.map(|c| m.country(c).code.as_str()),
        product: q.product.as_deref(),
        excluded: sorted_codes(m, &q.excluded),
        by: q.by.mode.as_str(),
        control: q.by.control,
        sort: q.sort.as_str(),
        reverse: q.reverse,
        plants: list
            .iter()
            .map(|&x| {
                let f = &m.facility(x);
                PlantJson {
                    facility: &f.id,
                    name: &f.name,
                    firm: &m.firm(f.firm).id,
                    country: &m.country(f.country).code,
                    owners: owner_countries(m, x, q.by.control)
                        .into_iter()
                        .map(|c| m.country(c).code.as_str())
                        .collect(),
                    status: f.status.as_str(),
                    status_date: f.current_entry().map(|e| e.date.to_string()),
                    status_source: f
                        .current_entry()
                        .and_then(|e| m.get_source(e.source))
                        .map(|s| s.id.as_str()),
                    products: f.products.iter().map(|p| p.text.as_str()).collect(),
                    capacity: figure_json(m, f, stage),
                    capacity_unknown: f.capacity_unknown.as_deref(),
                }
            })
            .collect(),
        caveats: plants_caveats(m, stage, q, list),
    }
}
