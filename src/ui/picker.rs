//! A centred list popup with one selected row, shared by the pickers.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

use unicode_width::UnicodeWidthStr;

use crate::theme::Theme;

/// Draws `rows` in a popup titled `title`, `selected` marked by a `▶` and
/// the selection style, scrolled so the selection is visible.
pub fn render(
    frame: &mut Frame<'_>,
    title: &str,
    header: Vec<Line<'_>>,
    rows: Vec<Line<'_>>,
    selected: Option<usize>,
    footer: &str,
    theme: &Theme,
) {
    let area = frame.area();
    let content_width = rows
        .iter()
        .chain(&header)
        .map(Line::width)
        .max()
        .unwrap_or(0)
        .max(title.chars().count() + 4)
        .max(footer.chars().count() + 4);
    let width = (content_width + 6).min(area.width.saturating_sub(2) as usize) as u16;
    let height = (rows.len() + header.len() + 2)
        .max(5)
        .min(area.height.saturating_sub(2) as usize) as u16;
    let popup = area.centered(Constraint::Length(width), Constraint::Length(height));
    let inner = popup_frame(frame, popup, title, footer, theme);
    let visible = (inner.height as usize).saturating_sub(header.len());
    let skip = selected.map_or(0, |s| (s + 1).saturating_sub(visible));
    let mut lines = header;
    for (i, row) in rows.into_iter().enumerate().skip(skip).take(visible) {
        let chosen = Some(i) == selected;
        let marker = if chosen { "▶ " } else { "  " };
        let mut spans = vec![Span::raw(marker)];
        spans.extend(row.spans);
        let mut line = Line::from(spans);
        if chosen {
            line = line.style(theme.selection);
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines).style(theme.popup), inner);
}

/// Clears `popup` and draws the frame every popup shares (double border,
/// title, footer hint); returns the area inside it.
pub fn popup_frame(
    frame: &mut Frame<'_>,
    popup: Rect,
    title: &str,
    footer: &str,
    theme: &Theme,
) -> Rect {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(theme.border_focused)
        .style(theme.popup)
        .title(Span::styled(format!(" {title} "), theme.title))
        .title_bottom(
            Line::from(Span::styled(
                format!(
                    " {} ",
                    fit_footer(footer, popup.width.saturating_sub(2).into())
                ),
                theme.muted,
            ))
            .right_aligned(),
        );
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    inner
}

/// The footer's hints (`KEY what · KEY what · …`) fitted between the
/// corners of a popup `width` columns wide: hints before the last (the way
/// out) are dropped from the end for a `…`, so that the first keys and the
/// way out stay whole rather than the line being cut at its start; the
/// help (`?`) lists them all.
fn fit_footer(footer: &str, width: usize) -> String {
    let fits = |s: &str| UnicodeWidthStr::width(s) + 2 <= width;
    let hints: Vec<&str> = footer.split(" · ").collect();
    let Some((last, rest)) = hints.split_last().filter(|_| !fits(footer)) else {
        return footer.to_string();
    };
    (0..rest.len())
        .rev()
        .map(|keep| {
            let mut kept = rest[..keep].to_vec();
            kept.extend(["…", last]);
            kept.join(" · ")
        })
        .find(|s| fits(s))
        .unwrap_or_else(|| footer.to_string())
}

#[cfg(test)]
mod tests {
    use super::fit_footer;

    #[test]
    fn a_footer_too_wide_keeps_its_first_hints_and_the_way_out() {
        let footer = "enter open · n new · s save as · r rename · d delete · o compare · esc close";
        assert_eq!(fit_footer(footer, 78), footer);
        // Between the corners of the tag set picker at 80 columns.
        assert_eq!(
            fit_footer(footer, 76),
            "enter open · n new · s save as · r rename · d delete · … · esc close"
        );
        assert_eq!(
            fit_footer(footer, 60),
            "enter open · n new · s save as · r rename · … · esc close"
        );
        assert_eq!(fit_footer(footer, 30), "enter open · … · esc close");
        assert_eq!(fit_footer(footer, 18), "… · esc close");
        // Nothing fits: as it was (the border cuts it).
        assert_eq!(fit_footer(footer, 5), footer);
        assert_eq!(fit_footer("esc close", 5), "esc close");
    }
}
