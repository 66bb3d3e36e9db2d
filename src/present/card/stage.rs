//! A stage: its country shares and the firms at it.

use std::collections::BTreeSet;

use super::CARD_LIST_LIMIT;
use crate::analysis::ownership::ExcludeBy;
use crate::analysis::whatif::Exclusion;
use crate::model::{FirmId, StageId};
use crate::present::doc::DocBuilder;
use crate::present::format::{count, number, percent_whole, range};
use crate::present::shares::{Layout, ShareView, push_block};
use crate::text::one_line;

impl DocBuilder<'_> {
    /// Nameplate capacity by country beside the published shares: one line per phase and unit,
    /// and how many plants publish none.
    fn capacity_section(&mut self, s: StageId) {
        use crate::analysis::capacity::{Phase, capacity_by_country};
        let m = self.m;
        let report = capacity_by_country(m, s, &BTreeSet::default(), ExcludeBy::default());
        if report.tables.is_empty() && report.without_capacity.iter().all(|(_, l)| l.is_empty()) {
            return;
        }
        self.heading("Nameplate capacity by country (listed plants, not output)");
        for t in &report.tables {
            let countries: Vec<String> = t
                .rows
                .iter()
                .take(5)
                .map(|r| {
                    format!(
                        "{} {} ({})",
                        one_line(&m.country(r.country).code),
                        number(r.value),
                        percent_whole(r.share)
                    )
                })
                .collect();
            let more = if t.rows.len() > 5 { " …" } else { "" };
            let coverage = report.coverage(t);
            // A share of a partial sum is of the plants listed: say how many.
            let of = if coverage.is_partial() {
                format!(
                    " — {} of {} plants listed",
                    coverage.summed, coverage.plants
                )
            } else {
                String::new()
            };
            self.line(vec![
                Self::dim(format!("  {} · {}: ", t.phase.as_str(), one_line(&t.unit))),
                Self::text(&format!("{}{more}", countries.join(", "))),
                Self::dim(of),
            ]);
        }
        for phase in [Phase::Operating, Phase::Pipeline] {
            let n = report.without(phase).len();
            if n > 0 {
                self.line(vec![Self::dim(format!(
                    "  {} {}: no public capacity",
                    count(n as u128, "plant", "plants"),
                    phase.as_str()
                ))]);
            }
        }
    }

    pub(super) fn stage(&mut self, s: StageId) {
        let m = self.m;
        let stage = &m.stage(s);
        self.title = one_line(&stage.name).into_owned();
        let mut about = vec![Self::dim(format!("stage · id {}", stage.id))];
        if let Some(makes) = &stage.makes {
            about.push(Self::dim(" · makes "));
            about.push(Self::text(makes));
        }
        self.line(about);
        if !stage.inputs.is_empty() {
            self.line(vec![
                Self::dim("consumes "),
                Self::text(&self.stage_names(&stage.inputs)),
            ]);
        }
        self.note(stage.notes.as_ref());
        self.heading(format!("Country shares ({})", stage.shares.len()));
        if stage.shares.is_empty() {
            self.line(vec![Self::dim("  no share data")]);
        }
        let layout = Layout {
            limit: Some(5),
            bars: false,
            inline_heading: true,
        };
        for i in 0..stage.shares.len() {
            if let Some(view) = ShareView::new(m, s, i, Exclusion::none()) {
                self.blank();
                push_block(self, &view, layout);
            }
        }
        self.capacity_section(s);
        self.heading(format!("Firms ({})", stage.firms.len()));
        if stage.firms.is_empty() {
            self.line(vec![Self::dim("  none recorded")]);
        }
        // The listed firms' facilities here, gathered in one pass (a stage may have thousands).
        let listed: std::collections::HashSet<FirmId> =
            stage.firms.iter().take(CARD_LIST_LIMIT).copied().collect();
        let mut here: std::collections::HashMap<FirmId, Vec<String>> =
            std::collections::HashMap::with_capacity(listed.len());
        for &x in &stage.facilities {
            let fac = &m.facility(x);
            if !listed.contains(&fac.firm) {
                continue;
            }
            // A capacity always says how far the plant is and where the figure comes from.
            let cap = match fac.capacity_at(s) {
                Some(c) => {
                    let (_, cited) = self.cite(c.source);
                    format!(
                        " {} {}, {} {cited}",
                        range(c),
                        one_line(&c.unit),
                        fac.status.as_str()
                    )
                }
                None => String::new(),
            };
            here.entry(fac.firm).or_default().push(format!(
                "{} {}{cap}",
                one_line(&m.country(fac.country).code),
                one_line(&fac.name)
            ));
        }
        for &f in stage.firms.iter().take(CARD_LIST_LIMIT) {
            let firm = &m.firm(f);
            let places = here.get(&f).map_or(String::new(), |v| v.join("; "));
            self.line(vec![
                Self::text(&format!("  {}", firm.name)),
                Self::dim(format!(" — {places}")),
            ]);
        }
        if stage.firms.len() > CARD_LIST_LIMIT {
            self.line(vec![Self::dim(format!(
                "  … and {} more (the firms pane lists them all)",
                number((stage.firms.len() - CARD_LIST_LIMIT) as f64)
            ))]);
        }
        self.source_list();
    }
}
