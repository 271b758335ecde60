//! Entry point: parses the command line, loads the reports (refusing bad
//! input before the terminal is touched) and hands over to the runtime.

use std::process::ExitCode;

use clap::Parser;
use diptych::app::App;
use diptych::cli::Cli;
use diptych::document::{Document, LoadError};
use diptych::keymap::Keymap;
use diptych::runtime;
use diptych::theme::Theme;

/// Exit status for unusable input (bad files, bad arguments).
const EXIT_BAD_INPUT: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (left, right) = match load_pair(&cli.files) {
        Ok(pair) => pair,
        Err(message) => {
            eprintln!("diptych: {message}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    let app = App::new(left, right, Keymap::default());
    let options = runtime::Options {
        first_frame_and_exit: cli.first_frame_and_exit,
    };
    match runtime::run(app, &Theme::default(), options) {
        Ok(exit) => ExitCode::from(exit.code() as u8),
        Err(err) => {
            eprintln!("diptych: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// The two documents named on the command line, or the bundled seeds.
fn load_pair(files: &[std::path::PathBuf]) -> Result<(Document, Document), String> {
    match files {
        [] => Ok((Document::seed_left(), Document::seed_right())),
        [left, right] => {
            let open = |p| Document::open(p).map_err(|e: LoadError| e.to_string());
            Ok((open(left)?, open(right)?))
        }
        _ => Err("give two files (LEFT RIGHT), or none to open the bundled reports".into()),
    }
}
