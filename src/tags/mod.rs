//! Tag sets: the analyst's judgements on pairs of passages. The model,
//! anchors, re-anchoring, edit history and views are pure; `store` does the
//! file I/O.

pub mod agreement;
pub mod anchor;
pub mod codec;
pub mod compare;
pub mod history;
pub mod merge;
pub mod model;
pub mod reanchor;
pub mod store;
pub mod time;
pub mod view;

pub use anchor::Anchor;
pub use model::{
    Conflict, Counts, DocumentMismatch, DocumentRef, DocumentStatus, FORMAT_VERSION, Judgement,
    Label, Origin, Side, Stance, Tag, TagId, TagSet,
};
pub use reanchor::{AnchorKind, AnchorState, AnchorText, reanchor_and_move, reanchor_tagset};
