//! Another analyst's tag set beside the open one (`--compare SET`, or the
//! tag set picker): read-only, re-anchored against the open reports and
//! never written. Each pair's two judgements, the filter that shows only
//! the pairs judged differently or judged by the other alone, the
//! agreement over the pairs both judged (matched as `diptych tags compare`
//! matches them), and taking the other's judgement into the open set. The
//! merge conflicts a `diptych tags merge` recorded in the open set are
//! settled here too, with the same keys. Pure: the shell reads the file.

use std::path::PathBuf;

use super::App;
use crate::action::Action;
use crate::document::Document;
use crate::tags::compare::{self, Input};
use crate::tags::history::Op;
use crate::tags::{AnchorState, DocumentMismatch, Tag, TagId, TagSet, reanchor_and_move};

/// Which pairs navigation visits while a set is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OverlayFilter {
    #[default]
    All,
    /// Pairs both judged, with different labels.
    Disagreements,
    /// Pairs the other judged and the open set does not.
    TheirsOnly,
}

impl OverlayFilter {
    fn next(self) -> OverlayFilter {
        match self {
            OverlayFilter::All => OverlayFilter::Disagreements,
            OverlayFilter::Disagreements => OverlayFilter::TheirsOnly,
            OverlayFilter::TheirsOnly => OverlayFilter::All,
        }
    }

    fn keeps(self, relation: Relation) -> bool {
        match self {
            OverlayFilter::All => true,
            OverlayFilter::Disagreements => relation == Relation::Different,
            OverlayFilter::TheirsOnly => relation == Relation::TheirsOnly,
        }
    }
}

/// How a pair's two judgements (yours and the compared set's) relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    Same,
    Different,
    OursOnly,
    TheirsOnly,
}

/// The agreement over the pairs both sets judge, as `tags compare`
/// counts it (the same sentences judged, after re-anchoring).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct OverlaySummary {
    pub both: usize,
    pub agreed: usize,
    pub kappa: Option<f64>,
    pub ours_only: usize,
    pub theirs_only: usize,
}

/// The compared set.
#[derive(Debug, Clone, PartialEq)]
pub struct Overlay {
    /// How it is named to the analyst: the path as given, or its name.
    pub source: String,
    /// The file it was read from; never written, never locked.
    pub path: PathBuf,
    /// Its name in the tag set directory, when it is there (the picker
    /// closes it from that entry).
    pub store_name: Option<String>,
    /// Re-anchored against the open reports.
    pub set: TagSet,
    /// Per tag: whether a quote of it is orphaned.
    pub orphaned: Vec<bool>,
    /// Per tag: the passages (left, right) it covers, if placed.
    pub pairs: Vec<Option<(usize, usize)>>,
    /// Every analyst its tags name, sorted.
    pub analysts: Vec<String>,
    pub filter: OverlayFilter,
    /// Kept current with the open set (see `App::sync_links`).
    pub summary: OverlaySummary,
}

impl Overlay {
    /// `set`, read from `path`, made ready to show beside the open set of
    /// `left` and `right`: re-anchored (moved anchors follow the edited
    /// reports), or refused when it was made for other reports.
    pub fn prepare(
        source: String,
        path: PathBuf,
        store_name: Option<String>,
        mut set: TagSet,
        left: &Document,
        right: &Document,
    ) -> Result<Overlay, Box<DocumentMismatch>> {
        let placed = reanchor_and_move(&mut set, left, right)?;
        let orphaned: Vec<bool> = placed
            .states
            .iter()
            .map(|s| s.contains(&AnchorState::Orphaned))
            .collect();
        let pairs = set
            .tags
            .iter()
            .zip(&orphaned)
            .map(|(tag, &lost)| {
                if lost {
                    return None;
                }
                Some((
                    left.passage_at_char(tag.left.start)?,
                    right.passage_at_char(tag.right.start)?,
                ))
            })
            .collect();
        let mut analysts: Vec<String> = set.tags.iter().filter_map(|t| t.analyst.clone()).collect();
        analysts.sort();
        analysts.dedup();
        Ok(Overlay {
            // A file name is data: shown with its controls as stand-ins.
            source: crate::sanitize::one_line(&source).into_owned(),
            path,
            store_name,
            orphaned,
            pairs,
            analysts,
            set,
            filter: OverlayFilter::All,
            summary: OverlaySummary::default(),
        })
    }

