//! The detail card of any entity: what the app's detail pane draws and `rechain show` prints.
//!
//! Independent of the terminal library: a card is lines of text spans tagged with a [`Role`],
//! which the app maps to styles and the CLI prints plain. Every figure carries its source id.

use std::borrow::Cow;
use std::fmt::Write;

use crate::model::product::OTHER_PREFIX;
use crate::model::{
    Amount, Control, EntityRef, Facility, Figure, FirmKind, Holder, LinkKind, Model, Owner, Party,
    Seen, ShareBlock, SourceKind, Status,
};

/// What a span of card text is, so each front end can style it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Title,
    Heading,
    Text,
    Dim,
    Number,
    Source,
    Status,
    Warning,
}

/// Most firms a stage card lists; the app's firms pane has the rest.
pub const CARD_LIST_LIMIT: usize = 200;
/// Most names on one line of a country card.
const NAME_LIST_LIMIT: usize = 12;

/// One line of a card: spans of text with their roles.
pub type CardLine = Vec<(Role, String)>;

#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub title: String,
    pub lines: Vec<CardLine>,
    /// Indices of the sources the card cites, in order of first citation.
    pub sources: Vec<usize>,
}

impl Card {
    /// The card as plain text: the title, then one line per card line.
    pub fn to_plain_text(&self) -> String {
        let mut out = String::with_capacity(64 * (self.lines.len() + 1));
        out.push_str(&self.title);
        out.push('\n');
        for line in &self.lines {
            for (_, text) in line {
                out.push_str(text);
            }
            out.push('\n');
        }
        out
    }
}

/// Replaces characters that must not reach a terminal raw: control characters (escape
/// sequences) and bidirectional overrides that could reorder what is shown.
pub fn clean(text: &str) -> Cow<'_, str> {
    let unsafe_char =
        |c: char| c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    if text.chars().any(unsafe_char) {
        Cow::Owned(
            text.chars()
                .map(|c| if unsafe_char(c) { '\u{FFFD}' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(text)
    }
}

/// A number as people read it in a report: thousands separated, at most two decimals.
pub fn number(value: f64) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let negative = value < 0.0;
    let rounded = (value.abs() * 100.0).round() / 100.0;
    let whole = rounded.trunc() as u64;
    let cents = ((rounded - rounded.trunc()) * 100.0).round() as u64;
    let digits = whole.to_string();
    let mut out = String::with_capacity(digits.len() + 8);
    if negative {
        out.push('-');
    }
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    if cents > 0 {
        let _ = write!(out, ".{cents:02}");
        while out.ends_with('0') {
            out.pop();
        }
    }
    out
}

/// A money amount in words a meeting uses: `USD 400 million`.
pub fn money(amount: &Amount) -> String {
    let v = amount.value;
    let (scaled, word) = if v.abs() >= 1e9 {
        (v / 1e9, " billion")
    } else if v.abs() >= 1e6 {
        (v / 1e6, " million")
    } else {
        (v, "")
    };
    format!("{} {}{word}", clean(&amount.currency), number(scaled))
}

/// A percent with one decimal.
pub fn percent(value: f64) -> String {
    format!("{value:.1}%")
}

/// The status as the card shows it: `unknown` alone would read as a place name.
pub fn status_name(status: Status) -> &'static str {
    match status {
        Status::Unknown => "status unknown",
        other => other.as_str(),
    }
}

/// Whose document a source is, in words.
pub fn source_kind_text(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Primary => "primary: the publisher's own document",
        SourceKind::Secondary => "secondary: a third party reporting it",
    }
}

/// How much an owner holds: `84%`, `sold`, `controlling stake`.
pub fn holding(owner: &Owner) -> String {
    match (owner.share, owner.control) {
        (Some(0.0), _) => "sold".into(),
        (Some(share), _) => format!("{}%", number(share)),
        (None, Some(Control::Controlling)) => "controlling stake".into(),
        (None, Some(Control::Minority)) => "minority stake".into(),
        (None, None) => "stake".into(),
    }
}

