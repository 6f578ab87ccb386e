//! Every word of the report and the letters, in Danish and English, and the way each language
//! writes a number.
//!
//! Renderers never write a human-language word of their own: they take it from [`Texts`], so a
//! document is entirely in the language chosen with `--lang`. The wording is deliberate: the
//! report is a machine-made *screening overview* that supports the committee, not its
//! recommendation or a decision; "not found" means the words were not found,
//! not that the applicant lacks the competency; group figures describe arithmetic, not the law.

use super::model::{CriterionStatus, IssueKind, QuoteStatus, RequirementStatus};

pub use super::lang::Lang;

impl Lang {
    /// The language's texts.
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Da => &DA,
            Lang::En => &EN,
        }
    }
}

/// The fixed words of one language; sentences with values are methods.
#[derive(Debug)]
#[allow(missing_docs)]
pub struct Texts {
    pub lang: Lang,
    // The banner.
    pub kicker: &'static str,
    pub title: &'static str,
    pub rubric: &'static str,
    pub version: &'static str,
    pub date: &'static str,
    pub in_file: &'static str,
    pub screened: &'static str,
    pub unreadable: &'static str,
    pub on_shortlist: &'static str,
    pub contents: &'static str,
    // Notices.
    pub advisory: &'static str,
    pub blind_notice: &'static str,
    pub not_approved: &'static str,
    pub sliders_asked: &'static str,
    pub sliders_blind: &'static str,
    // The shortlist and the tables of applicants.
    pub shortlist: &'static str,
    pub rounding_note: &'static str,
    pub rank: &'static str,
    pub id: &'static str,
    pub name: &'static str,
    pub total: &'static str,
    pub meets: &'static str,
    /// What the three requirement statuses mean.
    pub requirement_statuses: &'static str,
    /// Heading: the core area.
    pub core_area: &'static str,
    /// The ranking flag of an application that does not document the post's core area.
    pub core_not_documented: &'static str,
    /// The ranking flag of an application silent on a requirement: for a person to check.
    pub check_by_hand: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub rest: &'static str,
    pub nobody_else: &'static str,
    // Cards.
    pub cards: &'static str,
    pub cards_intro: &'static str,
    pub why: &'static str,
    pub chart_caption: &'static str,
    pub legend_candidate: &'static str,
    pub legend_average: &'static str,
    pub competency: &'static str,
    pub requirements: &'static str,
    pub strongest: &'static str,
    pub not_found_title: &'static str,
    pub not_found_intro: &'static str,
    pub nothing_missing: &'static str,
    pub found_title: &'static str,
    pub found_nothing: &'static str,
    pub criterion: &'static str,
    pub sentence: &'static str,
    pub field: &'static str,
    pub page: &'static str,
    pub paragraph: &'static str,
    pub stated: &'static str,
    pub row_issues: &'static str,
    pub stability: &'static str,
    // Ratings and the checklist.
    pub ratings: &'static str,
    pub spread: &'static str,
    pub members_points: &'static str,
    pub screening: &'static str,
    pub difference: &'static str,
    pub discuss: &'static str,
    pub members_disagree: &'static str,
    pub rubric_disagrees: &'static str,
    pub notes: &'static str,
    pub to_discuss: &'static str,
    pub nothing_to_discuss: &'static str,
    pub checklist: &'static str,
    pub checklist_intro: &'static str,
    pub not_registered: &'static str,
    pub signature: &'static str,
    // What is not assessed; where the numbers come from; the method.
    pub not_assessed: &'static str,
    pub not_assessed_intro: &'static str,
    pub not_assessed_items: &'static [&'static str],
    pub numbers: &'static str,
    pub numbers_intro: &'static str,
    pub source_field: &'static str,
    pub how_points: &'static str,
    pub method: &'static str,
    pub method_intro: &'static str,
    pub weight: &'static str,
    pub share: &'static str,
    pub from_profile: &'static str,
    pub no_requirements: &'static str,
    // Groups.
    pub groups: &'static str,
    pub group: &'static str,
    pub applicants: &'static str,
    pub shortlisted: &'static str,
    pub share_of_group: &'static str,
    pub ratio: &'static str,
    pub remark: &'static str,
    pub highest_share: &'static str,
    pub under_four_fifths: &'static str,
    pub too_small: &'static str,
    pub no_remark: &'static str,
    pub by_shortlist: &'static str,
    pub by_median: &'static str,
    pub above_median: &'static str,
    pub legal_note_title: &'static str,
    pub legal_note: &'static str,
    pub mapping_title: &'static str,
    pub not_in_map: &'static str,
    pub blank_value: &'static str,
    pub blind_groups: &'static str,
    pub default_map: &'static str,
    // Data quality.
    pub quality: &'static str,
    pub quality_intro: &'static str,
    pub applicant: &'static str,
    pub problem: &'static str,
    pub no_issues: &'static str,
    pub rejected_rows: &'static str,
    pub no_rejected: &'static str,
    pub file_notes: &'static str,
    // The run record.
    pub run: &'static str,
    pub program: &'static str,
    pub time: &'static str,
    pub rubric_file: &'static str,
    pub applicant_file: &'static str,
    pub how_read: &'static str,
    pub weights_used: &'static str,
    pub options: &'static str,
    pub approval: &'static str,
    pub weights_fingerprint: &'static str,
    pub rules_fingerprint: &'static str,
    pub footer: &'static str,
    // Sliders.
    pub interactive: &'static str,
    pub interactive_intro: &'static str,
    pub reset: &'static str,
    pub adjusted: &'static str,
    pub all_zero: &'static str,
    pub rubric_weights_notice: &'static str,
    // Letters.
    pub draft: &'static str,
    pub letter_kicker: &'static str,
    pub to: &'static str,
    pub position: &'static str,
    pub employer: &'static str,
    pub dear_applicant: &'static str,
    pub decision_placeholder: &'static str,
    pub considerations: &'static str,
    pub considerations_intro: &'static str,
    pub documented: &'static str,
    pub letter_requirements: &'static str,
    pub human: &'static str,
    pub rights: &'static str,
    pub rights_items: &'static [&'static str],
    pub closing: &'static str,
    pub signature_placeholder: &'static str,
    pub letter_footer: &'static str,
}

