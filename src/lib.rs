//! diptych: a terminal reader for analysts who compare two reports.
#![forbid(unsafe_code)]

pub mod document;
pub mod tags;
pub mod theme;
