//! Candidates: for every sentence, its best partners on the other side, each
//! with a score, the reasons and a hint. The score combines what the two
//! sentences share (TF-IDF cosine over alias groups, aspects, stems, with the
//! document's main actor standing in for "the organization", "the group")
//! with what their passages share; one-word overlaps of very short
//! sentences are discounted. Work is bounded per sentence: terms found in
//! many sentences are not walked through their whole posting list but only
//! re-scored on the few sentences that rarer terms already proposed, so a
//! book costs about as many steps per sentence as a report.
//!
//! About 600 lines, most of them the one scoring loop and its weights, kept together.

use super::aliases::GroupKind;
use super::analyze::{Analyzer, TermKind};
use super::claims::{self, Claim, Hint, Lexicon};
use super::fxhash::FastMap;

/// A sparse L2-normalised vector, sorted by term id.
pub(crate) type Vector = Vec<(u32, f32)>;

/// How much of the score comes from the passages around the two sentences.
pub(crate) const CONTEXT_WEIGHT: f32 = 0.3;
/// Alias groups (places, organisations) and aspects weigh more than words:
/// they bridge two reports' vocabularies.
const CONCEPT_WEIGHT: f32 = 2.0;
const ASPECT_WEIGHT: f32 = 1.2;
/// An actor × aspect family conjunction ("IS-K" × strength): what two
/// sentences assessing the same side of the same actor share even when
/// one speaks of growth and the other of threat. Half weight: the actor
/// and the aspects already count on their own.
const CLAIM_TERM_WEIGHT: f32 = 0.5;
/// Synonyms in their commonest sense (WordNet) count for a little.
const SENSE_WEIGHT: f32 = 0.5;
/// Related aspects and the summing-up role count for a little.
const SECONDARY_WEIGHT: f32 = 0.7;
/// Words of argument ("seems", "possibility") still count, but little.
const GENERIC_WEIGHT: f32 = 0.4;
/// Sentences with at most this many terms are "very short".
const SHORT_UNIT: usize = 3;
/// Factor on a score that rests on a single shared term of a very short
/// sentence.
const SHORT_OVERLAP: f32 = 0.5;
/// Candidates re-scored exactly for each sentence.
const SHORTLIST: usize = 24;
/// Passage partners kept per passage for the context part of the score.
const CONTEXT_PARTNERS: usize = 12;

/// Which sentences may pair with which.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pool {
    /// Body text and list items.
    Content,
    /// Headings pair with headings only.
    Heading,
    /// Titles pair with titles only.
    Title,
}

/// One sentence that can pair, after analysis.
pub(crate) struct Unit {
    /// Index into the side's sentences.
    pub sentence: usize,
    /// Index into the document's passages.
    pub passage: usize,
    pub pool: Pool,
    /// Term counts, sorted by term id (alias groups, stems, aspects, the
    /// resolved actor).
    pub terms: Vec<(u32, f32)>,
    /// Terms of the organisations it names or refers to, sorted.
    pub actors: Vec<u32>,
    /// States the report's case (abstract, conclusion, "in sum").
    pub thesis: bool,
    /// A thesis sentence that opens its paragraph or says it sums up: the
    /// report's case itself.
    pub lead: bool,
    pub claim: Claim,
}

/// What two sentences making a claim about the same actor and aspect add
/// to their score (half for related aspects): such pairs often share few
/// words ("is not necessarily expanding" / "only surged in numbers").
const CLAIM_WEIGHT: f32 = 0.08;

pub(crate) fn claim_bonus(a: &Unit, b: &Unit, lex: &Lexicon) -> f32 {
    let actor = a.actors.iter().any(|t| b.actors.binary_search(t).is_ok());
    if !actor {
        return 0.0;
    }
    // Two reports' summing-up sentences on the same actor are their main
    // claims, which an analyst compares first.
    let theses = if a.lead && b.lead {
        CLAIM_WEIGHT
    } else if a.thesis && b.thesis {
        CLAIM_WEIGHT / 2.0
    } else {
        0.0
    };
    theses + aspect_bonus(a, b, lex) + contrast_bonus(a, b, lex)
}

/// What two claims on the same actor add when one negates what the other
/// asserts of the same aspect or aspect family ("is not really expanding"
/// / "only surged in numbers"): among equally close partners, the one that
/// disagrees is what an analyst comparing two reports looks for first.
const CONTRAST_WEIGHT: f32 = 0.03;

