//! Identifiers as validated newtypes.
//!
//! Entra group ids and assignment filter ids are GUIDs; Intune assignment and
//! configuration ids are opaque strings (often composite, such as
//! `{guid}_{guid}` or `{guid}_0_0`) that must be percent-encoded in a URL path.

use std::fmt;
use std::str::FromStr;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::{Deserialize, Serialize};

/// Why a string is not a valid identifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdError {
    /// The string was empty or only whitespace.
    Empty,
    /// The string is not a GUID in the hyphenated 8-4-4-4-12 form.
    NotAGuid {
        /// The text as it was given (trimmed).
        given: String,
    },
    /// The id is `.` or `..`, which a URL parser resolves as a step in the path instead of
    /// sending it as a segment (even percent-encoded), so the request would go elsewhere.
    DotSegment {
        /// The text as it was given (trimmed).
        given: String,
    },
}

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdError::Empty => f.write_str("must not be empty"),
            IdError::NotAGuid { given } => write!(
                f,
                "\"{given}\" is not a GUID; expected the hyphenated 8-4-4-4-12 form of 32 hex digits, \
                 such as 00000000-0000-0000-0000-000000000000"
            ),
            IdError::DotSegment { given } => write!(
                f,
                "\"{given}\" cannot be an id in a URL path: browsers and HTTP clients read it as \
                 a step to the current or parent folder and would request a different URL"
            ),
        }
    }
}

impl std::error::Error for IdError {}

/// Checks the hyphenated 8-4-4-4-12 GUID form (either case) and returns it in lower case.
fn normalise_guid(text: &str) -> Result<String, IdError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(IdError::Empty);
    }
    let well_formed = trimmed.len() == 36
        && trimmed.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        });
    if well_formed {
        Ok(trimmed.to_ascii_lowercase())
    } else {
        Err(IdError::NotAGuid {
            given: trimmed.to_owned(),
        })
    }
}

/// Checks that an opaque id is not blank and returns it trimmed.
fn normalise_opaque(text: &str) -> Result<String, IdError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        Err(IdError::Empty)
    } else {
        Ok(trimmed.to_owned())
    }
}

/// Checks an opaque id that goes into a URL path: not blank, and not `.` or `..`.
fn normalise_path_id(text: &str) -> Result<String, IdError> {
    let id = normalise_opaque(text)?;
    if id == "." || id == ".." {
        return Err(IdError::DotSegment { given: id });
    }
    Ok(id)
}

