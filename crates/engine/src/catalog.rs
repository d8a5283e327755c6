//! The canonical scenarios: the exchanges people get wrong or ask about most, each with a
//! title and a paragraph that explains what to look at.

use serde::Serialize;

use crate::scenario::{
    Answer, Client, ClientKind, Framing, Request, ResponseType, Scenario, SendMode,
};

/// One scenario of the gallery.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// Stable, URL-safe id.
    pub id: &'static str,
    pub title: &'static str,
    pub explanation: &'static str,
    pub scenario: Scenario,
}

fn headers(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect()
}

fn request(method: &str, target: &str, hs: &[(&str, &str)], body: &str) -> Request {
    Request {
        method: method.into(),
        target: target.into(),
        headers: headers(hs),
        body: body.into(),
    }
}

fn answer(
    status: u16,
    hs: &[(&str, &str)],
    body: &str,
    framing: Framing,
    send: SendMode,
) -> Answer {
    Answer {
        status,
        headers: headers(hs),
        body: body.into(),
        framing,
        send,
    }
}

fn client(kind: ClientKind) -> Client {
    Client {
        kind,
        response_type: ResponseType::Text,
    }
}

const JSON: (&str, &str) = ("Content-Type", "application/json");
const CORS: [(&str, &str); 4] = [
    ("Access-Control-Allow-Origin", "https://app.example.com"),
    ("Access-Control-Allow-Methods", "GET, PUT, PATCH, DELETE"),
    ("Access-Control-Allow-Headers", "Content-Type, X-Request-Id"),
    ("Access-Control-Max-Age", "600"),
];

fn entry(
    id: &'static str,
    title: &'static str,
    explanation: &'static str,
    scenario: Scenario,
) -> Entry {
    Entry {
        id,
        title,
        explanation,
        scenario,
    }
}

fn preflight(status: u16) -> Scenario {
    Scenario {
        request: request(
            "PUT",
            "/items/42",
            &[JSON, ("X-Request-Id", "7f3a")],
            "{\"done\":true}",
        ),
        client: client(ClientKind::Preflight),
        answer: answer(status, &CORS, "", Framing::Auto, SendMode::AsWritten),
    }
}

