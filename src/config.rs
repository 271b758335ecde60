//! Where diptych keeps its files (XDG, overridable so tests never touch the
//! real home directory) and the config file: reading it softly, with a
//! located warning for every problem, and `config --check`.
//!
//! Over 700 lines: the paths, and every config key with its check and located warning,
//! read in one place so `config --check` and the reader cannot disagree.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use etcetera::BaseStrategy;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Location, Warning, suggest, touched_by};
use crate::theme::ThemeSet;

/// Overrides the config directory (holds `config.toml` and `themes/`).
pub const CONFIG_DIR_ENV: &str = "DIPTYCH_CONFIG_DIR";
/// Overrides the data directory (holds tag sets by default).
pub const DATA_DIR_ENV: &str = "DIPTYCH_DATA_DIR";
/// Overrides the state directory (what the reader remembers between runs).
pub const STATE_DIR_ENV: &str = "DIPTYCH_STATE_DIR";

const APP_DIR: &str = "diptych";

/// Something that stops diptych from using a file the user named explicitly.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "cannot find the home directory to locate the config and data directories; \
         set {CONFIG_DIR_ENV} and {DATA_DIR_ENV}"
    )]
    NoHome,
    #[error("cannot read config file {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}:{location}: invalid config file: {message}", path.display())]
    Syntax {
        path: PathBuf,
        location: Location,
        message: String,
    },
}

/// The directories diptych reads and writes. Passed around explicitly so no
/// code looks up the home directory on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// `~/.config/diptych` by default.
    pub config_dir: PathBuf,
    /// `~/.local/share/diptych` by default.
    pub data_dir: PathBuf,
    /// `~/.local/state/diptych` by default: what the reader remembers
    /// between sessions (the theme picked, where each comparison was left).
    pub state_dir: PathBuf,
}

impl Paths {
    /// Config and data directories; the state directory is `state` inside
    /// the data directory (see [`Paths::with_state_dir`]).
    pub fn new(config_dir: impl Into<PathBuf>, data_dir: impl Into<PathBuf>) -> Self {
        let data_dir = data_dir.into();
        Paths {
            config_dir: config_dir.into(),
            state_dir: data_dir.join("state"),
            data_dir,
        }
    }

    pub fn with_state_dir(mut self, state_dir: impl Into<PathBuf>) -> Self {
        self.state_dir = state_dir.into();
        self
    }

    /// The directories from [`CONFIG_DIR_ENV`], [`DATA_DIR_ENV`] and
    /// [`STATE_DIR_ENV`] when set and non-empty, otherwise the XDG defaults
    /// (with `DIPTYCH_DATA_DIR` set and no state directory given, state goes
    /// under the data directory, so one variable keeps a test hermetic).
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var_os(name))
    }

    /// Like [`Paths::from_env`] with an injected environment, so tests need
    /// not (and, with `unsafe` forbidden, cannot) change the real one.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<OsString>) -> Result<Self, ConfigError> {
        let var = |name: &str| lookup(name).filter(|v| !v.is_empty()).map(PathBuf::from);
        let state = var(STATE_DIR_ENV);
        let (config_dir, data_dir, state_dir) =
            match (var(CONFIG_DIR_ENV), var(DATA_DIR_ENV), state) {
                (Some(config), Some(data), state) => {
                    let state = state.unwrap_or_else(|| data.join("state"));
                    (config, data, state)
                }
                (config, data, state) => {
                    // Only consult the home directory when an override is missing.
                    let xdg = etcetera::choose_base_strategy().map_err(|_| ConfigError::NoHome)?;
                    let data_given = data.is_some();
                    let data = data.unwrap_or_else(|| xdg.data_dir().join(APP_DIR));
                    let state = state.unwrap_or_else(|| match xdg.state_dir() {
                        Some(dir) if !data_given => dir.join(APP_DIR),
                        _ => data.join("state"),
                    });
                    (
                        config.unwrap_or_else(|| xdg.config_dir().join(APP_DIR)),
                        data,
                        state,
                    )
                }
            };
        Ok(Paths::new(config_dir, data_dir).with_state_dir(state_dir))
    }

    /// `<config dir>/config.toml`.
    pub fn config_file(&self) -> PathBuf {
        self.config_dir.join("config.toml")
    }

    /// `<config dir>/themes`, where user themes live.
    /// The user's topic aliases, merged over the built-in ones.
    pub fn topics_file(&self) -> PathBuf {
        self.config_dir.join("topics.toml")
    }

    pub fn themes_dir(&self) -> PathBuf {
        self.config_dir.join("themes")
    }

    /// `<state dir>/state.json`: the theme picked with ctrl-t and where
    /// each comparison was left.
    pub fn state_file(&self) -> PathBuf {
        self.state_dir.join("state.json")
    }

    /// `<data dir>/tagsets`, where tag sets go unless `tagset_dir` says otherwise.
    pub fn default_tagset_dir(&self) -> PathBuf {
        self.data_dir.join("tagsets")
    }
}

