//! Fact tables for the "nocontent" playground: how programming ecosystems,
//! server frameworks and published API style guides treat the HTTP success
//! and cache statuses 200, 201, 204, 205 and 304.
//!
//! Every row carries a `source` URL pointing at the documentation page or the
//! source file that backs it. The prose (`behaviour`, `advice`) and every
//! handler snippet were written for this project; nothing is copied from the
//! sources. Where a fact was checked against a mirror or a copy of the
//! original rather than the original itself, a `//` comment above the row
//! says so.
//!
//! Each table is one row per line, written through a small macro; the
//! framework snippets are files, `content/snippets/<framework>/<status>.<ext>`,
//! compiled in with `include_str!` (a row whose file is missing does not
//! build). The tables are plain `'static` data with no behaviour of their own.

/// One way an ecosystem spells a status code as a named constant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct StatusConstant {
    /// The ecosystem, such as "Rust (http)", "Go (net/http)" or ".NET".
    pub ecosystem: &'static str,
    pub status: u16,
    /// The constant as code writes it: `StatusCode::NO_CONTENT`, `http.StatusNoContent`,
    /// Rails' symbol `:no_content`.
    pub constant: &'static str,
    /// The official documentation or source that defines it.
    pub source: &'static str,
}

const RUST_HTTP: &str = "https://docs.rs/http/latest/http/status/struct.StatusCode.html";
const GO_CONSTS: &str = "https://pkg.go.dev/net/http#pkg-constants";
const DOTNET_ENUM: &str = "https://learn.microsoft.com/en-us/dotnet/api/system.net.httpstatuscode";
const ASPNET_CODES: &str =
    "https://learn.microsoft.com/en-us/dotnet/api/microsoft.aspnetcore.http.statuscodes";
const PY_HTTPSTATUS: &str = "https://docs.python.org/3/library/http.html#http.HTTPStatus";
const SPRING_HTTPSTATUS: &str = "https://docs.spring.io/spring-framework/docs/current/javadoc-api/org/springframework/http/HttpStatus.html";
const NODE_STATUS_CODES: &str = "https://nodejs.org/api/http.html#httpstatus_codes";
const NODE_H2_CONSTANTS: &str = "https://nodejs.org/api/http2.html#http2constants";
const RACK_UTILS: &str = "https://github.com/rack/rack/blob/main/lib/rack/utils.rb";
const SYMFONY_RESPONSE: &str = "https://github.com/symfony/http-foundation/blob/7.3/Response.php";
const DRF_STATUS: &str = "https://www.django-rest-framework.org/api-guide/status-codes/";
const STARLETTE_STATUS: &str =
    "https://github.com/encode/starlette/blob/master/starlette/status.py";

macro_rules! status_constants {
    ($($ecosystem:literal, $status:literal, $constant:literal, $source:ident;)*) => {
        /// Every ecosystem's constant for each of the five statuses.
        pub static STATUS_CONSTANTS: &[StatusConstant] = &[$(StatusConstant {
            ecosystem: $ecosystem,
            status: $status,
            constant: $constant,
            source: $source,
        }),*];
    };
}

