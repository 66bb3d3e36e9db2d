//! Dates as the file writes them, checked later by validation.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A date as written: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. Checked by validation, not by serde,
/// so that every bad date in a file is reported in one pass.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct DateText(pub String);

impl JsonSchema for DateText {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DateText".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        // A bare year reads as a number in YAML; the pattern checks the written forms.
        schemars::json_schema!({
            "description": "A date as YYYY, YYYY-MM or YYYY-MM-DD",
            "type": ["string", "integer"],
            "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
        })
    }
}

impl<'de> Deserialize<'de> for DateText {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl serde::de::Visitor<'_> for DateVisitor {
            type Value = DateText;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a date as YYYY, YYYY-MM or YYYY-MM-DD")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<DateText, E> {
                Ok(DateText(v.to_owned()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<DateText, E> {
                Ok(DateText(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<DateText, E> {
                Ok(DateText(v.to_string()))
            }
        }
        deserializer.deserialize_any(DateVisitor)
    }
}
