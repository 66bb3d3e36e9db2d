//! The exclusion what-if and the routes view in the app, on tests/fixtures/routes.yaml:
//! actions, what each pane shows, and snapshots at 80x24 and 120x40.

use insta::assert_snapshot;
use ratatui::style::Modifier;
use rechain::model::{EntityRef, Model, Origin, load};
use rechain::tui::app::{App, Overlay, Pane};
use rechain::tui::command::Command;
use rechain::tui::msg::{Effect, Msg};
use rechain::tui::theme::Theme;

use crate::common::{screen, send, terminal};

const FIXTURE: &str = include_str!("../fixtures/routes.yaml");

fn model(text: &str) -> Model {
    load::load_text(text, Origin::File("tests/fixtures/routes.yaml".into())).expect("valid")
}

fn app(width: u16, height: u16) -> App {
    App::new(
        model(FIXTURE),
        Theme {
            color: false,
            contrast: false,
        },
        width,
        height,
    )
}

fn excluded(app: &App) -> Vec<&str> {
    app.what_if
        .excluded
        .iter()
        .map(|&c| app.loaded.model.country(c).code.as_str())
        .collect()
}

/// Stages -> firms -> shares: the shares pane of the first stage (mining: CN, US, AU).
fn to_shares() -> Vec<Msg> {
    crate::msgs![Command::NextPane, Command::NextPane]
}

#[test]
fn x_outside_a_country_says_how_to_use_it() {
    let mut a = app(80, 24);
    send(&mut a, [Command::ToggleExclusion]);
    assert!(excluded(&a).is_empty());
    let msg = a.status.message.as_ref().expect("a hint");
    assert!(
        msg.text.contains("select one in the shares pane"),
        "{}",
        msg.text
    );
}

#[test]
fn x_on_a_share_row_toggles_its_country() {
    let mut a = app(80, 24);
    send(&mut a, to_shares());
    assert_eq!(a.panes.focus, Pane::Shares);
    assert_eq!(a.update(Command::ToggleExclusion), Effect::Redraw);
    assert_eq!(excluded(&a), ["CN"]);
    assert_eq!(
        a.status.message.as_ref().unwrap().text,
        "China (CN) excluded; m shows the routes left"
    );
    let m = &a.loaded.model;
    let tail = |id: &str| a.what_if.stage_tail[m.stage_by_id(id).unwrap()].as_str();
    assert_eq!(tail("mining"), "ex-CN 30% left");
    assert_eq!(tail("concentration"), "no data");
    assert_eq!(tail("separation"), "ex-CN 10% left");
    assert_eq!(tail("magnets"), "ex-CN 6% left");
    let out: Vec<&str> = m
        .firms()
        .iter()
        .zip(&a.what_if.firm_out)
        .filter(|(_, out)| **out)
        .map(|(f, _)| f.id.as_str())
        .collect();
    assert_eq!(out, ["cn-miner", "cn-refiner", "cn-magnets"]);

    send(&mut a, [Command::Down, Command::ToggleExclusion]);
    assert_eq!(excluded(&a), ["CN", "US"]);
    assert_eq!(a.what_if.stage_tail[0], "ex-2 20% left");

    send(&mut a, [Command::Up, Command::ToggleExclusion]);
    assert_eq!(excluded(&a), ["US"]);
    assert_eq!(
        a.status.message.as_ref().unwrap().text,
        "China (CN) back in"
    );
}

#[test]
fn many_exclusions_shorten_the_stage_tail() {
    let mut a = app(80, 24);
    send(&mut a, to_shares());
    send(
        &mut a,
        [
            Command::ToggleExclusion,
            Command::Down,
            Command::ToggleExclusion,
            Command::Down,
            Command::ToggleExclusion,
        ],
    );
    assert_eq!(excluded(&a), ["CN", "US", "AU"]);
    assert_eq!(a.what_if.stage_tail[0], "ex-3 15% left");
}

#[test]
fn shift_x_clears_every_exclusion() {
    let mut a = app(80, 24);
    send(&mut a, to_shares());
    send(
        &mut a,
        [
            Command::ToggleExclusion,
            Command::Down,
            Command::ToggleExclusion,
        ],
    );
    assert_eq!(excluded(&a).len(), 2);
    send(&mut a, [Command::ClearExclusions]);
    assert!(excluded(&a).is_empty());
    assert!(a.what_if.stage_tail.is_empty());
    assert_eq!(
        a.status.message.as_ref().unwrap().text,
        "exclusions cleared"
    );
    send(&mut a, [Command::ClearExclusions]);
    assert_eq!(
        a.status.message.as_ref().unwrap().text,
        "no country is excluded"
    );
}

