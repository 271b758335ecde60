//! Flow tests of tagging: keys into the model through the keymap, with the
//! clock, saves and the fixture alignment delivered as the runtime would;
//! assertions on the model and the effects. No terminal, no disk.

mod harness;

use std::path::PathBuf;

use diptych::action::Effect;
use diptych::app::{Mode, Msg, OpenedSet, TagAccess};
use diptych::tags::{DocumentRef, TagSet};
use harness::Harness;

fn tagged(access: TagAccess) -> Harness {
    Harness::seeds().with_tags(access)
}

#[test]
fn stances_counts_undo_redo() {
    let mut h = tagged(TagAccess::Writable);
    let pairs = h.app.tag_counts().unwrap().pairs;
    h.press("]c");
    assert_eq!(h.counts(), (0, 1, 0, 0, pairs - 1));
    h.press("]a]p]U");
    assert_eq!(h.counts(), (1, 1, 1, 1, pairs - 4));
    // Changing a stance replaces it.
    h.press("a");
    assert_eq!(h.counts(), (2, 1, 1, 0, pairs - 4));
    h.press("u");
    assert_eq!(h.counts(), (1, 1, 1, 1, pairs - 4));
    assert!(h.status().starts_with("undone"), "{}", h.status());
    h.press("<ctrl-r>");
    assert_eq!(h.counts(), (2, 1, 1, 0, pairs - 4));
    h.press("x");
    assert_eq!(h.counts(), (1, 1, 1, 0, pairs - 3));
    h.press("uuuuuu");
    assert_eq!(h.counts(), (0, 0, 0, 0, pairs));
}

#[test]
fn next_untagged_skips_tagged_pairs() {
    let mut h = tagged(TagAccess::Writable);
    h.press("]a");
    let first = h.app.comparison.as_ref().unwrap().current;
    h.press("g>");
    let c = h.app.comparison.as_ref().unwrap();
    assert_ne!(c.current, first);
    let p = c.pairs[c.current.unwrap()];
    let tagging = h.app.tagging.as_ref().unwrap();
    assert!(tagging.tag_for(p.left, p.right).is_none());
}

#[test]
fn autosave_waits_for_quiet_then_saves_once() {
    let mut h = tagged(TagAccess::Writable);
    h.press("]c");
    assert!(h.tick_at(500).is_empty(), "not before the delay");
    let effects = h.tick_at(1500);
    let generation = match effects.as_slice() {
        [Effect::Save { generation, set }] => {
            assert_eq!(set.tags.len(), 1);
            *generation
        }
        other => panic!("expected one save, got {other:?}"),
    };
    assert!(h.tick_at(1600).is_empty(), "one save in flight at a time");
    h.send(Msg::Saved {
        generation,
        result: Ok(String::new()),
    });
    assert!(!h.app.tagging.as_ref().unwrap().dirty());
    assert!(h.tick_at(5000).is_empty());
}

