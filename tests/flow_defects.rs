//! The small defects a new user found (issue 10, item 7), each pinned by a
//! test on the shared harness.

mod harness;

use diptych::app::{Mode, TagAccess};
use diptych::side::Side;
use harness::Harness;

#[test]
fn esc_clears_the_search_highlights() {
    let mut h = Harness::seeds();
    h.press("/Turkey<enter>");
    assert!(h.app.search.is_some());
    h.press("<esc>");
    assert!(h.app.search.is_none());
    assert_eq!(h.status(), "search cleared");
    // And then the mark.
    h.press("m<esc>");
    assert!(h.app.mark.is_none());
    assert_eq!(h.status(), "mark cleared");
}

#[test]
fn ctrl_s_with_nothing_unsaved_says_so() {
    let mut h = Harness::seeds().with_tags(TagAccess::Writable);
    let effects = h.press("<ctrl-s>");
    assert!(effects.is_empty(), "{effects:?}");
    assert!(h.status().starts_with("nothing to save"), "{}", h.status());
    h.press("]a");
    assert!(matches!(
        h.press("<ctrl-s>").as_slice(),
        [diptych::action::Effect::Save { .. }]
    ));
}

#[test]
fn n_searches_the_focused_pane() {
    let mut h = Harness::seeds();
    h.press("/Turkey<enter>");
    assert_eq!(h.app.search.as_ref().unwrap().pane, Side::Left);
    h.press("<tab>n");
    let search = h.app.search.as_ref().unwrap();
    assert_eq!(
        search.pane,
        Side::Right,
        "n after tab searches the right pane"
    );
    assert_eq!(h.app.focus, Side::Right);
    assert!(search.current.is_some(), "{}", h.status());
}

#[test]
fn under_a_topic_filter_every_pair_tagged_agrees_with_the_counters() {
    let mut h = Harness::seeds().with_tags(TagAccess::Writable);
    h.press("tturkey<enter>");
    let visible: Vec<usize> = h.app.comparison.as_ref().unwrap().visible_pairs().collect();
    assert!(!visible.is_empty() && visible.len() < 16);
    for _ in &visible {
        h.press("]a");
    }
    h.press(">");
    let untagged = h.counts().4;
    assert!(untagged > 0);
    assert_eq!(
        h.status(),
        format!("every pair of this topic is tagged; {untagged} untagged outside it")
    );
}

#[test]
fn a_stance_key_on_an_off_screen_pair_brings_it_into_view_first() {
    let mut h = Harness::seeds().with_tags(TagAccess::Writable);
    h.press("]");
    // Scroll away, both panes (scroll lock), then judge.
    h.press("s<ctrl-d><ctrl-d><ctrl-d><ctrl-d><tab><ctrl-d><ctrl-d><ctrl-d><ctrl-d><tab>");
    h.press("c");
    assert_eq!(h.counts().1, 0, "nothing judged unseen");
    assert!(
        h.status().contains("back in view: c again"),
        "{}",
        h.status()
    );
    h.press("c");
    assert_eq!(h.counts().1, 1);
}

#[test]
fn pair_explanation_keeps_the_room_at_80_columns() {
    let mut h = Harness::seeds_sized(80, 24);
    h.press("]");
    let screen = h.screen();
    let status = screen.lines().rev().find(|l| !l.is_empty()).unwrap();
    assert!(status.contains("shared: IS-K, Islamic State"), "{status}");
    assert_eq!(h.app.mode, Mode::Normal);
}

/// Presses `]` until the pair of these passages is current.
fn go_to(h: &mut Harness, left: usize, right: usize) {
    for _ in 0..40 {
        h.press("]");
        let c = h.app.comparison.as_ref().unwrap();
        let p = c.pairs[c.current.unwrap()];
        if (p.left, p.right) == (left, right) {
            return;
        }
    }
    panic!("no pair p{} ↔ p{}", left + 1, right + 1);
}

#[test]
fn the_gutter_shows_the_current_pairs_stance_not_a_neighbours() {
    // In the fixture, left p21 is in pairs with right p11 and right p22.
    let mut h = Harness::seeds().with_tags(TagAccess::Writable);
    go_to(&mut h, 20, 10);
    h.press("c");
    go_to(&mut h, 20, 21);
    // The left pane's gutter (the glyph column), row by row.
    let left_gutter = |h: &Harness| -> String {
        h.screen()
            .lines()
            .skip(1)
            .map(|l| l.chars().skip(1).take(7).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(
        !left_gutter(&h).contains('≠'),
        "untagged current pair shows ≠:\n{}",
        h.screen()
    );
    h.press("a");
    assert!(left_gutter(&h).contains('='), "{}", h.screen());
    assert!(!left_gutter(&h).contains('≠'), "{}", h.screen());
}

#[test]
fn pane_footers_keep_their_side_at_80_columns() {
    let h = Harness::seeds_sized(80, 24);
    let screen = h.screen();
    let bottom = screen.lines().nth(22).unwrap();
    assert!(bottom.contains("L: giustozzi"), "{bottom}");
    assert!(bottom.contains("R: iskp"), "{bottom}");
}

#[test]
fn the_whole_pair_explanation_is_one_key_away_at_80_columns() {
    let mut h = Harness::seeds_sized(80, 24);
    h.press("]");
    let status = h.status();
    // The status line is cut at 80 columns; D shows all of it, wrapped.
    h.press("D");
    assert!(matches!(h.app.mode, Mode::Details { .. }));
    let screen = h.screen();
    let shown: String = screen
        .lines()
        .map(|l| l.trim_matches(|c| c == '║' || c == ' ' || c == '┃' || c == '│'))
        .collect::<Vec<_>>()
        .join(" ");
    for word in status.split_whitespace().filter(|w| w.len() > 3) {
        assert!(
            shown.contains(word),
            "{word:?} of {status:?} not in\n{screen}"
        );
    }
    assert!(screen.contains("Why the engine links them"), "{screen}");
    h.press("<esc>");
    assert_eq!(h.app.mode, Mode::Normal);
}

/// Found in review: two short reports said "aligned: no shared topics,
/// 1 pairs" and "1 pairs =0 ≠0 …".
#[test]
fn one_pair_is_one_pair() {
    use diptych::document::{Document, Source};
    use diptych::keymap::Keymap;
    let doc = |name| {
        Document::from_bytes(Source::Embedded(name), b"Some text. Another sentence.\n").unwrap()
    };
    let h = Harness::documents(doc("l.txt"), doc("r.txt"), Keymap::default())
        .sized(80, 24)
        .live_aligned();
    assert_eq!(h.app.comparison.as_ref().unwrap().pairs.len(), 1);
    assert_eq!(h.status(), "aligned: no shared topics, 1 pair");
    let screen = h.screen();
    assert!(screen.contains(" 1 pair =0 ≠0"), "{screen}");
}
