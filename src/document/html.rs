//! Saved web pages: the article only, without navigation, cookie banners,
//! share buttons, related-article lists, scripts or styles, by the
//! `rs-trafilatura` extractor (a port of trafilatura, the best-scoring
//! open extractor on the ScrapingHub article benchmark), asked for Markdown
//! so headings, lists, emphasis, links and tables survive; the Markdown is
//! then read like any Markdown report. Entities come decoded; the text is
//! normalised like every other input by the caller.

use std::path::Path;

use super::load::LoadError;

/// Deepest element nesting accepted: the extractor walks the tree
/// recursively, so a page nested deeper than any real article is refused
/// before it is parsed.
pub const MAX_DEPTH: usize = 1_000;
/// Stack for the extraction thread: deep but legal pages stay well inside.
const STACK_BYTES: usize = 256 * 1024 * 1024;

/// Fewer words than this is no article (a menu, a title, a script's
/// leftovers).
const MIN_ARTICLE_WORDS: usize = 5;

/// A web page's article as Markdown, and the page's title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub markdown: String,
    pub title: Option<String>,
}

/// Extracts the article of the page `html` (`path` names it in errors).
pub fn extract(html: &str, path: &Path) -> Result<Article, LoadError> {
    let failed = |why: String| LoadError::Html {
        path: path.to_owned(),
        why,
    };
    let depth = nesting_depth(html);
    if depth > MAX_DEPTH {
        return Err(failed(format!(
            "elements are nested {depth} deep (more than {MAX_DEPTH}); save the article as text or PDF instead"
        )));
    }
    let html = html.to_string();
    let result = std::thread::Builder::new()
        .name("html-extract".into())
        .stack_size(STACK_BYTES)
        .spawn(move || {
            let options = rs_trafilatura::Options {
                output_markdown: true,
                include_tables: true,
                include_links: true,
                include_images: false,
                include_comments: false,
                ..rs_trafilatura::Options::default()
            };
            rs_trafilatura::extract_with_options(&html, &options)
        })
        .map_err(|e| failed(format!("cannot start the extraction: {e}")))?
        .join()
        .map_err(|_| failed("the extractor failed on this page".into()))?;
    let result = result.map_err(|e| failed(format!("no article found ({e})")))?;
    let markdown = result
        .content_markdown
        .filter(|m| !m.trim().is_empty())
        .unwrap_or(result.content_text);
    // The extractor falls back to what little a page without an article
    // has (a menu, the title): fewer than a few words is no article.
    let words = markdown
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    if words < MIN_ARTICLE_WORDS {
        return Err(failed(
            "no article text found on the page (is it a page that loads its text with scripts? save it after it has loaded, or print it to PDF)".into(),
        ));
    }
    Ok(Article {
        markdown,
        title: result.metadata.title.filter(|t| !t.trim().is_empty()),
    })
}

/// How deeply the page's elements nest, counted cheaply on the markup: an
/// opening tag goes one deeper, a closing tag one up, void elements and
/// self-closing tags neither. Comments, scripts and styles are skipped.
pub fn nesting_depth(html: &str) -> usize {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "!doctype",
    ];
    let bytes = html.as_bytes();
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0usize);
    while let Some(off) = memchr_lt(&bytes[i..]) {
        i += off + 1;
        if html[i..].starts_with("!--") {
            i = html[i..].find("-->").map_or(bytes.len(), |e| i + e + 3);
            continue;
        }
        let close = html[i..].starts_with('/');
        let name_start = i + usize::from(close);
        let name_end = html[name_start..]
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .map_or(bytes.len(), |e| name_start + e);
        let name = html[name_start..name_end].to_ascii_lowercase();
        let tag_end = html[i..].find('>').map_or(bytes.len(), |e| i + e);
        let self_closing = tag_end > 0 && bytes.get(tag_end - 1) == Some(&b'/');
        if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '!') {
            continue;
        }
        if close {
            depth = depth.saturating_sub(1);
        } else if !self_closing && !VOID.contains(&name.as_str()) {
            depth += 1;
            max = max.max(depth);
            // Raw text elements end at their closing tag only.
            if name == "script" || name == "style" {
                let end = format!("</{name}");
                let from = tag_end.min(bytes.len());
                i = bytes[from..]
                    .windows(end.len())
                    .position(|w| w.eq_ignore_ascii_case(end.as_bytes()))
                    .map_or(bytes.len(), |e| from + e);
                continue;
            }
        }
        i = tag_end.min(bytes.len());
    }
    max
}

fn memchr_lt(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'<')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_counted_on_the_markup() {
        assert_eq!(
            nesting_depth("<html><body><p>a<br>b</p><img src=x></body></html>"),
            3
        );
        assert_eq!(nesting_depth("<!-- <div><div> --><div/><p>x</p>"), 1);
        assert_eq!(
            nesting_depth("<script>if (a < b) { '<div>' }</script><p>x</p>"),
            1
        );
        let deep = "<div>".repeat(5_000);
        assert_eq!(nesting_depth(&deep), 5_000);
        let err = extract(&deep, Path::new("deep.html"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("deep.html") && err.contains("nested 5000 deep"),
            "{err}"
        );
    }

    #[test]
    fn the_article_without_the_page_around_it() {
        let page = "<html><head><title>Wagner’s heirs | Review</title><script>var x=1;</script></head><body>\
            <nav><a href=/>Home</a> <a href=/about>About us</a></nav>\
            <div class=cookie>We use cookies. <button>Accept</button></div>\
            <article><h1>Wagner’s heirs</h1><p>The Africa Corps now holds most of Wagner’s \
            former contracts in the Sahel, according to three officials.</p>\
            <p>Its strength is put at 1,500 men in Mali &amp; 800 in Libya.</p></article>\
            <footer>© 2024 Review. All rights reserved.</footer></body></html>";
        let a = extract(page, Path::new("p.html")).expect("an article");
        assert!(
            a.markdown.contains("Africa Corps now holds most"),
            "{}",
            a.markdown
        );
        assert!(
            a.markdown.contains("1,500 men in Mali & 800"),
            "{}",
            a.markdown
        );
        for junk in ["About us", "cookies", "All rights reserved", "var x"] {
            assert!(!a.markdown.contains(junk), "{junk}: {}", a.markdown);
        }
        assert!(a.title.is_some_and(|t| t.contains("Wagner")));
    }
}
