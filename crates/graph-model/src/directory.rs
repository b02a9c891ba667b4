//! Names for the ids in a target: Entra groups and Intune assignment filters, as Graph returns
//! them, and the queries that find them by name. The page builds these queries and the
//! emulator reads them back with the same code, so both agree on quoting.
//!
//! ```
//! use graph_model::directory::{display_name_search, search_groups_query};
//!
//! let query = search_groups_query("Sales \"EU\"", 10);
//! assert!(query.starts_with("$search=%22displayName%3ASales%20%5C%22EU%5C%22%22"));
//! assert_eq!(display_name_search("\"displayName:Sales \\\"EU\\\"\""), Ok("Sales \"EU\"".to_owned()));
//! ```

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::{Deserialize, Serialize};

use crate::ids::{FilterId, GroupId};

/// The groups collection below the version segment.
pub const GROUPS_PATH: &str = "/groups";
/// The assignment filters collection below the version segment (beta).
pub const ASSIGNMENT_FILTERS_PATH: &str = "/deviceManagement/assignmentFilters";
/// The properties a group search asks for.
pub const GROUP_SELECT: &str =
    "id,displayName,description,groupTypes,membershipRule,securityEnabled";
/// The header `$search` needs on directory objects, and its value.
pub const CONSISTENCY_LEVEL: (&str, &str) = ("ConsistencyLevel", "eventual");

/// An Entra group, as far as choosing one for an assignment needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Group {
    /// The object id.
    pub id: GroupId,
    /// The name admins know it by.
    #[serde(default)]
    pub display_name: String,
    /// What it is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `DynamicMembership` for dynamic groups, `Unified` for Microsoft 365 groups.
    #[serde(default)]
    pub group_types: Vec<String>,
    /// The rule of a dynamic group, such as `(device.deviceOSType -eq "iPad")`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub membership_rule: Option<String>,
    /// Whether it can be used for access (and for Intune assignments).
    #[serde(default)]
    pub security_enabled: bool,
}

/// Who a group holds, as far as its rule says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Members {
    /// A dynamic group whose rule is about devices.
    Devices,
    /// A dynamic group whose rule is about users.
    Users,
    /// An assigned group: members are added by hand, users or devices.
    Assigned,
}

impl Group {
    /// True for a dynamic-membership group.
    pub fn is_dynamic(&self) -> bool {
        self.group_types
            .iter()
            .any(|kind| kind == "DynamicMembership")
    }

    /// Who the group holds, read from a dynamic group's rule.
    pub fn members(&self) -> Members {
        match (&self.membership_rule, self.is_dynamic()) {
            (Some(rule), true) if rule.contains("device.") => Members::Devices,
            (Some(_), true) => Members::Users,
            _ => Members::Assigned,
        }
    }
}

/// An Intune assignment filter (`deviceAndAppManagementAssignmentFilter`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AssignmentFilterEntity {
    /// The filter id.
    pub id: FilterId,
    /// Its name.
    #[serde(default)]
    pub display_name: String,
    /// What it is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The platform, such as `iOS`, `android` or `windows10AndLater`.
    #[serde(default)]
    pub platform: String,
    /// The rule, such as `(device.model -startsWith "iPad")`.
    #[serde(default)]
    pub rule: String,
    /// `devices` or `apps`.
    #[serde(default)]
    pub assignment_filter_management_type: String,
}

impl AssignmentFilterEntity {
    /// True for a device filter of iOS/iPadOS, the only kind that fits this entity's
    /// assignments.
    pub fn fits_ios_devices(&self) -> bool {
        self.platform == "iOS" && self.assignment_filter_management_type != "apps"
    }
}

/// The bytes left as they are in a query value: RFC 3986's unreserved characters.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

fn encode(text: &str) -> String {
    utf8_percent_encode(text, QUERY_VALUE).to_string()
}

/// The query that searches groups by name (send it with [`CONSISTENCY_LEVEL`]): the text goes
/// into `"displayName:..."` with `"` and `\` escaped by a backslash, then percent-encoded.
pub fn search_groups_query(text: &str, top: u8) -> String {
    let term = text.trim().replace('\\', "\\\\").replace('"', "\\\"");
    format!(
        "$search={}&$select={}&$top={top}",
        encode(&format!("\"displayName:{term}\"")),
        encode(GROUP_SELECT)
    )
}

/// The query for groups whose name starts with `text`: an OData string literal, with `'`
/// doubled, then percent-encoded.
pub fn groups_starting_with_query(text: &str, top: u8) -> String {
    let literal = text.trim().replace('\'', "''");
    format!(
        "$filter={}&$select={}&$top={top}",
        encode(&format!("startswith(displayName,'{literal}')")),
        encode(GROUP_SELECT)
    )
}

