//! The help overlay: the reader's actions grouped by task, the keys of
//! fields and the note editor, and a legend of every mark on screen, all
//! generated from the live keymap so it can never disagree with what the
//! keys do. `/` filters it; descriptions wrap rather than being cut.

use ratatui::Frame;
use ratatui::layout::Constraint;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::action::Action;
use crate::app::{App, LineInput};
use crate::keymap::Table;
use crate::theme::Theme;

/// The reader's actions by task, in help order.
pub const GROUPS: &[(&str, Table, &[Action])] = &[
    (
        "Reading",
        Table::Normal,
        &[
            Action::ScrollDown,
            Action::ScrollUp,
            Action::HalfPageDown,
            Action::HalfPageUp,
            Action::PageDown,
            Action::PageUp,
            Action::Top,
            Action::Bottom,
            Action::NextPassage,
            Action::PrevPassage,
            Action::NextSentence,
            Action::PrevSentence,
            Action::Candidates,
            Action::SwitchPane,
            Action::Search,
            Action::SearchNext,
            Action::SearchPrev,
            Action::ClearSearch,
        ],
    ),
    (
        "Pairs and topics",
        Table::Normal,
        &[
            Action::NextPair,
            Action::PrevPair,
            Action::NextUntagged,
            Action::PrevUntagged,
            Action::PairList,
            Action::RejectPair,
            Action::Topics,
            Action::MarkLink,
            Action::Unlink,
        ],
    ),
    (
        "Judging",
        Table::Normal,
        &[
            Action::TagAgree,
            Action::TagContradict,
            Action::TagPartial,
            Action::TagUnclear,
            Action::WidenSpan,
            Action::PickLabel,
            Action::Untag,
            Action::EditNote,
            Action::Undo,
            Action::Redo,
        ],
    ),
    (
        "Tag sets",
        Table::Normal,
        &[
            Action::Save,
            Action::TagSets,
            Action::ReviewOrphans,
            Action::LoadBackup,
        ],
    ),
    (
        "Comparing with another analyst, settling merge conflicts",
        Table::Normal,
        &[Action::OverlayFilter, Action::TakeTheirs, Action::KeepOurs],
    ),
    ("Export", Table::Normal, &[Action::Export]),
    (
        "Views",
        Table::Normal,
        &[
            Action::Details,
            Action::ToggleScrollLock,
            Action::PickTheme,
            Action::Help,
        ],
    ),
    (
        "Quitting",
        Table::Normal,
        &[Action::Quit, Action::ForceQuit, Action::Suspend],
    ),
];

/// What each mark on screen means.
pub const LEGEND: &[(&str, &str)] = &[
    (
        "┏▶ title",
        "the focused pane: thick border, ▶ before its title",
    ),
    (
        "▶ │",
        "gutter: the current pair's passage (▶) and its rows (│)",
    ),
    (".29", "gutter: the current pair's score, under its number"),
    ("·", "gutter: a passage that is in some pair"),
    (
        "›",
        "gutter: the rows of the cursor's sentence (also underlined)",
    ),
    ("m", "gutter: the passage marked for linking by hand"),
    (
        "= ≠ ≈ ~",
        "gutter and candidates: the pair's tag: agree, contradict, partial, unclear",
    ),
    ("E", "gutter: a label of your own (its first letter)"),
    ("○", "gutter: linked, not judged yet"),
    (
        "≠≈",
        "gutter, comparing with another set: your tag, then theirs (the line above the panes says whose)",
    ),
    (
        "≠=",
        "gutter: a merge conflict: yours, then theirs reversed (R lists them)",
    ),
    (
        "✗",
        "gutter and pair list: a pair rejected as not related (X)",
    ),
    (
        "≠? =? ≈?",
        "candidates and pair list: the engine suggests a contradiction, an agreement or a difference (never a judgement)",
    ),
    (
        "=2 ≠1 ≈0 ~0 +1",
        "status: pairs per tag (+ your own labels)",
    ),
    ("!2", "status: tags in merge conflict"),
    ("●", "status: judgements not saved yet"),
    (
        "RO",
        "status: the tag set is read-only; changes stay in memory",
    ),
    ("⇅", "status: scroll lock is on"),
];

/// The widest key column; longer key lists get a line of their own.
const KEY_COLUMN: usize = 14;

/// One row of the help, before wrapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    Heading(String),
    Entry { keys: String, text: String },
}

