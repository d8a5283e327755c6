async fn drop_book(id: web::Path<u64>) -> HttpResponse {
    forget(*id).await;
    HttpResponse::NoContent().finish()
}
