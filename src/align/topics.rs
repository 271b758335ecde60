//! Topics: alias groups (places, organisations, the user's groups, acronyms
//! the text defines), capitalised names and distinctive key phrases, each
//! with the passages that discuss it on each side. Shared topics come first,
//! ranked by how much both reports discuss them; one-sided topics follow.
//!
//! Over 600 lines: every kind of topic goes through the same merging and filtering rules,
//! which are easier to check side by side than spread over files.

use std::collections::{BTreeMap, HashMap};

use super::aliases::GroupKind;
use super::analyze::{Analyzer, NameWord, PassageTerms, TermKind};
use super::fxhash::{FastMap, FastSet};
use super::tokens::{fold, fold_cow, is_stop_word, tokenize, tokens};
use super::{Topic, TopicKind};

/// Most spellings listed under one topic.
const MAX_TERMS: usize = 24;
/// Share of both texts' passages (geometric mean) above which a topic
/// found once on a side still counts as discussed by both.
const MIN_SHARE: f64 = 0.09;
/// Most name topics; long books have hundreds of names.
const MAX_NAMES: usize = 80;

/// Capitalised always, names never.
const CALENDAR: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Titles and ranks before a person's name, folded.
const TITLES: &[&str] = &[
    "president",
    "vice",
    "sen",
    "senator",
    "rep",
    "representative",
    "gov",
    "governor",
    "attorney",
    "general",
    "special",
    "counsel",
    "secretary",
    "minister",
    "prime",
    "deputy",
    "dr",
    "mr",
    "mrs",
    "ms",
    "prof",
    "professor",
    "gen",
    "col",
    "lt",
    "capt",
    "sgt",
    "adm",
    "judge",
    "justice",
    "chief",
    "director",
    "ambassador",
    "king",
    "queen",
    "prince",
    "sheikh",
    "imam",
    "emir",
    "mullah",
    "commander",
    "chairman",
    "speaker",
    "mayor",
    "sir",
    "lord",
];

/// One side's analysed content passages and their count.
pub(crate) struct SideTerms<'a> {
    pub passages: &'a [PassageTerms],
    /// The document's text, which name candidates point into.
    pub text: &'a str,
    /// The document's passages, which `PassageTerms::passage` indexes.
    pub doc_passages: &'a [crate::document::Passage],
}

impl SideTerms<'_> {
    /// Whether content passage `pos` uses one of the folded `words`.
    fn uses_any(&self, pos: usize, words: &[String]) -> bool {
        self.passages
            .get(pos)
            .and_then(|p| self.doc_passages.get(p.passage))
            .and_then(|p| self.text.get(p.byte_start..p.byte_end))
            .is_some_and(|text| tokenize(text).iter().any(|t| words.contains(&fold(t.text))))
    }
}

/// Whether two spellings of one stem are one word: the same once an
/// inflection is taken off ("author", "authors"; "claims", "claiming"),
/// give or take one letter ("process", "processes"; "run", "running").
/// Snowball stems some different words alike ("authorities" and "author",
/// "international" and "internal"); those stay apart.
fn same_word(a: &str, b: &str) -> bool {
    let base = |w: &str| -> String {
        for (suffix, instead) in [
            ("ies", "y"),
            ("ied", "y"),
            ("ing", ""),
            ("es", ""),
            ("ed", ""),
            ("s", ""),
        ] {
            if let Some(root) = w.strip_suffix(suffix)
                && root.chars().count() >= 3
            {
                let mut out = format!("{root}{instead}");
                if out.ends_with('e') {
                    out.pop();
                }
                return out;
            }
        }
        w.strip_suffix('e').unwrap_or(w).to_string()
    };
    let (a, b) = (base(a), base(b));
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    long.starts_with(short.as_str()) && long.chars().count() - short.chars().count() <= 1
}

