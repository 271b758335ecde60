//! "What does the other report say about this?": the candidate list of the
//! cursor's sentence, its preview, making a candidate the pair (a link by
//! hand when the engine had not paired the passages), judging from the
//! list, and judgements anchored on sentences, widened with `v`.

mod harness;

use diptych::align::HintKind;
use diptych::app::{Mode, TagAccess};
use diptych::side::Side;
use diptych::tags::Origin;
use harness::Harness;

fn thesis() -> Harness {
    let mut h = Harness::seeds().with_tags(TagAccess::Writable);
    h.press("/not really<enter>");
    h
}

fn sentence(h: &Harness, side: Side, i: usize) -> String {
    let pane = &h.app.panes[side];
    pane.sentences[i].joined(&pane.doc.text)
}

/// Moves the list's selection to the candidate whose text contains `text`.
fn select(h: &mut Harness, text: &str) {
    for _ in 0..10 {
        let Mode::Candidates(list) = &h.app.mode else {
            panic!("the list is open")
        };
        let other = h.app.cursor_candidates_of(list)[list.selected].other as usize;
        if sentence(h, list.side.other(), other).contains(text) {
            return;
        }
        h.press("j");
    }
    panic!("no candidate with {text:?}");
}

#[test]
fn enter_lists_the_candidates_and_moving_previews_them_level_with_the_cursor() {
    let mut h = thesis();
    let right_was = (
        h.app.panes[Side::Right].top,
        h.app.panes[Side::Right].cursor,
    );
    h.press("<enter>");
    let Mode::Candidates(list) = h.app.mode.clone() else {
        panic!("the candidate list opens")
    };
    assert_eq!(list.side, Side::Left);
    let candidates = h.app.cursor_candidates_of(&list).to_vec();
    assert!(!candidates.is_empty() && candidates.windows(2).all(|w| w[0].score >= w[1].score));
    let screen = h.screen();
    assert!(
        screen.contains("What the right report says about"),
        "{screen}"
    );
    // Each candidate in turn is the right pane's cursor, above the panel,
    // and the left cursor stays above it too.
    for (i, c) in candidates.iter().enumerate().take(4) {
        assert_eq!(
            h.app.panes[Side::Right].cursor,
            c.other as usize,
            "candidate {i}"
        );
        for side in Side::BOTH {
            let pane = &h.app.panes[side];
            let (first, _) = pane.sentence_rows(pane.cursor).unwrap();
            assert!(
                first >= pane.top && first < pane.top + h.app.rows_above_panel(),
                "{side:?} cursor hidden by the panel"
            );
        }
        h.press("j");
    }
    // Esc closes and puts the right pane back.
    h.press("<esc>");
    assert_eq!(h.app.mode, Mode::Normal);
    assert_eq!(
        (
            h.app.panes[Side::Right].top,
            h.app.panes[Side::Right].cursor
        ),
        right_was
    );
}

#[test]
fn judging_a_candidate_anchors_the_tag_on_the_two_sentences() {
    let mut h = thesis();
    let left = h.app.panes[Side::Left].cursor;
    h.press("<enter>");
    select(&mut h, "single most significant threat");
    let right = h.app.panes[Side::Right].cursor;
    h.press("c");
    assert_eq!(h.app.mode, Mode::Normal);
    let tags = &h.app.tagging.as_ref().unwrap().set.tags;
    assert_eq!(tags.len(), 1);
    let tag = &tags[0];
    assert_eq!(tag.label.as_deref(), Some("contradict"));
    let joined = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(joined(&tag.left.exact), sentence(&h, Side::Left, left));
    assert_eq!(joined(&tag.right.exact), sentence(&h, Side::Right, right));
    assert!(tag.right.exact.contains("single most significant threat"));
    // The current pair is that one; its sentences are what is highlighted.
    assert_eq!(h.app.pair_span, Some([(left, left), (right, right)]));
    let c = h.app.comparison.as_ref().unwrap();
    let p = c.pairs[c.current.unwrap()];
    let expected_origin = if p.aligned.is_some() {
        Origin::Aligned
    } else {
        Origin::Manual
    };
    assert_eq!(tag.origin, expected_origin);
    // Undo takes the judgement back.
    h.press("u");
    assert!(
        h.app
            .tagging
            .as_ref()
            .unwrap()
            .set
            .tags
            .iter()
            .all(|t| t.label.is_none())
            || h.app.tagging.as_ref().unwrap().set.tags.is_empty()
    );
}

