//! `rechain balance` on the hand-worked fixture (figures in src/analysis/balance/tests.rs) and
//! on the built-in model.

use rechain::model::{Origin, load};
use rechain::tui::app::App;
use rechain::tui::command::Command;
use rechain::tui::msg::Msg;
use rechain::tui::theme::Theme;
use serde_json::Value;

use crate::common::cli::{rechain_in, text};
use crate::common::{screen, send};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/balance.yaml");

fn json(args: &[&str]) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let mut all = vec!["-q", "balance"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let out = rechain_in(dir.path(), &all);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_first_bottleneck_and_the_slip_that_moves_it_are_reported() {
    let v = json(&["-f", FIXTURE, "--years", "2026..2030"]);
    let neck = &v["bottlenecks"][0];
    assert_eq!(neck["scenario"], "S1");
    assert_eq!(neck["stage"], "separation");
    assert_eq!(neck["year"], 2028);
    assert_eq!(neck["slip"]["facility"], "c");
    let without_china = json(&["-f", FIXTURE, "--years", "2026..2030", "--exclude", "CN"]);
    assert_eq!(without_china["bottlenecks"][0]["year"], 2026);
    let metal = &without_china["stages"][1];
    // E at separation gives no capacity: the feed is not known, and the reason says why.
    assert_eq!(metal["years"][0]["feed_limited"], Value::Null);
    assert!(
        metal["feed"]["unknown"]
            .as_str()
            .is_some_and(|why| why.contains("sums 3 of 4 plants")),
        "{metal}"
    );
    let known = json(&["-f", FIXTURE, "--years", "2026..2030", "--exclude", "CN,MY"]);
    assert_eq!(known["stages"][1]["years"][0]["feed_limited"], 850.0);
    // A refusal names the series' basis, which says what its bare unit counts.
    let refused = metal["demand"][0]["refused"].as_str().unwrap();
    assert!(
        refused.contains("no conversion") && refused.contains("the series counts: magnets"),
        "{refused}"
    );
    // Asked for metal & alloy alone: its feed still comes from separation, and separation's
    // shortfall is not its bottleneck.
    let metal_only = json(&[
        "-f",
        FIXTURE,
        "--years",
        "2026..2030",
        "--exclude",
        "CN,MY",
        "metal-alloy",
    ]);
    assert_eq!(metal_only["stages"][0]["years"][0]["feed_limited"], 850.0);
    assert_eq!(metal_only["bottlenecks"].as_array().unwrap().len(), 0);
    assert_eq!(neck["region"], "World");
}

#[test]
fn assumptions_are_printed_and_can_be_changed() {
    let dir = tempfile::tempdir().unwrap();
    let out = rechain_in(
        dir.path(),
        &["-q", "balance", "-f", FIXTURE, "--width", "200"],
    );
    let shown = text(&out.stdout);
    for expected in [
        "--weights commissioning=0.9,construction=0.75",
        "--ramp 0.33,0.67,1",
        "--utilisation 0.85",
        "Basis: Lynas",
    ] {
        assert!(shown.contains(expected), "{expected}: {shown}");
    }
    // Full utilisation and no ramp: A and B run at nameplate.
    let v = json(&[
        "-f",
        FIXTURE,
        "--years",
        "2026",
        "--utilisation",
        "1",
        "--ramp",
        "1",
    ]);
    assert_eq!(v["stages"][0]["years"][0]["ramped"], 4_000.0);
    let refused = rechain_in(
        dir.path(),
        &["-q", "balance", "-f", FIXTURE, "--utilisation", "1.5"],
    );
    assert_eq!(refused.status.code(), Some(1));
    assert!(text(&refused.stderr).contains("utilisation"));
}

#[test]
fn the_built_in_model_answers_for_each_stage_and_scenario_or_says_why_not() {
    let v = json(&[
        "--exclude",
        "CN",
        "--by",
        "either",
        "separation",
        "metal-alloy",
        "magnets",
    ]);
    let stages = v["stages"].as_array().unwrap();
    assert_eq!(stages.len(), 3);
    let mut series = 0;
    for stage in stages {
        for d in stage["demand"].as_array().unwrap() {
            series += 1;
            assert!(d["source"].as_str().is_some_and(|s| !s.is_empty()), "{d}");
            // Either the first covered year (possibly null: never) or the reason it cannot be compared.
            assert!(
                d.get("first_covered").is_some() || d["refused"].is_string(),
                "{d}"
            );
        }
    }
    assert!(series >= 3, "{v}");
}

#[test]
fn the_built_in_model_sets_magnets_against_a_published_magnet_demand_and_says_what_it_sums() {
    let dir = tempfile::tempdir().unwrap();
    let out = text(
        &rechain_in(
            dir.path(),
            &["balance", "magnets", "--exclude", "CN", "--by", "either"],
        )
        .stdout,
    );
    let line = out
        .lines()
        .find(|l| l.starts_with("Lynas forecast (2022) (World): Magnets in 2030"))
        .unwrap_or_else(|| panic!("no magnets bottleneck against Lynas's forecast: {out}"));
    assert!(
        line.contains("of demand 265,000 t NdFeB magnets/yr"),
        "{line}"
    );
    assert!(line.contains("supply sums "), "{line}");
    assert!(line.contains(" publish no capacity"), "{line}");
    assert!(line.ends_with("[lynas-qr-2022-06]"), "{line}");
    let v = json(&["--exclude", "CN", "--by", "either", "magnets"]);
    let compared: Vec<&Value> = v["stages"][0]["demand"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["source"] == "lynas-qr-2022-06" && d["refused"].is_null())
        .collect();
    assert_eq!(compared.len(), 2, "{v}");
}

#[test]
fn the_built_in_model_caps_no_stage_by_an_input_it_only_partly_knows() {
    let v = json(&["--exclude", "CN", "--by", "either", "--years", "2030"]);
    let stage = |id: &str| {
        v["stages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["stage"] == id)
            .unwrap()
            .clone()
    };
    // Most plants before metal & alloy and magnets publish no capacity: a cap read off the
    // few that do would hold the stage to them, so the feed is not known and says why.
    for (id, input) in [("metal-alloy", "Separation"), ("magnets", "Metal & alloy")] {
        let st = stage(id);
        assert_eq!(st["years"][0]["feed_limited"], Value::Null, "{id}: {st}");
        let why = st["feed"]["unknown"].as_str().unwrap_or_default();
        assert!(
            why.starts_with(&format!("{input} sums ")) && why.contains("not known"),
            "{id}: {why}"
        );
    }
}

#[test]
fn metal_converts_to_alloy_and_magnets_only_through_sourced_factors() {
    use rechain::analysis::balance::units::factor;
    let m = load::load_text(include_str!("../../chain.yaml"), Origin::Embedded).unwrap();
    for to in ["t NdFeB alloy", "t NdFeB magnets"] {
        let f = factor(&m, "t NdPr metal", to).unwrap();
        assert!((f.value - 3.1).abs() < 1e-9, "{to}: {}", f.value);
        assert!(
            f.derived.iter().all(|d| d.contains("t NdPr metal")),
            "{to}: {:?}",
            f.derived
        );
    }
}

#[test]
fn the_verb_has_examples_and_a_man_page() {
    let dir = tempfile::tempdir().unwrap();
    let help = text(&rechain_in(dir.path(), &["balance", "--help"]).stdout);
    assert!(
        help.contains("rechain balance --exclude CN --by either"),
        "{help}"
    );
    let man = rechain_in(dir.path(), &["man", "balance"]);
    assert_eq!(man.status.code(), Some(0));
    assert!(text(&man.stdout).contains("balance"));
}

#[test]
fn a_series_published_after_the_date_read_is_left_out() {
    let sources = |args: &[&str]| -> Vec<String> {
        json(args)["stages"][0]["demand"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["source"].as_str().unwrap().to_owned())
            .collect()
    };
    // The European Court of Auditors' figure was published in February 2026, Lynas's forecast
    // in July 2022.
    assert_eq!(
        sources(&["magnets"]),
        ["eca-crm-2026", "lynas-qr-2022-06", "lynas-qr-2022-06"]
    );
    assert_eq!(
        sources(&["magnets", "--as-of", "2025-12"]),
        ["lynas-qr-2022-06", "lynas-qr-2022-06"]
    );
    assert!(sources(&["magnets", "--as-of", "2022-06"]).is_empty());
}

#[test]
fn b_charts_the_selected_stage_against_demand_and_y_copies_it() {
    let m = load::load_text(&std::fs::read_to_string(FIXTURE).unwrap(), Origin::Embedded).unwrap();
    let mut app = App::new(
        m,
        Theme {
            color: false,
            contrast: false,
        },
        110,
        34,
    );
    send(&mut app, [Command::ShowBalance]);
    let shown = screen(&app);
    for expected in [
        "Separation — supply against demand",
        "t NdPr/yr by year",
        "demand S1 World",
        "first short 2028",
        "Sums 4 of 5 plants; 1 publish no capacity",
        "utilisation 0.85",
    ] {
        assert!(shown.contains(expected), "{expected}: {shown}");
    }
    let export = app.focused_export();
    assert!(
        export.markdown.contains("| 2028 | 4,600 | 4,450 | 3,655 |"),
        "{}",
        export.markdown
    );
    assert!(
        export
            .csv
            .unwrap()
            .contains("separation,t NdPr/yr,2028,4600,4450,3655")
    );
    send(&mut app, [Command::ShowBalance]);
    assert!(app.overlay.get().is_none());
}

#[test]
fn the_stages_pane_shows_the_first_year_supply_falls_short() {
    let m = load::load_text(&std::fs::read_to_string(FIXTURE).unwrap(), Origin::Embedded).unwrap();
    let theme = Theme {
        color: false,
        contrast: false,
    };
    let app = App::new(m, theme, 120, 30);
    let row = |app: &App, stage: &str| {
        screen(app)
            .lines()
            .find(|l| l.contains(&format!("  {stage} ")) || l.contains(&format!("▶ {stage} ")))
            .unwrap_or_default()
            .to_owned()
    };
    assert!(
        row(&app, "Separation").contains("short 2028"),
        "{}",
        screen(&app)
    );
    // Metal & alloy's demand is in a unit its supply is not: nothing is claimed there.
    assert!(
        !row(&app, "Metal & alloy").contains("short"),
        "{}",
        screen(&app)
    );
    // Without China, separation falls short from the first year (wide enough to say it beside
    // what the exclusion leaves).
    let m = load::load_text(&std::fs::read_to_string(FIXTURE).unwrap(), Origin::Embedded).unwrap();
    let mut app = App::new(m, theme, 200, 30);
    let typed = std::iter::once(Msg::from(Command::CommandLine))
        .chain("exclude CN".chars().map(Msg::Input))
        .chain(std::iter::once(Msg::from(Command::Open)));
    send(&mut app, typed);
    assert!(
        row(&app, "Separation").contains("no data · short 2026"),
        "{}",
        screen(&app)
    );
}
