//! `profilmatch letters`: one draft statement of reasons per applicant, in Markdown and HTML.
//!
//! A rejection is a decision under forvaltningsloven: it needs reasons (§ 22) that name the main
//! considerations (§ 24: in hiring, "de hovedmomenter, der er tillagt vægt"). Each draft states,
//! for every competency of the profile, in the profile's own words, what the application
//! documented (a quoted sentence or a stated value), what it did not, and how the applicant was
//! placed; every statement rests on a quoted sentence or a stated value of the applicant's own.
//! A draft is marked as a draft for a person to confirm, leaves the decision's own wording to the
//! committee in brackets, and is built from the applicant's own scorecard alone: nothing in it
//! names or quotes another applicant. With `--blind` it is addressed by id, and the applicant's
//! own name, contact and protected values are redacted from its quotes by [`crate::redact`].

use std::collections::HashSet;

use super::build::{competencies, detail};
use super::doc::{Block, Inline, Text, Tone, text};
use super::html;
use super::i18n::{Lang, Texts};
use super::markdown;
use super::model::*;
use super::sections::shown;
use crate::error::Result;
use crate::pipeline::Session;
use crate::rank::top_len;
use crate::rubric::Meta;

/// The formats a letter is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum LetterFormat {
    /// Markdown (`.md`).
    Markdown,
    /// One self-contained, printable HTML page (`.html`).
    Html,
}

impl LetterFormat {
    fn extension(self) -> &'static str {
        match self {
            LetterFormat::Markdown => "md",
            LetterFormat::Html => "html",
        }
    }
}

/// What the user asked of the letters.
#[derive(Debug, Clone)]
pub struct LetterOptions {
    /// The language.
    pub lang: Lang,
    /// Addressed by id, with the applicant's own identifying values redacted.
    pub blind: bool,
    /// The shortlist length, when the letters should say whether the applicant was on it.
    pub shortlist: Option<usize>,
    /// The formats to write.
    pub formats: Vec<LetterFormat>,
}

/// One applicant's letter, as data.
#[derive(Debug, Clone)]
pub struct Letter<'a> {
    /// The applicant's id.
    pub id: String,
    /// The name (never when blind).
    pub name: Option<String>,
    /// The place in the screening.
    pub rank: usize,
    /// Whether the place is shared.
    pub tied: bool,
    /// How many applicants were screened.
    pub applicants: usize,
    /// How many went on (the shortlist with ties at the cut) and whether the applicant did.
    pub shortlist: Option<(usize, bool)>,
    /// The application's ranking group: a requirement not met, or the core area not documented,
    /// places it after the applications without.
    pub standing: crate::rank::Standing,
    /// How many applications were placed ahead of it for being in a better group (0: its group
    /// decided nothing, and the letter does not say it did).
    pub better_group: usize,
    /// The core gate as it applies to this application (`None` without `[core]`).
    pub core: Option<CoreGate>,
    /// The rubric's metadata.
    pub meta: &'a Meta,
    /// The competencies, in rubric order.
    pub competencies: &'a [CompetencyInfo],
    /// The explanation.
    pub detail: Detail,
    /// The date, `YYYY-MM-DD`.
    pub date: &'a str,
}

/// The core gate as it applies to one application.
#[derive(Debug, Clone, PartialEq)]
pub struct CoreGate {
    /// The core competencies' labels, each with the application's score in it.
    pub parts: Vec<(String, f64)>,
    /// The application's core score (their weighted average).
    pub score: f64,
    /// The score needed.
    pub min_score: f64,
}

