//! Re-anchoring: finding a tag's quote again in a document that changed since
//! the tag was made. Pure, and bounded so that a 3 MB document stays fast.
//!
//! The approach follows the one Hypothesis uses for web annotations: try the
//! recorded position, then exact occurrences of the quote, then an
//! approximate (edit distance) search in a window around the old position,
//! then across the whole document; every candidate is scored on quote,
//! prefix, suffix and position similarity. Two things differ:
//!
//! * A candidate is only accepted with enough *evidence*: matching characters
//!   of quote and context beyond what unrelated text would share by chance.
//!   A short quote ("Conclusion") found elsewhere without its context is not
//!   evidence, so the tag is orphaned rather than attached to the wrong text.
//! * The whole-document search does not run the edit distance over the whole
//!   text. One pass over the text with a rolling hash collects hits of short
//!   seeds (8-character pieces of every remaining quote), votes them onto
//!   diagonals, and only the best few windows are searched. A passage
//!   rewritten so thoroughly that no seed survives is orphaned, which is the
//!   safe outcome.
//!
//! Edit distances use Myers' bit-parallel algorithm in its block form, so a
//! window costs `window length × ⌈quote length / 64⌉` word operations.
//!
//! Over 700 lines: the exact, fuzzy and bounded searches are one algorithm with its
//! guards; its unit tests are about 160 lines of it.

use std::collections::HashMap;

use super::anchor::{Anchor, CONTEXT_CHARS};
use super::model::{DocumentMismatch, DocumentRef, DocumentStatus, Side, TagSet};
use crate::document::Document;

/// Smallest quote similarity (1 − errors / quote length) accepted.
pub const MIN_QUOTE_SIMILARITY: f64 = 0.75;

/// Characters of matching evidence (quote plus context, beyond chance) needed
/// to accept a candidate.
const MIN_EVIDENCE: f64 = 32.0;

/// Length of the seeds used by the whole-document search.
const SEED: usize = 8;

/// At most this many seeds are taken from one quote.
const MAX_SEEDS: usize = 64;

/// A seed that occurs more often than this in the document says nothing
/// about where the quote is; further hits are ignored.
const MAX_SEED_HITS: u32 = 512;

/// Diagonals are bucketed this wide when voting.
const BUCKET: usize = 64;

/// Windows searched per quote by the whole-document pass.
const FAR_WINDOWS: usize = 4;

/// Exact occurrences of a quote considered; more than this means the quote
/// says little by itself and context decides among the first ones.
const MAX_OCCURRENCES: usize = 1000;

/// What an [`AnchorState`] (or a whole tag, both sides together) amounts to
/// for the analyst: the status the reader, the review panel and the exports
/// show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AnchorKind {
    /// At its recorded offsets, with its recorded text.
    Anchored,
    /// Found elsewhere or slightly changed; offsets are the current ones.
    Moved,
    /// Not found: the quote and offsets are the old ones.
    Orphaned,
}

impl AnchorKind {
    pub fn name(self) -> &'static str {
        match self {
            AnchorKind::Anchored => "anchored",
            AnchorKind::Moved => "moved",
            AnchorKind::Orphaned => "orphaned",
        }
    }

    /// A tag's status from its two sides: orphaned if either side is,
    /// else moved if either moved.
    pub fn of_tag(sides: &[AnchorState; 2]) -> AnchorKind {
        let kinds = sides.map(AnchorState::kind);
        if kinds.contains(&AnchorKind::Orphaned) {
            AnchorKind::Orphaned
        } else if kinds.contains(&AnchorKind::Moved) {
            AnchorKind::Moved
        } else {
            AnchorKind::Anchored
        }
    }
}

impl AnchorState {
    pub fn kind(self) -> AnchorKind {
        match self {
            AnchorState::Anchored => AnchorKind::Anchored,
            AnchorState::Moved { .. } => AnchorKind::Moved,
            AnchorState::Orphaned => AnchorKind::Orphaned,
        }
    }
}

/// Where an anchor ended up in the current text of its document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnchorState {
    /// At its recorded offsets, with the recorded quote.
    Anchored,
    /// Found confidently elsewhere, or slightly changed. Offsets in code
    /// points of the current text.
    Moved {
        start: usize,
        end: usize,
        /// Combined score of quote, context and position, 0–100.
        confidence: u8,
        /// Whether the quote itself differs from the recorded one.
        quote_changed: bool,
    },
    /// No confident match: the tag keeps its old anchor and awaits review.
    Orphaned,
}

