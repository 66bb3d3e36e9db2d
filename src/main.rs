fn main() {
    match rechain::model::load::load(&rechain::model::Origin::choose(None)) {
        Ok(m) => println!("{} firms", m.firms.len()),
        Err(e) => eprintln!("{e}"),
    }
}
