//! The `:` command line: the command-line verbs with their flags, read by the same clap
//! definition as the shell's (so flags, errors and did-you-mean are the same), plus the app's
//! own commands. Reading a line is pure, text to a [`Request`]; the app then carries it out by
//! opening the matching view with the date and the what-if applied.

use std::collections::BTreeSet;

use clap::FromArgMatches;
use clap::parser::{ArgMatches, ValueSource};
use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};

use super::{App, Overlay, Pane};
use crate::analysis::ownership::ExclusionMode;
use crate::analysis::plants::{PlantQuery, ProductTerm, product_terms};
use crate::cli::show::{Resolved, resolve};
use crate::model::{CountryId, Date, EntityRef, Model, StageId};
use crate::present::lookup::lookup_message;
use crate::tui::command::Command;
use crate::tui::msg::{Effect, Msg};

/// Longest line the command line takes, in chars.
const LINE_CHARS: usize = 512;

/// Lines kept in the history.
const HISTORY: usize = 200;

/// The command line's entries in the help overlay and the man page.
pub const HELP: &[(&str, &str)] = &[
    (
        ":VERB",
        "command line: a shell verb opens its view (Tab lists)",
    ),
    (":asof", "command line: read the model at a date, or now"),
    (
        ":exclude",
        "command line: exclude countries (CN,MM), or none",
    ),
    (":by", "command line: exclude by location, owner or either"),
    (":theme", "command line: default or high-contrast colours"),
    (":help", "command line: this help, holding the text typed"),
    (":q", "command line: quit"),
];

/// The command line: the line being typed while it is open, and the lines run this session.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CommandLine {
    pub open: Option<Line>,
    /// Lines run, oldest first; a repeat moves to the end.
    pub history: Vec<String>,
}

/// The line being typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Line {
    pub text: String,
    /// Why the line did not run, shown until it is edited.
    pub error: Option<String>,
    /// What Tab offered for the word being typed.
    pub completion: Option<Completion>,
    /// Where ↑ and ↓ are in the history, and the line as it was typed before.
    browsing: Option<(usize, String)>,
}

/// Candidates for the last word of the line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Completion {
    /// The line before the word.
    pub stem: String,
    /// Each candidate and what it names.
    pub candidates: Vec<(String, String)>,
    /// The candidate on the line, once Tab has gone through them.
    pub chosen: Option<usize>,
}

/// What a line asks for: an action, with the date and the what-if to apply first.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub action: Action,
    /// `--as-of` (or `asof`): read the model at this date.
    pub date: Option<Date>,
    /// `--exclude` (or `exclude`): the countries out of the what-if.
    pub excluded: Option<BTreeSet<CountryId>>,
    /// `--by` (or `by`).
    pub mode: Option<ExclusionMode>,
    /// `--control`.
    pub control: Option<u8>,
    /// Flags and arguments given that the app's view does not take, as written (`--from`).
    pub ignored: Vec<String>,
    /// The verb, to name the shell command that takes the ignored flags.
    pub verb: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Plants {
        stage: StageId,
        query: PlantQuery,
    },
    Routes,
    Resilience,
    Balance(StageId),
    History(StageId),
    Shares(Option<StageId>),
    Show(EntityRef),
    /// The search box with this text (a name that matches several entities opens it too).
    Search(String),
    Problems,
    /// The timeline of every event.
    Events,
    /// The model at its own date again.
    OwnDate,
    /// Only the date and the what-if.
    WhatIf,
    Theme {
        contrast: bool,
    },
    Help(String),
    Quit,
}

/// Verbs that print for the shell and other programs, with what the app has instead.
const SHELL_ONLY: &[(&str, &str)] = &[
    ("info", "the status bar names the model and its date"),
    ("export", "w writes the view shown"),
    ("diff", "c lists what the last reload changed"),
    ("init", ""),
    ("completions", ""),
    ("man", "? lists the keys and commands"),
    ("schema", ""),
];

