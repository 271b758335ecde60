//! The config file: defaults, values, located warnings, explicit-file
//! errors, directories and `config --check`.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use diptych::config::{
    self, Config, ConfigError, KeyLocations, LoadedConfig, Paths, default_config_text,
};
use diptych::diagnostic::{Location, Warning};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/config")
        .join(name)
}

fn at(line: usize, col: usize) -> Option<Location> {
    Some(Location { line, col })
}

fn located(warnings: &[Warning]) -> Vec<(Option<Location>, &str)> {
    warnings
        .iter()
        .map(|w| (w.location, w.message.as_str()))
        .collect()
}

#[test]
fn default_text_parses_to_the_default_config() {
    let loaded = LoadedConfig::parse(Path::new("default.toml"), &default_config_text());
    assert_eq!(loaded.warnings, vec![]);
    assert_eq!(loaded.config, Config::default());
}

#[test]
fn default_text_mentions_every_setting() {
    let text = default_config_text();
    for key in [
        "theme",
        "autosave_delay_ms",
        "tagset_dir",
        "wrap_width_limit",
        "scroll_lock",
        "analyst",
        "[keys]",
    ] {
        assert!(text.contains(key), "default config lacks `{key}`");
    }
    // Each setting, set or commented out, has an explanation right above it.
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let is_setting = line.trim_start_matches("# ").contains(" = ")
            && !line.starts_with("# ") // explanation prose
            || line.starts_with("# ") && line[2..].split(' ').nth(1) == Some("=");
        if is_setting && !line.contains("tag_agree") && !line.contains("quit") {
            let above = i.checked_sub(1).map(|j| lines[j]).unwrap_or("");
            assert!(above.starts_with('#'), "`{line}` has no comment above it");
        }
    }
}

#[test]
fn every_setting_is_read() {
    let (config, warnings) = Config::load(&fixture("full.toml"));
    assert_eq!(warnings, vec![]);
    let keys: BTreeMap<String, Vec<String>> = [
        ("quit", vec!["q", "ctrl-c"]),
        ("search", vec![]),
        ("tag_agree", vec!["a"]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.into_iter().map(String::from).collect()))
    .collect();
    let mut mode_keys = BTreeMap::new();
    mode_keys.insert(
        "theme_picker".to_string(),
        BTreeMap::from([(
            "select_next".to_string(),
            vec!["n".to_string(), "down".to_string()],
        )]),
    );
    assert_eq!(
        config,
        Config {
            theme: Some("light".into()),
            keys,
            mode_keys,
            autosave_delay_ms: 0,
            // Relative to the config file, not the working directory.
            tagset_dir: Some(fixture("tags/here")),
            wrap_width_limit: Some(100),
            scroll_lock: false,
            analyst: None,
        }
    );
}

#[test]
fn the_analyst_is_a_name_or_the_login_name() {
    let parse = |text: &str| LoadedConfig::parse(Path::new("c.toml"), text);
    let loaded = parse("analyst = \"  Ana Lyst \"\n");
    assert_eq!(loaded.warnings, vec![]);
    assert_eq!(loaded.config.analyst.as_deref(), Some("Ana Lyst"));
    assert_eq!(
        loaded.config.analyst_or(Some("root")).as_deref(),
        Some("Ana Lyst")
    );
    for (text, why) in [
        ("analyst = \"\"\n", "`analyst` is empty; using $USER"),
        ("analyst = \"a\\u001bb\"\n", "contains control characters"),
        ("analyst = 7\n", "`analyst` must be a string"),
    ] {
        let loaded = parse(text);
        assert_eq!(loaded.config.analyst, None, "{text}");
        assert!(
            loaded
                .warnings
                .iter()
                .any(|w| w.message.contains(why) && w.location.is_some()),
            "{text}: {:?}",
            loaded.warnings
        );
    }
    let unset = Config::default();
    assert_eq!(unset.analyst_or(Some("bob")).as_deref(), Some("bob"));
    assert_eq!(unset.analyst_or(Some("  ")), None);
    assert_eq!(unset.analyst_or(None), None);
}