/// The settings from the config file. Every field has a default, so a
/// missing or broken file still yields a usable config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Theme name; `None` lets `NO_COLOR` pick `mono`, else `dark`.
    pub theme: Option<String>,
    /// `[keys]`: action name (snake_case, as written) to chord strings, both
    /// unvalidated: the keymap checks them. An empty list unbinds the action.
    pub keys: BTreeMap<String, Vec<String>>,
    /// `[keys.MODE]`: per mode, action name to chord strings (unvalidated).
    pub mode_keys: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    /// Quiet time after an edit before tags are saved; 0 turns autosave off.
    pub autosave_delay_ms: u64,
    /// Where tag sets are stored, already made absolute; `None` means
    /// [`Paths::default_tagset_dir`].
    pub tagset_dir: Option<PathBuf>,
    /// Widest a passage is wrapped, in columns; `None` wraps to the pane.
    pub wrap_width_limit: Option<u16>,
    /// Whether the panes start scrolling together.
    pub scroll_lock: bool,
    /// The analyst's name recorded on each judgement; `None` uses `$USER`.
    pub analyst: Option<String>,
}

/// Accepted range of `wrap_width_limit`: narrower is unreadable, wider is
/// surely a typo.
pub const WRAP_WIDTH_RANGE: std::ops::RangeInclusive<u16> = 20..=1000;
/// Largest accepted `autosave_delay_ms` (one hour).
pub const MAX_AUTOSAVE_DELAY_MS: u64 = 3_600_000;

const KNOWN_KEYS: &[&str] = &[
    "theme",
    "autosave_delay_ms",
    "tagset_dir",
    "wrap_width_limit",
    "scroll_lock",
    "analyst",
    "keys",
];

impl Default for Config {
    fn default() -> Self {
        Config {
            theme: None,
            keys: BTreeMap::new(),
            mode_keys: BTreeMap::new(),
            autosave_delay_ms: 1000,
            tagset_dir: None,
            wrap_width_limit: None,
            scroll_lock: true,
            analyst: None,
        }
    }
}

impl Config {
    /// Reads the config at `path` softly: a missing file is the default
    /// config, and every problem is a warning with the default kept for
    /// what was wrong.
    pub fn load(path: &Path) -> (Config, Vec<Warning>) {
        let loaded = LoadedConfig::load(path);
        (loaded.config, loaded.warnings)
    }

    /// Reads a config file named explicitly (`--config`): a file that cannot
    /// be read or is not valid TOML is an error. Problems with single values
    /// are still only warnings.
    pub fn load_explicit(path: &Path) -> Result<(Config, Vec<Warning>), ConfigError> {
        LoadedConfig::load_explicit(path).map(|loaded| (loaded.config, loaded.warnings))
    }

    /// Every key override, by table name: `[keys]` entries are normal
    /// mode's (a `[keys.normal]` table adds to them).
    pub fn key_overrides(&self) -> crate::keymap::Overrides {
        let mut all = self.mode_keys.clone();
        let normal = all.entry("normal".to_string()).or_default();
        for (action, chords) in &self.keys {
            normal
                .entry(action.clone())
                .or_insert_with(|| chords.clone());
        }
        all
    }

    /// The analyst's name to record on judgements: the configured one,
    /// else `user` (the login name from `$USER`) when it is a usable name.
    pub fn analyst_or(&self, user: Option<&str>) -> Option<String> {
        self.analyst.clone().or_else(|| {
            user.map(str::trim)
                .filter(|u| crate::tags::model::analyst_problem(u).is_none())
                .map(str::to_string)
        })
    }

    /// The directory for tag sets: the configured one or the default.
    pub fn tagset_dir_or_default(&self, paths: &Paths) -> PathBuf {
        self.tagset_dir
            .clone()
            .unwrap_or_else(|| paths.default_tagset_dir())
    }
}

