//! The sentence cursor: one sentence per pane is "the one the analyst is
//! on". `)`/`(` move it, scrolling keeps it on screen, `}`/`{`, `]`/`[`,
//! search and a mouse click put it where they land; with scroll lock on,
//! the other pane follows the cursor's best partner when the alignment has
//! one.

use super::App;
use crate::align::Candidate;
use crate::side::Side;

impl App {
    /// `)` / `(`: the next or previous sentence of the focused pane.
    pub(super) fn step_sentence(&mut self, forward: bool) {
        let pane = self.focused_mut();
        if pane.sentences.is_empty() {
            return;
        }
        // From off screen, the first step lands on screen.
        let before = pane.cursor;
        pane.keep_cursor_on_screen();
        if pane.cursor == before {
            let next = if forward {
                (pane.cursor + 1).min(pane.sentences.len() - 1)
            } else {
                pane.cursor.saturating_sub(1)
            };
            pane.set_cursor(next);
        }
        self.follow_cursor();
    }

    /// After the focused pane scrolled: its cursor stays on screen, and so
    /// does the other's if scroll lock moved it.
    pub(super) fn cursor_after_scroll(&mut self) {
        for side in Side::BOTH {
            self.panes[side].keep_cursor_on_screen();
        }
    }

    /// Puts the cursor of `side` on the sentence containing byte `offset`.
    pub(super) fn cursor_to_byte(&mut self, side: Side, offset: usize) {
        let pane = &mut self.panes[side];
        if let Some(i) = pane.sentence_at_byte(offset) {
            pane.set_cursor(i);
        }
    }

    /// A click on the text of a pane: focus it and put the cursor on the
    /// sentence under the pointer.
    pub(super) fn click(&mut self, column: u16, row: u16) {
        let Some(layout) = self.layout else {
            return;
        };
        let Some(side) = layout.pane_at(column, row) else {
            return;
        };
        self.focus = side;
        let text = layout.panes[side].text;
        let pane = &self.panes[side];
        let Some(line) = row
            .checked_sub(text.y)
            .filter(|&r| r < text.height)
            .and_then(|r| pane.wrapped.lines.get(pane.top + r as usize))
        else {
            return;
        };
        // Walk the row to the clicked column (wide characters count double).
        let want = column.saturating_sub(text.x) as usize;
        let mut offset = line.start as usize;
        let mut width = 0;
        for (i, c) in pane.doc.text[line.range()].char_indices() {
            offset = line.start as usize + i;
            width += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if width > want {
                break;
            }
        }
        self.cursor_to_byte(side, offset);
        self.follow_cursor();
    }

    /// The engine's candidates for the cursor's sentence of `side`, best
    /// first (empty before the alignment, or for a sentence that never
    /// pairs).
    pub fn cursor_candidates(&self, side: Side) -> &[Candidate] {
        self.sentence_candidates(side, self.panes[side].cursor)
    }

    /// The engine's candidates for sentence `sentence` of `side`.
    pub fn sentence_candidates(&self, side: Side, sentence: usize) -> &[Candidate] {
        let Some(comparison) = &self.comparison else {
            return &[];
        };
        let candidates = &comparison.alignment.candidates;
        side.pick(&candidates.left, &candidates.right)
            .get(sentence)
            .map_or(&[], Vec::as_slice)
    }

    /// With scroll lock on, brings the best partner of the focused pane's
    /// cursor level with it in the other pane; without a partner, the
    /// pairs around the middle stay level as when scrolling.
    pub(super) fn follow_cursor(&mut self) {
        if !self.scroll_lock {
            return;
        }
        let lead = self.focus;
        match self
            .cursor_candidates(lead)
            .first()
            .map(|c| c.other as usize)
        {
            Some(partner) => self.level_sentence(lead, partner),
            None => self.sync_from(lead),
        }
    }

    /// Scrolls the pane other than `lead` so that its sentence `sentence`
    /// starts on the row where `lead`'s cursor starts, and puts its cursor
    /// there.
    pub(super) fn level_sentence(&mut self, lead: Side, sentence: usize) {
        let Some((row, _)) = self.panes[lead].sentence_rows(self.panes[lead].cursor) else {
            return;
        };
        let offset = row.saturating_sub(self.panes[lead].top);
        let other = &mut self.panes[lead.other()];
        let Some((first, _)) = other.sentence_rows(sentence) else {
            return;
        };
        other.cursor = sentence;
        other.top = first.saturating_sub(offset);
        other.clamp();
        other.reveal_cursor();
    }

    /// The alignment's sentences are the panes' own (same segmenter, same
    /// text); should they ever differ, the panes take the alignment's so
    /// that candidate indices mean the same sentence, keeping each cursor
    /// on the same text.
    pub(super) fn adopt_sentences(&mut self) {
        let Some(comparison) = &self.comparison else {
            return;
        };
        let sentences = &comparison.alignment.sentences;
        for (side, theirs) in [
            (Side::Left, &sentences.left),
            (Side::Right, &sentences.right),
        ] {
            let pane = &mut self.panes[side];
            if theirs.is_empty() {
                // An alignment made without sentences (none asked for).
                continue;
            }
            let same = pane.sentences.len() == theirs.len()
                && pane
                    .sentences
                    .iter()
                    .zip(theirs)
                    .all(|(a, b)| (a.byte_start, a.byte_end) == (b.byte_start, b.byte_end));
            if !same {
                let at = pane.cursor_sentence().map(|s| s.byte_start);
                pane.sentences = theirs.clone();
                pane.cursor = at.and_then(|b| pane.sentence_at_byte(b)).unwrap_or(0);
            }
        }
    }
}