#[test]
fn key_locations_point_at_each_chord() {
    let loaded = LoadedConfig::load(&fixture("full.toml"));
    assert_eq!(loaded.theme_at, at(1, 9));
    assert_eq!(
        loaded.key_at.get("quit"),
        Some(&KeyLocations {
            action: Location { line: 9, col: 1 },
            chords: vec![Location { line: 9, col: 9 }, Location { line: 9, col: 14 }],
        })
    );
    assert_eq!(
        loaded.key_at.get("tag_agree").map(|k| k.chords.clone()),
        Some(vec![Location { line: 8, col: 13 }])
    );
    assert_eq!(
        loaded.key_location("theme_picker", Some("select_next")),
        Some(Location { line: 13, col: 1 })
    );
    assert_eq!(
        loaded.key_location("theme_picker", Some("nope")),
        Some(Location { line: 12, col: 7 })
    );
    let warning = loaded.warning_at(Location { line: 9, col: 14 }, "unknown key `ctrl-c`");
    assert_eq!(
        warning.to_string(),
        format!(
            "{}:9:14: unknown key `ctrl-c`",
            fixture("full.toml").display()
        )
    );
}

#[test]
fn wrong_types_keep_defaults_and_say_so_where() {
    let loaded = LoadedConfig::load(&fixture("wrong-types.toml"));
    assert_eq!(
        located(&loaded.warnings),
        vec![
            (
                at(1, 9),
                "`theme` must be a string in quotes, found integer; using the default"
            ),
            (
                at(2, 15),
                "`scroll_lock` must be true or false, found string; using the default"
            ),
            (
                at(3, 21),
                "`autosave_delay_ms` = -5 is out of range 0 to 3600000; using the default"
            ),
            (
                at(4, 20),
                "`wrap_width_limit` = 5 is out of range 20 to 1000; using the default"
            ),
            (
                at(7, 8),
                "keys.quit must be a key like \"ctrl-s\" or a list of them, found integer; \
                 keeping the default keys"
            ),
            (
                at(8, 19),
                "keys.save: a key is a string like \"ctrl-s\", found integer; keeping the \
                 default keys"
            ),
        ]
    );
    let mut expected = Config::default();
    expected.keys.insert("tag_agree".into(), vec!["a".into()]);
    assert_eq!(loaded.config, expected);
}

#[test]
fn unknown_setting_is_named_with_a_suggestion() {
    let (config, warnings) = Config::load(&fixture("unknown-key.toml"));
    assert_eq!(
        located(&warnings),
        vec![(
            at(2, 1),
            "unknown setting `scrol_lock` (did you mean `scroll_lock`?); known settings: \
             theme, autosave_delay_ms, tagset_dir, wrap_width_limit, scroll_lock, analyst, keys"
        )]
    );
    assert_eq!(config.theme.as_deref(), Some("mono"));
    assert!(config.scroll_lock, "the misspelt setting changes nothing");
}

#[test]
fn syntax_error_is_soft_by_default_and_hard_when_explicit() {
    let (config, warnings) = Config::load(&fixture("syntax-error.toml"));
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert_eq!(warnings[0].location, at(2, 20));
    assert!(
        warnings[0].message.starts_with("TOML syntax error: "),
        "{}",
        warnings[0].message
    );
    // What the error did not touch still applies.
    assert_eq!(config.theme.as_deref(), Some("mono"));
    assert!(!config.scroll_lock);

    let err = Config::load_explicit(&fixture("syntax-error.toml")).expect_err("hard");
    match &err {
        ConfigError::Syntax { path, location, .. } => {
            assert_eq!(path, &fixture("syntax-error.toml"));
            assert_eq!(*location, Location { line: 2, col: 20 });
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
    assert!(
        err.to_string().starts_with(&format!(
            "{}:2:20: invalid config file: ",
            fixture("syntax-error.toml").display()
        )),
        "{err}"
    );
}

#[test]
fn missing_file_is_defaults_unless_explicit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("config.toml");
    assert_eq!(Config::load(&missing), (Config::default(), vec![]));
    let err = Config::load_explicit(&missing).expect_err("explicit file must exist");
    assert!(matches!(err, ConfigError::Read { .. }), "{err:?}");
    assert!(
        err.to_string().starts_with("cannot read config file "),
        "{err}"
    );
}

#[test]
fn unreadable_file_is_a_warning_not_a_crash() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A directory where the file should be cannot be read as text.
    let path = dir.path().join("config.toml");
    std::fs::create_dir(&path).expect("mkdir");
    let (config, warnings) = Config::load(&path);
    assert_eq!(config, Config::default());
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0]
            .message
            .starts_with("cannot read the config file: ")
    );
}

