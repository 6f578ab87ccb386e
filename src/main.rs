//! The `profilmatch` binary: parse the command line, run, map the result to an exit code.

use clap::Parser;

fn main() {
    let cli = profilmatch::cli::Cli::parse();
    let code = match profilmatch::app::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("profilmatch: {error}");
            error.exit_code()
        }
    };
    std::process::exit(code);
}
