//! The reader's state of an alignment (its view is drawn by `ui/pane.rs` and
//! the status line): which pair is current, the order pairs
//! are visited in, the topic that filters them, the highlighted terms, and
//! the chain of pairs that keeps the two panes level when scroll lock is on.
//! Pure: the alignment itself is computed elsewhere (on a worker thread).

use std::ops::Range;

use crate::align::{Alignment, Side, topic_spans};
use crate::document::Document;

/// A pair the reader can visit and tag: one the alignment found, or one the
/// analyst linked by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NavPair {
    pub left: usize,
    pub right: usize,
    /// Index into `alignment.pairs`; `None` for a pair linked by hand.
    pub aligned: Option<usize>,
}

impl NavPair {
    pub fn passage(&self, side: Side) -> usize {
        side.pick(self.left, self.right)
    }
}

/// The alignment as the reader uses it.
#[derive(Debug, Clone)]
pub struct PairNavigation {
    pub alignment: Alignment,
    /// The aligned pairs (same indices as `alignment.pairs`), then the pairs
    /// linked by hand.
    pub pairs: Vec<NavPair>,
    /// Indices into `pairs`, in reading order (left passage, then right
    /// passage): the order `]` and `[` visit them in.
    pub reading_order: Vec<usize>,
    /// Pairs whose left and right passages both increase along the chain
    /// (longest such chain): anchors for synchronised scrolling.
    pub chain: Vec<usize>,
    /// Topic selected in the topics panel, filtering pair navigation.
    pub topic: Option<usize>,
    /// Byte ranges of the selected topic's terms in each document.
    pub spans: [Vec<Range<usize>>; 2],
    /// The current pair (index into `pairs`).
    pub current: Option<usize>,
    /// For each side, whether each passage takes part in some pair.
    paired: [Vec<bool>; 2],
    /// (left, right) passages of the pairs rejected as not related, sorted.
    rejected: Vec<(usize, usize)>,
    /// While a compared set's filter is on: the (left, right) passages of
    /// the only pairs navigation visits, sorted (a rejected one too).
    only: Option<Vec<(usize, usize)>>,
}

impl PairNavigation {
    pub fn new(alignment: Alignment) -> Self {
        let pairs: Vec<NavPair> = alignment
            .pairs
            .iter()
            .enumerate()
            .map(|(i, p)| NavPair {
                left: p.left,
                right: p.right,
                aligned: Some(i),
            })
            .collect();
        let mut reading_order: Vec<usize> = (0..pairs.len()).collect();
        reading_order.sort_by_key(|&i| (pairs[i].left, pairs[i].right));
        let chain = monotone_chain(&alignment, &reading_order);
        let mut comparison = PairNavigation {
            alignment,
            pairs,
            reading_order,
            chain,
            topic: None,
            spans: [Vec::new(), Vec::new()],
            current: None,
            paired: [Vec::new(), Vec::new()],
            rejected: Vec::new(),
            only: None,
        };
        comparison.index_paired();
        comparison
    }

    fn index_paired(&mut self) {
        self.paired = [Vec::new(), Vec::new()];
        for p in &self.pairs {
            for side in Side::BOTH {
                let index = p.passage(side);
                let marks = &mut self.paired[side];
                if marks.len() <= index {
                    marks.resize(index + 1, false);
                }
                marks[index] = true;
            }
        }
    }

    /// Makes exactly `links` (left, right passages) navigable besides the
    /// aligned pairs: the pairs the tag set covers.
    pub fn set_links(&mut self, links: &[(usize, usize)]) {
        let current = self.current.map(|c| self.pairs[c]);
        let aligned = self.alignment.pairs.len();
        self.pairs.truncate(aligned);
        for &(left, right) in links {
            if self.find(left, right).is_none() {
                self.pairs.push(NavPair {
                    left,
                    right,
                    aligned: None,
                });
            }
        }
        let pairs = &self.pairs;
        self.reading_order = (0..pairs.len()).collect();
        self.reading_order
            .sort_by_key(|&i| (pairs[i].left, pairs[i].right));
        self.current = current.and_then(|c| self.find(c.left, c.right));
        self.index_paired();
    }

    /// Index in `pairs` of the pair of these two passages.
    pub fn find(&self, left: usize, right: usize) -> Option<usize> {
        self.pairs
            .iter()
            .position(|p| p.left == left && p.right == right)
    }