status_constants! {
    // Rust `http` crate (used by hyper, axum, reqwest...). Checked against
    // http-1.5.0 src/status.rs.
    "Rust (http)", 200, "StatusCode::OK", RUST_HTTP;
    "Rust (http)", 201, "StatusCode::CREATED", RUST_HTTP;
    "Rust (http)", 204, "StatusCode::NO_CONTENT", RUST_HTTP;
    "Rust (http)", 205, "StatusCode::RESET_CONTENT", RUST_HTTP;
    "Rust (http)", 304, "StatusCode::NOT_MODIFIED", RUST_HTTP;
    // Go standard library, src/net/http/status.go.
    "Go (net/http)", 200, "http.StatusOK", GO_CONSTS;
    "Go (net/http)", 201, "http.StatusCreated", GO_CONSTS;
    "Go (net/http)", 204, "http.StatusNoContent", GO_CONSTS;
    "Go (net/http)", 205, "http.StatusResetContent", GO_CONSTS;
    "Go (net/http)", 304, "http.StatusNotModified", GO_CONSTS;
    // .NET base class library enum System.Net.HttpStatusCode.
    ".NET", 200, "HttpStatusCode.OK", DOTNET_ENUM;
    ".NET", 201, "HttpStatusCode.Created", DOTNET_ENUM;
    ".NET", 204, "HttpStatusCode.NoContent", DOTNET_ENUM;
    ".NET", 205, "HttpStatusCode.ResetContent", DOTNET_ENUM;
    ".NET", 304, "HttpStatusCode.NotModified", DOTNET_ENUM;
    // ASP.NET Core's int constants (Microsoft.AspNetCore.Http.StatusCodes).
    "ASP.NET Core", 200, "StatusCodes.Status200OK", ASPNET_CODES;
    "ASP.NET Core", 201, "StatusCodes.Status201Created", ASPNET_CODES;
    "ASP.NET Core", 204, "StatusCodes.Status204NoContent", ASPNET_CODES;
    "ASP.NET Core", 205, "StatusCodes.Status205ResetContent", ASPNET_CODES;
    "ASP.NET Core", 304, "StatusCodes.Status304NotModified", ASPNET_CODES;
    // Python standard library enum; checked with `http.HTTPStatus(code).name`.
    "Python (http)", 200, "HTTPStatus.OK", PY_HTTPSTATUS;
    "Python (http)", 201, "HTTPStatus.CREATED", PY_HTTPSTATUS;
    "Python (http)", 204, "HTTPStatus.NO_CONTENT", PY_HTTPSTATUS;
    "Python (http)", 205, "HTTPStatus.RESET_CONTENT", PY_HTTPSTATUS;
    "Python (http)", 304, "HTTPStatus.NOT_MODIFIED", PY_HTTPSTATUS;
    // Django REST framework's own module (rest_framework/status.py, 3.18.3).
    "Django REST Framework", 200, "status.HTTP_200_OK", DRF_STATUS;
    "Django REST Framework", 201, "status.HTTP_201_CREATED", DRF_STATUS;
    "Django REST Framework", 204, "status.HTTP_204_NO_CONTENT", DRF_STATUS;
    "Django REST Framework", 205, "status.HTTP_205_RESET_CONTENT", DRF_STATUS;
    "Django REST Framework", 304, "status.HTTP_304_NOT_MODIFIED", DRF_STATUS;
    // FastAPI re-exports Starlette's status module as `fastapi.status`.
    "FastAPI / Starlette", 200, "status.HTTP_200_OK", STARLETTE_STATUS;
    "FastAPI / Starlette", 201, "status.HTTP_201_CREATED", STARLETTE_STATUS;
    "FastAPI / Starlette", 204, "status.HTTP_204_NO_CONTENT", STARLETTE_STATUS;
    "FastAPI / Starlette", 205, "status.HTTP_205_RESET_CONTENT", STARLETTE_STATUS;
    "FastAPI / Starlette", 304, "status.HTTP_304_NOT_MODIFIED", STARLETTE_STATUS;
    // Spring's org.springframework.http.HttpStatus enum.
    "Java / Spring", 200, "HttpStatus.OK", SPRING_HTTPSTATUS;
    "Java / Spring", 201, "HttpStatus.CREATED", SPRING_HTTPSTATUS;
    "Java / Spring", 204, "HttpStatus.NO_CONTENT", SPRING_HTTPSTATUS;
    "Java / Spring", 205, "HttpStatus.RESET_CONTENT", SPRING_HTTPSTATUS;
    "Java / Spring", 304, "HttpStatus.NOT_MODIFIED", SPRING_HTTPSTATUS;
    // node:http has no named numeric constants; STATUS_CODES maps a number to
    // its reason phrase (e.g. 204 -> "No Content"). Checked on Node v20.
    "Node.js", 200, "http.STATUS_CODES[200]", NODE_STATUS_CODES;
    "Node.js", 201, "http.STATUS_CODES[201]", NODE_STATUS_CODES;
    "Node.js", 204, "http.STATUS_CODES[204]", NODE_STATUS_CODES;
    "Node.js", 205, "http.STATUS_CODES[205]", NODE_STATUS_CODES;
    "Node.js", 304, "http.STATUS_CODES[304]", NODE_STATUS_CODES;
    // node:http2 does export numeric constants. Checked on Node v20.
    "Node.js", 200, "http2.constants.HTTP_STATUS_OK", NODE_H2_CONSTANTS;
    "Node.js", 201, "http2.constants.HTTP_STATUS_CREATED", NODE_H2_CONSTANTS;
    "Node.js", 204, "http2.constants.HTTP_STATUS_NO_CONTENT", NODE_H2_CONSTANTS;
    "Node.js", 205, "http2.constants.HTTP_STATUS_RESET_CONTENT", NODE_H2_CONSTANTS;
    "Node.js", 304, "http2.constants.HTTP_STATUS_NOT_MODIFIED", NODE_H2_CONSTANTS;
    // Rails accepts Rack's status symbols: the reason phrase, lower-cased,
    // with spaces turned into underscores (Rack::Utils::SYMBOL_TO_STATUS_CODE).
    "Rails", 200, ":ok", RACK_UTILS;
    "Rails", 201, ":created", RACK_UTILS;
    "Rails", 204, ":no_content", RACK_UTILS;
    "Rails", 205, ":reset_content", RACK_UTILS;
    "Rails", 304, ":not_modified", RACK_UTILS;
    // Symfony HttpFoundation Response class constants.
    "Symfony", 200, "Response::HTTP_OK", SYMFONY_RESPONSE;
    "Symfony", 201, "Response::HTTP_CREATED", SYMFONY_RESPONSE;
    "Symfony", 204, "Response::HTTP_NO_CONTENT", SYMFONY_RESPONSE;
    "Symfony", 205, "Response::HTTP_RESET_CONTENT", SYMFONY_RESPONSE;
    "Symfony", 304, "Response::HTTP_NOT_MODIFIED", SYMFONY_RESPONSE;
}

