//! Writing a note on the current pair: the note panel's text box, keeping
//! or discarding what was typed, and handing it to `$EDITOR`.

use super::{App, Mode};
use crate::action::{Action, Effect};
use crate::tags::history::Op;

impl App {
    /// Sets the note of the current pair, creating its tag if needed.
    pub(super) fn set_note(&mut self, left: usize, right: usize, note: String) {
        if !self.can_edit() {
            return;
        }
        let Some(id) = self.ensure_tag(left, right) else {
            return;
        };
        self.edit(Op::SetNote { id, note });
    }

    /// `i`: opens the note editor on the current pair's note.
    pub(super) fn open_note(&mut self) {
        let Some((left, right)) = self.current_pair() else {
            return;
        };
        if !self.can_edit() {
            return;
        }
        let note = self
            .tagging
            .as_ref()
            .and_then(|t| t.tag_for(left, right).map(|i| t.set.tags[i].note.clone()));
        let quotes = self.span_quotes(left, right);
        self.note = Some(super::NoteEditor {
            area: crate::app::textarea::TextArea::new(&note.unwrap_or_default()),
            left,
            right,
            quotes,
        });
        self.mode = Mode::Note;
        self.show_span_above_panel();
    }

    pub(super) fn note_action(&mut self, action: Action) -> Vec<Effect> {
        let Some(editor) = &mut self.note else {
            self.mode = Mode::Normal;
            return Vec::new();
        };
        match action {
            Action::SaveNote => self.close_note(true),
            Action::DiscardNote => self.close_note(false),
            Action::ExternalEditor => {
                return vec![Effect::EditExternally {
                    text: editor.area.text(),
                }];
            }
            _ => {
                editor.area.edit(action);
            }
        }
        Vec::new()
    }

    /// Closes the note editor, keeping the note (`keep`) or throwing the
    /// changes away.
    pub(super) fn close_note(&mut self, keep: bool) {
        let Some(editor) = self.note.take() else {
            return;
        };
        self.mode = Mode::Normal;
        if !keep {
            self.info("note discarded");
        } else if editor.area.is_modified() {
            self.set_note(editor.left, editor.right, editor.area.text());
        } else {
            self.info("note unchanged");
        }
    }
}
