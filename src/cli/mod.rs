//! The command line: argument parsing and the non-interactive verbs.

pub use crate::exit;

pub(crate) mod balance;
mod by;
mod check;
pub(crate) mod complete;
mod conventions;
mod diff;
mod examples;
mod export;
pub(crate) mod history;
mod info;
pub mod init;
pub(crate) mod list;
mod man;
mod output;
pub(crate) mod plants;
pub(crate) mod resilience;
pub(crate) mod routes;
mod search;
pub(crate) mod shares;
pub(crate) mod show;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

pub use conventions::{SCHEMA_FILE, modeline};
pub use init::STARTER;
pub use output::{OutputArgs, OutputFormat};

use crate::model::{CountryId, Date, Model, Origin, StageId, indexed, load};
use crate::present::format::plural;

#[derive(Debug, Parser)]
#[command(
    name = "rechain",
    version,
    about = "Explore the rare-earth value chain, from ore to magnets",
    long_about = "Explore the rare-earth value chain, from ore to magnets.\n\n\
        Without a command, rechain opens the interactive app on the model. The model is the file \
        given with -f/--file (or as FILE), else ./chain.yaml when it exists, else the model built \
        into rechain.",
    subcommand_negates_reqs = true
)]
pub struct Cli {
    /// Model file to use instead of ./chain.yaml or the built-in model
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    pub file: Option<PathBuf>,

    /// Model file to open in the app (same as -f FILE)
    #[arg(value_name = "FILE")]
    pub model: Option<PathBuf>,

    /// Do not reload the model when its file changes
    #[arg(long)]
    pub no_watch: bool,

    /// Read the model as it was on a date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = as_of_date)]
    pub as_of: Option<Date>,

    /// Do not say on stderr which model is used
    #[arg(short, long)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// `-f` and `-q`, on the verbs that read a model.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ModelArgs {
    /// Model file to use instead of ./chain.yaml or the built-in model
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    pub file: Option<PathBuf>,
    #[command(flatten)]
    pub quiet: QuietArg,
}

/// `-q`, on the verbs that say on stderr what they read.
#[derive(Debug, Clone, Copy, Default, clap::Args)]
pub struct QuietArg {
    /// Do not say on stderr which model is used
    #[arg(short, long)]
    pub quiet: bool,
}

