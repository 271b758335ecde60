//! `diptych align`: topics and pairs of two reports without the reader, as
//! a table or JSON on standard output.

use std::path::PathBuf;

use super::{Failure, emit, load_pair};
use crate::align::{AlignReport, align};
use crate::cli::Cli;
use crate::config::Paths;
use crate::sanitize::printable;
use crate::shell::setup;

pub fn run(cli: &Cli, paths: &Paths, files: &[PathBuf], json: bool) -> Result<u8, Failure> {
    let mut warnings = Vec::new();
    let aliases = setup::load_aliases(paths, cli.topics.as_deref(), &mut warnings)
        .map_err(Failure::bad_input)?;
    for warning in &warnings {
        super::warn(&warning.to_string());
    }
    let (left, right) = load_pair(files)?;
    let alignment = align(&left, &right, &aliases);
    let report = AlignReport::new(&left, &right, &alignment);
    let mut out = if json {
        report.to_json()
    } else {
        report.to_table()
    };
    if !out.ends_with('\n') {
        out.push('\n');
    }
    emit(&printable(&out))?;
    Ok(0)
}
