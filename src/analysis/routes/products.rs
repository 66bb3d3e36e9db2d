//! Whether what one facility makes can feed the next one on a route, read from the rare earths
//! their products name.
//!
//! A facility's *elements* are the rare earths its products name, a magnet family standing for
//! the rare earths it is made with (`NdFeB`: Nd, Pr, Dy, Tb; `SmCo`: Sm). Products that name no
//! element (`RE concentrate`, `RE oxides`) say nothing, so a facility whose products name none,
//! or that lists no products, is *unknown*. What reaches a facility on a route is what the
//! nearest facility before it with known products makes (an unknown one passes on what it
//! gets), and it feeds the facility only if the two share an element or either is unknown:
//! `NdPr oxide` feeds `NdPr metal` and `NdFeB magnets`, `Dy oxide` feeds `NdFeB`, `Sm metal`
//! feeds `SmCo`, and `NdPr oxide` does not feed a plant that makes only `SmCo magnets`, not even
//! through a metal plant whose products are unknown.

use std::collections::HashMap;

use crate::model::{ElementId, FacilityId, Model, indexed};

/// The rare earths a magnet family is made with; none for a family or name not listed.
const FAMILY_ELEMENTS: [(&str, &[&str]); 2] =
    [("NdFeB", &["Nd", "Pr", "Dy", "Tb"]), ("SmCo", &["Sm"])];

/// The elements facility `x`'s products name, sorted; None when they name none.
pub fn product_elements(model: &Model, x: FacilityId) -> Option<Vec<ElementId>> {
    let mut elements = Vec::new();
    for p in model.facility(x).products.iter().filter(|p| p.rare_earth) {
        let what = p.text.rsplit_once(' ').map_or(p.text.as_str(), |(w, _)| w);
        match FAMILY_ELEMENTS.iter().find(|(family, _)| *family == what) {
            Some((_, symbols)) => elements.extend(
                indexed(model.elements())
                    .filter(|(_, e)| symbols.contains(&e.symbol.as_str()))
                    .map(|(i, _)| i),
            ),
            None => elements.extend_from_slice(&p.elements),
        }
    }
    elements.sort_unstable();
    elements.dedup();
    (!elements.is_empty()).then_some(elements)
}

/// Whether material from a facility with elements `from` can feed one with elements `to`:
/// either is unknown, or they share an element.
pub fn fits(from: Option<&[ElementId]>, to: Option<&[ElementId]>) -> bool {
    match (from, to) {
        (Some(a), Some(b)) => a.iter().any(|e| b.binary_search(e).is_ok()),
        _ => true,
    }
}

/// Whether a route through `before` (facilities, in route order) can go on to `to`: the rule
/// every hop obeys.
pub fn feeds(model: &Model, before: &[FacilityId], to: FacilityId) -> bool {
    let reaching = before
        .iter()
        .rev()
        .find_map(|&x| product_elements(model, x));
    fits(reaching.as_deref(), product_elements(model, to).as_deref())
}

/// Facilities grouped by their elements, so a search asks the rule once per pair of groups.
pub(super) struct ProductClasses {
    /// Class of each facility.
    of: Vec<u32>,
    /// Elements of each class; class 0 is unknown.
    elements: Vec<Option<Vec<ElementId>>>,
}

impl ProductClasses {
    pub(super) fn new(model: &Model) -> Self {
        let mut index: HashMap<Vec<ElementId>, u32> = HashMap::new();
        let mut elements = vec![None];
        let of = model
            .facility_ids()
            .map(|x| match product_elements(model, x) {
                None => 0,
                Some(set) => *index.entry(set.clone()).or_insert_with(|| {
                    elements.push(Some(set));
                    (elements.len() - 1) as u32
                }),
            })
            .collect();
        ProductClasses { of, elements }
    }

    pub(super) fn class(&self, x: FacilityId) -> u32 {
        self.of[x]
    }

    /// Whether a facility of class `from` can feed one of class `to` (see [`fits`]).
    pub(super) fn fits(&self, from: u32, to: u32) -> bool {
        fits(
            self.elements[from as usize].as_deref(),
            self.elements[to as usize].as_deref(),
        )
    }
}
