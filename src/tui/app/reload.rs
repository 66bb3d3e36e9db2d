//! The model file: reloading it, opening it in an editor, and keeping the selection across a
//! new model.

use std::sync::Arc;

use super::{App, Comparing, Derived, Overlay, Pane};
use crate::model::{EntityRef, EventId, LoadError, Model, Origin, indexed};
use crate::present::format::plural;
use crate::tui::msg::Effect;

impl App {
    /// The one-line banner over the status bar: the first problem of a failed reload.
    pub fn banner(&self) -> Option<String> {
        if self.file.removed {
            return Some("file removed; showing the last good model".into());
        }
        let Some(err) = self.file.load_error.as_ref() else {
            return self
                .file
                .reloads_off
                .as_ref()
                .map(|why| format!("saves are not picked up: {why}"));
        };
        let first = err.errors().next().or(err.problems.first())?;
        let count = err.errors().count();
        let more = if count > 1 {
            format!(" (+{} more; p lists them)", count - 1)
        } else {
            String::new()
        };
        Some(format!("{first}{more}"))
    }

    pub(super) fn loaded(&mut self, result: Result<Arc<Model>, LoadError>) -> Effect {
        match result {
            Ok(model) => {
                // Problems of the file that are now fixed give way to the model.
                if self.file.load_error.take().is_some() && self.overlay.is(&Overlay::Problems) {
                    self.overlay.close();
                }
                self.file.removed = false;
                // The marks of the reload before go; this one's follow once compared.
                self.loaded.changes = None;
                self.comparing = match self.comparing {
                    Comparing::FirstLoad => Comparing::Idle,
                    _ => Comparing::Awaiting,
                };
                let previous = Arc::clone(self.loaded_model());
                self.retired.extend(self.previous.replace(previous));
                self.say("reloaded", false);
                return self.show_loaded(model);
            }
            Err(err) => {
                self.file.removed = false;
                let count = err.errors().count();
                self.file.load_error = Some(err);
                self.say(
                    &format!(
                        "reload failed: {count} problem{}; keeping the last good model",
                        plural(count as u128)
                    ),
                    true,
                );
                self.fit_all();
            }
        }
        Effect::None
    }

    pub(super) fn file_gone(&mut self) {
        self.file.removed = true;
        self.fit_all();
    }

    pub(super) fn stop_reloads(&mut self, why: String) {
        self.file.reloads_off = Some(why);
        self.fit_all();
    }

    pub(super) fn reload(&mut self) -> Effect {
        if let Some(why) = &self.file.reloads_off {
            self.say(&format!("cannot reload: {why}"), true);
            return Effect::None;
        }
        match self.loaded.model.origin() {
            Origin::File(_) => {
                self.say("reloading…", false);
                Effect::Reload
            }
            Origin::Embedded => {
                self.say(
                    "the built-in model does not change; nothing to reload",
                    false,
                );
                Effect::None
            }
        }
    }

    /// Opens the file where it is wrong after a failed load, else at the selection.
    pub(super) fn edit(&mut self) -> Effect {
        let first_problem = self.file.load_error.as_ref().and_then(|e| {
            let first = e.errors().next().or(e.problems.first())?;
            Some(first.line.unwrap_or(1))
        });
        // Lines are found by place in the file, so a model read as of a date asks the whole one.
        let file_model = self.loaded_model();
        let line = first_problem.unwrap_or_else(|| {
            self.subject()
                .and_then(|e| relocate(&self.loaded.model, file_model, e))
                .map_or(1, |e| file_model.entity_line(e))
        });
        self.edit_at(line)
    }

    /// Opens the model file in the editor at `line`; the built-in model says how to get a copy.
    pub(super) fn edit_at(&mut self, line: u32) -> Effect {
        let Origin::File(path) = &self.loaded.model.origin() else {
            self.say(
                "the built-in model is read-only; to edit a copy: \
                 `rechain export --format yaml > chain.yaml`, then `rechain chain.yaml`",
                false,
            );
            return Effect::None;
        };
        Effect::Edit {
            path: path.clone(),
            line: line.max(1),
        }
    }

    /// Swaps in a new model, keeping selections by id (or the nearest row when an entity is
    /// gone).
    pub fn set_model(&mut self, model: impl Into<Arc<Model>>) {
        let model = model.into();
        let derived = Derived::new(&model);
        self.swap_model(model, derived);
    }

    /// [`App::set_model`] with the model's display data built already (off the UI thread).
    pub fn swap_model(&mut self, model: Arc<Model>, derived: Derived) {
        // Name everything selected while the old model is still the one the ids point into.
        let kept = self.kept_selection();
        // Where the events pane's selection sits on screen, to keep it there.
        let events = self.panes.events;
        let (subject, context) = (self.subject(), self.event_context());
        let old = self.loaded.swap(model, derived);
        // Held entities carry the old model's generation from here on: each is found again
        // by its id in the new model, or dropped.
        let new = &self.loaded.model;
        let subject = subject.and_then(|e| relocate(&old, new, e));
        let context = context.and_then(|e| relocate(&old, new, e));
        let event = kept
            .event
            .and_then(|e| relocate(&old, new, EntityRef::Event(e)));
        let hit = kept.hit.and_then(|e| relocate(&old, new, e));

        self.filters.new_model();
        self.what_if
            .carry_over(&old, &self.loaded.model, &self.loaded.derived);
        self.search_index = None;
        self.refresh_search();
        self.select_hit(hit);
        self.restore_selection(kept);
        self.set_event_context(context);
        self.refresh_events();
        // The newest event selected stays the newest; another stays selected on its row.
        if let Some(EntityRef::Event(e)) = event
            && events.selected > 0
            && let Some(i) = self.panes.event_rows.iter().position(|&x| x == e)
        {
            let row = events.selected.saturating_sub(events.offset);
            self.panes.events.selected = i;
            self.panes.events.offset = i.saturating_sub(row);
        }
        self.fit_all();
        self.restore_card(subject);
        self.carry_overlay_over(&old);
        self.retired.push(old);
    }

