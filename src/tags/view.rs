//! Headless views of tag sets for scripts: the `diptych tags list` table and
//! the JSON listing of every tag with both quotes and anchor states. Pure.

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::anchor::Anchor;
use super::model::{Counts, DocumentRef, DocumentStatus, Origin, TagSet};
use super::reanchor::AnchorState;
use super::store::Summary;

/// The `diptych tags list` table: one row per tag set, sorted as given,
/// with counts per stance and both documents. Ends with a newline.
pub fn list_table(summaries: &[Summary]) -> String {
    let header = [
        "NAME",
        "TAGS",
        "AGREE",
        "CONTRA",
        "PARTIAL",
        "UNCLEAR",
        "OTHER",
        "DOCUMENTS",
    ];
    let mut rows: Vec<[String; 8]> = vec![header.map(String::from)];
    for s in summaries {
        let c = &s.counts;
        let docs = match (&s.documents, &s.problem) {
            (Some([l, r]), _) => format!("{} | {}", display_doc(l), display_doc(r)),
            (None, Some(p)) => format!("unreadable: {}", clean(p)),
            (None, None) => String::new(),
        };
        rows.push([
            clean(&s.name),
            c.total().to_string(),
            c.agree.to_string(),
            c.contradict.to_string(),
            c.partial.to_string(),
            c.unclear.to_string(),
            (c.custom + c.unlabelled).to_string(),
            docs,
        ]);
    }
    let widths: Vec<usize> = (0..8)
        .map(|i| rows.iter().map(|r| r[i].width()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in &rows {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            let pad = widths[i].saturating_sub(cell.width());
            match i {
                0 => line.push_str(&format!("{cell}{}  ", " ".repeat(pad))),
                7 => line.push_str(cell),
                _ => line.push_str(&format!("{}{cell}  ", " ".repeat(pad))),
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    if summaries.is_empty() {
        out.push_str("(no tag sets yet)\n");
    }
    out
}

fn display_doc(d: &DocumentRef) -> String {
    let file = d.path.rsplit(['/', '\\']).next().unwrap_or(&d.path);
    format!("{} ({})", clean(&d.title), clean(file))
}

/// Text from files is data: control characters (ESC above all) are shown
/// as visible stand-ins, never sent to the terminal.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            c if c.is_control() => '\u{FFFD}',
            c => c,
        })
        .collect()
}

#[derive(Serialize)]
struct Report<'a> {
    tag_set: &'a str,
    documents: [DocReport<'a>; 2],
    counts: &'a Counts,
    orphaned: usize,
    tags: Vec<TagReport<'a>>,
}

#[derive(Serialize)]
struct DocReport<'a> {
    path: &'a str,
    title: &'a str,
    hash: &'a str,
    status: &'static str,
}

#[derive(Serialize)]
struct TagReport<'a> {
    id: &'a str,
    label: Option<&'a str>,
    label_name: Option<String>,
    note: &'a str,
    origin: Origin,
    created: &'a str,
    modified: &'a str,
    left: SideReport<'a>,
    right: SideReport<'a>,
}

#[derive(Serialize)]
struct SideReport<'a> {
    state: &'static str,
    /// Current range in the open document; `null` when orphaned.
    start: Option<usize>,
    end: Option<usize>,
    /// The quote as recorded when the tag was made.
    quote: &'a str,
    recorded_start: usize,
    recorded_end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quote_changed: Option<bool>,
}

/// JSON listing every tag with both quotes and where each side now is.
/// `states` holds one pair per tag (from `reanchor_tagset`); a missing
/// pair is reported as orphaned rather than guessed. Pretty-printed, stable
/// order, ends with a newline.
pub fn tags_json(set: &TagSet, status: [DocumentStatus; 2], states: &[[AnchorState; 2]]) -> String {
    let status_name = |s: DocumentStatus| match s {
        DocumentStatus::Unchanged => "unchanged",
        DocumentStatus::Changed => "changed",
    };
    let doc = |i: usize| DocReport {
        path: &set.documents[i].path,
        title: &set.documents[i].title,
        hash: &set.documents[i].hash,
        status: status_name(status[i]),
    };
    let mut orphaned = 0;
    let tags = set
        .tags
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let [l, r] = states.get(i).copied().unwrap_or([AnchorState::Orphaned; 2]);
            if l == AnchorState::Orphaned || r == AnchorState::Orphaned {
                orphaned += 1;
            }
            TagReport {
                id: &t.id.0,
                label: t.label.as_deref(),
                label_name: t
                    .label
                    .as_deref()
                    .and_then(|l| set.label(l))
                    .map(|l| l.name),
                note: &t.note,
                origin: t.origin,
                created: &t.created,
                modified: &t.modified,
                left: side_report(&t.left, l),
                right: side_report(&t.right, r),
            }
        })
        .collect();
    let counts = set.counts();
    let report = Report {
        tag_set: &set.name,
        documents: [doc(0), doc(1)],
        counts: &counts,
        orphaned,
        tags,
    };
    // Plain structs with string keys: serialising cannot fail.
    let mut s = serde_json::to_string_pretty(&report).unwrap_or_default();
    s.push('\n');
    s
}

