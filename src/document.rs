//! The output of extraction: a [`Document`] and its [`Entity`] values.
//!
//! Serialising a `Document` with serde gives exactly the JSON of the output contract
//! (`{"id", "lang", "entities": [...]}`): offsets there are Unicode code points, end
//! exclusive. In Rust, every entity also carries its half-open byte range into the input
//! text ([`Entity::bytes`]), which always falls on `char` boundaries.
//! [`Document::write_json`] writes the same JSON bytes without serde, faster.

mod json;

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// One analysed text: its id, its language and the entities found in it, in text order.
///
/// ```
/// let extractor = civic::Extractor::new();
/// let doc = extractor.extract("Lang Son province has 65 communes and wards.");
/// assert_eq!(doc.lang, "en");
/// let json = serde_json::to_string(&doc).unwrap();
/// assert!(json.starts_with(r#"{"id":null,"lang":"en","entities":["#));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The caller's id for the text (a JSONL line's `id`, a file's stem), if any.
    pub id: Option<String>,
    /// ISO 639-1 code of the detected or forced language (`"de"`, `"vi"`, ...).
    pub lang: String,
    /// Every mention found, ordered by start offset, then by kind.
    pub entities: Vec<Entity>,
    /// The input text as given (not normalised); entity offsets index into it.
    #[serde(skip)]
    pub text: String,
}

impl Document {
    /// The entities of one kind, in text order.
    ///
    /// ```
    /// use civic::EntityKind;
    /// let doc = civic::Extractor::new().extract("Die Gemeinden Na Sam und Van Lang.");
    /// assert_eq!(doc.of_kind(EntityKind::Unit).count(), 2);
    /// ```
    pub fn of_kind(&self, kind: EntityKind) -> impl Iterator<Item = &Entity> {
        self.entities.iter().filter(move |e| e.kind == kind)
    }

    /// The text of an entity, sliced from the document's text by its byte range.
    pub fn slice(&self, entity: &Entity) -> &str {
        &self.text[entity.bytes.clone()]
    }
}

/// The four kinds of entity civic extracts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EntityKind {
    /// A person holding a public office.
    Official,
    /// An administrative unit (or a named body).
    Unit,
    /// A cardinal number with the thing counted.
    Count,
    /// A problem the text raises, filed under a category.
    Issue,
}

impl EntityKind {
    /// The id used in JSON (`"official"`, `"unit"`, `"count"`, `"issue"`).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Official => "official",
            EntityKind::Unit => "unit",
            EntityKind::Count => "count",
            EntityKind::Issue => "issue",
        }
    }
}

/// One mention in the text. Which optional fields are set depends on [`Entity::kind`]:
/// officials have `name` and `roles`, units `name` and `unit_type`, counts `value`,
/// `qualifier` and `counted`, issues `category`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// What the entity is.
    pub kind: EntityKind,
    /// The mention as written in the input.
    pub text: String,
    /// Start offset in Unicode code points (characters) into the input text.
    pub start: usize,
    /// End offset (exclusive) in Unicode code points.
    pub end: usize,
    /// The half-open byte range of the mention in the input text (on `char` boundaries).
    #[serde(skip)]
    pub bytes: Range<usize>,
    /// Officials: the person's name without honorifics. Units: the proper name without the type word.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub name: Option<String>,
    /// Officials: the offices this mention gives the person.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub roles: Option<Vec<Role>>,
    /// Units: `province`, `ward`, `commune`, `village`, `body`, ...
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub unit_type: Option<UnitType>,
    /// Counts: the number.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub value: Option<Number>,
    /// Counts: `approx`, `more_than`, ... (serialised as `null` when absent).
    #[serde(
        skip_serializing_if = "skip_qualifier",
        default,
        serialize_with = "serialize_qualifier"
    )]
    pub qualifier: Option<Option<Qualifier>>,
    /// Counts: the counted noun phrase as written.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub counted: Option<String>,
    /// Issues: the category id.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub category: Option<IssueCategory>,
}

fn skip_qualifier(q: &Option<Option<Qualifier>>) -> bool {
    q.is_none()
}

