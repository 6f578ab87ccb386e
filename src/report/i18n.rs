//! Every label, heading and generated sentence of the report, in Danish and English.
//!
//! Renderers never write a human-language word of their own: they take it from [`Texts`], so a
//! report is entirely in the language chosen with `--lang`.

/// The report's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    /// Danish (the default: the committee's language).
    #[default]
    Da,
    /// English.
    En,
}

impl Lang {
    /// The language's texts.
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Da => &DA,
            Lang::En => &EN,
        }
    }

    /// The BCP 47 tag for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Da => "da",
            Lang::En => "en",
        }
    }
}

/// The fixed labels of one language. Sentences with values are methods below.
#[derive(Debug)]
pub struct Texts {
    /// Document title prefix.
    pub report_title: &'static str,
    /// "Shortlist" heading.
    pub shortlist: &'static str,
    /// Header: position.
    pub position: &'static str,
    /// Header: organisation.
    pub organisation: &'static str,
    /// Header: rubric.
    pub rubric: &'static str,
    /// Header: version.
    pub version: &'static str,
    /// Header: date.
    pub date: &'static str,
    /// Header: applicants read.
    pub read: &'static str,
    /// Header: scored.
    pub scored: &'static str,
    /// Header: rejected.
    pub rejected: &'static str,
    /// Header: blank rows.
    pub blank: &'static str,
    /// Blind-mode notice.
    pub blind_notice: &'static str,
    /// Method heading.
    pub method: &'static str,
    /// Method introduction.
    pub method_intro: &'static str,
    /// Competency column.
    pub competency: &'static str,
    /// Weight column.
    pub weight: &'static str,
    /// Weight-share column.
    pub share: &'static str,
    /// Source quote column.
    pub source: &'static str,
    /// Requirements heading.
    pub requirements: &'static str,
    /// No requirements.
    pub no_requirements: &'static str,
    /// How strongest/weakest are defined.
    pub strength_definition: &'static str,
    /// Rank column.
    pub rank: &'static str,
    /// Id column.
    pub id: &'static str,
    /// Name column.
    pub name: &'static str,
    /// Total column.
    pub total: &'static str,
    /// Competency profile column.
    pub profile: &'static str,
    /// Requirements column.
    pub meets: &'static str,
    /// Meets all requirements.
    pub yes: &'static str,
    /// Does not meet all requirements.
    pub no: &'static str,
    /// Tie marker explanation.
    pub tie_note: &'static str,
    /// Candidate cards heading.
    pub candidates: &'static str,
    /// Candidate card: chart caption.
    pub chart_caption: &'static str,
    /// Chart legend: candidate.
    pub legend_candidate: &'static str,
    /// Chart legend: shortlist average.
    pub legend_average: &'static str,
    /// Strongest criteria.
    pub strongest: &'static str,
    /// Weakest criteria.
    pub weakest: &'static str,
    /// Points earned.
    pub earned: &'static str,
    /// Points lost.
    pub lost: &'static str,
    /// Evidence heading.
    pub evidence: &'static str,
    /// Evidence: field.
    pub field: &'static str,
    /// Evidence: term.
    pub term: &'static str,
    /// Evidence: quote.
    pub quote: &'static str,
    /// Criterion.
    pub criterion: &'static str,
    /// Value read.
    pub value: &'static str,
    /// Not found heading.
    pub not_found: &'static str,
    /// Nothing missing.
    pub nothing_missing: &'static str,
    /// Failed requirements heading.
    pub failed_requirements: &'static str,
    /// All requirements met.
    pub all_requirements_met: &'static str,
    /// Stability heading.
    pub stability: &'static str,
    /// Why heading.
    pub why: &'static str,
    /// Row warnings on a card.
    pub row_warnings: &'static str,
    /// Rest heading.
    pub rest: &'static str,
    /// Nobody else.
    pub nobody_else: &'static str,
    /// Data quality heading.
    pub data_quality: &'static str,
    /// Rejected rows heading.
    pub rejected_rows: &'static str,
    /// Line column.
    pub line: &'static str,
    /// Reason column.
    pub reason: &'static str,
    /// Raw row column.
    pub raw: &'static str,
    /// No rejected rows.
    pub no_rejected: &'static str,
    /// Warnings heading.
    pub warnings: &'static str,
    /// No warnings.
    pub no_warnings: &'static str,
    /// Adverse impact heading.
    pub adverse_impact: &'static str,
    /// Adverse impact introduction.
    pub impact_intro: &'static str,
    /// Group column.
    pub group: &'static str,
    /// Applicants column.
    pub applicants: &'static str,
    /// Shortlisted column.
    pub shortlisted: &'static str,
    /// Selection-rate column.
    pub selection_rate: &'static str,
    /// Impact ratio column.
    pub impact_ratio: &'static str,
    /// Above-median column.
    pub above_median: &'static str,
    /// Rate above median column.
    pub median_rate: &'static str,
    /// Assessment column.
    pub assessment: &'static str,
    /// Flag: under four fifths.
    pub flag_under: &'static str,
    /// Flag: too small.
    pub flag_small: &'static str,
    /// Flag: reference group.
    pub flag_reference: &'static str,
    /// Flag: fine.
    pub flag_ok: &'static str,
    /// Blank group value.
    pub blank_group: &'static str,
    /// Group labels withheld in blind mode.
    pub blind_groups: &'static str,
    /// Selection heading.
    pub by_selection: &'static str,
    /// Median heading.
    pub by_median: &'static str,
    /// Run record heading.
    pub run_record: &'static str,
    /// Program version.
    pub program: &'static str,
    /// Rubric file.
    pub rubric_file: &'static str,
    /// Applicant file.
    pub applicant_file: &'static str,
    /// Weights used.
    pub weights_used: &'static str,
    /// Command line.
    pub command: &'static str,
    /// Time.
    pub time: &'static str,
    /// Interactive weights heading.
    pub interactive: &'static str,
    /// Interactive weights introduction.
    pub interactive_intro: &'static str,
    /// Reset button.
    pub reset: &'static str,
    /// Shown when weights differ from the rubric's.
    pub adjusted: &'static str,
    /// Shown when every weight is zero.
    pub all_zero: &'static str,
    /// Notice shown without JavaScript / in print.
    pub rubric_weights_notice: &'static str,
    /// Contents.
    pub contents: &'static str,
    /// Footer.
    pub footer: &'static str,
}

