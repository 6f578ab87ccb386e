//! Weights learned from a committee's own judgements.
//!
//! Judgements are pairs "a is better than b", given as `better,worse` rows or derived from an
//! `id,rank` partial ranking (every pair with different ranks). On weight shares `x` (on the
//! simplex: `xₖ ≥ 0`, `Σ xₖ = 1`; weights are `x` times the rubric's total) a pair's margin is
//! `m(x) = Σ xₖ(aₖ − bₖ)`, the difference of the two totals in points. We minimise
//!
//! ```text
//! L_λ(x) = (1/n) Σ_pairs ln(1 + e^(−m(x)/τ)) + λ‖x − x₀‖²,   τ = 1 point,
//! ```
//!
//! a pairwise logistic loss with a pull towards the current shares `x₀`, by accelerated
//! projected gradient on the simplex (fixed step 1/L, fixed iteration count: deterministic), for
//! λ = 100, 10, 1, 0.1, 0.01, 0. Of the current weights and these solutions (rounded to 3
//! decimals), the one that agrees with most judgements wins; among equals the first in that
//! order, the one nearest the current weights. Pairs that a requirement decides (one meets
//! them, the other does not) cannot be changed by weights and are left out of the loss.

use std::collections::HashMap;

use super::{Scores, rank_by_index};
use crate::error::{Error, Location, Result};

/// τ, the margin scale of the logistic loss, in points of the total.
const TEMPERATURE: f64 = 1.0;
const PULLS: [f64; 6] = [100.0, 10.0, 1.0, 0.1, 0.01, 0.0];
const ITERATIONS: usize = 3000;
/// At most this many judgements are fitted (an `id,rank` file gives one per pair of candidates).
pub const MAX_JUDGEMENTS: usize = 10_000_000;

/// A judgement: candidate `better` (index into [`Scores::ids`]) should rank ahead of `worse`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Judgement {
    /// The better candidate.
    pub better: usize,
    /// The worse candidate.
    pub worse: usize,
    /// The line of the judgements file it comes from.
    pub line: u64,
}

/// Reads judgements (`better,worse` or `id,rank`, with that header) from CSV text named `path`.
pub fn read_judgements(path: &str, text: &str, scores: &Scores) -> Result<Vec<Judgement>> {
    let index: HashMap<&str, usize> = scores.ids.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
    // Excel in a Danish locale saves `;`-separated files: sniffed as the applicant file is.
    let (delimiter, body) = crate::input::sniff_small_csv(text.trim_start_matches('\u{feff}'));
    let skipped = u64::from(body.len() != text.trim_start_matches('\u{feff}').len());
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(body.as_bytes());
    let at = |line: u64| Location::line(path, line + skipped);
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| Error::input(at(1), e.to_string()))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_ascii_lowercase())
        .collect();
    let ranked = match header.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["better", "worse"] => false,
        ["id", "rank"] => true,
        _ => {
            return Err(Error::input(at(1), format!("header is {header:?}; expected 'better,worse' or 'id,rank'")));
        }
    };
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            Error::input(at(line), e.to_string())
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let lookup = |id: &str| {
            index
                .get(id)
                .copied()
                .ok_or_else(|| Error::input(at(line), format!("unknown id '{id}' (not a scored applicant)")))
        };
        rows.push((line + skipped, lookup(&record[0])?, record[1].to_string()));
    }
    if ranked { pairs_from_ranks(path, rows) } else { pairs(path, rows, &index) }
}

fn pairs(path: &str, rows: Vec<(u64, usize, String)>, index: &HashMap<&str, usize>) -> Result<Vec<Judgement>> {
    rows.into_iter()
        .map(|(line, better, worse)| {
            let worse = index.get(worse.as_str()).copied().ok_or_else(|| {
                Error::input(Location::line(path, line), format!("unknown id '{worse}' (not a scored applicant)"))
            })?;
            if worse == better {
                return Err(Error::input(Location::line(path, line), "a candidate cannot be better than itself"));
            }
            Ok(Judgement { better, worse, line })
        })
        .collect()
}

