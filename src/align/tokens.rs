//! Tokens that respect the domain: hyphenated names and acronyms (IS-K,
//! al-Baghdadi), apostrophes straight and curly (Da'esh, Da’esh), possessives,
//! dotted acronyms (U.S.), numbers with ranges and plus signs ("400-500",
//! "200+"), plus case folding, the stop word list and English stemming.

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};

use super::fxhash::FastMap;

/// What a token looks like, which decides how it is folded and whether it
/// may be a stop word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    Word,
    /// Two or more letters, all upper case (IS, FSB, IS-K, U.S.). Never a
    /// stop word and never folded into the word of the same letters.
    Acronym,
    /// Starts with a digit: 2023, 400-500, 200+, 3.5.
    Number,
}

/// One token of a text, with its byte range in that text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token<'a> {
    /// The token as written, possessive `'s` removed.
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    /// Punctuation that separates phrases (comma, full stop, brackets…) lies
    /// between this token and the previous one, or this is the first token.
    pub boundary_before: bool,
    /// Capitalisation here says nothing about names: first token, after a
    /// sentence end, or at the start of a line (verse capitalises every line).
    pub sentence_start: bool,
}

impl<'a> Token<'a> {
    /// The matching key: lower case, curly apostrophes straightened, dots of
    /// dotted acronyms removed. Hyphens are kept.
    pub fn key(&self) -> Cow<'a, str> {
        fold_cow(self.text)
    }

    /// Whether the token starts with an upper-case letter.
    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

/// [`fold`] without allocating for words already in folded form, which is
/// most words of a report.
pub(crate) fn fold_cow(text: &str) -> Cow<'_, str> {
    let folded = text
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'\'');
    if folded {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(fold(text))
    }
}

/// Lower case with curly apostrophes straightened and dots dropped (the dots
/// only survive tokenisation inside dotted acronyms and decimal numbers, and
/// the latter keep them).
pub(crate) fn fold(text: &str) -> String {
    let numeric = text.starts_with(|c: char| c.is_ascii_digit());
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '’' | 'ʼ' | '‘' => out.push('\''),
            '‐' | '‑' => out.push('-'),
            '.' if !numeric => {}
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

/// Punctuation that ends a phrase: names and aliases never run across it.
fn is_boundary(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '"'
            | '“'
            | '”'
            | '«'
            | '»'
            | '/'
            | '|'
            | '…'
    )
}

fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | ':' | '…' | '\n')
}

fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|r| r.chars().next())
}

/// Splits `text` into tokens. Offsets are byte offsets into `text`.
pub(crate) fn tokenize(text: &str) -> Vec<Token<'_>> {
    tokens(text).collect()
}

/// The tokens of `text`, one at a time: for a pass over a whole document
/// that needs no token twice (a `Vec` of them is 40 bytes a word).
pub(crate) fn tokens(text: &str) -> Tokens<'_> {
    Tokens {
        text,
        i: 0,
        boundary: true,
        sentence: true,
    }
}

/// The iterator behind [`tokens`].
pub(crate) struct Tokens<'a> {
    text: &'a str,
    i: usize,
    boundary: bool,
    sentence: bool,
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let text = self.text;
        while let Some(c) = char_at(text, self.i) {
            if !c.is_alphanumeric() {
                self.boundary |= is_boundary(c);
                self.sentence |= ends_sentence(c);
                self.i += c.len_utf8();
                continue;
            }
            let i = self.i;
            let end = word_end(text, i);
            let (core_end, kind) = classify(&text[i..end]);
            let token = Token {
                text: &text[i..i + core_end],
                start: i,
                end: i + core_end,
                kind,
                boundary_before: self.boundary,
                sentence_start: self.sentence,
            };
            // A dotted acronym swallows its final dot; a sentence may end
            // there, but treating it as running on is the safer error for
            // names.
            self.boundary = false;
            self.sentence = false;
            self.i = end;
            return Some(token);
        }
        None
    }
}