/// Danish.
pub static DA: Texts = Texts {
    report_title: "Indstilling til ansættelsesudvalget",
    shortlist: "Kandidatliste",
    position: "Stilling",
    organisation: "Organisation",
    rubric: "Kriteriesæt",
    version: "version",
    date: "Dato",
    read: "Ansøgere læst",
    scored: "Vurderet",
    rejected: "Afvist",
    blank: "Tomme rækker",
    blind_notice: "Anonymiseret rapport: navne, kontaktoplysninger og beskyttede oplysninger er udeladt; kandidaterne vises med id.",
    method: "Metode",
    method_intro: "Hver ansøgning er vurderet automatisk mod kompetencerne i stillingsprofilen. Hver kompetence får en score fra 0 til 100 ud fra sine kriterier; totalen er det vægtede gennemsnit af kompetencescorerne. Kandidater, der opfylder alle krav, rangeres før dem, der ikke gør; derefter efter total (afrundet til 6 decimaler) og ved lige total efter id. Lige totaler deler placering.",
    competency: "Kompetence",
    weight: "Vægt",
    share: "Andel",
    source: "Fra profilen",
    requirements: "Krav",
    no_requirements: "Kriteriesættet har ingen ufravigelige krav.",
    strength_definition: "Stærkeste kriterier er dem, der giver flest point til totalen; svageste er dem, hvor flest mulige point mangler (kriteriets maksimale bidrag minus det opnåede).",
    rank: "Plads",
    id: "Id",
    name: "Navn",
    total: "Total",
    profile: "Kompetenceprofil",
    meets: "Krav opfyldt",
    yes: "ja",
    no: "nej",
    tie_note: "= betyder delt placering.",
    candidates: "Kandidaterne",
    chart_caption: "Kompetencescorer (0–100) sammenlignet med gennemsnittet for kandidatlisten",
    legend_candidate: "Kandidat",
    legend_average: "Gennemsnit for kandidatlisten",
    strongest: "Tre stærkeste kriterier",
    weakest: "Tre svageste kriterier",
    earned: "point opnået",
    lost: "point mangler",
    evidence: "Dokumentation fra ansøgningen",
    field: "Felt",
    term: "Søgeord",
    quote: "Citat",
    criterion: "Kriterium",
    value: "Værdi",
    not_found: "Ikke fundet",
    nothing_missing: "Alle søgeord blev fundet.",
    failed_requirements: "Krav, der ikke er opfyldt",
    all_requirements_met: "Alle krav er opfyldt.",
    stability: "Placeringens robusthed",
    why: "Hvorfor denne placering",
    row_warnings: "Advarsler for denne ansøgning",
    rest: "Øvrige ansøgere",
    nobody_else: "Der er ingen øvrige ansøgere.",
    data_quality: "Datakvalitet",
    rejected_rows: "Afviste rækker",
    line: "Linje",
    reason: "Årsag",
    raw: "Rækken",
    no_rejected: "Ingen rækker blev afvist.",
    warnings: "Advarsler",
    no_warnings: "Ingen advarsler.",
    adverse_impact: "Forskelsbehandling mellem grupper",
    impact_intro: "For hver gruppe: antal ansøgere, antal på kandidatlisten, udvælgelsesraten og forholdet til raten i gruppen med den højeste rate. Et forhold under 0,8 markeres (firefemtedels-reglen, sammenlignet eksakt med hele tal). Grupper med færre end 5 ansøgere vises, men er for små til at vurdere, og bruges ikke som sammenligningsgruppe. Kolonnen indgår aldrig i vurderingen, og kun tal for hele grupper vises.",
    group: "Gruppe",
    applicants: "Ansøgere",
    shortlisted: "På listen",
    selection_rate: "Udvælgelsesrate",
    impact_ratio: "Forhold",
    above_median: "Over medianen",
    median_rate: "Rate over medianen",
    assessment: "Vurdering",
    flag_under: "under 0,8",
    flag_small: "for lille til at vurdere",
    flag_reference: "sammenligningsgruppe",
    flag_ok: "ingen markering",
    blank_group: "(tom)",
    blind_groups: "Rapporten er anonymiseret, så gruppernes værdier er erstattet af bogstaver.",
    by_selection: "Udvælgelse til kandidatlisten",
    by_median: "Score over medianen",
    run_record: "Kørselsoplysninger",
    program: "Program",
    rubric_file: "Kriteriefil",
    applicant_file: "Ansøgerfil",
    weights_used: "Vægte brugt",
    command: "Kommando",
    time: "Tidspunkt (UTC)",
    interactive: "Prøv andre vægte",
    interactive_intro: "Flyt en skyder for at ændre en kompetences vægt. Alle ansøgere rangeres igen med det samme, med samme regler som profilmatch score --weight. Intet forlader siden.",
    reset: "Nulstil til kriteriesættets vægte",
    adjusted: "Listen og tabellerne viser ændrede vægte:",
    all_zero: "Mindst én vægt skal være større end 0.",
    rubric_weights_notice: "Tabellerne viser kriteriesættets vægte.",
    contents: "Indhold",
    footer: "Lavet med profilmatch. Scoren er et hjælpemiddel til udvalget, ikke en afgørelse.",
};

