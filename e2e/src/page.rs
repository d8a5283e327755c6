//! The page object: what a browser test does with a page (open it, click, type, read text,
//! run a script) and what it does with the app in particular (open it and wait for its first
//! render), in every engine alike.
//!
//! Every wait re-checks its condition until a deadline ([`PATIENCE`]) and then fails with the
//! last thing it saw.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use fantoccini::Locator;
use serde_json::Value;

use crate::engine::Engine;
use crate::error::{Context, Error};
use crate::need;
use crate::serve::StaticServer;
use crate::session::{start_or_skip, Browser};
use crate::PATIENCE;

/// How often a waiting condition is re-checked.
const POLL: Duration = Duration::from_millis(50);

/// The built app on the harness's static server, and a browser to drive it: what most tests
/// of the app start with.
pub struct App {
    /// The built app being served (see [`crate::need::dist`]).
    pub dist: PathBuf,
    /// Serves `dist` at `/`.
    pub server: StaticServer,
    pub browser: Browser,
}

impl App {
    /// Serves the built app and starts `engine`; `Ok(None)`, after saying why, when either is
    /// missing and prerequisites are not required (see [`crate::need`]).
    pub async fn start(engine: Engine, test: &str) -> Result<Option<App>, Error> {
        let Some(dist) = need::or_skip(test, need::dist())? else {
            return Ok(None);
        };
        let Some(browser) = start_or_skip(engine, test).await? else {
            return Ok(None);
        };
        let server = StaticServer::with_mount(dist.clone(), "/")?;
        Ok(Some(App {
            dist,
            server,
            browser,
        }))
    }

    /// [`App::start`], then the app opened at `/` and rendered.
    pub async fn open(engine: Engine, test: &str) -> Result<Option<App>, Error> {
        let Some(app) = App::start(engine, test).await? else {
            return Ok(None);
        };
        app.browser.open_app(&app.url("/")).await?;
        Ok(Some(app))
    }

    pub fn url(&self, path: &str) -> String {
        self.server.url(path)
    }
}

impl Browser {
    pub async fn goto(&self, url: &str) -> Result<(), Error> {
        self.client
            .goto(url)
            .await
            .context(format!("cannot open {url}"))
    }

    /// Moves the session to a new tab and closes the old one: a new top-level browsing context
    /// with a session history of its own. Engines cap `history.length` (at 50 in Chromium
    /// and Firefox), so a long run of navigations in one tab would stop showing new entries.
    pub async fn fresh_tab(&self) -> Result<(), Error> {
        let old = self.client.window().await.context("no current window")?;
        let new = self
            .client
            .new_window(true)
            .await
            .context("cannot open a new tab")?;
        self.client
            .switch_to_window(old)
            .await
            .context("cannot return to the old tab")?;
        self.client
            .close_window()
            .await
            .context("cannot close the old tab")?;
        self.client
            .switch_to_window(new.handle)
            .await
            .context("cannot switch to the new tab")
    }

    /// Opens `url` as a new document, even when it differs from the current one only in its
    /// fragment (which would otherwise be a same-document navigation).
    pub async fn open_fresh(&self, url: &str) -> Result<(), Error> {
        self.goto("about:blank").await?;
        self.goto(url).await
    }

    /// Reloads the current document.
    pub async fn reload(&self) -> Result<(), Error> {
        self.client
            .refresh()
            .await
            .context("cannot reload the page")
    }

    /// Opens the app at `url` and waits for its first render (the default 204 answer).
    pub async fn open_app(&self, url: &str) -> Result<(), Error> {
        self.goto(url).await?;
        self.wait_for_app().await?;
        self.wait_for_text("#status-line", "the first render", |t| t.contains("204"))
            .await
            .map(|_| ())
    }

    /// Waits until the app itself has rendered. The prerendered first view already shows the
    /// default answer, and its buttons do nothing, so a test that clicked as soon as "204"
    /// appeared would click a picture of the app (in WebKitGTK the app takes long enough for
    /// that to happen).
    pub async fn wait_for_app(&self) -> Result<(), Error> {
        self.wait_for_eval(
            "return performance.getEntriesByName('nocontent-ready').length > 0;",
            "the app's own first render (its nocontent-ready mark)",
            |v| v == &Value::Bool(true),
        )
        .await
        .map(|_| ())
    }

    /// Evaluates a script body (`return …;`) and returns its JSON value.
    pub async fn eval(&self, script: &str) -> Result<Value, Error> {
        self.eval_with(script, vec![]).await
    }