/// Builds every applicant's letter, in rank order, and hands each file to `write` as (file name,
/// bytes). File names are the id with anything but letters, digits, `-` and `_` replaced by `_`
/// (and the line number added when two ids would give the same name). Returns the number of
/// letters.
pub fn for_each_letter(
    session: &Session,
    options: &LetterOptions,
    date: &str,
    write: &mut dyn FnMut(&str, &[u8]) -> std::io::Result<()>,
) -> Result<usize> {
    let rubric = &session.engine.rubrics[0].rubric;
    let run = &session.runs[0];
    let applicants = run.placements.len();
    // The shortlist as ranked: the first N and everyone tied with the N-th.
    let cut = options.shortlist.map(|n| top_len(&run.placements, n));
    let infos = competencies(rubric);
    // How many applications each ranking group holds, best group first.
    let mut groups = [0usize; 3];
    for row in &run.rows {
        groups[row.summary.standing() as usize] += 1;
    }
    let mut names = HashSet::new();
    let mut position = 0;
    session.for_each_ranked(0, applicants, &mut |placement, card| {
        let card = if options.blind { crate::redact::blind_scorecard(card) } else { card.clone() };
        let letter = Letter {
            id: card.id.clone(),
            name: (!options.blind && !card.name.is_empty()).then(|| card.name.clone()),
            rank: placement.rank,
            tied: placement.tied,
            applicants,
            shortlist: cut.map(|len| (len, position < len)),
            standing: card.standing(),
            better_group: groups[..card.standing() as usize].iter().sum(),
            core: rubric.core.as_ref().zip(card.core_score).map(|(core, score)| {
                let parts = rubric
                    .competencies
                    .iter()
                    .zip(&card.competencies)
                    .filter(|(c, _)| c.core)
                    .map(|(c, scored)| (c.label.clone(), scored.score))
                    .collect();
                CoreGate { parts, score, min_score: core.min_score }
            }),
            meta: &rubric.meta,
            competencies: &infos,
            detail: detail(rubric, &card),
            date,
        };
        position += 1;
        let stem = file_stem(&card.id, card.line, &mut names);
        for format in &options.formats {
            let bytes = render(&letter, options.lang, *format);
            write(&format!("{stem}.{}", format.extension()), bytes.as_bytes())?;
        }
        Ok(())
    })?;
    Ok(applicants)
}

fn file_stem(id: &str, line: u64, used: &mut HashSet<String>) -> String {
    let safe: String = id.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    let mut stem = if safe.is_empty() { format!("line-{line}") } else { safe };
    if !used.insert(stem.clone()) {
        stem = format!("{stem}-line-{line}");
        used.insert(stem.clone());
    }
    stem
}

/// A letter in one format.
pub fn render(letter: &Letter<'_>, lang: Lang, format: LetterFormat) -> String {
    let t = lang.texts();
    let blocks = document(letter, t);
    match format {
        LetterFormat::Markdown => markdown::document(&blocks, t.letter_footer),
        LetterFormat::Html => {
            let title = t.letter_title(&letter.meta.title);
            let generator = format!("profilmatch {}", env!("CARGO_PKG_VERSION"));
            let head = html::Head { lang: lang.tag(), title: &title, generator: &generator };
            html::page(&head, &blocks, t.letter_footer, None)
        }
    }
}

/// A letter as a document.
pub fn document(letter: &Letter<'_>, t: &Texts) -> Vec<Block> {
    let addressee = letter.name.clone().unwrap_or_else(|| t.applicant_id(&letter.id));
    let greeting = match &letter.name {
        Some(name) => t.dear(name),
        None => t.dear_applicant.to_string(),
    };
    let mut blocks = vec![
        Block::Notice(Tone::Warning, text(t.draft)),
        Block::Banner {
            kicker: t.letter_kicker.to_string(),
            title: t.letter_title(&letter.meta.title),
            subtitle: letter.meta.organisation.clone(),
            facts: vec![
                (t.to.to_string(), addressee),
                (t.id.to_string(), letter.id.clone()),
                (t.position.to_string(), letter.meta.title.clone()),
                (t.employer.to_string(), letter.meta.organisation.clone()),
                (t.date.to_string(), letter.date.to_string()),
            ],
        },
        Block::Paragraph(text(greeting)),
        Block::Paragraph(text(t.letter_intro(letter.applicants))),
        Block::Paragraph(text(t.placement(
            letter.rank,
            letter.tied,
            letter.applicants,
            letter.shortlist,
            letter.standing,
            letter.better_group,
        ))),
        Block::Paragraph(vec![Inline::Em(t.decision_placeholder.to_string())]),
        considerations(letter, t),
    ];
    if let (crate::rank::Standing::CoreNotDocumented, Some(core)) = (letter.standing, &letter.core) {
        // Each core competency with its own score, so that the applicant sees which part fell short.
        let names: Vec<String> = core.parts.iter().map(|(label, score)| t.core_part(label, &t.one(*score))).collect();
        let line = t.core_in_letter(&names.join(", "), &t.one(core.score), &t.value(core.min_score));
        blocks.insert(blocks.len() - 1, Block::Paragraph(text(line)));
    }
    if !letter.detail.requirements.is_empty() {
        blocks.push(requirements(letter, t));
    }
    blocks.push(Block::Paragraph(text(t.human)));
    blocks.push(Block::Section {
        id: "rights".into(),
        title: t.rights.to_string(),
        blocks: vec![Block::List(t.rights_items.iter().map(|s| text(*s)).collect())],
    });
    blocks.push(Block::Paragraph(vec![
        Inline::Text(t.closing.to_string()),
        Inline::Break,
        Inline::Em(t.signature_placeholder.to_string()),
    ]));
    blocks
}

