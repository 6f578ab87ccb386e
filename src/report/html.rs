//! The HTML writer of the document model: one self-contained page with inline CSS and SVG and a
//! print stylesheet (A4, a page break before each candidate card), complete without JavaScript. A
//! Content-Security-Policy forbids every fetch, and every script unless the page has the weight
//! sliders.
//!
//! Every string is made inert ([`crate::inert`]: no control or bidirectional character acts) and
//! goes through `html_escape` here and nowhere else (`text`, `attr`); the data the slider script
//! reads is JSON with `<`, `>`, `&`, U+2028 and U+2029 escaped, inside a non-executed
//! `<script type="application/json">`, and its scores travel as the hex digits of their IEEE 754
//! bits, so that the page re-ranks on exactly the numbers `profilmatch score` ranks on without
//! printing a long decimal anywhere.

use std::fmt::Write as _;

use std::borrow::Cow;

use serde::Serialize;

use super::doc::{Block, Cell, Chart, Inline, Row, Slider, Table, Tone};
use super::svg;

const CSS: &str = include_str!("report.css");

/// Text for an HTML text node: inert, then escaped.
fn text(value: &str) -> String {
    html_escape::encode_text(&crate::inert::inert(value)).into_owned()
}

/// Text for a double-quoted attribute: inert, then escaped.
fn attr(value: &str) -> String {
    html_escape::encode_double_quoted_attribute(&crate::inert::inert(value)).into_owned()
}
const SCRIPT: &str = include_str!("weights.js");

/// What the page's `<head>` says.
#[derive(Debug, Clone)]
pub struct Head<'a> {
    /// The BCP 47 language tag.
    pub lang: &'a str,
    /// The title.
    pub title: &'a str,
    /// The generator (`profilmatch x.y.z`).
    pub generator: &'a str,
}

/// A whole page: the head, the blocks, a footer line, and the slider script with its data when
/// there is one.
pub fn page(head: &Head<'_>, blocks: &[Block], footer: &str, script_data: Option<&str>) -> String {
    let mut s = String::with_capacity(64 * 1024);
    let script_policy = if script_data.is_some() { "'unsafe-inline'" } else { "'none'" };
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src {script_policy}; img-src data:; base-uri 'none'; form-action 'none'\">\n\
<meta name=\"generator\" content=\"{}\">\n<title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n",
        attr(head.lang),
        attr(head.generator),
        text(head.title)
    );
    write_blocks(&mut s, blocks);
    let _ = writeln!(s, "<footer><p>{}</p></footer>", text(footer));
    if let Some(data) = script_data {
        let _ = write!(
            s,
            "<script type=\"application/json\" id=\"report-data\">{data}</script>\n<script>\n{SCRIPT}</script>\n"
        );
    }
    s.push_str("</body>\n</html>\n");
    s
}

/// Writes blocks.
pub fn write_blocks(s: &mut String, blocks: &[Block]) {
    for b in blocks {
        block(s, b);
    }
}

