//! An amount of data in the unit a reader expects: bytes below a kilobyte,
//! then KB, then MB (of 1,024), one decimal below 10 and whole numbers above.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Bytes,
    Kilobytes,
    Megabytes,
}

/// `tenths / 10` of `unit`; `tenths` is a multiple of 10 when the decimal
/// would be noise (10 and more of a unit, or bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ByteSize {
    pub tenths: u64,
    pub unit: Unit,
}

pub fn byte_size(bytes: u64) -> ByteSize {
    const K: u64 = 1024;
    let (scale, unit) = match bytes {
        b if b < K => (1, Unit::Bytes),
        b if b < K * K => (K, Unit::Kilobytes),
        _ => (K * K, Unit::Megabytes),
    };
    // Rounded down: "1.0 MB of 1.0 MB" must not show before the last byte.
    let tenths = bytes * 10 / scale;
    let tenths = if unit == Unit::Bytes || tenths >= 100 { tenths / 10 * 10 } else { tenths };
    ByteSize { tenths, unit }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(bytes: u64) -> (u64, Unit) {
        let s = byte_size(bytes);
        (s.tenths, s.unit)
    }

    #[test]
    fn each_amount_in_its_unit_with_sensible_precision() {
        assert_eq!(shown(0), (0, Unit::Bytes));
        assert_eq!(shown(512), (5120, Unit::Bytes));
        assert_eq!(shown(1023), (10230, Unit::Bytes));
        assert_eq!(shown(1024), (10, Unit::Kilobytes));
        assert_eq!(shown(1536), (15, Unit::Kilobytes));
        // A 60 KB bundle is "60 KB", not "0.0 MB".
        assert_eq!(shown(60_000), (580, Unit::Kilobytes));
        assert_eq!(shown(1024 * 1024 - 1), (10230, Unit::Kilobytes));
        assert_eq!(shown(2_516_583), (24, Unit::Megabytes));
        assert_eq!(shown(2_516_582), (23, Unit::Megabytes));
        assert_eq!(shown(25_480_000), (240, Unit::Megabytes));
    }
}
