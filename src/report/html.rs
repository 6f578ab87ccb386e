//! The report as one self-contained HTML file: inline CSS, inline SVG charts, a print stylesheet
//! (A4, a page break before each candidate card), and an inline script for the weight sliders.
//! The page is complete without JavaScript; a Content-Security-Policy forbids every fetch.
//!
//! Every applicant-written or rubric-written string is made inert ([`crate::inert`]) and goes
//! through `html_escape` ([`text`], [`attr`]); the data the
//! script reads is JSON with `<`, `>`, `&`, U+2028 and U+2029 escaped, inside a non-executed
//! `<script type="application/json">`.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

use serde::Serialize;

use super::i18n::Texts;
use super::{Card, Entry, Report, Why, svg};
use crate::inert::inert;
use crate::output::number;

const CSS: &str = include_str!("report.css");

/// Text for an HTML text node: inert (no control or bidirectional character acts), then escaped.
fn text(value: &str) -> String {
    html_escape::encode_text(&inert(value)).into_owned()
}

/// Text for a double-quoted attribute: inert, then escaped.
fn attr(value: &str) -> String {
    html_escape::encode_double_quoted_attribute(&inert(value)).into_owned()
}
const SCRIPT: &str = include_str!("weights.js");

/// Writes the HTML report.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(page(report).as_bytes())
}

fn num(t: &Texts, value: f64) -> String {
    t.decimal(&number(value))
}

fn fixed1(t: &Texts, value: f64) -> String {
    t.decimal(&format!("{value:.1}"))
}

fn rank_label(entry: &Entry) -> String {
    if entry.tied { format!("{}=", entry.rank) } else { entry.rank.to_string() }
}

fn display_name(report: &Report, entry: &Entry) -> String {
    match &entry.name {
        Some(name) if !report.blind && !name.is_empty() => format!("{} · {}", entry.id, name),
        _ => entry.id.clone(),
    }
}

/// The whole page.
pub fn page(report: &Report) -> String {
    let t = report.lang.texts();
    let mut s = String::with_capacity(64 * 1024);
    let title = format!("{}: {}", t.report_title, report.meta.title);
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n\
<meta name=\"generator\" content=\"{}\">\n<title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n",
        report.lang.tag(),
        attr(&report.run.version),
        text(&title)
    );
    header(&mut s, report, t);
    contents(&mut s, report, t);
    // The committee's questions first (who, and why), then how the method works.
    weights_panel(&mut s, report, t);
    shortlist(&mut s, report, t);
    cards(&mut s, report, t);
    rest(&mut s, report, t);
    method(&mut s, report, t);
    if report.impact.is_some() {
        impact(&mut s, report, t);
    }
    quality(&mut s, report, t);
    run_record(&mut s, report, t);
    let _ = writeln!(s, "<footer><p>{}</p></footer>", text(t.footer));
    let _ = write!(
        s,
        "<script type=\"application/json\" id=\"report-data\">{}</script>\n<script>\n{SCRIPT}</script>\n</body>\n</html>\n",
        script_json(report)
    );
    s
}

fn header(s: &mut String, report: &Report, t: &Texts) {
    let meta = &report.meta;
    let c = &report.counts;
    let _ = write!(
        s,
        "<header class=\"top\">\n<p class=\"kicker\">{}</p>\n<h1>{}</h1>\n<p class=\"org\">{}</p>\n<dl class=\"facts\">\
<div><dt>{}</dt><dd>{} <span class=\"muted\">{} {}</span></dd></div>\
<div><dt>{}</dt><dd>{}</dd></div>\
<div><dt>{}</dt><dd class=\"big\">{}</dd></div><div><dt>{}</dt><dd class=\"big\">{}</dd></div><div><dt>{}</dt><dd class=\"big\">{}</dd></div>\
<div><dt>{}</dt><dd class=\"big\">{}</dd></div></dl>\n",
        text(t.report_title),
        text(&meta.title),
        text(&meta.organisation),
        text(t.rubric),
        text(&meta.id),
        text(t.version),
        text(&meta.version),
        text(t.date),
        text(&report.run.date),
        text(t.read),
        c.read,
        text(t.scored),
        c.scored,
        text(t.rejected),
        c.rejected,
        text(t.shortlist),
        report.shortlist_len,
    );
    if report.blind {
        let _ = writeln!(s, "<p class=\"notice\">{}</p>", text(t.blind_notice));
    }
    s.push_str("</header>\n");
}

