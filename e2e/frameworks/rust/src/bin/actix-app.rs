//! actix-web: one handler that answers every catalog scenario through
//! HttpResponse::build(status), append_header and body, the usual builder chain.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{web, App, HttpResponse, HttpServer};
use nocontent_framework_apps::{answers, mark, ready, Answer};

/// The handler under test.
async fn answer(
    id: web::Path<String>,
    answers: web::Data<HashMap<String, Answer>>,
) -> HttpResponse {
    let Some(a) = answers.get(id.as_str()) else {
        return HttpResponse::NotFound().finish();
    };
    let status = StatusCode::from_u16(a.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut builder = HttpResponse::build(status);
    for (name, value) in &a.headers {
        builder.append_header((name.as_str(), value.as_str()));
    }
    builder.body(a.body.clone())
}

async fn mark_view(id: web::Path<String>) -> HttpResponse {
    mark(&id);
    HttpResponse::Ok().content_type("text/plain").body("ok")
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let answers = web::Data::new(answers());
    let server = HttpServer::new(move || {
        App::new()
            .app_data(answers.clone())
            .route("/s/{id}", web::route().to(answer))
            .route("/ok", web::get().to(|| async { "ok" }))
            .route("/mark/{id}", web::get().to(mark_view))
    })
    .workers(1)
    .bind(("127.0.0.1", 0))?;
    let port = server.addrs().first().map_or(0, |a| a.port());
    ready(port, "actix-web");
    server.run().await
}
