//! Serde types that mirror `chain.yaml` one to one.
//!
//! These types only describe the file. Nothing outside `model` reads them: the rest of the
//! program works on the validated, indexed [`crate::model::Model`]. Dates and ids are kept as
//! text here so that validation can report every problem at once instead of failing on the first.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The schema version this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// A JSON Schema of the model file, made from these types, for editors and other tools.
pub fn json_schema() -> serde_json::Value {
    let mut schema = schemars::schema_for!(ChainFile).to_value();
    if let Some(fields) = schema.as_object_mut() {
        fields.insert("title".into(), "rechain model".into());
    }
    schema
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChainFile {
    pub version: u32,
    pub meta: Meta,
    #[serde(default, deserialize_with = "unique_keys")]
    pub sources: IndexMap<String, Source>,
    /// ISO 3166 alpha-2 code -> display name.
    #[serde(default, deserialize_with = "unique_keys")]
    pub countries: IndexMap<String, String>,
    #[serde(default)]
    pub elements: Vec<Element>,
    #[serde(default)]
    pub stages: Vec<Stage>,
    #[serde(default)]
    pub firms: Vec<Firm>,
    #[serde(default)]
    pub links: Vec<Link>,
    #[serde(default)]
    pub events: Vec<Event>,
}

/// One or a few top-level sections of a file, parsed on their own so that the YAML library
/// never holds the events of a large file at once.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Sections {
    #[serde(default)]
    pub version: Option<u32>,
    #[serde(default)]
    pub meta: Option<Meta>,
    #[serde(default, deserialize_with = "unique_keys")]
    pub sources: IndexMap<String, Source>,
    #[serde(default, deserialize_with = "unique_keys")]
    pub countries: IndexMap<String, String>,
    #[serde(default)]
    pub elements: Vec<Element>,
    #[serde(default)]
    pub stages: Vec<Stage>,
    #[serde(default)]
    pub firms: Vec<Firm>,
    #[serde(default)]
    pub links: Vec<Link>,
    #[serde(default)]
    pub events: Vec<Event>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub title: String,
    pub as_of: DateText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub publisher: String,
    pub title: String,
    /// Publication year; absent when the source does not give one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessed: Option<DateText>,
    /// How the figure was seen: in the publisher's own document, or quoted by a third party.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seen: Option<Seen>,
    /// Publication date, as precise as the document gives it; agrees with `year` when both are set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<DateText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<SourceKind>,
    /// For a secondary source: whom or what it reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quotes: Option<String>,
    /// For a secondary source: the id of the model's own copy of the document it reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Whose document a source is: the publisher's own, or a third party reporting it.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    Primary,
    Secondary,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Seen {
    Read,
    Quoted,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Element {
    pub symbol: String,
    pub name: String,
    pub number: u8,
    /// The older single grouping; files with the `usgs` and `cn` tags leave it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<ElementGroup>,
    /// The grouping USGS statistics use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usgs: Option<UsgsGroup>,
    /// The grouping Chinese quotas and statistics use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cn: Option<CnGroup>,
    /// Numbers of the Chinese MOFCOM announcements that put the element under export control.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mofcom: Vec<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub magnet_role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ElementGroup {
    Light,
    Medium,
    Heavy,
    Other,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum UsgsGroup {
    Light,
    Heavy,
    /// Reported on its own (yttrium).
    Separate,
    /// Left out of rare-earth statistics (scandium).
    Excluded,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum CnGroup {
    Light,
    Heavy,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub makes: Option<String>,
    /// Stages this one consumes; when absent, the previous stage in the list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inputs: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(default)]
    pub shares: Vec<ShareBlock>,
}

/// One published country split for a stage: a year, a metric and a source.
///
/// Without `unit`, values are percent of world output. With a unit (for example `t REO`),
/// values are quantities and `total` is the world figure they are shares of.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ShareBlock {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    pub metric: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<f64>,
    #[serde(deserialize_with = "unique_keys")]
    pub countries: IndexMap<String, f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Firm {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(
        default = "FirmKind::default_kind",
        skip_serializing_if = "FirmKind::is_company"
    )]
    pub kind: FirmKind,
    pub hq: String,
    pub summary: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facilities: Vec<Facility>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Who owns the firm, entry by entry as holdings changed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub owners: Vec<Owner>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FirmKind {
    Company,
    Government,
    Research,
    Financier,
}

impl FirmKind {
    fn default_kind() -> Self {
        FirmKind::Company
    }
    fn is_company(&self) -> bool {
        *self == FirmKind::Company
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Facility {
    pub id: String,
    pub name: String,
    pub country: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    pub stages: Vec<String>,
    /// What the facility makes, as `<what> <form>` (`NdPr oxide`, `NdFeB magnets`, `other: zinc`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub products: Vec<String>,
    /// Why a facility in a rare-earth stage makes no rare earth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub products_note: Option<String>,
    /// The status without a date, as older files give it; newer ones give `lifecycle`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// Dated status history, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lifecycle: Vec<LifecycleEntry>,
    /// The nameplate capacity; routes use it for their bottleneck.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<Figure>,
    /// Why no capacity is public, in place of `capacity`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_unknown: Option<String>,
    /// Reported production, kept apart from the nameplate.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub output: Vec<Figure>,
    /// Further sourced figures: conflicting estimates, targets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<Figure>,
    /// Owners, where they differ from the firm's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub owners: Vec<Owner>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// One step of a facility's history: a status reached on a date, or, when `planned`, a target.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LifecycleEntry {
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<DateText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub planned: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A holding in a firm or facility from a date: who holds it and how much.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Owner {
    /// A firm id in the model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub firm: Option<String>,
    /// A government, by country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub government: Option<String>,
    /// Any other holder, by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Where a holder given by `name` is based.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Percent held; 0 records a sale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
    /// In place of `share` when the percentage is not public.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub control: Option<Control>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<DateText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Control {
    Controlling,
    Minority,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Operating,
    Ramping,
    Pilot,
    Commissioning,
    Construction,
    Financed,
    /// Older files call it `planned`.
    #[serde(alias = "planned")]
    Announced,
    Exploration,
    Suspended,
    Closed,
    Cancelled,
    Unknown,
}

impl Status {
    pub const ALL: [Status; 12] = [
        Status::Operating,
        Status::Ramping,
        Status::Pilot,
        Status::Commissioning,
        Status::Construction,
        Status::Financed,
        Status::Announced,
        Status::Exploration,
        Status::Suspended,
        Status::Closed,
        Status::Cancelled,
        Status::Unknown,
    ];

    /// The name as written in the model file.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Operating => "operating",
            Status::Ramping => "ramping",
            Status::Pilot => "pilot",
            Status::Commissioning => "commissioning",
            Status::Construction => "construction",
            Status::Financed => "financed",
            Status::Announced => "announced",
            Status::Exploration => "exploration",
            Status::Suspended => "suspended",
            Status::Closed => "closed",
            Status::Cancelled => "cancelled",
            Status::Unknown => "unknown",
        }
    }

    /// Producing now.
    pub fn is_producing(self) -> bool {
        matches!(self, Status::Operating | Status::Ramping)
    }

    /// On the way to producing: announced, financed, being built or commissioned.
    pub fn is_pipeline(self) -> bool {
        matches!(
            self,
            Status::Announced | Status::Financed | Status::Construction | Status::Commissioning
        )
    }

    /// Stopped or never to be: suspended, closed or cancelled.
    pub fn is_stopped(self) -> bool {
        matches!(self, Status::Suspended | Status::Closed | Status::Cancelled)
    }
}

/// Written by hand: the derived schema would leave out the older name `planned`, which serde
/// still reads.
impl JsonSchema for Status {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Status".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let names: Vec<&str> = Status::ALL
            .iter()
            .map(|s| s.as_str())
            .chain(["planned"])
            .collect();
        schemars::json_schema!({
            "description": "Where a facility stands (`planned` is the older name of `announced`)",
            "type": "string",
            "enum": names
        })
    }
}

/// A sourced number (the source is checked by validation so a missing one is reported with the rest): a capacity, an output, a target.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub value: f64,
    /// Upper end when the source gives a range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    pub unit: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// A firm or facility id.
    pub from: String,
    /// A firm or facility id.
    pub to: String,
    pub kind: LinkKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub what: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<DateText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LinkKind {
    /// Material flows from `from` to `to`.
    Supplies,
    /// `to` has agreed to buy `from`'s output (material flows from `from` to `to`).
    Offtake,
    /// `from` owns (part of) `to`.
    Ownership,
    /// `from` invests money in `to`.
    Investment,
    Loan,
    Grant,
    Partnership,
    JointVenture,
    /// `from` pays `to` for work (a design or services contract).
    Contract,
    /// `from` guarantees `to` a price (a floor or a contract for difference).
    PriceSupport,
}

impl LinkKind {
    /// Whether material moves along this link, so routes may follow it.
    pub fn carries_material(self) -> bool {
        matches!(self, LinkKind::Supplies | LinkKind::Offtake)
    }

    /// How the link reads from each end: (from `from`, from `to`).
    pub fn verbs(self) -> (&'static str, &'static str) {
        match self {
            LinkKind::Supplies => ("supplies", "buys from"),
            LinkKind::Offtake => ("sells to (offtake)", "buys from (offtake)"),
            LinkKind::Ownership => ("owns", "owned by"),
            LinkKind::Investment => ("invests in", "financed by"),
            LinkKind::Loan => ("lends to", "loan from"),
            LinkKind::Grant => ("grants to", "grant from"),
            LinkKind::Partnership => ("partners with", "partners with"),
            LinkKind::JointVenture => ("joint venture with", "joint venture with"),
            LinkKind::Contract => ("contracts", "contracted by"),
            LinkKind::PriceSupport => ("guarantees a price to", "price supported by"),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Amount {
    pub value: f64,
    /// ISO 4217 code.
    pub currency: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Unique among all ids; when absent the model makes one from the date and title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub date: DateText,
    pub title: String,
    /// Firm ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<String>,
    /// Element symbols the event concerns (export controls, for instance).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub elements: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub see_also: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A date as written: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. Checked by validation, not by serde,
/// so that every bad date in a file is reported in one pass.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct DateText(pub String);

impl JsonSchema for DateText {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DateText".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        // A bare year reads as a number in YAML; the pattern checks the written forms.
        schemars::json_schema!({
            "description": "A date as YYYY, YYYY-MM or YYYY-MM-DD",
            "type": ["string", "integer"],
            "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
        })
    }
}

impl<'de> Deserialize<'de> for DateText {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl serde::de::Visitor<'_> for DateVisitor {
            type Value = DateText;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a date as YYYY, YYYY-MM or YYYY-MM-DD")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<DateText, E> {
                Ok(DateText(v.to_owned()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<DateText, E> {
                Ok(DateText(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<DateText, E> {
                Ok(DateText(v.to_string()))
            }
        }
        deserializer.deserialize_any(DateVisitor)
    }
}

thread_local! {
    /// Set while the position scan, which reports duplicate keys with their places, has already
    /// run: the parse then keeps going so that validation can report every other problem too.
    static DUPLICATES_REPORTED_ELSEWHERE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `parse` with duplicate keys tolerated (the last one kept) because the caller reports them.
pub(crate) fn with_duplicates_reported_elsewhere<T>(parse: impl FnOnce() -> T) -> T {
    DUPLICATES_REPORTED_ELSEWHERE.set(true);
    let result = parse();
    DUPLICATES_REPORTED_ELSEWHERE.set(false);
    result
}

/// A mapping whose keys must be unique: YAML libraries keep the last of two equal keys, which
/// would silently drop data.
fn unique_keys<'de, D, V>(deserializer: D) -> Result<IndexMap<String, V>, D::Error>
where
    D: serde::Deserializer<'de>,
    V: Deserialize<'de>,
{
    struct UniqueKeys<V>(std::marker::PhantomData<V>);
    impl<'de, V: Deserialize<'de>> serde::de::Visitor<'de> for UniqueKeys<V> {
        type Value = IndexMap<String, V>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a mapping")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut access: A,
        ) -> Result<Self::Value, A::Error> {
            let mut map = IndexMap::with_capacity(access.size_hint().unwrap_or(0));
            while let Some((key, value)) = access.next_entry::<String, V>()? {
                if map.contains_key(&key) && !DUPLICATES_REPORTED_ELSEWHERE.get() {
                    return Err(serde::de::Error::custom(format_args!(
                        "duplicate key `{key}`"
                    )));
                }
                map.insert(key, value);
            }
            Ok(map)
        }
    }
    deserializer.deserialize_map(UniqueKeys(std::marker::PhantomData))
}

#[cfg(test)]
mod tests {
    use super::Status;

    #[test]
    fn status_all_lists_every_status_once() {
        // A new status breaks this match, and the failure points here to add it to `ALL`.
        let position = |s: Status| match s {
            Status::Operating => 0,
            Status::Ramping => 1,
            Status::Pilot => 2,
            Status::Commissioning => 3,
            Status::Construction => 4,
            Status::Financed => 5,
            Status::Announced => 6,
            Status::Exploration => 7,
            Status::Suspended => 8,
            Status::Closed => 9,
            Status::Cancelled => 10,
            Status::Unknown => 11,
        };
        for (i, &status) in Status::ALL.iter().enumerate() {
            assert_eq!(position(status), i);
        }
    }
}
