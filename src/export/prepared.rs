//! The comparison as the exporters show it: entries filtered by the options,
//! sorted into one stable order and numbered, topic indexes cleaned, labels
//! resolved into summary columns. Computed once so every format agrees on
//! order, numbering and counts.

use std::collections::BTreeSet;

use super::{Comparison, Entry, Options, Quote, Stance};

/// What a brief says of a conflicted pair, before its two judgements.
pub const CONFLICT_INTRO: &str =
    "the two judgements differ; both are kept until one of the analysts judges the pair again.";

/// Name and glyph of the column for pairs without a label.
pub const NO_LABEL_NAME: &str = "Not judged";
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
    /// The topic the entry is filed under: the analyst's focus topic if
    /// the pair is on it, else its most specific topic, else its first.
    pub group: Option<usize>,
}

impl PreparedEntry<'_> {
    /// The topic the entry is listed under.
    pub fn primary_topic(&self) -> Option<usize> {
        self.group
    }

    /// The stance of the entry's label, if it is a built-in one.
    pub fn is_judged(&self) -> bool {
        self.entry.label.is_some()
    }
}

#[derive(Debug)]
pub struct Prepared<'a> {
    pub c: &'a Comparison,
    pub entries: Vec<PreparedEntry<'a>>,
    pub columns: Vec<Column<'a>>,
    /// More than one analyst judged the entries: each pair says whose
    /// judgement it is.
    pub several_analysts: bool,
}

/// One line of a Silences list: the topics (names) one report discusses,
/// their passage counts, and the sentence quoted for them.
#[derive(Debug)]
pub struct SilenceLine {
    pub topics: Vec<String>,
    pub passages: Vec<usize>,
    pub quote: String,
    pub line: usize,
}

impl SilenceLine {
    /// What follows the topic names: " (2 passages), line 7: “quote”", the
    /// quote passed through `escape`; only the counts when there is no
    /// quote.
    pub fn details(&self, escape: impl Fn(&str) -> String) -> String {
        if self.quote.is_empty() {
            format!(" ({})", self.counts())
        } else {
            format!(
                " ({}), line {}: “{}”",
                self.counts(),
                self.line,
                escape(&self.quote)
            )
        }
    }

