//! Whether a failed request is tried again by itself, and when: transient
//! failures (a 502, 503 or 504, a reset connection) a few times, with
//! exponential backoff and jitter, never sooner than the server's
//! `Retry-After`; what retrying cannot mend (a 4xx, a malformed bundle, a
//! server that did not answer in time) goes to the reader at once.

use crate::decimal::decimal;

/// What went wrong with one attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The server answered with this status.
    Status(u16),
    /// No answer at all: the connection was refused or reset.
    Unreachable,
    /// No answer within the time limit, or the body stopped arriving.
    TimedOut,
    /// An answer that is not a usable bundle.
    Malformed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Try again after this many milliseconds.
    RetryAfter(u64),
    /// Show the failure (with the reader's own Retry).
    GiveUp,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts after the first.
    pub retries: u32,
    /// The first wait; each next one doubles, up to `max_ms`.
    pub base_ms: u64,
    pub max_ms: u64,
}

/// Three more attempts within about 4 s (0.5, 1, 2 s, each with jitter):
/// long enough for a restarting server, short enough for a reader.
pub const DEFAULT: RetryPolicy = RetryPolicy { retries: 3, base_ms: 500, max_ms: 8_000 };

/// A `Retry-After` longer than this is not waited for: the server says to
/// come back much later, and the reader decides.
pub const MAX_RETRY_AFTER_MS: u64 = 30_000;

impl RetryPolicy {
    /// What to do after attempt `attempt` (1 for the first) failed with
    /// `failure`. `retry_after_ms` is the server's `Retry-After`, if any;
    /// `jitter` (0–1000, random per attempt) spreads the clients a server
    /// outage sent back at the same moment.
    pub fn decide(&self, failure: Failure, attempt: u32, retry_after_ms: Option<u64>, jitter: u32) -> Decision {
        let transient = matches!(failure, Failure::Status(502..=504) | Failure::Unreachable);
        if !transient || attempt > self.retries {
            return Decision::GiveUp;
        }
        if retry_after_ms.is_some_and(|ms| ms > MAX_RETRY_AFTER_MS) {
            return Decision::GiveUp;
        }
        let backoff = self.base_ms.saturating_mul(1 << (attempt - 1).min(20)).min(self.max_ms);
        // Half fixed, half random: never all at once, never near zero.
        let wait = backoff / 2 + backoff / 2 * u64::from(jitter.min(1000)) / 1000;
        Decision::RetryAfter(wait.max(retry_after_ms.unwrap_or(0)))
    }
}

/// A `Retry-After` given in seconds, in milliseconds. (The HTTP-date form is
/// read by the shell, which has a clock.)
pub fn retry_after_seconds(value: &str) -> Option<u64> {
    let v = value.trim();
    decimal(v).filter(|_| v.len() <= 9).map(|s| s * 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_transient_failures_are_retried() {
        for f in [Failure::Status(502), Failure::Status(503), Failure::Status(504), Failure::Unreachable] {
            assert!(matches!(DEFAULT.decide(f, 1, None, 500), Decision::RetryAfter(_)), "{f:?}");
        }
        for f in [Failure::Status(404), Failure::Status(429), Failure::Status(500), Failure::Status(401), Failure::TimedOut, Failure::Malformed] {
            assert_eq!(DEFAULT.decide(f, 1, None, 500), Decision::GiveUp, "{f:?}");
        }
    }

    #[test]
    fn a_bounded_number_of_times() {
        let tries = (1..).take_while(|&a| DEFAULT.decide(Failure::Status(503), a, None, 0) != Decision::GiveUp).count();
        assert_eq!(tries, 3);
    }

    #[test]
    fn waits_double_with_jitter_within_bounds() {
        for attempt in 1..=3 {
            let backoff = (500u64 << (attempt - 1)).min(8_000);
            for jitter in [0, 1, 499, 1000, u32::MAX] {
                let Decision::RetryAfter(ms) = DEFAULT.decide(Failure::Unreachable, attempt, None, jitter) else { panic!() };
                assert!((backoff / 2..=backoff).contains(&ms), "attempt {attempt}, jitter {jitter}: {ms} ms");
            }
        }
        let wide = RetryPolicy { retries: 40, ..DEFAULT };
        assert_eq!(wide.decide(Failure::Unreachable, 40, None, 1000), Decision::RetryAfter(8_000));
    }

    #[test]
    fn retry_after_is_honoured_up_to_a_limit() {
        assert_eq!(DEFAULT.decide(Failure::Status(503), 1, Some(3_000), 0), Decision::RetryAfter(3_000));
        assert_eq!(DEFAULT.decide(Failure::Status(503), 1, Some(100), 0), Decision::RetryAfter(250));
        assert_eq!(DEFAULT.decide(Failure::Status(503), 1, Some(120_000), 0), Decision::GiveUp);
        assert_eq!(retry_after_seconds(" 3 "), Some(3_000));
        assert_eq!(retry_after_seconds("0"), Some(0));
        for bad in ["", "-1", "1.5", "Wed, 21 Oct 2015 07:28:00 GMT", "99999999999999999999"] {
            assert_eq!(retry_after_seconds(bad), None, "{bad}");
        }
    }
}
