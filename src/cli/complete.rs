//! Shell completions that read the model when TAB is pressed: ids after `show`, stages after
//! the verbs that take one, country codes after `--exclude` and `--country`, elements after
//! `--product`. The shell's script calls rechain with `RECHAIN_COMPLETE` set, and clap's
//! completion engine answers from the command line's own definition, so verbs and flags
//! never need a second list.

use std::ffi::OsStr;
use std::io::{self, Write};
use std::path::PathBuf;

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

/// The command line with its completers: each verb's arguments by name.
pub fn wire(cmd: Command) -> Command {
    cmd.mut_args(|arg| complete_arg("", arg))
        .mut_subcommands(|sub| {
            let verb = sub.get_name().to_owned();
            sub.mut_args(move |arg| complete_arg(&verb, arg))
        })
}

fn complete_arg(verb: &str, arg: Arg) -> Arg {
    match (verb, arg.get_id().as_str()) {
        ("show", "name") => arg.add(ArgValueCompleter::new(ids)),
        (_, "stage" | "stages" | "from" | "to") => arg.add(ArgValueCompleter::new(stages)),
        (_, "exclude_facility") => arg.add(ArgValueCompleter::new(facilities)),
        (_, "exclude") => arg.add(ArgValueCompleter::new(countries)),
        (_, "country") => arg.add(ArgValueCompleter::new(country)),
        (_, "product") => arg.add(ArgValueCompleter::new(elements)),
        (_, "file" | "model" | "path" | "old" | "new") => arg.value_hint(ValueHint::FilePath),
        (_, "dir") => arg.value_hint(ValueHint::DirPath),
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
fn ids(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(m) = model() else {
        return Vec::new();
    };
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

fn stages(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(m) = model() else {
        return Vec::new();
    };
    matching(
        &typed(current),
        m.stages().iter().map(|s| (s.id.as_str(), s.name.as_str())),
    )
}

fn country(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(m) = model() else {
        return Vec::new();
    };
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
    current: &OsStr,
    items: impl Fn(&Model) -> Vec<(String, String)>,
) -> Vec<CompletionCandidate> {
    let Some(m) = model() else {
        return Vec::new();
    };
    let typed = typed(current);
    let (before, last) = typed
        .rsplit_once(',')
        .map_or(("", typed.as_str()), |(b, l)| (b, l));
    let given: Vec<String> = before.split(',').map(str::to_lowercase).collect();
    let all = items(&m);
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

fn countries(current: &OsStr) -> Vec<CompletionCandidate> {
    listed(current, |m| {
        m.countries()
            .iter()
            .map(|c| (c.code.clone(), c.name.clone()))
            .collect()
    })
}

fn facilities(current: &OsStr) -> Vec<CompletionCandidate> {
    listed(current, |m| {
        m.facilities()
            .iter()
            .map(|f| (f.id.clone(), f.name.clone()))
            .collect()
    })
}

fn elements(current: &OsStr) -> Vec<CompletionCandidate> {
    listed(current, |m| {
        m.elements()
            .iter()
            .map(|e| (e.symbol.clone(), e.name.clone()))
            .collect()
    })
}
