//! Accessibility checks with axe-core, injected from node_modules.

use std::fmt;
use std::fs;
use std::sync::OnceLock;

use fantoccini::Client;
use serde::Deserialize;
use serde_json::{json, Value as Json};

/// The rule tags every page is checked against.
pub const AXE_TAGS: [&str; 6] = [
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "wcag22aa",
    "best-practice",
];

/// One failed axe rule and the elements that fail it.
#[derive(Debug, Clone, Deserialize)]
pub struct AxeViolation {
    /// The rule id, e.g. `label` or `color-contrast`.
    pub id: String,
    /// minor, moderate, serious or critical.
    pub impact: Option<String>,
    /// What the rule asks for, in a sentence.
    pub help: String,
    /// Where the rule is explained.
    #[serde(rename = "helpUrl")]
    pub help_url: String,
    /// The failing elements.
    pub nodes: Vec<AxeNode>,
}

/// One element that fails a rule.
#[derive(Debug, Clone, Deserialize)]
pub struct AxeNode {
    /// The element's opening HTML.
    pub html: String,
    /// CSS selectors that reach it (nested for frames and shadow roots).
    pub target: Json,
    /// How to fix it.
    #[serde(rename = "failureSummary")]
    pub failure_summary: Option<String>,
}

impl fmt::Display for AxeViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "- {} [{}]: {} ({})",
            self.id,
            self.impact.as_deref().unwrap_or("unknown impact"),
            self.help,
            self.help_url
        )?;
        for node in &self.nodes {
            writeln!(f, "    at {}: {}", node.target, node.html)?;
            if let Some(summary) = &node.failure_summary {
                for line in summary.lines() {
                    writeln!(f, "      {line}")?;
                }
            }
        }
        Ok(())
    }
}

fn axe_source() -> &'static str {
    static SOURCE: OnceLock<String> = OnceLock::new();
    SOURCE.get_or_init(|| {
        let path = crate::repo_root().join("node_modules/axe-core/axe.min.js");
        fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "cannot read {} ({e}); run scripts/setup.sh (npm ci) first",
                path.display()
            )
        })
    })
}

const RUN_AXE: &str = r#"
const done = arguments[arguments.length - 1];
const tags = arguments[0];
axe.run(document, { runOnly: { type: 'tag', values: tags } })
  .then((results) => done({ violations: results.violations }))
  .catch((error) => done({ error: String((error && error.stack) || error) }));
"#;

/// Runs axe-core on the current page and returns its violations.
pub async fn axe_scan(client: &Client) -> Vec<AxeViolation> {
    let loaded = client
        .execute("return typeof window.axe === 'object';", vec![])
        .await
        .unwrap_or_else(|e| panic!("cannot run a script in the page: {e}"));
    if loaded != Json::Bool(true) {
        client
            .execute(&format!("{}\nreturn true;", axe_source()), vec![])
            .await
            .unwrap_or_else(|e| panic!("cannot inject axe-core into the page: {e}"));
    }
    let outcome = client
        .execute_async(RUN_AXE, vec![json!(AXE_TAGS)])
        .await
        .unwrap_or_else(|e| panic!("axe.run failed to report: {e}"));
    if let Some(error) = outcome.get("error") {
        panic!("axe.run failed: {error}");
    }
    let violations = outcome.get("violations").cloned().unwrap_or_default();
    serde_json::from_value(violations)
        .unwrap_or_else(|e| panic!("unexpected axe result ({e}): {outcome}"))
}

/// Fails with every violation listed (rule, help, failing elements) unless
/// axe finds none on the current page.
pub async fn assert_no_axe_violations(client: &Client, page_name: &str) {
    let violations = axe_scan(client).await;
    if !violations.is_empty() {
        let listed: String = violations.iter().map(ToString::to_string).collect();
        panic!(
            "axe found {} violation(s) on {page_name}:\n{listed}",
            violations.len()
        );
    }
}
