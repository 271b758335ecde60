//! Write failures: a writer that fails after N bytes for every N, syncs that
//! fail, a real full device, and a read-only directory. After each failure
//! the previous file is intact, an error is returned, nothing of ours is left
//! behind and a later save succeeds.

mod tags_common;

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use diptych::tags::codec;
use diptych::tags::store::{SaveError, SyncWrite, TagFile};
use tags_common::{files_in, generation};

/// Accepts `budget` bytes, then fails every write (and optionally the sync).
struct FailAfter {
    inner: File,
    budget: usize,
    fail_sync: bool,
}

impl Write for FailAfter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.budget == 0 {
            return Err(io::Error::other("injected write failure"));
        }
        let n = buf.len().min(self.budget);
        self.budget -= n;
        self.inner.write(&buf[..n])
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl SyncWrite for FailAfter {
    fn sync(&mut self) -> io::Result<()> {
        if self.fail_sync {
            return Err(io::Error::other("injected fsync failure"));
        }
        self.inner.sync_all()
    }
}

fn assert_intact(dir: &Path, path: &Path, want: &[u8]) {
    assert_eq!(fs::read(path).unwrap(), want, "previous file changed");
    let stray: Vec<String> = files_in(dir)
        .into_iter()
        .filter(|f| f.ends_with(".tmp"))
        .collect();
    assert!(stray.is_empty(), "temporary files left: {stray:?}");
}

#[test]
fn writer_failing_after_every_n_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pair.json");
    let mut file = TagFile::open(&path).unwrap().file;
    // Small sets, so every N can be tried.
    let mut old = generation("pair", 0);
    old.tags[0].note = "old".into();
    let mut new = generation("pair", 1);
    for t in &mut new.tags {
        t.note = "new judgement".into();
    }
    file.save(&old).unwrap();
    let old_bytes = fs::read(&path).unwrap();
    let new_len = codec::to_json(&new).len();
    let mut failures = 0;
    for n in 0..new_len {
        let err = file
            .save_with(&new, |inner| FailAfter {
                inner,
                budget: n,
                fail_sync: false,
            })
            .unwrap_err();
        assert!(
            matches!(err, SaveError::Io { step, .. } if step.contains("writing")),
            "{err}"
        );
        assert!(err.to_string().contains("previous file is intact"), "{err}");
        assert_intact(dir.path(), &path, &old_bytes);
        failures += 1;
    }
    // All bytes written but fsync fails: still not published.
    let err = file
        .save_with(&new, |inner| FailAfter {
            inner,
            budget: usize::MAX,
            fail_sync: true,
        })
        .unwrap_err();
    assert!(
        matches!(err, SaveError::Io { step, .. } if step.contains("syncing")),
        "{err}"
    );
    assert_intact(dir.path(), &path, &old_bytes);
    file.save(&new).unwrap();
    assert_eq!(codec::parse(&fs::read(&path).unwrap(), &path).unwrap(), new);
    println!(
        "write failures injected after N bytes for N = 0..{new_len}: {failures} refused saves, file intact each time"
    );
}

#[test]
fn dev_full_write_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pair.json");
    let mut file = TagFile::open(&path).unwrap().file;
    file.save(&generation("pair", 1)).unwrap();
    let old_bytes = fs::read(&path).unwrap();
    // The temporary file is created in the tag directory as usual; its
    // bytes go to /dev/full, which fails writes with ENOSPC like a full disk.
    let mut tried = false;
    let result = file.save_with(&generation("pair", 2), |_tmp| {
        tried = true;
        File::options()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full exists on Linux")
    });
    assert!(tried);
    let err = result.unwrap_err();
    let SaveError::Io { source, .. } = &err else {
        panic!("expected an I/O error, got {err}")
    };
    assert_eq!(source.raw_os_error(), Some(28), "ENOSPC expected: {err}");
    assert_intact(dir.path(), &path, &old_bytes);
    file.save(&generation("pair", 2)).unwrap();
    assert_eq!(
        codec::parse(&fs::read(&path).unwrap(), &path).unwrap(),
        generation("pair", 2)
    );
}

