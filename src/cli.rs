//! Command-line interface: the reader by default, headless subcommands for
//! scripts.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "diptych",
    version,
    about = "Read two reports side by side, align what they share, judge where they agree.",
    long_about = "Read two reports side by side, align what they share, judge where they agree.\n\n\
        With no files, opens the two bundled sample reports.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// The two reports to compare: LEFT RIGHT (plain text or Markdown).
    #[arg(value_name = "FILE", num_args = 0..=2)]
    pub files: Vec<PathBuf>,

    /// Theme to use (see `diptych config --check` for the available names).
    #[arg(long, value_name = "NAME")]
    pub theme: Option<String>,

    /// Config file to read instead of ~/.config/diptych/config.toml.
    #[arg(long, value_name = "PATH", global = true)]
    pub config: Option<PathBuf>,

    /// Draw the first frame and exit (for timing start-up).
    #[arg(long, hide = true)]
    pub first_frame_and_exit: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the default config, or check the user's config, keymap and themes.
    Config {
        /// Print a complete, commented default config file.
        #[arg(long, conflicts_with = "check")]
        default: bool,
        /// Validate the config file, key bindings and user themes; exit 1 if
        /// anything is wrong, listing every problem.
        #[arg(long)]
        check: bool,
    },
}
