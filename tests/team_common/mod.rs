//! Helpers shared by the team tests (agreement, merge, git): tag sets on
//! the bundled reports built with the library, and the binary run with
//! its own config and data directories.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

use diptych::document::Document;
use diptych::tags::codec::to_json;
use diptych::tags::{Anchor, DocumentRef, Origin, Tag, TagId, TagSet};

pub const T0: &str = "2024-05-01T09:30:00Z";

/// An empty tag set on the bundled reports.
pub fn seed_set(name: &str) -> TagSet {
    let (l, r) = (Document::seed_left(), Document::seed_right());
    TagSet::new(name, DocumentRef::of(&l), DocumentRef::of(&r))
}

/// A tag judging passage `left` of the left report against passage
/// `right` of the right one.
pub fn passage_tag(id: &str, left: usize, right: usize, label: Option<&str>, note: &str) -> Tag {
    let (l, r) = (Document::seed_left(), Document::seed_right());
    let mut t = Tag::new(
        TagId(id.into()),
        Origin::Aligned,
        Anchor::for_passage(&l, left).expect("left passage exists"),
        Anchor::for_passage(&r, right).expect("right passage exists"),
        T0,
    );
    t.label = label.map(String::from);
    t.note = note.to_string();
    t
}

/// Writes `set` as a tag file at `path`.
pub fn write_set(path: &Path, set: &TagSet) {
    std::fs::write(path, to_json(set)).expect("write the tag set");
}

/// Runs diptych with config and data directories inside `dir`.
pub fn diptych(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_diptych"))
        .args(args)
        .env("DIPTYCH_CONFIG_DIR", dir.join("config"))
        .env("DIPTYCH_DATA_DIR", dir.join("data"))
        .env_remove("NO_COLOR")
        .output()
        .expect("diptych runs")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A small deterministic random number generator (xorshift64*), so the
/// random tests need no extra crate and repeat exactly.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}
