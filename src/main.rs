//! The wasm entry point: everything else lives in the library so it can be tested natively.

fn main() {
    nocontent::start();
}
