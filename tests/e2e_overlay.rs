//! End-to-end: the release binary in tmux compares the open tag set with
//! another analyst's (`--compare`), filters to the pairs judged
//! differently, takes the other's judgement, and saves it in the open set
//! only: the compared file is left byte for byte.

mod common;
mod team_common;

use common::{REPORT, Tmux, WAIT, bin, tmux_available};
use team_common::{passage_tag, seed_set, write_set};

#[test]
fn compare_filter_and_take_theirs() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start("overlay", 150, 32, &[]);
    let dir = t.dir.path();
    // Bob (the open set) and Ana judge p5 ↔ p2 differently; Ana alone
    // judges p6 ↔ p3.
    let mut mine = seed_set("mine");
    mine.tags = vec![passage_tag("m1", 4, 1, Some("contradict"), "")];
    mine.tags[0].analyst = Some("bob".into());
    let mut anas = seed_set("ana");
    anas.tags = vec![
        passage_tag("a1", 4, 1, Some("agree"), "ana: the same claim"),
        passage_tag("a2", 5, 2, Some("partial"), ""),
    ];
    for tag in &mut anas.tags {
        tag.analyst = Some("ana".into());
    }
    let (mine_path, ana_path) = (dir.join("mine.json"), dir.join("ana.json"));
    write_set(&mine_path, &mine);
    write_set(&ana_path, &anas);
    let ana_bytes = std::fs::read(&ana_path).unwrap();

    t.run(&format!(
        "{} --tags {} --compare {}{REPORT}",
        bin(),
        mine_path.display(),
        ana_path.display()
    ));
    let screen = t.wait_for(" pairs =", WAIT);
    assert!(
        screen.contains("compared with") && screen.contains("ana.json by ana (read-only)"),
        "{screen}"
    );
    t.wait_for("agree 0/1, κ", WAIT);
    t.wait_for("1 judged by ana only, 0 by you only", WAIT);

    // Only where the two differ: the one pair, both stances shown.
    t.keys(&["f"]);
    t.wait_for("showing the 1 pair you and ana judge differently", WAIT);
    t.wait_for("f: only where you differ", WAIT);
    t.keys(&["]"]);
    let screen = t.wait_for("you ≠ Contradict · ana = Agree", WAIT);
    assert!(screen.contains("pair 1 of 1"), "{screen}");
    assert!(
        screen.contains("≠=›"),
        "yours then theirs in the gutter:\n{screen}"
    );

    // Take Ana's judgement; it is saved in the open set.
    t.keys(&["A"]);
    t.wait_for("took ana's agree and note", WAIT);
    t.wait_for("agree 1/1", WAIT);
    t.wait_until(WAIT, "saved", |s| {
        s.contains("=1 ≠0") && s.contains("untagged │")
    });
    t.keys(&["q"]);
    t.wait_for("EXIT=0 icanon", WAIT);

    let saved = std::fs::read_to_string(&mine_path).unwrap();
    let set: serde_json::Value = serde_json::from_str(&saved).unwrap();
    let tag = &set["tags"][0];
    assert_eq!(tag["label"], "agree", "{saved}");
    assert_eq!(tag["note"], "ana: the same claim", "{saved}");
    assert_eq!(tag["analyst"], "ana", "{saved}");
    assert_eq!(set["tags"].as_array().unwrap().len(), 1, "{saved}");
    assert_eq!(
        std::fs::read(&ana_path).unwrap(),
        ana_bytes,
        "the compared set is never written"
    );
    assert!(!dir.join("ana.json.lock").exists() && !dir.join("ana.json.bak").exists());
}