fn contents(s: &mut String, report: &Report, t: &Texts) {
    let mut items = vec![
        ("shortlist-section", t.shortlist),
        ("cards", t.candidates),
        ("rest-section", t.rest),
        ("method", t.method),
    ];
    if report.impact.is_some() {
        items.push(("impact", t.adverse_impact));
    }
    items.push(("quality", t.data_quality));
    items.push(("run", t.run_record));
    let _ = write!(s, "<nav class=\"toc no-print\" aria-label=\"{}\"><ol>", attr(t.contents));
    for (id, label) in items {
        let _ = write!(s, "<li><a href=\"#{id}\">{}</a></li>", text(label));
    }
    s.push_str("</ol></nav>\n");
}

fn method(s: &mut String, report: &Report, t: &Texts) {
    let _ = write!(s, "<section id=\"method\">\n<h2>{}</h2>\n<p>{}</p>\n", text(t.method), text(t.method_intro));
    let _ = writeln!(
        s,
        "<table class=\"method\"><thead><tr><th>#</th><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th>{}</th></tr></thead><tbody>",
        text(t.competency),
        text(t.weight),
        text(t.share),
        text(t.source)
    );
    for (i, c) in report.competencies.iter().enumerate() {
        let criteria: Vec<String> =
            c.criteria.iter().map(|(label, share)| format!("{} ({} %)", text(label), fixed1(t, *share))).collect();
        let _ = writeln!(
            s,
            "<tr><td class=\"n\">{}</td><td><strong>{}</strong><div class=\"criteria\">{}</div></td><td class=\"num\">{}</td><td class=\"num\">{} %</td><td><q>{}</q></td></tr>",
            i + 1,
            text(&c.label),
            criteria.join(" · "),
            num(t, c.weight),
            fixed1(t, c.share),
            text(&c.source)
        );
    }
    s.push_str("</tbody></table>\n");
    let _ = writeln!(s, "<h3>{}</h3>", text(t.requirements));
    if report.requirements.is_empty() {
        let _ = writeln!(s, "<p>{}</p>", text(t.no_requirements));
    } else {
        s.push_str("<ul class=\"requirements\">");
        for r in &report.requirements {
            let _ = write!(
                s,
                "<li><strong>{}</strong> <span class=\"muted\">({})</span><br><q>{}</q></li>",
                text(&r.label),
                text(&t.at_least(&num(t, r.at_least))),
                text(&r.source)
            );
        }
        s.push_str("</ul>\n");
    }
    let _ = write!(s, "<p class=\"muted\">{}</p>\n</section>\n", text(t.strength_definition));
}

fn weights_panel(s: &mut String, report: &Report, t: &Texts) {
    // Hidden until the script shows it: without JavaScript, and in print, it is not there.
    let _ = write!(
        s,
        "<section id=\"weights\" class=\"no-print\" hidden>\n<h2>{}</h2>\n<p>{}</p>\n<div class=\"sliders\">\n",
        text(t.interactive),
        text(t.interactive_intro)
    );
    let max = report.competencies.iter().map(|c| c.weight).fold(10.0_f64, f64::max).ceil();
    let halves = report.competencies.iter().all(|c| (c.weight * 2.0).fract() == 0.0);
    let step = if halves { "0.5" } else { "any" };
    for (i, c) in report.competencies.iter().enumerate() {
        let _ = writeln!(
            s,
            "<label class=\"slider\"><span class=\"slabel\">{}. {}</span><input type=\"range\" id=\"weight-{i}\" data-competency=\"{}\" min=\"0\" max=\"{max}\" step=\"{step}\" value=\"{}\"><output id=\"weight-value-{i}\">{}</output></label>",
            i + 1,
            text(&c.label),
            attr(&c.id),
            c.weight,
            num(t, c.weight)
        );
    }
    let _ = write!(s, "</div>\n<button type=\"button\" id=\"weights-reset\">{}</button>\n</section>\n", text(t.reset));
}

