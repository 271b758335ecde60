//! The tag store against a real file system: saving, .bak, locking, refusal
//! to overwrite files changed elsewhere or unreadable, pair lookup, listing,
//! rename and delete.

mod tags_common;

use std::fs;

use diptych::tags::codec::{self, LoadError};
use diptych::tags::store::{Access, Content, Opened, SaveError, Store, StoreError, TagFile};
use diptych::tags::view::list_table;
use tags_common::{doc_ref, files_in, generation};

fn loaded(o: Opened) -> (TagFile, diptych::tags::TagSet) {
    match o.content {
        Content::Loaded(s) => (o.file, s),
        other => panic!("expected a loaded tag set, got {other:?}"),
    }
}

#[test]
fn save_reopen_and_keep_previous_generation() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pair.json");
    let Opened { mut file, content } = TagFile::open(&path).unwrap();
    assert!(matches!(content, Content::New));
    assert_eq!(file.access(), &Access::ReadWrite);
    file.save(&generation("pair", 1)).unwrap();
    assert!(
        !file.backup_path().exists(),
        "no .bak before a previous generation exists"
    );
    let saved = file.save(&generation("pair", 2)).unwrap();
    assert_eq!(saved.backup_warning, None);
    let bak = fs::read(file.backup_path()).unwrap();
    assert_eq!(codec::parse(&bak, &path).unwrap(), generation("pair", 1));
    drop(file);
    let (_, set) = loaded(TagFile::open(&path).unwrap());
    assert_eq!(set, generation("pair", 2));
    assert_eq!(
        files_in(dir.path()),
        ["pair.json", "pair.json.bak"],
        "the lock file goes with the last diptych that held it"
    );
}

#[test]
fn second_instance_opens_read_only_until_the_first_closes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pair.json");
    let mut first = TagFile::open(&path).unwrap().file;
    first.save(&generation("pair", 1)).unwrap();
    let (mut second, set) = loaded(TagFile::open(&path).unwrap());
    assert_eq!(set, generation("pair", 1), "read-only still loads the tags");
    assert!(second.is_read_only());
    let Access::ReadOnly { reason } = second.access().clone() else {
        unreachable!()
    };
    assert!(reason.contains("another diptych"), "{reason}");
    let err = second.save(&generation("pair", 9)).unwrap_err();
    assert!(matches!(err, SaveError::ReadOnly { .. }), "{err}");
    assert!(err.to_string().contains("save under another name"), "{err}");
    assert_eq!(
        loaded(TagFile::open(&path).unwrap()).1,
        generation("pair", 1)
    );
    drop(first);
    let (mut third, _) = loaded(TagFile::open(&path).unwrap());
    assert!(!third.is_read_only());
    third.save(&generation("pair", 3)).unwrap();
}

#[test]
fn corrupt_file_stays_byte_for_byte_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let path = store.path_of("left vs right").unwrap();
    let mut bytes = codec::to_json(&generation("left vs right", 3)).into_bytes();
    bytes.truncate(bytes.len() / 2);
    bytes.extend_from_slice(b"\x00\xff garbage");
    fs::write(&path, &bytes).unwrap();

    let Opened { mut file, content } = TagFile::open(&path).unwrap();
    let Content::Unreadable(err) = content else {
        panic!("corrupt file loaded")
    };
    let msg = err.to_string();
    assert!(
        matches!(err, LoadError::Syntax { line, .. } if line > 1),
        "{msg}"
    );
    assert!(msg.starts_with(&format!("{}:", path.display())), "{msg}");
    assert!(msg.contains("left untouched"), "{msg}");
    let refused = file.save(&generation("left vs right", 4)).unwrap_err();
    assert!(matches!(refused, SaveError::Unreadable { .. }), "{refused}");
    // Reloading does not make it writable either.
    assert!(matches!(file.load(), Content::Unreadable(_)));
    assert!(file.save(&generation("left vs right", 4)).is_err());

    // Opening the pair finds the corrupt default-named file rather than
    // quietly starting a second tag set beside it.
    drop(file);
    let opened = store
        .open_for_pair(&doc_ref("/r/left.txt", 'a'), &doc_ref("/r/right.txt", 'b'))
        .unwrap();
    assert_eq!(opened.file.path(), path);
    assert!(matches!(opened.content, Content::Unreadable(_)));
    let listing = list_table(&store.list().unwrap());
    assert!(listing.contains("unreadable"), "{listing}");

    assert_eq!(fs::read(&path).unwrap(), bytes);
    assert!(!dir.path().join("left vs right.json.bak").exists());
}

#[test]
fn newer_format_is_refused_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.json");
    let text = codec::to_json(&generation("future", 1))
        .replace("\"format_version\": 1", "\"format_version\": 2");
    fs::write(&path, &text).unwrap();
    let Opened { mut file, content } = TagFile::open(&path).unwrap();
    let Content::Unreadable(err) = content else {
        panic!("newer file loaded")
    };
    assert!(
        matches!(
            err,
            LoadError::TooNew {
                found: 2,
                line: 2,
                ..
            }
        ),
        "{err}"
    );
    assert!(file.save(&generation("future", 1)).is_err());
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn external_change_is_detected_before_writing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pair.json");
    let mut file = TagFile::open(&path).unwrap().file;
    assert!(!file.changed_on_disk(), "absent, as expected");
    file.save(&generation("pair", 1)).unwrap();
    assert!(!file.changed_on_disk(), "as we wrote it");
    let theirs = codec::to_json(&generation("pair", 5));
    fs::write(&path, &theirs).unwrap();
    assert!(file.changed_on_disk());
    let err = file.save(&generation("pair", 2)).unwrap_err();
    assert!(matches!(err, SaveError::ChangedOnDisk { .. }), "{err}");
    assert!(err.to_string().contains("keep both"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), theirs);
    // After reloading, saving works again.
    assert!(matches!(file.load(), Content::Loaded(s) if s == generation("pair", 5)));
    file.save(&generation("pair", 6)).unwrap();

    // A file that appears where we expected none is also someone else's.
    let new_path = dir.path().join("fresh.json");
    let mut fresh = TagFile::open(&new_path).unwrap().file;
    fs::write(&new_path, "{}").unwrap();
    assert!(fresh.changed_on_disk());
    assert!(matches!(
        fresh.save(&generation("fresh", 1)),
        Err(SaveError::ChangedOnDisk { .. })
    ));
    assert_eq!(fs::read_to_string(&new_path).unwrap(), "{}");
}

