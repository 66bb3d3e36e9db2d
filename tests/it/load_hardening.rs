//! Crafted files that once got past the loader, slowed it down or were reported in the wrong
//! place: each is refused quickly, where it is, in words that print safely.

use std::fmt::Write;

use rechain::model::load::{self, load_text};
use rechain::model::{LoadError, Origin, Problem};

fn origin() -> Origin {
    Origin::File("m.yaml".into())
}

const HEAD: &str = "version: 1\nmeta: { title: T, as_of: 2025-01-01 }\n";

/// A small valid model; `{firm}` is replaced by extra lines inside the firm's mapping.
const VALID: &str = "version: 1
meta: { title: T, as_of: 2025-01-01 }
sources:
  s1: { publisher: P, title: T, year: 2025 }
countries:
  CN: China
  AU: Australia
stages:
  - id: mining
    name: Mining
firms:
  - id: lynas
    name: Lynas
    kind: company
    hq: AU
    summary: S
    notes: \"first line\\nsecond line\"
    facilities:
      - { id: lynas-mine, name: Mine, country: AU, stages: [mining], status: operating }
";

fn problems(text: &str) -> Vec<Problem> {
    match load_text(text, origin()) {
        Ok(_) => panic!("expected problems, the model loaded:\n{text}"),
        Err(e) => e.problems,
    }
}

fn list(problems: &[Problem]) -> String {
    problems.iter().fold(String::new(), |mut out, p| {
        let _ = writeln!(out, "{p}");
        out
    })
}

fn find<'a>(problems: &'a [Problem], needle: &str) -> &'a Problem {
    problems
        .iter()
        .find(|p| p.message.contains(needle))
        .unwrap_or_else(|| panic!("no problem mentions {needle:?}; got:\n{}", list(problems)))
}

fn at(p: &Problem) -> (Option<u32>, Option<u32>) {
    (p.line, p.column)
}

/// Whether printed text could act on a terminal: any C0 control but line feed, DEL, C1, or
/// a bidirectional override.
fn has_raw_controls(text: &str) -> bool {
    text.chars()
        .any(|c| c != '\n' && rechain::text::is_unsafe(c) || c == '\t')
}

fn with_firm_line(line: &str) -> String {
    VALID.replace(
        "    kind: company\n",
        &format!("    kind: company\n{line}\n"),
    )
}

#[test]
fn the_valid_base_loads() {
    let model = load_text(VALID, origin()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        model.firms()[0].notes.as_deref(),
        Some("first line\nsecond line")
    );
}

#[test]
fn long_unknown_id_is_reported_shortened_without_a_suggestion() {
    let long = "x".repeat(1_000_000);
    let text = VALID.replace("stages: [mining]", &format!("stages: [{long}]"));
    let p = problems(&text);
    let unknown = find(&p, "unknown stage");
    let shown = unknown.to_string();
    assert!(shown.len() < 300, "{} bytes", shown.len());
    assert!(shown.contains("… (1,000,000 chars)"), "{shown}");
    assert_eq!(at(unknown), (Some(19), Some(61)));
}

#[test]
fn long_unknown_variant_and_field_are_shortened() {
    for (text, length) in [
        (
            VALID.replace("kind: company", &format!("kind: {}", "y".repeat(100_000))),
            "(100,000 chars)",
        ),
        // YAML caps plain keys at 1024 characters.
        (
            with_firm_line(&format!("    {}: 1", "y".repeat(1000))),
            "(1,000 chars)",
        ),
    ] {
        let p = problems(&text);
        let shown = p[0].to_string();
        assert!(shown.len() < 600, "{}", &shown[..600]);
        assert!(shown.contains(length), "{shown}");
    }
}