fn block(s: &mut String, b: &Block) {
    match b {
        Block::Banner { kicker, title, subtitle, facts } => banner(s, kicker, title, subtitle, facts),
        Block::Contents { label, items } => {
            let _ = write!(s, "<nav class=\"toc no-print\" aria-label=\"{}\"><ol>", attr(label));
            for (id, title) in items {
                let _ = write!(s, "<li><a href=\"#{}\">{}</a></li>", attr(id), text(title));
            }
            s.push_str("</ol></nav>\n");
        }
        Block::Section { id, title, blocks } => {
            let _ = writeln!(s, "<section id=\"{}\">\n<h2>{}</h2>", attr(id), text(title));
            write_blocks(s, blocks);
            s.push_str("</section>\n");
        }
        Block::Card { id, badge, title, total, blocks } => {
            let _ = writeln!(
                s,
                "<article class=\"card\" id=\"{}\">\n<header><span class=\"badge\">{}</span><h3>{}</h3><span class=\"total\">{} <small>{}</small></span></header>",
                attr(id),
                text(badge),
                text(title),
                text(&total.0),
                text(&total.1)
            );
            write_blocks(s, blocks);
            s.push_str("</article>\n");
        }
        Block::Heading(level, content) => {
            let level = (*level).clamp(3, 4);
            let _ = writeln!(s, "<h{level}>{}</h{level}>", inlines(content));
        }
        Block::Paragraph(content) => {
            let _ = writeln!(s, "<p>{}</p>", inlines(content));
        }
        Block::Notice(tone, content) => {
            let class = match tone {
                Tone::Info => "notice info",
                Tone::Warning => "notice warn",
            };
            let _ = writeln!(s, "<p class=\"{class}\">{}</p>", inlines(content));
        }
        Block::List(items) => {
            s.push_str("<ul>");
            for item in items {
                let _ = write!(s, "<li>{}</li>", inlines(item));
            }
            s.push_str("</ul>\n");
        }
        Block::Table(t) => table(s, t),
        Block::Details { summary, blocks } => {
            let _ = writeln!(s, "<details><summary>{}</summary>", inlines(summary));
            write_blocks(s, blocks);
            s.push_str("</details>\n");
        }
        Block::Chart(chart) => figure(s, chart),
        Block::Checklist(items) => {
            s.push_str("<ul class=\"checklist\">");
            for (ticked, item) in items {
                let (mark, class) = if *ticked { ("☑", "box done") } else { ("☐", "box") };
                let _ =
                    write!(s, "<li><span class=\"{class}\" aria-hidden=\"true\">{mark}</span> {}</li>", inlines(item));
            }
            s.push_str("</ul>\n");
        }
        Block::Definitions(items) => {
            s.push_str("<dl class=\"record\">");
            for (term, description) in items {
                let _ = write!(s, "<dt>{}</dt><dd>{}</dd>", text(term), inlines(description));
            }
            s.push_str("</dl>\n");
        }
        Block::Sliders { title, intro, sliders, reset } => slider_panel(s, title, intro, sliders, reset),
        Block::WeightsState(state) => {
            let _ = writeln!(s, "<p id=\"weights-state\" class=\"state\">{}</p>", text(state));
        }
    }
}

fn banner(s: &mut String, kicker: &str, title: &str, subtitle: &str, facts: &[(String, String)]) {
    let _ = write!(
        s,
        "<header class=\"top\">\n<p class=\"kicker\">{}</p>\n<h1>{}</h1>\n<p class=\"org\">{}</p>\n<dl class=\"facts\">",
        text(kicker),
        text(title),
        text(subtitle)
    );
    for (label, value) in facts {
        let _ = write!(s, "<div><dt>{}</dt><dd>{}</dd></div>", text(label), text(value));
    }
    s.push_str("</dl>\n</header>\n");
}

/// Inline content as HTML.
pub fn inlines(content: &[Inline]) -> String {
    let mut s = String::new();
    for i in content {
        match i {
            Inline::Text(t) => s.push_str(&text(t)),
            Inline::Strong(t) => {
                let _ = write!(s, "<strong>{}</strong>", text(t));
            }
            Inline::Em(t) => {
                let _ = write!(s, "<em>{}</em>", text(t));
            }
            Inline::Quote(t) => {
                let _ = write!(s, "<q>{}</q>", text(t));
            }
            Inline::Code(t) => {
                let _ = write!(s, "<code>{}</code>", text(t));
            }
            Inline::Bars(scores, titles) => s.push_str(&svg::mini_bars(scores, titles)),
            Inline::Break => s.push_str("<br>"),
        }
    }
    s
}

fn table(s: &mut String, t: &Table) {
    let id = t.id.map(|id| format!(" id=\"{}\"", attr(id))).unwrap_or_default();
    let _ = write!(s, "<table{id} class=\"{}\"><thead><tr>", attr(t.class));
    for (i, h) in t.head.iter().enumerate() {
        let class = if t.numeric.get(i) == Some(&true) { " class=\"num\"" } else { "" };
        let _ = write!(s, "<th{class}>{}</th>", inlines(&h.content));
    }
    s.push_str("</tr></thead><tbody>\n");
    for row in &t.rows {
        table_row(s, t, row);
    }
    s.push_str("</tbody></table>\n");
}