/// Where one `[keys]` entry is written, for the keymap's own warnings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyLocations {
    /// The action name.
    pub action: Location,
    /// Each chord string, in the order of `Config::keys[action]`.
    pub chords: Vec<Location>,
}

/// Where a `[keys.MODE]` table and its entries are written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModeLocations {
    pub at: Location,
    pub keys: BTreeMap<String, KeyLocations>,
}

/// A config as read from a file, with everything needed to report problems
/// in it at their line and column.
#[derive(Debug, Clone)]
pub struct LoadedConfig {
    pub config: Config,
    pub warnings: Vec<Warning>,
    /// The file read; `None` when there was none and defaults apply.
    pub file: Option<PathBuf>,
    /// Where `theme = ...` is written.
    pub theme_at: Option<Location>,
    /// Where each `[keys]` entry is written, by action name.
    pub key_at: BTreeMap<String, KeyLocations>,
    /// Where each `[keys.MODE]` table is written, by mode name.
    pub mode_key_at: BTreeMap<String, ModeLocations>,
}

impl LoadedConfig {
    /// The default config, read from no file.
    pub fn defaults() -> Self {
        LoadedConfig {
            config: Config::default(),
            warnings: Vec::new(),
            file: None,
            theme_at: None,
            key_at: BTreeMap::new(),
            mode_key_at: BTreeMap::new(),
        }
    }

    /// See [`Config::load`].
    pub fn load(path: &Path) -> Self {
        match std::fs::read_to_string(path) {
            Ok(text) => Self::parse(path, &text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Self::defaults(),
            Err(e) => {
                let mut loaded = Self::defaults();
                loaded.warnings.push(Warning::in_file(
                    path,
                    format!("cannot read the config file: {e}; using the defaults"),
                ));
                loaded
            }
        }
    }

    /// See [`Config::load_explicit`].
    pub fn load_explicit(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        if let Err(error) = DeTable::parse(&text) {
            return Err(ConfigError::Syntax {
                path: path.to_path_buf(),
                location: Location::from_offset(&text, error.span().map_or(0, |s| s.start)),
                message: error.message().trim().to_owned(),
            });
        }
        Ok(Self::parse(path, &text))
    }

    /// Parses config `text` read from `file`. Never fails: a syntax error
    /// loses only what it touches, and each unusable value keeps its default.
    pub fn parse(file: &Path, text: &str) -> Self {
        let mut loaded = Self::defaults();
        loaded.file = Some(file.to_path_buf());
        let (table, errors) = DeTable::parse_recoverable(text);
        let error_spans: Vec<_> = errors.iter().filter_map(|e| e.span()).collect();
        let mut warnings = Vec::new();
        for error in errors {
            warnings.push(Warning::at(
                file,
                text,
                error.span().map_or(0, |s| s.start),
                format!("TOML syntax error: {}", error.message().trim()),
            ));
        }
        let mut cx = Cx {
            file,
            text,
            warnings: &mut warnings,
            error_spans: &error_spans,
        };
        let base_dir = file.parent().unwrap_or(Path::new("."));
        let config = &mut loaded.config;
        for (key, value) in table.get_ref().iter() {
            let name: &str = key.get_ref();
            if cx.touched(key, value) {
                continue;
            }
            match name {
                "theme" => {
                    if let Some(theme) = cx.string(name, value) {
                        config.theme = Some(theme);
                        loaded.theme_at = Some(cx.location(value));
                    }
                }
                "autosave_delay_ms" => {
                    if let Some(ms) = cx.integer(name, value, 0, MAX_AUTOSAVE_DELAY_MS as i64) {
                        config.autosave_delay_ms = ms as u64;
                    }
                }
                "tagset_dir" => {
                    if let Some(dir) = cx.string(name, value) {
                        config.tagset_dir = cx.directory(name, value, &dir, base_dir);
                    }
                }
                "wrap_width_limit" => {
                    let (lo, hi) = (*WRAP_WIDTH_RANGE.start(), *WRAP_WIDTH_RANGE.end());
                    if let Some(width) = cx.integer(name, value, lo.into(), hi.into()) {
                        config.wrap_width_limit = u16::try_from(width).ok();
                    }
                }
                "scroll_lock" => {
                    if let Some(on) = cx.boolean(name, value) {
                        config.scroll_lock = on;
                    }
                }
                "analyst" => {
                    if let Some(analyst) = cx.string(name, value) {
                        let analyst = analyst.trim();
                        match crate::tags::model::analyst_problem(analyst) {
                            None => config.analyst = Some(analyst.to_string()),
                            Some(why) => {
                                cx.warn(value.span().start, format!("`analyst` {why}; using $USER"))
                            }
                        }
                    }
                }
                "keys" => {
                    let read = cx.keys(value);
                    config.keys = read.normal;
                    config.mode_keys = read.modes;
                    loaded.key_at = read.at;
                    loaded.mode_key_at = read.mode_at;
                }
                _ => {
                    let hint = suggest(name, KNOWN_KEYS.iter().copied())
                        .map(|s| format!(" (did you mean `{s}`?)"))
                        .unwrap_or_default();
                    cx.warn(
                        key.span().start,
                        format!(
                            "unknown setting `{name}`{hint}; known settings: {}",
                            KNOWN_KEYS.join(", ")
                        ),
                    );
                }
            }
        }
        warnings.sort();
        loaded.warnings = warnings;
        loaded
    }

    /// Where the entry `action` of key table `table` is written (the table
    /// itself when `action` is `None` or not found).
    pub fn key_location(&self, table: &str, action: Option<&str>) -> Option<Location> {
        let mode = self.mode_key_at.get(table);
        let entry = action.and_then(|a| {
            let normal = (table == "normal").then(|| self.key_at.get(a)).flatten();
            normal.or_else(|| mode.and_then(|m| m.keys.get(a)))
        });
        entry.map(|k| k.action).or(mode.map(|m| m.at))
    }

    /// A warning at `location` in this config file, for problems found later
    /// (an unknown theme, a bad chord).
    pub fn warning_at(&self, location: Location, message: impl Into<String>) -> Warning {
        Warning {
            file: self.file.clone(),
            location: Some(location),
            message: message.into(),
        }
    }
}

/// The file being parsed and the warnings found so far.
struct Cx<'a> {
    file: &'a Path,
    text: &'a str,
    warnings: &'a mut Vec<Warning>,
    error_spans: &'a [std::ops::Range<usize>],
}

