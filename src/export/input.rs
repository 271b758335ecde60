//! Builds the exporters' input ([`export::Comparison`]) from what the reader
//! and the headless commands hold: the two documents, the alignment, the tag
//! set and where each tag points now. Pure.

use std::collections::BTreeSet;

use super::prepared::{one_line, shorten};
use crate::align::Alignment;
use crate::document::{Document, Source};
use crate::export::{self, Comparison, DocumentInfo, Entry, LabelInfo, Quote, Silence, Suggestion};
use crate::side::Side;
use crate::tags::{Anchor, AnchorKind, Origin, Stance, TagId, TagSet};

/// What the caller knows beyond the documents, alignment and tags.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    /// Also export the aligned pairs no tag covers.
    pub include_untagged: bool,
    /// The topic the analyst filtered on, if any.
    pub focus_topic: Option<usize>,
    /// The day the brief is dated, `YYYY-MM-DD`.
    pub date: String,
}

/// Builds the comparison to export. `states` gives each tag's state (same
/// order as `set.tags`; missing entries count as anchored); moved tags'
/// anchors are expected to be already updated to their new place.
pub fn build(
    left: &Document,
    right: &Document,
    alignment: &Alignment,
    set: &TagSet,
    states: &[[AnchorKind; 2]],
    context: &Context,
) -> Comparison {
    let docs = [left, right];
    let mut entries = Vec::new();
    let mut covered: BTreeSet<(usize, usize)> = BTreeSet::new();
    for (i, tag) in set.tags.iter().enumerate() {
        let sides = states.get(i).copied().unwrap_or([AnchorKind::Anchored; 2]);
        let passages = (!sides.contains(&AnchorKind::Orphaned))
            .then(|| {
                Some((
                    left.passage_at_char(tag.left.start)?,
                    right.passage_at_char(tag.right.start)?,
                ))
            })
            .flatten();
        if let Some(p) = passages {
            covered.insert(p);
        }
        let (topics, score) =
            passages.map_or((Vec::new(), None), |(l, r)| pair_facts(alignment, l, r));
        // The engine's view of the judged sentences, for an unjudged link.
        let hint = if tag.label.is_none() {
            sentence_at(alignment, Side::Left, tag.left.start)
                .zip(sentence_at(alignment, Side::Right, tag.right.start))
                .and_then(|(l, r)| suggestion(alignment, l, r))
        } else {
            None
        };
        let quotes = [
            quote(docs[0], &tag.left, sides[0]),
            quote(docs[1], &tag.right, sides[1]),
        ];
        let group = most_specific_topic(alignment, &topics, &quotes);
        let [left_quote, right_quote] = quotes;
        entries.push(Entry {
            id: Some(tag.id.0.clone()),
            label: tag.label.clone(),
            note: tag.note.clone(),
            origin: match tag.origin {
                Origin::Aligned => export::Origin::Aligned,
                Origin::Manual => export::Origin::Manual,
            },
            topics,
            group,
            hint,
            score,
            left: left_quote,
            right: right_quote,
            created: Some(tag.created.clone()),
            modified: Some(tag.modified.clone()),
            analyst: tag.analyst.clone(),
            conflict: tag.conflict.as_deref().cloned(),
        });
    }
    if context.include_untagged {
        for pair in &alignment.pairs {
            if covered.contains(&(pair.left, pair.right)) {
                continue;
            }
            // The sentences that carry the pair, else the whole passages.
            let sentence = |side: Side| {
                side.pick(&pair.left_sentences, &pair.right_sentences)
                    .first()
                    .and_then(|&i| alignment.sentences[side].get(i).map(|s| (i, s)))
            };
            let anchor = |side: Side, doc: &Document, passage: usize| match sentence(side) {
                Some((_, s)) => Anchor::for_range(&doc.text, s.char_start, s.char_end),
                None => Anchor::for_passage(doc, passage),
            };
            let (Some(l), Some(r)) = (
                anchor(Side::Left, left, pair.left),
                anchor(Side::Right, right, pair.right),
            ) else {
                continue;
            };
            let hint = sentence(Side::Left)
                .zip(sentence(Side::Right))
                .and_then(|((l, _), (r, _))| suggestion(alignment, l, r));
            let quotes = [
                quote(left, &l, AnchorKind::Anchored),
                quote(right, &r, AnchorKind::Anchored),
            ];
            let group = most_specific_topic(alignment, &pair.topics, &quotes);
            let [left_quote, right_quote] = quotes;
            entries.push(Entry {
                id: None,
                label: None,
                note: String::new(),
                origin: export::Origin::Aligned,
                topics: pair.topics.clone(),
                group,
                hint,
                score: Some(pair.score),
                left: left_quote,
                right: right_quote,
                created: None,
                modified: None,
                analyst: None,
                conflict: None,
            });
        }
    }
    let author = |doc: &Document| crate::document::byline::authors(&doc.text);
    let authors = [author(left), author(right)];
    Comparison {
        tagset_name: set.name.clone(),
        date: context.date.clone(),
        documents: [
            document_info(left, &authors[0], set.names[0].as_deref()),
            document_info(right, &authors[1], set.names[1].as_deref()),
        ],
        topics: alignment.topics.iter().map(|t| t.label.clone()).collect(),
        focus_topic: context.focus_topic.filter(|&t| t < alignment.topics.len()),
        silences: silences(docs, alignment, &authors),
        labels: set
            .labels
            .iter()
            .map(|l| LabelInfo {
                id: l.id.clone(),
                name: l.name.clone(),
                glyph: set
                    .label(&l.id)
                    .map_or_else(|| l.glyph.clone(), |shown| shown.glyph),
                stance: Stance::from_id(&l.id),
            })
            .collect(),
        entries,
        generated_by: format!("diptych {}", env!("CARGO_PKG_VERSION")),
    }
}

