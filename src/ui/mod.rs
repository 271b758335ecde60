//! The view: pure functions from the model and the theme to a frame.

pub mod candidates;
pub mod help;
pub mod layout;
pub mod line_input;
pub mod note;
pub mod overlay;
pub mod pair_list;
pub mod pane;
pub mod picker;
pub mod status;
pub mod tagsets;
pub mod topics;

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::action::Action;
use crate::app::{App, LabelPicker, LabelRow, Mode};
use crate::keymap::Table;
use crate::theme::Theme;
use layout::{MIN_HEIGHT, MIN_WIDTH};

/// Draws the whole reader.
pub fn draw(frame: &mut Frame<'_>, app: &App, theme: &Theme) {
    draw_widgets(frame, app, theme);
    draw_as_measured(frame.buffer_mut());
}

/// Makes every cell one the terminal draws at the width ratatui gave it.
/// A zero-width-joiner sequence (a family emoji, `a\u{200d}b`) is one cell
/// of width 2 (or 1) to ratatui, but terminals and tmux draw each joined
/// part on its own, which would shift the rest of the row and break the
/// borders; the cell shows its first part instead. The text is unchanged.
///
/// It is also the last guard for what reaches the terminal: a character
/// the sanitiser would replace (a bidirectional override in a file name, a
/// note or a message; ratatui already drops C0 and C1) is drawn as its
/// visible stand-in.
pub fn draw_as_measured(buffer: &mut ratatui::buffer::Buffer) {
    use crate::sanitize::visible_stand_in;
    for cell in &mut buffer.content {
        if let Some(cut) = cell.symbol().find('\u{200d}') {
            let first = cell.symbol()[..cut].to_string();
            cell.set_symbol(&first);
        }
        if let Some(bad) = cell.symbol().chars().find(|&c| visible_stand_in(c) != c) {
            let shown = visible_stand_in(bad).to_string();
            cell.set_symbol(&shown);
        }
    }
}

fn draw_widgets(frame: &mut Frame<'_>, app: &App, theme: &Theme) {
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
    for side in crate::side::Side::BOTH {
        pane::render(frame, app, side, &layout.panes[side], theme);
    }
    status::render(frame, app, layout.status, theme);
    if let Some(area) = layout.summary {
        overlay::render_summary(frame, app, area, theme);
    }
    match app.mode {
        Mode::Help {
            scroll,
            ref filter,
            typing,
        } => help::render(frame, app, scroll, filter, typing, theme),
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
                &footer(
                    app,
                    Table::Themes,
                    &[
                        (Action::SelectNext, "preview"),
                        (Action::Confirm, "keep"),
                        (Action::Cancel, "cancel"),
                    ],
                ),
                theme,
            );
        }
        Mode::Topics {
            ref filter,
            selected,
        } => topics::render(frame, app, filter, selected, theme),
        Mode::Labels(ref picker) => labels(frame, app, picker, theme),
        Mode::TagSets(ref picker) => tagsets::render_picker(frame, app, picker, theme),
        Mode::Export(ref dialog) => export_dialog(frame, app, dialog, theme),
        Mode::Note => {
            if let Some(editor) = &app.note {
                let title = format!("Note on p{} ↔ p{}", editor.left + 1, editor.right + 1);
                let footers = note::footers(&app.keymap);
                note::render(frame, &title, &editor.quotes, &footers, &editor.area, theme);
            }
        }
        Mode::Review { selected } => tagsets::render_review(frame, app, selected, theme),
        Mode::Candidates(ref list) => candidates::render(frame, app, list, theme),
        Mode::PairList(ref list) => pair_list::render(frame, app, list, theme),
        Mode::Details { scroll } => details(frame, app, scroll, theme),
        _ => {}
    }
}

/// The details popup: every paragraph of [`App::details_text`], wrapped.
fn details(frame: &mut Frame<'_>, app: &App, scroll: usize, theme: &Theme) {
    use ratatui::layout::Constraint;
    let area = frame.area();
    let popup = area.centered(
        Constraint::Length(area.width.saturating_sub(4).min(100)),
        Constraint::Length(area.height.saturating_sub(4)),
    );
    let keys = footer(
        app,
        Table::Details,
        &[(Action::ScrollDown, "down"), (Action::Cancel, "close")],
    );
    let inner = picker::popup_frame(frame, popup, "Details", &keys, theme);
    let width = usize::from(inner.width).max(1);
    let mut lines: Vec<Line<'_>> = Vec::new();
    for paragraph in app.details_text() {
        for row in textwrap::wrap(&paragraph, width) {
            lines.push(Line::styled(row.into_owned(), theme.text));
        }
        lines.push(Line::default());
    }
    let skip = scroll.min(lines.len().saturating_sub(1));
    frame.render_widget(
        Paragraph::new(lines.split_off(skip)).style(theme.popup),
        inner,
    );
}

