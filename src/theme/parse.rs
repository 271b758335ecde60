//! Reading one theme file into per-slot style specifications, warning (with
//! line and column) about everything it cannot use instead of failing.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use ratatui::style::{Color, Modifier, Style};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::Slot;
use super::color::{color_from_index, parse_color};
use crate::diagnostic::{Location, Warning, suggest, touched_by};

/// The modifiers a slot may set, with their key in a theme file.
pub const MODIFIER_KEYS: &[(&str, Modifier)] = &[
    ("bold", Modifier::BOLD),
    ("dim", Modifier::DIM),
    ("italic", Modifier::ITALIC),
    ("underline", Modifier::UNDERLINED),
    ("reversed", Modifier::REVERSED),
    ("crossed_out", Modifier::CROSSED_OUT),
];

/// One field of a slot as written in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Field<T> {
    /// Not written: the slot leaves it unstyled.
    #[default]
    Unset,
    Set(T),
    /// Written but unusable (already warned about): keep the fallback value.
    Invalid,
}

/// A slot as written in a theme file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct SlotSpec {
    pub fg: Field<Color>,
    pub bg: Field<Color>,
    /// Indexed like `MODIFIER_KEYS`.
    pub modifiers: [Field<bool>; MODIFIER_KEYS.len()],
}

impl SlotSpec {
    /// The style this spec gives, taking invalid fields from `fallback`.
    ///
    /// A slot written in a file replaces the fallback slot as a whole (what the
    /// user wrote is what they get); only fields that were wrong borrow the
    /// fallback's value, so a typo costs one attribute, not the whole slot.
    pub fn resolve(&self, fallback: Style) -> Style {
        let mut style = Style::new();
        style.fg = match self.fg {
            Field::Set(c) => Some(c),
            Field::Unset => None,
            Field::Invalid => fallback.fg,
        };
        style.bg = match self.bg {
            Field::Set(c) => Some(c),
            Field::Unset => None,
            Field::Invalid => fallback.bg,
        };
        for ((_, modifier), field) in MODIFIER_KEYS.iter().zip(self.modifiers) {
            let (add, sub) = match field {
                Field::Set(on) => (on, !on),
                Field::Unset => (false, false),
                Field::Invalid => (
                    fallback.add_modifier.contains(*modifier),
                    fallback.sub_modifier.contains(*modifier),
                ),
            };
            if add {
                style = style.add_modifier(*modifier);
            }
            if sub {
                style = style.remove_modifier(*modifier);
            }
        }
        style
    }
}

/// A parsed theme file.
#[derive(Debug, Clone, Default)]
pub(crate) struct ThemeFile {
    /// The parent theme's name and where it is written, for warnings found
    /// while resolving (cycles, unknown names).
    pub inherits: Option<(String, Location)>,
    pub slots: BTreeMap<Slot, SlotSpec>,
    pub warnings: Vec<Warning>,
}

/// Parses theme `text` read from `file` (used only to label warnings).
pub(crate) fn parse_theme(file: &Path, text: &str) -> ThemeFile {
    let mut out = ThemeFile::default();
    // Recovering parse: a syntax error loses what it touches, while every
    // other slot in the file still applies.
    let (table, errors) = DeTable::parse_recoverable(text);
    let error_spans: Vec<_> = errors.iter().filter_map(|e| e.span()).collect();
    for error in errors {
        let offset = error.span().map_or(0, |s| s.start);
        out.warnings.push(Warning::at(
            file,
            text,
            offset,
            format!("TOML syntax error: {}", error.message().trim()),
        ));
    }
    let warn = |out: &mut ThemeFile, offset: usize, message: String| {
        out.warnings.push(Warning::at(file, text, offset, message));
    };

    for (key, value) in table.get_ref().iter() {
        let name: &str = key.get_ref();
        if touched(key, value, &error_spans) {
            continue;
        }
        if name == "inherits" {
            match value.get_ref() {
                DeValue::String(parent) => {
                    out.inherits = Some((
                        parent.to_string(),
                        Location::from_offset(text, value.span().start),
                    ));
                }
                other => warn(
                    &mut out,
                    value.span().start,
                    format!(
                        "`inherits` must be a theme name in quotes, found {}",
                        other.type_str()
                    ),
                ),
            }
            continue;
        }
        let Some(slot) = Slot::from_name(name) else {
            let names = Slot::ALL
                .iter()
                .map(|s| s.name())
                .chain(std::iter::once("inherits"));
            let hint = suggest(name, names)
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            warn(
                &mut out,
                key.span().start,
                format!("unknown slot `{name}`{hint}; see docs/CONFIG.md for the slot list"),
            );
            continue;
        };
        if let Some(spec) = parse_slot(slot, value, &error_spans, &mut |offset, message| {
            warn(&mut out, offset, message)
        }) {
            out.slots.insert(slot, spec);
        }
    }
    out.warnings.sort();
    out
}

