async fn show_book(req: HttpRequest) -> HttpResponse {
    if etag_matches(&req, CURRENT_TAG) {
        return HttpResponse::NotModified().finish();
    }
    HttpResponse::Ok().json(load_book())
}
