//! The QTI 3 element names met in items, with their QTI 2 names, so the
//! tree maps the common ones without building a string per element.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// The QTI 2 name of a kebab-case QTI 3 name (without `qti-`) in
/// [`QTI3_ELEMENTS`]. A hash map: a binary search compared a dozen strings
/// for each of the tens of thousands of QTI 3 elements in a corpus pass.
pub(super) fn qti2_name(kebab: &str) -> Option<&'static str> {
    static MAP: OnceLock<HashMap<&str, &str, BuildHasherDefault<Fnv>>> = OnceLock::new();
    MAP.get_or_init(|| QTI3_ELEMENTS.iter().copied().collect())
        .get(kebab)
        .copied()
}

/// FNV-1a: quick for short names. The map is fixed and small, so even a
/// name made to collide costs no more than a scan of it.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
        self.0 = hash;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Kebab-case names without the `qti-` prefix, with their camelCase names.
/// (Tests check each pair against the general rule.)
pub(super) const QTI3_ELEMENTS: &[(&str, &str)] = &[
    ("and", "and"),
    ("area-map-entry", "areaMapEntry"),
    ("area-mapping", "areaMapping"),
    ("assessment-item", "assessmentItem"),
    ("assessment-item-ref", "assessmentItemRef"),
    ("assessment-section", "assessmentSection"),
    ("assessment-stimulus", "assessmentStimulus"),
    ("assessment-stimulus-ref", "assessmentStimulusRef"),
    ("assessment-test", "assessmentTest"),
    ("associable-hotspot", "associableHotspot"),
    ("associate-interaction", "associateInteraction"),
    ("base-value", "baseValue"),
    ("calculator", "calculator"),
    ("calculator-type", "calculatorType"),
    ("card", "card"),
    ("card-entry", "cardEntry"),
    ("catalog", "catalog"),
    ("catalog-info", "catalogInfo"),
    ("choice-interaction", "choiceInteraction"),
    ("companion-materials-info", "companionMaterialsInfo"),
    ("content-body", "contentBody"),
    ("correct", "correct"),
    ("correct-response", "correctResponse"),
    ("custom-operator", "customOperator"),
    ("default-value", "defaultValue"),
    ("delete", "delete"),
    ("description", "description"),
    ("divide", "divide"),
    ("duration-gte", "durationGTE"),
    ("duration-lt", "durationLT"),
    ("end-attempt-interaction", "endAttemptInteraction"),
    ("equal", "equal"),
    ("equal-rounded", "equalRounded"),
    ("extended-text-interaction", "extendedTextInteraction"),
    ("feedback-block", "feedbackBlock"),
    ("feedback-inline", "feedbackInline"),
    ("gap", "gap"),
    ("gap-img", "gapImg"),
    ("gap-match-interaction", "gapMatchInteraction"),
    ("gap-text", "gapText"),
    ("gcd", "gcd"),
    (
        "graphic-associate-interaction",
        "graphicAssociateInteraction",
    ),
    (
        "graphic-gap-match-interaction",
        "graphicGapMatchInteraction",
    ),
    ("graphic-order-interaction", "graphicOrderInteraction"),
    ("gt", "gt"),
    ("gte", "gte"),
    ("hotspot-choice", "hotspotChoice"),
    ("hotspot-interaction", "hotspotInteraction"),
    ("hottext", "hottext"),
    ("hottext-interaction", "hottextInteraction"),
    ("html-content", "htmlContent"),
    ("index", "index"),
    ("inline-choice", "inlineChoice"),
    ("inline-choice-interaction", "inlineChoiceInteraction"),
    ("integer-divide", "integerDivide"),
    ("integer-modulus", "integerModulus"),
    ("integer-to-float", "integerToFloat"),
    ("interaction-markup", "interactionMarkup"),
    ("interaction-module", "interactionModule"),
    ("interaction-modules", "interactionModules"),
    ("interpolation-table", "interpolationTable"),
    ("interpolation-table-entry", "interpolationTableEntry"),
    ("is-null", "isNull"),
    ("item-body", "itemBody"),
    ("item-session-control", "itemSessionControl"),
    ("lookup-outcome-value", "lookupOutcomeValue"),
    ("lt", "lt"),
    ("lte", "lte"),
    ("map-entry", "mapEntry"),
    ("map-response", "mapResponse"),
    ("map-response-point", "mapResponsePoint"),
    ("mapping", "mapping"),
    ("match", "match"),
    ("match-interaction", "matchInteraction"),
    ("math-constant", "mathConstant"),
    ("math-operator", "mathOperator"),
    ("max", "max"),
    ("media-interaction", "mediaInteraction"),
    ("member", "member"),
    ("min", "min"),
    ("modal-feedback", "modalFeedback"),
    ("multiple", "multiple"),
    ("not", "not"),
    ("number-correct", "numberCorrect"),
    ("or", "or"),
    ("order-interaction", "orderInteraction"),
    ("ordered", "ordered"),
    ("ordering", "ordering"),
    ("outcome-condition", "outcomeCondition"),
    ("outcome-declaration", "outcomeDeclaration"),
    ("outcome-else", "outcomeElse"),
    ("outcome-if", "outcomeIf"),
    ("outcome-processing", "outcomeProcessing"),
    ("portable-custom-interaction", "portableCustomInteraction"),
    ("position-object-interaction", "positionObjectInteraction"),
    ("position-object-stage", "positionObjectStage"),
    ("pre-condition", "preCondition"),
    ("printed-variable", "printedVariable"),
    ("product", "product"),
    ("prompt", "prompt"),
    ("random", "random"),
    ("random-integer", "randomInteger"),
    ("response-condition", "responseCondition"),
    ("response-declaration", "responseDeclaration"),
    ("response-else", "responseElse"),
    ("response-else-if", "responseElseIf"),
    ("response-if", "responseIf"),
    ("response-processing", "responseProcessing"),
    ("round", "round"),
    ("round-to", "roundTo"),
    ("rubric-block", "rubricBlock"),
    ("select-point-interaction", "selectPointInteraction"),
    ("selection", "selection"),
    ("set-correct-response", "setCorrectResponse"),
    ("set-outcome-value", "setOutcomeValue"),
    ("set-template-value", "setTemplateValue"),
    ("simple-associable-choice", "simpleAssociableChoice"),
    ("simple-choice", "simpleChoice"),
    ("simple-match-set", "simpleMatchSet"),
    ("slider-interaction", "sliderInteraction"),
    ("stats-operator", "statsOperator"),
    ("stimulus-body", "stimulusBody"),
    ("string-match", "stringMatch"),
    ("stylesheet", "stylesheet"),
    ("substring", "substring"),
    ("subtract", "subtract"),
    ("sum", "sum"),
    ("template-block", "templateBlock"),
    ("template-condition", "templateCondition"),
    ("template-constraint", "templateConstraint"),
    ("template-declaration", "templateDeclaration"),
    ("template-else", "templateElse"),
    ("template-else-if", "templateElseIf"),
    ("template-if", "templateIf"),
    ("template-inline", "templateInline"),
    ("template-processing", "templateProcessing"),
    ("test-feedback", "testFeedback"),
    ("test-part", "testPart"),
    ("test-variables", "testVariables"),
    ("text-entry-interaction", "textEntryInteraction"),
    ("time-limits", "timeLimits"),
    ("upload-interaction", "uploadInteraction"),
    ("value", "value"),
    ("variable", "variable"),
    ("weight", "weight"),
];
