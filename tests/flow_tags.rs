//! Flow tests of tagging: keys into the model, with the clock, saves and
//! the alignment delivered as the runtime would; assertions on the model
//! and the effects. No terminal, no disk.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use diptych::action::Effect;
use diptych::align::{AliasTable, align};
use diptych::app::{App, Clock, Mode, Msg, OpenedSet, TagAccess};
use diptych::document::Document;
use diptych::keymap::Keymap;
use diptych::tags::{DocumentRef, TagSet};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn app_with_tags(access: TagAccess) -> App {
    let mut app = App::new(
        Document::seed_left(),
        Document::seed_right(),
        Keymap::default(),
    );
    app.update(Msg::Resize {
        width: 120,
        height: 30,
    });
    app.start();
    let alignment = align(&app.panes[0].doc, &app.panes[1].doc, &AliasTable::builtin());
    app.update(Msg::Aligned(Box::new(alignment)));
    let set = TagSet::new(
        "test",
        DocumentRef::of(&app.panes[0].doc),
        DocumentRef::of(&app.panes[1].doc),
    );
    app.open_tags(
        OpenedSet {
            set,
            states: Vec::new(),
            path: PathBuf::from("/tmp/test.json"),
            access,
            notice: None,
            changed: false,
        },
        1000,
    );
    tick(&mut app, 0);
    app
}

fn tick(app: &mut App, ms: u64) -> Vec<Effect> {
    static IDS: AtomicU64 = AtomicU64::new(0);
    app.update(Msg::Tick(Clock {
        ms,
        rfc3339: "2026-11-23T10:00:00Z".into(),
        fresh_id: format!("id-{}", IDS.fetch_add(1, Ordering::Relaxed)),
    }))
}

fn key(app: &mut App, code: KeyCode, mods: KeyModifiers) -> Vec<Effect> {
    app.update(Msg::Key(KeyEvent::new(code, mods)))
}

fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for (i, c) in keys.chars().enumerate() {
        // A fresh id per key, as the runtime sends a tick before each event.
        effects.extend(tick(app, i as u64));
        let code = match c {
            '\n' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            '\t' => KeyCode::Tab,
            c => KeyCode::Char(c),
        };
        effects.extend(key(app, code, KeyModifiers::NONE));
    }
    effects
}

fn counts(app: &App) -> (usize, usize, usize, usize, usize) {
    let c = app.tag_counts().unwrap();
    (c.agree, c.contradict, c.partial, c.unclear, c.untagged)
}

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

