//! Two analysts sharing one tag set through git, end to end: a bare
//! repository, two clones with diptych installed as the merge driver
//! (`diptych tags merge --git %O %A %B`, the test binary), judgements made
//! with diptych's own editing and saving code (`History`, `TagFile`), and
//! push and pull through the bare repository. The merged file must hold
//! every judgement, record the conflict, and be a valid tag set; a later
//! merge without conflicts is clean, and judging the pair again settles the
//! conflict. Git is installed by `.ci/run`; without it the test is skipped
//! with a printed reason, except under `CI`, where it fails.

mod team_common;

use std::path::PathBuf;
use std::process::{Command, Output};

use diptych::tags::codec::parse;
use diptych::tags::history::{History, Op};
use diptych::tags::store::{Content, Opened, TagFile};
use diptych::tags::{TagId, TagSet};
use team_common::*;

const FILE: &str = "tagsets/team.json";

fn git_available() -> bool {
    let ok = Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        let why = "team git test skipped: git is not installed (apt-get install git)";
        assert!(std::env::var_os("CI").is_none(), "{why}");
        eprintln!("{why}");
    }
    ok
}

/// A sandbox: its own HOME and no system or global git config, so
/// nothing of the machine's setup leaks in.
struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs git in `repo` (a name in the sandbox).
    fn git(&self, repo: &str, args: &[&str]) -> Output {
        let home = self.path("home");
        Command::new("git")
            .args(args)
            .current_dir(self.path(repo))
            .env("HOME", &home)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", home.join(".gitconfig"))
            .env("GIT_TERMINAL_PROMPT", "0")
            .env("LC_ALL", "C")
            // The driver is diptych: keep its config and data in here too.
            .env("DIPTYCH_CONFIG_DIR", home.join("config"))
            .env("DIPTYCH_DATA_DIR", home.join("data"))
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .output()
            .expect("git runs")
    }

    /// git that must succeed.
    fn ok(&self, repo: &str, args: &[&str]) -> String {
        let out = self.git(repo, args);
        assert!(
            out.status.success(),
            "git {args:?} in {repo}: {}{}",
            text(&out.stdout),
            text(&out.stderr)
        );
        text(&out.stdout)
    }

    /// A clone of the bare repository for `analyst`, with the driver set.
    fn clone_for(&self, analyst: &str) {
        self.ok(".", &["clone", "-q", "remote.git", analyst]);
        let driver = format!(
            "'{}' tags merge --git %O %A %B",
            env!("CARGO_BIN_EXE_diptych")
        );
        for (key, value) in [
            ("user.name", analyst),
            ("user.email", &format!("{analyst}@example.org")),
            ("merge.diptych.name", "diptych tag set merge"),
            ("merge.diptych.driver", &driver),
            ("pull.rebase", "false"),
        ] {
            self.ok(analyst, &["config", key, value]);
        }
    }

    fn file(&self, analyst: &str) -> PathBuf {
        self.path(analyst).join(FILE)
    }

    /// The tag set in `analyst`'s clone, which must be valid.
    fn load(&self, analyst: &str) -> TagSet {
        let path = self.file(analyst);
        let bytes = std::fs::read(&path).expect("the tag file");
        assert!(
            !text(&bytes).contains("<<<<<<<"),
            "no conflict markers: {}",
            text(&bytes)
        );
        parse(&bytes, &path).unwrap_or_else(|e| panic!("a valid tag set: {e}"))
    }

    /// `analyst` edits the tag set in their clone as the reader would:
    /// through the edit history (which records the analyst) and the tag
    /// store's atomic save.
    fn judge(&self, analyst: &str, now: &str, ops: Vec<Op>) {
        let Opened { mut file, content } = TagFile::open(&self.file(analyst)).expect("open");
        let Content::Loaded(mut set) = content else {
            panic!("the tag set loads");
        };
        let mut history = History::default();
        history.set_analyst(Some(analyst.into()));
        for op in ops {
            history.apply(&mut set, op, now).expect("the edit applies");
        }
        file.save(&set).expect("saved");
    }

    fn commit(&self, analyst: &str, message: &str) {
        self.ok(analyst, &["add", "-A"]);
        self.ok(analyst, &["commit", "-q", "-m", message]);
    }
}

fn label(id: &str, label: &str) -> Op {
    Op::SetLabel {
        id: TagId(id.into()),
        label: Some(label.into()),
    }
}

fn note(id: &str, note: &str) -> Op {
    Op::SetNote {
        id: TagId(id.into()),
        note: note.into(),
    }
}

