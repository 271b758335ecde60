//! diptych: a terminal reader for analysts who compare two reports.
#![forbid(unsafe_code)]

pub mod action;
pub mod align;
pub mod app;
pub mod atomic;
pub mod cli;
pub mod command;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod export;
pub mod keymap;
pub mod sanitize;
pub mod shell;
pub mod side;
pub mod tags;
pub mod theme;
pub mod ui;