#[test]
fn stale_temporary_files_of_ours_are_swept_and_others_kept() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        ".pair.json.4242.0.tmp",
        ".gone.json.4242.7.tmp",
        ".notes.tmp",
        "pair.json.tmp",
    ] {
        fs::write(dir.path().join(name), "x").unwrap();
    }
    // A temp file of a tag set open elsewhere may be a live save: kept.
    let busy = TagFile::open(&dir.path().join("busy.json")).unwrap();
    fs::write(dir.path().join(".busy.json.4242.1.tmp"), "x").unwrap();
    Store::open(dir.path()).unwrap();
    let left = files_in(dir.path());
    assert!(
        !left.iter().any(|f| f.starts_with(".pair.json.4242")),
        "{left:?}"
    );
    assert!(
        !left.iter().any(|f| f.starts_with(".gone.json")),
        "{left:?}"
    );
    assert!(left.contains(&".notes.tmp".to_string()));
    assert!(left.contains(&"pair.json.tmp".to_string()));
    assert!(left.contains(&".busy.json.4242.1.tmp".to_string()));
    drop(busy);
}

#[test]
fn the_pair_finds_its_tag_set_again() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let (a, b) = (doc_ref("/r/left.txt", 'a'), doc_ref("/r/right.txt", 'b'));
    assert_eq!(
        store.name_for_pair(&a, &b).unwrap(),
        ("left vs right".to_string(), false)
    );
    let mut mine = generation("mine", 1);
    mine.documents = [a.clone(), b.clone()];
    drop(store.create(&mine).unwrap());
    assert_eq!(store.name_for_pair(&a, &b).unwrap(), ("mine".into(), true));
    // Moved files (same content) and edited files (same path) still match.
    let moved = doc_ref("/elsewhere/left copy.txt", 'a');
    assert_eq!(store.name_for_pair(&moved, &b).unwrap().0, "mine");
    let edited = doc_ref("/r/right.txt", 'c');
    assert_eq!(store.name_for_pair(&a, &edited).unwrap().0, "mine");
    // Other documents whose default name is taken get a fresh one.
    let mut other = generation("x vs y", 1);
    other.documents = [doc_ref("/q/x.txt", 'd'), doc_ref("/q/y.txt", 'e')];
    drop(store.create(&other).unwrap());
    let (x2, y2) = (doc_ref("/z/x.txt", '1'), doc_ref("/z/y.txt", '2'));
    assert_eq!(
        store.name_for_pair(&x2, &y2).unwrap(),
        ("x vs y-2".into(), false)
    );
    let opened = store.open_for_pair(&a, &b).unwrap();
    assert!(matches!(opened.content, Content::Loaded(ref s) if s.name == "mine"));
    // A tag set for other documents is refused when checked against these.
    let err = other.check_documents(&a, &b).unwrap_err();
    assert!(
        err.to_string().contains("belongs to left document"),
        "{err}"
    );
}

#[test]
fn list_create_rename_delete() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    assert!(matches!(
        store.path_of("../escape"),
        Err(StoreError::InvalidName { .. })
    ));
    let created = store.create(&generation("alpha", 3)).unwrap();
    assert!(matches!(
        store.create(&generation("alpha", 1)),
        Err(StoreError::Exists { .. })
    ));
    // Refused while open, including by this process.
    assert!(matches!(
        store.rename("alpha", "beta"),
        Err(StoreError::Busy { .. })
    ));
    drop(created);
    let list = store.list().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(
        (list[0].name.as_str(), list[0].counts.total()),
        ("alpha", 4)
    );
    assert_eq!(list[0].counts.agree, 1);

    let mut f = store.open_named("alpha").unwrap().file;
    f.save(&generation("alpha", 4)).unwrap();
    drop(f);
    store.rename("alpha", "beta").unwrap();
    assert!(matches!(
        store.open_named("alpha"),
        Err(StoreError::NotFound { .. })
    ));
    let (_, set) = loaded(store.open_named("beta").unwrap());
    assert_eq!(set.name, "beta");
    assert_eq!(set.tags, generation("x", 4).tags);
    assert!(
        dir.path().join("beta.json.bak").exists(),
        "backup follows the rename"
    );

    store.delete("beta").unwrap();
    assert!(store.list().unwrap().is_empty());
    let kept = fs::read(dir.path().join("beta.json.bak")).unwrap();
    assert_eq!(
        codec::parse(&kept, dir.path()).unwrap().tags,
        generation("x", 4).tags
    );
}

#[test]
fn tags_path_must_be_in_an_existing_directory() {
    let dir = tempfile::tempdir().unwrap();
    let err = TagFile::open(&dir.path().join("missing/t.json")).unwrap_err();
    assert!(err.to_string().contains("does not exist"), "{err}");
    let err = TagFile::open(dir.path()).unwrap_err();
    assert!(err.to_string().contains("directory"), "{err}");
}
