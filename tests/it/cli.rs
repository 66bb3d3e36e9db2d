//! The command line as a user runs it: exit codes, what goes to stdout and stderr.

use std::process::Command;

use crate::common::cli::{rechain_in as rechain, text};

#[test]
fn check_in_an_empty_directory_uses_the_embedded_model() {
    let dir = tempfile::tempdir().unwrap();
    let out = rechain(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(text(&out.stderr).contains("built-in"));
    assert!(text(&out.stdout).contains("valid"));
}

#[test]
fn check_prefers_chain_yaml_in_the_current_directory() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("chain.yaml"),
        "version: 1\nmeta: { title: T, as_of: 2025-13 }\n",
    )
    .unwrap();
    let out = rechain(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("chain.yaml:2:"), "{stdout}");
    assert!(
        stdout.contains(": error: `2025-13`: there is no month 13 (at meta.as_of)"),
        "{stdout}"
    );
    assert!(stdout.ends_with("1 error, 0 warnings\n"), "{stdout}");
}

#[test]
fn check_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        rechain(dir.path(), &["check", "missing.yaml"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(rechain(dir.path(), &["check", "."]).status.code(), Some(2));
    std::fs::write(dir.path().join("bad.yaml"), "version: 1\nmeta: [\n").unwrap();
    assert_eq!(
        rechain(dir.path(), &["check", "bad.yaml"]).status.code(),
        Some(1)
    );
    assert_eq!(
        rechain(dir.path(), &["check", "-f", "bad.yaml"])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn check_json_lists_problems_with_positions() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("m.yaml"),
        "version: 1\nmeta: { title: \"\", as_of: 2025 }\n",
    )
    .unwrap();
    let out = rechain(dir.path(), &["check", "m.yaml", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["valid"], false);
    assert_eq!(report["errors"], 1);
    let problem = &report["problems"][0];
    assert_eq!(problem["path"], "meta.title");
    assert_eq!(problem["line"], 2);
    assert_eq!(problem["column"], 16);
}

#[test]
fn init_writes_a_valid_starter_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        rechain(dir.path(), &["init", "new.yaml"]).status.code(),
        Some(0)
    );
    let written = std::fs::read_to_string(dir.path().join("new.yaml")).unwrap();
    assert!(
        written.starts_with('#'),
        "the starter explains itself in comments"
    );
    assert_eq!(
        rechain(dir.path(), &["check", "new.yaml"]).status.code(),
        Some(0)
    );
    let again = rechain(dir.path(), &["init", "new.yaml"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("new.yaml")).unwrap(),
        written
    );
}

#[cfg(unix)]
#[test]
fn init_writes_the_way_w_does_never_through_a_symlink() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(
        dir.path().join("elsewhere.yaml"),
        dir.path().join("new.yaml"),
    )
    .unwrap();
    let out = rechain(dir.path(), &["init", "new.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    let said = text(&out.stderr);
    assert!(said.contains("is a symbolic link to"), "{said}");
    assert!(!dir.path().join("elsewhere.yaml").exists());
}

#[test]
fn export_round_trips_through_yaml_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = rechain(dir.path(), &["export", "--format", "yaml"]);
    assert_eq!(yaml.status.code(), Some(0));
    std::fs::write(dir.path().join("exported.yaml"), &yaml.stdout).unwrap();
    let json = rechain(dir.path(), &["export", "--format", "json"]);
    let again = rechain(
        dir.path(),
        &["export", "--format", "json", "-f", "exported.yaml"],
    );
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stderr));
    assert_eq!(text(&json.stdout), text(&again.stdout));
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    for key in [
        "version",
        "meta",
        "sources",
        "countries",
        "elements",
        "stages",
        "firms",
        "links",
        "events",
    ] {
        assert!(value.get(key).is_some(), "export lacks `{key}`");
    }
}

#[test]
fn list_prints_one_line_per_entity() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("chain.yaml"), rechain::cli::STARTER).unwrap();
    let out = rechain(dir.path(), &["list", "stages"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert_eq!(stdout.lines().count(), 3, "{stdout}");
    assert!(stdout.starts_with("mining"));
    let json = rechain(dir.path(), &["list", "firms", "--format", "json"]);
    let firms: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(firms[0]["id"], "example-miner");
}

#[test]
fn verbs_on_an_invalid_model_fail_with_its_problems() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("chain.yaml"),
        "version: 1\nmeta: { title: T, as_of: 2025 }\nfoo: 1\n",
    )
    .unwrap();
    let out = rechain(dir.path(), &["list", "firms"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("chain.yaml:3:1: error: unknown field `foo`"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn help_explains_the_verbs() {
    let dir = tempfile::tempdir().unwrap();
    let out = rechain(dir.path(), &["--help"]);
    let help = text(&out.stdout);
    for verb in ["check", "export", "init", "list"] {
        assert!(help.contains(verb), "help lacks {verb}:\n{help}");
    }
}

#[test]
fn file_option_works_before_and_after_the_verb() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mine.yaml"), rechain::cli::STARTER).unwrap();
    for args in [
        &["-f", "mine.yaml", "list", "firms"][..],
        &["list", "firms", "-f", "mine.yaml"][..],
        &["--file", "mine.yaml", "list", "firms"][..],
    ] {
        let out = rechain(dir.path(), args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(text(&out.stdout).starts_with("example-miner"), "{args:?}");
        assert!(text(&out.stderr).contains("mine.yaml"));
    }
}

/// A full disk is an output failure with its own exit status, not "invalid model".
#[cfg(target_os = "linux")]
#[test]
fn an_output_that_cannot_be_written_exits_with_the_io_status() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&["export"][..], &["check"]] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_rechain"))
            .args(args)
            .current_dir(dir.path())
            .stdout(full)
            .output()
            .unwrap();
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(3), "{args:?}: {stderr}");
        assert!(stderr.contains("cannot write the output"), "{stderr}");
    }
}

#[test]
fn an_empty_exclude_list_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["shares", "--exclude", ""][..],
        &["shares", "--exclude", " , "],
        &["routes", "--exclude", ""],
    ] {
        let out = rechain(dir.path(), args);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("give at least one country"), "{stderr}");
        assert!(!text(&out.stdout).contains("ex-"), "{args:?}");
    }
}

#[test]
fn a_zero_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["routes", "--limit", "0"][..],
        &["search", "lynas", "--limit", "0"],
    ] {
        let out = rechain(dir.path(), args);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("at least 1"), "{stderr}");
        assert!(!stderr.contains("nothing matches"), "{stderr}");
    }
}

#[test]
fn init_writes_the_file_given_with_f_and_never_overwrites_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = rechain(dir.path(), &["init", "-f", "my.yaml"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(dir.path().join("my.yaml").is_file());
    assert!(!dir.path().join("chain.yaml").exists());
    std::fs::write(dir.path().join("my.yaml"), "mine").unwrap();
    let out = rechain(dir.path(), &["init", "-f", "my.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("my.yaml")).unwrap(),
        "mine"
    );
    let out = rechain(dir.path(), &["init", "-f", "a.yaml", "b.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("give one"));
    assert!(!dir.path().join("a.yaml").exists() && !dir.path().join("b.yaml").exists());
    let out = rechain(dir.path(), &["init"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(dir.path().join("chain.yaml").is_file());
}
