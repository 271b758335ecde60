//! The set of available themes (bundled plus the user's), inheritance
//! resolution, and choosing the theme to start with.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::parse::{ThemeFile, parse_theme};
use super::{Slot, Theme};
use crate::diagnostic::Warning;

/// The theme used when nothing else is chosen.
pub const DEFAULT_THEME: &str = "dark";
/// The theme `NO_COLOR` selects when no theme was chosen explicitly.
pub const NO_COLOR_THEME: &str = "mono";

/// The bundled themes as `(name, file contents)`, embedded so they work from
/// any directory. Sorted by name.
pub const BUNDLED: &[(&str, &str)] = &[
    ("cvd", include_str!("../../themes/cvd.toml")),
    ("dark", include_str!("../../themes/dark.toml")),
    (
        "high-contrast",
        include_str!("../../themes/high-contrast.toml"),
    ),
    ("light", include_str!("../../themes/light.toml")),
    ("mono", include_str!("../../themes/mono.toml")),
];

/// A theme that was asked for explicitly and cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ThemeError {
    #[error(
        "unknown theme `{name}`; available themes: {}. \
         User themes go in the config directory as themes/NAME.toml",
        available.join(", ")
    )]
    Unknown {
        name: String,
        available: Vec<String>,
    },
}

/// `true` when the `NO_COLOR` environment variable is set and non-empty
/// (<https://no-color.org>).
pub fn no_color_from_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Which set of files a theme comes from. A user theme may override a
/// bundled one of the same name and still inherit from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Layer {
    Bundled,
    User,
}

type Key = (Layer, String);

#[derive(Debug)]
struct Source {
    file: PathBuf,
    parsed: ThemeFile,
}

#[derive(Debug, Clone)]
struct Resolved {
    theme: Theme,
    file: PathBuf,
    /// Problems in this theme's own file or its `inherits` line.
    warnings: Vec<Warning>,
    parent: Option<Key>,
}

/// Every available theme, resolved into styles.
#[derive(Debug, Clone)]
pub struct ThemeSet {
    /// The theme each name selects (user themes shadow bundled ones).
    visible: BTreeMap<String, Key>,
    resolved: BTreeMap<Key, Resolved>,
}

impl ThemeSet {
    /// Only the bundled themes. Parsed once per process, since
    /// `Theme::default()` goes through here.
    pub fn bundled() -> Self {
        static BUNDLED_SET: OnceLock<ThemeSet> = OnceLock::new();
        BUNDLED_SET.get_or_init(|| Self::load(None).0).clone()
    }

    /// The bundled themes plus every `NAME.toml` in `user_themes_dir` (which
    /// need not exist). Returns every problem found in any theme; a problem
    /// never removes a theme, it falls back to built-in values.
    pub fn load(user_themes_dir: Option<&Path>) -> (Self, Vec<Warning>) {
        let mut sources: BTreeMap<Key, Source> = BTreeMap::new();
        for (name, text) in BUNDLED {
            let file = PathBuf::from(format!("themes/{name}.toml"));
            let parsed = parse_theme(&file, text);
            sources.insert(
                (Layer::Bundled, (*name).to_owned()),
                Source { file, parsed },
            );
        }
        let mut warnings = Vec::new();
        if let Some(dir) = user_themes_dir {
            for (name, file, text) in read_user_themes(dir, &mut warnings) {
                let parsed = parse_theme(&file, &text);
                sources.insert((Layer::User, name), Source { file, parsed });
            }
        }

        let mut visible = BTreeMap::new();
        for (layer, name) in sources.keys() {
            // Keys are ordered Bundled before User, so the user's file wins.
            visible.insert(name.clone(), (*layer, name.clone()));
        }
        let mut resolver = Resolver {
            sources: &sources,
            resolved: BTreeMap::new(),
        };
        for key in sources.keys() {
            resolver.resolve(key, &mut Vec::new());
        }
        let resolved = resolver.resolved;
        warnings.extend(resolved.values().flat_map(|r| r.warnings.iter().cloned()));
        warnings.sort();
        (ThemeSet { visible, resolved }, warnings)
    }

    /// Names of all themes, sorted.
    pub fn names(&self) -> Vec<&str> {
        self.visible.keys().map(String::as_str).collect()
    }

