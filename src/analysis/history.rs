//! A stage through time: each country's share across the stage's dated blocks, one series per
//! metric and source, and the nameplate capacity producing in each year with the pipeline by
//! target year, one unit at a time.

use std::collections::BTreeMap;

use crate::model::{CountryId, Model, SourceId, StageId, Status};

/// One metric from one source, across the years it gives.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareSeries {
    pub metric: String,
    pub source: SourceId,
    /// Oldest first, one point a year.
    pub points: Vec<SharePoint>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SharePoint {
    pub year: u16,
    /// After the model's date: a forecast, not a record.
    pub projection: bool,
    /// Index into the stage's share blocks.
    pub block: usize,
    /// Country and percent of world, largest first.
    pub percents: Vec<(CountryId, f64)>,
}

impl SharePoint {
    /// The country's percent, 0 when the block does not list it.
    pub fn percent(&self, country: CountryId) -> Option<f64> {
        self.percents
            .iter()
            .find(|(c, _)| *c == country)
            .map(|&(_, p)| p)
    }
}

/// The stage's share blocks as series. A block without a year counts as of its source's
/// year, as the headline does; one with neither is left out.
pub fn share_series(m: &Model, stage: StageId) -> Vec<ShareSeries> {
    let mut series: Vec<ShareSeries> = Vec::new();
    let Some(st) = m.get_stage(stage) else {
        return series;
    };
    for (i, b) in st.shares.iter().enumerate() {
        let Some(year) = b
            .year
            .or_else(|| m.get_source(b.source).and_then(|s| s.year))
        else {
            continue;
        };
        let point = SharePoint {
            year,
            projection: year > m.as_of_date().year,
            block: i,
            percents: b.percents.clone(),
        };
        match series
            .iter_mut()
            .find(|s| s.metric == b.metric && s.source == b.source)
        {
            Some(s) if s.points.iter().any(|p| p.year == year) => {}
            Some(s) => s.points.push(point),
            None => series.push(ShareSeries {
                metric: b.metric.clone(),
                source: b.source,
                points: vec![point],
            }),
        }
    }
    for s in &mut series {
        s.points.sort_by_key(|p| p.year);
    }
    series
}

/// Countries the series name, the largest in the latest recorded point first.
pub fn series_countries(series: &[ShareSeries]) -> Vec<CountryId> {
    let mut weight: BTreeMap<CountryId, (u16, f64)> = BTreeMap::new();
    for s in series {
        for p in &s.points {
            let year = if p.projection { 0 } else { p.year };
            for &(c, pct) in &p.percents {
                let w = weight.entry(c).or_insert((year, pct));
                if year > w.0 || (year == w.0 && pct > w.1) {
                    *w = (year, pct);
                }
            }
        }
    }
    let mut countries: Vec<(CountryId, (u16, f64))> = weight.into_iter().collect();
    countries.sort_by(|a, b| {
        (b.1.0, b.1.1)
            .partial_cmp(&(a.1.0, a.1.1))
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.0.cmp(&b.0))
    });
    countries.into_iter().map(|(c, _)| c).collect()
}

/// The nameplate capacity of a stage's facilities in one unit, through time.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitCapacity {
    pub unit: String,
    /// Each year from the first producing one to the model's year: the capacity of the
    /// facilities operating or ramping at some time in the year.
    pub operating: Vec<(u16, f64)>,
    /// Capacity of facilities not yet producing, by the year their start-up is targeted.
    pub pipeline: Vec<(u16, f64)>,
    /// Producing now but with no dated history, so in no year: capacity and count.
    pub undated: (f64, usize),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct CapacityHistory {
    /// One entry per unit, in order of first appearance: units are never added together.
    pub units: Vec<UnitCapacity>,
    /// Facilities of the stage that give no capacity.
    pub without_capacity: usize,
}

/// One unit's sums while they are gathered: year -> capacity producing, and target year ->
/// capacity to come.
type Tally = (String, BTreeMap<u16, f64>, BTreeMap<u16, f64>, (f64, usize));

/// The capacity history of a stage, of the facilities in `country` when given.
pub fn capacity_history(m: &Model, stage: StageId, country: Option<CountryId>) -> CapacityHistory {
    let mut history = CapacityHistory::default();
    let Some(st) = m.get_stage(stage) else {
        return history;
    };
    let now = m.as_of_date().year;
    let mut by_unit: Vec<Tally> = Vec::new();
    for &x in &st.facilities {
        let f = &m.facility(x);
        if country.is_some_and(|c| f.country != c) {
            continue;
        }
        let Some(cap) = f.capacity_at(stage) else {
            history.without_capacity += 1;
            continue;
        };
        let slot = if let Some(i) = by_unit.iter().position(|u| *u.0 == *cap.unit) {
            i
        } else {
            by_unit.push((
                cap.unit.to_string(),
                BTreeMap::new(),
                BTreeMap::new(),
                (0.0, 0),
            ));
            by_unit.len() - 1
        };
        let (_, operating, pipeline, undated) = &mut by_unit[slot];
        let real: Vec<(u16, Status)> = f
            .lifecycle
            .iter()
            .filter(|e| !e.planned)
            .map(|e| (e.date.year, e.status))
            .collect();
        if real.is_empty() {
            if f.status.is_producing() {
                undated.0 += cap.value;
                undated.1 += 1;
            }
        } else {
            for year in real[0].0..=now {
                let before = real.iter().rev().find(|(y, _)| *y < year);
                let producing = before.is_some_and(|(_, s)| s.is_producing())
                    || real.iter().any(|(y, s)| *y == year && s.is_producing());
                if producing {
                    *operating.entry(year).or_insert(0.0) += cap.value;
                }
            }
        }
        if !f.status.is_producing() && !f.status.is_stopped() {
            let after = f.current.map_or(0, |c| c + 1);
            if let Some(target) = f.lifecycle.iter().skip(after).find(|e| {
                e.planned
                    && matches!(
                        e.status,
                        Status::Operating | Status::Ramping | Status::Commissioning
                    )
            }) {
                *pipeline.entry(target.date.year).or_insert(0.0) += cap.value;
            }
        }
    }
    for (unit, operating, pipeline, undated) in by_unit {
        let operating = match (operating.keys().next(), operating.keys().last()) {
            (Some(&first), Some(&last)) => (first..=last.max(now))
                .map(|y| (y, operating.get(&y).copied().unwrap_or(0.0)))
                .collect(),
            _ => Vec::new(),
        };
        history.units.push(UnitCapacity {
            unit,
            operating,
            pipeline: pipeline.into_iter().collect(),
            undated,
        });
    }
    history
}
