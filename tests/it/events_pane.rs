//! The events timeline and event search hits on the embedded model at 80x24 and 250x60:
//! titles take the room before source ids, every event hit shows its date, and a date
//! change keeps the timeline's place with the newest rows in view.

use rechain::model::{Origin, load};
use rechain::search::Kind;
use rechain::tui::app::{App, Pane};
use rechain::tui::command::Command;
use rechain::tui::msg::Msg;
use rechain::tui::theme::Theme;
use unicode_width::UnicodeWidthStr;

use crate::common::{screen, send};

fn app(width: u16, height: u16) -> App {
    let m = load::load(&Origin::Embedded).expect("embedded model");
    App::new(
        m,
        Theme {
            color: false,
            contrast: false,
        },
        width,
        height,
    )
}

/// The timeline shown and focused.
fn timeline(a: &mut App) {
    send(a, [Command::ToggleEvents]);
    for _ in 0..6 {
        if a.panes.focus == Pane::Events {
            return;
        }
        send(a, [Command::NextPane]);
    }
    panic!("the events pane takes the focus");
}

/// Each row shown: the whole title when it fits beside the date, else as much of it as fits
/// and no source id.
#[test]
fn event_titles_take_the_room_before_their_source_ids() {
    for (w, h) in [(80, 24), (250, 60)] {
        let mut a = app(w, h);
        timeline(&mut a);
        let shown = screen(&a);
        let m = &a.loaded.model;
        let rows = a.panes.event_rows.clone();
        for &e in rows.iter().skip(a.panes.events.offset).take(8) {
            let ev = &m.event(e);
            let start: String = ev.title.chars().take(36).collect();
            let line = shown
                .lines()
                .find(|l| l.contains(&start))
                .unwrap_or_else(|| panic!("{w}: {start} cut: {shown}"));
            let source = format!("[{}", m.source(ev.source).id);
            if !line.contains(&ev.title) {
                assert!(
                    !line.contains(&source),
                    "{w}: the id took the title's room: {line}"
                );
            }
            // Wide, a title cut still reads to its 70th character.
            let long: String = ev.title.chars().take(70).collect();
            assert!(w < 200 || line.contains(&long), "{w}: {line}");
        }
    }
}

/// `J` then a topic at 80x24: every event hit shows its date beside its title.
#[test]
fn every_event_hit_shows_its_date_at_80_columns() {
    let mut a = app(80, 24);
    send(&mut a, [Command::Search]);
    send(&mut a, "export".chars().map(Msg::Input));
    let shown = screen(&a);
    let search = a.search.as_ref().expect("search open");
    let events: Vec<_> = search
        .hits
        .iter()
        .filter(|h| h.kind == Kind::Event)
        .filter_map(|h| match h.entity {
            rechain::model::EntityRef::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    assert!(events.len() >= 5, "{shown}");
    for e in events.into_iter().take(8) {
        let title: String = a.loaded.model.event(e).title.chars().take(35).collect();
        let date = &a.loaded.derived.event_dates[e];
        let Some(line) = shown.lines().find(|l| l.contains(&title)) else {
            continue;
        };
        assert!(line.contains(date.as_str()), "{date}: {line}");
        assert!(line.width() <= 82, "{line}");
    }
}

/// `t`, `<`, `=`: the newest event selected stays the newest, in the first row; an event
/// selected further down stays selected on its row.
#[test]
fn a_date_change_keeps_the_timeline_in_place() {
    let mut a = app(80, 24);
    timeline(&mut a);
    let newest = a.panes.event_rows[0];
    send(&mut a, [Command::YearEarlier]);
    assert!(a.dating.as_of.is_some());
    assert_eq!(a.panes.events.selected, 0, "the newest then");
    send(&mut a, [Command::DateReset]);
    assert!(a.dating.as_of.is_none());
    assert_eq!(
        (a.panes.events.selected, a.panes.events.offset),
        (0, 0),
        "the newest rows in view"
    );
    assert_eq!(a.panes.event_rows[0], newest);
    // A year back, three rows down: back at the model's date, the same event stays selected
    // on the same row.
    send(&mut a, [Command::YearEarlier]);
    send(&mut a, [Command::Down, Command::Down, Command::Down]);
    let picked = a.loaded.model.event(a.panes.event_rows[3]).id.clone();
    send(&mut a, [Command::DateReset]);
    let selected = a.panes.event_rows[a.panes.events.selected];
    assert_eq!(a.loaded.model.event(selected).id, picked);
    assert_eq!(a.panes.events.selected - a.panes.events.offset, 3);
}
