//! Pairs of passages, derived from sentence candidates: two passages pair
//! when a sentence of each is among the other's few best partners (mutual
//! ranks, so one broad sentence cannot become everyone's partner). A
//! passage can have several partners; titles and headings pair only with
//! titles and headings; footnotes, boilerplate and markup never pair.
//!
//! About 600 lines: deriving pairs and explaining them share their data and stay together.

use std::collections::BTreeMap;

use super::aliases::GroupKind;
use super::analyze::{Analyzer, PassageTerms, TermKind};
use super::candidates::{self, Index, Pool, Reasons, Scorer, Unit, Vector};
use super::claims::{self, Lexicon};
use super::fork;
use super::fxhash::FastMap;
use super::{Candidate, Pair, Sides as SidePair, Topic};
use crate::document::{Document, Sentence};

/// How many best partners of a sentence count as "mutual".
const MUTUAL_RANK: usize = 3;
/// Below this score a pair says nothing an analyst would act on.
const MIN_SCORE: f32 = 0.12;
/// Weight of a title or heading pair against a content pair.
const HEADING_FACTOR: f32 = 0.5;
/// Passage context at least this similar is named among the reasons.
const CONTEXT_REASON: f32 = 0.2;
/// Most terms listed to explain a pair.
const MAX_EXPLAIN: usize = 6;

/// A sentence after tokenising, before its claim is read.
pub(crate) struct RawUnit {
    pub sentence: usize,
    /// Byte range of the sentence in the document's text.
    pub range: (usize, usize),
    pub passage: usize,
    pub pool: Pool,
    /// In an abstract or conclusion, or opening with "in sum": where a
    /// report states its case.
    pub thesis: bool,
    /// A thesis sentence that opens its paragraph or says it sums up.
    pub lead: bool,
    pub terms: PassageTerms,
}

/// Both documents with their sentences and analysed units.
pub(crate) struct Sides<'a> {
    pub docs: (&'a Document, &'a Document),
    pub sentences: (&'a [Sentence], &'a [Sentence]),
    pub units: (Vec<RawUnit>, Vec<RawUnit>),
}

/// What the sentence stage yields.
pub(crate) struct Found {
    pub pairs: Vec<Pair>,
    pub candidates: SidePair<Vec<Vec<Candidate>>>,
    pub reasons: Vec<String>,
}

/// The WordNet sense group of each stem term.
struct Senses<'a> {
    of_term: &'a [Option<u32>],
    lex: &'a Lexicon,
}

impl Senses<'_> {
    fn label(&self, g: u32) -> String {
        let members = self
            .lex
            .sense_members
            .get(&g)
            .map_or(&[][..], Vec::as_slice);
        let shown: Vec<&str> = members.iter().take(3).copied().collect();
        format!("similar words: {}", shown.join(", "))
    }
}

/// Organisation mentions remembered for resolving "the group".
const RECENT_ACTORS: usize = 8;

/// Phrases that stand for the main actor of the passage or document.
const ANAPHORA: &[&str] = &[
    "the organization",
    "the organisation",
    "the group",
    "the movement",
    "the network",
    "the insurgents",
];

/// The most named actor (organisation or acronym group) among units.
fn main_actor(an: &Analyzer<'_>, units: &[RawUnit]) -> Option<usize> {
    // A title names what the document is about: its actor, when it names
    // one, is the subject even if the text names the parent organisation
    // more often.
    let titled: Vec<usize> = units
        .iter()
        .filter(|u| u.pool == Pool::Title)
        .flat_map(|u| u.terms.actors.iter().copied())
        .collect();
    if let Some(&g) = titled.first()
        && titled.iter().all(|&x| x == g)
    {
        return Some(g);
    }
    let mut count: BTreeMap<usize, u32> = BTreeMap::new();
    for u in units {
        for &g in &u.terms.groups {
            if matches!(
                an.table().groups()[g].kind,
                GroupKind::Organisation | GroupKind::Defined | GroupKind::User
            ) {
                *count.entry(g).or_default() += 1;
            }
        }
    }
    let best = count.values().copied().max()?;
    let mut top = count.iter().filter(|(_, n)| **n == best);
    let (&g, _) = top.next()?;
    // Ambiguous when two actors are named as often.
    top.next().is_none().then_some(g)
}

