//! Words for the choices a reader makes and the readings the analysis gives: how excluded
//! countries take facilities out, which statuses a list keeps, how concentrated a stage is.

use crate::analysis::concentration::HhiLevel;
use crate::analysis::ownership::{ExcludeBy, ExclusionMode};
use crate::analysis::plants::StatusScope;

/// `by location`, `by owner (≥25% or controlling)`, `by location or owner (≥25%…)`.
pub fn exclusion_rule(by: ExcludeBy) -> String {
    let rule = format!("≥{}% or controlling", by.control);
    match by.mode {
        ExclusionMode::Location => "by location".into(),
        ExclusionMode::Owner => format!("by owner ({rule})"),
        ExclusionMode::Either => format!("by location or owner ({rule})"),
    }
}

/// What a status scope keeps.
pub fn status_scope(scope: StatusScope) -> &'static str {
    match scope {
        StatusScope::Operating => "operating or ramping",
        StatusScope::Pipeline => "pipeline: announced, financed, construction or commissioning",
        StatusScope::All => "every status",
    }
}

/// The usual reading of an HHI figure.
pub fn hhi_level(level: HhiLevel) -> &'static str {
    match level {
        HhiLevel::High => "highly concentrated",
        HhiLevel::BelowHigh => "not highly concentrated",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_owner_rule_names_its_threshold() {
        let by = |mode| ExcludeBy { mode, control: 30 };
        assert_eq!(exclusion_rule(by(ExclusionMode::Location)), "by location");
        assert_eq!(
            exclusion_rule(by(ExclusionMode::Owner)),
            "by owner (≥30% or controlling)"
        );
        assert_eq!(
            exclusion_rule(by(ExclusionMode::Either)),
            "by location or owner (≥30% or controlling)"
        );
    }
}
