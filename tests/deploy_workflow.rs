//! Keeps the GitHub Pages workflow (`.github/workflows/pages.yml`) and
//! README's "Hosting it yourself" section saying the same thing: the
//! workflow builds with exactly the commands the README gives, those
//! commands run scripts of this repository, and what the build writes is
//! what the workflow publishes, on every push to `main`.
//!
//! The workflow is read with `saphyr`, a YAML 1.2 parser, so a `run:` is
//! compared as the text GitHub hands to the shell. README's ```sh block and
//! that text are split into commands the same simple way: comments and blank
//! lines dropped, lines ending in `\` joined to the next.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use saphyr::{LoadableYamlNode, SafelyIndex, Yaml};

const WORKFLOW: &str = ".github/workflows/pages.yml";
const HOSTING_HEADING: &str = "## Hosting it yourself";
const BUILD_SCRIPT: &str = "scripts/build.sh";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path))
        .unwrap_or_else(|error| panic!("cannot read {path}: {error}"))
}

/// The workflow as YAML. In YAML 1.2 the key `on` is the string "on" (a
/// YAML 1.1 parser would read it as `true`), so it is looked up by name.
fn parse(workflow: &str) -> Result<Yaml<'_>, String> {
    let documents = Yaml::load_from_str(workflow)
        .map_err(|error| format!("cannot parse {WORKFLOW} as YAML: {error}"))?;
    documents
        .into_iter()
        .next()
        .ok_or_else(|| format!("{WORKFLOW} is empty"))
}

/// Every step of every job, in file order.
fn steps<'a, 'y>(workflow: &'a Yaml<'y>) -> Vec<&'a Yaml<'y>> {
    let jobs = workflow.get("jobs").and_then(Yaml::as_mapping);
    jobs.into_iter()
        .flat_map(|jobs| jobs.values())
        .filter_map(|job| job.get("steps")?.as_vec())
        .flatten()
        .collect()
}

/// The action a step `uses:`, e.g. `actions/deploy-pages@v4`.
fn uses<'a>(step: &'a Yaml<'_>) -> Option<&'a str> {
    step.get("uses")?.as_str()
}

/// A line without its shell comment: from a `#` that starts a word and is
/// not inside quotes.
fn strip_comment(line: &str) -> &str {
    let mut quote = None;
    let mut previous = ' ';
    for (at, c) in line.char_indices() {
        match quote {
            Some(open) if c == open => quote = None,
            Some(_) => {}
            None if c == '\'' || c == '"' => quote = Some(c),
            None if c == '#' && previous.is_whitespace() => return &line[..at],
            None => {}
        }
        previous = c;
    }
    line
}

/// The commands of a shell script, one a line: comments and blank lines
/// dropped, a line ending in `\` joined to the next, runs of spaces made one.
fn commands(script: &str) -> Vec<String> {
    let uncommented: Vec<&str> = script
        .lines()
        .map(|line| strip_comment(line).trim_end())
        .collect();
    uncommented
        .join("\n")
        .replace("\\\n", " ")
        .lines()
        .map(|command| command.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|command| !command.is_empty())
        .collect()
}

/// The commands of the workflow's `run:` steps, in order.
fn workflow_commands(workflow: &str) -> Result<Vec<String>, String> {
    let workflow = parse(workflow)?;
    let mut found = Vec::new();
    for run in steps(&workflow)
        .into_iter()
        .filter_map(|step| step.get("run"))
    {
        let script = run.as_str().ok_or_else(|| {
            format!("{WORKFLOW} has a `run:` that is not text ({run:?}): write its command(s)")
        })?;
        found.extend(commands(script));
    }
    Ok(found)
}

