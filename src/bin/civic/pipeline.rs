//! `civic extract`: a reader thread cuts the inputs into batches, the rayon pool extracts
//! several batches at once, a writer thread puts the results back in input order.
//!
//! Memory is bounded: the reader's channel holds at most [`READ_AHEAD`] batches and at most
//! `threads + 1` batches are being extracted or wait to be written (a token is taken for each
//! batch sent to the pool and given back when the writer has written it).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::ops::Range;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use civic::{Document, EntityKind, Extractor};
use flate2::Compression;
use flate2::write::GzEncoder;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;

use crate::input::{self, Batch, Payload, Record, Source};
use crate::record;

/// Batches read ahead of the workers.
const READ_AHEAD: usize = 2;

/// What `civic extract` was asked to do.
pub struct Options {
    pub paths: Vec<PathBuf>,
    pub output: Option<PathBuf>,
    pub errors: Option<PathBuf>,
    pub quiet: bool,
}

/// An error record: a record that gave no document.
#[derive(Serialize)]
struct ErrorRecord<'a> {
    id: Option<&'a str>,
    source: &'a str,
    line: Option<u64>,
    error: &'a str,
}

/// The results of a run of consecutive records of one batch.
#[derive(Default)]
struct Chunk {
    /// The documents' JSON lines, each with its line end, in the order they were extracted
    /// (grouped by language).
    docs: Vec<u8>,
    /// What each record gave, in input order.
    lines: Vec<Line>,
    /// How many documents `docs` holds.
    n_docs: u64,
    /// How many entities of each kind they have (officials, units, counts, issues).
    kinds: [u64; 4],
}

/// What a record gave.
enum Line {
    /// A document: its line's bytes in [`Chunk::docs`].
    Doc(Range<usize>),
    /// An error record.
    Error(ErrorOutcome),
}

/// The fewest documents in a chunk (a batch has at most [`input::BATCH_DOCS`]): few chunks,
/// so few output buffers in use, and long runs of each language.
const CHUNK_DOCS: usize = 32;

/// Output buffers the writer has emptied, for the next chunks: they come with the capacity a
/// chunk needs, so the workers neither grow fresh buffers nor touch fresh memory.
#[derive(Default)]
struct Buffers(Mutex<Vec<Vec<u8>>>);

impl Buffers {
    /// At most this many buffers are kept.
    const MAX: usize = 8;

    /// The capacity of a new buffer: the output of a typical chunk, so that it seldom grows
    /// (growing copies it). Pages are only taken when written.
    const FRESH: usize = 1 << 20;

    /// An empty buffer, from the pool when it has one.
    fn take(&self) -> Vec<u8> {
        self.0
            .lock()
            .ok()
            .and_then(|mut v| v.pop())
            .unwrap_or_else(|| Vec::with_capacity(Self::FRESH))
    }

    /// A buffer larger than this (the output of a very long document) is dropped, not kept.
    const KEEP_MAX: usize = 32 << 20;

    /// Gives a buffer back to the pool.
    fn give(&self, mut buf: Vec<u8>) {
        if buf.capacity() > Self::KEEP_MAX {
            return;
        }
        buf.clear();
        if let Ok(mut v) = self.0.lock()
            && v.len() < Self::MAX
        {
            v.push(buf);
        }
    }
}

/// A record that gave no document.
struct ErrorOutcome {
    /// The error record's JSON.
    json: String,
    /// Whether a file could not be read.
    io: bool,
}

impl Chunk {
    /// Adds the error record of a record that gave no document.
    fn error(
        &mut self,
        rec_source: &str,
        line: Option<u64>,
        id: Option<&str>,
        error: &str,
        io: bool,
    ) {
        let rec = ErrorRecord { id, source: rec_source, line, error };
        let json = serde_json::to_string(&rec).expect("an error record serialises");
        self.lines.push(Line::Error(ErrorOutcome { json, io }));
    }

