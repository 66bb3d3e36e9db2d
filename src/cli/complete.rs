//! Shell completions that read the model when TAB is pressed: ids after `show`, stages after
//! the verbs that take one, country codes after `--exclude` and `--country`, elements after
//! `--product`. The shell's script calls rechain with `RECHAIN_COMPLETE` set, and clap's
//! completion engine answers from the command line's own definition, so verbs and flags
//! never need a second list.

use std::ffi::OsStr;
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Arc;

use clap::{Arg, Command, ValueHint};
use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};
use clap_complete::env::{CompleteEnv, Shells};

use super::exit;
use crate::model::{Model, Origin, load};

/// The variable the completion scripts set when they call rechain.
const VAR: &str = "RECHAIN_COMPLETE";

/// Answers a completion request and ends the process, when the shell made one.
pub fn answer_if_asked() {
    CompleteEnv::with_factory(super::command)
        .var(VAR)
        .complete();
}

/// `rechain completions SHELL`: the script that makes the shell ask rechain.
pub fn script(shell: clap_complete::Shell) -> io::Result<u8> {
    let name = shell.to_string();
    let shells = Shells::builtins();
    let Some(completer) = shells.completer(&name) else {
        errln!("rechain: completions: {name} is not supported");
        return Ok(exit::UNREADABLE);
    };
    let mut out = io::stdout().lock();
    completer.write_registration(VAR, "rechain", "rechain", &program(), &mut out)?;
    out.flush()?;
    Ok(exit::OK)
}

/// How the script calls rechain: as it was called now, by name from `PATH` or by a full path.
fn program() -> String {
    let called = std::env::args_os()
        .next()
        .map_or_else(|| PathBuf::from("rechain"), PathBuf::from);
    let program = if called.components().count() > 1 {
        std::env::current_dir().map_or(called.clone(), |dir| dir.join(&called))
    } else {
        called
    };
    program.to_string_lossy().into_owned()
}

/// Where the completers read the model: the one the command line being completed names
/// (the shell's), or one already loaded (the app's command line).
#[derive(Clone)]
enum Source {
    CommandLine,
    Loaded(Arc<Model>),
}

impl Source {
    /// `answer` on the model, or nothing when it cannot be read.
    fn with(
        &self,
        answer: impl FnOnce(&Model) -> Vec<CompletionCandidate>,
    ) -> Vec<CompletionCandidate> {
        match self {
            Source::CommandLine => model().map_or_else(Vec::new, |m| answer(&m)),
            Source::Loaded(m) => answer(m),
        }
    }
}

/// The command line with its completers: each verb's arguments by name.
pub fn wire(cmd: Command) -> Command {
    wire_with(cmd, &Source::CommandLine)
}

fn wire_with(cmd: Command, source: &Source) -> Command {
    let top = source.clone();
    cmd.mut_args(move |arg| complete_arg("", arg, &top))
        .mut_subcommands(|sub| {
            let verb = sub.get_name().to_owned();
            sub.mut_args(|arg| complete_arg(&verb, arg, source))
        })
}

/// Candidates for the last of `words` (the words before it as given), with the same
/// completers as the shell's but answered from `model`, and no file names (the app reads
/// nothing to complete). Each is a value and what it names.
pub fn complete_in(cmd: Command, words: &[String], model: &Arc<Model>) -> Vec<(String, String)> {
    let mut cmd = wire_with(cmd, &Source::Loaded(Arc::clone(model)));
    let mut args = vec![std::ffi::OsString::from(cmd.get_name().to_owned())];
    args.extend(words.iter().map(std::ffi::OsString::from));
    let index = words.len();
    if words.is_empty() {
        args.push(std::ffi::OsString::new());
    }
    clap_complete::engine::complete(&mut cmd, args, index.max(1), None)
        .unwrap_or_default()
        .into_iter()
        .filter(|c| !c.is_hide_set())
        .map(|c| {
            let help = c.get_help().map(ToString::to_string).unwrap_or_default();
            (c.get_value().to_string_lossy().into_owned(), help)
        })
        .collect()
}

/// Completes `answer` from the model the source reads.
fn from(
    source: &Source,
    answer: fn(&Model, &OsStr) -> Vec<CompletionCandidate>,
) -> ArgValueCompleter {
    let source = source.clone();
    ArgValueCompleter::new(move |current: &OsStr| source.with(|m| answer(m, current)))
}

fn complete_arg(verb: &str, arg: Arg, source: &Source) -> Arg {
    let files = matches!(source, Source::CommandLine);
    match (verb, arg.get_id().as_str()) {
        ("show", "name") => arg.add(from(source, ids)),
        (_, "stage" | "stages" | "from" | "to") => arg.add(from(source, stages)),
        (_, "exclude_facility") => arg.add(from(source, facilities)),
        (_, "exclude") => arg.add(from(source, countries)),
        (_, "country") => arg.add(from(source, country)),
        (_, "product") => arg.add(from(source, elements)),
        (_, "file" | "model" | "path" | "old" | "new") if files => {
            arg.value_hint(ValueHint::FilePath)
        }
        (_, "dir") if files => arg.value_hint(ValueHint::DirPath),
        (_, "file" | "model" | "path" | "old" | "new" | "dir") => {
            arg.value_hint(ValueHint::Other).hide(true)
        }
        _ => arg,
    }
}

