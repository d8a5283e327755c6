//! Running an exchange for real in this browser, through the lab service worker (`sw.js`), or
//! against the native lab server that served the app (byte-exact, every client alike).
//!
//! A service worker scoped to `lab/` only sees requests made by documents it controls, and the
//! app page is not one of them. So fetch, XHR and sendBeacon are made from a hidden runner
//! iframe at `lab/runner` (using that document's own `fetch` and `XMLHttpRequest`), and
//! navigations happen in throwaway iframes under `lab/`.
//!
//! A run first registers its answer with the worker under a random nonce and ends by
//! unregistering it; the worker answers nothing else (see `static/sw.js` and
//! `docs/security.md`). The frames that show lab documents are sandboxed without
//! `allow-scripts` where the engine lets the worker answer such a frame: a frame sandboxed
//! without `allow-same-origin` would not be seen by the service worker at all (HTML sets its
//! navigation's service-workers mode to "none"), and WebKit does the same for a frame
//! sandboxed without `allow-scripts`. In WebKit the frames therefore allow scripts, and what
//! keeps them inert is what the worker serves: every answer carries
//! `Content-Security-Policy: sandbox` (an opaque origin, no script) and the lab's own pages a
//! policy that allows no script at all.
//!
//! Against the native lab server the same clients run in the same way, from the server's
//! runner and form pages (`__nocontent_lab/…`), with frames that never allow scripts (its
//! answers are sent as they are, HTML and script included); the server records which of a
//! run's requests arrived, as the worker reports them.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Date, Function, Promise, Reflect, JSON};
use nocontent_engine::outcome::{JsResult, Settles};
use nocontent_engine::scenario::ResponseType;
use nocontent_engine::{Exchange, Scenario};
use serde_json::Value;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Document, HtmlFormElement, HtmlIFrameElement, HtmlInputElement, MessageChannel,
    RegistrationOptions, RequestInit, ServiceWorker, ServiceWorkerRegistration, ServiceWorkerState,
    Url, UrlSearchParams, Window, XmlHttpRequest, XmlHttpRequestResponseType,
};

use super::compare::{browser_name, engine_of, FetchSeen, NavSeen, Observed, XhrSeen};

/// How long a navigation gets to replace its document after the server (the worker or the lab
/// server) saw the request. An aborted navigation (204, 205) fires no event at all, so absence
/// can only be established by waiting.
const SETTLE_MS: f64 = 600.0;
/// The longest any single step may take.
const DEADLINE_MS: f64 = 8_000.0;
/// How long fetch and XHR get before the lab records that they never settle (a response
/// without an end, such as a 205 without Content-Length on a kept-alive connection).
const NEVER_MS: f64 = 4_000.0;

fn err(e: JsValue) -> String {
    e.as_string()
        .or_else(|| {
            Reflect::get(&e, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
        })
        .unwrap_or_else(|| format!("{e:?}"))
}

/// How long the runner waits for the worker's report on a request once its response has
/// arrived: the worker posts it as it answers, but the page may get it later under load.
const REPORT_MS: f64 = 2_000.0;

async fn sleep(ms: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Polls `ready` every 20 ms until it gives a value or the deadline passes.
async fn until<T>(mut ready: impl FnMut() -> Option<T>, deadline_ms: f64) -> Option<T> {
    let start = Date::now();
    loop {
        if let Some(v) = ready() {
            return Some(v);
        }
        if Date::now() - start > deadline_ms {
            return None;
        }
        sleep(20).await;
    }
}

/// Awaits a promise, giving up (None) when it does not settle in time.
async fn settle(promise: Promise, deadline_ms: f64) -> Option<Result<JsValue, JsValue>> {
    let slot: Rc<RefCell<Option<Result<JsValue, JsValue>>>> = Rc::new(RefCell::new(None));
    let writer = slot.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let result = JsFuture::from(promise).await;
        *writer.borrow_mut() = Some(result);
    });
    until(|| slot.borrow_mut().take(), deadline_ms).await
}

/// Messages the service worker posts: `{source, nonce, q, refused?, added, dropped}`.
struct Inbox {
    messages: Rc<RefCell<Vec<JsValue>>>,
    listener: Closure<dyn FnMut(web_sys::MessageEvent)>,
}

