//! Dates as sources write them, made into the two forms a bundle holds and the
//! page reads (`newsroom::date::parse_date`): RFC 3339 with the source's own
//! offset (`2024-03-18T09:30:00+08:00`) or a bare day (`2024-03-18`). Feeds
//! (RFC 2822 with named zones, RFC 3339, and what generators write instead),
//! WordPress exports and Markdown front matter all come through here, so one
//! date reads the same whichever format it arrived in.
//!
//! The policy, one for every reader:
//! - the offset written is kept, never converted: the page shows the
//!   publisher's calendar day, which a conversion could change;
//! - UTC is written `+00:00`, and seconds always, without their fractions;
//! - a date-time with no zone keeps only its day: which zone it meant is
//!   unknown, and a guessed one would misplace it among dated items.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

/// A parsed date: an instant with the offset written, or a day when the
/// source wrote no offset.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum When {
    At(DateTime<FixedOffset>),
    Day(NaiveDate),
}

impl When {
    /// The instant, for code that holds UTC only (feed-rs); a day counts as
    /// its UTC midnight, as the page counts it.
    pub(crate) fn utc(&self) -> DateTime<Utc> {
        match self {
            When::At(at) => at.with_timezone(&Utc),
            When::Day(day) => day.and_time(NaiveTime::MIN).and_utc(),
        }
    }

    /// The date as the bundle writes it.
    pub(crate) fn written(&self) -> String {
        match self {
            When::At(at) => at.format("%Y-%m-%dT%H:%M:%S%:z").to_string(),
            When::Day(day) => day.format("%Y-%m-%d").to_string(),
        }
    }
}

/// A date as a source wrote it, as the bundle writes it, or `None` when it
/// is no date (or none the page could read).
pub(crate) fn normalize(raw: &str) -> Option<String> {
    let out = parse(raw)?.written();
    // chrono holds years the page does not (`+12024`); the page's reader decides.
    newsroom::date::parse_date(&out).map(|_| out)
}

/// `raw` read with `CST` as China Standard Time (+08:00) rather than RFC
/// 2822's US Central (-06:00): what Chinese CMSs mean by it. `None` when
/// `raw` names no `CST`.
pub(crate) fn parse_as_china(raw: &str) -> Option<When> {
    let trimmed = raw.trim_end();
    let head = trimmed.len().checked_sub(3).and_then(|at| trimmed.get(..at))?;
    trimmed[head.len()..].eq_ignore_ascii_case("CST").then(|| parse(&format!("{head} +0800")))?
}

/// RFC 3339 and RFC 2822 dates, and what feeds and front matter write instead.
pub(crate) fn parse(raw: &str) -> Option<When> {
    let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() || text.len() > 100 {
        return None;
    }
    let iso = text.len() >= 10 && text.as_bytes()[..4].iter().all(u8::is_ascii_digit) && text.as_bytes()[4] == b'-';
    if iso {
        parse_iso(&text)
    } else {
        if let Ok(at) = DateTime::parse_from_rfc2822(&text) {
            return Some(When::At(at));
        }
        parse_rfc2822_lenient(&text)
    }
}

fn parse_iso(text: &str) -> Option<When> {
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(When::At(at));
    }
    // `2024-03-18 09:30:00 +0800` (Jekyll, Ruby), `…T09:30Z`, `… UTC`: one shape for chrono.
    let mut s = text.replacen(' ', "T", 1).replace(' ', "");
    if s.len() > 10 && !matches!(s.as_bytes()[10], b'T' | b't') {
        return None;
    }
    for zone in ["UTC", "GMT", "Z", "z"] {
        if let Some(stripped) = s.strip_suffix(zone) {
            s = format!("{stripped}+00:00");
            break;
        }
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f%:z", "%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%dT%H:%M%:z", "%Y-%m-%dT%H:%M%z"] {
        if let Ok(at) = DateTime::parse_from_str(&s, format) {
            return Some(When::At(at));
        }
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"] {
        if let Ok(local) = NaiveDateTime::parse_from_str(&s, format) {
            return Some(When::Day(local.date()));
        }
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok().map(When::Day)
}

