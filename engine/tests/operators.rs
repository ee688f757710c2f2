//! Every expression and operator of the item-level expression language, run
//! through real response processing: each case names the clause of the
//! QTI 2.2 / 3.0 ASI "Expressions" section it checks, and covers NULL,
//! type and boundary behaviour where the clause says something about them.

use std::sync::Arc;

use qti_engine::json::to_json;
use qti_engine::{ItemSession, read_item};
use serde_json::{Value as Json, json};

/// Sets OUT (declared `card`/`base`) to the expression `expr` by response
/// processing, with RESPONSE (multiple identifier A A B) and P (point 5 5),
/// S (string "Hello World") declared and set, and returns OUT as JSON.
fn eval(expr: &str, card: &str, base: &str) -> Json {
    let base_attr = if base.is_empty() {
        String::new()
    } else {
        format!(r#" baseType="{base}""#)
    };
    let xml = format!(
        r#"<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="t" title="t" adaptive="false" timeDependent="false">
  <responseDeclaration identifier="RESPONSE" cardinality="multiple" baseType="identifier">
    <correctResponse><value>A</value><value>B</value></correctResponse>
    <mapping lowerBound="0" upperBound="5" defaultValue="-1"><mapEntry mapKey="A" mappedValue="2"/><mapEntry mapKey="B" mappedValue="1.5"/></mapping>
  </responseDeclaration>
  <responseDeclaration identifier="P" cardinality="single" baseType="point">
    <areaMapping defaultValue="0"><areaMapEntry shape="circle" coords="5,5,3" mappedValue="4"/></areaMapping>
  </responseDeclaration>
  <responseDeclaration identifier="S" cardinality="single" baseType="string"/>
  <responseDeclaration identifier="EMPTY" cardinality="multiple" baseType="identifier"/>
  <outcomeDeclaration identifier="OUT" cardinality="{card}"{base_attr}/>
  <outcomeDeclaration identifier="D" cardinality="single" baseType="float"><defaultValue><value>3.5</value></defaultValue></outcomeDeclaration>
  <responseProcessing>
    <setOutcomeValue identifier="D"><baseValue baseType="float">9</baseValue></setOutcomeValue>
    <setOutcomeValue identifier="OUT">{expr}</setOutcomeValue>
  </responseProcessing>
</assessmentItem>"#
    );
    let item = read_item(xml.as_bytes())
        .unwrap_or_else(|e| panic!("{expr}: {e}"))
        .item;
    let mut s = ItemSession::new(Arc::new(item), 1);
    let decls: Vec<_> = s.declarations().iter().cloned().collect();
    let set = |s: &mut ItemSession, id: &str, v: Json| {
        let d = decls.iter().find(|d| d.identifier == id).unwrap();
        s.set_response(id, qti_engine::json::from_json(&v, d).unwrap())
            .unwrap();
    };
    set(&mut s, "RESPONSE", json!(["A", "A", "B"]));
    set(&mut s, "P", json!("5 5"));
    set(&mut s, "S", json!("Hello World"));
    s.submit();
    to_json(s.value("OUT"))
}

fn f(v: &str) -> String {
    format!(r#"<baseValue baseType="float">{v}</baseValue>"#)
}
fn i(v: &str) -> String {
    format!(r#"<baseValue baseType="integer">{v}</baseValue>"#)
}
fn b(v: &str) -> String {
    format!(r#"<baseValue baseType="boolean">{v}</baseValue>"#)
}
fn id(v: &str) -> String {
    format!(r#"<baseValue baseType="identifier">{v}</baseValue>"#)
}
fn st(v: &str) -> String {
    format!(r#"<baseValue baseType="string">{v}</baseValue>"#)
}
const NULL: &str = "<null/>";

fn check(clause: &str, expr: String, card: &str, base: &str, want: Json) {
    let got = eval(&expr, card, base);
    assert_eq!(got, want, "{clause}: {expr}");
}

#[test]
fn logic() {
    check(
        "and: true when all are true",
        format!("<and>{}{}</and>", b("true"), b("true")),
        "single",
        "boolean",
        json!(true),
    );
    check(
        "and: false if any operand is false, even with NULL",
        format!("<and>{}{NULL}</and>", b("false")),
        "single",
        "boolean",
        json!(false),
    );
    check(
        "and: NULL if an operand is NULL and none false",
        format!("<and>{}{NULL}</and>", b("true")),
        "single",
        "boolean",
        Json::Null,
    );
    check(
        "or: true if any is true, even with NULL",
        format!("<or>{NULL}{}</or>", b("true")),
        "single",
        "boolean",
        json!(true),
    );
    check(
        "or: NULL if NULL and none true",
        format!("<or>{NULL}{}</or>", b("false")),
        "single",
        "boolean",
        Json::Null,
    );
    check(
        "not",
        format!("<not>{}</not>", b("false")),
        "single",
        "boolean",
        json!(true),
    );
    check(
        "not: NULL stays NULL",
        format!("<not>{NULL}</not>"),
        "single",
        "boolean",
        Json::Null,
    );
    check(
        "anyN: min..max true",
        format!(
            r#"<anyN min="1" max="2">{}{}{}</anyN>"#,
            b("true"),
            b("false"),
            b("true")
        ),
        "single",
        "boolean",
        json!(true),
    );
    check(
        "anyN: over max is false",
        format!(r#"<anyN min="1" max="1">{}{}</anyN>"#, b("true"), b("true")),
        "single",
        "boolean",
        json!(false),
    );
    check(
        "anyN: NULL when NULLs could still reach min",
        format!(r#"<anyN min="2" max="3">{}{NULL}</anyN>"#, b("true")),
        "single",
        "boolean",
        Json::Null,
    );
}

#[test]
fn comparison() {
    check(
        "match: containers compared as bags",
        format!(
            "<match><variable identifier=\"RESPONSE\"/><multiple>{}{}{}</multiple></match>",
            id("B"),
            id("A"),
            id("A")
        ),
        "single",
        "boolean",
        json!(true),
    );
    check(
        "match: NULL operand gives NULL",
        format!("<match>{NULL}{}</match>", id("A")),
        "single",
        "boolean",
        Json::Null,
    );
    check(
        "equal exact",
        format!(
            "<equal toleranceMode=\"exact\">{}{}</equal>",
            f("1.0"),
            i("1")
        ),
        "single",
        "boolean",
        json!(true),
    );
    check(
        "equal absolute: bounds included by default",
        format!(
            "<equal toleranceMode=\"absolute\" tolerance=\"0.5\">{}{}</equal>",
            f("10"),
            f("9.5")
        ),
        "single",
        "boolean",
        json!(true),
    );
    check(
        "equal absolute: excluded bound",
        format!(
            "<equal toleranceMode=\"absolute\" tolerance=\"0.5\" includeLowerBound=\"false\">{}{}</equal>",
            f("10"),
            f("9.5")
        ),
        "single",
        "boolean",
        json!(false),
    );
    check(
        "equal relative (percent of the first)",
        format!(
            "<equal toleranceMode=\"relative\" tolerance=\"10\">{}{}</equal>",
            f("20"),
            f("18")
        ),
        "single",
        "boolean",
        json!(true),
    );
    check(
        "equalRounded significantFigures: 3.175 to 3 s.f. is 3.18",
        format!(
            "<equalRounded roundingMode=\"significantFigures\" figures=\"3\">{}{}</equalRounded>",
            f("3.175"),
            f("3.18")
        ),
        "single",
        "boolean",
        json!(true),
    );
    check(
        "equalRounded decimalPlaces",
        format!(
            "<equalRounded roundingMode=\"decimalPlaces\" figures=\"1\">{}{}</equalRounded>",
            f("1.25"),
            f("1.3")
        ),
        "single",
        "boolean",
        json!(true),
    );
    check(
        "lt",
        format!("<lt>{}{}</lt>", i("1"), f("1.5")),
        "single",
        "boolean",
        json!(true),
    );
    check(
        "gt: NULL gives NULL",
        format!("<gt>{NULL}{}</gt>", i("1")),
        "single",
        "boolean",
        Json::Null,
    );
    check(
        "lte: equal values",
        format!("<lte>{}{}</lte>", i("2"), i("2")),
        "single",
        "boolean",
        json!(true),
    );
    check(
        "gte",
        format!("<gte>{}{}</gte>", i("1"), i("2")),
        "single",
        "boolean",
        json!(false),
    );
    check(
        "durationLT",
        "<durationLT><baseValue baseType=\"duration\">1.5</baseValue><baseValue baseType=\"duration\">2</baseValue></durationLT>".to_string(),
        "single",
        "boolean",
        json!(true),
    );
    check(
        "durationGTE",
        "<durationGTE><baseValue baseType=\"duration\">2</baseValue><baseValue baseType=\"duration\">2</baseValue></durationGTE>".to_string(),
        "single",
        "boolean",
        json!(true),
    );
}

#[test]
fn containers() {
    check(
        "multiple: flattens, drops NULL",
        format!(
            "<multiple>{}{NULL}<multiple>{}{}</multiple></multiple>",
            id("A"),
            id("B"),
            id("C")
        ),
        "multiple",
        "identifier",
        json!(["A", "B", "C"]),
    );
    check(
        "multiple: nothing left is NULL",
        format!("<multiple>{NULL}</multiple>"),
        "multiple",
        "identifier",
        Json::Null,
    );
    check(
        "ordered keeps order",
        format!("<ordered>{}{}</ordered>", id("B"), id("A")),
        "ordered",
        "identifier",
        json!(["B", "A"]),
    );
    check(
        "containerSize",
        "<containerSize><variable identifier=\"RESPONSE\"/></containerSize>".into(),
        "single",
        "integer",
        json!(3),
    );
    check(
        "containerSize: NULL container is 0",
        "<containerSize><variable identifier=\"EMPTY\"/></containerSize>".into(),
        "single",
        "integer",
        json!(0),
    );
    check(
        "isNull: empty container is NULL",
        "<isNull><variable identifier=\"EMPTY\"/></isNull>".into(),
        "single",
        "boolean",
        json!(true),
    );
    check(
        "isNull: empty string is NULL",
        format!("<isNull>{}</isNull>", st("")),
        "single",
        "boolean",
        json!(true),
    );
    check(
        "member",
        format!(
            "<member>{}<variable identifier=\"RESPONSE\"/></member>",
            id("B")
        ),
        "single",
        "boolean",
        json!(true),
    );
    check(
        "contains: multiset, duplicates counted",
        format!(
            "<contains><variable identifier=\"RESPONSE\"/><multiple>{}{}</multiple></contains>",
            id("A"),
            id("A")
        ),
        "single",
        "boolean",
        json!(true),
    );
    check(
        "contains: more copies than present",
        format!(
            "<contains><variable identifier=\"RESPONSE\"/><multiple>{}{}</multiple></contains>",
            id("B"),
            id("B")
        ),
        "single",
        "boolean",
        json!(false),
    );
    check(
        "delete: all occurrences",
        format!(
            "<delete>{}<variable identifier=\"RESPONSE\"/></delete>",
            id("A")
        ),
        "multiple",
        "identifier",
        json!(["B"]),
    );
    check(
        "index: 1-based",
        format!(
            r#"<index n="2"><ordered>{}{}</ordered></index>"#,
            id("X"),
            id("Y")
        ),
        "single",
        "identifier",
        json!("Y"),
    );
    check(
        "index: out of range is NULL",
        format!(
            r#"<index n="3"><ordered>{}{}</ordered></index>"#,
            id("X"),
            id("Y")
        ),
        "single",
        "identifier",
        Json::Null,
    );
    check(
        "repeat",
        format!(r#"<repeat numberRepeats="2">{}</repeat>"#, id("Z")),
        "ordered",
        "identifier",
        json!(["Z", "Z"]),
    );
    check(
        "random: draws a member",
        format!("<random><multiple>{}</multiple></random>", id("Q")),
        "single",
        "identifier",
        json!("Q"),
    );
}

#[test]
fn arithmetic() {
    check(
        "sum: integers stay integer",
        format!("<sum>{}{}</sum>", i("2"), i("3")),
        "single",
        "integer",
        json!(5),
    );
    check(
        "sum: NULL operand gives NULL",
        format!("<sum>{}{NULL}</sum>", i("2")),
        "single",
        "integer",
        Json::Null,
    );
    check(
        "product",
        format!("<product>{}{}</product>", i("4"), f("0.5")),
        "single",
        "float",
        json!(2.0),
    );
    check(
        "subtract",
        format!("<subtract>{}{}</subtract>", i("4"), i("6")),
        "single",
        "integer",
        json!(-2),
    );
    check(
        "divide: always float",
        format!("<divide>{}{}</divide>", i("7"), i("2")),
        "single",
        "float",
        json!(3.5),
    );
    check(
        "divide by zero is NULL",
        format!("<divide>{}{}</divide>", i("7"), i("0")),
        "single",
        "float",
        Json::Null,
    );
    check(
        "power",
        format!("<power>{}{}</power>", i("2"), i("10")),
        "single",
        "float",
        json!(1024.0),
    );
    check(
        "integerDivide: floored",
        format!("<integerDivide>{}{}</integerDivide>", i("-7"), i("2")),
        "single",
        "integer",
        json!(-4),
    );
    check(
        "integerModulus: sign of the divisor",
        format!("<integerModulus>{}{}</integerModulus>", i("-7"), i("2")),
        "single",
        "integer",
        json!(1),
    );
    check(
        "integerModulus by zero is NULL",
        format!("<integerModulus>{}{}</integerModulus>", i("7"), i("0")),
        "single",
        "integer",
        Json::Null,
    );
    check(
        "truncate",
        format!("<truncate>{}</truncate>", f("-6.7")),
        "single",
        "integer",
        json!(-6),
    );
    check(
        "round: half up, so -6.5 is -6",
        format!("<round>{}</round>", f("-6.5")),
        "single",
        "integer",
        json!(-6),
    );
    check(
        "round: 6.5 is 7",
        format!("<round>{}</round>", f("6.5")),
        "single",
        "integer",
        json!(7),
    );
    check(
        "roundTo significantFigures on the decimal value",
        format!(
            r#"<roundTo roundingMode="significantFigures" figures="3">{}</roundTo>"#,
            f("3.175")
        ),
        "single",
        "float",
        json!(3.18),
    );
    check(
        "roundTo decimalPlaces",
        format!(
            r#"<roundTo roundingMode="decimalPlaces" figures="2">{}</roundTo>"#,
            f("1.005")
        ),
        "single",
        "float",
        json!(1.01),
    );
    check(
        "integerToFloat",
        format!("<integerToFloat>{}</integerToFloat>", i("3")),
        "single",
        "float",
        json!(3.0),
    );
    check(
        "min: integer when all are",
        format!("<min>{}{}</min>", i("3"), i("-1")),
        "single",
        "integer",
        json!(-1),
    );
    check(
        "max: float when any is",
        format!("<max>{}{}</max>", i("3"), f("4.5")),
        "single",
        "float",
        json!(4.5),
    );
    check(
        "gcd",
        format!("<gcd>{}{}</gcd>", i("12"), i("18")),
        "single",
        "integer",
        json!(6),
    );
    check(
        "gcd of zeros is 0",
        format!("<gcd>{}{}</gcd>", i("0"), i("0")),
        "single",
        "integer",
        json!(0),
    );
    check(
        "lcm",
        format!("<lcm>{}{}</lcm>", i("4"), i("6")),
        "single",
        "integer",
        json!(12),
    );
    check(
        "lcm with zero is 0",
        format!("<lcm>{}{}</lcm>", i("0"), i("6")),
        "single",
        "integer",
        json!(0),
    );
    check(
        "statsOperator mean",
        format!(
            r#"<statsOperator name="mean"><multiple>{}{}</multiple></statsOperator>"#,
            i("1"),
            i("2")
        ),
        "single",
        "float",
        json!(1.5),
    );
    check(
        "statsOperator sampleVariance",
        format!(
            r#"<statsOperator name="sampleVariance"><multiple>{}{}{}</multiple></statsOperator>"#,
            i("1"),
            i("2"),
            i("3")
        ),
        "single",
        "float",
        json!(1.0),
    );
    check(
        "mathOperator sqrt of negative is NULL",
        format!(r#"<mathOperator name="sqrt">{}</mathOperator>"#, f("-1")),
        "single",
        "float",
        Json::Null,
    );
    check(
        "mathOperator signum",
        format!(r#"<mathOperator name="signum">{}</mathOperator>"#, f("-3")),
        "single",
        "float",
        json!(-1.0),
    );
    check(
        "mathConstant pi",
        format!(r#"<gt><mathConstant name="pi"/>{}</gt>"#, f("3.14159")),
        "single",
        "boolean",
        json!(true),
    );
    check(
        "randomInteger with step",
        r#"<randomInteger min="4" max="4" step="2"/>"#.into(),
        "single",
        "integer",
        json!(4),
    );
}

#[test]
fn strings_and_patterns() {
    check(
        "substring: case sensitive by default",
        format!(
            "<substring>{}<variable identifier=\"S\"/></substring>",
            st("world")
        ),
        "single",
        "boolean",
        json!(false),
    );
    check(
        "substring: caseSensitive false",
        format!(
            "<substring caseSensitive=\"false\">{}<variable identifier=\"S\"/></substring>",
            st("world")
        ),
        "single",
        "boolean",
        json!(true),
    );
    check(
        "stringMatch substring",
        format!(
            "<stringMatch caseSensitive=\"true\" substring=\"true\">{}<variable identifier=\"S\"/></stringMatch>",
            st("Hello")
        ),
        "single",
        "boolean",
        json!(false),
    );
    check("patternMatch: XSD regex, whole string", r#"<patternMatch pattern="\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+"><variable identifier="S"/></patternMatch>"#.into(), "single", "boolean", json!(true));
    check(
        "patternMatch: no implicit substring match",
        r#"<patternMatch pattern="World"><variable identifier="S"/></patternMatch>"#.into(),
        "single",
        "boolean",
        json!(false),
    );
    check(
        "patternMatch: NULL gives NULL",
        format!(r#"<patternMatch pattern="x">{NULL}</patternMatch>"#),
        "single",
        "boolean",
        Json::Null,
    );
}

#[test]
fn variables_and_mappings() {
    check(
        "variable",
        "<variable identifier=\"S\"/>".into(),
        "single",
        "string",
        json!("Hello World"),
    );
    check(
        "default: the declared default, not the current value",
        "<default identifier=\"D\"/>".into(),
        "single",
        "float",
        json!(3.5),
    );
    check(
        "correct",
        "<correct identifier=\"RESPONSE\"/>".into(),
        "multiple",
        "identifier",
        json!(["A", "B"]),
    );
    check(
        "mapResponse: each distinct value once, bounded",
        "<mapResponse identifier=\"RESPONSE\"/>".into(),
        "single",
        "float",
        json!(3.5),
    );
    check(
        "mapResponsePoint: inside the circle",
        "<mapResponsePoint identifier=\"P\"/>".into(),
        "single",
        "float",
        json!(4.0),
    );
    check(
        "inside",
        r#"<inside shape="rect" coords="0,0,10,10"><variable identifier="P"/></inside>"#.into(),
        "single",
        "boolean",
        json!(true),
    );
    check(
        "customOperator: unknown class gives NULL",
        format!(
            r#"<customOperator class="example.Unknown">{}</customOperator>"#,
            st("x")
        ),
        "single",
        "string",
        Json::Null,
    );
    check(
        "customOperator: built-in Trim",
        format!(
            r#"<customOperator definition="qade:Trim">{}</customOperator>"#,
            st("  x ")
        ),
        "single",
        "string",
        json!("x"),
    );
}

/// A vendor's expression (here `isNotNull`, which no QTI version has) is
/// refused by name and place, as its own kind of error.
#[test]
fn unknown_expression_is_refused_with_its_name_and_place() {
    let xml = r#"<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="t" title="t" adaptive="false" timeDependent="false">
  <responseDeclaration identifier="R" cardinality="single" baseType="identifier"/>
  <outcomeDeclaration identifier="OUT" cardinality="single" baseType="boolean"/>
  <responseProcessing>
    <setOutcomeValue identifier="OUT"><isNotNull><variable identifier="R"/></isNotNull></setOutcomeValue>
  </responseProcessing>
</assessmentItem>"#;
    let e = read_item(xml.as_bytes()).expect_err("isNotNull is not QTI");
    assert_eq!(
        e.kind,
        qti_engine::ErrorKind::UnknownExpression {
            element: "isNotNull".into()
        }
    );
    let text = e.to_string();
    assert!(
        text.starts_with("5:39:") && text.contains("<isNotNull> is not an expression"),
        "{text}"
    );
}

/// An operator or rule given more or fewer expressions than the ASI model
/// allows is refused as such, with what it needs and what it was given.
#[test]
fn operand_counts_outside_the_model_are_refused() {
    let item = |rule: &str| {
        format!(
            r#"<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="t" title="t" adaptive="false" timeDependent="false">
  <outcomeDeclaration identifier="OUT" cardinality="single" baseType="float"/>
  <responseProcessing>{rule}</responseProcessing>
</assessmentItem>"#
        )
    };
    let kind = |rule: &str| read_item(item(rule).as_bytes()).expect_err(rule).kind;
    let one = r#"<baseValue baseType="float">1</baseValue>"#;
    assert_eq!(
        kind(&format!(
            r#"<setOutcomeValue identifier="OUT"><not>{one}{one}</not></setOutcomeValue>"#
        )),
        qti_engine::ErrorKind::OperandCount {
            element: "not".into(),
            expected: "1 operand(s)".into(),
            found: 2
        }
    );
    assert_eq!(
        kind(r#"<setOutcomeValue identifier="OUT"/>"#),
        qti_engine::ErrorKind::OperandCount {
            element: "setOutcomeValue".into(),
            expected: "exactly one expression".into(),
            found: 0
        }
    );
}
