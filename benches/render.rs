//! The app's frame and key budgets: a full frame at 200x60 on the embedded model, keys that
//! scroll a pane at 100k entities, and the real binary's start to first frame with its peak
//! resident memory.

use std::hint::black_box;
use std::io::Read;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rechain::model::{Model, Origin, load};
use rechain::tui::app::{App, Pane};
use rechain::tui::command::Command;
use rechain::tui::msg::Msg;
use rechain::tui::theme::Theme;
use rechain::tui::ui;

fn app_at(model: Model, width: u16, height: u16) -> (App, Terminal<TestBackend>) {
    let app = App::new(
        model,
        Theme {
            color: true,
            contrast: false,
        },
        width,
        height,
    );
    let terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    (app, terminal)
}

fn frame(c: &mut Criterion) {
    let model = load::load(&Origin::Embedded).expect("embedded model");
    let mut group = c.benchmark_group("frame");
    // The Separation stage with a firm's card: the busiest start screen.
    let (mut app, mut terminal) = app_at(model.clone(), 200, 60);
    for a in [Command::Down, Command::Down, Command::NextPane] {
        app.update(a);
    }
    group.bench_function("embedded_200x60", |b| {
        b.iter(|| {
            // A fresh back buffer each time so the whole frame is diffed and written.
            terminal.clear().expect("clear");
            terminal
                .draw(|f| ui::render(black_box(&app), f))
                .expect("draw");
        });
    });
    // Render and diff only: what a frame costs when little on screen changed.
    group.bench_function("embedded_200x60_unchanged", |b| {
        b.iter(|| {
            terminal
                .draw(|f| ui::render(black_box(&app), f))
                .expect("draw");
        });
    });
    group.bench_function("app_new_embedded", |b| {
        b.iter(|| {
            App::new(
                black_box(model.clone()),
                Theme {
                    color: true,
                    contrast: false,
                },
                200,
                60,
            )
        });
    });
    group.finish();
}

/// One key and the frame it causes, alternating direction so the selection keeps moving.
fn scroll(c: &mut Criterion) {
    let text = rechain::synth::generate(100_000);
    let model = load::load_text(&text, Origin::Embedded).expect("synthetic model");
    let mut group = c.benchmark_group("scroll_100k");
    group.sample_size(20);

    for (name, pane) in [
        ("firms", Pane::Firms),
        ("stages", Pane::Stages),
        ("events", Pane::Events),
    ] {
        let (mut app, mut terminal) = app_at(model.clone(), 120, 40);
        if pane == Pane::Events {
            app.update(Command::ToggleEvents);
            app.update(Command::ToggleEventFilter);
        }
        while app.panes.focus != pane {
            app.update(Command::NextPane);
        }
        let mut down = true;
        let mut steps = 0;
        group.bench_function(name, |b| {
            b.iter(|| {
                steps += 1;
                if steps % 4 == 0 {
                    down = !down;
                }
                app.update(if down { Command::Down } else { Command::Up });
                terminal.draw(|f| ui::render(&app, f)).expect("draw");
            });
        });
    }
    let (mut app, mut terminal) = app_at(model.clone(), 120, 40);
    app.update(Command::NextPane);
    group.bench_function("firms_page_down", |b| {
        b.iter(|| {
            if app.update(Command::PageDown) == rechain::tui::msg::Effect::None {
                app.update(Command::First);
            }
            terminal.draw(|f| ui::render(&app, f)).expect("draw");
        });
    });
    group.bench_function("app_new", |b| {
        b.iter(|| {
            App::new(
                black_box(model.clone()),
                Theme {
                    color: true,
                    contrast: false,
                },
                120,
                40,
            )
        });
    });
    // What a reload costs the UI thread once the loader thread has parsed the file: the
    // swap that keeps the selection. The old model is handed back to be freed elsewhere, as
    // the loop does.
    let (mut app, _) = app_at(model.clone(), 120, 40);
    app.update(Command::NextPane);
    app.update(Command::Down);
    group.bench_function("reload_swap", |b| {
        b.iter_batched(
            || Box::new(Ok(std::sync::Arc::new(model.clone()))),
            |loaded| {
                app.update(Msg::Loaded(loaded));
                app.take_retired()
            },
            criterion::BatchSize::LargeInput,
        );
    });
    group.finish();
}

/// Spawns the real binary in an 80x24 pseudo-terminal on the embedded model, returning the
/// time until the first frame is on screen and the process's peak resident memory in KiB.
fn start_once() -> (Duration, Option<u64>) {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_rechain"));
    cmd.env("TERM", "xterm-256color");
    // An empty directory: no ./chain.yaml, so the embedded model.
    let dir = std::env::temp_dir().join("rechain-bench-start");
    std::fs::create_dir_all(&dir).expect("temp dir");
    cmd.cwd(&dir);
    let started = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).expect("spawn");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let mut writer = pair.master.take_writer().expect("writer");
    let mut seen = Vec::new();
    let mut buf = [0u8; 16384];
    // The status bar is drawn last in a frame; its model name means the frame is complete.
    while !String::from_utf8_lossy(&seen).contains("embedded") {
        let n = reader.read(&mut buf).expect("read pty");
        assert!(n > 0, "rechain exited before its first frame");
        seen.extend_from_slice(&buf[..n]);
    }
    let elapsed = started.elapsed();
    let rss = child.process_id().and_then(|pid| {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        line.split_whitespace().nth(1)?.parse().ok()
    });
    writer.write_all(b"q").expect("quit");
    let _ = child.wait();
    (elapsed, rss)
}

fn startup(c: &mut Criterion) {
    let mut group = c.benchmark_group("startup");
    // What the binary does before its first frame, minus exec and terminal setup: load the
    // embedded model, build the app, draw.
    group.bench_function("load_app_first_frame_80x24", |b| {
        b.iter(|| {
            let model = load::load(&Origin::Embedded).expect("embedded model");
            let (app, mut terminal) = app_at(model, 80, 24);
            terminal.draw(|f| ui::render(&app, f)).expect("draw");
        });
    });
    group.finish();
    // The real process: peak memory after its first frame (a wall-clock time here would
    // mostly measure the pty library's spawn).
    let (elapsed, rss) = start_once();
    match rss {
        Some(kib) => eprintln!(
            "startup: real binary, first frame after {elapsed:.1?} (spawn included), peak resident memory (VmHWM) {:.1} MiB",
            kib as f64 / 1024.0
        ),
        None => eprintln!("startup: peak resident memory unavailable (no /proc)"),
    }
}

use std::io::Write as _;

criterion_group!(benches, frame, scroll, startup);
criterion_main!(benches);
