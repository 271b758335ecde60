//! The headless commands against careless and hostile input: an export never
//! replaces the tag set or a report, read-only commands create nothing,
//! special files are refused without hanging, closed or full output is
//! handled, and no text from a file reaches the terminal as a control.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use diptych::document::Document;
use diptych::tags::{Anchor, DocumentRef, Origin, Tag, TagId, TagSet, codec};

fn diptych_cmd(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_diptych"));
    cmd.args(args)
        .env("DIPTYCH_CONFIG_DIR", dir.join("config"))
        .env("DIPTYCH_DATA_DIR", dir.join("data"))
        .env_remove("NO_COLOR");
    cmd
}

fn diptych(dir: &Path, args: &[&str]) -> Output {
    diptych_cmd(dir, args).output().expect("diptych runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs `cmd` with a deadline; a hang fails the test instead of the suite.
fn output_within(mut cmd: Command, limit: Duration) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("diptych runs");
    let deadline = Instant::now() + limit;
    loop {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("diptych did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `diptych export --format FORMAT --tags TAGS` on the bundled reports.
fn export_with(dir: &Path, format: &str, tags: &Path) -> Output {
    diptych(
        dir,
        &[
            "export",
            "--format",
            format,
            "--tags",
            tags.to_str().unwrap(),
        ],
    )
}

/// A valid tag set for the bundled reports with one judged pair.
fn seed_tags(note: &str) -> String {
    let (l, r) = (Document::seed_left(), Document::seed_right());
    let mut set = TagSet::new("t", DocumentRef::of(&l), DocumentRef::of(&r));
    let mut tag = Tag::new(
        TagId("00000000-0000-4000-8000-000000000001".into()),
        Origin::Manual,
        Anchor::for_passage(&l, 5).unwrap(),
        Anchor::for_passage(&r, 4).unwrap(),
        "2026-01-01T00:00:00Z",
    );
    tag.label = Some("contradict".into());
    tag.note = note.into();
    set.tags.push(tag);
    codec::to_json(&set)
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn export_refuses_the_open_tag_set_its_backup_and_the_reports() {
    let dir = tempfile::tempdir().unwrap();
    let tags = dir.path().join("t.json");
    let original = seed_tags("keep me");
    std::fs::write(&tags, &original).unwrap();
    let left = dir.path().join("L.txt");
    let right = dir.path().join("R.txt");
    std::fs::copy("seeds/giustozzi-iskp-expansion-towards-europe.txt", &left).unwrap();
    std::fs::copy("seeds/iskp-an-overlooked-threat.txt", &right).unwrap();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    let t = tags.to_str().unwrap();
    // Other spellings of the same files.
    let via_dotdot = sub.join("../t.json");
    let bak = dir.path().join("t.json.bak");
    let left_via_dotdot = sub.join("../L.txt");
    for (output, files) in [
        (tags.clone(), vec![]),
        (via_dotdot, vec![]),
        (bak, vec![]),
        (left.clone(), vec![left.clone(), right.clone()]),
        (left_via_dotdot, vec![left.clone(), right.clone()]),
    ] {
        let mut args = vec!["export", "--format", "json", "--tags", t, "-o"];
        let o = output.to_str().unwrap().to_string();
        args.push(&o);
        let names: Vec<String> = files
            .iter()
            .map(|f: &PathBuf| f.to_str().unwrap().to_string())
            .collect();
        args.extend(names.iter().map(String::as_str));
        let out = diptych(dir.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{o}: {}", text(&out.stderr));
        assert!(
            text(&out.stderr).contains("must never replace"),
            "{}",
            text(&out.stderr)
        );
    }
    assert_eq!(std::fs::read_to_string(&tags).unwrap(), original);
    assert_eq!(
        std::fs::read(&left).unwrap(),
        std::fs::read("seeds/giustozzi-iskp-expansion-towards-europe.txt").unwrap()
    );
    // A real output path works.
    let out = diptych(
        dir.path(),
        &[
            "export",
            "--format",
            "md",
            "--tags",
            t,
            "-o",
            dir.path().join("brief.md").to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn read_only_commands_create_no_file_or_directory() {
    let dir = tempfile::tempdir().unwrap();
    // A missing directory for --tags is an error, and is not created.
    let out = diptych(
        dir.path(),
        &["export", "--format", "md", "--tags", "/nonexistent/t.json"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("does not exist"));
    assert!(!Path::new("/nonexistent").exists());
    // /dev/null is not a tag file, and no /dev/null.lock appears.
    let out = diptych(
        dir.path(),
        &["export", "--format", "md", "--tags", "/dev/null"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("not a regular file"));
    assert!(!Path::new("/dev/null.lock").exists());
    // A report given as the tag file: refused, no lock beside it.
    let report = dir.path().join("report.txt");
    std::fs::write(&report, "Title\n\nSome text.\n").unwrap();
    let out = diptych(
        dir.path(),
        &[
            "export",
            "--format",
            "md",
            "--tags",
            report.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(files_in(dir.path()), ["report.txt"]);
    // Default tag set, align, tags list: the data directory is not made.
    for args in [
        &["export", "--format", "md"][..],
        &["align"][..],
        &["tags", "list"][..],
    ] {
        let out = diptych(dir.path(), args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    }
    assert_eq!(files_in(dir.path()), ["report.txt"]);
}

#[cfg(unix)]
#[test]
fn a_fifo_as_tag_file_is_refused_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("t.json");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let f = fifo.to_str().unwrap();
    let out = output_within(
        diptych_cmd(dir.path(), &["export", "--format", "md", "--tags", f]),
        Duration::from_secs(20),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("not a regular file"),
        "{}",
        text(&out.stderr)
    );
    // The reader refuses it before touching the terminal.
    let out = output_within(
        diptych_cmd(dir.path(), &["--tags", f]),
        Duration::from_secs(20),
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
}

#[cfg(unix)]
#[test]
fn output_through_a_symlink_updates_its_target_and_devices_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.md");
    std::fs::write(&real, "old").unwrap();
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let out = diptych(
        dir.path(),
        &["export", "--format", "md", "-o", link.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(std::fs::read_to_string(&real).unwrap().starts_with("# "));
    // A character device is never replaced by a regular file.
    let out = diptych(dir.path(), &["export", "--format", "md", "-o", "/dev/null"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("not a regular file"));
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

#[test]
fn closed_and_full_stdout_do_not_panic() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["align"][..],
        &["align", "--json"][..],
        &["export", "--format", "md", "--include-untagged"][..],
        &["config", "--default"][..],
        &["tags", "list"][..],
    ] {
        // A reader that goes away at once (`| head -c0`): quiet, status 0.
        let mut child = diptych_cmd(dir.path(), args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        let status = child.wait().unwrap();
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(status.code(), Some(0), "{args:?}: {err}");
        // A full disk: one line, status 1.
        if Path::new("/dev/full").exists() {
            let full = std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .unwrap();
            let out = diptych_cmd(dir.path(), args).stdout(full).output().unwrap();
            let err = text(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
            assert!(!err.contains("panicked"), "{args:?}: {err}");
            assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        }
    }
}

#[test]
fn text_from_files_never_reaches_the_terminal_as_controls() {
    let dir = tempfile::tempdir().unwrap();
    // serde names an unknown field in its error: here an OSC title change.
    let tags = dir.path().join("evil\u{1b}]0;x\u{7}.json");
    let mut value: serde_json::Value = serde_json::from_str(&seed_tags("n")).unwrap();
    value["\u{1b}]0;pwned\u{7}"] = serde_json::json!(1);
    value["tags"][0]["note"] = serde_json::json!("note \u{1b}]52;c;ZXZpbA==\u{7} \u{9b}31m");
    std::fs::write(&tags, serde_json::to_string(&value).unwrap()).unwrap();
    let out = diptych(
        dir.path(),
        &["export", "--format", "md", "--tags", tags.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("pwned"), "{err}");
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");

    // A valid tag file with a hostile note: no export format lets it out.
    let good = dir.path().join("good.json");
    let mut value: serde_json::Value = serde_json::from_str(&seed_tags("n")).unwrap();
    value["tags"][0]["note"] = serde_json::json!("note \u{1b}]52;c;ZXZpbA==\u{7} \u{9b}31m");
    std::fs::write(&good, serde_json::to_string_pretty(&value).unwrap()).unwrap();
    for format in ["md", "html", "csv", "json", "w3c"] {
        let out = diptych(
            dir.path(),
            &[
                "export",
                "--format",
                format,
                "--tags",
                good.to_str().unwrap(),
            ],
        );
        assert!(out.status.success(), "{format}: {}", text(&out.stderr));
        let s = text(&out.stdout);
        assert!(s.contains("ZXZpbA=="), "{format}: the note is exported");
        assert!(
            !s.chars().any(diptych::sanitize::is_forbidden_control),
            "{format}: {s:?}"
        );
        assert!(!s.contains('\u{9b}'), "{format}");
    }

    // Topic labels from --topics in `align` output, and theme names in
    // `config --check`.
    let topics = dir.path().join("topics.toml");
    std::fs::write(
        &topics,
        "[[topic]]\nlabel = \"Anatolia\\u001b]0;t\\u0007\"\nterms = [\"Turkey\", \"Ankara\"]\n",
    )
    .unwrap();
    let out = diptych(dir.path(), &["align", "--topics", topics.to_str().unwrap()]);
    let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert!(
        all.contains("Anatolia␛]0;t␇"),
        "the label is shown, defused: {all}"
    );
    assert!(!all.contains('\u{1b}'), "{all:?}");
    let themes = dir.path().join("config/themes");
    std::fs::create_dir_all(&themes).unwrap();
    std::fs::write(
        themes.join("x\u{1b}[2J.toml"),
        "inherits = \"nope\u{1b}]0;t\u{7}\"\n",
    )
    .unwrap();
    let out = diptych(dir.path(), &["config", "--check"]);
    let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert!(!all.contains('\u{1b}'), "{all:?}");
}

#[test]
fn tag_file_messages_say_what_happened_once() {
    let dir = tempfile::tempdir().unwrap();
    // A byte-order mark is accepted.
    let bom = dir.path().join("bom.json");
    std::fs::write(&bom, format!("\u{feff}{}", seed_tags("n"))).unwrap();
    let out = export_with(dir.path(), "csv", &bom);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Contradict"),
        "{}",
        text(&out.stdout)
    );
    // A huge version is "newer", not "not a whole number".
    let huge = dir.path().join("huge.json");
    let json = seed_tags("n").replace(
        "\"format_version\": 1",
        "\"format_version\": 100000000000000000000000",
    );
    std::fs::write(&huge, json).unwrap();
    let out = export_with(dir.path(), "csv", &huge);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(err.contains("newer"), "{err}");
    // A broken file: said once, no reader keys on the command line.
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{ nope").unwrap();
    let out = export_with(dir.path(), "csv", &broken);
    let err = text(&out.stderr);
    assert_eq!(err.matches("untouched").count(), 1, "{err}");
    assert!(!err.contains("b loads"), "{err}");
    // A mistyped --tags: still a valid empty export, but said.
    let missing = dir.path().join("nofile.json");
    let out = export_with(dir.path(), "md", &missing);
    assert!(out.status.success());
    assert!(
        text(&out.stderr).contains("no tag set at"),
        "{}",
        text(&out.stderr)
    );
    assert!(!missing.exists());
    // A directory as --tags is unusable input: exit 2.
    let out = diptych(
        dir.path(),
        &[
            "export",
            "--format",
            "csv",
            "--tags",
            dir.path().to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
}