fn table_head(s: &mut String, report: &Report, t: &Texts, id: &str) {
    let _ =
        write!(s, "<table id=\"{id}\" class=\"ranking\"><thead><tr><th>{}</th><th>{}</th>", text(t.rank), text(t.id));
    if !report.blind {
        let _ = write!(s, "<th>{}</th>", text(t.name));
    }
    let _ = writeln!(
        s,
        "<th class=\"num\">{}</th><th>{} <span class=\"muted\">(1–{})</span></th><th>{}</th></tr></thead><tbody>",
        text(t.total),
        text(t.profile),
        report.competencies.len(),
        text(t.meets)
    );
}

fn table_row(s: &mut String, report: &Report, t: &Texts, entry: &Entry) {
    let _ = write!(
        s,
        "<tr data-id=\"{}\"><td class=\"rank\">{}</td><td class=\"id\">{}</td>",
        attr(&entry.id),
        rank_label(entry),
        text(&entry.id)
    );
    if !report.blind {
        let _ = write!(s, "<td class=\"name\">{}</td>", text(entry.name.as_deref().unwrap_or("")));
    }
    let titles: Vec<String> = report
        .competencies
        .iter()
        .zip(&entry.scores)
        .map(|(c, score)| format!("{}: {}", c.label, fixed1(t, *score)))
        .collect();
    let (flag, class) = if entry.meets { (t.yes, "flag ok") } else { (t.no, "flag fail") };
    let _ = writeln!(
        s,
        "<td class=\"num\">{}</td><td class=\"bars\">{}</td><td class=\"{class}\" data-meets=\"{}\">{}</td></tr>",
        num(t, entry.total),
        svg::mini_bars(&entry.scores, &titles),
        u8::from(entry.meets),
        text(flag)
    );
}

fn shortlist(s: &mut String, report: &Report, t: &Texts) {
    let _ = write!(
        s,
        "<section id=\"shortlist-section\">\n<h2>{}</h2>\n<p>{}</p>\n<p id=\"weights-state\" class=\"state\">{}</p>\n",
        text(t.shortlist),
        text(&t.shortlist_size(report.shortlist_asked, report.shortlist_len)),
        text(t.rubric_weights_notice)
    );
    table_head(s, report, t, "shortlist");
    for entry in &report.ranking[..report.shortlist_len] {
        table_row(s, report, t, entry);
    }
    let _ = write!(s, "</tbody></table>\n<p class=\"muted\">{}</p>\n</section>\n", text(t.tie_note));
}

fn cards(s: &mut String, report: &Report, t: &Texts) {
    let _ = write!(s, "<section id=\"cards\">\n<h2>{}</h2>\n", text(t.candidates));
    for card in &report.cards {
        candidate(s, report, t, card);
    }
    s.push_str("</section>\n");
}

fn why_sentence(report: &Report, t: &Texts, why: &Why) -> String {
    match why {
        Why::Competency { next, lead, competency, points } => t.why_competency(
            next,
            &num(t, *lead),
            &report.competencies[*competency].label,
            &format!("{}{}", if *points >= 0.0 { "+" } else { "" }, t.decimal(&format!("{points:.2}"))),
        ),
        Why::Requirements { next } => t.why_requirements(next),
        Why::Tie { next } => t.why_tie(next),
        Why::Last => t.why_last().to_string(),
    }
}

