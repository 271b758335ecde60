//! "What does the other report say about this?" (`Enter` on the cursor):
//! the engine's candidates for the cursor's sentence, best first, in a
//! panel under the panes. Moving in the list previews each candidate level
//! with the cursor in the other pane; `Enter` makes it the current pair (a
//! link made by hand when the engine had not paired the two passages);
//! tagging keys judge the previewed pair at once.

use super::{App, Mode};
use crate::action::Action;
use crate::keymap::Table;
use crate::side::Side;
use crate::tags::history::Op;
use crate::tags::{Label, Origin};

/// The candidate list's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CandidateList {
    /// The pane whose cursor sentence is asked about.
    pub side: Side,
    /// That sentence (index into the pane's sentences).
    pub sentence: usize,
    pub selected: usize,
    /// The other pane's scroll and cursor before the preview, restored on
    /// cancel.
    pub other_was: (usize, usize),
}

/// Rows of the panel's border.
const PANEL_BORDER: usize = 2;

/// Candidate rows the list keeps however long the detail under it is.
const MIN_LIST_ROWS: usize = 3;

impl App {
    /// Opens the candidate list for the focused pane's cursor.
    pub(super) fn open_candidates(&mut self) {
        if self.comparison.is_none() {
            self.info("still aligning: the candidates come with the alignment");
            return;
        }
        let side = self.focus;
        if self.cursor_candidates(side).is_empty() {
            let next = self.key_of(Action::NextSentence);
            self.info(format!(
                "the other report says nothing the engine could link to this sentence; {next} goes to the next one"
            ));
            return;
        }
        let other = &self.panes[side.other()];
        self.mode = Mode::Candidates(CandidateList {
            side,
            sentence: self.panes[side].cursor,
            selected: 0,
            other_was: (other.top, other.cursor),
        });
        // A message from before (e.g. "nothing to link") would contradict
        // the panel.
        self.status = None;
        self.preview_candidate();
    }

    /// Rows the panes keep above the candidate panel.
    pub fn rows_above_panel(&self) -> usize {
        let height = self.panes[Side::Left].height;
        height.saturating_sub(self.panel_height())
    }

    /// Height of the panel under the panes (candidates or note), in rows.
    pub fn panel_height(&self) -> usize {
        if self.mode == Mode::Note {
            return usize::from(crate::ui::note::panel_height(self.size.1));
        }
        let Mode::Candidates(list) = &self.mode else {
            return 0;
        };
        let (list_rows, detail_rows) = self.candidate_panel_rows(list);
        let height = self.panes[Side::Left].height;
        (PANEL_BORDER + list_rows + detail_rows).min(height)
    }

    /// Width of the candidate panel's text (inside its border).
    pub fn candidate_panel_width(&self) -> usize {
        usize::from(self.size.0).saturating_sub(PANEL_BORDER).max(1)
    }

    /// Rows of the candidate panel's list and of the detail under it. The
    /// detail gets the rows the longest candidate's reasons and hint take
    /// wrapped, so that none is cut and the panel keeps its height while
    /// the selection moves; the panel takes at most half the panes, and the
    /// list keeps a few rows of it.
    pub fn candidate_panel_rows(&self, list: &CandidateList) -> (usize, usize) {
        let candidates = self.cursor_candidates_of(list);
        let width = self.candidate_panel_width();
        let wanted = candidates
            .iter()
            .map(|c| textwrap::wrap(&self.candidate_detail(c), width).len())
            .max()
            .unwrap_or(0);
        let room = (self.panes[Side::Left].height / 2).saturating_sub(PANEL_BORDER);
        let kept = candidates.len().min(MIN_LIST_ROWS);
        let detail = wanted.min(room.saturating_sub(kept));
        let list_rows = candidates.len().min(room.saturating_sub(detail)).max(kept);
        (list_rows, detail)
    }

    /// A candidate's reasons and the engine's hint, in full.
    pub fn candidate_detail(&self, candidate: &crate::align::Candidate) -> String {
        let Some(comparison) = &self.comparison else {
            return String::new();
        };
        let reasons: Vec<&str> = candidate
            .reasons
            .iter()
            .filter_map(|&r| {
                comparison
                    .alignment
                    .reasons
                    .get(r as usize)
                    .map(String::as_str)
            })
            .collect();
        let mut text = format!("why: {}", reasons.join(" · "));
        if let Some(hint) = &candidate.hint {
            text.push_str(&format!(
                " — suggested {}: {}",
                hint.kind.as_str(),
                hint.why
            ));
        }
        text
    }

    /// The judgement in the open tag set on the list's sentence and
    /// candidate `other` (a sentence of the other pane): the label of a tag
    /// whose anchors take in both sentences, so the list shows what is done
    /// rather than the engine's suggestion.
    pub fn candidate_judgement(&self, list: &CandidateList, other: usize) -> Option<Label> {
        let tagging = self.tagging.as_ref()?;
        let sentences = [
            list.side.pick(list.sentence, other),
            list.side.pick(other, list.sentence),
        ];
        let covers = |tag: &crate::tags::Tag, side: Side| {
            let anchor = tag.anchor(side);
            self.panes[side]
                .sentences
                .get(sentences[side.index()])
                .is_some_and(|s| anchor.start < s.char_end && s.char_start < anchor.end)
        };
        tagging
            .set
            .tags
            .iter()
            .zip(&tagging.pairs)
            // An orphaned tag's offsets say nothing about these sentences.
            .filter(|(_, pair)| pair.is_some())
            .find(|(tag, _)| Side::BOTH.iter().all(|&side| covers(tag, side)))
            .and_then(|(tag, _)| tagging.label_of(tag))
    }

