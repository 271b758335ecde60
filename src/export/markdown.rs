//! The Markdown brief (CommonMark with GFM tables): title and date, the
//! two reports, a summary (counts, contradictions first, the analyst's
//! notes), the topic × stance matrix, the pairs topic by topic with both
//! quoted sentences as block quotes and the note, and the silences.
//!
//! User text (titles, paths, topics, labels, quotes, notes) never changes the
//! document's structure: every ASCII punctuation character that can mean
//! something is backslash-escaped, which CommonMark defines as a literal, so
//! `#`, `|`, `*`, `` ` ``, `<`, `>`, `-`, `1.`, `$` and `===` lose their
//! meaning; whitespace a parser would strip or read as indentation, line
//! breaks inside table cells, and control characters become numeric
//! character references; line breaks inside quotes and notes become hard
//! breaks. A CommonMark parser therefore gives back exactly the original
//! text, for a quote as [`unwrapped`] shows it: the report file's hard
//! wrapping joined into spaces, paragraph breaks kept.

use std::fmt::Write as _;

use super::prepared::{CONFLICT_INTRO, Prepared, PreparedEntry, state_warning, unwrapped};
use super::{Comparison, Options, Quote};

/// Renders the Markdown brief. Pure and deterministic.
pub fn render(c: &Comparison, opts: &Options) -> String {
    let p = Prepared::new(c, opts);
    let mut out = String::new();
    // `write!` into a String cannot fail; the results are ignored on purpose.
    let _ = writeln!(out, "# {}\n", inline(&p.title()));
    let _ = writeln!(out, "{}\n", inline(&p.dateline()));

    out.push_str("## Reports\n\n");
    out.push_str("| Side | Name | Author | Title | File | Content hash (SHA-256) |\n");
    out.push_str("| --- | --- | --- | --- | --- | --- |\n");
    for (side, d) in ["Left", "Right"].iter().zip(&c.documents) {
        let _ = writeln!(
            out,
            "| {side} | {} | {} | {} | {} | {} |",
            inline(&d.name),
            inline(d.author.as_deref().unwrap_or("")),
            inline(&d.title),
            inline(&d.path),
            inline(&d.hash)
        );
    }
    out.push('\n');

    out.push_str("## Summary\n\n");
    if p.entries.is_empty() {
        let _ = writeln!(out, "{}\n", inline(p.empty_message(opts)));
    } else {
        out.push_str("| Stance | Pairs |\n| --- | ---: |\n");
        for (col, n) in p.columns.iter().zip(p.totals()) {
            let _ = writeln!(out, "| {} {} | {n} |", inline(col.glyph), inline(col.name));
        }
        let _ = writeln!(out, "| Total | {} |\n", p.entries.len());
        let highlights = p.highlights();
        if !highlights.is_empty() {
            out.push_str("Key judgements, contradictions first:\n\n");
            for pe in highlights {
                let col = p.column(pe);
                let _ = writeln!(
                    out,
                    "- Pair {} · {} {} · {}: {}",
                    pe.number,
                    inline(col.glyph),
                    inline(col.name),
                    inline(p.topic_name(pe.primary_topic())),
                    inline(&p.gist(pe))
                );
            }
            out.push('\n');
        }

        out.push_str("## Topics × stance\n\n| Topic |");
        for col in &p.columns {
            let _ = write!(out, " {} {} |", inline(col.glyph), inline(col.name));
        }
        out.push_str("\n| --- |");
        for _ in &p.columns {
            out.push_str(" ---: |");
        }
        out.push('\n');
        for (topic, counts) in p.matrix() {
            let _ = write!(out, "| {} |", inline(p.topic_name(topic)));
            for n in counts {
                let _ = write!(out, " {n} |");
            }
            out.push('\n');
        }
        out.push_str("\nEach pair counts once, under the topic it is filed under.\n\n");

        out.push_str("## Pairs by topic\n");
        for section in p.sections() {
            let _ = writeln!(out, "\n### {}", inline(p.topic_name(section.topic)));
            for e in section.entries {
                pair(&mut out, &p, e);
            }
        }
        out.push('\n');
    }
    silences(&mut out, &p);
    out
}

