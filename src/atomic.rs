//! The one way diptych writes a file: resolve where the bytes really go
//! (through symlinks; only regular files or new paths), write a temporary
//! file in that directory, fsync it, rename it over the target, fsync the
//! directory. A crash, a kill or a full disk leaves the old file or the new
//! one, never half of one. Tag sets, exports and anything written later use
//! this module; the tag store adds its backup and change checks on top.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// A writer for the temporary file that can also be flushed to stable
/// storage. `File` is one; fault-injection tests wrap it.
pub trait SyncWrite: Write {
    fn sync(&mut self) -> io::Result<()>;
}

impl SyncWrite for File {
    fn sync(&mut self) -> io::Result<()> {
        self.sync_all()
    }
}

/// A write that did not happen; the target keeps its previous content.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {step} failed: {source}", path = path.display())]
pub struct WriteError {
    pub path: PathBuf,
    /// Which step failed, e.g. "creating the temporary file".
    pub step: &'static str,
    #[source]
    pub source: io::Error,
}

/// Permissions of a file that did not exist before (an existing file keeps
/// its own).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewFile {
    /// Owner only (0600): tag sets hold the analyst's notes.
    Private,
    /// The process's default (umask): exports are meant to be shared.
    Shared,
}

/// Where a write to `path` must really go: a symlink is followed to its
/// target (so the link stays a link and its target is updated), an existing
/// target must be a regular file, a new one must be in an existing
/// directory. Anything else (a directory, a device, a FIFO, a socket) is
/// refused, so a write never replaces a special file by a regular one.
pub fn resolve_target(path: &Path) -> Result<PathBuf, WriteError> {
    let refuse = |path: &Path, kind, what: &str| WriteError {
        path: path.to_path_buf(),
        step: "checking the output path",
        source: io::Error::new(kind, what.to_string()),
    };
    let mut current = path.to_path_buf();
    // As the kernel does, give up after 40 links.
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = fs::read_link(&current).map_err(|source| WriteError {
                    path: current.clone(),
                    step: "reading the symbolic link",
                    source,
                })?;
                current = parent_dir(&current).join(link);
            }
            Ok(meta) if meta.is_file() => return Ok(current),
            Ok(meta) if meta.is_dir() => {
                return Err(refuse(
                    path,
                    io::ErrorKind::IsADirectory,
                    "it is a directory; give a file name",
                ));
            }
            Ok(_) => {
                return Err(refuse(
                    path,
                    io::ErrorKind::InvalidInput,
                    "it is not a regular file (a device, FIFO or socket); give the path of a file",
                ));
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if current.file_name().is_none() {
                    return Err(refuse(
                        path,
                        io::ErrorKind::InvalidInput,
                        "it does not name a file",
                    ));
                }
                let dir = parent_dir(&current);
                return match fs::metadata(&dir) {
                    Ok(meta) if meta.is_dir() => Ok(current),
                    Ok(_) => Err(refuse(
                        path,
                        io::ErrorKind::NotADirectory,
                        &format!("{} is not a directory", dir.display()),
                    )),
                    Err(_) => Err(refuse(
                        path,
                        io::ErrorKind::NotFound,
                        &format!(
                            "the directory {} does not exist; create it first",
                            dir.display()
                        ),
                    )),
                };
            }
            Err(source) => {
                return Err(WriteError {
                    path: path.to_path_buf(),
                    step: "checking the output path",
                    source,
                });
            }
        }
    }
    Err(refuse(
        path,
        io::ErrorKind::InvalidInput,
        "too many levels of symbolic links",
    ))
}

/// Writes `bytes` to `path` atomically and returns the file written (the
/// target of a symlink). Stale temporary files of dead diptych processes
/// next to the target are removed first.
pub fn write(path: &Path, bytes: &[u8], new_file: NewFile) -> Result<PathBuf, WriteError> {
    let target = resolve_target(path)?;
    sweep_dead(&target);
    let err = |step: &'static str| {
        let path = target.clone();
        move |source| WriteError { path, step, source }
    };
    let tmp = temp_path(&target);
    write_temp(&tmp, bytes, new_file, Some(&target), |f| f).map_err(|(step, e)| {
        let _ = fs::remove_file(&tmp);
        err(step)(e)
    })?;
    fs::rename(&tmp, &target).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        err("renaming the temporary file over the target")(e)
    })?;
    sync_dir(&parent_dir(&target)).map_err(err("syncing the directory"))?;
    Ok(target)
}

