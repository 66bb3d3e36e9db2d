//! Who owns a firm or facility, and what a firm holds in others.

use crate::model::{Control, FirmId, Holder, Owner, Party};
use crate::present::doc::{DocBuilder, Role};
use crate::present::format::number;
use crate::text::one_line;

/// How much an owner holds: `84%`, `sold`, `controlling stake`.
pub fn holding(owner: &Owner) -> String {
    match (owner.share, owner.control) {
        (Some(0.0), _) => "sold".into(),
        (Some(share), _) => format!("{}%", number(share)),
        (None, Some(Control::Controlling)) => "controlling stake".into(),
        (None, Some(Control::Minority)) => "minority stake".into(),
        (None, None) => "stake".into(),
    }
}

impl DocBuilder<'_> {
    fn holder_label(&self, holder: &Holder) -> String {
        match holder {
            Holder::Firm(f) => one_line(&self.m.firm(*f).name).into_owned(),
            Holder::Government(c) => format!("government of {}", self.country_label(*c)),
            Holder::Named { name, country } => match country {
                Some(c) => format!(
                    "{} ({})",
                    one_line(name),
                    one_line(&self.m.country(*c).code)
                ),
                None => one_line(name).into_owned(),
            },
        }
    }

    /// Owners, current first, then earlier holdings dimmed.
    pub(super) fn owners_section(&mut self, heading: &str, owners: &[Owner]) {
        if owners.is_empty() {
            return;
        }
        self.heading(heading);
        let order = owners
            .iter()
            .filter(|o| o.current)
            .chain(owners.iter().filter(|o| !o.current));
        for owner in order {
            let (role, amount_role) = if owner.current {
                (Role::Text, Role::Number)
            } else {
                (Role::Dim, Role::Dim)
            };
            let mut spans = vec![
                (role, format!("  {}", self.holder_label(&owner.holder))),
                (amount_role, format!(" {}", holding(owner))),
            ];
            if let Some(since) = owner.since {
                spans.push(Self::dim(format!(" since {since}")));
            }
            if !owner.current && owner.share != Some(0.0) {
                spans.push(Self::dim(" (earlier)"));
            }
            spans.push((Role::Text, " ".into()));
            spans.push(self.cite(owner.source));
            if let Some(note) = &owner.note {
                spans.push(Self::dim(format!(" — {note}")));
            }
            self.line(spans);
        }
    }

    /// What a firm currently holds in other firms and facilities.
    pub(super) fn stakes_section(&mut self, i: FirmId) {
        let m = self.m;
        let stakes = &m.firm(i).stakes;
        if stakes.is_empty() {
            return;
        }
        self.heading(format!("Holdings ({})", stakes.len()));
        for stake in stakes {
            let owner = match stake.owned {
                Party::Firm(f) => &m.firm(f).owners[stake.entry],
                Party::Facility(x) => &m.facility(x).owners[stake.entry],
            };
            let mut spans = vec![
                (Role::Number, format!("  {}", holding(owner))),
                Self::dim(" of "),
                Self::text(&self.party_label(stake.owned)),
            ];
            if let Some(since) = owner.since {
                spans.push(Self::dim(format!(" since {since}")));
            }
            spans.push((Role::Text, " ".into()));
            spans.push(self.cite(owner.source));
            self.line(spans);
        }
    }
}
