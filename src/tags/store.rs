//! Tag files on disk: where they live, finding a document pair's tag set
//! again, locking, loading that never overwrites what it could not read, and
//! atomic saving that never loses the previous generation.
//!
//! Layout of a tag set directory (default `$XDG_DATA_HOME/diptych/tagsets/`):
//!
//! ```text
//! NAME.json                   the tag set (format: docs/TAGSET_FORMAT.md)
//! NAME.json.bak               the previous generation, replaced on each save
//! NAME.json.lock              empty; locked (flock) while a diptych edits NAME
//! .NAME.json.PID.N.tmp        a save in progress; stale ones are swept
//! ```
//!
//! Saving runs as an effect: the UI hands a snapshot of the tag set to
//! [`TagFile::save`] (on any thread) and gets a `Result` back; debouncing
//! stays in the UI.
//!
//! Over 800 lines: locking, loading, change detection and saving guard the same file and
//! are checked together (its fault tests are in tests/tags_*.rs).

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use thiserror::Error;

use super::codec::{self, LoadError, MAX_TAG_FILE_BYTES};
use super::model::{Counts, DocumentRef, DocumentStatus, TagSet};
pub use crate::atomic::SyncWrite;
use crate::atomic::{self, NewFile, parent_dir, temp_path, with_suffix};

/// Extension of tag files.
pub const EXTENSION: &str = "json";

/// Longest tag set name, in characters.
pub const MAX_NAME_CHARS: usize = 120;

/// Problems with the tag set directory or a whole tag set.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error(
        "cannot find the data directory ({reason}); set XDG_DATA_HOME or HOME, or pass --tags PATH"
    )]
    NoDataDir { reason: String },
    #[error("invalid tag set name {name:?}: {reason}")]
    InvalidName { name: String, reason: &'static str },
    #[error("no tag set named {name:?} in {dir}", dir = dir.display())]
    NotFound { name: String, dir: PathBuf },
    #[error("a tag set named {name:?} already exists ({path}); choose another name", path = path.display())]
    Exists { name: String, path: PathBuf },
    #[error("{path} is open in another diptych; close it there first", path = path.display())]
    Busy { path: PathBuf },
    // The load error names the file and says it is left untouched.
    #[error("{source}")]
    Unreadable {
        path: PathBuf,
        #[source]
        source: Box<LoadError>,
    },
    #[error("{path}: cannot {action}: {source}", path = path.display())]
    Io {
        path: PathBuf,
        action: &'static str,
        #[source]
        source: io::Error,
    },
}

/// Why a save did not happen. The tag set in memory is untouched and the
/// file on disk keeps its previous content.
#[derive(Debug, Error)]
pub enum SaveError {
    #[error("{path} is open read-only ({reason}); changes are kept in memory only — save under another name to keep them", path = path.display())]
    ReadOnly { path: PathBuf, reason: String },
    #[error("{path} could not be read when it was opened, so diptych will not overwrite it; save under another name", path = path.display())]
    Unreadable { path: PathBuf },
    #[error("{path} was changed by another program since diptych loaded it; open the tag set picker and choose it to keep both (your judgements are saved as a copy), or save under another name", path = path.display())]
    ChangedOnDisk { path: PathBuf },
    #[error("{path}: saving failed while {step}: {source}; the previous file is intact, changes are still in memory", path = path.display())]
    Io {
        path: PathBuf,
        step: &'static str,
        #[source]
        source: io::Error,
    },
}

/// Whether this process may write the tag file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    ReadWrite,
    /// Another diptych holds the lock, or no lock could be taken; the reason
    /// is a sentence for the status line.
    ReadOnly {
        reason: String,
    },
}

/// What was found when a tag file was opened.
#[derive(Debug)]
pub enum Content {
    Loaded(TagSet),
    /// No file yet: it is created by the first save.
    New,
    /// The file exists but could not be loaded; it will not be overwritten.
    Unreadable(LoadError),
}

/// An opened tag file with what it contained.
#[derive(Debug)]
pub struct Opened {
    pub file: TagFile,
    pub content: Content,
}

