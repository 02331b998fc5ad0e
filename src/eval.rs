//! Scoring against gold annotations, figure for figure as `tools/score.py` does it.
//!
//! A gold document is `{"id", "lang", "text", "gold": {"officials": [{"name", "roles"}],
//! "units": [{"name", "unit_type"}], "counts": [{"value", "counted"}], "issues": [CATEGORY]}}`;
//! any gold item may carry `"optional": true`. [`load_gold`] reads them from `.json` files
//! (one document), `.jsonl` files (one per line) and folders of both, in the order score.py
//! reads them; [`score`] compares predictions with them and gives a [`Report`] whose
//! [`Display`](std::fmt::Display) is score.py's table and whose [`Report::summary_json`] is
//! its last line, byte for byte.
//!
//! ```
//! use civic::eval::{self, GoldDoc};
//!
//! let gold: GoldDoc = GoldDoc::from_json(&serde_json::json!({
//!     "id": "d1", "lang": "en",
//!     "text": "Lang Son province has 65 communes.",
//!     "gold": {"units": [{"name": "Lang Son", "unit_type": "province"}], "counts": [], "issues": []}
//! }))
//! .unwrap();
//! let extractor = civic::Extractor::new();
//! let pred = extractor.extract_with_id(Some(gold.id.clone()), &gold.text);
//! let report = eval::score(&[gold], &[pred]);
//! assert_eq!(report.docs(), 1);
//! assert!(report.summary_json().starts_with(r#"{"docs": 1, "missing": 0, "lang_acc": "#));
//! ```
//!
//! The matching rules (see `SCHEMA.md`): per document, entities are reduced to keys and
//! compared as sets, summed over documents (micro). Officials by folded name (and, for the
//! matched ones, role recall and precision), units by (folded name, unit type) for the
//! territorial types only, counts by equal value and the folded gold noun contained in the
//! folded `counted`, issues by category. [`fold`] is score.py's `fold`.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

use crate::Document;

mod marks;

/// The unit types that are scored; `country` and `body` are not.
const TERRITORIAL: [&str; 7] =
    ["province", "district", "ward", "commune", "town", "special_zone", "village"];

/// The four kinds, in the order of the table.
const KINDS: [&str; 4] = ["official", "unit", "count", "issue"];

/// What score.py strips from both ends of a folded key.
const STRIP: &[char] =
    &[' ', '.', ',', ';', ':', '"', '\'', '“', '”', '„', '«', '»', '(', ')', '-', '–'];

/// Folds a name as score.py does: `đ`→`d`, `ß`→`ss`, NFD without the non-spacing marks
/// (category Mn), lower case, runs of white space as one space, and
/// `` .,;:"'“”„«»()-–`` stripped from both ends.
///
/// ```
/// assert_eq!(civic::eval::fold("  Đồng  Kinh, "), "dong kinh");
/// assert_eq!(civic::eval::fold("„Straße“"), "strasse");
/// ```
pub fn fold(s: &str) -> String {
    let mut pre = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'đ' => pre.push('d'),
            'Đ' => pre.push('D'),
            'ß' => pre.push_str("ss"),
            c => pre.push(c),
        }
    }
    let bare: String = pre.nfd().filter(|&c| !is_mn(c)).collect();
    let lower = bare.to_lowercase();
    let mut joined = String::with_capacity(lower.len());
    for word in lower.split(is_py_space).filter(|w| !w.is_empty()) {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(word);
    }
    joined.trim_matches(STRIP).to_string()
}