    /// Writes a document's JSON line to `docs` and counts its entities; returns the line's
    /// bytes.
    fn doc(&mut self, doc: &Document) -> Range<usize> {
        let at = self.docs.len();
        doc.write_json(&mut self.docs);
        self.docs.push(b'\n');
        self.n_docs += 1;
        for e in &doc.entities {
            let i = match e.kind {
                EntityKind::Official => 0,
                EntityKind::Unit => 1,
                EntityKind::Count => 2,
                _ => 3,
            };
            self.kinds[i] += 1;
        }
        at..self.docs.len()
    }
}

/// The id of a JSONL record: a string as it is, a number as written, else the line number.
fn record_id(v: Option<Value>, line: Option<u64>) -> String {
    match v {
        Some(Value::String(s)) => s,
        None | Some(Value::Null) => line.map(|l| l.to_string()).unwrap_or_default(),
        Some(other) => other.to_string(),
    }
}

/// The id of a line that could not be read as a record, when a lenient look finds one.
fn salvage_id(bytes: &[u8], line: Option<u64>) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    let v: Value = serde_json::from_str(&text).ok()?;
    match v {
        Value::Object(mut o) => Some(record_id(o.remove("id"), line)),
        _ => None,
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A JSONL line read as a record: its id and its text. `Err` holds the error message of a
/// line that is not one (not UTF-8, not JSON, not an object, no string `text`).
fn parse_record<'a>(bytes: &'a [u8], line: Option<u64>) -> Result<(String, Cow<'a, str>), String> {
    // the fast paths read only `id` and `text` and borrow the text when it has no escapes;
    // when they succeed, the line is valid UTF-8 (every string, keys and ignored values
    // included, is checked) and the general path below would give the same id and text
    if let Some((id, text)) = record::read_plain(bytes) {
        return Ok((record_id(id.map(Value::String), line), text));
    }
    if let Ok(rec) = serde_json::from_slice::<record::Fields>(bytes)
        && let Some(text) = rec.text
    {
        return Ok((record_id(rec.id, line), text));
    }
    let parsed = match std::str::from_utf8(bytes) {
        Err(e) => Err(format!("invalid UTF-8 at byte {}", e.valid_up_to())),
        Ok(s) => serde_json::from_str::<Value>(s).map_err(|e| format!("not JSON: {e}")),
    };
    let mut obj = match parsed {
        Ok(Value::Object(obj)) => obj,
        Ok(other) => return Err(format!("not a JSON object but {}", type_name(&other))),
        Err(msg) => return Err(msg),
    };
    match obj.remove("text") {
        Some(Value::String(text)) => Ok((record_id(obj.remove("id"), line), Cow::Owned(text))),
        Some(other) => Err(format!("\"text\" is {}, not a string", type_name(&other))),
        None => Err("no \"text\" field".to_string()),
    }
}

/// Why a record gave no document: its error record's id, message and whether a file could
/// not be read.
struct Refused {
    id: Option<String>,
    msg: String,
    io: bool,
}

/// A record read as an id and a text (on a worker thread).
fn parse(rec: &Record) -> Result<(String, Cow<'_, str>), Refused> {
    let refused = |id, msg, io| Refused { id, msg, io };
    match &rec.payload {
        Payload::Failed { error } => Err(refused(None, error.clone(), true)),
        Payload::Text { id, bytes } => match simdutf8::compat::from_utf8(bytes) {
            Ok(text) => Ok((id.clone(), Cow::Borrowed(text))),
            Err(e) => {
                let msg = format!("invalid UTF-8 at byte {}", e.valid_up_to());
                Err(refused(Some(id.clone()), msg, false))
            }
        },
        // the id of an object (with a bad or no text), or of a line with bad UTF-8 read
        // leniently; none for other lines
        Payload::Json(bytes) => parse_record(bytes, rec.line)
            .map_err(|msg| refused(salvage_id(bytes, rec.line), msg, false)),
    }
}

