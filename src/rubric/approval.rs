//! Locked weights: fingerprints of a rubric's weights and of its scoring rules, the `[approval]`
//! that `profilmatch rubric approve` writes, and whether a run's rubric still matches it.
//!
//! A committee approves the rubric (who, when) before the applications are opened; the approval
//! keeps two SHA-256 fingerprints of canonical texts: one of every competency and criterion weight,
//! one of every other thing that can change a score (terms, fields, `need`, `fuzzy`, curves,
//! choices, requirements and their thresholds, column roles). Labels, sources, comments and layout
//! are not in either, so fixing a typo in a label keeps the approval; changing a weight, a term or
//! a threshold does not. A run compares the fingerprints of the rubric as used (after any
//! `--weight`) with the approved ones, and its report and run record say whether they match.

use serde_json::{Value, json};

use super::model::{Approval, Check, NumberRule, Rubric};
use crate::digest::sha256_hex;

/// The SHA-256 of the canonical text of every competency and criterion weight, by id, in order.
pub fn weights_sha256(rubric: &Rubric) -> String {
    let weights: Vec<Value> = rubric
        .competencies
        .iter()
        .map(|c| {
            let criteria: Vec<Value> = c.criteria.iter().map(|k| json!([k.id, k.weight])).collect();
            json!([c.id, c.weight, criteria])
        })
        .collect();
    sha256_hex(Value::Array(weights).to_string().as_bytes())
}

/// The SHA-256 of the canonical text of every scoring rule that is not a weight.
pub fn rules_sha256(rubric: &Rubric) -> String {
    let columns = &rubric.columns;
    let names = |list: &[super::ColumnRef]| list.iter().map(|c| c.name.clone()).collect::<Vec<_>>();
    let competencies: Vec<Value> = rubric
        .competencies
        .iter()
        .map(|c| json!([c.id, c.criteria.iter().map(|k| json!([k.id, check(&k.check)])).collect::<Vec<_>>()]))
        .collect();
    let requirements: Vec<Value> =
        rubric.requirements.iter().map(|r| json!([r.id, r.at_least, check(&r.check)])).collect();
    let rules = json!({
        "fuzzy": rubric.meta.fuzzy,
        "listed_credit": rubric.meta.listed_credit,
        "sentence_criteria": rubric.meta.sentence_criteria,
        "columns": {
            "id": columns.id.name,
            "name": columns.name.name,
            "text": columns.text.as_deref().map(names),
            "contact": names(&columns.contact),
            "protected": names(&columns.protected),
        },
        "competencies": competencies,
        "requirements": requirements,
    });
    sha256_hex(rules.to_string().as_bytes())
}

fn check(check: &Check) -> Value {
    match check {
        Check::Terms { terms, fields, need, fuzzy, exclude } => json!({
            "terms": terms.iter().map(|t| json!([t.text, t.members, t.exclude])).collect::<Vec<_>>(),
            "exclude": exclude,
            "fields": fields.as_ref().map(|f| f.iter().map(|c| c.name.clone()).collect::<Vec<_>>()),
            "need": need,
            "fuzzy": fuzzy,
        }),
        Check::Number { field, rule: NumberRule::Curve(points) } => json!({ "field": field.name, "curve": points }),
        Check::Number { field, rule: NumberRule::Min(min) } => json!({ "field": field.name, "min": min }),
        Check::Choice { field, choices } => json!({ "field": field.name, "choices": choices }),
        Check::Flag { field } => json!({ "field": field.name }),
    }
}

/// How a rubric as used compares with its `[approval]`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum ApprovalStatus {
    /// The rubric has no `[approval]`.
    NotApproved,
    /// Approved, and the weights and rules used are the approved ones.
    Approved {
        /// The approval.
        #[serde(flatten)]
        approval: Approval,
    },
    /// Approved, but the weights or the rules used differ from the approved ones (an edited
    /// rubric, or `--weight`).
    Changed {
        /// The approval.
        #[serde(flatten)]
        approval: Approval,
        /// Whether the weights used differ.
        weights_differ: bool,
        /// Whether the rules used differ.
        rules_differ: bool,
        /// The fingerprint of the weights used.
        weights_used_sha256: String,
    },
}

impl ApprovalStatus {
    /// Compares `rubric` (with the weights in force for this run) with its approval.
    pub fn of(rubric: &Rubric) -> ApprovalStatus {
        let Some(approval) = rubric.approval.clone() else {
            return ApprovalStatus::NotApproved;
        };
        let weights_used_sha256 = weights_sha256(rubric);
        let weights_differ = weights_used_sha256 != approval.weights_sha256;
        let rules_differ = rules_sha256(rubric) != approval.rules_sha256;
        if weights_differ || rules_differ {
            ApprovalStatus::Changed { approval, weights_differ, rules_differ, weights_used_sha256 }
        } else {
            ApprovalStatus::Approved { approval }
        }
    }

    /// A warning for standard error when the run's rubric is not the approved one.
    pub fn warning(&self, path: &str) -> Option<String> {
        match self {
            ApprovalStatus::Changed { approval, weights_differ, rules_differ, .. } => {
                let what = match (weights_differ, rules_differ) {
                    (true, true) => "the weights and the scoring rules",
                    (true, false) => "the weights",
                    _ => "the scoring rules",
                };
                Some(format!(
                    "{path}: {what} used differ from those approved by {} at {}; the report and run record say so",
                    approval.approved_by, approval.approved_at
                ))
            }
            _ => None,
        }
    }
}

