//! Windows over the panes: help, sources, problems, routes and the message log.

use std::sync::Arc;

use super::{App, Overlay, OverlayKind, Pane, overlay_text};
use crate::model::{LoadError, Model, SourceId};
use crate::text::one_line;
use crate::tui::command::Command;
use crate::tui::hints::Focus;
use crate::tui::msg::{Effect, Msg};

/// Longest help filter, in chars.
const FILTER_CHARS: usize = 64;

impl App {
    /// Messages while an overlay is open. Returns true when the overlay consumed it.
    pub(super) fn apply_overlay(&mut self, msg: &Msg) -> bool {
        let len = self.overlay_len();
        let page = self.height.saturating_sub(6).max(1) as usize;
        let command = match msg {
            Msg::Command(c) => *c,
            Msg::ScrollUp { .. } => Command::Up,
            Msg::ScrollDown { .. } => Command::Down,
            Msg::Click { .. } => Command::Back,
            Msg::Input(_) | Msg::Paste(_) => return self.filter_help(msg),
            // Quit, resize, reload results and the rest act as usual.
            _ => return false,
        };
        let wheel = matches!(msg, Msg::ScrollUp { .. } | Msg::ScrollDown { .. });
        let kind = self.overlay.get().map(OverlayKind::of);
        let before = self.overlay.scroll();
        let scrolls = matches!(
            command,
            Command::Up
                | Command::Down
                | Command::PageUp
                | Command::PageDown
                | Command::First
                | Command::Last
        );
        match command {
            Command::Up if wheel => self.overlay.scroll_by(-super::WHEEL_STEP, len),
            Command::Down if wheel => self.overlay.scroll_by(super::WHEEL_STEP, len),
            Command::Up => self.overlay.scroll_by(-1, len),
            Command::Down => self.overlay.scroll_by(1, len),
            Command::PageUp => self.overlay.scroll_by(-(page as isize), len),
            Command::PageDown => self.overlay.scroll_by(page as isize, len),
            Command::First => self.overlay.set_scroll(0),
            Command::Last => self.overlay.set_scroll(len.saturating_sub(1)),
            Command::DeleteChar | Command::ClearInput => return self.filter_help(msg),
            Command::Open if kind == Some(OverlayKind::Plants) => self.open_plant(),
            Command::CycleExclusionMode if kind == Some(OverlayKind::Plants) => {
                self.cycle_exclusion_mode();
            }
            Command::PlantsSort => {
                return self.plants_key(|q, _| q.sort = q.sort.next());
            }
            Command::PlantsReverse => return self.plants_key(|q, _| q.reverse = !q.reverse),
            Command::PlantsStatus => return self.plants_key(App::cycle_plant_status),
            Command::PlantsProduct => return self.plants_key(App::cycle_plant_product),
            Command::NextBlock | Command::PrevBlock | Command::NextPane | Command::PrevPane
                if kind == Some(OverlayKind::History) =>
            {
                self.cycle_history(command);
            }
            // Back, Enter and the key that opened an overlay close it.
            Command::Back | Command::Open => self.overlay.close(),
            c if kind.is_some_and(|k| k.opened_by() == c) => self.overlay.close(),
            _ => return false,
        }
        if scrolls && self.overlay.scroll() == before {
            self.unchanged();
        }
        true
    }

    /// Typing in the help overlay narrows it to the rows that hold the text.
    fn filter_help(&mut self, msg: &Msg) -> bool {
        let Some(Overlay::Help { filter }) = self.overlay.get_mut() else {
            return false;
        };
        let room = FILTER_CHARS.saturating_sub(filter.chars().count());
        match msg {
            Msg::Input(c) => {
                filter.extend(std::iter::once(*c).filter(|c| !c.is_control()).take(room));
            }
            Msg::Paste(text) => filter.extend(text.chars().filter(|c| !c.is_control()).take(room)),
            Msg::Command(Command::DeleteChar) => drop(filter.pop()),
            Msg::Command(Command::ClearInput) => filter.clear(),
            _ => return false,
        }
        self.overlay.set_scroll(0);
        true
    }

    /// The help overlay's rows: every binding, or those whose keys or words hold the filter
    /// (case aside).
    pub fn help_rows(&self) -> Vec<(String, &'static str)> {
        let filter = match self.overlay.get() {
            Some(Overlay::Help { filter }) => filter.to_lowercase(),
            _ => String::new(),
        };
        let rows = crate::tui::keymap::help_rows(&self.keys);
        if filter.is_empty() {
            return rows;
        }
        rows.into_iter()
            .filter(|(keys, help)| {
                keys.to_lowercase().contains(&filter) || help.to_lowercase().contains(&filter)
            })
            .collect()
    }

    /// Positions the open overlay's scroll can take: a row of a list, or the first row of a
    /// page of text, so that the last page is as far as it goes.
    pub(super) fn overlay_len(&self) -> usize {
        match self.overlay.get() {
            Some(Overlay::Problems) => self.listed_problems().len().max(1),
            Some(Overlay::History { .. } | Overlay::Balance { .. }) => 1,
            Some(Overlay::Plants) => self.plant_rows().map_or(1, |r| r.list.len().max(1)),
            Some(_) => overlay_text::scroll_positions(self),
            None => 0,
        }
    }

