//! `rechain diff OLD NEW`: what changed between two models, each a file or a git revision.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::exit;
use super::output::{OutputArgs, emit};
use crate::analysis::diff::{ModelDiff, compare_serialized, serialized};
use crate::model::load::{self, MAX_FILE_BYTES};
use crate::model::{LoadError, Model, Origin, Problem};
use crate::present::diff::{json_report, report};
use crate::present::doc::Doc;
use crate::present::format::plural;
use crate::present::view::View;
use crate::text::inert;

/// The model file a `git:REV` argument reads when it names no path.
const DEFAULT_GIT_PATH: &str = "chain.yaml";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The older model: a file, or git:REV[:PATH] (PATH from the repository root, default chain.yaml)
    #[arg(value_name = "OLD")]
    old: PathBuf,
    /// The newer model, given the same way
    #[arg(value_name = "NEW")]
    new: PathBuf,
    #[command(flatten)]
    output: OutputArgs,
}

/// Where one side of the comparison comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    /// `REV:PATH` in the current repository, PATH relative to the repository root.
    Git {
        rev: String,
        path: String,
    },
}

impl Input {
    /// `git:REV[:PATH]` is a revision; anything else a file (`./git:x` for a file named so).
    pub fn parse(arg: &Path) -> Input {
        let Some(spec) = arg.to_str().and_then(|s| s.strip_prefix("git:")) else {
            return Input::File(arg.to_owned());
        };
        let (rev, path) = spec.split_once(':').unwrap_or((spec, ""));
        let path = if path.is_empty() {
            DEFAULT_GIT_PATH
        } else {
            path
        };
        Input::Git {
            rev: rev.to_owned(),
            path: path.to_owned(),
        }
    }

    /// How problems and the report name it: the file path, or `git:REV:PATH`.
    pub fn name(&self) -> String {
        match self {
            Input::File(path) => path.display().to_string(),
            Input::Git { rev, path } => format!("git:{rev}:{path}"),
        }
    }
}

pub fn run(args: &Args) -> u8 {
    let inputs = [Input::parse(&args.old), Input::parse(&args.new)];
    let names = inputs.each_ref().map(Input::name);
    if !super::quiet() {
        errln!(
            "rechain: comparing {} with {}",
            inert(&names[0]),
            inert(&names[1])
        );
    }
    // Both loads at once: a large model takes most of the time here.
    let [old, new] = std::thread::scope(|scope| {
        let loads = inputs
            .each_ref()
            .map(|input| scope.spawn(move || load_input(input).map(|m| (serialized(m.file()), m))));
        loads.map(|load| {
            load.join().unwrap_or_else(|_| {
                Err(LoadError {
                    unreadable: true,
                    problems: vec![Problem::error("", "the model could not be read")],
                })
            })
        })
    });
    for (side, (result, name)) in ["old", "new"].iter().zip([&old, &new].iter().zip(&names)) {
        if let Err(e) = result {
            report_failure(side, name, e);
        }
    }
    let (Ok((old, _)), Ok((new, new_model))) = (old, new) else {
        return exit::UNREADABLE;
    };
    let diff = compare_serialized(&old, &new);
    let view = DiffView {
        diff,
        names: [names[0].clone(), names[1].clone()],
    };
    let written = emit(&new_model, args.output, &view);
    let diff = view.diff;
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            errln!("rechain: cannot write the output: {e}");
            exit::IO
        }
        Ok(code) if code != exit::OK => code,
        _ if diff.is_empty() => exit::OK,
        _ => exit::DIFFERENT,
    }
}

/// Every problem as `file:line:col`, then which side it is and what to do.
fn report_failure(side: &str, name: &str, e: &LoadError) {
    for p in &e.problems {
        errln!("{p}");
    }
    let name = inert(name);
    if e.unreadable {
        errln!("rechain: the {side} model ({name}) could not be read");
    } else {
        let errors = e.errors().count();
        errln!(
            "rechain: the {side} model ({name}) is not valid: {errors} error{}; both models must be valid to compare",
            plural(errors as u128)
        );
    }
}

fn load_input(input: &Input) -> Result<Model, LoadError> {
    match input {
        Input::File(path) => load::load(&Origin::File(path.clone())),
        Input::Git { rev, path } => {
            let name = input.name();
            let text = git_blob(rev, path).map_err(|message| LoadError {
                unreadable: true,
                problems: vec![named(Problem::error("", message), &name)],
            })?;
            let text = String::from_utf8(text).map_err(|e| {
                let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                let line = valid.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
                LoadError {
                    unreadable: false,
                    problems: vec![named(
                        Problem::error("", "the file is not UTF-8 text").at(line, 1),
                        &name,
                    )],
                }
            })?;
            load::load_text(&text, Origin::File(PathBuf::from(name)))
        }
    }
}