fn considerations(letter: &Letter<'_>, t: &Texts) -> Block {
    let mut order: Vec<usize> = (0..letter.competencies.len()).collect();
    // Heaviest first: the main considerations lead. Stable, so equal weights keep rubric order.
    order.sort_by(|a, b| letter.competencies[*b].share.total_cmp(&letter.competencies[*a].share));
    let mut blocks = vec![Block::Paragraph(text(t.considerations_intro))];
    for k in order {
        let competency = &letter.competencies[k];
        if competency.weight == 0.0 {
            continue;
        }
        blocks.push(Block::Heading(3, text(t.letter_competency(&competency.label, &t.whole(competency.share)))));
        blocks.push(Block::Paragraph(vec![
            Inline::Em(format!("{}:", t.from_profile)),
            Inline::Text(" ".into()),
            Inline::Quote(competency.source.clone()),
        ]));
        blocks.extend(competency_findings(letter, t, k));
    }
    Block::Section { id: "considerations".into(), title: t.considerations.to_string(), blocks }
}

/// What the application documents for competency `k`, and what it does not.
fn competency_findings(letter: &Letter<'_>, t: &Texts, k: usize) -> Vec<Block> {
    let mut items: Vec<Text> = Vec::new();
    let mut not_documented: Vec<&str> = Vec::new();
    for c in letter.detail.criteria.iter().filter(|c| c.competency == k) {
        match c.status {
            CriterionStatus::NotDocumented => match &c.rule {
                // A value criterion whose cell is blank: name the field, so that the applicant knows
                // what was missing.
                Rule::Curve { column, .. }
                | Rule::Min { column, .. }
                | Rule::Choice { column, .. }
                | Rule::Flag { column } => {
                    let column = (*column != c.label).then_some(column.as_str());
                    items.push(text(t.letter_blank(&c.label, column)));
                }
                Rule::Terms { .. } => not_documented.push(&c.label),
            },
            CriterionStatus::Denied => {
                items.extend(quoted(&t.letter_denied(&c.label, false), c, |q| q.status == QuoteStatus::Denied));
                items.extend(quoted(&t.letter_denied(&c.label, true), c, |q| q.status == QuoteStatus::Limited))
            }
            CriterionStatus::Unreadable => {
                let (value, column) = value_of(t, c);
                let column = (column != c.label).then_some(column.as_str());
                items.push(text(t.letter_unreadable(&c.label, &value, column)));
            }
            _ if c.value.is_some() => {
                let (value, column) = value_of(t, c);
                let column = (column != c.label).then_some(column.as_str());
                let full = matches!(c.status, CriterionStatus::Partial | CriterionStatus::NoCredit)
                    .then(|| full_points(t, &c.rule))
                    .flatten();
                items.push(text(t.letter_value(&c.label, &value, column, c.status, full.as_deref())));
            }
            _ => items.extend(quoted_by_field(t, c)),
        }
    }
    let mut blocks = Vec::new();
    if !items.is_empty() {
        blocks.push(Block::Paragraph(vec![Inline::Strong(format!("{}:", t.documented))]));
        blocks.push(Block::List(items));
    }
    if !not_documented.is_empty() {
        blocks.push(Block::Paragraph(text(t.letter_not_documented(&not_documented.join("; ")))));
    }
    blocks
}

/// The sentences that document a criterion (up to three, distinct), each under the field it was
/// read in: "X – i feltet «Erfaring» skriver du: “…” og i feltet «Resumé»: “…”".
fn quoted_by_field(t: &Texts, c: &CriterionView) -> Option<Text> {
    let mut fields: Vec<(String, Vec<&str>)> = Vec::new();
    let mut count = 0;
    for q in c.quotes.iter().filter(|q| q.status.counts()) {
        if count == 3 || fields.iter().any(|(_, s)| s.contains(&q.sentence.as_str())) {
            continue;
        }
        let place = q.place(t.page, t.paragraph);
        match fields.iter_mut().find(|(p, _)| *p == place) {
            Some((_, sentences)) => sentences.push(&q.sentence),
            None => fields.push((place, vec![&q.sentence])),
        }
        count += 1;
    }
    let mut line = Vec::new();
    for (i, (place, sentences)) in fields.iter().enumerate() {
        if i == 0 {
            line = text(t.letter_quote(&c.label, place));
        } else {
            line.push(Inline::Break);
            line.extend(text(t.letter_quote_also(place)));
        }
        for s in sentences {
            line.push(Inline::Break);
            line.push(Inline::Quote(s.to_string()));
        }
    }
    (!line.is_empty()).then_some(line)
}

