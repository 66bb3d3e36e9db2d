//! Filtering a list in place, the same way in every list and overlay: `/` starts typing, a row
//! stays when every word typed begins a word of its text (one letter wrong allowed once the
//! word is four letters long), `#tag` keeps events on that topic, Enter keeps the filter and
//! Esc clears it. The rows kept are worked out when the filter or the list changes, never
//! while drawing.

use deunicode::deunicode;
use strsim::damerau_levenshtein;

use super::{App, Overlay, OverlayKind, Pane};
use crate::model::{CountryId, EntityRef, EventId, EventTag, FirmId, StageId, indexed};
use crate::present::format::position;
use crate::text::one_line;
use crate::tui::command::Command;
use crate::tui::msg::{Effect, Msg};

/// Longest filter, in chars.
const FILTER_CHARS: usize = 64;

/// The words of `text`, folded to lower-case ASCII.
fn words(text: &str) -> Vec<String> {
    deunicode(text)
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether `typed` begins `word`, allowing one typo from four letters on.
fn begins(word: &str, typed: &str) -> bool {
    if word.starts_with(typed) {
        return true;
    }
    let n = typed.chars().count();
    if n < 4 {
        return false;
    }
    // A letter left out or put in shifts the rest: compare heads one shorter and longer too.
    (n - 1..=n + 1).any(|len| {
        let head: String = word.chars().take(len).collect();
        damerau_levenshtein(&head, typed) <= 1
    })
}

/// A `#tag` typed in a filter and the topics it names: those the tag begins, else the one it
/// misspells.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct TagWanted {
    typed: String,
    tags: Vec<EventTag>,
}

impl TagWanted {
    fn new(typed: &str) -> TagWanted {
        let typed = typed.to_lowercase().replace('_', "-");
        let begun: Vec<EventTag> = EventTag::ALL
            .into_iter()
            .filter(|t| t.as_str().starts_with(&typed))
            .collect();
        let tags = if begun.is_empty() {
            EventTag::ALL
                .into_iter()
                .filter(|t| begins(t.as_str(), &typed))
                .collect()
        } else {
            begun
        };
        TagWanted { typed, tags }
    }
}

/// A filter, read once from what was typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    typed: Vec<String>,
    tags: Vec<TagWanted>,
}

impl Filter {
    pub fn new(text: &str) -> Filter {
        let mut typed = Vec::new();
        let mut tags = Vec::new();
        for token in text.split_whitespace() {
            match token.strip_prefix('#') {
                Some(tag) if !tag.is_empty() => tags.push(TagWanted::new(tag)),
                Some(_) => {}
                None => typed.extend(words(token)),
            }
        }
        Filter { typed, tags }
    }

    pub fn is_empty(&self) -> bool {
        self.typed.is_empty() && self.tags.is_empty()
    }

    /// Whether a row whose text is `text` stays; a `#tag` counts as a word where rows have no
    /// topics.
    pub fn keeps(&self, text: &str) -> bool {
        let have = words(text);
        let tag_words = self.tags.iter().flat_map(|t| words(&t.typed));
        self.typed
            .iter()
            .cloned()
            .chain(tag_words)
            .all(|t| have.iter().any(|w| begins(w, &t)))
    }

    /// Whether an event whose text is `text` and whose topics are `tags` stays: every `#tag`
    /// names one of its topics and every word begins a word of its text.
    pub fn keeps_event(&self, text: &str, tags: &[EventTag]) -> bool {
        let on_topic = self
            .tags
            .iter()
            .all(|want| want.tags.iter().any(|t| tags.contains(t)));
        if !on_topic {
            return false;
        }
        let have = words(text);
        self.typed.iter().all(|t| have.iter().any(|w| begins(w, t)))
    }

    /// What the `#tags` typed name: each tag it stands for, or why it names none (with the
    /// nearest tag).
    pub fn tags_read(&self) -> Vec<Result<Vec<EventTag>, String>> {
        self.tags
            .iter()
            .map(|want| match want.tags.as_slice() {
                [] => Err(EventTag::parse(&want.typed).err().unwrap_or_default()),
                tags => Ok(tags.to_vec()),
            })
            .collect()
    }
}

