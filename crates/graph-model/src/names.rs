//! Enums that are read from text and written as text, all by one rule: `FromStr` accepts
//! exactly what `Display` writes (a stable key or the wire value), and refuses anything else
//! with the list of what would be right.

use std::fmt;

/// Text that names none of an enum's values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    /// What was being named, such as `API version`.
    pub what: &'static str,
    /// The text as it was given.
    pub given: String,
    /// Every accepted spelling.
    pub expected: &'static [&'static str],
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "\"{}\" is not a known {}; expected one of: {}",
            self.given,
            self.what,
            self.expected.join(", ")
        )
    }
}

impl std::error::Error for UnknownName {}

/// Gives an enum with an `ALL` array `FromStr` and `Display` through the `const fn` `$key`,
/// which returns the value's one spelling, and `KEYS`, every spelling in the order of `ALL`.
macro_rules! named_enum {
    ($name:ident, $what:literal, $key:ident) => {
        impl $name {
            /// Every spelling, in the order of `ALL`.
            pub const KEYS: [&'static str; $name::ALL.len()] = {
                let mut keys = [""; $name::ALL.len()];
                let mut index = 0;
                while index < keys.len() {
                    keys[index] = $name::ALL[index].$key();
                    index += 1;
                }
                keys
            };
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::names::UnknownName;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Self::ALL
                    .into_iter()
                    .find(|value| value.$key() == text)
                    .ok_or_else(|| $crate::names::UnknownName {
                        what: $what,
                        given: text.to_owned(),
                        expected: &Self::KEYS,
                    })
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.$key())
            }
        }
    };
}

pub(crate) use named_enum;

#[cfg(test)]
mod tests {
    use crate::snippets::SnippetLanguage;
    use crate::{ApiVersion, FilterType, NationalCloud, TargetKind};

    /// Every value reads back from what it writes, and a wrong spelling lists the right ones.
    fn round_trips<T>(all: &[T])
    where
        T: std::str::FromStr<Err = super::UnknownName>
            + std::fmt::Display
            + PartialEq
            + std::fmt::Debug,
    {
        for value in all {
            assert_eq!(value.to_string().parse::<T>().as_ref(), Ok(value));
        }
        let error = "Nope".parse::<T>().unwrap_err();
        assert_eq!(error.expected.len(), all.len());
        assert!(error.to_string().starts_with("\"Nope\" is not a known "));
        assert!(error.to_string().contains(&all[0].to_string()));
    }

    #[test]
    fn every_text_enum_round_trips_and_names_the_right_spellings() {
        round_trips(&ApiVersion::ALL);
        round_trips(&NationalCloud::ALL);
        round_trips(&TargetKind::ALL);
        round_trips(&FilterType::ALL);
        round_trips(&SnippetLanguage::ALL);
        assert_eq!("v1.0".parse(), Ok(ApiVersion::V1_0));
        assert_eq!("usgov-l5-dod".parse(), Ok(NationalCloud::UsGovL5Dod));
        assert_eq!("groupAssignmentTarget".parse(), Ok(TargetKind::Group));
        assert!(
            "Include".parse::<FilterType>().is_err(),
            "wire values are exact"
        );
    }
}
