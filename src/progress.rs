//! Progress on stderr for long runs: bytes and rows read, with MB/s and rows/s (indicatif).
//! Shown only when stderr is a terminal, never on a pipe; by default only once a run has taken
//! more than a second, so that short runs stay silent.
//!
//! The bar is the command line's: without the `cli` feature (a program embedding the library)
//! indicatif is not built and [`Progress`] draws nothing, whatever [`Show`] says.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

#[cfg(feature = "cli")]
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Without the `cli` feature: a bar that is never drawn, with the calls [`Progress`] makes.
#[cfg(not(feature = "cli"))]
#[derive(Debug, Clone)]
struct ProgressBar;

#[cfg(not(feature = "cli"))]
impl ProgressBar {
    fn hidden() -> ProgressBar {
        ProgressBar
    }
    fn show(&self) {}
    fn set_position(&self, _: u64) {}
    fn set_message(&self, _: String) {}
    fn finish_and_clear(&self) {}
}

/// When to show progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Show {
    /// Never.
    #[default]
    Never,
    /// On a terminal, once the run has taken more than a second.
    Auto,
    /// On a terminal, from the start (`--progress`).
    Always,
}

/// A progress bar over the bytes of one input file.
#[derive(Debug, Clone)]
pub struct Progress {
    bar: ProgressBar,
    show: Show,
    started: Instant,
    visible: bool,
}

const AUTO_AFTER: Duration = Duration::from_secs(1);

impl Progress {
    /// A bar for a file of `total` bytes; drawn per `show`, and only if stderr is a terminal.
    pub fn new(total: u64, show: Show) -> Progress {
        let bar = hidden_bar(total);
        let show = if std::io::stderr().is_terminal() { show } else { Show::Never };
        Progress { bar, show, started: Instant::now(), visible: false }
    }

    /// Reports how far the run has come.
    pub fn update(&mut self, bytes: u64, rows: u64) {
        if !self.visible && self.due() {
            show_bar(&self.bar);
            self.visible = true;
        }
        self.bar.set_position(bytes);
        let seconds = self.started.elapsed().as_secs_f64().max(1e-9);
        self.bar.set_message(format!("{rows} rows, {:.0} rows/s", rows as f64 / seconds));
    }

    fn due(&self) -> bool {
        match self.show {
            Show::Never => false,
            Show::Auto => self.started.elapsed() >= AUTO_AFTER,
            Show::Always => true,
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(feature = "cli")]
fn hidden_bar(total: u64) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
    let template = "{bar:30} {bytes}/{total_bytes} {binary_bytes_per_sec} {msg} ({elapsed})";
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
}

#[cfg(not(feature = "cli"))]
fn hidden_bar(_total: u64) -> ProgressBar {
    ProgressBar::hidden()
}

#[cfg(feature = "cli")]
fn show_bar(bar: &ProgressBar) {
    bar.set_draw_target(ProgressDrawTarget::stderr());
}

#[cfg(not(feature = "cli"))]
fn show_bar(bar: &ProgressBar) {
    bar.show();
}
