//! Rendering against ratatui's TestBackend at fixed sizes, and the promise
//! that drawing never panics whatever the size and state.

use diptych::app::{App, Msg};
use diptych::document::{Document, Source};
use diptych::keymap::Keymap;
use diptych::theme::Theme;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Modifier;

fn seeds_app(width: u16, height: u16) -> App {
    let mut app = App::new(
        Document::seed_left(),
        Document::seed_right(),
        Keymap::default(),
    );
    app.update(Msg::Resize { width, height });
    app
}

fn draw(app: &App, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| diptych::ui::draw(f, app, &Theme::default()))
        .unwrap();
    terminal.backend().buffer().clone()
}

fn text_of(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut row = String::new();
        for x in 0..area.width {
            row.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\t' => KeyCode::Tab,
            c => KeyCode::Char(c),
        };
        app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }
}

#[test]
fn seeds_side_by_side() {
    let app = seeds_app(100, 24);
    insta::assert_snapshot!(text_of(&draw(&app, 100, 24)));
}

#[test]
fn focus_is_shown_without_colour() {
    let mut app = seeds_app(100, 24);
    let before = text_of(&draw(&app, 100, 24));
    assert!(before.starts_with("┏▶ The Islamic State"));
    press(&mut app, "\t");
    let after = text_of(&draw(&app, 100, 24));
    assert!(
        after
            .lines()
            .next()
            .unwrap()
            .contains("┏▶ IS-K – An Overlooked Threat?")
    );
    assert!(after.starts_with("┌  The Islamic State"));
}

#[test]
fn help_overlay_lists_every_action() {
    let mut app = seeds_app(100, 30);
    press(&mut app, "?");
    let screen = text_of(&draw(&app, 100, 30));
    insta::assert_snapshot!(screen);
    // Scrolling the overlay reaches every action.
    let mut seen = screen;
    for _ in 0..diptych::action::Action::ALL.len() {
        press(&mut app, "j");
        seen.push_str(&text_of(&draw(&app, 100, 30)));
    }
    for action in diptych::action::Action::ALL {
        assert!(seen.contains(action.description()), "{}", action.name());
    }
}

#[test]
fn search_highlights_matches_and_current_one() {
    let mut app = seeds_app(100, 24);
    press(&mut app, "/turkey\n");
    let buffer = draw(&app, 100, 24);
    let screen = text_of(&buffer);
    insta::assert_snapshot!(screen);
    // At least one cell carries the search style (underlined) and the current
    // match is also reversed.
    let mut underlined = 0;
    let mut current = 0;
    for cell in buffer.content() {
        if cell.modifier.contains(Modifier::UNDERLINED) {
            underlined += 1;
            if cell.modifier.contains(Modifier::REVERSED) {
                current += 1;
            }
        }
    }
    assert!(underlined >= 6 && current == 6, "{underlined} {current}");
}

#[test]
fn too_small_shows_a_notice() {
    let app = seeds_app(30, 6);
    let screen = text_of(&draw(&app, 30, 6));
    assert!(screen.contains("terminal too small"), "{screen}");
}

#[test]
fn hostile_text_is_drawn_defanged() {
    let left = Document::from_bytes(
        Source::Embedded("evil.txt"),
        b"Evil \x1b]0;title\x07\n\nBody \x1b[31mred\x1b[0m \x1b]52;c;aGk=\x07.\n",
    )
    .unwrap();
    let mut app = App::new(left, Document::seed_right(), Keymap::default());
    app.update(Msg::Resize {
        width: 80,
        height: 12,
    });
    let buffer = draw(&app, 80, 12);
    for cell in buffer.content() {
        assert!(
            !cell.symbol().chars().any(|c| c.is_control()),
            "{:?}",
            cell.symbol()
        );
    }
    assert!(text_of(&buffer).contains("Body ␛[31mred"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    /// Drawing never panics at any size from 1x1 to 200x60, in any mode,
    /// after any scrolling.
    #[test]
    fn drawing_never_panics(
        width in 1u16..=200,
        height in 1u16..=60,
        keys in proptest::collection::vec(
            proptest::sample::select(vec!['j', 'k', 'G', 'g', '}', '{', '\t', '?', ' ', 'n', 'N']),
            0..12,
        ),
        second_width in 1u16..=200,
        second_height in 1u16..=60,
    ) {
        let mut app = seeds_app(width, height);
        let keys: String = keys.into_iter().collect();
        press(&mut app, &keys);
        draw(&app, width, height);
        app.update(Msg::Resize { width: second_width, height: second_height });
        draw(&app, second_width, second_height);
    }
}

#[test]
fn drawing_never_panics_on_every_small_size() {
    let mut app = seeds_app(1, 1);
    for width in 1..=60 {
        for height in 1..=12 {
            app.update(Msg::Resize { width, height });
            draw(&app, width, height);
        }
    }
}

#[test]
fn mono_theme_draws_no_colour_and_marks_selection_by_modifiers() {
    use ratatui::style::Color;
    let mono = diptych::theme::ThemeSet::bundled().get("mono").unwrap();
    let mut app = seeds_app(100, 24);
    press(&mut app, "/Turkey\n");
    let mut terminal = Terminal::new(TestBackend::new(100, 24)).unwrap();
    terminal
        .draw(|f| diptych::ui::draw(f, &app, &mono))
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    for cell in buffer.content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
    }
    let reversed: String = buffer
        .content()
        .iter()
        .filter(|c| c.modifier.contains(Modifier::REVERSED))
        .map(|c| c.symbol())
        .collect();
    assert!(reversed.contains("Turkey"), "{reversed}");
}

fn aligned(width: u16, height: u16) -> App {
    let mut app = seeds_app(width, height);
    let alignment = diptych::align::align(
        &app.panes[0].doc,
        &app.panes[1].doc,
        &diptych::align::AliasTable::builtin(),
    );
    app.update(Msg::Aligned(Box::new(alignment)));
    app
}

#[test]
fn current_pair_is_marked_in_both_gutters() {
    let mut app = aligned(110, 24);
    press(&mut app, "]");
    let screen = text_of(&draw(&app, 110, 24));
    insta::assert_snapshot!(screen);
    // The mark is a shape (▶ and a bar), in both panes, on the same row.
    let row = screen.lines().find(|l| l.matches('▶').count() == 2);
    assert!(row.is_some(), "{screen}");
}

#[test]
fn topics_panel_lists_shared_first_with_counts() {
    let mut app = aligned(110, 30);
    press(&mut app, "t");
    let screen = text_of(&draw(&app, 110, 30));
    insta::assert_snapshot!(screen);
    assert!(screen.contains("Turkey"));
    assert!(screen.contains("all topics"));
}
