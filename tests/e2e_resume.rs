//! End-to-end: reopening the same two reports resumes where the analyst
//! left them (cursor, scroll, topic filter, theme picked), a broken state
//! file is set aside with a notice, and other reports start fresh.

mod common;

use common::{REPORT, Tmux, WAIT, bin, tmux_available};

/// The line of the left pane's cursor (its `›` mark), if on screen.
fn cursor_line(screen: &str) -> Option<String> {
    screen
        .lines()
        .find(|l| l.split('┃').nth(1).is_some_and(|left| left.contains('›')))
        .map(str::to_string)
}

#[test]
fn reopening_the_same_reports_resumes_cursor_scroll_filter_and_theme() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start("resume", 120, 32, &[]);
    let start = format!("{}{REPORT}", bin());
    t.run(&start);
    t.wait_for("aligned:", WAIT);
    t.type_text("/not really");
    t.keys(&["Enter"]);
    t.wait_for("match 1 of 1", WAIT);
    t.type_text("tAfghanistan");
    t.keys(&["Enter"]);
    t.wait_for("topic: Afghanistan", WAIT);
    // The theme picker: the next theme after the current one, confirmed.
    t.keys(&["C-t"]);
    t.wait_for("Theme", WAIT);
    t.keys(&["Down", "Enter"]);
    let picked = t.wait_for("remembered for next time", WAIT);
    let theme = picked
        .lines()
        .last()
        .unwrap()
        .split("theme: ")
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .to_string();
    let before = t.screen();
    let cursor = cursor_line(&before).expect("the cursor is on screen");
    assert!(cursor.contains("is not really “expanding”"), "{before}");
    t.keys(&["q"]);
    t.wait_for("EXIT=0", WAIT);

    t.run("clear");
    t.run(&start);
    let after = t.wait_for("topic: Afghanistan", WAIT);
    assert_eq!(cursor_line(&after), Some(cursor), "{after}");
    // The same rows of both panes are on screen.
    let panes = |s: &str| s.lines().skip(1).take(29).collect::<Vec<_>>().join("\n");
    assert_eq!(panes(&after), panes(&before));
    t.keys(&["C-t"]);
    let picker = t.wait_for("Theme", WAIT);
    assert!(
        picker
            .lines()
            .any(|l| l.contains('▶') && l.contains(&theme)),
        "{theme} is the theme in use: {picker}"
    );
    // (Escape and q apart: together they would read as alt-q.)
    t.keys(&["Escape"]);
    t.wait_until(WAIT, "the picker closed", |s| !s.contains("Theme"));
    t.keys(&["q"]);
    t.wait_for("EXIT=0", WAIT);

    // A broken state file: a notice, a fresh start, replaced at exit.
    let state = t.dir.path().join(".local/state/diptych/state.json");
    std::fs::write(&state, "{ broken").unwrap();
    t.run("clear");
    t.run(&start);
    let fresh = t.wait_for("starting fresh: the remembered positions", WAIT);
    assert!(fresh.contains("The Islamic State in Khorasan’s"), "{fresh}");
    t.keys(&["q"]);
    t.wait_for("EXIT=0", WAIT);
    let text = std::fs::read_to_string(&state).unwrap();
    assert!(text.contains("\"format_version\": 1"), "{text}");
    let aside = t.dir.path().join(".local/state/diptych/state.json.broken");
    assert_eq!(std::fs::read_to_string(aside).unwrap(), "{ broken");
}

#[test]
fn a_theme_that_cannot_be_remembered_says_so() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start("unremembered", 120, 32, &[]);
    // The state file's place is taken by a directory.
    std::fs::create_dir_all(t.dir.path().join(".local/state/diptych/state.json")).unwrap();
    t.run(&format!("{}{REPORT}", bin()));
    t.wait_for("starting fresh", WAIT);
    t.keys(&["C-t"]);
    t.wait_for("Theme", WAIT);
    t.keys(&["Down", "Enter"]);
    t.wait_for("not remembered for next time", WAIT);
    t.keys(&["q"]);
    t.wait_for("EXIT=0", WAIT);
}