/// Danish.
pub static DA: Texts = Texts {
    lang: Lang::Da,
    kicker: "Maskinel screening · vejledende",
    title: "Screeningsoversigt",
    rubric: "Kriteriesæt",
    version: "version",
    date: "Dato",
    in_file: "Ansøgninger i filen",
    screened: "Screenet maskinelt",
    unreadable: "Kunne ikke læses",
    on_shortlist: "På kortlisten",
    contents: "Indhold",
    advisory: "Denne oversigt er lavet maskinelt: profilmatch har søgt efter stillingsprofilens ord og tal i ansøgningerne og lagt point sammen efter kriteriesættets vægte. Oversigten er et hjælpemiddel til udvalgets egen gennemgang – ikke udvalgets anbefaling og ikke en afgørelse – og den erstatter ikke, at hver ansøgning læses af et menneske.",
    blind_notice: "Anonymiseret udgave: navne, kontaktoplysninger og beskyttede oplysninger (fx køn og alder) er udeladt, også i citaterne. Ansøgerne vises med id.",
    not_approved: "Kriteriesættet er ikke godkendt. Vægtene bør godkendes, før ansøgningerne åbnes (profilmatch rubric approve), så ingen kan ændre dem efter at have set, hvem der har søgt.",
    sliders_asked: "Vægtskyderne er slået til (--sliders) i en udgave med navne. Vægte, der ændres efter at have set ansøgerne, er ikke de godkendte og kan ikke bruges som begrundelse for en placering.",
    sliders_blind: "Vægtskyderne vises, fordi udgaven er anonymiseret.",
    shortlist: "Kortliste fra screeningen",
    rounding_note: "Point vises med én decimal. Rækkefølgen følger de præcise totaler; = betyder delt placering.",
    rank: "Plads",
    id: "Id",
    name: "Navn",
    total: "Point i alt",
    meets: "Krav opfyldt",
    core_not_documented: "kerneområde ikke dokumenteret",
    check_by_hand: "ikke dokumenteret – vurdér manuelt",
    yes: "ja",
    no: "nej",
    rest: "Øvrige ansøgere",
    nobody_else: "Der er ingen øvrige ansøgere.",
    cards: "Ansøgerne på kortlisten",
    cards_intro: "For hver ansøger: hvorfor placeringen, hvad screeningen fandt i ansøgningen (i hele sætninger), og hvad den ikke fandt. Det, der ikke blev fundet, kan godt stå i ansøgningen med andre ord – se efter.",
    why: "Placering",
    chart_caption: "Point pr. kompetence (0–100) sammenlignet med gennemsnittet for kortlisten",
    legend_candidate: "Ansøger",
    legend_average: "Gennemsnit for kortlisten",
    competency: "Kompetence",
    requirements: "Krav",
    strongest: "Flest point",
    not_found_title: "Ikke fundet – se efter i ansøgningen",
    not_found_intro: "Her gav screeningen færrest point i forhold til det mulige. Det betyder, at ordene eller tallene ikke blev fundet – ikke nødvendigvis, at ansøgeren mangler kompetencen.",
    nothing_missing: "Screeningen fandt noget til alle kriterier.",
    found_title: "Fundet i ansøgningen",
    found_nothing: "Screeningen fandt ingen af profilens ord i ansøgningen.",
    criterion: "Kriterium",
    sentence: "Fra ansøgningen",
    field: "Felt",
    page: "side",
    paragraph: "afsnit",
    stated: "Oplyst",
    row_issues: "Værdier, der ikke kunne læses",
    stability: "Robusthed",
    ratings: "Udvalgsmedlemmernes vurderinger",
    spread: "Spredning",
    members_points: "Medlemmer (0–100)",
    screening: "Screening",
    difference: "Forskel",
    discuss: "Drøftes",
    members_disagree: "medlemmerne er uenige",
    rubric_disagrees: "medlemmer og screening er uenige",
    notes: "Noter",
    to_discuss: "Til drøftelse på mødet",
    nothing_to_discuss: "Ingen store uenigheder.",
    checklist: "Tjekliste: hver ansøgning er læst af et menneske",
    checklist_intro: "Screeningen erstatter ikke, at hver ansøgning læses. Sæt kryds, når en person har læst ansøgningen. En ansøgning med en vurdering eller note i vurderingsfilen står som læst af det medlem.",
    not_registered: "ikke registreret som læst",
    signature: "Alle ansøgninger er læst af et menneske. Underskrift: ______________________  Dato: ____________",
    not_assessed: "Det vurderer screeningen ikke",
    not_assessed_intro: "Screeningen ser kun, om stillingsprofilens ord og tal står i ansøgningen. Den vurderer ikke:",
    not_assessed_items: &[
        "personlige egenskaber, ledelsesstil og samarbejde – det, profilen beskriver som personlige kompetencer",
        "kvaliteten og resultaterne af det, ansøgeren har gjort",
        "referencer, tests og cases",
        "samtalen",
        "motivation, og hvordan ansøgeren vil passe ind i direktionen og organisationen",
        "om oplysningerne er rigtige: tal og svar er ansøgerens egne og er ikke kontrolleret",
        "ordvalg: en ansøger, der beskriver sin erfaring med andre ord end profilens, kan få for få point, og en, der gentager profilens ord, kan få for mange",
    ],
    numbers: "Hvor tallene kommer fra",
    numbers_intro: "Tal som år med ledelse, budgettets størrelse og antal medarbejdere er ansøgernes egne oplysninger fra ansøgningsskemaet, i de felter, der står nedenfor. De er ikke kontrolleret. Tekstkriterier giver point, når ord fra profilen står i ansøgningens tekstfelter.",
    source_field: "Kilde (felt)",
    how_points: "Sådan giver det point",
    method: "Metode",
    method_intro: "Hver kompetence får 0–100 point ud fra sine kriterier. Point i alt er det vægtede gennemsnit af kompetencerne efter vægtene nedenfor. Ansøgere, der opfylder alle krav, placeres før dem, der ikke gør; derefter efter point i alt og ved lige point efter id.",
    weight: "Vægt",
    share: "Andel",
    from_profile: "Fra stillingsprofilen",
    no_requirements: "Kriteriesættet har ingen ufravigelige krav.",
    requirement_statuses: "Et krav er opfyldt, ikke dokumenteret (ansøgningen siger intet om det: vurdér manuelt) eller ikke opfyldt (ansøgningen siger det modsatte). Kun »ikke opfyldt« flytter en ansøgning ned i rækkefølgen.",
    core_area: "Kerneområde",
    groups: "Andel på kortlisten pr. gruppe",
    group: "Gruppe",
    applicants: "Ansøgere",
    shortlisted: "På kortlisten",
    share_of_group: "Andel",
    ratio: "I forhold til højeste andel",
    remark: "Bemærkning",
    highest_share: "højeste andel",
    under_four_fifths: "under 4/5 af den højeste andel",
    too_small: "for få til at beregne en andel",
    no_remark: "–",
    by_shortlist: "Kortlisten",
    by_median: "Point i alt over medianen",
    above_median: "Over medianen",
    legal_note_title: "Hvad tallene betyder",
    legal_note: "Tallene er aritmetik, ikke en juridisk vurdering. Markeringen »under 4/5 af den højeste andel« bygger på en amerikansk tommelfingerregel (»four-fifths rule« i de amerikanske myndigheders retningslinjer); den er ikke dansk ret. I Danmark forbyder ligebehandlingsloven og forskelsbehandlingsloven forskelsbehandling ved ansættelse, men ingen regel sætter en grænse for forholdet mellem andele. En markering er en anledning til at se kriterierne efter – ikke et bevis for forskelsbehandling, og ingen markering er ikke et bevis for det modsatte. Med få ansøgere giver tilfældigheder store udsving.",
    mapping_title: "Sådan er værdierne lagt sammen",
    not_in_map: "ikke i opdelingen, vist for sig",
    blank_value: "(tom)",
    blind_groups: "Udgaven er anonymiseret, så grupperne er bogstaver. Bogstaverne følger gruppernes størrelse og ikke værdierne.",
    default_map: "profilmatchs standardopdeling",
    quality: "Datakvalitet",
    quality_intro: "Værdier, som screeningen ikke kunne læse, giver 0 point. Se dem efter i ansøgningen.",
    applicant: "Ansøger",
    problem: "Problem",
    no_issues: "Alle værdier kunne læses.",
    rejected_rows: "Rækker, der ikke kunne læses",
    no_rejected: "Alle rækker kunne læses.",
    file_notes: "Meddelelser om filen",
    run: "Kørselsoplysninger",
    program: "Program",
    time: "Tidspunkt (UTC)",
    rubric_file: "Kriteriefil",
    applicant_file: "Ansøgerfil",
    how_read: "Sådan er filen læst",
    weights_used: "Vægte brugt",
    options: "Valg på kommandolinjen",
    approval: "Godkendelse",
    weights_fingerprint: "Fingeraftryk af vægtene (SHA-256)",
    rules_fingerprint: "Fingeraftryk af reglerne (SHA-256)",
    footer: "Lavet med profilmatch. Oversigten er et hjælpemiddel; udvalget træffer beslutningen.",
    interactive: "Prøv andre vægte",
    interactive_intro: "Flyt en skyder for at ændre en kompetences vægt. Alle ansøgere placeres igen med det samme, efter samme regler som profilmatch score --weight. Intet forlader siden.",
    reset: "Nulstil til kriteriesættets vægte",
    adjusted: "Listen og tabellerne viser ændrede vægte:",
    all_zero: "Mindst én vægt skal være større end 0.",
    rubric_weights_notice: "Tabellerne viser kriteriesættets vægte.",
    draft: "UDKAST – skal læses, rettes og godkendes af en person, før det sendes. Udkastet er lavet maskinelt ud fra screeningen. Tekst i [firkantede parenteser] skal udfyldes af udvalget.",
    letter_kicker: "Udkast til begrundelse",
    to: "Til",
    position: "Stilling",
    employer: "Ansættende myndighed",
    dear_applicant: "Kære ansøger",
    decision_placeholder: "[Udvalgets beslutning og de hensyn, der var afgørende, med udvalgets egne ord.]",
    considerations: "Hovedmomenter, der er lagt vægt på",
    considerations_intro: "Ansøgningerne er sammenholdt med stillingsprofilens kompetencer. For hver kompetence står her, hvad profilen lægger vægt på, og hvad vi fandt i din ansøgning.",
    documented: "Det fandt vi i din ansøgning",
    letter_requirements: "Krav til stillingen",
    human: "Screeningen er et hjælpemiddel. Afgørelsen er truffet af ansættelsesudvalget, ikke af et program. [Bekræft: din ansøgning er læst af (navn), (dato).]",
    rights: "Dine rettigheder",
    rights_items: &[
        "Begrundelsen gives efter forvaltningslovens § 22 og § 24: de hovedhensyn, der har været bestemmende for vurderingen.",
        "Du har ret til indsigt i de oplysninger, vi behandler om dig, og til en forklaring på, hvordan ansøgningerne er gennemgået (databeskyttelsesforordningens artikel 13–15).",
        "Afgørelsen er ikke truffet alene ved automatisk behandling (databeskyttelsesforordningens artikel 22).",
        "Spørgsmål kan rettes til [navn, e-mail, telefon].",
    ],
    closing: "Med venlig hilsen",
    signature_placeholder: "[Navn, titel]",
    letter_footer: "Udkast lavet med profilmatch. Intet i brevet nævner eller citerer andre ansøgere.",
};

