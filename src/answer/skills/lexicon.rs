//! The skills lexicon: skill names, their topic and their surface forms, loaded from data
//! (`assets/skills.toml`) and matched through the shared term matcher.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use std::sync::Arc;

use super::Topic;
use crate::analysis::Analyzer;
use crate::answer::matcher::{FormSpec, TermMatcher};

/// A skills lexicon that does not load.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid skills lexicon: {0}")]
pub struct LexiconError(pub String);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SkillsFile {
    skill: Vec<SkillSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SkillSpec {
    name: String,
    topic: Topic,
    forms: Vec<FormSpec>,
}

/// One skill of the lexicon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkillInfo {
    /// Display name, e.g. "JavaScript / Node.js".
    pub name: String,
    pub topic: Topic,
    /// Surface forms as written in the lexicon.
    pub forms: Vec<String>,
}

/// One skill named in a text: which skill and the byte range of its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SkillHit {
    /// Index into [`Lexicon::skills`].
    pub skill: usize,
    pub start: usize,
    pub end: usize,
}

/// The skills lexicon: skills by topic and a matcher over their forms.
#[derive(Debug, Clone)]
pub struct Lexicon {
    skills: Vec<SkillInfo>,
    matcher: TermMatcher,
}

impl Lexicon {
    /// Builds a lexicon from TOML in the format of `assets/skills.toml`.
    ///
    /// # Errors
    /// When the TOML does not parse, a skill's topic is `all` or unknown, a name repeats, or a
    /// form has no searchable word.
    pub fn from_toml(text: &str, analyzer: &Arc<Analyzer>) -> Result<Lexicon, LexiconError> {
        let file: SkillsFile = toml::from_str(text).map_err(|e| LexiconError(e.to_string()))?;
        let mut names = HashSet::new();
        for s in &file.skill {
            if s.topic == Topic::All {
                return Err(LexiconError(format!(
                    "skill {:?}: \"all\" is not a topic of its own",
                    s.name
                )));
            }
            if s.name.trim().is_empty() || !names.insert(s.name.to_lowercase()) {
                return Err(LexiconError(format!(
                    "skill name {:?} is empty or repeated",
                    s.name
                )));
            }
        }
        let entries: Vec<(String, Vec<FormSpec>)> = file
            .skill
            .iter()
            .map(|s| (s.name.clone(), s.forms.clone()))
            .collect();
        let matcher = TermMatcher::new(&entries, analyzer).map_err(LexiconError)?;
        let skills = file
            .skill
            .into_iter()
            .map(|s| SkillInfo {
                forms: s.forms.iter().map(|f| f.text().to_string()).collect(),
                name: s.name,
                topic: s.topic,
            })
            .collect();
        Ok(Lexicon { skills, matcher })
    }

    /// The skills, in lexicon order.
    pub fn skills(&self) -> &[SkillInfo] {
        &self.skills
    }

    /// The skills of a topic.
    pub fn skills_of(&self, topic: Topic) -> impl Iterator<Item = &SkillInfo> {
        self.skills.iter().filter(move |s| topic.includes(s.topic))
    }

    /// The skills named in one line of text, in order.
    pub fn find(&self, line: &str) -> Vec<SkillHit> {
        self.matcher
            .find(line)
            .into_iter()
            .map(|h| SkillHit {
                skill: h.entry,
                start: h.start,
                end: h.end,
            })
            .collect()
    }

    /// The names of the skills named in one line, in order, without repeats.
    pub fn names_in(&self, line: &str) -> Vec<&str> {
        let mut seen = HashSet::new();
        self.find(line)
            .into_iter()
            .filter(|h| seen.insert(h.skill))
            .map(|h| self.skills[h.skill].name.as_str())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(line: &str) -> Vec<&'static str> {
        crate::answer::fixtures::vocab().skills().names_in(line)
    }

    fn has(line: &str, skill: &str) -> bool {
        names(line).contains(&skill)
    }

    // --- lexicon -------------------------------------------------------------