/// The app's own commands, next to the verbs.
fn app_commands() -> [clap::Command; 6] {
    use clap::{Arg, Command};
    let now = ArgValueCandidates::new(|| {
        vec![CompletionCandidate::new("now").help(Some("the model's own date".into()))]
    });
    [
        Command::new("asof")
            .about("Read the model at a date (YYYY, YYYY-MM or YYYY-MM-DD), or now for its own")
            .arg(
                Arg::new("date")
                    .value_name("DATE|now")
                    .required(true)
                    .add(now),
            ),
        Command::new("exclude")
            .about("Exclude countries in the what-if; with none, bring every country back")
            .arg(
                Arg::new("exclude")
                    .value_name("CC,...")
                    .value_parser(crate::cli::country_list),
            ),
        Command::new("by")
            .about("How excluded countries take facilities out")
            .arg(
                Arg::new("mode")
                    .value_name("MODE")
                    .required(true)
                    .value_parser(["location", "owner", "either"]),
            ),
        Command::new("theme").about("The app's colours").arg(
            Arg::new("name")
                .value_name("NAME")
                .required(true)
                .value_parser(["default", "high-contrast"]),
        ),
        Command::new("quit")
            .visible_alias("q")
            .about("Leave the app"),
        Command::new("help")
            .about("The keys and commands, those holding TEXT")
            .arg(Arg::new("text").value_name("TEXT").num_args(0..)),
    ]
}

/// The grammar of the line: every verb of the shell's command line, and the app's commands.
pub fn grammar() -> clap::Command {
    let cli = crate::cli::command();
    clap::Command::new("rechain")
        .color(clap::ColorChoice::Never)
        .disable_help_subcommand(true)
        .disable_version_flag(true)
        .subcommands(cli.get_subcommands().cloned())
        .subcommands(app_commands())
}

/// Splits a line into words as a shell would (quotes keep spaces); an unclosed quote is
/// closed at the end.
fn words(line: &str) -> Vec<String> {
    let line = line.trim().trim_start_matches(':');
    shell_words::split(line)
        .or_else(|_| shell_words::split(&format!("{line}\"")))
        .or_else(|_| shell_words::split(&format!("{line}'")))
        .unwrap_or_else(|_| line.split_whitespace().map(str::to_owned).collect())
}

/// A clap error on one line: what is wrong and its tip, without the usage and the pointer to
/// `--help`.
fn one_line(error: &clap::Error) -> String {
    let text = error.render().to_string();
    let kept: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
        .collect();
    kept.join("; ")
        .trim_start_matches("error: ")
        .replace("  ", " ")
}

/// Reads a line against `m`; `selected` is the stage a verb without one acts on. The error is
/// the command line's own wording (clap's, or the verb's) on one line.
pub fn read(line: &str, m: &Model, selected: Option<StageId>) -> Result<Request, String> {
    let words = words(line);
    let mut request = Request {
        action: Action::WhatIf,
        date: None,
        excluded: None,
        mode: None,
        control: None,
        ignored: Vec::new(),
        verb: words.first().cloned().unwrap_or_default(),
    };
    if words == ["search"] {
        request.action = Action::Search(String::new());
        return Ok(request);
    }
    let mut grammar = grammar();
    let args = std::iter::once("rechain".to_owned()).chain(words.iter().cloned());
    let matches = match grammar.try_get_matches_from_mut(args) {
        Ok(matches) => matches,
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayHelp => {
            let usage = grammar
                .find_subcommand_mut(&request.verb)
                .map(|c| c.render_usage().to_string())
                .unwrap_or_default();
            let usage = usage.trim_start_matches("Usage: ").trim();
            return Err(format!(
                "usage: {usage} (Tab lists the flags; `rechain {} --help` explains them)",
                request.verb
            ));
        }
        Err(e) => return Err(one_line(&e)),
    };
    let Some((verb, sub)) = matches.subcommand() else {
        return Err("type a command: Tab lists them, :help explains them".into());
    };
    verb.clone_into(&mut request.verb);
    if let Some(action) = app_command(verb, sub, m, &mut request)? {
        request.action = action;
        return Ok(request);
    }
    if let Some((_, instead)) = SHELL_ONLY.iter().find(|(v, _)| *v == verb) {
        let instead = if instead.is_empty() {
            String::new()
        } else {
            format!("; here {instead}")
        };
        return Err(format!(
            "`rechain {verb}` writes for the shell: run it there{instead}"
        ));
    }
    let command = crate::cli::Command::from_arg_matches(&matches).map_err(|e| one_line(&e))?;
    let (file, _, date) = command.model_flags();
    if file.is_some() {
        return Err(
            "-f: the app shows the model it opened; start `rechain -f FILE` for another".into(),
        );
    }
    request.date = date;
    let applied = verb_request(command, sub, m, selected, &mut request)?;
    let definition = grammar.find_subcommand(verb);
    request.ignored = ignored(sub, definition, applied);
    Ok(request)
}

