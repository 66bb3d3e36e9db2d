//! How concentrated each stage is by country, and what is left when its largest country
//! goes (N−1), from the stage's headline share block.

use crate::analysis::concentration::{Concentration, concentration};
use crate::analysis::whatif::Exclusion;
use crate::model::{CountryId, Model, StageId};

/// Whether what is left of a stage covers demand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coverage {
    /// The model holds no demand figures to weigh the share left against.
    NeedsDemandData,
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
        coverage: coverage_of_demand(model, stage, n_minus_one.map(|n| n.left)),
    }
}

/// Whether the output left after N−1 covers the stage's demand. The model records no demand
/// yet, so the answer is always that demand data is needed; a supply-against-demand balance
/// fills this in.
pub fn coverage_of_demand(_model: &Model, _stage: StageId, _left: Option<f64>) -> Coverage {
    Coverage::NeedsDemandData
}