fn kind_name(kind: FirmKind) -> &'static str {
    match kind {
        FirmKind::Company => "company",
        FirmKind::Government => "government body",
        FirmKind::Research => "research body",
        FirmKind::Financier => "financier",
    }
}

/// Builds the card of `entity`. Indices out of range give a card saying so, not a panic.
pub fn card(model: &Model, entity: EntityRef) -> Card {
    let mut b = Builder::new(model);
    let exists = match entity {
        EntityRef::Firm(i) => i < model.firms.len(),
        EntityRef::Facility(i) => i < model.facilities.len(),
        EntityRef::Stage(i) => i < model.stages.len(),
        EntityRef::Country(i) => i < model.countries.len(),
        EntityRef::Element(i) => i < model.elements.len(),
        EntityRef::Event(i) => i < model.events.len(),
        EntityRef::Link(i) => i < model.links.len(),
        EntityRef::Source(i) => i < model.sources.len(),
    };
    if !exists {
        b.title = "not in the model".into();
        b.line(vec![(
            Role::Warning,
            "this entity is not in the model".into(),
        )]);
        return b.finish();
    }
    match entity {
        EntityRef::Firm(i) => b.firm(i),
        EntityRef::Facility(i) => b.facility(i),
        EntityRef::Stage(i) => b.stage(i),
        EntityRef::Country(i) => b.country(i),
        EntityRef::Element(i) => b.element(i),
        EntityRef::Event(i) => b.event(i),
        EntityRef::Link(i) => b.link(i),
        EntityRef::Source(i) => b.source_card(i),
    }
    b.finish()
}

struct Builder<'m> {
    m: &'m Model,
    title: String,
    lines: Vec<CardLine>,
    sources: Vec<usize>,
}

impl<'m> Builder<'m> {
    fn new(m: &'m Model) -> Self {
        Builder {
            m,
            title: String::new(),
            lines: Vec::new(),
            sources: Vec::new(),
        }
    }

    fn finish(self) -> Card {
        Card {
            title: self.title,
            lines: self.lines,
            sources: self.sources,
        }
    }

    fn line(&mut self, spans: CardLine) {
        self.lines.push(spans);
    }

    fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(Vec::new());
        }
    }

    fn heading(&mut self, text: impl Into<String>) {
        self.blank();
        self.line(vec![(Role::Heading, text.into())]);
    }

    /// `[source-id]`, remembering the source for the card's source list.
    fn cite(&mut self, source: usize) -> (Role, String) {
        if !self.sources.contains(&source) {
            self.sources.push(source);
        }
        let id = self
            .m
            .sources
            .get(source)
            .map_or(Cow::Borrowed("?"), |s| clean(&s.id));
        (Role::Source, format!("[{id}]"))
    }

    fn text(s: &str) -> (Role, String) {
        (Role::Text, clean(s).into_owned())
    }

    fn dim(s: impl AsRef<str>) -> (Role, String) {
        (Role::Dim, clean(s.as_ref()).into_owned())
    }

    fn country_label(&self, c: usize) -> String {
        match self.m.countries.get(c) {
            Some(country) if country.name != country.code => {
                format!("{} ({})", clean(&country.name), clean(&country.code))
            }
            Some(country) => clean(&country.code).into_owned(),
            None => "?".into(),
        }
    }

    fn stage_names(&self, stages: &[usize]) -> String {
        stages
            .iter()
            .filter_map(|&s| self.m.stages.get(s))
            .map(|s| clean(&s.name).into_owned())
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn party_label(&self, p: Party) -> String {
        match p {
            Party::Firm(f) => clean(&self.m.firms[f].name).into_owned(),
            Party::Facility(x) => {
                let fac = &self.m.facilities[x];
                format!(
                    "{} ({})",
                    clean(&fac.name),
                    clean(&self.m.firms[fac.firm].name)
                )
            }
        }
    }

    /// `label 12,000–15,000 unit (2025) [source]`, indented.
    /// An "Events (N)" section, in the order given; nothing when there are none.
    fn events_section(&mut self, events: Vec<usize>) {
        if events.is_empty() {
            return;
        }
        self.heading(format!("Events ({})", events.len()));
        for e in events {
            self.event_line(e);
        }
    }

    fn figure_line(&mut self, indent: &str, default_label: &str, f: &Figure) {
        let label = f.label.as_deref().unwrap_or(default_label);
        self.labelled_figure_line(indent, label, f);
    }

    /// Reported production, kept apart from the nameplate by its label.
    fn output_line(&mut self, indent: &str, f: &Figure) {
        let label = match &f.label {
            Some(label) => format!("output, {label}"),
            None => "output".into(),
        };
        self.labelled_figure_line(indent, &label, f);
    }

    /// The nameplate, or why there is none.
    fn capacity_line(&mut self, indent: &str, fac: &Facility) {
        match (&fac.capacity, &fac.capacity_unknown) {
            (Some(cap), _) => self.figure_line(indent, "capacity", cap),
            (None, Some(why)) => self.line(vec![Self::dim(format!(
                "{indent}capacity not public: {why}"
            ))]),
            (None, None) => self.line(vec![Self::dim(format!("{indent}capacity not reported"))]),
        }
    }

    fn labelled_figure_line(&mut self, indent: &str, label: &str, f: &Figure) {
        let mut value = number(f.value);
        if let Some(max) = f.max {
            value.push('–');
            value.push_str(&number(max));
        }
        let mut spans = vec![
            (Role::Dim, format!("{indent}{} ", clean(label))),
            (Role::Number, value),
            Self::text(&format!(" {}", f.unit)),
        ];
        if let Some(year) = f.year {
            spans.push(Self::dim(format!(" ({year})")));
        }
        spans.push((Role::Text, " ".into()));
        spans.push(self.cite(f.source));
        if let Some(note) = &f.note {
            spans.push(Self::dim(format!(" — {note}")));
        }
        self.line(spans);
    }

    fn note(&mut self, note: &Option<String>) {
        if let Some(n) = note {
            self.line(vec![Self::dim(n)]);
        }
    }

    fn firm(&mut self, i: usize) {
        let m = self.m;
        let f = &m.firms[i];
        self.title = clean(&f.name).into_owned();
        self.line(vec![Self::dim(format!(
            "{} · HQ {} · id {}",
            kind_name(f.kind),
            self.country_label(f.hq),
            f.id
        ))]);
        self.line(vec![Self::text(&f.summary)]);
        if !f.aliases.is_empty() {
            self.line(vec![Self::dim(format!(
                "also known as {}",
                f.aliases.join(", ")
            ))]);
        }
        if !f.stages.is_empty() {
            self.line(vec![
                Self::dim("stages "),
                Self::text(&self.stage_names(&f.stages)),
            ]);
        }
        self.note(&f.notes);
        self.owners_section("Owners", &f.owners);
        self.stakes_section(i);

        self.heading(format!("Facilities ({})", f.facilities.len()));
        if f.facilities.is_empty() {
            self.line(vec![Self::dim("  none recorded")]);
        }
        for &x in &f.facilities {
            self.facility_summary(x);
        }

        if !f.links.is_empty() {
            self.heading(format!("Links ({})", f.links.len()));
            for &l in &f.links {
                self.link_line(l, Some(i));
            }
        }
        self.events_section(f.events.clone());
        let firm_sources: Vec<usize> = f.sources.clone();
        for s in firm_sources {
            if !self.sources.contains(&s) {
                self.sources.push(s);
            }
        }
        self.source_list();
    }

    /// A facility as a few lines inside a firm card.
    fn facility_summary(&mut self, x: usize) {
        let m = self.m;
        let fac = &m.facilities[x];
        let mut where_ = self.country_label(fac.country);
        if let Some(place) = &fac.place {
            where_ = format!("{}, {where_}", clean(place));
        }
        self.line(vec![
            (Role::Text, format!("  {}", clean(&fac.name))),
            Self::dim(format!(" — {where_}")),
        ]);
        let mut status = vec![
            Self::dim(format!("    {} · ", self.stage_names(&fac.stages))),
            self.status_span(fac.status),
        ];
        status.extend(self.status_since(fac));
        self.line(status);
        if !fac.products.is_empty() {
            self.line(vec![
                Self::dim("    makes "),
                Self::text(&product_list(fac)),
            ]);
        }
        self.capacity_line("    ", fac);
        for fig in &fac.output {
            self.output_line("    ", fig);
        }
        for fig in &fac.figures {
            self.figure_line("    ", "figure", fig);
        }
    }

    /// ` since 2022-04 [source]` after a status from a dated lifecycle.
    fn status_since(&mut self, fac: &Facility) -> Vec<(Role, String)> {
        match fac.current_entry() {
            Some(entry) => vec![
                Self::dim(format!(" since {} ", entry.date)),
                self.cite(entry.source),
            ],
            None => Vec::new(),
        }
    }

    /// The lifecycle oldest first; targets are marked as such.
    fn history_section(&mut self, fac: &Facility) {
        if fac.lifecycle.len() < 2 && fac.lifecycle.iter().all(|e| !e.planned) {
            return;
        }
        self.heading("History");
        for entry in &fac.lifecycle {
            let mut spans = vec![(Role::Number, format!("  {:<10} ", entry.date.to_string()))];
            if entry.planned {
                spans.push(Self::dim(format!("target: {}", entry.status.as_str())));
            } else {
                spans.push(self.status_span(entry.status));
            }
            spans.push((Role::Text, " ".into()));
            spans.push(self.cite(entry.source));
            if let Some(note) = &entry.note {
                spans.push(Self::dim(format!(" — {note}")));
            }
            self.line(spans);
        }
    }

    fn holder_label(&self, holder: &Holder) -> String {
        match holder {
            Holder::Firm(f) => clean(&self.m.firms[*f].name).into_owned(),
            Holder::Government(c) => format!("government of {}", self.country_label(*c)),
            Holder::Named { name, country } => match country {
                Some(c) => format!("{} ({})", clean(name), clean(&self.m.countries[*c].code)),
                None => clean(name).into_owned(),
            },
        }
    }

    /// Owners, current first, then earlier holdings dimmed.
    fn owners_section(&mut self, heading: &str, owners: &[Owner]) {
        if owners.is_empty() {
            return;
        }
        self.heading(heading);
        let order = owners
            .iter()
            .filter(|o| o.current)
            .chain(owners.iter().filter(|o| !o.current));
        for owner in order {
            let role = if owner.current { Role::Text } else { Role::Dim };
            let mut spans = vec![
                (role, format!("  {}", self.holder_label(&owner.holder))),
                (
                    if owner.current {
                        Role::Number
                    } else {
                        Role::Dim
                    },
                    format!(" {}", holding(owner)),
                ),
            ];
            if let Some(since) = owner.since {
                spans.push(Self::dim(format!(" since {since}")));
            }
            if !owner.current && owner.share != Some(0.0) {
                spans.push(Self::dim(" (earlier)"));
            }
            spans.push((Role::Text, " ".into()));
            spans.push(self.cite(owner.source));
            if let Some(note) = &owner.note {
                spans.push(Self::dim(format!(" — {note}")));
            }
            self.line(spans);
        }
    }

    /// What a firm currently holds in other firms and facilities.
    fn stakes_section(&mut self, i: usize) {
        let m = self.m;
        let stakes = &m.firms[i].stakes;
        if stakes.is_empty() {
            return;
        }
        self.heading(format!("Holdings ({})", stakes.len()));
        for stake in stakes {
            let owner = match stake.owned {
                Party::Firm(f) => &m.firms[f].owners[stake.entry],
                Party::Facility(x) => &m.facilities[x].owners[stake.entry],
            };
            let mut spans = vec![
                (Role::Number, format!("  {}", holding(owner))),
                Self::dim(" of "),
                Self::text(&self.party_label(stake.owned)),
            ];
            if let Some(since) = owner.since {
                spans.push(Self::dim(format!(" since {since}")));
            }
            spans.push((Role::Text, " ".into()));
            spans.push(self.cite(owner.source));
            self.line(spans);
        }
    }

    /// Firm names joined, the list cut short when long.
    fn name_list(&self, firms: &[usize]) -> String {
        let mut names: Vec<String> = firms
            .iter()
            .take(NAME_LIST_LIMIT)
            .map(|&f| clean(&self.m.firms[f].name).into_owned())
            .collect();
        if firms.len() > NAME_LIST_LIMIT {
            names.push(format!(
                "… {} more",
                number((firms.len() - NAME_LIST_LIMIT) as f64)
            ));
        }
        names.join(", ")
    }

    fn status_span(&self, status: Status) -> (Role, String) {
        let role = match status {
            Status::Closed | Status::Cancelled | Status::Suspended | Status::Unknown => {
                Role::Warning
            }
            _ => Role::Status,
        };
        (role, status_name(status).into())
    }

    /// One link as seen from `viewer` (a firm), or neutrally when None.
    fn link_line(&mut self, l: usize, viewer: Option<usize>) {
        let m = self.m;
        let link = &m.links[l];
        let (out_verb, in_verb) = LinkKind::verbs(link.kind);
        let from_firm = m.party_firm(link.from);
        let to_firm = m.party_firm(link.to);
        let mut spans = Vec::with_capacity(8);
        // The viewer's own facility on the link, named after the citation.
        let mut own_end = None;
        match viewer {
            Some(v) if from_firm == v && to_firm != v => {
                spans.push((Role::Status, format!("  {out_verb} ")));
                spans.push(Self::text(&self.party_label(link.to)));
                if let Party::Facility(x) = link.from {
                    own_end = Some(format!(" · from {}", clean(&m.facilities[x].name)));
                }
            }
            Some(v) if to_firm == v && from_firm != v => {
                spans.push((Role::Status, format!("  {in_verb} ")));
                spans.push(Self::text(&self.party_label(link.from)));
                if let Party::Facility(x) = link.to {
                    own_end = Some(format!(" · at {}", clean(&m.facilities[x].name)));
                }
            }
            _ => {
                spans.push(Self::text(&format!("  {}", self.party_label(link.from))));
                spans.push((Role::Status, format!(" {out_verb} ")));
                spans.push(Self::text(&self.party_label(link.to)));
            }
        }
        if let Some(what) = &link.what {
            spans.push(Self::dim(format!(": {what}")));
        }
        if let Some(amount) = &link.amount {
            spans.push(Self::dim(" · "));
            spans.push((Role::Number, money(amount)));
        }
        if let Some(date) = link.date {
            spans.push(Self::dim(format!(" · {date}")));
        }
        spans.push((Role::Text, " ".into()));
        spans.push(self.cite(link.source));
        if let Some(end) = own_end {
            spans.push(Self::dim(end));
        }
        self.line(spans);
    }

    fn event_line(&mut self, e: usize) {
        let ev = &self.m.events[e];
        let mut spans = vec![
            (Role::Number, format!("  {:<10} ", ev.date.to_string())),
            Self::text(&ev.title),
        ];
        if let Some(amount) = &ev.amount {
            spans.push(Self::dim(" · "));
            spans.push((Role::Number, money(amount)));
        }
        spans.push((Role::Text, " ".into()));
        spans.push(self.cite(ev.source));
        self.line(spans);
    }

    /// The cited sources spelled out, so a printed card stands on its own.
    fn source_list(&mut self) {
        if self.sources.is_empty() {
            return;
        }
        self.heading("Sources");
        for s in self.sources.clone() {
            let src = &self.m.sources[s];
            self.line(vec![
                (Role::Source, format!("  [{}] ", clean(&src.id))),
                Self::text(&format!(
                    "{}, {}{}",
                    src.publisher,
                    src.title,
                    year_suffix(src.year)
                )),
            ]);
        }
    }

    fn facility(&mut self, x: usize) {
        let m = self.m;
        let fac = &m.facilities[x];
        self.title = clean(&fac.name).into_owned();
        self.line(vec![
            Self::dim("facility of "),
            Self::text(&m.firms[fac.firm].name),
            Self::dim(format!(" · id {}", fac.id)),
        ]);
        let mut where_ = self.country_label(fac.country);
        if let Some(place) = &fac.place {
            where_ = format!("{}, {where_}", clean(place));
        }
        self.line(vec![Self::dim("in "), Self::text(&where_)]);
        let mut status = vec![
            Self::dim("stages "),
            Self::text(&self.stage_names(&fac.stages)),
            Self::dim(" · "),
            self.status_span(fac.status),
        ];
        status.extend(self.status_since(fac));
        self.line(status);
        if !fac.products.is_empty() {
            self.line(vec![Self::dim("makes "), Self::text(&product_list(fac))]);
        }
        self.note(&fac.products_note);
        self.note(&fac.notes);
        self.history_section(fac);
        self.heading("Figures");
        self.capacity_line("  ", fac);
        for fig in &fac.output {
            self.output_line("  ", fig);
        }
        for fig in &fac.figures {
            self.figure_line("  ", "figure", fig);
        }
        self.owners_section("Owners of the facility", &fac.owners);
        let party = Party::Facility(x);
        let links: Vec<usize> = (0..m.links.len())
            .filter(|&l| m.links[l].from == party || m.links[l].to == party)
            .collect();
        if !links.is_empty() {
            self.heading(format!("Links ({})", links.len()));
            for l in links {
                self.link_line(l, Some(fac.firm));
            }
        }
        self.events_section(
            m.events_by_date
                .iter()
                .copied()
                .filter(|&e| m.events[e].parties.contains(&party))
                .collect(),
        );
        self.source_list();
    }

    /// A share block: heading line and one line per country, largest first.
    fn share_block(&mut self, block: &ShareBlock, top: usize) {
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
                .map_or(Cow::Borrowed("?"), |c| clean(&c.code));
            let name = m
                .countries
                .get(c)
                .map_or(Cow::Borrowed(""), |c| clean(&c.name));
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
            self.line(vec![Self::dim(format!("    {note}"))]);
        }
    }

    fn stage(&mut self, s: usize) {
        let m = self.m;
        let stage = &m.stages[s];
        self.title = clean(&stage.name).into_owned();
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
        self.note(&stage.notes);
        self.heading(format!("Country shares ({})", stage.shares.len()));
        if stage.shares.is_empty() {
            self.line(vec![Self::dim("  no share data")]);
        }
        for block in &stage.shares {
            self.share_block(block, 5);
        }
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
            let cap = fac.capacity.as_ref().map_or(String::new(), |c| {
                format!(" {} {}", number(c.value), clean(&c.unit))
            });
            here.entry(fac.firm).or_default().push(format!(
                "{} {}{cap}",
                clean(&m.countries[fac.country].code),
                clean(&fac.name)
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

    fn country(&mut self, c: usize) {
        let m = self.m;
        let country = &m.countries[c];
        self.title = self.country_label(c);
        self.line(vec![Self::dim(format!(
            "country · {} firms · {} facilities",
            country.firms.len(),
            country.facilities.len()
        ))]);

        let shares: Vec<(usize, usize)> = m
            .stages
            .iter()
            .enumerate()
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
                let block = &m.stages[s].shares[j];
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
                    (Role::Text, format!("  {:<15}", clean(&m.stages[s].name))),
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

        self.heading("Firms by stage");
        // One pass over the country's facilities; firms in file order within each stage.
        let mut by_stage: Vec<Vec<usize>> = vec![Vec::new(); m.stages.len()];
        for &x in &country.facilities {
            let fac = &m.facilities[x];
            for &s in &fac.stages {
                if by_stage[s].last() != Some(&fac.firm) && !by_stage[s].contains(&fac.firm) {
                    by_stage[s].push(fac.firm);
                }
            }
        }
        let mut any = false;
        for (s, firms) in by_stage.iter().enumerate() {
            if firms.is_empty() {
                continue;
            }
            any = true;
            let mut firms = firms.clone();
            firms.sort_unstable();
            self.line(vec![
                (Role::Text, format!("  {:<15}", clean(&m.stages[s].name))),
                Self::text(&self.name_list(&firms)),
            ]);
        }
        if !any {
            self.line(vec![Self::dim("  no facilities recorded here")]);
        }
        let hq: Vec<usize> = country
            .firms
            .iter()
            .copied()
            .filter(|&f| m.firms[f].hq == c)
            .collect();
        if !hq.is_empty() {
            self.line(vec![
                (Role::Dim, format!("  {:<15}", "headquartered")),
                Self::text(&self.name_list(&hq)),
            ]);
        }

        self.events_section(
            m.events_by_date
                .iter()
                .copied()
                .filter(|&e| m.events[e].countries.contains(&c))
                .collect(),
        );
        self.source_list();
    }

    fn element(&mut self, e: usize) {
        let el = &self.m.elements[e];
        self.title = format!("{} ({})", clean(&el.name), clean(&el.symbol));
        let group = match (el.group, el.usgs.is_some() || el.cn.is_some()) {
            (Some(crate::model::ElementGroup::Light), false) => "light rare earth".to_owned(),
            (Some(crate::model::ElementGroup::Medium), false) => "medium rare earth".to_owned(),
            (Some(crate::model::ElementGroup::Heavy), false) => "heavy rare earth".to_owned(),
            (Some(crate::model::ElementGroup::Other), false) => "other element".to_owned(),
            _ => el.grouping(),
        };
        self.line(vec![Self::dim(format!("element {} · {group}", el.number))]);
        if !el.mofcom.is_empty() {
            let numbers: Vec<String> = el.mofcom.iter().map(|n| format!("No. {n}")).collect();
            self.line(vec![
                Self::dim("Chinese export control: MOFCOM "),
                Self::text(&numbers.join(", ")),
            ]);
        }
        if let Some(role) = &el.magnet_role {
            self.line(vec![Self::dim("in magnets: "), Self::text(role)]);
        }
        self.note(&el.note);
        if !el.facilities.is_empty() {
            self.heading(format!("Made at ({})", el.facilities.len()));
            for &x in &el.facilities {
                let fac = &self.m.facilities[x];
                let mut spans = vec![
                    Self::text(&format!("  {}", self.party_label(Party::Facility(x)))),
                    Self::dim(format!(" — {} · ", self.country_label(fac.country))),
                    self.status_span(fac.status),
                    Self::dim(format!(" · {}", product_list(fac))),
                ];
                if let Some(entry) = fac.current_entry() {
                    spans.push((Role::Text, " ".into()));
                    spans.push(self.cite(entry.source));
                }
                self.line(spans);
            }
        }
        self.events_section(el.events.iter().rev().copied().collect());
        self.source_list();
    }

    fn event(&mut self, e: usize) {
        let m = self.m;
        let ev = &m.events[e];
        self.title = clean(&ev.title).into_owned();
        self.line(vec![
            (Role::Number, ev.date.to_string()),
            Self::dim(" · event"),
        ]);
        if !ev.parties.is_empty() {
            let names: Vec<String> = ev.parties.iter().map(|&p| self.party_label(p)).collect();
            self.line(vec![Self::dim("parties "), Self::text(&names.join(", "))]);
        }
        if !ev.countries.is_empty() {
            let names: Vec<String> = ev
                .countries
                .iter()
                .map(|&c| self.country_label(c))
                .collect();
            self.line(vec![Self::dim("countries "), Self::text(&names.join(", "))]);
        }
        if !ev.elements.is_empty() {
            let names: Vec<String> = ev
                .elements
                .iter()
                .map(|&x| clean(&m.elements[x].name).into_owned())
                .collect();
            self.line(vec![Self::dim("elements "), Self::text(&names.join(", "))]);
        }
        if let Some(amount) = &ev.amount {
            let mut spans = vec![Self::dim("amount "), (Role::Number, money(amount))];
            if let Some(n) = &amount.note {
                spans.push(Self::dim(format!(" — {n}")));
            }
            self.line(spans);
        }
        let cite = self.cite(ev.source);
        self.line(vec![Self::dim("source "), cite]);
        if !ev.see_also.is_empty() {
            let mut spans = vec![Self::dim("see also")];
            for &s in &ev.see_also {
                spans.push((Role::Text, " ".into()));
                spans.push(self.cite(s));
            }
            self.line(spans);
        }
        self.note(&ev.note);
        self.source_list();
    }

    fn link(&mut self, l: usize) {
        let m = self.m;
        let link = &m.links[l];
        self.title = format!(
            "{} → {}",
            self.party_label(link.from),
            self.party_label(link.to)
        );
        self.line(vec![Self::dim(
            format!("link · {:?}", link.kind).to_lowercase(),
        )]);
        self.link_line(l, None);
        if let Some(a) = &link.amount
            && let Some(n) = &a.note
        {
            self.line(vec![Self::dim(format!("  {n}"))]);
        }
        self.note(&link.note);
        self.source_list();
    }

    fn source_card(&mut self, s: usize) {
        let src = &self.m.sources[s];
        self.title = clean(&src.title).into_owned();
        self.line(vec![(Role::Source, format!("[{}]", clean(&src.id)))]);
        self.line(vec![Self::dim("publisher "), Self::text(&src.publisher)]);
        self.line(vec![Self::dim("title "), Self::text(&src.title)]);
        match (src.date, src.year) {
            (Some(date), _) => {
                self.line(vec![Self::dim("date "), (Role::Number, date.to_string())])
            }
            (None, Some(year)) => {
                self.line(vec![Self::dim("year "), (Role::Number, year.to_string())])
            }
            (None, None) => {}
        }
        if let Some(kind) = src.kind {
            self.line(vec![
                Self::dim("kind "),
                (Role::Status, source_kind_text(kind).into()),
            ]);
        }
        if let Some(quotes) = &src.quotes {
            self.line(vec![Self::dim("reports "), Self::text(quotes)]);
        }
        if let Some(primary) = src.primary {
            let cite = self.cite(primary);
            self.line(vec![Self::dim("primary "), cite]);
        }
        if let Some(url) = &src.url {
            self.line(vec![Self::dim("URL "), Self::text(url)]);
        }
        if let Some(accessed) = src.accessed {
            self.line(vec![
                Self::dim("accessed "),
                (Role::Number, accessed.to_string()),
            ]);
        }
        if let Some(seen) = src.seen {
            let how = match seen {
                Seen::Read => "read in the publisher's own document",
                Seen::Quoted => "quoted by a third party",
            };
            self.line(vec![Self::dim("seen "), (Role::Status, how.into())]);
        }
        self.note(&src.note);
    }
}

/// The products joined: `NdPr oxide, Dy oxide`; `zinc, lead (no rare earths)`.
fn product_list(fac: &Facility) -> String {
    let mut list = fac
        .products
        .iter()
        .map(|p| {
            let text = p.text.strip_prefix(OTHER_PREFIX).unwrap_or(&p.text).trim();
            clean(text).into_owned()
        })
        .collect::<Vec<_>>()
        .join(", ");
    if !fac.makes_rare_earths() {
        list.push_str(" (no rare earths)");
    }
    list
}

/// ` (2025)`, or nothing for an undated source.
fn year_suffix(year: Option<u16>) -> String {
    year.map(|y| format!(" ({y})")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_like_reports() {
        assert_eq!(number(0.0), "0");
        assert_eq!(number(12000.0), "12,000");
        assert_eq!(number(1234567.891), "1,234,567.89");
        assert_eq!(number(69.2), "69.2");
        assert_eq!(number(-1500.5), "-1,500.5");
        assert_eq!(number(999.999), "1,000");
    }

    #[test]
    fn clean_replaces_escapes_and_bidi() {
        assert_eq!(clean("plain"), Cow::Borrowed("plain"));
        assert_eq!(clean("a\u{1b}[31mb"), "a\u{FFFD}[31mb");
        assert_eq!(clean("x\u{202E}y"), "x\u{FFFD}y");
    }
}
