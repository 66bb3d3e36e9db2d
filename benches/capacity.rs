//! Plants, capacity by country and routes excluding by owner, on the embedded model and on the
//! 100k synthetic model: what a redraw after a sort or filter key computes.

use std::collections::BTreeSet;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use rechain::analysis::capacity::capacity_by_country;
use rechain::analysis::ownership::{ExcludeBy, ExclusionMode};
use rechain::analysis::plants::{Column, PlantQuery, StatusScope, plants};
use rechain::analysis::routes::{RouteQuery, StatusFilter, find_routes};
use rechain::model::load::{EMBEDDED_YAML, load_text};
use rechain::model::{CountryId, Origin};
use rechain::present::capacity::capacity_doc;
use rechain::present::plants::PlantTable;

fn capacity(c: &mut Criterion) {
    let mut group = c.benchmark_group("capacity");
    let models = [
        ("embedded", EMBEDDED_YAML.to_owned()),
        ("synth_100k", rechain::synth::generate(100_000)),
    ];
    let owner = ExcludeBy {
        mode: ExclusionMode::Either,
        control: 25,
    };
    for (name, text) in &models {
        let m = load_text(text, Origin::Embedded).expect("valid model");
        let stage = m.stage_by_id("magnets").expect("a magnets stage");
        let excluded: BTreeSet<CountryId> = m
            .country_by_code("CN")
            .or(m.country_by_code("AA"))
            .into_iter()
            .collect();
        let query = |sort, status| PlantQuery {
            status,
            excluded: excluded.clone(),
            by: owner,
            sort,
            ..PlantQuery::default()
        };
        // The table's rows are built once per stage; a sort or filter key reorders them and
        // fits the columns to 80 cells, then the 24 visible rows are drawn.
        let table = PlantTable::new(&m, stage, owner.control);
        group.bench_function(format!("{name}/plants_table_once_per_stage"), |b| {
            b.iter(|| {
                PlantTable::new(black_box(&m), stage, owner.control)
                    .rows
                    .len()
            });
        });
        group.bench_function(format!("{name}/plants_sorted_by_capacity"), |b| {
            let q = query(Column::Capacity, StatusScope::All);
            b.iter(|| {
                let list = plants(black_box(&m), stage, &q);
                let visible = list.iter().take(24).filter_map(|&x| table.row(x)).count();
                (table.fit(80).0.len(), visible)
            });
        });
        group.bench_function(format!("{name}/plants_filtered_by_product"), |b| {
            let mut q = query(Column::Firm, StatusScope::Operating);
            q.product = Some("magnets".into());
            b.iter(|| plants(black_box(&m), stage, &q).len());
        });
        group.bench_function(format!("{name}/capacity_by_country"), |b| {
            b.iter(|| {
                let r = capacity_by_country(black_box(&m), stage, &excluded, owner);
                capacity_doc(&m, &r, &excluded, owner).line_count()
            });
        });
        group.bench_function(format!("{name}/routes_excluding_by_owner"), |b| {
            let q = RouteQuery {
                excluded: excluded.clone(),
                by: owner,
                status: StatusFilter::Operating,
            };
            b.iter(|| find_routes(black_box(&m), &q).total);
        });
    }
    group.finish();
}

criterion_group!(benches, capacity);
criterion_main!(benches);
