//! Aligns two reports and prints the table (or JSON with `--json`):
//! `cargo run --release --example align_report [--json] [LEFT RIGHT | --halves FILE]`.
//! Without files, the bundled seeds. Used to measure peak memory with
//! `/usr/bin/time -v` (see docs/PERFORMANCE-align.md).
use std::path::Path;

use diptych::align::{AliasTable, AlignReport, align};
use diptych::document::{Document, Source};

/// Splits a book at the first paragraph break after its middle.
fn halves(path: &Path) -> anyhow::Result<(Document, Document)> {
    let bytes = std::fs::read(path)?;
    let mid = bytes.len() / 2;
    let cut = bytes[mid..]
        .windows(2)
        .position(|w| w == b"\n\n")
        .map_or(mid, |p| mid + p + 1);
    let name = path.display().to_string();
    let a = Document::from_bytes(Source::File(format!("{name}#1").into()), &bytes[..cut])?;
    let b = Document::from_bytes(Source::File(format!("{name}#2").into()), &bytes[cut..])?;
    Ok((a, b))
}

fn main() -> anyhow::Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    args.retain(|a| a != "--json");
    let (left, right) = match args.as_slice() {
        [flag, file] if flag == "--halves" => halves(Path::new(file))?,
        [l, r] => (Document::open(Path::new(l))?, Document::open(Path::new(r))?),
        _ => (Document::seed_left(), Document::seed_right()),
    };
    let alignment = align(&left, &right, &AliasTable::builtin());
    let report = AlignReport::new(&left, &right, &alignment);
    if json {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        report.write_json(&mut out)?;
        std::io::Write::flush(&mut out)?;
    } else {
        print!("{}", report.to_table());
    }
    Ok(())
}
