//! Random sequences of actions — keys, mouse, resizes down to 1x1, the plants view and Enter on
//! its rows, date steps (read at once or off the UI thread, answers arriving late), reloads
//! between different models (empty ones, ones without the selected entity, ones a save left
//! with fewer facilities, firms and events) and failed reloads — applied to `App::update` and
//! rendered at random sizes: no panic, every selection inside the model, Enter on a plant opens
//! that plant, a change of model keeps the selected plant, and a failed reload keeps the last
//! good model. Writes of the focused view (`w`) to hostile targets in a temporary directory (the
//! open model by several paths and a hard link, symbolic links, a FIFO, a directory, names with
//! control or bidirectional characters) never change the model or write through a link. Seeded,
//! so every run tries the same cases; set `RECHAIN_APP_CASES` to try more.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rechain::analysis::diff::compare;
use rechain::model::{Date, EntityRef, LoadError, Model, Origin, load};
use rechain::tui::app::{App, Overlay, PromptStep, ReloadDiff};
use rechain::tui::command::Command;
use rechain::tui::msg::{Effect, Msg, WriteOutcome};
use rechain::tui::run::write_file;
use rechain::tui::theme::Theme;

use crate::common::rng::Rng;
use crate::common::shrink::{Drop, shrink};

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

/// Smaller and smaller copies of `m`, as saves that delete entities leave it: each drops more
/// facilities, firms and events than the one before.
fn shrinking(m: &Model, rng: &mut Rng) -> Vec<Model> {
    let mut facilities: Vec<&str> = m.facilities().iter().map(|x| x.id.as_str()).collect();
    let mut firms: Vec<&str> = m.firms().iter().map(|f| f.id.as_str()).collect();
    for list in [&mut facilities, &mut firms] {
        for i in (1..list.len()).rev() {
            list.swap(i, rng.below(i + 1));
        }
    }
    let events: Vec<usize> = (0..m.events().len()).collect();
    (1..=3)
        .map(|k| {
            let part = |n: usize| (n * k).div_ceil(6);
            shrink(
                m,
                &Drop {
                    facilities: &facilities[..part(facilities.len())],
                    firms: &firms[..part(firms.len()) / 2],
                    events: &events[..part(events.len())],
                },
            )
        })
        .collect()
}

/// The models reloads choose from, and the smaller ones a save may leave of each; shared, as
/// the watcher hands them over, so a reload costs no copy.
struct Models {
    all: Vec<Arc<Model>>,
    shrunk: Vec<Arc<Model>>,
}

impl Models {
    fn new() -> Models {
        let all = models();
        let mut rng = Rng(0x5EED);
        let shrunk = [0, 4, 5]
            .iter()
            .flat_map(|&i| shrinking(&all[i], &mut rng))
            .map(Arc::new)
            .collect();
        Models {
            all: all.into_iter().map(Arc::new).collect(),
            shrunk,
        }
    }

    /// A model with fewer entities than `m`, from the same file where there is one.
    fn smaller(&self, m: &Model, rng: &mut Rng) -> Arc<Model> {
        let same: Vec<&Arc<Model>> = (self.shrunk.iter())
            .filter(|s| s.title() == m.title() && s.entity_count() < m.entity_count())
            .collect();
        Arc::clone(if same.is_empty() {
            rng.pick(&self.shrunk)
        } else {
            *rng.pick(&same)
        })
    }
}

fn failed_load() -> LoadError {
    let bad = std::fs::read_to_string(FIXTURE)
        .unwrap()
        .replace("hq: AU", "hq: AX");
    load::load_text(&bad, Origin::File(FIXTURE.into())).unwrap_err()
}

fn reloaded(m: Arc<Model>) -> Msg {
    Msg::Loaded(Box::new(Ok(m)))
}

