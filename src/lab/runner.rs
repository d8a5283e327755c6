//! Running an exchange for real in this browser, through the lab service worker (`sw.js`).
//!
//! A service worker scoped to `lab/` only sees requests made by documents it controls, and the
//! app page is not one of them. So fetch, XHR and sendBeacon are made from a hidden runner
//! iframe at `lab/runner` (using that document's own `fetch` and `XMLHttpRequest`), and
//! navigations happen in throwaway iframes under `lab/`.
//!
//! A run first registers its answer with the worker under a random nonce and ends by
//! unregistering it; the worker answers nothing else (see `static/sw.js` and
//! `docs/security.md`). The frames that show lab documents are sandboxed without
//! `allow-scripts`: a frame sandboxed without `allow-same-origin` would not be seen by the
//! service worker at all (HTML sets its navigation's service-workers mode to "none"), and every
//! answer the worker serves carries `Content-Security-Policy: sandbox`, which gives the
//! document an opaque origin of its own.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Date, Function, Promise, Reflect, JSON};
use nocontent_engine::outcome::JsResult;
use nocontent_engine::scenario::ResponseType;
use nocontent_engine::{Exchange, Scenario};
use serde_json::Value;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Document, HtmlFormElement, HtmlIFrameElement, HtmlInputElement, MessageChannel,
    RegistrationOptions, RequestInit, ServiceWorker, ServiceWorkerRegistration, ServiceWorkerState,
    Url, Window, XmlHttpRequest, XmlHttpRequestResponseType,
};

use super::compare::{browser_name, engine_of, FetchSeen, NavSeen, Observed, XhrSeen};

/// How long a navigation gets to replace its document after the service worker served the
/// answer. An aborted navigation (204, 205) fires no event at all, so absence can only be
/// established by waiting.
const SETTLE_MS: f64 = 600.0;
/// The longest any single step may take.
const DEADLINE_MS: f64 = 8_000.0;

