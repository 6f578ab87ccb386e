//! Inline SVG charts: a candidate's competency scores against the shortlist's average, and the
//! small per-competency bars of the shortlist table. Every text is escaped; nothing is fetched.

use std::fmt::Write;

/// Text for SVG: inert (no control or bidirectional character acts), then escaped.
fn encode_text(value: &str) -> String {
    html_escape::encode_text(&crate::inert::inert(value)).into_owned()
}

/// The accent colour of candidate bars.
pub const BAR: &str = "#2f6f8f";
/// The colour of the average marker.
pub const AVERAGE: &str = "#c2562b";

fn shorten(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        return label.to_string();
    }
    let mut s: String = label.chars().take(max - 1).collect();
    s.push('…');
    s
}

/// Horizontal bars, one per competency: the candidate's score (0–100) with a marker at the
/// shortlist's average. `labels`, `scores` and `averages` are in rubric order; `values` are the
/// scores as printed; `title` is the accessible name.
pub fn competency_chart(
    title: &str,
    labels: &[String],
    scores: &[f64],
    averages: &[f64],
    values: &[String],
    legend: (&str, &str),
) -> String {
    const LABEL_W: f64 = 250.0;
    const BAR_W: f64 = 300.0;
    const ROW_H: f64 = 22.0;
    const TOP: f64 = 26.0;
    let width = LABEL_W + BAR_W + 50.0;
    let height = TOP + ROW_H * labels.len() as f64 + 24.0;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg"><title>{}</title>"#,
        encode_text(title)
    );
    // Legend.
    let _ = write!(
        s,
        r#"<rect x="{LABEL_W}" y="4" width="12" height="10" fill="{BAR}"/><text x="{}" y="13" class="legend">{}</text><rect x="{}" y="3" width="3" height="12" fill="{AVERAGE}"/><text x="{}" y="13" class="legend">{}</text>"#,
        LABEL_W + 16.0,
        encode_text(legend.0),
        LABEL_W + 120.0,
        LABEL_W + 128.0,
        encode_text(legend.1)
    );
    // Grid at 0, 25, 50, 75, 100.
    for tick in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let x = LABEL_W + BAR_W * tick / 100.0;
        let bottom = TOP + ROW_H * labels.len() as f64;
        let _ = write!(
            s,
            r##"<line x1="{x}" y1="{}" x2="{x}" y2="{bottom}" stroke="#d9dde3" stroke-width="1"/><text x="{x}" y="{}" class="tick" text-anchor="middle">{tick}</text>"##,
            TOP - 4.0,
            bottom + 14.0
        );
    }
    for (i, label) in labels.iter().enumerate() {
        let y = TOP + ROW_H * i as f64;
        let score = scores.get(i).copied().unwrap_or(0.0).clamp(0.0, 100.0);
        let average = averages.get(i).copied().unwrap_or(0.0).clamp(0.0, 100.0);
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" class="label" text-anchor="end"><title>{}</title>{}</text>"#,
            LABEL_W - 8.0,
            y + 15.0,
            encode_text(label),
            encode_text(&shorten(label, 38))
        );
        let _ = write!(
            s,
            r#"<rect x="{LABEL_W}" y="{}" width="{:.2}" height="14" rx="2" fill="{BAR}"/>"#,
            y + 4.0,
            BAR_W * score / 100.0
        );
        let ax = LABEL_W + BAR_W * average / 100.0;
        let _ = write!(s, r#"<rect x="{:.2}" y="{}" width="3" height="20" fill="{AVERAGE}"/>"#, ax - 1.5, y + 1.0);
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" class="value">{}</text>"#,
            LABEL_W + BAR_W + 8.0,
            y + 15.0,
            encode_text(values.get(i).map(String::as_str).unwrap_or(""))
        );
    }
    s.push_str("</svg>");
    s
}

/// Small vertical bars, one per competency score (0–100), each with a tooltip `titles[i]`.
pub fn mini_bars(scores: &[f64], titles: &[String]) -> String {
    const W: f64 = 9.0;
    const GAP: f64 = 3.0;
    const H: f64 = 22.0;
    let width = (W + GAP) * scores.len() as f64;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="mini" viewBox="0 0 {width} {H}" width="{width}" height="{H}" xmlns="http://www.w3.org/2000/svg" aria-hidden="true">"#
    );
    for (i, score) in scores.iter().enumerate() {
        let x = (W + GAP) * i as f64;
        let h = (H * score.clamp(0.0, 100.0) / 100.0).max(1.0);
        let _ = write!(
            s,
            r##"<rect x="{x}" y="0" width="{W}" height="{H}" fill="#e6ebf0"/><rect x="{x}" y="{:.2}" width="{W}" height="{h:.2}" fill="{BAR}"><title>{}</title></rect>"##,
            H - h,
            encode_text(titles.get(i).map(String::as_str).unwrap_or(""))
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_escaped_and_shortened() {
        let svg = competency_chart(
            "<t>",
            &["<b>x</b>".to_string(), "a".repeat(50)],
            &[50.0, 100.0],
            &[25.0, 75.0],
            &["50".into(), "100".into()],
            ("c", "a"),
        );
        assert!(svg.contains("&lt;b&gt;x&lt;/b&gt;") && !svg.contains("<b>"));
        assert!(svg.contains(&format!("{}…", "a".repeat(37))));
        // A score of 50 is half of the 300-unit bar.
        assert!(svg.contains(r#"width="150.00""#));
    }

    #[test]
    fn mini_bars_scale_to_the_height() {
        // 50 of 100 is 11 of the 22 units, drawn from y = 22 − 11 = 11.
        let svg = mini_bars(&[50.0], &["k".into()]);
        assert!(svg.contains(r#"y="11.00" width="9" height="11.00""#));
    }
}
