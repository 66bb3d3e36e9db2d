//! A stage's history: share series per source with projections apart, and capacity by year
//! from the lifecycles with the pipeline by target year.

use std::process::Command;

use rechain::analysis::history::{capacity_history, share_series};
use rechain::model::load::load_text;
use rechain::model::{Date, Model, Origin};

fn model() -> Model {
    load_text(include_str!("../fixtures/time.yaml"), Origin::Embedded).unwrap()
}

#[test]
fn one_series_per_metric_and_source_with_projections_marked() {
    let m = model();
    let series = share_series(&m, m.stage_by_id("mining").unwrap());
    let shape: Vec<(&str, Vec<(u16, bool)>)> = series
        .iter()
        .map(|s| {
            (
                m.source(s.source).id.as_str(),
                s.points.iter().map(|p| (p.year, p.projection)).collect(),
            )
        })
        .collect();
    assert_eq!(
        shape,
        [
            ("survey-2024", vec![(2023, false)]),
            ("survey-2025", vec![(2024, false), (2025, false)]),
            ("outlook-2025", vec![(2024, false), (2030, true)]),
        ]
    );
    // Read as of 2024, only the 2024 survey had been published.
    let early = m.as_of("2024".parse::<Date>().unwrap());
    let series = share_series(&early, early.stage_by_id("mining").unwrap());
    let sources: Vec<&str> = series
        .iter()
        .map(|s| early.source(s.source).id.as_str())
        .collect();
    assert_eq!(sources, ["survey-2024"]);
}

#[test]
fn capacity_by_year_follows_the_lifecycles_and_never_mixes_units() {
    let m = model();
    let h = capacity_history(&m, m.stage_by_id("mining").unwrap(), None);
    assert_eq!(h.units.len(), 1);
    let unit = &h.units[0];
    assert_eq!(unit.unit, "t REO/yr");
    let at = |y: u16| unit.operating.iter().find(|p| p.0 == y).map(|p| p.1);
    assert_eq!(at(2015), Some(10000.0));
    // The old pit closed in December 2024: it still produced that year.
    assert_eq!(at(2024), Some(11000.0));
    // The new mine opened in June 2025; the old pit is gone.
    assert_eq!(at(2025), Some(15000.0));
    assert_eq!(unit.operating.last().unwrap().0, 2026);
    assert_eq!(unit.pipeline, [(2028, 3000.0)]);
    let sep = capacity_history(&m, m.stage_by_id("separation").unwrap(), None);
    assert_eq!(sep.units[0].unit, "t NdPr oxide/yr");
    assert_eq!(sep.units[0].undated, (2000.0, 1));
    assert!(sep.units[0].operating.is_empty());
    // As of mid-2024 the new mine is in the pipeline, with its 2025 target.
    let early = m.as_of("2024-06".parse::<Date>().unwrap());
    let h = capacity_history(&early, early.stage_by_id("mining").unwrap(), None);
    assert_eq!(h.units[0].pipeline, [(2025, 5000.0)]);
    assert_eq!(h.units[0].operating.last(), Some(&(2024, 11000.0)));
}

fn rechain(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_rechain"))
        .args([
            "-f",
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/time.yaml"),
        ])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn history_prints_text_csv_and_json() {
    let (ok, text, _) = rechain(&["history", "mining"]);
    assert!(ok);
    assert!(text.contains("2030p"), "{text}");
    assert!(text.contains("p = projection"), "{text}");
    assert!(
        text.contains("Operating capacity by year, t REO/yr"),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("2025–2026") && l.trim_end().ends_with(" 15,000")),
        "{text}"
    );
    assert!(text.contains("Pipeline by target year, t REO/yr"), "{text}");

    let (ok, csv, _) = rechain(&["history", "mining", "--country", "AU", "--format", "csv"]);
    assert!(ok);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "series,metric,source,unit,year,projection,country,value"
    );
    assert!(lines.contains(&"share,mine production,outlook-2025,%,2030,true,AU,10"));
    assert!(lines.contains(&"operating,,,t REO/yr,2015,false,AU,10000"));
    assert!(!csv.contains(",US,"));

    let (ok, json, _) = rechain(&["history", "mining", "--format", "json"]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["stage"], "mining");
    assert!(v["rows"].as_array().unwrap().len() > 10);
}

#[test]
fn history_markdown_is_tables() {
    let (ok, md, _) = rechain(&["history", "mining", "--format", "md"]);
    assert!(ok);
    assert!(
        md.starts_with("## Mining — history (as of 2026-03-01)\n"),
        "{md}"
    );
    assert!(
        md.contains("### mine production \\[outlook-2025\\]\n\n"),
        "{md}"
    );
    assert!(
        md.contains("| country | 2024 | 2030p |\n| --- | ---: | ---: |\n"),
        "{md}"
    );
    assert!(md.contains("| AU | – | 10.0% |\n"), "{md}");
    assert!(
        md.contains(
            "### Operating capacity by year, t REO/yr\n\n| year | capacity |\n| --- | ---: |\n"
        ),
        "{md}"
    );
    assert!(md.contains("| 2025–2026 | 15,000 |\n"), "{md}");
    assert!(
        md.contains("| target year | capacity |\n| --- | ---: |\n| 2028 | 3,000 |\n"),
        "{md}"
    );
    assert!(md.contains("\n### Sources\n\n1. [survey-2024]"), "{md}");
    // Every table row has as many cells as its header.
    for table in md.split("\n\n").filter(|b| b.starts_with('|')) {
        let widths: Vec<usize> = table.lines().map(|l| l.matches(" | ").count()).collect();
        assert!(widths.iter().all(|&w| w == widths[0]), "{table}");
    }
}

#[test]
fn history_refuses_unknown_stages_and_countries() {
    let (ok, _, err) = rechain(&["history", "minning"]);
    assert!(!ok);
    assert!(err.contains("mining"), "{err}");
    let (ok, _, err) = rechain(&["history", "mining", "--country", "ZZ"]);
    assert!(!ok);
    assert!(err.contains("--country"), "{err}");
}
