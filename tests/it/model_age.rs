//! How old the model is, how its sources were seen, and what `check --strict --today` asks of
//! a model whose planned dates have passed.

use rechain::model::load::load_text;
use rechain::model::{Date, Model, Origin};
use rechain::present::cite::share_citation;
use rechain::tui::app::App;
use rechain::tui::theme::Theme;

use crate::common::cli::{rechain_in as rechain, text};
use crate::common::screen;

/// A small model that passes `check --strict`: dated, with URLs, a headline block with its
/// year, and one target with its date.
const BASE: &str = r"version: 1
meta: { title: Age test, as_of: 2026-06-03 }
sources:
  iea:
    publisher: International Energy Agency
    title: Global Critical Minerals Outlook 2025
    year: 2025
    url: https://example.org/iea
    seen: quoted
  news:
    publisher: Example Newswire
    title: IEA sounds alarm
    date: 2025-10-24
    url: https://example.org/news
    seen: read
    kind: secondary
    quotes: IEA commentary
countries: { CN: China, US: United States }
elements:
  - { symbol: Nd, name: Neodymium, number: 60, group: light }
  - { symbol: Pr, name: Praseodymium, number: 59, group: light }
stages:
  - id: separation
    name: Separation
    shares:
      - { year: 2024, metric: share of rare-earth separation, source: iea, quoted_by: news, countries: { CN: 91 } }
firms:
  - id: firm-a
    name: Firm A
    hq: US
    summary: Separates rare earths.
    facilities:
      - id: plant-a
        name: Plant A
        country: US
        stages: [separation]
        products: [NdPr oxide]
        capacity_unknown: not published
        lifecycle:
          - { status: construction, date: 2025-05, source: news }
          - { status: operating, date: 2026-03, source: news, planned: true }
";

fn model(text: &str) -> Model {
    load_text(text, Origin::File("m.yaml".into())).unwrap_or_else(|e| panic!("{e}"))
}

fn day(text: &str) -> Date {
    text.parse().unwrap()
}

/// The audit's messages with `today`.
fn warnings(text: &str, today: &str) -> Vec<String> {
    model(text)
        .audit_on(Some(day(today)))
        .iter()
        .map(|p| format!("{} (at {})", p.message, p.path))
        .collect()
}

#[test]
fn the_status_bar_at_80_columns_shows_the_model_date_and_its_age() {
    let mut app = App::new(
        model(BASE),
        Theme {
            color: false,
            contrast: false,
        },
        80,
        24,
    );
    let screen_text = screen(&app);
    let bar = screen_text.lines().last().unwrap();
    assert!(bar.contains("model as of 2026-06-03"), "{bar}");
    assert!(!bar.contains("days old"), "{bar}");

    app.update(rechain::tui::msg::Msg::Today(day("2026-12-06")));
    let screen_text = screen(&app);
    let bar = screen_text.lines().last().unwrap();
    assert!(
        bar.contains("model as of 2026-06-03, 186 days old"),
        "{bar}"
    );
    assert!(bar.contains("valid"), "{bar}");

    // Within 90 days the age is not worth the room.
    app.update(rechain::tui::msg::Msg::Today(day("2026-08-31")));
    let screen_text = screen(&app);
    let bar = screen_text.lines().last().unwrap();
    assert!(bar.contains("model as of 2026-06-03"), "{bar}");
    assert!(!bar.contains("days old"), "{bar}");
}

#[test]
fn the_plain_summary_says_how_old_the_model_is() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("chain.yaml"),
        BASE.replace("as_of: 2026-06-03", "as_of: 2020-01-01"),
    )
    .unwrap();
    let out = rechain(dir.path(), &[]);
    let stdout = text(&out.stdout);
    let first = stdout.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("Age test (model as of 2020-01-01, "),
        "{stdout}"
    );
    assert!(first.ends_with(" days old)"), "{stdout}");
}

#[test]
fn a_quoted_headline_figure_is_cited_with_its_year_and_who_quoted_it() {
    let m = model(BASE);
    let block = &m.stages()[0].shares[0];
    let line = share_citation(&m, block, m.country_ids().next().unwrap()).unwrap();
    assert_eq!(
        line,
        "China: 91% of rare-earth separation, 2024 (International Energy Agency (2025), \
         as quoted by Example Newswire, IEA sounds alarm, 2025-10-24, <https://example.org/news>)"
    );
}

#[test]
fn the_base_passes_before_its_target_date() {
    assert_eq!(warnings(BASE, "2026-03-31"), Vec::<String>::new());
}

