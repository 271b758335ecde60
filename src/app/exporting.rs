//! The export dialog (`e`): format, output path (a default beside the tag
//! set, editable), untagged pairs in or out, confirmation before
//! overwriting. Rendering is pure and happens here; the write is an effect.

use std::path::PathBuf;

use super::{App, Level, LineInput, Mode, Status};
use crate::action::{Action, Effect};
use crate::export::{self, Format};
use crate::keymap::Table;
use crate::side::Side;

/// The dialog's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportDialog {
    pub format: Format,
    pub path: LineInput,
    /// The path was edited by hand (format changes then keep it).
    pub path_edited: bool,
    pub include_untagged: bool,
    /// The file exists: waiting for `y` to overwrite.
    pub confirm_overwrite: bool,
}

/// Why an export was not written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportFailure {
    /// The file exists and overwriting was not confirmed.
    Exists(PathBuf),
    Failed(String),
}

impl App {
    /// Default export path: the last export's, with this format's
    /// extension; else beside the tag set, named after it.
    fn default_export_path(&self, format: Format) -> String {
        if let Some(last) = &self.last_export {
            return std::path::Path::new(last)
                .with_extension(format.extension())
                .display()
                .to_string();
        }
        let (dir, name) = match &self.tagging {
            Some(t) => (
                t.path.parent().map(PathBuf::from).unwrap_or_default(),
                t.set.name.clone(),
            ),
            None => (PathBuf::from("."), "diptych".to_string()),
        };
        dir.join(format!("{name}.export.{}", format.extension()))
            .display()
            .to_string()
    }

    pub(super) fn open_export(&mut self) {
        if self.comparison.is_none() {
            self.info("still aligning: export when the pairs are ready");
            return;
        }
        // The format of the last export, else Markdown.
        let format = self
            .last_export
            .as_deref()
            .and_then(|p| std::path::Path::new(p).extension())
            .and_then(|ext| Format::ALL.iter().find(|f| ext == f.extension()))
            .copied()
            .unwrap_or(Format::Markdown);
        self.mode = Mode::Export(ExportDialog {
            format,
            path: LineInput::new(&self.default_export_path(format)),
            path_edited: false,
            include_untagged: false,
            confirm_overwrite: false,
        });
    }

    /// The comparison as exporters see it.
    pub fn export_input(&self, include_untagged: bool) -> Option<export::Comparison> {
        let comparison = self.comparison.as_ref()?;
        let (set, states) = match &self.tagging {
            Some(t) => (
                t.set.clone(),
                crate::export::input::states_from_ids(&t.set, &t.orphaned, &t.moved, &t.sides),
            ),
            None => (
                crate::tags::TagSet::new(
                    "untitled",
                    crate::tags::DocumentRef::of(&self.panes[Side::Left].doc),
                    crate::tags::DocumentRef::of(&self.panes[Side::Right].doc),
                ),
                Vec::new(),
            ),
        };
        Some(crate::export::input::build(
            &self.panes[Side::Left].doc,
            &self.panes[Side::Right].doc,
            &comparison.alignment,
            &set,
            &states,
            include_untagged,
        ))
    }

    pub(super) fn export_action(&mut self, action: Action) -> Vec<Effect> {
        let defaults: Vec<(Format, String)> = Format::ALL
            .iter()
            .map(|&f| (f, self.default_export_path(f)))
            .collect();
        let Mode::Export(dialog) = &mut self.mode else {
            return Vec::new();
        };
        if dialog.confirm_overwrite {
            dialog.confirm_overwrite = false;
            if action == Action::Yes {
                return self.write_export(true);
            }
            let cancel = self.key_in(Table::Export, Action::Cancel);
            self.info(format!("not overwritten: edit the path or press {cancel}"));
            return Vec::new();
        }
        match action {
            Action::Cancel => self.mode = Mode::Normal,
            Action::NextFormat | Action::PrevFormat => {
                let step = if action == Action::NextFormat {
                    1
                } else {
                    Format::ALL.len() - 1
                };
                let at = Format::ALL
                    .iter()
                    .position(|&f| f == dialog.format)
                    .unwrap_or(0);
                dialog.format = Format::ALL[(at + step) % Format::ALL.len()];
                if !dialog.path_edited {
                    let path = defaults
                        .iter()
                        .find(|(f, _)| *f == dialog.format)
                        .map_or(String::new(), |(_, p)| p.clone());
                    dialog.path = LineInput::new(&path);
                }
            }
            Action::ToggleUntagged => dialog.include_untagged = !dialog.include_untagged,
            Action::Confirm => return self.write_export(false),
            _ => {
                self.edit_line(action);
            }
        }
        Vec::new()
    }

    fn write_export(&mut self, overwrite: bool) -> Vec<Effect> {
        let Mode::Export(dialog) = &self.mode else {
            return Vec::new();
        };
        let (format, path, untagged) = (
            dialog.format,
            dialog.path.text().trim().to_string(),
            dialog.include_untagged,
        );
        if path.is_empty() {
            self.warn("give a path to write the export to");
            return Vec::new();
        }
        let Some(input) = self.export_input(untagged) else {
            return Vec::new();
        };
        let contents = export::render(
            format,
            &input,
            &export::Options {
                include_untagged: untagged,
            },
        );
        let mut protect = self
            .tagging
            .as_ref()
            .map(|t| export::Protected::tag_file(&t.path))
            .unwrap_or_default();
        for pane in &self.panes {
            if let crate::document::Source::File(report) = &pane.doc.source {
                protect.push(export::Protected::report(report));
            }
        }
        vec![Effect::WriteExport {
            path: PathBuf::from(path),
            contents,
            overwrite,
            protect,
        }]
    }

    pub(super) fn exported(&mut self, result: Result<PathBuf, ExportFailure>) {
        match result {
            Ok(path) => {
                self.mode = Mode::Normal;
                self.info(format!("exported to {}", path.display()));
                self.last_export = Some(path.display().to_string());
            }
            Err(ExportFailure::Exists(path)) => {
                if let Mode::Export(dialog) = &mut self.mode {
                    dialog.confirm_overwrite = true;
                }
                let yes = self.key_in(Table::Confirm, Action::Yes);
                self.warn(format!(
                    "{} exists: {yes} overwrites it, any other key keeps it",
                    path.display()
                ));
            }
            Err(ExportFailure::Failed(message)) => {
                self.status = Some(Status {
                    text: message,
                    level: Level::Error,
                });
            }
        }
    }
}
