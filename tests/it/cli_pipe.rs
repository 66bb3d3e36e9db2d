//! A reader that goes away early (`rechain export | head`) ends every verb quietly, with
//! exit status 0, whether stdout alone or stdout and stderr together were the closed pipe.

use std::io::Read;
use std::process::{Command, Stdio};

const VERBS: &[&[&str]] = &[
    &[],
    &["export"],
    &["export", "--format", "yaml"],
    &["check"],
    &["check", "--format", "json"],
    &["list", "firms"],
    &["list", "stages", "--format", "json"],
    &["search", "magnet"],
    &["search", "magnet", "--format", "json"],
    &["shares"],
    &["shares", "--format", "json"],
    &["routes"],
    &["routes", "--format", "json"],
    &["show", "lynas"],
    &["show", "lynas", "--format", "json"],
    &["show", "lynas", "--format", "md"],
    &["list", "firms", "--format", "csv"],
    &["--help"],
    &["--version"],
];

fn rechain(args: &[&str]) -> Command {
    let dir = std::env::temp_dir();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rechain"));
    cmd.args(args).current_dir(dir).stdin(Stdio::null());
    cmd
}

#[test]
fn a_closed_stdout_ends_every_verb_quietly() {
    for args in VERBS {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = rechain(args)
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("Broken pipe"), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn closed_stdout_and_stderr_end_every_verb_quietly() {
    for args in VERBS {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let status = rechain(args)
            .stdout(writer.try_clone().unwrap())
            .stderr(writer)
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(0), "{args:?}");
    }
}

/// `rechain export 2>&1 | head -c100`: the reader takes a little, then leaves mid-output.
#[test]
fn a_reader_leaving_mid_export_ends_it_quietly() {
    let (mut reader, writer) = std::io::pipe().unwrap();
    let mut cmd = rechain(&["export"]);
    cmd.stdout(writer.try_clone().unwrap()).stderr(writer);
    let mut child = cmd.spawn().unwrap();
    drop(cmd);
    let mut head = [0u8; 100];
    reader.read_exact(&mut head).unwrap();
    drop(reader);
    assert_eq!(child.wait().unwrap().code(), Some(0));
}

/// `rechain export | head -c1`: one byte read, then stdout closes under a long write.
#[test]
fn a_reader_taking_one_byte_of_export_ends_it_quietly() {
    let (mut reader, writer) = std::io::pipe().unwrap();
    let mut cmd = rechain(&["export"]);
    cmd.stdout(writer).stderr(Stdio::piped());
    let child = cmd.spawn().unwrap();
    drop(cmd);
    let mut head = [0u8; 1];
    reader.read_exact(&mut head).unwrap();
    drop(reader);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("Broken pipe"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
