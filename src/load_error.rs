//! Why the bundle could not be loaded: what a reader can act on (the shell words it).

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
