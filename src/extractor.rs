//! The [`Extractor`]: built once, shared across threads, immutable while extracting.

use std::cell::Cell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::document::{Document, Entity, EntityKind};
use crate::error::BuildError;
use crate::lang::{self, Found, Pack, PackSource};
use crate::recognize::{self, Context};
use crate::text::{self, CharIndex, Prepared};

/// Texts longer than this are extracted in pieces cut at paragraph breaks, so that the
/// memory a document needs stays bounded.
const PIECE_BYTES: usize = 1 << 20;

/// The largest buffer (in bytes) that a thread keeps for the next document; those of
/// longer texts are dropped after use.
const KEEP_BYTES: usize = 1 << 20;

/// The buffers of the text preparation, the lexicon lookup and the recognisers' memory,
/// kept by a thread from one document to the next (allocating them anew for each document
/// costs more than the lookup of a short text's stop words).
#[derive(Default)]
struct Scratch {
    text: text::Buffers,
    lookup: Found,
    /// what the recognisers remember across the pieces of a document (empty between
    /// documents)
    memory: recognize::DocumentMemory,
}

impl Scratch {
    /// Readies the buffers for the next document: those of a long text are dropped, and
    /// what the recognisers remembered is forgotten (the tables are kept, unless large).
    fn recycle(&mut self) {
        self.text.trim(KEEP_BYTES);
        self.lookup.trim(KEEP_BYTES);
        let memory = &mut self.memory;
        memory.officials.clear();
        memory.unit_types.clear();
        if memory.officials.capacity() + memory.unit_types.capacity() > 4096 {
            *memory = recognize::DocumentMemory::default();
        }
    }
}

thread_local! {
    /// The buffers of the last document this thread extracted (taken while extracting).
    static SCRATCH: Cell<Option<Scratch>> = const { Cell::new(None) };
}

/// Extracts officials, units, counts and issues from texts.
///
/// Build it once ([`Extractor::new`] or [`Extractor::builder`]); it is `Send + Sync` and cheap
/// to share (clone is an `Arc` clone). Extraction never fails and never panics.
///
/// ```
/// let extractor = civic::Extractor::new();
/// let doc = extractor.extract(
///     "Genosse Hoang Van Nghiem, Sekretär des Provinzparteiausschusses, arbeitete mit vier Bezirken.",
/// );
/// let official = doc.entities.iter().find(|e| e.kind == civic::EntityKind::Official).unwrap();
/// assert_eq!(official.name.as_deref(), Some("Hoang Van Nghiem"));
/// assert_eq!(official.roles.as_ref().unwrap()[0].role, "party_secretary");
/// ```
#[derive(Clone)]
pub struct Extractor {
    inner: Arc<Inner>,
}

struct Inner {
    packs: Vec<Pack>,
    detector: lang::detect::Detector,
    forced: Option<usize>,
    config: ExtractorConfig,
}

/// The settings an [`Extractor`] was built from (used to rebuild it elsewhere, as the
/// Python bindings do when pickling).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExtractorConfig {
    /// Restrict detection to these languages (all built-in ones when empty).
    pub languages: Vec<String>,
    /// Force this language for every text.
    pub force_language: Option<String>,
    /// Extra lexicon files, per language.
    pub lexicon_files: Vec<(String, PathBuf)>,
    /// Extra language packs (folders with a meta.tsv).
    pub lexicon_dirs: Vec<PathBuf>,
}

impl Default for Extractor {
    fn default() -> Extractor {
        Extractor::new()
    }
}

impl std::fmt::Debug for Extractor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Extractor")
            .field("languages", &self.languages())
            .field("forced", &self.inner.forced.map(|i| &self.inner.packs[i].code))
            .finish()
    }
}

impl Extractor {
    /// An extractor for every built-in language, with language detection.
    ///
    /// # Panics
    /// Never in a released build: the built-in lexicons are checked by the test suite.
    pub fn new() -> Extractor {
        Extractor::builder().build().expect("the built-in lexicons are valid")
    }

