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
