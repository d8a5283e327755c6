//! `cargo run -p nocontent-e2e --bin bench -- --app DIR --counter DIR [--loads N] [--edits N]
//! [--memory-edits N]`: the bench of `cargo xtask bench`, which builds both folders first and
//! then runs this (see `nocontent_e2e::bench`). `--check` only checks the options.

use std::process::ExitCode;

use nocontent_e2e::bench;

#[tokio::main(flavor = "multi_thread")]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match bench::parse_args(&args) {
        Ok(options) if options.check => Ok(()),
        Ok(options) => bench::run(&options).await.map(|_| ()),
        Err(e) => Err(e),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
