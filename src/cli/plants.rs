//! `rechain plants` and `rechain capacity`: the facilities of a stage as a table, and their
//! nameplate capacity summed by country.

use std::collections::BTreeSet;
use std::io;

use clap::ValueEnum;
use clap::builder::{PossibleValuesParser, TypedValueParser};

use super::by::ByArgs;
use super::output::{OutputArgs, emit};
use super::{country_arg, refuse};
use crate::analysis::capacity::{CapacityReport, capacity_by_country};
use crate::analysis::plants::{
    Column, PlantQuery, ProductTerm, StatusScope, plants, product_terms,
};
use crate::model::problem::nearest;
use crate::model::{CountryId, Model, StageId};
use crate::present::capacity::CapacityView;
use crate::present::format::count;
use crate::present::lookup::lookup_message;
use crate::present::plants::{PlantsView, plants_title};
use crate::text::one_line;

/// Why a product filter cannot match: an item that is no element and that no product in the
/// model contains, with the nearest element.
fn unknown_product(m: &Model, text: &str) -> Option<String> {
    let unknown: Vec<&str> = text
        .split(',')
        .map(str::trim)
        .zip(product_terms(m, text))
        .filter_map(|(item, term)| match term {
            ProductTerm::Text(t) => {
                let named = m.facilities().iter().any(|f| {
                    f.products
                        .iter()
                        .any(|p| p.text.to_lowercase().contains(&t))
                });
                (!named).then_some(item)
            }
            ProductTerm::Element(_) => None,
        })
        .collect();
    let first = unknown.first()?;
    let names = m
        .elements()
        .iter()
        .flat_map(|e| [e.symbol.as_str(), e.name.as_str()]);
    let hint = nearest(first, names).map_or_else(String::new, |n| format!("; did you mean `{n}`?"));
    Some(format!(
        "--product: no element and no product in the model is named {}{hint}",
        unknown
            .iter()
            .map(|u| format!("`{}`", one_line(u)))
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

/// Why `capacity` has no table: the plants it found have no public capacity, or there are none.
fn nothing_to_sum(m: &Model, report: &CapacityReport) -> String {
    let stage = &m.stage(report.stage);
    let without: usize = report.without_capacity.iter().map(|(_, l)| l.len()).sum();
    let mut why = Vec::new();
    if without > 0 {
        why.push(format!(
            "{} without a public capacity",
            count(without as u128, "plant", "plants")
        ));
    }
    if !report.other_status.is_empty() {
        why.push(format!(
            "{} neither operating nor in the pipeline",
            count(report.other_status.len() as u128, "plant", "plants")
        ));
    }
    if !report.excluded.is_empty() {
        why.push(format!(
            "{} taken out by the exclusion",
            count(report.excluded.len() as u128, "plant", "plants")
        ));
    }
    if why.is_empty() {
        why.push("no plant listed".to_owned());
    }
    format!(
        "{}: no capacity to sum ({}); `rechain plants {} --status all` lists the plants",
        one_line(&stage.name),
        why.join(", "),
        stage.id
    )
}

/// The stage listed when none is given.
const DEFAULT_STAGE: &str = "magnets";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    /// Operating or ramping
    Operating,
    /// Announced, financed, construction or commissioning
    Pipeline,
    /// Every status
    All,
}

/// `--sort` takes the plants table's own column names.
fn sort_column() -> impl TypedValueParser<Value = Column> {
    PossibleValuesParser::new(Column::ALL.map(Column::as_str))
        .map(|name| Column::parse(&name).unwrap_or_default())
}

/// What the plants and capacity tables leave out, and how they are printed.
#[derive(Debug, clap::Args)]
pub struct TableOptions {
    /// Countries to take out, as codes or names (CN,MY or China)
    #[arg(long, value_name = "CC,...", value_parser = super::country_list)]
    pub exclude: Option<String>,
    #[command(flatten)]
    pub by: ByArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, clap::Args)]
pub struct PlantsArgs {
    /// Stage id or name (default: magnets, else the last stage)
    #[arg(value_name = "STAGE")]
    pub stage: Option<String>,
    #[arg(long, value_enum, default_value_t = StatusArg::Operating)]
    pub status: StatusArg,
    /// Only plants in this country (a code or name)
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,
    /// Only plants with a product naming an element (Dy, dysprosium) or containing the text
    /// (magnets); a comma list keeps plants matching any (Dy,Tb)
    #[arg(long, value_name = "TEXT")]
    pub product: Option<String>,
    #[arg(long, default_value = "firm", value_parser = sort_column())]
    pub sort: Column,
    /// Reverse the sort
    #[arg(long)]
    pub reverse: bool,
    #[command(flatten)]
    pub table: TableOptions,
}

#[derive(Debug, clap::Args)]
pub struct CapacityArgs {
    /// Stage id or name (default: magnets, else the last stage)
    #[arg(value_name = "STAGE")]
    pub stage: Option<String>,
    #[command(flatten)]
    pub table: TableOptions,
}

pub(crate) fn stage_arg(m: &Model, text: Option<&str>) -> Result<StageId, String> {
    match text {
        Some(text) => m.find_stage(text).map_err(|e| lookup_message(m, &e)),
        None => m
            .stage_by_id(DEFAULT_STAGE)
            .or_else(|| m.stage_ids().next_back())
            .ok_or_else(|| "the model has no stages".to_owned()),
    }
}

/// The stage a verb is about and the countries it excludes, read from its arguments.
fn scope_args(
    m: &Model,
    stage: Option<&str>,
    exclude: Option<&str>,
) -> Result<(StageId, BTreeSet<CountryId>), String> {
    Ok((stage_arg(m, stage)?, super::excluded_arg(m, exclude)?))
}

/// The stage and query `plants` reads from its arguments, or why it cannot.
pub(crate) fn plants_query(m: &Model, args: &PlantsArgs) -> Result<(StageId, PlantQuery), String> {
    let (stage, excluded) = scope_args(m, args.stage.as_deref(), args.table.exclude.as_deref())?;
    let country = country_arg(m, args.country.as_deref())?;
    if let Some(message) = args.product.as_deref().and_then(|p| unknown_product(m, p)) {
        return Err(message);
    }
    let q = PlantQuery {
        status: match args.status {
            StatusArg::Operating => StatusScope::Operating,
            StatusArg::Pipeline => StatusScope::Pipeline,
            StatusArg::All => StatusScope::All,
        },
        country,
        product: args.product.clone(),
        excluded,
        by: args.table.by.rule(),
        sort: args.sort,
        reverse: args.reverse,
    };
    Ok((stage, q))
}

pub fn run_plants(m: &Model, args: &PlantsArgs) -> io::Result<u8> {
    let (stage, q) = match plants_query(m, args) {
        Ok(read) => read,
        Err(message) => return Ok(refuse(&message)),
    };
    let list = plants(m, stage, &q);
    if list.is_empty() {
        let title = plants_title(m, stage, &q, 0);
        return Ok(refuse(&format!(
            "{title}{}",
            if q.status == StatusScope::All {
                ""
            } else {
                " (--status all lists every status)"
            }
        )));
    }
    let view = PlantsView {
        stage,
        query: q,
        list,
    };
    emit(m, args.table.output, &view)
}

pub fn run_capacity(m: &Model, args: &CapacityArgs) -> io::Result<u8> {
    let (stage, excluded) =
        match scope_args(m, args.stage.as_deref(), args.table.exclude.as_deref()) {
            Ok(scope) => scope,
            Err(message) => return Ok(refuse(&message)),
        };
    let by = args.table.by.rule();
    let report = capacity_by_country(m, stage, &excluded, by);
    if report.tables.is_empty() {
        return Ok(refuse(&nothing_to_sum(m, &report)));
    }
    let view = CapacityView {
        report,
        excluded,
        by,
    };
    emit(m, args.table.output, &view)
}
