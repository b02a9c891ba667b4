//! Problems found while parsing or validating, each located by a JSON pointer.

use std::fmt;

use serde::Serialize;

/// One thing wrong (or worth a second look) in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Where the problem is, as an RFC 6901 JSON pointer into the request body, such as
    /// `/target/groupId`. The empty string means the whole document.
    pub pointer: String,
    /// What is wrong, in plain words.
    pub message: String,
    /// What would be right, where there is something useful to say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// For JSON syntax errors: the 1-based line and column in the text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<TextPosition>,
}

/// A 1-based line and column in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TextPosition {
    /// The line, counting from 1.
    pub line: usize,
    /// The column, counting from 1.
    pub column: usize,
}

impl Problem {
    /// A problem at `pointer` with a message and no hint.
    pub fn new(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            pointer: pointer.into(),
            message: message.into(),
            hint: None,
            position: None,
        }
    }

    /// The same problem with a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// A JSON syntax error as reported by serde_json, with its line and column.
    pub fn from_syntax_error(error: &serde_json::Error) -> Self {
        let position = TextPosition {
            line: error.line(),
            column: error.column(),
        };
        let detail = error.to_string();
        // serde_json appends " at line L column C"; the position is given separately.
        let detail = detail
            .rsplit_once(" at line ")
            .map_or(detail.as_str(), |(head, _)| head);
        Problem {
            pointer: String::new(),
            message: format!(
                "The body is not valid JSON (line {}, column {}): {detail}",
                position.line, position.column
            ),
            hint: None,
            position: Some(position),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.pointer.is_empty() {
            f.write_str(&self.message)?;
        } else {
            write!(f, "{}: {}", self.pointer, self.message)?;
        }
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

/// Errors, which block sending, and warnings, which do not.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Diagnostics {
    /// Problems that make the request invalid.
    pub errors: Vec<Problem>,
    /// Things that are allowed but probably not meant.
    pub warnings: Vec<Problem>,
}

impl Diagnostics {
    /// True when there is no error (warnings may remain).
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }
}

/// Appends one reference token to a JSON pointer, escaping `~` and `/` as RFC 6901 says.
pub fn pointer_child(parent: &str, token: &str) -> String {
    format!("{parent}/{}", token.replace('~', "~0").replace('/', "~1"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_tokens_are_escaped() {
        assert_eq!(pointer_child("/target", "groupId"), "/target/groupId");
        assert_eq!(pointer_child("", "a/b~c"), "/a~1b~0c");
        assert_eq!(
            pointer_child("/target", "@odata.type"),
            "/target/@odata.type"
        );
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let error = serde_json::from_str::<serde_json::Value>("{\n  \"a\": ,\n}").unwrap_err();
        let problem = Problem::from_syntax_error(&error);
        assert_eq!(problem.position, Some(TextPosition { line: 2, column: 8 }));
        assert!(
            problem
                .message
                .starts_with("The body is not valid JSON (line 2, column 8)")
        );
        assert!(!problem.message.contains(" at line "));
    }
}
