//! The terminal side: setup and restore, the event loop, the file watch and background
//! reloads, and suspending for `$EDITOR`. Everything else is in `App::update`.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{self, Stdout, stdout};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Once};
use std::thread::{self, ThreadId};
use std::time::{Duration, Instant};

use crossterm::cursor::Show;
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use crossterm::execute;
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::action::{Action, Effect};
use super::app::App;
use super::keymap;
use super::theme::Theme;
use super::ui;
use crate::exit;
use crate::model::{LoadError, Model, Origin, load};

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
/// process exit code.
pub fn run(file: Option<&Path>, watch: bool) -> u8 {
    let origin = Origin::choose(file);
    let (model, text_hash) = match first_load(&origin) {
        Ok(loaded) => loaded,
        Err(e) => {
            errln!("{e}");
            let n = e.errors().count();
            errln!(
                "rechain: {origin}: {n} error{}; fix the file or run `rechain check` (the app opens only on a valid model)",
                crate::present::format::plural(n as u128)
            );
            return if e.unreadable {
                exit::UNREADABLE
            } else {
                exit::INVALID
            };
        }
    };
    match run_app(model, text_hash, watch) {
        Ok(None) => exit::OK,
        Ok(Some(signo)) => exit::signal(signo),
        Err(e) => {
            errln!("rechain: terminal error: {e}");
            exit::IO
        }
    }
}

fn first_load(origin: &Origin) -> Result<(Model, u64), LoadError> {
    match origin {
        Origin::Embedded => Ok((load::load(origin)?, 0)),
        Origin::File(path) => {
            let text = load::read(path)?;
            let hash = hash_text(&text);
            Ok((load::load_text(&text, origin.clone())?, hash))
        }
    }
}

fn hash_text(text: &str) -> u64 {
    let mut h = DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

type Term = Terminal<CrosstermBackend<Stdout>>;

/// Raw mode, alternate screen and mouse reporting on.
fn enter_terminal() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    Ok(())
}

/// Everything `enter_terminal` changed, undone; errors ignored since this runs on the way out.
fn leave_terminal() {
    let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
    let _ = disable_raw_mode();
    let _ = execute!(stdout(), LeaveAlternateScreen, Show);
}

/// Restores the terminal before a panic message prints, so the message is readable and the
/// shell usable. Only for the UI thread: a panic elsewhere must not pull the screen from under
/// a running app.
fn install_panic_hook(ui_thread: ThreadId) {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if thread::current().id() == ui_thread {
                leave_terminal();
            }
            previous(info);
        }));
    });
}

/// Leaves the terminal as it was however the loop ends.
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        leave_terminal();
    }
}

/// Asks the loop to end when a signal that would kill the process arrives, so the terminal is
/// restored first. A second such signal ends the process at once, in case the loop is stuck.
fn watch_signals() -> io::Result<Arc<AtomicUsize>> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    use signal_hook::flag;

    let received = Arc::new(AtomicUsize::new(0));
    let seen = Arc::new(AtomicBool::new(false));
    for signo in [SIGTERM, SIGINT, SIGHUP, SIGQUIT] {
        flag::register_conditional_shutdown(
            signo,
            i32::from(exit::signal(signo)),
            Arc::clone(&seen),
        )?;
        flag::register(signo, Arc::clone(&seen))?;
        flag::register_usize(signo, Arc::clone(&received), signo as usize)?;
    }
    Ok(received)
}

