//! Firms, their facilities, the facilities' dated histories and figures, and who owns what.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{DateText, Status};

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
    #[allow(
        clippy::trivially_copy_pass_by_ref,
        reason = "serde's skip_serializing_if passes a reference"
    )]
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
    /// Capacities, one entry per stage and product measured; each counts in its own stage's
    /// tables and sums only. Older files give one mapping, read as a list of one.
    #[serde(
        default,
        deserialize_with = "one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    #[schemars(with = "Capacities")]
    pub capacity: Vec<Figure>,
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
    /// For a target whose date has passed: when the sources were last searched for what
    /// happened without finding it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked: Option<DateText>,
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

/// A sourced number (the source is checked by validation so a missing one is reported with the rest): a capacity, an output, a target.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Box<str>>,
    /// What is measured, written as in `products` (`NdPr oxide`, `NdFeB magnets`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<Box<str>>,
    /// The stage the figure measures, by id; a capacity of a facility at several stages names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<Box<str>>,
    /// What kind of figure it is: nameplate (the default for a capacity), design, expected, target,
    /// run-rate or output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<Basis>,
    pub value: f64,
    /// Upper end when the source gives a range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// One of the model's `units` (a capacity per year: `t NdPr oxide/yr`).
    pub unit: Box<str>,
    /// What the source says where it does not settle the unit (`t/yr`, "magnets" of no stated
    /// kind): the figure is then shown but never summed or compared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_unclear: Option<Box<str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    /// The day, month or year the figure applies to, when the source dates it more finely
    /// than a year (`2025-03`); `year` may then be left out, and must agree when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<DateText>,
    /// For an output of part of a year, how many months it covers (3 for a quarter): it is
    /// then never set against a yearly capacity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Box<str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Box<str>>,
}

/// What a figure measures: what a plant is built for, what is planned, or what it makes.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    /// Installed capacity, as the owner states it.
    Nameplate,
    /// What the plant is designed for, before it is built or proven.
    Design,
    /// What the owner expects once running.
    Expected,
    /// A goal for a later date.
    Target,
    /// What the plant runs at now.
    RunRate,
    /// Reported production over a period.
    Output,
    /// The source gives a figure without saying which of these it is.
    Unknown,
}

impl Basis {
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Nameplate => "nameplate",
            Basis::Design => "design",
            Basis::Expected => "expected",
            Basis::Target => "target",
            Basis::RunRate => "run-rate",
            Basis::Output => "output",
            Basis::Unknown => "unknown",
        }
    }

    /// How a figure's basis reads beside it: `expected`, `basis unknown`.
    pub fn label(self) -> &'static str {
        match self {
            Basis::Unknown => "basis unknown",
            other => other.as_str(),
        }
    }
}

/// A capacity as older files give it (one mapping) or as a list of entries.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(
    dead_code,
    reason = "describes the accepted forms for the JSON Schema only"
)]
enum Capacities {
    One(Figure),
    Many(Vec<Figure>),
}

/// Reads one mapping as a list of one, or a list, keeping serde's own messages for each entry.
fn one_or_many<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<Figure>, D::Error> {
    struct Visitor;
    impl<'de> serde::de::Visitor<'de> for Visitor {
        type Value = Vec<Figure>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a capacity (a mapping) or a list of them")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            Figure::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(|f| vec![f])
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            Vec::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
    }
    deserializer.deserialize_any(Visitor)
}

/// One canonical unit: the product it counts and that product's family.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// The product the unit counts, written as in `products` (`NdPr oxide`, `RE oxides`).
    pub product: String,
    pub family: UnitFamily,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Where in the chain a unit's product sits.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum UnitFamily {
    Ore,
    Concentrate,
    /// Mixed products: carbonates, total oxides, contained equivalents.
    Intermediate,
    Oxide,
    Metal,
    Alloy,
    Magnet,
    /// What a plant takes in (scrap, feedstock) rather than makes.
    Feed,
}

impl UnitFamily {
    pub fn as_str(self) -> &'static str {
        match self {
            UnitFamily::Ore => "ore",
            UnitFamily::Concentrate => "concentrate",
            UnitFamily::Intermediate => "intermediate",
            UnitFamily::Oxide => "oxide",
            UnitFamily::Metal => "metal",
            UnitFamily::Alloy => "alloy",
            UnitFamily::Magnet => "magnet",
            UnitFamily::Feed => "feed",
        }
    }
}

/// A factor from one unit to another: `to = from × factor`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Conversion {
    /// A unit of `units`.
    pub from: String,
    /// A unit of `units`.
    pub to: String,
    pub factor: f64,
    /// Where the factor comes from: `published` needs a `source`; `stoichiometric` is worked
    /// out from atomic weights and gives the formula in `note`.
    pub kind: ConversionKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ConversionKind {
    /// A figure a source publishes (the `NdPr` content of a magnet).
    Published,
    /// Worked out from atomic weights (oxide to metal).
    Stoichiometric,
}

impl ConversionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ConversionKind::Published => "published",
            ConversionKind::Stoichiometric => "stoichiometric",
        }
    }
}