fn candidate(s: &mut String, report: &Report, t: &Texts, card: &Card) {
    let entry = &report.ranking[card.entry];
    let _ = write!(
        s,
        "<article class=\"card\" id=\"candidate-{}\">\n<header><span class=\"badge\">{}</span><h3>{}</h3><span class=\"total\">{} <small>{}</small></span></header>\n",
        attr(&entry.id),
        rank_label(entry),
        text(&display_name(report, entry)),
        num(t, entry.total),
        text(t.total)
    );
    let _ = writeln!(
        s,
        "<p class=\"why\"><strong>{}:</strong> {}</p>",
        text(t.why),
        text(&why_sentence(report, t, &card.why))
    );
    let labels: Vec<String> =
        report.competencies.iter().enumerate().map(|(i, c)| format!("{}. {}", i + 1, c.label)).collect();
    let values: Vec<String> = entry.scores.iter().map(|v| fixed1(t, *v)).collect();
    let _ = writeln!(
        s,
        "<figure>{}<figcaption>{}</figcaption></figure>",
        svg::competency_chart(
            &format!("{} – {}", display_name(report, entry), t.chart_caption),
            &labels,
            &entry.scores,
            &report.averages,
            &values,
            (t.legend_candidate, t.legend_average),
        ),
        text(t.chart_caption)
    );
    s.push_str("<div class=\"two\">");
    for (heading, items, lost) in [(t.strongest, &card.strongest, false), (t.weakest, &card.weakest, true)] {
        let _ = write!(s, "<div><h4>{}</h4><ol class=\"points\">", text(heading));
        for p in items.iter() {
            let (value, unit) = if lost { (p.lost, t.lost) } else { (p.points, t.earned) };
            let _ = write!(
                s,
                "<li><strong>{}</strong> <span class=\"muted\">({})</span> – {} {}</li>",
                text(&p.criterion),
                text(&p.competency),
                t.decimal(&format!("{value:.2}")),
                text(unit)
            );
        }
        s.push_str("</ol></div>");
    }
    s.push_str("</div>\n");
    if let Some(st) = &card.stability {
        let pct = |v: f64| t.decimal(&format!("{:.0}", 100.0 * v));
        let _ = writeln!(
            s,
            "<p class=\"stability\"><strong>{}:</strong> {}</p>",
            text(t.stability),
            text(&t.stability_sentence(&pct(st.share), &pct(st.low), &pct(st.high), st.rank_p5.zip(st.rank_p95)))
        );
    }
    let _ = writeln!(s, "<h4>{}</h4>", text(t.failed_requirements));
    if card.failed.is_empty() {
        let _ = writeln!(s, "<p class=\"ok\">{}</p>", text(t.all_requirements_met));
    } else {
        s.push_str("<ul class=\"fail\">");
        for label in &card.failed {
            let _ = write!(s, "<li>{}</li>", text(label));
        }
        s.push_str("</ul>\n");
    }
    let _ = writeln!(s, "<h4>{}</h4>", text(t.evidence));
    if !card.evidence.is_empty() {
        let _ = write!(
            s,
            "<table class=\"evidence\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            text(t.criterion),
            text(t.term),
            text(t.field),
            text(t.quote)
        );
        for e in &card.evidence {
            let _ = write!(
                s,
                "<tr><td>{}</td><td><code>{}</code></td><td>{}</td><td><q>{}</q></td></tr>",
                text(&e.criterion),
                text(&e.term),
                text(&e.field),
                text(&e.quote)
            );
        }
        s.push_str("</tbody></table>\n");
    }
    if !card.values.is_empty() {
        let _ = write!(
            s,
            "<table class=\"values\"><thead><tr><th>{}</th><th>{}</th></tr></thead><tbody>",
            text(t.criterion),
            text(t.value)
        );
        for (criterion, value) in &card.values {
            let _ = write!(s, "<tr><td>{}</td><td>{}</td></tr>", text(criterion), text(value));
        }
        s.push_str("</tbody></table>\n");
    }
    let _ = writeln!(s, "<h4>{}</h4>", text(t.not_found));
    if card.not_found.is_empty() {
        let _ = writeln!(s, "<p>{}</p>", text(t.nothing_missing));
    } else {
        s.push_str("<ul class=\"missing\">");
        for (criterion, terms) in &card.not_found {
            let terms: Vec<String> = terms.iter().map(|m| format!("<code>{}</code>", text(m))).collect();
            let _ = write!(s, "<li><strong>{}</strong>: {}</li>", text(criterion), terms.join(", "));
        }
        s.push_str("</ul>\n");
    }
    if !card.warnings.is_empty() {
        let _ = write!(s, "<h4>{}</h4><ul class=\"warnings\">", text(t.row_warnings));
        for w in &card.warnings {
            let _ = write!(s, "<li>{}</li>", text(w));
        }
        s.push_str("</ul>\n");
    }
    s.push_str("</article>\n");
}

