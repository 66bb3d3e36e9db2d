//! The editor's turn at the terminal: Ctrl-C, Ctrl-Z and a stopped output while it runs, and
//! a model whose name reads like an option. The editors are small shell scripts.

#![cfg(unix)]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::thread;
use std::time::{Duration, Instant};

use crate::common::pty::{Session, deadline, fixture};
#[cfg(target_os = "linux")]
use crate::common::pty::{child_of, state, wait_state};

/// A temporary directory with the model as `chain.yaml` and an editor script.
struct Setup {
    dir: tempfile::TempDir,
}

impl Setup {
    fn new() -> Setup {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::copy(fixture(), dir.path().join("chain.yaml")).expect("copy the model");
        Setup { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes an editor named `name` that runs `before`, says `editing`, waits until the test
    /// creates the file `done`, then runs `after`.
    fn editor(&self, name: &str, before: &str, after: &str) -> String {
        let path = self.path(name);
        let done = self.path("done");
        let script = format!(
            "#!/bin/sh\n{before}\necho editing\nwhile [ ! -e '{}' ]; do sleep 0.02; done\n{after}\n",
            done.display()
        );
        fs::write(&path, script).expect("write the editor");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).expect("chmod");
        path.display().to_string()
    }

    fn finish_editing(&self) {
        fs::write(self.path("done"), "").expect("write done");
    }

    /// Lines of the file `name`, empty while it does not exist.
    fn lines(&self, name: &str) -> Vec<String> {
        fs::read_to_string(self.path(name))
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect()
    }

    fn wait_lines(&self, name: &str, count: usize) {
        let start = Instant::now();
        while self.lines(name).len() < count {
            assert!(
                start.elapsed() < deadline(),
                "{name} has {:?}, want {count} lines",
                self.lines(name)
            );
            thread::sleep(Duration::from_millis(5));
        }
    }
}

/// Waits for the app's own screen, back after the editor.
fn wait_app(s: &Session) {
    s.wait_for("the app's screen", |screen| {
        screen.alternate_screen() && screen.contents().contains("Stages (6)")
    });
}

fn quit(mut s: Session) {
    assert!(s.alive(), "the app died");
    s.quit();
}

/// Ctrl-C typed at an editor that keeps signals on (ed, shell editors) is the editor's: the app
/// neither ends nor takes the terminal back, and returns with its model when the editor ends.
#[test]
fn ctrl_c_in_the_editor_reaches_the_editor_and_the_app_keeps_running() {
    let setup = Setup::new();
    let log = setup.path("interrupts");
    let editor = setup.editor(
        "ed",
        &format!("trap 'echo INT >> {}' INT", log.display()),
        "",
    );
    let mut s = Session::start(
        &["chain.yaml"],
        &[("EDITOR", &editor)],
        setup.dir.path(),
        100,
        30,
    );
    wait_app(&s);
    s.send(b"e");
    s.wait_text("editing");
    s.send(b"\x03");
    setup.wait_lines("interrupts", 1);
    s.send(b"\x03");
    setup.wait_lines("interrupts", 2);
    // Long enough for an app that took the signal as its own to end.
    thread::sleep(Duration::from_millis(200));
    assert!(s.alive(), "the app ended on Ctrl-C typed at the editor");
    assert!(
        !s.alternate_screen(),
        "the app took the terminal from the editor"
    );
    setup.finish_editing();
    wait_app(&s);
    s.wait_text("Lynas Rare Earths");
    quit(s);
}

/// Ctrl-Z typed at the editor stops the job as a shell sees it (the app with the editor), and
/// `fg` continues both: the editor carries on, and the app comes back when it ends.
#[cfg(target_os = "linux")]
#[test]
fn ctrl_z_in_the_editor_stops_the_job_and_fg_resumes_the_editor() {
    let setup = Setup::new();
    let resumed = setup.path("resumed");
    let editor = setup.editor("vi", "", &format!("echo yes > '{}'", resumed.display()));
    let app = env!("CARGO_BIN_EXE_rechain");
    let script = "set -m; \"$0\" chain.yaml; read line; fg";
    let mut s = Session::start_program(
        "sh",
        &["-c", script, app],
        &[("EDITOR", &editor)],
        setup.dir.path(),
        100,
        30,
    );
    wait_app(&s);
    let pid = child_of(s.pid());
    s.send(b"e");
    s.wait_text("editing");
    let editor_pid = child_of(pid);
    s.send(b"\x1a");
    wait_state(editor_pid, 'T');
    wait_state(pid, 'T');
    // The shell has the terminal: its `read` takes a line, then `fg` continues the job.
    s.send(b"\n");
    let start = Instant::now();
    while state(pid) == Some('T') || state(editor_pid) == Some('T') {
        assert!(start.elapsed() < deadline(), "the job was not continued");
        thread::sleep(Duration::from_millis(5));
    }
    assert!(
        !s.alternate_screen(),
        "the app took the terminal from the editor"
    );
    setup.finish_editing();
    wait_app(&s);
    assert_eq!(setup.lines("resumed"), ["yes"]);
    quit(s);
}

/// Output stopped while the editor runs (Ctrl-S typed at it, or a program's `tcflow`) is
/// started again when the app takes the terminal back, instead of holding every frame.
#[test]
fn output_stopped_during_the_editor_resumes_when_the_app_comes_back() {
    let setup = Setup::new();
    let editor = setup.editor("ed", "", "");
    let mut s = Session::start(
        &["chain.yaml"],
        &[("EDITOR", &editor)],
        setup.dir.path(),
        100,
        30,
    );
    wait_app(&s);
    assert!(!s.flow_control(), "Ctrl-S would stop the app's output");
    s.send(b"e");
    s.wait_text("editing");
    // XOFF, with flow control on while the editor has the terminal as the user set it up.
    assert!(s.flow_control());
    s.send(b"\x13");
    s.suspend_output();
    setup.finish_editing();
    wait_app(&s);
    assert!(!s.flow_control(), "Ctrl-S would stop the app's output");
    quit(s);
}

/// A model whose relative path begins with `-` reaches the editor as `./-name`, a file, not an
/// option.
#[test]
fn a_model_named_like_an_option_reaches_the_editor_as_a_file() {
    let setup = Setup::new();
    fs::rename(setup.path("chain.yaml"), setup.path("-chain.yaml")).unwrap();
    let record = setup.path("args");
    // `vim` in the name, so the line goes first as +LINE.
    let editor = setup.editor(
        "vim",
        &format!("printf '%s\\n' \"$@\" > '{}'", record.display()),
        "",
    );
    let mut s = Session::start(
        &["--", "-chain.yaml"],
        &[("EDITOR", &editor)],
        setup.dir.path(),
        100,
        30,
    );
    wait_app(&s);
    s.send(b"e");
    s.wait_text("editing");
    setup.finish_editing();
    wait_app(&s);
    let argv = setup.lines("args");
    assert_eq!(argv.len(), 2, "{argv:?}");
    assert!(argv[0].starts_with('+'), "{argv:?}");
    assert_eq!(argv[1], "./-chain.yaml");
    quit(s);
}
