//! Concentration, exclusion and routes on tests/fixtures/routes.yaml, against answers worked
//! out by hand (the fixture's comments and the numbers below go together).

use std::collections::BTreeSet;
use std::fmt::Write;
use std::path::PathBuf;

use rechain::analysis::concentration::concentration;
use rechain::analysis::ownership::ExcludeBy;
use rechain::analysis::routes::{
    Break, MAX_LIMIT, Route, RouteOptions, RouteQuery, StageGap, StatusFilter, Via, find_routes,
    find_routes_with,
};
use rechain::analysis::whatif::Exclusion;
use rechain::model::load::{load, load_text};
use rechain::model::lookup::Unknown;
use rechain::model::{
    CountryId, EntityRef, FacilityId, LookupError, Model, Origin, Party, StageId, Status,
};
use rechain::present::lookup::lookup_message;

fn fixture() -> Model {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/routes.yaml");
    load(&Origin::File(path)).expect("fixture loads")
}

fn countries(m: &Model, codes: &[&str]) -> BTreeSet<CountryId> {
    codes
        .iter()
        .map(|c| m.country_by_code(c).expect(c))
        .collect()
}

fn query(m: &Model, excluded: &[&str], status: StatusFilter) -> RouteQuery {
    RouteQuery {
        excluded: countries(m, excluded),
        by: ExcludeBy::default(),
        status,
    }
}

fn ids(m: &Model, route: &Route) -> Vec<String> {
    route
        .facilities()
        .map(|x| m.facility(x).id.clone())
        .collect()
}

fn block<'a>(m: &'a Model, stage: &str, year: u16) -> &'a rechain::model::ShareBlock {
    let s = m.stage_by_id(stage).expect(stage);
    m.stage(s)
        .shares
        .iter()
        .find(|b| b.year == Some(year))
        .expect("block")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn hhi_and_top3_of_a_quantity_block() {
    // 280,000 / 40,000 / 20,000 of 400,000 t: 70 %, 10 %, 5 %; 15 % unreported.
    let m = fixture();
    let c = concentration(block(&m, "mining", 2025));
    let (top, share) = c.top1.expect("a leader");
    assert_eq!(m.country(top).code, "CN");
    assert!(close(share, 70.0));
    assert!(close(c.top3, 85.0));
    assert!(close(c.hhi, 4900.0 + 100.0 + 25.0));
    assert!(close(c.unreported, 15.0));
}

#[test]
fn hhi_and_top3_of_percent_blocks() {
    let m = fixture();
    let c = concentration(block(&m, "mining", 2023));
    assert!(close(c.top3, 68.0 + 12.0 + 6.0));
    assert!(close(c.hhi, 4624.0 + 144.0 + 36.0 + 16.0));
    assert!(close(c.unreported, 10.0));

    let c = concentration(block(&m, "separation", 2024));
    assert!(close(c.top3, 97.0));
    assert!(close(c.hhi, 8100.0 + 25.0 + 4.0));
    assert!(close(c.unreported, 3.0));

    let c = concentration(block(&m, "metal", 2024));
    assert!(close(c.top3, 100.0));
    assert!(close(c.hhi, 8100.0 + 25.0 + 25.0));
    assert!(close(c.unreported, 0.0));

    let c = concentration(block(&m, "magnets", 2024));
    assert!(close(c.top3, 99.0));
    assert!(close(c.hhi, 8836.0 + 25.0));
}

#[test]
fn exclusion_takes_out_only_the_excluded_shares() {
    let m = fixture();
    let left = |block, codes: &[&str]| {
        let set = countries(&m, codes);
        Exclusion::new(&set, ExcludeBy::default())
            .left(block)
            .percent
    };
    let mining = block(&m, "mining", 2025);
    assert!(close(left(mining, &[]), 100.0));
    assert!(close(left(mining, &["CN"]), 30.0));
    assert!(close(left(mining, &["CN", "US"]), 20.0));
    // Malaysia is not in this block: nothing to take out.
    assert!(close(left(mining, &["MY"]), 100.0));
    // Everyone listed is out; the unreported 3 % remains.
    let separation = block(&m, "separation", 2024);
    assert!(close(left(separation, &["CN", "MY", "JP"]), 3.0));
    let metal = block(&m, "metal", 2024);
    assert!(close(left(metal, &["CN", "VN", "JP"]), 0.0));
}