/// The app's own commands; None for a verb.
fn app_command(
    verb: &str,
    sub: &ArgMatches,
    m: &Model,
    request: &mut Request,
) -> Result<Option<Action>, String> {
    let text = |id: &str| sub.get_one::<String>(id).cloned().unwrap_or_default();
    let action = match verb {
        "asof" => match text("date").trim() {
            "now" => Action::OwnDate,
            date => {
                request.date = Some(date.parse().map_err(|e| format!("asof: {e}"))?);
                Action::WhatIf
            }
        },
        "exclude" => {
            let list = sub.get_one::<String>("exclude").map(String::as_str);
            let set = crate::cli::excluded_arg(m, list)?;
            request.excluded = Some(set);
            Action::WhatIf
        }
        "by" => {
            request.mode = Some(match text("mode").as_str() {
                "owner" => ExclusionMode::Owner,
                "either" => ExclusionMode::Either,
                _ => ExclusionMode::Location,
            });
            Action::WhatIf
        }
        "theme" => Action::Theme {
            contrast: text("name") == "high-contrast",
        },
        "quit" => Action::Quit,
        "help" => {
            let words: Vec<String> = sub
                .get_many::<String>("text")
                .map(|w| w.cloned().collect())
                .unwrap_or_default();
            Action::Help(words.join(" "))
        }
        _ => return Ok(None),
    };
    Ok(Some(action))
}

/// The exclusions, mode and control a verb was given on the line.
fn what_if_of(
    sub: &ArgMatches,
    excluded: BTreeSet<CountryId>,
    by: crate::analysis::ownership::ExcludeBy,
    request: &mut Request,
) {
    let given = |id: &str| sub.value_source(id) == Some(ValueSource::CommandLine);
    if given("exclude") {
        request.excluded = Some(excluded);
    }
    if given("by") {
        request.mode = Some(by.mode);
    }
    if given("control") {
        request.control = Some(by.control);
    }
}

