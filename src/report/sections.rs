//! The report's sections, built once as a document from the model and the words of one language:
//! the banner and notices, the shortlist, one card per shortlisted applicant, the other
//! applicants, the members' ratings, the reading checklist, what the screening does not assess,
//! where the numbers come from, the method, the group comparison, data quality and the run
//! record. Every number a person reads is rounded here, to one decimal or a whole number.

use super::doc::{Block, Cell, Chart, Inline, Row, Slider, Table, Text, Tone, text};
use super::i18n::Texts;
use super::impact::{GroupRow, Impact, Rate};
use super::model::*;
use super::ratings::{GAP_LIMIT, Ratings};
use crate::rank::Standing;
use crate::rubric::ApprovalStatus;

/// The report as a document.
pub fn document(report: &Report) -> Vec<Block> {
    let t = report.lang.texts();
    let mut blocks = vec![banner(report, t), contents(report, t)];
    blocks.extend(notices(report, t));
    if report.sliders != Sliders::Off {
        blocks.push(sliders(report, t));
    }
    blocks.push(shortlist(report, t));
    blocks.push(cards(report, t));
    blocks.push(rest(report, t));
    if let Some(ratings) = &report.ratings {
        blocks.push(ratings_section(report, t, ratings));
    }
    blocks.push(checklist(report, t));
    blocks.push(not_assessed(t));
    blocks.push(numbers(report, t));
    blocks.push(method(report, t));
    if let Some(impact) = &report.impact {
        blocks.push(groups(report, t, impact));
    }
    blocks.push(quality(report, t));
    blocks.push(run_record(report, t));
    blocks
}

/// The document's title.
pub fn title(report: &Report) -> String {
    format!("{}: {}", report.lang.texts().title, report.meta.title)
}

fn banner(report: &Report, t: &Texts) -> Block {
    let meta = &report.meta;
    let c = &report.counts;
    Block::Banner {
        kicker: t.kicker.to_string(),
        title: title(report),
        subtitle: meta.organisation.clone(),
        facts: vec![
            (t.rubric.to_string(), format!("{} ({} {})", meta.id, t.version, meta.version)),
            (t.date.to_string(), report.date().to_string()),
            (t.in_file.to_string(), c.read.to_string()),
            (t.screened.to_string(), c.scored.to_string()),
            (t.unreadable.to_string(), c.rejected.to_string()),
            (t.on_shortlist.to_string(), report.shortlist_len.to_string()),
        ],
    }
}

fn contents(report: &Report, t: &Texts) -> Block {
    let mut items = vec![("shortlist-section", t.shortlist), ("cards", t.cards), ("rest-section", t.rest)];
    if report.ratings.is_some() {
        items.push(("ratings", t.ratings));
    }
    items.extend([
        ("checklist", t.checklist),
        ("not-assessed", t.not_assessed),
        ("numbers", t.numbers),
        ("method", t.method),
    ]);
    if report.impact.is_some() {
        items.push(("groups", t.groups));
    }
    items.extend([("quality", t.quality), ("run", t.run)]);
    Block::Contents {
        label: t.contents.to_string(),
        items: items.into_iter().map(|(id, title)| (id.to_string(), title.to_string())).collect(),
    }
}

fn notices(report: &Report, t: &Texts) -> Vec<Block> {
    let mut notices = vec![Block::Notice(Tone::Info, text(t.advisory))];
    notices.push(match &report.approval {
        ApprovalStatus::NotApproved => Block::Notice(Tone::Warning, text(t.not_approved)),
        ApprovalStatus::Approved { approval } => {
            Block::Notice(Tone::Info, text(t.approved(&approval.approved_by, &approval.approved_at)))
        }
        ApprovalStatus::Changed { approval, weights_differ, rules_differ, .. } => Block::Notice(
            Tone::Warning,
            text(t.approval_changed(&approval.approved_by, &approval.approved_at, *weights_differ, *rules_differ)),
        ),
    });
    if !report.weight_overrides.is_empty() {
        notices.push(Block::Notice(Tone::Warning, text(t.overrides(&report.weight_overrides.join(", ")))));
    }
    if report.blind {
        notices.push(Block::Notice(Tone::Info, text(t.blind_notice)));
    }
    match report.sliders {
        Sliders::Asked => notices.push(Block::Notice(Tone::Warning, text(t.sliders_asked))),
        Sliders::Blind => notices.push(Block::Notice(Tone::Info, text(t.sliders_blind))),
        Sliders::Off => {}
    }
    notices
}

