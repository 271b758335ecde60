//! The vocabularies of the reader: every user intent is an [`Action`] (bound
//! to keys by the keymap), every side effect the runtime must perform is an
//! [`Effect`].

/// Declares the action enum with, for each variant, its snake_case name (as
/// used in config files) and its one-line description (the doc comment,
/// shown in the help overlay). Variant order is help order.
macro_rules! actions {
    ($( #[doc = $doc:literal] $variant:ident = $name:literal, )*) => {
        /// A user intent that keys can be bound to.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Action {
            $( #[doc = $doc] $variant, )*
        }

        impl Action {
            /// Every action, in help order.
            pub const ALL: &'static [Action] = &[$(Action::$variant,)*];

            /// The name used in config files (`scroll_down`).
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name,)* }
            }

            /// One line for the help overlay.
            pub fn description(self) -> &'static str {
                match self { $(Action::$variant => $doc.trim(),)* }
            }

            /// Looks an action up by its config-file name.
            pub fn from_name(name: &str) -> Option<Action> {
                match name { $($name => Some(Action::$variant),)* _ => None }
            }
        }
    };
}

actions! {
    /// Scroll down one line
    ScrollDown = "scroll_down",
    /// Scroll up one line
    ScrollUp = "scroll_up",
    /// Scroll down half a page
    HalfPageDown = "half_page_down",
    /// Scroll up half a page
    HalfPageUp = "half_page_up",
    /// Scroll down a page
    PageDown = "page_down",
    /// Scroll up a page
    PageUp = "page_up",
    /// Go to the top of the report
    Top = "top",
    /// Go to the bottom of the report
    Bottom = "bottom",
    /// Go to the next passage
    NextPassage = "next_passage",
    /// Go to the previous passage
    PrevPassage = "prev_passage",
    /// Cursor to the next sentence
    NextSentence = "next_sentence",
    /// Cursor to the previous sentence
    PrevSentence = "prev_sentence",
    /// What the other report says about the cursor's sentence (its candidates)
    Candidates = "candidates",
    /// Widen the current pair's span in this pane by a sentence (then the passage)
    WidenSpan = "widen_span",
    /// List every pair: sort, filter, jump
    PairList = "pair_list",
    /// Reject the current machine pair as not related (again restores it)
    RejectPair = "reject_pair",
    /// Sort the list by the next key (score, position, stance)
    CycleSort = "cycle_sort",
    /// Show the whole message and the current pair's reasons, hint and note
    Details = "details",
    /// Switch focus to the other pane
    SwitchPane = "switch_pane",
    /// Go to the next aligned pair after the cursor (both panes)
    NextPair = "next_pair",
    /// Go to the previous aligned pair before the cursor (both panes)
    PrevPair = "prev_pair",
    /// Show the topics both reports discuss; pick one to filter pairs
    Topics = "topics",
    /// Scroll the two panes together, keeping pairs level (on/off)
    ToggleScrollLock = "toggle_scroll_lock",
    /// Tag the current pair: the reports agree
    TagAgree = "tag_agree",
    /// Tag the current pair: the reports contradict each other
    TagContradict = "tag_contradict",
    /// Tag the current pair: partial agreement, or a difference of nuance
    TagPartial = "tag_partial",
    /// Tag the current pair: unclear
    TagUnclear = "tag_unclear",
    /// Tag the current pair with a label of your own (fuzzy picker)
    PickLabel = "pick_label",
    /// Remove the current pair's tag
    Untag = "untag",
    /// Write or edit the current pair's note
    EditNote = "edit_note",
    /// Mark a passage; on the other pane, link it with the marked one
    MarkLink = "mark_link",
    /// Unlink the current pair linked by hand
    Unlink = "unlink",
    /// Go to the next pair with no tag
    NextUntagged = "next_untagged",
    /// Go to the previous pair with no tag
    PrevUntagged = "prev_untagged",
    /// Undo the last tagging action
    Undo = "undo",
    /// Redo the last undone tagging action
    Redo = "redo",
    /// Save the tag set now
    Save = "save",
    /// Tag sets: list, switch, create, save as, rename, delete
    TagSets = "tag_sets",
    /// Review orphaned tags and merge conflicts: re-attach, delete, settle
    ReviewOrphans = "review_orphans",
    /// Compared set: show all pairs, only where you differ, or only theirs (cycles)
    OverlayFilter = "overlay_filter",
    /// Take their stance and note (the compared set's, or a merge conflict's theirs)
    TakeTheirs = "take_theirs",
    /// Settle a merge conflict by keeping your judgement
    KeepOurs = "keep_ours",
    /// Load the backup of a tag file that could not be read (read-only)
    LoadBackup = "load_backup",
    /// Export the comparison notes (Markdown, HTML, Word, ODT, CSV, JSON, W3C)
    Export = "export",
    /// Search in the focused pane
    Search = "search",
    /// Go to the next search match
    SearchNext = "search_next",
    /// Go to the previous search match
    SearchPrev = "search_prev",
    /// Clear the search highlights and the mark
    ClearSearch = "clear_search",
    /// Choose a theme (previewed live)
    PickTheme = "pick_theme",
    /// Show or hide this help
    Help = "help",
    /// Quit diptych (asks first if judgements are not saved)
    Quit = "quit",
    /// Save everything (an open note too) and quit
    ForceQuit = "force_quit",
    /// Suspend to the shell (resume with fg)
    Suspend = "suspend",
    /// Move the selection down
    SelectNext = "select_next",
    /// Move the selection up
    SelectPrev = "select_prev",
    /// Confirm: use the selected row, or what was typed
    Confirm = "confirm",
    /// Close without doing anything
    Cancel = "cancel",
    /// Answer yes
    Yes = "yes",
    /// Save the judgements, then quit
    SaveAndQuit = "save_and_quit",
    /// Quit without saving
    QuitWithoutSaving = "quit_without_saving",
    /// Start a new, empty tag set
    NewTagSet = "new_tag_set",
    /// Save the judgements under another name
    SaveTagSetAs = "save_tag_set_as",
    /// Rename the selected tag set
    RenameTagSet = "rename_tag_set",
    /// Delete the selected entry (asks first for a tag set, or a label in use)
    DeleteEntry = "delete_entry",
    /// Compare: show the selected set beside yours, read-only (again: stop)
    OpenOverlay = "open_overlay",
    /// Rename the selected custom label
    RenameLabel = "rename_label",
    /// Re-attach the selected orphaned tag to the current pair
    Reattach = "reattach",
    /// Next export format
    NextFormat = "next_format",
    /// Previous export format
    PrevFormat = "prev_format",
    /// Include untagged pairs in the export, or leave them out
    ToggleUntagged = "toggle_untagged",
    /// Type into the next field (path, left report's name, right report's name)
    NextField = "next_field",
    /// Filter the help by a word
    FilterHelp = "filter_help",
    /// Keep the note and close the editor
    SaveNote = "save_note",
    /// Throw the changes to the note away
    DiscardNote = "discard_note",
    /// Edit the note in $VISUAL or $EDITOR
    ExternalEditor = "external_editor",
    /// Move the cursor one character left
    CursorLeft = "cursor_left",
    /// Move the cursor one character right
    CursorRight = "cursor_right",
    /// Move the cursor one line up
    CursorUp = "cursor_up",
    /// Move the cursor one line down
    CursorDown = "cursor_down",
    /// Move the cursor to the previous word
    WordLeft = "word_left",
    /// Move the cursor to the next word
    WordRight = "word_right",
    /// Move the cursor to the start of the line
    LineStart = "line_start",
    /// Move the cursor to the end of the line
    LineEnd = "line_end",
    /// Move the cursor to the start of the text
    TextStart = "text_start",
    /// Move the cursor to the end of the text
    TextEnd = "text_end",
    /// Move the cursor a page up
    CursorPageUp = "cursor_page_up",
    /// Move the cursor a page down
    CursorPageDown = "cursor_page_down",
    /// Delete the character before the cursor
    DeleteBack = "delete_back",
    /// Delete the character under the cursor
    DeleteForward = "delete_forward",
    /// Delete the word before the cursor
    DeleteWordBack = "delete_word_back",
    /// Delete the word after the cursor
    DeleteWordForward = "delete_word_forward",
    /// Delete from the start of the line to the cursor
    DeleteToLineStart = "delete_to_line_start",
    /// Delete from the cursor to the end of the line
    DeleteToLineEnd = "delete_to_line_end",
    /// Clear the whole field
    ClearLine = "clear_line",
    /// Start a new line
    NewLine = "new_line",
    /// Insert four spaces
    Indent = "indent",
}

