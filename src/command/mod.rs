//! The subcommands, one module each. `main.rs` only parses the command line
//! and turns a [`Failure`] into a message and an exit status.

pub mod align;
pub mod config;
pub mod export;
mod output;
pub mod reader;
pub mod tags;

use std::fmt;
use std::path::{Path, PathBuf};

pub use output::{SafeWriter, emit, output_failure};

use crate::cli::{Cli, Command, TagsCommand};
use crate::config::Paths;
use crate::document::Document;
use crate::tags::DocumentRef;
use crate::tags::store::{Opened, Store, StoreError, TagFile};

/// Exit status for unusable input (bad files, bad arguments, bad choices).
pub const EXIT_BAD_INPUT: u8 = 2;

/// Why a command stopped: the exit status and what to tell the user (empty
/// for a quiet end, e.g. a closed pipe).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub status: u8,
    pub message: String,
}

impl Failure {
    /// An input that cannot be used: exit status 2.
    pub fn bad_input(message: impl fmt::Display) -> Self {
        Failure {
            status: EXIT_BAD_INPUT,
            message: message.to_string(),
        }
    }

    /// Anything else that went wrong: exit status 1.
    pub fn other(message: impl fmt::Display) -> Self {
        Failure {
            status: 1,
            message: message.to_string(),
        }
    }

    /// Ends with `status` and says nothing.
    pub fn quiet(status: u8) -> Self {
        Failure {
            status,
            message: String::new(),
        }
    }
}

/// Runs the command the command line names; `Ok` carries the exit status.
pub fn run(cli: &Cli) -> Result<u8, Failure> {
    let paths = Paths::from_env().map_err(Failure::bad_input)?;
    match &cli.command {
        Some(Command::Config { default, check }) => config::run(cli, &paths, *default, *check),
        Some(Command::Align {
            files,
            json,
            candidates,
        }) => align::run(cli, &paths, files, *json, *candidates),
        Some(Command::Export {
            files,
            format,
            include_untagged,
            output,
            left_name,
            right_name,
            topic,
        }) => export::run(
            cli,
            &paths,
            &export::Request {
                files,
                format,
                include_untagged: *include_untagged,
                output: output.as_deref().filter(|p| *p != Path::new("-")),
                names: [left_name.clone(), right_name.clone()],
                topic: topic.as_deref(),
            },
        ),
        Some(Command::Tags {
            command: TagsCommand::List,
        }) => tags::list(cli, &paths),
        Some(Command::Tags {
            command: TagsCommand::Compare { a, b, files, json },
        }) => tags::compare(cli, &paths, [a, b], files, *json),
        Some(Command::Tags {
            command:
                TagsCommand::Merge {
                    base,
                    ours,
                    theirs,
                    output,
                    git,
                },
        }) => tags::merge(
            [base, ours, theirs],
            match output {
                Some(path) if !*git => tags::MergeOutput::File(path),
                _ => tags::MergeOutput::Git,
            },
        ),
        None => reader::run(cli, paths),
    }
}

pub use crate::shell::stderr::{note, warn};

/// The two documents named on the command line, or the bundled seeds.
pub fn load_pair(files: &[PathBuf]) -> Result<(Document, Document), Failure> {
    match files {
        [] => Ok((Document::seed_left(), Document::seed_right())),
        [left, right] => {
            let open = |p: &PathBuf| Document::open(p).map_err(Failure::bad_input);
            Ok((open(left)?, open(right)?))
        }
        _ => Err(Failure::bad_input(
            "give two files (LEFT RIGHT), or none to open the bundled reports",
        )),
    }
}

/// How a command uses the tag set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagUse {
    /// The reader: locked, created by the first save.
    Edit,
    /// Export: read only; no lock, no file or directory created.
    Read,
}

/// The tag set for these two reports: `--tags PATH`, or the default one of
/// this document pair in the tag set directory. A `--tags` that cannot be
/// used is bad input (exit 2); a data directory problem is exit 1.
pub fn open_tags(
    tags: Option<&Path>,
    tagset_dir: &Path,
    left: &Document,
    right: &Document,
    usage: TagUse,
) -> Result<(Store, Opened), Failure> {
    if let Some(path) = tags {
        let dir = crate::atomic::parent_dir(path);
        if !dir.is_dir() {
            return Err(Failure::bad_input(format!(
                "--tags {}: the directory {} does not exist; create it first or give another path",
                path.display(),
                dir.display()
            )));
        }
        let opened = match usage {
            TagUse::Edit => TagFile::open(path),
            TagUse::Read => TagFile::open_read_only(path),
        };
        return match opened {
            Ok(opened) => Ok((Store::existing(dir), opened)),
            Err(e) => Err(Failure::bad_input(e)),
        };
    }
    let (l, r) = (DocumentRef::of(left), DocumentRef::of(right));
    let store_failure = |e: StoreError| Failure::other(e);
    match usage {
        TagUse::Edit => {
            let store = Store::open(tagset_dir).map_err(store_failure)?;
            let opened = store.open_for_pair(&l, &r).map_err(store_failure)?;
            Ok((store, opened))
        }
        TagUse::Read => {
            let store = Store::existing(tagset_dir);
            let opened = store.read_for_pair(&l, &r).map_err(store_failure)?;
            Ok((store, opened))
        }
    }
}
