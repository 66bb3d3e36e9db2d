//! A capacity counts at the one stage it measures: a plant that recycles and makes magnets adds
//! its magnet capacity to the magnets tables only, and a figure's basis (expected, design…) is
//! never shown as nameplate.

use rechain::model::{Origin, Severity, load};

use crate::common::cli::{rechain_in, text};

/// Facility ids summed in the capacity tables of a stage of the built-in model.
fn summed(stage: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let out = rechain_in(dir.path(), &["-q", "capacity", stage, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut ids = Vec::new();
    for table in json["tables"].as_array().unwrap() {
        for country in table["countries"].as_array().unwrap() {
            for f in country["facilities"].as_array().unwrap() {
                ids.push(f["facility"].as_str().unwrap().to_owned());
            }
        }
    }
    ids
}

#[test]
fn recycling_capacity_counts_recycling_only() {
    let recycling = summed("recycling");
    // Noveon recycles and makes magnets; its 2,000 t/yr is magnet making.
    for magnet_makers in ["noveon-san-marcos", "mkango-tyseley"] {
        assert!(
            !recycling.contains(&magnet_makers.to_owned()),
            "{recycling:?}"
        );
    }
    assert!(summed("magnets").contains(&"noveon-san-marcos".to_owned()));
}

#[test]
fn separation_capacity_holds_separation_products_only() {
    let separation = summed("separation");
    // Saskatoon's 400 t/yr is NdPr metal; Shin-Etsu Vietnam's 2,200 t/yr is magnets.
    for elsewhere in ["src-saskatoon", "shinetsu-smmv"] {
        assert!(
            !separation.contains(&elsewhere.to_owned()),
            "{separation:?}"
        );
    }
    assert!(summed("metal-alloy").contains(&"src-saskatoon".to_owned()));
    assert!(summed("magnets").contains(&"shinetsu-smmv".to_owned()));
}

#[test]
fn an_expected_figure_is_labelled_expected() {
    let dir = tempfile::tempdir().unwrap();
    let out = rechain_in(dir.path(), &["-q", "plants", "magnets", "--width", "200"]);
    let shown = text(&out.stdout);
    let noveon = shown
        .lines()
        .find(|l| l.contains("Noveon"))
        .unwrap_or_default();
    assert!(noveon.contains("2,000 t NdFeB/yr (expected)"), "{shown}");
}

const TWO_STAGES: &str = "version: 1
meta: { title: T, as_of: 2026-01-01 }
sources: { s: { publisher: P, title: T, year: 2025, url: https://p.example/t } }
countries: { US: United States }
stages:
  - { id: magnets, name: Magnets }
  - { id: recycling, name: Recycling }
firms:
  - id: f
    name: F
    hq: US
    summary: A firm.
    facilities:
      - id: plant
        name: Plant
        country: US
        stages: [recycling, magnets]
        products: [NdFeB magnets]
        status: operating
        capacity: CAPACITY
";

fn with_capacity(capacity: &str) -> String {
    TWO_STAGES.replace("CAPACITY", capacity)
}

#[test]
fn a_capacity_names_a_stage_of_its_facility() {
    let stated = with_capacity("{ stage: magnets, value: 10, unit: t/yr, source: s }");
    let m = load::load_text(&stated, Origin::Embedded).expect("valid");
    let plant = &m.facilities[0];
    assert!(plant.capacity_at(m.stage("magnets").unwrap()).is_some());
    assert!(plant.capacity_at(m.stage("recycling").unwrap()).is_none());

    let unknown = with_capacity("{ stage: magnet, value: 10, unit: t/yr, source: s }");
    let e = load::load_text(&unknown, Origin::Embedded).expect_err("unknown stage");
    let message = e.problems[0].to_string();
    assert!(message.contains("unknown stage `magnet`"), "{message}");
    assert!(message.contains("magnets"), "did you mean: {message}");
    assert_eq!(e.problems.len(), 1, "said once: {:?}", e.problems);

    let text = TWO_STAGES
        .replace("[recycling, magnets]", "[recycling]")
        .replace(
            "CAPACITY",
            "{ stage: magnets, value: 10, unit: t/yr, source: s }",
        );
    let e = load::load_text(&text, Origin::Embedded).expect_err("not its stage");
    let message = e.problems[0].to_string();
    assert!(
        message.contains("`magnets` is not one of the facility's stages (recycling)"),
        "{message}"
    );
}

#[test]
fn a_capacity_without_its_stage_is_a_warning_and_counts_at_the_last_listed() {
    let text = with_capacity("{ value: 10, unit: t/yr, source: s }");
    let m = load::load_text(&text, Origin::Embedded).expect("valid");
    assert!(
        m.facilities[0]
            .capacity_at(m.stage("magnets").unwrap())
            .is_some()
    );
    let warnings = m.audit();
    let warning = warnings
        .iter()
        .find(|w| w.message.contains("say which one its capacity measures"))
        .expect("a warning");
    assert_eq!(warning.severity, Severity::Warning);
}

#[test]
fn every_capacity_sum_says_what_it_covers_and_the_counts_add_up() {
    use rechain::analysis::capacity::capacity_by_country;
    use rechain::analysis::ownership::ExcludeBy;
    use std::collections::BTreeSet;
    let m = load::load(&Origin::Embedded).unwrap();
    let mut partial = 0;
    for s in 0..m.stages.len() {
        let r = capacity_by_country(&m, s, &BTreeSet::new(), ExcludeBy::default());
        for t in &r.tables {
            let c = r.coverage(t);
            assert_eq!(
                c.summed + c.other_units + c.without.len(),
                c.plants,
                "{}: {}",
                m.stages[s].id,
                t.unit
            );
            partial += usize::from(c.is_partial());
        }
    }
    assert!(partial > 0, "the built-in model has partial sums");
    // Text and JSON say so beside the table.
    let dir = tempfile::tempdir().unwrap();
    let out = text(&rechain_in(dir.path(), &["-q", "capacity", "magnets"]).stdout);
    assert!(out.contains("Of listed"), "{out}");
    assert!(
        out.contains("Shares are of the plants listed, not of the stage."),
        "{out}"
    );
    let json = text(
        &rechain_in(
            dir.path(),
            &["-q", "capacity", "magnets", "--format", "json"],
        )
        .stdout,
    );
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["tables"][0]["coverage"]["partial"], true, "{json}");
}
