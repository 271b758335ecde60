//! The CSV export, read back with the csv crate: a header, one row per pair,
//! every cell exactly the input (after undoing the formula-injection
//! prefix), RFC 4180 quoting of commas, quotes and line breaks.

mod export_common;

use diptych::export::{AnchorKind, Comparison, Format, Options};
use diptych::sanitize::printable;
use export_common::*;

const HEADER: [&str; 16] = [
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

fn rows(c: &Comparison, include_untagged: bool) -> Vec<Vec<String>> {
    let src = render_text(Format::Csv, c, &Options { include_untagged });
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(src.as_bytes());
    r.records()
        .map(|rec| {
            rec.expect("the export is valid CSV")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect()
}

/// Undoes the formula-injection defence: one leading `'` goes.
fn undefuse(cell: &str) -> &str {
    cell.strip_prefix('\'').unwrap_or(cell)
}

#[test]
fn one_row_per_pair_after_a_header() {
    let c = sample();
    let rows = rows(&c, false);
    assert_eq!(rows[0], HEADER);
    assert_eq!(rows.len(), 1 + 5);
    assert_eq!(
        rows[1],
        [
            "Leadership succession",
            "Contradict",
            c.entries[0].left.exact.as_str(),
            c.entries[0].right.exact.as_str(),
            &format!("{LEFT}:3"),
            &format!("{RIGHT}:3"),
            c.entries[0].note.as_str(),
            "anchored",
            "anchored",
            "2025-03-01T09:30:00Z",
            "2025-03-02T17:05:12+01:00",
            "6f1c2a8e-5b7d-4c1e-9a3f-000000000001",
            "Leadership succession",
            "",
            "",
            "",
        ]
    );
    let orphan = &rows[2];
    assert_eq!(orphan[1], "Unclear");
    assert_eq!(
        orphan[2],
        "The emir died in January, according to one source."
    );
    assert_eq!(orphan[7], "orphaned");
    let multi = &rows[4];
    assert_eq!(multi[0], "Recruitment in Central Asia; Финансирование");
    assert_eq!(multi[1], "Partial");
    assert_eq!(multi[11], "manual-link-7");
    assert_eq!(rows[5][0], "", "a pair without a topic");
    assert_eq!(rows[5][1], "Source conflict");
}

#[test]
fn quotes_and_notes_read_back_exactly() {
    let c = sample();
    let rows = rows(&c, true);
    assert_eq!(rows.len(), 1 + 6);
    for e in &c.entries {
        let row = rows
            .iter()
            .find(|r| undefuse(&r[2]) == e.left.exact)
            .unwrap_or_else(|| panic!("no row for {:?}", e.left.exact));
        assert_eq!(undefuse(&row[3]), e.right.exact);
        assert_eq!(undefuse(&row[6]), e.note);
        for (rel, q) in [(LEFT, &e.left), (RIGHT, &e.right)] {
            if q.state != AnchorKind::Orphaned {
                assert_eq!(source_slice(rel, q), q.exact);
            }
        }
    }
}

#[test]
fn formula_cells_are_defused() {
    let rows = rows(&sample(), true);
    let untagged = rows
        .iter()
        .find(|r| r[1] == "Not judged")
        .expect("the untagged pair is exported on request");
    assert_eq!(
        untagged[2],
        "'- Attacks in the region fell by a third <script>alert(\"left\")</script> compared to last year."
    );
    assert!(untagged[3].starts_with("'= Attack numbers"));
    assert_eq!(untagged[11], "", "an untagged pair has no id");
    assert!(
        untagged[13].starts_with("suggested: contradiction — "),
        "the engine's hint on a pair not judged: {:?}",
        untagged[13]
    );
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "live formula cell {cell:?}"
            );
        }
    }
}

#[test]
fn hostile_text_round_trips() {
    let c = hostile();
    let rows = rows(&c, true);
    assert_eq!(rows.len(), 1 + c.entries.len());
    for row in &rows {
        assert_eq!(row.len(), HEADER.len());
    }
    for e in &c.entries {
        assert!(
            rows.iter()
                .any(|r| undefuse(&r[2]) == printable(&e.left.exact)
                    && undefuse(&r[3]) == printable(&e.right.exact)
                    && undefuse(&r[6]) == printable(&e.note)),
            "no row for {e:?}"
        );
    }
}

#[test]
fn empty_comparison_gives_the_header_alone() {
    let src = render_text(Format::Csv, &empty(), &Options::default());
    assert_eq!(src, format!("{}\r\n", HEADER.join(",")));
}