fn pairs_from_ranks(path: &str, rows: Vec<(u64, usize, String)>) -> Result<Vec<Judgement>> {
    let mut ranked: Vec<(u64, usize, f64)> = Vec::new();
    let mut first_line: HashMap<usize, u64> = HashMap::new();
    for (line, id, rank) in rows {
        let value: f64 = rank
            .parse()
            .ok()
            .filter(|r: &f64| r.is_finite())
            .ok_or_else(|| Error::input(Location::line(path, line), format!("rank '{rank}' is not a number")))?;
        if let Some(first) = first_line.insert(id, line) {
            return Err(Error::input(
                Location::line(path, line),
                format!("this candidate is already ranked on line {first}"),
            ));
        }
        ranked.push((line, id, value));
    }
    // Every pair of a ranking of r candidates is r(r−1)/2 judgements: bounded before they are made.
    let pairs = (ranked.len() as u128) * (ranked.len() as u128).saturating_sub(1) / 2;
    if pairs > MAX_JUDGEMENTS as u128 {
        return Err(Error::input(
            Location::file(path),
            format!(
                "a ranking of {} candidates gives {pairs} pairs to fit, more than {MAX_JUDGEMENTS}; rank fewer candidates, or give better,worse pairs",
                ranked.len()
            ),
        ));
    }
    let mut judgements = Vec::new();
    for &(line_a, a, rank_a) in &ranked {
        for &(line_b, b, rank_b) in &ranked {
            if rank_a < rank_b {
                judgements.push(Judgement { better: a, worse: b, line: line_a.max(line_b) });
            }
        }
    }
    Ok(judgements)
}

/// The fitted weights and how well each set agrees.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    /// The current weights.
    pub before: Vec<f64>,
    /// The fitted weights (same sum, rounded to 3 decimals).
    pub after: Vec<f64>,
    /// How many judgements.
    pub judgements: usize,
    /// How many the current weights agree with.
    pub agree_before: usize,
    /// How many the fitted weights agree with.
    pub agree_after: usize,
    /// Judgements the fitted weights still contradict.
    pub disagreements: Vec<Judgement>,
    /// Judgements that a requirement decides against (no weights can satisfy them).
    pub decided_by_requirements: usize,
    /// Fewer judgements than competencies: the data cannot pin the weights down.
    pub underdetermined: bool,
}

/// How many judgements `weights` agree with: `better` ranks strictly ahead of `worse` by the rule
/// of `profilmatch score`.
pub fn agreement(scores: &Scores, weights: &[f64], judgements: &[Judgement]) -> Vec<bool> {
    let ranks = rank_by_index(&scores.ranking(weights));
    judgements.iter().map(|j| ranks[j.better] < ranks[j.worse]).collect()
}

/// Fits weights to the judgements (see the module documentation).
pub fn fit(scores: &Scores, judgements: &[Judgement]) -> Fit {
    let total: f64 = scores.weights.iter().sum();
    let current: Vec<f64> = scores.weights.iter().map(|w| w / total).collect();
    let standing = |i: usize| scores.standing(i, &scores.weights);
    let free = Pairs::new(scores, judgements.iter().filter(|j| standing(j.better) == standing(j.worse)));
    let count = |w: &[f64]| agreement(scores, w, judgements).iter().filter(|&&a| a).count();
    let agree_before = count(&scores.weights);
    let mut best = (scores.weights.clone(), agree_before);
    for pull in PULLS {
        let shares = minimise(&free, &current, pull);
        let weights: Vec<f64> = shares.iter().map(|x| round3(x * total)).collect();
        let agree = count(&weights);
        if agree > best.1 {
            best = (weights, agree);
        }
    }
    let (after, agree_after) = best;
    let flags = agreement(scores, &after, judgements);
    Fit {
        before: scores.weights.clone(),
        disagreements: judgements.iter().zip(&flags).filter(|(_, a)| !**a).map(|(j, _)| *j).collect(),
        after,
        judgements: judgements.len(),
        agree_before,
        agree_after,
        decided_by_requirements: judgements.iter().filter(|j| standing(j.better) > standing(j.worse)).count(),
        underdetermined: judgements.len() < scores.width(),
    }
}

fn round3(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}

/// The judgements that weights can change, as the loss sees them: each distinct (better, worse)
/// pair once with its count, over the candidates they involve. A committee's 100,000 judgements
/// of 60 applicants are at most 3,540 distinct pairs, and a gradient step costs one total per
/// candidate and one subtraction per pair, not a vector per judgement.
struct Pairs {
    /// The competency scores of each candidate involved, in order of first appearance.
    rows: Vec<Vec<f64>>,
    /// (better, worse, count), indices into `rows`.
    pairs: Vec<(usize, usize, f64)>,
    /// The number of judgements (with repeats): the `n` of `L_λ`.
    n: f64,
}

