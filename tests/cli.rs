//! The headless commands as a script would run them: exit statuses, stdout,
//! and clear errors for bad input. Each test gets its own config and data
//! directories.

use std::process::{Command, Output};

fn diptych(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_diptych"))
        .args(args)
        .env("DIPTYCH_CONFIG_DIR", dir.join("config"))
        .env("DIPTYCH_DATA_DIR", dir.join("data"))
        .env_remove("NO_COLOR")
        .output()
        .expect("diptych runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn align_json_follows_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let out = diptych(dir.path(), &["align", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for side in ["left", "right"] {
        let p = &json[side]["passages"][0];
        for key in ["id", "kind", "line_start", "line_end", "text"] {
            assert!(!p[key].is_null(), "{side}.passages[0].{key}");
        }
    }
    let topics = json["topics"].as_array().unwrap();
    assert!(
        topics
            .iter()
            .any(|t| t["label"] == "Turkey" && t["shared"] == true)
    );
    let pairs = json["pairs"].as_array().unwrap();
    let scores: Vec<f64> = pairs.iter().map(|p| p["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "best first");
}

#[test]
fn export_of_an_empty_tag_set_is_valid_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let out = diptych(dir.path(), &["export", "--format", "md"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("No tagged pairs to export"));
    let out = diptych(dir.path(), &["export", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["format"], "diptych-export");
}

#[test]
fn export_errors_have_the_right_status() {
    let dir = tempfile::tempdir().unwrap();
    let out = diptych(dir.path(), &["export", "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("choose one of md, html, docx, odt, csv, json, w3c"));
    let out = diptych(
        dir.path(),
        &["export", "--format", "csv", "-o", "/nonexistent/dir/x.csv"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("/nonexistent/dir/x.csv"));
    let target = dir.path().join("brief.md");
    let out = diptych(
        dir.path(),
        &["export", "--format", "md", "-o", target.to_str().unwrap()],
    );
    assert!(out.status.success());
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .starts_with("# Giustozzi vs IS-K – An Overlooked Threat?")
    );
}

#[test]
fn a_corrupt_tag_file_is_an_error_for_export_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let tags = dir.path().join("bad.json");
    std::fs::write(&tags, "{ not json").unwrap();
    let out = diptych(
        dir.path(),
        &[
            "export",
            "--format",
            "json",
            "--tags",
            tags.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("bad.json:1:"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read_to_string(&tags).unwrap(), "{ not json");
}

#[test]
fn tags_list_and_config_commands() {
    let dir = tempfile::tempdir().unwrap();
    let out = diptych(dir.path(), &["tags", "list"]);
    assert!(out.status.success());
    assert!(text(&out.stdout).contains("no tag sets"));
    let out = diptych(dir.path(), &["config", "--default"]);
    assert!(text(&out.stdout).contains("next_pair"));
    // No config file yet: said, not "checked".
    let out = diptych(dir.path(), &["config", "--check"]);
    assert!(out.status.success());
    assert!(
        text(&out.stdout).contains("no config file at")
            && text(&out.stdout).contains("the defaults apply"),
        "{}",
        text(&out.stdout)
    );
    std::fs::create_dir_all(dir.path().join("config")).unwrap();
    std::fs::write(dir.path().join("config/config.toml"), "scrol_lock = true\n").unwrap();
    let out = diptych(dir.path(), &["config", "--check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("config.toml:1:1"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn bad_arguments_and_files_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = diptych(dir.path(), &["align", "only-one-file.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let out = diptych(dir.path(), &["align", "/dev/zero", "/dev/null"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("not a regular file"));
}

#[test]
fn export_names_topic_date_and_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_diptych"))
            .args(args)
            .env("DIPTYCH_CONFIG_DIR", dir.path().join("config"))
            .env("DIPTYCH_DATA_DIR", dir.path().join("data"))
            .env("SOURCE_DATE_EPOCH", "1735689600")
            .output()
            .expect("diptych runs")
    };
    // Names from the command line, the date from SOURCE_DATE_EPOCH, `-o -`
    // for standard output.
    let out = run(&[
        "export",
        "--format",
        "md",
        "--include-untagged",
        "--right-name",
        "ICCT",
        "--topic",
        "russia",
        "-o",
        "-",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let md = text(&out.stdout);
    assert!(
        md.starts_with("# Giustozzi vs ICCT\n\n2025-01-01 · "),
        "{md}"
    );
    assert!(md.contains("### Only ICCT (Giustozzi is silent)"), "{md}");
    // Word documents go to a pipe, never to a terminal (not one here).
    let out = run(&["export", "--format", "docx"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out.stdout.starts_with(b"PK"), "a zip archive");
    let again = run(&["export", "--format", "docx"]);
    assert_eq!(out.stdout, again.stdout, "byte-identical");
    // A topic the reports do not have is refused, saying where to look.
    let out = run(&["export", "--format", "md", "--topic", "Atlantis"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("no topic \"Atlantis\"") && err.contains("diptych align"),
        "{err}"
    );
}

#[test]
fn a_report_with_no_text_is_refused_with_status_2() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let right = dir.path().join("right.txt");
    std::fs::write(&right, "A report. It has sentences.\n").unwrap();
    let (empty, right) = (empty.to_str().unwrap(), right.to_str().unwrap());
    for args in [vec!["align", empty, right], vec![right, empty]] {
        let out = diptych(dir.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = text(&out.stderr);
        assert!(err.contains("empty.txt: has no text"), "{err}");
    }
}
