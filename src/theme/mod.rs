//! Semantic styles: every widget asks the theme for a meaning (`agree`,
//! `selection`, `border_focused`), never for a colour.

use ratatui::style::{Color, Modifier, Style};

/// Resolved styles for every meaning the interface shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub name: String,
    pub text: Style,
    pub muted: Style,
    pub title: Style,
    pub border: Style,
    pub border_focused: Style,
    pub gutter: Style,
    pub selection: Style,
    pub search_match: Style,
    pub topic_term: Style,
    pub pair_marker: Style,
    pub agree: Style,
    pub contradict: Style,
    pub partial: Style,
    pub unclear: Style,
    pub orphaned: Style,
    pub status: Style,
    pub status_ok: Style,
    pub status_warn: Style,
    pub status_error: Style,
    pub popup: Style,
}

impl Default for Theme {
    fn default() -> Self {
        Self::dark()
    }
}

impl Theme {
    /// The default theme for dark terminals.
    pub fn dark() -> Self {
        let fg = |c| Style::new().fg(c);
        Theme {
            name: "dark".into(),
            text: Style::new(),
            muted: fg(Color::DarkGray),
            title: Style::new().add_modifier(Modifier::BOLD),
            border: fg(Color::DarkGray),
            border_focused: fg(Color::Cyan).add_modifier(Modifier::BOLD),
            gutter: fg(Color::DarkGray),
            selection: Style::new().add_modifier(Modifier::REVERSED),
            search_match: Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::UNDERLINED),
            topic_term: fg(Color::LightCyan).add_modifier(Modifier::UNDERLINED),
            pair_marker: fg(Color::Magenta).add_modifier(Modifier::BOLD),
            agree: fg(Color::Blue).add_modifier(Modifier::BOLD),
            contradict: fg(Color::LightRed).add_modifier(Modifier::BOLD),
            partial: fg(Color::Yellow).add_modifier(Modifier::BOLD),
            unclear: fg(Color::Gray).add_modifier(Modifier::ITALIC),
            orphaned: fg(Color::LightMagenta).add_modifier(Modifier::CROSSED_OUT),
            status: Style::new().add_modifier(Modifier::REVERSED),
            status_ok: fg(Color::Green),
            status_warn: fg(Color::Yellow).add_modifier(Modifier::BOLD),
            status_error: fg(Color::LightRed).add_modifier(Modifier::BOLD),
            popup: Style::new(),
        }
    }
}
