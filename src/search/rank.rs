//! Ranking: the query run over one generation → de-duplicated, cited hits with snippets and how
//! much of the question each covers.
//!
//! The query is an OR of term queries (see [`super::query`]), which keeps tantivy's Block-WAND
//! fast path and gives the snippet generator real terms to highlight. The top candidates are then
//! re-ranked: BM25 rewards a passage that repeats one question word; a passage holding more of
//! the question's (IDF-weighted) words, above all in its heading, is usually the answer. When the
//! question is about one career (narrowed to it, or most first candidates are its), that
//! career's passages are re-ranked by each word's IDF among them: a word every passage of the
//! career holds (its workers' name, the country its guide is about) tells them apart no more
//! than "the" does.
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use tantivy::collector::TopDocs;

use crate::corpus::Passage;

use super::cache::AnalysedPassage;
use super::index::PassageIndex;
use super::query::{
    QueryTerm, QuestionError, build_query, in_career, normalise_question, query_terms,
    related_terms, term_weight,
};
use super::snippet;

/// Most results one search returns.
pub const MAX_LIMIT: usize = 50;
/// Candidates re-ranked per search, at least.
const RERANK_DEPTH: usize = 20;
/// How much a passage holding all of the question's weight gains over one holding none…
const HELD_WEIGHT: f32 = 1.0;
/// …and how much more when its heading holds it all. Both chosen on the evaluation set's tuning
/// part (MRR@5 0.791 → 0.799; heading 0.5–1, held 1–2 within noise of each other).
const HEADING_WEIGHT: f32 = 1.0;
/// How much of a question's word a passage covers that lacks it but holds a guide word it
/// called (`assets/related.toml`): the passage treats what the word asks about, in other words.
const RELATED_CREDIT: f32 = 0.5;
/// Two hits of one section whose term sets overlap this much are near-duplicates.
const NEAR_DUPLICATE_JACCARD: f64 = 0.8;

/// How many results, from where, and from which career's guides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchOptions {
    /// Results wanted (capped at [`MAX_LIMIT`]).
    pub limit: usize,
    /// Results to skip (for "more results").
    pub offset: usize,
    /// Visible characters per snippet.
    pub snippet_chars: usize,
    /// Only passages of guides about this career (its exact name, as the index stores it);
    /// `None` for every career.
    pub career: Option<String>,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 5,
            offset: 0,
            snippet_chars: snippet::DEFAULT_SNIPPET_CHARS,
            career: None,
        }
    }
}

/// One ranked passage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// 1-based rank across pages.
    pub rank: usize,
    /// Relevance score (BM25, higher is better; comparable within one query).
    pub score: f32,
    /// The passage, with its citation.
    pub passage: Arc<Passage>,
    /// The best part of the passage, with the matched words' ranges.
    pub snippet: snippet::Snippet,
    /// Share of the question's meaningful terms (all but soft words; all terms when every one
    /// is soft) this passage contains, 0–1. Unknown words count as missing.
    pub coverage: f32,
}

/// The answer to one search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    /// The question as searched (trimmed, cut to [`MAX_QUESTION_CHARS`]).
    pub query: String,
    /// Whether the question was cut.
    pub truncated: bool,
    /// The terms searched.
    pub terms: Vec<QueryTerm>,
    /// The hits of this page.
    pub hits: Vec<Hit>,
    /// Whether more hits exist after this page.
    pub has_more: bool,
}

/// Searches `index` for `question`.
///
/// # Errors
/// [`QuestionError::Empty`] for a blank question. Index read failures are logged and give no
/// hits rather than an error: a damaged segment must not take the bot down.
pub fn search(
    index: &PassageIndex,
    question: &str,
    options: &SearchOptions,
) -> Result<SearchResults, QuestionError> {
    search_scoped(index, question, options, &[])
}

/// A place a question names: its words there, and every form the place goes by (analysed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The question's words naming it ("uk").
    pub words: Vec<Arc<str>>,
    /// Every form it goes by ("united kingdom", "uk", "britain", "london"…), each as words.
    pub forms: Vec<Vec<Arc<str>>>,
}