/// `--as-of`, on the verbs whose answer depends on the date the model is read at.
#[derive(Debug, Clone, Copy, Default, clap::Args)]
pub struct DateArg {
    /// Read the model as it was on a date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = as_of_date)]
    pub as_of: Option<Date>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a model file and list every problem as <file:line:col> (exit 0 valid, 1 invalid, 2 unreadable)
    Check {
        /// Model file to check (default: ./chain.yaml, else the built-in model)
        #[arg(value_name = "FILE")]
        path: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Count warnings (stale plans, secondary citations, old sources…) as errors
        #[arg(long)]
        strict: bool,
        /// The date targets are judged against (YYYY, YYYY-MM or YYYY-MM-DD; default: the system date)
        #[arg(long, value_name = "DATE", value_parser = as_of_date)]
        today: Option<Date>,
        #[command(flatten)]
        model: ModelArgs,
    },
    /// The model in use: its file, date and counts, and where rechain looks for its files
    Info {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        #[command(flatten)]
        model: ModelArgs,
    },
    /// Print the whole model as JSON or YAML, with the same field names as the model file
    Export {
        #[arg(long, value_enum, default_value_t = export::ExportFormat::Json)]
        format: export::ExportFormat,
        #[command(flatten)]
        model: ModelArgs,
        #[command(flatten)]
        date: DateArg,
    },
    /// Write a small commented starter model to PATH or -f FILE (default chain.yaml); never overwrites
    Init {
        #[arg(value_name = "PATH")]
        path: Option<PathBuf>,
        /// Where to write the model (same as PATH)
        #[arg(short = 'f', long = "file", value_name = "FILE")]
        file: Option<PathBuf>,
    },
    /// List the model's firms, stages, countries, sources, events or elements
    List {
        #[arg(value_enum)]
        what: list::Listing,
        /// Events only: those on this topic, newest first
        #[arg(long, value_enum, value_name = "TAG", ignore_case = true)]
        tag: Option<list::TagArg>,
        #[command(flatten)]
        output: OutputArgs,
        #[command(flatten)]
        model: ModelArgs,
        #[command(flatten)]
        date: DateArg,
    },
    /// Country shares per stage with top-3 and HHI; --exclude adds the share that remains
    Shares {
        #[command(flatten)]
        args: shares::Args,
        #[command(flatten)]
        model: ModelArgs,
        #[command(flatten)]
        date: DateArg,
    },
    /// Each stage's supply against published demand by year, with countries taken out, and the first year it falls short
    Balance {
        #[command(flatten)]
        args: balance::Args,
        #[command(flatten)]
        model: ModelArgs,
        #[command(flatten)]
        date: DateArg,
    },
    /// A stage's country shares across its dated blocks and its capacity by year
    History {
        #[command(flatten)]
        args: history::Args,
        #[command(flatten)]
        model: ModelArgs,
        #[command(flatten)]
        date: DateArg,
    },
    /// Ore-to-magnet routes through facilities, avoiding excluded countries
    Routes {
        #[command(flatten)]
        args: routes::Args,
        #[command(flatten)]
        model: ModelArgs,
        #[command(flatten)]
        date: DateArg,
    },
    /// The fewest plants whose loss ends every route, and each stage's concentration against published thresholds
    ///
    /// The route cut is the smallest set of facilities whose loss ends every recorded route (and
    /// every route, stage order too) left under --exclude: a minimum vertex cut of the route
    /// graph, as large as the number of routes that share no facility, which are listed; single
    /// points of failure are the facilities that alone end them all. Per stage: HHI against
    /// 1,800 (US merger guidelines 2023) and, as a fraction, 0.4 (CEPII's import-dependency line); the top
    /// country's share against the Critical Raw Materials Act's 65% single-country benchmark;
    /// N−1, what is left when the largest country still in goes too. Each indicator is printed
    /// with its formula, inputs, threshold and source.
    Resilience {
        #[command(flatten)]
        args: resilience::Args,
        #[command(flatten)]
        model: ModelArgs,
        #[command(flatten)]
        date: DateArg,
    },
    /// The plants of a stage: firm, country, owners, status, products, capacity and its source
    Plants {
        #[command(flatten)]
        args: plants::PlantsArgs,
        #[command(flatten)]
        model: ModelArgs,
        #[command(flatten)]
        date: DateArg,
    },
    /// Nameplate capacity of a stage by country, one table per unit, operating and pipeline apart
    Capacity {
        #[command(flatten)]
        args: plants::CapacityArgs,
        #[command(flatten)]
        model: ModelArgs,
        #[command(flatten)]
        date: DateArg,
    },
    /// Find firms, facilities, stages, countries, elements, events and sources by name, typos allowed
    Search {
        /// What to look for (an empty query lists everything)
        query: String,
        /// Show at most this many results (at least 1)
        #[arg(long, default_value_t = 20, value_parser = positive_limit)]
        limit: usize,
        /// Only this kind of entity
        #[arg(long, value_enum)]
        kind: Option<search::KindArg>,
        /// Only events on this topic, newest first (implies --kind event)
        #[arg(long, value_enum, value_name = "TAG", ignore_case = true)]
        tag: Option<list::TagArg>,
        #[command(flatten)]
        output: OutputArgs,
        #[command(flatten)]
        model: ModelArgs,
        #[command(flatten)]
        date: DateArg,
    },
    /// Print the shell completion script (bash, zsh, fish, powershell, elvish); it completes ids, stages and countries from the model
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page rechain(1), or a verb's rechain-VERB(1), or write them all to a directory
    Man {
        /// The verb whose page to print (default: rechain(1))
        #[arg(value_name = "VERB", conflicts_with = "dir")]
        verb: Option<String>,
        /// Write every page (rechain.1, rechain-VERB.1) into this directory
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Print a JSON Schema of the model file, for editors (save it as rechain.schema.json), or of the settings file
    Schema {
        /// The settings file's schema (config.toml) instead of the model's
        #[arg(long)]
        config: bool,
    },
    /// Compare two models, files or git:REV[:PATH]: entities added, removed and changed, field by field (exit 0 same, 1 different, 2 unreadable or invalid)
    Diff {
        #[command(flatten)]
        args: diff::Args,
        #[command(flatten)]
        quiet: QuietArg,
    },
    /// Print the card of one entity, by id or by name (an ambiguous name lists candidates, exit 1)
    Show {
        /// An id (lynas, CN, link-3), an event's date, or a name, typos allowed
        #[arg(value_name = "ID-OR-NAME")]
        name: String,
        #[command(flatten)]
        output: OutputArgs,
        #[command(flatten)]
        model: ModelArgs,
        #[command(flatten)]
        date: DateArg,
    },
}

impl Command {
    /// The model file, quiet flag and date a verb was given, where it takes them.
    pub(crate) fn model_flags(&self) -> (Option<&Path>, bool, Option<Date>) {
        let (model, date) = match self {
            Command::Check { model, .. } | Command::Info { model, .. } => (Some(model), None),
            Command::Export { model, date, .. }
            | Command::List { model, date, .. }
            | Command::Shares { model, date, .. }
            | Command::History { model, date, .. }
            | Command::Routes { model, date, .. }
            | Command::Resilience { model, date, .. }
            | Command::Plants { model, date, .. }
            | Command::Capacity { model, date, .. }
            | Command::Balance { model, date, .. }
            | Command::Search { model, date, .. }
            | Command::Show { model, date, .. } => (Some(model), date.as_of),
            Command::Diff { quiet, .. } => return (None, quiet.quiet, None),
            Command::Init { .. }
            | Command::Completions { .. }
            | Command::Man { .. }
            | Command::Schema { .. } => (None, None),
        };
        (
            model.and_then(|m| m.file.as_deref()),
            model.is_some_and(|m| m.quiet.quiet),
            date,
        )
    }
}

/// The command line as clap reads it, each verb's examples after its help.
pub fn command() -> clap::Command {
    let mut cmd = complete::wire(Cli::command()).after_help(examples::help_text(examples::RECHAIN));
    let verbs: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect();
    for verb in verbs {
        let list = examples::of(&verb);
        if !list.is_empty() {
            cmd = cmd.mut_subcommand(&verb, |c| c.after_help(examples::help_text(list)));
        }
    }
    cmd
}

/// Whether `-q/--quiet` was given: the model line on stderr is left out.
static QUIET: AtomicBool = AtomicBool::new(false);

/// Reads the command line, or ends the process with clap's message (status 2, or 0 for help
/// and version). A first word that is neither a verb nor a file gets the nearest verb.
pub fn parse() -> Cli {
    complete::answer_if_asked();
    let args: Vec<String> = std::env::args().collect();
    if let Some((word, verb)) = conventions::misspelled_verb(&args) {
        errln!("rechain: unknown command or file `{word}`; did you mean `{verb}`?");
        errln!("rechain: run `rechain --help` for the commands");
        std::process::exit(exit::UNREADABLE.into());
    }
    let mut command = command();
    if args.iter().skip(1).any(|a| a == "--version" || a == "-V") {
        command = command.version(version_with_model());
    }
    let matches = command.get_matches_from(&args);
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

/// `0.1.0 (built-in model as of 2026-11-28)`.
fn version_with_model() -> String {
    let version = env!("CARGO_PKG_VERSION");
    match load::load(&Origin::Embedded) {
        Ok(model) => format!("{version} (built-in model as of {})", model.as_of_date()),
        Err(_) => version.to_owned(),
    }
}

/// Whether to leave out the line that says which model is used.
fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

/// Runs the verb, returning the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    let (verb_file, verb_quiet, verb_date) = cli
        .command
        .as_ref()
        .map_or((None, false, None), Command::model_flags);
    QUIET.store(cli.quiet || verb_quiet, Ordering::Relaxed);
    let file = verb_file.map(Path::to_path_buf).or(cli.file).or(cli.model);
    let watch = !cli.no_watch;
    let as_of = verb_date.or(cli.as_of);
    if let Some(date) = as_of {
        AS_OF.get_or_init(|| date);
    }
    let file = file.as_deref();
    let code = match cli.command {
        None if io::stdout().is_terminal() => crate::tui::run(file, watch, as_of),
        None => overview(file),
        Some(Command::Check {
            path,
            format,
            strict,
            today,
            ..
        }) => check::run(
            path.as_deref().or(file),
            format,
            strict,
            today.unwrap_or_else(Date::today),
        ),
        Some(Command::Info { format, .. }) => info::run(file, format),
        Some(Command::Export { format, .. }) => with_model(file, |m| export::run(m, format)),
        Some(Command::Init {
            path,
            file: init_file,
        }) => match (path, init_file.or_else(|| file.map(Path::to_path_buf))) {
            (Some(p), Some(f)) if p != f => {
                errln!(
                    "rechain: init: two paths given ({} and -f {}); give one",
                    p.display(),
                    f.display()
                );
                exit::UNREADABLE
            }
            (path, file) => init::run(&path.or(file).unwrap_or_else(|| "chain.yaml".into())),
        },
        Some(Command::List {
            what, tag, output, ..
        }) => with_model(file, |m| list::run(m, what, tag, output)),
        Some(Command::Shares { args, .. }) => with_model(file, |m| shares::run(m, &args)),
        Some(Command::History { args, .. }) => with_model(file, |m| history::run(m, &args)),
        Some(Command::Routes { args, .. }) => with_model(file, |m| routes::run(m, &args)),
        Some(Command::Resilience { args, .. }) => with_model(file, |m| resilience::run(m, &args)),
        Some(Command::Plants { args, .. }) => with_model(file, |m| plants::run_plants(m, &args)),
        Some(Command::Balance { args, .. }) => with_model(file, |m| balance::run(m, &args)),
        Some(Command::Capacity { args, .. }) => {
            with_model(file, |m| plants::run_capacity(m, &args))
        }
        Some(Command::Search {
            query,
            limit,
            kind,
            tag,
            output,
            ..
        }) => with_model(file, |m| {
            search::run(m, &query, limit, search::Only { kind, tag }, output)
        }),
        Some(Command::Diff { args, .. }) => diff::run(&args),
        Some(Command::Show { name, output, .. }) => {
            with_model(file, |m| show::run(m, &name, output))
        }
        Some(Command::Completions { shell }) => finish(complete::script(shell)),
        Some(Command::Man { verb, dir }) => {
            finish(conventions::man(verb.as_deref(), dir.as_deref()))
        }
        Some(Command::Schema { config }) => finish(conventions::schema(config)),
    };
    ExitCode::from(code)
}

/// A `--limit`: a count of at least one (zero would list nothing and look like no match).
pub(crate) fn positive_limit(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(0) => Err("must be at least 1".into()),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}

/// An `--exclude` list: country codes or names separated by commas, at least one.
pub(crate) fn country_list(text: &str) -> Result<String, String> {
    if text.split(',').all(|code| code.trim().is_empty()) {
        Err("give at least one country, as CN, China or CN,MY".into())
    } else {
        Ok(text.to_string())
    }
}

/// A list of ids separated by commas, at least one.
pub(crate) fn id_list(text: &str) -> Result<String, String> {
    if text.split(',').all(|id| id.trim().is_empty()) {
        Err("give at least one id, as lynas-kuantan or a,b".into())
    } else {
        Ok(text.to_string())
    }
}

/// Loads the model a verb works on, saying on stderr which one it is.
pub fn load_model(file: Option<&Path>) -> Result<Model, u8> {
    let origin = Origin::choose(file);
    if !quiet() {
        errln!("rechain: model {}", describe(&origin));
    }
    load::load(&origin).map_err(|e| {
        errln!("{e}");
        let errors = e.errors().count();
        errln!(
            "rechain: {origin}: {errors} error{} (run `rechain check` for details)",
            plural(errors as u128)
        );
        if e.unreadable {
            exit::UNREADABLE
        } else {
            exit::INVALID
        }
    })
}

/// The `--as-of` date every verb reads the model at; set once from the command line.
static AS_OF: std::sync::OnceLock<Date> = std::sync::OnceLock::new();

/// A `--as-of` date: a year, a month or a day.
fn as_of_date(text: &str) -> Result<Date, String> {
    text.parse()
}

fn with_model(file: Option<&Path>, verb: impl FnOnce(&Model) -> io::Result<u8>) -> u8 {
    match load_model(file) {
        Ok(model) => {
            let code = match AS_OF.get() {
                Some(&date) => {
                    if !quiet() {
                        errln!("rechain: read as of {date}");
                    }
                    // Said even when quiet: it changes what the answer means.
                    if let Some(caveat) = model.as_of_caveat(date) {
                        errln!("rechain: warning: {caveat}");
                    }
                    let dated = model.as_of(date);
                    let code = finish(verb(&dated));
                    std::mem::forget(dated);
                    code
                }
                None => finish(verb(&model)),
            };
            // The process ends next: freeing a large model piece by piece would only delay it.
            std::mem::forget(model);
            code
        }
        Err(code) => code,
    }
}

/// A closed pipe (`rechain list firms | head`) is a normal end, not an error.
fn finish(result: io::Result<u8>) -> u8 {
    match result {
        Ok(code) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => exit::OK,
        Err(e) => {
            errln!("rechain: cannot write the output: {e}");
            exit::IO
        }
    }
}

pub fn describe(origin: &Origin) -> String {
    match origin {
        Origin::Embedded => "built-in (embedded chain.yaml)".into(),
        Origin::File(_) => origin.to_string(),
    }
}

/// What `rechain` prints when there is no terminal to draw the app in.
fn overview(file: Option<&Path>) -> u8 {
    with_model(file, |m| {
        let mut out = io::stdout().lock();
        let age =
            crate::present::format::model_age(m.as_of_date(), Some(crate::model::Date::today()));
        writeln!(out, "{} ({age})", m.title())?;
        writeln!(
            out,
            "{} stages, {} firms, {} facilities, {} links, {} events, {} sources",
            m.stages().len(),
            m.firms().len(),
            m.facilities().len(),
            m.links().len(),
            m.events().len(),
            m.sources().len()
        )?;
        for (s, stage) in indexed(m.stages()) {
            let lead = m.stage_lead(s).map_or_else(
                || "no share data".into(),
                |(c, p)| {
                    format!(
                        "{} {}",
                        m.country(c).code,
                        crate::present::format::percent_whole(p)
                    )
                },
            );
            writeln!(
                out,
                "  {:<16} {:>3} firms  {lead}",
                stage.name,
                stage.firms.len()
            )?;
        }
        writeln!(out, "Run `rechain --help` for the commands.")?;
        Ok(exit::OK)
    })
}

/// Says why a request cannot be answered and gives the status for it.
fn refuse(message: &str) -> u8 {
    errln!("rechain: {message}");
    exit::INVALID
}

/// `--exclude`: countries by code or name, none when the flag is absent.
pub(crate) fn excluded_arg(
    m: &Model,
    list: Option<&str>,
) -> Result<std::collections::BTreeSet<CountryId>, String> {
    match list {
        None => Ok(std::collections::BTreeSet::new()),
        Some(list) => m.find_countries(list).map_err(|e| {
            format!(
                "--exclude: {}",
                crate::present::lookup::lookup_message(m, &e)
            )
        }),
    }
}

/// Stage arguments by id or name, each once, in the order given.
pub(crate) fn stages_arg(m: &Model, texts: &[String]) -> Result<Vec<StageId>, String> {
    let mut stages = Vec::new();
    for text in texts {
        let s = m
            .find_stage(text)
            .map_err(|e| crate::present::lookup::lookup_message(m, &e))?;
        if !stages.contains(&s) {
            stages.push(s);
        }
    }
    Ok(stages)
}

/// An optional `--country`: one country by code or name.
fn country_arg(m: &Model, text: Option<&str>) -> Result<Option<CountryId>, String> {
    text.map(|c| m.find_country(c)).transpose().map_err(|e| {
        format!(
            "--country: {}",
            crate::present::lookup::lookup_message(m, &e)
        )
    })
}
