//! Every pair at a glance (`P`): a table with score, stance, hint, topics
//! and the first words of both sentences, sorted by score, position or
//! stance, filtered by what is typed (`is:untagged`, `is:contradict`,
//! `is:rejected`, `hint:contradiction`, `topic:iran`, and words, each of
//! which must occur in a sentence or a topic, or fuzzily in a topic name);
//! `Enter` goes to the pair. `X` rejects the current machine pair as not
//! related: a judgement of its own that takes it out of navigation.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::{App, LineInput, Mode};
use crate::action::Action;
use crate::align::HintKind;
use crate::keymap::Table;
use crate::side::Side;
use crate::tags::history::Op;
use crate::tags::model::{REJECTED, rejected_label};
use crate::tags::{Origin, Stance};

/// How the pair list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PairSort {
    /// Best score first (pairs linked by hand last).
    #[default]
    Score,
    /// Reading order: left passage, then right.
    Position,
    /// Contradictions first, then partial, unclear, agree, own labels,
    /// untagged, rejected.
    Stance,
}

impl PairSort {
    pub fn name(self) -> &'static str {
        match self {
            PairSort::Score => "score",
            PairSort::Position => "position",
            PairSort::Stance => "stance",
        }
    }

    pub fn from_name(name: &str) -> Option<PairSort> {
        [PairSort::Score, PairSort::Position, PairSort::Stance]
            .into_iter()
            .find(|s| s.name() == name)
    }

    fn next(self) -> PairSort {
        match self {
            PairSort::Score => PairSort::Position,
            PairSort::Position => PairSort::Stance,
            PairSort::Stance => PairSort::Score,
        }
    }
}

/// The pair list's state.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PairList {
    pub filter: LineInput,
    pub sort: PairSort,
    pub selected: usize,
}

/// One row of the pair list.
#[derive(Debug, Clone, PartialEq)]
pub struct PairRow {
    /// Index into the navigation's pairs.
    pub pair: usize,
    pub score: Option<f64>,
    /// The judgement's glyph and label name, if judged.
    pub judged: Option<(String, String)>,
    pub rejected: bool,
    pub hint: Option<HintKind>,
    pub topics: Vec<String>,
    /// The pair's first sentence on each side (index into the pane's
    /// sentences); its text is made only for the rows drawn or searched.
    pub sentences: Option<[usize; 2]>,
}

impl App {
    pub(super) fn open_pair_list(&mut self) {
        if self.comparison.is_none() {
            self.info("still aligning: the pairs come with the alignment");
            return;
        }
        let sort = self.pair_sort;
        self.mode = Mode::PairList(PairList {
            sort,
            ..PairList::default()
        });
    }

    /// Every pair as a row, unfiltered, in navigation order.
    fn pair_rows_all(&self) -> Vec<PairRow> {
        let Some(c) = &self.comparison else {
            return Vec::new();
        };
        (0..c.pairs.len())
            .map(|i| {
                let p = c.pairs[i];
                let span = self.span_of_pair(i);
                let tag = self.tagging.as_ref().and_then(|t| {
                    let tag = &t.set.tags[t.tag_for(p.left, p.right)?];
                    Some((tag.label.clone(), t.label_of(tag)))
                });
                let rejected = c.is_rejected(i);
                let judged = tag
                    .and_then(|(_, label)| label)
                    .filter(|_| !rejected)
                    .map(|l| (l.glyph, l.name));
                let hint = span.and_then(|s| {
                    let candidate = c.alignment.candidate_between(s[0].0, s[1].0)?;
                    candidate.hint.as_ref().map(|h| h.kind)
                });
                PairRow {
                    pair: i,
                    score: c.score(i),
                    judged,
                    rejected,
                    hint,
                    topics: c
                        .pair_topics(i)
                        .iter()
                        .filter_map(|&t| c.alignment.topics.get(t).map(|t| t.label.clone()))
                        .collect(),
                    sentences: span.map(|s| [s[0].0, s[1].0]),
                }
            })
            .collect()
    }

