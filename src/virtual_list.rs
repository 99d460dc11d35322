//! Which rows of a long list are near the viewport, so only those are
//! rendered, and how high the empty space above and below them is.
//!
//! Rows take their natural heights. Each row's height is measured once it is
//! rendered and kept per item, so a list shown again (back from an article)
//! is laid out as it was and its saved scroll position finds the same card;
//! a row not measured yet counts as the average of those that are. When
//! rows above the one being read turn out taller or shorter than counted,
//! the page scrolls by the difference, so that row stays where it is on
//! screen. Lengths are integers in layout units (1/64 px, the unit browsers
//! lay out in), so the sums agree with the page to the unit and never drift.

/// Layout units per CSS pixel.
pub const UNIT: i64 = 64;

/// Rows rendered above and below the viewport, so fast scrolling finds them
/// ready. (The window follows every scroll event before the frame is
/// painted; each row more is a card more to build on every keystroke.)
pub const OVERSCAN: usize = 1;

/// Rows rendered before the list has a position to measure against: what a
/// common viewport holds below a page's header at the guessed height (a
/// taller one gets its rows in the first frame, before it is painted). Each
/// row more is a card more before the first is on screen.
pub const FIRST_ROWS: usize = 6;

/// A row's height until one has been measured: on the small side, so the
/// first window fills the viewport (more rows follow once measured).
const GUESS: u32 = 120 * UNIT as u32;

/// `px` in layout units, to the nearest; a length that is not a number counts as none.
pub fn to_units(px: f64) -> i64 {
    // Not `round`: that is a function of its own in the wasm. `as` saturates, and makes NaN 0.
    (px * UNIT as f64 + if px < 0.0 { -0.5 } else { 0.5 }) as i64
}

/// A length in layout units as CSS, exactly: 1/64 px is 0.015625 px.
pub fn css_px(units: u64) -> String {
    let unit = UNIT as u64;
    format!("{}.{:06}px", units / unit, units % unit * 15_625)
}

/// The measured heights of a list's items, by item (not by row: a new
/// search or sort moves an item to another row, not to another height).
#[derive(Clone, Debug, Default)]
pub struct Heights {
    /// 0: not measured.
    by_item: Vec<u32>,
    sum: u64,
    count: u64,
    /// The list's width when they were measured.
    width: i64,
}

impl Heights {
    /// Forgets every height when the list's width changed (text wraps
    /// otherwise); whether it did.
    pub fn set_width(&mut self, width: i64) -> bool {
        if width == self.width {
            return false;
        }
        *self = Heights { width, ..Heights::default() };
        true
    }

    /// Records item `item`'s height; whether it changed.
    pub fn set(&mut self, item: usize, height: u32) -> bool {
        if height == 0 {
            return false;
        }
        if item >= self.by_item.len() {
            self.by_item.resize(item + 1, 0);
        }
        let old = std::mem::replace(&mut self.by_item[item], height);
        if old == 0 {
            self.count += 1;
        }
        self.sum = self.sum + u64::from(height) - u64::from(old);
        old != height
    }

    /// What an item not measured yet counts as: the average measured height.
    pub fn estimate(&self) -> u32 {
        match self.sum.checked_div(self.count) {
            Some(mean) => mean as u32,
            None => GUESS,
        }
    }

    fn get(&self, item: usize) -> Option<u32> {
        self.by_item.get(item).copied().filter(|&h| h > 0)
    }
}

/// What a page remembers of its list between frames, and across the
/// article views it opens: the rows' heights, and the card kept in place.
#[derive(Clone, Debug, Default)]
pub struct Memory {
    pub heights: Heights,
    /// The card kept where the reader sees it while rows above it change
    /// height: its item, and its place in the list (layout units from the
    /// list's top) as the reader saw it.
    pub anchor: Option<(usize, i64)>,
}

/// The rows `[first, last)` to render and the space above and below them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Window {
    pub first: usize,
    pub last: usize,
    pub above: u64,
    pub below: u64,
}

/// Where each row of a list starts: the prefix sums of its rows' heights.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    /// `tops[r]`: row `r`'s top; the last entry is the list's height.
    tops: Vec<u64>,
}

impl Default for Layout {
    fn default() -> Self {
        Layout { tops: vec![0] }
    }
}

impl Layout {
    /// The layout of rows showing `items`, in order.
    pub fn new(items: &[usize], heights: &Heights) -> Self {
        let estimate = u64::from(heights.estimate());
        let mut tops = Vec::with_capacity(items.len() + 1);
        let mut top = 0;
        tops.push(top);
        for &item in items {
            top += heights.get(item).map_or(estimate, u64::from);
            tops.push(top);
        }
        Layout { tops }
    }

