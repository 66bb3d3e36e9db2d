//! Copy, cite, write and open: `y` copies the focused view as Markdown with its sources, `Y`
//! one citable line, `w` writes the view from a status-line prompt, `o` opens a source's URL.

use std::path::PathBuf;

use rechain::model::{Origin, load};
use rechain::tui::app::{App, Overlay, Pane, PromptStep};
use rechain::tui::command::Command;
use rechain::tui::msg::{Effect, Msg, WriteOutcome};
use rechain::tui::run::write_file;
use rechain::tui::theme::Theme;

use crate::common::pty::{Session, fixture};
use crate::common::send;

fn app() -> App {
    let file = fixture();
    let text = std::fs::read_to_string(&file).unwrap();
    let m = load::load_text(&text, Origin::File(file.into())).expect("valid model");
    App::new(
        m,
        Theme {
            color: false,
            contrast: false,
        },
        120,
        40,
    )
}

fn copied(app: &mut App, action: impl Into<Msg>) -> String {
    match app.update(action) {
        Effect::Copy(text) => text,
        other => panic!(
            "expected a copy, got {other:?}; message {:?}",
            app.status.message
        ),
    }
}

/// Fails showing the whole text when `part` is not in it.
fn has(text: &str, part: &str) {
    assert!(text.contains(part), "`{part}` not in:\n{text}");
}