fn sliders(report: &Report, t: &Texts) -> Block {
    Block::Sliders {
        title: t.interactive.to_string(),
        intro: t.interactive_intro.to_string(),
        sliders: report
            .competencies
            .iter()
            .enumerate()
            .map(|(i, c)| Slider {
                id: c.id.clone(),
                label: format!("{}. {}", i + 1, c.label),
                weight: c.weight,
                shown: t.value(c.weight),
            })
            .collect(),
        reset: t.reset.to_string(),
    }
}

fn rank_label(entry: &Entry) -> String {
    if entry.tied { format!("{}=", entry.rank) } else { entry.rank.to_string() }
}

/// The applicant as a heading or a list names them: `A001 · Name`, or the id alone when blind.
fn who(entry: &Entry) -> String {
    match &entry.name {
        Some(name) if !name.is_empty() => format!("{} · {}", entry.id, name),
        _ => entry.id.clone(),
    }
}

fn ranking_table(report: &Report, t: &Texts, id: &'static str, entries: &[Entry]) -> Table {
    let named = !report.blind;
    let mut head = vec![Cell::plain(t.rank), Cell::plain(t.id)];
    if named {
        head.push(Cell::plain(t.name));
    }
    head.push(Cell::plain(t.total));
    head.push(Cell::from(vec![
        Inline::Text(format!("{} ", t.competency)),
        // The bars are competencies 1 to n, each 0–100 points.
        Inline::Em(format!("(1–{}, 0–100)", report.competencies.len())),
    ]));
    head.push(Cell::plain(t.meets));
    let mut numeric = vec![false, false];
    if named {
        numeric.push(false);
    }
    numeric.extend([true, false, false]);
    let rows = entries.iter().map(|e| ranking_row(report, t, e)).collect();
    Table { id: Some(id), class: "ranking", head, numeric, rows }
}

fn ranking_row(report: &Report, t: &Texts, e: &Entry) -> Row {
    let titles: Vec<String> =
        report.competencies.iter().zip(&e.scores).map(|(c, s)| format!("{}: {}", c.label, t.one(*s))).collect();
    let mut cells = vec![Cell::with(text(rank_label(e)), "rank"), Cell::with(text(&e.id), "id")];
    if !report.blind {
        cells.push(Cell::with(text(e.name.clone().unwrap_or_default()), "name"));
    }
    cells.push(Cell::plain(t.one(e.total)));
    cells.push(Cell::with(vec![Inline::Bars(e.scores.clone(), titles)], "bars"));
    let (flag, class) = match e.standing {
        Standing::RequirementNotMet => (t.no, "flag fail"),
        Standing::CoreNotDocumented => (t.core_not_documented, "flag fail"),
        Standing::Qualified if e.meets => (t.yes, "flag ok"),
        // A requirement the application is silent on: shown for a person to check.
        Standing::Qualified => (t.check_by_hand, "flag check"),
    };
    cells.push(Cell::with(text(flag), class));
    Row { key: Some(e.id.clone()), class: None, cells }
}

fn shortlist(report: &Report, t: &Texts) -> Block {
    let mut blocks = vec![Block::Paragraph(text(t.shortlist_size(report.shortlist_asked, report.shortlist_len)))];
    if report.sliders != Sliders::Off {
        blocks.push(Block::WeightsState(t.rubric_weights_notice.to_string()));
    }
    blocks.push(Block::Table(ranking_table(report, t, "shortlist", &report.ranking[..report.shortlist_len])));
    blocks.push(Block::Paragraph(vec![Inline::Em(t.rounding_note.to_string())]));
    section("shortlist-section", t.shortlist, blocks)
}

fn section(id: &str, title: &str, blocks: Vec<Block>) -> Block {
    Block::Section { id: id.to_string(), title: title.to_string(), blocks }
}

fn cards(report: &Report, t: &Texts) -> Block {
    let mut blocks = vec![Block::Paragraph(text(t.cards_intro))];
    blocks.extend(report.cards.iter().map(|card| candidate(report, t, card)));
    section("cards", t.cards, blocks)
}