/// Runs the app until it quits (None) or a signal ends it (the signal's number).
fn run_app(model: Model, text_hash: u64, watch: bool) -> io::Result<Option<i32>> {
    install_panic_hook(thread::current().id());
    let signals = watch_signals()?;
    enter_terminal()?;
    let _guard = TerminalGuard;
    let mut terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    let size = terminal.size()?;
    let path = model.origin.path().map(Path::to_path_buf);
    let mut app = App::new(model, Theme::from_env(), size.width, size.height);

    let (tx, rx) = mpsc::channel::<Action>();
    let loader = match &path {
        Some(p) => match Loader::spawn(p.clone(), text_hash, tx.clone()) {
            Ok(l) => Some(l),
            Err(e) => {
                app.update(Action::ReloadsOff(format!(
                    "could not start the loader: {e}"
                )));
                None
            }
        },
        None => None,
    };
    // Kept alive for the loop's lifetime; dropping it stops the watch.
    let _watcher = match (&path, &loader, watch) {
        (Some(p), Some(l), true) => match watch_file(p, l.requests.clone()) {
            Ok(w) => Some(w),
            Err(e) => {
                app.say(&format!("not watching the file: {e}"), true);
                None
            }
        },
        _ => None,
    };

    let mut dirty = true;
    let mut message_deadline: Option<(u64, Instant)> = None;
    loop {
        let signo = signals.load(Ordering::Relaxed);
        if signo != 0 {
            return Ok(Some(signo as i32));
        }
        if dirty {
            terminal.draw(|f| ui::render(&app, f))?;
            dirty = false;
        }
        let mut effects = Vec::new();
        let wait = if loader.as_ref().is_some_and(Loader::busy) {
            POLL_WHILE_LOADING
        } else {
            POLL
        };
        if event::poll(wait)? {
            // Everything already typed is handled before the next frame. (A zero timeout would
            // miss input read ahead from the terminal but not parsed yet.)
            for _ in 0..BURST {
                let ev = event::read()?;
                panic_on_test_key(&ev);
                if let Some(action) = to_action(ev, app.search.is_some()) {
                    effects.push(app.update(action));
                }
                if !event::poll(DRAIN)? {
                    break;
                }
            }
        }
        while let Ok(action) = rx.try_recv() {
            effects.push(app.update(action));
        }
        if let Some(old) = app.retired.take() {
            thread::spawn(move || drop(old));
        }
        if let Some(msg) = &app.message {
            match message_deadline {
                Some((serial, at)) if serial == msg.serial => {
                    if Instant::now() >= at {
                        effects.push(app.update(Action::ExpireMessage(serial)));
                    }
                }
                _ => message_deadline = Some((msg.serial, Instant::now() + MESSAGE_TIME)),
            }
        }
        for effect in effects {
            match effect {
                Effect::None => {}
                Effect::Redraw => dirty = true,
                Effect::Quit => return Ok(None),
                Effect::Reload => {
                    if let Some(l) = &loader {
                        l.request(true);
                    }
                    dirty = true;
                }
                Effect::Copy(text) => {
                    copy_to_clipboard(&text)?;
                    dirty = true;
                }
                Effect::Edit { path, line } => {
                    edit(&mut terminal, &mut app, &path, line)?;
                    if let Some(l) = &loader {
                        l.request(false);
                    }
                    dirty = true;
                }
            }
        }
    }
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

/// Asks the terminal to put `text` on the system clipboard (OSC 52); terminals without
/// support ignore it.
fn copy_to_clipboard(text: &str) -> io::Result<()> {
    use std::io::Write;
    let mut out = stdout();
    write!(out, "\x1b]52;c;{}\x07", base64(text.as_bytes()))?;
    out.flush()
}

/// Standard base64 with padding, as OSC 52 wants.
pub fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(TABLE[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn to_action(ev: Event, searching: bool) -> Option<Action> {
    match ev {
        Event::Key(key) if searching => keymap::search_action_for_key(key),
        Event::Key(key) => keymap::action_for_key(key),
        Event::Mouse(mouse) => keymap::action_for_mouse(mouse),
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        // A paste arrives whole, so it cannot be taken for key bindings.
        Event::Paste(text) if searching => Some(Action::SearchPaste(text)),
        _ => None,
    }
}

/// Suspends the app, runs the editor on `path` at `line`, and takes the screen back.
fn edit(terminal: &mut Term, app: &mut App, path: &Path, line: u32) -> io::Result<()> {
    let spec = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".to_string());
    let (program, args) = match editor_command(&spec, path, line) {
        Ok(command) => command,
        Err(e) => {
            app.say(&e, true);
            return Ok(());
        }
    };
    leave_terminal();
    let status = Command::new(&program).args(&args).status();
    enter_terminal()?;
    // A fresh terminal whose next frame is drawn in full on a cleared screen (ratatui's
    // `clear` asks the terminal for the cursor position, which not every terminal answers).
    execute!(stdout(), Clear(ClearType::All))?;
    *terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    match status {
        Ok(s) if s.success() => {}
        Ok(s) => app.say(&format!("{program} exited with {s}"), true),
        Err(e) => app.say(&format!("could not run `{program}`: {e}"), true),
    }
    let size = terminal.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    Ok(())
}

/// The program and arguments that open `path` at `line` in the editor `spec` (`$VISUAL` or
/// `$EDITOR`, which may carry arguments and quotes, as in `code --wait` or
/// `"/opt/My Editor/edit" -n`), split as a POSIX shell would.
pub fn editor_command(spec: &str, path: &Path, line: u32) -> Result<(String, Vec<String>), String> {
    let words =
        shell_words::split(spec).map_err(|e| format!("cannot read the editor `{spec}`: {e}"))?;
    let mut words = words.into_iter();
    let program = words.next().unwrap_or_else(|| "vi".to_string());
    let mut args: Vec<String> = words.collect();
    let name = Path::new(&program)
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let name = name.strip_suffix(".exe").unwrap_or(&name);
    let file = path.display().to_string();
    match name {
        "vi" | "vim" | "nvim" | "gvim" | "view" | "nano" | "emacs" | "emacsclient" | "hx"
        | "helix" | "kak" | "micro" | "mg" | "joe" | "ne" => {
            args.push(format!("+{line}"));
            args.push(file);
        }
        "code" | "code-insiders" | "codium" | "vscodium" | "cursor" => {
            args.push("--goto".into());
            args.push(format!("{file}:{line}"));
        }
        "subl" | "sublime_text" | "zed" => args.push(format!("{file}:{line}")),
        _ => args.push(file),
    }
    Ok((program, args))
}

/// Reads and validates the model file on its own thread, one load at a time; requests that
/// arrive during a load are merged into the next.
struct Loader {
    requests: Sender<bool>,
    /// Set while a load runs, so the loop looks for its result more often.
    busy: Arc<AtomicBool>,
}

impl Loader {
    fn spawn(path: PathBuf, hash: u64, out: Sender<Action>) -> io::Result<Loader> {
        let (tx, rx) = mpsc::channel::<bool>();
        let busy = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&busy);
        thread::Builder::new()
            .name("rechain-loader".into())
            .spawn(move || load_loop(&path, hash, &rx, &out, &flag))?;
        Ok(Loader { requests: tx, busy })
    }

    fn busy(&self) -> bool {
        self.busy.load(Ordering::Relaxed)
    }

    /// Asks for a reload; `forced` reloads even when the text is unchanged.
    fn request(&self, forced: bool) {
        let _ = self.requests.send(forced);
    }
}

/// Raises a flag for as long as it lives.
struct Raised<'a>(&'a AtomicBool);

impl<'a> Raised<'a> {
    fn new(flag: &'a AtomicBool) -> Raised<'a> {
        flag.store(true, Ordering::Relaxed);
        Raised(flag)
    }
}

impl Drop for Raised<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::Relaxed);
    }
}

