//! The report as Markdown (CommonMark with GitHub tables): the same content as the HTML without
//! charts or sliders, for a wiki or an e-mail. Every applicant- or rubric-written string goes
//! through [`escape`], so `[x](javascript:alert(1))`, `<script>` or `a | b` render as text.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::i18n::Texts;
use super::{Entry, Report, Why};
use crate::output::number;

/// Writes the Markdown report.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(document(report).as_bytes())
}

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

fn num(t: &Texts, value: f64) -> String {
    escape(&t.decimal(&number(value)))
}

fn fixed(t: &Texts, value: f64, decimals: usize) -> String {
    escape(&t.decimal(&format!("{value:.decimals$}")))
}

fn rank_label(entry: &Entry) -> String {
    if entry.tied { format!("{}=", entry.rank) } else { entry.rank.to_string() }
}

/// The whole document.
pub fn document(report: &Report) -> String {
    let t = report.lang.texts();
    let meta = &report.meta;
    let mut s = String::new();
    let _ = writeln!(s, "# {}: {}\n", escape(t.report_title), escape(&meta.title));
    let _ = writeln!(s, "| | |\n|---|---|");
    let _ = writeln!(s, "| {} | {} |", escape(t.position), escape(&meta.title));
    let _ = writeln!(s, "| {} | {} |", escape(t.organisation), escape(&meta.organisation));
    let _ = writeln!(
        s,
        "| {} | {} ({} {}) |",
        escape(t.rubric),
        escape(&meta.id),
        escape(t.version),
        escape(&meta.version)
    );
    let _ = writeln!(s, "| {} | {} |", escape(t.date), escape(&report.run.date));
    let c = &report.counts;
    let _ = writeln!(s, "| {} | {} |", escape(t.read), c.read);
    let _ = writeln!(s, "| {} | {} |", escape(t.scored), c.scored);
    let _ = writeln!(s, "| {} | {} |", escape(t.rejected), c.rejected);
    let _ = writeln!(s, "| {} | {} |\n", escape(t.shortlist), report.shortlist_len);
    if report.blind {
        let _ = writeln!(s, "> {}\n", escape(t.blind_notice));
    }

    let _ = writeln!(s, "## {}\n\n{}\n", escape(t.method), escape(t.method_intro));
    let _ = writeln!(
        s,
        "| # | {} | {} | {} | {} |\n|---|---|---:|---:|---|",
        escape(t.competency),
        escape(t.weight),
        escape(t.share),
        escape(t.source)
    );
    for (i, comp) in report.competencies.iter().enumerate() {
        let _ = writeln!(
            s,
            "| {} | **{}** | {} | {} % | *{}* |",
            i + 1,
            escape(&comp.label),
            num(t, comp.weight),
            fixed(t, comp.share, 1),
            escape(&comp.source)
        );
    }
    let _ = writeln!(s, "\n### {}\n", escape(t.requirements));
    if report.requirements.is_empty() {
        let _ = writeln!(s, "{}\n", escape(t.no_requirements));
    } else {
        for r in &report.requirements {
            let _ = writeln!(
                s,
                "- **{}** ({}): *{}*",
                escape(&r.label),
                escape(&t.at_least(&t.decimal(&number(r.at_least)))),
                escape(&r.source)
            );
        }
        s.push('\n');
    }
    let _ = writeln!(s, "{}\n", escape(t.strength_definition));

    let _ = writeln!(
        s,
        "## {}\n\n{} {}\n",
        escape(t.shortlist),
        escape(&t.shortlist_size(report.shortlist_asked, report.shortlist_len)),
        escape(t.rubric_weights_notice)
    );
    ranking_table(&mut s, report, t, &report.ranking[..report.shortlist_len]);
    let _ = writeln!(s, "{}\n", escape(t.tie_note));

    let _ = writeln!(s, "## {}\n", escape(t.candidates));
    for card in &report.cards {
        let entry = &report.ranking[card.entry];
        let who = match &entry.name {
            Some(name) if !report.blind && !name.is_empty() => format!("{} · {}", escape(&entry.id), escape(name)),
            _ => escape(&entry.id),
        };
        let _ = writeln!(s, "### {} {} ({} {})\n", rank_label(entry), who, escape(t.total), num(t, entry.total));
        let why = match &card.why {
            Why::Competency { next, lead, competency, points } => t.why_competency(
                next,
                &t.decimal(&number(*lead)),
                &report.competencies[*competency].label,
                &format!("{}{}", if *points >= 0.0 { "+" } else { "" }, t.decimal(&format!("{points:.2}"))),
            ),
            Why::Requirements { next } => t.why_requirements(next),
            Why::Tie { next } => t.why_tie(next),
            Why::Last => t.why_last().to_string(),
        };
        let _ = writeln!(s, "**{}:** {}\n", escape(t.why), escape(&why));
        let _ = writeln!(
            s,
            "| {} | {} | {} |\n|---|---:|---:|",
            escape(t.competency),
            escape(t.legend_candidate),
            escape(t.legend_average)
        );
        for (i, comp) in report.competencies.iter().enumerate() {
            let _ = writeln!(
                s,
                "| {} | {} | {} |",
                escape(&comp.label),
                fixed(t, entry.scores.get(i).copied().unwrap_or(0.0), 1),
                fixed(t, report.averages.get(i).copied().unwrap_or(0.0), 1)
            );
        }
        for (heading, items, lost) in [(t.strongest, &card.strongest, false), (t.weakest, &card.weakest, true)] {
            let _ = writeln!(s, "\n**{}**\n", escape(heading));
            for (i, p) in items.iter().enumerate() {
                let (value, unit) = if lost { (p.lost, t.lost) } else { (p.points, t.earned) };
                let _ = writeln!(
                    s,
                    "{}. {} ({}): {} {}",
                    i + 1,
                    escape(&p.criterion),
                    escape(&p.competency),
                    fixed(t, value, 2),
                    escape(unit)
                );
            }
        }
        if let Some(st) = &card.stability {
            let pct = |v: f64| t.decimal(&format!("{:.0}", 100.0 * v));
            let _ = writeln!(
                s,
                "\n**{}:** {}",
                escape(t.stability),
                escape(&t.stability_sentence(&pct(st.share), &pct(st.low), &pct(st.high), st.rank_p5.zip(st.rank_p95)))
            );
        }
        let _ = writeln!(s, "\n**{}**\n", escape(t.failed_requirements));
        if card.failed.is_empty() {
            let _ = writeln!(s, "{}", escape(t.all_requirements_met));
        }
        for label in &card.failed {
            let _ = writeln!(s, "- {}", escape(label));
        }
        let _ = writeln!(s, "\n**{}**\n", escape(t.evidence));
        if !card.evidence.is_empty() {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} |\n|---|---|---|---|",
                escape(t.criterion),
                escape(t.term),
                escape(t.field),
                escape(t.quote)
            );
            for e in &card.evidence {
                let _ = writeln!(
                    s,
                    "| {} | {} | {} | {} |",
                    escape(&e.criterion),
                    escape(&e.term),
                    escape(&e.field),
                    escape(&e.quote)
                );
            }
        }
        if !card.values.is_empty() {
            let _ = writeln!(s, "\n| {} | {} |\n|---|---|", escape(t.criterion), escape(t.value));
            for (criterion, value) in &card.values {
                let _ = writeln!(s, "| {} | {} |", escape(criterion), escape(value));
            }
        }
        let _ = writeln!(s, "\n**{}**\n", escape(t.not_found));
        if card.not_found.is_empty() {
            let _ = writeln!(s, "{}", escape(t.nothing_missing));
        }
        for (criterion, terms) in &card.not_found {
            let terms: Vec<String> = terms.iter().map(|m| escape(m)).collect();
            let _ = writeln!(s, "- {}: {}", escape(criterion), terms.join(", "));
        }
        if !card.warnings.is_empty() {
            let _ = writeln!(s, "\n**{}**\n", escape(t.row_warnings));
            for w in &card.warnings {
                let _ = writeln!(s, "- {}", escape(w));
            }
        }
        s.push('\n');
    }

    let _ = writeln!(s, "## {}\n", escape(t.rest));
    let others = &report.ranking[report.shortlist_len..];
    if others.is_empty() {
        let _ = writeln!(s, "{}\n", escape(t.nobody_else));
    } else {
        ranking_table(&mut s, report, t, others);
    }

    if let Some(impact) = &report.impact {
        let _ = writeln!(
            s,
            "## {}\n\n{}\n\n**{}:** {}\n",
            escape(t.adverse_impact),
            escape(t.impact_intro),
            escape(t.group),
            escape(&impact.column)
        );
        if report.blind {
            let _ = writeln!(s, "{}\n", escape(t.blind_groups));
        }
        for (heading, rate_label, selected_label, median) in [
            (t.by_selection, t.selection_rate, t.shortlisted, false),
            (t.by_median, t.median_rate, t.above_median, true),
        ] {
            let _ = writeln!(s, "### {}\n", escape(heading));
            if median {
                let _ = writeln!(s, "{}\n", escape(&t.median(&t.decimal(&number(impact.median)))));
            }
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---:|---|",
                escape(t.group),
                escape(t.applicants),
                escape(selected_label),
                escape(rate_label),
                escape(t.impact_ratio),
                escape(t.assessment)
            );
            for g in &impact.groups {
                let rate = if median { &g.above_median } else { &g.shortlist };
                let value = if g.value.is_empty() { t.blank_group.to_string() } else { g.value.clone() };
                let verdicts = t.verdicts(g, rate);
                let _ = writeln!(
                    s,
                    "| {} | {} | {} | {} | {} | {} |",
                    escape(&value),
                    g.applicants,
                    rate.selected,
                    fixed(t, rate.rate, 3),
                    rate.ratio.map(|r| fixed(t, r, 3)).unwrap_or_else(|| "–".into()),
                    escape(&verdicts.join(", "))
                );
            }
            s.push('\n');
        }
    }

    let _ = writeln!(s, "## {}\n\n### {}\n", escape(t.data_quality), escape(t.rejected_rows));
    if report.rejected.is_empty() {
        let _ = writeln!(s, "{}\n", escape(t.no_rejected));
    } else {
        for r in &report.rejected {
            match &r.raw {
                Some(raw) => {
                    let _ = writeln!(
                        s,
                        "- {} {}: {} (`{}`)",
                        escape(t.line),
                        r.line,
                        escape(&r.reason),
                        escape(raw).replace('`', "'")
                    );
                }
                None => {
                    let _ = writeln!(s, "- {} {}: {}", escape(t.line), r.line, escape(&r.reason));
                }
            }
        }
        if (report.rejected.len() as u64) < report.counts.rejected {
            let _ = writeln!(s, "\n{}", escape(&t.more_rejected(report.rejected.len(), report.counts.rejected)));
        }
        s.push('\n');
    }
    let _ = writeln!(s, "### {}\n", escape(t.warnings));
    if report.warnings.is_empty() {
        let _ = writeln!(s, "{}\n", escape(t.no_warnings));
    } else {
        for w in &report.warnings {
            let _ = writeln!(s, "- {}", escape(w));
        }
        if (report.warnings.len() as u64) < report.warning_count {
            let _ = writeln!(s, "\n{}", escape(&t.more_warnings(report.warnings.len(), report.warning_count)));
        }
        s.push('\n');
    }

    let r = &report.run;
    let weights: Vec<String> = report.competencies.iter().map(|c| format!("{}={}", c.id, number(c.weight))).collect();
    let _ = writeln!(s, "## {}\n\n| | |\n|---|---|", escape(t.run_record));
    let _ = writeln!(s, "| {} | {} |", escape(t.program), escape(&r.version));
    let _ = writeln!(s, "| {} | {} (SHA-256 {}) |", escape(t.rubric_file), escape(&r.rubric_path), r.rubric_sha256);
    let _ = writeln!(
        s,
        "| {} | {} (SHA-256 {}) |",
        escape(t.applicant_file),
        escape(&r.applicants_path),
        r.applicants_sha256
    );
    let _ = writeln!(s, "| {} | {} |", escape(t.weights_used), escape(&weights.join(" ")));
    let _ = writeln!(s, "| {} | {} |", escape(t.command), escape(&r.command));
    let _ = writeln!(s, "| {} | {} |\n", escape(t.time), escape(&r.time));
    let _ = writeln!(s, "*{}*", escape(t.footer));
    s
}

fn ranking_table(s: &mut String, report: &Report, t: &Texts, entries: &[Entry]) {
    let name = if report.blind { String::new() } else { format!(" {} |", escape(t.name)) };
    let numbers: Vec<String> = (1..=report.competencies.len()).map(|i| i.to_string()).collect();
    let _ = writeln!(
        s,
        "| {} | {} |{name} {} | {} | {} |",
        escape(t.rank),
        escape(t.id),
        escape(t.total),
        numbers.join(" | "),
        escape(t.meets)
    );
    let align = vec!["---:"; report.competencies.len()].join("|");
    let _ = writeln!(s, "|---|---|{}---:|{align}|---|", if report.blind { "" } else { "---|" });
    for e in entries {
        let name = if report.blind { String::new() } else { format!(" {} |", escape(e.name.as_deref().unwrap_or(""))) };
        let scores: Vec<String> = e.scores.iter().map(|v| format!("{:.0}", v)).collect();
        let _ = writeln!(
            s,
            "| {} | {} |{name} {} | {} | {} |",
            rank_label(e),
            escape(&e.id),
            num(t, e.total),
            scores.join(" | "),
            escape(if e.meets { t.yes } else { t.no })
        );
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
}
