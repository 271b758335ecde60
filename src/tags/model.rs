//! The tag set model: labels, document references, tags and their anchors,
//! with validation and the check against the documents that are open. Pure:
//! no I/O, no clock (timestamps are passed in as RFC 3339 strings).
//!
//! Over 600 lines because of its unit tests (the model itself is about 500).

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::anchor::Anchor;
use super::time::is_rfc3339;
use crate::document::{Document, Source};

/// The newest tag file format this build reads and the one it writes.
pub const FORMAT_VERSION: u32 = 1;

/// Longest label id, label name or tag id we accept, in characters.
pub const MAX_ID_CHARS: usize = 64;

/// Longest analyst name we accept, in characters.
pub const MAX_ANALYST_CHARS: usize = 64;

/// The four built-in stances. Their ids are reserved label ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    Agree,
    Contradict,
    Partial,
    Unclear,
}

impl Stance {
    /// In display order.
    pub const ALL: [Stance; 4] = [
        Stance::Agree,
        Stance::Contradict,
        Stance::Partial,
        Stance::Unclear,
    ];

    /// The label id used in tag files.
    pub fn id(self) -> &'static str {
        match self {
            Stance::Agree => "agree",
            Stance::Contradict => "contradict",
            Stance::Partial => "partial",
            Stance::Unclear => "unclear",
        }
    }

    pub fn from_id(id: &str) -> Option<Stance> {
        Stance::ALL.into_iter().find(|s| s.id() == id)
    }

    /// The built-in label for this stance; the glyphs are the ones the gutters
    /// show, so meaning never rests on colour alone.
    pub fn label(self) -> Label {
        let (name, glyph) = match self {
            Stance::Agree => ("Agree", "="),
            Stance::Contradict => ("Contradict", "≠"),
            Stance::Partial => ("Partial", "≈"),
            Stance::Unclear => ("Unclear", "~"),
        };
        Label {
            id: self.id().to_string(),
            name: name.to_string(),
            glyph: glyph.to_string(),
        }
    }
}

/// The label of a machine pair the analyst rejected (`X`: "not related"):
/// a judgement of its own, kept in the tag set and its exports, that takes
/// the pair out of navigation.
pub const REJECTED: &str = "not-related";

/// The built-in label [`REJECTED`].
pub fn rejected_label() -> Label {
    Label {
        id: REJECTED.to_string(),
        name: "Not related".to_string(),
        glyph: "✗".to_string(),
    }
}

/// Glyphs the reader gives a meaning of its own: the stances', the
/// rejection's and the gutter's marks (pair, link, mark, unjudged).
const RESERVED_GLYPHS: &[&str] = &["=", "≠", "≈", "~", "✗", "?", "○", "▶", "·", "●", "*"];

/// Whether a custom label may not use `glyph`.
pub fn is_reserved_glyph(glyph: &str) -> bool {
    RESERVED_GLYPHS.contains(&glyph.trim())
}

/// The glyph a new custom label named `name` gets: the first letter or
/// digit of its name, upper-cased; `*` when it has none.
pub fn custom_glyph(name: &str) -> String {
    name.chars()
        .find(|c| c.is_alphanumeric())
        .map_or("*".to_string(), |c| c.to_uppercase().to_string())
}

/// A label a tag can carry: one of the built-in stances or a custom one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Label {
    /// What tags refer to; never changes once tags use it.
    pub id: String,
    /// Shown in the picker and in exports.
    pub name: String,
    /// One short symbol shown in the gutters.
    pub glyph: String,
}

/// One of the two documents a tag set belongs to, as it was when tagged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentRef {
    /// The path the document was opened from (`bundled:NAME` for the seeds).
    pub path: String,
    pub title: String,
    /// SHA-256 of the normalised text, lower-case hex (`Document::hash`).
    pub hash: String,
}

impl DocumentRef {
    pub fn of(doc: &Document) -> DocumentRef {
        DocumentRef {
            path: source_path(&doc.source),
            title: doc.title.clone(),
            hash: doc.hash.clone(),
        }
    }
}

