async fn add_book(book: web::Json<NewBook>) -> HttpResponse {
    let id = store(book.into_inner()).await;
    HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/books/{id}")))
        .finish()
}
