//! Rendering of another analyst's set beside yours (TestBackend, fixed
//! size): the second gutter column, the summary line above the panes and
//! both stances in the status line.

mod harness;

use diptych::app::TagAccess;
use harness::Harness;

#[test]
fn gutter_and_status_show_both_judgements() {
    let mut ana = Harness::seeds()
        .with_tags(TagAccess::Writable)
        .with_analyst("ana");
    ana.press("]c]p");
    let anas = ana.app.tagging.as_ref().unwrap().set.clone();
    let mut h = Harness::seeds_sized(120, 24)
        .with_tags(TagAccess::Writable)
        .with_analyst("bob");
    h.press("]c]c");
    let overlay = h.overlay_of("ana", anas);
    h.app.open_overlay(overlay);
    h.press("[]");
    let screen = h.screen();
    insta::assert_snapshot!(screen);
    let first = screen.lines().next().unwrap();
    assert!(
        first.starts_with(" compared with ana.json by ana (read-only) · agree 1/2"),
        "{first}"
    );
    let status = screen.lines().last().unwrap();
    assert!(
        status.contains("you ≠ Contradict · ana ≈ Partial"),
        "{status}"
    );
    // Yours, then theirs, then the cursor mark.
    assert!(screen.contains("│≠≈›"), "{screen}");
}
