//! End-to-end: the real binary in tmux, driven by keys, read off the screen.

mod common;

use common::{REPORT, Tmux, WAIT, bin, tmux_available};

#[test]
fn seeds_scroll_help_resize_quit() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start("reader", 120, 32, &[]);
    t.run(&format!("{}{REPORT}", bin()));
    // The whole first frame: tmux may show one half drawn.
    let first = t.wait_until(WAIT, "the first frame", |s| {
        s.contains("IS-K – An Overlooked Threat?") && s.contains("? help")
    });
    assert!(first.contains("The Islamic State in Khorasan’s “expansion”"));

    // Scrolling moves the left pane: the title row scrolls out of view.
    t.keys(&["j", "j", "j"]);
    t.wait_until(WAIT, "left pane scrolled", |s| {
        !s.lines()
            .nth(1)
            .unwrap_or("")
            .contains("The Islamic State in Khorasan")
    });
    t.keys(&["G"]);
    t.wait_for("Add yours", WAIT);
    t.keys(&["g"]);
    t.wait_for("by Antonio Giustozzi.", WAIT);

    // Help overlay, closed with Escape.
    t.keys(&["?"]);
    t.wait_for("Scroll down one line", WAIT);
    t.keys(&["Escape"]);
    t.wait_until(WAIT, "help closed", |s| !s.contains("Scroll down one line"));

    // Search in the focused pane.
    t.type_text("/Turkey");
    t.keys(&["Enter"]);
    t.wait_for("match 1 of", WAIT);
    t.keys(&["n"]);
    t.wait_for("match 2 of", WAIT);

    // Too small, then back.
    t.resize(30, 6);
    t.wait_for("terminal too small", WAIT);
    t.resize(120, 32);
    t.wait_for("IS-K – An Overlooked Threat?", WAIT);

    t.keys(&["q"]);
    let end = t.wait_for("EXIT=", WAIT);
    assert!(end.contains("EXIT=0 icanon"), "{end}");
}

#[test]
fn missing_file_errors_before_raw_mode() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start("missing", 100, 20, &[]);
    t.run(&format!(
        "{} /no/such/left.txt /no/such/right.txt{REPORT}",
        bin()
    ));
    let screen = t.wait_for("EXIT=", WAIT);
    assert!(
        screen.contains("diptych: /no/such/left.txt: no such file"),
        "{screen}"
    );
    assert!(screen.contains("EXIT=2 icanon"), "{screen}");
}

#[test]
fn sigterm_restores_the_terminal() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start("sigterm", 100, 24, &[]);
    t.run(&format!("{}{REPORT}", bin()));
    t.wait_for("IS-K – An Overlooked Threat?", WAIT);
    let pid = t.child_pid().expect("diptych is running");
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let end = t.wait_for("EXIT=", WAIT);
    assert!(end.contains("EXIT=143 icanon"), "{end}");
}

#[test]
fn ctrl_z_suspends_and_fg_redraws() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start("suspend", 100, 24, &[]);
    // Only the reader is in this job, so that `fg` resumes it alone.
    t.run(bin());
    t.wait_for("IS-K – An Overlooked Threat?", WAIT);
    t.keys(&["C-z"]);
    t.wait_for("Stopped", WAIT);
    let shell = t.screen();
    assert!(!shell.contains("Overlooked Threat?   "), "{shell}");
    t.run("fg");
    t.wait_for("IS-K – An Overlooked Threat?", WAIT);
    t.keys(&["q"]);
    t.wait_for("$", WAIT);
    t.run(REPORT.trim_start_matches("; "));
    let end = t.wait_for("EXIT=", WAIT);
    assert!(end.contains("EXIT=0 icanon"), "{end}");
}

#[test]
fn pairs_and_topics_in_the_reader() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start("pairs", 130, 32, &[]);
    t.run(&format!("{}{REPORT}", bin()));
    t.wait_for("aligned:", WAIT);
    t.keys(&["]"]);
    let screen = t.wait_for("pair 1 of", WAIT);
    assert!(screen.contains("shared:"), "{screen}");
    // The pair is marked in both gutters on the same row.
    assert!(
        screen.lines().any(|l| l.matches('▶').count() >= 2),
        "{screen}"
    );
    t.keys(&["t"]);
    t.wait_for("Topics", WAIT);
    t.type_text("turkey");
    t.keys(&["Enter"]);
    t.wait_for("topic: Turkey", WAIT);
    t.keys(&["]"]);
    t.wait_for("Turkey", WAIT);
    t.keys(&["q"]);
    t.wait_for("EXIT=0 icanon", WAIT);
}

#[test]
fn bracketed_paste_and_readline_keys_in_a_field() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start("paste", 100, 30, &[]);
    t.run(&format!("{}{REPORT}", bin()));
    t.wait_for("IS-K – An Overlooked Threat?", WAIT);
    // A line break in a paste does not submit the field.
    t.keys(&["/"]);
    t.paste("Tur\nkey");
    t.wait_for("/Tur key", WAIT);
    // ctrl-u clears the field; the paste goes in again, fixed by hand.
    t.keys(&["C-u"]);
    t.wait_until(WAIT, "field cleared", |s| !s.contains("/Tur key"));
    t.paste("urkey");
    t.keys(&["C-a"]);
    t.type_text("T");
    t.keys(&["Enter"]);
    t.wait_for("match 1 of", WAIT);
    t.keys(&["q"]);
    t.wait_for("EXIT=0 icanon", WAIT);
}
