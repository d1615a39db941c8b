//! Structured answers read from the guides: salary figures by level, skills by topic, career
//! stages — every figure and item tied to the passage (and line) it came from.

pub mod chart;
pub mod roadmap;
pub mod salary;
pub mod skills;
