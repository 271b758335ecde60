//! The comparison as the exporters show it: entries filtered by the options,
//! sorted into one stable order and numbered, topic indexes cleaned, labels
//! resolved into summary columns. Computed once so every format agrees on
//! order, numbering and counts.

use std::collections::BTreeSet;

use super::{Comparison, Entry, Options, Quote, Stance};

/// Name and glyph of the column for pairs without a label.
pub const NO_LABEL_NAME: &str = "Untagged";
pub const NO_LABEL_GLYPH: &str = "·";

/// What kind of label a column is; decides colours in HTML. Never derived
/// from user text, so it is safe to use in class names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Stance(Stance),
    Custom,
    NoLabel,
}

impl Kind {
    /// A CSS class name; fixed strings only.
    pub fn css_class(self) -> &'static str {
        match self {
            Kind::Stance(Stance::Agree) => "s-agree",
            Kind::Stance(Stance::Contradict) => "s-contradict",
            Kind::Stance(Stance::Partial) => "s-partial",
            Kind::Stance(Stance::Unclear) => "s-unclear",
            Kind::Custom => "s-custom",
            Kind::NoLabel => "s-none",
        }
    }
}

/// One column of the summary and of the topic × stance matrix.
#[derive(Debug, Clone)]
pub struct Column<'a> {
    /// The label id, `None` for the no-label column.
    pub id: Option<&'a str>,
    pub name: &'a str,
    pub glyph: &'a str,
    pub kind: Kind,
}

#[derive(Debug)]
pub struct PreparedEntry<'a> {
    pub entry: &'a Entry,
    /// 1-based position in the export's order; "pair N" in the documents.
    pub number: usize,
    /// Valid topic indexes, ascending, without duplicates.
    pub topics: Vec<usize>,
    /// Index into `Prepared::columns`.
    pub column: usize,
}

impl PreparedEntry<'_> {
    /// The topic the entry is listed under: its first valid one.
    pub fn primary_topic(&self) -> Option<usize> {
        self.topics.first().copied()
    }
}

#[derive(Debug)]
pub struct Prepared<'a> {
    pub c: &'a Comparison,
    pub entries: Vec<PreparedEntry<'a>>,
    pub columns: Vec<Column<'a>>,
}

/// A section of the per-topic listing: a topic (or none) and its entries.
pub struct Section<'p, 'a> {
    pub topic: Option<usize>,
    pub entries: Vec<&'p PreparedEntry<'a>>,
}

impl<'a> Prepared<'a> {
    pub fn new(c: &'a Comparison, opts: &Options) -> Prepared<'a> {
        let mut columns: Vec<Column<'a>> = Vec::new();
        for l in &c.labels {
            // A duplicated id would split counts between two columns; the
            // first definition wins, as in a tag set.
            if columns.iter().any(|col| col.id == Some(l.id.as_str())) {
                continue;
            }
            columns.push(Column {
                id: Some(&l.id),
                name: &l.name,
                glyph: &l.glyph,
                kind: l.stance.map_or(Kind::Custom, Kind::Stance),
            });
        }
        let kept: Vec<&'a Entry> = c
            .entries
            .iter()
            .filter(|e| opts.include_untagged || e.is_tag())
            .collect();
        // Label ids no label defines still get a column, named by the id,
        // so no pair silently drops out of the counts.
        let unknown: BTreeSet<&'a str> = kept
            .iter()
            .filter_map(|e| e.label.as_deref())
            .filter(|id| !columns.iter().any(|col| col.id == Some(*id)))
            .collect();
        for id in unknown {
            columns.push(Column {
                id: Some(id),
                name: id,
                glyph: "?",
                kind: Kind::Custom,
            });
        }
        if kept.iter().any(|e| e.label.is_none()) {
            columns.push(Column {
                id: None,
                name: NO_LABEL_NAME,
                glyph: NO_LABEL_GLYPH,
                kind: Kind::NoLabel,
            });
        }

        let mut entries: Vec<PreparedEntry<'a>> = kept
            .into_iter()
            .map(|entry| {
                let topics: Vec<usize> = entry
                    .topics
                    .iter()
                    .copied()
                    .filter(|&t| t < c.topics.len())
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect();
                // Every label id got a column above, and so did "no label"
                // if any entry lacks one, so the search always succeeds.
                let column = columns
                    .iter()
                    .position(|col| col.id == entry.label.as_deref())
                    .unwrap_or(0);
                PreparedEntry {
                    entry,
                    number: 0,
                    topics,
                    column,
                }
            })
            .collect();
        // Topic by topic, then by position in the left and right reports;
        // the remaining fields only break ties so the order never depends on
        // the order the caller listed the entries in.
        entries.sort_by(|a, b| {
            let key = |p: &PreparedEntry<'a>| {
                let e = p.entry;
                (
                    p.primary_topic().unwrap_or(usize::MAX),
                    (e.left.start, e.left.end, e.right.start, e.right.end),
                    (e.id.clone(), e.label.clone()),
                )
            };
            key(a)
                .cmp(&key(b))
                .then_with(|| a.entry.note.cmp(&b.entry.note))
                .then_with(|| a.entry.left.exact.cmp(&b.entry.left.exact))
                .then_with(|| a.entry.right.exact.cmp(&b.entry.right.exact))
        });
        for (i, p) in entries.iter_mut().enumerate() {
            p.number = i + 1;
        }
        Prepared {
            c,
            entries,
            columns,
        }
    }

