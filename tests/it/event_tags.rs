//! Events carry topic tags from a closed set; `list events --tag` and `search --tag` list the
//! events on a topic, newest first.

use rechain::model::load::{load, load_text};
use rechain::model::{EventTag, Origin};

use crate::common::cli::{rechain_in, text};

fn rechain(args: &[&str]) -> std::process::Output {
    rechain_in(&std::env::temp_dir(), args)
}

/// The id column of `list`/`search` text lines.
fn ids(out: &std::process::Output, column: usize) -> Vec<String> {
    text(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().nth(column).map(str::to_owned))
        .collect()
}

#[test]
fn every_event_of_the_built_in_model_has_a_tag() {
    let m = load(&Origin::Embedded).unwrap();
    let untagged: Vec<&str> = m
        .events()
        .iter()
        .filter(|e| e.tags.is_empty())
        .map(|e| e.id.as_str())
        .collect();
    assert!(untagged.is_empty(), "{untagged:?}");
    // The topics a meeting asks about have events.
    for tag in [
        EventTag::ExportControl,
        EventTag::Funding,
        EventTag::Offtake,
        EventTag::Ownership,
        EventTag::Policy,
        EventTag::Production,
    ] {
        assert!(m.events_tagged(tag).count() >= 3, "{tag}");
    }
}

#[test]
fn events_tagged_lists_only_that_topic_newest_first() {
    let m = load(&Origin::Embedded).unwrap();
    let tagged: Vec<_> = m.events_tagged(EventTag::ExportControl).collect();
    assert!(tagged.len() >= 10, "{}", tagged.len());
    assert!(
        tagged
            .iter()
            .all(|&e| m.event(e).has_tag(EventTag::ExportControl))
    );
    assert!(
        tagged
            .windows(2)
            .all(|w| m.event(w[0]).date >= m.event(w[1]).date)
    );
    let all = m
        .events()
        .iter()
        .filter(|e| e.has_tag(EventTag::ExportControl))
        .count();
    assert_eq!(tagged.len(), all);
    // China's halt of licence reviews for Japanese firms is both control and licensing.
    let japan = m
        .event_ids()
        .find(|&e| m.event(e).id == "2026-01-08-china-is-reported-halt")
        .unwrap();
    assert!(tagged.contains(&japan));
    assert!(m.event(japan).has_tag(EventTag::Licensing));
}

