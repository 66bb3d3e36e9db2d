//! Random models with capacities in several units, at several stages per facility, some in an
//! unclear unit, with random statuses and owners, and random exclusions: a sum never adds two
//! units, taking facilities out never raises a total, and every sum's coverage adds up to the
//! plants of its phase. Seeded, so every run tries the same cases; set
//! `RECHAIN_QUANTITY_CASES` to try more.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use rechain::analysis::capacity::{CapacityReport, Phase, capacity_by_country};
use rechain::analysis::ownership::{ExcludeBy, ExclusionMode};
use rechain::analysis::plants::does_stage;
use rechain::model::{Model, Origin, load};

use crate::common::rng::Rng;

const COUNTRIES: [&str; 4] = ["CN", "US", "AU", "JP"];
const STAGES: [&str; 3] = ["separation", "metal-alloy", "magnets"];
const UNITS: [&str; 4] = ["t NdPr oxide", "t REO", "t NdPr metal", "t NdFeB magnets"];
const STATUSES: [&str; 5] = [
    "operating",
    "ramping",
    "construction",
    "announced",
    "closed",
];

/// A valid model of `firms` firms, each with a few facilities carrying zero to three
/// capacities, at random stages of their own and in random units.
fn random_model(rng: &mut Rng, firms: usize) -> String {
    let mut y = String::from(
        "version: 1\nmeta: { title: Random, as_of: 2026-01-01 }\n\
         sources: { s: { publisher: P, title: T, year: 2025, url: https://p.example/t } }\n\
         countries: { CN: China, US: United States, AU: Australia, JP: Japan }\n\
         elements:\n  - { symbol: Pr, name: Praseodymium, number: 59, group: light }\n  \
         - { symbol: Nd, name: Neodymium, number: 60, group: light }\nunits:\n",
    );
    for unit in UNITS {
        let product = unit.trim_start_matches("t ");
        let product = if product == "REO" {
            "RE oxides"
        } else {
            product
        };
        writeln!(y, "  {unit}: {{ product: {product}, family: oxide }}").unwrap();
    }
    y.push_str("stages:\n");
    for stage in STAGES {
        writeln!(y, "  - {{ id: {stage}, name: {stage} }}").unwrap();
    }
    y.push_str("firms:\n");
    for i in 0..firms {
        writeln!(
            y,
            "  - id: firm-{i}\n    name: Firm {i}\n    hq: {}\n    summary: A firm.",
            rng.pick(&COUNTRIES)
        )
        .unwrap();
        if rng.chance(30) {
            writeln!(
                y,
                "    owners:\n      - {{ government: {}, share: {}, since: 2024, source: s }}",
                rng.pick(&COUNTRIES),
                10 * rng.below(11)
            )
            .unwrap();
        }
        y.push_str("    facilities:\n");
        for j in 0..=rng.below(3) {
            let mut stages: Vec<&str> = STAGES.iter().copied().filter(|_| rng.chance(50)).collect();
            if stages.is_empty() {
                stages.push(*rng.pick(&STAGES));
            }
            writeln!(
                y,
                "      - id: plant-{i}-{j}\n        name: Plant {i} {j}\n        country: {}\n        \
                 stages: [{}]\n        status: {}",
                rng.pick(&COUNTRIES),
                stages.join(", "),
                rng.pick(&STATUSES)
            )
            .unwrap();
            let entries = rng.below(4);
            if entries > 0 {
                y.push_str("        capacity:\n");
            }
            for _ in 0..entries {
                let stage = rng.pick(&stages);
                let value = 1 + rng.below(5_000);
                if rng.chance(15) {
                    writeln!(
                        y,
                        "          - {{ stage: {stage}, basis: nameplate, value: {value}, unit: t/yr, \
                         unit_unclear: not said, source: s }}"
                    )
                    .unwrap();
                } else {
                    let max = if rng.chance(20) {
                        format!(", max: {}", value + rng.below(1_000))
                    } else {
                        String::new()
                    };
                    writeln!(
                        y,
                        "          - {{ stage: {stage}, basis: nameplate, value: {value}{max}, unit: {}/yr, \
                         source: s }}",
                        rng.pick(&UNITS)
                    )
                    .unwrap();
                }
            }
        }
    }
    y
}

fn cases() -> u64 {
    crate::common::env_number("RECHAIN_QUANTITY_CASES", 60)
}

fn models(rng: &mut Rng) -> Vec<(String, Model)> {
    let mut out = vec![(
        "embedded".to_owned(),
        load::load(&Origin::Embedded).unwrap(),
    )];
    for case in 0..cases() {
        let firms = 1 + rng.below(25);
        let text = random_model(rng, firms);
        let m = load::load_text(&text, Origin::Embedded)
            .unwrap_or_else(|e| panic!("case {case}: {e}\n{text}"));
        out.push((format!("case {case}"), m));
    }
    out
}

