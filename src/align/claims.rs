//! Claim structure, cheaply: what aspect a sentence speaks to (the aspect
//! lexicon in `data/aspects.toml`), whether it is negated or hedged, which
//! numbers it states and which antonymous words it uses (WordNet 3.0's
//! antonym pairs, `data/wordnet/antonyms.tsv`); and from those, the hints
//! offered on a candidate pair. A hint is a suggestion with its reason, and
//! only given when the two sentences already share an actor or a topic
//! term: a cue alone (a negation in one sentence) is noise.

use serde::Deserialize;

use super::analyze::GENERIC;
use super::fxhash::{FastMap, FastSet};
use super::tokens::{StemCache, is_stop_word};

const ASPECTS: &str = include_str!("../../data/aspects.toml");
const ANTONYMS: &str = include_str!("../../data/wordnet/antonyms.tsv");
const SENSES: &str = include_str!("../../data/wordnet/senses.tsv");

/// Negation cues (lower case; "n't" is handled apart).
const NEGATIONS: &[&str] = &[
    "not", "no", "never", "nor", "neither", "none", "nothing", "nobody", "without", "hardly",
    "barely", "scarcely", "cannot", "lack", "lacks", "lacking", "unable", "fails", "failed",
];

/// Hedges: the claim is put as possible rather than certain.
const HEDGES: &[&str] = &[
    "may",
    "might",
    "could",
    "seem",
    "seems",
    "seemed",
    "seemingly",
    "perhaps",
    "possibly",
    "possible",
    "likely",
    "unlikely",
    "probably",
    "appear",
    "appears",
    "appeared",
    "apparently",
    "suggest",
    "suggests",
    "suggesting",
    "reportedly",
    "allegedly",
    "alleged",
    "conceivably",
    "presumably",
    "arguably",
    "maybe",
    "necessarily",
    "speculation",
    "uncertain",
    "unclear",
    // A condition puts its claim as possible: "if the expansion were
    // really such".
    "if",
    "unless",
    "whether",
];

/// A kind of hint, as the JSON contract names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HintKind {
    Contradiction,
    Agreement,
    Difference,
}

impl HintKind {
    pub fn as_str(self) -> &'static str {
        match self {
            HintKind::Contradiction => "contradiction",
            HintKind::Agreement => "agreement",
            HintKind::Difference => "difference",
        }
    }
}

/// A suggestion about a candidate pair, never a judgement.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Hint {
    pub kind: HintKind,
    pub why: String,
}

#[derive(Deserialize)]
struct AspectFile {
    aspect: Vec<AspectEntry>,
}

#[derive(Deserialize)]
struct AspectEntry {
    label: String,
    #[serde(default)]
    family: Option<String>,
    words: Vec<String>,
    #[serde(default)]
    up: Vec<String>,
    #[serde(default)]
    down: Vec<String>,
}

/// The aspect lexicon and antonym table, stemmed once.
pub(crate) struct Lexicon {
    pub labels: Vec<String>,
    /// Family of each aspect, by index into `families`.
    families_of: Vec<Option<usize>>,
    families: Vec<String>,
    /// Stem → aspects it counts for.
    by_stem: FastMap<String, Vec<u16>>,
    /// Stem → the aspects it gives a direction, with the direction (+1
    /// up, -1 down).
    poles: FastMap<String, Vec<(u16, i8)>>,
    /// Lower-case word → its antonyms.
    antonyms: FastMap<String, Vec<String>>,
    /// Stem → WordNet group of its commonest sense, and each group's stems.
    senses: FastMap<&'static str, u32>,
    pub sense_members: FastMap<u32, Vec<&'static str>>,
}

impl Lexicon {
    /// The built-in lexicon with the user's aspects from topics.toml: one
    /// with a built-in label adds its words to it, a new label is a new
    /// aspect (and a new aspect topic).
    pub fn with_user(stems: &mut StemCache, user: &[crate::align::AspectSpec]) -> Self {
        // The file is part of the binary and parsed by a test; a broken
        // edit yields no aspects rather than a crash.
        let mut file: AspectFile = toml::from_str(ASPECTS).unwrap_or(AspectFile { aspect: vec![] });
        for spec in user {
            match file.aspect.iter_mut().find(|a| a.label == spec.label) {
                Some(a) => {
                    a.words.extend(spec.words.iter().cloned());
                    a.up.extend(spec.up.iter().cloned());
                    a.down.extend(spec.down.iter().cloned());
                }
                None => file.aspect.push(AspectEntry {
                    label: spec.label.clone(),
                    family: spec.family.clone(),
                    words: spec.words.clone(),
                    up: spec.up.clone(),
                    down: spec.down.clone(),
                }),
            }
        }
        let mut labels = Vec::new();
        let mut families: Vec<String> = Vec::new();
        let mut families_of = Vec::new();
        let mut by_stem: FastMap<String, Vec<u16>> = FastMap::default();
        let mut poles: FastMap<String, Vec<(u16, i8)>> = FastMap::default();
        for (i, a) in file.aspect.iter().enumerate() {
            for (words, sign) in [(&a.up, 1i8), (&a.down, -1i8)] {
                for w in words {
                    let slot = poles.entry(stems.stem(&w.to_lowercase())).or_default();
                    if !slot.iter().any(|&(x, _)| x == i as u16) {
                        slot.push((i as u16, sign));
                    }
                }
            }
            labels.push(a.label.clone());
            families_of.push(a.family.as_ref().map(|f| {
                families.iter().position(|x| x == f).unwrap_or_else(|| {
                    families.push(f.clone());
                    families.len() - 1
                })
            }));
            // Direction words are words of the aspect too.
            for w in a.words.iter().chain(&a.up).chain(&a.down) {
                let slot = by_stem.entry(stems.stem(&w.to_lowercase())).or_default();
                if !slot.contains(&(i as u16)) {
                    slot.push(i as u16);
                }
            }
        }
        let mut antonyms: FastMap<String, Vec<String>> = FastMap::default();
        // Words of argument and stop words oppose nothing a claim says
        // ("late" / "middle", "first" / "last").
        let generic: FastSet<String> = GENERIC.iter().map(|w| stems.stem(w)).collect();
        let mut plain = |w: &str| !is_stop_word(w) && !generic.contains(&stems.stem(w));
        for line in ANTONYMS.lines() {
            if let Some((a, b)) = line.split_once('\t')
                && plain(a)
                && plain(b)
            {
                antonyms.entry(a.to_owned()).or_default().push(b.to_owned());
                antonyms.entry(b.to_owned()).or_default().push(a.to_owned());
            }
        }
        let mut senses: FastMap<&'static str, u32> = FastMap::default();
        let mut sense_members: FastMap<u32, Vec<&'static str>> = FastMap::default();
        for line in SENSES.lines() {
            if let Some((stem, group)) = line.split_once('\t')
                && let Ok(g) = group.parse::<u32>()
            {
                senses.insert(stem, g);
                sense_members.entry(g).or_default().push(stem);
            }
        }
        Lexicon {
            senses,
            sense_members,
            labels,
            families_of,
            families,
            by_stem,
            poles,
            antonyms,
        }
    }