fn rest(s: &mut String, report: &Report, t: &Texts) {
    let _ = write!(s, "<section id=\"rest-section\">\n<h2>{}</h2>\n", text(t.rest));
    let others = &report.ranking[report.shortlist_len..];
    if others.is_empty() {
        let _ = writeln!(s, "<p>{}</p>", text(t.nobody_else));
    }
    table_head(s, report, t, "rest");
    for entry in others {
        table_row(s, report, t, entry);
    }
    s.push_str("</tbody></table>\n</section>\n");
}

fn impact(s: &mut String, report: &Report, t: &Texts) {
    let Some(impact) = &report.impact else { return };
    let _ = write!(
        s,
        "<section id=\"impact\">\n<h2>{}</h2>\n<p>{}</p>\n<p><strong>{}:</strong> <code>{}</code></p>\n",
        text(t.adverse_impact),
        text(t.impact_intro),
        text(t.group),
        text(&impact.column)
    );
    if report.blind {
        let _ = writeln!(s, "<p class=\"muted\">{}</p>", text(t.blind_groups));
    }
    for (heading, rate_label, selected_label, median) in
        [(t.by_selection, t.selection_rate, t.shortlisted, false), (t.by_median, t.median_rate, t.above_median, true)]
    {
        let _ = writeln!(s, "<h3>{}</h3>", text(heading));
        if median {
            let _ = writeln!(s, "<p>{}</p>", text(&t.median(&num(t, impact.median))));
        }
        let _ = write!(
            s,
            "<table class=\"impact\"><thead><tr><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th>{}</th></tr></thead><tbody>",
            text(t.group),
            text(t.applicants),
            text(selected_label),
            text(rate_label),
            text(t.impact_ratio),
            text(t.assessment)
        );
        for g in &impact.groups {
            let rate = if median { &g.above_median } else { &g.shortlist };
            let value = if g.value.is_empty() { t.blank_group.to_string() } else { g.value.clone() };
            let verdicts = t.verdicts(g, rate);
            let class = if rate.flagged && !g.too_small { " class=\"flagged\"" } else { "" };
            let _ = write!(
                s,
                "<tr{class}><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                text(&value),
                g.applicants,
                rate.selected,
                t.decimal(&format!("{:.3}", rate.rate)),
                rate.ratio.map(|r| t.decimal(&format!("{r:.3}"))).unwrap_or_else(|| "–".into()),
                text(&verdicts.join(", "))
            );
        }
        s.push_str("</tbody></table>\n");
    }
    s.push_str("</section>\n");
}

fn quality(s: &mut String, report: &Report, t: &Texts) {
    let _ =
        write!(s, "<section id=\"quality\">\n<h2>{}</h2>\n<h3>{}</h3>\n", text(t.data_quality), text(t.rejected_rows));
    if report.rejected.is_empty() {
        let _ = writeln!(s, "<p>{}</p>", text(t.no_rejected));
    } else {
        let _ = write!(s, "<table class=\"rejected\"><thead><tr><th>{}</th><th>{}</th>", text(t.line), text(t.reason));
        if !report.blind {
            let _ = write!(s, "<th>{}</th>", text(t.raw));
        }
        s.push_str("</tr></thead><tbody>");
        for r in &report.rejected {
            let _ = write!(s, "<tr><td class=\"num\">{}</td><td>{}</td>", r.line, text(&r.reason));
            if let Some(raw) = &r.raw {
                let _ = write!(s, "<td><code>{}</code></td>", text(raw));
            }
            s.push_str("</tr>");
        }
        s.push_str("</tbody></table>\n");
        if (report.rejected.len() as u64) < report.counts.rejected {
            let _ = writeln!(s, "<p>{}</p>", text(&t.more_rejected(report.rejected.len(), report.counts.rejected)));
        }
    }
    let _ = writeln!(s, "<h3>{}</h3>", text(t.warnings));
    if report.warnings.is_empty() {
        let _ = writeln!(s, "<p>{}</p>", text(t.no_warnings));
    } else {
        s.push_str("<ul class=\"warnings\">");
        for w in &report.warnings {
            let _ = write!(s, "<li><code>{}</code></li>", text(w));
        }
        s.push_str("</ul>\n");
        if (report.warnings.len() as u64) < report.warning_count {
            let _ = writeln!(s, "<p>{}</p>", text(&t.more_warnings(report.warnings.len(), report.warning_count)));
        }
    }
    s.push_str("</section>\n");
}

