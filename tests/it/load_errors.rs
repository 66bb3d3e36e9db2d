//! Every class of bad input gets a problem with the right place, and never a panic.

use std::fmt::Write;

use rechain::model::load::{self, load_text};
use rechain::model::{Origin, Problem};

fn origin() -> Origin {
    Origin::File("m.yaml".into())
}

/// Loads text that must fail and returns its problems.
fn problems(text: &str) -> Vec<Problem> {
    match load_text(text, origin()) {
        Ok(_) => panic!("expected problems, the model loaded:\n{text}"),
        Err(e) => e.problems,
    }
}

/// Asserts a problem whose message contains `needle` sits at `line:col`.
fn assert_at(problems: &[Problem], needle: &str, line: u32, column: u32) {
    let found = problems
        .iter()
        .find(|p| p.message.contains(needle))
        .unwrap_or_else(|| {
            panic!("no problem mentions {needle:?}; got:\n{}", list(problems));
        });
    assert_eq!(
        (found.line, found.column),
        (Some(line), Some(column)),
        "wrong place for {needle:?}: {found}"
    );
    assert!(
        found
            .to_string()
            .starts_with(&format!("m.yaml:{line}:{column}: error: "))
    );
}

fn list(problems: &[Problem]) -> String {
    problems.iter().fold(String::new(), |mut out, p| {
        let _ = writeln!(out, "{p}");
        out
    })
}

const HEAD: &str = "version: 1\nmeta: { title: T, as_of: 2025-01-01 }\n";

#[test]
fn syntax_error_has_position() {
    let p = problems("version: 1\nmeta: { title: T\n  as_of: [\n");
    assert_eq!(p.len(), 1);
    assert!(p[0].message.starts_with("YAML syntax"), "{}", p[0]);
    assert!(p[0].line.is_some());
}

#[test]
fn type_error_has_position_and_path() {
    let text = format!(
        "{HEAD}countries: {{ AU: Australia }}\nfirms:\n  - id: a\n    name: A\n    hq: AU\n    summary: [1, 2]\n"
    );
    let p = problems(&text);
    assert_at(&p, "invalid type", 8, 14);
    assert_eq!(p[0].path, "firms[0].summary");
}

#[test]
fn unknown_field_is_reported_where_it_is() {
    let p = problems(&format!(
        "{HEAD}stages:\n  - id: mining\n    name: Mining\n    colour: red\n"
    ));
    assert_at(&p, "unknown field `colour`", 6, 5);
}

#[test]
fn duplicate_keys_are_caught_even_in_maps() {
    let p = problems(&format!(
        "{HEAD}countries:\n  CN: China\n  US: United States\n  CN: Chine\nstages:\n  - {{ id: Mining, name: M }}\n"
    ));
    assert_at(&p, "duplicate key `CN`", 6, 3);
    // The rest of the file is still checked in the same pass.
    assert_at(&p, "id `Mining` must be lowercase", 8, 11);
    let p = problems(&format!(
        "{HEAD}stages:\n  - id: mining\n    name: Mining\n    name: Mine\n"
    ));
    assert_at(&p, "duplicate key `name`", 6, 5);
}

#[test]
fn semantic_problems_are_all_reported_at_once() {
    let text = [
        HEAD,
        "sources:\n  s1: { publisher: P, title: T, year: 2025 }\n",
        "countries: { CN: China, US: United States }\n",
        "stages:\n  - id: mining\n    name: Mining\n    shares:\n",
        "      - { metric: m, source: s1, countries: { CN: 80, US: 30 } }\n",
        "firms:\n  - id: a\n    name: A\n    hq: CH\n    summary: s\n    facilities:\n",
        "      - id: a-mine\n        name: M\n        country: US\n        stages: [minig]\n",
        "        status: operating\n        capacity: { value: 10, unit: t }\n",
        "  - id: a\n    name: A2\n    hq: US\n    summary: s\n",
        "events:\n  - { date: 2025-02-30, title: E, source: s2 }\n",
    ]
    .concat();
    let p = problems(&text);
    assert_at(&p, "shares add up to 110.0%", 10, 45);
    assert_at(&p, "unknown country `CH`; did you mean `CN`?", 14, 9);
    assert_at(&p, "unknown stage `minig`; did you mean `mining`?", 20, 18);
    assert_at(&p, "no source", 22, 19);
    assert_at(&p, "duplicate firm id `a`", 23, 9);
    assert_at(&p, "month 2 of 2025 has 28 days", 28, 13);
    assert_at(&p, "unknown source `s2`; did you mean `s1`?", 28, 43);
    assert_eq!(p.len(), 7, "{}", list(&p));
}