fn err(e: JsValue) -> String {
    e.as_string()
        .or_else(|| {
            Reflect::get(&e, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
        })
        .unwrap_or_else(|| format!("{e:?}"))
}

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

/// Messages the service worker posts: `{source, nonce, refused?}`.
struct Inbox {
    messages: Rc<RefCell<Vec<JsValue>>>,
    _listener: Closure<dyn FnMut(web_sys::MessageEvent)>,
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
        Inbox {
            messages,
            _listener: listener,
        }
    }

    /// The worker's report on request `id` of this run.
    fn find(&self, id: &str) -> Option<JsValue> {
        self.messages
            .borrow()
            .iter()
            .find(|m| text_field(m, "q").as_deref() == Some(id))
            .cloned()
    }

    async fn served(&self, id: &str) -> Option<JsValue> {
        until(|| self.find(id), DEADLINE_MS).await
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

struct Lab {
    window: Window,
    document: Document,
    base: String,
    /// The run's nonce, registered with the worker.
    nonce: String,
    inbox: Inbox,
    /// Requests made so far; each gets the next number as its id.
    requests: u32,
}

/// The sandbox of frames that show lab documents: no script ever runs in them.
const FRAME_SANDBOX: &str = "allow-same-origin";
/// The form frame also lets its form be submitted.
const FORM_SANDBOX: &str = "allow-forms allow-same-origin";

impl Lab {
    fn url(&self, path: &str) -> Result<String, String> {
        Url::new_with_base(path, &self.base)
            .map(|u| u.href())
            .map_err(err)
    }

    /// One of the lab's pages for this run (`runner`, `form`).
    fn page_url(&self, page: &str) -> Result<String, String> {
        self.url(&format!("lab/{page}?n={}", self.nonce))
    }

    /// A fresh URL for the composed answer, with the id of this request within the run.
    fn answer_url(&mut self) -> Result<(String, String), String> {
        self.requests += 1;
        let id = self.requests.to_string();
        Ok((self.url(&format!("lab/x?n={}&q={id}", self.nonce))?, id))
    }

    async fn frame(
        &self,
        src: &str,
        sandbox: Option<&str>,
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
        if let Some(flags) = sandbox {
            let _ = frame.set_attribute("sandbox", flags);
        }
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
        sandbox: Option<&str>,
    ) -> Result<(HtmlIFrameElement, Rc<RefCell<u32>>), String> {
        let (frame, loads) = self.frame(src, sandbox).await?;
        until(|| (*loads.borrow() > 0).then_some(()), DEADLINE_MS)
            .await
            .ok_or("a lab frame did not load")?;
        *loads.borrow_mut() = 0;
        Ok((frame, loads))
    }
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
    match settle(promise, DEADLINE_MS).await {
        Some(Ok(r)) => seen_response(r.unchecked_into()).await,
        Some(Err(e)) => Ok(FetchSeen::rejected(format!(
            "{}: {}",
            error_name(&e),
            err(e)
        ))),
        None => Err("fetch did not settle".into()),
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
        rejected: None,
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
    let load_event = until(|| *done.borrow(), DEADLINE_MS)
        .await
        .ok_or("the XHR never finished")?;
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

/// Submits a form (in a sandboxed frame) whose action is the composed answer.
async fn run_form(lab: &mut Lab, scenario: &Scenario) -> Result<(NavSeen, Option<String>), String> {
    let page = lab.page_url("form")?;
    let (frame, loads) = lab.loaded_frame(&page, Some(FORM_SANDBOX)).await?;
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
    let (url, id) = lab.answer_url()?;
    let get = scenario.request.method.eq_ignore_ascii_case("GET");
    if get {
        // A GET form replaces the action's query with its fields, so the nonce and the
        // request id travel as hidden fields instead.
        let action = url.split('?').next().unwrap_or(&url).to_string();
        for (name, value) in [("n", lab.nonce.clone()), ("q", id.clone())] {
            let hidden: HtmlInputElement =
                doc.create_element("input").map_err(err)?.unchecked_into();
            hidden.set_type("hidden");
            hidden.set_name(name);
            hidden.set_value(&value);
            form.append_child(&hidden).map_err(err)?;
        }
        form.set_action(&action);
    } else {
        form.set_action(&url);
    }
    form.set_method(if get { "get" } else { "post" });
    let history = lab.window.history().map_err(err)?.length().map_err(err)?;
    form.request_submit().map_err(err)?;
    let served = lab
        .inbox
        .served(&id)
        .await
        .ok_or("the service worker never saw the form submission")?;
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
    let (frame, loads) = lab.loaded_frame(&page, Some(FRAME_SANDBOX)).await?;
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
    lab.inbox
        .served(&id)
        .await
        .ok_or("the service worker never saw the navigation")?;
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
    let received = until(|| lab.inbox.find(&id).map(|_| ()), 3_000.0)
        .await
        .is_some();
    Ok((queued, received))
}

/// Runs every client against the composed answer and reports what this browser did.
pub async fn run(scenario: Scenario, exchange: Rc<Exchange>) -> Result<Observed, String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let base = document
        .base_uri()
        .map_err(err)?
        .unwrap_or_else(|| window.location().href().unwrap_or_default());
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
        inbox,
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

async fn run_clients(
    lab: &mut Lab,
    scenario: &Scenario,
    user_agent: &str,
) -> Result<Observed, String> {
    let runner_url = lab.page_url("runner")?;
    let (runner_frame, _) = lab.loaded_frame(&runner_url, Some(FRAME_SANDBOX)).await?;
    let runner = runner_frame
        .content_window()
        .ok_or("the runner frame has no window")?;
    let controlled = until(
        || container(&runner).and_then(|c| c.controller()).map(|_| ()),
        DEADLINE_MS,
    )
    .await;
    if controlled.is_none() {
        runner_frame.remove();
        return Err("the lab service worker does not control its runner page".into());
    }
    let mut seen = Observed {
        browser: browser_name(user_agent),
        engine: engine_of(user_agent),
        ..Observed::default()
    };
    let outcome = async {
        seen.fetch = Some(run_fetch(lab, &runner, scenario).await?);
        // What the worker added to and dropped from the answer, as it reported for fetch.
        if let Some(report) = lab.inbox.find("1") {
            seen.added = pairs(&report, "added");
            seen.dropped = pairs(&report, "dropped");
        }
        // A refusal shows up as a network error; the service worker says why.
        if let Some(reason) = lab.inbox.messages.borrow().iter().find_map(refusal) {
            seen.refused = Some(reason);
            return Ok(());
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

/// Runs fetch (through gloo-net) against the native lab server, which sends the composed bytes
/// exactly, violations included. Only fetch runs: it is the client a page can aim at a URL.
pub async fn run_native(scenario: Scenario) -> Result<Observed, String> {
    let window = web_sys::window().ok_or("no window")?;
    let user_agent = window.navigator().user_agent().unwrap_or_default();
    let json = serde_json::to_string(&scenario).map_err(|e| e.to_string())?;
    let query = String::from(js_sys::encode_uri_component(&json));
    let method = gloo_net::http::Method::from_bytes(scenario.request.method.as_bytes())
        .map_err(|_| format!("{} is not a method fetch can send", scenario.request.method))?;
    let mut builder = gloo_net::http::RequestBuilder::new(&format!("./x?scenario={query}"))
        .method(method)
        .cache(web_sys::RequestCache::NoStore);
    for (name, value) in &scenario.request.headers {
        builder = builder.header(name, value);
    }
    let upper = scenario.request.method.to_ascii_uppercase();
    let request = if !scenario.request.body.is_empty() && upper != "GET" && upper != "HEAD" {
        builder
            .body(scenario.request.body.clone())
            .map_err(|e| e.to_string())?
    } else {
        builder.build().map_err(|e| e.to_string())?
    };
    let seen = match request.send().await {
        Err(e) => FetchSeen::rejected(format!("TypeError: {e}")),
        Ok(response) => seen_response(response.into()).await?,
    };
    Ok(Observed {
        browser: browser_name(&user_agent),
        engine: engine_of(&user_agent),
        native: true,
        fetch: Some(seen),
        ..Observed::default()
    })
}
