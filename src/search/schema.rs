//! The passage document's schema: its tantivy fields, and the tokenizer that hands tantivy the
//! analyzer's terms (so indexing and querying analyse text the one same way).

use std::sync::Arc;

use tantivy::Index;
use tantivy::schema::{
    FAST, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};

use super::index::TOKENIZER;
use crate::analysis::{Analyzer, Term};

/// The tantivy fields of a passage document.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    pub section: Field,
    pub body: Field,
    pub title: Field,
    pub source: Field,
    /// The guide's career, as one untokenised term (filtering, facets) and stored.
    pub career: Field,
    /// Where the guide was published, stored (absent when unknown).
    pub url: Field,
    pub start_line: Field,
    pub end_line: Field,
    pub line_numbers: Field,
    /// The occupations the passage names, as written and in the singular (see
    /// [`crate::roles::RoleTable::occupation_form`]): untokenised terms, indexed only.
    pub occupations: Field,
}

pub(crate) fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let indexed = TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    let fields = Fields {
        section: b.add_text_field("section", indexed.clone()),
        body: b.add_text_field("body", indexed.clone()),
        title: b.add_text_field("title", indexed),
        source: b.add_text_field("source", STORED),
        career: b.add_text_field("career", STRING | STORED | FAST),
        url: b.add_text_field("url", STORED),
        start_line: b.add_u64_field("start_line", STORED),
        end_line: b.add_u64_field("end_line", STORED),
        line_numbers: b.add_bytes_field("line_numbers", STORED),
        occupations: b.add_text_field("occupations", STRING),
    };
    (b.build(), fields)
}

/// The analyzer as a tantivy tokenizer.
#[derive(Clone)]
struct CareerTokenizer {
    analyzer: Arc<Analyzer>,
    terms: Vec<Term>,
}

struct CareerTokenStream<'a> {
    terms: &'a [Term],
    next: usize,
    token: Token,
}

impl Tokenizer for CareerTokenizer {
    type TokenStream<'a> = CareerTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> CareerTokenStream<'a> {
        self.terms.clear();
        self.analyzer.analyze_into(text, &mut self.terms);
        CareerTokenStream {
            terms: &self.terms,
            next: 0,
            token: Token::default(),
        }
    }
}

impl TokenStream for CareerTokenStream<'_> {
    fn advance(&mut self) -> bool {
        let Some(t) = self.terms.get(self.next) else {
            return false;
        };
        self.token.text.clear();
        self.token.text.push_str(&t.text);
        self.token.offset_from = t.start;
        self.token.offset_to = t.end;
        self.token.position = self.next;
        self.token.position_length = 1;
        self.next += 1;
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

pub(crate) fn register_tokenizer(index: &Index, analyzer: &Arc<Analyzer>) {
    index.tokenizers().register(
        TOKENIZER,
        TextAnalyzer::from(CareerTokenizer {
            analyzer: Arc::clone(analyzer),
            terms: Vec::new(),
        }),
    );
}
