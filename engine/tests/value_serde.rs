//! The serde form of values (saved sessions, `restoreState`): what `Serialize`
//! writes reads back the same, in either key order, and malformed JSON is refused.

use std::collections::BTreeMap;

use qti_engine::value::{FileValue, IntOrIdentifier, Scalar, Value};

fn scalars() -> Vec<Scalar> {
    vec![
        Scalar::Identifier("A".into()),
        Scalar::Boolean(true),
        Scalar::Integer(-42),
        Scalar::Integer(i64::MAX),
        Scalar::Float(2.5),
        Scalar::Float(3.0),
        Scalar::String(" spaced ".into()),
        Scalar::Point(3, -4),
        Scalar::Pair("A".into(), "B".into()),
        Scalar::DirectedPair("B".into(), "A".into()),
        Scalar::Duration(1.25),
        Scalar::File(FileValue {
            name: "a.txt".into(),
            mime_type: "text/plain".into(),
            data: vec![0, 1, 255],
        }),
        Scalar::Uri("https://example.org/".into()),
        Scalar::IntOrIdentifier(IntOrIdentifier::Int(7)),
        Scalar::IntOrIdentifier(IntOrIdentifier::Identifier("x".into())),
    ]
}

fn values() -> Vec<Value> {
    let mut record = BTreeMap::new();
    record.insert("a".to_string(), Some(Scalar::Integer(1)));
    record.insert("b".to_string(), None);
    record.insert("c".to_string(), Some(Scalar::Pair("X".into(), "Y".into())));
    let mut values = vec![
        Value::Null,
        Value::Multiple(scalars()),
        Value::Ordered(vec![
            Scalar::Identifier("B".into()),
            Scalar::Identifier("A".into()),
        ]),
        Value::Record(record),
    ];
    values.extend(scalars().into_iter().map(Value::Single));
    values
}

#[test]
fn every_scalar_and_value_round_trips() {
    for s in scalars() {
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<Scalar>(&json).unwrap(), s, "{json}");
    }
    for v in values() {
        let json = serde_json::to_string(&v).unwrap();
        assert_eq!(serde_json::from_str::<Value>(&json).unwrap(), v, "{json}");
    }
}

#[test]
fn the_written_form_is_stable() {
    // Saved sessions outlive releases: this is the format they hold.
    assert_eq!(
        serde_json::to_string(&Value::Single(Scalar::Point(1, 2))).unwrap(),
        r#"{"card":"single","v":{"t":"point","v":[1,2]}}"#
    );
    assert_eq!(
        serde_json::to_string(&Value::Null).unwrap(),
        r#"{"card":"null"}"#
    );
    assert_eq!(
        serde_json::to_string(&Scalar::IntOrIdentifier(IntOrIdentifier::Int(3))).unwrap(),
        r#"{"t":"intOrIdentifier","v":{"Int":3}}"#
    );
}

#[test]
fn content_before_tag_unknown_keys_and_explicit_null() {
    let read = |json: &str| serde_json::from_str::<Value>(json).unwrap();
    assert_eq!(
        read(r#"{"v":{"v":"A","t":"identifier"},"card":"single"}"#),
        Value::Single(Scalar::Identifier("A".into()))
    );
    assert_eq!(
        read(r#"{"card":"multiple","x":1,"v":[{"t":"integer","v":2,"y":0}]}"#),
        Value::Multiple(vec![Scalar::Integer(2)])
    );
    assert_eq!(read(r#"{"card":"null","v":null}"#), Value::Null);
    assert_eq!(
        read(r#"{"card":"single","v":{"t":"float","v":2}}"#),
        Value::Single(Scalar::Float(2.0))
    );
    assert_eq!(
        read(r#"{"card":"single","v":{"t":"file","v":{"name":"n","mime_type":"m"}}}"#),
        Value::Single(Scalar::File(FileValue {
            name: "n".into(),
            mime_type: "m".into(),
            data: Vec::new()
        }))
    );
}

#[test]
fn malformed_values_are_refused() {
    for json in [
        r#"{"card":"single","v":{"t":"integer","v":"1"}}"#,
        r#"{"card":"single","v":{"t":"integer","v":1.5}}"#,
        r#"{"card":"single","v":{"t":"integer","v":18446744073709551615}}"#,
        r#"{"card":"single","v":{"t":"boolean","v":1}}"#,
        r#"{"card":"single","v":{"t":"point","v":[1]}}"#,
        r#"{"card":"single","v":{"t":"point","v":[1,2,3]}}"#,
        r#"{"card":"single","v":{"t":"pair","v":["A",2]}}"#,
        r#"{"card":"single","v":{"t":"color","v":"red"}}"#,
        r#"{"card":"single","v":{"t":"identifier"}}"#,
        r#"{"card":"single","v":{"v":"A"}}"#,
        r#"{"card":"single","v":{"t":"file","v":{"name":"n"}}}"#,
        r#"{"card":"single","v":{"t":"file","v":{"name":"n","mime_type":"m","data":[256]}}}"#,
        r#"{"card":"single","v":{"t":"intOrIdentifier","v":{"Float":1}}}"#,
        r#"{"card":"single","v":{"t":"intOrIdentifier","v":{"Int":1,"Identifier":"a"}}}"#,
        r#"{"card":"single","v":null}"#,
        r#"{"card":"single"}"#,
        r#"{"card":"multiple","v":{"t":"integer","v":1}}"#,
        r#"{"card":"record","v":[]}"#,
        r#"{"card":"bag","v":[]}"#,
        r#"{"v":[]}"#,
        r#"{"card":"null","v":[]}"#,
        r#"[]"#,
        r#""single""#,
    ] {
        assert!(
            serde_json::from_str::<Value>(json).is_err(),
            "{json} was accepted"
        );
    }
}

#[test]
fn a_file_reads_as_a_map_or_a_sequence() {
    let read = |json: &str| serde_json::from_str::<Scalar>(json);
    let file = |data: Vec<u8>| {
        Scalar::File(FileValue {
            name: "n".into(),
            mime_type: "m".into(),
            data,
        })
    };
    assert_eq!(
        read(r#"{"t":"file","v":["n","m"]}"#).unwrap(),
        file(Vec::new())
    );
    assert_eq!(
        read(r#"{"t":"file","v":["n","m",[1,2]]}"#).unwrap(),
        file(vec![1, 2])
    );
    assert_eq!(
        read(r#"{"t":"file","v":{"data":[3],"mime_type":"m","name":"n","x":0}}"#).unwrap(),
        file(vec![3])
    );
    for json in [
        r#"{"t":"file","v":["n"]}"#,
        r#"{"t":"file","v":["n","m",[],1]}"#,
        r#"{"t":"file","v":{"name":"n","mime_type":"m","data":null}}"#,
        r#"{"t":"file","v":{"name":"n","mime_type":"m","data":[-1]}}"#,
        r#"{"t":"file","v":{"name":1,"mime_type":"m"}}"#,
        r#"{"t":"file","v":"n"}"#,
    ] {
        assert!(read(json).is_err(), "{json} was accepted");
    }
}
