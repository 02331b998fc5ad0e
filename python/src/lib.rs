//! Python bindings of civic (`civic._civic`): thin frozen wrappers around the Rust
//! [`civic::Extractor`] and [`civic::Document`].
//!
//! - Extraction runs with the interpreter released (`py.detach`), so Python threads run
//!   concurrently; batches run on a rayon thread pool per thread count (never the global pool),
//!   rebuilt after a `fork` (the pools are keyed by process id, and the Python package registers
//!   an `os.register_at_fork` handler that drops them in the child).
//! - Every class pickles by rebuilding from its settings or data (`__reduce__`), never from
//!   raw memory, so objects cross process boundaries (multiprocessing, Dask, Spark).
//! - `Document.to_dict()` is built from the serde JSON of the Rust document: the same JSON the
//!   command line prints (the output contract, `SCHEMA.md`).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, LazyLock, Mutex, OnceLock};

use pyo3::exceptions::{PyIndexError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyInt, PyList, PyString, PyTuple, PyType};

mod html;

/// The extractor behind `civic.extract`: every built-in language, built on first use.
static DEFAULT: LazyLock<civic::Extractor> = LazyLock::new(civic::Extractor::new);

fn default_extractor(_py: Python<'_>) -> &'static civic::Extractor {
    // Built while attached: a fork from another Python thread (which needs the interpreter)
    // then cannot happen in the middle of the build and leave the child waiting on it forever.
    &DEFAULT
}

// ---------------------------------------------------------------------------------------------
// Errors: the exception classes live in the Python package (civic/_errors.py) because
// `LexiconFileError` has two bases (`LexiconError` and `OSError`).

fn error_class<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    static ERRORS: PyOnceLock<Py<PyModule>> = PyOnceLock::new();
    let module =
        ERRORS.get_or_try_init(py, || Ok::<_, PyErr>(py.import("civic._errors")?.unbind()))?;
    module.bind(py).getattr(name)
}

fn unknown_language(py: Python<'_>, code: &str, known: &[String]) -> PyErr {
    let message = format!("unknown language {code:?}; supported: {}", known.join(", "));
    match error_class(py, "UnknownLanguageError")
        .and_then(|cls| cls.call1((message, code, known.to_vec())))
    {
        Ok(err) => PyErr::from_value(err),
        Err(e) => e,
    }
}

fn build_error(py: Python<'_>, err: &civic::BuildError) -> PyErr {
    if let Some(code) = err.language() {
        return unknown_language(py, code, err.known_languages());
    }
    let message = err.to_string();
    let made = if let Some(path) = err.path().filter(|_| err.is_io()) {
        // OSError(errno, strerror, filename): `except FileNotFoundError` does not catch it,
        // `except OSError` does, and `.filename` names the file.
        let errno = if path.exists() { 5 } else { 2 }; // EIO, ENOENT
        error_class(py, "LexiconFileError")
            .and_then(|cls| cls.call1((errno, message, path.display().to_string())))
    } else {
        error_class(py, "LexiconError").and_then(|cls| cls.call1((message, err.line())))
    };
    match made {
        Ok(e) => PyErr::from_value(e),
        Err(e) => e,
    }
}

/// The plain Python value (dicts, lists, strings, numbers, None) of what serialises to the JSON
/// of the output contract, built directly rather than through a JSON string and `json.loads`.
fn to_py<'py, T: serde::Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    pythonize::pythonize(py, value).map_err(|e| PyValueError::new_err(e.to_string()))
}

fn to_json<T: serde::Serialize>(value: &T) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// What `__reduce__` returns: the class and the arguments that rebuild the object.
type Reduced<'py, A> = (Bound<'py, PyType>, A);

// ---------------------------------------------------------------------------------------------
// Thread pools: one per thread count, built on first use, dropped (forgotten) after a fork.

struct Pools {
    pid: u32,
    by_threads: HashMap<usize, Arc<rayon::ThreadPool>>,
}

static POOLS: Mutex<Option<Pools>> = Mutex::new(None);

/// Forgets the pools of a parent process: their threads do not exist in a forked child, and
/// dropping them could wait on locks that those threads held at the fork.
fn forget_foreign_pools(pools: &mut Option<Pools>) {
    let pid = std::process::id();
    match pools {
        Some(p) if p.pid == pid => {}
        _ => {
            if let Some(old) = pools.take() {
                std::mem::forget(old);
            }
            *pools = Some(Pools { pid, by_threads: HashMap::new() });
        }
    }
}

/// The pool of `threads` threads of this process. Takes `Python` to be called only while
/// attached: the lock is then never held by another thread when Python forks.
fn pool(_py: Python<'_>, threads: usize) -> Result<Arc<rayon::ThreadPool>, String> {
    let mut guard = POOLS.lock().unwrap_or_else(|e| e.into_inner());
    forget_foreign_pools(&mut guard);
    let pools = guard.as_mut().expect("initialised above");
    if let Some(p) = pools.by_threads.get(&threads) {
        return Ok(p.clone());
    }
    let p = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("civic-{i}"))
        .build()
        .map_err(|e| e.to_string())?;
    let p = Arc::new(p);
    pools.by_threads.insert(threads, p.clone());
    Ok(p)
}

