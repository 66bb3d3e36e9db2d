//! `rechain plants` and `rechain capacity`: the facilities of a stage as a table, and their
//! nameplate capacity summed by country.

use std::collections::BTreeSet;
use std::io;

use clap::ValueEnum;
use clap::builder::{PossibleValuesParser, TypedValueParser};

use super::by::ByArgs;
use super::output::{OutputArgs, emit};
use super::{country_arg, refuse};
use crate::analysis::capacity::capacity_by_country;
use crate::analysis::plants::{Column, PlantQuery, StatusScope, plants};
use crate::model::Model;
use crate::present::capacity::CapacityView;
use crate::present::lookup::lookup_message;
use crate::present::plants::PlantsView;

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
    /// Countries to take out, as codes (CN,MY)
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
    /// Only plants in this country (code)
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,
    /// Only plants with a product naming this element (Dy) or containing this text (magnets)
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

fn stage_arg(m: &Model, text: Option<&str>) -> Result<usize, String> {
    match text {
        Some(text) => m.find_stage(text).map_err(|e| lookup_message(m, &e)),
        None => m
            .stage(DEFAULT_STAGE)
            .or(m.stages.len().checked_sub(1))
            .ok_or_else(|| "the model has no stages".to_owned()),
    }
}

fn excluded_arg(m: &Model, list: Option<&str>) -> Result<BTreeSet<usize>, String> {
    match list {
        None => Ok(BTreeSet::new()),
        Some(list) => m
            .find_countries(list)
            .map_err(|e| format!("--exclude: {}", lookup_message(m, &e))),
    }
}

/// The stage a verb is about and the countries it excludes, read from its arguments.
fn scope_args(
    m: &Model,
    stage: Option<&str>,
    exclude: Option<&str>,
) -> Result<(usize, BTreeSet<usize>), String> {
    Ok((stage_arg(m, stage)?, excluded_arg(m, exclude)?))
}

pub fn run_plants(m: &Model, args: &PlantsArgs) -> io::Result<u8> {
    let read = scope_args(m, args.stage.as_deref(), args.table.exclude.as_deref())
        .and_then(|scope| Ok((scope, country_arg(m, args.country.as_deref())?)));
    let ((stage, excluded), country) = match read {
        Ok(read) => read,
        Err(message) => return Ok(refuse(&message)),
    };
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
    let list = plants(m, stage, &q);
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
    let view = CapacityView {
        report: capacity_by_country(m, stage, &excluded, by),
        excluded,
        by,
    };
    emit(m, args.table.output, &view)
}
