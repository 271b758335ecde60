//! One pass over each content passage: tokens become alias concepts (with
//! their regions), stemmed content words, capitalised-name candidates and
//! word pairs for key phrases. Everything later works on these numbers.

use std::collections::{HashMap, HashSet};

use super::aliases::{AliasTable, Unit};
use super::tokens::{StemCache, Token, TokenKind, fold, is_stop_word, tokenize};

/// Words that may sit inside a name ("Bureau *of* Special Operations", "Abu
/// Bakr *al* Baghdadi") but never start or end one.
const CONNECTORS: &[&str] = &[
    "al", "bin", "da", "de", "del", "der", "du", "el", "ibn", "la", "le", "of", "the", "van", "von",
];

/// What naming a country adds to its regions' concepts: enough to pair
/// "Uzbeks" with "Central Asians", not so much that one mention of Syria
/// counts three times (Syria, Levant, Middle East).
const REGION_SHARE: f32 = 0.5;

/// Words of argument rather than subject ("seems", "possibility", "noted",
/// "firstly"): frequent enough in one pair of reports to look distinctive,
/// but never what a report is about. Kept out of key phrases and pair
/// explanations; they still count in pair scores. Compared by stem.
const GENERIC: &[&str] = &[
    "according",
    "account",
    "actual",
    "actually",
    "addition",
    "additional",
    "ago",
    "ahead",
    "allow",
    "already",
    "appear",
    "approach",
    "area",
    "around",
    "aspect",
    "attempt",
    "away",
    "back",
    "base",
    "basis",
    "become",
    "begin",
    "beginning",
    "believe",
    "best",
    "better",
    "big",
    "bring",
    "call",
    "came",
    "case",
    "cause",
    "certain",
    "change",
    "clear",
    "clearly",
    "come",
    "concern",
    "consider",
    "continue",
    "course",
    "current",
    "currently",
    "day",
    "decide",
    "despite",
    "detail",
    "different",
    "difficult",
    "directly",
    "due",
    "early",
    "effect",
    "end",
    "enough",
    "entire",
    "especially",
    "event",
    "eventually",
    "example",
    "exist",
    "expect",
    "explain",
    "extent",
    "fact",
    "fall",
    "far",
    "feel",
    "find",
    "first",
    "firstly",
    "follow",
    "form",
    "found",
    "full",
    "fully",
    "general",
    "generally",
    "get",
    "give",
    "go",
    "going",
    "good",
    "great",
    "group",
    "hand",
    "happen",
    "hard",
    "help",
    "high",
    "hold",
    "idea",
    "important",
    "include",
    "including",
    "increase",
    "increasingly",
    "indeed",
    "instance",
    "issue",
    "keep",
    "kind",
    "know",
    "known",
    "large",
    "largely",
    "last",
    "lastly",
    "late",
    "later",
    "latest",
    "lead",
    "least",
    "leave",
    "less",
    "level",
    "like",
    "likely",
    "little",
    "long",
    "look",
    "lot",
    "low",
    "made",
    "main",
    "mainly",
    "major",
    "make",
    "manner",
    "many",
    "matter",
    "mean",
    "meanwhile",
    "mention",
    "moreover",
    "move",
    "name",
    "near",
    "nearly",
    "need",
    "new",
    "next",
    "note",
    "number",
    "obviously",
    "old",
    "open",
    "order",
    "others",
    "overall",
    "part",
    "particular",
    "particularly",
    "past",
    "perhaps",
    "place",
    "play",
    "point",
    "possibility",
    "possible",
    "possibly",
    "present",
    "probably",
    "process",
    "provide",
    "put",
    "question",
    "quite",
    "range",
    "real",
    "really",
    "reason",
    "recent",
    "recently",
    "regard",
    "remain",
    "report",
    "require",
    "result",
    "right",
    "run",
    "said",
    "say",
    "second",
    "secondly",
    "see",
    "seem",
    "seemingly",
    "seen",
    "sense",
    "serious",
    "set",
    "several",
    "short",
    "show",
    "side",
    "significant",
    "similar",
    "simply",
    "something",
    "sort",
    "start",
    "state",
    "still",
    "subject",
    "substantial",
    "suggest",
    "sum",
    "take",
    "taken",
    "term",
    "thing",
    "think",
    "third",
    "thirdly",
    "time",
    "today",
    "together",
    "told",
    "true",
    "try",
    "turn",
    "two",
    "type",
    "unless",
    "use",
    "used",
    "usual",
    "usually",
    "various",
    "view",
    "want",
    "way",
    "well",
    "whole",
    "wide",
    "widely",
    "work",
    "year",
];