/// Defines a string newtype whose constructor is `$normalise`, with the conversions every id
/// needs (parsing, serde through `String`, display).
macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident, $normalise:path) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Parses the id by the rule in the type's description.
            pub fn parse(text: &str) -> Result<Self, IdError> {
                $normalise(text).map(Self)
            }

            /// The id in its normal form.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl FromStr for $name {
            type Err = IdError;
            fn from_str(text: &str) -> Result<Self, IdError> {
                Self::parse(text)
            }
        }

        impl TryFrom<String> for $name {
            type Error = IdError;
            fn try_from(text: String) -> Result<Self, IdError> {
                Self::parse(&text)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

string_id!(
    /// The object id of an Entra (Azure AD) group: a GUID in the hyphenated 8-4-4-4-12 form, in
    /// either case, surrounding whitespace ignored; emitted in lower case.
    GroupId,
    normalise_guid
);
string_id!(
    /// The id of an Intune assignment filter (`/deviceManagement/assignmentFilters`): a GUID in
    /// the hyphenated 8-4-4-4-12 form, in either case, surrounding whitespace ignored; emitted
    /// in lower case.
    FilterId,
    normalise_guid
);
string_id!(
    /// The application (client) id of an Entra app registration: a GUID in the hyphenated
    /// 8-4-4-4-12 form, in either case, surrounding whitespace ignored; emitted in lower case.
    ClientId,
    normalise_guid
);
string_id!(
    /// The id of an iOS LOB app provisioning configuration. Opaque (not required to be a GUID):
    /// any text that is not blank and not `.` or `..`, surrounding whitespace trimmed.
    ConfigurationId,
    normalise_path_id
);
string_id!(
    /// The id of an assignment of a configuration. Opaque: Intune uses composite ids such as
    /// `{guid}_{guid}` or `{guid}_0_0`; any text that is not blank and not `.` or `..`,
    /// surrounding whitespace trimmed.
    AssignmentId,
    normalise_path_id
);
string_id!(
    /// The id of a Configuration Manager collection, such as `SMS00001`. Opaque: any text that
    /// is not blank, surrounding whitespace trimmed.
    CollectionId,
    normalise_opaque
);

impl ConfigurationId {
    /// The id percent-encoded for use as one URL path segment.
    pub fn to_path_segment(&self) -> String {
        encode_path_segment(&self.0)
    }
}

impl AssignmentId {
    /// The id percent-encoded for use as one URL path segment.
    pub fn to_path_segment(&self) -> String {
        encode_path_segment(&self.0)
    }
}

/// The bytes left as they are in a path segment: RFC 3986's unreserved characters.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes any text for use as one URL path segment (UTF-8, every byte except
/// ASCII letters, digits and `-._~`).
pub fn encode_path_segment(text: &str) -> String {
    utf8_percent_encode(text, PATH_SEGMENT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guid_accepts_either_case_and_trims_then_emits_lower_case() {
        let id = GroupId::parse("  0C5A1B2D-3E4F-4A5B-8C6D-7E8F9A0B1C2D\n").unwrap();
        assert_eq!(id.as_str(), "0c5a1b2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d");
        assert_eq!(
            serde_json::to_string(&id).unwrap(),
            "\"0c5a1b2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d\""
        );
    }

    #[test]
    fn guid_rejects_other_forms_and_names_the_expected_one() {
        for bad in [
            "0c5a1b2d3e4f4a5b8c6d7e8f9a0b1c2d",
            "{0c5a1b2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d}",
            "urn:uuid:0c5a1b2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d",
            "0c5a1b2d-3e4f-4a5b-8c6d-7e8f9a0b1c2g",
            "0c5a1b2d-3e4f-4a5b-8c6d7-e8f9a0b1c2d",
            "Sales team",
            "null",
        ] {
            let err = FilterId::parse(bad).unwrap_err();
            assert!(err.to_string().contains("8-4-4-4-12"), "{bad}: {err}");
        }
        assert_eq!(GroupId::parse("  "), Err(IdError::Empty));
    }

    #[test]
    fn guid_deserialisation_validates() {
        assert!(serde_json::from_str::<GroupId>("\"not-a-guid\"").is_err());
        let id: GroupId = serde_json::from_str("\"AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE\"").unwrap();
        assert_eq!(id.as_str(), "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
    }

    #[test]
    fn opaque_ids_must_not_be_empty_and_keep_their_text() {
        assert_eq!(AssignmentId::parse(" \t"), Err(IdError::Empty));
        let id = AssignmentId::parse(" Abc_0_0 ").unwrap();
        assert_eq!(id.as_str(), "Abc_0_0");
    }

    #[test]
    fn opaque_ids_are_percent_encoded_as_path_segments() {
        let id = AssignmentId::parse("a/b?c#d e%f_0~1.x-é").unwrap();
        assert_eq!(id.to_path_segment(), "a%2Fb%3Fc%23d%20e%25f_0~1.x-%C3%A9");
        let composite = ConfigurationId::parse("0c5a1b2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d_0_0").unwrap();
        assert_eq!(composite.to_path_segment(), composite.as_str());
    }

    #[test]
    fn dot_segments_are_refused_as_path_ids() {
        for dots in [".", "..", " .. "] {
            assert!(matches!(
                ConfigurationId::parse(dots),
                Err(IdError::DotSegment { .. })
            ));
            let error = AssignmentId::parse(dots).unwrap_err();
            assert!(error.to_string().contains("different URL"), "{error}");
        }
        for fine in ["...", ".a", "a.", "%2e", "%2E%2E"] {
            assert_eq!(AssignmentId::parse(fine).unwrap().as_str(), fine);
        }
        assert_eq!(CollectionId::parse("..").unwrap().as_str(), "..");
    }
}
