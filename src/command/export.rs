//! `diptych export`: the comparison notes of a tag set in one format, to
//! standard output or atomically to a file. Reads the tag set without
//! locking or creating anything, and never writes over the tag set, its
//! backup or lock, or either report.

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
    pub output: Option<&'a Path>,
}

pub fn run(cli: &Cli, paths: &Paths, request: &Request<'_>) -> Result<u8, Failure> {
    let format: Format = request.format.parse().map_err(Failure::bad_input)?;
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
    let input = crate::export::input::build(
        &left,
        &right,
        &alignment,
        &prepared.set,
        &prepared.tag_states(),
        request.include_untagged,
    );
    let text = export::render(
        format,
        &input,
        &export::Options {
            include_untagged: request.include_untagged,
        },
    );
    match request.output {
        None => emit(&text).map(|()| 0),
        Some(path) => {
            let written = export::write_atomic(path, text.as_bytes()).map_err(Failure::other)?;
            super::note(&format!("wrote {}", written.display()));
            Ok(0)
        }
    }
}