    pub fn family_of(&self, aspect: usize) -> Option<usize> {
        self.families_of.get(aspect).copied().flatten()
    }

    /// The term index and label of a family: after the aspects.
    pub fn family_term(&self, family: usize) -> (usize, String) {
        (
            self.labels.len() + family,
            format!("related aspects: {}", self.families[family]),
        )
    }

    /// The family a family term index stands for (see [`Self::family_term`]).
    pub fn family_of_term(&self, index: usize) -> Option<usize> {
        index
            .checked_sub(self.labels.len())
            .filter(|&f| f < self.families.len())
    }

    /// The term index and label of "states the report's case": after the
    /// families.
    pub fn thesis_term(&self) -> (usize, &'static str) {
        (
            self.labels.len() + self.families.len(),
            "both sum up their report",
        )
    }

    /// Whether an aspect term index is a family or the thesis role, which
    /// weigh less than an aspect.
    pub fn is_secondary(&self, index: usize) -> bool {
        index >= self.labels.len()
    }

    /// The WordNet group of a stem's commonest sense, if it has synonyms.
    pub fn sense_of_stem(&self, stem: &str) -> Option<u32> {
        self.senses.get(stem).copied()
    }

    pub fn aspects_of_stem(&self, stem: &str) -> &[u16] {
        self.by_stem.get(stem).map_or(&[], Vec::as_slice)
    }
}

/// What one sentence claims, as far as cheap cues tell.
#[derive(Debug, Clone, Default)]
pub(crate) struct Claim {
    /// Aspects, sorted, deduplicated.
    pub aspects: Vec<u16>,
    /// The first negation cue, if any.
    pub negation: Option<&'static str>,
    /// The first hedge, if any.
    pub hedge: Option<String>,
    /// Numbers as written (digits), in order, deduplicated.
    pub numbers: Vec<String>,
    /// Figures with what they count ("eight hundred thousand valiant
    /// men", "fifty shekels", "60 members"), in order.
    pub counts: Vec<Count>,
    /// Week days named (lower case).
    pub days: Vec<&'static str>,
    /// Lower-case words that have an antonym in WordNet.
    pub polar_words: Vec<String>,
    /// Aspects with a word in the scope of a negation (the few words after
    /// it: "not really *expanding*").
    pub negated: Vec<u16>,
    /// Aspects with a word in the scope of a hedge ("may now become the
    /// single most significant *threat*").
    pub hedged: Vec<u16>,
    /// Which way the sentence says an aspect goes, and of whom.
    pub directions: Vec<Direction>,
    /// Stems of the aspect words it uses, and of those in the scope of a
    /// negation: "did not arrest" / "arrested" is the same predicate with
    /// opposite polarity.
    pub aspect_stems: Vec<(String, String)>,
    pub negated_stems: Vec<(String, String)>,
}

/// A figure and the words after it, which say what it counts.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Count {
    pub value: u64,
    /// The (at most two) content words after the figure: stem, and the
    /// word as written.
    pub of: Vec<(String, String)>,
}

/// Most figures read per sentence.
const MAX_COUNTS: usize = 8;

