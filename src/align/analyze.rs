//! One pass over each content passage: tokens become alias concepts (with
//! their regions), stemmed content words, capitalised-name candidates and
//! word pairs for key phrases. Everything later works on these numbers.
//!
//! Over 700 lines: the single pass that feeds every later stage; splitting it would
//! split one loop over tokens.

use super::aliases::{AliasTable, GroupKind, Unit};
use super::fxhash::{FastMap, FastSet};
use super::tokens::{StemCache, Token, TokenKind, fold, fold_cow, is_stop_word, tokenize};

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
pub(crate) const GENERIC: &[&str] = &[
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
    "asked",
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
    "country",
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
    "limited",
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
    "member",
    "mention",
    "moreover",
    "move",
    "name",
    "near",
    "nearly",
    "need",
    "new",
    "next",
    "night",
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
    "province",
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
    "region",
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
    "source",
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
    "through",
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
    /// An aspect of the lexicon ([`super::claims::Lexicon`]), by index.
    Aspect(usize),
    /// A WordNet sense shared by synonyms ("rock", "stone"), by group.
    Sense(u32),
    /// An actor making a claim of an aspect family ("IS-K" × strength):
    /// the who and the what together.
    Claim,
}

/// A scoring term: an alias group, or a stemmed word, acronym or number.
#[derive(Debug, Clone)]
pub(crate) struct TermInfo {
    pub kind: TermKind,
    /// How the term is shown: the group's label, the acronym or number, or
    /// the stem's most frequent spelling (set by [`Analyzer::finish`]).
    pub display: String,
    /// A stem of a word of argument ([`GENERIC`]).
    pub generic: bool,
    /// Some spelling of it was met in lower case: a common word, not a name.
    pub lowercase: bool,
}

impl TermInfo {
    pub fn display(&self) -> &str {
        &self.display
    }
}

/// One word of a capitalised run (a name candidate), before the
/// sentence-start check. Runs are stored flat, one entry per word, so that a
/// book's thousands of capitalised line starts stay cheap.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NameWord {
    /// Byte range in the document's text.
    pub start: u32,
    pub end: u32,
    /// First word of its run.
    pub first: bool,
    /// The run starts a sentence or line (only set on the first word).
    pub sentence_start: bool,
    /// A connector inside the run ("of", "al").
    pub connector: bool,
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
    /// Organisations (built-in, the user's, or defined by the text) in the
    /// order they are named: the last is what "the group" refers to next.
    pub actors: Vec<usize>,
    /// Where each of `actors` is named: byte offset in the document.
    pub actor_at: Vec<usize>,
    /// Distinct adjacent content-word pairs (term ids), sorted.
    pub bigrams: Vec<(u32, u32)>,
    pub names: Vec<NameWord>,
}

/// The vocabulary and state shared by both documents' analyses.
pub(crate) struct Analyzer<'t> {
    table: &'t AliasTable,
    /// Regions and user topics that list each group as a member.
    parents: Vec<Vec<usize>>,
    stems: StemCache,
    ids: FastMap<String, u32>,
    pub terms: Vec<TermInfo>,
    /// Every folded word met, so that each is stemmed and looked up once.
    words: FastMap<String, WordEntry>,
    /// Spellings of each alias group met in the text: (group, surface) → count.
    pub group_surfaces: FastMap<(usize, String), u32>,
    /// Stems of [`GENERIC`].
    generic: FastSet<String>,
}