impl AnchorState {
    pub fn name(&self) -> &'static str {
        match self {
            AnchorState::Anchored => "anchored",
            AnchorState::Moved { .. } => "moved",
            AnchorState::Orphaned => "orphaned",
        }
    }

    /// The range the anchor now covers, if it has one.
    pub fn range(&self, anchor: &Anchor) -> Option<(usize, usize)> {
        match *self {
            AnchorState::Anchored => Some((anchor.start, anchor.end)),
            AnchorState::Moved { start, end, .. } => Some((start, end)),
            AnchorState::Orphaned => None,
        }
    }
}

/// A document's current text prepared for re-anchoring many anchors.
pub struct AnchorText {
    text: String,
    chars: Vec<char>,
}

impl AnchorText {
    pub fn new(text: &str) -> AnchorText {
        AnchorText {
            text: text.to_string(),
            chars: text.chars().collect(),
        }
    }

    pub fn chars(&self) -> &[char] {
        &self.chars
    }

    /// A fresh anchor (quote and context from the current text) for a range
    /// found by re-anchoring.
    pub fn anchor(&self, start: usize, end: usize) -> Option<Anchor> {
        Anchor::for_chars(&self.chars, start, end)
    }
}

/// Re-anchors one anchor. For many anchors on one document use
/// [`reanchor_all`], which shares the whole-document pass.
pub fn reanchor(text: &AnchorText, anchor: &Anchor) -> AnchorState {
    reanchor_all(text, &[anchor])[0]
}

/// Re-anchors every anchor against the current text; one state per anchor,
/// in order.
pub fn reanchor_all(text: &AnchorText, anchors: &[&Anchor]) -> Vec<AnchorState> {
    let mut states = vec![AnchorState::Orphaned; anchors.len()];
    let mut far = Vec::new();
    for (i, a) in anchors.iter().enumerate() {
        let quote: Vec<char> = a.exact.chars().collect();
        if quote.is_empty() {
            continue;
        }
        let q = Quote::new(a, quote);
        match q.locate_near(text) {
            Some(s) => states[i] = s.state(a),
            None => far.push((i, q)),
        }
    }
    for (i, found) in search_far(text, &far) {
        states[i] = found.state(anchors[i]);
    }
    states
}

/// Where every tag of `set` points in the open documents: both sides of
/// each tag, in tag order. Sides whose document is unchanged are anchored as
/// recorded; changed ones are re-anchored. Refuses documents the tag set was
/// not made for. Whole-document work: run it off the UI thread.
pub fn reanchor_tagset(
    set: &TagSet,
    left: &Document,
    right: &Document,
) -> Result<Vec<[AnchorState; 2]>, Box<DocumentMismatch>> {
    let status = set.check_documents(&DocumentRef::of(left), &DocumentRef::of(right))?;
    let mut out = vec![[AnchorState::Anchored; 2]; set.tags.len()];
    for (side, doc) in [(Side::Left, left), (Side::Right, right)] {
        let text = AnchorText::new(&doc.text);
        // With the document unchanged an anchor should quote its range
        // exactly; one that does not (offsets past the end, a hand-edited
        // file) is searched for like an anchor in an edited document, and
        // orphaned if its quote is not found.
        let todo: Vec<usize> = (0..set.tags.len())
            .filter(|&i| {
                status[side.index()] != DocumentStatus::Unchanged
                    || !quotes_its_range(set.tags[i].anchor(side), text.chars())
            })
            .collect();
        if todo.is_empty() {
            continue;
        }
        let anchors: Vec<&Anchor> = todo.iter().map(|&i| set.tags[i].anchor(side)).collect();
        for (&i, state) in todo.iter().zip(reanchor_all(&text, &anchors)) {
            out[i][side.index()] = state;
        }
    }
    Ok(out)
}

/// Whether `anchor`'s recorded range lies in the text and holds its quote.
fn quotes_its_range(anchor: &Anchor, chars: &[char]) -> bool {
    anchor.start <= anchor.end
        && anchor.end <= chars.len()
        && anchor.end - anchor.start == anchor.exact.chars().count()
        && chars[anchor.start..anchor.end]
            .iter()
            .copied()
            .eq(anchor.exact.chars())
}

