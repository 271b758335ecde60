//! The analyst's judgements in the reader: the open tag set, its edit
//! history, where each tag points now, and the update logic for tagging,
//! linking by hand, undo/redo and (debounced) saving. Pure: saving and file
//! operations are effects.

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::{App, Level, Mode};
use crate::action::{Action, Effect};
use crate::document::Document;
use crate::side::Side;
use crate::tags::history::{History, Op};
use crate::tags::store::{Content, TagFile};
use crate::tags::{
    AnchorState, DocumentRef, Label, Origin, Stance, Tag, TagId, TagSet, reanchor_and_move,
};

/// Whether the open tag file may be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TagAccess {
    Writable,
    /// Another diptych holds the lock, or the set came from a backup.
    ReadOnly(String),
    /// The file could not be read or belongs to other documents: it is
    /// never written; the analyst may save under another name.
    Refused(String),
}

/// A tag set ready for the reader, built from what the store opened.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenedSet {
    pub set: TagSet,
    pub states: Vec<[AnchorState; 2]>,
    pub path: PathBuf,
    pub access: TagAccess,
    /// Said in the status line on opening (moved or orphaned tags, errors).
    pub notice: Option<(Level, String)>,
    /// Re-anchoring moved tags or the documents' hashes changed: the set in
    /// memory differs from the file, which is left as it is until the
    /// analyst saves or makes another judgement (opening never writes).
    pub changed: bool,
}

impl OpenedSet {
    /// Where each tag's two sides stand, for the exporters (empty when
    /// unknown).
    pub fn tag_states(&self) -> Vec<[crate::tags::AnchorKind; 2]> {
        if self.states.len() == self.set.tags.len() {
            self.states
                .iter()
                .map(|s| s.map(AnchorState::kind))
                .collect()
        } else {
            Vec::new()
        }
    }
}

/// Turns a store's `Opened` into what the reader needs: re-anchors tags if
/// a document changed, refuses tag sets of other documents, and never lets
/// an unreadable file be overwritten.
pub fn prepare(file: &TagFile, content: Content, left: &Document, right: &Document) -> OpenedSet {
    let path = file.path().to_path_buf();
    let name = file.name();
    let fresh = || TagSet::new(name.clone(), DocumentRef::of(left), DocumentRef::of(right));
    let mut access = match file.access() {
        crate::tags::store::Access::ReadWrite => TagAccess::Writable,
        crate::tags::store::Access::ReadOnly { reason } => TagAccess::ReadOnly(format!(
            "read-only ({reason}): changes stay in memory; {}",
            path.display()
        )),
    };
    let (set, states, notice, changed) = match content {
        Content::New => (fresh(), Vec::new(), None, false),
        Content::Unreadable(error) => {
            let message = format!(
                "{error} — {{key:load_backup}} loads its backup, {{key:tag_sets}} starts another tag set"
            );
            access = TagAccess::Refused(message.clone());
            (fresh(), Vec::new(), Some((Level::Error, message)), false)
        }
        Content::Loaded(mut set) => match reanchor_and_move(&mut set, left, right) {
            Err(mismatch) => {
                let message = mismatch.to_string();
                access = TagAccess::Refused(message.clone());
                (fresh(), Vec::new(), Some((Level::Error, message)), false)
            }
            Ok(crate::tags::reanchor::Reanchored {
                states,
                moved,
                orphaned,
            }) => {
                let changed =
                    moved > 0 || set.documents != [DocumentRef::of(left), DocumentRef::of(right)];
                if changed {
                    set.documents = [DocumentRef::of(left), DocumentRef::of(right)];
                }
                let notice = match (moved, orphaned) {
                    (0, 0) => None,
                    (m, 0) => Some((
                        Level::Info,
                        format!(
                            "{m} {} moved in the edited report; the tag file keeps the old places until you save or judge",
                            if m == 1 { "tag" } else { "tags" }
                        ),
                    )),
                    (m, o) => Some((
                        Level::Warn,
                        format!(
                            "{m} tags moved, {o} orphaned: {{key:review_orphans}} to review them; \
                             the tag file is unchanged until you save or judge"
                        ),
                    )),
                };
                (set, states, notice, changed)
            }
        },
    };
    OpenedSet {
        set,
        states,
        path,
        access,
        notice,
        changed,
    }
}

