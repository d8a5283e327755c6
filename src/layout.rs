//! The page frame: header and the four regions every view of the playground fills in.

use nocontent_engine::{PRODUCT, TAGLINE};
use yew::prelude::*;

/// One region of the playground, in reading order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Region {
    Request,
    Answer,
    Response,
    Browser,
}

impl Region {
    pub const ALL: [Region; 4] = [
        Region::Request,
        Region::Answer,
        Region::Response,
        Region::Browser,
    ];

    /// The element id, used by the stylesheet's grid and by the browser tests.
    pub fn id(self) -> &'static str {
        match self {
            Region::Request => "request",
            Region::Answer => "answer",
            Region::Response => "response",
            Region::Browser => "browser",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Region::Request => "Request",
            Region::Answer => "Server answer",
            Region::Response => "Response",
            Region::Browser => "Browser outcomes & notes",
        }
    }

    /// What the region will hold, shown while it is still empty.
    pub fn empty_text(self) -> &'static str {
        match self {
            Region::Request => {
                "Compose a method, target, headers and body, and pick the client that sends it."
            }
            Region::Answer => {
                "Choose how the server answers: 200, 201, 204, 205, 304 or any other status."
            }
            Region::Response => {
                "The response with its raw HTTP/1.1 bytes and how its length was decided."
            }
            Region::Browser => {
                "What fetch, XHR, forms, iframes, sendBeacon and the cache do with it, and why."
            }
        }
    }
}

#[component]
pub fn App() -> Html {
    html! {
        <div class="shell">
            <header class="masthead">
                <h1 class="brand">{ PRODUCT }</h1>
                <p class="tagline">{ TAGLINE }</p>
            </header>
            <div class="regions">
                { for Region::ALL.iter().map(|r| html! { <RegionPanel region={*r} /> }) }
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct RegionProps {
    region: Region,
}

#[component]
fn RegionPanel(props: &RegionProps) -> Html {
    let r = props.region;
    let heading = format!("{}-title", r.id());
    html! {
        <section id={r.id()} class="region" aria-labelledby={heading.clone()}>
            <h2 id={heading}>{ r.title() }</h2>
            <p class="empty">{ r.empty_text() }</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn render() -> String {
        yew::LocalServerRenderer::<App>::new().render().await
    }

    #[tokio::test]
    async fn renders_name_tagline_and_every_region() {
        let html = render().await;
        assert!(html.contains(PRODUCT), "{html}");
        assert!(html.contains(TAGLINE), "{html}");
        for r in Region::ALL {
            assert!(
                html.contains(&format!("id=\"{}\"", r.id())),
                "missing region {}: {html}",
                r.id()
            );
            // The renderer escapes text, so "&" arrives as "&amp;".
            let title = r.title().replace('&', "&amp;");
            assert!(html.contains(&title), "missing title {title}: {html}");
        }
    }
}
