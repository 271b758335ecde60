//! The status line: the search prompt or the latest message on the left, key
//! hints generated from the live keymap on the right.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::action::Action;
use crate::app::{App, Level, Mode};
use crate::theme::Theme;

/// Actions advertised in the status line, most useful first.
const HINTS: &[(Action, &str)] = &[
    (Action::Help, "help"),
    (Action::SwitchPane, "pane"),
    (Action::Search, "search"),
    (Action::NextPassage, "passage"),
    (Action::Quit, "quit"),
];

/// `"? help  tab pane  / search …"` from the keymap.
pub fn hints(app: &App) -> String {
    HINTS
        .iter()
        .filter_map(|(action, label)| {
            app.keymap
                .first_key(*action)
                .map(|k| format!("{k} {label}"))
        })
        .collect::<Vec<_>>()
        .join("  ")
}

pub fn render(frame: &mut Frame<'_>, app: &App, area: Rect, theme: &Theme) {
    frame.render_widget(Paragraph::new("").style(theme.status), area);
    let left = match (&app.mode, &app.status) {
        (Mode::SearchInput { query }, _) => Line::from(vec![
            Span::styled("/", theme.status),
            Span::styled(query.as_str(), theme.status),
            Span::styled("█", theme.status),
        ]),
        (_, Some(status)) => {
            let style = match status.level {
                Level::Info => theme.status,
                Level::Warn => theme.status.patch(theme.status_warn),
                Level::Error => theme.status.patch(theme.status_error),
            };
            let glyph = match status.level {
                Level::Info => "",
                Level::Warn => "! ",
                Level::Error => "✖ ",
            };
            Line::from(Span::styled(format!(" {glyph}{}", status.text), style))
        }
        _ => Line::from(Span::styled(
            format!(
                " {}",
                if app.focus == 0 {
                    "left pane"
                } else {
                    "right pane"
                }
            ),
            theme.status,
        )),
    };
    let hints = hints(app);
    let hints_width = (hints.chars().count() as u16 + 1).min(area.width / 2);
    let left_area = Rect::new(area.x, area.y, area.width - hints_width, 1);
    let right_area = Rect::new(area.x + area.width - hints_width, area.y, hints_width, 1);
    frame.render_widget(Paragraph::new(left).style(theme.status), left_area);
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(hints, theme.status)).right_aligned())
            .style(theme.status),
        right_area,
    );
}