/// How many spellings of a term we remember for display.
const MAX_SURFACES: usize = 8;

/// What a scoring term stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TermKind {
    /// An alias group, by index.
    Concept(usize),
    /// A stemmed content word.
    Stem,
    Acronym,
    Number,
}

/// A scoring term: an alias group, or a stemmed word, acronym or number.
#[derive(Debug, Clone)]
pub(crate) struct TermInfo {
    /// The stem, acronym or number (alias groups: an internal key).
    pub key: String,
    pub kind: TermKind,
    /// Lower-cased spellings met in the text, with counts, first met first.
    pub surfaces: Vec<(String, u32)>,
}

impl TermInfo {
    /// The most frequent spelling (ties: first met).
    pub fn display(&self) -> &str {
        let mut best: Option<&(String, u32)> = None;
        for s in &self.surfaces {
            if best.is_none_or(|b| s.1 > b.1) {
                best = Some(s);
            }
        }
        best.map_or("", |b| b.0.as_str())
    }
}

/// A capitalised run of words, before the sentence-start check.
#[derive(Debug, Clone)]
pub(crate) struct NameCandidate {
    /// (folded key, surface) per word; connectors included.
    pub words: Vec<(String, String)>,
    pub sentence_start: bool,
}

/// Where a matching unit lies and what it looked like.
#[derive(Debug, Clone, Copy)]
struct UnitMeta {
    start: usize,
    end: usize,
    kind: TokenKind,
    sentence_start: bool,
}

/// What one content passage contributes.
#[derive(Debug, Clone, Default)]
pub(crate) struct PassageTerms {
    /// Index into the document's passages.
    pub passage: usize,
    /// (term id, count), sorted by term id. Counts are fractional because a
    /// country counts [`REGION_SHARE`] towards its regions.
    pub terms: Vec<(u32, f32)>,
    /// Alias groups named directly, sorted.
    pub groups: Vec<usize>,
    /// Distinct adjacent content-word pairs (term ids), sorted.
    pub bigrams: Vec<(u32, u32)>,
    pub names: Vec<NameCandidate>,
}

/// The vocabulary and state shared by both documents' analyses.
pub(crate) struct Analyzer<'t> {
    table: &'t AliasTable,
    /// Regions and user topics that list each group as a member.
    parents: Vec<Vec<usize>>,
    stems: StemCache,
    ids: HashMap<String, u32>,
    pub terms: Vec<TermInfo>,
    /// Folded words seen in lower case: such words are not names.
    pub lowercase: HashSet<String>,
    /// Spellings of each alias group met in the text: (group, surface) → count.
    pub group_surfaces: HashMap<(usize, String), u32>,
    /// Stems of [`GENERIC`].
    generic: HashSet<String>,
}

impl<'t> Analyzer<'t> {
    pub fn new(table: &'t AliasTable) -> Self {
        let groups = table.groups();
        let mut parents = vec![Vec::new(); groups.len()];
        for (g, group) in groups.iter().enumerate() {
            for &m in &group.members {
                parents[m].push(g);
            }
        }
        let mut stems = StemCache::new();
        let generic = GENERIC.iter().map(|w| stems.stem(w)).collect();
        Analyzer {
            table,
            parents,
            generic,
            stems,
            ids: HashMap::new(),
            terms: Vec::new(),
            lowercase: HashSet::new(),
            group_surfaces: HashMap::new(),
        }
    }

