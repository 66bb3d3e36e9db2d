//! Entities as structured fields with stable lower-case names: what `--format json` prints
//! and CSV tables are cut from. Relations are ids; cited sources are spelled out.

use serde_json::{Map, Value, json};

use crate::model::{
    Amount, Basis, CountryId, Date, ElementId, EntityRef, EventId, FacilityId, Figure, FirmId,
    Holder, LifecycleEntry, LinkId, Model, Owner, SourceId, StageId,
};
use crate::present::card::link_kind_name;

/// The entity kind as every output names it.
pub fn kind_name(entity: EntityRef) -> &'static str {
    match entity {
        EntityRef::Firm(_) => "firm",
        EntityRef::Facility(_) => "facility",
        EntityRef::Stage(_) => "stage",
        EntityRef::Country(_) => "country",
        EntityRef::Element(_) => "element",
        EntityRef::Event(_) => "event",
        EntityRef::Link(_) => "link",
        EntityRef::Source(_) => "source",
    }
}

/// The entity's own fields, with `sources` listing every source they cite.
pub fn entity_json(m: &Model, entity: EntityRef) -> Value {
    let mut cited = Cited::default();
    let mut fields = Map::new();
    fields.insert("id".into(), m.entity_id(entity).into());
    fields.insert("kind".into(), kind_name(entity).into());
    fields.insert("name".into(), m.entity_name(entity).into());
    let own = match entity {
        EntityRef::Firm(i) => firm(m, i, &mut cited),
        EntityRef::Facility(i) => facility(m, i, &mut cited),
        EntityRef::Stage(i) => stage(m, i, &mut cited),
        EntityRef::Country(i) => country(m, i),
        EntityRef::Element(i) => element(m, i),
        EntityRef::Event(i) => event(m, i, &mut cited),
        EntityRef::Link(i) => link(m, i, &mut cited),
        EntityRef::Source(i) => {
            cited.0.push(i);
            source_fields(m, i)
        }
    };
    fields.extend(own);
    if !matches!(entity, EntityRef::Source(_)) {
        let sources: Vec<Value> = cited.0.iter().map(|&s| source_json(m, s)).collect();
        fields.insert("sources".into(), sources.into());
    }
    Value::Object(fields)
}

/// A source with the fields a citation needs.
pub fn source_json(m: &Model, s: SourceId) -> Value {
    let mut fields = Map::new();
    fields.insert("id".into(), m.source(s).id.clone().into());
    fields.extend(source_fields(m, s));
    Value::Object(fields)
}

/// Sources in order of first citation.
#[derive(Default)]
struct Cited(Vec<SourceId>);

impl Cited {
    fn id(&mut self, m: &Model, s: SourceId) -> Value {
        if !self.0.contains(&s) {
            self.0.push(s);
        }
        m.source(s).id.clone().into()
    }

    fn figure(&mut self, m: &Model, f: &Figure) -> Value {
        json!({
            "label": f.label,
            "stage": f.stage.and_then(|s| m.get_stage(s)).map(|s| s.id.as_str()),
            "product": f.product,
            "basis": f.basis.map(Basis::as_str),
            "value": f.value,
            "max": f.max,
            "unit": &*f.unit,
            "unit_unclear": f.unit_unclear,
            "year": f.year,
            "date": f.date.map(|d| d.to_string()),
            "source": self.id(m, f.source),
            "note": f.note,
        })
    }

    fn owner(&mut self, m: &Model, o: &Owner) -> Value {
        let (holder, holder_kind) = match &o.holder {
            Holder::Firm(f) => (m.firm(*f).id.clone(), "firm"),
            Holder::Government(c) => (m.country(*c).code.clone(), "government"),
            Holder::Named { name, .. } => (name.clone(), "named"),
        };
        json!({
            "holder": holder,
            "holder_kind": holder_kind,
            "share": o.share,
            "control": o.control,
            "since": date(o.since),
            "current": o.current,
            "source": self.id(m, o.source),
            "note": o.note,
        })
    }
}

fn amount(a: Option<&Amount>) -> Value {
    match a {
        Some(a) => json!({ "value": a.value, "currency": a.currency, "note": a.note }),
        None => Value::Null,
    }
}

