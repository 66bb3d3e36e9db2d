//! The what-if in words: why a facility is out, what is left of a share block, and the line a
//! card opens with. Every view says these the same way, from here.

use crate::analysis::exclusion::codes;
use crate::analysis::whatif::{Exclusion, Left, Reason};
use crate::model::{CountryId, EntityRef, Model};
use crate::present::format::{count, percent_whole};
use crate::text::one_line;

/// The longest compact what-is-left line before the codes give way to their number.
const COMPACT_WIDTH: usize = 14;

/// The excluded codes, `CN,MY`.
pub fn label(m: &Model, ex: Exclusion<'_>) -> String {
    one_line(&codes(m, ex.countries)).into_owned()
}

/// `in CN`, `owned from CN`.
pub fn reason(m: &Model, why: Reason) -> String {
    let code = |c: CountryId| m.get_country(c).map_or("?", |c| c.code.as_str());
    match why {
        Reason::Located(c) => format!("in {}", one_line(code(c))),
        Reason::Owned(c) => format!("owned from {}", one_line(code(c))),
    }
}

fn left_words(who: &str, left: Left) -> String {
    if who.is_empty() {
        format!("{} left", percent_whole(left.percent))
    } else {
        format!("ex-{who} {} left", percent_whole(left.percent))
    }
}

/// What is left of a share block: `ex-CN 31% left`, and when the rule also goes by owner,
/// that the published shares only know locations.
pub fn left_line(m: &Model, ex: Exclusion<'_>, left: Left) -> String {
    let mut line = left_words(&label(m, ex), left);
    if left.by_location_only {
        line.push_str(" (shares are by location)");
    }
    line
}

/// [`left_line`] for a narrow column: the same words without the caveat, and the number of
/// countries instead of their codes when those are long (`ex-3 15% left`).
pub fn left_compact(m: &Model, ex: Exclusion<'_>, left: Left) -> String {
    let line = left_words(&label(m, ex), left);
    if line.chars().count() <= COMPACT_WIDTH {
        line
    } else {
        left_words(&ex.countries.len().to_string(), left)
    }
}

/// [`left_compact`] without the countries, for a column too narrow for them (`15% left`);
/// the status bar names them.
pub fn left_bare(left: Left) -> String {
    left_words("", left)
}

/// The line a card opens with in the what-if, or None when the exclusion does not touch its
/// entity. `stage_left` is what is left of a stage's headline block.
pub fn card_line(
    m: &Model,
    ex: Exclusion<'_>,
    subject: EntityRef,
    stage_left: Option<Left>,
) -> Option<String> {
    if !ex.is_active() {
        return None;
    }
    match subject {
        EntityRef::Country(c) if ex.excludes_country(c) => {
            Some("excluded in the what-if (x brings it back)".to_owned())
        }
        EntityRef::Facility(x) => {
            let why = ex.takes_out(m, x)?;
            Some(format!("excluded: {}", reason(m, why)))
        }
        EntityRef::Firm(f) => {
            let firm = m.get_firm(f)?;
            let out = ex.firm_facilities_out(m, f);
            if out.is_empty() {
                // A firm without facilities is out by its headquarters.
                let hq = m.get_country(firm.hq).map_or("?", |c| c.code.as_str());
                return ex
                    .firm_is_out(m, f)
                    .then(|| format!("excluded: headquartered in {}", one_line(hq)));
            }
            let named: Vec<String> = out
                .iter()
                .map(|&(x, why)| format!("{} {}", one_line(&m.facility(x).name), reason(m, why)))
                .collect();
            let total = firm.facilities.len() as u128;
            Some(format!(
                "excluded: {} of {} ({})",
                out.len(),
                count(total, "facility", "facilities"),
                named.join("; ")
            ))
        }
        EntityRef::Stage(_) => stage_left.map(|left| left_line(m, ex, left)),
        _ => None,
    }
}
