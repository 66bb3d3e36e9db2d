//! `rechain diff OLD NEW`: each kind of change, the JSON shape, exit codes and git revisions.

use std::path::Path;
use std::process::Command;

use serde_json::{Value, json};

/// A small valid model; each test derives the newer version by editing its text.
const BASE: &str = r"version: 1
meta: { title: Diff fixture, as_of: 2026-01-01 }
sources:
  src-a: { publisher: Publisher A, title: Report A, year: 2025 }
  src-b: { publisher: Publisher B, title: Report B, year: 2026 }
countries: { CN: China, US: United States, AU: Australia }
stages:
  - id: mining
    name: Mining
    shares:
      - { year: 2025, metric: mine production, source: src-a, countries: { CN: 70, US: 12, AU: 6 } }
      - { year: 2024, metric: mine production, source: src-a, countries: { CN: 68, US: 13 } }
  - id: separation
    name: Separation
firms:
  - id: alpha
    name: Alpha Mining
    aliases: [Alpha, AM]
    hq: AU
    summary: Australian miner.
    facilities:
      - { id: alpha-mine, name: Alpha mine, country: AU, stages: [mining, separation], status: operating,
          capacity: { value: 10000, unit: t REO/yr, year: 2025, source: src-a } }
  - id: beta
    name: Beta Magnets
    hq: US
    summary: American separator.
    facilities:
      - { id: beta-plant, name: Beta plant, country: US, stages: [separation], status: construction }
links:
  - { from: alpha-mine, to: beta-plant, kind: supplies, what: concentrate, source: src-a }
events:
  - { date: 2025-04-04, title: Export licences, countries: [CN], source: src-b }
  - { date: 2025-06-01, title: Beta groundbreaking, parties: [beta], source: src-b }
";

use crate::common::cli::{rechain_in as rechain, text};

/// `old.yaml` holds BASE, `new.yaml` the edited text.
fn models(new: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("old.yaml"), BASE).unwrap();
    std::fs::write(dir.path().join("new.yaml"), new).unwrap();
    dir
}

fn edited(from: &str, to: &str) -> String {
    assert!(BASE.contains(from), "the fixture has no {from:?}");
    BASE.replacen(from, to, 1)
}

/// Runs `diff --format json` on BASE and `new`, checks the exit code and returns the report.
fn json_diff(new: &str) -> Value {
    let dir = models(new);
    let out = rechain(
        dir.path(),
        &["diff", "old.yaml", "new.yaml", "--format", "json"],
    );
    let report: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", text(&out.stdout), text(&out.stderr)));
    let expected = i32::from(report["equal"] != json!(true));
    assert_eq!(out.status.code(), Some(expected), "{}", text(&out.stderr));
    report
}

/// The changed fields of one entity as (path, old, new).
fn fields(report: &Value, kind: &str, id: &str) -> Vec<(String, Value, Value)> {
    let entity = report["changed"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == kind && e["id"] == id)
        .unwrap_or_else(|| panic!("no change to {kind} {id} in {report:#}"));
    entity["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_owned(),
                f["old"].clone(),
                f["new"].clone(),
            )
        })
        .collect()
}

