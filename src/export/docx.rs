//! The brief as a Word document (Office Open XML, `.docx`), written with
//! the `docx-rs` crate from the outline every word-processor format shares:
//! headings with Word's built-in heading styles (so the navigation pane and
//! a table of contents see them), tables for the reports, the summary and
//! the topic × stance matrix, indented block quotes for the two sides, the
//! stance in glyph and word. docx-rs escapes all text; the archive's entries
//! carry the zip format's fixed 1980-01-01 timestamp and the core properties
//! a fixed date, so the same comparison always gives the same bytes.

use docx_rs::{
    AbstractNumbering, BreakType, Docx, IndentLevel, Level, LevelJc, LevelText, NumberFormat,
    Numbering, NumberingId, Paragraph, Run as DocxRun, SpecialIndentType, Start, Style, StyleType,
    Table, TableCell, TableRow,
};

use super::outline::{Block, Run, outline};
use super::{Comparison, Options};

/// The numbering definition of the bullet lists.
const BULLETS: usize = 1;

/// Renders the DOCX brief. Pure and deterministic.
pub fn render(c: &Comparison, opts: &Options) -> Vec<u8> {
    // docx-rs would number paragraphs from a counter that lives as long as
    // the thread; numbering them here makes every export of the same
    // comparison identical.
    let mut ids = Ids(0);
    let mut doc = styled(Docx::new());
    for block in outline(c, opts) {
        doc = match block {
            Block::Title(text) => {
                doc.add_paragraph(para(&mut ids, &[Run::plain(text)]).style("Title"))
            }
            Block::Heading(level, text) => doc.add_paragraph(
                para(&mut ids, &[Run::plain(text)]).style(&format!("Heading{level}")),
            ),
            Block::Para(runs) => doc.add_paragraph(para(&mut ids, &runs).style("Normal")),
            Block::Item(runs) => doc.add_paragraph(
                para(&mut ids, &runs)
                    .style("Normal")
                    .numbering(NumberingId::new(BULLETS), IndentLevel::new(0)),
            ),
            Block::Quote(text) => {
                doc.add_paragraph(para(&mut ids, &[Run::plain(text)]).style("Quote"))
            }
            Block::Table { header, rows } => {
                let mut row = |cells: &[String], bold: bool| {
                    TableRow::new(
                        cells
                            .iter()
                            .map(|cell| {
                                let run = if bold {
                                    Run::bold(cell.clone())
                                } else {
                                    Run::plain(cell.clone())
                                };
                                TableCell::new()
                                    .add_paragraph(para(&mut ids, &[run]).style("Normal"))
                            })
                            .collect(),
                    )
                };
                let mut table_rows = vec![row(&header, true)];
                table_rows.extend(rows.iter().map(|r| row(r, false)));
                doc.add_table(Table::new(table_rows))
                    .add_paragraph(para(&mut ids, &[]).style("Normal"))
            }
        };
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    doc.created_at("2000-01-01T00:00:00Z")
        .build()
        .pack(&mut buf)
        // Packing into memory fails only on I/O errors, which a Vec never
        // gives.
        .expect("DOCX into memory cannot fail");
    buf.into_inner()
}

/// The styles the brief uses, named as Word's built-in ones so Word shows
/// them under their usual names.
fn styled(doc: Docx) -> Docx {
    let heading = |level: usize, size: usize| {
        Style::new(format!("Heading{level}"), StyleType::Paragraph)
            .name(format!("heading {level}"))
            .based_on("Normal")
            .next("Normal")
            .outline_lvl(level - 1)
            .size(size)
            .bold()
    };
    // Every paragraph names its style: docx-rs cannot mark a default one.
    doc.add_style(Style::new("Normal", StyleType::Paragraph).name("Normal"))
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .size(40)
                .bold(),
        )
        .add_style(heading(1, 32))
        .add_style(heading(2, 28))
        .add_style(heading(3, 24))
        .add_style(
            Style::new("Quote", StyleType::Paragraph)
                .name("Quote")
                .based_on("Normal")
                .italic()
                .indent(Some(720), None, Some(360), None),
        )
        .add_abstract_numbering(
            AbstractNumbering::new(BULLETS).add_level(
                Level::new(
                    0,
                    Start::new(1),
                    NumberFormat::new("bullet"),
                    LevelText::new("•"),
                    LevelJc::new("left"),
                )
                .indent(
                    Some(720),
                    Some(SpecialIndentType::Hanging(360)),
                    None,
                    None,
                ),
            ),
        )
        .add_numbering(Numbering::new(BULLETS, BULLETS))
}

/// Paragraph ids (`w14:paraId`), counted from 1 in each document.
struct Ids(u32);

/// A paragraph of runs; line breaks inside a run become Word line breaks.
fn para(ids: &mut Ids, runs: &[Run]) -> Paragraph {
    ids.0 += 1;
    let mut p = Paragraph::new().id(format!("{:08X}", ids.0));
    for run in runs {
        for (i, line) in run.text.split('\n').enumerate() {
            let mut r = DocxRun::new();
            if i > 0 {
                r = r.add_break(BreakType::TextWrapping);
            }
            r = r.add_text(line);
            if run.bold {
                r = r.bold();
            }
            if run.italic {
                r = r.italic();
            }
            p = p.add_run(r);
        }
    }
    p
}
