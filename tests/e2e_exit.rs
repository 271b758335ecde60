//! End-to-end: every way out of the reader keeps the judgements, the note
//! being written included, and gives the terminal back (ctrl-c, SIGINT,
//! SIGQUIT, SIGTERM while typing a note or inside `$EDITOR`); a paste is
//! handled in one go; lock files go on a clean quit.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{REPORT, Tmux, WAIT, bin, tmux_available};

fn kill(pid: u32, signal: &str) {
    let ok = std::process::Command::new("kill")
        .args([&format!("-{signal}"), &pid.to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
}

fn no_autosave(t: &Tmux) {
    let config = t.dir.path().join("config/diptych");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "autosave_delay_ms = 0\n").unwrap();
}

fn wait_for_file(path: &Path) {
    let deadline = Instant::now() + WAIT;
    while !path.exists() {
        assert!(
            Instant::now() < deadline,
            "{} never appeared",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The terminal is back: canonical mode (checked by REPORT), main screen,
/// no mouse reporting.
fn assert_restored(t: &Tmux) {
    assert_eq!(
        t.pane_format("alternate_on"),
        "0",
        "still in the alternate screen"
    );
    assert_eq!(
        t.pane_format("mouse_any_flag"),
        "0",
        "mouse capture left on"
    );
}

/// diptych with autosave off and `$EDITOR` a shell script (`script`, with
/// `{d}` for the test's directory; it must `touch {d}/ready`), open on the
/// note of the first pair, judged agree. Returns the session and the tag file.
#[cfg(unix)]
fn in_the_editor(name: &str, script: &str) -> (Tmux, PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let t = Tmux::start(name, 140, 30, &[]);
    no_autosave(&t);
    let dir = t.dir.path();
    let editor = dir.join("editor.sh");
    let body = script.replace("{d}", &dir.display().to_string());
    std::fs::write(&editor, format!("#!/bin/sh\n{body}")).unwrap();
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let tags = dir.join("t.json");
    t.run(&format!(
        "EDITOR={} {} --tags {}{REPORT}",
        editor.display(),
        bin(),
        tags.display()
    ));
    t.wait_for(" pairs =", WAIT);
    t.keys(&["]", "a", "i"]);
    t.wait_for("Note", WAIT);
    t.keys(&["C-e"]);
    wait_for_file(&dir.join("ready"));
    (t, tags)
}

#[test]
fn ctrl_c_right_after_a_judgement_saves_it() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start("ctrl-c", 140, 30, &[]);
    let tags: PathBuf = t.dir.path().join("t.json");
    t.run(&format!("{} --tags {}{REPORT}", bin(), tags.display()));
    t.wait_for(" pairs =", WAIT);
    t.keys(&["]", "a", "C-c"]);
    t.wait_for("EXIT=0 icanon", WAIT);
    assert_restored(&t);
    let saved = std::fs::read_to_string(&tags).expect("ctrl-c saved the tag set");
    assert!(saved.contains("\"agree\""), "{saved}");
    assert!(
        !t.dir.path().join("t.json.lock").exists(),
        "the lock goes with a clean quit"
    );
}

#[test]
fn sigint_and_sigquit_save_and_restore_the_terminal() {
    if !tmux_available() {
        return;
    }
    for (signal, status) in [("INT", 130), ("QUIT", 131)] {
        let t = Tmux::start(&format!("sig{signal}"), 140, 30, &[]);
        no_autosave(&t);
        let tags = t.dir.path().join("t.json");
        t.run(&format!("{} --tags {}{REPORT}", bin(), tags.display()));
        t.wait_for(" pairs =", WAIT);
        t.keys(&["]", "c"]);
        t.wait_for("untagged ●", WAIT);
        kill(t.child_pid().expect("diptych runs"), signal);
        t.wait_for(&format!("EXIT={status} icanon"), WAIT);
        assert_restored(&t);
        let saved = std::fs::read_to_string(&tags).expect("saved on the signal");
        assert!(saved.contains("\"contradict\""), "{signal}: {saved}");
    }
}

#[test]
fn sigterm_while_typing_a_note_keeps_the_note() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start("note-term", 140, 30, &[]);
    no_autosave(&t);
    let tags = t.dir.path().join("t.json");
    t.run(&format!("{} --tags {}{REPORT}", bin(), tags.display()));
    t.wait_for(" pairs =", WAIT);
    t.keys(&["]", "p", "i"]);
    t.wait_for("Note", WAIT);
    t.type_text("half a thought");
    t.wait_for("half a thought", WAIT);
    kill(t.child_pid().expect("diptych runs"), "TERM");
    t.wait_for("EXIT=143 icanon", WAIT);
    let saved = std::fs::read_to_string(&tags).expect("saved on SIGTERM");
    assert!(saved.contains("\"half a thought\""), "{saved}");
    assert!(saved.contains("\"partial\""), "{saved}");
}

#[cfg(unix)]
#[test]
fn sigterm_inside_the_editor_keeps_its_text_and_leaves_no_draft() {
    if !tmux_available() {
        return;
    }
    let (t, tags) = in_the_editor(
        "editor-term",
        "stat -c %a \"$1\" > {d}/mode\nstat -c %a \"$(dirname \"$1\")\" > {d}/dirmode\nprintf 'written in the editor' > \"$1\"\ntouch {d}/ready\nsleep 60\n",
    );
    let dir = t.dir.path();
    assert_eq!(
        std::fs::read_to_string(dir.join("mode")).unwrap().trim(),
        "600"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("dirmode")).unwrap().trim(),
        "700"
    );
    kill(t.child_pid().expect("diptych runs"), "TERM");
    t.wait_for("EXIT=143 icanon", WAIT);
    let saved = std::fs::read_to_string(&tags).expect("saved on SIGTERM");
    assert!(saved.contains("\"written in the editor\""), "{saved}");
    let drafts = dir.join("data/diptych/drafts");
    let left: Vec<_> = std::fs::read_dir(&drafts)
        .map(|d| d.flatten().collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "draft left behind: {left:?}");
}

#[test]
fn a_burst_of_input_is_handled_without_another_key() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start("burst", 120, 30, &[]);
    t.run(&format!("{}{REPORT}", bin()));
    t.wait_for(" pairs =", WAIT);
    // 3 KiB of keys in one write: every one is handled, so the left pane
    // ends at the bottom with no further key pressed.
    t.type_text(&"j".repeat(3000));
    t.wait_for("100%", WAIT);
    t.keys(&["q"]);
    t.wait_for("EXIT=0 icanon", WAIT);
}

