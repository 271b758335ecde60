//! Key chords, the default bindings (one table), user overrides, and the
//! reverse lookup that the help overlay and status hints are generated from.

use std::collections::BTreeMap;
use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use thiserror::Error;

use crate::action::Action;

/// One key press with its modifiers, as bound in the keymap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Chord {
    pub code: KeyCodeKey,
    pub ctrl: bool,
    pub alt: bool,
    /// Only for non-character keys; a character carries its own case.
    pub shift: bool,
}

/// The subset of key codes that can be bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCodeKey {
    Char(char),
    F(u8),
    Enter,
    Esc,
    Tab,
    Backspace,
    Delete,
    Insert,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ChordError {
    #[error("empty key chord")]
    Empty,
    #[error(
        "unknown key '{0}' (use a single character or one of: enter, esc, tab, backspace, delete, insert, up, down, left, right, home, end, pageup, pagedown, space, f1..f12)"
    )]
    UnknownKey(String),
    #[error("unknown modifier '{0}' (use ctrl, alt or shift)")]
    UnknownModifier(String),
}

const NAMED: &[(&str, KeyCodeKey)] = &[
    ("enter", KeyCodeKey::Enter),
    ("esc", KeyCodeKey::Esc),
    ("tab", KeyCodeKey::Tab),
    ("backspace", KeyCodeKey::Backspace),
    ("delete", KeyCodeKey::Delete),
    ("insert", KeyCodeKey::Insert),
    ("up", KeyCodeKey::Up),
    ("down", KeyCodeKey::Down),
    ("left", KeyCodeKey::Left),
    ("right", KeyCodeKey::Right),
    ("home", KeyCodeKey::Home),
    ("end", KeyCodeKey::End),
    ("pageup", KeyCodeKey::PageUp),
    ("pagedown", KeyCodeKey::PageDown),
    ("space", KeyCodeKey::Char(' ')),
    ("minus", KeyCodeKey::Char('-')),
];

impl Chord {
    pub const fn plain(c: char) -> Self {
        Chord {
            code: KeyCodeKey::Char(c),
            ctrl: false,
            alt: false,
            shift: false,
        }
    }

    pub const fn ctrl(c: char) -> Self {
        Chord {
            ctrl: true,
            ..Chord::plain(c)
        }
    }

    pub const fn key(code: KeyCodeKey) -> Self {
        Chord {
            code,
            ctrl: false,
            alt: false,
            shift: false,
        }
    }

    /// Parses `"ctrl-s"`, `"shift-tab"`, `"]"`, `"G"`, `"pagedown"`, `"-"`.
    pub fn parse(s: &str) -> Result<Chord, ChordError> {
        if s.is_empty() {
            return Err(ChordError::Empty);
        }
        let (mut ctrl, mut alt, mut shift) = (false, false, false);
        let mut rest = s;
        // A modifier is a known word followed by '-'; "-" alone is the minus key.
        while let Some((head, tail)) = rest.split_once('-') {
            if tail.is_empty() {
                break;
            }
            match head.to_ascii_lowercase().as_str() {
                "ctrl" | "control" => ctrl = true,
                "alt" | "meta" => alt = true,
                "shift" => shift = true,
                other => return Err(ChordError::UnknownModifier(other.to_string())),
            }
            rest = tail;
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCodeKey::Char(c),
            _ => {
                let lower = rest.to_ascii_lowercase();
                if let Some(&(_, code)) = NAMED.iter().find(|(n, _)| *n == lower) {
                    code
                } else if let Some(n) = lower
                    .strip_prefix('f')
                    .and_then(|d| d.parse::<u8>().ok())
                    .filter(|n| (1..=12).contains(n))
                {
                    KeyCodeKey::F(n)
                } else {
                    return Err(ChordError::UnknownKey(rest.to_string()));
                }
            }
        };
        Ok(Chord {
            code,
            ctrl,
            alt,
            shift,
        }
        .normalised())
    }