/// The open tag set and everything the reader tracks about it.
#[derive(Debug, Clone)]
pub struct Tagging {
    pub set: TagSet,
    pub history: History,
    /// Tags whose quotes were not found again in the edited reports; they
    /// keep their old anchors until re-attached or deleted.
    pub orphaned: BTreeSet<TagId>,
    /// Tags found again elsewhere in edited reports (anchors updated).
    pub moved: BTreeSet<TagId>,
    /// Each side's state as found when the set was opened (for exports).
    pub sides: std::collections::BTreeMap<TagId, [crate::tags::AnchorKind; 2]>,
    /// Per tag: the passages (left, right) it covers, if anchored.
    pub pairs: Vec<Option<(usize, usize)>>,
    pub path: PathBuf,
    pub access: TagAccess,
    /// Bumped on every change; saves report which generation they wrote.
    pub generation: u64,
    pub saved_generation: u64,
    /// When (ms) the last change happened, for the autosave delay.
    pub changed_at: u64,
    /// Generation of the save in flight.
    pub saving: Option<u64>,
    /// The set in memory holds re-anchored places the file does not have
    /// yet; they are written by the next save, never by opening alone.
    pub pending_moves: bool,
    /// Generation whose save failed (autosave does not retry it in a loop).
    pub failed_generation: Option<u64>,
    pub autosave_ms: u64,
    /// The save in flight was asked for (ctrl-s): say when it is done.
    pub announce_save: bool,
}

impl Tagging {
    pub fn new(opened: OpenedSet, left: &Document, right: &Document, autosave_ms: u64) -> Self {
        let orphaned = opened
            .set
            .tags
            .iter()
            .zip(&opened.states)
            .filter(|(_, s)| s.contains(&AnchorState::Orphaned))
            .map(|(t, _)| t.id.clone())
            .collect();
        let moved = opened
            .set
            .tags
            .iter()
            .zip(&opened.states)
            .filter(|(_, s)| crate::tags::AnchorKind::of_tag(s) == crate::tags::AnchorKind::Moved)
            .map(|(t, _)| t.id.clone())
            .collect();
        let sides = opened
            .set
            .tags
            .iter()
            .zip(&opened.states)
            .map(|(t, s)| (t.id.clone(), s.map(AnchorState::kind)))
            .collect();
        let mut tagging = Tagging {
            sides,
            set: opened.set,
            history: History::default(),
            orphaned,
            moved,
            pairs: Vec::new(),
            path: opened.path,
            access: opened.access,
            generation: 0,
            saved_generation: 0,
            pending_moves: opened.changed,
            changed_at: 0,
            saving: None,
            failed_generation: None,
            autosave_ms,
            announce_save: false,
        };
        tagging.refresh(left, right);
        tagging
    }

    /// Unsaved changes exist.
    pub fn dirty(&self) -> bool {
        self.generation != self.saved_generation
    }

    pub fn writable(&self) -> bool {
        self.access == TagAccess::Writable
    }

    /// Recomputes which passages each tag covers.
    pub fn refresh(&mut self, left: &Document, right: &Document) {
        self.pairs = self
            .set
            .tags
            .iter()
            .map(|tag| {
                if self.orphaned.contains(&tag.id) {
                    return None;
                }
                Some((
                    left.passage_at_char(tag.left.start)?,
                    right.passage_at_char(tag.right.start)?,
                ))
            })
            .collect();
    }

    /// Index of the tag on the pair of these passages.
    pub fn tag_for(&self, left: usize, right: usize) -> Option<usize> {
        self.pairs.iter().position(|p| *p == Some((left, right)))
    }

    /// The label shown for a tag: its glyph and name.
    pub fn label_of(&self, tag: &Tag) -> Option<Label> {
        tag.label.as_deref().and_then(|id| self.set.label(id))
    }

