//! The app in a pseudo-terminal around the work: Ctrl-Z and `fg` from a shell with job
//! control, and a model file that is invalid when the app starts.

use std::fs;

use crate::common::pty::{Session, fixture};
#[cfg(target_os = "linux")]
use crate::common::pty::{child_of, state, wait_state};

/// The app under a shell with job control that reads a line once the app stops, then runs
/// `fg`; the app's process id.
#[cfg(target_os = "linux")]
fn start_under_job_control() -> (Session, u32) {
    let app = env!("CARGO_BIN_EXE_rechain");
    let file = fixture();
    // `fg` quiet, so that it writes nothing while output is stopped.
    let script = "set -m; \"$0\" \"$1\"; read line; fg >/dev/null";
    let s = Session::start_program(
        "sh",
        &["-c", script, app, &file],
        &[],
        &std::env::temp_dir(),
        80,
        24,
    );
    s.wait_text("Stages (6)");
    let pid = child_of(s.pid());
    assert!(s.alternate_screen() && s.mouse_reporting());
    (s, pid)
}

/// Stops the app with `stop`, checks the terminal was restored while it is stopped, then has
/// the shell's `read` take a line so `fg` continues it (SIGCONT), and checks the screen is
/// back and set up again. `while_stopped` runs while the shell has the terminal.
#[cfg(target_os = "linux")]
fn stopped_with_the_terminal_restored(
    stop: impl FnOnce(&mut Session, u32),
    while_stopped: impl FnOnce(&Session),
) {
    let (mut s, pid) = start_under_job_control();
    stop(&mut s, pid);
    wait_state(pid, 'T');
    s.wait_for("the terminal restored", |screen| {
        !screen.alternate_screen() && screen.mouse_protocol_mode() == vt100::MouseProtocolMode::None
    });
    assert!(!s.cursor_hidden(), "cursor left hidden while stopped");
    while_stopped(&s);
    s.send(b"\n");
    s.wait_for("the app's screen again", |screen| {
        screen.alternate_screen() && screen.contents().contains("Stages (6)")
    });
    assert_ne!(state(pid), Some('T'));
    assert!(s.mouse_reporting(), "mouse reporting not set up again");
    s.quit();
}

/// Ctrl-Z stops the app with the terminal restored; `fg` brings it back, redrawn in full.
/// A shell with job control runs it (the kernel ignores Ctrl-Z in a process group no shell
/// waits on).
#[cfg(target_os = "linux")]
#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_redraws() {
    stopped_with_the_terminal_restored(|s, _| s.send(b"\x1a"), |_| {});
}

/// Output stopped while the app is suspended (Ctrl-S at the shell, or a program's `tcflow`)
/// starts again when `fg` brings the app back, instead of holding every frame.
#[cfg(target_os = "linux")]
#[test]
fn output_stopped_while_suspended_resumes_when_fg_brings_the_app_back() {
    stopped_with_the_terminal_restored(|s, _| s.send(b"\x1a"), Session::suspend_output);
}

/// SIGTSTP sent from outside (`kill -TSTP`) stops the app as Ctrl-Z does: the terminal is
/// restored first, and `fg` brings the screen back.
#[cfg(target_os = "linux")]
#[test]
fn a_stop_signal_from_outside_restores_the_terminal_first() {
    stopped_with_the_terminal_restored(
        |_, pid| {
            assert_eq!(unsafe { libc::kill(pid as i32, libc::SIGTSTP) }, 0);
        },
        |_| {},
    );
}

/// An invalid file opens on its problems, and the model shows once a save fixes it.
#[test]
fn an_invalid_file_opens_on_its_problems_until_a_save_fixes_it() {
    let dir = tempfile::tempdir().unwrap();
    let good = fs::read_to_string(fixture()).unwrap();
    let path = dir.path().join("chain.yaml");
    fs::write(&path, good.replacen("hq: AU", "hq: AX", 1)).unwrap();
    let mut s = Session::start(&["chain.yaml"], &[], dir.path(), 100, 30);
    s.wait_text("Problems");
    s.wait_text("unknown country `AX`");
    s.wait_text("✗ 1 error");
    fs::write(&path, &good).unwrap();
    s.wait_text("Stages (6)");
    s.wait_gone("unknown country `AX`");
    s.wait_text("chain.yaml ✓");
    s.quit();
}

#[test]
fn a_missing_file_is_still_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(&["missing.yaml"], &[], dir.path(), 100, 30);
    assert_eq!(s.wait_exit(), 2);
    s.wait_text("missing.yaml");
}
