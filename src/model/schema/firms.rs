//! Firms, their facilities, the facilities' dated histories and figures, and who owns what.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{DateText, Status};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Firm {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(
        default = "FirmKind::default_kind",
        skip_serializing_if = "FirmKind::is_company"
    )]
    pub kind: FirmKind,
    pub hq: String,
    pub summary: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facilities: Vec<Facility>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Who owns the firm, entry by entry as holdings changed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub owners: Vec<Owner>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FirmKind {
    Company,
    Government,
    Research,
    Financier,
}

impl FirmKind {
    fn default_kind() -> Self {
        FirmKind::Company
    }
    #[allow(
        clippy::trivially_copy_pass_by_ref,
        reason = "serde's skip_serializing_if passes a reference"
    )]
    fn is_company(&self) -> bool {
        *self == FirmKind::Company
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Facility {
    pub id: String,
    pub name: String,
    pub country: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    pub stages: Vec<String>,
    /// What the facility makes, as `<what> <form>` (`NdPr oxide`, `NdFeB magnets`, `other: zinc`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub products: Vec<String>,
    /// Why a facility in a rare-earth stage makes no rare earth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub products_note: Option<String>,
    /// The status without a date, as older files give it; newer ones give `lifecycle`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// Dated status history, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lifecycle: Vec<LifecycleEntry>,
    /// The capacity of one of the facility's stages (`stage:` names it when the facility has
    /// several); it counts in that stage's tables and sums only. Routes use it for their
    /// bottleneck.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<Figure>,
    /// Why no capacity is public, in place of `capacity`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_unknown: Option<String>,
    /// Reported production, kept apart from the nameplate.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub output: Vec<Figure>,
    /// Further sourced figures: conflicting estimates, targets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<Figure>,
    /// Owners, where they differ from the firm's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub owners: Vec<Owner>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// One step of a facility's history: a status reached on a date, or, when `planned`, a target.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LifecycleEntry {
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<DateText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub planned: bool,
    /// For a target whose date has passed: when the sources were last searched for what
    /// happened without finding it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked: Option<DateText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A holding in a firm or facility from a date: who holds it and how much.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Owner {
    /// A firm id in the model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub firm: Option<String>,
    /// A government, by country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub government: Option<String>,
    /// Any other holder, by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Where a holder given by `name` is based.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Percent held; 0 records a sale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
    /// In place of `share` when the percentage is not public.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub control: Option<Control>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<DateText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Control {
    Controlling,
    Minority,
}

/// A sourced number (the source is checked by validation so a missing one is reported with the rest): a capacity, an output, a target.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The stage the figure measures, by id; a capacity of a facility at several stages names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// What kind of figure it is: nameplate (the default for a capacity), design, expected, target,
    /// run-rate or output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<Basis>,
    pub value: f64,
    /// Upper end when the source gives a range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    pub unit: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What a figure measures: what a plant is built for, what is planned, or what it makes.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    /// Installed capacity, as the owner states it.
    Nameplate,
    /// What the plant is designed for, before it is built or proven.
    Design,
    /// What the owner expects once running.
    Expected,
    /// A goal for a later date.
    Target,
    /// What the plant runs at now.
    RunRate,
    /// Reported production over a period.
    Output,
}

impl Basis {
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Nameplate => "nameplate",
            Basis::Design => "design",
            Basis::Expected => "expected",
            Basis::Target => "target",
            Basis::RunRate => "run-rate",
            Basis::Output => "output",
        }
    }
}
