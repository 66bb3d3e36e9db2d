use std::process::ExitCode;

fn main() -> ExitCode {
    rechain::cli::run(rechain::cli::parse())
}
