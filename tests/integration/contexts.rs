//! Readings that depend on context: Vietnamese number words without diacritics (ba/bà,
//! sau/sáu, tram/trăm/trạm, muoi/mười/mươi) and Chinese place names (numbered, three
//! characters, lists ending in 等, a particle before the name).

use civic::{EntityKind, Extractor};

fn counts(lang: &str, text: &str) -> Vec<(f64, String)> {
    let ex = Extractor::builder().force_language(lang).build().expect("extractor");
    let doc = ex.extract(text);
    doc.of_kind(EntityKind::Count)
        .map(|e| (e.value.unwrap().as_f64(), e.counted.clone().unwrap_or_default()))
        .collect()
}

fn units(lang: &str, text: &str) -> Vec<String> {
    let ex = Extractor::builder().force_language(lang).build().expect("extractor");
    let doc = ex.extract(text);
    doc.of_kind(EntityKind::Unit).filter_map(|e| e.name.clone()).collect()
}

#[test]
fn vietnamese_number_words_without_diacritics() {
    let cases: &[(&str, &[(f64, &str)])] = &[
        ("Rieng 4 xa con hai tram bay muoi ho chua co dien.", &[(4.0, "xa"), (270.0, "ho")]),
        ("Quy dat chi du cho khoang tam muoi lam ho.", &[(85.0, "ho")]),
        ("Phan dau dong dien cho it nhat hai muoi thon.", &[(20.0, "thon")]),
        ("Tinh moi cap duoc ba tram muoi hai giay chung nhan.", &[(312.0, "giay chung nhan")]),
        ("Da giai quyet mot nghin hai tram nam muoi ho so.", &[(1250.0, "ho so")]),
        ("Sau khi sap xep, tinh con sau xa bien gioi.", &[(6.0, "xa")]),
        (
            "Tinh se xay hai tram bien ap va sau diem truong.",
            &[(2.0, "tram"), (6.0, "diem truong")],
        ),
        // bà, hải, bà con, sau (after), năm (year), làm, tạm, trung tâm: no numbers
        ("Ba giao So Tai chinh tham muu bo tri von.", &[]),
        ("Chuong trinh cap dien nong thon, mien nui va hai dao.", &[]),
        ("Ba con nong dan da nhan ho tro.", &[]),
        ("Trong hai muoi nam qua, can bo phai lam ho so cho nguoi dan.", &[]),
        ("Nha toi o day ba doi roi.", &[]),
        ("Thon cach trung tam xa 20 km; nhieu ho song trong nha tam.", &[]),
        ("Sau bon thang, bo may da on dinh.", &[]),
    ];
    for (text, want) in cases {
        let got = counts("vi", text);
        let ok = got.len() == want.len()
            && got.iter().zip(want.iter()).all(|((v, c), (w, s))| v == w && c.starts_with(s));
        assert!(ok, "{text}: got {got:?}, want {want:?}");
    }
}

#[test]
fn chinese_place_names_in_context() {
    let cases: &[(&str, &[&str])] = &[
        ("芒街1坊的代表建议加强培训。", &["芒街1"]),
        ("河江1坊和河江2坊已抽调干部。", &["河江1", "河江2"]),
        ("奠边府坊也被评为先进单位。", &["奠边府"]),
        ("该乡的阿巴寨村距离乡中心很远。", &["阿巴寨"]),
        ("信号弱的村集中在孟涅、森头、南克和孟通等乡。", &["孟涅", "森头", "南克", "孟通"]),
        ("宣光省由原宣光省和原河江省合并而成。", &["宣光", "宣光", "河江"]),
        ("全乡13个村中有5个村没有信号。", &[]),
        ("分布在12个海岛村。", &[]),
    ];
    for (text, want) in cases {
        assert_eq!(units("zh", text), *want, "{text}");
    }
}

/// A dash after a plural type word introduces an enumeration, as a colon does; a dash before
/// lower-case words names nothing.
#[test]
fn enumeration_after_a_dash() {
    let got = units(
        "ru",
        "До самых отдалённых деревень — Намшон, Пахао, Хуойлонг и Кокмон — можно добраться только пешком.",
    );
    assert_eq!(got, ["Намшон", "Пахао", "Хуойлонг", "Кокмон"]);
    assert!(units("ru", "В трёх общинах — ни одного специалиста.").is_empty());
}

