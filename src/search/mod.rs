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

mod build;
mod fold;
mod literal;
mod rank;
mod session;
mod typo;

use fuzzy_matcher::skim::SkimMatcherV2;

use crate::model::EntityRef;

pub use session::SearchSession;

/// Longer queries are cut to this many characters: no name is that long, and the matcher's
/// work grows with the query.
pub const MAX_QUERY_CHARS: usize = 128;

/// Beyond this many cells the matcher falls back to a greedy match instead of the full table.
const MATCHER_ELEMENT_LIMIT: usize = 16 * 1024;

/// Ends each text in the folded arena.
const TEXT_END: char = '\n';

/// The kinds of entity search finds are [`EntityKind::SEARCHED`], in the order they win ties.
pub use crate::model::EntityKind as Kind;

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
    /// The stable lower-case name, as JSON output writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Quality::Exact => "exact",
            Quality::Prefix => "prefix",
            Quality::WordStart => "wordstart",
            Quality::Words => "words",
            Quality::Substring => "substring",
            Quality::Typo => "typo",
            Quality::Fuzzy => "fuzzy",
            Quality::All => "all",
        }
    }

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
    pub kind: Kind,
    /// Which field matched.
    pub field: FieldName,
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
        self.field.is_context()
    }

    /// Whether `other` matched just as well: same quality, same kind of field, same kind of
    /// entity. When nothing ties with the best hit, it is the one meant.
    pub fn ties_with(&self, other: &Hit) -> bool {
        self.quality == other.quality
            && self.on_context() == other.on_context()
            && self.kind == other.kind
    }
}

/// The field of an entity a hit matched on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldName {
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
    /// The stable lower-case name, as JSON output writes it.
    pub fn as_str(self) -> &'static str {
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
    pub fn is_context(self) -> bool {
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

impl std::fmt::Display for FieldName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
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
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("entries", &self.entries.len())
            .field("texts", &self.texts.len())
            .field("words", &self.vocab.len())
            .finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// Number of searchable entities.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The best `limit` hits for `query`, best first, at most one per entity. An empty query
    /// lists everything: firms by name, then facilities, stages, countries, elements, events
    /// (newest first) and sources. A one-off query; a search box keeps a [`SearchSession`]
    /// so that each keystroke reuses the last one's work.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        SearchSession::default().search(self, query, limit, None)
    }

    /// Like `search`, keeping only entities of one kind.
    pub fn search_kind(&self, query: &str, limit: usize, kind: Kind) -> Vec<Hit> {
        SearchSession::default().search(self, query, limit, Some(kind))
    }

    fn folded(&self, text: u32) -> &str {
        let t = text as usize;
        &self.folded[self.folded_at[t] as usize..self.folded_at[t + 1] as usize - 1]
    }

    fn field_ids_of(&self, text: u32) -> impl Iterator<Item = u32> + '_ {
        let t = text as usize;
        self.text_fields[self.text_field_start[t] as usize..self.text_field_start[t + 1] as usize]
            .iter()
            .copied()
    }

    fn texts_with_word(&self, word: u32) -> &[u32] {
        let w = word as usize;
        &self.word_texts[self.word_text_start[w] as usize..self.word_text_start[w + 1] as usize]
    }
}