fn message(app: &App) -> String {
    app.status
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[test]
fn y_copies_the_open_overlay_not_the_card() {
    let mut a = app();
    send(&mut a, [Command::ShowSource]);
    assert!(matches!(a.overlay.get().cloned(), Some(Overlay::Source(_))));
    let md = copied(&mut a, Command::Copy);
    assert!(md.starts_with("## Sources\n"), "{md}");
    has(
        &md,
        "### Sources\n\n1. [usgs-2025] U.S. Geological Survey, *Mineral Commodity Summaries 2025: Rare Earths*, 2025, <https://example.org/usgs-2025.pdf>",
    );

    for (open, title) in [
        (Command::ShowRoutes, "## 5 routes from Mining to Magnets"),
        (Command::ShowProblems, "## Problems"),
        (Command::Help, "## Keys"),
        (Command::ShowHistory, "## Mining — history"),
        (Command::ShowPlants, "## Mining"),
    ] {
        let mut a = app();
        send(&mut a, [open]);
        assert!(a.overlay.get().is_some(), "{open:?} opens an overlay");
        let md = copied(&mut a, Command::Copy);
        assert!(md.starts_with(title), "{open:?}: {md}");
    }
}

#[test]
fn y_on_the_card_ends_with_numbered_sources_and_urls() {
    let mut a = app();
    let md = copied(&mut a, Command::Copy);
    assert!(md.starts_with("## Mining\n"), "{md}");
    let list = md.split("### Sources\n\n").nth(1).expect("a source list");
    assert!(list.starts_with("1. [usgs-2025]"), "{list}");
    has(list, "<https://example.org/usgs-2025.pdf>");
}

#[test]
fn shares_in_focus_copy_the_block_and_write_it_as_csv() {
    let mut a = app();
    send(&mut a, [Command::NextPane, Command::NextPane]);
    assert_eq!(a.panes.focus, Pane::Shares);
    let view = a.focused_export();
    assert!(
        view.markdown
            .starts_with("## Mining — 2024 · mine production"),
        "{}",
        view.markdown
    );
    let csv = view.csv.expect("shares are a table");
    assert!(
        csv.starts_with("stage,year,metric,country,percent,source\n"),
        "{csv}"
    );
    has(&csv, "mining,2024,mine production,CN,");
}

#[test]
fn capital_y_cites_the_selected_share_plant_or_firm() {
    let mut a = app();
    send(&mut a, [Command::NextPane, Command::NextPane]);
    let line = copied(&mut a, Command::CopyCitation);
    assert_eq!(
        line,
        "China: 69.2%, mine production, 2024 (U.S. Geological Survey, Mineral Commodity Summaries 2025: Rare Earths, 2025, <https://example.org/usgs-2025.pdf>)"
    );

    let mut a = app();
    send(&mut a, [Command::Down, Command::ShowPlants]);
    let line = copied(&mut a, Command::CopyCitation);
    has(&line, ": capacity ");
    assert!(line.ends_with(')'), "{line}");

    let mut a = app();
    send(&mut a, [Command::Down, Command::NextPane]);
    let line = copied(&mut a, Command::CopyCitation);
    has(&line, "Largest producer of separated rare earths");
}

#[test]
fn capital_y_says_when_nothing_citable_is_selected() {
    let mut a = app();
    send(&mut a, [Command::Help]);
    assert_ne!(a.update(Command::CopyCitation), Effect::Copy(String::new()));
    assert!(
        message(&a).starts_with("nothing citable selected"),
        "{}",
        message(&a)
    );
}

fn prompt_step(a: &App) -> PromptStep {
    a.prompt.as_ref().expect("the prompt is open").step.clone()
}

fn type_name(a: &mut App, name: &str) {
    send(a, name.chars().map(Msg::Input));
}

#[test]
fn w_asks_for_a_name_and_picks_the_format_from_it() {
    let mut a = app();
    send(&mut a, [Command::ShowPlants, Command::WriteView]);
    assert_eq!(prompt_step(&a), PromptStep::FileName);
    // Letters are the name's, not key bindings.
    type_name(&mut a, "plantsx");
    send(&mut a, [Command::DeleteChar]);
    type_name(&mut a, ".csv");
    assert_eq!(a.overlay.get().cloned(), Some(Overlay::Plants));
    let (path, text, overwrite) = enter(&mut a);
    assert_eq!(path, PathBuf::from("plants.csv"));
    assert!(text.starts_with("firm,"), "{text}");
    assert!(!overwrite);
    a.update(Msg::Written(WriteOutcome::Written {
        path: "plants.csv".into(),
    }));
    assert!(a.prompt.is_none());
    assert!(message(&a).starts_with("wrote "), "{}", message(&a));
    assert!(
        message(&a).ends_with(" of CSV to plants.csv"),
        "{}",
        message(&a)
    );
}

#[test]
fn w_refuses_csv_for_a_card_and_adds_md_to_a_bare_name() {
    let mut a = app();
    send(&mut a, [Command::WriteView]);
    type_name(&mut a, "card.csv");
    assert_eq!(a.update(Command::Open), Effect::Redraw);
    let note = a.prompt.as_ref().unwrap().note.clone().unwrap();
    has(&note, "not a table");
    for _ in 0..3 {
        a.update(Command::DeleteChar);
    }
    type_name(&mut a, "txt");
    send(&mut a, (0..4).map(|_| Command::DeleteChar));
    let (path, text, _) = enter(&mut a);
    assert_eq!(path, PathBuf::from("card.md"));
    assert!(text.starts_with("## Mining"), "{text}");
}

#[test]
fn w_never_overwrites_without_a_yes() {
    let mut a = app();
    send(&mut a, [Command::WriteView]);
    type_name(&mut a, "notes.md");
    a.update(Command::Open);
    a.update(Msg::Written(WriteOutcome::Exists {
        path: "notes.md".into(),
    }));
    assert!(matches!(prompt_step(&a), PromptStep::Overwrite(_)));
    // No: back to the name, with the file left alone.
    a.update(Msg::Input('n'));
    assert_eq!(prompt_step(&a), PromptStep::FileName);
    assert!(
        a.prompt
            .as_ref()
            .unwrap()
            .note
            .as_ref()
            .unwrap()
            .contains("left as it was")
    );
    a.update(Command::Open);
    a.update(Msg::Written(WriteOutcome::Exists {
        path: "notes.md".into(),
    }));
    match a.update(Msg::Input('y')) {
        Effect::Write { overwrite, .. } => assert!(overwrite),
        other => panic!("expected a write, got {other:?}"),
    }
    // An error keeps the name for another try.
    a.update(Msg::Written(WriteOutcome::Failed {
        path: "notes.md".into(),
        why: "cannot write notes.md: permission denied".into(),
    }));
    let p = a.prompt.as_ref().unwrap();
    assert_eq!(
        (p.step.clone(), p.input.as_str()),
        (PromptStep::FileName, "notes.md")
    );
    assert!(p.note.as_ref().unwrap().contains("permission denied"));
    a.update(Command::Back);
    assert!(a.prompt.is_none());
    assert_eq!(message(&a), "nothing written");
}

/// Types `name` at the open prompt, presses Enter and does the write the app asks for.
fn write_as(a: &mut App, name: &std::path::Path) -> (PathBuf, WriteOutcome) {
    type_name(a, name.to_str().unwrap());
    let (path, text, overwrite) = enter(a);
    let outcome = write_file(&path, &text, overwrite, None);
    (path, outcome)
}

/// Enter at the prompt: the write the app asks the loop for.
fn enter(a: &mut App) -> (PathBuf, String, bool) {
    match a.update(Command::Open) {
        Effect::Write {
            path,
            text,
            overwrite,
        } => (path, text, overwrite),
        other => panic!("expected a write, got {other:?}"),
    }
}

#[test]
fn w_writes_a_csv_of_plants_and_a_markdown_card_into_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app();
    send(
        &mut a,
        [Command::Down, Command::ShowPlants, Command::WriteView],
    );
    let plants = dir.path().join("plants.csv");
    let (path, outcome) = write_as(&mut a, &plants);
    assert_eq!(
        outcome,
        WriteOutcome::Written {
            path: plants.clone()
        }
    );
    let csv = std::fs::read_to_string(&plants).unwrap();
    assert!(csv.starts_with("firm,") && csv.lines().count() > 1, "{csv}");
    // Again: the file exists, so nothing is written until confirmed.
    assert_eq!(
        write_file(&path, "other", false, None),
        WriteOutcome::Exists {
            path: plants.clone()
        }
    );
    assert_eq!(std::fs::read_to_string(&plants).unwrap(), csv);

    let mut a = app();
    send(&mut a, [Command::WriteView]);
    let (_, outcome) = write_as(&mut a, &dir.path().join("card"));
    assert_eq!(
        outcome,
        WriteOutcome::Written {
            path: dir.path().join("card.md")
        }
    );
    let md = std::fs::read_to_string(dir.path().join("card.md")).unwrap();
    assert!(
        md.starts_with("## Mining\n") && md.contains("### Sources"),
        "{md}"
    );

    let missing = dir.path().join("no/such/dir/x.md");
    match write_file(&missing, "x", false, None) {
        WriteOutcome::Failed { why, .. } => assert!(why.contains("no directory"), "{why}"),
        other => panic!("expected a failure, got {other:?}"),
    }
}