#[test]
fn country_lists_parse_and_unknown_codes_name_the_near_miss() {
    let m = fixture();
    let parse = |list: &str| m.find_countries(list).map_err(|e| lookup_message(&m, &e));
    assert_eq!(parse("CN,MY"), Ok(countries(&m, &["CN", "MY"])));
    assert_eq!(parse(" cn , my ,"), Ok(countries(&m, &["CN", "MY"])));
    assert_eq!(parse(""), Ok(BTreeSet::new()));
    assert_eq!(parse("CH"), Err("`CH`: did you mean `CN`?".to_owned()));
    assert_eq!(
        parse("US,QQQQ,Chna"),
        Err("`QQQQ`: no such country in the model; `Chna`: did you mean `China`?".to_owned())
    );
    assert_eq!(
        m.find_country("china"),
        Ok(m.country_by_code("CN").unwrap())
    );
    assert_eq!(
        m.find_country("CN,MY").map_err(|e| lookup_message(&m, &e)),
        Err("give one country code or name".to_owned())
    );
}

#[test]
fn stages_and_links_are_found_by_the_text_a_reader_types() {
    let m = fixture();
    let metal = m.stage_by_id("metal").unwrap();
    assert_eq!(m.find_stage("metal"), Ok(metal));
    assert_eq!(m.find_stage("METAL & ALLOY"), Ok(metal));
    let err = m.find_stage("metl").unwrap_err();
    assert_eq!(
        err,
        LookupError::UnknownStage(Unknown {
            text: "metl".into(),
            near: Some("metal".into())
        })
    );
    assert!(
        lookup_message(&m, &err)
            .starts_with("unknown stage `metl`; did you mean `metal`? (stages: mining, "),
        "{}",
        lookup_message(&m, &err)
    );
    // `link-N` is the id rechain prints for the N-th link; it reads back to that link.
    assert!(!m.links().is_empty());
    for l in m.link_ids() {
        let id = m.entity_id(EntityRef::Link(l));
        assert_eq!(m.entity_by_id(&id), Some(EntityRef::Link(l)), "{id}");
    }
    let past = format!("link-{}", m.links().len() + 1);
    assert_eq!(m.entity_by_id(&past), None);
    assert_eq!(m.entity_by_id("link-0"), None);
    assert_eq!(m.entity_by_id("metal"), Some(EntityRef::Stage(metal)));
}

#[test]
fn best_routes_are_recorded_and_wide() {
    let m = fixture();
    let report = find_routes(&m, &query(&m, &[], StatusFilter::Operating));
    // Mines entering at mining: cn-mine and au-mine (then 10 ways on), us-mine (then 4).
    assert_eq!(report.total, 24);
    assert_eq!(report.routes.len(), 10);
    assert!(report.breaks.is_empty());

    // Two chains have every hop recorded; the Chinese one has every capacity, the other lacks
    // jp-metal's.
    let first = &report.routes[0];
    assert_eq!(
        ids(&m, first),
        ["cn-mine", "cn-separator", "cn-magnet-plant"]
    );
    assert_eq!(
        first.steps[1].stages.len(),
        2,
        "cn-separator makes oxide and metal"
    );
    let second = &report.routes[1];
    assert_eq!(
        ids(&m, second),
        ["au-mine", "my-separator", "jp-metal", "jp-magnet-plant"]
    );
    let vias: Vec<&str> = second.hops.iter().map(|h| h.via.as_str()).collect();
    assert_eq!(vias, ["link", "link", "same firm"]);
    // The second hop follows the firm-level offtake link southern -> jp-magnets.
    let Via::Link(l) = second.hops[1].via else {
        panic!("a link hop")
    };
    assert_eq!(
        m.link(l).from,
        Party::Firm(m.firm_by_id("southern").unwrap())
    );
    // Its capacities are in three units: no bottleneck is named.
    assert_eq!(second.bottleneck, None);
    assert!(!second.comparable());
    assert_eq!(second.units, ["t REO/yr", "t oxide/yr", "t NdFeB/yr"]);
    let jp_metal = m
        .facility_ids()
        .find(|&x| m.facility(x).id == "jp-metal")
        .unwrap();
    assert_eq!(second.without_capacity, [jp_metal]);

    // Then one hop by stage order, every capacity known; capacities in different units are
    // not ranked, so ties keep model order: cn-separator on to the other magnet plant.
    assert_eq!(
        ids(&m, &report.routes[2]),
        ["cn-mine", "cn-separator", "jp-magnet-plant"]
    );
    assert_eq!(report.routes[2].hops[1].via, Via::StageOrder);
    assert!(report.routes[2].without_capacity.is_empty());
}