#[test]
fn list_events_tag_prints_the_topic_newest_first_and_json_carries_tags() {
    let m = load(&Origin::Embedded).unwrap();
    let out = rechain(&["-q", "list", "events", "--tag", "export-control"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let want: Vec<String> = m
        .events_tagged(EventTag::ExportControl)
        .map(|e| m.event(e).id.clone())
        .collect();
    assert_eq!(ids(&out, 0), want);

    // Case and `_` do not matter.
    let loose = rechain(&["-q", "list", "events", "--tag", "Export-Control"]);
    assert_eq!(loose.stdout, out.stdout);

    let json = rechain(&[
        "-q", "list", "events", "--tag", "funding", "--format", "json",
    ]);
    assert_eq!(json.status.code(), Some(0));
    let items: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let items = items.as_array().unwrap();
    assert!(!items.is_empty());
    for item in items {
        let tags = item["tags"].as_array().unwrap();
        assert!(tags.iter().any(|t| t == "funding"), "{item}");
    }
}

#[test]
fn a_misspelt_or_misplaced_tag_on_the_command_line_is_refused() {
    let out = rechain(&["-q", "list", "events", "--tag", "export-contrl"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("'export-control'"),
        "{}",
        text(&out.stderr)
    );

    let firms = rechain(&["-q", "list", "firms", "--tag", "funding"]);
    assert_eq!(firms.status.code(), Some(2));
    assert!(text(&firms.stderr).contains("events only"));
    assert!(firms.stdout.is_empty());

    let kind = rechain(&[
        "-q", "search", "lynas", "--kind", "firm", "--tag", "funding",
    ]);
    assert_eq!(kind.status.code(), Some(2));
    assert!(text(&kind.stderr).contains("events only"));
}

#[test]
fn search_with_a_tag_keeps_matching_events_on_the_topic_newest_first() {
    let m = load(&Origin::Embedded).unwrap();
    let out = rechain(&[
        "-q",
        "search",
        "japan",
        "--kind",
        "event",
        "--tag",
        "export-control",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let found = ids(&out, 1);
    assert!(found.len() >= 2, "{found:?}");
    let dates: Vec<_> = found
        .iter()
        .map(|id| {
            let e = m.events().iter().find(|e| &e.id == id).unwrap();
            assert!(e.has_tag(EventTag::ExportControl), "{id}");
            e.date
        })
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{found:?}");
    assert!(found.contains(&"2026-01-08-china-is-reported-halt".to_owned()));
    // Japan's Chikyu mud recovery matches the text but is on another topic.
    assert!(!text(&out.stdout).contains("Chikyu"));

    // An empty query lists the whole topic; --limit keeps the newest.
    let two = rechain(&[
        "-q",
        "search",
        "",
        "--tag",
        "export-control",
        "--limit",
        "2",
    ]);
    let newest: Vec<String> = m
        .events_tagged(EventTag::ExportControl)
        .take(2)
        .map(|e| m.event(e).id.clone())
        .collect();
    assert_eq!(ids(&two, 1), newest);

    let none = rechain(&["-q", "search", "zzqqxx", "--tag", "price"]);
    assert_eq!(none.status.code(), Some(1));
    assert!(text(&none.stderr).contains("no event tagged price"));
}

const SMALL: &str = "
version: 1
meta: { title: Tags, as_of: 2026-01-01 }
sources:
  s: { publisher: P, title: T, year: 2026, url: 'https://example.org/t', seen: read }
countries: { CN: China }
elements: []
stages: [{ id: mining, name: Mining, makes: ore }]
firms: []
links: []
events:
  - { date: 2025-01-01, title: Old rule, tags: [policy], countries: [CN], source: s }
  - { date: 2025-06-01, title: Newer rule, tags: [policy, quota, policy], countries: [CN], source: s }
  - { date: 2025-03-01, title: A loan, tags: [funding], source: s }
";

#[test]
fn tags_are_read_once_each_and_filtered_by_topic() {
    let m = load_text(SMALL, Origin::Embedded).unwrap();
    let titles: Vec<&str> = m
        .events_tagged(EventTag::Policy)
        .map(|e| m.event(e).title.as_str())
        .collect();
    assert_eq!(titles, ["Newer rule", "Old rule"]);
    let newer = m.events().iter().find(|e| e.title == "Newer rule").unwrap();
    assert_eq!(newer.tags, [EventTag::Policy, EventTag::Quota]);
    assert_eq!(m.events_tagged(EventTag::Price).count(), 0);
}

#[test]
fn a_misspelt_tag_in_the_model_is_an_error_at_its_line_with_the_nearest() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("chain.yaml");
    std::fs::write(&file, SMALL.replace("tags: [funding]", "tags: [fundng]")).unwrap();
    let out = rechain_in(dir.path(), &["check", "chain.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stdout) + &text(&out.stderr);
    assert!(err.contains("chain.yaml:14:"), "{err}");
    assert!(err.contains("did you mean `funding`"), "{err}");
}

#[test]
fn an_untagged_event_is_a_strict_warning() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("chain.yaml");
    std::fs::write(&file, SMALL.replace("tags: [funding], ", "")).unwrap();
    let out = rechain_in(dir.path(), &["check", "chain.yaml"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let strict = rechain_in(dir.path(), &["check", "--strict", "chain.yaml"]);
    assert_eq!(strict.status.code(), Some(1));
    let err = text(&strict.stdout) + &text(&strict.stderr);
    assert!(err.contains("has no `tags`"), "{err}");
    assert!(err.contains("chain.yaml:14:"), "{err}");
}

#[test]
fn the_schema_the_starter_and_completions_name_every_tag() {
    let schema = text(&rechain(&["schema"]).stdout);
    let starter_dir = tempfile::tempdir().unwrap();
    assert_eq!(
        rechain_in(starter_dir.path(), &["init"]).status.code(),
        Some(0)
    );
    let starter = std::fs::read_to_string(starter_dir.path().join("chain.yaml")).unwrap();
    for tag in EventTag::ALL {
        assert!(schema.contains(&format!("\"{tag}\"")), "{tag}");
        assert!(starter.contains(tag.as_str()), "{tag}");
    }

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rechain"))
        .args(["--", "rechain", "list", "events", "--tag", "ex"])
        .current_dir(std::env::temp_dir())
        .env("RECHAIN_COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", "4")
        .env("_CLAP_COMPLETE_COMP_TYPE", "9")
        .env("_CLAP_IFS", "\n")
        .output()
        .unwrap();
    let offered: Vec<String> = text(&out.stdout).lines().map(str::to_owned).collect();
    assert_eq!(offered, ["export-control", "exploration"]);
}
