//! Examples for each verb: one table that `--help` and the man pages both print.

/// A command line and what it answers.
pub type Example = (&'static str, &'static str);

/// The examples of `rechain` itself (the app and a sample of verbs), for rechain(1).
pub const RECHAIN: &[Example] = &[
    (
        "rechain",
        "open the app on ./chain.yaml, else the built-in model",
    ),
    (
        "rechain -f ~/notes/chain.yaml --as-of 2024-06",
        "open another model, read as it was in June 2024",
    ),
    (
        "rechain shares separation --exclude CN",
        "who separates rare earths, and what is left without China",
    ),
    (
        "rechain plants magnets --exclude CN --by owner",
        "magnet plants neither in China nor owned from there",
    ),
    (
        "rechain show lynas --format md",
        "a firm's card as Markdown, with its sources",
    ),
    (
        "rechain check",
        "every problem in ./chain.yaml, as file:line:col",
    ),
];

/// The examples of each verb, by its name.
pub const VERBS: &[(&str, &[Example])] = &[
    (
        "check",
        &[
            (
                "rechain check",
                "check ./chain.yaml (or the built-in model)",
            ),
            (
                "rechain check --strict my-chain.yaml",
                "fail on warnings too: stale plans, secondary citations, old sources",
            ),
            (
                "rechain check --strict --today 2026-12-06",
                "judge planned dates as of a given day instead of the system date",
            ),
            (
                "rechain check --format json | jq '.problems[0]'",
                "the first problem as JSON",
            ),
        ],
    ),
    (
        "info",
        &[
            (
                "rechain info",
                "which model is used, its date and counts, and paths",
            ),
            (
                "rechain info -f my-chain.yaml --format json",
                "the same for a file, as JSON",
            ),
        ],
    ),
    (
        "export",
        &[
            (
                "rechain export --format yaml > my-chain.yaml",
                "a copy of the built-in model to edit",
            ),
            (
                "rechain export --as-of 2024 | jq '.firms | length'",
                "how many firms the model knew of in 2024",
            ),
        ],
    ),
    (
        "init",
        &[(
            "rechain init my-chain.yaml",
            "a small commented starter model (never overwrites a file)",
        )],
    ),
    (
        "list",
        &[
            ("rechain list stages", "the stages in chain order"),
            (
                "rechain list events --as-of 2025-06",
                "events up to June 2025, newest first",
            ),
            (
                "rechain list events --tag export-control",
                "the events on one topic, newest first",
            ),
            (
                "rechain list firms --format csv > firms.csv",
                "every firm as CSV",
            ),
        ],
    ),
    (
        "shares",
        &[
            (
                "rechain shares",
                "every stage's country shares with top-3 and HHI",
            ),
            (
                "rechain shares separation --exclude CN",
                "the share left without China",
            ),
            ("rechain shares mining --year 2024", "only the 2024 blocks"),
        ],
    ),
    (
        "history",
        &[
            (
                "rechain history separation",
                "shares by source and year, capacity by year, the pipeline",
            ),
            (
                "rechain history magnets --country JP --format csv",
                "one country's figures as a long table",
            ),
        ],
    ),
    (
        "routes",
        &[
            (
                "rechain routes --exclude CN",
                "ore-to-magnet routes that avoid China",
            ),
            (
                "rechain routes --exclude CN --by owner --status all",
                "also avoiding Chinese owners, counting plants not yet producing",
            ),
            (
                "rechain routes --exclude CN --exclude-facility mp-mountain-pass",
                "what is left outside China if Mountain Pass stops",
            ),
        ],
    ),
    (
        "resilience",
        &[
            (
                "rechain resilience --exclude CN",
                "the plants whose loss ends every route outside China",
            ),
            (
                "rechain resilience separation magnets --format json",
                "HHI, top share and N−1 of two stages against the published lines",
            ),
            (
                "rechain resilience --exclude CN --by owner --status all",
                "the same avoiding Chinese owners, with plants not yet producing",
            ),
        ],
    ),
    (
        "plants",
        &[
            (
                "rechain plants magnets --exclude CN",
                "magnet plants outside China",
            ),
            (
                "rechain plants separation --product dysprosium,Tb",
                "separation plants making Dy or Tb (symbols or names)",
            ),
            (
                "rechain plants mining --status pipeline --sort country",
                "mines in the pipeline, by country",
            ),
        ],
    ),
    (
        "capacity",
        &[
            ("rechain capacity magnets", "nameplate capacity by country"),
            (
                "rechain capacity separation --exclude CN --format md",
                "what is left without China, as Markdown",
            ),
        ],
    ),
    (
        "balance",
        &[
            (
                "rechain balance --exclude CN --by either",
                "each stage's supply outside China against demand, and the first short year",
            ),
            (
                "rechain balance separation --scenario APS --years 2025..2035 --format csv",
                "one stage and scenario, as CSV",
            ),
            (
                "rechain balance magnets --utilisation 0.7 --ramp 0.2,0.5,0.8,1",
                "the same with slower plants",
            ),
        ],
    ),
    (
        "search",
        &[
            ("rechain search \"korea zink\"", "typos allowed"),
            (
                "rechain search \"export control\" --kind event",
                "only events",
            ),
            (
                "rechain search japan --tag export-control",
                "events on one topic that match, newest first",
            ),
        ],
    ),
    (
        "completions",
        &[
            (
                "rechain completions bash > ~/.local/share/bash-completion/completions/rechain",
                "bash: then `rechain show ly<TAB>` lists ids",
            ),
            ("source <(rechain completions zsh)", "zsh: in ~/.zshrc"),
            (
                "rechain completions fish > ~/.config/fish/completions/rechain.fish",
                "fish",
            ),
        ],
    ),
    (
        "man",
        &[
            (
                "rechain man --dir ~/.local/share/man/man1",
                "every page; then `man rechain`, `man rechain-plants`",
            ),
            ("rechain man plants | man -l -", "read one verb's page now"),
        ],
    ),
    (
        "schema",
        &[
            (
                "rechain schema > rechain.schema.json",
                "next to the model, for editors that check YAML",
            ),
            (
                "rechain schema --config > config.schema.json",
                "the settings file's schema",
            ),
        ],
    ),
    (
        "diff",
        &[
            (
                "rechain diff old.yaml chain.yaml",
                "what changed between two files",
            ),
            (
                "rechain diff git:HEAD~1 git:HEAD --format md",
                "the last commit's changes to chain.yaml",
            ),
        ],
    ),
    (
        "show",
        &[
            ("rechain show lynas", "a firm's card by id"),
            ("rechain show \"mount weld\"", "by name, typos allowed"),
            ("rechain show CN --format json", "a country as JSON"),
        ],
    ),
];

/// The examples of `verb`; none for a name that has no entry.
pub fn of(verb: &str) -> &'static [Example] {
    VERBS
        .iter()
        .find(|(name, _)| *name == verb)
        .map_or(&[], |(_, examples)| examples)
}

/// Examples as `--help` ends with them: what each answers as a shell comment, then the line.
pub fn help_text(examples: &[Example]) -> String {
    let mut text = String::from("Examples:");
    for (line, what) in examples {
        for part in ["\n  # ", what, "\n  ", line] {
            text.push_str(part);
        }
    }
    text
}