/// A random message: most often a command drawn from the whole list of them (so a new command
/// is tried without this test changing), else typed text, the mouse, a resize or a result
/// from the loop's threads.
fn random_action(rng: &mut Rng, app: &App, models: &Models, bad: &LoadError) -> Msg {
    let (w, h) = (app.width, app.height);
    let column = rng.below(w as usize + 3) as u16;
    let row = rng.below(h as usize + 3) as u16;
    match rng.below(64) {
        0 => Msg::Input(['l', 'y', 'n', 'a', 's', ' ', 'é', '\u{200b}', '/', '.'][rng.below(10)]),
        1 => Msg::Paste(["lynas", "mine\nmag", "", "\u{1b}[31m"][rng.below(4)].into()),
        2 => Msg::Click { column, row },
        3 => Msg::ScrollUp { column, row },
        4 => Msg::ScrollDown { column, row },
        5 | 6 => Msg::Resize {
            width: rng.size(220),
            height: rng.size(70),
        },
        7 | 8 => reloaded(Arc::clone(rng.pick(&models.all))),
        9 => Msg::loaded(Err(bad.clone())),
        10 => Msg::FileRemoved,
        11 => Msg::ExpireMessage(rng.below(4) as u64),
        12 => Msg::Written(WriteOutcome::Exists {
            path: "x.md".into(),
        }),
        13 | 14 => reloaded(models.smaller(app.loaded_model(), rng)),
        // The plants view and Enter on its rows, more often than chance would open them.
        15..=17 => Command::ShowPlants.into(),
        18 | 19 => Command::Open.into(),
        _ => Msg::Command(*rng.pick(Command::ALL)),
    }
}

fn assert_valid(app: &App, context: &str) {
    let m = &app.loaded.model;
    assert!(
        app.panes.stages.selected < m.stages().len().max(1),
        "{context}"
    );
    assert!(
        app.panes.firms.selected < app.firm_rows().len().max(1),
        "{context}"
    );
    assert!(
        app.panes.shares.selected < app.share_rows().len().max(1),
        "{context}"
    );
    assert!(
        app.panes.events.selected < app.panes.event_rows.len().max(1),
        "{context}"
    );
    assert!(
        app.panes
            .event_rows
            .iter()
            .all(|&e| m.get_event(e).is_some()),
        "{context}"
    );
    assert!(app.card.scroll <= app.card.max_scroll, "{context}");
    if let Some(s) = app.selected_stage() {
        assert!(
            app.panes.block < m.stage(s).shares.len().max(1),
            "{context}"
        );
    }
    assert!(
        app.country_scope()
            .is_none_or(|c| m.get_country(c).is_some()),
        "{context}"
    );
    for e in [app.subject(), app.event_context()].into_iter().flatten() {
        assert!(m.holds(e), "{context}: {e:?} not in the model");
    }
    assert!(
        app.listed_sources()
            .iter()
            .all(|&s| m.get_source(s).is_some()),
        "{context}"
    );
    match app.overlay.get() {
        Some(Overlay::Plants) => {
            let view = app.plants.as_ref().expect("the plants view is open");
            let rows = app.plant_rows().expect("its rows are of the current model");
            assert_eq!(m.stage(rows.stage).id, view.stage_id, "{context}");
            assert!(
                rows.list.iter().all(|&x| m.get_facility(x).is_some()),
                "{context}"
            );
            assert!(app.overlay.scroll() < rows.list.len().max(1), "{context}");
        }
        Some(Overlay::History { stage, .. }) => {
            assert!(
                m.stage_by_id(stage).is_some(),
                "{context}: no stage {stage}"
            );
        }
        _ => {}
    }
    if let Some(search) = &app.search {
        assert!(search.hits.iter().all(|h| m.holds(h.entity)), "{context}");
        assert!(
            search.cursor.selected < search.hits.len().max(1),
            "{context}"
        );
    }
    assert!(
        app.what_if
            .excluded
            .iter()
            .all(|&c| m.get_country(c).is_some()),
        "{context}"
    );
}

fn cases() -> usize {
    crate::common::env_number("RECHAIN_APP_CASES", 80) as usize
}

/// A read as of a date that the loop has not answered yet.
struct PendingRead {
    serial: u64,
    date: Date,
    base: Arc<Model>,
}

/// The id of the plant the plants view has selected, while it is open.
fn selected_plant_id(app: &App) -> Option<String> {
    if !app.overlay.is(&Overlay::Plants) {
        return None;
    }
    let x = app.selected_plant()?;
    Some(app.loaded.model.facility(x).id.clone())
}

/// An action as the failure report lists it: a model by its title and size, not in full.
fn short(action: &Msg) -> String {
    let model = |m: &Model| format!("{:?} ({} entities)", m.title(), m.entity_count());
    match action {
        Msg::Loaded(result) => match result.as_ref() {
            Ok(m) => format!("Loaded({})", model(m)),
            Err(_) => "Loaded(failed)".to_owned(),
        },
        Msg::Dated {
            serial, model: m, ..
        } => format!("Dated({serial}, {})", model(m)),
        other => format!("{other:.60?}"),
    }
}

