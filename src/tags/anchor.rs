//! Anchors: where a tag points in a document, recorded W3C-style (a text
//! quote selector with prefix and suffix, plus a text position selector) so it
//! can be found again after the document is edited.

use serde::{Deserialize, Serialize};

use crate::document::Document;

/// Characters of context kept before and after the quote.
pub const CONTEXT_CHARS: usize = 32;

/// A span of a document's normalised text. Offsets count Unicode code points.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Anchor {
    /// The quoted text itself, exactly as in the normalised text.
    pub exact: String,
    /// Up to 32 characters immediately before the quote.
    pub prefix: String,
    /// Up to 32 characters immediately after the quote.
    pub suffix: String,
    /// First code point of the quote.
    pub start: usize,
    /// One past the last code point of the quote.
    pub end: usize,
}

impl Anchor {
    /// The anchor of passage `index` of `doc`, or `None` if there is no such
    /// passage. Uses the passage's byte offsets, so it costs only the length
    /// of the passage and its context.
    pub fn for_passage(doc: &Document, index: usize) -> Option<Anchor> {
        let p = doc.passages.get(index)?;
        let text = &doc.text;
        let exact = text.get(p.byte_start..p.byte_end)?;
        let before = text.get(..p.byte_start)?;
        let after = text.get(p.byte_end..)?;
        Some(Anchor {
            exact: exact.to_string(),
            prefix: tail_chars(before, CONTEXT_CHARS).to_string(),
            suffix: head_chars(after, CONTEXT_CHARS).to_string(),
            start: p.char_start,
            end: p.char_end,
        })
    }

    /// The anchor of code points `start..end` of `text`, or `None` if the
    /// range is empty or out of bounds.
    pub fn for_range(text: &str, start: usize, end: usize) -> Option<Anchor> {
        if start >= end {
            return None;
        }
        let bs = byte_of_in(text, start)?;
        let be = bs + byte_of_in(&text[bs..], end - start)?;
        Some(Anchor {
            exact: text[bs..be].to_string(),
            prefix: tail_chars(&text[..bs], CONTEXT_CHARS).to_string(),
            suffix: head_chars(&text[be..], CONTEXT_CHARS).to_string(),
            start,
            end,
        })
    }

    /// The anchor of `chars[start..end]`; for re-anchoring, which works on
    /// code points. `None` if the range is empty or out of bounds.
    pub fn for_chars(chars: &[char], start: usize, end: usize) -> Option<Anchor> {
        if start >= end || end > chars.len() {
            return None;
        }
        Some(Anchor {
            exact: chars[start..end].iter().collect(),
            prefix: chars[start.saturating_sub(CONTEXT_CHARS)..start]
                .iter()
                .collect(),
            suffix: chars[end..(end + CONTEXT_CHARS).min(chars.len())]
                .iter()
                .collect(),
            start,
            end,
        })
    }

    /// Number of code points in the quote.
    pub fn len_chars(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// What is internally inconsistent about this anchor, if anything.
    pub fn problem(&self) -> Option<String> {
        let n = self.exact.chars().count();
        if self.exact.is_empty() {
            Some("quote (`exact`) is empty".into())
        } else if self.start >= self.end {
            Some(format!(
                "start {} is not before end {}",
                self.start, self.end
            ))
        } else if n != self.end - self.start {
            Some(format!(
                "quote has {n} characters but start..end ({}..{}) spans {}",
                self.start,
                self.end,
                self.end - self.start
            ))
        } else if self.prefix.chars().count() > CONTEXT_CHARS {
            Some(format!("prefix is longer than {CONTEXT_CHARS} characters"))
        } else if self.suffix.chars().count() > CONTEXT_CHARS {
            Some(format!("suffix is longer than {CONTEXT_CHARS} characters"))
        } else {
            None
        }
    }
}

/// Byte offset of code point `n` in `s` (`s.len()` for `n == count`).
fn byte_of_in(s: &str, n: usize) -> Option<usize> {
    s.char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(s.len()))
        .nth(n)
}

/// The last `n` code points of `s`.
fn tail_chars(s: &str, n: usize) -> &str {
    let start = s
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map(|(b, _)| b);
    match (n, start) {
        (0, _) => "",
        (_, Some(b)) => &s[b..],
        (_, None) => s,
    }
}

/// The first `n` code points of `s`.
fn head_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((b, _)) => &s[..b],
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Source;

    #[test]
    fn passage_anchor_has_context_and_code_point_offsets() {
        let text = "Título\n\nÉté one is here.\n\nSecond passage follows.\n";
        let doc = Document::from_bytes(Source::Embedded("t.txt"), text.as_bytes()).unwrap();
        let i = doc
            .passages
            .iter()
            .position(|p| p.raw(&doc.text).starts_with("Second"))
            .unwrap();
        let a = Anchor::for_passage(&doc, i).unwrap();
        assert_eq!(a.exact, "Second passage follows.");
        assert!(a.prefix.ends_with("here.\n\n"), "{:?}", a.prefix);
        assert_eq!(a.prefix.chars().count(), CONTEXT_CHARS.min(a.start));
        let chars: Vec<char> = doc.text.chars().collect();
        assert_eq!(chars[a.start..a.end].iter().collect::<String>(), a.exact);
        assert_eq!(Anchor::for_chars(&chars, a.start, a.end).as_ref(), Some(&a));
        assert_eq!(
            Anchor::for_range(&doc.text, a.start, a.end).as_ref(),
            Some(&a)
        );
        assert!(a.problem().is_none());
        assert!(Anchor::for_passage(&doc, 99).is_none());
    }

    #[test]
    fn ranges_at_the_edges() {
        let a = Anchor::for_range("αβγ", 0, 3).unwrap();
        assert_eq!(
            (a.prefix.as_str(), a.exact.as_str(), a.suffix.as_str()),
            ("", "αβγ", "")
        );
        assert!(Anchor::for_range("αβγ", 1, 4).is_none());
        assert!(Anchor::for_range("αβγ", 2, 2).is_none());
        assert_eq!(tail_chars("abc", 0), "");
        assert_eq!(tail_chars("abc", 2), "bc");
        assert_eq!(head_chars("abc", 5), "abc");
    }

    #[test]
    fn inconsistent_anchors_are_described() {
        let mut a = Anchor::for_range("hello world", 0, 5).unwrap();
        a.end = 7;
        assert!(a.problem().unwrap().contains("5 characters"));
        a.exact.clear();
        assert!(a.problem().unwrap().contains("empty"));
    }
}
