//! `rechain search` and `rechain show` as a person runs them.

use std::process::{Command, Output};

fn rechain(args: &[&str]) -> Output {
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/search.yaml");
    Command::new(env!("CARGO_BIN_EXE_rechain"))
        .args(args)
        .args(["-f", fixture])
        .output()
        .expect("rechain runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn search_prints_ranked_hits_with_kind_id_and_name() {
    let out = rechain(&["search", "korea zink"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let first = text.lines().next().expect("a hit");
    assert!(first.starts_with("firm"), "{text}");
    assert!(
        first.contains("korea-zinc") && first.contains("Korea Zinc"),
        "{text}"
    );
}

#[test]
fn search_says_which_field_matched_when_it_is_not_the_name() {
    let out = rechain(&["search", "信越", "--limit", "1"]);
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.contains("shin-etsu"), "{text}");
    assert!(text.contains("(alias: 信越化学工業)"), "{text}");
}

#[test]
fn search_json_has_ids_and_positions() {
    let out = rechain(&["search", "lyans", "--format", "json", "--limit", "3"]);
    assert_eq!(out.status.code(), Some(0));
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let hits = hits.as_array().expect("an array");
    assert!(hits.len() <= 3 && !hits.is_empty());
    assert_eq!(hits[0]["id"], "lynas");
    assert_eq!(hits[0]["kind"], "firm");
    assert_eq!(hits[0]["name"], "Lynas Rare Earths");
    assert_eq!(hits[0]["quality"], "typo");
    assert!(hits[0]["line"].as_u64().unwrap() > 0);
    assert_eq!(hits[0]["positions"], serde_json::json!([0, 1, 2, 3, 4]));
}

#[test]
fn search_kind_keeps_one_kind() {
    let out = rechain(&["search", "korea", "--kind", "country"]);
    let text = stdout(&out);
    assert!(text.lines().all(|l| l.starts_with("country")), "{text}");
    assert!(text.contains("South Korea"), "{text}");
}

#[test]
fn search_with_no_match_exits_1() {
    let out = rechain(&["search", "qqqqxxxxzzzz"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing matches"));
}

#[test]
fn search_survives_hostile_queries() {
    let huge = "x".repeat(10_000);
    for query in [huge.as_str(), ".*[", "\u{1b}[2J", ""] {
        let out = rechain(&["search", query, "--limit", "5"]);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{query:?}: {out:?}"
        );
    }
    let out = rechain(&["search", "", "--limit", "2"]);
    assert_eq!(stdout(&out).lines().count(), 2);
}

#[test]
fn show_by_exact_id_prints_the_card() {
    let out = rechain(&["show", "lynas"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert_eq!(text.lines().next(), Some("Lynas Rare Earths"), "{text}");
    assert!(text.contains("Mt Weld"), "{text}");
}

#[test]
fn show_resolves_names_typos_and_cjk_by_search() {
    for (name, title) in [
        ("LYNAS", "Lynas Rare Earths"),
        ("korea zink", "Korea Zinc"),
        ("realoys", "REalloys"),
        ("信越化学工業", "Shin-Etsu Chemical"),
        ("sillamae", "NPM Silmet"),
        (
            "2025-12-15-korea-zinc-plans-us",
            "Korea Zinc plans a US refinery and magnet recycling venture",
        ),
    ] {
        let out = rechain(&["show", name]);
        assert_eq!(out.status.code(), Some(0), "{name}: {out:?}");
        assert_eq!(stdout(&out).lines().next(), Some(title), "{name}");
    }
}

#[test]
fn show_lists_candidates_when_ambiguous() {
    let out = rechain(&["show", "rare"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("matches several entities"), "{err}");
    assert!(
        err.contains("lynas") && err.contains("china-northern"),
        "{err}"
    );

    let out = rechain(&["show", "rare", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(value["error"], "ambiguous");
    assert!(value["candidates"].as_array().unwrap().len() >= 2);
}

#[test]
fn show_unknown_name_exits_1() {
    let out = rechain(&["show", "qqqqxxxxzzzz"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing matches"));
}

#[test]
fn show_json_has_kind_id_name_line_and_fields() {
    let out = rechain(&["show", "Korea Zinc", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(value["kind"], "firm");
    assert_eq!(value["id"], "korea-zinc");
    assert_eq!(value["name"], "Korea Zinc");
    assert!(value["line"].as_u64().unwrap() > 0);
    assert!(
        !value["facilities"]
            .as_array()
            .expect("facility ids")
            .is_empty()
    );
}
