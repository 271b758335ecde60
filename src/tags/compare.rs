//! Two analysts' tag sets on the same two reports, side by side: which
//! pairs both judged, which only one, how far their stances agree (percent
//! agreement, Cohen's kappa, Krippendorff's alpha, the confusion matrix),
//! per topic, and where they differ. Pure: the caller loads and re-anchors
//! the sets and says which topic each tag is filed under.
//!
//! A unit is a judged pair: the two anchors (left and right ranges in the
//! current reports) a tag points at once both sets are re-anchored. A tag
//! without a label (a manual link not judged yet) or whose quote is
//! orphaned is no judgement of a unit. The figures are computed over the
//! units judged in both sets; those judged in one only are counted apart.
//!
//! Over 700 lines: the matching is about 250, the text report 200, and
//! its unit tests the rest.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::agreement::{self, Undefined};
use super::anchor::Anchor;
use super::model::{DocumentRef, Stance, Tag, TagSet};
use crate::document::Document;
use crate::sanitize::one_line;

/// `format` of the JSON report.
pub const FORMAT: &str = "diptych-agreement";
/// `version` of the JSON report.
pub const VERSION: u32 = 1;

/// Longest quote in the text report, in code points.
const QUOTE_CHARS: usize = 300;

/// One of the two tag sets, prepared by the caller.
#[derive(Debug, Clone)]
pub struct Input<'a> {
    /// How the set is named to the user: its path as given.
    pub path: String,
    /// Re-anchored against the current reports, moved anchors updated.
    pub set: &'a TagSet,
    /// Per tag: whether a quote of it is orphaned.
    pub orphaned: Vec<bool>,
    /// Per tag: the topic (index into the topics) it is filed under.
    pub topics: Vec<Option<usize>>,
}

/// The whole comparison; serialised as the `--json` report
/// (docs/AGREEMENT.md).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agreement {
    pub format: &'static str,
    pub version: u32,
    /// The tag sets, A then B.
    pub sets: [SetSummary; 2],
    /// The reports, as open (left, right).
    pub documents: [DocumentRef; 2],
    /// The values judgements take, in the confusion matrix's order.
    pub categories: Vec<Category>,
    pub judged_by_both: usize,
    pub judged_by_a_only: usize,
    pub judged_by_b_only: usize,
    #[serde(flatten)]
    pub figures: Figures,
    /// Rows: A's category, columns: B's, over the pairs judged by both.
    pub confusion: Vec<Vec<usize>>,
    /// Per topic the pairs are filed under, in the alignment's order,
    /// pairs without a topic last.
    pub topics: Vec<TopicAgreement>,
    /// The pairs judged by both with different labels, in report order.
    pub disagreements: Vec<Disagreement>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SetSummary {
    pub path: String,
    pub name: String,
    /// Every analyst named in the set's tags, sorted.
    pub analysts: Vec<String>,
    pub tags: usize,
    /// Tags with a label whose quotes are found in the current reports.
    pub judgements: usize,
    /// Manual links with no label yet.
    pub not_judged: usize,
    /// Judged tags whose quote is orphaned: left out.
    pub orphaned: usize,
    /// Judged tags on a pair another tag of the same set judges first:
    /// left out.
    pub duplicates: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Category {
    pub id: String,
    pub name: String,
    pub glyph: String,
}

/// The figures over some units judged by both.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    /// Units on which both gave the same label.
    pub agreed: usize,
    /// `agreed` as a percentage (0 to 100) of the units judged by both;
    /// `null` when there are none.
    pub percent_agreement: Option<f64>,
    pub cohen_kappa: Option<f64>,
    /// Why `cohen_kappa` is `null`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cohen_kappa_undefined: Option<Undefined>,
    pub krippendorff_alpha: Option<f64>,
    /// Why `krippendorff_alpha` is `null`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub krippendorff_alpha_undefined: Option<Undefined>,
}

