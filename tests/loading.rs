//! Loading and segmentation of real and hostile inputs, through the public
//! API (`Document::open` / `Document::from_bytes`).

use std::path::Path;

use diptych::document::{Document, Encoding, LoadError, PassageKind, Source};

fn doc(bytes: &[u8]) -> Document {
    Document::from_bytes(Source::Embedded("test.txt"), bytes).expect("loads")
}

fn kinds(d: &Document) -> Vec<PassageKind> {
    d.passages.iter().map(|p| p.kind).collect()
}

fn find<'a>(d: &'a Document, start: &str) -> &'a diptych::document::Passage {
    d.passages
        .iter()
        .find(|p| p.joined(&d.text).starts_with(start))
        .unwrap_or_else(|| panic!("no passage starts with {start:?}"))
}

#[test]
fn left_seed_passages() {
    let d = Document::seed_left();
    use PassageKind::*;
    assert_eq!(
        kinds(&d),
        vec![
            Title,
            Body,
            Boilerplate,
            Heading,
            Body,
            Body,
            Heading,
            Body,
            Heading,
            Body,
            Body,
            Body,
            Heading,
            Body,
            ListItem,
            ListItem,
            ListItem,
            Body,
            Heading,
            Body,
            Body,
            Heading,
            Body,
            Footnote,
            Footnote,
            Boilerplate,
            Boilerplate,
            Boilerplate,
        ]
    );
    let headings: Vec<String> = d
        .passages
        .iter()
        .filter(|p| p.kind == Heading)
        .map(|p| p.joined(&d.text))
        .collect();
    assert_eq!(
        headings,
        [
            "Abstract",
            "1. IS-K and the Ambition to Strike Europe.",
            "2. Afghanistan and the Developed Structure of IS.",
            "3. Is IS waiting?",
            "4. The strength of IS.",
            "Conclusions.",
        ]
    );
    // The hard-wrapped conclusion is one passage again, lines 23 to 31.
    let conclusion = find(&d, "In conclusion, IS-K is not really");
    assert_eq!((conclusion.line_start, conclusion.line_end), (23, 31));
    assert!(
        conclusion
            .joined(&d.text)
            .ends_with("drawing scarce human resources away from them.")
    );
    assert!(!conclusion.joined(&d.text).contains('\n'));
    assert_eq!(find(&d, "[1] https://ctc").kind, Footnote);
    assert_eq!(find(&d, "There are no comments").kind, Boilerplate);
    assert_eq!(find(&d, "Add yours").kind, Boilerplate);
    let ids: Vec<&str> = d.passages.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids[0], "p1");
    assert_eq!(ids[27], "p28");
}

#[test]
fn right_seed_passages() {
    let d = Document::seed_right();
    assert_eq!(d.passages.len(), 23);
    let headings: Vec<String> = d
        .passages
        .iter()
        .filter(|p| p.kind == PassageKind::Heading)
        .map(|p| p.joined(&d.text))
        .collect();
    assert_eq!(
        headings,
        [
            "Growing in the Shadows",
            "Importance of Turkey",
            "Further from Russia’s Reach",
            "Culmination",
            "Conclusions",
        ]
    );
    let uzbeks = find(&d, "Uzbeks, Tajiks, and Turkmen");
    assert_eq!(
        (uzbeks.kind, uzbeks.line_start, uzbeks.line_end),
        (PassageKind::Body, 17, 17)
    );
}

#[test]
fn passage_offsets_match_the_text() {
    for d in [Document::seed_left(), Document::seed_right()] {
        let chars: Vec<char> = d.text.chars().collect();
        for p in &d.passages {
            let by_chars: String = chars[p.char_start..p.char_end].iter().collect();
            assert_eq!(by_chars, p.raw(&d.text));
            let first_line = d.text.lines().nth(p.line_start - 1).unwrap();
            assert!(p.raw(&d.text).starts_with(first_line.trim_end()));
        }
    }
}

#[test]
fn crlf_bom_and_tabs() {
    let d = doc(b"\xEF\xBB\xBFTitle\r\n\r\n\tIndented paragraph\r\nwith more.\r\n");
    assert_eq!(d.encoding, Encoding::Utf8Bom);
    assert!(!d.text.contains('\r') && !d.text.contains('\t'));
    assert_eq!(d.title, "Title");
    assert_eq!(
        d.passages[1].joined(&d.text),
        "    Indented paragraph with more."
    );
}