    /// Counts per column over all entries.
    pub fn totals(&self) -> Vec<usize> {
        let mut counts = vec![0; self.columns.len()];
        for p in &self.entries {
            counts[p.column] += 1;
        }
        counts
    }

    /// Matrix rows: every topic with at least one pair, then `None` for pairs
    /// without a topic if there are any. A pair counts in the row of each of
    /// its topics.
    pub fn matrix(&self) -> Vec<(Option<usize>, Vec<usize>)> {
        let mut rows = Vec::new();
        let topic_rows = (0..self.c.topics.len()).map(Some);
        for topic in topic_rows.chain(std::iter::once(None)) {
            let mut counts = vec![0; self.columns.len()];
            let mut any = false;
            for p in &self.entries {
                let hit = match topic {
                    Some(t) => p.topics.contains(&t),
                    None => p.topics.is_empty(),
                };
                if hit {
                    counts[p.column] += 1;
                    any = true;
                }
            }
            if any {
                rows.push((topic, counts));
            }
        }
        rows
    }

    /// The per-topic listing: each entry once, under its primary topic;
    /// entries without a topic last.
    pub fn sections(&self) -> Vec<Section<'_, 'a>> {
        let mut sections: Vec<Section<'_, 'a>> = Vec::new();
        for p in &self.entries {
            let topic = p.primary_topic();
            match sections.last_mut() {
                Some(s) if s.topic == topic => s.entries.push(p),
                _ => sections.push(Section {
                    topic,
                    entries: vec![p],
                }),
            }
        }
        sections
    }

    pub fn column(&self, p: &PreparedEntry<'_>) -> &Column<'a> {
        &self.columns[p.column]
    }

    /// The topic's label, or the heading used for pairs without a topic.
    pub fn topic_name(&self, topic: Option<usize>) -> &'a str {
        topic
            .and_then(|t| self.c.topics.get(t))
            .map_or("No topic", String::as_str)
    }

    /// The names of an entry's topics, joined for one-line display.
    pub fn topic_names(&self, p: &PreparedEntry<'_>) -> String {
        p.topics
            .iter()
            .map(|&t| self.topic_name(Some(t)))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// `file:line` of a quote in the left (0) or right (1) report.
    pub fn location(&self, side: usize, q: &Quote) -> String {
        format!("{}:{}", self.c.documents[side].path, q.line)
    }

    /// The line saying there is nothing to export.
    pub fn empty_message(&self, opts: &Options) -> &'static str {
        if opts.include_untagged {
            "No tagged or aligned pairs to export."
        } else {
            "No tagged pairs to export."
        }
    }
}

/// A one-line description of the anchor states of an entry for the
/// human-readable formats, or `None` when both quotes are anchored.
pub fn state_warning(e: &Entry) -> Option<String> {
    use super::AnchorKind::*;
    let describe = |side: &str, q: &Quote| match q.state {
        Anchored => None,
        Moved => Some(format!("{side} quote moved in the current report")),
        Orphaned => Some(format!(
            "ORPHANED: {side} quote not found in the current report (old quote shown)"
        )),
    };
    let parts: Vec<String> = [describe("left", &e.left), describe("right", &e.right)]
        .into_iter()
        .flatten()
        .collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}
