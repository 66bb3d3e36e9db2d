//! Products, dated lifecycles, nameplate and output, owners and provenance: the rules the
//! validator enforces, each shown on a small model with a known answer.

use rechain::model::load::load_text;
use rechain::model::{Holder, Origin, Problem, Status};

/// A valid model; tests replace one marked line to break one rule.
const BASE: &str = r#"version: 1
meta: { title: T, as_of: 2026-06-01 }
sources:
  release: { publisher: Firm A, title: Annual report, date: 2025-03-01, kind: primary, url: https://example.org/release }
  news: { publisher: A newspaper, title: Firm A expands, year: 2025, kind: secondary, quotes: Firm A release, url: https://example.org/news }
countries: { AU: Australia, US: United States }
elements:
  - { symbol: Pr, name: Praseodymium, number: 59, usgs: light, cn: light }
  - { symbol: Nd, name: Neodymium, number: 60, usgs: light, cn: light }
  - { symbol: Dy, name: Dysprosium, number: 66, usgs: heavy, cn: heavy, mofcom: [18] }
stages:
  - { id: mining, name: Mining }
  - { id: separation, name: Separation }
firms:
  - id: holder
    name: Holder Co
    hq: US
    summary: Owns part of Firm A.
  - id: firm-a
    name: Firm A
    hq: AU
    summary: Separates rare earths.
    owners:
      - { firm: holder, share: 20, since: 2024, source: release }  # OWNER
    facilities:
      - id: plant
        name: Plant
        country: AU
        stages: [separation]
        products: [NdPr oxide, Dy oxide]  # PRODUCTS
        lifecycle:
          - { status: construction, date: 2024-05, source: release }  # FIRST
          - { status: operating, date: 2025-02, source: release }  # SECOND
          - { status: operating, date: 2027, source: release, planned: true }
        capacity: { stage: separation, basis: nameplate, value: 1000, unit: t REO/yr, year: 2025, source: release }
        output:
          - { label: "2025", value: 400, max: 450, unit: t REO, year: 2025, source: release }
"#;

fn with(marker: &str, line: &str) -> String {
    let text: Vec<String> = BASE
        .lines()
        .map(|l| {
            if l.ends_with(&format!("# {marker}")) {
                let indent = &l[..l.len() - l.trim_start().len()];
                format!("{indent}{line}")
            } else {
                l.to_owned()
            }
        })
        .collect();
    assert_ne!(text.join("\n") + "\n", BASE, "marker {marker} not found");
    text.join("\n") + "\n"
}

fn problems(text: &str) -> Vec<Problem> {
    match load_text(text, Origin::File("m.yaml".into())) {
        Ok(model) => model.warnings().to_vec(),
        Err(e) => e.problems,
    }
}

/// The only error, as `line:col: message (at path)`.
fn only_error(text: &str) -> String {
    let errors: Vec<Problem> = problems(text)
        .into_iter()
        .filter(Problem::is_error)
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let p = &errors[0];
    format!(
        "{}:{}: {} (at {})",
        p.line.unwrap_or(0),
        p.column.unwrap_or(0),
        p.message,
        p.path
    )
}

#[test]
fn the_base_model_is_valid_and_reads_its_history() {
    let m = load_text(BASE, Origin::Embedded).unwrap_or_else(|e| panic!("{e}"));
    let plant = &m.facilities()[0];
    assert_eq!(
        plant.status,
        Status::Operating,
        "the last entry that is not planned"
    );
    let current = plant.current_entry().unwrap();
    assert_eq!(current.date.to_string(), "2025-02");
    assert!(plant.lifecycle[2].planned);
    assert!(plant.makes_rare_earths());
    let dy = m.lookup("Dy").unwrap();
    assert!(
        plant.products[1]
            .elements
            .iter()
            .any(|&e| rechain::model::EntityRef::Element(e) == dy)
    );
    assert_eq!(plant.output[0].max, Some(450.0));
    let firm = &m.firm(m.firm_by_id("firm-a").unwrap());
    assert_eq!(
        firm.owners[0].holder,
        Holder::Firm(m.firm_by_id("holder").unwrap())
    );
    assert!(firm.owners[0].current);
    let holder = &m.firm(m.firm_by_id("holder").unwrap());
    assert_eq!(holder.stakes.len(), 1);
    let news = &m.source(m.source_by_id("news").unwrap());
    assert_eq!(news.quotes.as_deref(), Some("Firm A release"));
    assert_eq!(
        m.source(m.source_by_id("release").unwrap()).year,
        Some(2025)
    );
}

#[test]
fn a_history_out_of_date_order_is_refused() {
    let text = with(
        "SECOND",
        "- { status: operating, date: 2023-11, source: release }",
    );
    assert_eq!(
        only_error(&text),
        "33:40: 2023-11 is before the entry above it (2024-05): list the lifecycle oldest first \
         (at firms[1].facilities[0].lifecycle[1].date)"
    );
}

#[test]
fn a_year_and_a_month_of_that_year_are_in_order_either_way() {
    let text = with(
        "SECOND",
        "- { status: operating, date: 2024, source: release }",
    );
    assert!(problems(&text).is_empty(), "{:?}", problems(&text));
}

#[test]
fn an_unknown_product_symbol_suggests_the_nearest() {
    let text = with("PRODUCTS", "products: [NdPr oxide, Dz oxide]");
    assert_eq!(
        only_error(&text),
        "30:32: unknown element `Dz` in product `Dz oxide`; did you mean `Dy`? \
         (at firms[1].facilities[0].products[1])"
    );
    let text = with("PRODUCTS", "products: [NdPr oxyde]");
    assert!(
        only_error(&text).contains("unknown form `oxyde` in product `NdPr oxyde` (forms: ore,"),
        "{}",
        only_error(&text)
    );
    assert!(only_error(&text).contains("did you mean `oxide`?"));
}

#[test]
fn a_rare_earth_stage_without_rare_earth_products_needs_a_note() {
    let text = with("PRODUCTS", r#"products: ["other: zinc", FeN magnets]"#);
    assert_eq!(
        only_error(&text),
        "30:19: `plant` is in the `separation` stage but none of its products is a rare earth; \
         add `products_note` saying why (at firms[1].facilities[0].products)"
    );
    let text = BASE.replace(
        "        products: [NdPr oxide, Dy oxide]  # PRODUCTS",
        "        products: [\"other: zinc\"]\n        products_note: A zinc smelter.",
    );
    assert!(problems(&text).is_empty(), "{:?}", problems(&text));
}

#[test]
fn status_and_lifecycle_are_exclusive() {
    let text = BASE.replace(
        "        stages: [separation]\n",
        "        stages: [separation]\n        status: operating\n",
    );
    assert!(
        only_error(&text).contains("give `status` or `lifecycle`, not both"),
        "{}",
        only_error(&text)
    );
}

#[test]
fn a_lifecycle_of_targets_only_is_refused() {
    let text = with(
        "FIRST",
        "- { status: construction, date: 2024-05, source: release, planned: true }",
    );
    let text = text.replace(
        "          - { status: operating, date: 2025-02, source: release }  # SECOND\n",
        "",
    );
    assert!(
        only_error(&text).contains("every entry is `planned`"),
        "{}",
        only_error(&text)
    );
}

#[test]
fn planned_is_read_as_announced() {
    let text = BASE.replace(
        "        lifecycle:\n          - { status: construction, date: 2024-05, source: release }  # FIRST\n          - { status: operating, date: 2025-02, source: release }  # SECOND\n          - { status: operating, date: 2027, source: release, planned: true }\n",
        "        status: planned\n",
    );
    let m = load_text(&text, Origin::Embedded).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(m.facilities()[0].status, Status::Announced);
    assert!(m.facilities()[0].lifecycle.is_empty());
}

#[test]
fn an_owner_gives_a_share_or_control_not_both() {
    let text = with(
        "OWNER",
        "- { firm: holder, share: 20, control: minority, since: 2024, source: release }",
    );
    assert_eq!(
        only_error(&text),
        "24:45: give `share` or `control`, not both (`control` is for when the percentage is not public) \
         (at firms[1].owners[0].control)"
    );
}

#[test]
fn an_owner_is_one_known_holder() {
    let text = with(
        "OWNER",
        "- { firm: holdr, share: 20, since: 2024, source: release }",
    );
    assert!(
        only_error(&text).contains("unknown firm `holdr`; did you mean `holder`?"),
        "{}",
        only_error(&text)
    );
    let text = with(
        "OWNER",
        "- { government: UK, share: 20, since: 2024, source: release }",
    );
    assert!(only_error(&text).contains("unknown country `UK`"));
    let text = with(
        "OWNER",
        "- { firm: holder, name: Holder, share: 20, since: 2024, source: release }",
    );
    assert!(only_error(&text).contains("not several"));
    let text = with("OWNER", "- { firm: holder, share: 20, source: release }");
    assert!(only_error(&text).contains("needs `since`"));
}

#[test]
fn current_shares_over_100_are_refused_but_a_later_entry_replaces_an_earlier() {
    let raised = BASE.replace(
        "      - { firm: holder, share: 20, since: 2024, source: release }  # OWNER\n",
        "      - { firm: holder, share: 20, since: 2024, source: release }\n      - { firm: holder, share: 90, since: 2025, source: release }\n      - { name: Fund, country: US, share: 10, since: 2025, source: release }\n",
    );
    let m = load_text(&raised, Origin::Embedded).unwrap_or_else(|e| panic!("{e}"));
    let owners = &m.firms()[1].owners;
    assert_eq!(
        owners.iter().map(|o| o.current).collect::<Vec<_>>(),
        [false, true, true]
    );
    let over = raised.replace("share: 10, since: 2025", "share: 15, since: 2025");
    assert!(
        only_error(&over).contains("current shares add up to 105.0%, over 100%"),
        "{}",
        only_error(&over)
    );
}

#[test]
fn element_conventions_are_not_mixed() {
    let text = BASE.replace(
        "number: 60, usgs: light",
        "number: 60, group: light, usgs: light",
    );
    assert!(only_error(&text).contains("`group` mixes with the `usgs` and `cn` tags"));
    let text = BASE.replace("number: 60, usgs: light, cn: light", "number: 60");
    assert!(only_error(&text).contains("needs its `usgs` and `cn` groups"));
}

#[test]
fn provenance_fields_are_checked() {
    let text = BASE.replace("year: 2025, kind: secondary", "year: 2025");
    assert!(only_error(&text).contains("`quotes` is for secondary sources"));
    let text = BASE.replace("quotes: Firm A release", "primary: news");
    assert!(only_error(&text).contains("a source cannot be its own primary"));
    let text = BASE.replace("quotes: Firm A release", "primary: relase");
    assert!(
        only_error(&text).contains("unknown source `relase`; did you mean `release`?"),
        "{}",
        only_error(&text)
    );
    let text = BASE.replace(
        "date: 2025-03-01, kind",
        "date: 2025-03-01, year: 2024, kind",
    );
    assert!(only_error(&text).contains("date 2025-03-01 and year 2024 disagree"));
}

#[test]
fn capacity_and_capacity_unknown_are_exclusive() {
    let text = BASE.replace(
        "        output:\n",
        "        capacity_unknown: not published\n        output:\n",
    );
    assert!(only_error(&text).contains("give `capacity` or `capacity_unknown`, not both"));
}

#[test]
fn old_files_keep_loading() {
    for (name, text) in [
        ("routes", include_str!("../fixtures/routes.yaml")),
        ("search", include_str!("../fixtures/search.yaml")),
        ("ui", include_str!("../fixtures/ui.yaml")),
        ("starter", rechain::cli::STARTER),
        ("embedded", rechain::model::load::EMBEDDED_YAML),
    ] {
        load_text(text, Origin::Embedded).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

/// The warnings `rechain check` adds, as `line:col: message (at path)`.
fn audit(text: &str) -> Vec<String> {
    let m = load_text(text, Origin::File("m.yaml".into())).unwrap_or_else(|e| panic!("{e}"));
    m.audit()
        .iter()
        .map(|p| {
            assert!(!p.is_error());
            format!(
                "{}:{}: {} (at {})",
                p.line.unwrap_or(0),
                p.column.unwrap_or(0),
                p.message,
                p.path
            )
        })
        .collect()
}

#[test]
fn the_base_model_passes_the_audit() {
    assert_eq!(audit(BASE), Vec::<String>::new());
}

#[test]
fn a_figure_citing_a_secondary_report_of_a_held_primary_is_flagged() {
    let text = BASE
        .replace("quotes: Firm A release", "primary: release")
        .replace(
            "capacity: { stage: separation, basis: nameplate, value: 1000, unit: t REO/yr, year: 2025, source: release }",
            "capacity: { stage: separation, basis: nameplate, value: 1000, unit: t REO/yr, year: 2025, source: news }",
        );
    assert_eq!(
        audit(&text),
        [
            "35:107: cites `news`, a secondary report of `release`, which the model holds: cite `release` \
          (at firms[1].facilities[0].capacity[0].source)"
        ]
    );
}

#[test]
fn a_target_more_than_a_year_old_is_a_stale_plan() {
    let stale = BASE
        .replace(
            "          - { status: operating, date: 2025-02, source: release }  # SECOND\n",
            "",
        )
        .replace(
            "- { status: operating, date: 2027, source: release, planned: true }",
            "- { status: operating, date: 2025-04, source: release, planned: true }",
        );
    assert_eq!(
        audit(&stale),
        [
            "33:40: the target to be operating by 2025-04 is more than a year before as_of 2026-06-01, \
          and `plant` is still construction: record what happened or the new target \
          (at firms[1].facilities[0].lifecycle[1].date)"
        ]
    );
    // A target year runs to its end: 2025 is not yet more than a year before 2026-06-01.
    let recent = stale.replace(
        "date: 2025-04, source: release, planned",
        "date: 2025, source: release, planned",
    );
    assert_eq!(audit(&recent), Vec::<String>::new());
}

#[test]
fn a_source_accessed_long_ago_that_carries_a_current_figure_is_flagged() {
    let text = BASE.replace(
        "date: 2025-03-01, kind: primary",
        "date: 2025-03-01, kind: primary, accessed: 2024-11-30",
    );
    let warnings = audit(&text);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].starts_with(
            "4:98: accessed 2024-11-30, more than 18 months before as_of 2026-06-01, \
             yet the source of current figures (firms[1].owners[0].source and "
        ),
        "{warnings:?}"
    );
    let recent = text.replace("accessed: 2024-11-30", "accessed: 2024-12-01");
    assert_eq!(
        audit(&recent),
        Vec::<String>::new(),
        "18 months exactly is fine"
    );
}

#[test]
fn internal_wording_is_flagged() {
    let text = BASE.replace(
        "summary: Separates rare earths.",
        "summary: Quoted in seed 001.",
    );
    assert_eq!(
        audit(&text),
        [
            "22:14: contains internal wording (`seed 0`): name the real publisher, document or reason \
          (at firms[1].summary)"
        ]
    );
}

#[test]
fn rare_earth_stages_list_products_and_built_plants_a_capacity() {
    let text = BASE
        .replace("        products: [NdPr oxide, Dy oxide]  # PRODUCTS\n", "")
        .replace(
            "        capacity: { stage: separation, basis: nameplate, value: 1000, unit: t REO/yr, year: 2025, source: release }\n",
            "",
        );
    assert_eq!(
        audit(&text),
        [
            "26:9: `plant` (operating) has neither `capacity` nor `capacity_unknown` (why none is public) \
             (at firms[1].facilities[0])",
            "29:17: `plant` is in the `separation` stage but lists no `products` \
             (at firms[1].facilities[0].stages)",
        ]
    );
}

#[test]
fn check_strict_counts_warnings_as_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.yaml");
    std::fs::write(
        &path,
        BASE.replace(
            "summary: Separates rare earths.",
            "summary: From the fact sheet.",
        ),
    )
    .unwrap();
    let run = |strict: bool| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_rechain"));
        cmd.arg("check").arg(&path);
        if strict {
            cmd.arg("--strict");
        }
        cmd.output().unwrap()
    };
    let lenient = run(false);
    assert_eq!(lenient.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&lenient.stdout);
    assert!(
        stdout.contains("m.yaml:22:14: warning: contains internal wording (`fact sheet`)"),
        "{stdout}"
    );
    assert!(stdout.ends_with("valid (1 warning)\n"), "{stdout}");
    let strict = run(true);
    assert_eq!(strict.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&strict.stdout)
            .ends_with("0 errors, 1 warning (--strict: warnings count as errors)\n")
    );
    std::fs::write(&path, BASE).unwrap();
    assert_eq!(run(true).status.code(), Some(0));
}

