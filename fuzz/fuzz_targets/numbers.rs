//! Number parsing never panics, in any language.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;

static LANGS: LazyLock<Vec<String>> = LazyLock::new(civic::Extractor::builtin_languages);

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for lang in LANGS.iter() {
        let _ = civic::numbers::parse(&text, lang);
    }
});
