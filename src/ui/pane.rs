//! One report pane: border with the title, gutter with passage numbers, and
//! the visible rows of wrapped text with search highlights. Only the rows on
//! screen are touched, so cost does not grow with the document.

use crate::document::markdown::InlineStyle;
use std::ops::Range;

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph};

use super::layout::PaneAreas;
use crate::app::App;
use crate::document::PassageKind;
use crate::side::Side;
use crate::tags::Stance;
use crate::theme::Theme;

pub fn render(frame: &mut Frame<'_>, app: &App, index: Side, areas: &PaneAreas, theme: &Theme) {
    let pane = &app.panes[index];
    let focused = app.focus == index;
    let side = index.pick("L", "R");
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
                footer(
                    side,
                    &pane.doc.short_name(),
                    pane.percent(),
                    usize::from(areas.outer.width.saturating_sub(3)),
                ),
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
    let comparison = app.comparison.as_ref();
    let current_passage = comparison.and_then(|c| c.current_passage(index));
    let current_score = comparison.and_then(|c| c.score(c.current?));
    let mut layers: Vec<(&[Range<usize>], Style)> = Vec::with_capacity(5 + pane.styles.len());
    // The report's own emphasis first; highlights are drawn over it.
    for (style, ranges) in &pane.styles {
        layers.push((ranges, inline_style(*style)));
    }
    // The current pair's sentences, then the topic's terms over them.
    let pair_sentences: Vec<Range<usize>> = app
        .pair_span
        .filter(|_| comparison.is_some_and(|c| c.current.is_some()))
        .and_then(|span| {
            let (first, last) = span[index.index()];
            Some(pane.sentences.get(first)?.byte_start..pane.sentences.get(last)?.byte_end)
        })
        .into_iter()
        .collect();
    layers.push((&pair_sentences, theme.pair_sentence));
    if let Some(c) = comparison {
        layers.push((&c.spans[index], theme.topic_term));
    }
    let cursor: Vec<Range<usize>> = pane
        .cursor_sentence()
        .map(|s| s.byte_start..s.byte_end)
        .into_iter()
        .collect();
    let cursor_rows = pane.sentence_rows(pane.cursor);
    layers.push((&cursor, theme.cursor));
    let current_match;
    if let Some(search) = app.search.as_ref().filter(|s| s.pane == index) {
        layers.push((&search.matches, theme.search_match));
        if let Some(c) = search.current {
            current_match = [search.matches[c].clone()];
            layers.push((&current_match, theme.selection.patch(theme.search_match)));
        }
    }

    let marks = tag_marks(app, index, theme);
    // The second judgement column: the compared set's, or a conflict's.
    let theirs = app
        .layout
        .is_some_and(|l| l.wide_gutter)
        .then(|| super::overlay::theirs_marks(app, index, theme));
    let mut gutter = Vec::with_capacity(rows.len());
    let mut text = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let passage_index = row.passage as usize;
        let passage = &pane.doc.passages[passage_index];
        let in_current = current_passage == Some(passage_index) && !row.separator;
        gutter.push(gutter_line(GutterRow {
            number: row.first.then_some(passage_index + 1),
            // The score goes on the row under the passage number.
            score: current_score.filter(|_| {
                in_current && pane.wrapped.passage_first_line[passage_index] + 1 == pane.top + i
            }),
            current: in_current,
            paired: comparison.is_some_and(|c| c.is_paired(index, passage_index)),
            tag: marks
                .binary_search_by_key(&(pane.top + i), |m| m.0)
                .ok()
                .filter(|_| !row.separator)
                .map(|i| marks[i].1.clone()),
            theirs: theirs.as_ref().map(|marks| {
                super::overlay::mark_at(marks, pane.top + i).filter(|_| !row.separator)
            }),
            marked: app.mark == Some((index, passage_index)) && row.first,
            cursor: cursor_rows.is_some_and(|(f, l)| (f..=l).contains(&(pane.top + i))),
            theme,
        }));
        if row.separator {
            text.push(Line::default());
            continue;
        }
        let base = match passage.kind {
            PassageKind::Title | PassageKind::Heading => theme.title,
            PassageKind::Footnote | PassageKind::Boilerplate => theme.muted,
            PassageKind::Body | PassageKind::ListItem | PassageKind::Table | PassageKind::Code => {
                theme.text
            }
        };
        text.push(row_line(&pane.doc.text, row.range(), base, &layers));
    }
    frame.render_widget(Paragraph::new(gutter), areas.gutter);
    frame.render_widget(Paragraph::new(text), areas.text);
}

