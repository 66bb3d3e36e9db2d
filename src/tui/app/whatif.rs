//! The exclusion what-if in the app: which countries are out, what each stage keeps without
//! them, which firms drop out entirely, and the ore-to-magnet routes that remain.

use std::collections::BTreeSet;

use super::{App, Derived, Overlay, Pane};
use crate::analysis::ownership::ExcludeBy;
use crate::analysis::routes::{
    RouteOptions, RouteQuery, RouteReport, StatusFilter, find_routes_with,
};
use crate::analysis::whatif::{Exclusion, Left};
use crate::model::{CountryId, EntityRef, Model, indexed};
use crate::present::doc::{Doc, Role};
use crate::present::routes::{RoutesView, routes_doc};
use crate::present::whatif::{card_line, left_bare, left_compact, left_line};
use crate::text::one_line;

/// Routes the routes view lists per status filter.
pub const ROUTES_SHOWN: usize = 10;

#[derive(Debug, Clone, Default)]
pub struct WhatIf {
    /// Countries left out.
    pub excluded: BTreeSet<CountryId>,
    /// Whether they take out facilities by location, owner or either.
    pub by: ExcludeBy,
    /// Changes whenever the exclusions or the model do, so the app knows to redraw.
    pub revision: u64,
    /// Per stage, with exclusions: what is left of its headline block, None without data.
    pub stage_left: Vec<Option<Left>>,
    /// Per stage, with exclusions: `ex-CN 31% left`, or `no data`.
    pub stage_tail: Vec<String>,
    /// The same without the countries, `31% left`, for a stages pane too narrow for them.
    pub stage_tail_bare: Vec<String>,
    /// Per stage, per share block, with exclusions: `ex-CN 31% left`, as the shares pane says it.
    pub block_left: Vec<Vec<String>>,
    /// Per firm: the exclusion takes it out wholly.
    pub firm_out: Vec<bool>,
    /// Routes for the exclusions, computed when the routes view first needs them.
    pub routes: Option<Routes>,
    /// The resilience view's text for the exclusions, computed when it is first opened.
    pub resilience: Option<Doc>,
    /// Supply against demand for the exclusions, computed when the balance chart first needs it.
    pub balance: Option<std::sync::Arc<crate::analysis::balance::Balance>>,
    /// Per stage: the first year supply falls short of a demand series it compares with.
    pub stage_short: Vec<Option<u16>>,
}

/// The routes view's two answers: producing plants only, and with those not yet producing.
#[derive(Debug, Clone)]
pub struct Routes {
    pub operating: RouteReport,
    pub all: RouteReport,
    /// The routes view's text, built once per computation.
    pub doc: Doc,
}

impl WhatIf {
    pub fn is_active(&self) -> bool {
        !self.excluded.is_empty()
    }

    /// The rule the exclusions make, to ask what they take out.
    pub fn rule(&self) -> Exclusion<'_> {
        Exclusion::new(&self.excluded, self.by)
    }

    /// The excluded codes, `CN,MY`.
    pub fn label(&self, m: &Model) -> String {
        crate::present::whatif::label(m, self.rule())
    }

    pub fn is_excluded(&self, country: CountryId) -> bool {
        self.rule().excludes_country(country)
    }

    /// Recomputes what depends on the exclusions; drops routes, which are computed on demand.
    fn refresh(&mut self, m: &Model, derived: &Derived) {
        self.revision += 1;
        self.routes = None;
        self.resilience = None;
        self.balance = None;
        self.compute_first_short(m);
        if self.excluded.is_empty() {
            self.stage_left = Vec::new();
            self.stage_tail = Vec::new();
            self.stage_tail_bare = Vec::new();
            self.block_left = Vec::new();
            self.firm_out = Vec::new();
            return;
        }
        let rule = Exclusion::new(&self.excluded, self.by);
        self.stage_left = indexed(m.stages())
            .map(|(s, stage)| {
                let block = stage.shares.get(*derived.headline_block.get(s.index())?)?;
                Some(rule.left(block))
            })
            .collect();
        self.stage_tail = self
            .stage_left
            .iter()
            .map(|left| match left {
                Some(left) => left_compact(m, rule, *left),
                None => "no data".to_owned(),
            })
            .collect();
        self.stage_tail_bare = self
            .stage_left
            .iter()
            .map(|left| match left {
                Some(left) => left_bare(*left),
                None => "no data".to_owned(),
            })
            .collect();
        self.block_left = m
            .stages()
            .iter()
            .map(|stage| {
                stage
                    .shares
                    .iter()
                    .map(|b| left_line(m, rule, rule.left(b)))
                    .collect()
            })
            .collect();
        self.firm_out = m.firm_ids().map(|f| rule.firm_is_out(m, f)).collect();
    }

    /// Route cuts and stage indicators of every stage, producing plants only, as the
    /// command line's `resilience` gives them.
    fn compute_resilience(&mut self, m: &Model) {
        let query = RouteQuery {
            excluded: self.excluded.clone(),
            by: self.by,
            status: StatusFilter::Operating,
        };
        // No stage named: every stage, as on the command line.
        let report = crate::analysis::resilience::resilience(m, &query, &[]);
        let view = crate::present::resilience::ResilienceView {
            query: &query,
            report: &report,
        };
        self.resilience = Some(crate::present::resilience::resilience_doc(m, &view));
    }

    fn compute_routes(&mut self, m: &Model) {
        let options = RouteOptions {
            limit: ROUTES_SHOWN,
            ..RouteOptions::default()
        };
        let query = |status| RouteQuery {
            excluded: self.excluded.clone(),
            by: self.by,
            status,
        };
        let operating = find_routes_with(m, &query(StatusFilter::Operating), &options);
        let all = find_routes_with(m, &query(StatusFilter::All), &options);
        let query = query(StatusFilter::Operating);
        let view = RoutesView {
            query: &query,
            report: &operating,
            wider: Some(&all),
        };
        let doc = routes_doc(m, &view);
        self.routes = Some(Routes {
            operating,
            all,
            doc,
        });
    }

    /// The same exclusions in a reloaded model, by country code; codes that are gone drop out.
    pub fn carry_over(&mut self, old: &Model, new: &Model, derived: &Derived) {
        self.excluded = self
            .excluded
            .iter()
            .filter_map(|&c| old.get_country(c))
            .filter_map(|c| new.country_by_code(&c.code))
            .collect();
        let had_routes = self.routes.is_some();
        let had_balance = self.balance.is_some();
        let had_resilience = self.resilience.is_some();
        self.refresh(new, derived);
        if had_resilience {
            self.compute_resilience(new);
        }
        if had_routes {
            self.compute_routes(new);
        }
        if had_balance && self.balance.is_none() {
            self.compute_balance(new);
        }
    }

    /// Adds a line to a card saying how the what-if touches its entity.
    pub fn annotate(&self, m: &Model, subject: EntityRef, card: &mut Doc) {
        if !self.is_active() {
            return;
        }
        let stage_left = match subject {
            EntityRef::Stage(s) => self.stage_left.get(s.index()).copied().flatten(),
            _ => None,
        };
        let Some(note) = card_line(m, self.rule(), subject, stage_left) else {
            return;
        };
        card.prepend(vec![(Role::Warning, note)]);
    }
}

