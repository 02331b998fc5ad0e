//! `Document::write_json` writes exactly the bytes of `serde_json::to_vec`: on every document of
//! corpus/gold and corpus/heldout, on texts full of characters to escape, and on documents
//! whose every field holds arbitrary strings and numbers.

use std::path::PathBuf;

use civic::eval::load_gold;
use civic::{
    Document, Entity, EntityKind, Extractor, IssueCategory, Number, Qualifier, Role, UnitType,
};
use proptest::prelude::*;

fn check(doc: &Document) {
    let mut got = Vec::new();
    doc.write_json(&mut got);
    let want = serde_json::to_vec(doc).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&got),
        String::from_utf8_lossy(&want),
        "write_json differs from serde_json"
    );
    assert_eq!(got, want);
}

#[test]
fn gold_and_heldout_documents() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let gold = load_gold(&[root.join("corpus/gold"), root.join("corpus/heldout")]).unwrap();
    assert!(gold.len() > 50, "{} documents", gold.len());
    let ex = Extractor::new();
    let mut entities = 0;
    for g in &gold {
        let doc = ex.extract_with_id(Some(g.id.clone()), &g.text);
        entities += doc.entities.len();
        check(&doc);
    }
    assert!(entities > 1000, "{entities} entities");
}

#[test]
fn texts_with_characters_to_escape() {
    let ex = Extractor::new();
    let base = "Genosse \"Hoang Van Nghiem\", Sekretär des Provinzparteiausschusses, arbeitete \
                mit vier Bezirken:\n\tDong Kinh, Ky Lua\\Tam Thanh und Luong Van Tri. Ông Nguyễn \
                Văn A, Chủ tịch UBND xã \"Na Sam\", có 12 thôn. 🏛️ Provinz Cao Bang\r\n";
    for (i, extra) in
        ["", "\0", "\u{1}", "\u{1f}", "\u{7f}", "\"", "\\", "\u{2028}", "😀"].iter().enumerate()
    {
        let id = format!("id \"{i}\"\\\n{extra}");
        // the characters around the text, and inside the mentions
        let doc = ex.extract_with_id(Some(id.clone()), &format!("{extra}{base}{extra}"));
        assert!(!doc.entities.is_empty());
        check(&doc);
        check(&ex.extract_with_id(Some(id), &base.replace(' ', &format!(" {extra}"))));
    }
    check(&ex.extract(""));
}

/// A document with one entity per kind, every optional field set, from arbitrary values.
fn document(s: &[String; 8], n: [u64; 3], float: f64, qualified: bool) -> Document {
    let mut official = entity(EntityKind::Official, &s[1], n);
    official.name = Some(s[2].clone());
    official.roles = Some(vec![
        Role { role: s[3].clone(), level: Some(s[4].clone()), text: s[5].clone() },
        Role { role: s[6].clone(), level: None, text: String::new() },
    ]);
    let mut unit = entity(EntityKind::Unit, &s[2], n);
    unit.name = Some(s[3].clone());
    unit.unit_type = Some(UnitType::ALL[n[0] as usize % UnitType::ALL.len()]);
    let mut count = entity(EntityKind::Count, &s[4], n);
    count.value = Some(if n[1] % 2 == 0 { Number::Int(n[2] as i64) } else { Number::Float(float) });
    count.qualifier = Some(qualified.then(|| Qualifier::ALL[n[0] as usize % Qualifier::ALL.len()]));
    count.counted = Some(s[7].clone());
    let mut issue = entity(EntityKind::Issue, &s[5], n);
    issue.category = Some(IssueCategory::ALL[n[1] as usize % IssueCategory::ALL.len()]);
    let bare = entity(EntityKind::Count, &s[6], [0, 0, 0]);
    Document {
        id: (n[0] % 3 != 0).then(|| s[0].clone()),
        lang: "de".to_string(),
        entities: vec![official, unit, count, issue, bare],
        text: String::new(),
    }
}

fn entity(kind: EntityKind, text: &str, n: [u64; 3]) -> Entity {
    Entity {
        kind,
        text: text.to_string(),
        start: n[0] as usize,
        end: n[1] as usize,
        bytes: 0..0,
        name: None,
        roles: None,
        unit_type: None,
        value: None,
        qualifier: None,
        counted: None,
        category: None,
    }
}

proptest! {
    #[test]
    fn arbitrary_documents(
        s in proptest::array::uniform8(
            prop_oneof![any::<String>(), "[a-z\"\\\\\u{0}-\u{1f}\u{7f}é€😀 ]{0,40}"]
        ),
        n in proptest::array::uniform3(prop_oneof![0u64..1000, any::<u64>()]),
        float in any::<f64>(),
        qualified in any::<bool>(),
    ) {
        let mut n = n;
        n[0] %= 1 << 60; // offsets are usize
        n[1] %= 1 << 60;
        check(&document(&s, n, float, qualified));
    }
}
