//! Publication dates: RFC 3339 timestamps, or bare `YYYY-MM-DD` days.

/// A publication date as the publisher wrote it, plus an instant for sorting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublishedDate {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    /// Seconds since 1970-01-01T00:00:00Z (a bare day counts as its UTC midnight).
    pub timestamp: i64,
    /// The string as given, for `<time datetime>`: both accepted forms are valid there.
    pub machine: String,
}

/// Parses `YYYY-MM-DD` or an RFC 3339 date-time such as `2024-03-18T09:30:00+08:00`.
pub fn parse_date(s: &str) -> Option<PublishedDate> {
    let s = s.trim();
    // Both forms are pure ASCII, so they are read as bytes: no `str`
    // slicing, whose panic path (formatting a char) would cost the
    // headlines' wasm more than this reading.
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = digits(&b[0..4])? as i32;
    let month = digits(&b[5..7])?;
    let day = digits(&b[8..10])?;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    let days = days_from_civil(year, month, day);
    let timestamp = if b.len() == 10 {
        days * 86_400
    } else {
        if !matches!(b[10], b'T' | b't' | b' ') {
            return None;
        }
        days * 86_400 + parse_time(&b[11..])?
    };
    Some(PublishedDate { year, month, day, timestamp, machine: s.to_string() })
}

/// `HH:MM:SS[.frac](Z|±HH:MM)` as seconds after midnight UTC (may be negative).
fn parse_time(b: &[u8]) -> Option<i64> {
    if b.len() < 9 || b[2] != b':' || b[5] != b':' {
        return None;
    }
    let (h, m, sec) = (digits(&b[0..2])?, digits(&b[3..5])?, digits(&b[6..8])?);
    if h > 23 || m > 59 || sec > 60 {
        return None;
    }
    let mut rest = &b[8..];
    if let Some(frac) = rest.strip_prefix(b".") {
        let n = frac.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return None;
        }
        rest = &frac[n..];
    }
    let offset = match rest {
        b"Z" | b"z" => 0,
        [sign, oh @ .., b':', m1, m2] if oh.len() == 2 => {
            let sign = match sign {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let (oh, om) = (digits(oh)?, digits(&[*m1, *m2])?);
            if oh > 23 || om > 59 {
                return None;
            }
            sign * i64::from(oh * 3600 + om * 60)
        }
        _ => return None,
    };
    Some(i64::from(h * 3600 + m * 60 + sec) - offset)
}

/// A field's number: all ASCII digits, at least one (at most four, so it fits).
fn digits(b: &[u8]) -> Option<u32> {
    crate::decimal::digits(b).map(|n| n as u32)
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(if m <= 2 { y - 1 } else { y });
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_day() {
        let d = parse_date("2023-11-04").unwrap();
        assert_eq!((d.year, d.month, d.day), (2023, 11, 4));
        assert_eq!(d.timestamp, 1_699_056_000);
        assert_eq!(d.machine, "2023-11-04");
    }

    #[test]
    fn rfc3339_with_offsets_and_fractions() {
        let utc = parse_date("2024-03-18T01:30:00Z").unwrap();
        let east = parse_date("2024-03-18T09:30:00+08:00").unwrap();
        let frac = parse_date("2024-03-18T09:30:00.250+08:00").unwrap();
        assert_eq!(utc.timestamp, east.timestamp);
        assert_eq!(frac.timestamp, east.timestamp);
        // The day shown is the publisher's, not UTC's.
        let late = parse_date("2024-03-18T23:30:00-05:00").unwrap();
        assert_eq!(late.day, 18);
        assert!(late.timestamp > east.timestamp);
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for bad in ["", "yesterday", "2023-13-01", "2023-02-30", "2023-11-4", "2023/11/04",
            "2023-11-04T25:00:00Z", "2023-11-04T10:00:00", "2023-11-04T10:00:00+0800",
            "2023-11-04X10:00:00Z", "２０２３-11-04", "2023-11-04T10:00:00.Z",
            // Offsets, and what is not ASCII where a digit or a sign stands.
            "2023-11-04T10:00:00*08:00", "2023-11-04T10:00:00+24:00", "2023-11-04T10:00:00+08:60",
            "2023-11-04T10:00:00+0:800", "2023-11-04T10:00:00Zé", "2023-11-04T1０:00:00Z", "2023-11-04T10:00:00+０8:00"] {
            assert_eq!(parse_date(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn leap_days() {
        assert!(parse_date("2024-02-29").is_some());
        assert!(parse_date("2023-02-29").is_none());
        assert!(parse_date("2000-02-29").is_some());
        assert!(parse_date("1900-02-29").is_none());
    }
}