    fn intern(&mut self, key: &str, kind: TermKind, surface: &str) -> u32 {
        let id = match self.ids.get(key) {
            Some(&id) => id,
            None => {
                let id = self.terms.len() as u32;
                self.ids.insert(key.to_owned(), id);
                self.terms.push(TermInfo {
                    key: key.to_owned(),
                    kind,
                    surfaces: Vec::new(),
                });
                id
            }
        };
        let surfaces = &mut self.terms[id as usize].surfaces;
        if let Some(s) = surfaces.iter_mut().find(|s| s.0 == surface) {
            s.1 += 1;
        } else if surfaces.len() < MAX_SURFACES {
            surfaces.push((surface.to_owned(), 1));
        }
        id
    }

    fn concept(&mut self, group: usize) -> u32 {
        let label = self.table.groups()[group].label.clone();
        self.intern(&format!("\u{1}{group}"), TermKind::Concept(group), &label)
    }

    /// Analyses one passage's text.
    pub fn passage(&mut self, passage: usize, text: &str) -> PassageTerms {
        let tokens = tokenize(text);
        let (units, meta) = self.units(&tokens);
        let mut out = PassageTerms {
            passage,
            ..PassageTerms::default()
        };
        let mut counts: HashMap<u32, f32> = HashMap::new();
        let mut bigrams: HashSet<(u32, u32)> = HashSet::new();
        let mut prev_word: Option<u32> = None;
        let mut run: Vec<(String, String, bool)> = Vec::new();
        let mut run_sentence_start = false;
        let mut i = 0;
        while i < units.len() {
            let u = &units[i];
            if u.boundary_before {
                flush_name(&mut run, run_sentence_start, &mut out.names);
                prev_word = None;
            }
            if let Some((g, n)) = self.table.longest_match(&units[i..]) {
                let start = meta[i].start;
                let end = meta[i + n - 1].end;
                let surface = surface_of(&text[start..end]);
                *self.group_surfaces.entry((g, surface)).or_default() += 1;
                out.groups.push(g);
                let id = self.concept(g);
                *counts.entry(id).or_default() += 1.0;
                for p in self.parents[g].clone() {
                    let id = self.concept(p);
                    *counts.entry(id).or_default() += REGION_SHARE;
                }
                flush_name(&mut run, run_sentence_start, &mut out.names);
                prev_word = None;
                i += n;
                continue;
            }
            let kind = meta[i].kind;
            let sentence_start = meta[i].sentence_start;
            let capitalised = is_name_like(u.text);
            if kind == TokenKind::Word && !capitalised {
                self.lowercase.insert(u.key.clone());
            }
            let stop = kind == TokenKind::Word && is_stop_word(&u.key);
            // Names: capitalised runs, with connectors inside.
            if (capitalised || kind == TokenKind::Acronym) && !stop {
                if run.is_empty() {
                    run_sentence_start = sentence_start;
                }
                run.push((u.key.clone(), u.text.to_owned(), false));
            } else if !run.is_empty() && CONNECTORS.contains(&u.key.as_str()) {
                run.push((u.key.clone(), u.text.to_owned(), true));
            } else {
                flush_name(&mut run, run_sentence_start, &mut out.names);
            }
            // Scoring terms.
            let term = match kind {
                TokenKind::Number => Some(self.intern(&u.key, TermKind::Number, &u.key)),
                TokenKind::Acronym => {
                    let key = u.key.to_uppercase();
                    Some(self.intern(&key, TermKind::Acronym, &key))
                }
                TokenKind::Word if stop || u.key.chars().count() < 2 => None,
                TokenKind::Word => {
                    let stem = self.stems.stem(&u.key);
                    Some(self.intern(&stem, TermKind::Stem, &u.key))
                }
            };
            match term {
                Some(id) => {
                    *counts.entry(id).or_default() += 1.0;
                    if kind == TokenKind::Word {
                        if let Some(p) = prev_word.filter(|&p| p != id) {
                            bigrams.insert((p, id));
                        }
                        prev_word = Some(id);
                    } else {
                        prev_word = None;
                    }
                }
                None => prev_word = None,
            }
            i += 1;
        }
        flush_name(&mut run, run_sentence_start, &mut out.names);
        out.terms = counts.into_iter().collect();
        out.terms.sort_unstable_by_key(|t| t.0);
        out.groups.sort_unstable();
        out.groups.dedup();
        out.bigrams = bigrams.into_iter().collect();
        out.bigrams.sort_unstable();
        out
    }

