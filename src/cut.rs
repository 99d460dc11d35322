//! Cutting a `str` at byte offsets without `str` slicing's panic path.
//!
//! `&s[a..b]` panics when an offset is not on a char boundary, and its panic
//! formats the char it cut into: that one path brings char and range
//! formatting and Unicode's printable tables into a wasm (3.8 KB gzip of the
//! headlines entry's 53). The core cuts text at offsets it found in the same
//! text, always on a boundary; were one not, the cut is empty, not a crash.
//! Searching backwards is a byte search here for the same reason of size:
//! `rsplit` and its kin bring a reverse char searcher into the wasm.

use std::slice::SliceIndex;

/// `s[range]`, or `""` where `range` is not on `s`'s char boundaries.
pub fn cut<R: SliceIndex<str, Output = str>>(s: &str, range: R) -> &str {
    s.get(range).unwrap_or_default()
}

/// Where the last `byte` (an ASCII one, so a char of its own) is in `s`.
pub fn last(s: &str, byte: u8) -> Option<usize> {
    s.bytes().rposition(|b| b == byte)
}

/// What follows the last `byte` in `s`, or all of `s` without one.
pub fn after_last(s: &str, byte: u8) -> &str {
    last(s, byte).map_or(s, |at| cut(s, at + 1..))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_on_boundaries_and_is_empty_inside_a_char() {
        assert_eq!(cut("铬盐 plant", 3..6), "盐");
        assert_eq!(cut("铬盐 plant", 7..), "plant");
        assert_eq!(cut("铬盐", ..=2), "铬");
        assert_eq!(cut("铬盐", 1..), "");
        assert_eq!(cut("铬盐", ..9), "");
    }

    #[test]
    fn finds_the_last_byte_as_rsplit_does() {
        for s in ["a/b/c", "/", "abc", "", "铬/盐/", "x//y"] {
            assert_eq!(after_last(s, b'/'), s.rsplit('/').next().unwrap_or(s), "{s}");
            assert_eq!(last(s, b'/'), s.rfind('/'), "{s}");
        }
    }
}
