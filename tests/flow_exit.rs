//! Flow tests of the ways a judgement could be lost or silently changed:
//! ctrl-c, a note being written when the process must end, opening a tag
//! set after a report was edited, tags pointing past the end of a report,
//! read-only files, reloading over unsaved changes, reserved glyphs.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use diptych::action::Effect;
use diptych::align::{AliasTable, align};
use diptych::app::{App, Clock, Mode, Msg, OpenedSet, TagAccess, TagSetEntry, prepare};
use diptych::document::{Document, Source};
use diptych::keymap::Keymap;
use diptych::tags::store::{Content, TagFile};
use diptych::tags::{Anchor, DocumentRef, Label, Origin, Tag, TagId, TagSet, codec};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn doc(name: &'static str, text: &str) -> Document {
    Document::from_bytes(Source::Embedded(name), text.as_bytes()).unwrap()
}

fn seeds() -> (Document, Document) {
    (Document::seed_left(), Document::seed_right())
}

/// The reader on two documents, aligned, with `opened` as its tag set.
fn reader(left: Document, right: Document, opened: OpenedSet) -> App {
    let mut app = App::new(left, right, Keymap::default());
    app.update(Msg::Resize {
        width: 120,
        height: 30,
    });
    app.start();
    let alignment = align(&app.panes[0].doc, &app.panes[1].doc, &AliasTable::builtin());
    app.update(Msg::Aligned(Box::new(alignment)));
    app.open_tags(opened, 1000);
    tick(&mut app, 0);
    app
}

fn empty_set(left: &Document, right: &Document, access: TagAccess) -> OpenedSet {
    OpenedSet {
        set: TagSet::new("t", DocumentRef::of(left), DocumentRef::of(right)),
        states: Vec::new(),
        path: "/tmp/flow-exit-t.json".into(),
        access,
        notice: None,
        changed: false,
    }
}

fn tick(app: &mut App, ms: u64) -> Vec<Effect> {
    static IDS: AtomicU64 = AtomicU64::new(0);
    app.update(Msg::Tick(Clock {
        ms,
        rfc3339: "2026-12-02T10:00:00Z".into(),
        fresh_id: format!("id-{}", IDS.fetch_add(1, Ordering::Relaxed)),
    }))
}

fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for c in keys.chars() {
        effects.extend(tick(app, 1));
        let code = match c {
            '\n' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            c => KeyCode::Char(c),
        };
        effects.extend(app.on_key(&(KeyEvent::new(code, KeyModifiers::NONE))));
    }
    effects
}

fn ctrl_c(app: &mut App) -> Vec<Effect> {
    app.on_key(&(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)))
}

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

fn saved_set(effects: &[Effect]) -> Option<(TagSet, u64)> {
    effects.iter().find_map(|e| match e {
        Effect::Save { set, generation } => Some(((**set).clone(), *generation)),
        _ => None,
    })
}

#[test]
fn ctrl_c_saves_before_quitting_and_never_drops() {
    let (l, r) = seeds();
    let mut app = reader(l.clone(), r.clone(), empty_set(&l, &r, TagAccess::Writable));
    press(&mut app, "]a");
    // Within the autosave delay: ctrl-c saves first, quits when saved.
    let effects = ctrl_c(&mut app);
    assert!(!effects.contains(&Effect::Quit), "{effects:?}");
    let (set, generation) = saved_set(&effects).expect("a save");
    assert_eq!(set.tags[0].label.as_deref(), Some("agree"));
    let after = app.update(Msg::Saved {
        generation,
        result: Ok(String::new()),
    });
    assert_eq!(after, vec![Effect::Quit]);

    // A failed save keeps the reader open and says why.
    let mut app = reader(l.clone(), r.clone(), empty_set(&l, &r, TagAccess::Writable));
    press(&mut app, "]c");
    let (_, generation) = saved_set(&ctrl_c(&mut app)).unwrap();
    let after = app.update(Msg::Saved {
        generation,
        result: Err("disk full".into()),
    });
    assert!(after.is_empty(), "{after:?}");
    assert!(status(&app).contains("disk full"));

    // Nothing unsaved: ctrl-c quits at once.
    let mut app = reader(l.clone(), r.clone(), empty_set(&l, &r, TagAccess::Writable));
    assert_eq!(ctrl_c(&mut app), vec![Effect::Quit]);

    // Read-only: it asks, as q does.
    let ro = TagAccess::ReadOnly("another diptych has it".into());
    let mut app = reader(l.clone(), r.clone(), empty_set(&l, &r, ro));
    press(&mut app, "]p");
    assert!(ctrl_c(&mut app).is_empty());
    assert_eq!(app.mode, Mode::ConfirmQuit);
}

