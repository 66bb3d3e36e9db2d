//! Plants, capacity by country, exclusion by owner and honest routes, on a fixture whose
//! answers are worked out by hand (tests/fixtures/capacity.yaml), and the shipped model's
//! non-Chinese magnet makers.

use std::collections::BTreeSet;
use std::process::{Command, Output};

use rechain::analysis::capacity::{Phase, capacity_by_country};
use rechain::analysis::ownership::{ExcludeBy, ExclusionMode, owner_countries};
use rechain::analysis::plants::{Column, PlantQuery, StatusScope, does_stage, plants};
use rechain::analysis::routes::{RouteQuery, StatusFilter, find_routes};
use rechain::analysis::whatif::Exclusion;
use rechain::model::load::load;
use rechain::model::{CountryId, FacilityId, Model, Origin};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/capacity.yaml");

fn model() -> Model {
    load(&Origin::File(FIXTURE.into())).expect("valid fixture")
}

fn set(m: &Model, codes: &[&str]) -> BTreeSet<CountryId> {
    codes
        .iter()
        .map(|c| m.country_by_code(c).expect(c))
        .collect()
}

fn by(mode: ExclusionMode, control: u8) -> ExcludeBy {
    ExcludeBy { mode, control }
}

fn facility(m: &Model, id: &str) -> FacilityId {
    m.facility_ids()
        .find(|&i| m.facility(i).id == id)
        .expect(id)
}

fn ids(m: &Model, list: &[FacilityId]) -> Vec<String> {
    list.iter().map(|&x| m.facility(x).id.clone()).collect()
}

#[test]
fn capacity_is_summed_per_unit_and_phase() {
    let m = model();
    let magnets = m.stage_by_id("magnets").unwrap();
    let r = capacity_by_country(&m, magnets, &BTreeSet::new(), ExcludeBy::default());
    let tables: Vec<(Phase, &str, f64)> = r
        .tables
        .iter()
        .map(|t| (t.phase, t.unit.as_str(), t.total))
        .collect();
    assert_eq!(
        tables,
        [
            (Phase::Operating, "t NdFeB/yr", 4000.0),
            (Phase::Operating, "t magnets/yr", 8000.0),
            (Phase::Pipeline, "t NdFeB/yr", 2000.0),
        ]
    );
    let ndfeb = &r.tables[0];
    let rows: Vec<(&str, f64, f64)> = ndfeb
        .rows
        .iter()
        .map(|row| (m.country(row.country).code.as_str(), row.value, row.share))
        .collect();
    assert_eq!(rows, [("JP", 3000.0, 75.0), ("US", 1000.0, 25.0)]);
    assert_eq!(ids(&m, r.without(Phase::Operating)), ["jp-magnets-2"]);
    assert!(r.without(Phase::Pipeline).is_empty());

    let without_cn = capacity_by_country(&m, magnets, &set(&m, &["CN"]), ExcludeBy::default());
    assert_eq!(
        without_cn.tables.len(),
        2,
        "the t magnets/yr table was China's only"
    );
    assert_eq!(ids(&m, &without_cn.excluded), ["cn-magnets"]);
}

#[test]
fn a_plant_owned_from_china_is_excluded_by_owner_and_kept_by_location() {
    let m = model();
    let ngualla = facility(&m, "peakco-ngualla");
    let cn = set(&m, &["CN"]);
    let codes: Vec<&str> = owner_countries(&m, ngualla, 25)
        .into_iter()
        .map(|c| m.country(c).code.as_str())
        .collect();
    assert_eq!(
        codes,
        ["AU", "CN"],
        "Peakco's HQ, then Dragon's (100% of Peakco)"
    );
    assert!(!Exclusion::new(&cn, by(ExclusionMode::Location, 25)).is_out(&m, ngualla));
    assert!(Exclusion::new(&cn, by(ExclusionMode::Owner, 25)).is_out(&m, ngualla));
    assert!(Exclusion::new(&cn, by(ExclusionMode::Either, 25)).is_out(&m, ngualla));
    // TZ holds 16% of Ngualla: under the threshold, it is not an owner.
    let tz = set(&m, &["TZ"]);
    assert!(!Exclusion::new(&tz, by(ExclusionMode::Owner, 25)).is_out(&m, ngualla));
    assert!(Exclusion::new(&tz, by(ExclusionMode::Owner, 16)).is_out(&m, ngualla));

    let concentration = m.stage_by_id("concentration").unwrap();
    let query = |mode| PlantQuery {
        status: StatusScope::All,
        excluded: cn.clone(),
        by: by(mode, 25),
        sort: Column::Facility,
        ..PlantQuery::default()
    };
    let by_location = plants(&m, concentration, &query(ExclusionMode::Location));
    assert_eq!(ids(&m, &by_location), ["au-mine", "peakco-ngualla"]);
    let by_owner = plants(&m, concentration, &query(ExclusionMode::Owner));
    assert_eq!(ids(&m, &by_owner), ["au-mine"]);
}

