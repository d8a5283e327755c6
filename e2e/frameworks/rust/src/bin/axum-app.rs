//! axum: one handler that answers every catalog scenario with a (status, headers, body)
//! tuple, the usual way an axum handler returns a response it composes itself.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::Router;
use nocontent_framework_apps::{answers, mark, ready, Answer};

/// The handler under test.
async fn answer(
    Path(id): Path<String>,
    State(answers): State<Arc<HashMap<String, Answer>>>,
) -> Response {
    let Some(a) = answers.get(&id) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let mut headers = HeaderMap::new();
    for (name, value) in &a.headers {
        if let (Ok(n), Ok(v)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            headers.append(n, v);
        }
    }
    let status = StatusCode::from_u16(a.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, headers, a.body.clone()).into_response()
}

#[tokio::main]
async fn main() {
    let app = Router::new()
        .route("/s/{id}", any(answer))
        .route("/ok", get(|| async { "ok" }))
        .route(
            "/mark/{id}",
            get(|Path(id): Path<String>| async move {
                mark(&id);
                "ok"
            }),
        )
        .with_state(Arc::new(answers()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a loopback port");
    let port = listener.local_addr().expect("local address").port();
    ready(port, "axum");
    axum::serve(listener, app).await.expect("serve");
}
