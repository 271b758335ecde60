//! End-to-end: the brief an analyst hands on. Judge the two seeds' central
//! disagreement and another pair in a real terminal, then export in every
//! format from the dialog: the Markdown brief calls the left report by its
//! author, quotes sentences (not paragraphs), files pairs under more than
//! one topic and lists Russia among the right report's silences; the Word
//! and ODT documents, read by outside readers (python-docx, odfpy), quote
//! exactly what the Markdown brief quotes; exporting again gives the same
//! bytes.

mod common;

use std::path::Path;
use std::process::Command;

use common::{REPORT, Tmux, WAIT, bin, tmux_available};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// Judges the thesis pair (≠, with a note) through the candidates of the
/// left report's conclusion, and the first aligned pair (=).
fn judge(t: &Tmux) {
    t.type_text("/not really");
    t.keys(&["Enter"]);
    t.wait_for("match 1 of 1", WAIT);
    t.keys(&["Enter"]);
    t.wait_for("What the right report says about", WAIT);
    for _ in 0..10 {
        let s = t.screen();
        if s.lines()
            .any(|l| l.contains('▶') && l.contains("single most significant threat"))
        {
            break;
        }
        t.keys(&["Down"]);
        t.wait_until(WAIT, "the selection moved", |now| now != s);
    }
    t.keys(&["Enter"]);
    t.wait_for("judge it with", WAIT);
    t.keys(&["c"]);
    t.wait_for("≠ Contradict", WAIT);
    t.keys(&["i"]);
    t.wait_for("Note", WAIT);
    t.type_text("The central disagreement: expansion or not");
    t.keys(&["C-s"]);
    t.wait_for("note saved", WAIT);
    t.keys(&["g", "]"]);
    t.wait_for("pair 1 of", WAIT);
    t.keys(&["a"]);
    t.wait_for("= Agree", WAIT);
}

/// Exports in `format` to `path` from the dialog.
fn export(t: &Tmux, format: &str, path: &Path) {
    t.keys(&["e"]);
    t.wait_for("Export comparison notes", WAIT);
    for _ in 0..8 {
        let s = t.screen();
        if s.lines().any(|l| l.contains(&format!("▶ {format:<5} "))) {
            break;
        }
        t.keys(&["Tab"]);
        t.wait_until(WAIT, "the format changed", |now| now != s);
    }
    t.keys(&["C-u"]);
    t.type_text(&path.display().to_string());
    t.keys(&["Enter"]);
    t.wait_for(&format!("exported to {}", path.display()), WAIT);
}

/// The block quotes, top-level headings and section headings of a
/// Markdown brief.
struct Brief {
    quotes: Vec<String>,
    sections: Vec<String>,
    title: String,
}

fn read_brief(src: &str) -> Brief {
    let mut brief = Brief {
        quotes: Vec::new(),
        sections: Vec::new(),
        title: String::new(),
    };
    let (mut in_quote, mut heading, mut text) = (false, None, String::new());
    for ev in Parser::new_ext(src, pulldown_cmark::Options::ENABLE_TABLES) {
        match ev {
            Event::Start(Tag::BlockQuote(_)) => {
                in_quote = true;
                text.clear();
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                in_quote = false;
                brief.quotes.push(text.clone());
            }
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some(level);
                text.clear();
            }
            Event::End(TagEnd::Heading(_)) => {
                match heading {
                    Some(HeadingLevel::H1) => brief.title = text.clone(),
                    Some(HeadingLevel::H3) => brief.sections.push(text.clone()),
                    _ => {}
                }
                heading = None;
            }
            Event::Text(s) if in_quote || heading.is_some() => text.push_str(&s),
            Event::SoftBreak | Event::HardBreak if in_quote => text.push('\n'),
            _ => {}
        }
    }
    brief
}

/// The block quotes of a Word or ODT export, as the outside reader sees
/// them; `None` where the reader is missing (outside CI).
fn office_quotes(format: &str, path: &Path) -> Option<Vec<String>> {
    let python = std::env::var("OFFICE_PYTHON").unwrap_or_else(|_| "python3".into());
    let script = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("tests/fixtures/office/read_{format}.py"));
    let out = Command::new(&python).arg(script).arg(path).output().ok()?;
    if !out.status.success() {
        let why = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(
            why.contains("ModuleNotFoundError") && std::env::var_os("CI").is_none(),
            "{format} read-back failed: {why}"
        );
        eprintln!("{format} read-back skipped: pip install python-docx odfpy");
        return None;
    }
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("the reader prints JSON");
    let style = if format == "docx" {
        "Quote"
    } else {
        "Quotations"
    };
    Some(
        v["paras"]
            .as_array()
            .expect("paragraphs")
            .iter()
            .filter(|p| p[0] == style)
            .map(|p| p[1].as_str().unwrap_or("").to_string())
            .collect(),
    )
}

