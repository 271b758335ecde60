//! Comparisons for the export tests: a sample built from two fixture reports
//! (so quotes can be checked against the source text), a hostile one where
//! every user-visible string tries to break the output, and an empty one.
#![allow(dead_code)]

use std::path::PathBuf;

use diptych::export::{
    AnchorKind, Comparison, DocumentInfo, Entry, LabelInfo, Origin, Quote, Silence, Suggestion,
    content_urn, file_uri,
};
use diptych::side::Side;
use sha2::{Digest, Sha256};

pub const LEFT: &str = "tests/fixtures/export/left.md";
pub const RIGHT: &str = "tests/fixtures/export/right.md";

/// Strings that try to change the structure of each format.
pub const HOSTILE: &[&str] = &[
    "# heading",
    "| a | b |\n| --- | --- |\n| c | d |",
    "*em* **strong** _u_ `code` ```fence",
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "</style><b>bold</b>",
    "> quote\n- item\n1. one\n    indented code\n===",
    "[link](javascript:alert(1)) <http://evil.example>",
    "&lt;escaped&gt; &amp; &#60;",
    "=HYPERLINK(\"http://evil.example\")",
    "+1",
    "-1",
    "@SUM(1)",
    "\tTab first",
    "\rCR first",
    "<!-- comment",
    "]]> <![CDATA[ x",
    "'single' \"double\" \\ back",
    "“curly” — ёж 🦀",
    "",
];

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).expect("fixture is readable")
}

pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The quote of the first occurrence of `needle` in `text`, with context,
/// code point offsets and 1-based line, as the caller of the exporter builds
/// it from an anchor.
pub fn quote(text: &str, needle: &str, state: AnchorKind) -> Quote {
    let byte = text
        .find(needle)
        .unwrap_or_else(|| panic!("fixture lacks {needle:?}"));
    let before = &text[..byte];
    let after = &text[byte + needle.len()..];
    let start = before.chars().count();
    let prefix: String = {
        let n = before.chars().count();
        before.chars().skip(n.saturating_sub(32)).collect()
    };
    // The passage around the quote: its paragraph (blank-line separated).
    let para_start = before.rfind("\n\n").map_or(0, |i| i + 2);
    let para_end = after
        .find("\n\n")
        .map_or(text.len(), |i| byte + needle.len() + i);
    Quote {
        exact: needle.to_string(),
        context: text[para_start..para_end].to_string(),
        prefix,
        suffix: after.chars().take(32).collect(),
        start,
        end: start + needle.chars().count(),
        line: before.matches('\n').count() + 1,
        state,
    }
}

fn document(rel: &str, title: &str, bundled: bool) -> DocumentInfo {
    let text = read(rel);
    let hash = sha256_hex(&text);
    DocumentInfo {
        name: title
            .split([':', '—'])
            .next()
            .unwrap_or("")
            .trim()
            .to_string(),
        author: (!bundled).then(|| "Jane Doe".to_string()),
        title: title.to_string(),
        path: rel.to_string(),
        uri: if bundled {
            content_urn(&hash)
        } else {
            file_uri(&root().join(rel))
        },
        hash,
    }
}

pub fn labels() -> Vec<LabelInfo> {
    let mut labels = LabelInfo::builtins();
    labels.push(LabelInfo {
        id: "source-conflict".into(),
        name: "Source conflict".into(),
        glyph: "⚑".into(),
        stance: None,
    });
    labels
}

fn entry(
    id: Option<&str>,
    label: Option<&str>,
    note: &str,
    topics: &[usize],
    left: Quote,
    right: Quote,
) -> Entry {
    Entry {
        id: id.map(str::to_string),
        label: label.map(str::to_string),
        note: note.to_string(),
        origin: if id.is_some_and(|i| i.starts_with("manual")) {
            Origin::Manual
        } else {
            Origin::Aligned
        },
        topics: topics.to_vec(),
        group: topics.last().copied(),
        hint: label.is_none().then(|| Suggestion {
            kind: "contradiction".into(),
            why: "different numbers for attacks: “a third” / “stable”".into(),
        }),
        score: id.is_none().then_some(0.61),
        left,
        right,
        created: id.map(|_| "2025-03-01T09:30:00Z".to_string()),
        modified: id.map(|_| "2025-03-02T17:05:12+01:00".to_string()),
        analyst: None,
        conflict: None,
    }
}

