//! Start-up settings: the config file, the themes and the keymap, resolved
//! from the command line, the environment and the user's files. Soft
//! problems become warnings for the status line; only what the user asked for
//! explicitly and cannot be honoured is an error.

use std::path::Path;

use thiserror::Error;

use crate::align::{AliasError, AliasTable};
use crate::config::{CheckReport, Config, ConfigError, LoadedConfig, Paths};
use crate::diagnostic::Warning;
use crate::keymap::{Keymap, KeymapError};
use crate::theme::{Theme, ThemeError, ThemeSet, no_color_from_env};

/// Why the reader cannot start with what the user asked for.
#[derive(Debug, Error)]
pub enum SetupError {
    #[error("{0}")]
    Config(#[from] ConfigError),
    #[error("{0}")]
    Theme(#[from] ThemeError),
    #[error("{0}")]
    Topics(#[from] AliasError),
}

/// Everything resolved at start-up.
#[derive(Debug, Clone)]
pub struct Setup {
    pub paths: Paths,
    pub config: Config,
    pub theme: Theme,
    /// Every theme, in name order, for the theme picker.
    pub themes: Vec<Theme>,
    pub keymap: Keymap,
    pub aliases: AliasTable,
    pub warnings: Vec<Warning>,
}

impl Setup {
    /// Reads the config (`explicit` or the default file), the themes, the
    /// keymap overrides and the topic aliases. `theme` is an explicit
    /// `--theme`, `topics` an explicit `--topics`.
    pub fn load(
        paths: Paths,
        explicit: Option<&Path>,
        theme: Option<&str>,
        topics: Option<&Path>,
    ) -> Result<Setup, SetupError> {
        let loaded = match explicit {
            Some(path) => LoadedConfig::load_explicit(path)?,
            None => LoadedConfig::load(&paths.config_file()),
        };
        let mut warnings = loaded.warnings.clone();
        let (set, _all_theme_warnings) = ThemeSet::load(Some(&paths.themes_dir()));
        let (chosen, theme_warnings) =
            set.resolve_choice(theme, loaded.config.theme.as_deref(), no_color_from_env())?;
        warnings.extend(theme_warnings);
        let (keymap, key_errors) = Keymap::from_overrides(&loaded.config.key_overrides());
        warnings.extend(keymap_warnings(&loaded, &key_errors));
        let themes = set.names().iter().filter_map(|n| set.get(n)).collect();
        let aliases = load_aliases(&paths, topics, &mut warnings)?;
        Ok(Setup {
            paths,
            config: loaded.config,
            theme: chosen,
            themes,
            keymap,
            aliases,
            warnings,
        })
    }

    /// The status line's first message: the first warning and how many more.
    pub fn summary(&self) -> Option<String> {
        let first = self.warnings.first()?;
        Some(match self.warnings.len() {
            1 => first.to_string(),
            n => format!("{first} (+{} more: run `diptych config --check`)", n - 1),
        })
    }
}

/// The built-in aliases merged with the user's topics file: `explicit`
/// must work; the default file may be missing, and if broken it is reported
/// and the built-ins are used.
pub fn load_aliases(
    paths: &Paths,
    explicit: Option<&Path>,
    warnings: &mut Vec<Warning>,
) -> Result<AliasTable, AliasError> {
    if let Some(path) = explicit {
        return AliasTable::with_user_file(path);
    }
    let path = paths.topics_file();
    if !path.exists() {
        return Ok(AliasTable::builtin());
    }
    Ok(AliasTable::with_user_file(&path).unwrap_or_else(|e| {
        warnings.push(Warning::general(e.to_string()));
        AliasTable::builtin()
    }))
}

/// Keymap problems placed at their line and column in the config file.
pub fn keymap_warnings(loaded: &LoadedConfig, errors: &[KeymapError]) -> Vec<Warning> {
    errors
        .iter()
        .map(|error| {
            let at = error
                .written_at()
                .into_iter()
                .find_map(|(table, action)| loaded.key_location(&table, action.as_deref()));
            match (at, &loaded.file) {
                (Some(at), Some(_)) => loaded.warning_at(at, error.to_string()),
                (_, Some(file)) => Warning::in_file(file, error.to_string()),
                _ => Warning::general(error.to_string()),
            }
        })
        .collect()
}

/// `diptych config --check`: the config, the user themes and the keymap,
/// every problem listed.
pub fn check(paths: &Paths, explicit: Option<&Path>, topics: Option<&Path>) -> CheckReport {
    let mut report = crate::config::check(paths, explicit);
    let (_, key_errors) = Keymap::from_overrides(&report.config.config.key_overrides());
    for warning in keymap_warnings(&report.config, &key_errors) {
        report.push(warning);
    }
    let mut alias_warnings = Vec::new();
    if let Err(e) = load_aliases(paths, topics, &mut alias_warnings) {
        alias_warnings.push(Warning::general(e.to_string()));
    }
    for warning in alias_warnings {
        report.push(warning);
    }
    report
}
