//! The plants view on tests/fixtures/capacity.yaml at 80x24 and 120x40: columns give way to
//! the width, status and capacity with its unit are never cut, and Enter opens the card.

use insta::assert_snapshot;
use rechain::model::{EntityRef, Origin, load};
use rechain::tui::app::{App, Overlay};
use rechain::tui::command::Command;
use rechain::tui::msg::Msg;
use rechain::tui::theme::Theme;

use crate::common::{screen, send};

fn app(width: u16, height: u16) -> App {
    let text = include_str!("../fixtures/capacity.yaml");
    let m = load::load_text(text, Origin::File("tests/fixtures/capacity.yaml".into()))
        .expect("fixture is valid");
    App::new(
        m,
        Theme {
            color: true,
            contrast: false,
        },
        width,
        height,
    )
}

/// Magnets, every status, sorted by capacity.
fn magnets_by_capacity() -> Vec<Msg> {
    let mut actions = crate::msgs![Command::Down; 4];
    actions.push(Command::ShowPlants.into());
    actions.extend(crate::msgs![Command::PlantsStatus, Command::PlantsStatus]);
    actions.extend(std::iter::repeat_n(Msg::from(Command::PlantsSort), 6));
    actions
}

#[test]
fn plants_table_fits_both_sizes() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(w, h);
        send(&mut a, magnets_by_capacity());
        let shown = screen(&a);
        assert!(shown.contains("t NdFeB/yr"), "{shown}");
        // Narrow, the status keeps its year so firm and country keep their columns.
        let status = if w < 100 {
            "construction 2025"
        } else {
            "construction 2025-06"
        };
        assert!(shown.contains(status), "{shown}");
        assert!(shown.contains("Firm") && shown.contains(" In "), "{shown}");
        assert_snapshot!(format!("plants_magnets_{w}x{h}"), shown);
    }
}

#[test]
fn plants_filter_by_product_and_open_a_card() {
    let mut a = app(120, 40);
    // Separation, operating; the product filter steps through Pr, Nd, then Dy.
    send(
        &mut a,
        crate::msgs![Command::Down, Command::Down, Command::ShowPlants],
    );
    assert_eq!(a.overlay.get().cloned(), Some(Overlay::Plants));
    assert_eq!(
        a.plant_rows().unwrap().list.len(),
        2,
        "Dragon's and Usco's separation plants"
    );
    send(&mut a, crate::msgs![Command::PlantsProduct; 3]);
    let view = a.plants.as_ref().unwrap();
    assert_eq!(view.query.product.as_deref(), Some("Dy"));
    assert_eq!(a.plant_rows().unwrap().list.len(), 1);
    send(&mut a, crate::msgs![Command::Open]);
    assert_eq!(a.overlay.get(), None);
    let m = &a.loaded.model;
    let us_sep = m.facility_ids().find(|&x| m.facility(x).id == "us-sep");
    assert_eq!(a.subject(), us_sep.map(EntityRef::Facility));
}

#[test]
fn the_exclusion_mode_toggle_takes_out_plants_owned_from_china() {
    let mut a = app(120, 40);
    let cn = a.loaded.model.country_by_code("CN").unwrap();
    a.what_if.excluded.insert(cn);
    // Concentration: Ngualla (TZ) is Dragon's through Peakco.
    send(&mut a, crate::msgs![Command::Down, Command::ShowPlants]);
    let ids = |a: &App| -> Vec<String> {
        a.plant_rows()
            .unwrap()
            .list
            .iter()
            .map(|&x| a.loaded.model.facility(x).id.clone())
            .collect()
    };
    assert_eq!(ids(&a), ["au-mine", "peakco-ngualla"]);
    send(&mut a, crate::msgs![Command::CycleExclusionMode]);
    assert_eq!(ids(&a), ["au-mine"]);
    assert!(
        screen(&a).contains("excluding CN by owner"),
        "{}",
        screen(&a)
    );
    send(
        &mut a,
        crate::msgs![Command::CycleExclusionMode, Command::CycleExclusionMode],
    );
    assert_eq!(ids(&a), ["au-mine", "peakco-ngualla"]);
}

