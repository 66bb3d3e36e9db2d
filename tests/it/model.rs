//! The embedded model and the model's indexes.

use rechain::model::load::{self, EMBEDDED_YAML};
use rechain::model::{EntityRef, Origin};

#[test]
fn embedded_model_validates_with_no_problems() {
    let model = load::load(&Origin::Embedded).unwrap_or_else(|e| panic!("{e}"));
    assert!(model.warnings().is_empty(), "{:?}", model.warnings());
    assert!(!model.stages().is_empty());
}

#[test]
fn export_then_reload_gives_the_same_model() {
    let model = load::load_text(EMBEDDED_YAML, Origin::Embedded).unwrap();
    let yaml = load::to_yaml(model.file());
    let again = load::load_text(&yaml, Origin::Embedded).unwrap_or_else(|e| panic!("{e}\n{yaml}"));
    assert_eq!(model.file(), again.file());
}

#[test]
fn starter_model_is_valid() {
    load::load_text(rechain::cli::STARTER, Origin::Embedded).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn indexes_resolve_references_and_lines() {
    let model = load::load_text(rechain::cli::STARTER, Origin::File("s.yaml".into())).unwrap();
    let firm = model.firm_by_id("example-miner").expect("firm by id");
    let mine = match model.lookup("example-mine") {
        Some(EntityRef::Facility(x)) => x,
        other => panic!("facility lookup gave {other:?}"),
    };
    assert_eq!(model.facility(mine).firm, firm);
    let mining = model.stage_by_id("mining").unwrap();
    assert_eq!(model.stage(mining).firms, vec![firm]);
    assert_eq!(
        model
            .country_by_code("US")
            .map(|c| model.country(c).firms.clone()),
        Some(vec![firm])
    );
    let line = model.entity_line(EntityRef::Firm(firm));
    let text_line = rechain::cli::STARTER
        .lines()
        .nth(line as usize - 1)
        .unwrap();
    assert!(
        text_line.contains("id: example-miner"),
        "line {line} is {text_line:?}"
    );
    let block = &model.stage(mining).shares[0];
    let (top, percent) = block.percents[0];
    assert_eq!(model.country(top).code, "CN");
    assert!((percent - 270_000.0 / 390_000.0 * 100.0).abs() < 1e-9);
    assert!((block.unreported() - (100.0 - 350_000.0 / 390_000.0 * 100.0)).abs() < 1e-9);
}

#[test]
fn synthetic_models_are_valid_at_any_size() {
    for n in [0, 10, 1000] {
        let text = rechain::synth::generate(n);
        let model = load::load_text(&text, Origin::Embedded).unwrap_or_else(|e| panic!("{n}: {e}"));
        assert!(model.entity_count() <= n.max(5) + 5);
    }
}

/// A stage whose blocks are dated 2023, 2025, 2035 (a projection), 2025 again and undated
/// (its source is from 2024), read at a given model date.
fn headline_model(as_of: &str) -> rechain::model::Model {
    let yaml = format!(
        "version: 1
meta: {{ title: t, as_of: {as_of} }}
sources:
  s: {{ publisher: P, title: T, year: 2024 }}
  old: {{ publisher: P, title: Old }}
countries: {{ CN: China, US: United States }}
stages:
  - id: separation
    name: Separation
    shares:
      - {{ year: 2023, metric: m, source: s, countries: {{ CN: 90 }} }}
      - {{ year: 2025, metric: m, source: s, countries: {{ CN: 91 }} }}
      - {{ year: 2035, metric: m, source: s, countries: {{ CN: 76 }} }}
      - {{ year: 2025, metric: m, source: s, countries: {{ US: 50 }} }}
      - {{ metric: m, source: s, countries: {{ CN: 92 }} }}
  - id: magnets
    name: Magnets
    shares:
      - {{ year: 2035, metric: m, source: s, countries: {{ CN: 70 }} }}
"
    );
    load::load_text(&yaml, Origin::Embedded).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn headline_is_the_latest_block_not_after_the_model_date() {
    let m = headline_model("2026-11-01");
    let stage = |i: usize| m.stage_ids().nth(i).unwrap();
    assert_eq!(
        m.headline_block(stage(0)),
        Some(1),
        "the first of the 2025 blocks"
    );
    assert_eq!(m.stage_lead(stage(0)).map(|(_, p)| p), Some(91.0));
    let m = headline_model("2024-06-01");
    let stage = |i: usize| m.stage_ids().nth(i).unwrap();
    assert_eq!(
        m.headline_block(stage(0)),
        Some(0),
        "a block that names its year comes before an undated one"
    );
    assert_eq!(
        m.headline_block(stage(1)),
        None,
        "a projection is never the headline"
    );
    assert_eq!(m.stage_lead(stage(1)), None);
}

#[test]
fn quick_entity_lines_match_the_full_scan() {
    use rechain::model::scan;
    let texts = [
        EMBEDDED_YAML.to_string(),
        rechain::cli::STARTER.to_string(),
        rechain::synth::generate(2000),
        EMBEDDED_YAML.replace('\n', "\r\n"),
        load::to_yaml(load::load(&Origin::Embedded).unwrap().file()),
    ];
    for text in &texts {
        let model = load::load_text(text, Origin::Embedded).unwrap_or_else(|e| panic!("{e}"));
        let sources: Vec<&str> = model.sources().iter().map(|s| s.id.as_str()).collect();
        let countries: Vec<&str> = model.countries().iter().map(|c| c.code.as_str()).collect();
        let firms: Vec<usize> = model.firms().iter().map(|f| f.facilities.len()).collect();
        let counts = scan::EntityCounts {
            sources: &sources,
            countries: &countries,
            elements: model.elements().len(),
            stages: model.stages().len(),
            firms: &firms,
            links: model.links().len(),
            events: model.events().len(),
        };
        let quick = scan::block_positions(text, &counts).expect("a block-style file");
        // A source or country starts at its key.
        let keys: std::collections::HashSet<String> = quick
            .keys()
            .filter(|p| p.starts_with("sources.") || p.starts_with("countries."))
            .map(|p| format!("{p}#key"))
            .collect();
        let full = scan::scan(text, &scan::Wanted { extra: &keys }).positions;
        assert!(quick.len() >= model.entity_count(), "{}", quick.len());
        for (path, pos) in &quick {
            let key = format!("{path}#key");
            let expected = full.get(&key).or_else(|| full.get(path));
            assert_eq!(expected.map(|p| p.line), Some(pos.line), "line of {path}");
        }
    }
    // Flow style and shapes the quick pass does not know fall back to the full scan.
    let flow = "version: 1\nmeta: { title: T, as_of: 2025 }\nstages: [{ id: a, name: A }]\n";
    let model = load::load_text(flow, Origin::Embedded).unwrap();
    assert_eq!(
        model.entity_line(EntityRef::Stage(model.stage_ids().next().unwrap())),
        3
    );
}
