//! Serde types that mirror `chain.yaml` one to one.
//!
//! These types only describe the file. Nothing outside `model` reads them: the rest of the
//! program works on the validated, indexed [`crate::model::Model`]. Dates and ids are kept as
//! text here so that validation can report every problem at once instead of failing on the first.

mod chain;
mod date_text;
mod demand;
mod firms;
mod links;
mod sources;
mod status;
mod unique_keys;

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use chain::{CnGroup, Element, ElementGroup, ShareBlock, Stage, UsgsGroup};
pub use date_text::DateText;
pub use demand::DemandSeries;
pub use firms::{
    Basis, Control, Conversion, ConversionKind, Facility, Figure, Firm, FirmKind, LifecycleEntry,
    Owner, Unit, UnitFamily,
};
pub use links::{Amount, Event, Link, LinkKind, LinkStatus};
pub use sources::{Meta, Seen, Source, SourceKind};
pub use status::Status;
pub(crate) use unique_keys::with_duplicates_reported_elsewhere;

use unique_keys::unique_keys;

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

/// One or a few top-level sections of a file, parsed on their own so that the YAML library
/// never holds the events of a large file at once: the header may be elsewhere.
pub(crate) type Sections = ChainFile<Option<u32>, Option<Meta>>;

// The top-level sections of a model file. `Version` and `Header` hold `version` and `meta`:
// as themselves in a whole file (the default), as options in a part of one, where serde
// reads a missing field as `None` (and refuses it otherwise). A plain comment, since a doc
// comment would become the description of the published JSON Schema.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChainFile<Version = u32, Header = Meta> {
    pub version: Version,
    pub meta: Header,
    #[serde(default, deserialize_with = "unique_keys")]
    pub sources: IndexMap<String, Source>,
    /// ISO 3166 alpha-2 code -> display name.
    #[serde(default, deserialize_with = "unique_keys")]
    pub countries: IndexMap<String, String>,
    /// The closed set of units capacities and outputs are given in, by name (`t NdPr oxide`).
    #[serde(
        default,
        deserialize_with = "unique_keys",
        skip_serializing_if = "IndexMap::is_empty"
    )]
    pub units: IndexMap<String, Unit>,
    /// Factors between units, used only where a view asks for an equivalent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conversions: Vec<Conversion>,
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
    /// Published demand series, each with its scenario, region and source.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub demand: Vec<DemandSeries>,
}
