//! Filtering a list in place: a row stays when every word typed begins a word of its text,
//! or does with one letter wrong once the word is four letters long.

use deunicode::deunicode;
use strsim::damerau_levenshtein;

/// The words of `text`, folded to lower-case ASCII.
fn words(text: &str) -> Vec<String> {
    deunicode(text)
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether `typed` begins `word`, allowing one typo from four letters on.
fn begins(word: &str, typed: &str) -> bool {
    if word.starts_with(typed) {
        return true;
    }
    let n = typed.chars().count();
    if n < 4 {
        return false;
    }
    let head: String = word.chars().take(n).collect();
    damerau_levenshtein(&head, typed) <= 1
}

/// A filter, read once from what was typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    typed: Vec<String>,
}

impl Filter {
    pub fn new(text: &str) -> Filter {
        Filter { typed: words(text) }
    }

    pub fn is_empty(&self) -> bool {
        self.typed.is_empty()
    }

    /// Whether a row whose text is `text` stays.
    pub fn keeps(&self, text: &str) -> bool {
        let have = words(text);
        self.typed.iter().all(|t| have.iter().any(|w| begins(w, t)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_begin_words_and_small_typos_pass() {
        let japan = "Proterial Kumagaya · Japan JP · Proterial";
        let china = "Jiangxi Copper Ganzhou · China CN";
        assert!(Filter::new("jap").keeps(japan));
        assert!(!Filter::new("jap").keeps(china));
        assert!(Filter::new("japn").keeps(japan));
        assert!(Filter::new("PROT jp").keeps(japan));
        assert!(!Filter::new("prot cn").keeps(japan));
        assert!(Filter::new("").keeps(china));
        assert!(Filter::new("ganzhóu").keeps(china));
    }
}
