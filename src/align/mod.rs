//! Topic alignment of two documents (pure: no I/O except
//! [`AliasTable::with_user_file`]): the topics both reports discuss, the
//! passages under each topic on each side, and pairs of passages that speak
//! to each other with the reasons they were paired.
//!
//! Pipeline: acronym definitions found in the text extend the alias table
//! ([`acronyms`]); each sentence of a pairable passage is tokenised and
//! turned into alias concepts, stems, names and word pairs ([`analyze`]),
//! then given its aspects, cues and resolved actor ([`claims`]); topics are
//! built from the passages' terms ([`topics`]); every sentence gets its best
//! partners on the other side with reasons and hints ([`candidates`]); and
//! passage pairs are derived from mutual sentence candidates ([`pairs`]).

mod acronyms;
mod aliases;
mod analyze;
mod candidates;
mod claims;
mod fork;
mod fxhash;
mod pairs;
mod report;
mod spans;
mod tokens;
mod topics;

use std::borrow::Cow;

use serde::Serialize;

use crate::document::sentence::{self, Sentence};
use crate::document::{Document, PassageKind};
use analyze::{Analyzer, PassageTerms};

pub use aliases::{AliasError, AliasTable, AspectSpec};
pub use claims::{Hint, HintKind};
pub use report::AlignReport;
pub use spans::topic_spans;

/// The result of aligning two documents.
#[derive(Debug, Clone, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct Alignment {
    /// Shared topics first (most discussed by both first), then one-sided.
    pub topics: Vec<Topic>,
    /// Best first; ties broken by left then right position.
    pub pairs: Vec<Pair>,
    /// Every sentence of both documents, in reading order.
    pub sentences: Sides<Vec<Sentence>>,
    /// For each sentence (same index as in `sentences`), its best partners
    /// on the other side, best first; empty for sentences that never pair
    /// (footnotes, boilerplate) and when no candidates were asked for.
    pub candidates: Sides<Vec<Vec<Candidate>>>,
    /// The texts of candidate reasons, indexed by [`Candidate::reasons`].
    pub reasons: Vec<String>,
}

impl Alignment {
    /// The candidate linking left sentence `left` to right sentence
    /// `right`, if the engine kept one (its score, reasons and hint).
    pub fn candidate_between(&self, left: usize, right: usize) -> Option<&Candidate> {
        self.candidates
            .left
            .get(left)?
            .iter()
            .find(|c| c.other as usize == right)
    }
}

/// A value for each of the two documents.
#[derive(Debug, Clone, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct Sides<T> {
    pub left: T,
    pub right: T,
}

impl<T> std::ops::Index<Side> for Sides<T> {
    type Output = T;
    fn index(&self, side: Side) -> &T {
        side.pick(&self.left, &self.right)
    }
}

/// A sentence of the other document that may speak to this one.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Candidate {
    /// Index into the other side's sentences.
    pub other: u32,
    /// In [0, 1]: what the sentences share, plus what their passages share.
    pub score: f32,
    /// Indices into [`Alignment::reasons`], heaviest first ("actor: IS-K",
    /// "aspect: growth and decline", "term: recruit").
    pub reasons: Box<[u32]>,
    /// A suggestion of agreement, contradiction or difference, with why.
    pub hint: Option<Box<Hint>>,
}

/// What to compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlignOptions {
    /// Candidates kept per sentence; 0 computes none (pairs still come
    /// from the sentences).
    pub candidates: usize,
}

impl Default for AlignOptions {
    fn default() -> Self {
        AlignOptions { candidates: 10 }
    }
}

/// Something the reports discuss, with the passages discussing it.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Topic {
    pub label: String,
    /// Spellings met in the text (lower case except acronyms), most frequent
    /// first; what the reader highlights.
    pub terms: Vec<String>,
    /// Discussed by both reports.
    pub shared: bool,
    /// Indices into the left document's passages (content passages only).
    pub left: Vec<usize>,
    /// Indices into the right document's passages (content passages only).
    pub right: Vec<usize>,
    pub kind: TopicKind,
}

