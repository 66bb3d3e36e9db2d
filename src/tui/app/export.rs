//! What has focus, as text to copy or write: the open overlay, else the shares pane when it
//! has focus, else the card. Every view is built as a [`Doc`] and rendered to Markdown by the
//! presentation layer; tables also give CSV.

use super::{App, Overlay, Pane};
use crate::model::{EntityRef, FacilityId, SourceId};
use crate::present::balance::BalanceView;
use crate::present::card::sources_doc;
use crate::present::cite;
use crate::present::doc::{Block, Doc, Role};
use crate::present::history::history_doc;
use crate::present::plants::{plants_csv, plants_doc};
use crate::present::routes::routes_table;
use crate::present::session::{Said, help_doc, log_doc, problems_doc};
use crate::present::shares::{Select, shares_doc, shares_table, stage_parts};
use crate::present::view::View;
use crate::text::one_line;
use crate::tui::clipboard;
use crate::tui::msg::Effect;

/// The focused view as text.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewExport {
    /// A short name for it, the stem of the file name `w` suggests (`plants-magnets`).
    pub name: String,
    /// Markdown, then the numbered sources it cites with their URLs.
    pub markdown: String,
    /// CSV, for views that are tables.
    pub csv: Option<String>,
}

/// Why `Y` found nothing to cite.
pub const NOTHING_CITABLE: &str = "nothing citable selected: Y cites a country's share, a plant's capacity, a firm, an event or a source";

impl App {
    /// The view that has focus, as Markdown with its sources and, for tables, CSV.
    pub fn focused_export(&self) -> ViewExport {
        let m = &self.loaded.model;
        let (doc, csv) = match self.overlay.get() {
            Some(Overlay::Help { .. }) => (help_doc(&self.help_rows()), None),
            Some(Overlay::Source(_)) => {
                let list = self.listed_sources();
                let mut doc = sources_doc(m, &list);
                let cited = std::mem::replace(&mut doc.sources, list.clone());
                doc.sources
                    .extend(cited.into_iter().filter(|s| !list.contains(s)));
                (doc, None)
            }
            Some(Overlay::Problems) => (problems_doc(self.problem_list()), None),
            Some(Overlay::Log) => (self.log_doc(), None),
            Some(Overlay::Changes) => match &self.loaded.changes {
                Some(changes) => (changes.doc.clone(), None),
                None => (titled("Changes", "no changes listed"), None),
            },
            Some(Overlay::Resilience) => match &self.what_if.resilience {
                Some(doc) => (doc.clone(), doc.to_csv()),
                None => (titled("Resilience", "nothing computed"), None),
            },
            Some(Overlay::Routes) => match &self.what_if.routes {
                Some(routes) => (
                    routes.doc.clone(),
                    Some(routes_table(m, &routes.operating).to_csv()),
                ),
                None => (titled("Routes", "no routes computed"), None),
            },
            Some(Overlay::History { stage, .. }) => match m.stage_by_id(stage) {
                Some(stage) => (history_doc(m, stage, None), None),
                None => (titled("History", "no stage"), None),
            },
            Some(Overlay::Balance { stage }) => match (&self.what_if.balance, m.stage_by_id(stage))
            {
                (Some(balance), Some(stage)) => {
                    let view = BalanceView {
                        balance: balance.clone(),
                        stages: vec![stage],
                        excluded: self.what_if.excluded.clone(),
                        by: self.what_if.by,
                    };
                    (view.doc(m), view.csv(m))
                }
                _ => (titled("Balance", "no balance computed"), None),
            },
            Some(Overlay::Plants) => match (&self.plants, self.plant_rows()) {
                (Some(v), Some(rows)) => (
                    plants_doc(m, rows.stage, &v.query, &rows.list),
                    Some(plants_csv(m, &rows.list, rows.stage, v.query.by.control)),
                ),
                _ => (titled("Plants", "no plants view"), None),
            },
            None if self.panes.focus == Pane::Shares => {
                match (self.selected_stage(), self.current_block()) {
                    (Some(s), Some(_)) => {
                        let rule = self.what_if.rule();
                        let parts = stage_parts(m, s, Select::Block(self.panes.block), rule);
                        let table = shares_table(m, &parts, rule.is_active());
                        (shares_doc(m, &parts, false), Some(table.to_csv()))
                    }
                    _ => (self.card.doc.clone(), None),
                }
            }
            None => (self.card.doc.clone(), None),
        };
        // A routes title is a sentence starting with a count: name the file for the view.
        let name = if self.overlay.is(&Overlay::Routes) {
            "routes".to_owned()
        } else {
            file_stem(&doc.title)
        };
        ViewExport {
            name,
            markdown: doc.to_markdown_with_sources(m),
            csv,
        }
    }