#[test]
fn excluding_china_keeps_only_routes_without_a_chinese_facility() {
    let m = fixture();
    let cn = m.country_by_code("CN").unwrap();
    let report = find_routes(&m, &query(&m, &["CN"], StatusFilter::Operating));
    assert_eq!(report.total, 3);
    let mut found: Vec<Vec<String>> = report.routes.iter().map(|r| ids(&m, r)).collect();
    found.sort();
    assert_eq!(
        found,
        [
            vec!["au-mine", "my-separator", "jp-metal", "jp-magnet-plant"],
            vec!["au-mine", "us-mine", "jp-metal", "jp-magnet-plant"],
            vec!["us-mine", "jp-metal", "jp-magnet-plant"],
        ]
    );
    for r in &report.routes {
        assert!(!r.countries.contains(&cn));
        assert!(r.facilities().all(|x| m.facility(x).country != cn));
    }
}

#[test]
fn exclusion_breaks_the_chain_at_metal_and_magnets() {
    let m = fixture();
    let report = find_routes(&m, &query(&m, &["CN", "JP"], StatusFilter::Operating));
    assert_eq!(report.total, 0);
    assert!(report.routes.is_empty());
    let (cn, jp) = (
        m.country_by_code("CN").unwrap(),
        m.country_by_code("JP").unwrap(),
    );
    assert_eq!(
        report.breaks,
        [
            Break::EmptyStage(StageGap {
                stage: m.stage_by_id("metal").unwrap(),
                facilities: 4,
                excluded: vec![(cn, 1), (jp, 1)],
                filtered: vec![(Status::Construction, 1), (Status::Announced, 1)],
                other_products: 0,
                removed: 0,
            }),
            Break::EmptyStage(StageGap {
                stage: m.stage_by_id("magnets").unwrap(),
                facilities: 3,
                excluded: vec![(cn, 1), (jp, 1)],
                filtered: vec![(Status::Announced, 1)],
                other_products: 0,
                removed: 0,
            }),
        ]
    );
    assert_eq!(
        rechain::present::routes::break_text(&m, &report.breaks[1]),
        "Magnets: none of its 3 facilities is left: 2 excluded (CN 1, JP 1); \
         1 not admitted by status (1 announced)"
    );
}

#[test]
fn every_kind_of_break_reads_as_one_sentence_with_its_counts_agreeing() {
    let m = fixture();
    let (metal, magnets, mining) = (
        m.stage_by_id("metal").unwrap(),
        m.stage_by_id("magnets").unwrap(),
        m.stage_by_id("mining").unwrap(),
    );
    let text = |b: Break| rechain::present::routes::break_text(&m, &b);
    let gap = |facilities, other_products| {
        Break::EmptyStage(StageGap {
            stage: metal,
            facilities,
            excluded: Vec::new(),
            filtered: Vec::new(),
            other_products,
            removed: 0,
        })
    };
    assert_eq!(
        text(gap(1, 1)),
        "Metal & alloy: none of its 1 facility is left: 1 makes nothing this stage makes"
    );
    assert_eq!(
        text(gap(2, 2)),
        "Metal & alloy: none of its 2 facilities is left: 2 make nothing this stage makes"
    );
    assert_eq!(
        text(gap(0, 0)),
        "Metal & alloy: the model has no facility at this stage"
    );
    assert_eq!(
        text(Break::NoStagePath {
            from: magnets,
            to: mining
        }),
        "no stage path: following stage inputs from Magnets never reaches Mining"
    );
    assert_eq!(text(Break::NoStages), "the model has no stages");
}

