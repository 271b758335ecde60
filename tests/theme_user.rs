//! User themes: overriding, inheritance, choosing, and the one specific
//! warning each kind of mistake produces.

use std::path::{Path, PathBuf};

use diptych::diagnostic::{Location, Warning};
use diptych::theme::{Slot, Theme, ThemeError, ThemeSet};
use ratatui::style::{Color, Modifier, Style};

fn fixture(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/themes")
        .join(case)
}

fn load(case: &str) -> (ThemeSet, Vec<Warning>) {
    ThemeSet::load(Some(&fixture(case)))
}

fn dark() -> Theme {
    ThemeSet::bundled().get("dark").expect("bundled dark")
}

/// Asserts that loading `case` gives exactly one warning, in `file`, at
/// `line:col`, whose message starts with `message`.
fn assert_one_warning(case: &str, file: &str, line: usize, col: usize, message: &str) {
    let (_, warnings) = load(case);
    assert_eq!(warnings.len(), 1, "{case}: {warnings:#?}");
    let w = &warnings[0];
    assert_eq!(w.file.as_deref(), Some(fixture(case).join(file).as_path()));
    assert_eq!(w.location, Some(Location { line, col }), "{case}: {w}");
    assert!(w.message.starts_with(message), "{case}: {}", w.message);
    let shown = w.to_string();
    assert!(
        shown.starts_with(&format!(
            "{}:{line}:{col}: ",
            fixture(case).join(file).display()
        )),
        "{shown}"
    );
}

#[test]
fn bad_colour_is_reported_at_the_value() {
    assert_one_warning(
        "bad-colour",
        "warm.toml",
        4,
        16,
        "agree.fg: unknown colour \"blu\" (did you mean \"blue\"?)",
    );
}

#[test]
fn unknown_slot_is_reported_at_the_key() {
    assert_one_warning(
        "unknown-slot",
        "warm.toml",
        2,
        1,
        "unknown slot `agre` (did you mean `agree`?)",
    );
}

#[test]
fn unknown_style_key_is_reported_at_the_key() {
    assert_one_warning(
        "unknown-style-key",
        "warm.toml",
        4,
        1,
        "unknown style key `underlined` in slot `agree` (did you mean `underline`?)",
    );
}

#[test]
fn syntax_error_is_reported_where_it_happens() {
    assert_one_warning(
        "syntax-error",
        "warm.toml",
        3,
        27,
        "TOML syntax error: missing comma between key-value pairs",
    );
    // The rest of the file still applies; the slot the error is in is
    // dropped, not guessed at, so it falls back to the parent's.
    let (set, _) = load("syntax-error");
    let warm = set.get("warm").expect("a broken theme still exists");
    assert_eq!(warm.agree, Style::new().fg(Color::Blue).bold());
    assert_eq!(warm.contradict, dark().contradict);
}

#[test]
fn unknown_inherits_is_reported_at_the_name() {
    assert_one_warning(
        "unknown-inherits",
        "warm.toml",
        1,
        12,
        "`warm` inherits from unknown theme `drak` (did you mean `dark`?)",
    );
    let (set, _) = load("unknown-inherits");
    let warm = set.get("warm").expect("theme exists");
    assert_eq!(warm.agree, Style::new().fg(Color::Blue));
    assert_eq!(
        warm.contradict,
        dark().contradict,
        "unset slots fall back to dark"
    );
}

#[test]
fn inheritance_cycle_is_reported_once_and_broken() {
    assert_one_warning(
        "cycle",
        "b.toml",
        2,
        12,
        "inheritance cycle a -> b -> a; ignoring `inherits = \"a\"`",
    );
    let (set, _) = load("cycle");
    let a = set.get("a").expect("a");
    let b = set.get("b").expect("b");
    // b lost its parent and stands on the built-in dark; a still inherits b.
    assert_eq!(b.contradict, Style::new().fg(Color::Red));
    assert_eq!(b.agree, dark().agree);
    assert_eq!(a.agree, Style::new().fg(Color::Blue));
    assert_eq!(a.contradict, b.contradict);
    // Choosing `a` shows the cycle warning that affects it, and terminates.
    assert_eq!(set.warnings_for("a").len(), 1);
}

