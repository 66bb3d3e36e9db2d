//! One fuzzy index over every entity of a model, ranked, with the matched characters.
//!
//! Every searchable field is folded once at build time (lowercase, Latin accents stripped,
//! hyphens and whitespace runs to one space) and identical texts are stored once, so a country
//! name shared by thousands of facilities is matched once per query.
//!
//! Ranking goes by how a field matched ([`Quality`]: exact, prefix, word start, … scattered),
//! a match on a name before one on a place or party, then kind (firms first) and length.
//! Skim's algorithm orders the scattered matches and places their highlights; when nothing
//! matches literally (a typo, a transposition, a missing letter), words are compared by edit
//! distance instead.
//!
//! Typing is fast because each query keeps the texts it matched: the next keystroke, which
//! usually extends the query, only looks at those; a fresh query scans all texts in one pass.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::model::{EntityRef, Model, Party};

/// Longer queries are cut to this many characters: no name is that long, and the matcher's
/// work grows with the query.
pub const MAX_QUERY_CHARS: usize = 128;

/// Beyond this many cells the matcher falls back to a greedy match instead of the full table.
const MATCHER_ELEMENT_LIMIT: usize = 16 * 1024;

/// Ends each text in the folded arena.
const TEXT_END: char = '\n';

/// How many keystrokes of matched texts are kept for reuse.
const KEPT_LEVELS: usize = 32;

/// The kinds of entity search finds, in the order they win ties (also the values of `--kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum Kind {
    Firm,
    Facility,
    Stage,
    Country,
    Element,
    Event,
    Source,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Firm,
        Kind::Facility,
        Kind::Stage,
        Kind::Country,
        Kind::Element,
        Kind::Event,
        Kind::Source,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Firm => "firm",
            Kind::Facility => "facility",
            Kind::Stage => "stage",
            Kind::Country => "country",
            Kind::Element => "element",
            Kind::Event => "event",
            Kind::Source => "source",
        }
    }

    /// The kind of an entity; links are not searched.
    pub fn of(entity: EntityRef) -> Option<Kind> {
        Some(match entity {
            EntityRef::Firm(_) => Kind::Firm,
            EntityRef::Facility(_) => Kind::Facility,
            EntityRef::Stage(_) => Kind::Stage,
            EntityRef::Country(_) => Kind::Country,
            EntityRef::Element(_) => Kind::Element,
            EntityRef::Event(_) => Kind::Event,
            EntityRef::Source(_) => Kind::Source,
            EntityRef::Link(_) => return None,
        })
    }
}

/// How a hit matched, best first. Hits are ranked by this before anything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Quality {
    /// The whole field is the query.
    Exact,
    /// The field starts with the query.
    Prefix,
    /// The query appears at the start of a word of the field.
    WordStart,
    /// Every word of the query starts a word of the field, in order.
    Words,
    /// The query appears inside a word.
    Substring,
    /// Every word of the query is within a small edit distance of a word of the field.
    Typo,
    /// The query's characters appear in order, close together (within twice the query's
    /// length and two more).
    Fuzzy,
    /// The query was empty: everything, in browsing order.
    All,
}

impl Quality {
    fn from_index(index: u8) -> Option<Quality> {
        [
            Quality::Exact,
            Quality::Prefix,
            Quality::WordStart,
            Quality::Words,
            Quality::Substring,
            Quality::Typo,
            Quality::Fuzzy,
        ]
        .get(usize::from(index))
        .copied()
    }
}

/// One search result: an entity and the field it matched on.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub entity: EntityRef,
    /// "firm", "facility", "stage", "country", "element", "event" or "source".
    pub kind: &'static str,
    /// Which field matched: "name", "alias", "id", "code", "symbol", "title", "place",
    /// "country", "party" or "publisher".
    pub field: &'static str,
    /// The field that matched, as written in the model.
    pub text: String,
    /// Kind, the entity's name when the match was on another field, and where it is.
    pub detail: String,
    /// Relevance, higher is better and never rising down a result list: a step per
    /// quality, plus the matcher's score for scattered matches or the characters typed less
    /// the edit distance for typo matches.
    pub score: i64,
    pub quality: Quality,
    /// Char indices into `text` of the matched characters, ascending.
    pub positions: Vec<usize>,
}

impl Hit {
    /// Whether the match was on a place, country, party, publisher or id rather than on a
    /// name or title.
    pub fn on_context(&self) -> bool {
        matches!(
            self.field,
            "id" | "place" | "country" | "party" | "publisher"
        )
    }