/// [`search`], told which places the question names (`places`): within a career whose every
/// guide is titled by one of them ("Working as a Chef in Ireland", "Career Guide (United
/// Kingdom)"), the place scopes the question, as the career's name does, and tells its passages
/// apart no more than "the" does ("how much does a sous chef earn in ireland" asks for pay, not
/// the introduction).
///
/// # Errors
/// As [`search`].
pub fn search_scoped(
    index: &PassageIndex,
    question: &str,
    options: &SearchOptions,
    places: &[Place],
) -> Result<SearchResults, QuestionError> {
    let (query, truncated) = normalise_question(question)?;
    let searcher = index.searcher();
    let mut terms = query_terms(index, &searcher, &query);
    let named = match &options.career {
        Some(career) => {
            soften_career_words(index, &mut terms, career)
                + soften_title_places(index, &searcher, &mut terms, career, places)
        }
        None => 0,
    };
    let mut results = SearchResults {
        query,
        truncated,
        terms,
        hits: Vec::new(),
        has_more: false,
    };
    if results.terms.iter().all(|t| t.doc_freq == 0) {
        return Ok(results);
    }
    // The question's words, and the guide words related to them, weighed lightly.
    let related = related_terms(index, &searcher, &results.terms);
    let searched: Vec<QueryTerm> = results.terms.iter().cloned().chain(related).collect();
    let limit = options.limit.clamp(1, MAX_LIMIT);
    let wanted = options.offset + limit;
    // Fetch extra to make up for near-duplicates dropped, and one more to know if a next page exists.
    let fetch = (wanted * 2 + 4).max(RERANK_DEPTH);
    let mut query = build_query(index, &searched);
    if let Some(career) = &options.career {
        query = in_career(index, query, career);
    }
    let top = match searcher.search(&query, &TopDocs::with_limit(fetch).order_by_score()) {
        Ok(top) => top,
        Err(e) => {
            tracing::error!(error = %e, "search failed");
            return Ok(results);
        }
    };
    // Snippets centre on the rare, meaningful words of the question.
    let docs = searcher.num_docs().max(1) as f32;
    let term_weights: FxHashMap<String, f32> = searched
        .iter()
        .filter(|t| t.doc_freq > 0)
        .map(|t| {
            (
                t.term.clone(),
                term_weight(t) * (1.0 + docs / t.doc_freq as f32).ln(),
            )
        })
        .collect();
    // Every candidate, read and analysed (cached), then re-ranked by how much of the question's
    // weight it holds (see [`rerank`]); within the career the question is about, by the weights
    // of its words among that career's passages ([`career_weights`]).
    let mut read: Vec<(f32, Arc<AnalysedPassage>)> = Vec::with_capacity(top.len());
    for (score, addr) in top {
        let passage = match index.cache.passages.get_or_insert_with(&addr, || {
            index.passage(&searcher, addr).map(|passage| {
                let terms = index.analyzer().analyze(&passage.text);
                let heading = index.analyzer().analyze(&passage.section);
                let term_set = terms
                    .iter()
                    .chain(&heading)
                    .map(|t| Arc::clone(&t.text))
                    .collect();
                let heading_set = heading.iter().map(|t| Arc::clone(&t.text)).collect();
                Arc::new(AnalysedPassage {
                    passage: Arc::new(passage),
                    terms,
                    term_set,
                    heading_set,
                })
            })
        }) {
            Ok(p) => p,
            Err(e) => {
                tracing::error!(error = %e, ?addr, "cannot read passage from the index");
                continue;
            }
        };
        read.push((score, passage));
    }
    let focus = options.career.clone().or_else(|| focus_career(&read));
    let local_weights = focus.as_deref().map(|career| {
        let mut weights = career_weights(index, &searcher, &searched, career);
        if options.career.is_none() {
            // The places titling every guide of the career the candidates are about scope
            // the question there, as they would had it been narrowed to it.
            let mut terms = searched.clone();
            if soften_title_places(index, &searcher, &mut terms, career, places) > 0 {
                weights = career_weights(index, &searcher, &terms, career);
            }
        }
        weights
    });
    let mut candidates: Vec<Candidate> = Vec::with_capacity(read.len());
    for (score, passage) in read {
        let weights = match (&local_weights, &focus) {
            (Some(local), Some(career)) if passage.passage.career == *career => local,
            _ => &term_weights,
        };
        candidates.push(Candidate {
            score: rerank(score, &passage, weights),
            analysed: passage,
        });
    }
    candidates.sort_by(|a, b| b.score.total_cmp(&a.score));
    let mut kept: Vec<Candidate> = Vec::new();
    for passage in candidates {
        let duplicate = kept.iter().any(|k| {
            let (a, b) = (&k.analysed.passage, &passage.analysed.passage);
            a.text == b.text
                || (a.source == b.source
                    && a.section == b.section
                    && jaccard(&k.analysed.term_set, &passage.analysed.term_set)
                        >= NEAR_DUPLICATE_JACCARD)
        });
        if !duplicate {
            kept.push(passage);
        }
        if kept.len() > wanted {
            break;
        }
    }
    results.has_more = kept.len() > wanted;
    let mut meaningful: Vec<&str> = results
        .terms
        .iter()
        .filter(|t| !t.soft)
        .map(|t| t.term.as_str())
        .collect();
    if meaningful.is_empty() {
        meaningful = results.terms.iter().map(|t| t.term.as_str()).collect();
    }
    // The career's own words, softened for ranking, are held by every passage of the career.
    let question_terms = (meaningful.len() + named).max(1);
    // Each related guide word searched, with the question's word that called it.
    let related: Vec<(&str, &str)> = searched
        .iter()
        .filter(|t| t.related)
        .map(|t| (t.asked.as_str(), t.term.as_str()))
        .collect();
    results.hits = kept
        .into_iter()
        .enumerate()
        .skip(options.offset)
        .take(limit)
        .map(|(i, c)| {
            let a = &c.analysed;
            // A word the passage lacks counts in part when it holds a guide word the word
            // called ("zapped" → hazard).
            let covered: f32 = meaningful
                .iter()
                .map(|t| {
                    if a.term_set.contains(*t) {
                        1.0
                    } else if related
                        .iter()
                        .any(|(from, g)| from == t && a.term_set.contains(*g))
                    {
                        RELATED_CREDIT
                    } else {
                        0.0
                    }
                })
                .sum::<f32>()
                + named as f32;
            Hit {
                rank: i + 1,
                score: c.score,
                snippet: snippet::snippet(
                    &a.passage.text,
                    &a.terms,
                    &term_weights,
                    options.snippet_chars,
                ),
                coverage: covered / question_terms as f32,
                passage: Arc::clone(&a.passage),
            }
        })
        .collect();
    Ok(results)
}

