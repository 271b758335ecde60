//! Saving the judgements: autosave after a quiet moment, `ctrl-s`, the
//! answer of a save, `ctrl-c`'s save-and-quit, and what must be written if
//! the process ends without asking (the model decides; the shell writes).

use super::{App, Level, Mode, TagAccess, Tagging};
use crate::action::{Action, Effect};
use crate::tags::{Origin, TagSet};

impl App {
    /// Ctrl-c: keeps the note being written, saves what is unsaved and
    /// quits once the save is done. If the tag file may not be written, it
    /// asks as `q` does rather than drop the judgements.
    pub(super) fn save_and_quit(&mut self) -> Vec<Effect> {
        self.keep_open_note();
        let Some(t) = &self.tagging else {
            return vec![Effect::Quit];
        };
        if !t.dirty() {
            return vec![Effect::Quit];
        }
        if !t.writable() {
            self.mode = Mode::ConfirmQuit;
            return Vec::new();
        }
        self.quit_after_save = true;
        let effects = self.save();
        if effects.is_empty() && self.tagging.as_ref().is_some_and(|t| t.saving.is_none()) {
            // Nothing could be saved (the reason is in the status line).
            self.quit_after_save = false;
        }
        effects
    }

    /// Closes the note editor keeping what was typed, as Enter would.
    pub(super) fn keep_open_note(&mut self) {
        let Some(editor) = self.note.take() else {
            return;
        };
        if matches!(self.mode, Mode::Note) {
            self.mode = Mode::Normal;
        }
        if editor.area.is_modified() {
            self.set_note(editor.left, editor.right, editor.area.text());
        }
    }

    /// What must be written if the process ends now without asking (a
    /// signal, a hang-up, a terminal that went away): the tag set with the
    /// note being written kept in it. `None` when nothing is unsaved or the
    /// file may not be written. Does not change the model.
    pub fn exit_snapshot(&self) -> Option<TagSet> {
        self.tagging.as_ref().filter(|t| t.writable())?;
        self.unsaved_with_draft()
    }

    /// When the process must end without asking and the tag file may not
    /// be written (read-only, refused): the unsaved judgements as a new tag
    /// set `NAME (unsaved DATE)`, so that nothing is lost without a word.
    pub fn exit_recovery(&self) -> Option<TagSet> {
        if self.tagging.as_ref()?.writable() {
            return None;
        }
        let mut set = self.unsaved_with_draft()?;
        let stamp = self.clock.file_stamp();
        set.name = format!("{} (unsaved {stamp})", set.name);
        Some(set)
    }

    /// The tag set with the note being written kept in it, if anything is
    /// unsaved.
    fn unsaved_with_draft(&self) -> Option<TagSet> {
        let tagging = self.tagging.as_ref()?;
        let draft = self
            .note
            .as_ref()
            .filter(|editor| editor.area.is_modified());
        if !tagging.dirty() && draft.is_none() {
            return None;
        }
        let mut set = tagging.set.clone();
        if let Some(editor) = draft {
            let note = editor.area.text();
            match tagging.tag_for(editor.left, editor.right) {
                Some(i) => {
                    if set.tags[i].note != note {
                        set.tags[i].analyst = tagging.history.analyst().map(str::to_string);
                    }
                    set.tags[i].note = note;
                    set.tags[i].modified = self.clock.rfc3339.clone();
                }
                None => {
                    if let Some(mut tag) = self.new_tag(editor.left, editor.right, Origin::Manual) {
                        tag.origin = self.origin_of(editor.left, editor.right);
                        tag.analyst = tagging.history.analyst().map(str::to_string);
                        tag.note = note;
                        set.tags.push(tag);
                    }
                }
            }
        }
        Some(set)
    }

    /// Autosave: a quiet period after the last change, then a save.
    pub(super) fn autosave(&mut self) -> Vec<Effect> {
        let ms = self.clock.ms;
        let Some(t) = &self.tagging else {
            return Vec::new();
        };
        let due = t.dirty()
            && t.writable()
            && t.saving.is_none()
            && t.autosave_ms > 0
            && t.failed_generation != Some(t.generation)
            && ms.saturating_sub(t.changed_at) >= t.autosave_ms;
        if due { self.save() } else { Vec::new() }
    }

    /// A save of the current generation, if one can be made.
    pub(super) fn save(&mut self) -> Vec<Effect> {
        let Some(t) = &mut self.tagging else {
            self.warn("nothing to save: no tag set is open");
            return Vec::new();
        };
        match &t.access {
            TagAccess::Writable => {}
            TagAccess::ReadOnly(reason) | TagAccess::Refused(reason) => {
                let text = format!(
                    "not saved: {reason} ({}: save under another name)",
                    self.keymap.normal(Action::TagSets)
                );
                self.status = Some(super::Status {
                    text,
                    level: Level::Error,
                });
                return Vec::new();
            }
        }
        if t.saving.is_some() {
            return Vec::new();
        }
        t.saving = Some(t.generation);
        vec![Effect::Save {
            set: Box::new(t.set.clone()),
            generation: t.generation,
        }]
    }

    /// The runtime reports a save.
    pub(super) fn saved(&mut self, generation: u64, result: Result<String, String>) -> Vec<Effect> {
        let Some(t) = &mut self.tagging else {
            return Vec::new();
        };
        t.saving = None;
        match result {
            Ok(note) => {
                t.saved_generation = t.saved_generation.max(generation);
                t.pending_moves = false;
                t.failed_generation = None;
                let announce = std::mem::take(&mut t.announce_save);
                let path = t.path.display().to_string();
                if !note.is_empty() {
                    self.warn(note);
                } else if announce {
                    self.info(format!("saved to {path}"));
                }
                if self.quit_after_save {
                    // Changes made while that save was in flight go too.
                    if self.tagging.as_ref().is_some_and(Tagging::dirty) {
                        return self.save();
                    }
                    return vec![Effect::Quit];
                }
            }
            Err(message) => {
                t.failed_generation = Some(generation);
                self.quit_after_save = false;
                self.status = Some(super::Status {
                    text: format!("{message} ({} retries)", self.keymap.normal(Action::Save)),
                    level: Level::Error,
                });
                if matches!(self.mode, Mode::ConfirmQuit) {
                    self.mode = Mode::Normal;
                }
            }
        }
        Vec::new()
    }
}
