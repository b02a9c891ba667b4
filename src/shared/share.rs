//! Share links: the draft (environment, version, ids, target; never the token) in the URL
//! fragment, which browsers do not send to servers. Decoding is strict: a malformed or hostile
//! fragment is refused whole, with a reason, and changes nothing.

use graph_model::ApiVersion;
use graph_model::ServiceRoot;
use graph_model::ids::encode_path_segment;
use percent_encoding::percent_decode_str;
use serde::{Deserialize, Serialize};

use crate::shared::draft::{Draft, Environment};
use crate::shared::target_form::TargetForm;

/// The fragment's prefix.
pub const FRAGMENT_PREFIX: &str = "#draft=";
/// The longest fragment accepted.
pub const MAX_FRAGMENT_LENGTH: usize = 4096;
/// The longest text field accepted.
pub const MAX_FIELD_LENGTH: usize = 512;
/// The format version.
const FORMAT: u8 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct SharedDraft {
    format: u8,
    environment: Environment,
    emulator_url: String,
    version: ApiVersion,
    configuration_id: String,
    assignment_id: String,
    target: TargetForm,
}

/// The fragment (with its `#`) that carries the draft.
pub fn encode(draft: &Draft) -> String {
    let shared = SharedDraft {
        format: FORMAT,
        environment: draft.environment,
        emulator_url: draft.emulator_url.clone(),
        version: draft.version,
        configuration_id: draft.configuration_id.clone(),
        assignment_id: draft.assignment_id.clone(),
        target: draft.form.clone(),
    };
    let json = serde_json::to_string(&shared).unwrap_or_default();
    format!("{FRAGMENT_PREFIX}{}", encode_path_segment(&json))
}

/// Reads a fragment written by [`encode`] into a draft based on `current` (whose body is
/// rewritten from the shared target). `Ok(None)` when the fragment is not a share link.
pub fn decode(fragment: &str, current: &Draft) -> Result<Option<Draft>, String> {
    let Some(encoded) = fragment.strip_prefix(FRAGMENT_PREFIX) else {
        return Ok(None);
    };
    if fragment.len() > MAX_FRAGMENT_LENGTH {
        return Err(format!(
            "the link is {} characters long; at most {MAX_FRAGMENT_LENGTH} are accepted",
            fragment.len()
        ));
    }
    let json = percent_decode_str(encoded)
        .decode_utf8()
        .map_err(|_| "the link is not valid UTF-8 once decoded".to_owned())?;
    let shared: SharedDraft = serde_json::from_str(&json)
        .map_err(|error| format!("the link's draft is not readable: {error}"))?;
    if shared.format != FORMAT {
        return Err(format!(
            "the link is format {}, this page reads format {FORMAT}",
            shared.format
        ));
    }
    let target = &shared.target;
    for (name, text) in [
        ("emulator URL", &shared.emulator_url),
        ("configuration ID", &shared.configuration_id),
        ("assignment ID", &shared.assignment_id),
        ("group ID", &target.group_id),
        ("collection ID", &target.collection_id),
        ("filter ID", &target.filter_id),
    ] {
        if text.chars().count() > MAX_FIELD_LENGTH {
            return Err(format!(
                "the {name} is longer than {MAX_FIELD_LENGTH} characters"
            ));
        }
        if text.chars().any(char::is_control) {
            return Err(format!("the {name} contains control characters"));
        }
    }
    if shared.environment == Environment::Emulator {
        ServiceRoot::emulator(&shared.emulator_url)
            .map_err(|error| format!("the link's emulator URL is refused: {error}"))?;
    }
    let form = shared.target;
    Ok(Some(Draft {
        environment: shared.environment,
        emulator_url: if shared.environment == Environment::Emulator {
            shared.emulator_url
        } else {
            current.emulator_url.clone()
        },
        version: shared.version,
        configuration_id: shared.configuration_id,
        assignment_id: shared.assignment_id,
        body: form.to_body(),
        form,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use graph_model::{FilterType, NationalCloud, TargetKind};

    fn sample() -> Draft {
        let form = TargetForm {
            kind: TargetKind::ExclusionGroup,
            group_id: "0c5a1b2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d".to_owned(),
            collection_id: String::new(),
            filter_type: FilterType::Include,
            filter_id: "ümlaut & 'quotes' #hash".to_owned(),
        };
        Draft {
            environment: Environment::Cloud(NationalCloud::UsGovL4),
            version: ApiVersion::Beta,
            configuration_id: "c/1 ?x".to_owned(),
            assignment_id: "a_0_0".to_owned(),
            body: form.to_body(),
            form,
            ..Draft::default()
        }
    }

    #[test]
    fn round_trips_the_draft() {
        let draft = sample();
        let fragment = encode(&draft);
        assert!(fragment.starts_with(FRAGMENT_PREFIX));
        assert!(!fragment[1..].contains(['#', ' ', '&', '?']), "{fragment}");
        assert_eq!(decode(&fragment, &Draft::default()), Ok(Some(draft)));
    }

    #[test]
    fn other_fragments_are_not_share_links() {
        assert_eq!(decode("", &Draft::default()), Ok(None));
        assert_eq!(decode("#section", &Draft::default()), Ok(None));
    }

    fn refused(fragment: &str) -> String {
        decode(fragment, &Draft::default()).unwrap_err()
    }

    #[test]
    fn hostile_fragments_are_refused_with_a_reason() {
        assert!(refused("#draft=%7Bnot%20json").contains("not readable"));
        assert!(refused("#draft=%FF%FE").contains("UTF-8"));
        assert!(refused(&format!("#draft={}", "a".repeat(5000))).contains("at most"));
        let good = serde_json::to_value(
            serde_json::from_str::<serde_json::Value>(
                &percent_decode_str(&encode(&sample())[FRAGMENT_PREFIX.len()..])
                    .decode_utf8()
                    .unwrap(),
            )
            .unwrap(),
        )
        .unwrap();
        let with = |change: &dyn Fn(&mut serde_json::Value)| {
            let mut value = good.clone();
            change(&mut value);
            format!(
                "{FRAGMENT_PREFIX}{}",
                encode_path_segment(&value.to_string())
            )
        };
        assert!(refused(&with(&|v| v["token"] = "stolen".into())).contains("unknown field"));
        assert!(refused(&with(&|v| v["format"] = 9.into())).contains("format 9"));
        assert!(
            refused(&with(&|v| v["target"]["kind"] = "everyone".into())).contains("not readable")
        );
        assert!(
            refused(&with(&|v| v["configurationId"] = "a\u{0}b".into()))
                .contains("control characters")
        );
        assert!(
            refused(&with(&|v| v["assignmentId"] = "x".repeat(600).into())).contains("longer than")
        );
        assert!(
            refused(&with(&|v| {
                v["environment"] = "emulator".into();
                v["emulatorUrl"] = "http://evil.example:8787".into();
            }))
            .contains("emulator URL is refused")
        );
    }
}
