//! Renders screenshots/*.svg from the real renderer on the embedded model.
//!
//! `cargo run --example screenshots`; the `ui_screenshots` test fails when they are stale.

use std::path::Path;

use rechain::model::{Origin, load};
use rechain::tui::screenshot;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let model = load::load(&Origin::Embedded).map_err(|e| e.to_string())?;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("screenshots");
    std::fs::create_dir_all(&dir)?;
    for (name, svg) in screenshot::render_all(&model) {
        let path = dir.join(&name);
        std::fs::write(&path, svg)?;
        println!("wrote {}", path.display());
    }
    Ok(())
}