/// English.
pub static EN: Texts = Texts {
    lang: Lang::En,
    kicker: "Machine screening · advisory",
    title: "Screening overview",
    rubric: "Rubric",
    version: "version",
    date: "Date",
    in_file: "Applications in the file",
    screened: "Screened by machine",
    unreadable: "Could not be read",
    on_shortlist: "On the shortlist",
    contents: "Contents",
    advisory: "This overview is machine-made: profilmatch looked for the job profile's words and figures in the applications and added up points by the rubric's weights. It is an aid to the committee's own review – not the committee's recommendation and not a decision – and it does not replace a person reading every application.",
    blind_notice: "Blind edition: names, contact details and protected attributes (such as gender and age) are left out, in quotes too. Applicants are shown by id.",
    not_approved: "The rubric is not approved. Approve the weights before the applications are opened (profilmatch rubric approve), so that nobody can change them after seeing who applied.",
    sliders_asked: "The weight sliders are on (--sliders) in an edition with names. Weights changed after seeing the applicants are not the approved ones and cannot be used as the reason for a placement.",
    sliders_blind: "The weight sliders are shown because this edition is blind.",
    shortlist: "Shortlist from the screening",
    rounding_note: "Points are shown with one decimal. The order follows the exact totals; = marks a shared place.",
    rank: "Place",
    id: "Id",
    name: "Name",
    total: "Total points",
    meets: "Requirements met",
    core_not_documented: "core area not documented",
    check_by_hand: "not documented – check by hand",
    yes: "yes",
    no: "no",
    rest: "Other applicants",
    nobody_else: "There are no other applicants.",
    cards: "The applicants on the shortlist",
    cards_intro: "For each applicant: why the place, what the screening found in the application (in whole sentences), and what it did not find. What was not found may well be in the application in other words – check.",
    why: "Place",
    chart_caption: "Points per competency (0–100) against the shortlist's average",
    legend_candidate: "Applicant",
    legend_average: "Shortlist average",
    competency: "Competency",
    requirements: "Requirements",
    strongest: "Most points",
    not_found_title: "Not found – check the application",
    not_found_intro: "Here the screening gave the fewest points of those possible. It means the words or figures were not found – not necessarily that the applicant lacks the competency.",
    nothing_missing: "The screening found something for every criterion.",
    found_title: "Found in the application",
    found_nothing: "The screening found none of the profile's words in the application.",
    criterion: "Criterion",
    sentence: "From the application",
    field: "Field",
    page: "page",
    paragraph: "paragraph",
    stated: "Stated",
    row_issues: "Values that could not be read",
    stability: "Stability",
    ratings: "The committee members' ratings",
    spread: "Spread",
    members_points: "Members (0–100)",
    screening: "Screening",
    difference: "Difference",
    discuss: "Discuss",
    members_disagree: "members disagree",
    rubric_disagrees: "members and screening disagree",
    notes: "Notes",
    to_discuss: "To discuss at the meeting",
    nothing_to_discuss: "No large disagreements.",
    checklist: "Checklist: every application read by a person",
    checklist_intro: "The screening does not replace reading every application. Tick when a person has read it. An application with a rating or note in the ratings file counts as read by that member.",
    not_registered: "not recorded as read",
    signature: "Every application has been read by a person. Signature: ______________________  Date: ____________",
    not_assessed: "What the screening does not assess",
    not_assessed_intro: "The screening only sees whether the job profile's words and figures are in the application. It does not assess:",
    not_assessed_items: &[
        "personal qualities, leadership style and cooperation – what the profile calls personal competencies",
        "the quality and results of what the applicant has done",
        "references, tests and cases",
        "the interview",
        "motivation, and how the applicant would fit the executive team and the organisation",
        "whether the information is true: figures and answers are the applicant's own and are not checked",
        "wording: an applicant who describes their experience in other words than the profile's may get too few points, and one who repeats the profile's words too many",
    ],
    numbers: "Where the numbers come from",
    numbers_intro: "Figures such as years of management, budget size and staff led are the applicants' own answers in the application form, in the fields listed below. They are not checked. Text criteria give points when words from the profile are in the application's text fields.",
    source_field: "Source (field)",
    how_points: "How it gives points",
    method: "Method",
    method_intro: "Each competency gets 0–100 points from its criteria. Total points are the weighted average of the competencies by the weights below. Applicants who meet every requirement are placed before those who do not; then by total points, and for equal points by id.",
    weight: "Weight",
    share: "Share",
    from_profile: "From the job profile",
    no_requirements: "The rubric has no must-have requirements.",
    requirement_statuses: "A requirement is met, not documented (the application says nothing about it: check by hand) or not met (the application states the opposite). Only \"not met\" moves an application down the order.",
    core_area: "Core area",
    groups: "Share shortlisted per group",
    group: "Group",
    applicants: "Applicants",
    shortlisted: "Shortlisted",
    share_of_group: "Share",
    ratio: "Relative to the highest share",
    remark: "Remark",
    highest_share: "highest share",
    under_four_fifths: "under 4/5 of the highest share",
    too_small: "too few to compute a share",
    no_remark: "–",
    by_shortlist: "The shortlist",
    by_median: "Total points above the median",
    above_median: "Above the median",
    legal_note_title: "What the figures mean",
    legal_note: "The figures are arithmetic, not a legal assessment. The remark \"under 4/5 of the highest share\" follows a US rule of thumb (the \"four-fifths rule\" of the US agencies' guidelines); it is not Danish law. In Denmark the Equal Treatment Act (ligebehandlingsloven) and the Act on Prohibition of Discrimination in the Labour Market (forskelsbehandlingsloven) forbid discrimination in hiring, but no rule sets a limit on the ratio between shares. A remark is a reason to look at the criteria again – not evidence of discrimination, and no remark is not evidence of the opposite. With few applicants, chance alone gives large differences.",
    mapping_title: "How the values were grouped",
    not_in_map: "not in the grouping, shown on its own",
    blank_value: "(blank)",
    blind_groups: "This edition is blind, so the groups are letters. The letters follow the groups' sizes, not their values.",
    default_map: "profilmatch's default grouping",
    quality: "Data quality",
    quality_intro: "Values the screening could not read give 0 points. Check them in the application.",
    applicant: "Applicant",
    problem: "Problem",
    no_issues: "Every value could be read.",
    rejected_rows: "Rows that could not be read",
    no_rejected: "Every row could be read.",
    file_notes: "Messages about the file",
    run: "Run record",
    program: "Program",
    time: "Time (UTC)",
    rubric_file: "Rubric file",
    applicant_file: "Applicant file",
    how_read: "How the file was read",
    weights_used: "Weights used",
    options: "Options",
    approval: "Approval",
    weights_fingerprint: "Fingerprint of the weights (SHA-256)",
    rules_fingerprint: "Fingerprint of the rules (SHA-256)",
    footer: "Made with profilmatch. The overview is an aid; the committee makes the decision.",
    interactive: "Try other weights",
    interactive_intro: "Move a slider to change a competency's weight. Every applicant is placed again at once, by the same rules as profilmatch score --weight. Nothing leaves the page.",
    reset: "Reset to the rubric's weights",
    adjusted: "The shortlist and tables show adjusted weights:",
    all_zero: "At least one weight must be above 0.",
    rubric_weights_notice: "The tables show the rubric's weights.",
    draft: "DRAFT – to be read, corrected and approved by a person before it is sent. This draft was made by machine from the screening. Text in [square brackets] is for the committee to fill in.",
    letter_kicker: "Draft statement of reasons",
    to: "To",
    position: "Position",
    employer: "Hiring authority",
    dear_applicant: "Dear applicant",
    decision_placeholder: "[The committee's decision and the considerations that decided it, in the committee's own words.]",
    considerations: "The main considerations",
    considerations_intro: "The applications were compared with the competencies of the job profile. For each competency, here is what the profile emphasises and what we found in your application.",
    documented: "What we found in your application",
    letter_requirements: "Requirements of the position",
    human: "The screening is an aid. The decision was made by the hiring committee, not by a program. [Confirm: your application was read by (name), (date).]",
    rights: "Your rights",
    rights_items: &[
        "These reasons are given under sections 22 and 24 of the Danish Public Administration Act (forvaltningsloven): the main considerations that decided the assessment.",
        "You have the right to access the information we process about you, and to an explanation of how the applications were reviewed (GDPR Articles 13–15).",
        "The decision was not based solely on automated processing (GDPR Article 22).",
        "Questions can be sent to [name, e-mail, telephone].",
    ],
    closing: "Yours sincerely",
    signature_placeholder: "[Name, title]",
    letter_footer: "Draft made with profilmatch. Nothing in this letter names or quotes another applicant.",
};

