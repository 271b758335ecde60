//! Draws a one-line field: its label, its text and the cursor (a reversed
//! cell, so it shows without colour), scrolled so the cursor stays in view.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::app::LineInput;
use crate::theme::Theme;

/// `label` then the field, in at most `width` columns.
pub fn line(label: &str, input: &LineInput, width: usize, theme: &Theme) -> Line<'static> {
    line_with(label, input, width, theme.muted, theme.text)
}

/// [`line`] with the label's and the text's styles given.
pub fn line_with(
    label: &str,
    input: &LineInput,
    width: usize,
    label_style: Style,
    text_style: Style,
) -> Line<'static> {
    let (before, under, after) = input.split();
    let room = width.saturating_sub(label.width() + 2);
    // Drop text from the left until the cursor fits, marking the cut.
    let mut shown = before;
    let mut cut = false;
    while shown.width() + 1 > room && !shown.is_empty() {
        let first = shown.graphemes(true).next().map_or(0, str::len);
        shown = &shown[first..];
        cut = true;
    }
    let mut spans = vec![Span::styled(label.to_string(), label_style)];
    if cut {
        spans.push(Span::styled("…", label_style));
    }
    spans.push(Span::styled(shown.to_string(), text_style));
    let cursor = if under.is_empty() { " " } else { under };
    spans.push(Span::styled(
        cursor.to_string(),
        text_style.add_modifier(Modifier::REVERSED),
    ));
    spans.push(Span::styled(after.to_string(), text_style));
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;

    fn text(line: &Line<'_>) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn the_cursor_is_a_reversed_cell_and_stays_in_view() {
        let theme = Theme::default();
        let mut input = LineInput::new("abc");
        input.edit(Action::CursorLeft);
        let l = line(" path: ", &input, 40, &theme);
        assert_eq!(text(&l), " path: abc");
        let cursor = &l.spans[2];
        assert_eq!(cursor.content, "c");
        assert!(cursor.style.add_modifier.contains(Modifier::REVERSED));

        let long = LineInput::new(&"x".repeat(100));
        let l = line(" path: ", &long, 30, &theme);
        assert!(text(&l).width() <= 30, "{}", text(&l));
        assert!(text(&l).contains('…'));
        assert!(text(&l).ends_with("x "));
    }
}
