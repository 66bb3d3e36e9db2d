//! The resilience view: the route cuts and each stage's concentration against published
//! thresholds, every indicator with its formula, inputs, threshold and source.

use crate::analysis::exclusion::codes;
use crate::analysis::resilience::thresholds::{
    CRMA_SINGLE_COUNTRY, GEODEP_CONCENTRATED, HHI_HIGHLY_CONCENTRATED, Threshold,
};
use crate::analysis::resilience::{Coverage, Resilience, RouteCut, StageIndicators};
use crate::analysis::routes::RouteQuery;
use crate::model::{FacilityId, Model};
use crate::present::doc::{Doc, DocBuilder, Role};
use crate::present::format::{count, decimal, number, percent};
use crate::present::labels::exclusion_rule;
use crate::present::routes::status_words;
use crate::present::table::{Cell, Column, Table};
use crate::text::one_line;

/// What the resilience view shows: the query and what it found.
pub struct ResilienceView<'a> {
    pub query: &'a RouteQuery,
    pub report: &'a Resilience,
}

/// What N−1 coverage of demand says while no demand series converts into a stage's unit.
pub const NEEDS_DEMAND: &str = "not compared";

/// `1.9% 2030`, or `not compared`.
pub fn coverage_text(coverage: &Coverage) -> String {
    match coverage {
        Coverage::NeedsDemandData => NEEDS_DEMAND.to_owned(),
        Coverage::Compared(c) => format!("{} {}", percent(100.0 * c.ratio()), c.year),
    }
}

/// Under the table, each compared N−1 coverage in full: supply, demand, unit, what the
/// supply sums, the country taken out and the demand's source.
fn coverage_lines(b: &mut DocBuilder, stages: &[StageIndicators]) {
    for s in stages {
        let (Coverage::Compared(c), Some(n)) = (&s.coverage, s.n_minus_one) else {
            continue;
        };
        let m = b.m;
        let series = &m.demand()[c.series];
        let text = format!(
            "{} without {}: supply {} of demand {} {} in {} ({} coverage; supply sums {} of {}; {}, {}). ",
            one_line(&m.stage(s.stage).name),
            m.country(n.country).code,
            number(c.supply),
            number(c.demand),
            one_line(&c.unit),
            c.year,
            percent(100.0 * c.ratio()),
            c.summed,
            count(c.plants as u128, "plant", "plants"),
            one_line(&series.metric),
            one_line(&series.scenario),
        );
        let cite = b.cite(series.source);
        b.line(vec![(Role::Text, text), cite]);
    }
}

/// "Resilience from Mining to Magnets (operating or ramping facilities only; excluding CN by
/// location)".
pub fn title(m: &Model, q: &RouteQuery, r: &Resilience) -> String {
    let mut filters = vec![status_words(q.status).to_owned()];
    if !q.excluded.is_empty() {
        filters.push(format!(
            "excluding {} {}",
            codes(m, &q.excluded),
            exclusion_rule(q.by)
        ));
    }
    let ends = r.ends.map_or(String::new(), |(from, to)| {
        format!(
            " from {} to {}",
            one_line(&m.stage(from).name),
            one_line(&m.stage(to).name)
        )
    });
    format!("Resilience{ends} ({})", filters.join("; "))
}

