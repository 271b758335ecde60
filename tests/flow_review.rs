//! Defects a reviewer found trying the claim-level reader as an analyst,
//! each pinned by a test.

mod harness;

use diptych::app::{Mode, Msg, TagAccess};
use diptych::side::Side;
use harness::Harness;

/// The row (from the pane's top) where the current pair's passage starts.
fn pair_rows(h: &Harness) -> [isize; 2] {
    let c = h.app.comparison.as_ref().unwrap();
    let p = c.pairs[c.current.unwrap()];
    Side::BOTH.map(|side| {
        let pane = &h.app.panes[side];
        pane.wrapped.passage_first_line[p.passage(side)] as isize - pane.top as isize
    })
}

fn cursor_visible(h: &Harness, side: Side, rows: usize) -> bool {
    let pane = &h.app.panes[side];
    let (first, _) = pane.sentence_rows(pane.cursor).unwrap();
    first >= pane.top && first < pane.top + rows
}

#[test]
fn scrolling_near_a_pair_met_by_jumping_keeps_it_level() {
    let mut h = Harness::seeds();
    for _ in 0..6 {
        h.press("]");
    }
    let [left, right] = pair_rows(&h);
    assert_eq!(left, right);
    h.press("j");
    let after = pair_rows(&h);
    assert_eq!(after[0], after[1], "still level after one line");
    assert_eq!(after[0], left - 1);
}

#[test]
fn after_rejecting_a_pair_the_next_one_is_the_one_after_it() {
    let mut h = Harness::seeds().with_tags(TagAccess::Writable);
    h.press("]]]");
    let c = h.app.comparison.as_ref().unwrap();
    let order: Vec<usize> = c.visible_pairs().collect();
    let at = order.iter().position(|&p| Some(p) == c.current).unwrap();
    let next = order[at + 1];
    h.press("X");
    assert_eq!(h.app.comparison.as_ref().unwrap().current, Some(next));
}

#[test]
fn undoing_a_widened_span_shows_the_judged_sentences_again() {
    let mut h = Harness::seeds().with_tags(TagAccess::Writable);
    h.press("]]c");
    let span = h.app.pair_span.unwrap();
    h.press("v");
    assert_ne!(h.app.pair_span.unwrap(), span);
    h.press("u");
    assert_eq!(h.app.pair_span.unwrap(), span);
}

#[test]
fn the_last_pair_stands_level_even_at_the_end_of_a_report() {
    let mut h = Harness::seeds();
    h.press("[");
    assert!(h.status().contains("pair"), "{}", h.status());
    let [left, right] = pair_rows(&h);
    assert_eq!(left, right, "level at the end too");
}

#[test]
fn next_pair_starts_from_where_the_cursor_is() {
    let mut h = Harness::seeds();
    h.press("/not really<enter>");
    let passage = h.app.panes[Side::Left].cursor_sentence().unwrap().passage;
    h.press("]");
    let c = h.app.comparison.as_ref().unwrap();
    let p = c.pairs[c.current.unwrap()];
    assert!(
        p.left >= passage,
        "p{} is before the cursor's p{}",
        p.left + 1,
        passage + 1
    );
}

#[test]
fn a_resize_keeps_the_candidate_panel_from_hiding_its_sentences() {
    let mut h = Harness::seeds().with_tags(TagAccess::Writable);
    h.press("<ctrl-d><ctrl-d><enter>");
    assert!(matches!(h.app.mode, Mode::Candidates(_)));
    h.send(Msg::Resize {
        width: 60,
        height: 16,
    });
    let rows = h.app.rows_above_panel();
    assert!(cursor_visible(&h, Side::Left, rows), "left cursor hidden");
    assert!(
        cursor_visible(&h, Side::Right, rows),
        "previewed candidate hidden"
    );
    h.press("<esc>");
    let height = h.app.panes[Side::Left].height;
    assert!(cursor_visible(&h, Side::Left, height));
}

#[test]
fn bottom_and_top_put_the_cursor_on_the_last_and_first_sentence() {
    let mut h = Harness::seeds();
    h.press("G");
    let pane = &h.app.panes[Side::Left];
    assert_eq!(pane.cursor, pane.sentences.len() - 1);
    h.press("g");
    assert_eq!(h.app.panes[Side::Left].cursor, 0);
}

#[test]
fn unsaved_changes_stay_marked_when_a_long_message_takes_the_counters_room() {
    let mut h = Harness::seeds_sized(80, 24).with_tags(TagAccess::Writable);
    h.press("]c");
    for _ in 0..3 {
        h.press("]");
        let screen = h.screen();
        let status = screen.lines().last().unwrap();
        assert!(status.contains('●'), "{status}");
    }
}