/// The sample comparison: five tags (built-in and custom labels, a tag with
/// several topics, one without a topic, one with an orphaned quote) and one
/// untagged aligned pair. Quotes are taken from the fixture files.
pub fn sample() -> Comparison {
    let l = read(LEFT);
    let r = read(RIGHT);
    use AnchorKind::*;
    let entries = vec![
        entry(
            Some("6f1c2a8e-5b7d-4c1e-9a3f-000000000001"),
            Some("contradict"),
            "Dates differ — check the March claim.\nSecond line: *not emphasis* | not a cell",
            &[0],
            quote(
                &l,
                "The group’s leadership passed to a new emir in March; sources describe the transition as “orderly” and uncontested.",
                Anchored,
            ),
            quote(
                &r,
                "Succession was contested: two commanders claimed the title of emir, and the dispute lasted into the summer.",
                Anchored,
            ),
        ),
        entry(
            Some("6f1c2a8e-5b7d-4c1e-9a3f-000000000002"),
            Some("agree"),
            "",
            &[1],
            quote(
                &l,
                "Recruitment now focuses on migrant workers from Central Asia, reached mostly through messaging apps 📱.",
                Anchored,
            ),
            quote(
                &r,
                "The main recruitment pool remains Central Asian labour migrants, contacted online and in prayer rooms 🕌.",
                Moved,
            ),
        ),
        entry(
            Some("manual-link-7"),
            Some("partial"),
            "Оценки расходятся: 40 % против «не более четверти».",
            &[2, 1, 2, 99],
            quote(
                &l,
                "Финансирование идёт через сеть обменных пунктов — по данным источника, около 40 % средств.",
                Anchored,
            ),
            quote(
                &r,
                "Финансирование частично идёт через обменные пункты — «не более четверти», по оценке аналитиков.",
                Anchored,
            ),
        ),
        entry(
            Some("6f1c2a8e-5b7d-4c1e-9a3f-000000000004"),
            Some("source-conflict"),
            "<b>not bold</b> `tick` # not a heading\n> not a quote",
            &[],
            quote(
                &l,
                "> Quoted claim: the cell has *no* contact with the central command | 3 sources | `unverified`",
                Anchored,
            ),
            quote(
                &r,
                "# The cell reports directly to central command, per intercepted messages &amp; couriers.",
                Anchored,
            ),
        ),
        entry(
            Some("6f1c2a8e-5b7d-4c1e-9a3f-000000000005"),
            Some("unclear"),
            "Left quote was removed in the revised report.",
            &[0],
            Quote {
                exact: "The emir died in January, according to one source.".into(),
                context: String::new(),
                prefix: "# Field report — northern corridor\n\n".into(),
                suffix: "\n\nRecruitment now".into(),
                start: 600,
                end: 651,
                line: 12,
                state: Orphaned,
            },
            quote(&r, "Succession was contested", Anchored),
        ),
        entry(
            None,
            None,
            "",
            &[1],
            quote(
                &l,
                "- Attacks in the region fell by a third <script>alert(\"left\")</script> compared to last year.",
                Anchored,
            ),
            quote(
                &r,
                "= Attack numbers are stable year on year \"><img src=x onerror=alert(1)> </style> according to local police.",
                Anchored,
            ),
        ),
    ];
    Comparison {
        tagset_name: "field report vs assessment".into(),
        date: "2025-03-03".into(),
        focus_topic: None,
        silences: vec![
            Silence {
                side: Side::Left,
                topic: 2,
                passages: 2,
                quote: "Couriers carry cash across the border.".into(),
                line: 7,
            },
            Silence {
                side: Side::Right,
                topic: 1,
                passages: 1,
                quote: "Recruiters target migrant workers.".into(),
                line: 9,
            },
        ],
        documents: [
            document(LEFT, "Field report — northern corridor", false),
            document(RIGHT, "Assessment: regional threat picture", true),
        ],
        topics: vec![
            "Leadership succession".into(),
            "Recruitment in Central Asia".into(),
            "Финансирование".into(),
        ],
        labels: labels(),
        entries,
        generated_by: "diptych 0.1.0".into(),
    }
}

