//! Who judged what, in the exports: every brief names each pair's analyst
//! when more than one analyst judged the comparison, none when one did;
//! the JSON export carries the analyst whenever the tag names one. A tag
//! a merge left in conflict is shown as such, with both judgements.

mod export_common;

use diptych::export::{Comparison, Conflict, Format, Judgement, Options, render};
use export_common::*;

fn with_analysts(names: &[&str]) -> Comparison {
    let mut c = sample();
    let tagged: Vec<usize> = (0..c.entries.len())
        .filter(|&i| c.entries[i].is_tag())
        .collect();
    for (n, i) in tagged.into_iter().enumerate() {
        c.entries[i].analyst = Some(names[n % names.len()].to_string());
    }
    c
}

#[test]
fn briefs_name_the_analysts_only_when_there_are_several() {
    let opts = Options::default();
    let two = with_analysts(&["ana", "bob"]);
    let one = with_analysts(&["ana"]);
    for format in [Format::Markdown, Format::Html, Format::Docx, Format::Odt] {
        let shown = readable(format, &render(format, &two, &opts));
        assert!(
            shown.contains("Analyst: ana") && shown.contains("Analyst: bob"),
            "{format}: {shown}"
        );
        let alone = readable(format, &render(format, &one, &opts));
        assert!(
            !alone.contains("Analyst:"),
            "{format}: one analyst is not repeated"
        );
    }
    let json: serde_json::Value =
        serde_json::from_str(&render_text(Format::Json, &one, &opts)).unwrap();
    let pairs = json["pairs"].as_array().unwrap();
    assert!(pairs.iter().any(|p| p["analyst"] == "ana"));
    // Unknown analysts leave the JSON as it was.
    let plain = render_text(Format::Json, &sample(), &opts);
    assert!(!plain.contains("\"analyst\""));
}

#[test]
fn analyst_names_are_data_in_every_brief() {
    let opts = Options::default();
    let c = with_analysts(&["<b>ana</b>", "**bob**\u{1b}[2J"]).sanitized();
    let html = render_text(Format::Html, &c, &opts);
    assert!(html.contains("Analyst: &lt;b&gt;ana&lt;/b&gt;"), "{html}");
    let md = render_text(Format::Markdown, &c, &opts);
    assert!(md.contains("Analyst: \\*\\*bob\\*\\*␛\\[2J"), "{md}");
}

/// `sample()` with its first judged pair in conflict: ana (ours) says
/// contradict, bob (theirs) says agree with a note.
fn conflicted(note: &str) -> Comparison {
    let mut c = sample();
    let i = c
        .entries
        .iter()
        .position(|e| e.label.is_some())
        .expect("a judged pair");
    let e = &mut c.entries[i];
    e.label = Some("contradict".into());
    e.analyst = Some("ana".into());
    let side = |label: &str, note: &str, who: &str| Judgement {
        label: Some(label.into()),
        note: note.into(),
        analyst: Some(who.into()),
        modified: "2025-03-02T10:00:00Z".into(),
    };
    e.conflict = Some(Conflict {
        ours: side("contradict", &e.note, "ana"),
        theirs: side("agree", note, "bob"),
    });
    c
}

#[test]
fn briefs_show_a_conflict_with_both_judgements() {
    let opts = Options::default();
    let c = conflicted("bob's reading");
    for format in [Format::Markdown, Format::Html, Format::Docx, Format::Odt] {
        let shown = readable(format, &render(format, &c, &opts));
        for expected in [
            "conflict: ≠ Contradict / = Agree",
            "Conflict:",
            "ana (ours):",
            "bob (theirs):",
            "bob's reading",
        ] {
            assert!(
                shown.contains(expected) || shown.contains(&expected.replace('\'', "&#39;")),
                "{format}: {expected:?} in {shown}"
            );
        }
    }
    let json: serde_json::Value =
        serde_json::from_str(&render_text(Format::Json, &c, &opts)).unwrap();
    let pair = json["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| !p["conflict"].is_null())
        .expect("the conflicted pair");
    assert_eq!(pair["conflict"]["ours"]["label"], "contradict");
    assert_eq!(pair["conflict"]["theirs"]["label"], "agree");
    assert_eq!(pair["conflict"]["theirs"]["analyst"], "bob");
}

#[test]
fn conflict_notes_are_data() {
    let opts = Options::default();
    let c = conflicted("</li><script>x</script>\n**bold**").sanitized();
    let html = render_text(Format::Html, &c, &opts);
    assert!(!html.contains("<script>x"), "{html}");
    assert!(html.contains("&lt;script&gt;x"), "{html}");
    let md = render_text(Format::Markdown, &c, &opts);
    assert!(md.contains("\\*\\*bold\\*\\*"), "{md}");
}

#[test]
fn csv_and_web_annotations_carry_the_analyst_and_the_conflict() {
    let opts = Options::default();
    let c = conflicted("bob's reading");
    let csv_text = render_text(Format::Csv, &c, &opts);
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let header = r.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let row = rows
        .iter()
        .find(|row| !row[col("conflict")].is_empty())
        .expect("the conflicted row");
    assert_eq!(&row[col("analyst")], "ana");
    let conflict = &row[col("conflict")];
    assert!(
        conflict.contains("ana (ours): ≠ Contradict")
            && conflict.contains("bob (theirs): = Agree — bob's reading"),
        "{conflict}"
    );
    let w3c: serde_json::Value =
        serde_json::from_str(&render_text(Format::W3c, &c, &opts)).unwrap();
    let items = w3c["first"]["items"].as_array().unwrap();
    let a = items
        .iter()
        .find(|a| a["creator"]["name"] == "ana")
        .expect("an annotation created by ana");
    assert_eq!(a["creator"]["type"], "Person");
    assert!(
        a["body"]
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b["purpose"] == "describing"
                && b["value"].as_str().unwrap().contains("bob (theirs)")),
        "{a}"
    );
    // No analyst: no creator.
    let plain = render_text(Format::W3c, &sample(), &opts);
    assert!(!plain.contains("\"creator\""));
}
