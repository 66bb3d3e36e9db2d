//! Resilience (both route cuts and every stage's indicators) on the embedded model and on the
//! 100k synthetic model, with no exclusion and excluding the largest producer country.
//! Budget: 50 ms embedded, 2 s at 100k.

use std::collections::BTreeSet;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use rechain::analysis::ownership::ExcludeBy;
use rechain::analysis::resilience::resilience;
use rechain::analysis::routes::{RouteQuery, StatusFilter};
use rechain::model::Origin;
use rechain::model::load::{EMBEDDED_YAML, load_text};

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("resilience");
    group.sample_size(10);
    let models = [
        ("embedded", EMBEDDED_YAML.to_owned()),
        ("synth_100k", rechain::synth::generate(100_000)),
    ];
    for (name, text) in &models {
        let model = load_text(text, Origin::Embedded).expect("valid model");
        let all = RouteQuery {
            excluded: BTreeSet::new(),
            by: ExcludeBy::default(),
            status: StatusFilter::All,
        };
        let excluding = RouteQuery {
            excluded: model
                .country_by_code("CN")
                .or(model.country_by_code("AA"))
                .into_iter()
                .collect(),
            by: ExcludeBy::default(),
            status: StatusFilter::Operating,
        };
        group.bench_function(format!("{name}/all"), |b| {
            b.iter(|| resilience(black_box(&model), black_box(&all), &[]));
        });
        group.bench_function(format!("{name}/operating_excluding_one"), |b| {
            b.iter(|| resilience(black_box(&model), black_box(&excluding), &[]));
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