#[test]
fn a_route_exists_only_with_planned_plants() {
    let m = fixture();
    let report = find_routes(&m, &query(&m, &["CN", "JP"], StatusFilter::All));
    // au-mine: my-separator or us-mine, then us-magnet-plant or vn-metal + us-magnet-plant (4);
    // us-mine: us-magnet-plant, or vn-metal + us-magnet-plant (2).
    assert_eq!(report.total, 6);
    assert_eq!(report.routes.len(), 6);
    let planned = m
        .facility_ids()
        .find(|&x| m.facility(x).id == "us-magnet-plant")
        .unwrap();
    let vn = m
        .facility_ids()
        .find(|&x| m.facility(x).id == "vn-metal")
        .unwrap();
    for r in &report.routes {
        assert!(r.facilities().any(|x| x == planned));
        assert!(r.not_producing.contains(&planned));
    }
    // Routes needing one plant that is not producing rank before those needing two.
    let pending: Vec<usize> = report
        .routes
        .iter()
        .map(|r| r.not_producing.len())
        .collect();
    assert_eq!(pending, [1, 1, 1, 2, 2, 2]);
    assert!(
        report.routes[3..]
            .iter()
            .all(|r| r.facilities().any(|x| x == vn))
    );
    // us-magnet-plant covers metal and magnets, unless vn-metal made the metal.
    let direct = report
        .routes
        .iter()
        .find(|r| ids(&m, r) == ["us-mine", "us-magnet-plant"])
        .expect("the Mesa route");
    assert_eq!(direct.hops[0].via, Via::SameFirm);
    assert_eq!(direct.steps[1].stages.len(), 2);
}

#[test]
fn link_cycles_do_not_loop() {
    // The fixture's links run au-mine -> my-separator -> (southern -> jp-magnets) -> ... ->
    // jp-magnet-plant -> southern: a cycle. Every route still covers each stage once, in order.
    let m = fixture();
    let options = RouteOptions {
        limit: MAX_LIMIT,
        ..RouteOptions::default()
    };
    let report = find_routes_with(&m, &query(&m, &[], StatusFilter::All), &options);
    let path: Vec<StageId> = ["mining", "concentration", "separation", "metal", "magnets"]
        .iter()
        .map(|s| m.stage_by_id(s).unwrap())
        .collect();
    assert_eq!(report.stage_paths, std::slice::from_ref(&path));
    assert_eq!(report.routes.len() as u128, report.total);
    for r in &report.routes {
        let covered: Vec<StageId> = r.steps.iter().flat_map(|s| s.stages.clone()).collect();
        assert_eq!(covered, path);
        let mut seen = BTreeSet::new();
        assert!(r.facilities().all(|x| seen.insert(x)), "{:?}", ids(&m, r));
    }
}

#[test]
fn two_facilities_supplying_each_other() {
    let text = r"
version: 1
meta: { title: Cycle, as_of: 2026-01-01 }
sources: { s: { publisher: P, title: T, year: 2026 } }
countries: { US: United States }
stages:
  - { id: mining, name: Mining }
  - { id: magnets, name: Magnets }
firms:
  - id: a
    name: A
    hq: US
    summary: Miner.
    facilities: [{ id: a-mine, name: A mine, country: US, stages: [mining], status: operating }]
  - id: b
    name: B
    hq: US
    summary: Magnet maker.
    facilities: [{ id: b-plant, name: B plant, country: US, stages: [magnets], status: operating }]
links:
  - { from: a-mine, to: b-plant, kind: supplies, source: s }
  - { from: b-plant, to: a-mine, kind: supplies, source: s }
";
    let m = load_text(text, Origin::Embedded).expect("valid");
    let report = find_routes(&m, &query(&m, &[], StatusFilter::Operating));
    assert_eq!(report.total, 1);
    assert_eq!(ids(&m, &report.routes[0]), ["a-mine", "b-plant"]);
    assert!(matches!(report.routes[0].hops[0].via, Via::Link(l) if l.index() == 0));
}

#[test]
fn limit_and_stage_ends() {
    let m = fixture();
    let q = query(&m, &[], StatusFilter::Operating);
    let two = find_routes_with(
        &m,
        &q,
        &RouteOptions {
            limit: 2,
            ..RouteOptions::default()
        },
    );
    assert_eq!((two.routes.len(), two.total), (2, 24));
    assert_eq!(two.routes, find_routes(&m, &q).routes[..2]);

    // Separation to metal: cn-separator covers both (1); my-separator and us-mine are each
    // followed by cn-separator or jp-metal (2 + 2).
    let short = find_routes_with(
        &m,
        &q,
        &RouteOptions {
            limit: 10,
            from: m.stage_by_id("separation"),
            to: m.stage_by_id("metal"),
        },
    );
    assert_eq!(short.total, 5);
    assert_eq!(ids(&m, &short.routes[0]), ["cn-separator"]);
}