/// What re-anchoring a tag set found: each tag's two states, and how many
/// tags moved and how many are orphaned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reanchored {
    pub states: Vec<[AnchorState; 2]>,
    pub moved: usize,
    pub orphaned: usize,
}

/// Re-anchors a tag set against the documents as they are now and points
/// moved anchors at their new place (orphans keep their old quote for
/// review); refuses a set made for other documents.
pub fn reanchor_and_move(
    set: &mut TagSet,
    left: &Document,
    right: &Document,
) -> Result<Reanchored, Box<DocumentMismatch>> {
    let states = reanchor_tagset(set, left, right)?;
    let (moved, orphaned) = apply_moves(set, &states, left, right);
    Ok(Reanchored {
        states,
        moved,
        orphaned,
    })
}

/// Points moved anchors at their new place. Returns how many tags moved and
/// how many are orphaned.
fn apply_moves(
    set: &mut TagSet,
    states: &[[AnchorState; 2]],
    left: &Document,
    right: &Document,
) -> (usize, usize) {
    let (mut moved, mut orphaned) = (0, 0);
    for (tag, state) in set.tags.iter_mut().zip(states) {
        if state.contains(&AnchorState::Orphaned) {
            orphaned += 1;
            continue;
        }
        let mut any = false;
        for (side, doc) in [(0, left), (1, right)] {
            if let AnchorState::Moved { start, end, .. } = state[side]
                && let Some(anchor) = Anchor::for_range(&doc.text, start, end)
            {
                if side == 0 {
                    tag.left = anchor;
                } else {
                    tag.right = anchor;
                }
                any = true;
            }
        }
        moved += usize::from(any);
    }
    (moved, orphaned)
}

/// An anchor being searched for, with its pattern tables.
struct Quote<'a> {
    anchor: &'a Anchor,
    chars: Vec<char>,
    prefix: Vec<char>,
    suffix: Vec<char>,
    forward: Peq,
    backward: Peq,
}

/// A scored candidate location.
#[derive(Debug, Clone, Copy)]
struct Scored {
    start: usize,
    end: usize,
    errors: usize,
    score: f64,
    evidence: f64,
    quote_similarity: f64,
    /// Mean of prefix and suffix similarity.
    context: f64,
}

impl Scored {
    fn accepted(&self) -> bool {
        self.quote_similarity >= MIN_QUOTE_SIMILARITY && self.evidence >= MIN_EVIDENCE
    }

    fn state(&self, a: &Anchor) -> AnchorState {
        if self.errors == 0 && (self.start, self.end) == (a.start, a.end) {
            AnchorState::Anchored
        } else {
            AnchorState::Moved {
                start: self.start,
                end: self.end,
                confidence: (self.score * 100.0).round().clamp(0.0, 100.0) as u8,
                quote_changed: self.errors > 0,
            }
        }
    }

    fn better(self, other: Option<Scored>) -> Option<Scored> {
        match other {
            Some(o) if o.score >= self.score => Some(o),
            _ => Some(self),
        }
    }
}

