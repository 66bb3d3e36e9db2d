//! Deterministic synthetic models of any size, for benchmarks and scale tests.
//!
//! The output is a valid model shaped like the real one: six stages, facilities spread across
//! stages and countries, supply links between neighbouring stages, dated events.

use std::fmt::Write;

const STAGES: [(&str, &str); 6] = [
    ("mining", "Mining"),
    ("concentration", "Concentration"),
    ("separation", "Separation"),
    ("metal-alloy", "Metal & alloy"),
    ("magnets", "Magnets"),
    ("recycling", "Recycling"),
];

const SYLLABLES: [&str; 16] = [
    "ka", "lo", "mir", "sen", "tor", "va", "rin", "zu", "pel", "dra", "no", "qui", "bar", "ste",
    "ly", "mag",
];

const STATUSES: [&str; 5] = [
    "operating",
    "operating",
    "ramping",
    "construction",
    "planned",
];

/// A small, fast, deterministic generator (64-bit LCG); no dependency needed for test data.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn country_code(i: usize) -> String {
    let a = (b'A' + (i / 26) as u8 % 26) as char;
    let b = (b'A' + (i % 26) as u8) as char;
    format!("{a}{b}")
}

fn name(rng: &mut Lcg, parts: usize) -> String {
    let mut s = String::new();
    for _ in 0..parts {
        s.push_str(SYLLABLES[rng.below(SYLLABLES.len())]);
    }
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => s,
    }
}

/// How many of each kind a synthetic model has.
struct Sizes {
    firms: usize,
    facilities_per_firm: usize,
    links: usize,
    events: usize,
    countries: usize,
    sources: usize,
}

/// A model of about `entities` firms + facilities + links + events, as YAML text.
pub fn generate(entities: usize) -> String {
    let sizes = Sizes {
        firms: (entities / 5).max(1),
        facilities_per_firm: 2,
        links: entities / 5,
        events: entities / 5,
        countries: 60,
        sources: 40,
    };
    let mut rng = Lcg(0x5EED);
    let mut out = String::with_capacity(entities * 200);

    out.push_str("version: 1\nmeta:\n  title: Synthetic chain\n  as_of: 2026-01-01\n");
    reference_lists(&sizes, &mut rng, &mut out);
    firms(&sizes, &mut rng, &mut out);
    links(&sizes, &mut rng, &mut out);
    events(&sizes, &mut rng, &mut out);
    out
}

/// Sources, countries, one element and the stages with a share block each.
fn reference_lists(n: &Sizes, rng: &mut Lcg, out: &mut String) {
    let (sources, countries) = (n.sources, n.countries);
    out.push_str("sources:\n");
    for s in 0..sources {
        let _ = writeln!(
            out,
            "  src-{s}: {{ publisher: Synthetic Publisher {s}, title: \"Synthetic report {s}\", year: 2025, url: \"https://example.org/{s}\" }}"
        );
    }
    out.push_str("countries:\n");
    for c in 0..countries {
        let _ = writeln!(out, "  {}: Country {}", country_code(c), name(rng, 2));
    }
    out.push_str("elements:\n  - { symbol: Nd, name: Neodymium, number: 60, group: light }\n");
    out.push_str("stages:\n");
    for (i, (id, stage_name)) in STAGES.iter().enumerate() {
        let _ = writeln!(out, "  - id: {id}\n    name: {stage_name}");
        if id == &"recycling" {
            out.push_str("    inputs: [magnets]\n");
        }
        let _ = writeln!(
            out,
            "    shares:\n      - {{ year: 2024, metric: output, source: src-{i}, countries: {{ {}: 60, {}: 20, {}: 10 }} }}",
            country_code(i),
            country_code(i + 1),
            country_code(i + 2)
        );
    }
}

/// What a plant at each of the first five stages makes.
const PRODUCTS: [&str; 5] = [
    "RE ore",
    "RE concentrate",
    "RE oxides",
    "RE metal",
    "NdFeB magnets",
];