    /// Matching units: tokens, with hyphenated words split into their parts
    /// when a part starts an alias and the whole does not ("ex-Soviet",
    /// "Turkish-Syrian").
    fn units<'a>(&self, tokens: &[Token<'a>]) -> (Vec<Unit<'a>>, Vec<UnitMeta>) {
        let mut units = Vec::with_capacity(tokens.len());
        let mut meta = Vec::with_capacity(tokens.len());
        for t in tokens {
            let key = t.key();
            let split = t.kind != TokenKind::Number
                && key.contains('-')
                && !self.table.starts_term(&key)
                && key.split('-').any(|p| self.table.starts_term(p));
            if !split {
                units.push(Unit {
                    key,
                    text: t.text,
                    boundary_before: t.boundary_before,
                });
                meta.push(UnitMeta {
                    start: t.start,
                    end: t.end,
                    kind: t.kind,
                    sentence_start: t.sentence_start,
                });
                continue;
            }
            let mut part_start = 0;
            let bounds = t
                .text
                .char_indices()
                .filter(|(_, c)| matches!(c, '-' | '‐' | '‑'))
                .map(|(i, c)| (i, i + c.len_utf8()))
                .chain(std::iter::once((t.text.len(), t.text.len())));
            for (n, (hyphen, next)) in bounds.enumerate() {
                let part = &t.text[part_start..hyphen];
                let start = t.start + part_start;
                part_start = next;
                if part.is_empty() {
                    continue;
                }
                let letters = part.chars().filter(|c| c.is_alphabetic());
                let kind = if part.starts_with(|c: char| c.is_ascii_digit()) {
                    TokenKind::Number
                } else if letters.clone().count() >= 2 && letters.clone().all(char::is_uppercase) {
                    TokenKind::Acronym
                } else {
                    TokenKind::Word
                };
                units.push(Unit {
                    key: fold(part),
                    text: part,
                    boundary_before: n == 0 && t.boundary_before,
                });
                meta.push(UnitMeta {
                    start,
                    end: start + part.len(),
                    kind,
                    sentence_start: n == 0 && t.sentence_start,
                });
            }
        }
        (units, meta)
    }

    pub fn table(&self) -> &AliasTable {
        self.table
    }

    /// Whether a term is a stem of a word of argument ([`GENERIC`]).
    pub fn is_generic(&self, t: u32) -> bool {
        let info = &self.terms[t as usize];
        info.kind == TermKind::Stem && self.generic.contains(&info.key)
    }

    /// Groups that list `g` as a member (its regions).
    pub fn parents(&self, g: usize) -> &[usize] {
        &self.parents[g]
    }
}

/// A capital at the start of the word or of a hyphenated part
/// ("al-Baghdadi").
fn is_name_like(text: &str) -> bool {
    text.split(['-', '‐', '‑'])
        .any(|p| p.chars().next().is_some_and(char::is_uppercase))
}

/// How a matched alias is shown: acronyms as written, other names in lower
/// case, whitespace collapsed.
fn surface_of(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let joined = words.join(" ");
    let letters = joined.chars().filter(|c| c.is_alphabetic());
    if letters.clone().count() >= 2 && letters.clone().all(char::is_uppercase) {
        joined.replace('’', "'")
    } else {
        fold(&joined)
    }
}

fn flush_name(
    run: &mut Vec<(String, String, bool)>,
    sentence_start: bool,
    out: &mut Vec<NameCandidate>,
) {
    while run.last().is_some_and(|w| w.2) {
        run.pop();
    }
    if !run.is_empty() {
        out.push(NameCandidate {
            words: run.drain(..).map(|(k, s, _)| (k, s)).collect(),
            sentence_start,
        });
    }
    run.clear();
}
