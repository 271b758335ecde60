//! The headless report of `diptych align`: the JSON contract (issues 3
//! and 11) and a plain-text table. The JSON is written as a stream: each
//! passage, sentence and candidate list is serialised when it is reached.
//!
//! JSON fields beyond the contract: `left.hash`/`right.hash` (SHA-256 of the
//! normalised text, to tell which version of a file was aligned) and
//! `topics[].kind` (`place`, `organisation`, `user_group`, `acronym`, `name`
//! or `key_phrase`: where the topic came from). Scores are rounded to four
//! decimals.

use serde::{Serialize, Serializer};

use super::{Alignment, Candidate};
use crate::document::{Document, Sentence, Source};

/// An alignment together with the two documents it was computed from.
pub struct AlignReport<'a> {
    pub left: &'a Document,
    pub right: &'a Document,
    pub alignment: &'a Alignment,
    /// Write `sentences` and `candidates` (off for `--candidates 0`).
    pub sentences: bool,
}

#[derive(Serialize)]
struct DocOut<'a> {
    title: &'a str,
    path: String,
    hash: &'a str,
    passages: Passages<'a>,
}

/// A document's passages, each joined only while it is written: a book's
/// text is not copied whole into the report.
struct Passages<'a>(&'a Document);

impl Serialize for Passages<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let doc = self.0;
        serializer.collect_seq(doc.passages.iter().map(|p| PassageOut {
            id: &p.id,
            kind: p.kind.as_str(),
            line_start: p.line_start,
            line_end: p.line_end,
            text: p.joined(&doc.text),
        }))
    }
}

#[derive(Serialize)]
struct PassageOut<'a> {
    id: &'a str,
    kind: &'static str,
    line_start: usize,
    line_end: usize,
    text: String,
}

#[derive(Serialize)]
struct TopicOut<'a> {
    label: &'a str,
    terms: &'a [String],
    shared: bool,
    kind: &'static str,
    left: Vec<&'a str>,
    right: Vec<&'a str>,
}

#[derive(Serialize)]
struct PairOut<'a> {
    left: &'a str,
    right: &'a str,
    score: f64,
    topics: Vec<&'a str>,
    terms: &'a [String],
    left_sentences: Vec<&'a str>,
    right_sentences: Vec<&'a str>,
}

#[derive(Serialize)]
struct ReportOut<'a> {
    left: DocOut<'a>,
    right: DocOut<'a>,
    topics: Vec<TopicOut<'a>>,
    pairs: Vec<PairOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sentences: Option<BothSides<SentencesOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    candidates: Option<BothSides<CandidatesOut<'a>>>,
}

#[derive(Serialize)]
struct BothSides<T> {
    left: T,
    right: T,
}

/// One side's sentences, each written as it is reached.
struct SentencesOut<'a> {
    doc: &'a Document,
    sentences: &'a [Sentence],
}

#[derive(Serialize)]
struct SentenceOut<'a> {
    id: &'a str,
    passage: &'a str,
    start: usize,
    end: usize,
    text: String,
}

impl Serialize for SentencesOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.sentences.iter().map(|s| SentenceOut {
            id: &s.id,
            passage: id(self.doc, s.passage),
            start: s.char_start,
            end: s.char_end,
            text: s.joined(&self.doc.text),
        }))
    }
}

/// One side's candidates: sentence id → its partners, written lazily.
struct CandidatesOut<'a> {
    own: &'a [Sentence],
    other: &'a [Sentence],
    lists: &'a [Vec<Candidate>],
    reasons: &'a [String],
}

#[derive(Serialize)]
struct CandidateOut<'a> {
    id: &'a str,
    score: f64,
    reasons: Vec<&'a str>,
    hint: Option<HintOut<'a>>,
}

#[derive(Serialize)]
struct HintOut<'a> {
    kind: &'static str,
    why: &'a str,
}

struct ListOut<'a> {
    list: &'a [Candidate],
    other: &'a [Sentence],
    reasons: &'a [String],
}

impl Serialize for ListOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.list.iter().map(|c| {
            CandidateOut {
                id: self
                    .other
                    .get(c.other as usize)
                    .map_or("", |s| s.id.as_str()),
                score: (f64::from(c.score) * 1e4).round() / 1e4,
                reasons: c
                    .reasons
                    .iter()
                    .filter_map(|&r| self.reasons.get(r as usize))
                    .map(String::as_str)
                    .collect(),
                hint: c.hint.as_ref().map(|h| HintOut {
                    kind: h.kind.as_str(),
                    why: &h.why,
                }),
            }
        }))
    }
}

impl Serialize for CandidatesOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(
            self.own
                .iter()
                .zip(self.lists)
                .filter(|(_, l)| !l.is_empty())
                .map(|(s, l)| {
                    (
                        s.id.as_str(),
                        ListOut {
                            list: l,
                            other: self.other,
                            reasons: self.reasons,
                        },
                    )
                }),
        )
    }
}

fn sentence_ids<'a>(sentences: &'a [Sentence], indices: &[usize]) -> Vec<&'a str> {
    indices
        .iter()
        .filter_map(|&i| sentences.get(i))
        .map(|s| s.id.as_str())
        .collect()
}

fn path_of(doc: &Document) -> String {
    match &doc.source {
        Source::File(p) => p.display().to_string(),
        Source::Embedded(name) => (*name).to_string(),
    }
}

fn ids<'a>(doc: &'a Document, indices: &[usize]) -> Vec<&'a str> {
    indices
        .iter()
        .filter_map(|&i| doc.passages.get(i))
        .map(|p| p.id.as_str())
        .collect()
}

fn id(doc: &Document, i: usize) -> &str {
    doc.passages.get(i).map_or("", |p| p.id.as_str())
}