fn changes_model(action: &Msg) -> bool {
    match action {
        Msg::Loaded(result) => result.is_ok(),
        Msg::Command(c) if c.months().is_some() => true,
        Msg::Dated { .. } | Msg::Command(Command::DateReset) => true,
        _ => false,
    }
}

#[test]
fn random_actions_keep_the_app_valid_and_renderable() {
    let models = Models::new();
    let bad = failed_load();
    for case in 0..cases() {
        let seed = 0x9E37_79B9_7F4A_7C15 ^ (case as u64).wrapping_mul(0xD1B5_4A32_D192_ED03);
        let mut rng = Rng(seed | 1);
        let first: &Arc<Model> = rng.pick(&models.all);
        let first = Model::clone(first);
        let mut app = App::new(
            first,
            Theme {
                color: case % 2 == 0,
                contrast: case % 3 == 0,
            },
            80,
            24,
        );
        // One case in three reads every date off the UI thread, its answers arriving late.
        if case % 3 == 1 {
            app.dating.read_inline_below = 0;
        }
        let mut pending: Vec<PendingRead> = Vec::new();
        let mut history: Vec<String> = Vec::new();
        for step in 0..60 {
            let mut action = random_action(&mut rng, &app, &models, &bad);
            if !pending.is_empty() && rng.chance(15) {
                let read = pending.remove(rng.below(pending.len()));
                action = Msg::dated(read.serial, read.base.as_of(read.date));
            }
            let failed = matches!(&action, Msg::Loaded(r) if r.is_err());
            // Some reloads are followed by their changes, worked out as the watcher does, so
            // rows carry marks.
            let marked = match &action {
                Msg::Loaded(result) if rng.chance(40) => (result.as_ref().as_ref().ok())
                    .map(|m| (Arc::clone(app.loaded_model()), Arc::clone(m))),
                _ => None,
            };
            let marks = if marked.is_some() { " +changes" } else { "" };
            history.push(format!("{}{marks}", short(&action)));
            let context = || format!("case {case} (seed {seed:#x}) step {step}: {history:?}");
            // Enter opens the plant where the plants view has the keys (not while its filter,
            // the search box, the prompt or the command line is typed).
            let opens_plant = matches!(action, Msg::Command(Command::Open))
                && app.mode() == rechain::tui::keymap::Mode::Plants;
            let plant = selected_plant_id(&app);
            let swaps = changes_model(&action);
            let before = (
                app.loaded.model.title().to_owned(),
                app.loaded.model.firms().len(),
                app.loaded.model.stages().len(),
            );
            if let Effect::ReadAsOf { date, serial } = app.update(action) {
                let base = Arc::clone(app.loaded_model());
                pending.push(PendingRead { serial, date, base });
            }
            if failed {
                let after = (
                    app.loaded.model.title().to_owned(),
                    app.loaded.model.firms().len(),
                    app.loaded.model.stages().len(),
                );
                assert_eq!(
                    before,
                    after,
                    "{}: a failed reload replaced the model",
                    context()
                );
                assert!(app.banner().is_some(), "{}", context());
            }
            if opens_plant && let Some(id) = &plant {
                let opened = match app.subject() {
                    Some(EntityRef::Facility(x)) => Some(&app.loaded.model.facility(x).id),
                    _ => None,
                };
                assert_eq!(opened, Some(id), "{}: Enter opened another card", context());
            }
            if swaps && let Some(id) = &plant {
                // Where the plant is still listed, the selection stays on it.
                let m = &app.loaded.model;
                let listed = (app.plant_rows().map(|r| r.list.as_slice()))
                    .is_some_and(|l| l.iter().any(|&x| m.facility(x).id == *id));
                if listed && app.overlay.is(&Overlay::Plants) {
                    let now = selected_plant_id(&app);
                    assert_eq!(now.as_ref(), Some(id), "{}: the selection moved", context());
                }
            }
            if let Some((old, new)) = marked {
                let diff = compare(old.file(), new.file());
                app.update(Msg::Changes(Box::new(ReloadDiff::new(diff))));
            }
            drop(app.take_retired());
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

/// A temporary directory holding the open model and hostile places to write a view to, and a
/// second one outside it that links point into.
struct WriteBed {
    dir: PathBuf,
    model: PathBuf,
    model_text: Vec<u8>,
    victim: PathBuf,
    /// Where a link that leads nowhere would create a file if it were followed.
    beyond: PathBuf,
    /// Each target as typed at the prompt, and whether a write there may happen.
    targets: Vec<(String, bool)>,
    _keep: (tempfile::TempDir, tempfile::TempDir),
}

impl WriteBed {
    fn new() -> WriteBed {
        use std::os::unix::fs::{PermissionsExt, symlink};
        let (keep_dir, keep_outside) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let dir = keep_dir.path().canonicalize().unwrap();
        let outside = keep_outside.path().canonicalize().unwrap();
        let model = dir.join("chain.yaml");
        let model_text = std::fs::read(FIXTURE).unwrap();
        std::fs::write(&model, &model_text).unwrap();
        let victim = outside.join("victim.md");
        std::fs::write(&victim, "the victim\n").unwrap();
        let beyond = outside.join("nothing-yet.md");
        std::fs::create_dir(dir.join("sub")).unwrap();
        std::fs::create_dir(dir.join("folder.md")).unwrap();
        std::fs::write(dir.join("sub/keep.txt"), "kept\n").unwrap();
        std::fs::hard_link(&model, dir.join("hard.yaml")).unwrap();
        symlink(&model, dir.join("to-model.md")).unwrap();
        symlink(&victim, dir.join("to-victim.md")).unwrap();
        symlink(&beyond, dir.join("dangling.md")).unwrap();
        // A side file prepared where a careless writer would put its temporary copy.
        symlink(&victim, dir.join("report.md.rechain-new")).unwrap();
        let fifo =
            std::ffi::CString::new(dir.join("pipe.md").into_os_string().into_encoded_bytes())
                .unwrap();
        // SAFETY: a valid C string naming a path in the test's own directory.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
        let private = dir.join("private.md");
        std::fs::write(&private, "mine\n").unwrap();
        std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o600)).unwrap();

        // The model by a path relative to the working directory, as a user in it would type.
        let cwd = std::env::current_dir().unwrap();
        let up = "../".repeat(cwd.components().count() - 1);
        let relative = format!("{up}{}", model.strip_prefix("/").unwrap().display());
        let at = |name: &str| dir.join(name).display().to_string();
        let refused = [
            at("chain.yaml"),
            format!("{}/./chain.yaml", dir.display()),
            format!("{}/sub/../chain.yaml", dir.display()),
            format!("{}//chain.yaml", dir.display()),
            relative,
            at("hard.yaml"),
            at("to-model.md"),
            at("to-victim.md"),
            at("dangling.md"),
            at("pipe.md"),
            at("sub/"),
            at("folder.md"),
            at("x\u{202e}dm.md"),
            at("a\u{2028}b.md"),
            at("c\u{2067}d.md"),
        ];
        // `sub` is written as `sub.md`; the escape is dropped as it is typed.
        let allowed = [
            at("report.md"),
            at("private.md"),
            at("fresh.csv"),
            at("sub"),
            at("e\u{1b}[2Jf.md"),
        ];
        let targets = (refused.into_iter().map(|t| (t, false)))
            .chain(allowed.into_iter().map(|t| (t, true)))
            .collect();
        WriteBed {
            dir,
            model,
            model_text,
            victim,
            beyond,
            targets,
            _keep: (keep_dir, keep_outside),
        }
    }

    /// The loop's write, done only where the bed is: a path anywhere else fails the test
    /// before anything is written.
    fn write(&self, path: &Path, text: &str, overwrite: bool, context: &str) -> WriteOutcome {
        let absolute = std::env::current_dir().unwrap().join(path);
        let mut resolved = PathBuf::new();
        for part in absolute.components() {
            match part {
                std::path::Component::ParentDir => {
                    resolved.pop();
                }
                std::path::Component::CurDir => {}
                other => resolved.push(other),
            }
        }
        assert!(
            resolved.starts_with(&self.dir),
            "{context}: a write outside the test directory: {}",
            path.display()
        );
        write_file(path, text, overwrite, Some(&self.model))
    }

    /// Nothing the bed holds was changed but the files a write may replace or create.
    fn assert_intact(&self, context: &str) {
        use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
        let meta = |p: &Path| std::fs::symlink_metadata(p).unwrap();
        assert_eq!(
            std::fs::read(&self.model).unwrap(),
            self.model_text,
            "{context}: the model changed"
        );
        let model = meta(&self.model);
        assert_eq!(
            model.ino(),
            meta(&self.dir.join("hard.yaml")).ino(),
            "{context}: the hard link was replaced"
        );
        assert_eq!(
            std::fs::read_to_string(&self.victim).unwrap(),
            "the victim\n",
            "{context}: written through a link"
        );
        assert!(
            !self.beyond.exists(),
            "{context}: a file created through a dangling link"
        );
        for link in [
            "to-model.md",
            "to-victim.md",
            "dangling.md",
            "report.md.rechain-new",
        ] {
            assert!(
                meta(&self.dir.join(link)).file_type().is_symlink(),
                "{context}: {link} replaced"
            );
        }
        assert!(
            meta(&self.dir.join("pipe.md")).file_type().is_fifo(),
            "{context}: the FIFO replaced"
        );
        assert_eq!(
            std::fs::read_to_string(self.dir.join("sub/keep.txt")).unwrap(),
            "kept\n",
            "{context}"
        );
        let private = meta(&self.dir.join("private.md"));
        assert_eq!(
            private.permissions().mode() & 0o777,
            0o600,
            "{context}: the mode was reset"
        );
        for entry in std::fs::read_dir(&self.dir).unwrap() {
            let name = entry.unwrap().file_name();
            let name = name.to_string_lossy();
            assert!(
                rechain::text::first_unsafe(&name).is_none(),
                "{context}: a file named with an unsafe character: {name:?}"
            );
            assert!(
                !name.ends_with(".tmp"),
                "{context}: a side file left behind: {name}"
            );
        }
    }
}

#[test]
fn random_writes_never_touch_the_model_or_write_through_a_link() {
    let bed = WriteBed::new();
    let bad = failed_load();
    let models = Models::new();
    let open = load::load(&Origin::File(bed.model.clone())).expect("the copied fixture loads");
    let cases = cases().div_ceil(4);
    for case in 0..cases {
        let seed = 0xA076_1D64_78BD_642F ^ (case as u64).wrapping_mul(0xE703_7ED1_A0B4_28DB);
        let mut rng = Rng(seed | 1);
        let mut app = App::new(
            open.clone(),
            Theme {
                color: false,
                contrast: false,
            },
            100,
            30,
        );
        let mut history: Vec<String> = Vec::new();
        for step in 0..40 {
            let context = format!("case {case} (seed {seed:#x}) step {step}: {history:?}");
            if rng.chance(50) {
                if app.prompt.is_some() {
                    // Keys typed into an open prompt could name a file in the working
                    // directory: the prompt is closed first.
                    app.update(Command::Back);
                    app.update(Command::Back);
                    continue;
                }
                // Anything but a reload, which would change the open model, or a write.
                let action = random_action(&mut rng, &app, &models, &bad);
                if matches!(
                    action,
                    Msg::Loaded(_)
                        | Msg::FileRemoved
                        | Msg::Command(Command::WriteView)
                        | Msg::Written(_)
                ) {
                    continue;
                }
                history.push(short(&action));
                app.update(action);
                continue;
            }
            if app.prompt.is_some() {
                app.update(Command::Back);
                app.update(Command::Back);
            }
            app.update(Command::WriteView);
            let Some(prompt) = &app.prompt else {
                continue;
            };
            assert!(prompt.input.is_empty(), "{context}");
            let (target, allowed) = rng.pick(&bed.targets).clone();
            history.push(format!("w {target:?}"));
            if rng.chance(50) {
                app.update(Msg::Paste(target.clone()));
            } else {
                for c in target.chars() {
                    app.update(Msg::Input(c));
                }
            }
            let mut effect = app.update(Command::Open);
            let mut outcomes = Vec::new();
            while let Effect::Write {
                path,
                text,
                overwrite,
            } = effect
            {
                let outcome = bed.write(&path, &text, overwrite, &context);
                outcomes.push(outcome.clone());
                app.update(Msg::Written(outcome));
                effect = match &app.prompt {
                    Some(p) if matches!(p.step, PromptStep::Overwrite(_)) => {
                        app.update(Msg::Input(if rng.chance(50) { 'y' } else { 'n' }))
                    }
                    _ => Effect::None,
                };
            }
            let wrote = outcomes
                .iter()
                .any(|o| matches!(o, WriteOutcome::Written { .. }));
            assert!(
                allowed || !wrote,
                "{context}: wrote to {target:?}: {outcomes:?}"
            );
            if !allowed {
                assert!(
                    app.prompt.as_ref().is_some_and(|p| p.note.is_some()),
                    "{context}: {target:?} refused without a word"
                );
            }
            bed.assert_intact(&context);
            if step % 5 == 0 {
                let mut terminal = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
                terminal
                    .draw(|f| rechain::tui::ui::render(&app, f))
                    .unwrap_or_else(|e| panic!("{context}: {e}"));
            }
        }
    }
    bed.assert_intact("at the end");
}