#[test]
fn o_opens_the_url_of_the_selected_source() {
    let mut a = app();
    send(&mut a, [Command::ShowSource]);
    assert_eq!(
        a.update(Command::OpenUrl),
        Effect::OpenUrl("https://example.org/usgs-2025.pdf".into())
    );
    send(&mut a, [Command::Back]);
    assert_eq!(
        a.update(Command::OpenUrl),
        Effect::OpenUrl("https://example.org/usgs-2025.pdf".into())
    );
}

#[test]
fn o_says_when_the_source_has_no_url() {
    let mut a = app();
    send(&mut a, [Command::ShowSource]);
    a.overlay
        .open(Overlay::Source(vec!["lynas-ar-2025".into()]));
    assert_eq!(a.update(Command::OpenUrl), Effect::Redraw);
    assert_eq!(message(&a), "[lynas-ar-2025] has no URL");
}

/// Standard base64 back to bytes.
fn decode_base64(text: &str) -> Vec<u8> {
    const TABLE: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let values: Vec<u32> = text
        .bytes()
        .filter(|&b| b != b'=')
        .map(|b| TABLE.bytes().position(|t| t == b).expect("base64") as u32)
        .collect();
    let mut out = Vec::new();
    for chunk in values.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &v)| n | v << (18 - 6 * i));
        out.extend(n.to_be_bytes()[1..chunk.len()].iter());
    }
    out
}

