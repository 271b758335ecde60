//! Markdown read as an analyst reads it: the text without its markup, its
//! blocks as passages (headings, paragraphs, list items, block quotes,
//! footnotes, tables drawn as aligned rows, code), and emphasis, strong
//! text, code and links as inline styles the reader draws. Link targets are
//! kept beside the text, not in it. Parsed by `pulldown-cmark` (CommonMark
//! with GitHub tables, footnotes, strikethrough and task lists).
//!
//! The input is already normalised text (no control characters, no tabs),
//! so the output never needs normalising again and every offset in it
//! stays valid.

use std::ops::Range;

use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use unicode_width::UnicodeWidthStr;

use super::PassageKind;

/// An inline style of rendered text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InlineStyle {
    Emphasis,
    Strong,
    Code,
    Link,
    Strikethrough,
    /// Text inside a block quote.
    Quote,
}

/// Markdown rendered to text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    pub text: String,
    /// Byte ranges of the passages, in reading order, with their kinds.
    pub blocks: Vec<(usize, usize, PassageKind)>,
    /// Inline styles: byte ranges into `text`, sorted by start.
    pub styles: Vec<(Range<usize>, InlineStyle)>,
    /// Link text (byte range into `text`) and its target.
    pub links: Vec<(Range<usize>, String)>,
}

/// Deepest list nesting drawn with indentation; deeper items are drawn at
/// this depth (a hostile file of 10,000 nested lists stays readable).
const MAX_INDENT: usize = 6;

/// Renders `src` (normalised text). Pure; linear in the input.
pub fn render(src: &str) -> Rendered {
    let mut r = Renderer::default();
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    for event in Parser::new_ext(src, options) {
        r.event(event);
    }
    r.finish()
}

#[derive(Default)]
struct Renderer {
    out: Rendered,
    /// Start of the block being written, and its kind.
    block: Option<(usize, PassageKind)>,
    /// Open inline styles: where each began.
    open: Vec<(usize, InlineStyle)>,
    /// Open links: where the text began and the target.
    links: Vec<(usize, String)>,
    /// Ordered lists' next numbers (`None` for bullets), innermost last.
    lists: Vec<Option<u64>>,
    quote_depth: usize,
    /// Inside a footnote definition, whose paragraphs continue it.
    in_footnote: bool,
    /// A table being collected: alignments, rows of cells, the cell being
    /// written.
    table: Option<Table>,
    /// Inside an image: its alt text goes in the text, in brackets.
    image: usize,
    /// Whether the first heading has been seen (it becomes the title if it
    /// opens the document).
    seen_heading: bool,
}

#[derive(Default)]
struct Table {
    align: Vec<Alignment>,
    rows: Vec<Vec<String>>,
    head_rows: usize,
    cell: Option<String>,
}

