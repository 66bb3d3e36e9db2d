//! `rechain shares`: each stage's country shares with top-3 and HHI, and what is left when
//! countries are excluded.

use std::io;

use super::exit;
use super::output::{OutputArgs, OutputFormat, emit};
use crate::analysis::whatif::Exclusion;
use crate::model::{Model, StageId};
use crate::present::lookup::lookup_message;
use crate::present::shares::{Part, Select, SharesView, stage_parts};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Stage id or name (default: every stage)
    #[arg(value_name = "STAGE")]
    pub stage: Option<String>,
    /// Only blocks for this year
    #[arg(long)]
    pub year: Option<u16>,
    /// Countries to take out, as codes or names (CN,MY or China); adds the share that remains
    #[arg(long, value_name = "CC,...", value_parser = super::country_list)]
    pub exclude: Option<String>,
    #[command(flatten)]
    pub by: super::by::ByArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(m: &Model, args: &Args) -> io::Result<u8> {
    let stages: Vec<StageId> = match &args.stage {
        None => m.stage_ids().collect(),
        Some(text) => match m.find_stage(text) {
            Ok(s) => vec![s],
            Err(e) => {
                errln!("rechain: {}", lookup_message(m, &e));
                return Ok(exit::INVALID);
            }
        },
    };
    let excluded = match super::excluded_arg(m, args.exclude.as_deref()) {
        Ok(set) => set,
        Err(why) => return Ok(super::refuse(&why)),
    };
    let by = args.by.rule();
    let parts: Vec<Part> = stages
        .iter()
        .flat_map(|&s| stage_parts(m, s, Select::Year(args.year), Exclusion::new(&excluded, by)))
        .collect();
    if !parts.iter().any(|p| matches!(p, Part::Block(_))) {
        // Nothing to show: each stage's reason (with the years it has) goes to stderr.
        for part in &parts {
            if let Part::NoData(text) = part {
                errln!("rechain: {text}");
            }
        }
        return Ok(exit::INVALID);
    }
    if args.output.format == OutputFormat::Json {
        for part in &parts {
            if let Part::NoData(text) = part {
                errln!("rechain: {text}");
            }
        }
    }
    let view = SharesView {
        parts,
        excluded,
        by,
    };
    emit(m, args.output, &view)
}
