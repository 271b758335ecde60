//! The tag set picker (`T`, where another set can also be opened to compare
//! with) and the review of orphaned and conflicted tags (`R`): the update
//! logic; file operations are effects answered by the runtime.

use super::{App, Level, LineInput, Mode, Status};
use crate::action::{Action, Effect};
use crate::tags::history::Op;
use crate::tags::store::validate_name;
use crate::tags::{Anchor, Side, TagSet};

/// One tag set as the picker lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagSetEntry {
    pub name: String,
    /// "left title │ right title", if the file could be read.
    pub documents: Option<String>,
    pub tags: usize,
    pub problem: Option<String>,
    /// The tag set open in this reader.
    pub current: bool,
    /// The open set's file is no longer what this reader last read or
    /// wrote (another program changed it): reopening it then keeps both.
    pub changed_on_disk: bool,
}

/// One row of the review (`R`): a tag of the open set, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewRow {
    /// Its quotes were not found again in the edited reports.
    Orphan(usize),
    /// A merge left two judgements in it.
    Conflict(usize),
}

/// What the name box of the picker is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameFor {
    /// A new, empty tag set.
    New,
    /// A copy of the current judgements under another name.
    SaveAs,
    Rename,
}

/// The picker's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagSetPicker {
    pub entries: Vec<TagSetEntry>,
    pub selected: usize,
    /// Typing a name, and for what.
    pub input: Option<(NameFor, LineInput)>,
    /// Asking to confirm deleting the selected entry.
    pub confirm_delete: bool,
}

impl App {
    pub(super) fn open_tag_sets(&mut self) -> Vec<Effect> {
        self.mode = Mode::TagSets(TagSetPicker {
            entries: Vec::new(),
            selected: 0,
            input: None,
            confirm_delete: false,
        });
        vec![Effect::ListTagSets]
    }

    pub(super) fn tag_sets_listed(&mut self, result: Result<Vec<TagSetEntry>, String>) {
        match (result, &mut self.mode) {
            (Ok(entries), Mode::TagSets(picker)) => {
                picker.selected = entries.iter().position(|e| e.current).unwrap_or(0);
                picker.entries = entries;
            }
            (Ok(_), _) => {}
            (Err(e), _) => self.error(e),
        }
    }

    pub(super) fn tag_set_opened(
        &mut self,
        result: Result<Box<super::OpenedSet>, String>,
    ) -> Vec<Effect> {
        match result {
            Ok(opened) => {
                let name = opened.set.name.clone();
                let autosave = self.tagging.as_ref().map_or(1000, |t| t.autosave_ms);
                let changed = opened.changed;
                self.mode = Mode::Normal;
                self.open_tags(*opened, autosave);
                if self.status.as_ref().is_none_or(|s| s.level == Level::Info) {
                    self.info(format!("tag set: {name}"));
                }
                if changed { self.save() } else { Vec::new() }
            }
            Err(e) => {
                self.error(e);
                Vec::new()
            }
        }
    }

    fn error(&mut self, text: String) {
        self.status = Some(Status {
            text,
            level: Level::Error,
        });
    }