/// The listener goes when the inbox does: a listener left on the worker container after its
/// closure is freed makes the worker's next message throw "closure invoked recursively or
/// after being dropped".
impl Drop for Inbox {
    fn drop(&mut self) {
        if let Some(container) = web_sys::window().as_ref().and_then(container) {
            let _ = container.remove_event_listener_with_callback(
                "message",
                self.listener.as_ref().unchecked_ref(),
            );
        }
    }
}

impl Inbox {
    fn listen(window: &Window) -> Inbox {
        let messages: Rc<RefCell<Vec<JsValue>>> = Rc::default();
        let sink = messages.clone();
        let listener =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                sink.borrow_mut().push(e.data());
            });
        if let Some(container) = container(window) {
            let _ = container
                .add_event_listener_with_callback("message", listener.as_ref().unchecked_ref());
        }
        Inbox { messages, listener }
    }

    /// The worker's report on request `id` of this run.
    fn find(&self, id: &str) -> Option<JsValue> {
        self.messages
            .borrow()
            .iter()
            .find(|m| text_field(m, "q").as_deref() == Some(id))
            .cloned()
    }
}

fn text_field(value: &JsValue, key: &str) -> Option<String> {
    Reflect::get(value, &key.into())
        .ok()
        .and_then(|v| v.as_string())
}

/// `[[name, why], …]` from a worker report, as pairs.
fn pairs(message: &JsValue, key: &str) -> Vec<(String, String)> {
    let Ok(list) = Reflect::get(message, &key.into()) else {
        return Vec::new();
    };
    if !Array::is_array(&list) {
        return Vec::new();
    }
    Array::from(&list)
        .iter()
        .filter_map(|pair| {
            let pair = Array::from(&pair);
            Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
        })
        .collect()
}

