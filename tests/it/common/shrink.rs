//! A valid model with fewer entities than another: facilities, firms and events dropped, with
//! the links, holdings and events that named them, as a save that deletes them would leave it.

use rechain::model::schema::ChainFile;
use rechain::model::{Model, load};

/// What to drop: facilities and firms by id, events by place in the file.
#[derive(Debug, Default, Clone)]
pub struct Drop<'a> {
    pub facilities: &'a [&'a str],
    pub firms: &'a [&'a str],
    pub events: &'a [usize],
}

/// `m` without what `drop` names, loaded again from YAML so it is what a save would give.
pub fn shrink(m: &Model, drop: &Drop) -> Model {
    let mut file: ChainFile = m.file().clone();
    let mut gone: Vec<String> = drop.facilities.iter().map(|&s| s.to_owned()).collect();
    gone.extend(drop.firms.iter().map(|&s| s.to_owned()));
    for firm in file
        .firms
        .iter()
        .filter(|f| drop.firms.contains(&f.id.as_str()))
    {
        gone.extend(firm.facilities.iter().map(|x| x.id.clone()));
    }
    let named = |id: &Option<String>| id.as_ref().is_some_and(|id| gone.contains(id));
    file.firms.retain(|f| !gone.contains(&f.id));
    for firm in &mut file.firms {
        firm.owners.retain(|o| !named(&o.firm));
        firm.facilities.retain(|x| !gone.contains(&x.id));
        for x in &mut firm.facilities {
            x.owners.retain(|o| !named(&o.firm));
        }
    }
    file.links
        .retain(|l| !gone.contains(&l.from) && !gone.contains(&l.to));
    let mut i = 0;
    file.events.retain(|e| {
        i += 1;
        !drop.events.contains(&(i - 1)) && !e.parties.iter().any(|p| gone.contains(p))
    });
    let text = serde_yaml::to_string(&file).expect("a model serializes");
    load::load_text(&text, m.origin().clone()).expect("the shrunk model is valid")
}
