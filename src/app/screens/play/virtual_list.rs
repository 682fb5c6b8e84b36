//! Which items of a long list to spawn: the ones within a margin of the viewport. Items are
//! kept in arrival order and shown newest first; each has a height (measured once it has been
//! laid out, an estimate before), and the items not spawned are stood in for by two spacers
//! whose heights are the sums of theirs, so the scroll length is right. Plain arithmetic, no
//! Bevy, so it is tested on its own.

use std::ops::Range;

#[derive(Debug, Clone, Default)]
pub struct VirtualList {
    /// Height of each item (with the gap after it), in arrival order.
    heights: Vec<f32>,
}

impl VirtualList {
    /// Adds a new item at the top (it arrived last), with an estimated height.
    pub fn push(&mut self, estimate: f32) {
        self.heights.push(estimate);
    }

    /// The arrival index of the item shown at `place` (0 is the top).
    pub fn item_at(&self, place: usize) -> usize {
        self.heights.len() - 1 - place
    }

    /// Where the item that arrived `item`-th is shown (0 is the top).
    pub fn place_of(&self, item: usize) -> usize {
        self.heights.len() - 1 - item
    }

    /// Records a laid-out height (ignored while the layout has not sized it).
    pub fn measured(&mut self, item: usize, height: f32) {
        if height > 0.0
            && let Some(slot) = self.heights.get_mut(item)
        {
            *slot = height;
        }
    }

    fn height_at(&self, place: usize) -> f32 {
        self.heights[self.item_at(place)]
    }

    /// The places (top first) to spawn when the list is scrolled `scroll` down a viewport
    /// `viewport` high, with `margin` to spare on each side. A viewport of zero (nothing laid
    /// out yet, or no layout at all) spawns everything.
    pub fn window(&self, scroll: f32, viewport: f32, margin: f32) -> Range<usize> {
        if viewport <= 0.0 {
            return 0..self.heights.len();
        }
        let (from, to) = (scroll - margin, scroll + viewport + margin);
        let mut top = 0.0;
        let mut start = None;
        let mut end = self.heights.len();
        for place in 0..self.heights.len() {
            let bottom = top + self.height_at(place);
            if start.is_none() && bottom > from {
                start = Some(place);
            }
            if top >= to {
                end = place;
                break;
            }
            top = bottom;
        }
        let start = start.unwrap_or(self.heights.len()).min(end);
        start..end
    }

    /// Total height of the places above `range` and below it: the two spacers.
    pub fn spacers(&self, range: &Range<usize>) -> (f32, f32) {
        let above = (0..range.start).map(|p| self.height_at(p)).sum();
        let below = (range.end..self.heights.len())
            .map(|p| self.height_at(p))
            .sum();
        (above, below)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(count: usize, height: f32) -> VirtualList {
        let mut list = VirtualList::default();
        for _ in 0..count {
            list.push(height);
        }
        list
    }

    #[test]
    fn the_newest_item_is_shown_first() {
        let list = list(3, 10.0);
        assert_eq!(list.item_at(0), 2);
        assert_eq!(list.place_of(0), 2);
    }

    #[test]
    fn only_items_within_the_margin_of_the_viewport_are_spawned() {
        let list = list(1000, 100.0);
        // Viewport 500 high at the top, 500 of margin: places 0..10.
        assert_eq!(list.window(0.0, 500.0, 500.0), 0..10);
        // Scrolled to 5,000: from 4,500 to 6,000.
        assert_eq!(list.window(5000.0, 500.0, 500.0), 45..60);
        let (above, below) = list.spacers(&(45..60));
        assert_eq!(above, 4500.0);
        assert_eq!(below, 94_000.0);
    }

    #[test]
    fn spacers_and_window_always_add_up_to_the_whole_list() {
        let mut list = list(50, 80.0);
        list.measured(7, 300.0);
        list.measured(40, 12.0);
        for scroll in [0.0, 100.0, 1234.0, 3999.0, 10_000.0] {
            let range = list.window(scroll, 400.0, 400.0);
            let (above, below) = list.spacers(&range);
            let inside: f32 = range.clone().map(|p| list.height_at(p)).sum();
            assert_eq!(
                above + inside + below,
                48.0 * 80.0 + 300.0 + 12.0,
                "at {scroll}"
            );
        }
    }

    #[test]
    fn no_layout_spawns_everything_and_an_unsized_measurement_is_ignored() {
        let mut list = list(5, 50.0);
        assert_eq!(list.window(0.0, 0.0, 0.0), 0..5);
        list.measured(2, 0.0);
        assert_eq!(list.spacers(&(0..0)).1, 250.0);
    }

    #[test]
    fn scrolled_past_the_end_spawns_nothing() {
        let list = list(10, 10.0);
        assert_eq!(list.window(1000.0, 50.0, 10.0), 10..10);
    }
}