/// Parses and extracts a run of records (on a worker thread) into `out`.
///
/// The texts are extracted grouped by language: while a language's documents follow one
/// another, its lexicons stay in the processor's caches (on an archive whose language
/// changes every dozen documents, the changes cost a third of the time). [`Chunk::lines`]
/// keeps the input order.
fn process_chunk(ex: &Extractor, records: &[Record], out: &mut Chunk) {
    let parsed: Vec<_> = records.iter().map(parse).collect();
    // the texts in order of a quick guess of their language, in input order within a
    // language (a text whose guess panicked comes first: extraction will panic on it too,
    // and give the error record); extraction detects the language itself
    let guess = |text: &str| catch_unwind(AssertUnwindSafe(|| ex.guess_language(text))).ok();
    let mut order: Vec<(usize, Option<&str>)> = parsed
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.as_ref().ok().map(|(_, text)| (i, guess(text))))
        .collect();
    order.sort_by_key(|&(_, lang)| lang);
    // per record: its line in `out.docs`, or None if the extractor panicked
    let mut lines = vec![None; parsed.len()];
    for (i, _) in order {
        let Ok((id, text)) = &parsed[i] else { continue };
        let doc = catch_unwind(AssertUnwindSafe(|| ex.extract_as(Some(id.clone()), text, None)));
        if let Ok(doc) = doc {
            lines[i] = Some(out.doc(&doc));
        }
    }
    for ((rec, p), line) in records.iter().zip(&parsed).zip(lines) {
        match (p, line) {
            (Ok(_), Some(line)) => out.lines.push(Line::Doc(line)),
            (Ok((id, _)), None) => {
                let msg = "internal error: the extractor panicked";
                out.error(&rec.source, rec.line, Some(id), msg, false)
            }
            (Err(Refused { id, msg, io }), _) => {
                out.error(&rec.source, rec.line, id.as_deref(), msg, *io)
            }
        }
    }
}

/// Where documents go: a buffered file or standard output, gzip-compressed or not.
enum Sink {
    Plain(BufWriter<Box<dyn Write + Send>>),
    Gzip(GzEncoder<BufWriter<File>>),
}

impl Sink {
    fn open(path: Option<&Path>) -> io::Result<Sink> {
        Ok(match path {
            None => Sink::Plain(BufWriter::with_capacity(1 << 16, Box::new(io::stdout()))),
            Some(p) if p.extension().is_some_and(|e| e == "gz") => {
                let f = BufWriter::with_capacity(1 << 16, File::create(p)?);
                Sink::Gzip(GzEncoder::new(f, Compression::default()))
            }
            Some(p) => Sink::Plain(BufWriter::with_capacity(1 << 16, Box::new(File::create(p)?))),
        })
    }

    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Sink::Plain(w) => w,
            Sink::Gzip(w) => w,
        }
    }

    fn finish(self) -> io::Result<()> {
        match self {
            Sink::Plain(mut w) => w.flush(),
            Sink::Gzip(w) => w.finish()?.flush(),
        }
    }
}

/// Where error records go.
enum ErrorSink {
    Stderr,
    File(Sink),
}

/// What the writer counted.
#[derive(Default)]
struct Totals {
    docs: u64,
    errors: u64,
    io_errors: u64,
    kinds: [u64; 4],
    bytes: u64,
}

/// How the writer ended.
enum WriterEnd {
    Done(Totals),
    /// Standard output was closed by its reader: stop quietly.
    BrokenPipe,
    /// Output or error file could not be written.
    Failed(String),
}

/// Writes an error record to standard error (above the progress bar) or to the errors file;
/// a file that could not be read is also said on the terminal.
fn write_error(
    errs: &mut ErrorSink,
    progress: Option<&ProgressBar>,
    ErrorOutcome { json, io }: ErrorOutcome,
) -> io::Result<()> {
    let on_terminal = |f: &dyn Fn() -> io::Result<()>| match progress {
        Some(pb) => pb.suspend(f),
        None => f(),
    };
    match errs {
        ErrorSink::Stderr => on_terminal(&|| writeln!(io::stderr().lock(), "{json}")),
        ErrorSink::File(sink) => {
            if io {
                on_terminal(&|| {
                    eprintln!("civic: {json}");
                    Ok(())
                })?;
            }
            let w = sink.writer();
            w.write_all(json.as_bytes()).and_then(|()| w.write_all(b"\n"))
        }
    }
}

/// A batch's results: its place in the output, its chunks in order and its bytes of input.
type BatchResult = (u64, Vec<Chunk>, u64);