    /// "2 passages", "1 passage each", "3, 1 passages".
    pub fn counts(&self) -> String {
        let unit = |n: usize| if n == 1 { "passage" } else { "passages" };
        match self.passages.as_slice() {
            [one] => format!("{one} {}", unit(*one)),
            [first, rest @ ..] if rest.iter().all(|n| n == first) => {
                format!("{first} {} each", unit(*first))
            }
            all => format!(
                "{} passages",
                all.iter()
                    .map(usize::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
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
                let group = c
                    .focus_topic
                    .filter(|f| topics.contains(f))
                    .or(entry.group.filter(|&g| g < c.topics.len()))
                    .or_else(|| topics.first().copied());
                PreparedEntry {
                    entry,
                    number: 0,
                    topics,
                    column,
                    group,
                }
            })
            .collect();
        // The focus topic first, then topic by topic, then by position in
        // the left and right reports; the remaining fields only break ties
        // so the order never depends on the order the caller listed the
        // entries in.
        entries.sort_by(|a, b| {
            let key = |p: &PreparedEntry<'a>| {
                let e = p.entry;
                (
                    (
                        p.group.is_none() || p.group != c.focus_topic,
                        p.group.unwrap_or(usize::MAX),
                    ),
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
        let analysts: BTreeSet<&str> = entries
            .iter()
            .flat_map(|p| {
                let e = p.entry;
                let sides = e.conflict.iter().flat_map(|c| c.sides());
                std::iter::once(e.analyst.as_deref()).chain(sides.map(|j| j.analyst.as_deref()))
            })
            .flatten()
            .collect();
        Prepared {
            c,
            entries,
            columns,
            several_analysts: analysts.len() > 1,
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

    /// Matrix rows, in the order of the sections: each topic pairs are
    /// filed under, then `None` for pairs without a topic. Each pair counts
    /// once, in the row of the topic it is filed under.
    pub fn matrix(&self) -> Vec<(Option<usize>, Vec<usize>)> {
        self.sections()
            .into_iter()
            .map(|s| {
                let mut counts = vec![0; self.columns.len()];
                for p in s.entries {
                    counts[p.column] += 1;
                }
                (s.topic, counts)
            })
            .collect()
    }

    /// The entries the summary lists: those judged as contradicting
    /// first, then the other judged entries that carry a note, each in
    /// export order.
    pub fn highlights(&self) -> Vec<&PreparedEntry<'a>> {
        let contradicts =
            |p: &&PreparedEntry<'a>| self.column(p).kind == Kind::Stance(Stance::Contradict);
        let mut out: Vec<&PreparedEntry<'a>> = self.entries.iter().filter(contradicts).collect();
        out.extend(
            self.entries
                .iter()
                .filter(|p| !contradicts(p) && p.is_judged() && !p.entry.note.is_empty()),
        );
        out
    }

    /// The report's short name for side 0 (left) or 1 (right).
    pub fn side_name(&self, side: usize) -> &'a str {
        &self.c.documents[side].name
    }

    /// The silences of one report (0 left, 1 right), most discussed first,
    /// those quoting the same sentence merged into one line.
    pub fn silences(&self, side: usize) -> Vec<SilenceLine> {
        let mut lines: Vec<SilenceLine> = Vec::new();
        for s in self
            .c
            .silences
            .iter()
            .filter(|s| s.side.index() == side && s.topic < self.c.topics.len())
        {
            let name = self.topic_name(Some(s.topic)).to_string();
            match lines
                .iter_mut()
                .find(|l| !s.quote.is_empty() && l.quote == s.quote && l.line == s.line)
            {
                Some(l) => {
                    l.topics.push(name);
                    l.passages.push(s.passages);
                }
                None => lines.push(SilenceLine {
                    topics: vec![name],
                    passages: vec![s.passages],
                    quote: s.quote.clone(),
                    line: s.line,
                }),
            }
        }
        lines
    }

    /// The title of the brief: "Giustozzi vs IS-K – An Overlooked Threat?".
    pub fn title(&self) -> String {
        format!("{} vs {}", self.side_name(0), self.side_name(1))
    }

    /// The line under the title: date, tag set, program.
    pub fn dateline(&self) -> String {
        let date = if self.c.date.is_empty() {
            String::new()
        } else {
            format!("{} · ", self.c.date)
        };
        format!(
            "{date}tag set {} · {}",
            self.c.tagset_name, self.c.generated_by
        )
    }

    /// "Pair 3 · ≠ Contradict", "Pair 4 · not judged", "Pair 5 ·
    /// conflict: ≠ Contradict / ≈ Partial".
    pub fn pair_heading(&self, p: &PreparedEntry<'_>) -> String {
        if let Some(c) = &p.entry.conflict {
            return format!(
                "Pair {} · conflict: {} / {}",
                p.number,
                self.label_shown(c.ours.label.as_deref()),
                self.label_shown(c.theirs.label.as_deref())
            );
        }
        let col = self.column(p);
        match col.kind {
            Kind::NoLabel => format!("Pair {} · not judged", p.number),
            _ => format!("Pair {} · {} {}", p.number, col.glyph, col.name),
        }
    }

    /// "Analyst: ana", when several analysts judged the comparison (a
    /// conflict names both sides' analysts instead).
    pub fn analyst_line(&self, p: &PreparedEntry<'_>) -> Option<String> {
        if p.entry.conflict.is_some() {
            return None;
        }
        let analyst = p
            .entry
            .analyst
            .as_deref()
            .filter(|_| self.several_analysts)?;
        Some(format!("Analyst: {analyst}"))
    }

    /// A label id as the brief shows it: "≠ Contradict"; "no label".
    pub fn label_shown(&self, id: Option<&str>) -> String {
        match id {
            None => "no label".to_string(),
            Some(id) => self
                .columns
                .iter()
                .find(|c| c.id == Some(id))
                .map_or_else(|| id.to_string(), |c| format!("{} {}", c.glyph, c.name)),
        }
    }

    /// A conflicted pair's two judgements, ours first: who ("ana (ours)"),
    /// the label as shown, and the note.
    pub fn conflict_sides(&self, p: &PreparedEntry<'a>) -> Option<[(String, String, &'a str); 2]> {
        let c = p.entry.conflict.as_ref()?;
        let side = |j: &'a super::Judgement, which: &str| {
            let who = match &j.analyst {
                Some(a) => format!("{a} ({which})"),
                None => which.to_string(),
            };
            (who, self.label_shown(j.label.as_deref()), j.note.as_str())
        };
        Some([side(&c.ours, "ours"), side(&c.theirs, "theirs")])
    }

    /// A conflict on one line: "ana (ours): ≠ Contradict — note | bob
    /// (theirs): = Agree".
    pub fn conflict_text(&self, p: &PreparedEntry<'a>) -> Option<String> {
        let sides = self.conflict_sides(p)?;
        let one = |(who, label, note): &(String, String, &str)| {
            if note.is_empty() {
                format!("{who}: {label}")
            } else {
                format!("{who}: {label} — {}", one_line(note))
            }
        };
        Some(format!("{} | {}", one(&sides[0]), one(&sides[1])))
    }

    /// "suggested: contradiction — why", only for a pair not judged.
    pub fn suggestion(&self, p: &PreparedEntry<'_>) -> Option<String> {
        if p.is_judged() {
            return None;
        }
        p.entry
            .hint
            .as_ref()
            .map(|h| format!("suggested: {} — {}", h.kind, h.why))
    }

    /// One line for the summary's list: the note's first line, else the
    /// start of the two quotes.
    pub fn gist(&self, p: &PreparedEntry<'_>) -> String {
        let note = p.entry.note.lines().find(|l| !l.trim().is_empty());
        match note {
            Some(line) => shorten(line.trim(), 160),
            None => format!(
                "{}: “{}” / {}: “{}”",
                self.side_name(0),
                shorten(&one_line(&p.entry.left.exact), 70),
                self.side_name(1),
                shorten(&one_line(&p.entry.right.exact), 70)
            ),
        }
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

    /// "Giustozzi · left.txt:12": who says it and where.
    pub fn caption(&self, side: usize, q: &Quote) -> String {
        format!("{} · {}", self.side_name(side), self.location(side, q))
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

/// A quote as the briefs show it: the report file's hard wrapping undone,
/// so a sentence reads as one line. A single line break inside a
/// paragraph (with the spaces around it) becomes one space; a paragraph
/// break (a blank line) stays, as one blank line, so a quote that spans
/// paragraphs still shows them. White space at either end is left alone
/// (no wrapping to undo there). The data formats keep `exact` as it is.
pub fn unwrapped(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find(char::is_whitespace) {
        out.push_str(&rest[..at]);
        let run_len = rest[at..]
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(rest.len() - at);
        let run = &rest[at..at + run_len];
        let edge = out.is_empty() || at + run_len == rest.len();
        out.push_str(match run.matches('\n').count() {
            1 if !edge => " ",
            2.. if !edge => "\n\n",
            _ => run,
        });
        rest = &rest[at + run_len..];
    }
    out.push_str(rest);
    out
}

/// `s` on one line, runs of white space as one space.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `s` cut to at most `max` code points at a word, with "…".
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let at = cut.rfind(' ').filter(|&i| i > 0).unwrap_or(cut.len());
    format!("{}…", &cut[..at])
}

#[cfg(test)]
mod tests {
    use super::unwrapped;

    #[test]
    fn unwrapped_joins_wrapped_lines_and_keeps_paragraphs() {
        for (wrapped, shown) in [
            (
                "In\nconclusion, IS-K is not really “expanding”.",
                "In conclusion, IS-K is not really “expanding”.",
            ),
            ("one \n  two\r\nthree", "one two three"),
            (
                "end of one.\n\nStart of two.",
                "end of one.\n\nStart of two.",
            ),
            (
                "end of one.\n \t\n\n  Start\nof two.",
                "end of one.\n\nStart of two.",
            ),
            ("no  breaks\there", "no  breaks\there"),
            ("\nedges stay\n", "\nedges stay\n"),
            ("", ""),
            ("\n\n", "\n\n"),
        ] {
            assert_eq!(unwrapped(wrapped), shown, "for {wrapped:?}");
        }
    }
}