/// English.
pub static EN: Texts = Texts {
    report_title: "Shortlist for the hiring committee",
    shortlist: "Shortlist",
    position: "Position",
    organisation: "Organisation",
    rubric: "Rubric",
    version: "version",
    date: "Date",
    read: "Applicants read",
    scored: "Scored",
    rejected: "Rejected",
    blank: "Blank rows",
    blind_notice: "Blind report: names, contact details and protected attributes are left out; candidates are shown by id.",
    method: "Method",
    method_intro: "Each application was scored automatically against the competencies of the job profile. Each competency gets a score from 0 to 100 from its criteria; the total is the weighted average of the competency scores. Candidates who meet every requirement rank before those who do not; then by total (rounded to 6 decimals), and for equal totals by id. Equal totals share a rank.",
    competency: "Competency",
    weight: "Weight",
    share: "Share",
    source: "From the profile",
    requirements: "Requirements",
    no_requirements: "The rubric has no must-have requirements.",
    strength_definition: "The strongest criteria are those that add the most points to the total; the weakest are those with the most points missing (the criterion's largest possible contribution minus what was earned).",
    rank: "Rank",
    id: "Id",
    name: "Name",
    total: "Total",
    profile: "Competency profile",
    meets: "Requirements met",
    yes: "yes",
    no: "no",
    tie_note: "= marks a shared rank.",
    candidates: "The candidates",
    chart_caption: "Competency scores (0–100) against the shortlist's average",
    legend_candidate: "Candidate",
    legend_average: "Shortlist average",
    strongest: "Three strongest criteria",
    weakest: "Three weakest criteria",
    earned: "points earned",
    lost: "points missing",
    evidence: "Evidence from the application",
    field: "Field",
    term: "Term",
    quote: "Quote",
    criterion: "Criterion",
    value: "Value",
    not_found: "Not found",
    nothing_missing: "Every term was found.",
    failed_requirements: "Requirements not met",
    all_requirements_met: "Every requirement is met.",
    stability: "Rank stability",
    why: "Why this rank",
    row_warnings: "Warnings for this application",
    rest: "Other applicants",
    nobody_else: "There are no other applicants.",
    data_quality: "Data quality",
    rejected_rows: "Rejected rows",
    line: "Line",
    reason: "Reason",
    raw: "Row",
    no_rejected: "No rows were rejected.",
    warnings: "Warnings",
    no_warnings: "No warnings.",
    adverse_impact: "Adverse impact between groups",
    impact_intro: "For each group: the number of applicants, the number shortlisted, the selection rate, and its ratio to the rate of the group with the highest rate. Ratios under 0.8 are flagged (the four-fifths rule, compared exactly in whole numbers). Groups with fewer than 5 applicants are shown but are too small to judge, and are not used as the reference group. The column is never used in scoring, and only counts for whole groups are shown.",
    group: "Group",
    applicants: "Applicants",
    shortlisted: "Shortlisted",
    selection_rate: "Selection rate",
    impact_ratio: "Impact ratio",
    above_median: "Above the median",
    median_rate: "Rate above the median",
    assessment: "Assessment",
    flag_under: "under 0.8",
    flag_small: "too small to judge",
    flag_reference: "reference group",
    flag_ok: "not flagged",
    blank_group: "(blank)",
    blind_groups: "The report is blind, so the groups' values are replaced by letters.",
    by_selection: "Selection for the shortlist",
    by_median: "Scoring above the median",
    run_record: "Run record",
    program: "Program",
    rubric_file: "Rubric file",
    applicant_file: "Applicant file",
    weights_used: "Weights used",
    command: "Command",
    time: "Time (UTC)",
    interactive: "Try other weights",
    interactive_intro: "Move a slider to change a competency's weight. Every applicant is ranked again at once, by the same rules as profilmatch score --weight. Nothing leaves the page.",
    reset: "Reset to the rubric's weights",
    adjusted: "The shortlist and tables show adjusted weights:",
    all_zero: "At least one weight must be above 0.",
    rubric_weights_notice: "The tables show the rubric's weights.",
    contents: "Contents",
    footer: "Made with profilmatch. The score supports the committee's judgement; it does not replace it.",
};

