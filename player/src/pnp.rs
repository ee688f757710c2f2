//! Personal Needs and Preferences (QTI 3 / AfA PNP) that change how the
//! player looks: text size, line and letter spacing, colour contrast
//! themes and reduced motion. The host gives the candidate's profile; the
//! player turns it into classes and CSS variables on its root, so the
//! item's own content follows (the stylesheet's `--qti-*` variables).

use qti_engine::test_session::ExtraTime;
use serde::Deserialize;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

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
    /// An AfA PNP colour theme name (`black-white`, `whiteblack`, ...).
    fn from_afa(name: &str) -> Result<Self, String> {
        let key: String = name
            .trim()
            .chars()
            .filter(|c| c.is_ascii_alphabetic())
            .collect::<String>()
            .to_ascii_lowercase();
        match key.as_str() {
            "default" => Ok(Theme::Default),
            "blackwhite" | "blackonwhite" | "highcontrast" => Ok(Theme::BlackOnWhite),
            "whiteblack" | "whiteonblack" | "defaultreverse" => Ok(Theme::WhiteOnBlack),
            "yellowblue" | "yellowonblue" => Ok(Theme::YellowOnBlue),
            _ => Err(format!(
                "colour theme {name:?} is not one the player offers"
            )),
        }
    }

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
    /// A movable reading window that shades the rest of the item.
    pub line_reader: bool,
    /// Show sign language cards of this language (e.g. `ase`).
    pub sign_language: Option<String>,
    /// Show braille cards.
    pub braille: bool,
    /// Additional testing time: every maxTime of a test stretches
    /// (`{"multiplier": 1.5}`, `{"fixedMinutes": 10}` or `"unlimited"`).
    pub extra_time: ExtraTime,
    /// AfA features the profile prohibits (`prohibit-set`), e.g.
    /// `calculator-on-screen`: the item's tool of that kind is not offered.
    pub prohibited: Vec<String>,
    /// Further supports by their QTI 3 catalog names (e.g.
    /// `linguistic-guidance`, `simplified-language`,
    /// `additional-directions`): content an item hides (`qti-hidden`)
    /// behind a catalog card for one of them is shown.
    pub supports: Vec<String>,
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
            line_reader: false,
            sign_language: None,
            braille: false,
            prohibited: Vec::new(),
            extra_time: ExtraTime::None,
            supports: Vec::new(),
        }
    }
}

impl Pnp {
    /// Read a profile from its JSON text; unknown fields are ignored.
    pub fn from_json(json: &str) -> Result<Self, String> {
        serde_json::from_str(json).map_err(|e| format!("the PNP profile cannot be read: {e}"))
    }

    /// Read a profile given either as JSON or as a QTI 3 AfA PNP XML
    /// document (`<access-for-all-pnp>`).
    pub fn parse(text: &str) -> Result<Self, String> {
        if text.trim_start().starts_with('<') {
            Self::from_xml(text)
        } else {
            Self::from_json(text)
        }
    }

    /// Read a QTI 3 AfA PNP document (`access-for-all-pnp`, or the first
    /// record of `access-for-all-pnp-records`). Features we do not offer
    /// are ignored; a feature in `prohibit-set` stays off.
    pub fn from_xml(xml: &str) -> Result<Self, String> {
        let doc = qti_engine::xml::parse(xml, qti_engine::xml::Limits::default())
            .map_err(|e| format!("the PNP profile cannot be read: {e}"))?;
        let root = doc.root();
        let pnp = match root.name() {
            "access-for-all-pnp" => root,
            "access-for-all-pnp-records" => root
                .elements()
                .flat_map(|r| std::iter::once(r).chain(r.elements()))
                .find(|e| e.name() == "access-for-all-pnp")
                .ok_or("the PNP records document holds no access-for-all-pnp")?,
            other => {
                return Err(format!(
                    "the PNP profile's root is <{other}>, not <access-for-all-pnp>"
                ));
            }
        };
        let mut out = Pnp::default();
        if let Some(prohibit) = pnp.child("prohibit-set") {
            out.prohibited = prohibit.elements().map(|e| e.name().to_string()).collect();
        }
        for feature in pnp.elements() {
            if feature.name() != "prohibit-set"
                && !out.prohibited.iter().any(|p| *p == feature.name())
            {
                out.apply_afa(feature)?;
            }
        }
        Ok(out)
    }

    /// Whether the candidate uses the catalog support `support` (a card's
    /// `support` name): the features above by their catalog names, else
    /// the further supports listed.
    pub fn uses(&self, support: &str) -> bool {
        match support {
            "glossary-on-screen" => self.glossary,
            "keyword-translation" => self.keyword_translation.is_some(),
            "spoken" => self.spoken,
            "sign-language" => self.sign_language.is_some(),
            "braille" => self.braille,
            other => self.supports.iter().any(|s| s == other),
        }
    }

