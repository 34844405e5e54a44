"""First-aid flows are well-formed trees in every language, and walk as a user walks them."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
import yaml

from secaudit.errors import BadInputError
from secaudit.first_aid import flow_ids, load_contacts, load_flow, parse_flow, walk
from secaudit.guide_files import languages
from secaudit.registry import load_builtin_registry
from support import HOSTS

REGISTRY = load_builtin_registry()
SCRIPT = str(Path(sys.executable).parent / "secaudit")
REQUIRED = {"lost-device", "device-seized", "suspicious-device", "account-access",
            "suspicious-message"}


def _translations() -> list[tuple[str, str]]:
    root = resources.files("secaudit.guides") / "first-aid"
    return [(lang, flow) for lang in languages() if lang != "en"
            for flow in flow_ids() if (root / lang / f"{flow}.yaml").is_file()]


def test_the_required_flows_exist() -> None:
    assert set(flow_ids()) >= REQUIRED


def test_every_language_has_every_flow() -> None:
    from secaudit.first_aid import missing_flow_translations

    assert missing_flow_translations() == {code: [] for code in ("es", "fr", "pt", "ar")}


@pytest.mark.parametrize("flow_id", flow_ids())
def test_english_flow_is_valid_and_points_to_real_checks_and_contacts(flow_id: str) -> None:
    flow = load_flow(flow_id)  # parse_flow validates the tree
    assert flow is not None and flow.id == flow_id and flow.title
    contacts = load_contacts()
    for node in flow.nodes.values():
        assert set(node.run_checks) <= set(REGISTRY.ids()), node.id
        assert set(node.help) <= set(contacts), node.id


@pytest.mark.parametrize(("lang", "flow_id"), _translations())
def test_translation_has_the_same_tree(lang: str, flow_id: str) -> None:
    english, translated = load_flow(flow_id), load_flow(flow_id, lang)
    assert english is not None and translated is not None
    assert translated.start == english.start
    assert set(translated.nodes) == set(english.nodes)
    for node_id, node in english.nodes.items():
        other = translated.nodes[node_id]
        assert [a.next for a in other.answers] == [a.next for a in node.answers], node_id
        assert other.run_checks == node.run_checks and other.help == node.help, node_id


def test_check_declarations_point_to_existing_flows() -> None:
    for check in REGISTRY:
        if check.spec.first_aid:
            assert check.spec.first_aid in flow_ids(), check.spec.id


def _flow(nodes: dict[str, object]) -> dict[str, object]:
    return {"id": "t", "title": "T", "start": "a", "nodes": nodes}


LEAF = {"steps": ["Do this."], "help": ["access-now-helpline"]}


@pytest.mark.parametrize(("nodes", "problem"), [
    ({"a": {"question": "?", "answers": [{"label": "x", "next": "nowhere"}]}}, "missing node"),
    ({"a": LEAF, "b": LEAF}, "not reachable"),
    ({"a": {"question": "?", "answers": [{"label": "x", "next": "b"}]},
      "b": {"question": "?", "answers": [{"label": "y", "next": "a"}]}}, "cycle"),
    ({"a": {"text": "dead end"}}, "answers"),
    ({"a": {"steps": ["x"]}}, "help"),
])
def test_malformed_trees_are_rejected(nodes: dict[str, object], problem: str) -> None:
    with pytest.raises(BadInputError, match=problem):
        parse_flow(yaml.safe_load(yaml.safe_dump(_flow(nodes))), "t.yaml", "en")


def test_walk_follows_answers_and_refuses_impossible_ones() -> None:
    flow = load_flow("suspicious-message")
    assert flow is not None
    path = walk(flow, [1, 2])
    assert path[0].id == flow.start and path[-1].is_leaf
    with pytest.raises(ValueError, match="answers 1 to"):
        walk(flow, [99])


def test_first_aid_command_with_answers_shows_steps_results_and_help() -> None:
    host = HOSTS / "linux" / "ubuntu-2204-plain-chrome"
    done = subprocess.run([SCRIPT, "first-aid", "suspicious-message", "--answers", "1,2",
                           "--host", str(host)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "[FAIL] Browser phishing and malware protection" in done.stdout
    assert "Access Now Digital Security Helpline" in done.stdout
    assert "free of malware" in done.stdout  # it says it cannot prove that, never the opposite
    bad = subprocess.run([SCRIPT, "first-aid", "suspicious-message", "--answers", "7"],
                         capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "answers 1 to" in bad.stderr


def test_first_aid_interactive_walk_with_back_and_quit() -> None:
    flow = load_flow("lost-device")
    assert flow is not None
    first_answer = flow.nodes[flow.start].answers[0].label
    done = subprocess.run([SCRIPT, "first-aid", "lost-device"], input="1\nb\n9\nq\n",
                          capture_output=True, text=True, check=False, timeout=60)
    assert done.returncode == 0, done.stderr
    # the start question is shown again after going back, and a bad number is explained
    assert done.stdout.count(first_answer) >= 2
    assert "Please type a number" in done.stdout