fn is_mn(c: char) -> bool {
    let cp = c as u32;
    marks::MN
        .binary_search_by(|&(lo, hi)| {
            if hi < cp {
                std::cmp::Ordering::Less
            } else if lo > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Python's `str.isspace`: Unicode White_Space plus the information separators U+001C..U+001F.
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `str.splitlines` (without the line ends).
fn py_splitlines(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let end = match c {
            '\r' => {
                if let Some(&(_, '\n')) = it.peek() {
                    it.next();
                    i + 2
                } else {
                    i + 1
                }
            }
            '\n' | '\u{b}' | '\u{c}' | '\u{1c}' | '\u{1d}' | '\u{1e}' | '\u{85}' | '\u{2028}'
            | '\u{2029}' => i + c.len_utf8(),
            _ => continue,
        };
        out.push(&s[start..i]);
        start = end;
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// Why gold documents or predictions could not be loaded: a file that cannot be read or a
/// line that is not JSON.
#[derive(Debug, Clone)]
pub struct LoadError {
    path: PathBuf,
    line: Option<usize>,
    message: String,
}

impl LoadError {
    fn new(path: &Path, line: Option<usize>, message: impl fmt::Display) -> LoadError {
        LoadError { path: path.to_path_buf(), line, message: message.to_string() }
    }

    /// The file that could not be loaded.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The 1-based line that is not JSON, if the error is about one line.
    pub fn line(&self) -> Option<usize> {
        self.line
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(n) => write!(f, "{}:{}: {}", self.path.display(), n, self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for LoadError {}

/// One annotated document.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldDoc {
    /// The document's id, as Python's `str()` prints it (predictions are matched on it).
    pub id: String,
    /// The language of the text (`None` when the document does not say).
    pub lang: Option<String>,
    /// The text to extract from.
    pub text: String,
    /// Officials.
    pub officials: Vec<GoldOfficial>,
    /// Administrative units (all types; only the territorial ones are scored).
    pub units: Vec<GoldUnit>,
    /// Counts.
    pub counts: Vec<GoldCount>,
    /// Issue categories.
    pub issues: Vec<GoldIssue>,
}

/// A gold official: a name and the role ids the text gives them.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldOfficial {
    /// The name as written.
    pub name: String,
    /// Role ids (`party_secretary`, ...).
    pub roles: Vec<String>,
    /// Neither missed when absent nor wrong when found.
    pub optional: bool,
}

/// A gold administrative unit.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldUnit {
    /// The name as written.
    pub name: String,
    /// The unit type id (`province`, `ward`, ...).
    pub unit_type: Option<String>,
    /// Neither missed when absent nor wrong when found.
    pub optional: bool,
}

/// A gold count.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldCount {
    /// The value.
    pub value: f64,
    /// The counted noun (its folded form must be contained in the predicted `counted`).
    pub counted: Option<String>,
    /// Neither missed when absent nor wrong when found.
    pub optional: bool,
    /// The value as the annotation wrote it (for `--explain`).
    raw_value: Value,
}

/// A gold issue category.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldIssue {
    /// The category id (`facilities`, ...).
    pub category: Option<String>,
    /// Neither missed when absent nor wrong when found.
    pub optional: bool,
}

impl GoldDoc {
    /// Reads a gold document from its JSON; `None` when the value is not a gold document
    /// (not an object with `gold` and `text`), which score.py skips.
    pub fn from_json(v: &Value) -> Option<GoldDoc> {
        let obj = v.as_object()?;
        if !obj.contains_key("gold") || !obj.contains_key("text") {
            return None;
        }
        let gold = obj.get("gold").and_then(Value::as_object);
        let list = |key: &str| -> Vec<Value> {
            gold.and_then(|g| g.get(key)).and_then(Value::as_array).cloned().unwrap_or_default()
        };
        let officials = list("officials")
            .iter()
            .map(|o| GoldOfficial {
                name: py_str_opt(o.get("name")),
                roles: o
                    .get("roles")
                    .and_then(Value::as_array)
                    .map(|rs| rs.iter().map(py_str).collect())
                    .unwrap_or_default(),
                optional: o.get("optional").is_some_and(truthy),
            })
            .collect();
        let units = list("units")
            .iter()
            .map(|u| GoldUnit {
                name: py_str_opt(u.get("name")),
                unit_type: u.get("unit_type").and_then(Value::as_str).map(str::to_string),
                optional: u.get("optional").is_some_and(truthy),
            })
            .collect();
        let counts = list("counts")
            .iter()
            .map(|c| GoldCount {
                value: c.get("value").and_then(py_float).unwrap_or(f64::NAN),
                counted: c.get("counted").and_then(Value::as_str).map(str::to_string),
                optional: c.get("optional").is_some_and(truthy),
                raw_value: c.get("value").cloned().unwrap_or(Value::Null),
            })
            .collect();
        let issues = list("issues")
            .iter()
            .map(|x| match x {
                Value::Object(o) => GoldIssue {
                    category: o.get("category").and_then(opt_key),
                    optional: o.get("optional").is_some_and(truthy),
                },
                other => GoldIssue { category: opt_key(other), optional: false },
            })
            .collect();
        Some(GoldDoc {
            id: py_str_opt(obj.get("id")),
            lang: obj.get("lang").and_then(Value::as_str).map(str::to_string),
            text: obj.get("text").and_then(Value::as_str).unwrap_or_default().to_string(),
            officials,
            units,
            counts,
            issues,
        })
    }
}

/// Loads gold documents as score.py does: a folder is searched recursively for `*.json*`
/// files, sorted by path; a `.json` file holds one document, a `.jsonl` file one per
/// non-blank line; other files are ignored, and so is JSON that is not a gold document.
///
/// # Errors
/// A path that cannot be read, or a file or line that is not JSON.
pub fn load_gold<P: AsRef<Path>>(paths: &[P]) -> Result<Vec<GoldDoc>, LoadError> {
    let mut values = Vec::new();
    for p in paths {
        let p = p.as_ref();
        let files = if p.is_dir() {
            let mut files = Vec::new();
            walk(p, &mut files).map_err(|e| LoadError::new(p, None, e))?;
            files.retain(|f| f.file_name().is_some_and(|n| n.to_string_lossy().contains(".json")));
            files.sort();
            files
        } else {
            vec![p.to_path_buf()]
        };
        for f in files {
            match f.extension().and_then(|e| e.to_str()) {
                Some("jsonl") => {
                    let text =
                        std::fs::read_to_string(&f).map_err(|e| LoadError::new(&f, None, e))?;
                    for (n, line) in py_splitlines(&text).into_iter().enumerate() {
                        if line.trim_matches(is_py_space).is_empty() {
                            continue;
                        }
                        let v = serde_json::from_str(line)
                            .map_err(|e| LoadError::new(&f, Some(n + 1), e))?;
                        values.push(v);
                    }
                }
                Some("json") => {
                    let text =
                        std::fs::read_to_string(&f).map_err(|e| LoadError::new(&f, None, e))?;
                    values.push(
                        serde_json::from_str(&text).map_err(|e| LoadError::new(&f, None, e))?,
                    );
                }
                _ => {}
            }
        }
    }
    Ok(values.iter().filter_map(GoldDoc::from_json).collect())
}

/// Every file under `dir` (not following links to folders), unsorted.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let ty = entry.file_type()?;
        if ty.is_dir() {
            walk(&entry.path(), out)?;
        } else {
            out.push(entry.path());
        }
    }
    Ok(())
}