#[test]
fn paths_come_from_the_environment_overrides() {
    let env = |name: &str| -> Option<OsString> {
        match name {
            "DIPTYCH_CONFIG_DIR" => Some("/tmp/cfg".into()),
            "DIPTYCH_DATA_DIR" => Some("/tmp/data".into()),
            _ => None,
        }
    };
    let paths = Paths::from_lookup(env).expect("no home needed");
    assert_eq!(paths, Paths::new("/tmp/cfg", "/tmp/data"));
    assert_eq!(paths.config_file(), Path::new("/tmp/cfg/config.toml"));
    assert_eq!(paths.themes_dir(), Path::new("/tmp/cfg/themes"));
    assert_eq!(paths.default_tagset_dir(), Path::new("/tmp/data/tagsets"));
    assert_eq!(
        Config::default().tagset_dir_or_default(&paths),
        Path::new("/tmp/data/tagsets")
    );
}

#[test]
fn empty_overrides_fall_back_to_xdg() {
    let env = |name: &str| -> Option<OsString> {
        match name {
            "DIPTYCH_CONFIG_DIR" => Some("".into()),
            "DIPTYCH_DATA_DIR" => Some("/tmp/data".into()),
            _ => None,
        }
    };
    // Where the XDG directory is depends on the machine; what matters is
    // that an empty value is not taken as a (relative, empty) path.
    if let Ok(paths) = Paths::from_lookup(env) {
        assert!(paths.config_dir.is_absolute(), "{paths:?}");
        assert!(paths.config_dir.ends_with("diptych"), "{paths:?}");
        assert_eq!(paths.data_dir, Path::new("/tmp/data"));
    }
}

/// A config dir in a temp directory with `config` as config.toml and the
/// given user themes.
fn config_dir(config: &str, themes: &[(&str, &str)]) -> (tempfile::TempDir, Paths) {
    let dir = tempfile::tempdir().expect("tempdir");
    let paths = Paths::new(dir.path().join("config"), dir.path().join("data"));
    std::fs::create_dir_all(paths.themes_dir()).expect("mkdir");
    std::fs::write(paths.config_file(), config).expect("write config");
    for (name, text) in themes {
        std::fs::write(paths.themes_dir().join(format!("{name}.toml")), text).expect("write");
    }
    (dir, paths)
}

#[test]
fn check_passes_a_clean_setup() {
    let (_dir, paths) = config_dir(
        "theme = \"mine\"\n",
        &[("mine", "inherits = \"light\"\nagree = \"blue\"\n")],
    );
    let report = config::check(&paths, None);
    assert_eq!(report.problems, vec![]);
    assert!(report.is_ok());
    assert_eq!(report.config.config.theme.as_deref(), Some("mine"));
    assert!(report.themes.is_user_theme("mine"));
}

