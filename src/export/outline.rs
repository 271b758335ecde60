//! The brief as a format-neutral outline of blocks (headings, paragraphs,
//! tables, block quotes, list items), for the word-processor formats (DOCX,
//! ODT): they differ only in how a block is written, so the brief's content
//! and order are decided once, here, in the same order as the Markdown
//! brief. Text in blocks is plain user text; each writer escapes it its own
//! way (XML writers never build markup from strings).

use super::prepared::{CONFLICT_INTRO, Prepared, PreparedEntry, state_warning, unwrapped};
use super::{Comparison, Options};

/// A piece of a paragraph with its emphasis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

impl Run {
    pub fn plain(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            bold: false,
            italic: false,
        }
    }

    pub fn bold(text: impl Into<String>) -> Run {
        Run {
            bold: true,
            ..Run::plain(text)
        }
    }

    pub fn italic(text: impl Into<String>) -> Run {
        Run {
            italic: true,
            ..Run::plain(text)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// The brief's title.
    Title(String),
    /// A heading, level 1 (sections) to 3 (pairs).
    Heading(u8, String),
    Para(Vec<Run>),
    /// A bulleted list item.
    Item(Vec<Run>),
    /// A table with a header row.
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// A quoted sentence, indented, as [`unwrapped`] shows it: the
    /// file's wrapping joined, paragraph breaks kept as line breaks.
    Quote(String),
}

/// The brief as blocks. Pure.
pub fn outline(c: &Comparison, opts: &Options) -> Vec<Block> {
    let p = Prepared::new(c, opts);
    let mut out = vec![
        Block::Title(p.title()),
        Block::Para(vec![Run::italic(p.dateline())]),
        Block::Heading(1, "Reports".into()),
        Block::Table {
            header: [
                "Side",
                "Name",
                "Author",
                "Title",
                "File",
                "Content hash (SHA-256)",
            ]
            .map(String::from)
            .to_vec(),
            rows: ["Left", "Right"]
                .iter()
                .zip(&c.documents)
                .map(|(side, d)| {
                    vec![
                        side.to_string(),
                        d.name.clone(),
                        d.author.clone().unwrap_or_default(),
                        d.title.clone(),
                        d.path.clone(),
                        d.hash.clone(),
                    ]
                })
                .collect(),
        },
        Block::Heading(1, "Summary".into()),
    ];
    if p.entries.is_empty() {
        out.push(Block::Para(vec![Run::plain(p.empty_message(opts))]));
    } else {
        let mut rows: Vec<Vec<String>> = p
            .columns
            .iter()
            .zip(p.totals())
            .map(|(col, n)| vec![format!("{} {}", col.glyph, col.name), n.to_string()])
            .collect();
        rows.push(vec!["Total".into(), p.entries.len().to_string()]);
        out.push(Block::Table {
            header: vec!["Stance".into(), "Pairs".into()],
            rows,
        });
        let highlights = p.highlights();
        if !highlights.is_empty() {
            out.push(Block::Para(vec![Run::plain(
                "Key judgements, contradictions first:",
            )]));
            for pe in highlights {
                let col = p.column(pe);
                out.push(Block::Item(vec![
                    Run::bold(format!("Pair {} · {} {}", pe.number, col.glyph, col.name)),
                    Run::plain(format!(
                        " · {}: {}",
                        p.topic_name(pe.primary_topic()),
                        p.gist(pe)
                    )),
                ]));
            }
        }
        out.push(Block::Heading(1, "Topics × stance".into()));
        let mut header = vec!["Topic".to_string()];
        header.extend(p.columns.iter().map(|c| format!("{} {}", c.glyph, c.name)));
        out.push(Block::Table {
            header,
            rows: p
                .matrix()
                .into_iter()
                .map(|(topic, counts)| {
                    std::iter::once(p.topic_name(topic).to_string())
                        .chain(counts.iter().map(usize::to_string))
                        .collect()
                })
                .collect(),
        });
        out.push(Block::Para(vec![Run::italic(
            "Each pair counts once, under the topic it is filed under.",
        )]));
        out.push(Block::Heading(1, "Pairs by topic".into()));
        for section in p.sections() {
            out.push(Block::Heading(2, p.topic_name(section.topic).to_string()));
            for pe in section.entries {
                pair(&mut out, &p, pe);
            }
        }
    }
    silences(&mut out, &p);
    out
}

fn pair(out: &mut Vec<Block>, p: &Prepared<'_>, pe: &PreparedEntry<'_>) {
    let e = pe.entry;
    out.push(Block::Heading(3, p.pair_heading(pe)));
    if pe.topics.len() > 1 {
        out.push(Block::Para(vec![Run::plain(format!(
            "Topics: {}",
            p.topic_names(pe)
        ))]));
    }
    if let Some(who) = p.analyst_line(pe) {
        out.push(Block::Para(vec![Run::plain(who)]));
    }
    if let Some(s) = p.suggestion(pe) {
        out.push(Block::Para(vec![Run::italic(s)]));
    }
    if let Some(w) = state_warning(e) {
        out.push(Block::Para(vec![Run::bold("Warning: "), Run::plain(w)]));
    }
    for (side, q) in [(0, &e.left), (1, &e.right)] {
        out.push(Block::Para(vec![Run::bold(p.caption(side, q))]));
        out.push(Block::Quote(unwrapped(&q.exact)));
    }
    if let Some(sides) = p.conflict_sides(pe) {
        out.push(Block::Para(vec![
            Run::bold("Conflict: "),
            Run::plain(CONFLICT_INTRO),
        ]));
        for (who, label, note) in sides {
            let mut runs = vec![Run::bold(format!("{who}: ")), Run::plain(label)];
            if !note.is_empty() {
                runs.push(Run::plain(format!(" — {note}")));
            }
            out.push(Block::Item(runs));
        }
    } else if !e.note.is_empty() {
        out.push(Block::Para(vec![Run::bold("Note: "), Run::plain(&e.note)]));
    } else if pe.is_judged() {
        out.push(Block::Para(vec![Run::italic("No note.")]));
    }
}

fn silences(out: &mut Vec<Block>, p: &Prepared<'_>) {
    out.push(Block::Heading(1, "Silences".into()));
    out.push(Block::Para(vec![Run::plain(
        "Topics one report discusses and the other never mentions.",
    )]));
    for side in [0, 1] {
        out.push(Block::Heading(
            2,
            format!(
                "Only {} ({} is silent)",
                p.side_name(side),
                p.side_name(1 - side)
            ),
        ));
        let list = p.silences(side);
        if list.is_empty() {
            out.push(Block::Para(vec![Run::plain("None found.")]));
        }
        for s in list {
            let mut runs = Vec::new();
            for (i, t) in s.topics.iter().enumerate() {
                if i > 0 {
                    runs.push(Run::plain(", "));
                }
                runs.push(Run::bold(t.clone()));
            }
            runs.push(Run::plain(s.details(str::to_string)));
            out.push(Block::Item(runs));
        }
    }
}
