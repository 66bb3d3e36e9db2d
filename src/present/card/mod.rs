//! The detail card of any entity: what the app's detail pane draws and `rechain show` prints.
//! Every figure carries its source id; one file per kind of entity.

mod country;
mod element;
mod event;
mod facility;
mod firm;
mod link;
mod ownership;
mod source;

pub use ownership::holding;
pub use source::{source_kind_text, sources_doc};
mod stage;

use crate::model::product::OTHER_PREFIX;
use crate::model::{
    Basis, CountryId, EntityRef, EventId, Facility, FacilityId, Figure, FirmId, FirmKind, LinkId,
    LinkKind, Model, Party, StageId, Status,
};
use crate::present::doc::{Doc, DocBuilder, Role};
use crate::present::format::{money, number};
use crate::text::one_line;

/// Most firms a stage card lists; the app's firms pane has the rest.
pub const CARD_LIST_LIMIT: usize = 200;
/// Most names on one line of a country card.
const NAME_LIST_LIMIT: usize = 12;

/// A link kind as the model file spells it (`joint-venture`), the one name every output uses.
pub fn link_kind_name(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::Supplies => "supplies",
        LinkKind::Offtake => "offtake",
        LinkKind::Ownership => "ownership",
        LinkKind::Investment => "investment",
        LinkKind::Loan => "loan",
        LinkKind::Grant => "grant",
        LinkKind::Partnership => "partnership",
        LinkKind::JointVenture => "joint-venture",
        LinkKind::Contract => "contract",
        LinkKind::PriceSupport => "price-support",
    }
}

/// What kind of body a firm is, in words.
pub fn kind_name(kind: FirmKind) -> &'static str {
    match kind {
        FirmKind::Company => "company",
        FirmKind::Government => "government body",
        FirmKind::Research => "research body",
        FirmKind::Financier => "financier",
    }
}

/// The status as the card shows it: `unknown` alone would read as a place name.
pub fn status_name(status: Status) -> &'static str {
    match status {
        Status::Unknown => "status unknown",
        other => other.as_str(),
    }
}

