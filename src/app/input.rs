//! Where keys meet the model: which key table the current mode uses, the
//! resolution of a key event through the keymap into a message, and the
//! dispatch of actions, typed text and pastes to the mode that owns them.
//! The handlers of the small modes (search prompt, help, theme picker, the
//! quit question) live here too; the larger popups have their own files.

use ratatui::crossterm::event::KeyEvent;

use super::line_input::{LineEvent, LineInput};
use super::{App, Mode, Msg, Tagging};
use crate::action::{Action, Effect};
use crate::keymap::{Input, Table};

impl App {
    /// The key table of the current mode.
    pub fn key_table(&self) -> Table {
        match &self.mode {
            Mode::Normal => Table::Normal,
            Mode::SearchInput { .. } => Table::Search,
            Mode::Help { typing: true, .. } => Table::HelpFilter,
            Mode::Help { .. } => Table::Help,
            Mode::ThemePicker { .. } => Table::Themes,
            Mode::Topics { .. } => Table::Topics,
            Mode::ConfirmQuit => Table::ConfirmQuit,
            Mode::Labels(picker) if picker.confirm_remove.is_some() => Table::Confirm,
            Mode::Labels(_) => Table::Labels,
            Mode::Candidates(_) => Table::Candidates,
            Mode::PairList(_) => Table::PairList,
            Mode::Details { .. } => Table::Details,
            Mode::TagSets(p) if p.confirm_delete => Table::Confirm,
            Mode::TagSets(p) if p.input.is_some() => Table::TagSetName,
            Mode::TagSets(_) => Table::TagSets,
            Mode::Review { .. } => Table::Review,
            Mode::Note => Table::Note,
            Mode::Export(d) if d.confirm_overwrite => Table::Confirm,
            Mode::Export(_) => Table::Export,
        }
    }

    /// What `key` means now, resolved through the keymap.
    pub fn key_msg(&self, key: &KeyEvent) -> Option<Msg> {
        match self.keymap.resolve(self.key_table(), key)? {
            Input::Action(action) => Some(Msg::Action(action)),
            Input::Text(c) => Some(Msg::Text(c)),
        }
    }

    /// Resolves `key` and applies what it means (the runtime's and the
    /// tests' way in for key presses).
    pub fn on_key(&mut self, key: &KeyEvent) -> Vec<Effect> {
        match self.key_msg(key) {
            Some(msg) => self.update(msg),
            None => Vec::new(),
        }
    }

    /// The key of `action` in `table` of the live keymap, for hints.
    pub fn key_in(&self, table: Table, action: Action) -> String {
        self.keymap.key(table, action)
    }

    /// The normal-mode key of `action`, for messages.
    pub fn key_of(&self, action: Action) -> String {
        self.keymap.normal(action)
    }

    /// `text` with each `{key:ACTION}` (normal mode) or
    /// `{key:TABLE.ACTION}` replaced by the live key, so that text made
    /// outside the model (the tag store's notices) names the user's keys.
    pub fn fill_keys(&self, text: &str) -> String {
        self.keymap.fill_keys(text)
    }

