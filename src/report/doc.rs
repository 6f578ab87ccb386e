//! The document that the report and the letters are built as once, and that [`super::html`] and
//! [`super::markdown`] write: headings, paragraphs, lists, tables, folded details, charts. Text in
//! it is plain: escaping belongs to the markup writers alone, so a value cannot reach a page
//! unescaped by taking a path that forgot to escape it.

/// A piece of running text.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// Strong text.
    Strong(String),
    /// Emphasised text.
    Em(String),
    /// Text quoted from an application or a profile: shown in quotation marks.
    Quote(String),
    /// Code (a file name, a command, a hash).
    Code(String),
    /// Small bars of competency scores (0–100), each with a title; text in Markdown.
    Bars(Vec<f64>, Vec<String>),
    /// A line break.
    Break,
}

/// Running text: a sequence of inlines.
pub type Text = Vec<Inline>;

/// Plain text.
pub fn text(s: impl Into<String>) -> Text {
    vec![Inline::Text(s.into())]
}

/// A table cell.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    /// Its content.
    pub content: Text,
    /// A class for the HTML writer (`rank`, `id`, `flag ok`, …).
    pub class: Option<&'static str>,
}

impl Cell {
    /// A cell of plain text.
    pub fn plain(s: impl Into<String>) -> Cell {
        Cell { content: text(s), class: None }
    }

    /// A cell with a class.
    pub fn with(content: Text, class: &'static str) -> Cell {
        Cell { content, class: Some(class) }
    }
}

impl From<Text> for Cell {
    fn from(content: Text) -> Cell {
        Cell { content, class: None }
    }
}

/// A table row.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    /// An applicant id for the HTML writer (`data-id`), which the weight sliders and tests use.
    pub key: Option<String>,
    /// A class (`flagged`).
    pub class: Option<&'static str>,
    /// The cells.
    pub cells: Vec<Cell>,
}

/// A table.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// An id for the HTML writer.
    pub id: Option<&'static str>,
    /// A class for the HTML writer.
    pub class: &'static str,
    /// Column headings.
    pub head: Vec<Cell>,
    /// Which columns hold numbers (right-aligned).
    pub numeric: Vec<bool>,
    /// Rows.
    pub rows: Vec<Row>,
}

/// A chart of one candidate's competency scores against the shortlist's averages.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Its accessible name.
    pub title: String,
    /// Competency labels, numbered.
    pub labels: Vec<String>,
    /// Scores, 0–100.
    pub scores: Vec<f64>,
    /// Averages, 0–100.
    pub averages: Vec<f64>,
    /// The scores as printed.
    pub values: Vec<String>,
    /// The averages as printed.
    pub average_values: Vec<String>,
    /// Legend: (candidate, average); also the Markdown table's column headings.
    pub legend: (String, String),
    /// The Markdown table's first heading.
    pub competency: String,
    /// The caption.
    pub caption: String,
}

/// How a notice looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Information.
    Info,
    /// Something to act on.
    Warning,
}

/// A weight slider.
#[derive(Debug, Clone, PartialEq)]
pub struct Slider {
    /// The competency's id.
    pub id: String,
    /// Its numbered label.
    pub label: String,
    /// Its weight.
    pub weight: f64,
    /// The weight as printed.
    pub shown: String,
}

/// A block of the document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The document's title block: a kicker line, the title, a subtitle and key figures.
    Banner {
        /// The line above the title.
        kicker: String,
        /// The title.
        title: String,
        /// The line below it.
        subtitle: String,
        /// Key figures: (label, value).
        facts: Vec<(String, String)>,
    },
    /// Links to the sections (HTML only).
    Contents {
        /// Its accessible name.
        label: String,
        /// (section id, title).
        items: Vec<(String, String)>,
    },
    /// A section with a title.
    Section {
        /// Its id (an anchor).
        id: String,
        /// Its title.
        title: String,
        /// Its content.
        blocks: Vec<Block>,
    },
    /// A candidate's card: a page of its own in print.
    Card {
        /// Its id (an anchor).
        id: String,
        /// The rank badge.
        badge: String,
        /// The title.
        title: String,
        /// The total, as printed, and its label.
        total: (String, String),
        /// Its content.
        blocks: Vec<Block>,
    },
    /// A heading inside a section (level 3 or 4).
    Heading(u8, Text),
    /// A paragraph.
    Paragraph(Text),
    /// A notice.
    Notice(Tone, Text),
    /// A bulleted list.
    List(Vec<Text>),
    /// A table.
    Table(Table),
    /// Content folded away behind a summary line.
    Details {
        /// The summary line.
        summary: Text,
        /// The content.
        blocks: Vec<Block>,
    },
    /// A chart.
    Chart(Chart),
    /// A list of tick boxes: (ticked, text).
    Checklist(Vec<(bool, Text)>),
    /// Terms and their descriptions.
    Definitions(Vec<(String, Text)>),
    /// The weight sliders (HTML with JavaScript only; hidden until the script shows them).
    Sliders {
        /// The panel's title.
        title: String,
        /// Its introduction.
        intro: String,
        /// The sliders.
        sliders: Vec<Slider>,
        /// The reset button's label.
        reset: String,
    },
    /// A line saying which weights the tables show (the sliders' status line).
    WeightsState(String),
}