impl<'a> Quote<'a> {
    fn new(anchor: &'a Anchor, chars: Vec<char>) -> Quote<'a> {
        let reversed: Vec<char> = chars.iter().rev().copied().collect();
        Quote {
            anchor,
            prefix: anchor.prefix.chars().collect(),
            suffix: anchor.suffix.chars().collect(),
            forward: Peq::new(&chars),
            backward: Peq::new(&reversed),
            chars,
        }
    }

    fn max_errors(&self) -> usize {
        (self.chars.len() as f64 * (1.0 - MIN_QUOTE_SIMILARITY)).floor() as usize
    }

    /// Recorded position, exact occurrences and the window around the old
    /// position: the cheap steps, which find nearly every anchor.
    fn locate_near(&self, t: &AnchorText) -> Option<Scored> {
        let (a, m) = (self.anchor, self.chars.len());
        if a.end <= t.chars.len() && t.chars[a.start..a.end] == self.chars[..] {
            let s = self.score(t, a.start, a.end, 0);
            if s.accepted() {
                return Some(s);
            }
        }
        let reach = (2 * m).clamp(2048, 65_536);
        let lo = a.start.saturating_sub(reach).min(t.chars.len());
        let hi = (a.end + reach).min(t.chars.len());
        // Exact occurrences near the old position: the usual case of text
        // inserted or deleted elsewhere, settled without a whole-text scan.
        let mut best: Option<Scored> = None;
        if hi >= lo + m {
            for start in lo..=hi - m {
                if t.chars[start] == self.chars[0] && t.chars[start..start + m] == self.chars[..] {
                    let s = self.score(t, start, start + m, 0);
                    if s.accepted() {
                        best = s.better(best);
                    }
                }
            }
        }
        if let Some(b) = best
            && b.context >= 0.9
        {
            return Some(b);
        }
        // Exact occurrences anywhere (the string search is fast; code point
        // offsets are counted incrementally between occurrences).
        let mut last = (0, 0);
        for (byte, _) in t.text.match_indices(a.exact.as_str()).take(MAX_OCCURRENCES) {
            let start = last.1 + t.text[last.0..byte].chars().count();
            last = (byte, start);
            let s = self.score(t, start, start + m, 0);
            if s.accepted() {
                best = s.better(best);
            }
        }
        if let Some(s) = self.search_window(t, lo, hi) {
            best = s.better(best);
        }
        best
    }

    /// The best accepted approximate match inside `chars[lo..hi]`.
    fn search_window(&self, t: &AnchorText, lo: usize, hi: usize) -> Option<Scored> {
        let m = self.chars.len();
        let k = self.max_errors();
        if hi <= lo || hi - lo + k < m {
            return None;
        }
        // Each run of ends within the error budget yields its best end.
        let mut ends: Vec<(usize, usize)> = Vec::new();
        let mut run: Option<(usize, usize)> = None;
        myers(
            &self.forward,
            m,
            t.chars[lo..hi].iter().copied(),
            false,
            |j, errors| {
                if errors <= k {
                    run = match run {
                        Some((e, d)) if d <= errors => Some((e, d)),
                        _ => Some((lo + j, errors)),
                    };
                } else if let Some(r) = run.take() {
                    ends.push(r);
                }
            },
        );
        ends.extend(run);
        ends.sort_by_key(|&(e, errors)| (errors, e));
        ends.truncate(16);
        let mut best: Option<Scored> = None;
        for (end, _) in ends {
            let (start, errors) = self.match_start(t, lo, end);
            if start >= end {
                continue;
            }
            let s = self.score(t, start, end, errors);
            if s.accepted() {
                best = s.better(best);
            }
        }
        best
    }

    /// Where the best alignment of the quote ending at `end` starts, and its
    /// error count: an anchored search of the reversed quote backwards.
    fn match_start(&self, t: &AnchorText, lo: usize, end: usize) -> (usize, usize) {
        let m = self.chars.len();
        let from = end.saturating_sub(m + self.max_errors()).max(lo);
        let mut best = (usize::MAX, 0usize);
        myers(
            &self.backward,
            m,
            t.chars[from..end].iter().rev().copied(),
            true,
            |j, errors| {
                let closer = j.abs_diff(m) < best.1.abs_diff(m);
                if errors < best.0 || (errors == best.0 && closer) {
                    best = (errors, j);
                }
            },
        );
        (end - best.1, best.0)
    }

    fn score(&self, t: &AnchorText, start: usize, end: usize, errors: usize) -> Scored {
        let m = self.chars.len();
        let q = 1.0 - errors as f64 / m.max(1) as f64;
        let before = &t.chars[start.saturating_sub(self.prefix.len())..start];
        let after = &t.chars[end..(end + self.suffix.len()).min(t.chars.len())];
        let p = context_similarity(&self.prefix, before);
        let s = context_similarity(&self.suffix, after);
        let distance = start.abs_diff(self.anchor.start) as f64;
        let pos = 1.0 - distance / t.chars.len().max(1) as f64;
        // Weights as in Hypothesis: the quote matters most, then context.
        let score = (50.0 * q + 20.0 * p + 20.0 * s + 2.0 * pos) / 92.0;
        let evidence = m as f64 * beyond_chance(q)
            + self.prefix.len() as f64 * beyond_chance(p)
            + self.suffix.len() as f64 * beyond_chance(s);
        Scored {
            start,
            end,
            errors,
            score,
            evidence,
            quote_similarity: q,
            context: (p + s) / 2.0,
        }
    }
}

/// Similarity of stored context and the text now next to a candidate, in
/// 0–1 (1 when there is no stored context: nothing to contradict).
fn context_similarity(stored: &[char], found: &[char]) -> f64 {
    if stored.is_empty() {
        return 1.0;
    }
    debug_assert!(stored.len() <= CONTEXT_CHARS);
    1.0 - levenshtein(stored, found) as f64 / stored.len().max(found.len()) as f64
}

/// Unrelated prose is still about half similar by edit distance, so only the
/// part above one half counts as evidence.
fn beyond_chance(similarity: f64) -> f64 {
    ((similarity - 0.5) * 2.0).clamp(0.0, 1.0)
}

fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = (diag + usize::from(ca != cb)).min(up + 1).min(row[j] + 1);
            diag = up;
        }
    }
    row[b.len()]
}

