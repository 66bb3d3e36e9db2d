//! What a command-line tool is expected to offer around its verbs: a man page, a JSON Schema
//! of its file format, and "did you mean" for a misspelled verb.

use std::io;
use std::path::Path;

use super::exit;
use crate::model::problem::nearest;

/// The file name `rechain schema` is meant to be saved as, next to the model; the files
/// rechain writes name it in their modeline.
pub const SCHEMA_FILE: &str = "rechain.schema.json";

/// The first line of every model file rechain writes, so that YAML editors check and complete
/// it against `rechain schema > rechain.schema.json`.
pub fn modeline() -> String {
    format!("# yaml-language-server: $schema={SCHEMA_FILE}\n")
}

pub fn man(verb: Option<&str>, dir: Option<&Path>) -> io::Result<u8> {
    super::man::run(verb, dir)
}

pub fn schema(config: bool) -> io::Result<u8> {
    let mut out = io::stdout().lock();
    let schema = if config {
        crate::config::json_schema()
    } else {
        crate::model::schema::json_schema()
    };
    super::output::write_json(&mut out, &schema)?;
    Ok(exit::OK)
}

/// The nearest verb to `args`' first word when that word is neither a verb nor an existing
/// file: without this, clap would take `rechain serach lynas` for a model file named `serach`.
pub fn misspelled_verb(args: &[String]) -> Option<(String, String)> {
    let command = super::command();
    let mut words = args.iter().skip(1);
    let first = loop {
        let word = words.next()?;
        match word.as_str() {
            "-f" | "--file" => {
                words.next();
            }
            "--" => return None,
            w if w.starts_with('-') => {}
            w => break w,
        }
    };
    let verbs: Vec<&str> = command
        .get_subcommands()
        .map(clap::Command::get_name)
        .chain(["help"])
        .collect();
    if verbs.contains(&first) || Path::new(first).exists() {
        return None;
    }
    nearest(first, verbs.iter().copied()).map(|verb| (first.to_owned(), verb.to_owned()))
}
