//! The `profilmatch` binary: parse the command line, run, map the result to an exit code
//! ([`profilmatch::Exit`]).

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = profilmatch::cli::Cli::parse();
    let exit = match profilmatch::app::run(cli) {
        Ok(exit) => exit,
        Err(error) => {
            // Messages quote file names, column names and ids: shown inert, like every output.
            let message: Vec<String> =
                error.to_string().lines().map(|line| profilmatch::inert::inert(line).into_owned()).collect();
            eprintln!("profilmatch: {}", message.join("\n"));
            error.exit_code()
        }
    };
    exit.into()
}
