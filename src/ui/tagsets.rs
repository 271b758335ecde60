//! Popups for tag sets: the picker (`T`) and the review of orphaned tags
//! (`R`).

use ratatui::Frame;
use ratatui::text::{Line, Span};

use super::{footer, picker};
use crate::action::Action;
use crate::app::{App, NameFor, TagSetPicker};
use crate::keymap::Table;
use crate::theme::Theme;

pub fn render_picker(frame: &mut Frame<'_>, app: &App, state: &TagSetPicker, theme: &Theme) {
    let mut header = Vec::new();
    if let Some((purpose, name)) = &state.input {
        let what = match purpose {
            NameFor::New => "new tag set name",
            NameFor::SaveAs => "save the current judgements as",
            NameFor::Rename => "rename to",
        };
        let width = usize::from(frame.area().width.saturating_sub(10));
        header.push(super::line_input::line(
            &format!(" {what}: "),
            name,
            width,
            theme,
        ));
    } else if state.confirm_delete {
        let name = state
            .entries
            .get(state.selected)
            .map_or("", |e| e.name.as_str());
        let yes = app.key_in(Table::Confirm, Action::Yes);
        header.push(Line::styled(
            format!(" delete “{name}”? {yes} deletes (its .bak stays), any other key keeps it"),
            theme.status_warn,
        ));
    }
    if state.entries.is_empty() {
        header.push(Line::styled(" no tag sets yet", theme.muted));
    }
    let rows = state
        .entries
        .iter()
        .map(|e| {
            let mut spans = vec![Span::styled(
                e.name.clone(),
                if e.current { theme.title } else { theme.text },
            )];
            spans.push(Span::styled(format!("  {} tags", e.tags), theme.muted));
            if let Some(docs) = &e.documents {
                spans.push(Span::styled(format!("  {docs}"), theme.muted));
            }
            if let Some(problem) = &e.problem {
                spans.push(Span::styled(
                    format!("  unreadable: {problem}"),
                    theme.status_error,
                ));
            }
            if e.current {
                spans.push(Span::styled("  (open)", theme.pair_marker));
            }
            Line::from(spans)
        })
        .collect();
    picker::render(
        frame,
        "Tag sets",
        header,
        rows,
        Some(state.selected),
        &if state.confirm_delete {
            footer(
                app,
                Table::Confirm,
                &[(Action::Yes, "delete"), (Action::Cancel, "keep")],
            )
        } else if state.input.is_some() {
            footer(
                app,
                Table::TagSetName,
                &[(Action::Confirm, "done"), (Action::Cancel, "cancel")],
            )
        } else {
            footer(
                app,
                Table::TagSets,
                &[
                    (Action::Confirm, "open"),
                    (Action::NewTagSet, "new"),
                    (Action::SaveTagSetAs, "save as"),
                    (Action::RenameTagSet, "rename"),
                    (Action::DeleteEntry, "delete"),
                    (Action::Cancel, "close"),
                ],
            )
        },
        theme,
    );
}

pub fn render_review(frame: &mut Frame<'_>, app: &App, selected: usize, theme: &Theme) {
    let Some(tagging) = &app.tagging else {
        return;
    };
    let header = vec![Line::styled(
        " These tags' passages were not found again in the edited reports.",
        theme.muted,
    )];
    let rows = app
        .orphans()
        .into_iter()
        .map(|i| {
            let tag = &tagging.set.tags[i];
            let label = tagging.label_of(tag).map_or("untagged".to_string(), |l| {
                format!("{} {}", l.glyph, l.name)
            });
            let quote = |s: &str| -> String {
                let flat = s.replace('\n', " ");
                let short: String = flat.chars().take(40).collect();
                if flat.chars().count() > 40 {
                    format!("{short}…")
                } else {
                    short
                }
            };
            let note = if tag.note.is_empty() {
                String::new()
            } else {
                format!(" · note: {}", quote(&tag.note))
            };
            Line::from(vec![
                Span::styled(label, theme.orphaned),
                Span::styled(
                    format!(
                        "  “{}” ↔ “{}”{note}",
                        quote(&tag.left.exact),
                        quote(&tag.right.exact)
                    ),
                    theme.text,
                ),
            ])
        })
        .collect();
    picker::render(
        frame,
        "Orphaned tags",
        header,
        rows,
        Some(selected),
        &footer(
            app,
            Table::Review,
            &[
                (Action::Reattach, "re-attach to the current pair"),
                (Action::DeleteEntry, "delete"),
                (Action::Cancel, "close"),
            ],
        ),
        theme,
    );
}
