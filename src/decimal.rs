//! Whole numbers in ASCII digits: read as attributes, headers, colours and
//! JSON give them, and written for messages and addresses. One reader and
//! one writer for every integer type: std's `str::parse` and `Display` are a
//! copy in the wasm for each type (and `parse` accepts a `+` sign that none
//! of these places writes).

/// The value of `s` when it is one or more ASCII digits and fits a `u64`.
pub fn decimal(s: &str) -> Option<u64> {
    digits(s.as_bytes())
}

/// [`decimal`] of bytes (a date's fields, read as bytes).
pub fn digits(b: &[u8]) -> Option<u64> {
    if b.is_empty() {
        return None;
    }
    b.iter().try_fold(0u64, |n, &d| if d.is_ascii_digit() { n.checked_mul(10)?.checked_add(u64::from(d - b'0')) } else { None })
}

/// `n` in ASCII digits.
pub fn text(n: u64) -> String {
    padded(n, 1)
}

/// `n` in ASCII digits, grouped by threes with `separator` ("12,345").
pub fn grouped(n: u64, separator: char) -> String {
    let digits = text(n);
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (k, d) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k) % 3 == 0 {
            out.push(separator);
        }
        out.push(d);
    }
    out
}

/// `n` in ASCII digits, zeros in front up to `width` of them.
pub fn padded(mut n: u64, width: usize) -> String {
    let mut digits = Vec::with_capacity(20);
    while n > 0 || digits.len() < width {
        digits.push(b'0' + (n % 10) as u8);
        n /= 10;
    }
    digits.iter().rev().map(|&d| char::from(d)).collect()
}

/// `n` in 16 lowercase hex digits (content hashes).
pub fn hex16(n: u64) -> String {
    (0..16).rev().map(|at| char::from(b"0123456789abcdef"[(n >> (at * 4)) as usize & 15])).collect()
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
    fn groups_by_threes() {
        for (n, want) in [(0, "0"), (7, "7"), (999, "999"), (1_000, "1,000"), (12_345, "12,345"), (999_999, "999,999"), (1_234_567, "1,234,567")] {
            assert_eq!(grouped(n, ','), want);
        }
    }

    #[test]
    fn writes_as_std_does() {
        for n in [0, 7, 10, 99, 100, 65_535, 4_294_967_296, u64::MAX] {
            assert_eq!(text(n), n.to_string());
            assert_eq!(padded(n, 4), format!("{n:04}"));
            assert_eq!(decimal(&text(n)), Some(n));
        }
        assert_eq!(padded(5, 0), "5");
        for n in [0, 9, 10, 0xabc, 0x0123_4567_89ab_cdef, u64::MAX] {
            assert_eq!(hex16(n), format!("{n:016x}"));
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
