//! `diptych tags merge BASE OURS THEIRS -o OUT` on real tag set files: the
//! merged file is valid, deterministic and keeps every judgement, with the
//! conflict recorded; bad inputs are one line with exit status 2 and
//! nothing is written.

mod team_common;

use std::path::{Path, PathBuf};

use diptych::tags::TagSet;
use diptych::tags::codec::parse;
use team_common::*;

/// Base: two judgements. Ours (ana) changes t1 to contradict and adds a1;
/// theirs (bob) changes t1 to partial, notes t2 and adds b1.
fn three(dir: &Path) -> [PathBuf; 3] {
    let mut base = seed_set("team");
    base.tags = vec![
        passage_tag("t1", 20, 8, Some("agree"), ""),
        passage_tag("t2", 4, 21, Some("contradict"), ""),
    ];
    let mut ours = base.clone();
    ours.tags[0].label = Some("contradict".into());
    ours.tags[0].analyst = Some("ana".into());
    ours.tags[0].modified = "2024-05-02T10:00:00Z".into();
    ours.tags
        .push(passage_tag("a1", 7, 5, Some("partial"), "ana's"));
    let mut theirs = base.clone();
    theirs.tags[0].label = Some("partial".into());
    theirs.tags[0].note = "bob: a matter of degree".into();
    theirs.tags[0].analyst = Some("bob".into());
    theirs.tags[1].note = "bob's note".into();
    theirs
        .tags
        .push(passage_tag("b1", 10, 11, Some("unclear"), "bob's"));
    let paths = ["base", "ours", "theirs"].map(|n| dir.join(format!("{n}.json")));
    for (p, s) in paths.iter().zip([&base, &ours, &theirs]) {
        write_set(p, s);
    }
    paths
}

fn load(path: &Path) -> TagSet {
    parse(&std::fs::read(path).unwrap(), path).expect("a valid tag set")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn merge_keeps_every_judgement_and_records_the_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let [base, ours, theirs] = three(dir.path());
    let out = dir.path().join("merged.json");
    let run = || {
        diptych(
            dir.path(),
            &[
                "tags",
                "merge",
                s(&base),
                s(&ours),
                s(&theirs),
                "-o",
                s(&out),
            ],
        )
    };
    let result = run();
    assert_eq!(result.status.code(), Some(0), "{}", text(&result.stderr));
    let err = text(&result.stderr);
    assert!(err.contains("1 conflict recorded (tags t1)"), "{err}");
    let merged = load(&out);
    let ids: Vec<&str> = merged.tags.iter().map(|t| t.id.0.as_str()).collect();
    assert_eq!(ids, ["t1", "t2", "a1", "b1"]);
    let t1 = &merged.tags[0];
    let c = t1.conflict.as_ref().expect("conflict recorded");
    assert_eq!(c.ours.label.as_deref(), Some("contradict"));
    assert_eq!(c.ours.analyst.as_deref(), Some("ana"));
    assert_eq!(c.theirs.label.as_deref(), Some("partial"));
    assert_eq!(c.theirs.note, "bob: a matter of degree");
    assert_eq!(
        merged.tags[1].note, "bob's note",
        "a one-sided change is taken"
    );
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(run().status.code(), Some(0));
    assert_eq!(
        std::fs::read(&out).unwrap(),
        bytes,
        "the same bytes every run"
    );
    // The inputs are untouched.
    assert!(load(&ours).tags[0].conflict.is_none());
    // Exports show the conflict with both stances.
    let md = diptych(dir.path(), &["export", "--format", "md", "--tags", s(&out)]);
    assert!(md.status.success(), "{}", text(&md.stderr));
    let md = text(&md.stdout);
    assert!(md.contains("Conflict"), "{md}");
    assert!(
        md.contains("≠ Contradict") && md.contains("≈ Partial"),
        "{md}"
    );
}

#[test]
fn merge_without_a_common_ancestor_keeps_both_sides() {
    let dir = tempfile::tempdir().unwrap();
    let [_, ours, theirs] = three(dir.path());
    let empty = dir.path().join("empty");
    std::fs::write(&empty, "").unwrap();
    let out = dir.path().join("merged.json");
    let result = diptych(
        dir.path(),
        &[
            "tags",
            "merge",
            s(&empty),
            s(&ours),
            s(&theirs),
            "-o",
            s(&out),
        ],
    );
    assert!(result.status.success(), "{}", text(&result.stderr));
    assert_eq!(load(&out).tags.len(), 4);
}

fn refused(dir: &Path, args: &[&str], expected: &[&str]) {
    let out = diptych(dir, args);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    for e in expected {
        assert!(err.contains(e), "{e:?} in {err}");
    }
}

#[test]
fn merge_refuses_bad_inputs_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let [base, ours, theirs] = three(d);
    let out = d.join("merged.json");
    refused(
        d,
        &[
            "tags",
            "merge",
            s(&base),
            s(&ours),
            s(&theirs),
            "-o",
            s(&ours),
        ],
        &["that is the input", "give another file"],
    );
    refused(
        d,
        &[
            "tags",
            "merge",
            s(&base),
            "nowhere.json",
            s(&theirs),
            "-o",
            s(&out),
        ],
        &["nowhere.json: no such tag set file"],
    );
    let junk = d.join("junk.json");
    std::fs::write(&junk, "<<<<<<< HEAD\n").unwrap();
    refused(
        d,
        &[
            "tags",
            "merge",
            s(&base),
            s(&junk),
            s(&theirs),
            "-o",
            s(&out),
        ],
        &["junk.json:1:", "not a valid tag file"],
    );
    let mut edited = load(&theirs);
    edited.documents[0].hash = "d".repeat(64);
    let edited_path = d.join("edited.json");
    write_set(&edited_path, &edited);
    refused(
        d,
        &[
            "tags",
            "merge",
            s(&base),
            s(&ours),
            s(&edited_path),
            "-o",
            s(&out),
        ],
        &["different texts of the left report", "then merge again"],
    );
    assert!(!out.exists(), "nothing written");
    // Neither -o nor --git: clap says what is missing.
    let missing = diptych(d, &["tags", "merge", s(&base), s(&ours), s(&theirs)]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        text(&missing.stderr).contains("--output"),
        "{}",
        text(&missing.stderr)
    );
}

#[test]
fn git_driver_statuses_and_ours_left_alone_on_errors() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let [base, ours, theirs] = three(d);
    let before = std::fs::read(&ours).unwrap();
    // An unusable input: exit 2, %A untouched.
    let junk = d.join("junk.json");
    std::fs::write(&junk, "[]").unwrap();
    let out = diptych(d, &["tags", "merge", "--git", s(&base), s(&ours), s(&junk)]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert_eq!(std::fs::read(&ours).unwrap(), before);
    // -o and --git together make no sense.
    let out = diptych(
        d,
        &[
            "tags",
            "merge",
            "--git",
            s(&base),
            s(&ours),
            s(&theirs),
            "-o",
            "x.json",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    // A clean merge: exit 0, the result in %A.
    let out = diptych(
        d,
        &["tags", "merge", "--git", s(&base), s(&base), s(&theirs)],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        std::fs::read(&base).unwrap(),
        std::fs::read(&theirs).unwrap()
    );
    // Conflicts recorded: exit 1, the result in %A.
    let [base, ours, theirs] = three(d);
    let out = diptych(
        d,
        &["tags", "merge", "--git", s(&base), s(&ours), s(&theirs)],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(load(&ours).tags[0].conflict.is_some());
}
