//! The Markdown brief, checked by parsing it with pulldown-cmark (CommonMark
//! with GFM tables): headings, table rows and block quotes are where they
//! should be, whatever the quotes and notes contain, and every quote reads
//! back exactly.

mod export_common;

use diptych::export::{Format, Options};
use export_common::*;
use pulldown_cmark::{Event, HeadingLevel, Options as MdOptions, Parser, Tag, TagEnd};

/// What a parse of the brief shows: the block structure and the text in it.
#[derive(Debug, Default)]
struct Outline {
    /// (level, text) of every heading.
    headings: Vec<(HeadingLevel, String)>,
    /// Each table: its rows, each a list of cell texts.
    tables: Vec<Vec<Vec<String>>>,
    /// The text of each block quote, hard breaks as newlines.
    quotes: Vec<String>,
    /// Every Start event's tag, in order, without its text: the skeleton.
    skeleton: Vec<String>,
    /// Raw HTML events: there must be none.
    html: Vec<String>,
}

fn outline(src: &str) -> Outline {
    let mut o = Outline::default();
    let mut text = String::new();
    let mut in_quote = false;
    let mut row: Vec<String> = Vec::new();
    for ev in Parser::new_ext(src, MdOptions::ENABLE_TABLES) {
        match ev {
            Event::Start(tag) => {
                o.skeleton.push(format!("{tag:?}"));
                match tag {
                    Tag::Heading { .. } | Tag::TableCell => text.clear(),
                    Tag::BlockQuote(_) => {
                        in_quote = true;
                        text.clear();
                    }
                    Tag::Table(_) => o.tables.push(Vec::new()),
                    Tag::TableHead | Tag::TableRow => row.clear(),
                    _ => {}
                }
            }
            Event::End(end) => match end {
                TagEnd::Heading(level) => o.headings.push((level, text.clone())),
                TagEnd::TableCell => row.push(text.clone()),
                TagEnd::TableHead | TagEnd::TableRow => {
                    if let Some(t) = o.tables.last_mut() {
                        t.push(row.clone());
                    }
                }
                TagEnd::BlockQuote(_) => {
                    in_quote = false;
                    o.quotes.push(text.clone());
                }
                _ => {}
            },
            Event::Text(t) => text.push_str(&t),
            Event::Code(t) => text.push_str(&t),
            Event::HardBreak | Event::SoftBreak => text.push('\n'),
            Event::Html(h) | Event::InlineHtml(h) => o.html.push(h.to_string()),
            _ => {}
        }
    }
    assert!(!in_quote, "unclosed block quote");
    o
}

fn md(c: &diptych::export::Comparison, include_untagged: bool) -> String {
    render_text(Format::Markdown, c, &Options { include_untagged })
}