/// Index of the sentence of `side` that contains code point `offset`.
fn sentence_at(alignment: &Alignment, side: Side, offset: usize) -> Option<usize> {
    let sentences = &alignment.sentences[side];
    let i = sentences.partition_point(|s| s.char_end <= offset);
    (i < sentences.len() && sentences[i].char_start <= offset).then_some(i)
}

/// The engine's hint on left sentence `l` and right sentence `r`.
fn suggestion(alignment: &Alignment, l: usize, r: usize) -> Option<Suggestion> {
    let hint = alignment.candidate_between(l, r)?.hint.as_ref()?;
    Some(Suggestion {
        kind: hint.kind.as_str().to_string(),
        why: hint.why.clone(),
    })
}

/// Of `topics` (the pair's shared topics), the one with fewest passages,
/// preferring topics whose terms occur in both quotes: the most specific
/// thing the two quotes are about.
fn most_specific_topic(
    alignment: &Alignment,
    topics: &[usize],
    quotes: &[Quote; 2],
) -> Option<usize> {
    let lower = quotes.each_ref().map(|q| q.exact.to_lowercase());
    let in_both = |t: usize| {
        let terms = &alignment.topics[t].terms;
        lower
            .iter()
            .all(|q| terms.iter().any(|term| q.contains(&term.to_lowercase())))
    };
    topics
        .iter()
        .copied()
        .filter(|&t| t < alignment.topics.len())
        .min_by_key(|&t| {
            let topic = &alignment.topics[t];
            (!in_both(t), topic.left.len() + topic.right.len(), t)
        })
}

/// Silences longer than this many code points are cut at a word.
const SILENCE_QUOTE_CHARS: usize = 200;

