//! How header names and values with control characters appear in a one-line text field.
//!
//! An `<input>` silently drops CR and LF from any value it is given, so a header value with a
//! line break (from a permalink, say) would look clean on screen and then lose its line break
//! on the next keystroke. Instead, the field shows CR, LF and NUL as the escapes `\r`, `\n` and
//! `\0`, and reads them back when typed, so the header-injection lesson can be both seen and
//! typed. A backslash is doubled only where it would otherwise start one of those escapes.

/// The text a field shows for `raw`.
pub fn visible(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => out.push_str("\\r"),
            '\n' => out.push_str("\\n"),
            '\0' => out.push_str("\\0"),
            '\\' => {
                // Doubled only when the next character would make it read as an escape; a
                // lone backslash elsewhere stays as typed.
                let next = chars.peek().copied();
                let escapes = matches!(next, Some('r' | 'n' | '0' | '\\'))
                    || matches!(next, Some('\r' | '\n' | '\0'));
                out.push_str(if escapes { "\\\\" } else { "\\" });
            }
            c => out.push(c),
        }
    }
    out
}

/// The raw text for what the user typed (or what a field shows).
pub fn typed(shown: &str) -> String {
    let mut out = String::with_capacity(shown.len());
    let mut chars = shown.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.peek().copied() {
            Some('r') => out.push('\r'),
            Some('n') => out.push('\n'),
            Some('0') => out.push('\0'),
            Some('\\') => out.push('\\'),
            // Any other backslash is just a backslash.
            _ => {
                out.push('\\');
                continue;
            }
        }
        chars.next();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn line_breaks_are_shown_and_typed_as_escapes() {
        assert_eq!(visible("a\r\nSet-Cookie: x=1"), "a\\r\\nSet-Cookie: x=1");
        assert_eq!(typed("a\\r\\nSet-Cookie: x=1"), "a\r\nSet-Cookie: x=1");
        assert_eq!(visible("nul\0"), "nul\\0");
        assert_eq!(typed("nul\\0"), "nul\0");
    }

    #[test]
    fn ordinary_backslashes_stay_as_typed() {
        assert_eq!(visible(r"C:\path"), r"C:\path");
        assert_eq!(typed(r"C:\path"), r"C:\path");
        assert_eq!(typed("end\\"), "end\\");
        // A literal backslash before r is doubled, so it does not read as CR.
        assert_eq!(visible("\\r"), "\\\\r");
        assert_eq!(typed("\\\\r"), "\\r");
        // Nothing a field shows contains a raw line break.
        assert!(!visible("x\ny\rz").contains(['\r', '\n']));
    }

    proptest! {
        #[test]
        fn reading_back_what_is_shown_gives_the_raw_text(raw in "[a-z\\\\\r\n\0 ]{0,24}") {
            prop_assert_eq!(typed(&visible(&raw)), raw.clone());
            prop_assert!(!visible(&raw).contains(['\r', '\n', '\0']));
        }
    }
}