fn refusal(message: &JsValue) -> Option<String> {
    let refused = Reflect::get(message, &"refused".into())
        .ok()
        .filter(|r| r.is_object())?;
    let field = |k: &str| {
        Reflect::get(&refused, &k.into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    };
    Some(format!("{}: {}", field("name"), field("message")))
}

/// The `sandbox` flags of the frames a run creates.
#[derive(Clone, Copy, PartialEq)]
struct Sandbox {
    /// Frames that are navigated (`location.href`, the iframe) and the runner.
    frame: &'static str,
    /// The form's frame, which must also be allowed to submit it.
    form: &'static str,
}

/// No script ever runs in these frames.
const STRICT: Sandbox = Sandbox {
    frame: "allow-same-origin",
    form: "allow-forms allow-same-origin",
};

/// For engines that let no service worker answer a frame sandboxed without `allow-scripts`
/// (WebKit). The documents in these frames still run no script: the worker serves each with a
/// policy that forbids it (see the module comment). Popups, top-level navigation, dialogs and
/// downloads stay forbidden by the sandbox.
const SCRIPTED: Sandbox = Sandbox {
    frame: "allow-same-origin allow-scripts",
    form: "allow-forms allow-same-origin allow-scripts",
};

/// Where a run's requests go, and how the lab learns that one arrived.
enum Route {
    /// The lab service worker plays the server and reports every request it answers.
    Worker(Inbox),
    /// The native lab server sends the composed bytes and records every request of the run,
    /// read back from `__nocontent_lab/seen`. `scenario` is the scenario's JSON.
    Network { scenario: String },
}

struct Lab {
    window: Window,
    document: Document,
    base: String,
    /// The run's nonce: registered with the worker, or naming the run to the lab server.
    nonce: String,
    route: Route,
    sandbox: Sandbox,
    /// Requests made so far; each gets the next number as its id.
    requests: u32,
}

impl Lab {
    fn url(&self, path: &str) -> Result<String, String> {
        Url::new_with_base(path, &self.base)
            .map(|u| u.href())
            .map_err(err)
    }

    /// `path?query` with the pairs percent-encoded as a form would encode them.
    fn url_with(&self, path: &str, query: &[(&str, &str)]) -> Result<String, String> {
        let params = UrlSearchParams::new().map_err(err)?;
        for (name, value) in query {
            params.append(name, value);
        }
        self.url(&format!("{path}?{}", String::from(params.to_string())))
    }

    /// One of the lab's pages for this run (`runner`, `form`).
    fn page_url(&self, page: &str) -> Result<String, String> {
        match &self.route {
            Route::Worker(_) => self.url_with(&format!("lab/{page}"), &[("n", &self.nonce)]),
            Route::Network { .. } => {
                self.url_with(&format!("__nocontent_lab/{page}"), &[("r", &self.nonce)])
            }
        }
    }

    /// A fresh request of this run: its id, the path of the composed answer and the query
    /// that names the run and the request.
    fn next_request(&mut self) -> (String, &'static str, Vec<(&'static str, String)>) {
        self.requests += 1;
        let id = self.requests.to_string();
        match &self.route {
            Route::Worker(_) => (
                id.clone(),
                "lab/x",
                vec![("n", self.nonce.clone()), ("q", id)],
            ),
            Route::Network { scenario } => (
                id.clone(),
                "x",
                vec![
                    ("scenario", scenario.clone()),
                    ("r", self.nonce.clone()),
                    ("q", id),
                ],
            ),
        }
    }

    /// A fresh URL for the composed answer, with the id of this request within the run.
    fn answer_url(&mut self) -> Result<(String, String), String> {
        let (id, path, query) = self.next_request();
        let pairs: Vec<(&str, &str)> = query.iter().map(|(n, v)| (*n, v.as_str())).collect();
        Ok((self.url_with(path, &pairs)?, id))
    }

    /// Waits until the server saw request `id` of this run; for the worker, returns its report.
    async fn arrived(&self, id: &str, deadline_ms: f64) -> Option<JsValue> {
        match &self.route {
            Route::Worker(inbox) => until(|| inbox.find(id), deadline_ms).await,
            Route::Network { .. } => {
                let seen = self
                    .url_with("__nocontent_lab/seen", &[("r", &self.nonce)])
                    .ok()?;
                let start = Date::now();
                loop {
                    if network_saw(&self.window, &seen, id).await {
                        return Some(JsValue::NULL);
                    }
                    if Date::now() - start > deadline_ms {
                        return None;
                    }
                    sleep(50).await;
                }
            }
        }
    }

    async fn frame(
        &self,
        src: &str,
        sandbox: &str,
    ) -> Result<(HtmlIFrameElement, Rc<RefCell<u32>>), String> {
        let frame: HtmlIFrameElement = self
            .document
            .create_element("iframe")
            .map_err(err)?
            .unchecked_into();
        frame.set_class_name("lab-frame");
        let _ = frame.set_attribute("title", "nocontent lab frame");
        let _ = frame.set_attribute("aria-hidden", "true");
        let _ = frame.set_attribute("tabindex", "-1");
        let _ = frame.set_attribute("sandbox", sandbox);
        let loads = Rc::new(RefCell::new(0u32));
        let counter = loads.clone();
        let on_load = Closure::<dyn FnMut()>::new(move || *counter.borrow_mut() += 1);
        frame.set_onload(Some(on_load.as_ref().unchecked_ref()));
        // The frame lives until the panel removes it; its listener must live as long.
        on_load.forget();
        frame.set_src(src);
        self.document
            .body()
            .ok_or("no body")?
            .append_child(&frame)
            .map_err(err)?;
        Ok((frame, loads))
    }

    async fn loaded_frame(
        &self,
        src: &str,
        sandbox: &str,
    ) -> Result<(HtmlIFrameElement, Rc<RefCell<u32>>), String> {
        let (frame, loads) = self.frame(src, sandbox).await?;
        until(|| (*loads.borrow() > 0).then_some(()), DEADLINE_MS)
            .await
            .ok_or("a lab frame did not load")?;
        *loads.borrow_mut() = 0;
        Ok((frame, loads))
    }
}

/// Has the lab server recorded request `id` at `seen` (its JSON list of the run's request
/// ids)? A failed read (a connection another answer left unusable) is a no, asked again.
async fn network_saw(window: &Window, seen: &str, id: &str) -> bool {
    let init = RequestInit::new();
    init.set_cache(web_sys::RequestCache::NoStore);
    let Some(Ok(response)) = settle(window.fetch_with_str_and_init(seen, &init), 2_000.0).await
    else {
        return false;
    };
    let response: web_sys::Response = response.unchecked_into();
    let Ok(text) = response.text() else {
        return false;
    };
    let Some(Ok(text)) = settle(text, 2_000.0).await else {
        return false;
    };
    let text = text.as_string().unwrap_or_default();
    serde_json::from_str::<Value>(&text).is_ok_and(|v| {
        v.get("seen")
            .and_then(Value::as_array)
            .is_some_and(|ids| ids.iter().any(|s| s.as_str() == Some(id)))
    })
}

