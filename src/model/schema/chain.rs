//! The chain itself: elements with their groupings, and stages with their country shares.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::unique_keys::unique_keys;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Element {
    pub symbol: String,
    pub name: String,
    pub number: u8,
    /// The older single grouping; files with the `usgs` and `cn` tags leave it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<ElementGroup>,
    /// The grouping USGS statistics use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usgs: Option<UsgsGroup>,
    /// The grouping Chinese quotas and statistics use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cn: Option<CnGroup>,
    /// Numbers of the Chinese MOFCOM announcements that put the element under export control.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mofcom: Vec<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub magnet_role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ElementGroup {
    Light,
    Medium,
    Heavy,
    Other,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum UsgsGroup {
    Light,
    Heavy,
    /// Reported on its own (yttrium).
    Separate,
    /// Left out of rare-earth statistics (scandium).
    Excluded,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum CnGroup {
    Light,
    Heavy,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub makes: Option<String>,
    /// Stages this one consumes; when absent, the previous stage in the list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inputs: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(default)]
    pub shares: Vec<ShareBlock>,
}

/// One published country split for a stage: a year, a metric and a source.
///
/// Without `unit`, values are percent of world output. With a unit (for example `t REO`),
/// values are quantities and `total` is the world figure they are shares of.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ShareBlock {
    /// The year the figure describes (not when it was published).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    pub metric: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// When the figure was seen only as a third party reported it: that report's source id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quoted_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<f64>,
    #[serde(deserialize_with = "unique_keys")]
    pub countries: IndexMap<String, f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}