impl Cx<'_> {
    /// Whether a syntax error touched this entry (see [`touched_by`]).
    fn touched<K>(&self, key: &Spanned<K>, value: &Spanned<DeValue<'_>>) -> bool {
        let span = key.span().start..value.span().end;
        self.error_spans.iter().any(|e| touched_by(&span, e))
    }

    fn warn(&mut self, offset: usize, message: String) {
        self.warnings
            .push(Warning::at(self.file, self.text, offset, message));
    }

    fn location(&self, value: &Spanned<DeValue<'_>>) -> Location {
        Location::from_offset(self.text, value.span().start)
    }

    fn wrong_type(&mut self, name: &str, value: &Spanned<DeValue<'_>>, expected: &str) {
        self.warn(
            value.span().start,
            format!(
                "`{name}` must be {expected}, found {}; using the default",
                value.get_ref().type_str()
            ),
        );
    }

    fn string(&mut self, name: &str, value: &Spanned<DeValue<'_>>) -> Option<String> {
        match value.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            _ => {
                self.wrong_type(name, value, "a string in quotes");
                None
            }
        }
    }

    fn boolean(&mut self, name: &str, value: &Spanned<DeValue<'_>>) -> Option<bool> {
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(name, value, "true or false");
                None
            }
        }
    }

    fn integer(
        &mut self,
        name: &str,
        value: &Spanned<DeValue<'_>>,
        min: i64,
        max: i64,
    ) -> Option<i64> {
        let DeValue::Integer(i) = value.get_ref() else {
            self.wrong_type(name, value, &format!("a whole number from {min} to {max}"));
            return None;
        };
        match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) if (min..=max).contains(&n) => Some(n),
            _ => {
                self.warn(
                    value.span().start,
                    format!("`{name}` = {i} is out of range {min} to {max}; using the default"),
                );
                None
            }
        }
    }

    /// Makes a configured directory absolute: `~/` is the home directory,
    /// relative paths are relative to the config file, so the setting means
    /// the same whatever directory diptych is started from.
    fn directory(
        &mut self,
        name: &str,
        value: &Spanned<DeValue<'_>>,
        written: &str,
        base_dir: &Path,
    ) -> Option<PathBuf> {
        if written.trim().is_empty() {
            self.warn(
                value.span().start,
                format!("`{name}` is empty; using the default"),
            );
            return None;
        }
        let path = if let Some(rest) = written.strip_prefix("~/") {
            match etcetera::home_dir() {
                Ok(home) => home.join(rest),
                Err(_) => {
                    self.warn(
                        value.span().start,
                        format!(
                            "`{name}` starts with ~/ but the home directory is unknown; \
                             using the default"
                        ),
                    );
                    return None;
                }
            }
        } else {
            base_dir.join(written)
        };
        Some(path)
    }

    /// `[keys]`: each entry is a chord string or a list of them (normal
    /// mode), or a `[keys.MODE]` table of such entries.
    fn keys(&mut self, value: &Spanned<DeValue<'_>>) -> KeysRead {
        let mut read = KeysRead::default();
        let DeValue::Table(table) = value.get_ref() else {
            self.wrong_type("keys", value, "a table of action = [\"chord\", ...]");
            return read;
        };
        for (key, entry) in table.iter() {
            if self.touched(key, entry) {
                continue;
            }
            let name: &str = key.get_ref();
            if let DeValue::Table(mode) = entry.get_ref() {
                let (keys, at) = self.key_entries(&format!("keys.{name}"), mode);
                if keys.is_empty() {
                    // Nothing overridden; `config --default` writes them all.
                    continue;
                }
                read.modes.insert(name.to_owned(), keys);
                read.mode_at.insert(
                    name.to_owned(),
                    ModeLocations {
                        at: Location::from_offset(self.text, key.span().start),
                        keys: at,
                    },
                );
            } else if let Some((action, chords, at)) = self.key_entry("keys", key, entry) {
                read.at.insert(action.clone(), at);
                read.normal.insert(action, chords);
            }
        }
        read
    }

    /// The `action = chords` entries of one key table.
    fn key_entries(
        &mut self,
        section: &str,
        table: &DeTable<'_>,
    ) -> (
        BTreeMap<String, Vec<String>>,
        BTreeMap<String, KeyLocations>,
    ) {
        let mut keys = BTreeMap::new();
        let mut at = BTreeMap::new();
        for (action, chords) in table.iter() {
            if self.touched(action, chords) {
                continue;
            }
            if let Some((action, strings, locations)) = self.key_entry(section, action, chords) {
                at.insert(action.clone(), locations);
                keys.insert(action, strings);
            }
        }
        (keys, at)
    }

    /// One `action = "chord"` or `action = ["chord", ...]` entry; `None`
    /// (with a warning) when it is not all strings.
    fn key_entry(
        &mut self,
        section: &str,
        action: &Spanned<std::borrow::Cow<'_, str>>,
        chords: &Spanned<DeValue<'_>>,
    ) -> Option<(String, Vec<String>, KeyLocations)> {
        let action_name: &str = action.get_ref();
        let single;
        let items: &[Spanned<DeValue<'_>>] = match chords.get_ref() {
            DeValue::Array(items) => items,
            DeValue::String(_) => {
                single = [chords.clone()];
                &single
            }
            other => {
                self.warn(
                    chords.span().start,
                    format!(
                        "{section}.{action_name} must be a key like \"ctrl-s\" or a list of \
                         them, found {}; keeping the default keys",
                        other.type_str()
                    ),
                );
                return None;
            }
        };
        let mut strings = Vec::new();
        let mut locations = Vec::new();
        let mut all_strings = true;
        for item in items {
            match item.get_ref() {
                DeValue::String(s) => {
                    strings.push(s.to_string());
                    locations.push(self.location(item));
                }
                other => {
                    all_strings = false;
                    self.warn(
                        item.span().start,
                        format!(
                            "{section}.{action_name}: a key is a string like \"ctrl-s\", \
                             found {}; keeping the default keys",
                            other.type_str()
                        ),
                    );
                }
            }
        }
        // A half-valid list would silently drop a binding the user meant
        // to have; keeping the defaults is the predictable fallback.
        all_strings.then(|| {
            let at = KeyLocations {
                action: Location::from_offset(self.text, action.span().start),
                chords: locations,
            };
            (action_name.to_owned(), strings, at)
        })
    }
}

