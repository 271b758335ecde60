//! Notes in `$VISUAL`/`$EDITOR`: a private draft file, the terminal handed
//! over while the editor runs, the text read back; an ending signal while it
//! runs keeps what the editor saved. Drafts left by a crash are found again
//! on the next start.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use ratatui::DefaultTerminal;

/// How a run of `$EDITOR` ended.
pub enum Edited {
    /// The editor exited: the note's new text, or why not.
    Done(Result<String, String>),
    /// An ending signal arrived while it ran: what the editor had saved
    /// (if it saved anything), to keep as the note before exiting.
    Interrupted { signal: i32, text: Option<String> },
}

/// Runs `$VISUAL`, `$EDITOR` or `vi` on `text` in a private draft file
/// (mode 0600 in a 0700 directory), with the terminal handed over, and
/// reads the result back. The draft is removed afterwards; one left by a
/// crash is reported on the next start (see [`leftover_drafts`]).
pub fn edit(
    terminal: &mut DefaultTerminal,
    text: &str,
    drafts_dir: Option<&Path>,
    pending_signal: &dyn Fn() -> Option<i32>,
) -> anyhow::Result<Edited> {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".to_string());
    let dir = drafts_dir.map_or_else(
        || std::env::temp_dir().join("diptych-drafts"),
        Path::to_path_buf,
    );
    let path = match write_draft(&dir, text) {
        Ok(path) => path,
        Err(e) => {
            return Ok(Edited::Done(Err(format!(
                "cannot write a draft file for the editor in {}: {e}",
                dir.display()
            ))));
        }
    };
    super::runtime::leave_terminal();
    // The editor command may carry arguments ("code --wait").
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi");
    let child = std::process::Command::new(program)
        .args(words)
        .arg(&path)
        .spawn();
    let status = match child {
        Ok(mut child) => loop {
            match child.try_wait() {
                Ok(Some(status)) => break Ok(status),
                Ok(None) => {}
                Err(e) => break Err(e),
            }
            if let Some(signal) = pending_signal() {
                let _ = child.kill();
                let _ = child.wait();
                let saved = std::fs::read_to_string(&path)
                    .ok()
                    .map(|t| t.trim_end_matches('\n').to_string())
                    .filter(|t| t != text);
                let _ = std::fs::remove_file(&path);
                return Ok(Edited::Interrupted {
                    signal,
                    text: saved,
                });
            }
            std::thread::sleep(Duration::from_millis(50));
        },
        Err(e) => Err(e),
    };
    super::runtime::enter_terminal()?;
    terminal.clear()?;
    let result = match status {
        Ok(s) if s.success() => std::fs::read_to_string(&path)
            .map(|t| t.trim_end_matches('\n').to_string())
            .map_err(|e| format!("cannot read the note back: {e}")),
        Ok(s) => Err(format!("{editor} exited with {s}; the note is unchanged")),
        Err(e) => Err(format!("cannot run {editor}: {e}; set $EDITOR")),
    };
    let _ = std::fs::remove_file(&path);
    Ok(Edited::Done(result))
}

/// Writes `text` to a new draft file in `dir`, which is created private
/// (0700) if missing; the file itself is 0600.
fn write_draft(dir: &Path, text: &str) -> io::Result<PathBuf> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)?;
    let path = dir.join(format!(
        "note-{}-{}.md",
        std::process::id(),
        SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    ));
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(&path)?.write_all(text.as_bytes())?;
    Ok(path)
}

/// Drafts in `dir` left by an editor session that was killed (its diptych
/// no longer runs), oldest first, for the start-up message.
pub fn leftover_drafts(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            let pid = name.as_deref().and_then(|n| {
                n.strip_prefix("note-")?
                    .split('-')
                    .next()?
                    .parse::<u32>()
                    .ok()
            });
            pid.is_some_and(|pid| {
                pid != std::process::id() && !Path::new("/proc").join(pid.to_string()).exists()
            })
        })
        .collect();
    found.sort();
    found
}