impl Pairs {
    fn new<'j>(scores: &Scores, judgements: impl Iterator<Item = &'j Judgement>) -> Pairs {
        let mut member: HashMap<usize, usize> = HashMap::new();
        let mut rows = Vec::new();
        let mut index = |candidate: usize| {
            *member.entry(candidate).or_insert_with(|| {
                rows.push(scores.row(candidate).to_vec());
                rows.len() - 1
            })
        };
        let mut counts: HashMap<(usize, usize), f64> = HashMap::new();
        let mut order = Vec::new();
        let mut n = 0.0;
        for j in judgements {
            let key = (index(j.better), index(j.worse));
            n += 1.0;
            *counts.entry(key).or_insert_with(|| {
                order.push(key);
                0.0
            }) += 1.0;
        }
        let pairs = order.into_iter().map(|key| (key.0, key.1, counts[&key])).collect();
        Pairs { rows, pairs, n }
    }

    /// Σ count·‖a − b‖², for the step size.
    fn squared_norms(&self) -> f64 {
        let norm = |&(a, b, count): &(usize, usize, f64)| {
            count * self.rows[a].iter().zip(&self.rows[b]).map(|(x, y)| (x - y) * (x - y)).sum::<f64>()
        };
        self.pairs.iter().map(norm).sum()
    }
}

/// Minimises `L_λ` over the simplex by accelerated projected gradient (FISTA), from `start`.
fn minimise(pairs: &Pairs, start: &[f64], pull: f64) -> Vec<f64> {
    let n = pairs.n.max(1.0);
    let curvature: f64 = pairs.squared_norms() / (4.0 * n * TEMPERATURE * TEMPERATURE) + 2.0 * pull;
    if curvature == 0.0 {
        return start.to_vec();
    }
    let step = 1.0 / curvature;
    let (mut x, mut y, mut t) = (start.to_vec(), start.to_vec(), 1.0f64);
    for _ in 0..ITERATIONS {
        let gradient = gradient(pairs, start, pull, &y);
        let next = project_to_simplex(&y.iter().zip(&gradient).map(|(v, g)| v - step * g).collect::<Vec<_>>());
        let t_next = (1.0 + (1.0 + 4.0 * t * t).sqrt()) / 2.0;
        y = next.iter().zip(&x).map(|(a, b)| a + (t - 1.0) / t_next * (a - b)).collect();
        x = next;
        t = t_next;
    }
    x
}

/// ∇L_λ at `x`. A pair's margin is the difference of two candidates' totals `tᵢ = x·sᵢ`, and its
/// term of the gradient is `−w·(s_better − s_worse)`; gathering each candidate's `w`s first, the
/// gradient is `Σᵢ cᵢ·sᵢ` over candidates.
fn gradient(pairs: &Pairs, start: &[f64], pull: f64, x: &[f64]) -> Vec<f64> {
    let n = pairs.n.max(1.0);
    let mut g: Vec<f64> = x.iter().zip(start).map(|(a, b)| 2.0 * pull * (a - b)).collect();
    let totals: Vec<f64> = pairs.rows.iter().map(|row| row.iter().zip(x).map(|(a, b)| a * b).sum()).collect();
    let mut coefficients = vec![0.0; pairs.rows.len()];
    for &(better, worse, count) in &pairs.pairs {
        let margin = totals[better] - totals[worse];
        // d/dx ln(1 + e^(−m/τ)) = −σ(−m/τ)/τ · d.
        let weight = count / (1.0 + (margin / TEMPERATURE).exp()) / TEMPERATURE / n;
        coefficients[better] -= weight;
        coefficients[worse] += weight;
    }
    for (row, c) in pairs.rows.iter().zip(&coefficients) {
        for (gk, sk) in g.iter_mut().zip(row) {
            *gk += c * sk;
        }
    }
    g
}

/// The Euclidean projection onto `{x : xₖ ≥ 0, Σ xₖ = 1}` (sort and threshold).
pub fn project_to_simplex(v: &[f64]) -> Vec<f64> {
    let mut sorted = v.to_vec();
    sorted.sort_by(|a, b| b.total_cmp(a));
    let (mut sum, mut theta) = (0.0, 0.0);
    for (j, u) in sorted.iter().enumerate() {
        sum += u;
        let candidate = (sum - 1.0) / (j + 1) as f64;
        if u - candidate > 0.0 {
            theta = candidate;
        }
    }
    v.iter().map(|x| (x - theta).max(0.0)).collect()
}