impl Renderer {
    fn event(&mut self, event: Event<'_>) {
        if let Some(table) = &mut self.table {
            match event {
                Event::End(TagEnd::Table) => {
                    let table = self.table.take().unwrap_or_default();
                    self.draw_table(table);
                }
                Event::Start(Tag::TableRow) | Event::Start(Tag::TableHead) => {
                    table.rows.push(Vec::new())
                }
                Event::End(TagEnd::TableHead) => table.head_rows = table.rows.len(),
                Event::Start(Tag::TableCell) => table.cell = Some(String::new()),
                Event::End(TagEnd::TableCell) => {
                    let cell = table.cell.take().unwrap_or_default();
                    if let Some(row) = table.rows.last_mut() {
                        row.push(cell.trim().to_string());
                    }
                }
                Event::Text(t) | Event::Code(t) => {
                    if let Some(cell) = &mut table.cell {
                        cell.push_str(&t);
                    }
                }
                Event::SoftBreak | Event::HardBreak => {
                    if let Some(cell) = &mut table.cell {
                        cell.push(' ');
                    }
                }
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.text(&t),
            Event::Code(t) => {
                self.begin_block(PassageKind::Body);
                let at = self.out.text.len();
                self.text(&t);
                self.style(at, InlineStyle::Code);
            }
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.text("\n"),
            Event::FootnoteReference(label) => self.text(&format!("[{label}]")),
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
            // Raw HTML, rules and math are not text an analyst reads.
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Heading { level, .. } => {
                let kind = if !self.seen_heading
                    && level == HeadingLevel::H1
                    && self.out.blocks.is_empty()
                {
                    PassageKind::Title
                } else {
                    PassageKind::Heading
                };
                self.seen_heading = true;
                self.end_block();
                self.begin_block(kind);
            }
            Tag::Paragraph => {
                // A paragraph inside a list item or a footnote continues it.
                if !self.in_container() || self.block.is_none() {
                    self.end_block();
                    self.begin_block(PassageKind::Body);
                } else if !self.out.text.ends_with(' ') {
                    self.out.text.push(' ');
                }
            }
            Tag::BlockQuote(_) => {
                self.end_block();
                self.quote_depth += 1;
            }
            Tag::CodeBlock(_) => {
                self.end_block();
                self.begin_block(PassageKind::Code);
            }
            Tag::List(first) => {
                self.end_block();
                self.lists.push(first);
            }
            Tag::Item => {
                self.end_block();
                self.begin_block(PassageKind::ListItem);
                let depth = self.lists.len().saturating_sub(1).min(MAX_INDENT);
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let m = format!("{n}. ");
                        *n += 1;
                        m
                    }
                    _ => "• ".to_string(),
                };
                let indent = "  ".repeat(depth);
                self.out.text.push_str(&indent);
                self.out.text.push_str(&marker);
            }
            Tag::FootnoteDefinition(label) => {
                self.end_block();
                self.begin_block(PassageKind::Footnote);
                self.in_footnote = true;
                self.out.text.push_str(&format!("[{label}] "));
            }
            Tag::Table(align) => {
                self.end_block();
                self.table = Some(Table {
                    align,
                    ..Table::default()
                });
            }
            Tag::Emphasis => self.open_style(InlineStyle::Emphasis),
            Tag::Strong => self.open_style(InlineStyle::Strong),
            Tag::Strikethrough => self.open_style(InlineStyle::Strikethrough),
            Tag::Link { dest_url, .. } => {
                self.begin_block(PassageKind::Body);
                self.links.push((self.out.text.len(), dest_url.to_string()));
            }
            Tag::Image { .. } => {
                self.begin_block(PassageKind::Body);
                self.image += 1;
                self.text("[image: ");
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) => self.end_block(),
            TagEnd::Paragraph if !self.in_container() => self.end_block(),
            TagEnd::FootnoteDefinition => {
                self.end_block();
                self.in_footnote = false;
            }
            TagEnd::CodeBlock | TagEnd::Item => self.end_block(),
            TagEnd::BlockQuote(_) => {
                self.end_block();
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            TagEnd::List(_) => {
                self.end_block();
                self.lists.pop();
            }
            TagEnd::Emphasis => self.close_style(InlineStyle::Emphasis),
            TagEnd::Strong => self.close_style(InlineStyle::Strong),
            TagEnd::Strikethrough => self.close_style(InlineStyle::Strikethrough),
            TagEnd::Link => {
                if let Some((start, target)) = self.links.pop() {
                    let end = self.out.text.len();
                    if end > start {
                        self.out.links.push((start..end, target));
                        self.out.styles.push((start..end, InlineStyle::Link));
                    }
                }
            }
            TagEnd::Image => {
                self.text("]");
                self.image = self.image.saturating_sub(1);
            }
            _ => {}
        }
    }

    /// Inside a block whose paragraphs join it (a list item, a footnote).
    fn in_container(&self) -> bool {
        !self.lists.is_empty() || self.in_footnote
    }

    fn text(&mut self, t: &str) {
        if t.is_empty() {
            return;
        }
        self.begin_block(PassageKind::Body);
        self.out.text.push_str(t);
    }

    fn open_style(&mut self, style: InlineStyle) {
        self.begin_block(PassageKind::Body);
        self.open.push((self.out.text.len(), style));
    }

    fn close_style(&mut self, style: InlineStyle) {
        if let Some(i) = self.open.iter().rposition(|(_, s)| *s == style) {
            let (start, _) = self.open.remove(i);
            self.style(start, style);
        }
    }

    fn style(&mut self, start: usize, style: InlineStyle) {
        let end = self.out.text.len();
        if end > start {
            self.out.styles.push((start..end, style));
        }
    }

    fn begin_block(&mut self, kind: PassageKind) {
        if self.block.is_none() {
            if !self.out.text.is_empty() {
                self.out.text.push_str("\n\n");
            }
            self.block = Some((self.out.text.len(), kind));
        }
    }

    fn end_block(&mut self) {
        let Some((start, kind)) = self.block.take() else {
            return;
        };
        // Trailing line breaks (a code block's last newline) stay outside.
        while self.out.text.len() > start && self.out.text.ends_with('\n') {
            self.out.text.pop();
        }
        let end = self.out.text.len();
        if end == start {
            // Nothing was written: drop the separator too.
            let keep = start.saturating_sub(2);
            if self.out.text[keep..].chars().all(|c| c == '\n') {
                self.out.text.truncate(keep);
            }
            return;
        }
        // Styles still open (unbalanced input) end with the block.
        for (s, style) in std::mem::take(&mut self.open) {
            if end > s {
                self.out.styles.push((s..end, style));
            }
        }
        if self.quote_depth > 0 {
            self.out.styles.push((start..end, InlineStyle::Quote));
        }
        self.out.blocks.push((start, end, kind));
    }

