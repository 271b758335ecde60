//! `diptych tags compare` as a script runs it: the report and its JSON on
//! real tag set files, sets named by file or by name, and one clear line
//! with exit status 2 for every input it cannot use.

mod team_common;

use team_common::*;

/// Two analysts on the bundled reports: three pairs judged by both (two
/// alike), one by each alone, a link A has not judged yet.
fn two_sets(dir: &std::path::Path) -> (String, String) {
    let mut a = seed_set("seeds");
    a.tags = vec![
        passage_tag("a1", 20, 8, Some("agree"), "both see the growth"),
        passage_tag("a2", 4, 21, Some("contradict"), "A: Europe is not a target"),
        passage_tag("a3", 7, 5, Some("partial"), ""),
        passage_tag("a4", 10, 11, Some("unclear"), "A alone"),
        passage_tag("a5", 9, 10, None, ""),
    ];
    let mut b = seed_set("seeds");
    b.tags = vec![
        passage_tag("b1", 4, 21, Some("agree"), "B: \u{1b}[31mboth say Europe"),
        passage_tag("b2", 20, 8, Some("agree"), ""),
        passage_tag("b3", 7, 5, Some("partial"), "nuance"),
        passage_tag("b4", 22, 19, Some("contradict"), "B alone"),
    ];
    for t in &mut a.tags {
        t.analyst = Some("ana".into());
    }
    for t in &mut b.tags {
        t.analyst = Some("bob".into());
    }
    let (pa, pb) = (dir.join("a.json"), dir.join("b.json"));
    write_set(&pa, &a);
    write_set(&pb, &b);
    (
        pa.to_string_lossy().into_owned(),
        pb.to_string_lossy().into_owned(),
    )
}

