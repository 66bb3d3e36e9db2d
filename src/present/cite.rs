//! One figure as a single line that cites its source, to paste into notes or a chat:
//! `China: 91% of rare-earth separation (International Energy Agency, …, 2025, <URL>)`.

use crate::model::{CountryId, EventId, FacilityId, FirmId, Model, ShareBlock, SourceId};
use crate::present::format::range;
use crate::text::one_line;

/// `(Publisher, Title, date or year, <URL>)` without the parentheses.
pub fn source_citation(m: &Model, s: SourceId) -> String {
    let Some(src) = m.get_source(s) else {
        return "source not in the model".into();
    };
    let mut parts = vec![one_line(&src.publisher), one_line(&src.title)];
    match (src.date, src.year) {
        (Some(date), _) => parts.push(date.to_string().into()),
        (None, Some(year)) => parts.push(year.to_string().into()),
        (None, None) => {}
    }
    if let Some(url) = &src.url {
        parts.push(format!("<{}>", one_line(url)).into());
    }
    parts.join(", ")
}

/// A country's share in a block: `China: 91% of rare-earth separation (…)`; the metric's
/// leading "share of" reads as "of", and the block's year follows it.
pub fn share_citation(m: &Model, block: &ShareBlock, country: CountryId) -> Option<String> {
    let &(_, p) = block.percents.iter().find(|&&(c, _)| c == country)?;
    let metric = one_line(&block.metric);
    let what = match metric.strip_prefix("share of ") {
        Some(rest) => format!("{} of {rest}", share_percent(p)),
        None => format!("{}, {metric}", share_percent(p)),
    };
    let year = block.year.map(|y| format!(", {y}")).unwrap_or_default();
    let source = match block.quoted_by {
        Some(q) => quoted_citation(m, block.source, q),
        None => source_citation(m, block.source),
    };
    Some(format!(
        "{}: {what}{year} ({source})",
        one_line(&m.country(country).name),
    ))
}

/// A figure seen only in a third party's report: `International Energy Agency (2025), as
/// quoted by Rare Earth Exchanges, …`.
fn quoted_citation(m: &Model, source: SourceId, quoted_by: SourceId) -> String {
    let Some(src) = m.get_source(source) else {
        return source_citation(m, quoted_by);
    };
    let year = src.date.map(|d| d.year).or(src.year);
    let year = year.map(|y| format!(" ({y})")).unwrap_or_default();
    format!(
        "{}{year}, as quoted by {}",
        one_line(&src.publisher),
        source_citation(m, quoted_by)
    )
}

/// `91%`, or `69.2%` when the figure has a fraction.
fn share_percent(p: f64) -> String {
    if (p - p.round()).abs() < 0.05 {
        crate::present::format::percent_whole(p)
    } else {
        crate::present::format::percent(p)
    }
}

/// A facility's nameplate: `Kuantan, Lynas, Malaysia: capacity 10,500 t REO/yr, 2024 (…)`.
pub fn capacity_citation(m: &Model, x: FacilityId) -> Option<String> {
    let f = m.get_facility(x)?;
    let cap = f.capacity.first()?;
    let value = range(cap);
    let label = cap.label.as_deref().map_or("capacity".into(), one_line);
    let year = cap.when().map(|y| format!(", {y}")).unwrap_or_default();
    Some(format!(
        "{}, {}, {}: {label} {value} {}{year} ({})",
        one_line(&f.name),
        one_line(&m.firm(f.firm).name),
        one_line(&m.country(f.country).name),
        one_line(&cap.unit),
        source_citation(m, cap.source)
    ))
}

/// A firm's summary with the first source the firm cites.
pub fn firm_citation(m: &Model, i: FirmId) -> Option<String> {
    let f = m.get_firm(i)?;
    let &s = f.sources.first()?;
    Some(format!(
        "{}: {} ({})",
        one_line(&f.name),
        one_line(f.summary.trim_end_matches('.')),
        source_citation(m, s)
    ))
}

/// An event: `2025-10-09: title (…)`.
pub fn event_citation(m: &Model, e: EventId) -> Option<String> {
    let ev = m.get_event(e)?;
    Some(format!(
        "{}: {} ({})",
        ev.date,
        one_line(&ev.title),
        source_citation(m, ev.source)
    ))
}
