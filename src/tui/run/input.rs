//! Terminal input, read on its own thread and sent to the loop as it comes, so the loop can
//! sleep until something happens. While the editor has the terminal the thread is paused, so
//! that no key typed at the editor is taken by the app.

use std::io;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread;
use std::time::Duration;

use crossterm::event::{self, Event};

use super::Wake;

/// Longest wait for the thread to pause: it is only ever inside a read, which the wake-up
/// ends at once.
const PAUSE_WAIT: Duration = Duration::from_secs(1);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Reading,
    /// Asked to pause; the thread pauses after the read under way.
    Pausing,
    Paused,
    /// The terminal failed or the loop is gone.
    Ended,
}

struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

impl Shared {
    fn set(&self, state: State) {
        *self.state.lock().unwrap_or_else(PoisonError::into_inner) = state;
        self.changed.notify_all();
    }
}

pub(super) struct Input {
    shared: Arc<Shared>,
}

impl Input {
    /// Starts reading input for the loop.
    pub(super) fn spawn(out: Sender<Wake>) -> io::Result<Input> {
        // Opens crossterm's reader here, so the wake-up signal (SIGWINCH, which the reader
        // listens for) is never raised before the reader can hear it.
        event::poll(Duration::ZERO)?;
        let shared = Arc::new(Shared {
            state: Mutex::new(State::Reading),
            changed: Condvar::new(),
        });
        let theirs = Arc::clone(&shared);
        thread::Builder::new()
            .name("rechain-input".into())
            .spawn(move || read_loop(&theirs, &out))?;
        Ok(Input { shared })
    }

    /// Stops reading until the returned value is dropped.
    pub(super) fn pause(&self) -> Paused<'_> {
        let shared = &*self.shared;
        let mut state = shared.state.lock().unwrap_or_else(PoisonError::into_inner);
        if *state == State::Reading {
            *state = State::Pausing;
            wake_reader();
            (state, _) = shared
                .changed
                .wait_timeout_while(state, PAUSE_WAIT, |s| *s == State::Pausing)
                .unwrap_or_else(PoisonError::into_inner);
        }
        drop(state);
        Paused(shared)
    }
}

/// Input paused for as long as it lives.
pub(super) struct Paused<'a>(&'a Shared);

impl Drop for Paused<'_> {
    fn drop(&mut self) {
        let mut state = self.0.state.lock().unwrap_or_else(PoisonError::into_inner);
        if matches!(*state, State::Pausing | State::Paused) {
            *state = State::Reading;
            self.0.changed.notify_all();
        }
    }
}

fn read_loop(shared: &Shared, out: &Sender<Wake>) {
    loop {
        if !wait_until_reading(shared) {
            return;
        }
        match next_event() {
            Ok(Some(ev)) => {
                // The resize that woke the read for a pause is not news: the size is read
                // again when the app takes the terminal back.
                let pausing =
                    *shared.state.lock().unwrap_or_else(PoisonError::into_inner) == State::Pausing;
                if pausing && matches!(ev, Event::Resize(..)) {
                    continue;
                }
                if out.send(Wake::Input(ev)).is_err() {
                    shared.set(State::Ended);
                    return;
                }
            }
            Ok(None) => {}
            Err(e) => {
                shared.set(State::Ended);
                let _ = out.send(Wake::InputFailed(e));
                return;
            }
        }
    }
}

/// Waits while paused; false once reading should end.
fn wait_until_reading(shared: &Shared) -> bool {
    let mut state = shared.state.lock().unwrap_or_else(PoisonError::into_inner);
    loop {
        match *state {
            State::Reading => return true,
            State::Ended => return false,
            State::Pausing => {
                *state = State::Paused;
                shared.changed.notify_all();
            }
            State::Paused => {
                state = shared
                    .changed
                    .wait(state)
                    .unwrap_or_else(PoisonError::into_inner);
            }
        }
    }
}

/// The next event; blocks until there is one, which costs nothing while idle.
#[cfg(unix)]
fn next_event() -> io::Result<Option<Event>> {
    event::read().map(Some)
}

/// Ends a blocking read: crossterm's reader wakes on SIGWINCH and reports a resize.
#[cfg(unix)]
fn wake_reader() {
    let _ = signal_hook::low_level::raise(libc::SIGWINCH);
}

/// Without a signal to end a read, the read waits a while at a time to see a pause.
#[cfg(not(unix))]
fn next_event() -> io::Result<Option<Event>> {
    if event::poll(Duration::from_millis(250))? {
        event::read().map(Some)
    } else {
        Ok(None)
    }
}

#[cfg(not(unix))]
fn wake_reader() {}