/// The rows of the help that match `filter` (case-insensitive, in keys,
/// description or action name); a heading is kept when a row under it is.
pub fn rows(app: &App, filter: &str) -> Vec<Row> {
    let needle = filter.trim().to_lowercase();
    let matches = |parts: &[&str]| {
        needle.is_empty() || parts.iter().any(|p| p.to_lowercase().contains(&needle))
    };
    let mut out = Vec::new();
    let mut section = |heading: String, entries: Vec<(String, String, &str)>| {
        let kept: Vec<Row> = entries
            .into_iter()
            .filter(|(keys, text, name)| matches(&[keys, text, name]))
            .map(|(keys, text, _)| Row::Entry { keys, text })
            .collect();
        if !kept.is_empty() {
            out.push(Row::Heading(heading));
            out.extend(kept);
        }
    };
    let entry = |table: Table, a: Action| {
        (
            app.keymap.describe_keys(table, a),
            a.description().to_string(),
            a.name(),
        )
    };
    for (heading, table, actions) in GROUPS {
        section(
            heading.to_string(),
            actions.iter().map(|&a| entry(*table, a)).collect(),
        );
    }
    for table in [
        Table::Candidates,
        Table::PairList,
        Table::Topics,
        Table::TagSets,
        Table::Review,
        Table::Line,
        Table::Note,
    ] {
        section(
            table.description().to_string(),
            table.actions().map(|a| entry(table, a)).collect(),
        );
    }
    section(
        "What the marks mean".to_string(),
        LEGEND
            .iter()
            .map(|(mark, text)| (mark.to_string(), text.to_string(), ""))
            .collect(),
    );
    out
}

/// The first line, always shown: how to quit and how to leave the help.
pub fn pinned(app: &App) -> String {
    format!(
        "{} quit · {} quit from anywhere · {} close help · {} filter",
        app.key_in(Table::Normal, Action::Quit),
        app.key_in(Table::Global, Action::ForceQuit),
        app.key_in(Table::Help, Action::Cancel),
        app.key_in(Table::Help, Action::FilterHelp),
    )
}

pub fn render(
    frame: &mut Frame<'_>,
    app: &App,
    scroll: usize,
    filter: &LineInput,
    typing: bool,
    theme: &Theme,
) {
    let area = frame.area();
    let rows = rows(app, filter.text());
    let width = area.width.saturating_sub(4).min(96);
    // Key column: wide enough for most keys; longer ones get their own line.
    let key_width = rows
        .iter()
        .filter_map(|r| match r {
            Row::Entry { keys, .. } => Some(keys.width()),
            Row::Heading(_) => None,
        })
        .max()
        .unwrap_or(0)
        .min(KEY_COLUMN);
    let text_width = usize::from(width).saturating_sub(key_width + 5).max(10);
    let mut lines: Vec<Line<'static>> = Vec::new();
    for row in &rows {
        match row {
            Row::Heading(h) => {
                if !lines.is_empty() {
                    lines.push(Line::raw(""));
                }
                lines.push(Line::styled(format!(" {h}"), theme.title));
            }
            Row::Entry { keys, text } => {
                let wrapped = textwrap::wrap(text, text_width);
                let mut first = true;
                if keys.width() > key_width {
                    lines.push(Line::styled(format!(" {keys}"), theme.title));
                    first = false;
                }
                for piece in wrapped {
                    let key = if first { keys.as_str() } else { "" };
                    first = false;
                    lines.push(Line::from(vec![
                        Span::styled(format!(" {key:<key_width$}  "), theme.title),
                        Span::styled(piece.into_owned(), theme.popup),
                    ]));
                }
            }
        }
    }
    if lines.is_empty() {
        lines.push(Line::styled(" nothing matches", theme.muted));
    }
    let mut top = vec![Line::styled(format!(" {}", pinned(app)), theme.muted)];
    if typing || !filter.is_empty() {
        top.push(super::line_input::line(
            " filter: ",
            filter,
            usize::from(width),
            theme,
        ));
    }
    let height = (lines.len() + top.len() + 2).min(usize::from(area.height.saturating_sub(2)));
    let popup = area.centered(Constraint::Length(width), Constraint::Length(height as u16));
    let footer = if typing {
        super::footer(
            app,
            Table::HelpFilter,
            &[(Action::Confirm, "keep"), (Action::Cancel, "clear")],
        )
    } else {
        super::footer(
            app,
            Table::Help,
            &[
                (Action::ScrollDown, "scroll"),
                (Action::FilterHelp, "filter"),
                (Action::Cancel, "close"),
            ],
        )
    };
    let inner = super::picker::popup_frame(frame, popup, "Keys", &footer, theme);
    let visible = usize::from(inner.height).saturating_sub(top.len());
    let scroll = scroll.min(lines.len().saturating_sub(visible));
    top.extend(lines.into_iter().skip(scroll).take(visible));
    frame.render_widget(Paragraph::new(top).style(theme.popup), inner);
}