    /// Whether `other` matched just as well: same quality, same kind of field, same kind of
    /// entity. When nothing ties with the best hit, it is the one meant.
    pub fn ties_with(&self, other: &Hit) -> bool {
        self.quality == other.quality
            && self.on_context() == other.on_context()
            && self.kind == other.kind
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FieldName {
    Name,
    Alias,
    Id,
    Code,
    Symbol,
    Title,
    Place,
    Country,
    Party,
    Publisher,
    Product,
    Owner,
}

impl FieldName {
    fn as_str(self) -> &'static str {
        match self {
            FieldName::Name => "name",
            FieldName::Alias => "alias",
            FieldName::Id => "id",
            FieldName::Code => "code",
            FieldName::Symbol => "symbol",
            FieldName::Title => "title",
            FieldName::Place => "place",
            FieldName::Country => "country",
            FieldName::Party => "party",
            FieldName::Publisher => "publisher",
            FieldName::Product => "product",
            FieldName::Owner => "owner",
        }
    }

    /// Fields that describe where or with whom an entity is, or identify it for the file
    /// rather than for people: a match there ranks below a match on a name.
    fn is_context(self) -> bool {
        matches!(
            self,
            FieldName::Id
                | FieldName::Place
                | FieldName::Country
                | FieldName::Party
                | FieldName::Publisher
                | FieldName::Owner
        )
    }

    fn is_display_name(self) -> bool {
        matches!(self, FieldName::Name | FieldName::Title)
    }
}

/// A distinct searchable text.
struct Text {
    display: Box<str>,
    /// For each folded char, the index of the char of `display` it came from; empty when
    /// that is its own index (most text folds char for char).
    origin: Box<[u32]>,
    /// Length of the folded text in chars.
    chars: u32,
    /// Range into `SearchIndex::text_words`.
    words: (u32, u32),
}

struct Field {
    text: u32,
    entry: u32,
    name: FieldName,
}

/// A searchable entity.
struct Entry {
    entity: EntityRef,
    kind: Kind,
    /// Text id of its display name.
    name: u32,
    /// Where it is or what it belongs to, for the hit's detail.
    context: Box<str>,
}

/// Ranking key; smaller is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Rank {
    /// The quality, one step lower for a match on a context field: a facility whose
    /// country is "China" ranks below the firm "China Northern" for the query "china".
    level: u8,
    context: bool,
    quality: Quality,
    neg_score: i64,
    kind: Kind,
    len: u32,
    entry: u32,
}

/// State reused from one query to the next.
#[derive(Default)]
struct Cache {
    /// Queries typed so far, each a prefix of the next, with the texts that matched each.
    levels: Vec<Level>,
    scratch: Scratch,
}

#[derive(Default)]
struct Scratch {
    /// Best literal quality per text, when every text is scanned.
    literal: Vec<Option<Quality>>,
    /// Matching texts by how well they matched, indexed by `Quality as usize`.
    by_quality: [Vec<u32>; Quality::All as usize],
    /// Best (rank, field) per entry; only `touched` slots are set.
    best: Vec<Option<(Rank, u32)>>,
    touched: Vec<u32>,
    /// Vocabulary words within reach of a query word, by query word.
    typo_words: HashMap<String, Vec<(u32, u8)>>,
}

struct Level {
    query: String,
    texts: Vec<u32>,
}

