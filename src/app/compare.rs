//! The parts of `update` that deal with the alignment: receiving it, pair
//! navigation, the topics panel, and keeping the panes level (scroll lock).

use super::{App, Mode};
use crate::action::Action;
use crate::align::Alignment;
use crate::app::pairs::{PairNavigation, level_row};
use crate::side::Side;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// Rows between the top of a pane and a pair's passages after a jump, so
/// the analyst sees a little of what comes before.
const PAIR_MARGIN: usize = 2;

/// One row of the topics panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicRow {
    /// `None` for the "all topics" row that clears the filter.
    pub topic: Option<usize>,
    /// Char positions in the label that the filter matched.
    pub matched: Vec<usize>,
}

impl App {
    pub(super) fn aligned(&mut self, alignment: Alignment) {
        self.align_progress = None;
        let shared = alignment.topics.iter().filter(|t| t.shared).count();
        let pairs = alignment.pairs.len();
        self.comparison = Some(PairNavigation::new(alignment));
        self.adopt_sentences();
        let pairs = super::counted(pairs, "pair", "pairs");
        let message = if shared == 0 {
            format!("aligned: no shared topics, {pairs}")
        } else {
            format!(
                "aligned: {}, {pairs}; {} next pair, {} topics",
                super::counted(shared, "shared topic", "shared topics"),
                self.key_of(Action::NextPair),
                self.key_of(Action::Topics)
            )
        };
        // Do not hide a warning the analyst has not seen yet.
        if self
            .status
            .as_ref()
            .is_none_or(|s| s.level == super::Level::Info)
        {
            self.info(message);
        }
    }

    pub(super) fn step_pair(&mut self, forward: bool) {
        let Some(comparison) = &self.comparison else {
            let note = match self.align_progress {
                Some(done) => format!("still aligning ({:.0}%)", done * 100.0),
                None => "no alignment".to_string(),
            };
            self.info(note);
            return;
        };
        let step = self.pair_from_cursor(comparison, forward);
        match step {
            Some((pair, wrapped)) => self.goto_pair(pair, wrapped),
            None => {
                let scope = if comparison.topic.is_some() {
                    "for this topic"
                } else {
                    "between these reports"
                };
                self.warn(format!("no aligned pairs {scope}"));
            }
        }
    }

    /// The pair `]` (`[`) goes to, from where the analyst is reading: the
    /// first visible pair whose passage in the focused pane is at or after
    /// the cursor's (the last one before it), in that pane's document
    /// order, ties by the other pane's. With the cursor in the current
    /// pair's passage, the one after (before) the current pair, so pressing
    /// on walks the pairs. Pairs are of passages, so passages place them,
    /// and with the left pane focused this is the order pairs are numbered
    /// in. Wraps around at the ends (the flag says so).
    fn pair_from_cursor(
        &self,
        comparison: &super::pairs::PairNavigation,
        forward: bool,
    ) -> Option<(usize, bool)> {
        let side = self.focus;
        let key = |i: usize| {
            let p = comparison.pairs[i];
            (p.passage(side), p.passage(side.other()), i)
        };
        let mut keys: Vec<(usize, usize, usize)> = comparison.visible_pairs().map(key).collect();
        keys.sort_unstable();
        let (first, last) = (*keys.first()?, *keys.last()?);
        let passage = self.panes[side].cursor_sentence().map_or(0, |s| s.passage);
        let on_current = comparison
            .current
            .map(key)
            .filter(|&(at, _, _)| at == passage);
        let found = match (on_current, forward) {
            (Some(at), true) => keys.iter().find(|&&k| k > at),
            (Some(at), false) => keys.iter().rev().find(|&&k| k < at),
            (None, true) => keys.iter().find(|k| k.0 >= passage),
            (None, false) => keys.iter().rev().find(|k| k.0 < passage),
        };
        Some(match (found, forward) {
            (Some(k), _) => (k.2, false),
            (None, true) => (first.2, true),
            (None, false) => (last.2, true),
        })
    }