fn why_sentence(report: &Report, t: &Texts, why: &Why) -> String {
    match why {
        Why::Competency { next, lead, competency, points } => {
            t.why_competency(next, *lead, &report.competencies[*competency].label, *points)
        }
        Why::Requirements { next } => t.why_requirements(next),
        Why::Core { next } => t.why_core(next),
        Why::Tie { next } => t.why_tie(next),
        Why::Last => t.why_last().to_string(),
    }
}

fn candidate(report: &Report, t: &Texts, card: &Card) -> Block {
    let entry = &report.ranking[card.entry];
    let mut blocks = vec![Block::Paragraph(vec![
        Inline::Strong(format!("{}:", t.why)),
        Inline::Text(format!(" {}", why_sentence(report, t, &card.why))),
    ])];
    blocks.push(Block::Chart(chart(report, t, entry)));
    if let Some(st) = &card.stability {
        let pct = |v: f64| t.whole(100.0 * v);
        let sentence = t.stability_sentence(&pct(st.share), &pct(st.low), &pct(st.high), st.rank_p5.zip(st.rank_p95));
        blocks.push(Block::Paragraph(vec![
            Inline::Strong(format!("{}:", t.stability)),
            Inline::Text(format!(" {sentence}")),
        ]));
    }
    if !card.detail.requirements.is_empty() {
        blocks.push(Block::Heading(4, text(t.requirements)));
        blocks.push(Block::List(card.detail.requirements.iter().map(|r| requirement_line(t, r)).collect()));
    }
    blocks.extend(strongest(report, t, &card.detail));
    blocks.extend(not_found(report, t, &card.detail));
    blocks.extend(found(t, &card.detail));
    if !card.detail.issues.is_empty() {
        blocks.push(Block::Heading(4, text(t.row_issues)));
        blocks.push(Block::List(card.detail.issues.iter().map(|i| issue_line(t, i)).collect()));
    }
    Block::Card {
        id: format!("candidate-{}", entry.id),
        badge: rank_label(entry),
        title: who(entry),
        total: (t.one(entry.total), t.total.to_string()),
        blocks,
    }
}

fn chart(report: &Report, t: &Texts, entry: &Entry) -> Chart {
    Chart {
        title: format!("{} – {}", who(entry), t.chart_caption),
        labels: report.competencies.iter().enumerate().map(|(i, c)| format!("{}. {}", i + 1, c.label)).collect(),
        scores: entry.scores.clone(),
        averages: report.averages.clone(),
        values: entry.scores.iter().map(|v| t.one(*v)).collect(),
        average_values: report.averages.iter().map(|v| t.one(*v)).collect(),
        legend: (t.legend_candidate.to_string(), t.legend_average.to_string()),
        competency: t.competency.to_string(),
        caption: t.chart_caption.to_string(),
    }
}

fn requirement_line(t: &Texts, r: &RequirementView) -> Text {
    let mut line = vec![Inline::Strong(r.label.clone()), Inline::Text(format!(": {}", t.requirement_status(r.status)))];
    if let Some(value) = &r.value {
        line.push(Inline::Text(format!(" ({}: {})", value.column, shown(t, &value.value))));
    } else if let Some(column) = &r.column {
        // A requirement read from one field that is blank: name the field, so that a reader
        // knows what was (not) read.
        line.push(Inline::Text(format!(" ({})", t.field_blank(column))));
    }
    for q in &r.quotes {
        line.push(Inline::Text(" ".into()));
        line.push(Inline::Quote(q.sentence.clone()));
    }
    line
}

/// A value as read: a number as the language writes it, text as written.
pub fn shown(t: &Texts, value: &ShownValue) -> String {
    match value {
        ShownValue::Number(n) => t.value(*n),
        ShownValue::Text(s) => s.clone(),
    }
}

fn criterion_name(report: &Report, c: &CriterionView) -> Vec<Inline> {
    vec![
        Inline::Strong(c.label.clone()),
        Inline::Text(" ".into()),
        Inline::Em(format!("({})", report.competencies[c.competency].label)),
    ]
}

fn strongest(report: &Report, t: &Texts, detail: &Detail) -> Vec<Block> {
    // Stable sort: equal points keep rubric order.
    let mut best: Vec<&CriterionView> = detail.criteria.iter().filter(|c| c.points >= 0.05).collect();
    best.sort_by(|a, b| b.points.total_cmp(&a.points));
    if best.is_empty() {
        return Vec::new();
    }
    let items = best
        .iter()
        .take(3)
        .map(|c| {
            let mut line = criterion_name(report, c);
            line.push(Inline::Text(format!(": {}", t.points_of(c.points, c.max))));
            line
        })
        .collect();
    vec![Block::Heading(4, text(t.strongest)), Block::List(items)]
}

