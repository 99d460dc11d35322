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
    lossy(&out)
}

/// `bytes` as text, each invalid sequence one U+FFFD, as
/// `String::from_utf8_lossy` writes it. (Its chunk iterator would be 0.6 KB
/// gzip of each entry's wasm; this asks the validator the wasm has anyway.)
fn lossy(mut bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len());
    loop {
        match std::str::from_utf8(bytes) {
            Ok(valid) => {
                text.push_str(valid);
                return text;
            }
            Err(e) => {
                let (valid, rest) = bytes.split_at(e.valid_up_to());
                text.push_str(std::str::from_utf8(valid).unwrap_or_default());
                text.push('\u{fffd}');
                bytes = rest.get(e.error_len().unwrap_or(rest.len())..).unwrap_or_default();
            }
        }
    }
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

    #[test]
    fn invalid_utf8_is_replaced_as_std_does() {
        let mut rng = crate::test_rng::Rng::new(11);
        let pieces: [&[u8]; 9] = [b"a", "凌".as_bytes(), b"\xff", b"\xe5\x87", b"\xf0\x9f", b"\xc0\xaf", b"\xed\xa0\x80", b"\x80", "é".as_bytes()];
        for _ in 0..3000 {
            let bytes: Vec<u8> = (0..rng.below(8)).flat_map(|_| pieces[rng.below(pieces.len())].iter().copied()).collect();
            assert_eq!(lossy(&bytes), String::from_utf8_lossy(&bytes), "{bytes:?}");
        }
    }
}