impl Figures {
    /// The figures over `pairs` of (A's label, B's label).
    pub fn of(pairs: &[(&str, &str)]) -> Figures {
        let split = |r: Result<f64, Undefined>| match r {
            Ok(v) => (Some(v), None),
            Err(why) => (None, Some(why)),
        };
        let (cohen_kappa, cohen_kappa_undefined) = split(agreement::cohen_kappa(pairs));
        let rows = vec![
            pairs.iter().map(|(a, _)| Some(*a)).collect(),
            pairs.iter().map(|(_, b)| Some(*b)).collect(),
        ];
        let (krippendorff_alpha, krippendorff_alpha_undefined) =
            split(agreement::krippendorff_alpha_nominal(&rows));
        Figures {
            agreed: pairs.iter().filter(|(a, b)| a == b).count(),
            percent_agreement: agreement::percent_agreement(pairs).ok().map(|p| p * 100.0),
            cohen_kappa,
            cohen_kappa_undefined,
            krippendorff_alpha,
            krippendorff_alpha_undefined,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicAgreement {
    /// The topic's label; `null` for pairs filed under no topic.
    pub topic: Option<String>,
    pub judged_by_both: usize,
    pub judged_by_a_only: usize,
    pub judged_by_b_only: usize,
    #[serde(flatten)]
    pub figures: Figures,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Disagreement {
    pub topic: Option<String>,
    pub left: Place,
    pub right: Place,
    pub a: JudgementView,
    pub b: JudgementView,
}

/// Where a judged pair's quote is in one report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    /// The passage's id (`p5`).
    pub passage: Option<String>,
    pub start: usize,
    pub end: usize,
    pub quote: String,
}

/// One set's judgement of a pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JudgementView {
    /// The tag's id in its set.
    pub tag: String,
    pub label: String,
    pub label_name: String,
    pub glyph: String,
    pub note: String,
    pub analyst: Option<String>,
}

/// A unit: left start, end, right start, end.
type Unit = (usize, usize, usize, usize);

fn unit(tag: &Tag) -> Unit {
    (tag.left.start, tag.left.end, tag.right.start, tag.right.end)
}

/// One set's judgements by unit, and its summary.
fn judgements(input: &Input<'_>) -> (BTreeMap<Unit, usize>, SetSummary) {
    let set = input.set;
    let mut by_unit = BTreeMap::new();
    let (mut orphaned, mut duplicates, mut not_judged) = (0, 0, 0);
    for (i, tag) in set.tags.iter().enumerate() {
        if tag.label.is_none() {
            not_judged += 1;
        } else if input.orphaned.get(i).copied().unwrap_or(false) {
            orphaned += 1;
        } else if let std::collections::btree_map::Entry::Vacant(slot) = by_unit.entry(unit(tag)) {
            slot.insert(i);
        } else {
            duplicates += 1;
        }
    }
    let analysts: BTreeSet<String> = set.tags.iter().filter_map(|t| t.analyst.clone()).collect();
    let summary = SetSummary {
        path: input.path.clone(),
        name: set.name.clone(),
        analysts: analysts.into_iter().collect(),
        tags: set.tags.len(),
        judgements: by_unit.len(),
        not_judged,
        orphaned,
        duplicates,
    };
    (by_unit, summary)
}

/// The judged pairs of two sets matched as [`compare`] matches them (by
/// the anchors of their tags), for callers that need the matching without
/// the report: the reader's overlay of another analyst's set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matching {
    /// Units judged by both: (A's tag, B's tag), in report order.
    pub both: Vec<(usize, usize)>,
    /// A's tags on units B does not judge.
    pub a_only: Vec<usize>,
    /// B's tags on units A does not judge.
    pub b_only: Vec<usize>,
}

impl Matching {
    /// The figures over the units judged by both.
    pub fn figures(&self, a: &TagSet, b: &TagSet) -> Figures {
        let label =
            |set: &TagSet, i: usize| -> String { set.tags[i].label.clone().unwrap_or_default() };
        let labels: Vec<(String, String)> = self
            .both
            .iter()
            .map(|&(ia, ib)| (label(a, ia), label(b, ib)))
            .collect();
        let pairs: Vec<(&str, &str)> = labels
            .iter()
            .map(|(x, y)| (x.as_str(), y.as_str()))
            .collect();
        Figures::of(&pairs)
    }
}

/// Matches the judgements of two sets by unit (see [`compare`]): which
/// units both judge, which one only. Unlabelled, orphaned and duplicate
/// tags take no part, as in the report.
pub fn matching(a: &Input<'_>, b: &Input<'_>) -> Matching {
    let (units_a, _) = judgements(a);
    let (units_b, _) = judgements(b);
    let mut out = Matching::default();
    for (u, &ia) in &units_a {
        match units_b.get(u) {
            Some(&ib) => out.both.push((ia, ib)),
            None => out.a_only.push(ia),
        }
    }
    out.b_only = units_b
        .iter()
        .filter(|(u, _)| !units_a.contains_key(u))
        .map(|(_, &ib)| ib)
        .collect();
    out
}

/// Compares two tag sets on the reports `left` and `right`. `topics` are
/// the topic labels the inputs' topic indexes refer to.
pub fn compare(
    a: &Input<'_>,
    b: &Input<'_>,
    left: &Document,
    right: &Document,
    topics: &[String],
) -> Agreement {
    let (units_a, summary_a) = judgements(a);
    let (units_b, summary_b) = judgements(b);
    fn label_of<'s>(input: &Input<'s>, i: usize) -> &'s str {
        input.set.tags[i].label.as_deref().unwrap_or("")
    }
    let all: BTreeSet<Unit> = units_a.keys().chain(units_b.keys()).copied().collect();

    // Per topic index (None last), the units filed under it.
    let mut per_topic: BTreeMap<(bool, usize), Vec<Unit>> = BTreeMap::new();
    let mut both: Vec<(&str, &str)> = Vec::new();
    let mut disagreements = Vec::new();
    for u in &all {
        let (ia, ib) = (units_a.get(u).copied(), units_b.get(u).copied());
        let topic = ia
            .and_then(|i| a.topics.get(i).copied().flatten())
            .or_else(|| ib.and_then(|i| b.topics.get(i).copied().flatten()))
            .filter(|&t| t < topics.len());
        per_topic
            .entry((topic.is_none(), topic.unwrap_or(0)))
            .or_default()
            .push(*u);
        if let (Some(ia), Some(ib)) = (ia, ib) {
            let pair = (label_of(a, ia), label_of(b, ib));
            both.push(pair);
            if pair.0 != pair.1 {
                let tag = &a.set.tags[ia];
                disagreements.push(Disagreement {
                    topic: topic.map(|t| topics[t].clone()),
                    left: place(left, &tag.left),
                    right: place(right, &tag.right),
                    a: judgement(a.set, tag),
                    b: judgement(b.set, &b.set.tags[ib]),
                });
            }
        }
    }

    let count = |units: &[Unit]| {
        let mut pairs = Vec::new();
        let (mut only_a, mut only_b) = (0, 0);
        for u in units {
            match (units_a.get(u), units_b.get(u)) {
                (Some(&ia), Some(&ib)) => pairs.push((label_of(a, ia), label_of(b, ib))),
                (Some(_), None) => only_a += 1,
                _ => only_b += 1,
            }
        }
        (pairs, only_a, only_b)
    };
    let topic_rows = per_topic
        .iter()
        .map(|(&(none, t), units)| {
            let (pairs, only_a, only_b) = count(units);
            TopicAgreement {
                topic: (!none).then(|| topics[t].clone()),
                judged_by_both: pairs.len(),
                judged_by_a_only: only_a,
                judged_by_b_only: only_b,
                figures: Figures::of(&pairs),
            }
        })
        .collect();

    let categories = categories(a.set, b.set, &both);
    let ids: Vec<&str> = categories.iter().map(|c| c.id.as_str()).collect();
    Agreement {
        format: FORMAT,
        version: VERSION,
        documents: [DocumentRef::of(left), DocumentRef::of(right)],
        judged_by_both: both.len(),
        judged_by_a_only: units_a.len() - both.len(),
        judged_by_b_only: units_b.len() - both.len(),
        figures: Figures::of(&both),
        confusion: agreement::confusion(&ids, &both),
        topics: topic_rows,
        disagreements,
        sets: [summary_a, summary_b],
        categories,
    }
}

