//! HTTPS, as Graph is: a certificate made at start (self-signed for `127.0.0.1` and
//! `localhost`, written as PEM so that clients can trust it) or one read from PEM files. Some
//! real clients send the token only to https hosts and follow only https links.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

/// The names the made certificate is valid for.
pub const SELF_SIGNED_NAMES: [&str; 2] = ["127.0.0.1", "localhost"];

/// Where the certificate comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Certificate {
    /// Made at start and written, as PEM, to this file.
    SelfSigned {
        /// Where clients find it.
        written_to: PathBuf,
    },
    /// Read from PEM files.
    Files {
        /// The certificate chain.
        certificate: PathBuf,
        /// The private key.
        key: PathBuf,
    },
}

/// A TLS acceptor for `certificate`, or why there is none.
pub fn acceptor(certificate: &Certificate) -> Result<TlsAcceptor, String> {
    let (chain, key) = match certificate {
        Certificate::SelfSigned { written_to } => self_signed(written_to)?,
        Certificate::Files { certificate, key } => from_files(certificate, key)?,
    };
    let config = ServerConfig::builder_with_provider(Arc::new(
        tokio_rustls::rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .and_then(|builder| builder.with_no_client_auth().with_single_cert(chain, key))
    .map_err(|error| format!("the certificate cannot be used: {error}"))?;
    Ok(TlsAcceptor::from(Arc::new(config)))
}

/// Makes a certificate for [`SELF_SIGNED_NAMES`] and writes it to `path` as PEM.
fn self_signed(
    path: &Path,
) -> Result<(Vec<CertificateDer<'static>>, PrivateKeyDer<'static>), String> {
    let names: Vec<String> = SELF_SIGNED_NAMES
        .iter()
        .map(|name| (*name).to_owned())
        .collect();
    let made = rcgen::generate_simple_self_signed(names)
        .map_err(|error| format!("cannot make a certificate: {error}"))?;
    std::fs::write(path, made.cert.pem())
        .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(made.key_pair.serialize_der()));
    Ok((vec![made.cert.der().clone()], key))
}

fn from_files(
    certificate: &Path,
    key: &Path,
) -> Result<(Vec<CertificateDer<'static>>, PrivateKeyDer<'static>), String> {
    let chain = CertificateDer::pem_file_iter(certificate)
        .and_then(|certificates| certificates.collect::<Result<Vec<_>, _>>())
        .map_err(|error| format!("cannot read {}: {error}", certificate.display()))?;
    if chain.is_empty() {
        return Err(format!("{} holds no certificate", certificate.display()));
    }
    let key = PrivateKeyDer::from_pem_file(key)
        .map_err(|error| format!("cannot read {}: {error}", key.display()))?;
    Ok((chain, key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_made_certificate_is_written_as_pem_for_clients_to_trust() {
        let folder = tempfile::tempdir().unwrap();
        let written_to = folder.path().join("emulator.pem");
        assert!(
            acceptor(&Certificate::SelfSigned {
                written_to: written_to.clone()
            })
            .is_ok()
        );
        let pem = std::fs::read_to_string(&written_to).unwrap();
        assert!(pem.starts_with("-----BEGIN CERTIFICATE-----"));
        assert_eq!(CertificateDer::pem_slice_iter(pem.as_bytes()).count(), 1);
    }

    #[test]
    fn a_certificate_and_key_from_pem_files_are_served() {
        let folder = tempfile::tempdir().unwrap();
        let made = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).unwrap();
        let (certificate, key) = (
            folder.path().join("cert.pem"),
            folder.path().join("key.pem"),
        );
        std::fs::write(&certificate, made.cert.pem()).unwrap();
        std::fs::write(&key, made.key_pair.serialize_pem()).unwrap();
        assert!(
            acceptor(&Certificate::Files {
                certificate,
                key: key.clone()
            })
            .is_ok()
        );
        let error = acceptor(&Certificate::Files {
            certificate: key.clone(),
            key,
        })
        .err()
        .unwrap();
        assert!(error.contains("holds no certificate"), "{error}");
    }

    #[test]
    fn unreadable_files_are_named() {
        let folder = tempfile::tempdir().unwrap();
        let missing = folder.path().join("missing.pem");
        let error = acceptor(&Certificate::Files {
            certificate: missing.clone(),
            key: missing.clone(),
        })
        .err()
        .unwrap();
        assert!(error.contains("missing.pem"), "{error}");
        let empty = folder.path().join("empty.pem");
        std::fs::write(&empty, "").unwrap();
        let error = acceptor(&Certificate::Files {
            certificate: empty.clone(),
            key: empty,
        })
        .err()
        .unwrap();
        assert!(error.contains("holds no certificate"), "{error}");
    }
}
