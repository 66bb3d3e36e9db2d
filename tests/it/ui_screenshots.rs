//! The committed screenshots match what the renderer draws now.

use std::path::Path;

use rechain::model::{Origin, load};
use rechain::tui::screenshot;

#[test]
fn committed_screenshots_are_current() {
    let model = load::load(&Origin::Embedded).expect("embedded model is valid");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("screenshots");
    let mut stale = Vec::new();
    for (name, svg) in screenshot::render_all(&model) {
        let committed = std::fs::read_to_string(dir.join(&name)).unwrap_or_default();
        if committed != svg {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "stale screenshots {stale:?}: run `cargo run --example screenshots` and commit them"
    );
}