/// The longest honorific before a name is the one read: "генерал-майор", not its "майор", so
/// the title before it still reaches the name.
#[test]
fn title_then_a_rank_then_the_name() {
    let ex = Extractor::builder().force_language("ru").build().expect("extractor");
    let doc = ex.extract("Начальник полиции провинции генерал-майор Чан Фу Ха доложил о работе.");
    let got: Vec<(String, Vec<String>)> = doc
        .of_kind(EntityKind::Official)
        .map(|e| {
            let roles = e.roles.iter().flatten().map(|r| r.role.clone()).collect();
            (e.name.clone().unwrap_or_default(), roles)
        })
        .collect();
    assert_eq!(got, [("Чан Фу Ха".to_string(), vec!["other".to_string()])]);
}

/// A positive word after a request says how the work is to be done ("timely"): the request
/// still raises its topics; before any request it praises and raises nothing.
#[test]
fn positive_words_after_a_request() {
    let issues = |text: &str| -> Vec<&'static str> {
        let ex = Extractor::builder().force_language("ru").build().expect("extractor");
        let doc = ex.extract(text);
        doc.of_kind(EntityKind::Issue).filter_map(|e| e.category.map(|c| c.as_str())).collect()
    };
    assert_eq!(
        issues("Он поручил уделять особое внимание своевременному рассмотрению жалоб граждан."),
        ["complaints"]
    );
    assert!(
        issues("Жалобы граждан рассматриваются своевременно, как поручил губернатор.").is_empty()
    );
}

/// Russian names lose a case ending of their last word ("Ламу" → "Лам"), but a syllable left
/// without a vowel was no case form: "Тху" is the given name Thu.
#[test]
fn russian_case_endings_of_names() {
    let ex = Extractor::builder().force_language("ru").build().expect("extractor");
    let names = |text: &str| -> Vec<String> {
        ex.extract(text).of_kind(EntityKind::Official).filter_map(|e| e.name.clone()).collect()
    };
    assert_eq!(
        names(
            "Председатель поручил заместителю председателя народного совета Ле Тьен Ламу проверить работу."
        ),
        ["Ле Тьен Лам"]
    );
    assert_eq!(
        names(
            "Заместитель председателя народного совета госпожа Чан Тхи Тху добавила, что всё готово."
        ),
        ["Чан Тхи Тху"]
    );
}

/// A name ends at a line break: a headline ending in a place, then the dateline, are two names.
#[test]
fn names_end_at_line_breaks() {
    let got = units(
        "fr",
        "Les doléances des hameaux de l'ancienne province de Ben Tre\n\nVinh Long (VNA) - Le 27 novembre, le Front a organisé un dialogue.",
    );
    assert!(got.iter().any(|u| u == "Ben Tre"), "{got:?}");
    assert!(got.iter().all(|u| !u.contains('\n')), "{got:?}");
}

/// A number closing a name ("le pont Rach Mieu 2") does not borrow the noun of the count before.
#[test]
fn a_number_closing_a_name_is_no_count() {
    let got = counts(
        "fr",
        "Trois cent un avis concernent l'indemnisation des terrains pour le pont Rach Mieu 2 et la route côtière.",
    );
    assert_eq!(got.iter().map(|c| c.0).collect::<Vec<_>>(), [301.0]);
    // the noun of the count before is still borrowed after a lower-case word
    let got = counts("fr", "Le centre a reçu 1 850 dossiers, dont 1 812 ont été réglés.");
    assert_eq!(got.iter().map(|c| c.0).collect::<Vec<_>>(), [1850.0, 1812.0]);
}

/// A topic word inside the name of a body names the body: "Service de l'Éducation et de la
/// Formation" raises no training issue; "formations" outside it still does.
#[test]
fn topic_words_inside_body_names() {
    let ex = Extractor::builder().force_language("fr").build().expect("extractor");
    let issues = |text: &str| -> Vec<&'static str> {
        let doc = ex.extract(text);
        doc.of_kind(EntityKind::Issue).filter_map(|e| e.category.map(|c| c.as_str())).collect()
    };
    let got = issues(
        "M. Tran Viet Hung, directeur du Service de l'Éducation et de la Formation, a précisé que les écoles manquent de personnel.",
    );
    assert!(!got.contains(&"training"), "{got:?}");
    assert_eq!(issues("Il faut organiser des formations pour les fonctionnaires."), ["training"]);
}
