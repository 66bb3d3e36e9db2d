//! One fuzzy index over every entity of a model, ranked, with the matched characters.
//!
//! Every searchable field is folded once at build time (lowercase, Latin accents stripped,
//! whitespace collapsed) and identical texts are stored once, so a country name shared by
//! thousands of facilities is matched once per query. A query is matched with skim's
//! algorithm; when nothing matches well (a typo, a transposition, a missing letter), words
//! are compared by edit distance instead.
//!
//! Typing is fast because each query keeps the texts it matched: the next keystroke, which
//! usually extends the query, only looks at those.

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

/// How many keystrokes of matched texts are kept for reuse.
const KEPT_LEVELS: usize = 32;

/// The kinds of entity search finds, in the order they win ties.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
    /// The query's characters appear in order, scattered.
    Fuzzy,
    /// The query was empty: everything, in browsing order.
    All,
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
    /// The matcher's score (higher is better); for typo matches, the characters typed less
    /// the edit distance.
    pub score: i64,
    pub quality: Quality,
    /// Char indices into `text` of the matched characters, ascending.
    pub positions: Vec<usize>,
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
        )
    }

    fn is_display_name(self) -> bool {
        matches!(self, FieldName::Name | FieldName::Title)
    }
}

/// A distinct searchable text.
struct Text {
    display: Box<str>,
    folded: Box<str>,
    /// For each char of `folded`, the index of the char of `display` it came from.
    origin: Box<[u32]>,
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
    /// Best (rank, field) per entry for the current query; only `touched` slots are set.
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
    fields: Vec<Field>,
    /// Fields of each text: `text_fields[text_field_start[t]..text_field_start[t + 1]]`.
    text_field_start: Vec<u32>,
    text_fields: Vec<u32>,
    entries: Vec<Entry>,
    /// Entries in the order an empty query lists them.
    browse: Vec<u32>,
    /// Distinct folded words of all texts.
    vocab: Vec<Box<str>>,
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
struct Builder {
    texts: Vec<Text>,
    text_ids: HashMap<String, u32>,
    fields: Vec<Field>,
    entries: Vec<Entry>,
    folded: String,
    origin: Vec<u32>,
}

impl Builder {
    fn text(&mut self, display: &str) -> u32 {
        if let Some(&id) = self.text_ids.get(display) {
            return id;
        }
        fold_into(display, &mut self.folded, &mut self.origin);
        let id = self.texts.len() as u32;
        self.texts.push(Text {
            display: display.into(),
            folded: self.folded.as_str().into(),
            origin: self.origin.as_slice().into(),
            words: (0, 0),
        });
        self.text_ids.insert(display.to_owned(), id);
        id
    }

    fn entry(&mut self, entity: EntityRef, kind: Kind, name: &str, context: String) -> u32 {
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

    fn field(&mut self, entry: u32, name: FieldName, display: &str) {
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
                format!("{}, {}", source.publisher, source.year),
            );
            b.field(e, FieldName::Title, &source.title);
            b.field(e, FieldName::Publisher, &source.publisher);
            b.field(e, FieldName::Id, &source.id);
        }

        let Builder {
            mut texts,
            fields,
            entries,
            ..
        } = b;
        let (text_field_start, text_fields) =
            group_by_key(texts.len(), fields.iter().map(|f| f.text));
        let browse = browse_order(model, &entries, &texts);

