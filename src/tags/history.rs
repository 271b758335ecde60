//! Tagging edits and their undo/redo history. Every change to a tag set goes
//! through [`History::apply`], which records the tags and labels as they were
//! before and after, so undo and redo restore them exactly (modified times
//! included). Pure and deterministic: the caller passes `now` and new ids.
//!
//! Over 600 lines because of its unit tests (the history itself is under 450).

use thiserror::Error;

use super::anchor::Anchor;
use super::model::{Label, Origin, Side, Stance, Tag, TagId, TagSet};

/// Steps kept for undo; older ones are forgotten.
pub const DEFAULT_UNDO_LIMIT: usize = 1000;

/// Longest short name of a report.
pub const MAX_NAME_CHARS: usize = 60;

/// One tagging action.
// Made and applied one at a time; boxing the tag would only add indirection.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// Adds a tag: the first judgement on an aligned pair, or a manual link.
    AddTag(Tag),
    /// Sets or clears (`None`) the label of a tag.
    SetLabel {
        id: TagId,
        label: Option<String>,
    },
    SetNote {
        id: TagId,
        note: String,
    },
    /// Removes a tag, whatever its origin.
    RemoveTag {
        id: TagId,
    },
    /// Removes a manual link; refused for aligned pairs so a slip of the
    /// key cannot be mistaken for unlinking.
    Unlink {
        id: TagId,
    },
    /// Points one side of a tag at new text: re-attaching an orphan, or
    /// accepting a moved anchor.
    Reattach {
        id: TagId,
        side: Side,
        anchor: Anchor,
    },
    AddLabel(Label),
    /// Takes a judgement made elsewhere (another analyst's tag set, or
    /// the other side of a merge conflict) in one step: `tag` is the tag
    /// as it is to be, replacing the one with its id or added; its
    /// analyst is kept (the judgement goes with who made it, as in a
    /// merge) and any conflict goes. `label` is added first when the set
    /// lacks it. `from` names whose judgement it is, for the message.
    Adopt {
        tag: Tag,
        label: Option<Label>,
        from: String,
    },
    /// Settles a tag's merge conflict by keeping the judgement in its
    /// fields (ours).
    Settle {
        id: TagId,
    },
    /// Changes how a custom label is shown; its id (what tags refer to) stays.
    RenameLabel {
        id: String,
        name: String,
        glyph: String,
    },
    /// Removes a custom label; tags carrying it get `replacement` (a known
    /// label, or `None` to clear theirs), all in one undoable step.
    RemoveLabel {
        id: String,
        replacement: Option<String>,
    },
    /// Sets or clears (`None`) the short name exports call a report by.
    SetName {
        side: Side,
        name: Option<String>,
    },
}

/// Why an edit was refused. The tag set is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EditError {
    #[error("no tag with id {0} in this tag set")]
    UnknownTag(TagId),
    #[error("a tag with id {0} already exists")]
    DuplicateTag(TagId),
    #[error("unknown label `{0}`: add it first with the label picker")]
    UnknownLabel(String),
    #[error("a label with id `{0}` already exists")]
    DuplicateLabel(String),
    #[error("`{0}` is a built-in stance and cannot be renamed or removed")]
    BuiltInLabel(String),
    #[error("tag {0} pairs passages the alignment found; remove its tag instead of unlinking")]
    NotManual(TagId),
    #[error("invalid {what}: {problem}")]
    Invalid { what: &'static str, problem: String },
}

/// The history of applied edits.
#[derive(Debug, Clone)]
pub struct History {
    done: Vec<Step>,
    undone: Vec<Step>,
    limit: usize,
    /// The analyst making the edits: recorded on the tags they add and on
    /// those whose label or note they set.
    analyst: Option<String>,
}

impl Default for History {
    fn default() -> Self {
        History::new(DEFAULT_UNDO_LIMIT)
    }
}

