//! Who owns a firm or facility: one holder per entry, a share or control, a date, and current
//! shares that add up.

use super::{Kind, SHARE_ROUNDING, Validator};
use crate::model::date::Date;
use crate::model::problem::did_you_mean;
use crate::model::schema::Owner;

impl Validator<'_> {
    /// Owners of a firm (`own_id` is its id) or of a facility.
    pub(super) fn owners(
        &mut self,
        path: &impl Fn() -> String,
        own_id: Option<&str>,
        owners: &[Owner],
    ) {
        for (k, owner) in owners.iter().enumerate() {
            let opath = || format!("{}.owners[{k}]", path());
            let field = |name: &str| format!("{}.{name}", opath());
            self.holder(&opath, own_id, owner);
            match (owner.share, owner.control) {
                (Some(_), Some(_)) => self.error(
                    field("control"),
                    "give `share` or `control`, not both (`control` is for when the percentage is not public)".into(),
                ),
                (None, None) => self.error(
                    opath(),
                    "an owner needs `share` (percent) or `control` (controlling or minority)"
                        .into(),
                ),
                _ => {}
            }
            if let Some(share) = owner.share
                && self.number(|| field("share"), share)
                && share > 100.0
            {
                self.error(field("share"), format!("a share of {share}% is over 100%"));
            }
            match &owner.since {
                None => self.error(
                    opath(),
                    "an owner needs `since`: the date the holding held from".into(),
                ),
                Some(since) => self.date(&field("since"), &since.0),
            }
            self.source(|| field("source"), owner.source.as_deref());
            if let Some(note) = &owner.note {
                self.required_text_with(|| field("note"), note);
            }
        }
        let total: f64 = current_owners(owners)
            .filter_map(|o| o.share)
            .filter(|s| s.is_finite())
            .sum();
        if total > 100.0 + SHARE_ROUNDING {
            self.error(
                format!("{}.owners", path()),
                format!("current shares add up to {total:.1}%, over 100%"),
            );
        }
    }
}

impl Validator<'_> {
    /// Exactly one of firm, government or name holds the entry, and it is known.
    fn holder(&mut self, opath: &dyn Fn() -> String, own_id: Option<&str>, owner: &Owner) {
        let field = |name: &str| format!("{}.{name}", opath());
        let holders = [
            owner.firm.is_some(),
            owner.government.is_some(),
            owner.name.is_some(),
        ];
        match holders.iter().filter(|&&h| h).count() {
            1 => {}
            0 => self.error(
                opath(),
                "an owner needs one of `firm` (a firm id), `government` (a country code) or `name`"
                    .into(),
            ),
            _ => self.error(
                opath(),
                "an owner is one of `firm`, `government` or `name`, not several".into(),
            ),
        }
        if let Some(firm) = &owner.firm {
            if own_id == Some(firm.as_str()) {
                self.error(field("firm"), format!("`{firm}` cannot own itself"));
            } else if !self.firms.contains(firm.as_str()) {
                let hint = did_you_mean(firm, self.file.firms.iter().map(|f| f.id.as_str()));
                self.error(field("firm"), format!("unknown firm `{firm}`{hint}"));
            }
        }
        if let Some(code) = &owner.government {
            self.reference(|| field("government"), "country", code, Kind::Country);
        }
        if let Some(name) = &owner.name {
            self.required_text_with(|| field("name"), name);
        }
        if let Some(code) = &owner.country {
            if owner.name.is_none() {
                self.error(
                    field("country"),
                    "`country` goes with `name`: a firm has its `hq`, a government is its country"
                        .into(),
                );
            } else {
                self.reference(|| field("country"), "country", code, Kind::Country);
            }
        }
    }
}

/// Each holder's latest entry by `since` (the later listed on a tie).
pub(super) fn current_owners(owners: &[Owner]) -> impl Iterator<Item = &Owner> {
    let since = |o: &Owner| o.since.as_ref().and_then(|d| d.0.parse::<Date>().ok());
    let holder = |o: &Owner| (o.firm.clone(), o.government.clone(), o.name.clone());
    owners.iter().enumerate().filter_map(move |(i, o)| {
        let superseded = owners.iter().enumerate().any(|(j, other)| {
            j != i
                && holder(other) == holder(o)
                && (since(other) > since(o) || (since(other) == since(o) && j > i))
        });
        (!superseded).then_some(o)
    })
}
