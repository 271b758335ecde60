//! Segmentation of normalised text into passages: the unit that is aligned,
//! tagged and exported. Works on messy real reports: paragraphs one per line
//! or separated by blank lines, hard-wrapped paragraphs, numbered headings and
//! lists, footnotes and web boilerplate.

use serde::Serialize;

/// What a passage is, which decides whether it can be paired and tagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PassageKind {
    Title,
    Heading,
    Body,
    ListItem,
    Footnote,
    Boilerplate,
    /// A table, drawn as aligned rows (lines kept as they are).
    Table,
    /// A block of code or preformatted text (lines kept as they are).
    Code,
}

impl PassageKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PassageKind::Title => "title",
            PassageKind::Heading => "heading",
            PassageKind::Body => "body",
            PassageKind::ListItem => "list_item",
            PassageKind::Footnote => "footnote",
            PassageKind::Boilerplate => "boilerplate",
            PassageKind::Table => "table",
            PassageKind::Code => "code",
        }
    }

    /// Body text, list items and tables carry content worth aligning and
    /// tagging.
    pub fn is_content(self) -> bool {
        matches!(
            self,
            PassageKind::Body | PassageKind::ListItem | PassageKind::Table
        )
    }

    /// Whether the passage's line breaks are part of its layout (a table's
    /// rows, code), so the reader wraps each line rather than re-flowing.
    pub fn keeps_lines(self) -> bool {
        matches!(self, PassageKind::Table | PassageKind::Code)
    }
}

/// One passage of a document. Offsets are into the normalised text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// Stable identifier within its document: `p1`, `p2`, … in reading order.
    pub id: String,
    pub kind: PassageKind,
    /// First and last line in the file, 1-based, inclusive.
    pub line_start: usize,
    pub line_end: usize,
    /// Byte range in the normalised text (for slicing).
    pub byte_start: usize,
    pub byte_end: usize,
    /// Range in Unicode code points of the normalised text (for anchors).
    pub char_start: usize,
    pub char_end: usize,
}

impl Passage {
    /// The passage's text as in the file, line breaks included.
    pub fn raw<'a>(&self, text: &'a str) -> &'a str {
        &text[self.byte_start..self.byte_end]
    }

    /// The passage's text with hard line breaks joined by spaces.
    pub fn joined(&self, text: &str) -> String {
        self.raw(text).replace('\n', " ")
    }
}

/// A line of the normalised text with what we could tell about it.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    text: &'a str,
    start: usize,

    class: LineClass,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineClass {
    Blank,
    MarkdownHeading { level: usize },
    ListMarker,
    Footnote,
    Boilerplate,
    Text,
}

/// Phrases that mark web page furniture rather than report content. Matched
/// case-insensitively against whole short lines.
const BOILERPLATE: &[&str] = &[
    "add yours",
    "add a comment",
    "leave a comment",
    "leave a reply",
    "there are no comments",
    "no comments yet",
    "share this",
    "share this article",
    "share on facebook",
    "share on twitter",
    "print this page",
    "read more",
    "related articles",
    "related posts",
    "subscribe",
    "subscribe to our newsletter",
    "sign up for our newsletter",
    "all rights reserved",
    "back to top",
    "cookie policy",
    "privacy policy",
    "terms of use",
    "skip to content",
    "skip to main content",
    "tags",
    "comments",
];

/// Words a heading does not end with: a line ending so runs on.
const DANGLING_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "to", "that", "which", "who", "with", "for", "in",
    "on", "at", "by", "as", "if", "is", "are", "was", "were", "be", "from", "than",
];

/// Splits `text` into passages.
pub fn segment(text: &str) -> Vec<Passage> {
    let lines = classify_lines(text);
    let blank_separated = uses_blank_line_paragraphs(&lines);
    let title_index = title_line(&lines);

    let mut groups: Vec<(usize, usize, PassageKind)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if line.class == LineClass::Blank {
            i += 1;
            continue;
        }
        let kind = if Some(i) == title_index {
            PassageKind::Title
        } else {
            initial_kind(&lines, i, blank_separated)
        };
        let mut end = i;
        if matches!(kind, PassageKind::Body | PassageKind::ListItem) {
            while end + 1 < lines.len() && continues(&lines[end], &lines[end + 1], blank_separated)
            {
                end += 1;
            }
        }
        groups.push((i, end, kind));
        i = end + 1;
    }

    let blocks: Vec<(usize, usize, PassageKind)> = groups
        .iter()
        .map(|&(first, last, kind)| {
            (
                lines[first].start,
                lines[last].start + lines[last].text.len(),
                kind,
            )
        })
        .collect();
    let mut passages = from_blocks(text, &blocks);
    mark_repeated_boilerplate(text, &mut passages);
    mark_ebook_licence(text, &mut passages);
    passages
}

