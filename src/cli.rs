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
    /// The two reports to compare: LEFT RIGHT (plain text, Markdown, a saved
    /// web page or a PDF).
    #[arg(value_name = "FILE", num_args = 0..=2)]
    pub files: Vec<PathBuf>,

    /// Theme to use (see `diptych config --check` for the available names).
    #[arg(long, value_name = "NAME")]
    pub theme: Option<String>,

    /// Config file to read instead of ~/.config/diptych/config.toml.
    #[arg(long, value_name = "PATH", global = true)]
    pub config: Option<PathBuf>,

    /// Topic alias file to merge over the built-in aliases instead of
    /// ~/.config/diptych/topics.toml.
    #[arg(long, value_name = "PATH", global = true)]
    pub topics: Option<PathBuf>,

    /// Tag set file to use (created at the first judgement if missing) instead of the default tag
    /// set of the two reports in the data directory.
    #[arg(long, value_name = "PATH", global = true)]
    pub tags: Option<PathBuf>,

    /// Another analyst's tag set (a file, or a tag set name) to show beside
    /// yours, read-only: both stances on each pair, where you differ, and
    /// the agreement so far (`diptych tags compare` figures).
    #[arg(long, value_name = "SET")]
    pub compare: Option<PathBuf>,

    /// Draw the first frame and exit (for timing start-up).
    #[arg(long, hide = true)]
    pub first_frame_and_exit: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Align two reports without the reader: topics and pairs, as a table or
    /// JSON (see the README for the fields).
    Align {
        /// LEFT RIGHT; none for the bundled reports.
        #[arg(value_name = "FILE", num_args = 0..=2)]
        files: Vec<PathBuf>,
        /// Print one JSON document instead of a table.
        #[arg(long)]
        json: bool,
        /// Candidates per sentence in the JSON (0 leaves out sentences and
        /// candidates).
        #[arg(long, value_name = "N", default_value_t = 10)]
        candidates: usize,
    },
    /// Export the comparison notes of a tag set (to stdout without -o).
    Export {
        /// LEFT RIGHT; none for the bundled reports.
        #[arg(value_name = "FILE", num_args = 0..=2)]
        files: Vec<PathBuf>,
        /// md, html, docx, odt, csv, json or w3c.
        #[arg(long, value_name = "FORMAT")]
        format: String,
        /// Also list aligned pairs that have no tag yet.
        #[arg(long)]
        include_untagged: bool,
        /// Write to this file (atomically) instead of stdout; `-` is stdout.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// What the brief calls the left report (default: the name kept in
        /// the tag set, else the byline's author, else the title).
        #[arg(long, value_name = "NAME")]
        left_name: Option<String>,
        /// What the brief calls the right report.
        #[arg(long, value_name = "NAME")]
        right_name: Option<String>,
        /// File the pairs under this topic first (a topic label, as
        /// `diptych align` lists them).
        #[arg(long, value_name = "TOPIC")]
        topic: Option<String>,
    },
    /// Tag sets on disk: list them, compare two analysts' sets, merge two
    /// versions.
    Tags {
        #[command(subcommand)]
        command: TagsCommand,
    },
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

#[derive(Debug, Subcommand)]
pub enum TagsCommand {
    /// List the tag sets in the tag set directory: documents and counts.
    List,
    /// How far two tag sets on the same reports agree: pairs judged by
    /// both and by one only, percent agreement, Cohen's kappa,
    /// Krippendorff's alpha, per topic, and every disagreement.
    Compare {
        /// The first tag set: a file, or a tag set name in the tag set
        /// directory (`diptych tags list`).
        #[arg(value_name = "A")]
        a: PathBuf,
        /// The second tag set.
        #[arg(value_name = "B")]
        b: PathBuf,
        /// LEFT RIGHT, the reports both sets judge; none for the bundled
        /// reports.
        #[arg(value_name = "FILE", num_args = 0..=2)]
        files: Vec<PathBuf>,
        /// Print one JSON object instead of the report (docs/AGREEMENT.md).
        #[arg(long)]
        json: bool,
    },
    /// Three-way merge of two versions of a tag set: changes on one side
    /// are taken, a stance or note changed differently on both is kept as
    /// a recorded conflict, no judgement is dropped.
    Merge {
        /// The common ancestor of the two versions (an empty file when
        /// there is none).
        #[arg(value_name = "BASE")]
        base: PathBuf,
        /// Our version (with --git: written with the result).
        #[arg(value_name = "OURS")]
        ours: PathBuf,
        /// Their version.
        #[arg(value_name = "THEIRS")]
        theirs: PathBuf,
        /// Write the merged tag set to this file (atomically).
        #[arg(
            short = 'o',
            long = "output",
            value_name = "FILE",
            required_unless_present = "git",
            conflicts_with = "git"
        )]
        output: Option<PathBuf>,
        /// Work as git's merge driver (%O %A %B): write the result over
        /// OURS; exit 0 when clean, 1 when conflicts were recorded, 2 on
        /// errors.
        #[arg(long)]
        git: bool,
    },
}
