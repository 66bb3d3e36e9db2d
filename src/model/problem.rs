//! What is wrong with a model file, where, and how bad.

use std::fmt;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The model cannot be used until this is fixed.
    Error,
    /// The model loads; the data is probably not what was meant.
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub severity: Severity,
    pub message: String,
    /// Where in the model, as `firms[3].facilities[0].country`; empty for the file as a whole.
    pub path: String,
    /// Whether the problem is the mapping key at `path` rather than its value.
    #[serde(skip)]
    pub on_key: bool,
    /// The file the problem is in, as it was named (or `<embedded>`).
    pub file: String,
    pub line: Option<u32>,
    pub column: Option<u32>,
    /// The path of an earlier place the message refers to (the first use of a duplicate id);
    /// the loader writes its `file:line:col` where the message says [`Problem::FIRST_PLACE`].
    #[serde(skip)]
    pub first_place: Option<String>,
}

impl Problem {
    pub fn error(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Error,
            message: message.into(),
            path: path.into(),
            on_key: false,
            file: String::new(),
            line: None,
            column: None,
            first_place: None,
        }
    }

    /// Stands in a message for the `file:line:col` of [`Problem::first_place`].
    pub const FIRST_PLACE: &'static str = "{first place}";

    pub fn warning(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(path, message)
        }
    }

    #[must_use]
    pub fn on_key(mut self) -> Problem {
        self.on_key = true;
        self
    }

    #[must_use]
    pub fn at(mut self, line: u32, column: u32) -> Problem {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Makes every text the problem prints safe for a terminal: model values quoted in the
    /// message, the path (which holds keys from the model) and the file name are escaped,
    /// and long values shortened.
    pub fn make_inert(&mut self) {
        if let std::borrow::Cow::Owned(message) = crate::text::inert_message(&self.message) {
            self.message = message;
        }
        if let std::borrow::Cow::Owned(path) = crate::text::inert_message(&self.path) {
            self.path = path;
        }
        if let std::borrow::Cow::Owned(file) = crate::text::inert(&self.file) {
            self.file = file;
        }
    }

    /// The path the position index knows this problem's node by.
    pub(crate) fn lookup_path(&self) -> String {
        if self.on_key {
            format!("{}#key", self.path)
        } else {
            self.path.clone()
        }
    }
}

/// `file:line:col: error: message (at path)`, the shape editors and CI logs link from.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::text::inert(&self.file))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            ": {severity}: {}",
            crate::text::inert_message(&self.message)
        )?;
        if !self.path.is_empty() {
            write!(f, " (at {})", crate::text::inert_message(&self.path))?;
        }
        Ok(())
    }
}

/// Longer text is no typo of an id: it gets no suggestion, which keeps the edit distance cheap.
const MAX_SUGGESTED_LEN: usize = 64;

/// Suggests the candidate closest to `wrong`, when one is close enough to be a typo. Among
/// equally close candidates the one sharing the longest start wins (`AUS` suggests `AU`, not `US`).
/// Candidates whose length alone puts them too far are skipped without comparing.
pub fn nearest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    if wrong.len() > 4 * MAX_SUGGESTED_LEN {
        return None;
    }
    let wrong_len = wrong.chars().count();
    if wrong_len > MAX_SUGGESTED_LEN {
        return None;
    }
    let wrong_lower = wrong.to_lowercase();
    let limit = (wrong_len / 3).max(1);
    let mut best: Option<(usize, usize, &str)> = None;
    for candidate in candidates {
        if candidate.len() > 4 * (wrong_len + limit) {
            continue;
        }
        let candidate_len = candidate.chars().count();
        if candidate_len.abs_diff(wrong_len) > limit {
            continue;
        }
        let candidate_lower = candidate.to_lowercase();
        let distance = strsim::osa_distance(&wrong_lower, &candidate_lower);
        if distance > limit {
            continue;
        }
        let shared_start = wrong_lower
            .chars()
            .zip(candidate_lower.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let better = match best {
            None => true,
            Some((d, s, _)) => distance < d || (distance == d && shared_start > s),
        };
        if better {
            best = Some((distance, shared_start, candidate));
        }
    }
    best.map(|(_, _, c)| c)
}

/// ` did you mean `X`?` or nothing.
pub fn did_you_mean<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    match nearest(wrong, candidates) {
        Some(c) => format!("; did you mean `{c}`?"),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_gets_no_suggestion() {
        let long = "a".repeat(1_000_000);
        let ids: Vec<String> = (0..100_000).map(|i| format!("id-{i}")).collect();
        assert_eq!(nearest(&long, ids.iter().map(String::as_str)), None);
        assert_eq!(
            nearest("mining-x", ["a", "mining", "mining-xyzzy-long"]),
            Some("mining")
        );
    }

    #[test]
    fn suggests_first_closest() {
        assert_eq!(nearest("CH", ["CN", "US", "CA"]), Some("CN"));
        assert_eq!(nearest("lyans", ["lynas", "mp-materials"]), Some("lynas"));
        assert_eq!(nearest("zzzzzz", ["lynas"]), None);
        assert_eq!(nearest("AUS", ["CN", "US", "AU"]), Some("AU"));
    }

    #[test]
    fn displays_as_file_line_col() {
        let mut p = Problem::error("firms[3].hq", "unknown country `CH`").at(12, 9);
        p.file = "chain.yaml".into();
        assert_eq!(
            p.to_string(),
            "chain.yaml:12:9: error: unknown country `CH` (at firms[3].hq)"
        );
    }
}
