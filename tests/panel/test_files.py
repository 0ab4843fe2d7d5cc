"""Participant files are validated like every model file: `file:line: key.path: message`."""

from __future__ import annotations

from pathlib import Path

import pytest

from decisiontool.analysis import Analysis
from decisiontool.loading import load_model
from decisiontool.panel import analyse_panel
from decisiontool.problems import ModelError
from tests.panel.conftest import Participant


def problems_of(root: Path, *, analyse: bool = False) -> list[str]:
    with pytest.raises(ModelError) as caught:
        model = load_model(root)
        if analyse:
            analyse_panel(Analysis.create(model))
    return [str(problem) for problem in caught.value.problems]


def test_the_panel_folder_is_optional(tiny: Path) -> None:
    assert load_model(tiny).panel == {}


def test_unknown_key_with_did_you_mean(tiny: Path, participant: Participant) -> None:
    participant("p", "[weights]\na = 1\n[[dissnet]]\nabout = 'x'\ntext = 't'\n")
    (problem,) = problems_of(tiny)
    assert problem.startswith("panel/p.toml: dissnet: unknown key 'dissnet' (did you mean 'dissent'?)")


def test_unknown_ids_refused_with_did_you_mean(tiny: Path, participant: Participant) -> None:
    participant(
        "p",
        "[weights]\naa = 1\n[[scores]]\noption = 'xx'\ncriterion = 'b'\nvalue = 1\n"
        "[[scores]]\noption = 'x'\ncriterion = 'g'\nvalue = 1\n[[dissent]]\nabout = 'yy'\ntext = 't'\n",
    )
    assert problems_of(tiny) == [
        "panel/p.toml:3: weights.aa: unknown criterion or group 'aa' (did you mean 'a'?)",
        "panel/p.toml:5: scores[#1].option: unknown option 'xx' (did you mean 'x'?)",
        "panel/p.toml:10: scores[#2].criterion: unknown criterion 'g' (that is a group: a score is read "
        "on one criterion)",
        "panel/p.toml:13: dissent[#1].about: unknown option, criterion or group 'yy' (did you mean 'y'?) "
        '(or "model" for the model as a whole)',
    ]


def test_scores_outside_the_scale_and_bad_ranges(tiny: Path, participant: Participant) -> None:
    participant(
        "p",
        "[weights]\na = 1\n[[scores]]\noption = 'x'\ncriterion = 'a'\nvalue = 2\n"
        "[[scores]]\noption = 'y'\ncriterion = 'a'\nvalue = 0.5\nrange = [0.6, 0.9]\n",
    )
    assert problems_of(tiny) == [
        "panel/p.toml:7: scores[#1].value: 2 is outside the scale [0, 1] of a",
        "panel/p.toml:12: scores[#2].range: [0.6, 0.9] does not contain the value 0.5",
    ]


def test_exactly_one_way_of_giving_weights(tiny: Path, participant: Participant) -> None:
    participant("none", "role = 'r'\n")
    participant("two", "[weights]\na = 1\n[rank]\norder = ['a', 'b']\n")
    assert problems_of(tiny) == [
        "panel/none.toml: gives no weights: add [weights], or judgements as [ahp], [rank] or [swing]",
        "panel/two.toml: gives weights in 2 ways ([weights], [rank]): use exactly one of [weights], [ahp], "
        "[rank] or [swing]",
    ]


def test_types_and_non_finite_numbers(tiny: Path, participant: Participant) -> None:
    participant("p", "illustrative = 'yes'\n[weights]\na = nan\n")
    found = problems_of(tiny)
    assert "panel/p.toml:2: illustrative: Input should be a valid boolean" in found, found
    assert "panel/p.toml:4: weights.a: must be a finite number (NaN and infinity are not allowed)" in found


def test_a_bad_participant_id_is_refused(tiny: Path, participant: Participant) -> None:
    participant("Bad-Name", "[weights]\na = 1\n")
    (problem,) = problems_of(tiny)
    assert problem.startswith("panel/Bad-Name.toml: the file name gives the participant id 'Bad-Name'")


def test_ahp_judgements_checked_by_the_elicitation_code(tiny: Path, participant: Participant) -> None:
    participant(
        "p",
        "[ahp]\n[[ahp.pair]]\na = 'a'\nb = 'b'\nvalue = 20\n[[ahp.pair]]\na = 'a'\nb = 'bb'\nvalue = 2\n",
    )
    found = problems_of(tiny, analyse=True)
    assert "panel/p.toml:6: ahp.pair[#1].value: 20 is off Saaty's scale: values lie from 1/9 to 9" in found


def test_ahp_unknown_id_with_did_you_mean(tiny: Path, participant: Participant) -> None:
    participant("p", "[ahp]\n[[ahp.pair]]\na = 'a'\nb = 'bb'\nvalue = 2\n")
    assert problems_of(tiny, analyse=True) == [
        "panel/p.toml:3: ahp.pair[#1]: unknown criterion or group 'bb' (did you mean 'b'?)"
    ]


def test_rank_and_swing_problems_name_the_file_and_key(tiny: Path, participant: Participant) -> None:
    participant("ranker", "[rank]\norder = ['a', 'c']\n")
    participant("swinger", "[swing]\norder = ['a', 'b']\n[swing.ratings]\na = 100\nb = 120\n")
    found = problems_of(tiny, analyse=True)
    assert "panel/ranker.toml:3: rank.c: unknown criterion or group 'c'" in found[0]
    assert any(
        p.startswith("panel/swinger.toml") and "swing.ratings.b: 120 must lie between 0 and 100" in p
        for p in found
    )
