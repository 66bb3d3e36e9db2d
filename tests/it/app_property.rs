//! Random sequences of actions — keys, mouse, resizes down to 1x1, reloads between different
//! models (empty ones, ones without the selected entity) and failed reloads — applied to
//! `App::update` and rendered at random sizes: no panic, every selection inside the model, and
//! a failed reload keeps the last good model. Seeded, so every run tries the same cases; set
//! `RECHAIN_APP_CASES` to try more.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rechain::model::{EntityRef, LoadError, Model, Origin, load};
use rechain::tui::action::Action;
use rechain::tui::app::{App, Overlay};
use rechain::tui::theme::Theme;

use crate::common::rng::Rng;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ui.yaml");
const EMPTY: &str =
    "version: 1\nmeta:\n  title: Empty\n  as_of: 2025-11-30\nstages: []\nfirms: []\n";

fn model(text: &str) -> Model {
    load::load_text(text, Origin::File(FIXTURE.into())).expect("valid model")
}

/// Valid models that differ in what they contain, so reloads drop and move entities.
fn models() -> Vec<Model> {
    let fixture = std::fs::read_to_string(FIXTURE).unwrap();
    let start = fixture.find("  - id: mp\n").unwrap();
    let end = fixture.find("  - id: shenghe\n").unwrap();
    let without_mp: String = format!("{}{}", &fixture[..start], &fixture[end..])
        .lines()
        .filter(|l| !l.contains("mp-") && !l.contains("to: mp,") && !l.contains("[fund, mp]"))
        .collect::<Vec<_>>()
        .join("\n");
    vec![
        model(&fixture),
        model(&without_mp),
        model(EMPTY),
        model(&rechain::synth::generate(10)),
        model(&rechain::synth::generate(120)),
        load::load(&Origin::Embedded).unwrap(),
    ]
}

fn failed_load() -> LoadError {
    let bad = std::fs::read_to_string(FIXTURE)
        .unwrap()
        .replace("hq: AU", "hq: AX");
    load::load_text(&bad, Origin::File(FIXTURE.into())).unwrap_err()
}

fn random_action(rng: &mut Rng, app: &App, models: &[Model], bad: &LoadError) -> Action {
    let (w, h) = (app.width, app.height);
    let column = rng.below(w as usize + 3) as u16;
    let row = rng.below(h as usize + 3) as u16;
    match rng.below(46) {
        0 => Action::Up,
        2 => Action::PageUp,
        3 => Action::PageDown,
        4 => Action::First,
        5 => Action::Last,
        6 => Action::NextPane,
        7 => Action::PrevPane,
        8 | 9 => Action::Open,
        10 => Action::Back,
        11 => Action::NextBlock,
        12 => Action::PrevBlock,
        13 => Action::ToggleEvents,
        14 => Action::ToggleEventFilter,
        15 => Action::ShowSource,
        16 => Action::Search,
        17 => Action::SearchInput(['l', 'y', 'n', 'a', 's', ' ', 'é', '\u{200b}'][rng.below(8)]),
        18 => Action::SearchPaste(["lynas", "mine\nmag", "", "\u{1b}[31m"][rng.below(4)].into()),
        19 => Action::SearchBackspace,
        20 => Action::SearchClear,
        21 => Action::ShowProblems,
        22 => Action::ToggleExclusion,
        23 => Action::ClearExclusions,
        24 => Action::ShowRoutes,
        25 => Action::Help,
        26 => Action::Reload,
        27 => Action::Copy,
        28 => Action::Edit,
        29 => Action::Click { column, row },
        30 => Action::ScrollUp { column, row },
        31 => Action::ScrollDown { column, row },
        32 | 33 => Action::Resize {
            width: rng.size(220),
            height: rng.size(70),
        },
        34 | 35 => {
            let m = models[rng.below(models.len())].clone();
            Action::loaded(Ok(m))
        }
        36 => Action::loaded(Err(bad.clone())),
        37 => Action::FileRemoved,
        38 => Action::ExpireMessage(rng.below(4) as u64),
        39 => Action::CopyCitation,
        40 => Action::WriteView,
        41 => Action::OpenUrl,
        42 => Action::PromptInput(['a', 'y', 'n', '.', '/'][rng.below(5)]),
        43 => Action::PromptBackspace,
        44 => Action::Written(rechain::tui::action::WriteOutcome::Exists {
            path: "x.md".into(),
        }),
        _ => Action::Down,
    }
}