/// A verb's action; returns the argument ids the app's view takes.
fn verb_request(
    command: crate::cli::Command,
    sub: &ArgMatches,
    m: &Model,
    selected: Option<StageId>,
    request: &mut Request,
) -> Result<&'static [&'static str], String> {
    use crate::cli::Command as Verb;
    let selected_id = selected.and_then(|s| m.get_stage(s)).map(|s| s.id.clone());
    let stage_of = |text: &str| m.find_stage(text).map_err(|e| lookup_message(m, &e));
    let (action, applied): (Action, &'static [&'static str]) = match command {
        Verb::Plants { mut args, .. } => {
            if args.stage.is_none() {
                args.stage = selected_id;
            }
            let (stage, mut query) = crate::cli::plants::plants_query(m, &args)?;
            query.product = match query.product.take() {
                None => None,
                Some(text) => Some(one_element(m, &text)?),
            };
            what_if_of(sub, query.excluded.clone(), query.by, request);
            let applied: &[&str] = &[
                "stage", "status", "country", "product", "sort", "reverse", "exclude", "by",
                "control",
            ];
            (Action::Plants { stage, query }, applied)
        }
        Verb::Capacity { args, .. } => {
            let stage = args.stage.or(selected_id);
            let stage = crate::cli::plants::stage_arg(m, stage.as_deref())?;
            let excluded = crate::cli::excluded_arg(m, args.table.exclude.as_deref())?;
            let by = args.table.by.rule();
            what_if_of(sub, excluded.clone(), by, request);
            let query = PlantQuery {
                excluded,
                by,
                ..PlantQuery::default()
            };
            (
                Action::Plants { stage, query },
                &["stage", "exclude", "by", "control"],
            )
        }
        Verb::Routes { args, .. } => {
            let excluded = crate::cli::excluded_arg(m, args.exclude.as_deref())?;
            let ends: Vec<String> = [args.from, args.to].into_iter().flatten().collect();
            crate::cli::stages_arg(m, &ends)?;
            what_if_of(sub, excluded, args.by.rule(), request);
            (Action::Routes, &["exclude", "by", "control"])
        }
        Verb::Resilience { args, .. } => {
            crate::cli::stages_arg(m, &args.stages)?;
            let excluded = crate::cli::excluded_arg(m, args.exclude.as_deref())?;
            what_if_of(sub, excluded, args.by.rule(), request);
            (Action::Resilience, &["exclude", "by", "control"])
        }
        Verb::Balance { args, .. } => {
            let stages = crate::cli::stages_arg(m, &args.stage)?;
            let excluded = crate::cli::excluded_arg(m, args.exclude.as_deref())?;
            let stage = stages
                .first()
                .copied()
                .or(selected)
                .ok_or("no stage selected")?;
            what_if_of(sub, excluded, args.by.rule(), request);
            // The chart shows one stage: more are not taken.
            let applied: &[&str] = if stages.len() > 1 {
                &["exclude", "by", "control"]
            } else {
                &["stage", "exclude", "by", "control"]
            };
            (Action::Balance(stage), applied)
        }
        Verb::History { args, .. } => (Action::History(stage_of(&args.stage)?), &["stage"]),
        Verb::Shares { args, .. } => {
            let stage = match &args.stage {
                Some(text) => Some(stage_of(text)?),
                None => selected,
            };
            let excluded = crate::cli::excluded_arg(m, args.exclude.as_deref())?;
            what_if_of(sub, excluded, args.by.rule(), request);
            (
                Action::Shares(stage),
                &["stage", "exclude", "by", "control"],
            )
        }
        Verb::Show { name, .. } => (show(m, name)?, &["name"]),
        Verb::Search { query, .. } => (Action::Search(query), &["query"]),
        Verb::List { what, .. } => (list(what)?, &["what"]),
        Verb::Check { .. } => (Action::Problems, &[]),
        _ => return Err(format!("`rechain {}` runs in the shell", request.verb)),
    };
    request.action = action;
    Ok(applied)
}

/// `show`: the card of one entity; a name that matches several opens the search box on it.
fn show(m: &Model, name: String) -> Result<Action, String> {
    match resolve(m, &name) {
        Resolved::One(entity) => Ok(Action::Show(entity)),
        Resolved::Ambiguous(_) | Resolved::SameDate(_) => Ok(Action::Search(name)),
        Resolved::Nothing => Err(format!("nothing matches {name:?}")),
    }
}

/// `list events` is the timeline of every event; the other lists print for the shell.
fn list(what: crate::cli::list::Listing) -> Result<Action, String> {
    if what == crate::cli::list::Listing::Events {
        return Ok(Action::Events);
    }
    let name = clap::ValueEnum::to_possible_value(&what)
        .map(|v| v.get_name().to_owned())
        .unwrap_or_default();
    Err(format!(
        "`rechain list {name}` prints for the shell; here / searches them by name"
    ))
}

/// A product filter as the plants view takes it: one element, by symbol.
fn one_element(m: &Model, text: &str) -> Result<String, String> {
    match product_terms(m, text).as_slice() {
        [ProductTerm::Element(e)] => Ok(m.element(*e).symbol.clone()),
        _ => Err(format!(
            "--product: the plants view here takes one element (Dy, dysprosium);              `rechain plants --product {text}` in the shell takes lists and text"
        )),
    }
}

/// The flags and arguments given on the line that the view does not take, as written.
fn ignored(sub: &ArgMatches, definition: Option<&clap::Command>, applied: &[&str]) -> Vec<String> {
    // Said elsewhere: the date, and the model line the app never prints.
    let always = ["as_of", "quiet"];
    let Some(definition) = definition else {
        return Vec::new();
    };
    definition
        .get_arguments()
        .filter(|a| {
            let id = a.get_id().as_str();
            !applied.contains(&id)
                && !always.contains(&id)
                && sub.value_source(id) == Some(ValueSource::CommandLine)
        })
        .map(|a| match a.get_long() {
            Some(long) => format!("--{long}"),
            None => a
                .get_value_names()
                .and_then(|n| n.first())
                .map_or_else(|| a.get_id().to_string(), ToString::to_string),
        })
        .collect()
}

