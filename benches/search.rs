//! Search: index build and per-keystroke queries on the embedded model and on a synthetic
//! model of 100k entities. After criterion, prints per-keystroke percentiles and, where fzf
//! is installed, how long `fzf --filter` takes over the same 100k names.

use std::hint::black_box;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use criterion::Criterion;
use rechain::model::load::{EMBEDDED_YAML, load_text};
use rechain::model::{Model, Origin};
use rechain::search::{SearchIndex, SearchSession};

const LIMIT: usize = 50;

/// Queries as people type them: names, places, typos, a kind of thing.
const EMBEDDED_QUERIES: &[&str] = &[
    "lynas",
    "korea zink",
    "realoys",
    "mp materials",
    "china",
    "magnet",
    "lyans",
];

/// Queries over the synthetic model (names are built from syllables like "ka", "lo", "mir").
const SYNTH_QUERIES: &[&str] = &[
    "kalomir",
    "senpel plant",
    "rare earths",
    "synthetic event 1234",
    "torvamag",
    "kalomr metals",
    "country sen",
    "korea zink",
];

/// Every prefix of every query, in typing order.
fn keystrokes(queries: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for query in queries {
        let mut typed = String::new();
        for c in query.chars() {
            typed.push(c);
            out.push(typed.clone());
        }
    }
    out
}

fn bench_model(c: &mut Criterion, id: &str, model: &Model, queries: &[&str], samples: usize) {
    let mut group = c.benchmark_group("search");
    group.sample_size(samples);
    group.bench_function(format!("build_{id}"), |b| {
        b.iter(|| SearchIndex::build(black_box(model)));
    });
    let index = SearchIndex::build(model);
    let typed = keystrokes(queries);
    let mut next = 0;
    let mut session = SearchSession::default();
    group.bench_function(format!("keystroke_{id}"), |b| {
        b.iter(|| {
            let hits = session.search(&index, black_box(&typed[next]), LIMIT, None);
            next = (next + 1) % typed.len();
            hits
        });
    });
    group.finish();
}

/// Per-keystroke latency percentiles over several rounds of typing every query: over every
/// keystroke timed, and over each keystroke's fastest round (which leaves out the time other
/// processes on a shared machine took the core away).
fn percentiles(id: &str, model: &Model, queries: &[&str]) {
    const ROUNDS: usize = 20;
    let index = SearchIndex::build(model);
    let typed = keystrokes(queries);
    let mut all: Vec<Duration> = Vec::new();
    let mut fastest = vec![Duration::MAX; typed.len()];
    let mut session = SearchSession::default();
    for _ in 0..ROUNDS {
        for (i, query) in typed.iter().enumerate() {
            let start = Instant::now();
            black_box(session.search(&index, query, LIMIT, None));
            let took = start.elapsed();
            all.push(took);
            fastest[i] = fastest[i].min(took);
        }
    }
    let at = |times: &mut Vec<Duration>, p: f64| {
        times.sort_unstable();
        times[((times.len() - 1) as f64 * p) as usize]
    };
    println!(
        "search/keystroke_{id}: {} keystrokes, p50 {:?}, p99 {:?}, max {:?}; \
         fastest of {ROUNDS} rounds per keystroke: p50 {:?}, p99 {:?}, max {:?}",
        all.len(),
        at(&mut all, 0.50),
        at(&mut all, 0.99),
        at(&mut all, 1.0),
        at(&mut fastest, 0.50),
        at(&mut fastest, 0.99),
        at(&mut fastest, 1.0),
    );
}

/// Time `fzf --filter` over the names of every searchable entity, one query at a time.
fn fzf(model: &Model, queries: &[&str]) {
    let mut names: Vec<&str> = Vec::new();
    for f in model.firms() {
        names.push(&f.name);
        names.extend(f.aliases.iter().map(String::as_str));
    }
    names.extend(model.facilities().iter().map(|x| x.name.as_str()));
    names.extend(model.events().iter().map(|e| e.title.as_str()));
    names.extend(model.countries().iter().map(|c| c.name.as_str()));
    names.extend(model.sources().iter().map(|s| s.title.as_str()));
    let input = names.join("\n");
    for query in queries {
        let start = Instant::now();
        let child = Command::new("fzf")
            .args(["--filter", query])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn();
        let Ok(mut child) = child else {
            println!("fzf: not installed; skipped");
            return;
        };
        if let Some(mut stdin) = child.stdin.take() {
            let _ = stdin.write_all(input.as_bytes());
        }
        let _ = child.wait();
        println!(
            "fzf --filter {query:?} over {} names: {:?}",
            names.len(),
            start.elapsed()
        );
    }
}

fn main() {
    let embedded = load_text(EMBEDDED_YAML, Origin::Embedded).expect("embedded model is valid");
    let synth = load_text(&rechain::synth::generate(100_000), Origin::Embedded)
        .expect("synthetic model is valid");

    let mut c = Criterion::default().configure_from_args();
    bench_model(&mut c, "embedded", &embedded, EMBEDDED_QUERIES, 100);
    bench_model(&mut c, "100k", &synth, SYNTH_QUERIES, 10);
    c.final_summary();

    percentiles("embedded", &embedded, EMBEDDED_QUERIES);
    percentiles("100k", &synth, SYNTH_QUERIES);
    fzf(&synth, SYNTH_QUERIES);
}
