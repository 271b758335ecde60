//! Where a topic's terms occur in a document, for highlighting. Recomputed
//! from the topic's terms and passages so that an [`Alignment`] stays plain
//! data: names and aliases match word for word (acronyms in capitals only),
//! key phrases match any inflection (by stem).

use std::collections::HashSet;
use std::ops::Range;

use super::tokens::{StemCache, TokenKind, fold, tokenize, tokens};
use super::{Alignment, Side, TopicKind};
use crate::document::Document;

/// A term to find: its words' keys and whether each must be in capitals.
struct Pattern {
    words: Vec<String>,
    caps: Vec<bool>,
}

/// Byte ranges in `doc.text` where topic `topic`'s terms occur, within the
/// passages listed for that side, sorted and without overlaps.
pub fn topic_spans(
    doc: &Document,
    alignment: &Alignment,
    topic: usize,
    side: Side,
) -> Vec<Range<usize>> {
    let Some(t) = alignment.topics.get(topic) else {
        return Vec::new();
    };
    let by_stem = t.kind == TopicKind::KeyPhrase;
    let mut stems = StemCache::new();
    let mut key = |text: &str, kind: TokenKind| {
        let folded = fold(text);
        if by_stem && kind == TokenKind::Word {
            stems.stem(&folded)
        } else {
            folded
        }
    };
    let mut patterns: Vec<Pattern> = t
        .terms
        .iter()
        .map(|term| {
            let tokens = tokenize(term);
            Pattern {
                words: tokens.iter().map(|tk| key(tk.text, tk.kind)).collect(),
                caps: tokens
                    .iter()
                    .map(|tk| tk.kind == TokenKind::Acronym)
                    .collect(),
            }
        })
        .filter(|p| !p.words.is_empty())
        .collect();
    patterns.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
    let firsts: HashSet<&str> = patterns.iter().map(|p| p.words[0].as_str()).collect();

    let passages = match side {
        Side::Left => &t.left,
        Side::Right => &t.right,
    };
    let mut out = Vec::new();
    for p in passages.iter().filter_map(|&i| doc.passages.get(i)) {
        let Some(text) = doc.text.get(p.byte_start..p.byte_end) else {
            continue;
        };
        // (key, start, end, boundary before, all caps) per unit; hyphenated
        // words split when only a part can match ("ex-Soviet").
        let mut units: Vec<(String, usize, usize, bool, bool)> = Vec::new();
        for tk in tokens(text) {
            let whole = key(tk.text, tk.kind);
            let caps = tk.kind == TokenKind::Acronym;
            if !tk.text.contains('-') || firsts.contains(whole.as_str()) {
                units.push((whole, tk.start, tk.end, tk.boundary_before, caps));
                continue;
            }
            let mut start = tk.start;
            for (n, part) in tk.text.split('-').enumerate() {
                if !part.is_empty() {
                    let upper = part
                        .chars()
                        .filter(|c| c.is_alphabetic())
                        .all(char::is_uppercase);
                    units.push((
                        key(part, TokenKind::Word),
                        start,
                        start + part.len(),
                        n == 0 && tk.boundary_before,
                        upper,
                    ));
                }
                start += part.len() + 1;
            }
        }
        let mut i = 0;
        while i < units.len() {
            let hit = patterns.iter().find(|pat| {
                let n = pat.words.len();
                units.get(i..i + n).is_some_and(|w| {
                    w.iter().enumerate().all(|(j, u)| {
                        u.0 == pat.words[j] && (!pat.caps[j] || u.4) && (j == 0 || !u.3)
                    })
                })
            });
            match hit {
                Some(pat) => {
                    let n = pat.words.len();
                    out.push(p.byte_start + units[i].1..p.byte_start + units[i + n - 1].2);
                    i += n;
                }
                None => i += 1,
            }
        }
    }
    out.sort_by_key(|r| (r.start, r.end));
    out.dedup();
    out
}