/// The writer thread: writes batches in order and gives a token back for each.
fn write_all(
    results: Receiver<BatchResult>,
    tokens: SyncSender<()>,
    buffers: &Buffers,
    mut out: Sink,
    mut errs: ErrorSink,
    progress: Option<ProgressBar>,
    started: Instant,
) -> WriterEnd {
    let mut pending: BTreeMap<u64, (Vec<Chunk>, u64)> = BTreeMap::new();
    let mut next = 0u64;
    let mut t = Totals::default();
    let mut last_message = Instant::now();
    let broken = |e: &io::Error| e.kind() == io::ErrorKind::BrokenPipe;
    let failed = |e: io::Error| {
        if broken(&e) { WriterEnd::BrokenPipe } else { WriterEnd::Failed(e.to_string()) }
    };
    for (seq, chunks, bytes) in results {
        pending.insert(seq, (chunks, bytes));
        while let Some((chunks, bytes)) = pending.remove(&next) {
            next += 1;
            t.bytes += bytes;
            for chunk in chunks {
                t.docs += chunk.n_docs;
                for (a, k) in t.kinds.iter_mut().zip(chunk.kinds) {
                    *a += k;
                }
                // the lines in input order; consecutive lines that follow one another in
                // `docs` (documents of one language) in one write
                let mut run = 0..0;
                for line in chunk.lines {
                    match line {
                        Line::Doc(r) if r.start == run.end => run.end = r.end,
                        Line::Doc(r) => {
                            if let Err(e) = out.writer().write_all(&chunk.docs[run]) {
                                return failed(e);
                            }
                            run = r;
                        }
                        Line::Error(error) => {
                            if let Err(e) = out.writer().write_all(&chunk.docs[run.clone()]) {
                                return failed(e);
                            }
                            run = run.end..run.end;
                            t.errors += 1;
                            t.io_errors += u64::from(error.io);
                            if let Err(e) = write_error(&mut errs, progress.as_ref(), error)
                                && !broken(&e)
                            {
                                return WriterEnd::Failed(format!(
                                    "cannot write error records: {e}"
                                ));
                            }
                        }
                    }
                }
                if let Err(e) = out.writer().write_all(&chunk.docs[run]) {
                    return failed(e);
                }
                buffers.give(chunk.docs);
            }
            let _ = tokens.send(());
            if let Some(pb) = &progress
                && last_message.elapsed() > Duration::from_millis(200)
            {
                last_message = Instant::now();
                let secs = started.elapsed().as_secs_f64().max(1e-9);
                pb.set_message(format!(
                    "{} docs, {:.0} docs/s, {} errors",
                    t.docs,
                    t.docs as f64 / secs,
                    t.errors
                ));
            }
        }
    }
    if let Err(e) = out.finish() {
        return if broken(&e) { WriterEnd::BrokenPipe } else { WriterEnd::Failed(e.to_string()) };
    }
    if let ErrorSink::File(sink) = errs
        && let Err(e) = sink.finish()
    {
        return WriterEnd::Failed(format!("cannot write error records: {e}"));
    }
    WriterEnd::Done(t)
}

fn progress_bar(total: Option<u64>) -> ProgressBar {
    let (pb, template) = match total {
        Some(n) => (
            ProgressBar::new(n),
            "{spinner} {elapsed_precise} {bytes}/{total_bytes} {bytes_per_sec} ETA {eta}  {msg}",
        ),
        None => (
            ProgressBar::new_spinner(),
            "{spinner} {elapsed_precise} {bytes} {bytes_per_sec}  {msg}",
        ),
    };
    pb.set_style(ProgressStyle::with_template(template).expect("a valid template"));
    pb.enable_steady_tick(Duration::from_millis(120));
    pb
}