/// Where a topic came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TopicKind {
    /// A country or region of the built-in geography.
    Place,
    /// A built-in organisation or acronym.
    Organisation,
    /// A group from the user's topics.toml.
    UserGroup,
    /// An acronym defined by the text itself ("Federal Security Bureau (FSB)").
    Acronym,
    /// A capitalised name that recurs.
    Name,
    /// A distinctive word or word pair (TF-IDF).
    KeyPhrase,
    /// An aspect of the claims (financing, propaganda and media…), from
    /// the aspect lexicon.
    Aspect,
}

impl TopicKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TopicKind::Place => "place",
            TopicKind::Organisation => "organisation",
            TopicKind::UserGroup => "user_group",
            TopicKind::Acronym => "acronym",
            TopicKind::Name => "name",
            TopicKind::KeyPhrase => "key_phrase",
            TopicKind::Aspect => "aspect",
        }
    }
}

/// Two passages, one per side, that speak to each other.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Pair {
    /// Index into the left document's passages.
    pub left: usize,
    /// Index into the right document's passages.
    pub right: usize,
    /// Cosine similarity in [0, 1].
    pub score: f64,
    /// Indices into [`Alignment::topics`] of the topics both passages
    /// discuss, in topic order.
    pub topics: Vec<usize>,
    /// The shared terms that weigh most in the score, heaviest first.
    pub terms: Vec<String>,
    /// Indices into the left side's sentences that carry the pair.
    pub left_sentences: Vec<usize>,
    /// Indices into the right side's sentences that carry the pair.
    pub right_sentences: Vec<usize>,
}

pub use crate::side::Side;

/// Aligns two documents.
pub fn align(left: &Document, right: &Document, aliases: &AliasTable) -> Alignment {
    align_with_progress(left, right, aliases, &mut |_| {})
}

/// Aligns two documents, reporting progress in [0, 1] now and then (for the
/// reader's worker thread).
pub fn align_with_progress(
    left: &Document,
    right: &Document,
    aliases: &AliasTable,
    progress: &mut dyn FnMut(f32),
) -> Alignment {
    align_with(left, right, aliases, AlignOptions::default(), progress)
}

/// Aligns two documents with options, reporting progress.
pub fn align_with(
    left: &Document,
    right: &Document,
    aliases: &AliasTable,
    options: AlignOptions,
    progress: &mut dyn FnMut(f32),
) -> Alignment {
    progress(0.0);
    let table = with_definitions(left, right, aliases);
    let mut an = Analyzer::new(&table);
    let ls = sentence::sentences(&left.text, &left.passages);
    let rs = sentence::sentences(&right.text, &right.passages);
    let (lu, lt) = analyse(&mut an, left, &ls);
    progress(0.15);
    let (ru, rt) = analyse(&mut an, right, &rs);
    an.finish();
    progress(0.3);
    let lex = claims::Lexicon::with_user(&mut tokens::StemCache::new(), aliases.user_aspects());
    let term_aspects: Vec<Vec<u16>> = an
        .stem_keys()
        .iter()
        .map(|k| {
            if k.is_empty() {
                Vec::new()
            } else {
                lex.aspects_of_stem(k).to_vec()
            }
        })
        .collect();
    let (topics, covers) = topics::build(
        &an,
        topics::SideTerms {
            passages: &lt,
            text: &left.text,
            doc_passages: &left.passages,
        },
        topics::SideTerms {
            passages: &rt,
            text: &right.text,
            doc_passages: &right.passages,
        },
        topics::AspectTopics {
            labels: &lex.labels,
            of_term: &term_aspects,
        },
    );
    drop((lt, rt));
    an.forget_words();
    progress(0.35);
    let found = pairs::build(
        &mut an,
        &lex,
        &term_aspects,
        pairs::Sides {
            docs: (left, right),
            sentences: (&ls, &rs),
            units: (lu, ru),
        },
        &topics,
        &covers,
        options.candidates,
        &mut |f| progress(0.35 + 0.65 * f),
    );
    progress(1.0);
    Alignment {
        topics,
        pairs: found.pairs,
        sentences: Sides {
            left: ls,
            right: rs,
        },
        candidates: found.candidates,
        reasons: found.reasons,
    }
}