    /// The rows the list shows for its filter and sort.
    pub fn pair_rows(&self, list: &PairList) -> Vec<PairRow> {
        let matcher = SkimMatcherV2::default().ignore_case();
        let mut words = Vec::new();
        let mut tests: Vec<RowTest> = Vec::new();
        for token in list.filter.text().split_whitespace() {
            let lower = token.to_lowercase();
            if let Some(what) = lower.strip_prefix("is:") {
                let what = what.to_string();
                tests.push(Box::new(move |row: &PairRow| {
                    let label = row.judged.as_ref().map(|(_, name)| name.to_lowercase());
                    match what.as_str() {
                        "rejected" => row.rejected,
                        "untagged" => !row.rejected && row.judged.is_none(),
                        "tagged" => row.judged.is_some(),
                        other => label.is_some_and(|l| l.starts_with(other)),
                    }
                }));
            } else if let Some(kind) = lower.strip_prefix("hint:") {
                let kind = kind.to_string();
                tests.push(Box::new(move |row: &PairRow| {
                    row.hint
                        .is_some_and(|h| kind.is_empty() || h.as_str().starts_with(&kind))
                }));
            } else if let Some(topic) = lower.strip_prefix("topic:") {
                let topic = topic.to_string();
                tests.push(Box::new(move |row: &PairRow| {
                    row.topics.iter().any(|t| t.to_lowercase().contains(&topic))
                }));
            } else {
                words.push(token.to_string());
            }
        }
        // A fuzzy subsequence over whole sentences matches nearly anything,
        // so words are looked for as they are (any case); only topic names,
        // short, are matched fuzzily.
        let words: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        let mut rows: Vec<PairRow> = self
            .pair_rows_all()
            .into_iter()
            .filter(|row| tests.iter().all(|t| t(row)))
            .filter(|row| {
                if words.is_empty() {
                    return true;
                }
                let text = format!(
                    "{} {}",
                    self.row_text(row, Side::Left),
                    self.row_text(row, Side::Right)
                )
                .to_lowercase();
                words.iter().all(|w| {
                    text.contains(w.as_str())
                        || row
                            .topics
                            .iter()
                            .any(|t| matcher.fuzzy_match(t, w).is_some())
                })
            })
            .collect();
        let c = self.comparison.as_ref();
        let position = |row: &PairRow| c.map(|c| (c.pairs[row.pair].left, c.pairs[row.pair].right));
        match list.sort {
            PairSort::Score => rows.sort_by(|a, b| {
                b.score
                    .unwrap_or(-1.0)
                    .total_cmp(&a.score.unwrap_or(-1.0))
                    .then_with(|| position(a).cmp(&position(b)))
            }),
            PairSort::Position => rows.sort_by_key(position),
            PairSort::Stance => rows.sort_by_key(|row| (stance_rank(row), position(row))),
        }
        rows
    }

    /// The sentence of `row` on `side`, on one line.
    pub fn row_text(&self, row: &PairRow, side: Side) -> String {
        let pane = &self.panes[side];
        row.sentences
            .and_then(|s| pane.sentences.get(s[side.index()]))
            .map(|s| s.joined(&pane.doc.text))
            .unwrap_or_default()
    }

    pub(super) fn pair_list_action(&mut self, action: Action) {
        let Mode::PairList(list) = &mut self.mode else {
            return;
        };
        match action {
            Action::Cancel => {
                self.mode = Mode::Normal;
                return;
            }
            Action::SelectNext => list.selected += 1,
            Action::SelectPrev => list.selected = list.selected.saturating_sub(1),
            Action::CycleSort => {
                list.sort = list.sort.next();
                list.selected = 0;
                self.pair_sort = list.sort;
            }
            Action::Confirm => {
                let list = list.clone();
                let row = self.pair_rows(&list).get(list.selected).cloned();
                self.mode = Mode::Normal;
                if let Some(row) = row {
                    if row.rejected {
                        let reject = self.key_of(Action::RejectPair);
                        self.goto_pair(row.pair, false);
                        self.info(format!(
                            "a rejected pair (not in ]/[): {reject} restores it"
                        ));
                    } else {
                        self.goto_pair(row.pair, false);
                    }
                }
                return;
            }
            _ => {
                if self.edit_line(action)
                    && let Mode::PairList(list) = &mut self.mode
                {
                    list.selected = 0;
                }
            }
        }
        let Mode::PairList(list) = &self.mode else {
            return;
        };
        let count = self.pair_rows(list).len();
        if let Mode::PairList(list) = &mut self.mode {
            list.selected = list.selected.min(count.saturating_sub(1));
        }
    }