#[test]
fn unknown_share_country_points_at_the_key() {
    let text = format!(
        "{HEAD}sources: {{ s1: {{ publisher: P, title: T, year: 2025 }} }}\ncountries: {{ CN: China }}\n\
stages:\n  - id: mining\n    name: Mining\n    shares:\n      - metric: m\n        source: s1\n        countries:\n          CN: 50\n          CH: 10\n"
    );
    let p = problems(&text);
    assert_at(&p, "unknown country `CH`; did you mean `CN`?", 13, 11);
    assert_eq!(p[0].path, "stages[0].shares[0].countries.CH");
}

#[test]
fn quantity_shares_need_a_total_and_stay_under_it() {
    let base = format!(
        "{HEAD}sources: {{ s1: {{ publisher: P, title: T, year: 2025 }} }}\ncountries: {{ CN: China }}\nstages:\n  - id: mining\n    name: Mining\n    shares:\n"
    );
    let p = problems(&format!(
        "{base}      - {{ metric: m, source: s1, unit: t, countries: {{ CN: 5 }} }}\n"
    ));
    assert!(
        p[0].message.contains("need the world `total`"),
        "{}",
        list(&p)
    );
    let p = problems(&format!(
        "{base}      - {{ metric: m, source: s1, unit: t, total: 4, countries: {{ CN: 5 }} }}\n"
    ));
    assert!(p[0].message.contains("more than the total"), "{}", list(&p));
    // A world total rounded to 390,000 covers listed figures up to 395,000.
    let rounded = |sum: u32| {
        format!(
            "{base}      - {{ metric: m, source: s1, unit: t, total: 390000, countries: {{ CN: {sum} }} }}\n"
        )
    };
    assert!(load_text(&rounded(392_850), origin()).is_ok());
    assert!(
        problems(&rounded(395_001))[0]
            .message
            .contains("more than the total")
    );
}

#[test]
fn negative_and_non_finite_numbers() {
    let text = [
        HEAD,
        "sources: { s1: { publisher: P, title: T, year: 2025 } }\ncountries: { CN: China }\n",
        "stages:\n  - { id: mining, name: Mining }\n",
        "firms:\n  - id: a\n    name: A\n    hq: CN\n    summary: s\n    facilities:\n",
        "      - id: x\n        name: X\n        country: CN\n        stages: [mining]\n        status: operating\n",
        "        capacity: { value: -5, unit: t, source: s1 }\n        figures:\n",
        "          - { value: .nan, unit: t, source: s1 }\n          - { value: .inf, unit: t, source: s1 }\n",
    ]
    .concat();
    let p = problems(&text);
    assert_at(&p, "-5 is negative", 18, 28);
    assert_at(&p, "NaN is not a finite number", 20, 22);
    assert_at(&p, "inf is not a finite number", 21, 22);
}

#[test]
fn control_characters_in_strings_are_refused() {
    let text = format!("{HEAD}countries: {{ CN: \"Chi\\ena\" , US: \"A\\u202Eb\" }}\n");
    let p = problems(&text);
    assert_at(&p, "U+001B", 3, 18);
    assert_at(&p, "U+202E", 3, 34);
}

#[test]
fn empty_names_are_errors_and_nameless_countries_warnings() {
    let p = problems(&format!(
        "{HEAD}stages:\n  - {{ id: mining, name: \"  \" }}\n"
    ));
    assert_at(&p, "must not be empty", 4, 25);
    let model = load_text(&format!("{HEAD}countries: {{ XK: \"\" }}\n"), origin())
        .expect("warnings do not block");
    assert_eq!(model.countries()[0].name, "XK");
    assert_eq!(model.warnings().len(), 1);
}

#[test]
fn empty_file_scalar_and_list_at_top_level() {
    for (text, needle) in [
        ("", "empty"),
        ("  \n# only a comment\n", "only comments"),
        ("just text", "top level must be a mapping"),
        ("- a\n- b\n", "top level must be a mapping"),
        ("version: 1\n", "missing field `meta`"),
        ("meta: { title: T, as_of: 2025 }\n", "no `version`"),
    ] {
        let p = problems(text);
        assert!(p[0].message.contains(needle), "{text:?}: {}", list(&p));
    }
}

#[test]
fn unknown_version() {
    let p = problems("version: 7\nmeta: { title: T, as_of: 2025 }\n");
    assert_at(&p, "unknown version 7", 1, 10);
}

#[test]
fn several_documents_are_refused() {
    let p = problems(&format!("{HEAD}---\n{HEAD}"));
    assert!(p[0].message.contains("one YAML document"), "{}", list(&p));
}