/// How a server framework sends a given status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct FrameworkAnswer {
    /// The framework's name as people write it, such as "Go net/http".
    pub framework: &'static str,
    /// The snippet's language, for highlighting: "rust", "javascript", "python", "go",
    /// "ruby", "java" or "csharp".
    pub language: &'static str,
    pub status: u16,
    /// A short handler that answers with `status` (a 201 names the new resource in
    /// Location; a 200 returns a small JSON body), from
    /// `content/snippets/<framework>/<status>.<ext>`.
    pub snippet: &'static str,
    pub source: &'static str,
}

const AXUM_RESPONSE: &str = "https://docs.rs/axum/latest/axum/response/index.html";
const AXUM_NOCONTENT: &str = "https://docs.rs/axum/latest/axum/response/struct.NoContent.html";
const ACTIX_RESPONSE: &str = "https://docs.rs/actix-web/latest/actix_web/struct.HttpResponse.html";
const EXPRESS_API: &str = "https://expressjs.com/en/5x/api.html#res.sendStatus";
const EXPRESS_FRESH: &str = "https://expressjs.com/en/5x/api.html#req.fresh";
const DRF_RESPONSES: &str = "https://www.django-rest-framework.org/api-guide/responses/";
const DJANGO_CONDITIONAL: &str =
    "https://docs.djangoproject.com/en/stable/topics/conditional-view-processing/";
const FASTAPI_STATUS: &str = "https://fastapi.tiangolo.com/tutorial/response-status-code/";
const FASTAPI_RESPONSE: &str = "https://fastapi.tiangolo.com/advanced/response-directly/";
const GO_RESPONSEWRITER: &str = "https://pkg.go.dev/net/http#ResponseWriter";
const GO_SERVECONTENT: &str = "https://pkg.go.dev/net/http#ServeContent";
const RAILS_HEAD: &str =
    "https://guides.rubyonrails.org/layouts_and_rendering.html#using-head-to-build-header-only-responses";
const RAILS_RENDER: &str =
    "https://guides.rubyonrails.org/layouts_and_rendering.html#the-status-option";
const RAILS_CONDGET: &str =
    "https://guides.rubyonrails.org/caching_with_rails.html#conditional-get-support";
const SPRING_RESPONSEENTITY: &str = "https://docs.spring.io/spring-framework/docs/current/javadoc-api/org/springframework/http/ResponseEntity.html";
const SPRING_CACHING: &str =
    "https://docs.spring.io/spring-framework/reference/web/webmvc/mvc-caching.html";
const ASPNET_RETURN_TYPES: &str =
    "https://learn.microsoft.com/en-us/aspnet/core/web-api/action-return-types";
const ASPNET_NOCONTENT: &str =
    "https://learn.microsoft.com/en-us/dotnet/api/microsoft.aspnetcore.mvc.controllerbase.nocontent";
