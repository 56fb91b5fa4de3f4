"""Repository conventions: the GitHub workflows, pre-commit hooks, the pull-request template
and CONTRIBUTING.md, read as the tools that use them read them."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import textwrap

import pytest
import yaml

from tests.conftest import CONTENT, ROOT
from tests.test_cli import line_of, run

WORKFLOWS = ROOT / ".github" / "workflows"
CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def load_workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    # YAML 1.1 (PyYAML) reads the key `on` as true; GitHub reads it as "on".
    assert "on" not in data
    data["on"] = data.pop(True)
    return data


def steps(job: dict) -> list[dict]:
    return job["steps"]


def uses(job: dict) -> list[str]:
    return [s["uses"].split("@")[0] for s in steps(job) if "uses" in s]


def runs(job: dict) -> list[str]:
    return [
        line.strip()
        for s in steps(job)
        if "run" in s
        for line in s["run"].splitlines()
        if line.strip()
    ]


def position(job: dict, predicate) -> int:
    return next(i for i, s in enumerate(steps(job)) if predicate(s))


def test_check_runs_on_pull_requests_the_checks_the_build_and_the_tests():
    flow = load_workflow("check.yml")
    assert "pull_request" in flow["on"]
    assert "push" not in flow["on"]
    assert flow["permissions"] == {"contents": "read"}
    assert set(flow["jobs"]) == {"check", "changes"}
    job = flow["jobs"]["check"]
    assert "permissions" not in job  # the tests run with the workflow's read-only token
    assert job["runs-on"] == "ubuntu-latest"
    assert uses(job) == ["actions/checkout"]
    commands = runs(job)
    # The README's install, into the environment every later step uses.
    readme_install = 'python3 -m venv .venv && . .venv/bin/activate && pip install -c constraints.txt -e ".[test]"'
    assert readme_install in commands
    assert 'echo "$PWD/.venv/bin" >> "$GITHUB_PATH"' in commands
    assert "chronicle check --format github content" in commands
    assert "mkdocs build --strict" in commands
    assert "python -m pytest" in commands
    order = [
        position(job, lambda s, c=c: c in s.get("run", ""))
        for c in ("apt-get install", "pip install", "chronicle check", "mkdocs build", "pytest")
    ]
    assert order == sorted(order)
    assert position(job, lambda s: "checkout" in s.get("uses", "")) < order[0]


def test_check_writes_what_a_pull_request_does_to_the_chronicle_and_comments_once():
    flow = load_workflow("check.yml")
    job = flow["jobs"]["changes"]
    assert job["if"] == "github.event_name == 'pull_request'"
    assert job["permissions"] == {"contents": "read", "pull-requests": "write"}
    checkout = steps(job)[0]
    assert checkout["uses"].startswith("actions/checkout")
    assert checkout["with"]["fetch-depth"] == 0  # the base commit's content is read
    commands = runs(job)
    diff = next(c for c in commands if c.startswith("chronicle diff"))
    assert diff == ('chronicle diff "$BASE_SHA" HEAD --format markdown > chronicle-diff.md || true')
    summary = next(s for s in steps(job) if "chronicle diff" in s.get("run", ""))
    assert summary["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    assert 'cat chronicle-diff.md >> "$GITHUB_STEP_SUMMARY"' in commands
    # One comment, found again by its marker and updated; not from a fork (no write token).
    comment = steps(job)[-1]
    assert comment["if"] == "github.event.pull_request.head.repo.full_name == github.repository"
    assert comment["continue-on-error"] is True
    script = comment["run"]
    assert "<!-- chronicle diff -->" in script
    assert "gh api -X PATCH" in script and "issues/comments/$id" in script
    assert "cat chronicle-diff.md >> comment.md" in script
    assert comment["env"]["GH_TOKEN"] == "${{ github.token }}"


def test_check_runs_with_the_oldest_and_the_newest_supported_python():
    import tomllib

    flow = load_workflow("check.yml")
    job = flow["jobs"]["check"]
    assert job["strategy"]["fail-fast"] is False
    matrix = job["strategy"]["matrix"]["include"]
    assert job["container"]["image"] == "${{ matrix.image }}"
    assert "${{ matrix.python }}" in job["name"]
    # The oldest: Debian 12's own Python, in Debian's image; the newest in the Python
    # project's image of the same Debian.
    assert [(m["python"], m["image"]) for m in matrix] == [
        ("3.11.2", "debian:bookworm"),
        ("3.13", "python:3.13-bookworm"),
    ]
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert requires == ">=3.11" and matrix[0]["python"].startswith("3.11.")
    for entry in matrix:
        assert "chromium" in entry["packages"].split()
    assert "python3-venv" in matrix[0]["packages"].split()
    install = next(s for s in steps(job) if "apt-get install" in s.get("run", ""))
    assert "${{ matrix.packages }}" in install["run"]
    # The job checks that it runs the Python of its matrix entry.
    assert any("${{ matrix.python }}" in s.get("run", "") for s in steps(job))
    # tests/test_python_versions.py tries the constraints with the job's own Python.
    tests = next(s for s in steps(job) if s.get("run") == "python -m pytest")
    assert tests["env"]["CHRONICLE_TEST_PYTHONS"] == "python3"


def test_ci_runs_the_tests_with_the_oldest_python_and_builds_with_the_newest():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^oldest=/usr/bin/python3$", ci, re.MULTILINE)
    assert "versions/3.13" in ci
    assert '"$newest" -m venv .venv-newest' in ci
    assert re.search(
        r"^\.venv-newest/bin/python -m pip install .*-c constraints.txt -e \.$", ci, re.MULTILINE
    )
    assert re.search(r'^\.venv-newest/bin/mkdocs build --strict .*-d "\$site"$', ci, re.MULTILINE)
    # The oldest Python goes first on PATH before the README's test command, which runs once.
    lines = ci.splitlines()
    path_at = lines.index('PATH="$(dirname "$oldest"):$PATH"')
    tests_at = next(i for i, line in enumerate(lines) if line.endswith("python -m pytest"))
    assert path_at < tests_at
    assert sum("pytest" in line for line in lines if not line.startswith("#")) == 1
    assert ".venv-newest/" in (ROOT / ".gitignore").read_text().splitlines()


def test_deploy_publishes_main_to_github_pages_with_the_official_actions():
    flow = load_workflow("deploy.yml")
    assert flow["on"]["push"]["branches"] == ["main"]
    assert "pull_request" not in flow["on"]
    assert flow["permissions"]["pages"] == "write"
    assert flow["permissions"]["id-token"] == "write"
    assert flow["concurrency"]["group"] == "pages"
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    assert uses(build) == [
        "actions/checkout",
        "actions/setup-python",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
    ]
    assert "chronicle check --format github content" in runs(build)
    assert "mkdocs build --strict" in runs(build)
    built = position(build, lambda s: "mkdocs build" in s.get("run", ""))
    upload_at = position(build, lambda s: "upload-pages-artifact" in s.get("uses", ""))
    assert built < upload_at
    site_dir = yaml.safe_load(
        re.search(r"^site_dir: .*$", (ROOT / "mkdocs.yml").read_text(), re.MULTILINE)[0]
    )["site_dir"]
    assert steps(build)[upload_at]["with"]["path"] == site_dir
    # The site's address is the Pages address (or the repository variable), set for the build.
    pages = next(st for st in steps(build) if "configure-pages" in st.get("uses", ""))
    address = steps(build)[built]["env"]["CHRONICLE_SITE_URL"]
    assert f"steps.{pages['id']}.outputs.base_url" in address
    # The whole history for the entries' history, and the repository for their links.
    assert steps(build)[0]["with"]["fetch-depth"] == 0
    build_env = steps(build)[built]["env"]
    assert build_env["CHRONICLE_REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    assert build_env["CHRONICLE_EDIT_URI"] == "edit/${{ github.ref_name }}/content/"
    assert re.search(
        r"^repo_url: !ENV \[CHRONICLE_REPO_URL, null\]$",
        (ROOT / "mkdocs.yml").read_text(),
        re.MULTILINE,
    )
    assert "vars.CHRONICLE_SITE_URL" in address
    assert re.search(
        r"^site_url: !ENV \[CHRONICLE_SITE_URL, null\]$",
        (ROOT / "mkdocs.yml").read_text(),
        re.MULTILINE,
    )

    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert uses(deploy) == ["actions/deploy-pages"]
    [step] = steps(deploy)
    assert deploy["environment"]["url"] == f"${{{{ steps.{step['id']}.outputs.page_url }}}}"


def test_upstream_runs_weekly_the_tests_on_the_newest_allowed_releases():
    flow = load_workflow("upstream.yml")
    assert "workflow_dispatch" in flow["on"]
    [schedule] = flow["on"]["schedule"]
    _minute, _hour, day, month, weekday = schedule["cron"].split()
    assert (day, month) == ("*", "*") and weekday.isdigit(), "once a week"
    assert flow["permissions"] == {"contents": "read"}
    [job] = flow["jobs"].values()
    commands = runs(job)
    install = next(c for c in commands if "pip install" in c)
    assert "constraints.txt" not in install and "--upgrade" in install
    assert '".[test]"' in install
    assert commands[-1] == "python -m pytest"


def test_every_install_but_upstream_uses_the_constraints():
    for path in [ROOT / ".ci" / "run", *WORKFLOWS.glob("*.yml")]:
        for line in path.read_text().splitlines():
            if "pip install" in line and path.name != "upstream.yml":
                assert "-c constraints.txt" in line, f"{path.name}: {line.strip()}"
    # This project's own set-up (a new chronicle installs the generator, not this project).
    readme = (ROOT / "README.md").read_text().split("## Set up", 1)[1]
    installs = re.findall(r"^python3 -m venv .*pip install.*$", readme, re.MULTILINE)
    assert len(installs) == 2 and all("-c constraints.txt" in line for line in installs)


def test_constraints_pin_every_dependency_within_the_bounds():
    import tomllib

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    pins: dict[str, list[str]] = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if line and not line.startswith(("#", " ")):
            pin = Requirement(line)
            [spec] = pin.specifier
            assert spec.operator == "==", line
            pins.setdefault(canonicalize_name(pin.name), []).append(spec.version)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = project["dependencies"] + project["optional-dependencies"]["test"]
    for text in declared:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is not pinned in constraints.txt"
        for version in pins[name]:
            assert requirement.specifier.contains(version), f"{name}=={version}: {text}"


@pytest.mark.parametrize("name", ["check.yml", "deploy.yml", "upstream.yml"])
def test_every_action_is_pinned_to_a_major_version(name):
    flow = load_workflow(name)
    for job in flow["jobs"].values():
        for step in steps(job):
            assert "name" in step
            if "uses" in step:
                assert re.fullmatch(r"actions/[\w-]+@v\d+", step["uses"]), step["uses"]


def test_the_workflow_check_command_passes_on_the_real_content():
    # Exactly the command of both workflows: errors would fail them, warnings must not.
    flow = load_workflow("check.yml")
    job = flow["jobs"]["check"]
    [command] = [c for c in runs(job) if c.startswith("chronicle check")]
    result = run(shlex.split(command)[1:], ROOT)
    assert result.exit_code == 0, result.output
    assert all(line.startswith("::warning file=content/") for line in result.stdout.splitlines())


def test_the_workflow_diff_command_describes_the_repository_since_its_first_commit():
    # The pull request's command, from the repository's first commit to this one: what
    # the history changed, in the chronicle's terms, and nothing is an error.
    import subprocess

    done = subprocess.run(["git", "rev-list", "--max-parents=0", "HEAD"], cwd=ROOT,
                          capture_output=True, text=True, check=False)  # fmt: skip
    shallow = subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=ROOT,
                             capture_output=True, text=True, check=False)  # fmt: skip
    if done.returncode != 0 or shallow.stdout.strip() == "true":
        pytest.skip("the repository's whole history is not here")
    first = done.stdout.split()[-1]
    result = run(["diff", first, "HEAD", "--format", "markdown", "--content", "content"], ROOT)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("## What this change does to the chronicle\n")
    assert "### Entries changed (" in result.output
    # A commit of the history (225d1cb) gave a claim of the Tinzaouaten battle parts.
    assert "\n- event 2024-07-25-battle-of-tinzaouaten: " in result.output
    assert "### Claims added (" in result.output
    assert "### Errors" not in result.output


def test_pre_commit_hook_checks_changed_content_files():
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "chronicle-check"
    assert hook["entry"] == "chronicle check"
    assert hook["language"] == "python"
    files = re.compile(hook["files"])
    assert files.search("content/events/2024/2024-11-21-mopti-checkpoint-ambush.md")
    assert not files.search("tests/content/bad_date/events/2024/2024-09-01-bad-date.md")
    assert not files.search("generator/cli.py")

    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    assert repo["repo"] == "local"
    [local] = repo["hooks"]
    for key in ("id", "entry", "files", "types"):
        assert local[key] == hook[key], key


@pytest.mark.mali_chronicle
def test_the_hook_entry_with_changed_files_as_pre_commit_passes_them(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    event = content / "events" / "2024" / "2024-11-21-mopti-checkpoint-ambush.md"
    text = event.read_text(encoding="utf-8").replace(
        "actors: [jnim, wagner]", "actors: [jnim, wagnr]"
    )
    event.write_text(text, encoding="utf-8")
    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    changed = [
        "content/actors/jnim.md",
        "content/events/2024/2024-11-21-mopti-checkpoint-ambush.md",
    ]
    result = run([*shlex.split(hook["entry"])[1:], *changed], tmp_path)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        (
            f"content/events/2024/2024-11-21-mopti-checkpoint-ambush.md:{line_of(text, 'actors:')}: "
            "actors[1]: unknown actor 'wagnr' (did you mean 'wagner'?)"
        ),
        # The event's ACLED side (actor2) names wagner, no longer among its actors.
        (
            f"content/events/2024/2024-11-21-mopti-checkpoint-ambush.md:{line_of(text, 'actor2:')}: "
            "actor2: 'wagner' is not in this event's actors (did you mean 'wagnr'?)"
        ),
    ]


def test_pull_request_template_holds_the_reviewers_checklist():
    text = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] (.+(?:\n {6}.+)*)", text, re.MULTILINE)
    items = [" ".join(item.split()) for item in items]
    assert len(items) >= 10
    for needed in (
        "chronicle check",
        "attributed to its claimant",
        "neutral",
        "No graphic detail",
        "redirect_from",
        "mkdocs serve",
        "single source",
    ):
        assert any(needed in item for item in items), needed


# --- CONTRIBUTING.md ------------------------------------------------------------------


def code_blocks(language: str) -> list[str]:
    """The code blocks of CONTRIBUTING.md in ``language``, list items' ones dedented."""
    blocks = re.findall(rf"^( *)```{language}\n(.*?)^\1```", CONTRIBUTING, re.MULTILINE | re.DOTALL)
    return [textwrap.dedent(block) for _, block in blocks]