#[test]
fn ctrl_c_in_the_note_editor_keeps_the_note() {
    let (l, r) = seeds();
    let mut app = reader(l.clone(), r.clone(), empty_set(&l, &r, TagAccess::Writable));
    press(&mut app, "]ci");
    assert_eq!(app.mode, Mode::Note);
    press(&mut app, "the dates differ");
    let (set, _) = saved_set(&ctrl_c(&mut app)).expect("the note is saved");
    assert_eq!(set.tags[0].note, "the dates differ");
    assert_eq!(set.tags[0].label.as_deref(), Some("contradict"));
}

#[test]
fn the_note_being_written_is_in_the_exit_snapshot() {
    let (l, r) = seeds();
    let mut app = reader(l.clone(), r.clone(), empty_set(&l, &r, TagAccess::Writable));
    // A note on a pair that has no tag yet, never submitted.
    press(&mut app, "]i");
    press(&mut app, "draft");
    let set = app
        .exit_snapshot()
        .expect("a signal now must save the draft");
    assert_eq!(set.tags.len(), 1);
    assert_eq!(set.tags[0].note, "draft");
    // The model is unchanged by taking the snapshot.
    assert_eq!(app.mode, Mode::Note);
    assert!(app.tagging.as_ref().unwrap().set.tags.is_empty());

    // An existing tag gets the draft as its note.
    let mut app = reader(l.clone(), r.clone(), empty_set(&l, &r, TagAccess::Writable));
    press(&mut app, "]a");
    let (_, g) = saved_set(&tick(&mut app, 5000)).expect("autosave");
    app.update(Msg::Saved {
        generation: g,
        result: Ok(String::new()),
    });
    assert!(app.exit_snapshot().is_none(), "nothing unsaved");
    press(&mut app, "ix");
    let set = app.exit_snapshot().unwrap();
    assert_eq!(
        (set.tags.len(), set.tags[0].note.as_str()),
        (1, "x"),
        "{:?}",
        set.tags
    );
}

/// A tag file for `left`/`right` on disk, judged on passages (pl, pr).
fn write_tags(path: &Path, left: &Document, right: &Document, pl: usize, pr: usize) -> String {
    let mut set = TagSet::new("t", DocumentRef::of(left), DocumentRef::of(right));
    let mut tag = Tag::new(
        TagId("00000000-0000-4000-8000-0000000000aa".into()),
        Origin::Manual,
        Anchor::for_passage(left, pl).unwrap(),
        Anchor::for_passage(right, pr).unwrap(),
        "2026-01-01T00:00:00Z",
    );
    tag.label = Some("agree".into());
    set.tags.push(tag);
    let json = codec::to_json(&set);
    std::fs::write(path, &json).unwrap();
    json
}

#[test]
fn opening_after_a_report_was_edited_never_rewrites_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.json");
    let left = doc(
        "l",
        "Title\n\nFirst passage about Kabul.\n\nSecond passage about Herat.\n",
    );
    let right = doc("r", "Other\n\nKabul is discussed here.\n\nHerat too.\n");
    let original = write_tags(&path, &left, &right, 2, 2);
    // The left report gains a paragraph: the tag moves.
    let edited = doc(
        "l",
        "Title\n\nA new opening paragraph.\n\nFirst passage about Kabul.\n\nSecond passage about Herat.\n",
    );
    let opened = TagFile::open(&path).unwrap();
    let prepared = prepare(&opened.file, opened.content, &edited, &right);
    assert!(prepared.changed);
    let moved = prepared.set.tags[0].left.clone();
    let mut app = reader(edited, right, prepared);
    let tagging = app.tagging.as_ref().unwrap();
    assert!(!tagging.dirty(), "opening is not a change of the analyst's");
    assert!(tagging.pending_moves);
    assert_eq!(moved.exact, "Second passage about Herat.");
    assert!(status(&app).contains("until you save"), "{}", status(&app));
    // No save however long the reader stays open.
    for ms in [1000, 5000, 60_000] {
        assert!(saved_set(&tick(&mut app, ms)).is_none());
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), original);
    // ctrl-s records the moves on purpose.
    let effects = app.update(Msg::Action(diptych::action::Action::Save));
    let (set, _) = saved_set(&effects).expect("an explicit save");
    assert_eq!(set.tags[0].left.exact, "Second passage about Herat.");
}