/// Topics one report discusses and the other never mentions: not shared,
/// with passages on one side only, none of whose terms occur anywhere in
/// the other text. Key phrases (single common words) and the author's own
/// name are left out; most discussed first.
fn silences(
    docs: [&Document; 2],
    alignment: &Alignment,
    authors: &[Vec<String>; 2],
) -> Vec<Silence> {
    let lower = docs.map(|d| d.text.to_lowercase());
    let mut out = Vec::new();
    for (i, topic) in alignment.topics.iter().enumerate() {
        if topic.shared || topic.kind == crate::align::TopicKind::KeyPhrase {
            continue;
        }
        let side = match (topic.left.is_empty(), topic.right.is_empty()) {
            (false, true) => Side::Left,
            (true, false) => Side::Right,
            _ => continue,
        };
        let other = side.other().index();
        let mentioned = topic
            .terms
            .iter()
            .chain(std::iter::once(&topic.label))
            .any(|term| contains_word(&lower[other], &term.to_lowercase()));
        let by_author = authors[side.index()]
            .iter()
            .any(|a| a.eq_ignore_ascii_case(&topic.label));
        if mentioned || by_author {
            continue;
        }
        let (quote, line) = mention(docs[side.index()], alignment, side, i).unwrap_or_default();
        out.push(Silence {
            side,
            topic: i,
            passages: side.pick(&topic.left, &topic.right).len(),
            quote,
            line,
        });
    }
    out.sort_by_key(|s| (s.side, std::cmp::Reverse(s.passages), s.topic));
    out
}

/// Whether `needle` occurs in `hay` between word boundaries.
fn contains_word(hay: &str, needle: &str) -> bool {
    word_at(hay, needle).is_some()
}

