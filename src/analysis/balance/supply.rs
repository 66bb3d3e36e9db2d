//! The balance's input: one entry per facility capacity at a stage, with its dated steps.
//! [`entries`] is the only code that reads capacities and lifecycles from the model.

use crate::analysis::plants::does_stage;
use crate::analysis::whatif::Exclusion;
use crate::model::{Basis, FacilityId, Model, SourceId, StageId, Status};

/// A step of a facility's history as the balance reads it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    pub year: u16,
    pub status: Status,
    /// A target, not something that happened.
    pub planned: bool,
}

/// One capacity at one stage.
#[derive(Debug, Clone, PartialEq)]
pub struct SupplyEntry {
    pub facility: FacilityId,
    pub stage: StageId,
    /// The unit as written (`t NdPr oxide/yr`).
    pub unit: String,
    pub basis: Basis,
    /// The low end when a range is given.
    pub value: f64,
    /// The status at the model's date.
    pub status: Status,
    /// Dated steps, oldest first; targets dated before the model's year are left out.
    pub steps: Vec<Step>,
    /// Targets dated before the model's year and not reached: not counted.
    pub stale: bool,
    pub source: SourceId,
}

/// What the adapter found at a stage: entries, and the plants it could not turn into one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StageSupply {
    pub entries: Vec<SupplyEntry>,
    /// Producing or pipeline plants with no capacity at the stage.
    pub unknown: Vec<FacilityId>,
    /// Plants the exclusion took out.
    pub excluded: Vec<FacilityId>,
}

/// The capacities of `stage` left by the exclusion: the one adapter from the model.
pub fn entries(m: &Model, stage: StageId, rule: Exclusion) -> StageSupply {
    let mut out = StageSupply::default();
    let this_year = m.as_of_date().year;
    let facilities = m.get_stage(stage).map_or(&[][..], |s| &s.facilities);
    for &x in facilities {
        if !does_stage(m, x, stage) {
            continue;
        }
        if rule.is_out(m, x) {
            out.excluded.push(x);
            continue;
        }
        let f = &m.facility(x);
        let Some(cap) = f.capacity_at(stage) else {
            if f.status.is_producing() || f.status.is_pipeline() {
                out.unknown.push(x);
            }
            continue;
        };
        let stale_step = |e: &crate::model::LifecycleEntry| e.planned && e.date.year < this_year;
        let steps: Vec<Step> = f
            .lifecycle
            .iter()
            .filter(|e| !stale_step(e))
            .map(|e| Step {
                year: e.date.year,
                status: e.status,
                planned: e.planned,
            })
            .collect();
        out.entries.push(SupplyEntry {
            facility: x,
            stage,
            unit: cap.unit.trim().to_owned(),
            basis: cap.basis.unwrap_or(Basis::Nameplate),
            value: cap.value,
            status: f.status,
            stale: f.lifecycle.iter().any(stale_step),
            steps,
            source: cap.source,
        });
    }
    out
}

/// Reported output of facility `x` at `stage` in `year`: the first annual figure listed, with
/// its unit (quarters are not years).
pub fn reported(m: &Model, x: FacilityId, stage: StageId, year: u16) -> Option<(f64, &str)> {
    let f = &m.facility(x);
    f.output
        .iter()
        .filter(|o| o.year == Some(year))
        .filter(|o| o.stage.is_none_or(|s| s == stage))
        .find(|o| {
            let words = format!(
                "{} {}",
                o.label.as_deref().unwrap_or(""),
                o.note.as_deref().unwrap_or("")
            );
            !words.to_lowercase().contains("quarter")
        })
        .map(|o| (o.value, &*o.unit))
}
