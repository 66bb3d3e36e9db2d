//! `rechain check` on a model with 10k to 80k firms whose head office is in no known country:
//! one problem per firm, found in time linear in the firms (the first thousand placed and
//! listed, the rest counted). A `countries:` map of millions of keys is refused at its
//! 1,001st key, timed once on request.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use rechain::model::Origin;
use rechain::model::load::{EMBEDDED_YAML, load_text};
use rechain::synth::{with_bad_country_codes, with_unknown_head_offices};

fn country_keys(c: &mut Criterion) {
    let mut group = c.benchmark_group("check_firms_in_error");
    group.sample_size(10);
    for firms in [10_000, 20_000, 40_000, 80_000] {
        let text = with_unknown_head_offices(EMBEDDED_YAML, firms);
        group.bench_function(format!("{}k", firms / 1000), |b| {
            b.iter(|| {
                black_box(load_text(black_box(&text), Origin::Embedded).expect_err("invalid"))
            });
        });
    }
    group.finish();
    // The 2M-key file (27 MB) is timed once on request.
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