/// Called in the child after `os.fork()` (registered by the Python package): drops the
/// parent's pools, so a later `extract_many` builds fresh ones instead of waiting for threads
/// that do not exist.
#[pyfunction]
fn _after_fork() {
    let mut guard = match POOLS.try_lock() {
        Ok(g) => g,
        Err(std::sync::TryLockError::Poisoned(e)) => e.into_inner(),
        // Cannot happen when Python forks: `pool` holds the lock only while attached to the
        // interpreter, and so does the thread that calls `os.fork()`. Leave it if it does.
        Err(std::sync::TryLockError::WouldBlock) => return,
    };
    forget_foreign_pools(&mut guard);
}

fn default_threads() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}

/// Extracts a batch with the interpreter released, on a pool of `threads` threads.
fn run_batch(
    py: Python<'_>,
    extractor: &civic::Extractor,
    items: Vec<(Option<String>, PyBackedStr)>,
    lang: Option<&str>,
    threads: Option<usize>,
) -> PyResult<Vec<civic::Document>> {
    let threads = match threads {
        Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
        Some(n) => n,
        None => default_threads(),
    };
    if items.len() < 2 {
        return Ok(py.detach(|| {
            items.iter().map(|(id, text)| extractor.extract_as(id.clone(), text, lang)).collect()
        }));
    }
    // on a pool of one thread too: the texts are extracted grouped by language
    let pool = pool(py, threads)
        .map_err(|e| PyValueError::new_err(format!("cannot start threads: {e}")))?;
    Ok(py.detach(|| pool.install(|| extractor.extract_many(&items, lang))))
}

/// Reads the texts of `extract_many`: any iterable of `str` or of `(id, text)` pairs.
fn read_items(texts: &Bound<'_, PyAny>) -> PyResult<Vec<(Option<String>, PyBackedStr)>> {
    if texts.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "texts must be an iterable of str or of (id, text) pairs, not a single str",
        ));
    }
    let mut items = Vec::with_capacity(texts.len().unwrap_or(0));
    for (i, item) in texts.try_iter()?.enumerate() {
        let item = item?;
        if let Ok(s) = item.cast::<PyString>() {
            items.push((None, s.to_owned().try_into()?));
            continue;
        }
        let pair = match item.cast::<PyTuple>() {
            Ok(t) if t.len() == 2 => Some((t.get_item(0)?, t.get_item(1)?)),
            _ => match item.cast::<PyList>() {
                Ok(l) if l.len() == 2 => Some((l.get_item(0)?, l.get_item(1)?)),
                _ => None,
            },
        };
        let Some((id, text)) = pair else {
            return Err(PyTypeError::new_err(format!(
                "texts[{i}]: expected a str or an (id, text) pair, got {}",
                item.get_type().name()?
            )));
        };
        let id = read_id(&id).map_err(|_| {
            PyTypeError::new_err(format!("texts[{i}]: the id must be a str, an int or None"))
        })?;
        let text = text.cast_into::<PyString>().map_err(|e| {
            PyTypeError::new_err(format!(
                "texts[{i}]: the text must be a str, not {}",
                type_name(e.into_inner().as_any())
            ))
        })?;
        items.push((id, text.try_into()?));
    }
    Ok(items)
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into())
}

fn read_id(id: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
    if id.is_none() {
        Ok(None)
    } else if let Ok(s) = id.cast::<PyString>() {
        Ok(Some(s.extract::<String>()?))
    } else if id.is_instance_of::<PyInt>() {
        Ok(Some(id.str()?.extract::<String>()?))
    } else {
        Err(PyTypeError::new_err("the id must be a str, an int or None"))
    }
}

fn read_text(text: &Bound<'_, PyAny>) -> PyResult<PyBackedStr> {
    match text.cast::<PyString>() {
        Ok(s) => s.to_owned().try_into(),
        Err(_) => Err(PyTypeError::new_err(format!("text must be a str, not {}", type_name(text)))),
    }
}

fn check_lang(py: Python<'_>, extractor: &civic::Extractor, lang: Option<&str>) -> PyResult<()> {
    if let Some(l) = lang
        && !extractor.languages().contains(&l)
    {
        let known: Vec<String> = extractor.languages().iter().map(|s| s.to_string()).collect();
        return Err(unknown_language(py, l, &known));
    }
    Ok(())
}

fn wrap_docs(py: Python<'_>, docs: Vec<civic::Document>) -> PyResult<Bound<'_, PyList>> {
    let objs =
        docs.into_iter().map(|d| Py::new(py, Document::new(d))).collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, objs)
}

// ---------------------------------------------------------------------------------------------
// Extractor

/// Extra lexicons as given to the constructor, with absolute paths (so that a pickled
/// extractor rebuilds in a process with another working directory).
#[derive(Clone)]
enum Lexicons {
    None,
    Files(Vec<(String, PathBuf)>),
    Dirs(Vec<PathBuf>),
}

fn read_path(obj: &Bound<'_, PyAny>) -> PyResult<PathBuf> {
    let p: PathBuf = obj.extract().map_err(|_| {
        PyTypeError::new_err(format!(
            "a lexicon path must be a str or os.PathLike, not {}",
            type_name(obj)
        ))
    })?;
    Ok(std::path::absolute(&p).unwrap_or(p))
}

