//! What ties firms and facilities together over time: links and dated events.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::DateText;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// A firm or facility id.
    pub from: String,
    /// A firm or facility id.
    pub to: String,
    pub kind: LinkKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub what: Option<String>,
    /// When the link began.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<DateText>,
    /// When it was suspended or ended; from then on it carries nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<DateText>,
    /// `active` (the default), or `suspended` or `ended` from `end`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<LinkStatus>,
    /// The source for `end`, when another than the link's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Whether a link still holds.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, JsonSchema, Default)]
#[serde(rename_all = "lowercase")]
pub enum LinkStatus {
    #[default]
    Active,
    /// Stopped, and may resume.
    Suspended,
    /// Over.
    Ended,
}

impl LinkStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkStatus::Active => "active",
            LinkStatus::Suspended => "suspended",
            LinkStatus::Ended => "ended",
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LinkKind {
    /// Material flows from `from` to `to`.
    Supplies,
    /// `to` has agreed to buy `from`'s output (material flows from `from` to `to`).
    Offtake,
    /// `from` owns (part of) `to`.
    Ownership,
    /// `from` invests money in `to`.
    Investment,
    Loan,
    Grant,
    Partnership,
    JointVenture,
    /// `from` pays `to` for work (a design or services contract).
    Contract,
    /// `from` guarantees `to` a price (a floor or a contract for difference).
    PriceSupport,
}

impl LinkKind {
    /// Whether material moves along this link, so routes may follow it.
    pub fn carries_material(self) -> bool {
        matches!(self, LinkKind::Supplies | LinkKind::Offtake)
    }

    /// How the link reads from each end: (from `from`, from `to`).
    pub fn verbs(self) -> (&'static str, &'static str) {
        match self {
            LinkKind::Supplies => ("supplies", "buys from"),
            LinkKind::Offtake => ("sells to (offtake)", "buys from (offtake)"),
            LinkKind::Ownership => ("owns", "owned by"),
            LinkKind::Investment => ("invests in", "financed by"),
            LinkKind::Loan => ("lends to", "loan from"),
            LinkKind::Grant => ("grants to", "grant from"),
            LinkKind::Partnership => ("partners with", "partners with"),
            LinkKind::JointVenture => ("joint venture with", "joint venture with"),
            LinkKind::Contract => ("contracts", "contracted by"),
            LinkKind::PriceSupport => ("guarantees a price to", "price supported by"),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Amount {
    pub value: f64,
    /// ISO 4217 code.
    pub currency: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Unique among all ids; when absent the model makes one from the date and title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub date: DateText,
    pub title: String,
    /// Topics, one or more from the closed set (`export-control`, `funding`, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(schema_with = "crate::model::event_tag::tags_schema")]
    pub tags: Vec<String>,
    /// Firm ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<String>,
    /// Element symbols the event concerns (export controls, for instance).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub elements: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub see_also: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}
