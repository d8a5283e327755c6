//! Fact tables for the "nocontent" playground: how programming ecosystems,
//! server frameworks and published API style guides treat the HTTP success
//! and cache statuses 200, 201, 204, 205 and 304.
//!
//! Every row carries a `source` URL pointing at the documentation page or the
//! source file that backs it. The prose (`behaviour`, `advice`) and every
//! handler snippet were written for this file; nothing is copied from the
//! sources. Where a fact could only be checked against a mirror or a copy of
//! the original (not the original itself), a `//` comment above the row says
//! so.
//!
//! The tables are plain `'static` data with no behaviour of their own, so the
//! playground can render them, filter them or serialise them as it likes.

/// One way an ecosystem spells a status code as a named constant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct StatusConstant {
    pub ecosystem: &'static str, // e.g. "Rust (http)", "Go (net/http)", ".NET", "Python (http)", "Java / Spring", "Node.js", "Rails", "Symfony"
    pub status: u16,
    pub constant: &'static str, // e.g. "StatusCode::NO_CONTENT", "http.StatusNoContent", "HttpStatusCode.NoContent", "HTTPStatus.NO_CONTENT", "HttpStatus.NO_CONTENT", "http.STATUS_CODES[204]" ..., Rails symbol ":no_content", Symfony "Response::HTTP_NO_CONTENT"
    pub source: &'static str,   // URL of the official doc/source
}

const RUST_HTTP: &str = "https://docs.rs/http/latest/http/status/struct.StatusCode.html";
const GO_CONSTS: &str = "https://pkg.go.dev/net/http#pkg-constants";
const DOTNET_ENUM: &str = "https://learn.microsoft.com/en-us/dotnet/api/system.net.httpstatuscode";
const ASPNET_CODES: &str =
    "https://learn.microsoft.com/en-us/dotnet/api/microsoft.aspnetcore.http.statuscodes";
const PY_HTTPSTATUS: &str = "https://docs.python.org/3/library/http.html#http.HTTPStatus";
const SPRING_HTTPSTATUS: &str = "https://docs.spring.io/spring-framework/docs/current/javadoc-api/org/springframework/http/HttpStatus.html";
const NODE_STATUS_CODES: &str = "https://nodejs.org/api/http.html#httpstatus_codes";
const NODE_H2_CONSTANTS: &str = "https://nodejs.org/api/http2.html#http2constants";
const RACK_UTILS: &str = "https://github.com/rack/rack/blob/main/lib/rack/utils.rb";
const SYMFONY_RESPONSE: &str = "https://github.com/symfony/http-foundation/blob/7.3/Response.php";
const DRF_STATUS: &str = "https://www.django-rest-framework.org/api-guide/status-codes/";
const STARLETTE_STATUS: &str =
    "https://github.com/encode/starlette/blob/master/starlette/status.py";

macro_rules! sc {
    ($eco:expr, $status:expr, $constant:expr, $src:expr) => {
        StatusConstant {
            ecosystem: $eco,
            status: $status,
            constant: $constant,
            source: $src,
        }
    };
}