    pub fn rows(&self) -> usize {
        self.tops.len().saturating_sub(1)
    }

    /// Where row `row` starts (the list's height past its end).
    pub fn top(&self, row: usize) -> u64 {
        self.tops[row.min(self.rows())]
    }

    pub fn height(&self) -> u64 {
        self.tops.last().copied().unwrap_or(0)
    }

    /// The rows near a viewport `viewport` units high, for a list whose top
    /// is `list_top` units below the viewport's top (negative: scrolled past).
    pub fn window(&self, list_top: i64, viewport: i64) -> Window {
        let rows = self.rows();
        let height = self.height();
        let clamp = |y: i64| (y.max(0) as u64).min(height);
        let (start, end) = (clamp(-list_top), clamp(viewport.saturating_sub(list_top)));
        // Rows that end at or above the viewport's top; rows that start above its bottom.
        let first = self.tops[1..].partition_point(|&bottom| bottom <= start).saturating_sub(OVERSCAN);
        let last = (self.tops[..rows].partition_point(|&top| top < end) + OVERSCAN).min(rows).max(first);
        self.spaced(first, last)
    }

    /// The first rows, before the list can be measured against the viewport.
    pub fn start(&self) -> Window {
        self.spaced(0, self.rows().min(FIRST_ROWS))
    }

    /// How far the page must scroll (whole pixels, as pages scroll) to keep
    /// row `row` where the reader saw it, `at` units from the list's top.
    pub fn scroll_to_keep(&self, row: usize, at: i64) -> i64 {
        (self.top(row) as i64 - at + UNIT / 2).div_euclid(UNIT)
    }