/// The commands of the one ```sh block in README's hosting section.
fn readme_commands(readme: &str) -> Result<Vec<String>, String> {
    let mut lines = readme
        .lines()
        .skip_while(|line| line.trim_end() != HOSTING_HEADING);
    if lines.next().is_none() {
        return Err(format!(
            "README.md has no \"{HOSTING_HEADING}\" section: it gives the build command \
             that {WORKFLOW} runs; put the section back or rename it here too"
        ));
    }
    // The section's ```sh blocks, and the fenced block we are in: its
    // language and its lines so far.
    let mut sh_blocks = Vec::new();
    let mut open: Option<(&str, Vec<&str>)> = None;
    let is_sh = |(language, _): &(&str, Vec<&str>)| *language == "sh";
    for line in lines.take_while(|line| !line.starts_with("## ")) {
        match (&mut open, line.trim().strip_prefix("```")) {
            (None, Some(language)) => open = Some((language.trim(), Vec::new())),
            (Some((_, body)), None) => body.push(line),
            (Some(_), Some(_)) => sh_blocks.extend(open.take().filter(is_sh)),
            (None, None) => {}
        }
    }
    // A block left open runs to the end of the section.
    sh_blocks.extend(open.filter(is_sh));
    match sh_blocks.as_slice() {
        [(_, body)] => Ok(commands(&body.join("\n"))),
        [] => Err(format!(
            "README.md's \"{HOSTING_HEADING}\" section has no ```sh block: it must give, \
             in one ```sh block, the commands {WORKFLOW} runs"
        )),
        _ => Err(format!(
            "README.md's \"{HOSTING_HEADING}\" section has {} ```sh blocks: keep the \
             commands {WORKFLOW} runs in one, and write any other example as ```text",
            sh_blocks.len()
        )),
    }
}

fn same_commands(workflow: &str, readme: &str) -> Result<(), String> {
    let documented = readme_commands(readme)?;
    let run = workflow_commands(workflow)?;
    if documented.is_empty() {
        return Err(format!(
            "README.md's \"{HOSTING_HEADING}\" ```sh block has no command: write there the \
             command(s) {WORKFLOW} runs"
        ));
    }
    if documented == run {
        return Ok(());
    }
    let list = |commands: &[String]| -> String {
        if commands.is_empty() {
            return "\n    (none)".to_string();
        }
        commands.iter().map(|c| format!("\n    {c}")).collect()
    };
    Err(format!(
        "{WORKFLOW} and README.md's \"{HOSTING_HEADING}\" no longer build the same way.\n\
         README.md's ```sh block says:{}\n{WORKFLOW}'s `run:` steps run:{}\n\
         Make the workflow's `run:` steps exactly the README's commands, in the same order \
         (other steps may only be `uses:` actions; several commands go in a `run: |` block, \
         as `run: >` joins its lines into one), or change both together.",
        list(&documented),
        list(&run)
    ))
}

/// A command's words, without the `NAME=value` assignments before it.
fn program_and_args(command: &str) -> (&str, Vec<&str>) {
    let mut words = command.split_whitespace().skip_while(|word| {
        word.split_once('=').is_some_and(|(name, _)| {
            !name.is_empty() && name.chars().all(|c| c == '_' || c.is_ascii_alphanumeric())
        })
    });
    let program = words.next().unwrap_or("");
    (
        program.strip_prefix("./").unwrap_or(program),
        words.collect(),
    )
}

#[cfg(unix)]
fn is_executable(metadata: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    metadata.permissions().mode() & 0o111 != 0
}

#[cfg(not(unix))]
fn is_executable(_: &std::fs::Metadata) -> bool {
    true
}

fn commands_run_scripts(commands: &[String], root: &Path) -> Result<(), String> {
    for command in commands {
        let (program, _) = program_and_args(command);
        let path = Path::new(program);
        if !program.contains('/') || path.is_absolute() || program.split('/').any(|p| p == "..") {
            return Err(format!(
                "the hosting command `{command}` does not run a script of this repository: \
                 a deploy must need nothing but the repository, so put the step in a script \
                 (under scripts/) and name it by its path from the root, e.g. `{BUILD_SCRIPT} dist`"
            ));
        }
        let metadata = std::fs::metadata(root.join(path)).map_err(|error| {
            format!(
                "the hosting command `{command}` runs {program}, which is not in the \
                 repository ({error}): fix the path in README.md and {WORKFLOW}, or add the script"
            )
        })?;
        if !metadata.is_file() {
            return Err(format!(
                "the hosting command `{command}` runs {program}, which is not a file"
            ));
        }
        if !is_executable(&metadata) {
            return Err(format!(
                "the hosting command `{command}` runs {program}, which is not executable: run \
                 `chmod +x {program}` and `git update-index --chmod=+x {program}`"
            ));
        }
    }
    Ok(())
}