fn ids(report: &Value, list: &str) -> Vec<(String, String)> {
    report[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["kind"].as_str().unwrap().to_owned(),
                e["id"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn pair(kind: &str, id: &str) -> (String, String) {
    (kind.to_owned(), id.to_owned())
}

#[test]
fn the_same_model_has_no_differences_and_exits_0() {
    let dir = models(BASE);
    let out = rechain(dir.path(), &["diff", "old.yaml", "new.yaml"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "Changes from old.yaml to new.yaml\nNo differences.\n"
    );
}

#[test]
fn an_added_firm_and_its_facility() {
    let new = edited(
        "links:",
        "  - id: gamma\n    name: Gamma Metals\n    hq: CN\n    summary: New.\n    facilities:\n      \
         - { id: gamma-works, name: Gamma works, country: CN, stages: [mining], status: planned }\nlinks:",
    );
    let report = json_diff(&new);
    assert_eq!(
        ids(&report, "added"),
        vec![pair("firms", "gamma"), pair("facilities", "gamma-works")]
    );
    assert_eq!(report["added"][0]["name"], "Gamma Metals");
    assert!(ids(&report, "removed").is_empty());
    assert!(ids(&report, "changed").is_empty());

    let dir = models(&new);
    let out = rechain(dir.path(), &["diff", "old.yaml", "new.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("2 added, 0 removed, 0 changed"), "{stdout}");
    let firms = stdout
        .split("Firms (1 difference)\n")
        .nth(1)
        .unwrap_or_default();
    let row = firms.lines().nth(1).unwrap_or_default();
    assert!(
        row.starts_with("added ") && row.contains(" gamma ") && row.ends_with(" Gamma Metals"),
        "{stdout}"
    );
}

#[test]
fn a_removed_event_is_named_by_its_id() {
    let new = edited(
        "  - { date: 2025-06-01, title: Beta groundbreaking, parties: [beta], source: src-b }\n",
        "",
    );
    let report = json_diff(&new);
    assert_eq!(
        ids(&report, "removed"),
        vec![pair("events", "2025-06-01-beta-groundbreaking")]
    );
    assert!(ids(&report, "added").is_empty());
}

#[test]
fn events_match_by_the_id_the_model_gives_them() {
    // The made id comes from the date and the title's words, so a retitling that keeps the
    // words keeps the event.
    let retitled = edited(
        "title: Beta groundbreaking,",
        "title: \"Beta Groundbreaking!\",",
    );
    let report = json_diff(&retitled);
    assert!(ids(&report, "added").is_empty(), "{report:#}");
    assert!(ids(&report, "removed").is_empty(), "{report:#}");
    assert_eq!(
        fields(&report, "events", "2025-06-01-beta-groundbreaking"),
        vec![(
            "title".into(),
            json!("Beta groundbreaking"),
            json!("Beta Groundbreaking!")
        )]
    );
    // An id written into the file that equals the made one is the same event.
    let named = edited(
        "  - { date: 2025-06-01, title: Beta groundbreaking,",
        "  - { id: 2025-06-01-beta-groundbreaking, date: 2025-06-01, title: Beta breaks ground,",
    );
    let report = json_diff(&named);
    assert!(ids(&report, "added").is_empty(), "{report:#}");
    assert!(ids(&report, "removed").is_empty(), "{report:#}");
    assert_eq!(
        fields(&report, "events", "2025-06-01-beta-groundbreaking"),
        vec![
            (
                "id".into(),
                json!(null),
                json!("2025-06-01-beta-groundbreaking")
            ),
            (
                "title".into(),
                json!("Beta groundbreaking"),
                json!("Beta breaks ground")
            ),
        ]
    );
}

#[test]
fn a_changed_field_of_an_entity() {
    let report = json_diff(&edited(
        "summary: American separator.",
        "summary: American magnet maker.",
    ));
    assert_eq!(
        fields(&report, "firms", "beta"),
        vec![(
            "summary".into(),
            json!("American separator."),
            json!("American magnet maker.")
        )]
    );
    assert_eq!(report["changed"][0]["name"], "Beta Magnets");
}

#[test]
fn a_changed_figure() {
    let report = json_diff(&edited("value: 10000", "value: 12500"));
    assert_eq!(
        fields(&report, "facilities", "alpha-mine"),
        vec![(
            "capacity[2025].value".into(),
            json!(10000.0),
            json!(12500.0)
        )]
    );
}

#[test]
fn a_changed_status_reads_old_to_new() {
    let new = edited("status: construction", "status: operating");
    let report = json_diff(&new);
    assert_eq!(
        fields(&report, "facilities", "beta-plant"),
        vec![("status".into(), json!("construction"), json!("operating"))]
    );
    let dir = models(&new);
    let stdout = text(&rechain(dir.path(), &["diff", "old.yaml", "new.yaml"]).stdout);
    let row = stdout
        .lines()
        .find(|l| l.contains("beta-plant"))
        .unwrap_or_default();
    assert!(
        row.starts_with("changed ")
            && row.contains(" Beta plant ")
            && row.ends_with(" status: construction → operating"),
        "{stdout}"
    );
}

#[test]
fn a_changed_source_of_a_figure() {
    let report = json_diff(&edited(
        "year: 2025, source: src-a } }",
        "year: 2025, source: src-b } }",
    ));
    assert_eq!(
        fields(&report, "facilities", "alpha-mine"),
        vec![(
            "capacity[2025].source".into(),
            json!("src-a"),
            json!("src-b")
        )]
    );
}

#[test]
fn share_blocks_match_by_year_metric_and_source() {
    let report = json_diff(&edited(
        "countries: { CN: 70, US: 12, AU: 6 }",
        "countries: { CN: 69, US: 12, AU: 6, }",
    ));
    assert_eq!(
        fields(&report, "stages", "mining"),
        vec![(
            "shares[2025, mine production, src-a].countries.CN".into(),
            json!(70.0),
            json!(69.0)
        )]
    );
}

#[test]
fn added_and_removed_members_of_a_list_and_a_new_field() {
    let report = json_diff(&edited(
        "aliases: [Alpha, AM]",
        "aliases: [AM, Alpha M]\n    notes: Listed in 2024.",
    ));
    assert_eq!(
        fields(&report, "firms", "alpha"),
        vec![
            ("aliases".into(), json!(null), json!("Alpha M")),
            ("aliases".into(), json!("Alpha"), json!(null)),
            ("notes".into(), json!(null), json!("Listed in 2024.")),
        ]
    );
}

#[test]
fn lifecycles_owners_and_products_compare_entry_by_entry() {
    let old = edited(
        "      - { id: beta-plant, name: Beta plant, country: US, stages: [separation], status: construction }\n",
        "      - id: beta-plant\n        name: Beta plant\n        country: US\n        stages: [separation]\n        \
         products: [\"other: zinc\"]\n        products_note: a zinc smelter\n        lifecycle:\n          - { status: announced, date: 2024-03, source: src-a }\n          \
         - { status: operating, date: 2026, source: src-a, planned: true }\n    owners:\n      \
         - { firm: alpha, share: 10, since: 2024, source: src-a }\n",
    );
    let new = old
        .replace("date: 2026, source: src-a, planned: true", "date: 2027, source: src-b, planned: true")
        .replace("products: [\"other: zinc\"]", "products: [\"other: zinc\", \"other: lead\"]")
        .replace(
            "- { firm: alpha, share: 10, since: 2024, source: src-a }\n",
            "- { firm: alpha, share: 12, since: 2024, source: src-a }\n      - { firm: alpha, share: 20, since: 2026, source: src-b }\n",
        );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("old.yaml"), &old).unwrap();
    std::fs::write(dir.path().join("new.yaml"), &new).unwrap();
    let out = rechain(
        dir.path(),
        &["diff", "old.yaml", "new.yaml", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        fields(&report, "facilities", "beta-plant"),
        vec![
            ("products".into(), json!(null), json!("other: lead")),
            (
                "lifecycle[operating].date".into(),
                json!("2026"),
                json!("2027")
            ),
            (
                "lifecycle[operating].source".into(),
                json!("src-a"),
                json!("src-b")
            ),
        ]
    );
    assert_eq!(
        fields(&report, "firms", "beta"),
        vec![
            ("owners[alpha, 2024].share".into(), json!(10.0), json!(12.0)),
            (
                "owners[alpha, 2026]".into(),
                json!(null),
                json!({ "firm": "alpha", "share": 20.0, "since": "2026", "source": "src-b" })
            ),
        ]
    );
}

#[test]
fn a_link_is_named_by_from_kind_and_to() {
    let report = json_diff(&edited("what: concentrate", "what: mixed carbonate"));
    assert_eq!(
        fields(&report, "links", "alpha-mine/supplies/beta-plant"),
        vec![(
            "what".into(),
            json!("concentrate"),
            json!("mixed carbonate")
        )]
    );
}

#[test]
fn a_facility_moved_to_another_firm() {
    let without = edited(
        "      - { id: beta-plant, name: Beta plant, country: US, stages: [separation], status: construction }\n",
        "",
    );
    let moved = without.replacen(
        "    facilities:\n",
        "    facilities:\n      - { id: beta-plant, name: Beta plant, country: US, stages: [separation], status: construction }\n",
        1,
    );
    let report = json_diff(&moved);
    assert_eq!(
        fields(&report, "facilities", "beta-plant"),
        vec![("firm".into(), json!("beta"), json!("alpha"))]
    );
}

#[test]
fn reordered_lists_and_mappings_are_not_changes() {
    let reordered = r"version: 1
meta: { as_of: 2026-01-01, title: Diff fixture }
countries: { AU: Australia, CN: China, US: United States }
sources:
  src-b: { title: Report B, publisher: Publisher B, year: 2026 }
  src-a: { publisher: Publisher A, title: Report A, year: 2025 }
stages:
  - id: mining
    name: Mining
    shares:
      - { year: 2024, metric: mine production, source: src-a, countries: { US: 13, CN: 68 } }
      - { metric: mine production, year: 2025, source: src-a, countries: { AU: 6, CN: 70, US: 12 } }
  - id: separation
    name: Separation
firms:
  - id: beta
    name: Beta Magnets
    hq: US
    summary: American separator.
    facilities:
      - { id: beta-plant, name: Beta plant, country: US, stages: [separation], status: construction }
  - id: alpha
    name: Alpha Mining
    aliases: [AM, Alpha]
    hq: AU
    summary: Australian miner.
    facilities:
      - { id: alpha-mine, name: Alpha mine, country: AU, stages: [separation, mining], status: operating,
          capacity: { source: src-a, value: 10000, unit: t REO/yr, year: 2025 } }
events:
  - { date: 2025-06-01, title: Beta groundbreaking, parties: [beta], source: src-b }
  - { date: 2025-04-04, title: Export licences, countries: [CN], source: src-b }
links:
  - { from: alpha-mine, to: beta-plant, kind: supplies, what: concentrate, source: src-a }
";
    let report = json_diff(reordered);
    assert_eq!(report["equal"], true, "{report:#}");
}

#[test]
fn the_chain_order_of_stages_is_a_change() {
    let swapped = BASE.replace("  - id: separation\n    name: Separation\n", "");
    let swapped = swapped.replacen(
        "stages:\n",
        "stages:\n  - id: separation\n    name: Separation\n",
        1,
    );
    let report = json_diff(&swapped);
    assert_eq!(
        fields(&report, "stages", "mining"),
        vec![("previous stage".into(), json!(null), json!("separation"))]
    );
    assert_eq!(
        fields(&report, "stages", "separation"),
        vec![("previous stage".into(), json!("mining"), json!(null))]
    );
}

#[test]
fn json_has_stable_field_names() {
    let new = edited("status: construction", "status: operating")
        .replacen(
            "  src-b:",
            "  src-c: { publisher: C, title: Report C }\n  src-b:",
            1,
        )
        .replacen(
            "  - { date: 2025-04-04, title: Export licences, countries: [CN], source: src-b }\n",
            "",
            1,
        );
    let report = json_diff(&new);
    let mut keys: Vec<&str> = report
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(keys, ["added", "changed", "equal", "new", "old", "removed"]);
    assert_eq!(report["old"], "old.yaml");
    assert_eq!(report["new"], "new.yaml");
    assert_eq!(report["equal"], false);
    assert_eq!(
        report["added"],
        json!([{ "kind": "sources", "id": "src-c", "name": "Report C" }])
    );
    assert_eq!(
        report["removed"],
        json!([{ "kind": "events", "id": "2025-04-04-export-licences", "name": "Export licences" }])
    );
    assert_eq!(
        report["changed"],
        json!([{
            "kind": "facilities",
            "id": "beta-plant",
            "name": "Beta plant",
            "fields": [{ "path": "status", "old": "construction", "new": "operating" }]
        }])
    );
}

#[test]
fn markdown_has_headings_per_kind() {
    let dir = models(&edited("status: construction", "status: operating"));
    let out = rechain(
        dir.path(),
        &["diff", "old.yaml", "new.yaml", "--format", "md"],
    );
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("## Changes from old.yaml to new.yaml\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("\n### Facilities (1 difference)\n"),
        "{stdout}"
    );
}

#[test]
fn long_values_are_shortened_in_text_and_whole_in_json() {
    let long = "A note that goes on and on about the plant, its history, its owners and much more besides.";
    let new = edited("summary: Australian miner.", &format!("summary: {long}"));
    let report = json_diff(&new);
    assert_eq!(fields(&report, "firms", "alpha")[0].2, json!(long));
    let dir = models(&new);
    let stdout = text(&rechain(dir.path(), &["diff", "old.yaml", "new.yaml"]).stdout);
    let line = stdout.lines().find(|l| l.contains("summary:")).unwrap();
    assert!(line.ends_with('…'), "{line}");
    assert!(line.chars().count() < 120, "{line}");
}

#[test]
fn an_unreadable_or_invalid_input_exits_2_and_says_which() {
    let dir = models(&edited("hq: AU", "hq: XX"));
    let out = rechain(dir.path(), &["diff", "old.yaml", "missing.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("missing.yaml: error: no such file"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the new model (missing.yaml) could not be read"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());

    let out = rechain(dir.path(), &["diff", "new.yaml", "old.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("new.yaml:19:9: error: unknown country `XX`"),
        "{stderr}"
    );
    assert!(
        stderr
            .contains("the old model (new.yaml) is not valid: 1 error; both models must be valid"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}

/// Runs git in `dir`, failing the test when it fails.
fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("run git");
    assert!(out.status.success(), "git {args:?}: {}", text(&out.stderr));
}

/// Commits what is staged, as a fixed author.
fn commit(dir: &Path, message: &str) {
    git(
        dir,
        &[
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "commit",
            "-q",
            "-m",
            message,
        ],
    );
}

fn git_available() -> bool {
    let found = Command::new("git").arg("--version").output().is_ok();
    if !found {
        eprintln!("note: git is not on PATH; skipping the git revision test");
    }
    found
}

/// A repository with two commits of chain.yaml: BASE, then a facility that started operating.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path();
    git(path, &["init", "-q"]);
    for (version, message) in [
        (BASE.to_owned(), "first"),
        (
            edited("status: construction", "status: operating"),
            "second",
        ),
    ] {
        std::fs::write(path.join("chain.yaml"), version).unwrap();
        git(path, &["add", "chain.yaml"]);
        commit(path, message);
    }
    dir
}

#[test]
fn git_revisions_are_read_from_the_repository() {
    if !git_available() {
        return;
    }
    let repo = repository();
    let out = rechain(repo.path(), &["diff", "git:HEAD~1", "git:HEAD"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("Changes from git:HEAD~1:chain.yaml to git:HEAD:chain.yaml\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("status: construction → operating"),
        "{stdout}"
    );

    // A path, and the working file against a revision, from a subdirectory of the repository.
    std::fs::create_dir(repo.path().join("sub")).unwrap();
    let out = rechain(
        &repo.path().join("sub"),
        &["diff", "git:HEAD:chain.yaml", "../chain.yaml"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn git_paths_with_glob_characters_are_paths_not_patterns() {
    if !git_available() {
        return;
    }
    let repo = repository();
    // A missing path that git would match as a pattern: refused as missing, not read as empty.
    for path in [
        "nope[1].yaml",
        "*.yaml",
        "chain.yam?",
        ":(glob)**/chain.yaml",
    ] {
        let out = rechain(
            repo.path(),
            &["diff", &format!("git:HEAD:{path}"), "git:HEAD"],
        );
        assert_eq!(out.status.code(), Some(2), "{path}");
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains(&format!("`{path}` does not exist in HEAD")),
            "{path}: {stderr}"
        );
        assert!(!stderr.contains("empty"), "{path}: {stderr}");
    }
    // A file whose name holds those characters is read as named.
    std::fs::write(repo.path().join("v[1].yaml"), BASE).unwrap();
    git(repo.path(), &["add", "--", "v[1].yaml"]);
    commit(repo.path(), "glob name");
    let out = rechain(
        repo.path(),
        &["diff", "git:HEAD:v[1].yaml", "git:HEAD~2:chain.yaml"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // A revision that looks like an option is a revision that does not exist.
    let out = rechain(repo.path(), &["diff", "git:--output=x", "git:HEAD"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("`--output=x` is not a revision in this repository"),
        "{}",
        text(&out.stderr)
    );
    assert!(!repo.path().join("x").exists());
}

#[test]
fn git_errors_are_clear() {
    if !git_available() {
        return;
    }
    let repo = repository();
    let out = rechain(repo.path(), &["diff", "git:no-such-rev", "git:HEAD"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(
            "git:no-such-rev:chain.yaml: error: `no-such-rev` is not a revision in this repository"
        ),
        "{stderr}"
    );

    let out = rechain(repo.path(), &["diff", "git:HEAD:other.yaml", "git:HEAD"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("`other.yaml` does not exist in HEAD"),
        "{}",
        text(&out.stderr)
    );

    // An invalid model in a commit: its problems as file:line:col, named after the revision.
    std::fs::write(repo.path().join("chain.yaml"), edited("hq: AU", "hq: XX")).unwrap();
    git(repo.path(), &["add", "chain.yaml"]);
    commit(repo.path(), "bad");
    let out = rechain(repo.path(), &["diff", "git:HEAD~1", "git:HEAD"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("git:HEAD:chain.yaml:19:9: error: unknown country `XX`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the new model (git:HEAD:chain.yaml) is not valid"),
        "{stderr}"
    );

    // Outside a repository.
    let elsewhere = tempfile::tempdir().unwrap();
    let out = rechain(elsewhere.path(), &["diff", "git:HEAD", "git:HEAD"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("not a git repository"),
        "{}",
        text(&out.stderr)
    );
}