/// Loads predictions from a JSONL file (the output of `civic extract`), one JSON value per
/// non-blank line.
///
/// # Errors
/// A file that cannot be read or a line that is not JSON.
pub fn load_predictions(path: impl AsRef<Path>) -> Result<Vec<Value>, LoadError> {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path).map_err(|e| LoadError::new(path, None, e))?;
    parse_predictions(&text)
        .map_err(|(n, e)| LoadError::new(path, Some(n), format!("not JSON: {e}")))
}

/// Parses predictions from JSONL text; the error is the 1-based line that is not JSON.
pub fn parse_predictions(text: &str) -> Result<Vec<Value>, (usize, serde_json::Error)> {
    let mut out = Vec::new();
    // Python's text mode: universal newlines.
    let normalized = text.replace("\r\n", "\n").replace('\r', "\n");
    for (n, line) in normalized.split_inclusive('\n').enumerate() {
        if line.trim_matches(is_py_space).is_empty() {
            continue;
        }
        out.push(serde_json::from_str(line).map_err(|e| (n + 1, e))?);
    }
    Ok(out)
}

/// True positives, false positives and false negatives of one kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Gold items found.
    pub tp: usize,
    /// Predicted items that are not in the gold.
    pub fp: usize,
    /// Gold items missed.
    pub fn_: usize,
}

impl Tally {
    fn add(&mut self, tp: usize, fp: usize, fn_: usize) {
        self.tp += tp;
        self.fp += fp;
        self.fn_ += fn_;
    }