    /// Performs `action` in the current mode.
    pub(super) fn act(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::ForceQuit => return self.force_quit(),
            Action::Suspend => return vec![Effect::Suspend],
            _ => {}
        }
        match self.mode {
            Mode::Normal => self.apply(action),
            Mode::SearchInput { .. } => {
                self.search_action(action);
                Vec::new()
            }
            Mode::Help { .. } => {
                self.help_action(action);
                Vec::new()
            }
            Mode::ThemePicker { .. } => self.theme_action(action),
            Mode::Topics { .. } => {
                self.topics_action(action);
                Vec::new()
            }
            Mode::Candidates(_) => {
                self.candidates_action(action);
                Vec::new()
            }
            Mode::PairList(_) => {
                self.pair_list_action(action);
                Vec::new()
            }
            Mode::Details { .. } => {
                self.details_action(action);
                Vec::new()
            }
            Mode::Labels(_) => {
                self.labels_action(action);
                Vec::new()
            }
            Mode::TagSets(_) => self.tag_sets_action(action),
            Mode::Review { .. } => {
                self.review_action(action);
                Vec::new()
            }
            Mode::Note => self.note_action(action),
            Mode::Export(_) => self.export_action(action),
            Mode::ConfirmQuit => self.confirm_quit_action(action),
        }
    }

    /// A character typed into the field of the current mode.
    pub(super) fn text(&mut self, c: char) {
        self.edit_field(|f| f.insert(c), |area| area.insert_char(c));
    }

    /// Text pasted (bracketed paste) into the field of the current mode.
    pub(super) fn paste(&mut self, text: &str) {
        self.edit_field(|f| f.paste(text), |area| area.paste(text));
    }

    /// Applies `line` to the one-line field of the mode, or `note` to the
    /// note editor.
    fn edit_field(
        &mut self,
        line: impl FnOnce(&mut LineInput) -> LineEvent,
        note: impl FnOnce(&mut crate::app::textarea::TextArea) -> crate::app::textarea::TextAreaEvent,
    ) {
        if let Mode::Note = self.mode {
            if let Some(editor) = &mut self.note {
                note(&mut editor.area);
            }
            return;
        }
        let Some(field) = self.field_mut() else {
            return;
        };
        if line(field) == LineEvent::Edited {
            self.field_edited();
        }
    }

    /// The one-line field the keyboard is typing into, if any.
    fn field_mut(&mut self) -> Option<&mut LineInput> {
        match &mut self.mode {
            Mode::SearchInput { query } => Some(query),
            Mode::Help {
                filter,
                typing: true,
                ..
            } => Some(filter),
            Mode::Topics { filter, .. } => Some(filter),
            Mode::PairList(list) => Some(&mut list.filter),
            Mode::Labels(picker) if picker.confirm_remove.is_none() => Some(&mut picker.filter),
            Mode::TagSets(picker) => picker.input.as_mut().map(|(_, name)| name),
            Mode::Export(dialog) if !dialog.confirm_overwrite => Some(match dialog.field {
                0 => &mut dialog.path,
                i => &mut dialog.names[(i - 1).min(1)],
            }),
            _ => None,
        }
    }

    /// After the text of a field changed: filters start from their first
    /// row again; a typed export path is kept across format changes.
    fn field_edited(&mut self) {
        match &mut self.mode {
            Mode::Topics { selected, .. } => *selected = 0,
            Mode::Labels(picker) => picker.selected = 0,
            Mode::PairList(list) => list.selected = 0,
            Mode::Help { scroll, .. } => *scroll = 0,
            Mode::Export(dialog) => dialog.path_edited |= dialog.field == 0,
            _ => {}
        }
    }

    /// Applies a line-editing action to the mode's field; whether it was one.
    pub(super) fn edit_line(&mut self, action: Action) -> bool {
        let Some(field) = self.field_mut() else {
            return false;
        };
        match field.edit(action) {
            LineEvent::Ignored => false,
            LineEvent::Moved => true,
            LineEvent::Edited => {
                self.field_edited();
                true
            }
        }
    }

    /// Ctrl-c, from any mode: never drops a judgement (an open note is
    /// kept, unsaved changes are saved first, and if they cannot be, it
    /// asks as `quit` does).
    fn force_quit(&mut self) -> Vec<Effect> {
        self.save_and_quit()
    }

    fn search_action(&mut self, action: Action) {
        let Mode::SearchInput { query } = &mut self.mode else {
            return;
        };
        match action {
            Action::Confirm => {
                let query = query.text().to_string();
                self.mode = Mode::Normal;
                self.run_search(query);
            }
            Action::Cancel => {
                self.mode = Mode::Normal;
                self.status = None;
            }
            // Deleting back from an empty query leaves search, as in vi.
            Action::DeleteBack if query.is_empty() => self.mode = Mode::Normal,
            _ => {
                self.edit_line(action);
            }
        }
    }

    fn help_action(&mut self, action: Action) {
        let Mode::Help {
            scroll,
            filter,
            typing,
        } = &mut self.mode
        else {
            return;
        };
        if *typing {
            match action {
                Action::Confirm => *typing = false,
                Action::Cancel => {
                    *typing = false;
                    *filter = LineInput::default();
                    *scroll = 0;
                }
                _ => {
                    self.edit_line(action);
                }
            }
            return;
        }
        let page = usize::from(self.size.1.saturating_sub(6)).max(1);
        match action {
            Action::ScrollDown => *scroll += 1,
            Action::ScrollUp => *scroll = scroll.saturating_sub(1),
            Action::PageDown => *scroll += page,
            Action::PageUp => *scroll = scroll.saturating_sub(page),
            Action::Top => *scroll = 0,
            // The view clamps it to the last screenful.
            Action::Bottom => *scroll = usize::MAX / 2,
            Action::FilterHelp => {
                *typing = true;
                *scroll = 0;
            }
            Action::Help | Action::Cancel => self.mode = Mode::Normal,
            _ => {}
        }
    }

    fn theme_action(&mut self, action: Action) -> Vec<Effect> {
        let Mode::ThemePicker { selected, original } = &mut self.mode else {
            return Vec::new();
        };
        let count = self.themes.len();
        match action {
            Action::SelectNext => *selected = (*selected + 1) % count,
            Action::SelectPrev => *selected = (*selected + count - 1) % count,
            Action::Confirm => {
                let name = self.themes[*selected].name.clone();
                self.mode = Mode::Normal;
                self.info(format!("theme: {name} (remembered for next time)"));
                self.picked_theme = Some(name);
                return vec![Effect::RememberSession];
            }
            Action::Cancel => {
                self.theme_index = *original;
                self.mode = Mode::Normal;
                return Vec::new();
            }
            _ => {}
        }
        self.theme_index = *selected;
        Vec::new()
    }

    fn confirm_quit_action(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::SaveAndQuit => {
                self.mode = Mode::Normal;
                self.quit_after_save = true;
                let effects = self.save();
                if effects.is_empty() {
                    self.quit_after_save = false;
                }
                effects
            }
            Action::QuitWithoutSaving => vec![Effect::Quit],
            _ => {
                self.mode = Mode::Normal;
                self.info("not quitting");
                Vec::new()
            }
        }
    }

    /// Whether quitting now would leave judgements unsaved.
    pub fn unsaved(&self) -> bool {
        self.tagging.as_ref().is_some_and(Tagging::dirty)
    }
}