/// End of the token starting at `start`.
fn word_end(text: &str, start: usize) -> usize {
    if let Some(end) = dotted_acronym_end(text, start) {
        return end;
    }
    let mut i = start;
    let numeric = char_at(text, start).is_some_and(|c| c.is_ascii_digit());
    loop {
        while let Some(c) = char_at(text, i).filter(|c| c.is_alphanumeric()) {
            i += c.len_utf8();
        }
        let Some(next) = char_at(text, i) else {
            return i;
        };
        let after = char_at(text, i + next.len_utf8());
        let prev_digit = text[..i].ends_with(|c: char| c.is_ascii_digit());
        let joins = match next {
            c if is_apostrophe(c) => after.is_some_and(char::is_alphabetic),
            c if is_hyphen(c) => after.is_some_and(char::is_alphanumeric),
            '–' => prev_digit && after.is_some_and(|c| c.is_ascii_digit()),
            '.' | ',' => numeric && prev_digit && after.is_some_and(|c| c.is_ascii_digit()),
            '+' => {
                if prev_digit {
                    return i + 1;
                }
                false
            }
            _ => false,
        };
        if !joins {
            return i;
        }
        i += next.len_utf8();
    }
}

/// `U.S.`, `U.N.`, `E.U.`: single capitals each followed by a dot.
fn dotted_acronym_end(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = start;
    let mut letters = 0;
    while i + 1 < bytes.len() && bytes[i].is_ascii_uppercase() && bytes[i + 1] == b'.' {
        letters += 1;
        i += 2;
    }
    let followed_by_letter = bytes.get(i).is_some_and(|b| b.is_ascii_alphanumeric());
    (letters >= 2 && !followed_by_letter).then_some(i)
}

/// Strips a possessive and tells the token's kind. Returns the core length.
fn classify(raw: &str) -> (usize, TokenKind) {
    let mut core = raw;
    for suffix in ["'s", "’s", "'S", "’S", "ʼs"] {
        if let Some(c) = core.strip_suffix(suffix) {
            if !c.is_empty() {
                core = c;
            }
            break;
        }
    }
    let kind = if core.starts_with(|c: char| c.is_ascii_digit()) {
        TokenKind::Number
    } else {
        let letters = core.chars().filter(|c| c.is_alphabetic()).count();
        let all_upper = core
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
        if letters >= 2 && all_upper {
            TokenKind::Acronym
        } else {
            TokenKind::Word
        }
    };
    (core.len(), kind)
}

/// English stop words: the Snowball list plus a few report fillers. Sorted
/// for binary search. Only ever applied to tokens that are not acronyms, so
/// "US", "IS" and "UN" survive while "us" and "is" go.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "almost",
    "also",
    "although",
    "am",
    "among",
    "an",
    "and",
    "another",
    "any",
    "are",
    "aren't",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "can't",
    "cannot",
    "could",
    "couldn't",
    "did",
    "didn't",
    "do",
    "does",
    "doesn't",
    "doing",
    "don't",
    "down",
    "during",
    "each",
    "either",
    "else",
    "even",
    "ever",
    "every",
    "few",
    "for",
    "from",
    "further",
    "had",
    "hadn't",
    "has",
    "hasn't",
    "have",
    "haven't",
    "having",
    "he",
    "he'd",
    "he'll",
    "her",
    "here",
    "here's",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "how's",
    "however",
    "i",
    "i'd",
    "i'll",
    "i'm",
    "i've",
    "if",
    "in",
    "into",
    "is",
    "isn't",
    "it",
    "its",
    "itself",
    "just",
    "let",
    "let's",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "mustn't",
    "my",
    "myself",
    "neither",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "often",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "ought",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "per",
    "rather",
    "same",
    "shall",
    "shan't",
    "she",
    "she'd",
    "she'll",
    "should",
    "shouldn't",
    "since",
    "so",
    "some",
    "such",
    "than",
    "that",
    "that's",
    "the",
    "thee",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "there's",
    "these",
    "they",
    "they'd",
    "they'll",
    "they're",
    "they've",
    "thine",
    "this",
    "those",
    "thou",
    "though",
    "thus",
    "thy",
    "to",
    "too",
    "toward",
    "towards",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "via",
    "was",
    "wasn't",
    "we",
    "we'd",
    "we'll",
    "we're",
    "we've",
    "were",
    "weren't",
    "what",
    "what's",
    "when",
    "when's",
    "where",
    "where's",
    "whether",
    "which",
    "while",
    "who",
    "who's",
    "whom",
    "whose",
    "why",
    "why's",
    "will",
    "with",
    "within",
    "without",
    "won't",
    "would",
    "wouldn't",
    "ye",
    "yet",
    "you",
    "you'd",
    "you'll",
    "you're",
    "you've",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

/// Whether a folded word is a stop word.
pub(crate) fn is_stop_word(folded: &str) -> bool {
    STOP_WORDS.binary_search(&folded).is_ok()
}