fn read_lexicons(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Lexicons> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(Lexicons::None);
    };
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut files = Vec::new();
        for (lang, paths) in d.iter() {
            let lang: String = lang.extract().map_err(|_| {
                PyTypeError::new_err("lexicons: the keys must be language codes (str)")
            })?;
            if paths.is_instance_of::<PyList>() || paths.is_instance_of::<PyTuple>() {
                for p in paths.try_iter()? {
                    files.push((lang.clone(), read_path(&p?)?));
                }
            } else {
                files.push((lang, read_path(&paths)?));
            }
        }
        return Ok(Lexicons::Files(files));
    }
    if obj.is_instance_of::<PyString>() || obj.hasattr("__fspath__")? {
        return Ok(Lexicons::Dirs(vec![read_path(obj)?]));
    }
    let mut dirs = Vec::new();
    for p in obj.try_iter().map_err(|_| {
        PyTypeError::new_err(
            "lexicons must be a dict {lang: path or [paths]} or a list of pack folders",
        )
    })? {
        dirs.push(read_path(&p?)?);
    }
    Ok(Lexicons::Dirs(dirs))
}

/// Extracts officials, administrative units, counts and issues from texts.
///
/// `Extractor(languages=None, lang=None, lexicons=None)`: `languages` restricts detection,
/// `lang` forces one language, `lexicons` adds lexicon files (`{lang: path or [paths]}`) or
/// whole language packs (a list of folders). Build it once and share it: it is immutable and
/// thread-safe.
#[pyclass(module = "civic._civic", frozen)]
struct Extractor {
    inner: civic::Extractor,
    languages: Option<Vec<String>>,
    lang: Option<String>,
    lexicons: Lexicons,
}

#[pymethods]
impl Extractor {
    #[new]
    #[pyo3(signature = (languages=None, lang=None, lexicons=None))]
    fn py_new(
        py: Python<'_>,
        languages: Option<&Bound<'_, PyAny>>,
        lang: Option<&Bound<'_, PyAny>>,
        lexicons: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Extractor> {
        let languages: Option<Vec<String>> = match languages.filter(|l| !l.is_none()) {
            None => None,
            Some(l) if l.is_instance_of::<PyString>() => Some(vec![l.extract()?]),
            Some(l) => Some(
                l.try_iter()
                    .and_then(|it| it.map(|x| x?.extract::<String>()).collect::<PyResult<Vec<_>>>())
                    .map_err(|_| {
                        PyTypeError::new_err("languages must be a list of language codes (str)")
                    })?,
            ),
        };
        let lang: Option<String> = match lang.filter(|l| !l.is_none()) {
            None => None,
            Some(l) => Some(
                l.extract()
                    .map_err(|_| PyTypeError::new_err("lang must be a language code (str)"))?,
            ),
        };
        let lexicons = read_lexicons(lexicons)?;
        let mut builder = civic::Extractor::builder();
        if let Some(l) = &languages {
            builder = builder.languages(l);
        }
        if let Some(l) = &lang {
            builder = builder.force_language(l);
        }
        match &lexicons {
            Lexicons::None => {}
            Lexicons::Files(files) => {
                for (l, p) in files {
                    builder = builder.lexicon_file(l, p);
                }
            }
            Lexicons::Dirs(dirs) => {
                for d in dirs {
                    builder = builder.lexicon_dir(d);
                }
            }
        }
        let inner = py.detach(|| builder.build()).map_err(|e| build_error(py, &e))?;
        Ok(Extractor { inner, languages, lang, lexicons })
    }

    /// The languages this extractor knows (ISO 639-1 codes).
    #[getter]
    fn languages(&self) -> Vec<String> {
        self.inner.languages().iter().map(|s| s.to_string()).collect()
    }

    /// The language forced for every text, or None (detected per text).
    #[getter]
    fn lang(&self) -> Option<String> {
        self.lang.clone()
    }

    /// The extra lexicons, as given (absolute paths): a dict, a list of folders, or None.
    #[getter]
    fn lexicons<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(match &self.lexicons {
            Lexicons::None => py.None().into_bound(py),
            Lexicons::Files(files) => {
                let d = PyDict::new(py);
                for (l, p) in files {
                    let list = match d.get_item(l)? {
                        Some(list) => list.cast_into::<PyList>()?,
                        None => {
                            let list = PyList::empty(py);
                            d.set_item(l, &list)?;
                            list
                        }
                    };
                    list.append(p.display().to_string())?;
                }
                d.into_any()
            }
            Lexicons::Dirs(dirs) => {
                PyList::new(py, dirs.iter().map(|p| p.display().to_string()))?.into_any()
            }
        })
    }

    /// Extracts the entities of one text. `lang` overrides detection for this text.
    #[pyo3(signature = (text, id=None, lang=None))]
    fn extract(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        id: Option<&Bound<'_, PyAny>>,
        lang: Option<&str>,
    ) -> PyResult<Document> {
        let text = read_text(text)?;
        let id = match id {
            Some(i) => read_id(i)?,
            None => None,
        };
        check_lang(py, &self.inner, lang)?;
        let doc = py.detach(|| self.inner.extract_as(id, &text, lang));
        Ok(Document::new(doc))
    }