/// The window's service-worker container, if this document may use one: reading it throws in
/// a frame sandboxed without `allow-same-origin`, so it is read without trusting the binding.
/// (Not `dyn_into`: the runner frame's container is an instance of that frame's own
/// `ServiceWorkerContainer`, which `instanceof` against this page's constructor denies.)
fn container(window: &Window) -> Option<web_sys::ServiceWorkerContainer> {
    Reflect::get(&window.navigator(), &"serviceWorker".into())
        .ok()
        .filter(JsValue::is_object)
        .map(JsCast::unchecked_into)
}

/// Registers the service worker and waits until it is active.
async fn service_worker(window: &Window) -> Result<ServiceWorker, String> {
    let container = container(window).ok_or(
        "this page may not use a service worker here (a sandboxed frame without allow-same-origin, or a private mode that forbids it)",
    )?;
    let options = RegistrationOptions::new();
    options.set_scope("./lab/");
    let registration: web_sys::ServiceWorkerRegistration = match settle(
        container.register_with_options("./sw.js", &options),
        DEADLINE_MS,
    )
    .await
    {
        Some(Ok(r)) => r.unchecked_into(),
        Some(Err(e)) => {
            return Err(format!(
                "the lab service worker could not be registered: {}",
                err(e)
            ))
        }
        None => return Err("registering the lab service worker took too long".into()),
    };
    until(
        || {
            registration
                .active()
                .filter(|w| w.state() == ServiceWorkerState::Activated)
        },
        DEADLINE_MS,
    )
    .await
    .ok_or_else(|| "the lab service worker did not activate".to_string())
}

/// A service worker from an earlier version of the app may still be installed; asking for an
/// update at start-up replaces it before the visitor's next run rather than a day later.
pub async fn refresh_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(container) = container(&window) else {
        return;
    };
    let Ok(found) = JsFuture::from(container.get_registration_with_document_url("./lab/")).await
    else {
        return;
    };
    if let Ok(registration) = found.dyn_into::<ServiceWorkerRegistration>() {
        if let Ok(update) = registration.update() {
            let _ = JsFuture::from(update).await;
        }
    }
}

/// 128 random bits as hex, from the platform's cryptographic generator.
fn new_nonce(window: &Window) -> Result<String, String> {
    let mut bytes = [0u8; 16];
    window
        .crypto()
        .map_err(err)?
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(err)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Sends `message` to the worker and waits for its reply on a private channel.
async fn ask(worker: &ServiceWorker, message: &serde_json::Value) -> Result<JsValue, String> {
    let channel = MessageChannel::new().map_err(err)?;
    let reply: Rc<RefCell<Option<JsValue>>> = Rc::default();
    let slot = reply.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            *slot.borrow_mut() = Some(e.data());
        });
    channel
        .port1()
        .set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    let value = JSON::parse(&message.to_string()).map_err(err)?;
    worker
        .post_message_with_transferable(&value, &Array::of1(&channel.port2()))
        .map_err(err)?;
    let answer = until(|| reply.borrow_mut().take(), DEADLINE_MS).await;
    channel.port1().set_onmessage(None);
    channel.port1().close();
    answer.ok_or_else(|| "the lab service worker did not answer".to_string())
}

/// Hands the composed answer to the worker under this run's nonce.
async fn register_run(
    worker: &ServiceWorker,
    nonce: &str,
    exchange: &Exchange,
) -> Result<(), String> {
    let r = &exchange.response;
    let message = serde_json::json!({
        "type": "register",
        "nonce": nonce,
        "answer": { "s": r.status, "r": r.reason, "h": r.headers, "b": r.body },
    });
    let reply = ask(worker, &message).await?;
    if text_field(&reply, "type").as_deref() == Some("registered") {
        Ok(())
    } else {
        Err("the lab service worker refused this run".into())
    }
}

fn js_value(v: &JsValue) -> JsResult {
    match JSON::stringify(v).ok().and_then(|s| s.as_string()) {
        Some(text) => JsResult::Value(serde_json::from_str(&text).unwrap_or(Value::Null)),
        None => JsResult::Value(Value::Null),
    }
}