#[test]
fn wrong_types_each_get_their_own_message() {
    let (set, warnings) = load("wrong-types");
    let shown: Vec<(Option<Location>, &str)> = warnings
        .iter()
        .map(|w| (w.location, w.message.as_str()))
        .collect();
    assert_eq!(
        shown,
        vec![
            (
                Some(Location { line: 2, col: 31 }),
                "agree.bold must be true or false, found string; keeping the fallback value"
            ),
            (
                Some(Location { line: 3, col: 14 }),
                "slot `contradict` must be a table like { fg = \"blue\", bold = true } or a \
                 colour string, found boolean; keeping the fallback style"
            ),
            (
                Some(Location { line: 4, col: 18 }),
                "partial.fg: invalid colour index 300: a colour index is 0 to 255; keeping \
                 the fallback colour"
            ),
        ]
    );
    let warm = set.get("warm").expect("theme exists");
    let dark = dark();
    // agree: fg as written, bold from dark's agree because "yes" is no bool.
    assert_eq!(warm.agree, Style::new().fg(Color::Blue).bold());
    assert_eq!(warm.contradict, dark.contradict);
    assert_eq!(warm.partial.fg, dark.partial.fg);
}

#[test]
fn bad_colour_keeps_the_fallback_colour_and_the_rest_of_the_slot() {
    let (set, _) = load("bad-colour");
    let warm = set.get("warm").expect("theme exists");
    assert_eq!(warm.agree.fg, dark().agree.fg);
    assert!(warm.agree.add_modifier.contains(Modifier::BOLD));
}

#[test]
fn a_root_theme_missing_slots_is_told_which() {
    let (set, warnings) = load("incomplete");
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert_eq!(warnings[0].location, None);
    assert!(
        warnings[0]
            .message
            .starts_with("slots not set, using the `dark` theme's: muted, title,"),
        "{}",
        warnings[0].message
    );
    let bare = set.get("bare").expect("theme exists");
    assert_eq!(bare.text, Style::new().fg(Color::White));
    assert_eq!(bare.selection, dark().selection);
}

#[test]
fn inheritance_replaces_whole_slots_and_passes_through_the_rest() {
    let (set, warnings) = load("inherit-chain");
    assert_eq!(warnings, vec![]);
    let light = ThemeSet::bundled().get("light").expect("light");
    let base = set.get("base").expect("base");
    let child = set.get("child").expect("child");
    // A slot written in the child replaces the parent's: no green, no bold.
    assert_eq!(child.agree, Style::new().italic());
    assert_eq!(base.agree, Style::new().fg(Color::Green).bold());
    // A colour string is the foreground only.
    assert_eq!(base.contradict, Style::new().fg(Color::Rgb(255, 0, 0)));
    // Unset slots come from the parent, through the chain.
    assert_eq!(child.contradict, base.contradict);
    assert_eq!(child.text, light.text);
    assert_eq!(child.selection, light.selection);
    assert_eq!(child.name, "child");
}

#[test]
fn user_theme_overrides_the_bundled_one_and_may_inherit_from_it() {
    let (set, warnings) = load("override-dark");
    assert_eq!(warnings, vec![], "inheriting your own name is no cycle");
    let bundled = dark();
    let mine = set.get("dark").expect("dark");
    assert!(set.is_user_theme("dark"));
    assert_eq!(
        set.file("dark"),
        Some(fixture("override-dark").join("dark.toml").as_path())
    );
    assert_eq!(
        mine.agree,
        Style::new().fg(Color::Rgb(0, 255, 0)).underlined()
    );
    for slot in Slot::ALL.iter().filter(|s| **s != Slot::Agree) {
        assert_eq!(mine.style(*slot), bundled.style(*slot), "{}", slot.name());
    }
    assert_eq!(set.names().iter().filter(|n| **n == "dark").count(), 1);
    // With the override in place, the default choice is the user's dark.
    let (chosen, _) = set.resolve_choice(None, None, false).expect("default");
    assert_eq!(chosen, mine);
}