#[derive(Debug, Clone)]
struct Step {
    what: String,
    changes: Vec<Change>,
}

/// One element replaced, inserted (`before` is `None`) or removed (`after`
/// is `None`) at `index`.
// Few steps live at once; boxing would only add indirection.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
enum Change {
    Tag {
        index: usize,
        before: Option<Tag>,
        after: Option<Tag>,
    },
    Label {
        index: usize,
        before: Option<Label>,
        after: Option<Label>,
    },
    Name {
        side: Side,
        before: Option<String>,
        after: Option<String>,
    },
}

impl History {
    pub fn new(limit: usize) -> History {
        History {
            done: Vec::new(),
            undone: Vec::new(),
            limit: limit.max(1),
            analyst: None,
        }
    }

    /// Records `analyst` (a valid name, else none) as the author of the
    /// judgements made from now on.
    pub fn set_analyst(&mut self, analyst: Option<String>) {
        self.analyst = analyst.filter(|a| crate::tags::model::analyst_problem(a).is_none());
    }

    pub fn analyst(&self) -> Option<&str> {
        self.analyst.as_deref()
    }

    /// Applies `op` to `set` at time `now` (RFC 3339). Returns a short
    /// description for the status line, or `None` if the edit changed
    /// nothing (no history entry then, and nothing to save).
    pub fn apply(
        &mut self,
        set: &mut TagSet,
        op: Op,
        now: &str,
    ) -> Result<Option<String>, EditError> {
        let step = plan(set, op, now, self.analyst.as_deref())?;
        let Some(step) = step else {
            return Ok(None);
        };
        for c in &step.changes {
            c.forward(set);
        }
        let what = step.what.clone();
        self.done.push(step);
        if self.done.len() > self.limit {
            self.done.remove(0);
        }
        self.undone.clear();
        Ok(Some(what))
    }

    /// Undoes the last edit; returns its description, or `None` if there is
    /// nothing to undo.
    pub fn undo(&mut self, set: &mut TagSet) -> Option<String> {
        let step = self.done.pop()?;
        for c in step.changes.iter().rev() {
            c.backward(set);
        }
        let what = step.what.clone();
        self.undone.push(step);
        Some(what)
    }

    /// Redoes the last undone edit; returns its description.
    pub fn redo(&mut self, set: &mut TagSet) -> Option<String> {
        let step = self.undone.pop()?;
        for c in &step.changes {
            c.forward(set);
        }
        let what = step.what.clone();
        self.done.push(step);
        Some(what)
    }
}

impl Change {
    fn forward(&self, set: &mut TagSet) {
        match self {
            Change::Tag {
                index,
                before,
                after,
            } => swap_in(&mut set.tags, *index, before.is_some(), after.clone()),
            Change::Label {
                index,
                before,
                after,
            } => swap_in(&mut set.labels, *index, before.is_some(), after.clone()),
            Change::Name { side, after, .. } => set.names[side.index()] = after.clone(),
        }
    }

    fn backward(&self, set: &mut TagSet) {
        match self {
            Change::Tag {
                index,
                before,
                after,
            } => swap_in(&mut set.tags, *index, after.is_some(), before.clone()),
            Change::Label {
                index,
                before,
                after,
            } => swap_in(&mut set.labels, *index, after.is_some(), before.clone()),
            Change::Name { side, before, .. } => set.names[side.index()] = before.clone(),
        }
    }
}

/// Replaces, removes or inserts at `index`. Steps are replayed strictly in
/// LIFO order, so the index is always where the element was.
fn swap_in<T>(v: &mut Vec<T>, index: usize, present: bool, new: Option<T>) {
    match (present, new) {
        (true, Some(x)) => {
            if let Some(slot) = v.get_mut(index) {
                *slot = x;
            }
        }
        (true, None) => {
            if index < v.len() {
                v.remove(index);
            }
        }
        (false, Some(x)) => v.insert(index.min(v.len()), x),
        (false, None) => {}
    }
}