fn firms(n: &Sizes, rng: &mut Lcg, out: &mut String) {
    let (firms, facilities_per_firm, countries, sources) =
        (n.firms, n.facilities_per_firm, n.countries, n.sources);
    out.push_str("firms:\n");
    for f in 0..firms {
        let hq = country_code(rng.below(countries));
        let _ = writeln!(
            out,
            "  - id: firm-{f}\n    name: {} {}\n    aliases: [F{f}]\n    hq: {hq}\n    summary: Synthetic firm number {f}\n    facilities:",
            name(rng, 3),
            ["Metals", "Rare Earths", "Magnetics", "Resources"][f % 4]
        );
        for k in 0..facilities_per_firm {
            let stage = (f + k) % 5;
            let country = country_code(rng.below(countries));
            let status = STATUSES[rng.below(STATUSES.len())];
            let capacity = 100 + rng.below(20_000);
            let _ = writeln!(
                out,
                "      - id: fac-{f}-{k}\n        name: {} plant\n        country: {country}\n        stages: [{}]\n        products: [{}]\n        status: {status}\n        capacity: {{ value: {capacity}, unit: t/yr, year: 2025, source: src-{} }}",
                name(rng, 2),
                STAGES[stage].0,
                PRODUCTS[stage],
                rng.below(sources)
            );
        }
    }
}

fn links(n: &Sizes, rng: &mut Lcg, out: &mut String) {
    let (links, firms, sources) = (n.links, n.firms, n.sources);
    out.push_str("links:\n");
    for l in 0..links {
        // From a facility to one a stage further on, so routes have somewhere to go.
        let from_firm = rng.below(firms);
        let to_firm = rng.below(firms);
        let (from_k, to_k) = (0, 1);
        if from_firm == to_firm {
            continue;
        }
        let _ = writeln!(
            out,
            "  - {{ from: fac-{from_firm}-{from_k}, to: fac-{to_firm}-{to_k}, kind: supplies, what: material {l}, source: src-{} }}",
            rng.below(sources)
        );
    }
}

fn events(n: &Sizes, rng: &mut Lcg, out: &mut String) {
    let (events, firms, sources) = (n.events, n.firms, n.sources);
    out.push_str("events:\n");
    for e in 0..events {
        let _ = writeln!(
            out,
            "  - {{ date: {}-{:02}-{:02}, title: \"Synthetic event {e}: {} agreement\", parties: [firm-{}], amount: {{ value: {}, currency: USD }}, source: src-{} }}",
            2020 + rng.below(6),
            1 + rng.below(12),
            1 + rng.below(28),
            name(rng, 2),
            rng.below(firms),
            1_000_000 * (1 + rng.below(500)),
            rng.below(sources)
        );
    }
}

/// `base` with `keys` more entries at the start of its `countries:` map, none of them an ISO
/// code (`k0: Name 0`, …): a model with one problem per key, for how checking scales.
pub fn with_bad_country_codes(base: &str, keys: usize) -> String {
    let mut extra = String::with_capacity(keys * 16);
    for i in 0..keys {
        let _ = writeln!(extra, "  k{i}: Name {i}");
    }
    base.replacen("\ncountries:\n", &format!("\ncountries:\n{extra}"), 1)
}

/// `base` with `firms` more firms at the start of its `firms:` list, each with a head office in
/// a country the model does not know: a model with one problem per firm, for how checking
/// scales with entities.
pub fn with_unknown_head_offices(base: &str, firms: usize) -> String {
    let mut extra = String::with_capacity(firms * 48);
    for i in 0..firms {
        let _ = writeln!(
            extra,
            "  - {{ id: lost-{i}, name: Lost {i}, hq: QQ, summary: S }}"
        );
    }
    base.replacen("\nfirms:\n", &format!("\nfirms:\n{extra}"), 1)
}
