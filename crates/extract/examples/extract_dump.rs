//! Prints what `cuttings_extract::extract` finds in a text file: entities with their aliases and
//! mention counts, then quotations with speakers. `extract_dump FILE [--model NER.model]`

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .expect("usage: extract_dump FILE [--model NER.model]");
    let text = std::fs::read_to_string(path).unwrap();
    let x = match (args.next().as_deref(), args.next()) {
        (Some("--model"), Some(m)) => {
            let ner = cuttings_extract::Ner::from_bytes(&std::fs::read(m).unwrap()).unwrap();
            cuttings_extract::extract_with(&ner, &text)
        }
        _ => cuttings_extract::extract(&text).unwrap(),
    };
    let mut groups: Vec<_> = x.groups.iter().collect();
    groups.sort_by_key(|g| std::cmp::Reverse(g.mentions.len()));
    for g in groups {
        println!(
            "{:<4} {:>3}  {}  [{}]",
            g.kind.as_str(),
            g.mentions.len(),
            g.name,
            g.aliases.join(" | ")
        );
    }
    println!();
    for q in &x.quotes {
        let quoted: String = text[q.start..q.end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let who = q.speaker.as_ref().map_or("?".to_string(), |s| {
            let canon = s.group.map_or("-", |g| x.groups[g].name.as_str());
            format!("{} => {canon}", &text[s.start..s.end])
        });
        println!("{who}: “{}”", quoted.chars().take(90).collect::<String>());
    }
}
