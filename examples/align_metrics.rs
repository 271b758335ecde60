//! Measures sentence candidates against an analyst's reference:
//! `cargo run --release --example align_metrics [REFERENCE.json ...]`.
//! Without arguments, every reference in `tests/fixtures/reference/`.
//!
//! For each pair of the reference, the left sentence's candidates are
//! searched for the right one (left → right) and the other way round; the
//! figures are hit@1, hit@3 and MRR over the top 10 (a partner not in the
//! top 10 counts 0). `benches/sentence_baseline.py` computes the same
//! figures for a plain scikit-learn TF-IDF over the same sentences.
use std::path::{Path, PathBuf};

use diptych::align::{AliasTable, Alignment, Candidate, align};
use diptych::document::{Document, Sentence};

#[derive(serde::Deserialize)]
struct Reference {
    left: String,
    right: String,
    pairs: Vec<RefPair>,
}

#[derive(serde::Deserialize)]
struct RefPair {
    left: String,
    right: String,
    relation: String,
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The sentence that contains the quote's first 40 characters.
fn find(doc: &Document, sentences: &[Sentence], quote: &str) -> Option<usize> {
    let q: String = collapse(quote).chars().take(40).collect();
    sentences
        .iter()
        .position(|s| s.joined(&doc.text).contains(&q))
}

fn rank(list: &[Candidate], target: usize) -> Option<usize> {
    list.iter().position(|c| c.other as usize == target)
}

#[derive(Default)]
struct Tally {
    n: usize,
    hit1: usize,
    hit3: usize,
    rr: f64,
}

impl Tally {
    fn add(&mut self, r: Option<usize>) {
        self.n += 1;
        if let Some(r) = r {
            self.hit1 += usize::from(r == 0);
            self.hit3 += usize::from(r < 3);
            self.rr += 1.0 / (r + 1) as f64;
        }
    }
    fn line(&self, what: &str) -> String {
        let n = self.n.max(1) as f64;
        format!(
            "{what:<16} n={:<3} hit@1={:.3} hit@3={:.3} MRR={:.3}",
            self.n,
            self.hit1 as f64 / n,
            self.hit3 as f64 / n,
            self.rr / n
        )
    }
}

fn measure(path: &Path, verbose: bool) -> anyhow::Result<()> {
    let reference: Reference = serde_json::from_str(&std::fs::read_to_string(path)?)?;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let left = Document::open(&root.join(&reference.left))?;
    let right = Document::open(&root.join(&reference.right))?;
    let a: Alignment = align(&left, &right, &AliasTable::builtin());
    let (mut lr, mut rl, mut both) = (Tally::default(), Tally::default(), Tally::default());
    println!("{}", path.display());
    for p in &reference.pairs {
        let l = find(&left, &a.sentences.left, &p.left);
        let r = find(&right, &a.sentences.right, &p.right);
        let (Some(l), Some(r)) = (l, r) else {
            println!("  quote not found: {:?} / {:?}", p.left, p.right);
            lr.add(None);
            rl.add(None);
            both.add(None);
            both.add(None);
            continue;
        };
        let x = rank(&a.candidates.left[l], r);
        let y = rank(&a.candidates.right[r], l);
        if verbose {
            let show = |r: Option<usize>| r.map_or("-".to_owned(), |r| (r + 1).to_string());
            println!(
                "  {:>3} {:>3}  {:<10} {} ↔ {}",
                show(x),
                show(y),
                p.relation,
                a.sentences.left[l].id,
                a.sentences.right[r].id
            );
        }
        lr.add(x);
        rl.add(y);
        both.add(x);
        both.add(y);
    }
    println!("  {}", lr.line("left → right"));
    println!("  {}", rl.line("right → left"));
    println!("  {}", both.line("both"));
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    args.retain(|a| a != "-v");
    let paths: Vec<PathBuf> = if args.is_empty() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reference");
        let mut v: Vec<PathBuf> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        v.sort();
        v
    } else {
        args.iter().map(PathBuf::from).collect()
    };
    for p in paths {
        measure(&p, verbose)?;
    }
    Ok(())
}
