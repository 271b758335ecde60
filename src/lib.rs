//! diptych: a terminal reader for analysts who compare two reports.
#![forbid(unsafe_code)]

pub mod action;
pub mod app;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod export;
pub mod keymap;
pub mod pane;
pub mod runtime;
pub mod search;
pub mod setup;
pub mod tags;
pub mod theme;
pub mod ui;