    /// Makes `pair` current and scrolls both panes so its passages stand
    /// side by side at the same height.
    pub(super) fn goto_pair(&mut self, pair: usize, wrapped: bool) {
        let Some(comparison) = &mut self.comparison else {
            return;
        };
        comparison.current = Some(pair);
        let p = comparison.pairs[pair];
        self.pair_span = self.span_of_pair(pair);
        for side in Side::BOTH {
            let pane = &mut self.panes[side];
            let passage = p.passage(side);
            if let Some(&line) = pane.wrapped.passage_first_line.get(passage) {
                pane.top = line.saturating_sub(PAIR_MARGIN);
                pane.clamp();
            }
        }
        // Level: a pane that could not scroll as far (near an end) sets the
        // row both passages start on.
        let row_of = |pane: &super::pane::Pane, passage: usize| {
            pane.wrapped
                .passage_first_line
                .get(passage)
                .map(|&line| line.saturating_sub(pane.top))
        };
        let rows = Side::BOTH.map(|side| row_of(&self.panes[side], p.passage(side)));
        if let [Some(a), Some(b)] = rows {
            let row = a.max(b);
            for side in Side::BOTH {
                let pane = &mut self.panes[side];
                if let Some(&line) = pane.wrapped.passage_first_line.get(p.passage(side)) {
                    pane.top = line.saturating_sub(row);
                    pane.clamp();
                }
            }
        }
        for side in Side::BOTH {
            let pane = &mut self.panes[side];
            // The cursor goes on the first sentence of the pair's span.
            if let Some(span) = self.pair_span {
                pane.set_cursor(span[side.index()].0);
            }
        }
        let Some(comparison) = &self.comparison else {
            return;
        };
        let position = comparison
            .visible_pairs()
            .position(|i| i == pair)
            .map_or(0, |i| i + 1);
        let total = comparison.visible_pairs().count();
        let why = comparison.explain(pair);
        let wrap = if wrapped { " (wrapped)" } else { "" };
        let score = comparison
            .score(pair)
            .map_or(String::new(), |s| format!(" · score {s:.2}"));
        let others = self.judgements_text(p.left, p.right);
        let judged = self.tagging.as_ref().and_then(|t| {
            let tag = &t.set.tags[t.tag_for(p.left, p.right)?];
            // Yours beside the other judgement, when there is one.
            let label = match &others {
                Some(both) => Some(format!(" · {both}")),
                None => t
                    .label_of(tag)
                    .map(|l| format!(" · {} {}", l.glyph, l.name)),
            };
            let note = (!tag.note.is_empty()).then(|| {
                let first: String = tag
                    .note
                    .lines()
                    .next()
                    .unwrap_or("")
                    .chars()
                    .take(60)
                    .collect();
                format!(" · note: {first}")
            });
            Some(format!(
                "{}{}",
                label.unwrap_or_default(),
                note.unwrap_or_default()
            ))
        });
        // Only the compared set judged it.
        let judged = judged.or_else(|| others.map(|o| format!(" · {o}")));
        // The engine's suggestion for the two sentences, never a judgement.
        let hint = self.pair_span.and_then(|span| {
            let hint = comparison
                .alignment
                .candidate_between(span[0].0, span[1].0)?
                .hint
                .as_ref()?;
            Some(format!(" · suggested {}", hint.kind.as_str()))
        });
        let details = self.key_of(Action::Details);
        let message = format!(
            "pair {position} of {total}{wrap}{}{score} · {why}{} ({details}: in full)",
            judged.unwrap_or_default(),
            hint.unwrap_or_default()
        );
        self.info(message);
    }

