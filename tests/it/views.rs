//! Every view through every format: Markdown tables parse as tables, text tables fit 60, 80
//! and 120 columns with their identifying columns kept, and the app's copy of a view is the
//! command line's Markdown of the same view.

use std::path::Path;

use rechain::analysis::plants::{PlantQuery, StatusScope, plants};
use rechain::model::{EntityRef, Model, Origin, load};
use rechain::present::card::card;
use rechain::present::doc::Doc;
use rechain::present::history::history_doc;
use rechain::present::plants::PlantsView;
use rechain::present::table::{Give, Table};
use rechain::present::view::View;
use rechain::tui::app::App;
use rechain::tui::command::Command;
use rechain::tui::theme::Theme;
use unicode_width::UnicodeWidthStr;

use crate::common::cli::{rechain_in, text};
use crate::common::pty::Session;
use crate::common::send;

/// A verb for each view the command line prints, on the built-in model.
const VIEWS: &[&[&str]] = &[
    &["plants", "magnets", "--exclude", "CN", "--status", "all"],
    &["plants", "separation"],
    &["capacity", "magnets"],
    &["shares"],
    &["shares", "separation", "--exclude", "CN"],
    &["history", "separation"],
    &["routes", "--exclude", "CN"],
    &["resilience", "--exclude", "CN"],
    &["list", "firms"],
    &["list", "events"],
    &["search", "lynas"],
    &["show", "lynas"],
    &["show", "magnets"],
];

fn built_in() -> Model {
    load::load(&Origin::Embedded).expect("the built-in model loads")
}