    /// Pairs (left, right passage) that tags cover, for navigation.
    pub fn linked_pairs(&self) -> Vec<(usize, usize)> {
        self.pairs.iter().flatten().copied().collect()
    }

    /// The passage pairs whose tag rejects them as not related.
    pub fn rejected_pairs(&self) -> Vec<(usize, usize)> {
        self.set
            .tags
            .iter()
            .zip(&self.pairs)
            .filter(|(t, _)| t.label.as_deref() == Some(crate::tags::model::REJECTED))
            .filter_map(|(_, p)| *p)
            .collect()
    }
}

impl App {
    /// Installs an opened tag set (at start-up or after switching).
    pub fn open_tags(&mut self, mut opened: OpenedSet, autosave_ms: u64) {
        if let Some((_, text)) = &mut opened.notice {
            *text = self.fill_keys(text);
        }
        if let TagAccess::ReadOnly(reason) | TagAccess::Refused(reason) = &mut opened.access {
            *reason = self.fill_keys(reason);
        }
        if let Some((level, text)) = &opened.notice {
            self.status = Some(super::Status {
                text: text.clone(),
                level: *level,
            });
        } else if let TagAccess::ReadOnly(reason) = &opened.access {
            self.warn(reason.clone());
        }
        let [left, right] = &self.panes;
        self.tagging = Some(Tagging::new(opened, &left.doc, &right.doc, autosave_ms));
        self.sync_links();
    }

    /// Makes every tagged pair navigable, adding hand-made links to the
    /// comparison.
    pub(super) fn sync_links(&mut self) {
        let (Some(tagging), Some(comparison)) = (&self.tagging, &mut self.comparison) else {
            return;
        };
        comparison.set_links(&tagging.linked_pairs());
        comparison.set_rejected(tagging.rejected_pairs());
    }

    /// Whether there is a tag set to edit. Edits go to memory even when
    /// the file may not be written, so no judgement is lost; saving is what
    /// is refused, and [`App::note_unsaved`] says so.
    pub(super) fn can_edit(&mut self) -> bool {
        if self.tagging.is_none() {
            self.warn("tagging is unavailable: no tag set could be opened");
            return false;
        }
        true
    }

    /// After an edit, if the file may not be written, says that the change
    /// is kept in memory only.
    fn note_unsaved(&mut self) {
        let Some(TagAccess::ReadOnly(reason) | TagAccess::Refused(reason)) =
            self.tagging.as_ref().map(|t| &t.access)
        else {
            return;
        };
        let done = self
            .status
            .as_ref()
            .map_or(String::new(), |s| s.text.clone());
        let text = format!("{done} — kept in memory only: {reason}");
        self.warn(text);
    }

    /// The current pair's passages, or a hint on how to get one.
    fn current_pair(&mut self) -> Option<(usize, usize)> {
        let pair = self
            .comparison
            .as_ref()
            .and_then(|c| c.current.map(|i| c.pairs[i]));
        match pair {
            Some(p) => Some((p.left, p.right)),
            None => {
                let (next, mark) = (self.key_of(Action::NextPair), self.key_of(Action::MarkLink));
                self.info(format!(
                    "no current pair: {next} goes to the next one, {mark} links passages by hand"
                ));
                None
            }
        }
    }

    /// Applies one edit to the tag set, recording it for undo.
    pub(super) fn edit(&mut self, op: Op) -> bool {
        let now = self.clock.rfc3339.clone();
        let Some(tagging) = &mut self.tagging else {
            return false;
        };
        match tagging.history.apply(&mut tagging.set, op, &now) {
            Ok(Some(what)) => {
                self.changed();
                self.info(what);
                self.note_unsaved();
                true
            }
            Ok(None) => false,
            Err(e) => {
                self.warn(e.to_string());
                false
            }
        }
    }

