//! Properties every format shares: the same input gives the same bytes
//! whatever order the entries come in, non-ASCII text survives, an empty
//! comparison still gives a document, and writing fails clearly.

mod export_common;

use diptych::export::{ExportError, Format, Options, render, write_atomic};
use export_common::*;

const NON_ASCII: &[&str] = &[
    "“orderly”",
    "Dates differ — check",
    "Финансирование",
    "📱",
    "🕌",
    "«не более четверти»",
    "group’s",
];

#[test]
fn same_input_gives_the_same_bytes_in_every_format() {
    let c = sample();
    let mut shuffled = sample();
    shuffled.entries.reverse();
    shuffled.entries.swap(0, 3);
    for format in Format::ALL {
        for include_untagged in [false, true] {
            let opts = Options { include_untagged };
            let a = render(format, &c, &opts);
            assert_eq!(a, render(format, &c, &opts), "{format}");
            assert_eq!(
                a,
                render(format, &shuffled, &opts),
                "{format}: order of entries leaked into the output"
            );
        }
    }
}

#[test]
fn non_ascii_text_survives_every_format() {
    let c = sample();
    for format in Format::ALL {
        let out = readable(format, &render(format, &c, &Options::default()));
        for s in NON_ASCII {
            assert!(out.contains(s), "{format} lost {s:?}");
        }
    }
}

#[test]
fn every_format_says_when_there_is_nothing_to_export() {
    for format in Format::ALL {
        let out = readable(format, &render(format, &empty(), &Options::default()));
        assert!(!out.is_empty(), "{format}");
        if format != Format::Csv {
            assert!(out.contains("No tagged pairs to export"), "{format}: {out}");
        }
    }
    let all = render_text(
        Format::Markdown,
        &empty(),
        &Options {
            include_untagged: true,
        },
    );
    assert!(all.contains("No tagged or aligned pairs to export"));
}

#[test]
fn write_atomic_replaces_the_file_and_leaves_no_temporary() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("brief.md");
    std::fs::write(&path, "old").expect("seed file");
    let md = render_text(Format::Markdown, &sample(), &Options::default());
    write_atomic(&path, md.as_bytes()).expect("writable directory");
    assert_eq!(std::fs::read_to_string(&path).ok(), Some(md));
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list dir")
        .filter_map(|e| e.ok().map(|e| e.file_name()))
        .collect();
    assert_eq!(names, ["brief.md"]);
}

#[test]
fn unwritable_path_gives_an_error_naming_it_and_what_to_do() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("no such dir").join("brief.md");
    let err = write_atomic(&missing, b"x").expect_err("directory does not exist");
    let msg = err.to_string();
    assert!(matches!(err, ExportError::Write { .. }));
    assert!(msg.contains(&missing.display().to_string()), "{msg}");
    assert!(msg.contains("does not exist"), "{msg}");
    assert!(msg.contains("choose another output path"), "{msg}");

    let err = write_atomic(dir.path(), b"x").expect_err("a directory is not a file");
    assert!(err.to_string().contains("it is a directory"), "{err}");
    assert_eq!(
        std::fs::read_dir(dir.path()).map(|d| d.count()).ok(),
        Some(0),
        "nothing left behind"
    );
}

#[test]
fn path_under_a_file_gives_an_error_and_keeps_the_old_file() {
    // A parent that is a file fails even for root, unlike a read-only
    // directory.
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("brief.md");
    std::fs::write(&file, "old").expect("seed file");
    let under = file.join("brief.md");
    let err = write_atomic(&under, b"new").expect_err("parent is a file");
    assert!(
        err.to_string().contains(&under.display().to_string()),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&file).ok().as_deref(), Some("old"));
}