/// Facility ids joined: `lynas, mp-mountain-pass`.
pub fn facility_list(m: &Model, list: &[FacilityId]) -> String {
    list.iter()
        .map(|&x| m.facility(x).id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// One sentence on a cut: `Cut of 2: a (Name, MY), b (Name, US).`
pub fn cut_sentence(m: &Model, kind: &str, c: &RouteCut) -> String {
    if c.routes == 0 {
        return format!("{kind}: no route, nothing to cut.");
    }
    let named: Vec<String> = c
        .cut
        .facilities
        .iter()
        .map(|&x| {
            let f = &m.facility(x);
            format!(
                "{} ({}, {})",
                f.id,
                one_line(&f.name),
                m.country(f.country).code
            )
        })
        .collect();
    let losing = match named.len() {
        1 => "losing one facility ends them all".to_owned(),
        n => format!("losing these {n} facilities together ends them all"),
    };
    format!(
        "{kind}: {}; {losing}: {}.",
        count(c.routes, "route", "routes"),
        named.join(", ")
    )
}

pub fn resilience_doc(m: &Model, view: &ResilienceView) -> Doc {
    let (q, r) = (view.query, view.report);
    let mut b = DocBuilder::new(m);
    b.title = title(m, q, r);
    b.heading("Route cut");
    for (kind, c) in [
        (
            "Recorded routes (every hop a link or one firm)",
            &r.recorded,
        ),
        ("Every route (stage order too)", &r.every),
    ] {
        b.line(vec![DocBuilder::text(&cut_sentence(m, kind, c))]);
        if c.routes == 0 {
            continue;
        }
        match c.cut.single_points.as_slice() {
            [] => b.line(vec![DocBuilder::dim(format!(
                "  No single point of failure: {} share no facility.",
                count(c.cut.disjoint.len() as u128, "route", "routes")
            ))]),
            points => b.line(vec![(
                Role::Warning,
                format!(
                    "  Single point{} of failure: {}.",
                    if points.len() == 1 { "" } else { "s" },
                    facility_list(m, points)
                ),
            )]),
        }
        if c.exact && c.cut.facilities.len() > c.cut.disjoint.len() {
            b.line(vec![DocBuilder::dim(format!(
                "  No fewer facilities do: every smaller set was searched. Only {} no facility, as some facilities are on the routes in more than one role (stages or products).",
                count(c.cut.disjoint.len() as u128, "route shares", "routes share")
            ))]);
        }
        for (i, route) in c.cut.disjoint.iter().enumerate() {
            let ids: Vec<&str> = route.iter().map(|&x| m.facility(x).id.as_str()).collect();
            b.line(vec![DocBuilder::dim(format!(
                "  Disjoint route {}: {}",
                i + 1,
                ids.join(" > ")
            ))]);
        }
    }
    for (kind, c) in [("recorded", &r.recorded), ("all", &r.every)] {
        if !c.exact && c.routes > 0 {
            b.line(vec![(
                Role::Warning,
                format!(
                    "For {kind} routes, the fewest facilities that would do are between {} and {}: some facilities are on the routes in more than one role (stages or products), and the search for fewer ran out of time.",
                    c.cut.disjoint.len(),
                    c.cut.facilities.len()
                ),
            )]);
        }
    }
    b.line(vec![DocBuilder::dim(
        "Formula: the fewest facilities whose loss leaves no route, a minimum vertex cut of the route graph; it equals the most routes that share no facility (Menger), found as a maximum flow with each facility of capacity one. Inputs: the facilities, their stages, products and status, and the links, as `rechain routes` reads them.",
    )]);

    b.heading("Concentration by stage");
    let table = stage_table(&mut b, q, &r.stages);
    b.table(table);
    coverage_lines(&mut b, &r.stages);
    formulas(&mut b, q);
    b.finish()
}

/// One row per stage: HHI, top country and N−1, each against its threshold.
fn stage_table(b: &mut DocBuilder, q: &RouteQuery, stages: &[StageIndicators]) -> Table {
    let m = b.m;
    let excluding = !q.excluded.is_empty();
    let mut columns = vec![
        Column::keep("Stage", 10),
        Column::optional("Year", 1, 4),
        Column::fixed("HHI").right(),
        Column::fixed(&format!(">{}", number(HHI_HIGHLY_CONCENTRATED.value))),
        Column::optional("HHI 0–1", 2, 4).right(),
        Column::fixed("Top"),
        Column::fixed("Share").right(),
        Column::fixed(&format!(">{}", percent_whole_of(CRMA_SINGLE_COUNTRY))),
    ];
    if excluding {
        columns.push(Column::fixed("Left").right());
    }
    columns.push(Column::fixed("N−1 left").right());
    columns.push(Column::optional("Coverage", 0, 8));
    columns.push(Column::optional("Source", 3, 8));
    let mut table = Table::with_columns(columns);
    for s in stages {
        let stage = &m.stage(s.stage);
        let block = s.block.map(|i| &stage.shares[i]);
        let mut cells = vec![Cell::text(one_line(&stage.name))];
        if let (Some(block), Some(c)) = (block, &s.concentration) {
            let year = block.year.map_or_else(String::new, |y| y.to_string());
            let high = c.hhi > HHI_HIGHLY_CONCENTRATED.value;
            let fraction = c.hhi / 10_000.0;
            cells.push(Cell::text(year));
            cells.push(Cell::new(Role::Number, number(c.hhi.round())).cites(block.source));
            cells.push(verdict(high));
            cells.push(Cell::new(
                if fraction > GEODEP_CONCENTRATED.value {
                    Role::Warning
                } else {
                    Role::Number
                },
                decimal(fraction, 2),
            ));
            match c.top1 {
                Some((country, share)) => {
                    cells.push(Cell::text(&m.country(country).code));
                    cells.push(Cell::new(Role::Number, percent(share)));
                    cells.push(verdict(share > CRMA_SINGLE_COUNTRY.value));
                }
                None => {
                    for _ in 0..3 {
                        cells.push(Cell::new(Role::Dim, "?"));
                    }
                }
            }
            if excluding {
                cells.push(s.left.map_or_else(
                    || Cell::new(Role::Dim, "?"),
                    |l| Cell::new(Role::Number, percent(l)),
                ));
            }
            cells.push(s.n_minus_one.map_or_else(
                || Cell::new(Role::Dim, "none named"),
                |n| {
                    Cell::new(
                        Role::Number,
                        format!("{} w/o {}", percent(n.left), m.country(n.country).code),
                    )
                },
            ));
            let role = match s.coverage {
                Coverage::NeedsDemandData => Role::Dim,
                Coverage::Compared(_) => Role::Number,
            };
            cells.push(Cell::new(role, coverage_text(&s.coverage)));
            let id = m.get_source(block.source).map_or("?", |s| s.id.as_str());
            cells.push(Cell::new(Role::Source, id).cites(block.source));
        } else {
            cells.push(Cell::text(""));
            cells.push(Cell::new(Role::Dim, "no share data"));
            let rest = if excluding { 9 } else { 8 };
            for _ in 0..rest {
                cells.push(Cell::new(Role::Dim, "?"));
            }
        }
        table.push_cells(cells);
    }
    table
}

fn verdict(above: bool) -> Cell {
    if above {
        Cell::new(Role::Warning, "above")
    } else {
        Cell::new(Role::Ok, "no")
    }
}

fn percent_whole_of(t: Threshold) -> String {
    crate::present::format::percent_whole(t.value)
}

/// Each indicator's formula, inputs, threshold and source.
fn formulas(b: &mut DocBuilder, q: &RouteQuery) {
    b.heading("How each indicator is computed");
    let cite = |b: &mut DocBuilder, t: Threshold| match b.m.source_by_id(t.source) {
        Some(s) => b.cite(s),
        None => DocBuilder::dim(format!("[{}: not in this model]", t.source)),
    };
    let lines: [(String, Threshold); 3] = [
        (
            format!(
                "HHI = sum of each country's percent share squared (0–10,000), from the stage's headline share block; countries the block does not name are left out, so where it leaves output unattributed the HHI is a lower bound. Threshold: above {} is highly concentrated, US merger guidelines 2023",
                number(HHI_HIGHLY_CONCENTRATED.value)
            ),
            HHI_HIGHLY_CONCENTRATED,
        ),
        (
            format!(
                "HHI 0–1 = HHI / 10,000. Threshold: above {} is concentrated in CEPII's GeoDep, which applies it to a country's imports and to world exports; here it is applied to output shares",
                decimal(GEODEP_CONCENTRATED.value, 1)
            ),
            GEODEP_CONCENTRATED,
        ),
        (
            format!(
                "Top = the largest country's percent share. Benchmark: the Critical Raw Materials Act wants at most {} of the EU's yearly use of a strategic raw material, at each stage of processing, from one third country; a world share above it shows how hard that is to meet",
                percent_whole_of(CRMA_SINGLE_COUNTRY)
            ),
            CRMA_SINGLE_COUNTRY,
        ),
    ];
    for (text, threshold) in lines {
        let source = cite(b, threshold);
        b.line(vec![
            DocBuilder::text(&text),
            (Role::Text, " ".into()),
            source,
        ]);
    }
    let left = if q.excluded.is_empty() {
        String::new()
    } else {
        "Left = 100% less the excluded countries' shares (published shares are by location). "
            .into()
    };
    b.line(vec![DocBuilder::text(&format!(
        "{left}N−1 left = what is left when the largest country still in goes too. Coverage = the stage's supply without that country too (rechain balance's headline supply with the default assumptions, excluded as the query excludes) ÷ world demand in the first year a series publishes in the stage's unit; the supply sums only the plants that publish a capacity; \"{NEEDS_DEMAND}\" where no world demand series converts into the stage's unit (rechain balance says why for each)."
    ))]);
}
