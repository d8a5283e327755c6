//! The components of the playground, one module per panel.

pub mod common;
pub mod compare;
pub mod composer;
pub mod embed_builder;
pub mod escape;
pub mod gallery;
pub mod glossary;
pub mod headers;
pub mod outcomes;
pub mod paste;
pub mod response;
pub mod search;

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::rc::Rc;

    use nocontent_engine::{catalog, simulate, Exchange, Scenario};
    use yew::prelude::*;
    use yew::LocalServerRenderer;

    use super::composer::{AnswerPanel, RequestPanel};
    use super::gallery::Gallery;
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
                " (5 bytes)",
                // The leftover bytes are not shown as the body.
                "No body; 5 bytes left on the connection",
                "id=\"next-response\"",
                nocontent_engine::CHROMIUM,
                "RFC 9112 §6.3",
            ],
            // The bytes after the 204 are in the raw bytes, never in the body.
            &["<pre class=\"mono body\">hello</pre>"],
        );
        let clean = scenario("delete-204");
        let html = render::<ResponsePanel>(ResponseProps {
            exchange: exchange(&clean),
        })
        .await;
        check(
            html,
            &[
                "class=\"term-word\"",
                "leftover</span>",
                " (0 bytes)",
                "No headers",
                "No body bytes sent.",
                "is a ",
                "null body status",
            ],
            &["id=\"next-response\"", "left on the connection"],
        );
    }

    async fn browser_panel(id: &str) -> String {
        let s = scenario(id);
        let x = exchange(&s);
        render::<BrowserPanel>(OutcomeProps {
            scenario: s,
            exchange: x,
        })
        .await
    }

    /// The clients outside the browser: each with the build measured, its call, the next
    /// request and its JSON read; failures, hangs and a planted next response highlighted.
    #[tokio::test]
    async fn the_browser_panel_shows_the_clients_outside_the_browser() {
        check(
            browser_panel("api-204-planted-next").await,
            &[
                "Outside the browser: the same request from HTTP clients",
                "<tr data-client=\"curl\"><th scope=\"row\">curl<span class=\"client-version\">curl 7.88.1</span></th>",
                "<tr data-client=\"httpx\">",
                "<td class=\"marked\"><span class=\"cell-label\">The next request</span><span class=\"value\">same connection: 200 \"{\\\"admin\\\":true}\"</span></td>",
                "new connection: 200 \"ok\"",
            ],
            &[],
        );
        check(
            browser_panel("api-205-no-length").await,
            &[
                "<td class=\"marked\"><span class=\"cell-label\">The call</span><span class=\"value\">never returns</span></td>",
                "error: ReadTimeout: timed out",
            ],
            &[],
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
                // The three engines agree with each other here, and differ from RFC 9110.
                "<span class=\"tag tag-spec\">Spec</span><span class=\"value\">The form is reset",
                "<span class=\"tag tag-engine\">Chromium 156, Firefox 153, WebKitGTK 2.50</span><span class=\"value\">The typed values stay",
                "<span class=\"verdict\">all engines agree; the spec says otherwise</span>",
                // Where two specs disagree, the sentence says so, with both sections.
                "<span class=\"stance\">The specs disagree:</span>",
                "RFC 9110 asks the user agent to reset the document view",
                "href=\"https://www.rfc-editor.org/rfc/rfc9110#section-15.3.6\"",
                // sendBeacon is measured in every engine now (the lab's beacon probe): one
                // cell across the four columns, not "not measured".
                "<th scope=\"row\">navigator.<wbr>sendBeacon()</th><td colspan=\"4\" class=\"agreed\"><span class=\"cell-label\">Spec and every engine</span><span class=\"value\">queued (true); response ignored</span></td>",
                // What the specs alone decide is labelled as theirs.
                "beforeunload",
                "the specs alone decide this; no engine is measured on it",
                "RFC 9111 §3 lets no cache store this response",
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

    /// Where the engines differ, each step shows each engine's line under its own label,
    /// engines that agree grouped, with a badge and the sentence on why, said once per list.
    #[tokio::test]
    async fn the_timeline_shows_each_engine_where_they_differ() {
        let html = browser_panel("reset-205-no-length").await;
        check(
            html.clone(),
            &[
                "<span class=\"verdict\">engines differ</span>",
                "<span class=\"tag tag-spec\">Spec, WebKitGTK 2.50</span><span class=\"value\">never settles",
                "<span class=\"tag tag-engine\">Chromium 156, Firefox 153</span><span class=\"value\">resolves to \"\"",
                "<li class=\"step has-diff\">",
                "<li data-id=\"framing of a 205\"><span class=\"stance\">The spec decides:</span> RFC 9112 ends a response",
                "<li data-id=\"framing of a 205\" class=\"again\"><span class=\"stance\">The spec decides:</span> as above (",
                "href=\"https://www.rfc-editor.org/rfc/rfc9112#section-6.3\"",
            ],
            &["Safari"],
        );
        // The full sentence once in the panel; after that, a reference back to it.
        assert_eq!(
            html.matches("so a 205 is framed like any other response")
                .count(),
            1,
            "{html}"
        );
        assert!(html.matches("class=\"again\"").count() >= 4, "{html}");
        // A step the scenario fixes has no badge and no engine labels.
        let html = browser_panel("link-304").await;
        check(
            html,
            &[
                "<strong>The response arrives</strong></span><span class=\"detail\"><span>The answer is 304 Not Modified</span>",
                "<span class=\"tag tag-spec\">Spec, Firefox 153</span><span class=\"value\">The browser replaces the page",
                "<span class=\"tag tag-engine\">Chromium 156, WebKitGTK 2.50</span><span class=\"value\">The navigation is aborted",
                "HTML abandons a navigation only when the answer is 204 or 205",
            ],
            &[],
        );
    }

    /// The matrix has a column for the spec and each engine, one cell across them where all
    /// four agree, and marks in words the cells that differ.
    #[tokio::test]
    async fn the_matrix_has_a_column_per_engine_and_marks_what_differs() {
        let html = browser_panel("keepalive-204-smuggled").await;
        check(
            html,
            &[
                "<thead><tr><th scope=\"col\">Client</th><th scope=\"col\">Spec</th><th scope=\"col\">Chromium 156</th><th scope=\"col\">Firefox 153</th><th scope=\"col\">WebKitGTK 2.50</th></tr></thead>",
                "<th scope=\"row\">navigator.<wbr>sendBeacon()</th>",
                "<td colspan=\"4\" class=\"agreed\"><span class=\"cell-label\">Spec and every engine</span><span class=\"value\">page stays, fields kept</span></td>",
                "The connection afterwards",
                "connection.leftover_bytes after a 204 with Content-Length",
                "<span class=\"stance\">The spec is silent:</span>",
            ],
            &[],
        );
        let html = browser_panel("reset-205-no-length").await;
        check(
            html,
            &[
                "<td class=\"marked\"><span class=\"cell-label\">Chromium 156</span><span class=\"value\">ok 205, text() \"\", json() SyntaxError</span><span class=\"mark\"><span aria-hidden=\"true\">≠ spec</span><span class=\"visually-hidden\">(differs from the spec)</span></span><span class=\"mark\"><span aria-hidden=\"true\">≠ engine</span>",
                // WebKitGTK does what the spec says, and differs from the other engines.
                "<span class=\"cell-label\">WebKitGTK 2.50</span><span class=\"value\">ok 205, text() never settles, json() never settles</span><span class=\"mark\"><span aria-hidden=\"true\">≠ engine</span>",
                // The spec's cell is the reference, never marked.
                "<td><span class=\"cell-label\">Spec</span><span class=\"value\">ok 205, text() never settles",
                "<tr class=\"why-row\"><td colspan=\"5\">",
            ],
            &[],
        );
        // Where every engine agrees with the spec, the badge says so and names nothing as
        // unmeasured.
        let html = browser_panel("put-200-json").await;
        check(
            html,
            &["<span class=\"verdict\">all engines agree</span>"],
            &[
                "engines differ",
                "class=\"marked\"",
                "why-row",
                "not measured in",
            ],
        );
        // WebKitGTK's cache invalidation after this 205 is not measured (its automation
        // session has no HTTP cache): the badge names it rather than guessing.
        let html = browser_panel("reset-205-no-length").await;
        check(
            html,
            &["not measured in WebKitGTK 2.50 (Invalidation)"],
            &[],
        );
    }

    /// Each list apart holds exactly its constant's entries, under its own heading, and none
    /// of them is repeated in the everyday list.
    #[tokio::test]
    async fn the_gallery_sets_apart_where_engines_clients_and_frameworks_differ() {
        let editor = Editor {
            loaded: Some("link-304"),
            ..Editor::default()
        };
        let html = render_editing(editor, html! { <Gallery /> }).await;
        let (everyday, rest) = html
            .split_once("Where the engines differ")
            .unwrap_or_else(|| panic!("no engines list: {html}"));
        let (engines, rest) = rest
            .split_once("Where HTTP clients differ")
            .unwrap_or_else(|| panic!("no clients list: {html}"));
        let (clients, frameworks) = rest
            .split_once("Where frameworks differ")
            .unwrap_or_else(|| panic!("no frameworks list: {html}"));
        let lists = [
            (engines, catalog::ENGINES_DIFFER),
            (clients, catalog::CLIENTS_DIFFER),
            (frameworks, catalog::FRAMEWORKS_DIFFER),
        ];
        for (i, (list, ids)) in lists.iter().enumerate() {
            for id in *ids {
                let button = format!("data-id=\"{id}\"");
                assert!(list.contains(&button), "{id} not in its list");
                assert!(
                    !everyday.contains(&button),
                    "{id} also in the everyday list"
                );
                for (j, (other, _)) in lists.iter().enumerate() {
                    assert!(i == j || !other.contains(&button), "{id} in two lists");
                }
            }
        }
        assert!(everyday.contains("data-id=\"delete-204\""), "{everyday}");
        assert!(
            frameworks.contains("Firefox does just that"),
            "no explanation: {frameworks}"
        );
    }

    /// Backticks in a scenario's explanation mark code: they become code elements, never raw
    /// backticks, and what is inside them stays text.
    #[tokio::test]
    async fn the_explanation_shows_code_as_code() {
        let editor = Editor {
            loaded: Some("fetch-204-json"),
            ..Editor::default()
        };
        let html = render_editing(editor, html! { <Gallery /> }).await;
        let card = html
            .split_once("id=\"explanation\"")
            .map(|(_, card)| card)
            .unwrap_or_else(|| panic!("no card: {html}"));
        assert!(
            card.contains("<code>await (await fetch(url)).json()</code>"),
            "{card}"
        );
        assert!(
            card.contains("<code>response.status === 204</code>"),
            "{card}"
        );
        assert!(!card.contains('`'), "raw backticks in {card}");
    }

    #[tokio::test]
    async fn prose_keeps_an_unpaired_backtick_and_never_reads_markup() {
        let html = render_editing(Editor::default(), super::common::prose("a `<b>` and `c")).await;
        assert!(html.contains("a <code>&lt;b&gt;</code> and `c"), "{html}");
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
                "What a ",
                "conforming server</span>",
                " changed:",
                "dropped the 5 bytes",
                "aria-pressed=\"true\"",
            ],
            &[],
        );
    }

    /// A form asked to DELETE says, under the method, that it sends GET and why, with the
    /// source; the method field points to that sentence.
    #[tokio::test]
    async fn the_request_panel_says_which_method_the_client_really_sends() {
        let mut s = scenario("form-post-205");
        s.request.method = "DELETE".into();
        let x = exchange(&s);
        let editor = Editor {
            scenario: s,
            method_change: x.request.method_change.clone(),
            ..Editor::default()
        };
        check(
            render_editing(editor, html! { <RequestPanel /> }).await,
            &[
                "id=\"method-sent\"",
                "A form submits only with GET or POST",
                "HTML: the form method attribute",
                "aria-describedby=\"msg-request-method method-sent\"",
            ],
            &[],
        );
        let editor = Editor {
            scenario: scenario("form-post-205"),
            ..Editor::default()
        };
        check(
            render_editing(editor, html! { <RequestPanel /> }).await,
            &[],
            &["id=\"method-sent\""],
        );
    }

    #[derive(Properties, PartialEq)]
    struct CompareTableProps {
        comparison: nocontent_explain::compare::Comparison,
    }

    #[component]
    fn CompareTable(props: &CompareTableProps) -> Html {
        super::compare::table(&props.comparison)
    }

    /// The comparison starts closed with the statuses it will compare named on its button;
    /// open, its table has a column per status, marks the rows that differ, and shows the
    /// composed body as text.
    #[tokio::test]
    async fn the_comparison_marks_what_differs_between_statuses() {
        check(
            render::<super::compare::ComparePanel>(super::compare::CompareProps {
                scenario: scenario("delete-204"),
            })
            .await,
            &[
                "Compare 200, 204 and 205 side by side",
                "aria-expanded=\"false\"",
            ],
            &["compare-table"],
        );
        let mut s = scenario("keepalive-204-body");
        s.answer.body = "<script>x()</script>".into();
        let comparison = nocontent_explain::compare::compare(&s, &[200, 204]);
        let html = render::<CompareTable>(CompareTableProps { comparison }).await;
        check(
            html.clone(),
            &[
                "data-status=\"200\"",
                "data-status=\"204\"",
                "&lt;script&gt;x()&lt;/script&gt;",
                "<tr data-row=\"fetch()\" class=\"differs\">",
                "NO_CONTENT_WITH_BODY",
            ],
            &["<script>x()"],
        );
        // The same status twice: nothing is marked.
        let comparison = nocontent_explain::compare::compare(&s, &[204, 204]);
        let html = render::<CompareTable>(CompareTableProps { comparison }).await;
        check(html, &[], &["class=\"differs\"", "tag-differs"]);
    }

    /// A term points to its definition (a tooltip the screen reader reads as its
    /// description) and takes the focus; the glossary lists every entry.
    #[tokio::test]
    async fn terms_carry_their_definition_and_the_glossary_lists_them_all() {
        #[component]
        fn TwoTerms() -> Html {
            html! {
                <>
                    <super::glossary::Term id={nocontent_explain::glossary::LEFTOVER}>{ "leftover" }</super::glossary::Term>
                    <super::glossary::Term id={nocontent_explain::glossary::LEFTOVER}>{ "leftover" }</super::glossary::Term>
                </>
            }
        }
        let html = render::<TwoTerms>(()).await;
        let ids: Vec<&str> = html
            .split("aria-describedby=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect();
        assert_eq!(ids.len(), 2, "{html}");
        assert_ne!(ids[0], ids[1], "two tooltips share an id: {html}");
        for id in &ids {
            assert!(
                html.contains(&format!("role=\"tooltip\" id=\"{id}\""))
                    || html.contains(&format!("id=\"{id}\" role=\"tooltip\"")),
                "{html}"
            );
        }
        check(
            html,
            &[
                "tabindex=\"0\"",
                "Leftover bytes",
                "Bytes the server sent after",
            ],
            &[],
        );
        let glossary = render::<super::glossary::Glossary>(()).await;
        for id in nocontent_explain::glossary::USED {
            assert!(
                glossary.contains(&format!("id=\"glossary-{id}\"")),
                "{id} missing: {glossary}"
            );
        }
    }

    /// The answer panel offers a paste box, closed, labelled with the formats it reads, whose
    /// button waits for text.
    #[tokio::test]
    async fn the_answer_panel_offers_to_paste_a_real_response() {
        let editor = Editor {
            scenario: scenario("delete-204"),
            status_input: "204".into(),
            ..Editor::default()
        };
        let html = render_editing(editor, html! { <AnswerPanel changes={vec![]} /> }).await;
        check(
            html.clone(),
            &[
                "<summary>Paste a real response</summary>",
                "curl -i or curl -v output, raw HTTP/1.1 text, or a HAR entry",
                "id=\"paste-input\"",
            ],
            &["<details class=\"paste\" id=\"paste\" open"],
        );
        let button = html.split("id=\"paste-use\"").nth(1).unwrap_or_default();
        assert!(
            button
                .split('>')
                .next()
                .unwrap_or_default()
                .contains("disabled"),
            "{button}"
        );
    }

    /// Sent through a framework, the panel names it with the versions measured, lists what it
    /// changed and what its log showed, shows the measured handler, and takes the framing
    /// setting out of play; the choice itself shows the framework.
    #[tokio::test]
    async fn the_answer_panel_shows_what_a_framework_sent() {
        let panel = |send: nocontent_engine::scenario::SendMode| async move {
            let mut s = scenario("handler-204-json");
            s.answer.send = send;
            let x = exchange(&s);
            let changes = x.changes.clone();
            let framework_log = x.framework_log.clone();
            let editor = Editor {
                scenario: s,
                status_input: "204".into(),
                messages: Rc::new(HashMap::new()),
                ..Editor::default()
            };
            render_editing(editor, html! { <AnswerPanel {changes} {framework_log} /> }).await
        };
        use nocontent_engine::scenario::SendMode;
        check(
            panel(SendMode::Fastapi).await,
            &[
                "<option value=\"fastapi\" selected",
                "Measured with FastAPI 0.165.0",
                "What FastAPI changed or refused:",
                "h11 refused the 2-byte body",
                "Its log showed:",
                "h11._util.LocalProtocolError: Too much data for declared Content-Length",
                "The FastAPI handler that was measured (python)",
                "FastAPI frames the answer itself",
                "<select aria-describedby=\"framing-by-framework\" disabled=\"disabled\">",
            ],
            &["Sent exactly as composed", "term-conforming-server"],
        );
        check(
            panel(SendMode::Express).await,
            &[
                "What Express 5 changed or refused:",
                "res.send() empties a 204",
                "app.all(",
            ],
            &["Its log showed:", "What FastAPI changed"],
        );
        check(
            panel(SendMode::AsWritten).await,
            &["Choose a framework", "Sent exactly as composed"],
            &[
                "framework-sent",
                "frames the answer itself",
                "framing-by-framework",
            ],
        );
    }

    /// Sent as written, the panel names the framing fields the framing setting added (and the
    /// user's own text stays text inside them); with nothing added it says "exactly".
    #[tokio::test]
    async fn the_answer_panel_says_what_the_framing_added() {
        let mut s = scenario("keepalive-204-body");
        s.answer.status = 200;
        s.answer.headers = vec![];
        s.answer.framing = nocontent_engine::scenario::Framing::Auto;
        // The answer panel as the app renders it for `s`.
        let panel = |s: Scenario| async move {
            let framing_added = exchange(&s).framing_added.clone();
            let editor = Editor {
                scenario: s,
                status_input: "200".into(),
                messages: Rc::new(HashMap::new()),
                ..Editor::default()
            };
            render_editing(
                editor,
                html! { <AnswerPanel changes={vec![]} {framing_added} /> },
            )
            .await
        };
        assert_eq!(
            exchange(&s).framing_added,
            vec!["Content-Length: 5".to_string()]
        );
        check(
            panel(s.clone()).await,
            &["with what the framing setting adds: <code>Content-Length: 5</code>."],
            &["Sent exactly as composed"],
        );
        s.answer.framing = nocontent_engine::scenario::Framing::None;
        assert!(exchange(&s).framing_added.is_empty());
        check(
            panel(s).await,
            &["Sent exactly as composed, violations included."],
            &["framing setting adds"],
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

    use super::search::{Search, SearchProps};
    use crate::state::OpenedNote;

    async fn search(question: &str) -> String {
        render_editing(
            Editor::default(),
            html! { <Search ..SearchProps { question: question.to_string() } /> },
        )
        .await
    }

    /// The ids of the results in the order shown.
    fn result_ids(html: &str) -> Vec<String> {
        html.split("<button")
            .filter_map(|rest| {
                let tag = rest.split('>').next()?;
                if !tag.contains("class=\"search-result\"") {
                    return None;
                }
                let (_, after) = tag.split_once("data-id=\"")?;
                Some(after.split('"').next()?.to_string())
            })
            .collect()
    }

    /// The question of issue 14 lists the fetch json() scenario first, scenarios before notes,
    /// in a labelled search landmark whose live region says how many there are.
    #[tokio::test]
    async fn the_search_lists_the_fitting_scenario_first_and_counts_the_results() {
        let html = search("json() fails on 204").await;
        let ids = result_ids(&html);
        assert_eq!(
            ids.first().map(String::as_str),
            Some("fetch-204-json"),
            "{ids:?}"
        );
        assert!(ids.iter().any(|id| id == "fetch-json-on-204"), "{ids:?}");
        let first_note = html.find("data-kind=\"note\"").unwrap_or(usize::MAX);
        let last_scenario = html.rfind("data-kind=\"scenario\"").unwrap_or(0);
        assert!(last_scenario < first_note, "scenarios come first: {html}");
        check(
            html,
            &[
                "role=\"search\"",
                "type=\"search\"",
                "<label for=\"search-input\" class=\"search-label\">Find by question</label>",
                "id=\"search-result-0\"",
                // role=status is a polite live region; it names both counts.
                "role=\"status\" aria-live=\"polite\" class=\"search-status\">4 scenarios, 3 notes</p>",
            ],
            &[],
        );
    }

    #[tokio::test]
    async fn a_question_that_matches_nothing_says_so_and_stays_text() {
        check(
            search("<img src=x onerror=alert(1)> xyzzy").await,
            &[
                "Nothing matches",
                "&lt;img src=x onerror=alert(1)&gt; xyzzy",
            ],
            &["<img", "data-kind"],
        );
        // An empty box announces nothing and lists nothing.
        check(
            search("").await,
            &["role=\"status\" aria-live=\"polite\" class=\"search-status\"></p>"],
            &["Nothing matches", "data-kind"],
        );
    }

    /// The note chosen in the search comes first among the notes, open, with the id the
    /// search moves focus to; the others stay closed.
    #[tokio::test]
    async fn the_note_chosen_in_the_search_opens_first_among_the_notes() {
        let s = scenario("delete-204");
        let editor = Editor {
            opened_note: Some(OpenedNote {
                slug: "leftover-bytes",
                times: 1,
            }),
            ..Editor::default()
        };
        let html = render_editing(
            editor,
            html! { <FindingsPanel scenario={s.clone()} exchange={exchange(&s)} /> },
        )
        .await;
        let (_, notes) = html
            .split_once("id=\"notes\"")
            .unwrap_or_else(|| panic!("no notes: {html}"));
        let (_, first) = notes
            .split_once("<details")
            .unwrap_or_else(|| panic!("no note: {notes}"));
        let tag = first.split('>').next().unwrap_or_default();
        for attribute in [
            "id=\"note-leftover-bytes\"",
            "open",
            "class=\"note chosen\"",
        ] {
            assert!(tag.contains(attribute), "{attribute} in {tag}");
        }
        assert!(
            first.contains("<summary id=\"note-leftover-bytes-summary\">Leftover bytes"),
            "{first}"
        );
        assert_eq!(notes.matches(" open=").count(), 1, "{notes}");
        assert_eq!(notes.matches("id=\"note-leftover-bytes\"").count(), 1);
    }
}