    pub(super) fn tag_sets_action(&mut self, action: Action) -> Vec<Effect> {
        let dirty = self.unsaved();
        let writable = self.tagging.as_ref().is_some_and(|t| t.writable());
        let save = self.key_of(Action::Save);
        let Mode::TagSets(picker) = &mut self.mode else {
            return Vec::new();
        };
        let selected = picker.entries.get(picker.selected).cloned();
        if picker.confirm_delete {
            picker.confirm_delete = false;
            if let (Action::Yes, Some(entry)) = (action, selected) {
                // What the status said before is stale now; a failure
                // comes back as an error.
                self.status = None;
                return vec![Effect::DeleteTagSet { name: entry.name }];
            }
            self.info("not deleted");
            return Vec::new();
        }
        if let Some((purpose, name)) = &mut picker.input {
            match action {
                Action::Cancel => picker.input = None,
                Action::Confirm => {
                    let (purpose, name) = (*purpose, name.text().trim().to_string());
                    if let Err(e) = validate_name(&name) {
                        self.error(e.to_string());
                        return Vec::new();
                    }
                    picker.input = None;
                    // An error about a name typed before is stale now.
                    self.status = None;
                    return self.name_entered(purpose, name, selected);
                }
                _ => {
                    self.edit_line(action);
                }
            }
            return Vec::new();
        }
        match action {
            Action::Cancel => self.mode = Mode::Normal,
            Action::SelectNext => {
                picker.selected = (picker.selected + 1).min(picker.entries.len().saturating_sub(1));
            }
            Action::SelectPrev => picker.selected = picker.selected.saturating_sub(1),
            Action::NewTagSet => picker.input = Some((NameFor::New, LineInput::default())),
            Action::SaveTagSetAs => picker.input = Some((NameFor::SaveAs, LineInput::default())),
            Action::RenameTagSet => {
                if let Some(entry) = selected {
                    picker.input = Some((NameFor::Rename, LineInput::new(&entry.name)));
                }
            }
            Action::DeleteEntry if selected.is_some() => picker.confirm_delete = true,
            Action::OpenOverlay => {
                let Some(entry) = selected else {
                    return Vec::new();
                };
                if entry.current {
                    self.info(format!(
                        "“{}” is the set you are editing: compare another analyst's set",
                        entry.name
                    ));
                    return Vec::new();
                }
                let shown = self
                    .overlay
                    .as_ref()
                    .is_some_and(|o| o.store_name.as_deref() == Some(entry.name.as_str()));
                if shown {
                    self.mode = Mode::Normal;
                    self.close_overlay();
                    return Vec::new();
                }
                return vec![Effect::OpenOverlay { name: entry.name }];
            }
            Action::Confirm => {
                let Some(entry) = selected else {
                    return Vec::new();
                };
                if dirty && entry.current && entry.changed_on_disk {
                    // Reloading after another program changed the file:
                    // keep both. The judgements only in memory are saved as
                    // a copy (which opens); the changed file stays as it is.
                    return self.keep_both(&entry.name);
                }
                if dirty && entry.current && writable {
                    // Nothing to reload: the file is as this reader left
                    // it, and the judgements not yet written go to it.
                    self.mode = Mode::Normal;
                    self.info(format!(
                        "“{}” is open already and unchanged on disk: saving your judgements to it",
                        entry.name
                    ));
                    return self.save();
                }
                if dirty {
                    // Switching would drop what is only in memory.
                    let save_as = self.key_in(crate::keymap::Table::TagSets, Action::SaveTagSetAs);
                    self.warn(format!(
                        "unsaved changes: save them ({save}), or save them under another name ({save_as}), first"
                    ));
                    return Vec::new();
                }
                return vec![Effect::SwitchTagSet { name: entry.name }];
            }
            _ => {}
        }
        Vec::new()
    }

    /// Saves the judgements in memory as a new tag set `NAME (mine TIME)`
    /// and opens it, leaving the file `name` as another program left it.
    fn keep_both(&mut self, name: &str) -> Vec<Effect> {
        let Some(tagging) = &self.tagging else {
            return Vec::new();
        };
        let stamp = self.clock.file_stamp();
        let mut set: TagSet = tagging.set.clone();
        set.name = format!("{name} (mine {stamp})");
        self.info(format!(
            "kept both: your unsaved judgements go to “{}”; “{name}” stays as changed on disk",
            set.name
        ));
        vec![Effect::CreateTagSet { set: Box::new(set) }]
    }

    fn name_entered(
        &mut self,
        purpose: NameFor,
        name: String,
        selected: Option<TagSetEntry>,
    ) -> Vec<Effect> {
        let [left, right] = &self.panes;
        match purpose {
            NameFor::New => {
                if self.unsaved() {
                    let save = self.key_of(Action::Save);
                    let save_as = self.key_in(crate::keymap::Table::TagSets, Action::SaveTagSetAs);
                    self.warn(format!(
                        "unsaved changes: save them ({save}) or save as ({save_as}) first"
                    ));
                    return Vec::new();
                }
                let set = TagSet::new(
                    name,
                    crate::tags::DocumentRef::of(&left.doc),
                    crate::tags::DocumentRef::of(&right.doc),
                );
                vec![Effect::CreateTagSet { set: Box::new(set) }]
            }
            NameFor::SaveAs => {
                let Some(tagging) = &self.tagging else {
                    return Vec::new();
                };
                let mut set: TagSet = tagging.set.clone();
                set.name = name;
                // The copy belongs to the documents open now.
                set.documents = [
                    crate::tags::DocumentRef::of(&left.doc),
                    crate::tags::DocumentRef::of(&right.doc),
                ];
                vec![Effect::CreateTagSet { set: Box::new(set) }]
            }
            NameFor::Rename => match selected {
                Some(entry) => vec![Effect::RenameTagSet {
                    old: entry.name,
                    new: name,
                }],
                None => Vec::new(),
            },
        }
    }

