//! The civic command line (placeholder while the real one is written).
fn main() {
    use std::io::BufRead;
    let ex = civic::Extractor::new();
    for line in std::io::stdin().lock().lines() {
        let line = line.unwrap();
        if line.trim().is_empty() { continue; }
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        let id = v.get("id").map(|i| match i { serde_json::Value::String(s) => s.clone(), o => o.to_string() });
        let doc = ex.extract_with_id(id, v["text"].as_str().unwrap_or(""));
        println!("{}", serde_json::to_string(&doc).unwrap());
    }
}