/// Passages for blocks already known (byte ranges in reading order, not
/// overlapping, and their kinds), as a Markdown or web page gives them:
/// ids, 1-based lines and code point offsets, counted in one pass.
pub fn from_blocks(text: &str, blocks: &[(usize, usize, PassageKind)]) -> Vec<Passage> {
    let mut passages: Vec<Passage> = Vec::with_capacity(blocks.len());
    let (mut chars_before, mut lines_before, mut counted_to) = (0usize, 0usize, 0usize);
    for (n, &(byte_start, byte_end, kind)) in blocks.iter().enumerate() {
        let skipped = &text[counted_to..byte_start];
        chars_before += skipped.chars().count();
        lines_before += skipped.matches('\n').count();
        let body = &text[byte_start..byte_end];
        let char_len = body.chars().count();
        let line_start = lines_before + 1;
        let line_end = line_start + body.matches('\n').count();
        passages.push(Passage {
            id: format!("p{}", n + 1),
            kind,
            line_start,
            line_end,
            byte_start,
            byte_end,
            char_start: chars_before,
            char_end: chars_before + char_len,
        });
        chars_before += char_len;
        lines_before = line_end - 1;
        counted_to = byte_end;
    }
    passages
}

/// Project Gutenberg's header and licence: everything before its
/// "*** START OF …" line and from its "*** END OF …" line on.
fn mark_ebook_licence(text: &str, passages: &mut [Passage]) {
    let marker = |p: &Passage, what: &str| {
        let t = p.raw(text);
        t.len() < 300 && t.starts_with("***") && {
            let u = t.to_uppercase();
            u.contains(what) && u.contains("PROJECT GUTENBERG")
        }
    };
    let start = passages.iter().position(|p| marker(p, "START OF"));
    let end = passages.iter().position(|p| marker(p, "END OF"));
    if let Some(s) = start {
        let had_title = passages[..=s].iter().any(|p| p.kind == PassageKind::Title);
        for p in passages[..=s].iter_mut() {
            p.kind = PassageKind::Boilerplate;
        }
        // The header's title line is the ebook's banner; the work's own
        // title is the first heading after the marker.
        if had_title
            && let Some(p) = passages[s + 1..]
                .iter_mut()
                .find(|p| p.kind != PassageKind::Boilerplate)
            && p.kind == PassageKind::Heading
        {
            p.kind = PassageKind::Title;
        }
    }
    if let Some(e) = end.filter(|&e| start.is_none_or(|s| e > s)) {
        for p in passages[e..].iter_mut() {
            p.kind = PassageKind::Boilerplate;
        }
    }
}

fn classify_lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        out.push(Line {
            text: line,
            start,
            class: classify(line),
        });
        start += line.len() + 1;
    }
    // A trailing newline yields an empty last line that is not in the file.
    if text.ends_with('\n') {
        out.pop();
    }
    out
}

fn classify(line: &str) -> LineClass {
    let t = line.trim();
    if t.is_empty() {
        return LineClass::Blank;
    }
    if let Some(level) = markdown_heading_level(t) {
        return LineClass::MarkdownHeading { level };
    }
    if is_footnote(t) {
        return LineClass::Footnote;
    }
    if is_boilerplate_phrase(t) || is_markup(t) {
        return LineClass::Boilerplate;
    }
    if list_marker_len(t).is_some() {
        return LineClass::ListMarker;
    }
    LineClass::Text
}

fn markdown_heading_level(t: &str) -> Option<usize> {
    let level = t.bytes().take_while(|&b| b == b'#').count();
    let rest = &t[level..];
    ((1..=6).contains(&level) && (rest.is_empty() || rest.starts_with(' '))).then_some(level)
}

