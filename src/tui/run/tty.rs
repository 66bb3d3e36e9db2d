//! The terminal the app draws on: set up and restored under one lock, so that the loop, a
//! panic and an ending signal can each restore it, and it is restored once and whole.

use std::cell::Cell;
use std::io::{self, stdout};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, Once, PoisonError, TryLockError};
use std::thread::{self, ThreadId};
use std::time::{Duration, Instant};

use crossterm::cursor::Show;
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

/// Held while the terminal is set up, restored or drawn on.
static LOCK: Mutex<()> = Mutex::new(());
/// Whether the terminal is set up for the app (raw mode and the rest).
static OWNED: AtomicBool = AtomicBool::new(false);
/// How long ending the process waits for the terminal: longer than any restore or frame takes.
const STUCK: Duration = Duration::from_secs(3);

thread_local! {
    /// Whether this thread holds `LOCK`: a panic while drawing restores without waiting on it.
    static HOLDING: Cell<bool> = const { Cell::new(false) };
}

/// `LOCK`, marked as held by this thread until dropped.
struct Held {
    _lock: MutexGuard<'static, ()>,
}

impl Held {
    fn take() -> Held {
        let guard = LOCK.lock().unwrap_or_else(PoisonError::into_inner);
        HOLDING.set(true);
        Held { _lock: guard }
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        HOLDING.set(false);
    }
}

/// Raw mode, the alternate screen (cleared), mouse reporting and bracketed paste on.
pub(super) fn enter() -> io::Result<()> {
    let _held = Held::take();
    enable_raw_mode()?;
    OWNED.store(true, Ordering::SeqCst);
    // Raw mode turns flow control off, but output stopped while the terminal was away (a
    // Ctrl-S, or a program's tcflow) would hold every frame.
    resume_output();
    // Cleared, so that the first frame is drawn in full on an empty screen (ratatui's `clear`
    // asks the terminal for the cursor position, which not every terminal answers).
    execute!(
        stdout(),
        EnterAlternateScreen,
        Clear(ClearType::All),
        EnableMouseCapture,
        EnableBracketedPaste
    )
}

/// Everything `enter` changed, undone, if it is still in place; errors are ignored since this
/// runs on the way out.
pub(super) fn leave() {
    let _held = Held::take();
    restore();
}

/// Draws with `draw` while the terminal is the app's; after a restore nothing more is drawn.
pub(super) fn draw<T>(draw: impl FnOnce() -> io::Result<T>) -> io::Result<Option<T>> {
    let _held = Held::take();
    if OWNED.load(Ordering::SeqCst) {
        draw().map(Some)
    } else {
        Ok(None)
    }
}

/// Restores the terminal and ends the process with `code`; nothing is drawn in between, and a
/// restore under way elsewhere is waited for, though not for longer than `STUCK`.
pub(super) fn leave_and_exit(code: u8) -> ! {
    let asked = Instant::now();
    loop {
        let held = match LOCK.try_lock() {
            Ok(held) => Some(held),
            Err(TryLockError::Poisoned(p)) => Some(p.into_inner()),
            Err(TryLockError::WouldBlock) => None,
        };
        if held.is_some() {
            restore();
            break;
        }
        // A write to a terminal that takes no more output never ends; nor should the app.
        if asked.elapsed() > STUCK {
            break;
        }
        thread::sleep(Duration::from_millis(5));
    }
    signal_hook::low_level::exit(i32::from(code))
}

fn restore() {
    if !OWNED.swap(false, Ordering::SeqCst) {
        return;
    }
    resume_output();
    // Sent before raw mode ends: with flow control back on, a Ctrl-S typed meanwhile could
    // stop the output and hold the app in this write.
    let _ = execute!(
        stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        Show
    );
    let _ = disable_raw_mode();
}

/// Restarts terminal output stopped by flow control.
#[cfg(unix)]
fn resume_output() {
    use std::os::fd::AsRawFd;
    let fd = stdout().as_raw_fd();
    // SAFETY: plain calls on the process's own standard output; a descriptor that is not a
    // terminal makes them fail harmlessly.
    unsafe {
        if libc::isatty(fd) == 1 {
            libc::tcflow(fd, libc::TCOON);
        }
    }
}

#[cfg(not(unix))]
fn resume_output() {}

/// Restores the terminal before a panic message prints, so the message is readable and the
/// shell usable. Only for the UI thread: a panic elsewhere must not pull the screen from under
/// a running app.
pub(super) fn install_panic_hook(ui_thread: ThreadId) {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if thread::current().id() == ui_thread {
                // A panic while drawing: this thread holds the lock already.
                if HOLDING.get() {
                    restore();
                } else {
                    leave();
                }
            }
            previous(info);
        }));
    });
}

/// Leaves the terminal as it was however the loop ends.
pub(super) struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        leave();
    }
}