fn fixture() -> rechain::model::Model {
    load_text(
        include_str!("../fixtures/history.yaml"),
        Origin::File("tests/fixtures/history.yaml".into()),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

fn card_text(m: &rechain::model::Model, id: &str) -> String {
    let entity = m.lookup(id).unwrap_or_else(|| panic!("no {id}"));
    rechain::present::card::card(m, entity).to_plain_text()
}

#[test]
fn cards_show_products_history_nameplate_and_owners() {
    let m = fixture();
    insta::assert_snapshot!("facility_card_with_history", card_text(&m, "iluka-eneabba"));
    insta::assert_snapshot!("facility_card_with_owners", card_text(&m, "peak-ngualla"));
    insta::assert_snapshot!("firm_card_with_owners", card_text(&m, "peak"));
    insta::assert_snapshot!("source_card_secondary", card_text(&m, "iluka-nri-2025-10"));
    insta::assert_snapshot!("element_card_made_at", card_text(&m, "Dy"));
}

#[test]
fn the_fixture_passes_check_strict() {
    let m = fixture();
    assert!(m.warnings().is_empty(), "{:?}", m.warnings());
    assert!(m.audit().is_empty(), "{:?}", m.audit());
}

#[test]
fn products_and_owners_are_searchable() {
    let m = fixture();
    let index = rechain::search::SearchIndex::build(&m);
    let ids = |query: &str| -> Vec<String> {
        index
            .search(query, 10)
            .iter()
            .map(|h| m.entity_id(h.entity))
            .collect()
    };
    assert_eq!(ids("Dy oxide"), ["iluka-eneabba"]);
    let shenghe = ids("shenghe");
    for id in ["shenghe", "peak", "peak-ngualla"] {
        assert!(shenghe.contains(&id.to_owned()), "{shenghe:?}");
    }
}

#[test]
fn new_fields_survive_export_and_reload() {
    let m = fixture();
    let yaml = rechain::model::load::to_yaml(m.file());
    let again = load_text(&yaml, Origin::Embedded).unwrap_or_else(|e| panic!("{e}\n{yaml}"));
    assert_eq!(m.file(), again.file());
    assert!(
        yaml.contains("lifecycle:") && yaml.contains("owners:") && yaml.contains("kind: secondary")
    );
}