#[test]
fn failed_save_keeps_changes_and_is_reported() {
    let mut h = tagged(TagAccess::Writable);
    h.press("]c");
    let effects = h.press("<ctrl-s>");
    let [Effect::Save { generation, .. }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    h.send(Msg::Saved {
        generation: *generation,
        result: Err("disk full".into()),
    });
    assert!(h.app.tagging.as_ref().unwrap().dirty());
    assert!(h.status().contains("disk full"));
    // Autosave does not hammer a failing disk with the same generation …
    assert!(h.tick_at(10_000).is_empty());
    // … but quitting asks.
    h.press("q");
    assert_eq!(h.app.mode, Mode::ConfirmQuit);
    h.press("<esc>");
    assert_eq!(h.app.mode, Mode::Normal);
    // A new change makes autosave try again.
    h.press("a");
    assert!(matches!(
        h.tick_at(20_000).as_slice(),
        [Effect::Save { .. }]
    ));
}

#[test]
fn save_and_quit_quits_after_the_save() {
    let mut h = tagged(TagAccess::Writable);
    h.press("]c");
    let effects = h.press("qs");
    let [Effect::Save { generation, .. }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    let effects = h.send(Msg::Saved {
        generation: *generation,
        result: Ok(String::new()),
    });
    assert_eq!(effects, vec![Effect::Quit]);
}

#[test]
fn read_only_keeps_judgements_in_memory_and_never_saves() {
    let mut h = tagged(TagAccess::ReadOnly("locked by another diptych".into()));
    h.press("]c");
    assert_eq!(h.counts().1, 1, "the judgement is kept in memory");
    assert!(h.status().contains("locked by another diptych"));
    assert!(h.tick_at(60_000).is_empty(), "no autosave");
    assert!(h.press("<ctrl-s>").is_empty());
    assert!(h.status().contains("not saved"));
}

#[test]
fn manual_link_then_tag_then_unlink() {
    let mut h = tagged(TagAccess::Writable);
    let before = h.app.comparison.as_ref().unwrap().pairs.len();
    // Scroll both panes to places the alignment did not pair, and link.
    h.press("s");
    h.press("G");
    h.press("m<tab>Gm");
    let c = h.app.comparison.as_ref().unwrap();
    assert_eq!(c.pairs.len(), before + 1, "{}", h.status());
    let current = c.pairs[c.current.unwrap()];
    assert_eq!(current.aligned, None);
    assert!(h.status().contains("linked"), "{}", h.status());
    h.press("p");
    assert_eq!(h.counts().2, 1);
    h.press("M");
    assert_eq!(h.app.comparison.as_ref().unwrap().pairs.len(), before);
    assert_eq!(h.app.tagging.as_ref().unwrap().set.tags.len(), 0);
    h.press("u");
    assert_eq!(h.app.comparison.as_ref().unwrap().pairs.len(), before + 1);
}

#[test]
fn label_picker_applies_and_creates_labels() {
    let mut h = tagged(TagAccess::Writable);
    h.press("]l");
    assert!(matches!(h.app.mode, Mode::Labels { .. }));
    h.press("contr<enter>");
    assert_eq!(h.counts().1, 1);
    h.press("]lDisputed figures<enter>");
    let tagging = h.app.tagging.as_ref().unwrap();
    assert!(
        tagging
            .set
            .labels
            .iter()
            .any(|l| l.name == "Disputed figures")
    );
    assert_eq!(h.app.tag_counts().unwrap().custom, 1);
}

#[test]
fn label_picker_renames_and_removes_custom_labels_undoably() {
    let mut h = tagged(TagAccess::Writable);
    h.press("]lDisputed figures<enter>");
    let custom = |h: &Harness| {
        let t = h.app.tagging.as_ref().unwrap();
        let label = t
            .set
            .labels
            .iter()
            .find(|l| l.id == "disputed-figures")
            .cloned();
        let carried = t
            .set
            .tags
            .iter()
            .filter(|tag| tag.label.as_deref() == Some("disputed-figures"))
            .count();
        (label.map(|l| l.name), carried)
    };
    assert_eq!(custom(&h), (Some("Disputed figures".into()), 1));

    // Rename: ctrl-r fills the field with the name; the id tags carry stays.
    h.press("ldisp<ctrl-r>");
    assert!(h.screen().contains("Rename label"), "{}", h.screen());
    h.press("<ctrl-u>Contested numbers<enter>");
    assert_eq!(custom(&h), (Some("Contested numbers".into()), 1));
    h.press("u");
    assert_eq!(custom(&h).0.as_deref(), Some("Disputed figures"));
    h.press("<ctrl-r>");

    // Built-in stances cannot be renamed or removed.
    h.press("lagree<ctrl-d>");
    assert!(h.status().contains("built-in stance"), "{}", h.status());
    h.press("<esc>");

    // Remove: a label in use asks first; n keeps it, y removes it, u undoes.
    h.press("lcontested<ctrl-d>");
    assert!(
        h.status().contains("1 judgement(s) carry it"),
        "{}",
        h.status()
    );
    h.press("n");
    assert_eq!(custom(&h).1, 1);
    assert!(matches!(h.app.mode, Mode::Labels(_)), "back in the picker");
    h.press("<ctrl-d>y");
    assert_eq!(custom(&h), (None, 0));
    h.press("u");
    assert_eq!(custom(&h), (Some("Contested numbers".into()), 1));
}

#[test]
fn tagging_without_a_pair_explains() {
    let mut h = tagged(TagAccess::Writable);
    h.press("a");
    assert!(h.status().contains("no current pair"), "{}", h.status());
}

#[test]
fn tag_set_picker_save_as_and_switch_are_effects() {
    use diptych::app::TagSetEntry;
    let mut h = tagged(TagAccess::Writable);
    h.press("]c");
    let effects = h.press("T");
    assert_eq!(effects, vec![Effect::ListTagSets]);
    h.send(Msg::TagSets(Ok(vec![
        TagSetEntry {
            name: "test".into(),
            documents: None,
            tags: 1,
            problem: None,
            current: true,
            changed_on_disk: false,
        },
        TagSetEntry {
            name: "other".into(),
            documents: None,
            tags: 0,
            problem: None,
            current: false,
            changed_on_disk: false,
        },
    ])));
    // Switching with unsaved changes is refused, nothing is lost.
    let effects = h.press("j<enter>");
    assert!(effects.is_empty());
    assert!(h.status().contains("unsaved changes"), "{}", h.status());
    // Save as: a copy of the judgements under a new name.
    let effects = h.press("sbrief-v2<enter>");
    let [Effect::CreateTagSet { set }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(set.name, "brief-v2");
    assert_eq!(set.tags.len(), 1);
    // A bad name is refused before any file is touched.
    let effects = h.press("n../x<enter>");
    assert!(effects.is_empty());
    assert!(
        h.status().contains("invalid tag set name"),
        "{}",
        h.status()
    );
    // The name put right, the error goes (it stayed after the rename
    // was done).
    h.press("<esc>");
    h.press("r<ctrl-u>bad/name<enter>");
    assert!(h.status().contains("invalid tag set name"));
    let effects = h.press("<ctrl-u>renamed<enter>");
    assert_eq!(
        effects,
        vec![Effect::RenameTagSet {
            old: "other".into(),
            new: "renamed".into()
        }]
    );
    assert!(!h.status().contains("invalid"), "{}", h.status());
}

#[test]
fn orphans_are_listed_and_reattached_never_dropped() {
    use diptych::tags::{Anchor, AnchorState, Origin, Tag, TagId};
    let mut h = Harness::seeds();
    let mut set = TagSet::new(
        "t",
        DocumentRef::of(&h.app.panes[0].doc),
        DocumentRef::of(&h.app.panes[1].doc),
    );
    let anchor = Anchor {
        exact: "a passage that was deleted".into(),
        prefix: String::new(),
        suffix: String::new(),
        start: 0,
        end: 26,
    };
    let mut tag = Tag::new(
        TagId("lost".into()),
        Origin::Aligned,
        anchor.clone(),
        anchor,
        "2026-01-01T00:00:00Z",
    );
    tag.label = Some("agree".into());
    tag.note = "important".into();
    set.tags.push(tag);
    h.app.open_tags(
        OpenedSet {
            set,
            states: vec![[AnchorState::Orphaned, AnchorState::Orphaned]],
            path: PathBuf::from("/tmp/t.json"),
            access: TagAccess::Writable,
            notice: None,
            changed: false,
        },
        1000,
    );
    h.tick_at(0);
    assert_eq!(h.app.orphans(), vec![0]);
    // The orphan is not shown on any passage, and not counted as a pair.
    assert_eq!(h.app.tag_counts().unwrap().agree, 0);
    h.press("R");
    assert!(matches!(h.app.mode, Mode::Review { .. }));
    // Re-attaching needs a current pair: go to one first.
    h.press("<esc>]Ra");
    assert!(h.app.orphans().is_empty());
    assert_eq!(h.app.tag_counts().unwrap().agree, 1);
    let tag = &h.app.tagging.as_ref().unwrap().set.tags[0];
    assert_eq!(tag.note, "important", "the note survives re-attachment");
}

#[test]
fn export_dialog_writes_and_confirms_overwrite() {
    use diptych::app::ExportFailure;
    let mut h = tagged(TagAccess::Writable);
    h.press("]c");
    h.press("e");
    assert!(matches!(h.app.mode, Mode::Export(_)));
    // Tab to html: the default path follows the format.
    h.press("<tab>");
    let effects = h.press("<enter>");
    let [
        Effect::WriteExport {
            path,
            contents,
            overwrite,
            protect,
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}")
    };
    // The open tag set, its backup and its lock are never written over.
    let tag_path = h.app.tagging.as_ref().map(|t| t.path.clone()).unwrap();
    for suffix in ["", ".bak", ".lock"] {
        let mut p = tag_path.clone().into_os_string();
        p.push(suffix);
        assert!(
            protect.iter().any(|x| x.path == std::path::Path::new(&p)),
            "{protect:?}"
        );
    }
    // Named after the two reports, in the directory diptych was started
    // from (no directory part: relative to it).
    let name = path.to_string_lossy();
    assert!(
        name.contains("-vs-") && name.ends_with(".html") && !name.contains('/'),
        "{path:?}"
    );
    let contents = String::from_utf8_lossy(contents);
    assert!(contents.contains("<html") && contents.contains("Contradict"));
    assert!(!overwrite);
    h.send(Msg::Exported(Err(ExportFailure::Exists(path.clone()))));
    assert!(h.status().contains("exists"), "{}", h.status());
    let effects = h.press("y");
    assert!(matches!(
        effects.as_slice(),
        [Effect::WriteExport {
            overwrite: true,
            ..
        }]
    ));
    h.send(Msg::Exported(Ok(path.clone())));
    assert_eq!(h.app.mode, Mode::Normal);
    assert!(h.status().contains("exported to"));
}

#[test]
fn export_dialog_names_the_reports_in_the_tag_set_undoably() {
    let mut h = tagged(TagAccess::Writable);
    h.press("]c");
    h.press("e");
    let Mode::Export(dialog) = &h.app.mode else {
        panic!("{:?}", h.app.mode)
    };
    // The names exports use unless the analyst gives others.
    assert_eq!(dialog.names[0].text(), "Giustozzi");
    assert_eq!(dialog.names[1].text(), "IS-K – An Overlooked Threat?");
    assert_eq!(dialog.path.text(), "giustozzi-vs-iskp-overlooked-threat.md");
    // ctrl-n moves typing to the left name, then the right one.
    h.press("<ctrl-n><ctrl-n><ctrl-u>ICCT");
    let effects = h.press("<enter>");
    let [Effect::WriteExport { contents, .. }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert!(String::from_utf8_lossy(contents).starts_with("# Giustozzi vs ICCT\n"));
    let names = |h: &Harness| h.app.tagging.as_ref().unwrap().set.names.clone();
    assert_eq!(names(&h), [None, Some("ICCT".to_string())]);
    h.send(Msg::Exported(Ok("giustozzi-vs-icct.md".into())));
    // Undo takes the name back; a name typed back to the detected one is
    // not stored.
    h.press("u");
    assert_eq!(names(&h), [None, None]);
    h.press("e<ctrl-n>");
    let Mode::Export(dialog) = &h.app.mode else {
        panic!()
    };
    assert_eq!(dialog.names[0].text(), "Giustozzi");
    // A name with a control character, or too long, is refused with a
    // reason and the tag set keeps its names.
    h.press(&format!("<ctrl-u>{}", "x".repeat(61)));
    let effects = h.press("<enter>");
    assert!(effects.is_empty(), "nothing written: {effects:?}");
    assert!(h.status().contains("report name"), "{}", h.status());
    assert!(
        matches!(h.app.mode, Mode::Export(_)),
        "the dialog stays open"
    );
    assert_eq!(names(&h), [None, None]);
}

#[test]
fn judgements_carry_the_analyst_who_made_them() {
    let mut h = tagged(TagAccess::Writable);
    h.app = std::mem::replace(&mut h.app, Harness::seeds().app).with_analyst(Some("ana".into()));
    h.press("]c");
    let analyst =
        |h: &Harness, i: usize| h.app.tagging.as_ref().unwrap().set.tags[i].analyst.clone();
    assert_eq!(analyst(&h, 0).as_deref(), Some("ana"));
    // Another analyst changing the stance makes it theirs; undo gives it back.
    h.app = std::mem::replace(&mut h.app, Harness::seeds().app).with_analyst(Some("bob".into()));
    h.press("a");
    assert_eq!(analyst(&h, 0).as_deref(), Some("bob"));
    h.press("u");
    assert_eq!(analyst(&h, 0).as_deref(), Some("ana"));
}
