//! The note editor: a panel across the lower third of the screen (above the
//! status line), so both sentences being judged stay in view above it, with
//! those sentences quoted at its top and a [`TextArea`] under them,
//! soft-wrapped, scrolled to keep the cursor visible, with the terminal
//! cursor placed on it.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
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

/// Rows of the note panel on a screen `height` rows high: a third of it,
/// at least 8 where the screen allows, leaving the status line.
pub fn panel_height(height: u16) -> u16 {
    (height / 3).max(8).min(height.saturating_sub(1))
}

/// Draws the note panel titled `title` across the bottom of the screen
/// (above the status line), `quotes` (one line each, cut to the width) at
/// its top, then `area` with the cursor shown; the first of `footers` that
/// fits is shown under it.
pub fn render(
    frame: &mut Frame<'_>,
    title: &str,
    quotes: &[String],
    footers: &[String],
    area: &TextArea,
    theme: &Theme,
) {
    let screen = frame.area();
    let height = panel_height(screen.height);
    let popup = Rect::new(
        screen.x,
        (screen.y + screen.height).saturating_sub(height + 1),
        screen.width,
        height,
    );
    let footer = footers
        .iter()
        .find(|f| f.chars().count() + 4 <= usize::from(popup.width))
        .or(footers.last())
        .map_or("", String::as_str);
    // The title may quote a passage; nothing in it may reach the terminal
    // as a control sequence.
    let title: String = title.chars().filter(|c| !c.is_control()).collect();
    let mut inner = super::picker::popup_frame(frame, popup, &title, footer, theme);
    // The quotes keep at least two rows for the text under them.
    let quoted = quotes
        .len()
        .min(usize::from(inner.height.saturating_sub(2))) as u16;
    if quoted > 0 {
        let width = usize::from(inner.width);
        let lines: Vec<Line<'_>> = quotes
            .iter()
            .take(usize::from(quoted))
            .map(|q| {
                let q: String = q.chars().filter(|c| !c.is_control()).collect();
                let cut = if q.chars().count() > width {
                    let mut s: String = q.chars().take(width.saturating_sub(1)).collect();
                    s.push('…');
                    s
                } else {
                    q
                };
                Line::styled(cut, theme.muted)
            })
            .collect();
        frame.render_widget(
            Paragraph::new(lines).style(theme.popup),
            Rect::new(inner.x, inner.y, inner.width, quoted),
        );
        inner = Rect::new(
            inner.x,
            inner.y + quoted,
            inner.width,
            inner.height - quoted,
        );
    }
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
                render(frame, "Note on §3 ↔ §7", &[], &footers, area, theme)
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
        // A third of 20 rows is under the minimum of 8: rows 11..=18, the
        // whole width, the status row (19) left free.
        let top = row_text(&terminal, 11);
        assert!(top.starts_with("╔"), "{top}");
        assert!(top.contains(" Note on §3 ↔ §7 "), "{top}");
        assert_eq!(
            row_text(&terminal, 12),
            format!("║{:58}║", "Both reports cite the same survey.")
        );
        assert_eq!(row_text(&terminal, 13), format!("║{:58}║", "second line"));
        let bottom = row_text(&terminal, 18);
        assert!(
            bottom.contains("ctrl-s/esc keep · ctrl-g discard · ctrl-e $EDITOR"),
            "{bottom}"
        );
        assert!(terminal.backend().cursor_visible());
        assert_eq!(
            terminal.backend().cursor_position(),
            Position::new(1 + 11, 13)
        );
        assert_eq!(row_text(&terminal, 10).trim(), "");
        assert_eq!(row_text(&terminal, 19).trim(), "");
    }

    #[test]
    fn the_short_footer_when_the_panel_is_narrow() {
        let terminal = draw(44, 20, &TextArea::new(""));
        assert!(screen_text(&terminal).contains("^S/esc keep · ^G discard · ^E editor"));
        assert_eq!(terminal.backend().cursor_position(), Position::new(1, 12));
    }

    #[test]
    fn the_judged_sentences_are_quoted_above_the_note() {
        let mut terminal = Terminal::new(TestBackend::new(60, 30)).unwrap();
        let quotes = [
            "L p23.s1 │ In conclusion, IS-K is not really “expanding”.".to_string(),
            format!(
                "R p23.s1 │ IS-K may now become {}",
                "the threat ".repeat(10)
            ),
        ];
        terminal
            .draw(|frame| {
                render(
                    frame,
                    "Note",
                    &quotes,
                    &footers(&Keymap::default()),
                    &TextArea::new("my note"),
                    &Theme::dark(),
                )
            })
            .unwrap();
        // 30 rows: a panel of 10 (rows 19..=28).
        assert!(row_text(&terminal, 19).starts_with("╔"));
        assert!(row_text(&terminal, 20).contains("L p23.s1 │ In conclusion"));
        let cut = row_text(&terminal, 21);
        assert!(
            cut.contains("R p23.s1 │ IS-K may now") && cut.contains("…║"),
            "{cut}"
        );
        assert!(row_text(&terminal, 22).contains("my note"));
        assert_eq!(
            terminal.backend().cursor_position(),
            Position::new(1 + 7, 22)
        );
    }

    #[test]
    fn long_lines_wrap_and_the_cursor_follows_display_width() {
        // Inner width 48: the words wrap at the last space that fits.
        let text = "日本語のテキスト and a fairly long English sentence that wraps";
        let area = TextArea::new(text);
        let terminal = draw(50, 20, &area);
        let first = row_text(&terminal, 12);
        assert!(
            first.contains("日本語のテキスト and a fairly long English"),
            "{first}"
        );
        let second = row_text(&terminal, 13);
        assert!(second.contains("sentence that wraps"), "{second}");
        let expected_x = 1 + "sentence that wraps".len() as u16;
        assert_eq!(
            terminal.backend().cursor_position(),
            Position::new(expected_x, 13)
        );
    }

    #[test]
    fn scrolls_to_keep_the_cursor_visible_and_stays_put_while_it_is() {
        let text: Vec<String> = (0..40).map(|i| format!("line {i}")).collect();
        let mut area = TextArea::new(&text.join("\n"));
        // Inner height is 6 rows (12..=17) at 60x20: the end is shown.
        let terminal = draw(60, 20, &area);
        assert!(row_text(&terminal, 17).contains("line 39"));
        assert!(row_text(&terminal, 12).contains("line 34"));
        assert_eq!(terminal.backend().cursor_position().y, 17);
        // Moving up within the visible rows does not scroll.
        for _ in 0..5 {
            area.edit(Action::CursorUp);
        }
        let terminal = draw(60, 20, &area);
        assert!(row_text(&terminal, 12).contains("line 34"));
        assert_eq!(terminal.backend().cursor_position().y, 12);
        // PageUp moves by the height just drawn, and the view follows.
        area.edit(Action::CursorPageUp);
        assert_eq!(area.cursor().0, 34 - 6);
        let terminal = draw(60, 20, &area);
        assert!(row_text(&terminal, 12).contains("line 28"));
        assert_eq!(terminal.backend().cursor_position().y, 12);
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
                    let panel = panel_height(height);
                    let top = height.saturating_sub(panel + 1);
                    if backend.cursor_visible() {
                        let p = backend.cursor_position();
                        assert!(
                            (1..width - 1).contains(&p.x)
                                && (top + 1..top + panel - 1).contains(&p.y),
                            "cursor {p:?} outside the panel on a {width}x{height} screen for {:?}",
                            area.text()
                        );
                    } else {
                        // Only a panel with no room inside hides the cursor.
                        assert!(width < 3 || panel < 3, "no cursor at {width}x{height}");
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
                    &[],
                    &footers(&Keymap::default()),
                    &TextArea::new(""),
                    &Theme::dark(),
                )
            })
            .unwrap();
        assert_eq!(screen_text(&terminal), screen_text(&terminal2));
    }
}
