//! The CSV export: a header row, then one row per pair, quoted per RFC 4180
//! by the `csv` crate, with CRLF line ends. A cell that a spreadsheet would
//! read as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage
//! return, or with white space before one of those) gets a leading `'`, the
//! usual defence against formula injection.
//! So that the defence can be undone exactly (strip one leading `'`), a
//! cell that already starts with `'` gets one too; spreadsheets hide a
//! leading `'`, so such cells still show as written.
//! `analyst` names who last judged the pair, when the tag says; `conflict`
//! gives both judgements of a pair two analysts' merge left undecided.
//! With no pairs the file is the header row alone: a message row would be
//! read as a pair by every program that consumes the file.

use super::prepared::Prepared;
use super::{Comparison, Options};

/// The header row, in column order.
pub const HEADER: [&str; 16] = [
    "topics",
    "stance",
    "left_quote",
    "right_quote",
    "left_location",
    "right_location",
    "note",
    "left_state",
    "right_state",
    "created",
    "modified",
    "id",
    "filed_under",
    "suggested",
    "analyst",
    "conflict",
];

/// Renders the CSV export. Pure and deterministic.
pub fn render(c: &Comparison, opts: &Options) -> String {
    let p = Prepared::new(c, opts);
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut rows: Vec<Vec<String>> = vec![HEADER.iter().map(|h| h.to_string()).collect()];
    for pe in &p.entries {
        let e = pe.entry;
        rows.push(vec![
            p.topic_names(pe),
            p.column(pe).name.to_string(),
            e.left.exact.clone(),
            e.right.exact.clone(),
            p.location(0, &e.left),
            p.location(1, &e.right),
            e.note.clone(),
            e.left.state.name().to_string(),
            e.right.state.name().to_string(),
            e.created.clone().unwrap_or_default(),
            e.modified.clone().unwrap_or_default(),
            e.id.clone().unwrap_or_default(),
            pe.group
                .map_or(String::new(), |t| p.topic_name(Some(t)).to_string()),
            p.suggestion(pe).unwrap_or_default(),
            e.analyst.clone().unwrap_or_default(),
            p.conflict_text(pe).unwrap_or_default(),
        ]);
    }
    for row in rows {
        // Writing equal-length records into a Vec cannot fail: the writer's
        // only errors are I/O errors (a Vec never gives one) and records of
        // unequal length (every row has HEADER's length).
        w.write_record(row.iter().map(|cell| defuse(cell).into_owned()))
            .expect("CSV into memory cannot fail");
    }
    let bytes = w.into_inner().expect("flushing into a Vec cannot fail");
    // Every field is a &str, so the bytes are UTF-8.
    String::from_utf8_lossy(&bytes).into_owned()
}

/// `cell` with a `'` in front if a spreadsheet would evaluate it, or if it
/// starts with `'` (so every prefix added can be removed unambiguously).
///
/// Spreadsheets skip leading blanks before evaluating, so a formula
/// character after any run of Unicode white space (spaces, U+3000, no-break
/// spaces…) counts as a formula start too.
pub fn defuse(cell: &str) -> std::borrow::Cow<'_, str> {
    let first = cell.chars().next();
    let after_blanks = cell
        .trim_start_matches(|c: char| c.is_whitespace() && c != '\t' && c != '\r')
        .chars()
        .next();
    let formula = |c: Option<char>| matches!(c, Some('=' | '+' | '-' | '@'));
    match first {
        Some('\t' | '\r' | '\'') => format!("'{cell}").into(),
        _ if formula(first) || formula(after_blanks) => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_get_a_quote_prefix() {
        for (cell, want) in [
            ("=SUM(A1)", "'=SUM(A1)"),
            ("+1", "'+1"),
            ("-2", "'-2"),
            ("@cmd", "'@cmd"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("a=b", "a=b"),
            ("'quoted", "''quoted"),
            ("", ""),
            ("— dash", "— dash"),
            ("  =1+1", "'  =1+1"),
            ("\u{3000}=HYPERLINK(x)", "'\u{3000}=HYPERLINK(x)"),
            ("\u{a0}-5", "'\u{a0}-5"),
            ("\n@x", "'\n@x"),
            ("  plain", "  plain"),
        ] {
            assert_eq!(defuse(cell), want, "for {cell:?}");
        }
    }
}
