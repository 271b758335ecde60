//! Entry point: parses the command line, loads settings and reports
//! (refusing bad input before the terminal is touched), runs a headless
//! subcommand or hands over to the reader's runtime, and maps outcomes to
//! exit statuses.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use diptych::align::{AlignReport, align};
use diptych::app::{App, TagAccess, prepare};
use diptych::brief::TagState;
use diptych::cli::{Cli, Command, TagsCommand};
use diptych::config::{Paths, default_config_text};
use diptych::document::Document;
use diptych::export::{self, Format};
use diptych::runtime;
use diptych::session::Session;
use diptych::setup::{self, Setup};
use diptych::tags::DocumentRef;
use diptych::tags::store::{Opened, Store, StoreError, TagFile};

/// Exit status for unusable input (bad files, bad arguments, bad choices).
const EXIT_BAD_INPUT: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let paths = match Paths::from_env() {
        Ok(paths) => paths,
        Err(e) => return fail(EXIT_BAD_INPUT, &e),
    };
    match &cli.command {
        Some(Command::Config { default, check }) => config_command(&cli, &paths, *default, *check),
        Some(Command::Align { files, json }) => align_command(&cli, &paths, files, *json),
        Some(Command::Export {
            files,
            format,
            include_untagged,
            output,
        }) => export_command(
            &cli,
            &paths,
            files,
            format,
            *include_untagged,
            output.as_deref(),
        ),
        Some(Command::Tags {
            command: TagsCommand::List,
        }) => tags_list(&cli, paths),
        None => reader(&cli, paths),
    }
}

fn fail(code: u8, message: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("diptych: {message}");
    ExitCode::from(code)
}

fn reader(cli: &Cli, paths: Paths) -> ExitCode {
    let setup = match Setup::load(
        paths,
        cli.config.as_deref(),
        cli.theme.as_deref(),
        cli.topics.as_deref(),
    ) {
        Ok(setup) => setup,
        Err(e) => return fail(EXIT_BAD_INPUT, &e),
    };
    let (left, right) = match load_pair(&cli.files) {
        Ok(pair) => pair,
        Err(message) => return fail(EXIT_BAD_INPUT, &message),
    };
    let summary = setup.summary();
    let tags = open_tags(cli, &setup, &left, &right);
    let mut app = App::new(left, right, setup.keymap)
        .with_themes(setup.theme, setup.themes)
        .with_wrap_limit(setup.config.wrap_width_limit)
        .with_scroll_lock(setup.config.scroll_lock)
        .with_aliases(setup.aliases)
        .with_warning(summary);
    let session = match tags {
        Ok((store, Opened { file, content })) => {
            let set = {
                let [l, r] = &app.panes;
                prepare(&file, content, &l.doc, &r.doc)
            };
            app.open_tags(set, setup.config.autosave_delay_ms);
            Some(Session {
                file: Some(file),
                store: Some(store),
            })
        }
        Err(e) => {
            app = app.with_warning(Some(format!("tagging unavailable: {e}")));
            None
        }
    };
    let options = runtime::Options {
        first_frame_and_exit: cli.first_frame_and_exit,
        session,
    };
    match runtime::run(app, options) {
        Ok(exit) => ExitCode::from(exit.code() as u8),
        Err(err) => fail(1, &format!("{err:#}")),
    }
}

fn config_command(cli: &Cli, paths: &Paths, default: bool, check: bool) -> ExitCode {
    if default || !check {
        print!("{}", default_config_text());
        return ExitCode::SUCCESS;
    }
    let report = setup::check(paths, cli.config.as_deref(), cli.topics.as_deref());
    let file = report
        .config
        .file
        .clone()
        .unwrap_or_else(|| paths.config_file());
    if report.is_ok() {
        println!(
            "ok: {} and {} themes checked, no problems",
            file.display(),
            report.themes.names().len()
        );
        return ExitCode::SUCCESS;
    }
    for problem in &report.problems {
        println!("{problem}");
    }
    eprintln!("diptych: {} problem(s) found", report.problems.len());
    ExitCode::FAILURE
}

