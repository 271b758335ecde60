//! The Word and OpenDocument briefs, read back by outside readers made for
//! those formats: python-docx for DOCX and odfpy for ODT (`.ci/run`
//! installs both; the interpreter is `OFFICE_PYTHON`, default `python3`).
//! Every quote of the Markdown brief must come back as one block-quote
//! paragraph, headings with heading styles, the summary as a table, and
//! hostile text must not change the document's structure. Where the
//! readers are missing the checks are skipped with a printed reason,
//! except under `CI`, where they fail.

mod export_common;

use std::process::Command;

use diptych::export::{Comparison, Format, Options, render};
use export_common::*;
use serde_json::Value;

const ALL: Options = Options {
    include_untagged: true,
};

/// The reader script for `format` in tests/fixtures/office.
fn reader_script(format: Format) -> std::path::PathBuf {
    root().join(format!("tests/fixtures/office/read_{}.py", format.name()))
}

fn python() -> String {
    std::env::var("OFFICE_PYTHON").unwrap_or_else(|_| "python3".into())
}

/// Whether the outside reader for `format` can run here.
fn reader_available(format: Format) -> bool {
    let module = if format == Format::Docx {
        "docx"
    } else {
        "odf"
    };
    let ok = Command::new(python())
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        let why = format!(
            "{format} read-back skipped: needs {} with {} (pip install python-docx odfpy)",
            python(),
            module
        );
        assert!(std::env::var_os("CI").is_none(), "{why}");
        eprintln!("{why}");
    }
    ok
}

/// The export of `c` in `format`, as the outside reader sees it.
fn read_back(format: Format, c: &Comparison) -> Value {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join(format!("brief.{}", format.extension()));
    std::fs::write(&file, render(format, c, &ALL)).expect("write the export");
    let out = Command::new(python())
        .arg(reader_script(format))
        .arg(&file)
        .output()
        .expect("run the reader");
    assert!(
        out.status.success(),
        "{format}: the outside reader refused the file: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the reader prints JSON")
}

fn paras(v: &Value) -> Vec<(String, String)> {
    v["paras"]
        .as_array()
        .expect("paragraphs")
        .iter()
        .map(|p| {
            (
                p[0].as_str().unwrap_or("").to_string(),
                p[1].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn quote_style(format: Format) -> &'static str {
    if format == Format::Docx {
        "Quote"
    } else {
        "Quotations"
    }
}

/// A quote's hard wrapping is joined in Word and ODT as in the Markdown
/// brief; the paragraph break stays a line break.
#[test]
fn wrapped_quotes_read_as_one_sentence() {
    let c = wrapped();
    for format in [Format::Docx, Format::Odt] {
        if !reader_available(format) {
            continue;
        }
        let paras = paras(&read_back(format, &c));
        assert!(
            paras
                .iter()
                .any(|(style, text)| style == quote_style(format) && text == UNWRAPPED),
            "{format}: {paras:#?}"
        );
    }
}

#[test]
fn the_quotes_come_back_as_in_the_markdown_brief() {
    let c = sample();
    for format in [Format::Docx, Format::Odt] {
        if !reader_available(format) {
            continue;
        }
        let v = read_back(format, &c);
        let paras = paras(&v);
        let quotes: Vec<&String> = paras
            .iter()
            .filter(|(style, _)| style == quote_style(format))
            .map(|(_, text)| text)
            .collect();
        // Two quotes per pair, each exactly as the Markdown brief has it.
        assert_eq!(quotes.len(), 2 * c.entries.len(), "{format}: {paras:#?}");
        for e in &c.entries {
            for q in [&e.left, &e.right] {
                assert!(
                    quotes.iter().any(|t| **t == q.exact),
                    "{format} lost the quote {:?}",
                    q.exact
                );
            }
        }
        // Headings carry heading styles; the summary is a table.
        let headings: Vec<&String> = paras
            .iter()
            .filter(|(style, _)| style.starts_with("Heading") || style.starts_with("heading"))
            .map(|(_, t)| t)
            .collect();
        for want in ["Reports", "Summary", "Pairs by topic", "Silences"] {
            assert!(
                headings.iter().any(|h| *h == want),
                "{format}: no heading {want:?} in {headings:?}"
            );
        }
        assert!(
            headings.iter().any(|h| h.starts_with("Pair 1 · ")),
            "{format}: {headings:?}"
        );
        let tables = v["tables"].as_array().expect("tables");
        assert!(
            tables
                .iter()
                .any(|t| t[0][0] == "Stance" && t[0][1] == "Pairs"),
            "{format}: no summary table in {tables:?}"
        );
        // The stance in words and glyph, not colour alone.
        assert!(
            headings.iter().any(|h| h.contains("≠ Contradict")),
            "{format}: {headings:?}"
        );
    }
}

#[test]
fn hostile_text_does_not_change_the_document_structure() {
    for format in [Format::Docx, Format::Odt] {
        if !reader_available(format) {
            continue;
        }
        let styles = |c: &Comparison| -> Vec<String> {
            paras(&read_back(format, c))
                .into_iter()
                .map(|(style, _)| style)
                .collect()
        };
        let (hostile_doc, benign_doc) = (styles(&hostile()), styles(&benign()));
        assert_eq!(hostile_doc, benign_doc, "{format}");
        let text: Vec<String> = paras(&read_back(format, &hostile()))
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert!(
            text.iter().any(|t| t.contains("<script>alert(1)</script>")),
            "{format}: markup must come back as literal text"
        );
    }
}