    /// Precision, recall and F1, with score.py's conventions for empty sets.
    pub fn prf(&self) -> (f64, f64, f64) {
        let (tp, fp, fn_) = (self.tp as f64, self.fp as f64, self.fn_ as f64);
        let p = if self.tp + self.fp > 0 {
            tp / (tp + fp)
        } else if self.fn_ == 0 {
            1.0
        } else {
            0.0
        };
        let r = if self.tp + self.fn_ > 0 { tp / (tp + fn_) } else { 1.0 };
        let f = if p + r != 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        (p, r, f)
    }
}

/// The result of scoring: totals per kind and per language, role figures, and the
/// per-document explanation of misses and errors.
#[derive(Debug, Clone, Default)]
pub struct Report {
    docs: usize,
    missing: usize,
    lang_ok: usize,
    total: [Tally; 4],
    per_lang: BTreeMap<String, [Tally; 4]>,
    role_found: usize,
    role_wanted: usize,
    role_given: usize,
    explain: String,
}

/// Scores documents extracted by civic against the gold; predictions are matched to gold
/// documents by id (the last one wins when an id repeats).
pub fn score(gold: &[GoldDoc], preds: &[Document]) -> Report {
    let values: Vec<Value> =
        preds.iter().map(|d| serde_json::to_value(d).expect("a Document serialises")).collect();
    score_values(gold, &values)
}

/// Scores predictions given as JSON (the lines of `civic extract` output or of any other
/// system that writes the same schema) against the gold.
pub fn score_values(gold: &[GoldDoc], preds: &[Value]) -> Report {
    let mut by_id: HashMap<String, &Value> = HashMap::new();
    for p in preds {
        by_id.insert(py_str_opt(p.get("id")), p);
    }
    let mut rep = Report { docs: gold.len(), ..Report::default() };
    for g in gold {
        let p = by_id.get(&g.id).copied();
        let p_lang = p.map(|p| p.get("lang").filter(|l| !l.is_null()));
        let lang_differs = match p_lang {
            None => false,
            Some(pl) => {
                let same = match (&g.lang, pl) {
                    (Some(gl), Some(Value::String(s))) => gl == s,
                    (None, None) => true,
                    _ => false,
                };
                if same {
                    rep.lang_ok += 1;
                }
                !same
            }
        };
        if p.is_none() {
            rep.missing += 1;
        }
        let res = score_doc(g, p);
        rep.role_found += res.role_found;
        rep.role_wanted += res.role_wanted;
        rep.role_given += res.role_given;
        let lang_key = g.lang.clone().unwrap_or_else(|| "?".to_string());
        let per_lang = rep.per_lang.entry(lang_key).or_default();
        for (i, k) in res.kinds.iter().enumerate() {
            rep.total[i].add(k.tp, k.fp, k.fn_);
            per_lang[i].add(k.tp, k.fp, k.fn_);
        }

        let mut lines: Vec<String> = Vec::new();
        for (name, k) in KINDS.iter().zip(&res.kinds) {
            if !k.missed.is_empty() || !k.wrong.is_empty() {
                lines.push(format!(
                    "  {name}: missed {}  wrong {}",
                    py_list(&k.missed),
                    py_list(&k.wrong)
                ));
            }
        }
        for (n, m, x) in &res.roles {
            if !m.is_empty() || !x.is_empty() {
                lines.push(format!("  roles of {n}: missed {}  extra {}", py_list(m), py_list(x)));
            }
        }
        if p.is_none() {
            lines.insert(0, "  (no prediction for this document)".to_string());
        } else if lang_differs {
            let gl = g.lang.clone().unwrap_or_else(|| "None".to_string());
            let pl = p_lang.flatten().map(py_str).unwrap_or_else(|| "None".to_string());
            lines.insert(0, format!("  lang: gold {gl} predicted {pl}"));
        }
        if !lines.is_empty() {
            let _ = writeln!(rep.explain, "{}:", g.id);
            for l in lines {
                let _ = writeln!(rep.explain, "{l}");
            }
        }
    }
    rep
}

struct KindResult {
    tp: usize,
    fp: usize,
    fn_: usize,
    /// Python reprs of the missed gold keys, sorted as score.py sorts them.
    missed: Vec<String>,
    wrong: Vec<String>,
}