/// English number words and their values; "score" is twenty, as in
/// "threescore and ten".
fn number_word(w: &str) -> Option<u64> {
    const UNITS: &[&str] = &[
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: &[&str] = &[
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(i) = UNITS.iter().position(|u| *u == w) {
        return Some(i as u64);
    }
    if let Some(i) = TENS.iter().position(|t| *t == w) {
        return Some(20 + 10 * i as u64);
    }
    match w {
        "dozen" => Some(12),
        "score" => Some(20),
        _ => w
            .strip_suffix("score")
            .and_then(|u| UNITS.iter().position(|x| *x == u))
            .map(|i| 20 * i as u64),
    }
}

/// The multiplier a scale word stands for.
fn scale_word(w: &str) -> Option<u64> {
    match w {
        "hundred" => Some(100),
        "thousand" => Some(1_000),
        "million" | "millions" => Some(1_000_000),
        "billion" | "billions" => Some(1_000_000_000),
        _ => None,
    }
}

/// The figures of a sentence, written in digits ("60", "3.5 million",
/// "1,200") or in words ("eight hundred thousand", "a thousand thousand and
/// an hundred thousand", "four hundred threescore and ten thousand"), each
/// with the content words after it. Years are not figures; nor is a lone
/// "one" ("one of the deadliest attacks"), which is rarely a count.
fn counts(text: &str, stems: &mut StemCache) -> Vec<Count> {
    if !has_figure(text) {
        return Vec::new();
    }
    // A figure in brackets is a reference, not a count: "(2 Samuel 24)",
    // "(Giustozzi, 2022)".
    let mut depth = 0usize;
    let outside: String = text
        .chars()
        .map(|ch| {
            match ch {
                '(' | '[' => depth += 1,
                ')' | ']' => depth = depth.saturating_sub(1),
                _ => {}
            }
            if depth > 0 { ' ' } else { ch }
        })
        .collect();
    let lower: Vec<String> = outside
        .split(|ch: char| !(ch.is_alphanumeric() || matches!(ch, '.' | ',' | '\'' | '’')))
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lower.len() && out.len() < MAX_COUNTS {
        let start = i;
        let (mut total, mut current, mut words, mut after_scale) = (0u64, 0u64, 0usize, 0u64);
        let mut digits = false;
        while let Some(w) = lower.get(i) {
            let next_scales = lower.get(i + 1).is_some_and(|n| scale_word(n).is_some());
            if let Some(v) = number_word(w) {
                current = current.saturating_add(v);
            } else if w.starts_with(|c: char| c.is_ascii_digit()) && words == 0 {
                let plain: String = w.chars().filter(|c| *c != ',').collect();
                let Ok(v) = plain.trim_end_matches('.').parse::<f64>() else {
                    break;
                };
                let year = !plain.contains('.') && (1500.0..=2100.0).contains(&v);
                if year && !next_scales {
                    break;
                }
                // "3.5 million": the scale word below multiplies.
                current = v as u64;
                if next_scales && let Some(s) = lower.get(i + 1).and_then(|n| scale_word(n)) {
                    current = (v * s as f64) as u64;
                    i += 1;
                }
                digits = true;
                words += 1;
                i += 1;
                break;
            } else if matches!(w.as_str(), "a" | "an") && next_scales {
                current = current.saturating_add(1);
            } else if let Some(s) = scale_word(w).filter(|_| words > 0) {
                if s == 100 {
                    current = current.max(1) * 100;
                } else if current == 0 && after_scale >= s {
                    // "a thousand thousand": the total so far, times.
                    total = total.saturating_mul(s);
                } else {
                    total = total.saturating_add(current.max(1).saturating_mul(s));
                    current = 0;
                }
                after_scale = s;
            } else if w == "and"
                && words > 0
                && lower
                    .get(i + 1)
                    .is_some_and(|n| number_word(n).is_some() || matches!(n.as_str(), "a" | "an"))
            {
                // "threescore and ten", "a thousand thousand and an hundred".
            } else {
                break;
            }
            words += 1;
            i += 1;
        }
        if words == 0 {
            i = start + 1;
            continue;
        }
        let value = total.saturating_add(current);
        let lone_one = !digits && words == 1 && value == 1;
        if !lone_one {
            let of: Vec<(String, String)> = lower[i..]
                .iter()
                .filter(|w| !is_stop_word(w) && number_word(w).is_none())
                .take(2)
                .map(|w| (stems.stem(w), w.clone()))
                .collect();
            out.push(Count { value, of });
        }
    }
    out
}

/// Whether a sentence has a digit or a number word: most have neither, and
/// are not read again for figures.
fn has_figure(text: &str) -> bool {
    words(text).any(|w| {
        if w.starts_with(|c: char| c.is_ascii_digit()) {
            return true;
        }
        // Number words are short and ASCII: folded on the stack.
        let mut buf = [0u8; 12];
        if w.len() > buf.len() || !w.is_ascii() {
            return false;
        }
        buf[..w.len()].copy_from_slice(w.as_bytes());
        buf[..w.len()].make_ascii_lowercase();
        std::str::from_utf8(&buf[..w.len()]).is_ok_and(|l| number_word(l).is_some())
    })
}

/// Figures two sentences give for the same thing (the same word after
/// them) that differ: "eight hundred thousand valiant men" / "a thousand
/// thousand and an hundred thousand men"; "fifty shekels" / "six hundred
/// shekels". The thing is the first shared word; `None` when a figure is
/// the same on both sides or nothing counted is shared.
fn different_counts<'c>(a: &'c Claim, b: &Claim) -> Option<(&'c str, Vec<u64>, Vec<u64>)> {
    for x in &a.counts {
        for (of, word) in &x.of {
            let values = |c: &Claim| -> Vec<u64> {
                c.counts
                    .iter()
                    .filter(|k| k.of.iter().any(|(s, _)| s == of))
                    .map(|k| k.value)
                    .collect()
            };
            let (va, vb) = (values(a), values(b));
            if vb.is_empty() {
                continue;
            }
            if va.iter().any(|v| vb.contains(v)) {
                return None;
            }
            return Some((word.as_str(), va, vb));
        }
    }
    None
}

/// A figure as a reader writes it: 1,100,000.
fn grouped(v: u64) -> String {
    let digits = v.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Which way a sentence takes an aspect of an actor.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Direction {
    pub aspect: u16,
    /// The net direction of its words: +1 up, -1 down (a negation in scope
    /// turns a word).
    pub sign: i8,
    /// The first such word as written, for the hint's reason.
    pub word: String,
    /// The actor (term id) the words are said of: the mention nearest to
    /// them. `None` when the sentence's actors are not known.
    pub of: Option<u32>,
}

/// Who a sentence's words can speak of.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Mentions<'a> {
    /// Actors named in the sentence: byte offset in its text, term id.
    pub named: &'a [(usize, u32)],
    /// What "it", "their", "the organization" stand for when no actor is
    /// named before them in the sentence.
    pub referent: Option<u32>,
    /// The actor of a sentence that mentions none (its paragraph's).
    pub otherwise: Option<u32>,
}

/// How a word stands to the actors of its sentence.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Reach {
    /// Too far from every mention to be said of one.
    Far,
    /// Said of the nearest mention's actor (`None`: not known).
    Of(Option<u32>),
}

/// Words after a negation cue that it governs (NegEx-style window).
const NEGATION_SCOPE: usize = 5;
/// Aspect stems remembered per sentence.
const MAX_STEMS: usize = 16;
/// Hedges that make a condition: no direction is read in their scope.
const CONDITIONS: &[&str] = &["if", "unless", "whether"];
/// Words after a hedge that it governs.
const HEDGE_SCOPE: usize = 8;

const DAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Words after a mention of an actor within which a direction word is read
/// as said of it: the predicate of a subject can come late ("IS-K may now
/// become the single most significant threat"), a modifier before it comes
/// close ("the growing involvement of the Khorasan branch"). "The increasing
/// effectiveness of European counter-terrorism measures that would likely
/// have made it less convenient for ISIS leaders" says nothing of ISIS's
/// growth.
const AFTER_ACTOR: usize = 10;
/// Words before a mention of an actor, likewise.
const BEFORE_ACTOR: usize = 5;

/// Words that stand for an actor named before: "it", "the organization".
const PRONOUNS: &[&str] = &["it", "its", "they", "their", "them"];
const ACTOR_NOUNS: &[&str] = &[
    "organization",
    "organisation",
    "group",
    "movement",
    "network",
    "insurgents",
    "branch",
];

/// The words of a sentence as `claim` reads them.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|ch: char| !(ch.is_alphanumeric() || ch == '\'' || ch == '’'))
        .filter(|w| !w.is_empty())
}

/// For each word of `text`, the actor it is said of: that of the nearest
/// mention within [`AFTER_ACTOR`] words after one or [`BEFORE_ACTOR`]
/// before (the earlier on a tie). A mention is an actor named at a byte
/// offset of `m.named`, or a pronoun or "the organization", which stand for
/// the actor named last before them in the sentence, else `m.referent`.
/// `None` when the sentence mentions no actor at all (it speaks of its
/// paragraph's): every word is then said of `m.otherwise`.
fn reach(text: &str, m: &Mentions<'_>) -> Option<Vec<Reach>> {
    let base = text.as_ptr() as usize;
    let mut at: Vec<(usize, Option<u32>)> = Vec::new();
    let mut last_named: Option<u32> = None;
    let mut n = 0;
    let mut after_the = false;
    for (i, w) in words(text).enumerate() {
        let start = w.as_ptr() as usize - base;
        let is = |list: &[&str]| list.iter().any(|x| w.eq_ignore_ascii_case(x));
        if let Some(&(_, t)) = m
            .named
            .iter()
            .find(|&&(o, _)| (start..start + w.len()).contains(&o))
        {
            at.push((i, Some(t)));
            last_named = Some(t);
        } else if is(PRONOUNS) || (after_the && is(ACTOR_NOUNS)) {
            at.push((i, last_named.or(m.referent)));
        }
        after_the = w.eq_ignore_ascii_case("the");
        n = i + 1;
    }
    if at.is_empty() {
        return None;
    }
    let reach = |i: usize| {
        at.iter()
            .filter_map(|&(p, who)| {
                let d = i.abs_diff(p);
                let close = if i >= p {
                    d <= AFTER_ACTOR
                } else {
                    d <= BEFORE_ACTOR
                };
                close.then_some((d, p, who))
            })
            .min_by_key(|&(d, p, _)| (d, p))
            .map_or(Reach::Far, |(_, _, who)| Reach::Of(who))
    };
    Some((0..n).map(reach).collect())
}

