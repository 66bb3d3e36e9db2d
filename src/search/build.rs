//! Building the index: every searchable field of every entity, folded once.

use std::collections::HashMap;

use fuzzy_matcher::skim::SkimMatcherV2;

use super::fold::fold_into;
use super::literal::words;
use super::typo::char_mask;
use super::{Entry, Field, FieldName, Kind, MATCHER_ELEMENT_LIMIT, SearchIndex, TEXT_END, Text};
use crate::model::{CountryId, EntityRef, EventId, Holder, Model, Owner, Party, indexed};

impl SearchIndex {
    /// Indexes every firm, facility, stage, country, element, event and source of the model.
    pub fn build(model: &Model) -> SearchIndex {
        let mut b = Builder::new();
        b.firms(model);
        b.facilities(model);
        b.stages(model);
        b.countries(model);
        b.elements(model);
        b.events(model);
        b.sources(model);

        let Builder {
            mut texts,
            folded_all,
            folded_at,
            fields,
            entries,
            ..
        } = b;
        let folded_of =
            |t: usize| &folded_all[folded_at[t] as usize..folded_at[t + 1] as usize - 1];
        let (text_field_start, text_fields) =
            group_by_key(texts.len(), fields.iter().map(|f| f.text));
        let browse = browse_order(model, &entries, folded_of);

        let words = Vocabulary::build(&mut texts, folded_of);
        SearchIndex {
            matcher: SkimMatcherV2::default()
                .respect_case()
                .element_limit(MATCHER_ELEMENT_LIMIT),
            texts,
            folded: folded_all,
            folded_at,
            fields,
            text_field_start,
            text_fields,
            entries,
            browse,
            vocab_masks: words.vocab.iter().map(|w| char_mask(w)).collect(),
            vocab: words.vocab,
            text_words: words.text_words,
            word_text_start: words.word_text_start,
            word_texts: words.word_texts,
        }
    }
}

/// Collects entries and fields while building.
struct Builder<'m> {
    texts: Vec<Text>,
    folded_all: String,
    folded_at: Vec<u32>,
    text_ids: HashMap<&'m str, u32>,
    fields: Vec<Field>,
    entries: Vec<Entry>,
    folded: String,
    origin: Vec<u32>,
}

impl<'m> Builder<'m> {
    fn new() -> Self {
        Builder {
            texts: Vec::new(),
            folded_all: String::new(),
            folded_at: vec![0],
            text_ids: HashMap::new(),
            fields: Vec::new(),
            entries: Vec::new(),
            folded: String::new(),
            origin: Vec::new(),
        }
    }

    /// Firms by name, alias and id.
    fn firms(&mut self, model: &'m Model) {
        let code = |c: CountryId| model.get_country(c).map_or("", |c| c.code.as_str());
        for (i, firm) in indexed(model.firms()) {
            let e = self.entry(
                EntityRef::Firm(i),
                Kind::Firm,
                &firm.name,
                code(firm.hq).to_owned(),
            );
            self.field(e, FieldName::Name, &firm.name);
            for alias in &firm.aliases {
                self.field(e, FieldName::Alias, alias);
            }
            self.field(e, FieldName::Id, &firm.id);
            for name in current_owner_names(model, &firm.owners) {
                self.field(e, FieldName::Owner, name);
            }
        }
    }

    /// Facilities by name, place, country and id.
    fn facilities(&mut self, model: &'m Model) {
        let code = |c: CountryId| model.get_country(c).map_or("", |c| c.code.as_str());
        let country_name = |c: CountryId| model.get_country(c).map_or("", |c| c.name.as_str());
        for (i, fac) in indexed(model.facilities()) {
            let owner = model.get_firm(fac.firm).map_or("", |f| f.name.as_str());
            let e = self.entry(
                EntityRef::Facility(i),
                Kind::Facility,
                &fac.name,
                join_nonempty(&[owner, code(fac.country)]),
            );
            self.field(e, FieldName::Name, &fac.name);
            if let Some(place) = &fac.place {
                self.field(e, FieldName::Place, place);
            }
            self.field(e, FieldName::Country, country_name(fac.country));
            self.field(e, FieldName::Id, &fac.id);
            for product in &fac.products {
                self.field(e, FieldName::Product, &product.text);
            }
            // Whoever owns the facility, or owns the firm that runs it.
            let firm_owners = model.get_firm(fac.firm).map(|f| f.owners.as_slice());
            for name in current_owner_names(model, &fac.owners)
                .chain(current_owner_names(model, firm_owners.unwrap_or_default()))
            {
                self.field(e, FieldName::Owner, name);
            }
        }
    }