/// Fewest letters of a question's word read as a career's word clipped ("vet").
const MIN_CLIPPED_CHARS: usize = 3;

/// Within one career's guides the words of its name tell passages apart no more than "the"
/// does: they are weighed as soft words, unless nothing else is asked ("nurse?"). Returns how
/// many were, which every passage of the career covers.
fn soften_career_words(index: &PassageIndex, terms: &mut [QueryTerm], career: &str) -> usize {
    let name: Vec<Arc<str>> = index
        .analyzer()
        .analyze(career)
        .into_iter()
        .map(|t| t.text)
        .collect();
    // The name's words, or their start as members clip them ("vet tech" for "Veterinary
    // Technician").
    let is_name = |t: &QueryTerm| {
        name.iter().any(|n| {
            **n == *t.term
                || (t.term.chars().count() >= MIN_CLIPPED_CHARS && n.starts_with(&*t.term))
        })
    };
    if !terms.iter().any(|t| !t.soft && !is_name(t)) {
        return 0;
    }
    let mut softened = 0;
    for t in terms.iter_mut().filter(|t| !t.soft && is_name(t)) {
        t.soft = true;
        softened += 1;
    }
    softened
}

/// The words of the places the question names (`places`) that title every guide of `career`
/// (by any of the place's forms) are weighed as soft words, unless nothing else is asked.
/// Returns how many were, which every passage of the career covers.
fn soften_title_places(
    index: &PassageIndex,
    searcher: &tantivy::Searcher,
    terms: &mut [QueryTerm],
    career: &str,
    places: &[Place],
) -> usize {
    let titling: Vec<&Place> = places
        .iter()
        .filter(|p| titles_all_hold(index, searcher, career, &p.forms))
        .collect();
    let is_place = |t: &QueryTerm| {
        titling
            .iter()
            .any(|p| p.words.iter().any(|w| **w == *t.term))
    };
    if titling.is_empty() || !terms.iter().any(|t| !t.soft && !is_place(t)) {
        return 0;
    }
    let mut softened = 0;
    for t in terms.iter_mut().filter(|t| !t.soft && is_place(t)) {
        t.soft = true;
        softened += 1;
    }
    softened
}