/// `" L: name 12% "` in at most `width` columns: the name is shortened in
/// the middle (`giustozzi…europe.txt`) so the side and the position stay.
fn footer(side: &str, name: &str, percent: impl std::fmt::Display, width: usize) -> String {
    let fixed = format!(" {side}:  {percent}% ");
    let room = width.saturating_sub(fixed.chars().count());
    let name = super::shorten_middle(name, room);
    format!(" {side}: {name} {percent}% ")
}

struct GutterRow<'t> {
    number: Option<usize>,
    score: Option<f64>,
    current: bool,
    paired: bool,
    /// The glyph of the tag on this passage's pair, styled by stance.
    tag: Option<Span<'static>>,
    /// With the second judgement column: the other judgement's glyph.
    theirs: Option<Option<Span<'static>>>,
    /// Marked for linking by hand.
    marked: bool,
    /// A row of the sentence under the cursor.
    cursor: bool,
    theme: &'t Theme,
}

/// For each row of pane `side` where a tag's sentences begin: its glyph (`=` agree,
/// `≠` contradict, `≈` partial, `~` unclear, or a custom label's glyph,
/// `○` when linked but not yet judged), sorted by passage. A passage of the
/// current pair shows only that pair's tag.
fn tag_marks(app: &App, side: Side, theme: &Theme) -> Vec<(usize, Span<'static>)> {
    let pane = &app.panes[side];
    let Some(tagging) = &app.tagging else {
        return Vec::new();
    };
    let current = app
        .comparison
        .as_ref()
        .and_then(|c| c.current.map(|i| c.pairs[i]))
        .map(|p| (p.left, p.right));
    // (passage, row, of the current pair, glyph)
    let mut marks: Vec<(usize, usize, bool, Span<'static>)> = Vec::new();
    for (tag, pair) in tagging.set.tags.iter().zip(&tagging.pairs) {
        let Some((left, right)) = *pair else { continue };
        let passage = side.pick(left, right);
        let (glyph, style) = match (tagging.label_of(tag), tag.stance()) {
            (Some(label), stance) => (label.glyph, stance_style(theme, stance)),
            (None, _) => ("○".to_string(), theme.gutter),
        };
        let glyph: String = glyph.chars().take(1).collect();
        // On the first row of the judged sentences, not of the passage.
        let start = pane.byte_of_char(tag.anchor(side).start);
        let row = pane.wrapped.line_of_byte(start);
        marks.push((
            passage,
            row,
            current == Some((left, right)),
            Span::styled(glyph, style),
        ));
    }
    // The passages of the current pair show that pair's tag, or none: not
    // the stance of another pair that shares the passage.
    let current_passage = current.map(|(l, r)| side.pick(l, r));
    marks.retain(|m| m.2 || Some(m.0) != current_passage);
    // Current pair first among equals, then one mark per row.
    marks.sort_by_key(|m| (m.1, !m.2));
    marks.dedup_by_key(|m| m.1);
    marks
        .into_iter()
        .map(|(_, row, _, span)| (row, span))
        .collect()
}

/// The style of a stance's glyph (a label of the analyst's own: the pair
/// marker's).
pub(super) fn stance_style(theme: &Theme, stance: Option<Stance>) -> Style {
    match stance {
        Some(Stance::Agree) => theme.agree,
        Some(Stance::Contradict) => theme.contradict,
        Some(Stance::Partial) => theme.partial,
        Some(Stance::Unclear) => theme.unclear,
        None => theme.pair_marker,
    }
}

/// `"  12▶"`: passage number on a passage's first row, then a mark: `▶` and
/// a bar down the rows of the current pair (its score under the number),
/// `·` for a passage that has some pair. Shapes differ, so colour is never
/// the only cue.
fn gutter_line(row: GutterRow<'_>) -> Line<'static> {
    let theme = row.theme;
    let left = match (row.number, row.score) {
        (Some(n), _) => Span::styled(format!("{n:>4}"), theme.gutter),
        (None, Some(score)) => {
            Span::styled(format!("{:>4}", format_score(score)), theme.pair_marker)
        }
        (None, None) => Span::raw("    "),
    };
    let mark = if row.marked {
        Span::styled("m", theme.selection)
    } else if row.current && row.number.is_some() {
        Span::styled("▶", theme.pair_marker)
    } else if row.current {
        Span::styled("│", theme.pair_marker)
    } else if row.paired && row.number.is_some() {
        Span::styled("·", theme.gutter)
    } else {
        Span::raw(" ")
    };
    let tag = row.tag.unwrap_or_else(|| Span::raw(" "));
    let cursor = if row.cursor {
        Span::styled("›", theme.cursor.patch(theme.gutter))
    } else {
        Span::raw(" ")
    };
    match row.theirs {
        Some(theirs) => Line::from(vec![
            left,
            mark,
            tag,
            theirs.unwrap_or_else(|| Span::raw(" ")),
            cursor,
        ]),
        None => Line::from(vec![left, mark, tag, cursor]),
    }
}

/// `.42`, or `1.0` for a perfect score: fits in four columns.
fn format_score(score: f64) -> String {
    if score >= 0.995 {
        "1.0".to_string()
    } else {
        format!(".{:02.0}", (score * 100.0).round())
    }
}

/// How the report's inline styles are drawn: by text attributes only, so
/// every theme's colours stay as they are.
fn inline_style(style: InlineStyle) -> Style {
    use ratatui::style::Modifier;
    let m = match style {
        InlineStyle::Emphasis | InlineStyle::Quote => Modifier::ITALIC,
        InlineStyle::Strong => Modifier::BOLD,
        InlineStyle::Code => Modifier::DIM,
        InlineStyle::Link => Modifier::UNDERLINED,
        InlineStyle::Strikethrough => Modifier::CROSSED_OUT,
    };
    Style::default().add_modifier(m)
}

/// One row of text split into spans where highlight layers begin and end;
/// later layers are drawn over earlier ones.
fn row_line<'a>(
    text: &'a str,
    range: Range<usize>,
    base: Style,
    layers: &[(&[Range<usize>], Style)],
) -> Line<'a> {
    let mut cuts = vec![range.start, range.end];
    let mut marks: Vec<(Range<usize>, Style)> = Vec::new();
    for (ranges, style) in layers {
        let first = ranges.partition_point(|m| m.end <= range.start);
        for m in ranges[first..].iter().take_while(|m| m.start < range.end) {
            let clipped = m.start.max(range.start)..m.end.min(range.end);
            cuts.push(clipped.start);
            cuts.push(clipped.end);
            marks.push((clipped, *style));
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let spans = cuts
        .windows(2)
        .map(|w| {
            let style = marks
                .iter()
                .filter(|(m, _)| m.start <= w[0] && w[1] <= m.end)
                .fold(base, |style, (_, layer)| style.patch(*layer));
            plain(text, w[0]..w[1], style)
        })
        .collect::<Vec<_>>();
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

#[cfg(test)]
mod footer_tests {
    use super::footer;

    #[test]
    fn the_side_and_position_survive_a_long_name() {
        let name = "giustozzi-iskp-expansion-towards-europe.txt";
        assert_eq!(footer("L", "a.txt", 5, 36), " L: a.txt 5% ");
        let short = footer("L", name, 5, 36);
        assert!(short.starts_with(" L: giustozzi"), "{short}");
        assert!(short.ends_with("europe.txt 5% "), "{short}");
        assert!(short.chars().count() <= 36, "{short}");
        assert_eq!(footer("R", name, 100, 10), " R:  100% ");
    }
}