    /// A builder to restrict or force languages and to load extra lexicons.
    ///
    /// ```
    /// let ex = civic::Extractor::builder().languages(["de", "en"]).build().unwrap();
    /// assert_eq!(ex.languages(), vec!["de", "en"]);
    /// ```
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }

    /// The ISO 639-1 codes of the built-in languages.
    pub fn builtin_languages() -> Vec<String> {
        let mut v: Vec<String> = lang::builtin_sources()
            .into_iter()
            .filter(|(_, s)| s.meta.contains_key("name"))
            .map(|(k, _)| k)
            .collect();
        v.sort();
        v
    }

    /// The languages this extractor knows, in order.
    pub fn languages(&self) -> Vec<&str> {
        self.inner.packs.iter().map(|p| p.code.as_str()).collect()
    }

    /// The configuration it was built from.
    pub fn config(&self) -> &ExtractorConfig {
        &self.inner.config
    }

    /// Extracts the entities of one text (no id).
    pub fn extract(&self, text: &str) -> Document {
        self.extract_with_id(None, text)
    }

    /// Extracts the entities of one text and gives the document an id.
    pub fn extract_with_id(&self, id: Option<String>, text: &str) -> Document {
        self.extract_as(id, text, None)
    }

    /// The language [`Extractor::extract`] gives `text` (an ISO 639-1 code): detection looks
    /// at the start of a text only, and only that start is prepared here. Bulk callers can
    /// group texts by language before extracting them with [`Extractor::extract_as`] (which
    /// then skips detection), so that each language's lexicons stay in the processor's caches.
    ///
    /// ```
    /// let ex = civic::Extractor::new();
    /// let text = "Die Gemeinde hat einen neuen Vorsitzenden und zwei Stellvertreter gewählt.";
    /// assert_eq!(ex.detect_language(text), "de");
    /// assert_eq!(ex.detect_language(text), ex.extract(text).lang);
    /// ```
    pub fn detect_language(&self, text: &str) -> &str {
        &self.inner.packs[self.language_of(text)].code
    }

    /// A quick guess of [`Extractor::detect_language`], for putting texts of one language
    /// next to one another before extracting them with `extract_as(id, text, None)` (which
    /// detects the language itself, on the text it prepares anyway): the guess reads the
    /// text's start as it is, where detection prepares it first. It agrees with detection
    /// on most texts; where it does not, a text is merely extracted out of its language's
    /// run, with the same result.
    ///
    /// ```
    /// let ex = civic::Extractor::new();
    /// let text = "Die Gemeinde hat einen neuen Vorsitzenden und zwei Stellvertreter gewählt.";
    /// assert_eq!(ex.guess_language(text), "de");
    /// ```
    pub fn guess_language(&self, text: &str) -> &str {
        let i = match self.inner.forced {
            Some(i) => i,
            None => lang::detect::guess(text, &self.inner.detector, &self.inner.packs),
        };
        &self.inner.packs[i].code
    }

    /// The pack [`Extractor::extract`] uses for `text` (see [`Extractor::detect_language`]).
    fn language_of(&self, text: &str) -> usize {
        if let Some(i) = self.inner.forced {
            return i;
        }
        let piece = if text.len() <= PIECE_BYTES { text } else { pieces(text)[0].1 };
        let mut scratch = SCRATCH.take().unwrap_or_default();
        // the start that detection reads, cut where it is prepared as in the whole piece; if
        // normalising shrank it below the sample, the whole piece
        let mut start = text::clean_cut(piece, lang::detect::SAMPLE_BYTES + 32)
            .map_or(piece, |cut| &piece[..cut]);
        let found = loop {
            let prep = Prepared::with_buffers(start, std::mem::take(&mut scratch.text));
            let short = prep.norm.len() < lang::detect::SAMPLE_BYTES && start.len() < piece.len();
            let found = (!short)
                .then(|| lang::detect::detect(&prep, &self.inner.detector, &self.inner.packs));
            scratch.text = prep.into_buffers();
            match found {
                Some(i) => break i,
                None => start = piece,
            }
        };
        scratch.recycle();
        SCRATCH.set(Some(scratch));
        found
    }

    /// Extracts with the language given (an ISO 639-1 code of a loaded language); an
    /// unknown code falls back to detection.
    pub fn extract_as(&self, id: Option<String>, text: &str, lang: Option<&str>) -> Document {
        let forced = lang
            .and_then(|l| self.inner.packs.iter().position(|p| p.code == l))
            .or(self.inner.forced);
        let mut entities = Vec::new();
        let mut lang_code = None;
        let mut scratch = SCRATCH.take().unwrap_or_default();
        let consumed_officials = &mut scratch.memory;
        for (offset, piece) in pieces(text) {
            let prep = Prepared::with_buffers(piece, std::mem::take(&mut scratch.text));
            let pack_idx = match forced {
                Some(i) => i,
                None => match lang_code {
                    Some(i) => i,
                    None => lang::detect::detect(&prep, &self.inner.detector, &self.inner.packs),
                },
            };
            lang_code.get_or_insert(pack_idx);
            let pack = &self.inner.packs[pack_idx];
            let strict = pack.code == "vi" && lang::detect::has_vietnamese_diacritics(&prep);
            let lookup = &mut scratch.lookup;
            pack.find_into(&prep, strict, lookup);
            let ctx = Context { p: &prep, pack, hits: &lookup.hits, flags: &lookup.flags, strict };
            let mut found = recognize::run(&ctx, consumed_officials);
            for e in &mut found {
                let (s, en) = prep.to_input(e.bytes.start, e.bytes.end);
                e.bytes = offset + s..offset + en;
            }
            if entities.is_empty() {
                entities = found;
            } else {
                entities.extend(found);
            }
            scratch.text = prep.into_buffers();
        }
        scratch.recycle();
        SCRATCH.set(Some(scratch));
        sort_entities(&mut entities);
        // one pass over the text for the starts (in order); an end is its start plus the
        // characters of the mention
        let mut index = CharIndex::new(text);
        for e in &mut entities {
            let mention = &text[e.bytes.clone()];
            e.start = index.chars_at(e.bytes.start);
            e.end = e.start + count_chars(mention.as_bytes());
            e.text = mention.to_string();
        }
        // `pieces` yields at least one piece, so the language is always set
        let lang = self.inner.packs[lang_code.unwrap_or(0)].code.clone();
        Document { id, lang, entities, text: text.to_string() }
    }

    /// Extracts many texts in parallel on the current rayon pool; output order is input order.
    /// The texts are extracted grouped by language (see [`Extractor::extract_many`]).
    ///
    /// ```
    /// let ex = civic::Extractor::new();
    /// let docs = ex.extract_batch(&[
    ///     "Die Gemeinde Na Sam hat einen neuen Vorsitzenden gewählt.",
    ///     "The People's Committee of Lang Son province met the communes on Monday.",
    /// ]);
    /// assert_eq!(docs.len(), 2);
    /// assert_eq!(docs[1].lang, "en");
    /// ```
    pub fn extract_batch<T: AsRef<str> + Sync>(&self, texts: &[T]) -> Vec<Document> {
        self.extract_grouped(texts.len(), |i| (None, texts[i].as_ref()), None)
    }

    /// Like [`Extractor::extract_batch`] for (id, text) pairs.
    pub fn extract_batch_with_ids<I: AsRef<str> + Sync, T: AsRef<str> + Sync>(
        &self,
        docs: &[(I, T)],
    ) -> Vec<Document> {
        self.extract_grouped(docs.len(), |i| (Some(docs[i].0.as_ref()), docs[i].1.as_ref()), None)
    }

    /// Extracts many documents, each an optional id and a text, in parallel on the current
    /// rayon pool, in the language `lang` if given (as [`Extractor::extract_as`]); output
    /// order is input order, and each document is what [`Extractor::extract_as`] gives it.
    ///
    /// The texts are extracted grouped by language ([`Extractor::guess_language`] first):
    /// while the documents of one language follow one another, its lexicons stay in the
    /// processor's caches, which makes a batch of mixed languages about a quarter faster.
    ///
    /// ```
    /// let ex = civic::Extractor::new();
    /// let docs = ex.extract_many(
    ///     &[(Some("a"), "Die Gemeinde hat gewählt."), (None, "The commune voted.")],
    ///     None,
    /// );
    /// assert_eq!(docs[0].id.as_deref(), Some("a"));
    /// assert_eq!((docs[0].lang.as_str(), docs[1].lang.as_str()), ("de", "en"));
    /// ```
    pub fn extract_many<I: AsRef<str> + Sync, T: AsRef<str> + Sync>(
        &self,
        docs: &[(Option<I>, T)],
        lang: Option<&str>,
    ) -> Vec<Document> {
        let doc = |i: usize| (docs[i].0.as_ref().map(AsRef::as_ref), docs[i].1.as_ref());
        self.extract_grouped(docs.len(), doc, lang)
    }

    /// Extracts documents `0..n` (`doc(i)` gives the id and text of document `i`) in
    /// parallel, grouped by language; returns them in order.
    fn extract_grouped<'a>(
        &self,
        n: usize,
        doc: impl Fn(usize) -> (Option<&'a str>, &'a str) + Sync,
        lang: Option<&str>,
    ) -> Vec<Document> {
        let known = lang.filter(|l| self.inner.packs.iter().any(|p| p.code == *l));
        // a known language for every text, else a guess to group them by (extraction then
        // detects the language on the text it prepares)
        let mut order: Vec<(usize, &str)> = (0..n)
            .into_par_iter()
            .map(|i| (i, known.unwrap_or_else(|| self.guess_language(doc(i).1))))
            .collect();
        order.sort_by_key(|&(_, lang)| lang);
        let mut docs: Vec<(usize, Document)> = order
            .into_par_iter()
            .map(|(i, _)| {
                let (id, text) = doc(i);
                (i, self.extract_as(id.map(str::to_string), text, known))
            })
            .collect();
        docs.sort_unstable_by_key(|&(i, _)| i);
        docs.into_iter().map(|(_, d)| d).collect()
    }

    /// Parses a number phrase in language `lang` (see [`crate::numbers::parse`]).
    pub fn parse_number(&self, text: &str, lang: &str) -> Option<f64> {
        self.parse_number_locale(text, lang, None)
    }

    /// Parses a number phrase in language `lang` with the digit conventions of a regional
    /// `locale` such as `es_MX` (see [`crate::numbers::parse_locale`]).
    pub fn parse_number_locale(&self, text: &str, lang: &str, locale: Option<&str>) -> Option<f64> {
        self.with_numbers(text, lang, locale, recognize::counts::parse_whole)
    }

    /// The first number in `text` (see [`crate::numbers::find_first`]).
    pub fn first_number(&self, text: &str, lang: &str) -> Option<f64> {
        self.with_numbers(text, lang, None, recognize::counts::find_first)
    }

    fn with_numbers(
        &self,
        text: &str,
        lang: &str,
        locale: Option<&str>,
        f: impl FnOnce(&Context<'_>, &crate::numbers::Seps) -> Option<f64>,
    ) -> Option<f64> {
        let pack = self.inner.packs.iter().find(|p| p.code == lang)?;
        let prep = Prepared::new(text);
        let strict = pack.code == "vi" && lang::detect::has_vietnamese_diacritics(&prep);
        let found = pack.find(&prep, strict);
        let ctx = Context { p: &prep, pack, hits: &found.hits, flags: &found.flags, strict };
        let seps = locale.and_then(|l| pack.numbers.region(l)).unwrap_or(pack.numbers.seps());
        f(&ctx, seps)
    }
}