#[test]
fn pty_y_sends_the_overlay_markdown_by_osc_52() {
    let dir = tempfile::tempdir().unwrap();
    let file = fixture();
    // No display: the copy goes by OSC 52 only, and says so.
    let env = [
        ("DISPLAY", ""),
        ("WAYLAND_DISPLAY", ""),
        ("WSL_DISTRO_NAME", ""),
    ];
    // Wide enough for the whole message beside the model's name and counts.
    let mut s = Session::start(&[file.as_str()], &env, dir.path(), 200, 40);
    s.wait_text("Stages (6)");
    s.send(b"s");
    s.wait_text("publisher");
    s.send(b"y");
    s.wait_text("lines via OSC 52 only — your terminal may ignore it");
    let raw = s.raw_output();
    // The URL in the overlay is a hyperlink too.
    let link = b"\x1b]8;;https://example.org/usgs-2025.pdf\x1b\\https://example.org/usgs-2025.pdf\x1b]8;;\x1b\\";
    assert!(raw.windows(link.len()).any(|w| w == link), "no OSC 8 link");
    let start = raw
        .windows(7)
        .position(|w| w == b"\x1b]52;c;")
        .expect("an OSC 52 sequence")
        + 7;
    let len = raw[start..]
        .iter()
        .position(|&b| b == 7 || b == 0x1b)
        .expect("the sequence ends");
    let md = String::from_utf8(decode_base64(
        std::str::from_utf8(&raw[start..start + len]).unwrap(),
    ))
    .unwrap();
    assert!(md.starts_with("## Sources\n"), "{md}");
    has(&md, "### Sources\n\n1. [usgs-2025] U.S. Geological Survey");
    has(&md, "<https://example.org/usgs-2025.pdf>");
    s.quit();
}

#[test]
fn the_prompt_shows_on_the_status_line_with_its_note() {
    let mut a = app();
    a.update(Msg::Resize {
        width: 80,
        height: 24,
    });
    send(&mut a, [Command::WriteView]);
    type_name(&mut a, "notes");
    let screen = crate::common::screen(&a);
    let status = screen.lines().last().unwrap();
    has(status, "write to (Enter: mining.md): notes▏");
    type_name(&mut a, ".csv");
    a.update(Command::Open);
    let screen = crate::common::screen(&a);
    let status = screen.lines().last().unwrap();
    has(status, "notes.csv▏");
    has(status, "not a table");
}

/// A program named `name` in `dir` that runs the shell `script`.
#[cfg(unix)]
fn fake_program(dir: &std::path::Path, name: &str, script: &str) {
    use std::os::unix::fs::PermissionsExt;
    let file = dir.join(name);
    std::fs::write(&file, format!("#!/bin/sh\n{script}\n")).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[cfg(unix)]
#[test]
fn pty_a_local_clipboard_program_gets_the_text_and_the_message_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let got = dir.path().join("clipboard.txt");
    fake_program(dir.path(), "xclip", &format!("cat > '{}'", got.display()));
    let path = format!(
        "{}:{}",
        dir.path().display(),
        std::env::var("PATH").unwrap()
    );
    let env = [("DISPLAY", ":9"), ("WAYLAND_DISPLAY", ""), ("PATH", &path)];
    let file = fixture();
    let mut s = Session::start(&[file.as_str()], &env, dir.path(), 120, 40);
    s.wait_text("Stages (6)");
    s.send(b"y");
    s.wait_text("lines via xclip and OSC 52");
    s.wait_for("the clipboard file", |_| {
        std::fs::read_to_string(&got).is_ok_and(|t| t.contains("### Sources"))
    });
    let text = std::fs::read_to_string(&got).unwrap();
    assert!(text.starts_with("## Mining\n"), "{text}");
    s.quit();
}

#[cfg(unix)]
#[test]
fn pty_o_runs_the_browser_with_the_url() {
    let dir = tempfile::tempdir().unwrap();
    let got = dir.path().join("opened.txt");
    let browser = dir.path().join("browser");
    fake_program(
        dir.path(),
        "browser",
        &format!("echo \"$1\" > '{}'", got.display()),
    );
    let env = [("BROWSER", browser.to_str().unwrap())];
    let file = fixture();
    let mut s = Session::start(&[file.as_str()], &env, dir.path(), 120, 40);
    s.wait_text("Stages (6)");
    s.send(b"s");
    s.wait_text("publisher");
    s.send(b"o");
    s.wait_text("opened https://example.org/usgs-2025.pdf with");
    s.wait_for("the browser's file", |_| {
        std::fs::read_to_string(&got).is_ok_and(|t| t == "https://example.org/usgs-2025.pdf\n")
    });
    s.quit();
}

#[test]
fn cli_markdown_escapes_markdown_in_model_text() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture()).unwrap().replace(
        "summary: Largest producer of separated rare earths outside China.",
        "summary: \"*Largest* producer <b>of</b> [separated](x) rare_earths | `outside`\"",
    );
    let file = dir.path().join("chain.yaml");
    std::fs::write(&file, text).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rechain"))
        .args(["show", "lynas", "--format", "md", "-f"])
        .arg(&file)
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    has(
        &md,
        "\\*Largest\\* producer &lt;b&gt;of&lt;/b&gt; \\[separated\\](x) rare\\_earths \\| \\`outside\\`  \n",
    );
    has(&md, "### Sources\n\n1. [lynas-ar-2025] Lynas Rare Earths");
}

