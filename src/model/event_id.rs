//! Event ids: the one the file gives, else one made from the date and the title's first words,
//! so that it stays the same when other events are added or reordered.

use std::collections::HashSet;

use super::schema;

/// Most words of the title a made id takes.
const TITLE_WORDS: usize = 4;
/// Words a made id skips: they make it longer, not clearer.
const FILLER: &[&str] = &[
    "a", "an", "and", "at", "by", "for", "in", "its", "of", "on", "s", "the", "to", "with",
];

/// What an event's id comes from: the id the file gives, else its date as written and title.
pub struct IdParts<'e> {
    pub given: Option<&'e str>,
    pub date: &'e str,
    pub title: &'e str,
}

/// One id per event, in file order, none equal to another nor to any id in `taken`.
pub fn event_ids(events: &[schema::Event], taken: impl Fn(&str) -> bool) -> Vec<String> {
    let parts: Vec<IdParts> = events
        .iter()
        .map(|e| IdParts {
            given: e.id.as_deref(),
            date: &e.date.0,
            title: &e.title,
        })
        .collect();
    ids_of(&parts, taken)
}

/// [`event_ids`] from the parts of each event. Ids the file gives are kept as written
/// (validation has refused duplicates); a made id that would clash gets `-2`, `-3`… in file
/// order.
pub fn ids_of(events: &[IdParts], taken: impl Fn(&str) -> bool) -> Vec<String> {
    let mut used: HashSet<String> = events
        .iter()
        .filter_map(|e| e.given.map(str::to_owned))
        .collect();
    events
        .iter()
        .map(|e| {
            if let Some(id) = e.given {
                id.to_owned()
            } else {
                let base = made_id(e.date, e.title);
                let mut id = base.clone();
                let mut n = 2;
                while used.contains(&id) || taken(&id) {
                    id = format!("{base}-{n}");
                    n += 1;
                }
                used.insert(id.clone());
                id
            }
        })
        .collect()
}

/// `2025-12-12-pax-silica-declaration-signed`: the date as written and the title's first words
/// that say something.
fn made_id(date: &str, title: &str) -> String {
    let folded = deunicode::deunicode(title).to_lowercase();
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty() && !FILLER.contains(w))
        .take(TITLE_WORDS)
        .collect();
    let date: String = date
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    if words.is_empty() {
        date
    } else {
        format!("{date}-{}", words.join("-"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(id: Option<&str>, date: &str, title: &str) -> schema::Event {
        serde_yaml::from_str(&format!("date: '{date}'\ntitle: '{title}'")).map_or_else(
            |e| panic!("{e}"),
            |mut e: schema::Event| {
                e.id = id.map(str::to_owned);
                e
            },
        )
    }

    #[test]
    fn made_ids_come_from_date_and_title_and_never_clash() {
        let events = [
            event(
                None,
                "2025-12-12",
                "Pax Silica Declaration signed in Washington",
            ),
            event(Some("pax-silica"), "2025-12-12", "Another"),
            event(None, "2025-12-12", "Pax Silica declaration: signed!"),
            event(None, "2025-11", "Über-Plan"),
            event(None, "2025", "lynas"),
        ];
        let ids = event_ids(&events, |id| id == "2025-lynas");
        assert_eq!(
            ids,
            [
                "2025-12-12-pax-silica-declaration-signed",
                "pax-silica",
                "2025-12-12-pax-silica-declaration-signed-2",
                "2025-11-uber-plan",
                "2025-lynas-2",
            ]
        );
    }
}