/// Sorts entities by (start, kind, end), stably: small keys are sorted and the entities
/// moved once into their places (an entity is large, and a sort would move it many times).
fn sort_entities(entities: &mut Vec<Entity>) {
    // (start, kind, end, position): the position makes the unstable sort a stable one
    let mut keys: Vec<(usize, EntityKind, usize, usize)> =
        entities.iter().enumerate().map(|(i, e)| (e.bytes.start, e.kind, e.bytes.end, i)).collect();
    if keys.is_sorted() {
        return;
    }
    keys.sort_unstable();
    // entity keys[k].3 goes to place k: taken out of its slot and moved to the end (a swap
    // would move two entities, each three times)
    let mut slots: Vec<Option<Entity>> = std::mem::take(entities).into_iter().map(Some).collect();
    entities.reserve_exact(slots.len());
    entities.extend(keys.iter().filter_map(|k| slots[k.3].take()));
}

/// The number of characters of UTF-8 `bytes`: the bytes that are no continuation bytes
/// (`0b10xx_xxxx`), counted eight at a time (cheaper than `str::chars().count()` on the
/// short spans between entities).
fn count_chars(bytes: &[u8]) -> usize {
    const LOW: u64 = 0x0101_0101_0101_0101;
    let mut chunks = bytes.chunks_exact(8);
    let mut continuation = 0;
    for chunk in &mut chunks {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        // bit 0 of each byte: bit 7 set and bit 6 clear
        let marks = (w >> 7) & !(w >> 6) & LOW;
        // the sum of the eight bytes (at most 8) in the top byte
        continuation += (marks.wrapping_mul(LOW) >> 56) as usize;
    }
    continuation += chunks.remainder().iter().filter(|&&b| (b as i8) < -0x40).count();
    bytes.len() - continuation
}