    /// The language `extract` gives `text` (an ISO 639-1 code), decided on its start as there.
    fn detect_language(&self, py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<String> {
        let text = read_text(text)?;
        Ok(py.detach(|| self.inner.detect_language(&text).to_string()))
    }

    /// Extracts many texts in parallel, with the interpreter released; the output order is the
    /// input order. `texts`: any iterable of `str` or of `(id, text)` pairs. `threads`: the
    /// number of worker threads (default: the number of CPUs).
    #[pyo3(signature = (texts, threads=None, lang=None))]
    fn extract_many<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<usize>,
        lang: Option<&str>,
    ) -> PyResult<Bound<'py, PyList>> {
        check_lang(py, &self.inner, lang)?;
        let items = read_items(texts)?;
        let docs = run_batch(py, &self.inner, items, lang, threads)?;
        wrap_docs(py, docs)
    }

    /// Parses a number phrase ("quatre-vingt-dix", "6.600", "2.6 million") in language `lang`.
    fn parse_number(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        lang: &str,
    ) -> PyResult<Py<PyAny>> {
        let text = read_text(text)?;
        check_lang(py, &self.inner, Some(lang))?;
        number_to_py(py, self.inner.parse_number(&text, lang).map(civic::Number::from_f64))
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Reduced<'py, Bound<'py, PyTuple>>> {
        let py = slf.py();
        let me = slf.get();
        let args = PyTuple::new(
            py,
            [
                me.languages.clone().into_pyobject(py)?.into_any(),
                me.lang.clone().into_pyobject(py)?.into_any(),
                me.lexicons(py)?,
            ],
        )?;
        Ok((slf.get_type(), args))
    }

    fn __repr__(&self) -> String {
        let mut s = format!("Extractor(languages={:?}", self.inner.languages());
        if let Some(l) = &self.lang {
            s.push_str(&format!(", lang={l:?}"));
        }
        if !matches!(self.lexicons, Lexicons::None) {
            s.push_str(", lexicons=...");
        }
        s.push(')');
        s.replace('"', "'")
    }
}

fn number_to_py(py: Python<'_>, n: Option<civic::Number>) -> PyResult<Py<PyAny>> {
    Ok(match n {
        None => py.None(),
        Some(civic::Number::Int(i)) => i.into_pyobject(py)?.into_any().unbind(),
        Some(civic::Number::Float(f)) => f.into_pyobject(py)?.into_any().unbind(),
    })
}

// ---------------------------------------------------------------------------------------------
// Document, Entity, Role

/// One analysed text: `id`, `lang`, `text` and the `entities` found in it, in text order.
///
/// `to_dict()` gives the JSON object of the output contract (the same as the command line);
/// in a notebook a document renders itself with its entities highlighted.
#[pyclass(module = "civic._civic", frozen, sequence)]
struct Document {
    inner: Arc<civic::Document>,
    entities: OnceLock<Vec<Py<Entity>>>,
}

impl Document {
    fn new(doc: civic::Document) -> Document {
        Document { inner: Arc::new(doc), entities: OnceLock::new() }
    }

    fn entity_objects(&self, py: Python<'_>) -> PyResult<&Vec<Py<Entity>>> {
        if let Some(v) = self.entities.get() {
            return Ok(v);
        }
        let v = self
            .inner
            .entities
            .iter()
            .map(|e| Py::new(py, Entity { inner: e.clone() }))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(self.entities.get_or_init(|| v))
    }

    fn of_kind<'py>(
        &self,
        py: Python<'py>,
        kind: civic::EntityKind,
    ) -> PyResult<Bound<'py, PyList>> {
        let all = self.entity_objects(py)?;
        PyList::new(
            py,
            all.iter()
                .zip(&self.inner.entities)
                .filter(|(_, e)| e.kind == kind)
                .map(|(o, _)| o.clone_ref(py)),
        )
    }
}

