//! Signals, answered by one thread that only sets flags for the loop and wakes it: ending
//! signals end the app with the terminal restored, SIGTSTP suspends it, and while the editor
//! has the terminal its Ctrl-C and Ctrl-\ are left to it.

use std::io;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::mpsc::Sender;
use std::thread;

use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};

use super::{Wake, tty};
use crate::exit;

/// The first ending signal received, 0 for none.
static ENDING: AtomicI32 = AtomicI32::new(0);
/// A stop was asked for (SIGTSTP from `kill` or a job-control shell).
static STOP: AtomicBool = AtomicBool::new(false);
/// The editor runs in the app's place.
static HANDED_OVER: AtomicBool = AtomicBool::new(false);

/// Starts answering signals. The first ending signal asks the loop to end, which restores the
/// terminal; a second one ends the process at once, in case the loop is stuck, but only once
/// the terminal is restored, waiting for a restore under way rather than cutting it short.
pub(super) fn watch(wake: Sender<Wake>) -> io::Result<()> {
    let mut incoming =
        signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGTSTP])?;
    thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signo in incoming.forever() {
                answer(signo);
                let _ = wake.send(Wake::Signal);
            }
        })?;
    Ok(())
}

fn answer(signo: i32) {
    let handed_over = HANDED_OVER.load(Ordering::SeqCst);
    match signo {
        // Typed at the editor, for the editor, as a shell leaves them to the job it runs; the
        // editor's job stopping is handled where the editor is waited for.
        SIGINT | SIGQUIT | SIGTSTP if handed_over => {}
        SIGTSTP => STOP.store(true, Ordering::SeqCst),
        _ => {
            if let Err(first) =
                ENDING.compare_exchange(0, signo, Ordering::SeqCst, Ordering::SeqCst)
            {
                tty::leave_and_exit(exit::signal(first));
            }
        }
    }
}

/// The first ending signal, if one arrived.
pub(super) fn ending() -> Option<i32> {
    match ENDING.load(Ordering::SeqCst) {
        0 => None,
        signo => Some(signo),
    }
}

/// Whether a stop was asked for since the last call.
pub(super) fn take_stop() -> bool {
    STOP.swap(false, Ordering::SeqCst)
}

/// The editor has the terminal until this is dropped.
pub(super) struct HandOver;

impl HandOver {
    pub(super) fn start() -> HandOver {
        HANDED_OVER.store(true, Ordering::SeqCst);
        HandOver
    }
}

impl Drop for HandOver {
    fn drop(&mut self) {
        HANDED_OVER.store(false, Ordering::SeqCst);
    }
}