pub static STATUS_CONSTANTS: &[StatusConstant] = &[
    // Rust `http` crate (used by hyper, axum, reqwest...). Checked against
    // http-1.5.0 src/status.rs.
    sc!("Rust (http)", 200, "StatusCode::OK", RUST_HTTP),
    sc!("Rust (http)", 201, "StatusCode::CREATED", RUST_HTTP),
    sc!("Rust (http)", 204, "StatusCode::NO_CONTENT", RUST_HTTP),
    sc!("Rust (http)", 205, "StatusCode::RESET_CONTENT", RUST_HTTP),
    sc!("Rust (http)", 304, "StatusCode::NOT_MODIFIED", RUST_HTTP),
    // Go standard library, src/net/http/status.go.
    sc!("Go (net/http)", 200, "http.StatusOK", GO_CONSTS),
    sc!("Go (net/http)", 201, "http.StatusCreated", GO_CONSTS),
    sc!("Go (net/http)", 204, "http.StatusNoContent", GO_CONSTS),
    sc!("Go (net/http)", 205, "http.StatusResetContent", GO_CONSTS),
    sc!("Go (net/http)", 304, "http.StatusNotModified", GO_CONSTS),
    // .NET base class library enum System.Net.HttpStatusCode.
    sc!(".NET", 200, "HttpStatusCode.OK", DOTNET_ENUM),
    sc!(".NET", 201, "HttpStatusCode.Created", DOTNET_ENUM),
    sc!(".NET", 204, "HttpStatusCode.NoContent", DOTNET_ENUM),
    sc!(".NET", 205, "HttpStatusCode.ResetContent", DOTNET_ENUM),
    sc!(".NET", 304, "HttpStatusCode.NotModified", DOTNET_ENUM),
    // ASP.NET Core's int constants (Microsoft.AspNetCore.Http.StatusCodes).
    sc!("ASP.NET Core", 200, "StatusCodes.Status200OK", ASPNET_CODES),
    sc!(
        "ASP.NET Core",
        201,
        "StatusCodes.Status201Created",
        ASPNET_CODES
    ),
    sc!(
        "ASP.NET Core",
        204,
        "StatusCodes.Status204NoContent",
        ASPNET_CODES
    ),
    sc!(
        "ASP.NET Core",
        205,
        "StatusCodes.Status205ResetContent",
        ASPNET_CODES
    ),
    sc!(
        "ASP.NET Core",
        304,
        "StatusCodes.Status304NotModified",
        ASPNET_CODES
    ),
    // Python standard library enum; checked with `http.HTTPStatus(code).name`.
    sc!("Python (http)", 200, "HTTPStatus.OK", PY_HTTPSTATUS),
    sc!("Python (http)", 201, "HTTPStatus.CREATED", PY_HTTPSTATUS),
    sc!("Python (http)", 204, "HTTPStatus.NO_CONTENT", PY_HTTPSTATUS),
    sc!(
        "Python (http)",
        205,
        "HTTPStatus.RESET_CONTENT",
        PY_HTTPSTATUS
    ),
    sc!(
        "Python (http)",
        304,
        "HTTPStatus.NOT_MODIFIED",
        PY_HTTPSTATUS
    ),
    // Django REST framework's own module (rest_framework/status.py, 3.18.3).
    sc!(
        "Django REST Framework",
        200,
        "status.HTTP_200_OK",
        DRF_STATUS
    ),
    sc!(
        "Django REST Framework",
        201,
        "status.HTTP_201_CREATED",
        DRF_STATUS
    ),
    sc!(
        "Django REST Framework",
        204,
        "status.HTTP_204_NO_CONTENT",
        DRF_STATUS
    ),
    sc!(
        "Django REST Framework",
        205,
        "status.HTTP_205_RESET_CONTENT",
        DRF_STATUS
    ),
    sc!(
        "Django REST Framework",
        304,
        "status.HTTP_304_NOT_MODIFIED",
        DRF_STATUS
    ),
    // FastAPI re-exports Starlette's status module as `fastapi.status`.
    sc!(
        "FastAPI / Starlette",
        200,
        "status.HTTP_200_OK",
        STARLETTE_STATUS
    ),
    sc!(
        "FastAPI / Starlette",
        201,
        "status.HTTP_201_CREATED",
        STARLETTE_STATUS
    ),
    sc!(
        "FastAPI / Starlette",
        204,
        "status.HTTP_204_NO_CONTENT",
        STARLETTE_STATUS
    ),
    sc!(
        "FastAPI / Starlette",
        205,
        "status.HTTP_205_RESET_CONTENT",
        STARLETTE_STATUS
    ),
    sc!(
        "FastAPI / Starlette",
        304,
        "status.HTTP_304_NOT_MODIFIED",
        STARLETTE_STATUS
    ),
    // Spring's org.springframework.http.HttpStatus enum.
    sc!("Java / Spring", 200, "HttpStatus.OK", SPRING_HTTPSTATUS),
    sc!(
        "Java / Spring",
        201,
        "HttpStatus.CREATED",
        SPRING_HTTPSTATUS
    ),
    sc!(
        "Java / Spring",
        204,
        "HttpStatus.NO_CONTENT",
        SPRING_HTTPSTATUS
    ),
    sc!(
        "Java / Spring",
        205,
        "HttpStatus.RESET_CONTENT",
        SPRING_HTTPSTATUS
    ),
    sc!(
        "Java / Spring",
        304,
        "HttpStatus.NOT_MODIFIED",
        SPRING_HTTPSTATUS
    ),
    // node:http has no named numeric constants; STATUS_CODES maps a number to
    // its reason phrase (e.g. 204 -> "No Content"). Checked on Node v20.
    sc!("Node.js", 200, "http.STATUS_CODES[200]", NODE_STATUS_CODES),
    sc!("Node.js", 201, "http.STATUS_CODES[201]", NODE_STATUS_CODES),
    sc!("Node.js", 204, "http.STATUS_CODES[204]", NODE_STATUS_CODES),
    sc!("Node.js", 205, "http.STATUS_CODES[205]", NODE_STATUS_CODES),
    sc!("Node.js", 304, "http.STATUS_CODES[304]", NODE_STATUS_CODES),
    // node:http2 does export numeric constants. Checked on Node v20.
    sc!(
        "Node.js",
        200,
        "http2.constants.HTTP_STATUS_OK",
        NODE_H2_CONSTANTS
    ),
    sc!(
        "Node.js",
        201,
        "http2.constants.HTTP_STATUS_CREATED",
        NODE_H2_CONSTANTS
    ),
    sc!(
        "Node.js",
        204,
        "http2.constants.HTTP_STATUS_NO_CONTENT",
        NODE_H2_CONSTANTS
    ),
    sc!(
        "Node.js",
        205,
        "http2.constants.HTTP_STATUS_RESET_CONTENT",
        NODE_H2_CONSTANTS
    ),
    sc!(
        "Node.js",
        304,
        "http2.constants.HTTP_STATUS_NOT_MODIFIED",
        NODE_H2_CONSTANTS
    ),
    // Rails accepts Rack's status symbols: the reason phrase, lower-cased,
    // with spaces turned into underscores (Rack::Utils::SYMBOL_TO_STATUS_CODE).
    sc!("Rails", 200, ":ok", RACK_UTILS),
    sc!("Rails", 201, ":created", RACK_UTILS),
    sc!("Rails", 204, ":no_content", RACK_UTILS),
    sc!("Rails", 205, ":reset_content", RACK_UTILS),
    sc!("Rails", 304, ":not_modified", RACK_UTILS),
    // Symfony HttpFoundation Response class constants.
    sc!("Symfony", 200, "Response::HTTP_OK", SYMFONY_RESPONSE),
    sc!("Symfony", 201, "Response::HTTP_CREATED", SYMFONY_RESPONSE),
    sc!(
        "Symfony",
        204,
        "Response::HTTP_NO_CONTENT",
        SYMFONY_RESPONSE
    ),
    sc!(
        "Symfony",
        205,
        "Response::HTTP_RESET_CONTENT",
        SYMFONY_RESPONSE
    ),
    sc!(
        "Symfony",
        304,
        "Response::HTTP_NOT_MODIFIED",
        SYMFONY_RESPONSE
    ),
];