pub struct SearchIndex {
    matcher: SkimMatcherV2,
    texts: Vec<Text>,
    /// The folded form of every text, one after another (kept together so that a scan over
    /// all of them reads memory in order), each followed by a newline, which no folded text
    /// or query contains: text t is `folded[folded_at[t]..folded_at[t + 1] - 1]`.
    folded: String,
    folded_at: Vec<u32>,
    fields: Vec<Field>,
    /// Fields of each text: `text_fields[text_field_start[t]..text_field_start[t + 1]]`.
    text_field_start: Vec<u32>,
    text_fields: Vec<u32>,
    entries: Vec<Entry>,
    /// Entries in the order an empty query lists them.
    browse: Vec<u32>,
    /// Distinct folded words of all texts.
    vocab: Vec<Box<[char]>>,
    /// The chars each word contains (see `char_mask`).
    vocab_masks: Vec<u64>,
    /// Word ids of each text, in order (ranges in `Text::words`).
    text_words: Vec<u32>,
    /// Texts containing each word: `word_texts[word_text_start[w]..word_text_start[w + 1]]`.
    word_text_start: Vec<u32>,
    word_texts: Vec<u32>,
    cache: Mutex<Cache>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("entries", &self.entries.len())
            .field("texts", &self.texts.len())
            .field("words", &self.vocab.len())
            .finish()
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

impl SearchIndex {
    /// Indexes every firm, facility, stage, country, element, event and source of the model.
    pub fn build(model: &Model) -> SearchIndex {
        let mut b = Builder {
            texts: Vec::new(),
            folded_all: String::new(),
            folded_at: vec![0],
            text_ids: HashMap::new(),
            fields: Vec::new(),
            entries: Vec::new(),
            folded: String::new(),
            origin: Vec::new(),
        };
        let code = |c: usize| model.countries.get(c).map_or("", |c| c.code.as_str());
        let country_name = |c: usize| model.countries.get(c).map_or("", |c| c.name.as_str());

        for (i, firm) in model.firms.iter().enumerate() {
            let e = b.entry(
                EntityRef::Firm(i),
                Kind::Firm,
                &firm.name,
                code(firm.hq).to_owned(),
            );
            b.field(e, FieldName::Name, &firm.name);
            for alias in &firm.aliases {
                b.field(e, FieldName::Alias, alias);
            }
            b.field(e, FieldName::Id, &firm.id);
            for name in current_owner_names(model, &firm.owners) {
                b.field(e, FieldName::Owner, name);
            }
        }
        for (i, fac) in model.facilities.iter().enumerate() {
            let owner = model.firms.get(fac.firm).map_or("", |f| f.name.as_str());
            let e = b.entry(
                EntityRef::Facility(i),
                Kind::Facility,
                &fac.name,
                join_nonempty(&[owner, code(fac.country)]),
            );
            b.field(e, FieldName::Name, &fac.name);
            if let Some(place) = &fac.place {
                b.field(e, FieldName::Place, place);
            }
            b.field(e, FieldName::Country, country_name(fac.country));
            b.field(e, FieldName::Id, &fac.id);
            for product in &fac.products {
                b.field(e, FieldName::Product, &product.text);
            }
            // Whoever owns the facility, or owns the firm that runs it.
            let firm_owners = model.firms.get(fac.firm).map(|f| f.owners.as_slice());
            for name in current_owner_names(model, &fac.owners)
                .chain(current_owner_names(model, firm_owners.unwrap_or_default()))
            {
                b.field(e, FieldName::Owner, name);
            }
        }
        for (i, stage) in model.stages.iter().enumerate() {
            let e = b.entry(
                EntityRef::Stage(i),
                Kind::Stage,
                &stage.name,
                stage.makes.clone().unwrap_or_default(),
            );
            b.field(e, FieldName::Name, &stage.name);
            b.field(e, FieldName::Id, &stage.id);
        }
        for (i, country) in model.countries.iter().enumerate() {
            let e = b.entry(
                EntityRef::Country(i),
                Kind::Country,
                &country.name,
                country.code.clone(),
            );
            b.field(e, FieldName::Name, &country.name);
            b.field(e, FieldName::Code, &country.code);
        }
        for (i, element) in model.elements.iter().enumerate() {
            let e = b.entry(
                EntityRef::Element(i),
                Kind::Element,
                &element.name,
                element.symbol.clone(),
            );
            b.field(e, FieldName::Symbol, &element.symbol);
            b.field(e, FieldName::Name, &element.name);
        }
        for (i, event) in model.events.iter().enumerate() {
            let e = b.entry(
                EntityRef::Event(i),
                Kind::Event,
                &event.title,
                event.date.to_string(),
            );
            b.field(e, FieldName::Title, &event.title);
            for &party in &event.parties {
                if party_exists(model, party) {
                    b.field(e, FieldName::Party, model.party_name(party));
                }
            }
        }
        for (i, source) in model.sources.iter().enumerate() {
            let e = b.entry(
                EntityRef::Source(i),
                Kind::Source,
                &source.title,
                match source.year {
                    Some(year) => format!("{}, {year}", source.publisher),
                    None => source.publisher.clone(),
                },
            );
            b.field(e, FieldName::Title, &source.title);
            b.field(e, FieldName::Publisher, &source.publisher);
            b.field(e, FieldName::Id, &source.id);
        }

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

        // Words of every text, for typo matching.
        let mut vocab: Vec<Box<[char]>> = Vec::new();
        let mut word_ids: HashMap<&str, u32> = HashMap::new();
        let mut text_words: Vec<u32> = Vec::new();
        for (t, text) in texts.iter_mut().enumerate() {
            let start = text_words.len() as u32;
            for (_, word) in words(folded_of(t)) {
                let id = match word_ids.get(word) {
                    Some(&id) => id,
                    None => {
                        let id = vocab.len() as u32;
                        vocab.push(word.chars().collect());
                        word_ids.insert(word, id);
                        id
                    }
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

        let vocab_masks = vocab.iter().map(|w| char_mask(w)).collect();
        let entry_count = entries.len();
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
            vocab,
            vocab_masks,
            text_words,
            word_text_start,
            word_texts,
            cache: Mutex::new(Cache {
                levels: Vec::new(),
                scratch: Scratch {
                    best: vec![None; entry_count],
                    ..Scratch::default()
                },
            }),
        }
    }

    /// Number of searchable entities.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The best `limit` hits for `query`, best first, at most one per entity. An empty query
    /// lists everything: firms by name, then facilities, stages, countries, elements, events
    /// (newest first) and sources.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        self.run(query, limit, None)
    }

    /// Like `search`, keeping only entities of one kind.
    pub fn search_kind(&self, query: &str, limit: usize, kind: Kind) -> Vec<Hit> {
        self.run(query, limit, Some(kind))
    }

    fn run(&self, query: &str, limit: usize, kind: Option<Kind>) -> Vec<Hit> {
        if limit == 0 {
            return Vec::new();
        }
        let query = fold_query(query);
        if query.is_empty() {
            return self.browse(limit, kind);
        }
        let mut guard = self.lock_cache();
        let Cache { levels, scratch } = &mut *guard;
        let query_words: Vec<&str> = query.split(' ').collect();
        self.classify_texts(levels, scratch, &query, &query_words);
        let wanted =
            |field: &Field| kind.is_none_or(|k| k == self.entries[field.entry as usize].kind);

        // Whole buckets of (quality, field role) in rank order, until `limit` entities are
        // in: nothing in a later bucket can outrank them.
        scratch.best.resize(self.entries.len(), None);
        scratch.touched.clear();
        let mut good = false;
        for bucket in 0..BUCKETS as u8 {
            let context = bucket % 2 == 1;
            let Some(quality) = (bucket / 2)
                .checked_sub(u8::from(context))
                .and_then(Quality::from_index)
            else {
                continue;
            };
            for i in 0..scratch.by_quality[quality as usize].len() {
                let t = scratch.by_quality[quality as usize][i];
                let len = self.texts[t as usize].chars;
                let mut score = None;
                for field_id in self.field_ids_of(t) {
                    let field = &self.fields[field_id as usize];
                    if field.name.is_context() != context || !wanted(field) {
                        continue;
                    }
                    // A literal match scores alike in every text, so only scattered ones
                    // need the matcher to order them.
                    let score = *score.get_or_insert_with(|| match quality {
                        Quality::Fuzzy => self
                            .matcher
                            .fuzzy_match(self.folded(t), &query)
                            .unwrap_or_default(),
                        _ => 0,
                    });
                    let rank = Rank {
                        level: level(quality, context),
                        context,
                        quality,
                        neg_score: -score,
                        kind: self.entries[field.entry as usize].kind,
                        len,
                        entry: field.entry,
                    };
                    offer(scratch, rank, field_id);
                }
            }
            good |= quality <= Quality::Substring && !scratch.touched.is_empty();
            if scratch.touched.len() >= limit {
                break;
            }
        }

        if !good {
            self.typo_matches(scratch, &query_words, kind);
        }

        let mut ranked: Vec<(Rank, u32)> = scratch
            .touched
            .iter()
            .filter_map(|&e| scratch.best[e as usize].take())
            .collect();
        if ranked.len() > limit {
            ranked.select_nth_unstable(limit - 1);
            ranked.truncate(limit);
        }
        ranked.sort_unstable();
        ranked
            .into_iter()
            .map(|(rank, field)| self.hit(rank, field, &query, &query_words))
            .collect()
    }

    fn folded(&self, text: u32) -> &str {
        let t = text as usize;
        &self.folded[self.folded_at[t] as usize..self.folded_at[t + 1] as usize - 1]
    }

    fn lock_cache(&self) -> MutexGuard<'_, Cache> {
        self.cache.lock().unwrap_or_else(|poisoned| {
            let mut guard = poisoned.into_inner();
            *guard = Cache::default();
            guard
        })
    }

