//! Search ranking, typo fallback, aliases, CJK, accents, highlights and bad input, on the
//! fixture model tests/fixtures/search.yaml.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use rechain::model::load::load;
use rechain::model::{EntityRef, Model, Origin};
use rechain::search::{FieldName, Hit, Kind, Quality, SearchIndex, SearchSession};

fn model() -> Model {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search.yaml");
    load(&Origin::File(path)).expect("fixture is valid")
}

fn ids(model: &Model, hits: &[Hit]) -> Vec<String> {
    hits.iter().map(|h| model.entity_id(h.entity)).collect()
}

/// The highlighted characters of a hit, as a string.
fn highlighted(hit: &Hit) -> String {
    hit.text
        .chars()
        .enumerate()
        .filter(|(i, _)| hit.positions.contains(i))
        .map(|(_, c)| c)
        .collect()
}

fn assert_top(model: &Model, index: &SearchIndex, query: &str, id: &str, within: usize) {
    let hits = index.search(query, 10);
    let found = ids(model, &hits);
    assert!(
        found.iter().take(within).any(|f| f == id),
        "{query:?}: expected {id} in the top {within}, got {found:?}"
    );
}

#[test]
fn misspelled_names_find_the_intended_firm_first() {
    let m = model();
    let index = SearchIndex::build(&m);
    for (query, id) in [
        ("korea zink", "korea-zinc"),
        ("realoys", "realloys"),
        ("lyans", "lynas"),
        ("lynsa rare", "lynas"),
        ("shin etsu chemcal", "shin-etsu"),
        ("zinc korea", "korea-zinc"),
    ] {
        assert_top(&m, &index, query, id, 1);
    }
}

#[test]
fn half_typed_names_with_a_typo_are_found() {
    let m = model();
    let index = SearchIndex::build(&m);
    assert_top(&m, &index, "lyan", "lynas", 3);
    assert_top(&m, &index, "korea zin", "korea-zinc", 1);
    assert_top(&m, &index, "neo perfromance", "neo", 3);
}

#[test]
fn typo_matches_say_so_and_highlight_the_words_used() {
    let m = model();
    let index = SearchIndex::build(&m);
    let hit = &index.search("korea zink", 1)[0];
    assert_eq!(hit.quality, Quality::Typo);
    assert_eq!(highlighted(hit), "KoreaZinc");
}

#[test]
fn exact_beats_prefix_beats_word_start_beats_fuzzy() {
    let m = model();
    let index = SearchIndex::build(&m);
    let hits = index.search("magnet", 10);
    // The stage "Magnets" starts with the query; the facility only has it as a later word,
    // so the stage wins although facilities outrank stages on equal terms.
    assert_eq!(ids(&m, &hits)[0], "magnets");
    assert_eq!(hits[0].quality, Quality::Prefix);
    let facility = hits
        .iter()
        .position(|h| m.entity_id(h.entity) == "mp-independence")
        .expect("the magnet plant matches");
    assert_eq!(hits[facility].quality, Quality::WordStart);

    let hits = index.search("korea zinc", 10);
    assert_eq!(ids(&m, &hits)[0], "korea-zinc");
    assert_eq!(hits[0].quality, Quality::Exact);
    assert_eq!(hits[1].quality, Quality::Prefix);

    let qualities: Vec<Quality> = index.search("rare", 20).iter().map(|h| h.quality).collect();
    let mut sorted = qualities.clone();
    sorted.sort();
    assert_eq!(qualities, sorted);
    assert!(qualities.contains(&Quality::WordStart));
}

#[test]
fn firms_come_before_facilities_and_events_on_equal_terms() {
    let m = model();
    let index = SearchIndex::build(&m);
    let hits = index.search("reall", 3);
    assert_eq!(
        ids(&m, &hits),
        [
            "realloys",
            "realloys-euclid",
            "2025-12-12-realloys-saskatchewan-research-council"
        ]
    );
    assert!(hits.iter().all(|h| h.quality == Quality::Prefix));
    let kinds: Vec<Kind> = hits.iter().map(|h| h.kind).collect();
    assert_eq!(kinds, [Kind::Firm, Kind::Facility, Kind::Event]);
}

