//! The state of one side of the reader (drawn by `ui/pane.rs`, the same idea
//! in the view layer): a document, its sentences, its soft-wrapped layout
//! for the current width (a cache rebuilt only when the width changes), the
//! scroll position and the sentence cursor.

use crate::document::markdown::InlineStyle;
use std::ops::Range;

use crate::document::{Document, Sentence};

/// One row of wrapped text: a byte range of the document's text belonging to
/// one passage, or the blank row that separates two passages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VisualLine {
    pub passage: u32,
    pub start: u32,
    pub end: u32,
    /// First row of its passage (where the gutter shows the passage number).
    pub first: bool,
    /// The blank separator row after a passage.
    pub separator: bool,
}

impl VisualLine {
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// The whole document wrapped at one width.
#[derive(Debug, Clone, Default)]
pub struct Wrapped {
    pub width: u16,
    pub lines: Vec<VisualLine>,
    /// Index into `lines` of each passage's first row.
    pub passage_first_line: Vec<usize>,
}

impl Wrapped {
    /// Soft-wraps every passage at word boundaries (textwrap), joining hard
    /// line breaks inside a passage. Byte offsets are kept, not text, so the
    /// cache costs 16 bytes per row whatever the document.
    pub fn build(doc: &Document, width: u16) -> Wrapped {
        let width = width.max(1);
        let options = textwrap::Options::new(width as usize)
            .break_words(true)
            // Break only at spaces: "IS-K" or "al-Baghdadi" must not be split
            // at the hyphen. Words longer than the width are still broken.
            .word_separator(textwrap::WordSeparator::AsciiSpace)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        let mut lines = Vec::with_capacity(doc.text.len() / (width as usize).max(1) + 16);
        let mut passage_first_line = Vec::with_capacity(doc.passages.len());
        for (index, passage) in doc.passages.iter().enumerate() {
            let index = index as u32;
            passage_first_line.push(lines.len());
            // Replacing one ASCII byte with another keeps every offset in
            // `flat` equal to the offset in the passage.
            let raw = passage.raw(&doc.text);
            // A table's rows and code keep their lines, each wrapped on its
            // own; other passages are re-flowed.
            let pieces: Vec<(usize, std::borrow::Cow<'_, str>)> = if passage.kind.keeps_lines() {
                let mut at = 0;
                raw.split('\n')
                    .map(|line| {
                        let piece = (at, std::borrow::Cow::Borrowed(line));
                        at += line.len() + 1;
                        piece
                    })
                    .collect()
            } else {
                vec![(0, std::borrow::Cow::Owned(raw.replace('\n', " ")))]
            };
            let base = passage.byte_start;
            let mut first = true;
            for (at, flat) in &pieces {
                for (offset, end) in wrap_rows(flat, &options, width as usize) {
                    lines.push(VisualLine {
                        passage: index,
                        start: (base + at + offset) as u32,
                        end: (base + at + end) as u32,
                        first,
                        separator: false,
                    });
                    first = false;
                }
            }
            if first {
                // A passage of spaces only: still give it a row.
                lines.push(VisualLine {
                    passage: index,
                    start: base as u32,
                    end: passage.byte_end as u32,
                    first: true,
                    separator: false,
                });
            }
            lines.push(VisualLine {
                passage: index,
                start: passage.byte_end as u32,
                end: passage.byte_end as u32,
                first: false,
                separator: true,
            });
        }
        // No separator after the last passage.
        if lines.last().is_some_and(|l| l.separator) {
            lines.pop();
        }
        Wrapped {
            width,
            lines,
            passage_first_line,
        }
    }

