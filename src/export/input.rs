//! Builds the exporters' input ([`export::Comparison`]) from what the reader
//! and the headless commands hold: the two documents, the alignment, the tag
//! set and where each tag points now. Pure.

use std::collections::BTreeSet;

use crate::align::Alignment;
use crate::document::{Document, Source};
use crate::export::{self, Comparison, DocumentInfo, Entry, LabelInfo, Quote};
use crate::tags::{Anchor, AnchorKind, Origin, Stance, TagId, TagSet};

/// Builds the comparison to export. `states` gives each tag's state (same
/// order as `set.tags`; missing entries count as anchored); moved tags'
/// anchors are expected to be already updated to their new place.
/// `include_untagged` adds the aligned pairs no tag covers.
pub fn build(
    left: &Document,
    right: &Document,
    alignment: &Alignment,
    set: &TagSet,
    states: &[[AnchorKind; 2]],
    include_untagged: bool,
) -> Comparison {
    let docs = [left, right];
    let mut entries = Vec::new();
    let mut covered: BTreeSet<(usize, usize)> = BTreeSet::new();
    for (i, tag) in set.tags.iter().enumerate() {
        let sides = states.get(i).copied().unwrap_or([AnchorKind::Anchored; 2]);
        let passages = (!sides.contains(&AnchorKind::Orphaned))
            .then(|| {
                Some((
                    left.passage_at_char(tag.left.start)?,
                    right.passage_at_char(tag.right.start)?,
                ))
            })
            .flatten();
        if let Some(p) = passages {
            covered.insert(p);
        }
        let (topics, score) =
            passages.map_or((Vec::new(), None), |(l, r)| pair_facts(alignment, l, r));
        entries.push(Entry {
            id: Some(tag.id.0.clone()),
            label: tag.label.clone(),
            note: tag.note.clone(),
            origin: match tag.origin {
                Origin::Aligned => export::Origin::Aligned,
                Origin::Manual => export::Origin::Manual,
            },
            topics,
            score,
            left: quote(docs[0], &tag.left, sides[0]),
            right: quote(docs[1], &tag.right, sides[1]),
            created: Some(tag.created.clone()),
            modified: Some(tag.modified.clone()),
        });
    }
    if include_untagged {
        for pair in &alignment.pairs {
            if covered.contains(&(pair.left, pair.right)) {
                continue;
            }
            let (Some(l), Some(r)) = (
                Anchor::for_passage(left, pair.left),
                Anchor::for_passage(right, pair.right),
            ) else {
                continue;
            };
            entries.push(Entry {
                id: None,
                label: None,
                note: String::new(),
                origin: export::Origin::Aligned,
                topics: pair.topics.clone(),
                score: Some(pair.score),
                left: quote(left, &l, AnchorKind::Anchored),
                right: quote(right, &r, AnchorKind::Anchored),
                created: None,
                modified: None,
            });
        }
    }
    Comparison {
        tagset_name: set.name.clone(),
        documents: [document_info(left), document_info(right)],
        topics: alignment.topics.iter().map(|t| t.label.clone()).collect(),
        labels: set
            .labels
            .iter()
            .map(|l| LabelInfo {
                id: l.id.clone(),
                name: l.name.clone(),
                glyph: set
                    .label(&l.id)
                    .map_or_else(|| l.glyph.clone(), |shown| shown.glyph),
                stance: Stance::from_id(&l.id),
            })
            .collect(),
        entries,
        generated_by: format!("diptych {}", env!("CARGO_PKG_VERSION")),
    }
}

/// The topics both passages are listed under, and the pair's score if the
/// alignment found it.
fn pair_facts(alignment: &Alignment, left: usize, right: usize) -> (Vec<usize>, Option<f64>) {
    match alignment
        .pairs
        .iter()
        .find(|p| p.left == left && p.right == right)
    {
        Some(p) => (p.topics.clone(), Some(p.score)),
        None => (
            alignment
                .topics
                .iter()
                .enumerate()
                .filter(|(_, t)| t.left.contains(&left) && t.right.contains(&right))
                .map(|(i, _)| i)
                .collect(),
            None,
        ),
    }
}

fn quote(doc: &Document, anchor: &Anchor, state: AnchorKind) -> Quote {
    Quote {
        exact: anchor.exact.clone(),
        prefix: anchor.prefix.clone(),
        suffix: anchor.suffix.clone(),
        start: anchor.start,
        end: anchor.end,
        line: line_of_char(doc, anchor.start),
        state,
    }
}

/// 1-based line of code point `offset`, counted within its passage so the
/// cost does not grow with the document.
fn line_of_char(doc: &Document, offset: usize) -> usize {
    let Some(i) = doc.passage_at_char(offset) else {
        return 0;
    };
    let p = &doc.passages[i];
    let within = offset - p.char_start;
    p.line_start
        + p.raw(&doc.text)
            .chars()
            .take(within)
            .filter(|&c| c == '\n')
            .count()
}

/// Title, path and a URI for a document: `file://` for a file, or
/// `urn:sha256:` of the content for a bundled report.
pub fn document_info(doc: &Document) -> DocumentInfo {
    let (path, uri) = match &doc.source {
        Source::File(p) => {
            let absolute = std::path::absolute(p).unwrap_or_else(|_| p.clone());
            (p.display().to_string(), export::file_uri(&absolute))
        }
        Source::Embedded(name) => (name.to_string(), export::content_urn(&doc.hash)),
    };
    DocumentInfo {
        title: doc.title.clone(),
        path,
        uri,
        hash: doc.hash.clone(),
    }
}

/// The states of a tag set's two sides as the reader tracks them: tags still
/// orphaned or moved (by id) keep the sides found when the set was opened;
/// any other tag (judged or re-attached since) is anchored.
pub fn states_from_ids(
    set: &TagSet,
    orphaned: &BTreeSet<TagId>,
    moved: &BTreeSet<TagId>,
    opened: &std::collections::BTreeMap<TagId, [AnchorKind; 2]>,
) -> Vec<[AnchorKind; 2]> {
    set.tags
        .iter()
        .map(|t| {
            let of = |kind| *opened.get(&t.id).unwrap_or(&[kind; 2]);
            if orphaned.contains(&t.id) {
                of(AnchorKind::Orphaned)
            } else if moved.contains(&t.id) {
                of(AnchorKind::Moved)
            } else {
                [AnchorKind::Anchored; 2]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_of_offsets_follow_the_file() {
        let d = Document::seed_left();
        let conclusion = d
            .passages
            .iter()
            .find(|p| p.line_start == 23)
            .expect("the conclusion starts on line 23");
        assert_eq!(line_of_char(&d, conclusion.char_start), 23);
        // "conclusion," begins line 24, three code points in ("In\n").
        assert_eq!(line_of_char(&d, conclusion.char_start + 3), 24);
    }
}
