//! A stage: its country shares and the firms at it.

use std::borrow::Cow;
use std::collections::BTreeSet;

use super::CARD_LIST_LIMIT;
use crate::analysis::ownership::ExcludeBy;
use crate::model::ShareBlock;
use crate::present::doc::{DocBuilder, Role};
use crate::present::format::{count, number, percent, range};
use crate::text::one_line;

impl DocBuilder<'_> {
    /// A share block: heading line and one line per country, largest first.
    pub(super) fn share_block(&mut self, block: &ShareBlock, top: usize) {
        let m = self.m;
        let mut head = vec![];
        if let Some(year) = block.year {
            head.push((Role::Number, format!("  {year}")));
            head.push(Self::dim(" · "));
        } else {
            head.push(Self::dim("  "));
        }
        head.push(Self::text(&block.metric));
        if let (Some(unit), Some(total)) = (&block.unit, block.total) {
            head.push(Self::dim(" · world "));
            head.push((Role::Number, number(total)));
            head.push(Self::dim(format!(" {unit}")));
        }
        head.push((Role::Text, " ".into()));
        head.push(self.cite(block.source));
        self.line(head);
        for &(c, pct) in block.percents.iter().take(top) {
            let code = m
                .countries
                .get(c)
                .map_or(Cow::Borrowed("?"), |c| one_line(&c.code));
            let name = m
                .countries
                .get(c)
                .map_or(Cow::Borrowed(""), |c| one_line(&c.name));
            let mut spans = vec![
                (Role::Text, format!("    {code:<3}")),
                (Role::Number, format!("{:>6}", percent(pct))),
                Self::dim(format!("  {name}")),
            ];
            if let Some(unit) = &block.unit
                && let Some(&(_, v)) = block.values.iter().find(|(vc, _)| *vc == c)
            {
                spans.push(Self::dim(format!(" · {} {unit}", number(v))));
            }
            self.line(spans);
        }
        if block.percents.len() > top {
            self.line(vec![Self::dim(format!(
                "    … {} more",
                block.percents.len() - top
            ))]);
        }
        let rest = block.unreported();
        if rest >= 0.05 {
            self.line(vec![
                (Role::Text, "    ·· ".into()),
                (Role::Number, format!("{:>6}", percent(rest))),
                Self::dim("  not attributed"),
            ]);
        }
        if let Some(note) = &block.note {
            self.note_lines("    ", note);
        }
    }

    /// Nameplate capacity by country beside the published shares: one line per phase and unit,
    /// and how many plants publish none.
    fn capacity_section(&mut self, s: usize) {
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
                        "{} {} ({:.0}%)",
                        one_line(&m.countries[r.country].code),
                        number(r.value),
                        r.share
                    )
                })
                .collect();
            let more = if t.rows.len() > 5 { " …" } else { "" };
            self.line(vec![
                Self::dim(format!("  {} · {}: ", t.phase.as_str(), one_line(&t.unit))),
                Self::text(&format!("{}{more}", countries.join(", "))),
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

    pub(super) fn stage(&mut self, s: usize) {
        let m = self.m;
        let stage = &m.stages[s];
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
        for block in &stage.shares {
            self.share_block(block, 5);
        }
        self.capacity_section(s);
        self.heading(format!("Firms ({})", stage.firms.len()));
        if stage.firms.is_empty() {
            self.line(vec![Self::dim("  none recorded")]);
        }
        // The listed firms' facilities here, gathered in one pass (a stage may have thousands).
        let listed: std::collections::HashSet<usize> =
            stage.firms.iter().take(CARD_LIST_LIMIT).copied().collect();
        let mut here: std::collections::HashMap<usize, Vec<String>> =
            std::collections::HashMap::with_capacity(listed.len());
        for &x in &stage.facilities {
            let fac = &m.facilities[x];
            if !listed.contains(&fac.firm) {
                continue;
            }
            // A capacity always says how far the plant is and where the figure comes from.
            let cap = match &fac.capacity {
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
                one_line(&m.countries[fac.country].code),
                one_line(&fac.name)
            ));
        }
        for &f in stage.firms.iter().take(CARD_LIST_LIMIT) {
            let firm = &m.firms[f];
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
