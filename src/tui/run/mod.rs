//! The terminal side: setup and restore, the event loop, the file watch and background
//! reloads, and suspending for `$EDITOR` or the shell. Everything else is in `App::update`.

mod clock;
mod dater;
mod handover;
mod signals;
mod tty;
mod watch;
mod write;

pub use write::write_file;

use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{self, Stdout, stdout};
use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{self, Sender};
use std::thread;
use std::time::{Duration, Instant};

use crossterm::event::{self, Event};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::action::{Action, Effect};
use super::app::App;
use super::keymap;
use super::theme::Theme;
use super::ui;
use super::{clipboard, opener};
use crate::exit;
use crate::model::{Date, LoadError, Model, Origin, load};
use dater::Dater;
pub use handover::editor_command;
use handover::{edit, suspend};
use watch::{FileWatch, Loader, watch_file};

/// How long input is awaited before background results are looked at.
const POLL: Duration = Duration::from_millis(20);
/// How often background results are looked at while a load runs.
const POLL_WHILE_LOADING: Duration = Duration::from_millis(2);
/// Quiet time after the last file event before a reload, unless the event says the file is
/// complete (closed after writing, or renamed into place).
const DEBOUNCE: Duration = Duration::from_millis(40);
/// Wait before reading a file again that failed to parse or was missing, in case a save was
/// in progress.
const SETTLE: Duration = Duration::from_millis(60);
const MESSAGE_TIME: Duration = Duration::from_secs(4);
/// How long to look for more input once some arrived.
const DRAIN: Duration = Duration::from_millis(1);
/// Most input events handled before a frame is drawn.
const BURST: usize = 4096;

/// Opens the app on the model `file` (or `./chain.yaml`, or the built-in one). Returns the
/// process exit code. A file that reads but does not load opens on its problems.
pub fn run(file: Option<&Path>, watch: bool, as_of: Option<Date>) -> u8 {
    let origin = Origin::choose(file);
    let (loaded, text_hash) = first_load(&origin);
    let start = match loaded {
        Err(e) => match stand_in(&origin) {
            Some(model) if !e.unreadable => Start {
                model,
                problems: Some(e),
                text_hash,
            },
            _ => return refuse(&origin, &e),
        },
        Ok(model) => Start {
            model,
            problems: None,
            text_hash,
        },
    };
    match run_app(start, watch, as_of) {
        Ok(None) => exit::OK,
        Ok(Some(signo)) => exit::signal(signo),
        Err(e) => {
            errln!("rechain: terminal error: {e}");
            exit::IO
        }
    }
}

/// What the app opens on: a model, or an empty stand-in and the file's problems.
struct Start {
    model: Model,
    problems: Option<LoadError>,
    /// The file's text, hashed, so an unchanged file is not loaded again.
    text_hash: u64,
}

fn first_load(origin: &Origin) -> (Result<Model, LoadError>, u64) {
    match origin {
        Origin::Embedded => (load::load(origin), 0),
        Origin::File(path) => match load::read(path) {
            Ok(text) => (load::load_text(&text, origin.clone()), hash_text(&text)),
            Err(e) => (Err(e), 0),
        },
    }
}

/// An empty model from the file's origin, shown behind its problems until a save fixes them.
fn stand_in(origin: &Origin) -> Option<Model> {
    let text = format!(
        "version: 1\nmeta: {{ title: \"no valid model yet\", as_of: {} }}\n",
        clock::now().date()
    );
    load::load_text(&text, origin.clone()).ok()
}

/// A file that cannot be read at all: nothing to show or watch.
fn refuse(origin: &Origin, e: &LoadError) -> u8 {
    errln!("{e}");
    let n = e.errors().count();
    errln!(
        "rechain: {origin}: {n} error{}; fix the file or run `rechain check`",
        crate::present::format::plural(n as u128)
    );
    if e.unreadable {
        exit::UNREADABLE
    } else {
        exit::INVALID
    }
}