/// Snowball English stemming with a per-run cache: reports repeat their
/// vocabulary, so most tokens are cache hits.
pub(crate) struct StemCache {
    stemmer: Stemmer,
    cache: FastMap<String, String>,
}

impl StemCache {
    pub fn new() -> Self {
        StemCache {
            stemmer: Stemmer::create(Algorithm::English),
            cache: FastMap::default(),
        }
    }

    /// The stem of a folded word, remembered.
    pub fn stem(&mut self, folded: &str) -> String {
        if let Some(s) = self.cache.get(folded) {
            return s.clone();
        }
        let stem = self.stem_uncached(folded);
        self.cache.insert(folded.to_owned(), stem.clone());
        stem
    }

    /// The stem of a folded word, for callers that keep their own table of
    /// words. Hyphens are dropped first so that "counter-terrorism" and
    /// "counterterrorism" meet. Words in other scripts are kept whole: the
    /// English stemmer would only mangle them.
    pub fn stem_uncached(&self, folded: &str) -> String {
        let joined: String = folded.chars().filter(|c| *c != '-').collect();
        let latin = joined
            .chars()
            .all(|c| c.is_ascii_alphabetic() || c == '\'' || ('\u{c0}'..='\u{24f}').contains(&c));
        if latin {
            self.stemmer.stem(&joined).into_owned()
        } else {
            joined
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| t.text).collect()
    }

    #[test]
    fn stop_words_are_sorted_and_unique() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn domain_tokens() {
        let cases: &[(&str, &[&str])] = &[
            ("IS-K and ISKP", &["IS-K", "and", "ISKP"]),
            ("Abu Bakr al-Baghdadi", &["Abu", "Bakr", "al-Baghdadi"]),
            ("Da'esh and Da’esh", &["Da'esh", "and", "Da’esh"]),
            (
                "IS-K’s help, Russia's reach",
                &["IS-K", "help", "Russia", "reach"],
            ),
            ("400-500 Central Asians", &["400-500", "Central", "Asians"]),
            ("with 200+ working", &["with", "200+", "working"]),
            (
                "in 2022-23, 3.5 and 1,000",
                &["in", "2022-23", "3.5", "and", "1,000"],
            ),
            (
                "the U.S. and U.N. said",
                &["the", "U.S.", "and", "U.N.", "said"],
            ),
            ("400–500 men", &["400–500", "men"]),
            ("“quoted” (IS-K) end.", &["quoted", "IS-K", "end"]),
            ("Москва и Россия", &["Москва", "и", "Россия"]),
            ("الدولة الإسلامية", &["الدولة", "الإسلامية"]),
            ("dash – separated", &["dash", "separated"]),
        ];
        for (input, want) in cases {
            assert_eq!(&texts(input), want, "input {input:?}");
        }
    }

    #[test]
    fn kinds_and_keys() {
        let t = tokenize("IS is U.S. 200+ Da’esh FSB’s");
        let kinds: Vec<_> = t.iter().map(|t| t.kind).collect();
        use TokenKind::*;
        assert_eq!(kinds, [Acronym, Word, Acronym, Number, Word, Acronym]);
        let keys: Vec<_> = t.iter().map(Token::key).collect();
        assert_eq!(keys, ["is", "is", "us", "200+", "da'esh", "fsb"]);
    }

    #[test]
    fn boundaries_and_sentence_starts() {
        let t = tokenize("Turkey, Syria. Then Iran\nAnd more");
        let b: Vec<_> = t
            .iter()
            .map(|t| (t.boundary_before, t.sentence_start))
            .collect();
        assert_eq!(
            b,
            [
                (true, true),   // Turkey
                (true, false),  // , Syria
                (true, true),   // . Then
                (false, false), // Iran
                (false, true),  // \nAnd: a line start
                (false, false), // more
            ]
        );
    }

    #[test]
    fn offsets_slice_the_input() {
        let s = "Ünïcode “Da’esh’s” IS-K";
        for t in tokenize(s) {
            assert_eq!(&s[t.start..t.end], t.text);
        }
    }

    #[test]
    fn stop_words_and_stems() {
        assert!(is_stop_word("is") && is_stop_word("us") && !is_stop_word("nato"));
        let mut s = StemCache::new();
        assert_eq!(s.stem("counter-terrorism"), s.stem("counterterrorism"));
        assert_eq!(s.stem("fighters"), "fighter");
        assert_eq!(s.stem("россия"), "россия");
    }
}