#[test]
fn modifier_false_removes_it_when_patched_over_another_style() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("t.toml"),
        "inherits = \"dark\"\nselection = { reversed = true, bold = false }\n",
    )
    .expect("write theme");
    let (set, warnings) = ThemeSet::load(Some(dir.path()));
    assert_eq!(warnings, vec![]);
    let t = set.get("t").expect("t");
    let on_title = t.title.patch(t.selection);
    assert!(!on_title.add_modifier.contains(Modifier::BOLD));
    assert!(on_title.add_modifier.contains(Modifier::REVERSED));
}

#[test]
fn missing_user_dir_is_no_problem_but_a_file_in_its_place_is() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, warnings) = ThemeSet::load(Some(&dir.path().join("absent")));
    assert_eq!(warnings, vec![]);
    let file = dir.path().join("themes");
    std::fs::write(&file, "not a directory").expect("write");
    let (set, warnings) = ThemeSet::load(Some(&file));
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(
        warnings[0]
            .message
            .starts_with("cannot read the themes directory")
    );
    assert!(set.get("dark").is_some(), "bundled themes survive");
}

#[test]
fn explicit_unknown_theme_is_an_error_listing_the_names() {
    let set = ThemeSet::bundled();
    let err = set
        .resolve_choice(Some("solarised"), Some("light"), false)
        .expect_err("unknown --theme");
    assert_eq!(
        err,
        ThemeError::Unknown {
            name: "solarised".into(),
            available: ["cvd", "dark", "high-contrast", "light", "mono"]
                .map(String::from)
                .to_vec(),
        }
    );
    assert!(
        err.to_string().starts_with(
            "unknown theme `solarised`; available themes: cvd, dark, high-contrast, light, mono."
        ),
        "{err}"
    );
}

#[test]
fn choice_rules_for_cli_config_and_no_color() {
    let set = ThemeSet::bundled();
    let name = |cli: Option<&str>, config: Option<&str>, no_color: bool| {
        let (theme, warnings) = set
            .resolve_choice(cli, config, no_color)
            .expect("valid choice");
        (theme.name, warnings.len())
    };
    // (cli, config, NO_COLOR) -> theme, warnings
    let cases = [
        (None, None, false, "dark", 0),
        (None, None, true, "mono", 0),
        (None, Some("light"), false, "light", 0),
        (None, Some("light"), true, "light", 0),
        (Some("cvd"), Some("light"), false, "cvd", 0),
        (Some("high-contrast"), None, true, "high-contrast", 0),
        (Some("dark"), None, true, "dark", 0),
        (None, Some("nope"), false, "dark", 1),
        (None, Some("nope"), true, "mono", 1),
    ];
    for (cli, config, no_color, expected, warnings) in cases {
        assert_eq!(
            name(cli, config, no_color),
            (expected.to_owned(), warnings),
            "cli={cli:?} config={config:?} no_color={no_color}"
        );
    }
    let (_, warnings) = set.resolve_choice(None, Some("nope"), true).expect("soft");
    assert_eq!(
        warnings[0].to_string(),
        "config: unknown theme `nope` (available: cvd, dark, high-contrast, light, mono); \
         using `mono`"
    );
}

#[test]
fn choosing_a_broken_theme_brings_its_warnings_and_its_parents() {
    let (set, _) = load("bad-colour");
    let (theme, warnings) = set
        .resolve_choice(Some("warm"), None, false)
        .expect("warm exists");
    assert_eq!(theme.name, "warm");
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].location, Some(Location { line: 4, col: 16 }));
}

#[test]
fn syntax_error_inside_a_slot_table_drops_only_that_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("t.toml"),
        "inherits = \"dark\"\n[agree]\nfg = \"blue\"\nbold = tru e\n",
    )
    .expect("write theme");
    let (set, warnings) = ThemeSet::load(Some(dir.path()));
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert_eq!(warnings[0].location, Some(Location { line: 4, col: 8 }));
    assert!(warnings[0].message.starts_with("TOML syntax error: "));
    assert_eq!(
        set.get("t").map(|t| t.agree),
        Some(Style::new().fg(Color::Blue))
    );
}