#[test]
fn x_on_a_country_card() {
    let mut a = app(120, 40);
    // The shares pane shows China's card; Tab moves to it.
    send(&mut a, to_shares());
    send(&mut a, [Command::NextPane]);
    assert_eq!(a.panes.focus, Pane::Detail);
    assert_eq!(
        a.subject(),
        Some(EntityRef::Country(
            a.loaded.model.country_by_code("CN").unwrap()
        ))
    );
    send(&mut a, [Command::ToggleExclusion]);
    assert_eq!(excluded(&a), ["CN"]);
    assert_eq!(
        a.card.doc.lines(None)[0][0].1,
        "excluded in the what-if (x brings it back)"
    );
    send(&mut a, [Command::ToggleExclusion]);
    assert!(excluded(&a).is_empty());
    assert_ne!(
        a.card.doc.lines(None)[0][0].1,
        "excluded in the what-if (x brings it back)"
    );
}

#[test]
fn cards_say_what_the_exclusion_takes() {
    let mut a = app(120, 40);
    send(&mut a, to_shares());
    send(&mut a, [Command::ToggleExclusion]);
    // Back to the stages pane: the mining card names what is left.
    send(&mut a, [Command::Back]);
    assert_eq!(a.panes.focus, Pane::Stages);
    assert_eq!(a.card.doc.lines(None)[0][0].1, "ex-CN 30% left");
    // The firms pane's first firm at mining, by name: Mesa Materials, then Northern Mining.
    send(&mut a, [Command::Open, Command::Down]);
    assert_eq!(a.card.doc.title, "Northern Mining");
    assert_eq!(
        a.card.doc.lines(None)[0][0].1,
        "excluded: 1 of 1 facility (Northern mine in CN)"
    );
}

#[test]
fn routes_view_lists_routes_for_the_exclusions() {
    let mut a = app(120, 40);
    send(&mut a, to_shares());
    send(&mut a, [Command::ToggleExclusion, Command::ShowRoutes]);
    assert_eq!(a.overlay.get().cloned(), Some(Overlay::Routes));
    let routes = a.what_if.routes.as_ref().expect("computed on opening");
    assert_eq!(routes.operating.total, 3);
    assert_eq!(routes.all.total, 15);
    // m again closes it; Esc too.
    send(&mut a, [Command::ShowRoutes]);
    assert_eq!(a.overlay.get(), None);
    send(&mut a, [Command::ShowRoutes, Command::Back]);
    assert_eq!(a.overlay.get(), None);
}

#[test]
fn routes_follow_exclusions_made_while_the_view_is_open() {
    let mut a = app(120, 40);
    send(&mut a, to_shares());
    send(&mut a, [Command::ShowRoutes]);
    assert_eq!(a.what_if.routes.as_ref().unwrap().operating.total, 24);
    // The view keeps the arrows for scrolling; x still acts on the selected share row.
    send(&mut a, [Command::ToggleExclusion]);
    assert_eq!(excluded(&a), ["CN"]);
    assert_eq!(a.overlay.get().cloned(), Some(Overlay::Routes));
    let routes = a.what_if.routes.as_ref().unwrap();
    assert_eq!((routes.operating.total, routes.all.total), (3, 15));
}

#[test]
fn reload_keeps_exclusions_by_country_code() {
    let mut a = app(80, 24);
    send(&mut a, to_shares());
    send(&mut a, [Command::ToggleExclusion, Command::ShowRoutes]);
    // The same chain with the country list reordered: China's index changes.
    let reordered = FIXTURE.replacen("  CN: China\n", "", 1).replacen(
        "  VN: Vietnam\n",
        "  VN: Vietnam\n  CN: China\n",
        1,
    );
    let new = model(&reordered);
    assert_ne!(
        new.country_by_code("CN"),
        a.loaded.model.country_by_code("CN")
    );
    send(&mut a, [Msg::loaded(Ok(new))]);
    assert_eq!(excluded(&a), ["CN"]);
    assert_eq!(a.what_if.stage_tail[0], "ex-CN 30% left");
    assert_eq!(a.what_if.routes.as_ref().unwrap().operating.total, 3);
}

#[test]
fn excluded_rows_and_firms_are_dimmed() {
    let mut a = app(80, 24);
    send(&mut a, to_shares());
    send(&mut a, [Command::ToggleExclusion, Command::Down]);
    let terminal = terminal(&a);
    let buf = terminal.backend().buffer();
    let find = |text: &str| {
        (0..buf.area.height)
            .find_map(|y| {
                let row: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
                row.find(text).map(|i| (row[..i].chars().count() as u16, y))
            })
            .unwrap_or_else(|| panic!("{text} not on screen"))
    };
    let style = |(x, y): (u16, u16)| buf[(x, y)].modifier;
    assert!(style(find("Northern Mining")).contains(Modifier::DIM));
    assert!(!style(find("Mesa Materials")).contains(Modifier::DIM));
    assert!(style(find("CN █")).contains(Modifier::CROSSED_OUT));
    assert!(!style(find("US █")).contains(Modifier::CROSSED_OUT));
}

#[test]
fn help_lists_the_what_if_keys() {
    let rows = rechain::tui::keymap::help_rows(&rechain::tui::keymap::Overrides::default());
    for (key, what) in [("x", "exclude"), ("X", "clear"), ("m", "routes")] {
        assert!(
            rows.iter().any(|(k, h)| k == key && h.contains(what)),
            "{key}"
        );
    }
}