fn error_name(e: &JsValue) -> String {
    Reflect::get(e, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_else(|| "Error".into())
}

async fn run_fetch(
    lab: &mut Lab,
    runner: &Window,
    scenario: &Scenario,
) -> Result<FetchSeen, String> {
    let (url, _) = lab.answer_url()?;
    let init = RequestInit::new();
    init.set_method(&scenario.request.method);
    init.set_cache(web_sys::RequestCache::NoStore);
    let headers = web_sys::Headers::new().map_err(err)?;
    for (name, value) in &scenario.request.headers {
        // The browser refuses some names (Host, Content-Length…); those are simply not sent.
        let _ = headers.append(name, value);
    }
    init.set_headers(&headers);
    let method = scenario.request.method.to_ascii_uppercase();
    if !scenario.request.body.is_empty() && method != "GET" && method != "HEAD" {
        init.set_body(&JsValue::from_str(&scenario.request.body));
    }
    let promise = runner.fetch_with_str_and_init(&url, &init);
    match settle(promise, NEVER_MS).await {
        Some(Ok(r)) => seen_response(r.unchecked_into()).await,
        Some(Err(e)) => Ok(FetchSeen::rejected(format!(
            "{}: {}",
            error_name(&e),
            err(e)
        ))),
        None => Ok(FetchSeen::never()),
    }
}

/// Reads a fetch Response the way a script would: status, body null or not, then `text()` and,
/// on a clone, `json()`, each given 3 s to settle.
async fn seen_response(response: web_sys::Response) -> Result<FetchSeen, String> {
    let copy = response.clone().map_err(err)?;
    let body_null = response.body().is_none();
    let text = match settle(response.text().map_err(err)?, 3_000.0).await {
        Some(Ok(t)) => JsResult::Value(Value::String(t.as_string().unwrap_or_default())),
        Some(Err(e)) => JsResult::Error(error_name(&e)),
        None => JsResult::Pending(true),
    };
    let json = match settle(copy.json().map_err(err)?, 3_000.0).await {
        Some(Ok(v)) => js_value(&v),
        Some(Err(e)) => JsResult::Error(error_name(&e)),
        None => JsResult::Pending(true),
    };
    Ok(FetchSeen {
        settles: Settles::Resolves,
        status: response.status(),
        ok: response.ok(),
        status_text: response.status_text(),
        body_null,
        text,
        json,
    })
}

async fn run_xhr(lab: &mut Lab, runner: &Window, scenario: &Scenario) -> Result<XhrSeen, String> {
    let (url, _) = lab.answer_url()?;
    // The runner document's own XMLHttpRequest, so the service worker sees the request.
    let ctor: Function = Reflect::get(runner, &"XMLHttpRequest".into())
        .map_err(err)?
        .unchecked_into();
    let xhr: XmlHttpRequest = Reflect::construct(&ctor, &Array::new())
        .map_err(err)?
        .unchecked_into();
    xhr.open_with_async(&scenario.request.method, &url, true)
        .map_err(err)?;
    let kind = scenario.client.response_type;
    xhr.set_response_type(match kind {
        ResponseType::Text => XmlHttpRequestResponseType::Text,
        ResponseType::Json => XmlHttpRequestResponseType::Json,
        ResponseType::Arraybuffer => XmlHttpRequestResponseType::Arraybuffer,
        ResponseType::Blob => XmlHttpRequestResponseType::Blob,
        ResponseType::Document => XmlHttpRequestResponseType::Document,
    });
    for (name, value) in &scenario.request.headers {
        let _ = xhr.set_request_header(name, value);
    }
    let done: Rc<RefCell<Option<bool>>> = Rc::default();
    let (on_load, on_error) = {
        let (a, b) = (done.clone(), done.clone());
        (
            Closure::<dyn FnMut()>::new(move || *a.borrow_mut() = Some(true)),
            Closure::<dyn FnMut()>::new(move || *b.borrow_mut() = Some(false)),
        )
    };
    xhr.set_onload(Some(on_load.as_ref().unchecked_ref()));
    xhr.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let body = (!scenario.request.body.is_empty()).then_some(scenario.request.body.as_str());
    xhr.send_with_opt_str(body).map_err(err)?;
    let load_event = until(|| *done.borrow(), NEVER_MS).await;
    // The handlers' closures are freed when this function returns, so none may stay set.
    xhr.set_onload(None);
    xhr.set_onerror(None);
    if load_event.is_none() {
        // A request that never ends is recorded as it stands (its status is what the headers
        // gave it, or 0), then aborted, so that it cannot fire into a later run.
        let status = xhr.status().unwrap_or(0);
        let _ = xhr.abort();
        return Ok(XhrSeen {
            status,
            load_event: None,
            response: JsResult::Pending(true),
        });
    }
    let raw = xhr.response().unwrap_or(JsValue::NULL);
    let response = match kind {
        ResponseType::Text | ResponseType::Json => js_value(&raw),
        ResponseType::Arraybuffer => match raw.dyn_ref::<js_sys::ArrayBuffer>() {
            Some(buffer) => {
                JsResult::Value(serde_json::json!({ "byte_length": buffer.byte_length() }))
            }
            None => JsResult::Value(Value::Null),
        },
        ResponseType::Blob => match raw.dyn_ref::<web_sys::Blob>() {
            Some(blob) => JsResult::Value(
                serde_json::json!({ "size": blob.size() as u64, "type": blob.type_() }),
            ),
            None => JsResult::Value(Value::Null),
        },
        ResponseType::Document => JsResult::Value(if raw.is_null() {
            Value::Null
        } else {
            Value::String("Document".into())
        }),
    };
    Ok(XhrSeen {
        status: xhr.status().unwrap_or(0),
        load_event,
        response,
    })
}

fn marker_present(frame: &HtmlIFrameElement) -> bool {
    frame
        .content_window()
        .and_then(|w| Reflect::get(&w, &"__nocontentMarker".into()).ok())
        .is_some_and(|v| v.is_truthy())
}

fn set_marker(frame: &HtmlIFrameElement) {
    if let Some(w) = frame.content_window() {
        let _ = Reflect::set(&w, &"__nocontentMarker".into(), &JsValue::TRUE);
    }
}

/// Submits a form (in a sandboxed frame) whose action is the composed answer, by script
/// (`requestSubmit()`, as a click on a submit button would, but without the click).
async fn run_form(lab: &mut Lab, scenario: &Scenario) -> Result<(NavSeen, Option<String>), String> {
    let page = lab.page_url("form")?;
    let (frame, loads) = lab.loaded_frame(&page, lab.sandbox.form).await?;
    set_marker(&frame);
    let doc = frame
        .content_document()
        .ok_or("the form frame has no document")?;
    let input: HtmlInputElement = doc
        .get_element_by_id("t")
        .ok_or("no input")?
        .unchecked_into();
    input.set_value("typed by the lab");
    let form: HtmlFormElement = doc
        .get_element_by_id("f")
        .ok_or("no form")?
        .unchecked_into();
    let (id, path, query) = lab.next_request();
    let get = scenario.request.method.eq_ignore_ascii_case("GET");
    if get {
        // A GET form replaces the action's query with its fields, so what names the run and
        // the request travels as hidden fields instead.
        for (name, value) in &query {
            let hidden: HtmlInputElement =
                doc.create_element("input").map_err(err)?.unchecked_into();
            hidden.set_type("hidden");
            hidden.set_name(name);
            hidden.set_value(value);
            form.append_child(&hidden).map_err(err)?;
        }
        form.set_action(&lab.url(path)?);
    } else {
        let pairs: Vec<(&str, &str)> = query.iter().map(|(n, v)| (*n, v.as_str())).collect();
        form.set_action(&lab.url_with(path, &pairs)?);
    }
    form.set_method(if get { "get" } else { "post" });
    let history = lab.window.history().map_err(err)?.length().map_err(err)?;
    form.request_submit().map_err(err)?;
    let served = lab
        .arrived(&id, DEADLINE_MS)
        .await
        .ok_or("the server never saw the form submission")?;
    sleep(SETTLE_MS as i32).await;
    let replaced = !marker_present(&frame) || *loads.borrow() > 0;
    let reset = frame
        .content_document()
        .and_then(|d| d.get_element_by_id("t"))
        .map(|e| e.unchecked_into::<HtmlInputElement>().value().is_empty());
    let after = lab.window.history().map_err(err)?.length().map_err(err)?;
    frame.remove();
    let seen = NavSeen {
        document_replaced: replaced,
        form_reset: (!replaced).then_some(reset.unwrap_or(false)),
        history_entry_added: after > history,
        load_event: None,
    };
    Ok((seen, refusal(&served)))
}

/// How a frame that already shows a page is sent to the composed answer.
#[derive(Clone, Copy, PartialEq)]
enum Trigger {
    /// Setting the iframe's `src` from the parent.
    Src,
    /// `location.href = …` inside the frame.
    Location,
}

/// Navigates a frame that already shows a page to the composed answer. (A brand-new iframe's
/// first navigation replaces its empty document without a history entry, so it could not show
/// whether the answer adds one.)
async fn run_navigation(lab: &mut Lab, trigger: Trigger) -> Result<NavSeen, String> {
    let page = lab.page_url("form")?;
    let (frame, loads) = lab.loaded_frame(&page, lab.sandbox.frame).await?;
    set_marker(&frame);
    let (url, id) = lab.answer_url()?;
    let history = lab.window.history().map_err(err)?.length().map_err(err)?;
    match trigger {
        Trigger::Src => frame.set_src(&url),
        Trigger::Location => frame
            .content_window()
            .ok_or("no frame window")?
            .location()
            .set_href(&url)
            .map_err(err)?,
    }
    lab.arrived(&id, DEADLINE_MS)
        .await
        .ok_or("the server never saw the navigation")?;
    sleep(SETTLE_MS as i32).await;
    let after = lab.window.history().map_err(err)?.length().map_err(err)?;
    let seen = NavSeen {
        document_replaced: !marker_present(&frame) || *loads.borrow() > 0,
        form_reset: None,
        history_entry_added: after > history,
        load_event: (trigger == Trigger::Src).then_some(*loads.borrow() > 0),
    };
    frame.remove();
    Ok(seen)
}

async fn run_beacon(lab: &mut Lab, runner: &Window) -> Result<(bool, bool), String> {
    let (url, id) = lab.answer_url()?;
    let queued = runner
        .navigator()
        .send_beacon_with_opt_str(&url, Some("data"))
        .map_err(err)?;
    let received = lab.arrived(&id, 3_000.0).await.is_some();
    Ok((queued, received))
}

/// Where the app page is, for the lab's relative URLs.
fn base_of(window: &Window, document: &Document) -> Result<String, String> {
    Ok(document
        .base_uri()
        .map_err(err)?
        .unwrap_or_else(|| window.location().href().unwrap_or_default()))
}

/// Runs every client against the composed answer, played by the lab service worker, and
/// reports what this browser did.
pub async fn run(scenario: Scenario, exchange: Rc<Exchange>) -> Result<Observed, String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let base = base_of(&window, &document)?;
    let user_agent = window.navigator().user_agent().unwrap_or_default();
    let worker = service_worker(&window).await?;
    let nonce = new_nonce(&window)?;
    // The inbox listens before the run is registered, so no report can be missed.
    let inbox = Inbox::listen(&window);
    register_run(&worker, &nonce, &exchange).await?;
    let mut lab = Lab {
        window: window.clone(),
        document,
        base,
        nonce: nonce.clone(),
        route: Route::Worker(inbox),
        sandbox: STRICT,
        requests: 0,
    };
    let outcome = run_clients(&mut lab, &scenario, &user_agent).await;
    // The run is over: the worker forgets its answer, so a copied lab URL shows nothing.
    let _ = ask(
        &worker,
        &serde_json::json!({ "type": "end", "nonce": nonce }),
    )
    .await;
    outcome
}