#[pymethods]
impl Document {
    /// `Document(text, lang, entities=(), id=None)`: a document from its parts (entities as
    /// `Entity` objects or as the dicts of `Entity.to_dict()`), e.g. to load the command line's
    /// JSON output: `Document(text, **json_object)`.
    #[new]
    #[pyo3(signature = (text, lang, entities=None, id=None))]
    fn py_new(
        text: &Bound<'_, PyAny>,
        lang: String,
        entities: Option<&Bound<'_, PyAny>>,
        id: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Document> {
        let text = read_text(text)?.to_string();
        let id = match id {
            Some(i) => read_id(i)?,
            None => None,
        };
        let mut list = Vec::new();
        if let Some(entities) = entities.filter(|e| !e.is_none()) {
            for (i, e) in entities.try_iter()?.enumerate() {
                let e = e?;
                let entity = if let Ok(ent) = e.cast::<Entity>() {
                    ent.get().inner.clone()
                } else if let Ok(d) = e.cast::<PyDict>() {
                    entity_from_kwargs(d)?
                } else {
                    return Err(PyTypeError::new_err(format!(
                        "entities[{i}]: expected an Entity or a dict, got {}",
                        type_name(&e)
                    )));
                };
                list.push(entity);
            }
        }
        // Byte ranges from the code-point offsets.
        let mut bounds: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bounds.push(text.len());
        for (i, e) in list.iter_mut().enumerate() {
            if e.start > e.end || e.end >= bounds.len() {
                return Err(PyValueError::new_err(format!(
                    "entities[{i}]: offsets {}..{} are outside the text ({} characters)",
                    e.start,
                    e.end,
                    bounds.len() - 1
                )));
            }
            e.bytes = bounds[e.start]..bounds[e.end];
        }
        Ok(Document::new(civic::Document { id, lang, entities: list, text }))
    }

    /// The caller's id, or None.
    #[getter]
    fn id(&self) -> Option<&str> {
        self.inner.id.as_deref()
    }

    /// ISO 639-1 code of the detected or forced language.
    #[getter]
    fn lang(&self) -> &str {
        &self.inner.lang
    }

    /// The input text; entity offsets index into it (`text[e.start:e.end] == e.text`).
    #[getter]
    fn text(&self) -> &str {
        &self.inner.text
    }

    /// Every entity, in text order.
    #[getter]
    fn entities<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.entity_objects(py)?.iter().map(|e| e.clone_ref(py)))
    }

    /// The `official` entities.
    #[getter]
    fn officials<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        self.of_kind(py, civic::EntityKind::Official)
    }

    /// The `unit` entities.
    #[getter]
    fn units<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        self.of_kind(py, civic::EntityKind::Unit)
    }

    /// The `count` entities.
    #[getter]
    fn counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        self.of_kind(py, civic::EntityKind::Count)
    }

    /// The `issue` entities.
    #[getter]
    fn issues<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        self.of_kind(py, civic::EntityKind::Issue)
    }

    /// The JSON object of the output contract: `{"id", "lang", "entities": [...]}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &*self.inner)
    }

    /// The JSON of the output contract as a string (one line, as the command line prints it).
    fn to_json(&self) -> PyResult<String> {
        to_json(&*self.inner)
    }

    /// The text as HTML with the entities highlighted by kind (a `<div>`).
    fn to_html(&self) -> String {
        html::render(&self.inner)
    }

    fn _repr_html_(&self) -> String {
        html::render(&self.inner)
    }

    fn __len__(&self) -> usize {
        self.inner.entities.len()
    }

    fn __getitem__(&self, py: Python<'_>, index: isize) -> PyResult<Py<Entity>> {
        let all = self.entity_objects(py)?;
        let i = if index < 0 { index + all.len() as isize } else { index };
        if i < 0 || i as usize >= all.len() {
            return Err(PyIndexError::new_err("entity index out of range"));
        }
        Ok(all[i as usize].clone_ref(py))
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(self.entities(py)?.try_iter()?.into_any())
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        let Ok(other) = other.cast::<Document>() else {
            return false;
        };
        let (a, b) = (&*self.inner, &*other.get().inner);
        a.id == b.id
            && a.lang == b.lang
            && a.text == b.text
            && a.entities.len() == b.entities.len()
            && a.entities.iter().zip(&b.entities).all(|(x, y)| same_entity(x, y))
    }

    fn __repr__(&self) -> String {
        let d = &*self.inner;
        let mut preview: String = d.text.chars().take(40).collect();
        if d.text.chars().nth(40).is_some() {
            preview.push('…');
        }
        format!(
            "Document(id={}, lang={}, entities={}, text={})",
            py_str_repr(d.id.as_deref()),
            py_str_repr(Some(&d.lang)),
            d.entities.len(),
            py_str_repr(Some(&preview))
        )
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Reduced<'py, Bound<'py, PyTuple>>> {
        let py = slf.py();
        let me = slf.get();
        let entities = me.to_dict(py)?.get_item("entities")?;
        let args = PyTuple::new(
            py,
            [
                me.inner.text.clone().into_pyobject(py)?.into_any(),
                me.inner.lang.clone().into_pyobject(py)?.into_any(),
                entities,
                me.inner.id.clone().into_pyobject(py)?.into_any(),
            ],
        )?;
        Ok((slf.get_type(), args))
    }
}

/// Equality of two entities, ignoring the byte ranges (not part of the Python object).
fn same_entity(a: &civic::Entity, b: &civic::Entity) -> bool {
    a.kind == b.kind
        && a.text == b.text
        && a.start == b.start
        && a.end == b.end
        && a.name == b.name
        && a.roles == b.roles
        && a.unit_type == b.unit_type
        && a.value == b.value
        && a.qualifier == b.qualifier
        && a.counted == b.counted
        && a.category == b.category
}

/// A Python-style repr of an optional string ('...' or None).
fn py_str_repr(s: Option<&str>) -> String {
    match s {
        None => "None".into(),
        Some(s) => {
            let mut out = String::from("'");
            for c in s.chars() {
                match c {
                    '\'' => out.push_str("\\'"),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    '\t' => out.push_str("\\t"),
                    c if c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
                    c => out.push(c),
                }
            }
            out.push('\'');
            out
        }
    }
}

/// One mention: `kind`, `text`, `start`, `end` (Python string indices into the document's
/// text) and the fields of its kind: `name` and `roles` (officials), `name` and `unit_type`
/// (units), `value`, `qualifier` and `counted` (counts), `category` (issues).
#[pyclass(module = "civic._civic", frozen)]
struct Entity {
    inner: civic::Entity,
}

fn parse_id<T>(what: &str, id: &str, from: fn(&str) -> Option<T>, all: &[&str]) -> PyResult<T> {
    from(id).ok_or_else(|| {
        PyValueError::new_err(format!("unknown {what} {id:?}; one of: {}", all.join(", ")))
    })
}

