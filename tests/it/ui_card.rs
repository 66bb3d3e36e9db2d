//! Detail cards on the UI fixture: content, order and a source id on every figure.

use rechain::model::{EntityRef, Model, Origin, load};
use rechain::present::card::card;
use rechain::present::doc::{Block, Doc, Role};

fn fixture() -> Model {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ui.yaml");
    load::load(&Origin::File(path.into())).expect("fixture is valid")
}

fn entity(m: &Model, id: &str) -> EntityRef {
    m.lookup(id).unwrap_or_else(|| panic!("{id} in fixture"))
}

/// Every figure line cites a source, itself or through the block heading just above it, and
/// every figure in a table cites its source in its cell.
fn assert_figures_sourced(card: &Doc) {
    for table in card.blocks.iter().filter_map(|b| match b {
        Block::Table(t) => Some(t),
        _ => None,
    }) {
        for cell in table.rows.iter().flatten() {
            let is_figure = cell.text.contains('%') || cell.text.contains(" t ");
            if cell.role == Role::Number && is_figure {
                assert!(
                    cell.source.is_some(),
                    "figure without source: {}",
                    cell.text
                );
            }
        }
    }
    let indent = |t: &str| t.len() - t.trim_start().len();
    // Table rows were checked by their cells above.
    let lines: Vec<_> = card
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Line(line) => Some(line.clone()),
            Block::Heading(text) => Some(vec![(Role::Heading, text.clone())]),
            Block::Table(_) => None,
        })
        .collect();
    let texts: Vec<String> = lines
        .iter()
        .map(|l| l.iter().map(|(_, t)| t.as_str()).collect())
        .collect();
    for (i, line) in lines.iter().enumerate() {
        let text = &texts[i];
        let has_number = line.iter().any(|(r, _)| *r == Role::Number);
        let is_figure = text.contains("t REO") || text.contains("t NdPr") || text.contains('%');
        if !has_number || !is_figure {
            continue;
        }
        let cites = |j: usize| lines[j].iter().any(|(r, _)| *r == Role::Source);
        let heading = (0..i).rev().find(|&j| indent(&texts[j]) < indent(text));
        assert!(
            cites(i) || heading.is_some_and(cites),
            "figure without source: {text}"
        );
    }
}

#[test]
fn firm_card_lists_facilities_links_events_with_sources() {
    let m = fixture();
    let c = card(&m, entity(&m, "lynas"));
    let text = c.to_plain_text();
    assert!(text.starts_with("Lynas Rare Earths\n"), "{text}");
    assert!(text.contains("HQ Australia (AU)"), "{text}");
    assert!(text.contains("also known as Lynas"), "{text}");
    assert!(
        text.contains("Mt Weld — Western Australia, Australia (AU)"),
        "{text}"
    );
    assert!(
        text.contains("capacity 12,000 t REO/yr (2025) [lynas-ar-2025]"),
        "{text}"
    );
    assert!(
        text.contains("output 6,558 t NdPr oxide (2024) [lynas-ar-2025]"),
        "{text}"
    );
    assert!(
        text.contains("supplies Example Magnet Works: NdPr oxide · 2024-06 [lynas-ar-2025]"),
        "{text}"
    );
    assert!(
        text.contains("2024       Kuantan output record [lynas-ar-2025]"),
        "{text}"
    );
    assert!(text.contains("[lynas-ar-2025] Lynas Rare Earths, Annual Report 2025 (2025)"));
    assert_eq!(c.sources, vec![m.source_by_id("lynas-ar-2025").unwrap()]);
    assert_figures_sourced(&c);
}

#[test]
fn firm_card_links_read_from_the_firm() {
    let m = fixture();
    let text = card(&m, entity(&m, "mp")).to_plain_text();
    assert!(
        text.contains("owned by 盛和资源 Shenghe Resources: minority stake"),
        "{text}"
    );
    assert!(
        text.contains("financed by Strategic Minerals Fund · USD 400 mn · 2025-07 [press-2025]"),
        "{text}"
    );
    assert!(
        text.contains("capacity (Separation) 40,000–45,000 t REO/yr (2024) [usgs-2025]"),
        "{text}"
    );
    // An internal link names both ends.
    assert!(
        text.contains(
            "Mountain Pass (MP Materials) supplies Independence (Fort Worth) (MP Materials)"
        ),
        "{text}"
    );
}