fn doc_out(doc: &Document) -> DocOut<'_> {
    DocOut {
        title: &doc.title,
        path: path_of(doc),
        hash: &doc.hash,
        passages: Passages(doc),
    }
}

impl Serialize for AlignReport<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let a = self.alignment;
        let out = ReportOut {
            left: doc_out(self.left),
            right: doc_out(self.right),
            topics: a
                .topics
                .iter()
                .map(|t| TopicOut {
                    label: &t.label,
                    terms: &t.terms,
                    shared: t.shared,
                    kind: t.kind.as_str(),
                    left: ids(self.left, &t.left),
                    right: ids(self.right, &t.right),
                })
                .collect(),
            pairs: a
                .pairs
                .iter()
                .map(|p| PairOut {
                    left: id(self.left, p.left),
                    right: id(self.right, p.right),
                    score: (p.score * 1e4).round() / 1e4,
                    topics: p
                        .topics
                        .iter()
                        .filter_map(|&t| a.topics.get(t))
                        .map(|t| t.label.as_str())
                        .collect(),
                    terms: &p.terms,
                    left_sentences: sentence_ids(&a.sentences.left, &p.left_sentences),
                    right_sentences: sentence_ids(&a.sentences.right, &p.right_sentences),
                })
                .collect(),
            sentences: self.sentences.then(|| BothSides {
                left: SentencesOut {
                    doc: self.left,
                    sentences: &a.sentences.left,
                },
                right: SentencesOut {
                    doc: self.right,
                    sentences: &a.sentences.right,
                },
            }),
            candidates: self.sentences.then(|| BothSides {
                left: CandidatesOut {
                    own: &a.sentences.left,
                    other: &a.sentences.right,
                    lists: &a.candidates.left,
                    reasons: &a.reasons,
                },
                right: CandidatesOut {
                    own: &a.sentences.right,
                    other: &a.sentences.left,
                    lists: &a.candidates.right,
                    reasons: &a.reasons,
                },
            }),
        };
        out.serialize(serializer)
    }
}

/// The first `n` characters of a passage, on one line.
fn snippet(doc: &Document, i: usize, n: usize) -> String {
    let Some(p) = doc.passages.get(i) else {
        return String::new();
    };
    let text = doc.text.get(p.byte_start..p.byte_end).unwrap_or("");
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > n {
        let cut: String = flat.chars().take(n.saturating_sub(1)).collect();
        format!("{cut}…")
    } else {
        flat
    }
}

impl AlignReport<'_> {
    pub fn new<'a>(
        left: &'a Document,
        right: &'a Document,
        alignment: &'a Alignment,
    ) -> AlignReport<'a> {
        AlignReport {
            left,
            right,
            alignment,
            sentences: true,
        }
    }

    /// Leaves `sentences` and `candidates` out of the JSON
    /// (`--candidates 0`).
    pub fn without_sentences(mut self) -> Self {
        self.sentences = false;
        self
    }

    /// The JSON document of the contract, pretty-printed.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    }

    /// Writes the JSON document without building it in memory first (for a
    /// book, the report is several times the size of the text).
    pub fn write_json<W: std::io::Write>(&self, out: W) -> serde_json::Result<()> {
        serde_json::to_writer(out, self)
    }

    /// A readable plain-text report: topics with counts on each side, then
    /// pairs best first with why they were paired and how they begin.
    pub fn to_table(&self) -> String {
        use std::fmt::Write;
        let a = self.alignment;
        let mut s = String::new();
        let _ = writeln!(s, "Left:  {} ({})", self.left.title, path_of(self.left));
        let _ = writeln!(s, "Right: {} ({})", self.right.title, path_of(self.right));
        let width = a
            .topics
            .iter()
            .map(|t| t.label.chars().count())
            .max()
            .unwrap_or(5)
            .clamp(5, 40);
        let _ = writeln!(
            s,
            "\nTopics ({} shared, {} one-sided)",
            a.topics.iter().filter(|t| t.shared).count(),
            a.topics.iter().filter(|t| !t.shared).count()
        );
        if !a.topics.iter().any(|t| t.shared) {
            let _ = writeln!(s, "  no shared topics");
        }
        for t in &a.topics {
            let mark = match (t.shared, t.left.is_empty()) {
                (true, _) => "●",
                (false, false) => "◧ left only ",
                (false, true) => "◨ right only",
            };
            let label: String = t.label.chars().take(width).collect();
            let terms: Vec<&str> = t.terms.iter().take(6).map(String::as_str).collect();
            let _ = writeln!(
                s,
                "  {label:<width$} {:>4} │ {:<4} {mark:<12} {}",
                t.left.len(),
                t.right.len(),
                terms.join(", ")
            );
        }
        let _ = writeln!(s, "\nPairs ({}, best first)", a.pairs.len());
        if a.pairs.is_empty() {
            let _ = writeln!(s, "  no pairs");
        }
        for p in &a.pairs {
            let topics: Vec<&str> = p
                .topics
                .iter()
                .filter_map(|&t| a.topics.get(t))
                .map(|t| t.label.as_str())
                .collect();
            let why = if topics.is_empty() {
                format!("terms: {}", p.terms.join(", "))
            } else {
                format!(
                    "shared: {} · terms: {}",
                    topics.join(", "),
                    p.terms.join(", ")
                )
            };
            let _ = writeln!(
                s,
                "  {:.3}  {:>6} ↔ {:<6}  {why}",
                p.score,
                id(self.left, p.left),
                id(self.right, p.right)
            );
            let _ = writeln!(s, "         L: {}", snippet(self.left, p.left, 90));
            let _ = writeln!(s, "         R: {}", snippet(self.right, p.right, 90));
        }
        s
    }
}
