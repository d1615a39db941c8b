//! Times the extraction of each kind of fact per guide over the shipped guides (a tool for
//! tuning extraction speed): `cargo run --release --example extraction_speed`.
use careerbot::answer::{roadmap, salary, skills};
use careerbot::corpus::{Corpus, SeedSource};
use std::time::Instant;
fn main() {
    let vocab = careerbot::vocab::Vocabulary::shipped();
    let c = Corpus::load(&SeedSource::Dir("seeds".into()), vocab.careers()).expect("load");
    let guides: Vec<_> = c.guides.clone();
    let n: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(50);
    for g in &guides {
        salary::extract_guide(&vocab, &g.career, &g.passages);
        skills::extract_guide(&vocab, &g.career, &g.passages, &g.outline);
        roadmap::extract_guide(&vocab, &g.career, &g.passages);
    }
    let t = Instant::now();
    for _ in 0..n {
        for g in &guides {
            std::hint::black_box(salary::extract_guide(&vocab, &g.career, &g.passages));
        }
    }
    println!(
        "salary  {:?} per guide",
        t.elapsed() / (n * guides.len() as u32)
    );
    let t = Instant::now();
    for _ in 0..n {
        for g in &guides {
            std::hint::black_box(skills::extract_guide(
                &vocab,
                &g.career,
                &g.passages,
                &g.outline,
            ));
        }
    }
    println!(
        "skills  {:?} per guide",
        t.elapsed() / (n * guides.len() as u32)
    );
    let t = Instant::now();
    for _ in 0..n {
        for g in &guides {
            std::hint::black_box(roadmap::extract_guide(&vocab, &g.career, &g.passages));
        }
    }
    println!(
        "roadmap {:?} per guide",
        t.elapsed() / (n * guides.len() as u32)
    );
    let t = Instant::now();
    for _ in 0..n {
        for g in &guides {
            std::hint::black_box(
                careerbot::corpus::parse_guide(
                    &g.source,
                    std::fs::read(format!("seeds/{}", g.source))
                        .unwrap()
                        .as_slice(),
                    &Default::default(),
                    vocab.careers(),
                )
                .unwrap(),
            );
        }
    }
    println!(
        "parse   {:?} per guide",
        t.elapsed() / (n * guides.len() as u32)
    );
}
