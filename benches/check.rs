//! `rechain check` on a model whose `countries:` map has 10k to 80k keys that are not ISO
//! codes: one problem per key, found in time linear in the keys (the first thousand placed and
//! listed, the rest counted).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use rechain::model::Origin;
use rechain::model::load::{EMBEDDED_YAML, load_text};
use rechain::synth::with_bad_country_codes;

fn country_keys(c: &mut Criterion) {
    let mut group = c.benchmark_group("check_country_keys");
    group.sample_size(10);
    for keys in [10_000, 20_000, 40_000, 80_000] {
        let text = with_bad_country_codes(EMBEDDED_YAML, keys);
        group.bench_function(format!("{}k", keys / 1000), |b| {
            b.iter(|| {
                black_box(load_text(black_box(&text), Origin::Embedded).expect_err("invalid"))
            });
        });
    }
    group.finish();
    // The 2M-key file (27 MB) is timed once on request: a sample of ten would take minutes.
    if std::env::var_os("RECHAIN_BENCH_2M").is_some() {
        let keys = 2_000_000;
        let text = with_bad_country_codes(EMBEDDED_YAML, keys);
        let started = std::time::Instant::now();
        let refused = load_text(&text, Origin::Embedded).expect_err("invalid");
        eprintln!(
            "check_country_keys/2000k ({} MB): {:?}, {} problems",
            text.len() / 1_000_000,
            started.elapsed(),
            refused.problems.len()
        );
    }
}

criterion_group!(benches, country_keys);
criterion_main!(benches);