fn pair(out: &mut String, p: &Prepared<'_>, pe: &PreparedEntry<'_>) {
    let e = pe.entry;
    let _ = writeln!(out, "\n#### {}\n", inline(&p.pair_heading(pe)));
    if pe.topics.len() > 1 {
        let _ = writeln!(out, "Topics: {}\n", inline(&p.topic_names(pe)));
    }
    if let Some(who) = p.analyst_line(pe) {
        let _ = writeln!(out, "{}\n", inline(&who));
    }
    if let Some(s) = p.suggestion(pe) {
        let _ = writeln!(out, "*{}*\n", inline(&s));
    }
    if let Some(warning) = state_warning(e) {
        let _ = writeln!(out, "**Warning:** {}\n", inline(&warning));
    }
    for (side, q) in [(0, &e.left), (1, &e.right)] {
        quote(out, p, side, q);
    }
    if let Some(sides) = p.conflict_sides(pe) {
        let _ = writeln!(out, "**Conflict:** {}\n", inline(CONFLICT_INTRO));
        for (who, label, note) in sides {
            let note = if note.is_empty() {
                String::new()
            } else {
                format!(" — {}", lines(note, "  "))
            };
            let _ = writeln!(out, "- **{}:** {}{note}", inline(&who), inline(&label));
        }
    } else if e.note.is_empty() {
        if pe.is_judged() {
            out.push_str("*No note.*\n");
        }
    } else {
        let _ = writeln!(out, "**Note:** {}", lines(&e.note, ""));
    }
}

fn quote(out: &mut String, p: &Prepared<'_>, side: usize, q: &Quote) {
    let _ = writeln!(out, "**{}**\n", inline(&p.caption(side, q)));
    let _ = writeln!(out, "> {}\n", lines(&unwrapped(&q.exact), "> "));
}

/// The topics one report discusses and the other never mentions.
fn silences(out: &mut String, p: &Prepared<'_>) {
    out.push_str("## Silences\n\nTopics one report discusses and the other never mentions.\n");
    for side in [0, 1] {
        let _ = writeln!(
            out,
            "\n### Only {} ({} is silent)\n",
            inline(p.side_name(side)),
            inline(p.side_name(1 - side))
        );
        let list = p.silences(side);
        if list.is_empty() {
            out.push_str("None found.\n");
        }
        for s in list {
            let names: Vec<String> = s
                .topics
                .iter()
                .map(|t| format!("**{}**", inline(t)))
                .collect();
            let _ = writeln!(out, "- {}{}", names.join(", "), s.details(inline));
        }
    }
}