/// A lead-in and up to three distinct sentences that support it.
fn quoted(lead: &str, c: &CriterionView, keep: impl Fn(&Quote) -> bool) -> Option<Text> {
    let mut sentences: Vec<&str> = Vec::new();
    for q in c.quotes.iter().filter(|q| keep(q)) {
        if !sentences.contains(&q.sentence.as_str()) && sentences.len() < 3 {
            sentences.push(&q.sentence);
        }
    }
    if sentences.is_empty() {
        return None;
    }
    let mut line = text(lead);
    for s in sentences {
        line.push(Inline::Break);
        line.push(Inline::Quote(s.to_string()));
    }
    Some(line)
}

/// What gives full points under a value rule, for a person to see where the bar is.
fn full_points(t: &Texts, rule: &Rule) -> Option<String> {
    match rule {
        Rule::Curve { points, .. } => {
            points.iter().find(|(_, credit)| *credit >= 1.0).map(|(x, _)| t.full_at(&t.value(*x)))
        }
        Rule::Min { min, .. } => Some(t.full_at(&t.value(*min))),
        Rule::Choice { choices, .. } => {
            let full: Vec<&str> = choices.iter().filter(|(_, c)| *c >= 1.0).map(|(v, _)| v.as_str()).collect();
            (!full.is_empty()).then(|| t.full_for(&full.join(", ")))
        }
        Rule::Flag { .. } => Some(t.full_for(t.yes)),
        Rule::Terms { .. } => None,
    }
}

/// A value as the letter states it. A yes-or-no value is said in the letter's language, with the
/// applicant's own word beside it when that differs ("ja («yes»)").
fn value_of(t: &Texts, c: &CriterionView) -> (String, String) {
    c.value
        .as_ref()
        .map(|v| {
            let written = shown(t, &v.value);
            let said = match (&c.rule, c.status) {
                (Rule::Flag { .. }, CriterionStatus::Full) => Some(t.yes),
                (Rule::Flag { .. }, CriterionStatus::NoCredit) => Some(t.no),
                _ => None,
            };
            let value = match said {
                Some(word) if !written.eq_ignore_ascii_case(word) => format!("{word} («{written}»)"),
                Some(word) => word.to_string(),
                None => written,
            };
            (value, v.column.clone())
        })
        .unwrap_or_default()
}

