async fn drop_book(Path(id): Path<u64>) -> StatusCode {
    forget(id).await;
    StatusCode::NO_CONTENT // or return axum::response::NoContent
}
