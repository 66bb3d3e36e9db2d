//! Ids: their shape, and one holder per id across firms, facilities, stages, sources and events.

use super::Validator;
use crate::model::problem::Problem;
use crate::text;

/// The entity that holds an id, by position in the file.
#[derive(Clone, Copy)]
pub(super) enum IdHolder {
    Source,
    Stage(usize),
    Firm(usize),
    Facility(usize, usize),
    Event(usize),
}

impl IdHolder {
    pub(super) fn kind(self) -> &'static str {
        match self {
            IdHolder::Source => "source",
            IdHolder::Stage(_) => "stage",
            IdHolder::Firm(_) => "firm",
            IdHolder::Facility(..) => "facility",
            IdHolder::Event(_) => "event",
        }
    }

    /// Where the id is written: the value of `id`, or a source's key.
    pub(super) fn path(self, id: &str) -> String {
        match self {
            IdHolder::Source => format!("sources.{id}#key"),
            IdHolder::Stage(i) => format!("stages[{i}].id"),
            IdHolder::Firm(i) => format!("firms[{i}].id"),
            IdHolder::Facility(i, j) => format!("firms[{i}].facilities[{j}].id"),
            IdHolder::Event(i) => format!("events[{i}].id"),
        }
    }
}

impl<'a> Validator<'a> {
    /// Records `owner` as the holder of `id`; a second holder is an error that names the first.
    pub(super) fn claim(&mut self, id: &'a str, owner: IdHolder) {
        let Some(&first) = self.id_holders.get(id) else {
            self.id_holders.insert(id, owner);
            return;
        };
        let shown = text::quote(id);
        let message = if first.kind() == owner.kind() {
            format!(
                "duplicate {} id `{shown}`, first used at {}",
                owner.kind(),
                Problem::FIRST_PLACE
            )
        } else {
            format!(
                "id `{shown}` is already used by the {} at {}: firm, facility, stage, source and event ids must all differ",
                first.kind(),
                Problem::FIRST_PLACE
            )
        };
        let here = owner.path(id);
        let mut problem = Problem::error(here.strip_suffix("#key").unwrap_or(&here), message);
        problem.on_key = here.ends_with("#key");
        problem.first_place = Some(first.path(id));
        self.problems.push(problem);
    }
}

pub(super) fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.')
        })
}

pub(super) fn bad_id(id: &str) -> String {
    format!("id `{id}` must be lowercase letters, digits, `-`, `_` or `.` (no spaces)")
}