/// The rubric text with an `[approval]` table for `rubric` (by `approved_by`, at `approved_at`),
/// replacing any earlier one. Every comment, key order and number format of the rest stays as
/// written (the file is edited with toml_edit).
pub fn write_approval(text: &str, rubric: &Rubric, approved_by: &str, approved_at: &str) -> Result<String, String> {
    let mut document: toml_edit::DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| e.to_string())?;
    document.remove("approval");
    let mut table = toml_edit::Table::new();
    table.insert("approved_by", toml_edit::value(approved_by));
    table.insert("approved_at", toml_edit::value(approved_at));
    table.insert("weights_sha256", toml_edit::value(weights_sha256(rubric)));
    table.insert("rules_sha256", toml_edit::value(rules_sha256(rubric)));
    // Comments after the last table (a closing note) stay where they were written, before the
    // approval: the approval is added at the very end of the file.
    let trailing = document.trailing().as_str().unwrap_or("").to_string();
    document.set_trailing("");
    table.decor_mut().set_prefix(format!(
        "{trailing}\n# Written by `profilmatch rubric approve`: who approved these weights and rules, and when.\n\
         # Changing a weight, a term or a threshold afterwards shows as a change in every report.\n",
    ));
    document.insert("approval", toml_edit::Item::Table(table));
    Ok(document.to_string())
}

/// The rubric text without its `[approval]` table (for a rubric whose weights were changed, as
/// `tune --write-rubric` does), and whether there was one.
pub fn remove_approval(text: &str) -> Result<(String, bool), String> {
    let mut document: toml_edit::DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| e.to_string())?;
    let removed = document.remove("approval").is_some();
    Ok((document.to_string(), removed))
}

#[cfg(test)]
mod tests {
    use super::*;

    const RUBRIC: &str = "# A comment that must stay.\n[rubric]\nid = \"r\"\ntitle = \"T\"\norganisation = \"O\"\n\
        source = \"s\"\nversion = \"1\"\n\n[[competency]]\nid = \"a\"\nlabel = \"A\"\nweight = 2\nsource = \"s\"\n\n\
        [[competency.criterion]]\nid = \"k\"\nlabel = \"K\"\nsource = \"s\"\nkind = \"terms\"\nterms = [\"budget*\"]\n";

    fn parse(text: &str) -> Rubric {
        crate::rubric::parse("r.toml", text).expect("a valid rubric")
    }

    #[test]
    fn an_approved_rubric_matches_until_a_weight_or_a_rule_changes() {
        let rubric = parse(RUBRIC);
        assert_eq!(ApprovalStatus::of(&rubric), ApprovalStatus::NotApproved);
        let approved = write_approval(RUBRIC, &rubric, "HR", "2024-03-01T10:00:00Z").unwrap();
        assert!(approved.starts_with("# A comment that must stay.\n"), "{approved}");
        let mut rubric = parse(&approved);
        assert!(matches!(ApprovalStatus::of(&rubric), ApprovalStatus::Approved { .. }));
        // A label is not a rule: the approval holds.
        assert!(matches!(
            ApprovalStatus::of(&parse(&approved.replace("label = \"K\"", "label = \"Kk\""))),
            ApprovalStatus::Approved { .. }
        ));
        // A term is a rule.
        let edited = parse(&approved.replace("budget*", "budgetansvar"));
        assert!(matches!(
            ApprovalStatus::of(&edited),
            ApprovalStatus::Changed { weights_differ: false, rules_differ: true, .. }
        ));
        // --weight a=3 changes the weights used.
        rubric.set_weights(&[("a".into(), 3.0)]).unwrap();
        let status = ApprovalStatus::of(&rubric);
        assert!(matches!(status, ApprovalStatus::Changed { weights_differ: true, rules_differ: false, .. }));
        assert!(status.warning("r.toml").unwrap().contains("the weights used differ from those approved by HR"));
        // Approving again replaces the table rather than adding a second one.
        let again = write_approval(&approved, &rubric, "Udvalget", "2024-03-02T10:00:00Z").unwrap();
        assert_eq!(again.matches("[approval]").count(), 1);
        assert!(matches!(
            ApprovalStatus::of(&parse(&again.replace("weight = 2", "weight = 3"))),
            ApprovalStatus::Approved { .. }
        ));
        let (removed, had) = remove_approval(&again).unwrap();
        assert!(had && !removed.contains("[approval]"));
    }

    #[test]
    fn a_malformed_fingerprint_is_a_rubric_error_with_its_line() {
        let text = format!(
            "{RUBRIC}\n[approval]\napproved_by = \"HR\"\napproved_at = \"x\"\nweights_sha256 = \"abc\"\nrules_sha256 = \"{}\"\n",
            "0".repeat(64)
        );
        let Err(crate::Error::Rubric(problems)) = crate::rubric::parse("r.toml", &text) else { panic!("an error") };
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].to_string().starts_with("r.toml:25: [approval] weights_sha256 must be 64"),
            "{}",
            problems[0]
        );
    }
}