#[test]
fn a_model_without_stages_says_so() {
    let text = "version: 1\nmeta: { title: Empty, as_of: 2026-01-01 }\n";
    let m = load_text(text, Origin::Embedded).expect("valid");
    let report = find_routes(&m, &query(&m, &[], StatusFilter::All));
    assert_eq!(report.breaks, [Break::NoStages]);
    assert_eq!(report.total, 0);
}

/// Every route, by brute force, with the ranking keys the module documents.
type Rank = (u32, u32, u32);

/// With `products` false, hops ignore whether products fit (to show that the rule cuts some).
fn all_routes(
    m: &Model,
    q: &RouteQuery,
    path: &[StageId],
    products: bool,
) -> Vec<(Rank, Vec<FacilityId>)> {
    fn known(m: &Model, a: FacilityId, b: FacilityId) -> bool {
        let (fa, fb) = (m.facility(a).firm, m.facility(b).firm);
        fa == fb
            || m.links().iter().any(|l| {
                l.kind.carries_material()
                    && (l.from == Party::Facility(a) || l.from == Party::Firm(fa))
                    && (l.to == Party::Facility(b) || l.to == Party::Firm(fb))
            })
    }
    fn walk(
        m: &Model,
        q: &RouteQuery,
        path: &[StageId],
        products: bool,
        at: usize,
        chain: &mut Vec<FacilityId>,
        out: &mut Vec<Vec<FacilityId>>,
    ) {
        if at == path.len() {
            out.push(chain.clone());
            return;
        }
        for (x, f) in rechain::model::indexed(m.facilities()) {
            let covers = |p: usize| rechain::analysis::plants::does_stage(m, x, path[p]);
            if !covers(at) || q.excluded.contains(&f.country) || !q.status.admits(f.status) {
                continue;
            }
            let mut next = at;
            while next < path.len() && covers(next) {
                next += 1;
            }
            if products && !rechain::analysis::routes::products::feeds(m, chain, x) {
                continue;
            }
            chain.push(x);
            walk(m, q, path, products, next, chain, out);
            chain.pop();
        }
    }
    let mut chains = Vec::new();
    walk(m, q, path, products, 0, &mut Vec::new(), &mut chains);
    chains
        .into_iter()
        .map(|c| {
            let pending = c
                .iter()
                .filter(|&&x| !matches!(m.facility(x).status, Status::Operating | Status::Ramping))
                .count() as u32;
            let unknown = c.windows(2).filter(|w| !known(m, w[0], w[1])).count() as u32;
            // Each facility covers from where the one before stopped while it does the stage;
            // a capacity counts only at a stage it covers there.
            let mut at = 0;
            let mut missing = 0;
            for &x in &c {
                let f = &m.facility(x);
                let mut has = false;
                while at < path.len() && rechain::analysis::plants::does_stage(m, x, path[at]) {
                    has |= f.capacity_at(path[at]).is_some();
                    at += 1;
                }
                missing += u32::from(!has);
            }
            ((unknown, pending, missing), c)
        })
        .collect()
}

#[test]
fn counts_and_ranking_agree_with_brute_force() {
    let m = fixture();
    let path = &find_routes(&m, &query(&m, &[], StatusFilter::All)).stage_paths[0];
    for excluded in [&[][..], &["CN"], &["JP"], &["MY", "US"], &["CN", "JP"]] {
        for status in [StatusFilter::Operating, StatusFilter::All] {
            let q = query(&m, excluded, status);
            let mut brute = all_routes(&m, &q, path, true);
            brute.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap());
            for limit in [1, 3, 50] {
                let options = RouteOptions {
                    limit,
                    ..RouteOptions::default()
                };
                let report = find_routes_with(&m, &q, &options);
                assert_eq!(report.total, brute.len() as u128, "{excluded:?} {status:?}");
                let recorded = brute.iter().filter(|(rank, _)| rank.0 == 0).count();
                assert_eq!(report.recorded, recorded as u128, "{excluded:?} {status:?}");
                assert_eq!(report.routes.len(), brute.len().min(limit));
                for (i, r) in report.routes.iter().enumerate() {
                    let chain: Vec<FacilityId> = r.facilities().collect();
                    let (key, _) = brute
                        .iter()
                        .find(|(_, c)| *c == chain)
                        .expect("a real route");
                    assert_eq!(*key, brute[i].0, "rank {i} for {excluded:?} {status:?}");
                }
            }
        }
    }
}