struct DocResult {
    kinds: Vec<KindResult>,
    role_found: usize,
    role_wanted: usize,
    role_given: usize,
    /// (name, missed role reprs, extra role reprs) for every matched official, by name.
    roles: Vec<(String, Vec<String>, Vec<String>)>,
}

/// An optional string key (`None` is Python's `None`).
type Key = Option<String>;

fn set_result<K: Ord + Clone + std::hash::Hash>(
    gold: &HashSet<K>,
    optional: &HashSet<K>,
    pred: &HashSet<K>,
    repr: impl Fn(&K) -> String,
) -> (KindResult, BTreeSet<K>) {
    let tp: BTreeSet<K> = gold.intersection(pred).cloned().collect();
    let fn_: BTreeSet<K> = gold.difference(pred).cloned().collect();
    let fp: BTreeSet<K> =
        pred.iter().filter(|k| !gold.contains(k) && !optional.contains(k)).cloned().collect();
    let res = KindResult {
        tp: tp.len(),
        fp: fp.len(),
        fn_: fn_.len(),
        missed: fn_.iter().map(&repr).collect(),
        wrong: fp.iter().map(&repr).collect(),
    };
    (res, tp)
}

fn score_doc(g: &GoldDoc, p: Option<&Value>) -> DocResult {
    let empty = Vec::new();
    let ents = p.and_then(|p| p.get("entities")).and_then(Value::as_array).unwrap_or(&empty);
    let of_kind = |kind: &'static str| {
        ents.iter().filter(move |e| e.get("kind").and_then(Value::as_str) == Some(kind))
    };
    let name_of = |e: &Value| -> String {
        match e.get("name") {
            Some(n) if truthy(n) => fold(&py_str(n)),
            _ => fold(&py_str_opt_empty(e.get("text"))),
        }
    };
    let mut kinds = Vec::with_capacity(4);

    // officials
    let (mut gk, mut go) = (HashSet::new(), HashSet::new());
    let mut groles: HashMap<String, HashSet<Key>> = HashMap::new();
    for o in &g.officials {
        let k = fold(&o.name);
        if o.optional {
            go.insert(k.clone())
        } else {
            gk.insert(k.clone())
        };
        groles.insert(k, o.roles.iter().cloned().map(Some).collect());
    }
    let mut pk = HashSet::new();
    let mut proles: HashMap<String, HashSet<Key>> = HashMap::new();
    for e in of_kind("official") {
        let k = name_of(e);
        pk.insert(k.clone());
        let set = proles.entry(k).or_default();
        if let Some(roles) = e.get("roles").filter(|r| truthy(r)).and_then(Value::as_array) {
            for r in roles {
                set.insert(match r {
                    Value::Object(o) => o.get("role").and_then(opt_key),
                    other => opt_key(other),
                });
            }
        }
    }
    let (res, tp) = set_result(&gk, &go, &pk, |k| py_repr_str(k));
    kinds.push(res);
    let none = HashSet::new();
    let (mut role_found, mut role_wanted, mut role_given) = (0, 0, 0);
    let mut roles = Vec::new();
    for k in &tp {
        let gr = groles.get(k).unwrap_or(&none);
        let pr = proles.get(k).unwrap_or(&none);
        role_found += gr.intersection(pr).count();
        role_wanted += gr.len();
        role_given += pr.len();
        let missed: BTreeSet<&Key> = gr.difference(pr).collect();
        let extra: BTreeSet<&Key> = pr.difference(gr).collect();
        roles.push((
            k.clone(),
            missed.into_iter().map(py_repr_key).collect(),
            extra.into_iter().map(py_repr_key).collect(),
        ));
    }

    // units
    let (mut gk, mut go) = (HashSet::new(), HashSet::new());
    for u in &g.units {
        let Some(t) = u.unit_type.as_deref().filter(|t| TERRITORIAL.contains(t)) else {
            continue;
        };
        let k = (fold(&u.name), t.to_string());
        if u.optional {
            go.insert(k)
        } else {
            gk.insert(k)
        };
    }
    let pk: HashSet<(String, String)> = of_kind("unit")
        .filter_map(|e| {
            let t =
                e.get("unit_type").and_then(Value::as_str).filter(|t| TERRITORIAL.contains(t))?;
            Some((name_of(e), t.to_string()))
        })
        .collect();
    let (res, _) =
        set_result(&gk, &go, &pk, |(n, t)| format!("({}, {})", py_repr_str(n), py_repr_str(t)));
    kinds.push(res);

    // counts: a gold count is found by any predicted count of equal value whose noun contains its stem
    let preds: Vec<(Option<f64>, String)> = of_kind("count")
        .map(|e| match e.get("value").and_then(py_float) {
            Some(v) => {
                let noun = match e.get("counted") {
                    Some(c) if truthy(c) => py_str(c),
                    _ => py_str_opt_empty(e.get("text")),
                };
                (Some(v), fold(&noun))
            }
            None => (None, fold(&py_str_opt_empty(e.get("text")))),
        })
        .collect();
    let mut used = vec![false; preds.len()];
    let (mut tpn, mut missed) = (0, Vec::new());
    for c in &g.counts {
        let stem = fold(c.counted.as_deref().unwrap_or_default());
        let mut hit = false;
        for (i, (pv, pn)) in preds.iter().enumerate() {
            if let Some(pv) = pv
                && (pv - c.value).abs() < 1e-9
                && pn.contains(&stem)
            {
                used[i] = true;
                hit = true;
            }
        }
        if c.optional {
            continue;
        }
        if hit {
            tpn += 1;
        } else {
            let counted =
                c.counted.as_deref().map(py_repr_str).unwrap_or_else(|| "None".to_string());
            missed.push(format!("({}, {})", py_repr(&c.raw_value), counted));
        }
    }
    let mut wrong: Vec<String> = Vec::new();
    let mut seen: HashSet<(Option<u64>, &str)> = HashSet::new();
    for (i, (pv, pn)) in preds.iter().enumerate() {
        // a set of (value, noun): equal floats are one key (0.0 == -0.0)
        let key = (pv.map(|v| if v == 0.0 { 0 } else { v.to_bits() }), pn.as_str());
        if !used[i] && seen.insert(key) {
            let v = pv.map(py_float_repr).unwrap_or_else(|| "None".to_string());
            wrong.push(format!("({v}, {})", py_repr_str(pn)));
        }
    }
    wrong.sort();
    kinds.push(KindResult { tp: tpn, fp: wrong.len(), fn_: missed.len(), missed, wrong });

    // issues
    let (mut gk, mut go) = (HashSet::new(), HashSet::new());
    for x in &g.issues {
        if x.optional {
            go.insert(x.category.clone())
        } else {
            gk.insert(x.category.clone())
        };
    }
    let pk: HashSet<Key> = of_kind("issue").map(|e| e.get("category").and_then(opt_key)).collect();
    let (res, _) = set_result(&gk, &go, &pk, py_repr_key);
    kinds.push(res);

    DocResult { kinds, role_found, role_wanted, role_given, roles }
}

