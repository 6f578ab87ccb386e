//! `profilmatch tune`: checked settings from the command line, one scoring pass keeping the
//! competency scores, then the sections asked for, computed on those scores alone by
//! [`crate::tune`] (which knows nothing of the command line).

use std::path::Path;

use super::{
    InputFile, Warnings, check_output, load_rubrics, parse_weights, read_options, refuse_swapped, report_to_stderr,
    thread_pool, weight_usage, write_output,
};
use crate::cli::TuneArgs;
use crate::error::{Error, Result};
use crate::pipeline::{ScoreOptions, score_file};
use crate::tune::Scores;
use crate::tune::fit::{fit, read_judgements, write_weights};
use crate::tune::render::Report;
use crate::tune::stability::{StabilityOptions, stability};
use crate::tune::swaps::swaps;
use crate::tune::whatif::what_if;

/// Runs `profilmatch tune`; returns the exit code.
pub fn run(args: TuneArgs) -> Result<crate::exit::Exit> {
    check(&args)?;
    refuse_swapped(&args.input.applicants)?;
    let mut inputs: Vec<&Path> = vec![&args.rubric, &args.input.applicants];
    inputs.extend(args.fit.as_deref());
    check_output("--write-rubric", args.write_rubric.as_deref(), &inputs)?;
    let rubric = load_rubrics(std::slice::from_ref(&args.rubric), &[])?.remove(0);
    let competencies: Vec<String> = rubric.competencies.iter().map(|c| c.id.clone()).collect();
    let current: Vec<f64> = rubric.competencies.iter().map(|c| c.weight).collect();
    let mut changed = rubric.clone();
    changed.set_weights(&parse_weights(&args.weight)?).map_err(weight_usage)?;
    let new_weights: Vec<f64> = changed.competencies.iter().map(|c| c.weight).collect();
    let judgements_text = match &args.fit {
        Some(path) => Some(std::fs::read_to_string(path).map_err(|source| Error::Io { path: path.clone(), source })?),
        None => None,
    };
    let options = read_options(&args.input)?;
    let input = InputFile::new(&args.input.applicants)?;
    let pool = thread_pool(args.threads)?;
    let mut warnings = Warnings::new(false);
    let session = pool.install(|| {
        score_file(
            vec![rubric],
            input.path(),
            input.display(),
            &options,
            ScoreOptions { keep_scores: true, ..ScoreOptions::default() },
            &mut |d| warnings.print(d),
        )
    })?;
    warnings.finish();
    report_to_stderr(&session, false);
    if let Some(fit) = &args.fit
        && session.engine.rubrics[0].name_column.is_some()
    {
        eprintln!("profilmatch: note: {}", fit_notice(&fit.display().to_string(), input.display()));
    }
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
        let (text, had_approval) = crate::rubric::approval::remove_approval(&text).map_err(Error::Usage)?;
        write_output(Some(out), |w| w.write_all(text.as_bytes()))?;
        if had_approval {
            eprintln!(
                "profilmatch: note: {}: the rubric's [approval] is left out, since the fitted weights are not the approved ones; approve the new rubric (profilmatch rubric approve) before it is used",
                out.display()
            );
        }
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
    Ok(super::exit_code(&session))
}

/// What `--fit` does, said when the applicant file has names: weights fitted to judgements of named
/// people are weights chosen after seeing who applied.
pub fn fit_notice(judgements: &str, applicants: &str) -> String {
    format!(
        "--fit chooses the weights that best agree with the judgements in {judgements} about the named applicants in {applicants}. \
         Weights chosen after seeing who applied are not weights set in advance: they cannot replace the approved weights as the reason \
         for a decision about these applicants. Use --fit to learn from an earlier posting (or on a blind file), and approve the weights \
         before the next posting's applications are opened."
    )
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
