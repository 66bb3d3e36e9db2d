//! The route cut against hand-made chains and a brute-force minimum on seeded random ones;
//! the per-stage indicators against numbers worked out by hand; the verb end to end.

use std::collections::BTreeSet;
use std::fmt::Write;

use rechain::analysis::ownership::ExcludeBy;
use rechain::analysis::resilience::thresholds::ALL;
use rechain::analysis::resilience::{Coverage, Hops, resilience};
use rechain::analysis::routes::{
    RouteOptions, RouteQuery, StatusFilter, find_routes_without, route_graph,
};
use rechain::model::load::{EMBEDDED_YAML, load_text};
use rechain::model::{FacilityId, Model, Origin};

use crate::common::cli::rechain_in;
use crate::common::rng::Rng;

/// The binary on the repository's chain.yaml.
fn rechain(args: &[&str]) -> std::process::Output {
    rechain_in(std::path::Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

const HEAD: &str = "version: 1\nmeta: { title: Hand-made, as_of: 2026-01-01 }\n\
    sources: { s: { publisher: P, title: T, year: 2025 } }\n\
    countries: { AA: A, BB: B, CC: C }\n\
    stages:\n\
    \x20 - { id: mining, name: Mining, shares: [{ year: 2025, metric: output, source: s, countries: { AA: 70, BB: 20 } }] }\n\
    \x20 - { id: separation, name: Separation }\n\
    \x20 - { id: magnets, name: Magnets }\n";

fn model(text: &str) -> Model {
    load_text(text, Origin::Embedded).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn every(_: &Model) -> RouteQuery {
    RouteQuery {
        excluded: BTreeSet::new(),
        by: ExcludeBy::default(),
        status: StatusFilter::All,
    }
}

fn ids(m: &Model, list: &[FacilityId]) -> Vec<String> {
    list.iter().map(|&x| m.facility(x).id.clone()).collect()
}

/// One firm per facility (so no hop is recorded by firm), facilities as (id, country,
/// stages), and supply links between facilities.
fn chain(facilities: &[(&str, &str, &str)], links: &[(&str, &str)]) -> String {
    let mut text = String::from(HEAD);
    text.push_str("firms:\n");
    for (id, country, stages) in facilities {
        let _ = writeln!(
            text,
            "  - id: f-{id}\n    name: F {id}\n    hq: {country}\n    summary: S.\n    facilities:\n      - {{ id: {id}, name: {id}, country: {country}, stages: [{stages}], status: operating }}"
        );
    }
    if !links.is_empty() {
        text.push_str("links:\n");
        for (a, b) in links {
            let _ = writeln!(
                text,
                "  - {{ from: {a}, to: {b}, kind: supplies, source: s }}"
            );
        }
    }
    text
}

#[test]
fn two_disjoint_routes_give_a_cut_of_two() {
    // m1 > s1 > g1 and m2 > s2 > g2, linked; stage order joins them crosswise too.
    let m = model(&chain(
        &[
            ("m1", "AA", "mining"),
            ("m2", "BB", "mining"),
            ("s1", "AA", "separation"),
            ("s2", "BB", "separation"),
            ("g1", "AA", "magnets"),
            ("g2", "CC", "magnets"),
        ],
        &[("m1", "s1"), ("s1", "g1"), ("m2", "s2"), ("s2", "g2")],
    ));
    let r = resilience(&m, &every(&m), &[]);
    assert_eq!(r.recorded.routes, 2);
    assert_eq!(r.recorded.cut.facilities.len(), 2);
    assert_eq!(r.recorded.cut.disjoint.len(), 2);
    assert!(r.recorded.cut.single_points.is_empty());
    assert!(r.recorded.exact);
    assert_eq!(r.every.routes, 8);
    assert_eq!(r.every.cut.facilities.len(), 2);
    // The disjoint routes are the two linked ones.
    let mut routes: Vec<Vec<String>> = r
        .recorded
        .cut
        .disjoint
        .iter()
        .map(|route| ids(&m, route))
        .collect();
    routes.sort();
    assert_eq!(routes, [["m1", "s1", "g1"], ["m2", "s2", "g2"]]);
}

#[test]
fn a_shared_plant_is_the_single_point_of_failure() {
    // Two mines and two magnet plants, one separation plant between them.
    let m = model(&chain(
        &[
            ("m1", "AA", "mining"),
            ("m2", "BB", "mining"),
            ("hub", "CC", "separation"),
            ("g1", "AA", "magnets"),
            ("g2", "BB", "magnets"),
        ],
        &[("m1", "hub"), ("m2", "hub"), ("hub", "g1"), ("hub", "g2")],
    ));
    let r = resilience(&m, &every(&m), &[]);
    for cut in [&r.recorded, &r.every] {
        assert_eq!(ids(&m, &cut.cut.facilities), ["hub"]);
        assert_eq!(ids(&m, &cut.cut.single_points), ["hub"]);
    }
    assert_eq!(r.recorded.routes, 4);
}

#[test]
fn every_facility_of_a_single_route_is_a_single_point() {
    // One recorded route m1 > s1 > g1; m2 has no link, so only stage order reaches it.
    let m = model(&chain(
        &[
            ("m1", "AA", "mining"),
            ("m2", "BB", "mining"),
            ("s1", "AA", "separation"),
            ("g1", "AA", "magnets"),
        ],
        &[("m1", "s1"), ("s1", "g1")],
    ));
    let r = resilience(&m, &every(&m), &[]);
    assert_eq!(r.recorded.routes, 1);
    assert_eq!(r.recorded.cut.facilities.len(), 1);
    assert_eq!(ids(&m, &r.recorded.cut.single_points), ["m1", "s1", "g1"]);
    // Any route: two mines, so only s1 and g1 hold every route alone.
    assert_eq!(r.every.routes, 2);
    assert_eq!(ids(&m, &r.every.cut.single_points), ["s1", "g1"]);
}

#[test]
fn no_route_means_nothing_to_cut() {
    let m = model(&chain(
        &[("m1", "AA", "mining"), ("g1", "AA", "magnets")],
        &[],
    ));
    let r = resilience(&m, &every(&m), &[]);
    assert_eq!((r.every.routes, r.recorded.routes), (0, 0));
    assert!(r.every.cut.facilities.is_empty() && r.every.cut.disjoint.is_empty());
}

#[test]
fn stage_indicators_by_hand() {
    // Mining: AA 70, BB 20, 10 unattributed. HHI 4,900 + 400 = 5,300; N−1 leaves 30.
    let m = model(&chain(&[("m1", "AA", "mining")], &[]));
    let r = resilience(&m, &every(&m), &[]);
    let mining = &r.stages[0];
    let hhi = mining.concentration.as_ref().unwrap();
    assert!((hhi.hhi - 5300.0).abs() < 1e-9);
    assert!((hhi.unreported - 10.0).abs() < 1e-9);
    let lose = mining.n_minus_one.unwrap();
    assert_eq!(m.country(lose.country).code, "AA");
    assert!((lose.left - 30.0).abs() < 1e-9);
    assert_eq!(mining.left, None);
    assert_eq!(mining.coverage, Coverage::NeedsDemandData);
    // A stage without shares has no indicator, said rather than filled.
    assert!(r.stages[1].concentration.is_none() && r.stages[1].n_minus_one.is_none());
    // Excluding AA: 30 left; the largest left is BB, and without it too 10.
    let q = RouteQuery {
        excluded: [m.country_by_code("AA").unwrap()].into(),
        ..every(&m)
    };
    let r = resilience(&m, &q, &[m.stage_by_id("mining").unwrap()]);
    assert_eq!(r.stages.len(), 1);
    assert!((r.stages[0].left.unwrap() - 30.0).abs() < 1e-9);
    let lose = r.stages[0].n_minus_one.unwrap();
    assert_eq!(m.country(lose.country).code, "BB");
    assert!((lose.left - 10.0).abs() < 1e-9);
}

/// A small random chain of four stages: 7 to 12 facilities covering one or two of them (not
/// always next to each other), sometimes
/// with products, in one to three firms each, and random supply links.
#[test]
fn n_minus_one_coverage_sets_the_stage_left_against_world_demand_by_hand() {
    // Mining without AA (the largest country): m2 (BB) alone, 50 t operating, ramped 50 × 0.85
    // = 42.5 every year. World demand 400 t (2026) and 200 t (2030): the first year compared
    // is 2026, 42.5 / 400 = 10.6%; the EU series is not world demand and is not read.
    let mut text = chain(&[("m1", "AA", "mining"), ("m2", "BB", "mining")], &[]);
    text = text
        .replace(
            "id: m1, name: m1, country: AA, stages: [mining], status: operating",
            "id: m1, name: m1, country: AA, stages: [mining], status: operating, capacity: { value: 100, unit: t REO/yr, source: s }",
        )
        .replace(
            "id: m2, name: m2, country: BB, stages: [mining], status: operating",
            "id: m2, name: m2, country: BB, stages: [mining], status: operating, capacity: { value: 50, unit: t REO/yr, source: s }",
        );
    text.push_str(
        "demand:\n\
        \x20 - { metric: demand, stages: [mining], product: REO, unit: t, basis: oxide, scenario: S, values: { 2026: 400, 2030: 200 }, source: s }\n\
        \x20 - { metric: demand, stages: [mining], product: REO, unit: t, basis: oxide, scenario: S, region: EU, values: { 2024: 10 }, source: s }\n",
    );
    let m = model(&text);
    let r = resilience(&m, &every(&m), &[m.stage_by_id("mining").unwrap()]);
    let Coverage::Compared(c) = &r.stages[0].coverage else {
        panic!("not compared: {:?}", r.stages[0].coverage);
    };
    assert_eq!(c.year, 2026);
    assert!((c.supply - 42.5).abs() < 1e-9, "{c:?}");
    assert!((c.demand - 400.0).abs() < 1e-9, "{c:?}");
    assert!((c.ratio() - 0.10625).abs() < 1e-9);
    assert_eq!((c.summed, c.plants), (1, 1), "AA's plant is out");
    assert_eq!(c.unit, "t REO/yr");
    // Without AA already, the largest left is BB: no plant is left to give the stage a unit,
    // so nothing is compared (the balance says so), rather than a coverage made up.
    let q = RouteQuery {
        excluded: [m.country_by_code("AA").unwrap()].into(),
        ..every(&m)
    };
    let r = resilience(&m, &q, &[m.stage_by_id("mining").unwrap()]);
    assert_eq!(r.stages[0].coverage, Coverage::NeedsDemandData);
    // The verb says it in the table and in full under it, with the demand's source.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("chain.yaml");
    std::fs::write(&file, &text).unwrap();
    let out = rechain_in(dir.path(), &["resilience", "-f", file.to_str().unwrap()]);
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("10.6% 2026"), "{shown}");
    assert!(
        shown.contains("Mining without AA: supply 42.5 of demand 400 t REO/yr in 2026"),
        "{shown}"
    );
}

fn random_chain(seed: u64) -> String {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let stages = ["mining", "separation", "metal", "magnets"];
    let products = [
        &["RE ore"][..],
        &["NdPr oxide", "Dy oxide"],
        &["NdPr metal", "DyFe alloy"],
        &["NdFeB magnets"],
    ];
    let mut text = String::from(
        "version: 1\nmeta: { title: Random, as_of: 2026-01-01 }\n\
         sources: { s: { publisher: P, title: T, year: 2025 } }\n\
         countries: { AA: A, BB: B }\n\
         elements:\n\
         \x20 - { symbol: Pr, name: Praseodymium, number: 59, usgs: light, cn: light }\n\
         \x20 - { symbol: Nd, name: Neodymium, number: 60, usgs: light, cn: light }\n\
         \x20 - { symbol: Dy, name: Dysprosium, number: 66, usgs: heavy, cn: heavy }\n\
         stages:\n",
    );
    for s in stages {
        let _ = writeln!(text, "  - {{ id: {s}, name: {s} }}");
    }
    text.push_str("firms:\n");
    let mut ids = Vec::new();
    let count = 7 + rng.below(5);
    let mut firm = 0;
    while ids.len() < count {
        let _ = writeln!(
            text,
            "  - id: firm{firm}\n    name: Firm {firm}\n    hq: AA\n    summary: S.\n    facilities:"
        );
        for _ in 0..=rng.below(2) {
            let first = rng.below(4);
            let mut covered = vec![first];
            if first < 3 && rng.chance(25) {
                covered.push(first + 1);
            } else if first < 2 && rng.chance(15) {
                // Two stages apart: the facility has two roles on a route.
                covered.push(first + 2);
            }
            let made: Vec<&str> = if rng.chance(30) {
                covered.iter().map(|&s| *rng.pick(products[s])).collect()
            } else {
                Vec::new()
            };
            let id = format!("x{}", ids.len());
            let _ = writeln!(
                text,
                "      - {{ id: {id}, name: {id}, country: {}, stages: [{}], status: operating{} }}",
                rng.pick(&["AA", "BB"]),
                covered
                    .iter()
                    .map(|&s| stages[s])
                    .collect::<Vec<_>>()
                    .join(", "),
                if made.is_empty() {
                    String::new()
                } else {
                    format!(", products: [{}]", made.join(", "))
                }
            );
            ids.push(id);
        }
        firm += 1;
    }
    text.push_str("links:\n");
    for _ in 0..2 * count {
        let (a, b) = (rng.pick(&ids).clone(), rng.pick(&ids).clone());
        if a != b {
            let _ = writeln!(
                text,
                "  - {{ from: {a}, to: {b}, kind: supplies, source: s }}"
            );
        }
    }
    text
}

/// Whether a route of the kind is left without the facilities in `without`.
fn routes_left(m: &Model, q: &RouteQuery, without: &BTreeSet<FacilityId>, hops: Hops) -> bool {
    let options = RouteOptions {
        limit: 1,
        ..RouteOptions::default()
    };
    let r = find_routes_without(m, q, &options, without);
    match hops {
        Hops::Recorded => r.recorded > 0,
        Hops::Any => r.total > 0,
    }
}

/// The fewest facilities whose loss leaves no route, by trying every set, smallest first.
fn brute_force_cut(m: &Model, q: &RouteQuery, hops: Hops) -> usize {
    let n = m.facilities().len();
    (0..=n)
        .find(|&k| {
            (0u32..1 << n)
                .filter(|set| set.count_ones() as usize == k)
                .any(|set| {
                    let without = m
                        .facility_ids()
                        .filter(|x| set & (1 << x.index()) != 0)
                        .collect();
                    !routes_left(m, q, &without, hops)
                })
        })
        .unwrap_or(n)
}

#[test]
fn random_chains_cut_as_few_as_brute_force() {
    let (mut exact, mut cases, mut nonzero, mut wide, mut several) = (0, 0, 0, 0, 0);
    for seed in 0..60 {
        let text = random_chain(seed);
        let m = model(&text);
        let q = every(&m);
        let r = resilience(&m, &q, &[]);
        for (hops, cut) in [(Hops::Recorded, &r.recorded), (Hops::Any, &r.every)] {
            let context = format!("seed {seed} {hops:?}\n{text}");
            let without: BTreeSet<FacilityId> = cut.cut.facilities.iter().copied().collect();
            // Removing the cut leaves no route, whatever else holds.
            assert!(!routes_left(&m, &q, &without, hops), "{context}");
            let brute = brute_force_cut(&m, &q, hops);
            assert!(cut.cut.facilities.len() >= brute, "{context}");
            // The disjoint routes are routes, share no facility, and bound the cut from below.
            assert!(cut.cut.disjoint.len() <= brute, "{context}");
            let mut used = BTreeSet::new();
            for route in &cut.cut.disjoint {
                let only: BTreeSet<FacilityId> = route.iter().copied().collect();
                assert!(only.iter().all(|x| used.insert(*x)), "{context}");
                let others = m.facility_ids().filter(|x| !only.contains(x)).collect();
                assert!(routes_left(&m, &q, &others, hops), "{context}");
            }
            several += usize::from(cut.cut.disjoint.len() < brute);
            if cut.exact {
                assert_eq!(cut.cut.facilities.len(), brute, "{context}");
                exact += 1;
            }
            // A single point of failure is one facility that alone breaks every route.
            for &x in &cut.cut.single_points {
                assert!(!routes_left(&m, &q, &[x].into(), hops), "{context}");
            }
            if brute == 1 {
                let alone = m
                    .facility_ids()
                    .filter(|&x| !routes_left(&m, &q, &[x].into(), hops))
                    .count();
                assert_eq!(cut.cut.single_points.len(), alone, "{context}");
            }
            cases += 1;
            nonzero += usize::from(brute > 0);
            wide += usize::from(brute > 1);
        }
    }
    eprintln!(
        "{exact} exact, {nonzero} with routes, {wide} wide, {several} past the flow, of {cases}"
    );
    // Most cases are decided exactly; many have routes to cut, some more than one way.
    assert!(exact * 10 >= cases * 9, "{exact} of {cases} exact");
    assert!(nonzero * 3 >= cases, "{nonzero} of {cases} with routes");
    assert!(wide * 10 >= cases, "{wide} of {cases} with a cut above one");
    // Some where facilities in two roles keep the flow's bound below the cut.
    assert!(several > 0, "no case past the flow");
}

#[test]
fn the_graph_holds_every_facility_that_starts_or_ends_a_route() {
    let m = model(&chain(
        &[
            ("m1", "AA", "mining"),
            ("s1", "AA", "separation"),
            ("g1", "AA", "magnets"),
        ],
        &[("m1", "s1"), ("s1", "g1")],
    ));
    let g = route_graph(&m, &every(&m), &RouteOptions::default(), &BTreeSet::new());
    let facilities = |roles: &[usize]| roles.iter().map(|&r| g.roles[r]).collect::<Vec<_>>();
    assert_eq!(ids(&m, &facilities(&g.starts)), ["m1"]);
    assert_eq!(ids(&m, &facilities(&g.ends)), ["g1"]);
    assert_eq!(g.recorded.len(), 2);
    assert!(g.several_roles.is_empty());
}

#[test]
fn every_threshold_source_is_in_the_built_in_model() {
    let m = model(EMBEDDED_YAML);
    for t in ALL {
        assert!(m.source_by_id(t.source).is_some(), "{}", t.source);
    }
}

#[test]
fn excluding_china_names_the_plants_that_end_every_recorded_route() {
    let out = rechain(&["-q", "resilience", "--exclude", "CN", "--format", "json"]);
    assert!(out.status.success(), "{out:?}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let cut = json["route_cut"]["recorded"]["cut"].as_array().unwrap();
    let routes = json["route_cut"]["recorded"]["routes"].as_u64().unwrap();
    assert_eq!(cut.is_empty(), routes == 0, "{json}");
    // Taking the named plants out with `routes` leaves no recorded route outside China.
    let list: Vec<&str> = cut.iter().filter_map(|v| v.as_str()).collect();
    if !list.is_empty() {
        let joined = list.join(",");
        let out = rechain(&[
            "-q",
            "routes",
            "--exclude",
            "CN",
            "--exclude-facility",
            &joined,
            "--format",
            "json",
        ]);
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json["recorded"], 0, "{json}");
        assert_eq!(
            json["without_facilities"].as_array().unwrap().len(),
            list.len()
        );
    }
    // Every stage cites its thresholds' sources and says coverage is not compared.
    let text = rechain(&["-q", "resilience", "--exclude", "CN", "--width", "100"]);
    let text = String::from_utf8(text.stdout).unwrap();
    for needle in [
        "[us-merger-guidelines-2023]",
        "[cepii-geodep]",
        "[eu-crma-2024]",
        "not compared",
        "Recorded routes",
    ] {
        assert!(text.contains(needle), "{needle}\n{text}");
    }
}

#[test]
fn an_unknown_facility_id_is_refused() {
    let out = rechain(&["-q", "routes", "--exclude-facility", "no-such-plant"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no facility with id `no-such-plant`"), "{err}");
}

#[test]
fn an_unknown_stage_is_refused() {
    let out = rechain(&["-q", "resilience", "nowhere"]);
    assert_eq!(out.status.code(), Some(1));
}
