//! docs/EXPORT_FORMATS.md tells the truth: its examples are what the
//! exporters produce for `doc_example()`, and its JSON key tables list
//! exactly the keys the JSON export writes.

mod export_common;

use diptych::export::{Format, Options};
use export_common::*;

const DOC: &str = include_str!("../docs/EXPORT_FORMATS.md");

fn out(format: Format) -> String {
    export_common::render_text(format, &doc_example(), &Options::default())
}

#[test]
fn text_format_examples_are_live_output() {
    for (format, fence) in [
        (Format::Markdown, "```markdown\n"),
        (Format::Csv, "```csv\n"),
        (Format::Json, "```json\n{\n  \"format\""),
        (Format::W3c, "```json\n{\n  \"@context\""),
    ] {
        // The docs show CSV's CRLF line ends as plain line ends.
        let expected = format!("{}```", out(format).replace("\r\n", "\n"));
        let block = DOC
            .find(fence)
            .and_then(|i| DOC[i..].find('\n').map(|nl| &DOC[i + nl + 1..]))
            .map(|body| body.get(..expected.len()).unwrap_or(body));
        assert_eq!(block, Some(expected.as_str()), "{format} example is stale");
    }
}

#[test]
fn html_example_shows_live_pair_markup() {
    let html = out(Format::Html);
    let start = html
        .find("<section>\n<h2>Pairs by topic")
        .expect("pairs section");
    let pairs = &html[start..];
    assert!(
        DOC.contains(pairs.trim_end()),
        "HTML example is stale:\n{pairs}"
    );
}

#[test]
fn json_key_tables_list_every_key() {
    let v: serde_json::Value = serde_json::from_str(&out(Format::Json)).expect("valid JSON");
    // A key is documented when a table row starts with it (alone or in a
    // list such as `created`, `modified`).
    let documented = |key: &str| {
        DOC.lines().any(|l| {
            l.starts_with("| `")
                && l.split(" | ")
                    .next()
                    .is_some_and(|cell| cell.contains(&format!("`{key}`")))
        })
    };
    let obj = v.as_object().expect("object");
    for key in obj.keys() {
        assert!(documented(key), "top-level key {key} undocumented");
    }
    for key in v["pairs"][0].as_object().expect("pair").keys() {
        assert!(documented(key), "pair key {key} undocumented");
    }
    for key in v["pairs"][0]["left"].as_object().expect("anchor").keys() {
        assert!(
            DOC.contains(&format!("`{key}`")),
            "anchor key {key} undocumented"
        );
    }
}
