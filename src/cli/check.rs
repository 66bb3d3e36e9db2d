//! `rechain check`: every problem in a model file, as <file:line:col>.

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use super::{Format, exit};
use crate::model::{Date, Origin, Problem, load};
use crate::present::format::plural;

#[derive(Serialize)]
struct Report<'a> {
    file: String,
    valid: bool,
    readable: bool,
    errors: usize,
    warnings: usize,
    problems: &'a [Problem],
}

/// `strict` counts warnings as errors: the model is then valid only without any. Targets
/// are judged passed against `today`.
pub fn run(path: Option<&Path>, format: Format, strict: bool, today: Date) -> u8 {
    let origin = Origin::choose(path);
    if !super::quiet() {
        errln!("rechain: checking {}", super::describe(&origin));
    }
    let (problems, code, readable) = match load::load(&origin) {
        Ok(model) => {
            let mut problems = model.warnings().to_vec();
            problems.extend(model.audit_on(Some(today)));
            problems.sort_by_key(|p| (p.line.unwrap_or(0), p.column.unwrap_or(0)));
            let code = if strict && !problems.is_empty() {
                exit::INVALID
            } else {
                exit::OK
            };
            (problems, code, true)
        }
        Err(e) => {
            let code = if e.unreadable {
                exit::UNREADABLE
            } else {
                exit::INVALID
            };
            (e.problems, code, !e.unreadable)
        }
    };
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let warnings = problems.len() - errors;
    let result = (|| -> io::Result<()> {
        let mut out = io::stdout().lock();
        match format {
            Format::Json => {
                let report = Report {
                    file: origin.to_string(),
                    valid: code == exit::OK,
                    readable,
                    errors,
                    warnings,
                    problems: &problems,
                };
                serde_json::to_writer_pretty(&mut out, &report)?;
                writeln!(out)
            }
            Format::Text => {
                for p in &problems {
                    writeln!(out, "{p}")?;
                }
                if code == exit::OK {
                    writeln!(
                        out,
                        "{origin}: valid ({warnings} warning{})",
                        plural(warnings as u128)
                    )
                } else {
                    let strictly = if strict && errors == 0 {
                        " (--strict: warnings count as errors)"
                    } else {
                        ""
                    };
                    writeln!(
                        out,
                        "{origin}: {errors} error{}, {warnings} warning{}{strictly}",
                        plural(errors as u128),
                        plural(warnings as u128)
                    )
                }
            }
        }
    })();
    match result {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            errln!("rechain: cannot write the output: {e}");
            exit::IO
        }
        _ => code,
    }
}