fn not_found(report: &Report, t: &Texts, detail: &Detail) -> Vec<Block> {
    let mut short: Vec<&CriterionView> = detail.criteria.iter().filter(|c| c.max - c.points >= 0.05).collect();
    short.sort_by(|a, b| (b.max - b.points).total_cmp(&(a.max - a.points)));
    let mut blocks = vec![Block::Heading(4, text(t.not_found_title))];
    if short.is_empty() {
        blocks.push(Block::Paragraph(text(t.nothing_missing)));
        return blocks;
    }
    blocks.push(Block::Paragraph(vec![Inline::Em(t.not_found_intro.to_string())]));
    let items = short
        .iter()
        .map(|c| {
            let mut line = criterion_name(report, c);
            line.push(Inline::Text(format!(": {}, {}", short_status(t, c), t.points_of(c.points, c.max))));
            line
        })
        .collect();
    blocks.push(Block::List(items));
    let missing: Vec<Text> = short
        .iter()
        .filter(|c| !c.missing.is_empty())
        .map(|c| vec![Inline::Strong(format!("{}:", c.label)), Inline::Text(format!(" {}", c.missing.join(", ")))])
        .collect();
    if !missing.is_empty() {
        let count = short.iter().map(|c| c.missing.len()).sum();
        blocks.push(Block::Details { summary: text(t.missing_terms(count)), blocks: vec![Block::List(missing)] });
    }
    blocks
}

/// At most this many distinct sentences are quoted per criterion on a card.
const SENTENCES_PER_CRITERION: usize = 2;

/// What became of a criterion short of its points: a value criterion says the value it read
/// ("oplyst 820"), a text criterion whether its words were found.
fn short_status(t: &Texts, c: &CriterionView) -> String {
    match (&c.value, c.status) {
        (Some(value), CriterionStatus::Full | CriterionStatus::Partial | CriterionStatus::NoCredit) => {
            t.stated_value(&shown(t, &value.value))
        }
        _ => t.criterion_status(c.status).to_string(),
    }
}

fn found(t: &Texts, detail: &Detail) -> Vec<Block> {
    let mut rows = Vec::new();
    for c in &detail.criteria {
        let mut quoted: Vec<&str> = Vec::new();
        for q in &c.quotes {
            if quoted.contains(&q.sentence.as_str()) || quoted.len() == SENTENCES_PER_CRITERION {
                continue;
            }
            quoted.push(&q.sentence);
            let mut sentence = vec![Inline::Quote(q.sentence.clone())];
            if let Some(status) = t.quote_status(q.status) {
                sentence.push(Inline::Em(format!(" ({status})")));
            }
            rows.push(Row {
                key: None,
                class: None,
                cells: vec![Cell::plain(&c.label), sentence.into(), Cell::plain(q.place(t.page, t.paragraph))],
            });
        }
        if let Some(value) = &c.value {
            let stated = vec![Inline::Text(format!("{}: {}", t.stated, shown(t, &value.value)))];
            rows.push(Row {
                key: None,
                class: None,
                cells: vec![Cell::plain(&c.label), stated.into(), Cell::plain(&value.column)],
            });
        }
    }
    let mut blocks = vec![Block::Heading(4, text(t.found_title))];
    if rows.is_empty() {
        blocks.push(Block::Paragraph(text(t.found_nothing)));
    } else {
        let head = vec![Cell::plain(t.criterion), Cell::plain(t.sentence), Cell::plain(t.field)];
        blocks.push(Block::Table(Table { id: None, class: "evidence", head, numeric: vec![false; 3], rows }));
    }
    blocks
}

fn issue_line(t: &Texts, issue: &DataIssue) -> Text {
    vec![
        Inline::Strong(format!("{} ({}):", issue.criterion, issue.column)),
        Inline::Text(format!(" {}", t.issue(issue.kind, &issue.value))),
    ]
}