fn contrast_bonus(a: &Unit, b: &Unit, lex: &Lexicon) -> f32 {
    let (x, y) = (&a.claim, &b.claim);
    let aspect = x
        .aspects
        .iter()
        .any(|v| y.aspects.contains(v) && x.negated.contains(v) != y.negated.contains(v));
    let families = |c: &Claim| -> Vec<(usize, bool)> {
        c.aspects
            .iter()
            .filter_map(|&v| lex.family_of(v as usize))
            .map(|f| {
                let negated = c
                    .negated
                    .iter()
                    .any(|&n| lex.family_of(n as usize) == Some(f));
                (f, negated)
            })
            .collect()
    };
    let fy = families(y);
    let family = families(x)
        .iter()
        .any(|(f, n)| fy.iter().any(|(g, m)| f == g && n != m));
    if aspect || family {
        CONTRAST_WEIGHT
    } else {
        0.0
    }
}

fn aspect_bonus(a: &Unit, b: &Unit, lex: &Lexicon) -> f32 {
    let aspect = a
        .claim
        .aspects
        .iter()
        .any(|x| b.claim.aspects.binary_search(x).is_ok());
    if aspect {
        return CLAIM_WEIGHT;
    }
    let family = a.claim.aspects.iter().any(|&x| {
        lex.family_of(x as usize).is_some_and(|f| {
            b.claim
                .aspects
                .iter()
                .any(|&y| lex.family_of(y as usize) == Some(f))
        })
    });
    if family { CLAIM_WEIGHT / 2.0 } else { 0.0 }
}

/// Everything the scoring needs, shared by both directions.
pub(crate) struct Scorer<'a> {
    pub an: &'a Analyzer<'a>,
    pub lex: &'a Lexicon,
    pub idf: Vec<f32>,
    /// Share of the sentences a term occurs in, for the "topic term" test.
    pub df: Vec<u32>,
    pub units: usize,
    /// The WordNet sense group of each stem term.
    pub senses: &'a [Option<u32>],
    /// The aspects each term counts for.
    pub term_aspects: &'a [Vec<u16>],
}

impl Scorer<'_> {
    /// Sublinear TF times IDF, L2-normalised.
    pub fn vector(&self, terms: &[(u32, f32)]) -> Vector {
        let mut v: Vector = terms
            .iter()
            .map(|&(t, tf)| {
                let damped = if tf >= 1.0 { 1.0 + tf.ln() } else { tf };
                (t, damped * self.idf[t as usize])
            })
            .filter(|&(_, w)| w > 0.0)
            .collect();
        normalise(&mut v);
        v
    }
}

pub(crate) fn normalise(v: &mut Vector) {
    let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, w) in v.iter_mut() {
            *w /= norm;
        }
    }
}

/// IDF over all pairable sentences of both sides, with the kind weights.
pub(crate) fn idf(
    an: &Analyzer<'_>,
    lex: &Lexicon,
    left: &[Unit],
    right: &[Unit],
) -> (Vec<f32>, Vec<u32>) {
    let mut df = vec![0u32; an.terms.len()];
    for u in left.iter().chain(right) {
        for &(t, _) in &u.terms {
            df[t as usize] += 1;
        }
    }
    let n = (left.len() + right.len()) as f64;
    let idf = df
        .iter()
        .zip(&an.terms)
        .map(|(&d, info)| {
            let base = ((n + 1.0) / (f64::from(d) + 1.0)).ln() as f32 + 1.0;
            match info.kind {
                TermKind::Concept(_) => base * CONCEPT_WEIGHT,
                TermKind::Aspect(a) if lex.is_secondary(a) => base * SECONDARY_WEIGHT,
                TermKind::Aspect(_) => base * ASPECT_WEIGHT,
                TermKind::Sense(_) => base * SENSE_WEIGHT,
                TermKind::Claim => base * CLAIM_TERM_WEIGHT,
                _ if info.generic => base * GENERIC_WEIGHT,
                _ => base,
            }
        })
        .collect();
    (idf, df)
}

/// An inverted index of one side's sentence vectors, flat: postings of
/// term t are `entries[starts[t]..starts[t + 1]]`.
pub(crate) struct Index {
    starts: Vec<usize>,
    entries: Vec<(u32, f32)>,
}

