//! # civic
//!
//! civic reads news about government and local administration, in many languages, and pulls
//! out what analysts count:
//!
//! - **officials**: a person and the offices the text gives them,
//! - **administrative units**: provinces, wards, communes, villages,
//! - **counts**: cardinal numbers with the thing counted ("fast 6.600 Akten"),
//! - **issue categories**: the problems an article raises (staff shortages, roads, ...).
//!
//! ## Usage
//!
//! ```
//! use civic::{Extractor, EntityKind};
//!
//! let extractor = Extractor::new(); // build once, share everywhere
//! let doc = extractor.extract(
//!     "Genosse Hoang Van Nghiem, Sekretär des Provinzparteiausschusses, arbeitete mit vier \
//!      Bezirken: Dong Kinh, Ky Lua, Tam Thanh und Luong Van Tri.",
//! );
//! assert_eq!(doc.lang, "de");
//! let units: Vec<_> = doc.of_kind(EntityKind::Unit).map(|e| e.name.clone().unwrap()).collect();
//! assert_eq!(units, ["Dong Kinh", "Ky Lua", "Tam Thanh", "Luong Van Tri"]);
//! let count = doc.of_kind(EntityKind::Count).next().unwrap();
//! assert_eq!(count.value, Some(civic::Number::Int(4)));
//! ```
//!
//! ## The pipeline
//! Each text is processed once: NFC normalisation ([`text`](crate) module, offsets mapped back to
//! the input), language detection (script, Vietnamese cues for text with and without
//! diacritics, a vote of frequent function words, whatlang when the vote is weak; overridable),
//! segmentation by the word boundaries of UAX #29, a lexicon lookup over the folded text (a
//! byte trie walked from word starts, an Aho-Corasick automaton for entries inside words), then
//! the recognisers (units, officials, counts, issues) working on tokens and lexicon hits.
//!
//! ## Languages are data
//! Every language is a folder of TSV lexicons under `corpus/lexicons/<code>/`, compiled into the
//! binary and extendable at run time ([`ExtractorBuilder::lexicon_file`],
//! [`ExtractorBuilder::lexicon_dir`]). See `docs/LEXICONS.md`.
//!
//! ## Offsets
//! [`Entity::start`] and [`Entity::end`] are code-point offsets (as in the JSON output and in
//! Python); [`Entity::bytes`] is the byte range into the input `&str`.
//!
//! ## Untrusted input
//! Extraction never panics and never fails: any `&str` gives a [`Document`]. Texts over 1 MiB
//! are processed in pieces cut at paragraph breaks, so memory stays bounded.

mod document;
mod error;
mod extractor;
mod hash;
mod lang;
mod lexicon;
pub mod numbers;
mod recognize;
mod text;

pub mod eval;

pub use document::{
    Document, Entity, EntityKind, IssueCategory, Number, Qualifier, Role, UnitType,
};
pub use error::BuildError;
pub use extractor::{Extractor, ExtractorBuilder, ExtractorConfig};
pub use lexicon::role_ids;
