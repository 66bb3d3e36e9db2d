//! The terminal side: setup and restore, the event loop, the file watch and background
//! reloads, and suspending for `$EDITOR` or the shell. Everything else is in `App::update`.
//!
//! The loop sleeps on one channel that input, signals, the loader, the dater and the
//! clipboard all send to; it wakes only for them or for a timer something asked for (a
//! message that expires, the loading line while the first load runs).

mod clock;
mod dater;
mod handover;
mod input;
mod loading;
mod signals;
mod tty;
mod watch;
mod write;

pub use write::write_file;

use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{self, Stdout, stdout};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::{Duration, Instant};

use crossterm::event::Event;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::app::{App, Derived};
use super::keymap;
use super::msg::{Effect, Msg};
use super::theme::Theme;
use super::ui;
use super::{clipboard, opener};
use crate::exit;
use crate::model::{Date, LoadError, Model, Origin, load};
use dater::Dater;
pub use handover::editor_command;
use handover::{edit, suspend};
use input::Input;
use loading::{Loading, Started};
use watch::{FileWatch, Loader, watch_file};

/// Quiet time after the last file event before a reload, unless the event says the file is
/// complete (closed after writing, or renamed into place).
const DEBOUNCE: Duration = Duration::from_millis(40);
/// Wait before reading a file again that failed to parse or was missing, in case a save was
/// in progress.
const SETTLE: Duration = Duration::from_millis(60);
const MESSAGE_TIME: Duration = Duration::from_secs(4);
/// How long to look for more once something arrived, so a burst is drawn once.
const DRAIN: Duration = Duration::from_millis(1);
/// Most events handled before a frame is drawn.
const BURST: usize = 4096;

/// What wakes the loop.
enum Wake {
    Input(Event),
    /// The terminal could not be read.
    InputFailed(io::Error),
    /// A result from a thread working for the loop.
    Done(Msg),
    /// A signal was answered (its flags are set).
    Signal,
    /// The first load finished.
    Started(Box<Started>),
}

impl From<Msg> for Wake {
    fn from(msg: Msg) -> Wake {
        Wake::Done(msg)
    }
}

/// Opens the app on the model `file` (or `./chain.yaml`, or the built-in one). Returns the
/// process exit code. A file that reads but does not load opens on its problems.
pub fn run(file: Option<&Path>, watch: bool, as_of: Option<Date>) -> u8 {
    let origin = Origin::choose(file);
    // A file that cannot be opened is refused before the terminal is touched.
    if let Origin::File(path) = &origin
        && let Err(e) = openable(path)
    {
        return refuse(&origin, &e);
    }
    match run_app(&origin, watch, as_of) {
        Ok(Ending::Quit) => exit::OK,
        Ok(Ending::Signal(signo)) => exit::signal(signo),
        Ok(Ending::Unreadable(e)) => refuse(&origin, &e),
        Err(e) => {
            errln!("rechain: terminal error: {e}");
            exit::IO
        }
    }
}

/// How the app ended.
enum Ending {
    Quit,
    /// An ending signal, by number.
    Signal(i32),
    /// The file turned out unreadable once the terminal was set up.
    Unreadable(LoadError),
}

/// The reason `path` cannot be read as a model, found without reading it; an unexpected
/// answer is left to the load to find again.
fn openable(path: &Path) -> Result<(), LoadError> {
    // Looked at before it is opened: opening a FIFO would wait for a writer.
    let regular =
        std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() <= load::MAX_FILE_BYTES);
    if regular && std::fs::File::open(path).is_ok() {
        return Ok(());
    }
    load::read(path).map(drop)
}