/// The four stances, then every other label either set used on a pair
/// both judged, in the order the sets list their labels.
fn categories(a: &TagSet, b: &TagSet, both: &[(&str, &str)]) -> Vec<Category> {
    let used: BTreeSet<&str> = both.iter().flat_map(|(x, y)| [*x, *y]).collect();
    let mut ids: Vec<String> = Stance::ALL.iter().map(|s| s.id().to_string()).collect();
    let listed = a.labels.iter().chain(&b.labels).map(|l| l.id.as_str());
    // A label used but listed nowhere cannot pass validation; kept anyway
    // so no judgement drops out of the matrix.
    for id in listed.chain(used.iter().copied()) {
        if used.contains(id) && !ids.iter().any(|known| known == id) {
            ids.push(id.to_string());
        }
    }
    ids.into_iter()
        .map(|id| {
            let label = a.label(&id).or_else(|| b.label(&id));
            Category {
                name: label
                    .as_ref()
                    .map_or_else(|| id.clone(), |l| l.name.clone()),
                glyph: label.map_or_else(|| "?".to_string(), |l| l.glyph),
                id,
            }
        })
        .collect()
}

fn place(doc: &Document, anchor: &Anchor) -> Place {
    Place {
        passage: doc
            .passage_at_char(anchor.start)
            .and_then(|p| doc.passages.get(p))
            .map(|p| p.id.clone()),
        start: anchor.start,
        end: anchor.end,
        quote: anchor.exact.clone(),
    }
}

