//! `rechain init`: a small commented starter model.

use std::path::Path;

use super::exit;
use crate::safe_write::{self, WriteError};

/// The starter model; a test keeps it valid.
pub const STARTER: &str = include_str!("starter.yaml");

pub fn run(path: &Path) -> u8 {
    let text = format!("{}{STARTER}", super::modeline());
    match safe_write::write(path, text.as_bytes(), false, None) {
        Ok(()) => {
            errln!("rechain: wrote a starter model to {}", path.display());
            errln!(
                "rechain: edit it, then `rechain check {0}` and `rechain {0}`",
                path.display()
            );
            exit::OK
        }
        Err(WriteError::Exists) => {
            errln!(
                "rechain: {} already exists; init never overwrites a file",
                path.display()
            );
            exit::INVALID
        }
        Err(WriteError::Refused(why)) => {
            errln!("rechain: {why}");
            exit::UNREADABLE
        }
    }
}