    /// Bookkeeping after any change to the tag set.
    fn changed(&mut self) {
        let ms = self.clock.ms;
        let [left, right] = &self.panes;
        if let Some(tagging) = &mut self.tagging {
            tagging.generation += 1;
            tagging.changed_at = ms;
            tagging.refresh(&left.doc, &right.doc);
        }
        self.sync_links();
    }

    /// A new tag for the pair of these passages.
    /// A new tag on passages `left` and `right`, anchored on the current
    /// pair's sentence span where it lies in them.
    pub(super) fn new_tag(&self, left: usize, right: usize, origin: Origin) -> Option<Tag> {
        let l = self.span_anchor(Side::Left, left)?;
        let r = self.span_anchor(Side::Right, right)?;
        Some(Tag::new(
            TagId(self.clock.fresh_id.clone()),
            origin,
            l,
            r,
            &self.clock.rfc3339,
        ))
    }

    /// The tag of the current pair, creating it if needed.
    fn ensure_tag(&mut self, left: usize, right: usize) -> Option<TagId> {
        let tagging = self.tagging.as_ref()?;
        if let Some(i) = tagging.tag_for(left, right) {
            return Some(tagging.set.tags[i].id.clone());
        }
        let origin = self.origin_of(left, right);
        let tag = self.new_tag(left, right, origin)?;
        let id = tag.id.clone();
        self.edit(Op::AddTag(tag)).then_some(id)
    }

    /// Sets the label (a stance or a custom label id) of the current pair.
    pub(super) fn tag_current(&mut self, label: &str) {
        if !self.can_edit() {
            return;
        }
        let Some((left, right)) = self.current_pair() else {
            return;
        };
        let existing = self
            .tagging
            .as_ref()
            .and_then(|t| t.tag_for(left, right).map(|i| t.set.tags[i].clone()));
        match existing {
            Some(tag) => {
                self.edit(Op::SetLabel {
                    id: tag.id,
                    label: Some(label.to_string()),
                });
            }
            None => {
                let Some(mut tag) = self.new_tag(left, right, self.origin_of(left, right)) else {
                    return;
                };
                tag.label = Some(label.to_string());
                self.edit(Op::AddTag(tag));
            }
        }
        self.say_tag(left, right);
        self.note_unsaved();
    }

    fn origin_of(&self, left: usize, right: usize) -> Origin {
        let aligned = self.comparison.as_ref().is_some_and(|c| {
            c.find(left, right)
                .is_some_and(|i| c.pairs[i].aligned.is_some())
        });
        if aligned {
            Origin::Aligned
        } else {
            Origin::Manual
        }
    }

    /// A stance key on a current pair that is off screen in either pane
    /// brings the pair into view instead of judging it unseen; whether it
    /// did.
    pub(super) fn reveal_current_pair(&mut self, action: Action) -> bool {
        let Some(c) = &self.comparison else {
            return false;
        };
        let Some(i) = c.current else { return false };
        let p = c.pairs[i];
        let seen = [(0, p.left), (1, p.right)].iter().all(|&(side, passage)| {
            let pane = &self.panes[side];
            let first = pane.wrapped.passage_first_line.get(passage).copied();
            let last = pane
                .wrapped
                .passage_first_line
                .get(passage + 1)
                .copied()
                .unwrap_or(pane.wrapped.lines.len());
            first.is_some_and(|f| f < pane.top + pane.height && last > pane.top)
        });
        if seen {
            return false;
        }
        self.goto_pair(i, false);
        let key = self.key_of(action);
        let status = self
            .status
            .as_ref()
            .map_or(String::new(), |s| s.text.clone());
        self.info(format!("{status} — back in view: {key} again to judge it"));
        true
    }

    /// Confirms the current tag in the status line.
    fn say_tag(&mut self, left: usize, right: usize) {
        let Some(tagging) = &self.tagging else { return };
        let Some(i) = tagging.tag_for(left, right) else {
            return;
        };
        let tag = &tagging.set.tags[i];
        let label = tagging.label_of(tag).map_or("untagged".to_string(), |l| {
            format!("{} {}", l.glyph, l.name)
        });
        let note = if tag.note.is_empty() {
            ""
        } else {
            " · has a note"
        };
        self.info(format!("p{} ↔ p{}: {label}{note}", left + 1, right + 1));
    }

