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
