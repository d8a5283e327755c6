//! Build script: turns the Markdown notes in `content/notes/*.md` into static data
//! (`$OUT_DIR/notes.rs`, included by `src/notes.rs`). The parsing and its checks live in the
//! `nocontent-notes` crate; a bad note fails the build with a message naming its file.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=content/notes");
    // Cargo runs build scripts in the package root, so messages name content/notes/<file>.md.
    let (source, files) = nocontent_notes::parse::generate(std::path::Path::new("content/notes"))
        .unwrap_or_else(|e| panic!("notes: {e}"));
    for file in files {
        println!("cargo:rerun-if-changed={file}");
    }
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("notes.rs");
    std::fs::write(&out, source)
        .unwrap_or_else(|e| panic!("notes: cannot write {}: {e}", out.display()));
}