#[test]
fn compare_reports_agreement_and_disagreements() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = two_sets(dir.path());
    let out = diptych(dir.path(), &["tags", "compare", &a, &b]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    for expected in [
        "Pairs judged by both: 3",
        "Judged by one only: 2 (A only 1, B only 1); left out of the figures",
        "Percent agreement: 66.7 % (2 of 3)",
        "Cohen's kappa: 0.500",
        "Krippendorff's alpha (nominal): 0.545",
        "Confusion matrix (rows: A's judgement, columns: B's)",
        "Disagreements (1)",
        "p5 ↔ p22",
        "(tag set \"seeds\", analyst ana): 4 judgements",
        "A: ≠ Contradict (ana) — A: Europe is not a target",
        "B: = Agree (bob) — B: ␛[31mboth say Europe",
        "left:  “",
        "TOPIC",
    ] {
        assert!(report.contains(expected), "{expected:?} in\n{report}");
    }
    assert!(!report.contains('\u{1b}'), "no escape reaches the terminal");

    let out = diptych(dir.path(), &["tags", "compare", &a, &b, "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["format"], "diptych-agreement");
    assert_eq!(json["version"], 1);
    assert_eq!(json["judged_by_both"], 3);
    assert_eq!(json["judged_by_a_only"], 1);
    assert_eq!(json["judged_by_b_only"], 1);
    assert_eq!(json["agreed"], 2);
    assert_eq!(json["sets"][0]["not_judged"], 1);
    let kappa = json["cohen_kappa"].as_f64().unwrap();
    assert!((kappa - 0.5).abs() < 1e-12, "{kappa}");
    let ids: Vec<&str> = json["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["agree", "contradict", "partial", "unclear"]);
    // Rows A, columns B: A's contradict is B's agree.
    assert_eq!(json["confusion"][1][0], 1);
    let topics = json["topics"].as_array().unwrap();
    let both: u64 = topics
        .iter()
        .map(|t| t["judged_by_both"].as_u64().unwrap())
        .sum();
    assert_eq!(both, 3, "every pair under one topic");
    let d = &json["disagreements"][0];
    assert_eq!(d["a"]["label"], "contradict");
    assert_eq!(d["b"]["label"], "agree");
    assert_eq!(d["left"]["passage"], "p5");
    assert_eq!(d["a"]["analyst"], "ana");
    assert_eq!(json["sets"][1]["analysts"], serde_json::json!(["bob"]));
    assert!(d["left"]["quote"].as_str().unwrap().len() > 10);
}

#[test]
fn compare_takes_tag_set_names_and_reports_undefined_figures() {
    let dir = tempfile::tempdir().unwrap();
    let tagsets = dir.path().join("data/tagsets");
    std::fs::create_dir_all(&tagsets).unwrap();
    let mut a = seed_set("ana");
    a.tags = vec![passage_tag("a1", 20, 8, Some("agree"), "")];
    write_set(&tagsets.join("ana.json"), &a);
    let mut b = seed_set("bob");
    b.tags = vec![passage_tag("b1", 20, 8, Some("agree"), "")];
    write_set(&tagsets.join("bob.json"), &b);
    let out = diptych(dir.path(), &["tags", "compare", "ana", "bob"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    assert!(report.contains("Percent agreement: 100.0 %"), "{report}");
    assert!(
        report.contains("Cohen's kappa: undefined: every judgement is the same stance"),
        "{report}"
    );
    assert!(!report.contains("NaN"), "{report}");
    let out = diptych(dir.path(), &["tags", "compare", "ana", "bob", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json["krippendorff_alpha"].is_null());
    assert_eq!(json["krippendorff_alpha_undefined"], "one_category");
}

/// Runs a compare that must fail with status 2 and one line saying
/// `expected`; returns that line.
fn refused(dir: &std::path::Path, args: &[&str], expected: &[&str]) -> String {
    let out = diptych(dir, args);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    for e in expected {
        assert!(err.contains(e), "{e:?} in {err}");
    }
    assert!(out.stdout.is_empty());
    err
}

#[test]
fn compare_refuses_bad_inputs_with_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = two_sets(dir.path());
    let d = dir.path();

    // A file that is not there (and no tag set of that name).
    refused(
        d,
        &["tags", "compare", &a, "missing.json"],
        &["missing.json: no such tag set file", "diptych tags list"],
    );

    // Not JSON: named with line and column, left alone.
    let junk = d.join("junk.json");
    std::fs::write(&junk, "{ not json").unwrap();
    refused(
        d,
        &["tags", "compare", &a, junk.to_str().unwrap()],
        &["junk.json:1:", "left untouched"],
    );
    assert_eq!(std::fs::read_to_string(&junk).unwrap(), "{ not json");

    // Tag sets made for different reports.
    let mut other = seed_set("other");
    other.documents[1].path = "/elsewhere/another.txt".into();
    other.documents[1].title = "Another report".into();
    other.documents[1].hash = "c".repeat(64);
    other.tags = vec![passage_tag("o1", 20, 8, Some("agree"), "")];
    let other_path = d.join("other.json");
    write_set(&other_path, &other);
    refused(
        d,
        &["tags", "compare", &a, other_path.to_str().unwrap()],
        &[
            "judge different reports",
            "Another report",
            "same two reports",
        ],
    );

    // Both sets on the bundled reports, other reports given.
    let left = d.join("left.txt");
    let right = d.join("right.txt");
    std::fs::write(&left, "A left report.\n\nIt says things.\n").unwrap();
    std::fs::write(&right, "A right report.\n\nIt says other things.\n").unwrap();
    refused(
        d,
        &[
            "tags",
            "compare",
            &a,
            &b,
            left.to_str().unwrap(),
            right.to_str().unwrap(),
        ],
        &[
            "a.json: tag set `seeds` was made for the left report",
            "LEFT RIGHT",
        ],
    );

    // No pair judged in both.
    let mut lone = seed_set("lone");
    lone.tags = vec![passage_tag("l1", 1, 1, Some("agree"), "")];
    let lone_path = d.join("lone.json");
    write_set(&lone_path, &lone);
    refused(
        d,
        &["tags", "compare", &a, lone_path.to_str().unwrap()],
        &[
            "judge no pair in common",
            "A judges 4, B judges 1",
            "same pairs",
        ],
    );

    // A directory is no tag set.
    refused(
        d,
        &["tags", "compare", &a, d.to_str().unwrap()],
        &["it is a directory", "give a file name"],
    );
}

#[test]
fn agreement_doc_lists_exactly_the_json_keys() {
    let doc = include_str!("../docs/AGREEMENT.md");
    let table = &doc[doc.find("| `format` |").expect("key table")..];
    let documented: Vec<&str> = table
        .lines()
        .take_while(|l| l.starts_with("| `"))
        .map(|l| l.split('`').nth(1).unwrap())
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = two_sets(dir.path());
    let out = diptych(dir.path(), &["tags", "compare", &a, &b, "--json"]);
    let raw = text(&out.stdout);
    // Top-level keys in the order written: two spaces of indentation.
    let keys: Vec<&str> = raw
        .lines()
        .filter_map(|l| l.strip_prefix("  \""))
        .filter_map(|l| l.split('"').next())
        .filter(|k| !k.ends_with("_undefined"))
        .collect();
    let json: serde_json::Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(documented, keys, "docs/AGREEMENT.md key table");
    let mention = |k: &str| doc.contains(&format!("`{k}`"));
    for part in ["sets", "topics", "disagreements"] {
        let first = &json[part][0];
        for k in first.as_object().unwrap().keys() {
            let k = k.strip_suffix("_undefined").unwrap_or(k);
            assert!(mention(k), "{part}[].{k} is documented");
        }
    }
    for k in json["disagreements"][0]["a"].as_object().unwrap().keys() {
        assert!(mention(k), "disagreements[].a.{k} is documented");
    }
}