/// What a successful save did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    pub path: PathBuf,
    pub bytes: u64,
    /// Set when the previous generation could not be kept as `.bak`; the
    /// save itself succeeded.
    pub backup_warning: Option<String>,
}

/// What we last knew of the file on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Disk {
    Absent,
    Known {
        size: u64,
        sha256: [u8; 32],
    },
    /// We failed to read it: never overwrite.
    Unreadable,
}

impl Disk {
    fn of(bytes: &[u8]) -> Disk {
        Disk::Known {
            size: bytes.len() as u64,
            sha256: Sha256::digest(bytes).into(),
        }
    }
}

/// One tag file, opened (and locked when possible) for the life of the
/// session. Dropping it releases the lock.
#[derive(Debug)]
pub struct TagFile {
    path: PathBuf,
    access: Access,
    disk: Disk,
    /// Held open to keep the lock; the lock file is removed on drop.
    lock: Option<File>,
}

impl Drop for TagFile {
    fn drop(&mut self) {
        // Unlinked while still locked: a diptych that opened the old lock
        // file sees it is gone and takes a fresh one (see `take_lock`).
        if self.lock.is_some() {
            let _ = fs::remove_file(with_suffix(&self.path, ".lock"));
        }
    }
}

impl TagFile {
    /// Opens exactly the file at `path` (what `--tags PATH` does): locks it,
    /// sweeps our stale temporary files for it, and loads it if it exists.
    /// A missing file is created by the first save; its directory must exist.
    ///
    /// A symlink is followed: the link stays, its target is what is saved
    /// (atomically, in the target's directory) and locked. Anything but a
    /// regular file or a new path in an existing directory is refused.
    pub fn open(path: &Path) -> Result<Opened, StoreError> {
        let path = Self::target(path)?;
        let (lock, mut access) = take_lock(&path);
        if access == Access::ReadWrite {
            // Only the lock holder writes temporary files for this target,
            // so any left now are from a crashed run.
            atomic::sweep(&path, |_| true);
        }
        if let Some(reason) = read_only_mode(&path) {
            access = Access::ReadOnly { reason };
        }
        let mut file = TagFile {
            path,
            access,
            disk: Disk::Absent,
            lock,
        };
        let content = file.load();
        Ok(Opened { file, content })
    }

    /// Opens the file at `path` for reading only (what `export` does): no
    /// lock, no sweep, nothing created. Saving it is refused.
    pub fn open_read_only(path: &Path) -> Result<Opened, StoreError> {
        // Nothing there (not even its directory): nothing to read, and
        // nothing to complain about for a command that only reads.
        let missing =
            matches!(fs::symlink_metadata(path), Err(e) if e.kind() == io::ErrorKind::NotFound);
        let path = if missing {
            path.to_path_buf()
        } else {
            Self::target(path)?
        };
        let mut file = TagFile {
            path,
            access: Access::ReadOnly {
                reason: "opened by a command that only reads".into(),
            },
            disk: Disk::Absent,
            lock: None,
        };
        let content = file.load();
        Ok(Opened { file, content })
    }

    /// The tag set in the file at `path`, which must exist and be valid:
    /// read only, as [`TagFile::open_read_only`] reads it; the error says
    /// what is wrong (file, line and column) in one line.
    pub fn read_existing(path: &Path) -> Result<TagSet, String> {
        let opened = Self::open_read_only(path).map_err(|e| e.to_string())?;
        match opened.content {
            Content::Loaded(set) => Ok(set),
            Content::Unreadable(e) => Err(e.to_string()),
            Content::New => Err(format!(
                "{}: no such tag set file; check the path",
                path.display()
            )),
        }
    }

    /// Where the tag file at `path` really is (see [`atomic::resolve_target`]).
    fn target(path: &Path) -> Result<PathBuf, StoreError> {
        atomic::resolve_target(path).map_err(|e| StoreError::Io {
            path: e.path,
            action: "use it as a tag file",
            source: e.source,
        })
    }

