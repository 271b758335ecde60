//! Entry point: parses the command line, runs the command it names
//! (`diptych::command`), and maps the outcome to an exit status: 0, 1 for
//! errors, 2 for unusable input, 128 + N when ended by signal N.

use std::process::ExitCode;

use clap::Parser;
use diptych::cli::Cli;
use diptych::command;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match command::run(&cli) {
        Ok(status) => ExitCode::from(status),
        Err(failure) => {
            command::note(&failure.message);
            ExitCode::from(failure.status)
        }
    }
}
