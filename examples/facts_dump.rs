//! Prints the facts a build extracts from a guides directory, as JSON (a tool for checking that
//! an extraction change keeps its output): `cargo run --release --example facts_dump -- DIR`.
use careerbot::answer::roadmap::{self, Focus};
use careerbot::answer::{salary, skills};
use careerbot::corpus::{Corpus, SeedSource};
use careerbot::vocab::Vocabulary;

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "seeds".into());
    let vocab = Vocabulary::shipped();
    let corpus = Corpus::load(&SeedSource::Dir(dir.into()), vocab.careers()).expect("load");
    let passages: Vec<_> = corpus.passages().cloned().collect();
    let out = serde_json::json!({
        "salary": salary::salary_answer(&vocab, &passages, None),
        "skills": skills::skills_answer(&vocab, &passages, skills::Topic::All, Some(salary::Level::Overall)),
        "roadmap": roadmap::roadmap_answer(&vocab, &passages, None, Focus::All),
    });
    println!("{}", serde_json::to_string_pretty(&out).expect("json"));
}