const ASPNET_STATUSCODE: &str =
    "https://learn.microsoft.com/en-us/dotnet/api/microsoft.aspnetcore.mvc.controllerbase.statuscode";

/// A snippet file without the line break that ends the file.
const fn without_final_newline(text: &'static str) -> &'static str {
    match text.as_bytes().split_last() {
        Some((b'\n', rest)) => match std::str::from_utf8(rest) {
            Ok(trimmed) => trimmed,
            Err(_) => text,
        },
        _ => text,
    }
}

/// The file extension of a snippet in each language.
macro_rules! extension {
    (rust) => {
        "rs"
    };
    (javascript) => {
        "js"
    };
    (python) => {
        "py"
    };
    (go) => {
        "go"
    };
    (ruby) => {
        "rb"
    };
    (java) => {
        "java"
    };
    (csharp) => {
        "cs"
    };
}

macro_rules! framework_answers {
    ($($framework:literal in $folder:literal, $language:ident, $status:literal, $source:ident;)*) => {
        /// Each framework's handler for each status it has a snippet for.
        pub static FRAMEWORK_ANSWERS: &[FrameworkAnswer] = &[$(FrameworkAnswer {
            framework: $framework,
            language: stringify!($language),
            status: $status,
            snippet: without_final_newline(include_str!(concat!(
                "../../../content/snippets/",
                $folder,
                "/",
                stringify!($status),
                ".",
                extension!($language)
            ))),
            source: $source,
        }),*];
        /// Every snippet file the table reads, relative to `content/snippets/`.
        pub static SNIPPET_FILES: &[&str] = &[$(concat!(
            $folder, "/", stringify!($status), ".", extension!($language)
        )),*];
    };
}

framework_answers! {
    "axum" in "axum", rust, 200, AXUM_RESPONSE;
    "axum" in "axum", rust, 201, AXUM_RESPONSE;
    // `()` alone would answer 200, so the status is spelled out.
    "axum" in "axum", rust, 204, AXUM_NOCONTENT;
    "axum" in "axum", rust, 205, AXUM_RESPONSE;
    "actix-web" in "actix-web", rust, 200, ACTIX_RESPONSE;
    "actix-web" in "actix-web", rust, 201, ACTIX_RESPONSE;
    "actix-web" in "actix-web", rust, 204, ACTIX_RESPONSE;
    "actix-web" in "actix-web", rust, 205, ACTIX_RESPONSE;
    "actix-web" in "actix-web", rust, 304, ACTIX_RESPONSE;
    "Express" in "express", javascript, 200, EXPRESS_API;
    "Express" in "express", javascript, 201, EXPRESS_API;
    "Express" in "express", javascript, 204, EXPRESS_API;
    "Express" in "express", javascript, 205, EXPRESS_API;
    // res.send() itself flips the status to 304 when req.fresh is true.
    "Express" in "express", javascript, 304, EXPRESS_FRESH;
    "Django REST Framework" in "django-rest-framework", python, 200, DRF_RESPONSES;
    "Django REST Framework" in "django-rest-framework", python, 201, DRF_RESPONSES;
    "Django REST Framework" in "django-rest-framework", python, 204, DRF_RESPONSES;
    "Django REST Framework" in "django-rest-framework", python, 205, DRF_RESPONSES;
    "Django REST Framework" in "django-rest-framework", python, 304, DJANGO_CONDITIONAL;
    "FastAPI" in "fastapi", python, 200, FASTAPI_STATUS;
    "FastAPI" in "fastapi", python, 201, FASTAPI_STATUS;
    "FastAPI" in "fastapi", python, 204, FASTAPI_STATUS;
    "FastAPI" in "fastapi", python, 205, FASTAPI_RESPONSE;
    "Go net/http" in "go-net-http", go, 200, GO_RESPONSEWRITER;
    "Go net/http" in "go-net-http", go, 201, GO_RESPONSEWRITER;
    "Go net/http" in "go-net-http", go, 204, GO_RESPONSEWRITER;
    "Go net/http" in "go-net-http", go, 205, GO_RESPONSEWRITER;
    // ServeContent checks If-None-Match / If-Modified-Since and writes the 304.
    "Go net/http" in "go-net-http", go, 304, GO_SERVECONTENT;
    "Rails" in "rails", ruby, 200, RAILS_RENDER;
    "Rails" in "rails", ruby, 201, RAILS_HEAD;
    "Rails" in "rails", ruby, 204, RAILS_HEAD;
    "Rails" in "rails", ruby, 205, RAILS_HEAD;
    "Rails" in "rails", ruby, 304, RAILS_CONDGET;
    "Spring" in "spring", java, 200, SPRING_RESPONSEENTITY;
    "Spring" in "spring", java, 201, SPRING_RESPONSEENTITY;
    "Spring" in "spring", java, 204, SPRING_RESPONSEENTITY;
    "Spring" in "spring", java, 205, SPRING_RESPONSEENTITY;
    "Spring" in "spring", java, 304, SPRING_CACHING;
    "ASP.NET Core" in "aspnet-core", csharp, 200, ASPNET_RETURN_TYPES;
    "ASP.NET Core" in "aspnet-core", csharp, 201, ASPNET_RETURN_TYPES;
    "ASP.NET Core" in "aspnet-core", csharp, 204, ASPNET_NOCONTENT;
    "ASP.NET Core" in "aspnet-core", csharp, 205, ASPNET_STATUSCODE;
}

/// The handler each framework runs for the "as <framework> sends it" send mode: one
/// idiomatic handler that returns exactly the composed status, headers and body. Each is the
/// handler of the app the framework runner starts (`e2e/frameworks/`), word for word, so the
/// bytes the engine shows for it are the bytes that handler was measured sending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct SendHandler {
    /// The engine's key, as `answer.send` names it (`nocontent_engine::frameworks`).
    pub send: &'static str,
    pub language: &'static str,
    /// From `content/snippets/<framework>/send.<ext>`.
    pub snippet: &'static str,
}

