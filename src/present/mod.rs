//! Everything rechain shows, built once as documents ([`doc::Doc`]) and rendered as terminal
//! lines, plain text, Markdown or JSON.

pub mod capacity;
pub mod card;
pub mod doc;
pub mod format;
pub mod headline;
pub mod plants;
pub mod routes;