#[test]
fn ids_are_unique_across_firms_facilities_stages_and_sources() {
    let text = VALID
        .replace("  s1: {", "  mining: { publisher: P, title: T }\n  s1: {")
        .replace("  - id: lynas\n", "  - id: mining\n");
    let p = problems(&text);
    let firm = p
        .iter()
        .find(|p| p.path == "firms[0].id")
        .unwrap_or_else(|| panic!("{}", list(&p)));
    assert_eq!(at(firm), (Some(13), Some(9)), "{firm}");
    assert!(
        firm.message.contains("m.yaml:4:3") && firm.message.contains("source"),
        "{firm}"
    );
    let stage = p
        .iter()
        .find(|p| p.path == "stages[0].id")
        .unwrap_or_else(|| panic!("{}", list(&p)));
    assert!(
        stage.message.contains("m.yaml:4:3") && stage.message.contains("source"),
        "{stage}"
    );
    // A facility named like a source is caught too.
    let text = VALID.replace("id: lynas-mine", "id: s1");
    let p = problems(&text);
    let facility = find(&p, "`s1`");
    assert!(facility.message.contains("m.yaml:4:3"), "{facility}");
    assert_eq!(at(facility), (Some(19), Some(15)), "{facility}");
}

#[test]
fn schema_valid_alias_bomb_is_refused_quickly() {
    // Each level is a list of references to the level below: 10^9 figures once expanded.
    let mut text = String::from(
        "version: 1\nmeta: { title: T, as_of: 2025-01-01 }\nsources: { s1: { publisher: P, title: T } }\n\
countries: { CN: China }\nstages: [{ id: mining, name: Mining }]\n",
    );
    let refs = |name: &str| vec![format!("*{name}"); 1000].join(", ");
    text.push_str("firms:\n  - id: f\n    name: F\n    hq: CN\n    summary: S\n    facilities:\n");
    let _ = writeln!(
        text,
        "      - &x {{ id: x, name: X, country: CN, stages: [mining], status: operating,\n          figures: [&g {{ value: 1, unit: t, source: s1 }}, {}] }}",
        refs("g")
    );
    let _ = writeln!(text, "      - {}", refs("x").replace(", ", "\n      - "));
    let _ = writeln!(
        text,
        "  - &f {{ id: g, name: G, hq: CN, summary: S, facilities: [{}] }}",
        refs("x")
    );
    let _ = writeln!(text, "  - {}", refs("f").replace(", ", "\n  - "));
    let started = std::time::Instant::now();
    let p = problems(&text);
    let elapsed = started.elapsed();
    assert!(
        elapsed < std::time::Duration::from_secs(1),
        "took {elapsed:?}"
    );
    let bomb = find(&p, "aliases expand to too much data");
    assert!(bomb.line.is_some(), "{bomb}");
}

#[test]
fn notes_keep_their_line_breaks_in_the_card() {
    let model = load_text(VALID, origin()).unwrap();
    let card = rechain::present::card::card(
        &model,
        rechain::model::EntityRef::Firm(model.firm_ids().next().unwrap()),
    );
    let plain = card.to_plain_text();
    assert!(plain.contains("first line\nsecond line\n"), "{plain}");
    assert!(!plain.contains('\u{FFFD}'), "{plain}");
}

#[test]
fn messages_quote_model_text_inert() {
    let hostile = "\\e]0;pwned\\a\\e]52;c;cHduZWQ=\\a";
    let cases = [
        VALID.replace("hq: AU", &format!("hq: \"{hostile}\"")),
        VALID.replace("kind: company", &format!("kind: \"{hostile}\"")),
        with_firm_line(&format!("    \"{hostile}\": 1")),
        VALID.replace("as_of: 2025-01-01", &format!("as_of: \"{hostile}\"")),
        VALID.replace("year: 2025 }", &format!("url: \"{hostile}\" }}")),
        VALID.replace("id: lynas\n", &format!("id: \"{hostile}\"\n")),
        VALID.replace("  AU: Australia", &format!("  \"{hostile}\": X")),
    ];
    for text in cases {
        let e = load_text(&text, origin()).unwrap_err();
        let shown = e.to_string();
        assert!(!has_raw_controls(&shown), "{shown:?}");
        assert!(shown.contains("\\e]0;pwned"), "{shown}");
        let json = serde_json::to_string(&e.problems).unwrap();
        assert!(!json.contains("\\u001b"), "{json}");
    }
    // The file name is shown inert too.
    let e = load_text("x", Origin::File("a\u{1b}]0;t\u{7}.yaml".into())).unwrap_err();
    assert!(!has_raw_controls(&e.to_string()), "{e}");
    assert!(e.to_string().starts_with("a\\e]0;t\\a.yaml"), "{e}");
}

