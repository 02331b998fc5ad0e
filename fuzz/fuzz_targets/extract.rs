//! Extraction never panics and its spans slice the text; with detection, the language is
//! the one `detect_language` gives. The first byte picks the language (0: detection, then
//! the built-in languages in order), the rest is the text.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;

static EXTRACTOR: LazyLock<civic::Extractor> = LazyLock::new(civic::Extractor::new);

fuzz_target!(|data: &[u8]| {
    let Some((&choice, rest)) = data.split_first() else {
        EXTRACTOR.extract("");
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let langs = EXTRACTOR.languages();
    let lang = match usize::from(choice) % (langs.len() + 1) {
        0 => None,
        i => Some(langs[i - 1]),
    };
    let doc = EXTRACTOR.extract_as(None, &text, lang);
    if lang.is_none() {
        assert_eq!(EXTRACTOR.detect_language(&text), doc.lang);
    }
    for e in &doc.entities {
        assert_eq!(&text[e.bytes.clone()], e.text);
        assert!(e.start <= e.end);
    }
});
