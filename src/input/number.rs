//! Numbers as Danish and English spreadsheets write them.
//!
//! After trimming, spaces, no-break spaces (U+00A0) and narrow no-break spaces (U+202F) group
//! thousands, and `-` or `−` (U+2212) is a minus. If both `.` and `,` occur, the last one is the
//! decimal mark and the other groups thousands; a mark that occurs more than once groups thousands;
//! a single `,` is a decimal mark; a single `.` is a decimal mark, except in decimal-comma mode
//! where a `.` followed by exactly three digits groups thousands. Anything else (`NaN`, `inf`,
//! `1e3`, `12 år`) is not a number.

/// Why a cell is not a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberError {
    /// The cell is empty or only whitespace.
    Blank,
    /// The cell holds something that is not a number in any accepted form.
    Invalid,
}

/// Parses a cell as a number. `decimal_comma` turns on decimal-comma mode (`2.400` is 2400).
///
/// ```
/// use profilmatch::input::parse_number;
/// assert_eq!(parse_number("1.234,5", true), Ok(1234.5));
/// assert_eq!(parse_number("1,234.5", false), Ok(1234.5));
/// assert_eq!(parse_number("12,5", false), Ok(12.5));
/// assert_eq!(parse_number("2.400", true), Ok(2400.0));
/// assert_eq!(parse_number("2.400", false), Ok(2.4));
/// assert!(parse_number("NaN", false).is_err());
/// ```
pub fn parse_number(cell: &str, decimal_comma: bool) -> Result<f64, NumberError> {
    let trimmed = cell.trim();
    if trimmed.is_empty() {
        return Err(NumberError::Blank);
    }
    let (negative, rest) = split_sign(trimmed);
    let digits: String = rest.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}')).collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
        return Err(NumberError::Invalid);
    }
    if !digits.chars().any(|c| c.is_ascii_digit()) {
        return Err(NumberError::Invalid);
    }
    let plain = canonical(&digits, decimal_comma).ok_or(NumberError::Invalid)?;
    let value: f64 = plain.parse().map_err(|_| NumberError::Invalid)?;
    if !value.is_finite() {
        return Err(NumberError::Invalid);
    }
    Ok(if negative { -value } else { value })
}

fn split_sign(text: &str) -> (bool, &str) {
    if let Some(rest) = text.strip_prefix('-').or_else(|| text.strip_prefix('\u{2212}')) {
        (true, rest.trim_start())
    } else if let Some(rest) = text.strip_prefix('+') {
        (false, rest.trim_start())
    } else {
        (false, text)
    }
}

/// Rewrites digits with `.`/`,` marks into Rust's float syntax (one `.` decimal mark at most).
fn canonical(digits: &str, decimal_comma: bool) -> Option<String> {
    let dots = digits.matches('.').count();
    let commas = digits.matches(',').count();
    let decimal = match (dots, commas) {
        (0, 0) => None,
        (_, 0) if dots > 1 => None,
        (0, _) if commas > 1 => None,
        (1, 0) if decimal_comma && digits_after(digits, '.') == 3 => None,
        (1, 0) => Some('.'),
        (0, 1) => Some(','),
        _ => Some(if digits.rfind('.') > digits.rfind(',') { '.' } else { ',' }),
    };
    let mut out = String::with_capacity(digits.len());
    let mut seen_decimal = false;
    for c in digits.chars() {
        match c {
            '0'..='9' => out.push(c),
            _ if Some(c) == decimal => {
                // The decimal mark must occur once and after every grouping mark.
                if seen_decimal {
                    return None;
                }
                seen_decimal = true;
                out.push('.');
            }
            _ if seen_decimal => return None,
            _ => {}
        }
    }
    Some(out)
}

fn digits_after(digits: &str, mark: char) -> usize {
    digits.rsplit(mark).next().map_or(0, str::len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_forms() {
        assert_eq!(parse_number("12,5", false), Ok(12.5));
        assert_eq!(parse_number("1.234,5", false), Ok(1234.5));
        assert_eq!(parse_number("1,234.5", false), Ok(1234.5));
        assert_eq!(parse_number("2 400", false), Ok(2400.0));
        assert_eq!(parse_number("2.400", true), Ok(2400.0));
        assert_eq!(parse_number("2.400", false), Ok(2.4));
        assert_eq!(parse_number("1.234.567", false), Ok(1_234_567.0));
        assert_eq!(parse_number("1,234,567", true), Ok(1_234_567.0));
        assert_eq!(parse_number(" 7,5", true), Ok(7.5));
        assert_eq!(parse_number("\u{2212}5", false), Ok(-5.0));
        assert_eq!(parse_number("-5", false), Ok(-5.0));
        assert_eq!(parse_number("1\u{a0}234,5", true), Ok(1234.5));
        assert_eq!(parse_number("1\u{202f}234", false), Ok(1234.0));
        assert_eq!(parse_number("1.5", true), Ok(1.5));
        assert_eq!(parse_number("1.2345", true), Ok(1.2345));
    }

    #[test]
    fn not_numbers() {
        for cell in ["NaN", "inf", "1e3", "1e400", "12 år", "-", ".", "1,2.3,4", "1.2,3.4", "abc"] {
            assert_eq!(parse_number(cell, false), Err(NumberError::Invalid), "{cell:?}");
        }
        assert_eq!(parse_number("  ", false), Err(NumberError::Blank));
    }
}