/// The model the completed command would read: its `-f FILE`, else `./chain.yaml`, else the
/// built-in one. None when it cannot be read; completion then offers nothing.
fn model() -> Option<Model> {
    // The shell passes the words being completed after `--`.
    let words: Vec<String> = std::env::args().skip_while(|w| w != "--").skip(1).collect();
    let file = words
        .iter()
        .enumerate()
        .find_map(|(i, w)| match w.as_str() {
            "-f" | "--file" => words.get(i + 1).map(PathBuf::from),
            w => w.strip_prefix("--file=").map(PathBuf::from),
        });
    load::load(&Origin::choose(file.as_deref())).ok()
}

/// Candidates whose value or name starts with what was typed, ignoring case.
fn matching<'a>(
    typed: &str,
    items: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<CompletionCandidate> {
    let typed = typed.to_lowercase();
    items
        .into_iter()
        .filter(|(value, name)| {
            value.to_lowercase().starts_with(&typed) || name.to_lowercase().starts_with(&typed)
        })
        .map(|(value, name)| CompletionCandidate::new(value).help(Some(name.to_owned().into())))
        .collect()
}

fn typed(current: &OsStr) -> String {
    current.to_string_lossy().into_owned()
}

/// Every id `show` takes: firms, facilities, stages, countries, elements, events, sources.
fn ids(m: &Model, current: &OsStr) -> Vec<CompletionCandidate> {
    let typed = typed(current).to_lowercase();
    let items = m
        .firms()
        .iter()
        .map(|f| (f.id.as_str(), f.name.as_str()))
        .chain(
            m.facilities()
                .iter()
                .map(|f| (f.id.as_str(), f.name.as_str())),
        )
        .chain(m.stages().iter().map(|s| (s.id.as_str(), s.name.as_str())))
        .chain(
            m.countries()
                .iter()
                .map(|c| (c.code.as_str(), c.name.as_str())),
        )
        .chain(
            m.elements()
                .iter()
                .map(|e| (e.symbol.as_str(), e.name.as_str())),
        )
        .chain(m.events().iter().map(|e| (e.id.as_str(), e.title.as_str())))
        .chain(
            m.sources()
                .iter()
                .map(|s| (s.id.as_str(), s.title.as_str())),
        );
    // Ids only: a name may have spaces the shell would split.
    items
        .filter(|(id, _)| id.to_lowercase().starts_with(&typed))
        .map(|(id, name)| CompletionCandidate::new(id).help(Some(name.to_owned().into())))
        .collect()
}

fn stages(m: &Model, current: &OsStr) -> Vec<CompletionCandidate> {
    matching(
        &typed(current),
        m.stages().iter().map(|s| (s.id.as_str(), s.name.as_str())),
    )
}

fn country(m: &Model, current: &OsStr) -> Vec<CompletionCandidate> {
    matching(
        &typed(current),
        m.countries()
            .iter()
            .map(|c| (c.code.as_str(), c.name.as_str())),
    )
}

/// A comma list: the items before the last comma are kept, the last one is completed, and
/// items already listed are not offered again.
fn listed(
    m: &Model,
    current: &OsStr,
    items: impl Fn(&Model) -> Vec<(String, String)>,
) -> Vec<CompletionCandidate> {
    let typed = typed(current);
    let (before, last) = typed
        .rsplit_once(',')
        .map_or(("", typed.as_str()), |(b, l)| (b, l));
    let given: Vec<String> = before.split(',').map(str::to_lowercase).collect();
    let all = items(m);
    let open = all
        .iter()
        .filter(|(value, _)| !given.contains(&value.to_lowercase()))
        .map(|(value, name)| (value.as_str(), name.as_str()));
    let prefix = if before.is_empty() {
        String::new()
    } else {
        format!("{before},")
    };
    matching(last, open)
        .into_iter()
        .map(|c| c.add_prefix(prefix.clone()))
        .collect()
}

fn countries(m: &Model, current: &OsStr) -> Vec<CompletionCandidate> {
    listed(m, current, |m| {
        m.countries()
            .iter()
            .map(|c| (c.code.clone(), c.name.clone()))
            .collect()
    })
}

fn facilities(m: &Model, current: &OsStr) -> Vec<CompletionCandidate> {
    listed(m, current, |m| {
        m.facilities()
            .iter()
            .map(|f| (f.id.clone(), f.name.clone()))
            .collect()
    })
}

fn elements(m: &Model, current: &OsStr) -> Vec<CompletionCandidate> {
    listed(m, current, |m| {
        m.elements()
            .iter()
            .map(|e| (e.symbol.clone(), e.name.clone()))
            .collect()
    })
}
