//! Three-way merge of tag sets (`diptych tags merge`, and git's merge
//! driver): two analysts' versions of one tag set and their common
//! ancestor become one set. Pure and deterministic: the same three sets
//! always give the same set, and so the same bytes.
//!
//! Tags are matched by id. For each field a change on one side is taken,
//! the same change on both is taken once; a label or note changed
//! differently on both sides becomes a recorded [`Conflict`] (both
//! judgements kept in the tag, ours in its fields meanwhile). A tag deleted
//! on one side and changed on the other is kept; a tag added on either side
//! is kept. No judgement is ever dropped: a tag disappears only when one
//! side deleted it and the other left it as it was in the base.

use std::collections::{BTreeMap, BTreeSet};

use thiserror::Error;

use super::model::{Conflict, FORMAT_VERSION, Judgement, Label, Tag, TagId, TagSet};

/// Why two versions cannot be merged.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MergeError {
    #[error(
        "the two versions were saved against different texts of the {side} report ({ours}… and {theirs}…): open each in diptych with the current reports and save it (its anchors are re-anchored), then merge again"
    )]
    DifferentReports {
        side: &'static str,
        ours: String,
        theirs: String,
    },
    #[error("the merged tag set would not be valid ({0}); nothing was written")]
    Invalid(String),
}

/// The merged set and what happened on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub set: TagSet,
    /// Tags whose label or note the two sides changed differently.
    pub conflicts: Vec<TagId>,
    /// Tags deleted on one side and changed on the other: kept.
    pub kept_deleted: Vec<TagId>,
    /// Tags deleted on one side and unchanged on the other: removed.
    pub removed: Vec<TagId>,
    /// Pairs (by anchors) judged by more than one tag of the merged set:
    /// both sides judged a pair anew, with different ids.
    pub judged_twice: usize,
}

/// `ours` if both agree, else the side that changed from `base`, else
/// (both changed differently) ours, flagged as a conflict.
fn pick<T: PartialEq + Clone>(base: Option<&T>, ours: &T, theirs: &T) -> (T, bool) {
    if ours == theirs || base == Some(theirs) {
        (ours.clone(), false)
    } else if base == Some(ours) {
        (theirs.clone(), false)
    } else {
        (ours.clone(), true)
    }
}

/// Merges one tag both sides have; `base` is `None` when both added it.
/// Returns the tag and whether it is in conflict.
fn merge_tag(base: Option<&Tag>, ours: &Tag, theirs: &Tag) -> (Tag, bool) {
    if ours == theirs {
        return (ours.clone(), false);
    }
    if base == Some(ours) {
        return (theirs.clone(), false);
    }
    if base == Some(theirs) {
        return (ours.clone(), false);
    }
    let (label, label_clash) = pick(base.map(|b| &b.label), &ours.label, &theirs.label);
    let (note, note_clash) = pick(base.map(|b| &b.note), &ours.note, &theirs.note);
    let mut tag = ours.clone();
    tag.left = pick(base.map(|b| &b.left), &ours.left, &theirs.left).0;
    tag.right = pick(base.map(|b| &b.right), &ours.right, &theirs.right).0;
    tag.origin = pick(base.map(|b| &b.origin), &ours.origin, &theirs.origin).0;
    tag.created = pick(base.map(|b| &b.created), &ours.created, &theirs.created).0;
    // diptych writes UTC times (`…Z`), which sort as text.
    tag.modified = ours.modified.clone().max(theirs.modified.clone());
    let judged = |t: &Tag| (t.label.clone(), t.note.clone());
    let changed = |t: &Tag| base.is_none_or(|b| judged(b) != judged(t));
    if label_clash || note_clash {
        // Ours stays in the tag's fields, so the reader and the counts
        // keep working; both sides are kept whole in the conflict.
        tag.label = ours.label.clone();
        tag.note = ours.note.clone();
        tag.analyst = ours.analyst.clone();
        tag.conflict = Some(Box::new(Conflict {
            ours: Judgement::of(ours),
            theirs: Judgement::of(theirs),
        }));
        return (tag, true);
    }
    tag.label = label;
    tag.note = note;
    // The analyst goes with the judgement: ours when ours changed it.
    tag.analyst = if changed(ours) || !changed(theirs) {
        ours.analyst.clone()
    } else {
        theirs.analyst.clone()
    };
    tag.conflict = pick(base.map(|b| &b.conflict), &ours.conflict, &theirs.conflict).0;
    (tag, false)
}