/// What `/` typed in one list, and whether it is still being typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFilter {
    text: String,
    typing: bool,
    matcher: Filter,
}

/// What a key did to a filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// Typing started; the rows are as they were.
    Started,
    /// The text changed.
    Changed,
    /// Enter: the filter stays, the list's keys are back.
    Kept,
}

impl ListFilter {
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Characters go into the filter.
    pub fn typing(&self) -> bool {
        self.typing
    }

    /// Rows are being left out.
    pub fn is_on(&self) -> bool {
        !self.matcher.is_empty()
    }

    pub fn matcher(&self) -> &Filter {
        &self.matcher
    }

    pub fn clear(&mut self) {
        *self = ListFilter::default();
    }

    /// A filter of `text`, already kept (as after Enter).
    pub fn of(text: &str) -> ListFilter {
        ListFilter {
            text: text.to_owned(),
            typing: false,
            matcher: Filter::new(text),
        }
    }

    /// Applies a message: `/` starts typing; while typing, text goes in, Tab completes a
    /// `#tag`, Enter keeps the filter and Esc clears it; Esc on a kept filter clears it. None
    /// when the message is not the filter's.
    pub fn apply(&mut self, msg: &Msg) -> Option<Edit> {
        let room = FILTER_CHARS.saturating_sub(self.text.chars().count());
        let clean =
            |t: &str| -> String { t.chars().filter(|c| !c.is_control()).take(room).collect() };
        match (self.typing, msg) {
            (false, Msg::Command(Command::Filter)) => {
                self.typing = true;
                return Some(Edit::Started);
            }
            (false, Msg::Command(Command::Back)) if !self.text.is_empty() => self.text.clear(),
            (true, Msg::Input(c)) => self.text.push_str(&clean(&c.to_string())),
            (true, Msg::Paste(t)) => self.text.push_str(&clean(t)),
            (true, Msg::Command(Command::DeleteChar)) => drop(self.text.pop()),
            (true, Msg::Command(Command::ClearInput)) => self.text.clear(),
            (true, Msg::Command(Command::NextPane)) => self.complete_tag(),
            (true, Msg::Command(Command::Open)) => {
                self.typing = false;
                return Some(Edit::Kept);
            }
            (true, Msg::Command(Command::Back)) => {
                self.typing = false;
                self.text.clear();
            }
            _ => return None,
        }
        self.matcher = Filter::new(&self.text);
        Some(Edit::Changed)
    }

    /// Completes the `#tag` being typed to the tag it begins, or to what the tags it begins
    /// share.
    fn complete_tag(&mut self) {
        let start = self.text.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        let Some(typed) = self.text[start..].strip_prefix('#') else {
            return;
        };
        let tags = TagWanted::new(typed).tags;
        let names: Vec<&str> = tags.iter().map(|t| t.as_str()).collect();
        let Some(first) = names.first() else {
            return;
        };
        let shared = names.iter().fold(first.len(), |n, name| {
            first
                .bytes()
                .zip(name.bytes())
                .take(n)
                .take_while(|(a, b)| a == b)
                .count()
        });
        let done = if names.len() == 1 { " " } else { "" };
        self.text.truncate(start);
        self.text.push('#');
        self.text.push_str(&first[..shared]);
        self.text.push_str(done);
    }

    /// How a list's title shows the filter and where the reader is: `/jap▏ 3 of 41` while
    /// filtered (`1–12 of 30 · 41 in all` once the rows kept scroll), else `(41)` or
    /// `(21–40 of 44)`.
    pub fn title(&self, first: usize, rows: usize, kept: usize, total: usize) -> String {
        if !self.typing && self.text.is_empty() {
            return format!("({})", position(first, rows, total));
        }
        let cursor = if self.typing { "▏" } else { "" };
        let text = one_line(&self.text);
        if first == 0 && rows >= kept {
            format!(
                "/{text}{cursor} {} of {}",
                position(0, rows, kept),
                position(0, total, total)
            )
        } else {
            format!(
                "/{text}{cursor} {} · {} in all",
                position(first, rows, kept),
                position(0, total, total)
            )
        }
    }
}