/// First-pass candidates looked at for the career a question is about.
const FOCUS_DEPTH: usize = 5;
/// How many of them must be one career's. Tuning part of the evaluation set: hit@1 0.759 →
/// 0.765 with 3, 0.759 with 4; MRR@5 0.816 → 0.819 and 0.816.
const FOCUS_MIN: usize = 3;

/// The career most of the first-pass candidates are about, when [`FOCUS_MIN`] of the first
/// [`FOCUS_DEPTH`] are.
fn focus_career(read: &[(f32, Arc<AnalysedPassage>)]) -> Option<String> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for (_, a) in read.iter().take(FOCUS_DEPTH) {
        let career = a.passage.career.as_str();
        match counts.iter_mut().find(|(c, _)| *c == career) {
            Some((_, n)) => *n += 1,
            None => counts.push((career, 1)),
        }
    }
    counts
        .into_iter()
        .find(|(_, n)| *n >= FOCUS_MIN)
        .map(|(c, _)| c.to_string())
}

/// The question's term weights within one career's guides: each term's weight times its IDF
/// among that career's passages, so a word every passage of the career holds (the country its
/// guide is about, its trade's name) tells them apart as little as it does.
fn career_weights(
    index: &PassageIndex,
    searcher: &tantivy::Searcher,
    terms: &[QueryTerm],
    career: &str,
) -> FxHashMap<String, f32> {
    let passages = career_count(index, searcher, career, None).max(1) as f32;
    terms
        .iter()
        .filter(|t| t.doc_freq > 0)
        .map(|t| {
            let df = career_count(index, searcher, career, Some(&t.term)).max(1) as f32;
            (t.term.clone(), term_weight(t) * (1.0 + passages / df).ln())
        })
        .collect()
}

/// How many passages of `career`'s guides there are, or hold `term` (in text or heading);
/// remembered per generation.
fn career_count(
    index: &PassageIndex,
    searcher: &tantivy::Searcher,
    career: &str,
    term: Option<&str>,
) -> usize {
    let key = (career.to_string(), term.map(str::to_string));
    index
        .cache
        .career_counts
        .get_or_insert_with(&key, || index.career_passages(searcher, career, term))
        .unwrap_or_else(|e| {
            tracing::warn!(error = %e, career, "cannot count a career's passages");
            0
        })
}

/// Whether the title of every guide about `career` holds one of `forms` (each a run of
/// analysed words, all held); remembered per generation.
fn titles_all_hold(
    index: &PassageIndex,
    searcher: &tantivy::Searcher,
    career: &str,
    forms: &[Vec<Arc<str>>],
) -> bool {
    let key = (career.to_string(), forms.to_vec());
    let titled = index
        .cache
        .career_titled
        .get_or_insert_with(&key, || index.career_titled(searcher, career, forms))
        .unwrap_or_else(|e| {
            tracing::warn!(error = %e, career, "cannot read a career's guide titles");
            0
        });
    titled > 0 && titled == career_count(index, searcher, career, None)
}

/// The BM25 `score` of a passage re-weighed by the share of the question's weight (each term's
/// weight times its IDF) that the passage holds anywhere, and in its heading.
fn rerank(score: f32, a: &AnalysedPassage, weights: &FxHashMap<String, f32>) -> f32 {
    let total: f32 = weights.values().sum();
    if total <= 0.0 {
        return score;
    }
    // The opening's heading is the guide's title, which says what the whole guide tells.
    let sectioned = a.passage.section != a.passage.title;
    let (mut any, mut heading) = (0.0, 0.0);
    for (t, w) in weights {
        if a.term_set.contains(t.as_str()) {
            any += w;
        }
        if sectioned && a.heading_set.contains(t.as_str()) {
            heading += w;
        }
    }
    score * (1.0 + HELD_WEIGHT * any / total + HEADING_WEIGHT * heading / total)
}

/// A ranked passage on its way to becoming a hit.
struct Candidate {
    score: f32,
    analysed: Arc<AnalysedPassage>,
}

fn jaccard(a: &FxHashSet<Arc<str>>, b: &FxHashSet<Arc<str>>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        return 1.0;
    }
    a.intersection(b).count() as f64 / union as f64
}

#[cfg(test)]
mod tests {
    use rustc_hash::FxHashMap;

    use crate::engine::fixtures::engine_with;

