//! The default bindings of every table: the one source that the help
//! overlay, the hints, `config --default` and the README's key tables are
//! generated from. A table lists every action it can hold, in help order;
//! an action with no default keys is listed with an empty slice.

use super::Table;
use crate::action::Action;

type Bindings = &'static [(Action, &'static [&'static str])];

/// The default bindings of `table`.
pub fn bindings(table: Table) -> Bindings {
    match table {
        Table::Global => GLOBAL,
        Table::Normal => NORMAL,
        Table::Help => HELP,
        Table::HelpFilter => HELP_FILTER,
        Table::Search => SEARCH,
        Table::Topics => TOPICS,
        Table::Candidates => CANDIDATES,
        Table::PairList => PAIR_LIST,
        Table::Details => DETAILS,
        Table::Labels => LABELS,
        Table::Themes => THEMES,
        Table::TagSets => TAG_SETS,
        Table::TagSetName => TAG_SET_NAME,
        Table::Review => REVIEW,
        Table::ConfirmQuit => CONFIRM_QUIT,
        Table::Confirm => CONFIRM,
        Table::Export => EXPORT,
        Table::Note => NOTE,
        Table::Line => LINE,
    }
}

const GLOBAL: Bindings = &[
    (Action::ForceQuit, &["ctrl-c"]),
    (Action::Suspend, &["ctrl-z"]),
];

const NORMAL: Bindings = &[
    (Action::ScrollDown, &["j", "down"]),
    (Action::ScrollUp, &["k", "up"]),
    (Action::HalfPageDown, &["ctrl-d"]),
    (Action::HalfPageUp, &["ctrl-u"]),
    (Action::PageDown, &["pagedown", "space"]),
    (Action::PageUp, &["pageup"]),
    (Action::Top, &["g", "home"]),
    (Action::Bottom, &["G", "end"]),
    (Action::NextPassage, &["}"]),
    (Action::PrevPassage, &["{"]),
    (Action::NextSentence, &[")"]),
    (Action::PrevSentence, &["("]),
    (Action::SwitchPane, &["tab", "shift-tab"]),
    (Action::NextPair, &["]"]),
    (Action::PrevPair, &["["]),
    (Action::Candidates, &["enter"]),
    (Action::PairList, &["P"]),
    (Action::RejectPair, &["X"]),
    (Action::Details, &["D"]),
    (Action::WidenSpan, &["v"]),
    (Action::Topics, &["t"]),
    (Action::ToggleScrollLock, &["s"]),
    (Action::TagAgree, &["a"]),
    (Action::TagContradict, &["c"]),
    (Action::TagPartial, &["p"]),
    (Action::TagUnclear, &["U"]),
    (Action::PickLabel, &["l"]),
    (Action::Untag, &["x"]),
    (Action::EditNote, &["i"]),
    (Action::MarkLink, &["m"]),
    (Action::Unlink, &["M"]),
    (Action::NextUntagged, &[">"]),
    (Action::PrevUntagged, &["<"]),
    (Action::Undo, &["u"]),
    (Action::Redo, &["ctrl-r"]),
    (Action::Save, &["ctrl-s"]),
    (Action::TagSets, &["T"]),
    (Action::ReviewOrphans, &["R"]),
    (Action::OverlayFilter, &["f"]),
    (Action::TakeTheirs, &["A"]),
    (Action::KeepOurs, &["O"]),
    (Action::LoadBackup, &["b"]),
    (Action::Export, &["e"]),
    (Action::Search, &["/"]),
    (Action::SearchNext, &["n"]),
    (Action::SearchPrev, &["N"]),
    (Action::ClearSearch, &["esc"]),
    (Action::PickTheme, &["ctrl-t"]),
    (Action::Help, &["?", "f1"]),
    (Action::Quit, &["q"]),
];

const HELP: Bindings = &[
    (Action::ScrollDown, &["j", "down"]),
    (Action::ScrollUp, &["k", "up"]),
    (Action::PageDown, &["pagedown", "space"]),
    (Action::PageUp, &["pageup"]),
    (Action::Top, &["g", "home"]),
    (Action::Bottom, &["G", "end"]),
    (Action::FilterHelp, &["/"]),
    (Action::Help, &["?", "f1"]),
    (Action::Cancel, &["esc", "q", "enter"]),
];

const HELP_FILTER: Bindings = &[(Action::Confirm, &["enter"]), (Action::Cancel, &["esc"])];

const SEARCH: Bindings = &[(Action::Confirm, &["enter"]), (Action::Cancel, &["esc"])];

const TOPICS: Bindings = &[
    (Action::SelectNext, &["down", "tab", "ctrl-n"]),
    (Action::SelectPrev, &["up", "shift-tab", "ctrl-p"]),
    (Action::Confirm, &["enter"]),
    (Action::Cancel, &["esc"]),
];

const CANDIDATES: Bindings = &[
    (Action::SelectNext, &["j", "down", "tab", "ctrl-n"]),
    (Action::SelectPrev, &["k", "up", "shift-tab", "ctrl-p"]),
    (Action::Confirm, &["enter"]),
    (Action::TagAgree, &["a"]),
    (Action::TagContradict, &["c"]),
    (Action::TagPartial, &["p"]),
    (Action::TagUnclear, &["U"]),
    (Action::Cancel, &["esc", "q"]),
];

const PAIR_LIST: Bindings = &[
    (Action::SelectNext, &["down", "tab", "ctrl-n"]),
    (Action::SelectPrev, &["up", "shift-tab", "ctrl-p"]),
    (Action::CycleSort, &["ctrl-o"]),
    (Action::Confirm, &["enter"]),
    (Action::Cancel, &["esc"]),
];

const DETAILS: Bindings = &[
    (Action::ScrollDown, &["j", "down"]),
    (Action::ScrollUp, &["k", "up"]),
    (Action::Details, &["D"]),
    (Action::Cancel, &["esc", "q", "enter"]),
];

const LABELS: Bindings = &[
    (Action::SelectNext, &["down", "tab", "ctrl-n"]),
    (Action::SelectPrev, &["up", "shift-tab", "ctrl-p"]),
    (Action::Confirm, &["enter"]),
    (Action::RenameLabel, &["ctrl-r"]),
    (Action::DeleteEntry, &["ctrl-d"]),
    (Action::Cancel, &["esc"]),
];

const THEMES: Bindings = &[
    (Action::SelectNext, &["j", "down", "tab"]),
    (Action::SelectPrev, &["k", "up", "shift-tab"]),
    (Action::Confirm, &["enter"]),
    (Action::Cancel, &["esc", "q"]),
];

const TAG_SETS: Bindings = &[
    (Action::SelectNext, &["j", "down"]),
    (Action::SelectPrev, &["k", "up"]),
    (Action::Confirm, &["enter"]),
    (Action::NewTagSet, &["n"]),
    (Action::SaveTagSetAs, &["s"]),
    (Action::RenameTagSet, &["r"]),
    (Action::DeleteEntry, &["d"]),
    (Action::OpenOverlay, &["o"]),
    (Action::Cancel, &["esc", "q"]),
];

const TAG_SET_NAME: Bindings = &[(Action::Confirm, &["enter"]), (Action::Cancel, &["esc"])];

const REVIEW: Bindings = &[
    (Action::SelectNext, &["j", "down"]),
    (Action::SelectPrev, &["k", "up"]),
    (Action::Reattach, &["a", "enter"]),
    (Action::DeleteEntry, &["d"]),
    (Action::KeepOurs, &["o"]),
    (Action::TakeTheirs, &["t"]),
    (Action::Cancel, &["esc", "q"]),
];

const CONFIRM_QUIT: Bindings = &[
    (Action::SaveAndQuit, &["s", "y"]),
    (Action::QuitWithoutSaving, &["q", "d"]),
    (Action::Cancel, &["esc", "n"]),
];

const CONFIRM: Bindings = &[(Action::Yes, &["y"]), (Action::Cancel, &["n", "esc"])];

const EXPORT: Bindings = &[
    (Action::NextFormat, &["tab", "down"]),
    (Action::PrevFormat, &["shift-tab", "up"]),
    (Action::ToggleUntagged, &["ctrl-t"]),
    (Action::NextField, &["ctrl-n"]),
    (Action::Confirm, &["enter"]),
    (Action::Cancel, &["esc"]),
];

const NOTE: Bindings = &[
    (Action::SaveNote, &["ctrl-s", "esc"]),
    (Action::DiscardNote, &["ctrl-g"]),
    (Action::ExternalEditor, &["ctrl-e"]),
    (Action::CursorLeft, &["left"]),
    (Action::CursorRight, &["right"]),
    (Action::CursorUp, &["up"]),
    (Action::CursorDown, &["down"]),
    (Action::WordLeft, &["ctrl-left", "alt-b"]),
    (Action::WordRight, &["ctrl-right", "alt-f"]),
    (Action::LineStart, &["home", "ctrl-a"]),
    (Action::LineEnd, &["end"]),
    (Action::TextStart, &["ctrl-home"]),
    (Action::TextEnd, &["ctrl-end"]),
    (Action::CursorPageUp, &["pageup"]),
    (Action::CursorPageDown, &["pagedown"]),
    (Action::DeleteBack, &["backspace"]),
    (Action::DeleteForward, &["delete"]),
    (Action::DeleteWordBack, &["ctrl-w", "alt-backspace"]),
    (Action::DeleteToLineStart, &["ctrl-u"]),
    (Action::DeleteToLineEnd, &["ctrl-k"]),
    (Action::NewLine, &["enter"]),
    (Action::Indent, &["tab"]),
];

const LINE: Bindings = &[
    (Action::CursorLeft, &["left", "ctrl-b"]),
    (Action::CursorRight, &["right", "ctrl-f"]),
    (Action::WordLeft, &["alt-b", "ctrl-left"]),
    (Action::WordRight, &["alt-f", "ctrl-right"]),
    (Action::LineStart, &["ctrl-a", "home"]),
    (Action::LineEnd, &["ctrl-e", "end"]),
    (Action::DeleteBack, &["backspace"]),
    (Action::DeleteForward, &["delete"]),
    (Action::DeleteWordBack, &["ctrl-w", "alt-backspace"]),
    (Action::DeleteWordForward, &["alt-d"]),
    (Action::DeleteToLineEnd, &["ctrl-k"]),
    (Action::ClearLine, &["ctrl-u"]),
];
