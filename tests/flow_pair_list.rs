//! The pair list (`P`) and rejecting a machine pair (`X`).

mod harness;

use diptych::app::{Mode, PairSort, TagAccess};
use diptych::tags::model::REJECTED;
use harness::Harness;

fn list(h: &Harness) -> diptych::app::PairList {
    match &h.app.mode {
        Mode::PairList(list) => list.clone(),
        other => panic!("the pair list is open, not {other:?}"),
    }
}

#[test]
fn the_list_sorts_filters_and_jumps() {
    let mut h = Harness::seeds().with_tags(TagAccess::Writable);
    h.press("]c");
    let judged = h.app.comparison.as_ref().unwrap().current.unwrap();
    h.press("P");
    let rows = h.app.pair_rows(&list(&h));
    let total = h.app.comparison.as_ref().unwrap().pairs.len();
    assert_eq!(rows.len(), total);
    assert!(
        rows.windows(2).all(|w| w[0].score >= w[1].score),
        "best first"
    );
    assert!(h.screen().contains(&format!("{total} of {total} pairs")));

    // Position order, then stance order: the contradiction first.
    h.press("<ctrl-o>");
    assert_eq!(list(&h).sort, PairSort::Position);
    let rows = h.app.pair_rows(&list(&h));
    let c = h.app.comparison.as_ref().unwrap();
    let at = |r: &diptych::app::PairRow| (c.pairs[r.pair].left, c.pairs[r.pair].right);
    assert!(rows.windows(2).all(|w| at(&w[0]) <= at(&w[1])));
    h.press("<ctrl-o>");
    let rows = h.app.pair_rows(&list(&h));
    assert_eq!(rows[0].pair, judged);
    assert_eq!(rows[0].judged.as_ref().unwrap().0, "≠");
    assert!(h.screen().contains("≠"));

    // Filters: by stance, by untagged, by topic, by words.
    h.press("is:contradict");
    assert_eq!(h.app.pair_rows(&list(&h)).len(), 1);
    h.press("<ctrl-u>is:untagged");
    assert_eq!(h.app.pair_rows(&list(&h)).len(), total - 1);
    h.press("<ctrl-u>topic:afghan");
    let rows = h.app.pair_rows(&list(&h));
    assert!(!rows.is_empty() && rows.len() < total);
    assert!(
        rows.iter()
            .all(|r| r.topics.iter().any(|t| t.contains("Afghan")))
    );
    h.press("<ctrl-u>taliban SOURCES");
    let rows = h.app.pair_rows(&list(&h));
    assert!(!rows.is_empty() && rows.len() < total);
    // Each word in a sentence (any case), or a topic's name.
    assert!(rows.iter().all(|r| {
        let text = format!(
            "{} {}",
            h.app.row_text(r, diptych::side::Side::Left),
            h.app.row_text(r, diptych::side::Side::Right)
        )
        .to_lowercase();
        text.contains("sources")
            && (text.contains("taliban") || r.topics.iter().any(|t| t == "Taliban"))
    }));

    // Enter goes to the selected pair.
    let target = rows[0].pair;
    h.press("<enter>");
    assert_eq!(h.app.mode, Mode::Normal);
    assert_eq!(h.app.comparison.as_ref().unwrap().current, Some(target));
    // The sort is remembered for next time.
    assert_eq!(h.app.resume_state().pair_sort.as_deref(), Some("stance"));
}

#[test]
fn x_rejects_a_machine_pair_out_of_navigation_undoably() {
    let mut h = Harness::seeds().with_tags(TagAccess::Writable);
    h.press("]");
    let rejected = h.app.comparison.as_ref().unwrap().current.unwrap();
    let visible = |h: &Harness| h.app.comparison.as_ref().unwrap().visible_pairs().count();
    let before = visible(&h);
    h.press("X");
    assert_eq!(visible(&h), before - 1);
    let c = h.app.comparison.as_ref().unwrap();
    assert!(c.is_rejected(rejected));
    assert_ne!(c.current, Some(rejected), "moved on to the next pair");
    assert!(
        h.status().contains("rejected as not related"),
        "{}",
        h.status()
    );
    let tags = &h.app.tagging.as_ref().unwrap().set.tags;
    assert_eq!(tags.len(), 1);
    assert_eq!(tags[0].label.as_deref(), Some(REJECTED));
    assert_eq!(h.app.tag_counts().unwrap().rejected, 1);
    // Never visited by ]/[ any more.
    for _ in 0..before {
        h.press("]");
        assert_ne!(h.app.comparison.as_ref().unwrap().current, Some(rejected));
    }
    // Listed as rejected.
    h.press("Pis:rejected");
    let rows = h.app.pair_rows(&list(&h));
    assert_eq!(rows.len(), 1);
    assert!(rows[0].rejected);
    // Going there and pressing X again restores it.
    h.press("<enter>X");
    assert!(!h.app.comparison.as_ref().unwrap().is_rejected(rejected));
    assert_eq!(visible(&h), before);
    // Undo brings the rejection back, and undo again takes it away.
    h.press("u");
    assert!(h.app.comparison.as_ref().unwrap().is_rejected(rejected));
    h.press("uu");
    assert!(!h.app.comparison.as_ref().unwrap().is_rejected(rejected));
}

#[test]
fn a_judged_pair_or_a_link_by_hand_is_not_rejected() {
    let mut h = Harness::seeds().with_tags(TagAccess::Writable);
    h.press("]aX");
    assert!(
        h.status().contains("remove the judgement first"),
        "{}",
        h.status()
    );
    assert_eq!(h.app.tag_counts().unwrap().rejected, 0);
}

#[test]
fn a_rejected_pair_keeps_its_glyph_in_the_gutter_and_the_exports() {
    use diptych::export::{Format, Options, render};
    let mut h = Harness::seeds().with_tags(TagAccess::Writable);
    h.press("]X");
    let label = {
        let t = h.app.tagging.as_ref().unwrap();
        t.label_of(&t.set.tags[0]).unwrap()
    };
    assert_eq!(label.glyph, "✗");
    let input = h.app.export_input(false).unwrap();
    let md = String::from_utf8(render(Format::Markdown, &input, &Options::default())).unwrap();
    assert!(md.contains("✗ Not related"), "{md}");
    let json = String::from_utf8(render(Format::Json, &input, &Options::default())).unwrap();
    assert!(json.contains("\"not-related\""), "{json}");
}
