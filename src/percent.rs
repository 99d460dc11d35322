//! Percent-decoding, for query parameters and for the path segments of an
//! item's address; the core has no URL crate, and needs no more than this.

/// `s` with every `%XX` escape decoded. Invalid escapes stay as written and
/// invalid UTF-8 becomes U+FFFD, so no address can make this fail.
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let hex = |i: usize| b.get(i).and_then(|&c| (c as char).to_digit(16));
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if let (b'%', Some(h), Some(l)) = (b[i], hex(i + 1), hex(i + 2)) {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_escapes_and_keeps_bad_ones() {
        assert_eq!(percent_decode("%E5%87%8C%E8%B7%83"), "凌跃");
        assert_eq!(percent_decode("a+b%2B%zz%4"), "a+b+%zz%4");
        assert_eq!(percent_decode("%FF"), "\u{fffd}");
    }
}
