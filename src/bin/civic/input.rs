//! Inputs of `civic extract`: which files to read, and the reader thread that cuts them into
//! batches of raw records (parsing and UTF-8 checks happen later, on the workers).

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::SyncSender;

use flate2::read::MultiGzDecoder;

/// At most this many records in one batch.
pub const BATCH_DOCS: usize = 1024;
/// A batch is sent once its records hold this many bytes.
pub const BATCH_BYTES: usize = 8 << 20;

/// How a file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One document per line, `{"id", "text"}`.
    Jsonl,
    /// The whole file is one document; its id is the file stem.
    Text,
    /// The whole file is one JSON document `{"id", "text", ...}` (the gold format).
    Json,
}

/// One input: a file (maybe gzip-compressed), standard input, or a path that failed.
#[derive(Debug)]
pub enum Source {
    /// A file to read.
    File { path: PathBuf, name: Arc<str>, format: Format, gzip: bool },
    /// JSONL on standard input.
    Stdin,
    /// A path that could not be listed or is not supported.
    Failed { name: Arc<str>, error: String },
}

impl Source {
    fn name(&self) -> Arc<str> {
        match self {
            Source::File { name, .. } | Source::Failed { name, .. } => name.clone(),
            Source::Stdin => Arc::from("-"),
        }
    }
}

/// What a file's name says about it: (format, gzip), or `None` for names that a folder
/// search skips.
fn classify(path: &Path) -> Option<(Format, bool)> {
    let name = path.file_name()?.to_string_lossy();
    let (stem, gzip) = match name.strip_suffix(".gz") {
        Some(s) => (s, true),
        None => (&*name, false),
    };
    if stem.ends_with(".jsonl") {
        Some((Format::Jsonl, gzip))
    } else if stem.ends_with(".txt") {
        Some((Format::Text, gzip))
    } else if stem.ends_with(".json") {
        Some((Format::Json, gzip))
    } else {
        None
    }
}

/// Turns the command line's paths into sources, in order. A folder is searched recursively
/// for `.txt`, `.json` (one document), `.jsonl` files and their `.gz` forms, sorted by path; a file named on the
/// command line is read as JSONL when its name ends in `.jsonl` (or `.jsonl.gz`) and as one
/// text document otherwise; `-` is standard input.
pub fn sources(paths: &[PathBuf]) -> Vec<Source> {
    if paths.is_empty() {
        return vec![Source::Stdin];
    }
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Source::Stdin);
            continue;
        }
        let name: Arc<str> = Arc::from(p.display().to_string());
        match std::fs::metadata(p) {
            Err(e) => out.push(Source::Failed { name, error: e.to_string() }),
            Ok(m) if m.is_dir() => {
                let mut files = Vec::new();
                let mut errors = Vec::new();
                walk(p, &mut files, &mut errors);
                files.sort();
                for (name, error) in errors {
                    out.push(Source::Failed { name: Arc::from(name), error });
                }
                for f in files {
                    if let Some((format, gzip)) = classify(&f) {
                        let name = Arc::from(f.display().to_string());
                        out.push(Source::File { path: f, name, format, gzip });
                    }
                }
            }
            Ok(_) => {
                let (format, gzip) = classify(p).unwrap_or_else(|| {
                    let gzip = p.extension().is_some_and(|e| e == "gz");
                    (Format::Text, gzip)
                });
                out.push(Source::File { path: p.clone(), name, format, gzip });
            }
        }
    }
    out
}

/// Every file under `dir`; links to folders are not followed (no cycles).
fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<(String, String)>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push((dir.display().to_string(), e.to_string()));
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                errors.push((dir.display().to_string(), e.to_string()));
                continue;
            }
        };
        let path = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_dir() => walk(&path, files, errors),
            Ok(t) if t.is_symlink() => {
                if std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
                    files.push(path);
                }
            }
            Ok(_) => files.push(path),
            Err(e) => errors.push((path.display().to_string(), e.to_string())),
        }
    }
}

/// The total size of the input files, when every input is a file (for the progress bar).
pub fn total_size(sources: &[Source]) -> Option<u64> {
    let mut total = 0;
    for s in sources {
        match s {
            Source::File { path, .. } => total += std::fs::metadata(path).ok()?.len(),
            Source::Stdin => return None,
            Source::Failed { .. } => {}
        }
    }
    Some(total)
}

/// What a record holds before a worker looks at it.
#[derive(Debug)]
pub enum Payload {
    /// One line of a JSONL input, without its line end.
    Json(Vec<u8>),
    /// A whole text file and its id.
    Text { id: String, bytes: Vec<u8> },
    /// A file that could not be read (from this line on, if `line` is set).
    Failed { error: String },
}

/// One input record: where it comes from and what it holds.
#[derive(Debug)]
pub struct Record {
    /// The file it comes from (`-` for standard input).
    pub source: Arc<str>,
    /// The 1-based line of a JSONL record.
    pub line: Option<u64>,
    /// The raw record.
    pub payload: Payload,
}

