//! The HTML report, checked by parsing it with an HTML5 parser (scraper,
//! html5ever): self-contained, no element or attribute from user text, the
//! quotes side by side and exactly as in the reports, stance by colour and by
//! glyph and word.

mod export_common;

use diptych::export::{AnchorKind, Comparison, Format, Options};
use export_common::*;
use scraper::{ElementRef, Html, Selector};

fn html(c: &Comparison, include_untagged: bool) -> String {
    render_text(Format::Html, c, &Options { include_untagged })
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("test selector is valid")
}

fn text(e: ElementRef<'_>) -> String {
    e.text().collect()
}

/// Every element in document order with its attributes; the generator
/// meta's content is the one attribute value that holds user text.
fn skeleton(doc: &Html) -> Vec<String> {
    doc.root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
        .map(|e| {
            let mut attrs: Vec<String> = e
                .value()
                .attrs()
                .map(|(k, v)| {
                    if e.value().name() == "meta" && k == "content" && v != "utf-8" {
                        format!("{k}=<user text>")
                    } else {
                        format!("{k}={v}")
                    }
                })
                .collect();
            attrs.sort();
            format!("{} {}", e.value().name(), attrs.join(" "))
        })
        .collect()
}

#[test]
fn the_parser_reports_errors_so_an_empty_error_list_means_something() {
    let broken = Html::parse_document("<!DOCTYPE html><title>x</title><p></div>");
    assert!(!broken.errors.is_empty());
}

#[test]
fn report_is_self_contained_printable_and_complete() {
    let c = sample();
    let src = html(&c, false);
    let doc = Html::parse_document(&src);
    assert!(doc.errors.is_empty(), "parse errors: {:?}", doc.errors);
    for bad in [
        "script", "img", "link", "iframe", "object", "embed", "svg", "base",
    ] {
        assert_eq!(doc.select(&sel(bad)).count(), 0, "<{bad}> in the report");
    }
    for e in doc
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
    {
        for (k, _) in e.value().attrs() {
            assert!(
                !k.starts_with("on") && k != "src" && k != "href" && k != "style",
                "attribute {k} on <{}>",
                e.value().name()
            );
        }
    }
    let styles: Vec<String> = doc.select(&sel("style")).map(text).collect();
    assert_eq!(styles.len(), 1);
    assert!(!styles[0].contains("url(") && !styles[0].contains("@import"));
    assert!(styles[0].contains("@media print"));

    let title = format!("{} vs {}", c.documents[0].name, c.documents[1].name);
    assert_eq!(
        doc.select(&sel("title")).map(text).collect::<Vec<_>>(),
        std::slice::from_ref(&title)
    );
    assert_eq!(
        doc.select(&sel("h1")).map(text).collect::<Vec<_>>(),
        [title]
    );
    let h2: Vec<String> = doc.select(&sel("h2")).map(text).collect();
    assert_eq!(
        h2,
        [
            "Reports",
            "Summary",
            "Topics × stance",
            "Pairs by topic",
            "Silences"
        ]
    );
    let h3: Vec<String> = doc.select(&sel("h3")).map(text).collect();
    assert_eq!(
        h3,
        [
            "Leadership succession",
            "Recruitment in Central Asia",
            "No topic",
            "Only Field report (Assessment is silent)",
            "Only Assessment (Field report is silent)"
        ]
    );
    let hashes: Vec<String> = doc.select(&sel("td.hash")).map(text).collect();
    assert_eq!(
        hashes,
        [c.documents[0].hash.clone(), c.documents[1].hash.clone()]
    );

    // Each pair: stance by colour (class) and by glyph and word, quotes side
    // by side with their locations.
    let pairs: Vec<ElementRef<'_>> = doc.select(&sel("article.pair")).collect();
    assert_eq!(pairs.len(), 5);
    let first = pairs[0];
    assert!(first.value().classes().any(|k| k == "s-contradict"));
    let badge: Vec<String> = first.select(&sel(".badge")).map(text).collect();
    assert_eq!(badge, ["≠ Contradict"]);
    let sides: Vec<ElementRef<'_>> = first.select(&sel(".quotes > figure")).collect();
    assert_eq!(sides.len(), 2);
    assert_eq!(
        sides[0]
            .select(&sel("figcaption"))
            .map(text)
            .collect::<Vec<_>>(),
        [format!("Field report · {LEFT}:3")]
    );
    let notes: Vec<String> = first.select(&sel("p.note")).map(text).collect();
    assert_eq!(
        notes,
        ["Note: Dates differ — check the March claim.\nSecond line: *not emphasis* | not a cell"]
    );
    let orphan = pairs[1];
    assert!(orphan.select(&sel("figure.state-orphaned")).count() == 1);
    let warning: Vec<String> = orphan.select(&sel("p.warning")).map(text).collect();
    assert_eq!(
        warning,
        ["Warning: ORPHANED: left quote not found in the current report (old quote shown)"]
    );
}

#[test]
fn quotes_are_exactly_the_report_text() {
    let c = sample();
    let doc = Html::parse_document(&html(&c, true));
    let quotes: Vec<String> = doc.select(&sel("blockquote")).map(text).collect();
    assert_eq!(quotes.len(), 12);
    for e in &c.entries {
        for (rel, q) in [(LEFT, &e.left), (RIGHT, &e.right)] {
            if q.state != AnchorKind::Orphaned {
                assert_eq!(source_slice(rel, q), q.exact);
            }
            assert!(quotes.contains(&q.exact), "missing {:?}", q.exact);
        }
    }
}

/// The file's hard wrapping inside a quote (and its passage) is joined;
/// a paragraph break stays.
#[test]
fn wrapped_quotes_read_as_one_sentence() {
    let c = wrapped();
    let doc = Html::parse_document(&html(&c, true));
    let quotes: Vec<String> = doc.select(&sel("blockquote")).map(text).collect();
    assert!(quotes.iter().any(|q| q == UNWRAPPED), "{quotes:#?}");
    assert!(!quotes.iter().any(|q| q.contains("In\n")), "{quotes:#?}");
}

#[test]
fn hostile_text_stays_text() {
    let c = hostile();
    let src = html(&c, true);
    let doc = Html::parse_document(&src);
    assert!(doc.errors.is_empty(), "parse errors: {:?}", doc.errors);
    let benign_doc = Html::parse_document(&html(&benign(), true));
    assert_eq!(skeleton(&doc), skeleton(&benign_doc), "{src}");
    let style = |d: &Html| d.select(&sel("style")).map(text).collect::<Vec<_>>();
    assert_eq!(style(&doc), style(&benign_doc));
    let quotes: Vec<String> = doc.select(&sel("blockquote")).map(text).collect();
    for e in &c.entries {
        // Control characters are shown as their visible stand-ins.
        let shown = |s: &str| diptych::sanitize::printable(s).into_owned();
        assert!(quotes.contains(&shown(&e.left.exact)), "{:?}", e.left.exact);
        assert!(
            quotes.contains(&shown(&e.right.exact)),
            "{:?}",
            e.right.exact
        );
    }
    assert!(src.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn empty_comparison_gives_a_short_valid_page_saying_so() {
    let src = html(&empty(), false);
    let doc = Html::parse_document(&src);
    assert!(doc.errors.is_empty(), "parse errors: {:?}", doc.errors);
    let empty: Vec<String> = doc.select(&sel("p.empty")).map(text).collect();
    assert_eq!(empty, ["No tagged pairs to export."]);
    assert_eq!(doc.select(&sel("article")).count(), 0);
    assert_eq!(doc.select(&sel("table")).count(), 1);
    assert!(src.ends_with("</html>\n"));
}