#[test]
fn keys_for_copy_write_open_and_the_moved_plants_sort() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use rechain::tui::keymap::{Mode, msg_for_key};
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let name = |a: Option<Msg>| match a {
        Some(Msg::Command(c)) => format!("Some({c:?})"),
        other => format!("{other:?}"),
    };
    let action_for_key = |k| msg_for_key(Mode::Panes, k);
    let plants_key = |k| msg_for_key(Mode::Plants, k);
    let prompt_action_for_key = |k| msg_for_key(Mode::Prompt, k);
    assert_eq!(name(action_for_key(key('y'))), "Some(Copy)");
    assert_eq!(name(action_for_key(key('Y'))), "Some(CopyCitation)");
    assert_eq!(name(action_for_key(key('w'))), "Some(WriteView)");
    assert_eq!(name(action_for_key(key('o'))), "Some(OpenUrl)");
    assert_eq!(name(plants_key(key('S'))), "Some(PlantsSort)");
    assert_eq!(name(plants_key(key('Z'))), "Some(PlantsReverse)");
    assert_eq!(name(action_for_key(key('S'))), "None");
    assert_eq!(name(action_for_key(key('O'))), "None");
    // At the prompt, letters are text and Enter, Esc, Backspace edit.
    assert_eq!(name(prompt_action_for_key(key('q'))), "Some(Input('q'))");
    let special = |code| {
        name(prompt_action_for_key(KeyEvent::new(
            code,
            KeyModifiers::NONE,
        )))
    };
    assert_eq!(special(KeyCode::Enter), "Some(Open)");
    assert_eq!(special(KeyCode::Esc), "Some(Back)");
    assert_eq!(special(KeyCode::Backspace), "Some(DeleteChar)");
    assert_eq!(special(KeyCode::Up), "None");
}

/// A model file in a directory of its own, and the app opened on it.
fn app_on_copy(dir: &std::path::Path) -> (App, PathBuf) {
    let model = dir.join("chain.yaml");
    std::fs::copy(fixture(), &model).unwrap();
    let text = std::fs::read_to_string(&model).unwrap();
    let m = load::load_text(&text, Origin::File(model.clone())).expect("valid model");
    (
        App::new(
            m,
            Theme {
                color: false,
                contrast: false,
            },
            120,
            40,
        ),
        model,
    )
}

fn failed_with(outcome: WriteOutcome, part: &str) {
    match outcome {
        WriteOutcome::Failed { why, .. } => has(&why, part),
        other => panic!("expected a refusal naming `{part}`, got {other:?}"),
    }
}

#[cfg(unix)]
#[test]
fn w_refuses_the_open_model_by_any_path() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let (mut a, model) = app_on_copy(dir.path());
    let before = std::fs::read(&model).unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    symlink(&model, dir.path().join("link.yaml")).unwrap();
    symlink(dir.path(), dir.path().join("alias")).unwrap();
    std::fs::hard_link(&model, dir.path().join("hard.yaml")).unwrap();
    let spellings = [
        model.clone(),
        dir.path().join("./chain.yaml"),
        dir.path().join("sub/../chain.yaml"),
        dir.path().join("alias/chain.yaml"),
        dir.path().join("link.yaml"),
        dir.path().join("hard.yaml"),
    ];
    for path in &spellings {
        send(&mut a, [Command::WriteView]);
        let (typed, text, _) = {
            type_name(&mut a, path.to_str().unwrap());
            enter(&mut a)
        };
        // Even with a yes to overwriting, the model is never written.
        for overwrite in [false, true] {
            let outcome = write_file(&typed, &text, overwrite, Some(&model));
            failed_with(outcome.clone(), "is the open model");
            a.update(Msg::Written(outcome));
        }
        a.update(Command::Back);
        assert_eq!(std::fs::read(&model).unwrap(), before, "{}", path.display());
    }
    // Removed meanwhile, its name is still the model's.
    std::fs::remove_file(&model).unwrap();
    failed_with(
        write_file(&dir.path().join("./chain.yaml"), "x", false, Some(&model)),
        "is the open model",
    );
    assert!(!model.exists());
}