/// What a list's rows are drawn from besides the model and the filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// The stages: the whole chain.
    Chain,
    /// The firms of a country, else of a stage.
    Firms(Option<CountryId>, Option<StageId>),
    /// A share block (by position) of a stage.
    Shares(Option<StageId>, usize),
    /// The open overlay and the width its tables fit.
    Overlay(Option<OverlayKind>, u16),
}

/// The rows a filter keeps of one list (entities, or positions in the list), and what they
/// were worked out from: the model, the list's scope and the filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept<T> {
    key: Option<(u64, Scope, String)>,
    pub rows: Vec<T>,
}

impl<T> Default for Kept<T> {
    fn default() -> Kept<T> {
        Kept {
            key: None,
            rows: Vec::new(),
        }
    }
}

/// Which list a filter belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListId {
    Stages,
    Firms,
    Shares,
    Events,
    /// The open overlay's list or lines.
    Overlay,
}

/// Every list's filter and the rows it keeps.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub stages: ListFilter,
    pub firms: ListFilter,
    pub shares: ListFilter,
    pub events: ListFilter,
    /// The open overlay's; it starts empty each time an overlay opens.
    pub overlay: ListFilter,
    /// Counts the models the app has had, so rows kept from one are not read in another.
    model: u64,
    /// Events in the timeline before its filter.
    pub(super) events_all: usize,
    kept_stages: Kept<StageId>,
    kept_firms: Kept<FirmId>,
    /// Positions in the block's countries.
    kept_shares: Kept<usize>,
    /// Positions of the overlay's lines or problems.
    kept_overlay: Kept<usize>,
    /// What the open overlay's rows say (a hash) and how many there are, when its rows kept
    /// were worked out: a change of content works them out again.
    overlay_content: (u64, usize),
}

impl Filters {
    /// Events the timeline lists before its filter.
    pub fn events_all(&self) -> usize {
        self.events_all
    }

    /// How the open overlay's title shows its filter: `/jap▏ 12 of 140` (lines or problems
    /// kept of all), none when there is no filter.
    pub fn overlay_label(&self) -> Option<String> {
        let f = &self.overlay;
        if !f.typing() && f.text().is_empty() {
            return None;
        }
        let cursor = if f.typing() { "▏" } else { "" };
        let text = one_line(f.text());
        Some(match &self.kept_overlay.key {
            Some((_, _, typed)) if f.is_on() && *typed == f.text => format!(
                "/{text}{cursor} {} of {}",
                position(0, usize::MAX, self.kept_overlay.rows.len()),
                position(0, usize::MAX, self.overlay_content.1)
            ),
            _ => format!("/{text}{cursor}"),
        })
    }

    pub fn get(&self, id: ListId) -> &ListFilter {
        match id {
            ListId::Stages => &self.stages,
            ListId::Firms => &self.firms,
            ListId::Shares => &self.shares,
            ListId::Events => &self.events,
            ListId::Overlay => &self.overlay,
        }
    }

    fn get_mut(&mut self, id: ListId) -> &mut ListFilter {
        match id {
            ListId::Stages => &mut self.stages,
            ListId::Firms => &mut self.firms,
            ListId::Shares => &mut self.shares,
            ListId::Events => &mut self.events,
            ListId::Overlay => &mut self.overlay,
        }
    }

    /// A new model: rows kept from the old one are stale.
    pub(super) fn new_model(&mut self) {
        self.model += 1;
    }

    fn key(&self, id: ListId, scope: Scope) -> (u64, Scope, String) {
        (self.model, scope, self.get(id).text.clone())
    }

    /// The rows `kept` of list `id` for `scope`, when the filter is on and they are up to date.
    fn fresh<'k, T>(&self, id: ListId, kept: &'k Kept<T>, scope: Scope) -> Option<&'k [T]> {
        let fresh = kept.key.as_ref().is_some_and(|k| *k == self.key(id, scope));
        (self.get(id).is_on() && fresh).then_some(kept.rows.as_slice())
    }

    /// Whether list `id`'s rows kept are out of date for `scope` (the timeline keeps none).
    fn stale(&self, id: ListId, scope: Scope) -> bool {
        let fresh = match id {
            ListId::Stages => self.fresh(id, &self.kept_stages, scope).is_some(),
            ListId::Firms => self.fresh(id, &self.kept_firms, scope).is_some(),
            ListId::Shares => self.fresh(id, &self.kept_shares, scope).is_some(),
            ListId::Overlay => self.fresh(id, &self.kept_overlay, scope).is_some(),
            ListId::Events => false,
        };
        self.get(id).is_on() && !fresh
    }

    /// The rows list `id` keeps for `scope`, as worked out now.
    fn stored<T>(&self, id: ListId, scope: Scope, rows: Vec<T>) -> Kept<T> {
        Kept {
            key: Some(self.key(id, scope)),
            rows,
        }
    }
}

