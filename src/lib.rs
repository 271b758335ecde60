//! diptych: a terminal reader for analysts who compare two reports.
#![forbid(unsafe_code)]

pub mod align;
pub mod document;
pub mod theme;