    /// A table as aligned rows: cells padded to their column's width (by
    /// display width), `│` between columns, a rule under the header.
    fn draw_table(&mut self, table: Table) {
        let columns = table.rows.iter().map(Vec::len).max().unwrap_or(0);
        if columns == 0 {
            return;
        }
        let mut widths = vec![0usize; columns];
        for row in &table.rows {
            for (i, cell) in row.iter().enumerate() {
                widths[i] = widths[i].max(cell.width());
            }
        }
        let mut lines: Vec<String> = Vec::with_capacity(table.rows.len() + 1);
        for (r, row) in table.rows.iter().enumerate() {
            let cells: Vec<String> = (0..columns)
                .map(|i| {
                    let cell = row.get(i).map_or("", String::as_str);
                    let pad = widths[i].saturating_sub(cell.width());
                    match table.align.get(i) {
                        Some(Alignment::Right) => format!("{}{cell}", " ".repeat(pad)),
                        Some(Alignment::Center) => {
                            format!("{}{cell}{}", " ".repeat(pad / 2), " ".repeat(pad - pad / 2))
                        }
                        _ => format!("{cell}{}", " ".repeat(pad)),
                    }
                })
                .collect();
            lines.push(cells.join(" │ ").trim_end().to_string());
            if r + 1 == table.head_rows {
                let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
                lines.push(rule.join("─┼─"));
            }
        }
        self.begin_block(PassageKind::Table);
        self.out.text.push_str(&lines.join("\n"));
        self.end_block();
    }

    fn finish(mut self) -> Rendered {
        self.end_block();
        self.out.styles.sort_by_key(|(r, s)| (r.start, r.end, *s));
        self.out.links.sort_by_key(|(r, _)| r.start);
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passages(r: &Rendered) -> Vec<(PassageKind, &str)> {
        r.blocks
            .iter()
            .map(|&(s, e, k)| (k, &r.text[s..e]))
            .collect()
    }

    fn styled(r: &Rendered, style: InlineStyle) -> Vec<&str> {
        r.styles
            .iter()
            .filter(|(_, s)| *s == style)
            .map(|(range, _)| &r.text[range.clone()])
            .collect()
    }

    #[test]
    fn markup_becomes_text_blocks_and_styles() {
        let r = render(
            "# Wagner in Africa\n\nThe *Africa Corps* took over **most** of `Wagner`'s \
             work, see [the annex](https://example.org/annex).\n\n## Strength\n\n\
             - Mali\n- Libya\n  1. east\n  2. west\n\n> Quoted claim\n> on two lines\n\n\
             Footnoted.[^1]\n\n[^1]: The source.\n",
        );
        use PassageKind::*;
        assert_eq!(
            passages(&r),
            [
                (Title, "Wagner in Africa"),
                (
                    Body,
                    "The Africa Corps took over most of Wagner's work, see the annex."
                ),
                (Heading, "Strength"),
                (ListItem, "• Mali"),
                (ListItem, "• Libya"),
                (ListItem, "  1. east"),
                (ListItem, "  2. west"),
                (Body, "Quoted claim on two lines"),
                (Body, "Footnoted.[1]"),
                (Footnote, "[1] The source."),
            ]
        );
        assert_eq!(styled(&r, InlineStyle::Emphasis), ["Africa Corps"]);
        assert_eq!(styled(&r, InlineStyle::Strong), ["most"]);
        assert_eq!(styled(&r, InlineStyle::Code), ["Wagner"]);
        assert_eq!(
            styled(&r, InlineStyle::Quote),
            ["Quoted claim on two lines"]
        );
        assert_eq!(
            r.links
                .iter()
                .map(|(range, t)| (&r.text[range.clone()], t.as_str()))
                .collect::<Vec<_>>(),
            [("the annex", "https://example.org/annex")]
        );
        assert!(!r.text.contains(['*', '`', '[', ']', '>']) || r.text.contains("[1]"));
    }

    #[test]
    fn a_table_is_one_passage_of_aligned_rows() {
        let r = render(
            "| Country | Strength |\n|---|---:|\n| Mali | 1,500 |\n| Central African Republic | 800 |\n",
        );
        assert_eq!(r.blocks.len(), 1);
        assert_eq!(r.blocks[0].2, PassageKind::Table);
        assert_eq!(
            r.text,
            "Country                  │ Strength\n\
             ─────────────────────────┼─────────\n\
             Mali                     │    1,500\n\
             Central African Republic │      800"
        );
        assert!(!r.text.contains('|'));
    }

    #[test]
    fn code_keeps_its_lines_and_odd_input_stays_linear() {
        let r = render("```\nfn main() {\n    x\n}\n```\n");
        assert_eq!(passages(&r), [(PassageKind::Code, "fn main() {\n    x\n}")]);
        // Deep nesting and unbalanced markup: bounded indentation, no panic.
        let deep = format!("{}x\n", "- ".repeat(10_000));
        let r = render(&deep);
        assert!(
            r.text.lines().all(|l| l.len() < 40),
            "{:?}",
            &r.text[..80.min(r.text.len())]
        );
        let r = render("**unclosed *emphasis and `code\n\n<script>alert(1)</script>\n");
        assert!(!r.text.contains("<script>"), "{}", r.text);
        assert_eq!(render("").blocks.len(), 0);
    }
}
