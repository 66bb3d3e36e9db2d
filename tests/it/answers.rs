//! Questions an analyst asks in a meeting, answered from the model's data: each test asks the
//! model the way the app and `rechain show` do and checks what a right answer must contain,
//! with its source.

use rechain::model::load::{EMBEDDED_YAML, load_text};
use rechain::model::{EntityRef, FacilityId, FirmKind, Holder, LinkKind, Model, Origin, Status};
use rechain::present::card::card;

/// The model people quote: the answers below must hold in the shipped chain.yaml.
fn model() -> Model {
    load_text(EMBEDDED_YAML, Origin::Embedded).unwrap_or_else(|e| panic!("{e}"))
}

fn facility(m: &Model, id: &str) -> FacilityId {
    match m.lookup(id) {
        Some(EntityRef::Facility(x)) => x,
        other => panic!("{id} is {other:?}, not a facility"),
    }
}

/// What `rechain show ID` prints.
fn show(m: &Model, id: &str) -> String {
    card(m, m.lookup(id).unwrap()).to_plain_text()
}

/// The lines of a card section, up to the next blank line.
fn section(card: &str, heading: &str) -> Vec<String> {
    card.lines()
        .skip_while(|l| *l != heading)
        .skip(1)
        .take_while(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn who_owns_ngualla() {
    let m = model();
    let ngualla = &m.facility(facility(&m, "peak-ngualla"));
    let peak = &m.firm(ngualla.firm);
    assert_eq!(peak.id, "peak");
    let current: Vec<_> = peak.owners.iter().filter(|o| o.current).collect();
    assert_eq!(current.len(), 1, "one current owner of Peak");
    assert_eq!(
        current[0].holder,
        Holder::Firm(m.firm_by_id("shenghe").unwrap())
    );
    assert_eq!(current[0].share, Some(100.0));
    assert_eq!(current[0].since.unwrap().to_string(), "2025-09-30");
    assert!(
        peak.owners
            .iter()
            .any(|o| !o.current && o.share.is_some_and(|s| s < 20.0)),
        "the earlier minority stake stays as history"
    );
    // Peak holds the project with the Tanzanian government.
    let project: Vec<_> = ngualla
        .owners
        .iter()
        .filter(|o| o.current)
        .map(|o| (o.holder.clone(), o.share))
        .collect();
    assert!(project.contains(&(Holder::Firm(ngualla.firm), Some(84.0))));
    assert!(project.contains(&(
        Holder::Government(m.country_by_code("TZ").unwrap()),
        Some(16.0)
    )));

    let owners = section(&show(&m, "peak"), "Owners");
    assert!(
        owners[0].starts_with("  Shenghe Resources 100% since 2025-09-30 [peak-middle-2025]"),
        "{owners:?}"
    );
    assert!(owners[1].contains("(earlier)"), "{owners:?}");
    let shenghe = show(&m, "shenghe");
    assert!(
        shenghe.contains("  100% of Peak Rare Earths since 2025-09-30 [peak-middle-2025]"),
        "{shenghe}"
    );
}

#[test]
fn what_washington_committed_to_usa_rare_earth() {
    let m = model();
    let usar = m.firm_by_id("usa-rare-earth").unwrap();
    let from_government: Vec<_> = m
        .links()
        .iter()
        .filter(|l| m.party_firm(l.to) == usar)
        .filter(|l| m.firm(m.party_firm(l.from)).kind == FirmKind::Government)
        .collect();
    let has = |kind: LinkKind, value: f64| {
        from_government
            .iter()
            .any(|l| l.kind == kind && l.amount.as_ref().is_some_and(|a| a.value == value))
    };
    assert!(
        has(LinkKind::Grant, 277e6),
        "USD 277 million direct funding"
    );
    assert!(has(LinkKind::Loan, 1.3e9), "a USD 1.3 billion loan");
    assert!(
        from_government
            .iter()
            .any(|l| matches!(l.kind, LinkKind::Investment | LinkKind::Ownership)),
        "an equity stake"
    );
    for link in &from_government {
        assert_eq!(link.date.unwrap().year, 2026);
        let source = &m.source(link.source);
        assert!(
            source.title.contains("USA Rare Earth") || source.publisher.contains("USA Rare Earth"),
            "{} is not a document about the deal",
            source.id
        );
    }
    let card = show(&m, "usa-rare-earth");
    assert!(card.contains("USD 1.3 bn"), "{card}");
}

#[test]
fn who_makes_ndfeb_magnets_in_the_us() {
    let m = model();
    let us = m.country_by_code("US").unwrap();
    let magnets = m.stage_by_id("magnets").unwrap();
    let ndfeb_makers = |admit: fn(Status) -> bool| -> Vec<&str> {
        m.facilities()
            .iter()
            .filter(|x| x.country == us && x.stages.contains(&magnets) && admit(x.status))
            .filter(|x| {
                x.products
                    .iter()
                    .any(|p| p.rare_earth && p.text.starts_with("NdFeB magnets"))
            })
            .map(|x| x.id.as_str())
            .collect()
    };
    let producing = ndfeb_makers(Status::is_producing);
    assert!(producing.contains(&"mp-independence"), "{producing:?}");
    // Iron-nitride magnets are no rare-earth magnets; a closed plant makes none.
    let niron = &m.facility(facility(&m, "niron-sartell"));
    assert!(!niron.makes_rare_earths());
    let grove = &m.facility(facility(&m, "proterial-china-grove"));
    assert_eq!(grove.status, Status::Closed);
    assert_eq!(
        grove.current_entry().unwrap().date.to_string(),
        "2022-09-30"
    );
    for wrong in ["niron-sartell", "proterial-china-grove"] {
        assert!(!producing.contains(&wrong), "{wrong} in {producing:?}");
    }
    // Plants still planned or being built are listed apart from those producing.
    let pipeline = ndfeb_makers(Status::is_pipeline);
    assert!(pipeline.iter().all(|id| !producing.contains(id)));
}

#[test]
fn who_outside_china_makes_dy_or_tb() {
    let m = model();
    let cn = m.country_by_code("CN").unwrap();
    let mut makers: Vec<FacilityId> = ["Dy", "Tb"]
        .iter()
        .flat_map(|s| match m.lookup(s) {
            Some(EntityRef::Element(e)) => m.element(e).facilities.clone(),
            _ => Vec::new(),
        })
        .filter(|&x| m.facility(x).country != cn)
        .collect();
    makers.sort_unstable();
    makers.dedup();
    let ids: Vec<&str> = makers.iter().map(|&x| m.facility(x).id.as_str()).collect();
    assert!(ids.contains(&"iluka-eneabba"), "{ids:?}");
    let eneabba = &m.facility(facility(&m, "iluka-eneabba"));
    assert!(eneabba.status.is_pipeline(), "not yet producing");
    let target = eneabba.lifecycle.iter().rfind(|e| e.planned).unwrap();
    assert_eq!(
        (target.status, target.date.to_string()),
        (Status::Commissioning, "2027".into())
    );
    let dy = show(&m, "Dy");
    assert!(
        dy.lines().any(|l| l.starts_with("  Eneabba")
            && l.contains("Iluka Resources")
            && l.contains("· construction ·")),
        "{dy}"
    );
}

#[test]
fn korea_zincs_smelter_is_no_rare_earth_separator() {
    let m = model();
    let korea_zinc = m.firm_by_id("korea-zinc").unwrap();
    let separation = m.stage_by_id("separation").unwrap();
    let separators: Vec<FacilityId> = m
        .stage(separation)
        .facilities
        .iter()
        .copied()
        .filter(|&x| m.facility(x).makes_rare_earths())
        .collect();
    for &x in &m.firm(korea_zinc).facilities {
        let fac = &m.facility(x);
        if fac.products.is_empty() || fac.makes_rare_earths() {
            continue;
        }
        assert!(
            fac.products_note.is_some() || !fac.stages.contains(&separation),
            "{} sits in separation without saying why",
            fac.id
        );
        assert!(
            !separators.contains(&x),
            "{} counted as a separator",
            fac.id
        );
    }
}

#[test]
fn eneabbas_nameplate_cites_the_government_release() {
    let m = model();
    let eneabba = &m.facility(facility(&m, "iluka-eneabba"));
    let capacity = eneabba.capacity.first().unwrap();
    assert_eq!((capacity.value, capacity.year), (17500.0, Some(2022)));
    let source = &m.source(capacity.source);
    assert_eq!(source.id, "wa-gov-iluka-2022");
    assert_eq!(source.kind, Some(rechain::model::SourceKind::Primary));
    let card = show(&m, "iluka-eneabba");
    assert!(
        card.contains("stages Separation · construction since 2022"),
        "{card}"
    );
    assert!(card.contains("2027       target: commissioning [iluka-nri-2025-10]"));
}