    /// Sorts the texts that contain the query's characters in order into `by_quality`,
    /// looking only at the texts that matched the previous query when this one extends it.
    fn classify_texts(
        &self,
        levels: &mut Vec<Level>,
        scratch: &mut Scratch,
        query: &str,
        query_words: &[&str],
    ) {
        while levels
            .last()
            .is_some_and(|level| !query.starts_with(level.query.as_str()))
        {
            levels.pop();
        }
        let finder = memchr::memmem::Finder::new(query.as_bytes());
        let query_chars: Vec<char> = query.chars().collect();
        for list in scratch.by_quality.iter_mut() {
            list.clear();
        }
        let base_len = levels.last().map_or(self.texts.len(), |l| l.texts.len());
        let mut matched: Vec<u32> = Vec::with_capacity(base_len);
        let longest_span = 2 * query_chars.len() + 2;
        let by_quality = &mut scratch.by_quality;
        let mut sort = |t: u32, literal: Option<Quality>| {
            let quality = match literal {
                Some(quality) => quality,
                None if query_chars.len() < 2 => return,
                None => {
                    let folded = self.folded(t);
                    if query_words.len() > 1 && words_in_order(folded, query_words, None) {
                        Quality::Words
                    } else {
                        // Kept for the next keystroke whenever the chars are all there, but
                        // shown only when they are close together: "lynas" strewn over a
                        // long title is noise, not a match.
                        match match_span(folded, query, &query_chars) {
                            None => return,
                            Some(span) if span > longest_span => {
                                matched.push(t);
                                return;
                            }
                            Some(_) => Quality::Fuzzy,
                        }
                    }
                }
            };
            by_quality[quality as usize].push(t);
            matched.push(t);
        };
        match levels.last() {
            Some(level) => {
                for &t in &level.texts {
                    sort(t, literal_quality(self.folded(t), query, &finder));
                }
            }
            None => {
                // Every text: one pass of the substring search over all of them at once.
                let literal = &mut scratch.literal;
                literal.clear();
                literal.resize(self.texts.len(), None);
                let haystack = self.folded.as_bytes();
                let (mut t, mut from) = (0, 0);
                while let Some(found) = finder.find(&haystack[from..]) {
                    let at = from + found;
                    while self.folded_at[t + 1] as usize <= at {
                        t += 1;
                    }
                    let start = self.folded_at[t] as usize;
                    let quality =
                        occurrence_quality(self.folded(t as u32), at - start, query.len());
                    let slot = &mut literal[t];
                    *slot = Some(slot.map_or(quality, |q| q.min(quality)));
                    // A later occurrence can only improve on a mid-word one.
                    from = if quality < Quality::Substring {
                        self.folded_at[t + 1] as usize
                    } else {
                        at + 1
                    };
                }
                for (t, &quality) in literal.iter().enumerate() {
                    sort(t as u32, quality);
                }
            }
        }
        if levels.last().is_some_and(|level| level.query == query) {
            return;
        }
        if levels.len() == KEPT_LEVELS {
            levels.remove(0);
        }
        levels.push(Level {
            query: query.to_owned(),
            texts: matched,
        });
    }

    fn field_ids_of(&self, text: u32) -> impl Iterator<Item = u32> + '_ {
        let t = text as usize;
        self.text_fields[self.text_field_start[t] as usize..self.text_field_start[t + 1] as usize]
            .iter()
            .copied()
    }

