//! The label picker (`l`): the tag set's labels fuzzy-filtered by what is
//! typed, a row to create a label from the typed name, and the custom
//! labels' upkeep: rename (the new name is typed in the same field) and
//! remove (asked first when judgements carry the label; undoable).

use super::{App, LineInput, Mode};
use crate::action::Action;
use crate::keymap::Table;
use crate::tags::history::Op;
use crate::tags::{Label, Stance};

/// One row of the label picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LabelRow {
    /// An existing label, with the filter's matched char positions.
    Existing { label: Label, matched: Vec<usize> },
    /// Create a label with this name.
    Create(String),
}

/// The label picker's state.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LabelPicker {
    /// The filter, or the new name while renaming.
    pub filter: LineInput,
    pub selected: usize,
    /// Renaming this label: the field holds its new name.
    pub renaming: Option<Label>,
    /// Asking before removing this label from this many judgements.
    pub confirm_remove: Option<(Label, usize)>,
}

impl App {
    pub(super) fn open_labels(&mut self) {
        if self.current_pair_passages().is_some() {
            self.mode = Mode::Labels(LabelPicker::default());
        } else {
            let next = self.key_of(Action::NextPair);
            self.info(format!("no current pair: {next} goes to the next one"));
        }
    }

    /// The labels of the open set (the built-in stances without one).
    fn labels(&self) -> Vec<Label> {
        self.tagging
            .as_ref()
            .map(|t| t.set.labels.clone())
            .unwrap_or_else(|| Stance::ALL.iter().map(|s| s.label()).collect())
    }

    /// Rows of the label picker for `filter`: labels fuzzy-matched, best
    /// first, and "create" when no label has that exact name.
    pub fn label_rows(&self, filter: &str) -> Vec<LabelRow> {
        use fuzzy_matcher::FuzzyMatcher;
        let labels = self.labels();
        let matcher = fuzzy_matcher::skim::SkimMatcherV2::default().ignore_case();
        let mut scored: Vec<(i64, usize, LabelRow)> = labels
            .iter()
            .enumerate()
            .filter_map(|(i, label)| {
                if filter.is_empty() {
                    return Some((0, i, label.clone(), Vec::new()));
                }
                matcher
                    .fuzzy_indices(&label.name, filter)
                    .map(|(score, matched)| (score, i, label.clone(), matched))
            })
            .map(|(score, i, label, matched)| (score, i, LabelRow::Existing { label, matched }))
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut rows: Vec<LabelRow> = scored.into_iter().map(|(_, _, row)| row).collect();
        let name = filter.trim();
        if !name.is_empty() && !labels.iter().any(|l| l.name.eq_ignore_ascii_case(name)) {
            rows.push(LabelRow::Create(name.to_string()));
        }
        rows
    }

    /// The rows the picker shows now: while renaming, only the label being
    /// renamed.
    pub fn label_picker_rows(&self, picker: &LabelPicker) -> Vec<LabelRow> {
        match &picker.renaming {
            Some(label) => vec![LabelRow::Existing {
                label: label.clone(),
                matched: Vec::new(),
            }],
            None => self.label_rows(picker.filter.text()),
        }
    }