fn rest(report: &Report, t: &Texts) -> Block {
    let others = &report.ranking[report.shortlist_len..];
    let block = if others.is_empty() {
        Block::Paragraph(text(t.nobody_else))
    } else {
        Block::Table(ranking_table(report, t, "rest", others))
    };
    section("rest-section", t.rest, vec![block])
}

fn ratings_section(report: &Report, t: &Texts, ratings: &Ratings) -> Block {
    let scale = ratings.scale;
    let intro = t.ratings_intro(
        &ratings.source,
        &t.value(scale.min),
        &t.value(scale.max),
        &t.value((scale.max - scale.min) / 2.0),
        &t.whole(GAP_LIMIT),
    );
    let mut head = vec![Cell::plain(t.applicant)];
    head.extend(ratings.members.iter().map(Cell::plain));
    head.extend([t.spread, t.members_points, t.screening, t.difference, t.discuss].map(Cell::plain));
    let members = ratings.members.len();
    let numeric = (0..head.len()).map(|i| i > 0 && i <= members + 4).collect();
    let rows = ratings.applicants.iter().map(|a| rating_row(report, t, a)).collect();
    let mut blocks = vec![
        Block::Paragraph(text(intro)),
        Block::Table(Table { id: Some("ratings-table"), class: "ratings", head, numeric, rows }),
    ];
    blocks.push(Block::Heading(3, text(t.to_discuss)));
    let flagged: Vec<Text> = ratings
        .applicants
        .iter()
        .filter(|a| a.members_disagree || a.rubric_disagrees)
        .map(|a| vec![Inline::Strong(who(&report.ranking[a.entry])), Inline::Text(format!(": {}", disagreement(t, a)))])
        .collect();
    blocks.push(if flagged.is_empty() { Block::Paragraph(text(t.nothing_to_discuss)) } else { Block::List(flagged) });
    let notes: Vec<Text> = ratings
        .applicants
        .iter()
        .flat_map(|a| {
            a.notes.iter().map(move |(member, note)| {
                vec![
                    Inline::Strong(format!("{} – {}:", report.ranking[a.entry].id, ratings.members[*member])),
                    Inline::Text(" ".into()),
                    Inline::Quote(note.clone()),
                ]
            })
        })
        .collect();
    if !notes.is_empty() {
        blocks.push(Block::Heading(3, text(t.notes)));
        blocks.push(Block::List(notes));
    }
    section("ratings", t.ratings, blocks)
}

fn disagreement(t: &Texts, a: &super::ratings::ApplicantRatings) -> String {
    let mut reasons = Vec::new();
    if a.members_disagree {
        reasons.push(t.members_disagree);
    }
    if a.rubric_disagrees {
        reasons.push(t.rubric_disagrees);
    }
    reasons.join(", ")
}

fn rating_row(report: &Report, t: &Texts, a: &super::ratings::ApplicantRatings) -> Row {
    let entry = &report.ranking[a.entry];
    let mut cells = vec![Cell::with(text(who(entry)), "id")];
    cells.extend(a.ratings.iter().map(|r| Cell::plain(r.map(|r| t.value(r)).unwrap_or_else(|| "–".into()))));
    let optional = |v: Option<f64>| v.map(|v| t.one(v)).unwrap_or_else(|| "–".into());
    cells.push(Cell::plain(a.spread.map(|s| t.value(s)).unwrap_or_else(|| "–".into())));
    cells.push(Cell::plain(optional(a.members_points)));
    cells.push(Cell::plain(t.one(entry.total)));
    cells.push(Cell::plain(
        a.gap.map(|g| format!("{}{}", if g > 0.0 { "+" } else { "" }, t.one(g))).unwrap_or_else(|| "–".into()),
    ));
    let flagged = a.members_disagree || a.rubric_disagrees;
    cells.push(Cell::plain(if flagged { disagreement(t, a) } else { String::new() }));
    Row { key: Some(entry.id.clone()), class: flagged.then_some("flagged"), cells }
}

fn checklist(report: &Report, t: &Texts) -> Block {
    let ratings = report.ratings.as_ref();
    let mut items: Vec<(bool, Text)> = report
        .ranking
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let readers: Vec<&str> =
                ratings.map(|r| r.read_by[i].iter().map(|m| r.members[*m].as_str()).collect()).unwrap_or_default();
            let state = if readers.is_empty() { t.not_registered.to_string() } else { t.read_by(&readers.join(", ")) };
            (!readers.is_empty(), vec![Inline::Strong(who(e)), Inline::Text(format!(" – {state}"))])
        })
        .collect();
    items.extend(report.rejected.iter().map(|r| (false, text(t.unreadable_row(r.line)))));
    section(
        "checklist",
        t.checklist,
        vec![Block::Paragraph(text(t.checklist_intro)), Block::Checklist(items), Block::Paragraph(text(t.signature))],
    )
}

