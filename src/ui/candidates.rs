//! The candidate panel: what the other report says about the cursor's
//! sentence, drawn across the bottom of the panes (above the status line)
//! so the cursor's sentence and the previewed candidate, both kept above
//! it, stay in view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::footer;
use super::pane::stance_style;
use super::picker::popup_frame;
use crate::action::Action;
use crate::align::HintKind;
use crate::app::{App, CandidateList};
use crate::keymap::Table;
use crate::tags::Stance;
use crate::theme::Theme;

pub fn render(frame: &mut Frame<'_>, app: &App, list: &CandidateList, theme: &Theme) {
    let Some(layout) = app.layout else {
        return;
    };
    let candidates = app.cursor_candidates_of(list);
    let height = app.panel_height() as u16;
    let area = frame.area();
    let bottom = layout.status.y;
    let panel = Rect::new(area.x, bottom.saturating_sub(height), area.width, height);
    let asked = &app.panes[list.side];
    let other = &app.panes[list.side.other()];
    let id = asked
        .sentences
        .get(list.sentence)
        .map_or("", |s| s.id.as_str());
    let count = match candidates.len() {
        1 => "1 candidate".to_string(),
        n => format!("{n} candidates, best first"),
    };
    let title = format!(
        "What the {} report says about {id} · {count}",
        list.side.other().name()
    );
    let keys = footer(
        app,
        Table::Candidates,
        &[
            (Action::Confirm, "pair"),
            (Action::TagAgree, "agree"),
            (Action::TagContradict, "contradict"),
            (Action::TagPartial, "partial"),
            (Action::TagUnclear, "unclear"),
            (Action::Cancel, "close"),
        ],
    );
    let inner = popup_frame(frame, panel, &title, &keys, theme);
    let width = inner.width as usize;
    // The selected candidate's reasons and hint, wrapped, take the last
    // rows (as many as the model gave the panel for them); the list
    // scrolls in the rest.
    let (_, detail_room) = app.candidate_panel_rows(list);
    let detail: Vec<Line> = candidates
        .get(list.selected)
        .map(|c| {
            let text = app.candidate_detail(c);
            textwrap::wrap(&text, width.max(1))
                .into_iter()
                .take(detail_room)
                .map(|row| Line::styled(row.into_owned(), theme.muted))
                .collect()
        })
        .unwrap_or_default();
    let detail_rows = (detail.len() as u16).min(inner.height);
    let list_rows = inner.height.saturating_sub(detail_rows) as usize;
    let skip = (list.selected + 1).saturating_sub(list_rows);
    let lines: Vec<Line> = candidates
        .iter()
        .enumerate()
        .skip(skip)
        .take(list_rows)
        .map(|(i, c)| {
            let chosen = i == list.selected;
            let sentence = other.sentences.get(c.other as usize);
            // What the analyst judged (its glyph, as in the gutter) wins
            // over what the engine suggests (a glyph with `?`).
            let mark = match app.candidate_judgement(list, c.other as usize) {
                Some(label) => {
                    let glyph: String = label.glyph.chars().take(1).collect();
                    let style = stance_style(theme, Stance::from_id(&label.id));
                    Span::styled(format!("{glyph} "), style)
                }
                None => Span::styled(
                    match c.hint.as_ref().map(|h| h.kind) {
                        Some(HintKind::Contradiction) => "≠?",
                        Some(HintKind::Agreement) => "=?",
                        Some(HintKind::Difference) => "≈?",
                        None => "  ",
                    },
                    theme.pair_marker,
                ),
            };
            let head = format!(
                "{} .{:02.0} ",
                if chosen { "▶" } else { " " },
                (c.score * 100.0).min(99.0),
            );
            let id = format!(" {:<8} ", sentence.map_or("", |s| s.id.as_str()));
            let room = width.saturating_sub(head.chars().count() + 2 + id.chars().count());
            let text = sentence.map_or(String::new(), |s| s.joined(&other.doc.text));
            let text = if text.chars().count() > room {
                let cut: String = text.chars().take(room.saturating_sub(1)).collect();
                format!("{cut}…")
            } else {
                text
            };
            let line = Line::from(vec![
                Span::styled(head, theme.pair_marker),
                mark,
                Span::styled(id, theme.pair_marker),
                Span::styled(text, theme.text),
            ]);
            if chosen {
                line.style(theme.selection)
            } else {
                line
            }
        })
        .collect();
    let list_area = Rect::new(inner.x, inner.y, inner.width, list_rows as u16);
    frame.render_widget(Paragraph::new(lines).style(theme.popup), list_area);
    let area = Rect::new(
        inner.x,
        inner.y + list_rows as u16,
        inner.width,
        detail_rows,
    );
    frame.render_widget(Paragraph::new(detail).style(theme.popup), area);
}