/// The candidates for the last word of `text` (empty after a space): verbs and the app's
/// commands first, then what the verb takes, by the shell's completers on `m`.
pub fn complete(text: &str, m: &std::sync::Arc<Model>) -> Completion {
    let text = text.trim_start();
    let word_start = text
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let (stem, word) = text.split_at(word_start);
    let mut before = words(stem);
    let grammar = grammar();
    let candidates = if before.is_empty() {
        let word = word.trim_start_matches(':');
        grammar
            .get_subcommands()
            .filter(|c| c.get_name().starts_with(word))
            .map(|c| {
                let about = c.get_about().map(ToString::to_string).unwrap_or_default();
                (c.get_name().to_owned(), about)
            })
            .collect()
    } else {
        before.push(word.to_owned());
        crate::cli::complete::complete_in(grammar, &before, m)
    };
    Completion {
        stem: stem.to_owned(),
        candidates,
        chosen: None,
    }
}

/// The longest start all candidates share.
fn common_start(candidates: &[(String, String)]) -> String {
    let Some((first, _)) = candidates.first() else {
        return String::new();
    };
    let mut end = first.len();
    for (other, _) in &candidates[1..] {
        end = first
            .char_indices()
            .zip(other.chars())
            .find(|((_, a), b)| a != b)
            .map_or(end.min(other.len()), |((i, _), _)| i.min(end));
    }
    first[..end].to_owned()
}

impl Line {
    /// The line is edited: what Tab offered and the error no longer apply.
    fn edited(&mut self) {
        self.error = None;
        self.completion = None;
        self.browsing = None;
    }

    fn type_text(&mut self, text: &str) {
        let room = LINE_CHARS.saturating_sub(self.text.chars().count());
        let typed = text.chars().filter(|c| !c.is_control()).take(room);
        self.text.extend(typed);
        self.edited();
    }

    /// Tab: the word completed as far as the candidates agree, then each candidate in turn.
    fn tab(&mut self, m: &std::sync::Arc<Model>) {
        if let Some(c) = self.completion.as_mut().filter(|c| c.candidates.len() > 1) {
            let next = c.chosen.map_or(0, |i| (i + 1) % c.candidates.len());
            c.chosen = Some(next);
            self.text = format!("{}{}", c.stem, c.candidates[next].0);
            return;
        }
        let completion = complete(&self.text, m);
        self.error = None;
        if let [(only, _)] = completion.candidates.as_slice() {
            // A list item (CN,) waits for the next; a whole word is followed by a space.
            let end = if only.ends_with([',', '=']) { "" } else { " " };
            self.text = format!("{}{only}{end}", completion.stem);
            self.completion = None;
            return;
        }
        let start = common_start(&completion.candidates);
        let typed = self.text.trim_start().len() - completion.stem.len();
        if start.len() > typed {
            self.text = format!("{}{start}", completion.stem);
        }
        self.completion = Some(completion);
    }

    /// ↑ (-1) and ↓ (1) through the lines run, back to the line as typed past the newest.
    fn browse(&mut self, history: &[String], step: isize) {
        let (at, typed) = match self.browsing.take() {
            Some(b) => b,
            None if step < 0 => (history.len(), self.text.clone()),
            None => return,
        };
        let at = at.saturating_add_signed(step).min(history.len());
        self.text = history.get(at).cloned().unwrap_or_else(|| typed.clone());
        self.error = None;
        self.completion = None;
        self.browsing = (at < history.len()).then_some((at, typed));
    }
}

impl App {
    pub(super) fn open_command_line(&mut self) {
        self.command_line.open = Some(Line::default());
    }

