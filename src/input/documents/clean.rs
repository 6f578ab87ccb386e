//! What page layout does to text, undone before matching: typographic ligatures (`ﬁ` for `fi`)
//! become letters, soft hyphens go, a word hyphenated at a line end is joined again, and a header
//! or footer repeated on every page is kept once, not once a page.
//!
//! Joining is careful with Danish: `økonomi-\nstyring` becomes `økonomistyring`, but
//! `børne-\nog ungeområdet` keeps its hyphen (a shared compound part before `og`, `eller`, `samt`),
//! and `HR-\nchefen` keeps it too (a hyphen after a capital or a digit is part of the word).

use super::{Extracted, Unit};

/// Words after which a line-end hyphen is a shared compound part (`børne- og`), not a break.
const CONJUNCTIONS: &[&str] = &["og", "eller", "samt", "til", "som", "and", "or", "to", "nor"];

/// Cleans every part of a document in place.
pub fn clean(document: &mut Extracted) {
    for part in &mut document.parts {
        *part = clean_text(part);
    }
    if document.unit == Unit::Page {
        if document.parts.len() >= 2 {
            drop_running_lines(&mut document.parts);
        }
        for part in &mut document.parts {
            *part = unwrap_lines(part);
        }
    }
}

/// A line at least this share of its paragraph's longest line reached the right margin: the line
/// break after it is the layout's, not the writer's.
const FULL_LINE: f64 = 0.6;

/// Marks that start a list item on a line of their own.
const ITEM_MARKS: &[char] = &['•', '·', '▪', '◦', '‣', '●', '■', '►', '▸', '✓', '✔', '-', '–', '*'];

/// Joins the lines a page layout wrapped, so that a sentence read from a PDF is one sentence, as it
/// is when the same text comes from a CSV cell or a Word paragraph: inside a paragraph, a line
/// break becomes a space when the line before it is full (at least [`FULL_LINE`] of the
/// paragraph's longest line) or the next line goes on in lowercase, unless the next line starts a
/// list item or with a year (a CV line). Paragraph breaks (blank lines) and short lines (headings, CV lines) stay.
fn unwrap_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, paragraph) in text.split("\n\n").enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        let lines: Vec<&str> = paragraph.split('\n').collect();
        let longest = lines.iter().map(|l| l.trim_end().chars().count()).max().unwrap_or(0);
        for (j, line) in lines.iter().enumerate() {
            out.push_str(line.trim_end());
            let Some(next) = lines.get(j + 1).map(|n| n.trim_start()) else { continue };
            let full = line.trim_end().chars().count() as f64 >= FULL_LINE * longest as f64;
            let first = next.chars().next();
            // A list item, or a CV line that starts with a year ("2012–2017 Økonomichef").
            let year = next.len() >= 4 && next.as_bytes()[..4].iter().all(u8::is_ascii_digit);
            let item = year || first.is_some_and(|c| ITEM_MARKS.contains(&c));
            let goes_on = first.is_some_and(|c| c.is_lowercase());
            out.push(if !item && (full || goes_on) { ' ' } else { '\n' });
        }
    }
    out
}

/// Ligatures, soft hyphens, control characters, line-end hyphenation and runs of blank lines.
pub fn clean_text(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{FB00}'..='\u{FB06}' => {
                use unicode_normalization::UnicodeNormalization;
                plain.extend(std::iter::once(c).nfkc());
            }
            '\u{00AD}' | '\u{200B}' | '\u{FEFF}' => {}
            '\r' => plain.push('\n'),
            // Form feeds, NULs and private-use glyphs of fonts without a text mapping are not text.
            '\n' | '\t' => plain.push(c),
            c if c.is_control() || ('\u{E000}'..='\u{F8FF}').contains(&c) => plain.push(' '),
            c => plain.push(c),
        }
    }
    let joined = join_hyphenated(&plain);
    squeeze_blank_lines(&joined)
}

/// Joins words hyphenated at a line end.
fn join_hyphenated(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = String::with_capacity(text.len());
    let mut carry = String::new();
    for (i, line) in lines.iter().enumerate() {
        let line = if carry.is_empty() { line.to_string() } else { std::mem::take(&mut carry) + line.trim_start() };
        let Some(next) = lines.get(i + 1) else {
            out.push_str(&line);
            break;
        };
        match hyphen_join(&line, next.trim_start()) {
            Some(kept) => carry = kept,
            None => {
                out.push_str(&line);
                out.push('\n');
            }
        }
    }
    out
}

/// When `line` ends in a hyphenated word that `next` finishes, the line as it should continue
/// (with or without its hyphen); `None` when the line break stands.
fn hyphen_join(line: &str, next: &str) -> Option<String> {
    let trimmed = line.trim_end();
    let before_hyphen = trimmed.strip_suffix('-')?;
    let last = before_hyphen.chars().next_back()?;
    let first = next.chars().next()?;
    if !last.is_alphanumeric() || !first.is_lowercase() {
        return None;
    }
    let next_word: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
    if CONJUNCTIONS.contains(&next_word.as_str()) {
        return None;
    }
    // `HR-chefen`, `2017-budgettet`: the hyphen belongs to the word.
    let keep = last.is_uppercase() || last.is_ascii_digit();
    Some(if keep { trimmed.to_string() } else { before_hyphen.to_string() })
}

/// Trailing spaces go, and two or more blank lines become one.
fn squeeze_blank_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

/// How many lines at the top and at the bottom of a page may be a running header or footer.
const EDGE_LINES: usize = 3;