    const ADVISER: &str = "# How to become a financial adviser\n\n\
        Financial advisers help households with pensions, savings and insurance. Every adviser \
        who recommends a product must be qualified.\n\n\
        There are two kinds of adviser: independent advisers, who recommend from the whole \
        market, and restricted advisers, who recommend one provider's products.\n\n\
        ## Pay\n\nTrainee advisers earn £28,000 to £35,000; qualified advisers earn £45,000 to \
        £60,000, and senior advisers more.\n\n\
        ## What skills do you need?\n\n\
        | Skill | Why it matters |\n|---|---|\n\
        | Cashflow planning | The core of each recommendation |\n\
        | Pensions knowledge | Most clients ask about retirement |\n\
        | Listening | Clients share private matters |\n\
        | Report writing | Reports must be clear |\n\n\
        Advisers also use back-office software and cashflow tools almost every day.\n\n\
        ## Exams\n\nAdvisers sit the diploma exams within two years of starting.\n";
    const PLUMBER: &str = "# Plumber\n\n## Pay\n\nA plumber earns near $45,000.\n\n\
        ## Tools\n\nPipe wrenches, press tools and scheduling software.\n";

    /// A guide about chefs in Ireland, titled by its country and naming it mostly in its
    /// opening, as guides about one country do.
    const CHEF_IE: &str = "# Working as a Chef in Ireland\n\n\
        Ireland's restaurant trade has grown fast, and kitchens across Ireland are short of \
        chefs: from a sous chef in a Dublin hotel to a head chef in a rural pub, Ireland needs \
        cooks.\n\n\
        ## Salaries\n\n| Role | Salary |\n|---|---|\n| Commis | €24,000–€28,000 |\n\
        | Chef de partie | €29,000–€34,000 |\n| Sous chef | €35,000–€42,000 |\n\
        | Head chef | €45,000–€60,000 |\n\n\
        ## Hours\n\nMost kitchens run split shifts of ten to twelve hours, five days a week.\n\n\
        ## Training\n\nMost chefs train on the job; culinary courses take one or two years.\n";
    /// A guide about optometrists in the UK, its title naming the country in full.
    const OPTOMETRIST_UK: &str = "# Optometrist Career Guide (United Kingdom)\n\n\
        Optometrists in the UK examine eyes and prescribe glasses. The UK has about 17,000 \
        optometrists, and most UK optometrists work on the high street.\n\n\
        ## Qualifications\n\nYou need a three-year optometry degree, which asks for three A \
        levels including two sciences, then a pre-registration year.\n\n\
        ## Pay\n\n| Stage | Salary |\n|---|---|\n| Newly qualified | £30,000–£35,000 |\n\
        | Experienced | £40,000–£50,000 |\n";
    const PLUMBER_AU: &str = "# Plumbing in Australia\n\n## Pay\n\nA plumber earns near \
        $80,000 in Australia.\n\n## Licences\n\nEvery state licenses plumbers.\n";

    /// Guides titled by themselves (no manifest), in a temporary directory.
    fn titled_engine(dir: &std::path::Path, guides: &[(&str, &str)]) -> crate::engine::Engine {
        let into = dir.join("guides");
        std::fs::create_dir_all(&into).unwrap();
        for (file, text) in guides {
            std::fs::write(into.join(file), text).unwrap();
        }
        crate::engine::fixtures::engine_on(crate::corpus::SeedSource::Dir(into), dir)
    }

    /// The section of the first passage answering `question`, narrowed to the career it names
    /// as every face narrows it.
    fn first_section(engine: &crate::engine::Engine, question: &str) -> String {
        let crate::engine::QuestionCareer::Named(career) = engine.question_career(question) else {
            panic!("{question}: no career named");
        };
        let options = super::SearchOptions {
            career: Some(career),
            ..engine.page(0)
        };
        let asked = engine.ask(question, options).unwrap();
        asked.results.hits[0].passage.section.clone()
    }

    /// Regression (issue 14, outside probes: "how much does a sous chef earn in ireland?" was
    /// answered first by the guide's opening, "Working as a Chef in Ireland"). The country that
    /// titles every guide of the career scopes the question as the career's name does, so its
    /// pay passage comes first, whether the question names the career in full or by another
    /// form of the place ("uk" for "United Kingdom").
    #[test]
    fn a_place_titling_every_guide_of_the_career_scopes_the_question() {
        let dir = tempfile::tempdir().unwrap();
        let engine = titled_engine(
            dir.path(),
            &[
                ("chef.md", CHEF_IE),
                ("optometrist.md", OPTOMETRIST_UK),
                ("plumber.md", PLUMBER_AU),
            ],
        );
        for (question, section) in [
            ("how much do optometrists make in the uk", "Pay"),
            ("how much does a sous chef earn in ireland?", "Salaries"),
        ] {
            assert_eq!(first_section(&engine, question), section, "{question}");
        }
    }

