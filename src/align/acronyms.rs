//! Acronym definitions made by the text itself: "Federal Security Bureau
//! (FSB)", "Islamic State – Khorasan (IS-K)", "the Khorasan branch (IS-K)".
//! A simplified Schwartz–Hearst matcher: the acronym's letters must be the
//! initials of the capitalised words before the parenthesis.

use super::tokens::{Token, TokenKind, is_stop_word, tokenize};

/// An acronym and the long form the text gives for it, both as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Definition {
    pub short: String,
    pub long: String,
}

/// How far back from a parenthesis the long form may start, in bytes.
const WINDOW: usize = 200;
/// Lower-case words ("branch", "province") allowed between the long form and
/// the parenthesis.
const MAX_TRAILING: usize = 2;

/// Finds "Long Form (ACR)" definitions in `text`. `known` tells whether an
/// acronym is already known, so that "Khorasan (IS-K)" can be read as IS +
/// Khorasan when IS is a known acronym.
pub(crate) fn find_definitions(text: &str, known: &dyn Fn(&str) -> bool) -> Vec<Definition> {
    let mut out = Vec::new();
    for (open, _) in text.match_indices('(') {
        let rest = &text[open + 1..];
        let Some(close) = rest.find(')').filter(|&c| c > 0 && c <= 16) else {
            continue;
        };
        let inner = rest[..close].trim();
        let inner_tokens = tokenize(inner);
        let [acr] = inner_tokens.as_slice() else {
            continue;
        };
        if acr.kind != TokenKind::Acronym || acr.text.len() != inner.len() {
            continue;
        }
        let mut start = open.saturating_sub(WINDOW);
        while !text.is_char_boundary(start) {
            start += 1;
        }
        let before = tokenize(&text[start..open]);
        // Only the words of the phrase right before the parenthesis.
        let phrase_start = before.iter().rposition(|t| t.boundary_before).unwrap_or(0);
        let words = &before[phrase_start..];
        if let Some(long) = long_form(acr, words, known) {
            out.push(Definition {
                short: acr.text.replace('.', ""),
                long,
            });
        }
    }
    out.sort_by(|a, b| (&a.short, &a.long).cmp(&(&b.short, &b.long)));
    out.dedup();
    out
}

fn long_form(acr: &Token<'_>, words: &[Token<'_>], known: &dyn Fn(&str) -> bool) -> Option<String> {
    let letters: Vec<char> = acr
        .text
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    if let Some(long) = match_initials(&letters, words) {
        return Some(long);
    }
    // "Khorasan (IS-K)": the part before the last hyphen is itself a known
    // acronym, so only the rest needs spelling out.
    let (prefix, suffix) = acr.text.rsplit_once('-')?;
    if !known(prefix) {
        return None;
    }
    let letters: Vec<char> = suffix
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    match_initials(&letters, words)
}

/// Matches `letters` right to left against the initials of capitalised
/// words, allowing stop words inside the long form ("Bureau *of* Special
/// Operations") and a few lower-case words after it ("Khorasan *branch*").
fn match_initials(letters: &[char], words: &[Token<'_>]) -> Option<String> {
    if letters.is_empty() {
        return None;
    }
    for trailing in 0..=MAX_TRAILING.min(words.len()) {
        let end = words.len() - trailing;
        if words[end..].iter().any(Token::is_capitalised) {
            break;
        }
        let mut i = letters.len();
        let mut w = end;
        while i > 0 && w > 0 {
            let word = &words[w - 1];
            let initial = word
                .text
                .chars()
                .next()
                .and_then(|c| c.to_lowercase().next());
            if word.is_capitalised() && initial == Some(letters[i - 1]) {
                i -= 1;
                w -= 1;
            } else if !word.is_capitalised() && is_stop_word(&word.key()) && w < end {
                w -= 1;
            } else {
                break;
            }
        }
        if i == 0 && w < end {
            let long: Vec<&str> = words[w..end].iter().map(|t| t.text).collect();
            return Some(long.join(" "));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defs(text: &str) -> Vec<(String, String)> {
        find_definitions(text, &|a| a == "IS")
            .into_iter()
            .map(|d| (d.short, d.long))
            .collect()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_owned(), b.to_owned())
    }

    #[test]
    fn finds_definitions() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            (
                "forcing the Russian Federal Security Bureau (FSB) to send",
                &[("FSB", "Federal Security Bureau")],
            ),
            (
                "the group, Islamic State – Khorasan (IS-K), in the",
                &[("IS-K", "Islamic State Khorasan")],
            ),
            (
                "involvement of the Khorasan (IS-K) branch",
                &[("IS-K", "Khorasan")],
            ),
            (
                "of the Khorasan branch (IS-K) in planning",
                &[("IS-K", "Khorasan")],
            ),
            (
                "the Bureau of Special Operations (BSO) raided",
                &[("BSO", "Bureau of Special Operations")],
            ),
            ("the U.N. (U.N.) said", &[]),
            ("Da’esh (ISIS) continued", &[]),
            ("report (Giustozzi, 2022) says", &[]),
            ("a plot (NATO) here", &[]),
            ("(FSB) at the start", &[]),
            ("unbalanced (IS-K", &[]),
        ];
        for (text, want) in cases {
            let want: Vec<_> = want.iter().map(|(a, b)| pair(a, b)).collect();
            assert_eq!(defs(text), want, "{text}");
        }
    }

    #[test]
    fn hyphen_prefix_needs_a_known_acronym() {
        let found = find_definitions("the Khorasan (XY-K) branch", &|_| false);
        assert!(found.is_empty());
    }
}
