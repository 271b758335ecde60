//! The sentence cursor, driven by keys on the seeds with the fixture
//! alignment: motions, scrolling, landing from search and pairs, clicks,
//! and scroll lock following the cursor's best partner.

mod harness;

use diptych::app::Msg;
use diptych::side::Side;
use harness::Harness;

fn cursor_text(h: &Harness, side: Side) -> String {
    let pane = &h.app.panes[side];
    pane.cursor_sentence().unwrap().joined(&pane.doc.text)
}

/// Whether the cursor's sentence has a row on screen.
fn cursor_visible(h: &Harness, side: Side) -> bool {
    let pane = &h.app.panes[side];
    let (first, last) = pane.sentence_rows(pane.cursor).unwrap();
    last >= pane.top && first < pane.top + pane.height
}

#[test]
fn sentence_motions_step_through_the_focused_pane_and_scroll_to_it() {
    let mut h = Harness::seeds();
    assert_eq!(h.app.panes[Side::Left].cursor, 0);
    h.press(")");
    assert_eq!(h.app.panes[Side::Left].cursor, 1);
    assert_eq!(cursor_text(&h, Side::Left), "by Antonio Giustozzi.");
    h.press("(");
    assert_eq!(h.app.panes[Side::Left].cursor, 0);
    h.press("(");
    assert_eq!(h.app.panes[Side::Left].cursor, 0, "stays on the first");
    // Far down the report the cursor is still on screen: motions scroll.
    for _ in 0..60 {
        h.press(")");
        assert!(cursor_visible(&h, Side::Left));
    }
    assert_eq!(h.app.panes[Side::Left].cursor, 60);
    assert!(h.app.panes[Side::Left].top > 0);
    // The right pane's cursor is its own (scroll lock had put it on the
    // partners of the left one's; off, the left one stays).
    let right = h.app.panes[Side::Right].cursor;
    h.press("s<tab>)");
    assert_eq!(h.app.panes[Side::Right].cursor, right + 1);
    assert_eq!(h.app.panes[Side::Left].cursor, 60);
}

#[test]
fn scrolling_keeps_the_cursor_on_screen() {
    let mut h = Harness::seeds();
    h.press("<pagedown><pagedown>");
    assert!(cursor_visible(&h, Side::Left));
    let pane = &h.app.panes[Side::Left];
    let (first, _) = pane.sentence_rows(pane.cursor).unwrap();
    assert!(first >= pane.top, "the first sentence starting on screen");
    h.press("G");
    assert!(cursor_visible(&h, Side::Left));
    h.press("g");
    assert!(cursor_visible(&h, Side::Left));
    // The wheel too, on the pane under the pointer.
    for _ in 0..10 {
        h.send(Msg::Wheel {
            column: 100,
            row: 5,
            down: true,
        });
    }
    assert!(h.app.panes[Side::Right].top > 0);
    assert!(cursor_visible(&h, Side::Right));
}

#[test]
fn passages_search_and_pairs_put_the_cursor_where_they_land() {
    let mut h = Harness::seeds();
    h.press("}}");
    let pane = &h.app.panes[Side::Left];
    assert_eq!(pane.cursor_sentence().unwrap().passage, 2);

    h.press("/not really<enter>");
    assert!(
        cursor_text(&h, Side::Left).contains("is not really “expanding”"),
        "{}",
        cursor_text(&h, Side::Left)
    );
    assert!(cursor_visible(&h, Side::Left));

    h.press("]");
    let c = h.app.comparison.as_ref().unwrap();
    let pair = &c.alignment.pairs[c.pairs[c.current.unwrap()].aligned.unwrap()];
    assert_eq!(h.app.panes[Side::Left].cursor, pair.left_sentences[0]);
    assert_eq!(h.app.panes[Side::Right].cursor, pair.right_sentences[0]);
    assert!(cursor_visible(&h, Side::Left) && cursor_visible(&h, Side::Right));
}

#[test]
fn a_click_focuses_the_pane_and_puts_the_cursor_on_the_sentence_clicked() {
    let mut h = Harness::seeds();
    let screen = h.screen();
    // Row 3 of the screen is the right pane's "When Abu Bakr al-Baghdadi…".
    let row = screen
        .lines()
        .position(|l| l.contains("When Abu Bakr"))
        .unwrap() as u16;
    h.send(Msg::Click { column: 100, row });
    assert_eq!(h.app.focus, Side::Right);
    assert!(cursor_text(&h, Side::Right).starts_with("When Abu Bakr al-Baghdadi was killed"));
    // A click outside the text (the status line) changes nothing.
    h.send(Msg::Click { column: 5, row: 29 });
    assert_eq!(h.app.focus, Side::Right);
}