    #[test]
    fn shipped_lexicon_loads_and_covers_every_topic() {
        let lex = Lexicon::from_toml(
            crate::vocab::FILES[1].1,
            crate::answer::fixtures::vocab().analyzer(),
        )
        .unwrap();
        // Certifications come from the guides' own lists, not the lexicon.
        for topic in Topic::ALL
            .into_iter()
            .filter(|t| *t != Topic::Certifications)
        {
            let n = lex.skills_of(topic).count();
            assert!(n >= 5, "{topic:?} has {n} skills");
        }
        assert_eq!(lex.skills_of(Topic::All).count(), lex.skills().len());
        for want in [
            "Python",
            "Java",
            "JavaScript / Node.js",
            "Go",
            "C# / .NET",
            "Ruby",
            "PHP",
            "Rust",
            "SQL",
            "TypeScript",
            "Django",
            "Flask",
            "Spring Boot",
            "Express.js",
            "NestJS",
            "ASP.NET Core",
            "Laravel",
            "Ruby on Rails",
            "MySQL",
            "PostgreSQL",
            "MongoDB",
            "Redis",
            "SQL Server",
            "Oracle Database",
            "Firebase",
            "Cassandra",
            "NoSQL",
            "AWS",
            "Azure",
            "Google Cloud (GCP)",
            "Docker",
            "Kubernetes",
            "CI/CD",
            "Linux",
            "Jenkins",
            "Microservices",
            "DevOps",
            "REST",
            "GraphQL",
            "gRPC",
            "JSON",
            "API design & development",
            "OAuth",
            "JWT",
            "Encryption",
            "Authentication & authorization",
            "SQL injection",
            "Cross-site scripting (XSS)",
            "CSRF",
            "Unit testing",
            "Integration testing",
            "End-to-end testing",
            "Git",
            "GitHub / GitLab / Bitbucket",
            "VS Code",
            "Postman",
            "Nginx",
            "RabbitMQ",
            "Elasticsearch",
            "Grafana",
            "Prometheus",
            "Communication",
            "Teamwork & collaboration",
            "Problem-solving",
            "Time management",
            "Adaptability",
            "Analytical thinking",
            "Attention to detail",
        ] {
            assert!(
                lex.skills().iter().any(|s| s.name == want),
                "{want} missing"
            );
        }
    }

    #[test]
    fn invalid_lexicons_are_errors() {
        let ok = "[[skill]]\nname = \"X\"\ntopic = \"tools\"\nforms = [\"Xtool\"]\n";
        assert!(Lexicon::from_toml(ok, crate::answer::fixtures::vocab().analyzer()).is_ok());
        for bad in [
            "not toml [",
            "[[skill]]\nname = \"X\"\ntopic = \"all\"\nforms = [\"Xtool\"]\n",
            "[[skill]]\nname = \"X\"\ntopic = \"gardening\"\nforms = [\"Xtool\"]\n",
            "[[skill]]\nname = \"X\"\ntopic = \"tools\"\nforms = [\"the\"]\n",
            "[[skill]]\nname = \"X\"\ntopic = \"tools\"\nforms = []\n",
            "[[skill]]\nname = \"X\"\ntopic = \"tools\"\nforms = [{ form = \"Xtool\", colour = true }]\n",
            "[[skill]]\nname = \"X\"\ntopic = \"tools\"\nforms = [{ form = \"unit\", coordinated = true }]\n",
            "[[skill]]\nname = \"X\"\ntopic = \"tools\"\nforms = [\"Xtool\"]\nextra = 1\n",
            &format!("{ok}{ok}"),
        ] {
            assert!(
                Lexicon::from_toml(bad, crate::answer::fixtures::vocab().analyzer()).is_err(),
                "{bad:?} loaded"
            );
        }
    }

    #[test]
    fn topics_parse_and_serialise_by_id() {
        for t in Topic::ALL {
            assert_eq!(t.id().parse::<Topic>(), Ok(t));
            assert_eq!(t.label().parse::<Topic>(), Ok(t), "{}", t.label());
            assert_eq!(serde_json::to_value(t).unwrap(), t.id());
        }
        assert_eq!(Topic::CloudDevops.label(), "Cloud & DevOps");
        assert_eq!("Cloud & DevOps".parse(), Ok(Topic::CloudDevops));
        assert_eq!("soft skills".parse(), Ok(Topic::SoftSkills));
        assert_eq!("db".parse(), Ok(Topic::Databases));
        assert!("gardening".parse::<Topic>().is_err());
        assert!(Topic::All.includes(Topic::Security));
        assert!(!Topic::Tools.includes(Topic::Security));
    }

    // --- matching rules ------------------------------------------------------

    #[test]
    fn synonyms_of_search_are_one_skill() {
        for s in ["Node.js", "NodeJS", "node.js", "Node", "JavaScript", "JS"] {
            assert_eq!(names(s), vec!["JavaScript / Node.js"], "{s}");
        }
        assert_eq!(names("Postgres"), vec!["PostgreSQL"]);
        assert_eq!(names("PostgreSQL"), vec!["PostgreSQL"]);
        assert_eq!(names("k8s and Kubernetes"), vec!["Kubernetes"]);
        assert_eq!(names("Amazon Web Services (AWS)"), vec!["AWS"]);
        assert_eq!(
            names("Google Cloud Platform (GCP)"),
            vec!["Google Cloud (GCP)"]
        );
        assert_eq!(names("CI/CD pipelines"), vec!["CI/CD"]);
    }

