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
    [job] = flow["jobs"].values()
    assert job["runs-on"] == "ubuntu-latest"
    assert uses(job) == ["actions/checkout", "actions/setup-python"]
    setup = next(s for s in steps(job) if s.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["python-version"] == "3.11"
    commands = runs(job)
    assert 'python -m pip install -c constraints.txt -e ".[test]"' in commands
    assert "chronicle check --format github content" in commands
    assert "mkdocs build --strict" in commands
    assert "python -m pytest" in commands
    order = [
        position(job, lambda s, c=c: c in s.get("run", ""))
        for c in ("pip install", "chronicle check", "mkdocs build", "pytest")
    ]
    assert order == sorted(order)
    assert position(job, lambda s: "checkout" in s.get("uses", "")) < order[0]


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
    readme = (ROOT / "README.md").read_text()
    installs = re.findall(r"^python3 -m venv .*pip install.*$", readme, re.MULTILINE)
    assert len(installs) == 2 and all("-c constraints.txt" in line for line in installs)


def test_constraints_pin_every_dependency_within_the_bounds():
    import tomllib

    from packaging.requirements import Requirement

    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pins[name.lower().replace("_", "-")] = version
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = project["dependencies"] + project["optional-dependencies"]["test"]
    for text in declared:
        requirement = Requirement(text)
        name = requirement.name.lower().replace("_", "-")
        assert name in pins, f"{name} is not pinned in constraints.txt"
        assert requirement.specifier.contains(pins[name]), f"{name}=={pins[name]}: {text}"


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
    [job] = flow["jobs"].values()
    [command] = [c for c in runs(job) if c.startswith("chronicle check")]
    result = run(shlex.split(command)[1:], ROOT)
    assert result.exit_code == 0, result.output
    assert all(line.startswith("::warning file=content/") for line in result.stdout.splitlines())


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
