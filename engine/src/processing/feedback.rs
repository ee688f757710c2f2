//! Visibility of feedback, template content and template-controlled
//! choices (ASI "feedback" and "templateElement"): the element is matched
//! when its identifier is the variable's value (single) or one of its
//! values (multiple/ordered); `showHide` decides what a match means.

use crate::model::content::ShowHide;
use crate::value::{Scalar, Value};

/// Whether `identifier` is (one of) the value(s) of the variable.
pub fn identifier_matches(value: &Value, identifier: &str) -> bool {
    value.items().iter().any(|s| match s {
        Scalar::Identifier(v) | Scalar::String(v) => v == identifier,
        _ => false,
    })
}

/// Whether content controlled by this variable is shown.
pub fn visible(value: &Value, identifier: &str, show_hide: ShowHide) -> bool {
    show_hide.visible(identifier_matches(value, identifier))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> Value {
        Value::Multiple(
            list.iter()
                .map(|s| Scalar::Identifier(s.to_string()))
                .collect(),
        )
    }

    /// ASI 2.2 §4.3 feedback: "show" shows on a match, "hide" hides on a match;
    /// a NULL variable matches nothing.
    #[test]
    fn show_and_hide_follow_the_match() {
        let v = ids(&["A", "B"]);
        assert!(visible(&v, "A", ShowHide::Show));
        assert!(!visible(&v, "C", ShowHide::Show));
        assert!(!visible(&v, "B", ShowHide::Hide));
        assert!(visible(&v, "C", ShowHide::Hide));
        assert!(!visible(&Value::Null, "A", ShowHide::Show));
        assert!(visible(&Value::Null, "A", ShowHide::Hide));
        assert!(visible(&Value::identifier("X"), "X", ShowHide::Show));
    }
}