/// Reads the cues of a sentence's text; `aspects` come from its stems.
/// Its actors are not known: directions are said of no one in particular.
#[cfg(test)]
pub(crate) fn claim(text: &str, aspects: Vec<u16>, lex: &Lexicon, stems: &mut StemCache) -> Claim {
    read(text, None, None, aspects, lex, stems)
}

/// Reads the cues of a sentence's text with its mentions of actors: a
/// direction word is said of the actor mentioned nearest to it, and counts
/// only near one.
pub(crate) fn claim_about(
    text: &str,
    mentions: &Mentions<'_>,
    aspects: Vec<u16>,
    lex: &Lexicon,
    stems: &mut StemCache,
) -> Claim {
    let near = if aspects.is_empty() {
        None
    } else {
        reach(text, mentions)
    };
    read(
        text,
        near.as_deref(),
        mentions.otherwise,
        aspects,
        lex,
        stems,
    )
}

fn read(
    text: &str,
    near: Option<&[Reach]>,
    otherwise: Option<u32>,
    aspects: Vec<u16>,
    lex: &Lexicon,
    stems: &mut StemCache,
) -> Claim {
    let mut c = Claim {
        aspects,
        counts: counts(text, stems),
        ..Claim::default()
    };
    let mut seen: FastSet<String> = FastSet::default();
    // Words left in the scope of the last negation and hedge.
    let (mut negating, mut hedging) = (0usize, 0usize);
    // The last negation cue, for quoting a turned direction ("not … expanding").
    let mut negation_word: &'static str = "";
    // (aspect, of whom, net direction, first word)
    let mut net: Vec<(u16, Option<u32>, i32, String)> = Vec::new();
    let mut previous_negation: Option<&'static str> = None;
    // Words left in the scope of a condition: "if the expansion were
    // really such" says nothing about which way it went.
    let mut conditional = 0usize;
    // A relative clause speaks of its own noun: in "the Caliphate, which is
    // at its weakest, has summoned IS-K" the weakness is not IS-K's.
    // Direction words are aspect words: a sentence with no aspect has none
    // (most sentences of a book), and its words need no stemming.
    let aspectful = !c.aspects.is_empty();
    let aside = if aspectful {
        relative_clauses(text)
    } else {
        Vec::new()
    };
    let mut first = true;
    for (wi, raw) in words(text).enumerate() {
        if raw.starts_with(|ch: char| ch.is_ascii_digit()) {
            negating = negating.saturating_sub(1);
            hedging = hedging.saturating_sub(1);
            let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
            // A year dates a claim; two claims of different years are not
            // different figures for one quantity.
            let year = digits.len() == 4 && (1500..=2100).contains(&digits.parse().unwrap_or(0));
            if !year && !c.numbers.contains(&digits) && c.numbers.len() < 8 {
                c.numbers.push(digits);
            }
            continue;
        }
        // Most words are already lower-case ASCII: no copy for them.
        let owned;
        let w: &str = if raw.bytes().all(|b| b.is_ascii_lowercase() || b == b'\'') {
            raw
        } else {
            owned = raw.to_lowercase().replace('’', "'");
            &owned
        };
        if negating > 0 || hedging > 0 || aspectful {
            let stem = stems.stem(w);
            let of = lex.aspects_of_stem(&stem);
            for &a in of {
                if negating > 0 && !c.negated.contains(&a) {
                    c.negated.push(a);
                }
                if hedging > 0 && !c.hedged.contains(&a) {
                    c.hedged.push(a);
                }
            }
            if !of.is_empty() {
                let list = if negating > 0 {
                    &mut c.negated_stems
                } else {
                    &mut c.aspect_stems
                };
                if list.len() < MAX_STEMS && !list.iter().any(|(s, _)| *s == stem) {
                    list.push((stem.clone(), raw.to_owned()));
                }
            }
            let at = raw.as_ptr() as usize - text.as_ptr() as usize;
            // "increasingly effective": an adverb gives its adjective's
            // direction, not the actor's.
            let adverb = w.ends_with("ly");
            let of = match near {
                None => Reach::Of(otherwise),
                Some(n) => n.get(wi).copied().unwrap_or(Reach::Far),
            };
            let far = of == Reach::Far;
            let of = match of {
                Reach::Of(who) => who,
                Reach::Far => None,
            };
            let poles = if !aspectful
                || adverb
                || far
                || conditional > 0
                || aside.iter().any(|r| r.contains(&at))
            {
                &[][..]
            } else {
                lex.poles.get(stem.as_str()).map_or(&[][..], Vec::as_slice)
            };
            for &(a, sign) in poles {
                let sign = if negating > 0 { -sign } else { sign };
                match net.iter_mut().find(|(x, who, _, _)| *x == a && *who == of) {
                    Some(slot) => slot.2 += i32::from(sign),
                    None => {
                        net.push((a, of, i32::from(sign), quoted(negation_word, negating, raw)))
                    }
                }
            }
        }
        negating = negating.saturating_sub(1);
        hedging = hedging.saturating_sub(1);
        conditional = conditional.saturating_sub(1);
        let negation = if w.ends_with("n't") {
            Some("n't")
        } else {
            NEGATIONS.iter().find(|n| **n == w).copied()
        };
        if let Some(n) = negation {
            c.negation.get_or_insert(n);
            negating = NEGATION_SCOPE;
            negation_word = n;
        }
        if let Some(h) = HEDGES.iter().find(|h| **h == w) {
            // "not necessarily" is the hedge, not "necessarily".
            c.hedge.get_or_insert_with(|| match previous_negation {
                Some(n) => format!("{n} {h}"),
                None => (*h).to_owned(),
            });
            hedging = HEDGE_SCOPE;
            if CONDITIONS.contains(h) {
                conditional = HEDGE_SCOPE;
            }
        }
        previous_negation = negation;
        if let Some(d) = DAYS.iter().find(|d| **d == w)
            && !c.days.contains(d)
        {
            c.days.push(d);
        }
        // "Middle East" / "the West" are names, not opposite directions.
        let name = !first && raw.starts_with(char::is_uppercase);
        first = false;
        if !name
            && c.polar_words.len() < 16
            && lex.antonyms.contains_key(w)
            && seen.insert(w.to_owned())
        {
            c.polar_words.push(w.to_owned());
        }
    }
    c.directions = net
        .into_iter()
        .filter(|&(_, _, n, _)| n != 0)
        .map(|(aspect, of, n, word)| Direction {
            aspect,
            sign: n.signum() as i8,
            word,
            of,
        })
        .collect();
    c
}

