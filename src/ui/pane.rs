//! One report pane: border with the title, gutter with passage numbers, and
//! the visible rows of wrapped text with search highlights. Only the rows on
//! screen are touched, so cost does not grow with the document.

use std::ops::Range;

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph};

use super::layout::PaneAreas;
use crate::app::App;
use crate::document::PassageKind;
use crate::theme::Theme;

pub fn render(frame: &mut Frame<'_>, app: &App, index: usize, areas: &PaneAreas, theme: &Theme) {
    let pane = &app.panes[index];
    let focused = app.focus == index;
    let side = if index == 0 { "L" } else { "R" };
    // Focus is shown by a thick border, a marker and bold, not colour alone.
    let (border_style, border_type, marker) = if focused {
        (theme.border_focused, BorderType::Thick, "▶ ")
    } else {
        (theme.border, BorderType::Plain, "  ")
    };
    let title_style = if focused {
        theme.title.patch(theme.border_focused)
    } else {
        theme.title
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(border_type)
        .border_style(border_style)
        .title(Line::from(vec![
            Span::styled(marker, border_style),
            Span::styled(pane.doc.title.as_str(), title_style),
            Span::raw(" "),
        ]))
        .title_bottom(
            Line::from(Span::styled(
                format!(" {side}: {} {}% ", pane.doc.short_name(), pane.percent()),
                theme.muted,
            ))
            .right_aligned(),
        );
    frame.render_widget(block, areas.outer);

    let height = areas.text.height as usize;
    let rows = pane
        .wrapped
        .lines
        .get(pane.top..(pane.top + height).min(pane.wrapped.lines.len()))
        .unwrap_or(&[]);
    let (matches, current) =
        app.search
            .as_ref()
            .filter(|s| s.pane == index)
            .map_or((&[][..], None), |s| {
                (
                    s.matches.as_slice(),
                    s.current.map(|c| s.matches[c].clone()),
                )
            });

    let mut gutter = Vec::with_capacity(rows.len());
    let mut text = Vec::with_capacity(rows.len());
    for row in rows {
        let passage = &pane.doc.passages[row.passage as usize];
        let number = if row.first {
            format!("{:>4} ", row.passage + 1)
        } else {
            String::new()
        };
        gutter.push(Line::styled(number, theme.gutter));
        if row.separator {
            text.push(Line::default());
            continue;
        }
        let base = match passage.kind {
            PassageKind::Title | PassageKind::Heading => theme.title,
            PassageKind::Footnote | PassageKind::Boilerplate => theme.muted,
            PassageKind::Body | PassageKind::ListItem => theme.text,
        };
        text.push(row_line(
            &pane.doc.text,
            row.range(),
            base,
            matches,
            current.as_ref(),
            theme,
        ));
    }
    frame.render_widget(Paragraph::new(gutter), areas.gutter);
    frame.render_widget(Paragraph::new(text), areas.text);
}

/// One row of text split into spans at search-match boundaries.
fn row_line<'a>(
    text: &'a str,
    range: Range<usize>,
    base: Style,
    matches: &[Range<usize>],
    current: Option<&Range<usize>>,
    theme: &Theme,
) -> Line<'a> {
    let mut spans = Vec::new();
    let mut pos = range.start;
    let first = matches.partition_point(|m| m.end <= range.start);
    for m in matches[first..].iter().take_while(|m| m.start < range.end) {
        let start = m.start.max(range.start);
        let end = m.end.min(range.end);
        if start > pos {
            spans.push(plain(text, pos..start, base));
        }
        let style = if current == Some(m) {
            theme.selection.patch(theme.search_match)
        } else {
            theme.search_match
        };
        spans.push(plain(text, start..end, base.patch(style)));
        pos = end;
    }
    if pos < range.end {
        spans.push(plain(text, pos..range.end, base));
    }
    Line::from(spans)
}

/// A span of document text; a hard line break inside a passage shows as a
/// space (the passage is re-flowed).
fn plain(text: &str, range: Range<usize>, style: Style) -> Span<'_> {
    let s = &text[range];
    if s.contains('\n') {
        Span::styled(s.replace('\n', " "), style)
    } else {
        Span::styled(s, style)
    }
}
