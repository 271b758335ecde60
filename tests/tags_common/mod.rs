//! Helpers shared by the tag set integration tests.
#![allow(dead_code)]

use std::path::Path;

use diptych::tags::{Anchor, DocumentRef, Origin, Tag, TagId, TagSet};

pub const TEXT: &str = "The province claimed the attack. Analysts doubt the claim. \
Recruitment in Europe relies on online propaganda and local cells.";

pub fn doc_ref(path: &str, hex: char) -> DocumentRef {
    DocumentRef {
        path: path.into(),
        title: format!("Report {path}"),
        hash: hex.to_string().repeat(64),
    }
}

/// A valid tag set whose content is fully determined by `generation`:
/// 1 to 7 tags, notes naming the generation, padded so a save spans several
/// pages and a kill can land in the middle of writing it.
pub fn generation(name: &str, generation: u64) -> TagSet {
    let mut set = TagSet::new(
        name,
        doc_ref("/r/left.txt", 'a'),
        doc_ref("/r/right.txt", 'b'),
    );
    for i in 0..(1 + generation % 7) {
        let start = (i as usize * 7) % 40;
        let a = Anchor::for_range(TEXT, start, start + 20).expect("range inside TEXT");
        let mut t = Tag::new(
            TagId(format!("g{generation}-t{i}")),
            Origin::Aligned,
            a.clone(),
            a,
            "2024-05-01T09:00:00Z",
        );
        t.label = Some(["agree", "contradict", "partial", "unclear"][i as usize % 4].into());
        t.note = format!(
            "generation {generation} tag {i}\n{}",
            "padding line\n".repeat(600)
        );
        set.tags.push(t);
    }
    set
}

/// The generation a tag set written by [`generation`] holds.
pub fn generation_of(set: &TagSet) -> Option<u64> {
    let note = &set.tags.first()?.note;
    note.strip_prefix("generation ")?
        .split(' ')
        .next()?
        .parse()
        .ok()
}

/// Names of files in `dir`, sorted.
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("test dir readable")
        .map(|e| {
            e.expect("dir entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    v.sort();
    v
}
