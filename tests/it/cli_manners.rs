//! The command line's manners: no silent empty answers, element names and lists for
//! `--product`, `info`, man pages, help examples, dynamic completions and flags shown only
//! where they apply.

use std::process::Output;

use crate::common::cli::{rechain_in, text};

/// rechain on the built-in model (run where there is no chain.yaml), without the model line.
fn rechain(args: &[&str]) -> Output {
    let mut all = vec!["-q"];
    all.extend_from_slice(args);
    rechain_in(&std::env::temp_dir(), &all)
}

/// Asserts exit status 1, nothing on stdout and a message on stderr containing `says`.
fn empty_answer(args: &[&str], says: &str) {
    let out = rechain(args);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
    assert_eq!(text(&out.stdout), "", "{args:?}");
    assert!(err.starts_with("rechain: "), "{args:?}: {err}");
    assert!(err.contains(says), "{args:?}: {err}");
}

#[test]
fn filters_that_match_nothing_say_so_and_exit_1() {
    empty_answer(
        &["plants", "--product", "Xx"],
        "no element and no product in the model is named `Xx`",
    );
    empty_answer(&["plants", "separation", "--product", "Dy,Xq"], "`Xq`");
    empty_answer(
        &["plants", "--product", "Dysprosium"],
        "Magnets: no plant, operating or ramping, making Dysprosium",
    );
    empty_answer(
        &[
            "plants",
            "magnets",
            "--country",
            "JP",
            "--status",
            "pipeline",
        ],
        "no plant",
    );
    empty_answer(
        &["shares", "separation", "--year", "2019"],
        "Separation: no data for 2019 (has 2023",
    );
    empty_answer(
        &["shares", "--year", "1990"],
        "Magnets: no data for 1990 (has",
    );
    empty_answer(
        &["history", "separation", "--country", "JP"],
        "no share or capacity figure for JP",
    );
    empty_answer(
        &["capacity", "mining", "--exclude", "AU,TZ,AO"],
        "Mining: no capacity to sum (",
    );
    // A year some stage has still answers.
    let out = rechain(&["shares", "--year", "2025"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Mining — 2025"));
}

#[test]
fn product_takes_symbols_names_in_any_case_and_lists() {
    let csv = |product: &str| {
        let out = rechain(&[
            "plants",
            "separation",
            "--product",
            product,
            "--format",
            "csv",
        ]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{product}: {}",
            text(&out.stderr)
        );
        text(&out.stdout)
    };
    let dy = csv("Dy");
    assert!(dy.lines().count() > 1, "{dy}");
    for same in ["dysprosium", "DYSPROSIUM", "dy"] {
        assert_eq!(csv(same), dy, "{same}");
    }
    let both = csv("Dy,Tb");
    let tb = csv("terbium");
    for line in dy.lines().chain(tb.lines()) {
        assert!(both.contains(line), "{line} missing from Dy,Tb:\n{both}");
    }
    assert_eq!(both.lines().count() - 1, {
        let mut rows: Vec<&str> = dy.lines().skip(1).chain(tb.lines().skip(1)).collect();
        rows.sort_unstable();
        rows.dedup();
        rows.len()
    });
}

#[test]
fn info_names_the_model_its_date_counts_and_paths() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str], config: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_rechain"))
            .args(args)
            .current_dir(dir.path())
            .env("RECHAIN_CONFIG", config)
            .output()
            .unwrap()
    };
    let model = rechain::model::load::load(&rechain::model::Origin::Embedded).unwrap();
    let out = run(&["info", "-q"], "/etc/elsewhere.toml");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let info = text(&out.stdout);
    assert!(info.starts_with("model     built-in"), "{info}");
    assert!(
        info.contains(&format!("as of     {}\n", model.as_of_date())),
        "{info}"
    );
    assert!(
        info.contains(&format!(
            "{} stages, {} firms",
            model.stages().len(),
            model.firms().len()
        )),
        "{info}"
    );
    assert!(
        info.contains("config    /etc/elsewhere.toml (absent: defaults)"),
        "{info}"
    );
    assert!(info.contains("cache     none"), "{info}");

    // A file in the directory is the model in use, and JSON says the same.
    assert_eq!(
        run(&["init", "-q"], "").status.code(),
        Some(2),
        "init has no -q"
    );
    assert_eq!(run(&["init"], "").status.code(), Some(0));
    let out = run(&["info", "--format", "json"], "");
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["model"]["origin"], "file");
    assert_eq!(value["model"]["path"], "chain.yaml");
    assert_eq!(value["model"]["valid"], true);
    assert!(value["model"]["counts"]["stages"].as_u64().unwrap() > 0);
    assert_eq!(value["built_in_as_of"], model.as_of_date().to_string());
    assert_eq!(value["config"]["found"], false);
    assert!(text(&out.stderr).contains("rechain: model chain.yaml"));

    // A broken model is named with its paths, and the status says it is not valid.
    std::fs::write(dir.path().join("chain.yaml"), "version: 1\nstages: [\n").unwrap();
    let out = run(&["info"], "/etc/elsewhere.toml");
    assert_eq!(out.status.code(), Some(1));
    let info = text(&out.stdout);
    assert!(info.contains("state     not valid"), "{info}");
    assert!(info.contains("config    /etc/elsewhere.toml"), "{info}");
}

