//! Reading order of a PDF page from the geometry of its text blocks.
//!
//! poppler's `pdftotext` finds the blocks (paragraph-like groups of lines)
//! well, but its own ordering of them interleaves two columns whenever the
//! paragraph gaps of one column fall beside text in the other (measured on
//! tests/fixtures/inputs/make_inputs.py: page 1 read left column, first
//! paragraph; right column, two paragraphs; left column again). So diptych
//! asks for the blocks with their boxes (`-bbox-layout`) and orders them
//! itself by a recursive X–Y cut: a region is split at a vertical gutter
//! that no block crosses (left before right), else into horizontal bands
//! (top before bottom). Bands that leave the same gutter free are read as
//! one region before the cut, so two columns whose paragraph gaps happen
//! to line up, or a heading that fills only one column, do not break the
//! columns apart; a title or a box across the gutter still separates them.

use quick_xml::Reader;
use quick_xml::events::Event;

/// A box in page points, y growing downwards (as pdftotext writes them).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

/// A block of lines, each line its words joined by single spaces.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub rect: Rect,
    pub lines: Vec<String>,
    /// Each line's box: its right edge tells a paragraph's last line
    /// (short) from a full one, its height the type size.
    pub line_boxes: Vec<Rect>,
}

/// The blocks of one page, in the order pdftotext wrote them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub blocks: Vec<Block>,
}

/// The narrowest gap between blocks read as a gutter between columns, in
/// points: column gutters are 12–36 pt, and a page number centred in a
/// gutter leaves less than this on either side.
const MIN_GUTTER: f64 = 12.0;
/// Deeper than any page's structure; a bound against hostile geometry.
const MAX_DEPTH: usize = 64;

