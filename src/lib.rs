//! rechain: explore the rare-earth value chain, from ore to magnets.

pub mod analysis;
pub mod card;
pub mod cli;
pub mod model;
pub mod search;
pub mod synth;
pub mod text;
pub mod tui;