    /// Index of the judged tag (one with a label) on the pair of these
    /// passages.
    pub fn tag_for(&self, left: usize, right: usize) -> Option<usize> {
        (0..self.set.tags.len())
            .find(|&i| self.pairs[i] == Some((left, right)) && self.set.tags[i].label.is_some())
    }

    /// The passage pairs it judges.
    pub fn judged_pairs(&self) -> Vec<(usize, usize)> {
        (0..self.set.tags.len())
            .filter(|&i| self.set.tags[i].label.is_some())
            .filter_map(|i| self.pairs[i])
            .collect()
    }

    /// Who judged a tag of the set: its analyst, else the set's file name.
    pub fn who(&self, tag: &Tag) -> String {
        tag.analyst.clone().unwrap_or_else(|| self.short_name())
    }

    /// The file name without its extension (`ana` for `ana.json`).
    pub fn short_name(&self) -> String {
        self.path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.source.clone())
    }

    /// Who the set's judgements are by, for messages: its one analyst,
    /// else the file name.
    pub fn whose(&self) -> String {
        match self.analysts.as_slice() {
            [one] => one.clone(),
            _ => self.short_name(),
        }
    }

    /// `≈ Partial`: a tag's label as the set shows it.
    fn label_text(&self, tag: &Tag) -> String {
        label_text(&self.set, tag.label.as_deref())
    }
}

/// `≈ Partial`, `not judged`.
fn label_text(set: &TagSet, label: Option<&str>) -> String {
    match label.map(|id| (id, set.label(id))) {
        None => "not judged".to_string(),
        Some((_, Some(l))) => format!("{} {}", l.glyph, l.name),
        Some((id, None)) => id.to_string(),
    }
}

impl App {
    /// Shows `overlay` beside the open set (replacing one shown before).
    pub fn open_overlay(&mut self, overlay: Overlay) {
        if self
            .tagging
            .as_ref()
            .is_some_and(|t| t.path == overlay.path)
        {
            self.warn(format!(
                "{} is the tag set open for editing: compare another analyst's set",
                overlay.source
            ));
            return;
        }
        self.overlay = Some(overlay);
        self.relayout();
        self.sync_links();
        let Some(o) = &self.overlay else { return };
        let analysts = match o.analysts.as_slice() {
            [] => String::new(),
            list => format!(" (by {})", list.join(", ")),
        };
        let (filter, take) = (
            self.key_of(Action::OverlayFilter),
            self.key_of(Action::TakeTheirs),
        );
        let lost = o.orphaned.iter().filter(|&&lost| lost).count();
        let lost = match lost {
            0 => String::new(),
            n => format!(" ({n} of its tags not found in these reports)"),
        };
        let text = format!(
            "comparing with {}{analysts}{lost}, read-only: {}; {filter} shows where you differ, {take} takes theirs",
            o.source,
            agreement_text(&o.summary)
        );
        // A warning the analyst has not seen yet stays; the line above the
        // panes says the same.
        if self
            .status
            .as_ref()
            .is_none_or(|s| s.level == super::Level::Info)
        {
            self.info(text);
        }
    }

    /// Stops showing the compared set.
    pub fn close_overlay(&mut self) {
        let Some(overlay) = self.overlay.take() else {
            return;
        };
        if let Some(c) = &mut self.comparison {
            c.set_only(None);
        }
        self.relayout();
        self.sync_links();
        self.info(format!("stopped comparing with {}", overlay.source));
    }

    /// An overlay read by the runtime, or why it could not be.
    pub(super) fn overlay_opened(&mut self, result: Result<Box<Overlay>, String>) {
        match result {
            Ok(overlay) => {
                self.mode = super::Mode::Normal;
                self.open_overlay(*overlay);
            }
            Err(e) => self.warn(format!("not compared: {e}")),
        }
    }