fn date(d: Option<Date>) -> Value {
    d.map_or(Value::Null, |d| d.to_string().into())
}

/// Ids of the events of an entity, newest first, as its card lists them.
fn event_ids(m: &Model, entity: EntityRef) -> Vec<Value> {
    m.events_of(entity)
        .into_iter()
        .map(|e| m.entity_id(EntityRef::Event(e)).into())
        .collect()
}

fn ids<'a>(items: impl IntoIterator<Item = &'a str>) -> Value {
    items.into_iter().collect::<Vec<_>>().into()
}

fn firm(m: &Model, i: FirmId, cited: &mut Cited) -> Map<String, Value> {
    let f = &m.firm(i);
    let owners: Vec<Value> = f.owners.iter().map(|o| cited.owner(m, o)).collect();
    for &s in &f.sources {
        cited.id(m, s);
    }
    let links: Vec<Value> = f.links.iter().map(|&l| link_ref(m, l, cited)).collect();
    let mut fields = object(json!({
        "firm_kind": f.kind,
        "aliases": f.aliases,
        "hq": m.country(f.hq).code,
        "summary": f.summary,
        "stages": ids(f.stages.iter().map(|&s| m.stage(s).id.as_str())),
        "countries": ids(f.countries.iter().map(|&c| m.country(c).code.as_str())),
        "facilities": ids(f.facilities.iter().map(|&x| m.facility(x).id.as_str())),
    }));
    let related = relations(m, EntityRef::Firm(i), owners, links, f.notes.as_deref());
    fields.extend(related);
    fields
}

/// What a firm and a facility both end with: holders, links, events and notes.
fn relations(
    m: &Model,
    entity: EntityRef,
    owners: Vec<Value>,
    links: Vec<Value>,
    notes: Option<&str>,
) -> Map<String, Value> {
    let mut fields = Map::new();
    fields.insert("owners".into(), owners.into());
    fields.insert("links".into(), links.into());
    fields.insert("events".into(), event_ids(m, entity).into());
    fields.insert("notes".into(), notes.into());
    fields
}

fn facility(m: &Model, i: FacilityId, cited: &mut Cited) -> Map<String, Value> {
    let x = &m.facility(i);
    let lifecycle: Vec<Value> = x
        .lifecycle
        .iter()
        .map(|e: &LifecycleEntry| {
            json!({
                "status": e.status.as_str(),
                "date": e.date.to_string(),
                "planned": e.planned,
                "source": cited.id(m, e.source),
                "note": e.note,
            })
        })
        .collect();
    let capacity: Vec<Value> = x.capacity.iter().map(|f| cited.figure(m, f)).collect();
    let output: Vec<Value> = x.output.iter().map(|f| cited.figure(m, f)).collect();
    let figures: Vec<Value> = x.figures.iter().map(|f| cited.figure(m, f)).collect();
    let owners: Vec<Value> = x.owners.iter().map(|o| cited.owner(m, o)).collect();
    let links: Vec<Value> = m
        .links_of_facility(i)
        .into_iter()
        .map(|l| link_ref(m, l, cited))
        .collect();
    let mut fields = object(json!({
        "firm": m.firm(x.firm).id,
        "country": m.country(x.country).code,
        "place": x.place,
        "stages": ids(x.stages.iter().map(|&s| m.stage(s).id.as_str())),
        "status": x.status.as_str(),
        "lifecycle": lifecycle,
        "products": x.products.iter().map(|p| p.text.as_str()).collect::<Vec<_>>(),
        "products_note": x.products_note,
        "capacity": capacity,
        "capacity_unknown": x.capacity_unknown,
        "output": output,
        "figures": figures,
    }));
    let related = relations(m, EntityRef::Facility(i), owners, links, x.notes.as_deref());
    fields.extend(related);
    fields
}