/// A mount made for one test and undone when dropped.
struct Mount(PathBuf);

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

fn mount(args: &[&str], target: &Path) -> Result<Mount, String> {
    let out = Command::new("mount")
        .args(args)
        .arg(target)
        .output()
        .map_err(|e| format!("cannot run mount: {e}"))?;
    if out.status.success() {
        Ok(Mount(target.to_path_buf()))
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
    }
}

#[test]
fn full_tmpfs_then_space_freed() {
    let dir = tempfile::tempdir().unwrap();
    let mnt = match mount(&["-t", "tmpfs", "-o", "size=256k", "tmpfs"], dir.path()) {
        Ok(m) => m,
        Err(why) => {
            println!(
                "SKIPPED full_tmpfs_then_space_freed: cannot mount a tmpfs ({why}); needs root with CAP_SYS_ADMIN. dev_full_write_fails_cleanly covers ENOSPC."
            );
            return;
        }
    };
    let path = dir.path().join("pair.json");
    let mut file = TagFile::open(&path).unwrap().file;
    file.save(&generation("pair", 0)).unwrap();
    let old_bytes = fs::read(&path).unwrap();
    // Fill the device.
    let filler = dir.path().join("filler");
    let mut f = File::create(&filler).unwrap();
    let chunk = vec![0u8; 4096];
    let full = loop {
        if let Err(e) = f.write_all(&chunk).and_then(|_| f.sync_all()) {
            break e;
        }
    };
    assert_eq!(full.raw_os_error(), Some(28), "{full}");
    let err = file.save(&generation("pair", 6)).unwrap_err();
    assert!(matches!(err, SaveError::Io { .. }), "{err}");
    println!("full tmpfs: save refused with: {err}");
    assert_intact(dir.path(), &path, &old_bytes);
    drop(f);
    fs::remove_file(&filler).unwrap();
    file.save(&generation("pair", 6)).unwrap();
    assert_eq!(
        codec::parse(&fs::read(&path).unwrap(), &path).unwrap(),
        generation("pair", 6)
    );
    drop(file);
    drop(mnt);
}

#[test]
fn read_only_directory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pair.json");
    let mut file = TagFile::open(&path).unwrap().file;
    file.save(&generation("pair", 1)).unwrap();
    let old_bytes = fs::read(&path).unwrap();
    // Root ignores permission bits, so make the directory read-only with a
    // read-only bind mount over itself.
    let ro = match mount(&["--bind", &dir.path().to_string_lossy()], dir.path()).and_then(|m| {
        // The remount changes the same mount; only `m` must unmount it.
        mount(&["-o", "remount,bind,ro"], dir.path()).map(|again| {
            std::mem::forget(again);
            m
        })
    }) {
        Ok(m) => m,
        Err(why) => {
            println!(
                "SKIPPED read_only_directory: cannot make a read-only bind mount ({why}); needs root with CAP_SYS_ADMIN."
            );
            return;
        }
    };
    // The open session's save fails cleanly…
    let err = file.save(&generation("pair", 2)).unwrap_err();
    let SaveError::Io { source, .. } = &err else {
        panic!("expected an I/O error, got {err}")
    };
    assert_eq!(source.raw_os_error(), Some(30), "EROFS expected: {err}");
    assert_intact(dir.path(), &path, &old_bytes);
    // …and a new session on the read-only directory opens read-only.
    drop(file);
    let opened = TagFile::open(&path).unwrap();
    assert!(opened.file.is_read_only());
    drop(opened);
    drop(ro);
    let mut file = TagFile::open(&path).unwrap().file;
    file.save(&generation("pair", 2)).unwrap();
    assert_eq!(
        codec::parse(&fs::read(&path).unwrap(), &path).unwrap(),
        generation("pair", 2)
    );
}