fn table_row(s: &mut String, t: &Table, row: &Row) {
    s.push_str("<tr");
    if let Some(key) = &row.key {
        let _ = write!(s, " data-id=\"{}\"", attr(key));
    }
    if let Some(class) = row.class {
        let _ = write!(s, " class=\"{}\"", attr(class));
    }
    s.push('>');
    for (i, cell) in row.cells.iter().enumerate() {
        let _ = write!(s, "<td{}>{}</td>", cell_class(t, i, cell), inlines(&cell.content));
    }
    s.push_str("</tr>\n");
}

fn cell_class(t: &Table, i: usize, cell: &Cell) -> String {
    let numeric = t.numeric.get(i) == Some(&true);
    match (cell.class, numeric) {
        (Some(c), true) => format!(" class=\"num {}\"", attr(c)),
        (Some(c), false) => format!(" class=\"{}\"", attr(c)),
        (None, true) => " class=\"num\"".to_string(),
        (None, false) => String::new(),
    }
}

fn figure(s: &mut String, chart: &Chart) {
    let svg = svg::competency_chart(
        &chart.title,
        &chart.labels,
        &chart.scores,
        &chart.averages,
        &chart.values,
        (&chart.legend.0, &chart.legend.1),
    );
    let _ = writeln!(s, "<figure>{svg}<figcaption>{}</figcaption></figure>", text(&chart.caption));
}

fn slider_panel(s: &mut String, title: &str, intro: &str, sliders: &[Slider], reset: &str) {
    // Hidden until the script shows it: without JavaScript, and in print, it is not there.
    let _ = write!(
        s,
        "<section id=\"weights\" class=\"no-print\" hidden>\n<h2>{}</h2>\n<p>{}</p>\n<div class=\"sliders\">\n",
        text(title),
        text(intro)
    );
    let max = sliders.iter().map(|c| c.weight).fold(10.0_f64, f64::max).ceil();
    let halves = sliders.iter().all(|c| (c.weight * 2.0).fract() == 0.0);
    let step = if halves { "0.5" } else { "any" };
    for (i, c) in sliders.iter().enumerate() {
        let _ = writeln!(
            s,
            "<label class=\"slider\"><span class=\"slabel\">{}</span><input type=\"range\" id=\"weight-{i}\" data-competency=\"{}\" min=\"0\" max=\"{max}\" step=\"{step}\" value=\"{}\"><output id=\"weight-value-{i}\">{}</output></label>",
            text(&c.label),
            attr(&c.id),
            c.weight,
            text(&c.shown)
        );
    }
    let _ = write!(s, "</div>\n<button type=\"button\" id=\"weights-reset\">{}</button>\n</section>\n", text(reset));
}

/// The data the slider script reads.
#[derive(Debug, Serialize)]
pub struct ScriptData<'a> {
    /// Competencies: id, label and weight.
    pub competencies: Vec<ScriptCompetency<'a>>,
    /// Every applicant in rank order.
    pub applicants: Vec<ScriptApplicant<'a>>,
    /// The shortlist length asked for.
    pub shortlist: usize,
    /// Whether the tables have a name column.
    pub names: bool,
    /// Whether numbers are written with a decimal comma.
    #[serde(rename = "decimalComma")]
    pub decimal_comma: bool,
    /// Labels the script writes.
    pub labels: ScriptLabels<'a>,
    /// The core gate, recomputed under the page's weights as `score --weight` does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub core: Option<ScriptCore>,
}

/// The core gate for the script: which competencies are core, and the threshold.
#[derive(Debug, Serialize)]
pub struct ScriptCore {
    /// Core or not, per competency in rubric order.
    pub mask: Vec<bool>,
    /// `[core] min_score`.
    #[serde(rename = "minScore")]
    pub min_score: f64,
    /// The tolerance a core score is compared with ([`crate::rubric::CORE_TOLERANCE`]).
    pub tolerance: f64,
}