impl Texts {
    fn is_da(&self) -> bool {
        std::ptr::eq(self, &DA)
    }

    /// A number with the language's decimal separator.
    pub fn decimal(&self, text: &str) -> String {
        if self.is_da() { text.replace('.', ",") } else { text.to_string() }
    }

    /// "Shortlist of N (with ties: M)".
    pub fn shortlist_size(&self, asked: usize, shown: usize) -> String {
        match (self.is_da(), asked == shown) {
            (true, true) => format!("De {shown} højest rangerede ansøgere."),
            (true, false) => {
                format!("De {asked} højest rangerede ansøgere og alle, der står lige med nr. {asked}: {shown} i alt.")
            }
            (false, true) => format!("The {shown} highest-ranked applicants."),
            (false, false) => {
                format!("The {asked} highest-ranked applicants and everyone tied with number {asked}: {shown} in all.")
            }
        }
    }

    /// Why a candidate ranks above the next: a competency made the largest difference.
    pub fn why_competency(&self, next: &str, lead: &str, competency: &str, points: &str) -> String {
        if self.is_da() {
            format!(
                "Placeret over {next} med {lead} point mere i alt; den største forskel kommer fra «{competency}» ({points} point)."
            )
        } else {
            format!(
                "Ranks above {next} by {lead} points in total; the largest difference comes from “{competency}” ({points} points)."
            )
        }
    }

