//! Lexicon files: the data of a language pack.
//!
//! A lexicon is a UTF-8 text file of tab-separated lines `surface<TAB>tag[<TAB>options]`;
//! `#` starts a comment line. The tags are documented in `docs/LEXICONS.md`; every file of
//! `corpus/lexicons/<lang>/` is compiled into the binary, and more can be loaded at run time
//! with [`ExtractorBuilder::lexicon_file`](crate::ExtractorBuilder::lexicon_file).

use crate::error::BuildError;
use crate::text::fold_str;

/// How a lexicon entry must sit in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MatchMode {
    /// Whole words only.
    Word,
    /// At the start of a word, may end inside it (German compounds: `Provinz|parteiausschuss`).
    Prefix,
    /// Inside a word, ending at its end.
    Suffix,
    /// Anywhere (scripts without spaces, compound parts).
    Infix,
}

/// What an entry means.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tag {
    Honorific,
    Head(String),
    Mod(String),
    Classifier,
    Body(String, Option<String>),
    Level(String),
    Role(String, Option<String>),
    Unit(String),
    Place(String),
    Family,
    Given,
    Num(f64),
    Mul(f64),
    Scale(f64),
    Filler,
    /// A spoken decimal mark (point, Komma, 點).
    Point,
    Qual(String),
    NonCount,
    IdMark,
    Issue(String),
    Problem,
    Request,
    Positive,
    Conj,
    Intro,
    Contrast,
    Stop,
    Common,
    /// A noun that numbers count (hộ, người, xã): in Vietnamese written without diacritics,
    /// an ambiguous number word is read as a number only before one.
    Noun,
    /// A Han character that stands before a name as a word of its own (原 former, 同 with,
    /// 向 towards) but is also a syllable of names (太原, 同登, 向化): a name of three
    /// characters does not start with it.
    Particle,
    /// A verb between a name and the office it gives the person (Chinese 被任命为, 担任,
    /// 当选为): the title after it belongs to the name before it.
    Appoint,
    /// Issues: a cue that what follows names the field of the staff just named ("civil servants
    /// specialising in IT and land", "chuyên môn về công nghệ thông tin"): the topic words of
    /// that enumeration are no problem of their own.
    Specialty,
    /// Issues: a word saying that a problem is over ("no longer", "không còn", "不再",
    /// "больше нет"): it praises, and the problem words next to it in its phrase raise nothing
    /// ("проблем с электроснабжением больше нет"). It shares the bit of [`Tag::Positive`].
    Settled,
}

impl Tag {
    /// One bit per variant, for quick tests of which kinds of hits a token has.
    pub fn kind(&self) -> u32 {
        match self {
            Tag::Honorific => kind::HONORIFIC,
            Tag::Head(_) => kind::HEAD,
            Tag::Mod(_) => kind::MOD,
            Tag::Classifier => kind::CLASSIFIER,
            Tag::Body(..) => kind::BODY,
            Tag::Level(_) => kind::LEVEL,
            Tag::Role(..) => kind::ROLE,
            Tag::Unit(_) => kind::UNIT,
            Tag::Place(_) => kind::PLACE,
            Tag::Family => kind::FAMILY,
            Tag::Given => kind::GIVEN,
            Tag::Num(_) => kind::NUM,
            Tag::Mul(_) => kind::MUL,
            Tag::Scale(_) => kind::SCALE,
            Tag::Filler => kind::FILLER,
            Tag::Point => kind::POINT,
            Tag::Qual(_) => kind::QUAL,
            Tag::NonCount => kind::NONCOUNT,
            Tag::IdMark => kind::IDMARK,
            Tag::Issue(_) => kind::ISSUE,
            Tag::Problem => kind::PROBLEM,
            Tag::Request => kind::REQUEST,
            Tag::Positive => kind::POSITIVE,
            Tag::Conj => kind::CONJ,
            Tag::Intro => kind::INTRO,
            Tag::Contrast => kind::CONTRAST,
            Tag::Stop => kind::STOP,
            Tag::Common => kind::COMMON,
            Tag::Noun => kind::NOUN,
            Tag::Particle => kind::PARTICLE,
            Tag::Appoint => kind::APPOINT,
            Tag::Specialty => kind::SPECIALTY,
            Tag::Settled => kind::POSITIVE,
        }
    }
}

