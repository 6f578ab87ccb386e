//! The field delimiter: sniffed from the first line (`, ; TAB |`, the most frequent outside
//! quotes), or Excel's `sep=` hint, and its name as shown to users.

pub(super) fn serialize_delimiter<S: serde::Serializer>(d: &u8, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&delimiter_name(*d))
}

/// A delimiter as shown to users: `,`, `;`, `TAB` or `|`.
pub fn delimiter_name(delimiter: u8) -> String {
    match delimiter {
        b'\t' => "TAB".to_string(),
        d => char::from(d).to_string(),
    }
}

/// The delimiter of a small CSV text read whole (a judgements file), as an applicant file's is
/// sniffed, and the text after Excel's `sep=` line when it has one.
pub fn sniff_small_csv(text: &str) -> (u8, &str) {
    match sniff_delimiter(text) {
        (Some(hint), _) => (hint, text.split_once('\n').map_or("", |(_, rest)| rest)),
        (None, sniffed) => (sniffed, text),
    }
}

/// Excel's `sep=` hint on the first line, and otherwise the candidate that occurs most often
/// outside quotes on the first line (`,` on a tie or when none occurs).
pub(super) fn sniff_delimiter(text: &str) -> (Option<u8>, u8) {
    let first_line = text.split(['\n', '\r']).next().unwrap_or("");
    if let Some(rest) = first_line.trim().strip_prefix("sep=").or_else(|| first_line.trim().strip_prefix("SEP="))
        && let [byte] = rest.as_bytes()
    {
        return (Some(*byte), *byte);
    }
    let candidates = [b',', b';', b'\t', b'|'];
    let mut counts = [0usize; 4];
    let mut quoted = false;
    for byte in text.bytes() {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                if let Some(i) = candidates.iter().position(|c| *c == byte) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let best = (0..4).fold(0, |best, i| if counts[i] > counts[best] { i } else { best });
    (None, candidates[best])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_the_most_frequent_delimiter_of_the_first_line() {
        assert_eq!(sniff_delimiter("a;b;c\n1,5;2;3"), (None, b';'));
        assert_eq!(sniff_delimiter("a,b\n"), (None, b','));
        assert_eq!(sniff_delimiter("a\tb\tc"), (None, b'\t'));
        assert_eq!(sniff_delimiter("\"x;y\",b,c"), (None, b','));
        assert_eq!(sniff_delimiter("sep=;\na,b"), (Some(b';'), b';'));
    }
}
