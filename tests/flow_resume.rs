//! What the model remembers of a comparison and how it resumes: positions
//! survive another terminal width, the topic filter comes back once the
//! alignment arrives, the export dialog offers the last export path, and a
//! topic that no longer exists is said, not silently dropped.

mod harness;

use std::path::PathBuf;

use diptych::app::{Mode, Msg, Resume};
use diptych::keymap::Keymap;
use diptych::side::Side;
use harness::Harness;

fn left_at(h: &Harness) -> (String, String) {
    let pane = &h.app.panes[Side::Left];
    let top = pane.wrapped.lines[pane.top];
    (
        pane.cursor_sentence().unwrap().joined(&pane.doc.text),
        pane.doc.text[top.range()].to_string(),
    )
}

#[test]
fn a_session_resumes_at_another_width_with_its_filter_and_export_path() {
    let mut h = Harness::seeds();
    h.press("/not really<enter><tab>)");
    h.press("tAfghanistan<enter>");
    h.send(Msg::Exported(Ok(PathBuf::from("/tmp/brief.html"))));
    let resume = h.app.resume_state();
    assert_eq!(resume.focus, Side::Right);
    assert_eq!(resume.topic.as_deref(), Some("Afghanistan"));
    assert_eq!(resume.export_path.as_deref(), Some("/tmp/brief.html"));
    let (cursor, _) = left_at(&h);

    // Another terminal, narrower: the same sentence under the cursor, the
    // top row still inside the same text.
    let mut again = Harness::unaligned(90, 24, Keymap::default());
    again.app = again.app.clone().with_resume(resume.clone());
    again.send(Msg::Resize {
        width: 90,
        height: 24,
    });
    let again = again.aligned();
    let (cursor_again, _) = left_at(&again);
    assert_eq!(cursor_again, cursor);
    let pane = &again.app.panes[Side::Left];
    let top = pane.wrapped.lines[pane.top];
    assert!(top.range().contains(&resume.top[0]) || top.start as usize == resume.top[0]);
    assert_eq!(again.app.focus, Side::Right);
    let c = again.app.comparison.as_ref().unwrap();
    assert_eq!(
        c.topic.map(|t| c.alignment.topics[t].label.as_str()),
        Some("Afghanistan")
    );

    // The export dialog starts from the last export, in its format.
    let mut again = again.with_tags(diptych::app::TagAccess::Writable);
    again.press("e");
    let Mode::Export(dialog) = &again.app.mode else {
        panic!("export dialog")
    };
    assert_eq!(dialog.path.text(), "/tmp/brief.html");
    assert_eq!(dialog.format, diptych::export::Format::Html);
}

#[test]
fn a_topic_that_is_gone_is_said_and_positions_past_the_end_are_clamped() {
    let resume = Resume {
        top: [usize::MAX, 10_000_000],
        cursor: [usize::MAX, 3],
        topic: Some("Atlantis".into()),
        ..Resume::default()
    };
    let mut h = Harness::unaligned(120, 30, Keymap::default());
    h.app = h.app.clone().with_resume(resume);
    let h = h.aligned();
    assert!(
        h.status().contains("“Atlantis” of last time is gone"),
        "{}",
        h.status()
    );
    let pane = &h.app.panes[Side::Left];
    assert_eq!(pane.cursor, pane.sentences.len() - 1);
    assert!(pane.top <= pane.max_top());
}

#[test]
fn a_session_left_in_a_taller_terminal_resumes_with_the_cursor_on_screen() {
    // The cursor low on a 40-row screen, where 24 rows do not reach.
    let mut h = Harness::seeds_sized(120, 40);
    h.press("<pagedown><pagedown>");
    for _ in 0..40 {
        let pane = &h.app.panes[Side::Left];
        let (first, _) = pane.sentence_rows(pane.cursor).unwrap();
        if first >= pane.top + 24 {
            break;
        }
        h.press("k");
    }
    let resume = h.app.resume_state();
    let (cursor, _) = left_at(&h);

    let mut again = Harness::unaligned(80, 24, Keymap::default());
    again.app = again.app.clone().with_resume(resume);
    let again = again.aligned();
    let (cursor_again, _) = left_at(&again);
    assert_eq!(cursor_again, cursor, "the same sentence under the cursor");
    let pane = &again.app.panes[Side::Left];
    let (first, last) = pane.sentence_rows(pane.cursor).unwrap();
    assert!(
        first >= pane.top && last < pane.top + pane.height,
        "rows {first}..={last} with {}..{} shown",
        pane.top,
        pane.top + pane.height
    );
}