/// The whole-document step for the anchors the cheap steps did not place.
fn search_far(t: &AnchorText, quotes: &[(usize, Quote<'_>)]) -> Vec<(usize, Scored)> {
    if quotes.is_empty() || t.chars.len() < SEED {
        return Vec::new();
    }
    // Seeds: non-overlapping pieces of each quote, so one edit spoils few.
    let mut seeds: HashMap<u64, (Vec<(usize, usize)>, u32)> = HashMap::new();
    let mut seed_counts = vec![0usize; quotes.len()];
    for (qi, (_, q)) in quotes.iter().enumerate() {
        let m = q.chars.len();
        if m < 2 * SEED {
            continue;
        }
        let stride = SEED.max(m.div_ceil(MAX_SEEDS));
        for off in (0..=m - SEED).step_by(stride) {
            let entry = seeds
                .entry(hash_chars(&q.chars[off..off + SEED]))
                .or_default();
            entry.0.push((qi, off));
            seed_counts[qi] += 1;
        }
    }
    if seeds.is_empty() {
        return Vec::new();
    }
    // One pass over the text with a rolling hash; hits vote for the diagonal
    // (text position minus quote offset) where the quote would start.
    let mut votes: HashMap<(usize, usize), u32> = HashMap::new();
    let pow = (0..SEED - 1).fold(1u64, |p, _| p.wrapping_mul(HASH_BASE));
    let mut h = hash_chars(&t.chars[..SEED]);
    for i in 0..=t.chars.len() - SEED {
        if i > 0 {
            let out = u64::from(t.chars[i - 1] as u32).wrapping_mul(pow);
            h = h
                .wrapping_sub(out)
                .wrapping_mul(HASH_BASE)
                .wrapping_add(u64::from(t.chars[i + SEED - 1] as u32));
        }
        let Some((hits, count)) = seeds.get_mut(&h) else {
            continue;
        };
        if *count >= MAX_SEED_HITS {
            continue;
        }
        *count += 1;
        for &(qi, off) in hits.iter() {
            if t.chars[i..i + SEED] != quotes[qi].1.chars[off..off + SEED] {
                continue;
            }
            let diagonal = (i + BUCKET).saturating_sub(off) / BUCKET;
            *votes.entry((qi, diagonal)).or_default() += 1;
        }
    }
    let mut per_quote: Vec<Vec<(u32, usize)>> = vec![Vec::new(); quotes.len()];
    for (&(qi, bucket), &n) in &votes {
        let around = n
            + votes
                .get(&(qi, bucket.wrapping_sub(1)))
                .copied()
                .unwrap_or(0)
            + votes.get(&(qi, bucket + 1)).copied().unwrap_or(0);
        per_quote[qi].push((around, bucket));
    }
    let mut out = Vec::new();
    for (qi, (index, q)) in quotes.iter().enumerate() {
        let needed = 2.max(seed_counts[qi] / 5) as u32;
        let mut buckets = std::mem::take(&mut per_quote[qi]);
        // Deterministic order: most votes first, then earliest.
        buckets.sort_by_key(|&(n, b)| (std::cmp::Reverse(n), b));
        let mut best: Option<Scored> = None;
        for &(_, bucket) in buckets.iter().filter(|b| b.0 >= needed).take(FAR_WINDOWS) {
            let start_guess = (bucket * BUCKET).saturating_sub(BUCKET);
            let slack = q.max_errors() + 2 * BUCKET;
            let lo = start_guess.saturating_sub(slack).min(t.chars.len());
            let hi = (start_guess + q.chars.len() + slack).min(t.chars.len());
            if let Some(s) = q.search_window(t, lo, hi) {
                best = s.better(best);
            }
        }
        if let Some(s) = best {
            out.push((*index, s));
        }
    }
    out
}

const HASH_BASE: u64 = 1_000_003;

fn hash_chars(cs: &[char]) -> u64 {
    cs.iter().fold(0u64, |h, &c| {
        h.wrapping_mul(HASH_BASE).wrapping_add(u64::from(c as u32))
    })
}

/// Myers' pattern bit masks: for each 64-row block of the pattern, which rows
/// hold a given character.
struct Peq {
    blocks: usize,
    ascii: Vec<u64>,
    other: HashMap<char, Vec<u64>>,
    last_row: u64,
}

impl Peq {
    fn new(pattern: &[char]) -> Peq {
        let blocks = pattern.len().div_ceil(64).max(1);
        let mut ascii = vec![0u64; 128 * blocks];
        let mut other: HashMap<char, Vec<u64>> = HashMap::new();
        for (i, &c) in pattern.iter().enumerate() {
            let (b, bit) = (i / 64, 1u64 << (i % 64));
            if c.is_ascii() {
                ascii[c as usize * blocks + b] |= bit;
            } else {
                other.entry(c).or_insert_with(|| vec![0; blocks])[b] |= bit;
            }
        }
        let last_row = 1u64 << ((pattern.len().max(1) - 1) % 64);
        Peq {
            blocks,
            ascii,
            other,
            last_row,
        }
    }

    fn get(&self, c: char, block: usize) -> u64 {
        if c.is_ascii() {
            self.ascii[c as usize * self.blocks + block]
        } else {
            self.other.get(&c).map_or(0, |v| v[block])
        }
    }
}

/// Runs Myers' block algorithm of `pattern` (described by `peq`, length `m`)
/// over `text`, calling `visit(j, d)` after each character with the edit
/// distance `d` of the whole pattern against the best text ending there
/// (`j` = characters consumed). With `anchored` the alignment must start at
/// the first character of `text`; otherwise it may start anywhere.
fn myers(
    peq: &Peq,
    m: usize,
    text: impl Iterator<Item = char>,
    anchored: bool,
    mut visit: impl FnMut(usize, usize),
) {
    let mut pv = vec![!0u64; peq.blocks];
    let mut mv = vec![0u64; peq.blocks];
    let mut score = m as isize;
    for (j, c) in text.enumerate() {
        let mut carry = i32::from(anchored);
        for b in 0..peq.blocks {
            let last = if b + 1 == peq.blocks {
                peq.last_row
            } else {
                1 << 63
            };
            carry = advance_block(&mut pv[b], &mut mv[b], peq.get(c, b), carry, last);
        }
        score += carry as isize;
        visit(j + 1, score.max(0) as usize);
    }
}

/// One column step of one block (Hyyrö's formulation of Myers' algorithm);
/// `hin` is the horizontal delta entering the block's top row, the return
/// value the delta leaving its last row.
fn advance_block(pv: &mut u64, mv: &mut u64, eq: u64, hin: i32, last: u64) -> i32 {
    let hneg = u64::from(hin < 0);
    let eq = eq | hneg;
    let xv = eq | *mv;
    let xh = ((eq & *pv).wrapping_add(*pv) ^ *pv) | eq;
    let mut ph = *mv | !(xh | *pv);
    let mut mh = *pv & xh;
    let hout = i32::from(ph & last != 0) - i32::from(mh & last != 0);
    ph <<= 1;
    mh <<= 1;
    mh |= hneg;
    ph |= u64::from(hin > 0);
    *pv = mh | !(xv | ph);
    *mv = ph & xv;
    hout
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Reference semi-global edit distance per text end.
    fn naive(pattern: &[char], text: &[char], anchored: bool) -> Vec<usize> {
        let m = pattern.len();
        let mut col: Vec<usize> = (0..=m).collect();
        let mut out = Vec::new();
        for (j, &c) in text.iter().enumerate() {
            let mut next = vec![if anchored { j + 1 } else { 0 }; m + 1];
            for i in 1..=m {
                next[i] = (col[i - 1] + usize::from(pattern[i - 1] != c))
                    .min(col[i] + 1)
                    .min(next[i - 1] + 1);
            }
            out.push(next[m]);
            col = next;
        }
        out
    }

    proptest! {
        #[test]
        fn myers_matches_the_naive_dp(
            pattern in "[abcé]{1,150}",
            text in "[abcé]{0,200}",
            anchored: bool,
        ) {
            let p: Vec<char> = pattern.chars().collect();
            let t: Vec<char> = text.chars().collect();
            let mut got = Vec::new();
            myers(&Peq::new(&p), p.len(), t.iter().copied(), anchored, |_, d| got.push(d));
            prop_assert_eq!(got, naive(&p, &t, anchored));
        }
    }

    fn words(n: usize, seed: u64) -> String {
        const W: &[&str] = &[
            "province",
            "fighters",
            "recruitment",
            "Kabul",
            "network",
            "attack",
            "Europe",
            "funding",
            "leaders",
            "report",
            "claimed",
            "analysts",
            "border",
            "local",
            "support",
            "cells",
            "security",
            "operations",
            "propaganda",
            "the",
            "of",
            "and",
        ];
        let mut x = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
        (0..n)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                W[(x >> 33) as usize % W.len()]
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn anchor_of(text: &str, needle: &str) -> Anchor {
        let byte = text.find(needle).unwrap();
        let start = text[..byte].chars().count();
        Anchor::for_range(text, start, start + needle.chars().count()).unwrap()
    }

    #[test]
    fn unchanged_position_is_anchored() {
        let text = words(400, 1);
        let a = Anchor::for_range(&text, 100, 180).unwrap();
        assert_eq!(reanchor(&AnchorText::new(&text), &a), AnchorState::Anchored);
    }

    #[test]
    fn shifted_quote_moves() {
        let text = words(400, 2);
        let a = Anchor::for_range(&text, 500, 620).unwrap();
        let edited = format!("A new opening paragraph. {text}");
        let state = reanchor(&AnchorText::new(&edited), &a);
        let shift = "A new opening paragraph. ".chars().count();
        assert!(
            matches!(state, AnchorState::Moved { start, end, quote_changed: false, .. }
                if (start, end) == (500 + shift, 620 + shift)),
            "{state:?}"
        );
    }

    #[test]
    fn slightly_edited_quote_far_away_is_found() {
        let quote = "The province claimed responsibility for the attack on the border post.";
        let text = format!("{} {quote} {}", words(200, 3), words(3000, 4));
        let a = anchor_of(&text, quote);
        let edited_quote =
            "The province later claimed responsibility for the attack on the border post.";
        let edited = format!(
            "{} {} {edited_quote} {}",
            words(200, 3),
            words(6000, 5),
            words(3000, 4)
        );
        let state = reanchor(&AnchorText::new(&edited), &a);
        let want = anchor_of(&edited, edited_quote);
        match state {
            AnchorState::Moved {
                start,
                end,
                quote_changed: true,
                ..
            } => {
                assert!(
                    start.abs_diff(want.start) <= 1 && end.abs_diff(want.end) <= 1,
                    "{state:?} vs {want:?}"
                );
            }
            other => panic!("expected moved, got {other:?}"),
        }
    }

    #[test]
    fn deleted_quote_is_orphaned() {
        let quote = "Unique sentence about Zanzibar logistics that will be deleted.";
        let text = format!("{} {quote} {}", words(300, 6), words(300, 7));
        let a = anchor_of(&text, quote);
        let edited = format!("{} {}", words(300, 6), words(300, 7));
        assert_eq!(
            reanchor(&AnchorText::new(&edited), &a),
            AnchorState::Orphaned
        );
    }

    #[test]
    fn short_quote_without_its_context_is_orphaned() {
        // "Conclusion" still occurs, but in different surroundings.
        let text = format!("{}\n\nConclusion\n\n{}", words(100, 8), words(100, 9));
        let a = anchor_of(&text, "Conclusion");
        let edited = format!("{}\n\nConclusion\n\n{}", words(100, 10), words(100, 11));
        assert_eq!(
            reanchor(&AnchorText::new(&edited), &a),
            AnchorState::Orphaned
        );
        // With its context it is found.
        let moved = format!("Preface.\n{text}");
        assert!(matches!(
            reanchor(&AnchorText::new(&moved), &a),
            AnchorState::Moved {
                quote_changed: false,
                ..
            }
        ));
    }
}
