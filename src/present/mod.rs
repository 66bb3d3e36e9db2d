//! Everything rechain shows, built once as documents ([`doc::Doc`]) and rendered as terminal
//! lines, plain text, Markdown or JSON; entities as structured fields ([`fields`]) and tables
//! ([`table::Table`]) for JSON and CSV.

pub mod capacity;
pub mod card;
pub mod cite;
pub mod csv;
pub mod diff;
pub mod doc;
pub mod fields;
pub mod format;
pub mod headline;
pub mod history;
pub mod plants;
pub mod routes;
pub mod shares;
pub mod table;
