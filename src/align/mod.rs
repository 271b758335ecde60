//! Topic alignment of two documents (pure: no I/O except
//! [`AliasTable::with_user_file`]): the topics both reports discuss, the
//! passages under each topic on each side, and pairs of passages that speak
//! to each other with the reasons they were paired.
//!
//! Pipeline: acronym definitions found in the text extend the alias table
//! ([`acronyms`]); each content passage is tokenised and turned into alias
//! concepts, stems, names and word pairs ([`analyze`]); topics are built
//! from those ([`topics`]); pairs come from TF-IDF cosine over an inverted
//! index with mutual-rank hub control ([`pairs`]).

mod acronyms;
mod aliases;
mod analyze;
mod fxhash;
mod pairs;
mod report;
mod spans;
mod tokens;
mod topics;

use std::borrow::Cow;

use serde::Serialize;

use crate::document::Document;
use analyze::{Analyzer, PassageTerms};

pub use aliases::{AliasError, AliasTable};
pub use report::AlignReport;
pub use spans::topic_spans;

/// The result of aligning two documents.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Alignment {
    /// Shared topics first (most discussed by both first), then one-sided.
    pub topics: Vec<Topic>,
    /// Best first; ties broken by left then right position.
    pub pairs: Vec<Pair>,
}

/// Something the reports discuss, with the passages discussing it.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
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
        }
    }
}

/// Two passages, one per side, that speak to each other.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
}

/// One of the two documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
}

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
    progress(0.0);
    let table = with_definitions(left, right, aliases);
    let mut an = Analyzer::new(&table);
    let lt = analyse(&mut an, left);
    progress(0.25);
    let rt = analyse(&mut an, right);
    an.finish();
    progress(0.5);
    let (topics, covers) = topics::build(
        &an,
        topics::SideTerms {
            passages: &lt,
            text: &left.text,
        },
        topics::SideTerms {
            passages: &rt,
            text: &right.text,
        },
    );
    progress(0.6);
    let pairs = pairs::build(&an, &lt, &rt, &topics, &covers, &mut |f| {
        progress(0.6 + 0.4 * f)
    });
    Alignment { topics, pairs }
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

fn analyse(an: &mut Analyzer<'_>, doc: &Document) -> Vec<PassageTerms> {
    let mut out = Vec::with_capacity(content(doc).count());
    out.extend(content(doc).map(|(i, base, text)| an.passage(i, base, text)));
    out
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