/// How a server framework sends a given status, and what it does with a body on 204.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct FrameworkAnswer {
    pub framework: &'static str, // "axum", "actix-web", "Express", "Django REST Framework", "FastAPI", "Go net/http", "Rails", "Spring", "ASP.NET Core"
    pub language: &'static str, // for syntax highlighting hints: "rust", "javascript", "python", "go", "ruby", "java", "csharp"
    pub status: u16,            // 200, 201, 204, 205, 304
    pub snippet: &'static str, // a short idiomatic handler body YOU write that returns that status (for 201 include a Location header; for 200 a small JSON body)
    pub source: &'static str,
}

const AXUM_RESPONSE: &str = "https://docs.rs/axum/latest/axum/response/index.html";
const AXUM_NOCONTENT: &str = "https://docs.rs/axum/latest/axum/response/struct.NoContent.html";
const ACTIX_RESPONSE: &str = "https://docs.rs/actix-web/latest/actix_web/struct.HttpResponse.html";
const EXPRESS_API: &str = "https://expressjs.com/en/5x/api.html#res.sendStatus";
const EXPRESS_FRESH: &str = "https://expressjs.com/en/5x/api.html#req.fresh";
const DRF_RESPONSES: &str = "https://www.django-rest-framework.org/api-guide/responses/";
const DJANGO_CONDITIONAL: &str =
    "https://docs.djangoproject.com/en/stable/topics/conditional-view-processing/";
const FASTAPI_STATUS: &str = "https://fastapi.tiangolo.com/tutorial/response-status-code/";
const FASTAPI_RESPONSE: &str = "https://fastapi.tiangolo.com/advanced/response-directly/";
const GO_RESPONSEWRITER: &str = "https://pkg.go.dev/net/http#ResponseWriter";
const GO_SERVECONTENT: &str = "https://pkg.go.dev/net/http#ServeContent";
const RAILS_HEAD: &str =
    "https://guides.rubyonrails.org/layouts_and_rendering.html#using-head-to-build-header-only-responses";
const RAILS_RENDER: &str =
    "https://guides.rubyonrails.org/layouts_and_rendering.html#the-status-option";
const RAILS_CONDGET: &str =
    "https://guides.rubyonrails.org/caching_with_rails.html#conditional-get-support";
const SPRING_RESPONSEENTITY: &str = "https://docs.spring.io/spring-framework/docs/current/javadoc-api/org/springframework/http/ResponseEntity.html";
const SPRING_CACHING: &str =
    "https://docs.spring.io/spring-framework/reference/web/webmvc/mvc-caching.html";
const ASPNET_RETURN_TYPES: &str =
    "https://learn.microsoft.com/en-us/aspnet/core/web-api/action-return-types";
const ASPNET_NOCONTENT: &str =
    "https://learn.microsoft.com/en-us/dotnet/api/microsoft.aspnetcore.mvc.controllerbase.nocontent";
const ASPNET_STATUSCODE: &str =
    "https://learn.microsoft.com/en-us/dotnet/api/microsoft.aspnetcore.mvc.controllerbase.statuscode";

macro_rules! fa {
    ($fw:expr, $lang:expr, $status:expr, $snippet:expr, $src:expr) => {
        FrameworkAnswer {
            framework: $fw,
            language: $lang,
            status: $status,
            snippet: $snippet,
            source: $src,
        }
    };
}