/// `s` as literal inline text on one source line, safe anywhere inline
/// content goes: headings, table cells, paragraphs.
pub fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 4);
    let chars: Vec<char> = s.chars().collect();
    // Leading and trailing white space would be stripped by the parser (or
    // read as indentation, or stop `**` from opening emphasis), so only
    // that becomes references.
    let first = chars
        .iter()
        .position(|c| !c.is_whitespace())
        .unwrap_or(chars.len());
    let last = chars
        .iter()
        .rposition(|c| !c.is_whitespace())
        .map_or(0, |i| i + 1);
    // Only digits that open the line make an ordered list marker ("1.",
    // "2)"); "0.1.0" or "in 2018." further on are plain text.
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    for (i, &c) in chars.iter().enumerate() {
        let edge = i < first || i >= last;
        let after_digit = i > 0 && i == digits;
        if needs_escape(c, i == 0, after_digit) {
            out.push('\\');
            out.push(c);
        } else if c.is_control() || (edge && c.is_whitespace()) {
            let _ = write!(out, "&#{};", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether an ASCII punctuation character must be escaped to stay literal.
/// CommonMark lets every one be escaped; the few left alone here can never
/// start or end any construct, `-`, `+` and `=` only at the start of a line
/// (list items, thematic breaks, setext underlines), `.` and `)` only after
/// the digits that open a line (ordered list markers). Leaving them keeps
/// the source readable.
fn needs_escape(c: char, line_start: bool, after_digit: bool) -> bool {
    match c {
        ',' | ';' | ':' | '?' | '"' | '\'' | '/' | '%' | '(' => false,
        '-' | '+' | '=' => line_start,
        '.' | ')' => after_digit,
        c => c.is_ascii_punctuation(),
    }
}

/// `s` as literal paragraph text that may span lines: each line escaped as
/// by `inline`, lines joined by hard breaks, every continuation line
/// starting with `prefix` (`"> "` inside a block quote). Line breaks at the
/// very start or end would not survive as hard breaks (the parser drops a
/// break that ends a paragraph), so those become references.
pub fn lines(s: &str, prefix: &str) -> String {
    let body = s.trim_matches('\n');
    let leading = s.len() - s.trim_start_matches('\n').len();
    let trailing = if body.is_empty() {
        0
    } else {
        s.len() - s.trim_end_matches('\n').len()
    };
    let mut out = "&#10;".repeat(leading);
    let joiner = format!("\\\n{prefix}");
    let escaped: Vec<String> = if body.is_empty() {
        Vec::new()
    } else {
        body.split('\n').map(inline).collect()
    };
    out.push_str(&escaped.join(&joiner));
    out.push_str(&"&#10;".repeat(trailing));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Event, Options as MdOptions, Parser};

    /// The text a CommonMark parser reads back from `src`, with hard and
    /// soft breaks as newlines, and the blocks and inlines it opened.
    fn read_back(src: &str) -> (String, Vec<String>) {
        let mut text = String::new();
        let mut opened = Vec::new();
        for ev in Parser::new_ext(src, MdOptions::ENABLE_TABLES) {
            match ev {
                Event::Text(t) => text.push_str(&t),
                Event::HardBreak | Event::SoftBreak => text.push('\n'),
                Event::Start(tag) => opened.push(format!("{tag:?}")),
                Event::End(_) => {}
                other => opened.push(format!("{other:?}")),
            }
        }
        (text, opened)
    }

    #[test]
    fn inline_text_reads_back_exactly_and_adds_no_structure() {
        for s in [
            "# not a heading",
            "| a | b |",
            "*em* **strong** _u_ `code` ``` ~~del~~",
            "<script>alert(1)</script> &amp; &#10;",
            "> not a quote",
            "- not a list",
            "1. not a list",
            " 1. nor after a space",
            "0.1.0 and 12) at the start",
            "2) nor this, 3.5 % (ok): yes; \"q\" 'a' / b?",
            "$x$ math ~strike~ !bang",
            "report-a + b = c -- d == e",
            "+ not a list",
            "= not a setext underline",
            "  leading and trailing  ",
            "\ttab",
            "[link](http://x) ![img](y) <http://z>",
            "back\\slash\\",
            "“curly” — em dash, кириллица, 🦀",
            "",
        ] {
            let (text, opened) = read_back(&inline(s));
            assert_eq!(text, s, "for {s:?}");
            let want: &[&str] = if s.is_empty() { &[] } else { &["Paragraph"] };
            assert_eq!(opened, want, "for {s:?}");
        }
    }

    #[test]
    fn figures_and_versions_stay_readable_in_the_source() {
        assert_eq!(
            inline("diptych 0.1.0, in 2018. See 3)"),
            "diptych 0.1.0, in 2018. See 3)"
        );
        assert_eq!(inline("12. a list marker"), "12\\. a list marker");
        assert_eq!(inline("7) another"), "7\\) another");
    }

    #[test]
    fn multi_line_text_reads_back_exactly_inside_a_block_quote() {
        for s in [
            "first\nsecond",
            "a\n\nb",
            "\nleading newline",
            "trailing newline\n",
            "\n\n",
            "line\n> quote\n- item\n# heading\n    code\n===\n---\n+ item\n***",
            "ends with backslash\\\nnext",
            "trailing space \nnext",
        ] {
            let src = format!("> {}\n", lines(s, "> "));
            let (text, opened) = read_back(&src);
            assert_eq!(text, s, "for {s:?}: {src}");
            assert_eq!(
                opened,
                ["BlockQuote(None)", "Paragraph"],
                "for {s:?}: {src}"
            );
        }
    }
}
