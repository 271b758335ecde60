//! Popups for tag sets: the picker (`T`) and the review of orphaned and
//! conflicted tags (`R`).

use ratatui::Frame;
use ratatui::text::{Line, Span};

use super::{footer, picker};
use crate::action::Action;
use crate::app::{App, NameFor, ReviewRow, TagSetPicker};
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
    // Inside the widest popup: its borders, margins and the `▶ ` marker.
    let room = usize::from(frame.area().width.saturating_sub(8));
    let rows = state
        .entries
        .iter()
        .map(|e| {
            // The marks and the count come before the documents, which a
            // narrow popup cuts off; a long name (the default set's is two
            // file names) is shortened in the middle to leave them room.
            let mut spans = Vec::new();
            if e.current {
                spans.push(Span::styled("  (open)", theme.pair_marker));
            }
            let compared = app
                .overlay
                .as_ref()
                .is_some_and(|o| o.store_name.as_deref() == Some(e.name.as_str()));
            if compared {
                spans.push(Span::styled("  (compared)", theme.pair_marker));
            }
            // The open set's count is the one in memory: the file lags
            // behind by the autosave's delay.
            let tags = match &app.tagging {
                Some(t) if e.current => t.set.tags.len(),
                _ => e.tags,
            };
            let noun = if tags == 1 { "tag" } else { "tags" };
            spans.push(Span::styled(format!("  {tags} {noun}"), theme.muted));
            let after: usize = spans.iter().map(Span::width).sum();
            let name = super::shorten_middle(&e.name, room.saturating_sub(after).max(12));
            let style = if e.current { theme.title } else { theme.text };
            spans.insert(0, Span::styled(name, style));
            if let Some(problem) = &e.problem {
                spans.push(Span::styled(
                    format!("  unreadable: {problem}"),
                    theme.status_error,
                ));
            }
            if let Some(docs) = &e.documents {
                spans.push(Span::styled(format!("  {docs}"), theme.muted));
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
                    (Action::OpenOverlay, "compare"),
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
    let rows = app.review_rows();
    let mut header = Vec::new();
    if rows.iter().any(|r| matches!(r, ReviewRow::Orphan(_))) {
        header.push(Line::styled(
            " Orphaned: these tags' passages were not found again in the edited reports.",
            theme.muted,
        ));
    }
    if rows.iter().any(|r| matches!(r, ReviewRow::Conflict(_))) {
        header.push(Line::styled(
            " Conflict: a merge kept two judgements of these pairs; yours shows until you settle it.",
            theme.muted,
        ));
    }
    let label = |id: Option<&str>| match id.and_then(|id| tagging.set.label(id)) {
        Some(l) => format!("{} {}", l.glyph, l.name),
        None => "untagged".to_string(),
    };
    let lines = rows
        .iter()
        .map(|row| match *row {
            ReviewRow::Orphan(i) => {
                let tag = &tagging.set.tags[i];
                let note = if tag.note.is_empty() {
                    String::new()
                } else {
                    format!(" · note: {}", quote(&tag.note))
                };
                Line::from(vec![
                    Span::styled(
                        format!("orphaned  {}", label(tag.label.as_deref())),
                        theme.orphaned,
                    ),
                    Span::styled(
                        format!(
                            "  “{}” ↔ “{}”{note}",
                            quote(&tag.left.exact),
                            quote(&tag.right.exact)
                        ),
                        theme.text,
                    ),
                ])
            }
            ReviewRow::Conflict(i) => {
                let tag = &tagging.set.tags[i];
                let side = |j: &crate::tags::Judgement, whose: &str| {
                    let by = j
                        .analyst
                        .as_deref()
                        .map_or(String::new(), |a| format!(" ({a})"));
                    format!("{whose} {}{by}", label(j.label.as_deref()))
                };
                let both = tag.conflict.as_ref().map_or(String::new(), |c| {
                    format!("{} · {}", side(&c.ours, "yours"), side(&c.theirs, "theirs"))
                });
                Line::from(vec![
                    Span::styled(format!("conflict  {both}"), theme.status_warn),
                    Span::styled(format!("  “{}”", quote(&tag.left.exact)), theme.text),
                ])
            }
        })
        .collect();
    let mut keys = vec![(Action::Reattach, "re-attach to the current pair")];
    keys.push((Action::DeleteEntry, "delete"));
    if !app.conflicts().is_empty() {
        keys.push((Action::KeepOurs, "keep yours"));
        keys.push((Action::TakeTheirs, "take theirs"));
    }
    keys.push((Action::Cancel, "close"));
    picker::render(
        frame,
        "Orphaned and conflicted tags",
        header,
        lines,
        Some(selected),
        &footer(app, Table::Review, &keys),
        theme,
    );
}

/// A quote or note shortened to one line of at most 40 characters.
fn quote(s: &str) -> String {
    let flat = s.replace('\n', " ");
    let short: String = flat.chars().take(40).collect();
    if flat.chars().count() > 40 {
        format!("{short}…")
    } else {
        short
    }
}