fn judgement(set: &TagSet, tag: &Tag) -> JudgementView {
    let id = tag.label.clone().unwrap_or_default();
    let label = set.label(&id);
    JudgementView {
        tag: tag.id.0.clone(),
        label_name: label
            .as_ref()
            .map_or_else(|| id.clone(), |l| l.name.clone()),
        glyph: label.map_or_else(|| "?".to_string(), |l| l.glyph),
        label: id,
        note: tag.note.clone(),
        analyst: tag.analyst.clone(),
    }
}

impl Agreement {
    /// The report as JSON: pretty-printed, stable order, ending with a
    /// newline.
    pub fn to_json(&self) -> String {
        // Plain structs with string keys and finite numbers: cannot fail.
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// The report for a reader at a terminal. Text from the tag sets is
    /// put on one line with controls shown as stand-ins.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let mut line = |s: String| {
            out.push_str(&s);
            out.push('\n');
        };
        line("Agreement between two tag sets on the same reports".into());
        for (tag, s) in ["A", "B"].iter().zip(&self.sets) {
            let analysts = match s.analysts.as_slice() {
                [] => String::new(),
                [one] => format!(", analyst {}", clean(one)),
                many => format!(
                    ", analysts {}",
                    many.iter().map(|a| clean(a)).collect::<Vec<_>>().join(", ")
                ),
            };
            let mut left_out = Vec::new();
            if s.orphaned > 0 {
                left_out.push(format!("{} orphaned", s.orphaned));
            }
            if s.duplicates > 0 {
                left_out.push(format!("{} on a pair judged twice", s.duplicates));
            }
            let left_out = if left_out.is_empty() {
                String::new()
            } else {
                format!(" ({} left out)", left_out.join(", "))
            };
            line(format!(
                "  {tag}: {} (tag set \"{}\"{analysts}): {} {}{left_out}",
                clean(&s.path),
                clean(&s.name),
                s.judgements,
                plural(s.judgements, "judgement", "judgements"),
            ));
        }
        line(format!(
            "  reports: {} | {}",
            clean(&self.documents[0].title),
            clean(&self.documents[1].title)
        ));
        line(String::new());
        line(format!("Pairs judged by both: {}", self.judged_by_both));
        line(format!(
            "Judged by one only: {} (A only {}, B only {}); left out of the figures",
            self.judged_by_a_only + self.judged_by_b_only,
            self.judged_by_a_only,
            self.judged_by_b_only
        ));
        let f = &self.figures;
        line(format!(
            "Percent agreement: {}",
            match f.percent_agreement {
                Some(p) => format!("{p:.1} % ({} of {})", f.agreed, self.judged_by_both),
                None => Undefined::NoUnits.to_string(),
            }
        ));
        line(format!(
            "Cohen's kappa: {}",
            figure(f.cohen_kappa, f.cohen_kappa_undefined)
        ));
        line(format!(
            "Krippendorff's alpha (nominal): {}",
            figure(f.krippendorff_alpha, f.krippendorff_alpha_undefined)
        ));
        line(String::new());
        out.push_str(&self.matrix_text());
        out.push('\n');
        out.push_str(&self.topics_text());
        out.push('\n');
        out.push_str(&self.disagreements_text());
        out
    }

    fn matrix_text(&self) -> String {
        let names: Vec<String> = self
            .categories
            .iter()
            .map(|c| format!("{} {}", clean(&c.glyph), clean(&c.name)))
            .collect();
        let mut rows = vec![
            std::iter::once("A \\ B".to_string())
                .chain(names.iter().cloned())
                .collect::<Vec<_>>(),
        ];
        for (name, counts) in names.iter().zip(&self.confusion) {
            rows.push(
                std::iter::once(name.clone())
                    .chain(counts.iter().map(usize::to_string))
                    .collect(),
            );
        }
        format!(
            "Confusion matrix (rows: A's judgement, columns: B's)\n{}",
            table(&rows)
        )
    }

    fn topics_text(&self) -> String {
        let mut rows = vec![
            ["TOPIC", "BOTH", "ONE ONLY", "AGREEMENT", "KAPPA", "ALPHA"]
                .map(String::from)
                .to_vec(),
        ];
        for t in &self.topics {
            let f = &t.figures;
            rows.push(vec![
                t.topic.as_deref().map_or("No topic".into(), clean),
                t.judged_by_both.to_string(),
                (t.judged_by_a_only + t.judged_by_b_only).to_string(),
                f.percent_agreement
                    .map_or("-".into(), |p| format!("{p:.1} %")),
                f.cohen_kappa
                    .map_or("undefined".into(), |k| format!("{k:.3}")),
                f.krippendorff_alpha
                    .map_or("undefined".into(), |a| format!("{a:.3}")),
            ]);
        }
        format!(
            "Per topic (each pair under the topic exports file it under)\n{}",
            table(&rows)
        )
    }

    fn disagreements_text(&self) -> String {
        let mut out = format!("Disagreements ({})\n", self.disagreements.len());
        if self.disagreements.is_empty() {
            out.push_str("  none: both sets give every pair they both judged the same label\n");
        }
        for (n, d) in self.disagreements.iter().enumerate() {
            let passage = |p: &Place| p.passage.clone().unwrap_or_else(|| "?".into());
            let topic = d
                .topic
                .as_deref()
                .map_or(String::new(), |t| format!(" · {}", clean(t)));
            out.push_str(&format!(
                "  {}. {} ↔ {}{topic}\n",
                n + 1,
                passage(&d.left),
                passage(&d.right)
            ));
            for (who, j) in [("A", &d.a), ("B", &d.b)] {
                let analyst = j
                    .analyst
                    .as_deref()
                    .map_or(String::new(), |a| format!(" ({})", clean(a)));
                let note = if j.note.trim().is_empty() {
                    "no note".to_string()
                } else {
                    clean(&j.note)
                };
                out.push_str(&format!(
                    "     {who}: {} {}{analyst} — {note}\n",
                    clean(&j.glyph),
                    clean(&j.label_name)
                ));
            }
            out.push_str(&format!("     left:  “{}”\n", quote(&d.left.quote)));
            out.push_str(&format!("     right: “{}”\n", quote(&d.right.quote)));
        }
        out
    }
}

