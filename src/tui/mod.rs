//! The interactive app: state and update (`app`), what reaches it (`command`, `msg`), keys
//! by mode (`keymap`), where things go (`geometry`), drawing (`ui`), styles (`theme`) and the terminal loop (`run`).

pub mod app;
pub mod clipboard;
pub mod command;
pub mod geometry;
pub mod hints;
pub mod keymap;
pub mod msg;
pub mod opener;
pub mod run;
pub mod screenshot;
pub mod theme;
pub mod ui;

pub use app::App;
pub use run::run;
