//! The W3C Web Annotation export: a JSON-LD `AnnotationCollection` whose
//! first (and only) `AnnotationPage` holds one `Annotation` per pair, with
//! motivation `assessing`, the label as a `tagging` body, the note as a
//! `commenting` body, and the two quotes as `SpecificResource` targets with
//! a `TextQuoteSelector` and a `TextPositionSelector`.
//!
//! Ids are deterministic so exports diff cleanly: a tag whose id is a UUID
//! keeps it (`urn:uuid:ID`); every other id is a version 8 UUID made from a
//! SHA-256 of what identifies the thing (the tag id, or for an untagged pair
//! the document hashes and offsets; for the collection the document hashes
//! and the tag set name).

use serde::Serialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::prepared::{Prepared, PreparedEntry, state_warning};
use super::{AnchorKind, Comparison, Options, Quote};

/// The Web Annotation JSON-LD context.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

#[derive(Serialize)]
struct Collection<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    /// An array, as JSON-LD allows and as the W3C protocol's own container
    /// representations use (`["BasicContainer", "AnnotationCollection"]`).
    /// It also keeps `w3c-annotation-check` working: the tool takes any
    /// document whose string `type` contains "Annotation" for a single
    /// annotation, and would check the collection instead of its items.
    #[serde(rename = "type")]
    kind: [&'static str; 1],
    label: String,
    generator: Software<'a>,
    total: usize,
    /// Absent when there are no annotations: the model requires a first
    /// page only if the collection holds any.
    #[serde(skip_serializing_if = "Option::is_none")]
    first: Option<Page<'a>>,
}

#[derive(Serialize)]
struct Software<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct Page<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: Vec<Annotation<'a>>,
}

#[derive(Serialize)]
struct Annotation<'a> {
    /// Repeated on every annotation so each one stands alone when a
    /// consumer takes it out of the collection (the test suite checks each
    /// one separately).
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    created: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    modified: Option<&'a str>,
    /// Who last judged the pair, when the tag names them.
    #[serde(skip_serializing_if = "Option::is_none")]
    creator: Option<Creator<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    body: Vec<Body<'a>>,
    target: [Target<'a>; 2],
}

#[derive(Serialize)]
struct Creator<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct Body<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    purpose: &'static str,
    value: std::borrow::Cow<'a, str>,
    format: &'static str,
}

#[derive(Serialize)]
struct Target<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    source: &'a str,
    selector: Vec<Selector<'a>>,
}

#[derive(Serialize)]
#[serde(tag = "type")]
enum Selector<'a> {
    TextQuoteSelector {
        exact: &'a str,
        prefix: &'a str,
        suffix: &'a str,
    },
    TextPositionSelector {
        start: usize,
        end: usize,
    },
}

/// Renders the annotation collection. Pure and deterministic.
pub fn render(c: &Comparison, opts: &Options) -> String {
    let p = Prepared::new(c, opts);
    let [left, right] = &c.documents;
    let collection_key = ["collection", &left.hash, &right.hash, &c.tagset_name];
    let collection_id = derived_urn(&collection_key);
    let mut label = format!("Comparison: {} vs {}", left.title, right.title);
    if p.entries.is_empty() {
        label.push_str(". ");
        label.push_str(p.empty_message(opts));
    }
    let items: Vec<Annotation<'_>> = p.entries.iter().map(|pe| annotation(&p, pe)).collect();
    let collection = Collection {
        context: CONTEXT,
        id: collection_id,
        kind: ["AnnotationCollection"],
        label,
        generator: Software {
            kind: "Software",
            name: &c.generated_by,
        },
        total: items.len(),
        first: (!items.is_empty()).then(|| Page {
            id: derived_urn(&[&collection_key[..], &["page 1"]].concat()),
            kind: "AnnotationPage",
            start_index: 0,
            items,
        }),
    };
    // Plain structs with string keys always serialize.
    let mut out = serde_json::to_string_pretty(&collection).expect("plain structs serialize");
    out.push('\n');
    out
}