fn not_assessed(t: &Texts) -> Block {
    section(
        "not-assessed",
        t.not_assessed,
        vec![
            Block::Paragraph(text(t.not_assessed_intro)),
            Block::List(t.not_assessed_items.iter().map(|s| text(*s)).collect()),
        ],
    )
}

/// A rule as a person reads it.
pub fn rule_text(t: &Texts, rule: &Rule) -> String {
    let pct = |credit: f64| format!("{} %", t.whole(100.0 * credit));
    match rule {
        Rule::Terms { count, need, columns, .. } => t.rule_terms(*count, *need, &columns.join(", ")),
        Rule::Curve { points, .. } => {
            let points: Vec<String> = points.iter().map(|(x, c)| format!("{} → {}", t.value(*x), pct(*c))).collect();
            t.rule_curve(&points.join(", "))
        }
        Rule::Min { min, .. } => t.rule_min(&t.value(*min)),
        Rule::Choice { choices, .. } => {
            let choices: Vec<String> = choices.iter().map(|(v, c)| format!("{v} {}", pct(*c))).collect();
            t.rule_choice(&choices.join(", "))
        }
        Rule::Flag { .. } => t.rule_flag().to_string(),
    }
}

fn rule_column(rule: &Rule) -> String {
    match rule {
        Rule::Terms { columns, .. } => columns.join(", "),
        Rule::Curve { column, .. } | Rule::Min { column, .. } | Rule::Choice { column, .. } | Rule::Flag { column } => {
            column.clone()
        }
    }
}

fn numbers(report: &Report, t: &Texts) -> Block {
    let mut rows: Vec<Row> = Vec::new();
    let criteria = report.competencies.iter().flat_map(|c| c.criteria.iter().map(|k| (&k.label, &k.rule)));
    let requirements = report.requirements.iter().map(|r| (&r.label, &r.rule));
    for (label, rule) in criteria.chain(requirements) {
        if matches!(rule, Rule::Terms { .. }) {
            continue;
        }
        let cells = vec![Cell::plain(label), Cell::plain(rule_column(rule)), Cell::plain(rule_text(t, rule))];
        rows.push(Row { key: None, class: None, cells });
    }
    let head = vec![Cell::plain(t.criterion), Cell::plain(t.source_field), Cell::plain(t.how_points)];
    let mut blocks = vec![Block::Paragraph(text(t.numbers_intro))];
    if !rows.is_empty() {
        blocks.push(Block::Table(Table { id: None, class: "numbers", head, numeric: vec![false; 3], rows }));
    }
    section("numbers", t.numbers, blocks)
}

fn method(report: &Report, t: &Texts) -> Block {
    let head = ["#", t.competency, t.weight, t.share, t.from_profile].map(Cell::plain).to_vec();
    let rows = report
        .competencies
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut label = vec![Inline::Strong(c.label.clone())];
            for (j, k) in c.criteria.iter().enumerate() {
                label.push(if j == 0 { Inline::Break } else { Inline::Text(" · ".into()) });
                label.push(Inline::Em(format!("{} ({} %): {}", k.label, t.whole(k.share), rule_text(t, &k.rule))));
            }
            let cells = vec![
                Cell::plain((i + 1).to_string()),
                label.into(),
                Cell::plain(t.value(c.weight)),
                Cell::plain(format!("{} %", t.one(c.share))),
                vec![Inline::Quote(c.source.clone())].into(),
            ];
            Row { key: None, class: None, cells }
        })
        .collect();
    let table = Table { id: None, class: "method", head, numeric: vec![false, false, true, true, false], rows };
    let mut blocks =
        vec![Block::Paragraph(text(t.method_intro)), Block::Table(table), Block::Heading(3, text(t.requirements))];
    if report.requirements.is_empty() {
        blocks.push(Block::Paragraph(text(t.no_requirements)));
    } else {
        let items = report
            .requirements
            .iter()
            .map(|r| {
                let mut line =
                    vec![Inline::Strong(r.label.clone()), Inline::Text(format!(": {}", rule_text(t, &r.rule)))];
                if r.at_least < 1.0 {
                    line.push(Inline::Text(format!(
                        " ({})",
                        t.at_least(&format!("{} %", t.whole(100.0 * r.at_least)))
                    )));
                }
                if !r.source.is_empty() {
                    line.extend([Inline::Text(" ".into()), Inline::Quote(r.source.clone())]);
                }
                line
            })
            .collect();
        blocks.push(Block::List(items));
    }
    blocks.push(Block::Paragraph(text(t.requirement_statuses)));
    if let Some((mask, min_score)) = &report.core {
        let names: Vec<String> =
            report.competencies.iter().zip(mask).filter(|(_, core)| **core).map(|(c, _)| c.label.clone()).collect();
        blocks.push(Block::Heading(3, text(t.core_area)));
        blocks.push(Block::Paragraph(text(t.core_rule(&names.join(", "), &t.value(*min_score)))));
    }
    section("method", t.method, blocks)
}

