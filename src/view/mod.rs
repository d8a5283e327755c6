//! The components of the playground, one module per panel.

pub mod common;
pub mod composer;
pub mod escape;
pub mod gallery;
pub mod headers;
pub mod outcomes;
pub mod response;

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::rc::Rc;

    use nocontent_engine::{catalog, simulate, Exchange, Scenario};
    use yew::prelude::*;
    use yew::LocalServerRenderer;

    use super::composer::{AnswerPanel, RequestPanel};
    use super::outcomes::{BrowserPanel, CodePanel, FindingsPanel, OutcomeProps};
    use super::response::{ResponsePanel, ResponseProps};
    use crate::state::Editor;

    fn scenario(id: &str) -> Scenario {
        catalog::find(id).map(|e| e.scenario).unwrap_or_default()
    }

    fn exchange(s: &Scenario) -> Rc<Exchange> {
        Rc::new(simulate(s).unwrap_or_else(|e| panic!("{e:?}")))
    }

    /// Renders to a string and checks what must and must not appear.
    fn check(html: String, present: &[&str], absent: &[&str]) {
        for needle in present {
            assert!(html.contains(needle), "missing {needle:?} in {html}");
        }
        for needle in absent {
            assert!(!html.contains(needle), "unexpected {needle:?} in {html}");
        }
    }

    async fn render<C: BaseComponent>(props: C::Properties) -> String {
        LocalServerRenderer::<C>::with_props(props).render().await
    }

    #[derive(Properties, PartialEq)]
    struct WithEditorProps {
        editor: Editor,
        children: Html,
    }

    /// Provides the editor context that the app gives its panels.
    #[component]
    fn WithEditor(props: &WithEditorProps) -> Html {
        html! {
            <ContextProvider<Editor> context={props.editor.clone()}>{ props.children.clone() }</ContextProvider<Editor>>
        }
    }

    async fn render_editing(editor: Editor, children: Html) -> String {
        render::<WithEditor>(WithEditorProps { editor, children }).await
    }

    #[tokio::test]
    async fn response_panel_marks_boundaries_and_the_next_response() {
        let s = scenario("keepalive-204-body");
        let html = render::<ResponsePanel>(ResponseProps {
            exchange: exchange(&s),
        })
        .await;
        check(
            html,
            &[
                "HTTP/1.1 204 No Content",
                "seg-leftover",
                "hello",
                "leftover (5 bytes)",
                "id=\"next-response\"",
                nocontent_engine::CHROMIUM,
                "RFC 9112 §6.3",
            ],
            &[],
        );
        let clean = scenario("delete-204");
        let html = render::<ResponsePanel>(ResponseProps {
            exchange: exchange(&clean),
        })
        .await;
        check(
            html,
            &["leftover (0 bytes)", "No headers"],
            &["id=\"next-response\""],
        );
    }

    #[tokio::test]
    async fn browser_and_findings_panels_label_the_spec_and_each_engine() {
        let s = scenario("form-post-205");
        let x = exchange(&s);
        let html = render::<BrowserPanel>(OutcomeProps {
            scenario: s.clone(),
            exchange: x.clone(),
        })
        .await;
        check(
            html,
            &[
                "What form submission does",
                "tag-spec",
                // The three engines agree with each other here, and differ from RFC 9110.
                "<span class=\"tag tag-engine\">Chromium 156, Firefox 153, WebKitGTK 2.50</span>The typed values stay",
                // No probe watches sendBeacon: its engines are labelled, not guessed.
                "<span class=\"tag tag-unmeasured\">Chromium 156, Firefox 153, WebKitGTK 2.50</span>not measured",
                "Every client, same response",
                "XMLHttpRequest",
            ],
            &[],
        );
        let html = render::<FindingsPanel>(OutcomeProps {
            scenario: s,
            exchange: x,
        })
        .await;
        check(
            html,
            &[
                "A clean 205",
                "RFC 9110 §15.3.6",
                "RESET_CONTENT_CLEAN",
                "Done right",
                "205 Reset Content",
            ],
            &["Errors ("],
        );
    }

    /// The code panel names the chosen status in each ecosystem, as text, and only that status.
    #[tokio::test]
    async fn code_panel_shows_the_status_constants_of_the_chosen_status() {
        let code_panel = |s: Scenario| {
            let x = exchange(&s);
            render::<CodePanel>(OutcomeProps {
                scenario: s,
                exchange: x,
            })
        };
        check(
            code_panel(scenario("delete-204")).await,
            &[
                "204 No Content in code",
                "id=\"status-constants\"",
                "<code>HttpStatusCode.NoContent</code>",
                "<code>StatusCode::NO_CONTENT</code>",
                "<code>:no_content</code>",
                "<code>http.StatusNoContent</code>",
                "<code>HTTPStatus.NO_CONTENT</code>",
                "there is no content to send",
            ],
            &["HttpStatusCode.ResetContent", "HttpStatusCode.OK<"],
        );
        check(
            code_panel(scenario("form-post-205")).await,
            &[
                "205 Reset Content in code",
                "<code>HttpStatusCode.ResetContent</code>",
                "<code>:reset_content</code>",
            ],
            &["HttpStatusCode.NoContent"],
        );
        let mut teapot = scenario("delete-204");
        teapot.answer.status = 418;
        check(
            code_panel(teapot).await,
            &["418 I'm a teapot in code", "no named constant for 418"],
            &["id=\"status-constants\""],
        );
    }

    #[tokio::test]
    async fn answer_panel_lists_what_a_conforming_server_changed() {
        let mut s = scenario("keepalive-204-body");
        s.answer.send = nocontent_engine::scenario::SendMode::Conforming;
        let x = exchange(&s);
        let editor = Editor {
            scenario: s,
            status_input: "204".into(),
            messages: Rc::new(HashMap::new()),
            ..Editor::default()
        };
        let changes = x.changes.clone();
        check(
            render_editing(editor, html! { <AnswerPanel {changes} /> }).await,
            &[
                "What a conforming server changed",
                "dropped the 5 bytes",
                "aria-pressed=\"true\"",
            ],
            &[],
        );
    }

    #[tokio::test]
    async fn fields_show_their_messages_and_user_text_stays_text() {
        let mut s = Scenario::default();
        s.request.headers = vec![("X Bad".into(), "<script>alert(1)</script>".into())];
        let messages = HashMap::from([(
            "request.headers[0].name".to_string(),
            "the header name contains a space".to_string(),
        )]);
        let editor = Editor {
            scenario: s,
            messages: Rc::new(messages),
            ..Editor::default()
        };
        check(
            render_editing(editor, html! { <RequestPanel /> }).await,
            &[
                "the header name contains a space",
                "aria-invalid=\"true\"",
                "msg-request-headers-0--name",
                "&lt;script&gt;",
            ],
            &["<script>"],
        );
    }
}