#[test]
fn two_analysts_merge_one_tag_set_through_git() {
    if !git_available() {
        return;
    }
    let sandbox = Sandbox {
        dir: tempfile::tempdir().unwrap(),
    };
    std::fs::create_dir_all(sandbox.path("home")).unwrap();
    sandbox.ok(".", &["init", "-q", "--bare", "-b", "main", "remote.git"]);

    // Ana starts the repository: the driver declared, the backup and lock
    // files ignored, a tag set with two judgements.
    sandbox.clone_for("ana");
    sandbox.ok("ana", &["symbolic-ref", "HEAD", "refs/heads/main"]);
    std::fs::write(
        sandbox.path("ana/.gitattributes"),
        "tagsets/*.json merge=diptych\n",
    )
    .unwrap();
    std::fs::write(
        sandbox.path("ana/.gitignore"),
        "*.json.bak\n*.json.lock\n.*.tmp\n",
    )
    .unwrap();
    std::fs::create_dir_all(sandbox.path("ana/tagsets")).unwrap();
    let mut base = seed_set("team");
    base.tags = vec![
        passage_tag("t1", 20, 8, Some("agree"), ""),
        passage_tag("t2", 4, 21, Some("contradict"), ""),
    ];
    write_set(&sandbox.file("ana"), &base);
    sandbox.commit("ana", "the team's tag set");
    sandbox.ok("ana", &["push", "-q", "-u", "origin", "main"]);
    sandbox.clone_for("bob");

    // Round 1: both judge t1 differently and each judges a new pair.
    sandbox.judge(
        "ana",
        "2024-05-02T10:00:00Z",
        vec![
            label("t1", "contradict"),
            Op::AddTag(passage_tag("a1", 7, 5, Some("partial"), "ana's pair")),
        ],
    );
    sandbox.commit("ana", "ana judges");
    sandbox.ok("ana", &["push", "-q"]);
    sandbox.judge(
        "bob",
        "2024-05-02T11:00:00Z",
        vec![
            label("t1", "partial"),
            note("t1", "bob: a matter of degree"),
            Op::AddTag(passage_tag("b1", 10, 11, Some("unclear"), "bob's pair")),
        ],
    );
    sandbox.commit("bob", "bob judges");
    let pull = sandbox.git("bob", &["pull", "-q"]);
    assert_eq!(
        pull.status.code(),
        Some(1),
        "a recorded conflict stops the merge: {}{}",
        text(&pull.stdout),
        text(&pull.stderr)
    );
    let said = format!("{}{}", text(&pull.stdout), text(&pull.stderr));
    assert!(said.contains("1 conflict recorded (tags t1)"), "{said}");
    let status = sandbox.ok("bob", &["status", "--porcelain"]);
    assert!(status.contains(&format!("UU {FILE}")), "{status}");

    let merged = sandbox.load("bob");
    let ids: Vec<&str> = merged.tags.iter().map(|t| t.id.0.as_str()).collect();
    assert_eq!(ids, ["t1", "t2", "b1", "a1"], "every judgement is there");
    let t1 = merged.tag(&TagId("t1".into())).unwrap();
    let conflict = t1.conflict.as_ref().expect("the conflict is recorded");
    // Bob merges: ours is his, theirs is Ana's.
    assert_eq!(conflict.ours.label.as_deref(), Some("partial"));
    assert_eq!(conflict.ours.analyst.as_deref(), Some("bob"));
    assert_eq!(conflict.ours.note, "bob: a matter of degree");
    assert_eq!(conflict.theirs.label.as_deref(), Some("contradict"));
    assert_eq!(conflict.theirs.analyst.as_deref(), Some("ana"));
    let a1 = merged.tag(&TagId("a1".into())).unwrap();
    assert_eq!(
        (a1.label.as_deref(), a1.analyst.as_deref()),
        (Some("partial"), Some("ana"))
    );
    let b1 = merged.tag(&TagId("b1".into())).unwrap();
    assert_eq!(
        (b1.label.as_deref(), b1.analyst.as_deref()),
        (Some("unclear"), Some("bob"))
    );
    assert_eq!(
        merged.tag(&TagId("t2".into())).unwrap().label.as_deref(),
        Some("contradict")
    );

    // The conflict stays recorded in the file once the merge is concluded;
    // Ana gets exactly Bob's file.
    sandbox.ok("bob", &["add", FILE]);
    sandbox.ok("bob", &["commit", "-q", "--no-edit"]);
    sandbox.ok("bob", &["push", "-q"]);
    sandbox.ok("ana", &["pull", "-q"]);
    assert_eq!(
        std::fs::read(sandbox.file("ana")).unwrap(),
        std::fs::read(sandbox.file("bob")).unwrap()
    );

    // Round 2, no conflict: Ana notes t2, Bob judges another pair; the
    // pull merges cleanly (the driver exits 0).
    sandbox.judge(
        "ana",
        "2024-05-03T09:00:00Z",
        vec![note("t2", "ana: the dates differ")],
    );
    sandbox.commit("ana", "ana notes t2");
    sandbox.ok("ana", &["push", "-q"]);
    sandbox.judge(
        "bob",
        "2024-05-03T10:00:00Z",
        vec![Op::AddTag(passage_tag("b2", 22, 19, Some("agree"), ""))],
    );
    sandbox.commit("bob", "bob judges another pair");
    sandbox.ok("bob", &["pull", "-q", "--no-edit"]);
    let clean = sandbox.load("bob");
    assert_eq!(clean.tags.len(), 5);
    assert_eq!(
        clean.tag(&TagId("t2".into())).unwrap().note,
        "ana: the dates differ"
    );
    assert!(clean.tag(&TagId("b2".into())).is_some());
    assert!(
        clean.tag(&TagId("t1".into())).unwrap().conflict.is_some(),
        "unsettled until judged again"
    );

    // Bob settles t1 by judging it again; Ana's pull takes the settlement.
    sandbox.judge(
        "bob",
        "2024-05-03T11:00:00Z",
        vec![label("t1", "contradict")],
    );
    sandbox.commit("bob", "bob settles t1");
    sandbox.ok("bob", &["push", "-q"]);
    sandbox.ok("ana", &["pull", "-q", "--no-edit"]);
    let settled = sandbox.load("ana");
    let t1 = settled.tag(&TagId("t1".into())).unwrap();
    assert!(t1.conflict.is_none());
    assert_eq!(
        (t1.label.as_deref(), t1.analyst.as_deref()),
        (Some("contradict"), Some("bob"))
    );
    assert_eq!(settled.tags.len(), 5, "nothing lost on the way");
}
