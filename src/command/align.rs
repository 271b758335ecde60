//! `diptych align`: topics and pairs of two reports without the reader, as
//! a table or JSON on standard output.

use std::path::PathBuf;

use std::io::Write;

use super::{Failure, SafeWriter, emit, load_pair, output_failure};
use crate::align::{AlignOptions, AlignReport, align_with};
use crate::cli::Cli;
use crate::config::Paths;
use crate::sanitize::printable;
use crate::shell::setup;

pub fn run(
    cli: &Cli,
    paths: &Paths,
    files: &[PathBuf],
    json: bool,
    candidates: usize,
) -> Result<u8, Failure> {
    let mut warnings = Vec::new();
    let aliases = setup::load_aliases(paths, cli.topics.as_deref(), &mut warnings)
        .map_err(Failure::bad_input)?;
    for warning in &warnings {
        super::warn(&warning.to_string());
    }
    let (left, right) = load_pair(files)?;
    let options = AlignOptions { candidates };
    let alignment = align_with(&left, &right, &aliases, options, &mut |_| {});
    let mut report = AlignReport::new(&left, &right, &alignment);
    if candidates == 0 {
        report = report.without_sentences();
    }
    if json {
        // Streamed: a book's report is several times the size of its text.
        let stdout = std::io::stdout();
        // serde_json writes token by token: the buffer in front gives the
        // sanitising writer large chunks, which it passes on uncopied.
        let mut out = std::io::BufWriter::with_capacity(
            1 << 16,
            SafeWriter::new(std::io::BufWriter::new(stdout.lock())),
        );
        return report
            .write_json(&mut out)
            .map_err(std::io::Error::from)
            .and_then(|()| out.write_all(b"\n"))
            .and_then(|()| out.into_inner().map_err(|e| e.into_error()))
            .and_then(|mut safe| safe.finish())
            .map(|()| 0)
            .map_err(output_failure);
    }
    let mut out = report.to_table();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    emit(&printable(&out))?;
    Ok(0)
}
