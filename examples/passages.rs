//! Prints the passages of a report: `cargo run --example passages FILE`.
use diptych::document::Document;

fn main() -> anyhow::Result<()> {
    let doc = match std::env::args_os().nth(1) {
        Some(p) => Document::open(std::path::Path::new(&p))?,
        None => Document::seed_left(),
    };
    println!("title: {}", doc.title);
    for p in &doc.passages {
        let text = p.joined(&doc.text);
        let short: String = text.chars().take(70).collect();
        println!(
            "{:>5} {:<11} {:>4}-{:<4} {short}",
            p.id,
            p.kind.as_str(),
            p.line_start,
            p.line_end
        );
    }
    Ok(())
}