    /// The row that shows byte `offset` (or the nearest row after it).
    pub fn line_of_byte(&self, offset: usize) -> usize {
        let i = self.lines.partition_point(|l| {
            (l.end as usize) < offset || (l.separator && l.end as usize == offset)
        });
        i.min(self.lines.len().saturating_sub(1))
    }
}

/// The rows of one passage's flattened text wrapped at `width`, as byte
/// ranges into it: textwrap's (first fit, breaking only at spaces, words
/// wider than a row broken), with a fast path giving the same rows for the
/// common case (see [`is_simple`]), which is most text and, done by
/// textwrap, most of a resize.
fn wrap_rows(flat: &str, options: &textwrap::Options<'_>, width: usize) -> Vec<(usize, usize)> {
    if is_simple(flat) {
        return wrap_simple(flat, width.max(1));
    }
    let mut rows = Vec::new();
    let mut search_from = 0usize;
    for row in textwrap::wrap(flat, options) {
        let offset = match row {
            std::borrow::Cow::Borrowed(s) => s.as_ptr() as usize - flat.as_ptr() as usize,
            std::borrow::Cow::Owned(ref s) => flat[search_from..]
                .find(s.as_str())
                .map_or(search_from, |o| search_from + o),
        };
        let end = offset + row.len();
        search_from = end;
        rows.push((offset, end));
    }
    rows
}

/// Text the fast path wraps as textwrap would: words separated by single
/// spaces, no space at either end, every character one column wide (no
/// controls, combining marks or wide characters).
fn is_simple(text: &str) -> bool {
    !text.starts_with(' ')
        && !text.ends_with(' ')
        && !text.contains("  ")
        && text.chars().all(|c| {
            c.is_ascii_graphic()
                || c == ' '
                || (!c.is_ascii() && unicode_width::UnicodeWidthChar::width(c) == Some(1))
        })
}

/// First fit over [`is_simple`] text: a word goes on the row if the row's
/// text, a space and the word fit in `width` columns; a word wider than
/// `width` starts a row and is cut every `width` characters.
fn wrap_simple(text: &str, width: usize) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let columns = |from: usize, to: usize| {
        // One column per character: count the bytes that start one.
        bytes[from..to]
            .iter()
            .filter(|&&b| b & 0xC0 != 0x80)
            .count()
    };
    let mut rows = Vec::new();
    // The row being filled: its start, its end so far, its width.
    let mut row: Option<(usize, usize, usize)> = None;
    let mut start = 0;
    while start < bytes.len() {
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b' ')
            .map_or(bytes.len(), |p| start + p);
        let mut word = (start, end, columns(start, end));
        if word.2 > width {
            // Too wide for any row: rows of its own, cut into pieces; the
            // last piece is then a word like any other.
            if let Some((s, e, _)) = row.take() {
                rows.push((s, e));
            }
            while word.2 > width {
                let cut = text[word.0..word.1]
                    .char_indices()
                    .nth(width)
                    .map_or(word.1, |(i, _)| word.0 + i);
                rows.push((word.0, cut));
                word = (cut, word.1, word.2 - width);
            }
        }
        row = match row {
            Some((s, _, w)) if w + 1 + word.2 <= width => Some((s, word.1, w + 1 + word.2)),
            Some((s, e, _)) => {
                rows.push((s, e));
                Some(word)
            }
            None => Some(word),
        };
        start = end + 1;
    }
    if let Some((s, e, _)) = row {
        rows.push((s, e));
    }
    rows
}

/// How much of the cursor's sentence a pane shows ([`Pane::cursor_shown`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CursorShown {
    /// Every row of it.
    Whole,
    /// Some of its rows, not all.
    Partly,
    /// None: it is above or below the visible rows.
    Off,
    /// There is no sentence, or no layout yet.
    Nothing,
}

/// A pane: its document, wrap cache, and scroll state.
#[derive(Debug, Clone)]
pub struct Pane {
    pub doc: Document,
    /// Every sentence of the document in reading order: the units the
    /// cursor moves over, the same as the alignment's.
    pub sentences: Vec<Sentence>,
    /// Index into `sentences` of the sentence under the cursor.
    pub cursor: usize,
    pub wrapped: Wrapped,
    /// Index of the top visible row.
    pub top: usize,
    /// Height of the text area in rows, as last laid out.
    pub height: usize,
    /// Rows the pane may scroll past its end, while a panel covers its
    /// bottom: the last sentences can then be shown above the panel.
    pub overscroll: usize,
    /// The document's inline styles (Markdown, web pages), one sorted list
    /// of byte ranges per style, as the view draws them.
    pub styles: Vec<(InlineStyle, Vec<Range<usize>>)>,
}

impl Pane {
    pub fn new(doc: Document) -> Self {
        let sentences = crate::document::sentence::sentences(&doc.text, &doc.passages);
        let mut styles: Vec<(InlineStyle, Vec<Range<usize>>)> = Vec::new();
        for (range, style) in &doc.styles {
            match styles.iter_mut().find(|(s, _)| s == style) {
                Some((_, ranges)) => ranges.push(range.clone()),
                None => styles.push((*style, vec![range.clone()])),
            }
        }
        for (_, ranges) in &mut styles {
            ranges.sort_by_key(|r| (r.start, r.end));
        }
        Pane {
            doc,
            sentences,
            styles,
            cursor: 0,
            wrapped: Wrapped::default(),
            top: 0,
            height: 0,
            overscroll: 0,
        }
    }