    /// Recomputes the compared set's agreement with the open set and the
    /// pairs its filter keeps, after either changed.
    pub(super) fn refresh_overlay(&mut self) {
        let Some(overlay) = &self.overlay else {
            return;
        };
        let empty;
        let (ours, orphaned) = match &self.tagging {
            Some(t) => (
                &t.set,
                t.set
                    .tags
                    .iter()
                    .map(|tag| t.orphaned.contains(&tag.id))
                    .collect(),
            ),
            None => {
                empty = TagSet::new(
                    "",
                    overlay.set.documents[0].clone(),
                    overlay.set.documents[1].clone(),
                );
                (&empty, Vec::new())
            }
        };
        let input = |set, orphaned| Input {
            path: String::new(),
            set,
            orphaned,
            topics: Vec::new(),
        };
        let matched = compare::matching(
            &input(ours, orphaned),
            &input(&overlay.set, overlay.orphaned.clone()),
        );
        let figures = matched.figures(ours, &overlay.set);
        let summary = OverlaySummary {
            both: matched.both.len(),
            agreed: figures.agreed,
            kappa: figures.cohen_kappa,
            ours_only: matched.a_only.len(),
            theirs_only: matched.b_only.len(),
        };
        let filter = overlay.filter;
        let only = (filter != OverlayFilter::All).then(|| {
            let mut pairs: Vec<(usize, usize)> = self.judged_pair_union();
            pairs.retain(|&(l, r)| self.relation(l, r).is_some_and(|rel| filter.keeps(rel)));
            pairs
        });
        if let Some(o) = &mut self.overlay {
            o.summary = summary;
        }
        if let Some(c) = &mut self.comparison {
            c.set_only(only);
        }
    }

    /// The passage pairs judged in the open set or the compared one,
    /// sorted, each once.
    fn judged_pair_union(&self) -> Vec<(usize, usize)> {
        let mut pairs = self
            .overlay
            .as_ref()
            .map_or(Vec::new(), Overlay::judged_pairs);
        if let Some(t) = &self.tagging {
            pairs.extend(
                t.set
                    .tags
                    .iter()
                    .zip(&t.pairs)
                    .filter(|(tag, _)| tag.label.is_some())
                    .filter_map(|(_, p)| *p),
            );
        }
        pairs.sort_unstable();
        pairs.dedup();
        pairs
    }

    /// The open set's tag on the pair of these passages.
    fn our_tag(&self, left: usize, right: usize) -> Option<&Tag> {
        let t = self.tagging.as_ref()?;
        t.tag_for(left, right).map(|i| &t.set.tags[i])
    }

    /// How the two judgements of the pair of these passages relate, while
    /// a set is compared and one of the two judged it.
    pub fn relation(&self, left: usize, right: usize) -> Option<Relation> {
        let overlay = self.overlay.as_ref()?;
        let ours = self.our_tag(left, right).and_then(|t| t.label.as_deref());
        let theirs = overlay
            .tag_for(left, right)
            .and_then(|i| overlay.set.tags[i].label.as_deref());
        match (ours, theirs) {
            (Some(a), Some(b)) if a == b => Some(Relation::Same),
            (Some(_), Some(_)) => Some(Relation::Different),
            (Some(_), None) => Some(Relation::OursOnly),
            (None, Some(_)) => Some(Relation::TheirsOnly),
            (None, None) => None,
        }
    }

    /// The pair's judgements in words for the status line, when there is
    /// more than yours to say: a merge conflict's two sides, or yours and
    /// the compared set's (`you ≠ Contradict · ana ≈ Partial`).
    pub fn judgements_text(&self, left: usize, right: usize) -> Option<String> {
        let ours = self.our_tag(left, right);
        if let (Some(tag), Some(t)) = (ours, &self.tagging)
            && let Some(c) = &tag.conflict
        {
            let side = |j: &crate::tags::Judgement, whose: &str| {
                let by = j
                    .analyst
                    .as_deref()
                    .map_or(String::new(), |a| format!(" ({a})"));
                format!("{whose} {}{by}", label_text(&t.set, j.label.as_deref()))
            };
            return Some(format!(
                "conflict: {} · {}",
                side(&c.ours, "yours"),
                side(&c.theirs, "theirs")
            ));
        }
        let overlay = self.overlay.as_ref()?;
        let theirs = overlay.tag_for(left, right).map(|i| &overlay.set.tags[i]);
        let mine = match (ours, &self.tagging) {
            (Some(tag), Some(t)) => label_text(&t.set, tag.label.as_deref()),
            _ => "not judged".to_string(),
        };
        let (who, their_label) = match theirs {
            Some(tag) => (overlay.who(tag), overlay.label_text(tag)),
            None => (overlay.whose(), "not judged".to_string()),
        };
        let elsewhere = match (ours, theirs) {
            (Some(a), Some(b)) if a.label.is_some() && same_text(a, b) => "",
            (Some(a), Some(_)) if a.label.is_some() => " (other sentences)",
            _ => "",
        };
        Some(format!("you {mine} · {who} {their_label}{elsewhere}"))
    }

