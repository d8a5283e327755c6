//! Build script: turns the Markdown notes in `content/notes/*.md` into static data
//! (`$OUT_DIR/notes.rs`, included by `src/notes.rs`). The parsing and its checks live in the
//! `nocontent-notes` crate; a bad note fails the build with a message naming its file.

// An error returned from a build script fails the build with its message, so nothing here
// needs to panic (the workspace's lints forbid it).
fn main() -> Result<(), String> {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=content/notes");
    // Cargo runs build scripts in the package root, so messages name content/notes/<file>.md.
    let (source, files) = nocontent_notes::parse::generate(std::path::Path::new("content/notes"))
        .map_err(|e| format!("notes: {e}"))?;
    for file in files {
        println!("cargo:rerun-if-changed={file}");
    }
    let out_dir = std::env::var("OUT_DIR").map_err(|e| format!("OUT_DIR: {e}"))?;
    let out = std::path::Path::new(&out_dir).join("notes.rs");
    std::fs::write(&out, source).map_err(|e| format!("notes: cannot write {}: {e}", out.display()))
}