#[test]
fn tags_pointing_past_the_end_are_orphaned_not_silently_anchored() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.json");
    let left = doc(
        "l",
        "Title\n\nFirst passage about Kabul.\n\nSecond passage.\n",
    );
    let right = doc("r", "Other\n\nKabul is discussed here.\n\nHerat too.\n");
    write_tags(&path, &left, &right, 1, 1);
    // Same documents (hashes unchanged), offsets edited past the end and
    // a quote the text does not hold.
    let mut value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    value["tags"][0]["left"]["start"] = serde_json::json!(100_000);
    value["tags"][0]["left"]["end"] = serde_json::json!(100_021);
    value["tags"][0]["left"]["exact"] = serde_json::json!("nowhere in the report");
    std::fs::write(&path, serde_json::to_string_pretty(&value).unwrap()).unwrap();
    let opened = TagFile::open(&path).unwrap();
    let prepared = prepare(&opened.file, opened.content, &left, &right);
    assert_eq!(
        prepared.access,
        TagAccess::Writable,
        "{:?}",
        prepared.notice
    );
    assert_eq!(
        prepared.tag_states(),
        [[
            diptych::tags::AnchorKind::Orphaned,
            diptych::tags::AnchorKind::Anchored
        ]],
        "only the left side is orphaned"
    );
    let alignment = align(&left, &right, &AliasTable::builtin());
    let input = diptych::export::input::build(
        &left,
        &right,
        &alignment,
        &prepared.set,
        &prepared.tag_states(),
        &diptych::export::input::Context::default(),
    );
    use diptych::tags::AnchorKind;
    let e = &input.entries[0];
    assert_eq!(
        (e.left.state, e.right.state),
        (AnchorKind::Orphaned, AnchorKind::Anchored)
    );
    let app = reader(left.clone(), right.clone(), prepared);
    assert_eq!(app.orphans().len(), 1, "R lists it");

    // Offsets off but the quote present: found again, shown as moved.
    value["tags"][0]["left"]["exact"] = serde_json::json!("First passage about Kabul.");
    value["tags"][0]["left"]["end"] = serde_json::json!(100_026);
    std::fs::write(&path, serde_json::to_string_pretty(&value).unwrap()).unwrap();
    let opened = TagFile::open(&path).unwrap();
    let prepared = prepare(&opened.file, opened.content, &left, &right);
    assert_eq!(
        prepared.tag_states(),
        [[
            diptych::tags::AnchorKind::Moved,
            diptych::tags::AnchorKind::Anchored
        ]]
    );
}

#[cfg(unix)]
#[test]
fn a_read_only_tag_file_is_respected() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.json");
    let (l, r) = seeds();
    let original = write_tags(&path, &l, &r, 5, 4);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let Content::Loaded(_) = TagFile::open(&path).unwrap().content else {
        panic!("loads")
    };
    let mut opened = TagFile::open(&path).unwrap();
    assert!(opened.file.is_read_only());
    let prepared = prepare(&opened.file, opened.content, &l, &r);
    assert!(matches!(&prepared.access, TagAccess::ReadOnly(why) if why.contains("chmod")));
    let set = prepared.set.clone();
    assert!(opened.file.save(&set).is_err());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), original);
    let app = reader(l, r, prepared);
    assert!(status(&app).contains("read-only"), "{}", status(&app));
}

#[test]
fn reloading_over_unsaved_changes_keeps_both() {
    let (l, r) = seeds();
    let mut app = reader(l.clone(), r.clone(), empty_set(&l, &r, TagAccess::Writable));
    press(&mut app, "]a");
    press(&mut app, "T");
    app.update(Msg::TagSets(Ok(vec![TagSetEntry {
        name: "flow-exit-t".into(),
        current: true,
        changed_on_disk: true,
        documents: None,
        tags: 0,
        problem: None,
    }])));
    let effects = press(&mut app, "\n");
    let [Effect::CreateTagSet { set }] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert!(
        set.name
            .starts_with("flow-exit-t (mine 2026-12-02T10-00-00")
    );
    assert_eq!(set.tags.len(), 1, "the unsaved judgement goes to the copy");
    assert!(status(&app).contains("kept both"), "{}", status(&app));
}