fn run_record(s: &mut String, report: &Report, t: &Texts) {
    let r = &report.run;
    let weights: Vec<String> = report.competencies.iter().map(|c| format!("{}={}", c.id, number(c.weight))).collect();
    let _ = write!(
        s,
        "<section id=\"run\">\n<h2>{}</h2>\n<dl class=\"record\">\
<dt>{}</dt><dd>{}</dd><dt>{}</dt><dd><code>{}</code><br><span class=\"hash\">SHA-256 {}</span></dd>\
<dt>{}</dt><dd><code>{}</code><br><span class=\"hash\">SHA-256 {}</span></dd>\
<dt>{}</dt><dd><code>{}</code></dd><dt>{}</dt><dd><code>{}</code></dd><dt>{}</dt><dd>{}</dd></dl>\n</section>\n",
        text(t.run_record),
        text(t.program),
        text(&r.version),
        text(t.rubric_file),
        text(&r.rubric_path),
        text(&r.rubric_sha256),
        text(t.applicant_file),
        text(&r.applicants_path),
        text(&r.applicants_sha256),
        text(t.weights_used),
        text(&weights.join(" ")),
        text(t.command),
        text(&r.command),
        text(t.time),
        text(&r.time)
    );
}

#[derive(Serialize)]
struct ScriptData<'a> {
    competencies: Vec<ScriptCompetency<'a>>,
    applicants: Vec<ScriptApplicant<'a>>,
    shortlist: usize,
    names: bool,
    #[serde(rename = "decimalComma")]
    decimal_comma: bool,
    labels: ScriptLabels<'a>,
}

#[derive(Serialize)]
struct ScriptCompetency<'a> {
    id: Cow<'a, str>,
    label: Cow<'a, str>,
    weight: f64,
}

#[derive(Serialize)]
struct ScriptApplicant<'a> {
    id: Cow<'a, str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<Cow<'a, str>>,
    scores: &'a [f64],
    meets: bool,
}

#[derive(Serialize)]
struct ScriptLabels<'a> {
    yes: &'a str,
    no: &'a str,
    adjusted: &'a str,
    #[serde(rename = "allZero")]
    all_zero: &'a str,
    #[serde(rename = "rubricWeights")]
    rubric_weights: &'a str,
}

fn script_json(report: &Report) -> String {
    let t = report.lang.texts();
    let data = ScriptData {
        competencies: report
            .competencies
            .iter()
            .map(|c| ScriptCompetency { id: inert(&c.id), label: inert(&c.label), weight: c.weight })
            .collect(),
        applicants: report
            .ranking
            .iter()
            .map(|e| ScriptApplicant {
                // As the page's own rows show them (the script matches rows by `data-id`).
                id: inert(&e.id),
                name: if report.blind { None } else { e.name.as_deref().map(inert) },
                scores: &e.scores,
                meets: e.meets,
            })
            .collect(),
        shortlist: report.shortlist_asked,
        names: !report.blind,
        decimal_comma: t.decimal("1.5") == "1,5",
        labels: ScriptLabels {
            yes: t.yes,
            no: t.no,
            adjusted: t.adjusted,
            all_zero: t.all_zero,
            rubric_weights: t.rubric_weights_notice,
        },
    };
    script_safe(&serde_json::to_string(&data).unwrap_or_else(|_| "{}".into()))
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
}