#[test]
fn v_widens_the_span_then_to_the_passage_then_back_and_moves_a_judged_anchor() {
    let mut h = Harness::seeds().with_tags(TagAccess::Writable);
    h.press("]");
    let span = h.app.pair_span.unwrap();
    let (first, last) = span[0];
    assert_eq!(first, last, "one sentence to start with");
    h.press("a");
    let exact = |h: &Harness| {
        h.app.tagging.as_ref().unwrap().set.tags[0]
            .left
            .exact
            .clone()
    };
    let one = exact(&h);
    h.press("v");
    let widened = h.app.pair_span.unwrap()[0];
    let passage = h.app.panes[Side::Left].sentences[first].passage;
    let in_passage = h.app.panes[Side::Left]
        .sentences
        .iter()
        .filter(|s| s.passage == passage)
        .count();
    if in_passage > 1 {
        assert_ne!(widened, (first, last));
        assert!(exact(&h).len() > one.len(), "the judged anchor widened");
        h.press("u");
        assert_eq!(exact(&h), one, "undo puts the anchor back");
    }
    // Pressing on: the whole passage, then one sentence again.
    let mut seen_whole = false;
    for _ in 0..(in_passage + 2) {
        h.press("v");
        let (f, l) = h.app.pair_span.unwrap()[0];
        seen_whole |= l - f + 1 == in_passage;
        if f == l && seen_whole {
            break;
        }
    }
    assert!(seen_whole);
    assert!(h.status().contains("span: one sentence"), "{}", h.status());
}

#[test]
fn a_sentence_without_candidates_says_so_and_opens_nothing() {
    let mut h = Harness::seeds();
    // The first sentence of the left report is its title, which pairs with
    // the other title or nothing; find one without candidates.
    let pane = &h.app.panes[Side::Left];
    let lonely = (0..pane.sentences.len())
        .find(|&i| h.app.comparison.as_ref().unwrap().alignment.candidates.left[i].is_empty());
    let Some(lonely) = lonely else { return };
    h.app.panes[Side::Left].set_cursor(lonely);
    h.press("<enter>");
    assert_eq!(h.app.mode, Mode::Normal);
    assert!(
        h.status().contains("says nothing the engine could link"),
        "{}",
        h.status()
    );
}

#[test]
fn the_note_panel_quotes_the_sentences_and_leaves_them_in_view() {
    let mut h = thesis();
    h.press("<enter>");
    select(&mut h, "single most significant threat");
    h.press("<enter>i");
    assert_eq!(h.app.mode, Mode::Note);
    let editor = h.app.note.as_ref().unwrap();
    assert!(editor.quotes[0].contains("In conclusion, IS-K is not really"));
    assert!(editor.quotes[1].contains("single most significant threat"));
    let span = h.app.pair_span.unwrap();
    for side in Side::BOTH {
        let pane = &h.app.panes[side];
        let (first, _) = pane.sentence_rows(span[side.index()].0).unwrap();
        assert!(
            first >= pane.top && first < pane.top + h.app.rows_above_panel(),
            "{side:?}: the judged sentence is hidden by the note panel"
        );
    }
    let screen = h.screen();
    assert!(screen.contains("L p23.s1 │ In conclusion"), "{screen}");
    // The sentence itself is on screen above the panel as well.
    let panel_top = screen.lines().position(|l| l.starts_with('╔')).unwrap();
    let above: Vec<&str> = screen.lines().take(panel_top).collect();
    assert!(
        above.iter().any(|l| l.contains("IS-K may now become")),
        "{screen}"
    );
}

#[test]
fn the_stance_glyph_marks_the_first_row_of_the_judged_sentences() {
    let mut h = Harness::seeds().with_tags(TagAccess::Writable);
    h.press("]");
    // A sentence that is not its passage's first, so the rows differ.
    let (first, _) = h.app.pair_span.unwrap()[0];
    let pane = &h.app.panes[Side::Left];
    let passage = pane.sentences[first].passage;
    if pane.first_sentence_of(passage) == Some(first) {
        h.press("v");
        let span = h.app.pair_span.unwrap()[0];
        assert!(span.1 > span.0);
    }
    h.press("c");
    let pane = &h.app.panes[Side::Left];
    let tag = &h.app.tagging.as_ref().unwrap().set.tags[0];
    let row = pane.wrapped.line_of_byte(pane.byte_of_char(tag.left.start)) - pane.top;
    let screen = h.screen();
    let lines: Vec<&str> = screen.lines().collect();
    // Screen row = pane row + 1 (the border); the glyph is the gutter's
    // sixth column.
    let gutter = |r: usize| lines[r + 1].chars().skip(1).take(7).collect::<String>();
    assert!(
        gutter(row).contains('≠'),
        "row {row}: {:?}\n{screen}",
        gutter(row)
    );
    let marked = (0..pane.height)
        .filter(|&r| gutter(r).contains('≠'))
        .count();
    assert_eq!(marked, 1, "{screen}");
}