macro_rules! send_handlers {
    ($($send:literal in $folder:literal, $language:ident;)*) => {
        /// Every framework's handler, in the engine's order.
        pub static SEND_HANDLERS: &[SendHandler] = &[$(SendHandler {
            send: $send,
            language: stringify!($language),
            snippet: without_final_newline(include_str!(concat!(
                "../../../content/snippets/", $folder, "/send.", extension!($language)
            ))),
        }),*];
        /// Every handler file, relative to `content/snippets/`.
        pub static SEND_HANDLER_FILES: &[&str] =
            &[$(concat!($folder, "/send.", extension!($language))),*];
    };
}

send_handlers! {
    "express" in "express", javascript;
    "flask" in "flask", python;
    "drf" in "django-rest-framework", python;
    "fastapi" in "fastapi", python;
    "axum" in "axum", rust;
    "actix" in "actix-web", rust;
    "go" in "go-net-http", go;
}

/// The handler `answer.send` runs, when it names a framework.
pub fn send_handler(send: &str) -> Option<&'static SendHandler> {
    SEND_HANDLERS.iter().find(|h| h.send == send)
}

/// What a framework does when handler code puts a body on a 204 (or 304) response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct BodyOn204 {
    pub framework: &'static str,
    /// What happens to the body: stripped silently, an error, sent anyway, logged.
    pub behaviour: &'static str,
    /// The documentation or source file that shows it.
    pub source: &'static str,
}

macro_rules! body_on_204 {
    ($($framework:literal, $behaviour:literal, $source:literal;)*) => {
        /// One row per framework.
        pub static BODY_ON_204: &[BodyOn204] = &[$(BodyOn204 {
            framework: $framework,
            behaviour: $behaviour,
            source: $source,
        }),*];
    };
}