/// Runs rechain where there is no model file, so the built-in model is read.
fn cli(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["-q"];
    all.extend_from_slice(args);
    let out = rechain_in(dir, &all);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// The cells of a Markdown table row, splitting on pipes that are not escaped.
fn cells(row: &str) -> Vec<String> {
    let inner = row.trim().trim_start_matches('|');
    let mut out = Vec::new();
    let mut cell = String::new();
    let mut escaped = false;
    for c in inner.chars() {
        match c {
            '|' if !escaped => out.push(std::mem::take(&mut cell).trim().to_owned()),
            c => cell.push(c),
        }
        escaped = c == '\\' && !escaped;
    }
    out
}

/// Every run of `|` lines in a Markdown text must be a table: header, separator, rows of the
/// same number of cells.
fn assert_tables_parse(md: &str, what: &str) -> usize {
    let lines: Vec<&str> = md.lines().collect();
    let mut tables = 0;
    let mut i = 0;
    while i < lines.len() {
        if !lines[i].starts_with('|') {
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && lines[i].starts_with('|') {
            i += 1;
        }
        let block = &lines[start..i];
        assert!(block.len() >= 2, "{what}: a table without rows: {block:?}");
        assert!(
            start == 0 || lines[start - 1].is_empty(),
            "{what}: no blank line before a table"
        );
        let header = cells(block[0]);
        let separator = cells(block[1]);
        assert_eq!(header.len(), separator.len(), "{what}: {block:?}");
        for cell in &separator {
            let dashes = cell.trim_start_matches(':').trim_end_matches(':');
            assert!(
                dashes.len() >= 3 && dashes.chars().all(|c| c == '-'),
                "{what}: not a separator row: {}",
                block[1]
            );
        }
        for row in &block[2..] {
            assert_eq!(cells(row).len(), header.len(), "{what}: {row}");
        }
        tables += 1;
    }
    tables
}

#[test]
fn markdown_of_every_view_has_real_tables() {
    let dir = tempfile::tempdir().unwrap();
    for args in VIEWS {
        let mut md_args = args.to_vec();
        md_args.extend(["--format", "md"]);
        let md = cli(dir.path(), &md_args);
        let what = args.join(" ");
        assert!(md.starts_with("## "), "{what}: {md}");
        let tables = assert_tables_parse(&md, &what);
        if args[0] != "show" && args[0] != "routes" {
            assert!(tables > 0, "{what} has no table: {md}");
        }
        // Indented text would read as a code block.
        assert!(
            !md.lines().any(|l| l.starts_with("    ")),
            "{what}: indented text in Markdown: {md}"
        );
    }
}

/// The tables of a document: at each width no line is wider, and each identifying column keeps
/// its header.
fn assert_fits(doc: &Doc, what: &str) {
    for table in doc.tables() {
        for width in [60, 80, 120] {
            let lines = table.lines(Some(width));
            for line in &lines {
                let shown: String = line.iter().map(|(_, t)| t.as_str()).collect();
                assert!(shown.width() <= width, "{what} at {width}: {shown:?}");
            }
            let header: String = lines[0].iter().map(|(_, t)| t.as_str()).collect();
            for column in identifying(table) {
                let start: String = column.chars().take(2).collect();
                assert!(header.contains(&start), "{what} at {width} lost {column}");
            }
        }
    }
}

fn identifying(table: &Table) -> Vec<&str> {
    table
        .columns
        .iter()
        .filter(|c| matches!(c.give, Give::Keep { .. }))
        .map(|c| c.header.as_str())
        .collect()
}

#[test]
fn text_tables_fit_60_80_and_120_columns_keeping_what_names_a_row() {
    let m = built_in();
    for (s, stage) in rechain::model::indexed(m.stages()) {
        let query = PlantQuery {
            status: StatusScope::All,
            ..PlantQuery::default()
        };
        let view = PlantsView {
            stage: s,
            list: plants(&m, s, &query),
            query,
        };
        assert_fits(&view.doc(&m), &format!("plants {}", stage.id));
        assert_fits(&history_doc(&m, s, None), &format!("history {}", stage.id));
        assert_fits(
            &card(&m, EntityRef::Stage(s)),
            &format!("card {}", stage.id),
        );
    }
    let dir = tempfile::tempdir().unwrap();
    for args in VIEWS {
        for width in ["60", "80", "120"] {
            let mut text_args = args.to_vec();
            text_args.extend(["--width", width]);
            let out = cli(dir.path(), &text_args);
            assert!(!out.is_empty(), "{args:?}");
        }
    }
}

#[test]
fn plants_without_china_at_80_columns_print_one_line_per_plant() {
    let dir = tempfile::tempdir().unwrap();
    let json = cli(
        dir.path(),
        &["plants", "magnets", "--exclude", "CN", "--format", "json"],
    );
    let n = serde_json::from_str::<serde_json::Value>(&json).unwrap()["plants"]
        .as_array()
        .unwrap()
        .len();
    assert!(n > 5, "{json}");
    // In a terminal of 80 columns, without --width.
    let mut session = Session::start(
        &["-q", "plants", "magnets", "--exclude", "CN"],
        &[],
        dir.path(),
        80,
        60,
    );
    session.wait_text("nameplate as published");
    session.wait_exit();
    let screen = session.screen_text();
    let rows: Vec<&str> = screen
        .lines()
        .skip_while(|l| !l.starts_with("Firm"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(rows.len(), n, "{screen}");
    for row in &rows {
        assert!(row.width() <= 80, "{row}");
        // Each row names the plant, its country and status.
        assert!(
            row.contains("operating") || row.contains("ramping"),
            "{row}"
        );
    }
}

#[test]
fn the_copy_of_a_card_is_the_cli_markdown_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let m = built_in();
    let mut a = App::new(
        m,
        Theme {
            color: false,
            contrast: false,
        },
        120,
        40,
    );
    // The first stage's card.
    send(&mut a, [Command::Down, Command::Up]);
    let copied = a.focused_export().markdown;
    let id = &a.loaded.model.stages()[0].id.clone();
    assert_eq!(copied, cli(dir.path(), &["show", id, "--format", "md"]));
}

#[test]
fn the_copy_of_the_history_is_the_cli_markdown_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let m = built_in();
    let mut a = App::new(
        m,
        Theme {
            color: false,
            contrast: false,
        },
        120,
        40,
    );
    send(&mut a, [Command::Down, Command::ShowHistory]);
    let copied = a.focused_export().markdown;
    let id = a.loaded.model.stages()[1].id.clone();
    assert_eq!(copied, cli(dir.path(), &["history", &id, "--format", "md"]));
}

#[test]
fn the_copy_of_the_plants_view_is_the_cli_markdown_and_csv_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let m = built_in();
    let magnets = m.stage_by_id("magnets").unwrap();
    let mut a = App::new(
        m,
        Theme {
            color: false,
            contrast: false,
        },
        120,
        40,
    );
    // Down to Magnets, then its plants, operating or ramping (the default), sorted by firm.
    let mut keys = crate::msgs![Command::Down; magnets.index()];
    keys.push(Command::ShowPlants.into());
    send(&mut a, keys);
    let copied = a.focused_export();
    assert_eq!(
        copied.markdown,
        cli(dir.path(), &["plants", "magnets", "--format", "md"])
    );
    assert_eq!(
        copied.csv.as_deref(),
        Some(cli(dir.path(), &["plants", "magnets", "--format", "csv"]).as_str())
    );
}