/// What `[keys]` held.
#[derive(Default)]
struct KeysRead {
    normal: BTreeMap<String, Vec<String>>,
    at: BTreeMap<String, KeyLocations>,
    modes: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    mode_at: BTreeMap<String, ModeLocations>,
}

/// Everything `diptych config --check` looks at, and every problem found.
///
/// The keymap adds its own problems with [`CheckReport::push`] (locating
/// them with [`LoadedConfig::key_at`] and [`LoadedConfig::warning_at`]);
/// the check passes when [`CheckReport::problems`] is empty.
#[derive(Debug, Clone)]
pub struct CheckReport {
    pub config: LoadedConfig,
    pub themes: ThemeSet,
    pub problems: Vec<Warning>,
}

impl CheckReport {
    pub fn push(&mut self, problem: Warning) {
        self.problems.push(problem);
    }

    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Validates the config file (`explicit` or the one in `paths`) and every
/// user theme, collecting every problem rather than stopping at the first.
/// An explicit config file that is missing is a problem; a missing default
/// one is not.
pub fn check(paths: &Paths, explicit: Option<&Path>) -> CheckReport {
    let mut problems = Vec::new();
    let config = match explicit {
        Some(path) => match LoadedConfig::load_explicit(path) {
            Ok(loaded) => loaded,
            Err(ConfigError::Syntax { .. }) => match std::fs::read_to_string(path) {
                // Re-parse softly so every syntax error and every bad value is
                // listed, not only the first.
                Ok(text) => LoadedConfig::parse(path, &text),
                Err(e) => {
                    problems.push(Warning::in_file(path, format!("cannot read: {e}")));
                    LoadedConfig::defaults()
                }
            },
            Err(e) => {
                problems.push(Warning::in_file(path, e.to_string()));
                LoadedConfig::defaults()
            }
        },
        None => LoadedConfig::load(&paths.config_file()),
    };
    problems.extend(config.warnings.iter().cloned());

    let (themes, theme_warnings) = ThemeSet::load(Some(&paths.themes_dir()));
    if let (Some(name), Some(at)) = (&config.config.theme, config.theme_at)
        && themes.get(name).is_none()
    {
        problems.push(config.warning_at(
            at,
            format!(
                "unknown theme `{name}`; available themes: {}",
                themes.names().join(", ")
            ),
        ));
    }
    problems.extend(theme_warnings);
    CheckReport {
        config,
        themes,
        problems,
    }
}

/// A complete, commented config file with every setting at its default
/// (`diptych config --default` prints it).
pub fn default_config_text() -> String {
    let mut text = DEFAULT_CONFIG.to_string();
    text.push_str(&crate::keymap::default_config_tables());
    text
}

const DEFAULT_CONFIG: &str = r#"# diptych configuration
#
# Read from $XDG_CONFIG_HOME/diptych/config.toml (usually
# ~/.config/diptych/config.toml), from $DIPTYCH_CONFIG_DIR/config.toml when
# that is set, or from the file given with --config. Every setting is
# optional: the values below are the defaults. A mistake never stops diptych;
# it is reported with its line and column. `diptych config --check` lists
# every problem in this file, the key bindings and your themes.

# Colour theme. Bundled: cvd, dark, high-contrast, light, mono. Your own
# themes go in themes/NAME.toml next to this file. When unset, diptych uses
# `dark`, or `mono` if the NO_COLOR environment variable is set.
# `--theme NAME` overrides this.
# theme = "dark"

# Milliseconds without an edit before tags are saved automatically.
# 0 turns autosave off (save with the save key). At most 3600000.
autosave_delay_ms = 1000

# Directory for tag sets. `~/` is your home directory; a relative path is
# relative to this file's directory. When unset: the `tagsets` directory in the
# data directory ($XDG_DATA_HOME/diptych, usually ~/.local/share/diptych, or
# $DIPTYCH_DATA_DIR).
# tagset_dir = "~/analysis/tags"

# Widest a passage is wrapped, in columns (20 to 1000), however wide its
# pane is. When unset, passages wrap to the pane width.
# wrap_width_limit = 100

# Whether the two panes start scrolling together.
scroll_lock = true

# Your name as each judgement records it (who set its label or note), so
# agreement reports and merges say whose stance is whose. At most 64
# characters. When unset: your login name ($USER).
# analyst = "ana"

# Key bindings, one table per mode: [keys] for reading the reports, then
# [keys.MODE] for the popups, dialogs and fields. Each line gives an action
# (in snake_case) its keys in that mode, replacing its default keys there; an
# empty list unbinds it. A key is a chord like "a", "A", "]", "ctrl-s",
# "shift-tab", "enter", "esc", "f1". The keys of [keys.line] edit every
# one-line field, those of [keys.global] work in every mode; a mode's own
# table wins over them, and `diptych config --check` reports a key bound
# twice in one mode. The help overlay (?) lists the keys in use.
"#;