/// A digest of what rows say, to notice they changed.
fn content_hash(texts: &[String]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    texts.hash(&mut h);
    h.finish()
}

impl App {
    /// The list `/` filters where the keys go: the open overlay's (help filters as it is
    /// typed; charts have no rows), else the focused pane's.
    pub fn filter_target(&self) -> Option<ListId> {
        match self.overlay.get().map(OverlayKind::of) {
            Some(OverlayKind::Help | OverlayKind::History | OverlayKind::Balance) => None,
            Some(_) => Some(ListId::Overlay),
            None => match self.panes.focus {
                Pane::Stages => Some(ListId::Stages),
                Pane::Firms => Some(ListId::Firms),
                Pane::Shares => Some(ListId::Shares),
                Pane::Events => Some(ListId::Events),
                Pane::Detail => None,
            },
        }
    }

    /// The filter being typed, if one is.
    pub fn typing_filter(&self) -> Option<&ListFilter> {
        let f = self.filters.get(self.filter_target()?);
        f.typing().then_some(f)
    }

    /// The filter's keys, where the keys go; None when the message is not for a filter.
    pub(super) fn apply_filter(&mut self, msg: &Msg) -> Option<Effect> {
        let mut id = self.filter_target()?;
        // `#` first in a pane's filter means a topic: the filter moves to the timeline.
        if matches!(id, ListId::Stages | ListId::Firms | ListId::Shares)
            && matches!(msg, Msg::Input('#'))
            && self.filters.get(id).typing()
            && self.filters.get(id).text().is_empty()
        {
            self.filters.get_mut(id).apply(&Msg::Command(Command::Back));
            self.show_timeline();
            // A topic is asked of the whole chain, not of the selection's events.
            if self.panes.events_filtered {
                self.panes.events_filtered = false;
                self.refresh_events();
            }
            id = ListId::Events;
            if !self.filters.get(id).typing() {
                self.filters.get_mut(id).clear();
                self.filters
                    .get_mut(id)
                    .apply(&Msg::Command(Command::Filter));
            }
        }
        let before = self.remember(id);
        let edit = self.filters.get_mut(id).apply(msg)?;
        if edit == Edit::Changed {
            self.refilter(id, before);
            self.say_unknown_tags(id);
        }
        Some(Effect::None)
    }

    /// Says which `#tag` typed in the events' filter names no topic, and the nearest one.
    fn say_unknown_tags(&mut self, id: ListId) {
        if id != ListId::Events {
            return;
        }
        let unknown: Vec<String> = self
            .filters
            .events
            .matcher()
            .tags_read()
            .into_iter()
            .filter_map(Result::err)
            .collect();
        if !unknown.is_empty() {
            self.say(&unknown.join("; "), false);
        }
    }

    /// Clears list `id`'s filter, keeping its selection.
    pub(super) fn clear_filter(&mut self, id: ListId) {
        if self.filters.get(id).text().is_empty() {
            return;
        }
        let before = self.remember(id);
        self.filters.get_mut(id).clear();
        self.refilter(id, before);
    }

    /// What list `id` selects (a stage, firm, country or event), to find it again once its
    /// rows change.
    fn remember(&self, id: ListId) -> Option<EntityRef> {
        match id {
            ListId::Stages => self.selected_stage().map(EntityRef::Stage),
            ListId::Firms => self.selected_firm().map(EntityRef::Firm),
            ListId::Shares => self.selected_country_row().map(EntityRef::Country),
            ListId::Events => self.selected_event().map(EntityRef::Event),
            ListId::Overlay => None,
        }
    }

