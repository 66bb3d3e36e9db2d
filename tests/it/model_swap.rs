//! What the app holds across a change of model — a reload, a date step — refers to entities by
//! id: the plants view, its selected row and the card opened from it follow the plant into the
//! new model, and nothing drawn or opened reads a row of the model before.

use rechain::model::schema::ChainFile;
use rechain::model::{EntityRef, FacilityId, Model, Origin, load};
use rechain::tui::app::{App, Overlay, ReloadDiff};
use rechain::tui::command::Command;
use rechain::tui::msg::Msg;
use rechain::tui::theme::Theme;

use crate::common::shrink::{Drop, shrink};
use crate::common::{screen, send};

fn built_in() -> Model {
    load::load(&Origin::Embedded).unwrap()
}

fn app(m: Model) -> App {
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

/// `j j j j P`: the plants of Magnets.
fn magnets_plants() -> Vec<Msg> {
    let mut keys = crate::msgs![Command::Down; 4];
    keys.push(Command::ShowPlants.into());
    keys
}

fn facility_id(a: &App, x: FacilityId) -> String {
    a.loaded.model.facility(x).id.clone()
}

/// The id of the plant the view has selected.
fn selected_id(a: &App) -> String {
    let x = a.selected_plant().expect("a plant is selected");
    facility_id(a, x)
}

/// Moves the plants view's selection to the plant with `id`.
fn select_plant(a: &mut App, id: &str) {
    send(a, [Command::First]);
    while selected_id(a) != id {
        let before = a.overlay.scroll();
        send(a, [Command::Down]);
        assert_ne!(a.overlay.scroll(), before, "{id} is not in the plants view");
    }
}

/// A reload of `new`, with the changes the watcher works out from `old`.
fn reload(a: &mut App, old: &Model, new: &Model) {
    send(a, [Msg::loaded(Ok(new.clone()))]);
    let diff = rechain::analysis::diff::compare(old.file(), new.file());
    send(a, [Msg::Changes(Box::new(ReloadDiff::new(diff)))]);
}

#[test]
fn enter_on_the_last_plant_after_a_year_back_opens_that_plant() {
    let mut a = app(built_in());
    send(&mut a, magnets_plants());
    send(&mut a, [Command::Last]);
    let last = selected_id(&a);
    send(&mut a, [Command::YearEarlier]);
    assert!(a.dating.as_of.is_some(), "the model is read a year back");
    assert_eq!(
        a.overlay.get().cloned(),
        Some(Overlay::Plants),
        "the view follows the date"
    );
    let shown = selected_id(&a);
    // A plant still listed a year back stays selected (one with an undated status may read
    // `unknown` then and leave the list).
    let listed = a
        .plant_rows()
        .is_some_and(|rows| rows.list.iter().any(|&x| facility_id(&a, x) == last));
    if listed {
        assert_eq!(shown, last, "the selection stays on its plant");
    }
    send(&mut a, [Command::Open]);
    let Some(EntityRef::Facility(x)) = a.subject() else {
        panic!("Enter opens a plant's card, not {:?}", a.subject());
    };
    assert_eq!(facility_id(&a, x), shown);
    assert!(screen(&a).contains(&a.loaded.model.facility(x).name));
}

#[test]
fn the_plants_view_draws_after_a_save_with_one_facility_fewer_and_a_year_back() {
    let old = built_in();
    let mut a = app(old.clone());
    send(&mut a, magnets_plants());
    send(&mut a, [Command::Last]);
    let first_plant = old.facilities()[0].id.clone();
    let new = shrink(
        &old,
        &Drop {
            facilities: &[&first_plant],
            ..Drop::default()
        },
    );
    reload(&mut a, &old, &new);
    assert!(a.loaded.changes.is_some(), "the reload's marks are drawn");
    send(&mut a, [Command::YearEarlier]);
    let shown = screen(&a);
    assert_eq!(a.overlay.get().cloned(), Some(Overlay::Plants));
    let x = a.selected_plant().unwrap();
    // The row may shorten a long name.
    let name: String = a.loaded.model.facility(x).name.chars().take(20).collect();
    assert!(shown.contains(&name), "{shown}");
    // The plant selected a year back, the same one when it was still listed then.
    let then = selected_id(&a);
    send(&mut a, [Command::DateReset]);
    assert_eq!(selected_id(&a), then, "the selection stays on its plant");
    let name: String = a
        .loaded
        .model
        .facility(a.selected_plant().unwrap())
        .name
        .chars()
        .take(20)
        .collect();
    assert!(screen(&a).contains(&name));
}

#[test]
fn after_a_save_without_an_unrelated_facility_enter_opens_the_plant_selected() {
    let old = built_in();
    let mut a = app(old.clone());
    send(&mut a, magnets_plants());
    select_plant(&mut a, "daido-nakatsugawa");
    // A mine, in the file long before Daido: every later facility moves up one place.
    let unrelated = old.facilities()[0].id.clone();
    assert!(
        !old.facilities()[0]
            .stages
            .contains(&old.stage_by_id("magnets").unwrap())
    );
    let new = shrink(
        &old,
        &Drop {
            facilities: &[&unrelated],
            ..Drop::default()
        },
    );
    reload(&mut a, &old, &new);
    assert_eq!(selected_id(&a), "daido-nakatsugawa");
    send(&mut a, [Command::Open]);
    let Some(EntityRef::Facility(x)) = a.subject() else {
        panic!("Enter opens a plant's card, not {:?}", a.subject());
    };
    assert_eq!(facility_id(&a, x), "daido-nakatsugawa");
    assert!(screen(&a).contains("Nakatsugawa magnet plant"));
}

/// `m` saved with `edit` made to its file.
fn edited(m: &Model, edit: impl FnOnce(&mut ChainFile)) -> Model {
    let mut file = m.file().clone();
    edit(&mut file);
    let text = serde_yaml::to_string(&file).unwrap();
    load::load_text(&text, m.origin().clone()).unwrap()
}

#[test]
fn the_history_overlay_keeps_its_stage_when_a_save_reorders_the_stages() {
    let old = built_in();
    let mut a = app(old.clone());
    send(
        &mut a,
        [Command::Down, Command::Down, Command::Down, Command::Down],
    );
    send(&mut a, [Command::ShowHistory]);
    assert!(screen(&a).contains("Magnets — history"), "{}", screen(&a));
    let new = edited(&old, |f| f.stages.reverse());
    assert_ne!(new.stage_by_id("magnets"), old.stage_by_id("magnets"));
    reload(&mut a, &old, &new);
    let Some(Overlay::History { stage, .. }) = a.overlay.get() else {
        panic!("the history stays open: {:?}", a.overlay);
    };
    assert_eq!(stage, "magnets");
    assert!(screen(&a).contains("Magnets — history"), "{}", screen(&a));
}

#[test]
fn the_plants_view_closes_and_says_why_when_a_save_renames_its_stage() {
    let old = built_in();
    let mut a = app(old.clone());
    send(&mut a, magnets_plants());
    send(&mut a, [Command::Last]);
    let rename = |id: &mut String| {
        if id == "magnets" {
            "permanent-magnets".clone_into(id);
        }
    };
    let new = edited(&old, |f| {
        for s in &mut f.stages {
            rename(&mut s.id);
            s.inputs.iter_mut().flatten().for_each(rename);
        }
        for x in f.firms.iter_mut().flat_map(|f| &mut f.facilities) {
            x.stages.iter_mut().for_each(rename);
            for stage in x.capacity.iter_mut().flat_map(|c| &mut c.stage) {
                if &**stage == "magnets" {
                    *stage = "permanent-magnets".into();
                }
            }
        }
        for d in &mut f.demand {
            d.stages.iter_mut().for_each(rename);
        }
    });
    reload(&mut a, &old, &new);
    assert_eq!(a.overlay.get(), None);
    let said = a
        .status
        .log
        .iter()
        .map(|e| e.text.as_str())
        .collect::<Vec<_>>();
    assert!(
        said.contains(&"plants closed: no stage magnets in this model"),
        "{said:?}"
    );
    // `P` opens the renamed stage's plants, which the panes selected by place.
    send(&mut a, [Command::ShowPlants]);
    assert_eq!(a.plants.as_ref().unwrap().stage_id, "permanent-magnets");
    assert!(a.plant_rows().is_some_and(|r| !r.list.is_empty()));
}

#[test]
fn the_share_block_shown_stays_when_a_save_adds_one_before_it() {
    let old = built_in();
    let mut a = app(old.clone());
    // Mining's block from the MCS 2026 edition for 2024, two before its headline.
    send(&mut a, [Command::NextPane, Command::NextPane]);
    send(&mut a, [Command::PrevBlock, Command::PrevBlock]);
    let shown = |a: &App| {
        let b = a.current_block().unwrap();
        (
            a.loaded.model.source(b.source).id.clone(),
            b.year,
            b.metric.clone(),
        )
    };
    let before = shown(&a);
    let new = edited(&old, |f| {
        let mut older = f.stages[0].shares[0].clone();
        older.year = Some(2019);
        f.stages[0].shares.insert(0, older);
    });
    reload(&mut a, &old, &new);
    assert_eq!(shown(&a), before);
}

#[test]
fn the_search_result_selected_stays_selected_across_a_reload() {
    let old = built_in();
    let mut a = app(old.clone());
    send(&mut a, [Command::Search]);
    send(&mut a, "mine".chars().map(Msg::Input));
    send(&mut a, [Command::Down, Command::Down, Command::Down]);
    let picked = |a: &App| {
        let hit = a.search.as_ref().unwrap().selected().unwrap();
        a.loaded.model.entity_id(hit.entity)
    };
    let before = picked(&a);
    let new = shrink(
        &old,
        &Drop {
            events: &[0, 1, 2],
            ..Drop::default()
        },
    );
    reload(&mut a, &old, &new);
    assert_eq!(picked(&a), before);
}

/// `l j l`: the second firm of the first stage, its card open.
fn open_second_firm(a: &mut App) -> String {
    send(a, [Command::Open, Command::Down, Command::Open]);
    let Some(EntityRef::Firm(f)) = a.subject() else {
        panic!("Enter opens a firm's card, not {:?}", a.subject());
    };
    assert_eq!(a.selected_firm(), Some(f));
    a.loaded.model.firm(f).id.clone()
}

fn selected_firm_id(a: &App) -> Option<String> {
    a.selected_firm().map(|f| a.loaded.model.firm(f).id.clone())
}

#[test]
fn a_reload_that_removes_the_selected_firm_drops_it_everywhere() {
    let old = built_in();
    let mut a = app(old.clone());
    let gone = open_second_firm(&mut a);
    let held = a.loaded.stamp(a.subject());
    let new = shrink(
        &old,
        &Drop {
            firms: &[gone.as_str()],
            ..Drop::default()
        },
    );
    reload(&mut a, &old, &new);
    assert!(a.loaded.model.firm_by_id(&gone).is_none());
    assert_eq!(a.loaded.current(&held), None, "the old card is refused");
    let shown = selected_firm_id(&a).expect("a firm still there is selected");
    assert_ne!(shown, gone);
    let subject = a.subject().expect("the card shows what is there");
    assert_ne!(a.loaded.model.entity_id(subject), gone);
}

#[test]
fn a_reload_that_reorders_firms_keeps_the_same_firm_selected() {
    let old = built_in();
    let mut a = app(old.clone());
    let kept = open_second_firm(&mut a);
    let mut file: ChainFile = old.file().clone();
    file.firms.reverse();
    let text = serde_yaml::to_string(&file).unwrap();
    let new = load::load_text(&text, old.origin().clone()).unwrap();
    assert_ne!(
        old.firm_by_id(&kept),
        new.firm_by_id(&kept),
        "the firm moved in the file"
    );
    reload(&mut a, &old, &new);
    assert_eq!(selected_firm_id(&a), Some(kept.clone()));
    let subject = a.subject().expect("the card follows the firm");
    assert_eq!(a.loaded.model.entity_id(subject), kept);
    assert_eq!(subject, EntityRef::Firm(new.firm_by_id(&kept).unwrap()));
}

#[test]
fn an_entity_of_an_older_generation_is_refused() {
    let old = built_in();
    let new = built_in();
    assert_ne!(
        old.generation(),
        new.generation(),
        "each load is a generation"
    );
    let first = EntityRef::Firm(old.firm_ids().next().unwrap());
    let held = old.stamp(first);
    assert_eq!(old.current(&held), Some(&first));
    assert_eq!(old.clone().current(&held), Some(&first));
    assert_eq!(new.current(&held), None);
    let dated = old.as_of(old.as_of_date());
    assert_eq!(
        dated.current(&held),
        None,
        "a reading as of a date is rebuilt"
    );

    let mut a = app(old.clone());
    open_second_firm(&mut a);
    let before = a.loaded.model.generation();
    a.set_model(new);
    assert_ne!(a.loaded.model.generation(), before);
    assert!(
        a.subject().is_some(),
        "the card is stamped again for the new model"
    );
}
