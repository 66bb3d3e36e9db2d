//! Display data that depends only on the model, built once per model.

use crate::model::{EventId, FirmId, Model, Origin, StageId};
use crate::present::format::percent_whole;
use crate::present::shares::{heading, summary};
use crate::text::one_line;

/// Display data that depends only on the model, built once per model.
#[derive(Debug, Clone, Default)]
pub struct Derived {
    /// Firms active at each stage, sorted by name.
    pub stage_firms: Vec<Vec<FirmId>>,
    /// Firms with a facility or headquarters in each country, sorted by name.
    pub country_firms: Vec<Vec<FirmId>>,
    /// Per stage: the share block shown first, the latest up to the model's date (later
    /// years are projections).
    pub headline_block: Vec<usize>,
    /// Per stage: leading country and share of its headline block, as `CN 69%`.
    pub stage_lead: Vec<String>,
    /// Per firm: its countries' codes, as `AU MY`.
    pub firm_codes: Vec<String>,
    /// Per stage, per share block: `2024 · mine production`.
    pub block_heading: Vec<Vec<String>>,
    /// Per stage, per share block: `top-1 CN 69% · top-3 85% · HHI 5,005 (…)`.
    pub block_summary: Vec<Vec<String>>,
    pub event_dates: Vec<String>,
    /// Per event: what its timeline filter reads (see [`event_text`]).
    pub event_text: Vec<String>,
    /// Every stage, in chain order: the stages pane's rows unfiltered.
    pub stage_order: Vec<StageId>,
    /// `5 stages · 6 firms · …`
    pub counts: String,
    /// The file name, or `embedded`.
    pub model_name: String,
}

impl Derived {
    pub fn new(m: &Model) -> Derived {
        // Each firm's place in name order, computed once; the lists then sort by integer.
        let mut order: Vec<FirmId> = m.firm_ids().collect();
        order.sort_by_cached_key(|&f| (m.firm(f).name.to_lowercase(), f));
        let mut rank = vec![0u32; m.firms().len()];
        for (r, &f) in order.iter().enumerate() {
            rank[f] = r as u32;
        }
        let by_name = |list: &[FirmId]| {
            let mut sorted = list.to_vec();
            sorted.sort_unstable_by_key(|&f| rank[f]);
            sorted
        };
        let headline_block: Vec<usize> = m
            .stage_ids()
            .map(|s| m.headline_block(s).unwrap_or(0))
            .collect();
        let stage_lead = m
            .stage_ids()
            .map(|s| {
                m.stage_lead(s)
                    .map(|(c, p)| format!("{} {}", one_line(&m.country(c).code), percent_whole(p)))
                    .unwrap_or_default()
            })
            .collect();
        let firm_codes = m
            .firms()
            .iter()
            .map(|f| {
                let codes: Vec<&str> = f
                    .countries
                    .iter()
                    .map(|&c| m.country(c).code.as_str())
                    .collect();
                one_line(&codes.join(" ")).into_owned()
            })
            .collect();
        let block_heading = m
            .stages()
            .iter()
            .map(|s| s.shares.iter().map(|b| heading(m, b)).collect())
            .collect();
        let block_summary = m
            .stages()
            .iter()
            .map(|s| s.shares.iter().map(|b| summary(m, b)).collect())
            .collect();
        let model_name = match &m.origin() {
            Origin::Embedded => "embedded".to_string(),
            Origin::File(p) => p
                .file_name()
                .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into()),
        };
        Derived {
            headline_block,
            stage_firms: m.stages().iter().map(|s| by_name(&s.firms)).collect(),
            country_firms: m.countries().iter().map(|c| by_name(&c.firms)).collect(),
            stage_lead,
            firm_codes,
            block_heading,
            block_summary,
            event_dates: m.events().iter().map(|e| e.date.to_string()).collect(),
            event_text: m.event_ids().map(|e| event_text(m, e)).collect(),
            stage_order: m.stage_ids().collect(),
            counts: format!(
                "{} stages · {} firms · {} facilities · {} events",
                m.stages().len(),
                m.firms().len(),
                m.facilities().len(),
                m.events().len()
            ),
            model_name: one_line(&model_name).into_owned(),
        }
    }
}

/// What the timeline's filter reads of an event: its date, title, parties, countries and source.
fn event_text(m: &Model, e: EventId) -> String {
    let ev = m.event(e);
    let mut text = format!("{} {}", ev.date, ev.title);
    for &p in &ev.parties {
        text.push(' ');
        text.push_str(m.party_name(p));
    }
    for &c in &ev.countries {
        let country = m.country(c);
        text.push(' ');
        text.push_str(&country.name);
        text.push(' ');
        text.push_str(&country.code);
    }
    if let Some(source) = m.get_source(ev.source) {
        text.push(' ');
        text.push_str(&source.id);
    }
    text
}