pub static FRAMEWORK_ANSWERS: &[FrameworkAnswer] = &[
    // ---------------------------------------------------------------- axum
    fa!(
        "axum",
        "rust",
        200,
        r#"async fn show_book() -> Json<serde_json::Value> {
    Json(json!({ "id": 7, "title": "Silence" }))
}"#,
        AXUM_RESPONSE
    ),
    fa!(
        "axum",
        "rust",
        201,
        r#"async fn add_book(Json(book): Json<NewBook>) -> impl IntoResponse {
    let id = store(book).await;
    (StatusCode::CREATED, [(header::LOCATION, format!("/books/{id}"))])
}"#,
        AXUM_RESPONSE
    ),
    // `()` alone would answer 200, so the status is spelled out.
    fa!(
        "axum",
        "rust",
        204,
        r#"async fn drop_book(Path(id): Path<u64>) -> StatusCode {
    forget(id).await;
    StatusCode::NO_CONTENT // or return axum::response::NoContent
}"#,
        AXUM_NOCONTENT
    ),
    fa!(
        "axum",
        "rust",
        205,
        r#"async fn submit_form(Form(f): Form<Feedback>) -> StatusCode {
    save(f).await;
    StatusCode::RESET_CONTENT
}"#,
        AXUM_RESPONSE
    ),
    // ----------------------------------------------------------- actix-web
    fa!(
        "actix-web",
        "rust",
        200,
        r#"async fn show_book() -> HttpResponse {
    HttpResponse::Ok().json(json!({ "id": 7, "title": "Silence" }))
}"#,
        ACTIX_RESPONSE
    ),
    fa!(
        "actix-web",
        "rust",
        201,
        r#"async fn add_book(book: web::Json<NewBook>) -> HttpResponse {
    let id = store(book.into_inner()).await;
    HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/books/{id}")))
        .finish()
}"#,
        ACTIX_RESPONSE
    ),
    fa!(
        "actix-web",
        "rust",
        204,
        r#"async fn drop_book(id: web::Path<u64>) -> HttpResponse {
    forget(*id).await;
    HttpResponse::NoContent().finish()
}"#,
        ACTIX_RESPONSE
    ),
    fa!(
        "actix-web",
        "rust",
        205,
        r#"async fn submit_form(f: web::Form<Feedback>) -> HttpResponse {
    save(f.into_inner()).await;
    HttpResponse::ResetContent().finish()
}"#,
        ACTIX_RESPONSE
    ),
    fa!(
        "actix-web",
        "rust",
        304,
        r#"async fn show_book(req: HttpRequest) -> HttpResponse {
    if etag_matches(&req, CURRENT_TAG) {
        return HttpResponse::NotModified().finish();
    }
    HttpResponse::Ok().json(load_book())
}"#,
        ACTIX_RESPONSE
    ),
    // ------------------------------------------------------------- Express
    fa!(
        "Express",
        "javascript",
        200,
        r#"app.get('/books/:id', (req, res) => {
  res.json({ id: Number(req.params.id), title: 'Silence' });
});"#,
        EXPRESS_API
    ),
    fa!(
        "Express",
        "javascript",
        201,
        r#"app.post('/books', (req, res) => {
  const id = store(req.body);
  res.status(201).location(`/books/${id}`).end();
});"#,
        EXPRESS_API
    ),
    fa!(
        "Express",
        "javascript",
        204,
        r#"app.delete('/books/:id', (req, res) => {
  forget(req.params.id);
  res.sendStatus(204); // or res.status(204).end()
});"#,
        EXPRESS_API
    ),
    fa!(
        "Express",
        "javascript",
        205,
        r#"app.post('/feedback', (req, res) => {
  save(req.body);
  res.status(205).end();
});"#,
        EXPRESS_API
    ),
    // res.send() itself flips the status to 304 when req.fresh is true.
    fa!(
        "Express",
        "javascript",
        304,
        r#"app.get('/books/:id', (req, res) => {
  res.set('ETag', currentTag(req.params.id));
  if (req.fresh) return res.status(304).end();
  res.json(loadBook(req.params.id));
});"#,
        EXPRESS_FRESH
    ),
    // ----------------------------------------------- Django REST Framework
    fa!(
        "Django REST Framework",
        "python",
        200,
        r#"@api_view(["GET"])
def show_book(request, pk):
    return Response({"id": pk, "title": "Silence"})"#,
        DRF_RESPONSES
    ),
    fa!(
        "Django REST Framework",
        "python",
        201,
        r#"@api_view(["POST"])
def add_book(request):
    book = store(request.data)
    return Response(status=status.HTTP_201_CREATED,
                    headers={"Location": f"/books/{book.pk}"})"#,
        DRF_RESPONSES
    ),
    fa!(
        "Django REST Framework",
        "python",
        204,
        r#"@api_view(["DELETE"])
def drop_book(request, pk):
    forget(pk)
    return Response(status=status.HTTP_204_NO_CONTENT)"#,
        DRF_RESPONSES
    ),
    fa!(
        "Django REST Framework",
        "python",
        205,
        r#"@api_view(["POST"])
def submit_form(request):
    save(request.data)
    return Response(status=status.HTTP_205_RESET_CONTENT)"#,
        DRF_RESPONSES
    ),
    fa!(
        "Django REST Framework",
        "python",
        304,
        r#"# Django's own decorator answers 304 before the view runs
@etag(lambda request, pk: current_tag(pk))
@api_view(["GET"])
def show_book(request, pk):
    return Response(load_book(pk))"#,
        DJANGO_CONDITIONAL
    ),
    // -------------------------------------------------------------- FastAPI
    fa!(
        "FastAPI",
        "python",
        200,
        r#"@app.get("/books/{book_id}")
def show_book(book_id: int):
    return {"id": book_id, "title": "Silence"}"#,
        FASTAPI_STATUS
    ),
    fa!(
        "FastAPI",
        "python",
        201,
        r#"@app.post("/books", status_code=status.HTTP_201_CREATED)
def add_book(book: NewBook, response: Response):
    book_id = store(book)
    response.headers["Location"] = f"/books/{book_id}"
    return {"id": book_id}"#,
        FASTAPI_STATUS
    ),
    fa!(
        "FastAPI",
        "python",
        204,
        r#"@app.delete("/books/{book_id}", status_code=status.HTTP_204_NO_CONTENT)
def drop_book(book_id: int) -> None:
    forget(book_id)"#,
        FASTAPI_STATUS
    ),
    fa!(
        "FastAPI",
        "python",
        205,
        r#"@app.post("/feedback")
def submit_form(form: Feedback):
    save(form)
    return Response(status_code=status.HTTP_205_RESET_CONTENT)"#,
        FASTAPI_RESPONSE
    ),
    // ---------------------------------------------------------- Go net/http
    fa!(
        "Go net/http",
        "go",
        200,
        r#"func showBook(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"id": 7, "title": "Silence"})
}"#,
        GO_RESPONSEWRITER
    ),
    fa!(
        "Go net/http",
        "go",
        201,
        r#"func addBook(w http.ResponseWriter, r *http.Request) {
	id := store(r)
	w.Header().Set("Location", fmt.Sprintf("/books/%d", id))
	w.WriteHeader(http.StatusCreated)
}"#,
        GO_RESPONSEWRITER
    ),
    fa!(
        "Go net/http",
        "go",
        204,
        r#"func dropBook(w http.ResponseWriter, r *http.Request) {
	forget(r.PathValue("id"))
	w.WriteHeader(http.StatusNoContent)
}"#,
        GO_RESPONSEWRITER
    ),
    fa!(
        "Go net/http",
        "go",
        205,
        r#"func submitForm(w http.ResponseWriter, r *http.Request) {
	save(r)
	w.WriteHeader(http.StatusResetContent)
}"#,
        GO_RESPONSEWRITER
    ),
    // ServeContent checks If-None-Match / If-Modified-Since and writes the 304.
    fa!(
        "Go net/http",
        "go",
        304,
        r#"func showCover(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("ETag", coverTag)
	http.ServeContent(w, r, "cover.png", coverModTime, bytes.NewReader(coverBytes))
}"#,
        GO_SERVECONTENT
    ),
    // ---------------------------------------------------------------- Rails
    fa!(
        "Rails",
        "ruby",
        200,
        r#"def show
  render json: { id: params[:id].to_i, title: "Silence" }, status: :ok
end"#,
        RAILS_RENDER
    ),
    fa!(
        "Rails",
        "ruby",
        201,
        r#"def create
  book = Book.create!(book_params)
  head :created, location: book_url(book)
end"#,
        RAILS_HEAD
    ),
    fa!(
        "Rails",
        "ruby",
        204,
        r#"def destroy
  Book.find(params[:id]).destroy
  head :no_content
end"#,
        RAILS_HEAD
    ),
    fa!(
        "Rails",
        "ruby",
        205,
        r#"def submit
  Feedback.create!(feedback_params)
  head :reset_content
end"#,
        RAILS_HEAD
    ),
    fa!(
        "Rails",
        "ruby",
        304,
        r#"def show
  @book = Book.find(params[:id])
  fresh_when @book # answers 304 when the request's validators still match
end"#,
        RAILS_CONDGET
    ),
    // --------------------------------------------------------------- Spring
    fa!(
        "Spring",
        "java",
        200,
        r#"@GetMapping("/books/{id}")
ResponseEntity<Book> show(@PathVariable long id) {
    return ResponseEntity.ok(books.load(id));
}"#,
        SPRING_RESPONSEENTITY
    ),
    fa!(
        "Spring",
        "java",
        201,
        r#"@PostMapping("/books")
ResponseEntity<Void> add(@RequestBody NewBook book) {
    long id = books.store(book);
    return ResponseEntity.created(URI.create("/books/" + id)).build();
}"#,
        SPRING_RESPONSEENTITY
    ),
    fa!(
        "Spring",
        "java",
        204,
        r#"@DeleteMapping("/books/{id}")
ResponseEntity<Void> drop(@PathVariable long id) {
    books.forget(id);
    return ResponseEntity.noContent().build();
}"#,
        SPRING_RESPONSEENTITY
    ),
    fa!(
        "Spring",
        "java",
        205,
        r#"@PostMapping("/feedback")
ResponseEntity<Void> submit(@RequestBody Feedback f) {
    feedback.save(f);
    return ResponseEntity.status(HttpStatus.RESET_CONTENT).build();
}"#,
        SPRING_RESPONSEENTITY
    ),
    fa!(
        "Spring",
        "java",
        304,
        r#"@GetMapping("/books/{id}")
Book show(@PathVariable long id, WebRequest request) {
    if (request.checkNotModified(books.tag(id))) {
        return null; // Spring has already set 304
    }
    return books.load(id);
}"#,
        SPRING_CACHING
    ),
    // --------------------------------------------------------- ASP.NET Core
    fa!(
        "ASP.NET Core",
        "csharp",
        200,
        r#"[HttpGet("{id}")]
public IActionResult Show(int id) => Ok(new { id, title = "Silence" });"#,
        ASPNET_RETURN_TYPES
    ),
    fa!(
        "ASP.NET Core",
        "csharp",
        201,
        r#"[HttpPost]
public IActionResult Add(NewBook book)
{
    var id = _books.Store(book);
    return CreatedAtAction(nameof(Show), new { id }, new { id });
}"#,
        ASPNET_RETURN_TYPES
    ),
    fa!(
        "ASP.NET Core",
        "csharp",
        204,
        r#"[HttpDelete("{id}")]
public IActionResult Drop(int id)
{
    _books.Forget(id);
    return NoContent();
}"#,
        ASPNET_NOCONTENT
    ),
    fa!(
        "ASP.NET Core",
        "csharp",
        205,
        r#"[HttpPost("/feedback")]
public IActionResult Submit(Feedback f)
{
    _feedback.Save(f);
    return StatusCode(StatusCodes.Status205ResetContent);
}"#,
        ASPNET_STATUSCODE
    ),
];