#[test]
fn firm_without_facilities_says_so() {
    let m = fixture();
    let text = card(&m, entity(&m, "fund")).to_plain_text();
    assert!(text.contains("financier · HQ United States (US)"), "{text}");
    assert!(text.contains("Facilities (0)\n  none recorded"), "{text}");
    assert!(text.contains("invests in MP Materials"), "{text}");
}

#[test]
fn firm_events_are_newest_first() {
    let m = fixture();
    let text = card(&m, entity(&m, "mp")).to_plain_text();
    assert!(
        text.contains("2025-07-10 Fund invests in MP magnet plant"),
        "{text}"
    );
    let m2 = fixture();
    let lynas = card(&m2, entity(&m2, "lynas")).to_plain_text();
    assert!(lynas.contains("Events (1)"));
}

#[test]
fn stage_card_shows_every_share_block_and_its_firms() {
    let m = fixture();
    let c = card(&m, entity(&m, "mining"));
    let text = c.to_plain_text();
    assert!(text.contains("makes ore and mineral concentrate"), "{text}");
    assert!(text.contains("Country shares (2)"), "{text}");
    assert!(
        text.contains("2024 · mine production · headline · world 390,000 t REO [usgs-2025]"),
        "{text}"
    );
    assert!(
        text.contains("CN       69.2%  China          270,000 t REO"),
        "{text}"
    );
    assert!(text.contains("2023 · mine production [iea-2024]"), "{text}");
    assert!(text.contains("· other / unreported 15%"), "{text}");
    assert!(text.contains("Firms (2)"), "{text}");
    assert!(
        text.contains("Lynas Rare Earths — AU Mt Weld 12,000 t REO/yr, operating [lynas-ar-2025]"),
        "{text}"
    );
    // The two share blocks' sources, then the capacity's.
    assert_eq!(c.sources.len(), 3);
    assert_figures_sourced(&c);
}

#[test]
fn empty_stage_card_says_there_is_nothing() {
    let m = fixture();
    let text = card(&m, entity(&m, "recycling")).to_plain_text();
    assert!(text.contains("consumes Magnets"), "{text}");
    assert!(text.contains("no share data"), "{text}");
}

#[test]
fn country_card_lists_firms_by_stage_and_shares() {
    let m = fixture();
    let text = card(&m, entity(&m, "US")).to_plain_text();
    assert!(text.starts_with("United States (US)\n"), "{text}");
    assert!(
        text.contains("Mining          11.5% #2 · 2024 mine production [usgs-2025]"),
        "{text}"
    );
    assert!(text.contains("Magnets        MP Materials"), "{text}");
    assert!(
        text.contains("headquartered  MP Materials, Strategic Minerals Fund"),
        "{text}"
    );
    assert!(text.contains("Fund invests in MP magnet plant"), "{text}");
}

#[test]
fn country_without_name_shows_code() {
    let m = fixture();
    let text = card(&m, entity(&m, "XX")).to_plain_text();
    assert!(text.starts_with("XX\n"), "{text}");
    assert!(text.contains("no facilities recorded here"), "{text}");
}

