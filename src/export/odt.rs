//! The brief as an OpenDocument text (`.odt`, ODF 1.3), from the outline
//! every word-processor format shares. No maintained Rust crate writes ODF
//! text documents, so the XML is written with `quick-xml`'s event writer
//! (which escapes every text and attribute value; no markup is ever built
//! from strings) and packaged with the `zip` crate: `mimetype` first and
//! stored, as the format requires, then the manifest, styles, metadata and
//! content, all with the zip format's fixed 1980-01-01 timestamp, so the
//! same comparison always gives the same bytes.

use std::io::Write as _;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use zip::write::SimpleFileOptions;

use super::outline::{Block, Run, outline};
use super::{Comparison, Options};

const MIMETYPE: &str = "application/vnd.oasis.opendocument.text";
const ODF_VERSION: &str = "1.3";

const NS_OFFICE: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
const NS_STYLE: &str = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
const NS_TEXT: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const NS_TABLE: &str = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
const NS_FO: &str = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0";
const NS_META: &str = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0";
const NS_DC: &str = "http://purl.org/dc/elements/1.1/";
const NS_MANIFEST: &str = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0";

/// Renders the ODT brief. Pure and deterministic.
pub fn render(c: &Comparison, opts: &Options) -> Vec<u8> {
    let blocks = outline(c, opts);
    let title = blocks
        .iter()
        .find_map(|b| match b {
            Block::Title(t) => Some(t.clone()),
            _ => None,
        })
        .unwrap_or_default();
    let files = [
        ("META-INF/manifest.xml", manifest()),
        ("styles.xml", styles()),
        ("meta.xml", meta(&title, &c.generated_by)),
        ("content.xml", content(&blocks)),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // Writing into memory fails only on I/O errors, which a Vec never gives.
    let fail = "ODT into memory cannot fail";
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).expect(fail);
    zip.write_all(MIMETYPE.as_bytes()).expect(fail);
    let deflated =
        SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        zip.start_file(name, deflated).expect(fail);
        zip.write_all(&bytes).expect(fail);
    }
    zip.finish().expect(fail).into_inner()
}

/// An XML document being written; writes into memory cannot fail.
struct Xml(Writer<Vec<u8>>);

impl Xml {
    fn new() -> Xml {
        let mut w = Writer::new(Vec::new());
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
            .expect("XML into memory cannot fail");
        Xml(w)
    }

    fn event(&mut self, e: Event<'_>) {
        self.0.write_event(e).expect("XML into memory cannot fail");
    }

    fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.event(Event::Start(
            BytesStart::new(name).with_attributes(attrs.iter().copied()),
        ));
    }

    fn close(&mut self, name: &str) {
        self.event(Event::End(BytesEnd::new(name)));
    }

    fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.event(Event::Empty(
            BytesStart::new(name).with_attributes(attrs.iter().copied()),
        ));
    }

    fn text(&mut self, s: &str) {
        self.event(Event::Text(BytesText::new(s)));
    }

    /// Paragraph text as ODF keeps it: line breaks and tabs as elements,
    /// and runs of spaces (which ODF collapses) as `text:s`.
    fn spaced_text(&mut self, s: &str, at_start: &mut bool) {
        let mut plain = String::new();
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\n' | '\t' => {
                    self.flush(&mut plain);
                    self.empty(
                        if c == '\n' {
                            "text:line-break"
                        } else {
                            "text:tab"
                        },
                        &[],
                    );
                    *at_start = c == '\n';
                }
                ' ' => {
                    let mut n = 1;
                    while chars.peek() == Some(&' ') {
                        chars.next();
                        n += 1;
                    }
                    // One space may stay plain unless it leads the line.
                    let extra = if *at_start { n } else { n - 1 };
                    if extra < n {
                        plain.push(' ');
                    }
                    if extra > 0 {
                        self.flush(&mut plain);
                        let count = extra.to_string();
                        self.empty("text:s", &[("text:c", &count)]);
                    }
                    *at_start = false;
                }
                c => {
                    plain.push(c);
                    *at_start = false;
                }
            }
        }
        self.flush(&mut plain);
    }

    fn flush(&mut self, plain: &mut String) {
        if !plain.is_empty() {
            self.text(plain);
            plain.clear();
        }
    }

    fn finish(self) -> Vec<u8> {
        self.0.into_inner()
    }
}