/// The rubric's TOML text with each competency's `weight` set to `weights` (by competency id),
/// everything else (comments, layout, other numbers) kept as written. A weight already equal is
/// left as it was written; a competency that had no `weight` line (weight 1) and now needs one
/// gets it appended to its table.
pub fn write_weights(path: &str, text: &str, weights: &[(String, f64)]) -> Result<String> {
    let mut document: toml_edit::DocumentMut =
        text.parse().map_err(|e: toml_edit::TomlError| Error::input(Location::file(path), e.to_string()))?;
    let Some(tables) = document.get_mut("competency").and_then(|c| c.as_array_of_tables_mut()) else {
        return Err(Error::input(Location::file(path), "no [[competency]] tables"));
    };
    for table in tables.iter_mut() {
        let Some(id) = table.get("id").and_then(|v| v.as_str()).map(str::to_string) else { continue };
        let Some(&(_, weight)) = weights.iter().find(|(c, _)| *c == id) else { continue };
        let current = table.get("weight").map_or(Some(1.0), |w| w.as_float().or(w.as_integer().map(|i| i as f64)));
        if current == Some(weight) {
            continue;
        }
        let value = if weight.fract() == 0.0 && weight.abs() < 1e15 {
            toml_edit::Value::from(weight as i64)
        } else {
            toml_edit::Value::from(weight)
        };
        match table.get_mut("weight").and_then(|w| w.as_value_mut()) {
            Some(old) => {
                let decor = old.decor().clone();
                *old = value;
                *old.decor_mut() = decor;
            }
            None => {
                table.insert("weight", toml_edit::value(value));
            }
        }
    }
    Ok(document.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tune::tests::scores;

    fn two_pairs() -> Scores {
        // Current weights (1, 1). True weights (3, 1), shares (0.75, 0.25).
        // a = (80, 20) vs b = (50, 90): margin 30x − 70(1 − x) = 100x − 70 > 0 iff x > 0.7.
        // e = (70, 90) vs c = (90, 10): margin −20x + 80(1 − x) = 80 − 100x > 0 iff x < 0.8.
        // At x = 0.75 both are +5: judgements "a > b" and "e > c" come from the true weights.
        scores(
            &[
                ("a", true, &[80.0, 20.0]),
                ("b", true, &[50.0, 90.0]),
                ("c", true, &[90.0, 10.0]),
                ("e", true, &[70.0, 90.0]),
            ],
            &[1.0, 1.0],
        )
    }

    #[test]
    fn fit_recovers_weights_that_generated_the_judgements() {
        let s = two_pairs();
        let judgements = read_judgements("j.csv", "better,worse\na,b\ne,c\n", &s).unwrap();
        let fit = fit(&s, &judgements);
        // Before, x = 0.5: a − b = 50 − 70 = −20 (disagrees); e − c = 80 − 50 = 30 (agrees).
        assert_eq!((fit.agree_before, fit.agree_after, fit.judgements), (1, 2, 2));
        // Agreement with both needs 0.7 < x < 0.8, i.e. 1.4 < W₁ < 1.6 with W₁ + W₂ = 2.
        assert!(fit.after[0] > 1.4 && fit.after[0] < 1.6, "{:?}", fit.after);
        assert!((fit.after[0] + fit.after[1] - 2.0).abs() < 1e-9);
        assert!(!fit.underdetermined);
    }

    #[test]
    fn a_ranking_gives_every_pair_and_unknown_ids_name_their_line() {
        let s = two_pairs();
        let judgements = read_judgements("j.csv", "id,rank\ne,1\na,2\nc,2\n", &s).unwrap();
        // e before a and c (ranks 1 < 2); a and c share rank 2: two pairs.
        let pairs: Vec<(usize, usize)> = judgements.iter().map(|j| (j.better, j.worse)).collect();
        assert_eq!(pairs, vec![(3, 0), (3, 2)]);
        let error = read_judgements("j.csv", "better,worse\na,b\na,zz\n", &s).unwrap_err().to_string();
        assert_eq!(error, "j.csv:3: unknown id 'zz' (not a scored applicant)");
        let error = read_judgements("j.csv", "who,what\n", &s).unwrap_err().to_string();
        assert!(error.starts_with("j.csv:1: header"), "{error}");
    }

    #[test]
    fn one_judgement_for_two_competencies_cannot_pin_the_weights() {
        let s = two_pairs();
        let judgements = read_judgements("j.csv", "better,worse\na,b\n", &s).unwrap();
        assert!(fit(&s, &judgements).underdetermined);
    }

    #[test]
    fn projection_onto_the_simplex_by_hand() {
        // (0.5, 0.5, 0.5): θ = (1.5 − 1)/3 = 1/6 → (1/3, 1/3, 1/3).
        // (2, 0): θ = (2 − 1)/1 = 1 → (1, 0).
        let p = project_to_simplex(&[0.5, 0.5, 0.5]);
        assert!(p.iter().all(|x| (x - 1.0 / 3.0).abs() < 1e-12));
        assert_eq!(project_to_simplex(&[2.0, 0.0]), vec![1.0, 0.0]);
    }

    #[test]
    fn writing_weights_changes_only_the_numbers() {
        let text = "# top\n[[competency]]\nid = \"x\" # the x\nweight = 4   # heavy\n\n[[competency]]\nid = \"y\"\nweight = 1.5\n";
        let written = write_weights("r.toml", text, &[("x".into(), 2.25), ("y".into(), 1.5)]).unwrap();
        assert_eq!(written, text.replace("weight = 4   #", "weight = 2.25   #"));
    }
}
