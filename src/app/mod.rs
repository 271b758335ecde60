//! The model of the reader and its only state transition, [`App::update`].
//! Pure: no terminal, no disk, no clock. Side effects come back as
//! [`Effect`]s for the runtime to perform.
//!
//! Over 600 lines: the messages, the modes and the App state with the one update that
//! dispatches them; each mode's handling lives in its own file beside it.

use ratatui::layout::Rect;

mod candidates;
mod compare;
mod cursor;
mod details;
mod exporting;
mod input;
mod labels;
pub mod line_input;
mod linking;
mod note;
mod overlay;
mod pair_list;
pub mod pairs;
pub mod pane;
pub mod resume;
mod saving;
pub mod search;
mod span;
mod tagging;
mod tagsets;
pub mod textarea;

pub use candidates::CandidateList;
pub use compare::TopicRow;
pub use exporting::{ExportDialog, ExportFailure};
pub use labels::{LabelPicker, LabelRow};
pub use line_input::LineInput;
pub use overlay::{Overlay, OverlayFilter, OverlaySummary, Relation};
pub use pair_list::{PairList, PairRow, PairSort};
pub use resume::Resume;
pub use tagging::{OpenedSet, TagAccess, TagCounts, Tagging, prepare};
pub use tagsets::{NameFor, ReviewRow, TagSetEntry, TagSetPicker};

use std::sync::Arc;

use crate::action::{Action, Effect};
use crate::align::{AliasTable, Alignment};
use crate::app::pairs::PairNavigation;
use crate::app::pane::Pane;
use crate::document::Document;
use crate::keymap::Keymap;
use crate::side::Side;
use crate::theme::Theme;
use crate::ui::layout::Layout;
use search::Search;

/// Everything that can happen to the reader.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// An action: a key resolved through the keymap of the current mode
    /// ([`App::key_msg`]), or a script.
    Action(Action),
    /// A character typed into the field of the current mode.
    Text(char),
    /// Text pasted into the field of the current mode (bracketed paste).
    Paste(String),
    /// The mouse wheel turned over cell (`column`, `row`); `down` or up.
    Wheel { column: u16, row: u16, down: bool },
    /// The left mouse button was pressed on cell (`column`, `row`).
    Click { column: u16, row: u16 },
    /// The terminal now has this size.
    Resize { width: u16, height: u16 },
    /// The alignment worker has done this fraction of its work.
    AlignProgress(f32),
    /// The alignment worker has finished.
    Aligned(Box<Alignment>),
    /// The time now (sent before every other message), and a fresh unique
    /// id for a tag created by that message.
    Tick(Clock),
    /// A save of this generation of the tag set finished: a note to show
    /// (e.g. the backup could not be kept), or the error.
    Saved {
        generation: u64,
        result: Result<String, String>,
    },
    /// The tag sets of the directory, for the picker.
    TagSets(Result<Vec<TagSetEntry>, String>),
    /// A tag set was opened (switched to, created, reloaded, backup read).
    TagSetOpened(Result<Box<OpenedSet>, String>),
    /// `$EDITOR` closed: the note's new text, or why it failed.
    EditorDone(Result<String, String>),
    /// An export was written (to this path), or why not.
    Exported(Result<std::path::PathBuf, ExportFailure>),
    /// A tag set was read to compare with the open one, or why not.
    OverlayOpened(Result<Box<Overlay>, String>),
    /// The state file could not be written (what the reader remembers
    /// between runs): why.
    NotRemembered(String),
}

/// The clock and entropy the model may not read itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Clock {
    /// Milliseconds on a monotonic clock (for delays).
    pub ms: u64,
    /// Wall-clock time, RFC 3339 UTC (for tag timestamps).
    pub rfc3339: String,
    /// A fresh unique id (UUID) for a new tag.
    pub fresh_id: String,
}

