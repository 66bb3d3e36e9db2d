//! `rechain check` on a model whose `countries:` map has 10k to 80k keys that are not ISO
//! codes: one problem per key, found, placed and reported in time linear in the keys.

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
                let refused = load_text(black_box(&text), Origin::Embedded).expect_err("invalid");
                assert_eq!(refused.problems.len(), keys);
            });
        });
    }
    group.finish();
}

criterion_group!(benches, country_keys);
criterion_main!(benches);