fn stage(m: &Model, i: StageId, cited: &mut Cited) -> Map<String, Value> {
    let s = &m.stage(i);
    let shares: Vec<Value> = s
        .shares
        .iter()
        .map(|b| {
            let countries: Map<String, Value> = b
                .percents
                .iter()
                .map(|&(c, p)| (m.country(c).code.clone(), p.into()))
                .collect();
            json!({
                "year": b.year,
                "metric": b.metric,
                "unit": b.unit,
                "total": b.total,
                "countries": countries,
                "source": cited.id(m, b.source),
                "note": b.note,
            })
        })
        .collect();
    object(json!({
        "makes": s.makes,
        "inputs": ids(s.inputs.iter().map(|&s| m.stage(s).id.as_str())),
        "shares": shares,
        "firms": ids(s.firms.iter().map(|&f| m.firm(f).id.as_str())),
        "facilities": ids(s.facilities.iter().map(|&x| m.facility(x).id.as_str())),
        "notes": s.notes,
    }))
}

fn country(m: &Model, i: CountryId) -> Map<String, Value> {
    let c = &m.country(i);
    object(json!({
        "code": c.code,
        "firms": ids(c.firms.iter().map(|&f| m.firm(f).id.as_str())),
        "facilities": ids(c.facilities.iter().map(|&x| m.facility(x).id.as_str())),
    }))
}

fn element(m: &Model, i: ElementId) -> Map<String, Value> {
    let e = &m.element(i);
    let events = event_ids(m, EntityRef::Element(i));
    object(json!({
        "symbol": e.symbol,
        "number": e.number,
        "grouping": e.grouping(),
        "usgs": e.usgs,
        "cn": e.cn,
        "mofcom": e.mofcom,
        "magnet_role": e.magnet_role,
        "facilities": ids(e.facilities.iter().map(|&x| m.facility(x).id.as_str())),
        "events": events,
        "note": e.note,
    }))
}

fn event(m: &Model, i: EventId, cited: &mut Cited) -> Map<String, Value> {
    let e = &m.event(i);
    let source = cited.id(m, e.source);
    let see_also: Vec<Value> = e.see_also.iter().map(|&s| cited.id(m, s)).collect();
    object(json!({
        "date": e.date.to_string(),
        "title": e.title,
        "tags": ids(e.tags.iter().map(|t| t.as_str())),
        "parties": ids(e.parties.iter().map(|&p| m.party_id(p))),
        "countries": ids(e.countries.iter().map(|&c| m.country(c).code.as_str())),
        "elements": ids(e.elements.iter().map(|&el| m.element(el).symbol.as_str())),
        "amount": amount(e.amount.as_ref()),
        "source": source,
        "see_also": see_also,
        "note": e.note,
    }))
}

fn link(m: &Model, i: LinkId, cited: &mut Cited) -> Map<String, Value> {
    object(link_fields(m, i, cited))
}

/// A link as listed on a firm or facility: its id and fields.
fn link_ref(m: &Model, i: LinkId, cited: &mut Cited) -> Value {
    let mut fields = Map::new();
    fields.insert("id".into(), m.entity_id(EntityRef::Link(i)).into());
    fields.extend(object(link_fields(m, i, cited)));
    Value::Object(fields)
}

fn link_fields(m: &Model, i: LinkId, cited: &mut Cited) -> Value {
    let l = &m.link(i);
    json!({
        "from": m.party_id(l.from),
        "to": m.party_id(l.to),
        "link_kind": link_kind_name(l.kind),
        "what": l.what,
        "date": date(l.date),
        "status": l.status.as_str(),
        "end": date(l.end.map(|(d, _)| d)),
        "end_source": l.end.map(|(_, s)| cited.id(m, s)),
        "amount": amount(l.amount.as_ref()),
        "source": cited.id(m, l.source),
        "note": l.note,
    })
}

fn source_fields(m: &Model, s: SourceId) -> Map<String, Value> {
    let src = &m.source(s);
    object(json!({
        "publisher": src.publisher,
        "title": src.title,
        "date": date(src.date),
        "year": src.year,
        "url": src.url,
        "accessed": date(src.accessed),
        "source_kind": src.kind,
        "seen": src.seen,
        "headline_seen": src.headline_seen,
        "quotes": src.quotes,
        "primary": src.primary.map(|p| m.source(p).id.as_str()),
        "note": src.note,
    }))
}

fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}