impl Clock {
    /// The wall-clock time fit for a file name: `2026-12-02T10-00-00`.
    pub fn file_stamp(&self) -> String {
        self.rfc3339
            .chars()
            .take(19)
            .map(|c| if c == ':' { '-' } else { c })
            .collect()
    }
}

/// What the keyboard is currently talking to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Typing a search query for the focused pane.
    SearchInput {
        query: LineInput,
    },
    /// The help overlay, scrolled by this many rows, filtered by `filter`
    /// (being typed while `typing`).
    Help {
        scroll: usize,
        filter: LineInput,
        typing: bool,
    },
    /// The theme picker: `selected` is previewed live; Esc goes back to
    /// `original`.
    ThemePicker {
        selected: usize,
        original: usize,
    },
    /// The topics panel: a fuzzy filter and the selected row of the
    /// filtered list.
    Topics {
        filter: LineInput,
        selected: usize,
    },
    /// Unsaved changes: asking before quitting.
    ConfirmQuit,
    /// The label picker: a fuzzy filter over the tag set's labels; a filter
    /// that names no label offers to create it.
    Labels(LabelPicker),
    /// The tag set picker.
    TagSets(TagSetPicker),
    /// The list of orphaned tags.
    Review {
        selected: usize,
    },
    /// Writing a note (the text box is `App::note`).
    Note,
    /// The candidates of the cursor's sentence, in a panel under the panes.
    Candidates(CandidateList),
    /// The list of every pair.
    PairList(PairList),
    /// The whole status message and the current pair's details, scrolled.
    Details {
        scroll: usize,
    },
    /// The export dialog.
    Export(ExportDialog),
}

/// The note being written, and the pair it belongs to.
#[derive(Debug, Clone)]
pub struct NoteEditor {
    pub area: crate::app::textarea::TextArea,
    pub left: usize,
    pub right: usize,
    /// The judged sentences, one line per side, shown above the note.
    pub quotes: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Warn,
    Error,
}

/// The message in the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub level: Level,
}

/// Above this much text in the two panes, they are rewrapped in parallel.
const PARALLEL_WRAP_BYTES: usize = 256 * 1024;

/// Rows the mouse wheel scrolls per notch.
const WHEEL_ROWS: isize = 3;

/// `n` and the noun for it: "1 pair", "2 pairs", "0 pairs".
pub(crate) fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The reader's whole state.
#[derive(Debug, Clone)]
pub struct App {
    pub panes: [Pane; 2],
    /// The focused pane.
    pub focus: Side,
    pub mode: Mode,
    pub status: Option<Status>,
    pub keymap: Keymap,
    pub search: Option<Search>,
    /// Geometry for the current terminal size; `None` when too small.
    pub layout: Option<Layout>,
    pub size: (u16, u16),
    /// Every available theme, and the index of the one in use.
    pub themes: Vec<Theme>,
    pub theme_index: usize,
    /// Widest text column to wrap at, whatever the pane width.
    pub wrap_limit: Option<u16>,
    /// Alias groups the alignment uses (built-in and the user's).
    pub aliases: Arc<AliasTable>,
    /// The alignment, once the worker has delivered it.
    pub comparison: Option<PairNavigation>,
    /// Fraction of the alignment done while it runs.
    pub align_progress: Option<f32>,
    /// Scrolling one pane moves the other to keep pairs level.
    pub scroll_lock: bool,
    /// The open tag set, if one could be opened.
    pub tagging: Option<Tagging>,
    /// A passage marked for linking by hand: (pane, passage).
    pub mark: Option<(Side, usize)>,
    /// Quit once the save in flight succeeds.
    pub quit_after_save: bool,
    /// The note editor's state while `Mode::Note`.
    pub note: Option<NoteEditor>,
    pub clock: Clock,
    /// Where the last session on these reports ended, until applied.
    pub resume: Option<Resume>,
    /// The resumed positions were applied (at the first layout).
    resume_placed: bool,
    /// The last export path written from the reader (kept across sessions).
    pub last_export: Option<String>,
    /// The theme the analyst picked with the theme picker this session.
    pub picked_theme: Option<String>,
    /// The sentences of the current pair a judgement anchors on, per side:
    /// (first, last) indices into the pane's sentences.
    pub pair_span: Option<[(usize, usize); 2]>,
    /// How the pair list is sorted (kept across sessions).
    pub pair_sort: PairSort,
    /// The analyst's name recorded on the judgements made here.
    pub analyst: Option<String>,
    /// Another analyst's tag set shown beside the open one, read-only.
    pub overlay: Option<Overlay>,
}