    /// With scroll lock on, moves the pane other than `leading` so that the
    /// pairs around the middle of `leading` stay level with it.
    pub(super) fn sync_from(&mut self, leading: Side) {
        if !self.scroll_lock {
            return;
        }
        let Some(comparison) = &self.comparison else {
            return;
        };
        let lead = &self.panes[leading];
        let other = &self.panes[leading.other()];
        // While the current pair's passage is on screen in the leading
        // pane, the two stay as `]` set them, row for row: the chain of
        // pairs may be far from a pair met by jumping.
        if let Some(p) = comparison.current.map(|c| comparison.pairs[c]) {
            let first = |pane: &super::pane::Pane, passage: usize| {
                pane.wrapped.passage_first_line.get(passage).copied()
            };
            let end = |pane: &super::pane::Pane, passage: usize| {
                first(pane, passage + 1).unwrap_or(pane.wrapped.lines.len())
            };
            let (lp, op) = (p.passage(leading), p.passage(leading.other()));
            if let (Some(l0), Some(o0)) = (first(lead, lp), first(other, op))
                && l0 < lead.top + lead.height
                && end(lead, lp) > lead.top
            {
                let top = (o0 + lead.top).saturating_sub(l0);
                let other = &mut self.panes[leading.other()];
                other.top = top;
                other.clamp();
                other.keep_cursor_on_screen();
                return;
            }
        }
        let middle = lead.top + lead.height / 2;
        let first_rows = [
            self.panes[Side::Left].wrapped.passage_first_line.as_slice(),
            self.panes[Side::Right]
                .wrapped
                .passage_first_line
                .as_slice(),
        ];
        if let Some(row) = level_row(comparison, leading, middle, first_rows) {
            let top = row.saturating_sub(other.height / 2);
            let other = &mut self.panes[leading.other()];
            other.top = top;
            other.clamp();
            other.keep_cursor_on_screen();
        }
    }

    /// The rows of the topics panel for `filter`: all topics in the
    /// alignment's order when empty, else fuzzy matches best first.
    pub fn topic_rows(&self, filter: &str) -> Vec<TopicRow> {
        let Some(comparison) = &self.comparison else {
            return Vec::new();
        };
        let topics = &comparison.alignment.topics;
        if filter.is_empty() {
            let mut rows = vec![TopicRow {
                topic: None,
                matched: Vec::new(),
            }];
            rows.extend((0..topics.len()).map(|i| TopicRow {
                topic: Some(i),
                matched: Vec::new(),
            }));
            return rows;
        }
        let matcher = SkimMatcherV2::default().ignore_case();
        let mut scored: Vec<(i64, usize, Vec<usize>)> = topics
            .iter()
            .enumerate()
            .filter_map(|(i, t)| {
                matcher
                    .fuzzy_indices(&t.label, filter)
                    .map(|(score, matched)| (score, i, matched))
            })
            .collect();
        // Best score first; the alignment's order (shared first) breaks ties.
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored
            .into_iter()
            .map(|(_, i, matched)| TopicRow {
                topic: Some(i),
                matched,
            })
            .collect()
    }

    pub(super) fn topics_action(&mut self, action: Action) {
        let Mode::Topics { filter, selected } = &mut self.mode else {
            return;
        };
        match action {
            Action::Cancel => self.mode = Mode::Normal,
            Action::SelectNext => *selected += 1,
            Action::SelectPrev => *selected = selected.saturating_sub(1),
            Action::Confirm => {
                let (filter, selected) = (filter.text().to_string(), *selected);
                let rows = self.topic_rows(&filter);
                self.mode = Mode::Normal;
                if let Some(row) = rows.get(selected) {
                    self.select_topic(row.topic);
                }
                return;
            }
            _ => {
                self.edit_line(action);
            }
        }
        // Keep the selection on a row that exists.
        let count = match &self.mode {
            Mode::Topics { filter, .. } => self.topic_rows(filter.text()).len(),
            _ => return,
        };
        if let Mode::Topics { selected, .. } = &mut self.mode {
            *selected = (*selected).min(count.saturating_sub(1));
        }
    }

    pub(super) fn select_topic(&mut self, topic: Option<usize>) {
        let [left, right] = &self.panes;
        let Some(comparison) = &mut self.comparison else {
            return;
        };
        comparison.select_topic(topic, &left.doc, &right.doc);
        let message = match topic.and_then(|t| comparison.alignment.topics.get(t)) {
            Some(t) => {
                let pairs = super::counted(comparison.visible_pairs().count(), "pair", "pairs");
                format!(
                    "topic: {} ({} │ {} passages, {pairs}); {} next pair",
                    t.label,
                    t.left.len(),
                    t.right.len(),
                    self.keymap.normal(Action::NextPair)
                )
            }
            None => "all topics".to_string(),
        };
        self.info(message);
    }
}