fn export_command(
    cli: &Cli,
    paths: &Paths,
    files: &[PathBuf],
    format: &str,
    include_untagged: bool,
    output: Option<&std::path::Path>,
) -> ExitCode {
    let format: Format = match format.parse() {
        Ok(format) => format,
        Err(e) => return fail(EXIT_BAD_INPUT, &e),
    };
    let setup = match Setup::load(
        paths.clone(),
        cli.config.as_deref(),
        None,
        cli.topics.as_deref(),
    ) {
        Ok(setup) => setup,
        Err(e) => return fail(EXIT_BAD_INPUT, &e),
    };
    let (left, right) = match load_pair(files) {
        Ok(pair) => pair,
        Err(message) => return fail(EXIT_BAD_INPUT, &message),
    };
    let (_store, Opened { file, content }) = match open_tags(cli, &setup, &left, &right) {
        Ok(opened) => opened,
        Err(e) => return fail(1, &e),
    };
    let opened = prepare(&file, content, &left, &right);
    if let TagAccess::Refused(reason) = &opened.access {
        return fail(EXIT_BAD_INPUT, &setup.keymap.fill_keys(reason));
    }
    let states: Vec<TagState> = if opened.states.len() == opened.set.tags.len() {
        opened.states.iter().map(TagState::of).collect()
    } else {
        Vec::new()
    };
    let alignment = align(&left, &right, &setup.aliases);
    let input = diptych::brief::build(
        &left,
        &right,
        &alignment,
        &opened.set,
        &states,
        include_untagged,
    );
    let text = export::render(format, &input, &export::Options { include_untagged });
    match output {
        None => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Some(path) => match export::write_atomic(path, text.as_bytes()) {
            Ok(()) => {
                eprintln!("diptych: wrote {}", path.display());
                ExitCode::SUCCESS
            }
            Err(e) => fail(1, &e),
        },
    }
}

fn tags_list(cli: &Cli, paths: Paths) -> ExitCode {
    let loaded = match cli.config.as_deref() {
        Some(path) => match diptych::config::LoadedConfig::load_explicit(path) {
            Ok(loaded) => loaded,
            Err(e) => return fail(EXIT_BAD_INPUT, &e),
        },
        None => diptych::config::LoadedConfig::load(&paths.config_file()),
    };
    let dir = loaded.config.tagset_dir_or_default(&paths);
    let listed = Store::open(&dir).and_then(|store| store.list());
    match listed {
        Ok(summaries) if summaries.is_empty() => {
            println!("no tag sets in {}", dir.display());
            ExitCode::SUCCESS
        }
        Ok(summaries) => {
            print!("{}", diptych::tags::view::list_table(&summaries));
            ExitCode::SUCCESS
        }
        Err(e) => fail(1, &e),
    }
}

fn align_command(cli: &Cli, paths: &Paths, files: &[PathBuf], json: bool) -> ExitCode {
    let mut warnings = Vec::new();
    let aliases = match setup::load_aliases(paths, cli.topics.as_deref(), &mut warnings) {
        Ok(aliases) => aliases,
        Err(e) => return fail(EXIT_BAD_INPUT, &e),
    };
    for warning in &warnings {
        eprintln!("diptych: warning: {warning}");
    }
    let (left, right) = match load_pair(files) {
        Ok(pair) => pair,
        Err(message) => return fail(EXIT_BAD_INPUT, &message),
    };
    let alignment = align(&left, &right, &aliases);
    let report = AlignReport::new(&left, &right, &alignment);
    let out = if json {
        report.to_json()
    } else {
        report.to_table()
    };
    print!("{out}");
    if !out.ends_with('\n') {
        println!();
    }
    ExitCode::SUCCESS
}

/// The tag set for these two reports: `--tags PATH`, or the default one
/// of this document pair in the tag set directory.
fn open_tags(
    cli: &Cli,
    setup: &Setup,
    left: &Document,
    right: &Document,
) -> Result<(Store, Opened), StoreError> {
    if let Some(path) = &cli.tags {
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(std::path::Path::new("."));
        return Ok((Store::open(dir)?, TagFile::open(path)?));
    }
    let store = Store::open(setup.config.tagset_dir_or_default(&setup.paths))?;
    let opened = store.open_for_pair(&DocumentRef::of(left), &DocumentRef::of(right))?;
    Ok((store, opened))
}

/// The two documents named on the command line, or the bundled seeds.
fn load_pair(files: &[PathBuf]) -> Result<(Document, Document), String> {
    match files {
        [] => Ok((Document::seed_left(), Document::seed_right())),
        [left, right] => {
            let open = |p: &PathBuf| Document::open(p).map_err(|e| e.to_string());
            Ok((open(left)?, open(right)?))
        }
        _ => Err("give two files (LEFT RIGHT), or none to open the bundled reports".into()),
    }
}