    /// The line above the panes while a set is compared: which set, whose,
    /// the agreement so far, and what the filter shows.
    pub fn overlay_summary(&self) -> Option<String> {
        let o = self.overlay.as_ref()?;
        let by = match o.analysts.as_slice() {
            [] => String::new(),
            list => format!(" by {}", list.join(", ")),
        };
        let who = o.whose();
        let s = &o.summary;
        let filter = match o.filter {
            OverlayFilter::All => "all pairs".to_string(),
            OverlayFilter::Disagreements => "only where you differ".to_string(),
            OverlayFilter::TheirsOnly => format!("only pairs {who} judged alone"),
        };
        Some(format!(
            "compared with {}{by} (read-only) · {} · {} judged by {who} only, {} by you only · {}: {filter}",
            o.source,
            agreement_text(s),
            s.theirs_only,
            s.ours_only,
            self.key_of(Action::OverlayFilter)
        ))
    }

    /// The details of the current pair's other judgements: the compared
    /// set's, with its note and analyst, and a merge conflict's two sides.
    pub(super) fn overlay_details(&self, left: usize, right: usize) -> Vec<String> {
        let mut out = Vec::new();
        if let (Some(tag), Some(t)) = (self.our_tag(left, right), &self.tagging)
            && let Some(c) = &tag.conflict
        {
            for (whose, j) in [("Yours", &c.ours), ("Theirs", &c.theirs)] {
                let by = j
                    .analyst
                    .as_deref()
                    .map_or(String::new(), |a| format!(" by {a}"));
                let note = if j.note.is_empty() {
                    "no note".to_string()
                } else {
                    format!("note: {}", j.note)
                };
                out.push(format!(
                    "Merge conflict, {whose}{by}: {} · {note}",
                    label_text(&t.set, j.label.as_deref())
                ));
            }
            out.push(format!(
                "{} takes theirs, {} keeps yours; judging the pair again settles it too",
                self.key_of(Action::TakeTheirs),
                self.key_of(Action::KeepOurs)
            ));
        }
        let Some(o) = &self.overlay else {
            return out;
        };
        match o.tag_for(left, right).map(|i| &o.set.tags[i]) {
            Some(tag) => {
                out.push(format!(
                    "{} ({}): {}",
                    o.who(tag),
                    o.source,
                    o.label_text(tag)
                ));
                if !tag.note.is_empty() {
                    out.push(format!("{}'s note: {}", o.who(tag), tag.note));
                }
                if self
                    .our_tag(left, right)
                    .is_some_and(|ours| !same_text(ours, tag))
                {
                    out.push(format!(
                        "{} judged other sentences of these passages: “{}” ↔ “{}”",
                        o.who(tag),
                        tag.left.exact.replace('\n', " "),
                        tag.right.exact.replace('\n', " ")
                    ));
                }
            }
            None => out.push(format!("{} ({}): not judged", o.whose(), o.source)),
        }
        out
    }

    /// Cycles which pairs navigation visits: all, where you differ, those
    /// only the other judged.
    pub(super) fn cycle_overlay_filter(&mut self) {
        let Some(overlay) = &mut self.overlay else {
            let (sets, open) = (
                self.key_of(Action::TagSets),
                self.key_in(crate::keymap::Table::TagSets, Action::OpenOverlay),
            );
            self.info(format!(
                "no tag set to compare with: {sets} then {open} on another analyst's set, or start with --compare SET"
            ));
            return;
        };
        overlay.filter = overlay.filter.next();
        let filter = overlay.filter;
        let who = overlay.whose();
        self.refresh_overlay();
        let count = self
            .comparison
            .as_ref()
            .map_or(0, |c| c.visible_pairs().count());
        let next = self.key_of(Action::NextPair);
        let count = super::counted(count, "pair", "pairs");
        let text = match filter {
            OverlayFilter::All => "showing all pairs".to_string(),
            OverlayFilter::Disagreements => {
                format!(
                    "showing the {count} you and {who} judge differently; {next} goes to the next"
                )
            }
            OverlayFilter::TheirsOnly => {
                format!("showing the {count} only {who} judged; {next} goes to the next")
            }
        };
        self.info(text);
    }

