//! The runtime's side of tag sets: owns the open (locked) tag file and the
//! tag set directory, and performs the tag-set effects (save, list, switch,
//! create, rename, delete, load a backup, read a set to compare with),
//! answering with messages.

use std::path::PathBuf;

use crate::app::{Level, Msg, OpenedSet, Overlay, TagSetEntry, prepare};
use crate::document::Document;
use crate::tags::store::{Content, Opened, Store, TagFile};
use crate::tags::{TagSet, codec};

/// The open tag file and where its siblings live.
#[derive(Debug)]
pub struct Session {
    pub file: Option<TagFile>,
    /// The tag set directory (for `--tags PATH`, the file's directory).
    pub store: Option<Store>,
}

impl Session {
    /// Saves a snapshot: `Ok` with a note to show, or the error.
    pub fn save(&mut self, set: &TagSet) -> Result<String, String> {
        let Some(file) = &mut self.file else {
            return Err("no tag file is open".to_string());
        };
        file.save(set)
            .map(|saved| saved.backup_warning.unwrap_or_default())
            .map_err(|e| e.to_string())
    }

    fn store(&self) -> Result<&Store, String> {
        self.store
            .as_ref()
            .ok_or_else(|| "the tag set directory is unavailable".to_string())
    }

    /// Every tag set in the directory, for the picker.
    pub fn list(&self) -> Msg {
        let current = self.file.as_ref().map(TagFile::name);
        let changed = self.file.as_ref().is_some_and(TagFile::changed_on_disk);
        let result = self.store().and_then(|store| {
            store.list().map_err(|e| e.to_string()).map(|summaries| {
                summaries
                    .into_iter()
                    .map(|s| {
                        let current = current.as_deref() == Some(s.name.as_str());
                        TagSetEntry {
                            current,
                            changed_on_disk: current && changed,
                            documents: s
                                .documents
                                .map(|[l, r]| format!("{} │ {}", l.title, r.title)),
                            tags: s.counts.total(),
                            problem: s.problem,
                            name: s.name,
                        }
                    })
                    .collect()
            })
        });
        Msg::TagSets(result)
    }

    /// Opens tag set `name` in place of the current one.
    pub fn switch(&mut self, name: &str, left: &Document, right: &Document) -> Msg {
        // Reopening the open set (reload) must release our own lock first.
        if self.file.as_ref().is_some_and(|f| f.name() == name) {
            self.file = None;
        }
        let opened = self
            .store()
            .and_then(|s| s.open_named(name).map_err(|e| e.to_string()));
        self.install(opened, left, right)
    }

    /// Creates tag set `name` holding `set` (empty, or a copy of the current
    /// judgements: "save as") and switches to it.
    pub fn create(&mut self, set: TagSet, left: &Document, right: &Document) -> Msg {
        let created = self
            .store()
            .and_then(|s| s.create(&set).map_err(|e| e.to_string()));
        match created {
            Ok(file) => {
                let content = Content::Loaded(set);
                self.install(Ok(Opened { file, content }), left, right)
            }
            Err(e) => Msg::TagSetOpened(Err(e)),
        }
    }

    /// Renames a tag set; the current one is closed for the rename (the
    /// store refuses to rename an open file) and opened again.
    pub fn rename(&mut self, old: &str, new: &str, left: &Document, right: &Document) -> Msg {
        let is_current = self.file.as_ref().is_some_and(|f| f.name() == old);
        if is_current {
            // Our own lock would make the store refuse: release it first.
            self.file = None;
        }
        let renamed = self
            .store()
            .and_then(|s| s.rename(old, new).map_err(|e| e.to_string()));
        match renamed {
            Ok(_) if is_current => self.switch(new, left, right),
            Ok(_) => self.list(),
            Err(e) if is_current => {
                // Take the old set back, and say why the rename failed.
                match self.switch(old, left, right) {
                    Msg::TagSetOpened(Ok(mut set)) => {
                        set.notice = Some((Level::Error, format!("not renamed: {e}")));
                        Msg::TagSetOpened(Ok(set))
                    }
                    other => other,
                }
            }
            Err(e) => Msg::TagSetOpened(Err(e)),
        }
    }

    /// Deletes a tag set other than the open one (its `.bak` stays).
    pub fn delete(&mut self, name: &str) -> Msg {
        if self.file.as_ref().is_some_and(|f| f.name() == name) {
            return Msg::TagSetOpened(Err(format!(
                "`{name}` is the open tag set: switch to another one before deleting it"
            )));
        }
        match self
            .store()
            .and_then(|s| s.delete(name).map_err(|e| e.to_string()))
        {
            Ok(()) => self.list(),
            Err(e) => Msg::TagSetOpened(Err(e)),
        }
    }

    /// Reads the backup of the open (unreadable) tag file into memory. The
    /// file itself is not touched; the set is read-only until saved under
    /// another name.
    pub fn load_backup(&self, left: &Document, right: &Document) -> Msg {
        let Some(file) = &self.file else {
            return Msg::TagSetOpened(Err("no tag file is open".to_string()));
        };
        let backup: PathBuf = file.backup_path();
        let result = std::fs::read(&backup)
            .map_err(|e| format!("{}: cannot read the backup: {e}", backup.display()))
            .and_then(|bytes| codec::parse(&bytes, &backup).map_err(|e| e.to_string()))
            .map(|set| {
                let mut opened = prepare(file, Content::Loaded(set), left, right);
                opened.access = crate::app::TagAccess::ReadOnly(format!(
                    "loaded from {}; {{key:tag_sets}} then {{key:tag_set_picker.save_tag_set_as}} \
                     saves it under another name",
                    backup.display()
                ));
                Box::new(opened)
            });
        Msg::TagSetOpened(result)
    }

    /// Reads tag set `name` to compare with the open one: read only (no
    /// lock, nothing written), re-anchored against the reports.
    pub fn overlay(&self, name: &str, left: &Document, right: &Document) -> Msg {
        let result = self
            .store()
            .and_then(|s| s.path_of(name).map_err(|e| e.to_string()))
            .and_then(|path| {
                let set = TagFile::read_existing(&path)?;
                Overlay::prepare(
                    name.to_string(),
                    path,
                    Some(name.to_string()),
                    set,
                    left,
                    right,
                )
                .map_err(|m| m.to_string())
            });
        Msg::OverlayOpened(result.map(Box::new))
    }

    fn install(
        &mut self,
        opened: Result<Opened, String>,
        left: &Document,
        right: &Document,
    ) -> Msg {
        match opened {
            Ok(Opened { file, content }) => {
                let set: OpenedSet = prepare(&file, content, left, right);
                self.file = Some(file);
                Msg::TagSetOpened(Ok(Box::new(set)))
            }
            Err(e) => Msg::TagSetOpened(Err(e)),
        }
    }
}