/// The bit of each kind of tag ([`Tag::kind`]): the recognisers and the hit index test kinds as
/// masks of these.
pub(crate) mod kind {
    pub const HONORIFIC: u32 = 1 << 0;
    pub const HEAD: u32 = 1 << 1;
    pub const MOD: u32 = 1 << 2;
    pub const CLASSIFIER: u32 = 1 << 3;
    pub const BODY: u32 = 1 << 4;
    pub const LEVEL: u32 = 1 << 5;
    pub const ROLE: u32 = 1 << 6;
    pub const UNIT: u32 = 1 << 7;
    pub const PLACE: u32 = 1 << 8;
    pub const FAMILY: u32 = 1 << 9;
    pub const GIVEN: u32 = 1 << 10;
    pub const NUM: u32 = 1 << 11;
    pub const MUL: u32 = 1 << 12;
    pub const SCALE: u32 = 1 << 13;
    pub const FILLER: u32 = 1 << 14;
    pub const POINT: u32 = 1 << 15;
    pub const QUAL: u32 = 1 << 16;
    pub const NONCOUNT: u32 = 1 << 17;
    pub const IDMARK: u32 = 1 << 18;
    pub const ISSUE: u32 = 1 << 19;
    pub const PROBLEM: u32 = 1 << 20;
    pub const REQUEST: u32 = 1 << 21;
    pub const POSITIVE: u32 = 1 << 22;
    pub const CONJ: u32 = 1 << 23;
    pub const INTRO: u32 = 1 << 24;
    pub const CONTRAST: u32 = 1 << 25;
    pub const STOP: u32 = 1 << 26;
    pub const COMMON: u32 = 1 << 27;
    pub const NOUN: u32 = 1 << 28;
    pub const PARTICLE: u32 = 1 << 29;
    pub const APPOINT: u32 = 1 << 30;
    pub const SPECIALTY: u32 = 1 << 31;
}

/// Options of an entry (third column).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Options {
    /// Unit words: the type word stands before the name ("Gemeinde X", "xã X").
    pub before: bool,
    /// Unit words: the type word stands after the name ("X commune"). Settled words: the word
    /// follows the problem it settles, with words after it or not (a passive: "đã được khắc
    /// phục", "gelöst werden").
    pub after: bool,
    /// A plural form (introduces enumerations).
    pub plural: bool,
    /// The first letter must be upper case in the text.
    pub cap: bool,
    /// Match diacritics exactly in text that has them (Vietnamese `xã` is not `xa`).
    pub strict: bool,
    /// A cue that only counts when nothing negates it nearby.
    pub weak: bool,
    /// Honorifics: implies a public office (Genosse, Comrade, đồng chí).
    pub office: bool,
    /// Number words: only the last word of a number (German `eins`, Spanish `uno`).
    pub last: bool,
    /// Number words: an article that means one only before a multiplier or scale word
    /// (a dozen, eine Million).
    pub article: bool,
    /// Number words: a multiplier or scale that is never multiplied by one alone
    /// (French `cent`, `mille`: "un cent" is no number).
    pub bare: bool,
    /// Number words: read only in a phrase that is a number by itself (`numbers::parse`),
    /// never in running text (financial numerals 壹 貳 參, whose characters are also words).
    pub phrase: bool,
    /// Number words: never the first word of a number (Vietnamese lăm, mốt: only after
    /// mươi); used where the word is ambiguous (Vietnamese without diacritics: lam = làm).
    pub inner: bool,
    /// Modifiers: the title takes the head and body of the title just before it ("the
    /// director of the department and his deputy": the department's deputy director).
    pub previous: bool,
}

/// One parsed lexicon line.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// The surface as written, lower-cased.
    pub lower: String,
    /// The surface folded (lower case, no diacritics) as the text is folded.
    pub folded: String,
    pub tag: Tag,
    pub mode: MatchMode,
    pub options: Options,
}

const ROLE_IDS: &[&str] = &[
    "general_secretary",
    "president",
    "prime_minister",
    "deputy_prime_minister",
    "na_chair",
    "minister",
    "deputy_minister",
    "party_secretary",
    "standing_deputy_party_secretary",
    "deputy_party_secretary",
    "standing_committee_member",
    "party_committee_member",
    "people_committee_chair",
    "standing_people_committee_vice_chair",
    "people_committee_vice_chair",
    "people_council_chair",
    "people_council_vice_chair",
    "fatherland_front_chair",
    "commission_head",
    "na_delegation_head",
    "na_deputy",
    "department_director",
    "department_deputy_director",
    "civil_servant",
    "other",
];

/// The role ids of the output contract.
pub fn role_ids() -> &'static [&'static str] {
    ROLE_IDS
}

pub(crate) const LEVELS: &[&str] =
    &["central", "province", "district", "commune", "ward", "village"];