#[test]
fn line_separator_in_a_comment_cannot_hide_keys() {
    let text = with_firm_line("    summary2: x # c\u{2028}    name: \"\\e]0;pwned\\a\"")
        .replace("    summary2: x", "");
    let text = text.replace("    kind: company\n # c", "    kind: company # c");
    assert!(text.contains("kind: company # c\u{2028}"), "{text}");
    let p = problems(&text);
    let sep = find(&p, "U+2028");
    assert_eq!(at(sep), (Some(14), Some(22)), "{sep}");
    assert!(!has_raw_controls(&list(&p)));

    let text = format!("{HEAD}countries:\n  CN: China # \u{2028}  CN: Narnia\n");
    let p = problems(&text);
    assert_eq!(at(find(&p, "U+2028")), (Some(4), Some(15)));
}

#[test]
fn harmless_line_separator_in_a_comment_is_named_where_it_is() {
    for (c, name) in [
        ('\u{2028}', "U+2028"),
        ('\u{2029}', "U+2029"),
        ('\u{85}', "U+0085"),
    ] {
        let text = VALID.replace(
            "    summary: S\n",
            &format!("    summary: S # see{c}page 3\n"),
        );
        let p = problems(&text);
        assert_eq!(p.len(), 1, "{}", list(&p));
        assert!(p[0].message.contains(name), "{}", p[0]);
        assert!(p[0].message.contains("not even in a comment"), "{}", p[0]);
        assert_eq!(at(&p[0]), (Some(16), Some(21)), "{}", p[0]);
    }
}

#[test]
fn control_bytes_are_reported_at_their_line_and_column() {
    let text = VALID.replace("    summary: S\n", "    summary: S # a\u{1b}b\n");
    let p = problems(&text);
    assert_eq!(at(find(&p, "U+001B")), (Some(16), Some(19)));
    let text = VALID.replace("    summary: S\n", "    summary: S\u{7}x\n");
    let p = problems(&text);
    assert_eq!(at(find(&p, "U+0007")), (Some(16), Some(15)));
    let text = VALID.replace("    summary: S\n", "    summary: \"\u{0}\"\n");
    let p = problems(&text);
    assert_eq!(at(find(&p, "U+0000")), (Some(16), Some(15)));
    let text = VALID.replace("    summary: S\n", "    summary: S \u{202E}x\n");
    let p = problems(&text);
    assert_eq!(at(find(&p, "U+202E")), (Some(16), Some(16)));
}

#[test]
fn special_files_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let e = load::read(dir.path()).unwrap_err();
    assert!(
        e.unreadable && e.problems[0].message.contains("directory"),
        "{e}"
    );
    #[cfg(unix)]
    {
        let fifo = dir.path().join("fifo.yaml");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(status.success());
        let e = load::read(&fifo).unwrap_err();
        assert!(e.unreadable, "{e}");
        assert!(e.problems[0].message.contains("named pipe (FIFO)"), "{e}");
        let link = dir.path().join("link.yaml");
        std::os::unix::fs::symlink(&fifo, &link).unwrap();
        let e = load::read(&link).unwrap_err();
        assert!(e.problems[0].message.contains("named pipe"), "{e}");
        let e = load::read(std::path::Path::new("/dev/null")).unwrap_err();
        assert!(e.problems[0].message.contains("device"), "{e}");
        // A symlink to a regular file is read.
        let real = dir.path().join("real.yaml");
        std::fs::write(&real, VALID).unwrap();
        let to_real = dir.path().join("to-real.yaml");
        std::os::unix::fs::symlink(&real, &to_real).unwrap();
        assert_eq!(load::read(&to_real).unwrap(), VALID);
    }
}

