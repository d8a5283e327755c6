async fn show_book() -> HttpResponse {
    HttpResponse::Ok().json(json!({ "id": 7, "title": "Silence" }))
}
