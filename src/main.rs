use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    rechain::cli::run(rechain::cli::Cli::parse())
}
