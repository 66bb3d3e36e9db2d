//! What a command-line tool is expected to offer: completions, a man page, a JSON Schema of the
//! model file, "did you mean" for a misspelled verb, `--quiet`, and a version naming the model.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn rechain_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rechain"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("rechain runs")
}

fn rechain(args: &[&str]) -> Output {
    rechain_in(&std::env::temp_dir(), args)
}

use crate::common::cli::text;

#[test]
fn bash_completions_are_valid_bash() {
    let out = rechain(&["completions", "bash"]);
    assert_eq!(out.status.code(), Some(0));
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("rechain.bash");
    std::fs::write(&script, &out.stdout).unwrap();
    let check = Command::new("bash")
        .arg("-n")
        .arg(&script)
        .output()
        .unwrap();
    assert!(check.status.success(), "{}", text(&check.stderr));
    assert!(text(&out.stdout).contains("RECHAIN_COMPLETE=\"bash\""));
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let out = rechain(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        assert!(text(&out.stdout).contains("RECHAIN_COMPLETE"), "{shell}");
    }
}

#[test]
fn man_page_is_roff_naming_the_verbs() {
    let out = rechain(&["man"]);
    assert_eq!(out.status.code(), Some(0));
    let page = text(&out.stdout);
    assert!(page.starts_with(".ie"), "{}", &page[..80.min(page.len())]);
    assert!(page.contains("rechain\\-shares") || page.contains("shares"));
}

fn schema() -> jsonschema::Validator {
    let out = rechain(&["schema"]);
    assert_eq!(out.status.code(), Some(0));
    let schema: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    jsonschema::validator_for(&schema).expect("a valid JSON Schema")
}

fn yaml(text: &str) -> Value {
    serde_yaml::from_str(text).expect("YAML")
}

#[test]
fn the_schema_accepts_the_shipped_and_starter_models() {
    let validator = schema();
    let shipped = include_str!("../../chain.yaml");
    for (name, text) in [("chain.yaml", shipped), ("starter", rechain::cli::STARTER)] {
        let errors: Vec<String> = validator
            .iter_errors(&yaml(text))
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
}

#[test]
fn the_schema_rejects_a_wrong_field_and_a_wrong_value() {
    let validator = schema();
    let starter = rechain::cli::STARTER;
    assert!(starter.contains("    name: "));
    let wrong_field = starter.replacen("    name: ", "    nmae: ", 1);
    assert!(!validator.is_valid(&yaml(&wrong_field)));
    let wrong_date = starter.replacen("as_of: ", "as_of: soon # ", 1);
    assert!(!validator.is_valid(&yaml(&wrong_date)));
}

#[test]
fn written_models_name_the_schema_in_a_modeline() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(rechain_in(dir.path(), &["init"]).status.code(), Some(0));
    let written = std::fs::read_to_string(dir.path().join("chain.yaml")).unwrap();
    let modeline = "# yaml-language-server: $schema=rechain.schema.json\n";
    assert!(written.starts_with(modeline), "{written}");
    let exported = rechain_in(dir.path(), &["export", "--format", "yaml"]);
    assert!(text(&exported.stdout).starts_with(modeline));
    assert_eq!(rechain_in(dir.path(), &["check"]).status.code(), Some(0));
}

#[test]
fn a_misspelled_verb_suggests_the_nearest() {
    let out = rechain(&["serach", "lynas"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("did you mean `search`?"), "{err}");
    let out = rechain(&["-q", "shraes"]);
    assert!(text(&out.stderr).contains("did you mean `shares`?"));
}

#[test]
fn quiet_drops_the_model_line() {
    let loud = rechain(&["list", "stages"]);
    assert!(text(&loud.stderr).contains("rechain: model"));
    let quiet = rechain(&["-q", "list", "stages"]);
    assert_eq!(quiet.status.code(), Some(0));
    assert_eq!(text(&quiet.stderr), "");
    assert_eq!(quiet.stdout, loud.stdout);
    let quiet = rechain(&["list", "stages", "--quiet"]);
    assert_eq!(text(&quiet.stderr), "");
    let quiet = rechain(&["check", "-q"]);
    assert_eq!(quiet.status.code(), Some(0));
    assert_eq!(text(&quiet.stderr), "");
}

#[test]
fn version_names_the_built_in_models_date() {
    let out = rechain(&["--version"]);
    assert_eq!(out.status.code(), Some(0));
    let line = text(&out.stdout);
    let model = rechain::model::load::load(&rechain::model::Origin::Embedded).unwrap();
    assert!(
        line.contains(&format!("built-in model as of {}", model.as_of_date())),
        "{line}"
    );
}

#[test]
fn exclude_takes_country_names_and_codes_in_any_case() {
    let by_code = rechain(&[
        "-q",
        "shares",
        "separation",
        "--exclude",
        "CN",
        "--format",
        "json",
    ]);
    for spelling in ["China", "china", "cn"] {
        let out = rechain(&[
            "-q",
            "shares",
            "separation",
            "--exclude",
            spelling,
            "--format",
            "json",
        ]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{spelling}: {}",
            text(&out.stderr)
        );
        assert_eq!(out.stdout, by_code.stdout, "{spelling}");
    }
    let out = rechain(&["-q", "routes", "--exclude", "Chna"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("did you mean `China`?"),
        "{}",
        text(&out.stderr)
    );
}