impl App {
    /// The country `x` acts on: the selected share row, or the country whose card is shown.
    pub fn exclusion_target(&self) -> Option<CountryId> {
        if self.panes.focus == Pane::Shares {
            return self.selected_country_row();
        }
        match self.subject() {
            Some(EntityRef::Country(c)) => Some(c),
            _ => None,
        }
    }

    pub(super) fn toggle_exclusion(&mut self) {
        let Some(c) = self.exclusion_target() else {
            self.say(
                "x excludes a country — select one in the shares pane or open its card",
                false,
            );
            return;
        };
        let country = self.loaded.model.country(c);
        let name = format!("{} ({})", one_line(&country.name), one_line(&country.code));
        let text = if self.what_if.excluded.remove(&c) {
            format!("{name} back in")
        } else {
            self.what_if.excluded.insert(c);
            format!("{name} excluded; m shows the routes left")
        };
        self.exclusions_changed();
        self.say(&text, false);
    }

    pub(super) fn clear_exclusions(&mut self) {
        if !self.what_if.is_active() {
            self.say("no country is excluded", false);
            return;
        }
        self.what_if.excluded.clear();
        self.exclusions_changed();
        self.say("exclusions cleared", false);
    }

    /// Cycles how excluded countries take facilities out: by location, owner or either.
    pub(super) fn cycle_exclusion_mode(&mut self) {
        self.what_if.by.mode = self.what_if.by.mode.next();
        self.exclusions_changed();
        let text = format!(
            "excluding {}; published shares stay by location",
            crate::present::labels::exclusion_rule(self.what_if.by)
        );
        self.say(&text, false);
    }

    pub(super) fn exclusions_changed(&mut self) {
        self.what_if
            .refresh(&self.loaded.model, &self.loaded.derived);
        self.sync_plants_exclusion();
        if self.overlay.is(&Overlay::Routes) {
            self.what_if.compute_routes(&self.loaded.model);
        }
        if matches!(self.overlay.get(), Some(Overlay::Balance { .. }))
            && self.what_if.balance.is_none()
        {
            self.what_if.compute_balance(&self.loaded.model);
        }
        if self.overlay.is(&Overlay::Resilience) {
            self.what_if.compute_resilience(&self.loaded.model);
        }
        // The card may carry a what-if line: rebuild it where the reader is.
        let scroll = self.card.scroll;
        self.set_subject(self.subject());
        self.card.scroll = scroll.min(self.card.max_scroll);
    }

    pub(super) fn show_resilience(&mut self) {
        if self.overlay.is(&Overlay::Resilience) {
            self.overlay.close();
            return;
        }
        if self.what_if.resilience.is_none() {
            self.what_if.compute_resilience(&self.loaded.model);
        }
        self.overlay.open(Overlay::Resilience);
    }

    pub(super) fn show_routes(&mut self) {
        if self.overlay.is(&Overlay::Routes) {
            self.overlay.close();
            return;
        }
        if self.what_if.routes.is_none() {
            self.what_if.compute_routes(&self.loaded.model);
        }
        self.overlay.open(Overlay::Routes);
    }
}
