//! The topics panel: shared topics first with their passage counts on each
//! side ("Turkey  5 │ 4"), then the topics only one report discusses, with
//! the fuzzy filter's matched letters highlighted.

use ratatui::Frame;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use super::picker;
use crate::action::Action;
use crate::app::{App, LineInput};
use crate::keymap::Table;
use crate::theme::Theme;

pub fn render(frame: &mut Frame<'_>, app: &App, input: &LineInput, selected: usize, theme: &Theme) {
    let filter = input.text();
    let width = usize::from(frame.area().width.saturating_sub(10));
    let mut header = vec![super::line_input::line(" filter: ", input, width, theme)];
    let Some(comparison) = &app.comparison else {
        let note = match app.align_progress {
            Some(done) => format!(" aligning… {:.0}%", done * 100.0),
            None => " no alignment".to_string(),
        };
        header.push(Line::styled(note, theme.status_warn));
        picker::render(
            frame,
            "Topics",
            header,
            Vec::new(),
            None,
            &super::footer(app, Table::Topics, &[(Action::Cancel, "close")]),
            theme,
        );
        return;
    };
    let topics = &comparison.alignment.topics;
    if !topics.iter().any(|t| t.shared) {
        header.push(Line::styled(
            " no shared topics: these reports discuss different things",
            theme.status_warn,
        ));
    }
    let label_width = topics
        .iter()
        .map(|t| t.label.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(10, 40);
    let rows: Vec<Line<'_>> = app
        .topic_rows(filter)
        .into_iter()
        .map(|row| match row.topic {
            None => Line::from(vec![Span::styled(
                format!("{:label_width$}  (clear the topic filter)", "all topics"),
                theme.muted,
            )]),
            Some(i) => {
                let t = &topics[i];
                let mut spans: Vec<Span<'_>> = t
                    .label
                    .chars()
                    .take(label_width)
                    .enumerate()
                    .map(|(pos, c)| {
                        let style = if row.matched.contains(&pos) {
                            theme.search_match.add_modifier(Modifier::BOLD)
                        } else {
                            theme.text
                        };
                        Span::styled(c.to_string(), style)
                    })
                    .collect();
                let pad = label_width.saturating_sub(t.label.chars().count());
                spans.push(Span::raw(" ".repeat(pad)));
                let count = |n: usize| {
                    if n == 0 {
                        "–".to_string()
                    } else {
                        n.to_string()
                    }
                };
                spans.push(Span::styled(
                    format!("  {:>3} │ {:<3}", count(t.left.len()), count(t.right.len())),
                    theme.text,
                ));
                let side = match (t.shared, t.left.is_empty()) {
                    (true, _) => "",
                    (false, true) => " right only",
                    (false, false) => " left only",
                };
                spans.push(Span::styled(side, theme.muted));
                if comparison.topic == Some(i) {
                    spans.push(Span::styled(" ✓", theme.pair_marker));
                }
                Line::from(spans)
            }
        })
        .collect();
    picker::render(
        frame,
        "Topics  (left │ right passages)",
        header,
        rows,
        Some(selected),
        &format!(
            "type to filter · {}",
            super::footer(
                app,
                Table::Topics,
                &[
                    (Action::SelectNext, "move"),
                    (Action::Confirm, "select"),
                    (Action::Cancel, "close"),
                ],
            )
        ),
        theme,
    );
}
