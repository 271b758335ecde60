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
    /// Switch focus to the other pane
    SwitchPane = "switch_pane",
    /// Search in the focused pane
    Search = "search",
    /// Go to the next search match
    SearchNext = "search_next",
    /// Go to the previous search match
    SearchPrev = "search_prev",
    /// Choose a theme (previewed live)
    PickTheme = "pick_theme",
    /// Show or hide this help
    Help = "help",
    /// Quit diptych
    Quit = "quit",
    /// Quit diptych at once
    ForceQuit = "force_quit",
    /// Suspend to the shell (resume with fg)
    Suspend = "suspend",
}

/// Work the runtime performs on behalf of [`crate::app::App::update`], which
/// itself never touches the terminal, the disk or the clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Restore the terminal and exit.
    Quit,
    /// Restore the terminal, stop the process (SIGTSTP), and redraw on resume.
    Suspend,
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