fn groups(report: &Report, t: &Texts, impact: &Impact) -> Block {
    let map = if impact.map_source == "default" { t.default_map.to_string() } else { t.map_file(&impact.map_source) };
    let mut blocks = vec![Block::Paragraph(text(t.groups_intro(&impact.column, &map, impact.min_group)))];
    if report.blind {
        blocks.push(Block::Paragraph(vec![Inline::Em(t.blind_groups.to_string())]));
    }
    blocks.push(Block::Heading(3, text(t.by_shortlist)));
    blocks.push(Block::Table(group_table(t, impact, t.shortlisted, |g| g.shortlist.as_ref())));
    blocks.push(Block::Heading(3, text(t.by_median)));
    blocks.push(Block::Paragraph(text(t.median(&t.one(impact.median)))));
    blocks.push(Block::Table(group_table(t, impact, t.above_median, |g| g.above_median.as_ref())));
    blocks.push(Block::Heading(3, text(t.legal_note_title)));
    blocks.push(Block::Paragraph(text(t.legal_note)));
    if !report.blind {
        blocks.push(Block::Heading(3, text(t.mapping_title)));
        blocks.push(Block::List(impact.groups.iter().map(|g| mapping_line(t, g)).collect()));
    }
    section("groups", t.groups, blocks)
}

fn group_label(t: &Texts, g: &GroupRow) -> String {
    if g.label.is_empty() { t.blank_value.to_string() } else { g.label.clone() }
}

fn mapping_line(t: &Texts, g: &GroupRow) -> Text {
    let values: Vec<String> =
        g.values.iter().map(|v| if v.is_empty() { t.blank_value.to_string() } else { v.clone() }).collect();
    let mut line =
        vec![Inline::Strong(format!("{}:", group_label(t, g))), Inline::Text(format!(" {}", values.join(", ")))];
    if !g.mapped {
        line.push(Inline::Em(format!(" ({})", t.not_in_map)));
    }
    line
}

fn group_table(t: &Texts, impact: &Impact, selected: &str, rate: impl Fn(&GroupRow) -> Option<&Rate>) -> Table {
    let head = [t.group, t.applicants, selected, t.share_of_group, t.ratio, t.remark].map(Cell::plain).to_vec();
    let rows = impact
        .groups
        .iter()
        .map(|g| {
            let r = rate(g);
            let dash = || "–".to_string();
            let remark = match r {
                None => t.too_small,
                Some(r) if r.reference => t.highest_share,
                Some(r) if r.under_four_fifths => t.under_four_fifths,
                Some(_) => t.no_remark,
            };
            let cells = vec![
                Cell::plain(group_label(t, g)),
                Cell::plain(g.applicants.to_string()),
                Cell::plain(r.map(|r| r.selected.to_string()).unwrap_or_else(dash)),
                Cell::plain(r.map(|r| format!("{} %", t.whole(100.0 * r.share))).unwrap_or_else(dash)),
                Cell::plain(r.and_then(|r| r.ratio).map(|x| t.decimal(&format!("{x:.2}"))).unwrap_or_else(dash)),
                Cell::plain(remark),
            ];
            Row { key: None, class: r.filter(|r| r.under_four_fifths).map(|_| "flagged"), cells }
        })
        .collect();
    Table { id: None, class: "groups", head, numeric: vec![false, true, true, true, true, false], rows }
}

