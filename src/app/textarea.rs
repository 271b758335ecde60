//! A multi-line text box for writing notes: the text, the cursor, the
//! soft-wrap layout shared with the view, and what each key does (pure).
//!
//! The cursor is a (line, column) pair counted in grapheme clusters, so an
//! emoji ZWJ sequence, a letter with combining marks or a CJK ideograph is a
//! single unit for moves and deletion. Display widths come from
//! `unicode-width`, the same measure ratatui uses when it draws the text.
//!
//! Over 600 lines because of its unit tests (the editor itself is under 600).

use std::cell::Cell;
use std::ops::Range;

use crate::action::Action;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// What a tab inserts: notes are plain text, and a literal tab would be
/// drawn at a width the terminal decides, not the one we measure.
const TAB: &str = "    ";

/// Rows PageUp/PageDown move before the box has been drawn once.
const DEFAULT_PAGE: usize = 10;

/// What the owner of a [`TextArea`] must do after a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextAreaEvent {
    /// The text changed.
    Edited,
    /// The key was handled and the text did not change (the cursor may have
    /// moved, or an edit had nothing to act on, e.g. Backspace at the start).
    Moved,
    /// The text area has no use for this key.
    Ignored,
}

/// One visual row of a soft-wrapped line: a range of grapheme indices and
/// the byte range of the same graphemes in the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub graphemes: Range<usize>,
    pub bytes: Range<usize>,
}

/// A multi-line text box. Never empty: there is always at least one line.
#[derive(Debug, Clone)]
pub struct TextArea {
    lines: Vec<String>,
    /// (line, column in graphemes); the column is at most the line's length.
    cursor: (usize, usize),
    /// Display column Up/Down/PageUp/PageDown aim for, so moving through a
    /// short line does not lose the column of a longer one.
    goal_x: Option<usize>,
    /// The text as loaded, for `is_modified`.
    original: String,
    /// The view draws from `&TextArea` but must keep the cursor visible
    /// without jumping, so the first visible row and the size last drawn at
    /// live in cells; only the view and `set_viewport` write them.
    scroll: Cell<usize>,
    viewport: Cell<(u16, u16)>,
}

impl TextArea {
    /// A text box holding `text`, with the cursor at the end. Line endings
    /// (`\r\n`, `\r`) become `\n`, tabs become spaces, and other control
    /// characters are dropped, so the box never holds anything that could
    /// drive the terminal.
    pub fn new(text: &str) -> Self {
        let lines = split_lines(text);
        let original = lines.join("\n");
        let mut area = Self {
            lines,
            cursor: (0, 0),
            goal_x: None,
            original,
            scroll: Cell::new(0),
            viewport: Cell::new((0, 0)),
        };
        area.move_to_end();
        area
    }

    /// The lines joined with `\n`.
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    /// The lines of the text, without line endings.
    pub fn lines(&self) -> &[String] {
        &self.lines
    }

    /// Whether the text differs from the one given to [`TextArea::new`]
    /// (after its line endings and control characters were normalised).
    pub fn is_modified(&self) -> bool {
        self.text() != self.original
    }

    /// (line, column in graphemes).
    pub fn cursor(&self) -> (usize, usize) {
        self.cursor
    }

    /// Replaces the whole text (e.g. with what `$EDITOR` returned), keeping
    /// the original for `is_modified`; the cursor goes to the end.
    pub fn replace_text(&mut self, text: &str) {
        self.lines = split_lines(text);
        self.goal_x = None;
        self.move_to_end();
    }

    /// Inserts pasted text at the cursor, normalised like [`TextArea::new`].
    pub fn paste(&mut self, text: &str) -> TextAreaEvent {
        self.goal_x = None;
        let pieces = split_lines(text);
        if pieces.len() == 1 && pieces[0].is_empty() {
            return TextAreaEvent::Moved;
        }
        let (line, col) = self.cursor;
        let at = byte_of_col(&self.lines[line], col);
        let tail = self.lines[line].split_off(at);
        self.lines[line].push_str(&pieces[0]);
        let mut last = line;
        for piece in &pieces[1..] {
            last += 1;
            self.lines.insert(last, piece.clone());
        }
        let end = self.lines[last].len();
        self.lines[last].push_str(&tail);
        self.cursor = (last, col_of_byte(&self.lines[last], end));
        TextAreaEvent::Edited
    }

    /// Tells the model the size of the text region last drawn; Up/Down then
    /// move by wrapped rows, PageUp/PageDown by `height` rows.
    pub fn set_viewport(&self, width: u16, height: u16) {
        self.viewport.set((width, height));
    }

    /// The wrap width last drawn at, or unbounded before the first draw.
    fn wrap_width(&self) -> usize {
        match self.viewport.get().0 {
            0 => usize::MAX,
            w => usize::from(w),
        }
    }

