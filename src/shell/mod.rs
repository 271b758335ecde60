//! The shell: the only code that touches the terminal, signals, files and
//! the event source. It sets up (`setup`), runs the event loop and performs
//! the model's effects (`runtime`), hands notes to `$EDITOR` (`editor`) and
//! owns the open tag file (`session`), keeps what the reader remembers
//! between runs (`state`) and says things on standard error (`stderr`).

pub mod editor;
pub mod runtime;
pub mod session;
pub mod setup;
pub mod state;
pub mod stderr;