/// How a document's source is recorded in `DocumentRef::path`.
pub fn source_path(source: &Source) -> String {
    match source {
        Source::File(p) => p.display().to_string(),
        Source::Embedded(name) => format!("bundled:{name}"),
    }
}

pub use crate::side::Side;

/// A stable tag identifier. New ids are random UUIDs; any non-empty string
/// without control characters is accepted from files.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TagId(pub String);

impl TagId {
    /// A fresh random (v4 UUID) id. The only randomness in the tags module;
    /// callers create ids and pass them into edits so edits stay
    /// deterministic.
    pub fn random() -> TagId {
        TagId(uuid::Uuid::new_v4().to_string())
    }
}

impl fmt::Display for TagId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether the pair came from the alignment engine or was linked by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    Aligned,
    Manual,
}

/// One judgement on a pair of passages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tag {
    pub id: TagId,
    /// A label id, or `None` for a manual link not judged yet.
    pub label: Option<String>,
    pub note: String,
    /// RFC 3339.
    pub created: String,
    /// RFC 3339.
    pub modified: String,
    /// Who last set the label or note (the analyst's name); absent in
    /// files from before provenance and where no name was known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub analyst: Option<String>,
    /// Two different judgements a merge found (`diptych tags merge`), kept
    /// until an analyst judges the tag again; `label`, `note` and
    /// `analyst` hold ours meanwhile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict: Option<Box<Conflict>>,
    pub origin: Origin,
    pub left: Anchor,
    pub right: Anchor,
}

impl Tag {
    pub fn new(id: TagId, origin: Origin, left: Anchor, right: Anchor, now: &str) -> Tag {
        Tag {
            id,
            label: None,
            note: String::new(),
            created: now.to_string(),
            modified: now.to_string(),
            analyst: None,
            conflict: None,
            origin,
            left,
            right,
        }
    }

    pub fn anchor(&self, side: Side) -> &Anchor {
        match side {
            Side::Left => &self.left,
            Side::Right => &self.right,
        }
    }

    pub fn anchor_mut(&mut self, side: Side) -> &mut Anchor {
        match side {
            Side::Left => &mut self.left,
            Side::Right => &mut self.right,
        }
    }

    pub fn stance(&self) -> Option<Stance> {
        self.label.as_deref().and_then(Stance::from_id)
    }
}

/// The two judgements of one tag that two analysts changed differently,
/// as a three-way merge found them: ours (the branch merged into) and
/// theirs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    pub ours: Judgement,
    pub theirs: Judgement,
}

/// One side's judgement of a conflicted tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Judgement {
    /// A label id, or `None` for no label.
    pub label: Option<String>,
    pub note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub analyst: Option<String>,
    /// RFC 3339: when that side last changed the tag.
    pub modified: String,
}

impl Judgement {
    /// The judgement `tag` holds now.
    pub fn of(tag: &Tag) -> Judgement {
        Judgement {
            label: tag.label.clone(),
            note: tag.note.clone(),
            analyst: tag.analyst.clone(),
            modified: tag.modified.clone(),
        }
    }
}

impl Conflict {
    pub fn sides(&self) -> [&Judgement; 2] {
        [&self.ours, &self.theirs]
    }
}

/// The named collection of judgements for one pair of documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TagSet {
    pub format_version: u32,
    pub name: String,
    /// Built-in stances first, then custom labels in the order they were added.
    pub labels: Vec<Label>,
    /// Left then right.
    pub documents: [DocumentRef; 2],
    /// Short names the analyst gave the two reports (left, right), used by
    /// exports instead of the detected author or title. Absent from the
    /// file when neither is set.
    #[serde(default, skip_serializing_if = "no_names")]
    pub names: [Option<String>; 2],
    /// In the order they were created, so files diff well.
    pub tags: Vec<Tag>,
}

fn no_names(names: &[Option<String>; 2]) -> bool {
    names.iter().all(Option::is_none)
}

