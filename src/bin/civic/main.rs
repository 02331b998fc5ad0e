//! The civic command line.
//!
//! - `civic extract [PATH...]` reads documents (`.txt`, `.txt.gz`, `.jsonl`, `.jsonl.gz`,
//!   folders of them, or JSONL on standard input) and writes one JSON line per document
//!   (the schema of `SCHEMA.md`), in input order, streaming with bounded memory.
//! - `civic eval GOLD...` extracts the annotated documents and scores them exactly as
//!   `tools/score.py` does.
//!
//! Exit status: 0 when everything went fine, 1 when some records failed (each has an error
//! record), 2 for usage errors and files that could not be read or written. A closed
//! standard output (`civic extract | head`) ends the run quietly with status 0.

mod input;
mod pipeline;
mod record;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use civic::Extractor;
use clap::{Args, Parser, Subcommand};
use rayon::prelude::*;

/// Extract officials, administrative units, counts and issues from news about government
/// and local administration.
#[derive(Parser, Debug)]
#[command(name = "civic", version, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract entities from documents and write one JSON line per document.
    #[command(long_about = EXTRACT_ABOUT)]
    Extract(ExtractArgs),
    /// Score the extractor on annotated documents (the metrics and output of score.py).
    #[command(long_about = EVAL_ABOUT)]
    Eval(EvalArgs),
}

const EXTRACT_ABOUT: &str = "\
Extract entities from documents and write one JSON line per document, in input order.

Inputs: a .txt file is one document whose id is the file stem; a .jsonl file holds one
document per line ({\"id\": ..., \"text\": ...}; without an id, the line number is the id);
.gz files are decompressed; a folder is searched recursively for .txt, .txt.gz, .jsonl and
.jsonl.gz files, in path order; no PATH or - reads JSONL from standard input. A file named
explicitly with another extension is read as one text document.

Every record gives one output line or one error record {\"id\", \"source\", \"line\", \"error\"}
(invalid UTF-8, a line that is not JSON, a missing or non-string \"text\"); the run goes on.
Exit status: 0 all fine, 1 some records failed, 2 usage or I/O errors.";

const EVAL_ABOUT: &str = "\
Score the extractor on annotated documents with the metrics and the output of
tools/score.py: the table of precision, recall and F1 per language and kind, the role and
language lines, and the JSON summary as the last line.

GOLD is a .json file holding one document, a .jsonl file holding one per line, or a folder
searched recursively for them.";

#[derive(Args, Debug)]
struct ExtractArgs {
    /// Files or folders to read (JSONL from standard input when none, or for -).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Write the JSON lines to FILE instead of standard output (gzip-compressed when FILE ends in .gz).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Write error records to FILE instead of standard error (gzip-compressed when FILE ends in .gz).
    #[arg(long, value_name = "FILE")]
    errors: Option<PathBuf>,
    #[command(flatten)]
    common: Common,
    /// No progress bar and no summary on standard error.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Args, Debug)]
struct EvalArgs {
    /// Gold files (.json, .jsonl) or folders of them.
    #[arg(value_name = "GOLD", required = true)]
    gold: Vec<PathBuf>,
    /// Also list, per document, what was missed and what was wrong.
    #[arg(long)]
    explain: bool,
    /// Print only the JSON summary line.
    #[arg(long)]
    json: bool,
    /// Score these predictions (JSONL, the output of `civic extract`) instead of extracting.
    #[arg(long, value_name = "FILE")]
    pred: Option<PathBuf>,
    #[command(flatten)]
    common: Common,
}

#[derive(Args, Debug)]
struct Common {
    /// Use this language (ISO 639-1 code) for every document instead of detecting it.
    #[arg(short, long, value_name = "CODE")]
    lang: Option<String>,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
}

impl Common {
    fn extractor(&self) -> Result<Extractor, String> {
        let mut b = Extractor::builder();
        if let Some(l) = &self.lang {
            b = b.force_language(l);
        }
        b.build().map_err(|e| match e.language() {
            Some(code) => format!(
                "unknown language '{code}' for --lang; supported languages: {}",
                e.known_languages().join(", ")
            ),
            None => e.to_string(),
        })
    }

    fn pool(&self) -> Result<rayon::ThreadPool, String> {
        let n = match self.threads {
            Some(n) => usize::from(n),
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .thread_name(|i| format!("civic-worker-{i}"))
            .build()
            .map_err(|e| format!("cannot start {n} threads: {e}"))
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    ExitCode::from(match cli.command {
        Command::Extract(a) => extract(a),
        Command::Eval(a) => eval(a),
    })
}

fn extract(a: ExtractArgs) -> u8 {
    let (ex, pool) = match a.common.extractor().and_then(|ex| Ok((ex, a.common.pool()?))) {
        Ok(v) => v,
        Err(msg) => {
            eprintln!("civic: {msg}");
            return 2;
        }
    };
    let opts =
        pipeline::Options { paths: a.paths, output: a.output, errors: a.errors, quiet: a.quiet };
    pipeline::run(ex, pool, opts)
}

fn eval(a: EvalArgs) -> u8 {
    let gold = match civic::eval::load_gold(&a.gold) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("civic: {e}");
            return 2;
        }
    };
    if gold.is_empty() {
        eprintln!("civic: no gold documents found");
        return 2;
    }
    let report = match &a.pred {
        Some(path) => match civic::eval::load_predictions(path) {
            Ok(preds) => civic::eval::score_values(&gold, &preds),
            Err(e) => {
                eprintln!("civic: {e}");
                return 2;
            }
        },
        None => {
            let (ex, pool) = match a.common.extractor().and_then(|ex| Ok((ex, a.common.pool()?))) {
                Ok(v) => v,
                Err(msg) => {
                    eprintln!("civic: {msg}");
                    return 2;
                }
            };
            let docs: Vec<civic::Document> = pool.install(|| {
                gold.par_iter().map(|g| ex.extract_with_id(Some(g.id.clone()), &g.text)).collect()
            });
            civic::eval::score(&gold, &docs)
        }
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    let written = (|| -> io::Result<()> {
        if a.explain && !a.json {
            out.write_all(report.explain().as_bytes())?;
        }
        if !a.json {
            write!(out, "{report}")?;
        }
        writeln!(out, "{}", report.summary_json())?;
        out.flush()
    })();
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("civic: {e}");
            2
        }
        _ => 0,
    }
}
