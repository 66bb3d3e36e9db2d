//! `rechain info`: which model a command would use, its date and counts, and the paths rechain
//! looks at, so that a reader can tell which copy of the chain they are reading.

use std::io::{self, Write};
use std::path::Path;

use serde_json::json;

use super::{Format, exit, load_model};
use crate::model::{Model, Origin, load};
use crate::present::format::count;
use crate::text::one_line;

/// What a model holds: each kind's JSON name, its singular, and how many.
fn counts(m: &Model) -> [(&'static str, &'static str, usize); 8] {
    [
        ("stages", "stage", m.stages().len()),
        ("firms", "firm", m.firms().len()),
        ("facilities", "facility", m.facilities().len()),
        ("links", "link", m.links().len()),
        ("events", "event", m.events().len()),
        ("sources", "source", m.sources().len()),
        ("countries", "country", m.countries().len()),
        ("elements", "element", m.elements().len()),
    ]
}

/// `6 stages, 80 firms, …`.
fn counts_line(m: &Model) -> String {
    counts(m)
        .iter()
        .map(|&(plural, singular, n)| count(n as u128, singular, plural))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn run(file: Option<&Path>, format: Format) -> u8 {
    let origin = Origin::choose(file);
    let model = load_model(file);
    let built_in = match &origin {
        Origin::Embedded => None,
        Origin::File(_) => load::load(&Origin::Embedded).ok().map(|m| m.as_of_date()),
    };
    let code = match &model {
        Ok(_) => exit::OK,
        Err(code) => *code,
    };
    let names: Vec<&str> = crate::tui::command::Command::ALL
        .iter()
        .map(|c| c.name())
        .collect();
    let config = crate::config::load(&names);
    let path = origin.path().map(|p| {
        let shown = p.display().to_string();
        match std::fs::canonicalize(p) {
            Ok(full) if full != p => format!("{shown} ({})", full.display()),
            _ => shown,
        }
    });
    let written = match format {
        Format::Text => text(model.as_ref().ok(), path.as_deref(), built_in, &config),
        Format::Json => {
            let mut out = io::stdout().lock();
            let value = json!({
                "version": env!("CARGO_PKG_VERSION"),
                "model": {
                    "origin": if path.is_some() { "file" } else { "built-in" },
                    "path": origin.path(),
                    "valid": model.is_ok(),
                    "title": model.as_ref().ok().map(Model::title),
                    "as_of": model.as_ref().ok().map(|m| m.as_of_date().to_string()),
                    "counts": model.as_ref().ok().map(|m| {
                        counts(m)
                            .into_iter()
                            .map(|(name, _, n)| (name.to_owned(), json!(n)))
                            .collect::<serde_json::Map<_, _>>()
                    }),
                },
                "built_in_as_of": built_in.map(|d| d.to_string()),
                "config": {
                    "path": config.path,
                    "found": config.found,
                    "valid": config.found && config.error.is_none(),
                    "error": config.error.as_ref().map(ToString::to_string),
                },
                "cache": null,
            });
            super::output::write_json(&mut out, &value)
        }
    };
    if let Ok(model) = model {
        // The process ends next: freeing a large model piece by piece would only delay it.
        std::mem::forget(model);
    }
    match super::finish(written.map(|()| code)) {
        exit::OK if code != exit::OK => code,
        other => other,
    }
}

fn text(
    m: Option<&Model>,
    path: Option<&str>,
    built_in: Option<crate::model::Date>,
    config: &crate::config::Loaded,
) -> io::Result<()> {
    let mut out = io::stdout().lock();
    let mut row = |label: &str, value: &str| writeln!(out, "{label:<9} {value}");
    match path {
        Some(path) => row("model", path)?,
        None => row("model", "built-in (the chain.yaml compiled into rechain)")?,
    }
    match m {
        Some(m) => {
            row("title", &one_line(m.title()))?;
            row("as of", &m.as_of_date().to_string())?;
            row("contents", &counts_line(m))?;
        }
        None => row("state", "not valid: `rechain check` lists the problems")?,
    }
    if let Some(date) = built_in {
        row(
            "built-in",
            &format!("model as of {date}, used where there is no ./chain.yaml and no -f FILE"),
        )?;
    }
    row("version", &format!("rechain {}", env!("CARGO_PKG_VERSION")))?;
    let config = match (&config.path, &config.error) {
        (None, _) => "none: neither $RECHAIN_CONFIG, $XDG_CONFIG_HOME nor $HOME is set".to_owned(),
        (Some(p), _) if !config.found => format!("{} (absent: defaults)", p.display()),
        (Some(_), Some(e)) => format!("{e} (ignored: defaults)"),
        (Some(p), None) => format!("{} (read)", p.display()),
    };
    row("config", &one_line(&config))?;
    row("cache", "none: rechain keeps no cache")?;
    Ok(())
}