impl Report {
    /// The number of gold documents.
    pub fn docs(&self) -> usize {
        self.docs
    }

    /// Gold documents without a prediction.
    pub fn missing(&self) -> usize {
        self.missing
    }

    /// The tally of a kind (`"official"`, `"unit"`, `"count"` or `"issue"`) over all documents.
    pub fn tally(&self, kind: &str) -> Option<Tally> {
        KINDS.iter().position(|k| *k == kind).map(|i| self.total[i])
    }

    /// The tallies per language (the gold's `lang`), in the table's order.
    pub fn per_language(&self) -> impl Iterator<Item = (&str, &[Tally; 4])> {
        self.per_lang.iter().map(|(l, t)| (l.as_str(), t))
    }

    /// The mean of the four F1 scores, rounded to three decimals (score.py's `mean_f1`).
    pub fn mean_f1(&self) -> f64 {
        let sum = self.total.iter().fold(0.0, |acc, t| acc + round3(t.prf().2));
        round3(sum / 4.0)
    }

    /// What each document missed and got wrong (score.py's `--explain` output).
    pub fn explain(&self) -> &str {
        &self.explain
    }

    fn role_recall(&self) -> Option<f64> {
        (self.role_wanted > 0).then(|| round3(self.role_found as f64 / self.role_wanted as f64))
    }