/// `, products: [...]` with a product, or none, for each stage a facility covers (`mining` to
/// `magnets`); unknown products fit anything.
fn random_products(covered: &[&str], below: &mut impl FnMut(u64) -> u64) -> String {
    let made: [(&str, &[&str]); 5] = [
        ("mining", &["RE ore"]),
        ("concentration", &["RE concentrate"]),
        (
            "separation",
            &["NdPr oxide", "Sm oxide", "Dy oxide", "RE oxides"],
        ),
        ("metal", &["NdPr metal", "Sm metal", "DyFe alloy"]),
        ("magnets", &["NdFeB magnets", "SmCo magnets"]),
    ];
    let products: Vec<&str> = covered
        .iter()
        .filter_map(|s| {
            let (_, choice) = made.iter().find(|(stage, _)| stage == s)?;
            let i = below(choice.len() as u64 + 1) as usize;
            choice.get(i).copied()
        })
        .collect();
    if products.is_empty() {
        String::new()
    } else {
        format!(", products: [{}]", products.join(", "))
    }
}

/// A small random chain: facilities covering one to three stages (sometimes with a gap),
/// random statuses, capacities and products, links between facilities and between firms.
fn random_chain(seed: u64) -> String {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut below = |n: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n
    };
    let stages = ["mining", "concentration", "separation", "metal", "magnets"];
    let statuses = ["operating", "ramping", "planned", "construction", "closed"];
    let mut text = String::from(
        "version: 1\nmeta: { title: Random, as_of: 2026-01-01 }\n\
         sources: { s: { publisher: P, title: T, year: 2026 } }\n\
         countries: { AA: A, BB: B, CC: C }\n\
         elements:\n\
         \x20 - { symbol: Pr, name: Praseodymium, number: 59, usgs: light, cn: light }\n\
         \x20 - { symbol: Nd, name: Neodymium, number: 60, usgs: light, cn: light }\n\
         \x20 - { symbol: Sm, name: Samarium, number: 62, usgs: light, cn: light }\n\
         \x20 - { symbol: Dy, name: Dysprosium, number: 66, usgs: heavy, cn: heavy }\n\
         stages:\n",
    );
    for s in stages {
        let _ = writeln!(text, "  - {{ id: {s}, name: {s} }}");
    }
    text.push_str("firms:\n");
    let firms = 5;
    let mut facilities = Vec::new();
    for f in 0..firms {
        let _ = writeln!(
            text,
            "  - id: firm{f}\n    name: Firm {f}\n    hq: AA\n    summary: S.\n    facilities:"
        );
        for k in 0..=below(3) {
            let first = below(5) as usize;
            let mut covered = vec![stages[first]];
            if below(3) == 0 && first + 1 < 5 {
                covered.push(stages[first + 1]);
            }
            if below(4) == 0 && first + 2 < 5 {
                covered.push(stages[first + 2]);
            }
            let products = random_products(&covered, &mut below);
            let id = format!("x{f}-{k}");
            // Sometimes the capacity of its first stage, not of the last (the default).
            let capacity = match below(3) {
                0 => String::new(),
                _ => format!(
                    ", capacity: {{ {}value: {}, unit: t, source: s }}",
                    if below(3) == 0 {
                        format!("stage: {}, ", covered[0])
                    } else {
                        String::new()
                    },
                    100 * (1 + below(5))
                ),
            };
            let _ = writeln!(
                text,
                "      - {{ id: {id}, name: {id}, country: {}, stages: [{}], status: {}{capacity}{products} }}",
                ["AA", "BB", "CC"][below(3) as usize],
                covered.join(", "),
                statuses[below(5) as usize],
            );
            facilities.push(id);
        }
    }
    text.push_str("links:\n");
    for _ in 0..8 {
        let party = |i: u64, facilities: &[String]| -> String {
            if i.is_multiple_of(4) {
                format!("firm{}", i % firms)
            } else {
                facilities[(i as usize) % facilities.len()].clone()
            }
        };
        let (a, b) = (party(below(40), &facilities), party(below(40), &facilities));
        let kind = ["supplies", "offtake", "investment"][below(3) as usize];
        if a != b {
            let _ = writeln!(
                text,
                "  - {{ from: {a}, to: {b}, kind: {kind}, source: s }}"
            );
        }
    }
    text
}