    /// (Re)reads the file, e.g. to reload after another program changed it.
    /// Afterwards saves compare against what was read now.
    pub fn load(&mut self) -> Content {
        match read_limited(&self.path) {
            Ok(None) => {
                self.disk = Disk::Absent;
                Content::New
            }
            Ok(Some(bytes)) => match codec::parse(&bytes, &self.path) {
                Ok(set) => {
                    self.disk = Disk::of(&bytes);
                    Content::Loaded(set)
                }
                Err(e) => {
                    self.disk = Disk::Unreadable;
                    Content::Unreadable(e)
                }
            },
            Err(e) => {
                self.disk = Disk::Unreadable;
                Content::Unreadable(e)
            }
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The tag set name the file name gives (file stem).
    pub fn name(&self) -> String {
        name_of(&self.path)
    }

    pub fn backup_path(&self) -> PathBuf {
        with_suffix(&self.path, ".bak")
    }

    pub fn access(&self) -> &Access {
        &self.access
    }

    pub fn is_read_only(&self) -> bool {
        self.access != Access::ReadWrite
    }

    /// Whether the file on disk is no longer what we last read or wrote
    /// there (another program, a `git pull`, changed it), or cannot be
    /// checked: the case a save refuses as [`SaveError::ChangedOnDisk`].
    pub fn changed_on_disk(&self) -> bool {
        match (&self.disk, read_limited(&self.path)) {
            (Disk::Absent, Ok(None)) => false,
            (Disk::Known { .. }, Ok(Some(bytes))) => Disk::of(&bytes) != self.disk,
            _ => true,
        }
    }

    /// Saves `set` atomically, keeping the previous generation as `.bak`.
    pub fn save(&mut self, set: &TagSet) -> Result<Saved, SaveError> {
        self.save_with(set, |f| f)
    }

    /// [`save`](Self::save), writing the temporary file through `wrap`; for
    /// fault-injection tests (a writer that fails after N bytes, `/dev/full`).
    pub fn save_with<W: SyncWrite>(
        &mut self,
        set: &TagSet,
        wrap: impl FnOnce(File) -> W,
    ) -> Result<Saved, SaveError> {
        let path = self.path.clone();
        if let Access::ReadOnly { reason } = &self.access {
            return Err(SaveError::ReadOnly {
                path,
                reason: reason.clone(),
            });
        }
        let previous = match (&self.disk, read_limited(&path)) {
            (Disk::Unreadable, _) => return Err(SaveError::Unreadable { path }),
            (Disk::Absent, Ok(None)) => None,
            (Disk::Known { .. }, Ok(Some(bytes))) if Disk::of(&bytes) == self.disk => Some(bytes),
            (_, Ok(_)) => return Err(SaveError::ChangedOnDisk { path }),
            (_, Err(e)) => {
                return Err(SaveError::Io {
                    path,
                    step: "checking the file on disk",
                    source: io::Error::other(e.to_string()),
                });
            }
        };
        let bytes = codec::to_json(set).into_bytes();
        let dir = parent_dir(&path);
        let tmp = temp_path(&path);
        let io_err = |step: &'static str| {
            let path = path.clone();
            move |source| SaveError::Io { path, step, source }
        };
        let permissions_from = previous.is_some().then_some(path.as_path());
        atomic::write_temp(&tmp, &bytes, NewFile::Private, permissions_from, wrap).map_err(
            |(step, e)| {
                let _ = fs::remove_file(&tmp);
                io_err(step)(e)
            },
        )?;
        let backup_warning = previous
            .as_deref()
            .and_then(|old| keep_backup(&path, old).err())
            .map(|e| format!("could not keep the previous version as .bak: {e}"));
        if let Err(e) = fs::rename(&tmp, &path) {
            let _ = fs::remove_file(&tmp);
            return Err(io_err("renaming the temporary file over the tag file")(e));
        }
        // The file now holds the new content even if syncing the directory
        // fails below, so remember it to keep the next save's check right.
        self.disk = Disk::of(&bytes);
        atomic::sync_dir(&dir).map_err(io_err("syncing the directory"))?;
        Ok(Saved {
            path,
            bytes: bytes.len() as u64,
            backup_warning,
        })
    }
}

/// Makes `PATH.bak` the previous generation: a hard link to the current
/// file (no data copied), put in place by rename so `.bak` is never half
/// written; a copy where hard links are not supported.
fn keep_backup(path: &Path, old: &[u8]) -> io::Result<()> {
    let bak = with_suffix(path, ".bak");
    let tmp = temp_path(path);
    match fs::hard_link(path, &tmp) {
        Ok(()) => {}
        Err(_) => {
            if let Err((_, e)) = atomic::write_temp(&tmp, old, NewFile::Private, Some(path), |f| f)
            {
                let _ = fs::remove_file(&tmp);
                return Err(e);
            }
        }
    }
    fs::rename(&tmp, &bak).inspect_err(|_| {
        let _ = fs::remove_file(&tmp);
    })
}

/// Reads a tag file; `Ok(None)` if it does not exist.
fn read_limited(path: &Path) -> Result<Option<Vec<u8>>, LoadError> {
    let read_err = |source| LoadError::Read {
        path: path.to_owned(),
        source,
    };
    // The type is checked before opening: opening a FIFO would block.
    match fs::metadata(path) {
        Ok(meta) if !meta.is_file() => {
            return Err(read_err(io::Error::other(
                "it is not a regular file (a directory, FIFO or device)",
            )));
        }
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(read_err(e)),
    }
    let mut f = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(read_err(e)),
    };
    let meta = f.metadata().map_err(read_err)?;
    if !meta.is_file() {
        return Err(read_err(io::Error::other("not a regular file")));
    }
    if meta.len() > MAX_TAG_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_owned(),
            size: meta.len(),
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    Read::by_ref(&mut f)
        .take(MAX_TAG_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read_err)?;
    Ok(Some(bytes))
}