/// Which sentences of a passage kind may pair, and with what.
fn pool(kind: PassageKind) -> Option<candidates::Pool> {
    match kind {
        PassageKind::Body | PassageKind::ListItem | PassageKind::Table => {
            Some(candidates::Pool::Content)
        }
        PassageKind::Title => Some(candidates::Pool::Title),
        PassageKind::Heading => Some(candidates::Pool::Heading),
        PassageKind::Footnote | PassageKind::Boilerplate | PassageKind::Code => None,
    }
}

/// Analyses every sentence that can pair; returns the sentence units and,
/// for topics, each content passage's terms (its sentences' terms summed).
fn analyse(
    an: &mut Analyzer<'_>,
    doc: &Document,
    sentences: &[Sentence],
) -> (Vec<pairs::RawUnit>, Vec<PassageTerms>) {
    let mut units = Vec::new();
    let mut passages: Vec<PassageTerms> = Vec::new();
    let summary = summary_passages(doc);
    for (si, s) in sentences.iter().enumerate() {
        let Some(kind) = doc.passages.get(s.passage).map(|p| p.kind) else {
            continue;
        };
        let Some(pool) = pool(kind) else { continue };
        let mut text = s.raw(&doc.text);
        let mut start = s.byte_start;
        // "WASHINGTON — The senator said…": a dateline says where the
        // story was filed, not what it is about.
        let first_of_passage = doc
            .passages
            .get(s.passage)
            .is_some_and(|p| p.byte_start == s.byte_start);
        // Titles and headings have none: "IS-K – An Overlooked Threat?"
        // is a name and a dash, not a dateline.
        if first_of_passage
            && pool == candidates::Pool::Content
            && let Some(skip) = dateline_len(text)
        {
            text = &text[skip..];
            start += skip;
        }
        let in_summary = summary.get(s.passage).copied().unwrap_or(false);
        let opens = sums_up(text);
        let thesis = pool == candidates::Pool::Content && (in_summary || opens);
        // A summary paragraph's opening sentence, or one that says it sums
        // up, states the case itself; the sentences after it support it.
        let lead = thesis && (opens || first_of_passage);
        let terms = an.passage(s.passage, start, text);
        if pool == candidates::Pool::Content {
            match passages.last_mut() {
                Some(last) if last.passage == s.passage => merge(last, &terms),
                _ => passages.push(terms.clone()),
            }
        }
        units.push(pairs::RawUnit {
            sentence: si,
            range: (s.byte_start, s.byte_end),
            thesis,
            lead,
            passage: s.passage,
            pool,
            terms,
        });
    }
    (units, passages)
}

/// Byte length of a dateline opening a text ("WASHINGTON — ",
/// "KABUL, Afghanistan (Reuters) - "): words in capitals, then anything
/// short, then a dash.
fn dateline_len(text: &str) -> Option<usize> {
    let head: String = text.chars().take(60).collect();
    let dash = head.find([' ', '\u{a0}']).and_then(|_| {
        ["— ", "– ", "- ", "-- "]
            .iter()
            .filter_map(|d| head.find(d).map(|i| (i, d.len())))
            .min()
    })?;
    let before = &head[..dash.0];
    let first_word = before.split([' ', ',']).next().unwrap_or("");
    let letters = first_word.chars().filter(|c| c.is_alphabetic()).count();
    let caps = letters >= 3 && first_word.chars().all(|c| !c.is_lowercase());
    // Place and outlet names only: no word in lower case.
    let names = before.split_whitespace().all(|w| {
        !w.trim_start_matches(['(', '"'])
            .starts_with(char::is_lowercase)
    });
    (caps && names && before.split_whitespace().count() <= 6).then_some(dash.0 + dash.1)
}

