async fn show_book() -> Json<serde_json::Value> {
    Json(json!({ "id": 7, "title": "Silence" }))
}