    /// Entities whose fields hold every query word give or take a typo.
    fn typo_matches(&self, cache: &mut Scratch, query_words: &[&str], kind: Option<Kind>) {
        let mut reachable: Vec<Vec<(u32, u8)>> = Vec::with_capacity(query_words.len());
        for &word in query_words {
            let near = match cache.typo_words.get(word) {
                Some(near) => near.clone(),
                None => {
                    let near = self.near_words(word);
                    if cache.typo_words.len() > 256 {
                        cache.typo_words.clear();
                    }
                    cache.typo_words.insert(word.to_owned(), near.clone());
                    near
                }
            };
            if near.is_empty() {
                return;
            }
            reachable.push(near);
        }
        // Walk the texts of the query word with the fewest, checking the others in each.
        let Some(rarest) = (0..reachable.len()).min_by_key(|&i| {
            reachable[i]
                .iter()
                .map(|&(w, _)| self.texts_with_word(w).len())
                .sum::<usize>()
        }) else {
            return;
        };
        let typed: i64 = query_words.iter().map(|w| w.chars().count() as i64).sum();
        let mut seen_texts: Vec<u32> = Vec::new();
        for &(word, _) in &reachable[rarest] {
            for &t in self.texts_with_word(word) {
                seen_texts.push(t);
            }
        }
        seen_texts.sort_unstable();
        seen_texts.dedup();
        for t in seen_texts {
            let text = &self.texts[t as usize];
            let words = &self.text_words[text.words.0 as usize..text.words.1 as usize];
            let mut total = 0i64;
            let all = reachable.iter().all(|near| {
                let best = words
                    .iter()
                    .filter_map(|w| {
                        near.binary_search_by_key(w, |&(id, _)| id)
                            .ok()
                            .map(|i| near[i].1)
                    })
                    .min();
                if let Some(d) = best {
                    total += i64::from(d);
                }
                best.is_some()
            });
            if !all {
                continue;
            }
            for field_id in self.field_ids_of(t) {
                let field = &self.fields[field_id as usize];
                let entry = &self.entries[field.entry as usize];
                if kind.is_some_and(|k| k != entry.kind) {
                    continue;
                }
                let rank = Rank {
                    level: level(Quality::Typo, field.name.is_context()),
                    context: field.name.is_context(),
                    quality: Quality::Typo,
                    neg_score: total - typed,
                    kind: entry.kind,
                    len: text.chars,
                    entry: field.entry,
                };
                offer(cache, rank, field_id);
            }
        }
    }

    fn texts_with_word(&self, word: u32) -> &[u32] {
        let w = word as usize;
        &self.word_texts[self.word_text_start[w] as usize..self.word_text_start[w + 1] as usize]
    }

    /// Vocabulary words within typo distance of `word` (or whose start is), sorted by id.
    fn near_words(&self, word: &str) -> Vec<(u32, u8)> {
        let word: Vec<char> = word.chars().collect();
        let budget = typo_budget(word.len());
        let wanted = char_mask(&word);
        let mut distance = Distance::default();
        let mut near = Vec::new();
        for (id, candidate) in self.vocab.iter().enumerate() {
            // Each of the word's chars missing from the candidate costs at least one edit.
            if (wanted & !self.vocab_masks[id]).count_ones() as usize > budget {
                continue;
            }
            if let Some(d) = distance.within(&word, candidate, budget) {
                near.push((id as u32, d as u8));
            }
        }
        near
    }

    fn browse(&self, limit: usize, kind: Option<Kind>) -> Vec<Hit> {
        self.browse
            .iter()
            .map(|&e| &self.entries[e as usize])
            .filter(|entry| kind.is_none_or(|k| k == entry.kind))
            .take(limit)
            .map(|entry| Hit {
                entity: entry.entity,
                kind: entry.kind.as_str(),
                field: if matches!(entry.kind, Kind::Event | Kind::Source) {
                    "title"
                } else {
                    "name"
                },
                text: self.texts[entry.name as usize].display.to_string(),
                detail: detail(entry.kind, None, &entry.context, ""),
                score: 0,
                quality: Quality::All,
                positions: Vec::new(),
            })
            .collect()
    }

    fn hit(&self, rank: Rank, field_id: u32, query: &str, words: &[&str]) -> Hit {
        let field = &self.fields[field_id as usize];
        let entry = &self.entries[field.entry as usize];
        let text = &self.texts[field.text as usize];
        let folded = self.folded(field.text);
        let folded_positions = match rank.quality {
            Quality::Typo => typo_positions(folded, words),
            Quality::Fuzzy => self
                .matcher
                .fuzzy_indices(folded, query)
                .map(|(_, p)| p)
                .unwrap_or_default(),
            _ => literal_positions(folded, query, words),
        };
        // Non-increasing down the list: the rank's bucket, then the score within it.
        let bucket = usize::from(rank.level) * 2 + usize::from(rank.context);
        let score = (BUCKETS - bucket) as i64 * SCORE_PER_BUCKET - rank.neg_score;
        let mut positions: Vec<usize> = folded_positions
            .into_iter()
            .filter_map(|p| match text.origin.is_empty() {
                true => (p < text.chars as usize).then_some(p),
                false => text.origin.get(p).map(|&o| o as usize),
            })
            .collect();
        positions.dedup();
        let name = (!field.name.is_display_name())
            .then(|| &*self.texts[entry.name as usize].display)
            .filter(|name| *name != &*text.display);
        Hit {
            entity: entry.entity,
            kind: entry.kind.as_str(),
            field: field.name.as_str(),
            text: text.display.to_string(),
            detail: detail(entry.kind, name, &entry.context, &text.display),
            score,
            quality: rank.quality,
            positions,
        }
    }
}

/// Keeps the better of an entity's matches.
fn offer(cache: &mut Scratch, rank: Rank, field: u32) {
    let slot = &mut cache.best[rank.entry as usize];
    match slot {
        None => {
            cache.touched.push(rank.entry);
            *slot = Some((rank, field));
        }
        Some((old, _)) if rank < *old => *slot = Some((rank, field)),
        Some(_) => {}
    }
}

fn level(quality: Quality, context: bool) -> u8 {
    quality as u8 + u8::from(context)
}

/// Ranks grouped by (level, context), in rank order: bucket `level * 2 + context`.
const BUCKETS: usize = (Quality::All as usize + 1) * 2;

/// Score step between buckets, above any score within one (the matcher gives a query of
/// `MAX_QUERY_CHARS` at most a few thousand).
const SCORE_PER_BUCKET: i64 = 100_000;

