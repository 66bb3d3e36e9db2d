//! How a share block is named everywhere: its year, its metric, and `projection` when the
//! year is after the model's date, so a forecast is never read as a measure.

use crate::model::{Model, ShareBlock};
use crate::text::one_line;

/// A block dated after the model's date: a forecast.
pub fn is_projection(m: &Model, block: &ShareBlock) -> bool {
    block.year.is_some_and(|y| y > m.as_of_date().year)
}

/// A figure this many years older than the model's date is said to be old.
const STALE_YEARS: u16 = 5;

/// `latest figure available then: 2010`, for a headline block whose figure is more than five
/// years older than the date the model is read at.
pub fn stale_note(m: &Model, block: &ShareBlock) -> Option<String> {
    let year = block.year?;
    (year + STALE_YEARS < m.as_of_date().year)
        .then(|| format!("latest figure available then: {year}"))
}

/// `2024 · mine production`, `2035 · share of refined output · projection`.
pub fn block_heading(m: &Model, block: &ShareBlock) -> String {
    let metric = one_line(&block.metric);
    let mut heading = match block.year {
        Some(y) => format!("{y} · {metric}"),
        None => metric.into_owned(),
    };
    if is_projection(m, block) && !block.metric.to_lowercase().contains("projection") {
        heading.push_str(" · projection");
    }
    heading
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Origin;
    use crate::model::load::load_text;

    #[test]
    fn later_years_are_projections() {
        let text = "version: 1\nmeta: { title: T, as_of: 2026-01-01 }\n\
            sources: { s: { publisher: P, title: T, year: 2025 } }\ncountries: { CN: China }\n\
            stages:\n  - id: a\n    name: A\n    shares:\n\
            \x20     - { year: 2024, metric: output, source: s, countries: { CN: 60 } }\n\
            \x20     - { year: 2030, metric: output, source: s, countries: { CN: 50 } }\n";
        let m = load_text(text, Origin::Embedded).expect("valid");
        let a = m.stage_by_id("a").expect("stage a");
        let shares = &m.stage(a).shares;
        assert_eq!(block_heading(&m, &shares[0]), "2024 · output");
        assert_eq!(block_heading(&m, &shares[1]), "2030 · output · projection");
        assert_eq!(m.headline_block(a), Some(0));
    }
}
