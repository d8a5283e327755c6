//! Prints the app's default first view as HTML, rendered natively with Yew's server-side
//! renderer. `cargo xtask dist` puts it into `dist/index.html`, so the first paint needs no
//! wasm; the app replaces it with its own render when it starts (see `nocontent::start`).

#[tokio::main(flavor = "current_thread")]
async fn main() {
    print!("{}", nocontent::prerender().await);
}