#[cfg(unix)]
#[test]
fn ctrl_c_inside_the_editor_belongs_to_the_editor() {
    if !tmux_available() {
        return;
    }
    let (t, tags) = in_the_editor(
        "editor-int",
        "trap 'echo got-int >> {d}/log' INT\nprintf 'kept after ctrl-c' > \"$1\"\ntouch {d}/ready\nwhile [ ! -e {d}/go ]; do sleep 0.1; done\necho finished >> {d}/log\n",
    );
    let dir = t.dir.path();
    t.keys(&["C-c"]);
    wait_for_file(&dir.join("log"));
    // Longer than the watchdog's second: diptych must still be there.
    std::thread::sleep(Duration::from_millis(1500));
    std::fs::write(dir.join("go"), "").unwrap();
    t.wait_for("kept after ctrl-c", WAIT);
    let log = std::fs::read_to_string(dir.join("log")).unwrap();
    assert!(log.contains("finished"), "the editor was killed: {log}");
    // Keep the note (ctrl-s in the note box), then quit saving.
    t.keys(&["C-s"]);
    t.keys(&["C-c"]);
    t.wait_for("EXIT=0 icanon", WAIT);
    let saved = std::fs::read_to_string(&tags).unwrap();
    assert!(saved.contains("kept after ctrl-c"), "{saved}");
}

#[cfg(unix)]
#[test]
fn a_signal_keeps_judgements_that_the_file_cannot_take() {
    if !tmux_available() {
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let t = Tmux::start("ro-term", 140, 30, &[]);
    no_autosave(&t);
    let sets = t.dir.path().join("sets");
    std::fs::create_dir_all(&sets).unwrap();
    let tags = sets.join("ro.json");
    // A valid, empty tag set for the bundled reports, made read-only.
    t.run(&format!("{} --tags {}{REPORT}", bin(), tags.display()));
    t.wait_for(" pairs =", WAIT);
    t.keys(&["]", "a", "C-c"]);
    t.wait_for("EXIT=0 icanon", WAIT);
    let before = std::fs::read(&tags).unwrap();
    std::fs::set_permissions(&tags, std::fs::Permissions::from_mode(0o444)).unwrap();
    t.run("clear");
    t.run(&format!("{} --tags {}{REPORT}", bin(), tags.display()));
    t.wait_for(" pairs =", WAIT);
    t.keys(&["]", "]", "p"]);
    t.wait_for("kept in memory only", WAIT);
    kill(t.child_pid().expect("diptych runs"), "TERM");
    t.wait_for("EXIT=143 icanon", WAIT);
    assert_eq!(
        std::fs::read(&tags).unwrap(),
        before,
        "the 0444 file is untouched"
    );
    let copies: Vec<PathBuf> = std::fs::read_dir(&sets)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains("(unsaved "))
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    let kept = std::fs::read_to_string(&copies[0]).unwrap();
    assert!(kept.contains("\"partial\""), "{kept}");
}

#[test]
fn judgements_typed_in_one_burst_each_get_their_own_tag() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start("burst-tags", 140, 30, &[]);
    let tags = t.dir.path().join("t.json");
    t.run(&format!("{} --tags {}{REPORT}", bin(), tags.display()));
    t.wait_for(" pairs =", WAIT);
    // One write: two pairs judged before the screen is drawn again.
    t.type_text("]a]c");
    t.wait_for("=1 ≠1", WAIT);
    t.keys(&["C-c"]);
    t.wait_for("EXIT=0 icanon", WAIT);
    let saved = std::fs::read_to_string(&tags).unwrap();
    assert!(
        saved.contains("\"agree\"") && saved.contains("\"contradict\""),
        "{saved}"
    );
}