fn named(mut problem: Problem, file: &str) -> Problem {
    file.clone_into(&mut problem.file);
    problem
}

/// The bytes of `REV:PATH`, read with `git cat-file` directly (no shell) in the current
/// directory's repository. The revision and path go to git on its input, never as arguments,
/// so neither is read as an option or a pathspec pattern: a path is a path.
fn git_blob(rev: &str, path: &str) -> Result<Vec<u8>, String> {
    if rev.is_empty() {
        return Err("no revision after `git:` (for example git:HEAD~1)".into());
    }
    if format!("{rev}{path}").contains(['\n', '\r']) {
        return Err("a revision or path with a line break cannot be read from git".into());
    }
    let (shown_rev, shown_path) = (inert(rev), inert(path));
    let objects = format!("{rev}^{{tree}}\n{rev}:{path}\n");
    let listing = run_git(&["cat-file", "--batch-check"], Some(&objects), 64 * 1024)?;
    let listing = String::from_utf8_lossy(&listing);
    let mut lines = listing.lines();
    if object_header(lines.next()).is_none() {
        return Err(format!(
            "`{shown_rev}` is not a revision in this repository"
        ));
    }
    let Some((id, kind, size)) = object_header(lines.next()) else {
        return Err(format!("`{shown_path}` does not exist in {shown_rev}"));
    };
    match kind {
        "blob" if size > MAX_FILE_BYTES => Err(format!(
            "is larger than the {} MiB limit for model files",
            MAX_FILE_BYTES / (1024 * 1024)
        )),
        "blob" => run_git(&["cat-file", "blob", id], None, MAX_FILE_BYTES),
        "tree" => Err(format!(
            "`{shown_path}` is a directory in {shown_rev}, not a model file"
        )),
        _ => Err(format!(
            "`{shown_path}` is a {kind} in {shown_rev}, not a model file"
        )),
    }
}

/// `id kind size` from a line of `git cat-file --batch-check`; `None` for a missing or
/// ambiguous name (`NAME missing`), which is all such a line says about it.
fn object_header(line: Option<&str>) -> Option<(&str, &str, u64)> {
    let mut fields = line?.split(' ');
    let (id, kind, size) = (fields.next()?, fields.next()?, fields.next()?);
    let shaped = fields.next().is_none() && id.bytes().all(|b| b.is_ascii_hexdigit());
    shaped.then_some((id, kind, size.parse().ok()?))
}

/// What `git ARGS` writes, up to `limit` bytes, given `input`; its error message when it fails.
fn run_git(args: &[&str], input: Option<&str>, limit: u64) -> Result<Vec<u8>, String> {
    let mut child = Command::new("git")
        .arg("--no-pager")
        .args(args)
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => {
                "git is not installed or not on PATH; it is needed to read git:REV".to_owned()
            }
            _ => format!("could not run git: {e}"),
        })?;
    if let (Some(input), Some(mut stdin)) = (input, child.stdin.take()) {
        // git may stop early (outside a repository); its message says why, not the write.
        let _ = stdin.write_all(input.as_bytes());
    }
    let mut stderr = child.stderr.take();
    let errors = std::thread::spawn(move || {
        let mut text = Vec::new();
        if let Some(stderr) = stderr.as_mut() {
            let _ = stderr.take(64 * 1024).read_to_end(&mut text);
        }
        text
    });
    let mut bytes = Vec::new();
    let read = child
        .stdout
        .take()
        .map(|out| out.take(limit + 1).read_to_end(&mut bytes));
    if bytes.len() as u64 > limit {
        let _ = child.kill();
        let _ = child.wait();
        return Err(format!(
            "is larger than the {} MiB limit for model files",
            MAX_FILE_BYTES / (1024 * 1024)
        ));
    }
    let status = child.wait().map_err(|e| format!("git failed: {e}"))?;
    let errors = String::from_utf8_lossy(&errors.join().unwrap_or_default()).into_owned();
    if !status.success() {
        let message = errors
            .lines()
            .map(|l| l.trim_start_matches("fatal: ").trim())
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("; ");
        return Err(format!(
            "git {} failed: {}",
            args.join(" "),
            inert(&message)
        ));
    }
    if let Some(Err(e)) = read {
        return Err(format!("reading from git failed: {e}"));
    }
    Ok(bytes)
}

/// What changed between two models, and what each was called.
struct DiffView {
    diff: ModelDiff,
    names: [String; 2],
}

impl View for DiffView {
    fn doc(&self, _: &Model) -> Doc {
        report(&self.diff, &self.names[0], &self.names[1])
    }

    fn json(&self, _: &Model) -> serde_json::Value {
        serde_json::to_value(json_report(&self.diff, &self.names[0], &self.names[1]))
            .unwrap_or_default()
    }
}