/// Aspects of the lexicon as topics (financing, propaganda…): the passages
/// whose words count for each.
pub(crate) struct AspectTopics<'a> {
    pub labels: &'a [String],
    /// For each term id, the aspects it counts for.
    pub of_term: &'a [Vec<u16>],
}

impl AspectTopics<'_> {
    fn drafts(&self, an: &Analyzer<'_>, left: &SideTerms<'_>, right: &SideTerms<'_>) -> Vec<Draft> {
        let mut out: Vec<Draft> = self
            .labels
            .iter()
            .map(|l| Draft {
                group: None,
                label: l.clone(),
                terms: Vec::new(),
                kind: TopicKind::Aspect,
                left: Vec::new(),
                right: Vec::new(),
            })
            .collect();
        let mut words: Vec<BTreeMap<u32, f32>> = vec![BTreeMap::new(); out.len()];
        for (side, st) in [left, right].into_iter().enumerate() {
            for (pos, p) in st.passages.iter().enumerate() {
                let mut found: Vec<u16> = Vec::new();
                for &(t, n) in &p.terms {
                    for &a in self.of_term.get(t as usize).map_or(&[][..], Vec::as_slice) {
                        found.push(a);
                        *words[a as usize].entry(t).or_default() += n;
                    }
                }
                found.sort_unstable();
                found.dedup();
                for a in found {
                    let d = &mut out[a as usize];
                    if side == 0 { &mut d.left } else { &mut d.right }.push(pos);
                }
            }
        }
        for (d, w) in out.iter_mut().zip(words) {
            let mut w: Vec<(u32, f32)> = w.into_iter().collect();
            w.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            let mut terms: Vec<String> = Vec::new();
            for (t, _) in w {
                for s in an.spellings(t) {
                    if terms.len() < MAX_TERMS && !terms.contains(&s) {
                        terms.push(s);
                    }
                }
            }
            d.terms = terms;
        }
        out.retain(|d| !d.left.is_empty() || !d.right.is_empty());
        out
    }
}

/// A topic before ranking: passage positions are indices into the side's
/// content passages, turned into document indices at the end.
struct Draft {
    /// The alias group behind the topic, if any.
    group: Option<usize>,
    label: String,
    terms: Vec<String>,
    kind: TopicKind,
    left: Vec<usize>,
    right: Vec<usize>,
}

