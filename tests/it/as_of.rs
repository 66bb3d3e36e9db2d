//! The model read as of a date, on a fixture with a known history.

use std::process::Command;

use rechain::model::load::load_text;
use rechain::model::{Date, Holder, Model, Origin, Status};

const FIXTURE: &str = include_str!("../fixtures/time.yaml");

fn model() -> Model {
    load_text(FIXTURE, Origin::Embedded).expect("the time fixture is valid")
}

fn at(date: &str) -> Model {
    model().as_of(date.parse::<Date>().unwrap())
}

fn status(m: &Model, facility: &str) -> Option<Status> {
    m.facilities()
        .iter()
        .find(|x| x.id == facility)
        .map(|x| x.status)
}

#[test]
fn a_facility_is_absent_then_announced_then_operating() {
    assert_eq!(status(&at("2023"), "beta-mine"), None);
    assert_eq!(status(&at("2024-06"), "beta-mine"), Some(Status::Announced));
    assert_eq!(
        status(&at("2025-05"), "beta-mine"),
        Some(Status::Construction)
    );
    assert_eq!(status(&at("2025-06"), "beta-mine"), Some(Status::Operating));
    assert_eq!(status(&at("2025"), "beta-mine"), Some(Status::Operating));
    assert_eq!(status(&model(), "beta-mine"), Some(Status::Operating));
}

#[test]
fn an_undated_status_holds_only_from_the_first_dated_evidence_on() {
    // Alpha refinery gives only `status: operating`; its capacity cites a 2024 survey.
    assert_eq!(status(&at("1990"), "alpha-refinery"), Some(Status::Unknown));
    assert_eq!(
        status(&at("2023-12"), "alpha-refinery"),
        Some(Status::Unknown)
    );
    assert_eq!(
        status(&at("2024-06"), "alpha-refinery"),
        Some(Status::Operating)
    );
    assert_eq!(status(&model(), "alpha-refinery"), Some(Status::Operating));
}

#[test]
fn targets_stay_targets_and_undated_statuses_stand() {
    let m = at("2024-06");
    let mine = m.facilities().iter().find(|x| x.id == "beta-mine").unwrap();
    assert!(
        mine.lifecycle
            .iter()
            .any(|e| e.planned && e.status == Status::Operating)
    );
    assert_eq!(
        status(&at("2024-11"), "alpha-refinery"),
        Some(Status::Operating)
    );
    assert_eq!(status(&at("2024-11"), "beta-old"), Some(Status::Operating));
    assert_eq!(status(&at("2025"), "beta-old"), Some(Status::Closed));
}

#[test]
fn ownership_follows_the_date() {
    let current_holders = |m: &Model| -> Vec<String> {
        let beta = m.firms().iter().find(|f| f.id == "beta").unwrap();
        beta.owners
            .iter()
            .filter(|o| o.current)
            .map(|o| match &o.holder {
                Holder::Firm(f) => m.firm(*f).id.clone(),
                other => format!("{other:?}"),
            })
            .collect()
    };
    assert_eq!(current_holders(&at("2025-06-14")), ["alpha"]);
    assert_eq!(current_holders(&at("2025-06-15")), ["gamma"]);
    assert_eq!(current_holders(&at("2019")), Vec::<String>::new());
    let alpha_stakes = |m: &Model| {
        m.firms()
            .iter()
            .find(|f| f.id == "alpha")
            .unwrap()
            .stakes
            .len()
    };
    assert_eq!(alpha_stakes(&at("2024")), 1);
    assert_eq!(alpha_stakes(&at("2026")), 0);
}

#[test]
fn the_headline_block_is_the_latest_not_after_the_date() {
    let headline_year = |m: &Model| {
        let s = m.stage_by_id("mining").unwrap();
        m.headline_block(s).map(|b| m.stage(s).shares[b].year)
    };
    // The 2023 figure is published in 2024's survey: not known in mid-2023.
    assert_eq!(headline_year(&at("2023-06")), None);
    assert_eq!(headline_year(&at("2024")), Some(Some(2023)));
    assert_eq!(headline_year(&model()), Some(Some(2025)));
    assert_eq!(headline_year(&at("2022")), None);
    // Projections published by then stay in the model, still ahead of the date.
    let m = at("2025-06");
    let s = m.stage_by_id("mining").unwrap();
    assert!(m.stage(s).shares.iter().any(|b| b.year == Some(2030)));
}