    /// Topics of pair `i`: the alignment's reasons, or for a hand-made link
    /// the topics both of its passages are listed under.
    pub fn pair_topics(&self, i: usize) -> Vec<usize> {
        let p = self.pairs[i];
        match p.aligned {
            Some(a) => self.alignment.pairs[a].topics.clone(),
            None => (0..self.alignment.topics.len())
                .filter(|&t| {
                    let topic = &self.alignment.topics[t];
                    topic.left.contains(&p.left) && topic.right.contains(&p.right)
                })
                .collect(),
        }
    }

    /// Score of pair `i`, if the alignment found it.
    pub fn score(&self, i: usize) -> Option<f64> {
        self.pairs[i].aligned.map(|a| self.alignment.pairs[a].score)
    }

    /// Pairs that navigation visits: all, or those of the selected topic;
    /// never the ones the analyst rejected, unless a compared set's filter
    /// keeps them (the other judged a pair you rejected).
    pub fn visible_pairs(&self) -> impl Iterator<Item = usize> + '_ {
        self.reading_order
            .iter()
            .copied()
            .filter(move |&i| match &self.only {
                Some(only) => {
                    let p = self.pairs[i];
                    only.binary_search(&(p.left, p.right)).is_ok()
                }
                None => !self.is_rejected(i),
            })
            .filter(move |&i| self.topic.is_none_or(|t| self.pair_topics(i).contains(&t)))
    }

    /// Limits navigation to the pairs of these (left, right) passages, or
    /// lifts the limit (`None`). The current pair stays current.
    pub fn set_only(&mut self, only: Option<Vec<(usize, usize)>>) {
        self.only = only.map(|mut pairs| {
            pairs.sort_unstable();
            pairs.dedup();
            pairs
        });
    }

    /// Whether navigation is limited by a compared set's filter.
    pub fn is_filtered(&self) -> bool {
        self.only.is_some()
    }

    /// Whether the analyst rejected pair `i` ("not related").
    pub fn is_rejected(&self, i: usize) -> bool {
        let p = self.pairs[i];
        self.rejected.binary_search(&(p.left, p.right)).is_ok()
    }

    /// The passage pairs the analyst rejected, from the tag set.
    pub fn set_rejected(&mut self, mut rejected: Vec<(usize, usize)>) {
        rejected.sort_unstable();
        rejected.dedup();
        self.rejected = rejected;
        if self.current.is_some_and(|c| self.is_rejected(c)) {
            self.current = None;
        }
    }

    /// The next (or previous) pair after the current one, in reading order,
    /// wrapping around. `None` when no pair is visible.
    pub fn step(&self, forward: bool) -> Option<(usize, bool)> {
        let visible: Vec<usize> = self.visible_pairs().collect();
        let first = *visible.first()?;
        let last = *visible.last()?;
        let Some(current) = self.current.filter(|c| visible.contains(c)) else {
            // A current pair the filter no longer keeps (just judged the
            // same as the other): on from where it is in reading order.
            let at = self
                .current
                .and_then(|c| self.reading_order.iter().position(|&i| i == c));
            let rank = |p: usize| self.reading_order.iter().position(|&i| i == p);
            let found = at.and_then(|at| {
                if forward {
                    visible.iter().copied().find(|&p| rank(p) > Some(at))
                } else {
                    visible.iter().rev().copied().find(|&p| rank(p) < Some(at))
                }
            });
            return Some(match found {
                Some(p) => (p, false),
                None if forward => (first, at.is_some()),
                None => (last, at.is_some()),
            });
        };
        let at = visible.iter().position(|&p| p == current).unwrap_or(0);
        Some(match (forward, at) {
            (true, at) if at + 1 < visible.len() => (visible[at + 1], false),
            (true, _) => (first, true),
            (false, 0) => (last, true),
            (false, at) => (visible[at - 1], false),
        })
    }

    /// Selects a topic (or none) and computes its highlights.
    pub fn select_topic(&mut self, topic: Option<usize>, left: &Document, right: &Document) {
        self.topic = topic.filter(|&t| t < self.alignment.topics.len());
        self.spans = match self.topic {
            Some(t) => [
                topic_spans(left, &self.alignment, t, Side::Left),
                topic_spans(right, &self.alignment, t, Side::Right),
            ],
            None => [Vec::new(), Vec::new()],
        };
        if let Some(current) = self.current
            && !self.visible_pairs().any(|p| p == current)
        {
            self.current = None;
        }
    }

    /// The passage of the current pair on `side`.
    pub fn current_passage(&self, side: Side) -> Option<usize> {
        Some(self.pairs[self.current?].passage(side))
    }

    /// Whether passage `index` on `side` takes part in any pair.
    pub fn is_paired(&self, side: Side, index: usize) -> bool {
        self.paired[side].get(index).copied().unwrap_or(false)
    }

    /// "shared: Turkey, financial hub" for the status line.
    pub fn explain(&self, pair: usize) -> String {
        let topics = self.pair_topics(pair);
        let mut reasons: Vec<&str> = topics
            .iter()
            .filter_map(|&t| self.alignment.topics.get(t).map(|t| t.label.as_str()))
            .collect();
        let terms: &[String] = match self.pairs[pair].aligned {
            Some(a) => &self.alignment.pairs[a].terms,
            None => &[],
        };
        for term in terms {
            if reasons.len() >= 6 {
                break;
            }
            if !reasons.iter().any(|r| r.eq_ignore_ascii_case(term)) {
                reasons.push(term);
            }
        }
        if self.pairs[pair].aligned.is_none() {
            let shared = if reasons.is_empty() {
                String::new()
            } else {
                format!(" · shared: {}", reasons.join(", "))
            };
            format!("linked by hand{shared}")
        } else if reasons.is_empty() {
            "similar wording".to_string()
        } else {
            format!("shared: {}", reasons.join(", "))
        }
    }
}

