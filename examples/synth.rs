//! Synthetic applicants at any scale, in the schema of `samples/applicants.csv`, for benchmarks
//! and scale tests:
//!
//! ```text
//! cargo run --release --example synth -- --rows 1000000 --seed 7 > big.csv
//! ```
//!
//! The output is deterministic for a seed (Xoshiro256++, whose stream the rand crate documents as
//! portable). The vocabulary is the samples' own: their sentences are split into fragments at
//! build time (`include_str!`) and recombined, about two rows in three in Danish and one in three
//! in English, with a sentence from the other language now and then, 1–3 KB of text per row. About
//! one word in 50 gets a typo (two letters swapped, one dropped or one doubled). Numbers fall in
//! the samples' ranges, and about 4% of the optional cells are blank. Every row has exactly the
//! header's 17 fields.

use std::io::{self, Write};

use rand::rngs::Xoshiro256PlusPlus;
use rand::{Rng, RngExt, SeedableRng};

const SAMPLES: &str = include_str!("../samples/applicants.csv");
const HEADER: [&str; 17] = [
    "id",
    "name",
    "email",
    "phone",
    "title",
    "employer",
    "sector",
    "years_management",
    "years_leading_leaders",
    "budget_mio",
    "staff_led",
    "education",
    "leadership_education",
    "experience",
    "summary",
    "gender",
    "birth_year",
];
const SECTORS: &[&str] = &["kommune", "Kommune", "kommune", "region", "Region", "stat", "privat", "Privat", "ngo"];
const LEADERSHIP_EDUCATION: &[&str] = &["ja", "nej", "Ja", "yes", "no"];
const TYPO_ONE_IN: u32 = 50;
const BLANK_ONE_IN: u32 = 25;

/// The samples' vocabulary, by language.
pub struct Corpus {
    danish: Language,
    english: Language,
    first_names: Vec<String>,
    last_names: Vec<String>,
}

#[derive(Default)]
struct Language {
    sentences: Vec<String>,
    /// Pieces of sentences between commas, for recombining.
    fragments: Vec<String>,
    titles: Vec<String>,
    employers: Vec<String>,
    educations: Vec<String>,
    summaries: Vec<String>,
}

impl Corpus {
    /// Reads the samples compiled into this program.
    pub fn from_samples() -> Corpus {
        let mut corpus = Corpus {
            danish: Language::default(),
            english: Language::default(),
            first_names: Vec::new(),
            last_names: Vec::new(),
        };
        let mut reader = csv::Reader::from_reader(SAMPLES.as_bytes());
        for record in reader.records().flatten() {
            let field = |i: usize| record.get(i).unwrap_or("").trim().to_string();
            let english = matches!(field(15).as_str(), "female" | "male");
            let language = if english { &mut corpus.english } else { &mut corpus.danish };
            for text in [field(13), field(14)] {
                for sentence in sentences(&text) {
                    language.fragments.extend(sentence.split(", ").map(str::to_string));
                    language.sentences.push(sentence);
                }
            }
            push_nonempty(&mut language.titles, field(4));
            push_nonempty(&mut language.employers, field(5));
            push_nonempty(&mut language.educations, field(11));
            push_nonempty(&mut language.summaries, field(14));
            let name = field(1).replace([',', '"'], "");
            let words: Vec<&str> = name.split_whitespace().collect();
            if let [first, .., last] = words.as_slice() {
                corpus.first_names.push(first.to_string());
                corpus.last_names.push(last.to_string());
            }
        }
        corpus
    }
}

fn push_nonempty(list: &mut Vec<String>, value: String) {
    if !value.is_empty() {
        list.push(value);
    }
}

/// A text's sentences, each ending with its full stop.
fn sentences(text: &str) -> Vec<String> {
    text.split('\n')
        .flat_map(|paragraph| paragraph.split(". "))
        .map(|s| s.trim().trim_end_matches('.'))
        .filter(|s| s.split_whitespace().count() >= 3)
        .map(|s| format!("{s}."))
        .collect()
}

/// Writes the header and `rows` applicants generated from `seed`.
pub fn generate(corpus: &Corpus, rows: u64, seed: u64, out: &mut dyn Write) -> io::Result<()> {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(out);
    writer.write_record(HEADER)?;
    let mut fields: Vec<String> = vec![String::new(); HEADER.len()];
    for row in 1..=rows {
        fill_row(corpus, row, &mut rng, &mut fields);
        writer.write_record(&fields)?;
    }
    writer.flush()
}

fn pick<'a, R: Rng>(rng: &mut R, list: &'a [String]) -> &'a str {
    if list.is_empty() { "" } else { &list[rng.random_range(0..list.len())] }
}

