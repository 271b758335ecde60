//! Shows what diptych extracted from a report: `cargo run --example
//! passages [--text] [FILE]` (no FILE: the bundled left report). Prints
//! the input format, the hashes of the file and of the extracted text,
//! then each passage with its kind, page (PDF) and lines; `--text` prints
//! the extracted, normalised text instead.
use diptych::document::Document;

fn main() -> anyhow::Result<()> {
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let text_only = args.first().is_some_and(|a| a == "--text");
    if text_only {
        args.remove(0);
    }
    let doc = match args.first() {
        Some(p) => Document::open(std::path::Path::new(p))?,
        None => Document::seed_left(),
    };
    if text_only {
        print!("{}", doc.text);
        return Ok(());
    }
    println!("title:  {}", doc.title);
    println!("format: {:?}", doc.format);
    println!("file sha-256: {}", doc.source_hash);
    println!("text sha-256: {}", doc.hash);
    if !doc.pages.is_empty() {
        println!("pages:  {}", doc.pages.len());
    }
    for p in &doc.passages {
        let text = p.joined(&doc.text);
        let short: String = text.chars().take(70).collect();
        let page = doc
            .page_of_byte(p.byte_start)
            .map_or(String::new(), |n| format!("p.{n}"));
        println!(
            "{:>5} {:<9} {:>5} {:>4}-{:<4} {short}",
            p.id,
            p.kind.as_str(),
            page,
            p.line_start,
            p.line_end
        );
    }
    Ok(())
}
