//! `profilmatch tune`: checked settings from the command line, one scoring pass keeping the
//! competency scores, then the sections asked for, computed on those scores alone.

use std::io::{self, Write};
use std::path::Path;

use super::Scores;
use super::fit::{fit, read_judgements, write_weights};
use super::render::Report;
use super::stability::{StabilityOptions, stability};
use super::swaps::swaps;
use super::whatif::what_if;
use crate::app::{
    EXIT_REJECTED, InputFile, load_rubrics, parse_weights, read_options, refuse_overwriting_inputs, report_to_stderr,
    thread_pool, write_output,
};
use crate::cli::TuneArgs;
use crate::error::{Error, Result};
use crate::pipeline::{ScoreOptions, score_file};

/// Runs `profilmatch tune`; returns the exit code.
pub fn run(args: TuneArgs) -> Result<i32> {
    check(&args)?;
    let mut inputs: Vec<&Path> = vec![&args.rubric, &args.input.applicants];
    inputs.extend(args.fit.as_deref());
    refuse_overwriting_inputs(args.write_rubric.as_deref(), &inputs)?;
    let rubric = load_rubrics(std::slice::from_ref(&args.rubric), &[])?.remove(0);
    let competencies: Vec<String> = rubric.competencies.iter().map(|c| c.id.clone()).collect();
    let current: Vec<f64> = rubric.competencies.iter().map(|c| c.weight).collect();
    let mut changed = rubric.clone();
    changed.set_weights(&parse_weights(&args.weight)?).map_err(Error::Usage)?;
    let new_weights: Vec<f64> = changed.competencies.iter().map(|c| c.weight).collect();
    let judgements_text = match &args.fit {
        Some(path) => Some(std::fs::read_to_string(path).map_err(|source| Error::Io { path: path.clone(), source })?),
        None => None,
    };
    let options = read_options(&args.input)?;
    let input = InputFile::new(&args.input.applicants)?;
    let pool = thread_pool(args.threads)?;
    let session = pool.install(|| {
        let mut stderr = io::stderr();
        let mut warn = |w: &str| {
            let _ = writeln!(stderr, "profilmatch: warning: {w}");
        };
        score_file(
            vec![rubric],
            input.path(),
            input.display(),
            &options,
            ScoreOptions { keep_scores: true, ..ScoreOptions::default() },
            &mut warn,
        )
    })?;
    report_to_stderr(&session);
    let run = &session.runs[0];
    let mut scores = Scores::from_run(run, &session.engine.rubrics[0].rubric, competencies, current);
    // --weight: the comparison, and the weights every other section starts from.
    let comparison = (!args.weight.is_empty()).then(|| what_if(&scores, &new_weights, args.top));
    scores.weights = new_weights;
    let stability_options =
        StabilityOptions { top: args.top, spread: args.spread, samples: args.samples, seed: args.seed };
    let sampled = args.stability.then(|| (stability_options, pool.install(|| stability(&scores, &stability_options))));
    let pairs = args.swaps.then(|| swaps(&scores, args.top));
    let fitted_section = match (&args.fit, &judgements_text) {
        (Some(path), Some(text)) => {
            let name = path.display().to_string();
            let judgements = read_judgements(&name, text, &scores)?;
            let fitted = fit(&scores, &judgements);
            let change = what_if(&scores, &fitted.after, args.top);
            Some((name, fitted, change))
        }
        _ => None,
    };
    if let (Some(out), Some((_, fitted, _))) = (&args.write_rubric, &fitted_section) {
        let original =
            std::fs::read_to_string(&args.rubric).map_err(|source| Error::Io { path: args.rubric.clone(), source })?;
        let weights: Vec<(String, f64)> =
            scores.competencies.iter().cloned().zip(fitted.after.iter().copied()).collect();
        let text = write_weights(&args.rubric.display().to_string(), &original, &weights)?;
        write_output(Some(out), |w| w.write_all(text.as_bytes()))?;
    }
    let report = Report {
        scores: &scores,
        top: args.top,
        what_if: comparison,
        stability: sampled,
        swaps: pairs,
        fit: fitted_section,
    };
    write_output(None, |out| report.render(args.format, out))?;
    Ok(if run.counts.rejected > 0 { EXIT_REJECTED } else { 0 })
}

fn check(args: &TuneArgs) -> Result<()> {
    if args.weight.is_empty() && !args.stability && !args.swaps && args.fit.is_none() {
        return Err(Error::Usage(
            "tune: say what to compute: --weight C=W (what-if), --stability, --swaps or --fit JUDGEMENTS.csv".into(),
        ));
    }
    if args.top == 0 {
        return Err(Error::Usage("--top must be at least 1".into()));
    }
    if args.samples == 0 {
        return Err(Error::Usage("--samples must be at least 1".into()));
    }
    if !(0.0..=100.0).contains(&args.spread) {
        return Err(Error::Usage(format!("--spread {}: give a percentage from 0 to 100", args.spread)));
    }
    Ok(())
}
