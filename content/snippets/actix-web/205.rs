async fn submit_form(f: web::Form<Feedback>) -> HttpResponse {
    save(f.into_inner()).await;
    HttpResponse::ResetContent().finish()
}