/// The sample with every displayed string (titles, paths, topics, label
/// names and glyphs, quotes, contexts, notes) replaced by hostile text.
/// Ids, offsets and states are kept.
/// A quote as hard-wrapped as the seeds are, across a paragraph break.
pub const WRAPPED: &str =
    "In\nconclusion, IS-K is not really “expanding”.\n\nIt is\n  consolidating.";
/// How the briefs show [`WRAPPED`]: the wrapping joined, the paragraph kept.
pub const UNWRAPPED: &str =
    "In conclusion, IS-K is not really “expanding”.\n\nIt is consolidating.";

/// The sample with its first pair's left quote hard-wrapped ([`WRAPPED`]).
pub fn wrapped() -> Comparison {
    let mut c = sample();
    c.entries[0].left.exact = WRAPPED.to_string();
    c
}

pub fn hostile() -> Comparison {
    let mut i = 0;
    map_text(sample(), |_| {
        i += 1;
        HOSTILE[i % HOSTILE.len()].to_string()
    })
}

/// `hostile()` with every non-empty string replaced by a plain word: the
/// structure the hostile comparison must have.
pub fn benign() -> Comparison {
    twin(&hostile())
}

/// `c` with every non-empty displayed string replaced by a plain word: the
/// structure `c` must have. Empty strings stay empty, since an empty note
/// or quote is rendered differently on purpose.
pub fn twin(c: &Comparison) -> Comparison {
    map_text(c.clone(), |s| {
        if s.is_empty() {
            String::new()
        } else {
            "plain".to_string()
        }
    })
}

/// Applies `f` to every displayed string of `c`.
pub fn map_text(mut c: Comparison, mut f: impl FnMut(&str) -> String) -> Comparison {
    c.tagset_name = f(&c.tagset_name);
    c.generated_by = f(&c.generated_by);
    c.date = f(&c.date);
    for s in &mut c.silences {
        s.quote = f(&s.quote);
    }
    for d in &mut c.documents {
        d.name = f(&d.name);
        d.author = d.author.as_deref().map(&mut f);
        d.title = f(&d.title);
        d.path = f(&d.path);
        d.hash = f(&d.hash);
    }
    for t in &mut c.topics {
        *t = f(t);
    }
    for l in &mut c.labels {
        l.name = f(&l.name);
        l.glyph = f(&l.glyph);
    }
    for e in &mut c.entries {
        e.note = f(&e.note);
        if let Some(h) = &mut e.hint {
            h.why = f(&h.why);
        }
        for q in [&mut e.left, &mut e.right] {
            q.exact = f(&q.exact);
            q.context = f(&q.context);
            q.prefix = f(&q.prefix);
            q.suffix = f(&q.suffix);
        }
    }
    c
}

/// The sample without entries.
pub fn empty() -> Comparison {
    let mut c = sample();
    c.entries.clear();
    c
}

/// The source text of a quote: the slice of the fixture at its offsets.
pub fn source_slice(rel: &str, q: &Quote) -> String {
    read(rel)
        .chars()
        .skip(q.start)
        .take(q.end - q.start)
        .collect()
}

