//! The Markdown writer of the document model (CommonMark with GitHub tables and task lists): the
//! same content as the HTML, charts as tables, sliders left out, for a wiki or an e-mail. Every
//! string goes through [`escape`] here and nowhere else, so `[x](javascript:alert(1))`,
//! `<script>` or `a | b` render as text.

use std::fmt::Write as _;

use super::doc::{Block, Chart, Inline, Table, Tone};

/// Escapes text for Markdown: a backslash before every character that can start inline markup
/// (links and images `[` `]` `!`, emphasis `*` `_` `~`, code `` ` ``, HTML and autolinks `<` `>`,
/// entities `&`, table cells `|`, headings `#`, and `\` itself), and line breaks as spaces so a
/// value stays on its line and in its table cell. Values are never put at the start of a line,
/// so list and heading markers (`-`, `+`, `1.`, `=`) need no escape; `(` is harmless once `[`
/// and `]` are escaped. Control and format characters are made inert first ([`crate::inert`]).
pub fn escape(text: &str) -> String {
    let text = crate::inert::inert(text);
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A whole document: the blocks and a closing line.
pub fn document(blocks: &[Block], footer: &str) -> String {
    let mut s = String::with_capacity(32 * 1024);
    write_blocks(&mut s, blocks, 2);
    let _ = writeln!(s, "*{}*", escape(footer));
    s
}

/// Writes blocks; `level` is the heading level of a section.
pub fn write_blocks(s: &mut String, blocks: &[Block], level: usize) {
    for b in blocks {
        block(s, b, level);
    }
}

fn block(s: &mut String, b: &Block, level: usize) {
    match b {
        Block::Banner { kicker, title, subtitle, facts } => {
            let _ = writeln!(s, "# {}\n\n*{}*\n\n{}\n", escape(title), escape(kicker), escape(subtitle));
            if !facts.is_empty() {
                s.push_str("| | |\n|---|---|\n");
                for (label, value) in facts {
                    let _ = writeln!(s, "| {} | {} |", escape(label), escape(value));
                }
                s.push('\n');
            }
        }
        Block::Contents { .. } | Block::Sliders { .. } => {}
        Block::Section { title, blocks, .. } => {
            let _ = writeln!(s, "{} {}\n", "#".repeat(level), escape(title));
            write_blocks(s, blocks, level + 1);
        }
        Block::Card { badge, title, total, blocks, .. } => {
            let _ = writeln!(
                s,
                "{} {} {} ({} {})\n",
                "#".repeat(level),
                escape(badge),
                escape(title),
                escape(&total.1),
                escape(&total.0)
            );
            write_blocks(s, blocks, level + 1);
        }
        Block::Heading(_, content) => {
            let _ = writeln!(s, "{} {}\n", "#".repeat(level.min(6)), inlines(content));
        }
        Block::Paragraph(content) | Block::Notice(Tone::Info, content) => {
            let prefix = if matches!(b, Block::Notice(..)) { "> " } else { "" };
            let _ = writeln!(s, "{prefix}{}\n", inlines(content));
        }
        Block::Notice(Tone::Warning, content) => {
            let _ = writeln!(s, "> **!** {}\n", inlines(content));
        }
        Block::List(items) => {
            for item in items {
                let _ = writeln!(s, "- {}", inlines(item));
            }
            s.push('\n');
        }
        Block::Table(t) => table(s, t),
        Block::Details { summary, blocks } => {
            // A folded block in GitHub's Markdown; the summary is HTML there, so HTML-escaped.
            let plain = html_escape::encode_text(&crate::inert::inert(&plain_text(summary))).into_owned();
            let _ = writeln!(s, "<details><summary>{plain}</summary>\n");
            write_blocks(s, blocks, level);
            s.push_str("</details>\n\n");
        }
        Block::Chart(chart) => chart_table(s, chart),
        Block::Checklist(items) => {
            for (ticked, item) in items {
                let _ = writeln!(s, "- [{}] {}", if *ticked { "x" } else { " " }, inlines(item));
            }
            s.push('\n');
        }
        Block::Definitions(items) => {
            s.push_str("| | |\n|---|---|\n");
            for (term, description) in items {
                let _ = writeln!(s, "| {} | {} |", escape(term), inlines(description).replace("  \n", " "));
            }
            s.push('\n');
        }
        Block::WeightsState(state) => {
            let _ = writeln!(s, "{}\n", escape(state));
        }
    }
}

/// Inline content as Markdown.
pub fn inlines(content: &[Inline]) -> String {
    let mut s = String::new();
    for i in content {
        match i {
            Inline::Text(t) => s.push_str(&escape(t)),
            Inline::Strong(t) if !t.trim().is_empty() => {
                let _ = write!(s, "**{}**", escape(t.trim()));
            }
            Inline::Em(t) if !t.trim().is_empty() => {
                let _ = write!(s, "*{}*", escape(t.trim()));
            }
            Inline::Strong(t) | Inline::Em(t) => s.push_str(&escape(t)),
            Inline::Quote(t) => {
                let _ = write!(s, "“{}”", escape(t));
            }
            Inline::Code(t) => s.push_str(&code(t)),
            Inline::Bars(scores, _) => {
                let values: Vec<String> = scores.iter().map(|v| format!("{v:.0}")).collect();
                s.push_str(&values.join(" · "));
            }
            Inline::Break => s.push_str("  \n"),
        }
    }
    s
}

/// A code span that holds any text: fenced with one more backtick than the longest run inside.
fn code(t: &str) -> String {
    let t: String = t.chars().map(|c| if c == '\n' || c == '\r' || c == '|' { ' ' } else { c }).collect();
    let longest = t.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if t.starts_with('`') || t.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{t}{pad}{fence}")
}

fn plain_text(content: &[Inline]) -> String {
    content
        .iter()
        .map(|i| match i {
            Inline::Text(t) | Inline::Strong(t) | Inline::Em(t) | Inline::Quote(t) | Inline::Code(t) => t.clone(),
            Inline::Bars(..) => String::new(),
            Inline::Break => " ".into(),
        })
        .collect()
}

fn table(s: &mut String, t: &Table) {
    let head: Vec<String> = t.head.iter().map(|c| inlines(&c.content)).collect();
    let _ = writeln!(s, "| {} |", head.join(" | "));
    let align: Vec<&str> =
        (0..t.head.len()).map(|i| if t.numeric.get(i) == Some(&true) { "---:" } else { "---" }).collect();
    let _ = writeln!(s, "|{}|", align.join("|"));
    for row in &t.rows {
        let cells: Vec<String> = row.cells.iter().map(|c| inlines(&c.content).replace("  \n", " ")).collect();
        let _ = writeln!(s, "| {} |", cells.join(" | "));
    }
    s.push('\n');
}

fn chart_table(s: &mut String, chart: &Chart) {
    let _ = writeln!(
        s,
        "| {} | {} | {} |\n|---|---:|---:|",
        escape(&chart.competency),
        escape(&chart.legend.0),
        escape(&chart.legend.1)
    );
    for (i, label) in chart.labels.iter().enumerate() {
        let value = chart.values.get(i).map(String::as_str).unwrap_or("");
        let average = chart.average_values.get(i).map(String::as_str).unwrap_or("");
        let _ = writeln!(s, "| {} | {} | {} |", escape(label), escape(value), escape(average));
    }
    s.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_applicant_text_is_escaped() {
        assert_eq!(escape("[x](javascript:alert(1))"), r"\[x\](javascript:alert(1))");
        assert_eq!(escape("a | b"), r"a \| b");
        assert_eq!(escape("<script>*_`"), r"\<script\>\*\_\`");
        assert_eq!(escape("line\nbreak"), "line break");
    }

    #[test]
    fn code_spans_hold_backticks_and_pipes() {
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x`"), "`` `x` ``");
        assert_eq!(code("a|b"), "`a b`");
    }
}