/// Tags per label, for status lines and listings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub agree: usize,
    pub contradict: usize,
    pub partial: usize,
    pub unclear: usize,
    /// Tags with a custom label.
    pub custom: usize,
    /// Manual links without a label yet.
    pub unlabelled: usize,
}

impl Counts {
    pub fn total(&self) -> usize {
        self.agree + self.contradict + self.partial + self.unclear + self.custom + self.unlabelled
    }
}

impl TagSet {
    /// An empty tag set for two documents, with the built-in labels.
    pub fn new(name: impl Into<String>, left: DocumentRef, right: DocumentRef) -> TagSet {
        TagSet {
            format_version: FORMAT_VERSION,
            name: name.into(),
            labels: Stance::ALL.iter().map(|s| s.label()).collect(),
            documents: [left, right],
            names: [None, None],
            tags: Vec::new(),
        }
    }

    pub fn document(&self, side: Side) -> &DocumentRef {
        &self.documents[side.index()]
    }

    pub fn tag(&self, id: &TagId) -> Option<&Tag> {
        self.tags.iter().find(|t| &t.id == id)
    }

    pub fn tag_index(&self, id: &TagId) -> Option<usize> {
        self.tags.iter().position(|t| &t.id == id)
    }

    /// The label with this id. A custom label whose glyph is one the reader
    /// reserves (a stance's, or a gutter mark) is shown with `*` instead, so
    /// a label called "=maybe" never reads as Agree; the file keeps its text.
    pub fn label(&self, id: &str) -> Option<Label> {
        let custom = self.labels.iter().find(|l| l.id == id).cloned();
        match custom {
            // The built-in rejection keeps its own glyph, whatever the file says.
            Some(_) if id == REJECTED => Some(rejected_label()),
            Some(mut l) if Stance::from_id(&l.id).is_none() && is_reserved_glyph(&l.glyph) => {
                l.glyph = "*".to_string();
                Some(l)
            }
            Some(l) => Some(l),
            None => Stance::from_id(id).map(Stance::label),
        }
    }

    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for t in &self.tags {
            match (t.label.as_deref(), t.stance()) {
                (None, _) => c.unlabelled += 1,
                (_, Some(Stance::Agree)) => c.agree += 1,
                (_, Some(Stance::Contradict)) => c.contradict += 1,
                (_, Some(Stance::Partial)) => c.partial += 1,
                (_, Some(Stance::Unclear)) => c.unclear += 1,
                (Some(_), None) => c.custom += 1,
            }
        }
        c
    }

    /// Everything wrong with this tag set, each problem naming where it is.
    /// Empty when the set is valid.
    pub fn problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut push = |locator: String, needle: Option<String>, what: String| {
            out.push(Problem {
                locator,
                needle,
                what,
            })
        };
        if self.format_version == 0 || self.format_version > FORMAT_VERSION {
            push(
                "format_version".into(),
                None,
                format!(
                    "format_version {} is not supported (this build reads 1 to {FORMAT_VERSION})",
                    self.format_version
                ),
            );
        }
        if let Some(why) = text_problem(&self.name, 200) {
            push("name".into(), None, format!("tag set name {why}"));
        }
        let mut label_ids = BTreeSet::new();
        for (i, l) in self.labels.iter().enumerate() {
            let loc = format!("labels[{i}]");
            let needle = Some(format!("\"id\": {}", json_str(&l.id)));
            if let Some(why) = text_problem(&l.id, MAX_ID_CHARS) {
                push(loc.clone(), needle.clone(), format!("label id {why}"));
            }
            if let Some(why) = text_problem(&l.name, MAX_ID_CHARS) {
                push(loc.clone(), needle.clone(), format!("label name {why}"));
            }
            if let Some(why) = text_problem(&l.glyph, 4) {
                push(loc.clone(), needle.clone(), format!("label glyph {why}"));
            }
            if !label_ids.insert(l.id.as_str()) {
                push(loc, needle, format!("label id `{}` appears twice", l.id));
            }
        }
        for (i, d) in self.documents.iter().enumerate() {
            let loc = format!("documents[{i}]");
            if !is_sha256_hex(&d.hash) {
                push(
                    loc.clone(),
                    Some(format!("\"hash\": {}", json_str(&d.hash))),
                    "hash must be 64 lower-case hex digits (SHA-256 of the normalised text)".into(),
                );
            }
            if d.path.is_empty() {
                push(loc, None, "document path is empty".into());
            }
        }
        for (i, name) in self.names.iter().enumerate() {
            if let Some(why) = name
                .as_deref()
                .and_then(|n| text_problem(n, crate::tags::history::MAX_NAME_CHARS))
            {
                push(format!("names[{i}]"), None, format!("report name {why}"));
            }
        }
        let mut tag_ids = BTreeSet::new();
        for (i, t) in self.tags.iter().enumerate() {
            let loc = format!("tags[{i}] (id {})", t.id);
            let needle = Some(format!("\"id\": {}", json_str(&t.id.0)));
            let mut bad = |what: String| push(loc.clone(), needle.clone(), what);
            if let Some(why) = text_problem(&t.id.0, MAX_ID_CHARS) {
                bad(format!("tag id {why}"));
            }
            if !tag_ids.insert(t.id.0.as_str()) {
                bad(format!("tag id `{}` appears twice", t.id));
            }
            if let Some(l) = &t.label
                && !label_ids.contains(l.as_str())
                && Stance::from_id(l).is_none()
            {
                bad(format!(
                    "label `{l}` is not a built-in stance nor listed in `labels` (add it there)"
                ));
            }
            for (field, value) in [("created", &t.created), ("modified", &t.modified)] {
                if !is_rfc3339(value) {
                    bad(format!(
                        "{field} `{value}` is not an RFC 3339 time such as 2024-05-01T09:30:00Z"
                    ));
                }
            }
            if let Some(why) = t.analyst.as_deref().and_then(analyst_problem) {
                bad(format!("analyst {why}"));
            }
            for (name, side) in t
                .conflict
                .iter()
                .flat_map(|c| [("ours", &c.ours), ("theirs", &c.theirs)])
            {
                if let Some(l) = &side.label
                    && !label_ids.contains(l.as_str())
                    && Stance::from_id(l).is_none()
                {
                    bad(format!(
                        "conflict.{name}.label `{l}` is not a built-in stance nor listed in `labels` (add it there)"
                    ));
                }
                if !is_rfc3339(&side.modified) {
                    bad(format!(
                        "conflict.{name}.modified `{}` is not an RFC 3339 time such as 2024-05-01T09:30:00Z",
                        side.modified
                    ));
                }
                if let Some(why) = side.analyst.as_deref().and_then(analyst_problem) {
                    bad(format!("conflict.{name}.analyst {why}"));
                }
            }
            for side in [Side::Left, Side::Right] {
                if let Some(why) = t.anchor(side).problem() {
                    bad(format!("{} anchor: {why}", side.name()));
                }
            }
        }
        out
    }

    /// Checks that this tag set belongs to the two open documents. A side whose
    /// hash matches is unchanged; a side whose path matches but hash differs
    /// was edited since and needs re-anchoring; anything else is refused.
    pub fn check_documents(
        &self,
        left: &DocumentRef,
        right: &DocumentRef,
    ) -> Result<[DocumentStatus; 2], Box<DocumentMismatch>> {
        let status = |recorded: &DocumentRef, open: &DocumentRef| {
            if recorded.hash == open.hash {
                Some(DocumentStatus::Unchanged)
            } else if recorded.path == open.path {
                Some(DocumentStatus::Changed)
            } else {
                None
            }
        };
        let [rl, rr] = &self.documents;
        match (status(rl, left), status(rr, right)) {
            (Some(l), Some(r)) => Ok([l, r]),
            (l, _) => {
                let swapped = status(rl, right).is_some() && status(rr, left).is_some();
                let side = if l.is_none() { Side::Left } else { Side::Right };
                Err(Box::new(DocumentMismatch {
                    tag_set: self.name.clone(),
                    side,
                    expected: self.documents[side.index()].clone(),
                    found: match side {
                        Side::Left => left.clone(),
                        Side::Right => right.clone(),
                    },
                    swapped,
                }))
            }
        }
    }
}

