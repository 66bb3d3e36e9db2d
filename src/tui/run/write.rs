//! `w`'s write, as the loop does it: `~/` is the home directory, and the file is written by
//! [`crate::safe_write`], which never writes onto the open model or over a file unasked.

use std::path::{Path, PathBuf};

use crate::safe_write::{self, WriteError};
use crate::tui::msg::WriteOutcome;

/// Writes `text` to `path`, replacing an existing file only when `overwrite`; `model` is the
/// file the app has open.
pub fn write_file(path: &Path, text: &str, overwrite: bool, model: Option<&Path>) -> WriteOutcome {
    let path = expand_home(path);
    match safe_write::write(&path, text.as_bytes(), overwrite, model) {
        Ok(()) => WriteOutcome::Written { path },
        Err(WriteError::Exists) => WriteOutcome::Exists { path },
        Err(WriteError::Refused(why)) => WriteOutcome::Failed { path, why },
    }
}

fn expand_home(path: &Path) -> PathBuf {
    match (path.strip_prefix("~"), std::env::var_os("HOME")) {
        (Ok(rest), Some(home)) => Path::new(&home).join(rest),
        _ => path.to_path_buf(),
    }
}
