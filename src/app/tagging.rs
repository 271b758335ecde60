//! The analyst's judgements in the reader: the open tag set, its edit
//! history, where each tag points now, and the update logic for tagging
//! and undo/redo (saving is in `saving.rs`, notes in `note.rs`, links made
//! by hand in `linking.rs`, the label picker in `labels.rs`). Pure: saving
//! and file operations are effects.
//!
//! About 640 lines: the open set's state and the edits that keep tags,
//! navigation and counts in step are one piece.

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::{App, Level};
use crate::action::Action;
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
    /// Some tag was in merge conflict when the set was opened: the
    /// gutters keep the column for the other side while it is open.
    pub had_conflicts: bool,
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
        let had_conflicts = opened.set.tags.iter().any(|t| t.conflict.is_some());
        let mut tagging = Tagging {
            had_conflicts,
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
        let mut tagging = Tagging::new(opened, &left.doc, &right.doc, autosave_ms);
        tagging.history.set_analyst(self.analyst.clone());
        let columns = self.two_judgement_columns();
        self.tagging = Some(tagging);
        if self.two_judgement_columns() != columns {
            self.relayout();
        }
        // Comparing a set with itself says nothing.
        if self
            .overlay
            .as_ref()
            .zip(self.tagging.as_ref())
            .is_some_and(|(o, t)| o.path == t.path)
        {
            self.close_overlay();
        }
        self.sync_links();
    }

    /// Makes every tagged pair navigable, adding hand-made links to the
    /// comparison (the compared set's too), and keeps the compared set's
    /// agreement and filter current.
    pub(super) fn sync_links(&mut self) {
        if let Some(comparison) = &mut self.comparison {
            let mut links = self
                .tagging
                .as_ref()
                .map_or(Vec::new(), Tagging::linked_pairs);
            if let Some(overlay) = &self.overlay {
                links.extend(overlay.judged_pairs());
            }
            comparison.set_links(&links);
            if let Some(tagging) = &self.tagging {
                comparison.set_rejected(tagging.rejected_pairs());
            }
        }
        self.refresh_overlay();
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
    pub(super) fn current_pair(&mut self) -> Option<(usize, usize)> {
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
    pub(super) fn ensure_tag(&mut self, left: usize, right: usize) -> Option<TagId> {
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
            // The stance a merge conflict already holds as yours: judging
            // it again settles the conflict.
            Some(tag) if tag.conflict.is_some() && tag.label.as_deref() == Some(label) => {
                self.edit(Op::Settle { id: tag.id });
            }
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

    pub(super) fn origin_of(&self, left: usize, right: usize) -> Origin {
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
        let others = self
            .judgements_text(left, right)
            .map_or(String::new(), |t| format!(" · {t}"));
        self.info(format!(
            "p{} ↔ p{}: {label}{note}{others}",
            left + 1,
            right + 1
        ));
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
                // An anchor moved back (a widened span undone): the span
                // shown is the judgement's again.
                if let Some(pair) = self.comparison.as_ref().and_then(|c| c.current) {
                    self.pair_span = self.span_of_pair(pair);
                }
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