fn side_report(a: &Anchor, st: AnchorState) -> SideReport<'_> {
    let range = st.range(a);
    let (confidence, quote_changed) = match st {
        AnchorState::Moved {
            confidence,
            quote_changed,
            ..
        } => (Some(confidence), Some(quote_changed)),
        _ => (None, None),
    };
    SideReport {
        state: st.name(),
        start: range.map(|r| r.0),
        end: range.map(|r| r.1),
        quote: &a.exact,
        recorded_start: a.start,
        recorded_end: a.end,
        confidence,
        quote_changed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tags::model::{Tag, TagId};
    use std::path::PathBuf;

    fn set() -> TagSet {
        let d = |p: &str, t: &str, c: &str| DocumentRef {
            path: p.into(),
            title: t.into(),
            hash: c.repeat(64),
        };
        let mut s = TagSet::new(
            "pair",
            d("/r/left.txt", "Left \u{1b}[31mreport", "a"),
            d("/r/right.txt", "Right", "b"),
        );
        let a = Anchor::for_range("one two three", 4, 7).unwrap();
        let mut t = Tag::new(
            TagId("t1".into()),
            Origin::Aligned,
            a.clone(),
            a,
            "2024-05-01T09:00:00Z",
        );
        t.label = Some("contradict".into());
        t.note = "dates differ".into();
        s.tags.push(t);
        s
    }

    #[test]
    fn table_lists_counts_and_documents_without_control_characters() {
        let s = set();
        let ok = Summary {
            name: s.name.clone(),
            path: PathBuf::from("/d/pair.json"),
            documents: Some(s.documents.clone()),
            counts: s.counts(),
            problem: None,
        };
        let bad = Summary {
            name: "broken".into(),
            path: PathBuf::from("/d/broken.json"),
            documents: None,
            counts: Counts::default(),
            problem: Some("broken.json:1:1: expected value".into()),
        };
        let table = list_table(&[bad, ok]);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), 3, "{table}");
        assert!(
            lines[0].starts_with("NAME    TAGS  AGREE  CONTRA"),
            "{table}"
        );
        assert!(lines[1].contains("unreadable: broken.json:1:1"), "{table}");
        assert!(
            lines[2].starts_with("pair       1      0       1"),
            "{table}"
        );
        assert!(lines[2].contains("left.txt") && lines[2].contains("Right (right.txt)"));
        assert!(!table.contains('\u{1b}'));
        assert_eq!(list_table(&[]).lines().last(), Some("(no tag sets yet)"));
    }

    #[test]
    fn json_lists_quotes_and_states() {
        let s = set();
        let moved = AnchorState::Moved {
            start: 10,
            end: 13,
            confidence: 91,
            quote_changed: false,
        };
        let json = tags_json(
            &s,
            [DocumentStatus::Unchanged, DocumentStatus::Changed],
            &[[AnchorState::Anchored, moved]],
        );
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        let t = &v["tags"][0];
        assert_eq!(t["label_name"], "Contradict");
        assert_eq!(t["left"]["state"], "anchored");
        assert_eq!(t["left"]["quote"], "two");
        assert_eq!(t["right"]["state"], "moved");
        assert_eq!(t["right"]["start"], 10);
        assert_eq!(t["right"]["recorded_start"], 4);
        assert_eq!(v["documents"][1]["status"], "changed");
        assert_eq!(v["orphaned"], 0);
        let none = tags_json(&s, [DocumentStatus::Changed; 2], &[]);
        let v: serde_json::Value = serde_json::from_str(&none).unwrap();
        assert_eq!(v["tags"][0]["left"]["state"], "orphaned");
        assert!(v["tags"][0]["left"]["start"].is_null());
        assert_eq!(v["orphaned"], 1);
    }
}
