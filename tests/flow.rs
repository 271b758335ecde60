//! Flow tests: scripted keys into the model through the keymap, with the
//! fixture alignment delivered as the worker would; assertions on the model
//! and the effects.

mod harness;

use diptych::app::{Mode, Msg};
use diptych::document::{Document, Source};
use diptych::keymap::Keymap;
use harness::Harness;

fn first_rows(h: &Harness, side: usize, passage: usize) -> usize {
    h.app.panes[side].wrapped.passage_first_line[passage]
}

#[test]
fn fixture() {
    // `UPDATE_FIXTURES=1 cargo test --test flow fixture` rewrites it.
    harness::update_fixture();
    let h = Harness::seeds();
    assert!(h.app.comparison.as_ref().unwrap().pairs.len() > 5);
}

#[test]
fn next_pair_puts_both_passages_level_and_explains() {
    let mut h = Harness::seeds();
    h.press("]");
    let c = h.app.comparison.as_ref().unwrap();
    let pair = &c.alignment.pairs[c.current.unwrap()];
    let rows = [
        first_rows(&h, 0, pair.left) - h.app.panes[0].top,
        first_rows(&h, 1, pair.right) - h.app.panes[1].top,
    ];
    assert_eq!(rows[0], rows[1], "passages stand at the same height");
    assert!(h.status().starts_with("pair 1 of"), "{}", h.status());
    assert!(h.status().contains("shared: "), "{}", h.status());
    // Back and forth, wrapping around.
    h.press("[");
    assert!(h.status().contains("(wrapped)"), "{}", h.status());
    h.press("]");
    assert!(h.status().starts_with("pair 1 of"));
}

#[test]
fn topic_filter_limits_pairs_and_highlights_terms() {
    let mut h = Harness::seeds();
    h.press("tturkey<enter>");
    assert_eq!(h.app.mode, Mode::Normal);
    let c = h.app.comparison.as_ref().unwrap();
    let topic = c.topic.expect("a topic is selected");
    assert_eq!(c.alignment.topics[topic].label, "Turkey");
    assert!(h.status().starts_with("topic: Turkey"), "{}", h.status());
    // Highlights found "Turkey" on the left and "Turkish"/"Ankara" on the right.
    let left = &h.app.panes[0].doc.text;
    let right = &h.app.panes[1].doc.text;
    assert!(c.spans[0].iter().any(|r| &left[r.clone()] == "Turkey"));
    assert!(c.spans[1].iter().any(|r| &right[r.clone()] == "Ankara"));
    // Every pair visited has the topic.
    let visible: Vec<usize> = c.visible_pairs().collect();
    assert!(!visible.is_empty());
    for _ in 0..visible.len() {
        h.press("]");
        let c = h.app.comparison.as_ref().unwrap();
        assert!(
            c.alignment.pairs[c.current.unwrap()]
                .topics
                .contains(&topic)
        );
    }
    // The "all topics" row clears the filter.
    h.press("t<enter>");
    assert_eq!(h.app.comparison.as_ref().unwrap().topic, None);
}

#[test]
fn scroll_lock_keeps_the_other_pane_following() {
    let mut h = Harness::seeds();
    assert!(h.app.scroll_lock);
    h.press("G");
    assert!(h.app.panes[1].top > 0, "right pane followed to the end");
    h.press("g");
    assert_eq!(h.app.panes[1].top, 0);
    h.press("s");
    assert!(h.status().contains("scroll lock off"));
    h.press("G");
    assert_eq!(h.app.panes[1].top, 0, "right pane stays put with lock off");
}

#[test]
fn no_shared_topics_is_said_not_crashed() {
    let doc = |name: &'static str, text: &str| {
        Document::from_bytes(Source::Embedded(name), text.as_bytes()).unwrap()
    };
    let mut h = Harness::documents(
        doc(
            "a",
            "Apples\n\nThe orchard grows crisp apples every autumn in the valley.\n",
        ),
        doc(
            "b",
            "Engines\n\nDiesel engines need injectors, pistons and careful timing.\n",
        ),
        Keymap::default(),
    )
    .sized(120, 30)
    .live_aligned();
    assert!(h.status().contains("no shared topics"), "{}", h.status());
    h.press("]");
    assert!(h.status().contains("no aligned pairs"), "{}", h.status());
    h.press("t");
    assert!(matches!(h.app.mode, Mode::Topics { .. }));
    h.press("<esc>");
    assert_eq!(h.app.mode, Mode::Normal);
}

#[test]
fn pair_keys_before_alignment_say_it_is_running() {
    let mut h = Harness::unaligned(100, 30, Keymap::default());
    h.send(Msg::AlignProgress(0.5));
    h.press("]");
    assert!(
        h.status().contains("still aligning (50%)"),
        "{}",
        h.status()
    );
}
