//! Writing a view to a file for `w`: never over an existing file unless confirmed, and an
//! overwrite replaces the file whole or not at all.

use std::fs::{self, OpenOptions};
use std::io::{self, ErrorKind, Write};
use std::path::{Path, PathBuf};

use crate::tui::action::WriteOutcome;

/// Writes `text` to `path` (`~/` is the home directory).
pub fn write_file(path: &Path, text: &str, overwrite: bool) -> WriteOutcome {
    let path = expand_home(path);
    let result = if overwrite {
        replace(&path, text)
    } else {
        create(&path, text)
    };
    match result {
        Ok(()) => WriteOutcome::Written { path },
        Err(e) if e.kind() == ErrorKind::AlreadyExists => WriteOutcome::Exists { path },
        Err(e) => {
            let why = explain(&path, &e);
            WriteOutcome::Failed { path, why }
        }
    }
}

fn create(path: &Path, text: &str) -> io::Result<()> {
    let mut file = OpenOptions::new().write(true).create_new(true).open(path)?;
    file.write_all(text.as_bytes()).inspect_err(|_| {
        // A half-written new file is worth less than none.
        let _ = fs::remove_file(path);
    })
}

/// Writes beside the file, then renames over it.
fn replace(path: &Path, text: &str) -> io::Result<()> {
    let mut side = path.as_os_str().to_owned();
    side.push(".rechain-new");
    let side = PathBuf::from(side);
    let written = fs::write(&side, text).and_then(|()| fs::rename(&side, path));
    if written.is_err() {
        let _ = fs::remove_file(&side);
    }
    written
}

fn expand_home(path: &Path) -> PathBuf {
    match (path.strip_prefix("~"), std::env::var_os("HOME")) {
        (Ok(rest), Some(home)) => Path::new(&home).join(rest),
        _ => path.to_path_buf(),
    }
}

/// The error in words that say what to change.
fn explain(path: &Path, e: &io::Error) -> String {
    let shown = path.display();
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match e.kind() {
        ErrorKind::NotFound => format!("cannot write {shown}: no directory {}", dir.display()),
        ErrorKind::PermissionDenied => format!("cannot write {shown}: permission denied"),
        ErrorKind::IsADirectory => format!("cannot write {shown}: it is a directory"),
        _ => format!("cannot write {shown}: {e}"),
    }
}
