//! What the last reload changed: marks on the rows added or changed since the previous good
//! model, and the list of changes (`rechain diff`'s report).

use std::collections::HashMap;

use super::{App, Overlay};
use crate::analysis::diff::{Change, Kind, ModelDiff};
use crate::model::{EntityRef, Model};
use crate::present::diff::{report, summary};
use crate::present::doc::{Block, Doc, Role};

/// Where the comparison of a reload with the model before stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Comparing {
    #[default]
    Idle,
    /// A reload succeeded and its changes are being worked out.
    Awaiting,
    /// No good model yet, so the next good load has nothing to be compared with.
    FirstLoad,
}

/// What a reload changed, with its report: both worked out off the UI thread.
#[derive(Debug, Clone)]
pub struct ReloadDiff {
    pub diff: ModelDiff,
    /// The list of changes, as `rechain diff` reports them.
    pub report: Doc,
}

impl ReloadDiff {
    pub fn new(diff: ModelDiff) -> ReloadDiff {
        let report = report(&diff, "the previous model", "the reloaded one");
        ReloadDiff { diff, report }
    }
}

/// The differences a reload brought and the rows they mark.
#[derive(Debug, Clone)]
pub struct Changes {
    /// The list of changes, as `rechain diff` reports them, with a key to the marks.
    pub doc: Doc,
    pub diff: ModelDiff,
    /// Stages, firms and facilities added or changed, by id (one namespace).
    marks: HashMap<String, Change>,
}

impl Changes {
    /// The marks of a reload's changes in `model` (the newer side; `old` is the older).
    pub fn new(reload: ReloadDiff, model: &Model, old: Option<&Model>) -> Changes {
        let ReloadDiff {
            diff,
            report: mut doc,
        } = reload;
        let mut marks = HashMap::new();
        for e in &diff.entities {
            let marked = matches!(e.kind, Kind::Stages | Kind::Firms | Kind::Facilities);
            if !marked {
                continue;
            }
            if e.change != Change::Removed {
                marks.insert(e.id.clone(), e.change);
            }
            // A firm whose facility was added, changed or removed has changed too.
            let side = if e.change == Change::Removed {
                old
            } else {
                Some(model)
            };
            if let Some(m) = side
                && let Some(EntityRef::Facility(x)) = m.lookup(&e.id)
            {
                let firm = &m.firm(m.facility(x).firm).id;
                marks.entry(firm.clone()).or_insert(Change::Changed);
            }
        }
        if !marks.is_empty() {
            let legend = "marked in the panes: + added, ~ changed; C clears the marks";
            doc.blocks
                .insert(1, Block::Line(vec![(Role::Dim, legend.to_owned())]));
        }
        Changes { doc, diff, marks }
    }

    /// `+` for an entity added by the reload, `~` for one changed, by id.
    pub fn mark(&self, id: &str) -> Option<&'static str> {
        self.marks.get(id).map(|change| match change {
            Change::Added => "+",
            _ => "~",
        })
    }

    pub fn marks_any(&self) -> bool {
        !self.marks.is_empty()
    }
}

impl App {
    /// The mark of an entity changed by the last reload, if any.
    pub fn change_mark(&self, id: &str) -> Option<&'static str> {
        self.loaded.changes.as_ref().and_then(|c| c.mark(id))
    }

    /// The mark of an entity, by its id, when the last reload added or changed it.
    pub fn entity_mark(&self, entity: EntityRef) -> Option<&'static str> {
        let changes = self.loaded.changes.as_ref()?;
        match entity {
            EntityRef::Stage(_) | EntityRef::Firm(_) | EntityRef::Facility(_) => {
                changes.mark(&self.loaded.model.entity_id(entity))
            }
            _ => None,
        }
    }

    pub(super) fn changes_arrived(&mut self, reload: ReloadDiff) {
        // Marks the user cleared, or of a reload that failed since, stay away.
        if self.comparing != Comparing::Awaiting {
            return;
        }
        self.comparing = Comparing::Idle;
        let what = if reload.diff.is_empty() {
            "no differences".to_owned()
        } else {
            format!("{}; c lists them", summary(&reload.diff))
        };
        let old = self.previous.take();
        self.loaded.changes = Some(Changes::new(reload, self.loaded_model(), old.as_deref()));
        self.say(&format!("reloaded: {what}"), false);
        self.retired.extend(old);
    }

    pub(super) fn show_changes(&mut self) {
        match (&self.loaded.changes, self.comparing == Comparing::Awaiting) {
            (Some(_), _) => self.open_overlay(Overlay::Changes),
            (None, true) => self.say("comparing with the previous model…", false),
            (None, false) => self.say(
                "no changes to list — they are listed after a reload of the model file",
                false,
            ),
        }
    }

    pub(super) fn clear_changes(&mut self) {
        if self.comparing == Comparing::Awaiting {
            self.comparing = Comparing::Idle;
        }
        self.retired.extend(self.previous.take());
        if self.loaded.changes.take().is_some() {
            if self.overlay.is(&Overlay::Changes) {
                self.overlay.close();
            }
            self.say("marks cleared", false);
        } else {
            self.say("no marks to clear", false);
        }
    }
}