/// What a framework does when handler code puts a body on a 204 (or 304) response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct BodyOn204 {
    pub framework: &'static str,
    pub behaviour: &'static str, // your words: e.g. strips the body silently / drops Content-Length / raises an error / sends it anyway (violation) / logs a warning
    pub source: &'static str, // doc or source file URL proving it (e.g. Go's net/http: Write on a 204 returns http.ErrBodyNotAllowed; Node http: body silently not sent for 204/304; etc.)
}

pub static BODY_ON_204: &[BodyOn204] = &[
    // hyper-1.6.0 src/proto/h1/role.rs: can_have_body / can_have_content_length.
    BodyOn204 {
        framework: "axum",
        behaviour: "Left to hyper: for 204 and 304 the HTTP/1 encoder is forced to a zero-length body and no Content-Length is written, so any body the handler returned is dropped silently (only a trace-level log line).",
        source: "https://github.com/hyperium/hyper/blob/master/src/proto/h1/role.rs",
    },
    BodyOn204 {
        framework: "actix-web",
        behaviour: "actix-http's HTTP/1 encoder treats 204 as bodiless: it skips Content-Length and Transfer-Encoding and encodes with a zero-length transfer, so body bytes are silently discarded; on 304 it also sends no body but keeps a Content-Length the handler set by hand.",
        source: "https://github.com/actix/actix-web/blob/master/actix-http/src/h1/encoder.rs",
    },
    BodyOn204 {
        framework: "Express",
        behaviour: "res.send() on a 204 or 304 removes Content-Type, Content-Length and Transfer-Encoding and replaces the body with an empty string; in Express 5 a 205 is sent with Content-Length: 0 and an empty body. Bytes written another way then reach Node's own rule (see the Node.js row).",
        source: "https://github.com/expressjs/express/blob/master/lib/response.js",
    },
    BodyOn204 {
        framework: "Node.js http",
        behaviour: "By default writes to a 204/304 response (or a HEAD response) are ignored without error and only noted in the debug log; with createServer({ rejectNonStandardBodyWrites: true }) the write throws ERR_HTTP_BODY_NOT_ALLOWED instead.",
        source: "https://nodejs.org/api/http.html#responsewritechunk-encoding-callback",
    },
    // Checked in djangorestframework 3.18.3 and Django 5.2 sources.
    BodyOn204 {
        framework: "Django REST Framework",
        behaviour: "Neither DRF nor Django removes it: data passed to Response(status=204) is rendered and handed to the WSGI/ASGI server, so whether it reaches the wire depends on that server. Django's test client strips bodies of 1xx/204/304 to imitate servers, which can hide the mistake in tests.",
        source: "https://github.com/django/django/blob/main/django/test/client.py",
    },
    // Checked in fastapi 0.165.0 and starlette 1.10.0 sources.
    BodyOn204 {
        framework: "FastAPI",
        behaviour: "When the route's status is 204, 205 or 304 FastAPI empties the serialized return value before sending, and declaring a response model on such a route fails with an assertion at start-up. A Response object returned directly bypasses this; Starlette then omits Content-Length for 204/304 but still passes the bytes to the server.",
        source: "https://github.com/fastapi/fastapi/blob/master/fastapi/routing.py",
    },
    BodyOn204 {
        framework: "Go net/http",
        behaviour: "Once WriteHeader(204) or WriteHeader(304) has been called, ResponseWriter.Write returns http.ErrBodyNotAllowed and nothing is sent; handlers that ignore Write's error lose the body silently.",
        source: "https://pkg.go.dev/net/http#ErrBodyNotAllowed",
    },
    // Verified through copies of ActionDispatch::Response (Rails 7/8), not the
    // rails/rails file itself, which the index only held in an old version.
    BodyOn204 {
        framework: "Rails",
        behaviour: "ActionDispatch::Response treats 100-103, 204, 205 and 304 as no-content codes: it deletes Content-Length and hands Rack an empty body, so a rendered body is dropped silently.",
        source: "https://github.com/rails/rails/blob/main/actionpack/lib/action_dispatch/http/response.rb",
    },
    BodyOn204 {
        framework: "Spring",
        behaviour: "Spring MVC writes whatever body the ResponseEntity holds; with the default embedded Tomcat the connector installs a void output filter for 1xx, 204, 205 and 304, so the bytes are discarded without error (and 205 gets Content-Length: 0).",
        source: "https://github.com/apache/tomcat/blob/main/java/org/apache/coyote/http11/Http11Processor.java",
    },
    BodyOn204 {
        framework: "ASP.NET Core",
        behaviour: "Kestrel throws InvalidOperationException (\"Writing to the response body is invalid for responses with status code 204\") when code writes a body on a 204, 205 or 304; writes on HEAD responses are ignored and logged instead.",
        source: "https://github.com/dotnet/aspnetcore/blob/main/src/Servers/Kestrel/Core/src/Internal/Http/HttpProtocol.cs",
    },
];