#[test]
fn stances_counts_undo_redo() {
    let mut app = app_with_tags(TagAccess::Writable);
    let pairs = app.tag_counts().unwrap().pairs;
    press(&mut app, "]c");
    assert_eq!(counts(&app), (0, 1, 0, 0, pairs - 1));
    press(&mut app, "]a]p]U");
    assert_eq!(counts(&app), (1, 1, 1, 1, pairs - 4));
    // Changing a stance replaces it.
    press(&mut app, "a");
    assert_eq!(counts(&app), (2, 1, 1, 0, pairs - 4));
    press(&mut app, "u");
    assert_eq!(counts(&app), (1, 1, 1, 1, pairs - 4));
    assert!(status(&app).starts_with("undone"), "{}", status(&app));
    key(&mut app, KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert_eq!(counts(&app), (2, 1, 1, 0, pairs - 4));
    press(&mut app, "x");
    assert_eq!(counts(&app), (1, 1, 1, 0, pairs - 3));
    press(&mut app, "uuuuuu");
    assert_eq!(counts(&app), (0, 0, 0, 0, pairs));
}

#[test]
fn next_untagged_skips_tagged_pairs() {
    let mut app = app_with_tags(TagAccess::Writable);
    press(&mut app, "]a");
    let first = app.comparison.as_ref().unwrap().current;
    press(&mut app, "g>");
    let c = app.comparison.as_ref().unwrap();
    assert_ne!(c.current, first);
    let p = c.pairs[c.current.unwrap()];
    let tagging = app.tagging.as_ref().unwrap();
    assert!(tagging.tag_for(p.left, p.right).is_none());
}

#[test]
fn autosave_waits_for_quiet_then_saves_once() {
    let mut app = app_with_tags(TagAccess::Writable);
    press(&mut app, "]c");
    assert!(tick(&mut app, 500).is_empty(), "not before the delay");
    let effects = tick(&mut app, 1500);
    let generation = match effects.as_slice() {
        [Effect::Save { generation, set }] => {
            assert_eq!(set.tags.len(), 1);
            *generation
        }
        other => panic!("expected one save, got {other:?}"),
    };
    assert!(
        tick(&mut app, 1600).is_empty(),
        "one save in flight at a time"
    );
    app.update(Msg::Saved {
        generation,
        result: Ok(String::new()),
    });
    assert!(!app.tagging.as_ref().unwrap().dirty());
    assert!(tick(&mut app, 5000).is_empty());
}

#[test]
fn failed_save_keeps_changes_and_is_reported() {
    let mut app = app_with_tags(TagAccess::Writable);
    press(&mut app, "]c");
    let effects = key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let [Effect::Save { generation, .. }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    app.update(Msg::Saved {
        generation: *generation,
        result: Err("disk full".into()),
    });
    assert!(app.tagging.as_ref().unwrap().dirty());
    assert!(status(&app).contains("disk full"));
    // Autosave does not hammer a failing disk with the same generation …
    assert!(tick(&mut app, 10_000).is_empty());
    // … but quitting asks.
    press(&mut app, "q");
    assert_eq!(app.mode, Mode::ConfirmQuit);
    press(&mut app, "\x1b");
    assert_eq!(app.mode, Mode::Normal);
    // A new change makes autosave try again.
    press(&mut app, "a");
    assert!(matches!(
        tick(&mut app, 20_000).as_slice(),
        [Effect::Save { .. }]
    ));
}

#[test]
fn save_and_quit_quits_after_the_save() {
    let mut app = app_with_tags(TagAccess::Writable);
    press(&mut app, "]c");
    let effects = press(&mut app, "qs");
    let [Effect::Save { generation, .. }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    let effects = app.update(Msg::Saved {
        generation: *generation,
        result: Ok(String::new()),
    });
    assert_eq!(effects, vec![Effect::Quit]);
}

#[test]
fn read_only_keeps_judgements_in_memory_and_never_saves() {
    let mut app = app_with_tags(TagAccess::ReadOnly("locked by another diptych".into()));
    press(&mut app, "]c");
    assert_eq!(counts(&app).1, 1, "the judgement is kept in memory");
    assert!(status(&app).contains("locked by another diptych"));
    assert!(tick(&mut app, 60_000).is_empty(), "no autosave");
    assert!(key(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL).is_empty());
    assert!(status(&app).contains("not saved"));
}

#[test]
fn manual_link_then_tag_then_unlink() {
    let mut app = app_with_tags(TagAccess::Writable);
    let before = app.comparison.as_ref().unwrap().pairs.len();
    // Scroll both panes to places the alignment did not pair, and link.
    press(&mut app, "s");
    press(&mut app, "G");
    press(&mut app, "m\tGm");
    let c = app.comparison.as_ref().unwrap();
    assert_eq!(c.pairs.len(), before + 1, "{}", status(&app));
    let current = c.pairs[c.current.unwrap()];
    assert_eq!(current.aligned, None);
    assert!(status(&app).contains("linked"), "{}", status(&app));
    press(&mut app, "p");
    assert_eq!(counts(&app).2, 1);
    press(&mut app, "M");
    assert_eq!(app.comparison.as_ref().unwrap().pairs.len(), before);
    assert_eq!(app.tagging.as_ref().unwrap().set.tags.len(), 0);
    press(&mut app, "u");
    assert_eq!(app.comparison.as_ref().unwrap().pairs.len(), before + 1);
}

#[test]
fn label_picker_applies_and_creates_labels() {
    let mut app = app_with_tags(TagAccess::Writable);
    press(&mut app, "]l");
    assert!(matches!(app.mode, Mode::Labels { .. }));
    press(&mut app, "contr\n");
    assert_eq!(counts(&app).1, 1);
    press(&mut app, "]lDisputed figures\n");
    let tagging = app.tagging.as_ref().unwrap();
    assert!(
        tagging
            .set
            .labels
            .iter()
            .any(|l| l.name == "Disputed figures")
    );
    assert_eq!(app.tag_counts().unwrap().custom, 1);
}

#[test]
fn tagging_without_a_pair_explains() {
    let mut app = app_with_tags(TagAccess::Writable);
    press(&mut app, "a");
    assert!(status(&app).contains("no current pair"), "{}", status(&app));
}

#[test]
fn tag_set_picker_save_as_and_switch_are_effects() {
    use diptych::app::TagSetEntry;
    let mut app = app_with_tags(TagAccess::Writable);
    press(&mut app, "]c");
    let effects = press(&mut app, "T");
    assert_eq!(effects, vec![Effect::ListTagSets]);
    app.update(Msg::TagSets(Ok(vec![
        TagSetEntry {
            name: "test".into(),
            documents: None,
            tags: 1,
            problem: None,
            current: true,
        },
        TagSetEntry {
            name: "other".into(),
            documents: None,
            tags: 0,
            problem: None,
            current: false,
        },
    ])));
    // Switching with unsaved changes is refused, nothing is lost.
    let effects = press(&mut app, "j\n");
    assert!(effects.is_empty());
    assert!(status(&app).contains("unsaved changes"), "{}", status(&app));
    // Save as: a copy of the judgements under a new name.
    let effects = press(&mut app, "sbrief-v2\n");
    let [Effect::CreateTagSet { set }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(set.name, "brief-v2");
    assert_eq!(set.tags.len(), 1);
    // A bad name is refused before any file is touched.
    let effects = press(&mut app, "n../x\n");
    assert!(effects.is_empty());
    assert!(
        status(&app).contains("invalid tag set name"),
        "{}",
        status(&app)
    );
}

#[test]
fn orphans_are_listed_and_reattached_never_dropped() {
    use diptych::tags::{Anchor, AnchorState, Origin, Tag, TagId};
    let mut app = App::new(
        Document::seed_left(),
        Document::seed_right(),
        Keymap::default(),
    );
    app.update(Msg::Resize {
        width: 120,
        height: 30,
    });
    let alignment = align(&app.panes[0].doc, &app.panes[1].doc, &AliasTable::builtin());
    app.update(Msg::Aligned(Box::new(alignment)));
    let mut set = TagSet::new(
        "t",
        DocumentRef::of(&app.panes[0].doc),
        DocumentRef::of(&app.panes[1].doc),
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
    app.open_tags(
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
    tick(&mut app, 0);
    assert_eq!(app.orphans(), vec![0]);
    // The orphan is not shown on any passage, and not counted as a pair.
    assert_eq!(app.tag_counts().unwrap().agree, 0);
    press(&mut app, "R");
    assert!(matches!(app.mode, Mode::Review { .. }));
    // Re-attaching needs a current pair: go to one first.
    press(&mut app, "\x1b]Ra");
    assert!(app.orphans().is_empty());
    assert_eq!(app.tag_counts().unwrap().agree, 1);
    let tag = &app.tagging.as_ref().unwrap().set.tags[0];
    assert_eq!(tag.note, "important", "the note survives re-attachment");
}

#[test]
fn export_dialog_writes_and_confirms_overwrite() {
    use diptych::app::ExportFailure;
    let mut app = app_with_tags(TagAccess::Writable);
    press(&mut app, "]c");
    press(&mut app, "e");
    assert!(matches!(app.mode, Mode::Export(_)));
    // Tab to html: the default path follows the format.
    press(&mut app, "\t");
    let effects = press(&mut app, "\n");
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
    let tag_path = app.tagging.as_ref().map(|t| t.path.clone()).unwrap();
    for suffix in ["", ".bak", ".lock"] {
        let mut p = tag_path.clone().into_os_string();
        p.push(suffix);
        assert!(
            protect.iter().any(|x| x.path == std::path::Path::new(&p)),
            "{protect:?}"
        );
    }
    assert!(
        path.to_string_lossy().ends_with("test.export.html"),
        "{path:?}"
    );
    assert!(contents.contains("<html") && contents.contains("Contradict"));
    assert!(!overwrite);
    app.update(Msg::Exported(Err(ExportFailure::Exists(path.clone()))));
    assert!(status(&app).contains("exists"), "{}", status(&app));
    let effects = press(&mut app, "y");
    assert!(matches!(
        effects.as_slice(),
        [Effect::WriteExport {
            overwrite: true,
            ..
        }]
    ));
    app.update(Msg::Exported(Ok(path.clone())));
    assert_eq!(app.mode, Mode::Normal);
    assert!(status(&app).contains("exported to"));
}