/// Parses one slot's value: a colour string (foreground only) or a table.
/// Returns `None` when the value is unusable altogether.
fn parse_slot(
    slot: Slot,
    value: &Spanned<DeValue<'_>>,
    error_spans: &[Range<usize>],
    warn: &mut dyn FnMut(usize, String),
) -> Option<SlotSpec> {
    let name = slot.name();
    match value.get_ref() {
        DeValue::String(_) | DeValue::Integer(_) => Some(SlotSpec {
            fg: parse_color_value(value, name, warn),
            ..SlotSpec::default()
        }),
        DeValue::Table(table) => {
            let mut spec = SlotSpec::default();
            for (key, field) in table.iter() {
                if touched(key, field, error_spans) {
                    continue;
                }
                let key_name: &str = key.get_ref();
                let path = format!("{name}.{key_name}");
                match key_name {
                    "fg" => spec.fg = parse_color_value(field, &path, warn),
                    "bg" => spec.bg = parse_color_value(field, &path, warn),
                    _ => match MODIFIER_KEYS.iter().position(|(k, _)| *k == key_name) {
                        Some(i) => spec.modifiers[i] = parse_bool(field, &path, warn),
                        None => {
                            let keys = ["fg", "bg"]
                                .into_iter()
                                .chain(MODIFIER_KEYS.iter().map(|(k, _)| *k));
                            let hint = suggest(key_name, keys.clone())
                                .map(|s| format!(" (did you mean `{s}`?)"))
                                .unwrap_or_default();
                            let all: Vec<&str> = keys.collect();
                            warn(
                                key.span().start,
                                format!(
                                    "unknown style key `{key_name}` in slot `{name}`{hint}; \
                                     expected one of {}",
                                    all.join(", ")
                                ),
                            );
                        }
                    },
                }
            }
            Some(spec)
        }
        other => {
            warn(
                value.span().start,
                format!(
                    "slot `{name}` must be a table like {{ fg = \"blue\", bold = true }} \
                     or a colour string, found {}; keeping the fallback style",
                    other.type_str()
                ),
            );
            None
        }
    }
}

/// Whether a syntax error touched this entry (see [`touched_by`]).
fn touched<K>(key: &Spanned<K>, value: &Spanned<DeValue<'_>>, errors: &[Range<usize>]) -> bool {
    let span = key.span().start..value.span().end;
    errors.iter().any(|e| touched_by(&span, e))
}

fn parse_color_value(
    value: &Spanned<DeValue<'_>>,
    path: &str,
    warn: &mut dyn FnMut(usize, String),
) -> Field<Color> {
    let parsed = match value.get_ref() {
        DeValue::String(s) => parse_color(s),
        DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) => color_from_index(n),
            Err(_) => Err(format!(
                "invalid colour index {i}: a colour index is 0 to 255"
            )),
        },
        other => Err(format!(
            "a colour is a string or an index 0-255, found {}",
            other.type_str()
        )),
    };
    match parsed {
        Ok(color) => Field::Set(color),
        Err(reason) => {
            warn(
                value.span().start,
                format!("{path}: {reason}; keeping the fallback colour"),
            );
            Field::Invalid
        }
    }
}

fn parse_bool(
    value: &Spanned<DeValue<'_>>,
    path: &str,
    warn: &mut dyn FnMut(usize, String),
) -> Field<bool> {
    match value.get_ref() {
        DeValue::Boolean(b) => Field::Set(*b),
        other => {
            warn(
                value.span().start,
                format!(
                    "{path} must be true or false, found {}; keeping the fallback value",
                    other.type_str()
                ),
            );
            Field::Invalid
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn resolve_takes_only_invalid_fields_from_the_fallback() {
        let fallback = Style::new()
            .fg(Color::Red)
            .bg(Color::Blue)
            .add_modifier(Modifier::BOLD)
            .remove_modifier(Modifier::ITALIC);
        let mut spec = SlotSpec {
            fg: Field::Invalid,
            bg: Field::Unset,
            ..SlotSpec::default()
        };
        spec.modifiers[0] = Field::Invalid; // bold
        spec.modifiers[2] = Field::Invalid; // italic
        spec.modifiers[3] = Field::Set(true); // underline
        spec.modifiers[4] = Field::Set(false); // reversed
        assert_eq!(
            spec.resolve(fallback),
            Style::new()
                .fg(Color::Red)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
                .remove_modifier(Modifier::ITALIC | Modifier::REVERSED)
        );
    }

    proptest! {
        /// Whatever a user writes, parsing returns (every warning located
        /// inside the file) rather than panicking.
        #[test]
        fn arbitrary_text_never_panics(text in "(\\PC|\n){0,200}") {
            let parsed = parse_theme(Path::new("t.toml"), &text);
            let lines = text.split('\n').count();
            for w in &parsed.warnings {
                let at = w.location.expect("theme warnings are located");
                prop_assert!(at.line <= lines, "{w}");
            }
        }

        /// Near-valid themes: random slot names, keys and values.
        #[test]
        fn shuffled_theme_entries_never_panic(
            entries in proptest::collection::vec(
                ("[a-z_]{1,12}", "[a-z_]{1,10}", "(\"[#a-z0-9]{0,8}\"|[0-9]{1,4}|true|\\{\\})"),
                0..8,
            )
        ) {
            let text: String = entries
                .iter()
                .map(|(slot, key, value)| format!("{slot} = {{ {key} = {value} }}\n"))
                .collect();
            let parsed = parse_theme(Path::new("t.toml"), &text);
            prop_assert!(parsed.slots.len() <= entries.len());
        }
    }
}
