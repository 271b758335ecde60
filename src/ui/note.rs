//! The note editor popup: a centred box holding a [`TextArea`], soft-wrapped,
//! scrolled to keep the cursor visible, with the terminal cursor placed on it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Position};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::action::Action;
use crate::app::textarea::TextArea;
use crate::keymap::{Keymap, Table};
use crate::theme::Theme;

/// The footer from the live keymap, and a shorter one with the same keys
/// for narrow popups (`^S` for `ctrl-s`).
pub fn footers(keymap: &Keymap) -> [String; 2] {
    let keys = |a| keymap.describe_keys(Table::Note, a);
    let (keep, discard, editor) = (
        keys(Action::SaveNote),
        keys(Action::DiscardNote),
        keys(Action::ExternalEditor),
    );
    let full = format!("{keep} keep · {discard} discard · {editor} $EDITOR");
    let caret = |k: &str| {
        k.split('/')
            .map(|c| match c.strip_prefix("ctrl-") {
                Some(rest) if rest.chars().count() == 1 => format!("^{}", rest.to_uppercase()),
                _ => c.to_string(),
            })
            .collect::<Vec<_>>()
            .join("/")
    };
    let short = format!(
        "{} keep · {} discard · {} editor",
        caret(&keep),
        caret(&discard),
        caret(&editor)
    );
    [full, short]
}