/// Runs the worker's page for this run in a frame with `sandbox`; the frame when the worker
/// served it, None when the engine sent the navigation past the worker.
async fn worker_runner(lab: &Lab, sandbox: &str) -> Result<Option<HtmlIFrameElement>, String> {
    let url = lab.page_url("runner")?;
    let (frame, _) = lab.loaded_frame(&url, sandbox).await?;
    let served = frame
        .content_document()
        .is_some_and(|d| d.title() == "nocontent lab runner");
    if served {
        Ok(Some(frame))
    } else {
        frame.remove();
        Ok(None)
    }
}

/// The hidden runner frame: for the worker, under `lab/` and controlled by it, with the
/// sandbox this engine lets the worker answer; for the lab server, its runner page.
async fn runner_frame(lab: &mut Lab) -> Result<HtmlIFrameElement, String> {
    if let Route::Network { .. } = lab.route {
        // The lab server's runner page allows no script of its own and is never navigated,
        // so its frame may allow scripts; WebKit fires no event of an XMLHttpRequest made
        // from a frame without them (measured).
        let url = lab.page_url("runner")?;
        return Ok(lab.loaded_frame(&url, SCRIPTED.frame).await?.0);
    }
    let frame = match worker_runner(lab, STRICT.frame).await? {
        Some(frame) => frame,
        None => {
            // WebKit sends a frame sandboxed without allow-scripts past every service worker
            // (measured: the navigation reaches the network); the lab then uses frames that
            // allow scripts, and the worker's policies keep every document in them inert.
            lab.sandbox = SCRIPTED;
            worker_runner(lab, SCRIPTED.frame)
                .await?
                .ok_or("the lab service worker does not answer its runner page in this browser")?
        }
    };
    let runner = frame
        .content_window()
        .ok_or("the runner frame has no window")?;
    let controlled = until(
        || container(&runner).and_then(|c| c.controller()).map(|_| ()),
        DEADLINE_MS,
    )
    .await;
    if controlled.is_none() {
        frame.remove();
        return Err("the lab service worker does not control its runner page".into());
    }
    Ok(frame)
}