body_on_204! {
    // hyper-1.6.0 src/proto/h1/role.rs: can_have_body / can_have_content_length.
    "axum", "Left to hyper: for 204 and 304 the HTTP/1 encoder is forced to a zero-length body and no Content-Length is written, so any body the handler returned is dropped silently (only a trace-level log line).", "https://github.com/hyperium/hyper/blob/master/src/proto/h1/role.rs";
    "actix-web", "actix-http's HTTP/1 encoder treats 204 as bodiless: it skips Content-Length and Transfer-Encoding and encodes with a zero-length transfer, so body bytes are silently discarded; on 304 it also sends no body but keeps a Content-Length the handler set by hand.", "https://github.com/actix/actix-web/blob/master/actix-http/src/h1/encoder.rs";
    "Express", "res.send() on a 204 or 304 removes Content-Type, Content-Length and Transfer-Encoding and replaces the body with an empty string; in Express 5 a 205 is sent with Content-Length: 0 and an empty body. Bytes written another way then reach Node's own rule (see the Node.js row).", "https://github.com/expressjs/express/blob/master/lib/response.js";
    "Node.js http", "By default writes to a 204/304 response (or a HEAD response) are ignored without error and only noted in the debug log; with createServer({ rejectNonStandardBodyWrites: true }) the write throws ERR_HTTP_BODY_NOT_ALLOWED instead.", "https://nodejs.org/api/http.html#responsewritechunk-encoding-callback";
    // Checked in djangorestframework 3.18.3 and Django 5.2 sources.
    "Django REST Framework", "Neither DRF nor Django removes it: data passed to Response(status=204) is rendered and handed to the WSGI/ASGI server, so whether it reaches the wire depends on that server. Django's test client strips bodies of 1xx/204/304 to imitate servers, which can hide the mistake in tests.", "https://github.com/django/django/blob/main/django/test/client.py";
    // Checked in fastapi 0.165.0 and starlette 1.10.0 sources.
    "FastAPI", "When the route's status is 204, 205 or 304 FastAPI empties the serialized return value before sending, and declaring a response model on such a route fails with an assertion at start-up. A Response object returned directly bypasses this; Starlette then omits Content-Length for 204/304 but still passes the bytes to the server.", "https://github.com/fastapi/fastapi/blob/master/fastapi/routing.py";
    "Go net/http", "Once WriteHeader(204) or WriteHeader(304) has been called, ResponseWriter.Write returns http.ErrBodyNotAllowed and nothing is sent; handlers that ignore Write's error lose the body silently.", "https://pkg.go.dev/net/http#ErrBodyNotAllowed";
    // Verified through copies of ActionDispatch::Response (Rails 7/8), not the
    // rails/rails file itself, which the index only held in an old version.
    "Rails", "ActionDispatch::Response treats 100-103, 204, 205 and 304 as no-content codes: it deletes Content-Length and hands Rack an empty body, so a rendered body is dropped silently.", "https://github.com/rails/rails/blob/main/actionpack/lib/action_dispatch/http/response.rb";
    "Spring", "Spring MVC writes whatever body the ResponseEntity holds; with the default embedded Tomcat the connector installs a void output filter for 1xx, 204, 205 and 304, so the bytes are discarded without error (and 205 gets Content-Length: 0).", "https://github.com/apache/tomcat/blob/main/java/org/apache/coyote/http11/Http11Processor.java";
    "ASP.NET Core", "Kestrel throws InvalidOperationException (\"Writing to the response body is invalid for responses with status code 204\") when code writes a body on a 204, 205 or 304; writes on HEAD responses are ignored and logged instead.", "https://github.com/dotnet/aspnetcore/blob/main/src/Servers/Kestrel/Core/src/Internal/Http/HttpProtocol.cs";
}

/// What a published API style guide recommends about the success status of a method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct StyleGuideAdvice {
    pub guide: &'static str,
    /// "PUT", "PATCH", "DELETE", and "POST" where the guide covers it.
    pub method: &'static str,
    /// What the guide recommends about 200 versus 204 (and a body), in one or two sentences.
    pub advice: &'static str,
    /// The guide, at the section's anchor where it has one.
    pub source: &'static str,
}

const CF_GUIDE: &str = "https://github.com/cloudfoundry/cc-api-v3-style-guide";
const HAUFE_STATUS: &str =
    "https://github.com/Haufe-Lexware/api-style-guide/blob/master/http-status-codes/http-status-codes.md";
const HAUFE_VERBS: &str =
    "https://github.com/Haufe-Lexware/api-style-guide/blob/master/http-verbs/http-verbs.md";
// Read in forks that carry the same file (sdatspun2/api-standards and a
// translated copy), not in paypal/api-standards itself.
const PAYPAL_MAPPING: &str =
    "https://github.com/paypal/api-standards/blob/master/api-style-guide.md#mapping";
const ZALANDO_METHODS: &str = "https://opensource.zalando.com/restful-api-guidelines/#148";

/// Atlassian's version 1 guidelines, as summarised by API Stylebook.
const ATLASSIAN_V1: &str =
    "https://apistylebook.com/design/guidelines/atlassian-rest-api-design-guidelines-version-1";