    /// A place titling only some of a career's guides tells them apart: it is not softened.
    #[test]
    fn a_place_titling_one_of_a_careers_guides_stays_a_topic_word() {
        let dir = tempfile::tempdir().unwrap();
        let chef_au = CHEF_IE
            .replace("Ireland", "Australia")
            .replace("Dublin", "Sydney");
        let engine = titled_engine(dir.path(), &[("ie.md", CHEF_IE), ("au.md", &chef_au)]);
        let generation = engine.current();
        let searcher = generation.searcher();
        let question = "how much does a sous chef earn in ireland";
        let places = engine.vocabulary().topics().places(
            &generation
                .analyzer()
                .analyze(question)
                .into_iter()
                .map(|t| t.text)
                .collect::<Vec<_>>(),
        );
        assert_eq!(places.len(), 1, "{places:?}");
        let mut terms = super::query_terms(&generation, &searcher, question);
        let career = generation.passages().unwrap()[0].career.clone();
        assert_eq!(
            super::soften_title_places(&generation, &searcher, &mut terms, &career, &places),
            0
        );
        // Only the Irish guide's title holds it.
        assert!(!super::titles_all_hold(
            &generation,
            &searcher,
            &career,
            &places[0].forms
        ));
    }

    /// A guide whose title names what its sections tell: pay, skills, training.
    const GARDENER: &str = "# Landscape Gardener in New Zealand: Pay, Skills and Training\n\n\
        Landscape gardeners design, build and look after gardens, parks and public spaces. \
        Junior landscape gardeners start on the tools; experienced ones run crews.\n\n\
        ## Pay\n\nLandscape gardeners are paid by the hour.\n\n\
        | Stage | Hourly |\n|---|---|\n| Junior | $24–$27 |\n\
        | Qualified | $28–$34 |\n| Foreman | $35–$42 |\n\n\
        ## What you need to be good at\n\nA landscape gardener knows plants, drives a digger \
        and reads a plan.\n\n\
        ## Getting in\n\nMost landscape gardeners start as labourers and study for a level 3 \
        certificate.\n";

    /// Regression (issue 14, eighth probe: "how much do junoir devops make in polnad" was
    /// answered first by the guide's opening, "DevOps Engineer in Poland: Salary, Skills and
    /// Career Path"). A guide's title says what the whole guide tells, so the opening's heading,
    /// which is the title, is no evidence that it tells it: the heading bonus of re-ranking is
    /// for the headings of sections.
    #[test]
    fn the_guide_title_over_its_opening_earns_no_heading_bonus() {
        let dir = tempfile::tempdir().unwrap();
        let engine = titled_engine(
            dir.path(),
            &[("gardener.md", GARDENER), ("plumber.md", PLUMBER_AU)],
        );
        assert_eq!(
            first_section(&engine, "junior landscape gardener pay in new zealand"),
            "Pay"
        );
    }

