//! Text made inert for display: what an applicant (or a rubric) wrote is shown as text, never
//! acted on by a terminal, a browser's layout or a reader's eye.
//!
//! Control characters (Unicode category Cc: ESC and its cursor and hyperlink sequences, BEL, …)
//! and format characters (Cf: the bidirectional overrides and isolates such as U+202E, zero-width
//! spaces and joiners, the soft hyphen, …) are shown escaped as `\u{…}`, so that a warning cannot
//! be hidden by cursor codes, a number cannot be shown reversed, and two ids that differ only by
//! an invisible character do not look alike. Line breaks and tabs (and the Unicode line and
//! paragraph separators) become a space, so that a value stays on its line. Everything else is
//! kept as written.
//!
//! Every text output applies it: the table, `--explain`, standard error, `tune`'s tables, the
//! report (HTML and Markdown), and every diagnostic's text. JSON and CSV stay lossless (their
//! readers decode what they hold; CSV still neutralises formulas with [`neutralise`]).

use std::borrow::Cow;

use unicode_general_category::{GeneralCategory, get_general_category};

/// Prefixes a cell with `'` when a spreadsheet would otherwise run it as a formula
/// (cells starting with `=`, `+`, `-`, `@`, TAB, CR or LF).
///
/// ```
/// use profilmatch::inert::neutralise;
/// assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
/// assert_eq!(neutralise("A001"), "A001");
/// ```
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// `text` with control and format characters escaped and line breaks turned into spaces.
///
/// ```
/// use profilmatch::inert::inert;
/// assert_eq!(inert("Anna\u{1b}[2K Holm"), "Anna\\u{1b}[2K Holm");
/// assert_eq!(inert("tlf \u{202e}87654321"), "tlf \\u{202e}87654321");
/// assert_eq!(inert("linje 1\nlinje 2"), "linje 1 linje 2");
/// assert_eq!(inert("Økonomi"), "Økonomi");
/// ```
pub fn inert(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_care) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_break(c) {
            out.push(' ');
        } else if needs_care(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether a character is a control or format character, or a line or paragraph separator.
pub fn needs_care(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_control();
    }
    matches!(
        get_general_category(c),
        GeneralCategory::Control
            | GeneralCategory::Format
            | GeneralCategory::LineSeparator
            | GeneralCategory::ParagraphSeparator
    )
}

/// Whether a character is a format character (Unicode category Cf): invisible, and ignored when
/// text is compared for redaction.
pub fn is_format(c: char) -> bool {
    !c.is_ascii() && get_general_category(c) == GeneralCategory::Format
}

fn is_break(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_format_characters_are_escaped() {
        // An OSC 8 hyperlink: ESC ] 8 ; ; url BEL text ESC ] 8 ; ; BEL.
        let osc = "\u{1b}]8;;http://x.example\u{7}klik\u{1b}]8;;\u{7}";
        assert_eq!(inert(osc), "\\u{1b}]8;;http://x.example\\u{7}klik\\u{1b}]8;;\\u{7}");
        assert_eq!(inert("A0\u{200b}01"), "A0\\u{200b}01");
        assert_eq!(inert("øko\u{ad}nomi"), "øko\\u{ad}nomi");
        assert_eq!(inert("a\u{2067}b\u{2069}"), "a\\u{2067}b\\u{2069}");
        assert_eq!(inert("a\r\nb\tc\u{2028}d"), "a  b c d");
        assert_eq!(inert("\u{7f}"), "\\u{7f}");
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(inert("Mette Kjærgaard Holm, 2010–2018"), Cow::Borrowed(_)));
    }
}
