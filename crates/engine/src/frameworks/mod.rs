//! Server frameworks: for a composed answer (status, headers, body), the bytes each framework
//! really puts on the wire when one idiomatic handler returns exactly that, and what it
//! changed or refused on the way: a dropped body, a kept Content-Length, added headers, an
//! exception, a warning in its log.
//!
//! One function per framework writes what that framework's server writes, in its order and
//! its spelling. Each was measured by the harness's framework runner, which starts the real
//! framework on loopback with the handler of `e2e/frameworks/<framework>/` (the same handler
//! as `content/snippets/<framework>/send.<ext>`) and compares these bytes with the bytes it
//! sent (`cargo run -p nocontent-e2e --bin frameworks -- --compare`,
//! `docs/clients-and-frameworks.md`).

mod write;

use serde::Serialize;

use crate::scenario::SendMode;
use crate::wire::Fields;

pub use write::send;

/// The frameworks, keyed as `answer.send` names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FrameworkId {
    Express,
    Flask,
    Drf,
    Fastapi,
    Axum,
    Actix,
    Go,
}

impl FrameworkId {
    pub const ALL: [FrameworkId; 7] = [
        FrameworkId::Express,
        FrameworkId::Flask,
        FrameworkId::Drf,
        FrameworkId::Fastapi,
        FrameworkId::Axum,
        FrameworkId::Actix,
        FrameworkId::Go,
    ];

    /// The `answer.send` value.
    pub fn key(self) -> &'static str {
        match self {
            FrameworkId::Express => "express",
            FrameworkId::Flask => "flask",
            FrameworkId::Drf => "drf",
            FrameworkId::Fastapi => "fastapi",
            FrameworkId::Axum => "axum",
            FrameworkId::Actix => "actix",
            FrameworkId::Go => "go",
        }
    }

    pub fn parse(key: &str) -> Option<FrameworkId> {
        FrameworkId::ALL.into_iter().find(|f| f.key() == key)
    }

    /// The name for a choice: "Express 5", "Go net/http", …
    pub fn label(self) -> &'static str {
        match self {
            FrameworkId::Express => "Express 5",
            FrameworkId::Flask => "Flask",
            FrameworkId::Drf => "Django REST framework",
            FrameworkId::Fastapi => "FastAPI",
            FrameworkId::Axum => "axum",
            FrameworkId::Actix => "actix-web",
            FrameworkId::Go => "Go net/http",
        }
    }

    /// The versions measured, pinned by the runner's lock files.
    pub fn version(self) -> &'static str {
        match self {
            FrameworkId::Express => "express 5.3.0 (Node v20.20.2)",
            FrameworkId::Flask => "Flask 3.1.3 (Werkzeug 3.1.9)",
            FrameworkId::Drf => "Django REST framework 3.18.3 (Django 5.2.19)",
            FrameworkId::Fastapi => {
                "FastAPI 0.165.0 (Starlette 1.10.0, uvicorn 0.54.0, h11 0.16.0)"
            }
            FrameworkId::Axum => "axum 0.8.9 (hyper 1.12.0)",
            FrameworkId::Actix => "actix-web 4.18.1 (actix-http 3.20.0)",
            FrameworkId::Go => "Go 1.19.8 net/http",
        }
    }

    /// The documentation of the call the handler makes.
    pub fn docs(self) -> &'static str {
        match self {
            FrameworkId::Express => "https://expressjs.com/en/5x/api.html#res.send",
            FrameworkId::Flask => {
                "https://flask.palletsprojects.com/en/stable/quickstart/#about-responses"
            }
            FrameworkId::Drf => "https://www.django-rest-framework.org/api-guide/responses/",
            FrameworkId::Fastapi => "https://fastapi.tiangolo.com/advanced/response-directly/",
            FrameworkId::Axum => "https://docs.rs/axum/0.8.9/axum/response/index.html",
            FrameworkId::Actix => {
                "https://docs.rs/actix-web/4.18.1/actix_web/struct.HttpResponseBuilder.html"
            }
            FrameworkId::Go => "https://pkg.go.dev/net/http#ResponseWriter",
        }
    }

    /// The server the handler runs on, as the runner starts it.
    pub fn server(self) -> &'static str {
        match self {
            FrameworkId::Express => "Node's http server (app.listen)",
            FrameworkId::Flask => "Werkzeug's development server, threaded (flask run)",
            FrameworkId::Drf => {
                "Django's development server (runserver) with startproject's security, common and clickjacking middleware"
            }
            FrameworkId::Fastapi => "uvicorn with its h11 protocol",
            FrameworkId::Axum => "hyper through axum::serve",
            FrameworkId::Actix => "actix-web's own server",
            FrameworkId::Go => "http.Serve",
        }
    }

    /// The send mode that picks this framework.
    pub fn send_mode(self) -> SendMode {
        match self {
            FrameworkId::Express => SendMode::Express,
            FrameworkId::Flask => SendMode::Flask,
            FrameworkId::Drf => SendMode::Drf,
            FrameworkId::Fastapi => SendMode::Fastapi,
            FrameworkId::Axum => SendMode::Axum,
            FrameworkId::Actix => SendMode::Actix,
            FrameworkId::Go => SendMode::Go,
        }
    }

    /// The framework a send mode names, if it names one.
    pub fn of(send: SendMode) -> Option<FrameworkId> {
        FrameworkId::ALL.into_iter().find(|f| f.send_mode() == send)
    }
}

/// A framework as the exchange names it, for the send-mode choice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FrameworkName {
    pub key: &'static str,
    pub label: &'static str,
    pub version: &'static str,
    pub server: &'static str,
}

/// Every framework, in the order the choice lists them.
pub fn described() -> Vec<FrameworkName> {
    FrameworkId::ALL
        .iter()
        .map(|f| FrameworkName {
            key: f.key(),
            label: f.label(),
            version: f.version(),
            server: f.server(),
        })
        .collect()
}

/// The date every framework's Date header shows in the model: frameworks write the time of
/// sending, and the engine has no clock. The comparison with real bytes ignores the value.
pub const SAMPLE_DATE: &str = "Tue, 01 Dec 2026 12:00:00 GMT";

/// What the handler was asked to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Handed<'a> {
    /// The request's method (a response to HEAD carries no body).
    pub method: &'a str,
    /// Whether the request carried a body the handler does not read (actix-web closes the
    /// connection after such a request).
    pub request_has_body: bool,
    pub status: u16,
    pub headers: &'a Fields,
    pub body: &'a str,
}

/// What one framework put on the wire for a handed answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Sent {
    pub framework: FrameworkId,
    /// The response bytes, Date as [`SAMPLE_DATE`].
    pub wire: String,
    /// The server closes the connection after this response.
    pub closes: bool,
    /// What the framework changed or refused, in sentences.
    pub changes: Vec<String>,
    /// What its log shows for this response (a warning, an exception's last line), if
    /// anything.
    pub log: Vec<String>,
}