    /// One spelling per chord: shift on a character is its case (`G`), except
    /// with ctrl, where terminals fold case and shift stays a flag.
    fn normalised(mut self) -> Self {
        if let KeyCodeKey::Char(c) = self.code {
            if self.ctrl {
                if c.is_ascii_uppercase() {
                    self.code = KeyCodeKey::Char(c.to_ascii_lowercase());
                }
            } else {
                if self.shift && c.is_ascii_lowercase() {
                    self.code = KeyCodeKey::Char(c.to_ascii_uppercase());
                }
                self.shift = false;
            }
        }
        self
    }

    /// The chord a terminal key event stands for, if it can be bound.
    pub fn from_event(ev: &KeyEvent) -> Option<Chord> {
        let m = ev.modifiers;
        let mut shift = m.contains(KeyModifiers::SHIFT);
        let code = match ev.code {
            KeyCode::Char(c) => KeyCodeKey::Char(c),
            KeyCode::F(n) => KeyCodeKey::F(n),
            KeyCode::Enter => KeyCodeKey::Enter,
            KeyCode::Esc => KeyCodeKey::Esc,
            KeyCode::Tab => KeyCodeKey::Tab,
            KeyCode::BackTab => {
                shift = true;
                KeyCodeKey::Tab
            }
            KeyCode::Backspace => KeyCodeKey::Backspace,
            KeyCode::Delete => KeyCodeKey::Delete,
            KeyCode::Insert => KeyCodeKey::Insert,
            KeyCode::Up => KeyCodeKey::Up,
            KeyCode::Down => KeyCodeKey::Down,
            KeyCode::Left => KeyCodeKey::Left,
            KeyCode::Right => KeyCodeKey::Right,
            KeyCode::Home => KeyCodeKey::Home,
            KeyCode::End => KeyCodeKey::End,
            KeyCode::PageUp => KeyCodeKey::PageUp,
            KeyCode::PageDown => KeyCodeKey::PageDown,
            _ => return None,
        };
        Some(
            Chord {
                code,
                ctrl: m.contains(KeyModifiers::CONTROL),
                alt: m.contains(KeyModifiers::ALT),
                shift,
            }
            .normalised(),
        )
    }
}

impl fmt::Display for Chord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        if self.shift {
            f.write_str("shift-")?;
        }
        match self.code {
            KeyCodeKey::Char(' ') => f.write_str("space"),
            KeyCodeKey::Char(c) => write!(f, "{c}"),
            KeyCodeKey::F(n) => write!(f, "f{n}"),
            other => {
                let name = NAMED
                    .iter()
                    .find(|(_, code)| *code == other)
                    .map_or("?", |(n, _)| n);
                f.write_str(name)
            }
        }
    }
}

/// The default bindings: the one table that help, hints and the README's key
/// list are generated from.
pub const DEFAULT_BINDINGS: &[(Action, &[&str])] = &[
    (Action::ScrollDown, &["j", "down"]),
    (Action::ScrollUp, &["k", "up"]),
    (Action::HalfPageDown, &["ctrl-d"]),
    (Action::HalfPageUp, &["ctrl-u"]),
    (Action::PageDown, &["pagedown", "space"]),
    (Action::PageUp, &["pageup"]),
    (Action::Top, &["g", "home"]),
    (Action::Bottom, &["G", "end"]),
    (Action::NextPassage, &["}"]),
    (Action::PrevPassage, &["{"]),
    (Action::SwitchPane, &["tab", "shift-tab"]),
    (Action::NextPair, &["]"]),
    (Action::PrevPair, &["["]),
    (Action::Topics, &["t"]),
    (Action::ToggleScrollLock, &["s"]),
    (Action::TagAgree, &["a"]),
    (Action::TagContradict, &["c"]),
    (Action::TagPartial, &["p"]),
    (Action::TagUnclear, &["U"]),
    (Action::PickLabel, &["l"]),
    (Action::Untag, &["x"]),
    (Action::EditNote, &["i"]),
    (Action::MarkLink, &["m"]),
    (Action::Unlink, &["M"]),
    (Action::NextUntagged, &[">"]),
    (Action::PrevUntagged, &["<"]),
    (Action::Undo, &["u"]),
    (Action::Redo, &["ctrl-r"]),
    (Action::Save, &["ctrl-s"]),
    (Action::TagSets, &["T"]),
    (Action::ReviewOrphans, &["R"]),
    (Action::LoadBackup, &["b"]),
    (Action::Export, &["e"]),
    (Action::Search, &["/"]),
    (Action::SearchNext, &["n"]),
    (Action::SearchPrev, &["N"]),
    (Action::PickTheme, &["ctrl-t"]),
    (Action::Help, &["?", "f1"]),
    (Action::Quit, &["q"]),
    (Action::ForceQuit, &["ctrl-c"]),
    (Action::Suspend, &["ctrl-z"]),
];