/// An empty model from the file's origin, shown while the model loads or behind its problems
/// until a save fixes them.
fn stand_in(origin: &Origin, title: &str) -> io::Result<Model> {
    let text = format!(
        "version: 1\nmeta: {{ title: \"{title}\", as_of: {} }}\n",
        clock::now().date()
    );
    load::load_text(&text, origin.clone()).map_err(|e| io::Error::other(e.to_string()))
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
fn terminal_app(model: Model, derived: Derived, width: u16, height: u16) -> App {
    let mut app =
        App::with_derived(model, derived, Theme::from_env(), width, height).with_hyperlinks();
    let now = clock::now();
    app.update(Msg::Clock(now.time()));
    app.update(Msg::Today(now.day()));
    app
}

/// The settings file, read once when the app starts.
fn settings() -> crate::config::Loaded {
    let names: Vec<&str> = crate::tui::command::Command::ALL
        .iter()
        .map(|c| c.name())
        .collect();
    crate::config::load(&names)
}

/// Runs the app until it quits, a signal ends it, or its file proves unreadable.
fn run_app(origin: &Origin, watch: bool, as_of: Option<Date>) -> io::Result<Ending> {
    let (tx, rx) = mpsc::channel::<Wake>();
    // The heavy work starts first; the terminal is set up and the layout drawn meanwhile.
    let loading = Loading::start(origin, &tx);
    tty::install_panic_hook(thread::current().id());
    signals::watch(tx.clone())?;
    let _guard = tty::Guard;
    tty::enter()?;
    let terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    let size = terminal.size()?;
    let model = stand_in(origin, "loading")?;
    let derived = Derived::new(&model);
    let mut app = terminal_app(model, derived, size.width, size.height);
    let settings = settings();
    app.apply_look(&settings);
    let input = Input::spawn(tx.clone())?;
    let mut looper = Looper {
        terminal,
        app,
        workers: Workers {
            loader: None,
            dater: Dater::spawn(tx.clone()).ok(),
        },
        watcher: None,
        input,
        tx,
        loading: Some(loading),
        path: origin.path().map(Path::to_path_buf),
        watch,
        as_of,
        message_deadline: None,
        settings,
    };
    looper.run(&rx)
}

/// The loop's state: the terminal, the app, and what works for them.
struct Looper {
    terminal: Term,
    app: App,
    workers: Workers,
    /// Kept alive for the loop's lifetime; dropping it stops the watch.
    watcher: Option<FileWatch>,
    input: Input,
    tx: Sender<Wake>,
    /// The first load, while it runs.
    loading: Option<Loading>,
    path: Option<PathBuf>,
    watch: bool,
    as_of: Option<Date>,
    /// When the status message of this serial is cleared.
    message_deadline: Option<(u64, Instant)>,
    /// The settings file as read at start: the first loaded model takes its what-if.
    settings: crate::config::Loaded,
}

impl Looper {
    fn run(&mut self, rx: &Receiver<Wake>) -> io::Result<Ending> {
        let mut dirty = true;
        loop {
            if let Some(signo) = signals::ending() {
                return Ok(Ending::Signal(signo));
            }
            if dirty {
                self.draw()?;
                dirty = false;
            }
            if let Some(started) = self.loading.as_mut().and_then(Loading::load_inline) {
                let effect = match self.started(started) {
                    Ok(effect) => effect,
                    Err(e) => return Ok(Ending::Unreadable(e)),
                };
                if let Flow::Quit = self.perform(effect)? {
                    return Ok(Ending::Quit);
                }
                dirty = true;
                continue;
            }
            // A message said since the last look, in `update` or by an effect, starts its time.
            self.track_message();
            let first = match self.next_timer() {
                Some(at) => rx.recv_timeout(at.saturating_duration_since(Instant::now())),
                None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
            };
            let mut effects = Vec::new();
            let mut next = match first {
                Ok(wake) => Some(wake),
                Err(RecvTimeoutError::Timeout) => None,
                // The loop holds a sender, so this does not happen; nothing could wake it.
                Err(RecvTimeoutError::Disconnected) => return Ok(Ending::Quit),
            };
            if self.loading.is_some() {
                // The loading line moves on.
                dirty = true;
            }
            let now = clock::now();
            self.app.update(Msg::Clock(now.time()));
            self.app.update(Msg::Today(now.day()));
            let mut handled = 0;
            while let Some(wake) = next.take() {
                match wake {
                    Wake::Input(ev) => {
                        panic_on_test_key(&ev);
                        if let Some(msg) = to_msg(ev, &self.app) {
                            effects.push(self.app.update(msg));
                        }
                    }
                    // A hang-up ends the input too; the signal says how the app ended.
                    Wake::InputFailed(e) => {
                        return signals::ending().map_or(Err(e), |signo| Ok(Ending::Signal(signo)));
                    }
                    Wake::Done(msg) => effects.push(self.app.update(msg)),
                    Wake::Signal => {}
                    Wake::Started(started) => match self.started(*started) {
                        Ok(effect) => effects.extend([Effect::Redraw, effect]),
                        Err(e) => return Ok(Ending::Unreadable(e)),
                    },
                }
                handled += 1;
                // An ending signal is answered before the rest of a long burst.
                if handled >= BURST || signals::ending().is_some() {
                    break;
                }
                next = rx.recv_timeout(DRAIN).ok();
            }
            if signals::take_stop() {
                effects.push(Effect::Suspend);
            }
            let old = self.app.take_retired();
            if !old.is_empty() {
                thread::spawn(move || drop(old));
            }
            effects.extend(self.expire_message());
            for effect in effects {
                match self.perform(effect)? {
                    Flow::Quit => return Ok(Ending::Quit),
                    Flow::Redraw => dirty = true,
                    Flow::Same => {}
                }
            }
        }
    }

    fn draw(&mut self) -> io::Result<()> {
        let (app, loading) = (&self.app, self.loading.as_ref());
        tty::draw(|| {
            self.terminal.draw(|f| {
                ui::render(app, f);
                if let Some(loading) = loading {
                    loading.render(f, app.theme);
                }
            })
        })?;
        Ok(())
    }

    /// When the loop must wake with nothing sent: the message's expiry, the loading line's
    /// next turn. None: sleep until something arrives.
    fn next_timer(&self) -> Option<Instant> {
        let message = self
            .app
            .status
            .message
            .as_ref()
            .and_then(|m| match self.message_deadline {
                Some((serial, at)) if serial == m.serial => Some(at),
                _ => None,
            });
        let loading = self
            .loading
            .as_ref()
            .map(|_| Instant::now() + loading::TICK);
        message.into_iter().chain(loading).min()
    }

    /// Starts the time of a status message the loop has not seen before.
    fn track_message(&mut self) {
        if let Some(msg) = &self.app.status.message
            && self
                .message_deadline
                .is_none_or(|(serial, _)| serial != msg.serial)
        {
            self.message_deadline = Some((msg.serial, Instant::now() + MESSAGE_TIME));
        }
    }

    /// Clears the status message once it has shown for `MESSAGE_TIME`, counted from when the
    /// loop first saw it.
    fn expire_message(&mut self) -> Option<Effect> {
        self.track_message();
        let serial = self.app.status.message.as_ref()?.serial;
        match self.message_deadline {
            Some((seen, at)) if seen == serial && Instant::now() >= at => {
                Some(self.app.update(Msg::ExpireMessage(serial)))
            }
            _ => None,
        }
    }

    /// Puts the first load's model (or its problems) in the stand-in's place, and starts
    /// what follows the file. The effect of reading the model as of the date asked for, or
    /// the error of a file that cannot be read at all.
    fn started(&mut self, started: Started) -> Result<Effect, LoadError> {
        self.loading = None;
        let origin = self.app.loaded.model.origin().clone();
        let (width, height) = (self.app.width, self.app.height);
        let (mut app, problems) = match started.result {
            Ok((model, derived)) => (terminal_app(model, derived, width, height), None),
            Err(e) if e.unreadable => return Err(e),
            Err(e) => {
                // The same text as the stand-in on screen, so it loads as that one did.
                let Ok(model) = stand_in(&origin, "no valid model yet") else {
                    return Err(e);
                };
                let derived = Derived::new(&model);
                (terminal_app(model, derived, width, height), Some(e))
            }
        };
        app.apply_settings(&self.settings);
        // What was said while loading stays in the log.
        app.keep_log_of(&mut self.app);
        // A file that did not load has no good model to compare the first good one with.
        let good = problems.is_none().then(|| Arc::clone(app.loaded_model()));
        if let Some(problems) = problems {
            app.open_on_problems(problems);
        }
        self.app = app;
        if let Some(path) = self.path.clone() {
            self.workers.loader = start_loader(
                &mut self.app,
                &path,
                started.text_hash,
                good,
                self.tx.clone(),
            );
            self.watcher = start_watch(
                &mut self.app,
                Some(&path),
                self.workers.loader.as_ref(),
                self.watch,
            );
            // A save while the file loaded is picked up now; an unchanged file is not read
            // again.
            if let Some(loader) = &self.workers.loader {
                loader.request(false);
            }
        }
        Ok(self
            .as_of
            .map_or(Effect::None, |date| self.app.set_date(date)))
    }

    /// Carries out one effect of `update`: the I/O the app itself never does.
    fn perform(&mut self, effect: Effect) -> io::Result<Flow> {
        let app = &mut self.app;
        let loader = self.workers.loader.as_ref();
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
                self.workers.read_as_of(app, date, serial);
                Flow::Redraw
            }
            Effect::Copy(text) => {
                // Under the terminal's lock, as a frame is: a signal that finds the write stuck
                // (a terminal that reads nothing) waits a bounded time for it, not for ever.
                let tx = &self.tx;
                if let Some(copied) = tty::draw(|| clipboard::copy(&text, &mut stdout(), tx))? {
                    let (text, error) = clipboard::copy_message(text.lines().count(), &copied);
                    app.update(Msg::Say { text, error });
                }
                Flow::Redraw
            }
            Effect::Write {
                path,
                text,
                overwrite,
            } => {
                let model = app.loaded_model().origin().path().map(Path::to_path_buf);
                let outcome = write_file(&path, &text, overwrite, model.as_deref());
                app.update(Msg::Written(outcome));
                Flow::Redraw
            }
            Effect::OpenUrl(url) => {
                let (text, error) = opener::open(&url);
                app.update(Msg::Say { text, error });
                Flow::Redraw
            }
            Effect::Edit { path, line } => {
                // Keys typed at the editor are the editor's.
                let paused = self.input.pause();
                edit(&mut self.terminal, app, &path, line)?;
                drop(paused);
                if let Some(l) = loader {
                    l.request(false);
                }
                Flow::Redraw
            }
            Effect::Suspend => {
                suspend(&mut self.terminal, app)?;
                Flow::Redraw
            }
        })
    }
}