fn load_loop(
    path: &Path,
    mut last_hash: u64,
    requests: &Receiver<bool>,
    out: &Sender<Action>,
    busy: &AtomicBool,
) {
    let origin = Origin::File(path.to_path_buf());
    let mut removed = false;
    while let Ok(mut forced) = requests.recv() {
        // Lowered after the result is sent, so the loop never misses it.
        let _busy = Raised::new(busy);
        loop {
            while let Ok(more) = requests.try_recv() {
                forced |= more;
            }
            let text = match read_settled(path) {
                Ok(text) => text,
                Err(e) if e.unreadable && !path.exists() => {
                    if !removed {
                        removed = true;
                        last_hash = 0;
                        if out.send(Action::FileRemoved).is_err() {
                            return;
                        }
                    }
                    break;
                }
                Err(e) => {
                    if out.send(Action::Loaded(Box::new(Err(e)))).is_err() {
                        return;
                    }
                    break;
                }
            };
            removed = false;
            let hash = hash_text(&text);
            if hash == last_hash && !forced {
                break;
            }
            let (result, loaded_hash) = load_settled(path, &text, hash, &origin);
            // A save that came in while this one loaded makes its result stale: load the
            // newer file instead of showing this one first.
            if let Ok(more) = requests.try_recv() {
                forced = more;
                continue;
            }
            last_hash = loaded_hash;
            if out.send(Action::Loaded(Box::new(result))).is_err() {
                return;
            }
            break;
        }
    }
}

/// Loads `text`; when it fails, looks once more after the writer had time to finish, since
/// it may have been caught mid-save. Returns the result and the hash of the text it is for.
fn load_settled(
    path: &Path,
    text: &str,
    hash: u64,
    origin: &Origin,
) -> (Result<Model, LoadError>, u64) {
    let result = load::load_text(text, origin.clone());
    if result.is_err() {
        thread::sleep(SETTLE);
        if let Ok(again) = load::read(path) {
            let again_hash = hash_text(&again);
            if again_hash != hash {
                return (load::load_text(&again, origin.clone()), again_hash);
            }
        }
    }
    (result, hash)
}

/// Reads the file, trying once more after a pause when it is missing (a delete-then-create
/// save in progress).
fn read_settled(path: &Path) -> Result<String, LoadError> {
    match load::read(path) {
        Err(e) if e.unreadable && !path.exists() => {
            thread::sleep(SETTLE);
            load::read(path)
        }
        other => other,
    }
}

