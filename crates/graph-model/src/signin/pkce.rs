//! Proof Key for Code Exchange (RFC 7636) with the S256 method, and the `state` value: both made
//! from random bytes the caller draws (the browser's `crypto.getRandomValues`), so that this
//! module stays pure.

use sha2::{Digest, Sha256};

use super::base64url;

/// The number of random bytes behind a verifier or a state: 32 bytes give 43 characters,
/// the shortest verifier RFC 7636 allows, and 256 bits of entropy.
pub const RANDOM_BYTES: usize = 32;

/// A PKCE code verifier: 43 to 128 characters of `[A-Za-z0-9-._~]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verifier(String);

impl Verifier {
    /// The verifier for `random` bytes (base64url of them).
    pub fn from_random(random: &[u8; RANDOM_BYTES]) -> Verifier {
        Verifier(base64url::encode(random))
    }

    /// The verifier as sent in the token request.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The S256 challenge sent in the authorize request:
    /// `base64url(sha256(ascii(verifier)))`.
    pub fn challenge(&self) -> String {
        challenge_of(&self.0)
    }
}

/// The S256 challenge of any verifier text (the emulator checks redemptions with it).
pub fn challenge_of(verifier: &str) -> String {
    base64url::encode(&Sha256::digest(verifier.as_bytes()))
}

/// Whether `text` is 43 to 128 characters of RFC 7636's unreserved set.
pub fn is_valid_verifier(text: &str) -> bool {
    (43..=128).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b))
}

/// A `state` value for one authorize round trip: base64url of 32 random bytes.
pub fn state_from_random(random: &[u8; RANDOM_BYTES]) -> String {
    base64url::encode(random)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_7636_appendix_b() {
        let random = [
            116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212,
            37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
        ];
        let verifier = Verifier::from_random(&random);
        assert_eq!(
            verifier.as_str(),
            "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
        );
        assert_eq!(
            verifier.challenge(),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn verifier_rules() {
        assert!(is_valid_verifier(&"a-._~".repeat(9)));
        assert!(!is_valid_verifier(&"a".repeat(42)));
        assert!(!is_valid_verifier(&"a".repeat(129)));
        assert!(!is_valid_verifier(&format!("{}+", "a".repeat(43))));
        assert_eq!(state_from_random(&[0; 32]).len(), 43);
    }
}