/// Cuts a long text into pieces at paragraph (or line, or sentence) breaks.
fn pieces(text: &str) -> Vec<(usize, &str)> {
    if text.len() <= PIECE_BYTES {
        return vec![(0, text)];
    }
    let mut out = Vec::new();
    let mut start = 0;
    while text.len() - start > PIECE_BYTES {
        let mut limit = start + PIECE_BYTES;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let window = &text[start..limit];
        let cut = window
            .rfind("\n\n")
            .or_else(|| window.rfind('\n'))
            .or_else(|| window.rfind(". "))
            .or_else(|| window.rfind(' '))
            .map(|i| start + i + 1)
            .filter(|&c| c > start + PIECE_BYTES / 2)
            .unwrap_or(limit);
        out.push((start, &text[start..cut]));
        start = cut;
    }
    out.push((start, &text[start..]));
    out
}

/// Builds an [`Extractor`]: restrict or force languages, add lexicon files or packs.
#[derive(Debug, Clone, Default)]
pub struct ExtractorBuilder {
    config: ExtractorConfig,
}

impl ExtractorBuilder {
    /// Restricts detection to these languages (ISO 639-1 codes).
    pub fn languages<I, S>(mut self, codes: I) -> ExtractorBuilder
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.config.languages = codes.into_iter().map(|s| s.as_ref().to_string()).collect();
        self
    }

    /// Uses this language for every text instead of detecting it.
    pub fn force_language(mut self, code: impl AsRef<str>) -> ExtractorBuilder {
        self.config.force_language = Some(code.as_ref().to_string());
        self
    }

    /// Adds a lexicon file (the TSV format of `corpus/lexicons/`) to language `lang`.
    ///
    /// ```
    /// # let dir = std::env::temp_dir().join("civic-doc-lexicon");
    /// # std::fs::create_dir_all(&dir).unwrap();
    /// let path = dir.join("extra.tsv");
    /// std::fs::write(&path, "Weiler\tunit=village\tbefore\n").unwrap();
    /// let ex = civic::Extractor::builder().lexicon_file("de", &path).build().unwrap();
    /// let doc = ex.extract("Der Bürgermeister besuchte den Weiler Ban Chang in der Gemeinde Na Sam.");
    /// assert!(doc.entities.iter().any(|e| e.name.as_deref() == Some("Ban Chang")));
    /// ```
    pub fn lexicon_file(
        mut self,
        lang: impl AsRef<str>,
        path: impl AsRef<Path>,
    ) -> ExtractorBuilder {
        self.config.lexicon_files.push((lang.as_ref().to_string(), path.as_ref().to_path_buf()));
        self
    }

    /// Adds a whole language pack from a folder (a `meta.tsv` and lexicon files), for a
    /// language that is not built in or to replace a built-in one.
    pub fn lexicon_dir(mut self, path: impl AsRef<Path>) -> ExtractorBuilder {
        self.config.lexicon_dirs.push(path.as_ref().to_path_buf());
        self
    }

    /// Builds the extractor from a configuration.
    pub fn from_config(config: ExtractorConfig) -> ExtractorBuilder {
        ExtractorBuilder { config }
    }

    /// Builds the extractor: compiles every enabled language pack.
    ///
    /// # Errors
    /// An unknown language code, an unreadable lexicon file or an invalid lexicon line.
    pub fn build(self) -> Result<Extractor, BuildError> {
        let mut sources = lang::builtin_sources();
        for dir in &self.config.lexicon_dirs {
            let src = read_pack_dir(dir)?;
            sources.insert(src.code.clone(), src);
        }
        let mut known: Vec<String> = sources
            .iter()
            .filter(|(_, s)| s.meta.contains_key("name"))
            .map(|(k, _)| k.clone())
            .collect();
        known.sort();
        let mut wanted: Vec<String> = if self.config.languages.is_empty() {
            known.clone()
        } else {
            self.config.languages.clone()
        };
        if let Some(f) = &self.config.force_language
            && !wanted.contains(f)
        {
            wanted.push(f.clone());
        }
        for w in &wanted {
            if !known.contains(w) {
                return Err(BuildError::unknown_language(w, known));
            }
        }
        for (l, _) in &self.config.lexicon_files {
            if !known.contains(l) {
                return Err(BuildError::unknown_language(l, known));
            }
        }
        let mut extra: HashMap<&str, Vec<(String, String)>> = HashMap::new();
        for (l, path) in &self.config.lexicon_files {
            let content =
                std::fs::read_to_string(path).map_err(|e| BuildError::io(path.clone(), &e))?;
            extra.entry(l.as_str()).or_default().push((path.display().to_string(), content));
        }
        let packs = wanted
            .iter()
            .map(|code| {
                Pack::build(&sources[code], &sources, extra.get(code.as_str()).map_or(&[], |v| v))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let forced = self
            .config
            .force_language
            .as_ref()
            .and_then(|f| packs.iter().position(|p| &p.code == f));
        let detector = lang::detect::Detector::new(&packs);
        Ok(Extractor { inner: Arc::new(Inner { packs, detector, forced, config: self.config }) })
    }
}

fn read_pack_dir(dir: &Path) -> Result<PackSource, BuildError> {
    let meta_path = dir.join("meta.tsv");
    let meta =
        std::fs::read_to_string(&meta_path).map_err(|e| BuildError::io(meta_path.clone(), &e))?;
    let meta = lang::parse_meta(&meta);
    let code = match meta.get("code") {
        Some(c) => c.clone(),
        None => dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
    };
    let mut files = Vec::new();
    let mut compose = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| BuildError::io(dir.to_path_buf(), &e))?;
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.extension().and_then(|e| e.to_str()) == Some("tsv")
            && p.file_name() != Some("meta.tsv".as_ref())
        {
            let content = std::fs::read_to_string(&p).map_err(|e| BuildError::io(p.clone(), &e))?;
            if p.file_name() == Some("compose.tsv".as_ref()) {
                compose.push((p.display().to_string(), content));
            } else {
                files.push((p.display().to_string(), content));
            }
        }
    }
    Ok(PackSource { code, meta, files, compose })
}

#[allow(dead_code)]
fn assert_traits() {
    fn is<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
    is::<Extractor>();
    is::<Document>();
    is::<Entity>();
    is::<BuildError>();
}