/// Works out the changes `op` makes, validating it, without touching `set`.
fn plan(set: &TagSet, op: Op, now: &str, analyst: Option<&str>) -> Result<Option<Step>, EditError> {
    let find = |id: &TagId| -> Result<(usize, &Tag), EditError> {
        set.tag_index(id)
            .map(|i| (i, &set.tags[i]))
            .ok_or_else(|| EditError::UnknownTag(id.clone()))
    };
    let known_label = |l: &Option<String>| -> Result<(), EditError> {
        match l {
            Some(l) if set.label(l).is_none() => Err(EditError::UnknownLabel(l.clone())),
            _ => Ok(()),
        }
    };
    let edit_tag = |index: usize, before: &Tag, after: Tag, what: String| {
        if &after == before {
            return None;
        }
        let mut after = after;
        after.modified = now.to_string();
        // A judgement (label or note) set now is the current analyst's,
        // and settles a conflict a merge recorded.
        if after.label != before.label || after.note != before.note {
            after.analyst = analyst.map(str::to_string);
            after.conflict = None;
        }
        Some(Step {
            what,
            changes: vec![Change::Tag {
                index,
                before: Some(before.clone()),
                after: Some(after),
            }],
        })
    };
    let step = match op {
        Op::SetName { side, name } => {
            let name = name.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
            if let Some(n) = &name
                && let Some(problem) = crate::tags::model::text_problem(n, MAX_NAME_CHARS)
            {
                return Err(EditError::Invalid {
                    what: "report name",
                    problem,
                });
            }
            let before = set.names[side.index()].clone();
            (before != name).then(|| Step {
                what: match &name {
                    Some(n) => format!("{} report named {n}", side.name()),
                    None => format!("{} report's name cleared", side.name()),
                },
                changes: vec![Change::Name {
                    side,
                    before,
                    after: name,
                }],
            })
        }
        Op::AddTag(mut tag) => {
            if tag.analyst.is_none() {
                tag.analyst = analyst.map(str::to_string);
            }
            if set.tag(&tag.id).is_some() {
                return Err(EditError::DuplicateTag(tag.id));
            }
            known_label(&tag.label)?;
            let mut probe = set.clone();
            probe.tags = vec![tag.clone()];
            if let Some(p) = probe.problems().into_iter().next() {
                return Err(EditError::Invalid {
                    what: "tag",
                    problem: p.what,
                });
            }
            let what = match (&tag.origin, &tag.label) {
                (Origin::Manual, None) => "passages linked".to_string(),
                (_, l) => format!("tagged {}", label_name(set, l)),
            };
            Some(Step {
                what,
                changes: vec![Change::Tag {
                    index: set.tags.len(),
                    before: None,
                    after: Some(tag),
                }],
            })
        }
        Op::SetLabel { id, label } => {
            known_label(&label)?;
            let (i, t) = find(&id)?;
            let what = match &label {
                None => "judgement removed (the pair stays)".to_string(),
                Some(_) => format!("tagged {}", label_name(set, &label)),
            };
            edit_tag(i, t, Tag { label, ..t.clone() }, what)
        }
        Op::SetNote { id, note } => {
            let (i, t) = find(&id)?;
            let what = if note.is_empty() {
                "note cleared"
            } else {
                "note saved"
            };
            edit_tag(i, t, Tag { note, ..t.clone() }, what.into())
        }
        Op::RemoveTag { id } => {
            let (i, t) = find(&id)?;
            Some(removal(i, t, "tag removed"))
        }
        Op::Unlink { id } => {
            let (i, t) = find(&id)?;
            if t.origin != Origin::Manual {
                return Err(EditError::NotManual(id));
            }
            Some(removal(i, t, "passages unlinked"))
        }
        Op::Reattach { id, side, anchor } => {
            if let Some(problem) = anchor.problem() {
                return Err(EditError::Invalid {
                    what: "anchor",
                    problem,
                });
            }
            let (i, t) = find(&id)?;
            let mut after = t.clone();
            *after.anchor_mut(side) = anchor;
            edit_tag(i, t, after, format!("{} quote moved", side.name()))
        }
        Op::Adopt {
            mut tag,
            label,
            from,
        } => {
            let mut changes = Vec::new();
            let mut probe = set.clone();
            if let Some(label) = label.filter(|l| set.label(&l.id).is_none()) {
                probe.labels.push(label.clone());
                changes.push(Change::Label {
                    index: set.labels.len(),
                    before: None,
                    after: Some(label),
                });
            }
            if let Some(l) = &tag.label
                && probe.label(l).is_none()
            {
                return Err(EditError::UnknownLabel(l.clone()));
            }
            tag.conflict = None;
            tag.modified = now.to_string();
            let index = set.tag_index(&tag.id);
            if let Some(i) = index
                && changes.is_empty()
                && (Tag {
                    modified: set.tags[i].modified.clone(),
                    ..tag.clone()
                }) == set.tags[i]
            {
                return Ok(None);
            }
            probe.tags = vec![tag.clone()];
            if let Some(p) = probe.problems().into_iter().next() {
                return Err(EditError::Invalid {
                    what: "tag",
                    problem: p.what,
                });
            }
            let what = format!(
                "took {from}'s {}{}",
                label_name(&probe, &tag.label),
                if tag.note.is_empty() { "" } else { " and note" }
            );
            changes.push(match index {
                Some(i) => Change::Tag {
                    index: i,
                    before: Some(set.tags[i].clone()),
                    after: Some(tag),
                },
                None => Change::Tag {
                    index: set.tags.len(),
                    before: None,
                    after: Some(tag),
                },
            });
            Some(Step { what, changes })
        }
        Op::Settle { id } => {
            let (i, t) = find(&id)?;
            if t.conflict.is_none() {
                return Ok(None);
            }
            let after = Tag {
                conflict: None,
                modified: now.to_string(),
                ..t.clone()
            };
            Some(Step {
                what: format!("conflict settled: kept {}", label_name(set, &t.label)),
                changes: vec![Change::Tag {
                    index: i,
                    before: Some(t.clone()),
                    after: Some(after),
                }],
            })
        }
        Op::AddLabel(label) => {
            if set.label(&label.id).is_some() {
                return Err(EditError::DuplicateLabel(label.id));
            }
            let mut probe = set.clone();
            probe.labels = vec![label.clone()];
            probe.tags.clear();
            if let Some(p) = probe.problems().into_iter().next() {
                return Err(EditError::Invalid {
                    what: "label",
                    problem: p.what,
                });
            }
            Some(Step {
                what: format!("label {} added", label.name),
                changes: vec![Change::Label {
                    index: set.labels.len(),
                    before: None,
                    after: Some(label),
                }],
            })
        }
        Op::RenameLabel { id, name, glyph } => {
            if Stance::from_id(&id).is_some() {
                return Err(EditError::BuiltInLabel(id));
            }
            let index = set
                .labels
                .iter()
                .position(|l| l.id == id)
                .ok_or_else(|| EditError::UnknownLabel(id.clone()))?;
            let before = set.labels[index].clone();
            let after = Label { id, name, glyph };
            let mut probe = set.clone();
            probe.labels = vec![after.clone()];
            probe.tags.clear();
            if let Some(p) = probe.problems().into_iter().next() {
                return Err(EditError::Invalid {
                    what: "label",
                    problem: p.what,
                });
            }
            (before != after).then(|| Step {
                what: format!("label {} renamed to {}", before.name, after.name),
                changes: vec![Change::Label {
                    index,
                    before: Some(before),
                    after: Some(after),
                }],
            })
        }
        Op::RemoveLabel { id, replacement } => {
            if Stance::from_id(&id).is_some() {
                return Err(EditError::BuiltInLabel(id));
            }
            let index = set
                .labels
                .iter()
                .position(|l| l.id == id)
                .ok_or_else(|| EditError::UnknownLabel(id.clone()))?;
            if replacement.as_deref() == Some(id.as_str()) {
                return Err(EditError::UnknownLabel(id));
            }
            known_label(&replacement)?;
            let mut changes: Vec<Change> = set
                .tags
                .iter()
                .enumerate()
                .filter(|(_, t)| t.label.as_deref() == Some(id.as_str()))
                .map(|(i, t)| Change::Tag {
                    index: i,
                    before: Some(t.clone()),
                    after: Some(Tag {
                        label: replacement.clone(),
                        modified: now.to_string(),
                        ..t.clone()
                    }),
                })
                .collect();
            let relabelled = changes.len();
            changes.push(Change::Label {
                index,
                before: Some(set.labels[index].clone()),
                after: None,
            });
            Some(Step {
                what: format!(
                    "label {} removed ({relabelled} tags now {})",
                    set.labels[index].name,
                    label_name(set, &replacement)
                ),
                changes,
            })
        }
    };
    Ok(step)
}