/// Why the existing file at `path` must not be written, if its mode says so
/// (checked on the permission bits, so it holds for root too).
fn read_only_mode(path: &Path) -> Option<String> {
    let meta = fs::metadata(path).ok()?;
    meta.permissions().readonly().then(|| {
        "the file's permissions make it read-only (e.g. mode 0444); chmod u+w it to save there"
            .to_string()
    })
}

/// Tries to lock `PATH.lock`. Never blocks: a held lock means read-only.
/// Lock files are removed when their holder closes, so after locking we
/// check that the file we locked is still the one at that path (else it was
/// removed meanwhile, and we try again with the new one).
fn take_lock(path: &Path) -> (Option<File>, Access) {
    for _ in 0..8 {
        let (file, access) = try_lock_once(path);
        match file {
            Some(f) if !same_file_at(&f, &with_suffix(path, ".lock")) => continue,
            file => return (file, access),
        }
    }
    (
        None,
        Access::ReadOnly {
            reason: "the lock file keeps being replaced by another diptych".into(),
        },
    )
}

fn same_file_at(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

fn try_lock_once(path: &Path) -> (Option<File>, Access) {
    let lock_path = with_suffix(path, ".lock");
    let file = match OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&lock_path)
    {
        Ok(f) => f,
        Err(e) => {
            return (
                None,
                Access::ReadOnly {
                    reason: format!("cannot create lock file {}: {e}", lock_path.display()),
                },
            );
        }
    };
    match file.try_lock() {
        Ok(()) => (Some(file), Access::ReadWrite),
        Err(TryLockError::WouldBlock) => (
            None,
            Access::ReadOnly {
                reason: "another diptych has this tag set open".into(),
            },
        ),
        Err(TryLockError::Error(e)) => (
            None,
            Access::ReadOnly {
                reason: format!("cannot lock {}: {e}", lock_path.display()),
            },
        ),
    }
}