/// Removes header and footer lines that repeat on at least half of the pages (two at the least),
/// compared with digits ignored, so `Side 1 af 3` and `Side 2 af 3` are the same footer. The
/// first page keeps its copy: a letterhead's name and contact details are read once.
fn drop_running_lines(pages: &mut [String]) {
    // A run of digits counts as one, so `Side 9 af 12` and `Side 10 af 12` are the same footer.
    let signature = |line: &str| -> String {
        let mut s = String::with_capacity(line.len());
        for word in line.split_whitespace() {
            if !s.is_empty() {
                s.push(' ');
            }
            for c in word.chars() {
                if !(c.is_ascii_digit() && s.ends_with('#')) {
                    s.push(if c.is_ascii_digit() { '#' } else { c });
                }
            }
        }
        s
    };
    let edges = |page: &str| -> Vec<String> {
        let lines: Vec<&str> = page.lines().filter(|l| !l.trim().is_empty()).collect();
        let top = lines.iter().take(EDGE_LINES);
        let bottom = lines.iter().rev().take(EDGE_LINES.min(lines.len().saturating_sub(EDGE_LINES)));
        let mut found: Vec<String> = top.chain(bottom).map(|l| signature(l)).collect();
        found.sort();
        found.dedup();
        found
    };
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for page in pages.iter() {
        for s in edges(page) {
            *counts.entry(s).or_default() += 1;
        }
    }
    let needed = pages.len().div_ceil(2).max(2);
    let running: std::collections::HashSet<String> = counts
        .into_iter()
        .filter(|(s, n)| *n >= needed && s.chars().any(char::is_alphanumeric))
        .map(|(s, _)| s)
        .collect();
    if running.is_empty() {
        return;
    }
    for (number, page) in pages.iter_mut().enumerate() {
        *page = strip_running(page, &running, &signature, number == 0);
    }
}

/// A page without its running lines; the first page keeps the ones it starts with.
fn strip_running(
    page: &str,
    running: &std::collections::HashSet<String>,
    signature: &dyn Fn(&str) -> String,
    first: bool,
) -> String {
    let lines: Vec<&str> = page.lines().collect();
    let content: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].trim().is_empty()).collect();
    let is_running = |i: usize| running.contains(&signature(lines[i]));
    let leading = if first { content.iter().take_while(|&&i| is_running(i)).count() } else { 0 };
    let edge: std::collections::HashSet<usize> = content
        .iter()
        .take(EDGE_LINES)
        .chain(content.iter().rev().take(EDGE_LINES))
        .copied()
        .filter(|i| !content[..leading].contains(i))
        .collect();
    let kept: Vec<&str> =
        (0..lines.len()).filter(|&i| !(edge.contains(&i) && is_running(i))).map(|i| lines[i]).collect();
    squeeze_blank_lines(&kept.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_a_page_wrapped_are_joined_and_headings_and_items_stay() {
        let page = "Erhvervserfaring\n\nSiden 2017 økonomidirektør i Vestby Kommune\n(62.000 indbyggere) og medlem af direktionen. Jeg har\nbudgetansvar.\n\nKompetencer\n• Økonomistyring\n• Ledelse af ledere";
        assert_eq!(
            unwrap_lines(page),
            "Erhvervserfaring\n\nSiden 2017 økonomidirektør i Vestby Kommune (62.000 indbyggere) og medlem af direktionen. Jeg har budgetansvar.\n\nKompetencer\n• Økonomistyring\n• Ledelse af ledere"
        );
        // Short CV lines that start in capitals are lines of their own.
        assert_eq!(
            unwrap_lines(
                "2017– Økonomidirektør, Vestby Kommune, med ansvar for hele økonomien\n2012–2017 Økonomichef\nKort"
            ),
            "2017– Økonomidirektør, Vestby Kommune, med ansvar for hele økonomien\n2012–2017 Økonomichef\nKort"
        );
    }

    #[test]
    fn hyphenated_words_are_joined_but_shared_compound_parts_are_not() {
        assert_eq!(clean_text("har omlagt økonomi-\nstyringen fra"), "har omlagt økonomistyringen fra");
        assert_eq!(clean_text("børne-\nog ungeområdet"), "børne-\nog ungeområdet");
        assert_eq!(clean_text("chefen for HR-\nchefen"), "chefen for HR-chefen");
        assert_eq!(clean_text("i 2010-\n2017"), "i 2010-\n2017");
        assert_eq!(clean_text("Vestby -\nKommune"), "Vestby -\nKommune");
    }

    #[test]
    fn ligatures_and_soft_hyphens_become_plain_letters() {
        assert_eq!(clean_text("e\u{FB00}ektivisering og \u{FB01}nans"), "effektivisering og finans");
        assert_eq!(clean_text("budget\u{00AD}ansvar"), "budgetansvar");
    }

    #[test]
    fn blank_lines_are_squeezed_and_private_glyphs_dropped() {
        assert_eq!(clean_text("a  \n\n\n\nb\u{E001}c\u{000C}"), "a\n\nb c");
    }

    #[test]
    fn running_headers_and_footers_are_kept_once() {
        let page = |n: usize, body: &str| format!("Mette Holm · CV\n\n{body}\n\nSide {n} af 10");
        let mut document = Extracted {
            unit: Unit::Page,
            parts: vec![page(1, "Erfaring med budget"), page(9, "Politisk betjening"), page(10, "Uddannelse")],
        };
        clean(&mut document);
        assert_eq!(document.parts, ["Mette Holm · CV\n\nErfaring med budget", "Politisk betjening", "Uddannelse"]);
    }

    #[test]
    fn a_single_page_keeps_its_header_and_footer() {
        let mut document = Extracted { unit: Unit::Page, parts: vec!["Mette Holm\n\nBudget\n\nSide 1 af 1".into()] };
        clean(&mut document);
        assert_eq!(document.parts, ["Mette Holm\n\nBudget\n\nSide 1 af 1"]);
    }
}