/// Longest chain of pairs whose left and right passages both strictly
/// increase: crossing pairs cannot both keep the panes level.
fn monotone_chain(alignment: &Alignment, order: &[usize]) -> Vec<usize> {
    // Sorting by left ascending, right descending, makes a strictly
    // increasing run of rights also strictly increasing in left; then
    // patience sorting finds the longest one in O(n log n).
    let mut order = order.to_vec();
    order.sort_by_key(|&i| {
        let p = &alignment.pairs[i];
        (p.left, std::cmp::Reverse(p.right))
    });
    let right = |k: usize| alignment.pairs[order[k]].right;
    let mut tails: Vec<usize> = Vec::new(); // positions in `order`
    let mut prev: Vec<Option<usize>> = Vec::with_capacity(order.len());
    for k in 0..order.len() {
        let pos = tails.partition_point(|&t| right(t) < right(k));
        prev.push(pos.checked_sub(1).map(|p| tails[p]));
        if pos == tails.len() {
            tails.push(k);
        } else {
            tails[pos] = k;
        }
    }
    let mut chain = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(k) = at {
        chain.push(order[k]);
        at = prev[k];
    }
    chain.reverse();
    chain
}

/// Where the other pane's top row should be so that the chain of pairs stays
/// level: interpolates between the chain anchors around `row` (a row of the
/// leading pane), given each pane's first row of every passage.
pub fn level_row(
    comparison: &PairNavigation,
    leading: Side,
    row: usize,
    first_rows: [&[usize]; 2],
) -> Option<usize> {
    let other = leading.other();
    let anchor = |pair: usize, side: Side| -> usize {
        let passage = comparison.pairs[pair].passage(side);
        first_rows[side].get(passage).copied().unwrap_or(0)
    };
    let chain = &comparison.chain;
    if chain.is_empty() {
        return None;
    }
    let after = chain.partition_point(|&p| anchor(p, leading) <= row);
    let mapped = match (after.checked_sub(1), chain.get(after)) {
        (Some(b), Some(&next)) => {
            let before = chain[b];
            let (l0, l1) = (anchor(before, leading), anchor(next, leading));
            let (o0, o1) = (anchor(before, other), anchor(next, other));
            let f = (row - l0) as f64 / (l1 - l0).max(1) as f64;
            o0 as f64 + f * (o1 as f64 - o0 as f64)
        }
        (Some(b), None) => (anchor(chain[b], other) + (row - anchor(chain[b], leading))) as f64,
        (None, Some(&next)) => {
            anchor(next, other).saturating_sub(anchor(next, leading) - row) as f64
        }
        (None, None) => return None,
    };
    Some(mapped.round().max(0.0) as usize)
}