#[test]
fn a_passed_target_warns_until_it_is_updated_or_marked_checked() {
    let passed = warnings(BASE, "2026-12-06");
    assert_eq!(passed.len(), 1, "{passed:?}");
    assert!(
        passed[0].contains(
            "`plant-a` was to be operating by 2026-03, which has passed (today 2026-12-06)"
        ),
        "{passed:?}"
    );
    assert!(passed[0].ends_with("(at firms[0].facilities[0].lifecycle[1].date)"));

    let checked = BASE.replace(
        "planned: true }",
        "planned: true, checked: 2026-12-01, note: outcome not found in the sources }",
    );
    assert_eq!(warnings(&checked, "2026-12-06"), Vec::<String>::new());

    // A check made before the target date does not count.
    let early = BASE.replace("planned: true }", "planned: true, checked: 2026-01-10 }");
    assert_eq!(warnings(&early, "2026-12-06").len(), 1);

    let updated = BASE.replace(
        "planned: true }",
        "planned: true }\n          - { status: operating, date: 2026-06, source: news }",
    );
    assert_eq!(warnings(&updated, "2026-12-06"), Vec::<String>::new());

    // Without a date to judge by, no target has passed.
    assert!(model(BASE).audit().is_empty());
}

#[test]
fn checked_belongs_to_a_target() {
    let text = BASE.replace(
        "{ status: construction, date: 2025-05, source: news }",
        "{ status: construction, date: 2025-05, source: news, checked: 2026-01-01 }",
    );
    let err = load_text(&text, Origin::File("m.yaml".into())).unwrap_err();
    assert!(
        err.to_string().contains("`checked` is for a target"),
        "{err}"
    );
}

#[test]
fn sources_that_bundle_documents_or_say_how_they_were_seen_in_the_title_are_flagged() {
    let text = BASE
        .replace(
            "title: IEA sounds alarm",
            "title: IEA sounds alarm (headline not seen)",
        )
        .replace(
            "publisher: Example Newswire",
            "publisher: Example Newswire; Other Wire",
        )
        .replace("    url: https://example.org/iea\n", "")
        .replace("  news:", "  iea-via-news:")
        .replace("source: news", "source: iea-via-news")
        .replace("quoted_by: news", "quoted_by: iea-via-news");
    let found = warnings(&text, "2026-03-01").join("\n");
    for expected in [
        "`iea` has no `url`",
        "a list of publishers",
        "the title says how the source was seen (`headline not seen`)",
        "the id `iea-via-news` carries `-via-`",
    ] {
        assert!(found.contains(expected), "{expected} not in:\n{found}");
    }
}

#[test]
fn a_headline_block_needs_its_year_and_whoever_quoted_it() {
    let text = BASE.replace("{ year: 2024, metric", "{ metric");
    let found = warnings(&text, "2026-03-01").join("\n");
    assert!(
        found.contains("the headline block of `separation` gives no `year`"),
        "{found}"
    );
    let text = BASE.replace(", quoted_by: news", "");
    let found = warnings(&text, "2026-03-01").join("\n");
    assert!(found.contains("name the report in `quoted_by`"), "{found}");
}

#[test]
fn check_takes_today_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("chain.yaml"), BASE).unwrap();
    let before = rechain(dir.path(), &["check", "--strict", "--today", "2026-02-01"]);
    assert_eq!(before.status.code(), Some(0), "{}", text(&before.stdout));
    let after = rechain(dir.path(), &["check", "--strict", "--today", "2026-12-06"]);
    assert_eq!(after.status.code(), Some(1), "{}", text(&after.stdout));
    assert!(text(&after.stdout).contains("which has passed (today 2026-12-06)"));
}

#[test]
fn a_checked_target_is_not_a_stale_plan_either() {
    // More than a year before as_of, the older stale-plan check would warn without `checked`.
    let old = BASE
        .replace("as_of: 2026-06-03", "as_of: 2027-09-01")
        .replace(
            "{ status: construction, date: 2025-05, source: news }",
            "{ status: construction, date: 2025-05, source: news, note: building }",
        );
    let stale = model(&old).audit();
    assert!(
        stale
            .iter()
            .any(|p| p.message.contains("more than a year before as_of")),
        "{stale:?}"
    );
    let checked = old.replace("planned: true }", "planned: true, checked: 2027-08-01 }");
    assert!(
        model(&checked).audit().is_empty(),
        "{:?}",
        model(&checked).audit()
    );
}
