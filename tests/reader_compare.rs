//! `diptych --compare SET`: a set that cannot be shown beside yours is
//! refused with one clear line and exit status 2, before the terminal is
//! touched, and the file is left as it was.

mod team_common;

use team_common::*;

/// Starts the reader, which must refuse at once with status 2 and one line
/// saying `expected`; returns that line.
fn refused(dir: &std::path::Path, args: &[&str], expected: &[&str]) -> String {
    let out = diptych(dir, args);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    for e in expected {
        assert!(err.contains(e), "{e:?} in {err}");
    }
    assert!(out.stdout.is_empty(), "the terminal is not touched");
    err
}

#[test]
fn compare_refuses_what_it_cannot_show() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();

    // Not there, and no tag set of that name.
    refused(
        d,
        &["--compare", "missing.json"],
        &[
            "--compare missing.json: no such tag set file",
            "diptych tags list",
        ],
    );

    // Not JSON: named with line and column, left alone.
    let junk = d.join("junk.json");
    std::fs::write(&junk, "{ not json").unwrap();
    refused(
        d,
        &["--compare", junk.to_str().unwrap()],
        &["--compare ", "junk.json:1:"],
    );
    assert_eq!(std::fs::read_to_string(&junk).unwrap(), "{ not json");

    // A tag set made for other reports.
    let mut other = seed_set("other");
    other.documents[1].path = "/elsewhere/another.txt".into();
    other.documents[1].title = "Another report".into();
    other.documents[1].hash = "c".repeat(64);
    let other_path = d.join("other.json");
    write_set(&other_path, &other);
    let before = std::fs::read(&other_path).unwrap();
    refused(
        d,
        &["--compare", other_path.to_str().unwrap()],
        &[
            "--compare ",
            "was made for the right report \"Another report\"",
            "open diptych on the reports it was made for",
        ],
    );
    assert_eq!(std::fs::read(&other_path).unwrap(), before);

    // The set being edited is not compared with itself.
    let mine = d.join("mine.json");
    write_set(&mine, &seed_set("mine"));
    refused(
        d,
        &[
            "--tags",
            mine.to_str().unwrap(),
            "--compare",
            mine.to_str().unwrap(),
        ],
        &[
            "that is the tag set being edited",
            "another analyst's tag set",
        ],
    );
}