/// Topics in rank order, and for each topic the topics of its members (a
/// region's countries), which make it redundant as a reason for a pair.
pub(crate) fn build(
    an: &Analyzer<'_>,
    left: SideTerms<'_>,
    right: SideTerms<'_>,
    aspects: AspectTopics<'_>,
) -> (Vec<Topic>, Vec<Vec<usize>>) {
    let mut drafts = alias_topics(an, &left, &right);
    let mut names = name_topics(an, &left, &right);
    names.sort_by(|a, b| {
        let (na, nb) = (a.left.len() + a.right.len(), b.left.len() + b.right.len());
        let shared = |d: &Draft| !d.left.is_empty() && !d.right.is_empty();
        shared(b)
            .cmp(&shared(a))
            .then(nb.cmp(&na))
            .then(a.label.cmp(&b.label))
    });
    names.truncate(MAX_NAMES);
    drafts.extend(names);
    drafts.extend(key_phrase_topics(an, &left, &right, aspects.of_term));

    drafts.extend(aspects.drafts(an, &left, &right));

    // One topic per label: an alias beats a name beats a key phrase.
    let mut seen = std::collections::HashSet::new();
    drafts.retain(|d| seen.insert(d.label.to_lowercase()));
    // A region with exactly the passages of one of its members is that
    // member (Syria and the Levant, the United States and North America):
    // the member stays.
    let groups = an.table().groups();
    let by_sets: HashMap<(&[usize], &[usize]), Vec<usize>> =
        drafts.iter().fold(HashMap::new(), |mut m, d| {
            if let Some(g) = d.group {
                m.entry((d.left.as_slice(), d.right.as_slice()))
                    .or_default()
                    .push(g);
            }
            m
        });
    let kept: Vec<bool> = drafts
        .iter()
        .map(|d| {
            d.group.is_none_or(|g| {
                let same = &by_sets[&(d.left.as_slice(), d.right.as_slice())];
                !groups[g].members.iter().any(|m| same.contains(m))
            })
        })
        .collect();
    let mut k = kept.into_iter();
    drafts.retain(|_| k.next().unwrap_or(true));

    let (nl, nr) = (
        left.passages.len().max(1) as f64,
        right.passages.len().max(1) as f64,
    );
    let weight = |d: &Draft| {
        let (l, r) = (d.left.len() as f64 / nl, d.right.len() as f64 / nr);
        if l > 0.0 && r > 0.0 {
            (l * r).sqrt()
        } else {
            l.max(r)
        }
    };
    // Both sides discuss it: twice each; once on a side when the other
    // dwells on it (Cyclops 10 │ 1); or once each where that is a fair
    // share of the texts (a name in one paragraph of each of two short news
    // stories), not a country named in passing in a twenty-paragraph
    // report (France 1 │ 1, Iran 2 │ 1). A key phrase is a common word:
    // one passage on a side is a passing use ("security" 1 │ 6). Such a
    // topic goes: it is not shared, and it is not one report's alone
    // either, since the other uses its words; "right only" would be false.
    let discussed = |d: &Draft| {
        let (l, r) = (d.left.len(), d.right.len());
        (l >= 2 && r >= 2)
            || (d.kind != TopicKind::KeyPhrase && (l + r >= 4 || weight(d) >= MIN_SHARE))
    };
    let passing: Vec<bool> = drafts
        .iter()
        .map(|d| !d.left.is_empty() && !d.right.is_empty() && !discussed(d))
        .collect();
    for (d, _) in drafts.iter_mut().zip(&passing).filter(|(_, p)| **p) {
        d.left.clear();
        d.right.clear();
    }
    drafts.retain(|d| !d.left.is_empty() || !d.right.is_empty());
    // A topic one report alone discusses is "left only" or "right only":
    // a claim that the other text never uses its words. Passages only see
    // content words a topic's own kind counts ("International Crisis
    // Group" is the ICG, not the word "international"; a title or footnote
    // is no content passage), so the claim is checked against the whole
    // other text, and a topic the other text names goes.
    // Read only when a topic is one-sided, once per side.
    let texts = [left.text, right.text];
    let mut vocabulary: [Option<Vocabulary>; 2] = [None, None];
    drafts.retain(|d| {
        let side = match (d.left.is_empty(), d.right.is_empty()) {
            (false, true) => 1,
            (true, false) => 0,
            _ => return true,
        };
        let other = vocabulary[side].get_or_insert_with(|| Vocabulary::of(texts[side]));
        !d.terms
            .iter()
            .chain(std::iter::once(&d.label))
            .any(|t| other.uses(t))
    });
    let shared = |d: &Draft| !d.left.is_empty() && !d.right.is_empty();
    drafts.sort_by(|a, b| {
        shared(b)
            .cmp(&shared(a))
            .then(weight(b).total_cmp(&weight(a)))
            .then((b.left.len() + b.right.len()).cmp(&(a.left.len() + a.right.len())))
            .then(a.kind.cmp(&b.kind))
            .then(a.label.cmp(&b.label))
    });
    let by_group: HashMap<usize, usize> = drafts
        .iter()
        .enumerate()
        .filter_map(|(i, d)| d.group.map(|g| (g, i)))
        .collect();
    let groups = an.table().groups();
    let covers = drafts
        .iter()
        .map(|d| {
            d.group.map_or_else(Vec::new, |g| {
                groups[g]
                    .members
                    .iter()
                    .filter_map(|m| by_group.get(m).copied())
                    .collect()
            })
        })
        .collect();
    let topics = drafts
        .into_iter()
        .map(|d| Topic {
            shared: !d.left.is_empty() && !d.right.is_empty(),
            left: d.left.iter().map(|&i| left.passages[i].passage).collect(),
            right: d.right.iter().map(|&i| right.passages[i].passage).collect(),
            label: d.label,
            terms: d.terms,
            kind: d.kind,
        })
        .collect();
    (topics, covers)
}

