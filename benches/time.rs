//! Reading the model as of a date: the filtered rebuild alone, and one step of the app's date
//! control with the frame it causes, on the embedded model and at 100k entities.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rechain::model::{Date, Model, Origin, load};
use rechain::tui::action::Action;
use rechain::tui::app::App;
use rechain::tui::theme::Theme;
use rechain::tui::ui;

fn models() -> [(&'static str, Model); 2] {
    let embedded = load::load(&Origin::Embedded).expect("embedded model");
    let text = rechain::synth::generate(100_000);
    let big = load::load_text(&text, Origin::Embedded).expect("synthetic model");
    [("embedded", embedded), ("synthetic_100k", big)]
}

fn as_of(c: &mut Criterion) {
    let mut group = c.benchmark_group("as_of");
    group.sample_size(10);
    let date: Date = "2024-06".parse().expect("date");
    for (name, model) in models() {
        group.bench_function(name, |b| b.iter(|| black_box(&model).as_of(date)));
    }
    group.finish();
}

/// One month back or forward, alternating so every step reads the model anew, and the frame.
fn date_step(c: &mut Criterion) {
    let mut group = c.benchmark_group("date_step");
    group.sample_size(10);
    for (name, model) in models() {
        let mut app = App::new(model, Theme { color: true }, 120, 40);
        app.update(Action::DateStep { months: -2 });
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
        let mut back = true;
        group.bench_function(name, |b| {
            b.iter(|| {
                let months = if back { -1 } else { 1 };
                back = !back;
                app.update(Action::DateStep { months });
                // The loop drops the replaced model off the UI thread.
                let retired = app.retired.take();
                terminal
                    .draw(|f| ui::render(black_box(&app), f))
                    .expect("draw");
                retired
            })
        });
    }
    group.finish();
}

criterion_group!(benches, as_of, date_step);
criterion_main!(benches);