    /// The candidates of the list's sentence.
    pub fn cursor_candidates_of(&self, list: &CandidateList) -> &[crate::align::Candidate] {
        self.sentence_candidates(list.side, list.sentence)
    }

    /// Shows the selected candidate in the other pane, level with the
    /// cursor, both above the panel.
    pub(super) fn preview_candidate(&mut self) {
        let Mode::Candidates(list) = &self.mode else {
            return;
        };
        let (side, selected) = (list.side, list.selected);
        let Some(candidate) = self.cursor_candidates_of(list).get(selected) else {
            return;
        };
        let other = candidate.other as usize;
        self.fit_panel();
        // The cursor's sentence in the upper part of its pane, a few rows
        // down, so the panel never covers it.
        let room = self.rows_above_panel().max(1);
        let pane = &mut self.panes[side];
        if let Some((first, last)) = pane.sentence_rows(pane.cursor)
            && (first < pane.top || last >= pane.top + room)
        {
            pane.top = first.saturating_sub(room / 4);
            pane.clamp();
        }
        self.level_sentence(side, other);
        // Keep the candidate above the panel too.
        let pane = &mut self.panes[side.other()];
        if let Some((first, last)) = pane.sentence_rows(other)
            && (first < pane.top || last >= pane.top + room)
        {
            pane.top = first.saturating_sub(room / 4);
            pane.clamp();
        }
    }

    pub(super) fn candidates_action(&mut self, action: Action) {
        let Mode::Candidates(list) = &self.mode else {
            return;
        };
        let count = self.cursor_candidates_of(list).len();
        let Mode::Candidates(list) = &mut self.mode else {
            return;
        };
        match action {
            Action::SelectNext if count > 0 => {
                list.selected = (list.selected + 1) % count;
                self.preview_candidate();
            }
            Action::SelectPrev if count > 0 => {
                list.selected = (list.selected + count - 1) % count;
                self.preview_candidate();
            }
            Action::Cancel => {
                let (side, (top, cursor)) = (list.side, list.other_was);
                self.mode = Mode::Normal;
                self.fit_panel();
                let other = &mut self.panes[side.other()];
                other.top = top;
                other.cursor = cursor;
                other.clamp();
                self.panes[side].reveal_cursor();
            }
            Action::Confirm => {
                self.take_candidate();
            }
            Action::TagAgree | Action::TagContradict | Action::TagPartial | Action::TagUnclear
                if self.take_candidate() =>
            {
                let label = match action {
                    Action::TagAgree => "agree",
                    Action::TagContradict => "contradict",
                    Action::TagPartial => "partial",
                    _ => "unclear",
                };
                self.tag_current(label);
            }
            _ => {}
        }
    }

    /// Makes the selected candidate the current pair; whether it could as
    /// asked (not when those passages are judged on other sentences).
    fn take_candidate(&mut self) -> bool {
        let Mode::Candidates(list) = &self.mode else {
            return false;
        };
        let side = list.side;
        let Some(candidate) = self.cursor_candidates_of(list).get(list.selected) else {
            return false;
        };
        let sentences = [
            side.pick(list.sentence, candidate.other as usize),
            side.pick(candidate.other as usize, list.sentence),
        ];
        self.mode = Mode::Normal;
        let passages = [
            self.panes[Side::Left].sentences[sentences[0]].passage,
            self.panes[Side::Right].sentences[sentences[1]].passage,
        ];
        let (left, right) = (passages[0], passages[1]);
        let found = self.comparison.as_ref().and_then(|c| c.find(left, right));
        let pair = match found {
            Some(i) => i,
            None => {
                // Not a pair of the engine's: link the two by hand.
                if !self.can_edit() {
                    return false;
                }
                self.pair_span = Some([(sentences[0], sentences[0]), (sentences[1], sentences[1])]);
                let Some(tag) = self.new_tag(left, right, Origin::Manual) else {
                    return false;
                };
                self.edit(Op::AddTag(tag));
                match self.comparison.as_ref().and_then(|c| c.find(left, right)) {
                    Some(i) => i,
                    None => return false,
                }
            }
        };
        // Keep the view: the pair is on screen already, cursors on it.
        if let Some(c) = &mut self.comparison {
            c.current = Some(pair);
        }
        self.pair_span = Some([(sentences[0], sentences[0]), (sentences[1], sentences[1])]);
        for side in Side::BOTH {
            self.panes[side].set_cursor(sentences[side.index()]);
        }
        // One judgement per pair of passages: if these passages are judged
        // on other sentences, that judgement is what is shown (and what the
        // tagging keys change), never silently moved.
        let judged = self
            .tagging
            .as_ref()
            .is_some_and(|t| t.tag_for(left, right).is_some());
        if found.is_some() && judged {
            let span = self.span_of_pair(pair);
            if span.is_some_and(|s| [s[0].0, s[1].0] != sentences) {
                self.pair_span = span;
                let (widen, untag) = (self.key_of(Action::WidenSpan), self.key_of(Action::Untag));
                self.warn(format!(
                    "p{} ↔ p{} is already judged on other sentences (highlighted): a judgement now changes that one; {widen} widens it, {untag} removes it to judge these",
                    left + 1,
                    right + 1
                ));
                return false;
            }
        }
        let stances = [
            Action::TagAgree,
            Action::TagContradict,
            Action::TagPartial,
            Action::TagUnclear,
        ]
        .map(|a| self.key_in(Table::Normal, a))
        .join("/");
        let what = if found.is_some() {
            "pair"
        } else {
            "linked by hand"
        };
        self.info(format!(
            "{what}: {} ↔ {}; judge it with {stances}",
            self.panes[Side::Left].sentences[sentences[0]].id,
            self.panes[Side::Right].sentences[sentences[1]].id,
        ));
        true
    }
}