    /// Applies one editing action of the keymap's `note` table; returns
    /// what it did. Actions that are not about the text are `Ignored`.
    pub fn edit(&mut self, action: Action) -> TextAreaEvent {
        let vertical = matches!(
            action,
            Action::CursorUp | Action::CursorDown | Action::CursorPageUp | Action::CursorPageDown
        );
        if !vertical {
            self.goal_x = None;
        }
        match action {
            Action::NewLine => self.insert_newline(),
            Action::Indent => self.insert_str(TAB),
            Action::DeleteBack => self.backspace(),
            Action::DeleteForward => self.delete(),
            Action::DeleteWordBack => self.delete_word_back(),
            Action::DeleteToLineStart => self.delete_to_line_start(),
            Action::DeleteToLineEnd | Action::DeleteWordForward => self.delete_to_line_end(),
            Action::WordLeft => self.moved(Self::word_left),
            Action::WordRight => self.moved(Self::word_right),
            Action::TextStart => self.moved(|t| t.cursor = (0, 0)),
            Action::TextEnd => self.moved(Self::move_to_end),
            Action::CursorLeft => self.moved(Self::left),
            Action::CursorRight => self.moved(Self::right),
            Action::LineStart => self.moved(|t| t.cursor.1 = 0),
            Action::LineEnd => self.moved(|t| t.cursor.1 = grapheme_len(&t.lines[t.cursor.0])),
            Action::CursorUp => self.moved(|t| t.vertical(-1)),
            Action::CursorDown => self.moved(|t| t.vertical(1)),
            Action::CursorPageUp => self.moved(|t| t.vertical(-t.page())),
            Action::CursorPageDown => self.moved(|t| t.vertical(t.page())),
            _ => TextAreaEvent::Ignored,
        }
    }

    fn moved(&mut self, f: impl FnOnce(&mut Self)) -> TextAreaEvent {
        f(self);
        TextAreaEvent::Moved
    }

    fn page(&self) -> isize {
        let height = match self.viewport.get().1 {
            0 => DEFAULT_PAGE,
            h => usize::from(h),
        };
        isize::try_from(height).unwrap_or(isize::MAX)
    }

    fn move_to_end(&mut self) {
        let last = self.lines.len() - 1;
        self.cursor = (last, grapheme_len(&self.lines[last]));
    }

    /// Types one character at the cursor (a tab indents, a line break
    /// starts a new line, other control characters are dropped).
    pub fn insert_char(&mut self, c: char) -> TextAreaEvent {
        match c {
            '\t' => self.insert_str(TAB),
            '\n' | '\r' => self.insert_newline(),
            c if c.is_control() => TextAreaEvent::Ignored,
            c => self.insert_str(c.encode_utf8(&mut [0; 4])),
        }
    }

    /// Inserts `s`, which holds no line breaks or control characters.
    fn insert_str(&mut self, s: &str) -> TextAreaEvent {
        let (line, col) = self.cursor;
        let at = byte_of_col(&self.lines[line], col);
        self.lines[line].insert_str(at, s);
        self.cursor.1 = col_of_byte(&self.lines[line], at + s.len());
        TextAreaEvent::Edited
    }

    fn insert_newline(&mut self) -> TextAreaEvent {
        let (line, col) = self.cursor;
        let at = byte_of_col(&self.lines[line], col);
        let tail = self.lines[line].split_off(at);
        self.lines.insert(line + 1, tail);
        self.cursor = (line + 1, 0);
        TextAreaEvent::Edited
    }

    fn backspace(&mut self) -> TextAreaEvent {
        let (line, col) = self.cursor;
        if col > 0 {
            let text = &mut self.lines[line];
            let start = byte_of_col(text, col - 1);
            let end = byte_of_col(text, col);
            text.replace_range(start..end, "");
            self.cursor.1 = col_of_byte(text, start);
            TextAreaEvent::Edited
        } else if line > 0 {
            let removed = self.lines.remove(line);
            let prev = &mut self.lines[line - 1];
            let join = prev.len();
            prev.push_str(&removed);
            self.cursor = (line - 1, col_of_byte(prev, join));
            TextAreaEvent::Edited
        } else {
            TextAreaEvent::Moved
        }
    }

    fn delete(&mut self) -> TextAreaEvent {
        let (line, col) = self.cursor;
        if col < grapheme_len(&self.lines[line]) {
            let text = &mut self.lines[line];
            let start = byte_of_col(text, col);
            let end = byte_of_col(text, col + 1);
            text.replace_range(start..end, "");
            self.cursor.1 = col_of_byte(text, start);
            TextAreaEvent::Edited
        } else if line + 1 < self.lines.len() {
            let next = self.lines.remove(line + 1);
            let text = &mut self.lines[line];
            let join = text.len();
            text.push_str(&next);
            self.cursor.1 = col_of_byte(text, join);
            TextAreaEvent::Edited
        } else {
            TextAreaEvent::Moved
        }
    }

    /// Deletes back to the start of the word before the cursor; at a
    /// line's start, joins it with the line before.
    fn delete_word_back(&mut self) -> TextAreaEvent {
        let (line, col) = self.cursor;
        if col == 0 {
            return self.backspace();
        }
        self.word_left();
        let start = self.cursor.1;
        let text = &mut self.lines[line];
        let (from, to) = (byte_of_col(text, start), byte_of_col(text, col));
        text.replace_range(from..to, "");
        TextAreaEvent::Edited
    }

