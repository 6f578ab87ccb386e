//! The language of a report or a letter, on its own so that the model and the group comparison
//! can name it without depending on the words (`i18n.rs`, which reads the model's statuses). Its
//! words are [`Lang::texts`], defined in `i18n.rs`.

/// The language of a report or a letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Lang {
    /// Danish (the default: the committee's language).
    #[default]
    Da,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 tag for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Da => "da",
            Lang::En => "en",
        }
    }
}