#[test]
fn the_same_from_the_other_pane() {
    let mut h = Harness::seeds().with_tags(TagAccess::Writable);
    h.press("<tab>/single most significant<enter><enter>");
    let Mode::Candidates(list) = h.app.mode.clone() else {
        panic!("the candidate list opens from the right pane")
    };
    assert_eq!(list.side, Side::Right);
    assert!(h.screen().contains("What the left report says about"));
    let best = h.app.cursor_candidates_of(&list)[0].other as usize;
    assert_eq!(
        h.app.panes[Side::Left].cursor,
        best,
        "previewed in the left pane"
    );
    h.press("a");
    let tag = &h.app.tagging.as_ref().unwrap().set.tags[0];
    assert!(tag.right.exact.contains("single most significant"));
    assert_eq!(tag.label.as_deref(), Some("agree"));
}

#[test]
fn a_pair_judged_on_other_sentences_is_shown_not_moved_or_relabelled() {
    let mut h = Harness::seeds().with_tags(TagAccess::Writable);
    // Find a judged pair and, for another sentence of its left passage, a
    // candidate in its right passage other than the judged sentence.
    for _ in 0..20 {
        h.press("]");
        let span = h.app.pair_span.unwrap();
        let c = h.app.comparison.as_ref().unwrap();
        let p = c.pairs[c.current.unwrap()];
        let left = &h.app.panes[Side::Left];
        let right = &h.app.panes[Side::Right];
        let other = (0..left.sentences.len())
            .filter(|&i| left.sentences[i].passage == p.left && i != span[0].0)
            .find_map(|i| {
                let j = c.alignment.candidates.left[i].iter().position(|cand| {
                    let o = cand.other as usize;
                    right.sentences[o].passage == p.right && o != span[1].0
                })?;
                Some((i, j))
            });
        let Some((sentence, rank)) = other else {
            continue;
        };
        h.press("a");
        let before = h.app.tagging.as_ref().unwrap().set.tags[0].clone();
        h.app.panes[Side::Left].set_cursor(sentence);
        h.press("<enter>");
        for _ in 0..rank {
            h.press("j");
        }
        h.press("c");
        let after = &h.app.tagging.as_ref().unwrap().set.tags[0];
        assert_eq!(after, &before, "neither moved nor relabelled");
        assert!(
            h.status().contains("already judged on other sentences"),
            "{}",
            h.status()
        );
        assert_eq!(
            h.app.pair_span.unwrap()[0],
            span[0],
            "the judged sentences are shown"
        );
        return;
    }
    panic!("no pair with a second candidate inside its passages in the fixture");
}

/// The list's row of the candidate whose id is `id`.
fn row_of<'s>(screen: &'s str, id: &str) -> &'s str {
    let panel = screen
        .lines()
        .skip_while(|l| !l.starts_with('╔'))
        .skip(1)
        .collect::<Vec<_>>();
    panel
        .into_iter()
        .find(|l| l.contains(&format!(" {id} ")))
        .unwrap_or_else(|| panic!("no row for {id}:\n{screen}"))
}

#[test]
fn a_judged_candidate_shows_the_judgement_not_the_hint() {
    let mut h = thesis();
    h.press("<enter>");
    let Mode::Candidates(list) = h.app.mode.clone() else {
        panic!("the list is open")
    };
    // The first candidate the engine suggests is a contradiction.
    let rank = h
        .app
        .cursor_candidates_of(&list)
        .iter()
        .position(|c| c.hint.as_ref().map(|h| h.kind) == Some(HintKind::Contradiction))
        .expect("a suggested contradiction among the thesis's candidates");
    for _ in 0..rank {
        h.press("j");
    }
    let candidate = h.app.cursor_candidates_of(&list)[rank].clone();
    let id = h.app.panes[Side::Right].sentences[candidate.other as usize]
        .id
        .clone();
    let before = h.screen();
    let hinted = row_of(&before, &id).to_string();
    assert!(
        hinted.contains("≠?"),
        "the engine suggests a contradiction: {hinted}"
    );
    h.press("c");
    // The cursor is back on the asked sentence: the list again.
    h.press("<enter>");
    let after = h.screen();
    let judged = row_of(&after, &id);
    assert!(judged.contains(&format!("≠  {id}")), "{judged}");
    assert!(!judged.contains('?'), "judged, not suggested: {judged}");
    // Undone, the suggestion is back.
    h.press("<esc>u<enter>");
    let undone = h.screen();
    assert!(row_of(&undone, &id).contains("≠?"), "{undone}");
}