/// Byte ranges of the relative clauses set off by a comma (", which …,",
/// ", whose …", ", who …"), up to the next comma, semicolon or dash.
fn relative_clauses(text: &str) -> Vec<std::ops::Range<usize>> {
    let lower = text.to_ascii_lowercase();
    let mut out = Vec::new();
    for opener in [", which ", ", whose ", ", who "] {
        let mut from = 0;
        while let Some(i) = lower[from..].find(opener) {
            let start = from + i + opener.len();
            let end = lower[start..]
                .find([',', ';', '—', '–'])
                .map_or(lower.len(), |j| start + j);
            out.push(start..end);
            from = start;
        }
    }
    out
}

/// A direction word as the reason quotes it: "not … expanding" when a
/// negation turned it.
fn quoted(negation: &str, negating: usize, word: &str) -> String {
    if negating > 0 {
        format!("{negation} … {word}")
    } else {
        word.to_owned()
    }
}

/// What the two sentences share that makes a hint meaningful.
pub(crate) struct Shared<'a> {
    /// An actor (organisation, person, country) both name, or the first
    /// topic term they share; without one, no hint.
    pub anchor: Option<&'a str>,
    /// The anchor is an actor both name: words of opposite sense then speak
    /// of one subject ("IS-K is weak" / "IS-K is strong"), while a shared
    /// word such as "water" makes "cold" / "hot" no contradiction.
    pub actor: bool,
    /// The actors both name (term id, name): a direction counts for a hint
    /// only when both sentences say it of the same one of them.
    pub actors: &'a [(u32, &'a str)],
}

/// The hint on a candidate pair, if any. Order of the checks: the most
/// specific first.
pub(crate) fn hint(a: &Claim, b: &Claim, shared: &Shared<'_>, lex: &Lexicon) -> Option<Hint> {
    let anchor = shared.anchor?;
    let common: Vec<u16> = a
        .aspects
        .iter()
        .copied()
        .filter(|x| b.aspects.binary_search(x).is_ok())
        .collect();
    let aspect = common.first().map(|&x| lex.labels[x as usize].as_str());
    // Made only for the hints that name it (most pairs get none).
    let about = || match aspect {
        Some(asp) => format!("{anchor}, {asp}"),
        None => anchor.to_owned(),
    };
    // Different days for the same event.
    if !a.days.is_empty() && !b.days.is_empty() && !a.days.iter().any(|d| b.days.contains(d)) {
        return Some(Hint {
            kind: HintKind::Difference,
            why: format!(
                "different days for {}: {} / {}",
                about(),
                a.days.join(", "),
                b.days.join(", ")
            ),
        });
    }
    // Different figures for the same thing counted.
    if let Some((of, x, y)) = different_counts(a, b) {
        let list = |v: &[u64]| v.iter().map(|&n| grouped(n)).collect::<Vec<_>>().join(", ");
        return Some(Hint {
            kind: HintKind::Difference,
            why: format!("different figures for “{of}”: {} / {}", list(&x), list(&y)),
        });
    }
    // Different figures, when both speak to the same aspect.
    if aspect.is_some()
        && !a.numbers.is_empty()
        && !b.numbers.is_empty()
        && !a.numbers.iter().any(|n| b.numbers.contains(n))
    {
        return Some(Hint {
            kind: HintKind::Difference,
            why: format!(
                "different figures on {}: {} / {}",
                about(),
                a.numbers.join(", "),
                b.numbers.join(", ")
            ),
        });
    }
    // Opposite directions on one aspect ("not … expanding" / "surged"),
    // else on one family ("weakest" / "threat": both assess strength).
    // Directions are said of an actor: "planning" grows in one sentence
    // and "operations" in the other say nothing of one another.
    let turn = directions(a, b, shared, lex);
    if let Some(Turn {
        same: false,
        what,
        who,
        words: (x, y),
    }) = &turn
    {
        return Some(Hint {
            kind: HintKind::Contradiction,
            why: format!("opposite directions on {who}, {what}: “{x}” / “{y}”"),
        });
    }
    // Antonymous words (weak / strong, increase / decrease), said of one
    // actor.
    for w in a.polar_words.iter().filter(|_| shared.actor) {
        if let Some(opp) = lex.antonyms.get(w)
            && let Some(o) = opp.iter().find(|o| b.polar_words.contains(o))
        {
            return Some(Hint {
                kind: HintKind::Contradiction,
                why: format!("opposite terms on {}: “{w}” / “{o}”", about()),
            });
        }
    }
    let Some(asp) = aspect else {
        return agreement(turn);
    };
    // A negation or hedge counts only where it governs a word of the
    // aspect both speak to: "did not say" is no opposite of "expanding".
    let label = |x: u16| lex.labels[x as usize].as_str();
    let differs = |of: fn(&Claim) -> &Vec<u16>| {
        common
            .iter()
            .copied()
            .find(|x| of(a).contains(x) != of(b).contains(x))
            .map(|x| (x, if of(a).contains(&x) { a } else { b }))
    };
    // The same aspect word negated in one sentence only: "did not arrest"
    // / "arrested". A negation of another word of the aspect says too
    // little ("without a leader" / "the central leadership").
    fn flipped<'c>(x: &'c Claim, y: &Claim) -> Option<(&'c Claim, &'c (String, String))> {
        x.negated_stems
            .iter()
            .find(|(s, _)| {
                y.aspect_stems.iter().any(|(t, _)| t == s)
                    && !y.negated_stems.iter().any(|(t, _)| t == s)
            })
            .map(|s| (x, s))
    }
    if let Some((c, (stem, word))) = flipped(a, b).or_else(|| flipped(b, a)) {
        let n = c.negation.unwrap_or("not");
        let x = common
            .iter()
            .copied()
            .find(|&x| lex.aspects_of_stem(stem).contains(&x))
            .unwrap_or(common[0]);
        return Some(Hint {
            kind: HintKind::Contradiction,
            why: format!(
                "opposite polarity on {anchor}, {}: “{n} … {word}” in one sentence only",
                label(x)
            ),
        });
    }
    // Only against a sentence with no hedge at all: "might have decided"
    // / "may now become" are both put as possible.
    if let Some((x, c)) = differs(|c| &c.hedged).filter(|(_, c)| {
        let other = if std::ptr::eq(*c, a) { b } else { a };
        other.hedge.is_none()
    }) {
        let h = c.hedge.as_deref().unwrap_or("may");
        return Some(Hint {
            kind: HintKind::Difference,
            why: format!(
                "hedged (“{h}”) vs stated as certain, on {anchor}, {}",
                label(x)
            ),
        });
    }
    let _ = asp;
    agreement(turn)
}