/// Reads claims, adds aspects and the resolved actor to each unit: "the
/// organization", "the group", "it" stand for the organisation named last
/// before the sentence, else the document's main actor.
fn claims_of(
    an: &mut Analyzer<'_>,
    lex: &Lexicon,
    term_aspects: &[Vec<u16>],
    senses: &Senses<'_>,
    doc: &Document,
    raw: Vec<RawUnit>,
) -> Vec<Unit> {
    let doc_actor = main_actor(an, &raw);
    // Organisations named in the last few sentences, latest last.
    let mut recent: Vec<usize> = Vec::new();
    // The organisation named last in the current passage.
    let mut passage_actor: Option<(usize, usize)> = None;
    let mut stems = crate::align::tokens::StemCache::new();
    // The term of each sense group, once made: its label is formatted and
    // interned once, not once per sentence.
    let mut sense_terms: FastMap<u32, u32> = FastMap::default();
    let mut out = Vec::with_capacity(raw.len());
    for u in raw {
        let text = doc.text.get(u.range.0..u.range.1).unwrap_or("");
        let mut aspects: Vec<u16> = u
            .terms
            .terms
            .iter()
            .filter_map(|&(t, _)| term_aspects.get(t as usize))
            .flatten()
            .copied()
            .collect();
        aspects.sort_unstable();
        aspects.dedup();
        let mut terms = u.terms.terms.clone();
        for &(t, _) in &u.terms.terms {
            if let Some(&Some(g)) = senses.of_term.get(t as usize) {
                let id = *sense_terms
                    .entry(g)
                    .or_insert_with(|| an.sense_term(g, &senses.label(g)));
                terms.push((id, 1.0));
            }
        }
        let mut families: Vec<usize> = Vec::new();
        for &a in &aspects {
            let id = an.aspect_term(a as usize, &lex.labels[a as usize]);
            terms.push((id, 1.0));
            if let Some(f) = lex.family_of(a as usize)
                && !families.contains(&f)
            {
                families.push(f);
            }
        }
        for f in families {
            let (index, label) = lex.family_term(f);
            terms.push((an.aspect_term(index, &label), 1.0));
        }
        if u.thesis {
            let (index, label) = lex.thesis_term();
            terms.push((an.aspect_term(index, label), 1.0));
        }
        let mut actors: Vec<u32> = u.terms.actors.iter().map(|&g| an.concept_term(g)).collect();
        // The document's main actor is the likeliest referent while it is
        // in view; else the organisation named last.
        let referent = doc_actor
            .filter(|g| recent.contains(g))
            .or_else(|| recent.last().copied())
            .or(doc_actor);
        if u.terms.actors.is_empty()
            && let Some(g) = referent
            && refers_back(text)
        {
            let id = an.concept_term(g);
            terms.push((id, 1.0));
            actors.push(id);
        } else if u.terms.actors.is_empty()
            && let Some((p, g)) = passage_actor
            && p == u.passage
        {
            // A sentence that names no actor, in a paragraph about one,
            // makes its claim about that actor ("This financial hub now
            // struggles…"). It counts for the claim (actor × aspect), not
            // as a word of the sentence: it was not written.
            actors.push(an.concept_term(g));
        }
        if let Some(&g) = u.terms.actors.last() {
            passage_actor = Some((u.passage, g));
        }
        recent.extend_from_slice(&u.terms.actors);
        if recent.len() > RECENT_ACTORS {
            recent.drain(..recent.len() - RECENT_ACTORS);
        }
        actors.sort_unstable();
        actors.dedup();
        // Who each direction word can be said of.
        let named: Vec<(usize, u32)> = u
            .terms
            .actor_at
            .iter()
            .zip(&u.terms.actors)
            .filter_map(|(&at, &g)| Some((at.checked_sub(u.range.0)?, an.concept_term(g))))
            .collect();
        let mentions = claims::Mentions {
            named: &named,
            referent: referent.map(|g| an.concept_term(g)),
            otherwise: match actors[..] {
                [only] if named.is_empty() => Some(only),
                _ => None,
            },
        };
        // Who × what, at the level of aspect families: "IS-K is not
        // expanding" and "IS-K may become the most significant threat"
        // both assess IS-K's strength.
        let mut fams: Vec<usize> = aspects
            .iter()
            .filter_map(|&x| lex.family_of(x as usize))
            .collect();
        fams.sort_unstable();
        fams.dedup();
        for &a in &actors {
            for &f in &fams {
                let (index, family) = lex.family_term(f);
                let label = format!("{} × {family}", an.terms[a as usize].display());
                terms.push((an.claim_term(a, index, &label), 1.0));
            }
        }
        terms.sort_unstable_by_key(|t| t.0);
        terms.dedup_by(|b, a| {
            if a.0 == b.0 {
                a.1 += b.1;
                true
            } else {
                false
            }
        });
        out.push(Unit {
            sentence: u.sentence,
            passage: u.passage,
            pool: u.pool,
            terms,
            actors,
            thesis: u.thesis,
            lead: u.lead,
            claim: claims::claim_about(text, &mentions, aspects, lex, &mut stems),
        });
    }
    out
}

