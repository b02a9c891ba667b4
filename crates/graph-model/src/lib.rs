//! The wire model of one Microsoft Graph (Intune) write: updating the target of an iOS LOB app
//! provisioning configuration assignment
//! (`PATCH /beta/deviceAppManagement/iosLobAppProvisioningConfigurations/{id}/assignments/{id}`).
//!
//! The browser app and the local emulator both use this crate, so they accept and refuse the
//! same documents with the same messages. It is pure Rust with no I/O and builds for
//! `wasm32-unknown-unknown` and native.
//!
//! # Checking a PATCH body
//! [`AssignmentPatch::check`] parses body text and reports every problem at once, each with a
//! JSON pointer, a message and often a hint; warnings are kept apart from errors:
//! ```
//! use graph_model::{ApiVersion, AssignmentPatch};
//!
//! let check = AssignmentPatch::check(
//!     r#"{"target": {"@odata.type": "microsoft.graph.groupAssignmentTarget", "groupId": "Sales"}}"#,
//!     ApiVersion::Beta,
//! );
//! assert!(check.patch.is_none());
//! assert_eq!(check.diagnostics.errors[0].pointer, "/target/groupId");
//! ```
//!
//! # Building the request
//! ```
//! use graph_model::*;
//!
//! let patch = AssignmentPatch {
//!     target: AssignmentTarget::AllDevices { filter: AssignmentFilter::default() },
//! };
//! let root = ServiceRoot::Cloud(NationalCloud::Global);
//! let request = request::patch_assignment(
//!     &GraphUrls::new(&root, ApiVersion::Beta),
//!     &ConfigurationId::parse("c1").unwrap(),
//!     &AssignmentId::parse("c1_0_0").unwrap(),
//!     &patch,
//!     "$TOKEN",
//!     &RequestOptions::default(),
//! );
//! assert_eq!(request.method, "PATCH");
//! assert!(request.url.ends_with("/iosLobAppProvisioningConfigurations/c1/assignments/c1_0_0"));
//! ```
//!
//! # Parsing rules
//! Tolerant where Graph is: `@odata.type` with or without `#`, `innerError` or `innererror`,
//! GUIDs in either case with surrounding whitespace, OData annotations such as
//! `@odata.context`. Strict where Graph is: unknown or abstract target types, unknown
//! properties, wrong JSON types, a missing `groupId`, the string `"null"` as a filter id.
//! Serialising always gives the canonical form: `#microsoft.graph.<type>`, camelCase, lower-case
//! GUIDs, and no filter id property when there is no filter.

#![warn(missing_docs)]

pub mod assignment;
pub mod audit;
pub mod batch;
pub mod bulk;
pub mod directory;
pub mod endpoint;
pub mod expiry;
pub mod ids;
pub mod names;
pub mod odata_error;
pub mod problem;
pub mod reach;
pub mod request;
pub mod signin;
pub mod snapshot;
pub mod snippets;
pub mod target;
pub mod target_names;
pub mod whole_set;

pub use assignment::{
    AssignmentPatch, Collection, IosLobAppProvisioningConfiguration,
    IosLobAppProvisioningConfigurationAssignment, PatchBodyCheck,
};
pub use batch::{BatchRequest, BatchRequestItem, BatchResponse, BatchResponseItem};
pub use endpoint::{
    ApiVersion, EmulatorRoot, NationalCloud, ServiceRoot, ServiceRootError, is_loopback_host,
};
pub use ids::{AssignmentId, ClientId, CollectionId, ConfigurationId, FilterId, GroupId, IdError};
pub use names::UnknownName;
pub use odata_error::{ErrorDetail, InnerError, IntuneMessage, ODataError, ODataErrorResponse};
pub use problem::{Diagnostics, Problem, TextPosition};
pub use request::{
    AssignmentLocation, AssignmentsPlace, ConfigurationLocation, GraphUrls, HttpRequest,
    RequestOptions,
};
pub use target::{AssignmentFilter, AssignmentTarget, FilterType, OwnProperty, TargetKind};