#[test]
fn random_chains_agree_with_brute_force() {
    // Cases where the limit cuts the list and some route has a recorded hop: the ones that
    // exercise the k-best merging.
    let mut rich = 0;
    // Cases where products that do not fit take routes away.
    let mut cut = 0;
    for seed in 0..250 {
        let text = random_chain(seed);
        let m = load_text(&text, Origin::Embedded)
            .unwrap_or_else(|e| panic!("seed {seed}: {e}\n{text}"));
        let path: Vec<StageId> = m.stage_ids().collect();
        for excluded in [&[][..], &["BB"]] {
            for status in [StatusFilter::Operating, StatusFilter::All] {
                let q = query(&m, excluded, status);
                let mut brute = all_routes(&m, &q, &path, true);
                if all_routes(&m, &q, &path, false).len() > brute.len() {
                    cut += 1;
                }
                brute.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap());
                if brute.len() > 5 && brute.iter().any(|(k, c)| (k.0 as usize) + 1 < c.len()) {
                    rich += 1;
                }
                for limit in [1, 2, 5, MAX_LIMIT] {
                    let options = RouteOptions {
                        limit,
                        ..RouteOptions::default()
                    };
                    let report = find_routes_with(&m, &q, &options);
                    let context = format!("seed {seed} {excluded:?} {status:?} limit {limit}");
                    assert_eq!(report.total, brute.len() as u128, "{context}");
                    let recorded = brute.iter().filter(|(k, _)| k.0 == 0).count();
                    assert_eq!(report.recorded, recorded as u128, "{context}");
                    assert_eq!(report.routes.len(), brute.len().min(limit), "{context}");
                    assert_eq!(report.breaks.is_empty(), !brute.is_empty(), "{context}");
                    for (i, r) in report.routes.iter().enumerate() {
                        let chain: Vec<FacilityId> = r.facilities().collect();
                        let (key, _) = brute
                            .iter()
                            .find(|(_, c)| *c == chain)
                            .unwrap_or_else(|| panic!("{context}: not a route {chain:?}"));
                        assert_eq!(*key, brute[i].0, "{context}: rank {i}");
                    }
                    let distinct: BTreeSet<Vec<(FacilityId, Vec<StageId>)>> = report
                        .routes
                        .iter()
                        .map(|r| {
                            r.steps
                                .iter()
                                .map(|s| (s.facility, s.stages.clone()))
                                .collect()
                        })
                        .collect();
                    assert_eq!(distinct.len(), report.routes.len(), "{context}: repeats");
                }
            }
        }
    }
    assert!(rich >= 80, "only {rich} cases exercise the ranking");
    assert!(cut >= 80, "only {cut} cases exercise the product rule");
}

#[test]
fn embedded_model_routes_without_china_use_no_chinese_facility() {
    let m = load(&Origin::Embedded).expect("embedded model");
    let Some(cn) = m.country_by_code("CN") else {
        return;
    };
    let options = RouteOptions {
        limit: MAX_LIMIT,
        ..RouteOptions::default()
    };
    for status in [StatusFilter::Operating, StatusFilter::All] {
        let with = find_routes_with(&m, &query(&m, &[], status), &options);
        let without = find_routes_with(&m, &query(&m, &["CN"], status), &options);
        assert!(without.total <= with.total);
        for r in &without.routes {
            assert!(r.facilities().all(|x| m.facility(x).country != cn));
            assert!(!r.countries.contains(&cn));
        }
        if without.total == 0 {
            assert!(!without.breaks.is_empty(), "no route must say why");
        }
    }
}