/// How an open document relates to the one a tag set was made on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentStatus {
    /// Same content: anchors apply as recorded.
    Unchanged,
    /// Same path, different content: anchors must be re-anchored.
    Changed,
}

/// The open documents are not the ones a tag set was made for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "tag set `{tag_set}` belongs to {} document {:?} ({}, sha256 {}…), but {:?} ({}) is open{}",
    side.name(),
    expected.title,
    expected.path,
    expected.hash.get(..12).unwrap_or(&expected.hash),
    found.title,
    found.path,
    if *swapped {
        "; the two documents are open in the other order: swap them on the command line"
    } else {
        "; open the documents it was made for, or choose another tag set"
    }
)]
pub struct DocumentMismatch {
    pub tag_set: String,
    pub side: Side,
    pub expected: DocumentRef,
    pub found: DocumentRef,
    pub swapped: bool,
}

/// One validation problem: where and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// A path into the tag set, such as `tags[3] (id …)`.
    pub locator: String,
    /// Text that locates the problem in the file, used to find its line.
    pub needle: Option<String>,
    pub what: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.locator, self.what)
    }
}

/// Why a name, id or label text is unacceptable, if it is.
pub(crate) fn text_problem(s: &str, max_chars: usize) -> Option<String> {
    if s.trim().is_empty() {
        Some("is empty".into())
    } else if s.chars().any(char::is_control) {
        Some(format!("{:?} contains control characters", s))
    } else if s.chars().count() > max_chars {
        Some(format!("is longer than {max_chars} characters"))
    } else {
        None
    }
}