#[test]
fn pty_w_onto_the_model_file_refuses_and_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("chain.yaml");
    std::fs::copy(fixture(), &model).unwrap();
    let before = std::fs::read(&model).unwrap();
    let mut s = Session::start(&["chain.yaml"], &[], dir.path(), 200, 40);
    s.wait_text("Stages (6)");
    for name in ["chain.yaml", "./chain.yaml"] {
        s.send(b"w");
        s.wait_text("write to (Enter:");
        s.send(name.as_bytes());
        s.send(b"\r");
        s.wait_text("is the open model");
        // A yes, had the question been asked, changes nothing.
        s.send(b"y");
        s.send(b"\x1b");
        s.wait_gone("write to (Enter:");
        assert_eq!(std::fs::read(&model).unwrap(), before, "{name}");
    }
    s.quit();
    assert_eq!(std::fs::read(&model).unwrap(), before);
}

#[cfg(unix)]
#[test]
fn w_never_writes_through_a_planted_side_file() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.md");
    let victim = dir.path().join("victim.txt");
    std::fs::write(&report, "old").unwrap();
    std::fs::write(&victim, "precious").unwrap();
    let planted = dir.path().join("report.md.rechain-new");
    symlink(&victim, &planted).unwrap();
    assert_eq!(
        write_file(&report, "new", true, None),
        WriteOutcome::Written {
            path: report.clone()
        }
    );
    assert_eq!(std::fs::read_to_string(&report).unwrap(), "new");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert_eq!(std::fs::read_link(&planted).unwrap(), victim);

    // A plain file of that name is someone's file too.
    std::fs::remove_file(&planted).unwrap();
    std::fs::write(&planted, "mine").unwrap();
    write_file(&report, "newer", true, None);
    assert_eq!(std::fs::read_to_string(&report).unwrap(), "newer");
    assert_eq!(std::fs::read_to_string(&planted).unwrap(), "mine");
    // Nothing of the write is left beside it.
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["report.md", "report.md.rechain-new", "victim.txt"]);
}

#[cfg(unix)]
#[test]
fn w_refuses_fifos_devices_sockets_and_directories() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.md");
    let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o644) }, 0);
    let socket = dir.path().join("socket.md");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let sub = dir.path().join("folder.md");
    std::fs::create_dir(&sub).unwrap();
    for (path, kind) in [
        (fifo.as_path(), "it is a FIFO"),
        (std::path::Path::new("/dev/null"), "it is a device"),
        (socket.as_path(), "it is a socket"),
        (sub.as_path(), "it is a directory"),
    ] {
        for overwrite in [false, true] {
            failed_with(write_file(path, "x", overwrite, None), kind);
        }
    }
    let t = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(t.is_fifo());
    assert!(
        std::fs::symlink_metadata(&socket)
            .unwrap()
            .file_type()
            .is_socket()
    );
    assert!(sub.is_dir());
}

#[cfg(unix)]
#[test]
fn w_refuses_a_symlink_naming_where_it_points() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("target.md");
    std::fs::write(&target, "keep").unwrap();
    let link = dir.path().join("link.md");
    symlink(&target, &link).unwrap();
    let dangling = dir.path().join("dangling.md");
    symlink(dir.path().join("nowhere.md"), &dangling).unwrap();
    for overwrite in [false, true] {
        let resolved = std::fs::canonicalize(&target).unwrap();
        let why = format!("it is a symbolic link to {}", resolved.display());
        failed_with(write_file(&link, "x", overwrite, None), &why);
        failed_with(
            write_file(&dangling, "x", overwrite, None),
            "nowhere.md; name the file itself",
        );
    }
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
    assert_eq!(std::fs::read_link(&link).unwrap(), target);
    assert!(!dir.path().join("nowhere.md").exists());
}

#[cfg(unix)]
#[test]
fn w_keeps_the_mode_of_a_replaced_file() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    for mode in [0o600, 0o640, 0o664] {
        let file = dir.path().join(format!("notes-{mode:o}.md"));
        std::fs::write(&file, "old").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(mode)).unwrap();
        let owner = std::fs::metadata(&file).unwrap().uid();
        write_file(&file, "new", true, None);
        let meta = std::fs::metadata(&file).unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "new");
        assert_eq!(meta.mode() & 0o777, mode, "mode of {}", file.display());
        assert_eq!(meta.uid(), owner);
    }
}