fn manifest() -> Vec<u8> {
    let mut x = Xml::new();
    x.open(
        "manifest:manifest",
        &[
            ("xmlns:manifest", NS_MANIFEST),
            ("manifest:version", ODF_VERSION),
        ],
    );
    x.empty(
        "manifest:file-entry",
        &[
            ("manifest:full-path", "/"),
            ("manifest:version", ODF_VERSION),
            ("manifest:media-type", MIMETYPE),
        ],
    );
    for file in ["content.xml", "styles.xml", "meta.xml"] {
        x.empty(
            "manifest:file-entry",
            &[
                ("manifest:full-path", file),
                ("manifest:media-type", "text/xml"),
            ],
        );
    }
    x.close("manifest:manifest");
    x.finish()
}

fn meta(title: &str, generator: &str) -> Vec<u8> {
    let mut x = Xml::new();
    x.open(
        "office:document-meta",
        &[
            ("xmlns:office", NS_OFFICE),
            ("xmlns:meta", NS_META),
            ("xmlns:dc", NS_DC),
            ("office:version", ODF_VERSION),
        ],
    );
    x.open("office:meta", &[]);
    x.open("meta:generator", &[]);
    x.text(generator);
    x.close("meta:generator");
    x.open("dc:title", &[]);
    x.text(title);
    x.close("dc:title");
    x.close("office:meta");
    x.close("office:document-meta");
    x.finish()
}

/// A paragraph style: name, display name, font size, bold, italic, left
/// margin.
type ParaStyle<'a> = (&'a str, &'a str, &'a str, bool, bool, &'a str);

const PARAGRAPH_STYLES: &[ParaStyle<'static>] = &[
    (
        "Standard",
        "Default Paragraph Style",
        "11pt",
        false,
        false,
        "0cm",
    ),
    ("Title", "Title", "20pt", true, false, "0cm"),
    ("Heading_20_1", "Heading 1", "16pt", true, false, "0cm"),
    ("Heading_20_2", "Heading 2", "14pt", true, false, "0cm"),
    ("Heading_20_3", "Heading 3", "12pt", true, false, "0cm"),
    ("Quotations", "Quotations", "11pt", false, true, "1.25cm"),
];

fn styles() -> Vec<u8> {
    let mut x = Xml::new();
    x.open(
        "office:document-styles",
        &[
            ("xmlns:office", NS_OFFICE),
            ("xmlns:style", NS_STYLE),
            ("xmlns:text", NS_TEXT),
            ("xmlns:fo", NS_FO),
            ("office:version", ODF_VERSION),
        ],
    );
    x.open("office:styles", &[]);
    for &(name, display, size, bold, italic, margin) in PARAGRAPH_STYLES {
        let mut attrs = vec![
            ("style:name", name),
            ("style:display-name", display),
            ("style:family", "paragraph"),
        ];
        if name != "Standard" {
            attrs.push(("style:parent-style-name", "Standard"));
        }
        x.open("style:style", &attrs);
        x.empty(
            "style:paragraph-properties",
            &[
                ("fo:margin-left", margin),
                ("fo:margin-top", "0.1cm"),
                ("fo:margin-bottom", "0.15cm"),
            ],
        );
        let mut text = vec![("fo:font-size", size)];
        if bold {
            text.push(("fo:font-weight", "bold"));
        }
        if italic {
            text.push(("fo:font-style", "italic"));
        }
        x.empty("style:text-properties", &text);
        x.close("style:style");
    }
    for (name, attr, value) in [
        ("Strong_20_Emphasis", "fo:font-weight", "bold"),
        ("Emphasis", "fo:font-style", "italic"),
    ] {
        x.open(
            "style:style",
            &[("style:name", name), ("style:family", "text")],
        );
        x.empty("style:text-properties", &[(attr, value)]);
        x.close("style:style");
    }
    x.close("office:styles");
    x.close("office:document-styles");
    x.finish()
}

