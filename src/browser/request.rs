//! Every request the page makes: a GET through gloo-net that is aborted
//! (through an AbortController) when the server does not answer within the
//! time limit or its body stops arriving for longer than the stall limit,
//! and that tries a transient failure again by itself, as the retry policy
//! says. The loaders read bodies through `Download`, chunk by chunk.

use std::cell::Cell;
use std::future::Future;
use std::task::Poll;
use std::rc::Rc;

use gloo_net::http::Request;
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, ReadableStreamDefaultReader, RequestCache, RequestInit};

use crate::decimal::decimal;
use crate::load_error::{LoadError, Retrying};
use crate::retry::{self, retry_after_seconds, Decision};
use crate::time_limits::Limits;

/// Aborts the request when its timer runs out; remembers that it did, so
/// the abort reads as a timeout and not as a network failure.
struct Watchdog {
    controller: Option<AbortController>,
    fired: Rc<Cell<bool>>,
    timer: Option<(i32, Closure<dyn FnMut()>)>,
}

impl Watchdog {
    fn new() -> Watchdog {
        Watchdog { controller: AbortController::new().ok(), fired: Rc::new(Cell::new(false)), timer: None }
    }

    fn arm(&mut self, ms: u32) {
        self.disarm();
        let (Some(window), Some(controller)) = (web_sys::window(), self.controller.clone()) else { return };
        let fired = self.fired.clone();
        let bark = Closure::<dyn FnMut()>::new(move || {
            fired.set(true);
            controller.abort();
        });
        let ms = i32::try_from(ms).unwrap_or(i32::MAX);
        if let Ok(id) = window.set_timeout_with_callback_and_timeout_and_arguments_0(bark.as_ref().unchecked_ref(), ms) {
            self.timer = Some((id, bark));
        }
    }

    fn disarm(&mut self) {
        if let (Some((id, _)), Some(window)) = (self.timer.take(), web_sys::window()) {
            window.clear_timeout_with_handle(id);
        }
    }

    fn fired(&self) -> bool {
        self.fired.get()
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.disarm();
        // A download given up half-way frees its connection.
        if let Some(controller) = &self.controller {
            controller.abort();
        }
    }
}

/// A response whose body is read piece by piece, each within the stall limit.
pub struct Download {
    url: String,
    chunks: Option<ReadableStreamDefaultReader>,
    watchdog: Watchdog,
    stall_ms: u32,
    pub received: usize,
    /// The length the server announced.
    pub total: Option<usize>,
}

impl Download {
    /// Sends the request; resolves once the answer's headers are here and say success.
    pub async fn start(url: &str, cache: RequestCache, limits: Limits) -> Result<Download, LoadError> {
        let owned = || url.to_string();
        let mut watchdog = Watchdog::new();
        // gloo-net sends a request web-sys built: its own builder parses and
        // re-writes the address with `format!`, which only the headlines'
        // wasm would otherwise carry. A GET with no query needs neither.
        let init = RequestInit::new();
        init.set_cache(cache);
        init.set_signal(watchdog.controller.as_ref().map(|c| c.signal()).as_ref());
        let request = match web_sys::Request::new_with_str_and_init(url, &init) {
            Ok(request) => Request::from(request),
            Err(e) => return Err(LoadError::Network { url: owned(), detail: describe(&e) }),
        };
        let mut send = std::pin::pin!(request.send());
        // The limit counts from the browser's fetch, which the first poll
        // starts: arming before it would shorten the limit by however long
        // a busy page takes to get there.
        let sent = match std::future::poll_fn(|cx| Poll::Ready(send.as_mut().poll(cx))).await {
            Poll::Ready(sent) => sent,
            Poll::Pending => {
                watchdog.arm(limits.answer_ms);
                send.await
            }
        };
        watchdog.disarm();
        let response = match sent {
            Ok(response) => response,
            Err(_) if watchdog.fired() => return Err(LoadError::TimedOut { url: owned(), limit_ms: limits.answer_ms, received: None }),
            Err(e) => return Err(LoadError::Network { url: owned(), detail: gloo_detail(e) }),
        };
        if !response.ok() {
            let retry_after_ms = response.headers().get("retry-after").and_then(|v| retry_after_ms(&v));
            return Err(LoadError::Status { url: owned(), status: response.status(), status_text: response.status_text(), retry_after_ms });
        }
        let total = response.headers().get("content-length").and_then(|v| usize::try_from(decimal(v.trim())?).ok());
        let chunks = response.body().map(|stream| stream.get_reader().unchecked_into());
        Ok(Download { url: owned(), chunks, watchdog, stall_ms: limits.stall_ms, received: 0, total })
    }

