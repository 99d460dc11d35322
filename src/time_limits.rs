//! How long a request may take before the page gives up on it: the wait for
//! the server's answer, and the longest pause while its body arrives. A host
//! page sets both at once with `data-timeout`.

use crate::decimal::decimal;

/// Limits in milliseconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// From the request to the answer's headers.
    pub answer_ms: u32,
    /// Between two pieces of the body: a download may be slow, not stopped.
    pub stall_ms: u32,
}

/// 20 s each: far beyond a slow mobile network's latency, and long before a
/// reader gives up on the page.
pub const DEFAULT: Limits = Limits { answer_ms: 20_000, stall_ms: 20_000 };

/// The shortest and longest `data-timeout`, in ms.
pub const SHORTEST_MS: u32 = 100;
pub const LONGEST_MS: u32 = 600_000;

impl Limits {
    /// One limit for the answer and for each pause.
    pub fn both(ms: u32) -> Limits {
        Limits { answer_ms: ms, stall_ms: ms }
    }

    /// The more patient of two, limit by limit (instances sharing a load).
    pub fn longest(self, other: Limits) -> Limits {
        Limits { answer_ms: self.answer_ms.max(other.answer_ms), stall_ms: self.stall_ms.max(other.stall_ms) }
    }
}

/// A duration as a host page writes it: seconds (`20`, `1.5`, `20s`) or
/// milliseconds (`500ms`), within `SHORTEST_MS..=LONGEST_MS`.
// Read as integers: a float parser would cost the page kilobytes.
pub fn parse_duration_ms(text: &str) -> Option<u32> {
    let text = text.trim().to_ascii_lowercase();
    let (number, millis) = match text.strip_suffix("ms") {
        Some(ms) => (ms.trim_end(), true),
        None => (text.strip_suffix('s').unwrap_or(&text).trim_end(), false),
    };
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    // Digits and one point only: no signs, exponents, `inf` or `NaN`; no
    // fraction of a millisecond.
    let fraction_digits = if millis { 0 } else { 3 };
    if whole.is_empty() || whole.len() > 7 || !digits(whole) || !digits(fraction) || fraction.len() > fraction_digits {
        return None;
    }
    if number.contains('.') && fraction.is_empty() {
        return None;
    }
    // At most seven digits: a `u32`; at most three after the point.
    let whole = decimal(whole)? as u32;
    let ms = if millis {
        whole
    } else {
        let thousandths = decimal(fraction).unwrap_or(0) as u32 * 10u32.pow(3 - fraction.len() as u32);
        whole.checked_mul(1000)?.checked_add(thousandths)?
    };
    (SHORTEST_MS..=LONGEST_MS).contains(&ms).then_some(ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_in_seconds_or_milliseconds() {
        assert_eq!(parse_duration_ms("20"), Some(20_000));
        assert_eq!(parse_duration_ms(" 20s "), Some(20_000));
        assert_eq!(parse_duration_ms("1.5 s"), Some(1_500));
        assert_eq!(parse_duration_ms("500ms"), Some(500));
        assert_eq!(parse_duration_ms("500 MS"), Some(500));
        assert_eq!(parse_duration_ms("600"), Some(600_000));
        assert_eq!(parse_duration_ms("0.25"), Some(250));
        assert_eq!(parse_duration_ms("2.125s"), Some(2_125));
        for bad in ["", "s", "ms", "fast", "-1", "+1", "1e3", "1.2.3", "1.", ".5", "1.2345", "1.5ms", "inf", "NaN", "0", "99ms", "601", "20 min", "99999999999", "9999999", "4294968"] {
            assert_eq!(parse_duration_ms(bad), None, "{bad}");
        }
    }

    #[test]
    fn shared_limits_are_the_more_patient() {
        let a = Limits { answer_ms: 1_000, stall_ms: 9_000 };
        assert_eq!(a.longest(Limits::both(5_000)), Limits { answer_ms: 5_000, stall_ms: 9_000 });
        assert_eq!(DEFAULT, Limits::both(20_000));
    }
}