/// Why `name` cannot be an analyst's name, if it cannot: empty, with
/// control characters, or longer than [`MAX_ANALYST_CHARS`].
pub fn analyst_problem(name: &str) -> Option<String> {
    text_problem(name, MAX_ANALYST_CHARS)
}

fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc_ref(path: &str, byte: char) -> DocumentRef {
        DocumentRef {
            path: path.into(),
            title: format!("Title {path}"),
            hash: byte.to_string().repeat(64),
        }
    }

    fn set() -> TagSet {
        TagSet::new("pair", doc_ref("a.txt", 'a'), doc_ref("b.txt", 'b'))
    }

    fn tag(id: &str) -> Tag {
        let a = Anchor {
            exact: "hello".into(),
            prefix: String::new(),
            suffix: " world".into(),
            start: 0,
            end: 5,
        };
        Tag::new(
            TagId(id.into()),
            Origin::Aligned,
            a.clone(),
            a,
            "2024-05-01T09:30:00Z",
        )
    }

    #[test]
    fn new_set_is_valid_and_lists_built_ins() {
        let s = set();
        assert!(s.problems().is_empty(), "{:?}", s.problems());
        let ids: Vec<_> = s.labels.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(ids, ["agree", "contradict", "partial", "unclear"]);
    }

    #[test]
    fn problems_name_the_tag_and_what_is_wrong() {
        let mut s = set();
        let mut t = tag("t1");
        t.label = Some("nonsense".into());
        t.modified = "yesterday".into();
        t.left.end = 9;
        s.tags = vec![t, tag("t1")];
        let msgs: Vec<String> = s.problems().iter().map(|p| p.to_string()).collect();
        assert!(
            msgs.iter()
                .any(|m| m.contains("tags[0] (id t1)") && m.contains("label `nonsense`")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter().any(|m| m.contains("modified `yesterday`")),
            "{msgs:?}"
        );
        assert!(msgs.iter().any(|m| m.contains("left anchor")), "{msgs:?}");
        assert!(
            msgs.iter()
                .any(|m| m.contains("tags[1]") && m.contains("appears twice")),
            "{msgs:?}"
        );
    }

    #[test]
    fn analysts_are_optional_and_validated() {
        let mut s = set();
        s.tags.push(tag("t1"));
        let old = crate::tags::codec::to_json(&s);
        assert!(!old.contains("analyst"), "no analyst, no field: {old}");
        s.tags[0].analyst = Some("ana".into());
        let new = crate::tags::codec::to_json(&s);
        assert!(new.contains("\"analyst\": \"ana\""), "{new}");
        assert!(s.problems().is_empty());
        for bad in ["", "  ", "a\u{1b}b"] {
            s.tags[0].analyst = Some(bad.into());
            let msgs: Vec<String> = s.problems().iter().map(|p| p.to_string()).collect();
            assert!(
                msgs.iter().any(|m| m.contains("analyst")),
                "{bad:?}: {msgs:?}"
            );
        }
        s.tags[0].analyst = Some("x".repeat(MAX_ANALYST_CHARS + 1));
        assert!(!s.problems().is_empty());
    }

    #[test]
    fn conflicts_round_trip_and_are_validated() {
        let mut s = set();
        let mut t = tag("t1");
        t.label = Some("agree".into());
        let mut theirs = Judgement::of(&t);
        theirs.label = Some("contradict".into());
        theirs.analyst = Some("bob".into());
        t.conflict = Some(Box::new(Conflict {
            ours: Judgement::of(&t),
            theirs,
        }));
        s.tags.push(t);
        assert!(s.problems().is_empty(), "{:?}", s.problems());
        let json = crate::tags::codec::to_json(&s);
        assert!(json.contains("\"conflict\": {"), "{json}");
        let back = crate::tags::codec::parse(json.as_bytes(), std::path::Path::new("x")).unwrap();
        assert_eq!(back, s);
        let c = s.tags[0].conflict.as_mut().unwrap();
        c.theirs.label = Some("nonsense".into());
        c.ours.modified = "soon".into();
        let msgs: Vec<String> = s.problems().iter().map(|p| p.to_string()).collect();
        assert!(
            msgs.iter()
                .any(|m| m.contains("conflict.theirs.label `nonsense`")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("conflict.ours.modified `soon`")),
            "{msgs:?}"
        );
    }

    #[test]
    fn counts_per_stance() {
        let mut s = set();
        for (i, label) in [
            Some("agree"),
            Some("agree"),
            Some("contradict"),
            None,
            Some("x"),
        ]
        .into_iter()
        .enumerate()
        {
            let mut t = tag(&format!("t{i}"));
            t.label = label.map(String::from);
            s.tags.push(t);
        }
        let c = s.counts();
        assert_eq!(
            (c.agree, c.contradict, c.unlabelled, c.custom, c.total()),
            (2, 1, 1, 1, 5)
        );
    }

    #[test]
    fn documents_checked_by_hash_then_path() {
        let s = set();
        let (a, b) = (doc_ref("a.txt", 'a'), doc_ref("b.txt", 'b'));
        assert_eq!(
            s.check_documents(&a, &b),
            Ok([DocumentStatus::Unchanged, DocumentStatus::Unchanged])
        );
        let moved = doc_ref("elsewhere/a.txt", 'a');
        assert_eq!(
            s.check_documents(&moved, &b),
            Ok([DocumentStatus::Unchanged, DocumentStatus::Unchanged])
        );
        let edited = doc_ref("b.txt", 'c');
        assert_eq!(
            s.check_documents(&a, &edited),
            Ok([DocumentStatus::Unchanged, DocumentStatus::Changed])
        );
        let other = doc_ref("other.txt", 'd');
        let err = s.check_documents(&a, &other).unwrap_err();
        assert_eq!(err.side, Side::Right);
        assert!(err.to_string().contains("other.txt"), "{err}");
        let err = s.check_documents(&b, &a).unwrap_err();
        assert!(err.swapped);
        assert!(err.to_string().contains("other order"), "{err}");
    }
}