/// `Tues, 5 March 24 9:30 EST`, `Mar 18 2024 09:30:00 GMT+0800`, and the like.
fn parse_rfc2822_lenient(text: &str) -> Option<When> {
    let mut tokens: Vec<&str> = text.split(|c: char| c.is_whitespace() || c == ',').filter(|t| !t.is_empty()).collect();
    if tokens.first().is_some_and(|t| weekday(t)) {
        tokens.remove(0);
    }
    if tokens.len() >= 2 && month(tokens[0]).is_some() && tokens[1].bytes().all(|b| b.is_ascii_digit()) {
        tokens.swap(0, 1);
    }
    let [day, month_name, year, time, rest @ ..] = tokens.as_slice() else {
        return None;
    };
    let day: u32 = day.parse().ok()?;
    let month = month(month_name)?;
    let year: i32 = match year.len() {
        // RFC 2822's reading of old two- and three-digit years.
        2 => year.parse::<i32>().ok().map(|y| if y < 50 { 2000 + y } else { 1900 + y })?,
        3 => year.parse::<i32>().ok()? + 1900,
        4 => year.parse().ok()?,
        _ => return None,
    };
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    let mut parts = time.split(':');
    let hour: u32 = parts.next()?.parse().ok()?;
    let minute: u32 = parts.next()?.parse().ok()?;
    let second: u32 = match parts.next() {
        Some(s) => s.split('.').next()?.parse().ok()?,
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    let local = date.and_time(NaiveTime::from_hms_opt(hour, minute, second)?);
    let Some(zone) = rest.first() else {
        return Some(When::Day(date));
    };
    match zone_offset(zone) {
        Some(offset) => offset.from_local_datetime(&local).single().map(When::At),
        None => Some(When::Day(date)),
    }
}

fn weekday(token: &str) -> bool {
    let lower = token.to_ascii_lowercase();
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].iter().any(|d| lower.starts_with(d)) && lower.chars().all(|c| c.is_ascii_alphabetic())
}

fn month(token: &str) -> Option<u32> {
    const MONTHS: [&str; 12] =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
    let lower = token.trim_end_matches('.').to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    MONTHS.iter().position(|m| m.starts_with(&lower)).map(|i| i as u32 + 1)
}

