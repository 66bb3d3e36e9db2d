//! Windows over the panes: help, sources, problems, routes and the message log.

use std::sync::Arc;

use super::{App, Overlay, Pane};
use crate::model::{LoadError, Model};
use crate::text::one_line;
use crate::tui::action::{Action, Effect};
use crate::tui::hints::Focus;

impl App {
    /// Keys while an overlay is open. Returns true when the overlay consumed the action.
    pub(super) fn apply_overlay(&mut self, action: &Action) -> bool {
        let len = self.overlay_len();
        let page = self.height.saturating_sub(6).max(1) as usize;
        let scroll = |s: &mut usize, delta: isize| {
            *s = s.saturating_add_signed(delta).min(len.saturating_sub(1));
        };
        match action {
            Action::Up => scroll(&mut self.overlay_scroll, -1),
            Action::Down => scroll(&mut self.overlay_scroll, 1),
            Action::PageUp => scroll(&mut self.overlay_scroll, -(page as isize)),
            Action::PageDown => scroll(&mut self.overlay_scroll, page as isize),
            Action::ScrollUp { .. } => scroll(&mut self.overlay_scroll, -super::WHEEL_STEP),
            Action::ScrollDown { .. } => scroll(&mut self.overlay_scroll, super::WHEEL_STEP),
            Action::First => self.overlay_scroll = 0,
            Action::Last => self.overlay_scroll = len.saturating_sub(1),
            Action::Open if self.overlay == Some(Overlay::Plants) => self.open_plant(),
            Action::ShowPlants if self.overlay == Some(Overlay::Plants) => self.overlay = None,
            Action::CycleExclusionMode if self.overlay == Some(Overlay::Plants) => {
                self.cycle_exclusion_mode();
            }
            Action::PlantsSort => {
                return self.plants_key(|q, _| q.sort = q.sort.next());
            }
            Action::PlantsReverse => return self.plants_key(|q, _| q.reverse = !q.reverse),
            Action::PlantsStatus => return self.plants_key(App::cycle_plant_status),
            Action::PlantsProduct => return self.plants_key(App::cycle_plant_product),
            Action::Back | Action::Open | Action::Click { .. } => self.overlay = None,
            Action::Help if self.overlay == Some(Overlay::Help) => self.overlay = None,
            Action::ShowSource if matches!(self.overlay, Some(Overlay::Source(_))) => {
                self.overlay = None;
            }
            Action::ShowProblems if self.overlay == Some(Overlay::Problems) => self.overlay = None,
            Action::ShowRoutes if self.overlay == Some(Overlay::Routes) => self.overlay = None,
            Action::ShowChanges if self.overlay == Some(Overlay::Changes) => self.overlay = None,
            Action::ShowBalance if matches!(self.overlay, Some(Overlay::Balance { .. })) => {
                self.overlay = None;
            }
            Action::ShowLog if self.overlay == Some(Overlay::Log) => self.overlay = None,
            Action::ShowHistory if matches!(self.overlay, Some(Overlay::History { .. })) => {
                self.overlay = None;
            }
            Action::NextBlock | Action::PrevBlock | Action::NextPane | Action::PrevPane
                if matches!(self.overlay, Some(Overlay::History { .. })) =>
            {
                self.cycle_history(action);
            }
            // Everything else (quit, resize, reload results, other overlays) acts as usual.
            _ => return false,
        }
        true
    }

    /// Positions the open overlay's scroll can take: a row of a list, or the first row of a
    /// page of text, so that the last page is as far as it goes.
    pub(super) fn overlay_len(&self) -> usize {
        match &self.overlay {
            Some(Overlay::Problems) => self.problem_list().len().max(1),
            Some(Overlay::History { .. } | Overlay::Balance { .. }) => 1,
            Some(Overlay::Plants) => self.plant_rows().map_or(1, |r| r.list.len().max(1)),
            Some(_) => crate::tui::ui::overlay::scroll_positions(self),
            None => 0,
        }
    }

    /// Actions on an overlay that ask the loop for something: Enter on a problem opens the
    /// editor at its line.
    pub(super) fn overlay_effect(&mut self, action: &Action) -> Option<Effect> {
        if self.overlay != Some(Overlay::Problems) || !matches!(action, Action::Open) {
            return None;
        }
        let problems = self.problem_list();
        let selected = self.overlay_scroll.min(problems.len().saturating_sub(1));
        let line = problems.get(selected)?.line;
        Some(self.edit_at(line.unwrap_or(1)))
    }