/// Headings of the sections where a report states its case.
const SUMMARY_HEADINGS: &[&str] = &[
    "abstract",
    "summary",
    "executive summary",
    "conclusion",
    "conclusions",
    "concluding remarks",
    "key findings",
    "findings",
    "overview",
    "in brief",
    "key judgments",
    "key judgements",
    "bottom line",
    "outlook",
];

/// Openings of a sentence that sums up.
const SUMS_UP: &[&str] = &[
    "in conclusion",
    "in sum",
    "in short",
    "in summary",
    "to conclude",
    "to sum up",
    "overall,",
    "in brief",
];

/// For each passage, whether it lies in an abstract, summary or
/// conclusion section (up to the next heading).
fn summary_passages(doc: &Document) -> Vec<bool> {
    let mut inside = false;
    doc.passages
        .iter()
        .map(|p| {
            if p.kind == PassageKind::Heading {
                let h: String = p
                    .joined(&doc.text)
                    .trim()
                    .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == '#')
                    .trim()
                    .trim_end_matches(['.', ':'])
                    .to_lowercase();
                inside = SUMMARY_HEADINGS.contains(&h.as_str());
            }
            inside
        })
        .collect()
}

fn sums_up(text: &str) -> bool {
    let start: String = text
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    SUMS_UP.iter().any(|s| start.starts_with(s))
}

/// Adds a sentence's terms to its passage's.
fn merge(into: &mut PassageTerms, add: &PassageTerms) {
    let mut terms = Vec::with_capacity(into.terms.len() + add.terms.len());
    let (a, b) = (&into.terms, &add.terms);
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x.0 == y.0 => {
                terms.push((x.0, x.1 + y.1));
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x.0 < y.0 => {
                terms.push(*x);
                i += 1;
            }
            (Some(x), None) => {
                terms.push(*x);
                i += 1;
            }
            (_, Some(y)) => {
                terms.push(*y);
                j += 1;
            }
            (None, None) => break,
        }
    }
    into.terms = terms;
    into.groups.extend_from_slice(&add.groups);
    into.groups.sort_unstable();
    into.groups.dedup();
    into.bigrams.extend_from_slice(&add.bigrams);
    into.bigrams.sort_unstable();
    into.bigrams.dedup();
    into.names.extend_from_slice(&add.names);
    into.actors.extend_from_slice(&add.actors);
}

/// Content passages (index, byte offset, text), in document order.
fn content(doc: &Document) -> impl Iterator<Item = (usize, usize, &str)> {
    doc.passages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind.is_content())
        .filter_map(|(i, p)| {
            doc.text
                .get(p.byte_start..p.byte_end)
                .map(|t| (i, p.byte_start, t))
        })
}

/// The alias table extended with the acronyms both documents define.
fn with_definitions<'t>(
    left: &Document,
    right: &Document,
    aliases: &'t AliasTable,
) -> Cow<'t, AliasTable> {
    let known = |a: &str| aliases.group_of(a).is_some();
    let defs: Vec<acronyms::Definition> = content(left)
        .chain(content(right))
        .flat_map(|(_, _, text)| acronyms::find_definitions(text, &known))
        .collect();
    if defs.is_empty() {
        return Cow::Borrowed(aliases);
    }
    let mut table = aliases.clone();
    for d in defs {
        table.add_definition(&d.short, &d.long);
    }
    Cow::Owned(table)
}

#[cfg(test)]
mod dateline_tests {
    use super::dateline_len;

    #[test]
    fn datelines_are_found_and_prose_is_not() {
        let t = "WASHINGTON — The senator said so.";
        assert_eq!(
            dateline_len(t).map(|n| &t[n..]),
            Some("The senator said so.")
        );
        let t = "KABUL, Afghanistan (Reuters) - Fighters left.";
        assert_eq!(dateline_len(t).map(|n| &t[n..]), Some("Fighters left."));
        assert_eq!(dateline_len("IS-K is not expanding - in short."), None);
        assert_eq!(dateline_len("The group – as noted – grew."), None);
    }
}
