//! The README must tell the truth: its key table is the live default keymap,
//! and its first commands are the two set-up commands.

use diptych::keymap::{Keymap, markdown_tables};

const README: &str = include_str!("../README.md");

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).expect("start marker") + start.len();
    let to = text[from..].find(end).expect("end marker") + from;
    text[from..to].trim()
}

#[test]
fn key_table_matches_the_keymap() {
    let table = between(README, "<!-- keys:start -->", "<!-- keys:end -->");
    let expected = markdown_tables(&Keymap::default());
    // `UPDATE_README=1 cargo test --test readme` rewrites the table.
    if std::env::var_os("UPDATE_README").is_some() && table != expected.trim() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
        std::fs::write(path, README.replacen(table, expected.trim(), 1)).unwrap();
        return;
    }
    assert_eq!(
        table,
        expected.trim(),
        "README key table is out of date; replace it with:\n{expected}"
    );
}

#[test]
fn setup_commands_come_first() {
    let commands: Vec<&str> = README
        .lines()
        .take(20)
        .filter(|l| l.trim_start().starts_with("cargo "))
        .collect();
    assert_eq!(commands, ["cargo run --release", "cargo test"]);
}