/// Runs `civic extract`; returns the exit status (0 fine, 1 some records failed, 2 I/O errors).
pub fn run(ex: Extractor, pool: rayon::ThreadPool, opts: Options) -> u8 {
    let started = Instant::now();
    let sources: Vec<Source> = input::sources(&opts.paths);
    let out = match Sink::open(opts.output.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!(
                "civic: cannot create {}: {e}",
                opts.output.as_deref().unwrap_or(Path::new("-")).display()
            );
            return 2;
        }
    };
    let errs = match &opts.errors {
        None => ErrorSink::Stderr,
        Some(p) => match Sink::open(Some(p)) {
            Ok(s) => ErrorSink::File(s),
            Err(e) => {
                eprintln!("civic: cannot create {}: {e}", p.display());
                return 2;
            }
        },
    };
    let errors_to_file = opts.errors.is_some();
    let progress = (!opts.quiet && io::stderr().is_terminal())
        .then(|| progress_bar(input::total_size(&sources)));

    let read_bytes = Arc::new(AtomicU64::new(0));
    let (batch_tx, batch_rx) = sync_channel::<Batch>(READ_AHEAD);
    let reader = {
        let read_bytes = read_bytes.clone();
        std::thread::Builder::new()
            .name("civic-reader".into())
            .spawn(move || input::read_all(sources, batch_tx, read_bytes))
            .expect("can start the reader thread")
    };

    let threads = pool.current_num_threads();
    let in_flight = threads + 1;
    let (token_tx, token_rx) = sync_channel::<()>(in_flight);
    for _ in 0..in_flight {
        token_tx.send(()).expect("the token channel has room");
    }
    let (result_tx, result_rx) = sync_channel::<BatchResult>(in_flight);
    let buffers = Arc::new(Buffers::default());
    let writer = {
        let progress = progress.clone();
        let buffers = buffers.clone();
        std::thread::Builder::new()
            .name("civic-writer".into())
            .spawn(move || write_all(result_rx, token_tx, &buffers, out, errs, progress, started))
            .expect("can start the writer thread")
    };

    let ex = Arc::new(ex);
    let mut reader_done = true;
    for batch in &batch_rx {
        if let Some(pb) = &progress {
            pb.set_position(read_bytes.load(Ordering::Relaxed));
        }
        if token_rx.recv().is_err() {
            reader_done = false; // the writer stopped: stop reading
            break;
        }
        let ex = ex.clone();
        let result_tx = result_tx.clone();
        let buffers = buffers.clone();
        pool.spawn(move || {
            let Batch { seq, records, bytes } = batch;
            // one chunk per thread (long runs of each language), unless the batch is small
            let len = records.len().div_ceil(threads).max(CHUNK_DOCS);
            let chunks: Vec<Chunk> = records
                .par_chunks(len)
                .map(|records| {
                    let mut chunk = Chunk { docs: buffers.take(), ..Chunk::default() };
                    process_chunk(&ex, records, &mut chunk);
                    chunk
                })
                .collect();
            let _ = result_tx.send((seq, chunks, bytes));
        });
    }
    drop(result_tx);
    drop(batch_rx);
    let end =
        writer.join().unwrap_or_else(|_| WriterEnd::Failed("the writer thread panicked".into()));
    // the process ends soon: freeing the extractor's lexicons and automata would only take time
    std::mem::forget(ex);
    if reader_done {
        let _ = reader.join();
    }
    if let Some(pb) = &progress {
        pb.finish_and_clear();
    }
    match end {
        WriterEnd::BrokenPipe => 0,
        WriterEnd::Failed(msg) => {
            eprintln!("civic: {msg}");
            2
        }
        WriterEnd::Done(t) => {
            let secs = started.elapsed().as_secs_f64();
            if !opts.quiet {
                let mb = t.bytes as f64 / 1e6;
                eprintln!(
                    "civic: {} documents ({} officials, {} units, {} counts, {} issues), {} errors, {:.2} s, {:.1} MB, {:.2} MB/s",
                    t.docs,
                    t.kinds[0],
                    t.kinds[1],
                    t.kinds[2],
                    t.kinds[3],
                    t.errors,
                    secs,
                    mb,
                    mb / secs.max(1e-9)
                );
                if errors_to_file && t.errors > 0 {
                    eprintln!(
                        "civic: error records written to {}",
                        opts.errors.as_deref().unwrap_or(Path::new("-")).display()
                    );
                }
            }
            if t.io_errors > 0 {
                2
            } else if t.errors > 0 {
                1
            } else {
                0
            }
        }
    }
}
