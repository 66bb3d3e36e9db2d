//! `rechain init`: a small commented starter model.

use std::io::Write;
use std::path::Path;

use super::exit;

/// The starter model; a test keeps it valid.
pub const STARTER: &str = include_str!("starter.yaml");

pub fn run(path: &Path) -> u8 {
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut f| f.write_all(format!("{}{STARTER}", super::modeline()).as_bytes()));
    match written {
        Ok(()) => {
            errln!("rechain: wrote a starter model to {}", path.display());
            errln!(
                "rechain: edit it, then `rechain check {0}` and `rechain {0}`",
                path.display()
            );
            exit::OK
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            errln!(
                "rechain: {} already exists; init never overwrites a file",
                path.display()
            );
            exit::INVALID
        }
        Err(e) => {
            errln!("rechain: cannot write {}: {e}", path.display());
            exit::UNREADABLE
        }
    }
}
