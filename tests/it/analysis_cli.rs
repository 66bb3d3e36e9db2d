//! `rechain shares` and `rechain routes` as a user runs them, on tests/fixtures/routes.yaml.

use std::process::{Command, Output};

use serde_json::Value;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/routes.yaml");

fn rechain(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rechain"))
        .args(args)
        .args(["-f", FIXTURE])
        .env("NO_COLOR", "1")
        .output()
        .expect("run rechain")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn json(out: &Output) -> Value {
    assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

#[test]
fn shares_json_lists_blocks_with_top3_hhi_and_remaining() {
    let out = rechain(&[
        "shares",
        "mining",
        "--year",
        "2025",
        "--exclude",
        "CN,US",
        "--format",
        "json",
    ]);
    let blocks = json(&out);
    let blocks = blocks.as_array().expect("a list");
    assert_eq!(blocks.len(), 1);
    let b = &blocks[0];
    assert_eq!(b["stage"], "mining");
    assert_eq!(b["year"], 2025);
    assert_eq!(b["metric"], "mine production");
    assert_eq!(b["source"], "fixture");
    assert_eq!(b["unit"], "t REO");
    assert_eq!(b["countries"]["CN"], 70.0);
    assert_eq!(b["countries"]["AU"], 5.0);
    assert_eq!(b["top3"], 85.0);
    assert_eq!(b["hhi"], 5025.0);
    assert_eq!(b["unreported"], 15.0);
    assert_eq!(b["remaining"], 20.0);
    // Largest first, as in the model (serde_json's map sorts keys, so read the text).
    let text = stdout(&out);
    let at = |code: &str| text.find(&format!("\"{code}\": ")).expect(code);
    assert!(at("CN") < at("US") && at("US") < at("AU"), "{text}");
}

#[test]
fn shares_json_without_exclude_has_no_remaining() {
    let blocks = json(&rechain(&["shares", "--format", "json"]));
    let blocks = blocks.as_array().unwrap();
    // mining twice, separation, metal, magnets; concentration and recycling have no data.
    let stages: Vec<&str> = blocks
        .iter()
        .map(|b| b["stage"].as_str().unwrap())
        .collect();
    assert_eq!(
        stages,
        ["mining", "mining", "separation", "metal", "magnets"]
    );
    assert!(blocks.iter().all(|b| b.get("remaining").is_none()));
    assert_eq!(blocks[2]["hhi"], 8129.0);
}

#[test]
fn shares_text_says_no_data_and_other_unreported() {
    let out = rechain(&["shares", "--exclude", "CN"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.contains("Concentration: no data\n"), "{text}");
    assert!(!text.contains("Concentration · "), "{text}");
    assert!(
        text.contains(
            "top-1 CN 70% · top-3 85% · HHI 5,025 (highly concentrated) · other / unreported 15%"
        ),
        "{text}"
    );
    assert!(text.contains("ex-CN 30% left"), "{text}");
    assert!(text.contains("ex-CN 10% left"), "separation: {text}");
}

#[test]
fn shares_for_a_missing_year_or_stage() {
    let out = rechain(&["shares", "mining", "--year", "2020"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "");
    assert!(
        stderr(&out).contains("rechain: Mining: no data for 2020 (has 2025, 2023)\n"),
        "{}",
        stderr(&out)
    );

    let out = rechain(&["shares", "metl"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("unknown stage `metl`; did you mean `metal`?"));
}

#[test]
fn unknown_country_names_the_near_miss() {
    for verb in ["shares", "routes"] {
        let out = rechain(&[verb, "--exclude", "CH"]);
        assert_eq!(out.status.code(), Some(1), "{verb}");
        assert!(
            stderr(&out).contains("--exclude: `CH`: did you mean `CN`?"),
            "{verb}: {}",
            stderr(&out)
        );
        assert_eq!(stdout(&out), "", "{verb}");
    }
}

#[test]
fn routes_json_without_china() {
    let out = rechain(&["routes", "--exclude", "CN", "--format", "json"]);
    let report = json(&out);
    let routes = report["routes"].as_array().expect("a list");
    assert_eq!(routes.len(), 3);
    for r in routes {
        let countries = r["countries"].as_array().unwrap();
        assert!(!countries.iter().any(|c| c == "CN"), "{r}");
        assert_eq!(
            r["hops"].as_array().unwrap().len() + 1,
            r["facilities"].as_array().unwrap().len()
        );
    }
    let best = &routes[0];
    assert_eq!(
        best["facilities"],
        serde_json::json!(["au-mine", "my-separator", "jp-metal", "jp-magnet-plant"])
    );
    assert_eq!(best["countries"], serde_json::json!(["AU", "MY", "JP"]));
    assert_eq!(best["hops"][0]["via"], "link");
    assert_eq!(best["hops"][0]["link"]["what"], "concentrate");
    assert_eq!(best["hops"][1]["link"]["from"], "southern");
    assert_eq!(best["hops"][2]["via"], "same firm");
    // Capacities in three units: no bottleneck, and why.
    assert_eq!(best["bottleneck"]["facility"], serde_json::Value::Null);
    assert_eq!(best["bottleneck"]["value"], serde_json::Value::Null);
    assert_eq!(best["bottleneck"]["comparable"], false);
    assert_eq!(
        best["bottleneck"]["units"],
        serde_json::json!(["t REO/yr", "t oxide/yr", "t NdFeB/yr"])
    );
    assert_eq!(
        best["bottleneck"]["without_capacity"],
        serde_json::json!(["jp-metal"])
    );
    assert_eq!(
        best["steps"][0]["stages"],
        serde_json::json!(["mining", "concentration"])
    );
    assert!(stderr(&out).contains("3 routes from Mining to Magnets"));
    // Routes that need a stage-order hop say so.
    assert!(routes[1..].iter().all(|r| {
        r["hops"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["via"] == "stage order")
    }));
}

#[test]
fn routes_broken_by_exclusion_say_where_and_why() {
    let out = rechain(&["routes", "--exclude", "CN,JP"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.starts_with("no route from Mining to Magnets"),
        "{text}"
    );
    assert!(
        text.contains(
            "Metal & alloy: none of its 4 facilities is left: 2 excluded (CN 1, JP 1); \
             2 not admitted by status (1 construction, 1 announced)"
        ),
        "{text}"
    );
    assert!(
        text.contains("Magnets: none of its 3 facilities is left"),
        "{text}"
    );

    let out = rechain(&["routes", "--exclude", "CN,JP", "--format", "json"]);
    let report = json(&out);
    assert_eq!(report["routes"], serde_json::json!([]));
    assert_eq!(report["total"], 0);
    assert!(
        report["breaks"][0]
            .as_str()
            .unwrap()
            .contains("Metal & alloy")
    );
    assert!(stderr(&out).contains("Metal & alloy: none of its 4 facilities"));
}

#[test]
fn routes_with_planned_plants() {
    let out = rechain(&[
        "routes",
        "--exclude",
        "CN,JP",
        "--status",
        "all",
        "--format",
        "json",
    ]);
    let report = json(&out);
    let routes = report["routes"].as_array().unwrap();
    assert_eq!(routes.len(), 6);
    for r in routes {
        assert!(
            r["not_producing"]
                .as_array()
                .unwrap()
                .contains(&"us-magnet-plant".into())
        );
    }
    assert_eq!(
        routes[0]["facilities"],
        serde_json::json!(["us-mine", "us-magnet-plant"])
    );
    let text = stdout(&rechain(&[
        "routes",
        "--exclude",
        "CN,JP",
        "--status",
        "all",
    ]));
    assert!(text.contains("announced"), "{text}");
    assert!(text.contains("1 not producing yet"), "{text}");
}

#[test]
fn routes_limit_and_ends() {
    let out = rechain(&["routes", "--limit", "2", "--format", "json"]);
    assert_eq!(json(&out)["routes"].as_array().unwrap().len(), 2);
    assert!(
        stderr(&out).contains("24 routes from Mining to Magnets"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("best 2 shown"));

    let out = rechain(&[
        "routes",
        "--from",
        "separation",
        "--to",
        "Metal & alloy",
        "--format",
        "json",
    ]);
    let report = json(&out);
    let routes = &report["routes"];
    assert_eq!(routes.as_array().unwrap().len(), 5);
    assert_eq!(routes[0]["facilities"], serde_json::json!(["cn-separator"]));

    let out = rechain(&["routes", "--to", "magnet"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--to: unknown stage `magnet`; did you mean `magnets`?"));
}

#[test]
fn routes_text_names_each_hop() {
    let out = rechain(&["routes", "--limit", "3"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.starts_with(
            "24 routes from Mining to Magnets (operating or ramping facilities only): 2 recorded, 22 possible, best 3 shown\n"
        ),
        "{text}"
    );
    assert!(text.contains("\n\n1. CN · recorded · 2 hops"), "{text}");
    assert!(text.contains("Eastern separator · CN · Eastern Refining · id cn-separator"));
    assert!(
        text.contains("↓ link: Northern mine supplies Eastern separator (concentrate) [fixture]"),
        "{text}"
    );
    assert!(text.contains("↓ same firm"), "{text}");
    assert!(text.contains("↓ stage order (no link recorded)"), "{text}");
    assert!(
        text.contains("bottleneck not comparable: units differ (t REO/yr, t oxide/yr, t NdFeB/yr)"),
        "{text}"
    );
}
