//! The built-in model in a terminal of 80x24, keys as a user types them: the plants of a
//! stage read as a table with each plant's name, country and status and where the page
//! sits; `/jap` leaves the Japanese plants; `t` then a tag filter lists a topic newest first.
//! (`:plants magnets --exclude CN` is typed in `command_line`.)

use rechain::analysis::plants::{PlantQuery, plants};
use rechain::model::{Model, Origin, load};
use rechain::present::plants::firm_short;

use crate::common::pty::Session;

fn built_in() -> Model {
    load::load(&Origin::Embedded).expect("embedded model")
}

/// The app on the built-in model with the plants of `stage` open.
fn plants_of(m: &Model, stage: &str) -> (Session, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(&[], &[], dir.path(), 80, 24);
    s.wait_text("Stages (");
    let at = m.stage_by_id(stage).expect("stage");
    for _ in 0..at.index() {
        s.send(b"j");
    }
    s.send(b"P");
    s.wait_text(&format!("{}: ", m.stage(at).name));
    s.settle();
    (s, dir)
}

/// The rows of the plants table on screen, after its heading, up to its bottom border.
fn plant_lines(screen: &str) -> Vec<String> {
    screen
        .lines()
        .skip_while(|l| !(l.contains("Firm") && l.contains("Facility")))
        .skip(1)
        .take_while(|l| !l.contains('┗'))
        .map(|l| {
            l.split('┃')
                .nth(1)
                .unwrap_or_default()
                .trim_end()
                .to_owned()
        })
        .filter(|l| !l.trim().is_empty())
        .collect()
}

#[test]
fn the_plants_of_magnets_name_each_plant_with_its_country_and_status_and_the_position() {
    let m = built_in();
    let (mut s, _dir) = plants_of(&m, "magnets");
    let magnets = m.stage_by_id("magnets").unwrap();
    let list = plants(&m, magnets, &PlantQuery::default());
    let screen = s.screen_text();
    let lines = plant_lines(&screen);
    assert!(lines.len() >= 10, "{screen}");
    for (line, &x) in lines.iter().zip(&list) {
        let f = &m.facility(x);
        let facility: String = f.name.chars().take(12).collect();
        let firm: String = firm_short(m.firm(f.firm)).chars().take(6).collect();
        assert!(
            line.contains(&facility) || line.contains(&firm),
            "{} of {}: {line}\n{screen}",
            f.name,
            m.firm(f.firm).name
        );
        let code = &m.country(f.country).code;
        assert!(line.contains(&format!("  {code}  ")), "{code}: {line}");
        assert!(line.contains(f.status.as_str()), "{line}");
    }
    let footer = screen
        .lines()
        .find(|l| l.contains('┗'))
        .expect("the table's bottom border");
    let n = list.len();
    let shown = lines.len().min(n);
    assert!(
        footer.contains(&format!(" 1–{shown} of {n} ")),
        "{footer}\n{screen}"
    );
    s.quit();
}

#[test]
fn slash_jap_in_the_plants_leaves_only_japanese_plants() {
    let m = built_in();
    let (mut s, _dir) = plants_of(&m, "magnets");
    let before = plant_lines(&s.screen_text());
    assert!(
        before.iter().any(|l| !l.contains("  JP  ")),
        "plants outside Japan listed first"
    );
    s.send(b"/jap");
    s.wait_text("/jap▏");
    s.send(b"\r");
    s.wait_for("the filter kept", |screen| {
        let text = screen.contents();
        text.contains("/jap ") && !text.contains("/jap▏")
    });
    s.settle();
    let screen = s.screen_text();
    let lines = plant_lines(&screen);
    assert!(!lines.is_empty(), "{screen}");
    for line in &lines {
        assert!(line.contains("  JP  "), "{line}\n{screen}");
    }
    let n = lines.len();
    assert!(screen.contains(&format!(" 1–{n} of {n} ")), "{screen}");
    s.send(b"\x1b");
    s.wait_gone("/jap");
    s.quit();
}

#[test]
fn t_then_a_tag_filter_lists_export_control_events_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(&[], &[], dir.path(), 80, 24);
    s.wait_text("Stages (");
    // The timeline, focused, of every event.
    s.send(b"t");
    s.wait_text("Events");
    s.send(b"\x1b[Z");
    s.send(b"f");
    s.wait_text("all events");
    s.send(b"/#export-control\r");
    s.wait_text("Events /#export-control ");
    s.settle();
    let screen = s.screen_text();
    let dates: Vec<String> = screen
        .lines()
        .skip_while(|l| !l.contains("Events /#export-control"))
        .skip(1)
        .take_while(|l| !l.contains('┗'))
        .filter_map(|l| {
            let row = l.split('┃').nth(1)?;
            let date = row
                .trim_start_matches(['▶', ' '])
                .split_whitespace()
                .next()?;
            date.starts_with("20").then(|| date.to_owned())
        })
        .collect();
    assert!(dates.len() >= 8, "{screen}");
    for pair in dates.windows(2) {
        assert!(pair[0] >= pair[1], "not newest first: {pair:?}\n{screen}");
    }
    assert!(screen.contains("export"), "{screen}");
    s.quit();
}