    /// Takes the other judgement of the current pair into the open set: a
    /// merge conflict's theirs, else the compared set's stance and note.
    pub(super) fn take_theirs(&mut self) {
        if !self.can_edit() {
            return;
        }
        let Some((left, right)) = self.current_pair() else {
            return;
        };
        let ours = self.our_tag(left, right).cloned();
        if let Some(tag) = ours.as_ref().filter(|t| t.conflict.is_some()) {
            self.settle(&tag.id.clone(), true);
            return;
        }
        let Some(overlay) = &self.overlay else {
            self.info(
                "nothing to take: this pair has no merge conflict, and no other tag set is compared",
            );
            return;
        };
        let Some(theirs) = overlay.tag_for(left, right).map(|i| &overlay.set.tags[i]) else {
            self.info(format!("{} has not judged this pair", overlay.whose()));
            return;
        };
        let label = theirs.label.as_deref().and_then(|id| overlay.set.label(id));
        let from = overlay.who(theirs);
        let theirs = theirs.clone();
        let tag = match ours {
            Some(ours) => Tag {
                label: theirs.label,
                note: theirs.note,
                analyst: theirs.analyst,
                ..ours
            },
            None => Tag {
                label: theirs.label,
                note: theirs.note,
                analyst: theirs.analyst,
                ..Tag::new(
                    TagId(self.clock.fresh_id.clone()),
                    self.origin_of(left, right),
                    theirs.left,
                    theirs.right,
                    &self.clock.rfc3339,
                )
            },
        };
        self.adopt(tag, label, from);
    }

    /// Settles the current pair's merge conflict with the judgement in the
    /// tag (yours).
    pub(super) fn keep_ours(&mut self) {
        if !self.can_edit() {
            return;
        }
        let Some((left, right)) = self.current_pair() else {
            return;
        };
        match self.our_tag(left, right).filter(|t| t.conflict.is_some()) {
            Some(tag) => {
                let id = tag.id.clone();
                self.settle(&id, false);
            }
            None => self.info("this pair has no merge conflict to settle"),
        }
    }

    /// Settles the merge conflict of tag `id`: theirs taken, or yours kept.
    pub(super) fn settle(&mut self, id: &TagId, take_theirs: bool) {
        let Some(tag) = self
            .tagging
            .as_ref()
            .and_then(|t| t.set.tag(id))
            .filter(|t| t.conflict.is_some())
            .cloned()
        else {
            return;
        };
        if !take_theirs {
            self.edit(Op::Settle { id: id.clone() });
            self.say_undo();
            return;
        }
        let Some(theirs) = tag.conflict.as_ref().map(|c| c.theirs.clone()) else {
            return;
        };
        let from = theirs.analyst.clone().unwrap_or_else(|| "theirs".into());
        let after = Tag {
            label: theirs.label,
            note: theirs.note,
            analyst: theirs.analyst,
            ..tag
        };
        self.adopt(after, None, from);
    }

    fn adopt(&mut self, tag: Tag, label: Option<crate::tags::Label>, from: String) {
        if self.edit(Op::Adopt { tag, label, from }) {
            if let Some(pair) = self.comparison.as_ref().and_then(|c| c.current) {
                self.pair_span = self.span_of_pair(pair);
            }
            self.say_undo();
        } else if self
            .status
            .as_ref()
            .is_none_or(|s| s.level == super::Level::Info)
        {
            self.info("nothing to take: the judgements are already the same");
        }
    }

    /// Adds the undo key to the message of an edit just made.
    fn say_undo(&mut self) {
        let undo = self.key_of(Action::Undo);
        if let Some(status) = &mut self.status
            && status.level == super::Level::Info
        {
            status.text = format!("{} ({undo} undoes)", status.text);
        }
    }

    /// Whether the gutters need the second judgement column: a set is
    /// compared, or the open set had merge conflicts when it was opened.
    pub fn two_judgement_columns(&self) -> bool {
        self.overlay.is_some() || self.tagging.as_ref().is_some_and(|t| t.had_conflicts)
    }

    /// Tags of the open set in merge conflict.
    pub fn conflicts(&self) -> Vec<usize> {
        self.tagging.as_ref().map_or(Vec::new(), |t| {
            (0..t.set.tags.len())
                .filter(|&i| t.set.tags[i].conflict.is_some())
                .collect()
        })
    }
}

/// Whether two tags judge the same text on both sides (the unit `tags
/// compare` matches by).
fn same_text(a: &Tag, b: &Tag) -> bool {
    (a.left.start, a.left.end, a.right.start, a.right.end)
        == (b.left.start, b.left.end, b.right.start, b.right.end)
}

/// `agree 7/9, κ 0.71`.
fn agreement_text(s: &OverlaySummary) -> String {
    if s.both == 0 {
        return "no pair judged by both yet".to_string();
    }
    let kappa = s
        .kappa
        .map_or("κ undefined".to_string(), |k| format!("κ {k:.2}"));
    format!("agree {}/{}, {kappa}", s.agreed, s.both)
}
