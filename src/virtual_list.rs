//! Which rows of a long list are near the viewport, so only those are rendered.
//!
//! Every row has the same height (the card styles fix it), which turns
//! "what is on screen" into arithmetic on the list's position.

/// Rows rendered above and below the viewport, so fast scrolling finds them ready.
pub const OVERSCAN: usize = 4;

/// The rows `[first, last)` of a list of `rows` rows of `row_height` pixels whose
/// top is at `list_top` relative to a viewport `viewport_height` pixels high.
pub fn visible_rows(list_top: f64, viewport_height: f64, row_height: f64, rows: usize) -> (usize, usize) {
    let measured = row_height.is_finite() && row_height > 0.0;
    if rows == 0 || !measured || !list_top.is_finite() || !viewport_height.is_finite() {
        return (0, rows.min(OVERSCAN * 3));
    }
    let above = (-list_top).max(0.0);
    let first = ((above / row_height).floor() as usize).saturating_sub(OVERSCAN).min(rows);
    let bottom = (viewport_height - list_top).max(0.0);
    let last = ((bottom / row_height).ceil() as usize).saturating_add(OVERSCAN).min(rows);
    (first, last.max(first))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_starting_on_screen_renders_the_rows_that_fit_plus_overscan() {
        // 800 px viewport, list 300 px down, 100 px rows: rows 0..5 visible.
        assert_eq!(visible_rows(300.0, 800.0, 100.0, 1000), (0, 5 + OVERSCAN));
    }

    #[test]
    fn scrolled_list_renders_a_window_in_the_middle() {
        // The list's top is 5000 px above the viewport: rows 50..58 are visible.
        assert_eq!(visible_rows(-5000.0, 800.0, 100.0, 10_000), (50 - OVERSCAN, 58 + OVERSCAN));
    }

    #[test]
    fn never_past_the_ends_and_never_more_than_the_viewport_needs() {
        assert_eq!(visible_rows(-5000.0, 800.0, 100.0, 20), (20, 20));
        assert_eq!(visible_rows(2000.0, 800.0, 100.0, 20), (0, OVERSCAN));
        assert_eq!(visible_rows(0.0, 800.0, 100.0, 3), (0, 3));
        let (first, last) = visible_rows(-123_456.0, 900.0, 180.0, 10_000);
        assert!(last - first <= 900 / 180 + 2 + 2 * OVERSCAN);
    }

    #[test]
    fn unmeasured_or_nonsense_geometry_falls_back_to_a_small_first_window() {
        assert_eq!(visible_rows(0.0, 800.0, 0.0, 100), (0, OVERSCAN * 3));
        assert_eq!(visible_rows(f64::NAN, 800.0, 100.0, 100), (0, OVERSCAN * 3));
        assert_eq!(visible_rows(0.0, 800.0, 100.0, 0), (0, 0));
    }
}