/// The offset a zone token names: numeric, `GMT+0800`, or RFC 2822's names.
fn zone_offset(zone: &str) -> Option<FixedOffset> {
    let upper = zone.to_ascii_uppercase();
    let numeric = upper.strip_prefix("GMT").or_else(|| upper.strip_prefix("UTC")).filter(|r| !r.is_empty()).unwrap_or(&upper);
    let hours = match numeric {
        "GMT" | "UT" | "UTC" | "Z" => 0,
        "EST" => -5,
        "EDT" => -4,
        "CST" => -6,
        "CDT" => -5,
        "MST" => -7,
        "MDT" => -6,
        "PST" => -8,
        "PDT" => -7,
        _ => {
            let sign = match numeric.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let digits: String = numeric[1..].chars().filter(|c| *c != ':').collect();
            if !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let (h, m) = match digits.len() {
                1 | 2 => (digits.parse::<i32>().ok()?, 0),
                4 => (digits[..2].parse::<i32>().ok()?, digits[2..].parse::<i32>().ok()?),
                _ => return None,
            };
            if h > 23 || m > 59 {
                return None;
            }
            return FixedOffset::east_opt(sign * (h * 3600 + m * 60));
        }
    };
    FixedOffset::east_opt(hours * 3600)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_the_bundle_writes_them() {
        let cases = [
            // RFC 2822, as feeds write it, with numeric and named zones.
            ("Mon, 18 Mar 2024 09:30:00 +0800", Some("2024-03-18T09:30:00+08:00")),
            ("Thu, 15 Feb 2024 10:15:00 EST", Some("2024-02-15T10:15:00-05:00")),
            ("Thu, 15 Aug 2024 10:15:00 EDT", Some("2024-08-15T10:15:00-04:00")),
            ("Mon, 18 Mar 2024 09:30:00 CST", Some("2024-03-18T09:30:00-06:00")),
            ("Mon, 18 Mar 2024 09:30:00 PST", Some("2024-03-18T09:30:00-08:00")),
            ("Mon, 18 Mar 2024 09:30:00 GMT", Some("2024-03-18T09:30:00+00:00")),
            ("Mon, 18 Mar 2024 09:30:00 UT", Some("2024-03-18T09:30:00+00:00")),
            ("18 Mar 2024 09:30 +0800", Some("2024-03-18T09:30:00+08:00")),
            // What generators write instead.
            ("Tues, 5 March 24 9:30 EST", Some("2024-03-05T09:30:00-05:00")),
            ("  Mon,  18   Mar 2024 09:30:00   PDT ", Some("2024-03-18T09:30:00-07:00")),
            ("Mar 18 2024 09:30:00 GMT+0800 (China Standard Time)", Some("2024-03-18T09:30:00+08:00")),
            ("Wed, 02 Oct 02 08:00:00 +0000", Some("2002-10-02T08:00:00+00:00")),
            // RFC 3339 and its relatives (feeds, Jekyll, Ruby, TOML).
            ("2024-03-18T09:30:00+08:00", Some("2024-03-18T09:30:00+08:00")),
            ("2023-11-04T10:00:00+08:00", Some("2023-11-04T10:00:00+08:00")),
            ("2024-03-18 09:30:00+0800", Some("2024-03-18T09:30:00+08:00")),
            ("2023-11-04 10:00:00 +0800", Some("2023-11-04T10:00:00+08:00")),
            ("2023-11-04 10:00:00 -0530", Some("2023-11-04T10:00:00-05:30")),
            ("2023-11-04T10:00:00-0500", Some("2023-11-04T10:00:00-05:00")),
            ("2023-11-04 10:00:00 +08:00", Some("2023-11-04T10:00:00+08:00")),
            ("2024-03-18T09:30-05:00", Some("2024-03-18T09:30:00-05:00")),
            // UTC is `+00:00`; fractions of a second are dropped.
            ("2023-11-04 10:00:00 UTC", Some("2023-11-04T10:00:00+00:00")),
            ("2023-11-04T10:00:00Z", Some("2023-11-04T10:00:00+00:00")),
            ("2024-03-18T09:30:00.123Z", Some("2024-03-18T09:30:00+00:00")),
            ("2023-11-04T10:00:00.250+08:00", Some("2023-11-04T10:00:00+08:00")),
            ("1979-05-27T00:32:00.999999-07:00", Some("1979-05-27T00:32:00-07:00")),
            // WordPress's `post_date_gmt`, as its reader hands it over.
            ("2024-01-07 01:00:00 +00:00", Some("2024-01-07T01:00:00+00:00")),
            // A day, and a date-time without a zone, which keeps only its day.
            ("2024-03-18", Some("2024-03-18")),
            ("  2023-11-04  ", Some("2023-11-04")),
            ("2024-03-18T09:30", Some("2024-03-18")),
            ("2023-11-04T10:00:00", Some("2023-11-04")),
            ("2023-11-04 10:00", Some("2023-11-04")),
            ("2023-11-04T10:00:00.5", Some("2023-11-04")),
            ("Mon, 18 Mar 2024 09:30:00", Some("2024-03-18")),
            // No date, or none that exists.
            ("Mon, 30 Nov -0001 00:00:00 +0000", None),
            ("0000-00-00 00:00:00", None),
            ("2024-02-30T09:30:00+08:00", None),
            ("2023-02-30", None),
            ("2023-11-04T25:00:00+08:00", None),
            ("2023-11-04 +0800", None),
            ("10:00:00", None),
            ("November 4, 2023", None),
            ("yesterday", None),
            ("", None),
            ("2024-0३-18", None),
        ];
        for (raw, expected) in cases {
            let got = normalize(raw);
            assert_eq!(got.as_deref(), expected, "{raw:?}");
            if let Some(got) = got {
                assert!(newsroom::date::parse_date(&got).is_some(), "{raw:?} → {got:?} is not read by the page");
            }
        }
    }

    #[test]
    fn a_day_counts_as_its_utc_midnight_and_an_instant_keeps_its_moment() {
        let day = parse("2024-03-18").map(|w| w.utc().to_rfc3339());
        assert_eq!(day.as_deref(), Some("2024-03-18T00:00:00+00:00"));
        let at = parse("Mon, 18 Mar 2024 09:30:00 +0800").map(|w| w.utc().to_rfc3339());
        assert_eq!(at.as_deref(), Some("2024-03-18T01:30:00+00:00"));
    }

    #[test]
    fn cst_is_china_standard_time_when_asked() {
        let china = |raw: &str| parse_as_china(raw).map(|w| w.written());
        assert_eq!(china("Mon, 18 Mar 2024 09:30:00 CST").as_deref(), Some("2024-03-18T09:30:00+08:00"));
        assert_eq!(china("Mon, 18 Mar 2024 09:30:00 cst ").as_deref(), Some("2024-03-18T09:30:00+08:00"));
        assert_eq!(china("Mon, 18 Mar 2024 09:30:00 GMT"), None);
        assert_eq!(china("CST"), None);
        assert_eq!(china("中文CST"), None);
    }
}