/// `rechain VERB` with `args` on the same fixture, as a user runs it.
fn cli(verb: &str, args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rechain"))
        .args([
            "-q",
            "-f",
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/routes.yaml"),
        ])
        .arg(verb)
        .args(args)
        .output()
        .expect("run rechain");
    assert_eq!(out.status.code(), Some(0), "{verb} {args:?}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn cli_routes(args: &[&str]) -> String {
    cli("routes", args)
}

#[test]
fn the_routes_view_copies_what_the_cli_prints() {
    let cn_jp = crate::msgs![
        Command::Down,
        Command::Down,
        Command::NextPane,
        Command::NextPane,
        Command::ToggleExclusion,
        Command::Down,
        Command::Down,
        Command::ToggleExclusion,
    ];
    let cn = || {
        let mut actions = to_shares();
        actions.push(Command::ToggleExclusion.into());
        actions
    };
    let cn_by_owner = {
        let mut actions = cn();
        actions.push(Command::CycleExclusionMode.into());
        actions
    };
    let cases: [(Vec<Msg>, &[&str]); 4] = [
        (Vec::new(), &[]),
        (cn(), &["--exclude", "CN"]),
        (cn_by_owner, &["--exclude", "CN", "--by", "owner"]),
        (cn_jp, &["--exclude", "CN,JP"]),
    ];
    for (actions, args) in cases {
        let mut a = app(120, 40);
        send(&mut a, actions);
        send(&mut a, [Command::ShowRoutes]);
        assert_eq!(a.overlay.get().cloned(), Some(Overlay::Routes));
        let copy = a.focused_export();
        let md = cli_routes(&[args, &["--format", "md"][..]].concat());
        assert_eq!(copy.markdown, md, "{args:?}");
        assert!(md.starts_with("## "), "{md}");
        assert!(md.contains("With plants not yet producing too"), "{md}");
        let csv = cli_routes(&[args, &["--format", "csv"][..]].concat());
        assert_eq!(copy.csv.as_deref(), Some(csv.as_str()), "{args:?}");
        assert!(
            csv.starts_with("rank,recorded,facilities,countries,"),
            "{csv}"
        );
        assert_eq!(copy.name, "routes");
    }
    // With no producing route left, the view lists those with plants not yet producing.
    let md = cli_routes(&["--exclude", "CN,JP", "--format", "md"]);
    assert!(md.starts_with("## no route from Mining to Magnets"), "{md}");
    assert!(
        md.contains("With plants not yet producing too: 6 routes from Mining to Magnets:"),
        "{md}"
    );
    assert!(md.contains("1\\. US · recorded · 1 hop"), "{md}");
}

/// Snapshots the same screen at both sizes.
fn both(name: &str, actions: impl Fn() -> Vec<Msg>) {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(w, h);
        send(&mut a, actions());
        assert_snapshot!(format!("{name}_{w}x{h}"), screen(&a));
    }
}

#[test]
fn snapshot_shares_and_stages_without_china() {
    both("whatif_without_cn", || {
        let mut actions = to_shares();
        actions.extend(crate::msgs![
            Command::ToggleExclusion,
            Msg::ExpireMessage(u64::MAX)
        ]);
        actions
    });
}

#[test]
fn snapshot_status_bar_lists_exclusions() {
    both("whatif_status_bar", || {
        let mut actions = to_shares();
        // The message from the toggle expires; the status bar then lists the exclusions.
        actions.extend(crate::msgs![
            Command::ToggleExclusion,
            Msg::ExpireMessage(1)
        ]);
        actions
    });
}

#[test]
fn snapshot_routes_without_china() {
    both("whatif_routes_without_cn", || {
        let mut actions = to_shares();
        actions.extend(crate::msgs![Command::ToggleExclusion, Command::ShowRoutes]);
        actions
    });
}

#[test]
fn snapshot_routes_broken_without_china_and_japan() {
    both("whatif_routes_broken", || {
        crate::msgs![
            Command::Down,
            Command::Down,
            Command::NextPane,
            Command::NextPane,
            Command::ToggleExclusion,
            Command::Down,
            Command::Down,
            Command::ToggleExclusion,
            Command::ShowRoutes,
        ]
    });
}

fn cli_resilience(args: &[&str]) -> String {
    cli("resilience", args)
}

#[test]
fn r_shows_the_resilience_of_the_what_if_as_the_cli_prints_it() {
    let mut a = app(120, 40);
    send(&mut a, [Command::ShowResilience]);
    assert_eq!(a.overlay.get().cloned(), Some(Overlay::Resilience));
    assert_eq!(
        a.focused_export().markdown,
        cli_resilience(&["--format", "md"])
    );
    assert!(screen(&a).contains("Route cut"), "{}", screen(&a));
    // An exclusion made while it is open recomputes it; R closes it.
    send(&mut a, to_shares());
    send(&mut a, [Command::ToggleExclusion]);
    assert_eq!(excluded(&a), ["CN"]);
    let md = a.focused_export().markdown;
    assert_eq!(md, cli_resilience(&["--exclude", "CN", "--format", "md"]));
    send(&mut a, [Command::ShowResilience]);
    assert_eq!(a.overlay.get(), None);
}