impl Texts {
    fn da(&self) -> bool {
        self.lang == Lang::Da
    }

    /// A number as this language writes a decimal (`12,5` or `12.5`).
    pub fn decimal(&self, text: &str) -> String {
        if self.da() { text.replace('.', ",") } else { text.to_string() }
    }

    /// A number with one decimal, as a person reads points (`86,1`).
    pub fn one(&self, value: f64) -> String {
        // Rounded first, so that −0.04 is not shown as "-0,0".
        let rounded = (value * 10.0).round() / 10.0;
        self.decimal(&format!("{:.1}", if rounded == 0.0 { 0.0 } else { rounded }))
    }

    /// A whole number (`31`).
    pub fn whole(&self, value: f64) -> String {
        let rounded = value.round();
        format!("{}", if rounded == 0.0 { 0.0 } else { rounded })
    }

    /// A value as the applicant gave it: at most two decimals, no trailing zeros (`9,5`, `4850`).
    pub fn value(&self, value: f64) -> String {
        let text = format!("{:.2}", (value * 100.0).round() / 100.0);
        let text = text.trim_end_matches('0').trim_end_matches('.');
        self.decimal(text)
    }

    /// "The N applications with the most points (and ties)".
    pub fn shortlist_size(&self, asked: usize, shown: usize) -> String {
        match (self.da(), asked == shown) {
            (true, true) => format!("De {shown} ansøgninger, der fik flest point i screeningen."),
            (true, false) => {
                format!("De {asked} ansøgninger med flest point og alle, der står lige med nr. {asked}: {shown} i alt.")
            }
            (false, true) => format!("The {shown} applications with the most points in the screening."),
            (false, false) => format!(
                "The {asked} applications with the most points and everyone tied with number {asked}: {shown} in all."
            ),
        }
    }

    /// The approval notice: approved, and used as approved.
    pub fn approved(&self, by: &str, at: &str) -> String {
        if self.da() {
            format!(
                "Kriteriesæt og vægte er godkendt af {by} ({at}). Denne kørsel bruger de godkendte vægte og regler."
            )
        } else {
            format!(
                "The rubric and weights were approved by {by} ({at}). This run uses the approved weights and rules."
            )
        }
    }