/// What a published API style guide recommends about the success status of a method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct StyleGuideAdvice {
    pub guide: &'static str, // "Atlassian", "Cloud Foundry", "Haufe", "PayPal", "Zalando"
    pub method: &'static str, // "PUT", "PATCH", "DELETE" (and "POST" if the guide covers it)
    pub advice: &'static str, // your own one-sentence summary of what it recommends about 200 vs 204 (and body)
    pub source: &'static str, // URL of the guide (section anchor if known)
}

const CF_GUIDE: &str = "https://github.com/cloudfoundry/cc-api-v3-style-guide";
const HAUFE_STATUS: &str =
    "https://github.com/Haufe-Lexware/api-style-guide/blob/master/http-status-codes/http-status-codes.md";
const HAUFE_VERBS: &str =
    "https://github.com/Haufe-Lexware/api-style-guide/blob/master/http-verbs/http-verbs.md";
// The paypal/api-standards repository itself was not in the index; the text
// was read in forks that carry the same file (sdatspun2/api-standards and a
// translated copy).
const PAYPAL_MAPPING: &str =
    "https://github.com/paypal/api-standards/blob/master/api-style-guide.md#mapping";
const ZALANDO_METHODS: &str = "https://opensource.zalando.com/restful-api-guidelines/#148";

