//! End-to-end: judgements survive quitting, a second diptych on the same tag
//! set is read-only, and a corrupt tag file is left byte for byte.

mod common;

use std::path::PathBuf;

use common::{REPORT, Tmux, WAIT, bin, tmux_available};

fn tagsets(t: &Tmux) -> PathBuf {
    t.dir.path().join("data/diptych/tagsets")
}

#[test]
fn tag_survives_restart() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start("persist", 140, 30, &[]);
    t.run(&format!("{}{REPORT}", bin()));
    t.wait_for(" pairs =", WAIT);
    t.keys(&["]", "c"]);
    t.wait_for("≠ Contradict", WAIT);
    // Autosave happens within a second; quitting right away asks first.
    t.wait_until(WAIT, "saved", |s| {
        s.contains("≠1") && s.contains("untagged │")
    });
    t.keys(&["q"]);
    t.wait_for("EXIT=0 icanon", WAIT);
    let files: Vec<_> = std::fs::read_dir(tagsets(&t)).unwrap().flatten().collect();
    assert!(
        files
            .iter()
            .any(|f| f.path().extension().is_some_and(|e| e == "json"))
    );

    t.run("clear");
    t.run(&format!("{}{REPORT}", bin()));
    t.wait_for("aligned:", WAIT);
    t.wait_for("≠1", WAIT);
    t.keys(&["]"]);
    t.wait_for("Contradict", WAIT);
    t.keys(&["q"]);
    t.wait_for("EXIT=0 icanon", WAIT);
}

#[test]
fn second_instance_is_read_only() {
    if !tmux_available() {
        return;
    }
    let first = Tmux::start("lock-a", 140, 30, &[]);
    first.run(bin());
    first.wait_for(" pairs =", WAIT);
    // The second shares the first's data directory.
    let data = first.dir.path().join("data");
    let second = Tmux::start("lock-b", 140, 30, &[]);
    second.run(&format!(
        "XDG_DATA_HOME={} {}{REPORT}",
        data.display(),
        bin()
    ));
    second.wait_for("read-only", WAIT);
    second.wait_for(" pairs =", WAIT);
    second.keys(&["]", "a"]);
    second.wait_for("kept in memory only", WAIT);
    second.keys(&["q"]);
    second.wait_for("unsaved changes", WAIT);
    second.keys(&["q"]);
    second.wait_for("EXIT=0 icanon", WAIT);
    first.keys(&["q"]);
}

#[test]
fn corrupt_tag_file_is_left_untouched() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start("corrupt", 160, 30, &[]);
    let path = t.dir.path().join("broken.json");
    let bytes = b"{ \"format_version\": 1, \"name\": \"broken\", \"tags\": [ oops ] }\n";
    std::fs::write(&path, bytes).unwrap();
    t.run(&format!("{} --tags {}{REPORT}", bin(), path.display()));
    let screen = t.wait_for("not a valid tag file", WAIT);
    assert!(screen.contains("broken.json:1:"), "{screen}");
    t.wait_for(" pairs =", WAIT);
    t.keys(&["]", "c"]);
    t.wait_for("kept in memory only", WAIT);
    t.keys(&["C-s"]);
    t.wait_for("not saved", WAIT);
    t.keys(&["q"]);
    t.wait_for("unsaved changes", WAIT);
    t.keys(&["q"]);
    t.wait_for("EXIT=0 icanon", WAIT);
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn sigterm_saves_unsaved_judgements() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start("sigterm-save", 140, 30, &[]);
    // Autosave off: only the signal handler can save this judgement.
    let config = t.dir.path().join("config/diptych");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "autosave_delay_ms = 0\n").unwrap();
    t.run(&format!("{}{REPORT}", bin()));
    t.wait_for(" pairs =", WAIT);
    t.keys(&["]", "p"]);
    t.wait_for("untagged ●", WAIT);
    let pid = t.child_pid().expect("diptych is running");
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    t.wait_for("EXIT=143 icanon", WAIT);
    t.run("clear");
    t.run(&format!("{}{REPORT}", bin()));
    t.wait_for("≈1", WAIT);
    t.keys(&["q"]);
    t.wait_for("EXIT=0 icanon", WAIT);
}

/// Closing the terminal (an SSH connection dropping) sends SIGHUP and leaves
/// a dead tty: diptych must save and exit, not spin.
#[test]
fn hangup_saves_and_exits() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start("hangup", 140, 30, &[]);
    let config = t.dir.path().join("config/diptych");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "autosave_delay_ms = 0\n").unwrap();
    t.run(bin());
    t.wait_for(" pairs =", WAIT);
    t.keys(&["]", "a"]);
    t.wait_for("untagged ●", WAIT);
    let pid = t.child_pid().expect("diptych is running");
    let tagsets = tagsets(&t);
    t.kill_server();
    let deadline = std::time::Instant::now() + WAIT;
    while std::path::Path::new(&format!("/proc/{pid}")).exists() {
        assert!(
            std::time::Instant::now() < deadline,
            "diptych still running after its terminal went away"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let saved: String = std::fs::read_dir(&tagsets)
        .unwrap()
        .flatten()
        .filter(|f| f.path().extension().is_some_and(|e| e == "json"))
        .map(|f| std::fs::read_to_string(f.path()).unwrap())
        .collect();
    assert!(saved.contains("\"agree\""), "{saved}");
}
