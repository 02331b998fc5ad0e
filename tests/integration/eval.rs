//! `civic eval` and `civic::eval` give exactly the figures and the output of score.py.

use std::path::Path;
use std::process::Command;

use civic::eval;

const SCORE_PY: &str = "../shared/tools/score.py";

/// score.py's output, or `None` (with a message saying why the comparison is skipped) when
/// ../shared or python3 is not there.
#[cfg(feature = "cli")]
fn score_py(args: &[&str]) -> Option<String> {
    if !Path::new(SCORE_PY).exists() {
        println!("skipped: {SCORE_PY} is not there (the shared folder is absent)");
        return None;
    }
    let out = match Command::new("python3").arg(SCORE_PY).args(args).output() {
        Ok(o) => o,
        Err(e) => {
            println!("skipped: python3 cannot be run: {e}");
            return None;
        }
    };
    assert!(
        out.status.success(),
        "score.py {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).unwrap())
}

#[cfg(feature = "cli")]
fn civic(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_civic")).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "civic {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Extracts GOLD with `civic extract` on score.py's inputs, scores the predictions with
/// score.py, and compares with `civic eval` (summary, table and --explain).
#[cfg(feature = "cli")]
fn compare_with_score_py(gold: &str, name: &str) {
    let Some(inputs) = score_py(&["inputs", gold]) else {
        return;
    };
    let dir = crate::cli::TempDir::new(&format!("eval-{name}"));
    let inputs_path = dir.join("inputs.jsonl");
    std::fs::write(&inputs_path, inputs).unwrap();
    let pred = dir.join("pred.jsonl");
    civic(&["extract", inputs_path.to_str().unwrap(), "-o", pred.to_str().unwrap(), "-q"]);
    let pred = pred.to_str().unwrap();

    let py_json = score_py(&["score", gold, "--pred", pred, "--json"]).unwrap();
    let rs_json = civic(&["eval", gold, "--json"]);
    assert_eq!(rs_json, py_json, "summary of civic eval (left) and score.py (right) on {gold}");
    let py: serde_json::Value = serde_json::from_str(&py_json).unwrap();
    let rs: serde_json::Value = serde_json::from_str(&rs_json).unwrap();
    assert_eq!(rs, py);

    let py_full = score_py(&["score", gold, "--pred", pred, "--explain"]).unwrap();
    let rs_full = civic(&["eval", gold, "--explain", "--threads", "2"]);
    assert_eq!(
        rs_full, py_full,
        "civic eval --explain (left) and score.py --explain (right) on {gold}"
    );
    assert_eq!(civic(&["eval", gold, "--pred", pred, "--explain"]), py_full);
    assert_eq!(civic(&["eval", gold]), score_py(&["score", gold, "--pred", pred]).unwrap());
}

#[cfg(feature = "cli")]
#[test]
fn civic_eval_equals_score_py_on_the_gold_corpus() {
    compare_with_score_py("corpus/gold", "corpus");
}

#[cfg(feature = "cli")]
#[test]
fn civic_eval_equals_score_py_on_the_seed() {
    let seed = "../shared/corpus/seed-de.json";
    if !Path::new(seed).exists() {
        println!("skipped: {seed} is not there");
        return;
    }
    compare_with_score_py(seed, "seed");
}

/// Gold and predictions built to hit score.py's corner cases: optional items, duplicate
/// names, counts whose value and noun match twice, equal wrong counts, names that fold
/// alike, missing predictions, wrong languages, issues as strings and objects.
fn tricky() -> (String, String) {
    let gold = [
        serde_json::json!({"id": "t1", "lang": "de", "text": "x", "gold": {
            "officials": [
                {"name": "Đặng Văn  Thương", "roles": ["party_secretary", "people_committee_chair"]},
                {"name": "Be Thanh Tinh", "roles": ["party_secretary"], "optional": true},
                {"name": "„Nguyễn A“", "roles": []}
            ],
            "units": [
                {"name": "Dong Kinh", "unit_type": "ward"},
                {"name": "Ky Lua", "unit_type": "ward", "optional": true},
                {"name": "Volkskomitee", "unit_type": "body"},
                {"name": "Straße", "unit_type": "commune"}
            ],
            "counts": [
                {"value": 6600, "counted": "Akten"},
                {"value": 4, "counted": "Bezirke"},
                {"value": 1.5, "counted": "Tage", "optional": true},
                {"value": 12, "counted": null}
            ],
            "issues": ["facilities", {"category": "staffing", "optional": true}, {"category": "land"}]
        }}),
        serde_json::json!({"id": 2, "lang": "vi", "text": "y", "gold": {"officials": [], "units": [], "counts": [], "issues": []}}),
        serde_json::json!({"id": "t3", "lang": "en", "text": "z", "gold": {"units": [{"name": "Lang Son", "unit_type": "province"}]}}),
        serde_json::json!({"id": "t4", "lang": "fr", "text": "w", "gold": {"counts": [{"value": 3, "counted": "communes"}]}}),
        serde_json::json!({"id": "not gold", "text": "no gold key"}),
    ];
    let pred = [
        serde_json::json!({"id": "t1", "lang": "de", "entities": [
            {"kind": "official", "text": "Genosse Dang Van Thuong", "name": "dang van thuong",
             "roles": [{"role": "party_secretary", "level": "province", "text": "x"}, {"role": "minister", "level": null, "text": "y"}]},
            {"kind": "official", "text": "Be Thanh Tinh", "name": "Be Thanh Tinh", "roles": []},
            {"kind": "official", "text": "Someone Else", "roles": null},
            {"kind": "unit", "text": "Bezirk Dong Kinh", "name": "Dong  Kinh", "unit_type": "ward"},
            {"kind": "unit", "text": "Ky Lua", "name": "Ky Lua", "unit_type": "ward"},
            {"kind": "unit", "text": "Bac Son", "name": "", "unit_type": "commune"},
            {"kind": "unit", "text": "Vietnam", "name": "Vietnam", "unit_type": "country"},
            {"kind": "count", "text": "fast 6.600 Akten", "value": 6600, "counted": "Akten zu Verfahren"},
            {"kind": "count", "text": "6600 Akten", "value": 6600.0, "counted": "Akten"},
            {"kind": "count", "text": "vier", "value": 5, "counted": "Bezirke"},
            {"kind": "count", "text": "vier", "value": 5, "counted": "Bezirke"},
            {"kind": "count", "text": "anderthalb Tage", "value": 1.5, "counted": "Tage"},
            {"kind": "count", "text": "zwölf", "value": 12},
            {"kind": "count", "text": "no value", "value": null, "counted": "x"},
            {"kind": "count", "text": "1e16 Dinge", "value": 1e16, "counted": "Dinge"},
            {"kind": "issue", "text": "a", "category": "facilities"},
            {"kind": "issue", "text": "b", "category": "staffing"},
            {"kind": "issue", "text": "c", "category": "funding"},
            {"kind": "issue", "text": "d", "category": "funding"}
        ]}),
        serde_json::json!({"id": "2", "lang": "en", "entities": []}),
        serde_json::json!({"id": "t4", "lang": "fr", "entities": [{"kind": "count", "text": "3 communes", "value": 3, "counted": "communes d'Ha'Noi"}]}),
        serde_json::json!({"id": "extra", "lang": "fr", "entities": []}),
    ];
    let g: Vec<String> = gold.iter().map(|v| v.to_string()).collect();
    let p: Vec<String> = pred.iter().map(|v| v.to_string()).collect();
    (g.join("\n") + "\n", p.join("\n") + "\n")
}

#[test]
fn the_library_scores_corner_cases() {
    let (gold, pred) = tricky();
    let dir = std::env::temp_dir().join(format!("civic-test-{}-tricky-lib", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let gold_path = dir.join("gold.jsonl");
    std::fs::write(&gold_path, &gold).unwrap();
    let gold = eval::load_gold(&[&gold_path]).unwrap();
    assert_eq!(gold.len(), 4, "the line without gold is skipped");
    assert_eq!(gold[1].id, "2");
    let preds = eval::parse_predictions(&pred).unwrap();
    let report = eval::score_values(&gold, &preds);
    assert_eq!(report.docs(), 4);
    assert_eq!(report.missing(), 1);
    let official = report.tally("official").unwrap();
    assert_eq!((official.tp, official.fp, official.fn_), (1, 1, 1));
    let unit = report.tally("unit").unwrap();
    assert_eq!((unit.tp, unit.fp, unit.fn_), (1, 1, 2));
    let count = report.tally("count").unwrap();
    // 6600 found (twice), 12 found (empty stem), 4 missed, 3 found; wrong: (5.0, bezirke) once,
    // (None, no value), (1e16, dinge)
    assert_eq!((count.tp, count.fp, count.fn_), (3, 3, 1));
    let issue = report.tally("issue").unwrap();
    assert_eq!((issue.tp, issue.fp, issue.fn_), (1, 1, 1));
    let summary: serde_json::Value = serde_json::from_str(&report.summary_json()).unwrap();
    assert_eq!(summary["lang_acc"], serde_json::json!(0.5));
    assert!(
        report.explain().contains("t3:\n  (no prediction for this document)\n"),
        "{}",
        report.explain()
    );
    assert!(
        report.explain().contains("2:\n  lang: gold vi predicted en\n"),
        "{}",
        report.explain()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(feature = "cli")]
#[test]
fn civic_eval_equals_score_py_on_corner_cases() {
    let (gold, pred) = tricky();
    let dir = crate::cli::TempDir::new("tricky");
    let gold_path = dir.join("gold.jsonl");
    let pred_path = dir.join("pred.jsonl");
    std::fs::write(&gold_path, gold).unwrap();
    std::fs::write(&pred_path, pred).unwrap();
    let (g, p) = (gold_path.to_str().unwrap(), pred_path.to_str().unwrap());
    for flags in [&["--explain"][..], &[], &["--json"]] {
        let mut py_args = vec!["score", g, "--pred", p];
        py_args.extend_from_slice(flags);
        let Some(py) = score_py(&py_args) else { return };
        let mut rs_args = vec!["eval", g, "--pred", p];
        rs_args.extend_from_slice(flags);
        assert_eq!(civic(&rs_args), py, "civic eval {flags:?} (left) and score.py (right)");
    }
}

/// `fold` agrees with score.py's on names with every kind of mark, case and space.
#[test]
fn fold_equals_score_py() {
    let samples = [
        "Đặng Văn  Thương",
        "„Straße“ (Nord)",
        "  Quảng\u{a0}Ninh\t\n",
        "ΟΔΟΣ ΣΟΦΟΣ",
        "İstanbul",
        "tiếng Việt – ‘x’ «y»",
        "Ǆemal ǅ",
        "a\u{1c}b\u{1f}c\u{85}d\u{2028}e",
        "क़िला किताब",
        "e\u{301}\u{20dd}\u{488}",
        "...Hà Nội...,",
        "",
        "Ⅻ ﬁ ẞ",
    ];
    let script = "import json,sys,importlib.util\n\
        spec=importlib.util.spec_from_file_location('score', sys.argv[1])\n\
        m=importlib.util.module_from_spec(spec); spec.loader.exec_module(m)\n\
        print(json.dumps([m.fold(s) for s in json.load(sys.stdin)]))";
    if !Path::new(SCORE_PY).exists() {
        println!("skipped: {SCORE_PY} is not there");
        return;
    }
    let mut child = match Command::new("python3")
        .args(["-c", script, SCORE_PY])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => {
            println!("skipped: python3 cannot be run: {e}");
            return;
        }
    };
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(serde_json::to_string(&samples).unwrap().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let py: Vec<String> = serde_json::from_slice(&out.stdout).unwrap();
    for (s, want) in samples.iter().zip(py) {
        assert_eq!(eval::fold(s), want, "fold({s:?})");
    }
}
