//! Where the analyst left a comparison, so that opening the same two
//! reports again resumes there: the focused pane, each pane's scroll
//! position and cursor (as offsets into the text, so a different terminal
//! width still lands on the same words), the topic filter and the last
//! export path. The model says what to remember and applies what it is
//! given; the shell keeps it in the state file (`shell/state.rs`).

use serde::{Deserialize, Serialize};

use super::pane::CursorShown;
use super::{App, Mode, PairSort};
use crate::side::Side;

/// What the reader remembers of one comparison.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Resume {
    pub focus: Side,
    /// Byte offset of each pane's top row.
    pub top: [usize; 2],
    /// Byte offset of the start of each pane's cursor sentence.
    pub cursor: [usize; 2],
    /// The label of the topic filter in force, if any.
    pub topic: Option<String>,
    /// The path of the last export written from the reader.
    pub export_path: Option<String>,
    /// How the pair list was sorted: "score", "position" or "stance".
    pub pair_sort: Option<String>,
}

impl App {
    /// Where the analyst is now.
    pub fn resume_state(&self) -> Resume {
        let top = |side: Side| {
            let pane = &self.panes[side];
            pane.wrapped
                .lines
                .get(pane.top)
                .map_or(0, |l| l.start as usize)
        };
        let cursor = |side: Side| {
            self.panes[side]
                .cursor_sentence()
                .map_or(0, |s| s.byte_start)
        };
        let topic = self.comparison.as_ref().and_then(|c| {
            c.topic
                .and_then(|t| c.alignment.topics.get(t))
                .map(|t| t.label.clone())
        });
        Resume {
            focus: self.focus,
            top: [top(Side::Left), top(Side::Right)],
            cursor: [cursor(Side::Left), cursor(Side::Right)],
            topic,
            export_path: self.last_export.clone(),
            pair_sort: Some(self.pair_sort.name().to_string()),
        }
    }

    /// Resumes at `resume`: positions now if the panes are laid out (else
    /// at the first layout), the topic filter once the alignment arrives.
    pub fn with_resume(mut self, resume: Resume) -> Self {
        self.focus = resume.focus;
        self.last_export = resume.export_path.clone();
        if let Some(sort) = resume.pair_sort.as_deref().and_then(PairSort::from_name) {
            self.pair_sort = sort;
        }
        self.resume = Some(resume);
        self.apply_resume();
        self
    }

    /// Applies what can be applied of the pending resume state.
    pub(super) fn apply_resume(&mut self) {
        let Some(resume) = &self.resume else {
            return;
        };
        if self.layout.is_some() && !self.resume_placed {
            for side in Side::BOTH {
                let pane = &mut self.panes[side];
                let len = pane.doc.text.len();
                if let Some(i) = pane.sentence_at_byte(resume.cursor[side].min(len)) {
                    pane.cursor = i;
                }
                if !pane.wrapped.lines.is_empty() {
                    pane.top = pane.wrapped.line_of_byte(resume.top[side].min(len));
                    pane.clamp();
                    // Left in a taller or wider terminal, the cursor may
                    // be below this one's last row.
                    if pane.cursor_shown() == CursorShown::Off {
                        pane.reveal_cursor();
                    }
                }
            }
            self.resume_placed = true;
        }
        if self.comparison.is_some() && self.mode == Mode::Normal {
            let topic = resume.topic.clone();
            self.resume = None;
            let index = topic.as_ref().and_then(|label| {
                self.comparison
                    .as_ref()?
                    .alignment
                    .topics
                    .iter()
                    .position(|t| &t.label == label)
            });
            match (topic, index) {
                (Some(_), Some(i)) => self.select_topic(Some(i)),
                (Some(label), None) => self.info(format!(
                    "the topic “{label}” of last time is gone: all topics shown"
                )),
                _ => {}
            }
        }
    }
}
