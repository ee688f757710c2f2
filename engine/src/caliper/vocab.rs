//! Closed vocabularies (entity types, event types, actions) as `Copy`
//! enums: a named variant for every term this module writes, and `Other`
//! for the rest of the Caliper 1.2 vocabulary. `Other` holds the name as
//! interned from the validator's tables, so the list of Caliper terms
//! lives in one place and the enums stay `Copy`.
//!
//! Parsing a term always yields its named variant when there is one;
//! `Other` only ever holds names that have no named variant.

macro_rules! vocabulary {
    (
        $(#[$doc:meta])*
        $name:ident, what = $what:literal, lookup = $lookup:path,
        [$($variant:ident),* $(,)?]
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($variant,)*
            /// Another term of the Caliper 1.2 vocabulary.
            Other(&'static str),
        }

        impl $name {
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => stringify!($variant),)*
                    Self::Other(s) => s,
                }
            }

            /// The term named `s`, if Caliper 1.2 has one.
            pub fn parse(s: &str) -> Option<Self> {
                match s {
                    $(stringify!($variant) => Some(Self::$variant),)*
                    _ => $lookup(s).map(Self::Other),
                }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Self::parse(&s).ok_or_else(|| {
                    <D::Error as serde::de::Error>::custom(format!(
                        concat!("unknown Caliper ", $what, " {:?}"),
                        s
                    ))
                })
            }
        }
    };
}

pub(crate) use vocabulary;