#[test]
fn later_events_and_links_are_hidden_with_absent_facilities() {
    let m = at("2024-12");
    assert_eq!(m.events().len(), 1);
    assert_eq!(m.events()[0].title, "Beta announces its mine");
    assert!(m.links().is_empty());
    assert_eq!(at("2025-07").links().len(), 1);
    assert_eq!(m.as_of_date().to_string(), "2024-12");
    let early = at("2023");
    assert!(early.lookup("beta-mine").is_none());
    assert!(early.lookup("beta-second").is_none());
    assert!(early.events().is_empty());
}

fn rechain(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_rechain"))
        .args([
            "-f",
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/time.yaml"),
        ])
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn every_verb_takes_as_of() {
    let out = rechain(&["--as-of", "2024-06", "show", "beta-mine"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("announced since 2024-03-10"), "{text}");
    let out = rechain(&["shares", "mining", "--as-of", "2024"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("2023"), "{text}");
    let out = rechain(&["list", "firms", "--as-of", "2023"]);
    assert!(out.status.success());
}

#[test]
fn a_bad_date_is_refused_clearly() {
    for bad in ["2025-13", "yesterday", "25"] {
        let out = rechain(&["--as-of", bad, "list", "firms"]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("--as-of") && err.contains(bad), "{err}");
    }
}

#[test]
fn a_date_shows_only_blocks_published_by_then_and_says_when_the_figure_is_old() {
    let dir = tempfile::tempdir().unwrap();
    let built_in = |args: &[&str]| crate::common::cli::rechain_in(dir.path(), args);
    let out = built_in(&[
        "-q", "--as-of", "2024-06", "shares", "magnets", "--format", "json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let blocks: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let m = rechain::model::load::load(&rechain::model::Origin::Embedded).unwrap();
    let cutoff: rechain::model::Date = "2024-06".parse().unwrap();
    for b in blocks.as_array().unwrap() {
        let id = b["source"].as_str().unwrap();
        let source = m.sources().iter().find(|s| s.id == id).unwrap();
        let published = source.date.or(source.year.map(|y| rechain::model::Date {
            year: y,
            month: None,
            day: None,
        }));
        assert!(
            published.is_none_or(|p| rechain::model::as_of::on_or_before(p, cutoff)),
            "{id} published {published:?}"
        );
    }
    let text_out = built_in(&["-q", "--as-of", "2024-06", "shares", "magnets"]);
    let shown = String::from_utf8_lossy(&text_out.stdout);
    assert!(
        shown.contains("latest figure available then: 2010"),
        "{shown}"
    );
}

#[test]
fn a_date_after_the_model_is_warned_about() {
    let out = rechain(&["--as-of", "2030", "list", "stages"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is after the model's own date"), "{err}");
}

#[test]
fn mine_production_read_at_a_date_heads_with_the_edition_out_by_then() {
    let dir = tempfile::tempdir().unwrap();
    let blocks_at = |date: &str| {
        let out = crate::common::cli::rechain_in(
            dir.path(),
            &[
                "-q", "--as-of", date, "shares", "mining", "--format", "json",
            ],
        );
        (out.status.code(), out.stdout)
    };
    // No edition read so far was out by mid-2021, so nothing published later stands in.
    let (code, stdout) = blocks_at("2021-06");
    assert_ne!(code, Some(0));
    assert!(stdout.is_empty(), "{}", String::from_utf8_lossy(&stdout));

    let (code, stdout) = blocks_at("2022-06");
    assert_eq!(code, Some(0));
    let blocks: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
    let blocks = blocks.as_array().unwrap();
    assert!(
        blocks
            .iter()
            .all(|b| b["source"] == "usgs-mcs-2022-rare-earths"),
        "{blocks:?}"
    );
    let headline: Vec<_> = blocks.iter().filter(|b| b["headline"] == true).collect();
    assert_eq!(headline.len(), 1, "{blocks:?}");
    assert_eq!(headline[0]["year"], 2021);
    assert_eq!(headline[0]["total"], 280_000.0);

    // A year later the next edition heads, and the earlier edition's figures stay as published.
    let (_, stdout) = blocks_at("2023-06");
    let blocks: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
    let blocks = blocks.as_array().unwrap();
    let headline = blocks.iter().find(|b| b["headline"] == true).unwrap();
    assert_eq!(headline["source"], "usgs-mcs-2023-rare-earths");
    assert_eq!(headline["year"], 2022);
    let totals_2021: Vec<_> = blocks
        .iter()
        .filter(|b| b["year"] == 2021)
        .map(|b| (b["source"].as_str().unwrap(), b["total"].as_f64().unwrap()))
        .collect();
    assert_eq!(
        totals_2021,
        [
            ("usgs-mcs-2022-rare-earths", 280_000.0),
            ("usgs-mcs-2023-rare-earths", 290_000.0)
        ]
    );
}
