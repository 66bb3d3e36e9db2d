//! Entities named by text as a reader types them: a stage by id or name, countries by code or
//! name, any entity by the id rechain prints for it (`link-3` included), events by their day.
//! A name that matches nothing comes back with the nearest known one.

use std::collections::BTreeSet;

use super::{CountryId, Date, EntityRef, EventId, LinkId, Model, StageId, problem};

/// Why a name given as text refers to nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LookupError {
    /// No stage has this id or name.
    UnknownStage(Unknown),
    /// These names are no country's code or name, in the order given.
    UnknownCountries(Vec<Unknown>),
    /// One country was asked for; the text names none or several.
    NotOneCountry,
}

/// A name that matched nothing, and the nearest known id or name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    pub text: String,
    pub near: Option<String>,
}

impl Model {
    /// An entity by the id [`Model::entity_id`] gives it: its id in the file, or `link-N` for
    /// the N-th link, which has none there.
    pub fn entity_by_id(&self, id: &str) -> Option<EntityRef> {
        self.lookup(id).or_else(|| self.numbered_link(id))
    }

    fn numbered_link(&self, id: &str) -> Option<EntityRef> {
        let index = id
            .strip_prefix("link-")?
            .parse::<usize>()
            .ok()?
            .checked_sub(1)?;
        (index < self.links.len()).then(|| EntityRef::Link(LinkId::new(index)))
    }

    /// The events of one day, newest first as `events_by_date` holds them.
    pub fn events_on(&self, date: Date) -> Vec<EventId> {
        self.events_by_date
            .iter()
            .copied()
            .filter(|&e| self.events[e].date == date)
            .collect()
    }

    /// A stage by id, else by id or name ignoring case; an unknown one names the nearest id.
    pub fn find_stage(&self, text: &str) -> Result<StageId, LookupError> {
        if let Some(s) = self.stage_by_id(text) {
            return Ok(s);
        }
        if let Some(s) = self
            .stages
            .iter()
            .position(|s| s.id.eq_ignore_ascii_case(text) || s.name.eq_ignore_ascii_case(text))
        {
            return Ok(StageId::new(s));
        }
        let near = problem::nearest(text, self.stages.iter().map(|s| s.id.as_str()));
        Err(LookupError::UnknownStage(Unknown {
            text: text.to_owned(),
            near: near.map(str::to_owned),
        }))
    }

    /// One country by code or name, as [`Model::find_countries`] reads each of a list.
    pub fn find_country(&self, text: &str) -> Result<CountryId, LookupError> {
        let set = self.find_countries(text)?;
        match (set.len(), set.first()) {
            (1, Some(&c)) => Ok(c),
            _ => Err(LookupError::NotOneCountry),
        }
    }

    /// A comma-separated list of countries by code or name ("CN,MY", "China, malaysia").
    /// Codes are matched as written, then codes and names ignoring case; every unknown one is
    /// reported with the nearest known code or name.
    pub fn find_countries(&self, list: &str) -> Result<BTreeSet<CountryId>, LookupError> {
        let mut found = BTreeSet::new();
        let mut unknown = Vec::new();
        for name in list.split(',').map(str::trim).filter(|c| !c.is_empty()) {
            if let Some(c) = self.country_named(name) {
                found.insert(c);
            } else {
                let known = self
                    .countries
                    .iter()
                    .flat_map(|c| [c.code.as_str(), c.name.as_str()]);
                unknown.push(Unknown {
                    text: name.to_owned(),
                    near: problem::nearest(name, known).map(str::to_owned),
                });
            }
        }
        if unknown.is_empty() {
            Ok(found)
        } else {
            Err(LookupError::UnknownCountries(unknown))
        }
    }

    fn country_named(&self, name: &str) -> Option<CountryId> {
        self.country_by_code(name).or_else(|| {
            let lower = name.to_lowercase();
            self.countries
                .iter()
                .position(|c| c.code.eq_ignore_ascii_case(name) || c.name.to_lowercase() == lower)
                .map(CountryId::new)
        })
    }
}