#[test]
fn alias_bomb_is_refused_quickly() {
    let mut text = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (i, name) in ["b", "c", "d", "e", "f", "g", "h", "i"].iter().enumerate() {
        let prev = ["a", "b", "c", "d", "e", "f", "g", "h"][i];
        let _ = writeln!(
            text,
            "{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]"
        );
    }
    let started = std::time::Instant::now();
    let p = problems(&text);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(1),
        "took {:?}",
        started.elapsed()
    );
    // The scan measures the expansion before the YAML library tries it, so the bomb is named
    // where it goes off rather than lost behind the unknown field `a`.
    assert!(p[0].message.contains("aliases expand"), "{}", list(&p));
    assert!(p[0].line.is_some(), "{}", list(&p));
}

#[test]
fn plain_aliases_are_expanded() {
    let text = format!(
        "{HEAD}countries: {{ AA: &name Aland }}\nfirms:\n  - {{ id: f, name: *name, hq: AA, summary: *name, aliases: [*name] }}\n"
    );
    let model = load_text(&text, origin()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(model.firms()[0].name, "Aland");
    assert_eq!(model.firms()[0].aliases, vec!["Aland".to_string()]);
}

#[test]
fn deep_nesting_is_refused_without_overflow() {
    let depth = 100_000;
    let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let p = problems(&text);
    assert!(p[0].message.contains("nesting"), "{}", list(&p));
    let block: String = (0..depth).fold(String::new(), |mut block, i| {
        let _ = writeln!(block, "{}- ", "  ".repeat(i.min(200)));
        block
    });
    let _ = load_text(&block, origin());
}

#[test]
fn file_level_errors() {
    let dir = tempfile::tempdir().unwrap();
    let missing = load::load(&Origin::File(dir.path().join("nope.yaml"))).unwrap_err();
    assert!(missing.unreadable && missing.problems[0].message.contains("no such file"));
    let is_dir = load::load(&Origin::File(dir.path().to_owned())).unwrap_err();
    assert!(is_dir.unreadable && is_dir.problems[0].message.contains("directory"));

    let huge = dir.path().join("huge.yaml");
    let f = std::fs::File::create(&huge).unwrap();
    f.set_len(100 * 1024 * 1024).unwrap();
    let too_big = load::load(&Origin::File(huge)).unwrap_err();
    assert!(
        too_big.unreadable && too_big.problems[0].message.contains("limited to 64 MiB"),
        "{too_big}"
    );

    let latin1 = dir.path().join("latin1.yaml");
    std::fs::write(
        &latin1,
        b"version: 1\nmeta: { title: Caf\xe9, as_of: 2025 }\n",
    )
    .unwrap();
    let not_utf8 = load::load(&Origin::File(latin1)).unwrap_err();
    assert!(!not_utf8.unreadable);
    let p = &not_utf8.problems[0];
    assert_eq!((p.line, p.column), (Some(2), Some(19)), "{p}");
}

#[test]
fn event_ids_are_unique_across_every_kind() {
    let text = [
        HEAD,
        "sources:\n  s1: { publisher: P, title: T, year: 2025 }\n",
        "events:\n",
        "  - id: e1\n    date: 2025\n    title: A\n    source: s1\n",
        "  - id: e1\n    date: 2025\n    title: B\n    source: s1\n",
        "  - id: s1\n    date: 2025\n    title: C\n    source: s1\n",
        "  - id: Bad Id\n    date: 2025\n    title: D\n    source: s1\n",
    ]
    .concat();
    let p = problems(&text);
    assert_at(
        &p,
        "duplicate event id `e1`, first used at m.yaml:6:9",
        10,
        9,
    );
    assert_at(
        &p,
        "id `s1` is already used by the source at m.yaml:4:3",
        14,
        9,
    );
    assert_at(&p, "Bad Id", 18, 9);
    assert_eq!(p.len(), 3, "{}", list(&p));
}

#[test]
fn events_without_ids_get_unique_ones_that_name_their_date() {
    let text = [
        HEAD,
        "sources:\n  s1: { publisher: P, title: T, year: 2025 }\n",
        "events:\n",
        "  - { date: 2025-12-12, title: Pax Silica Declaration, source: s1 }\n",
        "  - { date: 2025-12-12, title: Pax Silica Declaration, source: s1 }\n",
        "  - { id: 2025-12-12-pax-silica-declaration-2, date: 2025, title: X, source: s1 }\n",
    ]
    .concat();
    let m = load_text(&text, origin()).expect("valid");
    let ids: Vec<&str> = m.events().iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "2025-12-12-pax-silica-declaration",
            "2025-12-12-pax-silica-declaration-3",
            "2025-12-12-pax-silica-declaration-2",
        ]
    );
    for (i, id) in m.event_ids().zip(&ids) {
        assert_eq!(m.lookup(id), Some(rechain::model::EntityRef::Event(i)));
    }
}
