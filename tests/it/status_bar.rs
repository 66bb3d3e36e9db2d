//! The status bar at 80 columns: a long message shows its point and where the rest is, the
//! date read at leaves the message its room, and the `w` prompt keeps its question in view
//! while a long name scrolls.

use rechain::model::{Origin, load};
use rechain::tui::app::App;
use rechain::tui::command::Command;
use rechain::tui::msg::Msg;
use rechain::tui::theme::Theme;

use crate::common::{screen, send};

fn app() -> App {
    let m = load::load_text(
        include_str!("../fixtures/ui.yaml"),
        Origin::File("tests/fixtures/ui.yaml".into()),
    )
    .expect("fixture");
    App::new(
        m,
        Theme {
            color: false,
            contrast: false,
        },
        80,
        24,
    )
}

fn status_line(app: &App) -> String {
    let text = screen(app);
    let last = text.lines().last().unwrap_or_default();
    last.trim_matches('"').to_owned()
}

fn say(app: &mut App, text: &str) {
    app.update(Msg::Say {
        text: text.to_owned(),
        error: false,
    });
}

/// Every message of the copy, too long for 80 columns, shows what was done and `L`.
#[test]
fn a_long_message_shows_its_point_then_where_the_rest_is() {
    use rechain::tui::clipboard::{Copied, Local, copy_message, failed_message};
    let cases = [
        (
            copy_message(
                10,
                &Copied {
                    osc52: true,
                    local: Local::None,
                },
            )
            .0,
            "sent 10 lines via OSC 52 only",
        ),
        (
            copy_message(
                10,
                &Copied {
                    osc52: true,
                    local: Local::Failed(
                        "wl-copy",
                        "No such file or directory (os error 2)".into(),
                    ),
                },
            )
            .0,
            "sent 10 lines via OSC 52 only",
        ),
        (
            copy_message(
                900,
                &Copied {
                    osc52: false,
                    local: Local::None,
                },
            )
            .0,
            "nothing copied",
        ),
        (
            failed_message("xclip", "exit status: 1", true),
            "sent via OSC 52 only",
        ),
        (
            "the built-in model is read-only; to edit a copy: `rechain export --format yaml > \
             chain.yaml`, then `rechain chain.yaml`"
                .to_owned(),
            "the built-in model is read-only",
        ),
    ];
    for (text, point) in cases {
        let mut a = app();
        say(&mut a, &text);
        let line = status_line(&a);
        assert!(line.contains(point), "{text}\n{line}");
        if !line.contains(&text) {
            assert!(line.contains("L: whole message"), "{line}");
            assert!(!line.contains('…'), "cut at a clause, not a word: {line}");
        }
        // The whole message is in the log.
        assert_eq!(
            a.status.log.last().map(|e| e.text.as_str()),
            Some(text.as_str())
        );
    }
}

/// Read at a date, a message keeps its room: the date stays, the model's own date goes.
#[test]
fn the_date_read_at_leaves_a_message_its_room() {
    let mut a = app();
    a.dating.as_of = Some("2025-06".parse().expect("date"));
    let quiet = status_line(&a);
    assert!(quiet.contains("as of 2025-06 (model "), "{quiet}");
    say(&mut a, "nothing selected cites a source");
    let line = status_line(&a);
    assert!(line.contains("as of 2025-06"), "{line}");
    assert!(line.contains("nothing selected cites a source"), "{line}");
}

/// `w`, then a name longer than the bar: the question's start stays, the name's end shows.
#[test]
fn the_write_prompt_keeps_its_question_while_the_name_scrolls() {
    let mut a = app();
    send(&mut a, [Command::WriteView]);
    let name = "reports/the-meeting-on-magnets-without-china-in-2026-june-final-version.md";
    send(&mut a, name.chars().map(Msg::Input));
    let line = status_line(&a);
    assert!(line.trim_start().starts_with("write to (Enter: "), "{line}");
    assert!(line.contains("final-version.md▏"), "{line}");
    assert!(line.contains('…'), "the name's start is cut: {line}");
}