/// Watches the file's directory (editors replace files by renaming over them, which a watch
/// on the file itself would lose) and asks for a reload when the file's name shows up. When
/// the path is a symlink, the target's directory is watched too, so saves to the target count.
fn watch_file(path: &Path, requests: Sender<bool>) -> Result<notify::RecommendedWatcher, String> {
    use notify::{RecursiveMode, Watcher};

    let mut watched = vec![dir_and_name(path)?];
    if let Ok(target) = std::fs::canonicalize(path) {
        let target = dir_and_name(&target)?;
        let link_dir = std::fs::canonicalize(&watched[0].0).unwrap_or(watched[0].0.clone());
        if (&link_dir, &watched[0].1) != (&target.0, &target.1) {
            watched.push(target);
        }
    }
    let names: Vec<std::ffi::OsString> = watched.iter().map(|(_, n)| n.clone()).collect();
    let (changes, changed) = mpsc::channel::<bool>();
    let mut watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
        // A name from the other directory may also match; an unchanged text is not reloaded.
        if let Ok(event) = result
            && let Some(complete) = change_kind(&event.kind)
            && event.paths.iter().any(|p| {
                p.file_name()
                    .is_some_and(|n| names.iter().any(|name| name == n))
            })
        {
            let _ = changes.send(complete);
        }
    })
    .map_err(|e| e.to_string())?;
    thread::Builder::new()
        .name("rechain-watch".into())
        .spawn(move || debounce(&changed, &requests))
        .map_err(|e| e.to_string())?;
    for (dir, _) in &watched {
        watcher
            .watch(dir, RecursiveMode::NonRecursive)
            .map_err(|e| e.to_string())?;
    }
    Ok(watcher)
}

/// What a file event means for the model: `Some(true)` when the file is whole now (closed
/// after writing, or renamed into place), `Some(false)` for other changes (a truncation, a
/// write still going on, a delete), which wait for a quiet moment, and None for reads (the
/// loader's own included), which change nothing.
fn change_kind(kind: &notify::EventKind) -> Option<bool> {
    use notify::EventKind;
    use notify::event::{AccessKind, AccessMode, ModifyKind, RenameMode};
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write))
        | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both)) => Some(true),
        EventKind::Access(_) => None,
        _ => Some(false),
    }
}

/// Turns file events into reload requests: at once when the file is complete, else after
/// `DEBOUNCE` without further events. Ends when the watcher is dropped.
fn debounce(changed: &Receiver<bool>, requests: &Sender<bool>) {
    use std::sync::mpsc::RecvTimeoutError;
    let mut pending = false;
    loop {
        let next = if pending {
            changed.recv_timeout(DEBOUNCE)
        } else {
            changed.recv().map_err(|_| RecvTimeoutError::Disconnected)
        };
        let request = match next {
            Ok(complete) => {
                pending = !complete;
                complete
            }
            Err(RecvTimeoutError::Timeout) => {
                pending = false;
                true
            }
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if request && requests.send(false).is_err() {
            return;
        }
    }
}

/// The directory to watch for `path` and the name to look for in it.
fn dir_and_name(path: &Path) -> Result<(PathBuf, std::ffi::OsString), String> {
    let name = path
        .file_name()
        .ok_or_else(|| format!("{} has no file name", path.display()))?
        .to_owned();
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok((dir, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A save that arrives while an older one is still loading wins: the older result is
    /// dropped, not shown first.
    #[test]
    fn a_newer_save_replaces_one_still_loading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("chain.yaml");
        // Slow to load: a large synthetic model.
        std::fs::write(&path, crate::synth::generate(5_000)).unwrap();
        let (requests_tx, requests) = mpsc::channel();
        let (out, results) = mpsc::channel();
        let busy = Arc::new(AtomicBool::new(false));
        let loop_path = path.clone();
        let loop_busy = Arc::clone(&busy);
        thread::spawn(move || load_loop(&loop_path, 0, &requests, &out, &loop_busy));
        requests_tx.send(false).unwrap();
        while !busy.load(Ordering::SeqCst) {
            thread::sleep(Duration::from_millis(1));
        }
        std::fs::write(&path, crate::cli::STARTER).unwrap();
        requests_tx.send(false).unwrap();
        let first = results.recv_timeout(Duration::from_secs(60)).unwrap();
        let Action::Loaded(result) = first else {
            panic!("expected a load result");
        };
        let model = result.unwrap_or_else(|e| panic!("{e}"));
        assert!(
            model.firms.len() < 100,
            "the starter model, not the large one that was still loading"
        );
    }
}