    /// Works out list `id`'s rows again after its filter changed, keeping the row that was
    /// selected (`before`) where it is still listed.
    fn refilter(&mut self, id: ListId, before: Option<EntityRef>) {
        match id {
            ListId::Stages => {
                self.keep_stages();
                let at = self
                    .stage_rows()
                    .iter()
                    .position(|&x| before == Some(EntityRef::Stage(x)));
                let rows = self.pane_rows(Pane::Stages);
                let len = self.stage_rows().len();
                self.panes.stages.select(at.unwrap_or(0), len, rows);
                if self.selected_stage().map(EntityRef::Stage) != before {
                    self.stage_changed();
                    self.keep_firms();
                    self.keep_shares();
                }
            }
            ListId::Firms => {
                self.keep_firms();
                let at = self
                    .firm_rows()
                    .iter()
                    .position(|&x| before == Some(EntityRef::Firm(x)));
                let rows = self.pane_rows(Pane::Firms);
                let len = self.firm_rows().len();
                self.panes.firms.select(at.unwrap_or(0), len, rows);
            }
            ListId::Shares => {
                self.keep_shares();
                let at = self
                    .share_rows()
                    .iter()
                    .position(|&(x, _)| before == Some(EntityRef::Country(x)));
                let rows = self.pane_rows(Pane::Shares);
                let len = self.share_rows().len();
                self.panes.shares.select(at.unwrap_or(0), len, rows);
            }
            ListId::Events => {
                self.refresh_events();
                let at = self
                    .panes
                    .event_rows
                    .iter()
                    .position(|&x| before == Some(EntityRef::Event(x)));
                if let Some(i) = at {
                    let rows = self.pane_rows(Pane::Events);
                    self.panes
                        .events
                        .select(i, self.panes.event_rows.len(), rows);
                }
            }
            ListId::Overlay => {
                self.keep_overlay();
                if self.overlay.is(&Overlay::Plants) {
                    self.refresh_plants_filter();
                }
                self.overlay.set_scroll(0);
            }
        }
        if self.filter_target() == Some(id) || id == ListId::Stages {
            self.follow_focus();
        }
    }

    /// Brings every list's rows kept up to date with what they are drawn from (a new stage,
    /// country, block, model or overlay text), keeping each selection inside its list.
    pub(super) fn refresh_kept(&mut self) {
        if self.filters.stale(ListId::Stages, Self::STAGES_SCOPE) {
            self.keep_stages();
            let len = self.stage_rows().len();
            let rows = self.pane_rows(Pane::Stages);
            self.panes
                .stages
                .select(self.panes.stages.selected, len, rows);
        }
        if self.filters.stale(ListId::Firms, self.firms_scope()) {
            self.keep_firms();
            let len = self.firm_rows().len();
            let rows = self.pane_rows(Pane::Firms);
            self.panes
                .firms
                .select(self.panes.firms.selected, len, rows);
        }
        if self.filters.stale(ListId::Shares, self.shares_scope()) {
            self.keep_shares();
            let len = self.share_rows().len();
            let rows = self.pane_rows(Pane::Shares);
            self.panes
                .shares
                .select(self.panes.shares.selected, len, rows);
        }
        if self.filters.overlay.is_on() && self.overlay.get().is_some() {
            let texts = self.overlay_texts();
            let stale = self.filters.stale(ListId::Overlay, self.overlay_scope());
            if stale || self.filters.overlay_content.0 != content_hash(&texts) {
                self.keep_overlay_of(&texts);
                self.overlay.clamp(self.overlay_len());
            }
        }
    }

    /// The stages list has one scope: the chain.
    const STAGES_SCOPE: Scope = Scope::Chain;

    fn firms_scope(&self) -> Scope {
        Scope::Firms(self.country_scope(), self.selected_stage())
    }

    fn shares_scope(&self) -> Scope {
        Scope::Shares(self.selected_stage(), self.panes.block)
    }

    /// The open overlay and the width its tables fit (what it says is checked on each
    /// message, by [`App::refresh_kept`]).
    fn overlay_scope(&self) -> Scope {
        Scope::Overlay(self.overlay.get().map(OverlayKind::of), self.width)
    }