/// `/` in the plants view, then `jap`, as keys through the keymap: only the Japanese plants
/// are left, the title says the filter, Enter keeps it for the view's own keys, Esc clears it
/// before it closes the view.
#[test]
fn slash_filters_the_plants_in_place() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use rechain::tui::keymap::{Mode, msg_for_key};
    let press = |a: &mut App, code| {
        let msg = msg_for_key(a.mode(), KeyEvent::new(code, KeyModifiers::NONE));
        a.update(msg.expect("bound or typed"))
    };
    let mut a = app(80, 24);
    send(&mut a, magnets_by_capacity());
    let all = a.plant_rows().unwrap().list.len();
    let japanese = |a: &App| {
        let m = &a.loaded.model;
        let rows = &a.plant_rows().unwrap().list;
        !rows.is_empty()
            && rows
                .iter()
                .all(|&x| m.country(m.facility(x).country).code == "JP")
    };
    assert!(!japanese(&a), "the fixture lists plants outside Japan");
    press(&mut a, KeyCode::Char('/'));
    assert_eq!(a.mode(), Mode::Filter);
    for c in "jap".chars() {
        press(&mut a, KeyCode::Char(c));
    }
    assert!(japanese(&a));
    let shown = screen(&a);
    assert!(shown.contains("/jap▏"), "{shown}");
    // Enter keeps the filter; S sorts again, as in the unfiltered view.
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.mode(), Mode::Plants);
    assert!(a.overlay.is(&Overlay::Plants) && japanese(&a));
    press(&mut a, KeyCode::Char('S'));
    assert!(japanese(&a));
    // A typo still finds them; Esc clears the filter, then closes the view.
    press(&mut a, KeyCode::Char('/'));
    press(&mut a, KeyCode::Backspace);
    for c in "n".chars() {
        press(&mut a, KeyCode::Char(c));
    }
    assert_eq!(a.filters.overlay.text(), "jan");
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.plant_rows().unwrap().list.len(), all);
    press(&mut a, KeyCode::Char('/'));
    for c in "japn".chars() {
        press(&mut a, KeyCode::Char(c));
    }
    assert!(japanese(&a));
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Esc);
    assert!(a.overlay.is(&Overlay::Plants));
    assert_eq!(a.plant_rows().unwrap().list.len(), all);
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.overlay.get(), None);
}

/// The embedded model's Metal & alloy plants at 80x24 and 250x60: the facility keeps most of
/// its name, the firm its short name, every row its country and status, the status column no
/// wider than the statuses listed, and the footer starts with the position.
#[test]
fn real_plants_name_their_facility_first_at_80_and_250_columns() {
    use rechain::model::load::load;
    use rechain::present::plants::firm_short;
    for (w, h) in [(80, 24), (250, 60)] {
        let m = load(&Origin::Embedded).expect("embedded model");
        let stage = m.stage_by_id("metal-alloy").expect("stage");
        let mut a = App::new(
            m,
            Theme {
                color: false,
                contrast: false,
            },
            w,
            h,
        );
        send(&mut a, crate::msgs![Command::Down; stage.index()]);
        send(&mut a, crate::msgs![Command::ShowPlants]);
        let shown = screen(&a);
        let rows = a.plant_rows().expect("plants open");
        let m = &a.loaded.model;
        assert!(rows.list.len() > 5, "{shown}");
        let n = rows.list.len();
        assert!(shown.contains(&format!(" 1–{n} of {n} · ")), "{shown}");
        for &x in &rows.list {
            let f = &m.facility(x);
            let name: String = f.name.chars().take(20).collect();
            let line = shown
                .lines()
                .find(|l| l.contains(&name))
                .unwrap_or_else(|| panic!("{name} cut shorter than 20 at {w}: {shown}"));
            let status = f.status.as_str();
            let code = &m.country(f.country).code;
            assert!(
                line.contains(&format!("  {code}  ")) && line.contains(status),
                "{line}"
            );
            let firm = firm_short(m.firm(f.firm));
            let firm: String = firm.chars().take(3).collect();
            assert!(line.contains(&firm), "{firm} at {w}: {line}");
        }
        // Only operating or ramping plants: the widest status is `operating 2025`.
        assert!(
            shown.contains("Status          Capacity"),
            "status sized to what it holds at {w}: {shown}"
        );
    }
}

#[test]
fn firms_shorten_to_their_initials_or_the_name_before_its_brackets() {
    use rechain::model::load::load;
    use rechain::present::plants::firm_short;
    let m = load(&Origin::Embedded).expect("embedded model");
    let short = |name: &str| {
        let firm = m.firms().iter().find(|f| f.name == name).expect(name);
        firm_short(firm)
    };
    assert_eq!(short("Australian Strategic Materials"), "ASM");
    assert_eq!(short("Saskatchewan Research Council"), "SRC");
    assert_eq!(short("VAC (Vacuumschmelze)"), "VAC");
    // A ticker or a brand is not a short name.
    assert_eq!(short("Mkango Resources"), "Mkango Resources");
    assert_eq!(short("MP Materials"), "MP Materials");
}