    /// Why: the next candidate fails a requirement.
    pub fn why_requirements(&self, next: &str) -> String {
        if self.is_da() {
            format!("Placeret over {next}, fordi {next} ikke opfylder alle krav.")
        } else {
            format!("Ranks above {next} because {next} does not meet every requirement.")
        }
    }

    /// Why: tied with the next candidate.
    pub fn why_tie(&self, next: &str) -> String {
        if self.is_da() {
            format!("Står lige med {next}; rækkefølgen mellem dem følger kun id.")
        } else {
            format!("Tied with {next}; the order between them follows the id only.")
        }
    }

    /// Why: last of all applicants.
    pub fn why_last(&self) -> &'static str {
        if self.is_da() { "Der er ingen ansøger under denne." } else { "No applicant ranks below this one." }
    }

    /// A stability sentence.
    pub fn stability_sentence(&self, share: &str, low: &str, high: &str, ranks: Option<(usize, usize)>) -> String {
        let mut s = if self.is_da() {
            format!(
                "På kandidatlisten i {share} % af 10.000 prøver, hvor vægtene varierer tilfældigt omkring kriteriesættets (ca. 20 %; 95 %-interval {low}–{high} %)."
            )
        } else {
            format!(
                "On the shortlist in {share}% of 10,000 samples with the weights varied at random around the rubric's (about 20%; 95% interval {low}–{high}%)."
            )
        };
        if let Some((p5, p95)) = ranks {
            s.push_str(&if self.is_da() {
                format!(" Placering i 90 % af prøverne mellem {p5} og {p95}.")
            } else {
                format!(" Rank in 90% of samples between {p5} and {p95}.")
            });
        }
        s
    }

    /// Warning count beyond those listed.
    pub fn more_warnings(&self, shown: usize, all: u64) -> String {
        if self.is_da() {
            format!("Viser {shown} af {all} advarsler.")
        } else {
            format!("Showing {shown} of {all} warnings.")
        }
    }

    /// Rejected rows beyond those listed.
    pub fn more_rejected(&self, shown: usize, all: u64) -> String {
        if self.is_da() {
            format!("Viser {shown} af {all} afviste rækker; --rejects FIL skriver dem alle.")
        } else {
            format!("Showing {shown} of {all} rejected rows; --rejects FILE writes them all.")
        }
    }

    /// The assessment of one group's rate, in words: reference group, too small to judge, under
    /// four-fifths, or fine.
    pub fn verdicts(&self, group: &super::impact::GroupRow, rate: &super::impact::Rate) -> Vec<&'static str> {
        let mut verdicts = Vec::new();
        if rate.reference {
            verdicts.push(self.flag_reference);
        }
        if group.too_small {
            verdicts.push(self.flag_small);
        } else if rate.flagged {
            verdicts.push(self.flag_under);
        }
        if verdicts.is_empty() {
            verdicts.push(self.flag_ok);
        }
        verdicts
    }

    /// Median line.
    pub fn median(&self, median: &str) -> String {
        if self.is_da() {
            format!("Medianen af alle totaler er {median}; \"over medianen\" betyder en total større end den.")
        } else {
            format!("The median of all totals is {median}; \"above the median\" means a total greater than it.")
        }
    }

    /// Requirement threshold.
    pub fn at_least(&self, value: &str) -> String {
        if self.is_da() { format!("opfyldt ved mindst {value}") } else { format!("met at {value} or more") }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_languages_differ_in_every_heading() {
        assert_ne!(DA.method, EN.method);
        assert_ne!(DA.shortlist, EN.shortlist);
        assert_ne!(DA.data_quality, EN.data_quality);
        assert_eq!(DA.decimal("0.8"), "0,8");
        assert_eq!(EN.decimal("0.8"), "0.8");
    }
}
