//! Sentences of a document: the unit diptych compares, each inside one
//! passage (its context). Boundaries come from the `sentencex` segmenter's
//! English rules (abbreviations such as "U.S.", "Sen.", "et al.", initials,
//! quotes, ellipses, numbered references); ids are `pN.sK`, offsets are in
//! bytes and Unicode code points of the normalised text.

use sentencex::languages::{English, Language};

use super::segment::Passage;

/// Longest stretch handed to the segmenter at once. Beyond it a run of text
/// without a boundary is cut at a space: a megabyte "sentence" is not a
/// sentence anyone reads, and the cut keeps the work linear.
const MAX_UNIT_BYTES: usize = 16 * 1024;

/// Abbreviations that precede a number ("approx. 3.5 million", "pp. 12")
/// and that the segmenter's English rules let end a sentence.
const BEFORE_NUMBER: &[&str] = &[
    "approx", "art", "c", "ca", "ch", "cf", "est", "fig", "figs", "nos", "para", "pp", "sec",
    "vol", "vs",
];

/// One sentence of a passage.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Sentence {
    /// `p3.s2`: the second sentence of passage `p3`.
    pub id: String,
    /// Index of its passage in the document.
    pub passage: usize,
    /// Byte range in the normalised text, without surrounding whitespace.
    pub byte_start: usize,
    pub byte_end: usize,
    /// The same range in Unicode code points.
    pub char_start: usize,
    pub char_end: usize,
}

impl Sentence {
    /// The sentence as in the file, line breaks included.
    pub fn raw<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.byte_start..self.byte_end).unwrap_or("")
    }

    /// The sentence on one line: whitespace runs become one space.
    pub fn joined(&self, text: &str) -> String {
        let mut out = String::with_capacity(self.byte_end - self.byte_start);
        for w in self.raw(text).split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
        out
    }
}

/// The sentences of every passage, in reading order.
pub fn sentences(text: &str, passages: &[Passage]) -> Vec<Sentence> {
    let mut out = Vec::new();
    // Code points are counted incrementally: passages and sentences come in
    // order, so the whole text is walked once.
    let mut counted_byte = 0usize;
    let mut counted_chars = 0usize;
    let mut char_at = |byte: usize| {
        if byte >= counted_byte {
            counted_chars += text[counted_byte..byte].chars().count();
        } else {
            counted_chars -= text[byte..counted_byte].chars().count();
        }
        counted_byte = byte;
        counted_chars
    };
    for (pi, p) in passages.iter().enumerate() {
        let Some(body) = text.get(p.byte_start..p.byte_end) else {
            continue;
        };
        for (k, (s, e)) in bounds(body).into_iter().enumerate() {
            let (byte_start, byte_end) = (p.byte_start + s, p.byte_start + e);
            let char_start = char_at(byte_start);
            let char_end = char_at(byte_end);
            out.push(Sentence {
                id: format!("{}.s{}", p.id, k + 1),
                passage: pi,
                byte_start,
                byte_end,
                char_start,
                char_end,
            });
        }
    }
    out
}

/// Byte ranges of the sentences of `text`, trimmed of surrounding
/// whitespace; empty sentences are dropped.
pub fn bounds(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let english = English {};
    for (base, unit) in units(text) {
        for b in english.get_sentence_boundaries(unit) {
            push_trimmed(unit, base, b.start_byte, b.end_byte, &mut out);
        }
    }
    rejoin(text, &mut out);
    out
}

/// Undoes boundaries that a reader would not see: after a full stop, a
/// sentence does not start in lower case, nor with a number after
/// "approx.".
fn rejoin(text: &str, out: &mut Vec<(usize, usize)>) {
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(out.len());
    for &(s, e) in out.iter() {
        if let Some(last) = merged.last_mut() {
            let prev = &text[last.0..last.1];
            let next = &text[s..e];
            let first = next.chars().next().unwrap_or(' ');
            let word = prev
                .trim_end_matches('.')
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("")
                .to_lowercase();
            let lower = first.is_lowercase();
            let number = first.is_ascii_digit() && BEFORE_NUMBER.contains(&word.as_str());
            if prev.ends_with('.') && (lower || number) {
                last.1 = e;
                continue;
            }
        }
        merged.push((s, e));
    }
    *out = merged;
}

/// `text` cut into pieces of at most [`MAX_UNIT_BYTES`] (rarely more than
/// one), each ending at whitespace when there is any.
fn units(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    while text.len() - start > MAX_UNIT_BYTES {
        let mut cut = start + MAX_UNIT_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        // The last sentence end or space in the window, else a hard cut.
        let window = &text[start..cut];
        let at = window
            .rfind(['.', '!', '?', '\n'])
            .map(|i| i + 1)
            .or_else(|| window.rfind(char::is_whitespace))
            .filter(|&i| i > 0)
            .map_or(cut, |i| start + i);
        let at = (start + 1..=at)
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(cut);
        out.push((start, &text[start..at]));
        start = at;
    }
    out.push((start, &text[start..]));
    out
}

fn push_trimmed(unit: &str, base: usize, s: usize, e: usize, out: &mut Vec<(usize, usize)>) {
    let Some(piece) = unit.get(s..e) else { return };
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if trimmed.is_empty() {
        return;
    }
    out.push((base + s + lead, base + s + lead + trimmed.len()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::segment::segment;

    fn split(text: &str) -> Vec<&str> {
        bounds(text).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn abbreviations_and_titles_do_not_end_sentences() {
        assert_eq!(
            split("Sen. Bernie Sanders said the U.S. and the U.N. agreed. Dr. Smith left."),
            vec![
                "Sen. Bernie Sanders said the U.S. and the U.N. agreed.",
                "Dr. Smith left."
            ]
        );
        assert_eq!(
            split("It cost approx. 3.5 million, see No. 18 in Jones et al. for details."),
            vec!["It cost approx. 3.5 million, see No. 18 in Jones et al. for details."]
        );
    }

    #[test]
    fn ids_and_offsets_are_per_passage_in_code_points() {
        let text = "Ünïcode title\n\n“Quoted.” Second one here.\n";
        let passages = segment(text);
        let s = sentences(text, &passages);
        let ids: Vec<&str> = s.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, vec!["p1.s1", "p2.s1", "p2.s2"]);
        let chars: Vec<char> = text.chars().collect();
        for x in &s {
            let by_chars: String = chars[x.char_start..x.char_end].iter().collect();
            assert_eq!(by_chars, x.raw(text));
        }
        assert_eq!(s[2].raw(text), "Second one here.");
    }

    #[test]
    fn huge_run_without_punctuation_is_cut_linearly() {
        let text = "word ".repeat(200_000);
        let b = bounds(&text);
        assert!(b.len() > 1);
        assert!(b.iter().all(|&(s, e)| e - s <= MAX_UNIT_BYTES));
        assert_eq!(b.last().map(|x| x.1), Some(text.trim_end().len()));
    }
}
