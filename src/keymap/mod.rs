//! The keyboard front end: one table per mode from chord to [`Action`],
//! defaults and user overrides (`[keys]`, `[keys.MODE]`), conflict checks,
//! the resolution of a key event into an action (or a typed character)
//! before the model sees it, and the reverse lookup that help, hints and
//! messages are generated from.

mod chord;
mod defaults;

use std::collections::BTreeMap;

use ratatui::crossterm::event::{KeyEvent, KeyEventKind};
use thiserror::Error;

use crate::action::Action;
pub use chord::{Chord, ChordError, KeyCodeKey};

/// A table of bindings. Most are the keys of one mode; `Line` (editing a
/// one-line field) and `Global` (keys that work everywhere) are layers that
/// the modes stack under their own table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Table {
    Normal,
    Global,
    Help,
    HelpFilter,
    Search,
    Topics,
    Candidates,
    PairList,
    Details,
    Labels,
    Themes,
    TagSets,
    TagSetName,
    Review,
    ConfirmQuit,
    Confirm,
    Export,
    Note,
    Line,
}

impl Table {
    /// Every table, in the order `config --default` and the README list them.
    pub const ALL: &'static [Table] = &[
        Table::Normal,
        Table::Global,
        Table::Help,
        Table::HelpFilter,
        Table::Search,
        Table::Topics,
        Table::Candidates,
        Table::PairList,
        Table::Details,
        Table::Labels,
        Table::Themes,
        Table::TagSets,
        Table::TagSetName,
        Table::Review,
        Table::ConfirmQuit,
        Table::Confirm,
        Table::Export,
        Table::Note,
        Table::Line,
    ];

    /// The name in config files: `[keys.search]`.
    pub fn name(self) -> &'static str {
        match self {
            Table::Normal => "normal",
            Table::Global => "global",
            Table::Help => "help_overlay",
            Table::HelpFilter => "help_filter",
            Table::Search => "search_prompt",
            Table::Topics => "topics_panel",
            Table::Candidates => "candidate_list",
            Table::PairList => "pair_table",
            Table::Details => "details_view",
            Table::Labels => "label_picker",
            Table::Themes => "theme_picker",
            Table::TagSets => "tag_set_picker",
            Table::TagSetName => "tag_set_name",
            Table::Review => "orphan_review",
            Table::ConfirmQuit => "confirm_quit",
            Table::Confirm => "yes_no",
            Table::Export => "export_dialog",
            Table::Note => "note_editor",
            Table::Line => "line",
        }
    }

    pub fn from_name(name: &str) -> Option<Table> {
        Table::ALL.iter().copied().find(|t| t.name() == name)
    }

    /// When the table is in use, for help and `config --default`.
    pub fn description(self) -> &'static str {
        match self {
            Table::Normal => "Reading the two reports",
            Table::Global => "In every mode",
            Table::Help => "In the help overlay",
            Table::HelpFilter => "Typing a help filter",
            Table::Search => "Typing a search",
            Table::Topics => "In the topics panel (type to filter)",
            Table::Candidates => "In the candidates of a sentence (what the other report says)",
            Table::Details => "In the details of the message and the current pair",
            Table::PairList => {
                "In the pair list (type to filter: words, is:untagged, is:contradict, is:rejected, hint:contradiction, topic:NAME)"
            }
            Table::Labels => "In the label picker (type to filter or name a label)",
            Table::Themes => "In the theme picker",
            Table::TagSets => "In the tag set picker",
            Table::TagSetName => "Typing a tag set name",
            Table::Review => "Reviewing orphaned tags and merge conflicts",
            Table::ConfirmQuit => "Asked whether to save before quitting",
            Table::Confirm => "Asked to confirm (delete, overwrite); any other key is no",
            Table::Export => "In the export dialog (type to edit the path or a report's name)",
            Table::Note => "Writing a note",
            Table::Line => "Editing any one-line field",
        }
    }

    /// The tables consulted, first match wins, while this one is in use.
    pub fn layers(self) -> &'static [Table] {
        match self {
            Table::Normal => &[Table::Normal, Table::Global],
            Table::Help => &[Table::Help, Table::Global],
            Table::HelpFilter => &[Table::HelpFilter, Table::Line, Table::Global],
            Table::Search => &[Table::Search, Table::Line, Table::Global],
            Table::Topics => &[Table::Topics, Table::Line, Table::Global],
            Table::Candidates => &[Table::Candidates, Table::Global],
            Table::PairList => &[Table::PairList, Table::Line, Table::Global],
            Table::Details => &[Table::Details, Table::Global],
            Table::Labels => &[Table::Labels, Table::Line, Table::Global],
            Table::Themes => &[Table::Themes, Table::Global],
            Table::TagSets => &[Table::TagSets, Table::Global],
            Table::TagSetName => &[Table::TagSetName, Table::Line, Table::Global],
            Table::Review => &[Table::Review, Table::Global],
            Table::ConfirmQuit => &[Table::ConfirmQuit, Table::Global],
            Table::Confirm => &[Table::Confirm, Table::Global],
            Table::Export => &[Table::Export, Table::Line, Table::Global],
            Table::Note => &[Table::Note, Table::Global],
            Table::Global => &[Table::Global],
            Table::Line => &[Table::Line, Table::Global],
        }
    }

    /// Whether unbound characters are typed into a field.
    pub fn takes_text(self) -> bool {
        self.layers().contains(&Table::Line) || self == Table::Note
    }

    /// What an unbound key does (in yes/no questions: no).
    pub fn fallback(self) -> Option<Action> {
        matches!(self, Table::Confirm | Table::ConfirmQuit).then_some(Action::Cancel)
    }

    /// The actions this table can hold, in help order.
    pub fn actions(self) -> impl Iterator<Item = Action> {
        defaults::bindings(self).iter().map(|(a, _)| *a)
    }

    /// Shown as `[keys]` for normal mode (the section that always meant it).
    fn section(self) -> String {
        match self {
            Table::Normal => "[keys]".to_string(),
            t => format!("[keys.{}]", t.name()),
        }
    }
}

