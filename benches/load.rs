//! Load + validate: the embedded model and synthetic models of 10k and 100k entities; and the
//! first entity line asked for after a load.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use rechain::model::Origin;
use rechain::model::load::{EMBEDDED_YAML, load_text};

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.bench_function("embedded", |b| {
        b.iter(|| load_text(black_box(EMBEDDED_YAML), Origin::Embedded).expect("valid"));
    });
    for (name, entities) in [("synth_10k", 10_000), ("synth_100k", 100_000)] {
        let text = rechain::synth::generate(entities);
        if entities >= 100_000 {
            group.sample_size(10);
        }
        group.bench_function(name, |b| {
            b.iter(|| load_text(black_box(&text), Origin::Embedded).expect("valid"));
        });
    }
    group.finish();
}

/// The first `e` in the app: the line of an entity, found on first use.
fn first_entity_line(c: &mut Criterion) {
    let text = rechain::synth::generate(100_000);
    let model = load_text(&text, Origin::Embedded).expect("valid");
    let last = rechain::model::EntityRef::Firm(model.firm_ids().next_back().expect("a firm"));
    let mut group = c.benchmark_group("entity_line");
    group.sample_size(10);
    group.bench_function("first_synth_100k", |b| {
        // The fresh copy is dropped outside the timed part.
        b.iter_batched_ref(
            || model.clone(),
            |fresh| black_box(fresh.entity_line(last)),
            criterion::BatchSize::PerIteration,
        );
    });
    group.finish();
}

criterion_group!(benches, load, first_entity_line);
criterion_main!(benches);