    fn delete_to_line_start(&mut self) -> TextAreaEvent {
        let (line, col) = self.cursor;
        if col == 0 {
            return TextAreaEvent::Moved;
        }
        let text = &mut self.lines[line];
        let at = byte_of_col(text, col);
        text.replace_range(..at, "");
        self.cursor.1 = 0;
        TextAreaEvent::Edited
    }

    fn delete_to_line_end(&mut self) -> TextAreaEvent {
        let (line, col) = self.cursor;
        let text = &mut self.lines[line];
        let at = byte_of_col(text, col);
        if at == text.len() {
            return TextAreaEvent::Moved;
        }
        text.truncate(at);
        self.cursor.1 = col_of_byte(text, at);
        TextAreaEvent::Edited
    }

    fn left(&mut self) {
        let (line, col) = self.cursor;
        if col > 0 {
            self.cursor.1 = col - 1;
        } else if line > 0 {
            self.cursor = (line - 1, grapheme_len(&self.lines[line - 1]));
        }
    }

    fn right(&mut self) {
        let (line, col) = self.cursor;
        if col < grapheme_len(&self.lines[line]) {
            self.cursor.1 = col + 1;
        } else if line + 1 < self.lines.len() {
            self.cursor = (line + 1, 0);
        }
    }

    /// To the start of the word before the cursor, or the end of the
    /// previous line from a line's start.
    fn word_left(&mut self) {
        let (line, col) = self.cursor;
        if col == 0 {
            self.left();
            return;
        }
        let graphemes: Vec<&str> = self.lines[line].graphemes(true).collect();
        let mut c = col;
        while c > 0 && !is_word(graphemes[c - 1]) {
            c -= 1;
        }
        while c > 0 && is_word(graphemes[c - 1]) {
            c -= 1;
        }
        self.cursor.1 = c;
    }

    /// To the end of the word after the cursor, or the start of the next
    /// line from a line's end.
    fn word_right(&mut self) {
        let (line, col) = self.cursor;
        let graphemes: Vec<&str> = self.lines[line].graphemes(true).collect();
        if col >= graphemes.len() {
            self.right();
            return;
        }
        let mut c = col;
        while c < graphemes.len() && !is_word(graphemes[c]) {
            c += 1;
        }
        while c < graphemes.len() && is_word(graphemes[c]) {
            c += 1;
        }
        self.cursor.1 = c;
    }

    /// Moves `delta` wrapped rows up (negative) or down, aiming for the
    /// goal display column. Past the first row the cursor goes to the start
    /// of the text, past the last to its end.
    fn vertical(&mut self, delta: isize) {
        let width = self.wrap_width();
        let (mut line, col) = self.cursor;
        let mut rows = wrap_rows(&self.lines[line], width);
        let mut row = row_of_col(&rows, col);
        let x = *self
            .goal_x
            .get_or_insert_with(|| prefix_width(&self.lines[line], rows[row].graphemes.start, col));
        for _ in 0..delta.unsigned_abs() {
            if delta < 0 {
                if row > 0 {
                    row -= 1;
                } else if line > 0 {
                    line -= 1;
                    rows = wrap_rows(&self.lines[line], width);
                    row = rows.len() - 1;
                } else {
                    self.cursor = (0, 0);
                    return;
                }
            } else if row + 1 < rows.len() {
                row += 1;
            } else if line + 1 < self.lines.len() {
                line += 1;
                rows = wrap_rows(&self.lines[line], width);
                row = 0;
            } else {
                self.move_to_end();
                return;
            }
        }
        let last = row + 1 == rows.len();
        self.cursor = (line, col_at_x(&self.lines[line], &rows[row], x, last));
    }

    /// Every visual row of the text at `width`: (line index, row).
    pub fn layout(&self, width: usize) -> Vec<(usize, Row)> {
        self.lines
            .iter()
            .enumerate()
            .flat_map(|(i, line)| wrap_rows(line, width).into_iter().map(move |r| (i, r)))
            .collect()
    }

    /// The cursor's visual row in [`TextArea::layout`] and its display
    /// column within that row.
    pub fn cursor_visual(&self, width: usize) -> (usize, usize) {
        let (line, col) = self.cursor;
        let before: usize = self.lines[..line]
            .iter()
            .map(|l| wrap_rows(l, width).len())
            .sum();
        let rows = wrap_rows(&self.lines[line], width);
        let row = row_of_col(&rows, col);
        let x = prefix_width(&self.lines[line], rows[row].graphemes.start, col);
        (before + row, x)
    }

    /// The first visible row after scrolling just enough to show the
    /// cursor's row in `height` rows, remembered for the next draw.
    pub fn scroll_for(&self, cursor_row: usize, total_rows: usize, height: usize) -> usize {
        let mut top = self.scroll.get();
        if cursor_row < top {
            top = cursor_row;
        } else if cursor_row >= top + height {
            top = cursor_row + 1 - height.max(1);
        }
        top = top.min(total_rows.saturating_sub(height.max(1)));
        self.scroll.set(top);
        top
    }
}

