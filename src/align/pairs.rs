//! Pairs: TF-IDF cosine between content passages over alias-merged, stemmed
//! terms, computed through an inverted index of the right side (only
//! passages sharing a term are ever compared). Hubs are controlled by mutual
//! ranks: a pair is kept only if each passage is among the other's few best
//! matches, so one broad passage cannot become everyone's partner.

use super::analyze::{Analyzer, PassageTerms, TermKind};
use super::{Pair, Topic};

/// How many best matches of each passage count as "mutual".
const MUTUAL_RANK: usize = 3;
/// Below this cosine a pair says nothing an analyst would act on.
const MIN_SCORE: f64 = 0.08;
/// Alias groups weigh more than words: they are what bridges two reports'
/// different vocabularies ("Central Asians" / "Uzbeks, Tajiks").
const CONCEPT_WEIGHT: f32 = 1.5;
/// Most terms listed to explain a pair.
const MAX_EXPLAIN: usize = 6;

/// A passage's L2-normalised TF-IDF vector, sorted by term id.
type Vector = Vec<(u32, f32)>;

pub(crate) fn build(
    an: &Analyzer<'_>,
    left: &[PassageTerms],
    right: &[PassageTerms],
    topics: &[Topic],
    covers: &[Vec<usize>],
    progress: &mut dyn FnMut(f32),
) -> Vec<Pair> {
    if left.is_empty() || right.is_empty() {
        return Vec::new();
    }
    let n_terms = an.terms.len();
    let mut df = vec![0u32; n_terms];
    for p in left.iter().chain(right) {
        for &(t, _) in &p.terms {
            df[t as usize] += 1;
        }
    }
    let n = (left.len() + right.len()) as f64;
    let idf: Vec<f32> = df
        .iter()
        .zip(&an.terms)
        .map(|(&d, info)| {
            let idf = ((n + 1.0) / (f64::from(d) + 1.0)).ln() as f32 + 1.0;
            match info.kind {
                TermKind::Concept(_) => idf * CONCEPT_WEIGHT,
                _ => idf,
            }
        })
        .collect();
    // Inverted index of the right side, flat: postings of term t are
    // entries[starts[t]..starts[t + 1]]. Vectors are computed on the fly and
    // never all kept: a book has thousands of passages.
    let mut starts = vec![0usize; n_terms + 1];
    for p in right {
        for &(t, _) in &p.terms {
            starts[t as usize + 1] += 1;
        }
    }
    for t in 0..n_terms {
        starts[t + 1] += starts[t];
    }
    let mut fill = starts.clone();
    let mut entries = vec![(0u32, 0f32); starts[n_terms]];
    for (r, p) in right.iter().enumerate() {
        for (t, w) in vector(p, &idf) {
            entries[fill[t as usize]] = (r as u32, w);
            fill[t as usize] += 1;
        }
    }

    // Best matches of each passage: (score, other index), best first.
    let mut best_left: Vec<Best> = vec![Best::default(); left.len()];
    let mut best_right: Vec<Best> = vec![Best::default(); right.len()];
    let mut acc = vec![0f32; right.len()];
    let mut touched: Vec<u32> = Vec::new();
    let step = (left.len() / 20).max(1);
    for (l, p) in left.iter().enumerate() {
        for (t, w) in vector(p, &idf) {
            for &(r, rw) in &entries[starts[t as usize]..starts[t as usize + 1]] {
                if acc[r as usize] == 0.0 {
                    touched.push(r);
                }
                acc[r as usize] += w * rw;
            }
        }
        for &r in &touched {
            let s = acc[r as usize];
            acc[r as usize] = 0.0;
            best_left[l].offer(s, r);
            best_right[r as usize].offer(s, l as u32);
        }
        touched.clear();
        if l % step == 0 {
            progress(l as f32 / left.len() as f32);
        }
    }
    drop((acc, entries, starts, fill));

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
    let max_passage = |ps: &[PassageTerms]| ps.iter().map(|p| p.passage + 1).max().unwrap_or(0);
    let left_topics = membership(true, max_passage(left));
    let right_topics = membership(false, max_passage(right));

    let mut pairs = Vec::new();
    for (l, best) in best_left.iter().enumerate() {
        for &(s, r) in best.iter() {
            let mutual = best_right[r as usize].iter().any(|&(_, x)| x as usize == l);
            if !mutual || f64::from(s) < MIN_SCORE {
                continue;
            }
            let (lp, rp) = (left[l].passage, right[r as usize].passage);
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
            pairs.push(Pair {
                left: lp,
                right: rp,
                score: f64::from(s).clamp(0.0, 1.0),
                topics,
                terms: explain(
                    an,
                    &vector(&left[l], &idf),
                    &vector(&right[r as usize], &idf),
                ),
            });
        }
    }
    pairs.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.left.cmp(&b.left))
            .then(a.right.cmp(&b.right))
    });
    progress(1.0);
    pairs
}

/// Sublinear TF times IDF, L2-normalised, so the dot product is a cosine in
/// [0, 1].
fn vector(p: &PassageTerms, idf: &[f32]) -> Vector {
    let mut v: Vector = p
        .terms
        .iter()
        .map(|&(t, tf)| {
            let damped = if tf >= 1.0 { 1.0 + tf.ln() } else { tf };
            (t, damped * idf[t as usize])
        })
        .collect();
    let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, w) in &mut v {
            *w /= norm;
        }
    }
    v
}

/// The `MUTUAL_RANK` best (score, index) offers to one passage, best
/// first; a fixed array, since every passage has one.
#[derive(Debug, Clone, Copy, Default)]
struct Best {
    items: [(f32, u32); MUTUAL_RANK],
    len: usize,
}

impl Best {
    /// Ties go to the lower index, which is the earlier passage.
    fn offer(&mut self, score: f32, idx: u32) {
        let better = |a: (f32, u32), b: (f32, u32)| a.0 > b.0 || (a.0 == b.0 && a.1 < b.1);
        let at = self.items[..self.len]
            .iter()
            .position(|&b| better((score, idx), b))
            .unwrap_or(self.len);
        if at == MUTUAL_RANK {
            return;
        }
        let last = self.len.min(MUTUAL_RANK - 1);
        self.items.copy_within(at..last, at + 1);
        self.items[at] = (score, idx);
        self.len = (self.len + 1).min(MUTUAL_RANK);
    }

    fn iter(&self) -> std::slice::Iter<'_, (f32, u32)> {
        self.items[..self.len].iter()
    }
}

/// The shared terms that contribute most to the cosine, as readable words:
/// alias groups by label, stems by their most frequent spelling.
fn explain(an: &Analyzer<'_>, a: &Vector, b: &Vector) -> Vec<String> {
    let mut shared: Vec<(f32, u32)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared.push((a[i].1 * b[j].1, a[i].0));
                i += 1;
                j += 1;
            }
        }
    }
    shared.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
    let groups = an.table().groups();
    let concepts: Vec<usize> = shared
        .iter()
        .filter_map(|&(_, t)| match an.terms[t as usize].kind {
            TermKind::Concept(g) => Some(g),
            _ => None,
        })
        .collect();
    let mut out: Vec<String> = Vec::new();
    for (_, t) in shared {
        let info = &an.terms[t as usize];
        // A region is no explanation when one of its countries is.
        if let TermKind::Concept(g) = info.kind
            && groups[g].members.iter().any(|m| concepts.contains(m))
        {
            continue;
        }
        let word = match info.kind {
            TermKind::Concept(g) => an.table().groups()[g].label.clone(),
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