#[test]
fn a_name_outranks_the_same_words_in_a_place_or_country() {
    let m = model();
    let index = SearchIndex::build(&m);
    let hits = index.search("china", 10);
    let found = ids(&m, &hits);
    let at = |id: &str| found.iter().position(|f| f == id).expect(id);
    assert_eq!(found[0], "CN");
    // The firm's name starts with "China"; the facility is only in China.
    assert!(at("china-northern") < at("baotou"));
    assert_eq!(hits[at("baotou")].field, FieldName::Country);
}

#[test]
fn shorter_texts_come_first_among_equals() {
    let m = model();
    let index = SearchIndex::build(&m);
    for query in ["re", "ma", "s", "plant", "rare earth"] {
        let hits = index.search(query, 50);
        for pair in hits.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let literal = a.quality <= Quality::Substring;
            if literal && a.quality == b.quality && a.kind == b.kind && a.field == b.field {
                assert!(
                    a.text.chars().count() <= b.text.chars().count(),
                    "{query:?}: {:?} before {:?}",
                    a.text,
                    b.text
                );
            }
        }
    }
}

#[test]
fn aliases_match_and_say_which_name_matched() {
    let m = model();
    let index = SearchIndex::build(&m);
    let hit = &index.search("lynas", 1)[0];
    assert_eq!(hit.entity, EntityRef::Firm(m.firm_by_id("lynas").unwrap()));
    assert_eq!(hit.field, FieldName::Alias);
    assert_eq!(hit.text, "Lynas");
    assert_eq!(hit.quality, Quality::Exact);
    assert_eq!(hit.detail, "firm · Lynas Rare Earths · AU");
}

#[test]
fn cjk_aliases_are_searchable() {
    let m = model();
    let index = SearchIndex::build(&m);
    let shin_etsu = EntityRef::Firm(m.firm_by_id("shin-etsu").unwrap());
    let hit = &index.search("信越化学工業", 1)[0];
    assert_eq!((hit.entity, hit.quality), (shin_etsu, Quality::Exact));
    let hit = &index.search("信越", 1)[0];
    assert_eq!((hit.entity, hit.quality), (shin_etsu, Quality::Prefix));
    let hit = &index.search("化学", 1)[0];
    assert_eq!(hit.entity, shin_etsu);
    assert_eq!(hit.positions, vec![2, 3]);
    assert_eq!(highlighted(hit), "化学");
}

#[test]
fn case_and_accents_do_not_matter() {
    let m = model();
    let index = SearchIndex::build(&m);
    for query in ["sillamae", "Sillamäe", "SILLAMÄE", "sillamäe"] {
        let hit = &index.search(query, 1)[0];
        assert_eq!(m.entity_id(hit.entity), "neo-silmet", "{query}");
        assert_eq!(hit.field, FieldName::Place);
        assert_eq!(hit.positions, (0..8).collect::<Vec<_>>(), "{query}");
    }
    assert_top(&m, &index, "cote d'ivoire", "CI", 1);
    assert_top(&m, &index, "CÔTE", "CI", 1);
    assert_top(&m, &index, "ＬＹＮＡＳ", "lynas", 1);
}

#[test]
fn highlights_are_the_matched_characters_of_the_shown_text() {
    let m = model();
    let index = SearchIndex::build(&m);
    let hit = index
        .search("earths", 5)
        .into_iter()
        .find(|h| h.text == "Lynas Rare Earths")
        .expect("word-start match on the firm name");
    assert_eq!(hit.positions, (11..17).collect::<Vec<_>>());

    // Scattered matches highlight the query's characters, in order.
    let hits = index.search("mtwld", 5);
    let hit = hits.iter().find(|h| h.text == "Mt Weld").expect("Mt Weld");
    assert_eq!(hit.quality, Quality::Fuzzy);
    assert_eq!(highlighted(hit).to_lowercase(), "mtwld");

    for query in [
        "lynas",
        "korea zink",
        "rare earth",
        "sillamae",
        "mp",
        "信越",
        "nd",
    ] {
        for hit in index.search(query, 50) {
            let len = hit.text.chars().count();
            assert!(
                hit.positions.windows(2).all(|w| w[0] < w[1]),
                "{query:?}: {hit:?}"
            );
            assert!(hit.positions.iter().all(|&p| p < len), "{query:?}: {hit:?}");
            assert!(!hit.positions.is_empty(), "{query:?}: {hit:?}");
        }
    }
}