/// A problem in the user's key overrides.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum KeymapError {
    #[error("[keys] {action}: unknown action (see `diptych config --default` for the list)")]
    UnknownAction { action: String },
    #[error("[keys] {action}: '{chord}': {source}")]
    BadChord {
        action: String,
        chord: String,
        source: ChordError,
    },
    #[error("[keys] '{chord}' is bound to both {first} and {second}; remove one of them")]
    Conflict {
        chord: String,
        first: &'static str,
        second: &'static str,
    },
}

/// Chords to actions and back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: BTreeMap<Action, Vec<Chord>>,
    lookup: BTreeMap<Chord, Action>,
}

impl Default for Keymap {
    fn default() -> Self {
        let table = DEFAULT_BINDINGS
            .iter()
            .map(|(a, keys)| (*a, keys.iter().map(|k| k.to_string()).collect()))
            .collect();
        // The default table is checked by tests, so it cannot fail here.
        Keymap::from_table(table).unwrap_or_else(|(map, _)| map)
    }
}

impl Keymap {
    /// The defaults with the user's `[keys]` overrides applied. Each override
    /// replaces the action's default chords. Problems are returned alongside a
    /// usable keymap (the faulty entries are skipped).
    pub fn with_overrides(overrides: &BTreeMap<String, Vec<String>>) -> (Keymap, Vec<KeymapError>) {
        let mut table: BTreeMap<Action, Vec<String>> = DEFAULT_BINDINGS
            .iter()
            .map(|(a, keys)| (*a, keys.iter().map(|k| k.to_string()).collect()))
            .collect();
        let mut errors = Vec::new();
        for (name, chords) in overrides {
            match Action::from_name(name) {
                Some(action) => {
                    table.insert(action, chords.clone());
                }
                None => errors.push(KeymapError::UnknownAction {
                    action: name.clone(),
                }),
            }
        }
        match Keymap::from_table(table) {
            Ok(map) => (map, errors),
            Err((map, more)) => {
                errors.extend(more);
                (map, errors)
            }
        }
    }

    fn from_table(
        table: BTreeMap<Action, Vec<String>>,
    ) -> Result<Keymap, (Keymap, Vec<KeymapError>)> {
        let mut errors = Vec::new();
        let mut bindings: BTreeMap<Action, Vec<Chord>> = BTreeMap::new();
        let mut lookup: BTreeMap<Chord, Action> = BTreeMap::new();
        for (action, chords) in table {
            for text in chords {
                match Chord::parse(&text) {
                    Ok(chord) => {
                        if let Some(&other) = lookup.get(&chord) {
                            if other != action {
                                errors.push(KeymapError::Conflict {
                                    chord: chord.to_string(),
                                    first: other.name(),
                                    second: action.name(),
                                });
                            }
                            continue;
                        }
                        lookup.insert(chord, action);
                        bindings.entry(action).or_default().push(chord);
                    }
                    Err(source) => errors.push(KeymapError::BadChord {
                        action: action.name().to_string(),
                        chord: text,
                        source,
                    }),
                }
            }
        }
        let map = Keymap { bindings, lookup };
        if errors.is_empty() {
            Ok(map)
        } else {
            Err((map, errors))
        }
    }

    pub fn action_for(&self, chord: &Chord) -> Option<Action> {
        self.lookup.get(chord).copied()
    }

    /// The chords bound to `action`, in the order given.
    pub fn keys_for(&self, action: Action) -> &[Chord] {
        self.bindings.get(&action).map_or(&[], Vec::as_slice)
    }

