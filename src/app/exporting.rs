//! The export dialog (`e`): format, output path (by default the last
//! export's, else named after the two reports in the directory diptych was
//! started from), the short names the brief calls the reports by
//! (kept in the tag set), untagged pairs in or out, confirmation before
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
    /// Which field typing goes to: 0 the path, 1 and 2 the left and right
    /// report's names.
    pub field: usize,
    pub path: LineInput,
    /// The names the brief calls the two reports by, as typed.
    pub names: [LineInput; 2],
    /// The names the brief uses when the analyst gives none (byline,
    /// title or file): a name typed back to this is not stored.
    pub detected: [String; 2],
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
    /// Default export path: the last export's (directory, name and all),
    /// with this format's extension; else named after the two reports in
    /// the directory diptych was started from.
    fn default_export_path(&self, format: Format) -> String {
        if let Some(last) = &self.last_export {
            return std::path::Path::new(last)
                .with_extension(format.extension())
                .display()
                .to_string();
        }
        let names = self
            .tagging
            .as_ref()
            .map_or([None, None], |t| t.set.names.clone());
        let stem = crate::export::input::file_stem(
            [&self.panes[Side::Left].doc, &self.panes[Side::Right].doc],
            &names,
        );
        format!("{stem}.{}", format.extension())
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
        let stored = self
            .tagging
            .as_ref()
            .map_or([None, None], |t| t.set.names.clone());
        // The names exports use when the analyst gives none.
        let detected = Side::BOTH.map(|side| {
            let doc = &self.panes[side].doc;
            crate::export::input::document_info(
                doc,
                &crate::document::byline::authors(&doc.text),
                None,
            )
            .name
        });
        let shown = Side::BOTH.map(|side| {
            stored[side.index()]
                .clone()
                .unwrap_or_else(|| detected[side.index()].clone())
        });
        self.mode = Mode::Export(ExportDialog {
            format,
            field: 0,
            path: LineInput::new(&self.default_export_path(format)),
            names: shown.map(|n| LineInput::new(&n)),
            detected,
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
            &crate::export::input::Context {
                include_untagged,
                focus_topic: comparison.topic,
                date: self.clock.rfc3339.chars().take(10).collect(),
            },
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
            Action::NextField => dialog.field = (dialog.field + 1) % 3,
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
        // A name typed back to the detected one, or cleared, is not stored.
        let names: [Option<String>; 2] = [0, 1].map(|i| {
            let typed = dialog.names[i].text().trim();
            (!typed.is_empty() && typed != dialog.detected[i]).then(|| typed.to_string())
        });
        if path.is_empty() {
            self.warn("give a path to write the export to");
            return Vec::new();
        }
        let stored = self.tagging.as_ref().map(|t| t.set.names.clone());
        if let Some(stored) = stored {
            for side in Side::BOTH {
                if stored[side.index()] != names[side.index()] {
                    self.edit(crate::tags::history::Op::SetName {
                        side,
                        name: names[side.index()].clone(),
                    });
                }
            }
            // A name the tag set refused (the status says why) is not
            // exported either: the dialog stays open to fix it.
            if self.tagging.as_ref().is_some_and(|t| t.set.names != names) {
                return Vec::new();
            }
        }
        let Some(mut input) = self.export_input(untagged) else {
            return Vec::new();
        };
        // Without a tag set the names cannot be kept, but this export
        // still uses them.
        for (doc, name) in input.documents.iter_mut().zip(names) {
            if let Some(name) = name {
                doc.name = name;
            }
        }
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
