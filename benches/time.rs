//! Reading the model as of a date: the filtered rebuild alone, and one step of the app's date
//! control, on the embedded model and at 100k entities: the UI thread's part and the time
//! until the dated model shows.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rechain::model::{Date, Model, Origin, load};
use rechain::tui::app::App;
use rechain::tui::command::Command;
use rechain::tui::msg::{Effect, Msg};
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

/// What one step of the date costs. `ui_step`: the UI thread's work for the key (the update
/// and the frame that shows the new date; a small model is read right there). `ui_swap`: the
/// UI thread's work when a read made off it arrives (the swap and its frame). `shown`: from
/// the key to the frame that shows the dated model, the read included. Steps go back and
/// forward by a month, so every step reads the model anew; replaced models are freed
/// untimed, as the loop frees them off the UI thread.
fn date_step(c: &mut Criterion) {
    let mut group = c.benchmark_group("date_step");
    group.sample_size(10);
    for (name, model) in models() {
        let mut stepper = Stepper::new(model);
        let inline = stepper.step(Part::UiSwap).is_zero();
        for part in [Part::UiStep, Part::UiSwap, Part::Shown] {
            if inline && part == Part::UiSwap {
                continue;
            }
            group.bench_function(format!("{name}/{}", part.name()), |b| {
                b.iter_custom(|iters| (0..iters).map(|_| stepper.step(part)).sum());
            });
        }
    }
    group.finish();
}

#[derive(Clone, Copy, PartialEq)]
enum Part {
    UiStep,
    UiSwap,
    Shown,
}

impl Part {
    fn name(self) -> &'static str {
        match self {
            Part::UiStep => "ui_step",
            Part::UiSwap => "ui_swap",
            Part::Shown => "shown",
        }
    }
}

struct Stepper {
    app: App,
    terminal: Terminal<TestBackend>,
    back: bool,
}

impl Stepper {
    fn new(model: Model) -> Stepper {
        let mut app = App::new(
            model,
            Theme {
                color: true,
                contrast: false,
            },
            120,
            40,
        );
        app.update(Command::MonthEarlier);
        let effect = app.update(Command::MonthEarlier);
        let mut stepper = Stepper {
            app,
            terminal: Terminal::new(TestBackend::new(120, 40)).expect("test backend"),
            back: true,
        };
        stepper.finish(&effect);
        stepper
    }

    /// One step, the read it asks for done as the read thread would; returns the time of
    /// `part` (zero for `UiSwap` when the model is read on the UI thread).
    fn step(&mut self, part: Part) -> Duration {
        let step = if self.back {
            Command::MonthEarlier
        } else {
            Command::MonthLater
        };
        self.back = !self.back;
        let start = Instant::now();
        let effect = self.app.update(step);
        self.draw();
        let ui_step = start.elapsed();
        let Effect::ReadAsOf { date, serial } = effect else {
            drop(self.app.take_retired());
            return if part == Part::UiSwap {
                Duration::ZERO
            } else {
                ui_step
            };
        };
        let dated = Msg::dated(serial, self.app.loaded_model().as_of(date));
        let arrived = Instant::now();
        self.app.update(dated);
        self.draw();
        let ui_swap = arrived.elapsed();
        let shown = start.elapsed();
        drop(self.app.take_retired());
        match part {
            Part::UiStep => ui_step,
            Part::UiSwap => ui_swap,
            Part::Shown => shown,
        }
    }

    fn finish(&mut self, effect: &Effect) {
        if let &Effect::ReadAsOf { date, serial } = effect {
            let dated = Msg::dated(serial, self.app.loaded_model().as_of(date));
            self.app.update(dated);
        }
        drop(self.app.take_retired());
    }

    fn draw(&mut self) {
        let app = &self.app;
        self.terminal
            .draw(|f| ui::render(black_box(app), f))
            .expect("draw");
    }
}

criterion_group!(benches, as_of, date_step);
criterion_main!(benches);