    /// Removes the stance of the current pair (`x`). A pair linked by hand
    /// stays linked (unlink it with its own key).
    pub(super) fn untag_current(&mut self) {
        if !self.can_edit() {
            return;
        }
        let Some((left, right)) = self.current_pair() else {
            return;
        };
        let Some(tag) = self
            .tagging
            .as_ref()
            .and_then(|t| t.tag_for(left, right).map(|i| t.set.tags[i].clone()))
        else {
            self.info("this pair has no tag");
            return;
        };
        let op = match tag.origin {
            Origin::Manual => Op::SetLabel {
                id: tag.id,
                label: None,
            },
            Origin::Aligned => Op::RemoveTag { id: tag.id },
        };
        self.edit(op);
    }

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

    /// The passage of `pane` the analyst is looking at: the first one that
    /// starts on screen, else the one at the top.
    pub fn passage_in_view(&self, pane: Side) -> Option<usize> {
        let p = &self.panes[pane];
        let rows = p
            .wrapped
            .lines
            .get(p.top..(p.top + p.height).min(p.wrapped.lines.len()))?;
        rows.iter()
            .find(|l| l.first && !l.separator)
            .or_else(|| rows.first())
            .map(|l| l.passage as usize)
    }

    /// `m`: marks the passage in view in the focused pane; on the other
    /// pane, links the marked passage with the one in view there.
    pub(super) fn mark_or_link(&mut self) {
        let Some(passage) = self.passage_in_view(self.focus) else {
            return;
        };
        match self.mark {
            Some((side, marked)) if side != self.focus => {
                let (left, right) = side.pick((marked, passage), (passage, marked));
                self.mark = None;
                if !self.can_edit() {
                    return;
                }
                let existing = self.comparison.as_ref().and_then(|c| c.find(left, right));
                if existing.is_none()
                    && self
                        .tagging
                        .as_ref()
                        .and_then(|t| t.tag_for(left, right))
                        .is_none()
                {
                    let Some(tag) = self.new_tag(left, right, Origin::Manual) else {
                        return;
                    };
                    self.edit(Op::AddTag(tag));
                }
                if let Some(i) = self.comparison.as_ref().and_then(|c| c.find(left, right)) {
                    self.goto_pair(i, false);
                }
                let stances = [
                    Action::TagAgree,
                    Action::TagContradict,
                    Action::TagPartial,
                    Action::TagUnclear,
                ]
                .map(|a| self.key_of(a))
                .join("/");
                let unlink = self.key_of(Action::Unlink);
                self.info(format!(
                    "linked p{} ↔ p{}: tag it with {stances}, {unlink} unlinks",
                    left + 1,
                    right + 1
                ));
            }
            Some((side, marked)) if side == self.focus && marked == passage => {
                self.mark = None;
                self.info("mark cleared");
            }
            _ => {
                self.mark = Some((self.focus, passage));
                let (switch, mark) = (
                    self.key_of(Action::SwitchPane),
                    self.key_of(Action::MarkLink),
                );
                self.info(format!(
                    "marked p{}: go to the other pane ({switch}) and press {mark} on the passage to link",
                    passage + 1
                ));
            }
        }
    }

    /// `M`: removes the hand-made link of the current pair (with its tag).
    pub(super) fn unlink_current(&mut self) {
        let Some((left, right)) = self.current_pair() else {
            return;
        };
        let tag = self
            .tagging
            .as_ref()
            .and_then(|t| t.tag_for(left, right).map(|i| t.set.tags[i].clone()));
        match tag {
            Some(tag) if tag.origin == Origin::Manual => {
                if self.can_edit() {
                    self.edit(Op::Unlink { id: tag.id });
                }
            }
            _ => {
                let mark = self.key_of(Action::MarkLink);
                self.info(format!(
                    "only pairs linked by hand ({mark}) can be unlinked"
                ));
            }
        }
    }

