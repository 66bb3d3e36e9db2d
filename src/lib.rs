//! rechain: explore the rare-earth value chain, from ore to magnets.

pub mod model;
