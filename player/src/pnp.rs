//! Personal Needs and Preferences (QTI 3 / AfA PNP) that change how the
//! player looks: text size, line and letter spacing, colour contrast
//! themes and reduced motion. The host gives the candidate's profile; the
//! player turns it into classes and CSS variables on its root, so the
//! item's own content follows (the stylesheet's `--qti-*` variables).

use serde::Deserialize;

/// Colour contrast themes (AfA `colourContrast`). Each pair of text and
/// background colours has a contrast ratio of at least 7:1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Theme {
    #[default]
    Default,
    /// Black on white, black outlines, yellow selection.
    BlackOnWhite,
    WhiteOnBlack,
    YellowOnBlue,
}

impl Theme {
    pub fn class(self) -> Option<&'static str> {
        match self {
            Theme::Default => None,
            Theme::BlackOnWhite => Some("qti-theme-high-contrast"),
            Theme::WhiteOnBlack => Some("qti-theme-dark"),
            Theme::YellowOnBlue => Some("qti-theme-yellow-on-blue"),
        }
    }
}

/// A candidate's display preferences, as the host gives them (JSON:
/// `{"textScale": 1.5, "lineSpacing": 2, "letterSpacing": 0.12,
/// "theme": "yellowOnBlue", "reducedMotion": true}`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Pnp {
    /// Text size relative to the default (1 = 100%), clamped to 1..=4.
    pub text_scale: f64,
    /// Line height as a multiple of the font size, clamped to 1..=3.
    pub line_spacing: f64,
    /// Extra space between letters, in em, clamped to 0..=0.5.
    pub letter_spacing: f64,
    pub theme: Theme,
    pub reduced_motion: bool,
    /// Show glossary definitions of terms the item marks (catalog
    /// `glossary-on-screen` cards).
    pub glossary: bool,
    /// Offer translations of key words into this language (catalog
    /// `keyword-translation` card entries with this `xml:lang`).
    pub keyword_translation: Option<String>,
    /// Offer reading the item aloud (the browser's speech synthesis).
    pub spoken: bool,
    /// Cover the answer options of choice interactions until uncovered.
    pub answer_masking: bool,
}

impl Default for Pnp {
    fn default() -> Self {
        Pnp {
            text_scale: 1.0,
            line_spacing: 1.5,
            letter_spacing: 0.0,
            theme: Theme::Default,
            reduced_motion: false,
            glossary: false,
            keyword_translation: None,
            spoken: false,
            answer_masking: false,
        }
    }
}

impl Pnp {
    /// Read a profile from its JSON text; unknown fields are ignored.
    pub fn from_json(json: &str) -> Result<Self, String> {
        serde_json::from_str(json).map_err(|e| format!("the PNP profile cannot be read: {e}"))
    }

    /// Classes for the player's root element.
    pub fn classes(&self) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = self.theme.class().into_iter().collect();
        if self.reduced_motion {
            out.push("qti-reduced-motion");
        }
        out
    }

    /// Inline style for the player's root: sizes and spacing, bounded so
    /// that a wrong profile cannot make the item unusable.
    pub fn style(&self) -> String {
        let scale = finite_or(self.text_scale, 1.0).clamp(1.0, 4.0);
        let line = finite_or(self.line_spacing, 1.5).clamp(1.0, 3.0);
        let letter = finite_or(self.letter_spacing, 0.0).clamp(0.0, 0.5);
        format!(
            "font-size: {}%; --qti-line-spacing: {line}; letter-spacing: {letter}em",
            (scale * 100.0).round()
        )
    }
}

fn finite_or(v: f64, default: f64) -> f64 {
    if v.is_finite() { v } else { default }
}

/// Read `text` aloud with the browser's speech synthesis (in `lang` when
/// given), replacing whatever was being read. `false` when the browser
/// has no speech synthesis.
pub fn speak(text: &str, lang: Option<&str>) -> bool {
    let Some(synth) = web_sys::window().and_then(|w| w.speech_synthesis().ok()) else {
        return false;
    };
    let Ok(utterance) = web_sys::SpeechSynthesisUtterance::new_with_text(text) else {
        return false;
    };
    if let Some(lang) = lang {
        utterance.set_lang(lang);
    }
    synth.cancel();
    synth.speak(&utterance);
    true
}

/// Stop reading aloud.
pub fn stop_speaking() {
    if let Some(synth) = web_sys::window().and_then(|w| w.speech_synthesis().ok()) {
        synth.cancel();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn profiles_become_classes_and_bounded_styles() {
        let p = Pnp::from_json(
            r#"{"textScale": 9, "lineSpacing": 2, "theme": "yellowOnBlue", "reducedMotion": true, "other": 1}"#,
        )
        .unwrap();
        assert_eq!(
            p.classes(),
            ["qti-theme-yellow-on-blue", "qti-reduced-motion"]
        );
        let style = p.style();
        assert!(style.contains("font-size: 400%"), "{style}");
        assert!(style.contains("--qti-line-spacing: 2"), "{style}");
        assert!(Pnp::from_json(r#"{"theme": "purple"}"#).is_err());
        assert_eq!(Pnp::from_json("{}").unwrap(), Pnp::default());
    }
}