def test_contributing_covers_what_a_first_contribution_needs():
    for heading in (
        "Set up once",
        "Add an event, step by step",
        "A complete event, annotated",
        "Sourcing and neutrality rules",
        "The checks",
        "Renaming an entry",
    ):
        assert re.search(rf"^## {heading}$", CONTRIBUTING, re.MULTILINE), heading
    commands = "\n".join(code_blocks("sh"))
    for needed in (
        "python3 -m venv .venv",
        ". .venv/bin/activate",
        "pip install -c constraints.txt -e .",
        "bash .ci/lock",
        "chronicle new event",
        "chronicle check",
        "mkdocs serve",
        "python -m pytest",
    ):
        assert needed in commands, needed
    for rule in (
        "Attribute every contested fact to its claimant",
        "Neutral names",
        "No graphic detail",
    ):
        assert rule in CONTRIBUTING, rule


def test_every_chronicle_command_in_contributing_parses():
    commands = []
    for block in code_blocks("sh"):
        for line in block.replace("\\\n", " ").splitlines():
            line = line.split("  #")[0].strip()
            if line.startswith("chronicle "):
                commands.append(shlex.split(line)[1:])
    assert len(commands) >= 8
    for args in commands:
        # --help is read once the options are parsed: an unknown option fails here.
        result = run([*args, "--help"], ROOT)
        assert result.exit_code == 0, (args, result.output)