/// Parses pdftotext's `-bbox-layout` XHTML into pages of blocks.
pub fn parse(xml: &str) -> Result<Vec<Page>, String> {
    let mut reader = Reader::from_str(xml);
    let mut pages: Vec<Page> = Vec::new();
    let mut word: Option<String> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("unreadable layout from pdftotext: {e}"))?;
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                b"page" => pages.push(Page::default()),
                b"block" => {
                    let rect = rect_of(&e)?;
                    if let Some(page) = pages.last_mut() {
                        page.blocks.push(Block {
                            rect,
                            lines: Vec::new(),
                            line_boxes: Vec::new(),
                        });
                    }
                }
                b"line" => {
                    let rect = rect_of(&e)?;
                    if let Some(block) = pages.last_mut().and_then(|p| p.blocks.last_mut()) {
                        block.lines.push(String::new());
                        block.line_boxes.push(rect);
                    }
                }
                b"word" => word = Some(String::new()),
                _ => {}
            },
            Event::Text(t) => {
                if let Some(w) = word.as_mut() {
                    w.push_str(&t.decode().map_err(|e| e.to_string())?);
                }
            }
            Event::GeneralRef(r) => {
                if let Some(w) = word.as_mut() {
                    if let Ok(Some(c)) = r.resolve_char_ref() {
                        w.push(c);
                    } else {
                        let name = r.decode().map_err(|e| e.to_string())?;
                        if let Some(s) = quick_xml::escape::resolve_xml_entity(&name) {
                            w.push_str(s);
                        }
                    }
                }
            }
            Event::End(e) if e.local_name().as_ref() == b"word" => {
                let text = word.take().unwrap_or_default();
                let line = pages
                    .last_mut()
                    .and_then(|p| p.blocks.last_mut())
                    .and_then(|b| b.lines.last_mut());
                if let Some(line) = line
                    && !text.is_empty()
                {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(&text);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(pages)
}

fn rect_of(e: &quick_xml::events::BytesStart) -> Result<Rect, String> {
    let mut v = [0.0f64; 4];
    for attr in e.attributes().flatten() {
        let i = match attr.key.as_ref() {
            b"xMin" => 0,
            b"yMin" => 1,
            b"xMax" => 2,
            b"yMax" => 3,
            _ => continue,
        };
        let s = std::str::from_utf8(&attr.value).map_err(|e| e.to_string())?;
        v[i] = s
            .parse::<f64>()
            .ok()
            .filter(|x| x.is_finite())
            .ok_or_else(|| format!("a block box that is not a number: {s:?}"))?;
    }
    Ok(Rect {
        x0: v[0].min(v[2]),
        y0: v[1].min(v[3]),
        x1: v[0].max(v[2]),
        y1: v[1].max(v[3]),
    })
}

/// The indices of `rects` in reading order.
pub fn reading_order(rects: &[Rect]) -> Vec<usize> {
    let mut out = Vec::with_capacity(rects.len());
    order(rects, (0..rects.len()).collect(), &mut out, 0);
    out
}

fn order(rects: &[Rect], mut set: Vec<usize>, out: &mut Vec<usize>, depth: usize) {
    if set.len() <= 1 || depth >= MAX_DEPTH {
        by_position(rects, &mut set);
        out.extend(set);
        return;
    }
    if let Some(cut) = vertical_cut(rects, &set) {
        let (left, right): (Vec<usize>, Vec<usize>) =
            set.iter().partition(|&&i| rects[i].x1 <= cut);
        order(rects, left, out, depth + 1);
        order(rects, right, out, depth + 1);
        return;
    }
    let bands = bands(rects, set);
    if bands.len() == 1 {
        let mut only = bands.into_iter().next().unwrap_or_default();
        by_position(rects, &mut only);
        out.extend(only);
        return;
    }
    let extent = x_extent(rects, bands.iter().flatten().copied());
    for group in groups(rects, bands, extent) {
        let merged: Vec<usize> = group.iter().flatten().copied().collect();
        if group.len() > 1 && vertical_cut(rects, &merged).is_some() {
            order(rects, merged, out, depth + 1);
        } else {
            for band in group {
                order(rects, band, out, depth + 1);
            }
        }
    }
}

fn by_position(rects: &[Rect], set: &mut [usize]) {
    set.sort_by(|&a, &b| {
        (rects[a].y0, rects[a].x0)
            .partial_cmp(&(rects[b].y0, rects[b].x0))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
}

/// The x in the middle of the widest gap (at least `MIN_GUTTER`) that no
/// block of `set` crosses, with blocks on both sides.
fn vertical_cut(rects: &[Rect], set: &[usize]) -> Option<f64> {
    let mut spans: Vec<(f64, f64)> = set.iter().map(|&i| (rects[i].x0, rects[i].x1)).collect();
    spans.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    let mut best: Option<(f64, f64)> = None;
    let mut reach = spans.first()?.1;
    for &(x0, x1) in &spans[1..] {
        let gap = x0 - reach;
        if gap >= MIN_GUTTER && best.is_none_or(|(w, _)| gap > w) {
            best = Some((gap, (reach + x0) / 2.0));
        }
        reach = reach.max(x1);
    }
    best.map(|(_, x)| x)
}

/// `set` split where no block crosses a horizontal line, top to bottom.
fn bands(rects: &[Rect], mut set: Vec<usize>) -> Vec<Vec<usize>> {
    by_position(rects, &mut set);
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut bottom = f64::NEG_INFINITY;
    for i in set {
        match out.last_mut() {
            Some(band) if rects[i].y0 < bottom => band.push(i),
            _ => out.push(vec![i]),
        }
        bottom = bottom.max(rects[i].y1);
    }
    out
}

fn x_extent(rects: &[Rect], set: impl Iterator<Item = usize>) -> (f64, f64) {
    set.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), i| {
        (a.min(rects[i].x0), b.max(rects[i].x1))
    })
}

/// The x-intervals of `extent` (at least `MIN_GUTTER` wide) that no block
/// of `band` covers.
fn free(rects: &[Rect], band: &[usize], extent: (f64, f64)) -> Vec<(f64, f64)> {
    let mut spans: Vec<(f64, f64)> = band.iter().map(|&i| (rects[i].x0, rects[i].x1)).collect();
    spans.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    let mut out = Vec::new();
    let mut reach = extent.0;
    for (x0, x1) in spans {
        if x0 - reach >= MIN_GUTTER {
            out.push((reach, x0));
        }
        reach = reach.max(x1);
    }
    if extent.1 - reach >= MIN_GUTTER {
        out.push((reach, extent.1));
    }
    out
}

/// Intervals common to `a` and `b`, at least `MIN_GUTTER` wide.
fn intersect(a: &[(f64, f64)], b: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut out = Vec::new();
    for &(a0, a1) in a {
        for &(b0, b1) in b {
            let (lo, hi) = (a0.max(b0), a1.min(b1));
            if hi - lo >= MIN_GUTTER {
                out.push((lo, hi));
            }
        }
    }
    out
}

/// Consecutive bands that leave a common gutter free, grouped.
fn groups(rects: &[Rect], bands: Vec<Vec<usize>>, extent: (f64, f64)) -> Vec<Vec<Vec<usize>>> {
    let mut out: Vec<Vec<Vec<usize>>> = Vec::new();
    let mut common: Vec<(f64, f64)> = Vec::new();
    for band in bands {
        let gaps = free(rects, &band, extent);
        let joined = intersect(&common, &gaps);
        match out.last_mut() {
            Some(group) if !joined.is_empty() => {
                group.push(band);
                common = joined;
            }
            _ => {
                out.push(vec![band]);
                common = gaps;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(x0: f64, y0: f64, x1: f64, y1: f64) -> Rect {
        Rect { x0, y0, x1, y1 }
    }

    #[test]
    fn two_columns_with_lined_up_paragraph_gaps_read_column_by_column() {
        // Title across the page, then two columns whose paragraph gaps
        // (y 200–210) line up, a page number centred in the gutter.
        let rects = [
            r(50.0, 40.0, 545.0, 55.0),    // 0 title
            r(50.0, 60.0, 285.0, 200.0),   // 1 left, first
            r(310.0, 60.0, 545.0, 200.0),  // 2 right, first
            r(50.0, 210.0, 285.0, 700.0),  // 3 left, second
            r(310.0, 210.0, 545.0, 500.0), // 4 right, second
            r(295.0, 800.0, 300.0, 808.0), // 5 page number
        ];
        assert_eq!(reading_order(&rects), vec![0, 1, 3, 2, 4, 5]);
    }

    #[test]
    fn a_heading_in_one_column_and_a_short_title_keep_the_columns() {
        let rects = [
            r(50.0, 40.0, 250.0, 55.0),    // 0 short title, left
            r(50.0, 60.0, 285.0, 180.0),   // 1 left
            r(310.0, 60.0, 545.0, 140.0),  // 2 right
            r(50.0, 195.0, 150.0, 204.0),  // 3 heading, left
            r(310.0, 160.0, 545.0, 360.0), // 4 right
            r(50.0, 220.0, 285.0, 700.0),  // 5 left
        ];
        assert_eq!(reading_order(&rects), vec![0, 1, 3, 5, 2, 4]);
    }

    #[test]
    fn a_box_across_the_gutter_separates_what_is_above_and_below() {
        let rects = [
            r(50.0, 60.0, 285.0, 300.0),   // 0 left above
            r(310.0, 60.0, 545.0, 300.0),  // 1 right above
            r(80.0, 320.0, 515.0, 380.0),  // 2 pull quote across
            r(50.0, 400.0, 285.0, 700.0),  // 3 left below
            r(310.0, 400.0, 545.0, 700.0), // 4 right below
        ];
        assert_eq!(reading_order(&rects), vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn one_column_reads_top_to_bottom() {
        let rects = [
            r(50.0, 300.0, 545.0, 400.0),
            r(50.0, 60.0, 200.0, 70.0),
            r(50.0, 80.0, 545.0, 290.0),
            r(50.0, 410.0, 120.0, 420.0),
        ];
        assert_eq!(reading_order(&rects), vec![1, 2, 0, 3]);
    }

    #[test]
    fn parses_words_lines_blocks_and_entities() {
        let xml = r#"<html><body><doc><page width="10" height="10"><flow>
            <block xMin="1" yMin="2" xMax="3" yMax="4"><line xMin="1" yMin="2" xMax="3" yMax="4">
            <word xMin="1" yMin="2" xMax="2" yMax="4">AT&amp;T</word><word xMin="2" yMin="2" xMax="3" yMax="4">&lt;b&gt;&#233;</word>
            </line><line xMin="1" yMin="2" xMax="2" yMax="4"><word>two</word></line></block></flow></page><page></page></doc></body></html>"#;
        let pages = parse(xml).unwrap();
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].blocks[0].lines, vec!["AT&T <b>é", "two"]);
        assert_eq!(pages[0].blocks[0].rect, r(1.0, 2.0, 3.0, 4.0));
        let ends: Vec<f64> = pages[0].blocks[0].line_boxes.iter().map(|b| b.x1).collect();
        assert_eq!(ends, vec![3.0, 2.0]);
        assert!(pages[1].blocks.is_empty());
        assert!(parse(r#"<page><block xMin="x"></block></page>"#).is_err());
    }

    #[test]
    fn hostile_geometry_is_bounded() {
        // Nested boxes, each inside the last: no cut, ordered by position.
        let rects: Vec<Rect> = (0..2000)
            .map(|i| {
                let d = f64::from(i) * 0.1;
                r(d, d, 1000.0 - d, 1000.0 - d)
            })
            .collect();
        let order = reading_order(&rects);
        assert_eq!(order.len(), rects.len());
    }
}
