//! The help overlay: every action with its keys and description, generated
//! from the live keymap so it can never disagree with what the keys do.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::action::Action;
use crate::app::App;
use crate::theme::Theme;

/// Rows of the help table: (keys, description) for every action, in order.
pub fn rows(app: &App) -> Vec<(String, &'static str)> {
    Action::ALL
        .iter()
        .map(|a| (app.keymap.describe_keys(*a), a.description()))
        .collect()
}

pub fn render(frame: &mut Frame<'_>, app: &App, scroll: usize, theme: &Theme) {
    let area = frame.area();
    let rows = rows(app);
    let key_width = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    let desc_width = rows
        .iter()
        .map(|(_, d)| d.chars().count())
        .max()
        .unwrap_or(0);
    let width = (key_width + desc_width + 6).min(area.width.saturating_sub(4) as usize) as u16;
    let height = (rows.len() + 4).min(area.height.saturating_sub(2) as usize) as u16;
    let popup = area.centered(Constraint::Length(width), Constraint::Length(height));
    let inner = super::picker::popup_frame(frame, popup, "Keys", "j/k scroll · esc close", theme);
    let visible = inner.height as usize;
    let scroll = scroll.min(rows.len().saturating_sub(visible));
    let lines: Vec<Line<'_>> = rows
        .iter()
        .skip(scroll)
        .map(|(keys, desc)| {
            Line::from(vec![
                Span::styled(format!(" {keys:<key_width$}  "), theme.title),
                Span::styled(*desc, theme.popup),
            ])
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).style(theme.popup),
        Rect::new(inner.x, inner.y, inner.width, inner.height),
    );
}
