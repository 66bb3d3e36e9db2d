//! How the process ends: its exit statuses, and messages on stderr that never fail.

/// `eprintln!` that ignores a closed stderr (`rechain export 2>&1 | head`): a message nobody
/// can read is no reason to panic.
macro_rules! errln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// Done, including when the reader of the output went away early (`rechain list | head`).
pub const OK: u8 = 0;
/// The model is invalid, or the request found nothing usable.
pub const INVALID: u8 = 1;
/// `diff`: the two models differ (as `diff` says it).
pub const DIFFERENT: u8 = 1;
/// The model file could not be read at all (command-line usage errors also exit 2); for
/// `diff`, an input that could not be read or is not a valid model.
pub const UNREADABLE: u8 = 2;
/// Writing the output or driving the terminal failed.
pub const IO: u8 = 3;
/// Ended by signal `signo`, as shells report it.
pub fn signal(signo: i32) -> u8 {
    (128 + signo).clamp(0, 255) as u8
}