    fn role_precision(&self) -> Option<f64> {
        (self.role_given > 0).then(|| round3(self.role_found as f64 / self.role_given as f64))
    }

    /// score.py's last line: the JSON summary, formatted as Python's `json.dumps` does.
    pub fn summary_json(&self) -> String {
        let mut out = String::from("{");
        let _ = write!(out, "\"docs\": {}, \"missing\": {}", self.docs, self.missing);
        let lang_acc =
            if self.docs > 0 { round3(self.lang_ok as f64 / self.docs as f64) } else { f64::NAN };
        let _ = write!(out, ", \"lang_acc\": {}", py_float_repr(lang_acc));
        for (k, t) in KINDS.iter().zip(&self.total) {
            let (p, r, f) = t.prf();
            for (suffix, v) in [("p", p), ("r", r), ("f1", f)] {
                let _ = write!(out, ", \"{k}_{suffix}\": {}", py_float_repr(round3(v)));
            }
        }
        let opt = |v: Option<f64>| v.map(py_float_repr).unwrap_or_else(|| "null".to_string());
        let _ = write!(out, ", \"role_recall\": {}", opt(self.role_recall()));
        let _ = write!(out, ", \"role_precision\": {}", opt(self.role_precision()));
        let _ = write!(out, ", \"mean_f1\": {}}}", py_float_repr(self.mean_f1()));
        out
    }
}

/// The table score.py prints: P, R and F1 per language and kind, then role and language lines.
impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:6}", "lang")?;
        for k in KINDS {
            write!(f, "{k:>22}")?;
        }
        writeln!(f)?;
        let rows = self.per_lang.iter().map(|(l, t)| (l.as_str(), t)).chain([("all", &self.total)]);
        for (lang, t) in rows {
            write!(f, "{lang:6}")?;
            for tally in t {
                let (p, r, f1) = tally.prf();
                write!(f, "{:>22}", format!("P{p:.2} R{r:.2} F{f1:.2}"))?;
            }
            writeln!(f)?;
        }
        let none = |v: Option<f64>| v.map(py_float_repr).unwrap_or_else(|| "None".to_string());
        writeln!(
            f,
            "roles of matched officials: recall {}  precision {}",
            none(self.role_recall()),
            none(self.role_precision())
        )?;
        writeln!(
            f,
            "language detected right: {}/{}  documents without a prediction: {}",
            self.lang_ok, self.docs, self.missing
        )
    }
}

/// Python's `round(x, 3)`: correctly rounded, ties to even on the exact binary value.
fn round3(x: f64) -> f64 {
    if !x.is_finite() {
        return x;
    }
    format!("{x:.3}").parse().unwrap_or(x)
}

/// Python truthiness of a JSON value.
fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// Python's `float(v)` for a JSON value, `None` where it raises.
fn py_float(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
        Value::String(s) => s.trim_matches(is_py_space).replace('_', "").parse().ok(),
        _ => None,
    }
}

/// A key: strings as they are, `None` for null, Python's `str()` of anything else.
fn opt_key(v: &Value) -> Key {
    match v {
        Value::Null => None,
        other => Some(py_str(other)),
    }
}

/// Python's `str()` of a JSON value.
fn py_str(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => py_repr(other),
    }
}

/// Python's `str()` of a value that may be absent (`None`).
fn py_str_opt(v: Option<&Value>) -> String {
    v.map(py_str).unwrap_or_else(|| "None".to_string())
}

/// The string fold() sees for `x or None`-style values: absent and null are empty.
fn py_str_opt_empty(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(v) => py_str(v),
    }
}

/// Python's `repr()` of a JSON value.
fn py_repr(v: &Value) -> String {
    match v {
        Value::Null => "None".to_string(),
        Value::Bool(true) => "True".to_string(),
        Value::Bool(false) => "False".to_string(),
        Value::Number(n) => {
            if n.is_i64() || n.is_u64() {
                n.to_string()
            } else {
                py_float_repr(n.as_f64().unwrap_or(f64::NAN))
            }
        }
        Value::String(s) => py_repr_str(s),
        Value::Array(a) => py_list(&a.iter().map(py_repr).collect::<Vec<_>>()),
        Value::Object(o) => {
            let items: Vec<String> =
                o.iter().map(|(k, v)| format!("{}: {}", py_repr_str(k), py_repr(v))).collect();
            format!("{{{}}}", items.join(", "))
        }
    }
}