/// The gallery, in the order it is shown.
pub fn catalog() -> Vec<Entry> {
    use ClientKind::*;
    use Framing::Auto;
    use SendMode::{AsWritten, Conforming};
    vec![
        entry(
            "delete-204",
            "DELETE answered 204",
            "The textbook case. The item is gone and there is nothing to say about it, so the server answers 204 and the response ends at the empty line after the headers. No Content-Length is needed, or allowed: every client knows a 204 has no body. A fetch sees ok, status 204 and an empty text().",
            Scenario {
                request: request("DELETE", "/items/42", &[], ""),
                client: client(Fetch),
                answer: answer(204, &[], "", Auto, AsWritten),
            },
        ),
        entry(
            "put-204-etag",
            "PUT answered 204 with an ETag",
            "The client sent the whole new representation, so the server need not send it back. A 204 with an ETag tells the client: stored exactly as you sent it, and here is its version, to use in If-Match on the next write. RFC 9110 allows that validator only when the server stored the representation without changing it.",
            Scenario {
                request: request("PUT", "/items/42", &[JSON], "{\"title\":\"Buy milk\",\"done\":true}"),
                client: client(Fetch),
                answer: answer(204, &[("ETag", "\"v2\"")], "", Auto, AsWritten),
            },
        ),
        entry(
            "put-200-json",
            "PUT answered 200 with the stored item",
            "The alternative to 204: return what was stored, so the client sees the fields the server filled in (timestamps, computed values). It costs a body on every write but saves a GET. Compare with the 204 version: same outcome for the resource, different contract for the client.",
            Scenario {
                request: request("PUT", "/items/42", &[JSON], "{\"title\":\"Buy milk\",\"done\":true}"),
                client: client(Fetch),
                answer: answer(
                    200,
                    &[JSON],
                    "{\"id\":42,\"title\":\"Buy milk\",\"done\":true,\"updated\":\"2026-11-21T10:00:00Z\"}",
                    Auto,
                    AsWritten,
                ),
            },
        ),
        entry(
            "patch-autosave-204",
            "PATCH autosave answered 204",
            "An editor saves a draft every few seconds. The page already holds the truth, so the server acknowledges with 204 and sends nothing the page would have to merge. A successful PATCH also invalidates any cached GET of the same URL.",
            Scenario {
                request: request("PATCH", "/drafts/7", &[("Content-Type", "application/merge-patch+json")], "{\"body\":\"Dear team,\"}"),
                client: client(Fetch),
                answer: answer(204, &[], "", Auto, AsWritten),
            },
        ),
        entry(
            "form-post-204",
            "Form POST answered 204",
            "A plain HTML form, no script. Because the answer is 204, the browser sends the form and then stays exactly where it is: same page, same URL, no new history entry, and the typed values remain in the fields. That is how a form can post without leaving the page, at the price of giving the user no visible sign that it worked.",
            Scenario {
                request: request("POST", "/subscribe", &[("Content-Type", "application/x-www-form-urlencoded")], "email=ada%40example.com"),
                client: client(Form),
                answer: answer(204, &[], "", Auto, AsWritten),
            },
        ),
        entry(
            "form-post-205",
            "Form POST answered 205 Reset Content",
            "205 was made for this: the server took the data and asks the browser to clear the form for the next entry. RFC 9110 says the user agent should reset the document view. None of the engines measured here does: Chromium, Firefox and WebKitGTK all treat a 205 navigation like a 204, so the page stays and the typed values stay too, as HTML says. Reset the form in script instead.",
            Scenario {
                request: request("POST", "/comments", &[("Content-Type", "application/x-www-form-urlencoded")], "text=First%21"),
                client: client(Form),
                answer: answer(205, &[], "", Auto, Conforming),
            },
        ),
        entry(
            "fetch-204-json",
            "fetch() gets 204, then calls json()",
            "The most common 204 bug in front-end code: `await (await fetch(url)).json()` on an endpoint that answers 204. There is no body, so json() rejects with a SyntaxError (\"Unexpected end of JSON input\"). Check `response.status === 204` (or the Content-Length) before parsing. Note that in Chromium, Firefox and WebKitGTK alike `response.body` is an empty stream, not null as the Fetch standard says.",
            Scenario {
                request: request("GET", "/api/notifications/latest", &[("Accept", "application/json")], ""),
                client: client(Fetch),
                answer: answer(204, &[], "", Auto, AsWritten),
            },
        ),
        entry(
            "xhr-json-204",
            "XHR with responseType json gets 204",
            "XMLHttpRequest is gentler than fetch here: with responseType \"json\" an empty body gives `xhr.response === null` and the load event fires, no exception. Code that then reads a property of the response fails instead, one step later.",
            Scenario {
                request: request("GET", "/api/notifications/latest", &[("Accept", "application/json")], ""),
                client: Client { kind: Xhr, response_type: ResponseType::Json },
                answer: answer(204, &[], "", Auto, AsWritten),
            },
        ),
        entry(
            "keepalive-204-body",
            "204 with a body on a kept-alive connection",
            "A hand-written server sends `Content-Length: 5` and `hello` after a 204. Clients must stop at the end of the headers, so those five bytes are not a body: on a reused connection they would be read as the start of the next response. Chromium and WebKitGTK notice the stray bytes and close the connection, so the next request goes out on a fresh one and nothing is corrupted, but the keep-alive is lost; Firefox reads the five bytes as the 204's body, drops them and keeps the connection. Switch to \"conforming\" to see what a correct server sends.",
            Scenario {
                request: request("GET", "/api/ping", &[], ""),
                client: client(Fetch),
                answer: answer(204, &[], "hello", Framing::ContentLength, AsWritten),
            },
        ),
        entry(
            "reset-205-no-length",
            "205 without Content-Length",
            "RFC 9110 requires a 205 to declare its emptiness: Content-Length: 0, an empty chunked body, or closing the connection. This one does none of these, so by RFC 9112 the client must read until the server closes, and the server never does: the response never ends. WebKitGTK reads it that way: fetch() resolves at the headers but text() never settles, and its XMLHttpRequest waits in readyState 1 with status 0. Chromium and Firefox end every 205 at its headers, as for a 204, so there the request completes at once. The fix works in all of them: Content-Length: 0.",
            Scenario {
                request: request("POST", "/comments", &[("Content-Type", "application/x-www-form-urlencoded")], "text=Hi"),
                client: client(Fetch),
                answer: answer(205, &[], "", Framing::None, AsWritten),
            },
        ),
        entry(
            "preflight-204",
            "CORS preflight answered 204",
            "A PUT with a JSON body and a custom header from another origin makes the browser ask first, with OPTIONS. The preflight needs an ok status (any 2xx) and matching Access-Control-Allow-* headers; 204 is the natural answer since a preflight has nothing to say beyond its headers. Max-Age lets the browser skip the preflight for the next 10 minutes.",
            preflight(204),
        ),
        entry(
            "preflight-200",
            "CORS preflight answered 200",
            "The same preflight answered 200 with an empty body works exactly like 204: the Fetch standard only asks for a status from 200 to 299. Some old guides insist on 200 for the preflight because of very old browsers; current ones accept either.",
            preflight(200),
        ),
        entry(
            "preflight-404",
            "CORS preflight answered 404",
            "The route exists for PUT but nobody wrote an OPTIONS handler, so the framework answers 404, even with the right CORS headers attached. The preflight fails on the status alone, the PUT is never sent, and the page sees only a TypeError, worded by each engine (`Failed to fetch` in Chromium); the real reason appears in the console.",
            preflight(404),
        ),
        entry(
            "head-200",
            "HEAD answered like GET, without the body",
            "HEAD asks for the headers a GET would get. A conforming server sends the same Content-Length the GET would have (here the 1 KiB report) and no body at all; the client must not wait for one. Switch to \"as written\" to see what happens when a server sends the body anyway.",
            Scenario {
                request: request("HEAD", "/files/report.csv", &[], ""),
                client: client(Fetch),
                answer: answer(200, &[("Content-Type", "text/csv")], &"date,amount\n".repeat(85), Auto, Conforming),
            },
        ),
        entry(
            "iframe-204",
            "An iframe pointed at a 204",
            "Setting an iframe's src to a URL that answers 204 aborts the navigation: a new iframe stays on its empty about:blank document, an existing one keeps the page it had, and no load event fires. Code that waits for the iframe's load event waits forever.",
            Scenario {
                request: request("GET", "/widgets/status", &[], ""),
                client: client(Iframe),
                answer: answer(204, &[], "", Auto, AsWritten),
            },
        ),
        entry(
            "location-204",
            "location.href (or a link) to a 204",
            "Following a link or assigning location.href to a URL that answers 204 sends the request and then leaves the page as it is: no new document, no history entry, the URL unchanged. It is the old trick for \"fire a request from a link without leaving the page\".",
            Scenario {
                request: request("GET", "/track?event=download", &[], ""),
                client: client(Navigation),
                answer: answer(204, &[], "", Auto, AsWritten),
            },
        ),
        entry(
            "conditional-304",
            "Conditional GET answered 304",
            "The client has a copy tagged \"v1\" and asks If-None-Match: \"v1\". Nothing changed, so the server answers 304 with no content and the same ETag, and the client reuses its copy. When the browser cache made the request conditional, a script's fetch sees a 200 with the cached body; only a request the script made conditional itself sees the 304.",
            Scenario {
                request: request("GET", "/items/42", &[("If-None-Match", "\"v1\"")], ""),
                client: client(Fetch),
                answer: answer(304, &[("ETag", "\"v1\""), ("Cache-Control", "max-age=60")], "", Auto, AsWritten),
            },
        ),
        entry(
            "post-201-location",
            "POST create answered 201 with Location",
            "Creating an item in a collection: 201 Created, with Location naming the new item so the client need not parse anything to find it, and the new representation as content for convenience.",
            Scenario {
                request: request("POST", "/items", &[JSON], "{\"title\":\"Buy milk\"}"),
                client: client(Fetch),
                answer: answer(201, &[("Location", "/items/43"), JSON], "{\"id\":43,\"title\":\"Buy milk\",\"done\":false}", Auto, AsWritten),
            },
        ),
        entry(
            "delete-200-empty-object",
            "DELETE answered 200 with {} instead of 204",
            "Some APIs answer every success with 200 and a JSON body, even when there is nothing to say, so clients can always call json(). It works, but the client has to download and parse a body that carries no information, and a form or link to it would show the user a page containing {}. 204 states the same thing in the status line.",
            Scenario {
                request: request("DELETE", "/items/42", &[], ""),
                client: client(Fetch),
                answer: answer(200, &[JSON], "{}", Auto, AsWritten),
            },
        ),
        entry(
            "link-304",
            "A link to a URL that answers 304",
            "A link (or location.href) leads to a URL whose server answers 304 Not Modified, although the browser asked nothing conditional. HTML abandons a navigation only for 204 and 205, so by the specs the 304 becomes the new page: an empty document. Firefox does just that: the page goes blank, the URL changes and a history entry is added. Chromium and WebKitGTK treat the 304 like a 204 and leave the page where it is. A server should send 304 only to a request that carried If-None-Match or If-Modified-Since.",
            Scenario {
                request: request("GET", "/items/42", &[], ""),
                client: client(Navigation),
                answer: answer(304, &[("ETag", "\"v1\"")], "", Auto, AsWritten),
            },
        ),
        entry(
            "keepalive-204-smuggled",
            "A 204 whose body is a whole second response",
            "A server sends a 204 with a Content-Length, followed by exactly that many bytes, which happen to be a complete response of their own: HTTP/1.1 200 OK with the body fake. RFC 9112 ends a 204 at its headers, so on a kept-alive connection those bytes would be read as the answer to the next request, a planted response. No engine measured here lets it through: Firefox reads the declared bytes as the 204's body, drops them and reuses the connection, while Chromium and WebKitGTK see bytes where none may be and close the connection, so the next request gets an answer of its own.",
            Scenario {
                request: request("GET", "/api/ping", &[], ""),
                client: client(Fetch),
                answer: answer(204, &[], "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nfake", Framing::ContentLength, AsWritten),
            },
        ),
        entry(
            "head-fetch-body",
            "fetch() with HEAD: is response.body null?",
            "A script asks whether an item exists with fetch(url, { method: \"HEAD\" }). The answer is 200 with the headers a GET would get, its Content-Length included, and no content, as HEAD requires. The Fetch standard gives a response to HEAD a null body, and Firefox does: response.body is null. Chromium and WebKitGTK give an empty ReadableStream instead. In all three, text() resolves to an empty string, so look at response.ok and the headers, never at response.body, to learn about the item.",
            Scenario {
                request: request("HEAD", "/items/42", &[], ""),
                client: client(Fetch),
                answer: answer(200, &[JSON, ("ETag", "\"v2\"")], "{\"id\":42,\"title\":\"Buy milk\",\"done\":true}", Auto, Conforming),
            },
        ),
        entry(
            "poll-204-keepalive",
            "A polling endpoint answers 204 without Content-Length",
            "A page asks every few seconds whether a job has news, and the server answers 204 No Content until it has. The 204 needs no Content-Length, since it ends at its headers, and RFC 9112 keeps the connection open for the next poll. Chromium and Firefox reuse it. WebKitGTK closes the connection after a 204 without Content-Length, so each poll there opens a new connection: nothing breaks, but every poll pays for a new connection. WebKitGTK's network stack is libsoup, not Safari's, so this says nothing about Safari.",
            Scenario {
                request: request("GET", "/api/jobs/7/events", &[("Accept", "application/json")], ""),
                client: client(Fetch),
                answer: answer(204, &[], "", Auto, AsWritten),
            },
        ),
        entry(
            "api-204-json-clients",
            "An API client parses the JSON of a 204",
            "Backend code calls a DELETE endpoint and parses the answer as JSON out of habit, but the answer is 204 with no body. Each client library fails in its own words, or not at all: Node's fetch and a JSON.parse of Node's http body throw `SyntaxError: Unexpected end of JSON input`, requests' and httpx's `.json()` raise `JSONDecodeError: Expecting value: line 1 column 1 (char 0)`, while axios quietly gives `data` as an empty string, so the mistake surfaces later, where the code reads a field. curl has no JSON step. Test the status before parsing, in every client.",
            Scenario {
                request: request("DELETE", "/api/items/42", &[("Accept", "application/json")], ""),
                client: client(Fetch),
                answer: answer(204, &[], "", Auto, AsWritten),
            },
        ),
        entry(
            "api-205-no-length",
            "An API answers 205 without framing, called from scripts and servers",
            "A 205 must declare its empty content with Content-Length: 0, an empty chunked body or a close. This one sends none of them and keeps the connection open, so by RFC 9112 the body runs until a close that never comes. Clients split on it: Node's fetch (undici) ends a 205 at its headers and returns at once, but curl, Node's http module, axios and requests wait for a body until their caller gives up, and httpx raises `ReadTimeout` when its timeout runs out. In browsers only WebKitGTK waits. Send Content-Length: 0 and every client returns.",
            Scenario {
                request: request("PUT", "/api/drafts/7/reset", &[JSON], "{\"keep\":false}"),
                client: client(Fetch),
                answer: answer(205, &[], "", Framing::None, AsWritten),
            },
        ),
        entry(
            "api-204-planted-next",
            "A 204 carries a planted response, and httpx hands it to the next request",
            "A broken server sends a 204 with a Content-Length and, as its body, a complete response of its own: a 200 whose JSON grants admin rights. A 204 ends at its headers, so on a kept-alive connection those bytes wait for the next request. Most clients measured here defend: curl, Node's fetch and requests drop the declared bytes and reuse the connection cleanly, Node's http module and axios close it. httpx (h11) reads the 204 correctly, then answers the next request on that connection with the planted 200, `{\"admin\":true}` included. Never let a handler write a body on a 204.",
            Scenario {
                request: request("GET", "/api/session", &[("Accept", "application/json")], ""),
                client: client(Fetch),
                answer: answer(204, &[], "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 14\r\n\r\n{\"admin\":true}", Framing::ContentLength, AsWritten),
            },
        ),
        entry(
            "handler-204-json",
            "A handler returns JSON with status 204",
            "The handler sets status 204 and returns the JSON it has anyway, with its Content-Type and Content-Length. What reaches the wire depends on the framework, not on the handler. Shown here through Django REST framework on Django's development server, which sends the two bytes after the headers, where the next response belongs: Node's http module and axios then fail the request with a parse error, and httpx fails the next one. Pick another framework under Send to compare: Express strips the body and its length, Flask drops the body and closes the connection, FastAPI on uvicorn refuses the body with an exception in its log and closes, axum drops the body but keeps the Content-Length of the body it dropped, Go drops both and logs the refused write, and actix-web drops the Content-Length but writes the bytes anyway.",
            Scenario {
                request: request("DELETE", "/api/items/42", &[("Accept", "application/json")], ""),
                client: client(Fetch),
                answer: answer(204, &[JSON, ("Content-Length", "2")], "{}", Auto, SendMode::Drf),
            },
        ),
        entry(
            "handler-head-length",
            "A handler answers HEAD with the GET body",
            "Most frameworks route HEAD to the GET handler and send its headers without the body, so the handler need not know. Shown through Express, whose res.send() computes the Content-Length and a weak ETag from the body it then leaves out, as HEAD wants. Pick another framework under Send to compare what each adds on the way: Django REST framework renders the text as JSON and so announces 7 bytes for a 5-byte string, Go and axum add a text/plain Content-Type, and Flask closes the connection after it.",
            Scenario {
                request: request("HEAD", "/api/greeting", &[], ""),
                client: client(Fetch),
                answer: answer(200, &[], "hello", Auto, SendMode::Express),
            },
        ),
        entry(
            "iframe-204-frame-denied",
            "An iframe pointed at a 204 that forbids framing",
            "A widget's status endpoint answers 204 and, like many APIs behind a security middleware, adds `X-Frame-Options: DENY`. Pointed at it, an iframe should abort the navigation, as for any 204: Chromium and Firefox do, the frame keeps what it had and no load event fires. WebKitGTK checks the framing rule first and shows its blocked-frame page instead: the frame's document is replaced and its load event fires. A top-level link or form to the same answer keeps the page in all three. Code that waits on the iframe's load event to learn about a 204 gets a different answer per engine.",
            Scenario {
                request: request("GET", "/widgets/status", &[], ""),
                client: client(Iframe),
                answer: answer(204, &[("X-Frame-Options", "DENY")], "", Auto, AsWritten),
            },
        ),
    ]
}

/// The scenarios the gallery shows apart, under "Where the engines differ": the answers on
/// which Chromium, Firefox and WebKitGTK were measured to do the most different things. Each
/// id is a catalog entry; a test checks that the engines really differ on each.
pub const ENGINES_DIFFER: &[&str] = &[
    "link-304",
    "reset-205-no-length",
    "keepalive-204-smuggled",
    "head-fetch-body",
    "poll-204-keepalive",
    "iframe-204-frame-denied",
];

/// The scenarios the gallery lists under "Where HTTP clients differ": each is a catalog entry
/// on which the client libraries outside the browser were measured to return different
/// things (a test checks it).
pub const CLIENTS_DIFFER: &[&str] = &[
    "api-204-planted-next",
    "api-205-no-length",
    "api-204-json-clients",
];

/// The scenarios the gallery lists under "Where frameworks differ": each is sent through a
/// framework, and the frameworks were measured to put different bytes on the wire for it (a
/// test checks it).
pub const FRAMEWORKS_DIFFER: &[&str] = &["handler-204-json", "handler-head-length"];

/// The catalog entry with this id.
pub fn find(id: &str) -> Option<Entry> {
    catalog().into_iter().find(|e| e.id == id)
}
