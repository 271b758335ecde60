//! `diptych [LEFT RIGHT]`: loads settings, reports and the tag set
//! (refusing bad input before the terminal is touched) and hands over to
//! the shell's event loop.

use super::{Failure, TagUse, load_pair, open_tags};
use crate::app::{App, prepare};
use crate::cli::Cli;
use crate::config::Paths;
use crate::shell::runtime;
use crate::shell::session::Session;
use crate::shell::setup::Setup;
use crate::shell::state::StateFile;
use crate::tags::store::Opened;

pub fn run(cli: &Cli, paths: Paths) -> Result<u8, Failure> {
    let setup = Setup::load(
        paths,
        cli.config.as_deref(),
        cli.theme.as_deref(),
        cli.topics.as_deref(),
    )
    .map_err(Failure::bad_input)?;
    let (left, right) = load_pair(&cli.files)?;
    let summary = setup.summary();
    let paths = setup.paths.clone();
    let tagset_dir = setup.config.tagset_dir_or_default(&setup.paths);
    let tags = open_tags(
        cli.tags.as_deref(),
        &tagset_dir,
        &left,
        &right,
        TagUse::Edit,
    );
    // An explicit --tags that cannot be used is an error before the
    // terminal is touched; a default tag set that cannot be opened leaves
    // the reader usable without tagging.
    let tags = match tags {
        Err(failure) if cli.tags.is_some() => return Err(failure),
        other => other,
    };
    // The set to compare with is refused before the terminal is touched.
    let editing = tags.as_ref().ok().map(|(_, opened)| opened.file.path());
    let overlay = match cli.compare.as_deref() {
        Some(arg) => Some(super::tags::overlay(
            arg,
            &tagset_dir,
            editing,
            &left,
            &right,
        )?),
        None => None,
    };
    // What the reader remembers: the theme picked last (unless --theme, or
    // a config theme set since), and where these two reports were left.
    let (state, state_notice) = StateFile::load(&paths.state_file());
    let config_theme = setup.config.theme.clone();
    let theme = match state.theme(config_theme.as_deref()) {
        Some(name) if cli.theme.is_none() => setup
            .themes
            .iter()
            .find(|t| t.name == name)
            .cloned()
            .unwrap_or(setup.theme),
        _ => setup.theme,
    };
    let resume = state.session(&left.hash, &right.hash);
    let mut app = App::new(left, right, setup.keymap)
        .with_themes(theme, setup.themes)
        .with_wrap_limit(setup.config.wrap_width_limit)
        .with_scroll_lock(setup.config.scroll_lock)
        .with_analyst(
            setup
                .config
                .analyst_or(std::env::var("USER").ok().as_deref()),
        )
        .with_aliases(setup.aliases)
        .with_warning(summary)
        .with_warning(state_notice);
    if let Some(resume) = resume {
        app = app.with_resume(resume);
    }
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
        Err(failure) => {
            app = app.with_warning(Some(format!("tagging unavailable: {}", failure.message)));
            None
        }
    };
    // After the open set, so that what it says about the two is said last.
    app = app.with_overlay(overlay);
    let drafts_dir = paths.data_dir.join("drafts");
    let leftovers = crate::shell::editor::leftover_drafts(&drafts_dir);
    if let Some(first) = leftovers.first() {
        app = app.with_warning(Some(format!(
            "{} note draft(s) from an editor session that was cut off are kept, e.g. {}: copy what you need, then delete them",
            leftovers.len(),
            first.display()
        )));
    }
    let options = runtime::Options {
        first_frame_and_exit: cli.first_frame_and_exit,
        session,
        drafts_dir: Some(drafts_dir),
        state: Some((state, config_theme)),
    };
    match runtime::run(app, options) {
        Ok(exit) => Ok(exit.code() as u8),
        Err(err) => Err(Failure::other(format!("{err:#}"))),
    }
}