    /// The next piece of the body; `None` at its end.
    pub async fn next(&mut self) -> Result<Option<Uint8Array>, LoadError> {
        // No stream: a body of nothing (a 204). Every browser that runs this
        // wasm streams a body that has bytes.
        let Some(chunks) = &self.chunks else { return Ok(None) };
        self.watchdog.arm(self.stall_ms);
        let next = JsFuture::from(chunks.read()).await.map(|read| chunk_of(&read));
        self.watchdog.disarm();
        match next {
            Ok(chunk) => {
                self.received += chunk.as_ref().map_or(0, |c| c.length() as usize);
                Ok(chunk)
            }
            Err(_) if self.watchdog.fired() => {
                Err(LoadError::TimedOut { url: self.url.clone(), limit_ms: self.stall_ms, received: Some(self.received) })
            }
            Err(e) => Err(LoadError::Body { url: self.url.clone(), detail: describe(&e) }),
        }
    }
}

/// The bytes of a stream reader's `{ done, value }`; `None` when done.
fn chunk_of(read: &JsValue) -> Option<Uint8Array> {
    let done = Reflect::get(read, &"done".into()).ok().and_then(|d| d.as_bool()).unwrap_or(true);
    if done {
        return None;
    }
    // A stream from fetch gives Uint8Arrays; `new Uint8Array` would copy one.
    Reflect::get(read, &"value".into()).ok().map(|v| v.dyn_into().unwrap_or_else(|v| Uint8Array::new(&v)))
}

/// `Retry-After` in milliseconds from now: seconds, or an HTTP date.
fn retry_after_ms(value: &str) -> Option<u64> {
    retry_after_seconds(value).or_else(|| {
        let at = js_sys::Date::parse(value.trim());
        (!at.is_nan()).then(|| (at - js_sys::Date::now()).max(0.0) as u64)
    })
}

/// What a failed promise or call says, for an error message.
pub fn describe(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.name()) + ": " + &String::from(e.message())))
        .unwrap_or_else(|| "unknown error".to_string())
}

/// What gloo-net's error says, as `describe` words a JavaScript error
/// (its `Display` would bring the formatter into the headlines' wasm).
fn gloo_detail(e: gloo_net::Error) -> String {
    match e {
        gloo_net::Error::JsError(e) => e.name + ": " + &e.message,
        gloo_net::Error::GlooError(detail) => detail,
        // Only with gloo-net's `json` feature (the app's dependencies turn it
        // on); no request here reads JSON through gloo-net.
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

/// Runs `attempt` until it succeeds or the retry policy gives up, waiting
/// between attempts; `retrying` hears of each retry before its wait.
pub async fn with_retries<T, F: Future<Output = Result<T, LoadError>>>(
    mut attempt: impl FnMut() -> F,
    retrying: &dyn Fn(Retrying),
) -> Result<T, LoadError> {
    let policy = retry::DEFAULT;
    let mut tries = 1;
    loop {
        let error = match attempt().await {
            Ok(value) => return Ok(value),
            Err(error) => error,
        };
        let jitter = (js_sys::Math::random() * 1001.0) as u32;
        match policy.decide(error.failure(), tries, error.retry_after_ms(), jitter) {
            Decision::GiveUp => return Err(error),
            Decision::RetryAfter(ms) => {
                retrying(Retrying { attempt: tries, retries: policy.retries, error });
                sleep(ms).await;
                tries += 1;
            }
        }
    }
}

/// Resolves after `ms` milliseconds, without holding the main thread.
pub async fn sleep(ms: u64) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let ms = i32::try_from(ms).unwrap_or(i32::MAX);
        let set = web_sys::window().map(|w| w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms));
        if !matches!(set, Some(Ok(_))) {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(promise).await;
}
