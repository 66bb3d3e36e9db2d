//! The model as it was on a date: what had happened by then, with today's figures for the
//! rest. Facilities appear with their first real lifecycle step, statuses and holdings are
//! the last ones dated on or before the date, later events and links are hidden, links that
//! ended later still hold, share blocks and demand series published later are left out, and the headline share
//! is the latest block not after it (projections stay projections).

use std::collections::{HashMap, HashSet};

use super::schema::{ChainFile, DateText, LifecycleEntry, Owner, Stage, Status};
use super::{Date, Model};

impl Model {
    /// The model read as it was on `date`. A facility with only an undated status keeps it
    /// from its first dated evidence on (an event, a link, a holding, a cited figure's
    /// publication) and reads `unknown` before; targets (`planned` entries) are kept as targets.
    #[must_use]
    pub fn as_of(&self, date: Date) -> Model {
        let file = file_as_of(self.file(), date);
        Model::build(
            file,
            self.origin.clone(),
            self.text.clone(),
            None,
            self.warnings.clone(),
        )
    }
}

/// Whether something dated `when` had happened by `date`. A date known to the day counts
/// within a month or year given as a whole (`2025-06-10` is on or before `2025`); one known
/// only to the year counts from the start of that year.
pub fn on_or_before(when: Date, date: Date) -> bool {
    let when = Date {
        year: when.year,
        month: date.month.and(when.month),
        day: date.day.and(when.day),
    };
    when <= date
}

fn happened_by(text: &DateText, date: Date) -> bool {
    // Validation has refused bad dates already; an unreadable one is kept rather than lost.
    text.0
        .parse::<Date>()
        .map_or(true, |when| on_or_before(when, date))
}

/// The file cut to `date`: see [`Model::as_of`].
pub fn file_as_of(file: &ChainFile, date: Date) -> ChainFile {
    let evidence = first_evidence(file);
    let mut absent: HashSet<&str> = HashSet::new();
    let mut firms = Vec::with_capacity(file.firms.len());
    for firm in &file.firms {
        let mut firm = firm.clone();
        firm.owners.retain(|o| owner_by(o, date));
        firm.facilities.retain_mut(|x| {
            x.owners.retain(|o| owner_by(o, date));
            // Only targets, or no history: the undated status stands from the first dated
            // evidence of the facility, and nothing is known of it before.
            if !x.lifecycle.iter().any(|e| !e.planned) {
                if evidence
                    .get(x.id.as_str())
                    .is_none_or(|&first| !on_or_before(first, date))
                {
                    x.status = Some(Status::Unknown);
                }
                return true;
            }
            x.lifecycle.retain(|e| e.planned || entry_by(e, date));
            x.lifecycle.iter().any(|e| !e.planned)
        });
        firms.push(firm);
    }
    for (old, new) in file.firms.iter().zip(&firms) {
        if old.facilities.len() != new.facilities.len() {
            let kept: HashSet<&str> = new.facilities.iter().map(|x| x.id.as_str()).collect();
            absent.extend(
                old.facilities
                    .iter()
                    .map(|x| x.id.as_str())
                    .filter(|id| !kept.contains(id)),
            );
        }
    }
    let links = file
        .links
        .iter()
        .filter(|l| {
            !absent.contains(l.from.as_str())
                && !absent.contains(l.to.as_str())
                && l.date.as_ref().is_none_or(|d| happened_by(d, date))
        })
        .map(|l| {
            // A link that ended later still held on the date.
            let mut link = l.clone();
            if link.end.as_ref().is_some_and(|end| !happened_by(end, date)) {
                link.end = None;
                link.status = None;
                link.end_source = None;
            }
            link
        })
        .collect();
    let events = file
        .events
        .iter()
        .filter(|e| {
            happened_by(&e.date, date) && !e.parties.iter().any(|p| absent.contains(p.as_str()))
        })
        .cloned()
        .collect();
    let mut meta = file.meta.clone();
    meta.as_of = DateText(date.to_string());
    ChainFile {
        version: file.version,
        meta,
        sources: file.sources.clone(),
        countries: file.countries.clone(),
        units: file.units.clone(),
        conversions: file.conversions.clone(),
        elements: file.elements.clone(),
        stages: stages_as_of(file, date),
        firms,
        links,
        events,
        // A series published later was not there to read, whatever years it covers.
        demand: file
            .demand
            .iter()
            .filter(|d| {
                d.source
                    .as_deref()
                    .is_none_or(|s| published_by(file, s, date))
            })
            .cloned()
            .collect(),
    }
}

/// Whether source `id` had been published by `date` (a source without a date counts as read).
fn published_by(file: &ChainFile, id: &str, date: Date) -> bool {
    file.sources
        .get(id)
        .is_none_or(|s| match (&s.date, s.year) {
            (Some(d), _) => happened_by(d, date),
            (None, Some(year)) => year <= date.year,
            (None, None) => true,
        })
}

/// The earliest dated evidence of each facility: events naming it, dated links from or to it,
/// its holdings' dates, and the publication of the sources its figures cite.
fn first_evidence(file: &ChainFile) -> HashMap<&str, Date> {
    fn note<'a>(first: &mut HashMap<&'a str, Date>, id: &'a str, when: Option<Date>) {
        if let Some(when) = when {
            first
                .entry(id)
                .and_modify(|d| *d = (*d).min(when))
                .or_insert(when);
        }
    }
    let mut first: HashMap<&str, Date> = HashMap::new();
    let parse = |text: &DateText| text.0.parse::<Date>().ok();
    let published = |source: Option<&str>| {
        let s = file.sources.get(source?)?;
        s.date.as_ref().and_then(parse).or(s.year.map(|year| Date {
            year,
            month: None,
            day: None,
        }))
    };
    for x in file.firms.iter().flat_map(|f| &f.facilities) {
        for figure in x.capacity.iter().chain(&x.output).chain(&x.figures) {
            note(&mut first, &x.id, published(figure.source.as_deref()));
        }
        for owner in &x.owners {
            note(&mut first, &x.id, owner.since.as_ref().and_then(parse));
        }
    }
    for l in &file.links {
        let when = l.date.as_ref().and_then(parse);
        note(&mut first, &l.from, when);
        note(&mut first, &l.to, when);
    }
    for e in &file.events {
        for party in &e.parties {
            note(&mut first, party, parse(&e.date));
        }
    }
    first
}

/// The stages with only the share blocks published by `date`: a block from a later
/// publication was not there to read, whatever year its figures describe.
fn stages_as_of(file: &ChainFile, date: Date) -> Vec<Stage> {
    file.stages
        .iter()
        .map(|stage| {
            let mut stage = stage.clone();
            stage.shares.retain(|b| {
                b.source
                    .as_deref()
                    .is_none_or(|s| published_by(file, s, date))
            });
            stage
        })
        .collect()
}

fn entry_by(entry: &LifecycleEntry, date: Date) -> bool {
    entry.date.as_ref().is_none_or(|d| happened_by(d, date))
}

fn owner_by(owner: &Owner, date: Date) -> bool {
    owner.since.as_ref().is_none_or(|d| happened_by(d, date))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn dates_compare_at_the_coarser_precision() {
        assert!(on_or_before(d("2025-06"), d("2025")));
        assert!(on_or_before(d("2025-06-10"), d("2025-06")));
        assert!(!on_or_before(d("2025-07"), d("2025-06")));
        assert!(on_or_before(d("2025"), d("2025-03")));
        assert!(!on_or_before(d("2026"), d("2025-12-31")));
        assert!(!on_or_before(d("2025-06-11"), d("2025-06-10")));
    }
}