/// Found in review: Enter on the open set within the autosave's quiet
/// second, the file untouched by anyone else, made a copy named
/// `NAME (mine TIME)` and switched to it, leaving the judgement out of the
/// set the analyst was working in.
#[test]
fn reopening_the_open_set_unchanged_on_disk_just_saves_it() {
    let (l, r) = seeds();
    let mut app = reader(l.clone(), r.clone(), empty_set(&l, &r, TagAccess::Writable));
    press(&mut app, "]a");
    press(&mut app, "T");
    app.update(Msg::TagSets(Ok(vec![TagSetEntry {
        name: "flow-exit-t".into(),
        current: true,
        changed_on_disk: false,
        documents: None,
        tags: 0,
        problem: None,
    }])));
    let effects = press(&mut app, "\n");
    let [Effect::Save { set, .. }] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert_eq!(set.name, app.tagging.as_ref().unwrap().set.name);
    assert_eq!(set.tags.len(), 1, "the judgement goes to the open set");
    assert_eq!(app.mode, Mode::Normal);
    assert!(status(&app).contains("open already"), "{}", status(&app));
}

#[test]
fn custom_labels_never_take_a_stance_glyph() {
    let (l, r) = seeds();
    let mut app = reader(l.clone(), r.clone(), empty_set(&l, &r, TagAccess::Writable));
    press(&mut app, "]l=maybe\n");
    let tagging = app.tagging.as_ref().unwrap();
    let label = tagging.label_of(&tagging.set.tags[0]).unwrap();
    assert_eq!(label.name, "=maybe");
    assert_eq!(label.glyph, "M");
    // A file that gives a custom label a stance's glyph shows `*`.
    let mut set = TagSet::new("t", DocumentRef::of(&l), DocumentRef::of(&r));
    set.labels.push(Label {
        id: "sneaky".into(),
        name: "Sneaky".into(),
        glyph: "=".into(),
    });
    assert_eq!(set.label("sneaky").unwrap().glyph, "*");
    assert_eq!(set.label("agree").unwrap().glyph, "=");
}

#[test]
fn renaming_the_open_tag_set_works_with_one_diptych_running() {
    use diptych::shell::session::Session;
    use diptych::tags::store::Store;
    let dir = tempfile::tempdir().unwrap();
    let (l, r) = seeds();
    write_tags(&dir.path().join("old.json"), &l, &r, 5, 4);
    let store = Store::open(dir.path()).unwrap();
    let opened = store.open_named("old").unwrap();
    assert!(!opened.file.is_read_only());
    let mut session = Session {
        file: Some(opened.file),
        store: Some(store),
    };
    let msg = session.rename("old", "new", &l, &r);
    let Msg::TagSetOpened(Ok(set)) = msg else {
        panic!("{msg:?}");
    };
    assert_eq!(set.set.name, "new");
    assert_eq!(set.set.tags.len(), 1, "the judgement comes along");
    assert_eq!(session.file.as_ref().unwrap().name(), "new");
    assert!(!dir.path().join("old.json").exists());
    assert!(dir.path().join("new.json").exists());
}

#[test]
fn an_export_onto_the_open_tag_set_is_refused() {
    use diptych::export::{Protected, check_output};
    let dir = tempfile::tempdir().unwrap();
    let tags = dir.path().join("t.json");
    let (l, r) = seeds();
    write_tags(&tags, &l, &r, 5, 4);
    let protect = Protected::tag_file(&tags);
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    for spelling in [
        tags.clone(),
        sub.join("../t.json"),
        dir.path().join("t.json.bak"),
        dir.path().join("t.json.lock"),
    ] {
        let e = check_output(&spelling, &protect).unwrap_err();
        assert!(e.to_string().contains("must never replace"), "{e}");
    }
    assert!(check_output(&dir.path().join("t.export.md"), &protect).is_ok());
}

#[cfg(unix)]
#[test]
fn a_symlinked_tag_file_is_saved_through_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let (l, r) = seeds();
    let real = dir.path().join("real.json");
    write_tags(&real, &l, &r, 5, 4);
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink("real.json", &link).unwrap();
    let Content::Loaded(mut set) = TagFile::open(&link).unwrap().content else {
        panic!("loads through the link");
    };
    let mut file = TagFile::open(&link).unwrap().file;
    set.tags[0].note = "through the link".into();
    file.save(&set).unwrap();
    let meta = std::fs::symlink_metadata(&link).unwrap();
    assert!(meta.file_type().is_symlink(), "the link stays a link");
    assert!(
        std::fs::read_to_string(&real)
            .unwrap()
            .contains("through the link")
    );
}
