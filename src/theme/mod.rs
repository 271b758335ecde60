//! Semantic styles: every widget asks the theme for a meaning (`agree`,
//! `selection`, `border_focused`), never for a colour. Themes are TOML files;
//! the bundled ones live in `themes/` and are embedded in the binary.

mod color;
mod parse;
mod set;

pub use color::parse_color;
pub use set::{BUNDLED, DEFAULT_THEME, NO_COLOR_THEME, ThemeError, ThemeSet, no_color_from_env};

use ratatui::style::Style;

/// Declares every slot once, so the `Theme` fields, the `Slot` enum, the slot
/// names used in theme files and the documentation cannot drift apart.
macro_rules! slots {
    ($($field:ident => $variant:ident: $doc:literal,)+) => {
        /// Resolved styles for every meaning the interface shows.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct Theme {
            /// The theme's name (its file name without `.toml`).
            pub name: String,
            $(#[doc = $doc] pub $field: Style,)+
        }

        /// A named meaning that a theme gives a style to.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Slot {
            $(#[doc = $doc] $variant,)+
        }

        impl Slot {
            /// Every slot, in documentation order.
            pub const ALL: &'static [Slot] = &[$(Slot::$variant,)+];

            /// The key that names this slot in a theme file.
            pub fn name(self) -> &'static str {
                match self {
                    $(Slot::$variant => stringify!($field),)+
                }
            }

            /// What the slot is used for, as shown in the docs.
            pub fn description(self) -> &'static str {
                match self {
                    $(Slot::$variant => $doc.trim(),)+
                }
            }
        }

        impl Theme {
            /// A theme named `name` with every slot unstyled.
            pub fn plain(name: impl Into<String>) -> Self {
                Theme { name: name.into(), $($field: Style::new(),)+ }
            }

            /// The style of one slot.
            pub fn style(&self, slot: Slot) -> Style {
                match slot {
                    $(Slot::$variant => self.$field,)+
                }
            }

            /// Mutable access to one slot, for resolving theme files.
            pub fn style_mut(&mut self, slot: Slot) -> &mut Style {
                match slot {
                    $(Slot::$variant => &mut self.$field,)+
                }
            }
        }
    };
}

slots! {
    text => Text: " Body text of both documents.",
    muted => Muted: " Secondary text: passage numbers, hints, empty-state messages.",
    title => Title: " Pane and popup titles.",
    border => Border: " Borders of panes that do not have focus.",
    border_focused => BorderFocused: " Border of the pane that has focus.",
    gutter => Gutter: " The gutter beside each pane (line marks, stance glyphs' background).",
    selection => Selection: " The selected passage or list item.",
    search_match => SearchMatch: " Text matching the current search.",
    topic_term => TopicTerm: " A highlighted topic term shared by both documents.",
    cursor => Cursor: " The sentence under the cursor (shown with a `›` in the gutter too).",
    pair_sentence => PairSentence: " The sentences that carry the current pair, in both panes.",
    pair_marker => PairMarker: " The marker linking a passage to its aligned counterpart.",
    agree => Agree: " Stance: the passages agree.",
    contradict => Contradict: " Stance: the passages contradict each other.",
    partial => Partial: " Stance: the passages partly agree.",
    unclear => Unclear: " Stance: the relation is unclear.",
    orphaned => Orphaned: " A tag whose anchor text can no longer be found.",
    status => Status: " The status line.",
    status_ok => StatusOk: " Status message: success.",
    status_warn => StatusWarn: " Status message: warning (e.g. a problem in a user file).",
    status_error => StatusError: " Status message: error.",
    popup => Popup: " Popups and overlays (help, pickers, note editor).",
    help_key => HelpKey: " Key names in the help overlay and status line hints.",
}

impl Slot {
    /// The slot named `name` in a theme file.
    pub fn from_name(name: &str) -> Option<Slot> {
        Slot::ALL.iter().copied().find(|slot| slot.name() == name)
    }
}

impl Default for Theme {
    fn default() -> Self {
        Self::dark()
    }
}

impl Theme {
    /// The default theme for dark terminals, from the bundled `themes/dark.toml`.
    pub fn dark() -> Self {
        ThemeSet::bundled()
            .get(DEFAULT_THEME)
            .unwrap_or_else(|| Theme::plain(DEFAULT_THEME))
    }
}