#[test]
fn info_says_whether_the_settings_file_was_read_and_where_it_is_broken() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    let info = |format: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_rechain"))
            .args(["info", "-q", "--format", format])
            .current_dir(dir.path())
            .env("RECHAIN_CONFIG", &config)
            .output()
            .unwrap();
        text(&out.stdout)
    };
    std::fs::write(&config, "theme = \"high-contrast\"\n[keys]\nquit = \"Q\"\n").unwrap();
    assert!(info("text").contains(&format!("config    {} (read)", config.display())));
    std::fs::write(
        &config,
        "theme = \"high-contrast\"\n\n[what-if]\nexclude = [\"china\"]\n",
    )
    .unwrap();
    let shown = info("text");
    assert!(
        shown.contains(&format!(
            "config    {}:4:12: \"china\" is not a country code",
            config.display()
        )),
        "{shown}"
    );
    assert!(shown.contains("(ignored: defaults)"), "{shown}");
    let value: serde_json::Value = serde_json::from_str(&info("json")).unwrap();
    assert_eq!(value["config"]["found"], true);
    assert_eq!(value["config"]["valid"], false);
    assert!(
        value["config"]["error"]
            .as_str()
            .unwrap()
            .contains(":4:12:")
    );
}

#[test]
fn schema_config_describes_the_settings_file() {
    let out = rechain(&["schema", "--config"]);
    assert_eq!(out.status.code(), Some(0));
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["title"], "rechain settings");
    for field in ["theme", "start", "what-if", "keys"] {
        assert!(schema["properties"][field].is_object(), "{field}: {schema}");
    }
}

/// Every verb, as `rechain --help` lists them.
fn verbs() -> Vec<String> {
    rechain::cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect()
}

