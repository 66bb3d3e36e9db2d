//! The share block and the what-if read the same in the CLI, the stage card and the app's
//! panes: one heading (with `projection`), one summary, one what-is-left line, and cards that
//! say why the owner rule took something out.

use std::path::Path;

use rechain::analysis::whatif::{ExcludeBy, Exclusion, ExclusionMode};
use rechain::model::{EntityRef, Model, Origin, load};
use rechain::present::card::card;
use rechain::present::doc::Doc;
use rechain::present::shares::summary;
use rechain::tui::app::{App, Pane};
use rechain::tui::command::Command;
use rechain::tui::theme::Theme;

use crate::common::cli::{rechain_in, text};
use crate::common::send;

const ROUTES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/routes.yaml");

/// Two blocks after the model's date, one whose metric already says so in capitals; one block
/// with 0.3% unreported (under the threshold), one with 0.7% (over it).
const PROJECTIONS: &str = "version: 1
meta: { title: T, as_of: 2026-01-01 }
sources: { s: { publisher: P, title: T, year: 2025 } }
countries: { CN: China, US: United States }
stages:
  - id: a
    name: Alpha
    shares:
      - { year: 2025, metric: output, source: s, countries: { CN: 80, US: 19.7 } }
      - { year: 2030, metric: output, source: s, countries: { CN: 60, US: 39.3 } }
      - { year: 2031, metric: Output Projection, source: s, countries: { CN: 50, US: 50 } }
";

/// Dragon (CN) owns a plant in Australia; Usco (US) runs one in China.
const OWNERS: &str = "version: 1
meta: { title: T, as_of: 2026-01-01 }
sources: { s: { publisher: P, title: T, year: 2025 } }
countries: { CN: China, US: United States, AU: Australia }
stages:
  - id: magnets
    name: Magnets
    shares:
      - { year: 2025, metric: output, source: s, countries: { CN: 90, US: 5 } }
firms:
  - id: dragon
    name: Dragon
    hq: CN
    summary: A Chinese group.
    facilities:
      - { id: dragon-au, name: Dragon Perth, country: AU, stages: [magnets], status: operating }
  - id: usco
    name: Usco
    hq: US
    summary: An American firm.
    facilities:
      - { id: usco-cn, name: Usco Ningbo, country: CN, stages: [magnets], status: operating }
";

fn model(text: &str) -> Model {
    load::load_text(text, Origin::Embedded).expect("valid")
}