    pub(super) fn labels_action(&mut self, action: Action) {
        let Mode::Labels(picker) = &mut self.mode else {
            return;
        };
        if let Some((label, _)) = picker.confirm_remove.take() {
            if action == Action::Yes {
                self.remove_label(&label);
            } else {
                self.info(format!("label “{}” kept", label.name));
            }
            return;
        }
        if picker.renaming.is_some() {
            match action {
                Action::Confirm => {
                    let label = picker.renaming.take().expect("renaming");
                    let name = picker.filter.text().trim().to_string();
                    self.mode = Mode::Normal;
                    self.rename_label(label, name);
                }
                Action::Cancel => {
                    picker.renaming = None;
                    picker.filter = LineInput::default();
                }
                _ => {
                    self.edit_line(action);
                }
            }
            return;
        }
        match action {
            Action::Cancel => {
                self.mode = Mode::Normal;
                return;
            }
            Action::SelectNext => picker.selected += 1,
            Action::SelectPrev => picker.selected = picker.selected.saturating_sub(1),
            Action::Confirm => {
                let (filter, selected) = (picker.filter.text().to_string(), picker.selected);
                self.mode = Mode::Normal;
                match self.label_rows(&filter).get(selected).cloned() {
                    Some(LabelRow::Existing { label, .. }) => self.tag_current(&label.id),
                    Some(LabelRow::Create(name)) => self.create_label_and_tag(&name),
                    None => {}
                }
                return;
            }
            Action::RenameLabel | Action::DeleteEntry => {
                let (filter, selected) = (picker.filter.text().to_string(), picker.selected);
                let label = match self.label_rows(&filter).get(selected).cloned() {
                    Some(LabelRow::Existing { label, .. }) => label,
                    _ => return,
                };
                if Stance::from_id(&label.id).is_some() {
                    self.info(format!(
                        "“{}” is a built-in stance: only custom labels can be renamed or removed",
                        label.name
                    ));
                    return;
                }
                if action == Action::RenameLabel {
                    self.start_rename(label);
                } else {
                    self.ask_remove(label);
                }
                return;
            }
            _ => {
                self.edit_line(action);
            }
        }
        let Mode::Labels(picker) = &self.mode else {
            return;
        };
        let count = self.label_rows(picker.filter.text()).len();
        if let Mode::Labels(picker) = &mut self.mode {
            picker.selected = picker.selected.min(count.saturating_sub(1));
        }
    }

    fn start_rename(&mut self, label: Label) {
        let (confirm, cancel) = (
            self.key_in(Table::Labels, Action::Confirm),
            self.key_in(Table::Labels, Action::Cancel),
        );
        self.info(format!(
            "renaming “{}”: type the new name, {confirm} renames, {cancel} goes back",
            label.name
        ));
        if let Mode::Labels(picker) = &mut self.mode {
            picker.filter = LineInput::new(&label.name);
            picker.renaming = Some(label);
        }
    }

    fn rename_label(&mut self, label: Label, name: String) {
        if name.is_empty() || name == label.name {
            self.info(format!("label “{}” unchanged", label.name));
            return;
        }
        let taken = self
            .labels()
            .iter()
            .any(|l| l.id != label.id && l.name.eq_ignore_ascii_case(&name));
        if taken {
            self.warn(format!(
                "a label is already named “{name}”: pick another name"
            ));
            return;
        }
        if !self.can_edit() {
            return;
        }
        self.edit(Op::RenameLabel {
            id: label.id,
            name,
            glyph: label.glyph,
        });
    }

    /// Removes at once a label no judgement carries; otherwise asks.
    fn ask_remove(&mut self, label: Label) {
        let used = self.tagging.as_ref().map_or(0, |t| {
            t.set
                .tags
                .iter()
                .filter(|tag| tag.label.as_deref() == Some(label.id.as_str()))
                .count()
        });
        if used == 0 {
            self.mode = Mode::Normal;
            self.remove_label(&label);
            return;
        }
        let (yes, undo) = (
            self.key_in(Table::Confirm, Action::Yes),
            self.key_of(Action::Undo),
        );
        self.warn(format!(
            "remove “{}”? {used} judgement(s) carry it and would have no label: {yes} removes ({undo} undoes), any other key keeps it",
            label.name
        ));
        if let Mode::Labels(picker) = &mut self.mode {
            picker.confirm_remove = Some((label, used));
        }
    }

    fn remove_label(&mut self, label: &Label) {
        self.mode = Mode::Normal;
        if !self.can_edit() {
            return;
        }
        self.edit(Op::RemoveLabel {
            id: label.id.clone(),
            replacement: None,
        });
    }

    /// Adds a custom label (id derived from the name) and tags the current
    /// pair with it.
    fn create_label_and_tag(&mut self, name: &str) {
        if !self.can_edit() {
            return;
        }
        let id = label_id(name);
        let taken = self
            .tagging
            .as_ref()
            .is_some_and(|t| t.set.labels.iter().any(|l| l.id == id));
        if !taken {
            let glyph = crate::tags::model::custom_glyph(name);
            let label = Label {
                id: id.clone(),
                name: name.to_string(),
                glyph,
            };
            if !self.edit(Op::AddLabel(label)) {
                return;
            }
        }
        self.tag_current(&id);
    }
}

/// A label id from its name: lower case, words joined by `-`.
fn label_id(name: &str) -> String {
    let id: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                '-'
            }
        })
        .collect();
    let id = id
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if id.is_empty() {
        "label".to_string()
    } else {
        id
    }
}
