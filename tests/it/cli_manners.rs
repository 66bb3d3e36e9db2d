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