    /// The text of each row of the open overlay the filter reads: a problem, or a line (the
    /// plants view keeps its own rows).
    fn overlay_texts(&self) -> Vec<String> {
        match self.overlay.get() {
            Some(Overlay::Problems) => self
                .problem_list()
                .iter()
                .map(ToString::to_string)
                .collect(),
            Some(Overlay::Plants) | None => Vec::new(),
            Some(_) => super::overlay_text::all_lines(self)
                .unwrap_or_default()
                .iter()
                .map(|line| line.spans.iter().map(|s| s.content.as_ref()).collect())
                .collect(),
        }
    }

    /// The stages pane's rows: every stage, or those its filter keeps.
    pub fn stage_rows(&self) -> &[StageId] {
        let f = &self.filters;
        match f.fresh(ListId::Stages, &f.kept_stages, Self::STAGES_SCOPE) {
            Some(rows) => rows,
            None => &self.loaded.derived.stage_order,
        }
    }

    /// The firms pane's rows: firms at the stage, or in the chosen country, that its filter
    /// keeps.
    pub fn firm_rows(&self) -> &[FirmId] {
        let f = &self.filters;
        if let Some(rows) = f.fresh(ListId::Firms, &f.kept_firms, self.firms_scope()) {
            return rows;
        }
        self.all_firm_rows()
    }

    /// The shares pane's rows kept by its filter, as positions in the block's countries.
    pub fn kept_shares(&self) -> Option<&[usize]> {
        let f = &self.filters;
        f.fresh(ListId::Shares, &f.kept_shares, self.shares_scope())
    }

    /// The lines (or problems) of the open overlay its filter keeps.
    pub fn kept_overlay_rows(&self) -> Option<&[usize]> {
        let f = &self.filters;
        f.fresh(ListId::Overlay, &f.kept_overlay, self.overlay_scope())
    }

    fn keep_stages(&mut self) {
        let m = &self.loaded.model;
        let f = self.filters.stages.matcher();
        let rows = indexed(m.stages())
            .filter(|&(s, st)| {
                f.keeps(&format!(
                    "{} {} {}",
                    st.name, st.id, self.loaded.derived.stage_lead[s]
                ))
            })
            .map(|(s, _)| s)
            .collect();
        self.filters.kept_stages = self
            .filters
            .stored(ListId::Stages, Self::STAGES_SCOPE, rows);
    }

    fn keep_firms(&mut self) {
        let m = &self.loaded.model;
        let f = self.filters.firms.matcher();
        let rows = self
            .all_firm_rows()
            .iter()
            .copied()
            .filter(|&x| {
                let firm = m.firm(x);
                let countries: Vec<&str> = firm
                    .countries
                    .iter()
                    .map(|&c| m.country(c).name.as_str())
                    .collect();
                f.keeps(&format!(
                    "{} {} {} {}",
                    firm.name,
                    firm.id,
                    self.loaded.derived.firm_codes[x],
                    countries.join(" ")
                ))
            })
            .collect();
        self.filters.kept_firms = self.filters.stored(ListId::Firms, self.firms_scope(), rows);
    }

    fn keep_shares(&mut self) {
        let m = &self.loaded.model;
        let f = self.filters.shares.matcher();
        let rows = self
            .current_block()
            .map(|b| {
                b.percents
                    .iter()
                    .enumerate()
                    .filter(|(_, (c, _))| {
                        let country = m.country(*c);
                        f.keeps(&format!("{} {}", country.name, country.code))
                    })
                    .map(|(i, _)| i)
                    .collect()
            })
            .unwrap_or_default();
        self.filters.kept_shares = self
            .filters
            .stored(ListId::Shares, self.shares_scope(), rows);
    }

    /// The overlay's problems, or lines of text, the filter keeps.
    fn keep_overlay(&mut self) {
        let texts = self.overlay_texts();
        self.keep_overlay_of(&texts);
    }

    fn keep_overlay_of(&mut self, texts: &[String]) {
        let f = self.filters.overlay.matcher();
        let rows = (texts.iter().enumerate())
            .filter(|(_, text)| f.keeps(text))
            .map(|(i, _)| i)
            .collect();
        let scope = self.overlay_scope();
        self.filters.kept_overlay = self.filters.stored(ListId::Overlay, scope, rows);
        self.filters.overlay_content = (content_hash(texts), texts.len());
    }

