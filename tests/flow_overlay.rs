//! Flow tests of comparing with another analyst's tag set in the reader
//! (the overlay) and of settling merge conflicts: keys into the model
//! through the keymap, assertions on the model, the status line and the
//! effects. No terminal, no disk.

mod harness;

use std::path::PathBuf;

use diptych::action::Effect;
use diptych::app::{Mode, Msg, OpenedSet, Overlay, Relation, ReviewRow, TagAccess, TagSetEntry};
use diptych::tags::compare::{self, Input};
use diptych::tags::{Conflict, Judgement, TagSet};
use harness::Harness;
use ratatui::style::Modifier;

/// Ana's judgements, made in a reader of her own: the first three pairs
/// contradict, agree, partial; the third with a note.
fn anas_set() -> TagSet {
    let mut ana = Harness::seeds()
        .with_tags(TagAccess::Writable)
        .with_analyst("ana");
    ana.press("]c]a]p");
    ana.press("iboth hedge<ctrl-s>");
    ana.app.tagging.as_ref().unwrap().set.clone()
}

fn overlay_of(h: &Harness, set: TagSet) -> Overlay {
    h.overlay_of("ana", set)
}

/// Bob judges the first pair as Ana did and the second differently, then
/// compares with Ana's set.
fn bob_compares_with_ana() -> Harness {
    let mut h = Harness::seeds()
        .with_tags(TagAccess::Writable)
        .with_analyst("bob");
    h.press("]c]p");
    let overlay = overlay_of(&h, anas_set());
    h.app.open_overlay(overlay);
    h
}

/// The first `n` pairs in the order `]` visits them, as passages.
fn first_pairs(h: &Harness, n: usize) -> Vec<(usize, usize)> {
    let c = h.app.comparison.as_ref().unwrap();
    let mut visible: Vec<usize> = Vec::new();
    let mut probe = Harness::seeds();
    for _ in 0..n {
        probe.press("]");
        visible.push(probe.app.comparison.as_ref().unwrap().current.unwrap());
    }
    visible
        .into_iter()
        .map(|i| (c.pairs[i].left, c.pairs[i].right))
        .collect()
}

/// Presses `]` until the pair of these passages is current.
fn go(h: &mut Harness, pair: (usize, usize)) {
    for _ in 0..100 {
        if h.app.current_pair_passages() == Some(pair) {
            return;
        }
        h.press("]");
    }
    panic!("pair {pair:?} not reached");
}

fn current(h: &Harness) -> (usize, usize) {
    h.app.current_pair_passages().unwrap()
}

