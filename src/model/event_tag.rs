//! The topics an event can be tagged with: a closed set, so a filter by topic finds every
//! event on it and a misspelt tag is caught at load.

use std::fmt;

use super::problem::did_you_mean;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventTag {
    ExportControl,
    Licensing,
    Quota,
    Policy,
    Trade,
    Funding,
    Offtake,
    Ownership,
    Capacity,
    Production,
    Price,
    Stockpile,
    Recycling,
    Exploration,
    Legal,
    Conflict,
    Leadership,
    Statistics,
}

impl EventTag {
    pub const ALL: [EventTag; 18] = [
        EventTag::ExportControl,
        EventTag::Licensing,
        EventTag::Quota,
        EventTag::Policy,
        EventTag::Trade,
        EventTag::Funding,
        EventTag::Offtake,
        EventTag::Ownership,
        EventTag::Capacity,
        EventTag::Production,
        EventTag::Price,
        EventTag::Stockpile,
        EventTag::Recycling,
        EventTag::Exploration,
        EventTag::Legal,
        EventTag::Conflict,
        EventTag::Leadership,
        EventTag::Statistics,
    ];

    /// The tag as the model file writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            EventTag::ExportControl => "export-control",
            EventTag::Licensing => "licensing",
            EventTag::Quota => "quota",
            EventTag::Policy => "policy",
            EventTag::Trade => "trade",
            EventTag::Funding => "funding",
            EventTag::Offtake => "offtake",
            EventTag::Ownership => "ownership",
            EventTag::Capacity => "capacity",
            EventTag::Production => "production",
            EventTag::Price => "price",
            EventTag::Stockpile => "stockpile",
            EventTag::Recycling => "recycling",
            EventTag::Exploration => "exploration",
            EventTag::Legal => "legal",
            EventTag::Conflict => "conflict",
            EventTag::Leadership => "leadership",
            EventTag::Statistics => "statistics",
        }
    }

    /// What an event must be about to carry the tag, in one line.
    pub fn meaning(self) -> &'static str {
        match self {
            EventTag::ExportControl => {
                "a government restricts, bans or suspends controls on exports of materials or technology"
            }
            EventTag::Licensing => "export or mining licences granted, withheld or contested",
            EventTag::Quota => "a government sets or rules on mining and separation quotas",
            EventTag::Policy => {
                "laws, regulations, schemes and agreements between governments, other than export controls"
            }
            EventTag::Trade => {
                "flows between countries start or stop: shipments, sourcing bans, trade deals"
            }
            EventTag::Funding => "loans, grants, equity, placements or an investment decision",
            EventTag::Offtake => "an agreement to buy or supply material or magnets",
            EventTag::Ownership => "a purchase, sale, merger, joint venture, listing or stake",
            EventTag::Capacity => {
                "a plant announced, sited, built, opened, closed or given up, or its capacity changed"
            }
            EventTag::Production => "output reported, or a first production or restart",
            EventTag::Price => "price floors, ceilings or other measures on prices",
            EventTag::Stockpile => "strategic reserves and stockpiles",
            EventTag::Recycling => "recovering rare earths or magnets from scrap and used products",
            EventTag::Exploration => "discoveries, resources and studies of new deposits",
            EventTag::Legal => "courts, arbitration and disputes between parties",
            EventTag::Conflict => "armed conflict or seizure that affects mines or plants",
            EventTag::Leadership => "a change of chief executive, chair or board",
            EventTag::Statistics => "official statistics published or revised",
        }
    }

    /// The tag written `text` (case and `_` or space for `-` do not matter), or a message that
    /// names the nearest tag.
    pub fn parse(text: &str) -> Result<EventTag, String> {
        let wanted = text.trim().to_lowercase().replace(['_', ' '], "-");
        EventTag::ALL
            .into_iter()
            .find(|t| t.as_str() == wanted)
            .ok_or_else(|| {
                format!(
                    "`{text}` is not an event tag{}",
                    did_you_mean(text, EventTag::ALL.iter().map(|t| t.as_str()))
                )
            })
    }
}

impl fmt::Display for EventTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The JSON Schema of an event's `tags`: each one of the closed set.
pub fn tags_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let names: Vec<&str> = EventTag::ALL.iter().map(|t| t.as_str()).collect();
    let described: Vec<String> = EventTag::ALL
        .iter()
        .map(|t| format!("`{}`: {}", t.as_str(), t.meaning()))
        .collect();
    schemars::json_schema!({
        "description": format!("Topics of the event, one or more of: {}", described.join("; ")),
        "type": "array",
        "items": { "type": "string", "enum": names },
        "minItems": 1,
        "uniqueItems": true
    })
}

#[cfg(test)]
mod tests {
    use super::EventTag;

    #[test]
    fn every_tag_reads_back_from_its_name_and_has_a_meaning() {
        for tag in EventTag::ALL {
            assert_eq!(EventTag::parse(tag.as_str()), Ok(tag));
            assert!(!tag.meaning().is_empty());
        }
        let mut names: Vec<&str> = EventTag::ALL.iter().map(|t| t.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), EventTag::ALL.len(), "a tag is listed twice");
    }

    #[test]
    fn a_misspelt_tag_names_the_nearest() {
        assert_eq!(
            EventTag::parse("Export Control"),
            Ok(EventTag::ExportControl)
        );
        let wrong = EventTag::parse("export-contrl").unwrap_err();
        assert!(wrong.contains("did you mean `export-control`"), "{wrong}");
        assert!(EventTag::parse("weather").is_err());
    }
}