    /// Keys while the command line is open; None when it does not take the message.
    pub(super) fn apply_command_line(&mut self, msg: &Msg) -> Option<Effect> {
        let line = self.command_line.open.as_mut()?;
        match msg {
            Msg::Input(c) => line.type_text(&c.to_string()),
            Msg::Paste(text) => line.type_text(text),
            Msg::Command(Command::DeleteChar) if line.text.is_empty() => {
                self.command_line.open = None;
            }
            Msg::Command(Command::DeleteChar) => {
                line.text.pop();
                line.edited();
            }
            Msg::Command(Command::ClearInput) => {
                line.text.clear();
                line.edited();
            }
            Msg::Command(Command::Back) => self.command_line.open = None,
            Msg::Command(Command::Up) => line.browse(&self.command_line.history, -1),
            Msg::Command(Command::Down) => line.browse(&self.command_line.history, 1),
            Msg::Command(Command::Complete) => line.tab(&self.loaded.model),
            Msg::Command(Command::Open) => return Some(self.run_line()),
            // Keys and clicks go nowhere else while the line is open; the rest acts as usual.
            Msg::Command(Command::Quit) => return None,
            Msg::Command(_) | Msg::Click { .. } | Msg::ScrollUp { .. } | Msg::ScrollDown { .. } => {
                self.unchanged();
            }
            _ => return None,
        }
        Some(Effect::None)
    }

    /// Enter: the line runs and closes, or stays open with why it did not.
    fn run_line(&mut self) -> Effect {
        let Some(line) = self.command_line.open.as_mut() else {
            return Effect::None;
        };
        let text = line.text.trim().to_owned();
        if text.is_empty() {
            self.command_line.open = None;
            return Effect::None;
        }
        let history = &mut self.command_line.history;
        history.retain(|h| *h != text);
        history.push(text.clone());
        if history.len() > HISTORY {
            history.remove(0);
        }
        match read(&text, &self.loaded.model, self.selected_stage()) {
            Ok(request) => {
                self.command_line.open = None;
                self.carry_out(request)
            }
            Err(why) => {
                if let Some(line) = self.command_line.open.as_mut() {
                    line.error = Some(why);
                    line.completion = None;
                }
                Effect::None
            }
        }
    }

    /// Applies the date and the what-if a line named, then opens its view.
    pub fn carry_out(&mut self, request: Request) -> Effect {
        let mut effect = Effect::None;
        if let Some(date) = request.date {
            effect = self.read_at(date);
        }
        let what_if =
            request.excluded.is_some() || request.mode.is_some() || request.control.is_some();
        if let Some(excluded) = request.excluded {
            self.what_if.excluded = excluded;
        }
        if let Some(mode) = request.mode {
            self.what_if.by.mode = mode;
        }
        if let Some(control) = request.control {
            self.what_if.by.control = control;
        }
        if what_if {
            self.exclusions_changed();
        }
        let opens_view = !matches!(
            request.action,
            Action::WhatIf | Action::OwnDate | Action::Theme { .. } | Action::Quit
        );
        if opens_view {
            self.overlay.close();
            self.search = None;
        }
        match request.action {
            Action::Plants { stage, query } => {
                self.jump_to(EntityRef::Stage(stage));
                self.show_plants();
                self.filters.overlay.clear();
                self.plants_key(|q, _| {
                    q.status = query.status;
                    q.country = query.country;
                    q.product = query.product;
                    q.sort = query.sort;
                    q.reverse = query.reverse;
                });
            }
            Action::Routes => self.show_routes(),
            Action::Resilience => self.show_resilience(),
            Action::Balance(stage) => {
                self.jump_to(EntityRef::Stage(stage));
                self.show_balance();
            }
            Action::History(stage) => {
                self.jump_to(EntityRef::Stage(stage));
                self.show_history();
            }
            Action::Shares(stage) => {
                if let Some(stage) = stage {
                    self.jump_to(EntityRef::Stage(stage));
                }
                self.focus_pane(Pane::Shares);
            }
            Action::Show(entity) => self.jump_to(entity),
            Action::Search(text) => {
                self.open_search();
                if let Some(search) = self.search.as_mut() {
                    search.query = text;
                }
                self.refresh_search();
            }
            Action::Problems => self.open_overlay(Overlay::Problems),
            Action::Events => {
                self.panes.events_filtered = false;
                self.focus_pane(Pane::Events);
                self.refresh_events();
            }
            Action::OwnDate => self.reset_date(),
            Action::WhatIf => {}
            Action::Theme { contrast } => self.theme.contrast = contrast,
            Action::Help(filter) => self.open_overlay(Overlay::Help { filter }),
            Action::Quit => return Effect::Quit,
        }
        if !request.ignored.is_empty() {
            self.say(
                &format!(
                    "not taken here: {}; `rechain {} …` in the shell takes them",
                    request.ignored.join(" "),
                    request.verb
                ),
                false,
            );
        }
        effect
    }

