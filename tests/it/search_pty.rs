//! Search in the real app, in a pseudo-terminal: `J`, a misspelled name, Enter, the card.

use crate::common::pty::Session;

#[test]
fn j_typo_enter_opens_the_card_and_q_is_text_while_searching() {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/search.yaml");
    let mut s = Session::start(&[file], &[], &std::env::temp_dir(), 80, 24);
    s.wait_text("Stages (5)");
    s.send(b"J");
    s.wait_text("Search");
    // `q` quits outside the box; inside it is part of the query.
    s.send(b"q");
    s.wait_text("/ q");
    s.send(b"\x7f");
    s.send(b"korea zink");
    s.wait_text("/ korea zink");
    s.wait_text("3 results");
    s.send(b"\r");
    s.wait_gone("3 results");
    s.wait_text("Zinc smelter moving into rare-earth refining");
    // Esc from a fresh search leaves the card where it was.
    s.send(b"Jlyans");
    s.wait_text("/ lyans");
    s.send(b"\x1b");
    s.wait_gone("/ lyans");
    s.wait_text("Zinc smelter moving into rare-earth refining");
    s.quit();
}
