//! The lines others draw, each with the id of the source (in the model's `sources:`) that
//! publishes it.

/// A published threshold and the model source that states it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Threshold {
    pub value: f64,
    /// Source id in the model.
    pub source: &'static str,
}

/// HHI (percent shares, 0–10,000) above which the US merger guidelines (2023) call a market
/// highly concentrated.
pub const HHI_HIGHLY_CONCENTRATED: Threshold = Threshold {
    value: 1800.0,
    source: "us-merger-guidelines-2023",
};

/// HHI (fractional shares, 0–1) above which CEPII's `GeoDep` calls a product's imports, or its
/// world exports, concentrated.
pub const GEODEP_CONCENTRATED: Threshold = Threshold {
    value: 0.4,
    source: "cepii-geodep",
};

/// Percent of the EU's yearly use of a strategic raw material, at any stage of processing,
/// that the Critical Raw Materials Act would have come from no single third country.
pub const CRMA_SINGLE_COUNTRY: Threshold = Threshold {
    value: 65.0,
    source: "eu-crma-2024",
};

/// Every threshold, for checks that the model cites them all.
pub const ALL: [Threshold; 3] = [
    HHI_HIGHLY_CONCENTRATED,
    GEODEP_CONCENTRATED,
    CRMA_SINGLE_COUNTRY,
];
