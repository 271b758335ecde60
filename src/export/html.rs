//! The HTML report: one self-contained page (inline CSS, no scripts, no
//! external fonts or images) with the same content as the Markdown brief,
//! the two quotes of each pair side by side, and the stance shown by colour
//! and by glyph and word. Readable on screen and on paper (print styles).
//!
//! Every piece of user text goes through `escape`, and no user text is ever
//! placed in a tag name, an attribute name or a class: class names come from
//! fixed strings only.

use std::fmt::Write as _;

use super::prepared::{CONFLICT_INTRO, Prepared, PreparedEntry, state_warning, unwrapped};
use super::{Comparison, Options, Quote};

const STYLE: &str = r#"
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.45;
       color: #1b1b1b; background: #fff; max-width: 72rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin-bottom: .25rem; }
h2 { border-bottom: 1px solid #ccc; padding-bottom: .2rem; margin-top: 2rem; }
h3 { margin-top: 1.75rem; }
.meta, .hint { color: #555; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { border: 1px solid #bbb; padding: .25rem .6rem; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
td.hash { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .85em; word-break: break-all; }
.pair { border: 1px solid #ccc; border-left: .45rem solid var(--stance); border-radius: .3rem;
        padding: .5rem 1rem .75rem; margin: 1rem 0; }
.pair h4 { margin: .2rem 0 .5rem; }
.badge { display: inline-block; border-radius: .25rem; padding: 0 .45rem; margin-right: .4rem;
         background: var(--stance); color: #fff; font-weight: 600; }
.glyph { font-weight: 700; }
.quotes { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
figure { margin: 0; }
figcaption { font-size: .85em; color: #444; }
blockquote { margin: .3rem 0 0; padding: .4rem .7rem; background: #f5f5f5; border-left: 3px solid #999;
             white-space: pre-wrap; overflow-wrap: anywhere; }
.note { white-space: pre-wrap; overflow-wrap: anywhere; }
details { margin-top: .3rem; font-size: .9em; }
details .context { white-space: pre-wrap; overflow-wrap: anywhere; color: #333; margin: .3rem 0 0; }
.warning { font-weight: 600; color: #8a1c00; }
.state-orphaned blockquote { border-left-style: dashed; background: #fff3f0; }
.s-agree { --stance: #1f7a3a; }
.s-contradict { --stance: #b3261e; }
.s-partial { --stance: #9a6200; }
.s-unclear { --stance: #5a5f66; }
.s-custom { --stance: #2d5fa8; }
.s-none { --stance: #8c8c8c; }
td.s-agree, td.s-contradict, td.s-partial, td.s-unclear, td.s-custom, td.s-none,
th.s-agree, th.s-contradict, th.s-partial, th.s-unclear, th.s-custom, th.s-none
  { border-left: .3rem solid var(--stance); }
@media (max-width: 40rem) { .quotes { grid-template-columns: 1fr; } }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .pair { break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; }
}
"#;

/// Renders the HTML report. Pure and deterministic.
pub fn render(c: &Comparison, opts: &Options) -> String {
    let p = Prepared::new(c, opts);
    let title = p.title();
    let mut out = String::new();
    // `write!` into a String cannot fail; the results are ignored on purpose.
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"{}\">\n<title>{}</title>\n<style>{STYLE}</style>\n\
         </head>\n<body>\n<header>\n<h1>{}</h1>\n<p class=\"meta\">{}</p>\n</header>\n",
        escape(&c.generated_by),
        escape(&title),
        escape(&title),
        escape(&p.dateline()),
    );

    out.push_str(
        "<section>\n<h2>Reports</h2>\n<table>\n<thead><tr><th>Side</th><th>Name</th><th>Author</th>\
         <th>Title</th><th>File</th><th>Content hash (SHA-256)</th></tr></thead>\n<tbody>\n",
    );
    for (side, d) in ["Left", "Right"].iter().zip(&c.documents) {
        let _ = writeln!(
            out,
            "<tr><td>{side}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"hash\">{}</td></tr>",
            escape(&d.name),
            escape(d.author.as_deref().unwrap_or("")),
            escape(&d.title),
            escape(&d.path),
            escape(&d.hash)
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");

    out.push_str("<section>\n<h2>Summary</h2>\n");
    if p.entries.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"empty\">{}</p>\n</section>",
            escape(p.empty_message(opts))
        );
        silences(&mut out, &p);
        out.push_str("</body>\n</html>\n");
        return out;
    }
    out.push_str("<table>\n<thead><tr><th>Stance</th><th>Pairs</th></tr></thead>\n<tbody>\n");
    for (col, n) in p.columns.iter().zip(p.totals()) {
        let _ = writeln!(
            out,
            "<tr><td class=\"{}\">{}</td><td class=\"n\">{n}</td></tr>",
            col.kind.css_class(),
            stance_label(col.glyph, col.name)
        );
    }
    let _ = writeln!(
        out,
        "</tbody>\n<tfoot><tr><th>Total</th><td class=\"n\">{}</td></tr></tfoot>\n</table>",
        p.entries.len()
    );
    let highlights = p.highlights();
    if !highlights.is_empty() {
        out.push_str("<p>Key judgements, contradictions first:</p>\n<ul class=\"highlights\">\n");
        for pe in highlights {
            let col = p.column(pe);
            let _ = writeln!(
                out,
                "<li class=\"{}\">Pair {} · {} · {}: {}</li>",
                col.kind.css_class(),
                pe.number,
                stance_label(col.glyph, col.name),
                escape(p.topic_name(pe.primary_topic())),
                escape(&p.gist(pe))
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");

    out.push_str("<section>\n<h2>Topics × stance</h2>\n<table>\n<thead><tr><th>Topic</th>");
    for col in &p.columns {
        let _ = write!(
            out,
            "<th class=\"{}\">{}</th>",
            col.kind.css_class(),
            stance_label(col.glyph, col.name)
        );
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (topic, counts) in p.matrix() {
        let _ = write!(out, "<tr><td>{}</td>", escape(p.topic_name(topic)));
        for n in counts {
            let _ = write!(out, "<td class=\"n\">{n}</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str(
        "</tbody>\n</table>\n<p class=\"hint\">Each pair counts once, under the topic it is filed under.</p>\n</section>\n",
    );

    out.push_str("<section>\n<h2>Pairs by topic</h2>\n");
    for section in p.sections() {
        let _ = writeln!(
            out,
            "<section class=\"topic\">\n<h3>{}</h3>",
            escape(p.topic_name(section.topic))
        );
        for e in section.entries {
            pair(&mut out, &p, e);
        }
        out.push_str("</section>\n");
    }
    out.push_str("</section>\n");
    silences(&mut out, &p);
    out.push_str("</body>\n</html>\n");
    out
}

fn stance_label(glyph: &str, name: &str) -> String {
    format!(
        "<span class=\"glyph\">{}</span> {}",
        escape(glyph),
        escape(name)
    )
}

fn pair(out: &mut String, p: &Prepared<'_>, pe: &PreparedEntry<'_>) {
    let e = pe.entry;
    let col = p.column(pe);
    let badge = if let Some(c) = &e.conflict {
        escape(&format!(
            "conflict: {} / {}",
            p.label_shown(c.ours.label.as_deref()),
            p.label_shown(c.theirs.label.as_deref())
        ))
    } else if pe.is_judged() {
        stance_label(col.glyph, col.name)
    } else {
        "not judged".to_string()
    };
    let _ = writeln!(
        out,
        "<article class=\"pair {}\">\n<h4><span class=\"badge\">{badge}</span>Pair {}</h4>",
        col.kind.css_class(),
        pe.number
    );
    if pe.topics.len() > 1 {
        let _ = writeln!(
            out,
            "<p class=\"meta\">Topics: {}</p>",
            escape(&p.topic_names(pe))
        );
    }
    if let Some(who) = p.analyst_line(pe) {
        let _ = writeln!(out, "<p class=\"meta\">{}</p>", escape(&who));
    }
    if let Some(s) = p.suggestion(pe) {
        let _ = writeln!(out, "<p class=\"hint\"><em>{}</em></p>", escape(&s));
    }
    if let Some(warning) = state_warning(e) {
        let _ = writeln!(
            out,
            "<p class=\"warning\">Warning: {}</p>",
            escape(&warning)
        );
    }
    out.push_str("<div class=\"quotes\">\n");
    for (side, q) in [(0, &e.left), (1, &e.right)] {
        quote(out, p, side, q);
    }
    out.push_str("</div>\n");
    if let Some(sides) = p.conflict_sides(pe) {
        let _ = writeln!(
            out,
            "<div class=\"conflict\">\n<p><strong>Conflict:</strong> {}</p>\n<ul>",
            escape(CONFLICT_INTRO)
        );
        for (who, label, note) in sides {
            let note = if note.is_empty() {
                String::new()
            } else {
                format!(" — <span class=\"note\">{}</span>", escape(note))
            };
            let _ = writeln!(
                out,
                "<li><strong>{}:</strong> {}{note}</li>",
                escape(&who),
                escape(&label)
            );
        }
        out.push_str("</ul>\n</div>\n");
    } else if e.note.is_empty() {
        if pe.is_judged() {
            out.push_str("<p class=\"note meta\"><em>No note.</em></p>\n");
        }
    } else {
        let _ = writeln!(
            out,
            "<p class=\"note\"><strong>Note:</strong> {}</p>",
            escape(&e.note)
        );
    }
    out.push_str("</article>\n");
}

fn quote(out: &mut String, p: &Prepared<'_>, side: usize, q: &Quote) {
    let state = match q.state {
        super::AnchorKind::Anchored => "state-anchored",
        super::AnchorKind::Moved => "state-moved",
        super::AnchorKind::Orphaned => "state-orphaned",
    };
    let _ = write!(
        out,
        "<figure class=\"quote {state}\"><figcaption>{}</figcaption><blockquote>{}</blockquote>",
        escape(&p.caption(side, q)),
        escape(&unwrapped(&q.exact))
    );
    // The passage around the sentence, collapsed: there when the reader
    // wants the context, out of the way otherwise.
    if !q.context.is_empty() {
        let _ = write!(
            out,
            "<details><summary>Whole passage</summary><p class=\"context\">{}</p></details>",
            escape(&unwrapped(&q.context))
        );
    }
    out.push_str("</figure>\n");
}

/// The topics one report discusses and the other never mentions.
fn silences(out: &mut String, p: &Prepared<'_>) {
    out.push_str(
        "<section>\n<h2>Silences</h2>\n<p class=\"hint\">Topics one report discusses and the other never mentions.</p>\n",
    );
    for side in [0, 1] {
        let _ = writeln!(
            out,
            "<h3>Only {} ({} is silent)</h3>",
            escape(p.side_name(side)),
            escape(p.side_name(1 - side))
        );
        let list = p.silences(side);
        if list.is_empty() {
            out.push_str("<p>None found.</p>\n");
            continue;
        }
        out.push_str("<ul class=\"silences\">\n");
        for s in list {
            let names: Vec<String> = s
                .topics
                .iter()
                .map(|t| format!("<strong>{}</strong>", escape(t)))
                .collect();
            let _ = writeln!(out, "<li>{}{}</li>", names.join(", "), s.details(escape));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

/// `s` as HTML text, safe in element content and in double- or
/// single-quoted attribute values. Control characters other than tab and
/// line feed cannot appear in HTML text, so they become U+FFFD.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(c),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_neutralises_markup() {
        assert_eq!(
            escape(r#"<script>"'&</style>"#),
            "&lt;script&gt;&quot;&#39;&amp;&lt;/style&gt;"
        );
        assert_eq!(escape("a\u{1b}[31mb\u{0}"), "a\u{FFFD}[31mb\u{FFFD}");
        assert_eq!(escape("“ok” — ёж 🦀\n\t"), "“ok” — ёж 🦀\n\t");
    }
}