impl Index {
    pub fn new(vectors: &[Vector], n_terms: usize) -> Self {
        let mut starts = vec![0usize; n_terms + 1];
        for v in vectors {
            for &(t, _) in v {
                starts[t as usize + 1] += 1;
            }
        }
        for t in 0..n_terms {
            starts[t + 1] += starts[t];
        }
        let mut fill = starts.clone();
        let mut entries = vec![(0u32, 0f32); starts[n_terms]];
        for (i, v) in vectors.iter().enumerate() {
            for &(t, w) in v {
                entries[fill[t as usize]] = (i as u32, w);
                fill[t as usize] += 1;
            }
        }
        Index { starts, entries }
    }

    /// Number of terms the index has room for.
    fn terms(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    fn postings(&self, t: u32) -> &[(u32, f32)] {
        let t = t as usize;
        if t + 1 >= self.starts.len() {
            return &[];
        }
        &self.entries[self.starts[t]..self.starts[t + 1]]
    }
}

/// Most postings walked for one term of one sentence: beyond this a term
/// is common, and only re-scored on the shortlist.
fn posting_cap(n: usize) -> usize {
    // Bounded above as well: a term in thousands of sentences says little,
    // and a cap that grew with the input made a small vocabulary quadratic.
    (n / 16).clamp(512, 2048)
}

/// How many of the rarest common term's sentences a sentence that has only
/// common terms is compared with.
const COMMON_ONLY_WALK: usize = 256;

/// Best `keep` partners in `to` of every vector in `from` by exact cosine,
/// best first (ties: lower index). `filter` says which pairs may compete.
pub(crate) fn rank(
    from: &[Vector],
    to: &[Vector],
    index: &Index,
    keep: usize,
    allow: &(dyn Fn(usize, usize) -> bool + Sync),
    bonus: &(dyn Fn(usize, usize) -> f32 + Sync),
    progress: &mut dyn FnMut(f32),
) -> Vec<Vec<(f32, u32)>> {
    let cap = posting_cap(to.len());
    let mut acc = vec![0f32; to.len()];
    let mut touched: Vec<u32> = Vec::new();
    let mut short: Vec<(f32, u32)> = Vec::new();
    // The sentence's weights by term, for the exact re-scoring: one look-up
    // per term of each partner instead of a merge of two sorted lists.
    let mut dense = vec![0f32; index.terms()];
    let mut out = Vec::with_capacity(from.len());
    let step = (from.len() / 10).max(1);
    for (i, v) in from.iter().enumerate() {
        let mut common: Option<(usize, u32)> = None;
        for &(t, w) in v {
            let post = index.postings(t);
            if post.len() > cap {
                if common.is_none_or(|(n, _)| post.len() < n) {
                    common = Some((post.len(), t));
                }
                continue;
            }
            for &(j, rw) in post {
                if acc[j as usize] == 0.0 {
                    touched.push(j);
                }
                acc[j as usize] += w * rw;
            }
        }
        // Only common terms: walk the start of the rarest one's list.
        if touched.is_empty()
            && let Some((_, t)) = common
        {
            for &(j, _) in index.postings(t).iter().take(COMMON_ONLY_WALK) {
                touched.push(j);
                acc[j as usize] = f32::MIN_POSITIVE;
            }
        }
        short.clear();
        short.extend(
            touched
                .iter()
                .filter(|&&j| allow(i, j as usize))
                .map(|&j| (acc[j as usize], j)),
        );
        for &j in &touched {
            acc[j as usize] = 0.0;
        }
        touched.clear();
        let n = SHORTLIST.max(keep);
        let order = |a: &(f32, u32), b: &(f32, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
        if short.len() > n {
            short.select_nth_unstable_by(n, order);
            short.truncate(n);
        }
        for &(t, w) in v {
            if let Some(d) = dense.get_mut(t as usize) {
                *d = w;
            }
        }
        // A fresh, exactly sized list: the shortlist buffer is reused.
        let mut best: Vec<(f32, u32)> = Vec::with_capacity(short.len());
        best.extend(
            short
                .iter()
                .map(|&(_, j)| {
                    let other = &to[j as usize];
                    let (s, n) = dot_dense(&dense, other);
                    // A one-word overlap of a very short sentence, unless
                    // the word is all both have ("Conclusions" /
                    // "Conclusions").
                    let short = v.len().min(other.len()) <= SHORT_UNIT
                        && n <= 1
                        && v.len().max(other.len()) > n;
                    let s = if short { s * SHORT_OVERLAP } else { s };
                    ((1.0 - CONTEXT_WEIGHT) * s + bonus(i, j as usize), j)
                })
                .filter(|&(s, _)| s > 0.0),
        );
        for &(t, _) in v {
            if let Some(d) = dense.get_mut(t as usize) {
                *d = 0.0;
            }
        }
        best.sort_unstable_by(order);
        best.truncate(keep);
        best.shrink_to_fit();
        out.push(best);
        if i % step == 0 {
            progress(i as f32 / from.len().max(1) as f32);
        }
    }
    out
}

/// `dot_count` of a vector spread out by term (absent terms 0; vector
/// weights are never 0) and a sparse one: the same products, summed in the
/// same order (by term), so the same result to the bit.
fn dot_dense(dense: &[f32], b: &Vector) -> (f32, usize) {
    let (mut s, mut n) = (0f32, 0);
    for &(t, w) in b {
        let x = dense.get(t as usize).copied().unwrap_or(0.0);
        if x != 0.0 {
            s += x * w;
            n += 1;
        }
    }
    (s, n)
}

/// Dot product and number of shared terms.
#[cfg(test)]
fn dot_count(a: &Vector, b: &Vector) -> (f32, usize) {
    let (mut i, mut j, mut s, mut n) = (0, 0, 0f32, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (s, n)
}

/// Shared terms with their weight in the cosine, heaviest first.
pub(crate) fn shared(a: &Vector, b: &Vector) -> Vec<(f32, u32)> {
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push((a[i].1 * b[j].1, a[i].0));
                i += 1;
                j += 1;
            }
        }
    }
    // Terms are unique, so the order is total: no stable sort needed.
    out.sort_unstable_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
    out
}

