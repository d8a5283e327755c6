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
use crate::{COMMAND_DEADLINE, PATIENCE};

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
    /// Awaits one WebDriver command, bounded by [`COMMAND_DEADLINE`].
    pub async fn answered<T, E: std::fmt::Display>(
        &self,
        what: impl std::fmt::Display,
        command: impl std::future::Future<Output = Result<T, E>>,
    ) -> Result<T, Error> {
        match tokio::time::timeout(COMMAND_DEADLINE, command).await {
            Ok(result) => result.context(what),
            Err(_) => Err(Error::hung(format!(
                "{what}: {} did not answer within {} s",
                self.engine.product(),
                COMMAND_DEADLINE.as_secs()
            ))),
        }
    }

    pub async fn goto(&self, url: &str) -> Result<(), Error> {
        self.answered(format!("cannot open {url}"), self.client.goto(url))
            .await
    }

    /// Moves the session to a new tab and closes the old one: a new top-level browsing context
    /// with a session history of its own. Engines cap `history.length` (at 50 in Chromium
    /// and Firefox), so a long run of navigations in one tab would stop showing new entries.
    pub async fn fresh_tab(&self) -> Result<(), Error> {
        let old = self
            .answered("no current window", self.client.window())
            .await?;
        let new = self
            .answered("cannot open a new tab", self.client.new_window(true))
            .await?;
        self.answered(
            "cannot return to the old tab",
            self.client.switch_to_window(old),
        )
        .await?;
        self.answered("cannot close the old tab", self.client.close_window())
            .await?;
        self.answered(
            "cannot switch to the new tab",
            self.client.switch_to_window(new.handle),
        )
        .await
    }

    /// Opens `url` as a new document, even when it differs from the current one only in its
    /// fragment (which would otherwise be a same-document navigation).
    pub async fn open_fresh(&self, url: &str) -> Result<(), Error> {
        self.goto("about:blank").await?;
        self.goto(url).await
    }

    /// Reloads the current document.
    pub async fn reload(&self) -> Result<(), Error> {
        self.answered("cannot reload the page", self.client.refresh())
            .await
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
        self.answered(
            format!("script failed: {script}"),
            self.client.execute(script, args),
        )
        .await
    }

    /// Runs an asynchronous script; its last argument is the callback that ends it.
    pub async fn eval_async(&self, script: &str, args: Vec<Value>) -> Result<Value, Error> {
        self.answered(
            "asynchronous script failed",
            self.client.execute_async(script, args),
        )
        .await
    }

    /// Waits until an element matching `css` exists and returns its text.
    pub async fn text_of(&self, css: &str) -> Result<String, Error> {
        let element = self
            .answered(
                format!("no element `{css}` appeared"),
                self.client
                    .wait()
                    .at_most(PATIENCE)
                    .for_element(Locator::Css(css)),
            )
            .await?;
        self.answered(format!("cannot read the text of `{css}`"), element.text())
            .await
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
            // A missing element or a stale one is polled again; a browser that stopped
            // answering is not.
            let text = match self
                .answered(
                    format!("cannot find `{css}`"),
                    self.client.find(Locator::Css(css)),
                )
                .await
            {
                Ok(element) => {
                    self.answered(format!("cannot read `{css}`"), element.text())
                        .await
                }
                Err(e) => Err(e),
            };
            match text {
                Ok(text) if ok(&text) => return Ok(text),
                Ok(text) => last = text,
                Err(e) if e.is_hang() => return Err(e),
                Err(_) => {}
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
        let mut failed = None;
        while started.elapsed() < PATIENCE {
            match self.eval(script).await {
                Ok(value) if ok(&value) => return Ok(value),
                Ok(value) => last = value,
                Err(e) if e.is_hang() => return Err(e),
                // A script can fail while a frame of the page is between documents
                // (WebKitWebDriver then answers with an empty error, as it did once in the
                // lab test): it is polled again, like an element that is not there yet.
                Err(e) => failed = Some(e),
            }
            tokio::time::sleep(POLL).await;
        }
        let failed = failed
            .map(|e| format!("; the last failure: {e}"))
            .unwrap_or_default();
        Err(Error::new(format!(
            "{what} never happened; last value of `{script}`: {last}{failed}"
        )))
    }

    /// Clicks the first element matching `css`, waiting for it to exist.
    pub async fn click(&self, css: &str) -> Result<(), Error> {
        let element = self
            .answered(
                format!("no element `{css}` to click"),
                self.client
                    .wait()
                    .at_most(PATIENCE)
                    .for_element(Locator::Css(css)),
            )
            .await?;
        // WebKitWebDriver scrolls only the element's own document, so a button inside a frame
        // that the top page shows below the fold is never hit; scrolling every ancestor first
        // makes the click land in every engine.
        let reference = serde_json::to_value(&element).context("cannot pass an element")?;
        self.eval_with(
            "arguments[0].scrollIntoView({ block: 'center' }); return true;",
            vec![reference],
        )
        .await?;
        self.answered(format!("cannot click `{css}`"), element.click())
            .await
    }

    /// Types into the first element matching `css` (after clearing it when `clear`).
    pub async fn type_into(&self, css: &str, text: &str, clear: bool) -> Result<(), Error> {
        let element = self
            .answered(
                format!("no element `{css}` to type into"),
                self.client
                    .wait()
                    .at_most(PATIENCE)
                    .for_element(Locator::Css(css)),
            )
            .await?;
        if clear {
            self.answered(format!("cannot clear `{css}`"), element.clear())
                .await?;
        }
        self.answered(format!("cannot type into `{css}`"), element.send_keys(text))
            .await
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
            .answered(
                format!("no frame `{css}`"),
                self.client
                    .wait()
                    .at_most(PATIENCE)
                    .for_element(Locator::Css(css)),
            )
            .await?;
        self.answered(format!("cannot enter frame `{css}`"), frame.enter_frame())
            .await
    }

    /// Switches back to the parent document.
    pub async fn leave_frame(&self) -> Result<(), Error> {
        self.answered(
            "cannot return to the parent document",
            self.client.enter_parent_frame(),
        )
        .await
    }

    /// Sizes the window so that the page's viewport is `width` × `height` CSS pixels. A
    /// headless window has no chrome around its viewport, a headed one does, so the size is
    /// corrected once by what the page reports.
    pub async fn resize(&self, width: u32, height: u32) -> Result<(), Error> {
        self.answered(
            format!("cannot size the window to {width}×{height}"),
            self.client.set_window_size(width, height),
        )
        .await?;
        let inner = self.eval("return [innerWidth, innerHeight];").await?;
        let got = |i: usize| inner.get(i).and_then(Value::as_u64).unwrap_or(0) as u32;
        let (w, h) = (got(0), got(1));
        if (w, h) != (width, height) && w > 0 && h > 0 {
            let (w, h) = (
                width + width.saturating_sub(w),
                height + height.saturating_sub(h),
            );
            self.answered(
                "cannot correct the window size",
                self.client.set_window_size(w, h),
            )
            .await?;
        }
        Ok(())
    }

    /// Does the page scroll sideways? A layout that fits its viewport never does.
    pub async fn overflows_sideways(&self) -> Result<bool, Error> {
        let wider = self
            .eval("return document.documentElement.scrollWidth > document.documentElement.clientWidth;")
            .await?;
        Ok(wider.as_bool().unwrap_or(true))
    }

    /// Saves a PNG of the viewport as `target/e2e/screens/<name>.png` and returns its path.
    pub async fn screenshot(&self, name: &str) -> Result<PathBuf, Error> {
        let png = self
            .answered(
                format!("cannot take the screenshot {name}"),
                self.client.screenshot(),
            )
            .await?;
        let dir = crate::out_dir().join("screens");
        std::fs::create_dir_all(&dir).map_err(|e| Error::new(format!("{}: {e}", dir.display())))?;
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).map_err(|e| Error::new(format!("{}: {e}", path.display())))?;
        Ok(path)
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