fn quality(report: &Report, t: &Texts) -> Block {
    let mut blocks = vec![Block::Paragraph(text(t.quality_intro))];
    if report.issues.is_empty() {
        blocks.push(Block::Paragraph(text(t.no_issues)));
    } else {
        let head = [t.applicant, t.criterion, t.field, t.problem].map(Cell::plain).to_vec();
        let rows = report
            .issues
            .iter()
            .flat_map(|a| {
                let entry = &report.ranking[a.entry];
                a.issues.iter().map(move |i| Row {
                    key: None,
                    class: None,
                    cells: vec![
                        Cell::plain(who(entry)),
                        Cell::plain(&i.criterion),
                        Cell::plain(&i.column),
                        Cell::plain(t.issue(i.kind, &i.value)),
                    ],
                })
            })
            .collect();
        blocks.push(Block::Table(Table { id: None, class: "issues", head, numeric: vec![false; 4], rows }));
    }
    blocks.push(Block::Heading(3, text(t.rejected_rows)));
    if report.rejected.is_empty() {
        blocks.push(Block::Paragraph(text(t.no_rejected)));
    } else {
        let items = report
            .rejected
            .iter()
            .map(|r| {
                vec![
                    Inline::Strong(format!("{}:", t.rejected_row(r.line))),
                    Inline::Text(" ".into()),
                    Inline::Code(r.reason.clone()),
                ]
            })
            .collect();
        blocks.push(Block::List(items));
        if (report.rejected.len() as u64) < report.counts.rejected {
            blocks.push(Block::Paragraph(text(t.more_rejected(report.rejected.len(), report.counts.rejected))));
        }
    }
    if !report.file_notes.is_empty() {
        blocks.push(Block::Heading(3, text(t.file_notes)));
        blocks.push(Block::List(report.file_notes.iter().map(|n| vec![Inline::Code(n.clone())]).collect()));
    }
    section("quality", t.quality, blocks)
}

fn run_record(report: &Report, t: &Texts) -> Block {
    let r = &report.record;
    let mut items = vec![(t.program.to_string(), text(&r.profilmatch)), (t.time.to_string(), text(&r.time))];
    for input in &r.inputs {
        let label = if input.role == "rubric" { t.rubric_file } else { t.applicant_file };
        items.push((
            label.to_string(),
            vec![Inline::Code(input.path.clone()), Inline::Break, Inline::Code(format!("SHA-256 {}", input.sha256))],
        ));
    }
    let a = &r.applicants;
    let read = t.read_as(a.encoding.label(), &crate::input::delimiter_name(a.delimiter), a.decimal_comma);
    items.push((t.how_read.to_string(), text(read)));
    let weights: Vec<String> = report.competencies.iter().map(|c| format!("{}={}", c.id, t.value(c.weight))).collect();
    items.push((t.weights_used.to_string(), vec![Inline::Code(weights.join(" "))]));
    let options: Vec<String> =
        r.options.iter().filter(|(_, v)| shown_option(v)).map(|(k, v)| format!("{k}={v}")).collect();
    items.push((t.options.to_string(), vec![Inline::Code(options.join(" "))]));
    if let Some(rubric) = r.rubrics.first() {
        items.push((t.approval.to_string(), approval_text(t, &report.approval)));
        items.push((t.weights_fingerprint.to_string(), vec![Inline::Code(rubric.weights_sha256.clone())]));
        items.push((t.rules_fingerprint.to_string(), vec![Inline::Code(rubric.rules_sha256.clone())]));
    }
    section("run", t.run, vec![Block::Definitions(items)])
}

/// Options left at "off" (null, false, an empty list) are not shown.
fn shown_option(value: &serde_json::Value) -> bool {
    !(value.is_null() || *value == serde_json::json!(false) || value.as_array().is_some_and(Vec::is_empty))
}

fn approval_text(t: &Texts, approval: &ApprovalStatus) -> Text {
    match approval {
        ApprovalStatus::NotApproved => text(t.not_approved),
        ApprovalStatus::Approved { approval } => text(t.approved(&approval.approved_by, &approval.approved_at)),
        ApprovalStatus::Changed { approval, weights_differ, rules_differ, .. } => {
            text(t.approval_changed(&approval.approved_by, &approval.approved_at, *weights_differ, *rules_differ))
        }
    }
}