    fn spaced(&self, first: usize, last: usize) -> Window {
        Window { first, last, above: self.tops[first], below: self.height() - self.tops[last] }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_rng::Rng;

    const PX: u32 = UNIT as u32;

    /// Items 0..n measured at `px(i)` pixels each.
    fn measured(n: usize, mut px: impl FnMut(usize) -> u32) -> Heights {
        let mut h = Heights::default();
        for i in 0..n {
            h.set(i, px(i) * PX);
        }
        h
    }

    fn px(units: u64) -> u64 {
        units / UNIT as u64
    }

    #[test]
    fn rows_start_at_the_sum_of_the_heights_above() {
        let heights = measured(3, |i| [100, 50, 200][i]);
        let layout = Layout::new(&[2, 0, 1], &heights);
        assert_eq!(layout.tops.iter().map(|&t| px(t)).collect::<Vec<_>>(), [0, 200, 300, 350]);
        assert_eq!(layout.rows(), 3);
    }

    #[test]
    fn rows_not_measured_count_as_the_average_or_a_guess() {
        assert_eq!(Heights::default().estimate(), GUESS);
        let heights = measured(2, |i| [100, 201][i]);
        assert_eq!(heights.estimate(), (301 * PX) / 2);
        let layout = Layout::new(&[0, 7, 1], &heights);
        assert_eq!(layout.height(), u64::from(301 * PX + (301 * PX) / 2));
        // A second measurement of the same item replaces the first.
        let mut again = heights.clone();
        assert!(again.set(0, 300 * PX));
        assert!(!again.set(0, 300 * PX));
        assert_eq!(again.estimate(), (501 * PX) / 2);
    }

    #[test]
    fn a_new_width_forgets_every_height() {
        let mut heights = measured(3, |_| 100);
        assert!(!heights.set_width(0));
        assert!(heights.set_width(640 * UNIT));
        assert_eq!(Layout::new(&[0, 1, 2], &heights).height(), 3 * u64::from(GUESS));
        assert!(!heights.set_width(640 * UNIT));
    }

    #[test]
    fn the_window_covers_the_viewport_plus_overscan() {
        // Rows of 100 px except row 10, 1000 px; an 800 px viewport.
        let heights = measured(1000, |i| if i == 10 { 1000 } else { 100 });
        let items: Vec<usize> = (0..1000).collect();
        let layout = Layout::new(&items, &heights);
        let view = |top: i64| layout.window(top * UNIT, 800 * UNIT);
        // The list 300 px down: rows 0..5 show.
        assert_eq!((view(300).first, view(300).last), (0, 5 + OVERSCAN));
        // Scrolled 950 px into it: row 9 (900..1000) ends inside, row 10 (1000..2000) fills the rest.
        assert_eq!((view(-950).first, view(-950).last), (9 - OVERSCAN, 11 + OVERSCAN));
        // Past the tall row: 2000 + 100 * k.
        let w = view(-(2000 + 100 * 40));
        assert_eq!((w.first, w.last), (51 - OVERSCAN, 59 + OVERSCAN));
        // The spacers and the rendered rows make up the list, at every position.
        for top in [300, 0, -950, -4321, -50_000, -200_000] {
            let w = view(top);
            let rendered: u64 = (w.first..w.last).map(|r| layout.tops[r + 1] - layout.tops[r]).sum();
            assert_eq!(w.above + rendered + w.below, layout.height(), "at {top}");
            assert_eq!(w.above, layout.tops[w.first]);
        }
    }

    #[test]
    fn every_visible_row_is_in_the_window_wherever_the_list_is() {
        let mut rng = Rng::new(7);
        let heights = measured(500, |_| 40 + rng.below(400) as u32);
        let items: Vec<usize> = (0..500).rev().collect();
        let layout = Layout::new(&items, &heights);
        let total = layout.height() as i64;
        for step in 0..2000 {
            let top = 900 * UNIT - step * total / 1500;
            let w = layout.window(top, 900 * UNIT);
            for r in 0..layout.rows() {
                let (y0, y1) = (top + layout.tops[r] as i64, top + layout.tops[r + 1] as i64);
                let visible = y1 > 0 && y0 < 900 * UNIT;
                assert!(!visible || (w.first..w.last).contains(&r), "row {r} visible but not in {w:?} at {top}");
            }
            // Never more than the viewport needs.
            let shown = (w.first..w.last).filter(|&r| top + layout.tops[r + 1] as i64 > 0 && top + (layout.tops[r] as i64) < 900 * UNIT).count();
            assert!(w.last - w.first <= shown + 2 * OVERSCAN, "{w:?}: {shown} visible");
        }
    }

    #[test]
    fn the_row_being_read_stays_put_when_rows_above_it_change() {
        // Row 5 was seen at 500 px; row 2 turns out 130.6 px high instead of 100.
        let before = Layout::new(&[0, 1, 2, 3, 4, 5], &measured(6, |_| 100));
        assert_eq!(before.scroll_to_keep(5, 500 * UNIT), 0);
        let mut heights = measured(6, |_| 100);
        heights.set(2, 130 * PX + 38);
        let after = Layout::new(&[0, 1, 2, 3, 4, 5], &heights);
        assert_eq!(after.scroll_to_keep(5, 500 * UNIT), 31);
        assert_eq!(after.scroll_to_keep(1, 100 * UNIT), 0, "rows above the change do not move");
        // Shorter: the page scrolls back; to the nearest pixel.
        heights.set(2, 60 * PX + 20);
        assert_eq!(Layout::new(&[0, 1, 2, 3, 4, 5], &heights).scroll_to_keep(5, 500 * UNIT), -40);
    }

    #[test]
    fn never_past_the_ends() {
        let heights = measured(20, |_| 100);
        let items: Vec<usize> = (0..20).collect();
        let layout = Layout::new(&items, &heights);
        let w = layout.window(-5000 * UNIT, 800 * UNIT);
        assert_eq!((w.first, w.last, w.below), (20 - OVERSCAN, 20, 0));
        let w = layout.window(2000 * UNIT, 800 * UNIT);
        assert_eq!((w.first, w.last, w.above), (0, OVERSCAN, 0));
        let short = Layout::new(&items[..3], &heights);
        assert_eq!(short.window(0, 800 * UNIT), Window { first: 0, last: 3, above: 0, below: 0 });
        let empty = Layout::new(&[], &heights);
        assert_eq!(empty, Layout::default());
        assert_eq!(empty.window(-100, 800 * UNIT), Window::default());
        assert_eq!(empty.start(), Window::default());
        assert_eq!((layout.start().first, layout.start().last), (0, FIRST_ROWS));
    }

    #[test]
    fn lengths_convert_exactly() {
        assert_eq!(to_units(171.5), 171 * UNIT + 32);
        assert_eq!(to_units(f64::NAN), 0);
        assert_eq!(to_units(-2.0), -2 * UNIT);
        assert_eq!(css_px(0), "0.000000px");
        assert_eq!(css_px(171 * UNIT as u64 + 1), "171.015625px");
        assert_eq!(css_px(63), "0.984375px");
    }
}