    /// Every message of the session, newest last.
    pub fn log_doc(&self) -> Doc {
        log_doc(self.status.log.iter().map(|e| Said {
            at: &e.at,
            text: &e.text,
            error: e.error,
        }))
    }

    /// The selected figure as one line citing its source, or why there is none.
    pub fn citation(&self) -> Result<String, &'static str> {
        let m = &self.loaded.model;
        let found = match self.overlay.get() {
            Some(Overlay::Plants) => {
                let x = self.selected_plant().ok_or(NOTHING_CITABLE)?;
                return cite::capacity_citation(m, x)
                    .ok_or("this plant has no published capacity to cite");
            }
            Some(Overlay::Source(_)) => self.overlay_source().map(|s| cite::source_citation(m, s)),
            Some(_) => None,
            None => match self.panes.focus {
                Pane::Stages | Pane::Shares => self
                    .current_block()
                    .zip(self.selected_country_row())
                    .and_then(|(block, c)| cite::share_citation(m, block, c)),
                _ => self.subject().and_then(|e| self.entity_citation(e)),
            },
        };
        found.ok_or(NOTHING_CITABLE)
    }

    fn entity_citation(&self, entity: EntityRef) -> Option<String> {
        let m = &self.loaded.model;
        match entity {
            EntityRef::Facility(x) => cite::capacity_citation(m, x),
            EntityRef::Firm(i) => cite::firm_citation(m, i),
            EntityRef::Event(e) => cite::event_citation(m, e),
            EntityRef::Source(s) => Some(cite::source_citation(m, s)),
            _ => None,
        }
    }

    /// The plant selected in the plants view.
    pub fn selected_plant(&self) -> Option<FacilityId> {
        self.plant_rows()?.list.get(self.overlay.scroll()).copied()
    }

    /// The source `o` opens: the one at the top of the sources overlay, the selected plant's
    /// capacity source, else the first source of the focused selection.
    pub fn selected_source(&self) -> Option<SourceId> {
        let m = &self.loaded.model;
        match (self.overlay.get(), self.subject()) {
            (Some(Overlay::Source(_)), _) => self.overlay_source(),
            (Some(Overlay::Plants), _) => {
                let x = self.selected_plant()?;
                m.get_facility(x)?.capacity.first().map(|c| c.source)
            }
            (Some(_), _) => None,
            (None, Some(EntityRef::Source(s))) if self.panes.focus != Pane::Shares => Some(s),
            (None, _) => self.context_sources().first().copied(),
        }
    }

    /// The source whose block is at the top of the sources overlay as scrolled.
    fn overlay_source(&self) -> Option<SourceId> {
        let list = self.listed_sources();
        let doc = sources_doc(&self.loaded.model, &list);
        // Each source's block starts with its `[id]` alone on a line.
        let starts = doc
            .lines_iter(None)
            .take(self.overlay.scroll() + 1)
            .filter(|l| matches!(l.as_slice(), [(Role::Source, _)]))
            .count();
        list.get(starts.saturating_sub(1)).copied()
    }
}

fn titled(title: &str, line: &str) -> Doc {
    Doc {
        title: title.into(),
        blocks: vec![Block::Line(vec![(Role::Dim, line.into())])],
        sources: Vec::new(),
    }
}

/// A file name stem from a title: lower case letters and digits joined by dashes, at most
/// 40 characters.
fn file_stem(title: &str) -> String {
    let mut stem = String::new();
    for word in title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if stem.chars().count() + word.chars().count() > 40 {
            break;
        }
        if !stem.is_empty() {
            stem.push('-');
        }
        stem.extend(word.chars().flat_map(char::to_lowercase));
    }
    if stem.is_empty() {
        "rechain".into()
    } else {
        stem
    }
}

impl App {
    /// `Y`: the citable line for the loop to copy, or why there is none.
    pub(super) fn copy_citation(&mut self) -> Effect {
        match self.citation() {
            Ok(line) => Effect::Copy(line),
            Err(why) => {
                self.say(why, false);
                Effect::None
            }
        }
    }

    pub(super) fn clipboard_failed(&mut self, tool: &str, why: &str, osc52: bool) {
        self.say(&clipboard::failed_message(tool, why, osc52), true);
    }

    /// `o`: the selected source's URL for the loop to open, or why there is none.
    pub(super) fn open_url(&mut self) -> Effect {
        let Some(src) = self
            .selected_source()
            .and_then(|s| self.loaded.model.get_source(s))
        else {
            self.say("nothing selected cites a source", false);
            return Effect::None;
        };
        if let Some(url) = &src.url {
            Effect::OpenUrl(one_line(url).into_owned())
        } else {
            let text = format!("[{}] has no URL", one_line(&src.id));
            self.say(&text, false);
            Effect::None
        }
    }
}