    /// Starts on a file that does not load: its problems over an empty model, until a save
    /// makes it valid.
    pub fn open_on_problems(&mut self, err: LoadError) {
        // No good model yet, so the first good load has nothing to be compared with.
        self.comparing = super::Comparing::FirstLoad;
        let n = err.errors().count();
        self.say(
            &format!(
                "{n} error{} in the file; the model shows once a save fixes it",
                crate::present::format::plural(n as u128)
            ),
            true,
        );
        self.load_error = Some(err);
        self.open_overlay(Overlay::Problems);
        self.fit_all();
    }

    /// What has the keys: the search box, else the open overlay, else the focused pane.
    pub fn hint_focus(&self) -> Focus {
        if self.search.is_some() {
            return Focus::Search;
        }
        match &self.overlay {
            Some(Overlay::Help) => Focus::Help,
            Some(Overlay::Source(_)) => Focus::Sources,
            Some(Overlay::Problems) => Focus::Problems,
            Some(Overlay::Routes) => Focus::Routes,
            Some(Overlay::History { .. }) => Focus::History,
            Some(Overlay::Balance { .. }) => Focus::Balance,
            Some(Overlay::Plants) => Focus::Plants,
            Some(Overlay::Log) => Focus::Log,
            Some(Overlay::Changes) => Focus::Changes,
            None => match self.focus {
                Pane::Stages => Focus::Stages,
                Pane::Firms => Focus::Firms,
                Pane::Shares => Focus::Shares,
                Pane::Detail => Focus::Detail,
                Pane::Events => Focus::Events,
            },
        }
    }

    /// The problems the overlay lists: the failed load's, else the model's warnings.
    pub fn problem_list(&self) -> &[crate::model::Problem] {
        match &self.load_error {
            Some(e) => &e.problems,
            None => &self.model.warnings,
        }
    }

    pub(super) fn open_overlay(&mut self, overlay: Overlay) {
        self.overlay = Some(overlay);
        self.overlay_scroll = 0;
    }

    /// The sources behind the focused selection.
    pub fn context_sources(&self) -> Vec<usize> {
        match self.focus {
            Pane::Shares => self
                .current_block()
                .map(|b| vec![b.source])
                .unwrap_or_default(),
            Pane::Events => self
                .selected_event()
                .map(|e| {
                    let ev = &self.model.events[e];
                    let mut v = vec![ev.source];
                    v.extend(ev.see_also.iter().filter(|&&s| s != ev.source));
                    v
                })
                .unwrap_or_default(),
            _ => self.card.sources.clone(),
        }
    }

    pub(super) fn show_sources(&mut self) {
        let sources = self.context_sources();
        if sources.is_empty() {
            self.say("nothing selected cites a source", false);
        } else {
            let ids = sources.iter().map(|&s| self.model.sources[s].id.clone());
            self.open_overlay(Overlay::Source(ids.collect()));
        }
    }

    /// The sources the sources overlay lists that are in the current model, in its order.
    pub fn listed_sources(&self) -> Vec<usize> {
        match &self.overlay {
            Some(Overlay::Source(ids)) => {
                ids.iter().filter_map(|id| self.model.source(id)).collect()
            }
            _ => Vec::new(),
        }
    }

    /// The open overlay in a new model (`old` is the one before): overlays name entities by
    /// id and read the new one as they are, the plants view is rebuilt, and an overlay whose
    /// entities are all gone closes, saying so.
    pub(super) fn carry_overlay_over(&mut self, old: &Arc<Model>) {
        self.carry_plants_over(old);
        let m = &self.model;
        // Every kind is named, so a new overlay has to say how it crosses a change of model.
        let gone = match &self.overlay {
            Some(Overlay::History { stage, .. }) if m.stage(stage).is_none() => Some(format!(
                "history closed: no stage {} in this model",
                one_line(stage)
            )),
            Some(Overlay::Balance { stage }) if m.stage(stage).is_none() => Some(format!(
                "balance closed: no stage {} in this model",
                one_line(stage)
            )),
            Some(Overlay::Source(ids)) if ids.iter().all(|id| m.source(id).is_none()) => {
                Some("sources closed: none of them is in this model".to_owned())
            }
            Some(
                Overlay::Help
                | Overlay::Source(_)
                | Overlay::Problems
                | Overlay::Routes
                | Overlay::History { .. }
                | Overlay::Balance { .. }
                | Overlay::Plants
                | Overlay::Changes
                | Overlay::Log,
            )
            | None => None,
        };
        if let Some(why) = gone {
            self.overlay = None;
            self.say(&why, false);
        }
        self.overlay_scroll = self
            .overlay_scroll
            .min(self.overlay_len().saturating_sub(1));
    }
}