    /// Evaluates a script body with `arguments`.
    pub async fn eval_with(&self, script: &str, args: Vec<Value>) -> Result<Value, Error> {
        self.client
            .execute(script, args)
            .await
            .context(format!("script failed: {script}"))
    }

    /// Runs an asynchronous script; its last argument is the callback that ends it.
    pub async fn eval_async(&self, script: &str, args: Vec<Value>) -> Result<Value, Error> {
        self.client
            .execute_async(script, args)
            .await
            .context("asynchronous script failed")
    }

    /// Waits until an element matching `css` exists and returns its text.
    pub async fn text_of(&self, css: &str) -> Result<String, Error> {
        let element = self
            .client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .context(format!("no element `{css}` appeared"))?;
        element
            .text()
            .await
            .context(format!("cannot read the text of `{css}`"))
    }

    /// Waits until the text of the first element matching `css` satisfies `ok`; returns it.
    pub async fn wait_for_text(
        &self,
        css: &str,
        what: &str,
        ok: impl Fn(&str) -> bool,
    ) -> Result<String, Error> {
        let started = Instant::now();
        let mut last = String::new();
        while started.elapsed() < PATIENCE {
            if let Ok(element) = self.client.find(Locator::Css(css)).await {
                if let Ok(text) = element.text().await {
                    if ok(&text) {
                        return Ok(text);
                    }
                    last = text;
                }
            }
            tokio::time::sleep(POLL).await;
        }
        Err(Error::new(format!(
            "`{css}` never showed {what}; last text: {last:?}"
        )))
    }

    /// Waits until a script's JSON result satisfies `ok`; returns it.
    pub async fn wait_for_eval(
        &self,
        script: &str,
        what: &str,
        ok: impl Fn(&Value) -> bool,
    ) -> Result<Value, Error> {
        let started = Instant::now();
        let mut last = Value::Null;
        while started.elapsed() < PATIENCE {
            let value = self.eval(script).await?;
            if ok(&value) {
                return Ok(value);
            }
            last = value;
            tokio::time::sleep(POLL).await;
        }
        Err(Error::new(format!(
            "{what} never happened; last value of `{script}`: {last}"
        )))
    }

    /// Clicks the first element matching `css`, waiting for it to exist.
    pub async fn click(&self, css: &str) -> Result<(), Error> {
        let element = self
            .client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .context(format!("no element `{css}` to click"))?;
        // WebKitWebDriver scrolls only the element's own document, so a button inside a frame
        // that the top page shows below the fold is never hit; scrolling every ancestor first
        // makes the click land in every engine.
        let reference = serde_json::to_value(&element).context("cannot pass an element")?;
        self.eval_with(
            "arguments[0].scrollIntoView({ block: 'center' }); return true;",
            vec![reference],
        )
        .await?;
        element
            .click()
            .await
            .context(format!("cannot click `{css}`"))
    }

    /// Types into the first element matching `css` (after clearing it when `clear`).
    pub async fn type_into(&self, css: &str, text: &str, clear: bool) -> Result<(), Error> {
        let element = self
            .client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .context(format!("no element `{css}` to type into"))?;
        if clear {
            element
                .clear()
                .await
                .context(format!("cannot clear `{css}`"))?;
        }
        element
            .send_keys(text)
            .await
            .context(format!("cannot type into `{css}`"))
    }

    /// The value property of an input.
    pub async fn value_of(&self, css: &str) -> Result<String, Error> {
        let value = self
            .eval_with(
                "return document.querySelector(arguments[0]).value;",
                vec![Value::String(css.to_string())],
            )
            .await?;
        Ok(value.as_str().unwrap_or_default().to_string())
    }

    /// Switches into the iframe matching `css`, waiting for it to exist.
    pub async fn enter_frame(&self, css: &str) -> Result<(), Error> {
        let frame = self
            .client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .context(format!("no frame `{css}`"))?;
        frame
            .enter_frame()
            .await
            .context(format!("cannot enter frame `{css}`"))
    }

    /// Switches back to the parent document.
    pub async fn leave_frame(&self) -> Result<(), Error> {
        self.client
            .enter_parent_frame()
            .await
            .context("cannot return to the parent document")
    }

    /// Fails when a JavaScript dialog (alert, confirm, prompt) is open.
    pub async fn assert_no_dialog(&self, context: &str) -> Result<(), Error> {
        match self.client.get_alert_text().await {
            Ok(text) => Err(Error::new(format!(
                "{context}: a dialog opened with {text:?}"
            ))),
            Err(_) => Ok(()),
        }
    }
}
