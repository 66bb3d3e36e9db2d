//! The app's own views: every key binding, the problems of the model file and the messages
//! of the session. The app draws them and `y`/`w` copy them from the same documents.

use crate::model::{Problem, Severity};
use crate::present::doc::{Doc, DocLine, Role};
use crate::text::one_line;

/// Every key binding: the keys, padded to one width, then what they do.
pub fn help_doc(rows: &[(String, &str)]) -> Doc {
    let width = rows
        .iter()
        .map(|(k, _)| unicode_width::UnicodeWidthStr::width(k.as_str()))
        .max()
        .unwrap_or(0);
    let mut doc = Doc {
        title: "Keys".into(),
        ..Doc::default()
    };
    for (keys, help) in rows {
        doc.push_line(vec![
            (Role::Key, format!("{keys:<width$}  ")),
            (Role::Text, (*help).to_owned()),
        ]);
    }
    doc.push_line(Vec::new());
    doc.push_line(vec![(
        Role::Dim,
        "Every figure shows its source id in [brackets]; s spells the source out.".into(),
    )]);
    doc
}

/// The problems of the model file, one line each as `file:line:col: message`.
pub fn problems_doc(problems: &[Problem]) -> Doc {
    let mut doc = Doc {
        title: "Problems".into(),
        ..Doc::default()
    };
    if problems.is_empty() {
        doc.push_line(vec![(Role::Ok, NO_PROBLEMS.into())]);
    }
    for p in problems {
        doc.push_line(problem_line(p));
    }
    doc
}

pub const NO_PROBLEMS: &str = "no problems: the model file is valid";

pub fn problem_line(p: &Problem) -> DocLine {
    let role = match p.severity {
        Severity::Error => Role::Error,
        Severity::Warning => Role::Warning,
    };
    vec![(role, one_line(&p.to_string()).into_owned())]
}

/// One message of the session: when it was said, its text, and whether it was an error.
pub struct Said<'a> {
    pub at: &'a str,
    pub text: &'a str,
    pub error: bool,
}

/// Every message of the session with its time, newest last.
pub fn log_doc<'a>(messages: impl ExactSizeIterator<Item = Said<'a>>) -> Doc {
    let mut doc = Doc {
        title: "Messages".into(),
        ..Doc::default()
    };
    if messages.len() == 0 {
        doc.push_line(vec![(Role::Dim, "no messages yet".into())]);
    }
    for said in messages {
        let role = if said.error { Role::Error } else { Role::Text };
        doc.push_line(vec![
            (Role::Dim, format!("{} ", said.at)),
            (role, one_line(said.text).into_owned()),
        ]);
    }
    doc
}
