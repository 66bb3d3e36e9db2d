//! `--by` and `--control`: whether excluded countries take out facilities by location, owner
//! or either, shared by every verb with `--exclude`.

use clap::ValueEnum;

use crate::analysis::ownership::{DEFAULT_CONTROL, ExcludeBy, ExclusionMode};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModeArg {
    /// Where the facility is
    Location,
    /// Its firm's headquarters, or a holder of at least --control percent (of the facility or its firm)
    Owner,
    /// Location or owner
    Either,
}

#[derive(Debug, Clone, clap::Args)]
pub struct ByArgs {
    /// How --exclude takes facilities out: by location, by owner, or either
    #[arg(long, value_enum, default_value_t = ModeArg::Location)]
    pub by: ModeArg,
    /// Percent a holder needs to count as an owner with --by owner|either ("controlling" always counts)
    #[arg(long, value_name = "N", default_value_t = DEFAULT_CONTROL, value_parser = clap::value_parser!(u8).range(0..=100))]
    pub control: u8,
}

impl ByArgs {
    pub fn rule(&self) -> ExcludeBy {
        ExcludeBy {
            mode: match self.by {
                ModeArg::Location => ExclusionMode::Location,
                ModeArg::Owner => ExclusionMode::Owner,
                ModeArg::Either => ExclusionMode::Either,
            },
            control: self.control,
        }
    }
}