/// Whether a sentence speaks of an actor named before it.
fn refers_back(text: &str) -> bool {
    let lower = text.to_lowercase();
    let first = lower
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    matches!(first, "it" | "its" | "they" | "their") || ANAPHORA.iter().any(|a| lower.contains(a))
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn build(
    an: &mut Analyzer<'_>,
    lex: &Lexicon,
    term_aspects: &[Vec<u16>],
    sides: Sides<'_>,
    topics: &[Topic],
    covers: &[Vec<usize>],
    keep: usize,
    progress: &mut dyn FnMut(f32),
) -> Found {
    let keys = an.stem_keys();
    let term_senses: Vec<Option<u32>> = keys.iter().map(|k| lex.sense_of_stem(k)).collect();
    drop(keys);
    let passage_lex = lex;
    let senses = Senses {
        of_term: &term_senses,
        lex,
    };
    let (ld, rd) = sides.docs;
    let (lraw, rraw) = sides.units;
    let mut lu = claims_of(an, lex, term_aspects, &senses, ld, lraw);
    let mut ru = claims_of(an, lex, term_aspects, &senses, rd, rraw);
    let an: &Analyzer<'_> = an;
    let (idf, df) = candidates::idf(an, lex, &lu, &ru);
    let scorer = Scorer {
        an,
        lex,
        idf,
        df,
        units: lu.len() + ru.len(),
        senses: &term_senses,
        term_aspects,
    };
    // The counts are not needed once weighted: each is freed as its vector
    // is made.
    let vectors = |units: &mut [Unit]| -> Vec<Vector> {
        units
            .iter_mut()
            .map(|u| scorer.vector(&std::mem::take(&mut u.terms)))
            .collect()
    };
    let lv = vectors(&mut lu);
    let rv = vectors(&mut ru);
    progress(0.1);

    // Passage context: each passage's sentence vectors summed.
    let (lpos, lpv) = passage_vectors(&lu, &lv);
    let (rpos, rpv) = passage_vectors(&ru, &rv);
    let (mut ctx, ctx_rl) = fork::both(
        || candidates::context(&lpv, &rpv, &mut |f| progress(0.1 + 0.2 * f)),
        || candidates::context(&rpv, &lpv, &mut |_| {}),
    );
    for ((r, l), s) in ctx_rl {
        let slot = ctx.entry((l, r)).or_insert(0.0);
        *slot = slot.max(s);
    }
    let bonus_lr = |i: usize, j: usize| {
        ctx.get(&(lpos[i], rpos[j]))
            .map_or(0.0, |s| candidates::CONTEXT_WEIGHT * s)
            + candidates::claim_bonus(&lu[i], &ru[j], lex)
    };
    let bonus_rl = |i: usize, j: usize| bonus_lr(j, i);
    let allow_lr = |i: usize, j: usize| lu[i].pool == ru[j].pool;
    let allow_rl = |i: usize, j: usize| ru[i].pool == lu[j].pool;
    let rank_keep = keep.max(MUTUAL_RANK);
    let n_terms = an.terms.len();
    let (lbest, rbest) = fork::both(
        || {
            let r_index = Index::new(&rv, n_terms);
            candidates::rank(
                &lv,
                &rv,
                &r_index,
                rank_keep,
                &allow_lr,
                &bonus_lr,
                &mut |f| progress(0.3 + 0.6 * f),
            )
        },
        || {
            let l_index = Index::new(&lv, n_terms);
            candidates::rank(
                &rv,
                &lv,
                &l_index,
                rank_keep,
                &allow_rl,
                &bonus_rl,
                &mut |_| {},
            )
        },
    );

    let pairs = passage_pairs(
        an,
        passage_lex,
        &lu,
        &ru,
        &lbest,
        &rbest,
        (&lpos, &lpv),
        (&rpos, &rpv),
        (&lv, &rv),
        (topics, covers),
    );
    drop((lpv, rpv));

    let out = |from: &[Unit],
               to: &[Unit],
               fv: &[Vector],
               tv: &[Vector],
               best: &[Vec<(f32, u32)>],
               n: usize,
               from_left: bool,
               reasons: &mut Reasons| {
        let mut all: Vec<Vec<Candidate>> = vec![Vec::new(); n];
        if keep == 0 {
            return all;
        }
        for (i, b) in best.iter().enumerate() {
            let list = b
                .iter()
                .take(keep)
                .map(|&(s, j)| {
                    let (ju, jv) = (&to[j as usize], &tv[j as usize]);
                    let key = if from_left {
                        (lpos[i], rpos[j as usize])
                    } else {
                        (lpos[j as usize], rpos[i])
                    };
                    let ctx_shared = ctx.get(&key).is_some_and(|&c| c >= CONTEXT_REASON);
                    let (why, hint) = candidates::explain(
                        &scorer,
                        (&fv[i], &from[i].claim),
                        (jv, &ju.claim),
                        ctx_shared,
                        reasons,
                    );
                    Candidate {
                        other: ju.sentence as u32,
                        score: s.clamp(0.0, 1.0),
                        reasons: why.into_boxed_slice(),
                        hint: hint.map(Box::new),
                    }
                })
                .collect();
            all[from[i].sentence] = list;
        }
        all
    };
    let ((left, mut reasons), (mut right, theirs)) = fork::both(
        || {
            let mut reasons = Reasons::default();
            let n = sides.sentences.0.len();
            let list = out(&lu, &ru, &lv, &rv, &lbest, n, true, &mut reasons);
            (list, reasons)
        },
        || {
            let mut reasons = Reasons::default();
            let n = sides.sentences.1.len();
            let list = out(&ru, &lu, &rv, &lv, &rbest, n, false, &mut reasons);
            (list, reasons)
        },
    );
    // One vocabulary, in the order of first use, left then right.
    let ids = reasons.absorb(theirs);
    for c in right.iter_mut().flatten() {
        for r in c.reasons.iter_mut() {
            *r = ids[*r as usize];
        }
    }
    progress(1.0);
    Found {
        pairs,
        candidates: SidePair { left, right },
        reasons: reasons.vocab,
    }
}

/// For each unit, the index of its passage's vector; and the vectors.
fn passage_vectors(units: &[Unit], vectors: &[Vector]) -> (Vec<u32>, Vec<Vector>) {
    let mut pos = Vec::with_capacity(units.len());
    let mut out: Vec<Vector> = Vec::new();
    let mut last: Option<usize> = None;
    let mut acc: BTreeMap<u32, f32> = BTreeMap::new();
    for (u, v) in units.iter().zip(vectors) {
        if last != Some(u.passage) {
            if last.is_some() {
                out.push(finish(&mut acc));
            }
            last = Some(u.passage);
        }
        for &(t, w) in v {
            *acc.entry(t).or_default() += w;
        }
        pos.push(out.len() as u32);
    }
    if last.is_some() {
        out.push(finish(&mut acc));
    }
    (pos, out)
}

fn finish(acc: &mut BTreeMap<u32, f32>) -> Vector {
    let mut v: Vector = std::mem::take(acc).into_iter().collect();
    candidates::normalise(&mut v);
    v
}

/// Passage pairs from mutual sentence candidates.
#[allow(clippy::too_many_arguments)]
fn passage_pairs(
    an: &Analyzer<'_>,
    lex: &Lexicon,
    lu: &[Unit],
    ru: &[Unit],
    lbest: &[Vec<(f32, u32)>],
    rbest: &[Vec<(f32, u32)>],
    (lpos, lpv): (&[u32], &[Vector]),
    (rpos, rpv): (&[u32], &[Vector]),
    (lv, rv): (&[Vector], &[Vector]),
    (topics, covers): (&[Topic], &[Vec<usize>]),
) -> Vec<Pair> {
    // (left passage, right passage) → (score, left sentences, right
    // sentences, best left unit, best right unit).
    type Acc = (f32, Vec<usize>, Vec<usize>, usize, usize);
    let mut found: BTreeMap<(usize, usize), Acc> = BTreeMap::new();
    for (i, best) in lbest.iter().enumerate() {
        for &(s, j) in best.iter().take(MUTUAL_RANK) {
            let j = j as usize;
            let mutual = rbest[j]
                .iter()
                .take(MUTUAL_RANK)
                .any(|&(_, x)| x as usize == i);
            if !mutual || s < MIN_SCORE {
                continue;
            }
            let e = found.entry((lu[i].passage, ru[j].passage)).or_insert((
                0.0,
                Vec::new(),
                Vec::new(),
                i,
                j,
            ));
            // A heading pair says less than a content pair: a shared word
            // ("Conclusions") is not a shared claim.
            let s = if lu[i].pool != Pool::Content {
                s * HEADING_FACTOR
            } else {
                s
            };
            if s > e.0 {
                (e.0, e.3, e.4) = (s, i, j);
            }
            if !e.1.contains(&lu[i].sentence) {
                e.1.push(lu[i].sentence);
            }
            if !e.2.contains(&ru[j].sentence) {
                e.2.push(ru[j].sentence);
            }
        }
    }
    let membership = |side_left: bool, count: usize| {
        let mut m: Vec<Vec<usize>> = vec![Vec::new(); count];
        for (i, t) in topics.iter().enumerate() {
            let list = if side_left { &t.left } else { &t.right };
            for &p in list {
                if let Some(slot) = m.get_mut(p) {
                    slot.push(i);
                }
            }
        }
        m
    };
    let max_passage = |us: &[Unit]| us.iter().map(|u| u.passage + 1).max().unwrap_or(0);
    let left_topics = membership(true, max_passage(lu));
    let right_topics = membership(false, max_passage(ru));
    let mut pairs: Vec<Pair> = found
        .into_iter()
        .map(|((lp, rp), (s, mut ls, mut rs, bi, bj))| {
            ls.sort_unstable();
            rs.sort_unstable();
            let both: Vec<usize> = left_topics[lp]
                .iter()
                .copied()
                .filter(|t| right_topics[rp].binary_search(t).is_ok())
                .collect();
            // "Syria" already says "Levant" and "Middle East".
            let topics: Vec<usize> = both
                .iter()
                .copied()
                .filter(|&t| {
                    !covers
                        .get(t)
                        .is_some_and(|c| c.iter().any(|m| both.contains(m)))
                })
                .take(MAX_EXPLAIN)
                .collect();
            let mut terms = explain(an, lex, &lv[bi], &rv[bj]);
            for w in explain(an, lex, &lpv[lpos[bi] as usize], &rpv[rpos[bj] as usize]) {
                if terms.len() < MAX_EXPLAIN && !terms.contains(&w) {
                    terms.push(w);
                }
            }
            Pair {
                left: lp,
                right: rp,
                score: f64::from(s).clamp(0.0, 1.0),
                topics,
                terms,
                left_sentences: ls,
                right_sentences: rs,
            }
        })
        .collect();
    pairs.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.left.cmp(&b.left))
            .then(a.right.cmp(&b.right))
    });
    pairs
}