    /// `X`: rejects the current pair as not related (it leaves ]/[ and
    /// counts as rejected); on a rejected pair, restores it.
    pub(super) fn reject_current(&mut self) {
        let Some(pair) = self.comparison.as_ref().and_then(|c| c.current) else {
            let next = self.key_of(Action::NextPair);
            self.info(format!(
                "no current pair to reject: {next} goes to the next one"
            ));
            return;
        };
        if !self.can_edit() {
            return;
        }
        let p = self
            .comparison
            .as_ref()
            .map(|c| c.pairs[pair])
            .expect("current");
        if p.aligned.is_none() {
            let unlink = self.key_of(Action::Unlink);
            self.info(format!(
                "a pair linked by hand is not the engine's to reject: {unlink} unlinks it"
            ));
            return;
        }
        let tag = self.tagging.as_ref().and_then(|t| {
            let tag = &t.set.tags[t.tag_for(p.left, p.right)?];
            Some((tag.id.clone(), tag.label.clone()))
        });
        let undo = self.key_of(Action::Undo);
        match tag {
            Some((id, Some(label))) if label == REJECTED => {
                self.edit(Op::SetLabel { id, label: None });
                self.info(format!(
                    "p{} ↔ p{} restored to the pairs",
                    p.left + 1,
                    p.right + 1
                ));
                return;
            }
            Some((_, Some(label))) => {
                let name = Stance::from_id(&label).map_or(label.clone(), |s| s.label().name);
                self.info(format!(
                    "this pair is judged “{name}”: remove the judgement first to reject it"
                ));
                return;
            }
            _ => {}
        }
        // The pair after this one, found before it leaves navigation.
        let after = self.comparison.as_ref().and_then(|c| c.step(true));
        let known = self
            .tagging
            .as_ref()
            .is_some_and(|t| t.set.labels.iter().any(|l| l.id == REJECTED));
        if !known && !self.edit(Op::AddLabel(rejected_label())) {
            return;
        }
        match tag {
            Some((id, None)) => {
                self.edit(Op::SetLabel {
                    id,
                    label: Some(REJECTED.to_string()),
                });
            }
            _ => {
                let Some(mut new) = self.new_tag(p.left, p.right, Origin::Aligned) else {
                    return;
                };
                new.label = Some(REJECTED.to_string());
                self.edit(Op::AddTag(new));
            }
        }
        // The pair left navigation: go on to the next one.
        if let Some((next, wrapped)) = after.filter(|&(next, _)| next != pair) {
            self.goto_pair(next, wrapped);
        }
        let list = self.key_in(Table::Normal, Action::PairList);
        self.info(format!(
            "p{} ↔ p{} rejected as not related ({undo} undoes; {list} lists it with is:rejected)",
            p.left + 1,
            p.right + 1
        ));
    }
}

/// One `is:`, `hint:` or `topic:` condition of the filter.
type RowTest = Box<dyn Fn(&PairRow) -> bool>;

/// Order of rows when sorted by stance: what needs a second look first.
fn stance_rank(row: &PairRow) -> u8 {
    if row.rejected {
        return 7;
    }
    match row.judged.as_ref().map(|(glyph, _)| glyph.as_str()) {
        Some("≠") => 0,
        Some("≈") => 1,
        Some("~") => 2,
        Some("=") => 3,
        Some(_) => 4,
        None => 5,
    }
}
