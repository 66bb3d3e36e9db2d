//! Balances of a small model worked out by hand (utilisation 0.85, ramp 1/3, 2/3, 1, a
//! construction target weighted 0.75):
//!
//! Separation, t NdPr/yr: A (US) 1,000 operating, ramped 850 every year; B (CN) 3,000
//! operating, ramped 2,550; C (AU) 600 under construction with a 2027 target: nameplate 600,
//! weighted 450, ramped 127.5 (2027), 255 (2028), 382.5 (2029 on); F (BR) 500 announced with
//! no date: never counted; E (MY) operating without a capacity: unknown.
//! Metal & alloy, t NdPr/yr: D (JP) 2,000 operating, ramped 1,700, fed by separation (a cap
//! known only without E, whose capacity is unknown).
//! Demand at separation (scenario S1): 3,000 (2026), 3,900 (2028), 3,500 (2030): coverage
//! 3,400 / 3,000 = 1.133, 3,655 / 3,900 = 0.937, 3,782.5 / 3,500 = 1.081; first short 2028.

use std::collections::BTreeSet;

use super::*;
use crate::analysis::ownership::{ExcludeBy, ExclusionMode};
use crate::model::load::load_text;
use crate::model::{CountryId, FacilityId, Model, Origin, indexed};

const MODEL: &str = include_str!("../../../tests/fixtures/balance.yaml");

fn model() -> Model {
    load_text(MODEL, Origin::Embedded).unwrap()
}

fn facility(m: &Model, id: &str) -> FacilityId {
    indexed(m.facilities()).find(|(_, f)| f.id == id).unwrap().0
}