/// Merges `ours` and `theirs`, two versions of one tag set descended from
/// `base` (`None` when they share no ancestor, as for a file added on two
/// branches).
pub fn merge(base: Option<&TagSet>, ours: &TagSet, theirs: &TagSet) -> Result<Merged, MergeError> {
    for (i, side) in ["left", "right"].into_iter().enumerate() {
        let (o, t) = (&ours.documents[i].hash, &theirs.documents[i].hash);
        if o != t {
            return Err(MergeError::DifferentReports {
                side,
                ours: o.chars().take(12).collect(),
                theirs: t.chars().take(12).collect(),
            });
        }
    }
    let index = |set: &TagSet| -> BTreeMap<TagId, Tag> {
        set.tags.iter().map(|t| (t.id.clone(), t.clone())).collect()
    };
    let base_tags = base.map(index).unwrap_or_default();
    let (our_tags, their_tags) = (index(ours), index(theirs));
    // Ours' order, then what only theirs has, in theirs' order.
    let mut order: Vec<TagId> = ours.tags.iter().map(|t| t.id.clone()).collect();
    let known: BTreeSet<TagId> = order.iter().cloned().collect();
    order.extend(
        theirs
            .tags
            .iter()
            .map(|t| t.id.clone())
            .filter(|id| !known.contains(id)),
    );
    let mut out = Merged {
        set: ours.clone(),
        conflicts: Vec::new(),
        kept_deleted: Vec::new(),
        removed: Vec::new(),
        judged_twice: 0,
    };
    let mut tags = Vec::new();
    for id in order {
        let b = base_tags.get(&id);
        match (our_tags.get(&id), their_tags.get(&id)) {
            (Some(o), Some(t)) => {
                let (tag, clash) = merge_tag(b, o, t);
                if clash {
                    out.conflicts.push(id);
                }
                tags.push(tag);
            }
            (Some(kept), None) | (None, Some(kept)) => match b {
                // Added on this side.
                None => tags.push(kept.clone()),
                // Deleted on the other side, untouched here.
                Some(b) if b == kept => out.removed.push(id),
                Some(_) => {
                    out.kept_deleted.push(id);
                    tags.push(kept.clone());
                }
            },
            (None, None) => {}
        }
    }
    out.set.tags = tags;
    out.set.format_version = FORMAT_VERSION;
    out.set.labels = merge_labels(base, ours, theirs, &out.set.tags);
    let b = |f: fn(&TagSet) -> String| base.map(f);
    out.set.name = pick(b(|s| s.name.clone()).as_ref(), &ours.name, &theirs.name).0;
    for i in 0..2 {
        out.set.names[i] = pick(base.map(|s| &s.names[i]), &ours.names[i], &theirs.names[i]).0;
        out.set.documents[i] = pick(
            base.map(|s| &s.documents[i]),
            &ours.documents[i],
            &theirs.documents[i],
        )
        .0;
    }
    let mut pairs: BTreeMap<(usize, usize, usize, usize), usize> = BTreeMap::new();
    for t in out.set.tags.iter().filter(|t| t.label.is_some()) {
        *pairs
            .entry((t.left.start, t.left.end, t.right.start, t.right.end))
            .or_default() += 1;
    }
    out.judged_twice = pairs.values().filter(|&&n| n > 1).count();
    if let Some(p) = out.set.problems().first() {
        return Err(MergeError::Invalid(p.to_string()));
    }
    Ok(out)
}

