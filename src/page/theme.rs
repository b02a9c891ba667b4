//! The colour theme: the system's preference unless the user picked one.

/// What the user chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemePreference {
    /// Follow the system (`prefers-color-scheme`).
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl ThemePreference {
    /// The next choice of the toggle: system, light, dark, system…
    pub fn next(self) -> ThemePreference {
        match self {
            ThemePreference::System => ThemePreference::Light,
            ThemePreference::Light => ThemePreference::Dark,
            ThemePreference::Dark => ThemePreference::System,
        }
    }

    /// The stored value and the `data-theme` attribute (`None` for the system's choice).
    pub fn key(self) -> Option<&'static str> {
        match self {
            ThemePreference::System => None,
            ThemePreference::Light => Some("light"),
            ThemePreference::Dark => Some("dark"),
        }
    }

    /// Reads a stored value; anything unknown means the system's choice.
    pub fn from_key(key: Option<&str>) -> ThemePreference {
        match key {
            Some("light") => ThemePreference::Light,
            Some("dark") => ThemePreference::Dark,
            _ => ThemePreference::System,
        }
    }

    /// The toggle's words.
    pub fn label(self) -> &'static str {
        match self {
            ThemePreference::System => "Theme: system",
            ThemePreference::Light => "Theme: light",
            ThemePreference::Dark => "Theme: dark",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toggle_cycles_and_keys_round_trip() {
        let mut preference = ThemePreference::default();
        for _ in 0..3 {
            assert_eq!(ThemePreference::from_key(preference.key()), preference);
            preference = preference.next();
        }
        assert_eq!(preference, ThemePreference::System);
        assert_eq!(
            ThemePreference::from_key(Some("purple")),
            ThemePreference::System
        );
    }
}
