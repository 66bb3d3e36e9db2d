//! Nameplate capacity of a stage by country: one table per unit and phase (capacities in
//! different units are never added), each country's share of the listed total, and how many
//! facilities publish no capacity.

use std::collections::BTreeSet;

use super::ownership::ExcludeBy;
use super::plants::does_stage;
use super::whatif::Exclusion;
use crate::model::{CountryId, Facility, FacilityId, Figure, Model, StageId, Status};

/// Producing now, or on the way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Phase {
    /// Operating or ramping.
    Operating,
    /// Announced, financed, under construction or commissioning.
    Pipeline,
}

impl Phase {
    pub fn of(status: Status) -> Option<Phase> {
        if status.is_producing() {
            Some(Phase::Operating)
        } else if status.is_pipeline() {
            Some(Phase::Pipeline)
        } else {
            None
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Operating => "operating",
            Phase::Pipeline => "pipeline",
        }
    }
}

/// One country's capacity in one table.
#[derive(Debug, Clone, PartialEq)]
pub struct CountryCapacity {
    pub country: CountryId,
    /// Sum of the low ends (the values).
    pub value: f64,
    /// Sum of the high ends (the value where no range is given).
    pub max: f64,
    /// Percent of the table's total (of the low ends).
    pub share: f64,
    /// The facilities summed, in model order.
    pub facilities: Vec<FacilityId>,
}

/// Capacities of one phase in one unit.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitTable {
    pub phase: Phase,
    pub unit: String,
    /// Largest first.
    pub rows: Vec<CountryCapacity>,
    pub total: f64,
    pub total_max: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CapacityReport {
    pub stage: StageId,
    /// Operating tables first, then pipeline; within a phase the unit with most facilities first.
    pub tables: Vec<UnitTable>,
    /// Facilities of each phase with no public capacity, in model order.
    pub without_capacity: Vec<(Phase, Vec<FacilityId>)>,
    /// Facilities of each phase whose only capacity here is in a unit the source leaves
    /// unclear: shown, never summed.
    pub unclear_unit: Vec<(Phase, Vec<FacilityId>)>,
    /// Facilities neither producing nor in the pipeline (pilot, exploration, suspended,
    /// closed, cancelled, unknown): not summed.
    pub other_status: Vec<FacilityId>,
    /// Facilities the exclusion took out.
    pub excluded: Vec<FacilityId>,
}

/// What a sum covers: of the plants of its phase, how many it adds, how many give a capacity
/// in another unit or in an unclear one, and which give none. The four parts add up to
/// `plants`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    /// Plants of the phase at the stage (after the exclusion).
    pub plants: usize,
    /// Plants the sum adds.
    pub summed: usize,
    /// Plants whose capacity is in another unit only, summed in another table.
    pub other_units: usize,
    /// Plants whose capacity here is in a unit the source leaves unclear.
    pub unclear: Vec<FacilityId>,
    /// Plants with no public capacity at this stage.
    pub without: Vec<FacilityId>,
}

impl Coverage {
    /// Whether plants outside the sum may hold capacity: any share of the sum is then a
    /// share of what is listed, not of the stage.
    pub fn is_partial(&self) -> bool {
        self.summed < self.plants
    }
}

impl CapacityReport {
    pub fn without(&self, phase: Phase) -> &[FacilityId] {
        self.without_capacity
            .iter()
            .find(|(p, _)| *p == phase)
            .map_or(&[], |(_, list)| list)
    }

    /// Facilities of `phase` whose capacity here is only in an unclear unit.
    pub fn unclear(&self, phase: Phase) -> &[FacilityId] {
        self.unclear_unit
            .iter()
            .find(|(p, _)| *p == phase)
            .map_or(&[], |(_, list)| list)
    }

    /// Facilities of `phase` summed in at least one table: a facility may give capacities
    /// in several units.
    pub fn summed(&self, phase: Phase) -> usize {
        let mut seen = BTreeSet::new();
        for t in self.tables.iter().filter(|t| t.phase == phase) {
            seen.extend(t.facilities());
        }
        seen.len()
    }

    /// What the sum of `table` covers of its phase.
    pub fn coverage(&self, table: &UnitTable) -> Coverage {
        let in_phase = self.summed(table.phase);
        let without = self.without(table.phase).to_vec();
        let unclear = self.unclear(table.phase).to_vec();
        let summed = table.facilities().count();
        Coverage {
            plants: in_phase + unclear.len() + without.len(),
            summed,
            other_units: in_phase - summed,
            unclear,
            without,
        }
    }
}