/// The context similarity of passages: for each passage of `from`, its
/// best passages of `to` by cosine of the passages' vectors.
pub(crate) fn context(
    from: &[Vector],
    to: &[Vector],
    progress: &mut dyn FnMut(f32),
) -> FastMap<(u32, u32), f32> {
    let prune =
        |vs: &[Vector]| -> Vec<Vector> { vs.iter().map(|v| heaviest(v, CONTEXT_TERMS)).collect() };
    let (from, to) = (&prune(from)[..], &prune(to)[..]);
    let n_terms = from
        .iter()
        .chain(to)
        .flat_map(|v| v.iter().map(|&(t, _)| t as usize + 1))
        .max()
        .unwrap_or(0);
    let index = Index::new(to, n_terms);
    let ranked = rank(
        from,
        to,
        &index,
        CONTEXT_PARTNERS,
        &|_, _| true,
        &|_, _| 0.0,
        progress,
    );
    let mut out = FastMap::default();
    for (i, best) in ranked.into_iter().enumerate() {
        for (s, j) in best {
            out.insert((i as u32, j), s / (1.0 - CONTEXT_WEIGHT));
        }
    }
    out
}

/// Terms of a passage kept for its context vector: its heaviest ones, as
/// in pruned document similarity; the long tail costs time and says little.
const CONTEXT_TERMS: usize = 32;

