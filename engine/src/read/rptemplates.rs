//! The standard response processing templates, built in: an item that
//! names one by URI is processed without fetching anything.
//!
//! URIs vary in the wild (QTI 2.0/2.1/2.2 imsglobal URLs with or without
//! `.xml`, QTI 3 purl URLs, the wrong `www.imsglobal.org/question/qti_v3p0`
//! form, TAO's constants). We resolve by the template's file name, only for
//! URIs that look like a template location, and keep the CC2 templates
//! distinct: `CC2_match_basic` sets `MAXSCORE` and `FEEDBACKBASIC`, it is not
//! an alias of `match_correct`.

/// A built-in template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    MatchCorrect,
    MapResponse,
    MapResponsePoint,
    Cc2Match,
    Cc2MatchBasic,
    Cc2MapResponse,
}

impl Template {
    /// Every template, in declaration order (`t as usize` indexes it).
    pub const ALL: [Template; 6] = [
        Self::MatchCorrect,
        Self::MapResponse,
        Self::MapResponsePoint,
        Self::Cc2Match,
        Self::Cc2MatchBasic,
        Self::Cc2MapResponse,
    ];

    /// The template a `template` or `templateLocation` URI names.
    pub fn from_uri(uri: &str) -> Option<Self> {
        let uri = uri.trim();
        let lower = uri.to_ascii_lowercase();
        // TAO writes bare constants such as MATCH_CORRECT.
        let looks_like_template =
            lower.contains("rptemplates") || !lower.contains('/') || lower.contains("qti");
        if !looks_like_template {
            return None;
        }
        let file = lower
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(&lower)
            .trim_end_matches(".xml");
        Some(match file {
            "match_correct" => Self::MatchCorrect,
            "map_response" => Self::MapResponse,
            "map_response_point" => Self::MapResponsePoint,
            "cc2_match" => Self::Cc2Match,
            "cc2_match_basic" => Self::Cc2MatchBasic,
            "cc2_map_response" => Self::Cc2MapResponse,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::MatchCorrect => "match_correct",
            Self::MapResponse => "map_response",
            Self::MapResponsePoint => "map_response_point",
            Self::Cc2Match => "CC2_match",
            Self::Cc2MatchBasic => "CC2_match_basic",
            Self::Cc2MapResponse => "CC2_map_response",
        }
    }

    /// The canonical QTI 3 URI, used when writing items back out.
    pub fn uri_v3(self) -> String {
        format!(
            "https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/{}.xml",
            self.name()
        )
    }

    /// The canonical QTI 2.2 URI.
    pub fn uri_v2(self) -> String {
        format!(
            "http://www.imsglobal.org/question/qti_v2p2/rptemplates/{}",
            self.name()
        )
    }

    /// The template's rules, as QTI 2 XML.
    pub fn source(self) -> &'static str {
        match self {
            // Full marks when the response matches the correct response.
            Self::MatchCorrect | Self::Cc2Match => concat!(
                "<responseProcessing><responseCondition><responseIf>",
                "<match><variable identifier='RESPONSE'/><correct identifier='RESPONSE'/></match>",
                "<setOutcomeValue identifier='SCORE'><baseValue baseType='float'>1</baseValue></setOutcomeValue>",
                "</responseIf><responseElse>",
                "<setOutcomeValue identifier='SCORE'><baseValue baseType='float'>0</baseValue></setOutcomeValue>",
                "</responseElse></responseCondition></responseProcessing>"
            ),
            // The mapped score, or 0 when there is no response.
            Self::MapResponse => concat!(
                "<responseProcessing><responseCondition><responseIf>",
                "<isNull><variable identifier='RESPONSE'/></isNull>",
                "<setOutcomeValue identifier='SCORE'><baseValue baseType='float'>0</baseValue></setOutcomeValue>",
                "</responseIf><responseElse>",
                "<setOutcomeValue identifier='SCORE'><mapResponse identifier='RESPONSE'/></setOutcomeValue>",
                "</responseElse></responseCondition></responseProcessing>"
            ),
            Self::MapResponsePoint => concat!(
                "<responseProcessing><responseCondition><responseIf>",
                "<isNull><variable identifier='RESPONSE'/></isNull>",
                "<setOutcomeValue identifier='SCORE'><baseValue baseType='float'>0</baseValue></setOutcomeValue>",
                "</responseIf><responseElse>",
                "<setOutcomeValue identifier='SCORE'><mapResponsePoint identifier='RESPONSE'/></setOutcomeValue>",
                "</responseElse></responseCondition></responseProcessing>"
            ),
            // SCORE takes MAXSCORE when correct; FEEDBACKBASIC says which.
            Self::Cc2MatchBasic => concat!(
                "<responseProcessing><responseCondition><responseIf>",
                "<match><variable identifier='RESPONSE'/><correct identifier='RESPONSE'/></match>",
                "<setOutcomeValue identifier='SCORE'><variable identifier='MAXSCORE'/></setOutcomeValue>",
                "<setOutcomeValue identifier='FEEDBACKBASIC'><baseValue baseType='identifier'>correct</baseValue></setOutcomeValue>",
                "</responseIf><responseElse>",
                "<setOutcomeValue identifier='FEEDBACKBASIC'><baseValue baseType='identifier'>incorrect</baseValue></setOutcomeValue>",
                "</responseElse></responseCondition></responseProcessing>"
            ),
            // map_response, then FEEDBACK says whether SCORE reached MAXSCORE.
            Self::Cc2MapResponse => concat!(
                "<responseProcessing><responseCondition><responseIf>",
                "<isNull><variable identifier='RESPONSE'/></isNull>",
                "<setOutcomeValue identifier='SCORE'><baseValue baseType='float'>0</baseValue></setOutcomeValue>",
                "</responseIf><responseElse>",
                "<setOutcomeValue identifier='SCORE'><mapResponse identifier='RESPONSE'/></setOutcomeValue>",
                "</responseElse></responseCondition>",
                "<responseCondition><responseIf>",
                "<equal toleranceMode='exact'><variable identifier='MAXSCORE'/><variable identifier='SCORE'/></equal>",
                "<setOutcomeValue identifier='FEEDBACK'><baseValue baseType='identifier'>correct</baseValue></setOutcomeValue>",
                "</responseIf><responseElse>",
                "<setOutcomeValue identifier='FEEDBACK'><baseValue baseType='identifier'>incorrect</baseValue></setOutcomeValue>",
                "</responseElse></responseCondition></responseProcessing>"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_the_templates_in_declaration_order() {
        for (i, t) in Template::ALL.iter().enumerate() {
            assert_eq!(*t as usize, i, "{}", t.name());
        }
    }

    #[test]
    fn uri_variants_resolve_by_template_name() {
        for uri in [
            "http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct",
            "http://www.imsglobal.org/question/qti_v2p2/rptemplates/match_correct.xml",
            "https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml",
            "https://www.imsglobal.org/question/qti_v3p0/rptemplates/match_correct.xml",
            "http://www.imsglobal.org/question/qti_v2p0/rptemplates/match_correct",
            "MATCH_CORRECT",
        ] {
            assert_eq!(
                Template::from_uri(uri),
                Some(Template::MatchCorrect),
                "{uri}"
            );
        }
        assert_eq!(
            Template::from_uri(
                "https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/CC2_match_basic.xml"
            ),
            Some(Template::Cc2MatchBasic)
        );
        assert_eq!(
            Template::from_uri(
                "http://www.imsglobal.org/question/qti_v2p0/rptemplates/map_response"
            ),
            Some(Template::MapResponse)
        );
        assert_eq!(Template::from_uri("http://example.com/other/thing"), None);
    }
}
