//! Text from outside (a report, a tag file, a config file, a file name, a
//! note) made safe to print or draw: every character that could act on a
//! terminal, or silently reorder what the analyst reads, is replaced by a
//! visible stand-in. One sanitiser for reports, messages and exports.

use std::borrow::Cow;

/// The character shown in place of `c`: itself when harmless, a Unicode
/// "control picture" or the replacement character when it could act on the
/// terminal or silently reorder text. Line feed and tab are the caller's
/// business (see [`printable`]).
#[inline]
pub fn visible_stand_in(c: char) -> char {
    match c {
        ' '..='~' => c,
        // C0 controls: U+2400 block has a picture for each (ESC becomes ␛).
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        // C1 controls (CSI, OSC, ST… as single code points).
        '\u{80}'..='\u{9f}' => '\u{fffd}',
        // Bidirectional embedding/override/isolate controls ("Trojan Source").
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => '\u{fffd}',
        // Line and paragraph separators would break our line model.
        '\u{2028}' | '\u{2029}' => ' ',
        _ => c,
    }
}

/// `text` with every control character but line feed and tab replaced by
/// its visible stand-in: for messages printed to a terminal and for export
/// files (where tab and newline are allowed inside quoted cells).
pub fn printable(text: &str) -> Cow<'_, str> {
    let keep = |c: char| c == '\n' || c == '\t' || visible_stand_in(c) == c;
    if text.chars().all(keep) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if keep(c) { c } else { visible_stand_in(c) })
            .collect(),
    )
}

/// `text` on one line: as [`printable`], with line feeds and tabs shown as
/// spaces too (status line, table cells, names).
pub fn one_line(text: &str) -> Cow<'_, str> {
    let keep = |c: char| visible_stand_in(c) == c;
    if text.chars().all(keep) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\n' | '\t' | '\r' => ' ',
                c => visible_stand_in(c),
            })
            .collect(),
    )
}

/// Whether `c` is one of the characters no output of ours may contain:
/// C0 controls other than tab, line feed and carriage return, DEL, C1.
pub fn is_forbidden_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_c1_become_visible() {
        let hostile = "a\u{1b}]0;pwned\u{7}b\u{9b}31mc\u{202e}d";
        let out = printable(hostile);
        assert_eq!(out, "a␛]0;pwned␇b\u{fffd}31mc\u{fffd}d");
        assert!(!out.chars().any(is_forbidden_control));
    }

    #[test]
    fn newline_and_tab_are_kept_only_by_printable() {
        assert_eq!(printable("a\n\tb"), "a\n\tb");
        assert_eq!(one_line("a\n\tb\r"), "a  b ");
        assert!(matches!(printable("plain – text"), Cow::Borrowed(_)));
    }
}