#[test]
fn embedded_model_without_china_feeds_no_ndpr_into_a_smco_only_plant() {
    use rechain::analysis::routes::products::product_elements;
    let m = load(&Origin::Embedded).expect("embedded model");
    let symbols = |x: FacilityId| -> Vec<&str> {
        product_elements(&m, x)
            .unwrap_or_default()
            .iter()
            .map(|&e| m.element(e).symbol.as_str())
            .collect()
    };
    let smco_only: Vec<FacilityId> = m.facility_ids().filter(|&x| symbols(x) == ["Sm"]).collect();
    assert!(!smco_only.is_empty(), "the model has SmCo-only plants");
    for status in [StatusFilter::Operating, StatusFilter::All] {
        let q = query(&m, &["CN"], status);
        let report = find_routes(&m, &q);
        let mut ends_at_smco = 0;
        let mut total = 0u128;
        for path in &report.stage_paths {
            for (_, chain) in all_routes(&m, &q, path, true) {
                total += 1;
                let Some((&last, before)) = chain.split_last() else {
                    continue;
                };
                if !smco_only.contains(&last) {
                    continue;
                }
                ends_at_smco += 1;
                // What reaches the plant: the nearest facility before it with known products.
                let reaching = before
                    .iter()
                    .rev()
                    .map(|&x| symbols(x))
                    .find(|s| !s.is_empty());
                let chain_ids: Vec<&str> =
                    chain.iter().map(|&x| m.facility(x).id.as_str()).collect();
                assert!(
                    reaching.as_ref().is_none_or(|s| s.contains(&"Sm")),
                    "{chain_ids:?} feeds {reaching:?} into a SmCo-only plant"
                );
            }
        }
        // SmCo plants are still reached, by what names samarium or nothing.
        assert!(ends_at_smco > 0, "{status:?}");
        assert_eq!(
            report.total, total,
            "{status:?}: the search counts what brute force finds"
        );
    }
}

fn products_fixture() -> Model {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/products.yaml");
    load(&Origin::File(path)).expect("fixture loads")
}

#[test]
fn routes_feed_ndpr_only_to_ndfeb_even_through_a_plant_with_unknown_products() {
    let m = products_fixture();
    let report = find_routes(&m, &query(&m, &[], StatusFilter::Operating));
    // Of the four ways through the metal plant, NdPr -> SmCo and Sm -> NdFeB do not fit.
    assert_eq!(report.total, 2);
    let mut routes: Vec<Vec<String>> = report.routes.iter().map(|r| ids(&m, r)).collect();
    routes.sort();
    assert_eq!(
        routes,
        [
            ["mine", "ndpr-separator", "metal-plant", "ndfeb-plant"],
            ["mine", "sm-separator", "metal-plant", "smco-plant"],
        ]
    );
    // Capacities in one unit (after trimming) name a bottleneck; in several, none.
    let ndpr = report
        .routes
        .iter()
        .find(|r| ids(&m, r)[1] == "ndpr-separator")
        .expect("the NdPr route");
    assert_eq!(ndpr.units, ["t NdFeB/yr"]);
    let b = ndpr.bottleneck.as_ref().expect("a bottleneck");
    assert_eq!(
        (m.facility(b.facility).id.as_str(), b.value, b.unit.as_str()),
        ("ndfeb-plant", 1000.0, "t NdFeB/yr")
    );
    let sm = report
        .routes
        .iter()
        .find(|r| ids(&m, r)[1] == "sm-separator")
        .expect("the samarium route");
    assert!(!sm.comparable());
    assert_eq!(sm.bottleneck, None);
    assert_eq!(
        sm.units,
        ["t Sm oxide/yr", "t NdFeB/yr", "t SmCo magnets/yr"]
    );
    let q = query(&m, &[], StatusFilter::Operating);
    let view = rechain::present::routes::RoutesView {
        query: &q,
        report: &report,
        wider: None,
    };
    let text = rechain::present::routes::routes_doc(&m, &view).to_plain_text();
    assert!(
        text.contains(
            "bottleneck not comparable: units differ (t Sm oxide/yr, t NdFeB/yr, t SmCo magnets/yr)"
        ),
        "{text}"
    );
    assert!(
        text.contains("bottleneck 1,000 t NdFeB/yr at NdFeB plant"),
        "{text}"
    );

    let path = &report.stage_paths[0];
    let q = query(&m, &[], StatusFilter::Operating);
    assert_eq!(all_routes(&m, &q, path, true).len(), 2);
    assert_eq!(all_routes(&m, &q, path, false).len(), 4);

    // Without the samarium separator and the NdFeB plant, nothing fits: the break names the
    // metal stage, where NdPr reaches only a SmCo plant.
    let report = find_routes(&m, &query(&m, &["FR", "JP"], StatusFilter::Operating));
    assert_eq!(report.total, 0);
    let metal = m.stage_by_id("metal").expect("metal");
    assert_eq!(report.breaks, [Break::Products { stage: metal }]);
    assert_eq!(
        rechain::present::routes::break_text(&m, &report.breaks[0]),
        "Metal & alloy: what its facilities left pass on fits none of those left after it \
         (their products name other rare earths)"
    );
}
