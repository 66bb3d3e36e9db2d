//! The app's date control and history chart, on the time fixture.

use insta::assert_snapshot;
use rechain::model::{Model, Origin, load};
use rechain::tui::app::{App, Overlay};
use rechain::tui::command::Command;
use rechain::tui::msg::Msg;
use rechain::tui::theme::Theme;

use crate::common::{screen, send};

fn fixture() -> Model {
    let text = include_str!("../fixtures/time.yaml");
    load::load_text(text, Origin::File("tests/fixtures/time.yaml".into()))
        .expect("fixture is valid")
}

/// At 80x24 without colour: what `NO_COLOR` gives.
fn app() -> App {
    App::new(
        fixture(),
        Theme {
            color: false,
            contrast: false,
        },
        80,
        24,
    )
}

#[test]
fn history_chart_at_80x24_without_colour() {
    let mut a = app();
    send(&mut a, [Command::ShowHistory]);
    assert!(matches!(
        a.overlay.get().cloned(),
        Some(Overlay::History { .. })
    ));
    assert_snapshot!("history_chart_80x24_no_color", screen(&a));
    // The next source series, and the chart closes with the key that opened it.
    send(&mut a, [Command::NextBlock]);
    assert_snapshot!("history_chart_second_series_80x24_no_color", screen(&a));
    send(&mut a, [Command::ShowHistory]);
    assert!(a.overlay.get().is_none());
}

/// The multi-year series at three sizes: the legend on the heading's line or the one below,
/// never over the plot; the latest values written beside their points.
#[test]
fn history_chart_keeps_its_legend_off_the_plot_and_labels_its_points() {
    for (w, h) in [(80, 24), (120, 40), (250, 60)] {
        let mut a = app();
        send(
            &mut a,
            [Msg::Resize {
                width: w,
                height: h,
            }],
        );
        send(&mut a, [Command::ShowHistory, Command::NextBlock]);
        let text = screen(&a);
        let lines: Vec<&str> = text.lines().collect();
        let legend = lines.iter().position(|l| l.contains("█ CN  • US  ▄ AU"));
        let plot_top = lines.iter().position(|l| l.contains("70%│"));
        assert!(legend.is_some() && legend < plot_top, "{w}x{h}\n{text}");
        assert!(
            !text.contains("│█ CN│"),
            "a boxed legend over the plot at {w}x{h}"
        );
        for value in ["66%", "14%"] {
            assert!(text.contains(value), "{value} at {w}x{h}\n{text}");
        }
        assert_snapshot!(format!("history_chart_{w}x{h}"), text);
    }
}

/// A series of one year reads as a table, with each country's percent.
#[test]
fn history_of_one_year_is_a_table() {
    let mut a = app();
    send(&mut a, [Command::ShowHistory]);
    let text = screen(&a);
    assert!(text.contains("(one year: a table)"), "{text}");
    assert!(text.contains("█ CN      70.0%"), "{text}");
    assert!(!text.contains("70%│"), "{text}");
}

#[test]
fn stepping_the_date_reads_the_model_then_and_keeps_the_selection() {
    let mut a = app();
    // Select the Beta firm at the mining stage.
    send(&mut a, [Command::NextPane, Command::Down]);
    let firm = a.selected_firm().map(|f| a.loaded.model.firm(f).id.clone());
    assert_eq!(firm.as_deref(), Some("beta"));
    send(&mut a, [Command::YearEarlier]);
    assert_eq!(
        a.dating.as_of.map(|d| d.to_string()).as_deref(),
        Some("2025-03")
    );
    assert_eq!(a.loaded.model.as_of_date().to_string(), "2025-03");
    let firm = a.selected_firm().map(|f| a.loaded.model.firm(f).id.clone());
    assert_eq!(firm.as_deref(), Some("beta"));
    assert!(screen(&a).contains("as of 2025-03 (model 2026-03-01)"));
    // Beta's mine is still being built then.
    let mine = a
        .loaded
        .model
        .facilities()
        .iter()
        .find(|x| x.id == "beta-mine")
        .unwrap();
    assert_eq!(mine.status.as_str(), "construction");
    send(&mut a, [Command::MonthEarlier, Command::YearEarlier]);
    assert_eq!(a.loaded.model.as_of_date().to_string(), "2024-02");
    assert!(a.loaded.model.lookup("beta-mine").is_none());
    send(&mut a, [Command::DateReset]);
    assert!(a.dating.as_of.is_none());
    assert_eq!(a.loaded.model.as_of_date().to_string(), "2026-03-01");
    assert!(!screen(&a).contains("as of 2025"));
}

#[test]
fn stepping_past_the_models_date_returns_to_it() {
    let mut a = app();
    send(&mut a, [Command::MonthLater]);
    assert!(a.dating.as_of.is_none());
    send(&mut a, [Command::MonthEarlier]);
    assert_eq!(a.loaded.model.as_of_date().to_string(), "2026-02");
    send(&mut a, [Command::YearLater]);
    assert!(a.dating.as_of.is_none());
    assert_eq!(a.loaded.model.as_of_date().to_string(), "2026-03-01");
}

#[test]
fn a_reload_keeps_the_date() {
    let mut a = app();
    send(&mut a, [Command::YearEarlier; 2]);
    send(&mut a, [Msg::loaded(Ok(fixture()))]);
    assert_eq!(a.loaded.model.as_of_date().to_string(), "2024-03");
    assert_eq!(
        a.dating
            .base
            .as_ref()
            .map(|m| m.as_of_date().to_string())
            .as_deref(),
        Some("2026-03-01")
    );
}

#[test]
fn edit_opens_the_file_at_the_entity_even_as_of_a_date() {
    let mut a = app();
    // Beta's old pit, third of its facilities; as of 2023 the first two are not there yet.
    send(
        &mut a,
        [
            Command::YearEarlier,
            Command::YearEarlier,
            Command::YearEarlier,
        ],
    );
    send(&mut a, [Command::MonthEarlier; 2]);
    assert_eq!(a.loaded.model.as_of_date().to_string(), "2023-01");
    let pit = a.loaded.model.lookup("beta-old").unwrap();
    let whole = fixture();
    let expected = whole.entity_line(whole.lookup("beta-old").unwrap());
    assert!(expected > 0);
    send(
        &mut a,
        crate::msgs![
            Command::Search,
            Msg::Paste("Beta old pit".into()),
            Command::Open,
        ],
    );
    assert_eq!(a.subject(), Some(pit));
    match a.update(Command::Edit) {
        rechain::tui::msg::Effect::Edit { line, .. } => assert_eq!(line, expected),
        other => panic!("expected an edit, got {other:?}"),
    }
}