@pytest.mark.mali_chronicle
def test_the_annotated_example_in_contributing_is_a_valid_event(tmp_path):
    [example] = [b for b in code_blocks("yaml") if b.startswith("---\n# Short and neutral")]
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    path = content / "events" / "2024" / "2024-11-21-example-from-contributing.md"
    path.write_text(example, encoding="utf-8")
    result = run(["check", "--format", "json", str(path.relative_to(tmp_path))], tmp_path)
    assert result.exit_code == 0, result.output
    # It rests on one source, as the real entry does: a warning, no error.
    assert [(p["field"], p["severity"]) for p in json.loads(result.stdout)] == [
        ("sources", "warning")
    ]


def test_contributing_shows_real_messages():
    messages, overlap = code_blocks("text")
    for line in messages.splitlines():
        assert re.fullmatch(r"content/events/\d{4}/[a-z0-9-]+\.md:\d+: [\w.\[\]]+: .+", line)
    assert "type: 'battle' is not one of: battles," in messages
    # chronicle overlap's line, as overlap.Run prints it.
    assert re.fullmatch(
        r"content/events/\d{4}/[a-z0-9-]+\.md:\d+: [\w.\[\]]+: \d+ words, unquoted, "
        r"shared with [\w./-]+:\d+: \u201c[^\u201d]+\u201d\n",
        overlap,
    )


def test_the_readme_set_up_commands_make_and_use_a_virtual_environment():
    """Each works as written where the system Python refuses pip (Debian): no `python`, no
    global pip; the second is the one .ci/run runs."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    build, test = re.findall(r"```sh\n(.*?)\n```", section, re.DOTALL)[:2]
    venv = "python3 -m venv .venv && . .venv/bin/activate && "
    assert build == venv + "pip install -c constraints.txt -e . && mkdocs build --strict"
    assert test == venv + 'pip install -c constraints.txt -e ".[test]" && python -m pytest'
    assert "mkdocs serve" in section and "http://127.0.0.1:8000/" in section
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test in ci.splitlines()
