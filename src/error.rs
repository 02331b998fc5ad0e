//! Errors raised while building an [`Extractor`](crate::Extractor).

use std::fmt;
use std::path::PathBuf;

/// Why an [`Extractor`](crate::Extractor) could not be built: an unknown language, a lexicon
/// file that cannot be read, or a lexicon line that cannot be parsed.
///
/// Extraction itself never fails; only construction does.
///
/// ```
/// let err = civic::Extractor::builder().languages(["xx"]).build().unwrap_err();
/// assert_eq!(err.language(), Some("xx"));
/// assert!(err.to_string().contains("unknown language"));
/// ```
#[derive(Debug, Clone)]
pub struct BuildError {
    kind: Kind,
}

#[derive(Debug, Clone)]
enum Kind {
    UnknownLanguage { code: String, known: Vec<String> },
    Io { path: PathBuf, message: String },
    Lexicon { source: String, line: usize, message: String },
}

impl BuildError {
    pub(crate) fn unknown_language(code: &str, known: Vec<String>) -> BuildError {
        BuildError { kind: Kind::UnknownLanguage { code: code.to_string(), known } }
    }

    pub(crate) fn io(path: PathBuf, err: &std::io::Error) -> BuildError {
        BuildError { kind: Kind::Io { path, message: err.to_string() } }
    }

    pub(crate) fn lexicon(source: &str, line: usize, message: impl Into<String>) -> BuildError {
        BuildError {
            kind: Kind::Lexicon { source: source.to_string(), line, message: message.into() },
        }
    }

    /// The language code that was not recognised, for an unknown-language error.
    pub fn language(&self) -> Option<&str> {
        match &self.kind {
            Kind::UnknownLanguage { code, .. } => Some(code),
            _ => None,
        }
    }

    /// The languages that are available, for an unknown-language error.
    pub fn known_languages(&self) -> &[String] {
        match &self.kind {
            Kind::UnknownLanguage { known, .. } => known,
            _ => &[],
        }
    }

    /// The file that could not be read, for an I/O error.
    pub fn path(&self) -> Option<&std::path::Path> {
        match &self.kind {
            Kind::Io { path, .. } => Some(path),
            _ => None,
        }
    }

    /// The 1-based line of a lexicon that could not be parsed.
    pub fn line(&self) -> Option<usize> {
        match &self.kind {
            Kind::Lexicon { line, .. } => Some(*line),
            _ => None,
        }
    }

    /// True when the error comes from reading a file (the Python bindings raise `OSError`).
    pub fn is_io(&self) -> bool {
        matches!(self.kind, Kind::Io { .. })
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::UnknownLanguage { code, known } => {
                write!(f, "unknown language {code:?}; supported: {}", known.join(", "))
            }
            Kind::Io { path, message } => write!(f, "cannot read {}: {message}", path.display()),
            Kind::Lexicon { source, line, message } => {
                write!(f, "lexicon {source}, line {line}: {message}")
            }
        }
    }
}

impl std::error::Error for BuildError {}
