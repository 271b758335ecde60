//! The JSON export: parses, carries the documented format name and version,
//! and holds the whole comparison (documents, topics, labels, pairs with
//! anchors and states) with quotes exactly as in the reports.

mod export_common;

use diptych::export::{AnchorKind, Format, Options};
use export_common::*;
use serde_json::{Value, json};

fn parse(src: &str) -> Value {
    serde_json::from_str(src).expect("the export is valid JSON")
}

#[test]
fn export_holds_the_whole_comparison_under_a_versioned_format() {
    let c = sample();
    let src = render_text(Format::Json, &c, &Options::default());
    assert!(src.ends_with("}\n"));
    let v = parse(&src);
    assert_eq!(v["format"], "diptych-export");
    assert_eq!(v["version"], 1);
    assert_eq!(v["generated_by"], "diptych 0.1.0");
    assert_eq!(v["tagset"], "field report vs assessment");
    assert_eq!(v["include_untagged"], false);
    assert_eq!(v["description"], "5 pairs");
    assert_eq!(v["date"], "2025-03-03");
    assert_eq!(v["focus_topic"], serde_json::Value::Null);
    assert_eq!(v["documents"][0]["name"], "Field report");
    assert_eq!(v["documents"][0]["author"], "Jane Doe");
    assert_eq!(
        v["silences"][0],
        json!({"side": "left", "topic": 2, "passages": 2,
               "quote": "Couriers carry cash across the border.", "line": 7})
    );
    assert_eq!(v["documents"][0]["side"], "left");
    assert_eq!(v["documents"][0]["path"], LEFT);
    assert_eq!(v["documents"][1]["hash"], c.documents[1].hash.as_str());
    assert!(
        v["documents"][1]["uri"]
            .as_str()
            .is_some_and(|u| u.starts_with("urn:sha256:"))
    );
    assert!(
        v["documents"][0]["uri"]
            .as_str()
            .is_some_and(|u| u.starts_with("file:///"))
    );
    assert_eq!(
        v["topics"],
        json!([
            "Leadership succession",
            "Recruitment in Central Asia",
            "Финансирование"
        ])
    );
    assert_eq!(
        v["labels"][4],
        json!({"id": "source-conflict", "name": "Source conflict", "glyph": "⚑", "stance": null})
    );
    assert_eq!(v["labels"][1]["stance"], "contradict");
    assert_eq!(v["summary"]["pairs"], 5);
    assert_eq!(
        v["summary"]["by_label"][0],
        json!({"label": "agree", "name": "Agree", "count": 1})
    );
    let pairs = v["pairs"].as_array().expect("pairs is an array");
    assert_eq!(pairs.len(), 5);
    assert_eq!(
        pairs[1],
        json!({
            "number": 2,
            "id": "6f1c2a8e-5b7d-4c1e-9a3f-000000000005",
            "tagged": true,
            "label": "unclear",
            "note": "Left quote was removed in the revised report.",
            "origin": "aligned",
            "topics": [0],
            "filed_under": 0,
            "hint": null,
            "score": null,
            "created": "2025-03-01T09:30:00Z",
            "modified": "2025-03-02T17:05:12+01:00",
            "left": {
                "exact": "The emir died in January, according to one source.",
                "context": "",
                "prefix": "# Field report — northern corridor\n\n",
                "suffix": "\n\nRecruitment now",
                "start": 600,
                "end": 651,
                "line": 12,
                "state": "orphaned"
            },
            "right": c.entries[4].right.clone(),
        })
    );
    // Topic indexes out of range and duplicates are dropped; order is kept.
    assert_eq!(pairs[3]["topics"], json!([1, 2]));
    assert_eq!(pairs[3]["origin"], "manual");
}

#[test]
fn quotes_are_exactly_the_report_text() {
    let c = sample();
    let v = parse(&render_text(
        Format::Json,
        &c,
        &Options {
            include_untagged: true,
        },
    ));
    let pairs = v["pairs"].as_array().expect("pairs is an array");
    assert_eq!(pairs.len(), 6);
    let untagged = pairs
        .iter()
        .find(|p| p["tagged"] == false)
        .expect("untagged pair exported on request");
    assert_eq!(untagged["id"], Value::Null);
    assert_eq!(untagged["score"], 0.61);
    for e in &c.entries {
        let p = pairs
            .iter()
            .find(|p| p["left"]["exact"] == e.left.exact.as_str())
            .unwrap_or_else(|| panic!("missing {:?}", e.left.exact));
        assert_eq!(p["right"]["exact"], e.right.exact.as_str());
        assert_eq!(p["note"], e.note.as_str());
        for (rel, q) in [(LEFT, &e.left), (RIGHT, &e.right)] {
            if q.state != AnchorKind::Orphaned {
                assert_eq!(source_slice(rel, q), q.exact);
            }
        }
    }
}

#[test]
fn hostile_text_round_trips() {
    let c = hostile();
    let v = parse(&render_text(
        Format::Json,
        &c,
        &Options {
            include_untagged: true,
        },
    ));
    assert_eq!(v["documents"][0]["title"], c.documents[0].title.as_str());
    for e in &c.entries {
        let found = v["pairs"].as_array().is_some_and(|ps| {
            ps.iter().any(|p| {
                p["left"]["exact"] == e.left.exact.as_str() && p["note"] == e.note.as_str()
            })
        });
        assert!(found, "{e:?}");
    }
}

#[test]
fn empty_comparison_says_so() {
    let v = parse(&render_text(Format::Json, &empty(), &Options::default()));
    assert_eq!(v["description"], "No tagged pairs to export.");
    assert_eq!(v["pairs"], json!([]));
    assert_eq!(v["summary"]["pairs"], 0);
    assert_eq!(v["documents"].as_array().map(Vec::len), Some(2));
}

#[test]
fn non_finite_scores_become_null() {
    let mut c = sample();
    c.entries[5].score = Some(f64::NAN);
    let v = parse(&render_text(
        Format::Json,
        &c,
        &Options {
            include_untagged: true,
        },
    ));
    let untagged = v["pairs"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["tagged"] == false).cloned());
    assert_eq!(untagged.map(|p| p["score"].clone()), Some(Value::Null));
}