async fn run_clients(
    lab: &mut Lab,
    scenario: &Scenario,
    user_agent: &str,
) -> Result<Observed, String> {
    let runner_frame = runner_frame(lab).await?;
    let runner = runner_frame
        .content_window()
        .ok_or("the runner frame has no window")?;
    let mut seen = Observed {
        browser: browser_name(user_agent),
        engine: engine_of(user_agent),
        native: matches!(lab.route, Route::Network { .. }),
        frames_allow_scripts: lab.sandbox == SCRIPTED,
        ..Observed::default()
    };
    let outcome = async {
        seen.fetch = Some(run_fetch(lab, &runner, scenario).await?);
        if let Route::Worker(inbox) = &lab.route {
            // What the worker added to and dropped from the answer, as it reported for fetch.
            // Its message can arrive after the response itself, so wait for it a little.
            if let Some(report) = until(|| inbox.find("1"), REPORT_MS).await {
                seen.added = pairs(&report, "added");
                seen.dropped = pairs(&report, "dropped");
            }
            // A refusal shows up as a network error; the service worker says why.
            if let Some(reason) = inbox.messages.borrow().iter().find_map(refusal) {
                seen.refused = Some(reason);
                return Ok(());
            }
        }
        seen.xhr = Some(run_xhr(lab, &runner, scenario).await?);
        // Forms, links and iframes cannot send HEAD, so a HEAD answer has no navigation to test.
        if !scenario.request.method.eq_ignore_ascii_case("HEAD") {
            let (form, refused) = run_form(lab, scenario).await?;
            seen.form = Some(form);
            seen.refused = refused;
            seen.navigation = Some(run_navigation(lab, Trigger::Location).await?);
            seen.iframe = Some(run_navigation(lab, Trigger::Src).await?);
        }
        seen.beacon = Some(run_beacon(lab, &runner).await?);
        Ok::<(), String>(())
    }
    .await;
    runner_frame.remove();
    outcome.map(|_| seen)
}

/// Is the app being served by the native lab server (`nocontent serve --dist`)?
pub async fn native_lab_available() -> bool {
    match gloo_net::http::Request::get("./__nocontent_lab")
        .send()
        .await
    {
        Ok(response) => {
            response.ok()
                && response
                    .text()
                    .await
                    .is_ok_and(|t| t.contains("\"lab\":\"nocontent\""))
        }
        Err(_) => false,
    }
}

/// Runs every client against the native lab server, which sends the composed bytes exactly,
/// violations included, the same way as [`run`] does through the worker.
pub async fn run_native(scenario: Scenario) -> Result<Observed, String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let base = base_of(&window, &document)?;
    let user_agent = window.navigator().user_agent().unwrap_or_default();
    let json = serde_json::to_string(&scenario).map_err(|e| e.to_string())?;
    let mut lab = Lab {
        window: window.clone(),
        document,
        base,
        nonce: new_nonce(&window)?,
        route: Route::Network { scenario: json },
        sandbox: STRICT,
        requests: 0,
    };
    run_clients(&mut lab, &scenario, &user_agent).await
}
