//! Everything rechain shows, built once as a [`view::View`]: a document ([`doc::Doc`]) of
//! headings, lines and tables ([`table::Table`]) rendered as terminal lines, text that fits a
//! width, Markdown or CSV, and the view's own data as JSON. Entities as structured fields
//! ([`fields`]). Numbers read the same everywhere through [`format`].

pub mod balance;
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
pub mod labels;
pub mod lookup;
pub mod plants;
pub mod resilience;
pub mod routes;
pub mod session;
pub mod shares;
pub mod table;
pub mod view;
pub mod whatif;