#[test]
fn empty_query_lists_everything_firms_first_by_name() {
    let m = model();
    let index = SearchIndex::build(&m);
    let all = index.search("", usize::MAX);
    assert_eq!(all.len(), index.len());
    let firms: Vec<&str> = all
        .iter()
        .take_while(|h| h.kind == Kind::Firm)
        .map(|h| h.text.as_str())
        .collect();
    assert_eq!(firms.len(), m.firms().len());
    let mut sorted = firms.clone();
    sorted.sort_by_key(|name| name.to_lowercase());
    assert_eq!(firms, sorted);
    assert_eq!(all[m.firms().len()].kind, Kind::Facility);
    assert_eq!(index.search("   ", 3).len(), 3);
    assert!(index.search("lynas", 0).is_empty());
}

#[test]
fn hostile_queries_are_just_text() {
    let m = model();
    let index = SearchIndex::build(&m);
    let huge = "a".repeat(10_000);
    let repeated = "korea zink ".repeat(1_000);
    let start = Instant::now();
    for query in [
        huge.as_str(),
        repeated.as_str(),
        ".*[",
        "(?:x)+$",
        "\\",
        "\u{1b}[31m",
        "\u{0}\u{7}\u{8}",
        "\u{202e}lynas",
        "🦀",
    ] {
        for hit in index.search(query, 20) {
            assert!(hit.positions.iter().all(|&p| p < hit.text.chars().count()));
        }
    }
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    assert!(index.search(".*[", 20).is_empty());
    // Control characters around a name are ignored.
    assert_top(&m, &index, "\u{7}lynas\u{0}", "lynas", 1);
}

#[test]
fn kind_filter_keeps_one_kind() {
    let m = model();
    let index = SearchIndex::build(&m);
    let hits = index.search_kind("korea", 10, Kind::Country);
    assert_eq!(ids(&m, &hits), ["KR"]);
    let hits = index.search_kind("", 100, Kind::Element);
    assert_eq!(ids(&m, &hits), ["Pr", "Nd", "Tb", "Dy"]);
}

#[test]
fn typing_gives_the_same_results_as_a_fresh_search() {
    let m = model();
    let index = SearchIndex::build(&m);
    let mut typed = SearchSession::default();
    // Type, backspace, retype differently, jump to an unrelated query.
    let mut queries = Vec::new();
    for word in ["korea zinc", "realoys", "lyans rare"] {
        for end in 1..=word.len() {
            queries.push(word[..end].to_owned());
        }
        for end in (1..word.len()).rev() {
            queries.push(word[..end].to_owned());
        }
    }
    queries.extend(["mp", "mpx", "m", "mo", "mou"].map(String::from));
    for query in &queries {
        assert_eq!(
            typed.search(&index, query, 20, None),
            index.search(query, 20),
            "{query:?}"
        );
    }
}

#[test]
fn scores_never_rise_down_the_list() {
    let m = model();
    let index = SearchIndex::build(&m);
    for query in [
        "lynas",
        "korea zink",
        "re",
        "mtwld",
        "china",
        "rare earth",
        "zinc korea",
    ] {
        let hits = index.search(query, 50);
        for pair in hits.windows(2) {
            assert!(pair[0].score >= pair[1].score, "{query:?}: {pair:?}");
        }
    }
}

#[test]
fn misspelled_seed_firms_are_in_the_top_three_on_the_embedded_model() {
    let m = load(&Origin::Embedded).expect("embedded model is valid");
    let index = SearchIndex::build(&m);
    for (query, name) in [
        ("korea zink", "Korea Zinc"),
        ("realoys", "REalloys"),
        ("lyans", "Lynas Rare Earths"),
        ("mp materails", "MP Materials"),
    ] {
        // The data changes; only firms it has are checked.
        let Some(firm) = m.firm_ids().find(|&f| m.firm(f).name == name) else {
            continue;
        };
        let hits = index.search(query, 3);
        assert!(
            hits.iter().any(|h| h.entity == EntityRef::Firm(firm)),
            "{query:?}: {name} not in {:?}",
            hits.iter().map(|h| &h.text).collect::<Vec<_>>()
        );
    }
}