    /// One AfA PNP feature element.
    fn apply_afa(&mut self, f: qti_engine::xml::Element<'_>) -> Result<(), String> {
        let number = |e: qti_engine::xml::Element<'_>| {
            let text = e.text();
            text.trim()
                .parse::<f64>()
                .map_err(|_| format!("<{}> is not a number: {:?}", e.name(), text.trim()))
        };
        let lang = || {
            f.attr("xml:lang")
                .or(f.attr("language"))
                .map(str::to_string)
        };
        match f.name() {
            "glossary-on-screen" => self.glossary = true,
            "keyword-translation" => {
                self.keyword_translation = lang().or_else(|| f.child("language").map(|l| l.text()))
            }
            "spoken" => self.spoken = true,
            "answer-masking" => self.answer_masking = true,
            "line-reader" => self.line_reader = true,
            "braille" => self.braille = true,
            "sign-language" => self.sign_language = Some(lang().unwrap_or_else(|| "ase".into())),
            "invert-display-polarity" => self.theme = Theme::WhiteOnBlack,
            "additional-testing-time" => {
                for e in f.elements() {
                    self.extra_time = match e.name() {
                        "time-multiplier" => ExtraTime::Multiplier(number(e)?),
                        "fixed-minutes" => ExtraTime::FixedMinutes(number(e)?),
                        "unlimited" => ExtraTime::Unlimited,
                        _ => continue,
                    };
                }
            }
            "hazard-avoidance" if f.text().trim() == "motion-simulation" => {
                self.reduced_motion = true
            }
            "hazard-avoidance" => {}
            "magnification" => {
                let zoom = f
                    .elements()
                    .find_map(|e| e.attr("zoom-amount"))
                    .map(|z| z.trim().parse::<f64>());
                if let Some(Ok(z)) = zoom {
                    self.text_scale = z;
                }
            }
            "text-appearance" => {
                for e in f.elements() {
                    match e.name() {
                        "color-theme" | "colour-theme" => self.theme = Theme::from_afa(&e.text())?,
                        "line-spacing" => self.line_spacing = number(e)?,
                        "letter-spacing" => self.letter_spacing = number(e)?,
                        _ => {}
                    }
                }
            }
            // Any other feature is a support a catalog card may name.
            other => {
                if !self.supports.iter().any(|s| s == other) {
                    self.supports.push(other.to_string());
                }
            }
        }
        Ok(())
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

/// A reading in progress: holds the utterance's event handlers, which
/// must live as long as it speaks.
pub struct Speech {
    _utterance: web_sys::SpeechSynthesisUtterance,
    _on_word: Closure<dyn FnMut(web_sys::SpeechSynthesisEvent)>,
    _on_end: Closure<dyn FnMut(web_sys::Event)>,
}

/// Read `text` aloud with the browser's speech synthesis (in `lang` when
/// given), replacing whatever was being read. `on_word` gets the char
/// range of each word as it is spoken (for highlighting), `on_end` the
/// end. `None` when the browser has no speech synthesis.
pub fn speak(
    text: &str,
    lang: Option<&str>,
    on_word: yew::Callback<(usize, usize)>,
    on_end: yew::Callback<()>,
) -> Option<Speech> {
    let synth = web_sys::window().and_then(|w| w.speech_synthesis().ok())?;
    let utterance = web_sys::SpeechSynthesisUtterance::new_with_text(text).ok()?;
    if let Some(lang) = lang {
        utterance.set_lang(lang);
    }
    let owned = text.to_string();
    let on_word = Closure::<dyn FnMut(web_sys::SpeechSynthesisEvent)>::new(
        move |e: web_sys::SpeechSynthesisEvent| {
            // The browser counts UTF-16 code units; the player counts chars.
            if let Some(range) = word_at(&owned, e.char_index() as usize) {
                on_word.emit(range);
            }
        },
    );
    let on_end = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| on_end.emit(()));
    utterance.set_onboundary(Some(on_word.as_ref().unchecked_ref()));
    utterance.set_onend(Some(on_end.as_ref().unchecked_ref()));
    synth.cancel();
    synth.speak(&utterance);
    Some(Speech {
        _utterance: utterance,
        _on_word: on_word,
        _on_end: on_end,
    })
}

/// The word starting at UTF-16 offset `utf16`: its (start, end) in chars.
pub fn word_at(text: &str, utf16: usize) -> Option<(usize, usize)> {
    let mut units = 0;
    let start = text.chars().position(|c| {
        let here = units;
        units += c.len_utf16();
        here >= utf16
    })?;
    let len = text
        .chars()
        .skip(start)
        .take_while(|c| !c.is_whitespace())
        .count();
    Some((start, start + len.max(1)))
}

