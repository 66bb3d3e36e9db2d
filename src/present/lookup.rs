//! What rechain says when a name given as text refers to nothing.

use crate::model::Model;
use crate::model::lookup::{LookupError, Unknown};
use crate::text::quote;

/// `unknown stage `metl`; did you mean `metal`? (stages: mining, …)`, or for countries
/// `` `CH`: did you mean `CN`? `` for each unknown one.
pub fn lookup_message(m: &Model, error: &LookupError) -> String {
    match error {
        LookupError::UnknownStage(Unknown { text, near }) => {
            let hint = near
                .as_deref()
                .map(|near| format!("; did you mean `{near}`?"))
                .unwrap_or_default();
            let known: Vec<&str> = m.stages().iter().map(|s| s.id.as_str()).collect();
            format!(
                "unknown stage `{}`{hint} (stages: {})",
                quote(text),
                known.join(", ")
            )
        }
        LookupError::UnknownCountries(unknown) => unknown
            .iter()
            .map(|u| match &u.near {
                Some(near) => format!("`{}`: did you mean `{near}`?", quote(&u.text)),
                None => format!("`{}`: no such country in the model", quote(&u.text)),
            })
            .collect::<Vec<_>>()
            .join("; "),
        LookupError::NotOneCountry => "give one country code or name".into(),
    }
}
