//! Prints how the guides split into passages (a tool for tuning the splitter).
use careerbot::corpus::{Corpus, SeedSource};
fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "seeds".into());
    let vocab = careerbot::vocab::Vocabulary::shipped();
    let c = Corpus::load(&SeedSource::Dir(dir.into()), vocab.careers()).expect("load");
    for g in &c.guides {
        println!("######## {} — {}", g.source, g.title);
        for p in &g.passages {
            println!(
                "=== [{}] {}-{} ({} chars)",
                p.section,
                p.start_line,
                p.end_line,
                p.text.chars().count()
            );
            for l in p.text.lines() {
                println!("    {}", l.chars().take(110).collect::<String>());
            }
        }
    }
}