/// The sentence around a word, split for showing the word marked: (before,
/// word, after), all within the sentence.
pub fn in_sentence(text: &str, (start, end): (usize, usize)) -> (String, String, String) {
    let chars: Vec<char> = text.chars().collect();
    let end = end.min(chars.len());
    let start = start.min(end);
    let is_stop = |c: &char| matches!(c, '.' | '?' | '!' | ':' | ';');
    let from = chars[..start]
        .iter()
        .rposition(is_stop)
        .map_or(0, |i| i + 1);
    // A word that ends its sentence ("sun.") ends the caption too.
    let to = if end > start && is_stop(&chars[end - 1]) {
        end
    } else {
        chars[end..]
            .iter()
            .position(is_stop)
            .map_or(chars.len(), |i| end + i + 1)
    };
    let part = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
    (
        part(from, start).trim_start().to_string(),
        part(start, end),
        part(end, to),
    )
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

    #[wasm_bindgen_test]
    fn spoken_words_are_found_and_shown_in_their_sentence() {
        let text = "Plants: what do plants need? They need sunlight.";
        assert_eq!(word_at(text, 0), Some((0, 7)));
        assert_eq!(word_at(text, 13), Some((13, 15)));
        assert_eq!(
            in_sentence(text, (13, 15)),
            ("what ".into(), "do".into(), " plants need?".into())
        );
        assert_eq!(in_sentence(text, (29, 33)).1, "They");
        assert_eq!(in_sentence(text, (23, 28)).2, "", "need? ends the sentence");
        // UTF-16 offsets: the emoji counts 2 units, 1 char.
        assert_eq!(word_at("🌱 grows", 3), Some((2, 7)));
        assert_eq!(word_at("short", 99), None);
    }

    #[wasm_bindgen_test]
    fn afa_pnp_xml_profiles() {
        let p = Pnp::parse(
            r##"<?xml version="1.0"?>
            <access-for-all-pnp xmlns="http://www.imsglobal.org/xsd/qti/qtiv3p0/imsafa3p0pnp_v1p0">
              <glossary-on-screen/>
              <keyword-translation xml:lang="es"/>
              <spoken><reading-type>computer-read-aloud</reading-type></spoken>
              <line-reader highlight-color="#FFFF00"/>
              <answer-masking/>
              <sign-language xml:lang="ase"/>
              <braille xml:lang="en"><grade>2</grade></braille>
              <magnification><all-content zoom-amount="1.5"/></magnification>
              <text-appearance><color-theme>yellow-blue</color-theme></text-appearance>
              <hazard-avoidance>motion-simulation</hazard-avoidance>
              <additional-testing-time><time-multiplier>1.5</time-multiplier></additional-testing-time>
              <calculator-on-screen calculator-type="scientific"/>
              <linguistic-guidance/>
              <prohibit-set><calculator-on-screen/><braille/></prohibit-set>
            </access-for-all-pnp>"##,
        )
        .unwrap();
        assert!(p.uses("linguistic-guidance") && p.uses("glossary-on-screen"));
        assert!(!p.uses("braille") && !p.uses("simplified-language"));
        assert!(p.glossary && p.spoken && p.line_reader && p.answer_masking && p.reduced_motion);
        assert_eq!(p.keyword_translation.as_deref(), Some("es"));
        assert_eq!(p.sign_language.as_deref(), Some("ase"));
        assert!(!p.braille, "prohibited");
        assert_eq!(p.prohibited, ["calculator-on-screen", "braille"]);
        assert_eq!(p.text_scale, 1.5);
        assert_eq!(p.theme, Theme::YellowOnBlue);
        assert_eq!(p.extra_time, ExtraTime::Multiplier(1.5));
        let json = Pnp::parse(r#"{"extraTime": "unlimited"}"#).unwrap();
        assert_eq!(json.extra_time, ExtraTime::Unlimited);

        let records = Pnp::parse(
            r#"<access-for-all-pnp-records><access-for-all-pnp-record>
              <access-for-all-pnp><keyword-translation xml:lang="de"/></access-for-all-pnp>
            </access-for-all-pnp-record></access-for-all-pnp-records>"#,
        )
        .unwrap();
        assert_eq!(records.keyword_translation.as_deref(), Some("de"));
        assert!(Pnp::parse("<profile/>").unwrap_err().contains("<profile>"));
        assert!(Pnp::parse("<access-for-all-pnp><text-appearance><color-theme>purple</color-theme></text-appearance></access-for-all-pnp>").is_err());
        assert!(
            Pnp::parse("<!DOCTYPE x [<!ENTITY a 'b'>]><access-for-all-pnp/>").is_err(),
            "DTDs refused"
        );
    }
}
