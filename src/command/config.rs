//! `diptych config`: prints the commented default config, or checks the
//! user's config, keymap, themes and topics and lists every problem.

use super::{Failure, emit};
use crate::cli::Cli;
use crate::config::{Paths, default_config_text};
use crate::shell::setup;

pub fn run(cli: &Cli, paths: &Paths, default: bool, check: bool) -> Result<u8, Failure> {
    if default || !check {
        emit(&default_config_text())?;
        return Ok(0);
    }
    let report = setup::check(paths, cli.config.as_deref(), cli.topics.as_deref());
    let file = report
        .config
        .file
        .clone()
        .unwrap_or_else(|| paths.config_file());
    if report.is_ok() {
        let what = if file.is_file() {
            format!("{} and", file.display())
        } else {
            format!(
                "no config file at {} (the defaults apply; `diptych config --default > FILE` writes one);",
                file.display()
            )
        };
        emit(&format!(
            "ok: {what} {} themes checked, no problems\n",
            report.themes.names().len()
        ))?;
        return Ok(0);
    }
    let listing: String = report
        .problems
        .iter()
        .map(|problem| format!("{problem}\n"))
        .collect();
    emit(&listing)?;
    super::note(&format!("{} problem(s) found", report.problems.len()));
    Ok(1)
}