/// Which way two claims take an aspect both give a direction, else an
/// aspect family.
struct Turn<'s> {
    /// Both the same way.
    same: bool,
    /// The aspect's or family's label.
    what: String,
    /// The actor both directions are said of.
    who: &'s str,
    /// The words that give each side's direction.
    words: (String, String),
}

fn directions<'s>(a: &Claim, b: &Claim, shared: &Shared<'s>, lex: &Lexicon) -> Option<Turn<'s>> {
    // Both said of one actor both name: that one's name; of no one known
    // (actors not read), the pair's actor anchor.
    let of = |x: &Direction, y: &Direction| -> Option<&'s str> {
        match (x.of, y.of) {
            (Some(p), Some(q)) if p != q => None,
            (Some(t), _) | (_, Some(t)) => shared
                .actors
                .iter()
                .find(|&&(u, _)| u == t)
                .map(|&(_, name)| name),
            (None, None) => shared.anchor.filter(|_| shared.actor),
        }
    };
    let turn = |x: &Direction, y: &Direction, what: String| {
        of(x, y).map(|who| Turn {
            same: x.sign == y.sign,
            what,
            who,
            words: (x.word.clone(), y.word.clone()),
        })
    };
    // An opposite pair first: it is the one an analyst must see.
    let mut found: Option<Turn<'s>> = None;
    for x in &a.directions {
        for y in b.directions.iter().filter(|y| y.aspect == x.aspect) {
            let Some(t) = turn(x, y, lex.labels[x.aspect as usize].clone()) else {
                continue;
            };
            if !t.same {
                return Some(t);
            }
            found.get_or_insert(t);
        }
    }
    if found.is_some() {
        return found;
    }
    for x in &a.directions {
        let Some(f) = lex.family_of(x.aspect as usize) else {
            continue;
        };
        for y in b
            .directions
            .iter()
            .filter(|y| lex.family_of(y.aspect as usize) == Some(f) && y.sign != x.sign)
        {
            if let Some(t) = turn(x, y, lex.families[f].clone()) {
                return Some(t);
            }
        }
    }
    // Two aspects of one family going the same way ("grew" / "a threat")
    // agree too loosely for a hint.
    None
}

/// An agreement hint: the same direction on the same aspect.
fn agreement(turn: Option<Turn<'_>>) -> Option<Hint> {
    let t = turn.filter(|t| t.same)?;
    Some(Hint {
        kind: HintKind::Agreement,
        why: format!(
            "same direction on {}, {}: “{}” / “{}”",
            t.who, t.what, t.words.0, t.words.1
        ),
    })
}