/// The byte offset of the first occurrence of `needle` in `hay` between
/// word boundaries.
fn word_at(hay: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    hay.match_indices(needle).map(|(at, _)| at).find(|&at| {
        let before = hay[..at].chars().next_back();
        let after = hay[at + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The sentence that names the topic most specifically, shortened, and its
/// line: where the topic's terms occur is found as the reader highlights
/// them ([`crate::align::topic_spans`]: word by word, so "U.N. Security
/// Council" is the term "un security council"), and the mention chosen is
/// the longest, the most specific ("Sunni Muslims" over "Muslims",
/// "International Crisis Group" over "ICG"), the first such on ties. `None`
/// when no sentence names the topic: then the silence shows no quote rather
/// than one that does not mention it.
fn mention(
    doc: &Document,
    alignment: &Alignment,
    side: Side,
    topic: usize,
) -> Option<(String, usize)> {
    let spans = crate::align::topic_spans(doc, alignment, topic, side);
    let best = spans.iter().max_by_key(|r| {
        let chars = doc.text.get((*r).clone()).map_or(0, |s| s.chars().count());
        (chars, std::cmp::Reverse(r.start))
    })?;
    let sentences = &alignment.sentences[side];
    let i = sentences.partition_point(|s| s.byte_end <= best.start);
    let chosen = sentences.get(i).filter(|s| s.byte_start <= best.start)?;
    let text = one_line(chosen.raw(&doc.text));
    // Where the mention starts in the sentence shown on one line.
    let head = doc.text.get(chosen.byte_start..best.start).unwrap_or("");
    let before = one_line(head);
    let spaced = !before.is_empty() && head.ends_with(char::is_whitespace);
    let at = before.chars().count() + usize::from(spaced);
    Some((
        excerpt(&text, at, SILENCE_QUOTE_CHARS),
        line_of_char(doc, chosen.char_start),
    ))
}

/// `s` shortened to about `max` code points around code point `at` (the
/// mention that matters), cut at words, with "…" where text was left out.
fn excerpt(s: &str, at: usize, max: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= max || at < max * 2 / 3 {
        return shorten(s, max);
    }
    // Start a third of the window before the mention, at a word.
    let mut start = at.saturating_sub(max / 3);
    while start > 0 && chars[start - 1] != ' ' {
        start -= 1;
    }
    let rest: String = chars[start..].iter().collect();
    format!("…{}", shorten(&rest, max))
}

/// The topics both passages are listed under, and the pair's score if the
/// alignment found it.
fn pair_facts(alignment: &Alignment, left: usize, right: usize) -> (Vec<usize>, Option<f64>) {
    match alignment
        .pairs
        .iter()
        .find(|p| p.left == left && p.right == right)
    {
        Some(p) => (p.topics.clone(), Some(p.score)),
        None => (
            alignment
                .topics
                .iter()
                .enumerate()
                .filter(|(_, t)| t.left.contains(&left) && t.right.contains(&right))
                .map(|(i, _)| i)
                .collect(),
            None,
        ),
    }
}

fn quote(doc: &Document, anchor: &Anchor, state: AnchorKind) -> Quote {
    // No context for an orphan (its passage is gone) or for a quote that
    // is its whole passage.
    let context = match state {
        AnchorKind::Orphaned => String::new(),
        _ => doc
            .passage_at_char(anchor.start)
            .map(|p| doc.passages[p].raw(&doc.text))
            .filter(|passage| passage.trim() != anchor.exact.trim())
            .map_or_else(String::new, str::to_string),
    };
    Quote {
        exact: anchor.exact.clone(),
        context,
        prefix: anchor.prefix.clone(),
        suffix: anchor.suffix.clone(),
        start: anchor.start,
        end: anchor.end,
        line: line_of_char(doc, anchor.start),
        state,
    }
}

/// 1-based line of code point `offset`, counted within its passage so the
/// cost does not grow with the document.
fn line_of_char(doc: &Document, offset: usize) -> usize {
    let Some(i) = doc.passage_at_char(offset) else {
        return 0;
    };
    let p = &doc.passages[i];
    let within = offset - p.char_start;
    p.line_start
        + p.raw(&doc.text)
            .chars()
            .take(within)
            .filter(|&c| c == '\n')
            .count()
}

/// Name, author, title, path and a URI for a document: `file://` for a
/// file, or `urn:sha256:` of the content for a bundled report. The name is
/// `name` if the analyst gave one, else the byline's surnames, else the
/// title, else the file name.
pub fn document_info(doc: &Document, authors: &[String], name: Option<&str>) -> DocumentInfo {
    let (path, uri) = match &doc.source {
        Source::File(p) => {
            let absolute = std::path::absolute(p).unwrap_or_else(|_| p.clone());
            (p.display().to_string(), export::file_uri(&absolute))
        }
        Source::Embedded(name) => (name.to_string(), export::content_urn(&doc.hash)),
    };
    let file_name = || {
        std::path::Path::new(&path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.clone())
    };
    let name = name
        .map(str::to_string)
        .or_else(|| crate::document::byline::short(authors))
        .or_else(|| (!doc.title.trim().is_empty()).then(|| doc.title.clone()))
        .unwrap_or_else(file_name);
    DocumentInfo {
        name,
        author: crate::document::byline::full(authors),
        title: doc.title.clone(),
        path,
        uri,
        hash: doc.hash.clone(),
    }
}

/// The file name (without extension) an export of these two reports gets:
/// each report's short name in lower case with hyphens, joined by `-vs-`,
/// e.g. `giustozzi-vs-iskp-overlooked-threat`. A report is called by the
/// analyst's name for it, else its byline's surnames, else its file name,
/// else its title; small words (a, an, the, of…) are left out.
pub fn file_stem(docs: [&Document; 2], names: &[Option<String>; 2]) -> String {
    let part = |i: usize| {
        let doc = docs[i];
        let file = match &doc.source {
            Source::File(p) => p.file_stem().map(|s| s.to_string_lossy().into_owned()),
            Source::Embedded(n) => std::path::Path::new(n)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned()),
        };
        let candidates = [
            names[i].clone(),
            crate::document::byline::short(&crate::document::byline::authors(&doc.text)),
            file,
            Some(doc.title.clone()),
        ];
        candidates
            .into_iter()
            .flatten()
            .map(|c| slug(&c))
            .find(|s| !s.is_empty())
            .unwrap_or_else(|| ["left", "right"][i].to_string())
    };
    format!("{}-vs-{}", part(0), part(1))
}

/// Words a file name can do without.
const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "in", "on", "to", "for", "et", "al",
];
/// Longest slug of one report, in words.
const SLUG_WORDS: usize = 5;

/// `s` in lower-case words joined by hyphens: letters and digits kept (any
/// script), everything else a separator; an apostrophe inside a word
/// ("group’s") joins.
fn slug(s: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let joins = matches!(c, '\'' | '’')
            && i > 0
            && chars[i - 1].is_alphanumeric()
            && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric())
            && !word.is_empty();
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if !joins && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
        .into_iter()
        .filter(|w| !SMALL_WORDS.contains(&w.as_str()))
        .take(SLUG_WORDS)
        .collect::<Vec<_>>()
        .join("-")
}

/// The states of a tag set's two sides as the reader tracks them: tags still
/// orphaned or moved (by id) keep the sides found when the set was opened;
/// any other tag (judged or re-attached since) is anchored.
pub fn states_from_ids(
    set: &TagSet,
    orphaned: &BTreeSet<TagId>,
    moved: &BTreeSet<TagId>,
    opened: &std::collections::BTreeMap<TagId, [AnchorKind; 2]>,
) -> Vec<[AnchorKind; 2]> {
    set.tags
        .iter()
        .map(|t| {
            let of = |kind| *opened.get(&t.id).unwrap_or(&[kind; 2]);
            if orphaned.contains(&t.id) {
                of(AnchorKind::Orphaned)
            } else if moved.contains(&t.id) {
                of(AnchorKind::Moved)
            } else {
                [AnchorKind::Anchored; 2]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_file_names_come_from_authors_names_and_files() {
        let (l, r) = (Document::seed_left(), Document::seed_right());
        assert_eq!(
            file_stem([&l, &r], &[None, None]),
            "giustozzi-vs-iskp-overlooked-threat"
        );
        assert_eq!(
            file_stem([&l, &r], &[None, Some("ICCT brief, 2024".into())]),
            "giustozzi-vs-icct-brief-2024"
        );
        assert_eq!(
            slug("IS-K – An Overlooked Threat?"),
            "is-k-overlooked-threat"
        );
        assert_eq!(slug("The group’s “expansion”"), "groups-expansion");
        assert_eq!(slug("Doe and van Beethoven"), "doe-van-beethoven");
        assert_eq!(slug("Путин и Россия"), "путин-и-россия");
        assert_eq!(slug("???"), "");
    }

    /// Every silence on the seeds is illustrated by a sentence that names
    /// the topic, by its most specific term: "U.N. Security Council" (the
    /// passage opens with another sentence), "Sunni Muslims" (another
    /// passage says only "Muslims").
    #[test]
    fn silences_quote_a_sentence_naming_the_topic() {
        let (l, r) = (Document::seed_left(), Document::seed_right());
        let a = crate::align::align(&l, &r, &crate::align::AliasTable::builtin());
        let authors = [&l, &r].map(|d| crate::document::byline::authors(&d.text));
        let found = silences([&l, &r], &a, &authors);
        assert!(found.len() > 10, "{found:#?}");
        let quote = |label: &str| {
            let s = found
                .iter()
                .find(|s| a.topics[s.topic].label == label)
                .unwrap_or_else(|| panic!("no silence {label}: {found:#?}"));
            s.quote.clone()
        };
        assert!(
            quote("UN Security Council").contains("U.N. Security Council"),
            "{}",
            quote("UN Security Council")
        );
        assert!(
            quote("Sunni Muslims").contains("Sunni Muslims"),
            "{}",
            quote("Sunni Muslims")
        );
        for s in &found {
            let topic = &a.topics[s.topic];
            let lower = s.quote.to_lowercase().replace('.', "");
            assert!(
                topic
                    .terms
                    .iter()
                    .any(|t| lower.contains(&t.to_lowercase().replace('.', ""))),
                "{}: {:?} names none of {:?}",
                topic.label,
                s.quote,
                topic.terms
            );
        }
    }

    #[test]
    fn lines_of_offsets_follow_the_file() {
        let d = Document::seed_left();
        let conclusion = d
            .passages
            .iter()
            .find(|p| p.line_start == 23)
            .expect("the conclusion starts on line 23");
        assert_eq!(line_of_char(&d, conclusion.char_start), 23);
        // "conclusion," begins line 24, three code points in ("In\n").
        assert_eq!(line_of_char(&d, conclusion.char_start + 3), 24);
    }
}