    /// The resolved theme called `name`.
    pub fn get(&self, name: &str) -> Option<Theme> {
        self.entry(name).map(|r| r.theme.clone())
    }

    /// The file a theme was read from (`themes/NAME.toml` for bundled ones).
    pub fn file(&self, name: &str) -> Option<&Path> {
        self.entry(name).map(|r| r.file.as_path())
    }

    /// Whether `name` comes from the user's themes directory.
    pub fn is_user_theme(&self, name: &str) -> bool {
        self.visible
            .get(name)
            .is_some_and(|(layer, _)| *layer == Layer::User)
    }

    /// The problems that affect the theme `name`: those in its own file and in
    /// every theme it inherits from, in inheritance order.
    pub fn warnings_for(&self, name: &str) -> Vec<Warning> {
        let mut out = Vec::new();
        let mut next = self.visible.get(name);
        // Each key is visited once, so even a (reported) cycle terminates.
        let mut seen = Vec::new();
        while let Some(key) = next {
            if seen.contains(&key) {
                break;
            }
            seen.push(key);
            let Some(resolved) = self.resolved.get(key) else {
                break;
            };
            out.extend(resolved.warnings.iter().cloned());
            next = resolved.parent.as_ref();
        }
        out
    }

    /// The theme to start with, and the warnings to show about it.
    ///
    /// An explicit `--theme` (`cli`) that does not exist is an error; a
    /// config file's `theme` that does not exist is a warning and the
    /// default applies. `no_color` (see [`no_color_from_env`]) selects
    /// [`NO_COLOR_THEME`] only when neither names a theme, because a theme
    /// chosen by name is a deliberate choice.
    pub fn resolve_choice(
        &self,
        cli: Option<&str>,
        config: Option<&str>,
        no_color: bool,
    ) -> Result<(Theme, Vec<Warning>), ThemeError> {
        if let Some(name) = cli {
            return self.chosen(name).ok_or_else(|| ThemeError::Unknown {
                name: name.to_owned(),
                available: self.names().into_iter().map(str::to_owned).collect(),
            });
        }
        let fallback = if no_color {
            NO_COLOR_THEME
        } else {
            DEFAULT_THEME
        };
        let mut warnings = Vec::new();
        if let Some(name) = config {
            if let Some(choice) = self.chosen(name) {
                return Ok(choice);
            }
            warnings.push(Warning::general(format!(
                "config: unknown theme `{name}` (available: {}); using `{fallback}`",
                self.names().join(", ")
            )));
        }
        let (theme, theme_warnings) = self
            .chosen(fallback)
            .unwrap_or_else(|| (Theme::plain(fallback), Vec::new()));
        warnings.extend(theme_warnings);
        Ok((theme, warnings))
    }

    fn chosen(&self, name: &str) -> Option<(Theme, Vec<Warning>)> {
        self.get(name).map(|theme| (theme, self.warnings_for(name)))
    }

    fn entry(&self, name: &str) -> Option<&Resolved> {
        self.visible
            .get(name)
            .and_then(|key| self.resolved.get(key))
    }
}

/// Reads `dir/*.toml` in name order. A missing directory is normal (no user
/// themes); anything else that goes wrong is a warning.
fn read_user_themes(dir: &Path, warnings: &mut Vec<Warning>) -> Vec<(String, PathBuf, String)> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
        Err(e) => {
            warnings.push(Warning::in_file(
                dir,
                format!("cannot read the themes directory: {e}"),
            ));
            return Vec::new();
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let Some(name) = path.file_stem().and_then(|s| s.to_str()).map(str::to_owned) else {
            warnings.push(Warning::in_file(
                &path,
                "theme file name is not valid UTF-8; skipped",
            ));
            continue;
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => out.push((name, path, text)),
            Err(e) => warnings.push(Warning::in_file(
                &path,
                format!("cannot read theme `{name}`: {e}; skipped"),
            )),
        }
    }
    out
}

struct Resolver<'a> {
    sources: &'a BTreeMap<Key, Source>,
    resolved: BTreeMap<Key, Resolved>,
}

