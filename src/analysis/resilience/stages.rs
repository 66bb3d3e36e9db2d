//! How concentrated each stage is by country, and what is left when its largest country
//! goes (N−1), from the stage's headline share block.

use crate::analysis::balance::StageBalance;
use crate::analysis::concentration::{Concentration, concentration};
use crate::analysis::whatif::Exclusion;
use crate::model::{CountryId, Model, StageId};

/// Whether what is left of a stage after N−1 covers demand.
#[derive(Debug, Clone, PartialEq)]
pub enum Coverage {
    /// No world demand series converts into the stage's unit in the years balanced.
    NeedsDemandData,
    /// The stage's supply once its largest country still in goes too, against demand.
    Compared(LeftCoverage),
}

/// Supply left after N−1 against the world demand series compared first: its earliest
/// published year, the lowest coverage on a tie.
#[derive(Debug, Clone, PartialEq)]
pub struct LeftCoverage {
    /// Index into the model's demand series.
    pub series: usize,
    pub year: u16,
    /// The balance's headline supply (feed-limited where known, else ramped), in the stage's
    /// unit.
    pub supply: f64,
    pub demand: f64,
    /// The stage's unit, in which supply and demand are.
    pub unit: String,
    /// Plants the supply sums, of the stage's plants left.
    pub summed: usize,
    pub plants: usize,
}

impl LeftCoverage {
    /// supply ÷ demand.
    pub fn ratio(&self) -> f64 {
        self.supply / self.demand
    }
}

/// What is left of a stage when its largest country (after any exclusion) goes too.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NMinusOne {
    /// The largest country still in.
    pub country: CountryId,
    /// Its percent share.
    pub share: f64,
    /// Percent of output left without it (and without the excluded countries).
    pub left: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StageIndicators {
    pub stage: StageId,
    /// The headline share block (index into the stage's shares); None when it has none.
    pub block: Option<usize>,
    /// None when the stage has no share block.
    pub concentration: Option<Concentration>,
    /// Percent left once the excluded countries go; None without an exclusion.
    pub left: Option<f64>,
    /// None when no country is left to lose.
    pub n_minus_one: Option<NMinusOne>,
    pub coverage: Coverage,
}

/// The indicators of one stage under an exclusion.
pub fn stage_indicators(model: &Model, stage: StageId, exclusion: Exclusion) -> StageIndicators {
    let block = model.headline_block(stage);
    let shares = block.map(|b| &model.stage(stage).shares[b]);
    let left = shares
        .filter(|_| exclusion.is_active())
        .map(|b| exclusion.left(b).percent);
    let n_minus_one = shares.and_then(|b| {
        let &(country, share) = b
            .percents
            .iter()
            .find(|&&(c, _)| !exclusion.excludes_country(c))?;
        Some(NMinusOne {
            country,
            share,
            left: (left.unwrap_or(100.0) - share).max(0.0),
        })
    });
    StageIndicators {
        stage,
        block,
        concentration: shares.map(concentration),
        left,
        n_minus_one,
        coverage: Coverage::NeedsDemandData,
    }
}

/// Whether the stage's supply in `left` (its balance with the largest country still in
/// excluded too) covers world demand in the first year a series can be compared.
pub fn coverage_of_demand(model: &Model, left: &StageBalance) -> Coverage {
    let (plants, _) = left.plants_without_capacity();
    left.demand
        .iter()
        .filter(|d| {
            model.demand()[d.series]
                .region
                .eq_ignore_ascii_case("world")
        })
        .filter_map(|d| Some((d.series, *d.result.as_ref().ok()?.first()?)))
        .min_by(|(_, a), (_, b)| a.year.cmp(&b.year).then(a.ratio.total_cmp(&b.ratio)))
        .map_or(Coverage::NeedsDemandData, |(series, c)| {
            Coverage::Compared(LeftCoverage {
                series,
                year: c.year,
                supply: c.supply,
                demand: c.demand,
                unit: left.unit.clone().unwrap_or_default(),
                summed: left.summed.len(),
                plants,
            })
        })
}
