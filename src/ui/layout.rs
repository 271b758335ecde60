//! Screen geometry, shared by the model (to wrap text at the right width) and
//! the view (to draw there), so the two can never disagree.

use ratatui::layout::Rect;

/// Smallest terminal the reader lays itself out in; below it a short notice.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 8;

/// Columns of the gutter left of each pane's text: passage number and marks.
pub const GUTTER_WIDTH: u16 = 7;

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
}

impl Layout {
    /// `None` when the area is below the minimum size.
    pub fn compute(area: Rect) -> Option<Layout> {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return None;
        }
        let status = Rect::new(area.x, area.bottom() - 1, area.width, 1);
        let body_h = area.height - 1;
        let left_w = area.width / 2;
        let outer = [
            Rect::new(area.x, area.y, left_w, body_h),
            Rect::new(area.x + left_w, area.y, area.width - left_w, body_h),
        ];
        let panes = outer.map(|o| {
            // One-cell border on every side.
            let inner = Rect::new(o.x + 1, o.y + 1, o.width - 2, o.height - 2);
            let gutter = Rect::new(inner.x, inner.y, GUTTER_WIDTH, inner.height);
            // One blank column before the right border keeps text off it.
            let text = Rect::new(
                inner.x + GUTTER_WIDTH,
                inner.y,
                inner.width - GUTTER_WIDTH - 1,
                inner.height,
            );
            PaneAreas {
                outer: o,
                gutter,
                text,
            }
        });
        Some(Layout { panes, status })
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
}
