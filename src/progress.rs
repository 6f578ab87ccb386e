//! Progress on stderr for long runs: bytes and rows read, with MB/s and rows/s (indicatif).
//! Shown only when stderr is a terminal, never on a pipe; by default only once a run has taken
//! more than a second, so that short runs stay silent.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

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
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
        let template = "{bar:30} {bytes}/{total_bytes} {binary_bytes_per_sec} {msg} ({elapsed})";
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style);
        }
        let show = if std::io::stderr().is_terminal() { show } else { Show::Never };
        Progress { bar, show, started: Instant::now(), visible: false }
    }

    /// Reports how far the run has come.
    pub fn update(&mut self, bytes: u64, rows: u64) {
        if !self.visible && self.due() {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
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