        // Words of every text, for typo matching.
        let mut vocab: Vec<Box<str>> = Vec::new();
        let mut word_ids: HashMap<Box<str>, u32> = HashMap::new();
        let mut text_words: Vec<u32> = Vec::new();
        for text in texts.iter_mut() {
            let start = text_words.len() as u32;
            for (_, word) in words(&text.folded) {
                let id = match word_ids.get(word) {
                    Some(&id) => id,
                    None => {
                        let id = vocab.len() as u32;
                        vocab.push(word.into());
                        word_ids.insert(word.into(), id);
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

        SearchIndex {
            matcher: SkimMatcherV2::default()
                .respect_case()
                .element_limit(MATCHER_ELEMENT_LIMIT),
            texts,
            fields,
            text_field_start,
            text_fields,
            entries,
            browse,
            vocab,
            text_words,
            word_text_start,
            word_texts,
            cache: Mutex::new(Cache::default()),
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
        let cache = scratch;
        let candidates = self.matching_texts(levels, &query);
        let query_words: Vec<&str> = query.split(' ').collect();

        cache.best.clear();
        cache.best.resize(self.entries.len(), None);
        cache.touched.clear();

        // Rank by quality first; the matcher's score is needed only within the qualities
        // that can still reach the top `limit`.
        let finder = memchr::memmem::Finder::new(query.as_bytes());
        let mut classified: Vec<(u32, Quality)> = Vec::with_capacity(candidates.len());
        let mut per_coarse = [0usize; COARSE_BUCKETS];
        for &t in candidates {
            let text = &self.texts[t as usize];
            let quality = classify(&text.folded, &query, &query_words, &finder);
            classified.push((t, quality));
            for field in self.fields_of(t) {
                let entry = &self.entries[field.entry as usize];
                if kind.is_some_and(|k| k != entry.kind) {
                    continue;
                }
                let coarse = Rank {
                    level: level(quality, field.name.is_context()),
                    context: field.name.is_context(),
                    quality,
                    neg_score: 0,
                    kind: Kind::Firm,
                    len: 0,
                    entry: 0,
                };
                let slot = &mut cache.best[field.entry as usize];
                match slot {
                    None => {
                        cache.touched.push(field.entry);
                        *slot = Some((coarse, 0));
                    }
                    Some((old, _)) if coarse < *old => *old = coarse,
                    Some(_) => {}
                }
            }
        }
        for &e in &cache.touched {
            if let Some((rank, _)) = cache.best[e as usize] {
                per_coarse[coarse_index(&rank)] += 1;
            }
        }
        let mut cutoff = per_coarse.len() - 1;
        let mut reached = 0;
        for (i, n) in per_coarse.iter().enumerate() {
            reached += n;
            if reached >= limit {
                cutoff = i;
                break;
            }
        }
        let good = per_coarse[..coarse_index_of(Quality::Substring, true) + 1]
            .iter()
            .any(|&n| n > 0);

        // Full ranks for the entities that can make the cut.
        for &e in &cache.touched {
            cache.best[e as usize] = None;
        }
        cache.touched.clear();
        for &(t, quality) in &classified {
            if coarse_index_of(quality, false) > cutoff {
                continue;
            }
            let text = &self.texts[t as usize];
            let mut score = None;
            for field_id in self.field_ids_of(t) {
                let field = &self.fields[field_id as usize];
                let entry = &self.entries[field.entry as usize];
                if kind.is_some_and(|k| k != entry.kind)
                    || coarse_index_of(quality, field.name.is_context()) > cutoff
                {
                    continue;
                }
                let score = *score.get_or_insert_with(|| {
                    self.matcher
                        .fuzzy_match(&text.folded, &query)
                        .unwrap_or_default()
                });
                let rank = Rank {
                    level: level(quality, field.name.is_context()),
                    context: field.name.is_context(),
                    quality,
                    neg_score: -score,
                    kind: entry.kind,
                    len: text.origin.len() as u32,
                    entry: field.entry,
                };
                offer(cache, rank, field_id);
            }
        }

        if !good {
            self.typo_matches(cache, &query_words, kind);
        }

        let mut ranked: Vec<(Rank, u32)> = cache
            .touched
            .iter()
            .filter_map(|&e| cache.best[e as usize])
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

    fn lock_cache(&self) -> MutexGuard<'_, Cache> {
        self.cache.lock().unwrap_or_else(|poisoned| {
            let mut guard = poisoned.into_inner();
            *guard = Cache::default();
            guard
        })
    }

    /// Texts containing the query's characters in order, reusing the last query's matches
    /// when this one extends it.
    fn matching_texts<'c>(&self, levels: &'c mut Vec<Level>, query: &str) -> &'c [u32] {
        while levels
            .last()
            .is_some_and(|level| !query.starts_with(level.query.as_str()))
        {
            levels.pop();
        }
        if levels.last().is_some_and(|l| l.query == query) {
            return &levels[levels.len() - 1].texts;
        }
        let query_chars: Vec<char> = query.chars().collect();
        let texts: Vec<u32> = match levels.last() {
            Some(level) => level
                .texts
                .iter()
                .copied()
                .filter(|&t| is_subsequence(&self.texts[t as usize].folded, query, &query_chars))
                .collect(),
            None => (0..self.texts.len() as u32)
                .filter(|&t| is_subsequence(&self.texts[t as usize].folded, query, &query_chars))
                .collect(),
        };
        if levels.len() == KEPT_LEVELS {
            levels.remove(0);
        }
        levels.push(Level {
            query: query.to_owned(),
            texts,
        });
        &levels[levels.len() - 1].texts
    }

    fn field_ids_of(&self, text: u32) -> impl Iterator<Item = u32> + '_ {
        let t = text as usize;
        self.text_fields[self.text_field_start[t] as usize..self.text_field_start[t + 1] as usize]
            .iter()
            .copied()
    }

    fn fields_of(&self, text: u32) -> impl Iterator<Item = &Field> + '_ {
        self.field_ids_of(text)
            .map(move |f| &self.fields[f as usize])
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
                    len: text.origin.len() as u32,
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
        let len = word.chars().count();
        let budget = typo_budget(len);
        let mut near = Vec::new();
        for (id, candidate) in self.vocab.iter().enumerate() {
            let distance = if budget == 0 {
                candidate.starts_with(word).then_some(0)
            } else {
                word_distance(word, len, candidate, budget)
            };
            if let Some(d) = distance {
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
        let folded_positions = match rank.quality {
            Quality::Typo => typo_positions(&text.folded, words),
            Quality::Fuzzy => self
                .matcher
                .fuzzy_indices(&text.folded, query)
                .map(|(_, p)| p)
                .unwrap_or_default(),
            _ => literal_positions(&text.folded, query, words),
        };
        let mut positions: Vec<usize> = folded_positions
            .into_iter()
            .filter_map(|p| text.origin.get(p).map(|&o| o as usize))
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
            score: -rank.neg_score,
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

/// Buckets for counting ranks by (level, context), in rank order.
const COARSE_BUCKETS: usize = (Quality::All as usize + 2) * 2;

fn coarse_index(rank: &Rank) -> usize {
    coarse_index_of(rank.quality, rank.context)
}

fn coarse_index_of(quality: Quality, context: bool) -> usize {
    usize::from(level(quality, context)) * 2 + usize::from(context)
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
fn browse_order(model: &Model, entries: &[Entry], texts: &[Text]) -> Vec<u32> {
    let mut order: Vec<u32> = (0..entries.len() as u32).collect();
    let event_rank: HashMap<usize, usize> = model
        .events_by_date
        .iter()
        .enumerate()
        .map(|(rank, &e)| (e, rank))
        .collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&entries[a as usize], &entries[b as usize]);
        let key = |e: &Entry| -> (Kind, usize, &str) {
            let name = &*texts[e.name as usize].folded;
            match e.entity {
                EntityRef::Stage(i) => (e.kind, i, ""),
                EntityRef::Element(i) => (
                    e.kind,
                    model.elements.get(i).map_or(i, |el| usize::from(el.number)),
                    "",
                ),
                EntityRef::Event(i) => (e.kind, event_rank.get(&i).copied().unwrap_or(i), ""),
                _ => (e.kind, 0, name),
            }
        };
        key(a).cmp(&key(b)).then(a.entity.cmp(&b.entity))
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
/// ASCII, control characters and whitespace runs to one space, trimmed. `origin` gets, per
/// folded char, the index of the char of `text` it came from.
fn fold_into(text: &str, folded: &mut String, origin: &mut Vec<u32>) {
    folded.clear();
    origin.clear();
    let push = |c: char, i: usize, folded: &mut String, origin: &mut Vec<u32>| {
        if c.is_whitespace() || c.is_control() {
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

/// Whether `query`'s chars appear in `text` in order.
fn is_subsequence(text: &str, query: &str, query_chars: &[char]) -> bool {
    if query.len() > text.len() {
        return false;
    }
    if query.is_ascii() {
        // ASCII bytes never occur inside a multi-byte char, so bytes suffice.
        let mut rest = text.as_bytes();
        for &b in query.as_bytes() {
            match memchr::memchr(b, rest) {
                Some(i) => rest = &rest[i + 1..],
                None => return false,
            }
        }
        true
    } else {
        let mut want = query_chars.iter().peekable();
        for c in text.chars() {
            if want.peek() == Some(&&c) {
                want.next();
            }
        }
        want.peek().is_none()
    }
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

fn classify(text: &str, query: &str, words: &[&str], finder: &memchr::memmem::Finder) -> Quality {
    if text == query {
        return Quality::Exact;
    }
    if text.starts_with(query) {
        return Quality::Prefix;
    }
    let mut substring = false;
    for i in finder.find_iter(text.as_bytes()) {
        substring = true;
        if is_word_start(text, i) {
            return Quality::WordStart;
        }
    }
    if substring {
        return Quality::Substring;
    }
    if words.len() > 1 && words_in_order(text, words).is_some() {
        return Quality::Words;
    }
    Quality::Fuzzy
}

/// Byte offsets where each word starts a word of `text`, in order, if they all do.
fn words_in_order(text: &str, words: &[&str]) -> Option<Vec<usize>> {
    let mut from = 0;
    let mut starts = Vec::with_capacity(words.len());
    for word in words {
        let at = text[from..]
            .match_indices(word)
            .map(|(i, _)| from + i)
            .find(|&i| is_word_start(text, i))?;
        starts.push(at);
        from = at + word.len();
    }
    Some(starts)
}

/// Folded char positions of the literal match that gave a hit its quality.
fn literal_positions(text: &str, query: &str, words: &[&str]) -> Vec<usize> {
    let spans: Vec<(usize, usize)> =
        match occurs_at_word_start(text, query).or_else(|| text.find(query)) {
            Some(at) => vec![(at, query.len())],
            None => match words_in_order(text, words) {
                Some(starts) => starts
                    .into_iter()
                    .zip(words.iter().map(|w| w.len()))
                    .collect(),
                None => Vec::new(),
            },
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
    let mut positions = Vec::new();
    for (start_char, word) in words(text) {
        let near = query_words.iter().any(|qw| {
            let len = qw.chars().count();
            match typo_budget(len) {
                0 => word.starts_with(qw),
                budget => word_distance(qw, len, word, budget).is_some(),
            }
        });
        if near {
            positions.extend(start_char..start_char + word.chars().count());
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

/// Edits allowed in a query word of this many chars.
fn typo_budget(chars: usize) -> usize {
    match chars {
        0..=2 => 0,
        3..=5 => 1,
        _ => 2,
    }
}

/// Edit distance (with transpositions) from a query word to a word or to its start, the
/// latter so that a half-typed word with a typo still matches.
fn word_distance(query: &str, query_chars: usize, word: &str, budget: usize) -> Option<usize> {
    let word_chars = word.chars().count();
    if word_chars + budget < query_chars {
        return None;
    }
    let mut best = usize::MAX;
    if word_chars <= query_chars + budget {
        best = strsim::osa_distance(query, word);
    }
    // Compare with the word's first chars, one more or fewer than typed.
    for n in query_chars.saturating_sub(1)..=query_chars + 1 {
        if n >= word_chars || n == 0 || best == 0 {
            continue;
        }
        let end = word.char_indices().nth(n).map_or(word.len(), |(b, _)| b);
        best = best.min(strsim::osa_distance(query, &word[..end]));
    }
    (best <= budget).then_some(best)
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

    #[test]
    fn word_distance_allows_typos_and_half_typed_words() {
        assert_eq!(word_distance("lyans", 5, "lynas", 1), Some(1));
        assert_eq!(word_distance("zink", 4, "zinc", 1), Some(1));
        assert_eq!(word_distance("realoys", 7, "realloys", 2), Some(1));
        assert_eq!(word_distance("lyan", 4, "lynas", 1), Some(1));
        assert_eq!(word_distance("korea", 5, "zinc", 1), None);
    }

    #[test]
    fn classify_orders_literal_matches() {
        let q = |t: &str, q: &str| {
            let words: Vec<&str> = q.split(' ').collect();
            classify(t, q, &words, &memchr::memmem::Finder::new(q.as_bytes()))
        };
        assert_eq!(q("lynas", "lynas"), Quality::Exact);
        assert_eq!(q("lynas rare earths", "lynas"), Quality::Prefix);
        assert_eq!(q("lynas rare earths", "rare"), Quality::WordStart);
        assert_eq!(q("lynas rare earths", "lynas earths"), Quality::Words);
        assert_eq!(q("lynas rare earths", "are"), Quality::Substring);
        assert_eq!(q("lynas rare earths", "lre"), Quality::Fuzzy);
    }
}