fn folder(path: &str) -> &str {
    let path = path.strip_prefix("./").unwrap_or(path);
    path.strip_suffix('/').unwrap_or(path)
}

/// The folder `scripts/build.sh` writes when given no argument: its
/// `"${1:-<folder>}"`.
fn default_build_folder(build_script: &str) -> Option<&str> {
    let (_, rest) = build_script.split_once("${1:-")?;
    rest.split_once('}').map(|(folder, _)| folder)
}

fn publishes_build(workflow: &str, readme: &str, build_script: &str) -> Result<(), String> {
    let documented = readme_commands(readme)?;
    let Some(build) = documented
        .iter()
        .find(|command| program_and_args(command).0 == BUILD_SCRIPT)
    else {
        return Err(format!(
            "none of README.md's hosting commands runs {BUILD_SCRIPT}, so this test cannot \
             tell which folder is deployed: build with {BUILD_SCRIPT}, or teach this test \
             the new build command"
        ));
    };
    let built = match program_and_args(build).1.first() {
        Some(folder) => *folder,
        None => default_build_folder(build_script).ok_or_else(|| {
            format!("cannot find the default output folder (\"${{1:-...}}\") in {BUILD_SCRIPT}")
        })?,
    };

    let workflow = parse(workflow)?;
    let steps = steps(&workflow);
    let step_using = |action: &str| {
        steps
            .iter()
            .find(|step| uses(step).is_some_and(|used| used.starts_with(action)))
    };
    let upload = step_using("actions/upload-pages-artifact@").ok_or_else(|| {
        format!(
            "{WORKFLOW} has no `uses: actions/upload-pages-artifact@...` step: add one with \
             `path: {built}` after the build, or Pages gets nothing to serve"
        )
    })?;
    match upload.get("with").get("path").and_then(Yaml::as_str) {
        Some(path) if folder(path) == folder(built) => {}
        Some(path) => {
            return Err(format!(
                "{WORKFLOW} uploads `{path}` but `{build}` writes `{built}`: set `path: {built}` \
                 under `with:` of actions/upload-pages-artifact (or change the build command in \
                 both README.md and the workflow)"
            ))
        }
        None => {
            return Err(format!(
                "{WORKFLOW}'s actions/upload-pages-artifact step has no `with:` `path:`; it \
                 would upload `_site`: set `path: {built}`, the folder `{build}` writes"
            ))
        }
    }
    if step_using("actions/deploy-pages@").is_none() {
        return Err(format!(
            "{WORKFLOW} uploads `{built}` but never deploys it: add a job step \
             `uses: actions/deploy-pages@v4` (in the `github-pages` environment)"
        ));
    }
    Ok(())
}

fn pushes_to_main(workflow: &str) -> Result<(), String> {
    let expected = "on:\n  push:\n    branches: [main]";
    let workflow = parse(workflow)?;
    let Some(on) = workflow.get("on") else {
        return Err(format!(
            "{WORKFLOW} has no `on:` triggers: write\n{expected}"
        ));
    };
    if !on.is_mapping() {
        return Err(format!(
            "{WORKFLOW}'s `on:` names events without their filters, which does not limit the \
             deploy to pushes to main: write\n{expected}"
        ));
    }
    // `branches:` is a list of names, or one name.
    let branches = on.get("push").and_then(|push| push.get("branches"));
    let names: Option<Vec<&str>> = branches.map(|branches| match branches.as_vec() {
        Some(list) => list.iter().filter_map(Yaml::as_str).collect(),
        None => branches.as_str().into_iter().collect(),
    });
    match names {
        Some(names) if names.contains(&"main") => Ok(()),
        Some(names) => Err(format!(
            "{WORKFLOW} deploys on pushes to {names:?}, not to main, which is what is \
             published: write\n{expected}"
        )),
        None => Err(format!(
            "{WORKFLOW} does not deploy on pushes to main (no `push:` with `branches:`): \
             write\n{expected}"
        )),
    }
}

fn check(result: Result<(), String>) {
    if let Err(message) = result {
        panic!("{message}");
    }
}

#[test]
fn the_workflow_runs_the_readme_hosting_commands() {
    check(same_commands(&read(WORKFLOW), &read("README.md")));
}

#[test]
fn the_hosting_commands_run_executable_scripts_of_the_repository() {
    let documented = readme_commands(&read("README.md")).unwrap_or_else(|error| panic!("{error}"));
    check(commands_run_scripts(&documented, root()));
}