    /// Stages by name and id.
    fn stages(&mut self, model: &'m Model) {
        for (i, stage) in indexed(model.stages()) {
            let e = self.entry(
                EntityRef::Stage(i),
                Kind::Stage,
                &stage.name,
                stage.makes.clone().unwrap_or_default(),
            );
            self.field(e, FieldName::Name, &stage.name);
            self.field(e, FieldName::Id, &stage.id);
        }
    }

    /// Countries by name and code.
    fn countries(&mut self, model: &'m Model) {
        for (i, country) in indexed(model.countries()) {
            let e = self.entry(
                EntityRef::Country(i),
                Kind::Country,
                &country.name,
                country.code.clone(),
            );
            self.field(e, FieldName::Name, &country.name);
            self.field(e, FieldName::Code, &country.code);
        }
    }

    /// Elements by symbol and name.
    fn elements(&mut self, model: &'m Model) {
        for (i, element) in indexed(model.elements()) {
            let e = self.entry(
                EntityRef::Element(i),
                Kind::Element,
                &element.name,
                element.symbol.clone(),
            );
            self.field(e, FieldName::Symbol, &element.symbol);
            self.field(e, FieldName::Name, &element.name);
        }
    }

    /// Events by title and party.
    fn events(&mut self, model: &'m Model) {
        for (i, event) in indexed(model.events()) {
            let e = self.entry(
                EntityRef::Event(i),
                Kind::Event,
                &event.title,
                event.date.to_string(),
            );
            self.field(e, FieldName::Title, &event.title);
            for &party in &event.parties {
                if party_exists(model, party) {
                    self.field(e, FieldName::Party, model.party_name(party));
                }
            }
        }
    }

    /// Sources by title, publisher and id.
    fn sources(&mut self, model: &'m Model) {
        for (i, source) in indexed(model.sources()) {
            let e = self.entry(
                EntityRef::Source(i),
                Kind::Source,
                &source.title,
                match source.year {
                    Some(year) => format!("{}, {year}", source.publisher),
                    None => source.publisher.clone(),
                },
            );
            self.field(e, FieldName::Title, &source.title);
            self.field(e, FieldName::Publisher, &source.publisher);
            self.field(e, FieldName::Id, &source.id);
        }
    }

    fn text(&mut self, display: &'m str) -> u32 {
        if let Some(&id) = self.text_ids.get(display) {
            return id;
        }
        fold_into(display, &mut self.folded, &mut self.origin);
        let id = self.texts.len() as u32;
        self.folded_all.push_str(&self.folded);
        self.folded_all.push(TEXT_END);
        self.folded_at.push(self.folded_all.len() as u32);
        let identity = self
            .origin
            .iter()
            .enumerate()
            .all(|(i, &o)| o as usize == i);
        self.texts.push(Text {
            display: display.into(),
            origin: if identity {
                Box::default()
            } else {
                self.origin.as_slice().into()
            },
            chars: self.origin.len() as u32,
            words: (0, 0),
        });
        self.text_ids.insert(display, id);
        id
    }

    fn entry(&mut self, entity: EntityRef, kind: Kind, name: &'m str, context: String) -> u32 {
        let name = self.text(name);
        let id = self.entries.len() as u32;
        self.entries.push(Entry {
            entity,
            kind,
            name,
            context: context.into(),
        });
        id
    }

    fn field(&mut self, entry: u32, name: FieldName, display: &'m str) {
        if display.trim().is_empty() {
            return;
        }
        let text = self.text(display);
        let duplicate = self
            .fields
            .iter()
            .rev()
            .take_while(|f| f.entry == entry)
            .any(|f| f.text == text);
        if !duplicate {
            self.fields.push(Field { text, entry, name });
        }
    }
}

/// The distinct words of every text and where each occurs, for typo matching.
struct Vocabulary {
    vocab: Vec<Box<[char]>>,
    text_words: Vec<u32>,
    word_text_start: Vec<u32>,
    word_texts: Vec<u32>,
}