/// Aspect labels by index.
#[cfg(test)]
fn label_index(lex: &Lexicon) -> std::collections::HashMap<&str, usize> {
    lex.labels
        .iter()
        .enumerate()
        .map(|(i, l)| (l.as_str(), i))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> Lexicon {
        Lexicon::with_user(&mut StemCache::new(), &[])
    }

    #[test]
    fn aspect_file_parses_and_stems() {
        let l = lex();
        assert!(l.labels.len() >= 10);
        let idx = label_index(&l);
        let growth = idx["growth and decline"] as u16;
        let mut s = StemCache::new();
        for w in ["expanding", "surged", "expansion"] {
            assert!(l.aspects_of_stem(&s.stem(w)).contains(&growth), "{w}");
        }
    }

    #[test]
    fn cues_are_read() {
        let l = lex();
        let mut stems = StemCache::new();
        let c = claim(
            "IS-K is not necessarily expanding; 60 members on Friday in 2023",
            vec![],
            &l,
            &mut stems,
        );
        assert_eq!(c.negation, Some("not"));
        assert_eq!(c.hedge.as_deref(), Some("not necessarily"));
        assert_eq!(c.numbers, vec!["60"], "a year is no figure");
        assert_eq!(c.days, vec!["friday"]);
        let growth = label_index(&l)["growth and decline"] as u16;
        assert_eq!(c.negated, vec![growth]);
    }

    #[test]
    fn no_hint_without_a_shared_anchor() {
        let l = lex();
        let mut s = StemCache::new();
        let growth = label_index(&l)["growth and decline"] as u16;
        let a = claim("It is not growing.", vec![growth], &l, &mut s);
        let b = claim("It is growing.", vec![growth], &l, &mut s);
        assert!(
            hint(
                &a,
                &b,
                &Shared {
                    anchor: None,
                    actor: true,
                    actors: &[],
                },
                &l
            )
            .is_none()
        );
        let h = hint(
            &a,
            &b,
            &Shared {
                anchor: Some("IS-K"),
                actor: true,
                actors: &[],
            },
            &l,
        )
        .unwrap();
        assert_eq!(h.kind, HintKind::Contradiction);
    }

    #[test]
    fn a_negation_governs_the_next_few_words_only() {
        let l = lex();
        let mut s = StemCache::new();
        let growth = label_index(&l)["growth and decline"] as u16;
        let threat = label_index(&l)["threat and capability"] as u16;
        let far = claim(
            "Police did not comment on it, but the group is expanding fast.",
            vec![growth],
            &l,
            &mut s,
        );
        assert!(far.negation.is_some() && far.negated.is_empty());
        let a = claim("IS-K is not really expanding.", vec![growth], &l, &mut s);
        let b = claim("IS-K is growing.", vec![growth], &l, &mut s);
        let anchor = Shared {
            anchor: Some("IS-K"),
            actor: true,
            actors: &[],
        };
        assert_eq!(
            hint(&far, &b, &anchor, &l).map(|h| h.kind),
            Some(HintKind::Agreement)
        );
        assert_eq!(
            hint(&a, &b, &anchor, &l).map(|h| h.kind),
            Some(HintKind::Contradiction)
        );
        // Growth and threat are one family: strength.
        let c = claim(
            "IS-K may become the greatest threat.",
            vec![threat],
            &l,
            &mut s,
        );
        let h = hint(&a, &c, &anchor, &l).expect("a family-level hint");
        assert_eq!(h.kind, HintKind::Contradiction);
        assert!(h.why.contains("strength"), "{}", h.why);
    }

    #[test]
    fn antonyms_and_days() {
        let l = lex();
        let mut s = StemCache::new();
        let a = claim("The group is weak.", vec![], &l, &mut s);
        let b = claim("The group is strong.", vec![], &l, &mut s);
        let h = hint(
            &a,
            &b,
            &Shared {
                anchor: Some("IS"),
                actor: true,
                actors: &[],
            },
            &l,
        )
        .unwrap();
        assert!(
            h.why.contains("weak") && h.why.contains("strong"),
            "{}",
            h.why
        );
        let a = claim("It happened on Saturday.", vec![], &l, &mut s);
        let b = claim("It happened on Friday.", vec![], &l, &mut s);
        let h = hint(
            &a,
            &b,
            &Shared {
                anchor: Some("Paris"),
                actor: true,
                actors: &[],
            },
            &l,
        )
        .unwrap();
        assert_eq!(h.kind, HintKind::Difference);
    }

    fn kind_of(a: &str, b: &str, aspects: &[&str]) -> Option<HintKind> {
        let l = lex();
        let idx = label_index(&l);
        let ids: Vec<u16> = aspects.iter().map(|x| idx[x] as u16).collect();
        let mut s = StemCache::new();
        let a = claim(a, ids.clone(), &l, &mut s);
        let b = claim(b, ids, &l, &mut s);
        hint(
            &a,
            &b,
            &Shared {
                anchor: Some("X"),
                actor: true,
                actors: &[],
            },
            &l,
        )
        .map(|h| h.kind)
    }

    #[test]
    fn directions_decide_agreement_and_contradiction() {
        let growth = ["growth and decline"];
        let threat = ["threat and capability"];
        // Opposite ways, by words or by a negation turning one.
        assert_eq!(
            kind_of("The group surged.", "The group declined.", &growth),
            Some(HintKind::Contradiction)
        );
        assert_eq!(
            kind_of("It is at its weakest.", "It has great resilience.", &threat),
            Some(HintKind::Contradiction)
        );
        assert_eq!(
            kind_of(
                "Police did not see a threat.",
                "It is a real threat.",
                &threat
            ),
            Some(HintKind::Contradiction)
        );
        // The same way: agreement, with both words quoted.
        let l = lex();
        let g = label_index(&l)["growth and decline"] as u16;
        let mut st = StemCache::new();
        let a = claim("The group is growing.", vec![g], &l, &mut st);
        let b = claim("Its ranks swelled.", vec![g], &l, &mut st);
        let h = hint(
            &a,
            &b,
            &Shared {
                anchor: Some("X"),
                actor: true,
                actors: &[],
            },
            &l,
        )
        .unwrap();
        assert_eq!(h.kind, HintKind::Agreement);
        assert!(
            h.why.contains("growing") && h.why.contains("swelled"),
            "{}",
            h.why
        );
    }

    #[test]
    fn sharing_an_aspect_without_a_direction_is_no_agreement() {
        let pressure = ["state pressure and counter-terrorism"];
        assert_eq!(
            kind_of(
                "Police arrested two men.",
                "Police detained a cell.",
                &pressure
            ),
            None
        );
        // Same predicate, negated in one only: a contradiction.
        assert_eq!(
            kind_of(
                "Police did not arrest anyone.",
                "Police arrested two men.",
                &pressure
            ),
            Some(HintKind::Contradiction)
        );
        // A negation of another word of the aspect says too little.
        let leaders = ["leadership and command"];
        assert_eq!(
            kind_of(
                "Without a leader figure, it decayed.",
                "The central leadership gave orders.",
                &leaders
            ),
            None
        );
    }

    #[test]
    fn names_and_ambiguous_words_give_no_direction() {
        // "Middle East" / "the West" are places, not antonyms.
        assert_eq!(
            kind_of(
                "It acts in the Middle East.",
                "It reaches to the West.",
                &[]
            ),
            None
        );
        let l = lex();
        let mut s = StemCache::new();
        let g = label_index(&l)["growth and decline"] as u16;
        let c = claim("After the fall of Kabul, it grew.", vec![g], &l, &mut s);
        assert_eq!(c.directions.len(), 1, "{:?}", c.directions);
        assert_eq!(c.directions[0].sign, 1);
    }

    #[test]
    fn user_aspects_can_give_directions() {
        let spec = crate::align::AspectSpec {
            label: "sanctions".into(),
            family: None,
            words: vec!["sanction".into(), "lift".into(), "tighten".into()],
            up: vec!["tighten".into()],
            down: vec!["lift".into()],
        };
        let mut s = StemCache::new();
        let l = Lexicon::with_user(&mut s, std::slice::from_ref(&spec));
        let x = label_index(&l)["sanctions"] as u16;
        let a = claim("They tightened sanctions.", vec![x], &l, &mut s);
        let b = claim("They lifted sanctions.", vec![x], &l, &mut s);
        let h = hint(
            &a,
            &b,
            &Shared {
                anchor: Some("EU"),
                actor: true,
                actors: &[],
            },
            &l,
        )
        .unwrap();
        assert_eq!(h.kind, HintKind::Contradiction, "{}", h.why);
    }

    #[test]
    fn antonyms_need_an_actor_both_name() {
        let l = lex();
        let mut s = StemCache::new();
        let a = claim("He plunged the axe into cold water.", vec![], &l, &mut s);
        let b = claim("The hot metal hisses in the water.", vec![], &l, &mut s);
        let word = Shared {
            anchor: Some("water"),
            actor: false,
            actors: &[],
        };
        assert!(hint(&a, &b, &word, &l).is_none());
    }

    #[test]
    fn asides_and_conditions_give_no_direction() {
        let l = lex();
        let mut s = StemCache::new();
        // The weakness is the Caliphate's, said in a relative clause.
        let c = claim(
            "The Caliphate, which is at its weakest, has summoned IS-K.",
            vec![],
            &l,
            &mut s,
        );
        assert!(c.directions.is_empty(), "{:?}", c.directions);
        let c = claim(
            "It would cost much, if the expansion were really such.",
            vec![],
            &l,
            &mut s,
        );
        assert!(c.directions.is_empty(), "{:?}", c.directions);
        assert_eq!(c.hedge.as_deref(), Some("if"));
        // Outside the aside, the direction counts.
        let g = label_index(&l)["growth and decline"] as u16;
        let c = claim("IS-K, which Kabul fears, is growing.", vec![g], &l, &mut s);
        assert_eq!(c.directions.len(), 1);
    }

    #[test]
    fn two_hedged_claims_are_no_hedged_against_certain() {
        let growth = ["growth and decline"];
        assert_eq!(
            kind_of("It might have grown.", "It may have grown.", &growth),
            Some(HintKind::Agreement)
        );
        assert_eq!(
            kind_of("It might have grown.", "It has grown.", &growth),
            Some(HintKind::Difference)
        );
    }

    #[test]
    fn directions_need_an_actor_and_adverbs_give_none() {
        let l = lex();
        let g = label_index(&l)["growth and decline"] as u16;
        let mut s = StemCache::new();
        let a = claim("Planning is growing.", vec![g], &l, &mut s);
        let b = claim("Planning declined.", vec![g], &l, &mut s);
        let word = Shared {
            anchor: Some("planning"),
            actor: false,
            actors: &[],
        };
        assert!(hint(&a, &b, &word, &l).is_none());
        let c = claim("Police became increasingly effective.", vec![g], &l, &mut s);
        assert!(c.directions.is_empty(), "{:?}", c.directions);
    }

    #[test]
    fn a_direction_counts_only_near_a_mention_of_an_actor() {
        let l = lex();
        let g = label_index(&l)["growth and decline"] as u16;
        let mut s = StemCache::new();
        let (isk, is) = (7u32, 9u32);
        let about = |text: &str, named: &[(usize, u32)], s: &mut StemCache| {
            let m = Mentions {
                named,
                referent: Some(isk),
                otherwise: None,
            };
            claim_about(text, &m, vec![g], &l, s).directions
        };
        let text = "The article notes the increasing effectiveness of European \
                    counter-terrorism measures that would likely have made it \
                    less convenient for ISIS leaders to deploy fighters.";
        // Read without knowing the actors, "increasing" is a direction…
        assert_eq!(claim(text, vec![g], &l, &mut s).directions.len(), 1);
        // …but it is said of the measures' effectiveness, far from ISIS.
        let d = about(text, &[(text.find("ISIS").unwrap(), is)], &mut s);
        assert!(d.is_empty(), "{d:?}");
        // A predicate late after its subject, a modifier just before it.
        let text = "IS-K may now become the single most significant threat.";
        let d = about(text, &[(0, isk)], &mut s);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].of, Some(isk));
        // Said of the nearest actor: IS-K grows, not IS.
        let text = "Observers noted the growing involvement of IS-K in plots of IS.";
        let named = [
            (text.find("IS-K").unwrap(), isk),
            (text.rfind("IS").unwrap(), is),
        ];
        let d = about(text, &named, &mut s);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].of, Some(isk));
        // "The organization" and pronouns stand for the actor named last
        // before them, else for the referent from the text before.
        let text = "Since then the organization only surged in numbers.";
        assert_eq!(about(text, &[], &mut s)[0].of, Some(isk));
        let text = "IS said its numbers had surged.";
        assert_eq!(about(text, &[(0, is)], &mut s)[0].of, Some(is));
        // A sentence that mentions no actor speaks of its paragraph's.
        let m = Mentions {
            named: &[],
            referent: None,
            otherwise: Some(is),
        };
        let d = claim_about("Numbers surged.", &m, vec![g], &l, &mut s).directions;
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].of, Some(is));
    }

    #[test]
    fn directions_hint_only_when_said_of_the_same_actor() {
        let l = lex();
        let g = label_index(&l)["growth and decline"] as u16;
        let mut s = StemCache::new();
        let (isk, is) = (7u32, 9u32);
        let read = |text: &str, who: u32, s: &mut StemCache| {
            let named = [(0, who)];
            let m = Mentions {
                named: &named,
                referent: None,
                otherwise: None,
            };
            claim_about(text, &m, vec![g], &l, s)
        };
        let both = [(isk, "IS-K"), (is, "Islamic State")];
        let shared = Shared {
            anchor: Some("IS-K"),
            actor: true,
            actors: &both,
        };
        let a = read("IS-K is expanding its operations.", isk, &mut s);
        let b = read("IS spread into the world.", is, &mut s);
        assert!(hint(&a, &b, &shared, &l).is_none());
        let c = read("IS-K has grown.", isk, &mut s);
        let h = hint(&a, &c, &shared, &l).expect("same actor, same way");
        assert_eq!(h.kind, HintKind::Agreement);
        assert!(h.why.contains("on IS-K"), "{}", h.why);
        // An actor the other sentence does not name gives no hint.
        let only = [(is, "Islamic State")];
        let narrow = Shared {
            actors: &only,
            ..shared
        };
        assert!(hint(&a, &c, &narrow, &l).is_none());
    }

    #[test]
    fn figures_are_read_in_digits_and_words_with_what_they_count() {
        let mut s = StemCache::new();
        let values = |text: &str, s: &mut StemCache| -> Vec<u64> {
            counts(text, s).iter().map(|c| c.value).collect()
        };
        assert_eq!(
            values(
                "There were eight hundred thousand valiant men; and Judah five hundred thousand men.",
                &mut s
            ),
            [800_000, 500_000]
        );
        assert_eq!(
            values(
                "All they were a thousand thousand and an hundred thousand men, \
                 and Judah four hundred threescore and ten thousand men.",
                &mut s
            ),
            [1_100_000, 470_000]
        );
        assert_eq!(
            values("About 3.5 million people, and 1,200 more.", &mut s),
            [3_500_000, 1200]
        );
        assert_eq!(
            values("Twenty-five members and a dozen cells.", &mut s),
            [25, 12]
        );
        // Years, references in brackets and a lone "one" are no counts.
        assert!(
            values(
                "In 2023 one of the plots (Giustozzi, 2022; p. 18) failed.",
                &mut s
            )
            .is_empty()
        );
        let c = counts("He paid fifty shekels of silver.", &mut s);
        assert_eq!(c[0].of[0].1, "shekels");
    }

    #[test]
    fn different_figures_for_the_same_thing_are_a_difference() {
        let l = lex();
        let mut s = StemCache::new();
        let shared = Shared {
            anchor: Some("David"),
            actor: false,
            actors: &[],
        };
        let a = claim(
            "David bought the floor for fifty shekels of silver.",
            vec![],
            &l,
            &mut s,
        );
        let b = claim(
            "David gave six hundred shekels of gold.",
            vec![],
            &l,
            &mut s,
        );
        let h = hint(&a, &b, &shared, &l).expect("a hint");
        assert_eq!(h.kind, HintKind::Difference);
        assert_eq!(h.why, "different figures for “shekels”: 50 / 600");
        // The same figure on both sides, or figures of different things,
        // give none.
        let c = claim("David paid fifty shekels in all.", vec![], &l, &mut s);
        assert!(hint(&a, &c, &shared, &l).is_none());
        let d = claim("David counted seventy elders.", vec![], &l, &mut s);
        assert!(hint(&a, &d, &shared, &l).is_none());
    }
}
