//! Arbitrary text never breaks extraction: no panic, every span slices the text to the
//! entity's text (in characters and in bytes), and batches equal one-by-one extraction.

use std::sync::LazyLock;

use civic::{Document, Extractor};
use proptest::prelude::*;
use proptest::strategy::ValueTree;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

/// Words and phrases that wake the recognisers, in several languages and scripts.
const WORDS: &[&str] = &[
    "Gemeinde",
    "Gemeinden",
    "Bezirk",
    "Stadtbezirk",
    "Provinz",
    "Sekretär des Provinzparteikomitees",
    "Genosse",
    "Vorsitzender des Volkskomitees",
    "fast",
    "mehr als",
    "vier",
    "achtundzwanzig",
    "Akten",
    "Mangel an",
    "xã",
    "phường",
    "tỉnh",
    "Lạng Sơn",
    "Na Sầm",
    "đồng chí",
    "Bí thư Tỉnh ủy",
    "Chủ tịch UBND",
    "hơn",
    "gần",
    "sáu nghìn sáu trăm",
    "hồ sơ",
    "thiếu",
    "khó khăn",
    "cán bộ",
    "commune",
    "communes",
    "province",
    "ward",
    "Comrade",
    "Secretary of the Provincial Party Committee",
    "more than",
    "nearly",
    "twenty-one",
    "people",
    "shortage of",
    "roads",
    "camarade",
    "quatre-vingt-dix",
    "plus de",
    "près de",
    "camarada",
    "más de",
    "casi",
    "comunas",
    "товарищ",
    "провинции",
    "более",
    "六千六百",
    "人",
    "乡",
    "省",
    "Nr. 1",
    "2025–2030",
    "50%",
    "6.600",
    "6,600",
    "6 600",
    "1,8 million",
    "12.",
    "Dong Kinh",
    "Ky Lua",
    "Hoang Van Thu",
    "and",
    "und",
    "và",
    ",",
    ".",
    ":",
    ";",
    "(",
    ")",
    "–",
    "-",
    "„",
    "“",
    "\"",
    "'",
    "\n",
    "\n\n",
    "\t",
    " ",
    "  ",
    "\u{a0}",
    "\u{200b}",
    "\u{feff}",
    "ß",
    "İ",
    "ǅ",
    "Ω",
    "ﬁ",
    "e\u{301}",
    "\u{0}",
    "\r\n",
    "\u{2028}",
    "🙂",
    "👩‍👩‍👧",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(WORDS).prop_map(str::to_string),
        1 => any::<char>().prop_map(|c| c.to_string()),
        1 => (0x300u32..0x370).prop_map(|c| char::from_u32(c).unwrap().to_string()),
        1 => "[0-9]{1,3}([., ][0-9]{3}){0,3}",
        1 => "[A-Z][a-z]{1,6}",
        1 => "[\\p{Han}\\p{Cyrillic}\\p{Arabic}\\p{Devanagari}]{1,5}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::collection::vec((piece(), prop::sample::select(&["", " ", " ", "\n"][..])), 0..120)
            .prop_map(|v| v.into_iter().flat_map(|(p, s)| [p, s.to_string()]).collect()),
        1 => any::<String>(),
        1 => Just(String::new()),
    ]
}

