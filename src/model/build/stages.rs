//! Stages, their share blocks, and the demand their output meets.

use super::Index;
use crate::model::id::{self, CountryId, StageId};
use crate::model::schema::{self, ChainFile};
use crate::model::{Demand, ShareBlock, Stage};

pub(super) fn stages(file: &ChainFile, ix: &Index) -> Vec<Stage> {
    file.stages
        .iter()
        .zip(id::ids::<Stage>(file.stages.len()))
        .map(|(s, i)| {
            let inputs = match &s.inputs {
                Some(list) => list
                    .iter()
                    .filter_map(|id| ix.stage.get(id.as_str()).copied())
                    .collect(),
                None if i.index() > 0 => vec![StageId::new(i.index() - 1)],
                None => Vec::new(),
            };
            Stage {
                id: s.id.clone(),
                name: s.name.clone(),
                makes: s.makes.clone(),
                inputs,
                notes: s.notes.clone(),
                shares: s.shares.iter().map(|b| share_block(b, ix)).collect(),
                facilities: Vec::new(),
                firms: Vec::new(),
            }
        })
        .collect()
}

/// A block's values by country, and as percents largest first (quantities scaled by
/// their total).
fn share_block(b: &schema::ShareBlock, ix: &Index) -> ShareBlock {
    let values: Vec<(CountryId, f64)> = b
        .countries
        .iter()
        .filter_map(|(code, &v)| ix.country.get(code.as_str()).map(|&c| (c, v)))
        .collect();
    let scale = match (b.unit.as_ref(), b.total) {
        (Some(_), Some(total)) if total > 0.0 => 100.0 / total,
        _ => 1.0,
    };
    let mut percents: Vec<(CountryId, f64)> = values.iter().map(|&(c, v)| (c, v * scale)).collect();
    percents.sort_by(|a, b| b.1.total_cmp(&a.1));
    ShareBlock {
        year: b.year,
        metric: b.metric.clone(),
        source: ix.src(b.source.as_deref()),
        quoted_by: b.quoted_by.as_deref().map(|id| ix.src(Some(id))),
        unit: b.unit.clone(),
        total: b.total,
        values,
        percents,
        note: b.note.clone(),
    }
}

pub(super) fn demand(file: &ChainFile, ix: &Index) -> Vec<Demand> {
    file.demand
        .iter()
        .map(|d| {
            let mut stages: Vec<StageId> = d
                .stages
                .iter()
                .filter_map(|id| ix.stage.get(id.as_str()).copied())
                .collect();
            stages.sort_unstable();
            stages.dedup();
            Demand {
                metric: d.metric.clone(),
                stages,
                product: d.product.clone(),
                unit: d.unit.clone(),
                basis: d.basis.clone(),
                scenario: d.scenario.clone(),
                region: d.region.clone(),
                values: d.values.iter().map(|(&y, &v)| (y, v)).collect(),
                source: ix.src(d.source.as_deref()),
                note: d.note.clone(),
            }
        })
        .collect()
}