/// Removes stale temporary files of ours in `dir`, for every target whose
/// lock can be taken (a held lock means a live save may own them). Returns
/// how many were removed.
pub fn sweep_temps(dir: &Path) -> io::Result<usize> {
    let mut targets: Vec<String> = fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter_map(|e| {
            atomic::temp_target(&e.file_name().to_string_lossy()).map(|(t, _)| t.to_string())
        })
        .collect();
    targets.sort();
    targets.dedup();
    let mut removed = 0;
    for t in targets {
        let target = dir.join(t);
        if let (Some(lock), Access::ReadWrite) = take_lock(&target) {
            removed += atomic::sweep(&target, |_| true);
            // The lock file was ours to make for the sweep; remove it.
            let _ = fs::remove_file(with_suffix(&target, ".lock"));
            drop(lock);
        }
    }
    Ok(removed)
}

fn name_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Checks a tag set name: it becomes a file name, so no path separators,
/// no `..`, no control characters, no leading dot (hidden and temporary
/// files), not empty and not too long.
pub fn validate_name(name: &str) -> Result<(), StoreError> {
    let bad = |reason| {
        Err(StoreError::InvalidName {
            name: name.to_string(),
            reason,
        })
    };
    if name.trim().is_empty() {
        bad("it is empty")
    } else if name.trim() != name {
        bad("it starts or ends with spaces")
    } else if name.chars().count() > MAX_NAME_CHARS {
        bad("it is longer than 120 characters")
    } else if name.contains(['/', '\\']) {
        bad("it contains a path separator (/ or \\)")
    } else if name.contains("..") {
        bad("it contains `..`")
    } else if name.starts_with('.') {
        bad("it starts with a dot")
    } else if name.chars().any(char::is_control) {
        bad("it contains control characters")
    } else {
        Ok(())
    }
}

/// The name a new tag set for two documents gets: both documents' file
/// names without extension, `LEFT vs RIGHT`, made safe as a file name.
pub fn default_name(left: &DocumentRef, right: &DocumentRef) -> String {
    let stem = |d: &DocumentRef| -> String {
        let p = d.path.strip_prefix("bundled:").unwrap_or(&d.path);
        let file = p.rsplit(['/', '\\']).next().unwrap_or(p);
        let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
        let clean: String = stem
            .chars()
            .map(|c| if c.is_control() || c == '.' { '_' } else { c })
            .take(55)
            .collect();
        let clean = clean.trim().trim_start_matches('_').to_string();
        if clean.is_empty() {
            "document".into()
        } else {
            clean
        }
    };
    format!("{} vs {}", stem(left), stem(right))
}

/// One tag set as the picker and `diptych tags list` show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub name: String,
    pub path: PathBuf,
    /// `None` when the file could not be read.
    pub documents: Option<[DocumentRef; 2]>,
    pub counts: Counts,
    /// Why the file could not be read, if it could not.
    pub problem: Option<String>,
}