fn written(dir: &Path, text: &str) -> String {
    let path = dir.join("chain.yaml");
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

fn cli(dir: &Path, args: &[&str]) -> String {
    let out = rechain_in(dir, args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    text(&out.stdout)
}

fn plain(doc: &Doc) -> String {
    doc.to_plain_text()
}

/// The shares pane of the first stage, its first row's country excluded.
fn excluding_first_row(m: Model) -> App {
    let mut a = App::new(
        m,
        Theme {
            color: false,
            contrast: false,
        },
        120,
        40,
    );
    send(&mut a, [Command::NextPane, Command::NextPane]);
    assert_eq!(a.panes.focus, Pane::Shares);
    send(&mut a, [Command::ToggleExclusion]);
    a
}

#[test]
fn projection_is_marked_the_same_in_the_pane_the_card_and_the_cli() {
    let m = model(PROJECTIONS);
    let dir = tempfile::tempdir().unwrap();
    let file = written(dir.path(), PROJECTIONS);
    let out = cli(dir.path(), &["shares", "a", "-f", &file]);
    assert!(
        out.contains("Alpha — 2030 · output · projection\n"),
        "{out}"
    );
    // A metric that names itself a projection, in any case, is not marked twice.
    assert!(out.contains("Alpha — 2031 · Output Projection\n"), "{out}");
    assert!(!out.contains("Projection · projection"), "{out}");

    let card = plain(&card(&m, EntityRef::Stage(m.stage_ids().next().unwrap())));
    assert!(card.contains("2030 · output · projection [s]"), "{card}");
    assert!(card.contains("2031 · Output Projection [s]"), "{card}");

    let a = App::new(
        m,
        Theme {
            color: false,
            contrast: false,
        },
        120,
        40,
    );
    assert_eq!(
        a.loaded.derived.block_heading[0],
        [
            "2025 · output",
            "2030 · output · projection",
            "2031 · Output Projection"
        ]
    );
}

#[test]
fn concentration_summary_has_one_wording_and_one_threshold() {
    let m = model(PROJECTIONS);
    let shares = &m.stages()[0].shares;
    // 0.3% unreported is not named; 0.7% is, rounded to the whole.
    assert_eq!(
        summary(&m, &shares[0]),
        "top-1 CN 80% · top-3 100% · HHI 6,788 (highly concentrated)"
    );
    let over = summary(&m, &shares[1]);
    assert_eq!(
        over,
        "top-1 CN 60% · top-3 99% · HHI 5,144 (highly concentrated) · other / unreported 1%"
    );

    let dir = tempfile::tempdir().unwrap();
    let file = written(dir.path(), PROJECTIONS);
    let out = cli(dir.path(), &["shares", "a", "--year", "2030", "-f", &file]);
    assert!(out.contains(&format!("{over}\n")), "{out}");
    let card = plain(&card(&m, EntityRef::Stage(m.stage_ids().next().unwrap())));
    assert!(card.contains(&format!("{over}\n")), "{card}");
    assert!(!card.contains("not attributed"), "{card}");
    let a = App::new(
        m,
        Theme {
            color: false,
            contrast: false,
        },
        120,
        40,
    );
    assert_eq!(a.loaded.derived.block_summary[0][1], over);
}

#[test]
fn what_is_left_has_one_wording() {
    let m = load::load(&Origin::File(ROUTES.into())).unwrap();
    let mut a = excluding_first_row(m);
    let mining = a.loaded.model.stage_by_id("mining").unwrap();
    assert_eq!(a.what_if.stage_tail[mining], "ex-CN 30% left");
    assert_eq!(a.what_if.block_left[mining][0], "ex-CN 30% left");
    // The stage card opens with the same line.
    send(&mut a, [Command::Back]);
    assert_eq!(a.card.doc.lines(None)[0][0].1, "ex-CN 30% left");

    let dir = tempfile::tempdir().unwrap();
    let out = cli(dir.path(), &["shares", "--exclude", "CN", "-f", ROUTES]);
    assert!(out.contains("\nex-CN 30% left\n"), "{out}");
    for old in ["remains", "of the stage left", "ex-CN: "] {
        assert!(!out.contains(old), "{old}: {out}");
    }
    // By owner, the published shares still count locations, and the line says so.
    let out = cli(
        dir.path(),
        &[
            "shares",
            "mining",
            "--exclude",
            "CN",
            "--by",
            "owner",
            "-f",
            ROUTES,
        ],
    );
    assert!(
        out.contains("\nex-CN 30% left (shares are by location)\n"),
        "{out}"
    );
}

#[test]
fn owner_exclusion_cards_say_why_and_never_mislabel_a_kept_plant() {
    let mut a = excluding_first_row(model(OWNERS));
    send(&mut a, [Command::CycleExclusionMode]);
    let m = a.loaded.model.clone();
    let firm = |id: &str| m.firm_ids().find(|&i| m.firm(i).id == id).unwrap();
    let facility = |id: &str| m.facility_ids().find(|&i| m.facility(i).id == id).unwrap();
    let card_line = |e: EntityRef| {
        let mut doc = Doc::default();
        a.what_if.annotate(&m, e, &mut doc);
        doc.lines(None).first().map(|l| l[0].1.clone())
    };

    // Dragon is dimmed as out, and its card says why.
    assert!(a.what_if.firm_out[firm("dragon")]);
    assert_eq!(
        card_line(EntityRef::Firm(firm("dragon"))).as_deref(),
        Some("excluded: 1 of 1 facility (Dragon Perth owned from CN)")
    );
    assert_eq!(
        card_line(EntityRef::Facility(facility("dragon-au"))).as_deref(),
        Some("excluded: owned from CN")
    );
    // Usco's plant in China stays by owner: no line calls it excluded.
    assert!(!a.what_if.firm_out[firm("usco")]);
    assert_eq!(card_line(EntityRef::Facility(facility("usco-cn"))), None);
    assert_eq!(card_line(EntityRef::Firm(firm("usco"))), None);

    // The CLI keeps the same plant and drops the same one.
    let dir = tempfile::tempdir().unwrap();
    let file = written(dir.path(), OWNERS);
    let out = cli(
        dir.path(),
        &[
            "plants",
            "magnets",
            "--exclude",
            "CN",
            "--by",
            "owner",
            "-f",
            &file,
        ],
    );
    assert!(out.contains("Usco Ningbo"), "{out}");
    let listed = out.lines().filter(|l| l.contains("Dragon Perth")).count();
    let caveats = out.lines().filter(|l| l.contains("owned from CN")).count();
    assert_eq!(listed, caveats, "Dragon Perth only in the caveat: {out}");
    // By location it is the other way round.
    assert_eq!(a.what_if.by.mode, ExclusionMode::Owner);
    let cn = std::collections::BTreeSet::from([m.country_by_code("CN").unwrap()]);
    let by_location = Exclusion::new(&cn, ExcludeBy::default());
    assert!(by_location.is_out(&m, facility("usco-cn")));
    assert!(!by_location.is_out(&m, facility("dragon-au")));
}

#[test]
fn the_copy_of_the_shares_pane_is_the_cli_markdown() {
    let m = load::load(&Origin::File(ROUTES.into())).unwrap();
    let a = excluding_first_row(m);
    let copied = a.focused_export().markdown;
    let dir = tempfile::tempdir().unwrap();
    let md = cli(
        dir.path(),
        &[
            "shares",
            "mining",
            "--year",
            "2025",
            "--exclude",
            "CN",
            "--format",
            "md",
            "-f",
            ROUTES,
        ],
    );
    assert_eq!(copied, md);
    assert!(md.contains("| Country | Share |"), "{md}");
    assert!(md.contains("ex-CN 30% left"), "{md}");
}
