//! rechain: explore the rare-earth value chain, from ore to magnets.

pub mod cli;
pub mod model;
pub mod search;
pub mod synth;
