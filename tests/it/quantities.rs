//! A capacity counts at the one stage it measures: a plant that recycles and makes magnets adds
//! its magnet capacity to the magnets tables only, and a figure's basis (expected, design…) is
//! never shown as nameplate.

use rechain::model::{Origin, Severity, load};

use crate::common::cli::{rechain_in, text};

fn capacity_json(stage: &str) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let out = rechain_in(dir.path(), &["-q", "capacity", stage, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Facility ids summed in the capacity tables of a stage of the built-in model.
fn summed(stage: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for table in capacity_json(stage)["tables"].as_array().unwrap() {
        for country in table["countries"].as_array().unwrap() {
            for f in country["facilities"].as_array().unwrap() {
                ids.push(f["facility"].as_str().unwrap().to_owned());
            }
        }
    }
    ids
}

/// Facility ids a stage's tables name as having a capacity in an unclear unit.
fn unclear(stage: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for table in capacity_json(stage)["tables"].as_array().unwrap() {
        for f in table["coverage"]["unit_unclear"].as_array().unwrap() {
            ids.push(f.as_str().unwrap().to_owned());
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
    // Its release does not say which magnets: counted as a plant, never summed.
    assert!(!summed("magnets").contains(&"shinetsu-smmv".to_owned()));
    assert!(unclear("magnets").contains(&"shinetsu-smmv".to_owned()));
    assert!(!unclear("separation").contains(&"shinetsu-smmv".to_owned()));
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
    assert!(
        noveon.contains("2,000 t NdFeB magnets/yr (expected)"),
        "{shown}"
    );
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
    let plant = &m.facilities()[0];
    assert!(
        plant
            .capacity_at(m.stage_by_id("magnets").unwrap())
            .is_some()
    );
    assert!(
        plant
            .capacity_at(m.stage_by_id("recycling").unwrap())
            .is_none()
    );

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
        m.facilities()[0]
            .capacity_at(m.stage_by_id("magnets").unwrap())
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
    for s in m.stage_ids() {
        let r = capacity_by_country(&m, s, &BTreeSet::new(), ExcludeBy::default());
        for t in &r.tables {
            let c = r.coverage(t);
            assert_eq!(
                c.summed + c.other_units + c.unclear.len() + c.without.len(),
                c.plants,
                "{}: {}",
                m.stage(s).id,
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

/// The two-stage model with a `units:` section and the given capacity list.
fn with_units(capacity: &str) -> String {
    TWO_STAGES
        .replace(
            "stages:\n",
            "units:\n  t NdFeB magnets: { product: NdFeB magnets, family: magnet }\n  \
             t magnet scrap feed: { product: RE scrap, family: feed }\nstages:\n",
        )
        .replace("capacity: CAPACITY", &format!("capacity:\n{capacity}"))
}

fn first_error(text: &str) -> String {
    let e = load::load_text(text, Origin::Embedded).expect_err("invalid");
    e.problems[0].to_string()
}

#[test]
fn a_facility_gives_one_capacity_per_stage_and_each_counts_at_its_own() {
    use rechain::analysis::capacity::capacity_by_country;
    use rechain::analysis::ownership::ExcludeBy;
    use std::collections::BTreeSet;
    let text = with_units(
        "          - { stage: magnets, product: NdFeB magnets, basis: nameplate, value: 500, unit: t NdFeB magnets/yr, source: s }\n          \
         - { stage: recycling, product: RE scrap, basis: nameplate, value: 40, unit: t magnet scrap feed/yr, source: s }",
    );
    let m = load::load_text(&text, Origin::Embedded).expect("valid");
    let plant = &m.facilities()[0];
    assert_eq!(plant.capacity.len(), 2);
    let total = |stage: &str| {
        let r = capacity_by_country(
            &m,
            m.stage_by_id(stage).unwrap(),
            &BTreeSet::new(),
            ExcludeBy::default(),
        );
        r.tables
            .iter()
            .map(|t| (t.unit.clone(), t.total))
            .collect::<Vec<_>>()
    };
    assert_eq!(total("magnets"), [("t NdFeB magnets/yr".to_owned(), 500.0)]);
    assert_eq!(
        total("recycling"),
        [("t magnet scrap feed/yr".to_owned(), 40.0)]
    );
    assert!(m.audit().is_empty(), "{:?}", m.audit());
}

#[test]
fn units_are_a_closed_set_checked_with_a_suggestion() {
    let entry = |unit: &str| {
        with_units(&format!(
            "          - {{ stage: magnets, basis: nameplate, value: 5, unit: {unit}, source: s }}"
        ))
    };
    let message = first_error(&entry("t NdFeB magnet/yr"));
    assert!(
        message.contains("unknown unit `t NdFeB magnet/yr`"),
        "{message}"
    );
    assert!(
        message.contains("did you mean `t NdFeB magnets/yr`?"),
        "{message}"
    );
    let message = first_error(&entry("t NdFeB magnets"));
    assert!(
        message.contains("a capacity is per year: write `t NdFeB magnets/yr`"),
        "{message}"
    );
    // A vague unit is an error unless it is recorded as unclear, with what the source says.
    let message = first_error(&entry("t/yr"));
    assert!(message.contains("unknown unit `t/yr`"), "{message}");
    assert!(message.contains("unit_unclear"), "{message}");
    let unclear = entry("t/yr, unit_unclear: \"magnets of no stated kind\"");
    let m = load::load_text(&unclear, Origin::Embedded).expect("recorded as unclear");
    // Recorded with what the source says (required), it is a documented unknown: no warning.
    assert!(
        !m.audit().iter().any(|w| w.path.contains("unit_unclear")),
        "{:?}",
        m.audit()
    );
    let empty = entry("t/yr, unit_unclear: \" \"");
    assert!(load::load_text(&empty, Origin::Embedded).is_err());
}

#[test]
fn an_unclear_unit_is_counted_but_never_summed() {
    use rechain::analysis::capacity::capacity_by_country;
    use rechain::analysis::ownership::ExcludeBy;
    use std::collections::BTreeSet;
    let text = with_units(
        "          - { stage: magnets, basis: nameplate, value: 5, unit: t/yr, unit_unclear: not said, source: s }",
    );
    let m = load::load_text(&text, Origin::Embedded).expect("valid");
    let r = capacity_by_country(
        &m,
        m.stage_by_id("magnets").unwrap(),
        &BTreeSet::new(),
        ExcludeBy::default(),
    );
    assert!(r.tables.is_empty(), "{:?}", r.tables);
    assert_eq!(r.unclear_unit[0].1, [m.facility_ids().next().unwrap()]);
    let caveats = rechain::present::capacity::capacity_caveats(&m, &r);
    assert!(
        caveats.iter().any(|c| c
            == "operating: 1 of 1 facility with a capacity in a unit the source leaves unclear, not summed: Plant."),
        "{caveats:?}"
    );
}

#[test]
fn an_old_single_capacity_still_loads_and_says_where_it_is() {
    let text =
        with_capacity("{ stage: magnets, basis: nameplate, value: 10, unit: t/yr, source: s }");
    let m = load::load_text(&text, Origin::Embedded).expect("valid without units");
    assert_eq!(m.facilities()[0].capacity.len(), 1);
    // Without a basis, the warning points at the mapping as written.
    let text = with_capacity("{ stage: magnets, value: 10, unit: t/yr, source: s }");
    let m = load::load_text(&text, Origin::File("m.yaml".into())).expect("valid");
    let warning = m
        .audit()
        .into_iter()
        .find(|w| w.path.ends_with("capacity[0].basis"))
        .expect("a basis warning");
    assert_eq!(
        (warning.line, warning.column),
        (Some(20), Some(19)),
        "{warning:?}"
    );
}

#[test]
fn conversions_chain_both_ways_and_say_they_are_derived() {
    let m = load::load(&Origin::Embedded).unwrap();
    let same = m
        .convert(10.0, "t NdPr oxide/yr", "t NdPr oxide/yr")
        .unwrap();
    assert_eq!(same.value, 10.0);
    assert!(!same.is_derived());
    let metal = m
        .convert(100.0, "t NdPr oxide/yr", "t NdPr metal/yr")
        .unwrap();
    assert!((metal.value - 85.0).abs() < 1e-9, "{metal:?}");
    assert!(metal.is_derived());
    // Metal to NdPr equivalent goes back to oxide, then back again to the equivalent.
    let equivalent = m
        .convert(85.0, "t NdPr metal/yr", "t NdPr equivalent/yr")
        .unwrap();
    assert_eq!(equivalent.steps.len(), 2, "{equivalent:?}");
    assert!(
        equivalent.steps.iter().all(|&(_, back)| back),
        "{equivalent:?}"
    );
    assert!((equivalent.value - 100.0).abs() < 1e-9, "{equivalent:?}");
    // The fewest steps win: metal to magnets has a factor of its own.
    let magnets = m
        .convert(10.0, "t NdPr metal/yr", "t NdFeB magnets/yr")
        .unwrap();
    assert_eq!(magnets.steps.len(), 1, "{magnets:?}");
    assert!((magnets.value - 31.0).abs() < 1e-9, "{magnets:?}");
    // No factor joins these; a yearly capacity is not a quantity.
    assert!(m.convert(1.0, "t REO/yr", "t NdFeB magnets/yr").is_none());
    assert!(m.convert(1.0, "t NdPr oxide/yr", "t NdPr metal").is_none());
    assert!(m.convert(1.0, "t/yr", "t NdPr metal/yr").is_none());
}

#[test]
fn routes_name_a_bottleneck_only_in_one_unit() {
    let dir = tempfile::tempdir().unwrap();
    let out = rechain_in(
        dir.path(),
        &["-q", "routes", "--exclude", "CN", "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let routes = json["routes"].as_array().unwrap();
    let mut converted = 0;
    for r in routes {
        let b = &r["bottleneck"];
        let units = b["units"].as_array().unwrap();
        if b["comparable"] == false {
            assert!(b["value"].is_null(), "{b}");
            assert!(b["not_comparable"].is_string(), "{b}");
            continue;
        }
        if units.len() > 1 {
            converted += 1;
        }
        // The bottleneck is given in the unit of the route's last capacity.
        if let Some(unit) = b["unit"].as_str() {
            assert_eq!(unit, units.last().unwrap().as_str().unwrap(), "{b}");
        }
        if b["derived"] == true {
            assert!(b["published"]["value"].is_number(), "{b}");
            assert!(!b["conversions"].as_array().unwrap().is_empty(), "{b}");
        }
    }
    assert!(converted > 0, "some routes compare through conversions");
}

#[test]
fn a_conversion_says_where_its_factor_comes_from() {
    let with = |conversion: &str| {
        with_units("          - { stage: magnets, basis: nameplate, value: 5, unit: t NdFeB magnets/yr, source: s }")
            .replace("stages:\n", &format!("conversions:\n  - {conversion}\nstages:\n"))
    };
    let ok = with(
        "{ from: t magnet scrap feed, to: t NdFeB magnets, factor: 0.9, kind: published, source: s }",
    );
    let m = load::load_text(&ok, Origin::Embedded).expect("valid");
    let c = m
        .convert(10.0, "t magnet scrap feed/yr", "t NdFeB magnets/yr")
        .unwrap();
    assert!((c.value - 9.0).abs() < 1e-9);
    let message = first_error(&with(
        "{ from: t magnet scrap feed, to: t NdFeB magnets, factor: 0.9, kind: published }",
    ));
    assert!(
        message.contains("a published factor names its source"),
        "{message}"
    );
    let message = first_error(&with(
        "{ from: t magnet scrap feed, to: t NdFeB magnets, factor: 0.9, kind: stoichiometric }",
    ));
    assert!(message.contains("gives its formula in `note`"), "{message}");
    let message = first_error(&with(
        "{ from: t magnet scarp feed, to: t NdFeB magnets, factor: 0.9, kind: published, source: s }",
    ));
    assert!(
        message.contains("unknown unit `t magnet scarp feed`; did you mean `t magnet scrap feed`?"),
        "{message}"
    );
}

#[test]
fn utilisation_sets_a_whole_years_output_against_the_nameplate_of_that_year() {
    use rechain::analysis::capacity::utilisation;
    let text = with_units(
        "          - { stage: magnets, basis: nameplate, value: 1000, unit: t NdFeB magnets/yr, year: 2025, source: s }\n        \
         output:\n          \
         - { value: 600, unit: t NdFeB magnets, year: 2025, source: s }\n          \
         - { value: 200, unit: t NdFeB magnets, year: 2025, months: 3, source: s }\n          \
         - { value: 900, unit: t NdFeB magnets, year: 2024, source: s }",
    );
    let m = load::load_text(&text, Origin::Embedded).expect("valid");
    let plant = &m.facilities()[0];
    let u = utilisation(plant, &plant.capacity[0]).expect("both figures exist");
    assert!((u.percent - 60.0).abs() < 1e-9, "{}", u.percent);
    assert_eq!(u.output.value, 600.0);
    let shown =
        rechain::present::plants::capacity_text(&m, plant, m.stage_by_id("magnets").unwrap());
    assert!(shown.contains("60.0% used in 2025"), "{shown}");
    let json = rechain::present::plants::figure_json(&m, plant, m.stage_by_id("magnets").unwrap());
    let json = serde_json::to_value(json).unwrap();
    assert_eq!(json["utilisation"]["percent"], 60.0, "{json}");

    // A quarter is not a year, an expected figure is not a nameplate, and another year is
    // not this one.
    for (from, to) in [
        (
            "value: 600, unit: t NdFeB magnets, year: 2025, source",
            "value: 600, unit: t NdFeB magnets, year: 2025, months: 6, source",
        ),
        (
            "basis: nameplate, value: 1000",
            "basis: expected, value: 1000",
        ),
        (
            "year: 2025, source: s }\n        output",
            "year: 2023, source: s }\n        output",
        ),
    ] {
        let changed = text.replace(from, to);
        assert_ne!(changed, text, "{from}");
        let m = load::load_text(&changed, Origin::Embedded).expect("valid");
        let plant = &m.facilities()[0];
        assert!(utilisation(plant, &plant.capacity[0]).is_none(), "{to}");
    }
}

#[test]
fn an_undated_headline_block_is_a_strict_warning() {
    let with_block = |year: &str| {
        with_capacity("{ stage: magnets, basis: nameplate, value: 10, unit: t/yr, source: s }")
            .replace(
                "  - { id: magnets, name: Magnets }",
                &format!(
                    "  - id: magnets\n    name: Magnets\n    shares:\n      \
                     - {{ {year}metric: magnet output, source: s, countries: {{ US: 10 }} }}"
                ),
            )
    };
    let undated = load::load_text(&with_block(""), Origin::Embedded).expect("valid");
    let warnings = undated.audit();
    assert!(
        warnings.iter().any(|w| w
            .message
            .contains("the headline block of `magnets` gives no `year`")),
        "{warnings:?}"
    );
    let dated = load::load_text(&with_block("year: 2024, "), Origin::Embedded).expect("valid");
    assert!(dated.audit().is_empty(), "{:?}", dated.audit());
}

#[test]
fn a_capacity_dated_to_the_month_shows_the_month_and_gives_its_year() {
    let file = with_units(
        "          - { stage: magnets, product: NdFeB magnets, basis: nameplate, value: 500, unit: t NdFeB magnets/yr, date: 2025-03, source: s }",
    );
    let m = load::load_text(&file, Origin::Embedded).expect("valid");
    let c = &m.facilities()[0].capacity[0];
    assert_eq!(c.year, Some(2025), "the year follows from the date");
    assert_eq!(c.when().as_deref(), Some("2025-03"));
    let dir = tempfile::tempdir().unwrap();
    let out = rechain_in(dir.path(), &["-q", "show", "mp-independence"]);
    let card = text(&out.stdout);
    assert!(
        card.contains("1,000 t NdFeB magnets/yr (2025-01-22)"),
        "the card dates the capacity to the day: {card}"
    );

    let clash = with_units(
        "          - { stage: magnets, basis: nameplate, value: 5, unit: t NdFeB magnets/yr, year: 2024, date: 2025-03, source: s }",
    );
    let message = first_error(&clash);
    assert!(
        message.contains("date 2025-03 is not in the figure's year 2024"),
        "{message}"
    );
    let bad = with_units(
        "          - { stage: magnets, basis: nameplate, value: 5, unit: t NdFeB magnets/yr, date: 2025-13, source: s }",
    );
    assert!(first_error(&bad).contains(".date"), "{}", first_error(&bad));
}
