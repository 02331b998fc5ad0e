//! Replays the inputs kept under fuzz/regressions/ (crashes found by the fuzz targets in
//! fuzz/, and seeds): none may panic, spans must still slice the text, and the detected
//! language is the language of extraction.

use std::path::Path;

use civic::Extractor;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new("fuzz/regressions").join(target);
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    out.sort();
    out
}

/// The `extract` target reads its first byte as a language choice and the rest as text;
/// the replay tries detection and every language, whatever the byte says.
#[test]
fn fuzz_regressions_extract() {
    let ex = Extractor::new();
    let cases = inputs("extract");
    assert!(!cases.is_empty(), "fuzz/regressions/extract holds inputs");
    for (name, data) in cases {
        let text = String::from_utf8_lossy(data.get(1..).unwrap_or_default());
        let mut docs = vec![ex.extract(&text)];
        assert_eq!(ex.detect_language(&text), docs[0].lang, "{name}: detected language");
        for lang in ex.languages() {
            docs.push(ex.extract_as(None, &text, Some(lang)));
        }
        for doc in docs {
            for e in &doc.entities {
                assert_eq!(&text[e.bytes.clone()], e.text, "{name}: byte span of {e:?}");
                let by_chars: String = text.chars().skip(e.start).take(e.end - e.start).collect();
                assert_eq!(by_chars, e.text, "{name}: char span of {e:?}");
            }
        }
    }
}

/// The `numbers` target parses its input as a number phrase in every language.
#[test]
fn fuzz_regressions_numbers() {
    let cases = inputs("numbers");
    assert!(!cases.is_empty(), "fuzz/regressions/numbers holds inputs");
    for (_, data) in cases {
        let text = String::from_utf8_lossy(&data);
        for lang in Extractor::builtin_languages() {
            let _ = civic::numbers::parse(&text, &lang);
        }
    }
}
