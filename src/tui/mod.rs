//! The interactive app: state and update (`app`), intents (`action`), input (`keymap`),
//! drawing (`ui`), styles (`theme`) and the terminal loop (`run`).

pub mod action;
pub mod app;
pub mod clipboard;
pub mod hints;
pub mod keymap;
pub mod opener;
pub mod run;
pub mod screenshot;
pub mod theme;
pub mod ui;
pub mod whatif;

pub use app::App;
pub use run::run;