    /// What `R` lists: the orphaned tags, then those in merge conflict.
    pub fn review_rows(&self) -> Vec<ReviewRow> {
        let mut rows: Vec<ReviewRow> = self.orphans().into_iter().map(ReviewRow::Orphan).collect();
        rows.extend(self.conflicts().into_iter().map(ReviewRow::Conflict));
        rows
    }

    /// Indices (into the tag set) of the orphaned tags.
    pub fn orphans(&self) -> Vec<usize> {
        self.tagging.as_ref().map_or(Vec::new(), |t| {
            (0..t.set.tags.len())
                .filter(|&i| t.orphaned.contains(&t.set.tags[i].id))
                .collect()
        })
    }

    pub(super) fn open_review(&mut self) {
        if self.review_rows().is_empty() {
            self.info(
                "no orphaned tags and no merge conflicts: every tag found its passages and is settled",
            );
        } else {
            self.mode = Mode::Review { selected: 0 };
        }
    }

    pub(super) fn review_action(&mut self, action: Action) {
        let rows = self.review_rows();
        let Mode::Review { selected } = &mut self.mode else {
            return;
        };
        let row = rows.get(*selected).copied();
        let id_of =
            |app: &App, tag: usize| app.tagging.as_ref().map(|t| t.set.tags[tag].id.clone());
        match (action, row) {
            (Action::Cancel, _) => self.mode = Mode::Normal,
            (Action::SelectNext, _) => {
                *selected = (*selected + 1).min(rows.len().saturating_sub(1));
            }
            (Action::SelectPrev, _) => *selected = selected.saturating_sub(1),
            (Action::Reattach, Some(ReviewRow::Orphan(tag))) => self.reattach(tag),
            (Action::DeleteEntry, Some(ReviewRow::Orphan(tag))) => {
                if let Some(id) = id_of(self, tag) {
                    self.forget_orphan(tag);
                    self.edit(Op::RemoveTag { id });
                }
            }
            (Action::KeepOurs | Action::TakeTheirs, Some(ReviewRow::Conflict(tag))) => {
                if let Some(id) = id_of(self, tag) {
                    self.settle(&id, action == Action::TakeTheirs);
                }
            }
            (Action::Reattach | Action::DeleteEntry, Some(ReviewRow::Conflict(_))) => {
                let (ours, theirs) = (
                    self.key_in(crate::keymap::Table::Review, Action::KeepOurs),
                    self.key_in(crate::keymap::Table::Review, Action::TakeTheirs),
                );
                self.info(format!(
                    "a merge conflict: {ours} keeps your judgement, {theirs} takes theirs"
                ));
            }
            (Action::KeepOurs | Action::TakeTheirs, Some(ReviewRow::Orphan(_))) => {
                self.info("an orphaned tag has no conflict to settle: re-attach or delete it");
            }
            _ => {}
        }
        let left = self.review_rows().len();
        if let Mode::Review { selected } = &mut self.mode {
            if left == 0 {
                self.mode = Mode::Normal;
            } else {
                *selected = (*selected).min(left - 1);
            }
        }
    }

    /// Points orphaned tag `tag` at the current pair's passages.
    fn reattach(&mut self, tag: usize) {
        let Some((left, right)) = self.current_pair_passages() else {
            let (next, mark, review) = (
                self.key_of(Action::NextPair),
                self.key_of(Action::MarkLink),
                self.key_of(Action::ReviewOrphans),
            );
            let reattach = self.key_in(crate::keymap::Table::Review, Action::Reattach);
            self.warn(format!(
                "go to the pair this tag belongs to first ({next} or {mark}), then {review} and {reattach}"
            ));
            self.mode = Mode::Normal;
            return;
        };
        let anchors = (
            Anchor::for_passage(&self.panes[Side::Left].doc, left),
            Anchor::for_passage(&self.panes[Side::Right].doc, right),
        );
        let (Some(l), Some(r), Some(id)) = (
            anchors.0,
            anchors.1,
            self.tagging.as_ref().map(|t| t.set.tags[tag].id.clone()),
        ) else {
            return;
        };
        self.forget_orphan(tag);
        self.edit(Op::Reattach {
            id: id.clone(),
            side: Side::Left,
            anchor: l,
        });
        self.edit(Op::Reattach {
            id,
            side: Side::Right,
            anchor: r,
        });
        self.info(format!("re-attached to p{} ↔ p{}", left + 1, right + 1));
    }

    fn forget_orphan(&mut self, tag: usize) {
        if let Some(t) = &mut self.tagging {
            let id = t.set.tags[tag].id.clone();
            t.orphaned.remove(&id);
        }
    }
}
