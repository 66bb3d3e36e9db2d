//! Which columns of the plants table fit a width, and how wide each one is.

use super::{PlantRow, heading, width};
use crate::analysis::plants::Column;

/// Columns in the order they give way when the table is too narrow: the last one stays longest.
/// Status, capacity (with its unit) and source never give way.
pub const DROP_ORDER: [Column; 4] = [
    Column::Products,
    Column::Owner,
    Column::Firm,
    Column::Country,
];

/// The columns that fit `width` and each one's width; the facility name takes what is left
/// (at least 8 cells), every other kept column its widest cell.
pub fn fit_columns(rows: &[PlantRow], width: u16) -> Vec<(Column, u16)> {
    fit_widths(&natural_widths(rows), width)
}

/// The widest cell of each column, headings included.
pub fn natural_widths(rows: &[PlantRow]) -> [usize; 8] {
    let mut widths = Column::ALL.map(|c| width(heading(c)));
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(&row.cells) {
            *w = (*w).max(width(cell));
        }
    }
    widths
}

/// [`fit_columns`] from widths already measured.
pub fn fit_widths(natural_widths: &[usize; 8], width: u16) -> Vec<(Column, u16)> {
    let natural = |c: Column| natural_widths[c as usize].min(u16::MAX as usize) as u16;
    let mut kept: Vec<Column> = Column::ALL.to_vec();
    let total = |kept: &[Column]| -> u32 {
        kept.iter()
            .map(|&c| {
                if c == Column::Facility {
                    u32::from(natural(c).min(8))
                } else {
                    u32::from(natural(c))
                }
            })
            .sum::<u32>()
            + kept.len().saturating_sub(1) as u32
    };
    for drop in DROP_ORDER {
        if total(&kept) <= u32::from(width) {
            break;
        }
        kept.retain(|&c| c != drop);
    }
    let others: u32 = kept
        .iter()
        .filter(|&&c| c != Column::Facility)
        .map(|&c| u32::from(natural(c)))
        .sum::<u32>()
        + kept.len().saturating_sub(1) as u32;
    let facility = u32::from(width)
        .saturating_sub(others)
        .clamp(8, u32::from(natural(Column::Facility)).max(8)) as u16;
    // Still too wide: the source id is shortened (never below 8), not the status or unit.
    let overflow = (others + u32::from(facility)).saturating_sub(u32::from(width));
    let source = natural(Column::Source);
    let source = source
        .saturating_sub(overflow.min(u32::from(u16::MAX)) as u16)
        .max(source.min(8));
    kept.into_iter()
        .map(|c| {
            let w = match c {
                Column::Facility => facility,
                Column::Source => source,
                c => natural(c),
            };
            (c, w)
        })
        .collect()
}