#[test]
fn names_made_only_of_invisible_characters_are_empty() {
    for invisible in ["\\u200B", "\\u200F\\u061C", "\\uFEFF \\u2060"] {
        let text = VALID.replace("name: Lynas", &format!("name: \"{invisible}\""));
        let p = problems(&text);
        let empty = find(&p, "must not be empty");
        assert_eq!(empty.path, "firms[0].name");
        assert_eq!(at(empty), (Some(13), Some(11)));
    }
}

#[test]
fn yaml_tags_are_refused_where_they_are() {
    for (tagged, tag) in [
        ("name: !!int 5", "!!int"),
        ("name: !!binary aGVsbG8=", "!!binary"),
        ("name: !custom Lynas", "!custom"),
        ("name: !!float 1.5", "!!float"),
    ] {
        let text = VALID.replace("name: Lynas", tagged);
        let p = problems(&text);
        let refused = find(&p, &format!("YAML tag `{tag}`"));
        assert_eq!(at(refused), (Some(13), Some(11)), "{refused}");
    }
    let text = VALID.replace("facilities:\n", "facilities: !!set\n");
    assert!(find(&problems(&text), "YAML tag `!!set`").line.is_some());
    // `!!str` only says what a plain reader already sees.
    let text = VALID.replace("name: Lynas", "name: !!str Lynas");
    load_text(&text, origin()).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn every_problem_from_hostile_text_prints_safely() {
    let e: LoadError = load_text(
        &format!("{HEAD}countries: {{ \"\\e[2J\": \"\\u202Eabc\" }}\n"),
        origin(),
    )
    .unwrap_err();
    assert!(!has_raw_controls(&e.to_string()), "{e}");
}

#[test]
fn check_prints_no_raw_escape_from_the_model_or_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hostile\u{1b}]0;t\u{7}.yaml");
    std::fs::write(
        &file,
        VALID.replace("hq: AU", "hq: \"\\e]0;pwned\\a\\e]52;c;cHduZWQ=\\a\""),
    )
    .unwrap();
    for format in ["text", "json"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_rechain"))
            .args(["check", "--format", format])
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        for stream in [&out.stdout, &out.stderr] {
            let shown = String::from_utf8_lossy(stream);
            assert!(!has_raw_controls(&shown), "{format}: {shown:?}");
        }
        assert!(String::from_utf8_lossy(&out.stdout).contains("\\e]0;pwned"));
    }
}

#[cfg(unix)]
#[test]
fn check_on_a_fifo_returns_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("model.yaml");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rechain"))
        .arg("check")
        .arg(&fifo)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "unreadable");
    assert!(String::from_utf8_lossy(&out.stdout).contains("named pipe (FIFO)"));
}

#[test]
fn tags_that_agree_with_the_field_are_refused_too() {
    // The YAML library reads these without complaint; the loader still names them.
    for tagged in [
        "year: !!int 2025 }",
        "year: !!float 2025 }",
        "year: !x 2025 }",
    ] {
        let text = VALID.replace("year: 2025 }", tagged);
        let p = problems(&text);
        assert_eq!(at(find(&p, "YAML tag")), (Some(4), Some(39)), "{tagged}");
    }
}

/// The time to refuse the shipped model with `firms` firms added whose head office is in no
/// known country, best of three runs so that other work on the machine does not count.
fn refusal_time(firms: usize) -> std::time::Duration {
    let text = rechain::synth::with_unknown_head_offices(load::EMBEDDED_YAML, firms);
    (0..3)
        .map(|_| {
            let started = std::time::Instant::now();
            let refused = load_text(&text, origin()).expect_err("unknown countries");
            let took = started.elapsed();
            // Every problem is placed but the count of those not listed.
            let unplaced = refused.problems.iter().filter(|p| p.line.is_none()).count();
            assert!(unplaced <= 1, "{unplaced} problems have no place");
            took
        })
        .min()
        .unwrap()
}

