//! Processing over the model: rules, shuffles, printed variables.

pub mod binding;
pub mod rules;
pub mod shuffle;
