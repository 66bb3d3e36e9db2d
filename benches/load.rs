//! Load + validate: the embedded model and synthetic models of 10k and 100k entities.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use rechain::model::Origin;
use rechain::model::load::{EMBEDDED_YAML, load_text};

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.bench_function("embedded", |b| {
        b.iter(|| load_text(black_box(EMBEDDED_YAML), Origin::Embedded).expect("valid"))
    });
    for (name, entities) in [("synth_10k", 10_000), ("synth_100k", 100_000)] {
        let text = rechain::synth::generate(entities);
        if entities >= 100_000 {
            group.sample_size(10);
        }
        group.bench_function(name, |b| {
            b.iter(|| load_text(black_box(&text), Origin::Embedded).expect("valid"))
        });
    }
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
