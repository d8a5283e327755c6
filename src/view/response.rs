//! The response: status line, headers, body, and the raw bytes with the header section, the
//! body and any leftover bytes marked, plus what the next response on the connection sees.

use nocontent_engine::Exchange;
use nocontent_explain::glossary;
use yew::prelude::*;

use nocontent_explain::thousands;

use crate::view::common::claim;
use crate::view::glossary::Term;

/// Renders bytes with CR and LF made visible, so the framing can be seen.
pub(crate) fn bytes(text: &str) -> Html {
    let mut out = Vec::new();
    let mut plain = String::new();
    for c in text.chars() {
        let mark = match c {
            '\r' => Some("\\r"),
            '\n' => Some("\\n"),
            _ => None,
        };
        match mark {
            Some(m) => {
                if !plain.is_empty() {
                    out.push(html! { { std::mem::take(&mut plain) } });
                }
                out.push(html! { <span class="eol" aria-hidden="true">{ m }</span> });
                if c == '\n' {
                    out.push(html! { { "\n" } });
                }
            }
            None => plain.push(c),
        }
    }
    if !plain.is_empty() {
        out.push(html! { { plain } });
    }
    out.into_iter().collect()
}

/// Splits the wire text at the framing offsets; offsets that do not fall on a character
/// boundary (they always should) fall back to showing everything as one part.
fn parts(wire: &str, header_end: usize, body_end: usize) -> (&str, &str, &str) {
    match (
        wire.get(..header_end),
        wire.get(header_end..body_end),
        wire.get(body_end..),
    ) {
        (Some(h), Some(b), Some(l)) => (h, b, l),
        _ => (wire, "", ""),
    }
}

/// How many characters of a body (and of each marked part of the raw bytes) are shown until
/// the reader asks for all: a screenful or two, so a 1 MB paste does not bury the panel.
pub const SHOWN_CHARS: usize = 3_000;

/// The first `SHOWN_CHARS` characters of `text` (all of it when `all`), and how many
/// characters were left out.
pub fn shortened(text: &str, all: bool) -> (&str, usize) {
    if all {
        return (text, 0);
    }
    match text.char_indices().nth(SHOWN_CHARS) {
        Some((cut, _)) => (
            text.get(..cut).unwrap_or(text),
            text.get(cut..).map_or(0, |rest| rest.chars().count()),
        ),
        None => (text, 0),
    }
}