fn kind_from_id(id: &str) -> Option<civic::EntityKind> {
    serde_json::from_value(serde_json::Value::String(id.to_string())).ok()
}

const KINDS: &[&str] = &["official", "unit", "count", "issue"];

fn ids<T: Copy>(all: &[T], f: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|x| f(*x)).collect()
}

fn entity_from_kwargs(d: &Bound<'_, PyDict>) -> PyResult<civic::Entity> {
    let get = |k: &str| -> PyResult<Option<Bound<'_, PyAny>>> { d.get_item(k) };
    for key in d.keys() {
        let k: String = key.extract()?;
        if !ENTITY_FIELDS.contains(&k.as_str()) {
            return Err(PyTypeError::new_err(format!("unexpected entity field {k:?}")));
        }
    }
    let req = |k: &str| -> PyResult<Bound<'_, PyAny>> {
        get(k)?.ok_or_else(|| PyTypeError::new_err(format!("an entity needs {k:?}")))
    };
    let opt =
        |k: &str| -> PyResult<Option<Bound<'_, PyAny>>> { Ok(get(k)?.filter(|v| !v.is_none())) };
    make_entity(
        &req("kind")?.extract::<String>()?,
        req("text")?.extract::<String>()?,
        req("start")?.extract()?,
        req("end")?.extract()?,
        opt("name")?.map(|v| v.extract()).transpose()?,
        opt("roles")?.as_ref(),
        opt("unit_type")?.map(|v| v.extract::<String>()).transpose()?.as_deref(),
        opt("value")?.as_ref(),
        opt("qualifier")?.map(|v| v.extract::<String>()).transpose()?.as_deref(),
        opt("counted")?.map(|v| v.extract()).transpose()?,
        opt("category")?.map(|v| v.extract::<String>()).transpose()?.as_deref(),
    )
}

const ENTITY_FIELDS: &[&str] = &[
    "kind",
    "text",
    "start",
    "end",
    "name",
    "roles",
    "unit_type",
    "value",
    "qualifier",
    "counted",
    "category",
];

#[allow(clippy::too_many_arguments)]
fn make_entity(
    kind: &str,
    text: String,
    start: usize,
    end: usize,
    name: Option<String>,
    roles: Option<&Bound<'_, PyAny>>,
    unit_type: Option<&str>,
    value: Option<&Bound<'_, PyAny>>,
    qualifier: Option<&str>,
    counted: Option<String>,
    category: Option<&str>,
) -> PyResult<civic::Entity> {
    let kind = parse_id("kind", kind, kind_from_id, KINDS)?;
    let roles = match roles {
        None => None,
        Some(r) => {
            let mut out = Vec::new();
            for item in r.try_iter()? {
                let item = item?;
                if let Ok(role) = item.cast::<Role>() {
                    out.push(role.get().to_rust());
                } else if let Ok(d) = item.cast::<PyDict>() {
                    let role: String = d
                        .get_item("role")?
                        .ok_or_else(|| PyTypeError::new_err("a role needs \"role\""))?
                        .extract()?;
                    let level: Option<String> = match d.get_item("level")? {
                        Some(l) if !l.is_none() => Some(l.extract()?),
                        _ => None,
                    };
                    let text: String = match d.get_item("text")? {
                        Some(t) => t.extract()?,
                        None => String::new(),
                    };
                    out.push(civic::Role { role, level, text });
                } else {
                    return Err(PyTypeError::new_err(format!(
                        "a role must be a Role or a dict, not {}",
                        type_name(&item)
                    )));
                }
            }
            Some(out)
        }
    };
    let unit_type = unit_type
        .map(|u| {
            parse_id(
                "unit_type",
                u,
                civic::UnitType::from_id,
                &ids(civic::UnitType::ALL, civic::UnitType::as_str),
            )
        })
        .transpose()?;
    let value = match value {
        None => None,
        Some(v) if v.is_instance_of::<PyInt>() => Some(civic::Number::Int(v.extract()?)),
        Some(v) => Some(civic::Number::Float(v.extract()?)),
    };
    let qualifier = qualifier
        .map(|q| {
            parse_id(
                "qualifier",
                q,
                civic::Qualifier::from_id,
                &ids(civic::Qualifier::ALL, civic::Qualifier::as_str),
            )
        })
        .transpose()?;
    // A count always carries its qualifier (null when there is none), as the extractor does.
    let qualifier =
        if kind == civic::EntityKind::Count { Some(qualifier) } else { qualifier.map(Some) };
    let category = category
        .map(|c| {
            parse_id(
                "category",
                c,
                civic::IssueCategory::from_id,
                &ids(civic::IssueCategory::ALL, civic::IssueCategory::as_str),
            )
        })
        .transpose()?;
    if start > end {
        return Err(PyValueError::new_err(format!("start {start} is after end {end}")));
    }
    Ok(civic::Entity {
        kind,
        text,
        start,
        end,
        bytes: 0..0,
        name,
        roles,
        unit_type,
        value,
        qualifier,
        counted,
        category,
    })
}