/// Names of the current holders in an owners list.
fn current_owner_names<'m>(
    model: &'m Model,
    owners: &'m [crate::model::Owner],
) -> impl Iterator<Item = &'m str> {
    owners
        .iter()
        .filter(|o| o.current)
        .filter_map(|o| match &o.holder {
            crate::model::Holder::Firm(f) => model.firms.get(*f).map(|f| f.name.as_str()),
            crate::model::Holder::Government(c) => model.countries.get(*c).map(|c| c.name.as_str()),
            crate::model::Holder::Named { name, .. } => Some(name.as_str()),
        })
}

fn party_exists(model: &Model, party: Party) -> bool {
    match party {
        Party::Firm(f) => f < model.firms.len(),
        Party::Facility(x) => x < model.facilities.len(),
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

fn detail(kind: Kind, name: Option<&str>, context: &str, matched: &str) -> String {
    let mut out = kind.as_str().to_owned();
    for part in [name.unwrap_or(""), context] {
        if !part.is_empty() && part != matched {
            out.push_str(" · ");
            out.push_str(part);
        }
    }
    out
}

/// Entries in browsing order: firms and facilities by name, stages in chain order, countries
/// by name, elements by atomic number, events newest first, sources by title.
fn browse_order<'a>(
    model: &Model,
    entries: &[Entry],
    folded_of: impl Fn(usize) -> &'a str,
) -> Vec<u32> {
    let mut order: Vec<u32> = (0..entries.len() as u32).collect();
    let event_rank: HashMap<usize, usize> = model
        .events_by_date
        .iter()
        .enumerate()
        .map(|(rank, &e)| (e, rank))
        .collect();
    let key = |e: &Entry| -> (Kind, usize, &str) {
        match e.entity {
            EntityRef::Stage(i) => (e.kind, i, ""),
            EntityRef::Element(i) => (
                e.kind,
                model.elements.get(i).map_or(i, |el| usize::from(el.number)),
                "",
            ),
            EntityRef::Event(i) => (e.kind, event_rank.get(&i).copied().unwrap_or(i), ""),
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

/// Folds text for matching: lowercase, Latin accents stripped (ß → ss), full-width forms to
/// ASCII, hyphens, control characters and whitespace runs to one space, trimmed. `origin` gets, per
/// folded char, the index of the char of `text` it came from.
fn fold_into(text: &str, folded: &mut String, origin: &mut Vec<u32>) {
    folded.clear();
    origin.clear();
    let push = |c: char, i: usize, folded: &mut String, origin: &mut Vec<u32>| {
        if c.is_whitespace() || c.is_control() || is_joiner(c) {
            if folded.is_empty() || folded.ends_with(' ') {
                return;
            }
            folded.push(' ');
        } else {
            folded.push(c);
        }
        origin.push(i as u32);
    };
    for (i, c) in text.chars().enumerate() {
        if c.is_ascii() {
            push(c.to_ascii_lowercase(), i, folded, origin);
            continue;
        }
        let c = match c as u32 {
            // Full-width ASCII, as CJK input methods type it.
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        if c.is_ascii() {
            push(c.to_ascii_lowercase(), i, folded, origin);
        } else if is_latin(c)
            && let Some(plain) = deunicode::deunicode_char(c)
                .filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric()))
        {
            for p in plain.chars() {
                push(p.to_ascii_lowercase(), i, folded, origin);
            }
        } else {
            for lower in c.to_lowercase() {
                push(lower, i, folded, origin);
            }
        }
    }
    if folded.ends_with(' ') {
        folded.pop();
        origin.pop();
    }
}

/// Characters that join words ("Shin-Etsu", "mt_weld", "NdFeB/SmCo"): matched as spaces,
/// so "shin etsu" finds "Shin-Etsu" as written.
fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '_' | '/' | '\u{2010}'..='\u{2015}')
}

/// Latin letters with diacritics and ligatures, which fold to plain ASCII letters.
fn is_latin(c: char) -> bool {
    matches!(c as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF)
}

/// The query as matched: folded like the fields and cut to `MAX_QUERY_CHARS`.
fn fold_query(query: &str) -> String {
    let cut = match query.char_indices().nth(MAX_QUERY_CHARS * 2) {
        Some((byte, _)) => &query[..byte],
        None => query,
    };
    let mut folded = String::new();
    let mut origin = Vec::new();
    fold_into(cut, &mut folded, &mut origin);
    if let Some((byte, _)) = folded.char_indices().nth(MAX_QUERY_CHARS) {
        folded.truncate(byte);
        folded.truncate(folded.trim_end().len());
    }
    folded
}

/// How many chars of `text` the query's chars span, taking the match that ends first and,
/// ending there, starts last; None when they do not all appear in order.
fn match_span(text: &str, query: &str, query_chars: &[char]) -> Option<usize> {
    let (start, end) = if query.is_ascii() {
        // ASCII bytes never occur inside a multi-byte char, so bytes suffice.
        let bytes = text.as_bytes();
        let mut end = 0;
        for &b in query.as_bytes() {
            end += memchr::memchr(b, &bytes[end..])? + 1;
        }
        let mut start = end;
        for &b in query.as_bytes().iter().rev() {
            start = memchr::memrchr(b, &bytes[..start])?;
        }
        (start, end)
    } else {
        let mut wanted = query_chars.iter();
        let mut next = wanted.next();
        let mut end = 0;
        for (byte, c) in text.char_indices() {
            if next == Some(&c) {
                end = byte + c.len_utf8();
                next = wanted.next();
                if next.is_none() {
                    break;
                }
            }
        }
        if next.is_some() {
            return None;
        }
        let mut wanted = query_chars.iter().rev();
        let mut next = wanted.next();
        let mut start = end;
        for (byte, c) in text[..end].char_indices().rev() {
            if next == Some(&c) {
                start = byte;
                next = wanted.next();
                if next.is_none() {
                    break;
                }
            }
        }
        (start, end)
    };
    Some(text[start..end].chars().count())
}

fn is_word_start(text: &str, byte: usize) -> bool {
    text[..byte]
        .chars()
        .next_back()
        .is_none_or(|prev| !prev.is_alphanumeric())
}

fn occurs_at_word_start(text: &str, needle: &str) -> Option<usize> {
    text.match_indices(needle)
        .map(|(i, _)| i)
        .find(|&i| is_word_start(text, i))
}

/// How well the query occurring at byte `at` of `text` matches.
fn occurrence_quality(text: &str, at: usize, query_len: usize) -> Quality {
    if at == 0 {
        if query_len == text.len() {
            Quality::Exact
        } else {
            Quality::Prefix
        }
    } else if is_word_start(text, at) {
        Quality::WordStart
    } else {
        Quality::Substring
    }
}

/// The best quality of the query's occurrences in `text`, if it occurs.
fn literal_quality(text: &str, query: &str, finder: &memchr::memmem::Finder) -> Option<Quality> {
    if text.starts_with(query) {
        return Some(occurrence_quality(text, 0, query.len()));
    }
    let mut best = None;
    for at in finder.find_iter(text.as_bytes()) {
        let quality = occurrence_quality(text, at, query.len());
        if quality == Quality::WordStart {
            return Some(quality);
        }
        best = Some(quality);
    }
    best
}

/// Whether each word starts a word of `text`, in order; their byte offsets go to `starts`.
fn words_in_order(text: &str, words: &[&str], mut starts: Option<&mut Vec<usize>>) -> bool {
    let mut from = 0;
    for word in words {
        let Some(at) = text[from..]
            .match_indices(word)
            .map(|(i, _)| from + i)
            .find(|&i| is_word_start(text, i))
        else {
            return false;
        };
        if let Some(starts) = starts.as_deref_mut() {
            starts.push(at);
        }
        from = at + word.len();
    }
    true
}

/// Folded char positions of the literal match that gave a hit its quality.
fn literal_positions(text: &str, query: &str, words: &[&str]) -> Vec<usize> {
    let spans: Vec<(usize, usize)> =
        match occurs_at_word_start(text, query).or_else(|| text.find(query)) {
            Some(at) => vec![(at, query.len())],
            None => {
                let mut starts = Vec::new();
                if words_in_order(text, words, Some(&mut starts)) {
                    starts
                        .into_iter()
                        .zip(words.iter().map(|w| w.len()))
                        .collect()
                } else {
                    Vec::new()
                }
            }
        };
    let mut positions = Vec::new();
    for (char_index, (byte, _)) in text.char_indices().enumerate() {
        if spans.iter().any(|&(at, len)| byte >= at && byte < at + len) {
            positions.push(char_index);
        }
    }
    positions
}

/// Folded char positions of the words a typo match used.
fn typo_positions(text: &str, query_words: &[&str]) -> Vec<usize> {
    let query_words: Vec<Vec<char>> = query_words.iter().map(|w| w.chars().collect()).collect();
    let mut distance = Distance::default();
    let mut positions = Vec::new();
    for (start_char, word) in words(text) {
        let word: Vec<char> = word.chars().collect();
        let near = query_words
            .iter()
            .any(|qw| distance.within(qw, &word, typo_budget(qw.len())).is_some());
        if near {
            positions.extend(start_char..start_char + word.len());
        }
    }
    positions
}

/// Words of folded text (runs of letters and digits) with the char index each starts at.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut chars = text.char_indices().enumerate().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, (_, c))) = chars.peek() {
            if c.is_alphanumeric() {
                break;
            }
            chars.next();
        }
        let (start_char, (start, _)) = chars.next()?;
        let mut end = text.len();
        while let Some(&(_, (byte, c))) = chars.peek() {
            if !c.is_alphanumeric() {
                end = byte;
                break;
            }
            chars.next();
        }
        Some((start_char, &text[start..end]))
    })
}