#[test]
fn a_brief_in_every_format_from_the_reader() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start("brief", 140, 40, &[]);
    let dir = t.dir.path().to_path_buf();
    let tags = dir.join("t.json");
    t.run(&format!("cd {}", dir.display()));
    t.run(&format!("{} --tags {}{REPORT}", bin(), tags.display()));
    t.wait_for("aligned:", WAIT);
    judge(&t);

    // The dialog proposes a file named after the reports, here (the
    // directory diptych was started from), and the reports' names.
    t.keys(&["e"]);
    let dialog = t.wait_for("Export comparison notes", WAIT);
    assert!(
        dialog.contains("giustozzi-vs-iskp-overlooked-threat.md"),
        "{dialog}"
    );
    assert!(dialog.contains("left name:  Giustozzi"), "{dialog}");
    // Name the right report, then write the default path.
    t.keys(&["C-n", "C-n", "C-u"]);
    t.type_text("Overlooked Threat");
    t.keys(&["Enter"]);
    let md_path = dir.join("giustozzi-vs-iskp-overlooked-threat.md");
    t.wait_for("exported to giustozzi-vs-iskp-overlooked-threat.md", WAIT);

    let formats = ["html", "docx", "odt", "csv", "json", "w3c"];
    for format in formats {
        export(&t, format, &dir.join(format!("brief.{format}")));
    }
    export(&t, "docx", &dir.join("again.docx"));
    export(&t, "md", &dir.join("again.md"));
    // The names given in the dialog are kept in the tag set; save them
    // rather than race the autosave's quiet second (a release build gets
    // here within it, and `q` then asks about unsaved changes; a debug
    // build after it, and there is nothing left to save).
    t.keys(&["C-s"]);
    t.wait_until(WAIT, "the set saved", |s| {
        s.contains("saved to") || s.contains("nothing to save")
    });
    t.keys(&["q"]);
    t.wait_for("EXIT=0 icanon", WAIT);

    let md = std::fs::read_to_string(&md_path).expect("the brief was written");
    let brief = read_brief(&md);
    assert_eq!(brief.title, "Giustozzi vs Overlooked Threat", "{md}");
    // Quotes are the judged sentences, never whole paragraphs.
    assert_eq!(brief.quotes.len(), 4, "{md}");
    assert!(
        brief
            .quotes
            .iter()
            .any(|q| q.starts_with("IS-K may now become the single most significant threat")),
        "{md}"
    );
    assert!(
        brief
            .quotes
            .iter()
            .any(|q| q.contains("IS-K is not really “expanding”")),
        "{md}"
    );
    for q in &brief.quotes {
        assert!(q.chars().count() < 400, "a paragraph, not a sentence: {q}");
    }
    assert!(md.contains("The central disagreement: expansion or not"));
    // Pairs sit under specific topics, not all under one.
    let pair_sections: Vec<&String> = brief
        .sections
        .iter()
        .filter(|s| !s.starts_with("Only "))
        .collect();
    assert!(pair_sections.len() >= 2, "{:?}", brief.sections);
    // The right report's silences include Russia.
    let silences = &md[md
        .find("### Only Overlooked Threat")
        .expect("right silences")..];
    assert!(silences.contains("**Russia**"), "{silences}");
    assert!(!md.contains("anchored"), "plain anchors are not labelled");

    // Word and ODT quote exactly what the Markdown brief quotes.
    for format in ["docx", "odt"] {
        if let Some(quotes) = office_quotes(format, &dir.join(format!("brief.{format}"))) {
            assert_eq!(quotes, brief.quotes, "{format}");
        }
    }
    // The same judgements give the same bytes, binary formats too.
    let bytes = |name: &str| std::fs::read(dir.join(name)).expect("exported");
    assert_eq!(bytes("brief.docx"), bytes("again.docx"));
    assert_eq!(std::fs::read(&md_path).ok(), Some(bytes("again.md")));
    // The name given in the dialog is kept in the tag set.
    let set: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&tags).expect("tag set saved")).expect("JSON");
    assert_eq!(set["names"], serde_json::json!([null, "Overlooked Threat"]));
    for format in formats {
        let file = dir.join(format!("brief.{format}"));
        assert!(
            std::fs::metadata(&file).is_ok_and(|m| m.len() > 0),
            "{format}"
        );
    }
}
