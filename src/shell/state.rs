//! The state file (`<state dir>/state.json`, XDG state, not config): what
//! the reader remembers between runs. The theme picked with the theme
//! picker, and for each pair of reports (by their text hashes) where the
//! analyst left it ([`Resume`]). Written atomically; a broken or unreadable
//! file is set aside with a notice, never an error: nothing in it is work
//! that could be lost.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::app::Resume;

/// The version this build writes; a newer file is read as far as it goes.
const FORMAT_VERSION: u32 = 1;
/// Comparisons remembered, most recent first.
const MAX_SESSIONS: usize = 64;
/// A state file larger than this is not ours to read.
const MAX_BYTES: u64 = 4 * 1024 * 1024;

/// The theme picked, and the config's theme at the time: a theme set in
/// the config later wins over a pick made before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeChoice {
    pub name: String,
    pub config_theme: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Session {
    /// `Document::hash` of the left and right reports.
    left: String,
    right: String,
    /// When it was last left (RFC 3339), for the reader of the file.
    used: String,
    #[serde(flatten)]
    resume: Resume,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Contents {
    format_version: u32,
    #[serde(default)]
    theme: Option<ThemeChoice>,
    #[serde(default)]
    sessions: Vec<Session>,
}

impl Default for Contents {
    fn default() -> Self {
        Contents {
            format_version: FORMAT_VERSION,
            theme: None,
            sessions: Vec::new(),
        }
    }
}

/// The state file, read once at start-up.
#[derive(Debug, Clone)]
pub struct StateFile {
    path: PathBuf,
    contents: Contents,
}

impl StateFile {
    /// Reads `path`; a missing file is an empty state, a broken one an
    /// empty state and a notice saying what was wrong.
    pub fn load(path: &Path) -> (StateFile, Option<String>) {
        let (contents, notice) = match read(path) {
            Ok(contents) => (contents, None),
            Err(why) => {
                // A broken file is kept beside, for whoever wants to look;
                // a fresh one is written at exit.
                let aside = crate::atomic::with_suffix(path, ".broken");
                let kept = path.is_file() && std::fs::rename(path, &aside).is_ok();
                let what = if kept {
                    format!("it is kept as {}", aside.display())
                } else {
                    "nothing can be remembered there".to_string()
                };
                (
                    Contents::default(),
                    Some(format!(
                        "starting fresh: the remembered positions in {} could not be read ({why}); {what}",
                        path.display()
                    )),
                )
            }
        };
        (
            StateFile {
                path: path.to_path_buf(),
                contents,
            },
            notice,
        )
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The theme picked last, unless the config names another theme than
    /// it did then.
    pub fn theme(&self, config_theme: Option<&str>) -> Option<&str> {
        self.contents
            .theme
            .as_ref()
            .filter(|t| t.config_theme.as_deref() == config_theme)
            .map(|t| t.name.as_str())
    }

    /// Where the comparison of these two reports was left.
    pub fn session(&self, left_hash: &str, right_hash: &str) -> Option<Resume> {
        self.contents
            .sessions
            .iter()
            .find(|s| s.left == left_hash && s.right == right_hash)
            .map(|s| s.resume.clone())
    }

    /// Remembers `resume` for these reports (first in the list), and the
    /// theme if one was picked.
    pub fn remember(
        &mut self,
        (left, right): (&str, &str),
        used: &str,
        resume: Resume,
        theme: Option<ThemeChoice>,
    ) {
        let sessions = &mut self.contents.sessions;
        sessions.retain(|s| !(s.left == left && s.right == right));
        sessions.insert(
            0,
            Session {
                left: left.to_string(),
                right: right.to_string(),
                used: used.to_string(),
                resume,
            },
        );
        sessions.truncate(MAX_SESSIONS);
        if theme.is_some() {
            self.contents.theme = theme;
        }
        self.contents.format_version = FORMAT_VERSION;
    }

    /// Writes the file atomically (owner-only: it names files and quotes
    /// nothing, but it is the analyst's).
    pub fn save(&self) -> Result<(), String> {
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        let mut text = serde_json::to_string_pretty(&self.contents).map_err(|e| e.to_string())?;
        text.push('\n');
        crate::atomic::write(&self.path, text.as_bytes(), crate::atomic::NewFile::Private)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

fn read(path: &Path) -> Result<Contents, String> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Contents::default()),
        Err(e) => return Err(e.to_string()),
    };
    if !meta.is_file() {
        return Err("not a regular file".to_string());
    }
    if meta.len() > MAX_BYTES {
        return Err(format!("larger than {} MiB", MAX_BYTES >> 20));
    }
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let text = std::str::from_utf8(&bytes).map_err(|_| "not UTF-8".to_string())?;
    serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| format!("not a diptych state file ({e})"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resume(top: usize) -> Resume {
        Resume {
            top: [top, 0],
            ..Resume::default()
        }
    }

    #[test]
    fn round_trips_and_keeps_the_latest_first() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/state.json");
        let (mut state, notice) = StateFile::load(&path);
        assert_eq!(notice, None);
        state.remember(("a", "b"), "t1", resume(1), None);
        state.remember(("c", "d"), "t2", resume(2), None);
        state.remember(
            ("a", "b"),
            "t3",
            resume(3),
            Some(ThemeChoice {
                name: "light".into(),
                config_theme: None,
            }),
        );
        state.save().unwrap();
        let (again, notice) = StateFile::load(&path);
        assert_eq!(notice, None);
        assert_eq!(again.session("a", "b"), Some(resume(3)));
        assert_eq!(again.session("c", "d"), Some(resume(2)));
        assert_eq!(again.session("b", "a"), None);
        assert_eq!(again.contents.sessions[0].left, "a");
        assert_eq!(again.theme(None), Some("light"));
        // A theme set in the config since the pick wins.
        assert_eq!(again.theme(Some("mono")), None);
    }

    #[test]
    fn broken_files_are_set_aside_with_a_notice() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        for bad in [&b"{not json"[..], b"\xff\xfe", b"[]"] {
            std::fs::write(&path, bad).unwrap();
            let (state, notice) = StateFile::load(&path);
            let notice = notice.unwrap();
            assert!(notice.starts_with("starting fresh"), "{notice}");
            assert!(notice.contains("state.json.broken"), "{notice}");
            assert_eq!(state.session("a", "b"), None);
            // Set aside, byte for byte.
            assert_eq!(
                std::fs::read(dir.path().join("state.json.broken")).unwrap(),
                bad
            );
            assert!(!path.exists());
        }
        std::fs::create_dir_all(dir.path().join("dir.json")).unwrap();
        let (_, notice) = StateFile::load(&dir.path().join("dir.json"));
        assert!(notice.unwrap().contains("not a regular file"));
    }

    #[test]
    fn only_the_most_recent_comparisons_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let (mut state, _) = StateFile::load(&dir.path().join("state.json"));
        for i in 0..(MAX_SESSIONS + 10) {
            state.remember((&i.to_string(), "x"), "t", resume(i), None);
        }
        assert_eq!(state.contents.sessions.len(), MAX_SESSIONS);
        assert_eq!(state.session("0", "x"), None);
        assert!(
            state
                .session(&(MAX_SESSIONS + 9).to_string(), "x")
                .is_some()
        );
    }
}