fn fill_row<R: Rng>(corpus: &Corpus, row: u64, rng: &mut R, fields: &mut [String]) {
    for field in fields.iter_mut() {
        field.clear();
    }
    let english = rng.random_range(0..3) == 0;
    let (own, other) = if english { (&corpus.english, &corpus.danish) } else { (&corpus.danish, &corpus.english) };
    let first = pick(rng, &corpus.first_names);
    let last = pick(rng, &corpus.last_names);
    fields[0] = format!("S{row:07}");
    fields[1] = format!("{first} {last}");
    let blank = |rng: &mut R| rng.random_range(0..BLANK_ONE_IN) == 0;
    if !blank(rng) {
        let domain = if english { "example.com" } else { "example.dk" };
        fields[2] = format!("{}.{}{row}@{domain}", first.to_lowercase(), last.to_lowercase());
        let n: u32 = rng.random_range(20_000_000..99_999_999);
        fields[3] = format!("+45 {:02} {:02} {:02} {:02}", n / 1_000_000, n / 10_000 % 100, n / 100 % 100, n % 100);
    }
    fields[4] = pick(rng, &own.titles).to_string();
    fields[5] = if blank(rng) { String::new() } else { pick(rng, &own.employers).to_string() };
    fields[6] = if blank(rng) { String::new() } else { SECTORS[rng.random_range(0..SECTORS.len())].to_string() };
    let years: f64 = f64::from(rng.random_range(0..=60u32)) / 2.0;
    let leading: f64 = (years * rng.random_range(0.0..0.8) * 2.0).round() / 2.0;
    if !blank(rng) {
        fields[7] = years.to_string();
    }
    if !blank(rng) {
        fields[8] = leading.to_string();
    }
    if !blank(rng) {
        // Log-uniform between 1 and 25,000 million DKK, sometimes with a half.
        let budget = (rng.random_range(0.0..25_000f64.ln())).exp().round();
        fields[9] = if rng.random_range(0..10) == 0 { format!("{budget}.5") } else { budget.to_string() };
    }
    if !blank(rng) {
        fields[10] = (rng.random_range(0.0..5_000f64.ln())).exp().round().to_string();
    }
    fields[11] = pick(rng, &own.educations).to_string();
    if !blank(rng) {
        fields[12] = LEADERSHIP_EDUCATION[rng.random_range(0..LEADERSHIP_EDUCATION.len())].to_string();
    }
    let target = rng.random_range(900..2_700);
    let mut experience = std::mem::take(&mut fields[13]);
    write_text(rng, own, other, target, &mut experience);
    fields[13] = experience;
    if !blank(rng) {
        let mut summary = std::mem::take(&mut fields[14]);
        let text = pick(rng, &own.summaries);
        with_typos(rng, text, &mut summary);
        fields[14] = summary;
    }
    let gender = rng.random_range(0..2) == 0;
    fields[15] = match (english, gender) {
        (false, true) => "kvinde",
        (false, false) => "mand",
        (true, true) => "female",
        (true, false) => "male",
    }
    .to_string();
    fields[16] = rng.random_range(1960..=1995u32).to_string();
}

/// Sentences until the text holds `target` bytes: mostly whole sentences, some recombined from two
/// fragments, one in ten from the other language, with a paragraph break now and then.
fn write_text<R: Rng>(rng: &mut R, own: &Language, other: &Language, target: usize, out: &mut String) {
    while out.len() < target {
        if !out.is_empty() {
            out.push_str(if rng.random_range(0..6) == 0 { "\n\n" } else { " " });
        }
        let language = if rng.random_range(0..10) == 0 { other } else { own };
        if rng.random_range(0..10) < 6 {
            let sentence = pick(rng, &language.sentences);
            with_typos(rng, sentence, out);
        } else {
            let head = pick(rng, &language.fragments).trim_end_matches('.');
            let tail = pick(rng, &language.fragments);
            with_typos(rng, head, out);
            out.push_str(", ");
            with_typos(rng, tail, out);
            if !out.ends_with('.') {
                out.push('.');
            }
        }
    }
}

/// Appends `text`, giving about one word in [`TYPO_ONE_IN`] a typo.
fn with_typos<R: Rng>(rng: &mut R, text: &str, out: &mut String) {
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if rng.random_range(0..TYPO_ONE_IN) == 0 {
            typo(rng, word, out);
        } else {
            out.push_str(word);
        }
    }
}

/// Swaps two neighbouring letters, drops one or doubles one (words of 4 letters or more).
fn typo<R: Rng>(rng: &mut R, word: &str, out: &mut String) {
    let mut letters: Vec<char> = word.chars().collect();
    if letters.len() < 4 || !letters.iter().all(|c| c.is_alphabetic()) {
        out.push_str(word);
        return;
    }
    let at = rng.random_range(1..letters.len() - 1);
    match rng.random_range(0..3) {
        0 => letters.swap(at, at + 1),
        1 => {
            letters.remove(at);
        }
        _ => letters.insert(at, letters[at]),
    }
    out.extend(letters);
}

fn parse_args() -> Result<(u64, u64), String> {
    let mut rows = 1000;
    let mut seed = 0;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next().and_then(|v| v.parse::<u64>().ok()).ok_or_else(|| format!("{name} needs a whole number"))
        };
        match arg.as_str() {
            "--rows" => rows = value("--rows")?,
            "--seed" => seed = value("--seed")?,
            _ => return Err(format!("unknown argument {arg:?}; usage: synth [--rows N] [--seed S] > out.csv")),
        }
    }
    Ok((rows, seed))
}

fn main() {
    let (rows, seed) = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("synth: {message}");
            std::process::exit(2);
        }
    };
    let corpus = Corpus::from_samples();
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 20, stdout.lock());
    match generate(&corpus, rows, seed, &mut out).and_then(|()| out.flush()) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        Err(e) => {
            eprintln!("synth: {e}");
            std::process::exit(1);
        }
    }
}