    /// The approval notice: approved, but this run's weights or rules differ.
    pub fn approval_changed(&self, by: &str, at: &str, weights: bool, rules: bool) -> String {
        let what = match (self.da(), weights, rules) {
            (true, true, true) => "Vægtene og reglerne",
            (true, true, false) => "Vægtene",
            (true, false, _) => "Reglerne (ord, felter eller grænser)",
            (false, true, true) => "The weights and the rules",
            (false, true, false) => "The weights",
            (false, false, _) => "The rules (terms, fields or thresholds)",
        };
        if self.da() {
            format!(
                "OBS: {what} i denne kørsel afviger fra dem, {by} godkendte ({at}). Placeringerne bygger derfor ikke på det godkendte kriteriesæt."
            )
        } else {
            format!(
                "Note: {what} of this run differ from those approved by {by} ({at}). The places are therefore not based on the approved rubric."
            )
        }
    }

    /// The notice for `--weight`.
    pub fn overrides(&self, list: &str) -> String {
        if self.da() {
            format!("Kørt med ændrede vægte: {list}.")
        } else {
            format!("Run with changed weights: {list}.")
        }
    }

    /// Why a candidate ranks above the next: a competency made the largest difference.
    pub fn why_competency(&self, next: &str, lead: f64, competency: &str, points: f64) -> String {
        let lead = if lead < 0.05 { self.less_than_a_tenth() } else { self.one(lead) };
        let sign = if points >= 0.0 { "+" } else { "" };
        if self.da() {
            format!(
                "Placeret over {next} med {lead} point mere i alt. Den største forskel kommer fra «{competency}» ({sign}{} point).",
                self.one(points)
            )
        } else {
            format!(
                "Placed above {next} by {lead} points in total. The largest difference comes from “{competency}” ({sign}{} points).",
                self.one(points)
            )
        }
    }

    fn less_than_a_tenth(&self) -> String {
        if self.da() { "under 0,1".into() } else { "under 0.1".into() }
    }

    /// A core competency with the application's score in it, for [`Texts::core_in_letter`].
    pub fn core_part(&self, competency: &str, score: &str) -> String {
        if self.da() { format!("{competency} ({score} point)") } else { format!("{competency} ({score} points)") }
    }

    /// A letter's sentence on the core gate: the core competencies, the application's score there
    /// and the score needed.
    pub fn core_in_letter(&self, competencies: &str, score: &str, min_score: &str) -> String {
        if self.da() {
            format!(
                "Stillingens kerneområde er {competencies}. Din ansøgning gav {score} point her, og der kræves mindst {min_score} for at kerneområdet regnes for dokumenteret."
            )
        } else {
            format!(
                "The post's core area is {competencies}. Your application scored {score} points there, and at least {min_score} are needed for the core area to count as documented."
            )
        }
    }

    /// The core gate in words: which competencies, and the score they need.
    pub fn core_rule(&self, competencies: &str, min_score: &str) -> String {
        if self.da() {
            format!(
                "Stillingens kerneområde er {competencies}. En ansøgning dokumenterer kerneområdet, når det vægtede gennemsnit af disse kompetencers point er mindst {min_score}. Ansøgninger, der ikke gør det, placeres efter dem, der gør, uanset deres samlede point, og markeres »kerneområde ikke dokumenteret«."
            )
        } else {
            format!(
                "The post's core area is {competencies}. An application documents the core area when the weighted average of these competencies' scores is at least {min_score}. Applications that do not are placed after those that do, whatever their totals, and flagged \"core area not documented\"."
            )
        }
    }

    /// Why: the next candidate's application does not document the core area.
    pub fn why_core(&self, next: &str) -> String {
        if self.da() {
            format!("Placeret over {next}, fordi {next}s ansøgning ikke dokumenterer stillingens kerneområde.")
        } else {
            format!("Placed above {next} because {next}'s application does not document the post's core area.")
        }
    }

    /// Why: the next candidate fails a requirement.
    pub fn why_requirements(&self, next: &str) -> String {
        if self.da() {
            format!("Placeret over {next}, fordi {next} ikke opfylder alle krav i screeningen.")
        } else {
            format!("Placed above {next} because {next} does not meet every requirement in the screening.")
        }
    }

    /// Why: tied with the next candidate.
    pub fn why_tie(&self, next: &str) -> String {
        if self.da() {
            format!("Står lige med {next}. Rækkefølgen mellem dem følger kun id og siger intet om, hvem der er bedst.")
        } else {
            format!(
                "Tied with {next}. The order between them follows the id only and says nothing about who is better."
            )
        }
    }