#[test]
fn check_lists_every_problem_in_config_and_themes() {
    let (_dir, paths) = config_dir(
        "theme = \"solarised\"\nscroll_lock = 1\n",
        &[(
            "broken",
            "inherits = \"dark\"\nagree = { fg = \"purple\" }\n",
        )],
    );
    let mut report = config::check(&paths, None);
    let shown: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
    let config_file = paths.config_file().display().to_string();
    let theme_file = paths.themes_dir().join("broken.toml").display().to_string();
    assert_eq!(shown.len(), 3, "{shown:#?}");
    assert_eq!(
        shown[0],
        format!(
            "{config_file}:2:15: `scroll_lock` must be true or false, found integer; using the default"
        )
    );
    assert_eq!(
        shown[1],
        format!(
            "{config_file}:1:9: unknown theme `solarised`; available themes: broken, cvd, dark, \
             high-contrast, light, mono"
        )
    );
    assert!(
        shown[2].starts_with(&format!(
            "{theme_file}:2:16: agree.fg: unknown colour \"purple\""
        )),
        "{}",
        shown[2]
    );
    assert!(!report.is_ok());

    // The keymap appends its own problems, located in the same file.
    let at = Location { line: 1, col: 1 };
    let extra = report.config.warning_at(at, "keymap problem");
    report.push(extra.clone());
    assert_eq!(report.problems.last(), Some(&extra));
}

#[test]
fn check_reports_an_explicit_config_that_cannot_be_used() {
    let (_dir, paths) = config_dir("", &[]);
    let missing = paths.config_dir.join("nope.toml");
    let report = config::check(&paths, Some(&missing));
    assert_eq!(report.problems.len(), 1);
    assert!(
        report.problems[0]
            .message
            .starts_with("cannot read config file "),
        "{}",
        report.problems[0]
    );

    // A syntax error is listed with every other problem, not just the first.
    let report = config::check(&paths, Some(&fixture("syntax-error.toml")));
    assert_eq!(report.problems.len(), 1, "{:#?}", report.problems);
    assert_eq!(report.problems[0].location, at(2, 20));
    let report = config::check(&paths, Some(&fixture("unknown-theme.toml")));
    assert_eq!(
        located(&report.problems),
        vec![(
            at(2, 9),
            "unknown theme `solarised`; available themes: cvd, dark, high-contrast, light, mono"
        )]
    );
}

#[test]
fn syntax_error_in_keys_drops_only_that_binding() {
    let text = "scroll_lock = false\n[keys]\nquit = [\"q\" \"x\"]\nsave = \"ctrl-s\"\n";
    let loaded = LoadedConfig::parse(Path::new("k.toml"), text);
    assert_eq!(
        located(&loaded.warnings),
        vec![(
            at(3, 13),
            "TOML syntax error: missing comma between array elements, expected `,`"
        )]
    );
    let keys: Vec<(&str, &[String])> = loaded
        .config
        .keys
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_slice()))
        .collect();
    assert_eq!(keys, vec![("save", &["ctrl-s".to_owned()][..])]);
    assert!(!loaded.config.scroll_lock);
}

#[test]
fn check_reports_key_conflicts_per_mode_at_their_place() {
    let text = "[keys]\nquit = [\"q\", \"ctrl-c\"]\n\n[keys.search_prompt]\ncancel = \"ctrl-u\"\n\n\
                [keys.theme_picker]\ntag_agree = \"a\"\n\n[keys.nowhere]\nconfirm = \"x\"\n";
    let (_dir, paths) = config_dir(text, &[]);
    let report = diptych::shell::setup::check(&paths, None, None);
    let shown: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
    let file = paths.config_file().display().to_string();
    let expect = [
        format!("{file}:10:7: [keys.nowhere]: unknown mode"),
        format!(
            "{file}:8:1: [keys.theme_picker] tag_agree: not an action of this mode; it has: \
             select_next, select_prev, confirm, cancel"
        ),
        format!(
            "{file}:2:1: [keys]: 'ctrl-c' is bound to both quit and force_quit (from \
             [keys.global]); remove one of them"
        ),
        format!(
            "{file}:5:1: [keys.search_prompt]: 'ctrl-u' is bound to both cancel and clear_line \
             (from [keys.line]); remove one of them"
        ),
    ];
    for e in &expect {
        assert!(
            shown.iter().any(|s| s.starts_with(e.as_str())),
            "missing {e}\nin {shown:#?}"
        );
    }
    assert_eq!(shown.len(), expect.len(), "{shown:#?}");
}
