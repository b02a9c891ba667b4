//! Quoting for each language, so that nothing in an id or a value can end a string early or be
//! read as code.

use serde_json::Value;

/// A bash single-quoted word: nothing inside is expanded; `'` becomes `'\''`.
pub fn bash(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// The characters PowerShell accepts as single quotes (ASCII and the typographic ones).
const POWERSHELL_SINGLE_QUOTES: [char; 5] = ['\'', '\u{2018}', '\u{2019}', '\u{201A}', '\u{201B}'];

/// A PowerShell single-quoted string: nothing inside is expanded; every kind of single quote
/// is doubled.
pub fn powershell(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('\'');
    for character in text.chars() {
        quoted.push(character);
        if POWERSHELL_SINGLE_QUOTES.contains(&character) {
            quoted.push(character);
        }
    }
    quoted.push('\'');
    quoted
}

/// A double-quoted string literal that JavaScript, Python and C# all read the same way: JSON's
/// escapes (`\"`, `\\`, `\n`, `\uXXXX`) are valid in each.
pub fn c_like(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned())
}

/// A JSON value as a PowerShell expression: hashtables, arrays and single-quoted strings.
pub fn powershell_value(value: &Value, indent: usize) -> String {
    let pad = " ".repeat(indent + 4);
    match value {
        Value::Null => "$null".to_owned(),
        Value::Bool(true) => "$true".to_owned(),
        Value::Bool(false) => "$false".to_owned(),
        Value::Number(number) => number.to_string(),
        Value::String(text) => powershell(text),
        Value::Array(items) => {
            let items: Vec<String> = items
                .iter()
                .map(|item| powershell_value(item, indent))
                .collect();
            format!("@({})", items.join(", "))
        }
        Value::Object(fields) => {
            let mut text = "@{\n".to_owned();
            for (key, value) in fields {
                text.push_str(&format!(
                    "{pad}{} = {}\n",
                    powershell(key),
                    powershell_value(value, indent + 4)
                ));
            }
            text.push_str(&" ".repeat(indent));
            text.push('}');
            text
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Texts that would break or hijack a naive snippet.
    pub(crate) const HOSTILE: [&str; 8] = [
        "it's",
        "say \"hi\"",
        "$(touch /tmp/pwned) ${HOME} $HOME",
        "`whoami` \\ back\\slash",
        "new\nline\ttab",
        "héllo wörld 日本 ✓",
        "‘typographic’ ‚quotes‛",
        "{{token}} }} {{",
    ];

    /// Reads a PowerShell single-quoted string by PowerShell's rules.
    fn read_powershell(literal: &str) -> String {
        let mut chars = literal.chars().peekable();
        assert!(POWERSHELL_SINGLE_QUOTES.contains(&chars.next().unwrap()));
        let mut text = String::new();
        while let Some(character) = chars.next() {
            if POWERSHELL_SINGLE_QUOTES.contains(&character) {
                match chars.peek() {
                    Some(next) if *next == character => {
                        chars.next();
                        text.push(character);
                    }
                    _ => {
                        assert!(chars.next().is_none(), "string ended early in {literal}");
                        return text;
                    }
                }
            } else {
                text.push(character);
            }
        }
        panic!("unterminated {literal}");
    }

    #[test]
    fn bash_words_survive_a_real_shell() {
        for text in HOSTILE {
            let output = std::process::Command::new("bash")
                .arg("-c")
                .arg(format!("printf '%s' {}", bash(text)))
                .output()
                .expect("bash runs");
            assert_eq!(String::from_utf8(output.stdout).unwrap(), text);
        }
    }

    #[test]
    fn powershell_strings_read_back_exactly() {
        for text in HOSTILE {
            assert_eq!(read_powershell(&powershell(text)), text);
        }
    }

    #[test]
    fn c_like_literals_read_back_exactly() {
        for text in HOSTILE {
            let literal = c_like(text);
            assert!(literal.starts_with('"') && literal.ends_with('"'));
            assert_eq!(serde_json::from_str::<String>(&literal).unwrap(), text);
            assert!(!literal.contains('\n'));
        }
    }

    #[test]
    fn powershell_values_cover_every_json_kind() {
        let value = serde_json::json!({"a": null, "b": [true, false, 1.5], "c": {"d": "it's"}});
        assert_eq!(
            powershell_value(&value, 0),
            "@{\n    'a' = $null\n    'b' = @($true, $false, 1.5)\n    'c' = @{\n        'd' = 'it''s'\n    }\n}"
        );
    }
}