/// Bytes shown shortened, with a marker that cannot be mistaken for bytes on the wire.
fn bytes_shortened(text: &str, all: bool) -> Html {
    let (shown, hidden) = shortened(text, all);
    html! {
        <>
            { bytes(shown) }
            if hidden > 0 {
                <span class="cut-marker">{ format!("[… {} more characters not shown]", thousands(hidden)) }</span>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct ResponseProps {
    pub exchange: std::rc::Rc<Exchange>,
}

#[component]
pub fn ResponsePanel(props: &ResponseProps) -> Html {
    let x = &props.exchange;
    let r = &x.response;
    let status_line = format!("HTTP/1.1 {} {}", r.status, r.reason);
    let (head, body, leftover) = match &x.framing {
        Some(f) => parts(&x.wire, f.header_end, f.body_end),
        None => (x.wire.as_str(), "", ""),
    };
    // The body as a client reads it: what the framing delimits, never the bytes after it.
    let content = x
        .framing
        .as_ref()
        .map_or(r.body.as_str(), |f| f.content.as_str());
    let connection = &x.outcomes.connection;
    let all = use_state(|| false);
    // Whether anything is long enough to be shortened, without counting all of a long body.
    let long = [content, body, leftover]
        .iter()
        .any(|t| t.chars().nth(SHOWN_CHARS).is_some());
    let (content_shown, content_hidden) = shortened(content, *all);
    let show_all = {
        let all = all.clone();
        Callback::from(move |_: MouseEvent| all.set(!*all))
    };
    html! {
        <div class="response">
            <p class="status-line mono" id="status-line">{ status_line }</p>
            <table class="kv">
                <caption class="visually-hidden">{ "Response headers" }</caption>
                <thead><tr><th scope="col">{ "Header" }</th><th scope="col">{ "Value" }</th></tr></thead>
                <tbody>
                    if r.headers.is_empty() {
                        <tr><td colspan="2" class="hint">{ "No headers" }</td></tr>
                    }
                    { for r.headers.iter().map(|(n, v)| html! { <tr><td class="mono">{ n.clone() }</td><td class="mono">{ v.clone() }</td></tr> }) }
                </tbody>
            </table>
            <h3>{ "Body" }</h3>
            if content.is_empty() && !leftover.is_empty() {
                // Bytes after the end of the message are not its body, whatever the server meant.
                <p class="hint" id="no-body">{ format!(
                    "No body; {} left on the connection (see the raw bytes and the next response below).",
                    nocontent_engine::lint::bytes(leftover.len())
                ) }</p>
            } else if content.is_empty() {
                <p class="hint" id="no-body">
                    { "No body bytes sent." }
                    if nocontent_engine::status::is_null_body_status(r.status) {
                        { format!(" {} is a ", r.status) }
                        <Term id={glossary::NULL_BODY_STATUS}>{ "null body status" }</Term>
                        { ": fetch() gives it no body at all." }
                    }
                </p>
            } else {
                <pre class="mono body" id="body-text">{ content_shown.to_string() }</pre>
                if content_hidden > 0 {
                    <p class="hint" id="body-cut">{ format!(
                        "Showing the first {} of {} characters.",
                        thousands(SHOWN_CHARS),
                        thousands(SHOWN_CHARS + content_hidden)
                    ) }</p>
                }
            }
            <h3>{ "Raw bytes" }</h3>
            <pre class="wire mono" id="wire" tabindex="0" aria-label="Raw response bytes">
                <span class="seg seg-head" title="Header section">{ bytes(head) }</span>
                if !body.is_empty() {
                    <span class="seg seg-body" title="Body">{ bytes_shortened(body, *all) }</span>
                }
                if !leftover.is_empty() {
                    <span class="seg seg-leftover" title="Leftover bytes">{ bytes_shortened(leftover, *all) }</span>
                }
            </pre>
            if long {
                <button type="button" class="secondary" id="show-all" aria-pressed={all.to_string()} onclick={show_all}>
                    { if *all { "Show shortened" } else { "Show all" } }
                </button>
            }
            <ul class="legend" aria-label="Legend">
                <li><span class="swatch seg-head"></span>{ format!("header section ({} bytes)", head.len()) }</li>
                <li><span class="swatch seg-body"></span>{ format!("body ({} bytes)", body.len()) }</li>
                <li><span class="swatch seg-leftover"></span><Term id={glossary::LEFTOVER}>{ "leftover" }</Term>{ format!(" ({} bytes)", leftover.len()) }</li>
            </ul>
            if let Some(f) = &x.framing {
                <p class="framing" id="framing">
                    <strong>{ format!("Length rule {}: ", f.rule_number) }</strong>
                    { f.decision.clone() }{ " (" }
                    <a href={f.url} target="_blank" rel="noopener noreferrer">{ f.section }</a>{ ")" }
                </p>
            }
            if !leftover.is_empty() {
                <div class="next-lane" id="next-response">
                    <h3>{ "The next response on this connection" }</h3>
                    <pre class="wire mono">
                        <span class="seg seg-leftover">{ bytes(leftover) }</span>
                        <span class="seg seg-next">{ bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") }</span>
                    </pre>
                    <p>{ claim(&connection.next_response) }</p>
                </div>
            }
            <details class="request-bytes">
                <summary>{ "Request bytes" }</summary>
                <pre class="wire mono">{ bytes(&x.request.wire) }</pre>
            </details>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_at_a_character_and_says_how_much_is_left() {
        let text = "é".repeat(SHOWN_CHARS + 1234);
        let (shown, hidden) = shortened(&text, false);
        assert_eq!((shown.chars().count(), hidden), (SHOWN_CHARS, 1234));
        assert_eq!(shortened(&text, true), (text.as_str(), 0));
        assert_eq!(shortened("short", false), ("short", 0));
    }

    async fn render(body: &str) -> String {
        let mut s = nocontent_engine::Scenario::default();
        s.answer.status = 200;
        s.answer.body = body.to_string();
        let exchange = std::rc::Rc::new(nocontent_engine::simulate(&s).expect("simulates"));
        yew::LocalServerRenderer::<ResponsePanel>::with_props(ResponseProps { exchange })
            .render()
            .await
    }

    #[tokio::test]
    async fn a_very_long_body_is_shortened_with_show_all() {
        let long = "x".repeat(SHOWN_CHARS + 500);
        let html = render(&long).await;
        assert!(
            html.contains("id=\"show-all\"")
                && html.contains("Showing the first 3,000 of 3,500 characters."),
            "{html}"
        );
        assert!(html.contains("[… 500 more characters not shown]"), "{html}");
        assert!(!html.contains(&long), "{html}");
        let short = render("hello").await;
        assert!(
            !short.contains("show-all") && !short.contains("cut-marker"),
            "{short}"
        );
    }
}