fn run(m: &Model, out: &[&str]) -> Balance {
    let countries: BTreeSet<CountryId> =
        out.iter().map(|c| m.country_by_code(c).unwrap()).collect();
    let by = ExcludeBy {
        mode: ExclusionMode::Location,
        ..ExcludeBy::default()
    };
    let q = Query {
        exclusion: Exclusion::new(&countries, by),
        years: (2026, 2030),
        scenarios: Vec::new(),
        regions: Vec::new(),
        stages: Vec::new(),
        assumptions: Assumptions::default(),
    };
    balance(m, &q).unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn separation_is_worked_out_by_hand() {
    let m = model();
    let b = run(&m, &[]);
    let sep = &b.stages[0];
    assert_eq!(sep.unit.as_deref(), Some("t NdPr/yr"));
    let y2028 = sep.year(2028).unwrap();
    assert!(close(y2028.nameplate, 4_600.0), "{y2028:?}");
    assert!(close(y2028.weighted, 4_450.0), "{y2028:?}");
    assert!(close(y2028.ramped, 3_655.0), "{y2028:?}");
    assert!(close(sep.year(2026).unwrap().ramped, 3_400.0));
    assert!(close(sep.year(2030).unwrap().ramped, 3_782.5));
    assert_eq!(sep.unknown, vec![facility(&m, "e")]);
    assert_eq!(sep.undated, vec![facility(&m, "f")]);
}

#[test]
fn coverage_is_supply_over_demand_and_the_first_short_year_is_the_first_below_one() {
    let m = model();
    let b = run(&m, &[]);
    let d = &b.stages[0].demand[0];
    let c = d.result.as_ref().unwrap();
    assert_eq!(c.len(), 3);
    for c in c {
        assert!(close(c.ratio, c.supply / c.demand));
    }
    assert!(close(c[0].ratio, 3_400.0 / 3_000.0));
    assert_eq!(d.first_covered().unwrap().year, 2026);
    assert_eq!(d.first_short().unwrap().year, 2028);
    let neck = &b.bottlenecks[0];
    assert_eq!(
        (neck.scenario.as_str(), neck.stage, neck.coverage.year),
        ("S1", m.stage_by_id("separation").unwrap(), 2028)
    );
    // C's target a year later starts its ramp in 2028: 255 - 127.5 lost that year.
    let slip = neck.slip.unwrap();
    assert_eq!(m.facility(slip.facility).id, "c");
    assert!(close(slip.lost, 127.5), "{slip:?}");
    assert_eq!(slip.first_short, 2028);
}

#[test]
fn a_stage_cannot_supply_more_than_its_input() {
    let m = model();
    // E gives no capacity: what separation feeds is not known, so nothing caps metal.
    let metal = run(&m, &[]).stages[1].clone();
    assert_eq!(metal.year(2026).unwrap().feed_limited, None);
    let why = metal.feed.clone().unwrap_err();
    assert!(why.contains("Separation sums 4 of 5 plants"), "{why}");
    // Without E every plant left at separation gives its capacity.
    let metal = run(&m, &["MY"]).stages[1].clone();
    assert!(close(
        metal.year(2026).unwrap().feed_limited.unwrap(),
        1_700.0
    ));
    let without_china = run(&m, &["CN", "MY"]);
    let metal = &without_china.stages[1];
    // Separation without B: 850 in 2026, less than D's 1,700.
    assert!(close(
        metal.year(2026).unwrap().feed_limited.unwrap(),
        850.0
    ));
    // Without China, separation is short from the first year.
    assert_eq!(without_china.bottlenecks[0].coverage.year, 2026);
}

#[test]
fn feed_limited_ramped_weighted_nameplate_are_in_order() {
    let m = model();
    for out in [&[][..], &["CN"], &["US", "AU"]] {
        for st in run(&m, out).stages {
            for y in &st.years {
                let feed = y.feed_limited.unwrap_or(y.ramped);
                assert!(
                    feed <= y.ramped && y.ramped <= y.weighted && y.weighted <= y.nameplate,
                    "{y:?}"
                );
            }
        }
    }
}

#[test]
fn removing_a_plant_never_raises_any_supply() {
    let m = model();
    let all = run(&m, &[]);
    for country in ["US", "CN", "AU", "JP", "MY", "BR"] {
        let fewer = run(&m, &[country]);
        for (before, after) in all.stages.iter().zip(&fewer.stages) {
            for (x, y) in before.years.iter().zip(&after.years) {
                assert!(
                    y.nameplate <= x.nameplate && y.weighted <= x.weighted,
                    "{country}: {y:?}"
                );
                assert!(
                    y.ramped <= x.ramped && y.headline() <= x.headline(),
                    "{country}: {y:?}"
                );
            }
        }
    }
}

#[test]
fn a_unit_that_cannot_be_converted_refuses_the_balance() {
    let m = model();
    let b = run(&m, &[]);
    let why = b.stages[1].demand[0].result.as_ref().unwrap_err();
    assert!(
        why.contains("no conversion from `t NdFeB` to `t NdPr/yr`"),
        "{why}"
    );
    // A refused series makes no bottleneck: the only one is separation's.
    assert_eq!(b.bottlenecks.len(), 1);
    assert_eq!(b.bottlenecks[0].stage, m.stage_by_id("separation").unwrap());
}

#[test]
fn assumptions_outside_zero_to_one_are_refused() {
    let m = model();
    let countries = BTreeSet::new();
    let q = Query {
        exclusion: Exclusion::new(&countries, ExcludeBy::default()),
        years: (2026, 2030),
        scenarios: Vec::new(),
        regions: Vec::new(),
        stages: Vec::new(),
        assumptions: Assumptions {
            utilisation: 1.2,
            ..Assumptions::default()
        },
    };
    assert!(balance(&m, &q).unwrap_err().contains("utilisation"));
}

#[test]
fn demand_series_are_validated_with_the_rest() {
    let bad = MODEL
        .replace(
            "stages: [metal-alloy], product: NdFeB",
            "stages: [magnet], product: NdFeB",
        )
        .replace(
            "values: { 2026: 100 }, source: s",
            "values: { 2026: -1 }, source: nowhere",
        );
    let e = load_text(&bad, Origin::Embedded).unwrap_err().to_string();
    for expected in [
        "unknown stage `magnet`",
        "-1 is negative",
        "unknown source `nowhere`",
    ] {
        assert!(e.contains(expected), "{expected}: {e}");
    }
    let twice = MODEL.replace("scenario: S1, values: { 2026: 100 }, source: s }", "scenario: S1, values: { 2026: 100 }, source: s }\n  - { metric: demand, stages: [separation], product: NdPr, unit: t, basis: oxide,\n      scenario: S1, values: { 2027: 1 }, source: s }");
    let e = load_text(&twice, Origin::Embedded).unwrap_err().to_string();
    assert!(e.contains("repeats the series"), "{e}");
}