    #[test]
    fn lower_case_node_is_not_the_runtime() {
        assert!(names("each node in the cluster stores a shard").is_empty());
        assert!(names("a tree node").is_empty());
    }

    #[test]
    fn js_suffix_of_other_libraries_is_not_javascript() {
        assert!(!has("We build the UI with Vue.js", "JavaScript / Node.js"));
        assert!(has("Write JS daily", "JavaScript / Node.js"));
        assert!(has("TypeScript or TS", "TypeScript"));
        assert!(!has("the ts file", "TypeScript"));
    }

    #[test]
    fn java_is_not_javascript() {
        assert_eq!(
            names("JavaScript developers are in demand"),
            vec!["JavaScript / Node.js"]
        );
        assert_eq!(
            names("Java and JavaScript"),
            vec!["Java", "JavaScript / Node.js"]
        );
    }

    #[test]
    fn sql_inside_other_words_and_longer_names() {
        assert_eq!(names("NoSQL stores"), vec!["NoSQL"]);
        assert_eq!(names("MySQL"), vec!["MySQL"]);
        assert_eq!(names("Microsoft SQL Server"), vec!["SQL Server"]);
        assert_eq!(names("Prevent SQL injection"), vec!["SQL injection"]);
        assert_eq!(
            names("SQL (like PostgreSQL, MySQL)"),
            vec!["SQL", "PostgreSQL", "MySQL"]
        );
        // The synonym table folds "SQL databases" into "database": the words still name SQL.
        assert_eq!(names("both SQL databases and caches"), vec!["SQL"]);
        assert!(names("relational databases").is_empty());
        // A multi-word name never spans a comma.
        assert_eq!(names("Tools: SQL, Server logs"), vec!["SQL"]);
    }

    #[test]
    fn go_the_language_not_the_verb() {
        for yes in [
            "Go",
            "- Go",
            "Python, Go, or Ruby",
            "Go: High-performance systems",
            "Golang",
            "golang services",
            "Go is fast",
        ] {
            assert!(has(yes, "Go"), "{yes}");
        }
        for no in [
            "go to the docs",
            "Go to the docs first.",
            "Go-to tools for beginners",
            "let's go",
            "Go beyond tutorials and build things.",
            "you should go further",
        ] {
            assert!(!has(no, "Go"), "{no}");
        }
    }

    #[test]
    fn rust_only_capitalised() {
        assert!(has("Python, Java, or Rust", "Rust"));
        assert!(!has("rust on old pipes", "Rust"));
    }

    #[test]
    fn express_alone_only_inside_a_sentence_or_as_an_item() {
        assert!(has("Express.js and NestJS (Node.js)", "Express.js"));
        assert_eq!(
            names("Express.js and NestJS (Node.js)"),
            vec!["Express.js", "NestJS", "JavaScript / Node.js"]
        );
        assert!(has("ExpressJS", "Express.js"));
        assert!(has("APIs in Node.js with Express", "Express.js"));
        assert!(has("- Express", "Express.js"));
        assert!(!has("Express your ideas clearly.", "Express.js"));
        assert!(!has(
            "Managers value people who express ideas.",
            "Express.js"
        ));
        assert!(!has(
            "Then express concerns. Express them early.",
            "Express.js"
        ));
    }

    #[test]
    fn spring_alone_only_the_framework() {
        assert!(has("Spring Boot (Java)", "Spring Boot"));
        assert!(has("Java services on Spring", "Spring Boot"));
        assert!(!has("Spring is the busiest hiring season.", "Spring Boot"));
        assert!(!has("Apply for Spring 2026 internships", "Spring Boot"));
        assert!(!has("Many firms hire in Spring semester", "Spring Boot"));
        assert!(!has("a spring in your step", "Spring Boot"));
    }

    #[test]
    fn rails_alone_only_the_framework() {
        assert_eq!(names("Ruby on Rails"), vec!["Ruby on Rails"]);
        assert!(has("apps built with Rails", "Ruby on Rails"));
        assert!(!has("guard rails for juniors", "Ruby on Rails"));
        assert_eq!(names("Ruby, Rails"), vec!["Ruby", "Ruby on Rails"]);
    }

    #[test]
    fn rest_only_the_api_style() {
        assert!(has("REST APIs", "REST"));
        assert!(has("RESTful services", "REST"));
        assert!(has("Restful services", "REST"));
        assert!(!has("the rest of the team", "REST"));
        assert!(!has("Rest assured, it pays.", "REST"));
    }

    #[test]
    fn dotnet_and_csharp() {
        assert_eq!(names("C# (.NET)"), vec!["C# / .NET"]);
        assert_eq!(names(".NET developers"), vec!["C# / .NET"]);
        assert_eq!(names("ASP.NET Core"), vec!["ASP.NET Core"]);
        assert!(names("the net effect").is_empty());
    }

