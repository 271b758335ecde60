//! What the benchmarks share: the two halves of a book.

use diptych::document::{Document, Source};

/// Splits a book at the first paragraph break after its middle (same rule as
/// examples/align_report.rs and benches/sklearn_baseline.py).
pub fn halves(bytes: &[u8]) -> (Document, Document) {
    let mid = bytes.len() / 2;
    let cut = bytes[mid..]
        .windows(2)
        .position(|w| w == b"\n\n")
        .map_or(mid, |p| mid + p + 1);
    let a = Document::from_bytes(Source::File("w&p#1".into()), &bytes[..cut]);
    let b = Document::from_bytes(Source::File("w&p#2".into()), &bytes[cut..]);
    (
        a.expect("first half decodes"),
        b.expect("second half decodes"),
    )
}