fn figure(value: Option<f64>, why: Option<Undefined>) -> String {
    match (value, why) {
        (Some(v), _) => format!("{v:.3}"),
        (None, Some(why)) => why.to_string(),
        (None, None) => "undefined".into(),
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// File text on one line, white space runs as one space, controls shown.
fn clean(s: &str) -> String {
    one_line(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn quote(s: &str) -> String {
    crate::export::shorten(&clean(s), QUOTE_CHARS)
}

/// Rows as columns: the first left-aligned, the others right-aligned,
/// indented by two spaces.
fn table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| c.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::from(" ");
        for (i, cell) in row.iter().enumerate() {
            let pad = " ".repeat(widths[i].saturating_sub(cell.width()));
            if i == 0 {
                line.push_str(&format!(" {cell}{pad}"));
            } else {
                line.push_str(&format!("  {pad}{cell}"));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tags::model::{Origin, TagId};

    fn docs() -> (Document, Document) {
        (Document::seed_left(), Document::seed_right())
    }

    /// A set judging passage pairs (left, right, label).
    fn set(name: &str, judged: &[(usize, usize, Option<&str>)]) -> TagSet {
        let (l, r) = docs();
        let mut s = TagSet::new(name, DocumentRef::of(&l), DocumentRef::of(&r));
        for (i, &(pl, pr, label)) in judged.iter().enumerate() {
            let mut t = Tag::new(
                TagId(format!("{name}-{i}")),
                Origin::Aligned,
                Anchor::for_passage(&l, pl).unwrap(),
                Anchor::for_passage(&r, pr).unwrap(),
                "2024-05-01T09:30:00Z",
            );
            t.label = label.map(String::from);
            t.note = format!("{name} note {i}");
            s.tags.push(t);
        }
        s
    }

    fn input<'a>(path: &str, set: &'a TagSet, topic: Option<usize>) -> Input<'a> {
        Input {
            path: path.into(),
            set,
            orphaned: vec![false; set.tags.len()],
            topics: vec![topic; set.tags.len()],
        }
    }

    #[test]
    fn units_are_matched_by_anchors_and_counted() {
        let a = set(
            "a",
            &[
                (4, 1, Some("agree")),
                (5, 2, Some("contradict")),
                (6, 3, Some("agree")),
                (7, 4, None),
                (4, 1, Some("partial")),
            ],
        );
        let b = set(
            "b",
            &[
                (5, 2, Some("agree")),
                (4, 1, Some("agree")),
                (8, 5, Some("unclear")),
            ],
        );
        let (l, r) = docs();
        let topics = vec!["Turkey".to_string()];
        let report = compare(
            &input("a.json", &a, Some(0)),
            &input("b.json", &b, None),
            &l,
            &r,
            &topics,
        );
        assert_eq!(
            (
                report.judged_by_both,
                report.judged_by_a_only,
                report.judged_by_b_only
            ),
            (2, 1, 1)
        );
        assert_eq!(report.sets[0].not_judged, 1);
        assert_eq!(report.sets[0].duplicates, 1);
        assert_eq!(report.figures.agreed, 1);
        assert_eq!(report.figures.percent_agreement, Some(50.0));
        // Rows A, columns B: agree/agree and contradict/agree.
        assert_eq!(report.confusion[0][0], 1);
        assert_eq!(report.confusion[1][0], 1);
        assert_eq!(report.disagreements.len(), 1);
        let d = &report.disagreements[0];
        assert_eq!(
            (d.a.label.as_str(), d.b.label.as_str()),
            ("contradict", "agree")
        );
        assert_eq!(d.topic.as_deref(), Some("Turkey"));
        assert_eq!(d.left.passage.as_deref(), Some("p6"));
        // A's topic files the pairs both judged; B's files its own.
        let rows: Vec<_> = report
            .topics
            .iter()
            .map(|t| (t.topic.clone(), t.judged_by_both, t.judged_by_b_only))
            .collect();
        assert_eq!(rows, [(Some("Turkey".to_string()), 2, 0), (None, 0, 1)]);
        let text = report.to_text();
        assert!(text.contains("Pairs judged by both: 2"), "{text}");
        assert!(
            text.contains("Percent agreement: 50.0 % (1 of 2)"),
            "{text}"
        );
        assert!(text.contains("p6 ↔ p3 · Turkey"), "{text}");
        assert!(text.contains("A: ≠ Contradict — a note 1"), "{text}");
        let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
        assert_eq!(json["format"], FORMAT);
        assert_eq!(json["judged_by_both"], 2);
        assert_eq!(json["cohen_kappa"], 0.0);
    }

    #[test]
    fn undefined_figures_are_said_never_nan() {
        let a = set("a", &[(4, 1, Some("agree")), (5, 2, Some("agree"))]);
        let b = a.clone();
        let (l, r) = docs();
        let report = compare(&input("a", &a, None), &input("b", &b, None), &l, &r, &[]);
        assert_eq!(report.figures.percent_agreement, Some(100.0));
        assert_eq!(report.figures.cohen_kappa, None);
        assert_eq!(
            report.figures.krippendorff_alpha_undefined,
            Some(Undefined::OneCategory)
        );
        let text = report.to_text();
        assert!(
            !text.contains("NaN") && text.contains("Cohen's kappa: undefined"),
            "{text}"
        );
        let json = report.to_json();
        assert!(json.contains("\"cohen_kappa\": null"), "{json}");
        assert!(
            json.contains("\"krippendorff_alpha_undefined\": \"one_category\""),
            "{json}"
        );
    }

    #[test]
    fn matching_agrees_with_the_report() {
        let a = set(
            "a",
            &[
                (4, 1, Some("agree")),
                (5, 2, Some("contradict")),
                (6, 3, Some("agree")),
                (7, 4, None),
            ],
        );
        let b = set(
            "b",
            &[
                (5, 2, Some("agree")),
                (4, 1, Some("agree")),
                (8, 5, Some("unclear")),
            ],
        );
        let (l, r) = docs();
        let (ia, ib) = (input("a", &a, None), input("b", &b, None));
        let m = matching(&ia, &ib);
        assert_eq!(m.both, [(0, 1), (1, 0)]);
        assert_eq!(
            (m.a_only.as_slice(), m.b_only.as_slice()),
            (&[2][..], &[2][..])
        );
        let report = compare(&ia, &ib, &l, &r, &[]);
        assert_eq!(m.figures(&a, &b), report.figures);
    }

    #[test]
    fn orphaned_judgements_are_left_out() {
        let a = set("a", &[(4, 1, Some("agree"))]);
        let b = set("b", &[(4, 1, Some("contradict"))]);
        let (l, r) = docs();
        let mut ia = input("a", &a, None);
        ia.orphaned = vec![true];
        let report = compare(&ia, &input("b", &b, None), &l, &r, &[]);
        assert_eq!((report.judged_by_both, report.judged_by_b_only), (0, 1));
        assert_eq!(report.sets[0].orphaned, 1);
        assert!(report.to_text().contains("(1 orphaned left out)"));
    }
}
