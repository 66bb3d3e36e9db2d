//! A country: its share of each stage and the firms in it.

use crate::model::{CountryId, EntityRef, FirmId, StageId, indexed};
use crate::present::doc::{DocBuilder, Role};
use crate::present::format::percent;
use crate::text::one_line;

impl DocBuilder<'_> {
    pub(super) fn country(&mut self, c: CountryId) {
        let m = self.m;
        let country = &m.country(c);
        self.title = self.country_label(c);
        self.line(vec![Self::dim(format!(
            "country · {} firms · {} facilities",
            country.firms.len(),
            country.facilities.len()
        ))]);

        self.country_shares(c);
        self.country_firms(c);
        self.events_section(m.events_of(EntityRef::Country(c)));
        self.source_list();
    }
    /// The country's place in every share block it appears in.
    fn country_shares(&mut self, c: CountryId) {
        let m = self.m;
        let shares: Vec<(StageId, usize)> = indexed(m.stages())
            .flat_map(|(s, st)| {
                st.shares
                    .iter()
                    .enumerate()
                    .filter(|(_, b)| b.percents.iter().any(|&(pc, _)| pc == c))
                    .map(move |(j, _)| (s, j))
            })
            .collect();
        if !shares.is_empty() {
            self.heading("Share of world output");
            for (s, j) in shares {
                let block = &m.stage(s).shares[j];
                let pct = block
                    .percents
                    .iter()
                    .find(|&&(pc, _)| pc == c)
                    .map_or(0.0, |&(_, p)| p);
                let rank = block
                    .percents
                    .iter()
                    .position(|&(pc, _)| pc == c)
                    .unwrap_or(0)
                    + 1;
                let mut spans = vec![
                    (Role::Text, format!("  {:<15}", one_line(&m.stage(s).name))),
                    (Role::Number, format!("{:>6}", percent(pct))),
                    Self::dim(format!(" #{rank} · ")),
                ];
                if let Some(year) = block.year {
                    spans.push(Self::dim(format!("{year} ")));
                }
                spans.push(Self::dim(&block.metric));
                spans.push((Role::Text, " ".into()));
                spans.push(self.cite(block.source));
                self.line(spans);
            }
        }
    }

    /// Firms with a facility in the country, by stage, and firms headquartered there.
    fn country_firms(&mut self, c: CountryId) {
        let m = self.m;
        let country = &m.country(c);
        self.heading("Firms by stage");
        // One pass over the country's facilities; firms in file order within each stage.
        let mut by_stage: Vec<Vec<FirmId>> = vec![Vec::new(); m.stages().len()];
        for &x in &country.facilities {
            let fac = &m.facility(x);
            for &s in &fac.stages {
                if by_stage[s].last() != Some(&fac.firm) && !by_stage[s].contains(&fac.firm) {
                    by_stage[s].push(fac.firm);
                }
            }
        }
        let mut any = false;
        for (s, firms) in m.stage_ids().zip(&by_stage) {
            if firms.is_empty() {
                continue;
            }
            any = true;
            let mut firms = firms.clone();
            firms.sort_unstable();
            self.line(vec![
                (Role::Text, format!("  {:<15}", one_line(&m.stage(s).name))),
                Self::text(&self.name_list(&firms)),
            ]);
        }
        if !any {
            self.line(vec![Self::dim("  no facilities recorded here")]);
        }
        let hq: Vec<FirmId> = country
            .firms
            .iter()
            .copied()
            .filter(|&f| m.firm(f).hq == c)
            .collect();
        if !hq.is_empty() {
            self.line(vec![
                (Role::Dim, format!("  {:<15}", "headquartered")),
                Self::text(&self.name_list(&hq)),
            ]);
        }
    }
}
