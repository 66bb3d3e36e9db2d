//! Prints a valid, deterministic synthetic model of about N entities:
//! `cargo run --release --example synth -- 100000 > big.yaml`

use std::io::Write;

fn main() {
    let entities = match std::env::args().nth(1).map(|a| a.parse::<usize>()) {
        None => 1000,
        Some(Ok(n)) => n,
        Some(Err(_)) => {
            eprintln!("usage: synth [ENTITIES]   (a whole number; default 1000)");
            std::process::exit(2);
        }
    };
    let text = rechain::synth::generate(entities);
    if let Err(e) = std::io::stdout().lock().write_all(text.as_bytes())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("synth: {e}");
        std::process::exit(1);
    }
}
