//! Writing an export to disk atomically: a temporary file in the same
//! directory, fsync, rename over the target, fsync the directory. A crash or
//! a full disk leaves either the old file or the new one, never half of one.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::ExportError;

/// Distinguishes temporary files of concurrent writes within one process.
static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Writes `bytes` to `path` atomically. An existing file keeps its
/// permissions; a new one gets the process's default mode (exports are
/// meant to be shared). On error the temporary file is removed and the
/// error names the path and the step that failed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let err = |step: &'static str| {
        move |source: io::Error| ExportError::Write {
            path: path.to_path_buf(),
            step,
            source,
        }
    };
    if path.is_dir() {
        return Err(err("checking the output path")(io::Error::new(
            io::ErrorKind::IsADirectory,
            "it is a directory",
        )));
    }
    let file_name = path.file_name().ok_or_else(|| {
        err("checking the output path")(io::Error::new(
            io::ErrorKind::InvalidInput,
            "it does not name a file",
        ))
    })?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(file_name);
    tmp_name.push(format!(
        ".{}.{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let tmp = dir.join(tmp_name);

    let result = write_temp(&tmp, bytes, path).and_then(|()| {
        fs::rename(&tmp, path).map_err(|e| ("renaming the temporary file over the output", e))
    });
    if let Err((step, e)) = result {
        let _ = fs::remove_file(&tmp);
        return Err(err(step)(e));
    }
    sync_dir(&dir).map_err(err("syncing the directory"))
}

fn write_temp(tmp: &Path, bytes: &[u8], target: &Path) -> Result<(), (&'static str, io::Error)> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(tmp)
        .map_err(|e| ("creating the temporary file", e))?;
    if let Ok(meta) = fs::metadata(target) {
        // Best effort: an export readable by others before stays so.
        let _ = file.set_permissions(meta.permissions());
    }
    file.write_all(bytes)
        .map_err(|e| ("writing the temporary file", e))?;
    file.sync_all()
        .map_err(|e| ("syncing the temporary file to disk", e))
}

fn sync_dir(dir: &Path) -> io::Result<()> {
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
