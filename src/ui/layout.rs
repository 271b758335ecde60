//! Screen geometry, shared by the model (to wrap text at the right width) and
//! the view (to draw there), so the two can never disagree.

use ratatui::layout::Rect;

/// Smallest terminal the reader lays itself out in; below it a short notice.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 8;

/// Columns of the gutter left of each pane's text: passage number and marks.
pub const GUTTER_WIDTH: u16 = 7;

/// The gutter with a second judgement column (another analyst's stance,
/// or the other side of a merge conflict).
pub const WIDE_GUTTER_WIDTH: u16 = GUTTER_WIDTH + 1;

/// What the screen holds besides the two panes and the status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Chrome {
    /// A second judgement column in each gutter.
    pub wide_gutter: bool,
    /// A summary line above the panes (the set compared with).
    pub summary: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PaneAreas {
    /// The whole pane including its border.
    pub outer: Rect,
    pub gutter: Rect,
    pub text: Rect,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Layout {
    pub panes: [PaneAreas; 2],
    pub status: Rect,
    /// The summary line above the panes, when there is one.
    pub summary: Option<Rect>,
    /// Each gutter has the second judgement column.
    pub wide_gutter: bool,
}

impl Layout {
    /// `None` when the area is below the minimum size.
    pub fn compute(area: Rect) -> Option<Layout> {
        Layout::compute_with(area, Chrome::default())
    }

    /// The layout with `chrome`; `None` when the area is below the minimum
    /// size.
    pub fn compute_with(area: Rect, chrome: Chrome) -> Option<Layout> {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return None;
        }
        let status = Rect::new(area.x, area.bottom() - 1, area.width, 1);
        let summary = chrome
            .summary
            .then(|| Rect::new(area.x, area.y, area.width, 1));
        let top = area.y + u16::from(chrome.summary);
        let body_h = area.height - 1 - u16::from(chrome.summary);
        let left_w = area.width / 2;
        let outer = [
            Rect::new(area.x, top, left_w, body_h),
            Rect::new(area.x + left_w, top, area.width - left_w, body_h),
        ];
        let gutter_width = if chrome.wide_gutter {
            WIDE_GUTTER_WIDTH
        } else {
            GUTTER_WIDTH
        };
        let panes = outer.map(|o| {
            // One-cell border on every side.
            let inner = Rect::new(o.x + 1, o.y + 1, o.width - 2, o.height - 2);
            let gutter = Rect::new(inner.x, inner.y, gutter_width, inner.height);
            // One blank column before the right border keeps text off it.
            let text = Rect::new(
                inner.x + gutter_width,
                inner.y,
                inner.width - gutter_width - 1,
                inner.height,
            );
            PaneAreas {
                outer: o,
                gutter,
                text,
            }
        });
        Some(Layout {
            panes,
            status,
            summary,
            wide_gutter: chrome.wide_gutter,
        })
    }

    /// Which pane, if any, contains the cell at (`column`, `row`).
    pub fn pane_at(&self, column: u16, row: u16) -> Option<crate::side::Side> {
        crate::side::Side::BOTH.into_iter().find(|&side| {
            self.panes[side]
                .outer
                .contains(ratatui::layout::Position::new(column, row))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_small_is_none() {
        assert!(Layout::compute(Rect::new(0, 0, MIN_WIDTH - 1, 40)).is_none());
        assert!(Layout::compute(Rect::new(0, 0, 100, MIN_HEIGHT - 1)).is_none());
    }

    #[test]
    fn panes_split_the_width_and_text_is_inside() {
        let l = Layout::compute(Rect::new(0, 0, 81, 20)).unwrap();
        assert_eq!(l.panes[0].outer.width + l.panes[1].outer.width, 81);
        for p in l.panes {
            assert!(p.text.width >= 1 && p.text.right() < p.outer.right());
        }
        assert_eq!(l.status.y, 19);
        assert_eq!(l.pane_at(0, 0), Some(crate::side::Side::Left));
        assert_eq!(l.pane_at(80, 5), Some(crate::side::Side::Right));
        assert_eq!(l.pane_at(3, 19), None);
    }

    #[test]
    fn a_summary_line_and_a_wide_gutter_take_their_room() {
        let chrome = Chrome {
            wide_gutter: true,
            summary: true,
        };
        let l = Layout::compute_with(Rect::new(0, 0, 80, MIN_HEIGHT), chrome).unwrap();
        assert_eq!(l.summary, Some(Rect::new(0, 0, 80, 1)));
        assert_eq!(l.panes[0].outer.y, 1);
        assert_eq!(l.panes[0].outer.bottom(), l.status.y);
        assert_eq!(l.panes[1].gutter.width, WIDE_GUTTER_WIDTH);
        assert!(l.panes[1].text.height >= 1);
    }
}