/// The label picker: the tag set's labels with their glyphs, fuzzy-filtered,
/// and a row to create a new label from the filter text.
fn labels(frame: &mut Frame<'_>, app: &App, picker: &LabelPicker, theme: &Theme) {
    use ratatui::text::Span;
    let width = field_width(frame);
    let prompt = if picker.renaming.is_some() {
        " new name: "
    } else {
        " label: "
    };
    let header = vec![line_input::line(prompt, &picker.filter, width, theme)];
    let rows = app
        .label_picker_rows(picker)
        .into_iter()
        .map(|row| match row {
            LabelRow::Existing { label, matched } => {
                let mut spans = vec![Span::styled(format!("{} ", label.glyph), theme.title)];
                spans.extend(label.name.chars().enumerate().map(|(i, c)| {
                    let style = if matched.contains(&i) {
                        theme.search_match
                    } else {
                        theme.text
                    };
                    Span::styled(c.to_string(), style)
                }));
                Line::from(spans)
            }
            LabelRow::Create(name) => Line::styled(format!("+ new label “{name}”"), theme.muted),
        })
        .collect();
    let (title, hint, keys): (&str, &str, &[(Action, &str)]) = match &picker.renaming {
        Some(_) => (
            "Rename label",
            "type the new name",
            &[(Action::Confirm, "rename"), (Action::Cancel, "back")],
        ),
        None => (
            "Label for this pair",
            "type to filter or name a new label",
            &[
                (Action::Confirm, "apply"),
                (Action::RenameLabel, "rename"),
                (Action::DeleteEntry, "remove"),
                (Action::Cancel, "cancel"),
            ],
        ),
    };
    let selected = if picker.renaming.is_some() {
        0
    } else {
        picker.selected
    };
    picker::render(
        frame,
        title,
        header,
        rows,
        Some(selected),
        &format!("{hint} · {}", footer(app, Table::Labels, keys)),
        theme,
    );
}

/// The export dialog: formats to pick from, the path, untagged pairs.
fn export_dialog(
    frame: &mut Frame<'_>,
    app: &App,
    dialog: &crate::app::ExportDialog,
    theme: &Theme,
) {
    use crate::export::Format;
    let width = field_width(frame);
    // The field being typed into shows its cursor; the others their text.
    let field = |i: usize, label: &str, input: &crate::app::LineInput| {
        if dialog.field == i {
            line_input::line(&format!("▸{label}"), input, width, theme)
        } else {
            Line::from(vec![
                Span::styled(format!(" {label}"), theme.muted),
                Span::styled(input.text().to_string(), theme.text),
            ])
        }
    };
    let mut header = vec![
        field(0, "write to:   ", &dialog.path),
        field(1, "left name:  ", &dialog.names[0]),
        field(2, "right name: ", &dialog.names[1]),
    ];
    let untagged = if dialog.include_untagged {
        "[x]"
    } else {
        "[ ]"
    };
    let toggle = app.key_in(Table::Export, Action::ToggleUntagged);
    header.push(Line::styled(
        format!(" {untagged} include aligned pairs not yet tagged ({toggle})"),
        theme.text,
    ));
    if dialog.confirm_overwrite {
        let yes = app.key_in(Table::Confirm, Action::Yes);
        header.push(Line::styled(
            format!(" the file exists: {yes} overwrites it, any other key keeps it"),
            theme.status_warn,
        ));
    }
    let selected = Format::ALL.iter().position(|&f| f == dialog.format);
    let rows = Format::ALL
        .iter()
        .map(|f| Line::from(format!("{:<5} {}", f.name(), f.description())))
        .collect();
    picker::render(
        frame,
        "Export comparison notes",
        header,
        rows,
        selected,
        &if dialog.confirm_overwrite {
            footer(
                app,
                Table::Confirm,
                &[(Action::Yes, "overwrite"), (Action::Cancel, "keep")],
            )
        } else {
            format!(
                "{} · {} · {}",
                footer(app, Table::Export, &[(Action::NextFormat, "format")]),
                footer(app, Table::Export, &[(Action::NextField, "next field")]),
                footer(
                    app,
                    Table::Export,
                    &[(Action::Confirm, "write"), (Action::Cancel, "cancel")]
                )
            )
        },
        theme,
    );
}

/// The widest a field inside a popup can be drawn.
fn field_width(frame: &Frame<'_>) -> usize {
    usize::from(frame.area().width.saturating_sub(10))
}

/// A popup footer from the live keymap: `"enter keep · esc cancel"`.
/// `name` in at most `room` characters, shortened in the middle
/// (`giustozzi…europe.txt`) so that both ends stay; nothing when under 3.
pub(crate) fn shorten_middle(name: &str, room: usize) -> String {
    let count = name.chars().count();
    if count <= room {
        name.to_string()
    } else if room < 3 {
        String::new()
    } else {
        let keep = room - 1;
        let head: String = name.chars().take(keep / 2).collect();
        let tail: String = name.chars().skip(count - (keep - keep / 2)).collect();
        format!("{head}…{tail}")
    }
}

pub fn footer(app: &App, table: Table, items: &[(Action, &str)]) -> String {
    items
        .iter()
        .map(|(action, what)| format!("{} {what}", app.key_in(table, *action)))
        .collect::<Vec<_>>()
        .join(" · ")
}
