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