#[pymethods]
impl Entity {
    /// `Entity(kind, text, start, end, name=None, roles=None, unit_type=None, value=None,
    /// qualifier=None, counted=None, category=None)`, so that `Entity(**entity.to_dict())`
    /// rebuilds an entity.
    #[new]
    #[pyo3(signature = (kind, text, start, end, name=None, roles=None, unit_type=None, value=None, qualifier=None, counted=None, category=None))]
    #[allow(clippy::too_many_arguments)]
    fn py_new(
        kind: &str,
        text: String,
        start: usize,
        end: usize,
        name: Option<String>,
        roles: Option<&Bound<'_, PyAny>>,
        unit_type: Option<&str>,
        value: Option<&Bound<'_, PyAny>>,
        qualifier: Option<&str>,
        counted: Option<String>,
        category: Option<&str>,
    ) -> PyResult<Entity> {
        let roles = roles.filter(|r| !r.is_none());
        let value = value.filter(|v| !v.is_none());
        make_entity(
            kind, text, start, end, name, roles, unit_type, value, qualifier, counted, category,
        )
        .map(|inner| Entity { inner })
    }

    /// `official`, `unit`, `count` or `issue`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.inner.kind.as_str()
    }

    /// The mention as written.
    #[getter]
    fn text(&self) -> &str {
        &self.inner.text
    }

    /// Start index into the document's text (code points, as Python strings index).
    #[getter]
    fn start(&self) -> usize {
        self.inner.start
    }

    /// End index (exclusive).
    #[getter]
    fn end(&self) -> usize {
        self.inner.end
    }

    /// Officials: the person's name; units: the proper name. None for other kinds.
    #[getter]
    fn name(&self) -> Option<&str> {
        self.inner.name.as_deref()
    }

    /// Officials: the list of `Role` objects (possibly empty). None for other kinds.
    #[getter]
    fn roles(&self) -> Option<Vec<Role>> {
        self.inner.roles.as_ref().map(|r| r.iter().map(Role::from_rust).collect())
    }

    /// Units: `province`, `ward`, `commune`, `village`, `body`, ... None for other kinds.
    #[getter]
    fn unit_type(&self) -> Option<&'static str> {
        self.inner.unit_type.map(|u| u.as_str())
    }

    /// Counts: the number (an int when whole). None for other kinds.
    #[getter]
    fn value(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        number_to_py(py, self.inner.value)
    }

    /// Counts: `approx`, `more_than`, `less_than`, `at_least`, `at_most` or None.
    #[getter]
    fn qualifier(&self) -> Option<&'static str> {
        self.inner.qualifier.flatten().map(|q| q.as_str())
    }

    /// Counts: the counted noun phrase as written. None for other kinds.
    #[getter]
    fn counted(&self) -> Option<&str> {
        self.inner.counted.as_deref()
    }

    /// Issues: the category id (`staffing`, `transport`, ...). None for other kinds.
    #[getter]
    fn category(&self) -> Option<&'static str> {
        self.inner.category.map(|c| c.as_str())
    }

    /// The JSON object of the output contract (only the keys of its kind).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        match other.cast::<Entity>() {
            Ok(o) => same_entity(&self.inner, &o.get().inner),
            Err(_) => false,
        }
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (self.inner.kind, &self.inner.text, self.inner.start, self.inner.end).hash(&mut h);
        h.finish()
    }

    fn __repr__(&self) -> String {
        let e = &self.inner;
        let mut s = format!(
            "Entity(kind='{}', text={}, start={}, end={}",
            e.kind.as_str(),
            py_str_repr(Some(&e.text)),
            e.start,
            e.end
        );
        if let Some(n) = &e.name {
            s.push_str(&format!(", name={}", py_str_repr(Some(n))));
        }
        if let Some(r) = &e.roles {
            let ids: Vec<String> = r.iter().map(|r| format!("'{}'", r.role)).collect();
            s.push_str(&format!(", roles=[{}]", ids.join(", ")));
        }
        if let Some(u) = e.unit_type {
            s.push_str(&format!(", unit_type='{u}'"));
        }
        if let Some(v) = e.value {
            match v {
                civic::Number::Int(i) => s.push_str(&format!(", value={i}")),
                civic::Number::Float(f) => s.push_str(&format!(", value={f:?}")),
            }
        }
        if let Some(q) = e.qualifier.flatten() {
            s.push_str(&format!(", qualifier='{q}'"));
        }
        if let Some(c) = &e.counted {
            s.push_str(&format!(", counted={}", py_str_repr(Some(c))));
        }
        if let Some(c) = e.category {
            s.push_str(&format!(", category='{c}'"));
        }
        s.push(')');
        s
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Reduced<'py, Bound<'py, PyTuple>>> {
        let py = slf.py();
        let me = slf.get();
        let e = &me.inner;
        let roles = match &e.roles {
            None => py.None().into_bound(py),
            Some(r) => PyList::new(py, r.iter().map(Role::from_rust))?.into_any(),
        };
        let args = PyTuple::new(
            py,
            [
                me.kind().into_pyobject(py)?.into_any(),
                e.text.clone().into_pyobject(py)?.into_any(),
                e.start.into_pyobject(py)?.into_any(),
                e.end.into_pyobject(py)?.into_any(),
                e.name.clone().into_pyobject(py)?.into_any(),
                roles,
                me.unit_type().into_pyobject(py)?.into_any(),
                me.value(py)?.into_bound(py),
                me.qualifier().into_pyobject(py)?.into_any(),
                e.counted.clone().into_pyobject(py)?.into_any(),
                me.category().into_pyobject(py)?.into_any(),
            ],
        )?;
        Ok((slf.get_type(), args))
    }
}