fn hash_text(text: &str) -> u64 {
    let mut h = DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

type Term = Terminal<CrosstermBackend<Stdout>>;

/// The app for a real terminal of `size`, hyperlinks on.
fn terminal_app(model: Model, size: ratatui::layout::Size) -> App {
    let mut app = App::new(model, Theme::from_env(), size.width, size.height);
    app.hyperlinks = true;
    app
}

/// Runs the app until it quits (None) or a signal ends it (the signal's number).
fn run_app(start: Start, watch: bool, as_of: Option<Date>) -> io::Result<Option<i32>> {
    tty::install_panic_hook(thread::current().id());
    signals::watch()?;
    let _guard = tty::Guard;
    tty::enter()?;
    let mut terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    let size = terminal.size()?;
    let path = start.model.origin.path().map(Path::to_path_buf);
    let mut app = terminal_app(start.model, size);
    app.clock = clock::now().time();
    // A file that did not load has no good model to compare the first good one with.
    let good = start
        .problems
        .is_none()
        .then(|| Arc::clone(app.loaded_model()));
    if let Some(problems) = start.problems {
        app.open_on_problems(problems);
    }

    let (tx, rx) = mpsc::channel::<Action>();
    let loader = path
        .as_ref()
        .and_then(|p| start_loader(&mut app, p, start.text_hash, good, tx.clone()));
    let workers = Workers {
        loader,
        dater: Dater::spawn(tx.clone()).ok(),
    };
    if let Some(date) = as_of {
        let effect = app.set_date(date);
        perform(effect, &mut terminal, &mut app, &workers, &tx)?;
    }
    // Kept alive for the loop's lifetime; dropping it stops the watch.
    let _watcher = start_watch(&mut app, path.as_deref(), workers.loader.as_ref(), watch);

    let mut dirty = true;
    let mut message_deadline: Option<(u64, Instant)> = None;
    loop {
        if let Some(signo) = signals::ending() {
            return Ok(Some(signo));
        }
        if dirty {
            tty::draw(|| terminal.draw(|f| ui::render(&app, f)))?;
            dirty = false;
        }
        app.clock = clock::now().time();
        let wait = if workers.busy() {
            POLL_WHILE_LOADING
        } else {
            POLL
        };
        let mut effects = read_input(&mut app, wait)?;
        if signals::take_stop() {
            effects.push(Effect::Suspend);
        }
        while let Ok(action) = rx.try_recv() {
            effects.push(app.update(action));
        }
        if !app.retired.is_empty() {
            let old = std::mem::take(&mut app.retired);
            thread::spawn(move || drop(old));
        }
        effects.extend(expire_message(&mut app, &mut message_deadline));
        for effect in effects {
            match perform(effect, &mut terminal, &mut app, &workers, &tx)? {
                Flow::Quit => return Ok(None),
                Flow::Redraw => dirty = true,
                Flow::Same => {}
            }
        }
    }
}

/// Waits up to `wait` for input, then handles everything already typed before the next frame.
/// (A zero timeout would miss input read ahead from the terminal but not parsed yet.)
fn read_input(app: &mut App, wait: Duration) -> io::Result<Vec<Effect>> {
    let mut effects = Vec::new();
    if !event::poll(wait)? {
        return Ok(effects);
    }
    for _ in 0..BURST {
        let ev = event::read()?;
        panic_on_test_key(&ev);
        if let Some(action) = to_action(ev, app) {
            effects.push(app.update(action));
        }
        // An ending signal is answered before the rest of a long burst.
        if signals::ending().is_some() || !event::poll(DRAIN)? {
            break;
        }
    }
    Ok(effects)
}

/// Clears the status message once it has shown for `MESSAGE_TIME`; `deadline` is when the
/// current one (by serial) expires.
fn expire_message(app: &mut App, deadline: &mut Option<(u64, Instant)>) -> Option<Effect> {
    let msg = app.message.as_ref()?;
    match *deadline {
        Some((serial, at)) if serial == msg.serial => {
            (Instant::now() >= at).then(|| app.update(Action::ExpireMessage(serial)))
        }
        _ => {
            *deadline = Some((msg.serial, Instant::now() + MESSAGE_TIME));
            None
        }
    }
}

/// The threads that work for the loop: loading the file, reading the model as of a date.
struct Workers {
    loader: Option<Loader>,
    dater: Option<Dater>,
}

impl Workers {
    fn busy(&self) -> bool {
        self.loader.as_ref().is_some_and(Loader::busy)
            || self.dater.as_ref().is_some_and(Dater::busy)
    }

    /// Reads the loaded model as of `date`: off the UI thread, or on it when the thread
    /// could not start.
    fn read_as_of(&self, app: &mut App, date: Date, serial: u64) {
        let base = Arc::clone(app.loaded_model());
        match &self.dater {
            Some(dater) => dater.request(base, date, serial),
            None => {
                app.update(Action::dated(serial, base.as_of(date)));
            }
        }
    }
}

/// Watches the file for saves when asked to and there is a loader to reload it.
fn start_watch(
    app: &mut App,
    path: Option<&Path>,
    loader: Option<&Loader>,
    watch: bool,
) -> Option<FileWatch> {
    let (Some(path), Some(loader), true) = (path, loader, watch) else {
        return None;
    };
    watch_file(path, loader.requests.clone())
        .map_err(|e| app.say(&format!("not watching the file: {e}"), true))
        .ok()
}

/// Starts the background loader, which compares each good load with `good` and the good
/// loads after it; without one, saves are not picked up and the app says why.
fn start_loader(
    app: &mut App,
    path: &Path,
    text_hash: u64,
    good: Option<Arc<Model>>,
    tx: Sender<Action>,
) -> Option<Loader> {
    match Loader::spawn(path.to_path_buf(), text_hash, good, tx) {
        Ok(l) => Some(l),
        Err(e) => {
            app.update(Action::ReloadsOff(format!(
                "could not start the loader: {e}"
            )));
            None
        }
    }
}

/// What the loop does after an effect.
enum Flow {
    Same,
    Redraw,
    Quit,
}

/// Carries out one effect of `update`: the I/O the app itself never does.
fn perform(
    effect: Effect,
    terminal: &mut Term,
    app: &mut App,
    workers: &Workers,
    tx: &Sender<Action>,
) -> io::Result<Flow> {
    let loader = workers.loader.as_ref();
    Ok(match effect {
        Effect::None => Flow::Same,
        Effect::Redraw => Flow::Redraw,
        Effect::Quit => Flow::Quit,
        Effect::Reload => {
            if let Some(l) = loader {
                l.request(true);
            }
            Flow::Redraw
        }
        Effect::ReadAsOf { date, serial } => {
            workers.read_as_of(app, date, serial);
            Flow::Redraw
        }
        Effect::Copy(text) => {
            // Under the terminal's lock, as a frame is: a signal that finds the write stuck
            // (a terminal that reads nothing) waits a bounded time for it, not for ever.
            if let Some(copied) = tty::draw(|| clipboard::copy(&text, &mut stdout(), tx))? {
                let (message, error) = clipboard::copy_message(text.lines().count(), &copied);
                app.say(&message, error);
            }
            Flow::Redraw
        }
        Effect::Write {
            path,
            text,
            overwrite,
        } => {
            let model = app.loaded_model().origin.path().map(Path::to_path_buf);
            let outcome = write_file(&path, &text, overwrite, model.as_deref());
            app.update(Action::Written(outcome));
            Flow::Redraw
        }
        Effect::OpenUrl(url) => {
            let (message, error) = opener::open(&url);
            app.say(&message, error);
            Flow::Redraw
        }
        Effect::Edit { path, line } => {
            edit(terminal, app, &path, line)?;
            if let Some(l) = loader {
                l.request(false);
            }
            Flow::Redraw
        }
        Effect::Suspend => {
            suspend(terminal, app)?;
            Flow::Redraw
        }
    })
}

/// A test hook, in debug builds only: the key named by `RECHAIN_PANIC_KEY` makes the loop
/// panic, to prove that a panic restores the terminal.
#[cfg(debug_assertions)]
fn panic_on_test_key(ev: &Event) {
    static KEY: std::sync::OnceLock<Option<char>> = std::sync::OnceLock::new();
    let key = KEY.get_or_init(|| {
        std::env::var("RECHAIN_PANIC_KEY")
            .ok()
            .and_then(|s| s.chars().next())
    });
    if let (Some(k), Event::Key(pressed)) = (key, ev)
        && pressed.code == crossterm::event::KeyCode::Char(*k)
    {
        panic!("panic requested by RECHAIN_PANIC_KEY");
    }
}

#[cfg(not(debug_assertions))]
fn panic_on_test_key(_: &Event) {}

fn to_action(ev: Event, app: &App) -> Option<Action> {
    let searching = app.search.is_some();
    match ev {
        Event::Key(key) if app.prompt.is_some() => keymap::prompt_action_for_key(key),
        Event::Paste(text) if app.prompt.is_some() => Some(Action::PromptPaste(text)),
        Event::Key(key) if searching => keymap::search_action_for_key(key),
        Event::Key(key) => keymap::action_for_key(key),
        Event::Mouse(mouse) => keymap::action_for_mouse(mouse),
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        // A paste arrives whole, so it cannot be taken for key bindings.
        Event::Paste(text) if searching => Some(Action::SearchPaste(text)),
        _ => None,
    }
}