#[test]
fn the_overlay_matches_pairs_and_agrees_with_tags_compare() {
    let mut h = bob_compares_with_ana();
    let pairs = first_pairs(&h, 3);
    let relations: Vec<_> = pairs.iter().map(|&(l, r)| h.app.relation(l, r)).collect();
    assert_eq!(
        relations,
        [
            Some(Relation::Same),
            Some(Relation::Different),
            Some(Relation::TheirsOnly)
        ]
    );
    // The figure is the one `diptych tags compare` computes.
    let overlay = h.app.overlay.as_ref().unwrap();
    let ours = &h.app.tagging.as_ref().unwrap().set;
    let input = |set| Input {
        path: String::new(),
        set,
        orphaned: vec![false; 8],
        topics: vec![None; 8],
    };
    let report = compare::compare(
        &input(ours),
        &input(&overlay.set),
        &h.app.panes[0].doc,
        &h.app.panes[1].doc,
        &[],
    );
    let s = overlay.summary;
    assert_eq!((s.both, s.agreed, s.theirs_only, s.ours_only), (2, 1, 1, 0));
    assert_eq!(report.judged_by_both, s.both);
    assert_eq!(report.figures.cohen_kappa, s.kappa);
    let summary = h.app.overlay_summary().unwrap();
    assert!(
        summary.contains("compared with ana.json by ana (read-only) · agree 1/2, κ 0.33"),
        "{summary}"
    );
    assert!(
        summary.contains("1 judged by ana only, 0 by you only"),
        "{summary}"
    );
    // Both stances in the status line on the way through the pairs.
    go(&mut h, pairs[0]);
    assert!(
        h.status().contains("you ≠ Contradict · ana ≠ Contradict"),
        "{}",
        h.status()
    );
    h.press("]");
    assert!(
        h.status().contains("you ≈ Partial · ana = Agree"),
        "{}",
        h.status()
    );
    h.press("]");
    assert!(
        h.status().contains("you not judged · ana ≈ Partial"),
        "{}",
        h.status()
    );
    // The details show the other's note and analyst.
    h.press("D");
    let details = h.app.details_text().join("\n");
    assert!(details.contains("ana (ana.json): ≈ Partial"), "{details}");
    assert!(details.contains("ana's note: both hedge"), "{details}");
    h.press("<esc>");
    // Nothing is ever written for the overlay: judging makes no effect
    // about it, only the open set's autosave.
    h.press("a");
    let effects = h.tick_at(60_000);
    let [Effect::Save { set, .. }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(set.name, "test");
}

#[test]
fn the_filter_cycles_disagreements_then_pairs_only_they_judged() {
    let mut h = bob_compares_with_ana();
    let pairs = first_pairs(&h, 3);
    h.press("f");
    assert!(
        h.status()
            .contains("showing the 1 pair you and ana judge differently"),
        "{}",
        h.status()
    );
    let visible: Vec<(usize, usize)> = {
        let c = h.app.comparison.as_ref().unwrap();
        c.visible_pairs()
            .map(|i| (c.pairs[i].left, c.pairs[i].right))
            .collect()
    };
    assert_eq!(visible, [pairs[1]]);
    h.press("g]");
    assert_eq!(current(&h), pairs[1]);
    assert!(h.status().starts_with("pair 1 of 1"), "{}", h.status());
    assert!(
        h.app
            .overlay_summary()
            .unwrap()
            .ends_with("f: only where you differ")
    );
    h.press("f");
    h.press("]");
    assert_eq!(current(&h), pairs[2]);
    assert!(
        h.app
            .overlay_summary()
            .unwrap()
            .ends_with("f: only pairs ana judged alone")
    );
    // `>` goes through the pairs only they judged and you have not.
    h.press("f");
    let all = h.app.comparison.as_ref().unwrap().visible_pairs().count();
    assert_eq!(all, h.app.comparison.as_ref().unwrap().pairs.len());
}

#[test]
fn taking_theirs_is_one_undoable_step_with_their_analyst() {
    let mut h = bob_compares_with_ana();
    let pairs = first_pairs(&h, 3);
    go(&mut h, pairs[1]);
    let before = h.app.tagging.as_ref().unwrap().set.clone();
    h.press("A");
    assert!(h.status().starts_with("took ana's agree"), "{}", h.status());
    assert!(h.status().contains("(u undoes)"), "{}", h.status());
    let t = h.app.tagging.as_ref().unwrap();
    let i = t.tag_for(pairs[1].0, pairs[1].1).unwrap();
    assert_eq!(t.set.tags[i].label.as_deref(), Some("agree"));
    assert_eq!(t.set.tags[i].analyst.as_deref(), Some("ana"));
    assert_eq!(h.app.relation(pairs[1].0, pairs[1].1), Some(Relation::Same));
    assert_eq!(h.app.overlay.as_ref().unwrap().summary.agreed, 2);
    h.press("u");
    assert_eq!(h.app.tagging.as_ref().unwrap().set, before);
    assert_eq!(h.app.overlay.as_ref().unwrap().summary.agreed, 1);
    // A pair only they judged: their tag is taken whole, note and all.
    go(&mut h, pairs[2]);
    h.press("A");
    assert!(
        h.status().starts_with("took ana's partial and note"),
        "{}",
        h.status()
    );
    let t = h.app.tagging.as_ref().unwrap();
    let tag = &t.set.tags[t.tag_for(pairs[2].0, pairs[2].1).unwrap()];
    assert_eq!(
        (tag.note.as_str(), tag.id.0.starts_with("id-")),
        ("both hedge", true)
    );
    assert_eq!(h.counts().2, 2);
    h.press("u");
    assert!(
        h.app
            .tagging
            .as_ref()
            .unwrap()
            .tag_for(pairs[2].0, pairs[2].1)
            .is_none()
    );
    // Nothing to take where they did not judge.
    h.press("]]]]");
    h.press("A");
    assert!(
        h.status().contains("ana has not judged this pair"),
        "{}",
        h.status()
    );
}

#[test]
fn the_picker_opens_and_closes_the_overlay_as_effects() {
    let mut h = Harness::seeds().with_tags(TagAccess::Writable);
    h.press("T");
    let entry = |name: &str, current| TagSetEntry {
        name: name.into(),
        documents: None,
        tags: 3,
        problem: None,
        current,
        changed_on_disk: false,
    };
    h.send(Msg::TagSets(Ok(vec![
        entry("ana", false),
        entry("test", true),
    ])));
    // The set being edited is not compared with itself.
    assert!(h.press("jo").is_empty());
    assert!(
        h.status().contains("is the set you are editing"),
        "{}",
        h.status()
    );
    let effects = h.press("ko");
    assert_eq!(effects, vec![Effect::OpenOverlay { name: "ana".into() }]);
    let overlay = overlay_of(&h, anas_set());
    h.send(Msg::OverlayOpened(Ok(Box::new(overlay))));
    assert_eq!(h.app.mode, Mode::Normal);
    assert!(
        h.status()
            .starts_with("comparing with ana.json (by ana), read-only"),
        "{}",
        h.status()
    );
    // The gutter makes room for their column and the summary line shows.
    let layout = h.app.layout.unwrap();
    assert!(layout.wide_gutter && layout.summary.is_some());
    h.press("T");
    h.send(Msg::TagSets(Ok(vec![
        entry("ana", false),
        entry("test", true),
    ])));
    h.press("ko");
    assert!(h.app.overlay.is_none());
    assert!(h.status().contains("stopped comparing with ana.json"));
    assert!(!h.app.layout.unwrap().wide_gutter);
    // A set that cannot be read is said, and nothing changes.
    h.send(Msg::OverlayOpened(Err(
        "ana.json:1:1: not a valid tag file".into(),
    )));
    assert!(
        h.status().starts_with("not compared: ana.json:1:1"),
        "{}",
        h.status()
    );
    assert!(h.app.overlay.is_none());
}

/// A tag set whose first two pairs a merge left in conflict: ours
/// contradict and agree, theirs (ana's) agree with a note, and unclear.
fn conflicted() -> Harness {
    let mut judged = Harness::seeds()
        .with_tags(TagAccess::Writable)
        .with_analyst("bob");
    judged.press("]c]a");
    let mut set = judged.app.tagging.as_ref().unwrap().set.clone();
    for (tag, theirs) in set.tags.iter_mut().zip(["agree", "unclear"]) {
        tag.conflict = Some(Box::new(Conflict {
            ours: Judgement::of(tag),
            theirs: Judgement {
                label: Some(theirs.into()),
                note: format!("ana thinks {theirs}"),
                analyst: Some("ana".into()),
                modified: "2026-11-22T09:00:00Z".into(),
            },
        }));
    }
    assert!(set.problems().is_empty(), "{:?}", set.problems());
    let mut h = Harness::seeds();
    h.app.open_tags(
        OpenedSet {
            set,
            states: Vec::new(),
            path: PathBuf::from("/tmp/merged.json"),
            access: TagAccess::Writable,
            notice: None,
            changed: false,
        },
        1000,
    );
    h
}

#[test]
fn conflicts_show_both_sides_and_settle_undoably() {
    let mut h = conflicted();
    assert_eq!(h.app.conflicts(), [0, 1]);
    assert!(h.app.layout.unwrap().wide_gutter, "room for theirs");
    h.press("]");
    assert!(
        h.status()
            .contains("conflict: yours ≠ Contradict (bob) · theirs = Agree (ana)"),
        "{}",
        h.status()
    );
    // Both values in the gutter: yours, then theirs reversed.
    let buffer = h.buffer();
    let (x, y) = (0..buffer.area.height)
        .flat_map(|y| (0..buffer.area.width - 3).map(move |x| (x, y)))
        .find(|&(x, y)| {
            (0..4)
                .map(|i| buffer[(x + i, y)].symbol())
                .collect::<String>()
                == "│≠=›"
        })
        .expect("a row with both judgements");
    assert!(buffer[(x + 2, y)].modifier.contains(Modifier::REVERSED));
    assert!(!buffer[(x + 1, y)].modifier.contains(Modifier::REVERSED));
    assert!(diptych::ui::status::counts(&h.app).contains(" !2 "));
    h.press("D");
    let details = h.app.details_text().join("\n");
    assert!(
        details.contains("Merge conflict, Theirs by ana: = Agree · note: ana thinks agree"),
        "{details}"
    );
    assert!(
        details.contains("A takes theirs, O keeps yours"),
        "{details}"
    );
    h.press("<esc>");
    // R lists them; t takes theirs for the selected one.
    h.press("R");
    assert!(matches!(h.app.mode, Mode::Review { .. }));
    assert_eq!(
        h.app.review_rows(),
        [ReviewRow::Conflict(0), ReviewRow::Conflict(1)]
    );
    let before = h.app.tagging.as_ref().unwrap().set.clone();
    h.press("t");
    let tag = &h.app.tagging.as_ref().unwrap().set.tags[0];
    assert_eq!(tag.label.as_deref(), Some("agree"));
    assert_eq!(
        (tag.note.as_str(), tag.analyst.as_deref()),
        ("ana thinks agree", Some("ana"))
    );
    assert!(tag.conflict.is_none());
    assert_eq!(h.app.review_rows(), [ReviewRow::Conflict(1)]);
    h.press("<esc>u");
    assert_eq!(
        h.app.tagging.as_ref().unwrap().set,
        before,
        "undone: the conflict is back"
    );
    // O keeps yours; judging the pair again with your own stance too.
    h.press("O");
    assert!(
        h.status().starts_with("conflict settled: kept contradict"),
        "{}",
        h.status()
    );
    let tags = &h.app.tagging.as_ref().unwrap().set.tags;
    assert_eq!(tags[0].label.as_deref(), Some("contradict"));
    assert!(tags[0].conflict.is_none());
    h.press("]a");
    assert!(h.app.conflicts().is_empty(), "judging again settles it");
    assert_eq!(
        h.app.tagging.as_ref().unwrap().set.tags[1].label.as_deref(),
        Some("agree")
    );
    h.press("R");
    assert_eq!(h.app.mode, Mode::Normal);
    assert!(
        h.status()
            .contains("no orphaned tags and no merge conflicts"),
        "{}",
        h.status()
    );
    h.press("O");
    assert!(h.status().contains("no merge conflict"), "{}", h.status());
}
