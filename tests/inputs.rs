//! Reports as they arrive: the two seeds typeset as two-column PDFs (left
//! column drawn first; lines interleaved across the columns; a pull quote
//! across both) with a running header, page numbers and hyphenation, and
//! saved as a web page with navigation, cookie banner, share buttons,
//! related articles and scripts (tests/fixtures/inputs/make_inputs.py,
//! run here with reportlab). Each must give back the seeds' sentences
//! (at least 98 % verbatim after whitespace is normalised), nothing of the
//! page furniture, the same alignment as the text files, and quotes from
//! the extracted text in a brief. Bad PDFs and web pages give clear errors.
//!
//! Needs python3 with reportlab and poppler's pdftotext; without them the
//! checks are skipped with a printed reason, except under `CI`, where
//! `.ci/run` installs both and a missing tool fails.

mod common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use diptych::align::{AliasTable, align};
use diptych::document::sentence::sentences;
use diptych::document::{Document, InputFormat};

const SEEDS: [&str; 2] = [
    "seeds/giustozzi-iskp-expansion-towards-europe.txt",
    "seeds/iskp-an-overlooked-threat.txt",
];
const LAYOUTS: [&str; 3] = ["columns", "interleaved", "pullquote"];

/// The generated inputs of both seeds (`left/…`, `right/…`), made once.
fn fixtures() -> Option<&'static Path> {
    static DIR: OnceLock<Option<PathBuf>> = OnceLock::new();
    DIR.get_or_init(|| {
        let missing = if Command::new("pdftotext").arg("-v").output().is_err() {
            Some("pdftotext (apt install poppler-utils)")
        } else if !Command::new("python3")
            .args(["-c", "import reportlab"])
            .output()
            .is_ok_and(|o| o.status.success())
        {
            Some("python3 with reportlab (pip install reportlab)")
        } else {
            None
        };
        if let Some(what) = missing {
            let why = format!("input checks skipped: needs {what}");
            assert!(std::env::var_os("CI").is_none(), "{why}");
            eprintln!("{why}");
            return None;
        }
        let dir = std::env::temp_dir().join(format!("diptych-inputs-{}", std::process::id()));
        for (seed, side) in SEEDS.iter().zip(["left", "right"]) {
            let out = Command::new("python3")
                .arg("tests/fixtures/inputs/make_inputs.py")
                .arg(seed)
                .arg(dir.join(side))
                .output()
                .expect("python3 runs");
            assert!(
                out.status.success(),
                "make_inputs.py: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Some(dir)
    })
    .as_deref()
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The seed's sentences (diptych's own segmentation) not found verbatim
/// in `doc`, and how many there are.
fn missing_sentences(seed: &Document, doc: &Document) -> (Vec<String>, usize) {
    let text = squash(&doc.text);
    let all: Vec<String> = sentences(&seed.text, &seed.passages)
        .iter()
        .map(|s| squash(&seed.text[s.byte_start..s.byte_end]))
        .collect();
    let missing = all.iter().filter(|s| !text.contains(*s)).cloned().collect();
    (missing, all.len())
}

fn seed(side: usize) -> Document {
    Document::open(Path::new(SEEDS[side])).expect("seed opens")
}

#[test]
fn pdfs_keep_the_sentences_and_drop_headers_and_page_numbers() {
    let Some(dir) = fixtures() else { return };
    for (side, name) in ["left", "right"].iter().enumerate() {
        let seed = seed(side);
        for layout in LAYOUTS {
            let path = dir.join(name).join(format!("{layout}.pdf"));
            let doc = Document::open(&path).expect("the PDF opens");
            assert_eq!(doc.format, InputFormat::Pdf);
            assert!(doc.pages.len() >= 2, "{layout}: pages known");
            let (missing, total) = missing_sentences(&seed, &doc);
            let found = 1.0 - missing.len() as f64 / total as f64;
            eprintln!(
                "{name}/{layout}.pdf: {}/{total} sentences verbatim",
                total - missing.len()
            );
            assert!(
                found >= 0.98,
                "{name}/{layout}: {:.1} % of {total} sentences verbatim; missing:\n{}",
                found * 100.0,
                missing.join("\n")
            );
            // The running header is the title: it stays once, as the title.
            let title = seed.title.trim();
            let with_title = doc
                .passages
                .iter()
                .filter(|p| p.joined(&doc.text).contains(title))
                .count();
            assert_eq!(with_title, 1, "{name}/{layout}: running header kept");
            assert_eq!(doc.title.trim(), title, "{name}/{layout}");
            for p in &doc.passages {
                let text = p.joined(&doc.text);
                let last = text.split_whitespace().next_back().unwrap_or("");
                assert!(
                    !(last.len() <= 3 && last.chars().all(|c| c.is_ascii_digit())),
                    "{name}/{layout}: a page number ends {}: {text:?}",
                    p.id
                );
                assert!(
                    text.parse::<u32>().is_err(),
                    "{name}/{layout}: a page number as passage {}",
                    p.id
                );
            }
            // The file's hash and the text's hash are both kept.
            assert_ne!(doc.source_hash, doc.hash);
        }
    }
}

#[test]
fn a_saved_web_page_gives_the_article_only() {
    let Some(dir) = fixtures() else { return };
    for (side, name) in ["left", "right"].iter().enumerate() {
        let seed = seed(side);
        let doc = Document::open(&dir.join(name).join("page.html")).expect("the page opens");
        assert_eq!(doc.format, InputFormat::Html);
        let (missing, total) = missing_sentences(&seed, &doc);
        eprintln!(
            "{name}/page.html: {}/{total} sentences verbatim",
            total - missing.len()
        );
        assert!(
            (missing.len() as f64) <= total as f64 * 0.02,
            "{name}: missing of {total}:\n{}",
            missing.join("\n")
        );
        for furniture in [
            "cookies",
            "Subscribe",
            "Share on",
            "Related articles",
            "All rights reserved",
            "Privacy policy",
            "dataLayer",
            "font-family",
            "querySelectorAll",
        ] {
            assert!(
                !doc.text.contains(furniture),
                "{name}: {furniture:?} in the article"
            );
        }
        assert!(
            doc.title.contains(seed.title.trim()),
            "{name}: title {:?}",
            doc.title
        );
    }
}

/// Labels of shared topics, and the left/right sentence texts of the top
/// pairs' carrying sentences.
fn alignment_of(left: &Document, right: &Document) -> (HashSet<String>, HashSet<(String, String)>) {
    let a = align(left, right, &AliasTable::builtin());
    let topics = a
        .topics
        .iter()
        .filter(|t| t.shared)
        .map(|t| t.label.clone())
        .collect();
    let text = |doc: &Document, s: &diptych::document::sentence::Sentence| {
        squash(&doc.text[s.byte_start..s.byte_end])
    };
    let pairs = a
        .pairs
        .iter()
        .take(15)
        .filter_map(|p| {
            let l = &a.sentences.left[*p.left_sentences.first()?];
            let r = &a.sentences.right[*p.right_sentences.first()?];
            Some((text(left, l), text(right, r)))
        })
        .collect();
    (topics, pairs)
}

fn jaccard<T: Eq + std::hash::Hash>(a: &HashSet<T>, b: &HashSet<T>) -> f64 {
    let union = a.union(b).count().max(1);
    a.intersection(b).count() as f64 / union as f64
}

#[test]
fn the_pdfs_and_pages_align_as_the_text_files_do() {
    let Some(dir) = fixtures() else { return };
    let (topics, pairs) = alignment_of(&seed(0), &seed(1));
    for file in ["columns.pdf", "pullquote.pdf", "page.html"] {
        let open = |side: &str| Document::open(&dir.join(side).join(file)).expect("opens");
        let (t, p) = alignment_of(&open("left"), &open("right"));
        let (jt, jp) = (jaccard(&topics, &t), jaccard(&pairs, &p));
        eprintln!("{file}: shared topics {jt:.2} alike, top 15 pairs {jp:.2} alike");
        assert!(
            jt >= 0.9 && jp >= 0.6,
            "{file}: shared topics {jt:.2} alike, top pairs {jp:.2} alike\n{:?}\n{:?}",
            topics.symmetric_difference(&t).collect::<Vec<_>>(),
            pairs.symmetric_difference(&p).collect::<Vec<_>>()
        );
    }
}

#[test]
fn a_judgement_on_pdfs_is_exported_with_quotes_from_the_extracted_text() {
    let Some(dir) = fixtures() else { return };
    if !common::tmux_available() {
        assert!(std::env::var_os("CI").is_none(), "tmux is needed");
        eprintln!("skipped: no tmux");
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let (left, right) = (dir.join("left/columns.pdf"), dir.join("right/columns.pdf"));
    let env = [
        ("DIPTYCH_CONFIG_DIR", home.path().join("config")),
        ("DIPTYCH_DATA_DIR", home.path().join("data")),
    ];
    let env_str: Vec<(&str, &str)> = env
        .iter()
        .map(|(k, v)| (*k, v.to_str().expect("utf-8 path")))
        .collect();
    let t = common::Tmux::start("inputs-pdf", 140, 40, &env_str);
    t.run(&format!(
        "{} {} {}",
        common::bin(),
        left.display(),
        right.display()
    ));
    t.wait_for(" pairs =", common::WAIT);
    t.keys(&["g", "]"]);
    t.wait_for("pair 1 of", common::WAIT);
    t.keys(&["a"]);
    t.wait_for("= Agree", common::WAIT);
    t.keys(&["q"]);
    t.wait_for("unsaved changes", common::WAIT);
    t.keys(&["s"]);
    t.wait_until(common::WAIT, "diptych quit", |s| !s.contains("= Agree"));
    let out = Command::new(common::bin())
        .args(["export", "--format", "md", "-o", "-"])
        .arg(&left)
        .arg(&right)
        .envs(env.iter().map(|(k, v)| (k, v)))
        .output()
        .expect("diptych runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.contains("= Agree"), "{md}");
    let texts = [
        squash(&Document::open(&left).unwrap().text),
        squash(&Document::open(&right).unwrap().text),
    ];
    let quotes: Vec<String> = md
        .lines()
        .filter_map(|l| l.strip_prefix("> "))
        .map(squash)
        .filter(|q| !q.is_empty())
        .collect();
    assert!(quotes.len() >= 2, "{md}");
    for q in &quotes {
        assert!(
            texts.iter().any(|t| t.contains(q.as_str())),
            "a quote not in the extracted text: {q}"
        );
    }
}

/// Runs `diptych align` on a bad `file` and the left seed: exit 2, one
/// message that names the file and says what to do.
fn refused(file: &Path, env: &[(&str, &str)], says: &[&str]) {
    let out = Command::new(common::bin())
        .arg("align")
        .arg(file)
        .arg(SEEDS[0])
        .envs(env.iter().copied())
        .output()
        .expect("diptych runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{}: {err}", file.display());
    for s in says {
        assert!(err.contains(s), "{}: {s:?} not in {err}", file.display());
    }
    assert!(err.contains(&file.display().to_string()), "{err}");
}

#[test]
fn bad_pdfs_give_clear_errors_in_bounded_time() {
    let Some(dir) = fixtures() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let p = tmp.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let good = std::fs::read(dir.join("left/columns.pdf")).unwrap();
    refused(&dir.join("left/encrypted.pdf"), &[], &["encrypted", "qpdf"]);
    refused(
        &dir.join("left/scanned.pdf"),
        &[],
        &["no text layer", "ocrmypdf"],
    );
    let truncated = write("truncated.pdf", &good[..good.len() / 3]);
    refused(&truncated, &[], &["PDF"]);
    let garbage = write(
        "garbage.pdf",
        b"%PDF-1.7\n\x00\x01 not a PDF at all \xff\xfe",
    );
    refused(&garbage, &[], &["PDF"]);
    refused(
        &dir.join("left/columns.pdf"),
        &[("DIPTYCH_PDFTOTEXT", "/nonexistent/pdftotext")],
        &["poppler-utils"],
    );
    // Hostile structure: a page tree that points back at itself, objects
    // nested 100,000 deep, a stream that claims 2^40 bytes.
    let hostile = [
        (
            "loop.pdf",
            "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
             2 0 obj << /Type /Pages /Kids [2 0 R] /Count 1 >> endobj\n\
             trailer << /Root 1 0 R >>\n%%EOF\n"
                .to_string(),
        ),
        (
            "deep.pdf",
            format!(
                "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R /X {}{} >> endobj\n\
                 2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n\
                 trailer << /Root 1 0 R >>\n%%EOF\n",
                "[".repeat(100_000),
                "]".repeat(100_000)
            ),
        ),
        (
            "stream.pdf",
            "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
             2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n\
             3 0 obj << /Type /Page /Parent 2 0 R /Contents 4 0 R /MediaBox [0 0 10 10] >> endobj\n\
             4 0 obj << /Length 1099511627776 >> stream\nBT ET\nendstream endobj\n\
             trailer << /Root 1 0 R >>\n%%EOF\n"
                .to_string(),
        ),
    ];
    for (name, body) in hostile {
        let path = write(name, body.as_bytes());
        let started = std::time::Instant::now();
        refused(&path, &[], &["PDF"]);
        // Bounded by the extraction's own time limit (60 s), far less in
        // practice; a report, not a timing assertion.
        eprintln!("{name}: refused in {:?}", started.elapsed());
    }
}

#[test]
fn bad_web_pages_give_clear_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let deep = tmp.path().join("deep.html");
    std::fs::write(
        &deep,
        format!(
            "<!doctype html><html><body>{}text{}</body></html>",
            "<div>".repeat(50_000),
            "</div>".repeat(50_000)
        ),
    )
    .unwrap();
    refused(&deep, &[], &["nested", "deep"]);
    let empty = tmp.path().join("empty.html");
    std::fs::write(
        &empty,
        "<!doctype html><html><head><title>x</title><script>var a = 1;</script></head><body><nav><a href='/'>Home</a></nav></body></html>",
    )
    .unwrap();
    refused(&empty, &[], &["no article"]);
}

#[test]
fn a_web_page_title_cannot_reach_the_terminal_raw() {
    let page = "<!doctype html><html><head><title>Report &#27;]0;pwned&#7; title</title></head>\
                <body><article><p>The article has enough words to count as an article here.</p>\
                </article></body></html>";
    let doc = Document::from_bytes(
        diptych::document::Source::File("page.html".into()),
        page.as_bytes(),
    )
    .expect("the page opens");
    assert!(
        !doc.title.chars().any(|c| c.is_control()),
        "{:?}",
        doc.title
    );
    assert!(!doc.text.chars().any(|c| c.is_control() && c != '\n'));
}
