//! rechain: explore the rare-earth value chain, from ore to magnets.

// First, so that its `errln!` is in scope in every module below.
#[macro_use]
pub mod exit;
pub mod analysis;
pub mod cli;
pub mod config;
pub mod model;
pub mod present;
pub mod safe_write;
pub mod search;
pub mod synth;
pub mod text;
pub mod tui;