fn py_repr_key(k: &Key) -> String {
    k.as_deref().map(py_repr_str).unwrap_or_else(|| "None".to_string())
}

fn py_list(items: &[String]) -> String {
    format!("[{}]", items.join(", "))
}

/// Python's `repr()` of a string.
fn py_repr_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if !py_printable(c) => {
                let cp = c as u32;
                if cp < 0x100 {
                    let _ = write!(out, "\\x{cp:02x}");
                } else if cp < 0x10000 {
                    let _ = write!(out, "\\u{cp:04x}");
                } else {
                    let _ = write!(out, "\\U{cp:08x}");
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Python's `str.isprintable` for one character (controls, separators other than the
/// space and the common format characters are not printable).
fn py_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    !matches!(c,
        '\u{ad}' | '\u{600}'..='\u{605}' | '\u{61c}' | '\u{6dd}' | '\u{70f}' | '\u{180e}'
        | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206f}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}'
        | '\u{e000}'..='\u{f8ff}' | '\u{f0000}'..='\u{10ffff}')
}

/// Python's `repr()` of a float: the shortest digits that round-trip, in positional
/// notation for exponents from -4 to 15 and in scientific notation (`1e+16`) otherwise.
fn py_float_repr(v: f64) -> String {
    if v.is_nan() {
        return "NaN".to_string(); // json.dumps; repr() would say nan
    }
    if v.is_infinite() {
        return if v > 0.0 { "Infinity" } else { "-Infinity" }.to_string();
    }
    let sci = format!("{v:e}"); // shortest round-trip digits, e.g. "-6.6e3"
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (neg, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => (true, m),
        None => (false, mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if (-4..16).contains(&exp) {
        if exp >= 0 {
            let int_len = exp as usize + 1;
            if digits.len() <= int_len {
                out.push_str(&digits);
                out.extend(std::iter::repeat_n('0', int_len - digits.len()));
                out.push_str(".0");
            } else {
                out.push_str(&digits[..int_len]);
                out.push('.');
                out.push_str(&digits[int_len..]);
            }
        } else {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-exp - 1) as usize));
            out.push_str(&digits);
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let _ = write!(out, "e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_repr_is_pythons() {
        for (v, want) in [
            (6600.0, "6600.0"),
            (0.5, "0.5"),
            (1.0, "1.0"),
            (0.0, "0.0"),
            (0.062, "0.062"),
            (1e16, "1e+16"),
            (1.5e-7, "1.5e-07"),
            (0.0001, "0.0001"),
            (123456789012345.6, "123456789012345.6"),
            (-2.5, "-2.5"),
            (1800000.0, "1800000.0"),
        ] {
            assert_eq!(py_float_repr(v), want, "{v}");
        }
    }

    #[test]
    fn round3_is_pythons() {
        assert_eq!(round3(0.0625), 0.062);
        assert_eq!(round3(0.6666666), 0.667);
        assert_eq!(round3(2.0 / 3.0), 0.667);
    }

    #[test]
    fn fold_matches_score_py() {
        assert_eq!(fold("Đặng Văn  Thương"), "dang van thuong");
        assert_eq!(fold("«Quảng Ninh»"), "quang ninh");
        assert_eq!(fold("Straße\u{1c}x"), "strasse x");
        assert_eq!(fold(""), "");
        assert_eq!(fold("ΟΔΟΣ"), "οδος");
    }

    #[test]
    fn repr_of_strings() {
        assert_eq!(py_repr_str("a'b"), "\"a'b\"");
        assert_eq!(py_repr_str("a'b\""), "'a\\'b\"'");
        assert_eq!(py_repr_str("xã\n"), "'xã\\n'");
    }

    #[test]
    fn splitlines_like_python() {
        assert_eq!(py_splitlines("a\r\nb\rc\u{2028}d\n"), ["a", "b", "c", "d"]);
        assert_eq!(py_splitlines("a\n\nb"), ["a", "", "b"]);
    }
}
