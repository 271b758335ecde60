//! The other judgement beside yours: the gutter's second judgement column
//! (the compared set's glyph, or a merge conflict's theirs shown reversed)
//! and the summary line above the panes while a set is compared.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::App;
use crate::side::Side;
use crate::tags::{Stance, TagSet};
use crate::theme::Theme;

/// For each row of pane `side` where another judgement's sentences begin:
/// its glyph, sorted by row. A merge conflict's theirs is reversed (its
/// shape differs from a compared set's, not only its colour) and wins a
/// row over the compared set. A passage of the current pair shows only
/// that pair's marks, as the first column does.
pub fn theirs_marks(app: &App, side: Side, theme: &Theme) -> Vec<(usize, Span<'static>)> {
    let pane = &app.panes[side];
    let current = app.current_pair_passages();
    // (passage, row, of the current pair, a conflict, glyph)
    let mut marks: Vec<(usize, usize, bool, bool, Span<'static>)> = Vec::new();
    let mut push =
        |set: &TagSet, label: Option<&str>, start: usize, pair: (usize, usize), conflict: bool| {
            let (glyph, style) = match label.and_then(|id| set.label(id)) {
                Some(l) => (
                    l.glyph,
                    super::pane::stance_style(theme, label.and_then(Stance::from_id)),
                ),
                None => ("○".to_string(), theme.gutter),
            };
            let style = if conflict {
                style.add_modifier(Modifier::REVERSED)
            } else {
                style
            };
            let glyph: String = glyph.chars().take(1).collect();
            let row = pane.wrapped.line_of_byte(pane.byte_of_char(start));
            marks.push((
                side.pick(pair.0, pair.1),
                row,
                current == Some(pair),
                conflict,
                Span::styled(glyph, style),
            ));
        };
    if let Some(t) = &app.tagging {
        for (tag, pair) in t.set.tags.iter().zip(&t.pairs) {
            if let (Some(c), Some(pair)) = (&tag.conflict, *pair) {
                let start = tag.anchor(side).start;
                push(&t.set, c.theirs.label.as_deref(), start, pair, true);
            }
        }
    }
    if let Some(o) = &app.overlay {
        for (tag, pair) in o.set.tags.iter().zip(&o.pairs) {
            if let (Some(label), Some(pair)) = (&tag.label, *pair) {
                push(&o.set, Some(label), tag.anchor(side).start, pair, false);
            }
        }
    }
    let current_passage = current.map(|(l, r)| side.pick(l, r));
    marks.retain(|m| m.2 || Some(m.0) != current_passage);
    marks.sort_by_key(|m| (m.1, !m.2, !m.3));
    marks.dedup_by_key(|m| m.1);
    marks
        .into_iter()
        .map(|(_, row, _, _, span)| (row, span))
        .collect()
}

/// The mark on `row`, if any (`marks` sorted by row).
pub fn mark_at(marks: &[(usize, Span<'static>)], row: usize) -> Option<Span<'static>> {
    marks
        .binary_search_by_key(&row, |m| m.0)
        .ok()
        .map(|i| marks[i].1.clone())
}

/// The summary line above the panes: the compared set, the agreement so
/// far, and what the filter shows.
pub fn render_summary(frame: &mut Frame<'_>, app: &App, area: Rect, theme: &Theme) {
    let Some(text) = app.overlay_summary() else {
        return;
    };
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(format!(" {text}"), theme.status)))
            .style(theme.status),
        area,
    );
}