/// A set of the chars in `word`: one bit per ASCII letter and digit, the rest hashed into
/// the remaining bits (a collision only makes the set larger).
fn char_mask(word: &[char]) -> u64 {
    word.iter().fold(0u64, |mask, &c| {
        let bit = match c {
            'a'..='z' => c as u32 - 'a' as u32,
            '0'..='9' => 26 + c as u32 - '0' as u32,
            _ => 36 + c as u32 % 28,
        };
        mask | 1 << bit
    })
}

/// Edits allowed in a query word of this many chars.
fn typo_budget(chars: usize) -> usize {
    match chars {
        0..=2 => 0,
        3..=5 => 1,
        _ => 2,
    }
}

/// Edit distance with adjacent transpositions (optimal string alignment), reusing its table.
#[derive(Default)]
struct Distance {
    table: Vec<usize>,
}

impl Distance {
    /// The distance from a query word to `word`, or to the start of `word` one char shorter
    /// or longer than the query (so a half-typed word with a typo matches), if within
    /// `budget`. With no budget, the word must start with the query.
    fn within(&mut self, query: &[char], word: &[char], budget: usize) -> Option<usize> {
        if budget == 0 {
            return word.starts_with(query).then_some(0);
        }
        let (q, w) = (query.len(), word.len());
        if w + budget < q {
            return None;
        }
        // Columns needed: the whole word when it is short enough to match whole, else only
        // the prefixes.
        let whole = w <= q + budget;
        let cols = if whole { w } else { w.min(q + 1) };
        let last = self.last_row(query, &word[..cols]);
        let mut best = if whole { last[w] } else { usize::MAX };
        // Prefixes one shorter, as long as, and one longer than the query.
        let shortest = q.saturating_sub(1).max(1);
        let longest = (q + 1).min(cols).min(w.saturating_sub(1));
        if shortest <= longest {
            best = last[shortest..=longest].iter().fold(best, |b, &d| b.min(d));
        }
        (best <= budget).then_some(best)
    }

