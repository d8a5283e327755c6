//! Folders a test builds for one run (a copy of the app with an extra page, a host page on
//! another origin), removed when the test is done with them.

use std::path::Path;

use crate::error::{Context, Error};

/// A fresh, empty folder, removed when the value is dropped.
pub fn temp_dir(name: &str) -> Result<tempfile::TempDir, Error> {
    tempfile::Builder::new()
        .prefix(&format!("nocontent-{name}-"))
        .tempdir()
        .context(format!("cannot create a folder for {name}"))
}

/// Copies the files of `from` (recursively) into `to`, creating `to`.
pub fn copy_dir(from: &Path, to: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(to).context(format!("cannot create {}", to.display()))?;
    for entry in std::fs::read_dir(from).context(format!("cannot list {}", from.display()))? {
        let entry = entry.context(format!("cannot list {}", from.display()))?;
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)
                .context(format!("cannot copy {}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// Writes `text` to `path`.
pub fn write(path: &Path, text: impl AsRef<[u8]>) -> Result<(), Error> {
    std::fs::write(path, text).context(format!("cannot write {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_folders_recursively() {
        let from = temp_dir("from").unwrap();
        std::fs::create_dir(from.path().join("sub")).unwrap();
        write(&from.path().join("a.txt"), "A").unwrap();
        write(&from.path().join("sub").join("b.txt"), "B").unwrap();
        let to = temp_dir("to").unwrap();
        let copy = to.path().join("copy");
        copy_dir(from.path(), &copy).unwrap();
        assert_eq!(std::fs::read_to_string(copy.join("a.txt")).unwrap(), "A");
        assert_eq!(
            std::fs::read_to_string(copy.join("sub").join("b.txt")).unwrap(),
            "B"
        );
        assert!(copy_dir(&from.path().join("missing"), &copy).is_err());
    }
}
