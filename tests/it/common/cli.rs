//! The binary as a user runs it from a shell.

use std::path::Path;
use std::process::{Command, Output};

/// Runs rechain in `dir` with `args`, colour off.
pub fn rechain_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rechain"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run rechain")
}

/// Output bytes as text, invalid UTF-8 shown as U+FFFD.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
