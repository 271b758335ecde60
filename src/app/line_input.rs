//! A one-line text field with a cursor, edited by the readline-style
//! actions of the keymap's `line` table: used by the search prompt, the
//! topic filter, the label picker, tag set names and the export path.
//!
//! The cursor is a byte offset that always sits on a grapheme boundary, so
//! a letter with combining marks or an emoji is one unit for moves and
//! deletion.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::action::Action;

/// What an edit did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEvent {
    /// The text changed.
    Edited,
    /// The text did not change (the cursor may have moved).
    Moved,
    /// Not an editing action.
    Ignored,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    /// Byte offset into `text`, on a grapheme boundary.
    cursor: usize,
}

impl LineInput {
    /// A field holding `text`, with the cursor at its end.
    pub fn new(text: &str) -> Self {
        let text = clean(text);
        LineInput {
            cursor: text.len(),
            text,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The cursor as a byte offset into [`LineInput::text`].
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Types one character at the cursor; control characters are dropped.
    pub fn insert(&mut self, c: char) -> LineEvent {
        if c.is_control() {
            return LineEvent::Ignored;
        }
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
        LineEvent::Edited
    }

    /// Inserts pasted text: line breaks and tabs become spaces, other
    /// control characters are dropped (a field is one line, and nothing in
    /// it may drive the terminal).
    pub fn paste(&mut self, text: &str) -> LineEvent {
        let text = clean(text);
        if text.is_empty() {
            return LineEvent::Moved;
        }
        self.text.insert_str(self.cursor, &text);
        self.cursor += text.len();
        LineEvent::Edited
    }

    /// Applies an editing action of the `line` table.
    pub fn edit(&mut self, action: Action) -> LineEvent {
        let before = self.cursor;
        match action {
            Action::CursorLeft => self.cursor = self.prev_boundary(self.cursor),
            Action::CursorRight => self.cursor = self.next_boundary(self.cursor),
            Action::WordLeft => self.cursor = self.word_start(self.cursor),
            Action::WordRight => self.cursor = self.word_end(self.cursor),
            Action::LineStart | Action::TextStart => self.cursor = 0,
            Action::LineEnd | Action::TextEnd => self.cursor = self.text.len(),
            Action::DeleteBack => return self.delete(self.prev_boundary(before)..before),
            Action::DeleteForward => return self.delete(before..self.next_boundary(before)),
            Action::DeleteWordBack => return self.delete(self.word_start(before)..before),
            Action::DeleteWordForward => return self.delete(before..self.word_end(before)),
            Action::DeleteToLineStart => return self.delete(0..before),
            Action::DeleteToLineEnd => return self.delete(before..self.text.len()),
            Action::ClearLine => return self.delete(0..self.text.len()),
            _ => return LineEvent::Ignored,
        }
        LineEvent::Moved
    }

    fn delete(&mut self, range: std::ops::Range<usize>) -> LineEvent {
        if range.is_empty() {
            return LineEvent::Moved;
        }
        self.cursor = range.start;
        self.text.replace_range(range, "");
        LineEvent::Edited
    }

    fn prev_boundary(&self, at: usize) -> usize {
        self.text[..at]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self, at: usize) -> usize {
        self.text[at..]
            .graphemes(true)
            .next()
            .map_or(at, |g| at + g.len())
    }

    /// The start of the word before `at` (readline's alt-b).
    fn word_start(&self, at: usize) -> usize {
        let mut start = at;
        let mut seen_word = false;
        for (i, g) in self.text[..at].grapheme_indices(true).rev() {
            let word = is_word(g);
            if seen_word && !word {
                break;
            }
            seen_word |= word;
            start = i;
        }
        start
    }

    /// The end of the word after `at` (readline's alt-f).
    fn word_end(&self, at: usize) -> usize {
        let mut end = at;
        let mut seen_word = false;
        for (i, g) in self.text[at..].grapheme_indices(true) {
            let word = is_word(g);
            if seen_word && !word {
                break;
            }
            seen_word |= word;
            end = at + i + g.len();
        }
        end
    }

    /// The text split at the cursor and the display column of the cursor,
    /// for drawing: `(before, under, after)` where `under` is the grapheme
    /// under the cursor (empty at the end).
    pub fn split(&self) -> (&str, &str, &str) {
        let next = self.next_boundary(self.cursor);
        (
            &self.text[..self.cursor],
            &self.text[self.cursor..next],
            &self.text[next..],
        )
    }

    /// Display width of the text before the cursor.
    pub fn cursor_column(&self) -> usize {
        self.text[..self.cursor].width()
    }
}

fn is_word(grapheme: &str) -> bool {
    grapheme.chars().next().is_some_and(char::is_alphanumeric)
}

fn clean(text: &str) -> String {
    // A CRLF line break is one break, so one space.
    text.replace("\r\n", "\n")
        .chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `|` marks the cursor.
    fn field(marked: &str) -> LineInput {
        let cursor = marked.find('|').unwrap();
        LineInput {
            text: marked.replace('|', ""),
            cursor,
        }
    }

    fn shown(f: &LineInput) -> String {
        let mut s = f.text.clone();
        s.insert(f.cursor, '|');
        s
    }

    #[test]
    fn readline_edits() {
        let cases: &[(&str, Action, &str)] = &[
            ("abc|", Action::CursorLeft, "ab|c"),
            ("|abc", Action::CursorLeft, "|abc"),
            ("a|bc", Action::CursorRight, "ab|c"),
            ("abc|", Action::CursorRight, "abc|"),
            ("one two| three", Action::WordLeft, "one |two three"),
            ("one two |three", Action::WordLeft, "one |two three"),
            ("one| two three", Action::WordRight, "one two| three"),
            ("o|ne two", Action::WordRight, "one| two"),
            ("ab|c", Action::LineStart, "|abc"),
            ("a|bc", Action::LineEnd, "abc|"),
            ("ab|c", Action::DeleteBack, "a|c"),
            ("|abc", Action::DeleteBack, "|abc"),
            ("a|bc", Action::DeleteForward, "a|c"),
            ("abc|", Action::DeleteForward, "abc|"),
            (
                "/tmp/out file.md|",
                Action::DeleteWordBack,
                "/tmp/out file.|",
            ),
            ("one two  |", Action::DeleteWordBack, "one |"),
            ("one |two three", Action::DeleteWordForward, "one | three"),
            ("one |two", Action::DeleteToLineEnd, "one |"),
            ("one |two", Action::DeleteToLineStart, "|two"),
            ("a very long path|", Action::ClearLine, "|"),
            ("a very| long path", Action::ClearLine, "|"),
            ("e\u{301}|", Action::CursorLeft, "|e\u{301}"),
            ("e\u{301}|x", Action::DeleteBack, "|x"),
        ];
        for (before, action, after) in cases {
            let mut f = field(before);
            f.edit(*action);
            assert_eq!(shown(&f), *after, "{before:?} {}", action.name());
        }
    }

    #[test]
    fn typing_and_pasting_at_the_cursor() {
        let mut f = field("ab|");
        f.edit(Action::CursorLeft);
        assert_eq!(f.insert('x'), LineEvent::Edited);
        assert_eq!(shown(&f), "ax|b");
        assert_eq!(f.insert('\u{1b}'), LineEvent::Ignored);
        f.paste("1\n2\t3\u{1b}[31m");
        assert_eq!(shown(&f), "ax1 2 3[31m|b");
        assert_eq!(f.edit(Action::TagAgree), LineEvent::Ignored);
    }

    #[test]
    fn new_cleans_and_puts_the_cursor_at_the_end() {
        let f = LineInput::new("a\u{7}b\nc");
        assert_eq!(shown(&f), "ab c|");
        assert_eq!(f.split(), ("ab c", "", ""));
        let f = field("a|bc");
        assert_eq!(f.split(), ("a", "b", "c"));
        assert_eq!(f.cursor_column(), 1);
    }
}