#[test]
fn element_event_link_and_source_cards() {
    let m = fixture();
    let dy = card(&m, entity(&m, "Dy")).to_plain_text();
    assert!(dy.starts_with("Dysprosium (Dy)\n"), "{dy}");
    assert!(dy.contains("heavy rare earth"), "{dy}");
    assert!(dy.contains("raises coercivity"), "{dy}");
    assert!(
        dy.contains("Export licences for medium and heavy rare earths [usgs-2025]"),
        "{dy}"
    );

    let newest = m.events_by_date()[0];
    let ev = card(&m, EntityRef::Event(newest)).to_plain_text();
    assert!(
        ev.starts_with("Fund invests in MP magnet plant\n2025-07-10"),
        "{ev}"
    );
    assert!(
        ev.contains("parties Strategic Minerals Fund, MP Materials"),
        "{ev}"
    );
    assert!(ev.contains("amount USD 400 mn"), "{ev}");
    assert!(ev.contains("source [press-2025]"), "{ev}");

    let link = card(&m, EntityRef::Link(m.link_ids().next().unwrap())).to_plain_text();
    assert!(
        link.starts_with("Lynas Malaysia (Kuantan) (Lynas Rare Earths) → Example Magnet Works\n"),
        "{link}"
    );

    let src = card(&m, entity(&m, "usgs-2025")).to_plain_text();
    for want in [
        "publisher U.S. Geological Survey",
        "year      2025",
        "URL       https://example.org/usgs-2025.pdf",
        "accessed  2025-11-30",
        "seen      read in the publisher's own document",
    ] {
        assert!(src.contains(want), "{want} missing from\n{src}");
    }
}

#[test]
fn facility_card_has_figures_links_and_events() {
    let m = fixture();
    let text = card(&m, entity(&m, "lynas-kuantan")).to_plain_text();
    assert!(text.contains("facility of Lynas Rare Earths"), "{text}");
    assert!(text.contains("stages Separation · operating"), "{text}");
    assert!(
        text.contains("capacity 10,500 t NdPr oxide/yr (2025) [lynas-ar-2025]"),
        "{text}"
    );
    assert!(text.contains("supplies Example Magnet Works"), "{text}");
    assert!(text.contains("Kuantan output record"), "{text}");
}

#[test]
fn every_entity_has_a_card_and_out_of_range_does_not_panic() {
    let m = fixture();
    let all = m
        .firm_ids()
        .map(EntityRef::Firm)
        .chain(m.facility_ids().map(EntityRef::Facility))
        .chain(m.stage_ids().map(EntityRef::Stage))
        .chain(m.country_ids().map(EntityRef::Country))
        .chain(m.element_ids().map(EntityRef::Element))
        .chain(m.event_ids().map(EntityRef::Event))
        .chain(m.link_ids().map(EntityRef::Link))
        .chain(m.source_ids().map(EntityRef::Source));
    for e in all {
        let c = card(&m, e);
        assert!(!c.title.is_empty(), "{e:?}");
        assert!(!c.blocks.is_empty(), "{e:?}");
    }
    // An id of a larger model: out of range in this one.
    let larger = load::load(&Origin::Embedded).expect("the embedded model loads");
    let missing = card(&m, EntityRef::Firm(larger.firm_ids().next_back().unwrap()));
    assert!(missing.to_plain_text().contains("not in the model"));
}

#[test]
fn link_cards_name_the_kind_as_the_file_spells_it() {
    use rechain::model::LinkKind;
    let m = load::load(&Origin::Embedded).expect("embedded model is valid");
    for (kind, name) in [
        (LinkKind::JointVenture, "joint-venture"),
        (LinkKind::PriceSupport, "price-support"),
    ] {
        let l = m
            .link_ids()
            .find(|&l| m.link(l).kind == kind)
            .expect("link");
        let text = card(&m, EntityRef::Link(l)).to_plain_text();
        assert!(text.contains(&format!("link · {name}\n")), "{text}");
    }
    for kind in [
        LinkKind::Supplies,
        LinkKind::Offtake,
        LinkKind::Ownership,
        LinkKind::Investment,
        LinkKind::Loan,
        LinkKind::Grant,
        LinkKind::Partnership,
        LinkKind::JointVenture,
        LinkKind::Contract,
        LinkKind::PriceSupport,
    ] {
        let spelled = serde_json::to_value(kind).unwrap();
        assert_eq!(
            spelled,
            rechain::present::card::link_kind_name(kind),
            "{kind:?}"
        );
    }
}