    /// Whether the event `e` stays in the timeline's filter.
    pub(super) fn event_kept(&self, e: EventId) -> bool {
        let f = self.filters.events.matcher();
        if f.is_empty() {
            return true;
        }
        let ev = self.loaded.model.event(e);
        f.keeps_event(&self.loaded.derived.event_text[e], &ev.tags)
    }

    /// Where a new overlay starts: unfiltered.
    pub(super) fn reset_overlay_filter(&mut self) {
        self.filters.overlay.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_begin_words_and_small_typos_pass() {
        let japan = "Proterial Kumagaya · Japan JP · Proterial";
        let china = "Jiangxi Copper Ganzhou · China CN";
        assert!(Filter::new("jap").keeps(japan));
        assert!(!Filter::new("jap").keeps(china));
        assert!(Filter::new("japn").keeps(japan));
        assert!(Filter::new("PROT jp").keeps(japan));
        assert!(!Filter::new("prot cn").keeps(japan));
        assert!(Filter::new("").keeps(china));
        assert!(Filter::new("ganzhóu").keeps(china));
    }

    #[test]
    fn tags_keep_events_on_the_topic_by_name_prefix_or_typo() {
        let ban = [EventTag::ExportControl, EventTag::Policy];
        let loan = [EventTag::Funding];
        let title = "China restricts exports of heavy rare earths";
        assert!(Filter::new("#export-control").keeps_event(title, &ban));
        assert!(!Filter::new("#export-control").keeps_event(title, &loan));
        assert!(Filter::new("#export-c").keeps_event(title, &ban));
        assert!(Filter::new("#exprt-control").keeps_event(title, &ban));
        assert!(Filter::new("#fund heavy").keeps_event(title, &loan));
        assert!(!Filter::new("#fund lynas").keeps_event(title, &loan));
        let wrong = Filter::new("#weather").tags_read();
        assert!(matches!(&wrong[..], [Err(why)] if why.contains("not an event tag")));
        assert!(!Filter::new("#weather").keeps_event(title, &ban));
    }

    #[test]
    fn typing_enter_and_esc_edit_the_filter() {
        let mut f = ListFilter::default();
        assert_eq!(f.apply(&Msg::Input('j')), None);
        assert_eq!(f.apply(&Msg::Command(Command::Filter)), Some(Edit::Started));
        for c in "jap".chars() {
            assert_eq!(f.apply(&Msg::Input(c)), Some(Edit::Changed));
        }
        assert!(f.is_on() && f.typing());
        assert_eq!(f.apply(&Msg::Command(Command::Open)), Some(Edit::Kept));
        assert_eq!(f.text(), "jap");
        assert!(!f.typing() && f.is_on());
        assert_eq!(f.apply(&Msg::Input('x')), None);
        assert_eq!(f.apply(&Msg::Command(Command::Back)), Some(Edit::Changed));
        assert!(!f.is_on());
        assert_eq!(f.apply(&Msg::Command(Command::Back)), None);
    }

    #[test]
    fn tab_completes_a_tag() {
        let mut f = ListFilter::default();
        f.apply(&Msg::Command(Command::Filter));
        f.apply(&Msg::Paste("lynas #expo".into()));
        f.apply(&Msg::Command(Command::NextPane));
        assert_eq!(f.text(), "lynas #export-control ");
        let mut f = ListFilter::default();
        f.apply(&Msg::Command(Command::Filter));
        f.apply(&Msg::Paste("#ex".into()));
        f.apply(&Msg::Command(Command::NextPane));
        assert_eq!(f.text(), "#exp");
    }

    #[test]
    fn titles_say_what_is_kept_of_how_many() {
        assert_eq!(ListFilter::default().title(0, 10, 41, 41), "(1–10 of 41)");
        assert_eq!(ListFilter::default().title(0, 10, 5, 5), "(5)");
        assert_eq!(ListFilter::of("jap").title(0, 10, 3, 41), "/jap 3 of 41");
        assert_eq!(
            ListFilter::of("a").title(10, 10, 30, 41),
            "/a 11–20 of 30 · 41 in all"
        );
    }
}
