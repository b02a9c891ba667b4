//! A configuration's install statuses as Intune reports them (`deviceStatuses`,
//! `userStatuses`), summed by status, and matched to the devices a change would take the profile
//! from.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

/// One device's status (`iosLobAppProvisioningConfigurationDeviceStatus`, the fields Reach reads).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceStatus {
    /// The device's name, as Intune knows it.
    #[serde(default)]
    pub device_display_name: Option<String>,
    /// Its user's sign-in name.
    #[serde(default)]
    pub user_principal_name: Option<String>,
    /// The status (`complianceStatus`: `unknown`, `notApplicable`, `compliant`, `remediated`,
    /// `nonCompliant`, `error`, `conflict`, `notAssigned`).
    #[serde(default)]
    pub status: Option<String>,
}

/// One user's status (`iosLobAppProvisioningConfigurationUserStatus`, the fields Reach reads).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserStatus {
    /// The user's name.
    #[serde(default)]
    pub user_display_name: Option<String>,
    /// How many of the user's devices report.
    #[serde(default)]
    pub devices_count: Option<u64>,
    /// The status, as for devices.
    #[serde(default)]
    pub status: Option<String>,
}

/// The statuses in the admin center's order, with its words.
pub const STATUS_WORDS: [(&str, &str); 8] = [
    ("compliant", "Succeeded"),
    ("remediated", "Remediated"),
    ("error", "Error"),
    ("conflict", "Conflict"),
    ("nonCompliant", "Not compliant"),
    ("notApplicable", "Not applicable"),
    ("notAssigned", "Not assigned"),
    ("unknown", "Unknown"),
];

/// The admin center's word for `status` (an unknown value is shown as it came).
pub fn status_word(status: &str) -> String {
    STATUS_WORDS
        .iter()
        .find(|(value, _)| value.eq_ignore_ascii_case(status))
        .map(|(_, word)| (*word).to_owned())
        .unwrap_or_else(|| status.to_owned())
}

/// How many report each status, in the admin center's words and order (statuses not in
/// [`STATUS_WORDS`] after, by name; a missing status counts as `unknown`).
pub fn tally<'a>(statuses: impl IntoIterator<Item = Option<&'a str>>) -> Vec<(String, u64)> {
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    for status in statuses {
        *counts
            .entry(status_word(status.unwrap_or("unknown")))
            .or_default() += 1;
    }
    let mut ordered: Vec<(String, u64)> = STATUS_WORDS
        .iter()
        .filter_map(|(_, word)| Some(((*word).to_owned(), counts.remove(*word)?)))
        .collect();
    ordered.extend(counts);
    ordered
}

/// "12 Succeeded, 3 Error" (or "none reported").
pub fn tally_words(tally: &[(String, u64)]) -> String {
    if tally.is_empty() {
        return "none reported".to_owned();
    }
    tally
        .iter()
        .map(|(word, count)| format!("{} {word}", super::thousands(*count)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The statuses of the devices named in `removed` (Entra device display names), matched by the
/// device's name without regard to case: Intune's device status carries no Entra id, so the name
/// is the only key the two share. Each status counts once; a name that matches no status is not
/// counted.
pub fn of_removed<'a>(
    statuses: &'a [DeviceStatus],
    removed: &BTreeSet<String>,
) -> Vec<&'a DeviceStatus> {
    let removed: BTreeSet<String> = removed.iter().map(|name| name.to_lowercase()).collect();
    statuses
        .iter()
        .filter(|status| {
            status
                .device_display_name
                .as_deref()
                .is_some_and(|name| removed.contains(&name.to_lowercase()))
        })
        .collect()
}