#[test]
fn escape_sequences_never_reach_the_text() {
    let d = doc(b"Report\n\nclick \x1b]52;c;cm0gLXJmIH4=\x07 here \x1b[2J\x1b]0;owned\x07\x9b\n");
    assert!(!d.text.contains('\x1b') && !d.text.contains('\x07'));
    assert!(d.text.contains('␛'));
    assert!(d.notice().unwrap().contains("control characters replaced"));
}

#[test]
fn invalid_utf8_is_windows_1252_with_notice() {
    let d = doc(b"R\xe9sum\xe9\n\nThe \x93quote\x94 and \x96 dash.\n");
    assert_eq!(d.encoding, Encoding::Windows1252);
    assert_eq!(d.title, "Résumé");
    assert!(d.text.contains("“quote”"));
    assert!(d.notice().unwrap().contains("Windows-1252"));
}

#[test]
fn utf16_le_and_be() {
    let text = "Заголовок\n\nТекст отчёта.\n";
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        le.extend(unit.to_le_bytes());
        be.extend(unit.to_be_bytes());
    }
    assert_eq!(doc(&le).text, text);
    assert_eq!(doc(&be).text, text);
    assert_eq!(doc(&le).title, "Заголовок");
}

#[test]
fn nul_bytes_are_refused_as_binary() {
    let err = Document::from_bytes(Source::Embedded("x"), b"ELF\0\0\x01").unwrap_err();
    assert!(matches!(err, LoadError::Binary { .. }));
    assert!(err.to_string().contains("binary"));
}

#[test]
fn one_megabyte_single_line() {
    let line = "word ".repeat(200_000);
    let d = doc(format!("T\n{line}\n").as_bytes());
    assert_eq!(d.passages.len(), 2);
    assert_eq!(d.passages[1].kind, PassageKind::Body);
}

#[test]
fn hundred_thousand_empty_lines() {
    let mut s = String::from("Title\n");
    s.push_str(&"\n".repeat(100_000));
    s.push_str("Last paragraph.\n");
    let d = doc(s.as_bytes());
    assert_eq!(d.passages.len(), 2);
    assert_eq!(d.passages[1].line_start, 100_002);
}

#[test]
fn emoji_combining_marks_and_rtl_survive() {
    let text = "Family 👩‍👩‍👧‍👦\n\nCafe\u{301} naïve — مرحبا بالعالم — שלום עולם.\n";
    let d = doc(text.as_bytes());
    assert_eq!(d.text, text);
    assert_eq!(d.title, "Family 👩‍👩‍👧‍👦");
    let p = &d.passages[1];
    assert_eq!(
        p.char_end - p.char_start,
        text.lines().nth(2).unwrap().chars().count()
    );
}

#[test]
fn file_errors_are_clear() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.txt");
    let e = Document::open(&missing).unwrap_err();
    assert!(matches!(e, LoadError::NotFound { .. }));
    assert!(e.to_string().contains("nope.txt"));

    let e = Document::open(dir.path()).unwrap_err();
    assert!(matches!(e, LoadError::IsDirectory { .. }));

    let big = dir.path().join("big.txt");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(diptych::document::MAX_FILE_BYTES + 1).unwrap();
    let e = Document::open(&big).unwrap_err();
    assert!(matches!(e, LoadError::TooLarge { .. }));
    assert!(e.to_string().contains("64 MiB"));

    let e = Document::open(Path::new("/dev/zero")).unwrap_err();
    assert!(matches!(e, LoadError::NotRegularFile { .. }));

    // Found in review: an empty file opened as a blank pane, silently.
    for (name, bytes) in [
        ("empty.txt", &b""[..]),
        ("blank.md", b"\n \n\t\r\n\n"),
        ("bom.txt", b"\xEF\xBB\xBF\n"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let e = Document::open(&path).unwrap_err();
        assert!(matches!(e, LoadError::NoText { .. }), "{name}: {e}");
        assert!(e.to_string().contains(name), "{e}");
        assert!(e.to_string().contains("has no text"), "{e}");
    }
}

#[test]
fn fifo_is_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let status = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !status.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let e = Document::open(&fifo).unwrap_err();
    assert!(matches!(e, LoadError::NotRegularFile { .. }));
}
