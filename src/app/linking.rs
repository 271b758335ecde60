//! Linking passages by hand (`m` on a passage in each pane) and unlinking
//! a link made by hand (`M`): pairs the engine did not offer.

use super::App;
use crate::action::Action;
use crate::side::Side;
use crate::tags::Origin;
use crate::tags::history::Op;

impl App {
    /// The passage of `pane` the analyst is looking at: the first one that
    /// starts on screen, else the one at the top.
    pub fn passage_in_view(&self, pane: Side) -> Option<usize> {
        let p = &self.panes[pane];
        let rows = p
            .wrapped
            .lines
            .get(p.top..(p.top + p.height).min(p.wrapped.lines.len()))?;
        rows.iter()
            .find(|l| l.first && !l.separator)
            .or_else(|| rows.first())
            .map(|l| l.passage as usize)
    }

    /// `m`: marks the passage in view in the focused pane; on the other
    /// pane, links the marked passage with the one in view there.
    pub(super) fn mark_or_link(&mut self) {
        let Some(passage) = self.passage_in_view(self.focus) else {
            return;
        };
        match self.mark {
            Some((side, marked)) if side != self.focus => {
                let (left, right) = side.pick((marked, passage), (passage, marked));
                self.mark = None;
                if !self.can_edit() {
                    return;
                }
                let existing = self.comparison.as_ref().and_then(|c| c.find(left, right));
                if existing.is_none()
                    && self
                        .tagging
                        .as_ref()
                        .and_then(|t| t.tag_for(left, right))
                        .is_none()
                {
                    let Some(tag) = self.new_tag(left, right, Origin::Manual) else {
                        return;
                    };
                    self.edit(Op::AddTag(tag));
                }
                if let Some(i) = self.comparison.as_ref().and_then(|c| c.find(left, right)) {
                    self.goto_pair(i, false);
                }
                let stances = [
                    Action::TagAgree,
                    Action::TagContradict,
                    Action::TagPartial,
                    Action::TagUnclear,
                ]
                .map(|a| self.key_of(a))
                .join("/");
                let unlink = self.key_of(Action::Unlink);
                self.info(format!(
                    "linked p{} ↔ p{}: tag it with {stances}, {unlink} unlinks",
                    left + 1,
                    right + 1
                ));
            }
            Some((side, marked)) if side == self.focus && marked == passage => {
                self.mark = None;
                self.info("mark cleared");
            }
            _ => {
                self.mark = Some((self.focus, passage));
                let (switch, mark) = (
                    self.key_of(Action::SwitchPane),
                    self.key_of(Action::MarkLink),
                );
                self.info(format!(
                    "marked p{}: go to the other pane ({switch}) and press {mark} on the passage to link",
                    passage + 1
                ));
            }
        }
    }

    /// `M`: removes the hand-made link of the current pair (with its tag).
    pub(super) fn unlink_current(&mut self) {
        let Some((left, right)) = self.current_pair() else {
            return;
        };
        let tag = self
            .tagging
            .as_ref()
            .and_then(|t| t.tag_for(left, right).map(|i| t.set.tags[i].clone()));
        match tag {
            Some(tag) if tag.origin == Origin::Manual => {
                if self.can_edit() {
                    self.edit(Op::Unlink { id: tag.id });
                }
            }
            _ => {
                let mark = self.key_of(Action::MarkLink);
                self.info(format!(
                    "only pairs linked by hand ({mark}) can be unlinked"
                ));
            }
        }
    }
}