    /// What the panes select, by id or code, so it can be found again in another model.
    fn kept_selection(&self) -> KeptSelection {
        let m = &self.loaded.model;
        KeptSelection {
            stage: self.selected_stage().map(|s| m.stage(s).id.clone()),
            firm: self.selected_firm().map(|f| m.firm(f).id.clone()),
            country: self.country_scope().map(|c| m.country(c).code.clone()),
            share: self
                .selected_country_row()
                .map(|c| m.country(c).code.clone()),
            event: self.selected_event(),
            block: self.current_block().map(|b| BlockKey::of(m, b)),
            hit: self
                .search
                .as_ref()
                .and_then(|s| s.selected())
                .map(|h| h.entity),
        }
    }

    /// Selects in the new model's panes what was selected in the old one, where it still is.
    fn restore_selection(&mut self, kept: KeptSelection) {
        self.refresh_kept();
        let m = &self.loaded.model;
        let at = kept
            .stage
            .and_then(|id| m.stage_by_id(&id))
            .and_then(|s| self.stage_rows().iter().position(|&x| x == s));
        if let Some(i) = at {
            self.panes.stages.selected = i;
        }
        let stages = self.stage_rows().len();
        self.panes.stages.selected = self.panes.stages.selected.min(stages.saturating_sub(1));
        let country = kept.country.and_then(|c| m.country_by_code(&c));
        self.panes.country = country.map(|c| m.stamp(c));
        let blocks = self
            .selected_stage()
            .map_or(&[][..], |s| &m.stage(s).shares);
        self.panes.block = kept
            .block
            .and_then(|key| blocks.iter().position(|b| key == BlockKey::of(m, b)))
            .unwrap_or(self.panes.block)
            .min(blocks.len().saturating_sub(1));
        self.panes.stages.select(
            self.panes.stages.selected,
            stages,
            self.pane_rows(Pane::Stages),
        );
        self.refresh_kept();
        if let Some(i) = kept
            .firm
            .and_then(|id| self.loaded.model.firm_by_id(&id))
            .and_then(|f| self.firm_rows().iter().position(|&x| x == f))
        {
            self.panes.firms.selected = i;
        }
        if let Some(i) = kept
            .share
            .and_then(|c| self.loaded.model.country_by_code(&c))
            .and_then(|c| self.share_rows().iter().position(|&(x, _)| x == c))
        {
            self.panes.shares.selected = i;
        }
    }

    /// Shows the card of `subject` (the old card's entity in the new model) where the reader was.
    fn restore_card(&mut self, subject: Option<EntityRef>) {
        let scroll = self.card.scroll;
        self.card.subject = None;
        match (self.panes.focus, subject) {
            (Pane::Detail, Some(s)) => self.set_subject(Some(s)),
            (Pane::Detail, None) => {
                // The card's entity is gone: show the firm list's nearest row instead.
                self.panes.focus = Pane::Firms;
                self.follow_focus();
            }
            _ => self.follow_focus(),
        }
        // Keep the reader's place in a card that survived the reload.
        if subject.is_some() && self.subject() == subject {
            self.card.scroll = scroll.min(self.card.max_scroll);
        }
    }
}

/// The selection of the panes, named so it survives a change of model.
struct KeptSelection {
    stage: Option<String>,
    firm: Option<String>,
    country: Option<String>,
    share: Option<String>,
    event: Option<EventId>,
    block: Option<BlockKey>,
    /// The search result selected, while the box is open.
    hit: Option<EntityRef>,
}

/// A share block of a stage by what it is: its source, year and metric.
#[derive(PartialEq)]
struct BlockKey {
    source: String,
    year: Option<u16>,
    metric: String,
}

impl BlockKey {
    fn of(m: &Model, b: &crate::model::ShareBlock) -> BlockKey {
        BlockKey {
            source: m
                .get_source(b.source)
                .map(|s| s.id.clone())
                .unwrap_or_default(),
            year: b.year,
            metric: b.metric.clone(),
        }
    }
}

/// The same entity in a reloaded model: by id where it has one, by content for events and links.
pub fn relocate(old: &Model, new: &Model, e: EntityRef) -> Option<EntityRef> {
    match e {
        EntityRef::Event(i) => {
            let ev = old.get_event(i)?;
            indexed(new.events())
                .find(|(_, n)| n.date == ev.date && n.title == ev.title)
                .map(|(e, _)| EntityRef::Event(e))
        }
        EntityRef::Link(i) => {
            let l = old.get_link(i)?;
            let (from, to) = (old.party_id(l.from), old.party_id(l.to));
            indexed(new.links())
                .find(|(_, n)| {
                    n.kind == l.kind && new.party_id(n.from) == from && new.party_id(n.to) == to
                })
                .map(|(k, _)| EntityRef::Link(k))
        }
        _ => {
            let id = old.entity_id(e);
            let found = new.lookup(&id)?;
            // Ids are one namespace; only the same kind counts as the same entity.
            (std::mem::discriminant(&found) == std::mem::discriminant(&e)).then_some(found)
        }
    }
}
