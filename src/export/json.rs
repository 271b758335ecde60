//! The JSON export: the whole comparison for other programs, under the
//! versioned schema `"format": "diptych-export", "version": 1` that
//! `docs/EXPORT_FORMATS.md` documents. Fields are structs, not maps, so
//! their order is fixed; pairs come in the same order as in every other
//! format.

use serde::Serialize;

use super::prepared::Prepared;
use super::{
    AnchorKind, Comparison, DocumentInfo, LabelInfo, Options, Origin, Quote, Silence, Suggestion,
};

/// The `format` value of every JSON export.
pub const FORMAT_NAME: &str = "diptych-export";
/// The schema version this build writes.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Export<'a> {
    format: &'static str,
    version: u32,
    generated_by: &'a str,
    tagset: &'a str,
    include_untagged: bool,
    description: String,
    /// The day the brief is dated, `YYYY-MM-DD`, or empty.
    date: &'a str,
    documents: [Document<'a>; 2],
    topics: &'a [String],
    /// The topic the analyst filtered on (index into `topics`).
    focus_topic: Option<usize>,
    labels: &'a [LabelInfo],
    summary: Summary<'a>,
    pairs: Vec<Pair<'a>>,
    silences: &'a [Silence],
}

#[derive(Serialize)]
struct Document<'a> {
    side: &'static str,
    #[serde(flatten)]
    info: &'a DocumentInfo,
}

#[derive(Serialize)]
struct Summary<'a> {
    pairs: usize,
    by_label: Vec<LabelCount<'a>>,
}

#[derive(Serialize)]
struct LabelCount<'a> {
    label: Option<&'a str>,
    name: &'a str,
    count: usize,
}

#[derive(Serialize)]
struct Pair<'a> {
    number: usize,
    id: Option<&'a str>,
    tagged: bool,
    label: Option<&'a str>,
    note: &'a str,
    origin: Origin,
    topics: &'a [usize],
    /// The topic the pair is filed under (index into `topics`).
    filed_under: Option<usize>,
    /// The engine's suggestion, only on a pair not judged.
    hint: Option<&'a Suggestion>,
    /// serde_json writes a non-finite score as `null`.
    score: Option<f64>,
    created: Option<&'a str>,
    modified: Option<&'a str>,
    /// Who last set the label or note; absent when the tag names nobody.
    #[serde(skip_serializing_if = "Option::is_none")]
    analyst: Option<&'a str>,
    /// Both judgements of a tag in conflict; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    conflict: Option<&'a super::Conflict>,
    left: Anchor<'a>,
    right: Anchor<'a>,
}

#[derive(Serialize)]
struct Anchor<'a> {
    exact: &'a str,
    /// The whole passage around the quote (empty when orphaned).
    context: &'a str,
    prefix: &'a str,
    suffix: &'a str,
    start: usize,
    end: usize,
    line: usize,
    state: AnchorKind,
}

impl<'a> From<&'a Quote> for Anchor<'a> {
    fn from(q: &'a Quote) -> Anchor<'a> {
        Anchor {
            exact: &q.exact,
            context: &q.context,
            prefix: &q.prefix,
            suffix: &q.suffix,
            start: q.start,
            end: q.end,
            line: q.line,
            state: q.state,
        }
    }
}

/// Renders the JSON export: pretty-printed, two-space indent, final newline.
pub fn render(c: &Comparison, opts: &Options) -> String {
    let p = Prepared::new(c, opts);
    let description = if p.entries.is_empty() {
        p.empty_message(opts).to_string()
    } else {
        let n = p.entries.len();
        format!("{n} pair{}", if n == 1 { "" } else { "s" })
    };
    let [left, right] = &c.documents;
    let export = Export {
        format: FORMAT_NAME,
        version: FORMAT_VERSION,
        generated_by: &c.generated_by,
        tagset: &c.tagset_name,
        include_untagged: opts.include_untagged,
        description,
        date: &c.date,
        documents: [
            Document {
                side: "left",
                info: left,
            },
            Document {
                side: "right",
                info: right,
            },
        ],
        topics: &c.topics,
        focus_topic: c.focus_topic,
        labels: &c.labels,
        summary: Summary {
            pairs: p.entries.len(),
            by_label: p
                .columns
                .iter()
                .zip(p.totals())
                .map(|(col, count)| LabelCount {
                    label: col.id,
                    name: col.name,
                    count,
                })
                .collect(),
        },
        pairs: p
            .entries
            .iter()
            .map(|pe| {
                let e = pe.entry;
                Pair {
                    number: pe.number,
                    id: e.id.as_deref(),
                    tagged: e.is_tag(),
                    label: e.label.as_deref(),
                    note: &e.note,
                    origin: e.origin,
                    topics: &pe.topics,
                    filed_under: pe.group,
                    hint: e.hint.as_ref().filter(|_| !pe.is_judged()),
                    score: e.score,
                    created: e.created.as_deref(),
                    modified: e.modified.as_deref(),
                    analyst: e.analyst.as_deref(),
                    conflict: e.conflict.as_ref(),
                    left: (&e.left).into(),
                    right: (&e.right).into(),
                }
            })
            .collect(),
        silences: &c.silences,
    };
    // Plain structs with string keys always serialize; non-finite floats
    // become null rather than an error.
    let mut out = serde_json::to_string_pretty(&export).expect("plain structs serialize");
    out.push('\n');
    out
}
