//! Excluding countries by where plants are, by who owns them, or by either.
//!
//! By owner, a facility belongs to its firm's headquarters country and to the country of every
//! current holder of at least the control threshold, of the facility itself or of its firm: a
//! government counts as its country, a firm as its headquarters, a named holder as its country
//! when the model gives one. A holding marked `controlling` counts as over any threshold.

use crate::model::{Control, CountryId, FacilityId, Holder, Model, Owner};

/// Which countries a facility answers to when countries are excluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ExclusionMode {
    /// Where the facility is (the published shares' meaning).
    #[default]
    Location,
    /// Who owns or controls it.
    Owner,
    /// Either of the two.
    Either,
}

impl ExclusionMode {
    pub const ALL: [ExclusionMode; 3] = [
        ExclusionMode::Location,
        ExclusionMode::Owner,
        ExclusionMode::Either,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ExclusionMode::Location => "location",
            ExclusionMode::Owner => "owner",
            ExclusionMode::Either => "either",
        }
    }

    /// The next mode, for a key that cycles them.
    #[must_use]
    pub fn next(self) -> ExclusionMode {
        match self {
            ExclusionMode::Location => ExclusionMode::Owner,
            ExclusionMode::Owner => ExclusionMode::Either,
            ExclusionMode::Either => ExclusionMode::Location,
        }
    }
}

/// The default control threshold, in percent.
pub const DEFAULT_CONTROL: u8 = 25;

/// How excluded countries take facilities out: the mode and the control threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ExcludeBy {
    pub mode: ExclusionMode,
    /// Percent a holder needs to count as an owner (0–100).
    pub control: u8,
}

impl Default for ExcludeBy {
    fn default() -> Self {
        ExcludeBy {
            mode: ExclusionMode::Location,
            control: DEFAULT_CONTROL,
        }
    }
}

/// The countries that own facility `x`: its firm's headquarters first, then the countries of
/// holders of at least `control` percent (of the facility, then of its firm), each once.
pub fn owner_countries(m: &Model, x: FacilityId, control: u8) -> Vec<CountryId> {
    let f = &m.facility(x);
    let firm = &m.firm(f.firm);
    let mut countries = vec![firm.hq];
    for o in f.owners.iter().chain(&firm.owners) {
        if !controls(o, control) {
            continue;
        }
        if let Some(c) = holder_country(m, &o.holder)
            && !countries.contains(&c)
        {
            countries.push(c);
        }
    }
    countries
}

/// A current holding at or over the threshold; `controlling` always counts.
fn controls(o: &Owner, control: u8) -> bool {
    o.current
        && match (o.share, o.control) {
            (Some(share), _) => share >= f64::from(control) && share > 0.0,
            (None, Some(Control::Controlling)) => true,
            _ => false,
        }
}

fn holder_country(m: &Model, holder: &Holder) -> Option<CountryId> {
    match holder {
        Holder::Firm(f) => m.get_firm(*f).map(|f| f.hq),
        Holder::Government(c) => Some(*c),
        Holder::Named { country, .. } => *country,
    }
}
