//! End-to-end: themes and configuration in a real terminal (tmux).

mod common;

use common::{REPORT, Tmux, WAIT, bin, tmux_available};

/// SGR parameters that set a colour (as opposed to 39/49, "default colour").
fn colour_params(screen: &str) -> Vec<String> {
    let mut found = Vec::new();
    for seq in screen.split("\x1b[").skip(1) {
        let Some(end) = seq.find('m') else { continue };
        let params: Vec<&str> = seq[..end].split(';').collect();
        for p in &params {
            let n: u32 = p.parse().unwrap_or(0);
            if matches!(n, 30..=38 | 40..=48 | 90..=97 | 100..=107) {
                found.push(seq[..end].to_string());
            }
        }
    }
    found
}

#[test]
fn no_color_writes_no_colour_but_selection_is_visible() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start("nocolor", 100, 24, &[("NO_COLOR", "1")]);
    t.run(&format!("{}{REPORT}", bin()));
    t.wait_for("IS-K – An Overlooked Threat?", WAIT);
    t.type_text("/Turkey");
    t.keys(&["Enter"]);
    t.wait_for("match 1 of", WAIT);
    let screen = t.screen_with_escapes();
    assert!(
        colour_params(&screen).is_empty(),
        "{:?}",
        colour_params(&screen)
    );
    // The current match is drawn reversed (the sequence before it may only
    // add reverse: the cursor's sentence around it is already underlined
    // and bold), the focused pane's title bold.
    assert!(
        screen.contains("[4;7mTurkey") || screen.contains("[7mTurkey"),
        "{screen}"
    );
    assert!(screen.contains("\x1b[1m"));
    t.keys(&["q"]);
    t.wait_for("EXIT=0 icanon", WAIT);
}

#[test]
fn default_theme_does_use_colour() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start("colour", 100, 24, &[]);
    t.run(bin());
    t.wait_for("IS-K – An Overlooked Threat?", WAIT);
    assert!(!colour_params(&t.screen_with_escapes()).is_empty());
    t.keys(&["q"]);
}

#[test]
fn theme_picker_switches_live() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start("picker", 100, 24, &[]);
    t.run(&format!("{} --theme dark", bin()));
    t.wait_for("IS-K – An Overlooked Threat?", WAIT);
    t.keys(&["C-t"]);
    t.wait_for("high-contrast", WAIT);
    // Move to `mono` (names are sorted: cvd, dark, high-contrast, light, mono).
    t.keys(&["j", "j", "j"]);
    t.wait_until(WAIT, "mono previewed without colour", |_| {
        colour_params(&t.screen_with_escapes()).is_empty()
    });
    t.keys(&["Enter"]);
    t.wait_for("theme: mono", WAIT);
    t.keys(&["q"]);
}

#[test]
fn broken_user_theme_warns_and_reader_works() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start("broken", 140, 24, &[]);
    let themes = t.dir.path().join("config/diptych/themes");
    std::fs::create_dir_all(&themes).unwrap();
    std::fs::write(
        themes.join("dark.toml"),
        "inherits = \"dark\"\ntext = { fg = \"blurple\" }\n",
    )
    .unwrap();
    t.run(&format!("{}{REPORT}", bin()));
    // The whole first frame (tmux may show one half drawn).
    let screen = t.wait_until(WAIT, "the warning", |s| {
        s.contains("IS-K – An Overlooked Threat?") && s.contains("dark.toml:2:")
    });
    assert!(screen.contains("blurple"), "{screen}");
    t.keys(&["j", "q"]);
    t.wait_for("EXIT=0 icanon", WAIT);
}

#[test]
fn unknown_theme_flag_is_a_clear_error() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start("badtheme", 120, 20, &[]);
    t.run(&format!("{} --theme nosuch{REPORT}", bin()));
    let screen = t.wait_for("EXIT=", WAIT);
    assert!(screen.contains("nosuch"), "{screen}");
    assert!(
        screen.contains("dark") && screen.contains("mono"),
        "{screen}"
    );
    assert!(screen.contains("EXIT=2 icanon"), "{screen}");
}