impl Vocabulary {
    fn build<'a>(texts: &mut [Text], folded_of: impl Fn(usize) -> &'a str) -> Vocabulary {
        let mut vocab: Vec<Box<[char]>> = Vec::new();
        let mut word_ids: HashMap<&str, u32> = HashMap::new();
        let mut text_words: Vec<u32> = Vec::new();
        for (t, text) in texts.iter_mut().enumerate() {
            let start = text_words.len() as u32;
            for (_, word) in words(folded_of(t)) {
                let id = if let Some(&id) = word_ids.get(word) {
                    id
                } else {
                    let id = vocab.len() as u32;
                    vocab.push(word.chars().collect());
                    word_ids.insert(word, id);
                    id
                };
                text_words.push(id);
            }
            text.words = (start, text_words.len() as u32);
        }
        let mut pairs: Vec<(u32, u32)> = texts
            .iter()
            .enumerate()
            .flat_map(|(t, text)| {
                text_words[text.words.0 as usize..text.words.1 as usize]
                    .iter()
                    .map(move |&w| (w, t as u32))
            })
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        let (word_text_start, word_texts) = group_by_key(vocab.len(), pairs.iter().map(|p| p.0));
        let word_texts: Vec<u32> = word_texts.iter().map(|&i| pairs[i as usize].1).collect();

        Vocabulary {
            vocab,
            text_words,
            word_text_start,
            word_texts,
        }
    }
}

/// Entries in browsing order: firms and facilities by name, stages in chain order, countries
/// by name, elements by atomic number, events newest first, sources by title.
fn browse_order<'a>(
    model: &Model,
    entries: &[Entry],
    folded_of: impl Fn(usize) -> &'a str,
) -> Vec<u32> {
    let mut order: Vec<u32> = (0..entries.len() as u32).collect();
    let event_rank: HashMap<EventId, usize> = model
        .events_by_date()
        .iter()
        .enumerate()
        .map(|(rank, &e)| (e, rank))
        .collect();
    let key = |e: &Entry| -> (Kind, usize, &str) {
        match e.entity {
            // Stages in chain order, which is file order.
            EntityRef::Stage(i) => (e.kind, i.index(), ""),
            EntityRef::Element(i) => (
                e.kind,
                model
                    .get_element(i)
                    .map_or(i.index(), |el| usize::from(el.number)),
                "",
            ),
            EntityRef::Event(i) => (e.kind, event_rank.get(&i).copied().unwrap_or(i.index()), ""),
            _ => (e.kind, 0, folded_of(e.name as usize)),
        }
    };
    let keys: Vec<(Kind, usize, &str)> = entries.iter().map(key).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (a as usize, b as usize);
        keys[a]
            .cmp(&keys[b])
            .then(entries[a].entity.cmp(&entries[b].entity))
    });
    order
}

/// Indices that group `keys` by key: items with key k are `items[start[k]..start[k + 1]]`.
fn group_by_key(key_count: usize, keys: impl Iterator<Item = u32> + Clone) -> (Vec<u32>, Vec<u32>) {
    let mut start = vec![0u32; key_count + 1];
    for k in keys.clone() {
        start[k as usize + 1] += 1;
    }
    for k in 0..key_count {
        start[k + 1] += start[k];
    }
    let mut next = start.clone();
    let mut items = vec![0u32; start[key_count] as usize];
    for (i, k) in keys.enumerate() {
        let slot = &mut next[k as usize];
        items[*slot as usize] = i as u32;
        *slot += 1;
    }
    (start, items)
}

/// Names of the current holders in an owners list.
fn current_owner_names<'m>(model: &'m Model, owners: &'m [Owner]) -> impl Iterator<Item = &'m str> {
    owners
        .iter()
        .filter(|o| o.current)
        .filter_map(|o| match &o.holder {
            Holder::Firm(f) => model.get_firm(*f).map(|f| f.name.as_str()),
            Holder::Government(c) => model.get_country(*c).map(|c| c.name.as_str()),
            Holder::Named { name, .. } => Some(name.as_str()),
        })
}

fn party_exists(model: &Model, party: Party) -> bool {
    match party {
        Party::Firm(f) => model.get_firm(f).is_some(),
        Party::Facility(x) => model.get_facility(x).is_some(),
    }
}

fn join_nonempty(parts: &[&str]) -> String {
    parts
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" · ")
}
