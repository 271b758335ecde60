//! Entry point: parses the command line, loads settings and reports
//! (refusing bad input before the terminal is touched), runs a headless
//! subcommand or hands over to the reader's runtime, and maps outcomes to
//! exit statuses.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use diptych::app::App;
use diptych::cli::{Cli, Command};
use diptych::config::{Paths, default_config_text};
use diptych::document::Document;
use diptych::runtime;
use diptych::setup::{self, Setup};

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
        None => reader(&cli, paths),
    }
}

fn fail(code: u8, message: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("diptych: {message}");
    ExitCode::from(code)
}

fn reader(cli: &Cli, paths: Paths) -> ExitCode {
    let setup = match Setup::load(paths, cli.config.as_deref(), cli.theme.as_deref()) {
        Ok(setup) => setup,
        Err(e) => return fail(EXIT_BAD_INPUT, &e),
    };
    let (left, right) = match load_pair(&cli.files) {
        Ok(pair) => pair,
        Err(message) => return fail(EXIT_BAD_INPUT, &message),
    };
    let summary = setup.summary();
    let app = App::new(left, right, setup.keymap)
        .with_themes(setup.theme, setup.themes)
        .with_wrap_limit(setup.config.wrap_width_limit)
        .with_warning(summary);
    let options = runtime::Options {
        first_frame_and_exit: cli.first_frame_and_exit,
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
    let report = setup::check(paths, cli.config.as_deref());
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
