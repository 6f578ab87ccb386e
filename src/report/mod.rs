//! The committee's screening overview (`profilmatch report`) and the applicants' draft letters
//! (`profilmatch letters`).
//!
//! The report is built once as a model ([`model`], by [`build()`]) from a scored session whose
//! scorecards are made blind by [`crate::redact`] first when the report is blind; then once as a
//! document ([`doc`], by [`sections`] in the words of [`i18n`]); and written by a small markup
//! layer, [`html`] or [`markdown`], the only places that escape. Letters ([`letters`]) use the same
//! model, document and markup. Group comparison is [`impact`], the members' ratings [`ratings`],
//! and the charts [`svg`].
//!
//! The wording is that of an aid, not a recommendation: the report is a machine-made screening
//! overview, every number a person reads is rounded to one decimal or a whole number (the exact
//! values stay in JSON output and the run record), quotes are whole sentences, and what the
//! screening does not assess is said in the report itself.

pub mod build;
pub mod doc;
pub mod html;
pub mod i18n;
pub mod impact;
pub mod lang;
pub mod letters;
pub mod markdown;
pub mod model;
pub mod ratings;
pub mod sections;
pub mod svg;

use std::io::{self, Write};

use crate::inert::inert;

pub use build::{ReportOptions, Sources, build, stability};
pub use impact::GroupMap;
pub use lang::Lang;
pub use model::Report;

/// How the report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum ReportFormat {
    /// One self-contained HTML file.
    Html,
    /// Markdown (tables and text, no charts).
    Markdown,
}

impl ReportFormat {
    /// The format an output file's extension names, if any (`.html`, `.htm`, `.md`, `.markdown`).
    pub fn from_extension(extension: &str) -> Option<ReportFormat> {
        match extension.to_ascii_lowercase().as_str() {
            "html" | "htm" => Some(ReportFormat::Html),
            "md" | "markdown" => Some(ReportFormat::Markdown),
            _ => None,
        }
    }
}

/// Writes the report in a format.
pub fn render(report: &Report, format: ReportFormat, out: &mut dyn Write) -> io::Result<()> {
    let blocks = sections::document(report);
    let t = report.lang.texts();
    let bytes = match format {
        ReportFormat::Markdown => markdown::document(&blocks, t.footer),
        ReportFormat::Html => {
            let title = sections::title(report);
            let head = html::Head { lang: report.lang.tag(), title: &title, generator: &report.record.profilmatch };
            let data = (report.sliders != model::Sliders::Off).then(|| script_data(report));
            html::page(&head, &blocks, t.footer, data.as_deref())
        }
    };
    out.write_all(bytes.as_bytes())
}

/// The data the weight sliders read: every applicant's exact competency scores (as bits).
fn script_data(report: &Report) -> String {
    let t = report.lang.texts();
    let data = html::ScriptData {
        competencies: report
            .competencies
            .iter()
            .map(|c| html::ScriptCompetency { id: inert(&c.id), label: inert(&c.label), weight: c.weight })
            .collect(),
        applicants: report
            .ranking
            .iter()
            .map(|e| html::ScriptApplicant {
                id: inert(&e.id),
                name: if report.blind { None } else { e.name.as_deref().map(inert) },
                scores: e.scores.iter().map(|s| html::score_bits(*s)).collect(),
                meets: e.meets,
                not_met: e.standing == crate::rank::Standing::RequirementNotMet,
            })
            .collect(),
        shortlist: report.shortlist_asked,
        names: !report.blind,
        decimal_comma: t.decimal("1.5") == "1,5",
        labels: html::ScriptLabels {
            yes: t.yes,
            no: t.no,
            core: t.core_not_documented,
            check: t.check_by_hand,
            adjusted: t.adjusted,
            all_zero: t.all_zero,
            rubric_weights: t.rubric_weights_notice,
        },
        core: report.core.as_ref().map(|(mask, min_score)| html::ScriptCore {
            mask: mask.clone(),
            min_score: *min_score,
            tolerance: crate::rubric::CORE_TOLERANCE,
        }),
    };
    html::script_json(&data)
}