macro_rules! style_guides {
    ($($guide:literal, $method:literal, $advice:literal, $source:expr;)*) => {
        /// One row per guide and method.
        pub static STYLE_GUIDES: &[StyleGuideAdvice] = &[$(StyleGuideAdvice {
            guide: $guide,
            method: $method,
            advice: $advice,
            source: $source,
        }),*];
    };
}

style_guides! {
    // Atlassian REST API design guidelines, version 1. Only its method descriptions and its
    // response-code appendix could be read here (through API Stylebook's summary); the rows say
    // what those show and no more.
    "Atlassian", "PUT", "Describes PUT as storing the enclosed entity at the URI, updating or creating it; the readable text gives no per-method choice between 200 and 204.", ATLASSIAN_V1;
    "Atlassian", "PATCH", "PATCH is not among the methods the version 1 guidelines describe (they date from 2009).", ATLASSIAN_V1;
    "Atlassian", "DELETE", "Describes DELETE as deleting the resource; its response-code appendix defines 200 as carrying an entity that describes the result, and the readable text names no 204 rule for DELETE.", ATLASSIAN_V1;
    // Cloud Foundry CC API v3 style guide (README.md).
    "Cloud Foundry", "PUT", "Does not use PUT at all; updates go through PATCH.", "https://github.com/cloudfoundry/cc-api-v3-style-guide#put";
    "Cloud Foundry", "PATCH", "A synchronous PATCH answers 200 with the updated resource in the body; an asynchronous one answers 202 with an empty body and a Location header pointing at a job.", "https://github.com/cloudfoundry/cc-api-v3-style-guide#patch";
    "Cloud Foundry", "DELETE", "A synchronous DELETE answers 204 with no body, and so does deleting a resource that is already gone; asynchronous deletes answer 202 with a job Location.", "https://github.com/cloudfoundry/cc-api-v3-style-guide#delete";
    "Cloud Foundry", "POST", "A synchronous create answers 201 with the new resource, a synchronous action answers 200 with a resource, and async work answers 202 with a job Location.", CF_GUIDE;
    // Haufe API style guide.
    "Haufe", "PUT", "Either 200 with the resource in the body or 204 with no body; the verb table expects the updated resource back.", HAUFE_STATUS;
    "Haufe", "PATCH", "The status table does not list PATCH; the verb table describes it only as a partial update and names no success code or return body.", HAUFE_VERBS;
    "Haufe", "DELETE", "Either 200 with a body or 204 when no body is needed; the verb table says a delete returns no payload, just the status.", HAUFE_STATUS;
    "Haufe", "POST", "201 with the created resource and a Location header, or 204 when no body is needed.", HAUFE_STATUS;
    // PayPal API standards, "HTTP Method to Status Code Mapping".
    "PayPal", "PUT", "Should answer 204 without echoing the request; 200 with a body only in the rare case where server-generated values would otherwise force the client to GET again.", PAYPAL_MAPPING;
    "PayPal", "PATCH", "Same as PUT, 204 and no body; returning 200 with the whole resource is to be avoided because repeated partial updates would waste bandwidth.", PAYPAL_MAPPING;
    "PayPal", "DELETE", "Should answer 204, and still 204 when the resource was already deleted, since DELETE is idempotent.", PAYPAL_MAPPING;
    "PayPal", "POST", "201 when the call created the resource (with a link or id to it in the body), 200 for a repeated idempotent call or a controller-style action.", PAYPAL_MAPPING;
    // Zalando RESTful API guidelines, rule "MUST use HTTP methods correctly".
    "Zalando", "PUT", "Usually 200 when the updated resource is returned or 204 when it is not, and 201 if the PUT created the resource.", ZALANDO_METHODS;
    "Zalando", "PATCH", "Usually 200 with the updated content or 204 without it.", ZALANDO_METHODS;
    "Zalando", "DELETE", "Usually 200 if the deleted resource is returned, otherwise 204; 404 or 410 when it cannot be found or is already gone.", ZALANDO_METHODS;
    "Zalando", "POST", "200 if resources were updated, 201 if created, 202 if accepted but unfinished, and only exceptionally 204 with a Location header when the resource is not returned.", ZALANDO_METHODS;
}

#[cfg(test)]
mod tests {
    use super::*;

