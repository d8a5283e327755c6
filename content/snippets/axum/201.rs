async fn add_book(Json(book): Json<NewBook>) -> impl IntoResponse {
    let id = store(book).await;
    (StatusCode::CREATED, [(header::LOCATION, format!("/books/{id}"))])
}
