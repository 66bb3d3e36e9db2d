//! The command line: argument parsing and the non-interactive verbs.

pub use crate::exit;

mod by;
mod check;
mod conventions;
mod diff;
mod export;
mod history;
pub mod init;
mod list;
mod output;
mod plants;
mod routes;
mod search;
mod shares;
mod show;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

pub use conventions::{SCHEMA_FILE, modeline};
pub use init::STARTER;
pub use output::{OutputArgs, OutputFormat};

use crate::model::{Date, Model, Origin, load};
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
    #[arg(short = 'f', long = "file", global = true, value_name = "FILE")]
    pub file: Option<PathBuf>,

    /// Model file to open in the app (same as -f FILE)
    #[arg(value_name = "FILE")]
    pub model: Option<PathBuf>,

    /// Do not reload the model when its file changes
    #[arg(long)]
    pub no_watch: bool,

    /// Read the model as it was on a date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, global = true, value_name = "DATE", value_parser = as_of_date)]
    pub as_of: Option<Date>,

    /// Do not say on stderr which model is used
    #[arg(short, long, global = true)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
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
    },
    /// Print the whole model as JSON or YAML, with the same field names as the model file
    Export {
        #[arg(long, value_enum, default_value_t = export::ExportFormat::Json)]
        format: export::ExportFormat,
    },
    /// Write a small commented starter model to PATH or -f FILE (default chain.yaml); never overwrites
    Init {
        #[arg(value_name = "PATH")]
        path: Option<PathBuf>,
    },
    /// List the model's firms, stages, countries, sources, events or elements
    List {
        #[arg(value_enum)]
        what: list::Listing,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Country shares per stage with top-3 and HHI; --exclude adds the share that remains
    Shares(shares::Args),
    /// A stage's country shares across its dated blocks and its capacity by year
    History(history::Args),
    /// Ore-to-magnet routes through facilities, avoiding excluded countries
    Routes(routes::Args),
    /// The plants of a stage: firm, country, owners, status, products, capacity and its source
    Plants(plants::PlantsArgs),
    /// Nameplate capacity of a stage by country, one table per unit, operating and pipeline apart
    Capacity(plants::CapacityArgs),
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
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff)
    Man,
    /// Print a JSON Schema of the model file, for editors (save it as rechain.schema.json)
    Schema,
    /// Compare two models, files or git:REV[:PATH]: entities added, removed and changed, field by field (exit 0 same, 1 different, 2 unreadable or invalid)
    Diff(diff::Args),
    /// Print the card of one entity, by id or by name (an ambiguous name lists candidates, exit 1)
    Show {
        /// An id (lynas, CN, link-3), an event's date, or a name, typos allowed
        #[arg(value_name = "ID-OR-NAME")]
        name: String,
        #[command(flatten)]
        output: OutputArgs,
    },
}

/// Whether `-q/--quiet` was given: the model line on stderr is left out.
static QUIET: AtomicBool = AtomicBool::new(false);

/// Reads the command line, or ends the process with clap's message (status 2, or 0 for help
/// and version). A first word that is neither a verb nor a file gets the nearest verb.
pub fn parse() -> Cli {
    let args: Vec<String> = std::env::args().collect();
    if let Some((word, verb)) = conventions::misspelled_verb(&args) {
        errln!("rechain: unknown command or file `{word}`; did you mean `{verb}`?");
        errln!("rechain: run `rechain --help` for the commands");
        std::process::exit(exit::UNREADABLE.into());
    }
    let mut command = Cli::command();
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
        Ok(model) => format!("{version} (built-in model as of {})", model.as_of),
        Err(_) => version.to_owned(),
    }
}

/// Whether to leave out the line that says which model is used.
fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

/// Runs the verb, returning the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    QUIET.store(cli.quiet, Ordering::Relaxed);
    let file = cli.file.or(cli.model);
    let watch = !cli.no_watch;
    if let Some(date) = cli.as_of {
        AS_OF.get_or_init(|| date);
    }
    let code = match cli.command {
        None if io::stdout().is_terminal() => crate::tui::run(file.as_deref(), watch, cli.as_of),
        None => overview(file.as_deref()),
        Some(Command::Check {
            path,
            format,
            strict,
        }) => check::run(path.or(file).as_deref(), format, strict),
        Some(Command::Export { format }) => with_model(file.as_deref(), |m| export::run(m, format)),
        Some(Command::Init { path }) => match (path, file) {
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
        Some(Command::List { what, output }) => {
            with_model(file.as_deref(), |m| list::run(m, what, output))
        }
        Some(Command::Shares(args)) => with_model(file.as_deref(), |m| shares::run(m, &args)),
        Some(Command::History(args)) => with_model(file.as_deref(), |m| history::run(m, &args)),
        Some(Command::Routes(args)) => with_model(file.as_deref(), |m| routes::run(m, &args)),
        Some(Command::Plants(args)) => {
            with_model(file.as_deref(), |m| plants::run_plants(m, &args))
        }
        Some(Command::Capacity(args)) => {
            with_model(file.as_deref(), |m| plants::run_capacity(m, &args))
        }
        Some(Command::Search {
            query,
            limit,
            kind,
            output,
        }) => with_model(file.as_deref(), |m| {
            search::run(m, &query, limit, kind, output)
        }),
        Some(Command::Diff(args)) => diff::run(&args),
        Some(Command::Show { name, output }) => {
            with_model(file.as_deref(), |m| show::run(m, &name, output))
        }
        Some(Command::Completions { shell }) => finish(conventions::completions(shell)),
        Some(Command::Man) => finish(conventions::man()),
        Some(Command::Schema) => finish(conventions::schema()),
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
        writeln!(out, "{} (as of {})", m.title, m.as_of)?;
        writeln!(
            out,
            "{} stages, {} firms, {} facilities, {} links, {} events, {} sources",
            m.stages.len(),
            m.firms.len(),
            m.facilities.len(),
            m.links.len(),
            m.events.len(),
            m.sources.len()
        )?;
        for (s, stage) in m.stages.iter().enumerate() {
            let lead = m.stage_lead(s).map_or_else(
                || "no share data".into(),
                |(c, p)| {
                    format!(
                        "{} {}",
                        m.countries[c].code,
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

/// An optional `--country`: one country by code or name.
fn country_arg(m: &Model, text: Option<&str>) -> Result<Option<usize>, String> {
    text.map(|c| m.find_country(c)).transpose().map_err(|e| {
        format!(
            "--country: {}",
            crate::present::lookup::lookup_message(m, &e)
        )
    })
}