/// Splits `text` into lines on `\n`, `\r\n` and `\r`, expanding tabs and
/// dropping other control characters.
fn split_lines(text: &str) -> Vec<String> {
    let mut lines = vec![String::new()];
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                lines.push(String::new());
            }
            '\n' => lines.push(String::new()),
            '\t' => push_last(&mut lines, TAB),
            c if c.is_control() => {}
            c => push_last(&mut lines, c.encode_utf8(&mut [0; 4])),
        }
    }
    lines
}

fn push_last(lines: &mut [String], s: &str) {
    if let Some(last) = lines.last_mut() {
        last.push_str(s);
    }
}

fn is_word(grapheme: &str) -> bool {
    grapheme
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '_')
}

fn grapheme_len(line: &str) -> usize {
    line.graphemes(true).count()
}

/// Byte offset of grapheme `col` (the line's length past the end).
fn byte_of_col(line: &str, col: usize) -> usize {
    line.grapheme_indices(true)
        .nth(col)
        .map_or(line.len(), |(i, _)| i)
}

/// The column of the cursor placed at byte `at`. If an edit made `at` fall
/// inside a cluster (a combining mark joined the previous letter), the
/// cursor goes after that cluster.
fn col_of_byte(line: &str, at: usize) -> usize {
    line.grapheme_indices(true)
        .take_while(|(i, _)| *i < at)
        .count()
}

/// Display width of graphemes `from..to` of `line`.
fn prefix_width(line: &str, from: usize, to: usize) -> usize {
    line.graphemes(true)
        .skip(from)
        .take(to.saturating_sub(from))
        .map(UnicodeWidthStr::width)
        .sum()
}

/// Greedy soft wrap of one line at `width` display columns, breaking after
/// whitespace where a row has some, else between graphemes. Every row holds
/// at least one grapheme, except that an empty line has one empty row and a
/// line whose last row is full gets an empty row after it, so the cursor at
/// the end of a line always has a cell to sit in.
pub fn wrap_rows(line: &str, width: usize) -> Vec<Row> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let (mut start, mut start_byte, mut row_width) = (0, 0, 0);
    // (grapheme index, byte, width of the row before it) just after the
    // last whitespace in the current row.
    let mut brk: Option<(usize, usize, usize)> = None;
    let mut count = 0;
    for (i, (byte, g)) in line.grapheme_indices(true).enumerate() {
        let w = g.width();
        if row_width + w > width && i > start {
            let (at, at_byte, at_width) = brk.take().unwrap_or((i, byte, row_width));
            rows.push(Row {
                graphemes: start..at,
                bytes: start_byte..at_byte,
            });
            start = at;
            start_byte = at_byte;
            row_width -= at_width;
            // What followed the whitespace may still not leave room for g.
            if row_width + w > width && i > start {
                rows.push(Row {
                    graphemes: start..i,
                    bytes: start_byte..byte,
                });
                start = i;
                start_byte = byte;
                row_width = 0;
            }
        }
        row_width += w;
        if g.chars().all(char::is_whitespace) {
            brk = Some((i + 1, byte + g.len(), row_width));
        }
        count = i + 1;
    }
    rows.push(Row {
        graphemes: start..count,
        bytes: start_byte..line.len(),
    });
    if row_width >= width && count > start {
        rows.push(Row {
            graphemes: count..count,
            bytes: line.len()..line.len(),
        });
    }
    rows
}

/// The row holding column `col`: the last row starting at or before it.
fn row_of_col(rows: &[Row], col: usize) -> usize {
    rows.iter()
        .rposition(|r| r.graphemes.start <= col)
        .unwrap_or(0)
}