#[test]
fn brief_has_title_documents_summary_matrix_and_pairs() {
    let c = sample();
    let src = md(&c, false);
    let o = outline(&src);
    let h: Vec<(HeadingLevel, &str)> = o.headings.iter().map(|(l, t)| (*l, t.as_str())).collect();
    use HeadingLevel::*;
    assert_eq!(
        h,
        vec![
            (H1, "Field report vs Assessment"),
            (H2, "Reports"),
            (H2, "Summary"),
            (H2, "Topics × stance"),
            (H2, "Pairs by topic"),
            (H3, "Leadership succession"),
            (H4, "Pair 1 · ≠ Contradict"),
            (H4, "Pair 2 · ~ Unclear"),
            (H3, "Recruitment in Central Asia"),
            (H4, "Pair 3 · = Agree"),
            (H4, "Pair 4 · ≈ Partial"),
            (H3, "No topic"),
            (H4, "Pair 5 · ⚑ Source conflict"),
            (H2, "Silences"),
            (H3, "Only Field report (Assessment is silent)"),
            (H3, "Only Assessment (Field report is silent)"),
        ],
        "{src}"
    );
    assert_eq!(o.tables.len(), 3, "{src}");
    let docs = &o.tables[0];
    assert_eq!(
        docs[0],
        [
            "Side",
            "Name",
            "Author",
            "Title",
            "File",
            "Content hash (SHA-256)"
        ]
    );
    assert_eq!(
        docs[1],
        [
            "Left",
            "Field report",
            "Jane Doe",
            "Field report — northern corridor",
            LEFT,
            c.documents[0].hash.as_str()
        ]
    );
    assert_eq!(docs[2][4], RIGHT);
    let summary = &o.tables[1];
    let rows: Vec<(&str, &str)> = summary
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            ("Stance", "Pairs"),
            ("= Agree", "1"),
            ("≠ Contradict", "1"),
            ("≈ Partial", "1"),
            ("~ Unclear", "1"),
            ("⚑ Source conflict", "1"),
            ("Total", "5"),
        ]
    );
    let matrix = &o.tables[2];
    assert_eq!(
        matrix[0],
        [
            "Topic",
            "= Agree",
            "≠ Contradict",
            "≈ Partial",
            "~ Unclear",
            "⚑ Source conflict"
        ]
    );
    // Each pair counts once, in the row of the topic it is filed under
    // (the partial pair is on two topics).
    assert_eq!(
        matrix[1],
        ["Leadership succession", "0", "1", "0", "1", "0"]
    );
    assert_eq!(
        matrix[2],
        ["Recruitment in Central Asia", "1", "0", "1", "0", "0"]
    );
    assert_eq!(matrix[3], ["No topic", "0", "0", "0", "0", "1"]);
    assert_eq!(matrix.len(), 4);
    // The summary lists the contradiction first, then the judged pairs
    // with notes.
    let (text, _) = (&src, ());
    let key = text.find("Key judgements").expect("key judgements");
    let first = text[key..].find("- Pair 1 · ≠ Contradict · Leadership succession: Dates differ");
    assert!(first.is_some(), "{src}");
    assert_eq!(o.quotes.len(), 10, "two block quotes per pair");
    assert!(o.html.is_empty(), "raw HTML: {:?}", o.html);
}

/// The text of every paragraph, inline markup dropped, breaks as newlines.
fn paragraphs(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut text = String::new();
    for ev in Parser::new_ext(src, MdOptions::ENABLE_TABLES) {
        match ev {
            Event::Start(Tag::Paragraph) => text.clear(),
            Event::End(TagEnd::Paragraph) => out.push(text.clone()),
            Event::Text(t) => text.push_str(&t),
            Event::HardBreak | Event::SoftBreak => text.push('\n'),
            _ => {}
        }
    }
    out
}

#[test]
fn locations_notes_and_orphans_are_shown() {
    let paras = paragraphs(&md(&sample(), false));
    let has = |want: &str| paras.iter().any(|p| p == want);
    // Sides by name; the anchor state only where it is not plainly anchored.
    assert!(has(&format!("Field report · {LEFT}:3")), "{paras:#?}");
    assert!(has(&format!("Assessment · {RIGHT}:5")), "{paras:#?}");
    assert!(has(&format!("Field report · {LEFT}:12")), "{paras:#?}");
    assert!(!paras.iter().any(|p| p.contains("anchored")), "{paras:#?}");
    assert!(has(
        "Warning: ORPHANED: left quote not found in the current report (old quote shown)"
    ));
    assert!(has("Warning: right quote moved in the current report"));
    assert!(has("No note."));
    assert!(has("Topics: Recruitment in Central Asia; Финансирование"));
    // The note's Markdown-looking text is literal: it reads back unchanged.
    assert!(has(
        "Note: <b>not bold</b> `tick` # not a heading\n> not a quote"
    ));
    assert!(has(
        "Note: Dates differ — check the March claim.\nSecond line: *not emphasis* | not a cell"
    ));
}

