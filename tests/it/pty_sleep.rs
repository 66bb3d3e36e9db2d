//! The app's loop in a pseudo-terminal: idle, it sleeps and writes nothing; a large model
//! shows the layout and a loading line first; keys typed at the editor are the editor's.

use std::fs;
use std::thread;
use std::time::Duration;

use crate::common::pty::{Session, fixture};

/// Context switches of every thread of `pid` so far: each time a thread wakes and sleeps again
/// counts one.
#[cfg(target_os = "linux")]
fn switches(pid: u32) -> u64 {
    let tasks = fs::read_dir(format!("/proc/{pid}/task")).expect("the app's threads");
    tasks
        .filter_map(Result::ok)
        .filter_map(|task| fs::read_to_string(task.path().join("status")).ok())
        .flat_map(|status| {
            status
                .lines()
                // Involuntary switches count a busy machine's preemptions, not wakeups.
                .filter(|l| l.starts_with("voluntary_ctxt_switches:"))
                .filter_map(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
                .collect::<Vec<_>>()
        })
        .sum()
}

/// Idle, the app neither draws nor wakes: over a few seconds its threads together wake at
/// most a few times a second (a loop that polls wakes fifty times a second or more).
#[cfg(target_os = "linux")]
#[test]
fn the_idle_app_writes_nothing_and_sleeps() {
    let secs = crate::common::env_number("RECHAIN_TEST_IDLE_SECS", 3);
    // A directory of its own: the app watches the model's directory, and other tests read
    // the fixtures' (each read is news to a watch, though not a change).
    let dir = tempfile::tempdir().unwrap();
    fs::copy(fixture(), dir.path().join("ui.yaml")).unwrap();
    let mut s = Session::start(&["ui.yaml"], &[], dir.path(), 120, 40);
    s.wait_text("Stages (6)");
    s.wait_text("ui.yaml ✓");
    // A message said on the way up (a watch refused on a busy machine) expires first: the
    // status line shows the key hints again.
    s.wait_for("the key hints", |screen| {
        screen
            .contents()
            .lines()
            .last()
            .is_some_and(|l| l.contains("jump"))
    });
    // Whatever starting up leaves to do (the loader looking at the file again) settles.
    thread::sleep(Duration::from_millis(500));
    let pid = s.pid();
    let (output, woken) = (s.raw_output(), switches(pid));
    thread::sleep(Duration::from_secs(secs));
    let (output_after, woken_after) = (s.raw_output(), switches(pid));
    assert!(
        output_after.len() == output.len(),
        "the idle app drew {:?}",
        String::from_utf8_lossy(&output_after[output.len()..])
    );
    let wakeups = woken_after.saturating_sub(woken);
    assert!(
        wakeups <= 5 * secs,
        "{wakeups} wakeups in {secs} s while idle, over 5 a second"
    );
    // Still answering after its sleep.
    s.send(b"j");
    s.wait_text("Firms · Separation (4)");
    s.quit();
}

/// A large model draws the layout with a line saying what loads, then the model in its place.
#[test]
fn a_large_model_shows_a_loading_line_then_the_model() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("big.yaml"),
        rechain::synth::generate(20_000),
    )
    .unwrap();
    let mut s = Session::start(&["big.yaml"], &[], dir.path(), 100, 30);
    s.wait_text("loading big.yaml (");
    s.wait_text("Stages (0)");
    s.wait_gone("loading big.yaml");
    s.wait_text("Synthetic chain");
    s.quit();
}

/// A line typed at the editor reaches it whole: the app reads no key while the editor runs.
#[cfg(unix)]
#[test]
fn keys_typed_at_the_editor_are_the_editors() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    fs::copy(fixture(), dir.path().join("chain.yaml")).unwrap();
    let editor = dir.path().join("ed");
    let done = dir.path().join("done");
    let script = format!(
        "#!/bin/sh\nprintf 'type here: '\nread line\necho \"editor read [$line]\"\n\
         while [ ! -e '{}' ]; do sleep 0.02; done\n",
        done.display()
    );
    fs::write(&editor, script).unwrap();
    fs::set_permissions(&editor, fs::Permissions::from_mode(0o755)).unwrap();
    let visual = editor.display().to_string();
    let mut s = Session::start(
        &["chain.yaml"],
        &[("VISUAL", visual.as_str())],
        dir.path(),
        100,
        30,
    );
    s.wait_text("Stages (6)");
    for round in 0..3 {
        s.send(b"e");
        s.wait_text("type here: ");
        // Keys the app would act on, were it reading: quit, search, write, reload.
        s.send(b"q/wr jk\r");
        s.wait_text("editor read [q/wr jk]");
        fs::write(&done, "").unwrap();
        s.wait_text("Stages (6)");
        fs::remove_file(&done).unwrap();
        assert!(s.alive(), "the app ended after editor round {round}");
    }
    s.quit();
}

/// A message said by what the loop did for the app (here a copy) still goes after a while,
/// though nothing else happens to wake the loop.
#[test]
fn a_message_from_a_copy_expires_while_the_app_sleeps() {
    let file = fixture();
    let mut s = Session::start(
        &[file.as_str()],
        &[("DISPLAY", ""), ("WAYLAND_DISPLAY", "")],
        &std::env::temp_dir(),
        120,
        40,
    );
    s.wait_text("Stages (6)");
    s.send(b"y");
    s.wait_text("OSC 52");
    s.wait_gone("OSC 52");
    s.quit();
}
