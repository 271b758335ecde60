//! Zero-width-joiner sequences (family emoji, `a\u{200d}b`) at the edge of
//! a pane and inside a popup: every cell sent to the terminal is drawn at
//! the width it was measured at, so gutters and borders stay in place.

mod common;

use diptych::app::{App, Msg};
use diptych::document::{Document, Source};
use diptych::keymap::Keymap;
use diptych::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_width::UnicodeWidthStr;

use common::{REPORT, Tmux, WAIT, bin, tmux_available};

const FAMILY: &str = "👨\u{200d}👩\u{200d}👧\u{200d}👦";

/// Lines whose joined sequences fall at every column near the wrap edge.
fn zwj_text() -> String {
    let mut s = String::from("Title\n\n");
    for pad in 0..12 {
        s.push_str(&format!(
            "{} word a\u{200d}b {FAMILY} family 👩\u{200d}🔬 end\n\n",
            "w".repeat(pad * 3)
        ));
    }
    s
}

#[test]
fn no_joined_sequence_reaches_the_terminal_in_panes_or_popups() {
    let d = |t: &str| Document::from_bytes(Source::Embedded("z"), t.as_bytes()).unwrap();
    let mut app = App::new(d(&zwj_text()), d(&zwj_text()), Keymap::default());
    for width in [40u16, 61, 80, 97] {
        app.update(Msg::Resize { width, height: 24 });
        let mut terminal = Terminal::new(TestBackend::new(width, 24)).unwrap();
        terminal
            .draw(|f| diptych::ui::draw(f, &app, &Theme::default()))
            .unwrap();
        let buffer = terminal.backend().buffer();
        for cell in &buffer.content {
            assert!(!cell.symbol().contains('\u{200d}'), "{:?}", cell.symbol());
            assert!(cell.symbol().width() <= 2);
        }
    }
    // In the search prompt, with a joined sequence typed.
    app.update(Msg::Resize {
        width: 80,
        height: 24,
    });
    app.on_key(&(KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE)));
    for c in FAMILY.chars() {
        app.on_key(&(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)));
    }
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|f| diptych::ui::draw(f, &app, &Theme::default()))
        .unwrap();
    assert!(
        terminal
            .backend()
            .buffer()
            .content
            .iter()
            .all(|c| !c.symbol().contains('\u{200d}'))
    );
}

/// The column (in display width) where the right pane's border starts.
fn border_column(line: &str) -> Option<usize> {
    let at = line.find(['┃', '┓', '┛']).and_then(|first| {
        line[first + 3..]
            .find(['┃', '┓', '┛'])
            .map(|second| first + 3 + second)
    })?;
    Some(line[..at].width())
}

#[test]
fn borders_stay_in_place_in_tmux() {
    if !tmux_available() {
        return;
    }
    let t = Tmux::start("zwj", 100, 30, &[]);
    let file = t.dir.path().join("z.txt");
    std::fs::write(&file, zwj_text()).unwrap();
    t.run(&format!(
        "{} {} {}{REPORT}",
        bin(),
        file.display(),
        file.display()
    ));
    let screen = t.wait_for(" pairs =", WAIT);
    let columns: Vec<usize> = screen.lines().take(29).filter_map(border_column).collect();
    assert!(columns.len() > 20, "{screen}");
    assert!(
        columns.iter().all(|&c| c == columns[0]),
        "the left pane's right border moved: {columns:?}\n{screen}"
    );
    t.keys(&["q"]);
    t.wait_for("EXIT=0 icanon", WAIT);
}

#[test]
fn a_bidi_override_in_a_file_name_is_never_drawn() {
    let path = std::path::PathBuf::from("rep\u{202e}olleh.txt");
    let d = Document::from_bytes(Source::File(path), b"Title\n\nSome text.\n").unwrap();
    let mut app = App::new(d.clone(), d, Keymap::default());
    app.update(Msg::Resize {
        width: 80,
        height: 20,
    });
    let mut terminal = Terminal::new(TestBackend::new(80, 20)).unwrap();
    terminal
        .draw(|f| diptych::ui::draw(f, &app, &Theme::default()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    assert!(
        buffer
            .content
            .iter()
            .all(|c| !c.symbol().contains('\u{202e}'))
    );
}
