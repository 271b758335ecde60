//! Flow tests: scripted keys into the model, with the alignment delivered as
//! the worker would deliver it; assertions on the model and the effects.

use diptych::action::Effect;
use diptych::align::{AliasTable, align};
use diptych::app::{App, Mode, Msg};
use diptych::document::{Document, Source};
use diptych::keymap::Keymap;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn aligned_app(left: Document, right: Document) -> App {
    let mut app = App::new(left, right, Keymap::default());
    app.update(Msg::Resize {
        width: 120,
        height: 30,
    });
    assert_eq!(app.start(), vec![Effect::StartAlignment]);
    let alignment = align(&app.panes[0].doc, &app.panes[1].doc, &AliasTable::builtin());
    app.update(Msg::Aligned(Box::new(alignment)));
    app
}

fn seeds() -> App {
    aligned_app(Document::seed_left(), Document::seed_right())
}

fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            '\t' => KeyCode::Tab,
            c => KeyCode::Char(c),
        };
        effects.extend(app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))));
    }
    effects
}

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

fn first_rows(app: &App, side: usize, passage: usize) -> usize {
    app.panes[side].wrapped.passage_first_line[passage]
}

#[test]
fn next_pair_puts_both_passages_level_and_explains() {
    let mut app = seeds();
    press(&mut app, "]");
    let c = app.comparison.as_ref().unwrap();
    let pair = &c.alignment.pairs[c.current.unwrap()];
    let rows = [
        first_rows(&app, 0, pair.left) - app.panes[0].top,
        first_rows(&app, 1, pair.right) - app.panes[1].top,
    ];
    assert_eq!(rows[0], rows[1], "passages stand at the same height");
    assert!(status(&app).starts_with("pair 1 of"), "{}", status(&app));
    assert!(status(&app).contains("shared: "), "{}", status(&app));
    // Back and forth, wrapping around.
    press(&mut app, "[");
    assert!(status(&app).contains("(wrapped)"), "{}", status(&app));
    press(&mut app, "]");
    assert!(status(&app).starts_with("pair 1 of"));
}

#[test]
fn topic_filter_limits_pairs_and_highlights_terms() {
    let mut app = seeds();
    press(&mut app, "tturkey\n");
    assert_eq!(app.mode, Mode::Normal);
    let c = app.comparison.as_ref().unwrap();
    let topic = c.topic.expect("a topic is selected");
    assert_eq!(c.alignment.topics[topic].label, "Turkey");
    assert!(
        status(&app).starts_with("topic: Turkey"),
        "{}",
        status(&app)
    );
    // Highlights found "Turkey" on the left and "Turkish"/"Ankara" on the right.
    let left = &app.panes[0].doc.text;
    let right = &app.panes[1].doc.text;
    assert!(c.spans[0].iter().any(|r| &left[r.clone()] == "Turkey"));
    assert!(c.spans[1].iter().any(|r| &right[r.clone()] == "Ankara"));
    // Every pair visited has the topic.
    let visible: Vec<usize> = c.visible_pairs().collect();
    assert!(!visible.is_empty());
    for _ in 0..visible.len() {
        press(&mut app, "]");
        let c = app.comparison.as_ref().unwrap();
        assert!(
            c.alignment.pairs[c.current.unwrap()]
                .topics
                .contains(&topic)
        );
    }
    // The "all topics" row clears the filter.
    press(&mut app, "t\n");
    assert_eq!(app.comparison.as_ref().unwrap().topic, None);
}

#[test]
fn scroll_lock_keeps_the_other_pane_following() {
    let mut app = seeds();
    assert!(app.scroll_lock);
    press(&mut app, "G");
    assert!(app.panes[1].top > 0, "right pane followed to the end");
    press(&mut app, "g");
    assert_eq!(app.panes[1].top, 0);
    press(&mut app, "s");
    assert!(status(&app).contains("scroll lock off"));
    press(&mut app, "G");
    assert_eq!(app.panes[1].top, 0, "right pane stays put with lock off");
}

#[test]
fn no_shared_topics_is_said_not_crashed() {
    let doc = |name: &'static str, text: &str| {
        Document::from_bytes(Source::Embedded(name), text.as_bytes()).unwrap()
    };
    let mut app = aligned_app(
        doc(
            "a",
            "Apples\n\nThe orchard grows crisp apples every autumn in the valley.\n",
        ),
        doc(
            "b",
            "Engines\n\nDiesel engines need injectors, pistons and careful timing.\n",
        ),
    );
    assert!(
        status(&app).contains("no shared topics"),
        "{}",
        status(&app)
    );
    press(&mut app, "]");
    assert!(
        status(&app).contains("no aligned pairs"),
        "{}",
        status(&app)
    );
    press(&mut app, "t");
    assert!(matches!(app.mode, Mode::Topics { .. }));
    press(&mut app, "\x1b");
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn pair_keys_before_alignment_say_it_is_running() {
    let mut app = App::new(
        Document::seed_left(),
        Document::seed_right(),
        Keymap::default(),
    );
    app.update(Msg::Resize {
        width: 100,
        height: 30,
    });
    app.start();
    app.update(Msg::AlignProgress(0.5));
    press(&mut app, "]");
    assert!(
        status(&app).contains("still aligning (50%)"),
        "{}",
        status(&app)
    );
}