#[test]
fn the_control_threshold_decides_a_minority_holder() {
    let m = model();
    let us_sep = facility(&m, "us-sep");
    let cn = set(&m, &["CN"]);
    assert!(!Exclusion::new(&cn, by(ExclusionMode::Owner, 25)).is_out(&m, us_sep));
    assert!(Exclusion::new(&cn, by(ExclusionMode::Owner, 20)).is_out(&m, us_sep));
}

#[test]
fn recorded_and_possible_routes_are_counted_apart() {
    let m = model();
    let q = |mode, control| RouteQuery {
        excluded: set(&m, &["CN"]),
        by: by(mode, control),
        status: StatusFilter::Operating,
    };
    // Mines: Aus mine, Ngualla; separation: US only; metal: US; magnets: US, Magco ×2.
    let r = find_routes(&m, &q(ExclusionMode::Location, 25));
    assert_eq!((r.total, r.recorded), (6, 1));
    let first: Vec<&str> = r.routes[0]
        .facilities()
        .map(|x| m.facility(x).id.as_str())
        .collect();
    assert_eq!(first, ["au-mine", "us-sep", "us-metal", "us-magnets"]);
    assert!(r.routes[0].hops.iter().all(|h| h.via.is_known()));
    assert!(r.routes[1..].iter().all(|r| r.known_hops() < r.hops.len()));

    let r = find_routes(&m, &q(ExclusionMode::Owner, 25));
    assert_eq!((r.total, r.recorded), (3, 1), "Ngualla is out by owner");

    let r = find_routes(&m, &q(ExclusionMode::Owner, 20));
    assert_eq!((r.total, r.recorded), (0, 0), "Usco is out at 20%");
}

#[test]
fn no_recorded_route_is_said_plainly() {
    let m = model();
    let q = RouteQuery {
        excluded: set(&m, &["CN", "AU"]),
        by: ExcludeBy::default(),
        status: StatusFilter::Operating,
    };
    let r = find_routes(&m, &q);
    assert_eq!((r.total, r.recorded), (3, 0));
    let view = rechain::present::routes::RoutesView {
        query: &q,
        report: &r,
        wider: None,
    };
    let text = rechain::present::routes::routes_doc(&m, &view).to_plain_text();
    assert!(text.contains("none recorded"), "{text}");
    assert!(
        text.contains("No recorded route: all 3 need a hop known only by stage order."),
        "{text}"
    );
}

#[test]
fn a_magnet_only_plant_is_never_a_separation_step() {
    let m = model();
    let jp = facility(&m, "jp-magnets");
    assert!(!does_stage(&m, jp, m.stage_by_id("separation").unwrap()));
    assert!(does_stage(&m, jp, m.stage_by_id("magnets").unwrap()));
    let q = RouteQuery {
        excluded: BTreeSet::new(),
        by: ExcludeBy::default(),
        status: StatusFilter::All,
    };
    let options = rechain::analysis::routes::RouteOptions {
        limit: rechain::analysis::routes::MAX_LIMIT,
        ..Default::default()
    };
    let r = rechain::analysis::routes::find_routes_with(&m, &q, &options);
    // Mines 3 × separation 2 × metal 1 × magnets 5 (Magco's plant counted once, for magnets).
    assert_eq!(r.total, 30);
    let separation = m.stage_by_id("separation").unwrap();
    for route in &r.routes {
        for step in &route.steps {
            if step.stages.contains(&separation) {
                assert_ne!(step.facility, jp, "{route:?}");
            }
        }
    }
}