/// The words of a text, folded, and the text in lower case: enough to say
/// whether it ever uses a term.
struct Vocabulary {
    words: FastSet<String>,
    lower: String,
}

impl Vocabulary {
    fn of(text: &str) -> Vocabulary {
        // A hyphenated word uses its parts too ("counter-terror" uses
        // "terror"), as the reader's highlighting finds them.
        let mut words: FastSet<String> = FastSet::default();
        let mut add = |w: &str| {
            let k = fold_cow(w);
            if !words.contains(k.as_ref()) {
                words.insert(k.into_owned());
            }
        };
        for t in tokens(text) {
            if t.text.contains('-') {
                t.text
                    .split('-')
                    .filter(|p| !p.is_empty())
                    .for_each(&mut add);
            }
            add(t.text);
        }
        Vocabulary {
            words,
            lower: text.to_lowercase(),
        }
    }

    /// Whether the text uses `term`: each of its words, and for a term of
    /// several words the words in a row.
    fn uses(&self, term: &str) -> bool {
        let words: Vec<String> = tokenize(term).iter().map(|t| fold(t.text)).collect();
        if words.is_empty() || !words.iter().all(|w| self.words.contains(w)) {
            return false;
        }
        words.len() == 1 || {
            let needle = term.to_lowercase();
            self.lower.match_indices(&needle).any(|(at, _)| {
                let before = self.lower[..at].chars().next_back();
                let after = self.lower[at + needle.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            })
        }
    }
}

fn alias_topics(an: &Analyzer<'_>, left: &SideTerms<'_>, right: &SideTerms<'_>) -> Vec<Draft> {
    // group -> (left positions, right positions); BTreeMap for a stable order.
    let mut hits: BTreeMap<usize, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    // For each region, per side, what made it discussed: the region named
    // itself (None) or one of its members.
    let mut via: BTreeMap<usize, [Vec<Option<usize>>; 2]> = BTreeMap::new();
    for (side, st) in [left, right].into_iter().enumerate() {
        for (pos, p) in st.passages.iter().enumerate() {
            let mut groups: Vec<usize> = p.groups.clone();
            for &g in &p.groups {
                groups.extend_from_slice(an.parents(g));
                via.entry(g).or_default()[side].push(None);
                for &r in an.parents(g) {
                    via.entry(r).or_default()[side].push(Some(g));
                }
            }
            groups.sort_unstable();
            groups.dedup();
            for g in groups {
                let entry = hits.entry(g).or_default();
                if side == 0 {
                    &mut entry.0
                } else {
                    &mut entry.1
                }
                .push(pos);
            }
        }
    }
    // Spellings per group, a region's including its members'.
    let mut spellings: HashMap<usize, Vec<(&str, u32)>> = HashMap::new();
    for ((g, surface), &n) in &an.group_surfaces {
        spellings.entry(*g).or_default().push((surface, n));
        for &p in an.parents(*g) {
            spellings.entry(p).or_default().push((surface, n));
        }
    }
    let groups = an.table().groups();
    hits.into_iter()
        .filter(|(g, (l, r))| {
            // A region is shared only when both sides discuss the same
            // member, or one names the region itself: "Central Europe" is
            // not shared because one side names Germany and the other
            // Poland (those are topics of their own).
            if l.is_empty() || r.is_empty() || groups[*g].members.is_empty() {
                return true;
            }
            let [a, b] = &via[g];
            a.contains(&None)
                || b.contains(&None)
                || a.iter().flatten().any(|m| b.contains(&Some(*m)))
        })
        .map(|(g, (l, r))| {
            let mut terms = spellings.remove(&g).unwrap_or_default();
            terms.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            terms.truncate(MAX_TERMS);
            Draft {
                group: Some(g),
                label: groups[g].label.clone(),
                terms: terms.into_iter().map(|(s, _)| s.to_owned()).collect(),
                kind: match groups[g].kind {
                    GroupKind::Country | GroupKind::Region => TopicKind::Place,
                    GroupKind::Organisation => TopicKind::Organisation,
                    GroupKind::User => TopicKind::UserGroup,
                    GroupKind::Defined => TopicKind::Acronym,
                },
                left: l,
                right: r,
            }
        })
        .collect()
}

fn name_topics(an: &Analyzer<'_>, left: &SideTerms<'_>, right: &SideTerms<'_>) -> Vec<Draft> {
    struct Stat {
        left: Vec<usize>,
        right: Vec<usize>,
        surfaces: BTreeMap<String, u32>,
        /// Met at least once where its capital means something.
        mid_sentence: bool,
    }
    let mut stats: FastMap<String, Stat> = FastMap::default();
    for (side, st) in [left, right].into_iter().enumerate() {
        for (pos, p) in st.passages.iter().enumerate() {
            let word = |w: &NameWord| {
                let surface = st.text.get(w.start as usize..w.end as usize).unwrap_or("");
                (fold(surface), surface.to_owned())
            };
            let mut k = 0;
            while k < p.names.len() {
                let len = p.names[k + 1..].iter().take_while(|w| !w.first).count() + 1;
                let cand = &p.names[k..k + len];
                k += len;
                let words_owned: Vec<(String, String)> = cand.iter().map(word).collect();
                let mut words: &[(String, String)] = &words_owned;
                let mut at_start = cand[0].sentence_start;
                // At a sentence or line start a capital proves nothing: drop
                // a first word that also appears in lower case.
                if at_start
                    && words
                        .first()
                        .is_some_and(|w| an.is_lowercase(&w.0) || is_stop_word(&w.0))
                {
                    words = &words[1..];
                    at_start = false;
                }
                // Interjections ("O Cyclop"), stop words, month names and
                // titles ("Sen.", "President", "Attorney General") never
                // start a name: "Sen. Bernie Sanders" is Bernie Sanders.
                while let Some(w) = words.first() {
                    let title = words.len() > 1 && TITLES.contains(&w.0.as_str());
                    if !(title
                        || is_stop_word(&w.0)
                        || CALENDAR.contains(&w.0.as_str())
                        || w.0.chars().count() < 2)
                    {
                        break;
                    }
                    // After a title, a capital means a name even at the
                    // start of a sentence.
                    at_start &= !title;
                    words = &words[1..];
                }
                let Some(first) = words.first() else {
                    continue;
                };
                if words.len() == 1 && (an.is_lowercase(&first.0) || first.0.chars().count() < 3) {
                    continue;
                }
                let key: Vec<&str> = words.iter().map(|w| w.0.as_str()).collect();
                let surface: Vec<&str> = words.iter().map(|w| w.1.as_str()).collect();
                let stat = stats.entry(key.join(" ")).or_insert_with(|| Stat {
                    left: Vec::new(),
                    right: Vec::new(),
                    surfaces: BTreeMap::new(),
                    mid_sentence: false,
                });
                stat.mid_sentence |= !at_start;
                let list = if side == 0 {
                    &mut stat.left
                } else {
                    &mut stat.right
                };
                if list.last() != Some(&pos) {
                    list.push(pos);
                }
                *stat
                    .surfaces
                    .entry(surface.join(" ").replace('’', "'"))
                    .or_default() += 1;
            }
        }
    }
    // One person, several names: "Barr" is "William Barr" when exactly one
    // longer name ends with it.
    let mut keys: Vec<String> = stats.keys().cloned().collect();
    keys.sort();
    // Longer names by their last word, in key order (one pass, not one per
    // short name).
    let mut by_last: BTreeMap<&str, Vec<&String>> = BTreeMap::new();
    for k in keys.iter().filter(|k| k.contains(' ')) {
        if let Some(last) = k.rsplit(' ').next() {
            by_last.entry(last).or_default().push(k);
        }
    }
    for short in keys.iter().filter(|k| !k.contains(' ')) {
        let longer = by_last.get(short.as_str()).map_or(&[][..], Vec::as_slice);
        if let [long] = longer
            && let Some(s) = stats.remove(short)
            && let Some(l) = stats.get_mut(long.as_str())
        {
            l.mid_sentence |= s.mid_sentence;
            for (into, from) in [(&mut l.left, s.left), (&mut l.right, s.right)] {
                into.extend(from);
                into.sort_unstable();
                into.dedup();
            }
            for (surface, n) in s.surfaces {
                *l.surfaces.entry(surface).or_default() += n;
            }
        }
    }
    let mut stats: Vec<(String, Stat)> = stats
        .into_iter()
        .filter(|(_, s)| s.mid_sentence && s.left.len() + s.right.len() >= 2)
        .collect();
    stats.sort_by(|a, b| a.0.cmp(&b.0));
    stats
        .into_iter()
        .map(|(_, s)| s)
        .map(|s| {
            let mut surfaces: Vec<(String, u32)> = s.surfaces.into_iter().collect();
            surfaces.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            // The fullest name is the label ("William Barr", not "Barr").
            let label = surfaces
                .iter()
                .max_by(|a, b| {
                    let words = |s: &str| s.split_whitespace().count();
                    words(&a.0)
                        .cmp(&words(&b.0))
                        .then(a.1.cmp(&b.1))
                        .then(b.0.cmp(&a.0))
                })
                .map_or_else(String::new, |s| s.0.clone());
            Draft {
                group: None,
                label,
                terms: surfaces
                    .into_iter()
                    .take(MAX_TERMS)
                    .map(|(s, _)| s.to_lowercase())
                    .collect(),
                kind: TopicKind::Name,
                left: s.left,
                right: s.right,
            }
        })
        .collect()
}

/// Distinctive words and word pairs: frequent in few passages (TF-IDF over
/// both reports' content passages), common nouns only (names are above).
fn key_phrase_topics(
    an: &Analyzer<'_>,
    left: &SideTerms<'_>,
    right: &SideTerms<'_>,
    aspect_of_term: &[Vec<u16>],
) -> Vec<Draft> {
    let n = left.passages.len() + right.passages.len();
    if n < 2 {
        return Vec::new();
    }
    let budget = (n / 10).clamp(12, 40);
    let max_df = ((n as f64 * 0.3) as usize).max(3);
    let idf = |df: usize| (n as f64 / df as f64).ln();
    // A key phrase is made of common nouns (seen in lower case) that are not
    // words of argument.
    let topical: Vec<bool> = (0..an.terms.len() as u32)
        .map(|t| {
            let info = &an.terms[t as usize];
            info.kind == TermKind::Stem && info.lowercase && !info.generic
        })
        .collect();
    // A word of the aspect lexicon is already under its aspect's topic
    // ("transferred" under migration and movement); alone it would be the
    // same topic twice. In a word pair it stays ("planning attacks").
    let aspect_word = |t: usize| aspect_of_term.get(t).is_some_and(|a| !a.is_empty());
    let sides = [left, right];

    // First count, then collect passages only for the few chosen: a book
    // has hundreds of thousands of word pairs.
    let mut pair_df: FastMap<(u32, u32), usize> = FastMap::default();
    let mut word_df = vec![0usize; an.terms.len()];
    let mut word_mass = vec![0f64; an.terms.len()];
    for p in sides.iter().flat_map(|s| s.passages) {
        for &(a, b) in &p.bigrams {
            if topical[a as usize] && topical[b as usize] {
                *pair_df.entry((a, b)).or_default() += 1;
            }
        }
        for &(t, tf) in &p.terms {
            if topical[t as usize] {
                word_df[t as usize] += 1;
                word_mass[t as usize] += 1.0 + f64::from(tf.max(1.0)).ln();
            }
        }
    }
    let mut chosen_pairs: Vec<(f64, (u32, u32))> = pair_df
        .into_iter()
        .filter(|&(_, df)| (2..=max_df).contains(&df))
        .map(|(k, df)| (1.5 * df as f64 * idf(df), k))
        .collect();
    chosen_pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    chosen_pairs.truncate(budget / 2);
    let in_pair = |t: u32| chosen_pairs.iter().any(|c| c.1.0 == t || c.1.1 == t);
    let mut chosen_words: Vec<(f64, u32)> = (0..an.terms.len())
        .filter(|&t| (2..=max_df).contains(&word_df[t]) && !in_pair(t as u32) && !aspect_word(t))
        .map(|t| (word_mass[t] * idf(word_df[t]), t as u32))
        .collect();
    chosen_words.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    chosen_words.truncate(budget);

    // Passages of the chosen phrases, per side.
    let positions = |has: &dyn Fn(&PassageTerms) -> bool| -> (Vec<usize>, Vec<usize>) {
        let on = |s: &SideTerms<'_>| {
            s.passages
                .iter()
                .enumerate()
                .filter(|(_, p)| has(p))
                .map(|(i, _)| i)
                .collect()
        };
        (on(left), on(right))
    };
    let mut drafts: Vec<(f64, Draft)> = Vec::new();
    for &(score, (a, b)) in &chosen_pairs {
        let (l, r) = positions(&|p| p.bigrams.binary_search(&(a, b)).is_ok());
        let (da, db) = (
            an.terms[a as usize].display(),
            an.terms[b as usize].display(),
        );
        let label = format!("{da} {db}");
        drafts.push((
            score,
            Draft {
                group: None,
                terms: vec![label.clone()],
                label,
                kind: TopicKind::KeyPhrase,
                left: l,
                right: r,
            },
        ));
    }
    for &(score, t) in &chosen_words {
        let (mut l, mut r) = positions(&|p| p.terms.binary_search_by_key(&t, |x| x.0).is_ok());
        let info = &an.terms[t as usize];
        // One word per key phrase: the spellings of its commonest spelling's
        // word, and only the passages that use one of them, when the stem
        // also covers another word ("authorities" is not "author").
        let all = an.spellings(t);
        let terms: Vec<String> = all
            .iter()
            .filter(|s| same_word(s, info.display()))
            .cloned()
            .collect();
        if terms.len() < all.len() {
            l.retain(|&pos| left.uses_any(pos, &terms));
            r.retain(|&pos| right.uses_any(pos, &terms));
        }
        drafts.push((
            score,
            Draft {
                group: None,
                label: info.display().to_owned(),
                terms,
                kind: TopicKind::KeyPhrase,
                left: l,
                right: r,
            },
        ));
    }
    drafts.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.label.cmp(&b.1.label)));
    drafts.truncate(budget);
    drafts.into_iter().map(|(_, d)| d).collect()
}

#[cfg(test)]
mod tests {
    use super::same_word;

    #[test]
    fn spellings_of_one_stem_are_one_word_only_when_they_inflect_it() {
        for (a, b) in [
            ("author", "authors"),
            ("claims", "claiming"),
            ("claim", "claimed"),
            ("branch", "branches"),
            ("carry", "carried"),
            ("carries", "carrying"),
            ("secure", "secured"),
            ("process", "processes"),
            ("run", "running"),
            ("fighter", "fighters"),
        ] {
            assert!(same_word(a, b), "{a} / {b}");
        }
        for (a, b) in [
            ("authorities", "author"),
            ("international", "internal"),
            ("security", "secure"),
            ("terrorism", "terror"),
            ("general", "generous"),
        ] {
            assert!(!same_word(a, b), "{a} / {b}");
        }
    }
}