macro_rules! sg {
    ($guide:expr, $method:expr, $advice:expr, $src:expr) => {
        StyleGuideAdvice {
            guide: $guide,
            method: $method,
            advice: $advice,
            source: $src,
        }
    };
}

/// Atlassian's version 1 guidelines, as summarised by API Stylebook.
const ATLASSIAN_V1: &str =
    "https://apistylebook.com/design/guidelines/atlassian-rest-api-design-guidelines-version-1";

pub static STYLE_GUIDES: &[StyleGuideAdvice] = &[
    // Atlassian REST API design guidelines, version 1. Only its method descriptions and its
    // response-code appendix could be read here (through API Stylebook's summary); the rows say
    // what those show and no more.
    sg!("Atlassian", "PUT", "Describes PUT as storing the enclosed entity at the URI, updating or creating it; the readable text gives no per-method choice between 200 and 204.", ATLASSIAN_V1),
    sg!("Atlassian", "PATCH", "PATCH is not among the methods the version 1 guidelines describe (they date from 2009).", ATLASSIAN_V1),
    sg!("Atlassian", "DELETE", "Describes DELETE as deleting the resource; its response-code appendix defines 200 as carrying an entity that describes the result, and the readable text names no 204 rule for DELETE.", ATLASSIAN_V1),
    // Cloud Foundry CC API v3 style guide (README.md).
    sg!("Cloud Foundry", "PUT", "Does not use PUT at all; updates go through PATCH.", "https://github.com/cloudfoundry/cc-api-v3-style-guide#put"),
    sg!("Cloud Foundry", "PATCH", "A synchronous PATCH answers 200 with the updated resource in the body; an asynchronous one answers 202 with an empty body and a Location header pointing at a job.", "https://github.com/cloudfoundry/cc-api-v3-style-guide#patch"),
    sg!("Cloud Foundry", "DELETE", "A synchronous DELETE answers 204 with no body, and so does deleting a resource that is already gone; asynchronous deletes answer 202 with a job Location.", "https://github.com/cloudfoundry/cc-api-v3-style-guide#delete"),
    sg!("Cloud Foundry", "POST", "A synchronous create answers 201 with the new resource, a synchronous action answers 200 with a resource, and async work answers 202 with a job Location.", CF_GUIDE),
    // Haufe API style guide.
    sg!("Haufe", "PUT", "Either 200 with the resource in the body or 204 with no body; the verb table expects the updated resource back.", HAUFE_STATUS),
    sg!("Haufe", "PATCH", "The status table does not list PATCH; the verb table describes it only as a partial update and names no success code or return body.", HAUFE_VERBS),
    sg!("Haufe", "DELETE", "Either 200 with a body or 204 when no body is needed; the verb table says a delete returns no payload, just the status.", HAUFE_STATUS),
    sg!("Haufe", "POST", "201 with the created resource and a Location header, or 204 when no body is needed.", HAUFE_STATUS),
    // PayPal API standards, "HTTP Method to Status Code Mapping".
    sg!("PayPal", "PUT", "Should answer 204 without echoing the request; 200 with a body only in the rare case where server-generated values would otherwise force the client to GET again.", PAYPAL_MAPPING),
    sg!("PayPal", "PATCH", "Same as PUT, 204 and no body; returning 200 with the whole resource is to be avoided because repeated partial updates would waste bandwidth.", PAYPAL_MAPPING),
    sg!("PayPal", "DELETE", "Should answer 204, and still 204 when the resource was already deleted, since DELETE is idempotent.", PAYPAL_MAPPING),
    sg!("PayPal", "POST", "201 when the call created the resource (with a link or id to it in the body), 200 for a repeated idempotent call or a controller-style action.", PAYPAL_MAPPING),
    // Zalando RESTful API guidelines, rule "MUST use HTTP methods correctly".
    sg!("Zalando", "PUT", "Usually 200 when the updated resource is returned or 204 when it is not, and 201 if the PUT created the resource.", ZALANDO_METHODS),
    sg!("Zalando", "PATCH", "Usually 200 with the updated content or 204 without it.", ZALANDO_METHODS),
    sg!("Zalando", "DELETE", "Usually 200 if the deleted resource is returned, otherwise 204; 404 or 410 when it cannot be found or is already gone.", ZALANDO_METHODS),
    sg!("Zalando", "POST", "200 if resources were updated, 201 if created, 202 if accepted but unfinished, and only exceptionally 204 with a Location header when the resource is not returned.", ZALANDO_METHODS),
];