/// What we know about one folded word.
#[derive(Debug, Clone, Copy)]
struct WordEntry {
    /// Its stem's term; none for stop words and single letters.
    term: Option<u32>,
    stop: bool,
    count: u32,
    /// Met in lower case somewhere: then it is not a name.
    lowercase: bool,
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
            ids: FastMap::default(),
            terms: Vec::new(),
            words: FastMap::default(),
            group_surfaces: FastMap::default(),
        }
    }

    /// The id of a term that is not a word (alias group, acronym, number),
    /// shown as `display`.
    fn intern(&mut self, key: &str, kind: TermKind, display: &str) -> u32 {
        let id = self.id_of(key, kind);
        let info = &mut self.terms[id as usize];
        if info.display.is_empty() {
            info.display = display.to_owned();
        }
        id
    }

    /// Counts a folded word and returns what we know of it; a new word is
    /// stemmed and interned on first sight.
    fn word(&mut self, key: &str, lowercase: bool) -> WordEntry {
        if let Some(e) = self.words.get_mut(key) {
            e.count += 1;
            e.lowercase |= lowercase;
            return *e;
        }
        let stop = is_stop_word(key);
        let term = if stop || key.chars().count() < 2 {
            None
        } else {
            let stem = self.stems.stem_uncached(key);
            Some(self.id_of(&stem, TermKind::Stem))
        };
        let entry = WordEntry {
            term,
            stop,
            count: 1,
            lowercase,
        };
        self.words.insert(key.to_owned(), entry);
        entry
    }

    /// Notes that a term's word was met in lower case.
    fn mark_lowercase(&mut self, e: &WordEntry) {
        if let (Some(t), true) = (e.term, e.lowercase) {
            self.terms[t as usize].lowercase = true;
        }
    }

    fn id_of(&mut self, key: &str, kind: TermKind) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = self.terms.len() as u32;
        self.ids.insert(key.to_owned(), id);
        self.terms.push(TermInfo {
            kind,
            display: String::new(),
            generic: kind == TermKind::Stem && self.generic.contains(key),
            lowercase: false,
        });
        id
    }

    /// Gives each stem its most frequent spelling (ties: alphabetical) once
    /// both documents are analysed.
    pub fn finish(&mut self) {
        let mut best: Vec<Option<(&str, u32)>> = vec![None; self.terms.len()];
        for (word, e) in &self.words {
            let Some(t) = e.term else { continue };
            let slot = &mut best[t as usize];
            let better =
                slot.is_none_or(|(w, n)| e.count > n || (e.count == n && word.as_str() < w));
            if better {
                *slot = Some((word.as_str(), e.count));
            }
        }
        for (info, b) in self.terms.iter_mut().zip(best) {
            if let Some((w, _)) = b {
                info.display = w.to_owned();
            }
        }
        self.terms.shrink_to_fit();
    }

    /// A stem's spellings, most frequent first (for the few key phrases).
    pub fn spellings(&self, t: u32) -> Vec<String> {
        let mut out: Vec<(&str, u32)> = self
            .words
            .iter()
            .filter(|(_, e)| e.term == Some(t))
            .map(|(w, e)| (w.as_str(), e.count))
            .collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        out.into_iter()
            .take(MAX_SURFACES)
            .map(|(w, _)| w.to_owned())
            .collect()
    }

    /// Frees what only the topics read (every word met and the spellings
    /// of alias groups); terms and their display forms stay.
    pub fn forget_words(&mut self) {
        self.words = FastMap::default();
        self.group_surfaces = FastMap::default();
    }

    /// Whether a folded word was met in lower case (so is not a name).
    pub fn is_lowercase(&self, key: &str) -> bool {
        self.words.get(key).is_some_and(|e| e.lowercase)
    }

    /// The term of an aspect of the lexicon.
    pub fn aspect_term(&mut self, aspect: usize, label: &str) -> u32 {
        self.intern(&format!("\u{2}{aspect}"), TermKind::Aspect(aspect), label)
    }

    /// The term of an actor (a concept term) speaking to an aspect family
    /// (by its aspect term index).
    pub fn claim_term(&mut self, actor: u32, family: usize, label: &str) -> u32 {
        self.intern(&format!("\u{4}{actor}:{family}"), TermKind::Claim, label)
    }

    /// The term of a WordNet sense group.
    pub fn sense_term(&mut self, group: u32, label: &str) -> u32 {
        self.intern(&format!("\u{3}{group}"), TermKind::Sense(group), label)
    }

    /// The term of an alias group.
    pub fn concept_term(&mut self, group: usize) -> u32 {
        self.concept(group)
    }

    /// For each term id, the stem it stands for (empty for other kinds).
    pub fn stem_keys(&self) -> Vec<&str> {
        let mut out = vec![""; self.terms.len()];
        for (key, &id) in &self.ids {
            if self.terms[id as usize].kind == TermKind::Stem {
                out[id as usize] = key.as_str();
            }
        }
        out
    }

    fn concept(&mut self, group: usize) -> u32 {
        let label = self.table.groups()[group].label.clone();
        self.intern(&format!("\u{1}{group}"), TermKind::Concept(group), &label)
    }

    /// Analyses one passage's text; `base` is its byte offset in the
    /// document.
    pub fn passage(&mut self, passage: usize, base: usize, text: &str) -> PassageTerms {
        let tokens = tokenize(text);
        let (units, meta) = self.units(&tokens);
        let mut out = PassageTerms {
            passage,
            ..PassageTerms::default()
        };
        let mut counts: Vec<(u32, f32)> = Vec::new();
        let mut bigrams: Vec<(u32, u32)> = Vec::new();
        let mut prev_word: Option<u32> = None;
        let mut run: Vec<NameWord> = Vec::new();
        let mut i = 0;
        while i < units.len() {
            let u = &units[i];
            if u.boundary_before {
                flush_name(&mut run, &mut out.names);
                prev_word = None;
            }
            if let Some((g, n)) = self.table.longest_match(&units[i..]) {
                let start = meta[i].start;
                let end = meta[i + n - 1].end;
                let surface = surface_of(&text[start..end]);
                *self.group_surfaces.entry((g, surface)).or_default() += 1;
                out.groups.push(g);
                if matches!(
                    self.table.groups()[g].kind,
                    GroupKind::Organisation | GroupKind::Defined | GroupKind::User
                ) {
                    out.actors.push(g);
                    out.actor_at.push(base + start);
                }
                let id = self.concept(g);
                counts.push((id, 1.0));
                for k in 0..self.parents[g].len() {
                    let id = self.concept(self.parents[g][k]);
                    counts.push((id, REGION_SHARE));
                }
                flush_name(&mut run, &mut out.names);
                prev_word = None;
                i += n;
                continue;
            }
            let kind = meta[i].kind;
            let sentence_start = meta[i].sentence_start;
            let capitalised = is_name_like(u.text);
            let word = (kind == TokenKind::Word).then(|| self.word(&u.key, !capitalised));
            if let Some(w) = &word {
                self.mark_lowercase(w);
            }
            let stop = word.is_some_and(|w| w.stop);
            // Names: capitalised runs, with connectors inside.
            if (capitalised || kind == TokenKind::Acronym) && !stop {
                run.push(NameWord {
                    start: (base + meta[i].start) as u32,
                    end: (base + meta[i].end) as u32,
                    first: run.is_empty(),
                    sentence_start: run.is_empty() && sentence_start,
                    connector: false,
                });
            } else if !run.is_empty() && CONNECTORS.contains(&u.key.as_ref()) {
                run.push(NameWord {
                    start: (base + meta[i].start) as u32,
                    end: (base + meta[i].end) as u32,
                    first: false,
                    sentence_start: false,
                    connector: true,
                });
            } else {
                flush_name(&mut run, &mut out.names);
            }
            // Scoring terms.
            let term = match kind {
                TokenKind::Number => Some(self.intern(&u.key, TermKind::Number, &u.key)),
                TokenKind::Acronym => {
                    let key = u.key.to_uppercase();
                    Some(self.intern(&key, TermKind::Acronym, &key))
                }
                TokenKind::Word => word.and_then(|w| w.term),
            };
            match term {
                Some(id) => {
                    counts.push((id, 1.0));
                    if kind == TokenKind::Word {
                        if let Some(p) = prev_word.filter(|&p| p != id) {
                            bigrams.push((p, id));
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
        flush_name(&mut run, &mut out.names);
        counts.sort_unstable_by_key(|t| t.0);
        let distinct = counts.windows(2).filter(|w| w[0].0 != w[1].0).count() + 1;
        out.terms.reserve_exact(distinct.min(counts.len()));
        for (id, n) in counts {
            match out.terms.last_mut() {
                Some(last) if last.0 == id => last.1 += n,
                _ => out.terms.push((id, n)),
            }
        }
        out.names.shrink_to_fit();
        out.groups.sort_unstable();
        out.groups.dedup();
        bigrams.sort_unstable();
        bigrams.dedup();
        bigrams.shrink_to_fit();
        out.bigrams = bigrams;
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
                    key: fold_cow(part),
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
        self.terms[t as usize].generic
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

fn flush_name(run: &mut Vec<NameWord>, out: &mut Vec<NameWord>) {
    while run.last().is_some_and(|w| w.connector) {
        run.pop();
    }
    out.append(run);
}
