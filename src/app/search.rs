//! Plain-text search in one document: smart case (case-insensitive unless the
//! query has a capital letter), line breaks inside a passage match a space.

use std::ops::Range;

/// A search and its results in one pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    /// The pane the search ran in.
    pub pane: crate::side::Side,
    /// Byte ranges of every match, in order.
    pub matches: Vec<Range<usize>>,
    /// Index into `matches` of the current one.
    pub current: Option<usize>,
}

/// Every non-overlapping match of `query` in `text`, as byte ranges.
pub fn find_all(text: &str, query: &str) -> Vec<Range<usize>> {
    if query.is_empty() {
        return Vec::new();
    }
    let case_sensitive = query.chars().any(char::is_uppercase);
    // An ASCII query is searched byte by byte (a few ms on megabytes): an
    // ASCII byte never occurs inside a multi-byte character, and only two
    // non-ASCII characters lower-case to an ASCII letter (the Kelvin sign
    // and the dotted capital I); a text holding one takes the general path.
    if query.is_ascii()
        && (case_sensitive || !(text.contains('\u{212A}') || text.contains('\u{0130}')))
    {
        return find_all_ascii(text.as_bytes(), query.as_bytes(), case_sensitive);
    }
    find_all_chars(text, query, case_sensitive)
}

/// [`find_all`] for an ASCII query.
fn find_all_ascii(text: &[u8], query: &[u8], case_sensitive: bool) -> Vec<Range<usize>> {
    let fold = |b: u8| {
        let b = if b == b'\n' { b' ' } else { b };
        if case_sensitive {
            b
        } else {
            b.to_ascii_lowercase()
        }
    };
    let needle: Vec<u8> = query.iter().map(|&b| fold(b)).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + needle.len() <= text.len() {
        if fold(text[i]) == needle[0]
            && text[i + 1..i + needle.len()]
                .iter()
                .zip(&needle[1..])
                .all(|(&t, &n)| fold(t) == n)
        {
            out.push(i..i + needle.len());
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out
}

/// [`find_all`] for any query, character by character.
fn find_all_chars(text: &str, query: &str, case_sensitive: bool) -> Vec<Range<usize>> {
    let fold = |c: char| {
        let c = if c == '\n' { ' ' } else { c };
        if case_sensitive {
            c
        } else {
            c.to_lowercase().next().unwrap_or(c)
        }
    };
    let needle: Vec<char> = query.chars().map(fold).collect();
    let mut out = Vec::new();
    let mut chars = text.char_indices();
    'outer: while let Some((start, c)) = chars.next() {
        if fold(c) != needle[0] {
            continue;
        }
        let mut probe = text[start..].char_indices().skip(1);
        for &want in &needle[1..] {
            match probe.next() {
                Some((_, c)) if fold(c) == want => {}
                _ => continue 'outer,
            }
        }
        let len = probe
            .next()
            .map_or(text.len() - start, |(offset, _)| offset);
        out.push(start..start + len);
        // Skip past this match so that matches never overlap.
        while chars.offset() < start + len {
            if chars.next().is_none() {
                break;
            }
        }
    }
    out
}

impl Search {
    /// The first match at or after byte `from`, wrapping to the first match.
    /// Returns the index and whether it wrapped.
    pub fn next_from(&self, from: usize) -> Option<(usize, bool)> {
        if self.matches.is_empty() {
            return None;
        }
        let i = self.matches.partition_point(|m| m.start < from);
        if i < self.matches.len() {
            Some((i, false))
        } else {
            Some((0, true))
        }
    }

    /// The last match before byte `before`, wrapping to the last match.
    pub fn prev_from(&self, before: usize) -> Option<(usize, bool)> {
        if self.matches.is_empty() {
            return None;
        }
        let i = self.matches.partition_point(|m| m.start < before);
        if i > 0 {
            Some((i - 1, false))
        } else {
            Some((self.matches.len() - 1, true))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ascii_path_finds_what_the_general_one_does() {
        let texts = [
            "Turkey and TURKEY and turkey\nand tur\nkey",
            "naïve Çanakkale IS-K is-k Is-K ıs-k",
            "",
            "aaaa",
            "日本 turkey 日本Turkey",
        ];
        for text in texts {
            for query in [
                "turkey", "Turkey", "tur key", "is-k", "IS-K", "a", "aa", "k", "日本",
            ] {
                let case_sensitive = query.chars().any(char::is_uppercase);
                assert_eq!(
                    find_all(text, query),
                    find_all_chars(text, query, case_sensitive),
                    "{query:?} in {text:?}"
                );
            }
        }
        // The two characters that lower-case to ASCII still match.
        assert_eq!(find_all("\u{212A}elvin", "kelvin").len(), 1);
        assert_eq!(find_all("\u{0130}stanbul", "istanbul").len(), 1);
    }

    #[test]
    fn smart_case() {
        assert_eq!(find_all("Turkey turkey TURKEY", "turkey").len(), 3);
        assert_eq!(find_all("Turkey turkey TURKEY", "Turkey"), vec![0..6]);
    }

    #[test]
    fn matches_across_joined_lines_and_unicode() {
        assert_eq!(find_all("Central\nAsians", "central asians"), vec![0..14]);
        assert_eq!(find_all("Да’еш и ДА’ЕШ", "да’еш").len(), 2);
    }

    #[test]
    fn non_overlapping() {
        assert_eq!(find_all("aaaa", "aa"), vec![0..2, 2..4]);
        assert!(find_all("abc", "").is_empty());
        assert!(find_all("", "x").is_empty());
    }

    #[test]
    fn next_and_prev_wrap() {
        let s = Search {
            query: "x".into(),
            pane: crate::side::Side::Left,
            matches: vec![2..3, 10..11],
            current: None,
        };
        assert_eq!(s.next_from(0), Some((0, false)));
        assert_eq!(s.next_from(3), Some((1, false)));
        assert_eq!(s.next_from(11), Some((0, true)));
        assert_eq!(s.prev_from(10), Some((0, false)));
        assert_eq!(s.prev_from(2), Some((1, true)));
    }
}
