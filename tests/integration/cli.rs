//! `civic extract` end to end: a messy archive, gzip, folders, text files, stdin, exit codes.
#![cfg(feature = "cli")]

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_civic");

/// A folder under the system's temp dir, removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("civic-test-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    pub fn join(&self, p: &str) -> PathBuf {
        self.0.join(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn civic(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("the civic binary runs")
}

fn lines(bytes: &[u8]) -> Vec<String> {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output").lines().map(str::to_string).collect()
}

/// Sentences and paragraphs of the gold corpus: realistic texts for records.
fn snippets() -> Vec<String> {
    let gold = civic::eval::load_gold(&["corpus/gold"]).unwrap();
    let mut out: Vec<String> = gold
        .iter()
        .flat_map(|g| g.text.split('\n').map(str::to_string).collect::<Vec<_>>())
        .filter(|s| !s.trim().is_empty())
        .collect();
    out.truncate(400);
    assert!(out.len() > 50, "the gold corpus gives snippets");
    out
}

/// What one input line must give.
enum Expect {
    /// A document: its id and text.
    Doc(String, String),
    /// An error record for this line, with this id.
    Error(Option<String>),
}

/// A JSONL archive mixing good and bad records: the bytes and what each non-blank line gives.
fn messy_archive(n: usize) -> (Vec<u8>, Vec<(u64, Expect)>) {
    let snippets = snippets();
    let mut bytes = Vec::new();
    let mut expect = Vec::new();
    let mut line = 0u64;
    for i in 0..n {
        let text = snippets[i % snippets.len()].clone();
        let id = format!("doc-{i}");
        line += 1;
        let (record, e): (Vec<u8>, Expect) = match i % 16 {
            0 => (b"this is not JSON {".to_vec(), Expect::Error(None)),
            1 => {
                // invalid UTF-8 inside the text string
                let mut r = format!("{{\"id\":\"{id}\",\"text\":\"abc ").into_bytes();
                r.extend_from_slice(b"\xff\xfe\xc3");
                r.extend_from_slice(b" def\"}");
                (r, Expect::Error(Some(id)))
            }
            2 => {
                (json!({"id": id, "title": text}).to_string().into_bytes(), Expect::Error(Some(id)))
            }
            3 => (json!({"id": id, "text": 42}).to_string().into_bytes(), Expect::Error(Some(id))),
            4 => (
                json!({"id": id, "text": ""}).to_string().into_bytes(),
                Expect::Doc(id, String::new()),
            ),
            5 => {
                let t = " \n\t ".to_string();
                (json!({"id": id, "text": t}).to_string().into_bytes(), Expect::Doc(id, t))
            }
            6 => {
                let t = format!("{}\u{0}{}\u{0}", &text, &text);
                (json!({"id": id, "text": t}).to_string().into_bytes(), Expect::Doc(id, t))
            }
            7 => (
                json!({"text": text}).to_string().into_bytes(),
                Expect::Doc(line.to_string(), text),
            ),
            8 => (
                json!({"id": i, "text": text}).to_string().into_bytes(),
                Expect::Doc(i.to_string(), text),
            ),
            9 => (b"[1, 2, 3]".to_vec(), Expect::Error(None)),
            10 => {
                // a raw control character inside a JSON string is not JSON (no id to salvage)
                let r = format!("{{\"id\":\"{id}\",\"text\":\"a\u{1}b\"}}").into_bytes();
                (r, Expect::Error(None))
            }
            _ => (
                json!({"id": id, "text": text, "meta": {"i": i}}).to_string().into_bytes(),
                Expect::Doc(id, text),
            ),
        };
        bytes.extend_from_slice(&record);
        bytes.extend_from_slice(if i % 7 == 0 { b"\r\n" } else { b"\n" });
        expect.push((line, e));
        if i % 97 == 0 {
            bytes.extend_from_slice(b"   \n"); // blank lines are not records
            line += 1;
        }
        if i == n / 2 {
            // one large document of a few MB (extracted in pieces by the library)
            let mut big = String::new();
            while big.len() < 3 << 20 {
                for s in &snippets {
                    big.push_str(s);
                    big.push_str("\n\n");
                }
            }
            line += 1;
            let id = "big".to_string();
            bytes.extend_from_slice(json!({"id": id, "text": big}).to_string().as_bytes());
            bytes.push(b'\n');
            expect.push((line, Expect::Doc(id, big)));
        }
    }
    (bytes, expect)
}

/// Checks output and error lines against the expectations, one by one.
fn check_messy(out: &[String], errs: &[String], expect: &[(u64, Expect)], source: &str) {
    let ex = civic::Extractor::new();
    let n_docs = expect.iter().filter(|(_, e)| matches!(e, Expect::Doc(..))).count();
    assert_eq!(out.len() + errs.len(), expect.len(), "one output line or error record per record");
    assert_eq!(out.len(), n_docs, "documents");
    let (mut o, mut r) = (out.iter(), errs.iter());
    for (line, e) in expect {
        match e {
            Expect::Doc(id, text) => {
                let want =
                    serde_json::to_string(&ex.extract_with_id(Some(id.clone()), text)).unwrap();
                let got = o.next().unwrap();
                assert_eq!(got, &want, "line {line}: the CLI's output differs from the library's");
            }
            Expect::Error(id) => {
                let got: Value = serde_json::from_str(r.next().unwrap()).unwrap();
                assert_eq!(got["line"], json!(line), "error record line: {got}");
                assert_eq!(got["source"], json!(source), "error record source: {got}");
                assert_eq!(got["id"], json!(id), "error record id: {got}");
                assert!(
                    got["error"].as_str().is_some_and(|s| !s.is_empty()),
                    "error message: {got}"
                );
            }
        }
    }
}

#[test]
fn messy_archive_loses_nothing_and_threads_agree() {
    let dir = TempDir::new("messy");
    let (bytes, expect) = messy_archive(3000);
    let archive = dir.join("archive.jsonl");
    std::fs::write(&archive, &bytes).unwrap();
    let archive_s = archive.to_str().unwrap();
    let mut outputs = Vec::new();
    for threads in ["1", "2"] {
        let out = dir.join(&format!("out{threads}.jsonl"));
        let errs = dir.join(&format!("err{threads}.jsonl"));
        let o = civic(&[
            "extract",
            archive_s,
            "--threads",
            threads,
            "-o",
            out.to_str().unwrap(),
            "--errors",
            errs.to_str().unwrap(),
            "--quiet",
        ]);
        assert_eq!(
            o.status.code(),
            Some(1),
            "some records fail: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(
            o.stderr.is_empty(),
            "--quiet and --errors: nothing on stderr: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let out_lines = lines(&std::fs::read(&out).unwrap());
        let err_lines = lines(&std::fs::read(&errs).unwrap());
        check_messy(&out_lines, &err_lines, &expect, archive_s);
        outputs.push((out_lines, err_lines));
    }
    assert_eq!(outputs[0], outputs[1], "output for 1 and 2 threads");

    // the same archive gzip-compressed, in and out
    let gz = dir.join("archive.jsonl.gz");
    let mut enc = flate2::write::GzEncoder::new(
        std::fs::File::create(&gz).unwrap(),
        flate2::Compression::fast(),
    );
    enc.write_all(&bytes).unwrap();
    enc.finish().unwrap();
    let out_gz = dir.join("out.jsonl.gz");
    let errs = dir.join("err.jsonl");
    let o = civic(&[
        "extract",
        gz.to_str().unwrap(),
        "-o",
        out_gz.to_str().unwrap(),
        "--errors",
        errs.to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let mut text = String::new();
    flate2::read::MultiGzDecoder::new(std::fs::File::open(&out_gz).unwrap())
        .read_to_string(&mut text)
        .unwrap();
    let gz_lines: Vec<String> = text.lines().map(str::to_string).collect();
    assert_eq!(gz_lines, outputs[0].0, "gzip round trip");
    let err_lines = lines(&std::fs::read(&errs).unwrap());
    assert_eq!(err_lines.len(), outputs[0].1.len());
    assert!(
        err_lines
            .iter()
            .all(|l| l.contains(&format!("\"source\":{}", json!(gz.to_str().unwrap()))))
    );
}

#[test]
fn error_records_go_to_stderr_by_default() {
    let dir = TempDir::new("stderr");
    let f = dir.join("a.jsonl");
    std::fs::write(&f, "{\"id\":\"x\",\"text\":\"Die Gemeinde Na Sam.\"}\nnope\n").unwrap();
    let o = civic(&["extract", f.to_str().unwrap(), "-q"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(lines(&o.stdout).len(), 1);
    let errs = lines(&o.stderr);
    assert_eq!(errs.len(), 1, "{errs:?}");
    let rec: Value = serde_json::from_str(&errs[0]).unwrap();
    assert_eq!(rec["line"], json!(2));
    // without --quiet, a summary line follows
    let o = civic(&["extract", f.to_str().unwrap()]);
    let errs = lines(&o.stderr);
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert!(errs[1].starts_with("civic: 1 documents"), "{errs:?}");
}

#[test]
fn folders_text_files_and_gzip_text() {
    let dir = TempDir::new("folder");
    let root = dir.join("in");
    std::fs::create_dir_all(root.join("b/nested")).unwrap();
    std::fs::create_dir_all(root.join("a")).unwrap();
    std::fs::write(root.join("b/nested/zeta.txt"), "Die Gemeinden Na Sam und Van Lang.").unwrap();
    std::fs::write(root.join("a/alpha.txt"), "Lang Son province has 65 communes.\0 With a NUL.")
        .unwrap();
    std::fs::write(root.join("a/readme.md"), "not an input").unwrap();
    std::fs::write(
        root.join("b/docs.jsonl"),
        "{\"id\":\"j1\",\"text\":\"Die Gemeinde Na Sam.\"}\n{\"text\":\"x\"}\n",
    )
    .unwrap();
    let mut enc = flate2::write::GzEncoder::new(
        std::fs::File::create(root.join("b/gamma.txt.gz")).unwrap(),
        Default::default(),
    );
    enc.write_all("Xã Na Sầm, tỉnh Lạng Sơn.".as_bytes()).unwrap();
    enc.finish().unwrap();
    std::fs::write(root.join("b/nested/bad.txt"), b"caf\xe9").unwrap();

    let o = civic(&["extract", root.to_str().unwrap(), "-q"]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let ids: Vec<String> = lines(&o.stdout)
        .iter()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].as_str().unwrap().to_string())
        .collect();
    // sorted by path: a/alpha.txt, b/docs.jsonl, b/gamma.txt.gz, b/nested/bad.txt, b/nested/zeta.txt
    assert_eq!(ids, ["alpha", "j1", "2", "gamma", "zeta"]);
    let errs = lines(&o.stderr);
    assert_eq!(errs.len(), 1, "{errs:?}");
    let rec: Value = serde_json::from_str(&errs[0]).unwrap();
    assert_eq!(rec["id"], json!("bad"));
    assert_eq!(rec["line"], Value::Null);
    assert!(rec["source"].as_str().unwrap().ends_with("bad.txt"));

    // a text file named explicitly: one document, id = stem, NUL kept
    let alpha = root.join("a/alpha.txt");
    let o = civic(&["extract", alpha.to_str().unwrap(), "-q"]);
    assert_eq!(o.status.code(), Some(0));
    let text = std::fs::read_to_string(&alpha).unwrap();
    let want = serde_json::to_string(
        &civic::Extractor::new().extract_with_id(Some("alpha".into()), &text),
    )
    .unwrap();
    assert_eq!(lines(&o.stdout), [want]);
}

#[test]
fn stdin_is_jsonl() {
    let input = "{\"id\":\"s1\",\"text\":\"Lang Son province has 65 communes.\"}\n\n{\"id\":7,\"text\":\"\"}\n";
    for args in [vec!["extract", "-q"], vec!["extract", "-", "-q"]] {
        let mut child = Command::new(BIN)
            .args(&args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
        let o = child.wait_with_output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
        let out = lines(&o.stdout);
        assert_eq!(out.len(), 2);
        assert!(out[0].starts_with("{\"id\":\"s1\",\"lang\":\"en\""), "{}", out[0]);
        assert!(out[1].starts_with("{\"id\":\"7\",\"lang\":"), "{}", out[1]);
        assert!(out[1].ends_with("\"entities\":[]}"), "{}", out[1]);
    }
}

#[test]
fn forced_language_and_unknown_language() {
    let dir = TempDir::new("lang");
    let f = dir.join("a.jsonl");
    let text = "Die Gemeinde Na Sam.";
    std::fs::write(&f, json!({"id": "a", "text": text}).to_string()).unwrap();
    let o = civic(&["extract", f.to_str().unwrap(), "--lang", "en", "-q"]);
    assert_eq!(o.status.code(), Some(0));
    let ex = civic::Extractor::builder().force_language("en").build().unwrap();
    let want = serde_json::to_string(&ex.extract_with_id(Some("a".into()), text)).unwrap();
    assert_eq!(lines(&o.stdout), [want]);

    let o = civic(&["extract", f.to_str().unwrap(), "--lang", "xx"]);
    assert_eq!(o.status.code(), Some(2));
    let msg = String::from_utf8_lossy(&o.stderr);
    assert!(msg.contains("unknown language 'xx'"), "{msg}");
    for l in civic::Extractor::builtin_languages() {
        assert!(msg.contains(&l), "{msg} lists {l}");
    }
    assert!(o.stdout.is_empty());
}

#[test]
fn missing_file_is_an_io_error_and_the_run_goes_on() {
    let dir = TempDir::new("missing");
    let f = dir.join("a.jsonl");
    std::fs::write(&f, "{\"id\":\"a\",\"text\":\"Die Gemeinde Na Sam.\"}\n").unwrap();
    let missing = dir.join("nope.jsonl");
    let o = civic(&["extract", missing.to_str().unwrap(), f.to_str().unwrap(), "-q"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(lines(&o.stdout).len(), 1);
    assert!(String::from_utf8_lossy(&o.stderr).contains("nope.jsonl"));
    // usage errors exit with 2 too
    assert_eq!(civic(&["extract", "--threads", "0"]).status.code(), Some(2));
    assert_eq!(civic(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn broken_pipe_ends_quietly() {
    let dir = TempDir::new("pipe");
    let f = dir.join("a.jsonl");
    let line = json!({"text": "Lang Son province has 65 communes and wards."}).to_string() + "\n";
    std::fs::write(&f, line.repeat(50_000)).unwrap();
    let mut child = Command::new(BIN)
        .args(["extract", f.to_str().unwrap(), "--threads", "2"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&o.stderr));
    assert!(o.stderr.is_empty(), "quiet on a broken pipe: {}", String::from_utf8_lossy(&o.stderr));
}
