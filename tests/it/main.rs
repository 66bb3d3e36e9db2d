//! The integration tests, one crate so cargo links one test binary. A new test file
//! `tests/it/NAME.rs` needs one line here: `mod NAME;`.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot go on fails, and says where"
)]

mod common;

mod analysis;
mod analysis_cli;
mod analysis_pty;
mod analysis_tui;
mod answers;
mod app_manners;
mod app_property;
mod as_of;
mod balance;
mod capacity;
mod cli;
mod cli_manners;
mod cli_pipe;
mod command_line;
mod conventions;
mod copy_export;
mod diff;
mod event_tags;
mod events_pane;
mod history;
mod injection;
mod link_lifecycle;
mod list_filters;
mod load_errors;
mod load_fuzz;
mod load_hardening;
mod model;
mod model_age;
mod model_swap;
mod outputs_cli;
mod pty_app;
mod pty_editor;
mod pty_manners;
mod pty_meeting;
mod pty_reload;
mod pty_sleep;
mod quantities;
mod quantity_property;
mod reload_changes;
mod resilience;
mod search;
mod search_cli;
mod search_pty;
mod search_ui;
mod settings;
mod shares_views;
mod stage_history;
mod status_bar;
mod time_tui;
mod ui_card;
mod ui_plants;
mod ui_screenshots;
mod ui_snapshots;
mod ui_update;
mod views;