/// Every entity's offsets slice the text to the entity's text.
fn check_spans(text: &str, doc: &Document) -> Result<(), TestCaseError> {
    prop_assert_eq!(&doc.text, text);
    let chars: Vec<char> = text.chars().collect();
    for e in &doc.entities {
        prop_assert!(
            e.start <= e.end && e.end <= chars.len(),
            "char span {}..{} of {}",
            e.start,
            e.end,
            chars.len()
        );
        let by_chars: String = chars[e.start..e.end].iter().collect();
        prop_assert_eq!(&by_chars, &e.text, "chars {}..{}", e.start, e.end);
        prop_assert!(e.bytes.start <= e.bytes.end && e.bytes.end <= text.len());
        prop_assert!(text.is_char_boundary(e.bytes.start) && text.is_char_boundary(e.bytes.end));
        prop_assert_eq!(&text[e.bytes.clone()], e.text.as_str());
    }
    serde_json::to_string(doc).expect("a Document serialises");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

    #[test]
    fn extract_never_panics_and_spans_slice_the_text(text in text()) {
        let doc = EXTRACTOR.extract(&text);
        check_spans(&text, &doc)?;
    }

    #[test]
    fn forced_languages_keep_spans(text in text(), lang in prop::sample::select(Extractor::builtin_languages())) {
        let doc = EXTRACTOR.extract_as(None, &text, Some(&lang));
        prop_assert_eq!(&doc.lang, &lang);
        check_spans(&text, &doc)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// `detect_language` prepares only the start of a text: it must agree with extraction,
    /// whatever the text (several texts joined, to reach past the start it reads).
    #[test]
    fn detected_language_is_the_language_extraction_gives(parts in prop::collection::vec(text(), 1..8)) {
        let text = parts.concat();
        let doc = EXTRACTOR.extract(&text);
        prop_assert_eq!(EXTRACTOR.detect_language(&text), doc.lang.as_str());
    }
}

/// The same on every gold text, starting at many places (so that the start detection reads
/// ends in every kind of spot: inside words, before spaces, in Han text).
#[test]
fn detected_language_is_the_language_extraction_gives_on_gold_texts() {
    let gold = civic::eval::load_gold(&["corpus/gold"]).expect("the gold corpus loads");
    let mut checked = 0;
    for g in &gold {
        let text = g.text.as_str();
        for from in (0..text.len()).step_by(97).filter(|&i| text.is_char_boundary(i)) {
            let t = &text[from..];
            assert_eq!(
                EXTRACTOR.detect_language(t),
                EXTRACTOR.extract(t).lang,
                "{} from byte {from}",
                g.id
            );
            checked += 1;
        }
    }
    assert!(checked > 1000, "only {checked} texts checked");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn batch_equals_one_by_one(texts in prop::collection::vec(text(), 0..12)) {
        let batch = EXTRACTOR.extract_batch(&texts);
        let one_by_one: Vec<Document> = texts.iter().map(|t| EXTRACTOR.extract(t)).collect();
        prop_assert_eq!(batch, one_by_one);
    }
}

/// A text over the 1 MiB piece size, with no paragraph breaks in places, keeps its spans.
#[test]
fn long_text_is_cut_into_pieces_with_spans_intact() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = text();
    let mut long = String::new();
    while long.len() < 2_500_000 {
        long.push_str(&strategy.new_tree(&mut runner).unwrap().current());
        long.push_str(if long.len() % 3 == 0 { "\n\n" } else { " " });
    }
    // a run without any break at all, straddling a piece boundary
    long.push_str(&"Gemeinde".repeat(200_000));
    let doc = EXTRACTOR.extract(&long);
    check_spans(&long, &doc).unwrap();
}

/// Batches group their texts by language: on gold texts of all languages interleaved, the
/// batch functions give what one-by-one extraction gives, in input order.
#[test]
fn batches_of_mixed_languages_equal_one_by_one() {
    let gold = civic::eval::load_gold(&["corpus/gold"]).expect("the gold corpus loads");
    // every 5th text first, and so on: languages interleaved
    let texts: Vec<&str> =
        (0..5).flat_map(|k| gold.iter().skip(k).step_by(5)).map(|g| g.text.as_str()).collect();
    let one_by_one: Vec<Document> = texts.iter().map(|t| EXTRACTOR.extract(t)).collect();
    assert_eq!(EXTRACTOR.extract_batch(&texts), one_by_one);
    let pairs: Vec<(Option<String>, &str)> =
        texts.iter().enumerate().map(|(i, t)| ((i % 3 > 0).then(|| format!("d{i}")), *t)).collect();
    let many = EXTRACTOR.extract_many(&pairs, None);
    for ((id, text), doc) in pairs.iter().zip(&many) {
        assert_eq!(doc, &EXTRACTOR.extract_as(id.clone(), text, None));
    }
    for lang in [Some("de"), Some("xx")] {
        let many = EXTRACTOR.extract_many(&pairs, lang);
        for ((id, text), doc) in pairs.iter().zip(&many) {
            assert_eq!(doc, &EXTRACTOR.extract_as(id.clone(), text, lang));
        }
    }
}