    /// The sentence under the cursor (none in a document without text).
    pub fn cursor_sentence(&self) -> Option<&Sentence> {
        self.sentences.get(self.cursor)
    }

    /// The sentence containing byte `offset`, else the first one after it,
    /// else the last one.
    pub fn sentence_at_byte(&self, offset: usize) -> Option<usize> {
        if self.sentences.is_empty() {
            return None;
        }
        let i = self.sentences.partition_point(|s| s.byte_end <= offset);
        Some(i.min(self.sentences.len() - 1))
    }

    /// The byte offset of code point `offset` of the text, found from the
    /// nearest sentence start (sentences carry both offsets).
    pub fn byte_of_char(&self, offset: usize) -> usize {
        let i = self.sentences.partition_point(|s| s.char_start <= offset);
        let (byte, char) = i.checked_sub(1).map_or((0, 0), |i| {
            (self.sentences[i].byte_start, self.sentences[i].char_start)
        });
        let text = &self.doc.text[byte..];
        byte + text
            .char_indices()
            .nth(offset - char)
            .map_or(text.len(), |(b, _)| b)
    }

    /// The first sentence of passage `index`, if it has one.
    pub fn first_sentence_of(&self, passage: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.passage < passage);
        self.sentences
            .get(i)
            .filter(|s| s.passage == passage)
            .map(|_| i)
    }

    /// Rows `first..=last` that sentence `index` is drawn on.
    pub fn sentence_rows(&self, index: usize) -> Option<(usize, usize)> {
        let s = self.sentences.get(index)?;
        if self.wrapped.lines.is_empty() {
            return None;
        }
        let first = self.wrapped.line_of_byte(s.byte_start);
        let last = self
            .wrapped
            .line_of_byte(s.byte_end.saturating_sub(1).max(s.byte_start));
        Some((first, last.max(first)))
    }

    /// Puts the cursor on sentence `index` and scrolls as little as needed
    /// to show it (its first row when it is taller than the pane).
    pub fn set_cursor(&mut self, index: usize) {
        if index >= self.sentences.len() {
            return;
        }
        self.cursor = index;
        self.reveal_cursor();
    }

    /// Scrolls as little as needed to show the cursor's sentence.
    pub fn reveal_cursor(&mut self) {
        let Some((first, last)) = self.sentence_rows(self.cursor) else {
            return;
        };
        let height = self.height.max(1);
        if first < self.top {
            self.top = first;
        } else if last >= self.top + height {
            // Its last row on the bottom row, unless that hides its first.
            self.top = first.min((last + 1).saturating_sub(height));
        }
        self.clamp();
    }

    /// After a scroll: a cursor that left the screen moves onto it, to the
    /// first sentence starting on screen (else the one at the top row).
    pub fn keep_cursor_on_screen(&mut self) {
        if self.cursor_shown() != CursorShown::Off {
            return;
        }
        let bottom = self.top + self.height.max(1);
        let Some(row) = self.wrapped.lines.get(self.top) else {
            return;
        };
        let Some(at_top) = self.sentence_at_byte(row.start as usize) else {
            return;
        };
        let starts_above = self
            .sentence_rows(at_top)
            .is_some_and(|(f, _)| f < self.top);
        let next_on_screen = starts_above
            && self
                .sentence_rows(at_top + 1)
                .is_some_and(|(f, _)| f < bottom);
        self.cursor = if next_on_screen { at_top + 1 } else { at_top };
    }

    /// Re-wraps for a new text width, keeping the same text at the top and
    /// the cursor's sentence on screen: narrower rows push it down, a
    /// shorter pane cuts the bottom off, and either could leave it below
    /// the last row. A sentence that was shown whole is shown whole again
    /// (if it fits); one that was partly scrolled out stays as it was while
    /// a row of it is still on screen.
    pub fn relayout(&mut self, width: u16, height: u16) {
        let was_whole = self.cursor_shown() == CursorShown::Whole;
        self.height = height as usize;
        if self.wrapped.width != width.max(1) || self.wrapped.lines.is_empty() {
            let anchor = self.top_byte();
            self.wrapped = Wrapped::build(&self.doc, width);
            self.top = anchor.map_or(0, |b| self.wrapped.line_of_byte(b));
        }
        self.clamp();
        match self.cursor_shown() {
            CursorShown::Off => self.reveal_cursor(),
            CursorShown::Partly if was_whole => self.reveal_cursor(),
            _ => {}
        }
    }

    /// How much of the cursor's sentence the pane shows.
    pub fn cursor_shown(&self) -> CursorShown {
        let Some((first, last)) = self.sentence_rows(self.cursor) else {
            return CursorShown::Nothing;
        };
        let bottom = self.top + self.height.max(1);
        if first >= self.top && last < bottom {
            CursorShown::Whole
        } else if last >= self.top && first < bottom {
            CursorShown::Partly
        } else {
            CursorShown::Off
        }
    }

    fn top_byte(&self) -> Option<usize> {
        self.wrapped.lines.get(self.top).map(|l| l.start as usize)
    }

    pub fn max_top(&self) -> usize {
        (self.wrapped.lines.len() + self.overscroll).saturating_sub(self.height.max(1))
    }

    pub fn clamp(&mut self) {
        self.top = self.top.min(self.max_top());
    }

    pub fn scroll_by(&mut self, delta: isize) {
        self.top = self.top.saturating_add_signed(delta);
        self.clamp();
    }

    /// Index of the passage shown on the top row.
    pub fn top_passage(&self) -> Option<usize> {
        self.wrapped.lines.get(self.top).map(|l| l.passage as usize)
    }

    /// Scrolls so that passage `index` starts on the top row.
    pub fn show_passage(&mut self, index: usize) {
        if let Some(&line) = self.wrapped.passage_first_line.get(index) {
            self.top = line;
            self.clamp();
        }
    }

    /// Scrolls so that row `line` is visible, a third of the way down.
    pub fn reveal_line(&mut self, line: usize) {
        self.top = line.saturating_sub(self.height / 3);
        self.clamp();
    }

    /// Percentage through the document of the bottom visible row.
    pub fn percent(&self) -> u16 {
        let total = self.wrapped.lines.len();
        if total == 0 || total <= self.height {
            return 100;
        }
        let bottom = (self.top + self.height).min(total);
        (bottom * 100 / total) as u16
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Source;

    fn doc(text: &str) -> Document {
        Document::from_bytes(Source::Embedded("t"), text.as_bytes()).unwrap()
    }

    /// textwrap's rows for `flat`, as byte ranges (the general path).
    fn textwrap_rows(flat: &str, width: usize) -> Vec<(usize, usize)> {
        let options = textwrap::Options::new(width)
            .break_words(true)
            .word_separator(textwrap::WordSeparator::AsciiSpace)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        let mut rows = Vec::new();
        let mut from = 0;
        for row in textwrap::wrap(flat, &options) {
            let offset = match row {
                std::borrow::Cow::Borrowed(s) => s.as_ptr() as usize - flat.as_ptr() as usize,
                std::borrow::Cow::Owned(ref s) => flat[from..].find(s.as_str()).unwrap() + from,
            };
            from = offset + row.len();
            rows.push((offset, from));
        }
        rows
    }

    #[test]
    fn the_fast_path_wraps_exactly_as_textwrap() {
        let mut texts: Vec<String> = vec![
            "a".into(),
            "alpha beta gamma".into(),
            "supercalifragilisticexpialidocious is long".into(),
            "x yy zzz wwww vvvvv uuuuuu ttttttt".into(),
            "counter-terrorism IS-K al-Baghdadi 2019, the fall of".into(),
            "“Très bien,” dit-il — Ánna Pávlovna’s soirée ééééééééééééééééééé".into(),
        ];
        for d in [Document::seed_left(), Document::seed_right()] {
            texts.extend(d.passages.iter().map(|p| p.raw(&d.text).replace('\n', " ")));
        }
        for corpus in ["odyssey-butler.txt", "war-and-peace-maude.txt"] {
            let path = format!("{}/../shared/corpus/{corpus}", env!("CARGO_MANIFEST_DIR"));
            if let Ok(bytes) = std::fs::read(path) {
                let d = Document::from_bytes(Source::Embedded("c"), &bytes).unwrap();
                texts.extend(
                    d.passages
                        .iter()
                        .take(1500)
                        .map(|p| p.raw(&d.text).replace('\n', " ")),
                );
            }
        }
        let mut checked = 0;
        for text in &texts {
            if !is_simple(text) {
                continue;
            }
            for width in [1, 2, 3, 4, 5, 7, 10, 13, 20, 33, 40, 58, 61, 80, 97, 120] {
                assert_eq!(
                    wrap_simple(text, width),
                    textwrap_rows(text, width),
                    "width {width}: {text:?}"
                );
                checked += 1;
            }
        }
        assert!(checked > 100, "{checked}");
    }

    #[test]
    fn wraps_and_joins_hard_breaks() {
        let d = doc("Title\n\nalpha beta\ngamma delta epsilon\n");
        let w = Wrapped::build(&d, 11);
        let rows: Vec<String> = w
            .lines
            .iter()
            .map(|l| d.text[l.range()].replace('\n', " "))
            .collect();
        assert_eq!(
            rows,
            vec!["Title", "", "alpha beta", "gamma delta", "epsilon"]
        );
        assert!(w.lines[2].first && !w.lines[3].first && w.lines[1].separator);
        assert_eq!(w.passage_first_line, vec![0, 2]);
    }

    #[test]
    fn long_words_are_broken_and_widths_respected() {
        let long = "x".repeat(50);
        let d = doc(&format!("T\n\n{long} 👩‍👩‍👧 日本語のテキスト\n"));
        let w = Wrapped::build(&d, 7);
        for l in &w.lines {
            let s = &d.text[l.range()];
            assert!(unicode_width::UnicodeWidthStr::width(s) <= 8, "{s:?}");
        }
    }

    #[test]
    fn relayout_keeps_top_text() {
        let body: String = (0..200).map(|i| format!("word{i} ")).collect();
        let mut p = Pane::new(doc(&format!("T\n\n{body}\n")));
        p.relayout(20, 5);
        p.scroll_by(30);
        p.keep_cursor_on_screen();
        let before = p.wrapped.lines[p.top].start;
        p.relayout(33, 5);
        let l = p.wrapped.lines[p.top];
        assert!(l.start <= before && before <= l.end + 1);
    }

    #[test]
    fn relayout_keeps_the_cursor_on_screen() {
        let body: String = (0..150)
            .map(|i| format!("Sentence {i} says rather more words than one row holds. "))
            .collect();
        let mut p = Pane::new(doc(&format!("T\n\n{body}\n")));
        p.relayout(40, 20);
        // The cursor on a sentence at the bottom of the screen.
        p.cursor = (0..p.sentences.len())
            .find(|&i| p.sentence_rows(i).is_some_and(|(_, last)| last >= 17))
            .unwrap();
        assert_eq!(p.cursor_shown(), CursorShown::Whole);
        let cursor = p.cursor;
        // Shorter, then narrower too: it would be below the last row.
        for (width, height) in [(40, 8), (20, 8), (13, 10), (60, 3), (40, 20)] {
            p.relayout(width, height);
            assert_eq!(p.cursor, cursor, "the cursor stays on its sentence");
            assert_eq!(p.cursor_shown(), CursorShown::Whole, "{width}x{height}");
        }
        // A sentence partly scrolled out above stays as it was.
        let (first, _) = p.sentence_rows(p.cursor).unwrap();
        p.top = first + 1;
        p.relayout(40, 12);
        assert_eq!((p.top, p.cursor_shown()), (first + 1, CursorShown::Partly));
    }

    #[test]
    fn revealing_the_cursor_scrolls_as_little_as_needed() {
        let body: String = (0..60)
            .map(|i| format!("Sentence {i} says rather more words than one row holds. "))
            .collect();
        let long: String = (0..90).map(|i| format!("word{i} ")).collect();
        let mut p = Pane::new(doc(&format!("T\n\n{body}\n\n{long}end.\n")));
        p.relayout(40, 10);
        // The next sentence below the screen: its last row on the bottom row.
        let below = (0..p.sentences.len())
            .find(|&i| p.sentence_rows(i).is_some_and(|(_, last)| last >= 10))
            .unwrap();
        p.set_cursor(below);
        let (first, last) = p.sentence_rows(below).unwrap();
        assert_eq!(p.top + p.height - 1, last, "rows {first}..={last}");
        // Taller than the pane: its first row on the top row.
        let tall = p.sentences.len() - 1;
        let (first, last) = p.sentence_rows(tall).unwrap();
        assert!(last - first >= 10, "{first}..={last}");
        p.set_cursor(tall);
        assert_eq!(p.top, first);
    }

    #[test]
    fn empty_document_has_no_rows() {
        let mut p = Pane::new(doc(""));
        p.relayout(10, 5);
        assert!(p.wrapped.lines.is_empty());
        p.scroll_by(5);
        assert_eq!(p.top, 0);
        assert_eq!(p.percent(), 100);
    }
}