    /// The last row of the table from `query` to `word`: entry n is the distance from
    /// `query` to the first n chars of `word`.
    fn last_row(&mut self, query: &[char], word: &[char]) -> &[usize] {
        let (q, cols) = (query.len(), word.len());
        let width = cols + 1;
        self.table.clear();
        self.table.resize((q + 1) * width, 0);
        let t = &mut self.table;
        for (j, cell) in t[..width].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=q {
            t[i * width] = i;
            for j in 1..=cols {
                let cost = usize::from(query[i - 1] != word[j - 1]);
                let mut d = (t[(i - 1) * width + j] + 1)
                    .min(t[i * width + j - 1] + 1)
                    .min(t[(i - 1) * width + j - 1] + cost);
                if i > 1 && j > 1 && query[i - 1] == word[j - 2] && query[i - 2] == word[j - 1] {
                    d = d.min(t[(i - 2) * width + j - 2] + 1);
                }
                t[i * width + j] = d;
            }
        }
        &self.table[q * width..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> (String, Vec<u32>) {
        let (mut f, mut o) = (String::new(), Vec::new());
        fold_into(text, &mut f, &mut o);
        (f, o)
    }

    #[test]
    fn folding_strips_accents_and_keeps_cjk() {
        assert_eq!(folded("Société Générale").0, "societe generale");
        assert_eq!(folded("Straße").0, "strasse");
        assert_eq!(folded("信越化学工業").0, "信越化学工業");
        assert_eq!(folded("ＭＰ  Materials").0, "mp materials");
        assert_eq!(folded("  a\u{7}\tb  ").0, "a b");
    }

    #[test]
    fn folded_chars_map_back_to_original_chars() {
        let (f, origin) = folded("Straße X");
        assert_eq!(f, "strasse x");
        assert_eq!(origin, vec![0, 1, 2, 3, 4, 4, 5, 6, 7]);
    }

    #[test]
    fn query_is_cut_to_the_limit() {
        let long = "ab ".repeat(5000);
        assert!(fold_query(&long).chars().count() <= MAX_QUERY_CHARS);
        assert_eq!(fold_query("\u{1b}[31m"), "[31m");
    }

    #[test]
    fn words_split_on_punctuation() {
        let w: Vec<_> = words("lynas (kuantan) mt-weld").collect();
        assert_eq!(
            w,
            vec![(0, "lynas"), (7, "kuantan"), (16, "mt"), (19, "weld")]
        );
    }

    fn within(query: &str, word: &str, budget: usize) -> Option<usize> {
        let chars = |s: &str| s.chars().collect::<Vec<char>>();
        Distance::default().within(&chars(query), &chars(word), budget)
    }

    #[test]
    fn distance_allows_typos_and_half_typed_words() {
        assert_eq!(within("lyans", "lynas", 1), Some(1));
        assert_eq!(within("zink", "zinc", 1), Some(1));
        assert_eq!(within("realoys", "realloys", 2), Some(1));
        assert_eq!(within("lyan", "lynas", 1), Some(1));
        assert_eq!(within("realoy", "realloys", 2), Some(1));
        assert_eq!(within("korea", "zinc", 1), None);
        assert_eq!(within("zi", "zinc", 0), Some(0));
        assert_eq!(within("zc", "zinc", 0), None);
    }

    #[test]
    fn distance_of_whole_words_agrees_with_strsim() {
        let words = [
            "lynas", "lyans", "realloys", "realoys", "zinc", "zink", "korea", "kroea", "neo",
            "eon", "", "a", "ab", "ba", "abc", "ca", "magnet", "magnte", "manget", "信越", "越信",
        ];
        let mut distance = Distance::default();
        for a in words {
            for b in words {
                let (qa, wb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                let full = distance.last_row(&qa, &wb)[wb.len()];
                assert_eq!(full, strsim::osa_distance(a, b), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn match_span_measures_the_tightest_late_match() {
        let span = |t: &str, q: &str| match_span(t, q, &q.chars().collect::<Vec<_>>());
        assert_eq!(span("mt weld", "mtwld"), Some(7));
        assert_eq!(span("a b a b c", "abc"), Some(5));
        assert_eq!(span("信越化学工業", "越学"), Some(3));
        assert_eq!(span("信越化学工業 ab", "化b"), Some(7));
        assert_eq!(span("lynas", "lyans"), None);
        assert_eq!(span("", "a"), None);
    }

    #[test]
    fn literal_quality_orders_occurrences() {
        let q =
            |t: &str, q: &str| literal_quality(t, q, &memchr::memmem::Finder::new(q.as_bytes()));
        assert_eq!(q("lynas", "lynas"), Some(Quality::Exact));
        assert_eq!(q("lynas rare earths", "lynas"), Some(Quality::Prefix));
        assert_eq!(q("lynas rare earths", "rare"), Some(Quality::WordStart));
        assert_eq!(q("a rare rare", "are"), Some(Quality::Substring));
        assert_eq!(q("flare rare", "are"), Some(Quality::Substring));
        assert_eq!(q("flare are", "are"), Some(Quality::WordStart));
        assert_eq!(q("lynas rare earths", "lynas earths"), None);
    }
}