/// A competency for the script.
#[derive(Debug, Serialize)]
pub struct ScriptCompetency<'a> {
    /// Id, inert as the page shows it.
    pub id: Cow<'a, str>,
    /// Label, inert as the page shows it.
    pub label: Cow<'a, str>,
    /// Weight.
    pub weight: f64,
}

/// An applicant for the script.
#[derive(Debug, Serialize)]
pub struct ScriptApplicant<'a> {
    /// Id, inert as the page's rows show it (the script matches rows by `data-id`).
    pub id: Cow<'a, str>,
    /// Name, inert (never in a blind report).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Cow<'a, str>>,
    /// The competency scores, each as the 16 hex digits of its IEEE 754 bits.
    pub scores: Vec<String>,
    /// Meets every requirement.
    pub meets: bool,
    /// A requirement is not met (ranked after everyone without).
    #[serde(rename = "notMet")]
    pub not_met: bool,
}

/// Labels for the script.
#[derive(Debug, Serialize)]
pub struct ScriptLabels<'a> {
    /// Requirements met.
    pub yes: &'a str,
    /// Requirements not met.
    pub no: &'a str,
    /// "kerneområde ikke dokumenteret".
    pub core: &'a str,
    /// "ikke dokumenteret – vurdér manuelt".
    pub check: &'a str,
    /// "The tables show adjusted weights:".
    pub adjusted: &'a str,
    /// "At least one weight must be above 0."
    #[serde(rename = "allZero")]
    pub all_zero: &'a str,
    /// "The tables show the rubric's weights."
    #[serde(rename = "rubricWeights")]
    pub rubric_weights: &'a str,
}

/// A score as the script receives it: the hex digits of its bits, exact and not a decimal.
pub fn score_bits(score: f64) -> String {
    format!("{:016x}", score.to_bits())
}

/// The script data as JSON that is safe inside a `<script>` element.
pub fn script_json(data: &ScriptData<'_>) -> String {
    script_safe(&serde_json::to_string(data).unwrap_or_else(|_| "{}".into()))
}

/// Makes JSON safe to embed in a `<script>` element: no `</script>`, `<!--`, or line terminators
/// that older JavaScript parsers reject. The escapes are valid JSON string escapes, and `<`, `>`
/// and `&` occur in JSON text only inside strings.
pub fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_json_cannot_close_the_script() {
        let json = serde_json::to_string(&"</script><!-- & \u{2028}").unwrap_or_default();
        let safe = script_safe(&json);
        assert_eq!(safe, r#""\u003c/script\u003e\u003c!-- \u0026 \u2028""#);
        // Still the same string when parsed.
        assert_eq!(serde_json::from_str::<String>(&safe).ok().as_deref(), Some("</script><!-- & \u{2028}"));
    }

    #[test]
    fn scores_travel_as_their_bits() {
        // 64.28571428571429 (= 450/7) keeps every bit; 100 is 0x4059000000000000 in IEEE 754.
        let score = 450.0 / 7.0;
        assert_eq!(f64::from_bits(u64::from_str_radix(&score_bits(score), 16).unwrap()), score);
        assert_eq!(score_bits(100.0), "4059000000000000");
    }

    #[test]
    fn every_string_is_escaped() {
        let blocks = vec![
            Block::Paragraph(vec![Inline::Text("<b>".into()), Inline::Quote("\"x\" & <y>".into())]),
            Block::Table(Table {
                id: Some("t"),
                class: "c",
                head: vec![Cell::plain("<h>")],
                numeric: vec![true],
                rows: vec![Row { key: Some("\"><script>".into()), class: None, cells: vec![Cell::plain("<td>")] }],
            }),
        ];
        let mut s = String::new();
        write_blocks(&mut s, &blocks);
        assert!(!s.contains("<b>") && !s.contains("<script>") && !s.contains("<y>"), "{s}");
        assert!(s.contains("<q>\"x\" &amp; &lt;y&gt;</q>"));
        assert!(s.contains("data-id=\"&quot;&gt;&lt;script&gt;\""));
    }
}