/// The one-pair comparison whose exports `docs/EXPORT_FORMATS.md` shows.
pub fn doc_example() -> Comparison {
    let q = |exact: &str, context: &str, prefix: &str, suffix: &str, start: usize, line| Quote {
        exact: exact.into(),
        context: context.into(),
        prefix: prefix.into(),
        suffix: suffix.into(),
        start,
        end: start + exact.chars().count(),
        line,
        state: AnchorKind::Anchored,
    };
    let right_hash = "5be0a7c2d4e6f8a0b2c4d6e8f0a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9d1e3f5a7";
    Comparison {
        tagset_name: "report-a vs report-b".into(),
        date: "2025-03-04".into(),
        focus_topic: None,
        silences: Vec::new(),
        documents: [
            DocumentInfo {
                name: "Doe".into(),
                author: Some("Jane Doe".into()),
                title: "Report A".into(),
                path: "report-a.md".into(),
                uri: "file:///home/analyst/report-a.md".into(),
                hash: "41d0e8a1b3c5d7e9f0a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9d1e3f5a7b9c1d3e5".into(),
            },
            DocumentInfo {
                name: "Report B".into(),
                author: None,
                title: "Report B".into(),
                path: "bundled:report-b".into(),
                uri: content_urn(right_hash),
                hash: right_hash.into(),
            },
        ],
        topics: vec!["Leadership succession".into()],
        labels: LabelInfo::builtins(),
        entries: vec![Entry {
            id: Some("0b6f3c9e-2a1d-4e5f-8a7b-6c5d4e3f2a1b".into()),
            label: Some("contradict".into()),
            note: "Dates differ: March vs summer.".into(),
            origin: Origin::Aligned,
            topics: vec![0],
            group: Some(0),
            hint: None,
            score: Some(0.82),
            left: q(
                "The emir was replaced in March.",
                // The quote is its whole passage: no context.
                "",
                "## Leadership\n\n",
                "\n\nRecruitment",
                120,
                7,
            ),
            right: q(
                "Succession was contested into the summer.",
                "Succession was contested into the summer. Two commanders claimed the title.",
                "# Leadership\n\n",
                " Two commanders",
                98,
                5,
            ),
            created: Some("2025-03-01T09:30:00Z".into()),
            modified: Some("2025-03-02T10:00:00Z".into()),
            analyst: None,
            conflict: None,
        }],
        generated_by: "diptych 0.1.0".into(),
    }
}

/// A text format's export as a string (text exports are UTF-8 by
/// construction).
pub fn render_text(
    format: diptych::export::Format,
    c: &Comparison,
    opts: &diptych::export::Options,
) -> String {
    String::from_utf8(diptych::export::render(format, c, opts)).expect("text exports are UTF-8")
}

/// The text a reader sees in an export: the file itself for the text
/// formats; for DOCX and ODT the text of the document body (`word/document.xml`
/// or `content.xml`), one line per paragraph, line breaks and tabs kept,
/// ODF's `text:s` spaces expanded.
pub fn readable(format: diptych::export::Format, bytes: &[u8]) -> String {
    use quick_xml::events::Event;
    let part = match format {
        diptych::export::Format::Docx => "word/document.xml",
        diptych::export::Format::Odt => "content.xml",
        _ => return String::from_utf8(bytes.to_vec()).expect("text exports are UTF-8"),
    };
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("the export is a zip archive");
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut archive
            .by_name(part)
            .expect("the archive has its body part"),
        &mut xml,
    )
    .expect("the body part is UTF-8");
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut out = String::new();
    loop {
        match reader
            .read_event()
            .expect("the body part is well-formed XML")
        {
            Event::Eof => break,
            Event::Text(t) => out.push_str(&t.decode().expect("UTF-8")),
            Event::GeneralRef(r) => {
                let name = r.decode().expect("UTF-8");
                let c = match name.as_ref() {
                    "amp" => "&".to_string(),
                    "lt" => "<".to_string(),
                    "gt" => ">".to_string(),
                    "quot" => "\"".to_string(),
                    "apos" => "'".to_string(),
                    n => n
                        .strip_prefix("#x")
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .or_else(|| n.strip_prefix('#').and_then(|d| d.parse().ok()))
                        .and_then(char::from_u32)
                        .map(String::from)
                        .unwrap_or_else(|| panic!("unknown entity &{n};")),
                };
                out.push_str(&c);
            }
            Event::End(e) if matches!(e.name().as_ref(), b"w:p" | b"text:p" | b"text:h") => {
                out.push('\n')
            }
            Event::Empty(e) => match e.name().as_ref() {
                b"w:br" | b"text:line-break" => out.push('\n'),
                b"w:tab" | b"text:tab" => out.push('\t'),
                b"text:s" => {
                    let n = e
                        .try_get_attribute("text:c")
                        .ok()
                        .flatten()
                        .and_then(|a| String::from_utf8(a.value.to_vec()).ok())
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(1);
                    out.push_str(&" ".repeat(n));
                }
                _ => {}
            },
            _ => {}
        }
    }
    out
}