/// Parses one lexicon file. `default_mode` applies to entries without a mode option
/// (word for spaced scripts, infix for Chinese).
pub(crate) fn parse(
    source: &str,
    content: &str,
    default_mode: MatchMode,
) -> Result<Vec<Entry>, BuildError> {
    let mut out = Vec::new();
    for (i, raw) in content.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let surface = cols.next().unwrap_or("").trim();
        let tag = cols.next().map(str::trim).unwrap_or("");
        let opts = cols.next().map(str::trim).unwrap_or("");
        if surface.is_empty() {
            return Err(BuildError::lexicon(source, line_no, "empty surface"));
        }
        if tag.is_empty() {
            return Err(BuildError::lexicon(
                source,
                line_no,
                format!("no tag after {surface:?} (surface<TAB>tag[<TAB>options])"),
            ));
        }
        let tag = parse_tag(tag).map_err(|m| BuildError::lexicon(source, line_no, m))?;
        let mut mode = default_mode;
        let mut options = Options::default();
        for o in opts.split(',').map(str::trim).filter(|o| !o.is_empty()) {
            match o {
                "word" => mode = MatchMode::Word,
                "prefix" => mode = MatchMode::Prefix,
                "suffix" => mode = MatchMode::Suffix,
                "infix" => mode = MatchMode::Infix,
                "before" => options.before = true,
                "after" => options.after = true,
                "plural" => options.plural = true,
                "cap" => options.cap = true,
                "strict" => options.strict = true,
                "weak" => options.weak = true,
                "office" => options.office = true,
                "previous" => options.previous = true,
                "final" => options.last = true,
                "article" => options.article = true,
                "bare" => options.bare = true,
                "phrase" => options.phrase = true,
                "inner" => options.inner = true,
                other => {
                    return Err(BuildError::lexicon(
                        source,
                        line_no,
                        format!("unknown option {other:?}"),
                    ));
                }
            }
        }
        if let Tag::Unit(_) = tag
            && !options.before
            && !options.after
        {
            options.before = true;
        }
        let lower = unicode_normalization::UnicodeNormalization::nfc(surface)
            .collect::<String>()
            .to_lowercase();
        let folded = fold_str(&lower);
        if folded.is_empty() {
            return Err(BuildError::lexicon(source, line_no, "surface folds to nothing"));
        }
        out.push(Entry { lower, folded, tag, mode, options });
    }
    Ok(out)
}

fn parse_value(v: &str) -> Result<f64, String> {
    v.parse::<f64>().map_err(|_| format!("not a number: {v:?}"))
}

fn split_level(v: &str) -> Result<(String, Option<String>), String> {
    match v.split_once('@') {
        Some((a, l)) => {
            if !LEVELS.contains(&l) {
                return Err(format!("unknown level {l:?}; known: {}", LEVELS.join(", ")));
            }
            Ok((a.to_string(), Some(l.to_string())))
        }
        None => Ok((v.to_string(), None)),
    }
}

fn parse_tag(tag: &str) -> Result<Tag, String> {
    let (name, value) = match tag.split_once('=') {
        Some((n, v)) => (n, Some(v)),
        None => (tag, None),
    };
    let need = |what: &str| value.ok_or_else(|| format!("tag {name} needs ={what}"));
    Ok(match name {
        "honorific" => Tag::Honorific,
        "head" => Tag::Head(need("head id")?.to_string()),
        "body" => {
            let (b, l) = split_level(need("body id")?)?;
            Tag::Body(b, l)
        }
        "level" => {
            let l = need("level")?;
            if !LEVELS.contains(&l) {
                return Err(format!("unknown level {l:?}"));
            }
            Tag::Level(l.to_string())
        }
        "role" => {
            let (r, l) = split_level(need("role id")?)?;
            if !ROLE_IDS.contains(&r.as_str()) {
                return Err(format!("unknown role id {r:?}"));
            }
            Tag::Role(r, l)
        }
        "unit" | "place" => {
            let t = need("unit type")?;
            // "ward|district": the type, and the type it had before the 2025 reform
            for part in t.split('|') {
                if crate::UnitType::from_id(part).is_none() {
                    return Err(format!("unknown unit type {part:?}"));
                }
            }
            if name == "unit" { Tag::Unit(t.to_string()) } else { Tag::Place(t.to_string()) }
        }
        "family" => Tag::Family,
        "given" => Tag::Given,
        "num" => Tag::Num(parse_value(need("value")?)?),
        "mul" => Tag::Mul(parse_value(need("value")?)?),
        "scale" => Tag::Scale(parse_value(need("value")?)?),
        "filler" => Tag::Filler,
        "point" => Tag::Point,
        "qual" => {
            let q = need("qualifier")?;
            if crate::Qualifier::from_id(q).is_none() {
                return Err(format!("unknown qualifier {q:?}"));
            }
            Tag::Qual(q.to_string())
        }
        "noncount" => Tag::NonCount,
        "idmark" => Tag::IdMark,
        "issue" => {
            let c = need("category")?;
            if crate::IssueCategory::from_id(c).is_none() {
                return Err(format!("unknown issue category {c:?}"));
            }
            Tag::Issue(c.to_string())
        }
        "problem" => Tag::Problem,
        "request" => Tag::Request,
        "positive" => Tag::Positive,
        "conj" => Tag::Conj,
        "intro" => Tag::Intro,
        "contrast" => Tag::Contrast,
        "stop" => Tag::Stop,
        "common" => Tag::Common,
        "noun" => Tag::Noun,
        "particle" => Tag::Particle,
        "appoint" => Tag::Appoint,
        "specialty" => Tag::Specialty,
        "settled" => Tag::Settled,
        "mod" => Tag::Mod(need("modifier id")?.to_string()),
        "classifier" => Tag::Classifier,
        other => return Err(format!("unknown tag {other:?}")),
    })
}