fn content(blocks: &[Block]) -> Vec<u8> {
    let mut x = Xml::new();
    x.open(
        "office:document-content",
        &[
            ("xmlns:office", NS_OFFICE),
            ("xmlns:style", NS_STYLE),
            ("xmlns:text", NS_TEXT),
            ("xmlns:table", NS_TABLE),
            ("xmlns:fo", NS_FO),
            ("office:version", ODF_VERSION),
        ],
    );
    x.open("office:automatic-styles", &[]);
    x.open("text:list-style", &[("style:name", "Bullets")]);
    x.open(
        "text:list-level-style-bullet",
        &[("text:level", "1"), ("text:bullet-char", "•")],
    );
    x.empty(
        "style:list-level-properties",
        &[
            ("text:space-before", "0.4cm"),
            ("text:min-label-width", "0.5cm"),
        ],
    );
    x.close("text:list-level-style-bullet");
    x.close("text:list-style");
    x.close("office:automatic-styles");
    x.open("office:body", &[]);
    x.open("office:text", &[]);
    let mut tables = 0;
    let mut in_list = false;
    for block in blocks {
        // Consecutive items make one list.
        let item = matches!(block, Block::Item(_));
        if in_list && !item {
            x.close("text:list");
        } else if !in_list && item {
            x.open("text:list", &[("text:style-name", "Bullets")]);
        }
        in_list = item;
        match block {
            Block::Title(text) => paragraph(&mut x, "Title", &[Run::plain(text.clone())]),
            Block::Heading(level, text) => {
                let style = format!("Heading_20_{level}");
                let level = level.to_string();
                x.open(
                    "text:h",
                    &[("text:style-name", &style), ("text:outline-level", &level)],
                );
                x.spaced_text(text, &mut true);
                x.close("text:h");
            }
            Block::Para(runs) => paragraph(&mut x, "Standard", runs),
            Block::Item(runs) => {
                x.open("text:list-item", &[]);
                paragraph(&mut x, "Standard", runs);
                x.close("text:list-item");
            }
            Block::Quote(text) => paragraph(&mut x, "Quotations", &[Run::plain(text.clone())]),
            Block::Table { header, rows } => {
                tables += 1;
                table(&mut x, &format!("Table{tables}"), header, rows);
            }
        }
    }
    if in_list {
        x.close("text:list");
    }
    x.close("office:text");
    x.close("office:body");
    x.close("office:document-content");
    x.finish()
}

fn paragraph(x: &mut Xml, style: &str, runs: &[Run]) {
    x.open("text:p", &[("text:style-name", style)]);
    let mut at_start = true;
    for run in runs {
        let span = match (run.bold, run.italic) {
            (true, _) => Some("Strong_20_Emphasis"),
            (false, true) => Some("Emphasis"),
            (false, false) => None,
        };
        if let Some(span) = span {
            x.open("text:span", &[("text:style-name", span)]);
        }
        x.spaced_text(&run.text, &mut at_start);
        if span.is_some() {
            x.close("text:span");
        }
    }
    x.close("text:p");
}

fn table(x: &mut Xml, name: &str, header: &[String], rows: &[Vec<String>]) {
    x.open("table:table", &[("table:name", name)]);
    let columns = header.len().to_string();
    x.empty(
        "table:table-column",
        &[("table:number-columns-repeated", &columns)],
    );
    let row = |x: &mut Xml, cells: &[String], bold: bool| {
        x.open("table:table-row", &[]);
        for cell in cells {
            x.open("table:table-cell", &[("office:value-type", "string")]);
            let run = Run {
                text: cell.clone(),
                bold,
                italic: false,
            };
            paragraph(x, "Standard", &[run]);
            x.close("table:table-cell");
        }
        x.close("table:table-row");
    };
    x.open("table:table-header-rows", &[]);
    row(x, header, true);
    x.close("table:table-header-rows");
    for r in rows {
        row(x, r, false);
    }
    x.close("table:table");
}