    /// `"j/down"`, or `"unbound"`.
    pub fn describe_keys(&self, action: Action) -> String {
        let keys = self.keys_for(action);
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
    pub fn first_key(&self, action: Action) -> Option<String> {
        self.keys_for(action).first().map(Chord::to_string)
    }
}

/// The key table as Markdown, as the README shows it (a test keeps the
/// README equal to this).
pub fn markdown_table(map: &Keymap) -> String {
    let mut out = String::from("| Keys | Action |\n|---|---|\n");
    for action in Action::ALL {
        let keys = map
            .keys_for(*action)
            .iter()
            .map(|c| format!("`{}`", c.to_string().replace('|', "\\|")))
            .collect::<Vec<_>>()
            .join(" ");
        out.push_str(&format!("| {keys} | {} |\n", action.description()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_have_no_conflicts_and_cover_every_action() {
        let table = DEFAULT_BINDINGS
            .iter()
            .map(|(a, keys)| (*a, keys.iter().map(|k| k.to_string()).collect()))
            .collect();
        assert!(Keymap::from_table(table).is_ok());
        let map = Keymap::default();
        for a in Action::ALL {
            assert!(!map.keys_for(*a).is_empty(), "{} has no key", a.name());
        }
        let listed: Vec<Action> = DEFAULT_BINDINGS.iter().map(|(a, _)| *a).collect();
        assert_eq!(listed, Action::ALL, "default table follows help order");
    }

    #[test]
    fn chord_parse_print_round_trip() {
        for s in [
            "j",
            "G",
            "ctrl-d",
            "ctrl-s",
            "shift-tab",
            "]",
            "-",
            "space",
            "pagedown",
            "f1",
            "alt-x",
            "ctrl-alt-delete",
            "?",
            "ctrl-shift-d",
        ] {
            let c = Chord::parse(s).unwrap();
            assert_eq!(c.to_string(), s, "{s}");
            assert_eq!(Chord::parse(&c.to_string()).unwrap(), c);
        }
        assert_eq!(Chord::parse("shift-g").unwrap(), Chord::plain('G'));
        assert_eq!(Chord::parse("Ctrl-D").unwrap(), Chord::ctrl('d'));
    }

    #[test]
    fn chord_errors() {
        assert_eq!(Chord::parse(""), Err(ChordError::Empty));
        assert!(matches!(
            Chord::parse("hyper-x"),
            Err(ChordError::UnknownModifier(_))
        ));
        assert!(matches!(
            Chord::parse("ctrl-foo"),
            Err(ChordError::UnknownKey(_))
        ));
        assert!(matches!(
            Chord::parse("f13"),
            Err(ChordError::UnknownKey(_))
        ));
    }

    #[test]
    fn events_map_to_chords() {
        let ev = |code, mods| KeyEvent::new(code, mods);
        assert_eq!(
            Chord::from_event(&ev(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Chord::plain('G'))
        );
        assert_eq!(
            Chord::from_event(&ev(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Chord::parse("shift-tab").ok()
        );
        let map = Keymap::default();
        let c = Chord::from_event(&ev(KeyCode::Char('d'), KeyModifiers::CONTROL)).unwrap();
        assert_eq!(map.action_for(&c), Some(Action::HalfPageDown));
    }

    #[test]
    fn overrides_replace_defaults_and_report_problems() {
        let mut o = BTreeMap::new();
        o.insert("scroll_down".to_string(), vec!["o".to_string()]);
        let (map, errs) = Keymap::with_overrides(&o);
        assert!(errs.is_empty());
        assert_eq!(map.action_for(&Chord::plain('o')), Some(Action::ScrollDown));
        assert_eq!(map.action_for(&Chord::plain('j')), None);

        o.insert(
            "scroll_up".to_string(),
            vec!["o".to_string(), "ctrl-bogus".into()],
        );
        o.insert("fly".to_string(), vec!["z".to_string()]);
        let (map, errs) = Keymap::with_overrides(&o);
        assert_eq!(errs.len(), 3, "{errs:?}");
        assert!(
            errs.iter()
                .any(|e| matches!(e, KeymapError::Conflict { .. }))
        );
        assert!(
            errs.iter()
                .any(|e| matches!(e, KeymapError::UnknownAction { .. }))
        );
        assert!(
            errs.iter()
                .any(|e| matches!(e, KeymapError::BadChord { .. }))
        );
        // The reader still works with what was valid.
        assert!(map.action_for(&Chord::plain('q')).is_some());
    }
}