impl Action {
    /// Whether the action moves the focused pane (so scroll lock follows it).
    pub fn scrolls(self) -> bool {
        matches!(
            self,
            Action::ScrollDown
                | Action::ScrollUp
                | Action::HalfPageDown
                | Action::HalfPageUp
                | Action::PageDown
                | Action::PageUp
                | Action::Top
                | Action::Bottom
                | Action::NextPassage
                | Action::PrevPassage
        )
    }
}

/// Work the runtime performs on behalf of [`crate::app::App::update`], which
/// itself never touches the terminal, the disk or the clock.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Restore the terminal and exit.
    Quit,
    /// Restore the terminal, stop the process (SIGTSTP), and redraw on resume.
    Suspend,
    /// Align the two documents on a worker thread; progress and the result
    /// come back as messages.
    StartAlignment,
    /// Write this snapshot of the tag set to its file; the runtime answers
    /// with `Msg::Saved` for this generation.
    Save {
        set: Box<crate::tags::TagSet>,
        generation: u64,
    },
    /// List the tag sets of the directory (`Msg::TagSets`).
    ListTagSets,
    /// Open another tag set (`Msg::TagSetOpened`).
    SwitchTagSet {
        name: String,
    },
    /// Create a tag set from this content and switch to it.
    CreateTagSet {
        set: Box<crate::tags::TagSet>,
    },
    RenameTagSet {
        old: String,
        new: String,
    },
    DeleteTagSet {
        name: String,
    },
    /// Read tag set `name` to show beside the open one, read-only
    /// (`Msg::OverlayOpened`); it is never written or locked.
    OpenOverlay {
        name: String,
    },
    /// Read the open file's `.bak` into memory (the file stays untouched).
    LoadBackup,
    /// Edit this text in `$VISUAL`/`$EDITOR` (`Msg::EditorDone`).
    EditExternally {
        text: String,
    },
    /// Write what the reader remembers between sessions
    /// ([`crate::app::App::resume_state`] and the theme picked) to the
    /// state file now, not only at exit.
    RememberSession,
    /// Write an export atomically; an existing file only if `overwrite`
    /// (`Msg::Exported`).
    WriteExport {
        path: std::path::PathBuf,
        contents: Vec<u8>,
        overwrite: bool,
        /// Files the export must never replace (the open tag set, its
        /// backup and lock, the two reports).
        protect: Vec<crate::export::Protected>,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        let mut names: Vec<_> = Action::ALL.iter().map(|a| a.name()).collect();
        for a in Action::ALL {
            assert_eq!(Action::from_name(a.name()), Some(*a));
            assert!(!a.description().is_empty());
            assert!(a.name().chars().all(|c| c.is_ascii_lowercase() || c == '_'));
        }
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Action::ALL.len());
    }
}