/// What a key press means in the mode in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Action(Action),
    /// A character typed into a field.
    Text(char),
}

/// A problem in the user's key overrides.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum KeymapError {
    #[error(
        "[keys.{table}]: unknown mode (modes: {})",
        Table::ALL.iter().map(|t| t.name()).collect::<Vec<_>>().join(", ")
    )]
    UnknownTable { table: String },
    #[error(
        "{} {action}: unknown action (see `diptych config --default` for the list)",
        table.section()
    )]
    UnknownAction { table: Table, action: String },
    #[error(
        "{} {action}: not an action of this mode; it has: {}",
        table.section(),
        table.actions().map(Action::name).collect::<Vec<_>>().join(", ")
    )]
    NotInTable { table: Table, action: String },
    #[error("{} {action}: '{chord}': {source}", table.section())]
    BadChord {
        table: Table,
        action: String,
        chord: String,
        source: ChordError,
    },
    #[error(
        "{}: '{chord}' is bound to both {} and {}; remove one of them",
        mode.section(),
        qualified(*mode, first.0, first.1),
        qualified(*mode, second.0, second.1)
    )]
    Conflict {
        mode: Table,
        chord: String,
        first: (Table, Action),
        second: (Table, Action),
    },
}

fn qualified(mode: Table, table: Table, action: Action) -> String {
    if table == mode {
        action.name().to_string()
    } else {
        format!("{} (from {})", action.name(), table.section())
    }
}

impl KeymapError {
    /// Where the problem may be written in the config file, most likely
    /// first: (section, action) pairs, the action `None` for a section.
    pub fn written_at(&self) -> Vec<(String, Option<String>)> {
        match self {
            KeymapError::UnknownTable { table } => vec![(table.clone(), None)],
            KeymapError::UnknownAction { table, action }
            | KeymapError::NotInTable { table, action }
            | KeymapError::BadChord { table, action, .. } => {
                vec![(table.name().to_string(), Some(action.clone()))]
            }
            // Either binding may be the user's; the defaults are not written.
            KeymapError::Conflict { first, second, .. } => [first, second]
                .iter()
                .flat_map(|(table, action)| {
                    let mut at = vec![(table.name().to_string(), Some(action.name().to_string()))];
                    // A global action overridden in a plain [keys] section.
                    if *table == Table::Global {
                        at.push(("normal".to_string(), Some(action.name().to_string())));
                    }
                    at
                })
                .collect(),
        }
    }
}

/// Overrides as read from the config: table name to action name to chords.
pub type Overrides = BTreeMap<String, BTreeMap<String, Vec<String>>>;

/// One table's bindings, both ways.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Bound {
    bindings: BTreeMap<Action, Vec<Chord>>,
    lookup: BTreeMap<Chord, Action>,
}

/// Every table's chords to actions and back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    tables: BTreeMap<Table, Bound>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap::from_overrides(&Overrides::new()).0
    }
}