#[cfg(test)]
mod tests {
    use super::*;

    const STATUSES: [u16; 5] = [200, 201, 204, 205, 304];
    const ECOSYSTEMS: [&str; 8] = [
        "Rust (http)",
        "Go (net/http)",
        ".NET",
        "Python (http)",
        "Java / Spring",
        "Node.js",
        "Rails",
        "Symfony",
    ];

    fn all_sources() -> impl Iterator<Item = &'static str> {
        STATUS_CONSTANTS
            .iter()
            .map(|r| r.source)
            .chain(FRAMEWORK_ANSWERS.iter().map(|r| r.source))
            .chain(BODY_ON_204.iter().map(|r| r.source))
            .chain(STYLE_GUIDES.iter().map(|r| r.source))
    }

    #[test]
    fn every_source_is_https() {
        for src in all_sources() {
            assert!(src.starts_with("https://"), "not https: {src}");
            assert!(!src.contains(char::is_whitespace), "whitespace in {src}");
        }
    }

    #[test]
    fn every_ecosystem_has_all_five_statuses() {
        for eco in ECOSYSTEMS {
            for status in STATUSES {
                assert!(
                    STATUS_CONSTANTS
                        .iter()
                        .any(|r| r.ecosystem == eco && r.status == status),
                    "{eco} lacks a constant for {status}"
                );
            }
        }
    }

    #[test]
    fn constants_use_known_statuses() {
        for r in STATUS_CONSTANTS {
            assert!(STATUSES.contains(&r.status), "{r:?}");
            assert!(!r.constant.is_empty(), "{r:?}");
        }
    }

    #[test]
    fn every_framework_has_a_body_on_204_row() {
        for a in FRAMEWORK_ANSWERS {
            assert!(
                BODY_ON_204.iter().any(|b| b.framework == a.framework),
                "{} has no BODY_ON_204 row",
                a.framework
            );
        }
    }

    #[test]
    fn every_framework_answers_200_201_204_205() {
        let mut frameworks: Vec<&str> = FRAMEWORK_ANSWERS.iter().map(|a| a.framework).collect();
        frameworks.sort_unstable();
        frameworks.dedup();
        assert_eq!(frameworks.len(), 9, "{frameworks:?}");
        for fw in frameworks {
            for status in [200, 201, 204, 205] {
                assert!(
                    FRAMEWORK_ANSWERS
                        .iter()
                        .any(|a| a.framework == fw && a.status == status),
                    "{fw} lacks a {status} snippet"
                );
            }
        }
    }

    #[test]
    fn framework_rows_are_well_formed() {
        let languages = [
            "rust",
            "javascript",
            "python",
            "go",
            "ruby",
            "java",
            "csharp",
        ];
        for a in FRAMEWORK_ANSWERS {
            assert!(languages.contains(&a.language), "{a:?}");
            assert!(STATUSES.contains(&a.status), "{a:?}");
            assert!(!a.snippet.trim().is_empty(), "{a:?}");
        }
        // 201 snippets must show a Location header (or the framework helper
        // that sets it).
        for a in FRAMEWORK_ANSWERS.iter().filter(|a| a.status == 201) {
            let s = a.snippet.to_ascii_lowercase();
            assert!(
                s.contains("location") || s.contains("createdataction") || s.contains("created("),
                "{} 201 snippet shows no Location",
                a.framework
            );
        }
    }

    #[test]
    fn every_style_guide_covers_put_patch_delete() {
        let mut guides: Vec<&str> = STYLE_GUIDES.iter().map(|g| g.guide).collect();
        guides.sort_unstable();
        guides.dedup();
        assert!(!guides.is_empty());
        for guide in guides {
            for method in ["PUT", "PATCH", "DELETE"] {
                assert!(
                    STYLE_GUIDES
                        .iter()
                        .any(|g| g.guide == guide && g.method == method),
                    "{guide} lacks {method}"
                );
            }
        }
    }

    #[test]
    fn no_duplicate_rows() {
        for (i, a) in STATUS_CONSTANTS.iter().enumerate() {
            assert!(!STATUS_CONSTANTS[i + 1..].contains(a), "{a:?}");
        }
        for (i, a) in STYLE_GUIDES.iter().enumerate() {
            assert!(
                !STYLE_GUIDES[i + 1..]
                    .iter()
                    .any(|b| b.guide == a.guide && b.method == a.method),
                "{a:?}"
            );
        }
    }
}
