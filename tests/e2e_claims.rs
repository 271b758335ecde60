//! End-to-end: reading by claims in a real terminal. Search a sentence,
//! ask what the other report says about it, judge the candidate, see it in
//! the pair list, reject another pair, and find after a restart the
//! judgement anchored on the two sentences (not the paragraphs) and the
//! rejected pair still out of the way.

mod common;

use common::{REPORT, Tmux, WAIT, bin, tmux_available};

#[test]
fn search_candidates_and_a_judgement_on_two_sentences() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start("claims", 120, 32, &[]);
    let path = t.dir.path().join("t.json");
    t.run(&format!("{} --tags {}{REPORT}", bin(), path.display()));
    t.wait_for("aligned:", WAIT);
    t.type_text("/not really");
    t.keys(&["Enter"]);
    let screen = t.wait_for("match 1 of 1", WAIT);
    // The cursor (›) is on the sentence the search landed on.
    assert!(
        screen
            .lines()
            .any(|l| l.contains("›In conclusion, IS-K is not really")),
        "{screen}"
    );
    t.keys(&["Enter"]);
    let list = t.wait_for("What the right report says about", WAIT);
    assert!(list.contains("single most significant threat"), "{list}");
    // Down to that candidate, then judge it from the list.
    for _ in 0..10 {
        let s = t.screen();
        if s.lines()
            .any(|l| l.contains('▶') && l.contains("single most significant threat"))
        {
            break;
        }
        t.keys(&["Down"]);
        t.wait_until(WAIT, "the selection moved", |now| now != s);
    }
    t.keys(&["Enter"]);
    t.wait_for("judge it with", WAIT);
    t.keys(&["c"]);
    t.wait_for("≠ Contradict", WAIT);
    // The pair list shows it judged ≠, first when sorted by stance.
    t.keys(&["P"]);
    t.wait_for("sorted by score", WAIT);
    t.keys(&["C-o"]);
    t.keys(&["C-o"]);
    let list = t.wait_for("sorted by stance", WAIT);
    let first = list
        .lines()
        .find(|l| l.contains("║▶"))
        .expect("a selected row");
    assert!(
        first.contains('≠') && first.contains("In conclusion"),
        "{list}"
    );
    t.keys(&["Escape"]);
    t.wait_until(WAIT, "the list closed", |s| !s.contains("sorted by stance"));
    // Reject the next machine pair; it leaves navigation for good.
    t.keys(&["]"]);
    t.wait_for("pair ", WAIT);
    t.keys(&["X"]);
    t.wait_for("rejected as not related", WAIT);
    t.keys(&["C-s"]);
    t.wait_for("saved to", WAIT);
    t.keys(&["q"]);
    t.wait_for("EXIT=0", WAIT);

    t.run("clear");
    t.run(&format!("{} --tags {}{REPORT}", bin(), path.display()));
    t.wait_for("✗1", WAIT);
    t.keys(&["P"]);
    t.wait_for("sorted by stance", WAIT);
    t.type_text("is:rejected");
    t.wait_for("1 of 44 pairs", WAIT);
    t.keys(&["Escape"]);
    t.wait_until(WAIT, "the list closed", |s| !s.contains("sorted by stance"));
    t.keys(&["q"]);
    t.wait_for("EXIT=0", WAIT);

    let set: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let tag = &set["tags"][0];
    assert_eq!(tag["label"], "contradict");
    // The quote as in the file (line breaks kept), compared word by word.
    let exact = |side: &str| {
        let text = tag[side]["exact"].as_str().unwrap();
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    assert!(
        exact("left").starts_with("In conclusion, IS-K is not really"),
        "{}",
        exact("left")
    );
    assert!(exact("left").ends_with("“expanding”."), "{}", exact("left"));
    assert!(exact("right").contains("single most significant threat"));
    // Sentences, not paragraphs: one sentence each.
    for side in ["left", "right"] {
        assert!(!exact(side).contains(". "), "{}", exact(side));
    }
}