/// The `n` heaviest terms of a vector, renormalised, sorted by term.
fn heaviest(v: &Vector, n: usize) -> Vector {
    if v.len() <= n {
        return v.clone();
    }
    let mut w = v.clone();
    w.select_nth_unstable_by(n, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    w.truncate(n);
    w.sort_unstable_by_key(|x| x.0);
    normalise(&mut w);
    w
}

/// Interns reason strings so that a candidate holds small numbers.
#[derive(Default)]
pub(crate) struct Reasons {
    pub vocab: Vec<String>,
    ids: FastMap<String, u32>,
    /// Reason of a term, once made.
    by_term: FastMap<u32, u32>,
}

impl Reasons {
    fn of_term(&mut self, t: u32, make: impl FnOnce() -> String) -> u32 {
        if let Some(&r) = self.by_term.get(&t) {
            return r;
        }
        let r = self.id(make());
        self.by_term.insert(t, r);
        r
    }

    /// Takes in another vocabulary's reasons; returns their ids here, by
    /// their ids there.
    pub fn absorb(&mut self, other: Reasons) -> Vec<u32> {
        other.vocab.into_iter().map(|s| self.id(s)).collect()
    }

    fn id(&mut self, s: String) -> u32 {
        if let Some(&i) = self.ids.get(&s) {
            return i;
        }
        let i = self.vocab.len() as u32;
        self.ids.insert(s.clone(), i);
        self.vocab.push(s);
        i
    }
}

/// Most reasons listed per candidate.
const MAX_REASONS: usize = 5;

/// Whether a term names an actor: an organisation, a user's group, an
/// acronym.
fn is_actor(an: &Analyzer<'_>, t: u32) -> bool {
    match an.terms[t as usize].kind {
        TermKind::Concept(g) => matches!(
            an.table().groups()[g].kind,
            GroupKind::Organisation | GroupKind::Defined | GroupKind::User
        ),
        TermKind::Acronym => true,
        _ => false,
    }
}

/// The alias groups among shared terms.
pub(crate) fn concepts(an: &Analyzer<'_>, shared: &[(f32, u32)]) -> Vec<usize> {
    shared
        .iter()
        .filter_map(|&(_, t)| match an.terms[t as usize].kind {
            TermKind::Concept(g) => Some(g),
            _ => None,
        })
        .collect()
}

/// Whether alias group `member` lies within region `region`, directly or
/// through regions in between (Syria, the Levant, the Middle East).
pub(crate) fn within(an: &Analyzer<'_>, member: usize, region: usize) -> bool {
    let mut frontier = vec![member];
    // Gazetteer regions nest a few levels at most; the bound keeps a
    // user's cyclic definitions from looping.
    for _ in 0..4 {
        let up: Vec<usize> = frontier
            .iter()
            .flat_map(|&g| an.parents(g).iter().copied())
            .collect();
        if up.contains(&region) {
            return true;
        }
        if up.is_empty() {
            return false;
        }
        frontier = up;
    }
    false
}

/// "place: Syria"; for a region the two sentences reach through what they
/// name, what each names in it: "place: Germany / Hungary, Poland (Central
/// Europe)", "place: Central Europe / Germany".
fn place_reason(an: &Analyzer<'_>, region: usize, a: &Vector, b: &Vector) -> String {
    let label = |g: usize| an.table().groups()[g].label.as_str();
    let named = |v: &Vector| -> String {
        let members: Vec<&str> = v
            .iter()
            .filter_map(|&(t, _)| match an.terms[t as usize].kind {
                TermKind::Concept(m) if m != region && within(an, m, region) => Some(label(m)),
                _ => None,
            })
            .collect();
        match members.len() {
            0 => label(region).to_owned(),
            1 | 2 => members.join(", "),
            _ => format!("{}, {}…", members[0], members[1]),
        }
    };
    let (x, y) = (named(a), named(b));
    let own = label(region);
    match (x == own, y == own) {
        (true, true) => format!("place: {own}"),
        (false, false) => format!("place: {x} / {y} ({own})"),
        _ => format!("place: {x} / {y}"),
    }
}

/// Reasons and hint of one candidate pair.
pub(crate) fn explain(
    sc: &Scorer<'_>,
    a: (&Vector, &Claim),
    b: (&Vector, &Claim),
    context: bool,
    reasons: &mut Reasons,
) -> (Vec<u32>, Option<Hint>) {
    let an = sc.an;
    let mut out = Vec::new();
    let mut anchor: Option<&str> = None;
    let mut anchor_actor = false;
    // A term in more than a tenth of all sentences is no topic term.
    let topical = |t: u32| (sc.df[t as usize] as usize) * 10 <= sc.units.max(10);
    let both = shared(a.0, b.0);
    // A family said once is enough: "aspect: growth and decline" already
    // says "related aspects: strength".
    let said: Vec<usize> = both
        .iter()
        .filter_map(|&(_, t)| match an.terms[t as usize].kind {
            TermKind::Aspect(x) => sc.lex.family_of(x),
            _ => None,
        })
        .collect();
    // A region whose member both name says nothing more: "place: Syria",
    // not "place: Syria", "place: Levant", "place: Middle East".
    let places = concepts(an, &both);
    let actors: Vec<(u32, &str)> = both
        .iter()
        .filter(|&&(_, t)| is_actor(an, t))
        .map(|&(_, t)| (t, an.terms[t as usize].display()))
        .collect();
    for (_, t) in both {
        let info = &an.terms[t as usize];
        if let TermKind::Aspect(x) = info.kind
            && sc.lex.family_of_term(x).is_some_and(|f| said.contains(&f))
        {
            continue;
        }
        if let TermKind::Concept(g) = info.kind
            && places.iter().any(|&m| m != g && within(an, m, g))
        {
            continue;
        }
        let full = out.len() >= MAX_REASONS;
        if full && anchor.is_some() {
            break;
        }
        let actor = is_actor(an, t);
        // An aspect word is what the claim says, not what it is about:
        // "growing" is no anchor for "same direction on growth".
        let aspect_word = sc
            .term_aspects
            .get(t as usize)
            .is_some_and(|a| !a.is_empty());
        if anchor.is_none()
            && (actor
                || (matches!(info.kind, TermKind::Stem | TermKind::Acronym)
                    && !info.generic
                    && !aspect_word
                    && topical(t)))
        {
            anchor = Some(info.display());
            anchor_actor = actor;
        }
        if full {
            continue;
        }
        let reason = match info.kind {
            TermKind::Sense(g) => {
                let word = |v: &Vector| {
                    v.iter()
                        .find(|&&(t, _)| sc.senses.get(t as usize) == Some(&Some(g)))
                        .map(|&(t, _)| an.terms[t as usize].display())
                };
                match (word(a.0), word(b.0)) {
                    (Some(x), Some(y)) if x != y => {
                        Some(reasons.id(format!("similar words: {x} / {y}")))
                    }
                    _ => None,
                }
            }
            _ if info.generic => None,
            // Its actor and aspect are reasons of their own.
            TermKind::Claim => None,
            // Which two aspects are related: "related aspects: growth and
            // decline / threat and capability".
            TermKind::Aspect(x) if sc.lex.family_of_term(x).is_some() => {
                let f = sc.lex.family_of_term(x);
                let one = |c: &Claim| {
                    c.aspects
                        .iter()
                        .find(|&&y| sc.lex.family_of(y as usize) == f)
                        .map(|&y| sc.lex.labels[y as usize].as_str())
                };
                match (one(a.1), one(b.1)) {
                    (Some(x), Some(y)) if x != y => {
                        Some(reasons.id(format!("related aspects: {x} / {y}")))
                    }
                    _ => Some(reasons.of_term(t, || info.display().to_owned())),
                }
            }
            // A region: what each names in it depends on the pair.
            TermKind::Concept(g) if !actor && !an.table().groups()[g].members.is_empty() => {
                Some(reasons.id(place_reason(an, g, a.0, b.0)))
            }
            kind => Some(reasons.of_term(t, || match kind {
                TermKind::Aspect(a) if sc.lex.is_secondary(a) => info.display().to_owned(),
                TermKind::Aspect(_) => format!("aspect: {}", info.display()),
                _ if actor => format!("actor: {}", info.display()),
                TermKind::Concept(_) => format!("place: {}", info.display()),
                _ => format!("term: {}", info.display()),
            })),
        };
        out.extend(reason);
    }
    if context && out.len() < MAX_REASONS {
        out.push(reasons.id("context: the passages around them match".to_owned()));
    }
    let hint = claims::hint(
        a.1,
        b.1,
        &claims::Shared {
            anchor,
            actor: anchor_actor,
            actors: &actors,
        },
        sc.lex,
    );
    (out, hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_and_shared_agree() {
        let a: Vector = vec![(1, 0.6), (3, 0.8)];
        let b: Vector = vec![(3, 1.0)];
        assert!((dot_count(&a, &b).0 - 0.8).abs() < 1e-6);
        assert_eq!(shared(&a, &b), vec![(0.8, 3)]);
        assert_eq!(dot_count(&a, &b).1, 1);
        let mut dense = vec![0f32; 4];
        for &(t, w) in &a {
            dense[t as usize] = w;
        }
        assert_eq!(dot_dense(&dense, &b), dot_count(&a, &b));
    }

    #[test]
    fn rank_keeps_best_first_and_respects_allow() {
        let from: Vec<Vector> = vec![vec![(0, 1.0)]];
        let to: Vec<Vector> = vec![vec![(0, 0.5), (1, 0.5)], vec![(0, 1.0)], vec![(0, 0.9)]];
        let idx = Index::new(&to, 2);
        let r = rank(
            &from,
            &to,
            &idx,
            2,
            &|_, j| j != 1,
            &|_, _| 0.0,
            &mut |_| {},
        );
        assert_eq!(r[0].iter().map(|x| x.1).collect::<Vec<_>>(), vec![2, 0]);
    }
}