    #[test]
    fn docker_is_not_every_container() {
        assert_eq!(names("Docker and Kubernetes"), vec!["Docker", "Kubernetes"]);
        assert_eq!(names("containerization technologies"), vec!["Containers"]);
    }

    #[test]
    fn git_github_and_version_control_are_apart() {
        assert_eq!(names("Git"), vec!["Git"]);
        assert_eq!(
            names("GitHub code links"),
            vec!["GitHub / GitLab / Bitbucket"]
        );
        assert_eq!(names("GitLab"), vec!["GitHub / GitLab / Bitbucket"]);
        assert_eq!(names("Bitbucket"), vec!["GitHub / GitLab / Bitbucket"]);
        assert_eq!(names("version control systems"), vec!["Version control"]);
        assert_eq!(
            names("Version control with Git"),
            vec!["Version control", "Git"]
        );
    }

    #[test]
    fn communication_the_soft_skill_not_data() {
        for yes in [
            "Communication skills",
            "- Communication",
            "cultivating strong communication and teamwork abilities",
            "test a candidate’s ability to communicate and collaborate effectively",
            "lack of clarity in communication.",
        ] {
            assert!(has(yes, "Communication"), "{yes}");
        }
        for no in [
            "Build APIs that allow communication between the front end and the server.",
            "APIs connect different software components, enabling communication.",
            "Modern applications communicate through APIs.",
            "lets your systems communicate seamlessly",
            "business logic that communicates with databases",
        ] {
            assert!(!has(no, "Communication"), "{no}");
        }
    }

    #[test]
    fn analytical_is_not_analytics() {
        assert!(!has(
            "Businesses rely on data analytics.",
            "Analytical thinking"
        ));
        assert!(has("strong analytical skills", "Analytical thinking"));
        assert!(has("Analytical problem-solving", "Analytical thinking"));
        assert!(has("Analytical problem-solving", "Problem-solving"));
    }

    #[test]
    fn authorization_is_not_author() {
        assert!(has(
            "authentication and authorization protocols",
            "Authentication & authorization"
        ));
        assert!(has("Authorization", "Authentication & authorization"));
        assert!(!has(
            "the author of this guide",
            "Authentication & authorization"
        ));
    }

    #[test]
    fn oracle_and_postman_only_the_products() {
        assert!(has("Oracle Database", "Oracle Database"));
        assert!(has("Oracle and MySQL", "Oracle Database"));
        assert!(!has("ask the oracle", "Oracle Database"));
        assert!(has("Postman collections", "Postman"));
        assert!(!has("the postman rang", "Postman"));
    }

    #[test]
    fn shared_list_heads() {
        assert_eq!(
            names("Comfort with unit, integration, and end-to-end testing frameworks"),
            vec!["Unit testing", "Integration testing", "End-to-end testing"]
        );
        assert_eq!(
            names("including unit and integration tests"),
            vec!["Unit testing", "Integration testing"]
        );
        assert_eq!(names("Writing unit tests"), vec!["Unit testing"]);
        assert!(names("unit, integration").is_empty());
        // The leading word must be a list item of its own.
        assert!(!has("unit economics and testing", "Unit testing"));
        // The list must not run into another clause.
        assert!(!has(
            "unit; the rest is integration testing",
            "Unit testing"
        ));
        let lex = crate::answer::fixtures::vocab().skills();
        let line = "unit, integration, and end-to-end testing";
        let hits = lex.find(line);
        assert_eq!(&line[hits[0].start..hits[0].end], line);
    }

    #[test]
    fn testing_word_alone_but_not_coding_tests() {
        assert!(has("Testing and debugging", "Software testing"));
        assert!(has("Skill #7: Testing", "Software testing"));
        assert!(has(
            "version control and testing, and more",
            "Software testing"
        ));
        assert!(has("(testing)", "Software testing"));
        // A content word right before it makes it another kind of testing.
        assert!(!has(
            "hypothesis testing and regression",
            "Software testing"
        ));
        assert!(!has(
            "the basics of regression and A/B testing",
            "Software testing"
        ));
        assert!(!has("Coding tests", "Software testing"));
    }

    #[test]
    fn adaptability_is_named_not_adapt_or_adaptation() {
        assert!(has("Adaptability and curiosity", "Adaptability"));
        assert!(has("Be adaptable when plans change.", "Adaptability"));
        // The verb and the process share its stem but name no skill.
        for line in [
            "Expect an adaptation period on night shifts; most new staff adapt within months.",
            "Adapt tone of voice to each brand",
            "Focus on adapting to emerging trends.",
        ] {
            assert!(!has(line, "Adaptability"), "{line}");
        }
    }
}