#[test]
fn plants_filter_by_product_and_sort_by_capacity() {
    let m = model();
    let separation = m.stage_by_id("separation").unwrap();
    let q = PlantQuery {
        product: Some("Dy".into()),
        ..PlantQuery::default()
    };
    assert_eq!(ids(&m, &plants(&m, separation, &q)), ["us-sep"]);

    let magnets = m.stage_by_id("magnets").unwrap();
    let q = PlantQuery {
        status: StatusScope::All,
        sort: Column::Capacity,
        ..PlantQuery::default()
    };
    // By unit, then largest first; unknown capacity last.
    assert_eq!(
        ids(&m, &plants(&m, magnets, &q)),
        [
            "jp-magnets",
            "my-magnets",
            "us-magnets",
            "cn-magnets",
            "jp-magnets-2"
        ]
    );
    let pipeline = PlantQuery {
        status: StatusScope::Pipeline,
        ..PlantQuery::default()
    };
    assert_eq!(ids(&m, &plants(&m, magnets, &pipeline)), ["my-magnets"]);
}

fn rechain(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rechain"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run rechain")
}

#[test]
fn capacity_json_carries_tables_and_coverage() {
    let out = rechain(&["-f", FIXTURE, "capacity", "magnets", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["tables"][0]["unit"], "t NdFeB/yr");
    assert_eq!(v["tables"][0]["total"], 4000.0);
    assert_eq!(v["tables"][0]["countries"][0]["country"], "JP");
    assert_eq!(
        v["tables"][0]["countries"][0]["facilities"][0]["capacity"]["source"],
        "cap-fixture"
    );
    assert_eq!(
        v["without_capacity"]["operating"],
        serde_json::json!(["jp-magnets-2"])
    );
}

#[test]
fn plants_cli_excludes_by_owner() {
    let args = |mode: &str| {
        let out = rechain(&[
            "-f",
            FIXTURE,
            "plants",
            "concentration",
            "--exclude",
            "CN",
            "--by",
            mode,
            "--format",
            "csv",
        ]);
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(args("location").contains("peakco-ngualla"));
    assert!(!args("owner").contains("peakco-ngualla"));
}

/// The shipped model: today's non-Chinese magnet makers, with capacities and sources, and
/// nothing planned.
#[test]
fn shipped_magnet_makers_outside_china() {
    let out = rechain(&[
        "-f",
        concat!(env!("CARGO_MANIFEST_DIR"), "/chain.yaml"),
        "plants",
        "magnets",
        "--status",
        "operating",
        "--exclude",
        "CN",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let list = v["plants"].as_array().unwrap();
    assert!(list.len() >= 5, "{v}");
    let ids: Vec<&str> = list
        .iter()
        .map(|p| p["facility"].as_str().unwrap())
        .collect();
    for maker in ["mp-independence", "noveon-san-marcos", "neo-narva-magnets"] {
        assert!(ids.contains(&maker), "{maker} missing from {ids:?}");
    }
    for p in list {
        assert_ne!(p["country"], "CN", "{p}");
        let status = p["status"].as_str().unwrap();
        assert!(status == "operating" || status == "ramping", "{p}");
        if let Some(cap) = p["capacity"].as_object() {
            assert!(cap["source"].as_str().is_some_and(|s| !s.is_empty()), "{p}");
            assert!(cap["unit"].as_str().is_some(), "{p}");
        }
    }
    assert!(
        list.iter().any(|p| p["capacity"].is_object()),
        "some capacities are public"
    );
    let text = rechain(&[
        "-f",
        concat!(env!("CARGO_MANIFEST_DIR"), "/chain.yaml"),
        "plants",
        "magnets",
        "--exclude",
        "CN",
    ]);
    let text = String::from_utf8(text.stdout).unwrap();
    for planned in ["announced", "construction", "commissioning", "financed"] {
        assert!(!text.contains(planned), "{planned} in\n{text}");
    }
    assert!(text.contains("1,000 t NdFeB magnets/yr"), "{text}");
    assert!(text.contains("mp-sec-2025-01-22"), "{text}");
}
