//! The plants table as CSV.

use super::{capacity_source, owner_codes, products};
use crate::model::{FacilityId, Model, StageId};
use crate::present::csv::csv_row;

/// The table as CSV, with a header row; capacity in separate value, max, unit and year fields.
pub fn plants_csv(m: &Model, list: &[FacilityId], stage: StageId, control: u8) -> String {
    let mut out = csv_row(&[
        "firm",
        "facility",
        "facility_id",
        "country",
        "owners",
        "status",
        "status_date",
        "products",
        "capacity",
        "capacity_max",
        "unit",
        "year",
        "source",
    ]);
    for &x in list {
        let f = &m.facility(x);
        let cap = f.capacity_at(stage);
        let fields = [
            m.firm(f.firm).name.clone(),
            f.name.clone(),
            f.id.clone(),
            m.country(f.country).code.clone(),
            owner_codes(m, x, control),
            f.status.as_str().to_owned(),
            f.current_entry()
                .map(|e| e.date.to_string())
                .unwrap_or_default(),
            products(f),
            cap.map(|c| c.value.to_string()).unwrap_or_default(),
            cap.and_then(|c| c.max)
                .map(|v| v.to_string())
                .unwrap_or_default(),
            cap.map(|c| c.unit.to_string()).unwrap_or_default(),
            cap.and_then(|c| c.year)
                .map(|y| y.to_string())
                .unwrap_or_default(),
            capacity_source(m, f, stage).to_owned(),
        ];
        out.push_str(&csv_row(&fields));
    }
    out
}
