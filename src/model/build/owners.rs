//! Owners of firms and facilities, and the stakes each firm holds in return.

use super::Index;
use crate::model::id::{self, FirmId};
use crate::model::schema::{self, ChainFile};
use crate::model::{EntityRef, Facility, Firm, Holder, Owner, Party, Stake};

/// Fills in every firm's and facility's owners, then each holding firm's current stakes.
pub(super) fn attach(
    file: &ChainFile,
    ix: &Index,
    firms: &mut [Firm],
    facilities: &mut [Facility],
) {
    let mut facility = facilities.iter_mut();
    for (firm, f) in firms.iter_mut().zip(&file.firms) {
        firm.owners = owners(&f.owners, ix);
        // The firm's own list first: zip stops on it without taking the next firm's facility.
        for (written, x) in f.facilities.iter().zip(facility.by_ref()) {
            x.owners = owners(&written.owners, ix);
        }
    }
    let holdings: Vec<(FirmId, Stake)> = id::indexed(firms)
        .map(|(i, f)| (Party::Firm(i), &f.owners))
        .chain(id::indexed(facilities).map(|(i, x)| (Party::Facility(i), &x.owners)))
        .flat_map(|(owned, list)| {
            list.iter()
                .enumerate()
                .filter_map(move |(entry, o)| match o.holder {
                    Holder::Firm(f) if o.current => Some((f, Stake { owned, entry })),
                    _ => None,
                })
        })
        .collect();
    for (f, stake) in holdings {
        firms[f].stakes.push(stake);
    }
}

fn owners(list: &[schema::Owner], ix: &Index) -> Vec<Owner> {
    let mut owners: Vec<Owner> = list
        .iter()
        .map(|o| Owner {
            holder: holder(o, ix),
            share: o.share,
            control: o.control,
            since: o.since.as_ref().and_then(|d| d.0.parse().ok()),
            source: ix.src(o.source.as_deref()),
            note: o.note.clone(),
            current: false,
        })
        .collect();
    mark_current(&mut owners);
    owners
}

fn holder(owner: &schema::Owner, ix: &Index) -> Holder {
    let country = |code: &Option<String>| code.as_deref().and_then(|c| ix.country.get(c).copied());
    if let Some(EntityRef::Firm(f)) = owner.firm.as_ref().and_then(|id| ix.ids.get(id)) {
        Holder::Firm(*f)
    } else if let Some(c) = country(&owner.government) {
        Holder::Government(c)
    } else {
        Holder::Named {
            name: owner.name.clone().unwrap_or_default(),
            country: country(&owner.country),
        }
    }
}

/// Marks each holder's latest entry (by `since`, the later listed on a tie) as current, unless
/// it records a sale.
fn mark_current(owners: &mut [Owner]) {
    for i in 0..owners.len() {
        let superseded = owners.iter().enumerate().any(|(j, other)| {
            j != i
                && other.holder == owners[i].holder
                && (other.since > owners[i].since || (other.since == owners[i].since && j > i))
        });
        owners[i].current = !superseded && owners[i].share != Some(0.0);
    }
}