#[test]
fn quotes_read_back_exactly_as_in_the_reports() {
    let c = sample();
    let o = outline(&md(&c, true));
    assert_eq!(o.quotes.len(), 12);
    for e in &c.entries {
        for (rel, q) in [(LEFT, &e.left), (RIGHT, &e.right)] {
            if q.state != diptych::export::AnchorKind::Orphaned {
                assert_eq!(source_slice(rel, q), q.exact, "fixture offsets");
            }
            assert!(o.quotes.contains(&q.exact), "missing quote {:?}", q.exact);
        }
    }
}

/// A quote's hard wrapping (the file's single line breaks) reads as spaces
/// in the brief, a paragraph break stays; the data formats keep `exact`.
#[test]
fn wrapped_quotes_read_as_one_sentence_and_data_keeps_the_breaks() {
    let c = wrapped();
    let src = md(&c, true);
    let o = outline(&src);
    assert!(o.quotes.iter().any(|q| q == UNWRAPPED), "{src}");
    assert!(!src.contains("> In\\\n"), "{src}");
    assert_eq!(
        diptych::export::unwrapped(WRAPPED),
        UNWRAPPED,
        "the helper the briefs share"
    );
    let json: serde_json::Value =
        serde_json::from_str(&render_text(Format::Json, &c, &Options::default())).expect("JSON");
    let exacts = json.to_string();
    assert!(
        exacts.contains(&serde_json::to_string(WRAPPED).expect("string")),
        "JSON keeps the quote's line breaks"
    );
    let csv = render_text(Format::Csv, &c, &Options::default());
    assert!(csv.contains(WRAPPED), "CSV keeps the quote's line breaks");
}

#[test]
fn hostile_text_cannot_change_the_structure() {
    let hostile_src = md(&hostile(), true);
    let benign_src = md(&benign(), true);
    let (h, b) = (outline(&hostile_src), outline(&benign_src));
    assert_eq!(h.skeleton, b.skeleton, "{hostile_src}");
    assert!(h.html.is_empty(), "raw HTML: {:?}", h.html);
    let c = hostile();
    for e in &c.entries {
        let shown = |s: &str| diptych::sanitize::printable(s).into_owned();
        assert!(
            h.quotes.contains(&shown(&e.left.exact)),
            "{:?}",
            e.left.exact
        );
        assert!(
            h.quotes.contains(&shown(&e.right.exact)),
            "{:?}",
            e.right.exact
        );
    }
    // Titles and topics come back as the literal text.
    assert_eq!(
        h.headings[0].1,
        format!("{} vs {}", c.documents[0].name, c.documents[1].name)
    );
    for row in &h.tables[2][1..] {
        assert!(
            row[0] == "No topic" || c.topics.contains(&row[0]),
            "{:?} is not a topic read back literally",
            row[0]
        );
    }
}

#[test]
fn untagged_pairs_only_on_request() {
    let without = outline(&md(&sample(), false));
    let with = outline(&md(&sample(), true));
    assert!(
        !without
            .headings
            .iter()
            .any(|(_, t)| t.contains("not judged"))
    );
    assert!(
        with.headings
            .iter()
            .any(|(_, t)| t == "Pair 5 · not judged"),
        "{:?}",
        with.headings
    );
    // The engine's suggestion shows beside a pair not judged, and only there.
    let paras = paragraphs(&md(&sample(), true));
    let suggested: Vec<&String> = paras
        .iter()
        .filter(|p| p.starts_with("suggested:"))
        .collect();
    assert_eq!(suggested.len(), 1, "{paras:#?}");
    assert_eq!(with.tables[1].last().map(|r| r[1].as_str()), Some("6"));
}

#[test]
fn empty_comparison_gives_a_short_valid_brief_saying_so() {
    let src = md(&empty(), false);
    let o = outline(&src);
    let names: Vec<&str> = o.headings.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        names[1..],
        [
            "Reports",
            "Summary",
            "Silences",
            "Only Field report (Assessment is silent)",
            "Only Assessment (Field report is silent)"
        ]
    );
    assert_eq!(o.tables.len(), 1);
    assert!(
        paragraphs(&src)
            .iter()
            .any(|p| p == "No tagged pairs to export."),
        "{src}"
    );
}
