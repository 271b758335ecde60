//! Colour values in theme files: the 16 ANSI names, `#rrggbb`, and 256-colour
//! indices.

use ratatui::style::Color;

/// The colour names a theme may use, with the ANSI colour each means.
///
/// Separators are ignored when matching (`light_blue`, `light-blue` and
/// `lightblue` are the same), and `grey` is accepted for `gray`.
pub const COLOR_NAMES: &[(&str, Color)] = &[
    ("default", Color::Reset),
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    ("gray", Color::Gray),
    ("dark_gray", Color::DarkGray),
    ("light_red", Color::LightRed),
    ("light_green", Color::LightGreen),
    ("light_yellow", Color::LightYellow),
    ("light_blue", Color::LightBlue),
    ("light_magenta", Color::LightMagenta),
    ("light_cyan", Color::LightCyan),
    ("white", Color::White),
];

/// Parses a colour written as a name, `#rrggbb`, or a 256-colour index in a
/// string (`"208"`). Integer indices are handled by the theme parser; this
/// covers every string form. The error is a sentence for a warning.
pub fn parse_color(text: &str) -> Result<Color, String> {
    let trimmed = text.trim();
    if let Some(hex) = trimmed.strip_prefix('#') {
        return parse_hex(hex).ok_or_else(|| {
            format!("invalid colour \"{text}\": a hex colour is written \"#rrggbb\"")
        });
    }
    if !trimmed.is_empty() && trimmed.bytes().all(|b| b.is_ascii_digit()) {
        return trimmed
            .parse::<u8>()
            .map(Color::Indexed)
            .map_err(|_| format!("invalid colour \"{text}\": a colour index is 0 to 255"));
    }
    let key = normalise_name(trimmed);
    COLOR_NAMES
        .iter()
        .find(|(name, _)| normalise_name(name) == key)
        .map(|(_, color)| *color)
        .ok_or_else(|| {
            let names: Vec<&str> = COLOR_NAMES.iter().map(|(n, _)| *n).collect();
            let hint = crate::diagnostic::suggest(&trimmed.to_ascii_lowercase(), names.clone())
                .map(|s| format!(" (did you mean \"{s}\"?)"))
                .unwrap_or_default();
            format!(
                "unknown colour \"{text}\"{hint}: use a name ({}), \"#rrggbb\" or an index 0-255",
                names.join(", ")
            )
        })
}

/// A colour index given as a TOML integer.
pub fn color_from_index(index: i64) -> Result<Color, String> {
    u8::try_from(index)
        .map(Color::Indexed)
        .map_err(|_| format!("invalid colour index {index}: a colour index is 0 to 255"))
}

fn parse_hex(hex: &str) -> Option<Color> {
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some(Color::Rgb(channel(0)?, channel(2)?, channel(4)?))
}

fn normalise_name(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '_' | '-' | ' '))
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .replace("grey", "gray")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_written_form() {
        let cases = [
            ("red", Color::Red),
            ("Light-Blue", Color::LightBlue),
            ("dark_grey", Color::DarkGray),
            ("darkgray", Color::DarkGray),
            ("default", Color::Reset),
            ("#e69f00", Color::Rgb(0xe6, 0x9f, 0x00)),
            ("#FFFFFF", Color::Rgb(255, 255, 255)),
            ("208", Color::Indexed(208)),
            ("0", Color::Indexed(0)),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_color(text), Ok(expected), "{text}");
        }
    }

    #[test]
    fn rejects_bad_colours_with_a_reason() {
        let cases = [
            ("blu", "did you mean \"blue\""),
            ("#12345", "#rrggbb"),
            ("#gggggg", "#rrggbb"),
            ("256", "0 to 255"),
            ("", "unknown colour"),
            ("chartreuse", "unknown colour \"chartreuse\": use a name"),
        ];
        for (text, needle) in cases {
            let err = parse_color(text).expect_err(text);
            assert!(err.contains(needle), "{text}: {err}");
        }
        assert!(color_from_index(-1).is_err());
        assert_eq!(color_from_index(17), Ok(Color::Indexed(17)));
    }

    proptest::proptest! {
        #[test]
        fn hex_colours_round_trip(r: u8, g: u8, b: u8) {
            let text = format!("#{r:02x}{g:02X}{b:02x}");
            proptest::prop_assert_eq!(parse_color(&text), Ok(Color::Rgb(r, g, b)));
        }

        #[test]
        fn index_strings_round_trip(i: u8) {
            proptest::prop_assert_eq!(parse_color(&i.to_string()), Ok(Color::Indexed(i)));
        }

        #[test]
        fn any_text_is_a_colour_or_a_reason(text in "\\PC{0,12}") {
            if let Err(reason) = parse_color(&text) {
                proptest::prop_assert!(reason.contains("colour"));
            }
        }
    }
}