/// `[1] …`, `[^1]: …`, `^1 …`, `1. https://…` or a bare URL.
fn is_footnote(t: &str) -> bool {
    let bracketed = t
        .strip_prefix('[')
        .and_then(|r| r.strip_prefix('^').or(Some(r)))
        .and_then(|r| r.find(']').map(|end| &r[..end]))
        .is_some_and(|inner| !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit()));
    let caret = t
        .strip_prefix('^')
        .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
    let is_url = |s: &str| s.starts_with("http://") || s.starts_with("https://");
    let numbered_url = list_marker_len(t).is_some_and(|n| is_url(t[n..].trim_start()));
    bracketed || caret || is_url(t) || numbered_url
}

/// A line of markup rather than text: tags only (`<SECTION>`,
/// `</p><p>`), or an illustration placeholder (`[Illustration: …]`).
fn is_markup(t: &str) -> bool {
    let tags_only = t.starts_with('<') && t.ends_with('>') && {
        let mut depth = 0i32;
        let mut outside = false;
        for c in t.chars() {
            match c {
                '<' => depth += 1,
                '>' => depth -= 1,
                c if depth == 0 && !c.is_whitespace() => outside = true,
                _ => {}
            }
        }
        !outside
    };
    let illustration = t.len() < 400
        && t.strip_prefix('[')
            .is_some_and(|r| r.to_lowercase().starts_with("illustration"));
    tags_only || illustration
}

fn is_boilerplate_phrase(t: &str) -> bool {
    if t.len() > 40 {
        return false;
    }
    let folded: String = t
        .trim_end_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace())
        .to_lowercase();
    BOILERPLATE.contains(&folded.as_str())
}

