//! `diptych export`: the comparison notes of a tag set in one format, to
//! standard output or atomically to a file. Reads the tag set without
//! locking or creating anything, and never writes over the tag set, its
//! backup or lock, or either report.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::{Failure, TagUse, emit, load_pair, open_tags};
use crate::align::align;
use crate::app::{TagAccess, prepare};
use crate::cli::Cli;
use crate::config::{LoadedConfig, Paths};
use crate::document::Source;
use crate::export::{self, Format, Protected};
use crate::tags::store::Content;

/// What the command line asked for.
pub struct Request<'a> {
    pub files: &'a [PathBuf],
    pub format: &'a str,
    pub include_untagged: bool,
    /// `None` (or `-` on the command line) for standard output.
    pub output: Option<&'a Path>,
    /// Names for the two reports given on the command line.
    pub names: [Option<String>; 2],
    /// A topic label to file pairs under first.
    pub topic: Option<&'a str>,
}

pub fn run(cli: &Cli, paths: &Paths, request: &Request<'_>) -> Result<u8, Failure> {
    let format: Format = request.format.parse().map_err(Failure::bad_input)?;
    if format.is_binary() && request.output.is_none() && std::io::stdout().is_terminal() {
        return Err(Failure::bad_input(format!(
            "a {} export is a binary file and is not written to the terminal: give -o FILE, or redirect standard output to a file",
            format.name()
        )));
    }
    let config = match cli.config.as_deref() {
        Some(path) => LoadedConfig::load_explicit(path).map_err(Failure::bad_input)?,
        None => LoadedConfig::load(&paths.config_file()),
    };
    let mut warnings = Vec::new();
    let aliases = crate::shell::setup::load_aliases(paths, cli.topics.as_deref(), &mut warnings)
        .map_err(Failure::bad_input)?;
    for warning in &warnings {
        super::warn(&warning.to_string());
    }
    let (left, right) = load_pair(request.files)?;
    let tagset_dir = config.config.tagset_dir_or_default(paths);
    let (_store, opened) = open_tags(
        cli.tags.as_deref(),
        &tagset_dir,
        &left,
        &right,
        TagUse::Read,
    )?;
    if let Some(output) = request.output {
        let mut protected = Protected::tag_file(opened.file.path());
        for doc in [&left, &right] {
            if let Source::File(path) = &doc.source {
                protected.push(Protected::report(path));
            }
        }
        export::check_output(output, &protected).map_err(Failure::bad_input)?;
    }
    let file = opened.file;
    let content = match opened.content {
        // Said as it is: the reader's advice (keys) means nothing here.
        Content::Unreadable(e) => return Err(Failure::bad_input(e)),
        Content::New if cli.tags.is_some() => {
            super::warn(&format!(
                "no tag set at {} (check the path): nothing is tagged yet",
                file.path().display()
            ));
            Content::New
        }
        content => content,
    };
    let prepared = prepare(&file, content, &left, &right);
    if let TagAccess::Refused(reason) = &prepared.access {
        return Err(Failure::bad_input(reason));
    }
    let alignment = align(&left, &right, &aliases);
    let focus_topic = match request.topic {
        None => None,
        Some(wanted) => Some(
            alignment
                .topics
                .iter()
                .position(|t| t.label.eq_ignore_ascii_case(wanted.trim()))
                .ok_or_else(|| {
                    Failure::bad_input(format!(
                        "no topic {wanted:?} in these reports: `diptych align` lists the topics"
                    ))
                })?,
        ),
    };
    let mut set = prepared.set.clone();
    for (slot, name) in set.names.iter_mut().zip(&request.names) {
        if let Some(name) = name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
            *slot = Some(name.to_string());
        }
    }
    let input = crate::export::input::build(
        &left,
        &right,
        &alignment,
        &set,
        &prepared.tag_states(),
        &crate::export::input::Context {
            include_untagged: request.include_untagged,
            focus_topic,
            date: brief_date(),
        },
    );
    let bytes = export::render(
        format,
        &input,
        &export::Options {
            include_untagged: request.include_untagged,
        },
    );
    match request.output {
        None if format.is_binary() => {
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes)
                .and_then(|()| out.flush())
                .map_err(super::output::output_failure)
                .map(|()| 0)
        }
        // Text exports are valid UTF-8 by construction.
        None => emit(&String::from_utf8_lossy(&bytes)).map(|()| 0),
        Some(path) => {
            let written = export::write_atomic(path, &bytes).map_err(Failure::other)?;
            super::note(&format!("wrote {}", written.display()));
            Ok(0)
        }
    }
}

/// The day a brief is dated: `SOURCE_DATE_EPOCH` (seconds since 1970, the
/// reproducible-builds convention) when set, else today (UTC).
fn brief_date() -> String {
    let when = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .map_or_else(std::time::SystemTime::now, |secs| {
            std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs)
        });
    crate::tags::time::rfc3339_utc(when)
        .chars()
        .take(10)
        .collect()
}
