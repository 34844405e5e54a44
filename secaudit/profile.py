"""The person's risk profile: a few answers that decide which fixes come first.

Questions, defaults and their effects are data (guides/profile/profile.yaml). A profile is a
small YAML file, saved owner-only in the user's configuration folder by `secaudit profile`, or
prepared by a trainer for a whole group and passed with `--profile FILE`.
"""

from __future__ import annotations

import functools
import os
import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from secaudit.errors import BadInputError
from secaudit.yamlio import line_of, load_yaml_file, parse_yaml

ANSWERS = ("yes", "no", "not_sure")


@dataclass(frozen=True, slots=True)
class Effect:
    """How a "yes" to a risk question changes one finding's weight, and why."""

    factor: float
    reason: str


@dataclass(frozen=True, slots=True)
class RiskQuestion:
    """A plain question about the person's situation."""

    id: str
    question: str
    default: str
    effects: dict[str, Effect]


@dataclass(frozen=True, slots=True)
class SelfReportItem:
    """A protection secaudit cannot see, asked about instead."""

    id: str
    question: str
    title: str
    action: str
    severity: str
    difficulty: str
    guide: str  # a secaudit guide id (guides/<lang>/<guide>.md)


@dataclass(frozen=True, slots=True)
class ProfileModel:
    """All questions of the profile."""

    risks: tuple[RiskQuestion, ...]
    self_report: tuple[SelfReportItem, ...]


@dataclass(frozen=True, slots=True)
class Profile:
    """One person's (or one group's) answers; `source` says where they came from."""

    answers: dict[str, str] = field(default_factory=dict)
    source: str = "default"

    def answer(self, question_id: str) -> str:
        """`yes`, `no` or `not_sure`."""
        return self.answers.get(question_id, "not_sure")


@functools.lru_cache(maxsize=1)
def profile_model() -> ProfileModel:
    """The questions, from guides/profile/profile.yaml."""
    source = "guides/profile/profile.yaml"
    text = (resources.files("secaudit.guides") / "profile" / "profile.yaml").read_text("utf-8")
    data = parse_yaml(text, source)
    risks = tuple(
        RiskQuestion(str(r["id"]), str(r["question"]), str(r.get("default", "not_sure")),
                     {str(k): Effect(float(v["factor"]), str(v["reason"]))
                      for k, v in (r.get("effects") or {}).items()})
        for r in data["risks"])
    items = tuple(
        SelfReportItem(str(s["id"]), str(s["question"]), str(s["title"]), str(s["action"]),
                       str(s["severity"]), str(s.get("difficulty", "medium")), str(s["guide"]))
        for s in data["self_report"])
    return ProfileModel(risks, items)


def default_profile() -> Profile:
    """The answers assumed without a profile: a defender's personal laptop."""
    return Profile({q.id: q.default for q in profile_model().risks}, "default")


def default_profile_path() -> Path:
    """Where `secaudit profile` saves answers: the user's configuration folder."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "secaudit" / "profile.yaml"


def load_profile(path: Path) -> Profile:
    """Read a saved or prepared profile; unknown questions or answers name file and line."""
    data = load_yaml_file(path)
    answers = data.get("answers") if isinstance(data, dict) else None
    if not isinstance(answers, dict):
        raise BadInputError(str(path), "a profile needs an `answers` mapping",
                            line=line_of(data), hint="see `secaudit profile --help`")
    model = profile_model()
    known = {q.id for q in model.risks} | {s.id for s in model.self_report}
    # Hand-written files say yes/no unquoted, which YAML 1.1 reads as booleans.
    answers = {k: {True: "yes", False: "no"}.get(v, v) if isinstance(v, bool) else v
               for k, v in answers.items()}
    for key, value in answers.items():
        if key not in known:
            raise BadInputError(str(path), f"unknown question {key!r}", line=line_of(data),
                                where=f"answers.{key}", hint="known: " + ", ".join(sorted(known)))
        if str(value) not in ANSWERS:
            raise BadInputError(str(path), f"answer {value!r} is not yes, no or not_sure",
                                line=line_of(data), where=f"answers.{key}")
    merged = {**default_profile().answers, **{str(k): str(v) for k, v in answers.items()}}
    return Profile(merged, str(path))


def profile_text(profile: Profile) -> str:
    """A profile as the YAML file `load_profile` reads."""
    lines = ["# secaudit risk profile: answers are yes, no or not_sure.", "answers:"]
    lines += [f'  {key}: "{value}"' for key, value in sorted(profile.answers.items())]
    return "\n".join(lines) + "\n"

