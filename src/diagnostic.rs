//! Warnings about user files (themes, config, keymap) that name the file,
//! line and column, so a mistake is reported loudly but never stops the reader.

use std::fmt;
use std::path::{Path, PathBuf};

/// A 1-based line and column (in characters) inside a text file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    pub line: usize,
    pub col: usize,
}

impl Location {
    /// The location of byte `offset` in `text`.
    ///
    /// Offsets past the end (or inside a multi-byte character) are clamped so a
    /// slightly wrong span from a parser still yields a usable position rather
    /// than a panic.
    pub fn from_offset(text: &str, offset: usize) -> Self {
        let mut end = offset.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let before = &text[..end];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        Location { line, col }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// One problem found in a user file, with the fallback already applied.
///
/// Displays as `path:line:col: message`; the parts that are unknown (a
/// problem with no single position, or with no file at all) are left out.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Warning {
    pub file: Option<PathBuf>,
    pub location: Option<Location>,
    pub message: String,
}

impl Warning {
    /// A warning at a byte offset of `text`, the contents of `file`.
    pub fn at(file: &Path, text: &str, offset: usize, message: impl Into<String>) -> Self {
        Warning {
            file: Some(file.to_path_buf()),
            location: Some(Location::from_offset(text, offset)),
            message: message.into(),
        }
    }

    /// A warning about a whole file (unreadable, incomplete).
    pub fn in_file(file: &Path, message: impl Into<String>) -> Self {
        Warning {
            file: Some(file.to_path_buf()),
            location: None,
            message: message.into(),
        }
    }

    /// A warning that belongs to no file (an environment variable, a choice).
    pub fn general(message: impl Into<String>) -> Self {
        Warning {
            file: None,
            location: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{}:", file.display())?;
            if let Some(location) = self.location {
                write!(f, "{location}:")?;
            }
            f.write_str(" ")?;
        }
        f.write_str(&self.message)
    }
}

/// Whether a value spanning `value` was touched by a syntax error spanning
/// `error`. Inclusive at both ends because errors at the end of input have
/// empty spans. Such a value is only the parser's best guess, so it is
/// dropped rather than interpreted: the syntax error already explains it,
/// and a second, derived warning would only mislead.
pub(crate) fn touched_by(value: &std::ops::Range<usize>, error: &std::ops::Range<usize>) -> bool {
    value.start <= error.end && error.start <= value.end
}

/// The closest of `candidates` to `word`, if it is close enough to be a
/// plausible typo; used for "did you mean" hints.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

/// Optimal string alignment distance: Levenshtein plus swapping two
/// neighbours as one edit, the most common typo (`drak` for `dark`).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_counts_lines_and_characters() {
        let text = "a = 1\nbé = \"x\"\n";
        assert_eq!(Location::from_offset(text, 0), Location { line: 1, col: 1 });
        assert_eq!(Location::from_offset(text, 6), Location { line: 2, col: 1 });
        // `=` comes after the two-byte `é`: column counts characters.
        let eq = text.find("= \"").unwrap_or(0);
        assert_eq!(
            Location::from_offset(text, eq),
            Location { line: 2, col: 4 }
        );
        assert_eq!(
            Location::from_offset(text, 999),
            Location { line: 3, col: 1 }
        );
        // Inside `é`: clamped back to its start.
        assert_eq!(Location::from_offset(text, 8), Location { line: 2, col: 2 });
    }

    #[test]
    fn warning_display_leaves_out_unknown_parts() {
        let p = Path::new("t.toml");
        assert_eq!(
            Warning::at(p, "x\ny", 2, "bad").to_string(),
            "t.toml:2:1: bad"
        );
        assert_eq!(Warning::in_file(p, "bad").to_string(), "t.toml: bad");
        assert_eq!(Warning::general("bad").to_string(), "bad");
    }

    #[test]
    fn suggest_finds_typos_only() {
        let names = ["agree", "contradict", "partial"];
        assert_eq!(suggest("agre", names), Some("agree"));
        assert_eq!(suggest("contradikt", names), Some("contradict"));
        assert_eq!(suggest("zebra", names), None);
        assert_eq!(suggest("drak", ["dark", "light"]), Some("dark"));
    }
}
