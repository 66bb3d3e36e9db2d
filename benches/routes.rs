//! Routes on the embedded model and on synthetic models of 10k and 100k entities, with no
//! exclusion (every stage full) and excluding the largest producer country.

use std::collections::BTreeSet;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use rechain::analysis::ownership::ExcludeBy;
use rechain::analysis::routes::{RouteQuery, StatusFilter, find_routes};
use rechain::model::Origin;
use rechain::model::load::{EMBEDDED_YAML, load_text};

fn routes(c: &mut Criterion) {
    let mut group = c.benchmark_group("routes");
    let models = [
        ("embedded", EMBEDDED_YAML.to_owned()),
        ("synth_10k", rechain::synth::generate(10_000)),
        ("synth_100k", rechain::synth::generate(100_000)),
    ];
    for (name, text) in &models {
        let model = load_text(text, Origin::Embedded).expect("valid model");
        let all = RouteQuery {
            excluded: BTreeSet::new(),
            by: ExcludeBy::default(),
            status: StatusFilter::All,
        };
        let operating = RouteQuery {
            excluded: model
                .country_by_code("CN")
                .or(model.country_by_code("AA"))
                .into_iter()
                .collect(),
            by: ExcludeBy::default(),
            status: StatusFilter::Operating,
        };
        group.bench_function(format!("{name}/all"), |b| {
            b.iter(|| find_routes(black_box(&model), black_box(&all)));
        });
        group.bench_function(format!("{name}/operating_excluding_one"), |b| {
            b.iter(|| find_routes(black_box(&model), black_box(&operating)));
        });
    }
    group.finish();
}

criterion_group!(benches, routes);
criterion_main!(benches);