impl App {
    pub fn new(left: Document, right: Document, keymap: Keymap) -> Self {
        let notices: Vec<String> = [&left, &right].iter().filter_map(|d| d.notice()).collect();
        let status = (!notices.is_empty()).then(|| Status {
            text: notices.join(" · "),
            level: Level::Warn,
        });
        App {
            panes: [Pane::new(left), Pane::new(right)],
            focus: Side::Left,
            mode: Mode::Normal,
            status,
            keymap,
            search: None,
            layout: None,
            size: (0, 0),
            themes: vec![Theme::default()],
            theme_index: 0,
            wrap_limit: None,
            aliases: Arc::new(AliasTable::builtin()),
            comparison: None,
            align_progress: None,
            scroll_lock: true,
            tagging: None,
            mark: None,
            quit_after_save: false,
            note: None,
            clock: Clock::default(),
            resume: None,
            resume_placed: false,
            last_export: None,
            picked_theme: None,
            pair_span: None,
            pair_sort: PairSort::default(),
            analyst: None,
            overlay: None,
        }
    }

    /// What must happen once the reader starts: the alignment.
    pub fn start(&mut self) -> Vec<Effect> {
        self.align_progress = Some(0.0);
        vec![Effect::StartAlignment]
    }

    pub fn with_aliases(mut self, aliases: AliasTable) -> Self {
        self.aliases = Arc::new(aliases);
        self
    }

    pub fn with_scroll_lock(mut self, on: bool) -> Self {
        self.scroll_lock = on;
        self
    }

    /// Records `analyst` as the author of the judgements made here.
    pub fn with_analyst(mut self, analyst: Option<String>) -> Self {
        self.analyst = analyst;
        if let Some(tagging) = &mut self.tagging {
            tagging.history.set_analyst(self.analyst.clone());
        }
        self
    }

    /// Uses `theme`, with `themes` offered by the theme picker.
    pub fn with_themes(mut self, theme: Theme, mut themes: Vec<Theme>) -> Self {
        self.theme_index = match themes.iter().position(|t| t.name == theme.name) {
            Some(i) => {
                themes[i] = theme;
                i
            }
            None => {
                themes.push(theme);
                themes.len() - 1
            }
        };
        self.themes = themes;
        self
    }

    pub fn with_wrap_limit(mut self, limit: Option<u16>) -> Self {
        self.wrap_limit = limit;
        self
    }

    /// Compares the open set with `overlay` from the start.
    pub fn with_overlay(mut self, overlay: Option<Overlay>) -> Self {
        if let Some(overlay) = overlay {
            self.open_overlay(overlay);
        }
        self
    }

    /// Shows `text` as a warning in the status line.
    pub fn with_warning(mut self, text: Option<String>) -> Self {
        if let Some(text) = text {
            self.warn(text);
        }
        self
    }

    /// The theme in use.
    pub fn theme(&self) -> &Theme {
        &self.themes[self.theme_index]
    }

    pub fn focused(&self) -> &Pane {
        &self.panes[self.focus]
    }

    fn focused_mut(&mut self) -> &mut Pane {
        &mut self.panes[self.focus]
    }

    fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            level: Level::Info,
        });
    }

    fn warn(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            level: Level::Warn,
        });
    }

    /// Applies one message. The only place state changes.
    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        let effects = self.update_inner(msg);
        self.fit_panel();
        effects
    }

    /// While a panel covers the bottom of the panes, they may scroll past
    /// their end by its height; once it closes, they come back.
    pub(super) fn fit_panel(&mut self) {
        let panel = self.panel_height();
        for side in Side::BOTH {
            let pane = &mut self.panes[side];
            if pane.overscroll != panel {
                pane.overscroll = panel;
                pane.clamp();
            }
        }
    }

    fn update_inner(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Resize { width, height } => {
                self.resize(width, height);
                // A panel open over the panes keeps what it is about in view.
                match self.mode {
                    Mode::Candidates(_) => self.preview_candidate(),
                    Mode::Note => self.show_span_above_panel(),
                    _ => {}
                }
                Vec::new()
            }
            Msg::Wheel { column, row, down } => {
                if let Some(pane) = self.layout.and_then(|l| l.pane_at(column, row)) {
                    let delta = if down { WHEEL_ROWS } else { -WHEEL_ROWS };
                    self.panes[pane].scroll_by(delta);
                    self.sync_from(pane);
                    self.cursor_after_scroll();
                }
                Vec::new()
            }
            Msg::Click { column, row } => {
                if self.mode == Mode::Normal {
                    self.click(column, row);
                }
                Vec::new()
            }
            Msg::AlignProgress(done) => {
                self.align_progress = Some(done);
                Vec::new()
            }
            Msg::Aligned(alignment) => {
                self.aligned(*alignment);
                self.sync_links();
                self.apply_resume();
                Vec::new()
            }
            Msg::Tick(clock) => {
                self.clock = clock;
                self.autosave()
            }
            Msg::Saved { generation, result } => self.saved(generation, result),
            Msg::TagSets(result) => {
                self.tag_sets_listed(result);
                Vec::new()
            }
            Msg::TagSetOpened(result) => self.tag_set_opened(result),
            Msg::OverlayOpened(result) => {
                self.overlay_opened(result);
                Vec::new()
            }
            Msg::Exported(result) => {
                self.exported(result);
                Vec::new()
            }
            Msg::NotRemembered(why) => {
                self.warn(format!("not remembered for next time: {why}"));
                Vec::new()
            }
            Msg::EditorDone(result) => {
                match (result, &mut self.note) {
                    (Ok(text), Some(editor)) => editor.area.replace_text(&text),
                    (Err(e), _) => self.warn(e),
                    _ => {}
                }
                Vec::new()
            }
            Msg::Action(action) => self.act(action),
            Msg::Text(c) => {
                self.text(c);
                Vec::new()
            }
            Msg::Paste(text) => {
                self.paste(&text);
                Vec::new()
            }
        }
    }

    /// Performs one action in normal mode.
    pub fn apply(&mut self, action: Action) -> Vec<Effect> {
        let effects = self.apply_inner(action);
        if action.scrolls() {
            self.sync_from(self.focus);
            self.cursor_after_scroll();
        }
        effects
    }

    fn apply_inner(&mut self, action: Action) -> Vec<Effect> {
        let page = self.focused().height.max(1) as isize;
        match action {
            Action::ScrollDown => self.focused_mut().scroll_by(1),
            Action::ScrollUp => self.focused_mut().scroll_by(-1),
            Action::HalfPageDown => self.focused_mut().scroll_by((page / 2).max(1)),
            Action::HalfPageUp => self.focused_mut().scroll_by(-(page / 2).max(1)),
            Action::PageDown => self.focused_mut().scroll_by((page - 1).max(1)),
            Action::PageUp => self.focused_mut().scroll_by(-(page - 1).max(1)),
            Action::Top => {
                let pane = self.focused_mut();
                pane.top = 0;
                pane.cursor = 0;
            }
            Action::Bottom => {
                let pane = self.focused_mut();
                pane.top = pane.max_top();
                pane.cursor = pane.sentences.len().saturating_sub(1);
            }
            Action::NextPassage => self.step_passage(true),
            Action::PrevPassage => self.step_passage(false),
            Action::NextSentence => self.step_sentence(true),
            Action::PrevSentence => self.step_sentence(false),
            Action::Candidates => self.open_candidates(),
            Action::WidenSpan => self.widen_span(),
            Action::PairList => self.open_pair_list(),
            Action::Details => self.open_details(),
            Action::RejectPair => self.reject_current(),
            Action::SwitchPane => self.focus = self.focus.other(),
            Action::NextPair => self.step_pair(true),
            Action::PrevPair => self.step_pair(false),
            Action::Topics => {
                self.mode = Mode::Topics {
                    filter: LineInput::default(),
                    selected: 0,
                };
            }
            Action::ToggleScrollLock => {
                self.scroll_lock = !self.scroll_lock;
                let state = if self.scroll_lock { "on" } else { "off" };
                self.info(format!("scroll lock {state}"));
                self.sync_from(self.focus);
            }
            Action::Search => {
                self.mode = Mode::SearchInput {
                    query: LineInput::default(),
                };
            }
            Action::SearchNext => self.search_step(true),
            Action::SearchPrev => self.search_step(false),
            Action::PickTheme => {
                self.mode = Mode::ThemePicker {
                    selected: self.theme_index,
                    original: self.theme_index,
                };
            }
            Action::Help => {
                self.mode = match self.mode {
                    Mode::Help { .. } => Mode::Normal,
                    _ => Mode::Help {
                        scroll: 0,
                        filter: LineInput::default(),
                        typing: false,
                    },
                }
            }
            Action::Quit if self.unsaved() => self.mode = Mode::ConfirmQuit,
            Action::Quit => return vec![Effect::Quit],
            Action::ForceQuit => return self.save_and_quit(),
            Action::TagAgree | Action::TagContradict | Action::TagPartial | Action::TagUnclear
                if self.reveal_current_pair(action) => {}
            Action::TagAgree => self.tag_current("agree"),
            Action::TagContradict => self.tag_current("contradict"),
            Action::TagPartial => self.tag_current("partial"),
            Action::TagUnclear => self.tag_current("unclear"),
            Action::PickLabel => self.open_labels(),
            Action::Untag => self.untag_current(),
            Action::EditNote => self.open_note(),
            Action::MarkLink => self.mark_or_link(),
            Action::Unlink => self.unlink_current(),
            Action::NextUntagged => self.step_untagged(true),
            Action::PrevUntagged => self.step_untagged(false),
            Action::Undo => self.undo(false),
            Action::Redo => self.undo(true),
            Action::Save
                if self
                    .tagging
                    .as_ref()
                    .is_some_and(|t| !t.dirty() && !t.pending_moves) =>
            {
                self.info("nothing to save: every judgement is saved");
            }
            Action::Save => {
                let effects = self.save();
                if let Some(t) = self.tagging.as_mut().filter(|_| !effects.is_empty()) {
                    t.announce_save = true;
                }
                return effects;
            }
            Action::TagSets => return self.open_tag_sets(),
            Action::ReviewOrphans => self.open_review(),
            Action::OverlayFilter => self.cycle_overlay_filter(),
            Action::TakeTheirs => self.take_theirs(),
            Action::KeepOurs => self.keep_ours(),
            Action::Export => self.open_export(),
            Action::LoadBackup => {
                let refused = self
                    .tagging
                    .as_ref()
                    .is_some_and(|t| matches!(t.access, TagAccess::Refused(_)));
                if refused {
                    return vec![Effect::LoadBackup];
                }
                self.info("the tag file was read fine: no backup to load");
            }
            Action::ClearSearch => self.clear_search(),
            // Popup and editing verbs: no meaning in normal mode.
            _ => {}
        }
        Vec::new()
    }

    /// Lays the screen out again at the same size, after what it holds
    /// changed (a compared set opened or closed).
    pub(super) fn relayout(&mut self) {
        if self.size != (0, 0) {
            self.resize(self.size.0, self.size.1);
        }
    }

    fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        let chrome = crate::ui::layout::Chrome {
            wide_gutter: self.two_judgement_columns(),
            summary: self.overlay.is_some(),
        };
        self.layout = Layout::compute_with(Rect::new(0, 0, width, height), chrome);
        if let Some(layout) = self.layout {
            let size = |areas: &crate::ui::layout::PaneAreas| {
                let width = self
                    .wrap_limit
                    .map_or(areas.text.width, |w| w.min(areas.text.width));
                (width, areas.text.height)
            };
            let (left_size, right_size) = (size(&layout.panes[0]), size(&layout.panes[1]));
            let [left, right] = &mut self.panes;
            // Rewrapping a long report takes tens of milliseconds: the two
            // panes are wrapped at once, one on another core. (Pure: the
            // thread only computes and is joined here.)
            if left.doc.text.len() + right.doc.text.len() > PARALLEL_WRAP_BYTES {
                std::thread::scope(|scope| {
                    scope.spawn(|| left.relayout(left_size.0, left_size.1));
                    right.relayout(right_size.0, right_size.1);
                });
            } else {
                left.relayout(left_size.0, left_size.1);
                right.relayout(right_size.0, right_size.1);
            }
            self.apply_resume();
        }
    }

    fn step_passage(&mut self, forward: bool) {
        let pane = self.focused_mut();
        let Some(current) = pane.top_passage() else {
            return;
        };
        let first = pane.wrapped.passage_first_line[current];
        let target = if forward {
            current + 1
        } else if pane.top > first {
            current
        } else {
            current.saturating_sub(1)
        };
        if target < pane.doc.passages.len() {
            pane.show_passage(target);
            if let Some(first) = pane.first_sentence_of(target) {
                pane.cursor = first;
            }
        }
    }

    /// Esc in normal mode: the search highlights go, then the mark.
    fn clear_search(&mut self) {
        if self.search.take().is_some() {
            self.info("search cleared");
        } else if self.mark.take().is_some() {
            self.info("mark cleared");
        }
    }

    fn run_search(&mut self, query: String) {
        if query.is_empty() {
            self.search = None;
            self.status = None;
            return;
        }
        let pane = self.focus;
        let matches = search::find_all(&self.panes[pane].doc.text, &query);
        self.search = Some(Search {
            query,
            pane,
            matches,
            current: None,
        });
        self.search_step(true);
    }

    /// Moves to the next (or previous) match in the searched pane.
    fn search_step(&mut self, forward: bool) {
        // n/N search the pane the analyst is looking at: a search made in
        // the other pane is run again here.
        if let Some(search) = &self.search
            && search.pane != self.focus
        {
            let query = search.query.clone();
            let pane = self.focus;
            let matches = search::find_all(&self.panes[pane].doc.text, &query);
            self.search = Some(Search {
                query,
                pane,
                matches,
                current: None,
            });
        }
        let Some(search) = &self.search else {
            let search = self.key_of(Action::Search);
            self.info(format!("no search yet: press {search} to search"));
            return;
        };
        let pane = &self.panes[search.pane];
        // Start after the current match, or from the top of the screen.
        let from = match search.current {
            Some(i) if forward => search.matches[i].start + 1,
            Some(i) => search.matches[i].start,
            None => pane
                .wrapped
                .lines
                .get(pane.top)
                .map_or(0, |l| l.start as usize),
        };
        let found = if forward {
            search.next_from(from)
        } else {
            search.prev_from(from)
        };
        let Some((index, wrapped)) = found else {
            let q = search.query.clone();
            self.warn(format!("no match for “{q}”"));
            return;
        };
        let total = search.matches.len();
        let start = search.matches[index].start;
        let pane_index = search.pane;
        if let Some(s) = &mut self.search {
            s.current = Some(index);
        }
        let pane = &mut self.panes[pane_index];
        let line = pane.wrapped.line_of_byte(start);
        let visible = pane.top..pane.top + pane.height;
        if !visible.contains(&line) {
            pane.reveal_line(line);
        }
        let note = match (wrapped, forward) {
            (true, true) => " (wrapped to the top)",
            (true, false) => " (wrapped to the bottom)",
            _ => "",
        };
        self.focus = pane_index;
        self.cursor_to_byte(pane_index, start);
        self.info(format!("match {} of {total}{note}", index + 1));
        self.follow_cursor();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Source;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn app_with(text: &str) -> App {
        let d = |t: &str| Document::from_bytes(Source::Embedded("t"), t.as_bytes()).unwrap();
        let mut app = App::new(d(text), d(text), Keymap::default());
        app.update(Msg::Resize {
            width: 80,
            height: 12,
        });
        app
    }

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    fn long_text() -> String {
        let mut s = String::from("Title\n\n");
        for i in 0..60 {
            s.push_str(&format!(
                "Paragraph {i} says something about topic {i}.\n\n"
            ));
        }
        s
    }

    #[test]
    fn scrolling_keys_move_the_focused_pane_only() {
        let mut app = app_with(&long_text());
        app.on_key(&key('j'));
        app.on_key(&key('j'));
        assert_eq!((app.panes[0].top, app.panes[1].top), (2, 0));
        app.on_key(&KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
        app.on_key(&key('G'));
        assert_eq!(app.panes[1].top, app.panes[1].max_top());
        app.on_key(&key('g'));
        assert_eq!(app.panes[1].top, 0);
    }

    #[test]
    fn passage_steps() {
        let mut app = app_with(&long_text());
        app.on_key(&key('}'));
        assert_eq!(app.panes[0].top_passage(), Some(1));
        app.on_key(&key('}'));
        app.on_key(&key('{'));
        assert_eq!(app.panes[0].top_passage(), Some(1));
    }

    #[test]
    fn search_finds_wraps_and_reports_no_match() {
        let mut app = app_with(&long_text());
        for c in "/topic 59".chars() {
            app.on_key(&key(c));
        }
        app.on_key(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
        let s = app.search.clone().unwrap();
        assert_eq!(s.matches.len(), 1);
        assert!(app.status.as_ref().unwrap().text.contains("match 1 of 1"));
        let line = app.panes[0].wrapped.line_of_byte(s.matches[0].start);
        assert!(line >= app.panes[0].top && line < app.panes[0].top + app.panes[0].height);
        app.on_key(&key('n'));
        assert!(app.status.as_ref().unwrap().text.contains("wrapped"));

        for c in "/zebra".chars() {
            app.on_key(&key(c));
        }
        app.on_key(&KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
        assert!(app.status.as_ref().unwrap().text.contains("no match"));
    }

    #[test]
    fn help_opens_and_closes_and_quit_is_an_effect() {
        let mut app = app_with("T\n\nx\n");
        app.on_key(&key('?'));
        assert!(matches!(app.mode, Mode::Help { .. }));
        assert!(app.on_key(&key('q')).is_empty());
        assert_eq!(app.mode, Mode::Normal);
        assert_eq!(app.on_key(&key('q')), vec![Effect::Quit]);
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        app.on_key(&key('/'));
        assert_eq!(app.on_key(&ctrl_c), vec![Effect::Quit]);
    }

    #[test]
    fn wheel_scrolls_the_pane_under_the_pointer() {
        let mut app = app_with(&long_text());
        app.update(Msg::Wheel {
            column: 60,
            row: 3,
            down: true,
        });
        assert_eq!((app.panes[0].top, app.panes[1].top), (0, 3));
    }

    #[test]
    fn tiny_sizes_do_not_lay_out() {
        let mut app = app_with(&long_text());
        app.update(Msg::Resize {
            width: 1,
            height: 1,
        });
        assert!(app.layout.is_none());
        app.on_key(&key('j'));
        app.update(Msg::Resize {
            width: 80,
            height: 20,
        });
        assert!(app.layout.is_some());
    }
}