/// Reads a `$search` value of the form `"displayName:TEXT"` (decoded from the URL) back into
/// TEXT; the error says what is wrong, in the words Graph uses.
pub fn display_name_search(value: &str) -> Result<String, String> {
    let inner = value
        .trim()
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
        .ok_or("Syntax error: the $search value must be in double quotes, such as \"displayName:sales\".")?;
    let term = inner.strip_prefix("displayName:").ok_or(
        "Syntax error: this service searches groups by displayName only, as \"displayName:TEXT\".",
    )?;
    let mut text = String::with_capacity(term.len());
    let mut characters = term.chars();
    while let Some(character) = characters.next() {
        match character {
            '\\' => text.push(
                characters
                    .next()
                    .ok_or("Syntax error: the $search value ends with a lone backslash.")?,
            ),
            '"' => {
                return Err(
                    "Syntax error: a double quote inside $search must be escaped as \\\"."
                        .to_owned(),
                );
            }
            other => text.push(other),
        }
    }
    Ok(text)
}

/// Reads a `$filter` value of the form `startswith(displayName,'TEXT')` back into TEXT.
pub fn starts_with_filter(value: &str) -> Result<String, String> {
    let literal = value
        .trim()
        .strip_prefix("startswith(displayName,'")
        .and_then(|rest| rest.strip_suffix("')"))
        .ok_or("Invalid filter clause: this service filters groups by startswith(displayName,'TEXT') only.")?;
    let mut text = String::with_capacity(literal.len());
    let mut characters = literal.chars();
    while let Some(character) = characters.next() {
        if character == '\'' && characters.next() != Some('\'') {
            return Err(
                "Invalid filter clause: a quote inside the text must be doubled ('').".to_owned(),
            );
        }
        text.push(character);
    }
    Ok(text)
}

/// Whether a group's name matches a search term as Graph's `$search` does: every word of the
/// term starts some word of the name, ignoring case.
pub fn name_matches_search(name: &str, term: &str) -> bool {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect();
    term.split(|c: char| !c.is_alphanumeric())
        .filter(|part| !part.is_empty())
        .map(str::to_lowercase)
        .all(|part| words.iter().any(|word| word.starts_with(&part)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use percent_encoding::percent_decode_str;

    fn decoded_parameter(query: &str, name: &str) -> String {
        let value = query
            .split('&')
            .find_map(|pair| pair.strip_prefix(&format!("{name}=")))
            .unwrap();
        percent_decode_str(value)
            .decode_utf8()
            .unwrap()
            .into_owned()
    }

    #[test]
    fn search_text_round_trips_through_quoting() {
        for text in [
            "Sales",
            "iOS \"pilot\" users",
            "back\\slash",
            "Ventes Île-de-France",
            "日本 チーム",
            "a&b=c#d",
        ] {
            let query = search_groups_query(text, 5);
            let search = decoded_parameter(&query, "$search");
            assert_eq!(
                display_name_search(&search),
                Ok(text.to_owned()),
                "{search}"
            );
            assert!(!query.contains(' ') && !query.contains('#'), "{query}");
        }
        assert!(search_groups_query("x", 5).ends_with("&$top=5"));
    }

    #[test]
    fn filter_text_round_trips_through_quoting() {
        for text in ["Sales", "O'Brien's team", "''", "Zoë"] {
            let query = groups_starting_with_query(text, 5);
            let filter = decoded_parameter(&query, "$filter");
            assert_eq!(starts_with_filter(&filter), Ok(text.to_owned()), "{filter}");
        }
        assert!(starts_with_filter("startswith(displayName,'a'b')").is_err());
        assert!(starts_with_filter("displayName eq 'a'").is_err());
    }

    #[test]
    fn malformed_searches_are_refused() {
        assert!(display_name_search("displayName:a").is_err());
        assert!(display_name_search("\"description:a\"").is_err());
        assert!(display_name_search("\"displayName:a\\\"").is_err());
        assert!(display_name_search("\"displayName:a\"b\"").is_err());
    }

    #[test]
    fn search_matches_word_prefixes_ignoring_case() {
        assert!(name_matches_search("iOS pilot users", "pilot"));
        assert!(name_matches_search("iOS pilot users", "PIL us"));
        assert!(!name_matches_search("iOS pilot users", "lot"));
        assert!(name_matches_search("Île-de-France iPads", "île"));
    }

    #[test]
    fn groups_say_who_they_hold() {
        let group = |types: &[&str], rule: Option<&str>| Group {
            id: GroupId::parse("5c3e4b2a-1d0f-4e9c-8b7a-6f5e4d3c2b1a").unwrap(),
            display_name: "g".into(),
            description: None,
            group_types: types.iter().map(|t| (*t).to_owned()).collect(),
            membership_rule: rule.map(str::to_owned),
            security_enabled: true,
        };
        assert_eq!(
            group(
                &["DynamicMembership"],
                Some("(device.deviceOSType -eq \"iPad\")")
            )
            .members(),
            Members::Devices
        );
        assert_eq!(
            group(
                &["DynamicMembership"],
                Some("(user.department -eq \"Sales\")")
            )
            .members(),
            Members::Users
        );
        assert_eq!(group(&[], None).members(), Members::Assigned);
    }
}