fn entity_in(m: &Model, e: EntityRef) -> bool {
    match e {
        EntityRef::Firm(i) => i < m.firms.len(),
        EntityRef::Facility(i) => i < m.facilities.len(),
        EntityRef::Stage(i) => i < m.stages.len(),
        EntityRef::Country(i) => i < m.countries.len(),
        EntityRef::Element(i) => i < m.elements.len(),
        EntityRef::Event(i) => i < m.events.len(),
        EntityRef::Link(i) => i < m.links.len(),
        EntityRef::Source(i) => i < m.sources.len(),
    }
}

fn assert_valid(app: &App, context: &str) {
    let m = &app.model;
    assert!(app.stages.selected < m.stages.len().max(1), "{context}");
    assert!(
        app.firms.selected < app.firm_rows().len().max(1),
        "{context}"
    );
    assert!(
        app.shares.selected < app.share_rows().len().max(1),
        "{context}"
    );
    assert!(
        app.events.selected < app.event_rows.len().max(1),
        "{context}"
    );
    assert!(
        app.event_rows.iter().all(|&e| e < m.events.len()),
        "{context}"
    );
    assert!(app.card_scroll <= app.card_max_scroll, "{context}");
    if let Some(s) = app.selected_stage() {
        assert!(app.block < m.stages[s].shares.len().max(1), "{context}");
    }
    assert!(
        app.country.is_none_or(|c| c < m.countries.len()),
        "{context}"
    );
    for e in [app.subject, app.event_context].into_iter().flatten() {
        assert!(entity_in(m, e), "{context}: {e:?} not in the model");
    }
    if let Some(Overlay::Source(list)) = &app.overlay {
        assert!(list.iter().all(|&s| s < m.sources.len()), "{context}");
    }
    if let Some(search) = &app.search {
        assert!(
            search.hits.iter().all(|h| entity_in(m, h.entity)),
            "{context}"
        );
        assert!(
            search.cursor.selected < search.hits.len().max(1),
            "{context}"
        );
    }
    assert!(
        app.what_if.excluded.iter().all(|&c| c < m.countries.len()),
        "{context}"
    );
}

fn cases() -> usize {
    crate::common::env_number("RECHAIN_APP_CASES", 80) as usize
}

#[test]
fn random_actions_keep_the_app_valid_and_renderable() {
    let models = models();
    let bad = failed_load();
    for case in 0..cases() {
        let seed = 0x9E37_79B9_7F4A_7C15 ^ (case as u64).wrapping_mul(0xD1B5_4A32_D192_ED03);
        let mut rng = Rng(seed | 1);
        let first = models[rng.below(models.len())].clone();
        let mut app = App::new(
            first,
            Theme {
                color: case % 2 == 0,
            },
            80,
            24,
        );
        let mut history: Vec<String> = Vec::new();
        for step in 0..60 {
            let action = random_action(&mut rng, &app, &models, &bad);
            history.push(format!("{action:.60?}"));
            let context = || format!("case {case} (seed {seed:#x}) step {step}: {history:?}");
            let failed = matches!(&action, Action::Loaded(r) if r.is_err());
            let before = (
                app.model.title.clone(),
                app.model.firms.len(),
                app.model.stages.len(),
            );
            app.update(action);
            if failed {
                let after = (
                    app.model.title.clone(),
                    app.model.firms.len(),
                    app.model.stages.len(),
                );
                assert_eq!(
                    before,
                    after,
                    "{}: a failed reload replaced the model",
                    context()
                );
                assert!(app.banner().is_some(), "{}", context());
            }
            app.retired.clear();
            assert_valid(&app, &context());
            if step % 3 == 0 {
                // Usually the app's own size; sometimes a frame that disagrees with it, as
                // between a resize and its event.
                let (w, h) = if rng.chance(80) {
                    (app.width, app.height)
                } else {
                    (rng.size(160), rng.size(50))
                };
                let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
                terminal
                    .draw(|f| rechain::tui::ui::render(&app, f))
                    .unwrap_or_else(|e| panic!("{}: {e}", context()));
            }
        }
    }
}
