//! The sentences a judgement is about. When a pair becomes current its
//! span on each side is the tag's anchors if it is judged, else the
//! sentence the engine paired (else the passage's first); `v` widens the
//! focused side by a sentence, then to the whole passage, then back to one
//! sentence. New tags anchor on these spans; widening a judged pair moves
//! its anchor (undoable).

use super::App;
use crate::side::Side;
use crate::tags::Anchor;
use crate::tags::history::Op;

/// `p3.s2`, or `p3.s2–p3.s4` for a span of several sentences.
pub(super) fn span_id(pane: &super::pane::Pane, first: usize, last: usize) -> String {
    let id = |i: usize| pane.sentences.get(i).map_or("", |s| s.id.as_str());
    if last > first {
        format!("{}–{}", id(first), id(last))
    } else {
        id(first).to_string()
    }
}

impl App {
    /// The span of pair `pair` (index into the navigation's pairs) when it
    /// becomes current.
    pub(super) fn span_of_pair(&self, pair: usize) -> Option<[(usize, usize); 2]> {
        let comparison = self.comparison.as_ref()?;
        let p = comparison.pairs[pair];
        let tag = self
            .tagging
            .as_ref()
            .and_then(|t| t.tag_for(p.left, p.right).map(|i| &t.set.tags[i]));
        let carried = p.aligned.map(|i| &comparison.alignment.pairs[i]);
        let mut span = [(0, 0); 2];
        for side in Side::BOTH {
            let pane = &self.panes[side];
            let passage = p.passage(side);
            let from_tag = tag.and_then(|t| {
                let anchor = t.anchor(side);
                let first = pane
                    .sentences
                    .partition_point(|s| s.char_end <= anchor.start);
                let last = pane
                    .sentences
                    .partition_point(|s| s.char_start < anchor.end)
                    .checked_sub(1)?;
                let inside = |i: usize| pane.sentences.get(i).is_some_and(|s| s.passage == passage);
                (first <= last && inside(first) && inside(last)).then_some((first, last))
            });
            let from_engine = || {
                carried
                    .and_then(|a| {
                        side.pick(&a.left_sentences, &a.right_sentences)
                            .first()
                            .copied()
                    })
                    .map(|s| (s, s))
            };
            let first_of_passage = || pane.first_sentence_of(passage).map(|s| (s, s));
            span[side.index()] = from_tag.or_else(from_engine).or_else(first_of_passage)?;
        }
        Some(span)
    }

    /// The anchor a new judgement takes on `side` for `passage`: the span
    /// when it lies in that passage, else the whole passage.
    pub(super) fn span_anchor(&self, side: Side, passage: usize) -> Option<Anchor> {
        let pane = &self.panes[side];
        let span = self
            .pair_span
            .map(|s| s[side.index()])
            .filter(|&(first, last)| {
                [first, last]
                    .iter()
                    .all(|&i| pane.sentences.get(i).is_some_and(|s| s.passage == passage))
            });
        match span {
            Some((first, last)) => Anchor::for_range(
                &pane.doc.text,
                pane.sentences[first].char_start,
                pane.sentences[last].char_end,
            ),
            None => Anchor::for_passage(&pane.doc, passage),
        }
    }

    /// The span's sentences as the note panel quotes them: `L p3.s2 │ …`
    /// (`p3.s2–p3.s4` for several), the `│` of both lines aligned.
    pub(super) fn span_quotes(&self, left: usize, right: usize) -> Vec<String> {
        let quotes: Vec<(String, String)> = Side::BOTH
            .iter()
            .map(|&side| {
                let pane = &self.panes[side];
                let passage = side.pick(left, right);
                let (first, last) = self
                    .pair_span
                    .map(|s| s[side.index()])
                    .filter(|&(f, _)| pane.sentences.get(f).is_some_and(|s| s.passage == passage))
                    .or_else(|| pane.first_sentence_of(passage).map(|f| (f, f)))
                    .unwrap_or((0, 0));
                let text: Vec<String> = (first..=last)
                    .filter_map(|i| pane.sentences.get(i))
                    .map(|s| s.joined(&pane.doc.text))
                    .collect();
                (
                    format!("{} {}", side.pick("L", "R"), span_id(pane, first, last)),
                    text.join(" "),
                )
            })
            .collect();
        let width = quotes
            .iter()
            .map(|(h, _)| h.chars().count())
            .max()
            .unwrap_or(0);
        quotes
            .into_iter()
            .map(|(head, text)| format!("{head:width$} │ {text}"))
            .collect()
    }

    /// Scrolls each pane so the current span starts above the panel.
    pub(super) fn show_span_above_panel(&mut self) {
        self.fit_panel();
        let room = self.rows_above_panel().max(1);
        let Some(span) = self.pair_span else {
            return;
        };
        for side in Side::BOTH {
            let pane = &mut self.panes[side];
            if let Some((first, _)) = pane.sentence_rows(span[side.index()].0)
                && (first < pane.top || first >= pane.top + room)
            {
                pane.top = first.saturating_sub(room / 4);
                pane.clamp();
            }
        }
    }

    /// `v`: one more sentence of the passage in the focused side's span;
    /// past the passage's last, the whole passage; then one sentence again.
    pub(super) fn widen_span(&mut self) {
        let Some(pair) = self.comparison.as_ref().and_then(|c| c.current) else {
            let next = self.key_of(crate::action::Action::NextPair);
            self.info(format!(
                "no current pair to widen: {next} goes to the next one"
            ));
            return;
        };
        let side = self.focus;
        let Some(mut span) = self.pair_span.or_else(|| self.span_of_pair(pair)) else {
            return;
        };
        let pane = &self.panes[side];
        let (first, last) = span[side.index()];
        let passage = pane.sentences[first].passage;
        let passage_first = pane.first_sentence_of(passage).unwrap_or(first);
        let passage_last = pane.sentences.partition_point(|s| s.passage <= passage) - 1;
        span[side.index()] = if last < passage_last {
            (first, last + 1)
        } else if first > passage_first {
            (passage_first, passage_last)
        } else {
            (first, first)
        };
        // Back to one sentence means the cursor's, if it is in the passage.
        if span[side.index()].0 == span[side.index()].1
            && pane.sentences[pane.cursor].passage == passage
        {
            span[side.index()] = (pane.cursor, pane.cursor);
        }
        self.pair_span = Some(span);
        let (first, last) = span[side.index()];
        let count = last - first + 1;
        let whole = first == passage_first && last == passage_last;
        let what = if whole && count > 1 {
            "the whole passage".to_string()
        } else if count == 1 {
            "one sentence".to_string()
        } else {
            format!("{count} sentences")
        };
        // A judged pair's anchor follows, as one undoable step.
        let p = self.comparison.as_ref().map(|c| c.pairs[pair]);
        let tag = p.and_then(|p| {
            let t = self.tagging.as_ref()?;
            t.tag_for(p.left, p.right).map(|i| t.set.tags[i].id.clone())
        });
        if let (Some(id), Some(anchor)) = (tag, self.span_anchor(side, passage))
            && self.can_edit()
        {
            self.edit(Op::Reattach { id, side, anchor });
        }
        self.info(format!("{} span: {what}", side.name()));
    }
}
