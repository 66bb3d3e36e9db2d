//! Reading the model as of a date: the filtered rebuild one step of the app's date control
//! costs, on the embedded model and at 100k entities.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use rechain::model::{Date, Origin, load};

fn as_of(c: &mut Criterion) {
    let mut group = c.benchmark_group("as_of");
    group.sample_size(20);
    let date: Date = "2024-06".parse().expect("date");
    let embedded = load::load(&Origin::Embedded).expect("embedded model");
    group.bench_function("embedded", |b| b.iter(|| black_box(&embedded).as_of(date)));
    let text = rechain::synth::generate(100_000);
    let big = load::load_text(&text, Origin::Embedded).expect("synthetic model");
    group.bench_function("synthetic_100k", |b| b.iter(|| black_box(&big).as_of(date)));
    group.finish();
}

criterion_group!(benches, as_of);
criterion_main!(benches);
