//! `--format md|csv|json` on the verbs that print what they find: JSON is structured fields
//! with stable names, Markdown ends with a numbered source list, CSV is a header and rows.

use std::process::{Command, Output};

use serde_json::Value;

use crate::common::cli::csv_rows;

fn rechain(args: &[&str]) -> Output {
    let model = concat!(env!("CARGO_MANIFEST_DIR"), "/chain.yaml");
    Command::new(env!("CARGO_BIN_EXE_rechain"))
        .args(args)
        .args(["-f", model])
        .output()
        .expect("rechain runs")
}

fn stdout(args: &[&str]) -> String {
    let out = rechain(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&stdout(args)).expect("JSON")
}

fn keys(value: &Value) -> Vec<&str> {
    value
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect()
}

fn has_keys(value: &Value, wanted: &[&str]) {
    let present = keys(value);
    for key in wanted {
        assert!(present.contains(key), "no `{key}` in {present:?}");
    }
}

#[test]
fn show_json_is_the_entitys_fields() {
    let firm = json(&["show", "lynas", "--format", "json"]);
    assert_eq!(&keys(&firm)[..3], ["id", "kind", "name"]);
    has_keys(
        &firm,
        &[
            "hq",
            "stages",
            "facilities",
            "owners",
            "links",
            "events",
            "sources",
        ],
    );
    assert_eq!(firm["kind"], "firm");
    assert!(
        firm["facilities"]
            .as_array()
            .unwrap()
            .iter()
            .all(Value::is_string)
    );
    let source = &firm["sources"][0];
    has_keys(source, &["id", "publisher", "title", "date", "url"]);

    let facility = json(&["show", "lynas-kuantan", "--format", "json"]);
    assert_eq!(facility["kind"], "facility");
    has_keys(
        &facility,
        &[
            "status",
            "products",
            "capacity",
            "output",
            "figures",
            "owners",
            "lifecycle",
        ],
    );
    assert!(facility["status"].is_string());
    // A list: one entry per stage and product measured.
    has_keys(
        &facility["capacity"][0],
        &[
            "value", "max", "unit", "year", "source", "stage", "product", "basis",
        ],
    );
    assert!(facility["capacity"][0]["value"].is_number());

    let source = json(&["show", "iea-gcmo-2024", "--format", "json"]);
    assert_eq!(source["kind"], "source");
    has_keys(&source, &["publisher", "title", "date", "year", "url"]);
}

#[test]
fn list_json_is_an_array_of_objects() {
    for (what, kind) in [
        ("firms", "firm"),
        ("stages", "stage"),
        ("countries", "country"),
        ("sources", "source"),
        ("events", "event"),
        ("elements", "element"),
    ] {
        let items = json(&["list", what, "--format", "json"]);
        let items = items.as_array().expect("an array");
        assert!(!items.is_empty(), "{what}");
        for item in items {
            assert_eq!(item["kind"], kind, "{what}");
            assert!(item["id"].is_string(), "{what}");
        }
    }
    let events = json(&["list", "events", "--format", "json"]);
    has_keys(&events[0], &["date", "title", "parties", "source"]);
}

#[test]
fn search_shares_and_routes_json_have_named_fields() {
    let hits = json(&["search", "lynas", "--format", "json"]);
    has_keys(&hits[0], &["kind", "id", "name", "field", "text", "score"]);

    let blocks = json(&["shares", "separation", "--format", "json"]);
    has_keys(
        &blocks[0],
        &[
            "stage",
            "year",
            "metric",
            "source",
            "countries",
            "top3",
            "hhi",
        ],
    );
    assert!(blocks[0]["countries"].is_object());

    let report = json(&["routes", "--limit", "2", "--format", "json"]);
    has_keys(
        &report,
        &["total", "recorded", "possible", "caveats", "routes"],
    );
    let routes = &report["routes"];
    has_keys(
        &routes[0],
        &[
            "rank",
            "recorded",
            "facilities",
            "countries",
            "steps",
            "hops",
            "bottleneck",
        ],
    );
    has_keys(
        &routes[0]["steps"][0],
        &["facility", "firm", "country", "status"],
    );
}

#[test]
fn markdown_ends_with_numbered_sources_and_their_urls() {
    let md = stdout(&["show", "lynas", "--format", "md"]);
    assert!(md.starts_with("## Lynas"), "{md}");
    let sources = md.split("### Sources").nth(1).expect("a source list");
    assert!(sources.contains("\n1. ["), "{sources}");
    assert!(sources.contains("<https://"), "{sources}");
    assert_eq!(md.matches("### Sources").count(), 1, "{md}");

    for args in [
        &["shares", "separation", "--format", "md"][..],
        &["routes", "--limit", "2", "--format", "md"],
    ] {
        let md = stdout(args);
        assert!(md.contains("### Sources\n\n1. ["), "{args:?}: {md}");
    }
    let table = stdout(&["list", "stages", "--format", "md"]);
    assert!(
        table.contains("| id | name | size |\n| --- | --- | --- |\n"),
        "{table}"
    );
}

#[test]
fn csv_is_a_header_and_one_row_per_item() {
    let csv = stdout(&["list", "firms", "--format", "csv"]);
    let firms = json(&["list", "firms", "--format", "json"]);
    let header = csv.lines().next().unwrap();
    assert!(header.starts_with("id,kind,name,"), "{header}");
    assert!(!header.contains("sources"), "{header}");
    let rows = csv_rows(&csv);
    assert_eq!(rows.len(), firms.as_array().unwrap().len());
    assert!(
        rows.iter()
            .all(|row| row.len() == header.split(',').count())
    );

    let shares = stdout(&["shares", "separation", "--format", "csv"]);
    assert!(shares.starts_with("stage,year,metric,country,percent,source\n"));
    let routes = stdout(&["routes", "--limit", "2", "--format", "csv"]);
    assert_eq!(csv_rows(&routes).len(), 2);
    let hits = stdout(&["search", "lynas", "--format", "csv", "--limit", "3"]);
    assert_eq!(csv_rows(&hits).len(), 3);
}

#[test]
fn show_by_date_finds_events_and_never_another_kind() {
    // Three events share 2025-12-12, and a source id contains the date.
    let out = rechain(&["show", "2025-12-12", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let value: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(value["error"], "ambiguous");
    let candidates = value["candidates"].as_array().unwrap();
    assert!(candidates.len() >= 2);
    assert!(candidates.iter().all(|c| c["kind"] == "event"));

    let id = candidates[0]["id"].as_str().unwrap();
    let event = json(&["show", id, "--format", "json"]);
    assert_eq!(event["kind"], "event");
    assert_eq!(event["id"], id);
    assert_eq!(event["date"], "2025-12-12");

    let out = rechain(&["show", "1999-01-01"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
}

#[test]
fn every_event_id_is_unique() {
    let events = json(&["list", "events", "--format", "json"]);
    let mut ids: Vec<&str> = events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count);
}

#[test]
fn listed_event_ids_show_their_event() {
    let list = stdout(&["list", "events"]);
    let id = list.split_whitespace().next().unwrap();
    let event = json(&["show", id, "--format", "json"]);
    assert_eq!(event["kind"], "event");
    assert_eq!(event["id"], id);
}