fn annotation<'a>(p: &Prepared<'a>, pe: &PreparedEntry<'a>) -> Annotation<'a> {
    let e = pe.entry;
    let c = p.c;
    let id = match &e.id {
        Some(id) => tag_urn(id),
        None => derived_urn(&[
            "untagged pair",
            &c.documents[0].hash,
            &c.documents[1].hash,
            &format!(
                "{}-{} {}-{}",
                e.left.start, e.left.end, e.right.start, e.right.end
            ),
        ]),
    };
    let mut body = Vec::new();
    if let Some(label) = &e.label {
        body.push(Body {
            kind: "TextualBody",
            purpose: "tagging",
            value: label.as_str().into(),
            format: "text/plain",
        });
    }
    if !e.note.is_empty() {
        body.push(Body {
            kind: "TextualBody",
            purpose: "commenting",
            value: e.note.as_str().into(),
            format: "text/plain",
        });
    }
    // The model has no notion of an anchor that no longer matches, so an
    // orphaned or moved quote is said in words where people will see it.
    if let Some(warning) = state_warning(e) {
        body.push(Body {
            kind: "TextualBody",
            purpose: "describing",
            value: warning.into(),
            format: "text/plain",
        });
    }
    // Two analysts' undecided judgements, said in words: the model has one
    // body per purpose, not two competing ones.
    if let Some(conflict) = p.conflict_text(pe) {
        body.push(Body {
            kind: "TextualBody",
            purpose: "describing",
            value: format!("Conflict between two analysts' judgements: {conflict}").into(),
            format: "text/plain",
        });
    }
    Annotation {
        context: CONTEXT,
        id,
        kind: "Annotation",
        motivation: "assessing",
        created: e.created.as_deref(),
        modified: e.modified.as_deref(),
        creator: e.analyst.as_deref().map(|name| Creator {
            kind: "Person",
            name,
        }),
        body,
        target: [
            target(&c.documents[0].uri, &e.left),
            target(&c.documents[1].uri, &e.right),
        ],
    }
}

fn target<'a>(source: &'a str, q: &'a Quote) -> Target<'a> {
    let mut selector = vec![Selector::TextQuoteSelector {
        exact: &q.exact,
        prefix: &q.prefix,
        suffix: &q.suffix,
    }];
    // An orphaned quote's offsets point at whatever text is there now, not
    // at the quote; several selectors must select the same text, so only
    // the quote selector is kept.
    if q.state != AnchorKind::Orphaned {
        selector.push(Selector::TextPositionSelector {
            start: q.start,
            end: q.end,
        });
    }
    Target {
        kind: "SpecificResource",
        source,
        selector,
    }
}

/// `urn:uuid:` of a tag id that is a UUID, else a derived one.
fn tag_urn(id: &str) -> String {
    match Uuid::try_parse(id) {
        Ok(u) => format!("urn:uuid:{}", u.hyphenated()),
        Err(_) => derived_urn(&["tag", id]),
    }
}

/// A version 8 UUID URN from the SHA-256 of `parts` (length-prefixed, so
/// different splits of the same characters give different ids).
fn derived_urn(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    h.update(b"diptych export id\0");
    for part in parts {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    let digest = h.finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    let u = uuid::Builder::from_custom_bytes(bytes).into_uuid();
    format!("urn:uuid:{}", u.hyphenated())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_tag_ids_are_kept_and_others_derived_stably() {
        assert_eq!(
            tag_urn("0F3B6C1E-2D4A-4B5C-8D9E-0A1B2C3D4E5F"),
            "urn:uuid:0f3b6c1e-2d4a-4b5c-8d9e-0a1b2c3d4e5f"
        );
        let a = tag_urn("my tag");
        assert!(a.starts_with("urn:uuid:"), "{a}");
        assert_eq!(a, tag_urn("my tag"));
        assert_ne!(a, tag_urn("my tag 2"));
        assert_ne!(derived_urn(&["ab", "c"]), derived_urn(&["a", "bc"]));
        let u = Uuid::try_parse(a.trim_start_matches("urn:uuid:")).map(|u| u.get_version_num());
        assert_eq!(u.ok(), Some(8));
    }
}
