//! The engine's framework model against the real frameworks, for every catalog answer: each
//! framework is started on loopback with its idiomatic handler, sent every catalog scenario's
//! request, and the bytes it put on the wire must be the bytes `nocontent_engine::frameworks`
//! predicts (the Date value normalised, and actix-web's header order, which a randomly seeded
//! hash map decides), closing or keeping the connection as predicted and logging what the
//! model says it logs. One test per framework; a framework that is not installed prints why
//! and passes, unless `NOCONTENT_REQUIRE_BROWSERS=1`.

use nocontent_e2e::frameworks::capture::Patience;
use nocontent_e2e::frameworks::{self, compare, Framework, FrameworksFile};
use nocontent_e2e::install::{self, e2e_dir};
use nocontent_e2e::{need, observe, Error};

/// What `framework` needs installed, or what is missing.
fn installed(framework: Framework) -> Result<(), Error> {
    let file = match framework {
        Framework::Express => {
            e2e_dir().join("frameworks/express/node_modules/express/package.json")
        }
        Framework::Flask | Framework::Drf | Framework::Fastapi => install::frameworks_python()?,
        Framework::Axum => install::rust_target_dir().join("release/axum-app"),
        Framework::ActixWeb => install::rust_target_dir().join("release/actix-app"),
        Framework::GoNetHttp => install::go_binary(),
    };
    if file.is_file() {
        Ok(())
    } else {
        Err(Error::new(format!(
            "{} is missing: run `cargo xtask setup` (or `cargo run -p nocontent-e2e --bin frameworks -- --setup`)",
            file.display()
        )))
    }
}

fn check(framework: Framework) {
    let test = format!("the {} catalog", framework.key());
    if need::or_skip(&test, installed(framework))
        .unwrap()
        .is_none()
    {
        return;
    }
    let cases = observe::catalog_cases(None).unwrap();
    let run = frameworks::run(framework, &cases, Patience::default(), false);
    let file = FrameworksFile {
        measured: String::new(),
        runs: vec![run],
    };
    let comparison = compare::compare(&file);
    println!("{}", comparison.summary());
    assert!(comparison.is_clean(), "{}", comparison.summary());
    assert_eq!(comparison.tally[0].1.compared, cases.len());
}

#[test]
fn express_sends_what_the_model_says() {
    check(Framework::Express);
}

#[test]
fn flask_sends_what_the_model_says() {
    check(Framework::Flask);
}

#[test]
fn drf_sends_what_the_model_says() {
    check(Framework::Drf);
}

#[test]
fn fastapi_sends_what_the_model_says() {
    check(Framework::Fastapi);
}

#[test]
fn axum_sends_what_the_model_says() {
    check(Framework::Axum);
}

#[test]
fn actix_web_sends_what_the_model_says() {
    check(Framework::ActixWeb);
}

#[test]
fn go_net_http_sends_what_the_model_says() {
    check(Framework::GoNetHttp);
}

/// The handler the app shows for each send mode is, word for word, the handler the framework
/// runner starts.
#[test]
fn the_snippets_are_the_handlers_measured() {
    let apps = [
        ("express", "express/app.mjs", "express/send.js"),
        ("flask", "python/flask_app.py", "flask/send.py"),
        ("drf", "python/drf_app.py", "django-rest-framework/send.py"),
        ("fastapi", "python/fastapi_app.py", "fastapi/send.py"),
        ("axum", "rust/src/bin/axum-app.rs", "axum/send.rs"),
        ("actix", "rust/src/bin/actix-app.rs", "actix-web/send.rs"),
        ("go", "go/main.go", "go-net-http/send.go"),
    ];
    let snippets = need::workspace().join("content/snippets");
    for (key, app, snippet) in apps {
        let app = std::fs::read_to_string(e2e_dir().join("frameworks").join(app)).unwrap();
        let snippet = std::fs::read_to_string(snippets.join(snippet)).unwrap();
        assert!(app.contains(&snippet), "{key}: {snippet}");
        assert!(nocontent_engine::frameworks::FrameworkId::parse(key).is_some());
    }
}