    /// The model read at `date`; a date at or past the model's own reads it at its own.
    fn read_at(&mut self, date: Date) -> Effect {
        let own = self.own_date();
        let own_month = Date {
            day: None,
            month: Some(own.month.unwrap_or(12)),
            ..own
        };
        if date >= own_month {
            self.reset_date();
            self.say("the model's own date is the latest it knows", false);
            return Effect::None;
        }
        self.set_date(date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Origin, load};
    use std::sync::Arc;

    fn model() -> Arc<Model> {
        Arc::new(load::load(&Origin::Embedded).unwrap())
    }

    fn values(c: &Completion) -> Vec<&str> {
        c.candidates.iter().map(|(v, _)| v.as_str()).collect()
    }

    #[test]
    fn a_verb_with_flags_reads_as_the_shell_reads_it() {
        let m = model();
        let r = read(":plants magnets --exclude CN --status all", &m, None).unwrap();
        let magnets = m.stage_by_id("magnets").unwrap();
        let Action::Plants { stage, query } = &r.action else {
            panic!("{r:?}");
        };
        assert_eq!(*stage, magnets);
        assert_eq!(query.status, crate::analysis::plants::StatusScope::All);
        let cn = m.country_by_code("CN").unwrap();
        assert_eq!(r.excluded, Some(BTreeSet::from([cn])));
        // --by was not given: the app keeps its own.
        assert_eq!(r.mode, None);
        assert!(r.ignored.is_empty(), "{:?}", r.ignored);
        let r = read("routes --exclude CN --by owner --as-of 2024-06", &m, None).unwrap();
        assert_eq!(r.action, Action::Routes);
        assert_eq!(r.mode, Some(ExclusionMode::Owner));
        assert_eq!(r.date, Some("2024-06".parse().unwrap()));
    }

    #[test]
    fn errors_are_the_command_lines_own_on_one_line() {
        let m = model();
        let e = read("plnts magnets", &m, None).unwrap_err();
        assert!(e.contains("'plnts'") && e.contains("'plants'"), "{e}");
        assert!(
            !e.contains('\n') && !e.contains("Usage") && !e.contains('\x1b'),
            "{e}"
        );
        let e = read("plants magnts", &m, None).unwrap_err();
        assert!(e.contains("magnets"), "{e}");
        let e = read("routes --exclde CN", &m, None).unwrap_err();
        assert!(e.contains("--exclude"), "{e}");
        let e = read("plants magnets --product Xx", &m, None).unwrap_err();
        assert!(e.starts_with("--product"), "{e}");
        let e = read("by sideways", &m, None).unwrap_err();
        assert!(e.contains("location") && e.contains("either"), "{e}");
        let e = read("asof 2024-13", &m, None).unwrap_err();
        assert!(e.starts_with("asof:"), "{e}");
        let e = read("plants -f other.yaml", &m, None).unwrap_err();
        assert!(e.starts_with("-f:"), "{e}");
        let e = read("schema", &m, None).unwrap_err();
        assert!(e.contains("rechain schema"), "{e}");
        let e = read("plants --help", &m, None).unwrap_err();
        assert!(e.starts_with("usage: rechain plants"), "{e}");
        assert!(read("", &m, None).is_err());
    }

    #[test]
    fn the_apps_own_commands() {
        let m = model();
        let read = |l: &str| read(l, &m, None).unwrap();
        assert_eq!(read("asof now").action, Action::OwnDate);
        assert_eq!(read("asof 2024-06").date, Some("2024-06".parse().unwrap()));
        let both = BTreeSet::from([
            m.country_by_code("CN").unwrap(),
            m.country_by_code("MM").unwrap(),
        ]);
        assert_eq!(read("exclude CN,MM").excluded, Some(both));
        assert_eq!(read("exclude").excluded, Some(BTreeSet::new()));
        assert_eq!(read("by either").mode, Some(ExclusionMode::Either));
        assert_eq!(
            read("theme high-contrast").action,
            Action::Theme { contrast: true }
        );
        assert_eq!(read("q").action, Action::Quit);
        assert_eq!(read(":quit").action, Action::Quit);
        assert_eq!(read("help plants").action, Action::Help("plants".into()));
        assert_eq!(
            read("search \"export control\"").action,
            Action::Search("export control".into())
        );
        assert_eq!(read("search").action, Action::Search(String::new()));
        let lynas = m.entity_by_id("lynas").unwrap();
        assert_eq!(read("show lynas").action, Action::Show(lynas));
        assert_eq!(read("check").action, Action::Problems);
        assert_eq!(read("list events").action, Action::Events);
    }

    #[test]
    fn a_verb_without_its_stage_takes_the_selected_one_and_flags_not_taken_are_named() {
        let m = model();
        let second = m.stage_ids().nth(1).unwrap();
        let r = read("balance", &m, Some(second)).unwrap();
        assert_eq!(r.action, Action::Balance(second));
        let r = read("routes --from mining --limit 3", &m, None).unwrap();
        assert_eq!(r.ignored, ["--limit", "--from"]);
        let r = read("history separation --country CN", &m, None).unwrap();
        assert!(matches!(r.action, Action::History(_)));
        assert_eq!(r.ignored, ["--country"]);
    }

    #[test]
    fn completion_offers_verbs_then_what_the_verb_takes() {
        let m = model();
        let c = complete("pl", &m);
        assert_eq!(values(&c), ["plants"]);
        assert!(values(&complete("", &m)).contains(&"asof"));
        let c = complete("plants mag", &m);
        assert_eq!(values(&c), ["magnets"]);
        assert_eq!(c.stem, "plants ");
        let c = complete("plants magnets --exc", &m);
        assert!(values(&c).contains(&"--exclude"), "{:?}", values(&c));
        // No file flag: the app reads no file.
        assert!(!values(&complete("plants --", &m)).contains(&"--file"));
        let c = complete("routes --exclude CN,M", &m);
        assert!(values(&c).iter().all(|v| v.starts_with("CN,M")), "{c:?}");
        assert!(values(&c).contains(&"CN,MM"), "{c:?}");
        assert!(values(&complete("show lyn", &m)).contains(&"lynas"));
        assert!(values(&complete("exclude C", &m)).contains(&"CN"));
        assert_eq!(values(&complete("by o", &m)), ["owner"]);
        assert_eq!(values(&complete("asof n", &m)), ["now"]);
    }

    #[test]
    fn tab_completes_as_far_as_the_candidates_agree_then_cycles() {
        let m = model();
        let mut line = Line {
            text: "plants magnets --st".into(),
            ..Line::default()
        };
        line.tab(&m);
        assert_eq!(line.text, "plants magnets --status ");
        let mut line = Line {
            text: "s".into(),
            ..Line::default()
        };
        line.tab(&m);
        // shares, show, search, schema: no common start longer than "s".
        assert_eq!(line.text, "s");
        let first = line.completion.as_ref().unwrap().candidates[0].0.clone();
        line.tab(&m);
        assert_eq!(line.text, first);
    }

    #[test]
    fn history_walks_back_and_returns_to_what_was_typed() {
        let history = vec!["routes".to_owned(), "plants magnets".to_owned()];
        let mut line = Line {
            text: "sh".into(),
            ..Line::default()
        };
        line.browse(&history, -1);
        assert_eq!(line.text, "plants magnets");
        line.browse(&history, -1);
        assert_eq!(line.text, "routes");
        line.browse(&history, -1);
        assert_eq!(line.text, "routes");
        line.browse(&history, 1);
        line.browse(&history, 1);
        assert_eq!(line.text, "sh");
        line.browse(&history, 1);
        assert_eq!(line.text, "sh");
    }
}
