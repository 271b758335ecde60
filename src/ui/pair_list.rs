//! The pair list (`P`): one row per pair, score, judgement, hint, topics
//! and the first words of both sentences, sorted and filtered.

use ratatui::Frame;
use ratatui::text::{Line, Span};

use super::picker;
use crate::action::Action;
use crate::align::HintKind;
use crate::app::{App, PairList};
use crate::keymap::Table;
use crate::side::Side;
use crate::theme::Theme;

/// `text` cut to `width` columns (by characters), `…` where it was cut,
/// padded with spaces.
fn fit(text: &str, width: usize) -> String {
    let count = text.chars().count();
    if count <= width {
        format!("{text:width$}")
    } else if width == 0 {
        String::new()
    } else {
        let cut: String = text.chars().take(width - 1).collect();
        format!("{cut}…")
    }
}

pub fn render(frame: &mut Frame<'_>, app: &App, list: &PairList, theme: &Theme) {
    let width = usize::from(frame.area().width.saturating_sub(10)).max(20);
    let all = app.comparison.as_ref().map_or(0, |c| c.pairs.len());
    let rows = app.pair_rows(list);
    let mut header = vec![super::line_input::line(
        " filter: ",
        &list.filter,
        width,
        theme,
    )];
    header.push(Line::styled(
        format!(
            " {} of {all} pairs · sorted by {} · is:untagged is:contradict is:rejected hint:contradiction topic:NAME",
            rows.len(),
            list.sort.name()
        ),
        theme.muted,
    ));
    // score, judgement, hint, topics, then the two sentences.
    let fixed = 4 + 1 + 2 + 1 + 2 + 1 + 16 + 1 + 3;
    let side = width.saturating_sub(fixed) / 2;
    // Only the rows that can be on screen are made (a book has thousands):
    // the window around the selection, which the picker then shows.
    let room = usize::from(frame.area().height)
        .saturating_sub(header.len() + 4)
        .max(1);
    let first = (list.selected + 1).saturating_sub(room);
    let lines: Vec<Line<'_>> = rows
        .iter()
        .skip(first)
        .take(room)
        .map(|row| {
            let score = row.score.map_or("hand".to_string(), |s| {
                format!("{:.2}", s.min(0.99)).replacen("0.", ".", 1)
            });
            let judged = if row.rejected {
                Span::styled("✗", theme.muted)
            } else {
                match &row.judged {
                    Some((glyph, _)) => Span::styled(glyph.clone(), theme.pair_marker),
                    None => Span::raw(" "),
                }
            };
            let hint = match row.hint {
                Some(HintKind::Contradiction) => "≠?",
                Some(HintKind::Agreement) => "=?",
                Some(HintKind::Difference) => "≈?",
                None => "  ",
            };
            let style = if row.rejected {
                theme.muted
            } else {
                theme.text
            };
            Line::from(vec![
                Span::styled(format!("{score:>4} "), theme.gutter),
                judged,
                Span::styled(format!(" {hint} "), theme.pair_marker),
                Span::styled(fit(&row.topics.join(", "), 16), theme.topic_term),
                Span::styled(
                    format!(" {} │ ", fit(&app.row_text(row, Side::Left), side)),
                    style,
                ),
                Span::styled(fit(&app.row_text(row, Side::Right), side), style),
            ])
        })
        .collect();
    let selected = (!lines.is_empty()).then_some(list.selected - first);
    picker::render(
        frame,
        "Pairs",
        header,
        lines,
        selected,
        &super::footer(
            app,
            Table::PairList,
            &[
                (Action::Confirm, "go"),
                (Action::CycleSort, "sort"),
                (Action::Cancel, "close"),
            ],
        ),
        theme,
    );
}
