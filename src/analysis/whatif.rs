//! The what-if of excluding countries, as one rule: which facilities and firms it takes out
//! and why, and what is left of a stage's published shares. The CLI verbs, the app's panes,
//! cards and routes all ask it.

use std::collections::BTreeSet;

use crate::model::{CountryId, FacilityId, FirmId, Model, ShareBlock, StageId};

use super::ownership::owner_countries;
pub use super::ownership::{ExcludeBy, ExclusionMode};

/// Why a facility is out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reason {
    /// It is located in the excluded country.
    Located(CountryId),
    /// It is owned or controlled from the excluded country.
    Owned(CountryId),
}

impl Reason {
    /// The excluded country behind it.
    pub fn country(self) -> CountryId {
        match self {
            Reason::Located(c) | Reason::Owned(c) => c,
        }
    }
}

/// What is left of a share block without the excluded countries.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Left {
    /// Percent of the block's world total left (the unreported rest counts as left).
    pub percent: f64,
    /// The rule also takes plants out by owner, which published shares (by location) cannot
    /// show: the percent is by location only.
    pub by_location_only: bool,
}

/// Excluded countries and how they take facilities out. Borrowed from whoever holds them
/// (the app's what-if, a CLI query), so asking costs nothing.
#[derive(Debug, Clone, Copy)]
pub struct Exclusion<'a> {
    pub countries: &'a BTreeSet<CountryId>,
    pub by: ExcludeBy,
}

/// No country excluded.
static NONE: BTreeSet<CountryId> = BTreeSet::new();

impl<'a> Exclusion<'a> {
    /// The exclusion of no country: takes nothing out.
    pub fn none() -> Exclusion<'static> {
        Exclusion::new(&NONE, ExcludeBy::default())
    }

    pub fn new(countries: &'a BTreeSet<CountryId>, by: ExcludeBy) -> Self {
        Exclusion { countries, by }
    }

    pub fn is_active(self) -> bool {
        !self.countries.is_empty()
    }

    /// Whether the country itself is one of the excluded.
    pub fn excludes_country(self, country: CountryId) -> bool {
        self.countries.contains(&country)
    }

    /// Why facility `x` is out, or None when it stays. With `either`, its location is named
    /// first.
    pub fn takes_out(self, m: &Model, x: FacilityId) -> Option<Reason> {
        if self.countries.is_empty() {
            return None;
        }
        let f = m.get_facility(x)?;
        let located = || {
            self.countries
                .contains(&f.country)
                .then_some(Reason::Located(f.country))
        };
        let owned = || {
            owner_countries(m, x, self.by.control)
                .into_iter()
                .find(|c| self.countries.contains(c))
                .map(Reason::Owned)
        };
        match self.by.mode {
            ExclusionMode::Location => located(),
            ExclusionMode::Owner => owned(),
            ExclusionMode::Either => located().or_else(owned),
        }
    }

    /// Whether facility `x` is out.
    pub fn is_out(self, m: &Model, x: FacilityId) -> bool {
        self.takes_out(m, x).is_some()
    }

    /// The facilities of `list` it takes out, each with why, in list order.
    pub fn out_of(self, m: &Model, list: &[FacilityId]) -> Vec<(FacilityId, Reason)> {
        if !self.is_active() {
            return Vec::new();
        }
        list.iter()
            .filter_map(|&x| Some((x, self.takes_out(m, x)?)))
            .collect()
    }

    /// The facilities of firm `f` it takes out.
    pub fn firm_facilities_out(self, m: &Model, f: FirmId) -> Vec<(FacilityId, Reason)> {
        m.get_firm(f)
            .map_or_else(Vec::new, |firm| self.out_of(m, &firm.facilities))
    }

    /// The facilities listed at stage `s` it takes out.
    pub fn stage_facilities_out(self, m: &Model, s: StageId) -> Vec<(FacilityId, Reason)> {
        m.get_stage(s)
            .map_or_else(Vec::new, |stage| self.out_of(m, &stage.facilities))
    }

    /// The facilities of stage `s` out only by their owners: located outside the excluded
    /// countries, so the published shares (by location) still count them.
    pub fn owned_elsewhere(self, m: &Model, s: StageId) -> Vec<(FacilityId, CountryId)> {
        self.stage_facilities_out(m, s)
            .into_iter()
            .filter(|&(x, _)| !self.excludes_country(m.facility(x).country))
            .map(|(x, why)| (x, why.country()))
            .collect()
    }

    /// Whether firm `f` is wholly out: every facility taken out, or, without facilities,
    /// its headquarters excluded.
    pub fn firm_is_out(self, m: &Model, f: FirmId) -> bool {
        let Some(firm) = m.get_firm(f) else {
            return false;
        };
        if !self.is_active() {
            return false;
        }
        if firm.facilities.is_empty() {
            return self.excludes_country(firm.hq);
        }
        firm.facilities.iter().all(|&x| self.is_out(m, x))
    }

    /// What is left of a share block: shares are published by location, so only the excluded
    /// countries' own shares go.
    pub fn left(self, block: &ShareBlock) -> Left {
        let gone: f64 = block
            .percents
            .iter()
            .filter(|(c, _)| self.countries.contains(c))
            .map(|&(_, p)| p)
            .sum();
        Left {
            percent: (100.0 - gone).clamp(0.0, 100.0),
            by_location_only: self.by.mode != ExclusionMode::Location,
        }
    }
}
