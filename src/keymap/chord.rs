//! Key chords: how a key press is written in config files and hints
//! (`ctrl-s`, `shift-tab`, `G`), parsed, printed, and read from terminal
//! events.

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use thiserror::Error;

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

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(
            Chord::from_event(&ev(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            Some(Chord::ctrl('d'))
        );
    }
}