/// Builds the card of `entity`. Ids out of range give a card saying so, not a panic.
pub fn card(model: &Model, entity: EntityRef) -> Doc {
    let mut b = DocBuilder::new(model);
    if !model.holds(entity) {
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

/// Parts every kind of card shares.
impl DocBuilder<'_> {
    pub(super) fn country_label(&self, c: CountryId) -> String {
        match self.m.get_country(c) {
            Some(country) if country.name != country.code => {
                format!("{} ({})", one_line(&country.name), one_line(&country.code))
            }
            Some(country) => one_line(&country.code).into_owned(),
            None => "?".into(),
        }
    }

    pub(super) fn stage_names(&self, stages: &[StageId]) -> String {
        stages
            .iter()
            .filter_map(|&s| self.m.get_stage(s))
            .map(|s| one_line(&s.name).into_owned())
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub(super) fn party_label(&self, p: Party) -> String {
        match p {
            Party::Firm(f) => one_line(&self.m.firm(f).name).into_owned(),
            Party::Facility(x) => {
                let fac = &self.m.facility(x);
                format!(
                    "{} ({})",
                    one_line(&fac.name),
                    one_line(&self.m.firm(fac.firm).name)
                )
            }
        }
    }

    /// An "Events (N)" section, in the order given; nothing when there are none.
    pub(super) fn events_section(&mut self, events: Vec<EventId>) {
        if events.is_empty() {
            return;
        }
        self.heading(format!("Events ({})", events.len()));
        for e in events {
            self.event_line(e);
        }
    }

    /// `label 12,000–15,000 unit (2025) [source]`, indented.
    pub(super) fn figure_line(&mut self, indent: &str, default_label: &str, f: &Figure) {
        let label = f.label.as_deref().unwrap_or(default_label);
        self.labelled_figure_line(indent, label, f);
    }

    /// Reported production, kept apart from the nameplate by its label.
    pub(super) fn output_line(&mut self, indent: &str, f: &Figure) {
        let label = match &f.label {
            Some(label) => format!("output, {label}"),
            None => "output".into(),
        };
        self.labelled_figure_line(indent, &label, f);
    }

    /// Each capacity, or why there is none.
    pub(super) fn capacity_line(&mut self, indent: &str, fac: &Facility) {
        for cap in &fac.capacity {
            // A facility at several stages says which one each capacity measures.
            match cap.stage.filter(|_| fac.stages.len() > 1) {
                Some(stage) => {
                    let label = format!("capacity ({})", self.m.stage(stage).name);
                    self.figure_line(indent, &label, cap);
                }
                None => self.figure_line(indent, "capacity", cap),
            }
        }
        if fac.capacity.is_empty() {
            match &fac.capacity_unknown {
                Some(why) => self.line(vec![Self::dim(format!(
                    "{indent}capacity not public: {why}"
                ))]),
                None => self.line(vec![Self::dim(format!("{indent}capacity not reported"))]),
            }
        }
    }

    fn labelled_figure_line(&mut self, indent: &str, label: &str, f: &Figure) {
        let mut value = number(f.value);
        if let Some(max) = f.max {
            value.push('–');
            value.push_str(&number(max));
        }
        let mut spans = vec![
            (Role::Dim, format!("{indent}{} ", one_line(label))),
            (Role::Number, value),
            Self::text(&format!(" {}", f.unit)),
        ];
        let mut about: Vec<String> = f.when().into_iter().collect();
        if let Some(basis) = f.basis.filter(|&b| b != Basis::Nameplate) {
            about.push(basis.label().to_owned());
        }
        if let Some(said) = &f.unit_unclear {
            about.push(format!("unit unclear: {}", one_line(said)));
        }
        if !about.is_empty() {
            spans.push(Self::dim(format!(" ({})", about.join(", "))));
        }
        spans.push((Role::Text, " ".into()));
        spans.push(self.cite(f.source));
        let mut note_lines = f.note.as_deref().map(str::lines).into_iter().flatten();
        if let Some(first) = note_lines.next() {
            spans.push(Self::dim(format!(" — {first}")));
        }
        self.line(spans);
        for more in note_lines {
            self.line(vec![Self::dim(format!("{indent}  {more}"))]);
        }
    }

    pub(super) fn note(&mut self, note: Option<&String>) {
        if let Some(n) = note {
            self.note_lines("", n);
        }
    }

    /// A facility as a few lines inside a firm card.
    pub(super) fn facility_summary(&mut self, x: FacilityId) {
        let m = self.m;
        let fac = &m.facility(x);
        let mut where_ = self.country_label(fac.country);
        if let Some(place) = &fac.place {
            where_ = format!("{}, {where_}", one_line(place));
        }
        self.line(vec![
            (Role::Text, format!("  {}", one_line(&fac.name))),
            Self::dim(format!(" — {where_}")),
        ]);
        let mut status = vec![
            Self::dim(format!("    {} · ", self.stage_names(&fac.stages))),
            Self::status_span(fac.status),
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

    /// Firm names joined, the list cut short when long.
    pub(super) fn name_list(&self, firms: &[FirmId]) -> String {
        let mut names: Vec<String> = firms
            .iter()
            .take(NAME_LIST_LIMIT)
            .map(|&f| one_line(&self.m.firm(f).name).into_owned())
            .collect();
        if firms.len() > NAME_LIST_LIMIT {
            names.push(format!(
                "… {} more",
                number((firms.len() - NAME_LIST_LIMIT) as f64)
            ));
        }
        names.join(", ")
    }

    pub(super) fn status_span(status: Status) -> (Role, String) {
        let role = match status {
            Status::Closed | Status::Cancelled | Status::Suspended | Status::Unknown => {
                Role::Warning
            }
            _ => Role::Status,
        };
        (role, status_name(status).into())
    }

    /// One link as seen from `viewer` (a firm), or neutrally when None.
    pub(super) fn link_line(&mut self, l: LinkId, viewer: Option<FirmId>) {
        let m = self.m;
        let link = &m.link(l);
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
                    own_end = Some(format!(" · from {}", one_line(&m.facility(x).name)));
                }
            }
            Some(v) if to_firm == v && from_firm != v => {
                spans.push((Role::Status, format!("  {in_verb} ")));
                spans.push(Self::text(&self.party_label(link.from)));
                if let Party::Facility(x) = link.to {
                    own_end = Some(format!(" · at {}", one_line(&m.facility(x).name)));
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
        // A link that no longer holds says so, when and on whose word.
        if let Some((ended, source)) = link.end.filter(|_| !link.is_active()) {
            spans.push((
                Role::Warning,
                format!(" · {} {ended} ", link.status.as_str()),
            ));
            if source != link.source {
                spans.push(self.cite(source));
            }
        }
        self.line(spans);
    }

    pub(super) fn event_line(&mut self, e: EventId) {
        let ev = &self.m.event(e);
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
}

/// The products joined: `NdPr oxide, Dy oxide`; `zinc, lead (no rare earths)`.
pub(super) fn product_list(fac: &Facility) -> String {
    let mut list = fac
        .products
        .iter()
        .map(|p| {
            let text = p.text.strip_prefix(OTHER_PREFIX).unwrap_or(&p.text).trim();
            one_line(text).into_owned()
        })
        .collect::<Vec<_>>()
        .join(", ");
    if !fac.makes_rare_earths() {
        list.push_str(" (no rare earths)");
    }
    list
}