fn serialize_qualifier<S: serde::Serializer>(
    q: &Option<Option<Qualifier>>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match q {
        Some(Some(q)) => q.serialize(s),
        _ => s.serialize_none(),
    }
}

impl Entity {
    /// An entity over `bytes` of the normalised text; its `text` and character offsets are
    /// filled in once the byte range is mapped back to the input.
    pub(crate) fn new(kind: EntityKind, bytes: Range<usize>) -> Entity {
        Entity {
            kind,
            text: String::new(),
            start: 0,
            end: 0,
            bytes,
            name: None,
            roles: None,
            unit_type: None,
            value: None,
            qualifier: None,
            counted: None,
            category: None,
        }
    }
}

/// An office held by an official.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Role {
    /// The role id of the output contract (`party_secretary`, `people_committee_chair`, ...).
    pub role: String,
    /// The level of the office (`province`, `commune`, ...), if the text states it.
    pub level: Option<String>,
    /// The title as written.
    pub text: String,
}

/// A count's value: an integer where it is one.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Number {
    /// A whole number.
    Int(i64),
    /// A number with a fractional part.
    Float(f64),
}

impl Number {
    /// A number from a float, as an integer when it is whole and fits.
    pub fn from_f64(v: f64) -> Number {
        if v.fract() == 0.0 && v.abs() < 9.0e15 { Number::Int(v as i64) } else { Number::Float(v) }
    }

    /// The value as a float.
    pub fn as_f64(self) -> f64 {
        match self {
            Number::Int(i) => i as f64,
            Number::Float(f) => f,
        }
    }
}

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $id:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $id)] $variant,)*
        }

        impl $name {
            /// Every value, in the order of the output contract.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The id used in JSON.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $id,)* }
            }

            /// The value with this JSON id, if any.
            pub fn from_id(id: &str) -> Option<$name> {
                match id { $($id => Some($name::$variant),)* _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

string_enum! {
    /// The type of an administrative unit.
    UnitType {
        /// Province or centrally governed city.
        Province = "province",
        /// District (before July 2025).
        District = "district",
        /// Ward (phường).
        Ward = "ward",
        /// Commune (xã).
        Commune = "commune",
        /// Town (thị trấn, before July 2025).
        Town = "town",
        /// Special zone (đặc khu).
        SpecialZone = "special_zone",
        /// Village or residential group (thôn, bản, ấp, làng, tổ dân phố).
        Village = "village",
        /// A country.
        Country = "country",
        /// A named organ: people's committee, party committee, department...
        Body = "body",
    }
}

string_enum! {
    /// How a count is qualified.
    Qualifier {
        /// Nearly, about.
        Approx = "approx",
        /// Over, more than.
        MoreThan = "more_than",
        /// Under, fewer than.
        LessThan = "less_than",
        /// At least.
        AtLeast = "at_least",
        /// At most.
        AtMost = "at_most",
    }
}

string_enum! {
    /// The category of an issue.
    IssueCategory {
        /// Offices, equipment, vehicles, working conditions.
        Facilities = "facilities",
        /// Shortage, surplus or competence of staff.
        Staffing = "staffing",
        /// Training and capacity building.
        Training = "training",
        /// Software, IT equipment, networks, digital transformation, online services.
        ItSystems = "it_systems",
        /// Mobile signal and internet coverage.
        Connectivity = "connectivity",
        /// Power supply.
        Electricity = "electricity",
        /// Roads, bridges, traffic routes.
        Transport = "transport",
        /// Guidance documents, legal framework, authority.
        Regulations = "regulations",
        /// Processing of procedures and dossiers.
        AdminProcedures = "admin_procedures",
        /// Budget, funds, capital.
        Funding = "funding",
        /// Temporary and dilapidated houses, official housing.
        Housing = "housing",
        /// Land-use certificates, land management, site clearance.
        Land = "land",
        /// Petitions, complaints, denunciations, reception of citizens.
        Complaints = "complaints",
        /// Remote villages, distance, isolation.
        RemoteAreas = "remote_areas",
    }
}