    const STATUSES: [u16; 5] = [200, 201, 204, 205, 304];
    const ECOSYSTEMS: [&str; 8] = [
        "Rust (http)",
        "Go (net/http)",
        ".NET",
        "Python (http)",
        "Java / Spring",
        "Node.js",
        "Rails",
        "Symfony",
    ];

    fn all_sources() -> impl Iterator<Item = &'static str> {
        STATUS_CONSTANTS
            .iter()
            .map(|r| r.source)
            .chain(FRAMEWORK_ANSWERS.iter().map(|r| r.source))
            .chain(BODY_ON_204.iter().map(|r| r.source))
            .chain(STYLE_GUIDES.iter().map(|r| r.source))
    }

    #[test]
    fn every_source_is_https() {
        for src in all_sources() {
            assert!(src.starts_with("https://"), "not https: {src}");
            assert!(!src.contains(char::is_whitespace), "whitespace in {src}");
        }
    }

    #[test]
    fn every_ecosystem_has_all_five_statuses() {
        for eco in ECOSYSTEMS {
            for status in STATUSES {
                assert!(
                    STATUS_CONSTANTS
                        .iter()
                        .any(|r| r.ecosystem == eco && r.status == status),
                    "{eco} lacks a constant for {status}"
                );
            }
        }
    }

    #[test]
    fn constants_use_known_statuses() {
        for r in STATUS_CONSTANTS {
            assert!(STATUSES.contains(&r.status), "{r:?}");
            assert!(!r.constant.is_empty(), "{r:?}");
        }
    }

    #[test]
    fn every_framework_has_a_body_on_204_row() {
        for a in FRAMEWORK_ANSWERS {
            assert!(
                BODY_ON_204.iter().any(|b| b.framework == a.framework),
                "{} has no BODY_ON_204 row",
                a.framework
            );
        }
    }

    #[test]
    fn every_framework_answers_200_201_204_205() {
        let mut frameworks: Vec<&str> = FRAMEWORK_ANSWERS.iter().map(|a| a.framework).collect();
        frameworks.sort_unstable();
        frameworks.dedup();
        assert_eq!(frameworks.len(), 9, "{frameworks:?}");
        for fw in frameworks {
            for status in [200, 201, 204, 205] {
                assert!(
                    FRAMEWORK_ANSWERS
                        .iter()
                        .any(|a| a.framework == fw && a.status == status),
                    "{fw} lacks a {status} snippet"
                );
            }
        }
    }

    #[test]
    fn framework_rows_are_well_formed() {
        let languages = [
            "rust",
            "javascript",
            "python",
            "go",
            "ruby",
            "java",
            "csharp",
        ];
        for a in FRAMEWORK_ANSWERS {
            assert!(languages.contains(&a.language), "{a:?}");
            assert!(STATUSES.contains(&a.status), "{a:?}");
            assert!(!a.snippet.trim().is_empty(), "{a:?}");
        }
        // 201 snippets must show a Location header (or the framework helper
        // that sets it).
        for a in FRAMEWORK_ANSWERS.iter().filter(|a| a.status == 201) {
            let s = a.snippet.to_ascii_lowercase();
            assert!(
                s.contains("location") || s.contains("createdataction") || s.contains("created("),
                "{} 201 snippet shows no Location",
                a.framework
            );
        }
    }

    #[test]
    fn every_style_guide_covers_put_patch_delete() {
        let mut guides: Vec<&str> = STYLE_GUIDES.iter().map(|g| g.guide).collect();
        guides.sort_unstable();
        guides.dedup();
        assert!(!guides.is_empty());
        for guide in guides {
            for method in ["PUT", "PATCH", "DELETE"] {
                assert!(
                    STYLE_GUIDES
                        .iter()
                        .any(|g| g.guide == guide && g.method == method),
                    "{guide} lacks {method}"
                );
            }
        }
    }

    #[test]
    fn no_duplicate_rows() {
        for (i, a) in STATUS_CONSTANTS.iter().enumerate() {
            assert!(!STATUS_CONSTANTS[i + 1..].contains(a), "{a:?}");
        }
        for (i, a) in STYLE_GUIDES.iter().enumerate() {
            assert!(
                !STYLE_GUIDES[i + 1..]
                    .iter()
                    .any(|b| b.guide == a.guide && b.method == a.method),
                "{a:?}"
            );
        }
    }
}
