//! Where a facility stands, in the words the file uses.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Operating,
    Ramping,
    Pilot,
    Commissioning,
    Construction,
    Financed,
    /// Older files call it `planned`.
    #[serde(alias = "planned")]
    Announced,
    Exploration,
    Suspended,
    Closed,
    Cancelled,
    Unknown,
}

impl Status {
    pub const ALL: [Status; 12] = [
        Status::Operating,
        Status::Ramping,
        Status::Pilot,
        Status::Commissioning,
        Status::Construction,
        Status::Financed,
        Status::Announced,
        Status::Exploration,
        Status::Suspended,
        Status::Closed,
        Status::Cancelled,
        Status::Unknown,
    ];

    /// The name as written in the model file.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Operating => "operating",
            Status::Ramping => "ramping",
            Status::Pilot => "pilot",
            Status::Commissioning => "commissioning",
            Status::Construction => "construction",
            Status::Financed => "financed",
            Status::Announced => "announced",
            Status::Exploration => "exploration",
            Status::Suspended => "suspended",
            Status::Closed => "closed",
            Status::Cancelled => "cancelled",
            Status::Unknown => "unknown",
        }
    }

    /// Producing now.
    pub fn is_producing(self) -> bool {
        matches!(self, Status::Operating | Status::Ramping)
    }

    /// On the way to producing: announced, financed, being built or commissioned.
    pub fn is_pipeline(self) -> bool {
        matches!(
            self,
            Status::Announced | Status::Financed | Status::Construction | Status::Commissioning
        )
    }

    /// Stopped or never to be: suspended, closed or cancelled.
    pub fn is_stopped(self) -> bool {
        matches!(self, Status::Suspended | Status::Closed | Status::Cancelled)
    }
}

/// Written by hand: the derived schema would leave out the older name `planned`, which serde
/// still reads.
impl JsonSchema for Status {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Status".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let names: Vec<&str> = Status::ALL
            .iter()
            .map(|s| s.as_str())
            .chain(["planned"])
            .collect();
        schemars::json_schema!({
            "description": "Where a facility stands (`planned` is the older name of `announced`)",
            "type": "string",
            "enum": names
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Status;

    #[test]
    fn status_all_lists_every_status_once() {
        // A new status breaks this match, and the failure points here to add it to `ALL`.
        let position = |s: Status| match s {
            Status::Operating => 0,
            Status::Ramping => 1,
            Status::Pilot => 2,
            Status::Commissioning => 3,
            Status::Construction => 4,
            Status::Financed => 5,
            Status::Announced => 6,
            Status::Exploration => 7,
            Status::Suspended => 8,
            Status::Closed => 9,
            Status::Cancelled => 10,
            Status::Unknown => 11,
        };
        for (i, &status) in Status::ALL.iter().enumerate() {
            assert_eq!(position(status), i);
        }
    }
}