fn removal(index: usize, t: &Tag, what: &str) -> Step {
    Step {
        what: what.into(),
        changes: vec![Change::Tag {
            index,
            before: Some(t.clone()),
            after: None,
        }],
    }
}

fn label_name(set: &TagSet, label: &Option<String>) -> String {
    match label {
        None => "unlabelled".into(),
        Some(id) => set
            .label(id)
            .map_or_else(|| id.clone(), |l| l.name.to_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tags::model::DocumentRef;

    const T0: &str = "2024-05-01T09:00:00Z";
    const T1: &str = "2024-05-01T10:00:00Z";

    fn set() -> TagSet {
        let d = |p: &str, c: &str| DocumentRef {
            path: p.into(),
            title: p.into(),
            hash: c.repeat(64),
        };
        TagSet::new("s", d("a", "a"), d("b", "b"))
    }

    fn tag(id: &str, origin: Origin, at: usize) -> Tag {
        let text = "alpha beta gamma delta epsilon zeta eta theta";
        let a = Anchor::for_range(text, at, at + 5).unwrap();
        Tag::new(TagId(id.into()), origin, a.clone(), a, T0)
    }

    #[test]
    fn every_op_undoes_and_redoes_exactly() {
        let mut s = set();
        let mut h = History::default();
        let custom = Label {
            id: "source".into(),
            name: "Source dispute".into(),
            glyph: "§".into(),
        };
        let ops = vec![
            Op::AddTag(tag("t1", Origin::Aligned, 0)),
            Op::AddTag(tag("t2", Origin::Manual, 6)),
            Op::SetLabel {
                id: TagId("t1".into()),
                label: Some("contradict".into()),
            },
            Op::SetNote {
                id: TagId("t1".into()),
                note: "dates differ\nby a year".into(),
            },
            Op::AddLabel(custom.clone()),
            Op::SetLabel {
                id: TagId("t2".into()),
                label: Some("source".into()),
            },
            Op::RenameLabel {
                id: "source".into(),
                name: "Sourcing".into(),
                glyph: "$".into(),
            },
            Op::Reattach {
                id: TagId("t2".into()),
                side: Side::Right,
                anchor: Anchor::for_range("alpha beta gamma", 11, 16).unwrap(),
            },
            Op::RemoveLabel {
                id: "source".into(),
                replacement: Some("partial".into()),
            },
            Op::Unlink {
                id: TagId("t2".into()),
            },
            Op::RemoveTag {
                id: TagId("t1".into()),
            },
        ];
        let mut snapshots = vec![s.clone()];
        for op in ops {
            let what = h.apply(&mut s, op.clone(), T1).unwrap();
            assert!(what.is_some(), "{op:?} changed nothing");
            assert!(s.problems().is_empty(), "{op:?}: {:?}", s.problems());
            snapshots.push(s.clone());
        }
        assert!(s.tags.is_empty());
        for want in snapshots.iter().rev().skip(1) {
            assert!(h.undo(&mut s).is_some());
            assert_eq!(&s, want);
        }
        assert!(h.undo(&mut s).is_none());
        for want in snapshots.iter().skip(1) {
            assert!(h.redo(&mut s).is_some());
            assert_eq!(&s, want);
        }
        assert!(h.redo(&mut s).is_none());
    }

    #[test]
    fn edits_stamp_modified_and_new_edit_clears_redo() {
        let mut s = set();
        let mut h = History::default();
        h.apply(&mut s, Op::AddTag(tag("t1", Origin::Aligned, 0)), T0)
            .unwrap();
        let id = TagId("t1".into());
        let label = |l: &str| Op::SetLabel {
            id: id.clone(),
            label: Some(l.into()),
        };
        h.apply(&mut s, label("agree"), T1).unwrap();
        assert_eq!(s.tags[0].modified, T1);
        assert_eq!(s.tags[0].created, T0);
        assert_eq!(h.apply(&mut s, label("agree"), T1), Ok(None));
        h.undo(&mut s);
        assert_eq!(s.tags[0].modified, T0);
        h.apply(&mut s, label("partial"), T1).unwrap();
        assert!(h.redo(&mut s).is_none(), "a new edit clears redo");
    }

    #[test]
    fn judgements_record_the_analyst_who_made_them() {
        let mut s = set();
        let mut h = History::default();
        h.set_analyst(Some("ana".into()));
        h.apply(&mut s, Op::AddTag(tag("t1", Origin::Aligned, 0)), T0)
            .unwrap();
        assert_eq!(s.tags[0].analyst.as_deref(), Some("ana"));
        let id = TagId("t1".into());
        h.set_analyst(Some("bob".into()));
        // Moving a quote is no judgement: the analyst stays.
        h.apply(
            &mut s,
            Op::Reattach {
                id: id.clone(),
                side: Side::Left,
                anchor: Anchor::for_range("alpha beta gamma", 6, 10).unwrap(),
            },
            T1,
        )
        .unwrap();
        assert_eq!(s.tags[0].analyst.as_deref(), Some("ana"));
        h.apply(
            &mut s,
            Op::SetNote {
                id: id.clone(),
                note: "bob's view".into(),
            },
            T1,
        )
        .unwrap();
        assert_eq!(s.tags[0].analyst.as_deref(), Some("bob"));
        h.undo(&mut s);
        assert_eq!(s.tags[0].analyst.as_deref(), Some("ana"));
        // A name that could not be saved is no name.
        h.set_analyst(Some("bad\u{1b}name".into()));
        assert_eq!(h.analyst(), None);
    }

    #[test]
    fn adopting_and_settling_are_one_step_each_and_keep_the_analyst() {
        use crate::tags::model::{Conflict, Judgement};
        let mut s = set();
        let mut h = History::default();
        h.set_analyst(Some("bob".into()));
        h.apply(&mut s, Op::AddTag(tag("t1", Origin::Aligned, 0)), T0)
            .unwrap();
        let before = s.clone();
        // Ana's judgement with a label this set does not have yet.
        let custom = Label {
            id: "source".into(),
            name: "Source dispute".into(),
            glyph: "§".into(),
        };
        let mut theirs = s.tags[0].clone();
        theirs.label = Some("source".into());
        theirs.note = "ana's note".into();
        theirs.analyst = Some("ana".into());
        let what = h
            .apply(
                &mut s,
                Op::Adopt {
                    tag: theirs.clone(),
                    label: Some(custom.clone()),
                    from: "ana".into(),
                },
                T1,
            )
            .unwrap();
        assert_eq!(what.as_deref(), Some("took ana's source dispute and note"));
        assert_eq!(s.tags[0].analyst.as_deref(), Some("ana"));
        assert_eq!(s.tags[0].modified, T1);
        assert!(s.label("source").is_some());
        assert!(s.problems().is_empty());
        // Adopting the same again changes nothing.
        let again = Op::Adopt {
            tag: theirs,
            label: Some(custom),
            from: "ana".into(),
        };
        assert_eq!(h.apply(&mut s, again, T1), Ok(None));
        h.undo(&mut s);
        assert_eq!(s, before, "one undo takes the label and the judgement back");

        // A new tag can be adopted whole.
        let mut fresh = tag("t2", Origin::Manual, 6);
        fresh.label = Some("agree".into());
        h.apply(
            &mut s,
            Op::Adopt {
                tag: fresh,
                label: None,
                from: "ana".into(),
            },
            T1,
        )
        .unwrap();
        assert_eq!(s.tags.len(), 2);
        assert_eq!(s.tags[1].analyst, None, "unknown stays unknown");

        // Settling keeps ours and drops the conflict, undoably.
        let conflict = Conflict {
            ours: Judgement::of(&s.tags[0]),
            theirs: Judgement {
                label: Some("agree".into()),
                ..Judgement::of(&s.tags[0])
            },
        };
        s.tags[0].conflict = Some(Box::new(conflict));
        let conflicted = s.clone();
        let id = TagId("t1".into());
        h.apply(&mut s, Op::Settle { id: id.clone() }, T1).unwrap();
        assert!(s.tags[0].conflict.is_none());
        assert_eq!(s.tags[0].label, conflicted.tags[0].label);
        assert_eq!(h.apply(&mut s, Op::Settle { id }, T1), Ok(None));
        h.undo(&mut s);
        assert_eq!(s, conflicted);
    }

    #[test]
    fn refusals_leave_the_set_alone() {
        let mut s = set();
        let mut h = History::new(2);
        h.apply(&mut s, Op::AddTag(tag("t1", Origin::Aligned, 0)), T0)
            .unwrap();
        let before = s.clone();
        let id = TagId("t1".into());
        let cases = [
            (
                Op::AddTag(tag("t1", Origin::Manual, 6)),
                EditError::DuplicateTag(id.clone()),
            ),
            (
                Op::SetLabel {
                    id: id.clone(),
                    label: Some("nope".into()),
                },
                EditError::UnknownLabel("nope".into()),
            ),
            (
                Op::SetNote {
                    id: TagId("zz".into()),
                    note: String::new(),
                },
                EditError::UnknownTag(TagId("zz".into())),
            ),
            (
                Op::Unlink { id: id.clone() },
                EditError::NotManual(id.clone()),
            ),
            (
                Op::RemoveLabel {
                    id: "agree".into(),
                    replacement: None,
                },
                EditError::BuiltInLabel("agree".into()),
            ),
        ];
        for (op, want) in cases {
            assert_eq!(h.apply(&mut s, op, T1), Err(want));
            assert_eq!(s, before);
        }
        let mut bad = tag("t9", Origin::Manual, 6);
        bad.left.end += 3;
        assert!(matches!(
            h.apply(&mut s, Op::AddTag(bad), T1),
            Err(EditError::Invalid { what: "tag", .. })
        ));
        // The limit keeps only the newest steps.
        for l in ["agree", "partial", "unclear"] {
            h.apply(
                &mut s,
                Op::SetLabel {
                    id: id.clone(),
                    label: Some(l.into()),
                },
                T1,
            )
            .unwrap();
        }
        assert!(h.undo(&mut s).is_some() && h.undo(&mut s).is_some());
        assert!(h.undo(&mut s).is_none());
        assert_eq!(s.tags[0].label.as_deref(), Some("agree"));
    }
}