/// The threads that work for the loop: loading the file, reading the model as of a date.
struct Workers {
    loader: Option<Loader>,
    dater: Option<Dater>,
}

impl Workers {
    /// Reads the loaded model as of `date`: off the UI thread, or on it when the thread
    /// could not start.
    fn read_as_of(&self, app: &mut App, date: Date, serial: u64) {
        let base = Arc::clone(app.loaded_model());
        match &self.dater {
            Some(dater) => dater.request(base, date, serial),
            None => {
                app.update(Msg::dated(serial, base.as_of(date)));
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
        .map_err(|e| {
            app.update(Msg::Say {
                text: format!("not watching the file: {e}"),
                error: true,
            })
        })
        .ok()
}

/// Starts the background loader, which compares each good load with `good` and the good
/// loads after it; without one, saves are not picked up and the app says why.
fn start_loader(
    app: &mut App,
    path: &Path,
    text_hash: u64,
    good: Option<Arc<Model>>,
    tx: Sender<Wake>,
) -> Option<Loader> {
    match Loader::spawn(path.to_path_buf(), text_hash, good, tx) {
        Ok(l) => Some(l),
        Err(e) => {
            app.update(Msg::ReloadsOff(format!("could not start the loader: {e}")));
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

fn to_msg(ev: Event, app: &App) -> Option<Msg> {
    match ev {
        Event::Key(key) => keymap::msg_for_key_with(app.mode(), key, &app.keys),
        Event::Mouse(mouse) => keymap::msg_for_mouse(mouse),
        Event::Resize(width, height) => Some(Msg::Resize { width, height }),
        // A paste arrives whole, so it cannot be taken for key bindings.
        Event::Paste(text) => Some(Msg::Paste(text)),
        _ => None,
    }
}