    pub(super) fn undo(&mut self, redo: bool) {
        let Some(tagging) = &mut self.tagging else {
            return;
        };
        let what = if redo {
            tagging.history.redo(&mut tagging.set)
        } else {
            tagging.history.undo(&mut tagging.set)
        };
        match what {
            Some(what) => {
                self.changed();
                let verb = if redo { "redone" } else { "undone" };
                self.info(format!("{verb}: {what}"));
            }
            None => self.info(if redo {
                "nothing to redo"
            } else {
                "nothing to undo"
            }),
        }
    }

    /// `>`/`<`: the next (previous) visible pair with no stance yet.
    pub(super) fn step_untagged(&mut self, forward: bool) {
        let Some(comparison) = &self.comparison else {
            self.info("no alignment yet");
            return;
        };
        let mut visible: Vec<usize> = comparison.visible_pairs().collect();
        if !forward {
            visible.reverse();
        }
        let untagged = |i: usize| {
            let p = comparison.pairs[i];
            self.tagging.as_ref().is_none_or(|t| {
                t.tag_for(p.left, p.right)
                    .is_none_or(|k| t.set.tags[k].label.is_none())
            })
        };
        let start = comparison
            .current
            .and_then(|c| visible.iter().position(|&i| i == c))
            .map_or(0, |p| p + 1);
        let found = visible[start.min(visible.len())..]
            .iter()
            .chain(&visible[..start.min(visible.len())])
            .copied()
            .find(|&i| untagged(i));
        let hidden = comparison.topic.map(|_| {
            comparison
                .pairs
                .iter()
                .enumerate()
                .filter(|&(i, _)| untagged(i) && !visible.contains(&i))
                .count()
        });
        match (found, hidden) {
            (Some(i), _) => self.goto_pair(i, false),
            // The counters count every pair; say why they still show some.
            (None, Some(n)) if n > 0 => self.info(format!(
                "every pair of this topic is tagged; {n} untagged outside it"
            )),
            (None, _) => self.info("every pair is tagged"),
        }
    }

    /// Counts for the status line: pairs, each stance, untagged.
    pub fn tag_counts(&self) -> Option<TagCounts> {
        let comparison = self.comparison.as_ref()?;
        let mut counts = TagCounts {
            pairs: comparison.pairs.len(),
            ..TagCounts::default()
        };
        for p in &comparison.pairs {
            let label = self.tagging.as_ref().and_then(|t| {
                t.tag_for(p.left, p.right)
                    .and_then(|i| t.set.tags[i].label.clone())
            });
            if label.as_deref() == Some(crate::tags::model::REJECTED) {
                counts.rejected += 1;
                counts.pairs -= 1;
                continue;
            }
            match label.as_deref().map(Stance::from_id) {
                None => counts.untagged += 1,
                Some(Some(Stance::Agree)) => counts.agree += 1,
                Some(Some(Stance::Contradict)) => counts.contradict += 1,
                Some(Some(Stance::Partial)) => counts.partial += 1,
                Some(Some(Stance::Unclear)) => counts.unclear += 1,
                Some(None) => counts.custom += 1,
            }
        }
        Some(counts)
    }

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
                    set.tags[i].note = note;
                    set.tags[i].modified = self.clock.rfc3339.clone();
                }
                None => {
                    if let Some(mut tag) = self.new_tag(editor.left, editor.right, Origin::Manual) {
                        tag.origin = self.origin_of(editor.left, editor.right);
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

impl App {
    /// The current pair's passages, if there is a current pair.
    pub fn current_pair_passages(&self) -> Option<(usize, usize)> {
        let c = self.comparison.as_ref()?;
        c.current.map(|i| (c.pairs[i].left, c.pairs[i].right))
    }
}

/// Pairs by stance, for the status line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TagCounts {
    pub pairs: usize,
    pub agree: usize,
    pub contradict: usize,
    pub partial: usize,
    pub unclear: usize,
    pub custom: usize,
    /// Rejected as not related (not counted in `pairs`).
    pub rejected: usize,
    pub untagged: usize,
}