impl Resolver<'_> {
    /// Resolves `key` (memoised). `stack` holds the themes whose resolution is
    /// in progress, which is how a cycle is recognised.
    fn resolve(&mut self, key: &Key, stack: &mut Vec<Key>) -> Option<Theme> {
        if let Some(done) = self.resolved.get(key) {
            return Some(done.theme.clone());
        }
        let source = self.sources.get(key)?;
        let name = &key.1;
        let mut warnings = source.parsed.warnings.clone();
        stack.push(key.clone());

        let mut parent = None;
        let mut inherits_failed = false;
        if let Some((parent_name, at)) = &source.parsed.inherits {
            let warn = |message: String| Warning {
                file: Some(source.file.clone()),
                location: Some(*at),
                message,
            };
            match self.parent_key(key, parent_name) {
                None => {
                    inherits_failed = true;
                    let names: Vec<&str> = {
                        let mut n: Vec<&str> =
                            self.sources.keys().map(|(_, n)| n.as_str()).collect();
                        n.dedup();
                        n
                    };
                    let hint = crate::diagnostic::suggest(parent_name, names.iter().copied())
                        .map(|s| format!(" (did you mean `{s}`?)"))
                        .unwrap_or_default();
                    warnings.push(warn(format!(
                        "`{name}` inherits from unknown theme `{parent_name}`{hint}; \
                         available: {}; slots it does not set use `{DEFAULT_THEME}`",
                        names.join(", ")
                    )));
                }
                Some(parent_key) if stack.contains(&parent_key) => {
                    inherits_failed = true;
                    let start = stack.iter().position(|k| *k == parent_key).unwrap_or(0);
                    let cycle: Vec<&str> = stack[start..]
                        .iter()
                        .map(|(_, n)| n.as_str())
                        .chain(std::iter::once(parent_key.1.as_str()))
                        .collect();
                    warnings.push(warn(format!(
                        "inheritance cycle {}; ignoring `inherits = \"{parent_name}\"`, \
                         slots it does not set use `{DEFAULT_THEME}`",
                        cycle.join(" -> ")
                    )));
                }
                Some(parent_key) => {
                    parent = Some(parent_key);
                }
            }
        }

        let base = match &parent {
            Some(parent_key) => self.resolve(parent_key, stack),
            None => None,
        };
        let base = match base {
            Some(theme) => theme,
            None => self.builtin_base(key, stack),
        };

        let mut theme = Theme::plain(name.clone());
        let mut missing = Vec::new();
        for slot in Slot::ALL {
            let fallback = base.style(*slot);
            *theme.style_mut(*slot) = match source.parsed.slots.get(slot) {
                Some(spec) => spec.resolve(fallback),
                None => {
                    if parent.is_none() {
                        missing.push(slot.name());
                    }
                    fallback
                }
            };
        }
        // A root theme is expected to be complete; one that tried to inherit
        // was already warned about above, so don't pile on.
        if !missing.is_empty() && !inherits_failed {
            warnings.push(Warning::in_file(
                &source.file,
                format!(
                    "slots not set, using the `{DEFAULT_THEME}` theme's: {} \
                     (or add `inherits = \"NAME\"` to take them from another theme)",
                    missing.join(", ")
                ),
            ));
        }

        stack.pop();
        self.resolved.insert(
            key.clone(),
            Resolved {
                theme: theme.clone(),
                file: source.file.clone(),
                warnings,
                parent,
            },
        );
        Some(theme)
    }

    /// The theme `parent_name` as seen from `child`: a user theme that
    /// inherits its own name means the bundled theme it overrides.
    fn parent_key(&self, child: &Key, parent_name: &str) -> Option<Key> {
        let user = (Layer::User, parent_name.to_owned());
        let bundled = (Layer::Bundled, parent_name.to_owned());
        if *child != user && self.sources.contains_key(&user) {
            Some(user)
        } else if self.sources.contains_key(&bundled) {
            Some(bundled)
        } else {
            None
        }
    }

    /// Where the "built-in value" of a root theme comes from: the bundled
    /// default theme, or nothing for the default theme itself.
    fn builtin_base(&mut self, key: &Key, stack: &mut Vec<Key>) -> Theme {
        let default = (Layer::Bundled, DEFAULT_THEME.to_owned());
        if *key == default || stack.contains(&default) {
            return Theme::plain(DEFAULT_THEME);
        }
        self.resolve(&default, stack)
            .unwrap_or_else(|| Theme::plain(DEFAULT_THEME))
    }
}