#[test]
fn check_grows_linearly_with_the_entities_in_error() {
    // Four times the firms take about four times as long when the check is linear (less, with
    // the model around them), sixteen times when quadratic. Whole times, not differences, so
    // noise on a busy machine cannot make a small difference look large.
    let quarter = refusal_time(4_000);
    let whole = refusal_time(16_000);
    assert!(
        whole < quarter * 9,
        "4k firms took {quarter:?}, 16k firms {whole:?}"
    );
}

#[test]
fn millions_of_problems_are_counted_not_listed() {
    let text = rechain::synth::with_unknown_head_offices(load::EMBEDDED_YAML, 5_000);
    let found = problems(&text);
    assert_eq!(found.len(), rechain::model::validate::MAX_PROBLEMS + 1);
    find(
        &found,
        "4000 more problems are not listed; fix the ones above first",
    );
}

#[test]
fn a_map_over_its_ceiling_is_refused_at_the_first_key_over_it_and_quickly() {
    // 200k keys: a full check of them took seconds (2M took half a minute).
    let text = rechain::synth::with_bad_country_codes(load::EMBEDDED_YAML, 200_000);
    let started = std::time::Instant::now();
    let found = problems(&text);
    let took = started.elapsed();
    // The shipped model's own countries follow the added keys: key 1,001 is `k1000`.
    let over = find(&found, "more than 1000 keys in `countries` (ISO 3166");
    let line = text.lines().position(|l| l == "countries:").unwrap() as u32 + 1 + 1_001;
    assert_eq!(at(over), (Some(line), Some(3)), "{}", list(&found));
    assert_eq!(over.path, "countries.k1000");
    // Linear passes over 2.7 MB only, even in a debug build on a busy machine.
    assert!(took < std::time::Duration::from_secs(3), "{took:?}");
}

#[test]
fn a_flow_map_over_its_ceiling_is_refused_too() {
    let keys: Vec<String> = (0..1_500).map(|i| format!("k{i}: Name")).collect();
    let text = VALID.replacen(
        "countries:\n  CN: China\n  AU: Australia\n",
        &format!(
            "countries: {{ {}, CN: China, AU: Australia }}\n",
            keys.join(", ")
        ),
        1,
    );
    let found = problems(&text);
    find(&found, "more than 1000 keys in `countries`");
}

#[test]
fn a_list_over_its_ceiling_is_refused_at_its_first_item_over_it() {
    let max = rechain::model::limits::max_entries("stages").unwrap();
    let mut text = load::EMBEDDED_YAML.to_owned();
    let mut extra = String::new();
    for i in 0..max {
        writeln!(extra, "  - {{ id: s{i}, name: S }}").unwrap();
    }
    text = text.replacen("\nstages:\n", &format!("\nstages:\n{extra}"), 1);
    let found = problems(&text);
    let over = find(
        &found,
        "more than 1000 entries in `stages`: a model has at most 1000",
    );
    let line = text.lines().position(|l| l == "stages:").unwrap() as u32 + 1 + 1_001;
    assert_eq!(at(over), (Some(line), Some(5)), "{}", list(&found));
}

#[test]
fn duplicate_keys_are_found_in_large_maps() {
    let text = rechain::synth::with_bad_country_codes(load::EMBEDDED_YAML, 900).replacen(
        "\ncountries:\n",
        "\ncountries:\n  k899: Again\n",
        1,
    );
    let found = problems(&text);
    let duplicate = find(&found, "duplicate key `k899`");
    // The second k899 is the 901st entry after the `countries:` line.
    let line = text.lines().position(|l| l == "countries:").unwrap() as u32 + 1 + 901;
    assert_eq!(at(duplicate), (Some(line), Some(3)), "{}", list(&found));
}
