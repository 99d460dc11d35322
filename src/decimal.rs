//! Whole numbers written in ASCII digits, as attributes, headers, colours and
//! JSON give them: one reader for all of them. (Std's `str::parse` is a copy
//! in the wasm for each integer type it reads, and accepts a `+` sign that
//! none of these places writes.)

/// The value of `s` when it is one or more ASCII digits and fits a `u64`.
pub fn decimal(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    s.bytes().try_fold(0u64, |n, b| if b.is_ascii_digit() { n.checked_mul(10)?.checked_add(u64::from(b - b'0')) } else { None })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_only_and_in_range() {
        assert_eq!(decimal("0"), Some(0));
        assert_eq!(decimal("007"), Some(7));
        assert_eq!(decimal("18446744073709551615"), Some(u64::MAX));
        for bad in ["", "18446744073709551616", "99999999999999999999", "+5", "-5", " 5", "5 ", "5.0", "1e3", "٣", "0x10"] {
            assert_eq!(decimal(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn agrees_with_std_on_digits() {
        let mut rng = crate::test_rng::Rng::new(7);
        for _ in 0..2000 {
            let len = 1 + rng.below(22);
            let s: String = (0..len).map(|_| char::from(b'0' + rng.below(10) as u8)).collect();
            assert_eq!(decimal(&s), s.parse::<u64>().ok(), "{s}");
        }
    }
}
