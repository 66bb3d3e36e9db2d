//! How concentrated a stage is by country: top shares and the Herfindahl–Hirschman index.

use crate::analysis::resilience::thresholds::HHI_HIGHLY_CONCENTRATED;
use crate::model::{CountryId, ShareBlock};

#[derive(Debug, Clone, PartialEq)]
pub struct Concentration {
    /// The largest producer and its percent; None when the block lists no country.
    pub top1: Option<(CountryId, f64)>,
    /// Percent held by the three largest producers together.
    pub top3: f64,
    /// Sum of squared percentage shares of the listed countries (0–10,000).
    pub hhi: f64,
    /// Percent that the block attributes to no country.
    pub unreported: f64,
}

pub fn concentration(block: &ShareBlock) -> Concentration {
    // `percents` is sorted largest first, and holds percents even for quantity blocks.
    let percents = &block.percents;
    Concentration {
        top1: percents.first().copied(),
        top3: percents.iter().take(3).map(|&(_, p)| p).sum(),
        hhi: percents.iter().map(|&(_, p)| p * p).sum(),
        unreported: block.unreported(),
    }
}

/// How concentrated an HHI figure says a market is, by the one line the model sources (the
/// US merger guidelines of 2023, the same line `resilience` draws).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HhiLevel {
    High,
    BelowHigh,
}

pub fn hhi_level(hhi: f64) -> HhiLevel {
    if hhi > HHI_HIGHLY_CONCENTRATED.value {
        HhiLevel::High
    } else {
        HhiLevel::BelowHigh
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Id;

    /// Countries of a block made by hand: only telling them apart matters.
    fn block(percents: &[(usize, f64)]) -> ShareBlock {
        let percents: Vec<(CountryId, f64)> =
            percents.iter().map(|&(c, p)| (Id::new(c), p)).collect();
        ShareBlock {
            year: Some(2024),
            metric: "output".into(),
            source: Id::new(0),
            quoted_by: None,
            unit: None,
            total: None,
            values: percents.clone(),
            percents,
            note: None,
        }
    }

    #[test]
    fn single_producer_is_a_monopoly() {
        let c = concentration(&block(&[(0, 100.0)]));
        assert_eq!(c.top1, Some((Id::new(0), 100.0)));
        assert_eq!(c.top3, 100.0);
        assert_eq!(c.hhi, 10_000.0);
        assert_eq!(c.unreported, 0.0);
    }

    #[test]
    fn empty_block_has_no_leader() {
        let c = concentration(&block(&[]));
        assert_eq!(c.top1, None);
        assert_eq!(c.top3, 0.0);
        assert_eq!(c.hhi, 0.0);
        assert_eq!(c.unreported, 100.0);
    }

    #[test]
    fn four_countries() {
        // 50² + 20² + 10² + 5² = 2500 + 400 + 100 + 25
        let c = concentration(&block(&[(3, 50.0), (1, 20.0), (0, 10.0), (2, 5.0)]));
        assert_eq!(c.top1, Some((Id::new(3), 50.0)));
        assert_eq!(c.top3, 80.0);
        assert_eq!(c.hhi, 3025.0);
        assert_eq!(c.unreported, 15.0);
        assert_eq!(hhi_level(c.hhi), HhiLevel::High);
        assert_eq!(
            hhi_level(1800.0),
            HhiLevel::BelowHigh,
            "the line is \"above 1,800\""
        );
        assert_eq!(hhi_level(1800.5), HhiLevel::High);
    }
}
