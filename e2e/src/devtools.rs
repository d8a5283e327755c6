//! Chrome DevTools Protocol commands (CPU throttling, garbage collection, cache switches) sent
//! through the WebDriver session: chromedriver's extension command
//! `POST /session/{id}/goog/cdp/execute`, issued with fantoccini's `issue_cmd`. Only Chromium
//! has it; the other engines get an error saying so.

use fantoccini::wd::WebDriverCompatibleCommand;
use serde_json::{json, Value};

use crate::engine::Engine;
use crate::error::{Context, Error};
use crate::session::Browser;

/// One DevTools command with its parameters.
#[derive(Debug)]
struct Execute {
    cmd: String,
    params: Value,
}

impl WebDriverCompatibleCommand for Execute {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "cmd": self.cmd, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}

impl Browser {
    /// Runs a DevTools command (such as `Emulation.setCPUThrottlingRate`) and returns its
    /// result.
    pub async fn devtools(&self, cmd: &str, params: Value) -> Result<Value, Error> {
        if self.engine != Engine::Chromium {
            return Err(Error::new(format!(
                "{cmd}: DevTools commands need Chromium, not {}",
                self.engine.product()
            )));
        }
        self.client
            .issue_cmd(Execute {
                cmd: cmd.to_string(),
                params,
            })
            .await
            .context(format!("DevTools {cmd}"))
    }
}