fn requirements(letter: &Letter<'_>, t: &Texts) -> Block {
    let items = letter
        .detail
        .requirements
        .iter()
        .map(|r| {
            let value = r.value.as_ref().map(|v| format!("{} ({})", shown(t, &v.value), v.column));
            let mut line = match (r.status, &r.column) {
                // Read from one field only: say so, and what the field held, not that the whole
                // application shows nothing (a former director's career is in the text).
                (RequirementStatus::NotDocumented, Some(column)) => {
                    let held = r.value.as_ref().map(|v| shown(t, &v.value));
                    text(t.letter_requirement_field(&r.label, column, held.as_deref()))
                }
                _ => text(t.letter_requirement(&r.label, r.status, value.as_deref())),
            };
            if r.status == RequirementStatus::Denied {
                for q in r.quotes.iter().filter(|q| q.status.denies()) {
                    line.push(Inline::Break);
                    line.push(Inline::Quote(q.sentence.clone()));
                }
            }
            line
        })
        .collect();
    Block::Section {
        id: "requirements".into(),
        title: t.letter_requirements.to_string(),
        blocks: vec![Block::List(items)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote(sentence: &str, status: QuoteStatus) -> Quote {
        Quote { sentence: sentence.into(), field: "Erfaring".into(), source: None, term: "x".into(), status }
    }

    fn criterion(label: &str, status: CriterionStatus, quotes: Vec<Quote>, value: Option<ShownValue>) -> CriterionView {
        CriterionView {
            competency: 0,
            label: label.into(),
            credit: 0.0,
            points: 0.0,
            max: 10.0,
            status,
            quotes,
            value: value.map(|value| ReadValue { column: "Felt".into(), value }),
            missing: Vec::new(),
            rule: Rule::Flag { column: "Felt".into() },
        }
    }

    fn requirement(label: &str, status: RequirementStatus, quotes: Vec<Quote>, value: Option<f64>) -> RequirementView {
        RequirementView {
            label: label.into(),
            source: String::new(),
            status,
            quotes,
            value: value.map(|n| ReadValue { column: "År som leder".into(), value: ShownValue::Number(n) }),
            column: None,
        }
    }

    #[test]
    fn every_status_has_its_own_wording_and_denials_quote_the_applicant() {
        let meta = Meta {
            id: "r".into(),
            title: "Direktør".into(),
            organisation: "Eksempel Kommune".into(),
            source: "s".into(),
            version: "1".into(),
            fuzzy: 0.88,
            listed_credit: 0.25,
            sentence_criteria: 4,
        };
        let competencies = vec![CompetencyInfo {
            id: "k".into(),
            label: "Ledelse".into(),
            weight: 1.0,
            share: 100.0,
            source: "Du er en synlig leder.".into(),
            criteria: Vec::new(),
        }];
        let detail = Detail {
            criteria: vec![
                // Quotes from two fields: each under its own field (and a repeated sentence once).
                criterion(
                    "Fundet",
                    CriterionStatus::Full,
                    vec![
                        quote("Jeg leder ledere.", QuoteStatus::Found),
                        Quote { field: "Resumé".into(), ..quote("Leder af ledere.", QuoteStatus::Synonym) },
                        quote("Jeg leder ledere.", QuoteStatus::Found),
                        quote("Jeg har ledt ledere før.", QuoteStatus::Found),
                        quote("Ikke med.", QuoteStatus::Listed),
                    ],
                    None,
                ),
                criterion(
                    "Benægtet",
                    CriterionStatus::Denied,
                    vec![quote("Jeg har ikke ledet ledere.", QuoteStatus::Denied)],
                    None,
                ),
                // A stated limitation is worded as one, not as "you do not have it"; a criterion
                // with both kinds of sentence gets one line for each.
                criterion(
                    "Begrænset",
                    CriterionStatus::Denied,
                    vec![
                        quote("Min erfaring med budgetter er begrænset.", QuoteStatus::Limited),
                        quote("Jeg har aldrig haft budgetansvar.", QuoteStatus::Denied),
                    ],
                    None,
                ),
                CriterionView {
                    rule: Rule::Terms { count: 1, need: 1, columns: vec!["Erfaring".into()], terms: vec!["x".into()] },
                    ..criterion("Ikke fundet", CriterionStatus::NotDocumented, vec![], None)
                },
                criterion("Nej", CriterionStatus::NoCredit, vec![], Some(ShownValue::Text("nej".into()))),
                // A yes written in English is said in the letter's language, with the word as written.
                criterion("Ja", CriterionStatus::Full, vec![], Some(ShownValue::Text("yes".into()))),
                // A blank cell: the field is named.
                criterion("Tom", CriterionStatus::NotDocumented, vec![], None),
            ],
            requirements: vec![
                requirement("Krav A", RequirementStatus::Met, vec![], Some(8.0)),
                requirement("Krav B", RequirementStatus::NotDocumented, vec![], None),
                // Read from one field: a blank one, and one holding a value the rubric does not list.
                RequirementView {
                    column: Some("Sektor".into()),
                    ..requirement("Krav E", RequirementStatus::NotDocumented, vec![], None)
                },
                RequirementView {
                    column: Some("Sektor".into()),
                    value: Some(ReadValue { column: "Sektor".into(), value: ShownValue::Text("privat".into()) }),
                    ..requirement("Krav F", RequirementStatus::NotDocumented, vec![], None)
                },
                requirement("Krav C", RequirementStatus::NotMet, vec![], Some(2.0)),
                requirement(
                    "Krav D",
                    RequirementStatus::Denied,
                    vec![
                        quote("Jeg har ingen lederuddannelse.", QuoteStatus::Denied),
                        quote("Min ledelseserfaring er begrænset.", QuoteStatus::Limited),
                    ],
                    None,
                ),
            ],
            issues: Vec::new(),
        };
        let letter = Letter {
            id: "A1".into(),
            name: None,
            rank: 3,
            tied: true,
            applicants: 9,
            shortlist: None,
            standing: crate::rank::Standing::RequirementNotMet,
            better_group: 2,
            core: None,
            meta: &meta,
            competencies: &competencies,
            detail,
            date: "2024-01-01",
        };
        let md = render(&letter, Lang::Da, LetterFormat::Markdown);
        for line in [
            "- Fundet – i feltet «Erfaring» skriver du:  \n“Jeg leder ledere.”  \n“Jeg har ledt ledere før.”  \nog i feltet «Resumé»:  \n“Leder af ledere.”\n",
            "- Benægtet: du skriver selv i din ansøgning, at du ikke har dette. Punktet giver derfor ingen point, men der er ikke trukket point fra:  \n“Jeg har ikke ledet ledere.”",
            "- Begrænset: du skriver selv i din ansøgning, at du ikke har dette. Punktet giver derfor ingen point, men der er ikke trukket point fra:  \n“Jeg har aldrig haft budgetansvar.”",
            "- Begrænset: du skriver selv i din ansøgning, at din erfaring med dette er begrænset eller indirekte. Punktet giver derfor ingen point, men der er ikke trukket point fra:  \n“Min erfaring med budgetter er begrænset.”",
            "I din ansøgning fandt vi ikke oplysninger om: Ikke fundet.",
            "- Nej: du har oplyst nej (feltet «Felt»); det giver ikke point efter stillingsprofilens kriterier (fuldt point for ja).",
            "- Ja: du har oplyst ja («yes») (feltet «Felt»).",
            "- Tom: feltet «Felt» er ikke udfyldt i din ansøgning og indgår derfor ikke.",
            "- Krav A: opfyldt.",
            "- Krav B: ikke dokumenteret. Vi fandt ingen oplysning i din ansøgning, der viser, at kravet er opfyldt.",
            "- Krav C: ikke opfyldt. Du har oplyst 2 (År som leder).",
            "- Krav D: ikke opfyldt efter din egen ansøgning:  \n“Jeg har ingen lederuddannelse.”  \n“Min ledelseserfaring er begrænset.”",
            "- Krav E: ikke dokumenteret. Screeningen læser kun kravet i feltet «Sektor», som ikke er udfyldt i din ansøgning.",
            "- Krav F: ikke dokumenteret. Screeningen læser kun kravet i feltet «Sektor», hvor du har oplyst «privat», og det afgør ikke kravet.",
            "I screeningen blev din ansøgning placeret som nr. 3 (delt placering) af 9. Ikke alle krav til stillingen er opfyldt (se nedenfor), og ansøgninger, der ikke opfylder alle krav, placeres efter dem, der gør.",
        ] {
            assert!(md.contains(line), "missing {line:?} in\n{md}");
        }
        // When no application was placed ahead for being in a better group (here: every one
        // misses a requirement), the letter does not say the group moved anyone.
        let alone = render(&Letter { better_group: 0, ..letter.clone() }, Lang::Da, LetterFormat::Markdown);
        assert!(
            alone.contains("Ikke alle krav til stillingen er opfyldt (se nedenfor). Ingen ansøgning er placeret foran din af den grund."),
            "{alone}"
        );
        assert!(!alone.contains("placeres efter dem, der gør"), "{alone}");
        let en = render(&letter, Lang::En, LetterFormat::Markdown);
        for line in [
            "- Krav B: not documented.",
            "- Krav C: not met. You stated 2 (År som leder).",
            "- Krav D: not met according to your own application:",
            "- Krav F: not documented. The screening reads this requirement only in the field “Sektor”, where you stated “privat”, which does not decide it.",
            "- Benægtet: you write in your application that you do not have this. The item therefore earns no points, but none were deducted:",
            "- Begrænset: you write in your application that your experience of this is limited or indirect. The item therefore earns no points, but none were deducted:",
        ] {
            assert!(en.contains(line), "missing {line:?} in\n{en}");
        }
    }

    #[test]
    fn file_names_are_safe_and_unique() {
        let mut used = HashSet::new();
        assert_eq!(file_stem("A001", 2, &mut used), "A001");
        assert_eq!(file_stem("../x", 3, &mut used), "___x");
        assert_eq!(file_stem("..", 4, &mut used), "__");
        assert_eq!(file_stem("A/01", 5, &mut used), "A_01");
        assert_eq!(file_stem("A_01", 6, &mut used), "A_01-line-6");
        assert_eq!(file_stem("", 7, &mut used), "line-7");
    }
}