#[test]
fn every_verb_has_examples_in_its_help_and_a_man_page() {
    let verbs = verbs();
    assert!(verbs.len() > 10, "{verbs:?}");
    for verb in &verbs {
        let out = rechain(&[verb, "--help"]);
        assert_eq!(out.status.code(), Some(0), "{verb}");
        let help = text(&out.stdout);
        let examples = help.split("\nExamples:\n").nth(1).unwrap_or_default();
        assert!(
            examples.contains(&format!("  rechain {verb}")),
            "{verb} --help has no example of itself:\n{help}"
        );
        let out = rechain(&["man", verb]);
        assert_eq!(out.status.code(), Some(0), "man {verb}");
        let page = text(&out.stdout);
        assert!(page.contains(&format!(".TH rechain-{verb} 1")), "{page}");
        for section in ["SYNOPSIS", "OPTIONS", "EXAMPLES", "EXIT STATUS", "SEE ALSO"] {
            assert!(
                page.contains(&format!(".SH {section}")),
                "man {verb}: {section}"
            );
        }
    }
    let out = rechain(&["man", "nonesuch"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no verb `nonesuch`"));
}

#[test]
fn the_main_man_page_has_keys_from_the_keymap_and_the_other_sections() {
    let out = rechain(&["man"]);
    assert_eq!(out.status.code(), Some(0));
    let page = text(&out.stdout);
    assert!(
        page.starts_with(".ie") || page.starts_with(".TH"),
        "{}",
        &page[..80]
    );
    let mut at = 0;
    for section in [
        "NAME",
        "SYNOPSIS",
        "OPTIONS",
        "SUBCOMMANDS",
        "KEYS",
        "SETTINGS",
        "EXAMPLES",
        "EXIT STATUS",
        "ENVIRONMENT",
        "FILES",
    ] {
        let found = page[at..]
            .find(&format!(".SH {section}\n"))
            .unwrap_or_else(|| panic!("no {section} after byte {at}"));
        at += found;
    }
    // Every binding of the app, as its help overlay lists it.
    let keys = &page[page.find(".SH KEYS").unwrap()..page.find(".SH SETTINGS").unwrap()];
    // Every command by the name a settings file gives it.
    let settings = &page[page.find(".SH SETTINGS").unwrap()..page.find(".SH EXAMPLES").unwrap()];
    for command in rechain::tui::command::Command::ALL {
        let name = command.name().replace('-', "\\-");
        assert!(settings.contains(&name), "{name} missing from SETTINGS");
    }
    for (key, help) in rechain::tui::keymap::help_rows(&rechain::tui::keymap::Overrides::default())
    {
        let mut key = key.replace('-', "\\-");
        if key.starts_with(['.', '\'']) {
            key.insert_str(0, "\\&");
        }
        assert!(keys.contains(&format!("\\fB{key}\\fR\n")), "{key}");
        assert!(keys.contains(&help.replace('-', "\\-")), "{help}");
    }
    // Every verb's page that the list refers to is written by --dir.
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("man1");
    let out = rechain(&["man", "--dir", target.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    for verb in verbs() {
        assert!(page.contains(&format!("rechain\\-{verb}(1)")), "{verb}");
        let file = target.join(format!("rechain-{verb}.1"));
        let written = std::fs::read_to_string(&file).unwrap();
        assert_eq!(written, text(&rechain(&["man", &verb]).stdout), "{verb}");
    }
    assert_eq!(
        std::fs::read_to_string(target.join("rechain.1")).unwrap(),
        page
    );
}

#[test]
fn model_flags_are_offered_only_where_they_apply() {
    let help = |verb: &str| text(&rechain(&[verb, "--help"]).stdout);
    // Verbs that read a model at a date.
    for verb in [
        "show",
        "list",
        "search",
        "shares",
        "history",
        "routes",
        "resilience",
        "plants",
        "capacity",
        "export",
    ] {
        let help = help(verb);
        for flag in ["-f, --file <FILE>", "-q, --quiet", "--as-of <DATE>"] {
            assert!(help.contains(flag), "{verb} lacks {flag}:\n{help}");
        }
    }
    // A model but no date.
    for verb in ["check", "info"] {
        let help = help(verb);
        assert!(help.contains("-f, --file <FILE>"), "{verb}");
        assert!(!help.contains("--as-of"), "{verb}:\n{help}");
    }
    // No model at all.
    for verb in ["completions", "man", "schema"] {
        let help = help(verb);
        for flag in ["--file", "--quiet", "--as-of"] {
            assert!(!help.contains(flag), "{verb} offers {flag}:\n{help}");
        }
        let out = rechain_in(&std::env::temp_dir(), &[verb, "--as-of", "2024"]);
        assert_eq!(out.status.code(), Some(2), "{verb} --as-of");
    }
    let diff = help("diff");
    assert!(diff.contains("-q, --quiet") && !diff.contains("--as-of") && !diff.contains("--file"));
    let init = help("init");
    assert!(init.contains("-f, --file <FILE>") && !init.contains("--as-of"));

    // The flags work after the verb, and before it as before.
    let after = rechain_in(
        &std::env::temp_dir(),
        &["list", "events", "--as-of", "2024", "-q"],
    );
    let before = rechain_in(
        &std::env::temp_dir(),
        &["-q", "--as-of", "2024", "list", "events"],
    );
    assert_eq!(after.status.code(), Some(0), "{}", text(&after.stderr));
    assert_eq!(text(&after.stderr), "");
    assert_eq!(after.stdout, before.stdout);
    let all = rechain(&["list", "events"]);
    assert!(all.stdout.len() > after.stdout.len());
}

/// What the shell's script gets back when it asks rechain to complete `words` at their last
/// word, as the bash script calls it: the words after `--`, the index of the word in
/// `_CLAP_COMPLETE_INDEX`, candidates one per line.
fn complete_in(dir: &std::path::Path, program: &str, var: &str, words: &[&str]) -> Vec<String> {
    let out = std::process::Command::new(program)
        .arg("--")
        .args(words)
        .current_dir(dir)
        .env(var, "bash")
        .env("_CLAP_COMPLETE_INDEX", (words.len() - 1).to_string())
        .env("_CLAP_COMPLETE_COMP_TYPE", "9")
        .env("_CLAP_IFS", "\n")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{words:?}: {}",
        text(&out.stderr)
    );
    text(&out.stdout).lines().map(str::to_owned).collect()
}

/// The program and variable the bash script calls, read from `rechain completions bash`.
fn bash_script_call() -> (String, String) {
    let out = rechain(&["completions", "bash"]);
    assert_eq!(out.status.code(), Some(0));
    let script = text(&out.stdout);
    let call = script
        .lines()
        .map(str::trim)
        .find(|l| l.contains("-- \"${words[@]}\""))
        .expect("the line that calls rechain");
    let program = call.split('"').nth(1).unwrap().to_owned();
    let var = script
        .lines()
        .map(str::trim)
        .find_map(|l| l.strip_suffix("=\"bash\" \\"))
        .expect("the variable that asks for completions")
        .to_owned();
    (program, var)
}

#[test]
fn completions_offer_ids_stages_and_countries_from_the_model() {
    let (program, var) = bash_script_call();
    assert_eq!(program, env!("CARGO_BIN_EXE_rechain"));
    let tmp = std::env::temp_dir();
    let complete = |words: &[&str]| complete_in(&tmp, &program, &var, words);

    let ids = complete(&["rechain", "show", "ly"]);
    assert!(ids.contains(&"lynas".to_owned()), "{ids:?}");
    assert!(ids.contains(&"lynas-kuantan".to_owned()), "{ids:?}");
    assert!(ids.iter().all(|id| id.starts_with("ly")), "{ids:?}");

    for verb in ["plants", "capacity", "shares", "history"] {
        assert_eq!(
            complete(&["rechain", verb, "sep"]),
            ["separation"],
            "{verb}"
        );
    }
    // By name too, in any case: the id is what is offered.
    assert_eq!(complete(&["rechain", "plants", "Metal &"]), ["metal-alloy"]);
    assert_eq!(
        complete(&["rechain", "routes", "--from", "min"]),
        ["mining"]
    );

    let countries = complete(&["rechain", "plants", "--exclude", "CN,M"]);
    assert!(countries.contains(&"CN,MY".to_owned()), "{countries:?}");
    assert!(
        countries.iter().all(|c| c.starts_with("CN,M")),
        "{countries:?}"
    );
    let one = complete(&["rechain", "plants", "--country", "jap"]);
    assert_eq!(one, ["JP"]);
    let elements = complete(&["rechain", "plants", "--product", "Dy,T"]);
    assert!(elements.contains(&"Dy,Tb".to_owned()), "{elements:?}");

    // Verbs and flags come from the command line's definition.
    assert_eq!(complete(&["rechain", "pla"]), ["plants"]);
    let flags = complete(&["rechain", "plants", "--ex"]);
    assert_eq!(flags, ["--exclude"]);

    // The model of -f, and of ./chain.yaml where there is one.
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(rechain_in(dir.path(), &["init"]).status.code(), Some(0));
    let starter =
        rechain::model::load::load(&rechain::model::Origin::File(dir.path().join("chain.yaml")))
            .unwrap();
    let first = &starter.firms()[0].id;
    let here = complete_in(dir.path(), &program, &var, &["rechain", "show", ""]);
    assert!(here.contains(first), "{here:?}");
    assert!(!here.contains(&"lynas".to_owned()), "{here:?}");
    let file = dir.path().join("chain.yaml");
    let there = complete(&["rechain", "show", "-f", file.to_str().unwrap(), ""]);
    assert_eq!(there, here);
}

#[test]
fn bash_itself_completes_show_ly_to_ids() {
    if std::process::Command::new("bash")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("bash not found: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("rechain.bash");
    std::fs::write(&script, rechain(&["completions", "bash"]).stdout).unwrap();
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(
            "source \"$1\"; COMP_WORDS=(rechain show ly); COMP_CWORD=2; COMP_TYPE=9; \
             _clap_complete_rechain rechain ly show; printf '%s\\n' \"${COMPREPLY[@]}\"",
        )
        .arg("bash")
        .arg(&script)
        .current_dir(std::env::temp_dir())
        .output()
        .unwrap();
    let replies = text(&out.stdout);
    assert!(
        replies.lines().any(|l| l == "lynas"),
        "{replies}{}",
        text(&out.stderr)
    );
    assert!(replies.lines().all(|l| l.starts_with("ly")), "{replies}");
}
