//! Where figures come from: the file's header and its sources.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::DateText;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub title: String,
    pub as_of: DateText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub publisher: String,
    pub title: String,
    /// Publication year; absent when the source does not give one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessed: Option<DateText>,
    /// How the figure was seen: in the publisher's own document, quoted by a third party, or
    /// only as a headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seen: Option<Seen>,
    /// False when the document's own headline was not seen and `title` describes it instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headline_seen: Option<bool>,
    /// Publication date, as precise as the document gives it; agrees with `year` when both are set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<DateText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<SourceKind>,
    /// For a secondary source: whom or what it reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quotes: Option<String>,
    /// For a secondary source: the id of the model's own copy of the document it reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Whose document a source is: the publisher's own, or a third party reporting it.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    Primary,
    Secondary,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Seen {
    Read,
    Quoted,
    /// Only the headline or a summary line was seen, not the figures in their context.
    Headline,
}