    /// Regression (issue 14, second probe: "what software do advisers use day to day?" was
    /// answered first by the guide's opening, "How to become a financial adviser in the UK").
    /// The word for the career's workers, which nearly every passage of its guides holds, is rare
    /// in the library, so it weighed as much as what the question asks. Within the career most
    /// of the first candidates are about, the question's words weigh by how rare they are among
    /// that career's passages.
    #[test]
    fn within_a_career_a_word_all_its_guides_hold_weighs_little() {
        let dir = tempfile::tempdir().unwrap();
        let engine = engine_with(
            dir.path(),
            &[
                ("adviser.md", "Financial Adviser", ADVISER),
                ("plumber.md", "Plumber", PLUMBER),
            ],
        );
        let generation = engine.current();
        let searcher = generation.searcher();
        let terms = super::query_terms(
            &generation,
            &searcher,
            "what software do advisers use day to day?",
        );
        let weight = |weights: &FxHashMap<String, f32>, term: &str| weights[term];
        let docs = searcher.num_docs() as f32;
        let global: FxHashMap<String, f32> = terms
            .iter()
            .map(|t| (t.term.clone(), (1.0 + docs / t.doc_freq as f32).ln()))
            .collect();
        let local = super::career_weights(&generation, &searcher, &terms, "Financial Adviser");
        // Among the adviser's passages, which nearly all say "advisers", the word weighs less
        // than in the library, and less than "software", which one of them holds.
        assert!(
            weight(&local, "advis") < weight(&global, "advis"),
            "{local:?} {global:?}"
        );
        assert!(
            weight(&local, "advis") < weight(&local, "softwar"),
            "{local:?}"
        );
        // The question's answer comes first.
        let asked = engine
            .ask("what software do advisers use day to day?", engine.page(0))
            .unwrap();
        assert_eq!(
            asked.results.hits[0].passage.section,
            "What skills do you need?"
        );
        // Most first candidates about one career make it the career words are weighed in.
        let read: Vec<_> = asked
            .results
            .hits
            .iter()
            .map(|h| h.passage.career.clone())
            .collect();
        assert!(read.iter().filter(|c| *c == "Financial Adviser").count() >= super::FOCUS_MIN);
    }

    /// A roofer's guide that speaks of hazards and fall protection, never of getting hurt.
    const ROOFER: &str = "# Roofer careers in Canada\n\n\
        Roofers work on houses, schools and warehouses, fixing roofs and putting new roofs on. \
        Roof work is done in most weather, and a roofer's day starts early.\n\n\
        ## Pay\n\nApprentice roofers earn $20 to $24 an hour; journeyperson roofers earn $30 to \
        $38, and foremen more. Roof work pays overtime in the busy months.\n\n\
        ## Hazards and protection\n\nFalls are the main hazard of the trade. On a steep pitch \
        everyone wears a harness, and every crew follows a fall-protection plan and keeps the \
        site tidy.\n\n\
        ## Becoming a roofer\n\nMost roofers learn on the job in a four-year apprenticeship of \
        roof work and two short blocks of school.\n";

    /// Regression (issue 14, outside probes: questions sharing no word with their answer, "could
    /// i get zapped doing this", "how long are you stuck out at sea before you get to go home").
    /// A word the guides lack calls the guide words of its concept (`assets/related.toml`:
    /// "hurt" → hazard, harness, safety…), weighed lightly, so the passage treating the concept
    /// comes first among those holding the question's own words. They count as no word of the
    /// question: a word the passage lacks counts half when it holds a guide word the word called.
    #[test]
    fn a_word_the_guides_lack_brings_its_concepts_guide_words() {
        let dir = tempfile::tempdir().unwrap();
        let engine = titled_engine(dir.path(), &[("roofer.md", ROOFER)]);
        let asked = engine
            .ask("could i get hurt doing roof work?", engine.page(0))
            .unwrap();
        let first = &asked.results.hits[0];
        assert_eq!(first.passage.section, "Hazards and protection");
        let terms: Vec<&str> = asked
            .results
            .terms
            .iter()
            .map(|t| t.term.as_str())
            .collect();
        assert!(!terms.contains(&"hazard"), "{terms:?}");
        // Of the question's three words (hurt, roof, work) it holds none, but a guide word
        // "hurt" called: half of that word is covered, the passage treating what it asks.
        assert!(
            (first.coverage - 0.5 / 3.0).abs() < 1e-6,
            "{}",
            first.coverage
        );
    }

    /// A word the guides hold is matched as it is: it calls no related words ("pay" brings no
    /// "overtime" or "bonus"), so the question's own words decide.
    #[test]
    fn a_word_the_guides_hold_calls_no_related_words() {
        let dir = tempfile::tempdir().unwrap();
        let engine = titled_engine(dir.path(), &[("roofer.md", ROOFER)]);
        let generation = engine.current();
        let searcher = generation.searcher();
        let held = super::query_terms(
            &generation,
            &searcher,
            "do roofers work weekends or nights?",
        );
        assert!(
            super::related_terms(&generation, &searcher, &held)
                .iter()
                .any(|t| t.term == "overtim"),
            "the guides lack \"weekends\" and \"nights\": the hours concept is called"
        );
        let weather =
            super::query_terms(&generation, &searcher, "is there roof work in bad weather?");
        assert!(super::related_terms(&generation, &searcher, &weather).is_empty());
    }
}
