//! The what-if in the real binary: exclude a country, read the routes left, clear.

use crate::common::pty::Session;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/routes.yaml");

#[test]
fn exclude_china_read_routes_and_clear() {
    let mut s = Session::start(&[FIXTURE], &[], &std::env::temp_dir(), 100, 30);
    s.wait_text("Stages (6)");
    // Tab to the shares pane; China is the first row of mining's headline block.
    s.send(b"\t\t");
    s.wait_text("┏ Shares · Mining");
    s.send(b"x");
    s.wait_text("ex-CN 30%");
    s.wait_text("China (CN) excluded");
    s.send(b"m");
    s.wait_text("3 routes from Mining to Magnets (operating or ramping");
    s.send(b"\x1b");
    s.wait_gone("3 routes from Mining");
    s.send(b"X");
    s.wait_text("exclusions cleared");
    s.wait_gone("ex-CN");
    s.quit();
}
