//! `rechain export`: the whole model, with the model file's field names.

use std::io::{self, Write};

use clap::ValueEnum;

use super::exit;
use crate::model::Model;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Yaml,
}

pub fn run(model: &Model, format: ExportFormat) -> io::Result<u8> {
    let mut out = io::stdout().lock();
    match format {
        ExportFormat::Json => {
            serde_json::to_writer_pretty(&mut out, model.file()).map_err(io::Error::from)?;
            writeln!(out)?;
        }
        ExportFormat::Yaml => {
            out.write_all(super::modeline().as_bytes())?;
            out.write_all(crate::model::load::to_yaml(model.file()).as_bytes())?;
        }
    }
    Ok(exit::OK)
}