/// An office held by an official: `role` (a role id of the output contract), `level`
/// (`central`, `province`, `commune`, ... or None) and `text` (the title as written).
#[pyclass(module = "civic._civic", frozen, eq, hash)]
#[derive(Clone, PartialEq, Eq, Hash)]
struct Role {
    /// The role id (`party_secretary`, `people_committee_chair`, ...).
    #[pyo3(get)]
    role: String,
    /// The level of the office, or None.
    #[pyo3(get)]
    level: Option<String>,
    /// The title as written.
    #[pyo3(get)]
    text: String,
}

impl Role {
    fn from_rust(r: &civic::Role) -> Role {
        Role { role: r.role.clone(), level: r.level.clone(), text: r.text.clone() }
    }

    fn to_rust(&self) -> civic::Role {
        civic::Role { role: self.role.clone(), level: self.level.clone(), text: self.text.clone() }
    }
}

#[pymethods]
impl Role {
    #[new]
    #[pyo3(signature = (role, level=None, text=String::new()), text_signature = "(role, level=None, text='')")]
    fn py_new(role: String, level: Option<String>, text: String) -> Role {
        Role { role, level, text }
    }

    /// `{"role": ..., "level": ..., "text": ...}` as in the output contract.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.to_rust())
    }

    fn __repr__(&self) -> String {
        format!(
            "Role(role={}, level={}, text={})",
            py_str_repr(Some(&self.role)),
            py_str_repr(self.level.as_deref()),
            py_str_repr(Some(&self.text))
        )
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<Reduced<'py, (String, Option<String>, String)>> {
        let me = slf.get();
        Ok((slf.get_type(), (me.role.clone(), me.level.clone(), me.text.clone())))
    }
}

// ---------------------------------------------------------------------------------------------
// Module functions

/// Extracts the entities of one text with the shared default extractor (every built-in
/// language, detection per text; `lang` forces one).
#[pyfunction]
#[pyo3(signature = (text, lang=None, id=None))]
fn extract(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    lang: Option<&str>,
    id: Option<&Bound<'_, PyAny>>,
) -> PyResult<Document> {
    let text = read_text(text)?;
    let id = match id {
        Some(i) => read_id(i)?,
        None => None,
    };
    let ex = default_extractor(py);
    check_lang(py, ex, lang)?;
    Ok(Document::new(py.detach(|| ex.extract_as(id, &text, lang))))
}

/// The language `extract` gives `text` with the shared default extractor.
#[pyfunction]
fn detect_language(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<String> {
    let text = read_text(text)?;
    let ex = default_extractor(py);
    Ok(py.detach(|| ex.detect_language(&text).to_string()))
}

/// Like `Extractor.extract_many` with the shared default extractor.
#[pyfunction]
#[pyo3(signature = (texts, threads=None, lang=None))]
fn extract_many<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    threads: Option<usize>,
    lang: Option<&str>,
) -> PyResult<Bound<'py, PyList>> {
    let ex = default_extractor(py);
    check_lang(py, ex, lang)?;
    let items = read_items(texts)?;
    let docs = run_batch(py, ex, items, lang, threads)?;
    wrap_docs(py, docs)
}

/// Parses a number phrase in a built-in language: the value (an int when whole) or None.
#[pyfunction]
fn parse_number(py: Python<'_>, text: &Bound<'_, PyAny>, lang: &str) -> PyResult<Py<PyAny>> {
    let text = read_text(text)?;
    let builtin = civic::Extractor::builtin_languages();
    if !builtin.iter().any(|l| l == lang) {
        return Err(unknown_language(py, lang, &builtin));
    }
    let v = py.detach(|| civic::numbers::parse(&text, lang));
    number_to_py(py, v.map(civic::Number::from_f64))
}

/// The ISO 639-1 codes of the built-in languages.
#[pyfunction]
fn supported_languages() -> Vec<String> {
    civic::Extractor::builtin_languages()
}

/// Benchmark helper: extracts with the default extractor and returns the length of the JSON
/// (or, with `serialize=False`, the number of entities), without building Python objects.
#[pyfunction]
#[pyo3(signature = (text, serialize=true))]
fn _extract_json_only(py: Python<'_>, text: &Bound<'_, PyAny>, serialize: bool) -> PyResult<usize> {
    let text = read_text(text)?;
    let ex = default_extractor(py);
    py.detach(|| {
        let doc = ex.extract(&text);
        if serialize { to_json(&doc).map(|s| s.len()) } else { Ok(doc.entities.len()) }
    })
}

/// The Rust core of civic (see the `civic` package for the documented API).
#[pymodule]
fn _civic(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<Extractor>()?;
    m.add_class::<Document>()?;
    m.add_class::<Entity>()?;
    m.add_class::<Role>()?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(extract_many, m)?)?;
    m.add_function(wrap_pyfunction!(detect_language, m)?)?;
    m.add_function(wrap_pyfunction!(parse_number, m)?)?;
    m.add_function(wrap_pyfunction!(supported_languages, m)?)?;
    m.add_function(wrap_pyfunction!(_extract_json_only, m)?)?;
    m.add_function(wrap_pyfunction!(_after_fork, m)?)?;
    Ok(())
}