    /// Commands on an overlay that ask the loop for something: Enter on a problem opens the
    /// editor at its line.
    pub(super) fn overlay_effect(&mut self, msg: &Msg) -> Option<Effect> {
        if !self.overlay.is(&Overlay::Problems) || !matches!(msg, Msg::Command(Command::Open)) {
            return None;
        }
        let problems = self.listed_problems();
        let selected = self.overlay.scroll().min(problems.len().saturating_sub(1));
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
        self.file.load_error = Some(err);
        self.open_overlay(Overlay::Problems);
        self.fit_all();
    }

    /// What has the keys: the search box, else the open overlay, else the focused pane.
    pub fn hint_focus(&self) -> Focus {
        if self.search.is_some() {
            return Focus::Search;
        }
        if self.typing_filter().is_some() {
            return Focus::Filter;
        }
        match self.overlay.get() {
            Some(Overlay::Help { .. }) => Focus::Help,
            Some(Overlay::Source(_)) => Focus::Sources,
            Some(Overlay::Problems) => Focus::Problems,
            Some(Overlay::Routes | Overlay::Resilience) => Focus::Routes,
            Some(Overlay::History { .. }) => Focus::History,
            Some(Overlay::Balance { .. }) => Focus::Balance,
            Some(Overlay::Plants) => Focus::Plants,
            Some(Overlay::Log) => Focus::Log,
            Some(Overlay::Changes) => Focus::Changes,
            None => match self.panes.focus {
                Pane::Stages => Focus::Stages,
                Pane::Firms => Focus::Firms,
                Pane::Shares => Focus::Shares,
                Pane::Detail => Focus::Detail,
                Pane::Events => Focus::Events,
            },
        }
    }

    /// The problems the overlay lists, those its filter keeps.
    pub fn listed_problems(&self) -> Vec<&crate::model::Problem> {
        let all = self.problem_list();
        match self.kept_overlay_rows() {
            Some(kept) => kept.iter().filter_map(|&i| all.get(i)).collect(),
            None => all.iter().collect(),
        }
    }

    /// The problems of the model: the failed load's, else the model's warnings.
    pub fn problem_list(&self) -> &[crate::model::Problem] {
        match &self.file.load_error {
            Some(e) => &e.problems,
            None => self.loaded.model.warnings(),
        }
    }

    pub(super) fn open_overlay(&mut self, overlay: Overlay) {
        self.reset_overlay_filter();
        self.overlay.open(overlay);
    }

    /// The sources behind the focused selection.
    pub fn context_sources(&self) -> Vec<SourceId> {
        match self.panes.focus {
            Pane::Shares => self
                .current_block()
                .map(|b| vec![b.source])
                .unwrap_or_default(),
            Pane::Events => self
                .selected_event()
                .map(|e| {
                    let ev = self.loaded.model.event(e);
                    let mut v = vec![ev.source];
                    v.extend(ev.see_also.iter().filter(|&&s| s != ev.source));
                    v
                })
                .unwrap_or_default(),
            _ => self.card.doc.sources.clone(),
        }
    }

    pub(super) fn show_sources(&mut self) {
        let sources = self.context_sources();
        if sources.is_empty() {
            self.say("nothing selected cites a source", false);
        } else {
            let ids = sources
                .iter()
                .map(|&s| self.loaded.model.source(s).id.clone());
            self.open_overlay(Overlay::Source(ids.collect()));
        }
    }

    /// The sources the sources overlay lists that are in the current model, in its order.
    pub fn listed_sources(&self) -> Vec<SourceId> {
        match self.overlay.get() {
            Some(Overlay::Source(ids)) => ids
                .iter()
                .filter_map(|id| self.loaded.model.source_by_id(id))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The open overlay in a new model (`old` is the one before): overlays name entities by
    /// id and read the new one as they are, the plants view is rebuilt, and an overlay whose
    /// entities are all gone closes, saying so.
    pub(super) fn carry_overlay_over(&mut self, old: &Arc<Model>) {
        self.carry_plants_over(old);
        let m = &self.loaded.model;
        // Every kind is named, so a new overlay has to say how it crosses a change of model.
        let gone = match self.overlay.get() {
            Some(Overlay::History { stage, .. }) if m.stage_by_id(stage).is_none() => Some(
                format!("history closed: no stage {} in this model", one_line(stage)),
            ),
            Some(Overlay::Balance { stage }) if m.stage_by_id(stage).is_none() => Some(format!(
                "balance closed: no stage {} in this model",
                one_line(stage)
            )),
            Some(Overlay::Source(ids)) if ids.iter().all(|id| m.source_by_id(id).is_none()) => {
                Some("sources closed: none of them is in this model".to_owned())
            }
            Some(
                Overlay::Help { .. }
                | Overlay::Source(_)
                | Overlay::Problems
                | Overlay::Routes
                | Overlay::History { .. }
                | Overlay::Balance { .. }
                | Overlay::Resilience
                | Overlay::Plants
                | Overlay::Changes
                | Overlay::Log,
            )
            | None => None,
        };
        if let Some(why) = gone {
            self.overlay.close();
            self.say(&why, false);
        }
        self.overlay.clamp(self.overlay_len());
    }
}
