//! Links have a lifecycle: one that was suspended or ended says so on both cards, carries no
//! route after its end, and holds as before when the model is read as of an earlier date.

use std::path::PathBuf;

use rechain::analysis::ownership::ExcludeBy;
use rechain::analysis::routes::{RouteQuery, StatusFilter, find_routes};
use rechain::model::{EntityRef, LinkStatus, Model, Origin, load};
use rechain::present::card::card;

use crate::common::cli::{rechain_in, text};

fn fixture_text() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/routes.yaml");
    std::fs::read_to_string(path).unwrap()
}

/// The routes fixture with the Chinese chain's first supply link ended on 2025-06-30, its
/// figures published in 2020 so that its plants' undated statuses hold in 2025.
fn with_ended_link() -> Model {
    let text = fixture_text()
        .replacen("    year: 2026\n", "    year: 2020\n", 1)
        .replace(
        "{ from: cn-mine, to: cn-separator, kind: supplies, what: concentrate, source: fixture }",
        "{ from: cn-mine, to: cn-separator, kind: supplies, what: concentrate, date: 2020, \
         end: 2025-06-30, status: ended, source: fixture }",
    );
    load::load_text(&text, Origin::Embedded).expect("valid")
}

fn recorded_routes(m: &Model) -> Vec<Vec<String>> {
    let q = RouteQuery {
        excluded: std::collections::BTreeSet::default(),
        by: ExcludeBy::default(),
        status: StatusFilter::Operating,
    };
    find_routes(m, &q)
        .routes
        .iter()
        .filter(|r| r.hops.iter().all(|h| h.via.as_str() != "stage order"))
        .map(|r| r.facilities().map(|x| m.facility(x).id.clone()).collect())
        .collect()
}

#[test]
fn an_ended_link_carries_no_route_after_its_end_and_did_before() {
    let m = with_ended_link();
    let chinese = vec![
        "cn-mine".to_owned(),
        "cn-separator".to_owned(),
        "cn-magnet-plant".to_owned(),
    ];
    assert!(!recorded_routes(&m).contains(&chinese), "ended");
    let before = m.as_of("2025-03".parse().unwrap());
    assert!(
        recorded_routes(&before).contains(&chinese),
        "still held then"
    );
    let link = before
        .links()
        .iter()
        .find(|l| l.what.as_deref() == Some("concentrate"))
        .unwrap();
    assert_eq!(link.status, LinkStatus::Active);
}

#[test]
fn both_cards_say_the_link_ended() {
    let m = with_ended_link();
    for id in ["cn-mine", "cn-separator"] {
        let entity = m.lookup(id).unwrap();
        assert!(matches!(entity, EntityRef::Facility(_)));
        let shown = card(&m, entity).to_plain_text();
        assert!(shown.contains("ended 2025-06-30"), "{id}: {shown}");
    }
}

#[test]
fn an_end_is_dated_after_the_start_and_an_ended_link_has_an_end() {
    let bad = fixture_text().replace(
        "{ from: cn-mine, to: cn-separator, kind: supplies, what: concentrate, source: fixture }",
        "{ from: cn-mine, to: cn-separator, kind: supplies, what: concentrate, date: 2024, \
         end: 2023-01, source: fixture }",
    );
    let e = load::load_text(&bad, Origin::Embedded).expect_err("ends before it began");
    assert!(
        e.problems[0]
            .to_string()
            .contains("the link ends on 2023-01, before it began on 2024"),
        "{:?}",
        e.problems
    );
    let undated = fixture_text().replace(
        "{ from: cn-mine, to: cn-separator, kind: supplies, what: concentrate, source: fixture }",
        "{ from: cn-mine, to: cn-separator, kind: supplies, what: concentrate, status: suspended, \
         source: fixture }",
    );
    let e = load::load_text(&undated, Origin::Embedded).expect_err("no end");
    assert!(
        e.problems[0].to_string().contains("add `end: DATE`"),
        "{:?}",
        e.problems
    );
}

#[test]
fn mp_to_shenghe_shows_as_ended_on_both_cards_and_not_before_its_end() {
    let dir = tempfile::tempdir().unwrap();
    for id in ["mp-mountain-pass", "shenghe"] {
        let out = text(&rechain_in(dir.path(), &["-q", "show", id]).stdout);
        let line = out
            .lines()
            .find(|l| l.contains("offtake"))
            .unwrap_or_default();
        assert!(line.contains("ended 2025-04-17"), "{id}: {out}");
        let then = text(&rechain_in(dir.path(), &["-q", "--as-of", "2025-03", "show", id]).stdout);
        let line = then
            .lines()
            .find(|l| l.contains("offtake"))
            .unwrap_or_default();
        assert!(!line.contains("ended"), "{id} as of 2025-03: {then}");
    }
    let json = text(
        &rechain_in(
            dir.path(),
            &["-q", "show", "mp-mountain-pass", "--format", "json"],
        )
        .stdout,
    );
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let links = json["links"].as_array().unwrap();
    assert!(
        links
            .iter()
            .any(|l| l["status"] == "ended" && l["end"] == "2025-04-17"),
        "{links:?}"
    );
}