impl Keymap {
    /// The defaults with the normal-mode overrides of a plain `[keys]`
    /// section.
    pub fn with_overrides(normal: &BTreeMap<String, Vec<String>>) -> (Keymap, Vec<KeymapError>) {
        let mut all = Overrides::new();
        all.insert("normal".to_string(), normal.clone());
        Keymap::from_overrides(&all)
    }

    /// The defaults with the user's overrides applied: each overridden
    /// action's chords replace its defaults in that table (an empty list
    /// unbinds it). Problems are returned alongside a usable keymap (the
    /// faulty entries are skipped, and in a conflict the mode's own table,
    /// then the earlier action, wins).
    pub fn from_overrides(overrides: &Overrides) -> (Keymap, Vec<KeymapError>) {
        let mut errors = Vec::new();
        let mut text: BTreeMap<Table, BTreeMap<Action, Vec<String>>> = Table::ALL
            .iter()
            .map(|&t| {
                let table = defaults::bindings(t)
                    .iter()
                    .map(|(a, keys)| (*a, keys.iter().map(|k| k.to_string()).collect()))
                    .collect();
                (t, table)
            })
            .collect();
        for (table_name, entries) in overrides {
            let Some(table) = Table::from_name(table_name) else {
                errors.push(KeymapError::UnknownTable {
                    table: table_name.clone(),
                });
                continue;
            };
            for (name, chords) in entries {
                let Some(action) = Action::from_name(name) else {
                    errors.push(KeymapError::UnknownAction {
                        table,
                        action: name.clone(),
                    });
                    continue;
                };
                // `[keys]` always meant every key of the reader, and two of
                // them now live in the global table.
                let target = if table == Table::Normal
                    && !Table::Normal.actions().any(|a| a == action)
                    && Table::Global.actions().any(|a| a == action)
                {
                    Table::Global
                } else {
                    table
                };
                match text.get_mut(&target) {
                    Some(t) if t.contains_key(&action) => {
                        t.insert(action, chords.clone());
                    }
                    _ => errors.push(KeymapError::NotInTable {
                        table,
                        action: name.clone(),
                    }),
                }
            }
        }
        let mut tables = BTreeMap::new();
        for (table, actions) in text {
            let mut bound = Bound::default();
            for (action, chords) in actions {
                let entry = bound.bindings.entry(action).or_default();
                for written in chords {
                    match Chord::parse(&written) {
                        Ok(chord) => match bound.lookup.get(&chord) {
                            Some(&other) if other != action => {
                                errors.push(KeymapError::Conflict {
                                    mode: table,
                                    chord: chord.to_string(),
                                    first: (table, other),
                                    second: (table, action),
                                });
                            }
                            Some(_) => {}
                            None => {
                                bound.lookup.insert(chord, action);
                                entry.push(chord);
                            }
                        },
                        Err(source) => errors.push(KeymapError::BadChord {
                            table,
                            action: action.name().to_string(),
                            chord: written,
                            source,
                        }),
                    }
                }
            }
            tables.insert(table, bound);
        }
        let map = Keymap { tables };
        errors.extend(map.layer_conflicts());
        (map, errors)
    }

    /// Chords that two layers of one mode bind to different actions; each
    /// clash is reported once, for the first mode where it happens.
    fn layer_conflicts(&self) -> Vec<KeymapError> {
        let mut seen = Vec::new();
        let mut errors = Vec::new();
        for &mode in Table::ALL {
            let layers = mode.layers();
            for (i, &upper) in layers.iter().enumerate() {
                for &lower in &layers[i + 1..] {
                    for (chord, &first) in &self.tables[&upper].lookup {
                        let Some(&second) = self.tables[&lower].lookup.get(chord) else {
                            continue;
                        };
                        let key = (*chord, upper, first, lower, second);
                        if first == second || seen.contains(&key) {
                            continue;
                        }
                        seen.push(key);
                        errors.push(KeymapError::Conflict {
                            mode,
                            chord: chord.to_string(),
                            first: (upper, first),
                            second: (lower, second),
                        });
                    }
                }
            }
        }
        errors
    }