/// Labels of both sides: ours' order, then theirs' new ones. A label
/// renamed differently on both keeps ours' name; a label removed on one
/// side stays if the other changed it or a merged tag still uses it.
fn merge_labels(base: Option<&TagSet>, ours: &TagSet, theirs: &TagSet, tags: &[Tag]) -> Vec<Label> {
    let find = |set: &TagSet, id: &str| set.labels.iter().find(|l| l.id == id).cloned();
    let used: BTreeSet<&str> = tags
        .iter()
        .flat_map(|t| {
            let sides = t.conflict.iter().flat_map(|c| c.sides());
            std::iter::once(t.label.as_deref())
                .chain(sides.map(|j| j.label.as_deref()))
                .flatten()
        })
        .collect();
    let mut ids: Vec<String> = ours.labels.iter().map(|l| l.id.clone()).collect();
    for l in &theirs.labels {
        if !ids.contains(&l.id) {
            ids.push(l.id.clone());
        }
    }
    ids.into_iter()
        .filter_map(|id| {
            let b = base.and_then(|s| find(s, &id));
            match (find(ours, &id), find(theirs, &id)) {
                (Some(o), Some(t)) => Some(pick(b.as_ref(), &o, &t).0),
                (Some(kept), None) | (None, Some(kept)) => {
                    let removed_unchanged = b.as_ref() == Some(&kept);
                    (!removed_unchanged || used.contains(id.as_str())).then_some(kept)
                }
                (None, None) => None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tags::anchor::Anchor;
    use crate::tags::codec::to_json;
    use crate::tags::model::{DocumentRef, Origin};
    use proptest::prelude::*;

    const TEXT: &str =
        "Alpha says one thing. Beta says another. Gamma disagrees with both of them.";

    fn doc(path: &str, hex: char) -> DocumentRef {
        DocumentRef {
            path: path.into(),
            title: path.into(),
            hash: hex.to_string().repeat(64),
        }
    }

    fn tag(id: &str, at: usize, label: Option<&str>, note: &str) -> Tag {
        let a = Anchor::for_range(TEXT, at, at + 10).unwrap();
        let mut t = Tag::new(
            TagId(id.into()),
            Origin::Aligned,
            a.clone(),
            a,
            "2024-05-01T09:00:00Z",
        );
        t.label = label.map(String::from);
        t.note = note.into();
        t
    }

    fn set(tags: Vec<Tag>) -> TagSet {
        let mut s = TagSet::new("team", doc("l.txt", 'a'), doc("r.txt", 'b'));
        s.tags = tags;
        s
    }

    fn judged(t: &Tag, label: &str, note: &str, who: &str, when: &str) -> Tag {
        Tag {
            label: Some(label.into()),
            note: note.into(),
            analyst: Some(who.into()),
            modified: when.into(),
            ..t.clone()
        }
    }

    #[test]
    fn one_sided_and_identical_changes_are_taken() {
        let t1 = tag("t1", 0, Some("agree"), "");
        let t2 = tag("t2", 10, Some("partial"), "");
        let base = set(vec![t1.clone(), t2.clone()]);
        let ours = set(vec![
            judged(&t1, "contradict", "", "ana", "2024-05-02T00:00:00Z"),
            t2.clone(),
        ]);
        let same = judged(&t2, "unclear", "x", "bob", "2024-05-03T00:00:00Z");
        let theirs = set(vec![t1.clone(), same.clone()]);
        let mut ours2 = ours.clone();
        ours2.tags[1] = same.clone();
        let m = merge(Some(&base), &ours2, &theirs).unwrap();
        assert!(m.conflicts.is_empty());
        assert_eq!(m.set.tags[0].label.as_deref(), Some("contradict"));
        assert_eq!(m.set.tags[1], same, "the same change once");
        let m = merge(Some(&base), &ours, &theirs).unwrap();
        assert_eq!(m.set.tags[1].label.as_deref(), Some("unclear"));
        assert_eq!(m.set.tags[1].analyst.as_deref(), Some("bob"));
    }

    #[test]
    fn different_stances_become_a_recorded_conflict() {
        let t1 = tag("t1", 0, Some("agree"), "base");
        let base = set(vec![t1.clone()]);
        let o = judged(&t1, "contradict", "ana's", "ana", "2024-05-02T00:00:00Z");
        let t = judged(&t1, "partial", "bob's", "bob", "2024-05-03T00:00:00Z");
        let m = merge(Some(&base), &set(vec![o.clone()]), &set(vec![t.clone()])).unwrap();
        assert_eq!(m.conflicts, vec![TagId("t1".into())]);
        let merged = &m.set.tags[0];
        assert_eq!(
            merged.label.as_deref(),
            Some("contradict"),
            "ours meanwhile"
        );
        let c = merged.conflict.as_ref().unwrap();
        assert_eq!(c.ours, Judgement::of(&o));
        assert_eq!(c.theirs, Judgement::of(&t));
        assert_eq!(merged.modified, "2024-05-03T00:00:00Z");
        assert!(m.set.problems().is_empty());
        // Judging the tag again settles it (history clears the conflict).
        let mut settled = m.set.clone();
        let mut h = crate::tags::history::History::default();
        h.apply(
            &mut settled,
            crate::tags::history::Op::SetLabel {
                id: TagId("t1".into()),
                label: Some("partial".into()),
            },
            "2024-05-04T00:00:00Z",
        )
        .unwrap();
        assert!(settled.tags[0].conflict.is_none());
        // Merging the settled set back over the conflicted one takes the
        // settlement.
        let again = merge(Some(&m.set), &settled, &m.set).unwrap();
        assert!(again.conflicts.is_empty() && again.set.tags[0].conflict.is_none());
    }

    #[test]
    fn a_stance_on_one_side_and_a_note_on_the_other_combine() {
        let t1 = tag("t1", 0, Some("agree"), "");
        let base = set(vec![t1.clone()]);
        let o = judged(&t1, "contradict", "", "ana", "2024-05-02T00:00:00Z");
        let t = judged(&t1, "agree", "a note", "bob", "2024-05-03T00:00:00Z");
        let m = merge(Some(&base), &set(vec![o]), &set(vec![t])).unwrap();
        assert!(m.conflicts.is_empty());
        let merged = &m.set.tags[0];
        assert_eq!(
            (merged.label.as_deref(), merged.note.as_str()),
            (Some("contradict"), "a note")
        );
    }

    #[test]
    fn deletions_and_additions() {
        let t1 = tag("t1", 0, Some("agree"), "");
        let t2 = tag("t2", 10, Some("agree"), "");
        let base = set(vec![t1.clone(), t2.clone()]);
        // Ours deletes t1 (untouched by theirs) and t2 (changed by theirs),
        // and adds t3; theirs adds t4 on the same pair as t3.
        let ours = set(vec![tag("t3", 30, Some("agree"), "")]);
        let changed = judged(&t2, "unclear", "", "bob", "2024-05-03T00:00:00Z");
        let theirs = set(vec![
            t1.clone(),
            changed.clone(),
            tag("t4", 30, Some("partial"), ""),
        ]);
        let m = merge(Some(&base), &ours, &theirs).unwrap();
        let ids: Vec<&str> = m.set.tags.iter().map(|t| t.id.0.as_str()).collect();
        assert_eq!(ids, ["t3", "t2", "t4"]);
        assert_eq!(m.removed, vec![TagId("t1".into())]);
        assert_eq!(m.kept_deleted, vec![TagId("t2".into())]);
        assert_eq!(m.judged_twice, 1);
        // Without a base, everything of both sides is kept.
        let m = merge(None, &ours, &theirs).unwrap();
        assert_eq!(m.set.tags.len(), 4);
    }

    #[test]
    fn labels_are_merged_and_kept_while_used() {
        let base = set(vec![]);
        let custom = |id: &str, name: &str| Label {
            id: id.into(),
            name: name.into(),
            glyph: "S".into(),
        };
        let mut ours = base.clone();
        ours.labels.push(custom("sourcing", "Sourcing"));
        let mut theirs = base.clone();
        theirs.labels.push(custom("framing", "Framing"));
        theirs.tags.push(tag("t1", 0, Some("framing"), ""));
        let m = merge(Some(&base), &ours, &theirs).unwrap();
        let ids: Vec<&str> = m.set.labels.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "agree",
                "contradict",
                "partial",
                "unclear",
                "sourcing",
                "framing"
            ]
        );
        // Removed on one side but still used by the other: kept.
        let mut base2 = theirs.clone();
        base2.tags.clear();
        let mut removed = base2.clone();
        removed.labels.retain(|l| l.id != "framing");
        let m = merge(Some(&base2), &removed, &theirs).unwrap();
        assert!(m.set.labels.iter().any(|l| l.id == "framing"));
        let m = merge(Some(&base2), &removed, &base2).unwrap();
        assert!(
            !m.set.labels.iter().any(|l| l.id == "framing"),
            "unused: removed"
        );
    }

    #[test]
    fn versions_on_different_texts_are_refused() {
        let ours = set(vec![]);
        let mut theirs = ours.clone();
        theirs.documents[1].hash = "c".repeat(64);
        let e = merge(None, &ours, &theirs).unwrap_err();
        assert!(
            e.to_string().contains("right report") && e.to_string().contains("re-anchored"),
            "{e}"
        );
        // The same text opened from another path is the same report.
        let mut moved = ours.clone();
        moved.documents[0].path = "/home/bob/l.txt".into();
        assert!(merge(None, &ours, &moved).is_ok());
    }

    /// A random edit of a tag: relabel, renote, both, or nothing.
    fn edit(t: &Tag, kind: u8, who: &str) -> Option<Tag> {
        let labels = ["agree", "contradict", "partial", "unclear"];
        match kind % 5 {
            0 => None, // deleted
            1 => Some(t.clone()),
            2 => Some(judged(
                t,
                labels[(kind as usize / 5) % 4],
                &t.note,
                who,
                "2024-06-01T00:00:00Z",
            )),
            3 => Some(Tag {
                note: format!("{who} {kind}"),
                analyst: Some(who.into()),
                ..t.clone()
            }),
            _ => Some(judged(
                t,
                labels[(kind as usize / 7) % 4],
                &format!("{who} {kind}"),
                who,
                "2024-06-02T00:00:00Z",
            )),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Every judgement either side made survives: each tag a side kept
        /// and changed (or added) is in the result, with that side's label
        /// and note in its fields or in its conflict; only tags deleted on
        /// one side and untouched on the other go. The result is valid and
        /// the same bytes every time.
        #[test]
        fn no_judgement_is_lost(
            n in 1usize..8,
            ours_edits in prop::collection::vec(0u8..60, 8),
            theirs_edits in prop::collection::vec(0u8..60, 8),
            added in prop::collection::vec((0usize..60, 0usize..4, any::<bool>()), 0..4),
        ) {
            let labels = ["agree", "contradict", "partial", "unclear"];
            let base_tags: Vec<Tag> = (0..n).map(|i| tag(&format!("t{i}"), i * 7 % 60, Some(labels[i % 4]), "")).collect();
            let base = set(base_tags.clone());
            let side = |edits: &[u8], who: &str| {
                let mut s = set(base_tags.iter().enumerate().filter_map(|(i, t)| edit(t, edits[i], who)).collect());
                for (k, &(at, l, mine)) in added.iter().enumerate() {
                    if mine == (who == "ana") {
                        s.tags.push(tag(&format!("{who}-new{k}"), at, Some(labels[l]), who));
                    }
                }
                s
            };
            let (ours, theirs) = (side(&ours_edits, "ana"), side(&theirs_edits, "bob"));
            let m = merge(Some(&base), &ours, &theirs).unwrap();
            prop_assert!(m.set.problems().is_empty());
            let again = merge(Some(&base), &ours, &theirs).unwrap();
            prop_assert_eq!(to_json(&m.set), to_json(&again.set));
            for (version, other) in [(&ours, &theirs), (&theirs, &ours)] {
                for t in &version.tags {
                    let b = base.tag(&t.id);
                    if b == Some(t) {
                        // Unchanged here: may go only if the other deleted it.
                        prop_assert!(m.set.tag(&t.id).is_some() || other.tag(&t.id).is_none());
                        continue;
                    }
                    let merged = m.set.tag(&t.id);
                    prop_assert!(merged.is_some(), "changed or added tag {} lost", t.id);
                    let merged = merged.unwrap();
                    let held = |label: &Option<String>, note: &str| {
                        (merged.label == *label || b.is_some_and(|b| b.label == t.label))
                            && (merged.note == note || b.is_some_and(|b| b.note == t.note))
                    };
                    let in_conflict = merged.conflict.as_ref().is_some_and(|c| {
                        c.sides().iter().any(|j| j.label == t.label && j.note == t.note)
                    });
                    prop_assert!(
                        held(&t.label, &t.note) || in_conflict,
                        "{}: {:?}/{:?} not in {:?}", t.id, t.label, t.note, merged
                    );
                }
            }
        }
    }
}
