//! Processing over the model: rules, shuffles, printed variables.

pub mod binding;
pub mod feedback;
pub mod printed_variable;
pub mod rules;
pub mod shuffle;
pub mod text;
pub mod validation;
