//! Intune's audit trail as Graph serves it (`GET /beta/deviceManagement/auditEvents`): the
//! fields the page reads of `microsoft.graph.auditEvent`, read leniently (every field may be
//! missing), the target before and after from the assignment's `Target` property, and who
//! made the change in words.

use serde::Deserialize;

use crate::target::AssignmentTarget;

/// Who made a change, as the audit event says.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Actor {
    /// `ItPro`, `Application`…
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// The user's sign-in name.
    pub user_principal_name: Option<String>,
    /// The app's name.
    pub application_display_name: Option<String>,
}

/// A property a change modified.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ModifiedProperty {
    /// Its name.
    pub display_name: Option<String>,
    /// Before, as JSON text.
    pub old_value: Option<String>,
    /// After, as JSON text.
    pub new_value: Option<String>,
}

/// What a change touched.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Resource {
    /// Its type.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Its id.
    pub resource_id: Option<String>,
    /// What changed.
    pub modified_properties: Vec<ModifiedProperty>,
}

/// One audit event (`microsoft.graph.auditEvent`, the fields Changes reads).
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AuditEvent {
    /// When.
    pub activity_date_time: Option<String>,
    /// `Patch`, `Create`, `Delete`, `Action`…
    pub activity_operation_type: Option<String>,
    /// The activity's name.
    pub activity: Option<String>,
    /// The request's `client-request-id`.
    pub correlation_id: Option<String>,
    /// Who.
    pub actor: Actor,
    /// What.
    pub resources: Vec<Resource>,
}

impl AuditEvent {
    /// The assignment's target before and after (`None` where it did not exist or the event
    /// does not say), read from the assignment resource's `Target` property.
    pub fn targets(&self) -> (Option<AssignmentTarget>, Option<AssignmentTarget>) {
        let property = self
            .resources
            .iter()
            .flat_map(|resource| &resource.modified_properties)
            .find(|property| {
                property
                    .display_name
                    .as_deref()
                    .is_some_and(|name| name.eq_ignore_ascii_case("target"))
            });
        let read = |text: &Option<String>| {
            text.as_deref()
                .and_then(|text| serde_json::from_str::<AssignmentTarget>(text).ok())
        };
        match property {
            Some(property) => (read(&property.old_value), read(&property.new_value)),
            None => (None, None),
        }
    }

    /// Who, in words: the user's sign-in name, or the application's name.
    pub fn who(&self) -> String {
        self.actor
            .user_principal_name
            .clone()
            .or_else(|| self.actor.application_display_name.clone())
            .unwrap_or_else(|| "someone Intune does not name".to_owned())
    }

    /// "Recorded by Intune at 2026-12-04 10:15:03 UTC, by admin@contoso.com".
    pub fn recorded(&self) -> String {
        let at = self
            .activity_date_time
            .as_deref()
            .unwrap_or("an unknown time");
        let at = match at.split_once('T') {
            Some((day, time)) => {
                let time = time.trim_end_matches('Z');
                let time = time.split('.').next().unwrap_or(time);
                format!("{day} {time} UTC")
            }
            None => at.to_owned(),
        };
        format!("Recorded by Intune at {at}, by {}", self.who())
    }
}

/// How long to wait before each look for a write's audit record, in seconds: quick at first,
/// then once a minute, about eight minutes in all (Intune's records take minutes).
pub const RECORD_LOOKS: [u64; 12] = [2, 4, 8, 15, 30, 60, 60, 60, 60, 60, 60, 60];

/// The path and query (under the version root) of the events of the write sent with
/// `client-request-id` `id`: `$filter=correlationId eq '…'`, quotes and all percent-encoded.
pub fn events_of_request(id: &str) -> String {
    let doubled = id.replace('\'', "''");
    let quoted =
        percent_encoding::utf8_percent_encode(&doubled, percent_encoding::NON_ALPHANUMERIC);
    format!("/deviceManagement/auditEvents?$filter=correlationId%20eq%20%27{quoted}%27")
}

/// The path and query (under the version root) of the events since `at` (an RFC 3339 time),
/// oldest first, as many to a page as Graph gives.
pub fn events_since(at: &str) -> String {
    let at = percent_encoding::utf8_percent_encode(at, percent_encoding::NON_ALPHANUMERIC);
    format!(
        "/deviceManagement/auditEvents?$filter=activityDateTime%20ge%20{at}&$orderby=activityDateTime%20asc"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_says_when_and_who_and_its_targets() {
        let event: AuditEvent = serde_json::from_str(
            r##"{"activityDateTime": "2026-12-04T10:15:03.1234567Z",
                "actor": {"type": "ItPro", "userPrincipalName": "admin@contoso.com"},
                "resources": [{"modifiedProperties": [{"displayName": "Target",
                    "oldValue": "{\"@odata.type\":\"#microsoft.graph.allDevicesAssignmentTarget\"}",
                    "newValue": null}]}]}"##,
        )
        .unwrap();
        assert_eq!(
            event.recorded(),
            "Recorded by Intune at 2026-12-04 10:15:03 UTC, by admin@contoso.com"
        );
        assert!(matches!(
            event.targets(),
            (Some(AssignmentTarget::AllDevices { .. }), None)
        ));
        let bare: AuditEvent = serde_json::from_str("{}").unwrap();
        assert_eq!(
            bare.recorded(),
            "Recorded by Intune at an unknown time, by someone Intune does not name"
        );
    }

    #[test]
    fn queries_are_encoded() {
        assert_eq!(
            events_of_request("a'b-1"),
            "/deviceManagement/auditEvents?$filter=correlationId%20eq%20%27a%27%27b%2D1%27"
        );
        assert!(events_since("2026-12-04T10:00:00Z").contains("ge%202026%2D12%2D04T10%3A00%3A00Z"));
    }
}