#[test]
fn scroll_lock_brings_the_cursors_best_partner_level_with_it() {
    let mut h = Harness::seeds();
    h.press("/not really<enter>");
    let left = h.app.panes[Side::Left].cursor;
    let best = h.app.cursor_candidates(Side::Left)[0].other as usize;
    // The search moved the pane by passage chain; a sentence motion there
    // and back follows the best partner.
    h.press(")(");
    assert_eq!(h.app.panes[Side::Left].cursor, left);
    assert_eq!(h.app.panes[Side::Right].cursor, best);
    let row = |h: &Harness, side: Side| {
        let pane = &h.app.panes[side];
        pane.sentence_rows(pane.cursor).unwrap().0 as isize - pane.top as isize
    };
    assert!(cursor_visible(&h, Side::Right));
    assert!(
        (row(&h, Side::Left) - row(&h, Side::Right)).abs() <= 1
            || h.app.panes[Side::Right].top == 0,
        "level: {} vs {}",
        row(&h, Side::Left),
        row(&h, Side::Right)
    );
    // Scroll lock off: the other pane stays put.
    h.press("s");
    let top = h.app.panes[Side::Right].top;
    h.press("))))");
    assert_eq!(h.app.panes[Side::Right].top, top);
}

/// The current pair's passage on `side`.
fn current_passage(h: &Harness, side: Side) -> usize {
    let c = h.app.comparison.as_ref().unwrap();
    c.pairs[c.current.expect("a current pair")].passage(side)
}

/// The visible pairs' passages on `side`, in that pane's document order.
fn passages(h: &Harness, side: Side) -> Vec<usize> {
    let c = h.app.comparison.as_ref().unwrap();
    let mut all: Vec<usize> = c
        .visible_pairs()
        .map(|i| c.pairs[i].passage(side))
        .collect();
    all.sort_unstable();
    all
}

#[test]
fn next_pair_goes_on_from_the_cursor_not_from_the_current_pair() {
    let mut h = Harness::seeds();
    // To the last pair but one (back from the first, wrapping), then to
    // the top: `]` goes to the first pair, not to the last one.
    h.press("][");
    assert!(h.status().contains("(wrapped)"), "{}", h.status());
    h.press("[");
    let last = current_passage(&h, Side::Left);
    h.press("g");
    assert_eq!(h.app.panes[Side::Left].cursor, 0);
    h.press("]");
    assert!(h.status().starts_with("pair 1 of"), "{}", h.status());
    assert!(!h.status().contains("(wrapped)"), "{}", h.status());
    assert_eq!(current_passage(&h, Side::Left), passages(&h, Side::Left)[0]);
    assert_ne!(current_passage(&h, Side::Left), last);
    // From a sentence in the middle: the first pair at or after it...
    let all = passages(&h, Side::Left);
    let middle = all[all.len() / 2];
    let pane = &h.app.panes[Side::Left];
    let sentence = (0..pane.sentences.len())
        .rev()
        .find(|&i| pane.sentences[i].passage == middle)
        .unwrap();
    h.app.panes[Side::Left].set_cursor(sentence);
    h.press("]");
    assert_eq!(current_passage(&h, Side::Left), middle);
    // ...on from there, in order, each pair once (a passage may have
    // several pairs)...
    let from = all.iter().position(|&p| p == middle).unwrap();
    let mut visited = vec![middle];
    for _ in from + 1..all.len() {
        h.press("]");
        visited.push(current_passage(&h, Side::Left));
    }
    assert_eq!(visited, all[from..].to_vec());
    // ...and back before the cursor with `[`.
    h.app.panes[Side::Left].set_cursor(sentence);
    h.press("[");
    let before = *all.iter().rev().find(|&&p| p < middle).unwrap();
    assert_eq!(current_passage(&h, Side::Left), before);
}

#[test]
fn next_pair_follows_the_focused_pane_s_order() {
    let mut h = Harness::seeds();
    h.press("<tab>");
    let all = passages(&h, Side::Right);
    let mut visited = Vec::new();
    for _ in 0..all.len() {
        h.press("]");
        visited.push(current_passage(&h, Side::Right));
    }
    assert_eq!(visited, all, "the right report's order");
    h.press("]");
    assert!(h.status().contains("(wrapped)"), "{}", h.status());
}

/// Reported: the reader at 120x40, the cursor moved down a pane, the
/// terminal made 80x24: the cursor's sentence was left below the last row.
#[test]
fn a_resize_keeps_each_cursor_on_screen() {
    let mut h = Harness::seeds_sized(120, 40);
    // Far into the left pane, then scrolled back up until the cursor's
    // sentence sits low on the screen, below where 24 rows end (the right
    // pane follows, scroll lock being on).
    h.press("]]]<pagedown><pagedown><pagedown>");
    for _ in 0..40 {
        let pane = &h.app.panes[Side::Left];
        let (first, _) = pane.sentence_rows(pane.cursor).unwrap();
        if first >= pane.top + 24 {
            break;
        }
        h.press("k");
    }
    let pane = &h.app.panes[Side::Left];
    let (first, _) = pane.sentence_rows(pane.cursor).unwrap();
    assert!(first >= pane.top + 24, "the cursor is low on the screen");
    let cursors = [
        h.app.panes[Side::Left].cursor,
        h.app.panes[Side::Right].cursor,
    ];
    for (width, height) in [(80, 24), (60, 16), (200, 60), (80, 24), (120, 40)] {
        h.send(Msg::Resize { width, height });
        for side in Side::BOTH {
            assert!(cursor_visible(&h, side), "{side:?} at {width}x{height}");
            assert_eq!(h.app.panes[side].cursor, cursors[side]);
        }
    }
}
