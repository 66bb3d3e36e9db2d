//! `rechain balance` for every stage, 2024–2040, without China by location or owner: on the
//! embedded model (budget 20 ms) and on the 100k synthetic model (budget 1 s), whose plants
//! are given one product and a demand series per stage so that every figure is computed.

use std::collections::BTreeSet;
use std::fmt::Write;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use rechain::analysis::balance::{Assumptions, Query, balance};
use rechain::analysis::ownership::{ExcludeBy, ExclusionMode};
use rechain::analysis::whatif::Exclusion;
use rechain::model::load::{EMBEDDED_YAML, load_text};
use rechain::model::{CountryId, Origin};
use rechain::present::balance::BalanceView;
use rechain::present::view::View;
use rechain::tui::app::App;
use rechain::tui::command::Command;
use rechain::tui::theme::Theme;
use rechain::tui::ui;

/// The synthetic model with capacities in `t RE/yr` and a demand series at each stage.
fn synthetic(size: usize) -> String {
    let mut text = rechain::synth::generate(size).replace("unit: t/yr", "unit: t RE/yr");
    text.push_str("demand:\n");
    for stage in [
        "mining",
        "concentration",
        "separation",
        "metal-alloy",
        "magnets",
        "recycling",
    ] {
        let values: Vec<String> = (2024..=2040)
            .map(|y| format!("{y}: {}", 1_000 * (y - 2000)))
            .collect();
        let _ = writeln!(
            text,
            "  - {{ metric: demand at {stage}, stages: [{stage}], product: RE, unit: t, basis: content, scenario: S, values: {{ {} }}, source: src-0 }}",
            values.join(", ")
        );
    }
    text
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("balance");
    group.sample_size(10);
    let models = [
        ("embedded", EMBEDDED_YAML.to_owned()),
        ("synth_100k", synthetic(100_000)),
    ];
    let by = ExcludeBy {
        mode: ExclusionMode::Either,
        control: 25,
    };
    for (name, text) in &models {
        let m = load_text(text, Origin::Embedded).unwrap_or_else(|e| panic!("{name}: {e}"));
        let excluded: BTreeSet<CountryId> = m
            .country_by_code("CN")
            .or(m.country_by_code("AA"))
            .into_iter()
            .collect();
        let query = Query {
            exclusion: Exclusion::new(&excluded, by),
            years: (2024, 2040),
            scenarios: Vec::new(),
            regions: Vec::new(),
            stages: Vec::new(),
            assumptions: Assumptions::default(),
        };
        let all = balance(&m, &query).expect("a balance");
        assert!(
            all.stages.iter().any(|s| s.unit.is_some()),
            "{name}: nothing summed"
        );
        group.bench_function(format!("{name}/every_stage_2024_2040"), |b| {
            b.iter(|| balance(black_box(&m), &query).map(|b| b.stages.len()));
        });
        let view = BalanceView {
            balance: std::sync::Arc::new(all),
            stages: m.stage_ids().collect(),
            excluded: excluded.clone(),
            by,
        };
        group.bench_function(format!("{name}/text_of_every_stage"), |b| {
            b.iter(|| view.text(black_box(&m), Some(100)).len());
        });
    }
    group.finish();
}

/// The `B` overlay drawn on the embedded model at 120x40 (budget 16 ms a redraw).
fn overlay(c: &mut Criterion) {
    let model = load_text(EMBEDDED_YAML, Origin::Embedded).expect("valid model");
    let mut app = App::new(
        model,
        Theme {
            color: true,
            contrast: false,
        },
        120,
        40,
    );
    for action in [
        Command::Down,
        Command::Down,
        Command::Down,
        Command::Down,
        Command::ShowBalance,
    ] {
        app.update(action);
    }
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).expect("test backend");
    c.bench_function("balance/embedded/overlay_redraw_120x40", |b| {
        b.iter(|| {
            terminal
                .draw(|f| ui::render(black_box(&app), f))
                .map(|frame| frame.area.width)
        });
    });
}

criterion_group!(benches, bench, overlay);
criterion_main!(benches);