/// The column in `row` nearest display column `x` without passing it. Only
/// the last row of a line may put the cursor after its final grapheme;
/// elsewhere that position belongs to the next row.
fn col_at_x(line: &str, row: &Row, x: usize, last: bool) -> usize {
    let max = if last || row.graphemes.is_empty() {
        row.graphemes.end
    } else {
        row.graphemes.end - 1
    };
    let mut acc = 0;
    for (i, g) in line.graphemes(true).enumerate().skip(row.graphemes.start) {
        let w = g.width();
        if i >= max || acc + w > x {
            return i;
        }
        acc += w;
    }
    max
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keymap::{Input, Keymap, Table};
    use proptest::prelude::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};

    impl TextArea {
        /// A key as the reader delivers it: resolved through the default
        /// note keymap.
        fn handle_key(&mut self, key: KeyEvent) -> TextAreaEvent {
            match Keymap::default().resolve(Table::Note, &key) {
                Some(Input::Text(c)) => self.insert_char(c),
                Some(Input::Action(action)) => self.edit(action),
                None => TextAreaEvent::Ignored,
            }
        }
    }

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::CONTROL)
    }

    fn ch(c: char) -> KeyEvent {
        key(KeyCode::Char(c))
    }

    /// Presses every key, returning the last event.
    fn press(area: &mut TextArea, keys: &[KeyEvent]) -> TextAreaEvent {
        keys.iter()
            .map(|k| area.handle_key(*k))
            .last()
            .unwrap_or(TextAreaEvent::Ignored)
    }

    fn typed(s: &str) -> Vec<KeyEvent> {
        s.chars().map(ch).collect()
    }

    const NAIVE: &str = "nai\u{308}ve 👩\u{200d}👩\u{200d}👧 日本";

    #[test]
    fn new_puts_the_cursor_at_the_end_and_normalises() {
        let cases: &[(&str, &[&str], (usize, usize))] = &[
            ("", &[""], (0, 0)),
            ("abc", &["abc"], (0, 3)),
            ("a\nbc\n", &["a", "bc", ""], (2, 0)),
            ("a\r\nb\rc", &["a", "b", "c"], (2, 1)),
            ("\tx", &["    x"], (0, 5)),
            ("red\x1b[31m\x07!", &["red[31m!"], (0, 8)),
            (NAIVE, &[NAIVE], (0, 10)),
        ];
        for (text, lines, cursor) in cases {
            let area = TextArea::new(text);
            assert_eq!(area.lines(), *lines, "{text:?}");
            assert_eq!(area.cursor(), *cursor, "{text:?}");
            assert!(!area.is_modified(), "{text:?}");
        }
    }

    /// Name, starting text, keys, expected text, cursor and last event.
    type EditCase = (
        &'static str,
        &'static str,
        Vec<KeyEvent>,
        &'static str,
        (usize, usize),
        TextAreaEvent,
    );

    #[test]
    fn editing_keys() {
        let cases: &[EditCase] = &[
            (
                "type",
                "",
                typed("hi there"),
                "hi there",
                (0, 8),
                TextAreaEvent::Edited,
            ),
            (
                "shift",
                "",
                vec![KeyEvent::new(KeyCode::Char('A'), KeyModifiers::SHIFT)],
                "A",
                (0, 1),
                TextAreaEvent::Edited,
            ),
            (
                "altgr",
                "",
                vec![KeyEvent::new(
                    KeyCode::Char('@'),
                    KeyModifiers::CONTROL | KeyModifiers::ALT,
                )],
                "@",
                (0, 1),
                TextAreaEvent::Edited,
            ),
            (
                "enter splits",
                "abcd",
                vec![key(KeyCode::Left), key(KeyCode::Left), key(KeyCode::Enter)],
                "ab\ncd",
                (1, 0),
                TextAreaEvent::Edited,
            ),
            (
                "enter at end",
                "ab",
                vec![key(KeyCode::Enter), ch('x')],
                "ab\nx",
                (1, 1),
                TextAreaEvent::Edited,
            ),
            (
                "tab",
                "x",
                vec![key(KeyCode::Home), key(KeyCode::Tab)],
                "    x",
                (0, 4),
                TextAreaEvent::Edited,
            ),
            (
                "backspace",
                "abc",
                vec![key(KeyCode::Backspace)],
                "ab",
                (0, 2),
                TextAreaEvent::Edited,
            ),
            (
                "backspace joins",
                "ab\ncd",
                vec![key(KeyCode::Home), key(KeyCode::Backspace)],
                "abcd",
                (0, 2),
                TextAreaEvent::Edited,
            ),
            (
                "backspace at start",
                "ab",
                vec![ctrl(KeyCode::Home), key(KeyCode::Backspace)],
                "ab",
                (0, 0),
                TextAreaEvent::Moved,
            ),
            (
                "delete",
                "abc",
                vec![key(KeyCode::Home), key(KeyCode::Delete)],
                "bc",
                (0, 0),
                TextAreaEvent::Edited,
            ),
            (
                "delete joins",
                "ab\ncd",
                vec![key(KeyCode::Up), key(KeyCode::End), key(KeyCode::Delete)],
                "abcd",
                (0, 2),
                TextAreaEvent::Edited,
            ),
            (
                "delete at end",
                "ab",
                vec![key(KeyCode::Delete)],
                "ab",
                (0, 2),
                TextAreaEvent::Moved,
            ),
            (
                "delete joins empty line",
                "a\n\nb",
                vec![
                    ctrl(KeyCode::Home),
                    key(KeyCode::End),
                    key(KeyCode::Delete),
                    key(KeyCode::Delete),
                ],
                "ab",
                (0, 1),
                TextAreaEvent::Edited,
            ),
            (
                "ctrl-u",
                "hello world",
                vec![ctrl(KeyCode::Left), ctrl(KeyCode::Char('u'))],
                "world",
                (0, 0),
                TextAreaEvent::Edited,
            ),
            (
                "ctrl-u at start",
                "ab",
                vec![key(KeyCode::Home), ctrl(KeyCode::Char('u'))],
                "ab",
                (0, 0),
                TextAreaEvent::Moved,
            ),
            (
                "ctrl-k",
                "hello world\nx",
                vec![
                    ctrl(KeyCode::Home),
                    ctrl(KeyCode::Right),
                    ctrl(KeyCode::Char('k')),
                ],
                "hello\nx",
                (0, 5),
                TextAreaEvent::Edited,
            ),
            (
                "ctrl-k at end",
                "ab\ncd",
                vec![key(KeyCode::Up), ctrl(KeyCode::Char('k'))],
                "ab\ncd",
                (0, 2),
                TextAreaEvent::Moved,
            ),
            (
                "escape typed",
                "a",
                vec![ch('\x1b'), ch('\x07'), ch('\u{7f}')],
                "a",
                (0, 1),
                TextAreaEvent::Ignored,
            ),
            (
                "newline char",
                "ab",
                vec![key(KeyCode::Left), ch('\r')],
                "a\nb",
                (1, 0),
                TextAreaEvent::Edited,
            ),
            (
                "ctrl-x ignored",
                "a",
                vec![ctrl(KeyCode::Char('x'))],
                "a",
                (0, 1),
                TextAreaEvent::Ignored,
            ),
            (
                "alt-x ignored",
                "a",
                vec![KeyEvent::new(KeyCode::Char('x'), KeyModifiers::ALT)],
                "a",
                (0, 1),
                TextAreaEvent::Ignored,
            ),
            (
                "alt-enter ignored",
                "a",
                vec![KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT)],
                "a",
                (0, 1),
                TextAreaEvent::Ignored,
            ),
            (
                "F1 ignored",
                "a",
                vec![key(KeyCode::F(1))],
                "a",
                (0, 1),
                TextAreaEvent::Ignored,
            ),
            (
                "release ignored",
                "a",
                vec![KeyEvent::new_with_kind_and_state(
                    KeyCode::Char('b'),
                    KeyModifiers::NONE,
                    KeyEventKind::Release,
                    KeyEventState::NONE,
                )],
                "a",
                (0, 1),
                TextAreaEvent::Ignored,
            ),
            (
                "repeat inserts",
                "a",
                vec![KeyEvent::new_with_kind_and_state(
                    KeyCode::Char('b'),
                    KeyModifiers::NONE,
                    KeyEventKind::Repeat,
                    KeyEventState::NONE,
                )],
                "ab",
                (0, 2),
                TextAreaEvent::Edited,
            ),
        ];
        for (name, text, keys, expected, cursor, event) in cases {
            let mut area = TextArea::new(text);
            let last = press(&mut area, keys);
            assert_eq!(area.text(), *expected, "{name}");
            assert_eq!(area.cursor(), *cursor, "{name}");
            assert_eq!(last, *event, "{name}");
        }
    }

    #[test]
    fn owner_keys_leave_the_text_alone() {
        let cases = [
            (ctrl(KeyCode::Char('s')), Action::SaveNote),
            (
                KeyEvent::new(
                    KeyCode::Char('S'),
                    KeyModifiers::CONTROL | KeyModifiers::SHIFT,
                ),
                Action::SaveNote,
            ),
            (key(KeyCode::Esc), Action::SaveNote),
            (ctrl(KeyCode::Char('g')), Action::DiscardNote),
            (ctrl(KeyCode::Char('e')), Action::ExternalEditor),
        ];
        let keymap = Keymap::default();
        for (k, action) in cases {
            assert_eq!(
                keymap.resolve(Table::Note, &k),
                Some(Input::Action(action)),
                "{k:?}"
            );
            let mut area = TextArea::new("draft");
            assert_eq!(area.handle_key(ch('!')), TextAreaEvent::Edited);
            assert_eq!(area.handle_key(k), TextAreaEvent::Ignored, "{k:?}");
            assert_eq!(area.text(), "draft!");
            assert_eq!(area.cursor(), (0, 6));
        }
    }

    #[test]
    fn ctrl_w_deletes_the_word_before_the_cursor() {
        let mut area = TextArea::new("one two\nthree four");
        area.edit(Action::DeleteWordBack);
        assert_eq!(area.text(), "one two\nthree ");
        area.edit(Action::LineStart);
        area.edit(Action::DeleteWordBack);
        assert_eq!(area.text(), "one twothree ");
    }

    #[test]
    fn moves_by_grapheme_in_non_ascii_text() {
        // n a ï v e ␠ 👩‍👩‍👧 ␠ 日 本: ten graphemes.
        let mut area = TextArea::new(NAIVE);
        assert_eq!(area.cursor(), (0, 10));
        press(&mut area, &[key(KeyCode::Left); 3]);
        assert_eq!(area.cursor(), (0, 7));
        assert_eq!(
            area.handle_key(key(KeyCode::Backspace)),
            TextAreaEvent::Edited
        );
        assert_eq!(area.text(), "nai\u{308}ve  日本");
        assert_eq!(area.cursor(), (0, 6));
        press(
            &mut area,
            &[key(KeyCode::Home), key(KeyCode::Right), key(KeyCode::Right)],
        );
        assert_eq!(area.handle_key(key(KeyCode::Delete)), TextAreaEvent::Edited);
        assert_eq!(area.text(), "nave  日本");
        press(&mut area, &[key(KeyCode::End), key(KeyCode::Left)]);
        press(&mut area, &typed("の"));
        assert_eq!(area.text(), "nave  日の本");
        assert_eq!(area.cursor(), (0, 8));
    }

    #[test]
    fn a_combining_mark_joins_the_letter_before_it() {
        let mut area = TextArea::new("cafe");
        assert_eq!(area.handle_key(ch('\u{301}')), TextAreaEvent::Edited);
        assert_eq!(area.cursor(), (0, 4));
        assert_eq!(
            area.handle_key(key(KeyCode::Backspace)),
            TextAreaEvent::Edited
        );
        assert_eq!(area.text(), "caf");
        // Typing a letter before a mark: the cursor goes after the new cluster.
        let mut area = TextArea::new("\u{301}x");
        press(&mut area, &[key(KeyCode::Home), ch('e')]);
        assert_eq!(area.text(), "e\u{301}x");
        assert_eq!(area.cursor(), (0, 1));
    }

    #[test]
    fn word_moves() {
        let text = "naïve 👩\u{200d}👩\u{200d}👧 日本, ok\nnext";
        let mut area = TextArea::new(text);
        press(&mut area, &[ctrl(KeyCode::Home)]);
        let mut stops = vec![];
        for _ in 0..6 {
            area.handle_key(ctrl(KeyCode::Right));
            stops.push(area.cursor());
        }
        assert_eq!(stops, [(0, 5), (0, 10), (0, 14), (1, 0), (1, 4), (1, 4)]);
        let mut stops = vec![];
        for _ in 0..6 {
            area.handle_key(ctrl(KeyCode::Left));
            stops.push(area.cursor());
        }
        assert_eq!(stops, [(1, 0), (0, 14), (0, 12), (0, 8), (0, 0), (0, 0)]);
    }

    #[test]
    fn up_and_down_keep_the_column_where_they_can() {
        let mut area = TextArea::new("abcdef\nab\nabcdefgh\n日本語x");
        press(
            &mut area,
            &[ctrl(KeyCode::Home), key(KeyCode::End), key(KeyCode::Left)],
        );
        assert_eq!(area.cursor(), (0, 5));
        let mut seen = vec![];
        for _ in 0..4 {
            area.handle_key(key(KeyCode::Down));
            seen.push(area.cursor());
        }
        // Column 5 is display column 5: inside 語, so before it.
        assert_eq!(seen, [(1, 2), (2, 5), (3, 2), (3, 4)]);
        let mut seen = vec![];
        for _ in 0..5 {
            area.handle_key(key(KeyCode::Up));
            seen.push(area.cursor());
        }
        // Past the first line the cursor goes to the start of the text.
        assert_eq!(seen, [(2, 5), (1, 2), (0, 5), (0, 0), (0, 0)]);
        // The goal column survives that, and only a horizontal move drops it.
        area.handle_key(key(KeyCode::Down));
        assert_eq!(area.cursor(), (1, 2));
        press(&mut area, &[key(KeyCode::Left), key(KeyCode::Down)]);
        assert_eq!(area.cursor(), (2, 1));
    }

    #[test]
    fn up_and_down_move_by_wrapped_rows_once_drawn() {
        let mut area = TextArea::new("one two three four five six\nend");
        area.set_viewport(10, 3);
        // Rows at width 10: "one two ", "three ", "four five ", "six".
        press(&mut area, &[ctrl(KeyCode::Home), key(KeyCode::Right)]);
        let mut seen = vec![];
        for _ in 0..5 {
            area.handle_key(key(KeyCode::Down));
            seen.push(area.cursor());
        }
        assert_eq!(seen, [(0, 9), (0, 15), (0, 25), (1, 1), (1, 3)]);
        area.handle_key(key(KeyCode::PageUp));
        assert_eq!(area.cursor(), (0, 9));
        area.handle_key(key(KeyCode::PageUp));
        assert_eq!(area.cursor(), (0, 0));
        area.handle_key(key(KeyCode::PageDown));
        assert_eq!(area.cursor(), (0, 25));
    }

    #[test]
    fn page_keys_move_ten_lines_before_the_first_draw() {
        let text: Vec<String> = (0..30).map(|i| i.to_string()).collect();
        let mut area = TextArea::new(&text.join("\n"));
        area.handle_key(key(KeyCode::PageUp));
        assert_eq!(area.cursor(), (19, 2));
        area.handle_key(key(KeyCode::PageUp));
        area.handle_key(key(KeyCode::PageUp));
        assert_eq!(area.cursor(), (0, 0));
        area.handle_key(key(KeyCode::PageDown));
        assert_eq!(area.cursor(), (10, 2));
    }

    #[test]
    fn paste_normalises_and_inserts_at_the_cursor() {
        let mut area = TextArea::new("[]");
        area.handle_key(key(KeyCode::Left));
        let event = area.paste("one\r\ntwo\x1b[2J\tthree\rfour");
        assert_eq!(event, TextAreaEvent::Edited);
        assert_eq!(area.text(), "[one\ntwo[2J    three\nfour]");
        assert_eq!(area.cursor(), (2, 4));
        assert_eq!(area.paste("\x1b"), TextAreaEvent::Moved);
        assert_eq!(area.text(), "[one\ntwo[2J    three\nfour]");
    }

    #[test]
    fn is_modified_compares_with_the_text_given_to_new() {
        let mut area = TextArea::new("note");
        assert!(!area.is_modified());
        area.handle_key(ch('s'));
        assert!(area.is_modified());
        area.handle_key(key(KeyCode::Backspace));
        assert!(!area.is_modified());
        area.handle_key(key(KeyCode::Left));
        assert!(!area.is_modified());
        area.replace_text("from the editor\n");
        assert!(area.is_modified());
        assert_eq!(area.cursor(), (1, 0));
        area.replace_text("note");
        assert!(!area.is_modified());
    }

    #[test]
    fn wrap_rows_breaks_after_whitespace_else_between_graphemes() {
        let cases: &[(&str, usize, &[&str])] = &[
            ("", 5, &[""]),
            ("abc", 5, &["abc"]),
            ("abcde", 5, &["abcde", ""]),
            ("hello world", 6, &["hello ", "world"]),
            ("hello world", 5, &["hello", " ", "world", ""]),
            ("abcdefgh", 3, &["abc", "def", "gh"]),
            (" 日本", 3, &[" ", "日", "本"]),
            ("日本語", 1, &["日", "本", "語", ""]),
            (
                "a 👩\u{200d}👩\u{200d}👧 b",
                3,
                &["a ", "👩\u{200d}👩\u{200d}👧 ", "b"],
            ),
            ("abc", 0, &["a", "b", "c", ""]),
        ];
        for (line, width, expected) in cases {
            let rows: Vec<&str> = wrap_rows(line, *width)
                .into_iter()
                .map(|r| &line[r.bytes])
                .collect();
            assert_eq!(rows, *expected, "{line:?} at {width}");
            let graphemes: Vec<&str> = line.graphemes(true).collect();
            for r in wrap_rows(line, *width) {
                assert_eq!(graphemes[r.graphemes].concat(), line[r.bytes].to_string());
            }
        }
    }

    #[test]
    fn cursor_visual_counts_wrapped_rows_and_display_width() {
        let mut area = TextArea::new("abcde\n日本語 x");
        // Rows at width 5: "abcde", "", "日本", "語 x".
        assert_eq!(area.cursor_visual(5), (3, 4));
        press(&mut area, &[ctrl(KeyCode::Home), key(KeyCode::End)]);
        // A full row: the end-of-line cursor sits on the row after it.
        assert_eq!(area.cursor_visual(5), (1, 0));
        assert_eq!(area.cursor_visual(80), (0, 5));
    }

    fn any_key() -> impl Strategy<Value = KeyEvent> {
        let chars = prop_oneof![
            any::<char>(),
            prop::sample::select(vec![
                'a', ' ', '\t', '\n', '\r', '\x1b', '\u{301}', '\u{308}', '\u{200d}', '👩', '日',
                '_', ',',
            ]),
        ];
        let code = prop_oneof![
            4 => chars.prop_map(KeyCode::Char),
            1 => prop::sample::select(vec![
                KeyCode::Enter, KeyCode::Tab, KeyCode::BackTab, KeyCode::Backspace,
                KeyCode::Delete, KeyCode::Left, KeyCode::Right, KeyCode::Up, KeyCode::Down,
                KeyCode::Home, KeyCode::End, KeyCode::PageUp, KeyCode::PageDown, KeyCode::Esc,
                KeyCode::F(2), KeyCode::Insert,
            ]),
        ];
        let modifiers = prop::sample::select(vec![
            KeyModifiers::NONE,
            KeyModifiers::SHIFT,
            KeyModifiers::CONTROL,
            KeyModifiers::ALT,
            KeyModifiers::CONTROL | KeyModifiers::ALT,
        ]);
        (code, modifiers).prop_map(|(c, m)| KeyEvent::new(c, m))
    }

    proptest! {
        #[test]
        fn random_keys_never_panic_and_keep_the_cursor_in_the_text(
            start in "(\\PC|[\\t\\r\\n\\x1b]){0,40}",
            steps in prop::collection::vec((any_key(), 0u16..12, 0u16..6, any::<bool>()), 0..120),
        ) {
            let mut area = TextArea::new(&start);
            for (k, width, height, paste) in steps {
                area.set_viewport(width, height);
                let before = area.text();
                let event = if paste {
                    match k.code {
                        KeyCode::Char(c) => area.paste(&format!("{c}\r\n{c}")),
                        _ => area.handle_key(k),
                    }
                } else {
                    area.handle_key(k)
                };
                let (line, col) = area.cursor();
                prop_assert!(line < area.lines().len());
                prop_assert!(col <= area.lines()[line].graphemes(true).count());
                let text = area.text();
                prop_assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
                prop_assert_eq!(event == TextAreaEvent::Edited, text != before);
                prop_assert_eq!(TextArea::new(&text).text(), text);
                let (row, _) = area.cursor_visual(usize::from(width));
                prop_assert!(row < area.layout(usize::from(width)).len());
            }
        }
    }
}
