//! The view: pure functions from the model and the theme to a frame.

pub mod help;
pub mod layout;
pub mod note;
pub mod pane;
pub mod picker;
pub mod status;

use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::{App, Mode};
use crate::theme::Theme;
use layout::{MIN_HEIGHT, MIN_WIDTH};

/// Draws the whole reader.
pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme) {
    let area = frame.area();
    let Some(layout) = app.layout.filter(|_| app.size == (area.width, area.height)) else {
        let msg = format!(
            "terminal too small: {}x{}, need {MIN_WIDTH}x{MIN_HEIGHT}",
            area.width, area.height
        );
        frame.render_widget(
            Paragraph::new(Line::styled(msg, theme.status_warn)).wrap(Wrap { trim: true }),
            area,
        );
        return;
    };
    for (index, areas) in layout.panes.iter().enumerate() {
        pane::render(frame, app, index, areas, theme);
    }
    status::render(frame, app, layout.status, theme);
    match app.mode {
        Mode::Help { scroll } => help::render(frame, app, scroll, theme),
        Mode::ThemePicker { selected, .. } => {
            let rows = app
                .themes
                .iter()
                .map(|t| Line::from(t.name.clone()))
                .collect();
            picker::render(
                frame,
                "Theme",
                Vec::new(),
                rows,
                Some(selected),
                "j/k preview · enter keep · esc cancel",
                theme,
            );
        }
        _ => {}
    }
}