#[test]
fn w_refuses_file_names_with_control_or_bidi_characters() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "evil\u{202E}dm.md",
        "two\u{2028}lines.md",
        "para\u{2029}.md",
    ] {
        let mut a = app();
        send(&mut a, [Command::WriteView]);
        type_name(&mut a, &dir.path().join(name).to_string_lossy());
        assert_eq!(a.update(Command::Open), Effect::Redraw, "{name:?}");
        let p = a.prompt.as_ref().unwrap();
        assert_eq!(p.step, PromptStep::FileName);
        let note = p.note.clone().unwrap();
        has(&note, "no control or direction characters");
        assert!(
            !note.contains(['\u{202E}', '\u{2028}', '\u{2029}']),
            "{note:?}"
        );
        // Any other writer meets the same rule.
        failed_with(
            write_file(&dir.path().join(name), "x", false, None),
            "no control or direction characters",
        );
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn the_prompt_shows_unsafe_characters_in_names_as_marks() {
    let mut a = app();
    send(&mut a, [Command::WriteView]);
    type_name(&mut a, "a\u{2028}b\u{2029}c\u{202E}d");
    let screen = crate::common::screen(&a);
    let status = screen.lines().last().unwrap();
    has(status, "a\u{FFFD}b\u{FFFD}c\u{FFFD}d▏");
    // The question before overwriting shows the name the same way.
    a.prompt.as_mut().unwrap().step = PromptStep::Writing(rechain::tui::app::PendingWrite {
        path: "x\u{2028}y.md".into(),
        format: "Markdown",
        lines: 1,
    });
    a.update(Msg::Written(WriteOutcome::Exists {
        path: "x\u{2028}y.md".into(),
    }));
    let screen = crate::common::screen(&a);
    has(
        screen.lines().last().unwrap(),
        "x\u{FFFD}y.md exists: overwrite it?",
    );
    assert!(!screen.contains(['\u{2028}', '\u{2029}', '\u{202E}']));
}

#[test]
fn pty_the_w_prompt_never_sends_separators_or_bidi_controls_raw() {
    let dir = tempfile::tempdir().unwrap();
    let file = fixture();
    let mut s = Session::start(&[file.as_str()], &[], dir.path(), 200, 40);
    s.wait_text("Stages (6)");
    s.send(b"w");
    s.wait_text("write to (Enter:");
    s.send("a\u{2028}b\u{2029}c\u{202E}d.md".as_bytes());
    // The emulator drops U+FFFD from its screen; the bytes show the marks.
    s.wait_text("abcd.md");
    let marked = "a\u{FFFD}b\u{FFFD}c\u{FFFD}d.md".as_bytes();
    assert!(s.raw_output().windows(marked.len()).any(|w| w == marked));
    s.send(b"\r");
    s.wait_text("no control or direction characters");
    s.send(b"\x1b");
    s.wait_gone("write to (Enter:");
    let raw = s.raw_output();
    for c in ['\u{2028}', '\u{2029}', '\u{202E}'] {
        let mut bytes = [0; 4];
        let bytes = c.encode_utf8(&mut bytes).as_bytes();
        assert!(
            !raw.windows(bytes.len()).any(|w| w == bytes),
            "{c:?} sent raw"
        );
    }
    s.quit();
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn pty_y_of_a_view_too_large_for_osc_52_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("big.yaml");
    let text = std::fs::read_to_string(fixture()).unwrap();
    let long = "word ".repeat(40_000);
    let text = text.replacen(
        "    makes: ore and mineral concentrate\n",
        &format!("    makes: ore and mineral concentrate\n    notes: {long}\n"),
        1,
    );
    std::fs::write(&model, text).unwrap();
    let env = [
        ("DISPLAY", ""),
        ("WAYLAND_DISPLAY", ""),
        ("WSL_DISTRO_NAME", ""),
    ];
    let mut s = Session::start(&["big.yaml"], &env, dir.path(), 200, 40);
    s.wait_text("Stages (6)");
    s.send(b"y");
    s.wait_text("nothing copied");
    let raw = s.raw_output();
    assert!(
        !raw.windows(7).any(|w| w == b"\x1b]52;c;"),
        "an OSC 52 sequence was sent"
    );
    s.quit();
}