/// Byte length of a list marker (`- `, `* `, `• `, `1. `, `2) `, `a) `) at
/// the start of `t`, including the following space.
fn list_marker_len(t: &str) -> Option<usize> {
    for bullet in ["- ", "* ", "+ ", "• ", "‣ ", "– "] {
        if t.starts_with(bullet) {
            return Some(bullet.len());
        }
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let letter =
        usize::from(digits == 0 && t.bytes().next().is_some_and(|b| b.is_ascii_lowercase()));
    let n = digits.max(letter);
    if n == 0 || n > 3 {
        return None;
    }
    let rest = &t.as_bytes()[n..];
    let closes = if letter == 1 {
        rest.first() == Some(&b')')
    } else {
        matches!(rest.first(), Some(b'.' | b')'))
    };
    (closes && rest.get(1) == Some(&b' ')).then_some(n + 2)
}

/// Paragraphs separated by blank lines (most plain-text and Markdown files)
/// versus one paragraph per line (text copied out of web pages).
fn uses_blank_line_paragraphs(lines: &[Line<'_>]) -> bool {
    let nonblank = lines.iter().filter(|l| l.class != LineClass::Blank).count();
    let blank_runs = lines
        .windows(2)
        .filter(|w| w[0].class != LineClass::Blank && w[1].class == LineClass::Blank)
        .count();
    nonblank > 0 && blank_runs * 4 >= nonblank
}

/// The title is the first Markdown level-1 heading if there is one, else the
/// first non-blank line.
fn title_line(lines: &[Line<'_>]) -> Option<usize> {
    lines
        .iter()
        .position(|l| l.class == LineClass::MarkdownHeading { level: 1 })
        .or_else(|| lines.iter().position(|l| l.class != LineClass::Blank))
}

fn word_count(t: &str) -> usize {
    t.split_whitespace().count()
}

fn starts_lowercase(t: &str) -> bool {
    t.trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

fn ends_sentence(t: &str) -> bool {
    let t = t.trim_end();
    let t = t.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']', '*', '_']);
    t.ends_with(['.', '!', '?', ':', '…'])
}

fn is_blank_at(lines: &[Line<'_>], i: Option<usize>) -> bool {
    i.and_then(|i| lines.get(i))
        .is_none_or(|l| l.class == LineClass::Blank)
}

fn initial_kind(lines: &[Line<'_>], i: usize, blank_separated: bool) -> PassageKind {
    let line = lines[i];
    match line.class {
        LineClass::MarkdownHeading { .. } => PassageKind::Heading,
        LineClass::Footnote => PassageKind::Footnote,
        LineClass::Boilerplate => PassageKind::Boilerplate,
        LineClass::ListMarker => {
            let neighbour_is_list = |j: Option<usize>| {
                j.and_then(|j| lines.get(j))
                    .is_some_and(|l| l.class == LineClass::ListMarker)
            };
            let in_list = neighbour_is_list(i.checked_sub(1)) || neighbour_is_list(Some(i + 1));
            let t = line.text.trim();
            let numbered = t.starts_with(|c: char| c.is_ascii_digit());
            if !in_list && numbered && looks_like_heading(lines, i, blank_separated) {
                PassageKind::Heading
            } else {
                PassageKind::ListItem
            }
        }
        LineClass::Text if looks_like_heading(lines, i, blank_separated) => PassageKind::Heading,
        _ => PassageKind::Body,
    }
}

/// A short line that starts with a capital or a number, is not the start of a
/// hard-wrapped paragraph, and stands alone.
fn looks_like_heading(lines: &[Line<'_>], i: usize, blank_separated: bool) -> bool {
    let t = lines[i].text.trim();
    let words = word_count(t);
    let first = t.chars().next().unwrap_or(' ');
    if words == 0 || words > 12 || t.chars().count() > 90 {
        return false;
    }
    if !(first.is_uppercase() || first.is_ascii_digit()) {
        return false;
    }
    if t.ends_with([',', ';', '-', '–', '—']) {
        return false;
    }
    // A full stop is allowed only for numbered or one-word headings
    // ("1. IS-K and the Ambition to Strike Europe.", "Conclusions."); a short
    // sentence is otherwise just a short paragraph.
    let numbered = first.is_ascii_digit();
    if ends_sentence(t) && !t.ends_with('?') && !numbered && words > 1 {
        return false;
    }
    // "Reasons are given that" introduces what follows; it is not a title.
    let last_word = t.rsplit(' ').next().unwrap_or("");
    if DANGLING_WORDS.contains(&last_word) {
        return false;
    }
    let next = lines.get(i + 1);
    if next.is_some_and(|n| n.class == LineClass::Text && starts_lowercase(n.text)) {
        return false;
    }
    if blank_separated {
        // In blank-line documents a heading is a one-line block.
        return is_blank_at(lines, i.checked_sub(1)) && is_blank_at(lines, Some(i + 1));
    }
    // In one-paragraph-per-line documents, the line before must be complete:
    // a sentence, a paragraph line of its own, or another short line.
    i.checked_sub(1)
        .and_then(|p| lines.get(p))
        .is_none_or(|prev| {
            let p = prev.text.trim();
            prev.class != LineClass::Text
                || ends_sentence(p)
                || p.chars().count() > 120
                || (word_count(p) <= 12 && !p.ends_with([',', ';']))
        })
}

/// Whether line `b` continues the passage that line `a` belongs to.
fn continues(a: &Line<'_>, b: &Line<'_>, blank_separated: bool) -> bool {
    if b.class != LineClass::Text {
        return false;
    }
    let at = a.text.trim_end();
    let a_len = at.chars().count();
    if starts_lowercase(b.text) {
        return true;
    }
    // A very long line is a paragraph of its own (one paragraph per line).
    if a_len > 120 {
        return false;
    }
    if !ends_sentence(at) {
        return true;
    }
    // Hard-wrapped prose in blank-line documents: lines end with full stops
    // mid-paragraph, the blank line is what ends the paragraph.
    blank_separated && a_len >= 40
}

/// Text lines that appear twice or more verbatim (page headers, "published
/// on" banners) are boilerplate, not content.
fn mark_repeated_boilerplate(text: &str, passages: &mut [Passage]) {
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for p in passages.iter() {
        if p.kind == PassageKind::Body && p.line_start == p.line_end {
            *seen.entry(p.raw(text).trim()).or_default() += 1;
        }
    }
    for p in passages.iter_mut() {
        if p.kind == PassageKind::Body && p.line_start == p.line_end {
            let t = text[p.byte_start..p.byte_end].trim();
            if seen.get(t).copied().unwrap_or(0) >= 2 && word_count(t) >= 4 && word_count(t) <= 40 {
                p.kind = PassageKind::Boilerplate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(PassageKind, String)> {
        segment(text)
            .iter()
            .map(|p| (p.kind, p.joined(text)))
            .collect()
    }

    #[test]
    fn blank_separated_with_headings() {
        let text = "Title Here\n\nFirst paragraph is here and long enough.\n\nImportance of Turkey\n\nAnother paragraph.\n";
        let k = kinds(text);
        assert_eq!(k.len(), 4);
        assert_eq!(k[0].0, PassageKind::Title);
        assert_eq!(k[2], (PassageKind::Heading, "Importance of Turkey".into()));
        assert_eq!(k[3].0, PassageKind::Body);
    }

    #[test]
    fn hard_wrapped_paragraph_is_rejoined() {
        let text = "T\nConclusions.\nIn\nconclusion, it is not. The members\nwere there.\n[1] https://x.org\n";
        let k = kinds(text);
        assert_eq!(k[1], (PassageKind::Heading, "Conclusions.".into()));
        assert_eq!(
            k[2],
            (
                PassageKind::Body,
                "In conclusion, it is not. The members were there.".into()
            )
        );
        assert_eq!(k[3].0, PassageKind::Footnote);
    }

    #[test]
    fn wrapped_prose_with_inner_full_stops() {
        let text = "A Book\n\nHe said that it was so. And then he went to the market.\nShe followed him all the way there, and back.\n\nNext.\n";
        let k = kinds(text);
        assert_eq!(k.len(), 3);
        assert!(k[1].1.starts_with("He said") && k[1].1.ends_with("and back."));
    }

    #[test]
    fn numbered_list_versus_numbered_headings() {
        let text = "T\n1. A Heading Here.\nA long paragraph that follows the heading and says things.\nReasons are given that\n1. the first reason is long enough to be a list item here,\n2. the second one, and\n3. the third.\n";
        let k = kinds(text);
        assert_eq!(k[1].0, PassageKind::Heading);
        assert_eq!(k[2].0, PassageKind::Body);
        assert_eq!(k[3].0, PassageKind::Body);
        assert_eq!(
            k[4..].iter().map(|x| x.0).collect::<Vec<_>>(),
            vec![PassageKind::ListItem; 3]
        );
    }

    #[test]
    fn markdown_title_wins() {
        let text = "intro line\n\n# Real Title\n\n- item one\n- item two\n";
        let p = segment(text);
        assert_eq!(p[0].kind, PassageKind::Body);
        assert_eq!(p[1].kind, PassageKind::Title);
        assert_eq!(p[2].kind, PassageKind::ListItem);
    }

    #[test]
    fn offsets_are_code_points() {
        let text = "Ünïcode title\n\n“Quoted” paragraph here.\n";
        let p = segment(text);
        assert_eq!(p[1].char_start, 15);
        let chars: Vec<char> = text.chars().collect();
        let s: String = chars[p[1].char_start..p[1].char_end].iter().collect();
        assert_eq!(s, p[1].raw(text));
    }

    #[test]
    fn repeated_banner_is_boilerplate() {
        let text = "T\nPublished in the fifth report on things.\nBody text here that is long.\nPublished in the fifth report on things.\nAdd yours\n";
        let k = kinds(text);
        assert_eq!(k[1].0, PassageKind::Boilerplate);
        assert_eq!(k[3].0, PassageKind::Boilerplate);
        assert_eq!(k[4].0, PassageKind::Boilerplate);
    }

    #[test]
    fn markup_and_ebook_licence_are_boilerplate() {
        let text = "The Project Gutenberg eBook of X\n\nLicence words here.\n\n*** START OF THE PROJECT GUTENBERG EBOOK X ***\n\nThe story begins here and goes on.\n\n<SECTION>\n\n[Illustration: a ship]\n\nThe story ends.\n\n*** END OF THE PROJECT GUTENBERG EBOOK X ***\n\nMore licence.\n";
        let k: Vec<PassageKind> = kinds(text).into_iter().map(|x| x.0).collect();
        use PassageKind::*;
        assert_eq!(
            k,
            vec![
                Boilerplate,
                Boilerplate,
                Boilerplate,
                Body,
                Boilerplate,
                Boilerplate,
                Body,
                Boilerplate,
                Boilerplate
            ]
        );
    }

    #[test]
    fn empty_and_blank_documents() {
        assert!(segment("").is_empty());
        assert!(segment("\n\n\n").is_empty());
    }
}