#[test]
fn the_workflow_uploads_and_deploys_what_the_build_writes() {
    check(publishes_build(
        &read(WORKFLOW),
        &read("README.md"),
        &read(BUILD_SCRIPT),
    ));
}

#[test]
fn the_workflow_deploys_on_push_to_main() {
    check(pushes_to_main(&read(WORKFLOW)));
}

/// The checks above on small copies, so that each is seen to fail on the
/// drift it is there for (a check that cannot fail proves nothing).
#[test]
fn each_check_fails_on_its_drift() {
    let readme = r#"# App

## Hosting it yourself

```sh
scripts/build.sh dist   # writes dist/
```

```text
not a command
```

## Later

```sh
scripts/other.sh
```
"#;
    let workflow = r#"on:
  push:
    branches:
      - main  # the published branch
jobs:
  build:
    steps:
      - uses: actions/checkout@v5
      - name: Build
        run: |
          # the one command
          scripts/build.sh \
            dist
      - uses: actions/upload-pages-artifact@v4
        with:
          path: "./dist/"
  deploy:
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"#;
    let build_script = "trunk build --release --dist \"${1:-dist}\"\n";

    assert_eq!(
        readme_commands(readme),
        Ok(vec!["scripts/build.sh dist".to_string()])
    );
    assert_eq!(
        workflow_commands(workflow),
        Ok(vec!["scripts/build.sh dist".to_string()])
    );
    assert_eq!(same_commands(workflow, readme), Ok(()));
    assert_eq!(publishes_build(workflow, readme, build_script), Ok(()));
    assert_eq!(pushes_to_main(workflow), Ok(()));

    let fails = |result: Result<(), String>, said: &str| match result {
        Ok(()) => panic!("a drift went unnoticed (expected an error saying {said:?})"),
        Err(message) => assert!(message.contains(said), "{message:?} does not say {said:?}"),
    };
    let out = readme.replace("build.sh dist", "build.sh out");
    fails(same_commands(workflow, &out), "scripts/build.sh out");
    fails(
        publishes_build(workflow, &out, build_script),
        "set `path: out`",
    );
    let default = readme.replace("build.sh dist", "build.sh");
    assert_eq!(publishes_build(workflow, &default, build_script), Ok(()));
    let extra = workflow.replace("# the one command", "npm ci");
    fails(same_commands(&extra, readme), "npm ci");
    // Two commands in a `run: |` block are two; `run: >` folds them into one.
    let two_commands = readme.replace("scripts/build.sh dist", "npm ci\nscripts/build.sh dist");
    assert_eq!(same_commands(&extra, &two_commands), Ok(()));
    fails(
        same_commands(&extra.replace("run: |", "run: >"), &two_commands),
        "npm ci scripts/build.sh dist",
    );
    fails(same_commands("jobs: [", readme), "cannot parse");
    let two = readme.replace("```text", "```sh");
    fails(same_commands(workflow, &two), "2 ```sh blocks");
    fails(
        same_commands(workflow, &readme.replace("yourself", "elsewhere")),
        "no \"## Hosting it yourself\" section",
    );
    fails(
        publishes_build(
            &workflow.replace("deploy-pages", "other"),
            readme,
            build_script,
        ),
        "never deploys",
    );
    let one_branch = workflow.replace("\n      - main  # the published branch", " main");
    assert_eq!(pushes_to_main(&one_branch), Ok(()));
    fails(
        pushes_to_main(&workflow.replace("- main", "- release")),
        "not to main",
    );
    fails(
        pushes_to_main(&workflow.replace("push:", "pull_request:")),
        "no `push:`",
    );
    fails(pushes_to_main("on: [push]\n"), "without their filters");

    let scripts = |command: &str| commands_run_scripts(&[command.to_string()], root());
    assert_eq!(scripts("scripts/build.sh dist"), Ok(()));
    assert_eq!(scripts("FOO=1 ./scripts/build.sh dist"), Ok(()));
    fails(scripts("trunk build --release"), "does not run a script");
    fails(scripts("scripts/missing.sh"), "not in the repository");
    if cfg!(unix) {
        fails(scripts("tests/deploy_workflow.rs"), "not executable");
    }
}
