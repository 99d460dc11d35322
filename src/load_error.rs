//! Why the bundle could not be loaded: what a reader can act on (the shell
//! words it), and which of those the page tries again by itself.

use crate::bundle::BundleError;
use crate::retry::Failure;

#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// The request itself failed: offline, DNS, CORS, a refused or reset connection.
    Network { url: String, detail: String },
    /// The server answered, but not with success; `retry_after_ms` is its
    /// `Retry-After`, if it said one.
    Status { url: String, status: u16, status_text: String, retry_after_ms: Option<u64> },
    /// The answer arrived but its body could not be read to the end.
    Body { url: String, detail: String },
    /// No answer within `limit_ms` (`received` is `None`), or the body
    /// stopped for `limit_ms` after `received` bytes.
    TimedOut { url: String, limit_ms: u32, received: Option<usize> },
    /// The body was read but is not a usable bundle.
    Bundle { url: String, error: BundleError },
}

impl LoadError {
    /// The kind of failure the retry policy decides on.
    pub fn failure(&self) -> Failure {
        match self {
            LoadError::Status { status, .. } => Failure::Status(*status),
            // A connection reset mid-body is as transient as one before it.
            LoadError::Network { .. } | LoadError::Body { .. } => Failure::Unreachable,
            LoadError::TimedOut { .. } => Failure::TimedOut,
            LoadError::Bundle { .. } => Failure::Malformed,
        }
    }

    pub fn retry_after_ms(&self) -> Option<u64> {
        match self {
            LoadError::Status { retry_after_ms, .. } => *retry_after_ms,
            _ => None,
        }
    }
}

/// A request being tried again by itself: the `attempt`th retry of
/// `retries`, after `error`.
#[derive(Clone, Debug, PartialEq)]
pub struct Retrying {
    pub attempt: u32,
    pub retries: u32,
    pub error: LoadError,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::retry::{Decision, DEFAULT};

    fn decide(e: &LoadError) -> Decision {
        DEFAULT.decide(e.failure(), 1, e.retry_after_ms(), 0)
    }

    #[test]
    fn a_busy_server_or_a_reset_is_retried_a_timeout_or_a_bad_bundle_is_not() {
        let url = || "feed.json".to_string();
        let busy = LoadError::Status { url: url(), status: 503, status_text: String::new(), retry_after_ms: Some(2_000) };
        assert_eq!(decide(&busy), Decision::RetryAfter(2_000));
        assert!(matches!(decide(&LoadError::Body { url: url(), detail: "reset".into() }), Decision::RetryAfter(_)));
        assert!(matches!(decide(&LoadError::Network { url: url(), detail: "reset".into() }), Decision::RetryAfter(_)));
        let gone = LoadError::Status { url: url(), status: 404, status_text: String::new(), retry_after_ms: Some(1) };
        assert_eq!(decide(&gone), Decision::GiveUp);
        assert_eq!(decide(&LoadError::TimedOut { url: url(), limit_ms: 20_000, received: Some(30_000) }), Decision::GiveUp);
        assert_eq!(decide(&LoadError::Bundle { url: url(), error: BundleError::Empty }), Decision::GiveUp);
    }
}