/// Capacity of `stage` by country, leaving out what the exclusion takes out.
pub fn capacity_by_country(
    m: &Model,
    stage: StageId,
    excluded: &BTreeSet<CountryId>,
    by: ExcludeBy,
) -> CapacityReport {
    let mut tables: Vec<UnitTable> = Vec::new();
    let mut without_capacity: Vec<(Phase, Vec<FacilityId>)> = vec![
        (Phase::Operating, Vec::new()),
        (Phase::Pipeline, Vec::new()),
    ];
    let mut unclear_unit: Vec<(Phase, Vec<FacilityId>)> = vec![
        (Phase::Operating, Vec::new()),
        (Phase::Pipeline, Vec::new()),
    ];
    let mut other_status = Vec::new();
    let mut out = Vec::new();
    let rule = Exclusion::new(excluded, by);
    let facilities = m.get_stage(stage).map_or(&[][..], |s| &s.facilities);
    for &x in facilities {
        if !does_stage(m, x, stage) {
            continue;
        }
        if rule.is_out(m, x) {
            out.push(x);
            continue;
        }
        let f = &m.facility(x);
        let Some(phase) = Phase::of(f.status) else {
            other_status.push(x);
            continue;
        };
        if f.capacity_at(stage).is_none() {
            without_capacity[phase as usize].1.push(x);
            continue;
        }
        // The first entry in each unit counts; later ones (a second estimate) do not add.
        let mut units: Vec<&str> = Vec::new();
        for cap in f.capacities_at(stage) {
            let unit = cap.unit.trim();
            if cap.sum_unit().is_none() || units.contains(&unit) {
                continue;
            }
            units.push(unit);
            UnitTable::find_or_add(&mut tables, phase, unit).add(f.country, x, cap);
        }
        if units.is_empty() {
            unclear_unit[phase as usize].1.push(x);
        }
    }
    for table in &mut tables {
        table.rank_rows();
    }
    let size = |t: &UnitTable| t.rows.iter().map(|r| r.facilities.len()).sum::<usize>();
    // Stable, so units with as many facilities keep model order.
    tables.sort_by(|a, b| a.phase.cmp(&b.phase).then(size(b).cmp(&size(a))));
    CapacityReport {
        stage,
        tables,
        without_capacity,
        unclear_unit,
        other_status,
        excluded: out,
    }
}

impl UnitTable {
    /// The entry of facility `f` at `stage` this table sums.
    pub fn figure<'m>(&self, f: &'m Facility, stage: StageId) -> Option<&'m Figure> {
        f.capacities_at(stage)
            .find(|c| c.sum_unit().is_some() && c.unit.trim() == self.unit)
    }

    /// The facilities summed, country by country.
    pub fn facilities(&self) -> impl Iterator<Item = FacilityId> + '_ {
        self.rows.iter().flat_map(|r| r.facilities.iter().copied())
    }

    /// The table of `phase` and `unit`, added empty at the end when there is none yet.
    fn find_or_add<'t>(
        tables: &'t mut Vec<UnitTable>,
        phase: Phase,
        unit: &str,
    ) -> &'t mut UnitTable {
        let at = if let Some(at) = tables
            .iter()
            .position(|t| t.phase == phase && t.unit == unit)
        {
            at
        } else {
            tables.push(UnitTable {
                phase,
                unit: unit.to_owned(),
                rows: Vec::new(),
                total: 0.0,
                total_max: 0.0,
            });
            tables.len() - 1
        };
        &mut tables[at]
    }

    /// Adds facility `x` of `country` with capacity `cap` to its country's row and the totals.
    fn add(&mut self, country: CountryId, x: FacilityId, cap: &Figure) {
        let high = cap.max.unwrap_or(cap.value).max(cap.value);
        self.total += cap.value;
        self.total_max += high;
        match self.rows.iter_mut().find(|r| r.country == country) {
            Some(row) => {
                row.value += cap.value;
                row.max += high;
                row.facilities.push(x);
            }
            None => self.rows.push(CountryCapacity {
                country,
                value: cap.value,
                max: high,
                share: 0.0,
                facilities: vec![x],
            }),
        }
    }

    /// Sets each row's share of the total and puts the largest first.
    fn rank_rows(&mut self) {
        for row in &mut self.rows {
            row.share = if self.total > 0.0 {
                100.0 * row.value / self.total
            } else {
                0.0
            };
        }
        self.rows
            .sort_by(|a, b| b.value.total_cmp(&a.value).then(a.country.cmp(&b.country)));
    }
}

/// Output set against nameplate: a whole year's output in the capacity's unit, of the year the
/// capacity is given for.
#[derive(Debug, Clone, Copy)]
pub struct Utilisation<'m> {
    pub output: &'m Figure,
    /// Output as a percent of the nameplate (its low end).
    pub percent: f64,
}

/// The utilisation of `cap`, one of facility `f`'s capacities, where both figures exist: a
/// nameplate with a year and a canonical unit, and an output of that year and unit covering
/// the whole year (the last one listed when several do).
pub fn utilisation<'m>(f: &'m Facility, cap: &Figure) -> Option<Utilisation<'m>> {
    if !matches!(cap.basis, None | Some(crate::model::Basis::Nameplate)) || cap.value <= 0.0 {
        return None;
    }
    let (year, unit) = (cap.year?, cap.sum_unit()?);
    let output = f.output.iter().rev().find(|o| {
        o.year == Some(year)
            && o.months.is_none_or(|m| m == 12)
            && o.sum_unit() == Some(unit)
            && !o.unit.trim().ends_with("/yr")
    })?;
    Some(Utilisation {
        output,
        percent: 100.0 * output.value / cap.value,
    })
}