/// The shared terms that contribute most to the cosine, as readable words:
/// alias groups by label, aspects by name, stems by their most frequent
/// spelling.
fn explain(an: &Analyzer<'_>, lex: &Lexicon, a: &Vector, b: &Vector) -> Vec<String> {
    let shared = candidates::shared(a, b);
    let groups = an.table().groups();
    let concepts = candidates::concepts(an, &shared);
    let mut out: Vec<String> = Vec::new();
    for (_, t) in shared {
        let info = &an.terms[t as usize];
        // A region is no explanation when one of its countries is.
        if let TermKind::Concept(g) = info.kind
            && concepts
                .iter()
                .any(|&m| m != g && candidates::within(an, m, g))
        {
            continue;
        }
        let word = match info.kind {
            TermKind::Concept(g) => groups[g].label.clone(),
            // Synonym senses, aspect families and the summing-up role
            // weigh in the score but say little in a list of terms.
            TermKind::Sense(_) | TermKind::Claim => continue,
            TermKind::Aspect(x) if lex.is_secondary(x) => continue,
            TermKind::Aspect(_) => info.display().to_owned(),
            _ if an.is_generic(t) => continue,
            _ => info.display().to_owned(),
        };
        if !out.contains(&word) {
            out.push(word);
        }
        if out.len() == MAX_EXPLAIN {
            break;
        }
    }
    out
}
