async fn submit_form(Form(f): Form<Feedback>) -> StatusCode {
    save(f).await;
    StatusCode::RESET_CONTENT
}