/// Creates, fills and syncs the temporary file `tmp`, with the permissions
/// of `permissions_from` when that file exists. On error says which step.
pub fn write_temp<W: SyncWrite>(
    tmp: &Path,
    bytes: &[u8],
    new_file: NewFile,
    permissions_from: Option<&Path>,
    wrap: impl FnOnce(File) -> W,
) -> Result<(), (&'static str, io::Error)> {
    let mut opts = OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    if new_file == NewFile::Private {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let file = opts
        .open(tmp)
        .map_err(|e| ("creating the temporary file", e))?;
    if let Some(old) = permissions_from
        && let Ok(meta) = fs::metadata(old)
    {
        // Best effort: a file shared (or kept private) before stays so.
        let _ = file.set_permissions(meta.permissions());
    }
    let mut w = wrap(file);
    w.write_all(bytes)
        .map_err(|e| ("writing the temporary file", e))?;
    w.flush().map_err(|e| ("writing the temporary file", e))?;
    w.sync()
        .map_err(|e| ("syncing the temporary file to disk", e))?;
    Ok(())
}

/// Flushes a directory's entries (a rename in it) to stable storage.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// The directory a path is in (`.` for a bare file name).
pub fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// `PATH` with `suffix` appended to its file name (`t.json` → `t.json.bak`).
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Whether `a` and `b` name the same file, however spelt: by device and
/// inode when both exist (so hard links and symlinks count), else by their
/// directories' canonical paths and the file name.
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    if let (Ok(x), Ok(y)) = (fs::metadata(a), fs::metadata(b)) {
        use std::os::unix::fs::MetadataExt;
        return x.dev() == y.dev() && x.ino() == y.ino();
    }
    let spelt = |p: &Path| {
        let target = resolve_target(p).unwrap_or_else(|_| p.to_path_buf());
        let dir = fs::canonicalize(parent_dir(&target)).unwrap_or_else(|_| parent_dir(&target));
        target.file_name().map(|name| dir.join(name))
    };
    match (spelt(a), spelt(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

/// Distinguishes temporary files of concurrent writes within one process.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// `.NAME.PID.N.tmp` next to `target`.
pub fn temp_path(target: &Path) -> PathBuf {
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    let file = target
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    parent_dir(target).join(format!(".{file}.{}.{n}.tmp", std::process::id()))
}

/// The target file name and the writer's process id of a temporary file
/// name of ours, if it is one.
pub fn temp_target(temp_name: &str) -> Option<(&str, u32)> {
    let inner = temp_name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let mut parts = inner.rsplitn(3, '.');
    let (n, pid, target) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(n) && digits(pid) && !target.is_empty()) {
        return None;
    }
    Some((target, pid.parse().ok()?))
}

/// Removes the temporary files for `target` left by diptych processes that
/// no longer run (a write killed half-way). Returns how many it removed.
pub fn sweep_dead(target: &Path) -> usize {
    sweep(target, |pid| !process_alive(pid))
}

/// Removes the temporary files for `target` whose writer `stale(pid)` says
/// is gone. Errors are ignored: a sweep is housekeeping.
pub fn sweep(target: &Path, stale: impl Fn(u32) -> bool) -> usize {
    let Some(name) = target.file_name().map(|f| f.to_string_lossy().into_owned()) else {
        return 0;
    };
    let dir = parent_dir(target);
    let Ok(entries) = fs::read_dir(&dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        if let Some((t, pid)) = temp_target(&file_name)
            && t == name
            && stale(pid)
            && fs::remove_file(dir.join(&*file_name)).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

/// Whether a process with this id runs. Where that cannot be told (no
/// `/proc`), every other process counts as alive, so nothing live is swept.
fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc = Path::new("/proc");
    !proc.is_dir() || proc.join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_are_recognised_strictly() {
        assert_eq!(temp_target(".a b.json.123.4.tmp"), Some(("a b.json", 123)));
        assert_eq!(
            temp_target(".a.json.foo.json.1.2.tmp"),
            Some(("a.json.foo.json", 1))
        );
        assert_eq!(temp_target(".a.json.x.4.tmp"), None);
        assert_eq!(temp_target("a.json.1.2.tmp"), None);
        assert_eq!(temp_target(".a.json.1.2"), None);
        let p = temp_path(Path::new("/d/pair.json"));
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(temp_target(&name), Some(("pair.json", std::process::id())));
    }

    #[test]
    fn writes_through_a_symlink_and_keeps_the_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        let link = dir.path().join("link.md");
        fs::write(&real, "old").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink("real.md", &link).unwrap();
        #[cfg(unix)]
        {
            let written = write(&link, b"new", NewFile::Shared).unwrap();
            assert_eq!(written, dir.path().join("real.md"));
            assert!(
                fs::symlink_metadata(&link)
                    .unwrap()
                    .file_type()
                    .is_symlink()
            );
            assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        }
    }

    #[test]
    fn refuses_special_files_and_missing_directories() {
        let dir = tempfile::tempdir().unwrap();
        let e = resolve_target(Path::new("/dev/null")).unwrap_err();
        assert!(e.to_string().contains("not a regular file"), "{e}");
        let e = resolve_target(dir.path()).unwrap_err();
        assert!(e.to_string().contains("it is a directory"), "{e}");
        let e = resolve_target(&dir.path().join("no/such/x.md")).unwrap_err();
        assert!(e.to_string().contains("does not exist"), "{e}");
        assert!(resolve_target(&dir.path().join("new.md")).is_ok());
    }

    #[test]
    fn same_file_sees_through_spellings() {
        let dir = tempfile::tempdir().unwrap();
        let t = dir.path().join("t.json");
        fs::write(&t, "{}").unwrap();
        let sub = dir.path().join("sub");
        fs::create_dir(&sub).unwrap();
        assert!(same_file(&t, &sub.join("../t.json")));
        assert!(same_file(
            &dir.path().join("t.json.bak"),
            &sub.join("../t.json.bak")
        ));
        assert!(!same_file(&t, &dir.path().join("t.json.bak")));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&t, dir.path().join("link")).unwrap();
            assert!(same_file(&t, &dir.path().join("link")));
        }
    }

    #[test]
    fn sweeps_temporaries_of_dead_writers_only() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("brief.md");
        // No process has id 4194305 (above Linux's pid_max).
        let dead = dir.path().join(".brief.md.4194305.0.tmp");
        let live = dir
            .path()
            .join(format!(".brief.md.{}.9.tmp", std::process::id()));
        let other = dir.path().join(".other.md.4194305.0.tmp");
        for p in [&dead, &live, &other] {
            fs::write(p, "x").unwrap();
        }
        assert_eq!(
            sweep_dead(&target),
            usize::from(Path::new("/proc").is_dir())
        );
        assert!(live.exists() && other.exists());
    }
}
