//! The status line: the search prompt or the latest message on the left, key
//! hints generated from the live keymap on the right.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::action::Action;
use crate::app::{App, Level, Mode};
use crate::keymap::Table;
use crate::theme::Theme;

/// Actions advertised in the status line, most useful first.
const HINTS: &[(Action, &str)] = &[
    (Action::Help, "help"),
    (Action::SwitchPane, "pane"),
    (Action::Search, "search"),
    (Action::NextPair, "pair"),
    (Action::Topics, "topics"),
    (Action::Quit, "quit"),
];

/// `"? help  tab pane  / search …"` from the keymap: as many whole hints as
/// fit in `width` columns.
pub fn hints(app: &App, width: usize) -> String {
    let mut out = String::new();
    for (action, label) in HINTS {
        let Some(key) = app.keymap.first_key(Table::Normal, *action) else {
            continue;
        };
        let hint = format!("{key} {label}");
        let extra = if out.is_empty() { 0 } else { 2 };
        if out.chars().count() + extra + hint.chars().count() > width {
            break;
        }
        if !out.is_empty() {
            out.push_str("  ");
        }
        out.push_str(&hint);
    }
    out
}

/// `"16 pairs =2 ≠1 ≈0 ~0 13 untagged ● "`: the judgement so far, and `●`
/// while changes are not yet saved (`RO` when they cannot be).
pub fn counts(app: &App) -> String {
    let Some(c) = app.tag_counts() else {
        return String::new();
    };
    let mut custom = if c.custom > 0 {
        format!(" +{}", c.custom)
    } else {
        String::new()
    };
    if c.rejected > 0 {
        custom.push_str(&format!(" ✗{}", c.rejected));
    }
    let conflicts = app.conflicts().len();
    if conflicts > 0 {
        custom.push_str(&format!(" !{conflicts}"));
    }
    let state = state_mark(app);
    format!(
        "{} ={} ≠{} ≈{} ~{}{custom} {} untagged{state} │ ",
        crate::app::counted(c.pairs, "pair", "pairs"),
        c.agree,
        c.contradict,
        c.partial,
        c.unclear,
        c.untagged
    )
}

/// ` ●` while changes are not saved, ` RO` when they cannot be: shown
/// even when a long message leaves no room for the counters.
fn state_mark(app: &App) -> &'static str {
    match &app.tagging {
        Some(t) if !t.writable() => " RO",
        Some(t) if t.dirty() => " ●",
        _ => "",
    }
}

pub fn render(frame: &mut Frame<'_>, app: &App, area: Rect, theme: &Theme) {
    frame.render_widget(Paragraph::new("").style(theme.status), area);
    let left = match (&app.mode, &app.status) {
        (Mode::ConfirmQuit, _) => Line::from(Span::styled(
            format!(
                " unsaved changes: {}",
                super::footer(
                    app,
                    Table::ConfirmQuit,
                    &[
                        (Action::SaveAndQuit, "save and quit"),
                        (Action::QuitWithoutSaving, "quit without saving"),
                        (Action::Cancel, "stay"),
                    ],
                )
            ),
            theme.status.patch(theme.status_warn),
        )),
        (Mode::SearchInput { query }, _) => super::line_input::line_with(
            &app.key_of(Action::Search),
            query,
            usize::from(area.width / 2),
            theme.status,
            theme.status,
        ),
        (_, Some(status)) => {
            let style = match status.level {
                Level::Info => theme.status,
                Level::Warn => theme.status.patch(theme.status_warn),
                Level::Error => theme.status.patch(theme.status_error),
            };
            let glyph = match status.level {
                Level::Info => "",
                Level::Warn => "! ",
                Level::Error => "✖ ",
            };
            Line::from(Span::styled(format!(" {glyph}{}", status.text), style))
        }
        _ => Line::from(Span::styled(
            format!(
                " {}",
                match app.focus {
                    crate::side::Side::Left => "left pane",
                    crate::side::Side::Right => "right pane",
                }
            ),
            theme.status,
        )),
    };
    let lock = if app.scroll_lock { "⇅ " } else { "" };
    let (hints, hints_width) = right_side(app, left.width(), usize::from(area.width), lock);
    let left_area = Rect::new(area.x, area.y, area.width - hints_width, 1);
    let right_area = Rect::new(area.x + area.width - hints_width, area.y, hints_width, 1);
    frame.render_widget(Paragraph::new(left).style(theme.status), left_area);
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(hints, theme.status)).right_aligned())
            .style(theme.status),
        right_area,
    );
}

/// The right side of the status line and its width. The message on the
/// left comes first: key hints yield to it, then the counters, when that
/// lets the whole message show; the scroll lock mark stays while it fits.
/// At most half the line either way.
fn right_side(app: &App, message: usize, width: usize, lock: &str) -> (String, u16) {
    let counts = counts(app);
    let half = width / 2;
    // A message that cannot fit even alone is cut, but keeps at least two
    // thirds of the line; the counters stay if the rest holds them.
    let fits_alone = message + lock.chars().count() < width;
    let room = if fits_alone {
        width.saturating_sub(message + 1).min(half)
    } else {
        (width / 3).min(half)
    };
    let urgent = app.status.as_ref().is_some_and(|s| s.level != Level::Info);
    let fixed = counts.chars().count() + lock.chars().count() + 1;
    let text = if fixed <= room {
        let hint_room = if urgent { 0 } else { room - fixed };
        format!("{counts}{lock}{}", hints(app, hint_room))
    } else if lock.chars().count() + 3 < room {
        // Unsaved changes stay said; then the help hint, if it still
        // fits: the way to everything else.
        let mark = state_mark(app);
        let mark = if mark.is_empty() {
            String::new()
        } else {
            format!("{mark} │ ")
        };
        let used = mark.chars().count() + lock.chars().count() + 1;
        let hint = hints(app, room.saturating_sub(used));
        format!("{mark}{lock}{hint}")
    } else {
        state_mark(app).to_string()
    };
    let used = (text.chars().count() + 1).min(half.max(1));
    (text, u16::try_from(used).unwrap_or(u16::MAX))
}