/// Every exclusion rule a view can ask for.
fn rules() -> [ExcludeBy; 3] {
    [
        ExclusionMode::Location,
        ExclusionMode::Owner,
        ExclusionMode::Either,
    ]
    .map(|mode| ExcludeBy {
        mode,
        ..ExcludeBy::default()
    })
}

/// Each table's total, keyed by phase and unit.
fn totals(r: &CapacityReport) -> Vec<(Phase, String, f64, f64)> {
    r.tables
        .iter()
        .map(|t| (t.phase, t.unit.clone(), t.total, t.total_max))
        .collect()
}

#[test]
fn a_sum_never_adds_two_units() {
    let mut rng = Rng(0x5eed_00c0_ffee);
    for (name, m) in models(&mut rng) {
        for s in m.stage_ids() {
            let r = capacity_by_country(&m, s, &BTreeSet::new(), ExcludeBy::default());
            for t in &r.tables {
                let mut sum = 0.0;
                for x in t.facilities() {
                    let f = &m.facility(x);
                    let figure = t.figure(f, s).unwrap_or_else(|| {
                        panic!("{name}: {} summed in {} without a figure", f.id, t.unit)
                    });
                    assert_eq!(figure.unit.trim(), t.unit, "{name}: {}", f.id);
                    assert!(figure.unit_unclear.is_none(), "{name}: {}", f.id);
                    assert_eq!(figure.stage, Some(s), "{name}: {}", f.id);
                    sum += figure.value;
                }
                assert!(
                    (sum - t.total).abs() < 1e-6,
                    "{name}: {} {sum} {}",
                    t.unit,
                    t.total
                );
                let rows: f64 = t.rows.iter().map(|r| r.value).sum();
                assert!((rows - t.total).abs() < 1e-6, "{name}: {}", t.unit);
            }
            // One table per phase and unit.
            let mut keys: Vec<(Phase, &str)> = r
                .tables
                .iter()
                .map(|t| (t.phase, t.unit.as_str()))
                .collect();
            let all = keys.len();
            keys.sort_unstable();
            keys.dedup();
            assert_eq!(keys.len(), all, "{name}: a unit split over two tables");
        }
    }
}

#[test]
fn taking_facilities_out_never_raises_a_total() {
    let mut rng = Rng(0xfeed_beef_0042);
    for (name, m) in models(&mut rng) {
        for s in m.stage_ids() {
            for by in rules() {
                let before = capacity_by_country(&m, s, &BTreeSet::new(), by);
                let out: BTreeSet<_> = m.country_ids().filter(|_| rng.chance(40)).collect();
                let after = capacity_by_country(&m, s, &out, by);
                for (phase, unit, total, total_max) in totals(&after) {
                    let (_, _, was, was_max) = totals(&before)
                        .into_iter()
                        .find(|(p, u, _, _)| *p == phase && *u == unit)
                        .unwrap_or_else(|| panic!("{name}: {unit} appeared after excluding"));
                    assert!(total <= was + 1e-6, "{name}: {unit} {was} -> {total}");
                    assert!(total_max <= was_max + 1e-6, "{name}: {unit}");
                }
            }
        }
    }
}

#[test]
fn coverage_counts_add_up_to_the_plants_of_the_phase() {
    let mut rng = Rng(0x00c0_ffee_cafe);
    for (name, m) in models(&mut rng) {
        for s in m.stage_ids() {
            let out: BTreeSet<_> = m.country_ids().filter(|_| rng.chance(25)).collect();
            let by = *rng.pick(&rules());
            let r = capacity_by_country(&m, s, &out, by);
            for t in &r.tables {
                let c = r.coverage(t);
                assert_eq!(
                    c.summed + c.other_units + c.unclear.len() + c.without.len(),
                    c.plants,
                    "{name}: {} {}",
                    m.stage(s).id,
                    t.unit
                );
                // The plants of the phase are those at the stage, left in and of that phase.
                let of_phase = m
                    .stage(s)
                    .facilities
                    .iter()
                    .filter(|&&x| does_stage(&m, x, s))
                    .filter(|x| !r.excluded.contains(x))
                    .filter(|&&x| Phase::of(m.facility(x).status) == Some(t.phase))
                    .count();
                assert_eq!(c.plants, of_phase, "{name}: {}", t.unit);
                assert_eq!(c.is_partial(), c.summed < c.plants, "{name}");
            }
        }
    }
}
