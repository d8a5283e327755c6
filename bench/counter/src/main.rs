//! A minimal Yew counter: the baseline of `cargo xtask bench`'s load-time ratio. Built with
//! the same trunk, wasm-bindgen, wasm-opt and release profile as the app.

use yew::prelude::*;

#[function_component]
fn Counter() -> Html {
    let count = use_state(|| 0_u32);
    let add = {
        let count = count.clone();
        Callback::from(move |_| count.set(*count + 1))
    };
    // Like the app: mark the first complete render for the benchmark.
    use_effect_with((), |_| {
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let _ = p.mark("nocontent-ready");
        }
    });
    html! {
        <main>
            <h1>{ "Counter" }</h1>
            <p>{ *count }</p>
            <button onclick={add}>{ "+1" }</button>
        </main>
    }
}

fn main() {
    yew::Renderer::<Counter>::new().render();
}