/// Records to be processed together; `seq` gives the output order.
#[derive(Debug)]
pub struct Batch {
    /// The batch's place in the output.
    pub seq: u64,
    /// The records, in input order.
    pub records: Vec<Record>,
    /// The bytes of input they hold.
    pub bytes: u64,
}

/// Counts the bytes read from an input (compressed bytes for gzip files), for the progress bar.
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Cuts records into batches and sends them; stops when the receiver is gone.
struct Batcher {
    tx: SyncSender<Batch>,
    seq: u64,
    records: Vec<Record>,
    bytes: u64,
}

impl Batcher {
    /// Adds a record; false when the pipeline has stopped.
    fn push(&mut self, record: Record, size: usize) -> bool {
        self.records.push(record);
        self.bytes += size as u64;
        if self.records.len() >= BATCH_DOCS || self.bytes >= BATCH_BYTES as u64 {
            return self.flush();
        }
        true
    }

    fn flush(&mut self) -> bool {
        if self.records.is_empty() {
            return true;
        }
        let records = std::mem::replace(&mut self.records, Vec::with_capacity(BATCH_DOCS));
        let batch = Batch { seq: self.seq, records, bytes: std::mem::take(&mut self.bytes) };
        self.seq += 1;
        self.tx.send(batch).is_ok()
    }
}

/// The reader thread: reads every source in order and sends batches of records.
/// `read_bytes` counts the bytes read from the files, for the progress bar.
pub fn read_all(sources: Vec<Source>, tx: SyncSender<Batch>, read_bytes: Arc<AtomicU64>) {
    let mut b = Batcher { tx, seq: 0, records: Vec::with_capacity(BATCH_DOCS), bytes: 0 };
    for src in sources {
        if !read_source(&src, &mut b, &read_bytes) {
            return;
        }
    }
    b.flush();
}

/// Reads one source into the batcher; false when the pipeline has stopped.
fn read_source(src: &Source, b: &mut Batcher, read_bytes: &Arc<AtomicU64>) -> bool {
    let source = src.name();
    let failed = |b: &mut Batcher, line: Option<u64>, error: String| {
        b.push(Record { source: source.clone(), line, payload: Payload::Failed { error } }, 0)
    };
    let (reader, format): (Box<dyn Read>, Format) = match src {
        Source::Failed { error, .. } => return failed(b, None, error.clone()),
        Source::Stdin => {
            let r = Counting { inner: io::stdin(), count: read_bytes.clone() };
            (Box::new(r), Format::Jsonl)
        }
        Source::File { path, format, gzip, .. } => match File::open(path) {
            Err(e) => return failed(b, None, e.to_string()),
            Ok(f) => {
                let counted = Counting { inner: f, count: read_bytes.clone() };
                if *gzip {
                    (
                        Box::new(MultiGzDecoder::new(BufReader::with_capacity(1 << 16, counted))),
                        *format,
                    )
                } else {
                    (Box::new(counted), *format)
                }
            }
        },
    };
    match format {
        Format::Text => {
            let mut bytes = Vec::new();
            let mut reader = reader;
            if let Err(e) = reader.read_to_end(&mut bytes) {
                return failed(b, None, e.to_string());
            }
            let id = match src {
                Source::File { path, gzip, .. } => {
                    let name = path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    let name = if *gzip {
                        name.strip_suffix(".gz").unwrap_or(&name).to_string()
                    } else {
                        name
                    };
                    Path::new(&name)
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or(name)
                }
                _ => String::new(),
            };
            let size = bytes.len();
            b.push(Record { source, line: None, payload: Payload::Text { id, bytes } }, size)
        }
        Format::Json => {
            let mut bytes = Vec::new();
            let mut reader = reader;
            if let Err(e) = reader.read_to_end(&mut bytes) {
                return failed(b, None, e.to_string());
            }
            let size = bytes.len();
            b.push(Record { source, line: Some(1), payload: Payload::Json(bytes) }, size)
        }
        Format::Jsonl => {
            let mut reader = BufReader::with_capacity(1 << 16, reader);
            let mut line_no = 0u64;
            // each line is read into this buffer, then copied into a record of its size
            let mut buf = Vec::new();
            loop {
                buf.clear();
                line_no += 1;
                match reader.read_until(b'\n', &mut buf) {
                    Ok(0) => return true,
                    Ok(_) => {
                        if buf.last() == Some(&b'\n') {
                            buf.pop();
                            if buf.last() == Some(&b'\r') {
                                buf.pop();
                            }
                        }
                        if buf.iter().all(u8::is_ascii_whitespace) {
                            continue; // blank lines are not records
                        }
                        let size = buf.len();
                        let rec = Record {
                            source: source.clone(),
                            line: Some(line_no),
                            payload: Payload::Json(buf.as_slice().into()),
                        };
                        if !b.push(rec, size) {
                            return false;
                        }
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => line_no -= 1,
                    Err(e) => return failed(b, Some(line_no), format!("read error: {e}")),
                }
            }
        }
    }
}
