//! The whole of what the status line can only begin (`D`): the message in
//! full, and for the current pair its sentences, score, the engine's
//! reasons and hint, topics, the judgement and the note, wrapped in a popup.

use super::{App, Mode};
use crate::action::Action;
use crate::side::Side;

impl App {
    pub(super) fn open_details(&mut self) {
        self.mode = Mode::Details { scroll: 0 };
    }

    /// The paragraphs of the details popup.
    pub fn details_text(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(status) = &self.status {
            out.push(format!("Message: {}", status.text));
        }
        // Links show their text in the pane; their targets are here, for
        // the passage of the focused pane's cursor.
        let pane = self.focused();
        if let Some(s) = pane.cursor_sentence() {
            let passage = &pane.doc.passages[s.passage];
            for (range, target) in &pane.doc.links {
                if range.start < passage.byte_end && range.end > passage.byte_start {
                    out.push(format!(
                        "Link: {} → {}",
                        pane.doc.text[range.clone()].trim(),
                        crate::sanitize::printable(target)
                    ));
                }
            }
        }
        let Some(c) = &self.comparison else {
            out.push("The alignment is still running.".to_string());
            return out;
        };
        let Some(pair) = c.current else {
            out.push("No current pair.".to_string());
            return out;
        };
        let p = c.pairs[pair];
        out.push(format!(
            "Pair: left p{} ↔ right p{} · {}{}",
            p.left + 1,
            p.right + 1,
            c.score(pair)
                .map_or("linked by hand".to_string(), |s| format!("score {s:.2}")),
            if c.is_rejected(pair) {
                " · rejected as not related"
            } else {
                ""
            }
        ));
        if let Some(span) = self.pair_span {
            for side in Side::BOTH {
                let pane = &self.panes[side];
                let (first, last) = span[side.index()];
                let text: Vec<String> = (first..=last)
                    .filter_map(|i| pane.sentences.get(i))
                    .map(|s| s.joined(&pane.doc.text))
                    .collect();
                let id = super::span::span_id(pane, first, last);
                out.push(format!(
                    "{} {id}: {}",
                    side.pick("Left", "Right"),
                    text.join(" ")
                ));
            }
            // What the engine saw between the two sentences.
            let candidate = c.alignment.candidate_between(span[0].0, span[1].0);
            if let Some(candidate) = candidate {
                let reasons: Vec<&str> = candidate
                    .reasons
                    .iter()
                    .filter_map(|&r| c.alignment.reasons.get(r as usize).map(String::as_str))
                    .collect();
                out.push(format!(
                    "Why the engine links them ({:.2}): {}",
                    candidate.score,
                    reasons.join(" · ")
                ));
                if let Some(hint) = &candidate.hint {
                    out.push(format!(
                        "Suggested (not a judgement): {}: {}",
                        hint.kind.as_str(),
                        hint.why
                    ));
                }
            }
        }
        out.push(format!("Passages: {}", c.explain(pair)));
        if let Some(t) = &self.tagging
            && let Some(i) = t.tag_for(p.left, p.right)
        {
            let tag = &t.set.tags[i];
            let label = t.label_of(tag).map_or("not judged".to_string(), |l| {
                format!("{} {}", l.glyph, l.name)
            });
            out.push(format!("Judgement: {label}"));
            if !tag.note.is_empty() {
                out.push(format!("Note: {}", tag.note));
            }
        }
        out.extend(self.overlay_details(p.left, p.right));
        out
    }

    pub(super) fn details_action(&mut self, action: Action) {
        let Mode::Details { scroll } = &mut self.mode else {
            return;
        };
        match action {
            Action::ScrollDown => *scroll += 1,
            Action::ScrollUp => *scroll = scroll.saturating_sub(1),
            Action::Cancel | Action::Details => self.mode = Mode::Normal,
            _ => {}
        }
    }
}
