//! Why the bundle could not be loaded, in words a reader can act on.

use std::fmt;

use crate::bundle::BundleError;

#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// The request itself failed: offline, DNS, CORS, a refused connection.
    Network { url: String, detail: String },
    /// The server answered, but not with success.
    Status { url: String, status: u16, status_text: String },
    /// The answer arrived but its body could not be read as text.
    Body { url: String, detail: String },
    /// The body was read but is not a usable bundle.
    Bundle { url: String, error: BundleError },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Network { url, detail } => write!(
                f, "Could not reach the news feed at {url} ({detail}). Check the connection, then retry."),
            Self::Status { url, status, status_text } => {
                let text = if status_text.is_empty() { reason(*status) } else { status_text.as_str() };
                write!(f, "The news feed at {url} could not be loaded: the server answered {status} {text}.")
            }
            Self::Body { url, detail } => write!(f, "The news feed at {url} could not be read ({detail})."),
            Self::Bundle { url, error } => write!(f, "{error} (address: {url})"),
        }
    }
}

/// HTTP/2 answers carry no status text; these are the ones a reader may meet.
fn reason(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        410 => "Gone",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "(an error)",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_address_and_the_failure() {
        let url = "feed.json".to_string();
        let status = LoadError::Status { url: url.clone(), status: 404, status_text: String::new() };
        assert_eq!(status.to_string(), "The news feed at feed.json could not be loaded: the server answered 404 Not Found.");
        let status = LoadError::Status { url: url.clone(), status: 599, status_text: "Odd".into() };
        assert!(status.to_string().contains("599 Odd"));
        let net = LoadError::Network { url: url.clone(), detail: "TypeError: Failed to fetch".into() };
        assert!(net.to_string().contains("feed.json") && net.to_string().contains("retry"));
        let body = LoadError::Body { url: url.clone(), detail: "stream aborted".into() };
        assert!(body.to_string().contains("stream aborted"));
        let bundle = LoadError::Bundle { url, error: BundleError::NoItems };
        assert!(bundle.to_string().contains("without `items`") && bundle.to_string().contains("feed.json"));
    }
}