    /// What `key` means while `table` is in use.
    pub fn resolve(&self, table: Table, key: &KeyEvent) -> Option<Input> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        let chord = Chord::from_event(key)?;
        self.resolve_chord(table, chord)
    }

    pub fn resolve_chord(&self, table: Table, chord: Chord) -> Option<Input> {
        for layer in table.layers() {
            if let Some(&action) = self.tables[layer].lookup.get(&chord) {
                return Some(Input::Action(action));
            }
        }
        // Caps lock turns ctrl-s into ctrl-shift-s on some terminals: an
        // unbound ctrl-shift chord means its ctrl chord.
        if chord.ctrl && chord.shift && matches!(chord.code, KeyCodeKey::Char(_)) {
            let unshifted = Chord {
                shift: false,
                ..chord
            };
            return self.resolve_chord(table, unshifted);
        }
        if table.takes_text()
            && let KeyCodeKey::Char(c) = chord.code
            // AltGr arrives as ctrl+alt, and is how many keyboards type @ or €.
            && chord.ctrl == chord.alt
            && (!c.is_control() || matches!(c, '\t' | '\n' | '\r'))
        {
            return Some(Input::Text(c));
        }
        table.fallback().map(Input::Action)
    }

    /// The action bound to `chord` in `table` itself (no layers).
    pub fn action_for(&self, table: Table, chord: &Chord) -> Option<Action> {
        self.tables[&table].lookup.get(chord).copied()
    }

    /// The chords that do `action` while `table` is in use: those of the
    /// first layer that binds it.
    pub fn keys_for(&self, table: Table, action: Action) -> &[Chord] {
        table
            .layers()
            .iter()
            .filter_map(|l| self.tables[l].bindings.get(&action))
            .find(|keys| !keys.is_empty())
            .map_or(&[], Vec::as_slice)
    }

    /// `"j/down"`, or `"unbound"`.
    pub fn describe_keys(&self, table: Table, action: Action) -> String {
        let keys = self.keys_for(table, action);
        if keys.is_empty() {
            "unbound".to_string()
        } else {
            keys.iter()
                .map(Chord::to_string)
                .collect::<Vec<_>>()
                .join("/")
        }
    }

    /// The first chord of `action`, for compact hints.
    pub fn first_key(&self, table: Table, action: Action) -> Option<String> {
        self.keys_for(table, action).first().map(Chord::to_string)
    }

    /// The first chord of `action` for messages and hints; an unbound
    /// action is named instead (`"(unbound: next_pair)"`), so a message
    /// never names a key that does not do what it says.
    pub fn key(&self, table: Table, action: Action) -> String {
        self.first_key(table, action)
            .unwrap_or_else(|| format!("(unbound: {})", action.name()))
    }

    /// `text` with each `{key:ACTION}` (normal mode) or
    /// `{key:TABLE.ACTION}` replaced by the live key, so that text made
    /// outside the model (the tag store's notices) names the user's keys.
    pub fn fill_keys(&self, text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("{key:") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 5..];
            let Some(end) = after.find('}') else {
                out.push_str(&rest[start..]);
                return out;
            };
            let spec = &after[..end];
            let (table, action) = match spec.split_once('.') {
                Some((t, a)) => (Table::from_name(t), a),
                None => (Some(Table::Normal), spec),
            };
            match (table, Action::from_name(action)) {
                (Some(table), Some(action)) => out.push_str(&self.key(table, action)),
                _ => out.push_str(&rest[start..start + 5 + end + 1]),
            }
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        out
    }

    /// A normal-mode key, for messages.
    pub fn normal(&self, action: Action) -> String {
        self.key(Table::Normal, action)
    }
}

/// Every table as Markdown, as the README shows them (a test keeps the
/// README equal to this).
pub fn markdown_tables(map: &Keymap) -> String {
    let mut out = String::new();
    for &table in Table::ALL {
        out.push_str(&format!(
            "**{}** (`{}`)\n\n| Keys | Action |\n|---|---|\n",
            table.description(),
            table.section()
        ));
        for action in table.actions() {
            let keys = map.tables[&table]
                .bindings
                .get(&action)
                .map_or(Vec::new(), |keys| {
                    keys.iter()
                        .map(|c| format!("`{}`", c.to_string().replace('|', "\\|")))
                        .collect()
                })
                .join(" ");
            out.push_str(&format!("| {keys} | {} |\n", action.description()));
        }
        out.push('\n');
    }
    out
}

/// Every table as commented TOML, for `config --default`.
pub fn default_config_tables() -> String {
    let width = Action::ALL
        .iter()
        .map(|a| a.name().len())
        .max()
        .unwrap_or(0);
    let mut text = String::new();
    for &table in Table::ALL {
        text.push_str(&format!(
            "\n# {}\n{}\n",
            table.description(),
            table.section()
        ));
        for (action, keys) in defaults::bindings(table) {
            let keys: Vec<String> = keys.iter().map(|k| format!("{k:?}")).collect();
            let binding = format!("{:width$} = [{}]", action.name(), keys.join(", "));
            text.push_str(&format!("# {binding:<44} # {}\n", action.description()));
        }
    }
    text
}

#[cfg(test)]
mod tests;
