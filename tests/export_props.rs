//! Property tests: arbitrary text in titles, topics, labels, quotes and notes
//! never breaks any format's structure, and quotes always come back exactly
//! (in the briefs, with the file's hard wrapping joined).

mod export_common;

use diptych::export::{Comparison, Format, Options, render};
use diptych::sanitize::{is_forbidden_control, printable};
use export_common::*;
use proptest::prelude::*;
use pulldown_cmark::{Event, Options as MdOptions, Parser, Tag, TagEnd};
use scraper::{ElementRef, Html, Selector};

/// Text that leans on every character with a meaning in some format, plus
/// arbitrary Unicode.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[ -~\n\t\r#|*`<>=+@&;“”—ёж🦀\u{0}\u{1b}\u{a0}]{0,40}",
        any::<String>(),
    ]
}

/// A sample comparison with `strings` poured into every displayed field.
fn comparison(strings: &[String]) -> Comparison {
    let mut i = 0;
    map_text(sample(), |_| {
        i += 1;
        strings[i % strings.len()].clone()
    })
}

fn md_skeleton(src: &str) -> (Vec<String>, Vec<String>) {
    let mut skeleton = Vec::new();
    let mut quotes = Vec::new();
    let mut text = String::new();
    for ev in Parser::new_ext(src, MdOptions::ENABLE_TABLES) {
        match ev {
            Event::Start(tag) => {
                if matches!(tag, Tag::BlockQuote(_)) {
                    text.clear();
                }
                skeleton.push(format!("{tag:?}"));
            }
            Event::End(TagEnd::BlockQuote(_)) => quotes.push(text.clone()),
            Event::Text(t) => text.push_str(&t),
            Event::HardBreak | Event::SoftBreak => text.push('\n'),
            Event::Html(h) | Event::InlineHtml(h) => skeleton.push(format!("HTML {h}")),
            _ => {}
        }
    }
    (skeleton, quotes)
}

fn html_skeleton(doc: &Html) -> Vec<String> {
    doc.root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
        .map(|e| {
            let attrs: Vec<String> = e
                .value()
                .attrs()
                .filter(|(k, _)| !(e.value().name() == "meta" && *k == "content"))
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            format!("{} {}", e.value().name(), attrs.join(" "))
        })
        .collect()
}

fn undefuse(cell: &str) -> &str {
    cell.strip_prefix('\'').unwrap_or(cell)
}

const ALL: Options = Options {
    include_untagged: true,
};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn markdown_structure_holds_and_quotes_read_back(strings in prop::collection::vec(text(), 1..8)) {
        let c = comparison(&strings);
        let (skeleton, quotes) = md_skeleton(&render_text(Format::Markdown, &c, &ALL));
        let (benign_skeleton, _) = md_skeleton(&render_text(Format::Markdown, &twin(&c), &ALL));
        prop_assert_eq!(skeleton, benign_skeleton);
        for e in &c.entries {
            // Controls are shown as their visible stand-ins; nothing else changes.
            // The brief joins the file's hard wrapping (see `unwrapped`).
            let want = diptych::export::unwrapped(&printable(&e.left.exact));
            prop_assert!(quotes.contains(&want), "lost {:?}", e.left.exact);
        }
    }

    #[test]
    fn html_has_no_injected_elements_and_keeps_the_text(strings in prop::collection::vec(text(), 1..8)) {
        let c = comparison(&strings);
        let doc = Html::parse_document(&render_text(Format::Html, &c, &ALL));
        let benign_doc = Html::parse_document(&render_text(Format::Html, &twin(&c), &ALL));
        prop_assert_eq!(html_skeleton(&doc), html_skeleton(&benign_doc));
        let sel = Selector::parse("blockquote").expect("valid selector");
        let quotes: Vec<String> = doc.select(&sel).map(|e| e.text().collect()).collect();
        for e in &c.entries {
            let want = diptych::export::unwrapped(&printable(&e.right.exact));
            prop_assert!(quotes.contains(&want), "lost {:?}", e.right.exact);
        }
    }

    #[test]
    fn csv_round_trips(strings in prop::collection::vec(text(), 1..8)) {
        let c = comparison(&strings);
        let src = render_text(Format::Csv, &c, &ALL);
        let mut r = csv::ReaderBuilder::new().has_headers(true).from_reader(src.as_bytes());
        let rows: Vec<csv::StringRecord> = r.records().collect::<Result<_, _>>().expect("valid CSV");
        prop_assert_eq!(rows.len(), c.entries.len());
        for e in &c.entries {
            prop_assert!(rows.iter().any(|row| row.len() == 16
                && undefuse(&row[2]) == printable(&e.left.exact)
                && undefuse(&row[3]) == printable(&e.right.exact)
                && undefuse(&row[6]) == printable(&e.note)));
        }
    }

    #[test]
    fn json_and_w3c_parse_and_keep_the_text(strings in prop::collection::vec(text(), 1..8)) {
        let c = comparison(&strings);
        let json: serde_json::Value = serde_json::from_str(&render_text(Format::Json, &c, &ALL)).expect("valid JSON");
        let w3c: serde_json::Value = serde_json::from_str(&render_text(Format::W3c, &c, &ALL)).expect("valid JSON");
        let pairs = json["pairs"].as_array().cloned().unwrap_or_default();
        let items = w3c["first"]["items"].as_array().cloned().unwrap_or_default();
        prop_assert_eq!(pairs.len(), c.entries.len());
        prop_assert_eq!(items.len(), c.entries.len());
        for e in &c.entries {
            prop_assert!(pairs.iter().any(|p| p["left"]["exact"] == printable(&e.left.exact).as_ref() && p["note"] == printable(&e.note).as_ref()));
            prop_assert!(items.iter().any(|a| a["target"][1]["selector"][0]["exact"] == printable(&e.right.exact).as_ref()));
        }
    }

    #[test]
    fn no_export_contains_a_terminal_control(strings in prop::collection::vec(text(), 1..8)) {
        let c = comparison(&strings);
        for format in Format::ALL {
            let out = readable(format, &render(format, &c, &ALL));
            let bad = out.chars().find(|&ch| is_forbidden_control(ch));
            prop_assert!(bad.is_none(), "{} contains {:?}", format.name(), bad);
            // Carriage returns only as CSV's record terminator.
            if format != Format::Csv {
                prop_assert!(!out.contains('\r'), "{} contains CR", format.name());
            }
        }
    }

    #[test]
    fn output_does_not_depend_on_entry_order(seed in any::<u64>()) {
        let c = sample();
        let mut shuffled = sample();
        let n = shuffled.entries.len();
        for i in 0..n {
            let j = (seed.rotate_left(i as u32 * 7) as usize) % n;
            shuffled.entries.swap(i, j);
        }
        for format in Format::ALL {
            prop_assert_eq!(render(format, &c, &ALL), render(format, &shuffled, &ALL));
        }
    }
}