    /// Why: last of all applicants.
    pub fn why_last(&self) -> &'static str {
        if self.da() { "Ingen ansøger er placeret under denne." } else { "No applicant is placed below this one." }
    }

    /// "x of y points".
    pub fn points_of(&self, points: f64, max: f64) -> String {
        if self.da() {
            format!("{} af {} point", self.one(points), self.one(max))
        } else {
            format!("{} of {} points", self.one(points), self.one(max))
        }
    }

    /// A criterion's status, in a few words.
    pub fn criterion_status(&self, status: CriterionStatus) -> &'static str {
        match (self.da(), status) {
            (true, CriterionStatus::Full) => "fundet",
            (true, CriterionStatus::Partial) => "delvis fundet",
            (true, CriterionStatus::NoCredit) => "oplyst, men giver ikke point",
            (true, CriterionStatus::NotDocumented) => "ikke fundet",
            (true, CriterionStatus::Unreadable) => "værdien kunne ikke læses",
            (true, CriterionStatus::Denied) => "ansøgningen afviser det eller tager forbehold",
            (false, CriterionStatus::Full) => "found",
            (false, CriterionStatus::Partial) => "partly found",
            (false, CriterionStatus::NoCredit) => "stated, but gives no points",
            (false, CriterionStatus::NotDocumented) => "not found",
            (false, CriterionStatus::Unreadable) => "the value could not be read",
            (false, CriterionStatus::Denied) => "the application denies or qualifies it",
        }
    }

    /// A value a criterion read, in a few words ("oplyst 820").
    pub fn stated_value(&self, value: &str) -> String {
        if self.da() { format!("oplyst {value}") } else { format!("stated {value}") }
    }

    /// A requirement's status, in a few words.
    pub fn requirement_status(&self, status: RequirementStatus) -> &'static str {
        match (self.da(), status) {
            (true, RequirementStatus::Met) => "opfyldt",
            (true, RequirementStatus::NotDocumented) => "ikke dokumenteret i ansøgningen",
            (true, RequirementStatus::NotMet) => "ikke opfyldt",
            (true, RequirementStatus::Denied) => "ansøgningen siger selv, at kravet ikke er opfyldt",
            (false, RequirementStatus::Met) => "met",
            (false, RequirementStatus::NotDocumented) => "not documented in the application",
            (false, RequirementStatus::NotMet) => "not met",
            (false, RequirementStatus::Denied) => "the application itself says it is not met",
        }
    }

    /// A quote's status, when it is not a plain finding.
    pub fn quote_status(&self, status: QuoteStatus) -> Option<&'static str> {
        match (self.da(), status) {
            (_, QuoteStatus::Found) => None,
            (true, QuoteStatus::Synonym) => Some("fundet via et synonym"),
            (true, QuoteStatus::Denied) => Some("sætningen siger selv nej til det"),
            (true, QuoteStatus::Limited) => Some("sætningen angiver selv begrænset erfaring"),
            (true, QuoteStatus::Aspiration) => {
                Some("ikke egen erfaring: et ønske, en plan, et kursus eller andres arbejde")
            }
            (true, QuoteStatus::Listed) => Some("står i en opremsning af ord"),
            (true, QuoteStatus::Excluded) => Some("tæller ikke efter kriteriesættet"),
            (false, QuoteStatus::Synonym) => Some("found through a synonym"),
            (false, QuoteStatus::Denied) => Some("the sentence itself denies it"),
            (false, QuoteStatus::Limited) => Some("the sentence itself states limited experience"),
            (false, QuoteStatus::Aspiration) => {
                Some("not own experience: a wish, a plan, a course or someone else's work")
            }
            (false, QuoteStatus::Listed) => Some("in a bare list of words"),
            (false, QuoteStatus::Excluded) => Some("does not count under the rubric"),
        }
    }

    /// A value that could not be read.
    pub fn issue(&self, kind: IssueKind, value: &str) -> String {
        match (self.da(), kind) {
            (true, IssueKind::NotANumber) => format!("«{value}» er ikke et tal; giver 0 point"),
            (true, IssueKind::NotYesOrNo) => format!("«{value}» er hverken ja eller nej; giver 0 point"),
            (true, IssueKind::NotAChoice) => format!("«{value}» er ikke en af de mulige værdier; giver 0 point"),
            (false, IssueKind::NotANumber) => format!("“{value}” is not a number; gives 0 points"),
            (false, IssueKind::NotYesOrNo) => format!("“{value}” is neither yes nor no; gives 0 points"),
            (false, IssueKind::NotAChoice) => format!("“{value}” is not one of the listed values; gives 0 points"),
        }
    }

    /// The folded list of terms not found.
    pub fn missing_terms(&self, count: usize) -> String {
        if self.da() {
            format!("Søgeord, der ikke blev fundet ({count})")
        } else {
            format!("Search terms not found ({count})")
        }
    }

    /// The stability sentence.
    pub fn stability_sentence(&self, share: &str, low: &str, high: &str, ranks: Option<(usize, usize)>) -> String {
        let mut s = if self.da() {
            format!(
                "På kortlisten i {share} % af 10.000 prøver, hvor vægtene varierer tilfældigt omkring kriteriesættets (ca. 20 %; 95 %-interval {low}–{high} %)."
            )
        } else {
            format!(
                "On the shortlist in {share}% of 10,000 samples with the weights varied at random around the rubric's (about 20%; 95% interval {low}–{high}%)."
            )
        };
        if let Some((p5, p95)) = ranks {
            s.push_str(&if self.da() {
                format!(" Placering i 90 % af prøverne mellem {p5} og {p95}.")
            } else {
                format!(" Place in 90% of samples between {p5} and {p95}.")
            });
        }
        s
    }

    /// The ratings section's introduction.
    pub fn ratings_intro(&self, source: &str, min: &str, max: &str, half: &str, gap: &str) -> String {
        if self.da() {
            format!(
                "Medlemmernes egne vurderinger fra {source} på en skala fra {min} til {max}, lagt ved siden af screeningen. »Medlemmer (0–100)« er medlemmernes gennemsnit omregnet til screeningens skala. Til drøftelse: medlemmerne ligger {half} eller mere fra hinanden, eller gennemsnittet ligger {gap} point eller mere fra screeningen."
            )
        } else {
            format!(
                "The members' own ratings from {source} on a scale from {min} to {max}, set beside the screening. \"Members (0–100)\" is the members' mean on the screening's scale. To discuss: the members are {half} or more apart, or their mean is {gap} points or more from the screening."
            )
        }
    }

    /// "read by A, B".
    pub fn read_by(&self, members: &str) -> String {
        if self.da() { format!("læst af {members}") } else { format!("read by {members}") }
    }

    /// A row that could not be read, in the checklist.
    pub fn unreadable_row(&self, line: u64) -> String {
        if self.da() {
            format!("Rækken på linje {line} kunne ikke læses maskinelt – ansøgningen skal læses i sin helhed")
        } else {
            format!("The row on line {line} could not be read by machine – read the whole application")
        }
    }

    /// How the applicant file was read.
    pub fn read_as(&self, encoding: &str, delimiter: &str, decimal_comma: bool) -> String {
        match (self.da(), decimal_comma) {
            (true, true) => format!("{encoding}, skilletegn «{delimiter}», decimalkomma"),
            (true, false) => format!("{encoding}, skilletegn «{delimiter}», decimalpunktum"),
            (false, true) => format!("{encoding}, delimiter “{delimiter}”, decimal comma"),
            (false, false) => format!("{encoding}, delimiter “{delimiter}”, decimal point"),
        }
    }

    /// Rejected rows beyond those listed.
    pub fn more_rejected(&self, shown: usize, all: u64) -> String {
        if self.da() {
            format!("Viser {shown} af {all} afviste rækker; --rejects FIL skriver dem alle.")
        } else {
            format!("Showing {shown} of {all} rejected rows; --rejects FILE writes them all.")
        }
    }

    /// A rejected row in the data-quality section.
    pub fn rejected_row(&self, line: u64) -> String {
        if self.da() { format!("Linje {line}") } else { format!("Line {line}") }
    }

    /// The group section's introduction.
    pub fn groups_intro(&self, column: &str, map: &str, min: u64) -> String {
        if self.da() {
            format!(
                "Værdierne i kolonnen «{column}» er lagt sammen i grupper efter {map} (se nedenfor). For hver gruppe: antal ansøgere, antal på kortlisten og andelen, og andelen i forhold til den højeste andel. Grupper med færre end {min} ansøgere vises kun med deres antal. Kolonnen indgår aldrig i pointene, og tallene gælder kun hele grupper."
            )
        } else {
            format!(
                "The values of the column “{column}” were grouped by {map} (see below). For each group: the number of applicants, the number shortlisted and the share, and the share relative to the highest share. Groups with fewer than {min} applicants are shown with their size only. The column never counts in the points, and the figures are for whole groups only."
            )
        }
    }

    /// The mapping file's name in the group section.
    pub fn map_file(&self, path: &str) -> String {
        if self.da() { format!("opdelingen i {path}") } else { format!("the grouping in {path}") }
    }

    /// The median line.
    pub fn median(&self, median: &str) -> String {
        if self.da() {
            format!("Medianen af alle totaler er {median}; »over medianen« betyder flere point end det.")
        } else {
            format!("The median of all totals is {median}; \"above the median\" means more points than that.")
        }
    }

    /// How a `terms` criterion gives points.
    pub fn rule_terms(&self, count: usize, need: usize, columns: &str) -> String {
        match (self.da(), columns.is_empty()) {
            (true, true) => format!(
                "søger efter {count} ord og vendinger i ansøgningens tekstfelter; fuldt point ved {need} fundet"
            ),
            (true, false) => format!("søger efter {count} ord og vendinger i {columns}; fuldt point ved {need} fundet"),
            (false, true) => format!(
                "looks for {count} words and phrases in the application's text fields; full points at {need} found"
            ),
            (false, false) => format!("looks for {count} words and phrases in {columns}; full points at {need} found"),
        }
    }

    /// How a curve gives points.
    pub fn rule_curve(&self, points: &str) -> String {
        if self.da() {
            format!("{points}; jævnt imellem punkterne")
        } else {
            format!("{points}; evenly between the points")
        }
    }

    /// How a threshold gives points.
    pub fn rule_min(&self, min: &str) -> String {
        if self.da() {
            format!("fuldt point ved mindst {min}, ellers 0")
        } else {
            format!("full points at {min} or more, otherwise 0")
        }
    }

    /// How a choice gives points.
    pub fn rule_choice(&self, choices: &str) -> String {
        if self.da() { format!("{choices}; andre værdier 0") } else { format!("{choices}; other values 0") }
    }

    /// How a flag gives points.
    pub fn rule_flag(&self) -> &'static str {
        if self.da() { "ja giver fuldt point, nej 0" } else { "yes gives full points, no 0" }
    }

    /// A requirement's threshold, when it is not the default.
    pub fn at_least(&self, value: &str) -> String {
        if self.da() {
            format!("opfyldt ved mindst {value} af fuldt point")
        } else {
            format!("met at {value} of full points or more")
        }
    }

    /// The letter's title.
    pub fn letter_title(&self, position: &str) -> String {
        if self.da() {
            format!("Begrundelse: din ansøgning til stillingen som {position}")
        } else {
            format!("Reasons: your application for the position of {position}")
        }
    }

    /// The greeting.
    pub fn dear(&self, name: &str) -> String {
        if self.da() { format!("Kære {name}") } else { format!("Dear {name}") }
    }

    /// "Applicant A001".
    pub fn applicant_id(&self, id: &str) -> String {
        if self.da() { format!("Ansøger {id}") } else { format!("Applicant {id}") }
    }

    /// The letter's opening.
    pub fn letter_intro(&self, applications: usize) -> String {
        if self.da() {
            format!(
                "Tak for din ansøgning. Vi modtog {applications} ansøgninger. [Udvalget skriver her, hvordan det har læst ansøgningerne.] Som hjælp til gennemgangen er ansøgningerne screenet maskinelt mod stillingsprofilens kompetencer. Her er de hovedmomenter, der er lagt vægt på, og hvad vi fandt i din ansøgning."
            )
        } else {
            format!(
                "Thank you for your application. We received {applications} applications. [The committee states here how it read the applications.] As an aid to the review, the applications were screened by machine against the competencies of the job profile. Here are the main considerations and what we found in your application."
            )
        }
    }

    /// Where the applicant was placed; `better` applications were placed ahead for being in a
    /// better ranking group (when none were, the group is named without saying it moved anyone).
    pub fn placement(
        &self,
        rank: usize,
        tied: bool,
        applicants: usize,
        shortlist: Option<(usize, bool)>,
        standing: crate::rank::Standing,
        better: usize,
    ) -> String {
        let shared = match (self.da(), tied) {
            (true, true) => " (delt placering)",
            (false, true) => " (a shared place)",
            _ => "",
        };
        let mut s = if self.da() {
            format!("I screeningen blev din ansøgning placeret som nr. {rank}{shared} af {applicants}.")
        } else {
            format!("In the screening your application was placed number {rank}{shared} of {applicants}.")
        };
        // The group, then whether it moved anyone: only when an application was placed ahead for it.
        use crate::rank::Standing;
        let group = match (standing, self.da()) {
            (Standing::Qualified, _) => None,
            (Standing::CoreNotDocumented, true) => Some((
                "Ansøgningen dokumenterer ikke stillingens kerneområde, som stillingsprofilen lægger vægt på",
                "og ansøgninger uden det placeres efter dem, der dokumenterer det",
            )),
            (Standing::CoreNotDocumented, false) => Some((
                "The application does not document the post's core area, which the job profile stresses",
                "and applications without it are placed after those that document it",
            )),
            (Standing::RequirementNotMet, true) => Some((
                "Ikke alle krav til stillingen er opfyldt (se nedenfor)",
                "og ansøgninger, der ikke opfylder alle krav, placeres efter dem, der gør",
            )),
            (Standing::RequirementNotMet, false) => Some((
                "Not every requirement of the position is met (see below)",
                "and applications that do not meet every requirement are placed after those that do",
            )),
        };
        if let Some((what, order)) = group {
            let none = if self.da() {
                "Ingen ansøgning er placeret foran din af den grund."
            } else {
                "No application was placed ahead of yours for that reason."
            };
            s.push_str(&if better > 0 { format!(" {what}, {order}.") } else { format!(" {what}. {none}") });
        }
        if let Some((k, on)) = shortlist {
            s.push(' ');
            s.push_str(&match (self.da(), on) {
                (true, true) => format!("Du var blandt de {k}, der gik videre til udvalgets nærmere vurdering."),
                (true, false) => format!("De {k} højest placerede gik videre til udvalgets nærmere vurdering; din ansøgning var ikke blandt dem."),
                (false, true) => format!("You were among the {k} who went on to the committee's closer review."),
                (false, false) => format!("The {k} placed highest went on to the committee's closer review; your application was not among them."),
            });
        }
        s
    }

    /// A competency's heading in a letter.
    pub fn letter_competency(&self, label: &str, share: &str) -> String {
        if self.da() {
            format!("{label} ({share} % af vurderingen)")
        } else {
            format!("{label} ({share}% of the assessment)")
        }
    }

    /// A criterion the application documents by a sentence.
    pub fn letter_quote(&self, criterion: &str, field: &str) -> String {
        if self.da() {
            format!("{criterion} – i feltet «{field}» skriver du:")
        } else {
            format!("{criterion} – in the field “{field}” you write:")
        }
    }

    /// The next field quoted for the same criterion, after [`Texts::letter_quote`]'s.
    pub fn letter_quote_also(&self, field: &str) -> String {
        if self.da() { format!("og i feltet «{field}»:") } else { format!("and in the field “{field}”:") }
    }

    /// A criterion the application documents by a value; `column` is left out when it is the
    /// criterion's own label, and `full` (what gives full points) is added when given.
    pub fn letter_value(
        &self,
        criterion: &str,
        value: &str,
        column: Option<&str>,
        status: CriterionStatus,
        full: Option<&str>,
    ) -> String {
        let field = match (self.da(), column) {
            (true, Some(c)) => format!(" (feltet «{c}»)"),
            (false, Some(c)) => format!(" (the field “{c}”)"),
            (_, None) => String::new(),
        };
        let full = full.map(|f| format!(" ({f})")).unwrap_or_default();
        match (self.da(), status) {
            (true, CriterionStatus::NoCredit) => format!(
                "{criterion}: du har oplyst {value}{field}; det giver ikke point efter stillingsprofilens kriterier{full}."
            ),
            (true, CriterionStatus::Partial) => {
                format!("{criterion}: du har oplyst {value}{field}; det giver en del af de mulige point{full}.")
            }
            (true, _) => format!("{criterion}: du har oplyst {value}{field}."),
            (false, CriterionStatus::NoCredit) => {
                format!(
                    "{criterion}: you stated {value}{field}; under the profile's criteria this gives no points{full}."
                )
            }
            (false, CriterionStatus::Partial) => {
                format!("{criterion}: you stated {value}{field}; this gives part of the possible points{full}.")
            }
            (false, _) => format!("{criterion}: you stated {value}{field}."),
        }
    }

    /// What gives full points: a threshold.
    pub fn full_at(&self, value: &str) -> String {
        if self.da() {
            format!("fuldt point ved {value} eller mere")
        } else {
            format!("full points at {value} or more")
        }
    }

    /// What gives full points: values.
    pub fn full_for(&self, values: &str) -> String {
        if self.da() { format!("fuldt point for {values}") } else { format!("full points for {values}") }
    }

    /// A criterion the application does not document.
    pub fn letter_not_documented(&self, criteria: &str) -> String {
        if self.da() {
            format!("I din ansøgning fandt vi ikke oplysninger om: {criteria}.")
        } else {
            format!("In your application we found no information about: {criteria}.")
        }
    }

    /// A value criterion whose field the application left blank; `column` as in
    /// [`Texts::letter_value`].
    pub fn letter_blank(&self, criterion: &str, column: Option<&str>) -> String {
        match (self.da(), column) {
            (true, Some(c)) => {
                format!("{criterion}: feltet «{c}» er ikke udfyldt i din ansøgning og indgår derfor ikke.")
            }
            (true, None) => format!("{criterion}: feltet er ikke udfyldt i din ansøgning og indgår derfor ikke."),
            (false, Some(c)) => {
                format!("{criterion}: the field “{c}” is blank in your application, so it does not count.")
            }
            (false, None) => format!("{criterion}: the field is blank in your application, so it does not count."),
        }
    }

    /// A value that could not be read, in a letter; `column` as in [`Texts::letter_value`].
    pub fn letter_unreadable(&self, criterion: &str, value: &str, column: Option<&str>) -> String {
        match (self.da(), column) {
            (true, Some(c)) => format!(
                "{criterion}: oplysningen «{value}» (feltet «{c}») kunne ikke læses som et svar og indgår derfor ikke. [Kontrollér oplysningen i ansøgningen.]"
            ),
            (true, None) => format!(
                "{criterion}: oplysningen «{value}» kunne ikke læses som et svar og indgår derfor ikke. [Kontrollér oplysningen i ansøgningen.]"
            ),
            (false, Some(c)) => format!(
                "{criterion}: the answer “{value}” (the field “{c}”) could not be read and is therefore not counted. [Check it in the application.]"
            ),
            (false, None) => format!(
                "{criterion}: the answer “{value}” could not be read and is therefore not counted. [Check it in the application.]"
            ),
        }
    }

    /// A criterion the application's own words deny (`limited`: by stating limited or indirect
    /// experience, "min erfaring med det er begrænset", "kun indirekte", rather than none).
    pub fn letter_denied(&self, criterion: &str, limited: bool) -> String {
        match (self.da(), limited) {
            (true, false) => format!(
                "{criterion}: du skriver selv i din ansøgning, at du ikke har dette. Punktet giver derfor ingen point, men der er ikke trukket point fra:"
            ),
            (true, true) => format!(
                "{criterion}: du skriver selv i din ansøgning, at din erfaring med dette er begrænset eller indirekte. Punktet giver derfor ingen point, men der er ikke trukket point fra:"
            ),
            (false, false) => format!(
                "{criterion}: you write in your application that you do not have this. The item therefore earns no points, but none were deducted:"
            ),
            (false, true) => format!(
                "{criterion}: you write in your application that your experience of this is limited or indirect. The item therefore earns no points, but none were deducted:"
            ),
        }
    }

    /// A blank field, named (in the report's requirement lines).
    pub fn field_blank(&self, column: &str) -> String {
        if self.da() {
            format!("feltet «{column}» er ikke udfyldt")
        } else {
            format!("the field “{column}” is blank")
        }
    }

    /// A requirement read from one field that leaves it not documented: the field was blank
    /// (`held` is `None`) or held a value that does not decide it.
    pub fn letter_requirement_field(&self, label: &str, column: &str, held: Option<&str>) -> String {
        match (self.da(), held) {
            (true, None) => format!(
                "{label}: ikke dokumenteret. Screeningen læser kun kravet i feltet «{column}», som ikke er udfyldt i din ansøgning. [Udvalget vurderer kravet ud fra ansøgningen som helhed.]"
            ),
            (true, Some(v)) => format!(
                "{label}: ikke dokumenteret. Screeningen læser kun kravet i feltet «{column}», hvor du har oplyst «{v}», og det afgør ikke kravet. [Udvalget vurderer kravet ud fra ansøgningen som helhed.]"
            ),
            (false, None) => format!(
                "{label}: not documented. The screening reads this requirement only in the field “{column}”, which your application leaves blank. [The committee assesses the requirement from the application as a whole.]"
            ),
            (false, Some(v)) => format!(
                "{label}: not documented. The screening reads this requirement only in the field “{column}”, where you stated “{v}”, which does not decide it. [The committee assesses the requirement from the application as a whole.]"
            ),
        }
    }

    /// A requirement in a letter.
    pub fn letter_requirement(&self, label: &str, status: RequirementStatus, value: Option<&str>) -> String {
        match (self.da(), status, value) {
            (true, RequirementStatus::Met, _) => format!("{label}: opfyldt."),
            (true, RequirementStatus::NotDocumented, _) => {
                format!(
                    "{label}: ikke dokumenteret. Vi fandt ingen oplysning i din ansøgning, der viser, at kravet er opfyldt."
                )
            }
            (true, RequirementStatus::NotMet, Some(v)) => format!("{label}: ikke opfyldt. Du har oplyst {v}."),
            (true, RequirementStatus::NotMet, None) => {
                format!("{label}: ikke opfyldt. Det, vi fandt i din ansøgning, er ikke nok til at opfylde kravet.")
            }
            (true, RequirementStatus::Denied, _) => format!("{label}: ikke opfyldt efter din egen ansøgning:"),
            (false, RequirementStatus::Met, _) => format!("{label}: met."),
            (false, RequirementStatus::NotDocumented, _) => {
                format!(
                    "{label}: not documented. We found nothing in your application that shows the requirement is met."
                )
            }
            (false, RequirementStatus::NotMet, Some(v)) => format!("{label}: not met. You stated {v}."),
            (false, RequirementStatus::NotMet, None) => {
                format!("{label}: not met. What we found in your application is not enough to meet the requirement.")
            }
            (false, RequirementStatus::Denied, _) => format!("{label}: not met according to your own application:"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_languages_differ_in_every_heading() {
        assert_ne!(DA.method, EN.method);
        assert_ne!(DA.shortlist, EN.shortlist);
        assert_ne!(DA.quality, EN.quality);
        assert_eq!(DA.not_assessed_items.len(), EN.not_assessed_items.len());
        assert_eq!(DA.rights_items.len(), EN.rights_items.len());
    }

    #[test]
    fn numbers_are_written_as_each_language_writes_them() {
        // 86.12987 to one decimal is 86.1; Danish writes a decimal comma.
        assert_eq!((DA.one(86.12987), EN.one(86.12987)), ("86,1".to_string(), "86.1".to_string()));
        // −0.04 rounds to 0.0, never "-0,0"; 0.05 rounds up.
        assert_eq!((DA.one(-0.04), DA.one(0.05)), ("0,0".to_string(), "0,1".to_string()));
        assert_eq!((DA.whole(31.25), DA.whole(-0.3)), ("31".to_string(), "0".to_string()));
        assert_eq!(
            (DA.value(9.5), DA.value(4850.0), EN.value(80.125)),
            ("9,5".to_string(), "4850".to_string(), "80.13".to_string())
        );
    }
}