/// The directory of named tag sets.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// Opens (creating if needed) a tag set directory and sweeps stale
    /// temporary files of ours.
    pub fn open(dir: impl Into<PathBuf>) -> Result<Store, StoreError> {
        let dir = dir.into();
        fs::create_dir_all(&dir).map_err(|source| StoreError::Io {
            path: dir.clone(),
            action: "create the tag set directory",
            source,
        })?;
        let _ = sweep_temps(&dir);
        Ok(Store { dir })
    }

    /// A tag set directory for a command that only reads: nothing is
    /// created or swept; a missing directory simply holds no tag sets.
    pub fn existing(dir: impl Into<PathBuf>) -> Store {
        Store { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file a tag set name maps to.
    pub fn path_of(&self, name: &str) -> Result<PathBuf, StoreError> {
        validate_name(name)?;
        Ok(self.dir.join(format!("{name}.{EXTENSION}")))
    }

    /// Every tag set in the directory, sorted by name. Unreadable files are
    /// listed with their problem.
    pub fn list(&self) -> Result<Vec<Summary>, StoreError> {
        if !self.dir.exists() {
            return Ok(Vec::new());
        }
        let entries = fs::read_dir(&self.dir).map_err(|source| StoreError::Io {
            path: self.dir.clone(),
            action: "list the tag set directory",
            source,
        })?;
        let mut out = Vec::new();
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            let file_name = entry.file_name().to_string_lossy().into_owned();
            if file_name.starts_with('.')
                || path.extension().and_then(|e| e.to_str()) != Some(EXTENSION)
                || !path.is_file()
            {
                continue;
            }
            let loaded =
                read_limited(&path).and_then(|b| codec::parse(&b.unwrap_or_default(), &path));
            out.push(match loaded {
                Ok(set) => Summary {
                    name: name_of(&path),
                    counts: set.counts(),
                    documents: Some(set.documents),
                    path,
                    problem: None,
                },
                Err(e) => Summary {
                    name: name_of(&path),
                    path,
                    documents: None,
                    counts: Counts::default(),
                    problem: Some(e.to_string()),
                },
            });
        }
        out.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.path.cmp(&b.path)));
        Ok(out)
    }

    /// The tag set to open for two documents: an existing one made for them
    /// (same content first, then same paths with changed content; among
    /// equals the default name, then by name), else the default name (made
    /// unique with `-2`, `-3`… if a tag set for other documents has it).
    /// Returns the name and whether the file exists.
    pub fn name_for_pair(
        &self,
        left: &DocumentRef,
        right: &DocumentRef,
    ) -> Result<(String, bool), StoreError> {
        let default = default_name(left, right);
        let summaries = self.list()?;
        let mut matches: Vec<(u8, bool, &str)> = Vec::new();
        for s in &summaries {
            if s.documents.is_none() && s.name == default {
                // Possibly ours but unreadable: open it so the error shows,
                // rather than silently starting a second tag set.
                return Ok((default, true));
            }
            let Some(docs) = &s.documents else { continue };
            let probe = TagSet::new(s.name.clone(), docs[0].clone(), docs[1].clone());
            if let Ok(status) = probe.check_documents(left, right) {
                let changed = status.iter().filter(|s| **s == DocumentStatus::Changed);
                matches.push((changed.count() as u8, s.name != default, &s.name));
            }
        }
        matches.sort();
        if let Some((_, _, name)) = matches.first() {
            return Ok((name.to_string(), true));
        }
        let taken = |n: &str| summaries.iter().any(|s| s.name == n);
        let mut name = default.clone();
        let mut k = 2;
        while taken(&name) {
            name = format!("{default}-{k}");
            k += 1;
        }
        Ok((name, false))
    }

    /// Opens the tag set for two documents, found as [`name_for_pair`]
    /// describes; `Content::New` when there is none yet.
    ///
    /// [`name_for_pair`]: Store::name_for_pair
    pub fn open_for_pair(
        &self,
        left: &DocumentRef,
        right: &DocumentRef,
    ) -> Result<Opened, StoreError> {
        let (name, _) = self.name_for_pair(left, right)?;
        TagFile::open(&self.path_of(&name)?)
    }

    /// [`open_for_pair`](Store::open_for_pair) for a command that only
    /// reads: no lock taken, nothing created.
    pub fn read_for_pair(
        &self,
        left: &DocumentRef,
        right: &DocumentRef,
    ) -> Result<Opened, StoreError> {
        let (name, _) = self.name_for_pair(left, right)?;
        TagFile::open_read_only(&self.path_of(&name)?)
    }

    /// Opens a named tag set, which must exist.
    pub fn open_named(&self, name: &str) -> Result<Opened, StoreError> {
        let path = self.path_of(name)?;
        if !path.exists() {
            return Err(StoreError::NotFound {
                name: name.to_string(),
                dir: self.dir.clone(),
            });
        }
        TagFile::open(&path)
    }

    /// Creates a new tag set file from `set` (named `set.name`) and returns it
    /// open and locked. Refuses if the name is taken.
    pub fn create(&self, set: &TagSet) -> Result<TagFile, StoreError> {
        let path = self.path_of(&set.name)?;
        let exists = || StoreError::Exists {
            name: set.name.clone(),
            path: path.clone(),
        };
        if path.exists() {
            return Err(exists());
        }
        let Opened { mut file, .. } = TagFile::open(&path)?;
        if file.is_read_only() {
            return Err(StoreError::Busy { path });
        }
        file.save(set).map_err(|e| match e {
            SaveError::ChangedOnDisk { .. } => exists(),
            other => StoreError::Io {
                path: path.clone(),
                action: "create the tag set",
                source: io::Error::other(other.to_string()),
            },
        })?;
        Ok(file)
    }

    /// Renames a tag set (file, `.bak`, and the name inside). Refused while
    /// it is open anywhere, including in this process: close it, rename,
    /// reopen.
    pub fn rename(&self, old: &str, new: &str) -> Result<PathBuf, StoreError> {
        let new_path = self.path_of(new)?;
        let Opened { file, content } = self.open_named(old)?;
        if file.is_read_only() {
            return Err(StoreError::Busy {
                path: file.path.clone(),
            });
        }
        let mut set = match content {
            Content::Loaded(set) => set,
            Content::Unreadable(e) => {
                return Err(StoreError::Unreadable {
                    path: file.path.clone(),
                    source: Box::new(e),
                });
            }
            Content::New => {
                return Err(StoreError::NotFound {
                    name: old.to_string(),
                    dir: self.dir.clone(),
                });
            }
        };
        set.name = new.to_string();
        // Write the new file completely before removing the old one, so a
        // crash in between leaves two copies, never none.
        let created = self.create(&set)?;
        drop(created);
        let io = |path: &Path, action| {
            let path = path.to_path_buf();
            move |source| StoreError::Io {
                path,
                action,
                source,
            }
        };
        let old_bak = file.backup_path();
        if old_bak.exists() {
            fs::rename(&old_bak, with_suffix(&new_path, ".bak"))
                .map_err(io(&old_bak, "move the backup"))?;
        }
        fs::remove_file(&file.path).map_err(io(&file.path, "remove the old name"))?;
        let _ = fs::remove_file(with_suffix(&file.path, ".lock"));
        atomic::sync_dir(&self.dir).map_err(io(&self.dir, "sync the directory"))?;
        Ok(new_path)
    }

    /// Deletes a tag set. Its last content is kept as `NAME.json.bak` so a
    /// mistaken delete can be undone by hand. Refused while it is open.
    pub fn delete(&self, name: &str) -> Result<(), StoreError> {
        let Opened { file, .. } = self.open_named(name)?;
        if file.is_read_only() {
            return Err(StoreError::Busy {
                path: file.path.clone(),
            });
        }
        let io = |action| {
            let path = file.path.clone();
            move |source| StoreError::Io {
                path,
                action,
                source,
            }
        };
        fs::rename(&file.path, file.backup_path()).map_err(io("delete the tag set"))?;
        let _ = fs::remove_file(with_suffix(&file.path, ".lock"));
        atomic::sync_dir(&self.dir).map_err(io("sync the directory"))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_validated() {
        for ok in ["ISKP pair", "draft 2", "Überblick – final", "a.b"] {
            assert!(validate_name(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "  ",
            " x",
            "a/b",
            "a\\b",
            "..",
            "a..b",
            ".hidden",
            "tab\there",
            "esc\u{1b}",
        ] {
            let e = validate_name(bad).unwrap_err();
            assert!(e.to_string().contains("invalid tag set name"), "{bad}: {e}");
        }
        assert!(validate_name(&"x".repeat(121)).is_err());
    }

    #[test]
    fn default_names_come_from_both_files() {
        let d = |p: &str| DocumentRef {
            path: p.into(),
            title: String::new(),
            hash: String::new(),
        };
        assert_eq!(
            default_name(&d("/r/left report.txt"), &d("bundled:seeds/iskp.md")),
            "left report vs iskp"
        );
        assert_eq!(
            default_name(&d(".txt"), &d("/x/..md")),
            "document vs document"
        );
        assert!(validate_name(&default_name(&d("a\u{1b}b.txt"), &d("c"))).is_ok());
    }
}