/// Draws a centred popup (about 70% of the screen, at least 40x8 where the
/// screen allows) titled `title`, holding `area` with the cursor shown;
/// the first of `footers` that fits is shown under it.
pub fn render(
    frame: &mut Frame<'_>,
    title: &str,
    footers: &[String],
    area: &TextArea,
    theme: &Theme,
) {
    let screen = frame.area();
    let width = (u32::from(screen.width) * 7 / 10) as u16;
    let height = (u32::from(screen.height) * 7 / 10) as u16;
    let popup = screen.centered(
        Constraint::Length(width.max(screen.width.min(40))),
        Constraint::Length(height.max(screen.height.min(8))),
    );
    let footer = footers
        .iter()
        .find(|f| f.chars().count() + 4 <= usize::from(popup.width))
        .or(footers.last())
        .map_or("", String::as_str);
    // The title may quote a passage; nothing in it may reach the terminal
    // as a control sequence.
    let title: String = title.chars().filter(|c| !c.is_control()).collect();
    let inner = super::picker::popup_frame(frame, popup, &title, footer, theme);
    if inner.is_empty() {
        return;
    }
    area.set_viewport(inner.width, inner.height);
    let wrap = usize::from(inner.width);
    let visible = usize::from(inner.height);
    let rows = area.layout(wrap);
    let (cursor_row, cursor_x) = area.cursor_visual(wrap);
    let top = area.scroll_for(cursor_row, rows.len(), visible);
    let lines: Vec<Line<'_>> = rows
        .iter()
        .skip(top)
        .take(visible)
        .map(|(line, row)| Line::styled(&area.lines()[*line][row.bytes.clone()], theme.text))
        .collect();
    frame.render_widget(Paragraph::new(lines).style(theme.popup), inner);
    // A grapheme wider than the whole box can push the column past its edge.
    let x = cursor_x.min(wrap - 1) as u16;
    let y = (cursor_row - top) as u16;
    frame.set_cursor_position(Position::new(inner.x + x, inner.y + y));
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use unicode_width::UnicodeWidthStr;

    fn draw(width: u16, height: u16, area: &TextArea) -> Terminal<TestBackend> {
        draw_themed(width, height, area, &Theme::dark())
    }

    fn draw_themed(
        width: u16,
        height: u16,
        area: &TextArea,
        theme: &Theme,
    ) -> Terminal<TestBackend> {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|frame| {
                let footers = footers(&Keymap::default());
                render(frame, "Note on §3 ↔ §7", &footers, area, theme)
            })
            .unwrap();
        terminal
    }

    /// Row `y` as the terminal shows it: the cell hidden behind a wide
    /// character is skipped.
    fn row_text(terminal: &Terminal<TestBackend>, y: u16) -> String {
        let buffer = terminal.backend().buffer();
        let mut text = String::new();
        let mut x = 0;
        while x < buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            text.push_str(symbol);
            x += (symbol.width() as u16).max(1);
        }
        text
    }

    fn screen_text(terminal: &Terminal<TestBackend>) -> String {
        let height = terminal.backend().buffer().area.height;
        (0..height)
            .map(|y| row_text(terminal, y))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn renders_title_text_footer_and_cursor_at_60x20() {
        let area = TextArea::new("Both reports cite the same survey.\nsecond line");
        let terminal = draw(60, 20, &area);
        // 70% of 60x20 is 42x14, centred: columns 9..51, rows 3..17.
        let top = row_text(&terminal, 3);
        assert!(top.contains("╔"), "{top}");
        assert!(top.contains(" Note on §3 ↔ §7 "), "{top}");
        assert_eq!(
            row_text(&terminal, 4).trim(),
            "║Both reports cite the same survey.      ║"
        );
        assert_eq!(
            row_text(&terminal, 5).trim(),
            "║second line                             ║"
        );
        let bottom = row_text(&terminal, 16);
        assert!(
            bottom.contains("^S/esc keep · ^G discard · ^E editor"),
            "{bottom}"
        );
        assert!(terminal.backend().cursor_visible());
        assert_eq!(
            terminal.backend().cursor_position(),
            Position::new(10 + 11, 5)
        );
        assert_eq!(row_text(&terminal, 2).trim(), "");
    }

    #[test]
    fn full_footer_when_the_popup_is_wide_enough() {
        let terminal = draw(100, 20, &TextArea::new(""));
        assert!(
            screen_text(&terminal).contains("ctrl-s/esc keep · ctrl-g discard · ctrl-e $EDITOR")
        );
        assert_eq!(terminal.backend().cursor_position(), Position::new(16, 4));
    }

    #[test]
    fn long_lines_wrap_and_the_cursor_follows_display_width() {
        // Inner width 40: the words wrap at the last space that fits.
        let text = "日本語のテキスト and a fairly long English sentence that wraps";
        let area = TextArea::new(text);
        let terminal = draw(60, 20, &area);
        let first = row_text(&terminal, 4);
        assert!(
            first.contains("日本語のテキスト and a fairly long"),
            "{first}"
        );
        let second = row_text(&terminal, 5);
        assert!(second.contains("English sentence that wraps"), "{second}");
        let expected_x = 10 + "English sentence that wraps".len() as u16;
        assert_eq!(
            terminal.backend().cursor_position(),
            Position::new(expected_x, 5)
        );
    }

    #[test]
    fn scrolls_to_keep_the_cursor_visible_and_stays_put_while_it_is() {
        let text: Vec<String> = (0..40).map(|i| format!("line {i}")).collect();
        let mut area = TextArea::new(&text.join("\n"));
        // Inner height is 12 rows at 60x20: the end of the text is shown.
        let terminal = draw(60, 20, &area);
        assert!(row_text(&terminal, 15).contains("line 39"));
        assert!(row_text(&terminal, 4).contains("line 28"));
        assert_eq!(terminal.backend().cursor_position().y, 15);
        // Moving up within the visible rows does not scroll.
        for _ in 0..5 {
            area.edit(Action::CursorUp);
        }
        let terminal = draw(60, 20, &area);
        assert!(row_text(&terminal, 4).contains("line 28"));
        assert_eq!(terminal.backend().cursor_position().y, 10);
        // PageUp moves by the height just drawn, and the view follows.
        area.edit(Action::CursorPageUp);
        assert_eq!(area.cursor().0, 34 - 12);
        let terminal = draw(60, 20, &area);
        assert!(row_text(&terminal, 4).contains("line 22"));
        assert_eq!(terminal.backend().cursor_position().y, 4);
    }

    #[test]
    fn never_panics_and_keeps_the_cursor_on_screen_at_any_size() {
        let text = "naïve 👩‍👩‍👧 日本 and a long line that will have to wrap many times over\n\
                    a\n\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\no\np\nq\n\
                    日日日日日日日日日日日日日日日日日日日日日日日日日日日日日日日日日日日日日日日日";
        let mut at_start = TextArea::new(text);
        at_start.edit(Action::TextStart);
        let areas = [TextArea::new(""), TextArea::new(text), at_start];
        let theme = Theme::dark();
        for area in &areas {
            for width in 1..=80 {
                for height in 1..=24 {
                    let terminal = draw_themed(width, height, area, &theme);
                    let backend = terminal.backend();
                    if backend.cursor_visible() {
                        let p = backend.cursor_position();
                        assert!(
                            (1..width - 1).contains(&p.x) && (1..height - 1).contains(&p.y),
                            "cursor {p:?} outside the box on a {width}x{height} screen for {:?}",
                            area.text()
                        );
                    } else {
                        // Only a popup with no room inside hides the cursor.
                        assert!(width < 3 || height < 3, "no cursor at {width}x{height}");
                    }
                }
            }
        }
    }

    #[test]
    fn control_characters_in_the_title_are_not_drawn() {
        let terminal = draw(60, 20, &TextArea::new(""));
        let mut terminal2 = Terminal::new(TestBackend::new(60, 20)).unwrap();
        terminal2
            .draw(|frame| {
                render(
                    frame,
                    "Note on §3\x1b ↔ §7",
                    &footers(&Keymap::default()),
                    &TextArea::new(""),
                    &Theme::dark(),
                )
            })
            .unwrap();
        assert_eq!(screen_text(&terminal), screen_text(&terminal2));
    }
}
